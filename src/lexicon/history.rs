//! `history.csv`: names that changed over the archive's years, so that one thing is one series
//! across the change. Optional (a lexicon folder without it has no changes).
//!
//! | column | meaning |
//! |---|---|
//! | `name` | canonical name of a technology or organisation |
//! | `change` | `renamed_from`: `other` is a former name of `name`; `merged_into`: `name` became part of the entity `other` |
//! | `other` | the former name, or the canonical name of the entity merged into |
//! | `date` | when: `YYYY-MM-DD`, or `YYYY-MM` (the first of the month) |
//! | `notes` | free text, ignored |
//!
//! A former name is matched as the entity (added to its aliases unless already there), and the
//! report says "named X until DATE". A merged entity's mentions in issues dated on or after the
//! merger count for the entity it merged into (`Lexicon::at`).

use super::read::{check_header, LineIndex};
use super::types::{Category, EntityId};
use super::{Lexicon, LexiconError};
use crate::date::Date;
use std::collections::HashMap;
use std::path::Path;

pub(crate) const HISTORY_FILE: &str = "history.csv";
const COLUMNS: [&str; 5] = ["name", "change", "other", "date", "notes"];

/// One change of name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub entity: EntityId,
    pub kind: ChangeKind,
    pub date: Date,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// The entity was called this before `date`.
    RenamedFrom(String),
    /// From `date` on, the entity is part of this one.
    MergedInto(EntityId),
}

/// Reads the table (the bytes of `file`), resolving names against `lexicon`, whose former
/// names it adds as aliases. Bad rows go to `errors`.
pub(crate) fn read(
    file: &Path,
    bytes: &[u8],
    lexicon: &mut Lexicon,
    errors: &mut Vec<LexiconError>,
) -> Vec<Change> {
    let lines = LineIndex::new(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let err = |line, message| LexiconError::Row {
        file: file.to_path_buf(),
        line,
        message,
    };
    let columns = match reader
        .headers()
        .map_err(|e| e.to_string())
        .and_then(|h| check_header(h, &COLUMNS))
    {
        Ok(c) => c,
        Err(message) => {
            errors.push(err(1, message));
            return Vec::new();
        }
    };
    let names: HashMap<String, EntityId> = lexicon
        .iter()
        .filter(|(_, e)| e.category != Category::City)
        .map(|(id, e)| (e.name.to_lowercase(), id))
        .collect();
    let mut changes = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(err(lines.line(e.position()), format!("malformed CSV: {e}")));
                continue;
            }
        };
        let line = lines.line(record.position());
        let cell = |c: &str| {
            columns
                .get(c)
                .and_then(|&i| record.get(i))
                .map_or("", str::trim)
        };
        match parse(
            cell("name"),
            cell("change"),
            cell("other"),
            cell("date"),
            &names,
        ) {
            Ok(change) => changes.push(change),
            Err(message) => errors.push(err(line, message)),
        }
    }
    for change in &changes {
        if let ChangeKind::RenamedFrom(old) = &change.kind {
            let entity = &mut lexicon.entities[change.entity as usize];
            if !entity.surfaces().any(|s| s.eq_ignore_ascii_case(old)) {
                entity.aliases.push(old.clone());
            }
        }
    }
    changes
}

fn parse(
    name: &str,
    change: &str,
    other: &str,
    date: &str,
    names: &HashMap<String, EntityId>,
) -> Result<Change, String> {
    let entity = *names
        .get(&name.to_lowercase())
        .ok_or_else(|| format!("`{name}` is not a technology or organisation of the lexicon"))?;
    if other.is_empty() {
        return Err("empty `other`".into());
    }
    let date = parse_date(date)?;
    let kind = match change {
        "renamed_from" => ChangeKind::RenamedFrom(other.to_string()),
        "merged_into" => {
            let into = *names.get(&other.to_lowercase()).ok_or_else(|| {
                format!(
                    "`{other}` (merged into) is not a technology or organisation of the lexicon"
                )
            })?;
            if into == entity {
                return Err(format!("`{name}` cannot merge into itself"));
            }
            ChangeKind::MergedInto(into)
        }
        _ => {
            return Err(format!(
                "unknown change `{change}` (expected renamed_from or merged_into)"
            ))
        }
    };
    Ok(Change { entity, kind, date })
}

/// `YYYY-MM-DD`, or `YYYY-MM` for the first of the month.
fn parse_date(s: &str) -> Result<Date, String> {
    let full = if s.len() == 7 {
        format!("{s}-01")
    } else {
        s.to_string()
    };
    Date::parse_iso(&full).ok_or_else(|| format!("bad date `{s}` (expected YYYY-MM-DD or YYYY-MM)"))
}

impl Lexicon {
    /// The entity a mention of `id` in an issue dated `date` counts for: the entity it merged
    /// into when the issue is dated on or after the merger (followed through chains of
    /// mergers), else `id` itself. An undated issue keeps `id`.
    pub fn at(&self, id: EntityId, date: Option<Date>) -> EntityId {
        let Some(date) = date else { return id };
        let mut current = id;
        for _ in 0..=self.changes.len() {
            let next = self.changes.iter().find_map(|c| match c.kind {
                ChangeKind::MergedInto(into) if c.entity == current && c.date <= date => Some(into),
                _ => None,
            });
            match next {
                Some(into) => current = into,
                None => break,
            }
        }
        current
    }

    /// The changes of one entity, in date order.
    pub fn changes_of(&self, id: EntityId) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.entity == id)
    }
}
