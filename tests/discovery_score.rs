//! Scores lexicon extraction plus discovery, and discovery alone, on the discovery evaluation
//! set (tests/gold/discovery: dev.txt, test.txt, entities.csv) at the (issue, category,
//! entity) level, and pins the figures so that a change lowering them fails.
//!
//! A discovered name (accepted: confidence >= THRESHOLD) matches a gold row of its issue when
//! its name or one of its variants equals the row's entity or one of its forms, ignoring
//! case, and the categories agree. Whole extraction: lexicon keys plus discovered keys against
//! every row. Discovery alone: discovered keys against the `in_lexicon = no` rows; a
//! discovered name matching a `yes` row is counted apart (neither right nor wrong).
//!
//! Misses and false positives are printed for the dev issues only: the test issues are
//! scored, never read while tuning. Run:
//! `cargo test --test tests discovery_score -- --nocapture`.

use crate::util;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use topictrend::corpus::{self, LoadOptions};
use topictrend::discover::{Discoverer, Discovery, Words};
use topictrend::extract::{Extractor, Via};
use topictrend::lexicon::{Category, Lexicon};

const DEV: [u32; 6] = [23, 104, 170, 238, 304, 336];

/// (issue, category, entity).
type Key = (u32, String, String);

/// One annotated row.
struct Row {
    key: Key,
    in_lexicon: bool,
    /// The entity and its forms, lower-cased.
    names: BTreeSet<String>,
}

fn gold() -> Vec<Row> {
    let path = util::root().join("tests/gold/discovery/entities.csv");
    let mut reader = csv::Reader::from_path(&path).expect("gold file reads");
    reader
        .records()
        .map(|r| {
            let r = r.expect("gold row parses");
            let issue: u32 = r[0].parse().expect("issue number");
            let mut names: BTreeSet<String> = r[4].split('|').map(str::to_lowercase).collect();
            names.insert(r[2].to_lowercase());
            Row {
                key: (issue, r[1].to_string(), r[2].to_string()),
                in_lexicon: &r[3] == "yes",
                names,
            }
        })
        .collect()
}

/// What one run predicts: lexicon keys, discovered keys, discovered keys matching `yes` rows.
#[derive(Default)]
struct Predicted {
    lexicon: BTreeSet<Key>,
    discovered: BTreeSet<Key>,
    known: BTreeSet<Key>,
}

fn predict(lex: &Lexicon, words: &Words, file: &Path, rows: &[Row]) -> Predicted {
    let corpus = corpus::load(&[file.to_path_buf()], &LoadOptions::default()).expect("set loads");
    let found = Extractor::new(lex)
        .expect("extractor")
        .extract(&corpus)
        .expect("texts held");
    let discovery = Discoverer::new(lex, words)
        .discover(&corpus, &found)
        .expect("texts held");
    let mut p = Predicted::default();
    for m in found.mentions.iter().filter(|m| m.via == Via::Text) {
        let e = lex.entity(m.entity);
        if e.category != Category::City {
            p.lexicon
                .insert((m.issue, e.category.to_string(), e.name.clone()));
        }
    }
    let mut by_issue: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
    for m in discovery.accepted_mentions() {
        by_issue.entry(m.issue).or_default().insert(m.entity);
    }
    for (issue, ids) in by_issue {
        for id in ids {
            discovered_key(&discovery, id, issue, rows, &mut p);
        }
    }
    p
}

/// Files the key of discovered entity `id` in `issue`: a matching row's key, else its own.
fn discovered_key(d: &Discovery, id: u32, issue: u32, rows: &[Row], p: &mut Predicted) {
    let e = &d.entities[id as usize];
    let names: BTreeSet<String> = std::iter::once(&e.name)
        .chain(&e.variants)
        .chain(&e.link_forms)
        .map(|n| n.to_lowercase())
        .collect();
    let row = rows
        .iter()
        .filter(|r| r.key.0 == issue && !r.names.is_disjoint(&names))
        .min_by_key(|r| (r.key.1 != e.category.as_str(), r.in_lexicon));
    match row {
        Some(r) if r.in_lexicon => {
            p.known.insert(r.key.clone());
        }
        Some(r) if r.key.1 == e.category.as_str() => {
            p.discovered.insert(r.key.clone());
        }
        _ => {
            p.discovered
                .insert((issue, e.category.to_string(), e.name.clone()));
        }
    }
}

/// (true positives, predicted, gold) of one category (`None`: all).
fn counts(gold: &BTreeSet<Key>, got: &BTreeSet<Key>, cat: Option<&str>) -> [usize; 3] {
    let keep = |k: &&Key| cat.is_none_or(|c| k.1 == c);
    let g: BTreeSet<&Key> = gold.iter().filter(keep).collect();
    let p: BTreeSet<&Key> = got.iter().filter(keep).collect();
    [g.intersection(&p).count(), p.len(), g.len()]
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

/// Prints a table; returns (precision, recall) overall.
fn table(label: &str, gold: &BTreeSet<Key>, got: &BTreeSet<Key>) -> (f64, f64) {
    println!("{label}");
    println!(
        "  {:<14}{:>6}{:>6}{:>6}{:>11}{:>8}",
        "category", "tp", "pred", "gold", "precision", "recall"
    );
    let mut overall = (0.0, 0.0);
    for cat in [Some("technology"), Some("organisation"), None] {
        let [tp, pred, g] = counts(gold, got, cat);
        let (p, r) = (ratio(tp, pred), ratio(tp, g));
        println!(
            "  {:<14}{tp:>6}{pred:>6}{g:>6}{p:>11.3}{r:>8.3}",
            cat.unwrap_or("overall")
        );
        overall = (p, r);
    }
    overall
}

/// The figures of one split: whole (p, r), discovery alone (p, r).
struct Figures {
    whole: (f64, f64),
    alone: (f64, f64),
}

fn score(split: &str, rows: &[Row], p: &Predicted, show: bool) -> Figures {
    let all: BTreeSet<Key> = rows.iter().map(|r| r.key.clone()).collect();
    let absent: BTreeSet<Key> = rows
        .iter()
        .filter(|r| !r.in_lexicon)
        .map(|r| r.key.clone())
        .collect();
    let whole: BTreeSet<Key> = p
        .lexicon
        .iter()
        .chain(&p.discovered)
        .chain(&p.known)
        .cloned()
        .collect();
    println!("== {split}");
    if show {
        for k in whole.difference(&all) {
            println!("  false positive: #{} {} {}", k.0, k.1, k.2);
        }
        for k in all.difference(&whole) {
            let tag = if absent.contains(k) {
                "absent"
            } else {
                "lexicon"
            };
            println!("  missed ({tag}): #{} {} {}", k.0, k.1, k.2);
        }
    }
    table("  lexicon alone (discovery off)", &all, &p.lexicon);
    let whole_f = table("  whole extraction (lexicon + discovery)", &all, &whole);
    let alone_f = table(
        "  discovery alone, on lexicon-absent names",
        &absent,
        &p.discovered,
    );
    println!(
        "  discovered names that are lexicon rows: {}",
        p.known.len()
    );
    Figures {
        whole: whole_f,
        alone: alone_f,
    }
}

/// Floors pinned at the measured figures (docs/EXTRACTION.md): lowering one fails the test.
/// Columns: split, whole precision, whole recall, discovery-alone precision and recall.
const PINNED: [(&str, f64, f64, f64, f64); 3] = [
    ("dev", 0.979, 0.966, 0.916, 0.814),
    ("test", 0.983, 0.964, 0.921, 0.839),
    ("combined", 0.981, 0.965, 0.919, 0.827),
];

#[test]
fn discovery_score() {
    let (lex, words) = crate::discover::setup();
    let rows = gold();
    let dir = util::root().join("tests/gold/discovery");
    let (dev_rows, test_rows): (Vec<Row>, Vec<Row>) =
        rows.into_iter().partition(|r| DEV.contains(&r.key.0));
    let dev = predict(&lex, &words, &dir.join("dev.txt"), &dev_rows);
    let test = predict(&lex, &words, &dir.join("test.txt"), &test_rows);
    let both = Predicted {
        lexicon: dev.lexicon.iter().chain(&test.lexicon).cloned().collect(),
        discovered: dev
            .discovered
            .iter()
            .chain(&test.discovered)
            .cloned()
            .collect(),
        known: dev.known.iter().chain(&test.known).cloned().collect(),
    };
    let all_rows: Vec<Row> = dev_rows.into_iter().chain(test_rows).collect();
    let test_only: Vec<Row> = all_rows
        .iter()
        .filter(|r| !DEV.contains(&r.key.0))
        .map(|r| Row {
            key: r.key.clone(),
            in_lexicon: r.in_lexicon,
            names: r.names.clone(),
        })
        .collect();
    let dev_only: Vec<Row> = all_rows
        .iter()
        .filter(|r| DEV.contains(&r.key.0))
        .map(|r| Row {
            key: r.key.clone(),
            in_lexicon: r.in_lexicon,
            names: r.names.clone(),
        })
        .collect();
    let figures = [
        score("dev", &dev_only, &dev, true),
        score("test", &test_only, &test, false),
        score("combined", &all_rows, &both, false),
    ];
    let mut failures = Vec::new();
    for ((name, wp, wr, ap, ar), f) in PINNED.iter().zip(&figures) {
        let got = [f.whole.0, f.whole.1, f.alone.0, f.alone.1];
        for (floor, value) in [wp, wr, ap, ar].into_iter().zip(got) {
            if value + 1e-9 < *floor {
                failures.push(format!("{name}: {value:.3} below the pinned {floor:.3}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "discovery figures fell: {}",
        failures.join("; ")
    );
}
