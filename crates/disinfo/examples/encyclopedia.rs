//! Checks the bundled example encyclopedia and one broken entry, and prints the diagnostics.

use disinfo::encyclopedia::{CheckOptions, SourceFile, check_dir, check_files};

fn main() -> disinfo::Result<()> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/encyclopedia");
    let report = check_dir(&dir, &CheckOptions::default())?;
    println!(
        "{} entries checked: {} error(s), {} warning(s)",
        report.entries, report.errors, report.warnings
    );

    let broken = "---\nid: crowdtangle\nkind: tool\nlang: no\ntitle: CrowdTangle\n\
                  summary: Social media monitoring tool that Meta shut down in 2024.\n\
                  created: 2024/03/02\nurl: http://www.crowdtangle.com/\nmaintianers: [meta]\n---\n";
    let files = [SourceFile {
        path: "tools/crowdtangle.md".into(),
        bytes: broken.as_bytes().to_vec(),
    }];
    let report = check_files(&files, &CheckOptions::default())?;
    print!("{}", report.to_text());
    Ok(())
}
