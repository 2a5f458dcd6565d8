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
            let ctx = FileContext {
                file,
                strict,
                requested: &requested,
            };
            if let Ok(out) = parse_file(format, &ctx, data)
                && !strict
            {
                let accepted = out.records.len() as u64;
                assert!(
                    accepted <= out.read,
                    "{format:?}: read {} accepted {accepted}",
                    out.read
                );
                // Every record read and not accepted is accounted for by a rejection.
                assert!(
                    accepted == out.read || !out.rejected.is_empty(),
                    "{format:?}: read {} accepted {accepted} with no rejection",
                    out.read
                );
                assert!(
                    out.rejected.iter().all(|r| !r.message.is_empty()),
                    "{format:?}: empty rejection message"
                );
            }
        }
    }
});
