//! Planted trend shapes over many seeds (issue #18): the real lexicon load, extraction, frames
//! and analysis on `planted_shapes_gen` archives, month periods, and the rates the labels
//! must reach. The rates are printed with `--nocapture` and recorded in docs/METHODS.md.

use super::planted_shapes_gen::{self as gen, Expect, Plant};
use super::util;
use polars::prelude::*;
use std::collections::BTreeMap;
use topictrend::analysis::{self, AnalysisOptions};
use topictrend::config::Period;
use topictrend::extract::Extractor;
use topictrend::frames;
use topictrend::lexicon;

/// Seeds run by default: the whole tuning range 1000-1099, not a block of it: the subtle
/// riser sits at the edge of what the data can show, so 24-seed blocks range from 58% to 96%
/// and a short run would pass or fail by the block chosen. The fresh range is
/// `SHAPES_SEEDS=200 SHAPES_BASE=5000`; both are recorded in docs/METHODS.md, and the
/// assertions hold on both.
const SEEDS: u64 = 100;
const BASE: u64 = 1000;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One entity's label and the periods the labels table gives it.
#[derive(Clone, Debug, Default)]
struct Got {
    label: String,
    peak: Option<String>,
    since: Option<String>,
}

fn text(df: &DataFrame, column: &str) -> Vec<Option<String>> {
    match df.column(column) {
        Ok(c) => c
            .cast(&DataType::String)
            .expect("text column")
            .str()
            .expect("text")
            .iter()
            .map(|s| s.map(str::to_string))
            .collect(),
        Err(_) => vec![None; df.height()],
    }
}

fn labels(seed: u64) -> (Vec<Plant>, BTreeMap<String, Got>) {
    let (plants, corpus) = gen::generate(seed);
    let dir = util::workdir(&format!("shapes-{seed}"));
    let lex = lexicon::load(&gen::write_lexicon(&dir, &plants)).expect("lexicon");
    let extraction = Extractor::new(&lex)
        .expect("extractor")
        .extract(&corpus)
        .expect("texts held");
    let frames = frames::build(&corpus, &lex, &extraction).expect("frames");
    let opts = AnalysisOptions {
        period: Some(Period::Month),
        ..AnalysisOptions::default()
    };
    let a = analysis::analyze(&frames, &lex, &opts).expect("analysis");
    let (entity, label) = (text(&a.labels, "entity"), text(&a.labels, "label"));
    let (peak, since) = (text(&a.labels, "peak_period"), text(&a.labels, "since"));
    let mut got = BTreeMap::new();
    for i in 0..a.labels.height() {
        let name = entity[i].clone().unwrap_or_default();
        got.insert(
            name,
            Got {
                label: label[i].clone().unwrap_or_default(),
                peak: peak[i].clone(),
                since: since[i].clone(),
            },
        );
    }
    (plants, got)
}

/// The decimal year of a month period `YYYY-MM` (its middle).
fn year_of(period: &str) -> Option<f64> {
    let (y, m) = period.split_once('-')?;
    Some(y.parse::<f64>().ok()? + (m.parse::<f64>().ok()? - 0.5) / 12.0)
}

/// Within two quarters.
fn near(period: &Option<String>, year: f64) -> bool {
    period
        .as_deref()
        .and_then(year_of)
        .is_some_and(|y| (y - year).abs() <= 0.5)
}

fn right(p: &Plant, got: &Got) -> bool {
    match p.expect {
        Expect::Label(l) => got.label == l,
        Expect::Peaked(year) => got.label == "peaked" && near(&got.peak, year),
        Expect::RisingSince(year) => got.label == "rising" && near(&got.since, year),
    }
}

#[test]
fn planted_shapes_are_labelled_at_the_target_rates() {
    let mut hits: BTreeMap<String, u64> = BTreeMap::new();
    let mut false_alarm_seeds = 0;
    let mut misses: Vec<String> = Vec::new();
    let (seeds, base) = (env_or("SHAPES_SEEDS", SEEDS), env_or("SHAPES_BASE", BASE));
    for seed in base..base + seeds {
        let (plants, got) = labels(seed);
        let mut alarm = false;
        for p in &plants {
            let g = got.get(&p.name).cloned().unwrap_or_default();
            let ok = right(p, &g);
            if p.name.starts_with("Steady") {
                let false_label = matches!(g.label.as_str(), "rising" | "falling" | "peaked");
                if false_label {
                    misses.push(format!("seed {seed}: {} steady got {g:?}", p.name));
                }
                alarm |= false_label;
            } else {
                *hits.entry(p.name.clone()).or_default() += ok as u64;
                if !ok {
                    misses.push(format!("seed {seed}: {} {:?} got {g:?}", p.name, p.expect));
                }
            }
        }
        false_alarm_seeds += alarm as u64;
    }
    let rate = |k: &str| hits.get(k).copied().unwrap_or(0) as f64 / seeds as f64;
    for k in hits.keys() {
        println!("{k:<8} {:.2}", rate(k));
    }
    let fa = false_alarm_seeds as f64 / seeds as f64;
    println!(
        "seeds with a false alarm among {} steady names: {fa:.2}",
        gen::STEADY
    );
    for m in &misses {
        println!("  {m}");
    }
    assert!(
        rate("Mesos") >= 0.9,
        "hype cycles peaked: {}",
        rate("Mesos")
    );
    assert!(
        rate("Pulsar") >= 0.9,
        "late risers since: {}",
        rate("Pulsar")
    );
    assert!(rate("Dask") >= 0.7, "subtle risers: {}", rate("Dask"));
    for k in ["Storm", "Kafka", "Hadoop", "Iceberg", "Pig"] {
        assert_eq!(rate(k), 1.0, "{k}");
    }
    assert!(fa <= 0.15, "false alarms: {fa}");
}

/// The report says the shapes in words, with the period strings of the labels table: the
/// hype cycle "peaked in 2016-05" and the late riser "rising since 2018-01" (seed 1024, where
/// both are labelled right); a renamed entity carries its note after its name.
#[test]
fn the_report_says_peaked_in_and_rising_since() {
    let (plants, corpus) = gen::generate(1024);
    let dir = util::workdir("shapes-words");
    let lexicon_dir = gen::write_lexicon(&dir, &plants);
    let history = "name,change,other,date,notes\nPulsar,renamed_from,Yahoo Queue,2014-06,\n";
    std::fs::write(lexicon_dir.join("history.csv"), history).expect("write history");
    let lex = lexicon::load(&lexicon_dir).expect("lexicon");
    let extraction = Extractor::new(&lex)
        .expect("extractor")
        .extract(&corpus)
        .expect("texts held");
    let frames = frames::build(&corpus, &lex, &extraction).expect("frames");
    let mut config =
        topictrend::config::Config::with_defaults(vec![], dir.clone(), dir.join("out"));
    config.period = Some(Period::Month);
    let opts = AnalysisOptions::from_config(&config, None);
    let a = analysis::analyze(&frames, &lex, &opts).expect("analysis");
    let input = topictrend::render::report::ReportInput {
        config: &config,
        analysis: &a,
        review: None,
    };
    let files = topictrend::render::report::render_rest(&input).expect("renders");
    let report = files
        .iter()
        .find(|f| f.0 == "report.md")
        .and_then(|f| match &f.1 {
            topictrend::render::report::Body::Bytes(b) => String::from_utf8(b.clone()).ok(),
            _ => None,
        })
        .expect("report.md");
    let (entity, label) = (text(&a.labels, "entity"), text(&a.labels, "label"));
    let (peak, since) = (text(&a.labels, "peak_period"), text(&a.labels, "since"));
    let row = |name: &str| {
        entity
            .iter()
            .position(|e| e.as_deref() == Some(name))
            .expect(name)
    };
    let (m, p) = (row("Mesos"), row("Pulsar"));
    assert_eq!(label[m].as_deref(), Some("peaked"));
    assert_eq!(label[p].as_deref(), Some("rising"));
    let says = |name: &str, words: String| {
        let row = format!("| {name} ");
        let hit = report
            .lines()
            .any(|l| l.starts_with(&row) && l.contains(&format!("| {words} ")));
        assert!(hit, "{name}: {words:?} not in:\n{report}");
    };
    says(
        "Mesos",
        format!("peaked in {}", peak[m].clone().unwrap_or_default()),
    );
    says(
        "Pulsar (named Yahoo Queue until 2014-06)",
        format!("rising since {}", since[p].clone().unwrap_or_default()),
    );
}
