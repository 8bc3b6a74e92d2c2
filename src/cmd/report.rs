//! `topictrend report`: run every stage and write report.md, charts/ and csv/ atomically.

use super::progress::Progress;
use super::{Error, Outcome};
use crate::analysis::{self, AnalysisOptions, Targets};
use crate::cli::ReportArgs;
use crate::config::{Config, InputConfig};
use crate::discover::{Discoverer, Discovery, Words};
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

/// Builds the frames and stages the tables that need the corpus, `issues.csv` and
/// `items.csv`: one thread builds the issue and item frames and writes those tables while
/// the other builds the mention and event frames. The extraction's lists are freed as their
/// frames are built.
fn frames_and_item_tables(
    config: &Config,
    out: &OutputDir,
    corpus: &corpus::Corpus,
    lexicon: &lexicon::Lexicon,
    extraction: crate::extract::Extraction,
    discovered: (&Discovery, &[usize]),
) -> Result<(frames::Frames, Vec<Staged>), Error> {
    let builder = frames::Builder::new(corpus, lexicon)?;
    let crate::extract::Extraction {
        mentions, events, ..
    } = extraction;
    let (first, built) = rayon::join(
        || -> Result<_, Error> {
            let (issues, items) = (builder.issues()?, builder.items()?);
            let files = report::item_files(corpus, &issues, &items, config.parquet)?;
            let staged = stage_all(out, &files)?;
            Ok((issues, items, staged))
        },
        || -> Result<_, Error> {
            let mentions_frame = builder.mentions_from(mentions)?;
            let events_frame = builder.events(&events)?;
            drop(events);
            Ok((mentions_frame, events_frame))
        },
    );
    let (issues, items, staged) = first?;
    let (mentions, events) = built?;
    let frames = frames::Frames {
        issues,
        items,
        mentions,
        events,
        discovered: builder.discovered(discovered.0, discovered.1)?,
    };
    Ok((frames, staged))
}

fn write_report_with_warnings(
    config: &Config,
    lexicon: lexicon::Lexicon,
    mut progress: Progress,
) -> Result<(ReportSummary, Vec<String>), Error> {
    if config.parquet && !crate::render::parquet::available() {
        return Err(Error::Usage(
            "--format parquet: this binary was built without Parquet support; \
             rebuild with `cargo run --features parquet -- report --format parquet`"
                .into(),
        ));
    }
    let mut out = OutputDir::open(&config.out_dir, config.force)?;
    progress.stage("reading and extracting the archive");
    let targets = match &config.targets {
        Some(path) => Some(Targets::load(path, &lexicon)?),
        None => None,
    };
    let words = match config.discover {
        true => Some(Words::load(
            config.words.as_deref(),
            &config.input.lexicon,
            &lexicon,
        )?),
        false => None,
    };
    let discoverer = words.as_ref().map(|w| Discoverer::new(&lexicon, w));
    let (mut corpus, mut extraction, discovery) =
        super::reading::read_and_extract(config, &lexicon, discoverer.as_ref(), out.root())?;
    drop(discoverer);
    drop(words);
    if corpus.issues.is_empty() {
        return Err(Error::NoIssues {
            skipped: corpus.warnings.iter().map(|w| w.to_string()).collect(),
        });
    }
    progress.stage("building frames, writing item tables");
    // The names discovery counts become entities after the lexicon's, their mentions join
    // the lexicon's (the frame sorts them into place); every later stage reads the
    // extended lexicon.
    let discovery = discovery.unwrap_or_default();
    let (lexicon, mentions, counted) = discovery.counted(&lexicon);
    // Exactly the room they need: a doubling of the archive's mention list would not be.
    extraction.mentions.reserve_exact(mentions.len());
    extraction.mentions.extend(mentions);
    // The frames hold every mention and event from here on; keep only the count.
    let mention_count = extraction.mentions.len();
    let (frames, mut staged) = frames_and_item_tables(
        config,
        &out,
        &corpus,
        &lexicon,
        extraction,
        (&discovery, &counted),
    )?;
    drop(discovery);
    // The tables that need the archive's text are written: let go of the issues with their
    // item texts, links and listings, so the analysis runs without the archive in memory;
    // from here on the report reads issues and items from the frames. Freeing hundreds of
    // thousands of strings and handing the pages back to the OS takes a while, so another
    // thread does it while the mention and event tables (plain frames) are written; the
    // analysis starts once it is done, so its allocations never stack on the archive's.
    // Nothing is renamed into place before the whole report is staged.
    let (issue_count, item_count) = (corpus.issues.len(), corpus.item_count());
    // Their texts too: closing a scratch file frees its pages in the OS' file cache while
    // the mention tables are written.
    let released = corpus.release();
    let freeing = std::thread::spawn(move || {
        drop(released);
        return_freed_memory();
    });
    let mention_tables = report::mention_files(&frames.mentions, &frames.events, config.parquet)
        .map_err(Error::from)
        .and_then(|files| stage_all(&out, &files));
    // The thread only frees memory; it cannot fail short of a panic, which is re-raised.
    if let Err(panic) = freeing.join() {
        std::panic::resume_unwind(panic);
    }
    // Building the frames and writing the tables freed buffers of their own (the extraction's
    // pieces, the frames' scratch columns, chunk buffers) while the archive was trimmed:
    // hand those back too before the analysis allocates. Measured at 1 GiB: the analysis
    // starts at 1.45 GB instead of 1.87 GB and peaks at 2.89 GB instead of 3.15 GB; the trim
    // takes 47 ms (4 ms at 100 MiB).
    return_freed_memory();
    staged.extend(mention_tables?);
    staged.extend(rest_of_report(
        config,
        &out,
        &mut progress,
        &corpus,
        &lexicon,
        &frames,
        targets,
    )?);
    let summary = ReportSummary {
        issues: issue_count,
        items: item_count,
        mentions: mention_count,
        files: staged.len(),
        skipped: corpus.skipped,
    };
    out.commit(staged)?;
    progress.finish();
    Ok((
        summary,
        corpus.warnings.iter().map(|w| w.to_string()).collect(),
    ))
}

/// Analysis, rendering and staging of every file but the item-level tables.
fn rest_of_report(
    config: &Config,
    out: &OutputDir,
    progress: &mut Progress,
    corpus: &corpus::Corpus,
    lexicon: &lexicon::Lexicon,
    frames: &frames::Frames,
    targets: Option<Targets>,
) -> Result<Vec<Staged>, Error> {
    progress.stage("analysing");
    let opts = AnalysisOptions::from_config(config, targets);
    let analysis = analysis::analyze(frames, lexicon, &opts)?;
    let review = match config.year {
        Some(year) => Some(year_review(frames, lexicon, &opts, year, &analysis.labels)?),
        None => None,
    };
    let input = ReportInput {
        config,
        corpus,
        frames,
        analysis: &analysis,
        review: review.as_ref(),
    };
    progress.stage("rendering and writing the report");
    // The analysis tables are written while the report and its charts are rendered.
    let (tables, rest) = rayon::join(
        || stage_all(out, &report::analysis_tables(&input)?),
        || stage_all(out, &report::render_rest(&input)?),
    );
    let mut staged = tables?;
    staged.extend(rest?);
    Ok(staged)
}

/// The review of `year` (`--year`) with each entity's trend from the report's `labels`, on
/// Polars' thread pool as `analysis::analyze` runs (its doc says why): the queries run on
/// the collecting thread and the pool's, not across two pools.
fn year_review(
    frames: &frames::Frames,
    lexicon: &lexicon::Lexicon,
    opts: &AnalysisOptions,
    year: i32,
    labels: &polars::prelude::DataFrame,
) -> Result<analysis::YearReview, analysis::AnalysisError> {
    polars_core::runtime::THREAD_POOL.install(|| {
        analysis::review::with_trends(analysis::year_review(frames, lexicon, opts, year)?, labels)
    })
}

/// Hands the heap pages freed so far back to the OS. glibc keeps freed small allocations
/// mapped for reuse, and the corpus just dropped (hundreds of thousands of item strings) is
/// mostly left as holes the analysis' allocations cannot use: without this the freed archive
/// stays resident for the rest of the run. Measured at 100 MiB: peak 370 MB with it, 449 MB
/// without.
fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` has no preconditions; it only releases free memory.
    unsafe {
        libc::malloc_trim(0);
    }
}
