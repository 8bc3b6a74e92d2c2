//! "Sources featured" (render stage): the publishers (engineering blogs, project sites,
//! publications) that article items link to over the whole archive, from the `all` rows of
//! `csv/sources.csv` in their order (items desc, publisher asc), a chart of the most linked
//! ones, and the leading publishers of each year from the per-year rows.

use crate::render::markdown::{Align, Table};
use crate::render::report::context::Ctx;
use crate::render::report::helpers::{chart, int, pct, plural, source, table_or};
use crate::render::{BarRow, HorizontalBars, RenderError, ValueFormat};

/// The `all` rows of `sources` (publisher, items, linked, share), in table order.
type Rows = (Vec<String>, Vec<u64>, Vec<u64>, Vec<f64>);

fn all_rows(ctx: &Ctx) -> Result<Rows, RenderError> {
    let v = ctx.table("sources")?;
    let year = v.str("year")?;
    let rows: Vec<usize> = (0..v.height()).filter(|&i| year[i] == "all").collect();
    let (publisher, items) = (v.str("publisher")?, v.u64("items")?);
    let (linked, share) = (v.u64("linked")?, v.f64("share")?);
    Ok((
        rows.iter().map(|&i| publisher[i].clone()).collect(),
        rows.iter().map(|&i| items[i]).collect(),
        rows.iter().map(|&i| linked[i]).collect(),
        rows.iter().map(|&i| share[i]).collect(),
    ))
}

/// Bars of the most linked publishers over the archive (`charts/sources.*`).
pub fn bars(ctx: &Ctx) -> Result<HorizontalBars, RenderError> {
    let (publisher, items, _, _) = all_rows(ctx)?;
    Ok(HorizontalBars {
        title: "Most linked publishers".to_string(),
        x_label: "Article items whose first link is to the publisher".to_string(),
        rows: publisher
            .iter()
            .zip(&items)
            .take(ctx.config().top)
            .map(|(p, n)| BarRow::new(p, *n as f64))
            .collect(),
        format: ValueFormat::Count,
    })
}

/// One row per year (`sources_by_year`): linked article items and the three most linked
/// publishers.
fn by_year(ctx: &Ctx) -> Result<Table, RenderError> {
    let v = ctx.table("sources_by_year")?;
    let (year, publisher) = (v.str("year")?, v.str("publisher")?);
    let (items, linked) = (v.u64("items")?, v.u64("linked")?);
    let mut t = Table::new(["Year", "Linked items", "Most linked publishers"])
        .numbers_from(1)
        .align(2, Align::Left);
    let mut start = 0;
    while start < v.height() {
        let end = (start..v.height())
            .find(|&i| year[i] != year[start])
            .unwrap_or(v.height());
        let top: Vec<String> = (start..end)
            .map(|i| format!("{} ({})", publisher[i], int(items[i])))
            .collect();
        t.push([year[start].clone(), int(linked[start]), top.join(", ")])?;
        start = end;
    }
    Ok(t)
}

pub fn section(ctx: &Ctx) -> Result<String, RenderError> {
    let (publisher, items, linked, share) = all_rows(ctx)?;
    let mut out = String::from("## Sources featured\n\n");
    if publisher.is_empty() {
        out.push_str(
            "No article item links to a publisher: plain-text archives keep few links; HTML, \
             feed and Substack inputs fill this section.\n\n",
        );
        return Ok(out);
    }
    out.push_str(&format!(
        "Publishers of the first link of each article item: {} of {} article items link to \
         one, across {} publishers. {} was linked most, from {} ({}).\n\n",
        int(linked[0]),
        int(ctx.summary("article_items")?),
        int(publisher.len() as u64),
        publisher[0],
        plural(items[0], "item"),
        pct(share[0]),
    ));
    let n = ctx.config().top;
    let mut t = Table::new(["Publisher", "Items", "Share of linked items"]).numbers_from(1);
    for i in 0..publisher.len().min(n) {
        t.push([publisher[i].clone(), int(items[i]), pct(share[i])])?;
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
    if publisher.len() > n {
        out.push_str(&format!(
            "{} more publishers, and the same figures per year, are in `csv/sources.csv`.\n\n",
            int((publisher.len() - n) as u64)
        ));
    }
    Ok(out)
}
