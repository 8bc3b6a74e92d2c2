//! The validated run configuration, built once from the CLI; stages take `&Config`.

use crate::cli::{InputArgs, InputFormat, PeriodArg, ReportArgs, TableFormat};
use crate::corpus::{Format, LoadOptions, ProfileChoice};
use crate::lexicon;
use std::path::PathBuf;

/// Trend period granularity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Issue,
    Month,
    Quarter,
    Year,
}

impl Period {
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Issue => "issue",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }
}

/// Inputs shared by every subcommand.
#[derive(Clone, Debug)]
pub struct InputConfig {
    /// Archive files and folders; empty for the built-in default issues.
    pub paths: Vec<PathBuf>,
    pub lexicon: lexicon::Source,
    pub load: LoadOptions,
}

impl From<&InputArgs> for InputConfig {
    fn from(a: &InputArgs) -> Self {
        let format = a.input_format.map(|f| match f {
            InputFormat::Text => Format::Text,
            InputFormat::Markdown => Format::Markdown,
            InputFormat::Html => Format::Html,
            InputFormat::Feed => Format::Feed,
            InputFormat::Substack => Format::Substack,
        });
        InputConfig {
            paths: a.paths.clone(),
            lexicon: lexicon::Source::from_option(a.lexicon.as_deref()),
            load: LoadOptions {
                format,
                include_drafts: a.include_drafts,
                // Compiled by `corpus::load`, which names a bad file and line.
                profile: ProfileChoice::from_arg(a.profile.as_deref()),
                one_per_file: a.one_per_file,
            },
        }
    }
}

/// Everything `report` needs, resolved once.
#[derive(Clone, Debug)]
pub struct Config {
    pub input: InputConfig,
    pub out_dir: PathBuf,
    /// Replace `out_dir` even when it is a non-empty folder that is no report.
    pub force: bool,
    pub year: Option<i32>,
    /// `None`: decide from the archive span (month when it spans more than a year, else issue).
    pub period: Option<Period>,
    pub entities: Vec<String>,
    pub top: usize,
    pub min_support: u32,
    pub per_issue: bool,
    pub all_sections: bool,
    pub targets: Option<PathBuf>,
    pub parquet: bool,
    pub quiet: bool,
    /// An archive whose files are larger than this spills its item texts to a scratch file
    /// in the output folder as it is read (see `corpus::TextSpill`); a smaller one keeps up
    /// to this many bytes of text in memory. Outputs are the same either way.
    pub spill_texts_above: u64,
}

/// The archive size above which a report spills item texts: 128 MiB, about 25,000 issues.
/// Smaller archives never touch the disk.
pub const SPILL_TEXTS_ABOVE: u64 = 128 << 20;

impl Config {
    pub fn from_report_args(a: &ReportArgs, quiet: bool) -> Config {
        Config {
            input: InputConfig::from(&a.input),
            out_dir: a.out.clone(),
            force: a.force,
            year: a.year,
            period: a.period.map(|p| match p {
                PeriodArg::Issue => Period::Issue,
                PeriodArg::Month => Period::Month,
                PeriodArg::Quarter => Period::Quarter,
                PeriodArg::Year => Period::Year,
            }),
            entities: a
                .entities
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            top: a.top.max(1),
            min_support: a.min_support.max(1),
            per_issue: a.per_issue,
            all_sections: a.all_sections,
            targets: a.targets.clone(),
            parquet: a.table_format == TableFormat::Parquet,
            quiet,
            spill_texts_above: SPILL_TEXTS_ABOVE,
        }
    }

    /// Defaults as the CLI gives them, on the given inputs; for tests and benches.
    pub fn with_defaults(paths: Vec<PathBuf>, lexicon_dir: PathBuf, out_dir: PathBuf) -> Config {
        Config {
            input: InputConfig {
                paths,
                lexicon: lexicon::Source::Dir(lexicon_dir),
                load: LoadOptions::default(),
            },
            out_dir,
            force: false,
            year: None,
            period: None,
            entities: Vec::new(),
            top: 15,
            min_support: 2,
            per_issue: false,
            all_sections: false,
            targets: None,
            parquet: false,
            quiet: true,
            spill_texts_above: SPILL_TEXTS_ABOVE,
        }
    }
}
