//! Fuzz the `mastodon` adapter of disinfo-bots: arbitrary bytes, strict and lenient, then the
//! features of whatever was read. Never a panic; lenient counts add up; NaN exactly where masked.
#![no_main]

use disinfo::bots::adapters::{InputFormat, Mode, ReadOptions, read_bytes};
use disinfo::bots::features::{FeatureOptions, compute};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut options = ReadOptions::new(InputFormat::Mastodon);
    options.observed_at = "2021-06-23T15:27:11Z".parse().ok();
    let _ = read_bytes(data, &options);
    options.mode = Mode::Lenient;
    if let Ok(read) = read_bytes(data, &options) {
        assert_eq!(
            read.records_read,
            read.records_accepted + read.records_rejected
        );
        assert_eq!(read.rejected.len() as u64, read.records_rejected);
        if let Ok(m) = compute(&read.accounts, &read.posts, &FeatureOptions::default()) {
            assert!(
                m.values
                    .iter()
                    .zip(m.mask.iter())
                    .all(|(v, masked)| v.is_nan() == *masked)
            );
        }
    }
});
