//! `topictrend synth` (in progress).
use super::{Error, Outcome};
use crate::cli::InputArgs;
use std::path::Path;
pub fn run(_input: &InputArgs, _mb: u64, _out: &Path, _seed: u64, _quiet: bool) -> Result<Outcome, Error> { Err(Error::Usage("not yet implemented".into())) }
