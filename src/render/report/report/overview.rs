//! "Overview" (render stage): the archive in figures (issues, dates, items by section,
//! mentions, entities found, meetup listings, trend periods), each with the CSV it comes from,
//! then the meetup places no city resolved and any input that was skipped.

use crate::frames::section_names;
use crate::render::error::RenderError;
use crate::render::markdown::Table;
use crate::render::report::context::ReportInput;
use crate::render::report::helpers::{int, table_or};

pub fn section(ctx: &ReportInput) -> Result<String, RenderError> {
    let mut t = Table::new(["Figure", "Value", "Source"]);
    for row in rows(ctx)? {
        t.push(row)?;
    }
    let mut out = String::from("## Overview\n\n");
    out.push_str(&table_or(&t, ""));
    out.push_str(&unresolved(ctx)?);
    out.push_str(&skipped(ctx)?);
    Ok(out)
}

fn src(name: &str) -> String {
    format!("`csv/{name}.csv`")
}

fn rows(ctx: &ReportInput) -> Result<Vec<[String; 3]>, RenderError> {
    let issues = format!("{} ({})", int(ctx.summary("issues")?), ctx.numbers()?);
    let (dated, undated) = (ctx.overview("dated")?, ctx.summary("undated_issues")?);
    let mut by_section = Vec::new();
    for sec in section_names() {
        by_section.push(format!("{} {sec}", int(ctx.overview(sec)?)));
    }
    let by_section = by_section.join(", ");
    let items = format!("{} ({by_section})", int(ctx.overview("items")?));
    let dates = ctx.dates()?.unwrap_or_else(|| "none".into());
    let dates = format!("{dates}; {} dated, {} undated", int(dated), int(undated));
    let articles = int(ctx.summary("article_items")?);
    let mut rows = vec![
        ["Issues".into(), issues, src("issues")],
        ["Dates".into(), dates, src("issues")],
        ["Items".into(), items, src("items")],
        ["Article items (coverage)".into(), articles, src("summary")],
        ["Entity mentions".into(), mentions(ctx)?, src("mentions")],
        ["Entities found".into(), entities(ctx)?, src("frequency")],
        ["Meetup listings".into(), listings(ctx)?, src("events")],
        ["Trend periods".into(), periods(ctx)?, src("periods")],
        ["Co-mention pairs".into(), pairs(ctx)?, src("comentions")],
    ];
    let skipped = ctx.overview("skipped")?;
    if skipped > 0 {
        rows.push(["Inputs skipped".into(), int(skipped), "below".into()]);
    }
    Ok(rows)
}

/// Mention rows, and where they come from when not all are lexicon names the text writes.
fn mentions(ctx: &ReportInput) -> Result<String, RenderError> {
    let (all, named) = (ctx.overview("mentions")?, ctx.overview("named")?);
    if ctx.table("overview")?.one_bool("all_named")? {
        return Ok(int(all) + " matches of lexicon names, every section");
    }
    let mut parts = vec![format!("{} as written", int(named))];
    for (key, what) in [
        ("makers", "makers of named products"),
        ("links", "only in links"),
        ("discovered", "discovered"),
    ] {
        let n = ctx.overview(key)?;
        if n > 0 {
            parts.push(format!("{} {what}", int(n)));
        }
    }
    let all = format!("{} ({}), every section", int(all), parts.join(", "));
    Ok(all)
}

fn entities(ctx: &ReportInput) -> Result<String, RenderError> {
    let found = ctx.table("found")?;
    let (category, n) = (found.str("category")?, found.u64("entities")?);
    let parts: Vec<String> = category
        .iter()
        .zip(&n)
        .map(|(c, n)| format!("{} {c}", int(*n)))
        .collect();
    Ok(format!(
        "{} ({}); {} in article items",
        int(ctx.overview("entities")?),
        parts.join(", "),
        int(ctx.overview("covered")?)
    ))
}

fn listings(ctx: &ReportInput) -> Result<String, RenderError> {
    Ok(format!(
        "{}; {} resolved to a city, {} unresolved",
        int(ctx.overview("listings")?),
        int(ctx.overview("resolved")?),
        int(ctx.overview("unresolved")?)
    ))
}

fn periods(ctx: &ReportInput) -> Result<String, RenderError> {
    let s = ctx.table("summary")?;
    let mut out = format!("{} by {}", int(s.one_u64("periods")?), ctx.period());
    let skipped = s.one_u64("skipped_periods")?;
    if skipped > 0 {
        out.push_str(&format!(", {} without an issue", int(skipped)));
    }
    match (s.one_bool("partial_first")?, s.one_bool("partial_last")?) {
        (true, true) => out.push_str(", first and last partial"),
        (true, false) => out.push_str(", first partial"),
        (false, true) => out.push_str(", last partial"),
        _ => {}
    }
    Ok(out)
}

fn pairs(ctx: &ReportInput) -> Result<String, RenderError> {
    let units = crate::render::report::helpers::units(ctx.config).1;
    Ok(format!(
        "{} with at least {} shared {units}, over {} {units}",
        int(ctx.overview("pairs")?),
        ctx.config.min_support,
        int(ctx.summary("comention_units")?),
    ))
}

/// Places of listings that no city of the lexicon resolves, most frequent first.
fn unresolved(ctx: &ReportInput) -> Result<String, RenderError> {
    let by = ctx.table("unresolved_places")?;
    if by.height() == 0 {
        return Ok("Every meetup place resolved to a city of the lexicon.\n\n".to_string());
    }
    let (place, n) = (by.str("place")?, by.u64("listings")?);
    let shown: Vec<String> = place
        .iter()
        .zip(&n)
        .map(|(p, n)| format!("{} ({})", p.replace('|', "\\|"), int(*n)))
        .collect();
    Ok(format!(
        "Unresolved meetup places ({}), kept as `(unresolved)` in the meetup figures; add them \
         to `data/lexicon/cities.csv` to place them: {}.\n\n",
        int(ctx.overview("places_unresolved")?),
        shown.join(", ")
    ))
}

/// The corpus' warnings the analysis lists (`warnings`), and how many more there were.
fn skipped(ctx: &ReportInput) -> Result<String, RenderError> {
    let warnings = ctx.overview("warnings")?;
    if warnings == 0 {
        return Ok(String::new());
    }
    let mut out = format!("Problems met while reading ({}):\n\n", int(warnings));
    for warning in ctx.table("warnings")?.str("warning")? {
        out.push_str(&format!("- {warning}\n"));
    }
    let more = ctx.overview("warnings_more")?;
    if more > 0 {
        out.push_str(&format!(
            "- and {} more (printed as warnings on stderr)\n",
            int(more)
        ));
    }
    out.push('\n');
    Ok(out)
}
