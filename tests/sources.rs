//! Sources featured: publishers of article links, per year, from a Substack export fixture.

use crate::util;
use topictrend::analysis::{self, sources::ALL, AnalysisOptions};
use topictrend::corpus::{self, LoadOptions};
use topictrend::extract::Extractor;
use topictrend::{frames, lexicon};

#[test]
fn publishers_of_article_links_are_counted_per_year() {
    let lexicon = lexicon::load(&util::default_lexicon()).expect("lexicon");
    let path = util::root().join("tests/fixtures/formats/substack");
    let corpus = corpus::load(&[path], &LoadOptions::default()).expect("fixture");
    let extraction = Extractor::new(&lexicon)
        .expect("extractor")
        .extract(&corpus)
        .expect("texts held");
    let frames = frames::build(&corpus, &lexicon, &extraction).expect("frames");
    let a = analysis::analyze(&frames, &lexicon, &AnalysisOptions::default()).expect("analysis");
    let rows = &a.sources;
    let text = |c: &str| -> Vec<String> {
        let col = rows.column(c).unwrap().str().unwrap().clone();
        col.iter().map(|v| v.unwrap_or("").to_string()).collect()
    };
    let (year, publisher) = (text("year"), text("publisher"));
    let share: Vec<f64> = rows
        .column("share")
        .unwrap()
        .f64()
        .unwrap()
        .iter()
        .flatten()
        .collect();
    let all: Vec<usize> = (0..rows.height()).filter(|&i| year[i] == ALL).collect();
    let of_all = |p: &str| all.iter().any(|&i| publisher[i] == p);
    assert!(of_all("medium.com/netflix-techblog"), "{rows}");
    assert!(of_all("github.com/lyft"), "{rows}");
    assert!(
        all.iter().all(|&i| !publisher[i].contains("substackcdn")),
        "image links are not sources: {rows}"
    );
    // Shares within a year sum to one, and `all` rows come first.
    let total: f64 = all.iter().map(|&i| share[i]).sum();
    assert!((total - 1.0).abs() < 1e-9, "shares sum to {total}");
    assert_eq!(year.first().map(String::as_str), Some(ALL));
    // Years: every dated row belongs to a year that has issues in the fixture.
    assert!(year.iter().any(|y| y == "2019" || y == "2020"), "{rows}");
}

#[test]
fn report_shows_sources_table_chart_and_years() {
    use topictrend::config::Config;
    let out = util::workdir("sources-report");
    let path = util::root().join("tests/fixtures/formats/substack");
    let config = Config::with_defaults(vec![path], util::default_lexicon(), out.clone());
    topictrend::cmd::write_report(&config).expect("report");
    let md = std::fs::read_to_string(out.join("report.md")).expect("report.md");
    let section = md.split("## Sources featured").nth(1).expect("section");
    assert!(section.contains("![Most linked publishers](charts/sources.png)"));
    assert!(
        section.contains("| medium.com/netflix-techblog"),
        "{section}"
    );
    assert!(section.contains("### By year"), "{section}");
    let svg = std::fs::read_to_string(out.join("charts/sources.svg")).expect("svg");
    roxmltree::Document::parse(&svg).expect("well-formed SVG");
    assert!(svg.contains("github.com/lyft"));
}

/// `sources_by_year`: a row per dated year in order, its linked items and its first three
/// publishers in the table's order as lists; the `all` rows are left out.
#[test]
fn sources_by_year_lists_each_years_three_most_linked_publishers() {
    use polars::prelude::*;
    let sources = df!(
        "year" => [ALL, "2019", "2019", "2019", "2019", "2020"],
        "publisher" => ["a", "b", "c", "d", "e", "f"],
        "items" => [9u64, 4, 3, 2, 1, 5],
        "linked" => [20u64, 10, 10, 10, 10, 5],
        "share" => [0.45, 0.4, 0.3, 0.2, 0.1, 1.0],
    )
    .expect("frame");
    let by = analysis::sources::by_year(&sources).expect("by year");
    let years: Vec<_> = by.column("year").unwrap().str().unwrap().iter().collect();
    assert_eq!(years, [Some("2019"), Some("2020")]);
    let linked: Vec<_> = by.column("linked").unwrap().u64().unwrap().iter().collect();
    assert_eq!(linked, [Some(10), Some(5)]);
    let list = |c: &str, row: usize| by.column(c).unwrap().list().unwrap().get_as_series(row);
    let names = list("publishers", 0).expect("2019 list");
    let names: Vec<_> = names.str().unwrap().iter().collect();
    assert_eq!(names, [Some("b"), Some("c"), Some("d")]);
    let items = list("publisher_items", 1).expect("2020 list");
    let items: Vec<_> = items.u64().unwrap().iter().collect();
    assert_eq!(items, [Some(5)]);
}
