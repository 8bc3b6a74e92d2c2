//! `topictrend kwic` (in progress).
use super::{Error, Outcome};
use crate::cli::InputArgs;
pub fn run(_entity: &str, _input: &InputArgs, _width: usize, _quiet: bool) -> Result<Outcome, Error> { Err(Error::Usage("not yet implemented".into())) }
