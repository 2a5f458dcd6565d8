//! The audit's card: the violations `disinfo ads audit` found, for an incoming webhook
//! (`--notify URL`). To be written.
