//! The store's tests: invitations, sessions, handing out, answers, reopening — each on SQLite
//! and on a PostgreSQL server started for the test (when PostgreSQL is installed), then what
//! only PostgreSQL does: several servers on one database, a server restarted under the store.

use super::postgres_server::PostgresServer;
use super::*;
use crate::review::assign::Tally;
use crate::review::fixtures::campaign;

fn at(minutes: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_558_000_000 + minutes * 60, 0).expect("a time")
}

fn store(db: &Database, items: &[&str], k: u32) -> (ReviewStore, String) {
    let mut s = ReviewStore::connect(db).expect("opened");
    let owner = s
        .create(&campaign(items, k), "owner", Duration::hours(1), at(0))
        .expect("created");
    for reviewer in ["ana", "ben", "chloe", "dan"] {
        s.invite(reviewer, Duration::hours(1), at(0))
            .expect("invited");
    }
    (s, owner)
}

fn nature(choice: &str) -> BTreeMap<String, AnswerValue> {
    BTreeMap::from([("nature".to_owned(), AnswerValue::Text(choice.to_owned()))])
}

fn invitations_are_single_use_and_expire(db: &Database) {
    let (mut s, owner) = store(db, &["a"], 2);
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

fn ads_are_handed_out_answered_and_skipped_once(db: &Database) {
    let (mut s, _) = store(db, &["a", "b"], 1);
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

fn reopening_keeps_everything_and_refuses_a_newer_schema(db: &Database) {
    let (mut s, owner) = store(db, &["a"], 1);
    s.next("ana", Duration::minutes(5), at(1)).expect("next");
    s.submit("ana", "a", &nature("not_political"), at(1))
        .expect("answered");
    drop(s);
    let mut s = ReviewStore::connect(db).expect("reopened");
    assert_eq!(s.answers().expect("answers").len(), 1);
    assert_eq!(s.campaign().expect("campaign").ads.len(), 1);
    assert!(
        s.create(&campaign(&["x"], 1), "o", Duration::hours(1), at(2))
            .is_err()
    );
    s.redeem(&owner, Duration::hours(1), at(2))
        .expect("the owner's invitation survives");
    s.conn
        .borrow_mut()
        .execute("INSERT INTO schema_migrations VALUES (99, 'x')", &[])
        .expect("written");
    drop(s);
    let newer = ReviewStore::connect(db).err().expect("refused");
    assert_eq!(newer.code(), "storage");
    assert!(newer.to_string().contains("version 99"));
}

/// The database's tally (SQL aggregates) equals the one counted from the answers, for every
/// reviewer, after answers that agree, disagree, and say "cannot tell".
fn the_database_tallies_as_the_answers_do(db: &Database) {
    let items = ["a", "b", "c", "d", "e", "f"];
    let (mut s, _) = store(db, &items, 3);
    let choices = ["political", "not_political", "cannot_tell", "issue"];
    let mut n = 0;
    for reviewer in ["ana", "ben", "chloe", "dan"] {
        while let Some(ad) = s.next(reviewer, Duration::hours(1), at(1)).expect("next") {
            n += 1;
            let choice = choices[n * 7 % 4];
            let mut answer = nature(choice);
            let text = |t: &str| AnswerValue::Text(t.to_owned());
            if choice == "political" || choice == "issue" {
                answer.insert("election".to_owned(), text("european"));
                answer.insert(
                    "missing_information".to_owned(),
                    AnswerValue::Choices(vec!["nothing".to_owned()]),
                );
                answer.insert(
                    "foreign_payer".to_owned(),
                    text(if n % 2 == 0 { "no" } else { "yes" }),
                );
            }
            if choice == "political" {
                answer.insert("commercial_propaganda".to_owned(), text("no"));
                answer.insert("payer".to_owned(), text("party"));
            }
            s.submit(reviewer, &ad.item, &answer, at(1))
                .expect("answered");
        }
    }
    let answers = s.answers().expect("answers");
    assert!(answers.len() > 10, "{} answers", answers.len());
    let campaign = s.campaign().expect("campaign");
    for reviewer in ["ana", "ben", "chloe", "dan", "nobody"] {
        let counted = Tally::of(&campaign.questionnaire, &answers, reviewer);
        let queried =
            tally(&mut s.conn.borrow_mut(), &campaign.questionnaire, reviewer).expect("tallied");
        assert_eq!(queried, counted, "{reviewer}");
    }
    assert!(
        !Tally::of(&campaign.questionnaire, &answers, "ana")
            .disagreed
            .is_empty()
    );
}

/// Every test of the store, on the databases `fresh` makes.
fn every_test(mut fresh: impl FnMut() -> Database) {
    the_database_tallies_as_the_answers_do(&fresh());
    invitations_are_single_use_and_expire(&fresh());
    ads_are_handed_out_answered_and_skipped_once(&fresh());
    reopening_keeps_everything_and_refuses_a_newer_schema(&fresh());
    let empty = ReviewStore::connect(&fresh()).expect("opened");
    assert_eq!(empty.campaign().expect_err("no campaign").code(), "storage");
}

#[test]
fn sqlite_files() {
    let dir = tempfile::tempdir().expect("a folder");
    let mut n = 0;
    every_test(|| {
        n += 1;
        Database::Sqlite(dir.path().join(format!("review-{n}.db")))
    });
}

#[test]
fn bad_sqlite_files_are_storage_errors() {
    let dir = tempfile::tempdir().expect("a folder");
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
}

#[test]
fn postgres_databases() {
    let Some(server) = PostgresServer::start() else {
        return;
    };
    let server = server.expect("the PostgreSQL server starts");
    let mut n = 0;
    every_test(|| {
        n += 1;
        Database::Postgres(server.database(&format!("review_{n}")).expect("a database"))
    });

    // Two servers of the review on one database: the same ad is never handed to two reviewers
    // when one is wanted, and each answer is kept once.
    let db = Database::Postgres(server.database("shared").expect("a database"));
    let items: Vec<String> = (0..40).map(|i| format!("ad{i:02}")).collect();
    let refs: Vec<&str> = items.iter().map(String::as_str).collect();
    drop(store(&db, &refs, 1));
    let answered: Vec<Vec<String>> = std::thread::scope(|scope| {
        let workers: Vec<_> = ["ana", "ben", "chloe", "dan"]
            .into_iter()
            .map(|reviewer| {
                let db = db.clone();
                scope.spawn(move || {
                    let mut s = ReviewStore::connect(&db).expect("connected");
                    let mut mine = Vec::new();
                    while let Some(ad) = s.next(reviewer, Duration::hours(1), at(1)).expect("next")
                    {
                        s.submit(reviewer, &ad.item, &nature("not_political"), at(1))
                            .expect("answered");
                        mine.push(ad.item);
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a worker"))
            .collect()
    });
    let mut all: Vec<String> = answered.concat();
    all.sort();
    assert_eq!(all, items, "each ad answered once, by one reviewer");
    assert_eq!(
        ReviewStore::connect(&db)
            .expect("connected")
            .answers()
            .expect("answers")
            .len(),
        40
    );

    // The server restarts under an open store: the store connects again.
    let (mut s, owner) = store(
        &Database::Postgres(server.database("restarted").expect("a database")),
        &["a"],
        1,
    );
    server.restart().expect("restarted");
    let session = s
        .redeem(&owner, Duration::hours(1), at(1))
        .expect("redeemed on a new connection");
    server.restart().expect("restarted");
    assert_eq!(
        s.session(&session.token, at(2)).expect("read").reviewer,
        "owner"
    );

    // Nothing listening, a wrong password, a database that does not exist: storage errors that
    // never show the password.
    let gone = format!("postgres://postgres:s3cret@127.0.0.1:{}/x", free_port());
    let refused = ReviewStore::connect(&Database::Postgres(gone))
        .err()
        .expect("refused");
    assert_eq!(refused.code(), "storage");
    assert!(!refused.to_string().contains("s3cret"), "{refused}");
    let missing = ReviewStore::connect(&Database::Postgres(server.url("no_such_database")))
        .err()
        .expect("refused");
    assert_eq!(missing.code(), "storage");
    assert!(
        missing.to_string().contains("no_such_database"),
        "{missing}"
    );
    let malformed = ReviewStore::connect(&Database::Postgres("postgres://[::1".to_owned()))
        .err()
        .expect("refused");
    assert_eq!(malformed.code(), "storage");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a port")
        .port()
}
