//! Newsletters other than Data Eng Weekly (issue #19): the three shapes of
//! `tests/fixtures/newsletters/` (a numbered newsletter with title-line blurbs and sponsor
//! blocks, a dated digest without numbers, a Markdown-per-post blog with front matter), each
//! through every reader that fits, give the parse pinned by hand in the shape's
//! `expected.csv` (written before the code, from the rules in the fixtures' README); the
//! readers of one shape give the same items; each gives a full report.

mod cli;

use crate::util;
use std::path::PathBuf;
use topictrend::corpus::{self, Corpus, LoadOptions, ProfileChoice, Section};

/// One row of `expected.csv`: `source,issue,title,date,date_source,intro,...,other`.
#[derive(Debug, PartialEq, Eq)]
struct Row {
    source: String,
    issue: u32,
    title: String,
    date: String,
    date_source: String,
    counts: [usize; 5],
}

fn shape(name: &str) -> PathBuf {
    util::root().join("tests/fixtures/newsletters").join(name)
}

/// The rows of `<shape>/expected.csv` whose source is `source` or lies under it.
fn expected(name: &str, source: &str) -> Vec<Row> {
    let path = shape(name).join("expected.csv");
    let mut reader = csv::Reader::from_path(&path).expect("expected.csv");
    let rows: Vec<Row> = reader
        .records()
        .map(|r| {
            let r = r.expect("expected.csv row");
            let count = |i: usize| r[i].parse::<usize>().expect("a count");
            Row {
                source: r[0].to_string(),
                issue: r[1].parse().expect("an issue number"),
                title: r[2].to_string(),
                date: r[3].to_string(),
                date_source: r[4].to_string(),
                counts: [count(5), count(6), count(7), count(8), count(9)],
            }
        })
        .collect();
    let under = format!("{}/", source.trim_end_matches('/'));
    let rows: Vec<Row> = rows
        .into_iter()
        .filter(|r| r.source == source || r.source.starts_with(&under))
        .collect();
    assert!(!rows.is_empty(), "{name}: no expected row for {source}");
    rows
}

/// The corpus as `expected.csv` rows, sources relative to the shape's folder.
fn rows(name: &str, corpus: &Corpus) -> Vec<Row> {
    let root = shape(name);
    corpus
        .issues
        .iter()
        .map(|i| Row {
            source: i
                .source
                .file
                .strip_prefix(&root)
                .unwrap_or(&i.source.file)
                .to_string_lossy()
                .replace('\\', "/"),
            issue: i.number,
            title: i.heading.clone(),
            date: i.date.map(|d| d.to_string()).unwrap_or_default(),
            date_source: i.date_source.to_string(),
            counts: Section::ALL.map(|s| i.count(s)),
        })
        .collect()
}

fn options(profile: &str, one_per_file: bool) -> LoadOptions {
    LoadOptions {
        profile: ProfileChoice::from_arg(Some(profile)),
        one_per_file,
        ..LoadOptions::default()
    }
}

/// The analytics digest's profile, a worked example of docs/PROFILES.md.
fn digest_profile() -> String {
    let path = util::root().join("docs/profiles/analytics-digest.toml");
    path.to_string_lossy().into_owned()
}

fn load(name: &str, source: &str, opts: &LoadOptions) -> Corpus {
    let path = shape(name).join(source);
    match corpus::load(std::slice::from_ref(&path), opts) {
        Ok(c) => c,
        Err(e) => panic!("{name}/{source}: {e}"),
    }
}

/// Loads `source` of shape `name`, pins its parse to `expected.csv` and returns the corpus.
fn pinned(name: &str, source: &str, opts: &LoadOptions) -> Corpus {
    let corpus = load(name, source, opts);
    let source = source.trim_end_matches("/posts.csv");
    assert_eq!(
        rows(name, &corpus),
        expected(name, source),
        "{name}/{source}"
    );
    assert_eq!(corpus.skipped, 0, "{name}/{source}");
    corpus
}

fn messages(corpus: &Corpus) -> Vec<String> {
    corpus.warnings.iter().map(|w| w.message.clone()).collect()
}

/// (section, text, links) of every item of every issue.
fn items(corpus: &Corpus) -> Vec<(u32, Section, String, Vec<String>)> {
    corpus
        .issues
        .iter()
        .flat_map(|i| {
            i.items.iter().map(|it| {
                (
                    i.number,
                    it.section,
                    util::item_text(corpus, i, it),
                    it.links.clone(),
                )
            })
        })
        .collect()
}

#[test]
fn numbered_newsletter_as_feed_and_substack_export() {
    let generic = options("generic", false);
    let feed = pinned("numbered", "feed.xml", &generic);
    assert!(feed.warnings.is_empty(), "{:?}", messages(&feed));
    let export = pinned("numbered", "substack", &generic);
    assert!(export.warnings.is_empty(), "{:?}", messages(&export));
    pinned("numbered", "substack/posts.csv", &generic);
    // The export's bodies are the feed's: the same items, links included.
    assert_eq!(items(&feed), items(&export));
    // A title line and the paragraph under it are one blurb.
    let first = util::texts(&feed, 0);
    let at = first
        .iter()
        .position(|t| t.starts_with("Iceberg at Netflix"));
    let at = at.expect("the first blurb of #17");
    assert!(
        first[at].contains("Netflix's data platform team"),
        "{}",
        first[at]
    );
    assert_eq!(
        feed.issues[0].items[at].links,
        ["https://netflixtechblog.com/iceberg-three-years-on-5c2e1a"]
    );
}

#[test]
fn dated_digest_as_feed_pages_and_plain_text() {
    let generic = options("generic", false);
    let atom = pinned("digest", "atom.xml", &generic);
    assert!(atom.warnings.is_empty(), "{:?}", messages(&atom));
    let pages = pinned("digest", "pages", &generic);
    // The logo in each page's header, above its title, is said to be ignored.
    assert_eq!(
        messages(&pages),
        vec!["1 line(s) above the issue heading ignored".to_string(); 5]
    );
    let forced = pinned("digest", "pages", &options("generic", true));
    assert_eq!(items(&forced), items(&pages));
    let text = pinned("digest", "digest.txt", &options(&digest_profile(), false));
    assert!(text.warnings.is_empty(), "{:?}", messages(&text));
    // The three archives hold the same items, the same links under them.
    assert_eq!(items(&pages), items(&atom));
    assert_eq!(items(&text), items(&atom));
}

#[test]
fn markdown_blog_one_post_per_file() {
    let generic = options("generic", false);
    let blog = pinned("blog", "posts", &generic);
    assert!(blog.warnings.is_empty(), "{:?}", messages(&blog));
    let forced = pinned("blog", "posts", &options("generic", true));
    assert_eq!(items(&forced), items(&blog));
    // A list item that wraps onto a second line is one item (#13, Delta Standalone).
    let wrapped = items(&blog)
        .into_iter()
        .find(|(_, _, t, _)| t.starts_with("Delta Standalone"));
    let (_, section, text, _) = wrapped.expect("the Delta Standalone item");
    assert_eq!(section, Section::Article);
    assert!(
        text.ends_with("which opens the format to other engines."),
        "{text}"
    );
    // Each post alone reads the same as in its folder.
    for row in expected("blog", "posts") {
        let one = load("blog", &row.source, &generic);
        assert_eq!(rows("blog", &one), vec![row]);
    }
}

/// Under the default `dew` profile a file without an issue heading is still no issue, and a
/// post with front matter is read for its `issue` (the others are no Data Eng Weekly issue).
#[test]
fn the_default_profile_reads_front_matter_numbers_only() {
    let dew = load("blog", "posts", &LoadOptions::default());
    let numbers: Vec<u32> = dew.issues.iter().map(|i| i.number).collect();
    assert_eq!(numbers, [12, 14, 15]);
    assert_eq!(dew.skipped, 2);
    let path = shape("digest").join("digest.txt");
    let err = corpus::load(&[path], &LoadOptions::default()).unwrap_err();
    assert!(err.to_string().contains("no issue heading found"), "{err}");
}

/// `topictrend report FEED_OR_FOLDER --profile generic` on each fixture: issues dated and
/// numbered, items sectioned, entities counted (the same bytes with the item texts moved to
/// the corpus' scratch file: a unit test, `cmd::spilled`).
#[test]
fn a_full_report_of_each_fixture() {
    for (name, source, n, entity) in [
        ("numbered", "feed.xml", 4, "Kafka"),
        ("numbered", "substack", 4, "Kafka"),
        ("digest", "atom.xml", 5, "Snowflake"),
        ("digest", "pages", 5, "Snowflake"),
        ("blog", "posts", 5, "Iceberg"),
    ] {
        let out = util::workdir(&format!("newsletters-{name}-{}", source.replace('.', "-")));
        let mut config = topictrend::config::Config::with_defaults(
            vec![shape(name).join(source)],
            util::default_lexicon(),
            out.clone(),
        );
        config.input.load = options("generic", false);
        topictrend::cmd::write_report(&config).expect("report runs");
        let issues = std::fs::read_to_string(out.join("csv/issues.csv")).unwrap();
        let lines: Vec<&str> = issues.lines().skip(1).collect();
        assert_eq!(lines.len(), n, "{name}/{source}: {issues}");
        assert!(lines.iter().all(|l| !l.contains(",none,")), "{issues}");
        let frequency = std::fs::read_to_string(out.join("csv/frequency.csv")).unwrap();
        assert!(
            frequency.lines().count() > 20,
            "{name}/{source}: {frequency}"
        );
        assert!(frequency.contains(entity), "{name}/{source}: {entity}");
        let report = std::fs::read_to_string(out.join("report.md")).unwrap();
        assert!(report.contains("| Issues "), "{name}/{source}");
    }
}

/// The second worked example of docs/PROFILES.md: a numbered newsletter in one plain-text
/// file, headings with titles after their numbers; and every profile under docs/ compiles.
#[test]
fn worked_examples_of_the_profile_docs() {
    let dir = util::workdir("newsletters-pipeline-post");
    let archive = dir.join("pipeline-post.txt");
    std::fs::write(&archive, PIPELINE_POST).unwrap();
    let profile = util::root().join("docs/profiles/pipeline-post.toml");
    let corpus = load(
        "numbered",
        archive.to_str().unwrap(),
        &options(profile.to_str().unwrap(), false),
    );
    let got: Vec<(u32, String, String, [usize; 5])> = corpus
        .issues
        .iter()
        .map(|i| {
            let date = i.date.map(|d| d.to_string()).unwrap_or_default();
            (
                i.number,
                i.heading.clone(),
                date,
                Section::ALL.map(|s| i.count(s)),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                17,
                "Issue 17: lakehouse notes".into(),
                "2021-02-02".into(),
                [1, 2, 0, 0, 1]
            ),
            (
                18,
                "The Pipeline Post - Issue 18".into(),
                "2021-02-09".into(),
                [1, 1, 1, 0, 1]
            ),
        ]
    );
    assert!(corpus.warnings.is_empty(), "{:?}", messages(&corpus));
    for entry in std::fs::read_dir(util::root().join("docs/profiles")).unwrap() {
        let path = entry.unwrap().path();
        if let Err(e) = topictrend::corpus::Profile::from_file(&path) {
            panic!("{e}");
        }
    }
}

/// The input of the second worked example in docs/PROFILES.md.
const PIPELINE_POST: &str = "\
The Pipeline Post - Issue 18
9 February 2021

Welcome back. A short issue this week: half of us were snowed in.

Streaming

KIP-500 lands in Kafka 2.8: Confluent walks through the Raft-based controller quorum.
https://www.confluent.io/blog/kafka-without-zookeeper-a-sneak-peek/

Sponsor: Lakeview watches freshness for every table in Snowflake and BigQuery.

Issue 17: lakehouse notes
2 February 2021

This week is mostly about table formats, and two small tools for dbt users.

Lakehouse

Netflix looks back at moving 1.5 million Hive tables to Apache Iceberg.
https://netflixtechblog.com/iceberg-three-years-on-5c2e1a

- Uber compacts its Hudi tables asynchronously.
  https://eng.uber.com/hudi-compaction/
";

/// Mutated copies of every fixture (lines dropped, repeated, cut short) read with the
/// `generic` profile, alone, with `--one-per-file` and in a folder: never a panic, and every
/// issue read ends with a number of its own (no placeholder left) and a unique one.
#[test]
fn mutated_fixtures_never_panic_and_are_numbered() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let files = [
        "numbered/feed.xml",
        "digest/atom.xml",
        "digest/digest.txt",
        "digest/pages/spring-cleaning.html",
        "blog/posts/2021-03-26-iceberg-vs-delta.md",
        "blog/posts/2021-04-23-small-files.md",
        "blog/posts/2021-05-07-streaming-lakehouse.md",
    ];
    let dir = util::workdir("newsletters-mutated");
    let mut read = 0;
    for round in 0..40 {
        let sub = dir.join(format!("r{round}"));
        std::fs::create_dir_all(&sub).unwrap();
        for (k, file) in files.iter().enumerate() {
            let text = std::fs::read_to_string(shape("").join(file)).unwrap();
            let mut lines: Vec<&str> = text.lines().collect();
            for _ in 0..(next() % 6) {
                if lines.len() < 2 {
                    break;
                }
                let at = (next() % lines.len() as u64) as usize;
                match next() % 3 {
                    0 => drop(lines.remove(at)),
                    1 => lines.insert(at, lines[at]),
                    _ => lines.truncate(at.max(1)),
                }
            }
            let name = file.rsplit('/').next().unwrap();
            let path = sub.join(format!("{k}-{name}"));
            std::fs::write(&path, lines.join("\n")).unwrap();
            for opts in [options("generic", false), options("generic", true)] {
                read += check_numbers(corpus::load(std::slice::from_ref(&path), &opts));
            }
        }
        read += check_numbers(corpus::load(&[sub], &options("generic", false)));
    }
    // Most mutations still read (an empty file, a broken feed do not).
    assert!(read > 40 * 15 * 3 / 4, "{read} of {}", 40 * 15);
}

/// 1 for a corpus read (and checked), 0 for an error.
fn check_numbers(loaded: Result<Corpus, corpus::CorpusError>) -> usize {
    let Ok(corpus) = loaded else { return 0 };
    let numbers: Vec<u32> = corpus.issues.iter().map(|i| i.number).collect();
    assert!(numbers.iter().all(|&n| n < 1_000_000_000), "{numbers:?}");
    assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
    let warned = corpus.warnings.iter().filter_map(|w| w.issue);
    assert!(
        warned.into_iter().all(|n| numbers.contains(&n)),
        "{:?}",
        corpus.warnings
    );
    1
}

/// The parser's warnings (issue #16) under `generic` too: a heading whose date is none, a
/// date line that is none, a heading-like line with words after its number, a heading whose
/// number is too long; each names the file and line, and the issues keep their place.
#[test]
fn lines_not_read_warn_under_the_generic_profile() {
    let dir = util::workdir("newsletters-generic-lines");
    let path = dir.join("weekly.txt");
    std::fs::write(&path, GENERIC_LINES).unwrap();
    let corpus = load(
        "numbered",
        path.to_str().unwrap(),
        &options("generic", false),
    );
    let got: Vec<(u32, String)> = corpus
        .issues
        .iter()
        .map(|i| (i.number, i.date_source.to_string()))
        .collect();
    let want = [
        (1, "written"),
        (2, "interpolated"),
        (3, "interpolated"),
        (6, "written"),
    ];
    assert_eq!(got, want.map(|(n, s)| (n, s.to_string())));
    let warnings: Vec<(u32, &str)> = corpus
        .warnings
        .iter()
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    let starts = [
        (9, "date not read: `31 February 2021` is no date"),
        (14, "date not read: `31 February 2021` is no date"),
        (
            18,
            "`Lakehouse Letters Issue 4 - next week` is not read as an issue heading",
        ),
        (
            22,
            "issue heading `Lakehouse Letters Issue 99999999999999999999` not read",
        ),
    ];
    assert_eq!(warnings.len(), starts.len(), "{warnings:?}");
    for ((line, message), (want_line, start)) in warnings.iter().zip(starts) {
        assert_eq!(*line, want_line, "{message}");
        assert!(message.starts_with(start), "{message}");
    }
    assert!(corpus.warnings.iter().all(|w| w.file == path));
    assert_eq!(corpus.skipped, 1);
}

/// Input of `lines_not_read_warn_under_the_generic_profile`.
const GENERIC_LINES: &str = "\
Lakehouse Letters Issue 1 - 12 March 2021

Welcome to the first issue, about Kafka and Flink.

Streaming

Kafka Connect gained an Iceberg sink this month.

Lakehouse Letters Issue 2 - 31 February 2021

An issue with an impossible date on its heading, about Spark.

Lakehouse Letters Issue 3
31 February 2021

An issue with an impossible date line under its heading, about dbt.

Lakehouse Letters Issue 4 - next week

Airflow 2.1 makes the scheduler faster on large DAG folders.

Lakehouse Letters Issue 99999999999999999999

Lines under a heading whose number cannot be read, about Snowflake.

Lakehouse Letters Issue 6 - 9 April 2021

The last issue, about DuckDB.
";
