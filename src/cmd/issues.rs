//! `topictrend issues`: parse the archive and print one row per issue (number, date, date
//! source, items per section) so a curator can check the parse at a glance.

use super::reading::{read, Want};
use super::{Error, Outcome};
use crate::cli::InputArgs;
use crate::config::InputConfig;
use crate::corpus;
use crate::frames::ISSUE_COLUMNS;
use crate::render::aligned::aligned;
use std::io::Write;

/// Loads the corpus, reports its warnings on stderr and prints the aligned issues table.
pub fn run(input: &InputArgs, quiet: bool) -> Result<Outcome, Error> {
    let config = InputConfig::from(input);
    let (corpus, ..) = read(&config, Want::default())?;
    let outcome = super::report_warnings(&corpus, quiet);
    let header: Vec<&str> = ISSUE_COLUMNS.iter().copied().chain(["warnings"]).collect();
    // Date and date source are text, left-aligned; the rest are numbers.
    let table = aligned(&header, &corpus::issue_rows(&corpus), &[1, 2]);
    let mut out = std::io::stdout().lock();
    out.write_all(table.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Error::Stdout)?;
    Ok(outcome)
}
