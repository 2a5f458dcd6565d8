//! Nothing lost when `disinfo ads review serve` is killed: two reviewers (a thread each) answer
//! 500 ads each over HTTP while the built binary is killed (SIGKILL) and started again on the
//! same port and database, twice, in the middle of their requests. A request that fails while
//! the service is down is tried again with a new page; an answer counts as acknowledged only
//! when its 303 arrived. Then, read from the database: every acknowledged answer is there,
//! exactly once, and every other stored answer is one whose request failed. On SQLite (the
//! campaign folder's `review.db`), and on PostgreSQL when it is installed.

mod chat_support;
mod http_support;
mod review_support;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::thread::sleep;
use std::time::{Duration, Instant};

use chat_support::{Reply, TempDir, form, try_request};
use disinfo::ads::review::AnswerValue;
use disinfo::ads::review::store::{Database, ReviewStore};
use disinfo_ads::review::store::postgres_server::PostgresServer;
use review_support::{disinfo, free_port, generated_fr2019};

/// Answers each reviewer must have acknowledged.
const EACH: usize = 500;
/// Acknowledged answers (both reviewers) after which the service is killed and started again.
const KILL_AT: [usize; 2] = [300, 650];
/// Socket timeouts: connecting, sending, reading.
const TIMEOUT: Duration = Duration::from_secs(5);
/// The whole scenario.
const DEADLINE: Duration = Duration::from_secs(120);

/// `disinfo ads review serve` with `args`, its standard error kept in `log`; killed on drop.
struct Service {
    child: Child,
    args: Vec<String>,
    log: Arc<Mutex<String>>,
}

impl Service {
    fn start(args: Vec<String>) -> Service {
        let log = Arc::new(Mutex::new(String::new()));
        let child = launch(&args, &log);
        Service { child, args, log }
    }

    /// Kills the service at once (SIGKILL) and starts it again; returns how long it was down.
    fn kill_and_restart(&mut self) -> Duration {
        let down = Instant::now();
        self.child.kill().expect("the service is killed");
        self.child.wait().expect("the killed service is reaped");
        self.child = launch(&self.args, &self.log);
        down.elapsed()
    }

    fn log(&self) -> String {
        self.log.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the service and waits for `listening on`; tries again for a few seconds while the
/// port is not free yet.
fn launch(args: &[String], log: &Arc<Mutex<String>>) -> Child {
    let started = Instant::now();
    loop {
        let mut child = Command::new(env!("CARGO_BIN_EXE_disinfo"))
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the service starts");
        let stderr = child.stderr.take().expect("its standard error");
        let (send, listening) = channel();
        let kept = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if line.contains("listening on http://") {
                    let _ = send.send(());
                }
                let mut log = kept.lock().unwrap_or_else(|p| p.into_inner());
                log.push_str(&line);
                log.push('\n');
            }
        });
        match listening.recv_timeout(Duration::from_secs(30)) {
            Ok(()) => return child,
            // It exited before listening (its standard error closed): the port is still taken.
            Err(RecvTimeoutError::Disconnected) if started.elapsed() < Duration::from_secs(10) => {
                let _ = child.wait();
                sleep(Duration::from_millis(50));
            }
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                let log = log.lock().unwrap_or_else(|p| p.into_inner()).clone();
                panic!("the service did not start ({e}): {log}");
            }
        }
    }
}

fn text(reply: &Reply) -> String {
    String::from_utf8_lossy(&reply.body).into_owned()
}

/// A GET of `path` with `cookie`, or a POST of the form `body`.
fn call(addr: &str, path: &str, cookie: &str, body: Option<&str>) -> Result<Reply, String> {
    let mut headers = vec![("Cookie", cookie)];
    if body.is_some() {
        headers.push(("Content-Type", "application/x-www-form-urlencoded"));
    }
    let method = if body.is_some() { "POST" } else { "GET" };
    let bytes = body.unwrap_or_default().as_bytes();
    try_request(addr, method, path, &headers, bytes, TIMEOUT)
}

/// The value of the form field `name` on a page.
fn value_of(page: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let at = page.find(&marker)? + marker.len();
    page[at..].split('"').next().map(str::to_owned)
}

/// `name=value` of the cookie `name` a reply sets.
fn cookie_of(reply: &Reply, name: &str) -> String {
    let prefix = format!("{name}=");
    let set = reply
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie"));
    set.filter_map(|(_, v)| v.split(';').next())
        .find(|c| c.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no {name} cookie in {:?}", reply.headers))
        .to_owned()
}

/// Signs in with the invitation `token`: the session cookie.
fn sign_in(addr: &str, token: &str, log: impl Fn() -> String) -> String {
    let path = format!("/invite/{token}");
    let page = call(addr, &path, "", None)
        .unwrap_or_else(|e| panic!("the invitation page: {e}\nthe service's log:\n{}", log()));
    let csrf = value_of(&text(&page), "csrf").expect("the invitation form's token");
    let cookie = cookie_of(&page, "disinfo_invite_csrf");
    let signed = call(addr, &path, &cookie, Some(&form(&[("csrf", &csrf)]))).expect("signed in");
    assert_eq!(signed.status, 303, "{}", text(&signed));
    cookie_of(&signed, "disinfo_session")
}

/// What one reviewer did: the ads whose answer was acknowledged, in order; the ads whose
/// answer was sent without an answer coming back; the requests that failed.
#[derive(Default)]
struct Tally {
    acknowledged: Vec<String>,
    uncertain: BTreeSet<String>,
    failed: usize,
}

/// Answers ads until [`EACH`] are acknowledged: a page, then its ad's answer; a failed request
/// (the service down) is followed by a new page a moment later.
fn review(
    addr: &str,
    session: &str,
    done: &AtomicUsize,
    deadline: Instant,
) -> Result<Tally, String> {
    let mut tally = Tally::default();
    while tally.acknowledged.len() < EACH {
        if Instant::now() > deadline {
            let (n, failed) = (tally.acknowledged.len(), tally.failed);
            return Err(format!(
                "the deadline passed: {n} answers acknowledged, {failed} requests failed"
            ));
        }
        let Ok(page) = call(addr, "/review", session, None) else {
            tally.failed += 1;
            sleep(Duration::from_millis(20));
            continue;
        };
        let body = text(&page);
        let (200, Some(item), Some(csrf)) = (
            page.status,
            value_of(&body, "item"),
            value_of(&body, "csrf"),
        ) else {
            return Err(format!("GET /review gave no ad ({}): {body}", page.status));
        };
        let answer = form(&[
            ("csrf", &csrf),
            ("item", &item),
            ("action", "answer"),
            ("q.nature", "not_political"),
        ]);
        match call(addr, "/review", session, Some(&answer)) {
            Ok(r) if r.status == 303 => {
                tally.acknowledged.push(item);
                done.fetch_add(1, Ordering::SeqCst);
            }
            // Answered by a request whose answer was lost: fine, it is not acknowledged.
            Ok(r) if r.status == 403 && text(&r).contains("already answered") => {}
            Ok(r) => return Err(format!("POST /review of {item}: {} {}", r.status, text(&r))),
            Err(_) => {
                tally.uncertain.insert(item);
                tally.failed += 1;
                sleep(Duration::from_millis(20));
            }
        }
    }
    Ok(tally)
}

/// A campaign of 1,000 ads from the FR 2019 generator, 2 reviewers each, in `campaign` (and
/// `db_args`' database), made with `init`; the invitations of ana and ben.
fn campaign(
    dir: &TempDir,
    campaign: &str,
    base: &str,
    db_args: &[&str],
    db: &Database,
) -> Vec<String> {
    let collections = generated_fr2019(&dir.0);
    let mut init: Vec<&str> = "ads review init --reviewers-per-ad 2 --max-ads 1000"
        .split(' ')
        .collect();
    init.extend(
        ["--campaign", campaign, "--base-url", base]
            .iter()
            .chain(db_args),
    );
    init.extend(collections.iter().map(String::as_str));
    let made = disinfo(&init);
    assert!(made.contains("1000 ads to review"), "{made}");
    let mut store = ReviewStore::connect(db).expect("the campaign's database");
    let now = chrono::Utc::now();
    let mut invite = |name| {
        store
            .invite(name, chrono::Duration::hours(1), now)
            .expect("invited")
    };
    NAMES.iter().map(|name| invite(name)).collect()
}

const NAMES: [&str; 2] = ["ana", "ben"];

/// Every stored answer once; every acknowledged one stored; every other one uncertain.
fn check(label: &str, db: &Database, tallies: &[Tally]) {
    let stored = ReviewStore::connect(db)
        .expect("the database")
        .answers()
        .expect("the answers");
    let mut rows: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
    for a in &stored {
        *rows.entry((&a.item, &a.reviewer, &a.question)).or_default() += 1;
        let expected = AnswerValue::Text("not_political".to_owned());
        assert!(
            a.question == "nature" && a.answer == expected,
            "{label}: {a:?}"
        );
    }
    let twice: Vec<_> = rows.iter().filter(|(_, n)| **n > 1).collect();
    assert!(
        twice.is_empty(),
        "{label}: stored more than once: {twice:?}"
    );
    for (name, tally) in NAMES.iter().zip(tallies) {
        let acknowledged: BTreeSet<&str> = tally.acknowledged.iter().map(String::as_str).collect();
        assert_eq!(
            acknowledged.len(),
            EACH,
            "{label}: {name} had an ad acknowledged twice"
        );
        let theirs: BTreeSet<&str> = rows.keys().filter(|k| k.1 == *name).map(|k| k.0).collect();
        let lost: Vec<_> = acknowledged.difference(&theirs).collect();
        assert!(
            lost.is_empty(),
            "{label}: {name}'s acknowledged answers lost: {lost:?}"
        );
        let unsent: Vec<_> = theirs
            .difference(&acknowledged)
            .filter(|i| !tally.uncertain.contains(**i))
            .collect();
        assert!(
            unsent.is_empty(),
            "{label}: {name}'s answers never sent: {unsent:?}"
        );
        eprintln!(
            "{label}: {name}: {} acknowledged, {} stored ({} sent without an answer back, {} of them stored), {} requests failed",
            acknowledged.len(),
            theirs.len(),
            tally.uncertain.len(),
            theirs.len() - acknowledged.len(),
            tally.failed
        );
    }
    eprintln!(
        "{label}: {} answers stored in all, {} rows",
        rows.len(),
        stored.len()
    );
}

/// The scenario on the campaign folder's SQLite file (`database` `None`) or a PostgreSQL URL.
fn scenario(label: &str, database: Option<&str>) {
    let started = Instant::now();
    let deadline = started + DEADLINE;
    let dir = TempDir::new(&format!("review-restart-{label}"));
    let folder = dir.0.join("campaign").to_string_lossy().into_owned();
    let addr = format!("127.0.0.1:{}", free_port());
    let db_args: Vec<&str> = database
        .iter()
        .flat_map(|url| ["--database", url])
        .collect();
    let db = Database::locate(std::path::Path::new(&folder), database);
    let tokens = campaign(&dir, &folder, &format!("http://{addr}"), &db_args, &db);

    let mut serve = vec!["ads", "review", "serve", "--requests-per-minute", "0"];
    serve.extend(
        ["--campaign", &folder, "--listen", &addr]
            .iter()
            .chain(&db_args),
    );
    let mut service = Service::start(serve.iter().map(|a| (*a).to_owned()).collect());
    let done = Arc::new(AtomicUsize::new(0));
    let reviewers: Vec<_> = tokens
        .iter()
        .map(|token| {
            let session = sign_in(&addr, token, || service.log());
            let (addr, done) = (addr.clone(), done.clone());
            std::thread::spawn(move || review(&addr, &session, &done, deadline))
        })
        .collect();
    let mut outages = Vec::new();
    for at in KILL_AT {
        // Not past a reviewer that stopped (done, or failed): its error is the one to see.
        while done.load(Ordering::SeqCst) < at
            && Instant::now() < deadline
            && !reviewers.iter().any(std::thread::JoinHandle::is_finished)
        {
            sleep(Duration::from_millis(1));
        }
        outages.push(service.kill_and_restart());
    }
    let tallies: Vec<Tally> = reviewers
        .into_iter()
        .map(|r| r.join().expect("a reviewer's thread"))
        .map(|t| {
            t.unwrap_or_else(|e| panic!("{label}: {e}\nthe service's log:\n{}", service.log()))
        })
        .collect();
    drop(service);
    check(label, &db, &tallies);
    let took = started.elapsed().as_secs_f64();
    eprintln!(
        "{label}: killed at {KILL_AT:?} acknowledged answers, down for {outages:?}; {took:.1} s"
    );
}

#[test]
fn acknowledged_answers_survive_kills_of_the_service_on_sqlite() {
    scenario("sqlite", None);
}

#[test]
fn acknowledged_answers_survive_kills_of_the_service_on_postgresql() {
    let Some(server) = PostgresServer::start() else {
        eprintln!("SKIPPED on PostgreSQL: PostgreSQL is not installed");
        return;
    };
    let server = server.expect("the PostgreSQL test server starts");
    let url = server.database("restart").expect("a database");
    scenario("postgresql", Some(&url));
}
