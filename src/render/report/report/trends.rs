//! "Trends" (render stage): how many entities got each label, then the new, rising, falling
//! and quiet ones with the figures behind each label (rows of `csv/labels.csv`), the trend
//! lines and the movers chart. Thin data is said plainly, with the reason.

use super::lines;
use crate::analysis::labels::LABELS;
use crate::analysis::{Label, TrendRules};
use crate::render::markdown::Table;
use crate::render::report::context::Ctx;
use crate::render::report::helpers::{
    and_list, chart, int, legend, num, p, pct, plural, source, table_or,
};
use crate::render::RenderError;

pub fn section(ctx: &Ctx) -> Result<String, RenderError> {
    let mut out = String::from("## Trends\n\n");
    out.push_str(&counts(ctx)?);
    for label in [Label::Rising, Label::Falling, Label::New, Label::Quiet] {
        out.push_str(&labelled(ctx, label)?);
    }
    out.push_str(&lines::lines(ctx)?);
    out.push_str(&lines::movers_note(ctx)?);
    out.push_str(&chart(
        "movers",
        "Movers between the first and last third",
        &["labels"],
    ));
    Ok(out)
}

pub fn any_moving(ctx: &Ctx) -> Result<bool, RenderError> {
    for l in [Label::New, Label::Rising, Label::Falling, Label::Quiet] {
        if ctx.label_count(l)? > 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Label counts, and the reason when nothing moves.
fn counts(ctx: &Ctx) -> Result<String, RenderError> {
    let mut labels = Vec::new();
    for l in LABELS {
        labels.push((l, ctx.label_count(l)?));
    }
    let total = ctx.table("labels")?.height() as u64;
    let some: Vec<String> = labels
        .iter()
        .filter(|x| x.1 > 0)
        .enumerate()
        .map(|(i, (l, n))| {
            let verb = match (i, n) {
                (0, 1) => " is",
                (0, _) => " are",
                _ => "",
            };
            format!("{}{verb} {}", int(*n), l.as_str())
        })
        .collect();
    let none: Vec<String> = labels
        .iter()
        .filter(|x| x.1 == 0)
        .map(|(l, _)| l.as_str().to_string())
        .collect();
    let periods = ctx.summary("periods")?;
    let mut out = format!(
        "Trends are measured by {} over {}. Of the {} entities found, {}",
        ctx.period(),
        plural(periods, "period"),
        int(total),
        and_list(&some)
    );
    if !none.is_empty() {
        out.push_str(&format!("; none is {}", or_list(&none)));
    }
    out.push('.');
    let rules = TrendRules::default();
    if ctx.label_count(Label::Sparse)? > 0 {
        out.push_str(&format!(
            " Sparse entities have fewer than {} article items: too few to judge.",
            rules.min_items
        ));
    }
    if !any_moving(ctx)? {
        out.push_str(&format!(" {}", why_still(ctx)?));
    }
    out.push_str("\n\n");
    Ok(out)
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(names: &[String]) -> String {
    and_list(names).replacen(" and ", " or ", 1)
}

/// Why no entity is new, rising, falling or quiet.
fn why_still(ctx: &Ctx) -> Result<String, RenderError> {
    let periods = ctx.summary("periods")?;
    if periods < 2 {
        return Ok(
            "With a single period there is no change to measure, so every entity with \
                enough items is steady."
                .to_string(),
        );
    }
    if periods < 6 || ctx.table("overview")?.one_bool("mostly_sparse")? {
        return Ok(format!(
            "That is expected here: {} and {} article items are too little data for any change \
             to pass the tests (a trend needs |z_adj| of at least 2.58, p < 0.01, and at least \
             8 article items); a longer archive gives these labels meaning.",
            plural(periods, "period"),
            int(ctx.summary("article_items")?)
        ));
    }
    Ok("Coverage was stable over the archive.".to_string())
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
    let v = ctx.table("labels_seen")?;
    let label = v.str("label")?;
    let rows: Vec<usize> = (0..v.height())
        .filter(|&i| label[i] == l.as_str())
        .collect();
    let n = ctx.config().top;
    let t = table(&v, l, &rows[..rows.len().min(n)])?;
    let mut out = format!("{}\n\n", title(l));
    out.push_str(&table_or(&t, empty_sentence(l)));
    let names = v.marked("entity", "origin")?;
    out.push_str(&legend(rows.iter().take(n).map(|&i| &names[i])));
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

/// The rows `rows` of `labels_seen` (the labels with the entity's first and last seen dates).
fn table(
    v: &crate::render::report::frame::View,
    l: Label,
    rows: &[usize],
) -> Result<Table, RenderError> {
    let (entity, items, periods) = (
        v.marked("entity", "origin")?,
        v.u64("items")?,
        v.u64("periods")?,
    );
    let (first, last) = (v.f64("first_share")?, v.f64("last_share")?);
    let (ratio, z_adj, p_value) = (v.f64("ratio")?, v.f64("z_adj")?, v.f64("p_value")?);
    let seen = |c: &str| -> Result<Vec<String>, RenderError> {
        Ok(v.opt_str(c)?
            .into_iter()
            .map(|d| d.unwrap_or_else(|| "–".to_string()))
            .collect())
    };
    let (first_seen, last_seen) = (seen("first_seen")?, seen("last_seen")?);
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
    for &i in rows {
        let (e, n, k) = (entity[i].clone(), int(items[i]), int(periods[i]));
        match l {
            Label::New => t.push([e, first_seen[i].clone(), n, k, pct(last[i])])?,
            Label::Quiet => t.push([e, last_seen[i].clone(), n, k, pct(first[i])])?,
            _ => t.push([
                e,
                n,
                k,
                pct(first[i]),
                pct(last[i]),
                num(ratio[i], 2),
                num(z_adj[i], 2),
                p(p_value[i]),
            ])?,
        }
    }
    Ok(t)
}
