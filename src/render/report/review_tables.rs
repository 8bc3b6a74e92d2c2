//! The year review's tables (render stage), one per section, each the rows of a
//! `csv/review_YYYY_*.csv` file in its order, with the section's chart where there is one.

use super::fmt::{int, num, p, pct};
use super::review_md::{change, chart, opt, or, rank, source, table};
use crate::analysis::review::Mover;
use crate::analysis::YearReview;
use crate::render::markdown::{Align, Table};
use crate::render::RenderError;

fn years(r: &YearReview) -> (String, String) {
    (r.previous.year.to_string(), r.current.year.to_string())
}

pub fn issues(r: &YearReview) -> Result<String, RenderError> {
    let mut t = Table::new(["Year", "Issues", "Article items", "Meetup listings"]).numbers_from(1);
    for f in [&r.previous, &r.current] {
        t.push([
            f.year.to_string(),
            int(f.issues as u64),
            int(f.article_items),
            int(f.listings),
        ])?;
    }
    Ok(format!("{}{}", or(&t, ""), source(r, "summary")))
}

fn prev(h: String) -> (String, bool) {
    (h, true)
}

fn cur(h: impl Into<String>) -> (String, bool) {
    (h.into(), false)
}

pub fn top(r: &YearReview) -> Result<String, RenderError> {
    let (y0, y1) = years(r);
    let heads = [
        cur("#"),
        cur("Entity"),
        cur("Category"),
        cur("Items"),
        cur(format!("Share {y1}")),
        prev(format!("Share {y0}")),
        prev("Change".into()),
        prev(format!("Rank {y0}")),
    ];
    let rows = r
        .top
        .iter()
        .map(|e| {
            let [a, b, d] = change(e.prev_share, e.share);
            vec![
                int(e.rank as u64),
                e.entity.clone(),
                e.category.clone(),
                int(e.items),
                b,
                a,
                d,
                rank(e.prev_rank),
            ]
        })
        .collect();
    let t = table(r, &heads, rows, 3)?.align(0, Align::Right);
    let mut out = or(&t, "No entity was named in an article item this year.");
    out.push_str(&source(r, "top"));
    out.push_str(&chart(r, "top", "Top entities of the year", "top"));
    Ok(out)
}

fn mover_table(r: &YearReview, rows: &[Mover]) -> Result<Table, RenderError> {
    let (y0, y1) = years(r);
    let mut t = Table::new(vec![
        "Entity".to_string(),
        format!("Items {y0}"),
        format!("Share {y0}"),
        format!("Items {y1}"),
        format!("Share {y1}"),
        "Change".into(),
        "z".into(),
        "p".into(),
    ])
    .numbers_from(1);
    for m in rows {
        let [a, b, d] = change(m.prev_share, m.share);
        t.push([
            m.entity.clone(),
            int(m.prev_items),
            a,
            int(m.items),
            b,
            d,
            num(m.z, 2),
            p(m.p_value),
        ])?;
    }
    Ok(t)
}

pub fn movers(r: &YearReview) -> Result<String, RenderError> {
    let mut out = String::from("### Risers\n\n");
    out.push_str(&or(&mover_table(r, &r.risers)?, "None."));
    out.push_str("### Fallers\n\n");
    out.push_str(&or(&mover_table(r, &r.fallers)?, "None."));
    out.push_str(&source(r, "movers"));
    if !r.risers.is_empty() || !r.fallers.is_empty() {
        out.push_str(&chart(
            r,
            "movers",
            "Biggest movers between the years",
            "movers",
        ));
    }
    Ok(out)
}

pub fn newcomers(r: &YearReview, top: usize) -> Result<String, RenderError> {
    let mut t = Table::new([
        "Entity",
        "Category",
        "Topic",
        "First seen",
        "Issue",
        "Items",
    ])
    .numbers_from(4);
    for n in r.newcomers.iter().take(top) {
        let seen = n.first_seen.map_or("–".to_string(), |d| d.to_string());
        t.push([
            n.entity.clone(),
            n.category.clone(),
            n.topic.clone(),
            seen,
            format!("#{}", n.first_issue),
            int(n.items),
        ])?;
    }
    let mut out = or(&t, "");
    if r.newcomers.len() > top {
        out.push_str(&format!(
            "{} more in the CSV.\n\n",
            int((r.newcomers.len() - top) as u64)
        ));
    }
    if !r.newcomers.is_empty() {
        out.push_str(&source(r, "newcomers"));
    }
    Ok(out)
}

pub fn pairs(r: &YearReview, units: &str) -> Result<String, RenderError> {
    let mut t =
        Table::new(["Pair", "Together", "Expected", "NPMI", "Lift", "G2", "p"]).numbers_from(1);
    for x in &r.pairs {
        t.push([
            format!("{} + {}", x.entity_a, x.entity_b),
            int(x.items),
            num(x.expected, 2),
            num(x.npmi, 3),
            num(x.lift, 2),
            num(x.g2, 2),
            p(x.p_value),
        ])?;
    }
    let mut out =
        format!("Pairs named in the same {units}, by NPMI; \"Together\" is the support.\n\n");
    out.push_str(&or(&t, ""));
    if !r.pairs.is_empty() {
        out.push_str(&source(r, "pairs"));
    }
    Ok(out)
}

pub fn meetups(r: &YearReview) -> Result<String, RenderError> {
    let (y0, y1) = years(r);
    let heads = [
        cur("Continent"),
        prev(format!("Listings {y0}")),
        prev(format!("Share {y0}")),
        cur(format!("Listings {y1}")),
        cur(format!("Share {y1}")),
        prev("Change".into()),
    ];
    let rows = r
        .meetups
        .iter()
        .map(|m| {
            let [a, b, d] = change(m.prev_share, m.share);
            vec![m.key.clone(), int(m.prev), a, int(m.current), b, d]
        })
        .collect();
    let mut out = or(
        &table(r, &heads, rows, 1)?,
        "No meetup listing in either year.",
    );
    if !r.meetups.is_empty() {
        out.push_str(&source(r, "meetups"));
        out.push_str(&chart(
            r,
            "meetups",
            "Meetup listings by continent",
            "meetups",
        ));
    }
    Ok(out)
}

pub fn topics(r: &YearReview) -> Result<String, RenderError> {
    let (y0, y1) = years(r);
    let heads = [
        cur("Topic"),
        prev(format!("Items {y0}")),
        prev(format!("Share {y0}")),
        cur(format!("Items {y1}")),
        cur(format!("Share {y1}")),
        prev("Change".into()),
    ];
    let rows = r
        .topics
        .iter()
        .filter(|c| c.prev > 0 || c.current > 0)
        .map(|c| {
            let [a, b, d] = change(c.prev_share, c.share);
            vec![c.key.clone(), int(c.prev), a, int(c.current), b, d]
        })
        .collect();
    let mut out = String::from(
        "Shares are each topic's part of all topic coverage of the year (they sum to 100%).\n\n",
    );
    out.push_str(&or(
        &table(r, &heads, rows, 1)?,
        "No technology topic was covered in either year.",
    ));
    out.push_str(&source(r, "topics"));
    out.push_str(&chart(
        r,
        "topics",
        "Topic shares of technology coverage",
        "topics",
    ));
    Ok(out)
}

pub fn concentration(r: &YearReview) -> Result<String, RenderError> {
    let (y0, y1) = years(r);
    let heads = [
        cur("Dimension"),
        prev(format!("Keys {y0}")),
        cur(format!("Keys {y1}")),
        prev(format!("Evenness {y0}")),
        cur(format!("Evenness {y1}")),
        prev(format!("HHI {y0}")),
        cur(format!("HHI {y1}")),
        prev(format!("Top-5 {y0}")),
        cur(format!("Top-5 {y1}")),
    ];
    let top5 = |v: Option<f64>| v.map_or("–".to_string(), pct);
    let rows = r
        .concentration
        .iter()
        .map(|(a, b)| {
            vec![
                a.dimension.to_string(),
                int(a.keys),
                int(b.keys),
                opt(a.evenness),
                opt(b.evenness),
                opt(a.hhi),
                opt(b.hhi),
                top5(a.top5_share),
                top5(b.top5_share),
            ]
        })
        .collect();
    let t = table(r, &heads, rows, 1)?;
    Ok(format!(
        "### Concentration\n\n{}{}",
        or(&t, ""),
        source(r, "concentration")
    ))
}
