//! One item's proposals: names the lexicon did not match, each with the cues around it, and
//! what the item's URLs say about names. Linear in the item: one tokenizer pass, one pass over
//! the words with a cursor over the lexicon's (sorted) mentions, and cues that read a bounded
//! window.
//!
//! Proposed: runs of capitalised words joined by single spaces (at most [`MAX_RUN`] words;
//! longer runs are headline text), mixed-case words (`wobbleDB`), words with letters and
//! digits, dotted names (a run loses a generic acronym at its end: `Zorb REST API` is
//! `Zorb`), and hyphenated compounds that carry a word neither English nor in the
//! lexicon or that the item's links name. Not proposed: words inside a lexicon match, URLs,
//! quoted titles, dates, people (a first name and a surname, or two words before "writes",
//! "describes"...), and a sentence's first word when it is an English word with no cue.

use super::cues::{cues, Cues};
use super::links::{self, Link};
use super::tokens::{tokens_into, Token};
use super::words::{squash, Words};
use std::collections::HashSet;

/// Longest run of capitalised words taken as one name.
pub(crate) const MAX_RUN: usize = 4;
/// Zipf frequency from which a run's first word at a sentence start is dropped (`The`,
/// `Beyond`): function words and the commonest words.
const OPENER_ZIPF: f32 = 4.5;
/// Verbs that follow an author's name.
const AUTHOR_VERBS: &[&str] = &[
    "argues",
    "covers",
    "describes",
    "discusses",
    "explains",
    "lays",
    "looks",
    "presents",
    "shares",
    "shows",
    "talks",
    "walks",
    "writes",
];
/// Last words that make a run a company's name, not a person's.
pub(crate) const ORG_SUFFIXES: &[&str] = &[
    "analytics",
    "capital",
    "corp",
    "data",
    "energy",
    "foundation",
    "games",
    "group",
    "health",
    "inc",
    "labs",
    "logistics",
    "media",
    "networks",
    "partners",
    "software",
    "solutions",
    "systems",
    "technologies",
    "ventures",
];

/// A proposed name in the item text, possessive excluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Sighting {
    pub start: usize,
    pub end: usize,
    pub sentence_start: bool,
    /// Right after a lexicon match (`Kubernetes Autoscaler`): a capital inside the sentence
    /// then says nothing of its own.
    pub after_match: bool,
    pub cues: Cues,
}

/// What a URL says: the spelling and how it stands for a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LinkPart {
    Host,
    Repo,
    Piece,
}

/// Proposals of one item.
#[derive(Debug, Default)]
pub(crate) struct Proposals<'t> {
    pub sightings: Vec<Sighting>,
    pub links: Vec<(&'t str, LinkPart)>,
}

/// The proposer's view of the world: word lists and lexicon surfaces (squashed).
pub(crate) struct Context<'w> {
    pub words: &'w Words,
    pub lexicon: &'w HashSet<String>,
}

/// Buffers reused from item to item by one worker.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    toks: Vec<Token>,
    skip: Vec<Skip>,
    /// The lexicon's matches in the item being judged, sorted.
    pub covered: Vec<(usize, usize)>,
}

/// Proposes names in `text` outside the sorted, non-overlapping `scratch.covered` spans,
/// with the item's own `links`.
pub(crate) fn propose<'t>(
    cx: &Context,
    text: &'t str,
    item_links: &'t [String],
    scratch: &mut Scratch,
) -> Proposals<'t> {
    let Scratch {
        toks,
        skip,
        covered,
    } = scratch;
    tokens_into(text, toks);
    let toks: &[Token] = toks;
    let mut out = Proposals::default();
    skipped(text, toks, covered, skip, &mut out);
    let skip: &[Skip] = skip;
    for url in item_links {
        push_link(&mut out, links::parse(url));
    }
    let link_keys: HashSet<String> = out.links.iter().map(|(s, _)| squash(s)).collect();
    let mut i = 0;
    while i < toks.len() {
        match skip[i] {
            Skip::No if is_name_word(text, &toks[i]) => {
                let end = run_end(text, toks, skip, i);
                sight_run(cx, text, toks, skip, (i, end), &mut out);
                i = end + 1;
            }
            Skip::No | Skip::Partly if toks[i].shape.hyphens > 0 => {
                let on_lexicon = skip[i] == Skip::Partly;
                sight_compound(cx, text, toks, (i, on_lexicon), &link_keys, &mut out);
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Why a word is not looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Skip {
    No,
    /// Inside a lexicon match.
    Matched,
    /// Inside a URL or a quoted title.
    Yes,
    /// Overlaps a lexicon match without being inside it (`zorb-kafka-tool`).
    Partly,
}

/// Marks the words inside lexicon matches, URLs and quotes in `skip`; URLs go to
/// `out.links`.
fn skipped<'t>(
    text: &'t str,
    toks: &[Token],
    covered: &[(usize, usize)],
    skip: &mut Vec<Skip>,
    out: &mut Proposals<'t>,
) {
    skip.clear();
    skip.resize(toks.len(), Skip::No);
    let mut c = 0;
    let mut url_end = 0;
    let mut quote = Quote::default();
    for (i, t) in toks.iter().enumerate() {
        while c < covered.len() && covered[c].1 <= t.start {
            c += 1;
        }
        let inside_quote = quote.step(text, toks, i);
        if let Some(&(cs, ce)) = covered.get(c).filter(|&&(cs, _)| cs < t.end) {
            skip[i] = if cs <= t.start && ce >= t.end {
                Skip::Matched
            } else {
                Skip::Partly
            };
        }
        let scheme = text.as_bytes().get(t.end) == Some(&b':') && text[t.end..].starts_with("://");
        if t.start < url_end || inside_quote || scheme {
            skip[i] = Skip::Yes;
        } else if t.shape.dots > 0
            && text.as_bytes().get(t.end) == Some(&b'/')
            && links::is_host(&text[t.start..t.end])
        {
            url_end = t.start
                + text[t.start..]
                    .find(|c: char| c.is_whitespace() || "()<>\"'".contains(c))
                    .unwrap_or(text.len() - t.start);
            push_link(
                out,
                links::parse(text[t.start..url_end].trim_end_matches(['.', ','])),
            );
            skip[i] = Skip::Yes;
        }
    }
}

/// Whether words are inside double quotes: a quote mark in the text before a word opens or
/// closes; a quote left open closes by itself after [`Quote::MAX_WORDS`] words.
#[derive(Default)]
struct Quote {
    open_at: Option<usize>,
}

impl Quote {
    const MAX_WORDS: usize = 20;

    fn step(&mut self, text: &str, toks: &[Token], i: usize) -> bool {
        let from = if i == 0 { 0 } else { toks[i - 1].end };
        let between = &text.as_bytes()[from..toks[i].start];
        // `"` toggles; `“` (E2 80 9C) opens and `”` (E2 80 9D) closes.
        for (k, &b) in between.iter().enumerate() {
            let curly = (b == 0xE2 && between.get(k + 1) == Some(&0x80))
                .then(|| between.get(k + 2).copied())
                .flatten();
            self.open_at = match (b, curly, self.open_at) {
                (b'"', _, None) | (_, Some(0x9C), _) => Some(i),
                (b'"', _, Some(_)) | (_, Some(0x9D), _) => None,
                (_, _, open) => open,
            };
        }
        if self.open_at.is_some_and(|at| i - at >= Quote::MAX_WORDS) {
            self.open_at = None;
        }
        self.open_at.is_some()
    }
}

fn push_link<'t>(out: &mut Proposals<'t>, link: Option<Link<'t>>) {
    let Some(link) = link else { return };
    out.links.extend(
        link.host
            .into_iter()
            .chain(link.owner)
            .map(|h| (h, LinkPart::Host)),
    );
    out.links.extend(link.repo.map(|r| (r, LinkPart::Repo)));
    out.links
        .extend(link.pieces.into_iter().map(|p| (p, LinkPart::Piece)));
}

/// A word that can be (part of) a name: capitalised or mixed-case, or letters with digits,
/// starting with a letter, two characters or more, not a month or weekday.
fn is_name_word(text: &str, t: &Token) -> bool {
    let s = t.shape;
    let letters = s.uppers + s.lowers;
    let named = s.capitalised() || (s.digits > 0 && letters >= 2);
    // Shape first: most words are lower-case and end here, before any text is read.
    if !named || s.apostrophes || t.end - t.start < 2 {
        return false;
    }
    let word = &text[t.start..t.end];
    word.starts_with(char::is_alphabetic) && !is_date_word(word)
}

/// A month or weekday name or abbreviation, any case (without the allocations of
/// `date::month_from_name`, since every capitalised word is checked).
fn is_date_word(word: &str) -> bool {
    if !(3..=9).contains(&word.len()) {
        return false;
    }
    let mut buf = [0u8; 9];
    buf[..word.len()].copy_from_slice(word.as_bytes());
    let lower = &mut buf[..word.len()];
    lower.make_ascii_lowercase();
    matches!(
        &*lower,
        b"apr"
            | b"april"
            | b"aug"
            | b"august"
            | b"dec"
            | b"december"
            | b"feb"
            | b"february"
            | b"fri"
            | b"friday"
            | b"jan"
            | b"january"
            | b"jul"
            | b"july"
            | b"jun"
            | b"june"
            | b"mar"
            | b"march"
            | b"may"
            | b"mon"
            | b"monday"
            | b"nov"
            | b"november"
            | b"oct"
            | b"october"
            | b"sat"
            | b"saturday"
            | b"sep"
            | b"sept"
            | b"september"
            | b"sun"
            | b"sunday"
            | b"thu"
            | b"thur"
            | b"thurs"
            | b"thursday"
            | b"tue"
            | b"tues"
            | b"tuesday"
            | b"wed"
            | b"wednesday"
    )
}

/// The last word of the run starting at `i`: name words joined by single spaces, the run
/// ending at a possessive, a hyphenated word or [`MAX_RUN`] words (a longer run is skipped
/// whole by `sight_run`).
fn run_end(text: &str, toks: &[Token], skip: &[Skip], i: usize) -> usize {
    let mut end = i;
    while end + 1 < toks.len()
        && !toks[end].possessive
        && toks[end].shape.hyphens == 0
        && toks[end + 1].joined
        && toks[end + 1].shape.hyphens == 0
        && skip[end + 1] == Skip::No
        && is_name_word(text, &toks[end + 1])
    {
        end += 1;
    }
    end
}

/// Records the run `first..=last` unless it is headline text, a person or an ordinary word
/// opening a sentence.
fn sight_run(
    cx: &Context,
    text: &str,
    toks: &[Token],
    skip: &[Skip],
    (first, last): (usize, usize),
    out: &mut Proposals,
) {
    if last - first + 1 > MAX_RUN {
        return;
    }
    let word = |i: usize| &text[toks[i].start..toks[i].end];
    let (mut first, mut last) = (first, last);
    if toks[first].sentence_start && first < last && cx.words.zipf(word(first)) >= OPENER_ZIPF {
        first += 1;
    }
    // "Zorb REST API" is Zorb's API: generic acronyms at the end are not part of the name.
    while first < last
        && toks[last].shape.uppers >= 2
        && cx.words.is_not_entity(&squash(word(last)))
    {
        last -= 1;
    }
    if is_person(cx, text, toks, first, last) {
        return;
    }
    let c = cues(text, toks, first, last);
    let opener = toks[first].sentence_start && first == last;
    let english = cx.words.zipf(word(first)) > 0.0 && toks[first].shape.lowers > 0;
    if opener && english && c == Cues::default() {
        return;
    }
    // "the Kubernetes Autoscaler": a capital right after a lexicon name is the title case
    // of that name's part, not a sign of a name of its own.
    let after_match = first > 0 && toks[first].joined && skip[first - 1] == Skip::Matched;
    out.sightings.push(Sighting {
        start: toks[first].start,
        end: toks[last].end,
        sentence_start: toks[first].sentence_start,
        after_match,
        cues: c,
    });
}

/// A first name and a surname, or two words right before an author's verb.
fn is_person(cx: &Context, text: &str, toks: &[Token], first: usize, last: usize) -> bool {
    let n = last - first + 1;
    let word = |i: usize| toks.get(i).map_or("", |t| &text[t.start..t.end]);
    let is = |i: usize, list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(word(i)));
    if !(2..=3).contains(&n) || toks[last].possessive || is(last, ORG_SUFFIXES) {
        return false;
    }
    let named = cx.words.is_first_name(word(first)) && cx.words.zipf(word(last)) < 3.5;
    is(last + 1, AUTHOR_VERBS) || named
}

/// A hyphenated word, `on_lexicon` when it overlaps a lexicon match (`zorb-kafka-tool`):
/// proposed when one of its pieces is neither English, a lexicon name nor a generic acronym
/// (`DAG-level` is not), or the item's links name it, or a cue is near. A word without a
/// capital is an ordinary compound (`fine-grained`) unless a lexicon name is one of its
/// pieces (`dask-kubernetes`), the links name it or a cue is near (`the dfs-x project`).
fn sight_compound(
    cx: &Context,
    text: &str,
    toks: &[Token],
    (i, on_lexicon): (usize, bool),
    link_keys: &HashSet<String>,
    out: &mut Proposals,
) {
    let word = &text[toks[i].start..toks[i].end];
    if !word.starts_with(char::is_alphabetic) {
        return;
    }
    let linked = !link_keys.is_empty() && link_keys.contains(&squash(word));
    let c = cues(text, toks, i, i);
    let cued = c != Cues::default();
    if !toks[i].shape.capitalised() && !on_lexicon && !linked && !cued {
        return;
    }
    let unknown = word.split('-').any(|p| {
        p.len() > 1 && cx.words.zipf(p) == 0.0 && {
            let key = squash(p);
            !cx.lexicon.contains(&key) && !cx.words.is_not_entity(&key)
        }
    });
    if unknown || linked || cued {
        out.sightings.push(Sighting {
            start: toks[i].start,
            end: toks[i].end,
            sentence_start: toks[i].sentence_start,
            after_match: false,
            cues: c,
        });
    }
}
