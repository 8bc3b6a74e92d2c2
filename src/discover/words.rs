//! The word lists discovery judges names against: English word frequency, first names, the
//! curator's `not-entities.csv`, and the places the lexicon knows (cities, their countries and
//! continents). Read once, shared read-only across workers.
//!
//! The lists are compiled into the binary (`crate::builtin`); `--words DIR` reads them from a
//! folder instead, through [`read_data`].

use crate::corpus::FastHash;
pub use crate::lexicon::squash;
use crate::lexicon::{self, Category, Lexicon, NotEntities, Source};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub use crate::builtin::WORDS_DIR;
/// English words with their Zipf frequency (`word<TAB>zipf`), see data/words/README.md.
pub const ENGLISH_FILE: &str = "english.tsv";
/// Lower-case first names, one a line, see data/words/README.md.
pub const FIRST_NAMES_FILE: &str = "first-names.txt";

/// Errors reading the word lists.
#[derive(Debug, thiserror::Error)]
pub enum WordsError {
    #[error("{file}: cannot read word list: {source}")]
    Io {
        file: PathBuf,
        source: std::io::Error,
    },
    #[error("{file}:{line}: expected `word<TAB>zipf`, found `{text}`")]
    Row {
        file: PathBuf,
        line: u32,
        text: String,
    },
    #[error(transparent)]
    Lexicon(#[from] lexicon::LexiconError),
}

/// The contents of word list `name`: from `dir`, or the built-in one.
pub fn read_data(dir: Option<&Path>, name: &str) -> Result<String, WordsError> {
    let file = dir.unwrap_or(Path::new(WORDS_DIR)).join(name);
    let bytes = match dir {
        Some(_) => std::fs::read(&file).map_err(|source| WordsError::Io {
            file: file.clone(),
            source,
        })?,
        None => crate::builtin::words_file(name)
            .map(|f| f.bytes.to_vec())
            .ok_or_else(|| WordsError::Io {
                file: file.clone(),
                source: std::io::ErrorKind::NotFound.into(),
            })?,
    };
    String::from_utf8(bytes).map_err(|e| WordsError::Io {
        file,
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
    })
}

/// Everything discovery looks words up in. Keys are ASCII-lower-cased.
#[derive(Debug, Default)]
pub struct Words {
    /// Zipf frequency of English words (about 29,000, Zipf >= 3).
    english: HashMap<Box<str>, f32, FastHash>,
    first_names: HashSet<Box<str>, FastHash>,
    /// Names a curator said are not entities (`not-entities.csv`), squashed (see `squash`).
    not_entities: HashSet<Box<str>, FastHash>,
    /// Cities, countries and continents of the lexicon, squashed.
    places: HashSet<Box<str>, FastHash>,
}

impl Words {
    /// Reads the lists from `words_dir` (`None`: the built-in ones) and `not-entities.csv`
    /// from the lexicon's `source` (absent: empty), and the places from `lex`.
    pub fn load(
        words_dir: Option<&Path>,
        source: &Source,
        lex: &Lexicon,
    ) -> Result<Words, WordsError> {
        let english_text = read_data(words_dir, ENGLISH_FILE)?;
        let names_text = read_data(words_dir, FIRST_NAMES_FILE)?;
        let not = lexicon::load_not_entities(source)?;
        let file = words_dir.unwrap_or(Path::new(WORDS_DIR)).join(ENGLISH_FILE);
        Words::from_parts(&english_text, &names_text, &not, lex)
            .map_err(|(line, text)| WordsError::Row { file, line, text })
    }

    /// Builds the lists from their texts; an English row that does not parse gives its line
    /// and text.
    pub fn from_parts(
        english_text: &str,
        names_text: &str,
        not: &NotEntities,
        lex: &Lexicon,
    ) -> Result<Words, (u32, String)> {
        let mut words = Words::default();
        for (i, line) in english_text.lines().enumerate() {
            let parsed = line
                .split_once('\t')
                .and_then(|(w, z)| Some((w, z.trim().parse::<f32>().ok()?)));
            let Some((word, zipf)) = parsed else {
                return Err((i as u32 + 1, line.to_string()));
            };
            words.english.insert(word.to_ascii_lowercase().into(), zipf);
        }
        words.first_names = names_text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| l.to_ascii_lowercase().into())
            .collect();
        words.not_entities = not.names().map(|n| squash(n).into()).collect();
        words.places = places(lex);
        Ok(words)
    }

    /// Zipf frequency of an English word, any case (`0` when not in the list).
    pub fn zipf(&self, word: &str) -> f32 {
        with_lower(word, |w| self.english.get(w).copied()).unwrap_or(0.0)
    }

    /// Whether `word` (any case) is a first name.
    pub fn is_first_name(&self, word: &str) -> bool {
        with_lower(word, |w| self.first_names.contains(w).then_some(())).is_some()
    }

    /// Whether the squashed name is in `not-entities.csv`.
    pub fn is_not_entity(&self, squashed: &str) -> bool {
        self.not_entities.contains(squashed)
    }

    /// Whether the squashed name is a city, country or continent of the lexicon.
    pub fn is_place(&self, squashed: &str) -> bool {
        self.places.contains(squashed)
    }
}

/// Calls `f` with `word` ASCII-lower-cased, on the stack for words of up to 32 bytes (every
/// word the lists hold): discovery looks up every capitalised word.
fn with_lower<T>(word: &str, f: impl Fn(&str) -> Option<T>) -> Option<T> {
    let mut buf = [0u8; 32];
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() {
        return f(&word.to_ascii_lowercase());
    }
    buf[..bytes.len()].copy_from_slice(bytes);
    buf[..bytes.len()].make_ascii_lowercase();
    // Lower-casing ASCII bytes keeps the bytes valid UTF-8.
    std::str::from_utf8(&buf[..bytes.len()]).ok().and_then(f)
}

/// Squashed surfaces of every city, and the countries and continents cities name.
fn places(lex: &Lexicon) -> HashSet<Box<str>, FastHash> {
    let mut out = HashSet::default();
    for (_, e) in lex.iter().filter(|(_, e)| e.category == Category::City) {
        for s in e
            .surfaces()
            .chain(e.country.as_deref())
            .chain(e.continent.as_deref())
        {
            out.insert(squash(s).into());
        }
    }
    out
}
