//! `topictrend report`: run every stage and write report.md, charts/ and csv/ atomically.
//! `write_report_with_warnings` is the recipe, one named call per stage.

use super::progress::Progress;
use super::{Error, Outcome};
use crate::analysis::{self, Analysis, AnalysisOptions, Targets, YearReview};
use crate::cli::ReportArgs;
use crate::config::{Config, InputConfig};
use crate::corpus::Corpus;
use crate::discover::{Discoverer, Discovery, Words};
use crate::extract::Extraction;
use crate::frames;
use crate::lexicon::{self, Lexicon};
use crate::output::{OutputDir, Staged};
use crate::render::report::{self, Body, ReportInput};
use polars::prelude::DataFrame;
use rayon::prelude::*;
use std::path::Path;

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
    let lexicon = lexicon::load_from(&InputConfig::from(&args.input).lexicon)?;
    let config = Config::from_report_args(args, &lexicon, quiet);
    let (summary, corpus_warnings) =
        write_report_with_warnings(&config, lexicon, Progress::new(STAGES, quiet))?;
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

/// Runs the whole pipeline on `config` (with the lexicon it names) and writes the report.
/// Every file is staged in a temporary file first and all are renamed into place only once
/// every one is written, so a failing stage never leaves a partial report; an unwritable
/// output folder fails before any work.
pub fn write_report(config: &Config) -> Result<ReportSummary, Error> {
    let lexicon = lexicon::load_from(&config.input.lexicon)?;
    write_report_with_warnings(config, lexicon, Progress::new(STAGES, true)).map(|(s, _)| s)
}

/// Refuses `--format parquet` from a binary built without it, then opens the output folder:
/// both fail before any work.
fn open_output(config: &Config) -> Result<OutputDir, Error> {
    if config.parquet && !crate::render::parquet::available() {
        return Err(Error::Usage(
            "--format parquet: this binary was built without Parquet support; \
             rebuild with `cargo run --features parquet -- report --format parquet`"
                .into(),
        ));
    }
    Ok(OutputDir::open(&config.out_dir, config.force)?)
}

/// Streams every file into its temporary file, in parallel (the big CSVs are rendered here,
/// row by row). The first failure is the error; whatever was staged goes with the staging
/// folder, which the output guard removes when it is dropped without a commit.
fn stage_all(out: &OutputDir, files: &[(String, Body)]) -> Result<Vec<Staged>, Error> {
    files
        .par_iter()
        .map(|(path, body)| out.stage(path, |w| body.write_to(w).map_err(Error::from)))
        .collect()
}

/// Stages the progress bar counts.
const STAGES: u64 = 4;

/// The recipe: read and extract the archive, build the frames, analyse, render, write. Every
/// file is staged in the output folder's guard, which renames all into place at the commit
/// and discards them if any stage fails before it. The order is the memory plan of a 1 GiB
/// archive (peak 1.97 GB for a 2 GB budget): the tables that need the archive's texts are
/// staged while the frames are built, then the archive is let go (on another thread, while
/// the mention tables are staged) and the analysis starts once it is, so the analysis'
/// allocations never stack on the archive's.
fn write_report_with_warnings(
    config: &Config,
    lexicon: Lexicon,
    mut progress: Progress,
) -> Result<(ReportSummary, Vec<String>), Error> {
    let mut out = open_output(config)?;
    progress.stage("reading and extracting the archive");
    let (targets, words) = side_inputs(config, &lexicon)?;
    let (mut corpus, mut extraction, discovery) = read(config, &lexicon, words, out.root())?;
    progress.stage("building frames, writing item tables");
    let (lexicon, discovered) = add_discovered(&lexicon, &mut extraction, discovery);
    let counted = ReportSummary::counting(&corpus, &extraction);
    let item_tables = |issues: &DataFrame, items: &DataFrame| {
        let files = report::item_files(&corpus, issues, items, config.parquet)?;
        stage_all(&out, &files)
    };
    let (frames, mut staged) =
        frames::build_with(&corpus, &lexicon, extraction, discovered, item_tables)?;
    let releasing = corpus.release_in_background();
    let mention_tables = mention_tables(config, &out, &frames);
    releasing.finish();
    staged.extend(mention_tables?);
    progress.stage("analysing");
    let (analysis, review) = analyse(config, &frames, &lexicon, targets)?;
    progress.stage("rendering and writing the report");
    staged.extend(render(config, &out, analysis, review)?);
    let summary = ReportSummary {
        files: staged.len(),
        ..counted
    };
    out.commit(staged)?;
    progress.finish();
    Ok((summary, warnings(&corpus)))
}

/// The curator's targets (`--targets`) and, with discovery, its word lists, loaded and
/// checked against the lexicon before the archive is read: a bad file fails before any work.
fn side_inputs(
    config: &Config,
    lexicon: &Lexicon,
) -> Result<(Option<Targets>, Option<Words>), Error> {
    let targets = config
        .targets
        .as_ref()
        .map(|path| Targets::load(path, lexicon));
    let words = config
        .discover
        .then(|| Words::load(config.words.as_deref(), &config.input.lexicon, lexicon));
    Ok((targets.transpose()?, words.transpose()?))
}

/// Reads the archive and extracts it, discovering names with `words` when discovery is on;
/// the corpus may keep a large archive's texts in `scratch`. The discoverer and its word
/// lists go as soon as the archive is read. An archive without issues is an error.
fn read(
    config: &Config,
    lexicon: &Lexicon,
    words: Option<Words>,
    scratch: &Path,
) -> Result<(Corpus, Extraction, Option<Discovery>), Error> {
    let discoverer = words.as_ref().map(|w| Discoverer::new(lexicon, w));
    let want = super::reading::Want {
        discover: discoverer.as_ref(),
        scratch: Some(scratch),
        ..super::reading::Want::extracting(lexicon)
    };
    let archive = super::reading::read(&config.input, want)?;
    drop(discoverer);
    drop(words);
    ensure_issues(&archive.0)?;
    Ok(archive)
}

/// An archive without a single issue has nothing to report: the error lists what was skipped.
fn ensure_issues(corpus: &Corpus) -> Result<(), Error> {
    if corpus.issues.is_empty() {
        let skipped = warnings(corpus);
        return Err(Error::NoIssues { skipped });
    }
    Ok(())
}

fn warnings(corpus: &Corpus) -> Vec<String> {
    corpus.warnings.iter().map(|w| w.to_string()).collect()
}

/// The names discovery counts become entities after the lexicon's, and their mentions join
/// the lexicon's in `extraction` (the frame sorts them into place); every later stage reads
/// the extended lexicon returned. The discovery goes with the frames, which list its names.
fn add_discovered(
    lexicon: &Lexicon,
    extraction: &mut Extraction,
    discovery: Option<Discovery>,
) -> (Lexicon, (Discovery, Vec<usize>)) {
    let discovery = discovery.unwrap_or_default();
    let (lexicon, mentions, counted) = discovery.counted(lexicon);
    // Exactly the room they need: a doubling of the archive's mention list would not be.
    extraction.mentions.reserve_exact(mentions.len());
    extraction.mentions.extend(mentions);
    (lexicon, (discovery, counted))
}

impl ReportSummary {
    /// The counts of the archive, taken before the frames take the mentions and the archive
    /// is let go; `files` is 0 until the report is staged.
    fn counting(corpus: &Corpus, extraction: &Extraction) -> ReportSummary {
        ReportSummary {
            issues: corpus.issues.len(),
            items: corpus.item_count(),
            mentions: extraction.mentions.len(),
            files: 0,
            skipped: corpus.skipped,
        }
    }
}

/// Stages the mention and event tables: plain frames, so they are staged while the archive
/// is being let go.
fn mention_tables(
    config: &Config,
    out: &OutputDir,
    frames: &frames::Frames,
) -> Result<Vec<Staged>, Error> {
    let files = report::mention_files(&frames.mentions, &frames.events, config.parquet)?;
    stage_all(out, &files)
}

/// The analysis of the frames and, with `--year`, the review of that year with each entity's
/// trend from the analysis' labels (both run on Polars' thread pool).
fn analyse(
    config: &Config,
    frames: &frames::Frames,
    lexicon: &Lexicon,
    targets: Option<Targets>,
) -> Result<(Analysis, Option<YearReview>), Error> {
    let opts = AnalysisOptions::from_config(config, targets);
    let _heap = crate::heap::HeapReuse::start();
    let analysis = analysis::analyze(frames, lexicon, &opts)?;
    let review = match config.year {
        Some(year) => Some(analysis::review::with_trends(
            analysis::year_review(frames, lexicon, &opts, year)?,
            &analysis.labels,
        )?),
        None => None,
    };
    Ok((analysis, review))
}

/// Renders the report and its charts and stages them while the analysis tables are staged.
/// Takes the analysis so that it is freed once its files are staged.
fn render(
    config: &Config,
    out: &OutputDir,
    analysis: Analysis,
    review: Option<YearReview>,
) -> Result<Vec<Staged>, Error> {
    let input = ReportInput {
        config,
        analysis: &analysis,
        review: review.as_ref(),
    };
    let (tables, rest) = rayon::join(
        || stage_all(out, &report::analysis_tables(&input)?),
        || stage_all(out, &report::render_rest(&input)?),
    );
    let mut staged = tables?;
    staged.extend(rest?);
    Ok(staged)
}
