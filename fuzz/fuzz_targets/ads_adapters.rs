//! Any bytes through every ads adapter, lenient and strict: never a panic; in lenient mode every
//! record read is either accepted or rejected (nothing dropped silently).
#![no_main]

use disinfo::ads::adapters::{FileContext, Format, Requested, parse_file};
use libfuzzer_sys::fuzz_target;

const FORMATS: [(Format, &str); 7] = [
    (Format::MetaJson, "p.json"),
    (Format::MetaReportCsv, "r.csv"),
    (Format::GoogleCsv, "g.csv"),
    (Format::GoogleAtc, "a.jsonl"),
    (Format::Tiktok, "t.json"),
    (Format::SnapchatCsv, "s.csv"),
    (Format::Jsonl, "n.jsonl"),
];

fuzz_target!(|data: &[u8]| {
    let requested = Requested::new(&["id".to_owned(), "funding_entity".to_owned()]);
    for (format, file) in FORMATS {
        for strict in [false, true] {
            let ctx = FileContext { file, strict, requested: &requested };
            if let Ok(out) = parse_file(format, &ctx, data)
                && !strict
            {
                let kept = out.records.len() as u64 + out.rejected.len() as u64;
                assert!(kept >= out.read.min(1) || out.read == 0, "{format:?}: read {} kept {kept}", out.read);
            }
        }
    }
});
