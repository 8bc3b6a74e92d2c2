//! Format detection: by extension, by content for files without one, a mixed folder read
//! whole, and `--input-format` overriding both.

use super::{copy_tree, fixture, load, load_with};
use crate::util;
use std::path::{Path, PathBuf};
use topictrend::corpus::{self, detect_format, CorpusError, Format, LoadOptions, Section};

#[test]
fn detects_by_extension_then_content() {
    let cases: [(&str, &[u8], Format); 10] = [
        ("a.txt", b"<html>", Format::Text),
        ("a.MD", b"x", Format::Markdown),
        ("a.htm", b"x", Format::Html),
        ("a.atom", b"x", Format::Feed),
        ("export/posts.csv", b"post_id,title\n", Format::Substack),
        ("export", b"PK\x03\x04rest", Format::Substack),
        (
            "feed",
            b"\xef\xbb\xbf<rss version=\"2.0\"><channel>",
            Format::Feed,
        ),
        ("page", b"<!-- saved --><!DOCTYPE html><html>", Format::Html),
        (
            "notes",
            b"Intro\n\n# Data Eng Weekly #1\n",
            Format::Markdown,
        ),
        ("notes", b"Data Eng Weekly #1\n\nText.\n", Format::Text),
    ];
    for (name, bytes, expected) in cases {
        assert_eq!(detect_format(Path::new(name), bytes), expected, "{name}");
    }
}

/// Every fixture format in one folder (plus a plain-text issue) is read in one go; the
/// Substack folder's `posts/` pages are read through `posts.csv`, not as pages of their own.
#[test]
fn mixed_folder() {
    let dir = util::workdir("formats-mixed");
    for name in ["substack", "feed", "pages", "markdown"] {
        copy_tree(&fixture(name), &dir.join(name));
    }
    let txt = util::root().join("tests/fixtures/corpus/archive/data-eng-weekly-251.txt");
    copy_tree(&txt, &dir.join("data-eng-weekly-251.txt"));
    let corpus = load(&dir);
    let numbers: Vec<u32> = corpus.issues.iter().map(|i| i.number).collect();
    assert_eq!(
        numbers,
        [37, 38, 251, 290, 321, 322, 323, 324, 325, 331, 332, 333]
    );
    assert_eq!(corpus.skipped, 1, "{:?}", corpus.warnings);
}

/// Files without extensions, named on the command line, are read by their content.
#[test]
fn content_detection_end_to_end() {
    let dir = util::workdir("formats-content");
    let files: [(&str, PathBuf); 3] = [
        ("feed", fixture("feed/data-eng-weekly.rss")),
        ("page", fixture("pages/Hadoop-Weekly-37.html")),
        ("export", fixture("zip/dataengweekly-export.zip")),
    ];
    for (name, from) in &files {
        copy_tree(from, &dir.join(name));
        let corpus = load(&dir.join(name));
        assert!(!corpus.issues.is_empty(), "{name}");
        assert!(corpus.issues[0].items.len() > 3, "{name}");
    }
}

/// An HTML page saved as `.txt` reads as tag soup by extension, as HTML when forced.
#[test]
fn input_format_overrides_detection() {
    let dir = util::workdir("formats-override");
    let file = dir.join("issue.txt");
    let html = "<h1>Issue #12</h1><p>Intro <b>bold</b>.</p><h2>Technical</h2><p>A post.</p>";
    std::fs::write(&file, html).unwrap();
    let by_extension = corpus::load(std::slice::from_ref(&file), &LoadOptions::default());
    assert!(matches!(by_extension, Err(CorpusError::NoIssues { .. })));
    let forced = LoadOptions {
        format: Some(Format::Html),
        ..LoadOptions::default()
    };
    let corpus = load_with(&file, &forced);
    let texts = util::texts(&corpus, 0);
    let items: Vec<(Section, &str)> = corpus.issues[0]
        .items
        .iter()
        .zip(&texts)
        .map(|(i, t)| (i.section, t.as_str()))
        .collect();
    assert_eq!(
        items,
        [
            (Section::Intro, "Intro bold."),
            (Section::Other, "Technical"),
            (Section::Article, "A post.")
        ]
    );
    let out = std::process::Command::new(util::bin())
        .args(["issues", "--input-format", "html"])
        .arg(&file)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("   12  "), "{stdout}");
}
