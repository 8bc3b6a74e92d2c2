//! Corpus ingest: golden parses of the default archive and of the fixture archive; the
//! table-driven forms (`forms`) and the bad inputs (`bad_input`) of issue 2 live beside.

mod bad_input;
mod forms;
mod lines;

use crate::util;
use std::path::PathBuf;
use topictrend::corpus::{self, Corpus, CorpusError, DateSource, LoadOptions, Section};
use topictrend::date::Date;

fn load(paths: &[PathBuf]) -> Result<Corpus, CorpusError> {
    corpus::load(paths, &LoadOptions::default())
}

/// `csv/issues.csv` of the corpus, as the report writes it (from the issues frame).
fn issues_csv(corpus: &Corpus) -> Vec<u8> {
    use topictrend::render::{csv::to_csv, report};
    let lexicon = topictrend::lexicon::load(&util::default_lexicon()).expect("lexicon");
    let builder = topictrend::frames::Builder::new(corpus, &lexicon).expect("vocabulary");
    let table = report::issue_table(&builder.issues().expect("issues frame")).expect("table");
    to_csv("issues", &table, &report::spec("issues")).expect("csv")
}

/// Compares `actual` with a golden file; `UPDATE_GOLDEN=1` rewrites the file instead.
fn assert_golden(name: &str, actual: &[u8]) {
    let path = util::root().join("tests/golden/corpus").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
    }
    let expected = std::fs::read(&path).expect("read golden");
    assert_eq!(
        String::from_utf8_lossy(actual),
        String::from_utf8_lossy(&expected),
        "{name}"
    );
}

#[test]
fn golden_default_corpus() {
    let corpus = load(&[util::default_corpus()]).unwrap();
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    assert_golden("issues.csv", &issues_csv(&corpus));
    let numbers: Vec<u32> = corpus.issues.iter().map(|i| i.number).collect();
    assert_eq!(numbers, [326, 327, 328, 329, 330]);
    for pair in corpus.issues.windows(2) {
        assert!(pair[0].date < pair[1].date);
    }
    for issue in &corpus.issues {
        let date = issue.date.unwrap();
        assert_eq!(issue.date_source, DateSource::Events);
        assert!(
            Date::from_ymd(2019, 10, 1).unwrap() <= date
                && date <= Date::from_ymd(2019, 11, 30).unwrap()
        );
    }
}

#[test]
fn default_corpus_items() {
    let corpus = load(&[util::default_corpus()]).unwrap();
    let i327 = &corpus.issues[1];
    let other: Vec<String> = i327
        .items
        .iter()
        .filter(|i| i.section == Section::Other)
        .map(|i| util::item_text(&corpus, i327, i))
        .collect();
    assert_eq!(other[0], "New York");
    assert!(other[1].starts_with("Links are provided for informational purposes"));
    let last = corpus.issues[0].items.last().unwrap();
    assert_eq!(
        (
            util::item_text(&corpus, &corpus.issues[0], last).as_str(),
            last.section,
            last.line
        ),
        ("Loading more posts…", Section::Other, 339)
    );
    let i4 = &corpus.issues[4];
    let sponsor = i4
        .items
        .iter()
        .find(|i| i.section == Section::Sponsor)
        .unwrap();
    assert_eq!(
        (util::item_text(&corpus, i4, sponsor).as_str(), sponsor.line),
        ("Curated by Datadog ( )", 24)
    );
    for issue in &corpus.issues {
        for (k, item) in issue.items.iter().enumerate() {
            assert_eq!(item.index as usize, k);
            assert_eq!(item.listing.is_some(), item.section == Section::Event);
        }
    }
}

#[test]
fn golden_fixture_archive() {
    let dir = util::root().join("tests/fixtures/corpus/archive");
    let corpus = load(&[dir]).unwrap();
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    assert_golden("archive.csv", &issues_csv(&corpus));
    let i36 = corpus.issues.iter().find(|i| i.number == 36).unwrap();
    let cloudera = &i36.items[2];
    let text = util::item_text(&corpus, i36, cloudera);
    assert!(text.ends_with("for Impala workloads."), "{text}");
    assert_eq!(cloudera.links, ["http://blog.example.com/hdfs-caching"]);
    assert_eq!(i36.items[3].links, ["http://blog.example.org/pig-on-tez"]);
    let i132 = corpus.issues.iter().find(|i| i.number == 132).unwrap();
    assert_eq!(i132.items[0].links, ["https://flink.apache.org"]);
    assert_eq!(
        i132.items[3].links,
        ["https://example.org/flink-checkpoints"]
    );
}

#[test]
fn several_paths_are_ordered_by_issue_number() {
    let dir = util::root().join("tests/fixtures/corpus/archive");
    let corpus = load(&[
        dir.join("data-eng-weekly-251.txt"),
        util::default_corpus(),
        dir.join("old"),
    ])
    .unwrap();
    let numbers: Vec<u32> = corpus.issues.iter().map(|i| i.number).collect();
    assert_eq!(numbers, [4, 50, 251, 326, 327, 328, 329, 330]);
    // The same file reached twice (directly and through its folder) is read once.
    let twice = load(&[dir.join("old"), dir.join("old/issues-004-050.txt")]).unwrap();
    assert_eq!(twice.issues.len(), 2);
}
