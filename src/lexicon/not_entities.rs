//! `not-entities.csv`: capitalised words and acronyms a curator has said are not entities
//! (generic acronyms, concepts, laws, places, headline words). Discovery never proposes them.
//!
//! Columns `name,kind,notes`; lines starting with `#` are comments. Checked like the other
//! tables: a malformed row, an unknown kind, a duplicate or a name that is also a lexicon
//! name or alias is an error naming file and line; rows out of name order are a finding.

use super::read::{check_header, push, LineIndex};
use super::{Checked, Finding, FindingKind, LexiconError, Source};
use csv::StringRecord;
use std::collections::HashMap;
use std::path::Path;

pub const NOT_ENTITIES_FILE: &str = "not-entities.csv";
const COLUMNS: [&str; 3] = ["name", "kind", "notes"];
/// What a listed name is; the kinds only help curators sort the file.
pub const NOT_ENTITY_KINDS: [&str; 6] = ["acronym", "concept", "law", "place", "word", "other"];

/// One row of `not-entities.csv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotEntity {
    pub name: String,
    pub kind: String,
    pub line: u32,
}

/// The rows of `not-entities.csv`, in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NotEntities {
    pub rows: Vec<NotEntity>,
}

impl NotEntities {
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.rows.iter().map(|r| r.name.as_str())
    }
}

/// Reads `not-entities.csv` from `source`; a folder without one has an empty list. Bad rows
/// are errors (the first one fails the load).
pub fn load_not_entities(source: &Source) -> Result<NotEntities, LexiconError> {
    let mut errors = Vec::new();
    let list = match source.read_optional(NOT_ENTITIES_FILE)? {
        Some((file, bytes)) => read(&file, &bytes, &mut errors),
        None => NotEntities::default(),
    };
    match errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(list),
    }
}

/// Reads the file of `source` (if any) into `checked`, errors and findings included,
/// checking it against the lexicon tables already read there.
pub(crate) fn check_into(source: &Source, checked: &mut Checked) -> Result<(), LexiconError> {
    let Some((file, bytes)) = source.read_optional(NOT_ENTITIES_FILE)? else {
        return Ok(());
    };
    let list = read(&file, &bytes, &mut checked.errors);
    let mut surfaces: HashMap<String, &str> = HashMap::new();
    for e in &checked.lexicon.entities {
        for s in e.surfaces() {
            surfaces.entry(s.to_lowercase()).or_insert(&e.name);
        }
    }
    for row in &list.rows {
        if let Some(entity) = surfaces.get(&row.name.to_lowercase()) {
            let message = format!(
                "`{}` is also a name or alias of lexicon entry `{entity}`: it cannot be both",
                row.name
            );
            push(&mut checked.errors, &file, row.line, message);
        }
    }
    for pair in list.rows.windows(2) {
        if pair[0].name.to_lowercase() > pair[1].name.to_lowercase() {
            checked.findings.push(Finding {
                kind: FindingKind::Unsorted,
                file: file.clone(),
                line: pair[1].line,
                message: format!("`{}` is out of name order", pair[1].name),
            });
        }
    }
    checked.not_entities = list;
    Ok(())
}

/// The rows of the file (the bytes of `file`), bad ones reported in `errors`.
fn read(file: &Path, bytes: &[u8], errors: &mut Vec<LexiconError>) -> NotEntities {
    let lines = LineIndex::new(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(bytes);
    let columns = match reader.headers().map_err(|e| e.to_string()) {
        Ok(h) => check_header(h, &COLUMNS),
        Err(e) => Err(format!("cannot read the header: {e}")),
    };
    let columns = match columns {
        Ok(c) => c,
        Err(message) => {
            push(errors, file, header_line(bytes), message);
            return NotEntities::default();
        }
    };
    let mut list = NotEntities::default();
    let mut seen: HashMap<String, u32> = HashMap::new();
    for result in reader.records() {
        let (line, row) = match result {
            Ok(r) => (lines.line(r.position()), parse(&r, &columns)),
            Err(e) => (lines.line(e.position()), Err(e.to_string())),
        };
        let row = row.and_then(
            |(name, kind)| match seen.insert(name.to_lowercase(), line) {
                Some(first) => Err(format!("`{name}` is listed twice (first at line {first})")),
                None => Ok(NotEntity { name, kind, line }),
            },
        );
        match row {
            Ok(row) => list.rows.push(row),
            Err(message) => push(errors, file, line, message),
        }
    }
    list
}

/// The line of the header: the first that is not a `#` comment.
fn header_line(bytes: &[u8]) -> u32 {
    let comments = bytes
        .split(|&b| b == b'\n')
        .take_while(|l| l.starts_with(b"#"))
        .count();
    u32::try_from(comments + 1).unwrap_or(u32::MAX)
}

/// The name and kind of a row.
fn parse(
    record: &StringRecord,
    columns: &HashMap<String, usize>,
) -> Result<(String, String), String> {
    if record.len() != COLUMNS.len() {
        return Err(format!("expected 3 cells, found {}", record.len()));
    }
    let cell = |c: &str| {
        columns
            .get(c)
            .and_then(|&i| record.get(i))
            .map_or("", str::trim)
    };
    let name = cell("name");
    let kind = cell("kind").to_ascii_lowercase();
    if name.is_empty() {
        return Err("empty name".into());
    }
    if !NOT_ENTITY_KINDS.contains(&kind.as_str()) {
        return Err(format!(
            "unknown kind `{kind}` (expected one of: {})",
            NOT_ENTITY_KINDS.join(", ")
        ));
    }
    Ok((name.to_string(), kind))
}
