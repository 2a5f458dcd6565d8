//! The tool a command belongs to. The CLI's own failures (an argument it maps, a file it reads)
//! are reported as that tool's errors with the shared codes (`invalid_argument`, `io`), exactly
//! as the library would report them.

use disinfo::api::{InvalidArgument, IoError};

/// One of the four tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// `disinfo terms`.
    Terms,
    /// `disinfo bots`.
    Bots,
    /// `disinfo ads`.
    Ads,
    /// `disinfo encyclopedia`.
    Encyclopedia,
}

impl Tool {
    /// The tool's name, as the library's error routing spells it.
    fn name(self) -> &'static str {
        match self {
            Tool::Terms => "terms",
            Tool::Bots => "bots",
            Tool::Ads => "ads",
            Tool::Encyclopedia => "encyclopedia",
        }
    }

    /// A bad argument or option (code `invalid_argument`), such as a decoding error of the core.
    pub fn invalid(self, error: InvalidArgument) -> disinfo::Error {
        disinfo::api::invalid_argument(self.name(), error)
    }

    /// A bad argument `name` of the command line, with what is wrong and what to do.
    pub fn bad_argument(self, name: &str, message: impl Into<String>) -> disinfo::Error {
        self.invalid(InvalidArgument::new(name, message))
    }

    /// A failed read or write (code `io`).
    pub fn io(self, error: IoError) -> disinfo::Error {
        match self {
            Tool::Terms => disinfo::terms::Error::from(error).into(),
            Tool::Bots => disinfo::bots::Error::from(error).into(),
            Tool::Ads => disinfo::ads::Error::from(error).into(),
            Tool::Encyclopedia => disinfo::encyclopedia::Error::from(error).into(),
        }
    }
}
