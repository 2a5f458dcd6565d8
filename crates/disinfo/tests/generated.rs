//! The generated Python modules, Node API and error table are what the operation specs say.
//!
//! Run with `DISINFO_UPDATE_GENERATED=1` to rewrite them after changing an operation, an
//! option or a result type; then review the diff: it is the public API.

use std::path::Path;

#[test]
fn generated_files_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let update = std::env::var_os("DISINFO_UPDATE_GENERATED").is_some();
    let mut stale = Vec::new();
    for (path, text) in disinfo::api::codegen::files() {
        let file = root.join(&path);
        let current = std::fs::read_to_string(&file).unwrap_or_default();
        if current != text {
            if update {
                if let Some(dir) = file.parent() {
                    std::fs::create_dir_all(dir).expect("create the folder");
                }
                std::fs::write(&file, &text).expect("write the generated file");
            } else {
                stale.push(path);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "generated files differ from the operation specs: {stale:?}; run \
         `DISINFO_UPDATE_GENERATED=1 cargo test -p disinfo --test generated` and review the diff"
    );
}

#[test]
fn every_error_code_is_in_the_table() {
    let table = disinfo::api::codegen::files()
        .remove("docs/errors.md")
        .expect("the error table is generated");
    for (doc, _) in disinfo::api::codegen::catalogue() {
        assert!(
            table.contains(&format!("| `{}` |", doc.code)),
            "{}",
            doc.code
        );
    }
}
