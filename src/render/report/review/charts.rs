//! The year review's charts (render stage), as `charts/review_YYYY_<name>.svg` and `.png`:
//! the year's top entities, the movers between the years, the momentum map, meetups by continent in both
//! years and the topic shares of both years (the year alone when the archive has no issue in
//! the year before). Data are the `csv/review_YYYY_*.csv` rows.

use super::common::{view, Figures};
use crate::analysis::momentum::QUADRANTS;
use crate::analysis::YearReview;
use crate::render::chart::{
    BarRow, HorizontalBars, MomentumMap, MomentumPoint, MoverRow, Movers, ValueFormat,
};
use crate::render::error::RenderError;
use crate::render::report::helpers::{files, File};

pub fn all(r: &YearReview) -> Result<Vec<File>, RenderError> {
    let f = Figures::read(r)?;
    let name = |chart: &str| format!("review_{}_{chart}", r.year);
    let mut out = files(&name("top"), &top(r, &f)?)?;
    if r.movers.height() > 0 {
        out.extend(files(&name("movers"), &movers(r, &f)?)?);
    }
    if r.meetups.height() > 0 {
        out.extend(files(&name("meetups"), &meetups(r, &f)?)?);
    }
    if f.has_previous() && r.momentum.height() > 0 {
        out.extend(files(&name("momentum"), &momentum(r, &f)?)?);
    }
    if f.has_previous() {
        out.extend(files(&name("topics"), &topics(r, &f)?)?);
    } else {
        out.extend(files(&name("topics"), &topic_bars(r, &f)?)?);
    }
    Ok(out)
}

fn top(r: &YearReview, f: &Figures) -> Result<HorizontalBars, RenderError> {
    let v = view(r, "top");
    let (entity, category, items) = (v.str("entity")?, v.str("category")?, v.u64("items")?);
    Ok(HorizontalBars {
        title: format!("Top entities of {}", f.year[1]),
        x_label: format!("Article items naming the entity in {}", f.year[1]),
        rows: (0..v.height())
            .map(|i| BarRow::new(&entity[i], items[i] as f64).in_group(&category[i]))
            .collect(),
        format: ValueFormat::Count,
        cut_from: None,
    })
}

/// Dumbbells from the previous share to the share, labelled by `key`, of the frame `table`.
fn dumbbells(r: &YearReview, table: &'static str, key: &str) -> Result<Vec<MoverRow>, RenderError> {
    let v = view(r, table);
    let (keys, a, b) = (v.str(key)?, v.f64("prev_share")?, v.f64("share")?);
    let change = v.f64("change")?;
    Ok((0..v.height())
        .map(|i| MoverRow {
            label: keys[i].clone(),
            a: a[i] * 100.0,
            b: b[i] * 100.0,
            change: change[i] * 100.0,
        })
        .collect())
}

fn movers(r: &YearReview, f: &Figures) -> Result<Movers, RenderError> {
    let [y0, y1] = f.year;
    Ok(Movers {
        title: format!("Biggest movers: share of article items, {y0} vs {y1}"),
        x_label: "Share of article items".to_string(),
        label_a: y0.to_string(),
        label_b: y1.to_string(),
        rows: dumbbells(r, "movers_chart", "entity")?,
    })
}

/// Two bars per continent, one per year, coloured by year.
fn meetups(r: &YearReview, f: &Figures) -> Result<HorizontalBars, RenderError> {
    let (y0, y1) = (f.year[0].to_string(), f.year[1].to_string());
    let v = view(r, "meetups");
    let (key, prev, current) = (v.str("continent")?, v.u64("prev")?, v.u64("current")?);
    let rows = (0..v.height())
        .flat_map(|i| {
            let before = BarRow::new(format!("{} {y0}", key[i]), prev[i] as f64).in_group(&y0);
            let now = BarRow::new(format!("{} {y1}", key[i]), current[i] as f64).in_group(&y1);
            f.has_previous().then_some(before).into_iter().chain([now])
        })
        .collect();
    let years = if f.has_previous() {
        format!("{y0} and {y1}")
    } else {
        y1.clone()
    };
    Ok(HorizontalBars {
        title: format!("Meetup listings by continent, {years}"),
        x_label: "Meetup listings".to_string(),
        rows,
        format: ValueFormat::Count,
        cut_from: None,
    })
}

/// The year's topic shares alone, when there is no year before to compare with.
fn topic_bars(r: &YearReview, f: &Figures) -> Result<HorizontalBars, RenderError> {
    // Without a year before, the topics covered are those with items in the year.
    let v = view(r, "topics_covered");
    let (key, share) = (v.str("topic")?, v.f64("share")?);
    Ok(HorizontalBars {
        title: format!("Topic shares of technology coverage, {}", f.year[1]),
        x_label: "Share of topic coverage".to_string(),
        rows: (0..v.height())
            .map(|i| BarRow::new(&key[i], share[i] * 100.0))
            .collect(),
        format: ValueFormat::Percent,
        cut_from: None,
    })
}

fn topics(r: &YearReview, f: &Figures) -> Result<Movers, RenderError> {
    let [y0, y1] = f.year;
    Ok(Movers {
        title: format!("Topic shares of technology coverage, {y0} vs {y1}"),
        x_label: "Share of topic coverage".to_string(),
        label_a: y0.to_string(),
        label_b: y1.to_string(),
        rows: dumbbells(r, "topics_chart", "topic")?,
    })
}

/// The momentum map: the year's leading entities by share and change in points, coloured by
/// quadrant, split at the median share and zero change (`year_momentum`).
fn momentum(r: &YearReview, f: &Figures) -> Result<MomentumMap, RenderError> {
    let [y0, y1] = f.year;
    let v = view(r, "momentum");
    let (entity, share, change) = (v.str("entity")?, v.f64("share")?, v.f64("change_pp")?);
    let (quadrant, split) = (v.str("quadrant")?, v.f64("split_share")?);
    // A quadrant the chart has no colour for is an error, not a recoloured point.
    let point = |i: usize| match QUADRANTS.iter().position(|q| *q == quadrant[i]) {
        Some(at) => Ok(MomentumPoint {
            label: entity[i].clone(),
            x: share[i] * 100.0,
            y: change[i],
            quadrant: at,
        }),
        None => Err(RenderError::Chart {
            chart: format!("review_{}_momentum", r.year),
            message: format!("row {}: unknown quadrant {:?}", i + 1, quadrant[i]),
        }),
    };
    let points = (0..v.height()).map(point).collect::<Result<_, _>>()?;
    Ok(MomentumMap {
        title: format!("Momentum: share in {y1} and change since {y0}"),
        x_label: format!("Share of article items in {y1}"),
        y_label: format!("Change since {y0} (percentage points)"),
        points,
        x_split: split.first().copied().unwrap_or(0.0) * 100.0,
        y_split: 0.0,
        quadrants: QUADRANTS.map(str::to_string),
    })
}
