//! "Sources featured" (render stage): the publishers (engineering blogs, project sites,
//! publications) that article items link to over the whole archive, from the `all` rows of
//! `csv/sources.csv` in their order (items desc, publisher asc).

use super::fmt::{int, pct, plural, table_or};
use super::frame::View;
use super::md::source;
use super::Ctx;
use crate::render::markdown::Table;
use crate::render::RenderError;

/// (publisher, items, linked, share) of the whole-archive rows.
fn rows(ctx: &Ctx) -> Result<Vec<(String, u64, u64, f64)>, RenderError> {
    let v = View::new("sources", &ctx.analysis().sources);
    let (year, publisher) = (v.str("year")?, v.str("publisher")?);
    let (items, linked, share) = (v.u64("items")?, v.u64("linked")?, v.f64("share")?);
    Ok((0..v.height())
        .filter(|&i| year[i] == "all")
        .map(|i| (publisher[i].clone(), items[i], linked[i], share[i]))
        .collect())
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
    out.push_str(&table_or(&t, ""));
    out.push_str(&source(&["sources"]));
    if rows.len() > n {
        out.push_str(&format!(
            "{} more publishers, and the same figures per year, are in `csv/sources.csv`.\n\n",
            int((rows.len() - n) as u64)
        ));
    }
    Ok(out)
}
