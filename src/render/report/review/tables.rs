//! The year review's tables (render stage), one per section, each the rows of a
//! `csv/review_YYYY_*.csv` file in its order, with the section's chart where there is one.

use super::{change, chart, rank, source, table, view, Figures};
use crate::analysis::YearReview;
use crate::render::markdown::{Align, Table};
use crate::render::report::frame::View;
use crate::render::report::helpers::{
    int, legend, num, opt, p, pct, shape_words, table_or as or, Notes,
};
use crate::render::RenderError;

fn years(f: &Figures) -> (String, String) {
    (f.year[0].to_string(), f.year[1].to_string())
}

pub fn issues(r: &YearReview, f: &Figures) -> Result<String, RenderError> {
    let mut t = Table::new(["Year", "Issues", "Article items", "Meetup listings"]).numbers_from(1);
    for i in 0..2 {
        t.push([
            f.year[i].to_string(),
            int(f.issues[i]),
            int(f.article_items[i]),
            int(f.listings[i]),
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

/// The top table; entities carry their rename or merger note (`notes`).
pub fn top(r: &YearReview, f: &Figures, notes: &Notes) -> Result<String, RenderError> {
    let (y0, y1) = years(f);
    let heads = [
        cur("#"),
        cur("Entity"),
        cur("Category"),
        cur("Items"),
        cur(format!("Share {y1}")),
        prev(format!("Share {y0}")),
        prev("Change".into()),
        prev(format!("Rank {y0}")),
        cur("Trend over the report"),
    ];
    let v = view(r, "top");
    let trend = trend_words(&v)?;
    let entity = v.marked("entity", "origin")?;
    let (category, items) = (v.str("category")?, v.u64("items")?);
    let (ranks, prev_rank) = (v.u64("rank")?, v.opt_u32("prev_rank")?);
    let shares = shares(&v)?;
    let rows = (0..v.height())
        .map(|i| {
            let [a, b, d] = shares[i].clone();
            vec![
                int(ranks[i]),
                notes.name(&entity[i]),
                category[i].clone(),
                int(items[i]),
                b,
                a,
                d,
                rank(prev_rank[i]),
                trend[i].clone(),
            ]
        })
        .collect();
    let last = heads.iter().filter(|h| !h.1 || f.has_previous()).count() - 1;
    let t = table(f, &heads, rows, 3)?
        .align(0, Align::Right)
        .align(last, Align::Left);
    let mut out = or(&t, "No entity was named in an article item this year.");
    out.push_str(&legend(&entity));
    out.push_str(&source(r, "top"));
    out.push_str(&chart(r, "top", "Top entities of the year", "top"));
    Ok(out)
}

/// Per row of `v`: the trend label in words ("peaked in 2016-05"); the review is rendered
/// without trends (a dash) when the table has no `trend` column.
fn trend_words(v: &View) -> Result<Vec<String>, RenderError> {
    let (Ok(label), Ok(peak), Ok(since)) =
        (v.str("trend"), v.opt_str("peak_period"), v.opt_str("since"))
    else {
        return Ok(vec!["–".to_string(); v.height()]);
    };
    Ok((0..v.height())
        .map(|i| match label[i].as_str() {
            "" => "–".to_string(),
            l => shape_words(l, peak[i].as_deref(), since[i].as_deref()),
        })
        .collect())
}

/// Per row of `v`: the previous share, the share and the change, formatted.
fn shares(v: &View) -> Result<Vec<[String; 3]>, RenderError> {
    let (a, b, d) = (v.f64("prev_share")?, v.f64("share")?, v.f64("change")?);
    Ok((0..v.height()).map(|i| change(a[i], b[i], d[i])).collect())
}

fn mover_table(
    r: &YearReview,
    f: &Figures,
    direction: &str,
    notes: &Notes,
) -> Result<Table, RenderError> {
    let (y0, y1) = years(f);
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
    let v = view(r, "movers");
    let (dir, entity) = (v.str("direction")?, v.marked("entity", "origin")?);
    let (prev_items, items) = (v.u64("prev_items")?, v.u64("items")?);
    let (z, p_value) = (v.f64("z")?, v.f64("p_value")?);
    let shares = shares(&v)?;
    for i in (0..v.height()).filter(|&i| dir[i] == direction) {
        let [a, b, d] = shares[i].clone();
        t.push([
            notes.name(&entity[i]),
            int(prev_items[i]),
            a,
            int(items[i]),
            b,
            d,
            num(z[i], 2),
            p(p_value[i]),
        ])?;
    }
    Ok(t)
}

pub fn movers(r: &YearReview, f: &Figures, notes: &Notes) -> Result<String, RenderError> {
    let mut out = String::from("### Risers\n\n");
    out.push_str(&or(&mover_table(r, f, "up", notes)?, "None."));
    out.push_str("### Fallers\n\n");
    out.push_str(&or(&mover_table(r, f, "down", notes)?, "None."));
    out.push_str(&legend(&view(r, "movers").marked("entity", "origin")?));
    out.push_str(&source(r, "movers"));
    if r.movers.height() > 0 {
        out.push_str(&chart(
            r,
            "movers",
            "Biggest movers between the years",
            "movers",
        ));
    }
    Ok(out)
}

pub fn newcomers(r: &YearReview, top: usize, notes: &Notes) -> Result<String, RenderError> {
    let mut t = Table::new([
        "Entity",
        "Category",
        "Topic",
        "First seen",
        "Issue",
        "Items",
    ])
    .numbers_from(4);
    let v = view(r, "newcomers");
    let entity = v.marked("entity", "origin")?;
    let (category, topic) = (v.str("category")?, v.str("topic")?);
    let (seen, issue, items) = (
        v.opt_str("first_seen")?,
        v.u64("first_issue")?,
        v.u64("items")?,
    );
    for i in 0..v.height().min(top) {
        t.push([
            notes.name(&entity[i]),
            category[i].clone(),
            topic[i].clone(),
            seen[i].clone().unwrap_or_else(|| "–".to_string()),
            format!("#{}", issue[i]),
            int(items[i]),
        ])?;
    }
    let mut out = or(&t, "");
    out.push_str(&legend(&entity[..v.height().min(top)]));
    if v.height() > top {
        out.push_str(&format!(
            "{} more in the CSV.\n\n",
            int((v.height() - top) as u64)
        ));
    }
    if v.height() > 0 {
        out.push_str(&source(r, "newcomers"));
    }
    Ok(out)
}

pub fn pairs(r: &YearReview, units: &str) -> Result<String, RenderError> {
    let mut t =
        Table::new(["Pair", "Together", "Expected", "NPMI", "Lift", "G2", "p"]).numbers_from(1);
    let v = view(r, "pairs");
    let (a, b, items) = (
        v.marked("entity_a", "origin_a")?,
        v.marked("entity_b", "origin_b")?,
        v.u64("items")?,
    );
    let (expected, npmi, lift) = (v.f64("expected")?, v.f64("npmi")?, v.f64("lift")?);
    let (g2, p_value) = (v.f64("g2")?, v.f64("p_value")?);
    for i in 0..v.height() {
        t.push([
            format!("{} + {}", a[i], b[i]),
            int(items[i]),
            num(expected[i], 2),
            num(npmi[i], 3),
            num(lift[i], 2),
            num(g2[i], 2),
            p(p_value[i]),
        ])?;
    }
    let mut out =
        format!("Pairs named in the same {units}, by NPMI; \"Together\" is the support.\n\n");
    out.push_str(&or(&t, ""));
    out.push_str(&legend(a.iter().chain(&b)));
    if v.height() > 0 {
        out.push_str(&source(r, "pairs"));
    }
    Ok(out)
}

/// The rows of a compared table (`meetups`, `topics`): key, counts and shares of both years.
fn compared(v: &View, key: &str, all: bool) -> Result<Vec<Vec<String>>, RenderError> {
    let (keys, prev, current) = (v.str(key)?, v.u64("prev")?, v.u64("current")?);
    let shares = shares(v)?;
    Ok((0..v.height())
        .filter(|&i| all || prev[i] > 0 || current[i] > 0)
        .map(|i| {
            let [a, b, d] = shares[i].clone();
            vec![keys[i].clone(), int(prev[i]), a, int(current[i]), b, d]
        })
        .collect())
}

pub fn meetups(r: &YearReview, f: &Figures) -> Result<String, RenderError> {
    let (y0, y1) = years(f);
    let heads = [
        cur("Continent"),
        prev(format!("Listings {y0}")),
        prev(format!("Share {y0}")),
        cur(format!("Listings {y1}")),
        cur(format!("Share {y1}")),
        prev("Change".into()),
    ];
    let rows = compared(&view(r, "meetups"), "continent", true)?;
    let mut out = or(
        &table(f, &heads, rows, 1)?,
        "No meetup listing in either year.",
    );
    if r.meetups.height() > 0 {
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

pub fn topics(r: &YearReview, f: &Figures) -> Result<String, RenderError> {
    let (y0, y1) = years(f);
    let heads = [
        cur("Topic"),
        prev(format!("Items {y0}")),
        prev(format!("Share {y0}")),
        cur(format!("Items {y1}")),
        cur(format!("Share {y1}")),
        prev("Change".into()),
    ];
    let rows = compared(&view(r, "topics"), "topic", false)?;
    let mut out = String::from(
        "Shares are each topic's part of all topic coverage of the year (they sum to 100%).\n\n",
    );
    out.push_str(&or(
        &table(f, &heads, rows, 1)?,
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

pub fn concentration(r: &YearReview, f: &Figures) -> Result<String, RenderError> {
    let (y0, y1) = years(f);
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
    let v = view(r, "concentration");
    let (dimension, keys) = (v.str("dimension")?, v.u64("keys")?);
    let (evenness, hhi, share) = (
        v.opt_f64("evenness")?,
        v.opt_f64("hhi")?,
        v.opt_f64("top5_share")?,
    );
    // Rows come in pairs per dimension: the year before (a), then the year (b).
    let rows = (0..v.height() / 2)
        .map(|d| {
            let (a, b) = (2 * d, 2 * d + 1);
            vec![
                dimension[a].clone(),
                int(keys[a]),
                int(keys[b]),
                opt(evenness[a], 2),
                opt(evenness[b], 2),
                opt(hhi[a], 2),
                opt(hhi[b], 2),
                top5(share[a]),
                top5(share[b]),
            ]
        })
        .collect();
    let t = table(f, &heads, rows, 1)?;
    Ok(format!(
        "### Concentration\n\n{}{}",
        or(&t, ""),
        source(r, "concentration")
    ))
}
