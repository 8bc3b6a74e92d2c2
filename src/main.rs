//! The `topictrend` binary: parse the CLI, run the command, map errors to exit codes.

use clap::Parser;
use std::process::ExitCode;
use topictrend::cli::Cli;
use topictrend::cmd;

fn main() -> ExitCode {
    topictrend::heap::fixed_mmap_threshold();
    let cli = Cli::parse();
    match cmd::run(&cli) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            eprint!("{}", error_text(&err));
            ExitCode::from(err.exit_code())
        }
    }
}

/// The message and its chain of causes, one line each. Most messages already end with their
/// cause (`file: cannot read: Permission denied`): a cause whose text is already printed is
/// not repeated.
fn error_text(err: &cmd::Error) -> String {
    let mut text = format!("topictrend: error: {err}\n");
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        let cause = s.to_string();
        if !text.contains(&cause) {
            text.push_str(&format!("  caused by: {cause}\n"));
        }
        source = s.source();
    }
    text
}
