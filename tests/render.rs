//! Render stage: every chart kind to well-formed SVG and correctly sized PNG, deterministic
//! bytes, sorting. Odd inputs are in `render/edge.rs`, tables in `render/tables.rs`.

#[path = "fixtures/render/samples.rs"]
mod samples;

use std::path::PathBuf;
use topictrend::render::{
    Heatmap, HorizontalBars, MoverRow, Movers, RenderError, StackedArea, TrendLines,
};

/// One chart kind with sample data, and texts its SVG must contain.
struct Case {
    name: &'static str,
    size: (u32, u32),
    svg: fn() -> Result<String, RenderError>,
    png: fn() -> Result<Vec<u8>, RenderError>,
    texts: &'static [&'static str],
}

macro_rules! case {
    ($name:literal, $ty:ty, $make:expr, $texts:expr) => {
        Case {
            name: $name,
            size: <$ty>::SIZE,
            svg: || $make.svg(),
            png: || $make.png(),
            texts: &$texts,
        }
    };
}

#[rustfmt::skip]
fn cases() -> Vec<Case> {
    vec![
        case!("top_entities", HorizontalBars, samples::top_entities(),
            ["Most mentioned entities, 2019-2020", "Article items mentioning the entity", "Kafka", "technology", "412"]),
        case!("meetups_country", HorizontalBars, samples::meetups_country(),
            ["Meetups by country", "United States", "North America", "Meetups"]),
        case!("meetups_continent", HorizontalBars, samples::meetups_continent(),
            ["Meetups by continent", "Europe", "239"]),
        case!("trend_lines", TrendLines, samples::trend_lines(),
            ["Share of article items mentioning each entity, by month", "Share of article items", "2019-01", "Kafka Streams"]),
        case!("stacked_topics", StackedArea, samples::stacked_topics(),
            ["Topic share of article items, by month", "infrastructure and cloud", "2019-01"]),
        case!("npmi_heatmap", Heatmap, samples::npmi_heatmap(),
            ["Co-mentions: NPMI of entity pairs in the same item", "NPMI", "MLflow Model Registry"]),
        case!("movers", Movers, samples::movers(),
            ["Biggest movers: share of article items, 2019 vs 2020", "2019", "2020", "Delta (Netflix)"]),
    ]
}

/// The trimmed text of every `<text>` element, after proving the SVG parses as XML.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg)
        .unwrap_or_else(|e| panic!("SVG is not well-formed XML: {e}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "text")
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    let img =
        image::load_from_memory_with_format(png, image::ImageFormat::Png).expect("PNG decodes");
    (img.width(), img.height())
}

#[test]
fn every_chart_is_well_formed_svg_with_its_title_and_labels() {
    for case in cases() {
        let texts = svg_texts(&(case.svg)().expect(case.name));
        for want in case.texts {
            assert!(
                texts.iter().any(|t| t == want),
                "{}: no text {want:?} in {texts:?}",
                case.name
            );
        }
    }
}

#[test]
fn every_chart_is_a_png_of_its_fixed_size() {
    for case in cases() {
        assert_eq!(
            png_size(&(case.png)().expect(case.name)),
            case.size,
            "{}",
            case.name
        );
    }
}

#[test]
fn rendering_is_deterministic() {
    for case in cases() {
        assert_eq!(
            (case.svg)().expect(case.name),
            (case.svg)().expect(case.name),
            "{} SVG",
            case.name
        );
        assert!(
            (case.png)().expect(case.name) == (case.png)().expect(case.name),
            "{} PNG",
            case.name
        );
    }
}

#[test]
fn movers_are_drawn_in_the_given_order() {
    let rows = [("flat", 5.0, 5.0), ("down", 9.0, 2.0), ("up", 1.0, 8.0)];
    let rows = rows
        .iter()
        .map(|(l, a, b)| MoverRow {
            label: l.to_string(),
            a: *a,
            b: *b,
            change: b - a,
        })
        .collect();
    let texts = svg_texts(
        &Movers {
            title: "M".into(),
            rows,
            ..Default::default()
        }
        .svg()
        .expect("movers"),
    );
    let order: Vec<&String> = texts
        .iter()
        .filter(|t| ["flat", "down", "up"].contains(&t.as_str()))
        .collect();
    // The analysis orders them (`picks::drawn`); the chart keeps the order it is given.
    assert_eq!(order, ["flat", "down", "up"]);
}

/// Writes every sample chart to `$TOPICTREND_CHART_DIR` (default `/tmp/charts`) for viewing:
/// `cargo test --test tests render::write_sample_charts -- --ignored`.
#[test]
#[ignore]
fn write_sample_charts() {
    let dir = std::env::var_os("TOPICTREND_CHART_DIR")
        .map_or_else(|| PathBuf::from("/tmp/charts"), PathBuf::from);
    std::fs::create_dir_all(&dir).expect("chart dir");
    for case in cases() {
        std::fs::write(
            dir.join(format!("{}.svg", case.name)),
            (case.svg)().expect(case.name),
        )
        .expect("write svg");
        std::fs::write(
            dir.join(format!("{}.png", case.name)),
            (case.png)().expect(case.name),
        )
        .expect("write png");
    }
    let edge = &dir.join("edge");
    std::fs::create_dir_all(edge).expect("edge dir");
    for (name, png) in edge_pngs() {
        std::fs::write(edge.join(format!("{name}.png")), png).expect("write png");
    }
}

fn edge_pngs() -> Vec<(&'static str, Vec<u8>)> {
    use samples::edge;
    vec![
        ("many_bars", edge::many_bars().png().expect("many bars")),
        ("long_trend", edge::long_trend().png().expect("long trend")),
        (
            "one_period_area",
            edge::one_period_area().png().expect("one period"),
        ),
        (
            "big_heatmap",
            edge::big_heatmap().png().expect("big heatmap"),
        ),
        ("empty", edge::empty().png().expect("empty")),
    ]
}

mod edge;
mod tables;
