//! The report's CSV files (render stage): the four frames, the issues table, every analysis
//! table, the topic shares and the year review, each with a fixed float precision per column
//! (shares 4 decimals, test statistics 3, p-values scientific). docs/CSV.md documents them.

use super::frame::View;
use super::helpers::File;
use crate::analysis::Table;
use crate::frames::ISSUE_COLUMNS;
use crate::render::csv::TextReader;
use crate::render::csv::{value_at, write_csv, write_csv_with_text, CsvSpec, TextColumn};
use crate::render::error::RenderError;
use crate::render::parquet;
use polars::prelude::{DataFrame, UInt32Chunked};
use std::io::Write;

/// A report file's content: bytes rendered already, or a table that is streamed as CSV
/// straight into its file when written (so the large tables never sit in memory as text).
pub enum Body<'a> {
    Bytes(Vec<u8>),
    Csv {
        table: String,
        frame: DataFrame,
        spec: CsvSpec,
    },
    /// `csv/items.csv`: the items frame with each item's text from `texts`.
    Items {
        frame: DataFrame,
        texts: &'a dyn ItemTexts,
    },
}

/// The item texts of `items.csv`'s text column by (issue number, item index), from whoever
/// holds them (the corpus, glued in by `cmd`), so render needs no corpus. The file is written
/// in chunks of rows on several threads: [`ItemTexts::lookup`] makes one lookup per chunk,
/// which sees the chunk's rows in (issue, item) order and so may keep its place.
pub trait ItemTexts: Sync {
    fn lookup(&self) -> Box<dyn TextLookup + '_>;
}

/// One chunk's lookup of [`ItemTexts`].
pub trait TextLookup {
    /// The item's text (it may live in the lookup's own buffer); an error naming the item
    /// when there is none or it cannot be read.
    fn text(&mut self, issue: u32, item: u32) -> Result<&str, Box<dyn std::error::Error>>;
}

/// Where `text` goes in `items.csv`: after `line`.
const ITEM_TEXT_AT: usize = 5;

/// The reader of `items.csv`'s text column: the text of the item at each row's (issue, item),
/// through a lookup per chunk (rows come by issue). A row whose item has no text (a bug) is
/// an error naming the row (1-based, after the header), never an empty text.
fn item_text_reader<'s>(
    texts: &'s dyn ItemTexts,
    issue: &'s UInt32Chunked,
    item: &'s UInt32Chunked,
) -> TextReader<'s> {
    Box::new(move || {
        let mut items = texts.lookup();
        Box::new(move |row, emit| {
            let text = match (value_at(issue, row), value_at(item, row)) {
                (Some(n), Some(i)) => items.text(n, i).map_err(|e| e.to_string()),
                _ => Err("no issue or item number".to_string()),
            };
            let text = text.map_err(|e| std::io::Error::other(format!("row {}: {e}", row + 1)))?;
            emit(text.as_bytes());
            Ok(())
        })
    })
}

impl Body<'_> {
    /// Writes the content to `out`; the same body always gives the same bytes.
    pub fn write_to(&self, out: &mut dyn Write) -> Result<(), RenderError> {
        match self {
            Body::Bytes(bytes) => out.write_all(bytes).map_err(|e| RenderError::Io {
                what: "file".to_string(),
                source: e,
            }),
            Body::Csv { table, frame, spec } => write_csv(table, frame, spec, out),
            Body::Items { frame, texts } => {
                // The columns that locate each row's item, as one chunk each.
                let view = View::new("items", frame);
                let issue = view.u32_array("issue")?.rechunk().into_owned();
                let item = view.u32_array("item")?.rechunk().into_owned();
                let reader = item_text_reader(*texts, &issue, &item);
                let text = TextColumn {
                    at: ITEM_TEXT_AT,
                    name: "text",
                    rows: frame.height(),
                    reader: Box::new(reader),
                };
                write_csv_with_text("items", frame, &spec("items"), Some(text), out)
            }
        }
    }

    /// The content as bytes in memory.
    pub fn to_bytes(&self) -> Result<Vec<u8>, RenderError> {
        let mut out = Vec::new();
        self.write_to(&mut out)?;
        Ok(out)
    }
}

/// Already rendered files as bodies.
pub fn bodies<'a>(files: Vec<File>) -> impl Iterator<Item = (String, Body<'a>)> {
    files.into_iter().map(|(p, b)| (p, Body::Bytes(b)))
}

/// Float formats of `table`'s columns that are not the default 4 decimals.
pub fn spec(table: &str) -> CsvSpec {
    let base = CsvSpec::default();
    let stats = |s: CsvSpec| s.fixed("g2", 3).fixed("lift", 3).fixed("expected", 3);
    match table {
        "labels" => base
            .fixed("z", 3)
            .fixed("z_curve", 3)
            .fixed("dispersion", 3)
            .fixed("z_adj", 3)
            .fixed("ratio", 3)
            .scientific("p_value", 3)
            .scientific("q_value", 3),
        "frequency" => base.scientific("q_value", 3),
        "comentions" | "year_pairs" => stats(base).scientific("p_value", 3),
        "year_movers" => base.fixed("z", 3).scientific("p_value", 3),
        _ => base,
    }
}

/// The export file name of an analysis or review table: `year_top` -> `review_2019_top`.
pub fn csv_name(table: &str, year: Option<i32>) -> String {
    match (table.strip_prefix("year_"), year) {
        (Some(rest), Some(y)) => format!("review_{y}_{rest}"),
        _ => table.to_string(),
    }
}

/// `csv/<name>.csv` (and `parquet/<name>.parquet`) of each of `tables`; with the review's
/// `year`, named as [`csv_name`] says.
pub fn table_files(
    tables: &[Table],
    year: Option<i32>,
    parquet: bool,
) -> Result<Vec<(String, Body<'static>)>, RenderError> {
    let mut out = Vec::new();
    for t in tables {
        let name = csv_name(t.name, year);
        let csv = Body::Csv {
            table: name.clone(),
            frame: t.frame.clone(),
            spec: spec(t.name),
        };
        out.push((format!("csv/{name}.csv"), csv));
        if parquet {
            let bytes = parquet::to_parquet(&name, &t.frame)?;
            out.push((format!("parquet/{name}.parquet"), Body::Bytes(bytes)));
        }
    }
    Ok(out)
}

/// The table of `csv/issues.csv`: the issues frame's number, date, date source and items per
/// section.
pub fn issue_table(issues: &DataFrame) -> Result<DataFrame, RenderError> {
    issues
        .select(ISSUE_COLUMNS)
        .map_err(|source| RenderError::Polars {
            table: "issues".to_string(),
            step: "select the issue columns",
            source,
        })
}

/// `csv/issues.csv` and `csv/items.csv` (and `parquet/items.parquet`): they need only the
/// item texts, the issues frame and the items frame.
pub fn item_files<'a>(
    texts: &'a dyn ItemTexts,
    issues: &DataFrame,
    items: &DataFrame,
    parquet: bool,
) -> Result<Vec<(String, Body<'a>)>, RenderError> {
    let issues = Table::new("issues", &issue_table(issues)?);
    let mut out = table_files(&[issues], None, false)?;
    let frame = items.clone();
    out.push(("csv/items.csv".to_string(), Body::Items { frame, texts }));
    if parquet {
        out.push((
            "parquet/items.parquet".to_string(),
            Body::Bytes(parquet::to_parquet("items", items)?),
        ));
    }
    Ok(out)
}

/// `csv/mentions.csv` and `csv/events.csv` (and their Parquet twins): plain frames, which
/// need no item texts.
pub fn mention_files(
    mentions: &DataFrame,
    events: &DataFrame,
    parquet: bool,
) -> Result<Vec<(String, Body<'static>)>, RenderError> {
    let tables = [("mentions", mentions), ("events", events)];
    let tables = tables.map(|(name, frame)| Table::new(name, frame));
    table_files(&tables, None, parquet)
}
