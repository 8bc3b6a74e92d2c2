//! The year review's tables (render stage), one per section, each the rows of a
//! `csv/review_YYYY_*.csv` file in its order, with the section's chart where there is one.

use super::common::{chart, source, view, Figures};
use crate::analysis::YearReview;
use crate::render::error::RenderError;
use crate::render::markdown::{Align, Table};
use crate::render::report::frame::View;
use crate::render::report::helpers::{
    association, cells, dashed, legend, more_rows, noted, shapes, table_or as or, Fmt,
};

/// A column of a review table: header, whether it is of the year before, and its cells.
type Column = (String, bool, Vec<String>);

/// A column of the year.
fn cur(head: impl Into<String>, cells: Vec<String>) -> Column {
    (head.into(), false, cells)
}

/// A column of the year before, left out when the archive has no issue in it.
fn prev(head: impl Into<String>, cells: Vec<String>) -> Column {
    (head.into(), true, cells)
}

/// A table of `columns` over the frame rows `rows`, numbers right-aligned from column
/// `numbers_from`; the columns of the year before go when that year has no issue.
fn table(
    f: &Figures,
    columns: Vec<Column>,
    rows: impl IntoIterator<Item = usize>,
    numbers_from: usize,
) -> Result<Table, RenderError> {
    let kept = columns
        .into_iter()
        .filter(|c| !c.1 || f.has_previous())
        .map(|(head, _, cells)| (head, cells));
    Ok(Table::of(kept.collect(), rows)?.numbers_from(numbers_from))
}

pub fn issues(r: &YearReview, f: &Figures) -> Result<String, RenderError> {
    let mut t = Table::new(["Year", "Issues", "Article items", "Meetup listings"]).numbers_from(1);
    for i in 0..2 {
        let [issues, items, listings] = f.counts(i)?;
        t.push([f.year[i].to_string(), issues, items, listings])?;
    }
    Ok(format!("{}{}", or(&t, ""), source(r, "summary")))
}

/// The top table; entities carry their rename or merger note.
pub fn top(r: &YearReview, f: &Figures) -> Result<String, RenderError> {
    let [y0, y1] = f.year;
    let v = view(r, "top");
    // The review is rendered without trends (a dash) when the table has no `trend` column.
    let trends = if v.df.schema().contains("trend") {
        shapes(&v, "trend")?
    } else {
        vec!["–".to_string(); v.height()]
    };
    let columns = vec![
        cur("#", cells(&v, "rank", Fmt::Int)?),
        cur("Entity", noted(&v)?),
        cur("Category", cells(&v, "category", Fmt::Text)?),
        cur("Items", cells(&v, "items", Fmt::Int)?),
        cur(format!("Share {y1}"), cells(&v, "share", Fmt::Pct)?),
        prev(format!("Share {y0}"), cells(&v, "prev_share", Fmt::Pct)?),
        prev("Change", cells(&v, "change", Fmt::Pp)?),
        prev(format!("Rank {y0}"), dashed(&v, "prev_rank", Fmt::Int)?),
        cur("Trend over the report", trends),
    ];
    let last = columns.iter().filter(|c| !c.1 || f.has_previous()).count() - 1;
    let t = table(f, columns, 0..v.height(), 3)?
        .align(0, Align::Right)
        .align(last, Align::Left);
    let mut out = or(&t, "No entity was named in an article item this year.");
    out.push_str(&legend(&v.marked("entity", "origin")?));
    out.push_str(&source(r, "top"));
    out.push_str(&chart(r, "top", "Top entities of the year"));
    Ok(out)
}

fn mover_table(r: &YearReview, f: &Figures, direction: &str) -> Result<Table, RenderError> {
    let [y0, y1] = f.year;
    let v = view(r, "movers");
    let columns = vec![
        ("Entity".to_string(), noted(&v)?),
        (format!("Items {y0}"), cells(&v, "prev_items", Fmt::Int)?),
        (format!("Share {y0}"), cells(&v, "prev_share", Fmt::Pct)?),
        (format!("Items {y1}"), cells(&v, "items", Fmt::Int)?),
        (format!("Share {y1}"), cells(&v, "share", Fmt::Pct)?),
        ("Change".to_string(), cells(&v, "change", Fmt::Pp)?),
        ("z".to_string(), cells(&v, "z", Fmt::Num(2))?),
        ("p".to_string(), cells(&v, "p_value", Fmt::P)?),
    ];
    let rows = v.part("direction", direction)?;
    Ok(Table::of(columns, rows)?.numbers_from(1))
}

pub fn movers(r: &YearReview, f: &Figures) -> Result<String, RenderError> {
    let mut out = String::from("### Risers\n\n");
    out.push_str(&or(&mover_table(r, f, "up")?, "None."));
    out.push_str("### Fallers\n\n");
    out.push_str(&or(&mover_table(r, f, "down")?, "None."));
    out.push_str(&legend(&view(r, "movers").marked("entity", "origin")?));
    out.push_str(&source(r, "movers"));
    if r.movers.height() > 0 {
        out.push_str(&chart(r, "movers", "Biggest movers between the years"));
    }
    Ok(out)
}

pub fn newcomers(r: &YearReview) -> Result<String, RenderError> {
    let v = view(r, "newcomers_shown");
    let more = view(r, "newcomer_origins").one_u64("more")?;
    let issue = v.u64("first_issue")?.into_iter().map(|n| format!("#{n}"));
    let columns = vec![
        ("Entity", noted(&v)?),
        ("Category", cells(&v, "category", Fmt::Text)?),
        ("Topic", cells(&v, "topic", Fmt::Text)?),
        ("First seen", dashed(&v, "first_seen", Fmt::Text)?),
        ("Issue", issue.collect()),
        ("Items", cells(&v, "items", Fmt::Int)?),
    ];
    let t = Table::of(columns, 0..v.height())?.numbers_from(4);
    let mut out = or(&t, "");
    out.push_str(&legend(&v.marked("entity", "origin")?));
    out.push_str(&more_rows(more, "more in the CSV."));
    if v.height() > 0 {
        out.push_str(&source(r, "newcomers"));
    }
    Ok(out)
}

pub fn pairs(r: &YearReview, units: &str) -> Result<String, RenderError> {
    let v = view(r, "pairs");
    let (a, b) = (
        v.marked("entity_a", "origin_a")?,
        v.marked("entity_b", "origin_b")?,
    );
    let pair = a.iter().zip(&b).map(|(a, b)| format!("{a} + {b}"));
    let mut columns = vec![
        ("Pair", pair.collect()),
        ("Together", cells(&v, "items", Fmt::Int)?),
    ];
    columns.extend(association(&v)?);
    let t = Table::of(columns, 0..v.height())?.numbers_from(1);
    let mut out =
        format!("Pairs named in the same {units}, by NPMI; \"Together\" is the support.\n\n");
    out.push_str(&or(&t, ""));
    out.push_str(&legend(a.iter().chain(&b)));
    if v.height() > 0 {
        out.push_str(&source(r, "pairs"));
    }
    Ok(out)
}

/// A compared table (`meetups` by continent, `topics_covered` by topic): key, counts and
/// shares of both years and the change.
fn compared(
    f: &Figures,
    r: &YearReview,
    (table_name, key, head): (&'static str, &str, &str),
    what: &str,
) -> Result<Table, RenderError> {
    let [y0, y1] = f.year;
    let v = view(r, table_name);
    let columns = vec![
        cur(head, cells(&v, key, Fmt::Text)?),
        prev(format!("{what} {y0}"), cells(&v, "prev", Fmt::Int)?),
        prev(format!("Share {y0}"), cells(&v, "prev_share", Fmt::Pct)?),
        cur(format!("{what} {y1}"), cells(&v, "current", Fmt::Int)?),
        cur(format!("Share {y1}"), cells(&v, "share", Fmt::Pct)?),
        prev("Change", cells(&v, "change", Fmt::Pp)?),
    ];
    table(f, columns, 0..v.height(), 1)
}

pub fn meetups(r: &YearReview, f: &Figures) -> Result<String, RenderError> {
    let t = compared(f, r, ("meetups", "continent", "Continent"), "Listings")?;
    let mut out = or(&t, "No meetup listing in either year.");
    if r.meetups.height() > 0 {
        out.push_str(&source(r, "meetups"));
        out.push_str(&chart(r, "meetups", "Meetup listings by continent"));
    }
    Ok(out)
}

pub fn topics(r: &YearReview, f: &Figures) -> Result<String, RenderError> {
    let t = compared(f, r, ("topics_covered", "topic", "Topic"), "Items")?;
    let mut out = String::from(
        "Shares are each topic's part of all topic coverage of the year (they sum to 100%).\n\n",
    );
    out.push_str(&or(&t, "No technology topic was covered in either year."));
    out.push_str(&source(r, "topics"));
    out.push_str(&chart(r, "topics", "Topic shares of technology coverage"));
    Ok(out)
}

pub fn concentration(r: &YearReview, f: &Figures) -> Result<String, RenderError> {
    let [y0, y1] = f.year;
    let v = view(r, "concentration_change");
    let mut columns = vec![cur("Dimension", cells(&v, "dimension", Fmt::Text)?)];
    type Read = fn(&View, &str, Fmt) -> Result<Vec<String>, RenderError>;
    let measures: [(&str, &str, Fmt, Read); 4] = [
        ("Keys", "keys", Fmt::Int, cells),
        ("Evenness", "evenness", Fmt::Num(2), dashed),
        ("HHI", "hhi", Fmt::Num(2), dashed),
        ("Top-5", "top5_share", Fmt::Pct, dashed),
    ];
    for (head, column, fmt, read) in measures {
        let before = read(&v, &format!("prev_{column}"), fmt)?;
        columns.push(prev(format!("{head} {y0}"), before));
        columns.push(cur(format!("{head} {y1}"), read(&v, column, fmt)?));
    }
    let t = table(f, columns, 0..v.height(), 1)?;
    Ok(format!(
        "### Concentration\n\n{}{}",
        or(&t, ""),
        source(r, "concentration")
    ))
}
