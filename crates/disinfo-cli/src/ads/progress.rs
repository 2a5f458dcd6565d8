//! Loading progress of `ads audit`: one bar per collection (files and megabytes read), on
//! standard error when it is a terminal.

use std::sync::Mutex;

use disinfo::ads::collection::Progress;
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};

/// The bars of an audit: the current collection's bar, the finished ones above it.
pub struct AuditBars {
    bars: MultiProgress,
    style: ProgressStyle,
    names: Vec<String>,
    current: Mutex<Option<(usize, ProgressBar)>>,
}

impl AuditBars {
    /// Bars for collections named `names`, in audit order.
    pub fn new(names: Vec<String>) -> AuditBars {
        AuditBars {
            bars: MultiProgress::new(),
            style: crate::progress::style("{prefix:>16} [{bar:30}] {pos}/{len} files {msg}"),
            names,
            current: Mutex::new(None),
        }
    }

    /// Shows that collection `index` has read `p.files_done` of its files.
    pub fn update(&self, index: usize, p: Progress) {
        let Ok(mut current) = self.current.lock() else {
            return;
        };
        if current.as_ref().is_none_or(|(i, _)| *i != index) {
            let bar = self.bars.add(ProgressBar::new(p.files_total as u64));
            bar.set_style(self.style.clone());
            bar.set_prefix(self.names.get(index).cloned().unwrap_or_default());
            if let Some((_, old)) = current.take() {
                old.finish();
            }
            *current = Some((index, bar));
        }
        if let Some((_, bar)) = current.as_ref() {
            bar.set_position(p.files_done as u64);
            bar.set_message(format!("{} MB", p.bytes_done / 1_000_000));
        }
    }

    /// Clears the bars once the audit is done.
    pub fn finish(&self) {
        if let Ok(mut current) = self.current.lock()
            && let Some((_, bar)) = current.take()
        {
            bar.finish_and_clear();
        }
        let _ = self.bars.clear();
    }
}
