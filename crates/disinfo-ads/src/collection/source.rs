//! Where a collection's file bytes come from (a path on disk or bytes in memory), and reading
//! them with one reused buffer per loading thread.

use std::cell::RefCell;
use std::io::Read;
use std::path::PathBuf;

use crate::error::{Error, Result};

/// Where a file's bytes come from.
#[derive(Debug, Clone)]
pub enum FileSource {
    /// A file on disk.
    Path(PathBuf),
    /// Bytes in memory.
    Bytes(Vec<u8>),
}

impl FileSource {
    /// The size in bytes (0 when a file cannot be read; the read reports it).
    pub(crate) fn len(&self) -> u64 {
        match self {
            FileSource::Path(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
            FileSource::Bytes(b) => b.len() as u64,
        }
    }
}

thread_local! {
    /// Each loading thread reads its files into one buffer, reused from file to file (a fresh
    /// allocation per file costs page faults and zeroing for every file of a large dump).
    static READ_BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The largest read buffer a loading thread keeps between files.
const KEPT_BUFFER: usize = 64 << 20;

/// Calls `f` with the bytes of `src`.
pub(crate) fn with_bytes<T>(
    name: &str,
    src: &FileSource,
    f: impl FnOnce(&[u8]) -> Result<T>,
) -> Result<T> {
    let path = match src {
        FileSource::Bytes(bytes) => return f(bytes),
        FileSource::Path(path) => path,
    };
    let read = |buf: &mut Vec<u8>| {
        buf.clear();
        std::fs::File::open(path)
            .and_then(|mut file| file.read_to_end(buf))
            .map_err(|e| Error::io("read", name, e))
    };
    READ_BUFFER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => {
            let result = read(&mut buf).and_then(|_| f(&buf));
            if buf.capacity() > KEPT_BUFFER {
                *buf = Vec::new();
            }
            result
        }
        // Only if a parse ever ran inside another on one thread: a buffer of its own.
        Err(_) => {
            let mut buf = Vec::new();
            read(&mut buf).and_then(|_| f(&buf))
        }
    })
}
