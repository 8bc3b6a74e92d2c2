//! Input formats (issue 7): each fixture in `tests/fixtures/formats` (Substack export as a
//! folder and as ZIPs, RSS and Atom feeds, saved HTML pages, Markdown) parses to the same
//! issues and items as its plain-text twin in `plain/`; dates come from metadata where the
//! format has it. Detection and bad inputs live in the submodules.

mod bad_input;
mod detect;
mod limits;

use crate::util;
use std::io::Write;
use std::path::{Path, PathBuf};
use topictrend::corpus::{self, Corpus, DateSource, LoadOptions, Section};
use topictrend::date::Date;

/// What must agree between a fixture and its plain-text twin, per issue.
#[derive(Debug, PartialEq)]
struct Shape {
    number: u32,
    heading: String,
    /// (section, text, links) of every item, in order.
    items: Vec<(Section, String, Vec<String>)>,
}

fn shape(corpus: &Corpus) -> Vec<Shape> {
    corpus
        .issues
        .iter()
        .map(|issue| Shape {
            number: issue.number,
            heading: issue.heading.clone(),
            items: issue
                .items
                .iter()
                .map(|i| {
                    (
                        i.section,
                        util::item_text(corpus, issue, i),
                        i.links.clone(),
                    )
                })
                .collect(),
        })
        .collect()
}

/// Copies a file or a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

pub fn fixture(name: &str) -> PathBuf {
    util::root().join("tests/fixtures/formats").join(name)
}

pub fn load(path: &Path) -> Corpus {
    load_with(path, &LoadOptions::default())
}

pub fn load_with(path: &Path, opts: &LoadOptions) -> Corpus {
    match corpus::load(std::slice::from_ref(&path.to_path_buf()), opts) {
        Ok(corpus) => corpus,
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

/// Loads `name` and its twin `plain/<twin>.txt`, asserts the same issues and items, and
/// returns the fixture's corpus for format-specific checks.
fn assert_twins(name: &str, twin: &str) -> Corpus {
    let got = load(&fixture(name));
    let plain = load(&fixture("plain").join(format!("{twin}.txt")));
    assert!(plain.warnings.is_empty(), "{:?}", plain.warnings);
    assert!(!plain.issues.is_empty());
    assert_eq!(shape(&got), shape(&plain), "{name} vs plain/{twin}.txt");
    got
}

fn d(y: i32, m: u32, day: u32) -> Option<Date> {
    Date::from_ymd(y, m, day)
}

fn dates(corpus: &Corpus) -> Vec<(u32, Option<Date>, DateSource)> {
    let row = |i: &corpus::Issue| (i.number, i.date, i.date_source);
    corpus.issues.iter().map(row).collect()
}

const SUBSTACK_DATES: [(u32, (i32, u32, u32)); 3] = [
    (331, (2019, 11, 24)),
    (332, (2019, 12, 1)),
    (333, (2019, 12, 8)),
];

/// The export's three issues, dated from `post_date`; the About page and the draft reported.
fn assert_substack(corpus: &Corpus) {
    let expected: Vec<_> = SUBSTACK_DATES
        .iter()
        .map(|&(n, (y, m, day))| (n, d(y, m, day), DateSource::Metadata))
        .collect();
    assert_eq!(dates(corpus), expected);
    assert_eq!(corpus.skipped, 1, "{:?}", corpus.warnings);
    let messages: Vec<&str> = corpus.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].starts_with("post \"About Data Eng Weekly\" is not a newsletter issue"));
    assert!(messages[1].starts_with("1 unpublished draft(s) not read"));
}

#[test]
fn substack_folder_matches_plain_text() {
    let corpus = assert_twins("substack", "substack");
    assert_substack(&corpus);
    assert_eq!(corpus.issues[2].heading, "Data Eng Weekly Issue #333");
    let file = &corpus.issues[0].source.file;
    assert!(
        file.ends_with("substack/posts/100331.data-eng-weekly-331.html"),
        "{file:?}"
    );
}

#[test]
fn substack_committed_zip_matches_plain_text() {
    let corpus = assert_twins("zip/dataengweekly-export.zip", "substack");
    assert_substack(&corpus);
    let file = &corpus.issues[1].source.file;
    assert!(file.ends_with("dataengweekly-export.zip/posts/100332.data-eng-weekly-332.html"));
}

/// A ZIP built here from the folder, under a top folder, as some unzip tools re-pack it.
#[test]
fn substack_zip_built_by_the_test_matches_the_folder() {
    let dir = fixture("substack");
    let zip_path = util::workdir("formats-zip").join("export.zip");
    let file = std::fs::File::create(&zip_path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut names = vec!["posts.csv".to_string()];
    for entry in std::fs::read_dir(dir.join("posts")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        names.push(format!("posts/{name}"));
    }
    for name in &names {
        zip.start_file(format!("dataengweekly/{name}"), options)
            .unwrap();
        zip.write_all(&std::fs::read(dir.join(name)).unwrap())
            .unwrap();
    }
    zip.finish().unwrap();
    let zipped = load(&zip_path);
    assert_eq!(shape(&zipped), shape(&load(&dir)));
    assert_substack(&zipped);
}

#[test]
fn substack_drafts_on_request() {
    let opts = LoadOptions {
        include_drafts: true,
        ..LoadOptions::default()
    };
    let corpus = load_with(&fixture("substack"), &opts);
    let numbers: Vec<u32> = corpus.issues.iter().map(|i| i.number).collect();
    assert_eq!(numbers, [331, 332, 333, 334]);
    let draft = &corpus.issues[3];
    // No post_date: a week after the last dated issue.
    assert_eq!(
        (draft.date, draft.date_source),
        (d(2019, 12, 15), DateSource::Interpolated)
    );
    assert_eq!(corpus.warnings.len(), 1, "{:?}", corpus.warnings);
}

#[test]
fn rss_feed_matches_plain_text() {
    let corpus = assert_twins("feed/data-eng-weekly.rss", "feed-rss");
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    let expected = [
        (321, d(2019, 8, 25)),
        (322, d(2019, 9, 1)),
        (323, d(2019, 9, 8)),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|&(n, d)| (n, d, DateSource::Metadata))
        .collect();
    assert_eq!(dates(&corpus), expected);
    // Items are in feed order newest first; each issue points at its <item>'s line.
    assert_eq!(corpus.issues[2].source.line, 8);
}

#[test]
fn atom_feed_matches_plain_text() {
    let corpus = assert_twins("feed/data-eng-weekly.atom", "feed-atom");
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    // #324 has `published` (kept over its later `updated`); #325 only `updated`.
    let expected = vec![
        (324, d(2019, 9, 15), DateSource::Metadata),
        (325, d(2019, 9, 22), DateSource::Metadata),
    ];
    assert_eq!(dates(&corpus), expected);
}

#[test]
fn saved_pages_match_plain_text() {
    let corpus = assert_twins("pages", "pages");
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    // #37 carries article:published_time; #38 (broken markup) only its written date line.
    let expected = vec![
        (37, d(2013, 9, 29), DateSource::Metadata),
        (38, d(2013, 10, 6), DateSource::Written),
    ];
    assert_eq!(dates(&corpus), expected);
    let texts = util::texts(&corpus, 1);
    assert!(
        !texts
            .iter()
            .any(|t| t.contains("Twitter") && t.contains("Follow")),
        "{texts:?}"
    );
}

#[test]
fn markdown_matches_plain_text() {
    let corpus = assert_twins("markdown", "markdown");
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    assert_eq!(dates(&corpus), [(290, d(2019, 2, 10), DateSource::Written)]);
}

/// Every article link of the fixtures has a publisher; a few are checked by name.
#[test]
fn publishers_of_fixture_links() {
    let corpus = load(&fixture("substack"));
    let mut publishers: Vec<String> = corpus
        .issues
        .iter()
        .flat_map(|i| &i.items)
        .flat_map(|i| &i.links)
        .map(|url| corpus::publisher(url).unwrap_or_else(|| panic!("{url}")))
        .collect();
    publishers.sort();
    publishers.dedup();
    for p in [
        "medium.com/netflix-techblog",
        "github.com/lyft",
        "eng.uber.com",
        "datadoghq.com",
    ] {
        assert!(publishers.iter().any(|x| x == p), "{p} in {publishers:?}");
    }
    assert!(publishers
        .iter()
        .any(|x| x == "sparknotes-example.blogspot.com"));
    assert!(
        !publishers.iter().any(|x| x.contains("substack")),
        "{publishers:?}"
    );
}
