//! The report's charts (render stage), each as `charts/<name>.svg` and `.png`: top entities,
//! trend lines, topic mix over time, the NPMI heatmap, meetups by country and continent, the
//! movers between the first and last third of the archive, and the most linked publishers.
//! Each draws the rows of an analysis frame in its order, a series per row of a frame of
//! lists; percents are shares x 100.

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

/// One series per row of `v`, named by its `key` and drawing its list column `values`,
/// each value x `scale` (100 for shares drawn as percents).
fn series(v: &View, key: &str, values: &str, scale: f64) -> Result<Vec<Series>, RenderError> {
    let scaled = |l: &View| Ok(l.f64(values)?.into_iter().map(|x| x * scale).collect());
    let lists = v.lists(values, scaled)?;
    let keys = v.str(key)?;
    Ok(keys
        .iter()
        .zip(lists)
        .map(|(k, l)| Series::new(k, l))
        .collect())
}

fn trend_lines(ctx: &ReportInput) -> Result<TrendLines, RenderError> {
    let t = ctx.table("lines")?;
    let (smooth, per) = (ctx.analysis.smooth, ctx.chart_period());
    let (y_label, raw) = if smooth > 1 {
        let mean = format!("{smooth}-{per} rolling mean; dots: each {per}");
        let raw = series(&t, "entity", "share", 100.0)?;
        (format!("Share of article items ({mean})"), raw)
    } else {
        ("Share of article items".to_string(), Vec::new())
    };
    Ok(TrendLines {
        title: format!("Share of article items naming each entity, by {per}"),
        y_label,
        series: series(&t, "entity", "smoothed", 100.0)?,
        raw,
        periods: periods(ctx)?,
    })
}

fn topic_share(ctx: &ReportInput) -> Result<StackedArea, RenderError> {
    let t = ctx.table("topic_mix")?;
    Ok(StackedArea {
        title: format!(
            "Topic mix of technology coverage, by {}",
            ctx.chart_period()
        ),
        y_label: "Share of topic coverage".to_string(),
        series: series(&t, "topic", "percent", 1.0)?,
        periods: periods(ctx)?,
    })
}

fn heatmap(ctx: &ReportInput) -> Result<Heatmap, RenderError> {
    let h = ctx.table("heatmap")?;
    // A row per matrix row, its columns in the rows' order.
    Ok(Heatmap {
        title: "Co-mentions: NPMI of entity pairs named in the same article item".to_string(),
        labels: h.str("entity")?,
        values: h.lists("npmi", |l| l.opt_f64("npmi"))?,
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
