//! `topictrend report`: golden report.md and CSVs for the default corpus (and its 2019
//! review), well-formed charts, links that resolve, RFC 4180 CSVs, byte-identical reruns of
//! the real binary, and an unwritable `--out` failing before any work. Runs of the binary
//! are in `report/cli.rs`; a generated multi-year archive in `report/archive.rs`.

mod archive;
mod cli;
mod discovered;
mod via;
mod whole;

use crate::util;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use topictrend::cmd::write_report;
use topictrend::config::{Config, EntityLines};

pub use util::files::files;

/// Writes the report of the default corpus into a fresh work dir and returns it.
pub fn default_report(name: &str, edit: impl FnOnce(&mut Config)) -> PathBuf {
    let out = util::workdir(name);
    let mut config = Config::with_defaults(
        vec![util::default_corpus()],
        util::default_lexicon(),
        out.clone(),
    );
    edit(&mut config);
    write_report(&config).expect("report runs");
    out
}

/// Compares the text files of `dir` (Markdown and CSVs) that `keep` selects with
/// `tests/golden/report/<case>/`; `UPDATE_GOLDEN=1` rewrites the goldens instead. The golden
/// set must match exactly.
fn assert_golden(case: &str, dir: &Path, keep: fn(&str) -> bool) {
    let golden = util::root().join("tests/golden/report").join(case);
    let actual: BTreeMap<String, Vec<u8>> = files(dir)
        .into_iter()
        .filter(|(p, _)| (p.ends_with(".md") || p.ends_with(".csv")) && keep(p))
        .collect();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let _ = std::fs::remove_dir_all(&golden);
        for (path, bytes) in &actual {
            let target = golden.join(path);
            std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir golden");
            std::fs::write(&target, bytes).expect("write golden");
        }
    }
    let expected = files(&golden);
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&actual), names(&expected), "files of {case}");
    for (path, bytes) in &actual {
        assert_eq!(
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&expected[path]),
            "{case}/{path} differs from its golden (UPDATE_GOLDEN=1 rewrites it)"
        );
    }
}

#[test]
fn golden_default_report() {
    let dir = default_report("report-golden", |_| {});
    assert_golden("default", &dir, |_| true);
}

#[test]
fn golden_default_review_of_2019() {
    let dir = default_report("report-golden-2019", |c| c.year = Some(2019));
    // The other CSVs are the default report's, pinned by `golden_default_report`.
    assert_golden("year2019", &dir, |p| {
        p.ends_with(".md") || p.starts_with("csv/review_")
    });
    let review = std::fs::read_to_string(dir.join("review-2019.md")).unwrap();
    assert!(review.contains("no issue dated in 2018"), "{review}");
    assert!(
        review.contains("no entity can be said to rise or fall"),
        "{review}"
    );
    let report = std::fs::read_to_string(dir.join("report.md")).unwrap();
    assert!(report.contains("[review-2019.md](review-2019.md)"));
}

/// The SVG parses as XML with an `<svg>` root; the PNG has the PNG signature.
pub fn check_charts(dir: &Path) -> usize {
    let all = files(dir);
    let mut svgs = 0;
    for (path, bytes) in &all {
        if let Some(stem) = path.strip_suffix(".svg") {
            let text = std::str::from_utf8(bytes).expect("SVG is UTF-8");
            let doc = roxmltree::Document::parse(text)
                .unwrap_or_else(|e| panic!("{path} is not well-formed XML: {e}"));
            assert_eq!(doc.root_element().tag_name().name(), "svg", "{path}");
            let png = &all[&format!("{stem}.png")];
            assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{stem}.png");
            svgs += 1;
        }
    }
    svgs
}

#[test]
fn every_chart_is_well_formed_svg_and_png() {
    let dir = default_report("report-charts", |c| c.year = Some(2019));
    let names = [
        "top_entities",
        "trends",
        "topic_share",
        "comentions_heatmap",
        "meetups_country",
        "meetups_continent",
        "movers",
        "review_2019_top",
        "review_2019_topics",
    ];
    for n in names {
        assert!(dir.join(format!("charts/{n}.svg")).exists(), "{n}.svg");
    }
    assert!(check_charts(&dir) >= names.len());
}

/// Every relative link of the Markdown files names a file that was written.
pub fn check_links(dir: &Path) {
    let all = files(dir);
    let link = regex::Regex::new(r"\]\(([^)#]+)\)").unwrap();
    for (path, bytes) in all.iter().filter(|(p, _)| p.ends_with(".md")) {
        let text = String::from_utf8_lossy(bytes);
        for cap in link.captures_iter(&text) {
            let target = cap[1].trim_end_matches('/');
            if target.starts_with("../") || target.starts_with("http") {
                continue;
            }
            let found = all.contains_key(target)
                || all.keys().any(|k| k.starts_with(&format!("{target}/")));
            assert!(
                found,
                "{path} links to {target}, which the report does not write"
            );
        }
    }
}

/// Every CSV parses as RFC 4180 with a header and the same field count on every row.
pub fn check_csvs(dir: &Path) {
    for (path, bytes) in files(dir).iter().filter(|(p, _)| p.ends_with(".csv")) {
        let text = std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{path} is not UTF-8"));
        assert!(!text.starts_with('\u{feff}'), "{path} has a BOM");
        let mut r = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(text.as_bytes());
        let width = r.headers().expect("header").len();
        assert!(width > 0, "{path} has no header");
        for rec in r.records() {
            let rec = rec.unwrap_or_else(|e| panic!("{path}: {e}"));
            assert_eq!(rec.len(), width, "{path}");
            assert!(
                !rec.iter().any(|f| f == "NaN" || f.ends_with("inf")),
                "{path}: {rec:?}"
            );
        }
    }
}

#[test]
fn links_resolve_and_csvs_are_rfc4180() {
    let dir = default_report("report-links", |c| c.year = Some(2019));
    check_links(&dir);
    check_csvs(&dir);
}

#[test]
fn entities_option_draws_known_names_and_reports_unknown_ones() {
    let dir = default_report("report-entities", |c| {
        let queries = ["kafka".into(), "airflow".into(), "NoSuchThing".into()];
        let lexicon = topictrend::lexicon::load_from(&c.input.lexicon).expect("lexicon");
        c.entities = EntityLines::resolve(&queries, &lexicon);
    });
    let report = std::fs::read_to_string(dir.join("report.md")).unwrap();
    assert!(
        report.contains("`--entities`: Kafka and Airflow."),
        "{report}"
    );
    assert!(
        report.contains("Not in the lexicon, so not drawn: `NoSuchThing`."),
        "{report}"
    );
    let lines = std::fs::read_to_string(dir.join("csv/trend_lines.csv")).unwrap();
    assert!(
        lines.starts_with("period,entity,items,period_items,share,norm_share,smoothed,origin\r\n")
    );
    assert!(lines.contains(",Kafka,") && lines.contains(",Airflow,") && !lines.contains("NoSuch"));
}
