//! Give each item of an issue its section (intro, article, sponsor, event, other), reading
//! the issue top to bottom because a heading changes what follows it.

use super::types::Section;
use regex::Regex;
use std::sync::LazyLock;

/// What the item builder saw, before classification.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A `Title (City) - Weekday, Month Day` line.
    Listing,
    /// A blank-line separated paragraph of `lines` source lines.
    Paragraph { lines: usize },
    /// A stray piece (a URL with no blurb above it).
    Artefact,
}

/// Section headings of the old Hadoop Weekly layout (compared case-insensitively, without a
/// trailing colon). `Sponsor*` headings make the paragraphs under them sponsor items.
const SECTION_HEADINGS: [&str; 16] = [
    "technical",
    "news",
    "releases",
    "events",
    "sponsors",
    "sponsor",
    "sponsored",
    "articles",
    "meetups",
    "upcoming events",
    "conferences",
    "jobs",
    "podcasts",
    "videos",
    "other",
    "misc",
];

/// The fixed footer, and page artefacts copied along with web archives.
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(?:
        links\ are\ provided\ for\ informational\ purposes.*
        | you\ (?:are\ )?receiv(?:ed|ing)\ this.*
        | (?:copyright\s*(?:©|\(c\))?\s*\d{4}|©\s*\d{4}).*
        | (?:loading\ more\ posts|load\ more|subscribe(?:\ now)?|share(?:\ this\ post)?
          | read\ in\ app|continue\ reading|view\ (?:this\ email\ )?in\ (?:your\ )?browser
          | unsubscribe|ready\ for\ more\??|no\ posts|sign\ in|like|comment|restack
          | previous|next|older\ posts|newer\ posts)\W*
        )$",
    )
    .expect("boilerplate regex is valid")
});

/// Sponsored blurbs: any mention of a sponsor, and the `Curated by Datadog ( )` credit line.
static SPONSORED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bsponsor|\bcurated\s+by\b").expect("sponsor regex is valid")
});

/// Small words allowed in lower case inside a heading or place name (`Las Rozas de Madrid`).
const CONNECTORS: [&str; 16] = [
    "of", "and", "the", "in", "on", "for", "de", "del", "la", "am", "an", "der", "du", "des", "y",
    "&",
];

/// Reading state through one issue.
#[derive(Debug, Default)]
pub(crate) struct Classifier {
    /// The intro has been given (or can no longer be: a heading or event came first).
    intro_closed: bool,
    /// Under a `Sponsors` heading: prose is sponsored until the next heading.
    in_sponsors: bool,
}

impl Classifier {
    /// The section of the next item, in reading order.
    pub fn classify(&mut self, text: &str, kind: Kind) -> Section {
        let lines = match kind {
            Kind::Listing => {
                self.intro_closed = true;
                return Section::Event;
            }
            Kind::Artefact => return Section::Other,
            Kind::Paragraph { lines } => lines,
        };
        if BOILERPLATE.is_match(text) {
            return Section::Other;
        }
        if let Some(sponsors) = section_heading(text) {
            self.heading(sponsors);
            return Section::Other;
        }
        if SPONSORED.is_match(text) {
            return Section::Sponsor;
        }
        if lines == 1 && looks_like_heading(text) {
            self.heading(false);
            return Section::Other;
        }
        self.prose()
    }

    fn heading(&mut self, sponsors: bool) {
        self.intro_closed = true;
        self.in_sponsors = sponsors;
    }

    /// The first prose paragraph before any heading or listing is the intro.
    fn prose(&mut self) -> Section {
        if self.in_sponsors {
            Section::Sponsor
        } else if self.intro_closed {
            Section::Article
        } else {
            self.intro_closed = true;
            Section::Intro
        }
    }
}

/// `Some(is_sponsor_heading)` when the text is one of the known section headings.
fn section_heading(text: &str) -> Option<bool> {
    // Lower-casing every paragraph would copy the archive: longer texts cannot be headings
    // (a character lower-cases to at most three times fewer bytes, e.g. the Kelvin sign).
    const LONGEST: usize = 15;
    if text.len() > 3 * LONGEST + 8 {
        return None;
    }
    let t = text.trim().trim_end_matches(':').trim().to_lowercase();
    SECTION_HEADINGS
        .contains(&t.as_str())
        .then(|| t.starts_with("sponsor"))
}

/// A region or section heading: one short line in title case without sentence punctuation
/// (`New York`, `Bay Area`, `Tel Aviv-Yafo`). A truncated sentence has lower-case words.
fn looks_like_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':');
    let ends_like_sentence = t.ends_with(['.', '!', '?', ',', ';', '…']);
    if ends_like_sentence || (t.len() > 60 && t.chars().count() > 60) {
        return false;
    }
    let mut words = 0;
    for w in t.split_whitespace() {
        words += 1;
        if words > 6 || !heading_word(w) {
            return false;
        }
    }
    words > 0
}

fn heading_word(word: &str) -> bool {
    if word.contains("://") {
        return false;
    }
    match word.chars().next() {
        Some(c) if c.is_alphabetic() => c.is_uppercase() || CONNECTORS.contains(&word),
        _ => CONNECTORS.contains(&word) || word.chars().any(|c| c.is_alphanumeric()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Section::*;

    fn run(paras: &[&str]) -> Vec<Section> {
        let mut c = Classifier::default();
        paras
            .iter()
            .map(|p| c.classify(p, Kind::Paragraph { lines: 1 }))
            .collect()
    }

    #[test]
    fn longest_section_heading_fits_the_length_guard() {
        let longest = SECTION_HEADINGS.iter().map(|h| h.len()).max().unwrap();
        assert!(
            longest <= 15,
            "raise LONGEST in section_heading to {longest}"
        );
        assert_eq!(section_heading("  Upcoming Events:  "), Some(false));
    }

    #[test]
    fn data_eng_weekly_layout() {
        let s = run(&[
            "A lot of breadth this week.",
            "A look at Delta.",
            "Curated by Datadog ( )",
            "New York",
            "Links are provided for informational purposes and do not imply endorsement.",
            "Loading more posts…",
        ]);
        assert_eq!(s, [Intro, Article, Sponsor, Other, Other, Other]);
    }

    #[test]
    fn hadoop_weekly_layout() {
        let s = run(&[
            "Technical",
            "Cloudera writes about HDFS caching.",
            "Sponsors:",
            "Acme is hiring data engineers.",
            "News",
            "Hortonworks raised money.",
            "This issue is sponsored by Acme.",
            "The post describes how",
        ]);
        assert_eq!(
            s,
            [Other, Article, Other, Sponsor, Other, Article, Sponsor, Article]
        );
    }

    #[test]
    fn headings() {
        for t in [
            "New York",
            "Bay Area",
            "Tel Aviv-Yafo",
            "Las Rozas de Madrid",
            "Europe:",
        ] {
            assert!(looks_like_heading(t), "{t}");
        }
        for t in [
            "A look at Kafka.",
            "The post describes how",
            "See https://x.org",
            "Hello, World,",
        ] {
            assert!(!looks_like_heading(t), "{t}");
        }
    }
}
