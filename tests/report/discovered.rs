//! Discovered names counted like lexicon names (issue #17 items 5 and 6): with `--discover
//! off` the rows are the lexicon-only rows plus the `origin` column; with it on, the rows of
//! the lexicon's entities stay as they were and the discovered names come on extra rows
//! (frequency, mentions, the year's newcomers); balance figures do not move; runs are
//! byte-identical. The archive is the discovery gold set (invented issues whose names the
//! lexicon lacks), since the default issues have no name above the threshold.

use super::files;
use crate::util;
use std::path::{Path, PathBuf};
use topictrend::cmd::write_report;
use topictrend::config::Config;

/// The gold set's issues, 2013 to 2020.
fn archive() -> Vec<PathBuf> {
    let dir = util::root().join("tests/gold/discovery");
    vec![dir.join("dev.txt"), dir.join("test.txt")]
}

fn report(name: &str, discover: bool, year: Option<i32>) -> PathBuf {
    let out = util::workdir(name);
    let mut config = Config::with_defaults(archive(), util::default_lexicon(), out.clone());
    config.discover = discover;
    config.year = year;
    write_report(&config).expect("report runs");
    out
}

/// The rows of a CSV as (header, rows), each a list of cells.
fn csv(dir: &Path, name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(dir.join("csv").join(name)).expect("open csv");
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("row").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// The rows whose `origin` is `origin`, without that column.
fn of_origin(dir: &Path, name: &str, origin: &str) -> Vec<Vec<String>> {
    let (header, rows) = csv(dir, name);
    let at = header
        .iter()
        .position(|h| h == "origin")
        .expect("origin column");
    rows.into_iter()
        .filter(|r| r[at] == origin)
        .map(|mut r| {
            r.remove(at);
            r
        })
        .collect()
}

#[test]
fn discovered_names_add_rows_and_leave_the_lexicon_rows_alone() {
    let off = report("discovered-off", false, None);
    let on = report("discovered-on", true, None);
    for table in ["frequency.csv", "mentions.csv"] {
        let lexicon_off = of_origin(&off, table, "lexicon");
        assert_eq!(
            csv(&off, table).1.len(),
            lexicon_off.len(),
            "{table}: off is lexicon only"
        );
        assert_eq!(of_origin(&on, table, "lexicon"), lexicon_off, "{table}");
        assert!(!of_origin(&on, table, "discovered").is_empty(), "{table}");
    }
    let (header, rows) = csv(&on, "frequency.csv");
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    let sluice = rows
        .iter()
        .find(|r| r[col("entity")] == "Sluice")
        .expect("Sluice, a discovered technology, has a frequency row");
    assert_eq!(sluice[col("origin")], "discovered");
    assert_eq!(sluice[col("topic")], "unclassified");
    assert_eq!(sluice[col("category")], "technology");
    assert_eq!(sluice[col("items")], "2");
    // Off writes no discovered.csv; on lists every discovered frequency row's name.
    assert!(!off.join("csv/discovered.csv").exists());
    let (_, found) = csv(&on, "discovered.csv");
    let discovered_rows = of_origin(&on, "frequency.csv", "discovered");
    assert_eq!(found.len(), discovered_rows.len());
}

#[test]
fn balance_figures_do_not_move_with_discovery() {
    let off = report("balance-off", false, None);
    let on = report("balance-on", true, None);
    let read = |d: &Path, f: &str| std::fs::read_to_string(d.join("csv").join(f)).expect("read");
    assert_eq!(
        read(&on, "balance_summary.csv"),
        read(&off, "balance_summary.csv")
    );
    // The topics' rows are those of the lexicon-only run, plus `unclassified` last.
    let (_, off_rows) = csv(&off, "balance.csv");
    let (_, on_rows) = csv(&on, "balance.csv");
    let extra: Vec<&Vec<String>> = on_rows.iter().filter(|r| !off_rows.contains(r)).collect();
    assert_eq!(extra.len(), 1, "{extra:?}");
    assert_eq!(extra[0][..2], ["topic", "unclassified"]);
    assert_eq!(extra[0][4], "0.0000", "left out of the norm shares");
    let topics: Vec<&Vec<String>> = on_rows.iter().filter(|r| r[0] == "topic").collect();
    assert_eq!(topics.last().map(|r| r[1].as_str()), Some("unclassified"));
}

#[test]
fn discovered_names_are_newcomers_of_their_year() {
    let on = report("discovered-newcomers", true, Some(2020));
    let (header, rows) = csv(&on, "review_2020_newcomers.csv");
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    let hexagram = rows
        .iter()
        .find(|r| r[col("entity")] == "Hexagram Labs")
        .expect("Hexagram Labs, first named in 2020, is a newcomer");
    assert_eq!(hexagram[col("origin")], "discovered");
    assert_eq!(hexagram[col("category")], "organisation");
}

#[test]
fn runs_with_discovery_are_byte_identical() {
    let a = report("discovered-run-a", true, Some(2020));
    let b = report("discovered-run-b", true, Some(2020));
    assert_eq!(files(&a), files(&b));
}
