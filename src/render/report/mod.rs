//! The report (render stage): `report.md`, its charts (`charts/*.svg`, `charts/*.png`) and
//! every table behind them (`csv/*.csv`), and with `--year` the year review
//! (`review-YYYY.md`, `charts/review_YYYY_*`, `csv/review_YYYY_*.csv`), rendered in memory.
//!
//! ```text
//! ReportInput (config, analysis frames, review frames)
//!   -> report/ (report.md, charts/*)   review/ (review-YYYY.md, charts/review_YYYY_*)
//!   -> exports (CSV as `Body::Csv`, streamed when written; Parquet with --format parquet)
//!   -> Vec<(relative path, Body)> sorted by path; crate::output stages each in a temporary
//!      file (in parallel) and renames them all once every one is written
//! ```
//!
//! Modules depend one way: `report/` may use `review/` (the report's year section);
//! both use the leaves `context` (the input, tables by name), `frame` (columns by name),
//! `helpers` (formatting, links, chart files) and `exports`, which import no section.
//! Rendering only formats: every figure is a cell of an analysis frame, so each number shown
//! traces to a CSV row (docs/CSV.md lists the files, docs/METHODS.md the formulas), or a
//! parameter the analysis states (`Analysis::rules`, `peak_window`, `charts::AREA_TOPICS`,
//! `YearReview::mover_z`, ...) or the config does (`config::MAX_LINES`). The
//! data files of the frames are written apart ([`frame_files`]: items.csv reads the item
//! texts through [`ItemTexts`], which `cmd` implements for the corpus); the report reads
//! their row counts from `overview`, and those of the analysis' and the review's tables from
//! their `data_files`.
//! Pure and deterministic: no I/O, no clock; the same input gives byte-identical files.

mod context;
mod exports;
mod frame;
mod helpers;
#[allow(clippy::module_inception)]
mod report;
mod review;

pub use context::ReportInput;
pub use exports::{
    csv_name, issue_table, item_files, mention_files, spec, Body, ItemTexts, TextLookup,
};

use crate::frames::Frames;
use crate::render::error::RenderError;

/// The item-level tables, `csv/issues.csv`, `csv/items.csv`, `csv/mentions.csv` and
/// `csv/events.csv` (and their Parquet twins): they need only the item texts and the frames,
/// so they can be written before the analysis runs, and the item texts released after.
pub fn frame_files<'a>(
    texts: &'a dyn ItemTexts,
    frames: &Frames,
    parquet: bool,
) -> Result<Vec<(String, Body<'a>)>, RenderError> {
    let mut out = item_files(texts, &frames.issues, &frames.items, parquet)?;
    out.extend(mention_files(&frames.mentions, &frames.events, parquet)?);
    Ok(out)
}

/// The analysis tables, `csv/<table>.csv` for every `Analysis::tables()` and
/// `Analysis::chart_tables()` frame: they need only the analysis, so they can be written
/// while the rest is rendered.
pub fn analysis_tables(input: &ReportInput) -> Result<Vec<(String, Body<'static>)>, RenderError> {
    let mut tables = input.analysis.tables();
    tables.extend(input.analysis.chart_tables());
    exports::table_files(&tables, None, input.config.parquet)
}

/// Every other report file as (path relative to the output folder, content), sorted by path:
/// the report, its charts and the year review ([`analysis_tables`] are the tables).
pub fn render_rest<'a>(input: &'a ReportInput<'a>) -> Result<Vec<(String, Body<'a>)>, RenderError> {
    let mut files: Vec<(String, Body<'a>)> = vec![(
        "report.md".to_string(),
        Body::Bytes(report::markdown(input)?.into_bytes()),
    )];
    files.extend(exports::bodies(report::charts::all(input)?));
    if let Some(r) = input.review {
        files.push((
            review::file_name(r),
            Body::Bytes(review::markdown(input, r)?.into_bytes()),
        ));
        files.extend(exports::bodies(review::charts::all(r)?));
        let tables = exports::table_files(&r.tables(), Some(r.year), input.config.parquet)?;
        files.extend(tables);
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}
