//! A review campaign's state in one SQLite file (WAL, foreign keys), or in a PostgreSQL database
//! for a shared deployment ([`Database`]); every change in a transaction, the same migrations
//! from `migrations/review/` recorded in `schema_migrations`: the
//! campaign, its reviewers and owner, one-time invitations, sessions, which ads are handed out,
//! answered or skipped, and the answers.
//!
//! Every decision the web interface relies on is taken here, where it is tested without a
//! server: an invitation is used once and expires; a session expires and carries the CSRF token
//! of its forms; an answer is accepted only for an ad handed to that reviewer, once, complete by
//! the questionnaire ([`super::Questionnaire::check`]); the next ad follows
//! [`super::assign::next_ads`]. Tokens are random (256 bits from the operating system's
//! generator through `rand`'s `ThreadRng`) and stored as their SHA-256. The caller passes the time: nothing here reads the clock.

mod db;
#[cfg(any(test, feature = "test-postgres"))]
pub mod postgres_server;

use std::cell::{OnceCell, RefCell, RefMut};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use rand::Rng;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use self::db::Database;
use self::db::{Conn, DbError, DbResult, Param, int, opt_text, params, text};
use super::answers::{Answer, AnswerValue};
use super::assign::{AssignOptions, Assignment, NextAd, Tally, next_ads_of};
use super::campaign::Campaign;
use super::questionnaire::{QuestionKind, Questionnaire};
use crate::error::{Error, Result};

/// The migrations, in order: (version, SQL).
const MIGRATIONS: &[(i64, &str)] = &[(
    1,
    include_str!("../../../migrations/review/0001_campaign.sql"),
)];

/// Who a reviewer is to the campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Creates invitations, sees progress, agreement and the contested ads, exports.
    Owner,
    /// Answers the ads handed to them.
    Reviewer,
}

impl Role {
    fn parse(s: &str) -> Role {
        if s == "owner" {
            Role::Owner
        } else {
            Role::Reviewer
        }
    }
}

/// A signed-in reviewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Session {
    /// The session token (only returned when the session is opened; the cookie's value).
    pub token: String,
    /// The reviewer.
    pub reviewer: String,
    /// Their role.
    pub role: Role,
    /// The token every form of this session carries.
    pub csrf: String,
    /// When the session ends (RFC 3339).
    pub expires_at: String,
}

/// A reviewer's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Progress {
    /// Ads this reviewer answered.
    pub answered: usize,
    /// Ads this reviewer skipped.
    pub skipped: usize,
    /// Ads still to be handed out to someone, for this reviewer (an estimate of the work left).
    pub remaining: usize,
}

/// A campaign's database.
pub struct ReviewStore {
    database: Database,
    /// The connection, opened again when a PostgreSQL server dropped it.
    conn: RefCell<Conn>,
    /// The campaign, read once (it does not change once stored).
    campaign: OnceCell<Arc<Campaign>>,
}

fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    hex::encode(bytes)
}

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn refused(reason: &str) -> Error {
    Error::AccessRefused {
        reason: reason.to_owned(),
    }
}

impl ReviewStore {
    /// Opens the SQLite file at `path` (created if missing) and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        Self::connect(&Database::Sqlite(path.to_owned()))
    }

    /// Connects to `database` and brings its schema up to date (the same migrations on SQLite
    /// and PostgreSQL).
    pub fn connect(database: &Database) -> Result<Self> {
        let conn = Conn::open(database).map_err(|e| storage(database, e))?;
        let store = ReviewStore {
            database: database.clone(),
            conn: RefCell::new(conn),
            campaign: OnceCell::new(),
        };
        store.migrate()?;
        Ok(store)
    }

    /// The database this store keeps its state in.
    pub fn database(&self) -> &Database {
        &self.database
    }

    fn fail(&self, e: DbError) -> Error {
        storage(&self.database, e)
    }

    /// The connection, opened again if the server closed it.
    fn conn(&self) -> Result<RefMut<'_, Conn>> {
        let mut conn = self.conn.borrow_mut();
        if conn.is_closed() {
            *conn = Conn::open(&self.database).map_err(|e| self.fail(e))?;
        }
        Ok(conn)
    }

    /// Reads with `f` outside any transaction; once more on a new connection when the server
    /// had closed this one (a PostgreSQL server restarted: the client learns it on its next
    /// statement).
    fn read<T>(&self, f: impl Fn(&mut Conn) -> DbResult<T>) -> Result<T> {
        let mut conn = self.conn()?;
        match f(&mut conn) {
            Err(_) if conn.is_closed() => {
                drop(conn);
                f(&mut *self.conn()?).map_err(|e| self.fail(e))
            }
            done => done.map_err(|e| self.fail(e)),
        }
    }

    /// Runs `f` in a write transaction (the only one running on the database, so that two
    /// requests never decide on the same state), committed when `f` succeeds, undone when it
    /// fails. A transaction that cannot begin because the server closed the connection begins
    /// again on a new one; one that fails later is not run again (it may have been committed).
    fn write<T>(&self, f: impl FnOnce(&mut Conn) -> Step<T>) -> Result<T> {
        let mut conn = self.conn()?;
        if let Err(e) = conn.begin_write() {
            if !conn.is_closed() {
                conn.rollback();
                return Err(self.fail(e));
            }
            drop(conn);
            conn = self.conn()?;
            if let Err(e) = conn.begin_write() {
                conn.rollback();
                return Err(self.fail(e));
            }
        }
        match f(&mut conn) {
            Ok(out) => match conn.commit() {
                Ok(()) => Ok(out),
                Err(e) => {
                    conn.rollback();
                    Err(self.fail(e))
                }
            },
            Err(e) => {
                conn.rollback();
                Err(match e {
                    Undo::Refused(e) => e,
                    Undo::Database(e) => self.fail(e),
                })
            }
        }
    }

    /// Applies the migrations not applied yet, each in its own transaction; refuses a database
    /// of a newer version.
    fn migrate(&self) -> Result<()> {
        let current = self.write(|c| {
            c.batch(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)",
            )?;
            let current = match c.query_opt("SELECT MAX(version) FROM schema_migrations", &[])? {
                Some(row) if row.first() != Some(&db::Cell::Null) => int(&row, 0)?,
                _ => 0,
            };
            Ok(current)
        })?;
        let newest = MIGRATIONS.last().map_or(0, |m| m.0);
        if current > newest {
            return Err(Error::Storage {
                path: self.database.to_string(),
                message: format!(
                    "the database is at version {current}, this disinfo knows up to {newest}; use a newer disinfo"
                ),
            });
        }
        for &(version, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
            self.write(|c| {
                // Another server may have applied it meanwhile: the lock is held now.
                if c.query_opt(
                    "SELECT version FROM schema_migrations WHERE version = ?1",
                    params![version],
                )?
                .is_none()
                {
                    c.batch(sql)?;
                    c.execute(
                        "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)",
                        params![version, &timestamp(Utc::now())],
                    )?;
                }
                Ok(())
            })?;
        }
        Ok(())
    }

    /// Stores `campaign` with its owner; an invitation for the owner is returned (valid for
    /// `valid_for`). A database holds one campaign.
    pub fn create(
        &mut self,
        campaign: &Campaign,
        owner: &str,
        valid_for: Duration,
        now: DateTime<Utc>,
    ) -> Result<String> {
        check_name(owner)?;
        let definition =
            serde_json::to_string(campaign).map_err(|e| Error::arg("campaign", e.to_string()))?;
        self.write(|c| {
            if let Some(row) = c.query_opt("SELECT id FROM campaign", &[])? {
                let id = text(&row, 0)?;
                return Err(Undo::Refused(Error::arg(
                    "campaign",
                    format!("this database already holds campaign `{id}`"),
                )));
            }
            let at = timestamp(now);
            c.execute(
                "INSERT INTO campaign (id, definition, created_at) VALUES (?1, ?2, ?3)",
                params![&campaign.id, &definition, &at],
            )?;
            c.execute(
                "INSERT INTO reviewer (id, role, created_at) VALUES (?1, 'owner', ?2)",
                params![owner, &at],
            )?;
            Ok(insert_invitation(c, owner, valid_for, now)?)
        })
    }

    /// The campaign (read from the database once).
    pub fn campaign(&self) -> Result<Arc<Campaign>> {
        if let Some(c) = self.campaign.get() {
            return Ok(c.clone());
        }
        let definition = self.read(|c| {
            c.query_opt("SELECT definition FROM campaign", &[])?
                .map(|row| text(&row, 0))
                .transpose()
        })?;
        let definition = definition.ok_or_else(|| Error::Storage {
            path: self.database.to_string(),
            message: "no campaign in this database; create one with `disinfo ads review init`"
                .to_owned(),
        })?;
        let campaign: Campaign = serde_json::from_str(&definition).map_err(|e| Error::Storage {
            path: self.database.to_string(),
            message: format!("the stored campaign cannot be read: {e}"),
        })?;
        Ok(self.campaign.get_or_init(|| Arc::new(campaign)).clone())
    }

    /// A one-time invitation for `reviewer` (created as a reviewer if new), valid for
    /// `valid_for`: the token to put in the link.
    pub fn invite(
        &mut self,
        reviewer: &str,
        valid_for: Duration,
        now: DateTime<Utc>,
    ) -> Result<String> {
        check_name(reviewer)?;
        self.write(|c| {
            c.execute(
                "INSERT INTO reviewer (id, role, created_at) VALUES (?1, 'reviewer', ?2) ON CONFLICT (id) DO NOTHING",
                params![reviewer, &timestamp(now)],
            )?;
            Ok(insert_invitation(c, reviewer, valid_for, now)?)
        })
    }

    /// Uses an invitation: a new session of `session_for`. An unknown, expired or already used
    /// invitation is refused.
    pub fn redeem(
        &mut self,
        invitation: &str,
        session_for: Duration,
        now: DateTime<Utc>,
    ) -> Result<Session> {
        let invitation_hash = hash(invitation);
        self.write(|c| {
            let row = c
                .query_opt(
                    "SELECT i.reviewer, i.expires_at, i.used_at, r.role FROM invitation i JOIN reviewer r ON r.id = i.reviewer WHERE i.token_hash = ?1",
                    params![&invitation_hash],
                )?
                .ok_or_else(|| Undo::Refused(refused("this invitation is unknown")))?;
            let (reviewer, expires_at) = (text(&row, 0)?, text(&row, 1)?);
            if opt_text(&row, 2)?.is_some() {
                return Err(Undo::Refused(refused(
                    "this invitation was already used; ask the campaign's owner for a new one",
                )));
            }
            if expires_at <= timestamp(now) {
                return Err(Undo::Refused(refused(
                    "this invitation has expired; ask the campaign's owner for a new one",
                )));
            }
            c.execute(
                "UPDATE invitation SET used_at = ?1 WHERE token_hash = ?2",
                params![&timestamp(now), &invitation_hash],
            )?;
            let session = Session {
                token: token(),
                reviewer,
                role: Role::parse(&text(&row, 3)?),
                csrf: token(),
                expires_at: timestamp(now + session_for),
            };
            c.execute(
                "INSERT INTO session (token_hash, reviewer, csrf, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![&hash(&session.token), &session.reviewer, &session.csrf, &timestamp(now), &session.expires_at],
            )?;
            Ok(session)
        })
    }

    /// The session of `token`; an unknown or expired one is refused.
    pub fn session(&self, token: &str, now: DateTime<Utc>) -> Result<Session> {
        let row = self
            .read(|c| {
                c.query_opt(
                    "SELECT s.reviewer, r.role, s.csrf, s.expires_at FROM session s JOIN reviewer r ON r.id = s.reviewer WHERE s.token_hash = ?1",
                    params![&hash(token)],
                )
            })?
            .ok_or_else(|| refused("sign in with your invitation link"))?;
        let cells = || -> DbResult<(String, String, String, String)> {
            Ok((
                text(&row, 0)?,
                text(&row, 1)?,
                text(&row, 2)?,
                text(&row, 3)?,
            ))
        };
        let (reviewer, role, csrf, expires_at) = cells().map_err(|e| self.fail(e))?;
        if expires_at <= timestamp(now) {
            return Err(refused(
                "your session has expired; sign in again with a new invitation",
            ));
        }
        Ok(Session {
            token: token.to_owned(),
            reviewer,
            role: Role::parse(&role),
            csrf,
            expires_at,
        })
    }

    /// Ends a session.
    pub fn sign_out(&self, token: &str) -> Result<()> {
        self.read(|c| {
            c.execute(
                "DELETE FROM session WHERE token_hash = ?1",
                params![&hash(token)],
            )
            .map(drop)
        })
    }

    /// The ad handed to `reviewer` now: the one already pending for them (its lease renewed),
    /// or the next by [`next_ads_of`], leased for `lease`. `None` when nothing is left for
    /// them. The answers are counted by the database (the private `tally`), not read.
    pub fn next(
        &mut self,
        reviewer: &str,
        lease: Duration,
        now: DateTime<Utc>,
    ) -> Result<Option<NextAd>> {
        let campaign = self.campaign()?;
        self.write(|c| {
            if c.query_opt("SELECT id FROM reviewer WHERE id = ?1", params![reviewer])?
                .is_none()
            {
                return Err(Undo::Refused(refused("this reviewer was never invited")));
            }
            let tally = tally(c, &campaign.questionnaire, reviewer)?;
            let mut options = AssignOptions::default();
            let now_text = timestamp(now);
            let mut mine: Option<String> = None;
            let rows = c.query(
                "SELECT item, reviewer, state, lease_until FROM review WHERE state != 'answered'",
                &[],
            )?;
            for row in &rows {
                let (item, who, state) = (text(row, 0)?, text(row, 1)?, text(row, 2)?);
                let until = opt_text(row, 3)?;
                let leased = until.as_deref().is_some_and(|u| u > now_text.as_str());
                match state.as_str() {
                    "skipped" => options.skipped.push(Assignment {
                        item,
                        reviewer: who,
                    }),
                    _ if who == reviewer => mine = mine.or(Some(item)),
                    _ if leased => options.pending.push(Assignment {
                        item,
                        reviewer: who,
                    }),
                    _ => {}
                }
            }
            // Every candidate only to know whether the ad already handed out is still wanted.
            options.count = if mine.is_some() { usize::MAX } else { 1 };
            let candidates = next_ads_of(&campaign, &tally, reviewer, &options)?;
            // The ad already handed to this reviewer stays theirs while it is still wanted.
            let next = mine
                .as_ref()
                .and_then(|m| candidates.iter().find(|c| &c.item == m))
                .or(candidates.first())
                .cloned();
            if let Some(m) = mine.filter(|m| next.as_ref().is_none_or(|n| &n.item != m)) {
                c.execute(
                    "DELETE FROM review WHERE item = ?1 AND reviewer = ?2 AND state = 'pending'",
                    params![&m, reviewer],
                )?;
            }
            if let Some(n) = &next {
                c.execute(
                    "INSERT INTO review (item, reviewer, state, lease_until, updated_at) VALUES (?1, ?2, 'pending', ?3, ?4)
                     ON CONFLICT (item, reviewer) DO UPDATE SET lease_until = excluded.lease_until, updated_at = excluded.updated_at
                     WHERE review.state = 'pending'",
                    params![&n.item, reviewer, &timestamp(now + lease), &now_text],
                )?;
            }
            Ok(next)
        })
    }

    /// Records `reviewer`'s answers to `item`, which must be handed to them and not answered:
    /// all at once, checked by the questionnaire.
    pub fn submit(
        &mut self,
        reviewer: &str,
        item: &str,
        answers: &BTreeMap<String, AnswerValue>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let campaign = self.campaign()?;
        let values = answers
            .iter()
            .map(|(question, value)| Ok((question, serde_json::to_string(value)?)))
            .collect::<serde_json::Result<Vec<_>>>()
            .map_err(|e| Error::arg("answers", e.to_string()))?;
        self.write(|c| {
            require_pending(c, item, reviewer)?;
            campaign.questionnaire.check(answers)?;
            let at = timestamp(now);
            for (question, value) in &values {
                c.execute(
                    "INSERT INTO answer (item, reviewer, question, value, answered_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![item, reviewer, *question, value, &at],
                )?;
            }
            c.execute(
                "UPDATE review SET state = 'answered', lease_until = NULL, updated_at = ?3 WHERE item = ?1 AND reviewer = ?2",
                params![item, reviewer, &at],
            )?;
            Ok(())
        })
    }

    /// Records that `reviewer` skipped `item` (handed to them): it is not shown to them again.
    pub fn skip(&mut self, reviewer: &str, item: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(|c| {
            require_pending(c, item, reviewer)?;
            c.execute(
                "UPDATE review SET state = 'skipped', lease_until = NULL, updated_at = ?3 WHERE item = ?1 AND reviewer = ?2",
                params![item, reviewer, &timestamp(now)],
            )?;
            Ok(())
        })
    }

    /// Every answer, by time, then ad, reviewer and question.
    pub fn answers(&self) -> Result<Vec<Answer>> {
        self.read(read_answers)
    }

    /// `reviewer`'s answers to `item` (what they may see again).
    pub fn answers_of(&self, reviewer: &str, item: &str) -> Result<BTreeMap<String, AnswerValue>> {
        let rows = self.read(|c| {
            c.query(
                "SELECT question, value FROM answer WHERE item = ?1 AND reviewer = ?2",
                params![item, reviewer],
            )
        })?;
        rows.iter()
            .map(|row| Ok((text(row, 0)?, answer_value(row, 1)?)))
            .collect::<DbResult<_>>()
            .map_err(|e| self.fail(e))
    }

    /// Every reviewer and their role, the owner first, then by name.
    pub fn reviewers(&self) -> Result<Vec<(String, Role)>> {
        let rows = self.read(|c| c.query("SELECT id, role FROM reviewer", &[]))?;
        let mut reviewers = rows
            .iter()
            .map(|row| Ok((text(row, 0)?, Role::parse(&text(row, 1)?))))
            .collect::<DbResult<Vec<_>>>()
            .map_err(|e| self.fail(e))?;
        reviewers.sort_by(|a, b| (a.1 == Role::Reviewer, &a.0).cmp(&(b.1 == Role::Reviewer, &b.0)));
        Ok(reviewers)
    }

    /// `reviewer`'s progress.
    pub fn progress(&self, reviewer: &str) -> Result<Progress> {
        let count = |state: &str| -> Result<usize> {
            let n = self.read(|c| {
                let row = c.query_opt(
                    "SELECT COUNT(*) FROM review WHERE reviewer = ?1 AND state = ?2",
                    params![reviewer, state],
                )?;
                row.map_or(Ok(0), |row| int(&row, 0))
            })?;
            Ok(usize::try_from(n).unwrap_or(0))
        };
        let campaign = self.campaign()?;
        let (answered, skipped) = (count("answered")?, count("skipped")?);
        Ok(Progress {
            answered,
            skipped,
            remaining: campaign.ads.len().saturating_sub(answered + skipped),
        })
    }
}

/// Why a write transaction is undone: a refusal, or the database's error.
enum Undo {
    Refused(Error),
    Database(DbError),
}

impl From<DbError> for Undo {
    fn from(e: DbError) -> Self {
        Undo::Database(e)
    }
}

impl From<Error> for Undo {
    fn from(e: Error) -> Self {
        Undo::Refused(e)
    }
}

/// What a step of a write transaction ends with.
type Step<T> = std::result::Result<T, Undo>;

fn storage(database: &Database, e: DbError) -> Error {
    Error::Storage {
        path: database.to_string(),
        message: e.0,
    }
}

fn check_name(name: &str) -> Result<()> {
    let ok = !name.trim().is_empty()
        && name.chars().count() <= 64
        && !name.chars().any(char::is_control);
    if ok {
        Ok(())
    } else {
        Err(Error::arg(
            "reviewer",
            "a reviewer's name is 1 to 64 printable characters",
        ))
    }
}

fn insert_invitation(
    c: &mut Conn,
    reviewer: &str,
    valid_for: Duration,
    now: DateTime<Utc>,
) -> DbResult<String> {
    let token = token();
    c.execute(
        "INSERT INTO invitation (token_hash, reviewer, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![&hash(&token), reviewer, &timestamp(now), &timestamp(now + valid_for)],
    )?;
    Ok(token)
}

/// Refuses unless `item` is pending for `reviewer`.
fn require_pending(c: &mut Conn, item: &str, reviewer: &str) -> Step<()> {
    let state = c
        .query_opt(
            "SELECT state FROM review WHERE item = ?1 AND reviewer = ?2",
            params![item, reviewer],
        )?
        .map(|row| text(&row, 0))
        .transpose()?;
    match state.as_deref() {
        Some("pending") => Ok(()),
        Some("answered") => Err(Undo::Refused(refused("you already answered this ad"))),
        Some(_) => Err(Undo::Refused(refused("you skipped this ad"))),
        None => Err(Undo::Refused(refused("this ad was not handed to you"))),
    }
}

/// The hand-out's tally for `reviewer`, counted by the database: reviewers per ad and this
/// reviewer's ads from `review` (one row per ad and reviewer, aggregated), the disagreed ads from
/// `answer` grouped by ad and question over the single-choice questions' real choices (what
/// [`super::assign::disagreements`] counts from answers; "cannot tell" and unknown values aside).
/// Rows read grow with the ads, not with the answers.
fn tally(c: &mut Conn, questionnaire: &Questionnaire, reviewer: &str) -> DbResult<Tally> {
    let mut tally = Tally::default();
    for row in c.query(
        "SELECT item, COUNT(*) FROM review WHERE state = 'answered' GROUP BY item",
        &[],
    )? {
        tally
            .reviews
            .insert(text(&row, 0)?, usize::try_from(int(&row, 1)?).unwrap_or(0));
    }
    for row in c.query(
        "SELECT item FROM review WHERE reviewer = ?1 AND state = 'answered'",
        params![reviewer],
    )? {
        tally.answered.insert(text(&row, 0)?);
    }
    // (question = ?a AND value IN (?b, ?c)) OR ... with each value as stored (JSON text).
    let mut values: Vec<String> = Vec::new();
    let mut clauses: Vec<String> = Vec::new();
    for q in questionnaire
        .questions
        .iter()
        .filter(|q| q.kind == QuestionKind::Single)
    {
        let first = values.len() + 1;
        values.push(q.id.clone());
        for choice in q.choices.iter().filter(|c| !c.missing) {
            values.push(serde_json::to_string(&choice.id).map_err(|e| DbError(e.to_string()))?);
        }
        let list: Vec<String> = (first + 1..=values.len())
            .map(|i| format!("?{i}"))
            .collect();
        if !list.is_empty() {
            clauses.push(format!(
                "(question = ?{first} AND value IN ({}))",
                list.join(", ")
            ));
        }
    }
    if !clauses.is_empty() {
        let sql = format!(
            "SELECT DISTINCT item FROM answer WHERE {} GROUP BY item, question HAVING COUNT(DISTINCT value) > 1",
            clauses.join(" OR ")
        );
        let params: Vec<Param<'_>> = values.iter().map(Param::from).collect();
        for row in c.query(&sql, &params)? {
            tally.disagreed.insert(text(&row, 0)?);
        }
    }
    Ok(tally)
}

fn answer_value(row: &db::Row, i: usize) -> DbResult<AnswerValue> {
    serde_json::from_str(&text(row, i)?)
        .map_err(|e| DbError(format!("a stored answer cannot be read: {e}")))
}

/// Every answer, by time, then ad, reviewer and question (byte order, the same in both
/// databases).
fn read_answers(c: &mut Conn) -> DbResult<Vec<Answer>> {
    let rows = c.query(
        "SELECT answered_at, item, reviewer, question, value FROM answer",
        &[],
    )?;
    let mut answers = rows
        .iter()
        .map(|row| {
            Ok((
                text(row, 0)?,
                Answer {
                    item: text(row, 1)?,
                    reviewer: text(row, 2)?,
                    question: text(row, 3)?,
                    answer: answer_value(row, 4)?,
                },
            ))
        })
        .collect::<DbResult<Vec<_>>>()?;
    answers.sort_by(|(t1, a1), (t2, a2)| {
        (t1, &a1.item, &a1.reviewer, &a1.question).cmp(&(t2, &a2.item, &a2.reviewer, &a2.question))
    });
    Ok(answers.into_iter().map(|(_, a)| a).collect())
}

#[cfg(test)]
mod tests;
