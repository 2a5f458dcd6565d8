//! Progress on standard error. indicatif draws only when standard error is a terminal, so pipes
//! and logs stay clean; `--quiet` hides the bars on a terminal too.

use indicatif::{ProgressBar, ProgressStyle};

/// A bar of `len` steps (`len` may be set later), hidden with `quiet`.
pub fn bar(len: u64, quiet: bool) -> ProgressBar {
    if quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(len)
    }
}

/// A bar with a message after it (`template` in indicatif's syntax), hidden with `quiet`.
pub fn bar_with(template: &str, quiet: bool) -> ProgressBar {
    let bar = bar(0, quiet);
    bar.set_style(style(template));
    bar
}

/// A spinner showing `message` while work of unknown length runs, hidden with `quiet`.
pub fn spinner(message: String, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_message(message);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// The style of `template`, or indicatif's default bar if the template does not parse.
pub fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar())
}
