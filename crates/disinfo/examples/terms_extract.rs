//! Extracts Open Terms Archive's legal notice from a captured snapshot, in both flavours.

use disinfo::terms::declaration::{Selectors, SourceDocument};
use disinfo::terms::extract::{ExtractOptions, extract};
use disinfo::terms::markdown::Flavor;

fn main() -> disinfo::Result<()> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/data/terms/extract/imprint.html"
    );
    let html = std::fs::read(path).map_err(|e| disinfo::Error::Internal {
        message: format!("{path}: {e}"),
    })?;
    let source = SourceDocument::new(
        "https://opentermsarchive.org/en/legal-notice",
        Selectors::css(".textcontent"),
        None,
    );
    for flavor in [Flavor::Ota, Flavor::Canonical] {
        let md = extract(
            &html,
            Some("text/html"),
            &source,
            &ExtractOptions::with_flavor(flavor),
        )?;
        println!(
            "{} flavour ({} characters), first lines:",
            flavor.as_str(),
            md.len()
        );
        for line in md.lines().take(3) {
            println!("  {line}");
        }
    }
    Ok(())
}
