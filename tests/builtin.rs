//! The built-in defaults: the binary carries the lexicon, the newsletter profiles and the five
//! default issues, so it runs from any folder; `lexicon export` writes the tables out for
//! editing; a lexicon saved with CRLF line ends gets the right line numbers in its errors.

use crate::util;
use std::path::Path;
use std::process::Command;
use topictrend::lexicon::{self, LexiconError};

fn run_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(util::bin())
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run topictrend");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_binary_runs_from_a_folder_without_data() {
    let dir = util::workdir("builtin-anywhere");
    let (code, err) = run_in(&dir, &["report", "--out", "rep", "-q"]);
    assert_eq!(code, 0, "{err}");
    for file in [
        "report.md",
        "csv/frequency.csv",
        "csv/items.csv",
        "csv/issues.csv",
    ] {
        let got = std::fs::read(dir.join("rep").join(file)).expect("written");
        let want = std::fs::read(util::root().join("reports").join(file)).expect("committed");
        assert!(got == want, "{file} differs from reports/{file}");
    }
    let (code, err) = run_in(&dir, &["issues", "-q"]);
    assert_eq!(code, 0, "{err}");
    // The profiles are built in too: another newsletter's feed, from the same folder.
    let feed = util::root().join("tests/fixtures/newsletters/numbered/feed.xml");
    std::fs::copy(feed, dir.join("feed.xml")).expect("copy the feed");
    let args = [
        "report",
        "feed.xml",
        "--profile",
        "generic",
        "--out",
        "feed",
        "-q",
    ];
    let (code, err) = run_in(&dir, &args);
    assert_eq!(code, 0, "{err}");
    let issues = std::fs::read_to_string(dir.join("feed/csv/issues.csv")).expect("written");
    let numbers: Vec<&str> = issues.lines().skip(1).map(|l| &l[..3]).collect();
    assert_eq!(numbers, ["17,", "18,", "19,", "20,"], "{issues}");
}

#[test]
fn lexicon_export_writes_the_builtin_tables_and_keeps_edits() {
    let dir = util::workdir("builtin-export");
    let tables = dir.join("lex");
    let arg = tables.display().to_string();
    let (code, err) = run_in(&dir, &["lexicon", "export", &arg, "-q"]);
    assert_eq!(code, 0, "{err}");
    for name in [
        "technologies.csv",
        "organisations.csv",
        "cities.csv",
        "history.csv",
    ] {
        let got = std::fs::read(tables.join(name)).expect("exported");
        let want = std::fs::read(util::default_lexicon().join(name)).expect("data/lexicon");
        assert!(got == want, "{name} differs from data/lexicon/{name}");
    }
    std::fs::write(tables.join("cities.csv"), "edited").expect("edit");
    let (code, err) = run_in(&dir, &["lexicon", "export", &arg]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("cities.csv") || err.contains("technologies.csv"),
        "{err}"
    );
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(tables.join("cities.csv")).expect("kept"),
        b"edited"
    );
    let (code, err) = run_in(&dir, &["lexicon", "export", &arg, "--force", "-q"]);
    assert_eq!(code, 0, "{err}");
    let lex = lexicon::load(&tables).expect("exported tables load");
    let builtin = lexicon::builtin().expect("built-in tables load");
    assert_eq!(lex.entities.len(), builtin.entities.len());
}

/// The csv crate counts one line too few after each CRLF (BurntSushi/rust-csv#395).
#[test]
fn a_crlf_lexicon_names_the_right_line() {
    let dir = util::workdir("builtin-crlf");
    let fixture = util::root().join("tests/fixtures/lexicon/basic");
    for table in ["technologies.csv", "organisations.csv", "cities.csv"] {
        let text = std::fs::read_to_string(fixture.join(table)).expect("fixture");
        std::fs::write(dir.join(table), text.replace('\n', "\r\n")).expect("write");
    }
    let cases = [
        // A bad topic on line 5, after four CRLF lines.
        ("name,topic,aliases,case,parent,context,notes\r\nA,streaming,,,,,\r\nB,streaming,,,,,\r\nC,streaming,,,,,\r\nD,nosuch,,,,,\r\n", 5, "unknown topic"),
        // A quoted cell spanning two lines: the error is on the line after it.
        ("name,topic,aliases,case,parent,context,notes\r\nA,streaming,,,,,\"two\r\nlines\"\r\nB,nosuch,,,,,\r\n", 4, "unknown topic"),
        // Malformed CSV (too few cells) on line 3.
        ("name,topic,aliases,case,parent,context,notes\r\nA,streaming,,,,,\r\nB,streaming\r\n", 3, "expected 7 cells"),
    ];
    for (content, line, fragment) in cases {
        std::fs::write(dir.join("technologies.csv"), content).expect("write");
        match lexicon::load(&dir) {
            Err(LexiconError::Row {
                line: l, message, ..
            }) => {
                assert_eq!(l, line, "{message}");
                assert!(message.contains(fragment), "{message}");
            }
            other => panic!("expected a row error on line {line}, got {other:?}"),
        }
    }
}

/// An I/O error's message already ends with its cause: it is printed once, not again as a
/// "caused by" line.
#[test]
fn an_error_prints_its_cause_once() {
    let dir = util::workdir("builtin-cause");
    let missing = dir.join("nope").display().to_string();
    let (code, err) = run_in(&dir, &["lexicon", "check", "--lexicon", &missing]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("technologies.csv: cannot read lexicon"),
        "{err}"
    );
    assert_eq!(err.matches("os error 2").count(), 1, "{err}");
}
