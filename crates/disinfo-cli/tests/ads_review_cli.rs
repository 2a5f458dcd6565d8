//! `disinfo ads review` on the command line: agreement of a CSV of answers as the issue's
//! contract prints it, the campaign's life (init, invite, export from the database), and bad
//! input as coded errors with exit 2.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn disinfo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_disinfo"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fresh folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("disinfo-review-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("folder");
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("written");
    path.to_string_lossy().into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Krippendorff's (2011) example as `item,reviewer,answer` rows (alpha 0.691358 nominal).
const EXAMPLE: &str = "item,reviewer,answer\n\
u6,r1,3\nu7,r1,4\nu8,r1,1\nu9,r1,2\nu10,r1,1\nu11,r1,1\nu12,r1,3\nu13,r1,3\nu15,r1,3\n\
u1,r2,1\nu3,r2,2\nu4,r2,1\nu5,r2,3\nu6,r2,3\nu7,r2,4\nu8,r2,3\n\
u3,r3,2\nu4,r3,1\nu5,r3,3\nu6,r3,4\nu7,r3,4\nu9,r3,2\nu10,r3,1\nu11,r3,1\nu12,r3,3\nu13,r3,3\nu15,r3,4\n";

#[test]
fn agreement_prints_the_contract_and_a_line() {
    let dir = folder("agreement");
    let csv = write(&dir, "answers.csv", EXAMPLE);
    let out = disinfo(&[
        "ads",
        "review",
        "agreement",
        &csv,
        "--metric",
        "krippendorff-alpha",
        "--level",
        "nominal",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(v["metric"], "krippendorff-alpha");
    assert!(
        (v["value"].as_f64().expect("a value") - 0.691358).abs() < 1e-6,
        "{v}"
    );
    assert_eq!(
        (v["items"].as_u64(), v["reviewers"].as_u64()),
        (Some(12), Some(3))
    );
    let out = disinfo(&["ads", "review", "agreement", &csv, "--level", "interval"]);
    assert!(
        stdout(&out).starts_with("Krippendorff's alpha (interval): 0.8108 over 12 items"),
        "{}",
        stdout(&out)
    );
    let out = disinfo(&[
        "ads",
        "review",
        "agreement",
        &csv,
        "--metric",
        "fleiss-kappa",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn agreement_of_one_question_among_several() {
    let dir = folder("questions");
    let csv = write(
        &dir,
        "answers.csv",
        "item,reviewer,question,answer\na,r1,q1,yes\na,r2,q1,no\nb,r1,q1,yes\nb,r2,q1,yes\na,r1,q2,low\na,r2,q2,high\n",
    );
    let out = disinfo(&["ads", "review", "agreement", &csv, "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("error[invalid_argument]") && stderr(&out).contains("2 questions"),
        "{}",
        stderr(&out)
    );
    let out = disinfo(&[
        "ads",
        "review",
        "agreement",
        &csv,
        "--question",
        "q1",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = disinfo(&[
        "ads",
        "review",
        "agreement",
        &csv,
        "--question",
        "q2",
        "--level",
        "ordinal",
        "--order",
        "low,high",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(v["items"], 1);
}

#[test]
fn bad_answers_files_are_coded_errors() {
    let dir = folder("bad");
    let cases = [
        ("missing.csv", "item,answer\na,1\n", "missing_column"),
        ("empty.csv", "", "missing_column"),
        (
            "ragged.csv",
            "item,reviewer,answer\na,r1,1\nb,r2\n",
            "malformed_record",
        ),
        (
            "twice.csv",
            "item,reviewer,answer\na,r1,1\na,r1,2\n",
            "invalid_argument",
        ),
        (
            "words.csv",
            "item,reviewer,answer\na,r1,low\na,r2,high\n",
            "invalid_argument",
        ),
        ("broken.json", "[{\"item\": \"a\"", "invalid_argument"),
        (
            "wrong.json",
            "[{\"item\": \"a\", \"reviewer\": \"r\", \"answer\": {\"x\": 1}}]",
            "invalid_argument",
        ),
    ];
    for (name, text, code) in cases {
        let path = write(&dir, name, text);
        let out = disinfo(&["ads", "review", "agreement", &path, "--level", "interval"]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("error[{code}]")),
            "{name}: {}",
            stderr(&out)
        );
    }
    let csv = write(&dir, "ok.csv", EXAMPLE);
    for args in [["--level", "cardinal"], ["--metric", "cohen"]] {
        let out = disinfo(&["ads", "review", "agreement", &csv, args[0], args[1]]);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("error[invalid_argument]"),
            "{}",
            stderr(&out)
        );
    }
    let out = disinfo(&[
        "ads",
        "review",
        "agreement",
        &dir.join("absent.csv").to_string_lossy(),
    ]);
    assert!(stderr(&out).contains("error[io]"), "{}", stderr(&out));
}

/// The three bundled Meta collections, oldest first.
fn meta_collections() -> Vec<String> {
    let meta = root().join("examples/data/ads/meta-fr");
    ["2019-05-20", "2019-05-27", "2019-06-03"]
        .iter()
        .map(|d| meta.join(d).to_string_lossy().into_owned())
        .collect()
}

#[test]
fn a_campaign_from_init_to_export() {
    let dir = folder("campaign");
    let campaign = dir.join("fr").to_string_lossy().into_owned();
    let days = meta_collections();
    let mut init = vec![
        "ads",
        "review",
        "init",
        "--campaign",
        &campaign,
        "--reviewers-per-ad",
        "2",
    ];
    init.extend(days.iter().map(String::as_str));
    let out = disinfo(&init);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("7 ads to review (2 disappeared")
            && stdout(&out).contains("/invite/"),
        "{}",
        stdout(&out)
    );
    // The same folder again: refused, nothing overwritten.
    let again = disinfo(&init);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already holds campaign"),
        "{}",
        stderr(&again)
    );
    let link = disinfo(&[
        "ads",
        "review",
        "invite",
        "--campaign",
        &campaign,
        "ana",
        "--days",
        "3",
    ]);
    assert!(
        stdout(&link).starts_with("http://127.0.0.1:8070/invite/"),
        "{}",
        stdout(&link)
    );
    let out = disinfo(&[
        "ads",
        "review",
        "invite",
        "--campaign",
        &campaign,
        "ana",
        "--days",
        "0",
    ]);
    assert_eq!(out.status.code(), Some(2));
    // No answer yet: the export says so; answers from a file are checked against the campaign.
    let out = disinfo(&[
        "ads",
        "review",
        "export",
        "--campaign",
        &campaign,
        "--format",
        "csv",
    ]);
    assert_eq!(stdout(&out).lines().count(), 1, "{}", stdout(&out));
    let answers = write(
        &dir,
        "answers.csv",
        "item,reviewer,question,answer\n2300000000000003,ana,nature,issue\n2300000000000003,ana,missing_information,amount;sponsor_identity\n",
    );
    let out = disinfo(&[
        "ads",
        "review",
        "export",
        "--campaign",
        &campaign,
        &answers,
        "--format",
        "csv",
        "--table",
        "answers",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("missing_information,amount;sponsor_identity"),
        "{}",
        stdout(&out)
    );
    let bad = write(
        &dir,
        "bad.csv",
        "item,reviewer,question,answer\nnope,ana,nature,issue\n",
    );
    let out = disinfo(&["ads", "review", "export", "--campaign", &campaign, &bad]);
    assert!(stderr(&out).contains("answers[0].item"), "{}", stderr(&out));
    // A campaign folder that has none.
    let out = disinfo(&[
        "ads",
        "review",
        "export",
        "--campaign",
        &dir.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn questionnaires_are_checked() {
    let dir = folder("questionnaire");
    let out = disinfo(&["ads", "review", "questionnaire"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(v["id"], "fr-electoral");
    let bad = write(
        &dir,
        "q.toml",
        "id = 'x'\nlanguages = ['fr']\n[title]\nfr = 't'\n[[questions]]\nid = 'a'\nkind = 'single'\nlabel = { fr = 'q' }\n",
    );
    let out = disinfo(&["ads", "review", "questionnaire", &bad]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("error[invalid_questionnaire]")
            && stderr(&out).contains("questions[0].choices"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_campaign_in_postgres() {
    use disinfo::ads::review::store::{Database, ReviewStore};
    use disinfo_ads::review::store::postgres_server::PostgresServer;

    let Some(server) = PostgresServer::start() else {
        return;
    };
    let server = server.expect("the PostgreSQL server starts");
    let url = server.database("campaign").expect("a database");
    let dir = folder("postgres");
    let campaign = dir.join("fr").to_string_lossy().into_owned();
    let days = meta_collections();
    let mut init = vec![
        "ads",
        "review",
        "init",
        "--campaign",
        &campaign,
        "--database",
        &url,
    ];
    init.extend(days.iter().map(String::as_str));
    let out = disinfo(&init);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("7 ads to review"), "{}", stdout(&out));
    assert!(
        !dir.join("fr/review.db").exists(),
        "the state is in PostgreSQL, not in a file"
    );
    let again = disinfo(&init);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already holds campaign"),
        "{}",
        stderr(&again)
    );
    // The database is enough to invite: no campaign folder needed.
    let link = disinfo(&["ads", "review", "invite", "--database", &url, "ana"]);
    assert!(link.status.success(), "{}", stderr(&link));
    let store = ReviewStore::connect(&Database::Postgres(url.clone())).expect("connected");
    let reviewers: Vec<String> = store
        .reviewers()
        .expect("reviewers")
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(reviewers, ["owner", "ana"]);
    let out = disinfo(&[
        "ads",
        "review",
        "export",
        "--campaign",
        &campaign,
        "--database",
        &url,
        "--format",
        "csv",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 1, "{}", stdout(&out));
    // Neither a folder nor a database: clap refuses; a server that is not there: a storage
    // error without the password.
    let out = disinfo(&["ads", "review", "invite", "ana"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let gone = "postgres://review:s3cret@127.0.0.1:9/nowhere";
    let out = disinfo(&["ads", "review", "invite", "--database", gone, "ana"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("storage"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("s3cret"), "{}", stderr(&out));
}
