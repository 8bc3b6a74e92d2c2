//! The `topictrend` binary: parse the CLI, run the command, map errors to exit codes.

use clap::Parser;
use std::process::ExitCode;
use topictrend::cli::Cli;
use topictrend::cmd;

fn main() -> ExitCode {
    fixed_mmap_threshold();
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

/// Allocations of 128 KiB and more (Polars columns, the archive, the extraction's lists) get
/// their own mapping, returned to the OS as soon as they are freed. glibc's default threshold
/// adapts upward to 32 MB after the first large free, after which such buffers land in the
/// heap, where their freed space is fragmented and stays resident. Measured on the 100 MiB
/// archive: peak resident memory 488 -> 438 MB, run time unchanged.
fn fixed_mmap_threshold() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets an allocator parameter; it is called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}
