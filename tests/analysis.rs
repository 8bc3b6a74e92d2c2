//! Analysis measures against values worked out by hand on small frames (see docs/METHODS.md
//! for the formulas): statistics, frequency, roll-ups, trends, labels, co-mentions, balance.

use super::frames_fixture::{self as fx, issue, IssueSpec};
use polars::prelude::*;
use topictrend::analysis::comention;
use topictrend::analysis::stats;
use topictrend::analysis::{analyze, Analysis, AnalysisOptions, Targets, Window};
use topictrend::config::Period;
use topictrend::corpus::Section::*;
use topictrend::date::Date;

// Entity ids of the fixture lexicon.
const KAFKA: u32 = 0;
const STREAMS: u32 = 1;
const KSQL: u32 = 2;
const SPARK: u32 = 3;
const AIRFLOW: u32 = 4;
const CONFLUENT: u32 = 5;
const BERLIN: u32 = 6;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

fn run(specs: &[IssueSpec], opts: AnalysisOptions) -> Analysis {
    analyze(&fx::frames(specs), &fx::lexicon(), &opts).expect("analysis")
}

fn col_str(df: &DataFrame, c: &str) -> Vec<Option<String>> {
    df.column(c)
        .unwrap()
        .cast(&DataType::String)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|s| s.map(str::to_string))
        .collect()
}

fn col_u64(df: &DataFrame, c: &str) -> Vec<u64> {
    df.column(c)
        .unwrap()
        .cast(&DataType::UInt64)
        .unwrap()
        .u64()
        .unwrap()
        .iter()
        .map(|v| v.unwrap())
        .collect()
}

fn col_f64(df: &DataFrame, c: &str) -> Vec<Option<f64>> {
    df.column(c).unwrap().f64().unwrap().iter().collect()
}

/// A figure of the one-row summary table.
fn fig(a: &Analysis, c: &str) -> u64 {
    col_u64(&a.summary, c)[0]
}

/// A flag of the one-row summary table.
fn flag(a: &Analysis, c: &str) -> bool {
    a.summary.column(c).unwrap().bool().unwrap().get(0).unwrap()
}

/// keys, total, evenness, hhi, top5_share of one dimension of `balance_summary`.
fn conc(a: &Analysis, dim: &str) -> (u64, u64, Option<f64>, Option<f64>, Option<f64>) {
    let b = &a.balance_summary;
    let i = col_str(b, "dimension")
        .iter()
        .position(|d| d.as_deref() == Some(dim))
        .unwrap();
    (
        col_u64(b, "keys")[i],
        col_u64(b, "total")[i],
        col_f64(b, "evenness")[i],
        col_f64(b, "hhi")[i],
        col_f64(b, "top5_share")[i],
    )
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

#[test]
fn statistics_match_hand_values() {
    // erfc against known values (|rel err| < 1.2e-7), chi-square and normal tails.
    for (x, want) in [
        (0.0, 1.0),
        (0.5, 0.479_500_122_2),
        (1.0, 0.157_299_207_1),
        (2.0, 0.004_677_734_981),
        (-1.0, 1.842_700_793),
        (3.0, 2.209_049_7e-5),
    ] {
        assert!(((stats::erfc(x) - want) / want).abs() < 1.2e-7, "erfc({x})");
    }
    assert!((stats::chi2_1_sf(3.841_458_820_694_124) - 0.05).abs() < 1e-7);
    assert!((stats::normal_p(2.575_829_303_549) - 0.01).abs() < 1e-8);
    // The bound the review states: p of the rule's |z| rounded up to one digit.
    let bounds = [2.576, 1.96, 2.447, 3.0].map(|z| stats::p_bound(z).to_string());
    assert_eq!(bounds, ["0.01", "0.05", "0.02", "0.003"]);
    assert_eq!(stats::chi2_1_sf(0.0), 1.0);
    // Shares 3/7, 3/7, 1/7: H = 1.00424247, J = H / ln 3, HHI = 19/49, top-1 = 3/7.
    let c = [3, 3, 1, 0];
    assert!(
        close(stats::entropy(&c).unwrap(), 1.004_242_47)
            && close(stats::evenness(&c).unwrap(), 0.914_100_89)
    );
    assert!(
        close(stats::hhi(&c).unwrap(), 19.0 / 49.0)
            && close(stats::top_share(&c, 1).unwrap(), 3.0 / 7.0)
    );
    assert_eq!(
        (
            stats::evenness(&[7]),
            stats::hhi(&[7]),
            stats::evenness(&[5, 5]),
            stats::hhi(&[5, 5])
        ),
        (Some(0.0), Some(1.0), Some(1.0), Some(0.5))
    );
    assert_eq!(
        (
            stats::evenness(&[]),
            stats::hhi(&[0, 0]),
            stats::top_share(&[], 5)
        ),
        (None, None, None)
    );
    // 10/100 vs 20/100: pooled p = .15, z = .1 / sqrt(.15 * .85 * .02) = 1.98029509;
    // 0/5 vs 0/5: no variation, z = 0; an empty year (n0 = 0): no test.
    let counts = df!("x0" => [10u64, 0], "x1" => [20u64, 0]).unwrap();
    let z = |n0: u64, n1: u64| {
        let z = stats::two_proportion_z("x0", n0, "x1", n1).alias("z");
        col_f64(
            &counts.clone().lazy().with_column(z).collect().unwrap(),
            "z",
        )
    };
    assert!(close(z(100, 100)[0].unwrap(), 1.980_295_09));
    assert_eq!((z(5, 5)[1], z(0, 2)), (Some(0.0), vec![None, None]));
    assert_eq!(stats::competition_ranks(&[5, 3, 3, 1]), vec![1, 2, 2, 4]);
}

/// The co-mention measures as expressions over count columns (items = ab, a_items = a,
/// b_items = b, units = n), one row per case.
#[test]
fn comention_measures_match_hand_values() {
    let df = df!(
        "items" => [3u64, 5, 0, 0],
        "a_items" => [4u64, 5, 2, 0],
        "b_items" => [5u64, 5, 3, 0],
        "units" => [10u64, 5, 10, 0],
    )
    .unwrap();
    let out = comention::measures(df.lazy()).collect().unwrap();
    let m = |c: &str| col_f64(&out, c);
    // N = 10, a = 4, b = 5, ab = 3: E = 2, lift = 30/20 = 1.5, PMI = log2 1.5,
    // NPMI = PMI / -log2 0.3, Jaccard = 3/6; G2 = 2[3 ln 1.5 + 1 ln .5 + 2 ln 2/3 + 4 ln 4/3].
    let hand = [
        2.0,
        1.5,
        0.584_962_5,
        0.336_772_6,
        0.5,
        1.726_092_4,
        0.188_910_7,
    ];
    let names = [
        "expected", "lift", "pmi", "npmi", "jaccard", "g2", "p_value",
    ];
    for (name, want) in names.iter().zip(hand) {
        assert!(close(m(name)[0].unwrap(), want), "{name}");
    }
    // Every unit has both: NPMI = 1 by definition, PMI 0, G2 0, p 1, Jaccard 1.
    let all: Vec<Option<f64>> = ["npmi", "pmi", "g2", "p_value", "jaccard"]
        .iter()
        .map(|c| m(c)[1])
        .collect();
    assert_eq!(all, [Some(1.0), Some(0.0), Some(0.0), Some(1.0), Some(1.0)]);
    // Never together: PMI and NPMI undefined, Jaccard 0. No units at all: E, G2 0, p 1.
    assert_eq!(
        (m("pmi")[2], m("npmi")[2], m("jaccard")[2]),
        (None, None, Some(0.0))
    );
    let empty = ["expected", "lift", "g2", "p_value"].map(|c| m(c)[3]);
    assert_eq!(empty, [Some(0.0), None, Some(0.0), Some(1.0)]);
}

/// Three issues, 7 article items (see each test for the counts).
fn sections_archive() -> Vec<IssueSpec> {
    vec![
        issue(
            1,
            "2019-01-06",
            vec![
                (Intro, vec![KAFKA]),
                (Article, vec![KAFKA, KAFKA, SPARK]),
                (Article, vec![SPARK]),
                (Article, vec![]),
                (Sponsor, vec![CONFLUENT]),
            ],
        ),
        issue(
            2,
            "2019-01-13",
            vec![
                (Article, vec![STREAMS]),
                (Article, vec![KAFKA]),
                (Event, vec![BERLIN]),
            ],
        ),
        issue(
            3,
            "2019-01-20",
            vec![
                (Article, vec![AIRFLOW, SPARK]),
                (Article, vec![]),
                (Event, vec![]),
            ],
        ),
    ]
}

#[test]
fn frequency_counts_article_items_and_keeps_sections_apart() {
    let a = run(&sections_archive(), AnalysisOptions::default());
    let f = &a.frequency;
    // Ordered by items desc, mentions desc, name: Spark 3/3, Kafka 2/3, then 1/1 by name, then 0/0.
    let order = [
        "Spark",
        "Kafka",
        "Airflow",
        "Kafka Streams",
        "Berlin",
        "Confluent",
    ];
    assert_eq!(col_str(f, "entity"), order.map(s).to_vec());
    assert_eq!(col_u64(f, "mentions"), vec![3, 3, 1, 1, 0, 0]);
    assert_eq!(col_u64(f, "items"), vec![3, 2, 1, 1, 0, 0]);
    assert_eq!(col_u64(f, "issues"), vec![2, 2, 1, 1, 0, 0]);
    assert!(close(col_f64(f, "share")[1].unwrap(), 2.0 / 7.0));
    assert_eq!(col_str(f, "first_seen")[1], s("2019-01-06"));
    assert_eq!(col_str(f, "last_seen")[0], s("2019-01-20"));
    assert_eq!(col_str(f, "last_seen")[5], None);
    assert_eq!(col_u64(f, "intro_items"), vec![0, 1, 0, 0, 0, 0]);
    assert_eq!(col_u64(f, "sponsor_items"), vec![0, 0, 0, 0, 0, 1]);
    assert_eq!(col_u64(f, "event_items"), vec![0, 0, 0, 0, 1, 0]);
    assert_eq!(col_str(f, "family")[3], s("Kafka"));
    assert_eq!(col_str(f, "trend")[5], s("sparse"));
    assert_eq!(fig(&a, "article_items"), 7);
    assert_eq!(a.period, Period::Issue, "three weeks: auto picks issue");
}

#[test]
fn rollups_count_each_item_once_per_key() {
    let a = run(&sections_archive(), AnalysisOptions::default());
    let r = &a.rollups;
    let rows: Vec<(String, String, u64, u64, u64, u64)> = (0..r.height())
        .map(|i| {
            let st = |c: &str| col_str(r, c)[i].clone().unwrap();
            (
                st("level"),
                st("key"),
                col_u64(r, "entities")[i],
                col_u64(r, "mentions")[i],
                col_u64(r, "items")[i],
                col_u64(r, "issues")[i],
            )
        })
        .collect();
    let row = |l: &str, k: &str, e, m, i, is| (l.to_string(), k.to_string(), e, m, i, is);
    assert_eq!(
        rows,
        vec![
            row("family", "Kafka", 2, 4, 3, 2),
            row("family", "Spark", 1, 3, 3, 2),
            row("family", "Airflow", 1, 1, 1, 1),
            row("topic", "streaming", 2, 4, 3, 2),
            row("topic", "batch processing", 1, 3, 3, 2),
            row("topic", "orchestration", 1, 1, 1, 1),
            row("category", "technology", 4, 8, 5, 3),
        ]
    );
}

#[test]
fn balance_evenness_concentration_targets_and_meetups() {
    let lex = fx::lexicon();
    let targets = Targets::parse(
        "t.csv".as_ref(),
        "topic,target_share\nStreaming,0.5\norchestration,20%\n",
        &lex,
    )
    .unwrap();
    let a = run(
        &sections_archive(),
        AnalysisOptions {
            targets: Some(targets),
            ..AnalysisOptions::default()
        },
    );
    let b = &a.balance;
    let topic: Vec<usize> = (0..b.height())
        .filter(|&i| col_str(b, "dimension")[i] == s("topic"))
        .collect();
    let keys: Vec<_> = topic
        .iter()
        .map(|&i| col_str(b, "key")[i].clone().unwrap())
        .collect();
    assert_eq!(keys, ["batch processing", "streaming", "orchestration"]);
    let at = |c: &str, k: usize| col_f64(b, c)[topic[k]];
    assert!(
        close(at("share", 1).unwrap(), 3.0 / 7.0) && close(at("norm_share", 2).unwrap(), 1.0 / 7.0)
    );
    assert!(
        close(at("deviation", 1).unwrap(), 3.0 / 7.0 - 0.5)
            && close(at("deviation", 2).unwrap(), 1.0 / 7.0 - 0.2)
    );
    assert_eq!(at("target", 0), None);
    assert_eq!(col_str(&a.balance_summary, "dimension")[0], s("topic"));
    let (keys, total, evenness, hhi, top5) = conc(&a, "topic");
    assert_eq!((keys, total), (3, 7));
    assert!(close(evenness.unwrap(), 0.914_100_89) && close(hhi.unwrap(), 19.0 / 49.0));
    assert_eq!(top5, Some(1.0));
    // Meetups: Berlin (Europe) and an unresolved place; the latter is a row, not a key.
    let (keys, _, evenness, hhi, _) = conc(&a, "continent");
    assert_eq!((keys, evenness, hhi), (1, Some(0.0), Some(1.0)));
    let (keys, _, evenness, _, _) = conc(&a, "organisation");
    assert_eq!((keys, evenness), (0, None), "Confluent only sponsors");
}

/// 10 article items: Kafka in 4, Spark in 5, both in 3; a sponsor item names both.
fn pair_archive() -> Vec<IssueSpec> {
    let art = |ids: Vec<u32>| (Article, ids);
    vec![
        issue(
            1,
            "2019-01-06",
            vec![
                art(vec![KAFKA, SPARK]),
                art(vec![KAFKA, SPARK]),
                art(vec![KAFKA, AIRFLOW]),
                art(vec![SPARK]),
                art(vec![]),
                (Sponsor, vec![KAFKA, SPARK]),
            ],
        ),
        issue(
            2,
            "2019-01-13",
            vec![
                art(vec![KAFKA, SPARK]),
                art(vec![SPARK]),
                art(vec![]),
                art(vec![]),
                art(vec![]),
            ],
        ),
    ]
}

#[test]
fn comentions_match_hand_values_and_exclude_sponsors() {
    let a = run(&pair_archive(), AnalysisOptions::default());
    let c = &a.comentions;
    assert_eq!(
        c.height(),
        1,
        "Airflow-Kafka has 1 shared item, below support 2"
    );
    assert_eq!(
        (
            col_str(c, "entity_a")[0].clone(),
            col_str(c, "entity_b")[0].clone()
        ),
        (s("Kafka"), s("Spark"))
    );
    assert_eq!(
        (
            col_u64(c, "items")[0],
            col_u64(c, "a_items")[0],
            col_u64(c, "b_items")[0],
            col_u64(c, "units")[0]
        ),
        (3, 4, 5, 10)
    );
    let v = |n: &str| col_f64(c, n)[0].unwrap();
    assert!(
        close(v("expected"), 2.0) && close(v("pmi"), 0.584_962_5) && close(v("npmi"), 0.336_772_6)
    );
    assert!(
        close(v("lift"), 1.5)
            && close(v("jaccard"), 0.5)
            && close(v("g2"), 1.726_092_4)
            && close(v("p_value"), 0.188_910_7)
    );
    // All sections: the sponsor item joins (11 units, 5, 6, 4).
    let all = run(
        &pair_archive(),
        AnalysisOptions {
            all_sections: true,
            ..AnalysisOptions::default()
        },
    );
    let c = &all.comentions;
    assert_eq!(
        (
            col_u64(c, "items")[0],
            col_u64(c, "a_items")[0],
            col_u64(c, "b_items")[0],
            col_u64(c, "units")[0]
        ),
        (4, 5, 6, 11)
    );
    // Per issue: both in both issues, p(a,b) = 1: NPMI 1, lift 1, G2 0, p 1.
    let per = run(
        &pair_archive(),
        AnalysisOptions {
            per_issue: true,
            ..AnalysisOptions::default()
        },
    );
    let c = &per.comentions;
    assert_eq!((col_u64(c, "items")[0], col_u64(c, "units")[0]), (2, 2));
    assert_eq!(
        (
            col_f64(c, "npmi")[0],
            col_f64(c, "lift")[0],
            col_f64(c, "g2")[0],
            col_f64(c, "p_value")[0]
        ),
        (Some(1.0), Some(1.0), Some(0.0), Some(1.0))
    );
    assert_eq!(col_str(&per.summary, "comention_unit")[0], s("issue"));
}

/// January (2 issues, 4 items), February skipped, March (2 issues, 3 items; ends the 24th).
fn monthly_archive() -> Vec<IssueSpec> {
    let art = |ids: Vec<u32>| (Article, ids);
    vec![
        issue(
            1,
            "2019-01-06",
            vec![art(vec![KAFKA]), art(vec![SPARK]), art(vec![])],
        ),
        issue(2, "2019-01-13", vec![art(vec![KAFKA, SPARK])]),
        issue(3, "2019-03-03", vec![art(vec![SPARK]), art(vec![])]),
        issue(4, "2019-03-24", vec![art(vec![AIRFLOW])]),
    ]
}

/// `trend_lines.smoothed`: the centred rolling share pools items over the window's periods
/// (here both months: Kafka 2 of 4 items in January, 0 of 3 in March: 2/7 in both), and a
/// window of 1 is the share itself.
#[test]
fn trend_lines_smooth_by_pooled_rolling_share() {
    let lines = |smooth: usize| {
        let opts = AnalysisOptions {
            period: Some(Period::Month),
            lines: Some(vec!["Kafka".to_string()]),
            smooth,
            ..AnalysisOptions::default()
        };
        let t = run(&monthly_archive(), opts).trend_lines;
        assert_eq!(col_str(&t, "period"), [s("2019-01"), s("2019-03")]);
        (col_f64(&t, "share"), col_f64(&t, "smoothed"))
    };
    let (share, smoothed) = lines(3);
    assert_eq!(share, [Some(0.5), Some(0.0)]);
    for v in smoothed {
        assert!(close(v.unwrap_or(-1.0), 2.0 / 7.0), "{v:?}");
    }
    let (share, smoothed) = lines(1);
    assert_eq!(smoothed, share);
}

#[test]
fn trends_share_rank_change_gaps_and_partial_periods() {
    let a = run(
        &monthly_archive(),
        AnalysisOptions {
            period: Some(Period::Month),
            ..AnalysisOptions::default()
        },
    );
    let t = &a.trends;
    assert_eq!(
        col_str(t, "period"),
        ["2019-01", "2019-01", "2019-03", "2019-03", "2019-03"]
            .map(s)
            .to_vec()
    );
    assert_eq!(
        col_str(t, "entity"),
        ["Kafka", "Spark", "Airflow", "Spark", "Kafka"]
            .map(s)
            .to_vec()
    );
    assert_eq!(col_u64(t, "items"), vec![2, 2, 1, 1, 0]);
    assert_eq!(col_u64(t, "period_items"), vec![4, 4, 3, 3, 3]);
    let rank: Vec<Option<u32>> = t.column("rank").unwrap().u32().unwrap().iter().collect();
    assert_eq!(
        rank,
        vec![Some(1), Some(1), Some(1), Some(1), None],
        "ties share a rank; zero rows have none"
    );
    let change = col_f64(t, "change");
    assert_eq!((change[0], change[1]), (None, None));
    assert!(
        close(change[2].unwrap(), 1.0 / 3.0)
            && close(change[3].unwrap(), 1.0 / 3.0 - 0.5)
            && close(change[4].unwrap(), -0.5)
    );
    let p = &a.periods;
    assert_eq!(col_str(p, "period"), vec![s("2019-01"), s("2019-03")]);
    let gap: Vec<_> = p
        .column("gap_before")
        .unwrap()
        .u32()
        .unwrap()
        .iter()
        .collect();
    let partial: Vec<_> = p
        .column("partial")
        .unwrap()
        .bool()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(
        (gap, partial),
        (vec![Some(0), Some(1)], vec![Some(false), Some(true)])
    );
    assert_eq!(
        (
            fig(&a, "skipped_periods"),
            flag(&a, "partial_last"),
            flag(&a, "partial_first")
        ),
        (1, true, false)
    );
    let by_issue = run(&monthly_archive(), AnalysisOptions::default());
    assert_eq!(col_str(&by_issue.periods, "period")[0], s("#0001"));
}

/// The summary counts an undated issue and dates the window by the dated ones.
#[test]
fn summary_counts_undated_issues() {
    let mut specs = sections_archive();
    specs[2].date = None;
    let a = run(&specs, AnalysisOptions::default());
    let dates = (
        col_str(&a.summary, "first_date"),
        col_str(&a.summary, "last_date"),
    );
    assert_eq!((fig(&a, "issues"), fig(&a, "undated_issues")), (3, 1));
    assert_eq!(dates, (vec![s("2019-01-06")], vec![s("2019-01-13")]));
}

/// Monthly issues of 10 article items; `counts[e][m]` items of month m name entity e.
fn counted(counts: &[(u32, Vec<u32>)]) -> Vec<IssueSpec> {
    let months = counts[0].1.len();
    (0..months)
        .map(|m| {
            let items = (0..10u32)
                .map(|i| {
                    (
                        Article,
                        counts
                            .iter()
                            .filter(|(_, c)| i < c[m])
                            .map(|(e, _)| *e)
                            .collect(),
                    )
                })
                .collect();
            let date: &'static str = Box::leak(format!("2018-{:02}-07", m + 1).into_boxed_str());
            issue(m as u32 + 1, date, items)
        })
        .collect()
}

fn label_rows(a: &Analysis) -> Vec<(String, String, f64)> {
    let l = &a.labels;
    (0..l.height())
        .map(|i| {
            (
                col_str(l, "entity")[i].clone().unwrap(),
                col_str(l, "label")[i].clone().unwrap(),
                col_f64(l, "z_adj")[i].unwrap(),
            )
        })
        .collect()
}

#[test]
fn trend_labels_on_three_months_match_hand_z() {
    // n = 10 a month. x = 3,6,9: p = .6, T = 6, Var = .6 * .4 * 20, z = 2.7386128 (X2 = z^2, so
    // phi = 0 and z_adj = z), ratio (9.5/11)/(3.5/11) = 2.71: rising. 9,6,3 mirrors: falling.
    // 5,4,6: z = 1/sqrt 5 = .4472: steady. 1,2,3: z = 1.1180340 but 6 items < 8: sparse.
    let archive = counted(&[
        (KAFKA, vec![3, 6, 9]),
        (SPARK, vec![9, 6, 3]),
        (AIRFLOW, vec![5, 4, 6]),
        (STREAMS, vec![1, 2, 3]),
    ]);
    let a = run(
        &archive,
        AnalysisOptions {
            period: Some(Period::Month),
            ..AnalysisOptions::default()
        },
    );
    let rows = label_rows(&a);
    let want = [
        ("Kafka", "rising", 2.738_612_8),
        ("Spark", "falling", -2.738_612_8),
        ("Airflow", "steady", 0.447_213_6),
        ("Kafka Streams", "sparse", 1.118_034_0),
    ];
    assert_eq!(rows.len(), 4);
    for ((e, l, z), (we, wl, wz)) in rows.iter().zip(want) {
        assert_eq!((e.as_str(), l.as_str()), (we, wl));
        assert!(close(*z, wz), "{e}: z {z}");
    }
    let ratio = col_f64(&a.labels, "ratio")[0].unwrap();
    assert!(close(ratio, 9.5 / 3.5));
    // The labels some entity got first, then the others, each in label order.
    let counts = &a.label_counts;
    let order = [
        "rising", "falling", "steady", "sparse", "new", "peaked", "quiet",
    ];
    assert_eq!(col_str(counts, "label"), order.map(s));
    assert_eq!(col_u64(counts, "entities"), [1, 1, 1, 1, 0, 0, 0]);
    assert_eq!(col_u64(&a.overview, "moving_entities"), [2]);
}

#[test]
fn trend_labels_new_quiet_sparse_and_one_period() {
    let archive = counted(&[
        (KAFKA, vec![1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5]),
        (SPARK, vec![5, 5, 4, 4, 3, 3, 2, 2, 1, 1, 1, 1]),
        (AIRFLOW, vec![0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 3]),
        (STREAMS, vec![2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0]),
        (KSQL, vec![1; 12]),
        (CONFLUENT, vec![0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]),
    ]);
    let a = run(
        &archive,
        AnalysisOptions {
            period: Some(Period::Month),
            ..AnalysisOptions::default()
        },
    );
    let got: Vec<(String, String)> = label_rows(&a).into_iter().map(|(e, l, _)| (e, l)).collect();
    let want = [
        ("Airflow", "new"),
        ("Kafka", "rising"),
        ("Spark", "falling"),
        ("Kafka Streams", "quiet"),
        ("ksqlDB", "steady"),
        ("Confluent", "sparse"),
    ];
    assert_eq!(
        got,
        want.map(|(e, l)| (e.to_string(), l.to_string())).to_vec(),
        "ordered by label, then items"
    );
    // One period: no trend can be tested; supported entities are steady.
    let one = counted(&[(KAFKA, vec![9])]);
    let a = run(&one, AnalysisOptions::default());
    assert_eq!(
        label_rows(&a),
        vec![("Kafka".to_string(), "steady".to_string(), 0.0)]
    );
}

#[test]
fn window_keeps_its_issues_only() {
    let from = Date::from_ymd(2019, 1, 1);
    let window = Window {
        from,
        to: Date::from_ymd(2019, 1, 13),
    };
    let a = run(
        &sections_archive(),
        AnalysisOptions {
            window,
            ..AnalysisOptions::default()
        },
    );
    assert_eq!((fig(&a, "issues"), fig(&a, "article_items")), (2, 5));
    assert!(!col_str(&a.frequency, "entity").contains(&s("Airflow")));
    assert!(window.contains(from) && !window.contains(None) && Window::default().contains(None));
}

/// The analysis reads the mention frame's columns in place when its rows are in (issue,
/// item) order, as the frames build them, and in that order when they are not: any row
/// order gives the same tables.
#[test]
fn mention_rows_in_any_order_analyse_alike() {
    for specs in [sections_archive(), pair_archive(), monthly_archive()] {
        let frames = fx::frames(&specs);
        let mut reversed = frames.clone();
        reversed.mentions = frames.mentions.reverse();
        let opts = AnalysisOptions::default();
        let a = analyze(&frames, &fx::lexicon(), &opts).expect("analysis");
        let b = analyze(&reversed, &fx::lexicon(), &opts).expect("analysis");
        assert!(a.frequency.height() > 0);
        // Categories of two runs are two lists: compare the values.
        let text = |df: &DataFrame| topictrend::frames::encode::stringify(df).expect("frame");
        for (x, y) in a.tables().iter().zip(b.tables()) {
            assert!(text(&x.frame).equals_missing(&text(&y.frame)), "{}", x.name);
        }
    }
}

#[test]
fn targets_file_errors_name_the_line() {
    let dir = super::util::workdir("targets");
    let path = dir.join("targets.csv");
    std::fs::write(
        &path,
        "topic,target_share\nstreaming,0.7\nbatch processing,0.4\n",
    )
    .unwrap();
    let err = Targets::load(&path, &fx::lexicon())
        .unwrap_err()
        .to_string();
    assert!(
        err.ends_with("targets.csv:3: target shares sum to 1.100, more than 1"),
        "{err}"
    );
    assert!(Targets::load(&dir.join("missing.csv"), &fx::lexicon()).is_err());
}

#[test]
fn empty_archive_analyses_to_empty_tables() {
    let a = run(&[], AnalysisOptions::default());
    assert_eq!(
        (
            a.frequency.height(),
            a.trends.height(),
            a.comentions.height()
        ),
        (0, 0, 0)
    );
    assert_eq!(fig(&a, "issues"), 0);
    assert_eq!(a.tables().len(), 10);
    assert_eq!(a.sources.height(), 0);
}

#[test]
fn default_archive_and_lexicon_analyse_cleanly() {
    use topictrend::{corpus, extract::Extractor, frames, lexicon};
    let lex = lexicon::load(&super::util::default_lexicon()).expect("default lexicon");
    let corpus = corpus::load(&[super::util::default_corpus()], &Default::default())
        .expect("default corpus");
    let extraction = Extractor::new(&lex)
        .unwrap()
        .extract(&corpus)
        .expect("texts held");
    let frames = frames::build(&corpus, &lex, &extraction).expect("frames");
    let a = analyze(&frames, &lex, &AnalysisOptions::default()).expect("analysis");
    assert_eq!(fig(&a, "issues") as usize, corpus.issues.len());
    let shares: Vec<f64> = col_f64(&a.frequency, "share")
        .into_iter()
        .map(Option::unwrap)
        .collect();
    assert!(!shares.is_empty() && shares.iter().all(|s| (0.0..=1.0).contains(s)));
    let items = col_u64(&a.frequency, "items");
    assert!(
        items.windows(2).all(|w| w[0] >= w[1]),
        "frequency sorted by items"
    );
    // `category_rank`: 1, 2, ... down each category's rows with article items, else null.
    let (category, rank) = (
        col_str(&a.frequency, "category"),
        a.frequency.column("category_rank").unwrap(),
    );
    let mut seen: std::collections::BTreeMap<Option<String>, u32> = Default::default();
    for (i, c) in category.into_iter().enumerate() {
        let want = (items[i] > 0).then(|| *seen.entry(c).and_modify(|n| *n += 1).or_insert(1));
        assert_eq!(rank.u32().unwrap().get(i), want, "row {i}");
    }
    // `overview`'s row counts are the rows of the frames they count.
    let o = |c: &str| col_u64(&a.overview, c)[0];
    let all = col_str(&a.sources, "year")
        .iter()
        .filter(|y| y.as_deref() == Some("all"))
        .count();
    assert_eq!(o("publishers"), all as u64);
    assert_eq!(o("pairs"), a.comentions.height() as u64);
    assert_eq!(
        o("entities"),
        a.labels.height() as u64,
        "a label per entity found"
    );
    assert_eq!(o("places_unresolved"), a.unresolved_places.height() as u64);
    let all_named = a
        .overview
        .column("all_named")
        .unwrap()
        .bool()
        .unwrap()
        .get(0);
    assert_eq!(all_named, Some(o("mentions") == o("named")));
    // `little_data`: fewer than six periods, or more than half the labels sparse.
    let sparse = col_str(&a.labels, "label")
        .iter()
        .filter(|l| l.as_deref() == Some("sparse"))
        .count();
    let little = fig(&a, "periods") < 6 || 2 * sparse > a.labels.height();
    let column = a.overview.column("little_data").unwrap();
    assert_eq!(column.bool().unwrap().get(0), Some(little));
    for t in a.tables() {
        assert!(t.frame.column("category_rank").is_err(), "not exported");
        for c in t.frame.columns() {
            if let Ok(f) = c.f64() {
                assert!(
                    f.iter().flatten().all(f64::is_finite),
                    "{}.{} has a non-finite value",
                    t.name,
                    c.name()
                );
            }
        }
    }
    println!("{}", a.frequency.head(Some(8)));
    println!("{}", a.comentions.head(Some(5)));
}

#[test]
fn drawn_dumbbells_are_finite_by_change_desc_then_name_and_cut() {
    let mut names: Vec<String> = (0..45).map(|i| format!("e{i:02}")).collect();
    let mut change: Vec<f64> = (0..45).map(|i| f64::from(i % 3)).collect();
    names.extend(["nan".to_string(), "inf".to_string()]);
    change.extend([f64::NAN, 9.0]);
    let mut last = vec![1.0; 47];
    last[46] = f64::INFINITY;
    let df = df!("entity" => &names, "a" => vec![0.5; 47], "b" => last, "change" => &change)
        .expect("frame");
    let drawn =
        topictrend::analysis::picks::drawn(&df, "entity", ["a", "b", "change"]).expect("drawn");
    let got: Vec<String> = col_str(&drawn, "entity").into_iter().flatten().collect();
    assert_eq!(got.len(), topictrend::analysis::picks::DRAWN);
    // change 2 (e02, e05, ..., e44: 15 rows) by name, then change 1 from e01 on.
    assert_eq!(&got[..3], ["e02", "e05", "e08"]);
    assert_eq!(&got[14..17], ["e44", "e01", "e04"]);
    // Then change 0 from e00, cut after the tenth (e27); the NaN and infinite rows are out.
    assert_eq!(got[30..].first().map(String::as_str), Some("e00"));
    assert_eq!(got[39], "e27");
}

/// The chart frames are complete grids the renderer draws as they are, without filling:
/// `trend_lines` has a row per (chart period, line entity), each entity's rows in time order
/// (here Airflow has no item in January and Kafka none in March), and `lines` its series in
/// line order; `topic_mix` a series per topic of a value per chart period, each positive
/// somewhere, so the charts draw and list every series (smoothed shares are finite);
/// `heatmap` a row per entity of a value per entity.
#[test]
fn chart_frames_are_complete_grids() {
    let lines = ["Kafka", "Spark", "Airflow"];
    let opts = AnalysisOptions {
        period: Some(Period::Month),
        lines: Some(lines.iter().map(|l| l.to_string()).collect()),
        ..AnalysisOptions::default()
    };
    let a = run(&monthly_archive(), opts);
    let periods = col_str(&a.chart_periods, "period");
    assert_eq!(periods, [s("2019-01"), s("2019-03")]);
    let (entity, period) = (
        col_str(&a.trend_lines, "entity"),
        col_str(&a.trend_lines, "period"),
    );
    assert_eq!(entity.len(), lines.len() * periods.len());
    let (share, smoothed) = (
        col_f64(&a.trend_lines, "share"),
        lists(&a.lines, "smoothed"),
    );
    assert_eq!(col_str(&a.lines, "entity"), lines.map(s));
    for (e, series) in lines.iter().zip(lists(&a.lines, "share")) {
        let of: Vec<_> = (0..entity.len()).filter(|&i| entity[i] == s(e)).collect();
        assert_eq!(of.iter().map(|&i| share[i]).collect::<Vec<_>>(), series);
        let of: Vec<_> = of.iter().map(|&i| period[i].clone()).collect();
        assert_eq!(of, periods, "{e}");
    }
    let topics = col_str(&a.topic_mix, "topic");
    assert_eq!(topics.len(), 3, "{topics:?}");
    for (t, v) in topics.iter().zip(lists(&a.topic_mix, "percent")) {
        assert_eq!(v.len(), periods.len());
        assert!(v.iter().any(|x| x.is_some_and(|x| x > 0.0)), "{t:?}");
    }
    assert!(smoothed
        .concat()
        .iter()
        .all(|x| x.is_some_and(f64::is_finite)));
    let h = run(&pair_archive(), AnalysisOptions::default()).heatmap;
    let labels = col_str(&h, "entity");
    assert!(labels.len() >= 2, "{labels:?}");
    assert!(lists(&h, "npmi").iter().all(|r| r.len() == labels.len()));
}

/// Each row's list of a list column of floats.
fn lists(df: &DataFrame, c: &str) -> Vec<Vec<Option<f64>>> {
    let row = |l: Option<Series>| l.unwrap().f64().unwrap().iter().collect();
    df.column(c)
        .unwrap()
        .list()
        .unwrap()
        .series_iter()
        .map(row)
        .collect()
}

/// The corpus' warnings and skipped inputs reach the overview through the frames, with no
/// option to set: a library caller that builds frames and analyses gets them, the first 20
/// warnings' texts (the ones the report lists) and the data files' row counts.
#[test]
fn reading_figures_come_with_the_frames() {
    let lex = fx::lexicon();
    let (mut corpus, extraction) = fx::build(&lex, &monthly_archive());
    let file = std::path::Path::new("bad.md");
    for i in 0..25 {
        let warning = topictrend::corpus::Warning::new(file, i, "skipped: test".into());
        corpus.skip(warning);
    }
    let frames = topictrend::frames::build(&corpus, &lex, &extraction).expect("frames");
    let a = analyze(&frames, &lex, &AnalysisOptions::default()).expect("analysis");
    let got = ["warnings", "warnings_listed", "warnings_more", "skipped"];
    assert_eq!(got.map(|c| col_u64(&a.overview, c)[0]), [25, 20, 5, 25]);
    let listed = col_str(&a.warnings, "warning");
    assert_eq!(listed.len(), 20);
    assert_eq!(listed[19].as_deref(), Some("bad.md:19: skipped: test"));
    let rows = ["issues_rows", "items_rows", "mentions_rows", "events_rows"];
    let heights = [
        &frames.issues,
        &frames.items,
        &frames.mentions,
        &frames.events,
    ];
    assert_eq!(
        rows.map(|c| col_u64(&a.overview, c)[0]),
        heights.map(|f| f.height() as u64)
    );
}
