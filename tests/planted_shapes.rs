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

/// Seeds run; the targets are rates over them.
const SEEDS: u64 = 24;

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
    let extraction = Extractor::new(&lex).expect("extractor").extract(&corpus);
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
    for seed in 0..SEEDS {
        let (plants, got) = labels(1000 + seed);
        let mut alarm = false;
        for p in &plants {
            let g = got.get(&p.name).cloned().unwrap_or_default();
            let ok = right(p, &g);
            if p.name.starts_with("Steady") {
                alarm |= matches!(g.label.as_str(), "rising" | "falling" | "peaked");
            } else {
                *hits.entry(p.name.clone()).or_default() += ok as u64;
                if !ok {
                    misses.push(format!("seed {seed}: {} {:?} got {g:?}", p.name, p.expect));
                }
            }
        }
        false_alarm_seeds += alarm as u64;
    }
    let rate = |k: &str| hits.get(k).copied().unwrap_or(0) as f64 / SEEDS as f64;
    for (k, _) in &hits {
        println!("{k:<8} {:.2}", rate(k));
    }
    let fa = false_alarm_seeds as f64 / SEEDS as f64;
    println!("seeds with a false alarm among {} steady names: {fa:.2}", gen::STEADY);
    for m in &misses {
        println!("  {m}");
    }
    assert!(rate("Mesos") >= 0.9, "hype cycles peaked: {}", rate("Mesos"));
    assert!(rate("Pulsar") >= 0.9, "late risers since: {}", rate("Pulsar"));
    assert!(rate("Dask") >= 0.7, "subtle risers: {}", rate("Dask"));
    for k in ["Storm", "Kafka", "Hadoop", "Iceberg", "Pig"] {
        assert_eq!(rate(k), 1.0, "{k}");
    }
    assert!(fa <= 0.15, "false alarms: {fa}");
}
