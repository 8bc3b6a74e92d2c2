//! `topictrend report` (in progress).
use super::{Error, Outcome};
use crate::cli::ReportArgs;
pub fn run(_args: &ReportArgs, _quiet: bool) -> Result<Outcome, Error> { Err(Error::Usage("not yet implemented".into())) }
