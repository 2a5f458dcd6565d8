//! The one error type of this crate, with stable codes.

use disinfo_core::codes;
use disinfo_core::error::CodeDoc;

const fn doc(code: &'static str, meaning: &'static str) -> CodeDoc {
    CodeDoc { code, meaning }
}

/// Everything that can go wrong in `disinfo-terms`.
///
/// Every variant has a stable snake_case code ([`Error::code`]) shared by the Rust, Python,
/// Node and CLI front ends. Codes are never renamed; new failures get new variants.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A caller-supplied argument or option is missing, misspelt, of the wrong type or out of
    /// its domain (code `invalid_argument`).
    #[error(transparent)]
    InvalidArgument(#[from] disinfo_core::InvalidArgument),

    // --- versions, history, tracking (codes: repository_not_found, git_failed,
    // terms_not_found, version_not_found, io, fetch_failed) ---
    /// The path is not a git repository (or does not exist).
    #[error(
        "no git repository at {path}: {message}; clone an OTA versions repository there or use `track` to create one"
    )]
    RepositoryNotFound {
        /// The path given.
        path: String,
        /// What git reported.
        message: String,
    },
    /// A git operation failed on an existing repository.
    #[error("git {operation} failed in {path}: {message}")]
    GitFailed {
        /// The repository path.
        path: String,
        /// What was being done (`read commit`, `write tree`, ...).
        operation: String,
        /// What the git library reported.
        message: String,
    },
    /// The repository has no versions of this service and terms type.
    #[error("no versions of \"{service}\" / \"{terms_type}\" in {path}{suggestion}")]
    TermsNotFound {
        /// The repository path.
        path: String,
        /// The service asked for.
        service: String,
        /// The terms type asked for.
        terms_type: String,
        /// A hint naming close matches (may be empty).
        suggestion: String,
    },
    /// No version was in force at the requested date.
    #[error(
        "no version of \"{service}\" / \"{terms_type}\" at or before {date}; the first version is dated {first}"
    )]
    VersionNotFound {
        /// The service.
        service: String,
        /// The terms type.
        terms_type: String,
        /// The date asked for (RFC 3339).
        date: String,
        /// The date of the first version (RFC 3339).
        first: String,
    },
    /// Reading or writing a file failed (code `io`; the operating system's error is the source).
    #[error(transparent)]
    Io(#[from] disinfo_core::IoError),
    /// Fetching a document over HTTP failed (tracking reports these as error events).
    #[error("fetching {url} failed: {message}")]
    FetchFailed {
        /// The URL.
        url: String,
        /// What went wrong (status, timeout, size limit, ...).
        message: String,
    },

    // --- declarations and extraction ---
    /// A declaration file is not valid JSON.
    #[error("{file}: invalid JSON at line {line}, column {column}: {message}")]
    DeclarationSyntax {
        /// The file (or `<input>`).
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the JSON parser reported.
        message: String,
    },
    /// A declaration does not follow OTA's schema (wrong type, missing key, empty value, ...).
    #[error("{file}: {pointer}: {message}")]
    DeclarationInvalid {
        /// The file (or `<input>`).
        file: String,
        /// JSON pointer of the offending value.
        pointer: String,
        /// What is wrong and what is accepted.
        message: String,
    },
    /// A declaration object has a key OTA's schema does not allow.
    #[error("{file}: {pointer}: unknown key `{key}`{suggestion}; allowed keys: {allowed}")]
    UnknownKey {
        /// The file (or `<input>`).
        file: String,
        /// JSON pointer of the object holding the key.
        pointer: String,
        /// The unknown key.
        key: String,
        /// ` (did you mean ...?)` or empty.
        suggestion: String,
        /// The keys allowed there.
        allowed: String,
    },
    /// A terms type that is not in OTA's list of terms types.
    #[error(
        "{file}: {pointer}: unknown terms type \"{terms_type}\"{suggestion}; see https://github.com/OpenTermsArchive/terms-types"
    )]
    UnknownTermsType {
        /// The file (or `<input>`).
        file: String,
        /// JSON pointer of the key.
        pointer: String,
        /// The type as written.
        terms_type: String,
        /// ` (did you mean "..."?)` or empty.
        suggestion: String,
    },
    /// A range selector object is malformed (needs one of `startBefore`/`startAfter` and one of `endBefore`/`endAfter`).
    #[error("{file}: {pointer}: invalid range selector: {message}")]
    InvalidRange {
        /// The file (or `<input>`).
        file: String,
        /// JSON pointer of the range object.
        pointer: String,
        /// What is wrong.
        message: String,
    },
    /// A `fetch` location (or extraction location) is not a valid absolute URL.
    #[error("{file}: {pointer}: invalid URL \"{url}\": {message}")]
    InvalidUrl {
        /// The file (or `<input>`).
        file: String,
        /// JSON pointer of the value.
        pointer: String,
        /// The URL as written.
        url: String,
        /// What is wrong.
        message: String,
    },
    /// A CSS selector that cannot be parsed.
    #[error("invalid CSS selector \"{selector}\": {message}")]
    InvalidSelector {
        /// The selector as written.
        selector: String,
        /// What the selector parser reported.
        message: String,
    },
    /// A filter name that is neither an OTA built-in nor one of our declarative filters.
    #[error(
        "unknown filter \"{name}\": OTA's JavaScript filters cannot run here; known filters: {known}; or pass a hook"
    )]
    UnknownFilter {
        /// The filter name.
        name: String,
        /// The names we support.
        known: String,
    },
    /// The `select` selectors match nothing in the page.
    #[error("the provided selector {selector} has no match in the web page at '{location}'")]
    SelectorNoMatch {
        /// The selectors, in OTA's JSON syntax.
        selector: String,
        /// The document location.
        location: String,
    },
    /// The start or end selector of a range matches nothing.
    #[error("the \"{side}\" selector has no match in document in: {range}")]
    RangeNoMatch {
        /// `start` or `end`.
        side: String,
        /// The range selector as JSON.
        range: String,
    },
    /// The selection converts to an empty text.
    #[error(
        "the provided selector {selector} matches an empty content in the web page at '{location}'"
    )]
    EmptyContent {
        /// The selectors, in OTA's JSON syntax.
        selector: String,
        /// The document location.
        location: String,
    },
    /// The snapshot exceeds the size limit of the extraction options.
    #[error(
        "the snapshot is {size} bytes, above the limit of {limit} bytes; raise `max_bytes` to accept it"
    )]
    InputTooLarge {
        /// The size of the snapshot.
        size: usize,
        /// The limit in force.
        limit: usize,
    },
    /// The snapshot is not something we can extract (binary data given as HTML, unknown MIME type).
    #[error("cannot extract {what}: {message}")]
    UnsupportedContent {
        /// What was given (MIME type or a description).
        what: String,
        /// Why and what to do.
        message: String,
    },
    /// A PDF that has no text layer (scanned images).
    #[error(
        "the PDF file at '{location}' contains no text, it might contain scanned images of text instead of actual text"
    )]
    PdfNoText {
        /// The document location.
        location: String,
    },
    /// A PDF that cannot be parsed.
    #[error("cannot parse the PDF file at '{location}': {message}")]
    PdfInvalid {
        /// The document location.
        location: String,
        /// What the PDF reader reported.
        message: String,
    },
    /// A caller hook (before or after conversion) failed.
    #[error("the {stage} hook failed: {message}")]
    HookFailed {
        /// `before` or `after`.
        stage: String,
        /// The hook's message.
        message: String,
    },
    /// The declaration has no such terms type (or none in force at the date).
    #[error(
        "the declaration of \"{service}\" has no terms type \"{terms_type}\"; declared: {declared}"
    )]
    TermsTypeNotDeclared {
        /// The service name.
        service: String,
        /// The type asked for.
        terms_type: String,
        /// The declared types.
        declared: String,
    },
    /// The page nests elements deeper than the limit (parsing would take quadratic time).
    #[error(
        "the page nests elements about {depth} levels deep, above the limit of {limit}; raise `max_depth` to accept it"
    )]
    NestingTooDeep {
        /// The estimated depth.
        depth: usize,
        /// The limit in force.
        limit: usize,
    },

    // --- replay (codes: snapshot_commit_invalid, snapshot_missing_location,
    // snapshot_location_mismatch, service_not_declared, source_document_not_declared,
    // empty_snapshot) ---
    /// A record commit of a snapshots repository that does not record exactly one snapshot file
    /// in a service folder (OTA's engine writes one file per commit).
    #[error("snapshot commit {commit} is not a record of one snapshot: {message}")]
    SnapshotCommitInvalid {
        /// The commit id.
        commit: String,
        /// What the commit holds instead.
        message: String,
    },
    /// A snapshot commit written by an engine that writes trailers, without the
    /// `X-source-document-location` trailer that says which document was fetched.
    #[error(
        "snapshot commit {commit} ({path}) has no `X-source-document-location` trailer; the document it was fetched from is unknown"
    )]
    SnapshotMissingLocation {
        /// The commit id.
        commit: String,
        /// The snapshot file.
        path: String,
    },
    /// A snapshot's `X-source-document-location` is not the location the declaration in force at
    /// its date gives for that document (the declaration history does not describe this snapshot).
    #[error(
        "snapshot commit {commit} was fetched from {found} but the declaration in force at {date} fetches {declared}; add the missing entry to the history file"
    )]
    SnapshotLocationMismatch {
        /// The commit id.
        commit: String,
        /// The snapshot's date (RFC 3339).
        date: String,
        /// The location in the trailer.
        found: String,
        /// The location declared at that date.
        declared: String,
    },
    /// A snapshot of a service that has no declaration file.
    #[error(
        "no declaration of service \"{service}\" (no `{service}.json` in the declarations directory)"
    )]
    ServiceNotDeclared {
        /// The service id (the snapshot's folder).
        service: String,
    },
    /// A snapshot file whose document id (`<terms type> #<id>`) names no source document of the
    /// declaration in force at its date.
    #[error(
        "\"{service}\" / \"{terms_type}\" declares no source document {document} at the snapshot's date; declared: {declared}"
    )]
    SourceDocumentNotDeclared {
        /// The service id.
        service: String,
        /// The terms type.
        terms_type: String,
        /// The document the snapshot file names (`(single)` for a file without `#id`).
        document: String,
        /// The documents declared at that date.
        declared: String,
    },
    /// A snapshot whose content is empty.
    #[error("snapshot commit {commit} records an empty file {path}")]
    EmptySnapshot {
        /// The commit id.
        commit: String,
        /// The snapshot file.
        path: String,
    },
}

impl Error {
    /// The stable snake_case code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidArgument(_) => disinfo_core::codes::INVALID_ARGUMENT,
            Error::RepositoryNotFound { .. } => "repository_not_found",
            Error::GitFailed { .. } => "git_failed",
            Error::TermsNotFound { .. } => "terms_not_found",
            Error::VersionNotFound { .. } => "version_not_found",
            Error::Io(_) => disinfo_core::codes::IO,
            Error::FetchFailed { .. } => "fetch_failed",
            Error::DeclarationSyntax { .. } => "declaration_syntax",
            Error::DeclarationInvalid { .. } => "declaration_invalid",
            Error::UnknownKey { .. } => "unknown_key",
            Error::UnknownTermsType { .. } => "unknown_terms_type",
            Error::InvalidRange { .. } => "invalid_range",
            Error::InvalidUrl { .. } => "invalid_url",
            Error::InvalidSelector { .. } => "invalid_selector",
            Error::UnknownFilter { .. } => "unknown_filter",
            Error::SelectorNoMatch { .. } => "selector_no_match",
            Error::RangeNoMatch { .. } => "range_no_match",
            Error::EmptyContent { .. } => "empty_content",
            Error::InputTooLarge { .. } => "input_too_large",
            Error::UnsupportedContent { .. } => "unsupported_content",
            Error::PdfNoText { .. } => "pdf_no_text",
            Error::PdfInvalid { .. } => "pdf_invalid",
            Error::HookFailed { .. } => "hook_failed",
            Error::TermsTypeNotDeclared { .. } => "terms_type_not_declared",
            Error::NestingTooDeep { .. } => "nesting_too_deep",
            Error::SnapshotCommitInvalid { .. } => "snapshot_commit_invalid",
            Error::SnapshotMissingLocation { .. } => "snapshot_missing_location",
            Error::SnapshotLocationMismatch { .. } => "snapshot_location_mismatch",
            Error::ServiceNotDeclared { .. } => "service_not_declared",
            Error::SourceDocumentNotDeclared { .. } => "source_document_not_declared",
            Error::EmptySnapshot { .. } => "empty_snapshot",
        }
    }

    /// True when the caller passed a bad argument (Python maps these to `ValueError` subclasses).
    pub fn is_invalid_argument(&self) -> bool {
        matches!(
            self,
            Error::InvalidArgument(_)
                | Error::DeclarationSyntax { .. }
                | Error::DeclarationInvalid { .. }
                | Error::UnknownKey { .. }
                | Error::UnknownTermsType { .. }
                | Error::InvalidRange { .. }
                | Error::InvalidUrl { .. }
                | Error::InvalidSelector { .. }
                | Error::UnknownFilter { .. }
        )
    }

    /// Every code this crate can return (the shared ones included), documented.
    pub const CODES: &'static [CodeDoc] = &[
        doc(
            codes::INVALID_ARGUMENT,
            "An argument or option of a terms function is invalid; the message names it.",
        ),
        doc(
            codes::IO,
            "A snapshot, declaration or repository file cannot be read or written.",
        ),
        doc(
            "repository_not_found",
            "The path is not a git repository. Clone an OTA versions repository there, or let `track` create one.",
        ),
        doc(
            "git_failed",
            "A git operation failed on an existing repository (corrupt object, unreadable ref); the message names the operation.",
        ),
        doc(
            "terms_not_found",
            "The versions repository has no document of this service and terms type; the message suggests close names.",
        ),
        doc(
            "version_not_found",
            "No version was recorded at or before the date asked for; the message gives the first version's date.",
        ),
        doc(
            "fetch_failed",
            "Fetching a document over HTTP failed (status, timeout, size limit); tracking reports these as events.",
        ),
        doc(
            "declaration_syntax",
            "A declaration file is not valid JSON; the message gives the line and column.",
        ),
        doc(
            "declaration_invalid",
            "A declaration does not follow OTA's schema; the message gives the JSON pointer and what is accepted.",
        ),
        doc(
            "unknown_key",
            "A declaration object has a key OTA's schema does not allow; the message suggests the closest key.",
        ),
        doc(
            "unknown_terms_type",
            "A terms type is not in OTA's list of terms types; the message suggests the closest one.",
        ),
        doc(
            "invalid_range",
            "A range selector needs one of `startBefore`/`startAfter` and one of `endBefore`/`endAfter`.",
        ),
        doc(
            "invalid_url",
            "A `fetch` location (or extraction location) is not an absolute URL.",
        ),
        doc(
            "invalid_selector",
            "A CSS selector cannot be parsed; the message quotes it and the parser's reason.",
        ),
        doc(
            "unknown_filter",
            "A filter name is neither one of OTA's built-in filters nor one of ours; OTA's JavaScript filters cannot run here: pass a hook.",
        ),
        doc(
            "selector_no_match",
            "The `select` selectors match nothing in the page (as OTA reports it).",
        ),
        doc(
            "range_no_match",
            "The start or end selector of a range matches nothing in the page.",
        ),
        doc("empty_content", "The selection converts to an empty text."),
        doc(
            "input_too_large",
            "The snapshot is larger than `max_bytes`; raise the limit to accept it.",
        ),
        doc(
            "unsupported_content",
            "The snapshot is not something that can be extracted (binary data given as HTML, an unknown MIME type).",
        ),
        doc(
            "pdf_no_text",
            "A PDF snapshot has no text layer (scanned images).",
        ),
        doc("pdf_invalid", "A PDF snapshot cannot be parsed."),
        doc(
            "hook_failed",
            "A caller hook (before or after conversion) raised an error or returned something other than a string.",
        ),
        doc(
            "terms_type_not_declared",
            "The declaration has no such terms type (or none in force at the date); the message lists the declared ones.",
        ),
        doc(
            "nesting_too_deep",
            "The page nests elements deeper than `max_depth`; raise the limit to accept it.",
        ),
        doc(
            "snapshot_commit_invalid",
            "A commit of a snapshots repository does not record exactly one snapshot file in a service folder (replay reports it as a failure of that commit).",
        ),
        doc(
            "snapshot_missing_location",
            "A snapshot commit with trailers has no `X-source-document-location`: the document it was fetched from is unknown.",
        ),
        doc(
            "snapshot_location_mismatch",
            "A snapshot was fetched from another location than the declaration in force at its date gives; add the missing entry to the history file.",
        ),
        doc(
            "service_not_declared",
            "A snapshot belongs to a service that has no declaration file in the declarations directory.",
        ),
        doc(
            "source_document_not_declared",
            "A snapshot file names a source document that the declaration in force at its date does not declare.",
        ),
        doc("empty_snapshot", "A snapshot commit records an empty file."),
    ];

    /// An invalid argument `name` with an explanation.
    pub fn arg(name: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidArgument(disinfo_core::InvalidArgument::new(name, message))
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// One error of every variant (the `match` in [`Error::code`] makes a new variant a compile
    /// error there; this list makes it a test failure here until it is documented).
    fn every_variant() -> Vec<Error> {
        let s = || String::from("x");
        vec![
            Error::arg("a", "b"),
            Error::from(disinfo_core::IoError::read("p", std::io::Error::other("m"))),
            Error::RepositoryNotFound {
                path: s(),
                message: s(),
            },
            Error::GitFailed {
                path: s(),
                operation: s(),
                message: s(),
            },
            Error::TermsNotFound {
                path: s(),
                service: s(),
                terms_type: s(),
                suggestion: s(),
            },
            Error::VersionNotFound {
                service: s(),
                terms_type: s(),
                date: s(),
                first: s(),
            },
            Error::FetchFailed {
                url: s(),
                message: s(),
            },
            Error::DeclarationSyntax {
                file: s(),
                line: 1,
                column: 1,
                message: s(),
            },
            Error::DeclarationInvalid {
                file: s(),
                pointer: s(),
                message: s(),
            },
            Error::UnknownKey {
                file: s(),
                pointer: s(),
                key: s(),
                suggestion: s(),
                allowed: s(),
            },
            Error::UnknownTermsType {
                file: s(),
                pointer: s(),
                terms_type: s(),
                suggestion: s(),
            },
            Error::InvalidRange {
                file: s(),
                pointer: s(),
                message: s(),
            },
            Error::InvalidUrl {
                file: s(),
                pointer: s(),
                url: s(),
                message: s(),
            },
            Error::InvalidSelector {
                selector: s(),
                message: s(),
            },
            Error::UnknownFilter {
                name: s(),
                known: s(),
            },
            Error::SelectorNoMatch {
                selector: s(),
                location: s(),
            },
            Error::RangeNoMatch {
                side: s(),
                range: s(),
            },
            Error::EmptyContent {
                selector: s(),
                location: s(),
            },
            Error::InputTooLarge { size: 2, limit: 1 },
            Error::UnsupportedContent {
                what: s(),
                message: s(),
            },
            Error::PdfNoText { location: s() },
            Error::PdfInvalid {
                location: s(),
                message: s(),
            },
            Error::HookFailed {
                stage: s(),
                message: s(),
            },
            Error::TermsTypeNotDeclared {
                service: s(),
                terms_type: s(),
                declared: s(),
            },
            Error::NestingTooDeep { depth: 2, limit: 1 },
            Error::SnapshotCommitInvalid {
                commit: s(),
                message: s(),
            },
            Error::SnapshotMissingLocation {
                commit: s(),
                path: s(),
            },
            Error::SnapshotLocationMismatch {
                commit: s(),
                date: s(),
                found: s(),
                declared: s(),
            },
            Error::ServiceNotDeclared { service: s() },
            Error::SourceDocumentNotDeclared {
                service: s(),
                terms_type: s(),
                document: s(),
                declared: s(),
            },
            Error::EmptySnapshot {
                commit: s(),
                path: s(),
            },
        ]
    }

    #[test]
    fn every_variant_code_is_documented_once() {
        let errors = every_variant();
        let documented: Vec<&str> = Error::CODES.iter().map(|c| c.code).collect();
        for e in &errors {
            assert!(
                documented.contains(&e.code()),
                "{} is not in Error::CODES",
                e.code()
            );
        }
        let mut unique = documented.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), documented.len(), "a code is documented twice");
        assert_eq!(
            documented.len(),
            errors.len(),
            "a documented code has no variant"
        );
    }

    #[test]
    fn io_failure_keeps_its_source() {
        use std::error::Error as _;
        let e = Error::from(disinfo_core::IoError::read(
            "p",
            std::io::Error::other("disk"),
        ));
        assert_eq!(e.code(), "io");
        assert_eq!(e.source().map(ToString::to_string).as_deref(), Some("disk"));
    }
}
