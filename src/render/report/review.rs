//! The year review's charts (render stage), as `charts/review_YYYY_<name>.svg` and `.png`:
//! the year's top entities, the movers between the years, meetups by continent in both
//! years and the topic shares of both years (the year alone when the archive has no issue in
//! the year before). Data are the `csv/review_YYYY_*.csv` rows.

use super::charts::files;
use super::exports::File;
use super::review_say::has_previous;
use crate::analysis::YearReview;
use crate::render::{BarRow, HorizontalBars, MoverRow, Movers, RenderError, ValueFormat};

pub fn charts(r: &YearReview) -> Result<Vec<File>, RenderError> {
    let y = r.current.year;
    let mut out = files(&format!("review_{y}_top"), &top(r))?;
    if !r.risers.is_empty() || !r.fallers.is_empty() {
        out.extend(files(&format!("review_{y}_movers"), &movers(r))?);
    }
    if !r.meetups.is_empty() {
        out.extend(files(&format!("review_{y}_meetups"), &meetups(r))?);
    }
    if has_previous(r) {
        out.extend(files(&format!("review_{y}_topics"), &topics(r))?);
    } else {
        out.extend(files(&format!("review_{y}_topics"), &topic_bars(r))?);
    }
    Ok(out)
}

fn top(r: &YearReview) -> HorizontalBars {
    HorizontalBars {
        title: format!("Top entities of {}", r.current.year),
        x_label: format!("Article items naming the entity in {}", r.current.year),
        rows: r
            .top
            .iter()
            .map(|t| BarRow::new(&t.entity, t.items as f64).in_group(&t.category))
            .collect(),
        format: ValueFormat::Count,
    }
}

fn movers(r: &YearReview) -> Movers {
    let rows = r
        .risers
        .iter()
        .chain(&r.fallers)
        .map(|m| MoverRow {
            label: m.entity.clone(),
            a: m.prev_share * 100.0,
            b: m.share * 100.0,
        })
        .collect();
    Movers {
        title: format!(
            "Biggest movers: share of article items, {} vs {}",
            r.previous.year, r.current.year
        ),
        x_label: "Share of article items".to_string(),
        label_a: r.previous.year.to_string(),
        label_b: r.current.year.to_string(),
        rows,
    }
}

/// Two bars per continent, one per year, coloured by year.
fn meetups(r: &YearReview) -> HorizontalBars {
    let (y0, y1) = (r.previous.year.to_string(), r.current.year.to_string());
    let rows = r
        .meetups
        .iter()
        .flat_map(|m| {
            let before = BarRow::new(format!("{} {y0}", m.key), m.prev as f64).in_group(&y0);
            let now = BarRow::new(format!("{} {y1}", m.key), m.current as f64).in_group(&y1);
            if has_previous(r) {
                vec![before, now]
            } else {
                vec![now]
            }
        })
        .collect();
    let years = if has_previous(r) {
        format!("{y0} and {y1}")
    } else {
        y1.clone()
    };
    HorizontalBars {
        title: format!("Meetup listings by continent, {years}"),
        x_label: "Meetup listings".to_string(),
        rows,
        format: ValueFormat::Count,
    }
}

/// The year's topic shares alone, when there is no year before to compare with.
fn topic_bars(r: &YearReview) -> HorizontalBars {
    let rows = r
        .topics
        .iter()
        .filter(|c| c.current > 0)
        .map(|c| BarRow::new(&c.key, c.share * 100.0))
        .collect();
    HorizontalBars {
        title: format!("Topic shares of technology coverage, {}", r.current.year),
        x_label: "Share of topic coverage".to_string(),
        rows,
        format: ValueFormat::Percent,
    }
}

fn topics(r: &YearReview) -> Movers {
    let rows = r
        .topics
        .iter()
        .filter(|c| c.prev > 0 || c.current > 0)
        .map(|c| MoverRow {
            label: c.key.clone(),
            a: c.prev_share * 100.0,
            b: c.share * 100.0,
        })
        .collect();
    Movers {
        title: format!(
            "Topic shares of technology coverage, {} vs {}",
            r.previous.year, r.current.year
        ),
        x_label: "Share of topic coverage".to_string(),
        label_a: r.previous.year.to_string(),
        label_b: r.current.year.to_string(),
        rows,
    }
}
