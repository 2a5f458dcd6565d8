//! Declaration parsing: any bytes give a declaration or a typed error, never a panic.
#![no_main]

use disinfo::terms::declaration::{Selectors, ServiceDeclaration, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(mut service) = ServiceDeclaration::parse(&text, "fuzz.json") {
        let _ = service.add_history(&text, "fuzz.history.json");
        for terms_type in service.terms.keys().cloned().collect::<Vec<_>>() {
            let _ = service.terms_at(&terms_type, None);
        }
    }
    let _ = parse::history(&text, "fuzz.history.json");
    let _ = Selectors::from_arg(&text);
});
