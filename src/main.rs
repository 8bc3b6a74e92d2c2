//! The `topictrend` binary: parse the CLI, run the command, map errors to exit codes.

use clap::Parser;
use std::process::ExitCode;
use topictrend::cli::Cli;
use topictrend::cmd;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cmd::run(&cli) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("topictrend: error: {err}");
            let mut source = std::error::Error::source(&err);
            while let Some(s) = source {
                eprintln!("  caused by: {s}");
                source = s.source();
            }
            ExitCode::from(err.exit_code())
        }
    }
}
