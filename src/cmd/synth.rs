//! `topictrend synth`: write a scale archive recombined from real items (for benchmarks).

use super::reading::{read, Want};
use super::{report_warnings, Error, Outcome};
use crate::cli::InputArgs;
use crate::config::InputConfig;
use std::fs;
use std::io::BufWriter;
use std::path::Path;

/// Reads the input archive, then streams about `megabytes` MiB of synthetic issues to `out`
/// (via a temporary file renamed at the end, so a partial archive is never left behind).
pub fn run(
    input: &InputArgs,
    megabytes: u64,
    out: &Path,
    seed: u64,
    quiet: bool,
) -> Result<Outcome, Error> {
    let input = InputConfig::from(input);
    let (corpus, ..) = read(&input, Want::default())?;
    let outcome = report_warnings(&corpus, quiet);
    let tmp = out.with_extension("synth.tmp");
    let io_err = |source| crate::output::OutputError::Write {
        path: out.to_path_buf(),
        source,
    };
    let file = fs::File::create(&tmp).map_err(io_err)?;
    let mut writer = BufWriter::with_capacity(1 << 20, file);
    let summary = crate::synth::write_archive(&corpus, megabytes * 1024 * 1024, seed, &mut writer)
        .map_err(io_err)?;
    drop(writer);
    fs::rename(&tmp, out).map_err(io_err)?;
    if !quiet {
        eprintln!(
            "topictrend: wrote {} issues, {} bytes to {}",
            summary.issues,
            summary.bytes,
            out.display()
        );
    }
    Ok(outcome)
}
