//! "Meetups" (render stage): meetup listings by continent, country and city, from the
//! listings' resolved places (`csv/balance.csv` dimensions continent, country, city, built
//! from `csv/events.csv`), with the two meetup charts.

use crate::render::error::RenderError;
use crate::render::markdown::Table;
use crate::render::report::context::ReportInput;
use crate::render::report::helpers::{
    cells, chart, int, more_rows, num, pct, source, table_or, Fmt,
};

pub fn section(ctx: &ReportInput) -> Result<String, RenderError> {
    let listings = ctx.overview("listings")?;
    let mut out = String::from("## Meetups\n\n");
    if listings == 0 {
        out.push_str("The archive has no meetup listings.\n\n");
        return Ok(out);
    }
    out.push_str(&lead(ctx, listings)?);
    for (dim, head) in [
        ("continent", "Continent"),
        ("country", "Country"),
        ("city", "City"),
    ] {
        out.push_str(&dimension(ctx, dim, head)?);
    }
    out.push_str(&source(&["balance", "events"]));
    for by in ["continent", "country"] {
        let alt = format!("Meetup listings by {by}");
        out += &chart(&format!("meetups_{by}"), &alt, &["events"]);
    }
    Ok(out)
}

fn lead(ctx: &ReportInput, listings: u64) -> Result<String, RenderError> {
    let c = ctx.table("balance_summary")?;
    let (keys, evenness) = (c.u64("keys")?, c.opt_f64("evenness")?);
    let row = |d: &str| -> Result<Option<usize>, RenderError> {
        Ok(c.part("dimension", d)?.first().copied())
    };
    let count =
        |d: &str| -> Result<String, RenderError> { Ok(int(row(d)?.map_or(0, |i| keys[i]))) };
    let even = row("country")?.and_then(|i| evenness[i]);
    let mut s = format!(
        "{} meetup listings in {} cities, {} countries and {} continents.",
        int(listings),
        count("city")?,
        count("country")?,
        count("continent")?
    );
    let o = ctx.table("overview")?;
    if let Some(top) = o.one_str("top_continent")? {
        s.push_str(&format!(
            " {top} hosted the most: {} listings ({}).",
            int(o.one_u64("top_continent_listings")?),
            pct(o.one_f64("top_continent_share")?)
        ));
    }
    if let Some(e) = even {
        s.push_str(&format!(" Evenness across countries: {}.", num(e, 2)));
    }
    Ok(format!(
        "{s} Shares are of all listings, unresolved places included.\n\n"
    ))
}

fn dimension(ctx: &ReportInput, dim: &str, head: &str) -> Result<String, RenderError> {
    let v = ctx.table("balance_shown")?;
    let rows = v.part("dimension", dim)?;
    let (_, more) = ctx.listed("balance", Some(dim))?;
    let columns = vec![
        (head, cells(&v, "key", Fmt::Text)?),
        ("Listings", cells(&v, "count", Fmt::Int)?),
        ("Share", cells(&v, "share", Fmt::Pct)?),
    ];
    let t = Table::of(columns, rows)?.numbers_from(1);
    Ok(table_or(&t, "") + &more_rows(more, "more in `csv/balance.csv`."))
}
