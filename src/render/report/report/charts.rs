//! The report's charts (render stage), each as `charts/<name>.svg` and `.png`: top entities,
//! trend lines, topic mix over time, the NPMI heatmap, meetups by country and continent, the
//! movers between the first and last third of the archive, and the most linked publishers.
//! Each draws the rows of an analysis frame in its order; percents are shares x 100.

use crate::render::chart::{
    BarRow, Heatmap, HorizontalBars, MoverRow, Movers, Series, StackedArea, TrendLines, ValueFormat,
};
use crate::render::error::RenderError;
use crate::render::report::context::ReportInput;
use crate::render::report::frame::View;
use crate::render::report::helpers::{files, File};

pub fn all(ctx: &ReportInput) -> Result<Vec<File>, RenderError> {
    let mut out = files("top_entities", &top_entities(ctx)?)?;
    out.extend(files("trends", &trend_lines(ctx)?)?);
    out.extend(files("topic_share", &topic_share(ctx)?)?);
    out.extend(files("comentions_heatmap", &heatmap(ctx)?)?);
    out.extend(meetups(ctx, "places", "country")?);
    out.extend(meetups(ctx, "continents", "continent")?);
    out.extend(files("movers", &movers(ctx)?)?);
    out.extend(files("sources", &sources(ctx)?)?);
    Ok(out)
}

fn top_entities(ctx: &ReportInput) -> Result<HorizontalBars, RenderError> {
    let f = ctx.table("top_bars")?;
    let (entity, category, items) = (f.str("entity")?, f.str("category")?, f.u64("items")?);
    let rows = (0..f.height())
        .map(|i| BarRow::new(&entity[i], items[i] as f64).in_group(&category[i]))
        .collect();
    Ok(HorizontalBars {
        title: "Most covered entities".to_string(),
        x_label: "Article items naming the entity".to_string(),
        rows,
        format: ValueFormat::Count,
        cut_from: cut_from(&f)?,
    })
}

/// The rows a bar frame was cut from (its `total`, see `analysis::bars`).
fn cut_from(v: &View) -> Result<Option<usize>, RenderError> {
    Ok(v.u64("total")?.first().map(|&n| n as usize))
}

/// The chart periods, in time order.
fn periods(ctx: &ReportInput) -> Result<Vec<String>, RenderError> {
    ctx.table("chart_periods")?.str("period")
}

/// Each key's values, in table order: the long chart frame `v` pivoted to a series per key
/// of `column`. The chart frames are complete grids (a row per key and chart period, in time
/// order, a test checks it), so each key's rows are its whole series.
fn per_key<T: Copy>(
    v: &View,
    column: &str,
    keys: &[String],
    value: &[T],
) -> Result<Vec<Vec<T>>, RenderError> {
    let mut series: Vec<Vec<T>> = vec![Vec::new(); keys.len()];
    for (key, x) in v.str(column)?.iter().zip(value) {
        if let Some(s) = keys.iter().position(|k| k == key) {
            series[s].push(*x);
        }
    }
    Ok(series)
}

/// The keys of `column` in the order of their runs (the frame comes key by key).
fn runs(v: &View, column: &str) -> Result<Vec<String>, RenderError> {
    let mut keys = v.str(column)?;
    keys.dedup();
    Ok(keys)
}

/// One series per key, named by it.
fn series(keys: &[String], values: Vec<Vec<f64>>) -> Vec<Series> {
    keys.iter()
        .zip(values)
        .map(|(k, v)| Series::new(k, v))
        .collect()
}

fn trend_lines(ctx: &ReportInput) -> Result<TrendLines, RenderError> {
    let t = ctx.table("trend_lines")?;
    let periods = periods(ctx)?;
    let percent = |c: &str| -> Result<Vec<f64>, RenderError> {
        Ok(t.f64(c)?.into_iter().map(|v| v * 100.0).collect())
    };
    let (share, smoothed) = (percent("share")?, percent("smoothed")?);
    let keys = ctx.table("lines")?.str("entity")?;
    let (smooth, per) = (ctx.analysis.smooth, ctx.chart_period());
    let (y_label, raw) = if smooth > 1 {
        let mean = format!("{smooth}-{per} rolling mean; dots: each {per}");
        let raw = series(&keys, per_key(&t, "entity", &keys, &share)?);
        (format!("Share of article items ({mean})"), raw)
    } else {
        ("Share of article items".to_string(), Vec::new())
    };
    Ok(TrendLines {
        title: format!("Share of article items naming each entity, by {per}"),
        y_label,
        series: series(&keys, per_key(&t, "entity", &keys, &smoothed)?),
        raw,
        periods,
    })
}

fn topic_share(ctx: &ReportInput) -> Result<StackedArea, RenderError> {
    let t = ctx.table("topic_mix")?;
    let keys = runs(&t, "topic")?;
    let periods = periods(ctx)?;
    Ok(StackedArea {
        title: format!(
            "Topic mix of technology coverage, by {}",
            ctx.chart_period()
        ),
        y_label: "Share of topic coverage".to_string(),
        series: series(&keys, per_key(&t, "topic", &keys, &t.f64("percent")?)?),
        periods,
    })
}

fn heatmap(ctx: &ReportInput) -> Result<Heatmap, RenderError> {
    let h = ctx.table("heatmap")?;
    // Rows come by entity_a, a run per matrix row, entity_b in the same order.
    let labels = runs(&h, "entity_a")?;
    let values = per_key(&h, "entity_a", &labels, &h.opt_f64("npmi")?)?;
    Ok(Heatmap {
        title: "Co-mentions: NPMI of entity pairs named in the same article item".to_string(),
        labels,
        values,
    })
}

/// `charts/meetups_<label>.*`: resolved listings per country (`places`) or continent
/// (`continents`), one bar per row in the frame's order, coloured by continent.
fn meetups(ctx: &ReportInput, table: &'static str, label: &str) -> Result<Vec<File>, RenderError> {
    let v = ctx.table(table)?;
    let (name, continent, listings) = (v.str(label)?, v.str("continent")?, v.u64("listings")?);
    let rows = (0..v.height())
        .map(|i| BarRow::new(&name[i], listings[i] as f64).in_group(&continent[i]))
        .collect();
    let bars = HorizontalBars {
        title: format!("Meetup listings by {label}"),
        x_label: "Meetups".to_string(),
        rows,
        format: ValueFormat::Count,
        cut_from: cut_from(&v)?,
    };
    files(&format!("meetups_{label}"), &bars)
}

fn movers(ctx: &ReportInput) -> Result<Movers, RenderError> {
    let m = ctx.table("movers_chart")?;
    let (entity, label) = (m.str("entity")?, m.str("label")?);
    let (first, last) = (m.f64("first_share")?, m.f64("last_share")?);
    let change = m.f64("change")?;
    let rows = (0..m.height())
        .map(|i| MoverRow {
            label: format!("{} ({})", entity[i], label[i]),
            a: first[i] * 100.0,
            b: last[i] * 100.0,
            change: change[i] * 100.0,
        })
        .collect();
    Ok(Movers {
        title: "Movers: share of article items, first third vs last third of the archive"
            .to_string(),
        x_label: "Share of article items".to_string(),
        label_a: "first third".to_string(),
        label_b: "last third".to_string(),
        rows,
    })
}

/// Bars of the most linked publishers over the archive (`charts/sources.*`).
fn sources(ctx: &ReportInput) -> Result<HorizontalBars, RenderError> {
    let v = ctx.table("source_bars")?;
    let (publisher, items) = (v.str("publisher")?, v.u64("items")?);
    Ok(HorizontalBars {
        title: "Most linked publishers".to_string(),
        x_label: "Article items whose first link is to the publisher".to_string(),
        rows: (0..v.height())
            .map(|i| BarRow::new(&publisher[i], items[i] as f64))
            .collect(),
        format: ValueFormat::Count,
        cut_from: cut_from(&v)?,
    })
}
