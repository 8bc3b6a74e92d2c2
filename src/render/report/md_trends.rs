//! "Trends" (render stage): how many entities got each label, then the new, rising, falling
//! and quiet ones with the figures behind each label (rows of `csv/labels.csv`), the trend
//! lines and the movers chart. Thin data is said plainly, with the reason.

use super::fmt::{and_list, chart, int, num, p, pct, plural, table_or};
use super::md::source;
use super::{md_lines, Ctx};
use crate::analysis::{EntityTrend, Label};
use crate::render::markdown::Table;
use crate::render::RenderError;

pub fn section(ctx: &Ctx) -> Result<String, RenderError> {
    let mut out = String::from("## Trends\n\n");
    out.push_str(&counts(ctx));
    for label in [Label::Rising, Label::Falling, Label::New, Label::Quiet] {
        out.push_str(&labelled(ctx, label)?);
    }
    out.push_str(&md_lines::lines(ctx));
    out.push_str(&md_lines::movers_note(ctx));
    out.push_str(&chart(
        "movers",
        "Movers between the first and last third",
        &["labels"],
    ));
    Ok(out)
}

pub fn any_moving(ctx: &Ctx) -> bool {
    [Label::New, Label::Rising, Label::Falling, Label::Quiet]
        .iter()
        .any(|l| label_count(ctx, *l) > 0)
}

fn label_count(ctx: &Ctx, l: Label) -> u64 {
    let s = &ctx.analysis().summary;
    s.labels.iter().find(|x| x.0 == l).map_or(0, |x| x.1 as u64)
}

/// Label counts, and the reason when nothing moves.
fn counts(ctx: &Ctx) -> String {
    let s = &ctx.analysis().summary;
    let total: u64 = s.labels.iter().map(|x| x.1 as u64).sum();
    let some: Vec<String> = s
        .labels
        .iter()
        .filter(|x| x.1 > 0)
        .enumerate()
        .map(|(i, (l, n))| {
            let verb = match (i, n) {
                (0, 1) => " is",
                (0, _) => " are",
                _ => "",
            };
            format!("{}{verb} {}", int(*n as u64), l.as_str())
        })
        .collect();
    let none: Vec<String> = s
        .labels
        .iter()
        .filter(|x| x.1 == 0)
        .map(|(l, _)| l.as_str().to_string())
        .collect();
    let mut out = format!(
        "Trends are measured by {} over {}. Of the {} entities found, {}",
        s.period.as_str(),
        plural(s.periods as u64, "period"),
        int(total),
        and_list(&some)
    );
    if !none.is_empty() {
        out.push_str(&format!("; none is {}", or_list(&none)));
    }
    out.push('.');
    let rules = crate::analysis::TrendRules::default();
    let sparse = label_count(ctx, Label::Sparse);
    if sparse > 0 {
        out.push_str(&format!(
            " Sparse entities have fewer than {} article items: too few to judge.",
            rules.min_items
        ));
    }
    let moving: u64 = [Label::New, Label::Rising, Label::Falling, Label::Quiet]
        .iter()
        .map(|l| label_count(ctx, *l))
        .sum();
    if moving == 0 {
        out.push_str(&format!(" {}", why_still(ctx, sparse, total)));
    }
    out.push_str("\n\n");
    out
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(names: &[String]) -> String {
    and_list(names).replacen(" and ", " or ", 1)
}

/// Why no entity is new, rising, falling or quiet.
fn why_still(ctx: &Ctx, sparse: u64, total: u64) -> String {
    let s = &ctx.analysis().summary;
    if s.periods < 2 {
        return "With a single period there is no change to measure, so every entity with \
                enough items is steady."
            .to_string();
    }
    if s.periods < 6 || sparse * 2 > total {
        return format!(
            "That is expected here: {} and {} article items are too little data for any change \
             to pass the tests (a trend needs |z_adj| of at least 2.58, p < 0.01, and at least \
             8 article items); a longer archive gives these labels meaning.",
            plural(s.periods as u64, "period"),
            int(s.article_items)
        );
    }
    "Coverage was stable over the archive.".to_string()
}

fn empty_sentence(l: Label) -> &'static str {
    match l {
        Label::Rising => "No entity rose significantly (|z_adj| >= 2.58, p < 0.01, with a last-third share at least 1.5 times the first-third share).",
        Label::Falling => "No entity fell significantly (|z_adj| >= 2.58, p < 0.01, with a last-third share at most 1/1.5 of the first-third share).",
        Label::New => "No entity first appeared after the warm-up (the first 25% of article items) and then held on for 3 periods.",
        _ => "No regularly covered entity went missing from the last stretch (the last 20% of article items).",
    }
}

fn title(l: Label) -> &'static str {
    match l {
        Label::Rising => "### Rising",
        Label::Falling => "### Falling",
        Label::New => "### New",
        _ => "### Quiet",
    }
}

fn labelled(ctx: &Ctx, l: Label) -> Result<String, RenderError> {
    let rows: Vec<&EntityTrend> = ctx
        .analysis()
        .trends_by_entity
        .iter()
        .filter(|t| t.label == l)
        .collect();
    let n = ctx.config().top;
    let t = table(ctx, l, &rows[..rows.len().min(n)])?;
    let mut out = format!("{}\n\n", title(l));
    out.push_str(&table_or(&t, empty_sentence(l)));
    if !rows.is_empty() {
        out.push_str(&source(&["labels", "frequency"]));
    }
    if rows.len() > n {
        out.push_str(&format!(
            "{} more in `csv/labels.csv`.\n\n",
            int((rows.len() - n) as u64)
        ));
    }
    Ok(out)
}

fn table(ctx: &Ctx, l: Label, rows: &[&EntityTrend]) -> Result<Table, RenderError> {
    let seen = |e: &str, last: bool| {
        let f = ctx.model.entity(e);
        let d = f.and_then(|f| {
            if last {
                f.last_seen.clone()
            } else {
                f.first_seen.clone()
            }
        });
        d.unwrap_or_else(|| "–".to_string())
    };
    let mut t = match l {
        Label::New => Table::new(["Entity", "First seen", "Items", "Periods", "Last third"]),
        Label::Quiet => Table::new(["Entity", "Last seen", "Items", "Periods", "First third"]),
        _ => Table::new([
            "Entity",
            "Items",
            "Periods",
            "First third",
            "Last third",
            "Ratio",
            "z_adj",
            "p",
        ]),
    }
    .numbers_from(1);
    for r in rows {
        let (items, periods) = (int(r.items), int(r.periods as u64));
        match l {
            Label::New => t.push([
                r.entity.clone(),
                seen(&r.entity, false),
                items,
                periods,
                pct(r.last_share),
            ])?,
            Label::Quiet => t.push([
                r.entity.clone(),
                seen(&r.entity, true),
                items,
                periods,
                pct(r.first_share),
            ])?,
            _ => t.push([
                r.entity.clone(),
                items,
                periods,
                pct(r.first_share),
                pct(r.last_share),
                num(r.ratio, 2),
                num(r.z_adj, 2),
                p(r.p_value),
            ])?,
        }
    }
    Ok(t)
}
