//! The operations of the chat tool, as Python and Node call them.
