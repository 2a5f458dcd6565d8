//! `disinfo ads review` end to end in headless Chromium (Debian's `chromium`), driven over the
//! DevTools protocol on a pipe (`--remote-debugging-pipe`: fd 3 in, fd 4 out, messages ending in
//! a NUL byte), with nothing but std and serde_json:
//!
//! 1. the FR 2019 example collections are generated, a campaign of 30 ads (2 reviewers each) is
//!    made with `init`, and the built binary serves it;
//! 2. the owner (a browser context of their own) signs in with the invitation link, pressing
//!    Enter on the autofocused button, and invites `ana` and `ben` with the form of `/owner`;
//! 3. ana and ben (a context each, so that no cookie is shared) sign in and classify 10 ads each
//!    with the keyboard only (the digits, Tab to the next question, Enter to save), in turn, so
//!    that they get the same ads: ana says "neither" every time, ben says "political" on one ad
//!    and "issue" on another (answering their conditional questions), "cannot tell" on a third;
//! 4. the owner's page then shows Krippendorff's alpha of `nature` over the ads both answered,
//!    the ads they disagree on as contested, and the CSV export of the answers (downloaded with
//!    the link) holds every answer with its evidence hash.
//!
//! Every page must load without console error or warning, exception, failed load or
//! Content-Security-Policy violation, and request nothing but the server's origin. A full-page
//! screenshot of every step, and the downloaded CSV, are kept in
//! `target/test-artifacts/ads-review/`. Without a Chromium binary the test skips with a message
//! when `CI` is unset, and fails in CI.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::channel;
use std::sync::{Arc, Mutex};
use std::time::Instant;

mod chromium_support;
mod review_support;

use chromium_support::{Browser, TIMEOUT, Tab, chromium};
use review_support::{disinfo, free_port, generated_fr2019};
use serde_json::{Value, json};

/// Ads each reviewer classifies.
const ADS_EACH: usize = 10;

fn artifacts() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("test-artifacts/ads-review");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("artifact dir");
    dir.canonicalize().expect("artifact dir path")
}

/// `disinfo ads review serve`, killed when dropped.
struct Server {
    child: Child,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(campaign: &Path, port: u16, origin: &str) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_disinfo"))
            .args(["ads", "review", "serve", "--campaign"])
            .arg(campaign)
            .args([
                "--listen",
                &format!("127.0.0.1:{port}"),
                "--base-url",
                origin,
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let stderr = child.stderr.take().expect("server stderr");
        let log = Arc::new(Mutex::new(String::new()));
        let (send, listening) = channel();
        let kept = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if line.contains("listening on http://") {
                    let _ = send.send(());
                }
                let mut log = kept.lock().unwrap_or_else(|p| p.into_inner());
                log.push_str(&line);
                log.push('\n');
            }
        });
        let server = Server { child, log };
        assert!(
            listening.recv_timeout(TIMEOUT).is_ok(),
            "the server did not say `listening on`: {}",
            server.log()
        );
        server
    }

    fn log(&self) -> String {
        self.log.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The state of a review page: where it is, the ad, an error shown, the focus, the answers
/// ticked and the questions shown.
const REVIEW_STATE: &str = r#"(() => {
  const form = document.getElementById('answers');
  const answers = {};
  if (form) for (const [k, v] of new FormData(form)) {
    if (k.startsWith('q.') && v !== '') (answers[k.slice(2)] ||= []).push(v);
  }
  const code = document.querySelector('h2#ad-title code');
  return {
    path: location.pathname,
    item: code ? code.textContent : null,
    error: document.querySelector('div.error') ? document.querySelector('div.error').textContent : null,
    texts: document.querySelectorAll('article.ad blockquote.creative').length,
    shown: [...document.querySelectorAll('fieldset.question')].filter((f) => !f.hidden).map((f) => f.dataset.question),
    answers,
  };
})()"#;

/// One reviewer's answer to an ad, typed on the keyboard: the keys, and the answers they must
/// tick (question, choices).
struct Typed {
    keys: &'static [&'static str],
    nature: &'static str,
    ticked: &'static [(&'static str, &'static [&'static str])],
}

const NEITHER: Typed = Typed {
    keys: &["3"],
    nature: "not_political",
    ticked: &[("nature", &["not_political"])],
};
const CANNOT_TELL: Typed = Typed {
    keys: &["4"],
    nature: "cannot_tell",
    ticked: &[("nature", &["cannot_tell"])],
};
/// Political: European elections, not commercial propaganda, nothing missing, paid by a party,
/// not foreign; Tab moves from one question to the next.
const POLITICAL: Typed = Typed {
    keys: &[
        "1", "Tab", "1", "Tab", "2", "Tab", "3", "Tab", "2", "Tab", "2",
    ],
    nature: "political",
    ticked: &[
        ("nature", &["political"]),
        ("election", &["european"]),
        ("commercial_propaganda", &["no"]),
        ("missing_information", &["nothing"]),
        ("payer", &["party"]),
        ("foreign_payer", &["no"]),
    ],
};
/// Issue: no election in particular, nothing missing, not foreign (the questions about
/// commercial propaganda and the payer stay hidden, so Tab skips them).
const ISSUE: Typed = Typed {
    keys: &["2", "Tab", "6", "Tab", "3", "Tab", "2"],
    nature: "issue",
    ticked: &[
        ("nature", &["issue"]),
        ("election", &["none"]),
        ("missing_information", &["nothing"]),
        ("foreign_payer", &["no"]),
    ],
};

/// Ben's answer to his `i`-th ad (ana answers [`NEITHER`] to every ad).
fn ben(i: usize) -> &'static Typed {
    match i {
        2 => &POLITICAL,
        5 => &ISSUE,
        8 => &CANNOT_TELL,
        _ => &NEITHER,
    }
}

/// Krippendorff's nominal alpha of two reviewers' answers per item (items with both answers).
fn nominal_alpha(pairs: &[(&str, &str)]) -> Option<f64> {
    let n = (2 * pairs.len()) as f64;
    let mut counts: BTreeMap<&str, f64> = BTreeMap::new();
    for (a, b) in pairs {
        *counts.entry(a).or_default() += 1.0;
        *counts.entry(b).or_default() += 1.0;
    }
    let observed = 2.0 * pairs.iter().filter(|(a, b)| a != b).count() as f64 / n;
    let expected = (n * n - counts.values().map(|c| c * c).sum::<f64>()) / (n * (n - 1.0));
    (expected > 0.0).then(|| 1.0 - observed / expected)
}

/// The review as one reviewer sees it: signs in with `link`, then answers [`ADS_EACH`] ads.
struct Reviewer {
    tab: Tab,
    /// The items answered, with the nature answered.
    answered: Vec<(String, &'static str)>,
    /// The ad shown now.
    current: String,
}

struct Run {
    browser: Browser,
    dir: PathBuf,
    origin: String,
    failures: Vec<String>,
}

impl Run {
    fn check(&mut self, tab: &Tab, step: &str) {
        let found = self.browser.judge(tab, step, &self.origin);
        self.failures.extend(found);
    }

    fn shot(&mut self, tab: &Tab, name: &str) {
        self.browser.screenshot(tab, &self.dir, name);
        self.check(tab, name);
    }

    fn state(&mut self, tab: &Tab) -> Value {
        self.browser.eval(tab, REVIEW_STATE)
    }

    /// Opens an invitation link and signs in with Enter on the sign-in button (autofocused; when
    /// the page did not get the focus in time, Tab reaches it as a person would); returns the
    /// path landed on.
    fn sign_in(&mut self, tab: &Tab, link: &str) -> String {
        self.browser.navigate(tab, link);
        let active = "document.activeElement ? document.activeElement.outerHTML : ''";
        let on_button = |f: &str| f.starts_with("<button") && f.contains("submit");
        let mut focused = self.browser.text(tab, active);
        for _ in 0..8 {
            if on_button(&focused) {
                break;
            }
            self.browser.key(tab, "Tab");
            focused = self.browser.text(tab, active);
        }
        assert!(
            focused.starts_with("<button") && focused.contains("submit"),
            "{}: the sign-in button has not the focus: {focused}",
            tab.name
        );
        self.shot(tab, &format!("{}-invitation", tab.name));
        self.browser.loading(tab, |b| b.key(tab, "Enter"));
        self.browser.text(tab, "location.pathname")
    }

    /// Types `typed` on the ad shown to `r`, checks what it ticked and saves it with Enter.
    fn answer(&mut self, r: &mut Reviewer, typed: &'static Typed) {
        let n = r.answered.len() + 1;
        let before = self.state(&r.tab);
        assert_eq!(before["path"], "/review", "{}: {before}", r.tab.name);
        assert!(
            before["error"].is_null(),
            "{} ad {n}: an error is shown before answering: {before}",
            r.tab.name
        );
        assert!(
            before["answers"].as_object().is_some_and(|a| a.is_empty()),
            "{} ad {n}: answers ticked before any key: {before}",
            r.tab.name
        );
        assert_eq!(
            before["shown"],
            json!(["nature", "comment"]),
            "{} ad {n}: only the unconditional questions at first",
            r.tab.name
        );
        for key in typed.keys {
            self.browser.key(&r.tab, key);
        }
        let after = self.state(&r.tab);
        let expected: serde_json::Map<String, Value> = typed
            .ticked
            .iter()
            .map(|(q, c)| ((*q).to_owned(), json!(c)))
            .collect();
        assert_eq!(
            after["answers"],
            Value::Object(expected),
            "{} ad {n}: keys {:?} ticked {}",
            r.tab.name,
            typed.keys,
            after["answers"]
        );
        let mut shown: Vec<&str> = typed.ticked.iter().map(|(q, _)| *q).collect();
        shown.push("comment");
        assert_eq!(
            after["shown"],
            json!(shown),
            "{} ad {n}: the questions shown after {:?}",
            r.tab.name,
            typed.keys
        );
        self.shot(&r.tab, &format!("{}-{n:02}", r.tab.name));
        self.browser.loading(&r.tab, |b| b.key(&r.tab, "Enter"));
        let next = self.state(&r.tab);
        assert_eq!(
            next["path"], "/review",
            "{} ad {n}: Enter did not save: {next}",
            r.tab.name
        );
        assert!(
            next["error"].is_null(),
            "{} ad {n}: the answer was refused: {}",
            r.tab.name,
            next["error"]
        );
        let item = next["item"].as_str().unwrap_or_default().to_owned();
        assert!(
            !item.is_empty() && item != r.current,
            "{} ad {n}: the next page does not show another ad ({} then {next})",
            r.tab.name,
            r.current
        );
        self.check(&r.tab, &format!("after ad {n}"));
        r.answered
            .push((std::mem::replace(&mut r.current, item), typed.nature));
    }
}

/// A folder removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The FR 2019 collections and a campaign of 30 ads with 2 reviewers each in `work`; returns
/// the campaign's folder and the owner's invitation link.
fn campaign(work: &Path, origin: &str) -> (PathBuf, String) {
    let collections = generated_fr2019(work);
    let campaign = work.join("campaign");
    let campaign_arg = campaign.to_string_lossy().into_owned();
    let mut args = vec![
        "ads",
        "review",
        "init",
        "--campaign",
        campaign_arg.as_str(),
        "--reviewers-per-ad",
        "2",
        "--max-ads",
        "30",
        "--base-url",
        origin,
    ];
    args.extend(collections.iter().map(String::as_str));
    let made = disinfo(&args);
    assert!(
        made.contains("30 ads to review") && made.contains("2 reviewers each"),
        "{made}"
    );
    let link = made
        .split_whitespace()
        .last()
        .expect("the owner's link")
        .to_owned();
    assert!(link.starts_with(&format!("{origin}/invite/")), "{made}");
    (campaign, link)
}

/// What the owner must see, from the answers typed: alpha of `nature` over the ads both
/// answered (a "cannot tell" is no answer), and the ads where their answers differ as contested.
struct Expected {
    shared: usize,
    pairs: usize,
    alpha: f64,
    contested: BTreeSet<String>,
}

fn expected(ana: &Reviewer, ben: &Reviewer) -> Expected {
    let of_ben: BTreeMap<&str, &str> = ben
        .answered
        .iter()
        .map(|(item, nature)| (item.as_str(), *nature))
        .collect();
    let shared: Vec<(&str, &str, &str)> = ana
        .answered
        .iter()
        .filter_map(|(item, a)| of_ben.get(item.as_str()).map(|b| (item.as_str(), *a, *b)))
        .collect();
    assert!(
        shared.len() >= 2,
        "ana and ben answered too few ads in common: ana {:?}, ben {:?}",
        ana.answered,
        ben.answered
    );
    let counted: Vec<(&str, &str, &str)> = shared
        .iter()
        .filter(|(_, a, b)| *a != "cannot_tell" && *b != "cannot_tell")
        .copied()
        .collect();
    let pairs: Vec<(&str, &str)> = counted.iter().map(|(_, a, b)| (*a, *b)).collect();
    Expected {
        shared: shared.len(),
        pairs: pairs.len(),
        alpha: nominal_alpha(&pairs).expect("alpha defined"),
        contested: counted
            .iter()
            .filter(|(_, a, b)| a != b)
            .map(|(item, _, _)| (*item).to_owned())
            .collect(),
    }
}

impl Run {
    /// The owner invites `name` with the form of their page (typed); returns the link shown.
    fn invite(&mut self, owner: &Tab, name: &str) -> String {
        self.browser.click(owner, "#f-name");
        self.browser.type_text(owner, name);
        // Tab selects the number of days, which typing replaces.
        self.browser.key(owner, "Tab");
        self.browser.type_text(owner, "14");
        let typed = self.browser.eval(
            owner,
            "[document.getElementById('f-name').value, document.getElementById('f-days').value]",
        );
        assert_eq!(typed, json!([name, "14"]), "the invitation form as typed");
        self.browser.loading(owner, |b| b.key(owner, "Enter"));
        let link = self.browser.text(
            owner,
            "(document.getElementById('invitation-link') || {}).textContent",
        );
        let shown = self.browser.text(
            owner,
            "(document.querySelector('div.invitation strong') || {}).textContent",
        );
        assert_eq!(shown, name, "the invitation shown is {name}'s");
        let start = format!("{}invite/", self.origin);
        assert!(
            link.starts_with(&start) && link.len() > start.len() + 16,
            "{name}'s invitation link: {link:?}"
        );
        self.shot(owner, &format!("owner-invited-{name}"));
        link
    }

    /// A reviewer signs in with `link` in a browser context of their own.
    fn join(&mut self, name: &'static str, link: &str) -> Reviewer {
        let tab = self.browser.open_tab(name);
        let landed = self.sign_in(&tab, link);
        assert_eq!(landed, "/review", "{name} lands on the review");
        let state = self.state(&tab);
        let current = state["item"].as_str().unwrap_or_default().to_owned();
        assert!(!current.is_empty(), "{name} is shown an ad: {state}");
        assert!(
            state["texts"].as_u64().unwrap_or(0) >= 1,
            "{name}'s ad shows its text: {state}"
        );
        Reviewer {
            tab,
            answered: Vec::new(),
            current,
        }
    }

    /// The owner's page again: alpha of `nature` and its number of items, the contested ads.
    fn agreement(&mut self, owner: &Tab, expected: &Expected) -> f64 {
        let page = format!("{}owner", self.origin);
        self.browser.navigate(owner, &page);
        let agreement = self.browser.eval(
            owner,
            "[...document.querySelectorAll('table#agreement tbody tr')].map((tr) => [tr.querySelector('th').textContent, tr.querySelector('td.alpha').textContent, tr.querySelector('td:last-child').textContent])",
        );
        let nature = agreement
            .as_array()
            .and_then(|rows| {
                rows.iter().find(|r| {
                    let label = r[0].as_str().unwrap_or_default();
                    label.contains("political ad") || label.contains("publicité est-elle politique")
                })
            })
            .unwrap_or_else(|| panic!("no row of `nature` in the agreement table: {agreement}"));
        let alpha: f64 = nature[1]
            .as_str()
            .and_then(|a| a.trim().parse().ok())
            .unwrap_or_else(|| panic!("alpha of `nature` is not a number: {nature}"));
        let items: usize = nature[2]
            .as_str()
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("no item count for `nature`: {nature}"));
        assert_eq!(
            items, expected.pairs,
            "alpha of `nature` over the ads both answered: {nature}"
        );
        assert!(
            (alpha - expected.alpha).abs() < 0.0015,
            "alpha of `nature`: shown {alpha}, expected {:.4}",
            expected.alpha
        );
        let listed = self.browser.eval(
            owner,
            "[...document.querySelectorAll('ul#contested li code')].map((c) => c.textContent)",
        );
        let listed: BTreeSet<String> = serde_json::from_value(listed).expect("contested items");
        assert_eq!(listed, expected.contested, "the contested ads");
        self.shot(owner, "owner-agreement");
        alpha
    }

    /// The owner downloads the CSV of the answers with its link, into the artefacts; returns
    /// its text.
    fn export(&mut self, owner: &Tab) -> String {
        self.browser.call(
            None,
            "Browser.setDownloadBehavior",
            json!({
                "behavior": "allow",
                "browserContextId": owner.context,
                "downloadPath": self.dir.to_string_lossy(),
                "eventsEnabled": true,
            }),
        );
        self.browser.forget_waits("");
        self.browser
            .click(owner, "a[href='/owner/export?format=csv&table=answers']");
        let done = self.browser.wait_for("", "download", |e| {
            e["method"] == "Browser.downloadProgress"
                && matches!(
                    e["params"]["state"].as_str(),
                    Some("completed" | "canceled")
                )
        });
        assert_eq!(done["params"]["state"], "completed", "the download: {done}");
        self.check(owner, "export");
        let path = self.dir.join("review-answers.csv");
        let mut csv = String::new();
        std::fs::File::open(&path)
            .and_then(|mut f| f.read_to_string(&mut csv))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        csv
    }
}

/// The CSV of the answers: its header, one row per answer (each with its evidence hash), and
/// the answers to `nature` those typed.
fn check_csv(csv: &str, reviewers: &[&Reviewer]) {
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("item,raw_hash,collection,reviewer,question,answer"),
        "the CSV's header"
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let expected_rows: usize =
        NEITHER.ticked.len() * ADS_EACH + (0..ADS_EACH).map(|i| ben(i).ticked.len()).sum::<usize>();
    assert_eq!(rows.len(), expected_rows, "one row per answer: {csv}");
    let mut natures = BTreeSet::new();
    for row in &rows {
        assert_eq!(row.len(), 6, "{row:?}");
        assert!(
            row[1].len() == 64 && row[1].bytes().all(|b| b.is_ascii_hexdigit()),
            "raw_hash is 64 hex digits: {row:?}"
        );
        if row[4] == "nature" {
            natures.insert((row[0].to_owned(), row[3].to_owned(), row[5].to_owned()));
        }
    }
    let typed: BTreeSet<(String, String, String)> = reviewers
        .iter()
        .flat_map(|r| {
            r.answered.iter().map(move |(item, nature)| {
                (item.clone(), r.tab.name.to_owned(), (*nature).to_owned())
            })
        })
        .collect();
    assert_eq!(natures.len(), 2 * ADS_EACH, "20 answers to `nature`");
    assert_eq!(natures, typed, "the CSV holds the answers typed");
}

#[test]
fn owner_invites_two_reviewers_who_classify_ads_with_the_keyboard_and_sees_their_agreement() {
    let Some(bin) = chromium() else {
        if std::env::var_os("CI").is_some() {
            panic!("chromium is required in CI for the review test (apt-get install -y chromium)");
        }
        eprintln!(
            "SKIPPED owner_invites_two_reviewers_who_classify_ads_with_the_keyboard_and_sees_their_agreement: no chromium in PATH (install Debian's `chromium`, or set CHROMIUM=/path/to/chrome); CI is unset so this is not a failure"
        );
        return;
    };
    let started = Instant::now();
    let dir = artifacts();
    let work = Scratch::new("disinfo-ads-review");
    let profile = Scratch::new("disinfo-chromium-review");

    // 1. The campaign, served on a port chosen beforehand (the links name it).
    let port = free_port();
    let origin = format!("http://127.0.0.1:{port}");
    let (campaign, owner_link) = campaign(&work.0, &origin);
    let server = Server::start(&campaign, port, &origin);

    // 2. The owner signs in and invites ana and ben.
    let mut run = Run {
        browser: Browser::start(&bin, &profile.0),
        dir: dir.clone(),
        origin: format!("{origin}/"),
        failures: Vec::new(),
    };
    let owner = run.browser.open_tab("owner");
    let landed = run.sign_in(&owner, &owner_link);
    assert_eq!(landed, "/owner", "the owner lands on their page");
    run.shot(&owner, "owner");
    let ana_link = run.invite(&owner, "ana");
    let ben_link = run.invite(&owner, "ben");
    assert_ne!(ana_link, ben_link, "two invitations");

    // 3. Each reviewer signs in in a context of their own and classifies ads with the keyboard,
    // in turn: an ad handed to one and not answered yet is still "unreviewed", so the other is
    // handed the same one and both answer the same ads. (One after the other, ben would be
    // handed the ads nobody has reviewed first, none of ana's.)
    let mut ana = run.join("ana", &ana_link);
    let mut ben_r = run.join("ben", &ben_link);
    for i in 0..ADS_EACH {
        run.answer(&mut ana, &NEITHER);
        run.answer(&mut ben_r, ben(i));
    }
    let progress = run
        .browser
        .text(&ana.tab, "document.querySelector('p.progress').textContent");
    assert!(
        progress.contains(&ADS_EACH.to_string()),
        "ana's progress counts {ADS_EACH} answers: {progress}"
    );

    // 4. The owner sees the agreement and the contested ads, and exports the answers.
    let expected = expected(&ana, &ben_r);
    let alpha = run.agreement(&owner, &expected);
    let csv = run.export(&owner);
    check_csv(&csv, &[&ana, &ben_r]);

    let failures = std::mem::take(&mut run.failures);
    drop(run);
    drop(server);
    eprintln!(
        "{} ads answered by both, alpha of `nature` {alpha} over {}, {} contested; screenshots and the CSV in {} ({:.1} s)",
        expected.shared,
        expected.pairs,
        expected.contested.len(),
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
