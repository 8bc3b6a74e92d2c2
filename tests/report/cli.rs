//! The real `topictrend report` binary: two runs give byte-identical folders, and an
//! unwritable `--out` fails before any work with a message naming the folder, and a late
//! failure leaves the previous report untouched.

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

#[test]
fn a_failure_after_the_item_tables_are_written_leaves_the_old_report() {
    // The item tables (items, mentions, events) are staged before the analysis; a later
    // failure (here: a year review for a year the archive lacks) must discard them and
    // leave the previous report as it was, with no temporary file behind.
    let dir = util::workdir("report-late-failure");
    let corpus = util::default_corpus();
    let (c, d) = (corpus.to_str().unwrap(), dir.to_str().unwrap());
    assert!(report(&[c, "--out", d]).status.success());
    let before = files(&dir);
    let out = report(&[c, "--out", d, "--year", "1900"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1900"), "{err}");
    let after = files(&dir);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "no file added or removed"
    );
    for (path, bytes) in &before {
        assert!(bytes == &after[path], "{path} changed");
    }
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().map(Result::unwrap) {
            let name = e.file_name().to_string_lossy().into_owned();
            assert!(!name.ends_with(".tmp"), "temporary file left: {name}");
            if e.path().is_dir() {
                stack.push(e.path());
            }
        }
    }
}

/// `--targets` topics match the lexicon's ignoring case (`Streaming` is `streaming`, not a
/// made-up topic at -30 pp), and an unknown topic is a usage error (exit 2) naming the file,
/// the line and the known topics, raised before the archive is read.
#[test]
fn targets_topics_ignore_case_and_unknown_ones_are_usage_errors() {
    let dir = util::workdir("report-targets");
    let corpus = util::default_corpus();
    let targets = dir.join("targets.csv");
    std::fs::write(&targets, "topic,target_share\nStreaming,0.3\n").unwrap();
    let out_dir = dir.join("out");
    let (c, t, o) = (
        corpus.to_str().unwrap(),
        targets.to_str().unwrap(),
        out_dir.to_str().unwrap(),
    );
    let ok = report(&[c, "--out", o, "--targets", t, "-q"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let balance = std::fs::read_to_string(out_dir.join("csv/balance.csv")).unwrap();
    assert!(balance.contains("\r\ntopic,streaming,"), "{balance}");
    assert!(!balance.contains("Streaming"), "{balance}");
    let row = balance.lines().find(|l| l.starts_with("topic,streaming,"));
    assert!(row.is_some_and(|r| r.contains(",0.3000,")), "{balance}");

    std::fs::write(&targets, "topic,target_share\nstreaming,0.3\nstreems,0.1\n").unwrap();
    // The corpus is missing: the targets must be checked before any reading.
    let missing = dir.join("no-such-corpus");
    let bad = report(&[missing.to_str().unwrap(), "--out", o, "--targets", t]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains(&format!("{t}:3: unknown topic `streems`")),
        "{err}"
    );
    assert!(
        err.contains("batch processing") && err.contains("streaming"),
        "{err}"
    );
    assert!(!err.contains("no-such-corpus"), "{err}");

    std::fs::write(&targets, "").unwrap();
    let empty = report(&[c, "--out", o, "--targets", t]);
    let err = String::from_utf8_lossy(&empty.stderr);
    assert!(err.contains(&format!("{t}: empty targets file")), "{err}");
    assert!(!err.contains(":0:"), "{err}");
}

/// A folder with unreadable files beside the archive: each is skipped with a warning on
/// stderr, report.md lists the first 20 (in file order) and counts the rest, and the exit
/// code says the report was written with inputs skipped (3).
#[test]
fn skipped_files_are_listed_in_the_report_and_counted() {
    let input = util::workdir("report-skips-in");
    let archive = util::default_corpus().join("data-eng-weekly-326-330.txt");
    std::fs::copy(&archive, input.join("archive.txt")).expect("copy the archive");
    for i in 0..22 {
        let blob = input.join(format!("blob-{i:02}.md"));
        std::fs::write(blob, "notes without an issue heading\n").expect("write a blob");
    }
    let out = util::workdir("report-skips-out");
    let run = report(&[input.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(3), "{stderr}");
    assert_eq!(
        stderr.matches("no issue heading found").count(),
        22,
        "{stderr}"
    );
    let md = std::fs::read_to_string(out.join("report.md")).expect("report.md");
    assert!(md.contains("Problems met while reading (22):\n\n"), "{md}");
    let listed: Vec<&str> = md.lines().filter(|l| l.contains("blob-")).collect();
    assert_eq!(listed.len(), 20, "{md}");
    for (i, line) in listed.iter().enumerate() {
        let want = format!("blob-{i:02}.md: skipped: ");
        assert!(line.starts_with("- ") && line.contains(&want), "{line}");
    }
    assert!(
        md.contains("- and 2 more (printed as warnings on stderr)\n"),
        "{md}"
    );
}
