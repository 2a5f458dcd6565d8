//! A review campaign's state in one SQLite file (WAL, foreign keys, every change in a
//! transaction, migrations from `migrations/review/` recorded in `schema_migrations`): the
//! campaign, its reviewers and owner, one-time invitations, sessions, which ads are handed out,
//! answered or skipped, and the answers.
//!
//! Every decision the web interface relies on is taken here, where it is tested without a
//! server: an invitation is used once and expires; a session expires and carries the CSRF token
//! of its forms; an answer is accepted only for an ad handed to that reviewer, once, complete by
//! the questionnaire ([`super::Questionnaire::check`]); the next ad follows [`next_ads`]. Tokens are
//! random (256 bits from the operating system's generator through `rand`'s `ThreadRng`) and
//! stored as their SHA-256. The caller passes the time: nothing here reads the clock.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use rand::Rng;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::answers::{Answer, AnswerValue};
use super::assign::{AssignOptions, Assignment, NextAd, next_ads};
use super::campaign::Campaign;
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
    conn: Connection,
    path: PathBuf,
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
    /// Opens the database at `path` (created if missing) and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        let conn = Connection::open(path).map_err(|e| storage(path, &e))?;
        let mut store = ReviewStore {
            conn,
            path: path.to_owned(),
            campaign: OnceCell::new(),
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    fn configure(&self) -> Result<()> {
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .and_then(|()| self.conn.pragma_update(None, "foreign_keys", true))
            .and_then(|()| self.conn.busy_timeout(std::time::Duration::from_secs(5)))
            .map_err(|e| self.fail(&e))
    }

    fn fail(&self, e: &rusqlite::Error) -> Error {
        storage(&self.path, e)
    }

    /// Runs `f` in an immediate transaction (the write lock taken at once, so that two
    /// requests never decide on the same state), committed when `f` succeeds. `f` gets the
    /// transaction and the mapping of the database's errors.
    fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>, &dyn Fn(rusqlite::Error) -> Error) -> Result<T>,
    ) -> Result<T> {
        let path = self.path.clone();
        let fail = move |e: rusqlite::Error| storage(&path, &e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&fail)?;
        let out = f(&tx, &fail)?;
        tx.commit().map_err(&fail)?;
        Ok(out)
    }

    /// Applies the migrations not applied yet, each in its own transaction; refuses a database
    /// of a newer version.
    fn migrate(&mut self) -> Result<()> {
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| storage(&path, &e);
        self.conn
            .execute_batch(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
            )
            .map_err(fail)?;
        let current: i64 = self
            .conn
            .query_row(
                "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                [],
                |r| r.get(0),
            )
            .map_err(fail)?;
        let newest = MIGRATIONS.last().map_or(0, |m| m.0);
        if current > newest {
            return Err(Error::Storage {
                path: self.path.display().to_string(),
                message: format!(
                    "the database is at version {current}, this disinfo knows up to {newest}; use a newer disinfo"
                ),
            });
        }
        for &(version, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
            let tx = self.conn.transaction().map_err(fail)?;
            tx.execute_batch(sql).map_err(fail)?;
            tx.execute(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)",
                params![version, timestamp(Utc::now())],
            )
            .map_err(fail)?;
            tx.commit().map_err(fail)?;
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
        self.write(|tx, fail| {
            let existing: Option<String> = tx
                .query_row("SELECT id FROM campaign", [], |r| r.get(0))
                .optional()
                .map_err(fail)?;
            if let Some(id) = existing {
                return Err(Error::arg(
                    "campaign",
                    format!("this database already holds campaign `{id}`"),
                ));
            }
            tx.execute(
                "INSERT INTO campaign (id, definition, created_at) VALUES (?1, ?2, ?3)",
                params![campaign.id, definition, timestamp(now)],
            )
            .map_err(fail)?;
            tx.execute(
                "INSERT INTO reviewer (id, role, created_at) VALUES (?1, 'owner', ?2)",
                params![owner, timestamp(now)],
            )
            .map_err(fail)?;
            let token = insert_invitation(tx, owner, valid_for, now).map_err(fail)?;
            Ok(token)
        })
    }

    /// The campaign (read from the database once).
    pub fn campaign(&self) -> Result<Arc<Campaign>> {
        if let Some(c) = self.campaign.get() {
            return Ok(c.clone());
        }
        let definition: Option<String> = self
            .conn
            .query_row("SELECT definition FROM campaign", [], |r| r.get(0))
            .optional()
            .map_err(|e| self.fail(&e))?;
        let definition = definition.ok_or_else(|| Error::Storage {
            path: self.path.display().to_string(),
            message: "no campaign in this database; create one with `disinfo ads review init`"
                .to_owned(),
        })?;
        let campaign: Campaign = serde_json::from_str(&definition).map_err(|e| Error::Storage {
            path: self.path.display().to_string(),
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
        self.write(|tx, fail| {
            tx.execute(
                "INSERT INTO reviewer (id, role, created_at) VALUES (?1, 'reviewer', ?2) ON CONFLICT (id) DO NOTHING",
                params![reviewer, timestamp(now)],
            )
            .map_err(fail)?;
            let token = insert_invitation(tx, reviewer, valid_for, now).map_err(fail)?;
            Ok(token)
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
        self.write(|tx, fail| {
            let found: Option<(String, String, Option<String>)> = tx
                .query_row(
                    "SELECT reviewer, expires_at, used_at FROM invitation WHERE token_hash = ?1",
                    params![hash(invitation)],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()
                .map_err(fail)?;
            let (reviewer, expires_at, used_at) =
                found.ok_or_else(|| refused("this invitation is unknown"))?;
            if used_at.is_some() {
                return Err(refused(
                    "this invitation was already used; ask the campaign's owner for a new one",
                ));
            }
            if expires_at <= timestamp(now) {
                return Err(refused(
                    "this invitation has expired; ask the campaign's owner for a new one",
                ));
            }
            tx.execute(
                "UPDATE invitation SET used_at = ?1 WHERE token_hash = ?2",
                params![timestamp(now), hash(invitation)],
            )
            .map_err(fail)?;
            let role: String = tx
                .query_row(
                    "SELECT role FROM reviewer WHERE id = ?1",
                    params![reviewer],
                    |r| r.get(0),
                )
                .map_err(fail)?;
            let session = Session {
                token: token(),
                reviewer,
                role: Role::parse(&role),
                csrf: token(),
                expires_at: timestamp(now + session_for),
            };
            tx.execute(
                "INSERT INTO session (token_hash, reviewer, csrf, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![hash(&session.token), session.reviewer, session.csrf, timestamp(now), session.expires_at],
            )
            .map_err(fail)?;
            Ok(session)
        })
    }

    /// The session of `token`; an unknown or expired one is refused.
    pub fn session(&self, token: &str, now: DateTime<Utc>) -> Result<Session> {
        let found: Option<(String, String, String, String)> = self
            .conn
            .query_row(
                "SELECT s.reviewer, r.role, s.csrf, s.expires_at FROM session s JOIN reviewer r ON r.id = s.reviewer WHERE s.token_hash = ?1",
                params![hash(token)],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(|e| self.fail(&e))?;
        let (reviewer, role, csrf, expires_at) =
            found.ok_or_else(|| refused("sign in with your invitation link"))?;
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
        self.conn
            .execute(
                "DELETE FROM session WHERE token_hash = ?1",
                params![hash(token)],
            )
            .map(drop)
            .map_err(|e| self.fail(&e))
    }

    /// The ad handed to `reviewer` now: the one already pending for them (its lease renewed),
    /// or the next by [`next_ads`], leased for `lease`. `None` when nothing is left for them.
    pub fn next(
        &mut self,
        reviewer: &str,
        lease: Duration,
        now: DateTime<Utc>,
    ) -> Result<Option<NextAd>> {
        let campaign = self.campaign()?;
        self.write(|tx, fail| {
            let known: Option<String> = tx
                .query_row(
                    "SELECT id FROM reviewer WHERE id = ?1",
                    params![reviewer],
                    |r| r.get(0),
                )
                .optional()
                .map_err(fail)?;
            if known.is_none() {
                return Err(refused("this reviewer was never invited"));
            }
            let answers = read_answers(tx).map_err(fail)?;
            let mut options = AssignOptions::default();
            let mut stmt = tx
                .prepare(
                    "SELECT item, reviewer, state, lease_until FROM review WHERE state != 'answered'",
                )
                .map_err(fail)?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<String>>(3)?,
                    ))
                })
                .map_err(fail)?;
            let now_text = timestamp(now);
            let mut mine: Option<String> = None;
            for row in rows {
                let (item, who, state, until) = row.map_err(fail)?;
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
            drop(stmt);
            options.count = usize::MAX;
            let candidates = next_ads(&campaign, &answers, reviewer, &options)?;
            // The ad already handed to this reviewer stays theirs while it is still wanted.
            let next = mine
                .as_ref()
                .and_then(|m| candidates.iter().find(|c| &c.item == m))
                .or(candidates.first())
                .cloned();
            if let Some(m) = mine.filter(|m| next.as_ref().is_none_or(|n| &n.item != m)) {
                tx.execute(
                    "DELETE FROM review WHERE item = ?1 AND reviewer = ?2 AND state = 'pending'",
                    params![m, reviewer],
                )
                .map_err(fail)?;
            }
            if let Some(n) = &next {
                tx.execute(
                    "INSERT INTO review (item, reviewer, state, lease_until, updated_at) VALUES (?1, ?2, 'pending', ?3, ?4)
                     ON CONFLICT (item, reviewer) DO UPDATE SET lease_until = excluded.lease_until, updated_at = excluded.updated_at
                     WHERE review.state = 'pending'",
                    params![n.item, reviewer, timestamp(now + lease), now_text],
                )
                .map_err(fail)?;
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
        self.write(|tx, fail| {
            require_pending(tx, item, reviewer)
                .map_err(|e| e.unwrap_or_else(fail))?;
            campaign.questionnaire.check(answers)?;
            let at = timestamp(now);
            for (question, value) in answers {
                let value =
                    serde_json::to_string(value).map_err(|e| Error::arg("answers", e.to_string()))?;
                tx.execute(
                    "INSERT INTO answer (item, reviewer, question, value, answered_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![item, reviewer, question, value, at],
                )
                .map_err(fail)?;
            }
            tx.execute(
                "UPDATE review SET state = 'answered', lease_until = NULL, updated_at = ?3 WHERE item = ?1 AND reviewer = ?2",
                params![item, reviewer, at],
            )
            .map_err(fail)?;
            Ok(())
        })
    }

    /// Records that `reviewer` skipped `item` (handed to them): it is not shown to them again.
    pub fn skip(&mut self, reviewer: &str, item: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx, fail| {
            require_pending(tx, item, reviewer)
                .map_err(|e| e.unwrap_or_else(fail))?;
            tx.execute(
                "UPDATE review SET state = 'skipped', lease_until = NULL, updated_at = ?3 WHERE item = ?1 AND reviewer = ?2",
                params![item, reviewer, timestamp(now)],
            )
            .map_err(fail)?;
            Ok(())
        })
    }

    /// Every answer, in the order given.
    pub fn answers(&self) -> Result<Vec<Answer>> {
        read_answers(&self.conn).map_err(|e| self.fail(&e))
    }

    /// `reviewer`'s answers to `item` (what they may see again).
    pub fn answers_of(&self, reviewer: &str, item: &str) -> Result<BTreeMap<String, AnswerValue>> {
        Ok(self
            .answers()?
            .into_iter()
            .filter(|a| a.reviewer == reviewer && a.item == item)
            .map(|a| (a.question, a.answer))
            .collect())
    }

    /// Every reviewer and their role, the owner first, then by name.
    pub fn reviewers(&self) -> Result<Vec<(String, Role)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, role FROM reviewer ORDER BY role = 'reviewer', id")
            .map_err(|e| self.fail(&e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, Role::parse(&r.get::<_, String>(1)?)))
            })
            .map_err(|e| self.fail(&e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.fail(&e))
    }

    /// `reviewer`'s progress.
    pub fn progress(&self, reviewer: &str) -> Result<Progress> {
        let count = |state: &str| -> Result<usize> {
            self.conn
                .query_row(
                    "SELECT COUNT(*) FROM review WHERE reviewer = ?1 AND state = ?2",
                    params![reviewer, state],
                    |r| r.get::<_, i64>(0),
                )
                .map(|n| n.max(0) as usize)
                .map_err(|e| self.fail(&e))
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

fn storage(path: &Path, e: &rusqlite::Error) -> Error {
    Error::Storage {
        path: path.display().to_string(),
        message: e.to_string(),
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
    tx: &rusqlite::Transaction<'_>,
    reviewer: &str,
    valid_for: Duration,
    now: DateTime<Utc>,
) -> rusqlite::Result<String> {
    let token = token();
    tx.execute(
        "INSERT INTO invitation (token_hash, reviewer, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![hash(&token), reviewer, timestamp(now), timestamp(now + valid_for)],
    )?;
    Ok(token)
}

/// Refuses unless `item` is pending for `reviewer`; the inner error is the database's.
fn require_pending(
    tx: &rusqlite::Transaction<'_>,
    item: &str,
    reviewer: &str,
) -> std::result::Result<(), std::result::Result<Error, rusqlite::Error>> {
    let state: Option<String> = tx
        .query_row(
            "SELECT state FROM review WHERE item = ?1 AND reviewer = ?2",
            params![item, reviewer],
            |r| r.get(0),
        )
        .optional()
        .map_err(Err)?;
    match state.as_deref() {
        Some("pending") => Ok(()),
        Some("answered") => Err(Ok(refused("you already answered this ad"))),
        Some(_) => Err(Ok(refused("you skipped this ad"))),
        None => Err(Ok(refused("this ad was not handed to you"))),
    }
}

fn read_answers(conn: &Connection) -> rusqlite::Result<Vec<Answer>> {
    let mut stmt = conn.prepare("SELECT item, reviewer, question, value FROM answer ORDER BY answered_at, item, reviewer, question")?;
    let rows = stmt.query_map([], |r| {
        let value: String = r.get(3)?;
        let answer = serde_json::from_str(&value).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, Box::new(e))
        })?;
        Ok(Answer {
            item: r.get(0)?,
            reviewer: r.get(1)?,
            question: r.get(2)?,
            answer,
        })
    })?;
    rows.collect()
}

#[cfg(test)]
mod tests;
