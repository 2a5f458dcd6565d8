//! Corpus tests of the replay over OTA's whole demo collection (`../shared/data/terms/
//! ota-demo-collection`, run by `./x corpus`). The replay runs once per test binary, through the
//! release CLI when `DISINFO_CLI` names it (`./x corpus` builds it and sets it: the full replay
//! takes seconds in release, minutes in a debug build), else in-process.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use disinfo_terms::replay::{ReplayOptions, ReplayReport, replay};
use disinfo_terms::versions::{HistoryOptions, RecordKind, VersionsRepository, history};

/// The date of demo-versions' last commit.
const LAST_VERSION: &str = "2026-06-25T00:30:24Z";
const TEMPLATE: &str = "https://github.com/OpenTermsArchive/demo-snapshots/commit/%SNAPSHOT_ID";

fn shared() -> PathBuf {
    std::env::var_os("DISINFO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

struct Demo {
    _dir: tempfile::TempDir,
    /// demo-versions as OTA recorded it.
    ota: PathBuf,
    /// Our replay of demo-snapshots until demo-versions' last commit.
    ours: PathBuf,
    report: ReplayReport,
    /// The same replay continued to the last snapshot.
    continued: PathBuf,
    continued_report: ReplayReport,
}

/// Replays with the release CLI named by `DISINFO_CLI`, or in-process.
fn replay_demo(snapshots: &Path, versions: &Path, until: Option<&str>) -> ReplayReport {
    let declarations = shared().join("terms/declarations/demo");
    if let Some(cli) = std::env::var_os("DISINFO_CLI") {
        let mut command = Command::new(cli);
        command
            .args(["terms", "replay", "--format", "json", "--quiet"])
            .arg("--declarations")
            .arg(&declarations)
            .arg("--snapshots")
            .arg(snapshots)
            .arg("--versions")
            .arg(versions)
            .args(["--snapshot-id-template", TEMPLATE]);
        if let Some(until) = until {
            command.args(["--until", until]);
        }
        let out = command.output().expect("the CLI runs");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        return serde_json::from_slice(&out.stdout).expect("a JSON replay report");
    }
    let options = ReplayOptions {
        until: until.map(str::to_string),
        snapshot_id_template: TEMPLATE.into(),
        ..ReplayOptions::default()
    };
    replay(
        &declarations,
        snapshots,
        versions,
        &options,
        &mut |_, _, _| {},
    )
    .expect("replay")
}

fn demo() -> &'static Demo {
    static DEMO: OnceLock<Demo> = OnceLock::new();
    DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let bundles = shared().join("terms/ota-demo-collection");
        for name in ["demo-snapshots", "demo-versions"] {
            let bundle = bundles.join(format!("{name}.bundle"));
            git(
                dir.path(),
                &["clone", "-q", &bundle.display().to_string(), name],
            );
        }
        let snapshots = dir.path().join("demo-snapshots");
        let ours = dir.path().join("replayed");
        let started = std::time::Instant::now();
        let report = replay_demo(&snapshots, &ours, Some(LAST_VERSION));
        println!(
            "replay until {LAST_VERSION}: {:.1} s ({})",
            started.elapsed().as_secs_f64(),
            if std::env::var_os("DISINFO_CLI").is_some() {
                "release CLI"
            } else {
                "in-process"
            }
        );
        let continued = dir.path().join("continued");
        git(
            dir.path(),
            &[
                "clone",
                "-q",
                &ours.display().to_string(),
                &continued.display().to_string(),
            ],
        );
        let continued_report = replay_demo(&snapshots, &continued, None);
        Demo {
            ota: dir.path().join("demo-versions"),
            ours,
            report,
            continued,
            continued_report,
            _dir: dir,
        }
    })
}

fn documents(repo: &Path) -> Vec<String> {
    git(repo, &["ls-files", "*/*.md"])
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
#[ignore = "corpus"]
fn corpus_replay_until_the_last_version_reproduces_demo_versions_at_head() {
    let demo = demo();
    let report = &demo.report;
    println!(
        "{} commits, {} snapshots replayed ({} without trailers), {} versions, {} unchanged, {} failures {:?}",
        report.commits,
        report.snapshots_read,
        report.legacy_snapshots,
        report.versions_recorded,
        report.unchanged,
        report.failures.len(),
        report.failures_by_code
    );
    let ota_documents = documents(&demo.ota);
    assert_eq!(ota_documents.len(), 19);
    assert_eq!(documents(&demo.ours), ota_documents);
    let mut different = Vec::new();
    for file in &ota_documents {
        let same = std::fs::read(demo.ota.join(file)).expect("OTA file")
            == std::fs::read(demo.ours.join(file)).expect("our file");
        println!("{} {file}", if same { "identical" } else { "DIFFERENT" });
        if !same {
            different.push(file.as_str());
        }
    }
    // Brevo's privacy policy was last recorded by OTA in 2023 by an old engine; later snapshots
    // have a `<noscript><iframe>` in the head that makes OTA's engine (jsdom) lose `main`, so OTA
    // recorded none of the later changes. `benches/replay/parity.py` shows both with the engine.
    assert_eq!(different, ["Brevo/Privacy Policy.md"]);
    assert_eq!(git(&demo.ours, &["status", "--porcelain"]), "");
}

#[test]
#[ignore = "corpus"]
fn corpus_replay_reproduces_every_version_ota_recorded_with_engine_14() {
    let demo = demo();
    let ours = VersionsRepository::open(&demo.ours).expect("our repository");
    let ota = VersionsRepository::open(&demo.ota).expect("demo-versions");
    let ours_index = ours.index().expect("index");
    let by_snapshot: BTreeMap<(String, String), _> = ours_index
        .terms
        .values()
        .flatten()
        .flat_map(|v| {
            v.snapshot_ids
                .iter()
                .map(move |s| ((v.path.clone(), s.clone()), v))
        })
        .collect();
    let mut checked = 0;
    for version in ota.index().expect("index").terms.values().flatten() {
        let message = git(&demo.ota, &["log", "-1", "--format=%B", &version.id]);
        let engine = message
            .lines()
            .find_map(|l| l.strip_prefix("X-engine-version: "))
            .and_then(|v| v.split('.').next())
            .and_then(|major| major.parse::<u32>().ok());
        if version.kind == RecordKind::TechnicalUpgrade || engine.is_none_or(|major| major < 14) {
            continue;
        }
        let snapshot = &version.snapshot_ids[0];
        let mine = by_snapshot
            .get(&(version.path.clone(), snapshot.clone()))
            .unwrap_or_else(|| panic!("no version from snapshot {snapshot} ({})", version.path));
        assert_eq!(
            ours.read(mine).expect("our text"),
            ota.read(version).expect("OTA text"),
            "{} from {snapshot}",
            version.path
        );
        println!(
            "identical: {} {} from {snapshot}",
            version.path, version.date
        );
        checked += 1;
    }
    assert_eq!(checked, 2, "demo-versions has two engine-14 records");
    // Per document: versions OTA recorded (upgrades apart) and versions we record.
    for (key, list) in &ota.index().expect("index").terms {
        let records = list
            .iter()
            .filter(|v| v.kind != RecordKind::TechnicalUpgrade)
            .count();
        let upgrades = list.len() - records;
        let mine = ours_index.terms.get(key).map_or(0, Vec::len);
        println!(
            "{:<48} OTA {records:>3} (+{upgrades} upgrades)  ours {mine:>3}",
            format!("{} / {}", key.0, key.1)
        );
    }
}

#[test]
#[ignore = "corpus"]
fn corpus_replay_reads_back_like_demo_versions() {
    let demo = demo();
    let ours = history(
        &VersionsRepository::open(&demo.ours).expect("open"),
        &HistoryOptions::default(),
    )
    .expect("our history");
    let ota = history(
        &VersionsRepository::open(&demo.ota).expect("open"),
        &HistoryOptions::default(),
    )
    .expect("OTA history");
    let keys = |r: &disinfo_terms::versions::HistoryReport| -> Vec<(String, String)> {
        r.terms
            .iter()
            .map(|t| (t.service.clone(), t.terms_type.clone()))
            .collect()
    };
    assert_eq!(keys(&ours), keys(&ota));
    assert_eq!(ours.skipped_commits, 0, "every commit is a record");
    assert_eq!(ours.commits, demo.report.versions_recorded);
    for (terms, counts) in ours.terms.iter().zip(&demo.report.documents) {
        assert_eq!(terms.versions.len(), counts.versions, "{}", terms.service);
    }
    // `git log` reads like OTA's: OTA's subjects, dates in order, one file per commit.
    let log = git(&demo.ours, &["log", "--reverse", "--format=%aI|%s"]);
    let mut previous = String::new();
    for line in log.lines() {
        let (date, subject) = line.split_once('|').expect("date|subject");
        assert!(
            subject.starts_with("First record of ")
                || subject.starts_with("Record new changes of "),
            "{subject}"
        );
        assert!(date >= previous.as_str(), "{date} after {previous}");
        previous = date.to_string();
    }
    // Brevo's flip-flop (A -> B -> A in 2023, Cloudflare's e-mail protection) reads as a revert
    // in both histories.
    for report in [&ours, &ota] {
        let brevo = report
            .terms
            .iter()
            .find(|t| t.service == "Brevo")
            .expect("Brevo");
        assert_eq!(
            brevo.changes[1].reverts.as_deref(),
            Some(brevo.versions[0].id.as_str())
        );
    }
    println!(
        "history: ours {} versions, {} changes ({:?}); OTA {} versions, {} changes",
        ours.stats.versions,
        ours.stats.changes,
        ours.stats.by_classification,
        ota.stats.versions,
        ota.stats.changes
    );
}

#[test]
#[ignore = "corpus"]
fn corpus_replay_without_until_continues_to_the_last_snapshot() {
    let demo = demo();
    let report = &demo.continued_report;
    assert_eq!(report.resumed_after.as_deref(), Some(LAST_VERSION));
    assert!(report.snapshots_read > 0 && report.versions_recorded > 0);
    let last = git(&demo.continued, &["log", "-1", "--format=%aI"]);
    assert!(last.trim() > LAST_VERSION, "{last}");
    println!(
        "continued after {LAST_VERSION}: {} snapshots, {} new versions up to {}",
        report.snapshots_read,
        report.versions_recorded,
        last.trim()
    );
    for v in &report.versions {
        println!("  {} {} / {}", v.date, v.service, v.terms_type);
    }
}
