//! "Sources featured" (render stage): the publishers (engineering blogs, project sites,
//! publications) that article items link to over the whole archive, from the `all` rows of
//! `csv/sources.csv` in their order (items desc, publisher asc), a chart of the most linked
//! ones, and the leading publishers of each year from the per-year rows.

use crate::render::error::RenderError;
use crate::render::markdown::{Align, Table};
use crate::render::report::context::ReportInput;
use crate::render::report::helpers::{
    cells, chart, int, more_rows, pct, plural, source, table_or, Fmt,
};

/// One row per year (`sources_by_year`): linked article items and the three most linked
/// publishers.
fn by_year(ctx: &ReportInput) -> Result<Table, RenderError> {
    let v = ctx.table("sources_by_year")?;
    let (year, linked) = (v.str("year")?, v.u64("linked")?);
    let publishers = v.lists("publishers", |l| l.str("publishers"))?;
    let items = v.lists("publisher_items", |l| l.u64("publisher_items"))?;
    let mut t = Table::new(["Year", "Linked items", "Most linked publishers"])
        .numbers_from(1)
        .align(2, Align::Left);
    for (i, (names, counts)) in publishers.iter().zip(&items).enumerate() {
        let top = names.iter().zip(counts);
        let top: Vec<String> = top.map(|(p, n)| format!("{p} ({})", int(*n))).collect();
        t.push([year[i].clone(), int(linked[i]), top.join(", ")])?;
    }
    Ok(t)
}

pub fn section(ctx: &ReportInput) -> Result<String, RenderError> {
    let v = ctx.table("sources_shown")?;
    let rows = v.part("year", "all")?;
    let mut out = String::from("## Sources featured\n\n");
    let Some(&first) = rows.first() else {
        out.push_str(
            "No article item links to a publisher: plain-text archives keep few links; HTML, \
             feed and Substack inputs fill this section.\n\n",
        );
        return Ok(out);
    };
    out.push_str(&format!(
        "Publishers of the first link of each article item: {} of {} article items link to \
         one, across {} publishers. {} was linked most, from {} ({}).\n\n",
        int(v.u64("linked")?[first]),
        int(ctx.summary("article_items")?),
        int(ctx.overview("publishers")?),
        v.str("publisher")?[first],
        plural(v.u64("items")?[first], "item"),
        pct(v.f64("share")?[first]),
    ));
    let (_, more) = ctx.listed("sources", Some("all"))?;
    let columns = vec![
        ("Publisher", cells(&v, "publisher", Fmt::Text)?),
        ("Items", cells(&v, "items", Fmt::Int)?),
        ("Share of linked items", cells(&v, "share", Fmt::Pct)?),
    ];
    let t = Table::of(columns, rows)?.numbers_from(1);
    out.push_str(&chart("sources", "Most linked publishers", &["sources"]));
    out.push_str(&table_or(&t, ""));
    out.push_str(&source(&["sources"]));
    let years = by_year(ctx)?;
    if !years.is_empty() {
        out.push_str("### By year\n\n");
        out.push_str(&table_or(&years, ""));
        out.push_str(&source(&["sources"]));
    }
    out.push_str(&more_rows(
        more,
        "more publishers, and the same figures per year, are in `csv/sources.csv`.",
    ));
    Ok(out)
}
