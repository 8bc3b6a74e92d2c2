//! Stage 5: frequency, trends and trend labels, co-mentions and coverage balance, computed
//! from the frames over a report window; and the year-in-review comparison.
//!
//! Every result is a Polars frame with stable column names and a deterministic row order
//! (explicit tie-breaks, ending in the entity name), exported as `csv/<name>.csv` by the
//! writer (see [`Analysis::tables`]), plus typed summaries for the Markdown report. Dates are
//! ISO strings; periods are strings that sort in time order (`#0330`, `2019-11`, `2019-Q4`,
//! `2019`). The formulas and edge cases are in each module's doc and in docs/METHODS.md:
//!
//! * editorial coverage = article items; shares are of article items ([`frequency`]);
//! * trends by period and the labels ([`trends`], [`labels`], [`armitage`]);
//! * co-mentions with PMI, NPMI, lift, Jaccard, G2 ([`comention`], [`stats`]);
//! * balance, evenness, HHI, meetups, targets ([`balance`], [`targets`]);
//! * year review ([`review`]).
//!
//! Frequency+trends, co-mentions and balance are independent and run under `rayon::join`;
//! `AnalysisOptions::parallel = false` runs the same code sequentially (a test checks both agree).

pub mod armitage;
pub mod balance;
pub mod base;
pub mod comention;
pub mod frequency;
pub mod labels;
mod options;
pub mod period;
pub mod review;
mod review_tables;
pub mod sources;
pub mod stats;
pub mod table;
pub mod targets;
pub mod trends;

mod assemble;

pub use balance::Concentration;
pub use labels::Label;
pub use options::{AnalysisOptions, TrendRules, Window};
pub use review::{year_review, YearReview};
pub use table::Table;
pub use targets::Targets;

use crate::config::Period;
use crate::date::Date;
use crate::frames::Frames;
use crate::lexicon::Lexicon;
use polars::prelude::DataFrame;

#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    #[error("{step}: {source}")]
    Polars {
        step: &'static str,
        source: polars::prelude::PolarsError,
    },
    #[error("{path}:{line}: {message}")]
    Targets {
        path: std::path::PathBuf,
        line: u32,
        message: String,
    },
    #[error(
        "{path}:{line}: unknown topic `{topic}`; the lexicon's technology topics are: {known}"
    )]
    UnknownTopic {
        path: std::path::PathBuf,
        line: u32,
        topic: String,
        known: String,
    },
    #[error("{path}: empty targets file (expected the header `topic,target_share`)")]
    TargetsEmpty { path: std::path::PathBuf },
    #[error("{path}: cannot read targets: {source}")]
    TargetsIo {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("--year {year}: the archive has no issue dated in {year}")]
    EmptyYear { year: i32 },
}

impl AnalysisError {
    /// Whether the error is in what the user asked for (a `--targets` topic the lexicon does
    /// not have), which the CLI reports as a usage error (exit 2).
    pub fn is_usage(&self) -> bool {
        matches!(self, AnalysisError::UnknownTopic { .. })
    }
}

/// Headline figures of a run (one row of the `summary` table).
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// The trend period used (the auto rule applied when none was asked for).
    pub period: Period,
    pub issues: u32,
    /// Issues without a date (in frequency, not in month/quarter/year trends).
    pub undated_issues: u32,
    pub article_items: u64,
    pub first_date: Option<Date>,
    pub last_date: Option<Date>,
    pub periods: usize,
    /// Calendar periods (or issue numbers) with no issue, between the first and last period.
    pub skipped_periods: u32,
    pub partial_first: bool,
    pub partial_last: bool,
    /// Co-mention unit (`item` or `issue`) and how many units there are (N).
    pub comention_unit: &'static str,
    pub comention_units: u64,
    /// Entities per label, in label order.
    pub labels: Vec<(Label, usize)>,
}

/// One entity's trend label and the statistics behind it (one row of `labels`).
#[derive(Clone, Debug, PartialEq)]
pub struct EntityTrend {
    pub entity: String,
    pub label: Label,
    pub items: u64,
    pub periods: u32,
    pub z: f64,
    pub dispersion: f64,
    pub z_adj: f64,
    pub p_value: f64,
    pub first_share: f64,
    pub last_share: f64,
    pub ratio: f64,
}

/// Everything `analyze` computes. Frames are described in docs/METHODS.md "Tables".
#[derive(Clone, Debug)]
pub struct Analysis {
    pub summary: Summary,
    pub trends_by_entity: Vec<EntityTrend>,
    pub concentration: Vec<Concentration>,
    pub summary_frame: DataFrame,
    pub frequency: DataFrame,
    pub rollups: DataFrame,
    pub periods: DataFrame,
    pub trends: DataFrame,
    pub labels: DataFrame,
    pub comentions: DataFrame,
    pub balance: DataFrame,
    pub balance_summary: DataFrame,
    /// Publishers linked from article items, per year and overall ([`sources`]).
    pub sources: DataFrame,
    pub source_rows: Vec<sources::SourceRow>,
}

impl Analysis {
    /// Every table under its export name (`csv/<name>.csv`), in report order.
    pub fn tables(&self) -> Vec<Table> {
        let t = |name, frame: &DataFrame| Table {
            name,
            frame: frame.clone(),
        };
        vec![
            t("summary", &self.summary_frame),
            t("frequency", &self.frequency),
            t("rollups", &self.rollups),
            t("periods", &self.periods),
            t("trends", &self.trends),
            t("labels", &self.labels),
            t("comentions", &self.comentions),
            t("balance", &self.balance),
            t("balance_summary", &self.balance_summary),
            t("sources", &self.sources),
        ]
    }
}

/// Runs every analysis over `opts.window`.
pub fn analyze(
    frames: &Frames,
    lexicon: &Lexicon,
    opts: &AnalysisOptions,
) -> Result<Analysis, AnalysisError> {
    let base = base::Base::new(frames, &opts.window)?;
    let period = opts.period.unwrap_or_else(|| period::auto(&base.issues));
    let periods = period::PeriodSet::new(period, &base.issues);
    let entity = || assemble::entity_part(&base, &periods, opts);
    let pairs = || assemble::comention_part(&base, opts);
    let balance = || assemble::balance_part(&base, lexicon, opts);
    let (e, (c, b)) = if opts.parallel {
        rayon::join(entity, || rayon::join(pairs, balance))
    } else {
        (entity(), (pairs(), balance()))
    };
    let sources = sources::sources(frames, &base)?;
    assemble::finish(&base, &periods, opts, e?, c?, b?, sources)
}
