//! Input checks and standardisation (`log1p`, then scikit-learn's `StandardScaler`).

use super::bad;
use crate::error::Result;

/// Checks that `matrix` is rectangular and finite; returns its width.
pub(super) fn check_matrix(matrix: &[Vec<f64>]) -> Result<usize> {
    let width = matrix.first().map_or(0, Vec::len);
    for (i, row) in matrix.iter().enumerate() {
        if row.len() != width {
            return Err(bad(
                "matrix",
                format!("row {i} has {} columns, row 0 has {width}", row.len()),
            ));
        }
        if row.iter().any(|v| !v.is_finite()) {
            return Err(bad(
                "matrix",
                format!(
                    "row {i} has a non-finite value (NaN or infinity); impute missing features first"
                ),
            ));
        }
    }
    Ok(width)
}

/// Standardises the columns of `matrix` (rows are accounts): `log1p` first when asked (values
/// must then be `> -1`), then subtract the column mean and divide by the population standard
/// deviation (a zero deviation divides by 1, as scikit-learn's `StandardScaler` does).
///
/// Fails on ragged rows, non-finite values, values `<= -1` with `log1p`, and values so large that
/// the column mean or variance overflows.
pub fn standardise(matrix: &[Vec<f64>], log1p: bool) -> Result<Vec<Vec<f64>>> {
    let width = check_matrix(matrix)?;
    let mut out: Vec<Vec<f64>> = matrix.to_vec();
    if log1p {
        for (i, row) in out.iter_mut().enumerate() {
            for v in row.iter_mut() {
                if *v <= -1.0 {
                    return Err(bad(
                        "matrix",
                        format!("row {i} has a value <= -1, log1p is undefined"),
                    ));
                }
                *v = v.ln_1p();
            }
        }
    }
    if out.is_empty() {
        return Ok(out);
    }
    let n = out.len() as f64;
    for c in 0..width {
        let mean = out.iter().map(|r| r[c]).sum::<f64>() / n;
        let var = out.iter().map(|r| (r[c] - mean).powi(2)).sum::<f64>() / n;
        let sd = var.sqrt();
        if !sd.is_finite() {
            return Err(bad(
                "matrix",
                format!("column {c} has values too large to standardise"),
            ));
        }
        let scale = if sd > 0.0 { sd } else { 1.0 };
        for row in out.iter_mut() {
            row[c] = (row[c] - mean) / scale;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standardise_rejects_ragged_rows_and_scales_constant_columns_by_one() {
        assert!(standardise(&[vec![1.0], vec![1.0, 2.0]], false).is_err());
        let s = standardise(&[vec![3.0, 1.0], vec![3.0, 3.0]], false).expect("valid");
        assert_eq!(s, vec![vec![0.0, -1.0], vec![0.0, 1.0]]);
    }

    #[test]
    fn standardise_rejects_non_finite_and_log1p_domain() {
        assert!(standardise(&[vec![f64::NAN]], false).is_err());
        assert!(standardise(&[vec![f64::INFINITY]], false).is_err());
        assert!(standardise(&[vec![-1.0]], true).is_err());
        assert!(standardise(&[vec![1e308], vec![-1e308]], false).is_err());
    }
}
