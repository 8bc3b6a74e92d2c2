//! Subcommand glue, one file per subcommand: build the config, run the stages, print.

mod candidates;
mod issues;
mod kwic;
mod lexicon;
mod progress;
mod reading;
pub mod report;
#[cfg(test)]
mod spilled;
mod synth;

pub use report::{write_report, ReportSummary};

use crate::cli::{Cli, Command, LexiconCommand};
use std::io;

/// How a successful run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything read and written.
    Clean,
    /// Finished, but some inputs were skipped (reported on stderr and in the report).
    Skipped,
}

impl Outcome {
    /// 0 clean, 3 when inputs were skipped.
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Clean => 0,
            Outcome::Skipped => 3,
        }
    }
}

/// Any stage's error, kept whole so the message names its file and line.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Corpus(#[from] crate::corpus::CorpusError),
    #[error(transparent)]
    Lexicon(#[from] crate::lexicon::LexiconError),
    #[error(transparent)]
    Extract(#[from] crate::extract::ExtractError),
    #[error(transparent)]
    Words(#[from] crate::discover::WordsError),
    #[error(transparent)]
    Frames(#[from] crate::frames::FramesError),
    #[error(transparent)]
    Analysis(#[from] crate::analysis::AnalysisError),
    #[error(transparent)]
    Render(#[from] crate::render::RenderError),
    #[error(transparent)]
    Output(#[from] crate::output::OutputError),
    #[error("{0}")]
    Usage(String),
    /// Every input was skipped: nothing is written, the previous report stays.
    #[error("no issue left to report, nothing written:{}", skipped.iter().map(|w| format!("\n  {w}")).collect::<String>())]
    NoIssues { skipped: Vec<String> },
    #[error("cannot write to stdout: {0}")]
    Stdout(#[source] io::Error),
}

impl Error {
    /// 2 for usage errors, 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            Error::Analysis(e) if e.is_usage() => 2,
            Error::Corpus(crate::corpus::CorpusError::Profile(e)) if e.is_usage() => 2,
            _ => 1,
        }
    }

    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Stdout(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Runs the parsed command line.
pub fn run(cli: &Cli) -> Result<Outcome, Error> {
    match &cli.command {
        Command::Issues(input) => issues::run(input, cli.quiet),
        Command::Report(args) => report::run(args, cli.quiet),
        Command::Lexicon {
            command: LexiconCommand::Check(input),
        } => lexicon::run_check(input, cli.quiet),
        Command::Lexicon {
            command: LexiconCommand::Export { dir, force },
        } => lexicon::run_export(dir, *force, cli.quiet),
        Command::Candidates {
            input,
            top,
            format,
            words,
        } => candidates::run(input, words.as_deref(), *top, *format, cli.quiet),
        Command::Kwic {
            entity,
            input,
            width,
        } => kwic::run(entity, input, *width, cli.quiet),
        Command::Synth {
            megabytes,
            out,
            input,
            seed,
        } => synth::run(input, *megabytes, out, *seed, cli.quiet),
    }
}

/// Prints corpus warnings on stderr (unless quiet) and says whether anything was skipped.
pub(crate) fn report_warnings(corpus: &crate::corpus::Corpus, quiet: bool) -> Outcome {
    if !quiet {
        for w in &corpus.warnings {
            eprintln!("topictrend: warning: {w}");
        }
    }
    if corpus.skipped > 0 {
        Outcome::Skipped
    } else {
        Outcome::Clean
    }
}

/// The glue between the corpus and render: `items.csv` reads the item texts through the
/// corpus' cursor (`Corpus::items`), one per chunk of rows, so neither stage imports the other.
impl crate::render::report::ItemTexts for crate::corpus::Corpus {
    fn lookup(&self) -> Box<dyn crate::render::report::TextLookup + '_> {
        Box::new(self.items())
    }
}

impl crate::render::report::TextLookup for crate::corpus::ItemCursor<'_> {
    fn text(&mut self, issue: u32, item: u32) -> Result<&str, Box<dyn std::error::Error>> {
        Ok(crate::corpus::ItemCursor::text(self, issue, item)?)
    }
}
