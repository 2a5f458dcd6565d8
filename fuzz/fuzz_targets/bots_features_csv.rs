//! A features CSV read back (`--input-format features-csv`): any bytes give a matrix or a typed
//! error, never a panic; a matrix's parts agree in size, and a masked cell is exactly a NaN.
#![no_main]

use disinfo::bots::features::csv::read_features_csv;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(m) = read_features_csv(data, "fuzz.csv") else {
        return;
    };
    let rows = m.account_ids.len();
    assert_eq!(m.handles.len(), rows);
    assert_eq!(m.values.dim(), (rows, m.columns.len()));
    assert_eq!(m.mask.dim(), m.values.dim());
    assert!(
        m.values
            .iter()
            .zip(m.mask.iter())
            .all(|(v, masked)| !*masked || v.is_nan())
    );
});
