//! Shared reading of CSV exports: header lookup by normalised name (`Ad_ID`, `AD ID` and `ADID`
//! are one column), required columns, per-row raw hashes and line numbers, rows with the wrong
//! number of fields rejected.

use std::collections::HashMap;

use super::builder::Builder;
use super::values;
use super::{FileContext, FileNote, FileOutput, Layout, ParsedRecord, Position, RawRejected};
use crate::error::{Error, Result};
use crate::model::{Field, FieldState, Range, RawSpan};

/// Normalises a column name: lower case, letters and digits only.
pub fn norm(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// One data row with its header.
pub struct Row<'r> {
    cols: &'r HashMap<String, usize>,
    rec: &'r csv::StringRecord,
}

impl Row<'_> {
    /// The cell of the first of `names` that exists as a column; `None` if none does.
    pub fn get(&self, names: &[&str]) -> Option<&str> {
        names
            .iter()
            .find_map(|n| self.cols.get(&norm(n)))
            .map(|&i| self.rec.get(i).unwrap_or(""))
    }
}

impl Builder<'_> {
    /// A text cell: missing column = absent, empty cell = null.
    pub fn cell(&mut self, row: &Row<'_>, field: Field, names: &[&str]) -> Option<String> {
        match row.get(names) {
            None => {
                self.set(field, FieldState::Absent);
                None
            }
            Some(s) if values::is_blank(s) => {
                self.set(field, FieldState::Null);
                None
            }
            Some(s) => {
                self.present(field);
                Some(s.trim().to_owned())
            }
        }
    }

    /// A timestamp cell.
    pub fn cell_time(&mut self, row: &Row<'_>, field: Field, names: &[&str]) -> Option<i64> {
        let s = self.cell(row, field, names)?;
        self.time_text(field, names.first().copied().unwrap_or(""), &s)
    }

    /// A bucket or number cell.
    pub fn cell_range(&mut self, row: &Row<'_>, field: Field, names: &[&str]) -> Option<Range> {
        let s = self.cell(row, field, names)?;
        match values::parse_bucket(&s) {
            Ok(r) => Some(r),
            Err(m) => {
                self.issue(
                    field,
                    "invalid_range",
                    names.first().copied().unwrap_or(""),
                    &s,
                    m,
                );
                None
            }
        }
    }

    /// A range from two cells (`Spend_Range_Min_EUR`, `Spend_Range_Max_EUR`); an empty max is
    /// an open range.
    pub fn cell_min_max(
        &mut self,
        row: &Row<'_>,
        field: Field,
        min: &str,
        max: &str,
    ) -> Option<Range> {
        let lo = self.cell(row, field, &[min])?;
        let lo = match values::parse_count(&lo) {
            Ok(v) => v,
            Err(m) => {
                self.issue(field, "invalid_range", min, &lo, m);
                return None;
            }
        };
        let hi = match row.get(&[max]).map(str::trim) {
            None | Some("") => None,
            Some(s) => match values::parse_count(s) {
                Ok(v) => Some(v),
                Err(m) => {
                    self.issue(field, "invalid_range", max, s, m);
                    return None;
                }
            },
        };
        Some(Range::new(lo, hi))
    }
}

/// Reads a CSV export. `required` columns must exist (they make the key); `optional` columns
/// that are missing are noted once per file (their fields become `absent`).
pub fn read<F>(
    ctx: &FileContext<'_>,
    bytes: &[u8],
    format: &str,
    required: &[&[&str]],
    optional: &[&str],
    read_row: F,
) -> Result<FileOutput>
where
    F: Fn(&Row<'_>, &mut Builder<'_>) -> Result<(), String>,
{
    let file = bytes;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut out = FileOutput {
        layout: Layout::Csv,
        ..FileOutput::default()
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(bytes);
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            out.rejected.push(RawRejected {
                position: Position::File,
                code: "malformed_record",
                message: format!("cannot read the CSV header: {e}"),
                raw_hash: None,
            });
            return Ok(out);
        }
    };
    let mut cols: HashMap<String, usize> = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        cols.entry(norm(h)).or_insert(i);
    }
    let header_text = header.iter().collect::<Vec<_>>().join(", ");
    for names in required {
        if !names.iter().any(|n| cols.contains_key(&norm(n))) {
            let column = names.first().copied().unwrap_or("").to_owned();
            if ctx.strict {
                return Err(Error::MissingColumn {
                    file: ctx.file.to_owned(),
                    column,
                    format: format.to_owned(),
                    header: header_text,
                });
            }
            // Every data row of the file is lost: count them so the loss is visible.
            let rows = reader.records().count() as u64;
            out.read = rows;
            out.rejected.push(RawRejected {
                position: Position::File,
                code: "missing_column",
                message: format!(
                    "missing column `{column}` (header: {header_text}); the {rows} data rows of the file cannot be keyed and were not read"
                ),
                raw_hash: None,
            });
            return Ok(out);
        }
    }
    for col in optional {
        if !cols.contains_key(&norm(col)) {
            out.notes.push(FileNote {
                code: "missing_column",
                value: 0,
                message: format!("column `{col}` is missing; its field is absent in every row"),
            });
        }
    }
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().byte() as usize;
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                out.read += 1;
                let end = reader.position().byte() as usize;
                let raw = bytes.get(start..end).unwrap_or(&[]);
                let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
                let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
                let raw_hash = || Some(values::sha256(raw));
                let line = record.position().map_or(line, |p| p.line());
                if record.len() != header.len() {
                    out.rejected.push(RawRejected {
                        position: Position::Row { line },
                        code: "wrong_field_count",
                        message: format!(
                            "the row has {} fields, the header has {}",
                            record.len(),
                            header.len()
                        ),
                        raw_hash: raw_hash(),
                    });
                    continue;
                }
                let mut b = Builder::new(ctx);
                let row = Row {
                    cols: &cols,
                    rec: &record,
                };
                match read_row(&row, &mut b) {
                    Ok(()) => {
                        out.records.push(ParsedRecord {
                            index: u32::try_from(line).unwrap_or(u32::MAX),
                            raw: RawSpan::within(file, raw),
                            ad: b.finish(),
                        });
                    }
                    Err(message) => out.rejected.push(RawRejected {
                        position: Position::Row { line },
                        code: if message.starts_with("missing id") {
                            "missing_id"
                        } else {
                            "malformed_record"
                        },
                        message,
                        raw_hash: raw_hash(),
                    }),
                }
            }
            Err(e) => {
                out.read += 1;
                out.rejected.push(RawRejected {
                    position: Position::Row { line },
                    code: "malformed_record",
                    message: format!("unreadable CSV row: {e}"),
                    raw_hash: None,
                });
                // A broken row (bad UTF-8) does not stop the reader; a broken quote ends the file.
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
            }
        }
    }
    Ok(out)
}

/// The id cell of a row, or the `missing id` rejection.
pub fn id(row: &Row<'_>, names: &[&str]) -> Result<String, String> {
    match row.get(names).map(str::trim) {
        Some(s) if !s.is_empty() => Ok(s.to_owned()),
        _ => Err(format!(
            "missing id: empty `{}`",
            names.first().copied().unwrap_or("id")
        )),
    }
}

/// Splits a list cell (`FR, DE` or `FR;DE`) into trimmed items.
pub fn split_list(s: &str) -> Vec<String> {
    s.split([',', ';', '|'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}
