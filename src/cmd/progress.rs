//! A stage progress bar on stderr for long runs: shown only when stderr is a terminal, not
//! `--quiet`, and the run has lasted more than a second; silent otherwise.
//!
//! With `TOPICTREND_TIMINGS=1` in the environment every finished stage also prints one line
//! to stderr, `timing: <stage> <seconds> s, CPU <seconds> s, RSS <MB> MB, stage peak RSS <MB> MB`
//! (CPU time of all threads during the stage, from `/proc/self/stat`; resident memory at the
//! stage's end and at its peak during the stage, from `/proc/self/status`; Linux only): where
//! a run spends its time and memory, and how well a stage uses the cores. The peak is reset
//! at each stage's start (`/proc/self/clear_refs`), so with timings on the process' own peak
//! (as `time` reports it) is only that of the last stage: the largest stage peak is the run's.

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
    /// The running stage and when it began, when timings are on.
    timing: Option<(&'static str, Instant, Option<f64>)>,
    timings: bool,
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
            timing: None,
            timings: std::env::var_os("TOPICTREND_TIMINGS").is_some_and(|v| v == "1"),
        }
    }

    /// Marks the start of a stage named `what`.
    pub fn stage(&mut self, what: &'static str) {
        self.end_timing();
        if self.timings {
            reset_peak();
            self.timing = Some((what, Instant::now(), cpu_seconds()));
        }
        if self.enabled && !self.shown && self.start.elapsed() >= DELAY {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(120));
            self.shown = true;
        }
        self.bar.set_message(what);
        self.bar.inc(1);
    }

    /// Clears the bar (if it was ever shown).
    pub fn finish(&mut self) {
        self.end_timing();
        self.bar.finish_and_clear();
    }

    fn end_timing(&mut self) {
        if let Some((what, began, cpu_began)) = self.timing.take() {
            let rss = match (rss_mb("VmRSS:"), rss_mb("VmHWM:")) {
                (Some(now), Some(peak)) => format!(", RSS {now} MB, stage peak RSS {peak} MB"),
                _ => String::new(),
            };
            let cpu = match (cpu_began, cpu_seconds()) {
                (Some(a), Some(b)) => format!(", CPU {:.2} s", b - a),
                _ => String::new(),
            };
            eprintln!(
                "timing: {what} {:.3} s{cpu}{rss}",
                began.elapsed().as_secs_f64()
            );
        }
    }
}

/// CPU time (user and system, all threads) this process has used so far, in seconds, where
/// the OS tells it: with the wall time it shows how well a stage uses the cores.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line: 11 and 12 after the name.
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // SAFETY: sysconf has no preconditions.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    (per_second > 0).then(|| ticks as f64 / per_second as f64)
}

/// Starts a new peak: the kernel sets this process' peak resident size (`VmHWM:`) to the
/// current one. Where the OS has no such file, the peak stays the run's so far.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Resident set size of this process in MB, now (`VmRSS:`) or at its peak (`VmHWM:`, since
/// the last [`reset_peak`]), where the OS tells it.
fn rss_mb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1000)
}
