//! "Top entities" and "Organisations featured" (render stage): the most covered technologies
//! and organisations by article items, and the organisations that appear as sponsors, all
//! rows of `csv/frequency.csv` in its order (items desc, mentions desc, name asc).

use super::fmt::{chart, int, of, pct, table_or};
use super::md::source;
use super::model::Freq;
use super::Ctx;
use crate::render::markdown::{Align, Table};
use crate::render::RenderError;

fn more(shown: usize, total: usize, what: &str) -> String {
    if total > shown {
        format!(
            "{} more {what} are in `csv/frequency.csv`.\n\n",
            int((total - shown) as u64)
        )
    } else {
        String::new()
    }
}

/// A label for the trend column: the label, or a dash for entities without article items.
fn trend(f: &Freq) -> String {
    if f.items == 0 {
        "–".to_string()
    } else {
        f.trend.clone()
    }
}

pub fn top(ctx: &Ctx) -> Result<String, RenderError> {
    let n = ctx.config().top;
    let techs: Vec<&Freq> = ctx
        .model
        .freq
        .iter()
        .filter(|f| f.category == "technology" && f.items > 0)
        .collect();
    let mut t = Table::new([
        "#",
        "Technology",
        "Topic",
        "Items",
        "Share",
        "Mentions",
        "Issues",
        "Trend",
    ])
    .numbers_from(3)
    .align(0, Align::Right)
    .align(7, Align::Left);
    for (i, f) in techs.iter().take(n).enumerate() {
        t.push([
            (i + 1).to_string(),
            f.entity.clone(),
            f.topic.clone(),
            int(f.items),
            pct(f.share),
            int(f.mentions),
            int(f.issues),
            trend(f),
        ])?;
    }
    let mut out = String::from("## Top entities\n\n");
    out.push_str(&lead(ctx));
    out.push_str(&chart(
        "top_entities",
        "Most covered entities",
        &["frequency"],
    ));
    out.push_str("### Technologies\n\n");
    out.push_str(&table_or(&t, "No technology was named in an article item."));
    out.push_str(&source(&["frequency"]));
    out.push_str(&more(
        n.min(techs.len()),
        techs.len(),
        "technologies with article items",
    ));
    out.push_str(
        "Organisations are listed under [Organisations featured](#organisations-featured); \
         cities appear only as meetup places, under [Meetups](#meetups).\n\n",
    );
    Ok(out)
}

/// "Kafka was named in the most article items: 12 of 96 (12.5%)."
fn lead(ctx: &Ctx) -> String {
    let a = ctx.analysis().summary.article_items;
    let covered: Vec<&Freq> = ctx.model.freq.iter().filter(|f| f.items > 0).collect();
    let Some(first) = covered.first() else {
        return "No entity of the lexicon was named in an article item.\n\n".to_string();
    };
    let mut s = format!(
        "{} was named in the most article items: {}.",
        first.entity,
        of(first.items, a)
    );
    if let Some(second) = covered.get(1) {
        s.push_str(&format!(
            " Next came {} with {}.",
            second.entity,
            of(second.items, a)
        ));
    }
    format!(
        "{s} Items count once per entity however often they repeat its name; shares are of \
         all {} article items.\n\n",
        int(a)
    )
}

pub fn organisations(ctx: &Ctx) -> Result<String, RenderError> {
    let n = ctx.config().top;
    let orgs: Vec<&Freq> = ctx
        .model
        .freq
        .iter()
        .filter(|f| f.category == "organisation" && f.items > 0)
        .collect();
    let mut t = Table::new(["Organisation", "Kind", "Items", "Share", "Issues", "Trend"])
        .numbers_from(2)
        .align(5, Align::Left);
    for f in orgs.iter().take(n) {
        t.push([
            f.entity.clone(),
            f.topic.clone(),
            int(f.items),
            pct(f.share),
            int(f.issues),
            trend(f),
        ])?;
    }
    let mut out = String::from("## Organisations featured\n\n");
    out.push_str(&table_or(
        &t,
        "No organisation was named in an article item.",
    ));
    out.push_str(&source(&["frequency"]));
    out.push_str(&more(
        n.min(orgs.len()),
        orgs.len(),
        "organisations with article items",
    ));
    out.push_str(&sponsors(ctx)?);
    Ok(out)
}

/// Organisations named in sponsor items: shown apart, never counted as coverage.
fn sponsors(ctx: &Ctx) -> Result<String, RenderError> {
    let mut s: Vec<&Freq> = ctx
        .model
        .freq
        .iter()
        .filter(|f| f.category == "organisation" && f.sponsor_items > 0)
        .collect();
    s.sort_by(|a, b| (b.sponsor_items, &a.entity).cmp(&(a.sponsor_items, &b.entity)));
    if s.is_empty() {
        return Ok("No organisation appeared in a sponsor item.\n\n".to_string());
    }
    let mut t = Table::new(["Sponsor", "Sponsor items", "Article items"]).numbers_from(1);
    for f in s.iter().take(ctx.config().top) {
        t.push([f.entity.clone(), int(f.sponsor_items), int(f.items)])?;
    }
    Ok(format!(
        "Organisations named in sponsor items (the `sponsor_items` column), which never count \
         as coverage:\n\n{}{}",
        table_or(&t, ""),
        source(&["frequency"])
    ))
}
