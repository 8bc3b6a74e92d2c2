//! A stage progress bar on stderr for long runs: shown only when stderr is a terminal, not
//! `--quiet`, and the run has lasted more than a second; silent otherwise.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// Runs shorter than this never show a bar.
const DELAY: Duration = Duration::from_secs(1);

pub struct Progress {
    bar: ProgressBar,
    start: Instant,
    enabled: bool,
    shown: bool,
}

impl Progress {
    /// A bar over `stages` steps; `quiet` or a non-terminal stderr keeps it hidden.
    pub fn new(stages: u64, quiet: bool) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(stages), ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} [{elapsed}] {bar:30} {pos}/{len} {msg}")
        {
            bar.set_style(style);
        }
        let enabled = !quiet && std::io::stderr().is_terminal();
        Progress {
            bar,
            start: Instant::now(),
            enabled,
            shown: false,
        }
    }

    /// Marks the start of a stage named `what`.
    pub fn stage(&mut self, what: &'static str) {
        if self.enabled && !self.shown && self.start.elapsed() >= DELAY {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(120));
            self.shown = true;
        }
        self.bar.set_message(what);
        self.bar.inc(1);
    }

    /// Clears the bar (if it was ever shown).
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
