//! Reading the three lexicon tables (CSV) into entities: header check, one error per bad row.
//!
//! Parents are kept as names here; `validate` resolves them once every table is read.

use super::rules::parse_rules;
use super::types::{CasePolicy, Category, Entity};
use super::LexiconError;
use csv::StringRecord;
use std::collections::HashMap;
use std::path::Path;

pub(crate) const TECH_FILE: &str = "technologies.csv";
pub(crate) const ORG_FILE: &str = "organisations.csv";
pub(crate) const CITY_FILE: &str = "cities.csv";

pub(crate) const ENTITY_COLUMNS: [&str; 7] = [
    "name", "topic", "aliases", "case", "parent", "context", "notes",
];
const CITY_COLUMNS: [&str; 6] = ["name", "country", "continent", "metro", "aliases", "notes"];

pub(crate) const TECH_TOPICS: [&str; 12] = [
    "streaming",
    "batch processing",
    "orchestration",
    "storage and formats",
    "databases",
    "query engines",
    "ml",
    "infrastructure and cloud",
    "observability",
    "data quality and governance",
    "languages",
    "other",
];
pub(crate) const ORG_TOPICS: [&str; 8] = [
    "vendor",
    "company",
    "cloud provider",
    "foundation",
    "publication",
    "university",
    "community",
    "government",
];
pub(crate) const CONTINENTS: [&str; 6] = [
    "Africa",
    "Asia",
    "Europe",
    "North America",
    "Oceania",
    "South America",
];

/// An entity as read, with its parent still a name (resolved in `validate`).
pub(crate) struct RawEntity {
    pub entity: Entity,
    pub parent: Option<String>,
}

/// One data row of a table, with its cells addressed by column name.
struct Row<'a> {
    record: &'a StringRecord,
    columns: &'a HashMap<String, usize>,
}

impl Row<'_> {
    fn get(&self, column: &str) -> &str {
        self.columns
            .get(column)
            .and_then(|&i| self.record.get(i))
            .map_or("", str::trim)
    }
}

/// Reads the table of `category` (the bytes of `file`), appending good rows to `out` and bad
/// ones to `errors`.
pub(crate) fn read_table(
    file: &Path,
    bytes: &[u8],
    category: Category,
    out: &mut Vec<RawEntity>,
    errors: &mut Vec<LexiconError>,
) {
    let lines = LineIndex::new(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let expected: &[&str] = if category == Category::City {
        &CITY_COLUMNS
    } else {
        &ENTITY_COLUMNS
    };
    let columns = match reader.headers() {
        Ok(h) => match check_header(h, expected) {
            Ok(c) => c,
            Err(message) => return push(errors, file, 1, message),
        },
        Err(e) => return push(errors, file, 1, format!("cannot read the header: {e}")),
    };
    for result in reader.records() {
        let record = match result {
            Ok(r) => r,
            Err(e) => {
                let line = lines.line(e.position());
                push(
                    errors,
                    file,
                    line,
                    format!("malformed CSV: {}", without_position(&e)),
                );
                continue;
            }
        };
        let line = lines.line(record.position());
        match parse_row(
            &Row {
                record: &record,
                columns: &columns,
            },
            category,
            file,
            line,
            expected.len(),
        ) {
            Ok(raw) => out.push(raw),
            Err(message) => push(errors, file, line, message),
        }
    }
}

/// Line numbers from byte offsets. The csv crate counts lines itself, but one too few after
/// each CRLF line end (BurntSushi/rust-csv#395), so a lexicon saved on Windows got wrong line
/// numbers in every message: the line is counted here from the record's byte offset.
pub(crate) struct LineIndex<'a> {
    bytes: &'a [u8],
    /// Byte offset of every `\n`.
    ends: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> LineIndex<'a> {
        LineIndex {
            bytes,
            ends: memchr::memchr_iter(b'\n', bytes).collect(),
        }
    }

    /// The 1-based line the position's byte offset is on (1 without a position). After a
    /// CRLF the csv crate's record starts at the `\n` (it ends records at the `\r`), so line
    /// ends at the offset are skipped first.
    pub(crate) fn line(&self, position: Option<&csv::Position>) -> u32 {
        let mut offset = position.map_or(0, |p| p.byte() as usize);
        while matches!(self.bytes.get(offset), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        let line = self.ends.partition_point(|&end| end < offset) + 1;
        u32::try_from(line).unwrap_or(u32::MAX)
    }
}

/// The csv crate's message without its own (CRLF-miscounted) position.
fn without_position(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "found record with {len} fields, but the previous record has {expected_len} fields"
        ),
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 in field {}", err.field() + 1),
        _ => e.to_string(),
    }
}

pub(crate) fn file_name(category: Category) -> &'static str {
    match category {
        Category::Technology => TECH_FILE,
        Category::Organisation => ORG_FILE,
        Category::City => CITY_FILE,
    }
}

pub(crate) fn push(errors: &mut Vec<LexiconError>, file: &Path, line: u32, message: String) {
    errors.push(LexiconError::Row {
        file: file.to_path_buf(),
        line,
        message,
    });
}

/// Maps column names to positions; every expected column must be there, nothing else.
pub(crate) fn check_header(
    header: &StringRecord,
    expected: &[&str],
) -> Result<HashMap<String, usize>, String> {
    let mut columns = HashMap::new();
    for (i, cell) in header.iter().enumerate() {
        let name = cell
            .trim()
            .trim_start_matches('\u{feff}')
            .to_ascii_lowercase();
        if !expected.contains(&name.as_str()) {
            return Err(format!(
                "unknown column `{name}` in the header (expected {})",
                expected.join(",")
            ));
        }
        if columns.insert(name.clone(), i).is_some() {
            return Err(format!("column `{name}` appears twice in the header"));
        }
    }
    let missing: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|c| !columns.contains_key(*c))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "header lacks column(s) {} (expected {})",
            missing.join(","),
            expected.join(",")
        ));
    }
    Ok(columns)
}

fn parse_row(
    row: &Row,
    category: Category,
    file: &Path,
    line: u32,
    width: usize,
) -> Result<RawEntity, String> {
    if row.record.len() != width {
        return Err(format!(
            "expected {width} cells, found {}",
            row.record.len()
        ));
    }
    let name = row.get("name");
    if name.is_empty() {
        return Err("empty name".into());
    }
    let aliases = split_list(row.get("aliases"), "alias")?;
    let mut entity = Entity {
        name: name.to_string(),
        category,
        topic: String::new(),
        aliases,
        case: CasePolicy::Insensitive,
        parent: None,
        rules: Vec::new(),
        country: None,
        continent: None,
        metro: None,
        origin: Default::default(),
        file: file.to_path_buf(),
        line,
    };
    if category == Category::City {
        fill_city(row, &mut entity)?;
        return Ok(RawEntity {
            entity,
            parent: None,
        });
    }
    let topics: &[&str] = if category == Category::Technology {
        &TECH_TOPICS
    } else {
        &ORG_TOPICS
    };
    entity.topic = one_of(row.get("topic"), topics, "topic")?;
    entity.case = match row.get("case").to_ascii_lowercase().as_str() {
        "" | "insensitive" => CasePolicy::Insensitive,
        "sensitive" => CasePolicy::Sensitive,
        other => {
            return Err(format!(
                "unknown case `{other}` (expected sensitive or insensitive)"
            ))
        }
    };
    entity.rules = parse_rules(row.get("context"))?;
    let parent = Some(row.get("parent").to_string()).filter(|p| !p.is_empty());
    Ok(RawEntity { entity, parent })
}

fn fill_city(row: &Row, entity: &mut Entity) -> Result<(), String> {
    let country = row.get("country");
    if country.is_empty() {
        return Err(format!("city `{}` has no country", entity.name));
    }
    let continent = one_of(row.get("continent"), &CONTINENTS, "continent")?;
    entity.topic = continent.clone();
    entity.country = Some(country.to_string());
    entity.continent = Some(continent);
    entity.metro = Some(row.get("metro").to_string()).filter(|m| !m.is_empty());
    Ok(())
}

/// The allowed value equal to `value` ignoring case, written as the allowed value is.
fn one_of(value: &str, allowed: &[&str], what: &str) -> Result<String, String> {
    if value.is_empty() {
        return Err(format!(
            "empty {what} (expected one of: {})",
            allowed.join(", ")
        ));
    }
    allowed
        .iter()
        .find(|a| a.eq_ignore_ascii_case(value))
        .map(|a| a.to_string())
        .ok_or_else(|| {
            format!(
                "unknown {what} `{value}` (expected one of: {})",
                allowed.join(", ")
            )
        })
}

/// Splits a `|`-separated cell; an empty piece (`A||B`, a trailing `|`) is an error.
pub(crate) fn split_list(cell: &str, what: &str) -> Result<Vec<String>, String> {
    if cell.trim().is_empty() {
        return Ok(Vec::new());
    }
    cell.split('|')
        .map(|piece| {
            let piece = piece.trim();
            if piece.is_empty() {
                Err(format!("empty {what} in `{cell}`"))
            } else {
                Ok(piece.to_string())
            }
        })
        .collect()
}
