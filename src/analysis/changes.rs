//! Notes on entities whose name changed over the archive (`lexicon/history.csv`), for the
//! report's trend tables and the year review: one row per entity named in a change, so the
//! reader knows that Calcite's series includes Optiq's mentions, or that Hortonworks stops
//! where it merged into Cloudera.
//!
//! Notes, joined with "; " in date order when an entity has several:
//! * renamed: on the entity, `named Optiq until 2014-09`;
//! * merged: on the merged entity, `merged into Cloudera on 2019-01-03`; on the entity it
//!   merged into, `took in Hortonworks on 2019-01-03`.
//!
//! A date written as a month (`2014-09`, read as its first day) is shown as the month: a
//! change dated on the 1st shows `YYYY-MM` (with "in" for mergers), any other `YYYY-MM-DD`.

use super::query::{collect, lazy, left_join_ordered, polars, text};
use super::AnalysisError;
use crate::date::Date;
use crate::lexicon::{ChangeKind, Lexicon};
use polars::prelude::*;
use std::collections::BTreeMap;

/// The date as the note shows it, with its preposition for a merger.
fn when(date: Date) -> (String, &'static str) {
    let (y, m, d) = date.ymd();
    if d == 1 {
        (format!("{y:04}-{m:02}"), "in")
    } else {
        (date.to_string(), "on")
    }
}

/// `entity_notes`: entity, note; by entity name.
pub fn entity_notes(lexicon: &Lexicon) -> Result<DataFrame, AnalysisError> {
    let mut changes: Vec<_> = lexicon.changes.iter().collect();
    changes.sort_by_key(|c| c.date);
    let mut notes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in changes {
        let name = lexicon.name(c.entity).to_string();
        let (date, prep) = when(c.date);
        match &c.kind {
            ChangeKind::RenamedFrom(old) => {
                notes
                    .entry(name)
                    .or_default()
                    .push(format!("named {old} until {date}"));
            }
            ChangeKind::MergedInto(into) => {
                let into = lexicon.name(*into).to_string();
                let took = format!("took in {name} {prep} {date}");
                notes
                    .entry(name)
                    .or_default()
                    .push(format!("merged into {into} {prep} {date}"));
                notes.entry(into).or_default().push(took);
            }
        }
    }
    let (entity, note): (Vec<String>, Vec<String>) =
        notes.into_iter().map(|(e, n)| (e, n.join("; "))).unzip();
    df!("entity" => entity, "note" => note).map_err(polars("entity notes"))
}

/// `frame` with the `note` of its `entity` from `notes` (null when it has none), in its
/// order: the tables that print the note after the name read it there.
pub(crate) fn with_notes(frame: &DataFrame, notes: &DataFrame) -> Result<DataFrame, AnalysisError> {
    const KEY: &str = "note_key";
    let left = lazy(frame).with_column(text("entity").alias(KEY));
    let right = lazy(notes).select([col("entity").alias(KEY), col("note")]);
    let q = left_join_ordered(left, right, &[KEY]).drop(by_name([KEY], true, false));
    collect("entity notes", q)
}
