//! The validated run configuration, built once from the CLI; stages take `&Config`.

use crate::cli::{InputArgs, InputFormat, PeriodArg, ReportArgs, Switch, TableFormat};
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

/// `--entities` checked against the lexicon: the names to draw trend lines for (by name or
/// alias, ignoring case; at most [`MAX_LINES`]), the queries the lexicon does not know and how
/// many names were left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntityLines {
    pub names: Vec<String>,
    pub unknown: Vec<String>,
    pub cut: usize,
}

/// Most trend lines drawn; more make the chart unreadable.
pub const MAX_LINES: usize = 8;

impl EntityLines {
    /// Looks every `--entities` query up in the lexicon (trimmed; blank ones are no query);
    /// `None` when there is no query, so the chart picks its own lines.
    pub fn resolve(queries: &[String], lexicon: &lexicon::Lexicon) -> Option<EntityLines> {
        let queries: Vec<&str> = queries
            .iter()
            .map(|q| q.trim())
            .filter(|q| !q.is_empty())
            .collect();
        if queries.is_empty() {
            return None;
        }
        let mut out = EntityLines::default();
        for query in queries {
            let ids = lexicon.lookup(query);
            if ids.is_empty() {
                out.unknown.push(query.to_string());
            }
            for id in ids {
                let name = lexicon.name(id).to_string();
                if !out.names.contains(&name) {
                    out.names.push(name);
                }
            }
        }
        out.cut = out.names.len().saturating_sub(MAX_LINES);
        out.names.truncate(MAX_LINES);
        Some(out)
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
    /// `--entities`, checked against the lexicon; `None` when it was not given.
    pub entities: Option<EntityLines>,
    /// Trend-line smoothing window in chart periods (1: none); see `analysis::charts`.
    pub smooth: usize,
    pub top: usize,
    pub min_support: u32,
    pub per_issue: bool,
    pub all_sections: bool,
    pub targets: Option<PathBuf>,
    pub parquet: bool,
    pub quiet: bool,
    /// Count discovered names beside the lexicon's (`--discover`).
    pub discover: bool,
    /// The word lists discovery reads (`--words`); `None`: the built-in ones.
    pub words: Option<PathBuf>,
}

impl Config {
    /// The report's configuration; `lexicon` is the one `a.input` names, loaded first so
    /// that `--entities` is checked here, once.
    pub fn from_report_args(a: &ReportArgs, lexicon: &lexicon::Lexicon, quiet: bool) -> Config {
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
            entities: EntityLines::resolve(&a.entities, lexicon),
            smooth: a.smooth.max(1),
            top: a.top.max(1),
            min_support: a.min_support.max(1),
            per_issue: a.per_issue,
            all_sections: a.all_sections,
            targets: a.targets.clone(),
            parquet: a.table_format == TableFormat::Parquet,
            quiet,
            discover: a.discover == Switch::On,
            words: a.words.clone(),
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
            entities: None,
            smooth: 3,
            top: 15,
            min_support: 2,
            per_issue: false,
            all_sections: false,
            targets: None,
            parquet: false,
            quiet: true,
            discover: true,
            words: None,
        }
    }
}
