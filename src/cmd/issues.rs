//! `topictrend issues`: print the parsed issue table (in progress).
use super::{Error, Outcome};
use crate::cli::InputArgs;
pub fn run(_input: &InputArgs, _quiet: bool) -> Result<Outcome, Error> { Err(Error::Usage("not yet implemented".into())) }
