//! Sources featured: which publishers (engineering blogs, project sites, publications) the
//! article items link to, per year and over the whole window.
//!
//! An article item's publisher is that of its first link (`items.publisher`). Per year `y`
//! (and for `all`): `items` = article items of `y` linking to the publisher; `share` =
//! `items / linked`, where `linked` = article items of `y` with any publisher. Undated issues
//! count under `all` only. Order: `all` first, then years ascending; within a year items
//! descending, then publisher ascending. Plain-text archives keep few links, so this table is
//! mostly filled from HTML, feed and Substack inputs.

use super::base::{polars, Base};
use super::table::{col, frame, ratio, str_col};
use super::AnalysisError;
use crate::corpus::Section;
use crate::frames::{encode, Frames};
use polars::prelude::DataFrame;
use std::collections::{BTreeMap, HashMap};

/// The key of the whole-window rows.
pub const ALL: &str = "all";

/// One row of `sources`.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceRow {
    pub year: String,
    pub publisher: String,
    pub items: u64,
    pub linked: u64,
    pub share: f64,
}

/// Counts linked article items per (year, publisher) over the window of `base`.
pub fn sources(frames: &Frames, base: &Base) -> Result<Vec<SourceRow>, AnalysisError> {
    let df = &frames.items;
    let err = polars("sources");
    // Read in place: the item frame has a row per item (millions at archive scale).
    let issue = df.column("issue").and_then(|c| c.u32()).map_err(&err)?;
    let section_column = df.column("section").map_err(&err)?;
    let section = encode::CodeArray::of(section_column).map_err(&err)?;
    let section_names = encode::names(section_column).map_err(&err)?;
    let publisher_column = df.column("publisher").map_err(&err)?;
    let publisher_code = encode::CodeArray::of(publisher_column).map_err(&err)?;
    let publishers = encode::names(publisher_column).map_err(&err)?;
    let publisher = publisher_code.iter().map(|c| {
        c.and_then(|c| publishers.get(c as usize))
            .map(String::as_str)
    });
    let article = section_names
        .iter()
        .position(|n| n == Section::Article.as_str())
        .map(|p| p as u32);
    let year_of: HashMap<u32, Option<i32>> = base
        .issues
        .iter()
        .map(|i| (i.number, i.date.map(|d| d.year())))
        .collect();
    let mut counts: BTreeMap<(String, String), u64> = BTreeMap::new();
    let mut linked: BTreeMap<String, u64> = BTreeMap::new();
    let rows = issue.iter().zip(section.iter()).zip(publisher);
    for ((issue, section), publisher) in rows {
        let (Some(year), Some(p)) = (issue.and_then(|n| year_of.get(&n)), publisher) else {
            continue;
        };
        if section.is_none() || section != article {
            continue;
        }
        let keys = std::iter::once(ALL.to_string()).chain(year.map(|y| y.to_string()));
        for key in keys {
            *counts.entry((key.clone(), p.to_string())).or_default() += 1;
            *linked.entry(key).or_default() += 1;
        }
    }
    let mut rows: Vec<SourceRow> = counts
        .into_iter()
        .map(|((year, publisher), items)| {
            let linked = linked.get(&year).copied().unwrap_or(0);
            SourceRow {
                share: ratio(items, linked),
                year,
                publisher,
                items,
                linked,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        (
            a.year != ALL,
            &a.year,
            std::cmp::Reverse(a.items),
            &a.publisher,
        )
            .cmp(&(
                b.year != ALL,
                &b.year,
                std::cmp::Reverse(b.items),
                &b.publisher,
            ))
    });
    Ok(rows)
}

/// The `sources` table: year, publisher, items, linked, share.
pub fn frame_of(rows: &[SourceRow]) -> Result<DataFrame, AnalysisError> {
    frame(
        "sources",
        rows.len(),
        vec![
            str_col("year", rows, |r| &r.year),
            str_col("publisher", rows, |r| &r.publisher),
            col("items", rows.iter().map(|r| r.items).collect::<Vec<u64>>()),
            col(
                "linked",
                rows.iter().map(|r| r.linked).collect::<Vec<u64>>(),
            ),
            col("share", rows.iter().map(|r| r.share).collect::<Vec<f64>>()),
        ],
    )
}
