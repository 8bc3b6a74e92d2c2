//! "Sources featured" (render stage): the publishers (engineering blogs, project sites,
//! publications) that article items link to over the whole archive, from the `all` rows of
//! `csv/sources.csv` in their order (items desc, publisher asc), a chart of the most linked
//! ones, and the leading publishers of each year from the per-year rows.

use super::fmt::{chart, int, pct, plural, table_or};
use super::frame::View;
use super::md::source;
use super::Ctx;
use crate::render::markdown::{Align, Table};
use crate::render::{BarRow, HorizontalBars, RenderError, ValueFormat};
use std::collections::BTreeMap;

/// (year, publisher, items, linked, share): one row of `csv/sources.csv`.
type SourceRow = (String, String, u64, u64, f64);

/// The rows of `which` year (`all` for the archive), or of every dated year when `None`.
fn rows_of(ctx: &Ctx, which: Option<&str>) -> Result<Vec<SourceRow>, RenderError> {
    let v = View::new("sources", &ctx.analysis().sources);
    let (year, publisher) = (v.str("year")?, v.str("publisher")?);
    let (items, linked, share) = (v.u64("items")?, v.u64("linked")?, v.f64("share")?);
    Ok((0..v.height())
        .filter(|&i| which.is_none_or(|w| year[i] == w) && (which.is_some() || year[i] != "all"))
        .map(|i| {
            (
                year[i].clone(),
                publisher[i].clone(),
                items[i],
                linked[i],
                share[i],
            )
        })
        .collect())
}

fn rows(ctx: &Ctx) -> Result<Vec<(String, u64, u64, f64)>, RenderError> {
    Ok(rows_of(ctx, Some("all"))?
        .into_iter()
        .map(|(_, p, items, linked, share)| (p, items, linked, share))
        .collect())
}

/// Bars of the most linked publishers over the archive (`charts/sources.*`).
pub fn bars(ctx: &Ctx) -> Result<HorizontalBars, RenderError> {
    Ok(HorizontalBars {
        title: "Most linked publishers".to_string(),
        x_label: "Article items whose first link is to the publisher".to_string(),
        rows: rows(ctx)?
            .iter()
            .take(ctx.config().top)
            .map(|(p, items, _, _)| BarRow::new(p, *items as f64))
            .collect(),
        format: ValueFormat::Count,
    })
}

/// One row per year: linked article items and the three most linked publishers.
fn by_year(ctx: &Ctx) -> Result<Table, RenderError> {
    let mut years: BTreeMap<String, Vec<(String, u64, u64, f64)>> = BTreeMap::new();
    for (year, p, items, linked, share) in rows_of(ctx, None)? {
        years
            .entry(year)
            .or_default()
            .push((p, items, linked, share));
    }
    let mut t = Table::new(["Year", "Linked items", "Most linked publishers"])
        .numbers_from(1)
        .align(2, Align::Left);
    for (year, rows) in &years {
        let linked = rows.first().map(|r| r.2).unwrap_or(0);
        let top: Vec<String> = rows
            .iter()
            .take(3)
            .map(|(p, items, _, _)| format!("{p} ({})", int(*items)))
            .collect();
        t.push([year.clone(), int(linked), top.join(", ")])?;
    }
    Ok(t)
}

pub fn section(ctx: &Ctx) -> Result<String, RenderError> {
    let rows = rows(ctx)?;
    let mut out = String::from("## Sources featured\n\n");
    let Some(first) = rows.first() else {
        out.push_str(
            "No article item links to a publisher: plain-text archives keep few links; HTML, \
             feed and Substack inputs fill this section.\n\n",
        );
        return Ok(out);
    };
    out.push_str(&format!(
        "Publishers of the first link of each article item: {} of {} article items link to \
         one, across {} publishers. {} was linked most, from {} ({}).\n\n",
        int(first.2),
        int(ctx.analysis().summary.article_items),
        int(rows.len() as u64),
        first.0,
        plural(first.1, "item"),
        pct(first.3),
    ));
    let n = ctx.config().top;
    let mut t = Table::new(["Publisher", "Items", "Share of linked items"]).numbers_from(1);
    for (p, items, _, share) in rows.iter().take(n) {
        t.push([p.clone(), int(*items), pct(*share)])?;
    }
    out.push_str(&chart("sources", "Most linked publishers", &["sources"]));
    out.push_str(&table_or(&t, ""));
    out.push_str(&source(&["sources"]));
    let years = by_year(ctx)?;
    if !years.is_empty() {
        out.push_str(
            "### By year

",
        );
        out.push_str(&table_or(&years, ""));
        out.push_str(&source(&["sources"]));
    }
    if rows.len() > n {
        out.push_str(&format!(
            "{} more publishers, and the same figures per year, are in `csv/sources.csv`.\n\n",
            int((rows.len() - n) as u64)
        ));
    }
    Ok(out)
}
