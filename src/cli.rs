//! The command line (clap derive); doc comments are the help text. Validated into `Config`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turn a newsletter archive into topic analytics: entities, trends, co-mentions, charts, CSVs.
#[derive(Debug, Parser)]
#[command(name = "topictrend", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// No progress bar or notes on stderr (errors are still printed).
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse the archive and print one row per issue: number, date, date source, items per section.
    Issues(InputArgs),
    /// Write the full report (report.md, charts/, csv/) for the archive.
    Report(ReportArgs),
    /// Check the lexicon tables for malformed rows, collisions and entries never matched.
    Lexicon {
        #[command(subcommand)]
        command: LexiconCommand,
    },
    /// Rank names in the archive that the lexicon lacks (discovery), with evidence and an
    /// example line each.
    Candidates {
        #[command(flatten)]
        input: InputArgs,
        /// How many candidates to print.
        #[arg(long, default_value_t = 50)]
        top: usize,
        /// `text`: a ranked table; `lexicon`: rows to paste into technologies.csv and
        /// organisations.csv (names that pass the discovery threshold only).
        #[arg(long, value_enum, default_value = "text")]
        format: CandidatesFormat,
        /// Folder with the word lists discovery uses (english.tsv, first-names.txt); default
        /// the built-in ones.
        #[arg(long)]
        words: Option<PathBuf>,
    },
    /// Show every mention of ENTITY in context (keyword in context), for audit.
    Kwic {
        /// Canonical name or alias of the entity.
        entity: String,
        #[command(flatten)]
        input: InputArgs,
        /// Characters of context on each side.
        #[arg(long, default_value_t = 60)]
        width: usize,
    },
    /// Write a synthetic archive of about N megabytes by recombining real items (for benchmarks).
    Synth {
        /// Target size in MiB.
        #[arg(long, default_value_t = 10)]
        megabytes: u64,
        /// Output file.
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        input: InputArgs,
        /// Seed for the recombination, so the archive is reproducible.
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum LexiconCommand {
    /// Report malformed rows (file:line), alias collisions, shadowed entries and unmatched entries.
    Check(InputArgs),
    /// Write the built-in lexicon tables (and history.csv) to DIR, to edit them and use them with --lexicon DIR.
    Export {
        /// Folder to write technologies.csv, organisations.csv and cities.csv to.
        dir: PathBuf,
        /// Overwrite tables already in DIR.
        #[arg(long)]
        force: bool,
    },
}

/// Where the archive and the lexicon are.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Archive files or folders (.txt, .md, .html, feeds, Substack exports); none: the five
    /// built-in default issues (Data Eng Weekly #326-#330).
    pub paths: Vec<PathBuf>,
    /// Folder with technologies.csv, organisations.csv and cities.csv; default: the built-in
    /// lexicon (`topictrend lexicon export DIR` writes it out for editing).
    #[arg(long)]
    pub lexicon: Option<PathBuf>,
    /// Read every input as this format instead of detecting it.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// Also read unpublished drafts from Substack exports.
    #[arg(long)]
    pub include_drafts: bool,
    /// The newsletter's profile: `dew` (Hadoop Weekly / Data Eng Weekly, the default),
    /// `generic` (any newsletter: numbers from titles or by date), or a profile file (TOML,
    /// see docs/PROFILES.md).
    #[arg(long, value_name = "NAME|FILE")]
    pub profile: Option<String>,
    /// Read every .txt, .md and .html file as one post (title, date and number from its
    /// front matter, first heading or file name); otherwise only files with front matter
    /// are, and, under a profile numbering by date, files holding no issue heading.
    #[arg(long)]
    pub one_per_file: bool,
}

#[derive(Debug, Args, Clone)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output folder (report.md, charts/, csv/), replaced as a whole when the report is done.
    #[arg(long, default_value = "reports")]
    pub out: PathBuf,
    /// Replace --out even if it is a non-empty folder that is not a topictrend report
    /// (everything in it is deleted).
    #[arg(long)]
    pub force: bool,
    /// Write the "year in data engineering" review of this year against the one before.
    #[arg(long)]
    pub year: Option<i32>,
    /// Period for trends; default month when the archive spans more than a year, else issue.
    #[arg(long, value_enum)]
    pub period: Option<PeriodArg>,
    /// Periods of the centred rolling mean the trend lines draw over faint raw points
    /// (even numbers round up to odd; 1 draws the raw shares as lines).
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub smooth: usize,
    /// Entities to draw trend lines for (comma-separated); default the top movers.
    #[arg(long, value_delimiter = ',')]
    pub entities: Vec<String>,
    /// How many entities the top lists and charts show.
    #[arg(long, default_value_t = 15)]
    pub top: usize,
    /// Minimum shared items for a co-mention pair to be reported.
    #[arg(long, default_value_t = 2)]
    pub min_support: u32,
    /// Count co-mentions per issue instead of per item.
    #[arg(long)]
    pub per_issue: bool,
    /// Include sponsor and event items in co-mentions.
    #[arg(long)]
    pub all_sections: bool,
    /// Curator targets: CSV `topic,target_share` giving deviation from target per topic.
    #[arg(long)]
    pub targets: Option<PathBuf>,
    /// Also write Parquet copies of the frames and tables.
    #[arg(long = "format", value_enum, default_value = "csv")]
    pub table_format: TableFormat,
    /// Count the names discovery finds that the lexicon lacks (confidence >= 0.5) beside the
    /// lexicon's, marked `origin = discovered`; `off`: the lexicon's names only.
    #[arg(long, value_enum, default_value = "on")]
    pub discover: Switch,
    /// Folder with the word lists discovery uses (english.tsv, first-names.txt); default
    /// the built-in ones.
    #[arg(long)]
    pub words: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Switch {
    On,
    Off,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CandidatesFormat {
    Text,
    Lexicon,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum InputFormat {
    Text,
    Markdown,
    Html,
    Feed,
    Substack,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum PeriodArg {
    Issue,
    Month,
    Quarter,
    Year,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TableFormat {
    Csv,
    Parquet,
}
