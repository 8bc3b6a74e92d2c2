//! "Meetups" (render stage): meetup listings by continent, country and city, from the
//! listings' resolved places (`csv/balance.csv` dimensions continent, country, city, built
//! from `csv/events.csv`), with the two meetup charts.

use super::fmt::{chart, int, num, pct, table_or};
use super::md::source;
use super::Ctx;
use crate::render::markdown::Table;
use crate::render::RenderError;

pub fn section(ctx: &Ctx) -> Result<String, RenderError> {
    let listings = ctx.model.listings.count;
    let mut out = String::from("## Meetups\n\n");
    if listings == 0 {
        out.push_str("The archive has no meetup listings.\n\n");
        return Ok(out);
    }
    out.push_str(&lead(ctx, listings));
    for (dim, head) in [
        ("continent", "Continent"),
        ("country", "Country"),
        ("city", "City"),
    ] {
        out.push_str(&dimension(ctx, dim, head)?);
    }
    out.push_str(&source(&["balance", "events"]));
    out.push_str(&chart(
        "meetups_continent",
        "Meetup listings by continent",
        &["events"],
    ));
    out.push_str(&chart(
        "meetups_country",
        "Meetup listings by country",
        &["events"],
    ));
    Ok(out)
}

fn keys(ctx: &Ctx, dim: &str) -> u64 {
    let rows = ctx.model.dimension(dim);
    rows.iter()
        .filter(|r| r.key != "(unresolved)" && r.count > 0)
        .count() as u64
}

fn lead(ctx: &Ctx, listings: u64) -> String {
    let top = ctx.model.dimension("continent");
    let first = top.iter().find(|r| r.key != "(unresolved)");
    let even = ctx
        .analysis()
        .concentration
        .iter()
        .find(|c| c.dimension == "country")
        .and_then(|c| c.evenness);
    let mut s = format!(
        "{} meetup listings in {} cities, {} countries and {} continents.",
        int(listings),
        int(keys(ctx, "city")),
        int(keys(ctx, "country")),
        int(keys(ctx, "continent"))
    );
    if let Some(f) = first {
        s.push_str(&format!(
            " {} hosted the most: {} listings ({}).",
            f.key,
            int(f.count),
            pct(f.share)
        ));
    }
    if let Some(e) = even {
        s.push_str(&format!(" Evenness across countries: {}.", num(e, 2)));
    }
    format!("{s} Shares are of all listings, unresolved places included.\n\n")
}

fn dimension(ctx: &Ctx, dim: &str, head: &str) -> Result<String, RenderError> {
    let rows = ctx.model.dimension(dim);
    let n = ctx.config().top;
    let mut t = Table::new([head, "Listings", "Share"]).numbers_from(1);
    for r in rows.iter().take(n) {
        t.push([r.key.clone(), int(r.count), pct(r.share)])?;
    }
    let mut out = table_or(&t, "");
    if rows.len() > n {
        out.push_str(&format!(
            "{} more in `csv/balance.csv`.\n\n",
            int((rows.len() - n) as u64)
        ));
    }
    Ok(out)
}
