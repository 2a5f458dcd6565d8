//! Reading back a features CSV as [`FeatureMatrix::write_csv`] writes it (`disinfo bots
//! features`): header `account_id,handle,<columns>`, one row per account, an empty cell where a
//! value is missing. Features are then computed once and clustered or reported many times.

use std::io::Read;

use ::csv::{ReaderBuilder, StringRecord};
use ndarray::Array2;

use super::FeatureMatrix;
use crate::{Error, Result};

fn malformed(source: &str, line: u64, reason: String) -> Error {
    Error::MalformedRecord {
        source_name: source.to_string(),
        location: format!("line {line}"),
        line,
        reason,
    }
}

/// Reads a features CSV (gzip-compressed or not). A cell that is neither empty nor a number is
/// a `malformed_record` error with its line and column.
///
/// ```
/// use disinfo_bots::features::csv::read_features_csv;
///
/// let text = "account_id,handle,followers,verified\nu1,anna,583,0\nu2,,,1\n";
/// let m = read_features_csv(text.as_bytes(), "<input>").unwrap();
/// assert_eq!(m.account_ids, ["u1", "u2"]);
/// assert_eq!(m.columns, ["followers", "verified"]);
/// assert!(m.is_missing(1, "followers").unwrap());
/// ```
pub fn read_features_csv<R: Read>(reader: R, source: &str) -> Result<FeatureMatrix> {
    let input = crate::adapters::decompressed(std::io::BufReader::new(reader))
        .map_err(|e| disinfo_core::IoError::read(source, e))?;
    let mut csv = ReaderBuilder::new().has_headers(true).from_reader(input);
    let headers = csv
        .headers()
        .map_err(|e| malformed(source, 1, format!("unreadable CSV header: {e}")))?
        .clone();
    let names: Vec<&str> = headers.iter().map(str::trim).collect();
    if names.len() < 2 || names[0] != "account_id" || names[1] != "handle" {
        return Err(malformed(
            source,
            1,
            format!(
                "a features CSV starts with account_id,handle (as `features` writes it); found {}",
                names.iter().take(3).copied().collect::<Vec<_>>().join(",")
            ),
        ));
    }
    let columns: Vec<String> = names[2..].iter().map(|s| s.to_string()).collect();
    let width = columns.len();
    let (mut ids, mut handles, mut values) = (Vec::new(), Vec::new(), Vec::new());
    let mut record = StringRecord::new();
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                if record.len() != width + 2 {
                    return Err(malformed(
                        source,
                        line,
                        format!("{} cells where the header has {}", record.len(), width + 2),
                    ));
                }
                ids.push(record[0].to_string());
                handles.push(record[1].to_string());
                for (j, cell) in record.iter().skip(2).enumerate() {
                    let cell = cell.trim();
                    values.push(if cell.is_empty() {
                        f64::NAN
                    } else {
                        cell.parse::<f64>().map_err(|_| {
                            malformed(
                                source,
                                line,
                                format!("column `{}`: `{cell}` is not a number", columns[j]),
                            )
                        })?
                    });
                }
            }
            Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => {
                return Err(disinfo_core::IoError::read(source, std::io::Error::other(e)).into());
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(malformed(source, line, format!("malformed CSV: {e}")));
            }
        }
    }
    let values = Array2::from_shape_vec((ids.len(), width), values)
        .map_err(|e| malformed(source, 0, e.to_string()))?;
    Ok(FeatureMatrix {
        account_ids: ids,
        handles,
        columns,
        mask: values.mapv(f64::is_nan),
        values,
    })
}

/// Stacks feature matrices with the same columns (several CSV files).
pub fn concat(parts: Vec<FeatureMatrix>) -> Result<FeatureMatrix> {
    let mut parts = parts.into_iter();
    let Some(mut all) = parts.next() else {
        return Ok(FeatureMatrix {
            account_ids: Vec::new(),
            handles: Vec::new(),
            columns: Vec::new(),
            values: Array2::zeros((0, 0)),
            mask: Array2::from_elem((0, 0), false),
        });
    };
    for part in parts {
        if part.columns != all.columns {
            return Err(Error::arg(
                "inputs",
                "the features CSV files have different columns; write them with the same options",
            ));
        }
        all.account_ids.extend(part.account_ids);
        all.handles.extend(part.handles);
        let values =
            ndarray::concatenate(ndarray::Axis(0), &[all.values.view(), part.values.view()])
                .map_err(|e| Error::arg("inputs", e.to_string()))?;
        all.mask = values.mapv(f64::is_nan);
        all.values = values;
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_write_csv_writes_reads_back_the_same() {
        let values = ndarray::array![[1.5, f64::NAN], [0.0, 2.0]];
        let m = FeatureMatrix {
            account_ids: vec!["a,b".into(), "c".into()],
            handles: vec!["x".into(), String::new()],
            columns: vec!["p".into(), "q".into()],
            mask: values.mapv(f64::is_nan),
            values,
        };
        let mut out = Vec::new();
        m.write_csv(&mut out).expect("write");
        let back = read_features_csv(out.as_slice(), "<input>").expect("read");
        assert_eq!(back.account_ids, m.account_ids);
        assert_eq!(back.mask, m.mask);
        assert_eq!(back.values[[0, 0]], 1.5);
    }

    #[test]
    fn a_cell_that_is_not_a_number_is_named() {
        let e = read_features_csv("account_id,handle,f\nu1,a,abc\n".as_bytes(), "f.csv")
            .expect_err("bad");
        assert!(
            e.to_string().contains("line 2") && e.to_string().contains("column `f`"),
            "{e}"
        );
        assert!(read_features_csv("id,f\n".as_bytes(), "f.csv").is_err());
    }
}
