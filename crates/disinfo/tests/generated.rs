//! The generated Python modules, Node API, error table and the guide's error pages are what the
//! operation specs say.
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

#[test]
fn every_error_code_has_a_guide_page_and_no_page_is_left_over() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = disinfo::api::codegen::ERROR_PAGES_DIR;
    let files = disinfo::api::codegen::files();
    for (doc, _) in disinfo::api::codegen::catalogue() {
        let page = files
            .get(&format!("{dir}/{}.md", doc.code))
            .unwrap_or_else(|| panic!("no guide page for {}", doc.code));
        assert!(page.starts_with(&format!("# `{}`\n", doc.code)), "{page}");
        assert!(page.contains(doc.meaning), "{}", doc.code);
    }
    // A page whose code is gone would stay in the guide: every file there must be generated.
    let update = std::env::var_os("DISINFO_UPDATE_GENERATED").is_some();
    let mut left_over = Vec::new();
    for entry in std::fs::read_dir(root.join(dir)).expect("the error pages' folder") {
        let name = entry.expect("a folder entry").file_name();
        let path = format!("{dir}/{}", name.to_string_lossy());
        if !files.contains_key(&path) {
            if update {
                std::fs::remove_file(root.join(&path)).expect("remove a stale page");
            } else {
                left_over.push(path);
            }
        }
    }
    assert!(
        left_over.is_empty(),
        "no error code has these pages: {left_over:?}; run \
         `DISINFO_UPDATE_GENERATED=1 cargo test -p disinfo --test generated`"
    );
}

#[test]
fn the_error_pages_show_a_real_message_where_a_golden_case_has_one() {
    let files = disinfo::api::codegen::files();
    let page = &files[&format!(
        "{}/selector_no_match.md",
        disinfo::api::codegen::ERROR_PAGES_DIR
    )];
    assert!(
        page.contains("```text\nthe provided selector \"#does-not-exist\" has no match"),
        "{page}"
    );
}

/// The guide's table of contents lists every error page, in the catalogue's order, as its last
/// entries (mdBook renders only the pages `SUMMARY.md` lists).
#[test]
fn the_guide_summary_lists_every_error_page() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/src/SUMMARY.md");
    let summary = std::fs::read_to_string(&path).expect("docs/src/SUMMARY.md");
    let entries = disinfo::api::codegen::summary_entries();
    let head = "- [Error codes](errors/index.md)\n";
    let start = summary
        .find(head)
        .expect("SUMMARY.md has the Error codes entry");
    let expected = format!("{}{entries}", &summary[..start]);
    if summary != expected {
        assert!(
            std::env::var_os("DISINFO_UPDATE_GENERATED").is_some(),
            "docs/src/SUMMARY.md does not end with the error pages; run \
             `DISINFO_UPDATE_GENERATED=1 cargo test -p disinfo --test generated`"
        );
        std::fs::write(&path, expected).expect("write SUMMARY.md");
    }
}
