//! "Overview" (render stage): the archive in figures (issues, dates, items by section,
//! mentions, entities found, meetup listings, trend periods), each with the CSV it comes from,
//! then the meetup places no city resolved and any input that was skipped.

use super::fmt::{int, table_or};
use super::md::{dates, numbers};
use super::Ctx;
use crate::corpus::Section;
use crate::render::markdown::Table;
use crate::render::RenderError;
use std::collections::BTreeMap;

pub fn section(ctx: &Ctx) -> Result<String, RenderError> {
    let mut t = Table::new(["Figure", "Value", "Source"]);
    for row in rows(ctx) {
        t.push(row)?;
    }
    let mut out = String::from("## Overview\n\n");
    out.push_str(&table_or(&t, ""));
    out.push_str(&unresolved(ctx));
    out.push_str(&skipped(ctx));
    Ok(out)
}

fn src(name: &str) -> String {
    format!("`csv/{name}.csv`")
}

fn rows(ctx: &Ctx) -> Vec<[String; 3]> {
    let s = &ctx.analysis().summary;
    let corpus = ctx.input.corpus;
    let count = |sec: Section| ctx.issues.sections[sec as usize];
    let by_section: Vec<String> = Section::ALL
        .iter()
        .map(|sec| format!("{} {}", int(count(*sec)), sec.as_str()))
        .collect();
    let items = format!("{} ({})", int(ctx.issues.items()), by_section.join(", "));
    let undated = format!(
        "{} dated, {} undated",
        int((s.issues - s.undated_issues) as u64),
        int(s.undated_issues as u64)
    );
    let mut rows = vec![
        [
            "Issues".into(),
            format!("{} ({})", int(s.issues as u64), numbers(ctx)),
            src("issues"),
        ],
        [
            "Dates".into(),
            format!("{}; {undated}", dates(ctx).unwrap_or_else(|| "none".into())),
            src("issues"),
        ],
        ["Items".into(), items, src("items")],
        [
            "Article items (coverage)".into(),
            int(s.article_items),
            src("summary"),
        ],
        ["Entity mentions".into(), mentions(ctx), src("mentions")],
        ["Entities found".into(), entities(ctx), src("frequency")],
        ["Meetup listings".into(), listings(ctx), src("events")],
        ["Trend periods".into(), periods(ctx), src("periods")],
        ["Co-mention pairs".into(), pairs(ctx), src("comentions")],
    ];
    if corpus.skipped > 0 {
        rows.push([
            "Inputs skipped".into(),
            int(corpus.skipped as u64),
            "below".into(),
        ]);
    }
    rows
}

fn mentions(ctx: &Ctx) -> String {
    let n = ctx.input.frames.mentions.height() as u64;
    format!("{} matches of lexicon names, every section", int(n))
}

fn entities(ctx: &Ctx) -> String {
    let f = &ctx.model.freq;
    let mut by: BTreeMap<&str, u64> = BTreeMap::new();
    for r in f {
        *by.entry(r.category.as_str()).or_insert(0) += 1;
    }
    let parts: Vec<String> = by.iter().map(|(c, n)| format!("{} {c}", int(*n))).collect();
    let covered = f.iter().filter(|r| r.items > 0).count() as u64;
    format!(
        "{} ({}); {} in article items",
        int(f.len() as u64),
        parts.join(", "),
        int(covered)
    )
}

fn listings(ctx: &Ctx) -> String {
    let l = &ctx.model.listings;
    format!(
        "{}; {} resolved to a city, {} unresolved",
        int(l.count),
        int(l.resolved),
        int(l.count - l.resolved)
    )
}

fn periods(ctx: &Ctx) -> String {
    let s = &ctx.analysis().summary;
    let mut out = format!("{} by {}", int(s.periods as u64), s.period.as_str());
    if s.skipped_periods > 0 {
        out.push_str(&format!(
            ", {} without an issue",
            int(s.skipped_periods as u64)
        ));
    }
    match (s.partial_first, s.partial_last) {
        (true, true) => out.push_str(", first and last partial"),
        (true, false) => out.push_str(", first partial"),
        (false, true) => out.push_str(", last partial"),
        _ => {}
    }
    out
}

fn pairs(ctx: &Ctx) -> String {
    let units = super::md::units(ctx).1;
    format!(
        "{} with at least {} shared {units}, over {} {units}",
        int(ctx.model.pairs.len() as u64),
        ctx.config().min_support,
        int(ctx.analysis().summary.comention_units),
    )
}

/// Places of listings that no city of the lexicon resolves, most frequent first.
fn unresolved(ctx: &Ctx) -> String {
    let by = &ctx.model.listings.unresolved;
    if by.is_empty() {
        return "Every meetup place resolved to a city of the lexicon.\n\n".to_string();
    }
    let mut places: Vec<(&str, u64)> = by.iter().map(|(p, n)| (p.as_str(), *n)).collect();
    places.sort_by(|a, b| (b.1, a.0).cmp(&(a.1, b.0)));
    let shown: Vec<String> = places
        .iter()
        .map(|(p, n)| format!("{} ({})", p.replace('|', "\\|"), int(*n)))
        .collect();
    format!(
        "Unresolved meetup places ({}), kept as `(unresolved)` in the meetup figures; add them \
         to `data/lexicon/cities.csv` to place them: {}.\n\n",
        int(places.len() as u64),
        shown.join(", ")
    )
}

fn skipped(ctx: &Ctx) -> String {
    let w = &ctx.input.corpus.warnings;
    if w.is_empty() {
        return String::new();
    }
    let mut out = format!("Problems met while reading ({}):\n\n", int(w.len() as u64));
    for warning in w.iter().take(20) {
        out.push_str(&format!("- {warning}\n"));
    }
    if w.len() > 20 {
        out.push_str(&format!(
            "- and {} more (printed as warnings on stderr)\n",
            int(w.len() as u64 - 20)
        ));
    }
    out.push('\n');
    out
}
