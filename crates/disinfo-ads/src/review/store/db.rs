//! Where a campaign's state lives — one SQLite file (the default) or a PostgreSQL database (a
//! shared deployment) — and the little SQL the store needs from either: statements with
//! numbered parameters (`?1`, written once for both), rows of text and integer cells, and write
//! transactions that run one at a time (SQLite's `BEGIN IMMEDIATE`; on PostgreSQL a
//! transaction-scoped advisory lock), so that two requests never decide on the same state.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A campaign's database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Database {
    /// One SQLite file (created if missing).
    Sqlite(PathBuf),
    /// A PostgreSQL database, by its `postgres://` or `postgresql://` URL (a password not in the
    /// URL is read from `PGPASSWORD`). The connection is not encrypted: reach the server on the
    /// same machine, a private network or a tunnel.
    Postgres(String),
}

impl Database {
    /// The database of a campaign folder: `database` when given (a PostgreSQL URL, or a file),
    /// else the folder's `review.db`.
    ///
    /// ```
    /// use std::path::Path;
    /// use disinfo_ads::review::store::Database;
    ///
    /// let dir = Path::new("campaign");
    /// assert_eq!(Database::locate(dir, None), Database::Sqlite(dir.join("review.db")));
    /// let shared = Database::locate(dir, Some("postgres://review@db.internal/fr2027"));
    /// assert!(matches!(shared, Database::Postgres(_)));
    /// ```
    pub fn locate(campaign: &Path, database: Option<&str>) -> Database {
        match database {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                Database::Postgres(url.to_owned())
            }
            Some(file) => Database::Sqlite(PathBuf::from(file)),
            None => Database::Sqlite(campaign.join("review.db")),
        }
    }
}

/// The database as errors name it: the file, or the URL without its password.
impl fmt::Display for Database {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Database::Sqlite(path) => write!(f, "{}", path.display()),
            Database::Postgres(url) => f.write_str(&without_password(url)),
        }
    }
}

/// `url` with the password of its user info replaced by `***`.
fn without_password(url: &str) -> String {
    let Some(start) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let authority_end = url[start..]
        .find(['/', '?'])
        .map_or(url.len(), |i| start + i);
    let Some(at) = url[start..authority_end].rfind('@').map(|i| start + i) else {
        return url.to_owned();
    };
    match url[start..at].find(':').map(|i| start + i) {
        Some(colon) => format!("{}:***{}", &url[..colon], &url[at..]),
        None => url.to_owned(),
    }
}

/// A parameter of a statement.
#[derive(Debug, Clone, Copy)]
pub(super) enum Param<'a> {
    Text(&'a str),
    Int(i64),
}

impl<'a> From<&'a str> for Param<'a> {
    fn from(s: &'a str) -> Self {
        Param::Text(s)
    }
}

impl<'a> From<&'a String> for Param<'a> {
    fn from(s: &'a String) -> Self {
        Param::Text(s)
    }
}

impl From<i64> for Param<'_> {
    fn from(n: i64) -> Self {
        Param::Int(n)
    }
}

/// The parameters of a statement: `params![a, b]`.
macro_rules! params {
    ($($p:expr),* $(,)?) => { &[$($crate::review::store::db::Param::from($p)),*][..] };
}
pub(super) use params;

/// A cell of a row read back.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    Null,
    Text(String),
    Int(i64),
}

/// A row read back.
pub(super) type Row = Vec<Cell>;

/// What went wrong in the database, in its own words.
#[derive(Debug)]
pub(super) struct DbError(pub(super) String);

pub(super) type DbResult<T> = std::result::Result<T, DbError>;

impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> Self {
        DbError(e.to_string())
    }
}

impl From<postgres::Error> for DbError {
    fn from(e: postgres::Error) -> Self {
        // The server's message (with its detail) when there is one, not only "db error".
        match e.as_db_error() {
            Some(db) => DbError(match db.detail() {
                Some(detail) => format!("{} ({detail})", db.message()),
                None => db.message().to_owned(),
            }),
            None => {
                // "error connecting to server" alone does not say why: add the causes.
                let mut message = e.to_string();
                let mut cause = std::error::Error::source(&e);
                while let Some(c) = cause {
                    message = format!("{message}: {c}");
                    cause = c.source();
                }
                DbError(message)
            }
        }
    }
}

/// The cell at `i` of `row`, read as what the store expects there.
pub(super) fn text(row: &Row, i: usize) -> DbResult<String> {
    match row.get(i) {
        Some(Cell::Text(s)) => Ok(s.clone()),
        other => Err(DbError(format!(
            "column {i}: text expected, found {other:?}"
        ))),
    }
}

pub(super) fn opt_text(row: &Row, i: usize) -> DbResult<Option<String>> {
    match row.get(i) {
        Some(Cell::Null) => Ok(None),
        _ => text(row, i).map(Some),
    }
}

pub(super) fn int(row: &Row, i: usize) -> DbResult<i64> {
    match row.get(i) {
        Some(Cell::Int(n)) => Ok(*n),
        other => Err(DbError(format!(
            "column {i}: integer expected, found {other:?}"
        ))),
    }
}

/// An open connection.
pub(super) enum Conn {
    Sqlite(rusqlite::Connection),
    Postgres(Box<postgres::Client>),
}

/// How long a connection waits for a locked SQLite file or a PostgreSQL server.
const WAIT: Duration = Duration::from_secs(5);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

impl Conn {
    /// Connects to `database` (SQLite: WAL, foreign keys, a 5 s wait on a busy file).
    pub(super) fn open(database: &Database) -> DbResult<Conn> {
        match database {
            Database::Sqlite(path) => {
                let conn = rusqlite::Connection::open(path)?;
                conn.pragma_update(None, "journal_mode", "WAL")?;
                conn.pragma_update(None, "foreign_keys", true)?;
                conn.busy_timeout(WAIT)?;
                Ok(Conn::Sqlite(conn))
            }
            Database::Postgres(url) => {
                let mut config: postgres::Config = url.parse()?;
                if config.get_password().is_none()
                    && let Ok(password) = std::env::var("PGPASSWORD")
                {
                    config.password(password);
                }
                if config.get_connect_timeout().is_none() {
                    config.connect_timeout(CONNECT_TIMEOUT);
                }
                let client = config.connect(postgres::NoTls)?;
                Ok(Conn::Postgres(Box::new(client)))
            }
        }
    }

    /// True when the connection is gone (a PostgreSQL server restarted or the network cut):
    /// the store connects again.
    pub(super) fn is_closed(&self) -> bool {
        match self {
            Conn::Sqlite(_) => false,
            Conn::Postgres(client) => client.is_closed(),
        }
    }

    /// Runs statements without parameters (a migration).
    pub(super) fn batch(&mut self, sql: &str) -> DbResult<()> {
        match self {
            Conn::Sqlite(conn) => Ok(conn.execute_batch(sql)?),
            Conn::Postgres(client) => Ok(client.batch_execute(sql)?),
        }
    }

    /// Runs one statement; the number of rows it changed.
    pub(super) fn execute(&mut self, sql: &str, params: &[Param<'_>]) -> DbResult<u64> {
        match self {
            Conn::Sqlite(conn) => {
                let changed = conn.execute(sql, rusqlite::params_from_iter(params))?;
                Ok(changed as u64)
            }
            Conn::Postgres(client) => Ok(client.execute(&numbered(sql), &pg_params(params))?),
        }
    }

    /// The rows of one query.
    pub(super) fn query(&mut self, sql: &str, params: &[Param<'_>]) -> DbResult<Vec<Row>> {
        match self {
            Conn::Sqlite(conn) => {
                let mut stmt = conn.prepare(sql)?;
                let width = stmt.column_count();
                let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
                let mut out = Vec::new();
                while let Some(row) = rows.next()? {
                    let cells = (0..width)
                        .map(|i| sqlite_cell(row.get_ref(i)?))
                        .collect::<DbResult<Row>>()?;
                    out.push(cells);
                }
                Ok(out)
            }
            Conn::Postgres(client) => client
                .query(&numbered(sql), &pg_params(params))?
                .iter()
                .map(pg_row)
                .collect(),
        }
    }

    /// The first row of one query, if any.
    pub(super) fn query_opt(&mut self, sql: &str, params: &[Param<'_>]) -> DbResult<Option<Row>> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    /// Starts a write transaction: the only one running on this database until it ends.
    pub(super) fn begin_write(&mut self) -> DbResult<()> {
        match self {
            Conn::Sqlite(conn) => Ok(conn.execute_batch("BEGIN IMMEDIATE")?),
            Conn::Postgres(client) => {
                client.batch_execute("BEGIN")?;
                // One key for the whole database: a database holds one campaign.
                client.execute("SELECT pg_advisory_xact_lock(4711808353)", &[])?;
                Ok(())
            }
        }
    }

    pub(super) fn commit(&mut self) -> DbResult<()> {
        self.batch("COMMIT")
    }

    /// Undoes the transaction; nothing to undo when the connection is gone.
    pub(super) fn rollback(&mut self) {
        if !self.is_closed() {
            let _ = self.batch("ROLLBACK");
        }
    }
}

impl rusqlite::ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, Value, ValueRef};
        Ok(match *self {
            Param::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Param::Int(n) => ToSqlOutput::Owned(Value::Integer(n)),
        })
    }
}

fn sqlite_cell(value: rusqlite::types::ValueRef<'_>) -> DbResult<Cell> {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Null => Ok(Cell::Null),
        ValueRef::Integer(n) => Ok(Cell::Int(n)),
        ValueRef::Text(bytes) => String::from_utf8(bytes.to_vec())
            .map(Cell::Text)
            .map_err(|e| DbError(format!("a text that is not UTF-8: {e}"))),
        ValueRef::Real(_) | ValueRef::Blob(_) => Err(DbError(
            "a number with a fraction or bytes where the store keeps text and integers".to_owned(),
        )),
    }
}

/// The SQL with SQLite's `?N` parameters as PostgreSQL's `$N` (the store's statements hold no
/// `?` anywhere else).
fn numbered(sql: &str) -> String {
    sql.replace('?', "$")
}

fn pg_params<'p>(params: &'p [Param<'_>]) -> Vec<&'p (dyn postgres::types::ToSql + Sync)> {
    params
        .iter()
        .map(|p| -> &(dyn postgres::types::ToSql + Sync) {
            match p {
                Param::Text(s) => s,
                Param::Int(n) => n,
            }
        })
        .collect()
}

fn pg_row(row: &postgres::Row) -> DbResult<Row> {
    use postgres::types::Type;
    (0..row.len())
        .map(|i| {
            let cell = match *row.columns()[i].type_() {
                Type::INT8 => row.try_get::<_, Option<i64>>(i)?.map(Cell::Int),
                Type::INT4 => row
                    .try_get::<_, Option<i32>>(i)?
                    .map(|n| Cell::Int(n.into())),
                Type::BOOL => row
                    .try_get::<_, Option<bool>>(i)?
                    .map(|b| Cell::Int(b.into())),
                _ => row.try_get::<_, Option<String>>(i)?.map(Cell::Text),
            };
            Ok(cell.unwrap_or(Cell::Null))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_named_without_their_password() {
        let named = |url: &str| Database::Postgres(url.to_owned()).to_string();
        assert_eq!(
            named("postgres://review:s3cret@db:5432/fr?sslmode=disable"),
            "postgres://review:***@db:5432/fr?sslmode=disable"
        );
        assert_eq!(
            named("postgresql://review@db/fr"),
            "postgresql://review@db/fr"
        );
        assert_eq!(
            named("postgres://db/fr?user=a@b"),
            "postgres://db/fr?user=a@b"
        );
        assert_eq!(named("postgres://a:b:c@db/x"), "postgres://a:***@db/x");
    }

    #[test]
    fn parameters_are_numbered_for_postgres() {
        assert_eq!(
            numbered("UPDATE t SET a = ?3 WHERE b = ?1 AND c = ?2"),
            "UPDATE t SET a = $3 WHERE b = $1 AND c = $2"
        );
    }
}
