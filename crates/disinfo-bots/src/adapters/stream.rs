//! The JSON containers: JSONL, a top-level array (streamed element by element), one document.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::io::{BufRead, Cursor, Read};
use std::rc::Rc;

use serde::de::{DeserializeSeed, Deserializer as _, SeqAccess, Visitor};
use serde_json::Value;

use super::{Ctx, Dataset, Tally};
use crate::{Error, Result};

/// Reads JSON records from `reader`, choosing the container from the first non-blank byte.
pub(crate) fn read_json<R: BufRead>(mut reader: R, ctx: &Ctx<'_>) -> Result<Dataset> {
    let mut tally = Tally::new(ctx.options);
    let (first, skipped_lines) = match skip_blank(&mut reader, ctx)? {
        Some(found) => found,
        None => return Ok(tally.finish()),
    };
    match first {
        b'[' => read_array(reader, skipped_lines, ctx, &mut tally)?,
        b'{' => {
            let mut line = Vec::new();
            reader
                .read_until(b'\n', &mut line)
                .map_err(|e| read_error(ctx, e))?;
            let complete_line = match serde_json::from_slice::<Value>(&line) {
                Ok(_) => true,
                Err(e) => !e.is_eof(),
            };
            if complete_line {
                read_lines(
                    Cursor::new(line).chain(reader),
                    skipped_lines,
                    ctx,
                    &mut tally,
                )?;
            } else {
                read_document(
                    Cursor::new(line).chain(reader),
                    skipped_lines,
                    ctx,
                    &mut tally,
                )?;
            }
        }
        _ => read_lines(reader, skipped_lines, ctx, &mut tally)?,
    }
    Ok(tally.finish())
}

fn read_error(ctx: &Ctx<'_>, e: std::io::Error) -> Error {
    disinfo_core::IoError::read(&ctx.options.source_name, e).into()
}

/// Consumes leading whitespace and a UTF-8 byte-order mark; returns the next byte (not
/// consumed) and the number of newlines consumed, so line numbers stay right.
fn skip_blank<R: BufRead>(reader: &mut R, ctx: &Ctx<'_>) -> Result<Option<(u8, u64)>> {
    let mut at_start = true;
    let mut newlines = 0u64;
    loop {
        let buf = reader.fill_buf().map_err(|e| read_error(ctx, e))?;
        if buf.is_empty() {
            return Ok(None);
        }
        if at_start && buf.starts_with(&[0xEF, 0xBB, 0xBF]) {
            reader.consume(3);
            at_start = false;
            continue;
        }
        at_start = false;
        let skip = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
        newlines += buf[..skip].iter().filter(|b| **b == b'\n').count() as u64;
        if skip < buf.len() {
            let byte = buf[skip];
            reader.consume(skip);
            return Ok(Some((byte, newlines)));
        }
        reader.consume(skip);
    }
}

/// JSONL: one record per line, blank lines skipped, every line numbered.
fn read_lines<R: BufRead>(
    mut reader: R,
    skipped_lines: u64,
    ctx: &Ctx<'_>,
    tally: &mut Tally<'_>,
) -> Result<()> {
    let mut buf = Vec::new();
    let mut line_no = skipped_lines;
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| read_error(ctx, e))?;
        if n == 0 {
            return Ok(());
        }
        line_no += 1;
        let trimmed = buf.trim_ascii();
        if trimmed.is_empty() {
            continue;
        }
        let location = format!("line {line_no}");
        let text = match std::str::from_utf8(trimmed) {
            Ok(text) => text,
            Err(e) => {
                let reason = format!("invalid UTF-8 at byte {} of the line", e.valid_up_to() + 1);
                tally.reject(line_no, location, reason)?;
                continue;
            }
        };
        match serde_json::from_str::<Value>(text) {
            Ok(value) => tally.json(ctx, line_no, location, &value)?,
            Err(e) => {
                let reason = format!("invalid JSON at column {}: {e}", e.column());
                tally.reject(line_no, location, reason)?;
            }
        }
    }
}

/// One JSON document (an API page): parsed as one record.
fn read_document<R: Read>(
    reader: R,
    skipped_lines: u64,
    ctx: &Ctx<'_>,
    tally: &mut Tally<'_>,
) -> Result<()> {
    let mut de = serde_json::Deserializer::from_reader(reader);
    let parsed =
        <Value as serde::Deserialize>::deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    match parsed {
        Ok(value) => tally.json(ctx, 1 + skipped_lines, "record 1".to_string(), &value),
        Err(e) => {
            let reason = syntax_reason(&e);
            let line = e.line() as u64 + skipped_lines;
            tally.reject(line, format!("line {line}, column {}", e.column()), reason)
        }
    }
}

fn syntax_reason(e: &serde_json::Error) -> String {
    if e.is_eof() {
        format!("truncated JSON: the input ends inside a value ({e})")
    } else {
        format!("invalid JSON: {e}")
    }
}

/// Counts newlines in the bytes handed to the JSON parser, so array elements get line numbers.
struct LineCounter<R> {
    inner: R,
    lines: Rc<Cell<u64>>,
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(out)?;
        let newlines = out[..n].iter().filter(|b| **b == b'\n').count() as u64;
        self.lines.set(self.lines.get() + newlines);
        Ok(n)
    }
}

/// A top-level array, streamed: each element is mapped as soon as it is parsed.
fn read_array<R: BufRead>(
    reader: R,
    skipped_lines: u64,
    ctx: &Ctx<'_>,
    tally: &mut Tally<'_>,
) -> Result<()> {
    let lines = Rc::new(Cell::new(1 + skipped_lines));
    let counter = LineCounter {
        inner: reader,
        lines: Rc::clone(&lines),
    };
    let mut de = serde_json::Deserializer::from_reader(counter);
    let failure: RefCell<Option<Error>> = RefCell::new(None);
    let visitor = ArrayVisitor {
        ctx,
        tally: RefCell::new(&mut *tally),
        lines: &lines,
        failure: &failure,
    };
    let outcome = de.deserialize_seq(visitor).and_then(|()| de.end());
    if let Some(error) = failure.into_inner() {
        return Err(error);
    }
    if let Err(e) = outcome {
        // A syntax error inside an array cannot be skipped: the rest is unreadable. Strict mode
        // fails; lenient mode reports it (with where reading stopped) and keeps what was read.
        let reason = format!(
            "{}; the rest of the input could not be read",
            syntax_reason(&e)
        );
        let location = format!(
            "line {}, column {}",
            e.line() as u64 + skipped_lines,
            e.column()
        );
        return tally.reject(e.line() as u64 + skipped_lines, location, reason);
    }
    Ok(())
}

struct ArrayVisitor<'a, 'b, 'c> {
    ctx: &'a Ctx<'a>,
    tally: RefCell<&'b mut Tally<'c>>,
    lines: &'a Rc<Cell<u64>>,
    failure: &'a RefCell<Option<Error>>,
}

impl<'de> Visitor<'de> for ArrayVisitor<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        let mut index = 0u64;
        while let Some(value) = seq.next_element_seed(ValueSeed)? {
            index += 1;
            let line = self.lines.get();
            let location = format!("record {index} (line {line})");
            let mut tally = self.tally.borrow_mut();
            if let Err(error) = tally.json(self.ctx, line, location, &value) {
                *self.failure.borrow_mut() = Some(error);
                return Err(serde::de::Error::custom("stopped on a malformed record"));
            }
        }
        Ok(())
    }
}

struct ValueSeed;

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        de: D,
    ) -> std::result::Result<Value, D::Error> {
        serde::Deserialize::deserialize(de)
    }
}
