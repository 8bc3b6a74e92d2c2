//! Planted trends end to end: generated archive (`planted_gen`) -> real lexicon load, extraction,
//! frames and analysis -> the labels, co-mentions and section counts the plants call for.

use super::planted_gen::{self, PAIR, PLANTS, SPONSOR};
use super::util;
use polars::prelude::*;
use std::collections::BTreeMap;
use topictrend::analysis::{self, Analysis, AnalysisOptions};
use topictrend::config::Period;
use topictrend::extract::Extractor;
use topictrend::frames::{self, Frames};
use topictrend::lexicon::{self, Lexicon};

const SEED: u64 = 2013;

fn pipeline(seed: u64, tag: &str) -> (Lexicon, Frames) {
    let dir = util::workdir(&format!("planted-{tag}-{seed}"));
    let lex = lexicon::load(&planted_gen::write_lexicon(&dir)).expect("planted lexicon loads");
    let corpus = planted_gen::generate(seed);
    let extraction = Extractor::new(&lex)
        .expect("extractor")
        .extract(&corpus)
        .expect("texts held");
    let frames = frames::build(&corpus, &lex, &extraction).expect("frames");
    (lex, frames)
}

fn analyze(lex: &Lexicon, frames: &Frames, period: Option<Period>) -> Analysis {
    let opts = AnalysisOptions {
        period,
        ..AnalysisOptions::default()
    };
    analysis::analyze(frames, lex, &opts).expect("analysis")
}

fn strs(df: &DataFrame, name: &str) -> Vec<String> {
    df.column(name)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|s| s.unwrap_or("").to_string())
        .collect()
}

fn u64s(df: &DataFrame, name: &str) -> Vec<u64> {
    df.column(name)
        .unwrap()
        .cast(&DataType::UInt64)
        .unwrap()
        .u64()
        .unwrap()
        .iter()
        .map(|v| v.unwrap_or(0))
        .collect()
}

fn labels(a: &Analysis) -> BTreeMap<String, String> {
    strs(&a.labels, "entity")
        .into_iter()
        .zip(strs(&a.labels, "label"))
        .collect()
}

/// Expected label per entity: the plants, the pair (steady) and the sponsor (sparse: no articles).
fn expected() -> BTreeMap<String, &'static str> {
    let mut e: BTreeMap<String, &str> =
        PLANTS.iter().map(|(n, _, l)| (n.to_string(), *l)).collect();
    e.insert(PAIR.0.into(), "steady");
    e.insert(PAIR.1.into(), "steady");
    e.insert(SPONSOR.into(), "sparse");
    e
}

fn print_table(a: &Analysis) {
    println!(
        "period {} periods {}",
        a.period.as_str(),
        u64s(&a.summary, "periods")[0]
    );
    println!("{}", a.labels);
}

fn assert_labels(a: &Analysis) {
    print_table(a);
    let got = labels(a);
    for (entity, want) in expected() {
        assert_eq!(
            got.get(&entity).map(String::as_str),
            Some(want),
            "{entity} ({:?})",
            a.period
        );
    }
}

#[test]
fn planted_trends_are_labelled_by_month() {
    let (lex, frames) = pipeline(SEED, "month");
    let a = analyze(&lex, &frames, None);
    assert_eq!(
        a.period,
        Period::Month,
        "archive spans six years: auto picks month"
    );
    assert!(
        u64s(&a.summary, "skipped_periods")[0] >= 1,
        "August 2016 is skipped"
    );
    let partial_last = a.summary.column("partial_last").unwrap().bool().unwrap();
    assert_eq!(
        partial_last.get(0),
        Some(true),
        "December 2019 has two issues"
    );
    assert!(!strs(&a.periods, "period").contains(&"2016-08".to_string()));
    assert_labels(&a);
}

#[test]
fn planted_trends_are_labelled_by_quarter_and_issue() {
    let (lex, frames) = pipeline(SEED, "other");
    for period in [Period::Quarter, Period::Issue] {
        assert_labels(&analyze(&lex, &frames, Some(period)));
    }
}

#[test]
fn no_steady_entity_is_called_rising_or_falling_across_seeds() {
    for seed in 1..=4 {
        let (lex, frames) = pipeline(seed, "seeds");
        let a = analyze(&lex, &frames, None);
        print_table(&a);
        let got = labels(&a);
        for (entity, want) in expected() {
            let label = got.get(&entity).map(String::as_str).unwrap_or("");
            if want == "steady" {
                assert_eq!(label, "steady", "seed {seed}: {entity}");
            }
        }
    }
}

#[test]
fn sections_are_counted_apart_and_the_pair_is_found() {
    let (lex, frames) = pipeline(SEED, "sections");
    let a = analyze(&lex, &frames, None);
    let issues = frames.issues.height() as u64;
    let f = &a.frequency;
    let row = |e: &str| {
        strs(f, "entity")
            .iter()
            .position(|n| n == e)
            .expect("entity in frequency")
    };
    assert_eq!(
        u64s(f, "items")[row(SPONSOR)],
        0,
        "sponsor lines are not coverage"
    );
    assert_eq!(u64s(f, "sponsor_items")[row(SPONSOR)], issues);
    assert_eq!(u64s(f, "intro_items")[row("Kafka")], issues);
    let c = &a.comentions;
    assert_eq!(
        (
            strs(c, "entity_a")[0].as_str(),
            strs(c, "entity_b")[0].as_str()
        ),
        PAIR,
        "strongest pair first"
    );
    assert!(c.column("p_value").unwrap().f64().unwrap().get(0).unwrap() < 1e-6);
    assert!(!strs(c, "entity_a")
        .iter()
        .chain(strs(c, "entity_b").iter())
        .any(|e| e == SPONSOR));
    let r = &a.rollups;
    let family = strs(r, "level")
        .iter()
        .zip(strs(r, "key"))
        .position(|(l, k)| l == "family" && k == "Kafka")
        .unwrap();
    assert_eq!(
        u64s(r, "entities")[family],
        2,
        "Kafka Streams rolls up into Kafka"
    );
}

#[test]
fn parallel_and_sequential_paths_agree() {
    let (lex, frames) = pipeline(SEED, "paths");
    let par = analyze(&lex, &frames, None);
    let opts = AnalysisOptions {
        parallel: false,
        ..AnalysisOptions::default()
    };
    let seq = analysis::analyze(&frames, &lex, &opts).unwrap();
    // Categories of two runs are two lists: compare the values.
    let text = |df: &DataFrame| topictrend::frames::encode::stringify(df).expect("frame");
    for (p, s) in par.tables().iter().zip(seq.tables()) {
        assert!(
            text(&p.frame).equals_missing(&text(&s.frame)),
            "table {} differs",
            p.name
        );
    }
}

/// `year_momentum`: the 20 most covered entities of the year in `year_top`'s order, each in
/// the quadrant its share (against the median share) and change (against 0) put it in.
#[test]
fn the_momentum_chart_rejects_an_unknown_quadrant() {
    let (lex, frames) = pipeline(SEED, "quadrant");
    let a = analyze(&lex, &frames, None);
    let mut r = analysis::year_review(&frames, &lex, &AnalysisOptions::default(), 2017).unwrap();
    let nowhere = vec!["nowhere"; r.momentum.height()];
    r.momentum
        .with_column(Column::new("quadrant".into(), nowhere))
        .unwrap();
    let dir = util::workdir("planted-quadrant-out");
    let config = topictrend::config::Config::with_defaults(vec![], dir.clone(), dir.join("out"));
    let input = topictrend::render::report::ReportInput {
        config: &config,
        analysis: &a,
        review: Some(&r),
    };
    let err = topictrend::render::report::render_rest(&input)
        .err()
        .expect("an error");
    let want = "chart review_2017_momentum: row 1: unknown quadrant \"nowhere\"";
    assert_eq!(err.to_string(), want);
}

fn assert_momentum(r: &analysis::YearReview) {
    let m = &r.momentum;
    assert!(m.height() > 10 && m.height() <= 20, "{m}");
    let top = strs(&r.top, "entity");
    assert_eq!(strs(m, "entity")[..top.len()], top[..]);
    let f = |c: &str| -> Vec<f64> {
        let col = m.column(c).unwrap().f64().unwrap();
        col.into_no_null_iter().collect()
    };
    let (share, prev, change, split) = (
        f("share"),
        f("prev_share"),
        f("change_pp"),
        f("split_share"),
    );
    let mut sorted = share.clone();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    let median = if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    };
    for (i, q) in strs(m, "quadrant").iter().enumerate() {
        assert!((split[i] - median).abs() < 1e-12);
        assert!((change[i] - (share[i] - prev[i]) * 100.0).abs() < 1e-9);
        let want = match (share[i] >= median, change[i] >= 0.0) {
            (true, true) => "leading",
            (false, true) => "rising",
            (true, false) => "fading",
            (false, false) => "niche",
        };
        assert_eq!(q, want, "row {i}");
    }
    // `momentum_quadrants`: each quadrant's count and first three names, in chart order.
    let qs = &r.momentum_quadrants;
    let (names, more) = (qs.column("names").unwrap(), qs.column("more").unwrap());
    let quadrant = strs(m, "quadrant");
    for (i, q) in analysis::momentum::QUADRANTS.iter().enumerate() {
        let rows: Vec<String> = (0..m.height())
            .filter(|&j| quadrant[j] == *q)
            .map(|j| strs(m, "entity")[j].clone())
            .collect();
        assert_eq!(strs(qs, "quadrant")[i], *q);
        assert_eq!(u64s(qs, "entities")[i], rows.len() as u64);
        let first = rows.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
        assert_eq!(names.str().unwrap().get(i).unwrap_or(""), first);
        assert_eq!(more.bool().unwrap().get(i), Some(rows.len() > 3));
        assert_eq!(u64s(qs, "mapped")[i], m.height() as u64);
    }
}

/// `concentration_change`: the rows of `year_concentration` (the year before, then the year,
/// per dimension) side by side, with the direction of the change of evenness.
fn assert_concentration_change(r: &analysis::YearReview) {
    let (long, wide) = (&r.concentration, &r.concentration_change);
    assert_eq!(wide.height() * 2, long.height());
    let f = |df: &DataFrame, c: &str| -> Vec<Option<f64>> {
        df.column(c).unwrap().f64().unwrap().iter().collect()
    };
    let (all, e0, e1) = (
        f(long, "evenness"),
        f(wide, "prev_evenness"),
        f(wide, "evenness"),
    );
    let change = wide.column("evenness_change").unwrap();
    for d in 0..wide.height() {
        assert_eq!((e0[d], e1[d]), (all[2 * d], all[2 * d + 1]), "row {d}");
        let want = match (e0[d], e1[d]) {
            (Some(a), Some(b)) if b > a => Some("more"),
            (Some(a), Some(b)) if b < a => Some("less"),
            (Some(_), Some(_)) => Some("as"),
            _ => None,
        };
        assert_eq!(change.str().unwrap().get(d), want, "row {d}");
    }
}

#[test]
fn year_review_finds_the_newcomer_and_movers() {
    let (lex, frames) = pipeline(SEED, "review");
    let r = analysis::year_review(&frames, &lex, &AnalysisOptions::default(), 2017).unwrap();
    assert!(
        strs(&r.newcomers, "entity").contains(&"Iceberg".to_string()),
        "{}",
        r.newcomers
    );
    let years = r.summary.column("year").unwrap().i32().unwrap();
    assert_eq!(years.get(0), Some(2016));
    let issues = u64s(&r.summary, "issues");
    assert!(issues[1] > 40 && issues[0] > 35, "2016 lost August");
    let items = u64s(&r.top, "items");
    assert!(items.len() <= 10 && items.windows(2).all(|w| w[0] >= w[1]));
    let change = r.movers.column("change").unwrap().f64().unwrap();
    for (d, c) in strs(&r.movers, "direction").iter().zip(change.iter()) {
        let c = c.unwrap();
        assert!(if d == "up" { c > 0.0 } else { c < 0.0 }, "{d} {c}");
    }
    // `year_top.direction`: null when absent the year before, else the sign of `change`.
    let (prev_items, change) = (u64s(&r.top, "prev_items"), r.top.column("change").unwrap());
    let direction = r.top.column("direction").unwrap();
    for (i, n) in prev_items.iter().enumerate() {
        let up = change.f64().unwrap().get(i).map(|c| c >= 0.0);
        let want = (*n > 0).then(|| if up == Some(true) { "up" } else { "down" });
        assert_eq!(direction.str().unwrap().get(i), want, "row {i}");
    }
    // `year_meetups.leading`: the first placed continent with listings in the year.
    let (continent, current) = (strs(&r.meetups, "continent"), u64s(&r.meetups, "current"));
    let first = (0..continent.len()).find(|&i| continent[i] != "(unresolved)" && current[i] > 0);
    let leading = r.meetups.column("leading").unwrap().bool().unwrap();
    for i in 0..continent.len() {
        assert_eq!(leading.get(i), Some(first == Some(i)), "row {i}");
    }
    assert_momentum(&r);
    assert_concentration_change(&r);
    for t in r.tables() {
        assert!(t.name.starts_with("year_"));
    }
    assert!(matches!(
        analysis::year_review(&frames, &lex, &AnalysisOptions::default(), 2030),
        Err(analysis::AnalysisError::EmptyYear { year: 2030 })
    ));
}
