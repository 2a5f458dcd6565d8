//! Cards for the analysts' channel: what the tracker recorded and what the audit found.
