//! Input checks and standardisation (`log1p`, then scikit-learn's `StandardScaler`).

use ndarray::{Array2, ArrayView2, Axis};
use rayon::prelude::*;

use super::bad;
use crate::error::Result;

/// The first `(row, column)` holding NaN or an infinity, in row order.
pub(crate) fn first_non_finite(x: ArrayView2<'_, f64>) -> Option<(usize, usize)> {
    x.axis_iter(Axis(0))
        .into_par_iter()
        .enumerate()
        .find_first(|(_, row)| row.iter().any(|v| !v.is_finite()))
        .and_then(|(i, row)| row.iter().position(|v| !v.is_finite()).map(|j| (i, j)))
}

/// The name of column `j` in messages: its name when known, else its index.
pub(crate) fn column_name(columns: &[String], j: usize) -> String {
    columns
        .get(j)
        .map_or_else(|| format!("column {j}"), |c| format!("column `{c}`"))
}

/// Checks that `x` is finite, naming the row and column of the first bad value.
pub(crate) fn check_finite(x: ArrayView2<'_, f64>, columns: &[String]) -> Result<()> {
    match first_non_finite(x) {
        None => Ok(()),
        Some((i, j)) => {
            let v = x[[i, j]];
            let what = if v.is_nan() {
                "missing (NaN)"
            } else {
                "infinite"
            };
            Err(bad(
                "matrix",
                format!(
                    "{}, row {i} is {what}; drop or impute the column first (cluster_features drops incomplete columns of a table)",
                    column_name(columns, j)
                ),
            ))
        }
    }
}

/// Standardises the columns of `x` (rows are accounts): `log1p` first when asked (values must
/// then be `> -1`), then subtract the column mean and divide by the population standard
/// deviation (a zero deviation divides by 1, as scikit-learn's `StandardScaler` does, so a
/// constant column becomes zeros).
///
/// Fails on non-finite values, values `<= -1` with `log1p`, and values so large that the column
/// variance overflows; messages name the column (from `columns` when given) and the row.
///
/// ```
/// use disinfo_bots::cluster::standardise;
/// use ndarray::array;
///
/// let z = standardise(array![[3.0, 1.0], [3.0, 3.0]].view(), false, &[]).unwrap();
/// assert_eq!(z, array![[0.0, -1.0], [0.0, 1.0]]);
/// ```
pub fn standardise(x: ArrayView2<'_, f64>, log1p: bool, columns: &[String]) -> Result<Array2<f64>> {
    check_finite(x, columns)?;
    let (n, width) = x.dim();
    let mut out = x.as_standard_layout().into_owned();
    if log1p {
        if let Some((i, j)) = out
            .axis_iter(Axis(0))
            .into_par_iter()
            .enumerate()
            .find_first(|(_, row)| row.iter().any(|v| *v <= -1.0))
            .and_then(|(i, row)| row.iter().position(|v| *v <= -1.0).map(|j| (i, j)))
        {
            return Err(bad(
                "matrix",
                format!(
                    "{}, row {i} is {} <= -1, where log1p is undefined; pass log1p=false",
                    column_name(columns, j),
                    x[[i, j]]
                ),
            ));
        }
        out.par_mapv_inplace(f64::ln_1p);
    }
    if n == 0 {
        return Ok(out);
    }
    let scales: Vec<(f64, f64)> = (0..width)
        .into_par_iter()
        .map(|c| {
            let column = out.column(c);
            let mean = column.iter().sum::<f64>() / n as f64;
            let var = column.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n as f64;
            (mean, var.sqrt())
        })
        .collect();
    if let Some(c) = scales
        .iter()
        .position(|(m, sd)| !(m.is_finite() && sd.is_finite()))
    {
        return Err(bad(
            "matrix",
            format!(
                "{} has values too large to standardise",
                column_name(columns, c)
            ),
        ));
    }
    out.axis_iter_mut(Axis(0))
        .into_par_iter()
        .for_each(|mut row| {
            for (v, (mean, sd)) in row.iter_mut().zip(&scales) {
                let scale = if *sd > 0.0 { *sd } else { 1.0 };
                *v = (*v - mean) / scale;
            }
        });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn constant_columns_become_zeros() {
        let s = standardise(array![[3.0, 1.0], [3.0, 3.0]].view(), false, &[]).expect("valid");
        assert_eq!(s, array![[0.0, -1.0], [0.0, 1.0]]);
    }

    #[test]
    fn non_finite_values_and_log1p_domain_are_named_by_column_and_row() {
        let cols = vec!["a".to_string(), "followers".to_string()];
        let e =
            standardise(array![[1.0, 2.0], [1.0, f64::NAN]].view(), false, &cols).expect_err("nan");
        assert!(
            e.to_string()
                .contains("column `followers`, row 1 is missing"),
            "{e}"
        );
        let e = standardise(array![[f64::INFINITY, 2.0]].view(), false, &[]).expect_err("inf");
        assert!(e.to_string().contains("column 0, row 0 is infinite"), "{e}");
        let e = standardise(array![[0.0], [-1.0]].view(), true, &[]).expect_err("log1p");
        assert!(e.to_string().contains("row 1"), "{e}");
        assert!(standardise(array![[1e308], [-1e308]].view(), false, &[]).is_err());
    }
}
