//! The data files the tool reads when the user names none, compiled into the binary: the
//! lexicon tables, discovery's word lists, the newsletter profiles and the five default
//! issues. An installed `topictrend` therefore runs from any folder; `--lexicon DIR`,
//! `--words DIR`, `--profile FILE` and archive paths override them, and `topictrend lexicon
//! export DIR` writes the built-in tables out for editing.
//!
//! Each file keeps the path it has in the repository (`data/lexicon/technologies.csv`), which
//! is how messages and the report name it. Cargo rebuilds the binary when one of them changes,
//! so `cargo run` always reads the files as they are in `data/`.

/// A file compiled into the binary.
#[derive(Clone, Copy, Debug)]
pub struct File {
    /// The path in the repository, relative to its root.
    pub path: &'static str,
    pub bytes: &'static [u8],
}

impl File {
    /// The file name alone (`technologies.csv`).
    pub fn name(&self) -> &'static str {
        self.path.rsplit('/').next().unwrap_or(self.path)
    }
}

macro_rules! data {
    ($path:literal) => {
        File {
            path: $path,
            bytes: include_bytes!(concat!("../", $path)),
        }
    };
}

/// The folder the built-in lexicon comes from, as messages name it.
pub const LEXICON_DIR: &str = "data/lexicon";

/// The lexicon tables (see docs/LEXICON.md); `history.csv` and `not-entities.csv` are
/// optional in a folder given with `--lexicon`.
pub const LEXICON: &[File] = &[
    data!("data/lexicon/technologies.csv"),
    data!("data/lexicon/organisations.csv"),
    data!("data/lexicon/cities.csv"),
    data!("data/lexicon/history.csv"),
    data!("data/lexicon/not-entities.csv"),
];

/// The folder the built-in word lists come from, as messages name it.
pub const WORDS_DIR: &str = "data/words";

/// The word lists discovery reads (see data/words/README.md).
pub const WORDS: &[File] = &[
    data!("data/words/english.tsv"),
    data!("data/words/first-names.txt"),
];

/// The default archive: Data Eng Weekly #326 to #330 (autumn 2019).
pub const CORPUS: &[File] = &[data!("data/corpus/data-eng-weekly-326-330.txt")];

/// The newsletter profiles (see docs/PROFILES.md): `--profile dew` (the default) and
/// `--profile generic`.
pub const PROFILES: &[File] = &[
    data!("data/profiles/dew.toml"),
    data!("data/profiles/generic.toml"),
];

/// The built-in profile called `name` (`dew` for `dew.toml`), if there is one.
pub fn profile_file(name: &str) -> Option<&'static File> {
    PROFILES
        .iter()
        .find(|f| f.name().strip_suffix(".toml") == Some(name))
}

/// The built-in word list called `name`, if there is one.
pub fn words_file(name: &str) -> Option<&'static File> {
    WORDS.iter().find(|f| f.name() == name)
}

/// The built-in lexicon table called `name`, if there is one.
pub fn lexicon_file(name: &str) -> Option<&'static File> {
    LEXICON.iter().find(|f| f.name() == name)
}
