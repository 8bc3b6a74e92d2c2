//! Newsletter profiles: the grammar the readers use (issue headings, banner lines, written
//! dates, section headings, sponsor markers, chrome lines, meetup listings), as data. The
//! built-in `dew` (Hadoop Weekly / Data Eng Weekly, the default) and `generic` profiles are
//! TOML files under `data/profiles/` compiled into the binary; `--profile FILE` reads a user's
//! file, which may `extends` a built-in one. docs/PROFILES.md describes every key.
//!
//! A [`Profile`] is compiled once (regexes, the heading pre-check) and shared read-only by
//! every reader and worker thread.

mod compile;
mod prefix;
mod spec;

pub use spec::{AfterHeading, DateFormat, Layout, LineHeadings, Unnumbered};

use regex::Regex;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

/// A compiled profile, cheap to clone (shared).
#[derive(Clone, Debug)]
pub struct Profile(Arc<Grammar>);

/// What a profile says, compiled. Read by the corpus readers through [`Profile`].
#[derive(Debug)]
pub struct Grammar {
    pub(crate) name: String,
    pub(crate) description: String,
    /// Where it comes from: `built-in` or the file's path.
    pub(crate) origin: String,
    /// `(?i)^\s*(?:pattern|...)(?P<rest>.*)$` over every heading pattern.
    pub(crate) heading: Regex,
    /// Capture index of each heading pattern's number, in the combined regex.
    pub(crate) heading_numbers: Vec<usize>,
    pub(crate) heading_rest: usize,
    /// The pre-check run on every line before `heading` (see [`Grammar::may_be_heading`]).
    pub(crate) precheck: prefix::Precheck,
    /// A line holding only one of the newsletter's names; `None` without names.
    pub(crate) banner: Option<Regex>,
    pub(crate) after_heading: AfterHeading,
    pub(crate) max_digits: usize,
    /// Searched in a post's title for its number; `None`: the title must be a heading.
    pub(crate) title_numbers: Option<(Regex, Vec<usize>)>,
    pub(crate) unnumbered: Unnumbered,
    pub(crate) formats: Vec<DateFormat>,
    pub(crate) dates_in_titles: bool,
    pub(crate) dates_in_file_names: bool,
    pub(crate) layout: Layout,
    pub(crate) line_headings: LineHeadings,
    /// Lower case, as written in the profile.
    pub(crate) section_headings: Vec<String>,
    pub(crate) sponsor_headings: Vec<String>,
    /// Byte length of the longest section heading (a cheap bound before lower-casing).
    pub(crate) longest_heading: usize,
    pub(crate) sponsor: Option<Regex>,
    pub(crate) connectors: Vec<String>,
    /// `(?i)^\s*(?:line|...)$`: footer and page-artefact paragraphs.
    pub(crate) chrome: Option<Regex>,
    pub(crate) listing: Option<Tail>,
}

/// The part of a meetup listing after its `(Place)`, with its groups' capture indices.
#[derive(Debug)]
pub(crate) struct Tail {
    /// Unique among the tails compiled in this process (keys per-thread capture slots).
    pub id: u64,
    pub regex: Regex,
    pub weekday: usize,
    pub month: usize,
    pub day: usize,
}

impl std::ops::Deref for Profile {
    type Target = Grammar;
    fn deref(&self) -> &Grammar {
        &self.0
    }
}

impl Default for Profile {
    /// The built-in `dew` profile.
    fn default() -> Profile {
        Profile::dew().clone()
    }
}

/// The names of the built-in profiles (`data/profiles/NAME.toml`).
pub const BUILT_IN: &[&str] = &["dew", "generic"];

/// A profile that cannot be read or compiled, or a `--profile` that names none.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    /// The file (`built-in profile NAME` for the shipped ones), the line when known (0
    /// otherwise), the key, and why.
    #[error("{}{}: {message}", origin, if *line > 0 { format!(":{line}") } else { String::new() })]
    Invalid {
        origin: String,
        /// 1-based line in the file, 0 when unknown.
        line: u32,
        message: String,
    },
    /// Neither a built-in profile's name nor a file: a usage error.
    #[error(
        "`{name}`: no built-in profile of that name ({}) and no such file",
        BUILT_IN.join(", ")
    )]
    Unknown { name: String },
}

impl ProfileError {
    /// The command line asked for a profile that does not exist (exit code 2).
    pub fn is_usage(&self) -> bool {
        matches!(self, ProfileError::Unknown { .. })
    }
}

impl Profile {
    /// The built-in `dew` profile (Hadoop Weekly / Data Eng Weekly), the default.
    pub fn dew() -> &'static Profile {
        static DEW: LazyLock<Profile> = LazyLock::new(|| built_in("dew"));
        &DEW
    }

    /// The built-in `generic` profile.
    pub fn generic() -> &'static Profile {
        static GENERIC: LazyLock<Profile> = LazyLock::new(|| built_in("generic"));
        &GENERIC
    }

    /// A built-in profile by name.
    pub fn named(name: &str) -> Option<&'static Profile> {
        match name {
            "dew" => Some(Profile::dew()),
            "generic" => Some(Profile::generic()),
            _ => None,
        }
    }

    /// Reads and compiles a profile file.
    pub fn from_file(path: &Path) -> Result<Profile, ProfileError> {
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ProfileError::Invalid {
            origin: origin.clone(),
            line: 0,
            message: format!("cannot read: {e}"),
        })?;
        Profile::from_toml(&origin, &text)
    }

    /// Compiles a profile written as TOML; `origin` names it in errors.
    pub fn from_toml(origin: &str, text: &str) -> Result<Profile, ProfileError> {
        compile::compile(origin, text).map(|g| Profile(Arc::new(g)))
    }

    pub fn name(&self) -> &str {
        &self.0.name
    }

    /// The profile's one-line description.
    pub fn description(&self) -> &str {
        &self.0.description
    }

    /// Where it comes from: `built-in profile NAME` or its file.
    pub fn origin(&self) -> &str {
        &self.0.origin
    }
}

/// Compiles a shipped profile; they are tested, so a failure is a bug in `data/profiles/`.
fn built_in(name: &str) -> Profile {
    let text = crate::builtin::profile_file(name)
        .and_then(|f| std::str::from_utf8(f.bytes).ok())
        .unwrap_or_default();
    match Profile::from_toml(&format!("built-in profile {name}"), text) {
        Ok(p) => p,
        Err(e) => panic!("data/profiles/{name}.toml: {e}"),
    }
}

/// Which profile `--profile` asks for; compiled by `corpus::load`, so every subcommand reads
/// the same way and a bad file is an error naming it.
#[derive(Clone, Debug, Default)]
pub enum ProfileChoice {
    /// The built-in `dew`.
    #[default]
    Default,
    /// A built-in profile's name or a file, as given.
    Named(String),
    /// Compiled already.
    Ready(Profile),
}

impl ProfileChoice {
    /// `--profile` as given (`None`: the default).
    pub fn from_arg(arg: Option<&str>) -> ProfileChoice {
        arg.map_or(ProfileChoice::Default, |a| {
            ProfileChoice::Named(a.to_string())
        })
    }

    /// The compiled profile: a built-in name, else a file (which must exist).
    pub fn load(&self) -> Result<Profile, ProfileError> {
        match self {
            ProfileChoice::Default => Ok(Profile::dew().clone()),
            ProfileChoice::Ready(p) => Ok(p.clone()),
            // A built-in name wins; `./dew` reads a file called `dew`.
            ProfileChoice::Named(name) => match Profile::named(name) {
                Some(p) => Ok(p.clone()),
                None if Path::new(name).is_file() => Profile::from_file(&PathBuf::from(name)),
                None => Err(ProfileError::Unknown { name: name.clone() }),
            },
        }
    }
}

#[cfg(test)]
mod tests;
