//! The lexicon data model: entities with aliases, case policy, parent and context guards.

use std::fmt;
use std::path::PathBuf;

/// The kind of thing an entity is; one table per category in `data/lexicon/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    Technology,
    Organisation,
    City,
}

impl Category {
    pub const ALL: [Category; 3] = [Category::Technology, Category::Organisation, Category::City];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Technology => "technology",
            Category::Organisation => "organisation",
            Category::City => "city",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether an alias must match with its exact capitalisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CasePolicy {
    Sensitive,
    Insensitive,
}

/// One context guard (see docs/LEXICON.md). Terms are stored lower-cased.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    Near(Vec<String>),
    NotNear(Vec<String>),
    Prev(Vec<String>),
    NotPrev(Vec<String>),
    Next(Vec<String>),
    NotNext(Vec<String>),
    MidSentence,
}

/// Where an entity comes from: a row of the curator's lexicon, or a name discovery found
/// in the archive and counted beside them (`discover`, topic [`UNCLASSIFIED`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    #[default]
    Lexicon,
    Discovered,
}

impl Origin {
    pub const ALL: [Origin; 2] = [Origin::Lexicon, Origin::Discovered];

    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Lexicon => "lexicon",
            Origin::Discovered => "discovered",
        }
    }
}

/// The topic of discovered entities: no curator has placed them, so balance shows them on a
/// line of their own and leaves them out of topic shares and concentration.
pub const UNCLASSIFIED: &str = "unclassified";

/// Index of an entity in `Lexicon::entities`.
pub type EntityId = u32;

/// One lexicon row.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub name: String,
    pub category: Category,
    /// Technology topic, organisation kind, or for cities the continent.
    pub topic: String,
    /// Surface forms other than `name` (the name is always matched too).
    pub aliases: Vec<String>,
    pub case: CasePolicy,
    pub parent: Option<EntityId>,
    pub rules: Vec<Rule>,
    /// Cities only.
    pub country: Option<String>,
    /// Cities only.
    pub continent: Option<String>,
    /// Cities only: the metro area a district belongs to.
    pub metro: Option<String>,
    /// A lexicon row, or a discovered name appended after the rows.
    pub origin: Origin,
    /// Where the row is, for messages.
    pub file: PathBuf,
    pub line: u32,
}

impl Entity {
    /// The name followed by the aliases: every surface form this entity claims.
    pub fn surfaces(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}
