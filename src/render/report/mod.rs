//! The report (render stage): `report.md`, its charts (`charts/*.svg`, `charts/*.png`) and
//! every table behind them (`csv/*.csv`), and with `--year` the year review
//! (`review-YYYY.md`, `charts/review_YYYY_*`, `csv/review_YYYY_*.csv`), rendered in memory.
//!
//! ```text
//! ReportInput (config, corpus, lexicon, frames, analysis, review)
//!   -> model::Model (analysis frames read back as rows)
//!   -> periodic::Periodic (chart periods) -> topics::ShareTable (topic and trend-line shares)
//!   -> md::report / review::markdown (Markdown)  charts::main / review::charts (SVG + PNG)
//!   -> exports (CSV as `Body::Csv`, streamed when written; Parquet with --format parquet)
//!   -> Vec<(relative path, Body)> sorted by path; crate::output stages each in a temporary
//!      file (in parallel) and renames them all once every one is written
//! ```
//!
//! Pure and deterministic: no I/O, no clock; the same input gives byte-identical files. A
//! `Body` writes into whatever `Write` it is given; only `crate::output` opens files.
//! Every table and chart reads the frame its CSV is written from, so each number shown
//! traces to a CSV row (docs/CSV.md lists the files, docs/METHODS.md the formulas).

mod charts;
mod exports;
mod fmt;
mod frame;
mod md;
mod md_balance;
mod md_entities;
mod md_files;
mod md_lines;
mod md_meetups;
mod md_methods;
mod md_overview;
mod md_pairs;
mod md_sources;
mod md_trends;
mod model;
mod periodic;
mod review;
mod review_md;
mod review_say;
mod review_tables;
mod select;
mod topics;

pub use exports::{csv_name, item_files, mention_files, spec, Body};

use crate::analysis::{Analysis, YearReview};
use crate::config::Config;
use crate::corpus::Corpus;
use crate::frames::Frames;
use crate::lexicon::Lexicon;
use crate::render::RenderError;
use model::Model;
use periodic::Periodic;
use select::Selection;
use topics::ShareTable;

/// Everything the report is rendered from (see `cmd::report`).
pub struct ReportInput<'a> {
    pub config: &'a Config,
    /// The corpus for its warnings and skips; its issues may already be released (the
    /// report reads issues and items from the frames).
    pub corpus: &'a Corpus,
    pub lexicon: &'a Lexicon,
    pub frames: &'a Frames,
    pub analysis: &'a Analysis,
    pub review: Option<&'a YearReview>,
}

/// The input with what the sections share: the frames read back, the chart periods, the
/// topic shares and the entities chosen for the trend lines with their shares.
pub(crate) struct Ctx<'a> {
    pub input: &'a ReportInput<'a>,
    pub model: Model,
    pub periodic: Periodic,
    pub topics: ShareTable,
    pub lines: Selection,
    pub line_shares: ShareTable,
    pub issues: IssueCounts,
}

/// The archive's issues and items as the `issues` frame (`csv/issues.csv`) counts them.
pub(crate) struct IssueCounts {
    /// Issue numbers, ascending.
    pub numbers: Vec<u64>,
    /// Items per section over the archive, indexed like `Section::ALL`.
    pub sections: [u64; 5],
}

impl IssueCounts {
    fn read(frames: &Frames) -> Result<IssueCounts, RenderError> {
        let v = frame::View::new("issues", &frames.issues);
        let mut sections = [0; 5];
        for (total, s) in sections.iter_mut().zip(crate::corpus::Section::ALL) {
            *total = v.u64(s.as_str())?.iter().sum();
        }
        let mut numbers = v.u64("issue")?;
        numbers.sort_unstable();
        Ok(IssueCounts { numbers, sections })
    }

    pub fn items(&self) -> u64 {
        self.sections.iter().sum()
    }
}

impl<'a> Ctx<'a> {
    fn new(input: &'a ReportInput<'a>) -> Result<Ctx<'a>, RenderError> {
        let issues = IssueCounts::read(input.frames)?;
        let model = Model::read(input.analysis, input.frames)?;
        let periodic = Periodic::for_charts(input.frames, input.analysis.summary.period)?;
        let topics = ShareTable::topics(input.frames, &periodic)?;
        let lines = Selection::new(input, &model);
        let line_shares = ShareTable::entities(input.frames, &periodic, &lines.entities)?;
        Ok(Ctx {
            input,
            model,
            periodic,
            topics,
            lines,
            line_shares,
            issues,
        })
    }

    pub fn config(&self) -> &Config {
        self.input.config
    }

    pub fn analysis(&self) -> &Analysis {
        self.input.analysis
    }
}

/// The item-level tables, `csv/issues.csv`, `csv/items.csv`, `csv/mentions.csv` and
/// `csv/events.csv` (and their Parquet twins): they need only the corpus and the frames, so
/// they can be written before the analysis runs, and the item texts released after.
pub fn frame_files<'a>(
    corpus: &'a Corpus,
    frames: &Frames,
    parquet: bool,
) -> Result<Vec<(String, Body<'a>)>, RenderError> {
    let mut out = item_files(corpus, &frames.items, parquet)?;
    out.extend(mention_files(&frames.mentions, &frames.events, parquet)?);
    Ok(out)
}

/// Every other report file as (path relative to the output folder, content), sorted by path:
/// the report, its charts, the analysis tables and the year review. Tables come back as
/// [`Body::Csv`], streamed as CSV when written; the rest as bytes.
pub fn render_all<'a>(input: &'a ReportInput<'a>) -> Result<Vec<(String, Body<'a>)>, RenderError> {
    let mut files = analysis_tables(input)?;
    files.extend(render_rest(input)?);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// The analysis tables, `csv/<table>.csv` for every `Analysis::tables()` frame: they need
/// only the analysis, so they can be written while the rest is rendered.
pub fn analysis_tables(input: &ReportInput) -> Result<Vec<(String, Body<'static>)>, RenderError> {
    exports::analysis_files(input.analysis, input.config.parquet)
}

/// [`render_all`] without [`analysis_tables`]: the report, its charts, the chart share
/// tables and the year review, sorted by path.
pub fn render_rest<'a>(input: &'a ReportInput<'a>) -> Result<Vec<(String, Body<'a>)>, RenderError> {
    let ctx = Ctx::new(input)?;
    let parquet = input.config.parquet;
    let mut files: Vec<(String, Body<'a>)> = vec![(
        "report.md".to_string(),
        Body::Bytes(md::report(&ctx)?.into_bytes()),
    )];
    files.extend(exports::bodies(charts::main(&ctx)?));
    files.extend(exports::share_files(
        &[&ctx.topics, &ctx.line_shares],
        parquet,
    )?);
    if let Some(r) = input.review {
        let name = review_md::file_name(r);
        files.push((
            name,
            Body::Bytes(review_md::markdown(&ctx, r)?.into_bytes()),
        ));
        files.extend(exports::bodies(review::charts(r)?));
        files.extend(exports::review_files(r, parquet)?);
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}
