//! The report's charts (render stage), each as `charts/<name>.svg` and `.png`: top entities,
//! trend lines, topic mix over time, the NPMI heatmap, meetups by country and continent, and
//! the movers between the first and last third of the archive, and the most linked publishers. Data come from the model
//! (the CSV rows), in the CSV order.

use super::exports::File;
use super::model::{Listings, Model};
use super::Ctx;
use crate::analysis::{EntityTrend, Label};
use crate::render::{
    meetups_by_continent, meetups_by_country, BarRow, Heatmap, HorizontalBars, MeetupRow, MoverRow,
    Movers, RenderError, Series, StackedArea, TrendLines, ValueFormat,
};
use std::collections::BTreeMap;

/// Chart types the report writes; each gives an SVG document and PNG bytes.
pub trait Chart {
    fn svg(&self) -> Result<String, RenderError>;
    fn png(&self) -> Result<Vec<u8>, RenderError>;
}

macro_rules! chart {
    ($($t:ty),*) => {$(
        impl Chart for $t {
            fn svg(&self) -> Result<String, RenderError> { <$t>::svg(self) }
            fn png(&self) -> Result<Vec<u8>, RenderError> { <$t>::png(self) }
        }
    )*};
}
chart!(HorizontalBars, TrendLines, StackedArea, Heatmap, Movers);

/// `charts/<name>.svg` and `charts/<name>.png`.
pub fn files(name: &str, chart: &dyn Chart) -> Result<Vec<File>, RenderError> {
    Ok(vec![
        (format!("charts/{name}.svg"), chart.svg()?.into_bytes()),
        (format!("charts/{name}.png"), chart.png()?),
    ])
}

/// Topics drawn in the stacked area; the rest are summed as "other topics".
pub const AREA_TOPICS: usize = 7;
/// Entities in the heatmap.
pub const HEATMAP_ENTITIES: usize = 15;
/// Rows in the movers chart.
pub const MOVERS: usize = 12;

pub fn main(ctx: &Ctx) -> Result<Vec<File>, RenderError> {
    let m = &ctx.model;
    let charts: Vec<(&str, Box<dyn Chart>)> = vec![
        ("top_entities", Box::new(top_entities(m, ctx.config().top))),
        ("trends", Box::new(trend_lines(ctx))),
        ("topic_share", Box::new(topic_share(ctx))),
        ("comentions_heatmap", Box::new(heatmap(m))),
        (
            "meetups_country",
            Box::new(meetups_by_country(
                "Meetup listings by country",
                &meetup_rows(&m.listings),
            )),
        ),
        (
            "meetups_continent",
            Box::new(meetups_by_continent(
                "Meetup listings by continent",
                &meetup_rows(&m.listings),
            )),
        ),
        ("movers", Box::new(movers(ctx))),
        ("sources", Box::new(super::md_sources::bars(ctx)?)),
    ];
    let mut out = Vec::new();
    for (name, chart) in &charts {
        out.extend(files(name, chart.as_ref())?);
    }
    Ok(out)
}

/// The chart period in words: `issue`, `month`, ...
pub fn unit(ctx: &Ctx) -> &'static str {
    ctx.periodic.period.as_str()
}

fn top_entities(m: &Model, top: usize) -> HorizontalBars {
    let rows = m
        .freq
        .iter()
        .filter(|f| f.items > 0)
        .take(top)
        .map(|f| BarRow::new(&f.entity, f.items as f64).in_group(&f.category))
        .collect();
    HorizontalBars {
        title: "Most covered entities".to_string(),
        x_label: "Article items naming the entity".to_string(),
        rows,
        format: ValueFormat::Count,
    }
}

fn trend_lines(ctx: &Ctx) -> TrendLines {
    let t = &ctx.line_shares;
    TrendLines {
        title: format!(
            "Share of article items naming each entity, by {}",
            unit(ctx)
        ),
        y_label: "Share of article items".to_string(),
        periods: t.periods.clone(),
        series: t
            .keys
            .iter()
            .map(|e| Series::new(e, t.series(e, false)))
            .collect(),
    }
}

fn topic_share(ctx: &Ctx) -> StackedArea {
    let t = &ctx.topics;
    let mut series: Vec<Series> = t
        .keys
        .iter()
        .take(AREA_TOPICS)
        .map(|name| Series::new(name, t.series(name, true)))
        .collect();
    if t.keys.len() > AREA_TOPICS {
        let mut other = vec![0.0; t.periods.len()];
        for name in &t.keys[AREA_TOPICS..] {
            for (o, v) in other.iter_mut().zip(t.series(name, true)) {
                *o += v;
            }
        }
        series.push(Series::new("other topics", other));
    }
    StackedArea {
        title: format!("Topic mix of technology coverage, by {}", unit(ctx)),
        y_label: "Share of topic coverage".to_string(),
        periods: t.periods.clone(),
        series,
    }
}

/// The entities of the heatmap: the most covered ones with a kept pair, less those whose
/// partners all fall outside the chosen set (an all-empty row says nothing).
pub fn heatmap_entities(m: &Model) -> Vec<String> {
    let paired = |e: &str| m.pairs.iter().any(|p| p.a == e || p.b == e);
    let top: Vec<&str> = m
        .freq
        .iter()
        .filter(|f| paired(&f.entity))
        .take(HEATMAP_ENTITIES)
        .map(|f| f.entity.as_str())
        .collect();
    let partnered = |e: &str| {
        m.pairs.iter().any(|p| {
            (p.a == e && top.contains(&p.b.as_str())) || (p.b == e && top.contains(&p.a.as_str()))
        })
    };
    top.iter()
        .filter(|e| partnered(e))
        .map(|e| e.to_string())
        .collect()
}

fn heatmap(m: &Model) -> Heatmap {
    let labels = heatmap_entities(m);
    let npmi: BTreeMap<(&str, &str), f64> = m
        .pairs
        .iter()
        .flat_map(|p| {
            [
                ((p.a.as_str(), p.b.as_str()), p.npmi),
                ((p.b.as_str(), p.a.as_str()), p.npmi),
            ]
        })
        .collect();
    let values = labels
        .iter()
        .map(|r| {
            let row = labels
                .iter()
                .map(|c| npmi.get(&(r.as_str(), c.as_str())).copied());
            row.collect()
        })
        .collect();
    Heatmap {
        title: "Co-mentions: NPMI of entity pairs named in the same article item".to_string(),
        labels,
        values,
    }
}

/// Resolved listings per (country, continent).
pub fn meetup_rows(listings: &Listings) -> Vec<MeetupRow> {
    listings
        .by_country
        .iter()
        .map(|(country, continent, n)| MeetupRow {
            country: country.clone(),
            continent: continent.clone(),
            meetups: u32::try_from(*n).unwrap_or(u32::MAX),
        })
        .collect()
}

/// Fewer judged movers than this and the chart is topped up with sparse entities.
pub const MIN_MOVERS: usize = 5;

/// Entities of the movers chart: labelled new, rising, falling or quiet first, then the
/// steady ones by the size of their change; with fewer than [`MIN_MOVERS`], the most covered
/// sparse entities too (their label, shown on the chart, says they are too thin to judge).
pub fn mover_entities<'a>(ctx: &'a Ctx) -> Vec<&'a EntityTrend> {
    let all = &ctx.analysis().trends_by_entity;
    let moving = |l: Label| {
        matches!(
            l,
            Label::New | Label::Rising | Label::Falling | Label::Quiet
        )
    };
    let mut steady: Vec<&EntityTrend> = all.iter().filter(|t| t.label == Label::Steady).collect();
    let change = |t: &EntityTrend| (t.last_share - t.first_share).abs();
    steady.sort_by(|a, b| {
        change(b)
            .total_cmp(&change(a))
            .then_with(|| a.entity.cmp(&b.entity))
    });
    let mut out: Vec<&EntityTrend> = all
        .iter()
        .filter(|t| moving(t.label))
        .chain(steady)
        .take(MOVERS)
        .collect();
    if out.len() < MIN_MOVERS {
        let sparse = all
            .iter()
            .filter(|t| t.label == Label::Sparse && t.items > 0);
        out.extend(sparse.take(MIN_MOVERS.max(MOVERS / 2) - out.len()));
    }
    out
}

fn movers(ctx: &Ctx) -> Movers {
    let rows = mover_entities(ctx)
        .into_iter()
        .map(|t| MoverRow {
            label: format!("{} ({})", t.entity, t.label.as_str()),
            a: t.first_share * 100.0,
            b: t.last_share * 100.0,
        })
        .collect();
    Movers {
        title: "Movers: share of article items, first third vs last third of the archive"
            .to_string(),
        x_label: "Share of article items".to_string(),
        label_a: "first third".to_string(),
        label_b: "last third".to_string(),
        rows,
    }
}
