//! The store's tests: invitations, sessions, handing out, answers, reopening.

use super::*;
use crate::review::fixtures::campaign;

fn at(minutes: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_558_000_000 + minutes * 60, 0).expect("a time")
}

fn store(items: &[&str], k: u32) -> (tempfile::TempDir, ReviewStore, String) {
    let dir = tempfile::tempdir().expect("a folder");
    let mut s = ReviewStore::open(&dir.path().join("review.db")).expect("opened");
    let owner = s
        .create(&campaign(items, k), "owner", Duration::hours(1), at(0))
        .expect("created");
    for reviewer in ["ana", "ben", "chloe", "dan"] {
        s.invite(reviewer, Duration::hours(1), at(0))
            .expect("invited");
    }
    (dir, s, owner)
}

fn nature(choice: &str) -> BTreeMap<String, AnswerValue> {
    BTreeMap::from([("nature".to_owned(), AnswerValue::Text(choice.to_owned()))])
}

#[test]
fn invitations_are_single_use_and_expire() {
    let (_dir, mut s, owner) = store(&["a"], 2);
    let session = s
        .redeem(&owner, Duration::hours(8), at(1))
        .expect("redeemed");
    assert_eq!(
        (session.reviewer.as_str(), session.role),
        ("owner", Role::Owner)
    );
    assert_eq!(
        s.session(&session.token, at(2)).expect("valid").csrf,
        session.csrf
    );
    let reused = s
        .redeem(&owner, Duration::hours(8), at(2))
        .expect_err("refused");
    assert_eq!(reused.code(), "access_refused");
    assert!(reused.to_string().contains("already used"));
    let ana = s
        .invite("ana", Duration::minutes(30), at(2))
        .expect("invited");
    assert!(
        s.redeem(&ana, Duration::hours(8), at(40))
            .expect_err("refused")
            .to_string()
            .contains("expired")
    );
    assert!(
        s.redeem("0123", Duration::hours(8), at(3))
            .expect_err("refused")
            .to_string()
            .contains("unknown")
    );
    assert!(
        s.session(&session.token, at(60 * 9))
            .expect_err("refused")
            .to_string()
            .contains("expired")
    );
    assert!(s.session("forged", at(2)).is_err());
    s.sign_out(&session.token).expect("signed out");
    assert!(s.session(&session.token, at(3)).is_err());
    assert!(s.invite("", Duration::minutes(1), at(1)).is_err());
    assert!(s.invite("a\u{7}b", Duration::minutes(1), at(1)).is_err());
}

#[test]
fn ads_are_handed_out_answered_and_skipped_once() {
    let (_dir, mut s, _) = store(&["a", "b"], 1);
    let lease = Duration::minutes(10);
    let stranger = s.next("eve", lease, at(1)).expect_err("refused");
    assert_eq!(stranger.code(), "access_refused");
    let first = s.next("ana", lease, at(1)).expect("next").expect("an ad");
    assert_eq!(first.item, "a");
    // Asking again gives the same ad (its lease renewed), another reviewer gets the other.
    assert_eq!(
        s.next("ana", lease, at(2))
            .expect("next")
            .expect("an ad")
            .item,
        "a"
    );
    assert_eq!(
        s.next("ben", lease, at(2))
            .expect("next")
            .expect("an ad")
            .item,
        "b"
    );
    // Nothing left for a third while both are leased.
    assert!(s.next("chloe", lease, at(3)).expect("next").is_none());
    // Not handed to ben: refused; incomplete: refused by the questionnaire.
    assert_eq!(
        s.submit("ben", "a", &nature("political"), at(3))
            .expect_err("refused")
            .code(),
        "access_refused"
    );
    assert_eq!(
        s.submit("ana", "a", &nature("political"), at(3))
            .expect_err("refused")
            .code(),
        "invalid_argument"
    );
    s.submit("ana", "a", &nature("not_political"), at(3))
        .expect("answered");
    assert!(
        s.submit("ana", "a", &nature("not_political"), at(3))
            .expect_err("refused")
            .to_string()
            .contains("already answered")
    );
    s.skip("ben", "b", at(4)).expect("skipped");
    assert!(s.skip("ben", "b", at(4)).is_err());
    // b is free again (skipped by ben): chloe gets it; ben has nothing left.
    assert_eq!(
        s.next("chloe", lease, at(5))
            .expect("next")
            .expect("an ad")
            .item,
        "b"
    );
    assert!(s.next("ben", lease, at(5)).expect("next").is_none());
    // An expired lease frees the ad for someone else.
    assert_eq!(
        s.next("dan", lease, at(30))
            .expect("next")
            .expect("an ad")
            .item,
        "b"
    );
    let answers = s.answers().expect("answers");
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].answer, AnswerValue::Text("not_political".into()));
    let p = s.progress("ana").expect("progress");
    assert_eq!((p.answered, p.skipped, p.remaining), (1, 0, 1));
    assert_eq!(
        s.answers_of("ana", "a").expect("answers"),
        nature("not_political")
    );
}

#[test]
fn reopening_keeps_everything_and_bad_files_are_storage_errors() {
    let (dir, mut s, owner) = store(&["a"], 1);
    s.next("ana", Duration::minutes(5), at(1)).expect("next");
    s.submit("ana", "a", &nature("not_political"), at(1))
        .expect("answered");
    drop(s);
    let path = dir.path().join("review.db");
    let mut s = ReviewStore::open(&path).expect("reopened");
    assert_eq!(s.answers().expect("answers").len(), 1);
    assert_eq!(s.campaign().expect("campaign").ads.len(), 1);
    assert!(
        s.create(&campaign(&["x"], 1), "o", Duration::hours(1), at(2))
            .is_err()
    );
    s.redeem(&owner, Duration::hours(1), at(2))
        .expect("the owner's invitation survives");
    s.conn
        .execute("INSERT INTO schema_migrations VALUES (99, 'x')", [])
        .expect("written");
    drop(s);
    let newer = ReviewStore::open(&path).err().expect("refused");
    assert_eq!(newer.code(), "storage");
    assert!(newer.to_string().contains("version 99"));
    let junk = dir.path().join("junk.db");
    std::fs::write(
        &junk,
        b"not a database, just text that is long enough to be a header",
    )
    .expect("written");
    assert_eq!(
        ReviewStore::open(&junk).err().expect("refused").code(),
        "storage"
    );
    assert_eq!(
        ReviewStore::open(&dir.path().join("no/such/dir/r.db"))
            .err()
            .expect("refused")
            .code(),
        "storage"
    );
    let empty = ReviewStore::open(&dir.path().join("empty.db")).expect("opened");
    assert_eq!(empty.campaign().expect_err("no campaign").code(), "storage");
}
