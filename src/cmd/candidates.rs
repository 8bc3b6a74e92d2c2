//! `topictrend candidates`: capitalised names in the archive that the lexicon lacks, ranked by
//! issues then mentions, each with an example (issue, line, context). This is how the lexicon grows.
//!
//! A name is a run of capitalised words (`Devoted Health`, `TileDB`, `gRPC`) joined by single
//! spaces. Skipped: words inside a lexicon match, known names and aliases, month and weekday
//! names, and common words where capitals say nothing: at a sentence start, and everywhere in
//! title-cased meetup listings. A word is common when the archive also writes it in lower case,
//! it is a function word, or (sentence-initially) it reads like an inflected word (`-ing`, `-ed`, `-ly`).

use super::{Error, Outcome};
use crate::cli::InputArgs;
use crate::config::InputConfig;
use crate::corpus::{self, Corpus, Issue, Item, Section};
use crate::date::{month_from_name, weekday_from_name};
use crate::extract::{Extraction, Extractor};
use crate::lexicon::{self, Lexicon};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write;

const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "another", "any", "are", "as", "at", "back",
    "be", "because", "before", "both", "but", "by", "can", "do", "does", "each", "even", "every",
    "few", "first", "for", "from", "given", "has", "have", "he", "her", "here", "his", "how",
    "however", "i", "if", "in", "into", "is", "it", "its", "just", "last", "lots", "many", "more",
    "most", "much", "my", "new", "next", "no", "not", "now", "of", "on", "once", "one", "or",
    "other", "our", "over", "part", "since", "so", "some", "such", "than", "that", "the", "their",
    "then", "there", "these", "they", "this", "those", "through", "to", "two", "under", "unlike",
    "up", "using", "via", "was", "we", "what", "when", "where", "which", "while", "who", "why",
    "will", "with", "within", "without", "yet", "you", "your",
];

/// One name the lexicon lacks.
struct Candidate {
    name: String,
    issues: BTreeSet<u32>,
    mentions: usize,
    /// (issue, line, context) of the first occurrence.
    example: (u32, u32, String),
}

/// Prints the top `top` candidates.
pub fn run(input: &InputArgs, top: usize, quiet: bool) -> Result<Outcome, Error> {
    let config = InputConfig::from(input);
    let lexicon = lexicon::load_from(&config.lexicon)?;
    let corpus = corpus::load(&config.paths, &config.load)?;
    let outcome = super::report_warnings(&corpus, quiet);
    let extraction = Extractor::new(&lexicon)?.extract(&corpus);
    let ranked = candidates(&corpus, &lexicon, &extraction);
    let mut text = format!(
        "{:>4}  {:>6}  {:>8}  {:<28} example\n",
        "rank", "issues", "mentions", "candidate"
    );
    for (rank, c) in ranked.iter().take(top).enumerate() {
        let (issue, line, context) = &c.example;
        let _ = writeln!(
            text,
            "{:>4}  {:>6}  {:>8}  {:<28} #{issue} line {line}: {context}",
            rank + 1,
            c.issues.len(),
            c.mentions,
            c.name
        );
    }
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Error::Stdout)?;
    Ok(outcome)
}

/// Every candidate, ranked by issues, then mentions, then name.
fn candidates(corpus: &Corpus, lexicon: &Lexicon, extraction: &Extraction) -> Vec<Candidate> {
    let lower = lower_vocabulary(corpus);
    let known: HashSet<String> = lexicon
        .entities
        .iter()
        .flat_map(|e| e.surfaces().map(str::to_lowercase))
        .collect();
    let mut covered: HashMap<(u32, u32), Vec<(usize, usize)>> = HashMap::new();
    for m in &extraction.mentions {
        covered
            .entry((m.issue, m.item))
            .or_default()
            .push((m.start as usize, m.end as usize));
    }
    let mut found: HashMap<String, Candidate> = HashMap::new();
    for issue in &corpus.issues {
        // Headings, footers and page artefacts (section `other`) repeat boilerplate, not names.
        for item in issue.items.iter().filter(|i| i.section != Section::Other) {
            let spans = covered
                .get(&(issue.number, item.index))
                .map_or(&[][..], Vec::as_slice);
            for (start, end) in names_in(item, spans, &lower) {
                add(&mut found, issue, item, start, end, &known);
            }
        }
    }
    let mut ranked: Vec<Candidate> = found.into_values().collect();
    ranked.sort_by(|a, b| {
        (b.issues.len(), b.mentions)
            .cmp(&(a.issues.len(), a.mentions))
            .then_with(|| a.name.cmp(&b.name))
    });
    ranked
}

fn add(
    found: &mut HashMap<String, Candidate>,
    issue: &Issue,
    item: &Item,
    start: usize,
    end: usize,
    known: &HashSet<String>,
) {
    let name = item.text[start..end].to_string();
    let key = name.to_lowercase();
    if known.contains(&key) {
        return;
    }
    let entry = found.entry(key).or_insert_with(|| Candidate {
        name,
        issues: BTreeSet::new(),
        mentions: 0,
        example: (issue.number, item.line, context(&item.text, start, end)),
    });
    entry.issues.insert(issue.number);
    entry.mentions += 1;
}

/// Words the archive writes starting with a lower-case letter.
fn lower_vocabulary(corpus: &Corpus) -> HashSet<String> {
    let mut vocab = HashSet::new();
    for item in corpus.issues.iter().flat_map(|i| &i.items) {
        for (s, e) in tokens(&item.text) {
            let word = &item.text[s..e];
            if word.chars().next().is_some_and(char::is_lowercase) {
                vocab.insert(word.to_string());
                vocab.extend(word.split('-').map(str::to_string));
            }
        }
    }
    vocab
}

/// Byte spans of capitalised names in an item, outside the `covered` spans.
fn names_in(
    item: &Item,
    covered: &[(usize, usize)],
    lower: &HashSet<String>,
) -> Vec<(usize, usize)> {
    let text = &item.text;
    let title_case = item.section == Section::Event;
    let mut names = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    for (s, e) in tokens(text) {
        let word = &text[s..e];
        let keep = is_capitalised(word)
            && !covered.iter().any(|&(cs, ce)| s < ce && e > cs)
            && !is_date_word(word)
            && !((title_case || sentence_start(text, s)) && is_common(word, lower));
        let joins = run.is_some_and(|(_, re)| &text[re..s] == " ");
        match (keep, run) {
            (true, Some((rs, _))) if joins => run = Some((rs, e)),
            (true, _) => {
                names.extend(run);
                run = Some((s, e));
            }
            (false, _) => names.extend(run.take()),
        }
    }
    names.extend(run);
    names
}

/// Words: runs of letters, digits and `_`, with inner `.`, `-`, `+` or apostrophes (`Node.js`,
/// `Rg-Dev`, `Doesn't`), without a possessive `'s`.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_word = chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        let inner = start.is_some() && matches!(c, '.' | '-' | '+' | '\'' | '’') && next_word;
        if c.is_alphanumeric() || c == '_' || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
    }
    out.extend(start.map(|s| (s, text.len())));
    out.into_iter()
        .map(|(s, e)| (s, without_possessive(text, s, e)))
        .collect()
}

fn without_possessive(text: &str, start: usize, end: usize) -> usize {
    let word = &text[start..end];
    ["'s", "’s"]
        .iter()
        .find(|p| word.len() > p.len() && word.ends_with(*p))
        .map_or(end, |p| end - p.len())
}

fn is_capitalised(word: &str) -> bool {
    let first = word.chars().next();
    let has_upper = word.chars().any(char::is_uppercase);
    word.chars().count() > 1
        && (first.is_some_and(char::is_uppercase)
            || (has_upper && first.is_some_and(char::is_alphabetic)))
}

fn is_date_word(word: &str) -> bool {
    month_from_name(word).is_some_and(|_| word.len() >= 3) || weekday_from_name(word).is_some()
}

/// A word that a capital does not make a name (see the module comment).
/// A hyphenated word is common when all its parts are (`Data-Driven`); contractions are common.
fn is_common(word: &str, lower: &HashSet<String>) -> bool {
    word.split('-').all(|part| {
        let l = part.to_lowercase();
        let contraction = l.contains(['\'', '’']);
        contraction
            || lower.contains(&l)
            || FUNCTION_WORDS.contains(&l.as_str())
            || ["ing", "ed", "ly"].iter().any(|s| l.ends_with(s))
    })
}

/// Whether the word at `start` opens the text or a sentence.
fn sentence_start(text: &str, start: usize) -> bool {
    let before =
        text[..start].trim_end_matches(|c: char| c.is_whitespace() || "\"'“”‘’([*`".contains(c));
    before
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':'))
}

/// About 70 characters around `start..end`, on one line.
fn context(text: &str, start: usize, end: usize) -> String {
    let left: String = text[..start]
        .chars()
        .rev()
        .take(30)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let right: String = text[end..].chars().take(30).collect();
    let joined = format!("…{left}{}{right}…", &text[start..end]);
    joined
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str, section: Section) -> Item {
        Item {
            index: 0,
            section,
            text: text.into(),
            links: vec![],
            line: 1,
            listing: None,
        }
    }

    fn names(text: &str, section: Section, lower: &[&str]) -> Vec<String> {
        let lower: HashSet<String> = lower.iter().map(|s| s.to_string()).collect();
        let it = item(text, section);
        names_in(&it, &[], &lower)
            .into_iter()
            .map(|(s, e)| text[s..e].to_string())
            .collect()
    }

    #[test]
    fn finds_runs_and_skips_common_words() {
        let got = names(
            "A look at how the Devoted Health team uses TileDB. Compared to gRPC, it is fast.",
            Section::Article,
            &["look"],
        );
        assert_eq!(got, vec!["Devoted Health", "TileDB", "gRPC"]);
        let got = names(
            "Medusa is a tool. On Tuesday, November 19 we met.",
            Section::Article,
            &[],
        );
        assert_eq!(got, vec!["Medusa"]);
    }

    #[test]
    fn title_case_listings_keep_only_unusual_words() {
        let got = names(
            "Learning How to Build Streaming Apps with Axon (Singapore)",
            Section::Event,
            &["learning", "how", "build", "streaming", "apps"],
        );
        assert_eq!(got, vec!["Axon", "Singapore"]);
    }
}
