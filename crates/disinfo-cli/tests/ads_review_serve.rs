//! `disinfo ads review serve` over HTTP: the built binary on 127.0.0.1 with a campaign whose ads
//! carry hostile text, driven by a plain HTTP client. An ad's text renders as text; forms without
//! their CSRF token, used or expired invitations and requests without a session are refused;
//! answers are checked, stored once and exported with their evidence.

mod chat_support;
mod http_support;
mod review_support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use chat_support::{Reply, TempDir, encode, form, request};
use chrono::{Duration, Utc};
use disinfo::ads::review::store::ReviewStore;
use review_support::free_port;
use serde_json::json;

const HOSTILE: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>";
const ESCAPED: &str = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;";

/// A Meta collection of three ads, the first (largest spend) with hostile text everywhere.
fn collection(dir: &Path) -> std::path::PathBuf {
    let folder = dir.join("meta-fr-2024-06-01");
    std::fs::create_dir_all(&folder).expect("folder");
    let ad = |id: &str, body: &str, page: &str, spend: &str| {
        json!({
            "id": id, "page_id": "1", "page_name": page, "bylines": page,
            "ad_creative_bodies": [body], "ad_delivery_start_time": "2024-05-20",
            "ad_snapshot_url": format!("https://www.facebook.com/ads/library/?id={id}"),
            "currency": "EUR", "spend": {"lower_bound": spend, "upper_bound": spend},
            "impressions": {"lower_bound": "1000", "upper_bound": "1999"},
        })
    };
    let page = json!({"data": [
        ad("901", HOSTILE, "=cmd|' /C calc'!A0 <b>Page</b>", "9000"),
        ad("902", "Votez le 9 juin.", "Liste A", "100"),
        ad("903", "Pétition.", "Association C", "50"),
    ]});
    std::fs::write(folder.join("page-0001.json"), page.to_string()).expect("page");
    let meta = json!({
        "id": "meta-fr-2024-06-01", "platform": "meta", "format": "meta_json",
        "collected_at": "2024-06-01T06:00:00Z", "query": {"countries": ["FR"]},
    });
    std::fs::write(folder.join("collection.json"), meta.to_string()).expect("meta");
    folder
}

/// The service on a free port, killed on drop.
struct Service {
    child: Child,
    addr: String,
    dir: TempDir,
    owner_link: String,
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Service {
    let dir = TempDir::new("review-serve");
    let folder = collection(&dir.0);
    let addr = format!("127.0.0.1:{}", free_port());
    let campaign = dir.0.join("campaign");
    let init = Command::new(env!("CARGO_BIN_EXE_disinfo"))
        .args([
            "ads",
            "review",
            "init",
            "--reviewers-per-ad",
            "2",
            "--campaign",
        ])
        .arg(&campaign)
        .args(["--base-url", &format!("http://{addr}")])
        .arg(&folder)
        .output()
        .expect("init runs");
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let out = String::from_utf8_lossy(&init.stdout).to_string();
    let owner_link = out
        .split_whitespace()
        .find(|w| w.contains("/invite/"))
        .expect("the owner's link")
        .to_owned();
    let mut child = Command::new(env!("CARGO_BIN_EXE_disinfo"))
        .args(["ads", "review", "serve", "--listen", &addr, "--campaign"])
        .arg(&campaign)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("serve starts");
    let stderr = child.stderr.take().expect("stderr");
    let mut line = String::new();
    BufReader::new(stderr).read_line(&mut line).expect("a line");
    assert!(line.contains("listening on"), "{line}");
    Service {
        child,
        addr,
        dir,
        owner_link,
    }
}

impl Service {
    fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let headers: Vec<(&str, &str)> = cookie.map(|c| vec![("Cookie", c)]).unwrap_or_default();
        request(&self.addr, "GET", path, &headers, b"")
    }

    fn post(&self, path: &str, cookie: Option<&str>, body: &str) -> Reply {
        let mut headers = vec![("Content-Type", "application/x-www-form-urlencoded")];
        if let Some(c) = cookie {
            headers.push(("Cookie", c));
        }
        request(&self.addr, "POST", path, &headers, body.as_bytes())
    }

    /// Signs in with an invitation link: the session cookie and the page's CSRF token.
    fn sign_in(&self, link: &str) -> (String, String) {
        let path = &link[link.find("/invite/").expect("an invitation link")..];
        let page = self.get(path, None);
        assert_eq!(page.status, 200);
        let csrf = csrf_of(&page);
        let cookie = cookie_of(&page, "disinfo_invite_csrf");
        let signed = self.post(path, Some(&cookie), &form(&[("csrf", &csrf)]));
        assert_eq!(signed.status, 303, "{}", text(&signed));
        let session = cookie_of(&signed, "disinfo_session");
        let home = self.get("/review", Some(&session));
        (session, csrf_of(&home))
    }

    fn invite(&self, name: &str, valid: Duration, at: chrono::DateTime<Utc>) -> String {
        let mut store =
            ReviewStore::open(&self.dir.0.join("campaign/review.db")).expect("the database");
        let token = store.invite(name, valid, at).expect("invited");
        format!("http://{}/invite/{token}", self.addr)
    }
}

fn text(reply: &Reply) -> String {
    String::from_utf8_lossy(&reply.body).to_string()
}

fn csrf_of(reply: &Reply) -> String {
    let body = text(reply);
    let at = body.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
    body[at..at + 64].to_owned()
}

fn cookie_of(reply: &Reply, name: &str) -> String {
    let set = reply
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie"))
        .map(|(_, v)| v)
        .find(|v| v.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} cookie in {:?}", reply.headers));
    assert!(
        set.contains("HttpOnly") && set.contains("Secure") && set.contains("SameSite=Strict"),
        "{set}"
    );
    set.split(';').next().expect("name=value").to_owned()
}

fn item_of(reply: &Reply) -> String {
    let body = text(reply);
    let at = body.find("name=\"item\" value=\"").expect("an ad") + 19;
    body[at..].split('"').next().expect("its id").to_owned()
}

#[test]
fn advertisers_text_renders_as_text_under_a_strict_policy() {
    let s = start();
    let (session, _) = s.sign_in(&s.invite("ana", Duration::hours(1), Utc::now()));
    let page = s.get("/review", Some(&session));
    assert_eq!(page.status, 200);
    let body = text(&page);
    assert_eq!(item_of(&page), "901");
    assert!(body.contains(ESCAPED), "{body}");
    assert!(
        !body.contains("<script>alert") && !body.contains("<img src=x"),
        "{body}"
    );
    assert!(
        body.contains("=cmd|&#39; /C calc&#39;!A0 &lt;b&gt;Page&lt;/b&gt;")
            || body.contains("=cmd|' /C calc'!A0 &lt;b&gt;Page&lt;/b&gt;"),
        "{body}"
    );
    let policy = page.header("content-security-policy").expect("a policy");
    assert!(
        policy.contains("script-src 'self'") && policy.contains("default-src 'none'"),
        "{policy}"
    );
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    // One script element: the server's own file, nothing inline.
    assert_eq!(body.matches("<script").count(), 1, "{body}");
    assert!(
        body.contains("<script src=\"/static/review.js\" defer></script>"),
        "{body}"
    );
}

#[test]
fn forms_without_their_token_are_refused() {
    let s = start();
    let (session, csrf) = s.sign_in(&s.invite("ana", Duration::hours(1), Utc::now()));
    let item = item_of(&s.get("/review", Some(&session)));
    let answer = |token: Option<&str>| {
        let mut fields = vec![
            ("item", item.as_str()),
            ("action", "answer"),
            ("q.nature", "not_political"),
        ];
        if let Some(t) = token {
            fields.push(("csrf", t));
        }
        s.post("/review", Some(&session), &form(&fields))
    };
    assert_eq!(answer(None).status, 403);
    assert_eq!(answer(Some(&"0".repeat(64))).status, 403);
    assert_eq!(s.post("/sign-out", Some(&session), "").status, 403);
    // The invitation form needs the token of its own cookie.
    let link = s.invite("ben", Duration::hours(1), Utc::now());
    let path = &link[link.find("/invite/").expect("a link")..];
    let page = s.get(path, None);
    let token = csrf_of(&page);
    assert_eq!(s.post(path, None, &form(&[("csrf", &token)])).status, 403);
    assert_eq!(
        s.post(
            path,
            Some("disinfo_invite_csrf=other"),
            &form(&[("csrf", &token)])
        )
        .status,
        403
    );
    // With the token, the answer is taken.
    assert_eq!(answer(Some(&csrf)).status, 303);
}

#[test]
fn invitations_work_once_and_expire_and_sessions_are_required() {
    let s = start();
    let link = s.invite("ana", Duration::hours(1), Utc::now());
    let (session, _) = s.sign_in(&link);
    // Used again: refused, even with a fresh form token.
    let path = &link[link.find("/invite/").expect("a link")..];
    let page = s.get(path, None);
    let again = s.post(
        path,
        Some(&cookie_of(&page, "disinfo_invite_csrf")),
        &form(&[("csrf", &csrf_of(&page))]),
    );
    assert_eq!(again.status, 403);
    assert!(text(&again).contains("already used"));
    // Expired.
    let old = s.invite("ben", Duration::hours(1), Utc::now() - Duration::days(2));
    let path = &old[old.find("/invite/").expect("a link")..];
    let page = s.get(path, None);
    let expired = s.post(
        path,
        Some(&cookie_of(&page, "disinfo_invite_csrf")),
        &form(&[("csrf", &csrf_of(&page))]),
    );
    assert_eq!(expired.status, 403);
    assert!(text(&expired).contains("expired"));
    // Unknown.
    let page = s.get("/invite/forged", None);
    let unknown = s.post(
        "/invite/forged",
        Some(&cookie_of(&page, "disinfo_invite_csrf")),
        &form(&[("csrf", &csrf_of(&page))]),
    );
    assert_eq!(unknown.status, 403);
    // No session, a forged one, a reviewer on the owner's pages.
    for path in ["/review", "/owner", "/owner/export?format=csv", "/"] {
        assert_eq!(s.get(path, None).status, 401, "{path}");
        assert_eq!(
            s.get(path, Some("disinfo_session=forged")).status,
            401,
            "{path}"
        );
    }
    assert_eq!(s.get("/owner", Some(&session)).status, 403);
    assert_eq!(
        s.get("/owner/export?format=json", Some(&session)).status,
        403
    );
    // A body over the limit.
    let big = format!("csrf=x&q.comment={}", "a".repeat(100_000));
    assert_eq!(s.post("/review", Some(&session), &big).status, 413);
}

#[test]
fn answers_are_checked_kept_once_and_exported_with_evidence() {
    let s = start();
    let (ana, ana_csrf) = s.sign_in(&s.invite("ana", Duration::hours(1), Utc::now()));
    let (owner, owner_csrf) = {
        let (session, _) = s.sign_in(&s.owner_link.clone());
        let page = s.get("/owner", Some(&session));
        assert_eq!(page.status, 200);
        let csrf = csrf_of(&page);
        (session, csrf)
    };
    let item = item_of(&s.get("/review", Some(&ana)));
    // Political without the questions it opens: refused with the page again (422).
    let incomplete = s.post(
        "/review",
        Some(&ana),
        &form(&[
            ("csrf", &ana_csrf),
            ("item", &item),
            ("action", "answer"),
            ("q.nature", "political"),
        ]),
    );
    assert_eq!(incomplete.status, 422);
    assert!(
        text(&incomplete).contains("must be answered"),
        "{}",
        text(&incomplete)
    );
    // Answers to questions not asked (shown without JavaScript) are dropped, not refused.
    let comment = format!("={HOSTILE}");
    let fields = [
        ("csrf", ana_csrf.as_str()),
        ("item", item.as_str()),
        ("action", "answer"),
        ("q.nature", "not_political"),
        ("q.election", "european"),
        ("q.comment", comment.as_str()),
    ];
    assert_eq!(s.post("/review", Some(&ana), &form(&fields)).status, 303);
    assert_eq!(
        s.post("/review", Some(&ana), &form(&fields)).status,
        403,
        "answered once"
    );
    assert_ne!(
        item_of(&s.get("/review", Some(&ana))),
        item,
        "not shown again"
    );
    // The owner invites through the page, then exports.
    let invited = s.post(
        "/owner/invitations",
        Some(&owner),
        &format!("csrf={owner_csrf}&reviewer={}&days=3", encode("Chloé <b>")),
    );
    assert_eq!(invited.status, 200);
    assert!(text(&invited).contains("Chloé &lt;b&gt;"));
    assert!(text(&invited).contains(&format!("http://{}/invite/", s.addr)));
    let csv = s.get("/owner/export?format=csv&table=answers", Some(&owner));
    assert_eq!(csv.status, 200);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    let rows = text(&csv);
    assert_eq!(rows.lines().count(), 3, "{rows}");
    assert!(
        rows.contains(&format!("{item},")) && rows.contains("'=<script>"),
        "{rows}"
    );
    assert!(
        rows.lines()
            .skip(1)
            .all(|r| r.split(',').nth(1).is_some_and(|h| h.len() == 64)),
        "{rows}"
    );
    assert!(!rows.contains("european"), "{rows}");
    assert_eq!(s.get("/owner/export?format=xml", Some(&owner)).status, 400);
    // Skipping: the ad is not shown to this reviewer again.
    let next = item_of(&s.get("/review", Some(&ana)));
    let skip = s.post(
        "/review",
        Some(&ana),
        &form(&[("csrf", &ana_csrf), ("item", &next), ("action", "skip")]),
    );
    assert_eq!(skip.status, 303);
    let after = s.get("/review", Some(&ana));
    assert!(text(&after).contains("name=\"item\"") && item_of(&after) != next);
}
