//! Public operations, described once.
//!
//! Every public function of a tool (`terms.diff`, `bots.coordinate`, ...) is an [`Operation`]:
//! its [`Spec`] (name, documentation, positional arguments, options type, result type) and the
//! function that runs it from host-neutral [`Args`] and an options object. The bindings call
//! operations through this one path, so Python, Node, the golden tests and the generated Python
//! and TypeScript types cannot disagree about what an operation takes or returns.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::{Schema, SchemaGenerator};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::InvalidArgument;
use crate::columns::Columns;
use crate::request;
use crate::table::Table;

use crate::json::Json;

/// Writes the JSON Schema of a type into a generator (`SchemaGenerator::subschema_for::<T>`).
pub type SchemaFn = fn(&mut SchemaGenerator) -> Schema;

/// A caller hook: receives a text (HTML before conversion, Markdown after) and returns the text
/// to use, or a message saying why it failed. Hooks run on the calling thread.
pub type Hook<'a> = dyn Fn(&str) -> Result<String, String> + 'a;

/// How far a long operation has come: `done` of `total` units (files, documents, commits: the
/// operation's documentation says which). `total` may grow while the operation discovers its
/// input; it is 0 while unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Units finished.
    pub done: u64,
    /// Units in all, as far as known.
    pub total: u64,
}

/// The caller's progress observer. Called from any thread, often: it should only record the
/// numbers and redraw at its own pace.
pub type ProgressFn<'a> = dyn Fn(Progress) + Sync + 'a;

/// The kind of a positional argument: how a host value crosses into the core.
#[derive(Clone, Copy)]
pub enum ArgKind {
    /// Any JSON-shaped value of the given type.
    Json(SchemaFn),
    /// Bytes: `bytes` or `str` in Python, `Buffer` or `string` in Node (UTF-8).
    Bytes,
    /// A list of [`ArgKind::Bytes`] values.
    BytesList,
    /// A map from relative path to file content (bytes or text).
    Files,
    /// A 2-D matrix of floats (rows are items): numpy array, list of rows, `Float64Array`s.
    Matrix,
    /// A table of named columns of numbers or text ([`Table`]): a pandas DataFrame, a features
    /// object, or a plain matrix (unnamed columns).
    Table,
    /// A caller function `str -> str` ([`Hook`]); not available in async calls.
    Hook,
}

/// One positional argument of an operation.
#[derive(Clone, Copy)]
pub struct ArgSpec {
    /// Its name (snake_case), as in the Python signature and in error messages.
    pub name: &'static str,
    /// One line of documentation.
    pub doc: &'static str,
    /// How it crosses.
    pub kind: ArgKind,
    /// Whether it may be omitted (`None` in Python, `undefined` in Node).
    pub optional: bool,
}

impl ArgSpec {
    /// A required JSON-shaped argument of type `T`.
    pub const fn json<T: schemars::JsonSchema>(name: &'static str, doc: &'static str) -> Self {
        ArgSpec {
            name,
            doc,
            kind: ArgKind::Json(SchemaGenerator::subschema_for::<T>),
            optional: false,
        }
    }

    /// An argument of another kind.
    pub const fn of(name: &'static str, doc: &'static str, kind: ArgKind) -> Self {
        ArgSpec {
            name,
            doc,
            kind,
            optional: false,
        }
    }

    /// The same argument, optional.
    pub const fn optional(mut self) -> Self {
        self.optional = true;
        self
    }
}

/// What an operation returns.
#[derive(Clone, Copy)]
pub enum ResultSpec {
    /// A JSON-shaped value of the given type.
    Json(SchemaFn),
    /// A float matrix with a missing-value mask, plus JSON metadata of the given type: numpy
    /// arrays in Python, one `Float64Array` per column in Node.
    Matrix(SchemaFn),
}

/// What describes an operation to callers and to the type generators.
#[derive(Clone, Copy)]
pub struct Spec {
    /// The tool (`terms`, `bots`, `ads`, `encyclopedia`, `core`).
    pub tool: &'static str,
    /// The operation's name within its tool (snake_case): `diff`, `extract_batch`.
    pub name: &'static str,
    /// Documentation: a summary line, then details (Markdown).
    pub doc: &'static str,
    /// Positional arguments, in order.
    pub args: &'static [ArgSpec],
    /// The options object's type (every field optional with a documented default), if any.
    pub options: Option<SchemaFn>,
    /// The result.
    pub result: ResultSpec,
    /// Whether it reports [`Progress`] to an observer given with the call (`progress=True` in
    /// Python): the operations that can run for minutes.
    pub progress: bool,
}

impl Spec {
    /// `tool.name`.
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.tool, self.name)
    }
}

/// An operation: its spec and the function that runs it.
pub struct Operation<E> {
    /// What it takes and returns.
    pub spec: Spec,
    /// Runs it. Errors of the arguments and options are the tool's `invalid_argument` errors.
    pub run: fn(Args<'_>, Value) -> Result<Output, E>,
}

/// A positional argument as a host passed it.
pub enum Arg<'a> {
    /// Absent (an omitted optional argument).
    Missing,
    /// A JSON-shaped value (also accepted for bytes as a string, for files as an object of
    /// strings, for a matrix as a list of rows).
    Json(Value),
    /// Bytes.
    Bytes(Vec<u8>),
    /// A list of byte strings.
    BytesList(Vec<Vec<u8>>),
    /// Files by relative path.
    Files(BTreeMap<String, Vec<u8>>),
    /// A row-major matrix, owned or lent by the host (a numpy array is read where it is).
    Matrix {
        /// Rows.
        rows: usize,
        /// Columns.
        cols: usize,
        /// `rows * cols` values, row after row.
        values: Cow<'a, [f64]>,
    },
    /// A table of named columns.
    Table(Table),
    /// A caller function.
    Hook(&'a Hook<'a>),
}

/// The positional arguments of one call, decoded by position with the operation's spec.
pub struct Args<'a> {
    spec: &'static [ArgSpec],
    items: Vec<Arg<'a>>,
    progress: Option<&'a ProgressFn<'a>>,
}

/// A table argument as [`Args::table_or_matrix`] gives it.
#[derive(Debug, Clone, PartialEq)]
pub enum TableInput<'a> {
    /// Named columns (also a matrix given as JSON rows, or a binding's table).
    Table(Table),
    /// A matrix a binding passed as such (unnamed columns), row-major.
    Matrix(Matrix<'a>),
}

/// A decoded matrix: `rows × cols` values, row-major, owned or lent by the host.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix<'a> {
    /// Rows.
    pub rows: usize,
    /// Columns.
    pub cols: usize,
    /// Values, row after row.
    pub values: Cow<'a, [f64]>,
}

impl<'a> Args<'a> {
    /// The arguments of a call to an operation with these argument specs. Too many arguments
    /// is an error; missing ones are [`Arg::Missing`].
    pub fn new(spec: &'static [ArgSpec], mut items: Vec<Arg<'a>>) -> Result<Self, InvalidArgument> {
        if items.len() > spec.len() {
            let names: Vec<&str> = spec.iter().map(|a| a.name).collect();
            return Err(InvalidArgument::new(
                "arguments",
                format!(
                    "{} positional arguments given, at most {} accepted ({}); pass the rest as named options",
                    items.len(),
                    spec.len(),
                    names.join(", ")
                ),
            ));
        }
        items.resize_with(spec.len(), || Arg::Missing);
        Ok(Args {
            spec,
            items,
            progress: None,
        })
    }

    /// The same arguments with the caller's progress observer.
    pub fn with_progress(mut self, progress: Option<&'a ProgressFn<'a>>) -> Self {
        self.progress = progress;
        self
    }

    /// The caller's progress observer, if any (operations whose spec says `progress`).
    pub fn progress(&self) -> Option<&'a ProgressFn<'a>> {
        self.progress
    }

    fn name(&self, i: usize) -> &'static str {
        self.spec.get(i).map_or("argument", |a| a.name)
    }

    fn take(&mut self, i: usize) -> Result<Arg<'a>, InvalidArgument> {
        let arg = self
            .items
            .get_mut(i)
            .map(|a| std::mem::replace(a, Arg::Missing))
            .unwrap_or(Arg::Missing);
        let optional = self.spec.get(i).is_some_and(|a| a.optional);
        match arg {
            Arg::Missing | Arg::Json(Value::Null) if !optional => {
                Err(InvalidArgument::new(self.name(i), "is required"))
            }
            other => Ok(other),
        }
    }

    /// Argument `i` decoded as `T` (an omitted optional argument decodes from `null`).
    pub fn json<T: DeserializeOwned + schemars::JsonSchema + 'static>(
        &mut self,
        i: usize,
    ) -> Result<T, InvalidArgument> {
        let name = self.name(i);
        match self.take(i)? {
            Arg::Missing => request::decode(name, Value::Null),
            Arg::Json(v) => request::decode(name, v),
            other => Err(wrong_kind(name, "a JSON value", &other)),
        }
    }

    /// Argument `i` as bytes (`None` when an optional argument is omitted).
    pub fn bytes(&mut self, i: usize) -> Result<Option<Vec<u8>>, InvalidArgument> {
        let name = self.name(i);
        match self.take(i)? {
            Arg::Missing | Arg::Json(Value::Null) => Ok(None),
            Arg::Bytes(b) => Ok(Some(b)),
            Arg::Json(Value::String(s)) => Ok(Some(s.into_bytes())),
            other => Err(wrong_kind(name, "bytes or a string", &other)),
        }
    }

    /// Argument `i` as a list of byte strings.
    pub fn bytes_list(&mut self, i: usize) -> Result<Vec<Vec<u8>>, InvalidArgument> {
        let name = self.name(i);
        match self.take(i)? {
            Arg::Missing | Arg::Json(Value::Null) => Ok(Vec::new()),
            Arg::BytesList(list) => Ok(list),
            Arg::Bytes(b) => Ok(vec![b]),
            Arg::Json(Value::String(s)) => Ok(vec![s.into_bytes()]),
            Arg::Json(Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .map(|(k, v)| match v {
                    Value::String(s) => Ok(s.into_bytes()),
                    other => Err(InvalidArgument::new(
                        format!("{name}[{k}]"),
                        format!("must be bytes or a string, found {}", describe(&other)),
                    )),
                })
                .collect(),
            other => Err(wrong_kind(name, "a list of bytes or strings", &other)),
        }
    }

    /// Argument `i` as files by relative path.
    pub fn files(&mut self, i: usize) -> Result<BTreeMap<String, Vec<u8>>, InvalidArgument> {
        let name = self.name(i);
        match self.take(i)? {
            Arg::Missing | Arg::Json(Value::Null) => Ok(BTreeMap::new()),
            Arg::Files(files) => Ok(files),
            Arg::Json(Value::Object(map)) => map
                .into_iter()
                .map(|(path, v)| match v {
                    Value::String(s) => Ok((path, s.into_bytes())),
                    other => Err(InvalidArgument::new(
                        format!("{name}.{path}"),
                        format!(
                            "must be the file's text or bytes, found {}",
                            describe(&other)
                        ),
                    )),
                })
                .collect(),
            other => Err(wrong_kind(
                name,
                "an object of file contents by path",
                &other,
            )),
        }
    }

    /// Argument `i` as a matrix (a list of rows of numbers is accepted; rows must be equally
    /// long).
    pub fn matrix(&mut self, i: usize) -> Result<Matrix<'a>, InvalidArgument> {
        let name = self.name(i);
        match self.take(i)? {
            Arg::Matrix { rows, cols, values } if values.len() == rows * cols => {
                Ok(Matrix { rows, cols, values })
            }
            Arg::Matrix { rows, cols, values } => Err(InvalidArgument::new(
                name,
                format!("{rows} × {cols} matrix with {} values", values.len()),
            )),
            Arg::Json(v) => {
                let rows: Vec<Vec<f64>> = request::decode(name, v)?;
                matrix_from_rows(name, rows)
            }
            other => Err(wrong_kind(name, "a matrix (rows of numbers)", &other)),
        }
    }

    /// Argument `i` as a table: a [`Table`] a binding built, a matrix (unnamed columns), or
    /// one of the table's JSON forms (see [`Table::from_json`]).
    pub fn table(&mut self, i: usize) -> Result<Table, InvalidArgument> {
        Ok(match self.table_or_matrix(i)? {
            TableInput::Table(t) => t,
            TableInput::Matrix(m) => Table::from_matrix(m.rows, m.cols, &m.values),
        })
    }

    /// Argument `i` as [`Args::table`] takes it, except that a matrix a binding passed stays
    /// a row-major [`Matrix`], for operations that work on rows (no copy into columns).
    pub fn table_or_matrix(&mut self, i: usize) -> Result<TableInput<'a>, InvalidArgument> {
        let name = self.name(i);
        match self.take(i)? {
            Arg::Table(t) => Ok(TableInput::Table(t)),
            Arg::Matrix { rows, cols, values } if values.len() == rows * cols => {
                Ok(TableInput::Matrix(Matrix { rows, cols, values }))
            }
            Arg::Json(v) => Table::from_json(name, v).map(TableInput::Table),
            other => Err(wrong_kind(
                name,
                "a table (a DataFrame, a features object, or rows of numbers)",
                &other,
            )),
        }
    }

    /// Argument `i` as a hook, if given.
    pub fn hook(&mut self, i: usize) -> Result<Option<&'a Hook<'a>>, InvalidArgument> {
        let name = self.name(i);
        match self.take(i)? {
            Arg::Missing | Arg::Json(Value::Null) => Ok(None),
            Arg::Hook(h) => Ok(Some(h)),
            other => Err(wrong_kind(
                name,
                "a function taking and returning a string",
                &other,
            )),
        }
    }
}

fn matrix_from_rows(name: &str, rows: Vec<Vec<f64>>) -> Result<Matrix<'static>, InvalidArgument> {
    let cols = rows.first().map_or(0, Vec::len);
    if let Some((k, row)) = rows.iter().enumerate().find(|(_, r)| r.len() != cols) {
        return Err(InvalidArgument::new(
            format!("{name}[{k}]"),
            format!("row {k} has {} values where row 0 has {cols}", row.len()),
        ));
    }
    Ok(Matrix {
        rows: rows.len(),
        cols,
        values: Cow::Owned(rows.into_iter().flatten().collect()),
    })
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(_) => "a string".into(),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn wrong_kind(name: &str, expected: &str, found: &Arg<'_>) -> InvalidArgument {
    let found = match found {
        Arg::Missing => "nothing".to_owned(),
        Arg::Json(v) => describe(v),
        Arg::Bytes(_) => "bytes".to_owned(),
        Arg::BytesList(_) => "a list of bytes".to_owned(),
        Arg::Files(_) => "files".to_owned(),
        Arg::Matrix { .. } => "a matrix".to_owned(),
        Arg::Table(_) => "a table".to_owned(),
        Arg::Hook(_) => "a function".to_owned(),
    };
    InvalidArgument::new(name, format!("must be {expected}, found {found}"))
}

/// What an operation returns.
pub enum Output {
    /// A JSON-shaped value.
    Json(Json),
    /// A matrix with its missing-value mask and JSON metadata.
    Matrix(MatrixOutput),
    /// A JSON object of columns, which a host may take column by column (see
    /// [`crate::columns`]).
    Columns(Columns),
}

impl Output {
    /// A JSON-shaped result.
    pub fn json<T: serde::Serialize + Send + 'static>(value: T) -> Output {
        Output::Json(Box::new(value))
    }

    /// The JSON form of the result, as the golden tests compare it: a matrix becomes its
    /// metadata object with `values` (rows; missing values as `null`).
    pub fn to_json(&self) -> Result<Value, serde_json::Error> {
        match self {
            Output::Json(v) => serde_json::to_value(v),
            Output::Columns(c) => serde_json::to_value(c),
            Output::Matrix(m) => {
                let mut meta = serde_json::to_value(&m.meta)?;
                let rows: Vec<Vec<Value>> = (0..m.rows)
                    .map(|r| {
                        (0..m.cols)
                            .map(|c| {
                                let k = r * m.cols + c;
                                if m.mask.get(k).copied().unwrap_or(true) {
                                    Value::Null
                                } else {
                                    serde_json::Number::from_f64(m.values[k])
                                        .map_or(Value::Null, Value::Number)
                                }
                            })
                            .collect()
                    })
                    .collect();
                if let Value::Object(map) = &mut meta {
                    map.insert("values".into(), serde_json::to_value(rows)?);
                }
                Ok(meta)
            }
        }
    }
}

/// A float matrix (row-major) with a missing-value mask and JSON metadata (column names, row
/// ids, read counts...).
pub struct MatrixOutput {
    /// Rows.
    pub rows: usize,
    /// Columns.
    pub cols: usize,
    /// `rows * cols` values, row after row; NaN where missing.
    pub values: Vec<f64>,
    /// `rows * cols` flags, true where the value is missing.
    pub mask: Vec<bool>,
    /// The metadata object.
    pub meta: Json,
}

#[cfg(test)]
mod tests {
    use super::*;

    static SPEC: [ArgSpec; 3] = [
        ArgSpec::of("content", "the page", ArgKind::Bytes),
        ArgSpec::json::<Vec<String>>("inputs", "paths"),
        ArgSpec::of("matrix", "rows", ArgKind::Matrix).optional(),
    ];

    #[test]
    fn too_many_arguments_is_an_error_naming_the_accepted_ones() {
        let items = (0..4).map(|_| Arg::Missing).collect();
        let e = Args::new(&SPEC, items).err().expect("too many");
        assert!(
            e.message.contains("content, inputs, matrix"),
            "{}",
            e.message
        );
    }

    #[test]
    fn required_argument_missing_is_named() {
        let mut a = Args::new(&SPEC, vec![]).expect("args");
        let e = a.bytes(0).expect_err("required");
        assert_eq!(e.to_string(), "invalid argument `content`: is required");
    }

    #[test]
    fn bytes_accept_text_and_refuse_numbers() {
        let mut a = Args::new(&SPEC, vec![Arg::Json(Value::String("<p>".into()))]).expect("args");
        assert_eq!(a.bytes(0).expect("bytes"), Some(b"<p>".to_vec()));
        let mut a = Args::new(&SPEC, vec![Arg::Json(serde_json::json!(42))]).expect("args");
        let e = a.bytes(0).expect_err("number");
        assert_eq!(e.message, "must be bytes or a string, found 42");
    }

    #[test]
    fn matrix_rows_must_have_equal_length() {
        let rows = serde_json::json!([[1.0, 2.0], [3.0]]);
        let mut a =
            Args::new(&SPEC, vec![Arg::Missing, Arg::Missing, Arg::Json(rows)]).expect("args");
        let e = a.matrix(2).expect_err("ragged");
        assert_eq!(e.name, "matrix[1]");
    }

    #[test]
    fn matrix_output_json_has_rows_with_null_for_missing() {
        let out = Output::Matrix(MatrixOutput {
            rows: 2,
            cols: 2,
            values: vec![1.0, f64::NAN, 3.0, 4.5],
            mask: vec![false, true, false, false],
            meta: Box::new(serde_json::json!({"columns": ["a", "b"]})),
        });
        assert_eq!(
            out.to_json().expect("json"),
            serde_json::json!({"columns": ["a", "b"], "values": [[1.0, null], [3.0, 4.5]]})
        );
    }
}
