//! `topictrend lexicon check`: malformed rows (file:line), alias collisions, shadowed and
//! redundant aliases, entries never matched in the archive, unresolved meetup places, and
//! the counts per category. Exit 0 with only findings, 1 on errors. And `topictrend lexicon
//! export DIR`: the built-in tables written out for editing.

use super::reading::{read, Want};
use super::{Error, Outcome};
use crate::builtin;
use crate::cli::InputArgs;
use crate::config::InputConfig;
use crate::extract::{Extraction, Via};
use crate::lexicon::{self, Category, Checked, Lexicon, LexiconError};
use crate::output::OutputError;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Checks the lexicon; with no errors, also matches it against the archive.
pub fn run_check(input: &InputArgs, quiet: bool) -> Result<Outcome, Error> {
    let config = InputConfig::from(input);
    let checked = lexicon::check_from(&config.lexicon)?;
    let mut text = static_part(&checked);
    let mut outcome = Outcome::Clean;
    let matched = if checked.errors.is_empty() {
        let (corpus, extraction, _) = read(&config, Want::extracting(&checked.lexicon))?;
        outcome = super::report_warnings(&corpus, quiet);
        text.push_str(&corpus_part(&checked.lexicon, &extraction));
        Some(mention_counts(&checked.lexicon, &extraction))
    } else {
        text.push_str("\n(archive not matched: fix the errors first)\n");
        None
    };
    text.push_str(&summary(&checked, matched.as_deref()));
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Error::Stdout)?;
    match checked.errors.len() {
        0 => Ok(outcome),
        count => Err(LexiconError::Invalid {
            dir: config.lexicon.dir(),
            count,
        }
        .into()),
    }
}

/// Writes the built-in tables into `dir` (created if needed). A table already there is kept
/// unless `force`: the user may have edited it.
pub fn run_export(dir: &Path, force: bool, quiet: bool) -> Result<Outcome, Error> {
    let werr = |path: &Path, source| OutputError::Write {
        path: path.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(|e| werr(dir, e))?;
    let files = builtin::LEXICON;
    let paths: Vec<PathBuf> = files.iter().map(|f| dir.join(f.name())).collect();
    if !force {
        if let Some(there) = paths.iter().find(|p| p.exists()) {
            return Err(Error::Usage(format!(
                "{}: already exists; keep your edits, or pass --force to overwrite it",
                there.display()
            )));
        }
    }
    for (file, path) in files.iter().zip(&paths) {
        std::fs::write(path, file.bytes).map_err(|e| werr(path, e))?;
    }
    if !quiet {
        eprintln!(
            "topictrend: wrote {} tables to {}; use them with --lexicon {}",
            files.len(),
            dir.display(),
            dir.display()
        );
    }
    Ok(Outcome::Clean)
}

/// Errors and findings, which need only the tables.
fn static_part(checked: &Checked) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "errors ({}):", checked.errors.len());
    for e in &checked.errors {
        let _ = writeln!(s, "  {e}");
    }
    let _ = writeln!(s, "findings ({}):", checked.findings.len());
    let mut findings: Vec<_> = checked.findings.iter().collect();
    findings.sort_by_key(|f| (f.kind, f.file.clone(), f.line));
    for f in findings {
        let _ = writeln!(s, "  {:<10} {f}", format!("{:?}", f.kind).to_lowercase());
    }
    let pairs = crate::extract::derived_pairs(&checked.lexicon);
    let aliases = pairs
        .iter()
        .map(|(alias, _)| alias)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let _ = writeln!(
        s,
        "makers: {} (alias, organisation) pairs over {aliases} technology aliases that begin \
         with an organisation's name; the organisation's own case and guards decide in the text",
        pairs.len()
    );
    s
}

/// Entries never matched and unresolved places.
fn corpus_part(lexicon: &Lexicon, extraction: &Extraction) -> String {
    let counts = mention_counts(lexicon, extraction);
    let mut s = String::new();
    for category in Category::ALL {
        let never: Vec<&str> = lexicon
            .iter()
            .filter(|(id, e)| e.category == category && counts[*id as usize] == 0)
            .map(|(_, e)| e.name.as_str())
            .collect();
        let _ = writeln!(
            s,
            "never matched in the archive ({category}, {}):",
            never.len()
        );
        for line in wrap(&never, 96) {
            let _ = writeln!(s, "  {line}");
        }
    }
    let mut places: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for u in &extraction.unresolved {
        places
            .entry(u.place.as_str())
            .or_default()
            .push(format!("#{} item {}", u.issue, u.item));
    }
    let _ = writeln!(s, "unresolved meetup places ({}):", places.len());
    for (place, at) in &places {
        let _ = writeln!(s, "  {place}: {}", at.join(", "));
    }
    s
}

/// Mentions per entity (cities: via their listings).
fn mention_counts(lexicon: &Lexicon, extraction: &Extraction) -> Vec<usize> {
    let mut counts = vec![0; lexicon.entities.len()];
    // What the text names: a maker or a link-only name is not a match of the entry.
    for m in extraction.mentions.iter().filter(|m| m.via == Via::Text) {
        counts[m.entity as usize] += 1;
    }
    counts
}

/// Entries, matched and never matched per category, and the totals.
fn summary(checked: &Checked, counts: Option<&[usize]>) -> String {
    let mut s = format!(
        "\n{:<14}{:>9}{:>9}{:>15}\n",
        "category", "entries", "matched", "never matched"
    );
    for category in Category::ALL {
        let ids: Vec<usize> = checked
            .lexicon
            .iter()
            .filter(|(_, e)| e.category == category)
            .map(|(id, _)| id as usize)
            .collect();
        let (matched, never) = match counts {
            Some(c) => {
                let m = ids.iter().filter(|&&i| c[i] > 0).count();
                (m.to_string(), (ids.len() - m).to_string())
            }
            None => ("-".into(), "-".into()),
        };
        let _ = writeln!(
            s,
            "{:<14}{:>9}{matched:>9}{never:>15}",
            category.as_str(),
            ids.len()
        );
    }
    let _ = writeln!(
        s,
        "{} error(s), {} finding(s)",
        checked.errors.len(),
        checked.findings.len()
    );
    s
}

/// Joins names with `, ` into lines of at most `width` characters.
fn wrap(names: &[&str], width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for name in names {
        if !line.is_empty() && line.len() + name.len() + 2 > width {
            lines.push(std::mem::take(&mut line) + ",");
        }
        if !line.is_empty() {
            line.push_str(", ");
        }
        line.push_str(name);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
