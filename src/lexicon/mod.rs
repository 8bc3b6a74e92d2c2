//! Stage 2: load and check the curated dictionaries in `data/lexicon/` (see docs/LEXICON.md).
//!
//! `load` is what the pipeline uses: any hard error (malformed row, bad value, unknown parent,
//! cycle, unguarded alias collision) fails it, naming file and line. `check` reads the same
//! tables but keeps going, returning every error and the softer findings for `lexicon check`.

mod fold;
pub mod history;
mod not_entities;
mod read;
mod rules;
mod types;
mod validate;

pub use fold::{fold, squash, PlaceIndex};
pub use history::{Change, ChangeKind};
pub use not_entities::{
    load_not_entities, NotEntities, NotEntity, NOT_ENTITIES_FILE, NOT_ENTITY_KINDS,
};
pub(crate) use read::ENTITY_COLUMNS;
pub use rules::specificity;
pub use types::*;

use std::fmt;
use std::path::{Path, PathBuf};

/// Errors met while loading a lexicon; every variant names the file (and line) involved.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{file}: cannot read lexicon: {source}")]
    Io {
        file: PathBuf,
        source: std::io::Error,
    },
    #[error("{file}:{line}: {message}")]
    Row {
        file: PathBuf,
        line: u32,
        message: String,
    },
    /// `lexicon check` found errors (each already printed).
    #[error("{dir}: the lexicon has {count} error(s)")]
    Invalid { dir: PathBuf, count: usize },
}

/// All entities of the three tables, technologies then organisations then cities,
/// each in file order. `EntityId` indexes `entities`.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    pub entities: Vec<Entity>,
    /// Renames and mergers from `history.csv` (see [`history`]).
    pub changes: Vec<Change>,
}

/// What kind of soft problem `check` found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingKind {
    /// Two guarded entries share a surface; their guards decide at match time.
    Overlap,
    /// A guarded and an unguarded entry share a surface; the unguarded one loses where the
    /// guards hold.
    Shadowed,
    /// A surface repeated within one entry.
    Redundant,
    /// A row out of name order.
    Unsorted,
    /// A city's metro that names no city.
    Metro,
}

/// A soft problem: reported by `lexicon check`, never fatal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    pub file: PathBuf,
    pub line: u32,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// The result of reading the tables without stopping at the first error.
#[derive(Debug, Default)]
pub struct Checked {
    /// The good rows (bad rows are left out; parents that failed to resolve are `None`).
    pub lexicon: Lexicon,
    pub errors: Vec<LexiconError>,
    pub findings: Vec<Finding>,
    /// `not-entities.csv` (empty when the folder has none).
    pub not_entities: NotEntities,
}

/// A table's path as messages name it, and its bytes.
type Table = (PathBuf, std::borrow::Cow<'static, [u8]>);

/// Where the lexicon tables are read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The tables compiled into the binary (`data/lexicon/` of the build, see `crate::builtin`).
    Builtin,
    /// A folder holding `technologies.csv`, `organisations.csv` and `cities.csv`.
    Dir(PathBuf),
}

impl Source {
    /// `--lexicon DIR` when given, else the built-in tables.
    pub fn from_option(dir: Option<&Path>) -> Source {
        dir.map_or(Source::Builtin, |d| Source::Dir(d.to_path_buf()))
    }

    /// The folder as messages name it (`data/lexicon` for the built-in tables).
    pub fn dir(&self) -> PathBuf {
        match self {
            Source::Builtin => PathBuf::from(crate::builtin::LEXICON_DIR),
            Source::Dir(dir) => dir.clone(),
        }
    }

    /// [`read`](Self::read) for a table a lexicon may lack: `None` when it is not there.
    fn read_optional(&self, name: &str) -> Result<Option<Table>, LexiconError> {
        match self.read(name) {
            Ok(found) => Ok(Some(found)),
            Err(LexiconError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// The bytes of the table `name`, and the path messages name it by.
    fn read(&self, name: &str) -> Result<Table, LexiconError> {
        let path = self.dir().join(name);
        match self {
            Source::Builtin => match crate::builtin::lexicon_file(name) {
                Some(f) => Ok((path, f.bytes.into())),
                None => Err(LexiconError::Io {
                    file: path,
                    source: std::io::ErrorKind::NotFound.into(),
                }),
            },
            Source::Dir(_) => match std::fs::read(&path) {
                Ok(bytes) => Ok((path, bytes.into())),
                Err(source) => Err(LexiconError::Io { file: path, source }),
            },
        }
    }
}

/// Loads the three tables from `dir`; the first hard error fails the load.
pub fn load(dir: &Path) -> Result<Lexicon, LexiconError> {
    load_from(&Source::Dir(dir.to_path_buf()))
}

/// The built-in lexicon (see `crate::builtin`).
pub fn builtin() -> Result<Lexicon, LexiconError> {
    load_from(&Source::Builtin)
}

/// Loads the three tables from `source`; the first hard error fails the load.
pub fn load_from(source: &Source) -> Result<Lexicon, LexiconError> {
    let mut checked = check_from(source)?;
    if checked.errors.is_empty() {
        Ok(checked.lexicon)
    } else {
        Err(checked.errors.swap_remove(0))
    }
}

/// Reads the three tables from `dir`, collecting every error and finding. Only an unreadable
/// file stops it.
pub fn check(dir: &Path) -> Result<Checked, LexiconError> {
    check_from(&Source::Dir(dir.to_path_buf()))
}

/// [`check`] on the tables of `source`.
pub fn check_from(source: &Source) -> Result<Checked, LexiconError> {
    let mut raw = Vec::new();
    let mut errors = Vec::new();
    for category in Category::ALL {
        let (file, bytes) = source.read(read::file_name(category))?;
        read::read_table(&file, &bytes, category, &mut raw, &mut errors);
    }
    let entities = validate::resolve_parents(raw, &mut errors);
    let mut lexicon = Lexicon {
        entities,
        changes: Vec::new(),
    };
    if let Some((file, bytes)) = source.read_optional(history::HISTORY_FILE)? {
        lexicon.changes = history::read(&file, &bytes, &mut lexicon, &mut errors);
    }
    let mut findings = Vec::new();
    validate::check_names(&lexicon.entities, &mut errors);
    validate::check_aliases(&lexicon.entities, &mut errors, &mut findings);
    validate::check_order_and_metros(&lexicon.entities, &mut findings);
    let mut checked = Checked {
        lexicon,
        errors,
        findings,
        not_entities: NotEntities::default(),
    };
    not_entities::check_into(source, &mut checked)?;
    checked.errors.sort_by_key(error_order);
    Ok(checked)
}

/// Errors in table order, then line order.
fn error_order(e: &LexiconError) -> (u8, u32) {
    match e {
        LexiconError::Row { file, line, .. } => {
            let name = file.file_name().and_then(|f| f.to_str()).unwrap_or("");
            let table = Category::ALL
                .iter()
                .position(|&c| read::file_name(c) == name)
                .unwrap_or(if name == NOT_ENTITIES_FILE { 3 } else { 4 });
            (table as u8, *line)
        }
        _ => (5, 0),
    }
}

impl Lexicon {
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id as usize]
    }

    pub fn name(&self, id: EntityId) -> &str {
        &self.entities[id as usize].name
    }

    /// Ids with their entities, in table order.
    pub fn iter(&self) -> impl Iterator<Item = (EntityId, &Entity)> {
        self.entities
            .iter()
            .enumerate()
            .map(|(i, e)| (i as EntityId, e))
    }

    /// The entity whose canonical name is `name`, ignoring case.
    pub fn by_name(&self, name: &str) -> Option<EntityId> {
        let name = name.trim().to_lowercase();
        self.iter()
            .find(|(_, e)| e.name.to_lowercase() == name)
            .map(|(id, _)| id)
    }

    /// Every entity with `surface` as its name or an alias, ignoring case (a shared alias such
    /// as `Delta` gives several).
    pub fn by_alias(&self, surface: &str) -> Vec<EntityId> {
        let surface = surface.trim().to_lowercase();
        self.iter()
            .filter(|(_, e)| e.surfaces().any(|s| s.to_lowercase() == surface))
            .map(|(id, _)| id)
            .collect()
    }

    /// Entities a user means by `query`: the canonical name if one matches, else every alias match.
    pub fn lookup(&self, query: &str) -> Vec<EntityId> {
        match self.by_name(query) {
            Some(id) => vec![id],
            None => self.by_alias(query),
        }
    }

    /// The city a meetup place names (see `PlaceIndex::resolve`; build a `PlaceIndex` for many
    /// lookups).
    pub fn resolve_place(&self, place: &str) -> Option<EntityId> {
        PlaceIndex::new(self).resolve(place)
    }

    /// The family head: follow parents to the top (`Kafka Streams` -> `Kafka`).
    pub fn root(&self, id: EntityId) -> EntityId {
        let mut current = id;
        for _ in 0..self.entities.len() {
            match self.entity(current).parent {
                Some(p) => current = p,
                None => break,
            }
        }
        current
    }

    /// Number of entities in a category.
    pub fn count(&self, category: Category) -> usize {
        self.entities
            .iter()
            .filter(|e| e.category == category)
            .count()
    }

    /// The curator's rows: the entities without those discovery appended
    /// (`Discovery::counted`).
    pub fn curated(&self) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(|e| e.origin == Origin::Lexicon)
    }
}
