//! Render stage, odd chart inputs: empty data, NaN and infinities, long labels, too many rows
//! or series, a single period, a large or malformed heatmap.

use super::{edge_pngs, png_size, samples, svg_texts};
use topictrend::render::{
    BarRow, Heatmap, HorizontalBars, MomentumMap, MomentumPoint, MoverRow, Movers, Series,
    StackedArea, TrendLines,
};

#[test]
fn empty_charts_say_no_data() {
    let svgs = [
        HorizontalBars {
            title: "Bars".into(),
            ..Default::default()
        }
        .svg(),
        TrendLines {
            title: "Lines".into(),
            periods: samples::months(),
            ..Default::default()
        }
        .svg(),
        StackedArea {
            title: "Area".into(),
            ..Default::default()
        }
        .svg(),
        Heatmap {
            title: "Heat".into(),
            ..Default::default()
        }
        .svg(),
        Movers {
            title: "Movers".into(),
            ..Default::default()
        }
        .svg(),
    ];
    for svg in svgs {
        let texts = svg_texts(&svg.expect("empty chart renders"));
        assert!(texts.iter().any(|t| t == "No data"), "{texts:?}");
    }
    let png = HorizontalBars {
        title: "Bars".into(),
        ..Default::default()
    }
    .png()
    .expect("png");
    assert_eq!(png_size(&png), HorizontalBars::SIZE);
}

/// Bars, momentum points and dumbbells come from the analysis cut and finite: a NaN or
/// infinite value, or more than 40 rows, is an error naming the chart, not a picture.
/// Lines, areas and heatmap cells leave such values out as gaps; a series of gaps is still
/// listed (the chart lists every series it is given: the analysis leaves out what it would not).
#[test]
fn non_finite_values_are_errors_or_gaps_not_panics() {
    let nan = f64::NAN;
    for value in [nan, f64::INFINITY] {
        let bars = HorizontalBars {
            title: "Bars".into(),
            rows: vec![BarRow::new("Kafka", 3.0), BarRow::new("Ghost", value)],
            ..Default::default()
        };
        let err = bars.svg().expect_err("non-finite bar");
        assert!(err.to_string().contains("horizontal bars"), "{err}");
    }
    let many = HorizontalBars {
        rows: (0..41).map(|i| BarRow::new(format!("e{i}"), 1.0)).collect(),
        ..Default::default()
    };
    assert!(many
        .png()
        .expect_err("41 bars")
        .to_string()
        .contains("41 rows"));
    let series = vec![
        Series::new("a", vec![1.0, nan, 2.0, 3.0, f64::INFINITY, 4.0]),
        Series::new("all gaps", vec![nan; 6]),
    ];
    let periods: Vec<String> = (1..=6).map(|i| format!("P{i}")).collect();
    let lines = TrendLines {
        title: "L".into(),
        periods: periods.clone(),
        series: series.clone(),
        ..Default::default()
    };
    assert!(svg_texts(&lines.svg().expect("lines"))
        .iter()
        .any(|t| t == "all gaps"));
    StackedArea {
        title: "A".into(),
        periods,
        series,
        ..Default::default()
    }
    .png()
    .expect("area");
    let heat = Heatmap {
        title: "H".into(),
        labels: vec!["a".into(), "b".into()],
        values: vec![vec![None, Some(nan)], vec![Some(0.5), None]],
    };
    heat.png().expect("heatmap");
    let movers = Movers {
        title: "M".into(),
        rows: vec![MoverRow {
            label: "x".into(),
            a: nan,
            b: 1.0,
            change: nan,
        }],
        ..Default::default()
    };
    assert!(movers.svg().is_err(), "a NaN dumbbell is an error");
}

#[test]
fn long_labels_are_cut_with_an_ellipsis() {
    let long = "Apache Kafka Streams Interactive Queries over a Very Long Internal Platform Name (Netflix)";
    let bars = HorizontalBars {
        title: "Bars".into(),
        rows: vec![BarRow::new(long, 5.0)],
        ..Default::default()
    };
    let texts = svg_texts(&bars.svg().expect("bars"));
    assert!(!texts.iter().any(|t| t == long));
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Apache Kafka") && t.ends_with('…')),
        "{texts:?}"
    );
}

#[test]
fn heatmap_rejects_a_matrix_that_does_not_match_its_labels() {
    let heat = Heatmap {
        title: "H".into(),
        labels: vec!["a".into(), "b".into()],
        values: vec![vec![Some(0.1)]],
    };
    let err = heat.svg().expect_err("ragged matrix");
    assert!(err.to_string().contains("2x2"), "{err}");
}

#[test]
fn awkward_inputs_render_at_the_fixed_size() {
    for (name, png) in edge_pngs() {
        assert!(png_size(&png).0 >= 1000, "{name}");
    }
    let texts = svg_texts(&samples::edge::many_bars().svg().expect("many bars"));
    assert!(
        texts.iter().any(|t| t == "Showing the first 40 of 48 bars"),
        "{texts:?}"
    );
}

/// The analysis picks at most 40 heatmap entities and 10 series: more is an error naming the
/// chart, not a picture cut by the renderer.
#[test]
fn heatmaps_beyond_forty_entities_and_charts_beyond_ten_series_are_errors() {
    let labels: Vec<String> = (0..41).map(|i| format!("entity {i}")).collect();
    let values = vec![vec![Some(0.25); 41]; 41];
    let heat = Heatmap {
        title: "H".into(),
        labels,
        values,
    };
    let err = heat.svg().expect_err("41 entities");
    assert!(err.to_string().contains("41 entities"), "{err}");
    let mut lines = samples::edge::long_trend();
    lines.series.push(lines.series[0].clone());
    assert!(lines
        .svg()
        .expect_err("11 series")
        .to_string()
        .contains("11 series"));
}

/// With raw values the trend lines draw them as faint dots (35% opacity) under the lines;
/// without, no faint dot is drawn.
#[test]
fn raw_points_are_drawn_faint_under_smoothed_lines() {
    let mut lines = samples::trend_lines();
    let plain = lines.svg().expect("lines");
    lines.raw = lines.series.clone();
    let with_raw = lines.svg().expect("lines");
    let faint = |svg: &str| svg.matches("<circle").count();
    assert!(faint(&with_raw) > faint(&plain), "no dots drawn");
    assert!(with_raw.contains("opacity=\"0.35") || with_raw.contains("fill-opacity=\"0.35"));
}

/// The momentum map labels every point and names the four quadrants; a point with a NaN
/// coordinate is an error; with no point it says "No data".
#[test]
fn momentum_map_labels_points_and_quadrants() {
    let point = |label: &str, x: f64, y: f64, quadrant: usize| MomentumPoint {
        label: label.into(),
        x,
        y,
        quadrant,
    };
    let map = MomentumMap {
        title: "Momentum".into(),
        x_label: "Share".into(),
        y_label: "Change".into(),
        points: vec![
            point("Kafka", 12.0, 1.5, 0),
            point("Flink", 2.0, 0.8, 1),
            point("Hadoop", 9.0, -2.5, 2),
            point("Pig", 1.0, -0.4, 3),
        ],
        x_split: 5.0,
        y_split: 0.0,
        quadrants: ["leading", "rising", "fading", "niche"].map(String::from),
    };
    let texts = svg_texts(&map.svg().expect("svg"));
    for t in [
        "Kafka", "Flink", "Hadoop", "Pig", "leading", "rising", "fading", "niche",
    ] {
        assert!(texts.iter().any(|x| x == t), "{t} missing: {texts:?}");
    }
    let mut broken = map.clone();
    broken.points.push(point("Broken", f64::NAN, 1.0, 0));
    assert!(broken.svg().is_err(), "a NaN point is an error");
    let empty = MomentumMap {
        title: "Momentum".into(),
        ..Default::default()
    };
    assert!(svg_texts(&empty.svg().expect("svg"))
        .iter()
        .any(|x| x == "No data"));
}
