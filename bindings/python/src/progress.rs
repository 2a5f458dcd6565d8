//! `progress=` of the long operations: the core's [`Progress`] reports, from any thread, passed
//! to a tqdm-like object (`total` attribute, `update(n)` method) at most ten times a second.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use disinfo::api::Progress;
use pyo3::prelude::*;

/// How often the bar is redrawn at most: taking the GIL on every finished file of a
/// 100,000-file audit would cost more than the work.
const INTERVAL: Duration = Duration::from_millis(100);

/// What the bar shows and what the core has reported.
struct State {
    shown: Progress,
    latest: Progress,
    last_draw: Option<Instant>,
}

/// The bridge between the core's reports and the caller's bar.
pub struct Bridge {
    bar: Py<PyAny>,
    state: Mutex<State>,
}

impl Bridge {
    /// A bridge to `bar` (tqdm or anything with `total` and `update(n)`).
    pub fn new(bar: Py<PyAny>) -> Bridge {
        let zero = Progress { done: 0, total: 0 };
        Bridge {
            bar,
            state: Mutex::new(State {
                shown: zero,
                latest: zero,
                last_draw: None,
            }),
        }
    }

    /// Records a report (threads may report out of order: the largest counts win) and redraws
    /// when the last redraw is old enough.
    pub fn observe(&self, p: Progress) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        state.latest.done = state.latest.done.max(p.done);
        state.latest.total = state.latest.total.max(p.total);
        if state.last_draw.is_some_and(|t| t.elapsed() < INTERVAL) {
            return;
        }
        state.last_draw = Some(Instant::now());
        Python::attach(|py| self.draw(py, &mut state));
    }

    /// Shows the last counts (once the operation has returned).
    pub fn finish(&self, py: Python<'_>) {
        if let Ok(mut state) = self.state.lock() {
            self.draw(py, &mut state);
        }
    }

    /// Moves the bar to the latest counts. A bar that fails (a closed notebook widget) must not
    /// fail the operation: its errors are dropped.
    fn draw(&self, py: Python<'_>, state: &mut State) {
        let bar = self.bar.bind(py);
        if state.latest.total != state.shown.total {
            let _ = bar.setattr("total", state.latest.total);
            if bar.hasattr("refresh").unwrap_or(false) {
                let _ = bar.call_method0("refresh");
            }
        }
        let delta = state.latest.done.saturating_sub(state.shown.done);
        if delta > 0 {
            let _ = bar.call_method1("update", (delta,));
        }
        state.shown = state.latest;
    }
}
