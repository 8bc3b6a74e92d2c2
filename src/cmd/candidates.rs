//! `topictrend candidates`: the names discovery proposes (src/discover), ranked for a curator,
//! each with its category guess, confidence, evidence and an example line; or, with
//! `--format lexicon`, the names that pass the threshold as rows to paste into the lexicon.
//!
//! Accepting a name is a copy and paste of its row; rejecting one is a row in
//! `not-entities.csv`. Everything here is linear in the archive: discovery is, and the
//! examples are looked up once per printed name.

use super::reading::{read, Want};
use super::{Error, Outcome};
use crate::cli::{CandidatesFormat, InputArgs};
use crate::config::InputConfig;
use crate::corpus::Corpus;
use crate::discover::{example, Discovered, Discoverer, Discovery, Words};
use crate::lexicon::{self, Category};
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

/// Prints the top `top` candidates in `format`.
pub fn run(
    input: &InputArgs,
    words_dir: Option<&Path>,
    top: usize,
    format: CandidatesFormat,
    quiet: bool,
) -> Result<Outcome, Error> {
    let config = InputConfig::from(input);
    let lexicon = lexicon::load_from(&config.lexicon)?;
    let words = Words::load(words_dir, &config.lexicon, &lexicon)?;
    let discoverer = Discoverer::new(&lexicon, &words);
    let want = Want {
        discover: Some(&discoverer),
        ..Want::extracting(&lexicon)
    };
    let (corpus, _, discovery) = read(&config, want)?;
    let outcome = super::report_warnings(&corpus, quiet);
    let discovery = discovery.unwrap_or_default();
    let text = match format {
        CandidatesFormat::Text => table(&corpus, &discovery, top)?,
        CandidatesFormat::Lexicon => lexicon_rows(&discovery, top),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Error::Stdout)?;
    Ok(outcome)
}

/// Entity ids ranked by confidence, then issues, then mentions, then name.
pub fn ranked(discovery: &Discovery) -> Vec<usize> {
    let mut ids: Vec<usize> = (0..discovery.entities.len()).collect();
    ids.sort_by(|&a, &b| {
        let (x, y) = (&discovery.entities[a], &discovery.entities[b]);
        y.confidence
            .total_cmp(&x.confidence)
            .then(y.issues.cmp(&x.issues))
            .then(y.evidence.mentions.cmp(&x.evidence.mentions))
            .then(a.cmp(&b))
    });
    ids
}

/// The ranked table: one line per name, with an example of its first mention.
fn table(corpus: &Corpus, discovery: &Discovery, top: usize) -> Result<String, Error> {
    let first = discovery.first_mentions();
    let mut items = corpus.items();
    let mut text = format!(
        "{:>4}  {:>5}  {:<12}  {:>6}  {:>8}  {:<28} {:<32} example\n",
        "rank", "conf", "category", "issues", "mentions", "candidate", "evidence"
    );
    for (rank, id) in ranked(discovery).into_iter().take(top).enumerate() {
        let d = &discovery.entities[id];
        let example = match first[id] {
            Some(m) => {
                let (_, item) = items.get(m.issue, m.item)?;
                let text = items.text(m.issue, m.item)?;
                let context = example(text, m.start as usize, m.end as usize);
                format!("#{} line {}: {context}", m.issue, item.line)
            }
            None => String::new(),
        };
        let _ = writeln!(
            text,
            "{:>4}  {:>5.2}  {:<12}  {:>6}  {:>8}  {:<28} {:<32} {example}",
            rank + 1,
            d.confidence,
            d.category.as_str(),
            d.issues,
            d.evidence.mentions,
            d.name,
            d.evidence_summary(),
        );
    }
    Ok(text)
}

/// Rows for technologies.csv, then organisations.csv, in the lexicon's columns
/// (`name,topic,aliases,case,parent,context,notes`), for the names that pass the threshold.
fn lexicon_rows(discovery: &Discovery, top: usize) -> String {
    let accepted: Vec<&Discovered> = ranked(discovery)
        .into_iter()
        .map(|id| &discovery.entities[id])
        .filter(|d| d.accepted())
        .take(top)
        .collect();
    let mut out = String::new();
    for (category, file) in [
        (Category::Technology, "technologies.csv"),
        (Category::Organisation, "organisations.csv"),
    ] {
        let header = crate::render::csv::record(&lexicon::ENTITY_COLUMNS);
        let _ = writeln!(out, "# {file}\n{header}");
        let mut rows: Vec<&&Discovered> =
            accepted.iter().filter(|d| d.category == category).collect();
        rows.sort_by_key(|d| d.name.to_lowercase());
        for d in rows {
            let _ = writeln!(out, "{}", lexicon_row(d));
        }
    }
    out
}

/// One lexicon row: the guessed topic, the other spellings seen as aliases, and the evidence
/// as notes (case and guards are the curator's call).
fn lexicon_row(d: &Discovered) -> String {
    let aliases: Vec<&str> = d
        .variants
        .iter()
        .map(String::as_str)
        .filter(|v| *v != d.name)
        .collect();
    let notes = format!(
        "discovered: {} mentions in {} issues (#{}-#{}); {}; confidence {:.2}",
        d.evidence.mentions,
        d.issues,
        d.first_issue,
        d.last_issue,
        d.evidence_summary(),
        d.confidence
    );
    let cells = [
        d.name.as_str(),
        d.topic,
        &aliases.join("|"),
        "",
        "",
        "",
        &notes,
    ];
    crate::render::csv::record(&cells)
}
