//! `topictrend report`: run every stage and write report.md, charts/ and csv/ atomically.

use super::progress::Progress;
use super::{Error, Outcome};
use crate::analysis::{self, AnalysisOptions, Targets};
use crate::cli::ReportArgs;
use crate::config::Config;
use crate::extract::Extractor;
use crate::output::{OutputDir, Staged};
use crate::render::report::{self, Body, ReportInput};
use crate::{corpus, frames, lexicon};
use rayon::prelude::*;

/// Figures of a finished report run (for the CLI's closing line, tests and benches).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportSummary {
    pub issues: usize,
    pub items: usize,
    pub mentions: usize,
    pub files: usize,
    /// Inputs skipped while reading (each reported as a warning).
    pub skipped: usize,
}

pub fn run(args: &ReportArgs, quiet: bool) -> Result<Outcome, Error> {
    let config = Config::from_report_args(args, quiet);
    let (summary, corpus_warnings) =
        write_report_with_warnings(&config, Progress::new(STAGES, quiet))?;
    if !quiet {
        for w in &corpus_warnings {
            eprintln!("topictrend: warning: {w}");
        }
        eprintln!(
            "topictrend: {} issues, {} items, {} mentions; wrote {} files to {}",
            summary.issues,
            summary.items,
            summary.mentions,
            summary.files,
            config.out_dir.display()
        );
    }
    Ok(if summary.skipped > 0 {
        Outcome::Skipped
    } else {
        Outcome::Clean
    })
}

/// Runs the whole pipeline on `config` and writes the report. Every file is staged in a
/// temporary file first and all are renamed into place only once every one is written, so a
/// failing stage never leaves a partial report; an unwritable output folder fails before any
/// work.
pub fn write_report(config: &Config) -> Result<ReportSummary, Error> {
    write_report_with_warnings(config, Progress::new(STAGES, true)).map(|(s, _)| s)
}

/// Streams every file into its temporary file, in parallel (the big CSVs are rendered here,
/// row by row), then renames them all; if any file fails, none replaces the old report.
fn write_all(out: &mut OutputDir, files: &[(String, Body)]) -> Result<(), Error> {
    let staged: Vec<Result<Staged, Error>> = files
        .par_iter()
        .map(|(path, body)| out.stage(path, |w| body.write_to(w).map_err(Error::from)))
        .collect();
    let (ok, failed): (Vec<_>, Vec<_>) = staged.into_iter().partition(Result::is_ok);
    let ok: Vec<Staged> = ok.into_iter().filter_map(Result::ok).collect();
    if let Some(Err(e)) = failed.into_iter().next() {
        out.discard(ok);
        return Err(e);
    }
    Ok(out.commit(ok)?)
}

/// Stages the progress bar counts.
const STAGES: u64 = 6;

fn write_report_with_warnings(
    config: &Config,
    mut progress: Progress,
) -> Result<(ReportSummary, Vec<String>), Error> {
    if config.parquet && !crate::render::parquet::available() {
        return Err(Error::Usage(
            "--format parquet: this binary was built without Parquet support; \
             rebuild with `cargo run --features parquet -- report --format parquet`"
                .into(),
        ));
    }
    let mut out = OutputDir::open(&config.out_dir)?;
    progress.stage("reading lexicon and archive");
    let lexicon = lexicon::load(&config.input.lexicon_dir)?;
    let targets = match &config.targets {
        Some(path) => Some(Targets::load(path, &lexicon)?),
        None => None,
    };
    let corpus = corpus::load(&config.input.paths, &config.input.load)?;
    progress.stage("extracting entities");
    let mut extraction = Extractor::new(&lexicon)?.extract(&corpus);
    progress.stage("building frames");
    let frames = frames::build(&corpus, &lexicon, &extraction)?;
    // The mentions frame holds every mention from here on; keep only the count.
    let mention_count = extraction.mentions.len();
    extraction.mentions = Vec::new();
    progress.stage("analysing");
    let opts = AnalysisOptions::from_config(config, targets);
    let analysis = analysis::analyze(&frames, &lexicon, &opts)?;
    let review = match config.year {
        Some(year) => Some(analysis::year_review(&frames, &lexicon, &opts, year)?),
        None => None,
    };
    let input = ReportInput {
        config,
        corpus: &corpus,
        lexicon: &lexicon,
        extraction: &extraction,
        frames: &frames,
        analysis: &analysis,
        review: review.as_ref(),
    };
    progress.stage("rendering report and charts");
    let files = report::render_all(&input)?;
    progress.stage("writing files");
    write_all(&mut out, &files)?;
    progress.finish();
    let summary = ReportSummary {
        issues: corpus.issues.len(),
        items: corpus.item_count(),
        mentions: mention_count,
        files: files.len(),
        skipped: corpus.skipped,
    };
    Ok((
        summary,
        corpus.warnings.iter().map(|w| w.to_string()).collect(),
    ))
}
