//! The real `topictrend report` binary: two runs give byte-identical folders, and an
//! unwritable `--out` fails before any work with a message naming the folder.

use super::files;
use crate::util;
use std::process::Command;

fn report(args: &[&str]) -> std::process::Output {
    Command::new(util::bin())
        .arg("report")
        .args(args)
        .arg("--lexicon")
        .arg(util::default_lexicon())
        .output()
        .expect("run topictrend")
}

#[test]
fn two_runs_write_byte_identical_files() {
    let (a, b) = (util::workdir("report-run-a"), util::workdir("report-run-b"));
    for dir in [&a, &b] {
        let corpus = util::default_corpus();
        let out = report(&[
            corpus.to_str().unwrap(),
            "--out",
            dir.to_str().unwrap(),
            "--year",
            "2019",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let (fa, fb) = (files(&a), files(&b));
    assert!(fa.contains_key("report.md") && fa.contains_key("review-2019.md"));
    assert!(fa.keys().any(|k| k.ends_with(".png")));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (path, bytes) in &fa {
        assert!(bytes == &fb[path], "{path} differs between two runs");
    }
}

#[test]
fn unwritable_out_fails_before_reading_anything() {
    let dir = util::workdir("report-unwritable");
    let blocker = dir.join("a-file");
    std::fs::write(&blocker, b"not a folder").unwrap();
    let out_dir = blocker.join("reports");
    // The corpus does not exist either: the output check must come first.
    let missing = dir.join("no-such-corpus");
    let out = report(&[
        missing.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("output folder cannot be written"), "{err}");
    assert!(err.contains(&out_dir.display().to_string()), "{err}");
    assert!(!err.contains("no such file or folder"), "{err}");
    assert!(!out_dir.exists());
}
