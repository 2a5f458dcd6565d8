//! Corpus tests over `../shared/data/terms/` (run by `./x corpus`; set `DISINFO_SHARED_DATA` to
//! point elsewhere). They print counts so the note can explain them.

use std::path::PathBuf;

use disinfo_terms::declaration::corpus::load_directory;
use disinfo_terms::declaration::{Selectors, SourceDocument};
use disinfo_terms::extract::{ExtractOptions, extract};
use disinfo_terms::markdown::Flavor;

fn shared() -> PathBuf {
    std::env::var_os("DISINFO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

fn load_and_report(name: &str) -> (usize, usize) {
    let dir = shared().join("terms/declarations").join(name);
    let report = load_directory(&dir).expect("declarations directory");
    println!(
        "declarations/{name}: {} service files, {} history files ({} without service file), {} filter files, {} other; {} loaded, {} rejected",
        report.service_files,
        report.history_files,
        report.orphan_histories,
        report.filter_files,
        report.other_files,
        report.loaded.len(),
        report.rejected.len()
    );
    for r in &report.rejected {
        println!("  rejected [{}] {}", r.code, r.message);
    }
    let documents: usize = report
        .loaded
        .iter()
        .flat_map(|s| s.terms.values())
        .map(|t| t.source_documents.len())
        .sum();
    let combined = report
        .loaded
        .iter()
        .flat_map(|s| s.terms.values())
        .filter(|t| t.combined)
        .count();
    let pdfs = report
        .loaded
        .iter()
        .flat_map(|s| s.terms.values())
        .flat_map(|t| &t.source_documents)
        .filter(|d| d.pdf)
        .count();
    let with_history = report
        .loaded
        .iter()
        .filter(|s| !s.history.is_empty())
        .count();
    println!(
        "  {documents} source documents, {combined} combined terms, {pdfs} PDF documents, {with_history} services with history"
    );
    assert_eq!(
        report.loaded.len()
            + report
                .rejected
                .iter()
                .filter(|r| !r.file.ends_with(".history.json"))
                .count(),
        report.service_files
    );
    (report.loaded.len(), report.rejected.len())
}

#[test]
#[ignore = "corpus"]
fn corpus_declarations_contrib_load_or_are_rejected_with_reason() {
    let (loaded, _) = load_and_report("contrib");
    assert!(loaded > 300);
}

#[test]
#[ignore = "corpus"]
fn corpus_declarations_france_load_or_are_rejected_with_reason() {
    let (loaded, _) = load_and_report("france");
    assert!(loaded > 50);
}

#[test]
#[ignore = "corpus"]
fn corpus_declarations_demo_load() {
    let (loaded, rejected) = load_and_report("demo");
    assert_eq!(rejected, 0);
    assert_eq!(loaded, 7);
}

#[test]
#[ignore = "corpus"]
fn corpus_ota_demo_pairs_byte_for_byte() {
    let base = shared().join("terms/ota-demo-pairs");
    let mut names: Vec<_> = std::fs::read_dir(&base)
        .expect("pairs")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    names.sort();
    let mut same = 0;
    for dir in &names {
        let job: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("job.json")).expect("job"))
                .expect("json");
        let select = Selectors::from_json(&job["select"]).expect("select");
        let remove = (!job["remove"].is_null())
            .then(|| Selectors::from_json(&job["remove"]).expect("remove"));
        let source =
            SourceDocument::new(job["location"].as_str().expect("location"), select, remove);
        let snapshot = std::fs::read(dir.join("snapshot.html")).expect("snapshot");
        let expected = std::fs::read_to_string(dir.join("expected.md")).expect("expected");
        let got = extract(
            &snapshot,
            Some("text/html"),
            &source,
            &ExtractOptions::default(),
        )
        .expect("extracts");
        let ok = got == expected;
        same += usize::from(ok);
        println!(
            "{}: {}",
            dir.display(),
            if ok { "identical" } else { "DIFFERENT" }
        );
    }
    println!("{same}/{} demo pairs byte-identical", names.len());
    assert_eq!(same, names.len());
}

#[test]
#[ignore = "corpus"]
fn corpus_engine_fixture_service_a_terms() {
    let dir = shared().join("terms/engine-fixtures");
    let html = std::fs::read(dir.join("service·A_terms_snapshot.html")).expect("snapshot");
    let expected = std::fs::read_to_string(dir.join("service·A_terms.md")).expect("expected");
    let source = SourceDocument::new(
        "https://www.servicea.example/tos",
        Selectors::css("body"),
        None,
    );
    let got = extract(
        &html,
        Some("text/html"),
        &source,
        &ExtractOptions::default(),
    )
    .expect("extracts");
    assert_eq!(got, expected);
}

#[test]
#[ignore = "corpus"]
fn corpus_engine_fixture_pdfs() {
    let dir = shared().join("terms/engine-fixtures");
    let opts = ExtractOptions::default();
    let source = SourceDocument {
        pdf: true,
        select: None,
        ..SourceDocument::new(
            "https://www.servicea.example/terms.pdf",
            Selectors::css("body"),
            None,
        )
    };
    let a = extract(
        &std::fs::read(dir.join("terms.pdf")).expect("pdf"),
        Some("application/pdf"),
        &source,
        &opts,
    )
    .expect("text");
    let b = extract(
        &std::fs::read(dir.join("termsModified.pdf")).expect("pdf"),
        Some("application/pdf"),
        &source,
        &opts,
    )
    .expect("text");
    assert_ne!(a, b);
    println!("terms.pdf →\n{a}\n");
    let err = extract(
        &std::fs::read(dir.join("termsWithoutText.pdf")).expect("pdf"),
        Some("application/pdf"),
        &source,
        &opts,
    )
    .expect_err("no text");
    assert_eq!(err.code(), "pdf_no_text");
}

#[test]
#[ignore = "corpus"]
fn corpus_noise_pairs_github_identical_and_brevo_extracts() {
    let dir = shared().join("terms/noise-pairs");
    let a = std::fs::read(dir.join("github-tos-a.html")).expect("a");
    let b = std::fs::read(dir.join("github-tos-b.html")).expect("b");
    let gh = SourceDocument::new(
        "https://docs.github.com/en/free-pro-team@latest/github/site-policy/github-terms-of-service",
        Selectors::css("#article-contents"),
        None,
    );
    let brevo_html = std::fs::read(dir.join("brevo-privacy-noscript.html")).expect("brevo");
    let brevo = SourceDocument::new(
        "https://www.brevo.com/legal/privacypolicy/",
        Selectors::css("main"),
        None,
    );
    for flavor in [Flavor::Ota, Flavor::Canonical] {
        let opts = ExtractOptions::with_flavor(flavor);
        let ma = extract(&a, None, &gh, &opts).expect("a");
        let mb = extract(&b, None, &gh, &opts).expect("b");
        assert_eq!(ma, mb, "{flavor:?}");
        let md = extract(&brevo_html, None, &brevo, &opts).expect("brevo extracts main");
        println!(
            "{flavor:?}: github {} bytes (identical), brevo {} bytes",
            ma.len(),
            md.len()
        );
        assert!(md.len() > 1000);
    }
}
