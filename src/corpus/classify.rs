//! Give each item of an issue its section (intro, article, sponsor, event, other) in the
//! `paragraphs` layout (Hadoop Weekly / Data Eng Weekly), reading the issue top to bottom
//! because a heading changes what follows it. The words and patterns are the profile's
//! (`[items]`: section and sponsor headings, sponsor markers, chrome lines, connectors).

use super::profile::{Grammar, LineHeadings};
use super::types::Section;

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

/// Reading state through one issue.
#[derive(Debug)]
pub(crate) struct Classifier<'p> {
    p: &'p Grammar,
    /// The intro has been given (or can no longer be: a heading or event came first).
    intro_closed: bool,
    /// Under a `Sponsors` heading: prose is sponsored until the next heading.
    in_sponsors: bool,
}

impl<'p> Classifier<'p> {
    pub fn new(p: &'p Grammar) -> Self {
        Classifier {
            p,
            intro_closed: false,
            in_sponsors: false,
        }
    }

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
        let p = self.p;
        if p.chrome.as_ref().is_some_and(|c| c.is_match(text)) {
            return Section::Other;
        }
        if let Some(sponsors) = section_heading(p, text) {
            self.heading(sponsors);
            return Section::Other;
        }
        if p.sponsor.as_ref().is_some_and(|s| s.is_match(text)) {
            return Section::Sponsor;
        }
        if lines == 1 && line_heading(p, text) {
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

/// `Some(is_sponsor_heading)` when the text is one of the profile's section headings.
pub(crate) fn section_heading(p: &Grammar, text: &str) -> Option<bool> {
    // Lower-casing every paragraph would copy the archive: longer texts cannot be headings
    // (a character lower-cases to at most three times fewer bytes, e.g. the Kelvin sign).
    if text.len() > 3 * p.longest_heading + 8 {
        return None;
    }
    let t = text.trim().trim_end_matches(':').trim().to_lowercase();
    if p.sponsor_headings.contains(&t) {
        Some(true)
    } else {
        p.section_headings.contains(&t).then_some(false)
    }
}

/// A one-line paragraph that is a heading by the profile's `line_headings` rule.
pub(crate) fn line_heading(p: &Grammar, text: &str) -> bool {
    match p.line_headings {
        LineHeadings::TitleCase => looks_like_heading(text, &p.connectors),
        LineHeadings::Short => short_heading(text),
        LineHeadings::None => false,
    }
}

/// Most words and characters of a line heading.
const HEADING_WORDS: usize = 6;
const HEADING_CHARS: usize = 60;

/// A region or section heading: one short line in title case without sentence punctuation
/// (`New York`, `Bay Area`, `Tel Aviv-Yafo`). A truncated sentence has lower-case words.
fn looks_like_heading(text: &str, connectors: &[String]) -> bool {
    let t = text.trim().trim_end_matches(':');
    let ends_like_sentence = t.ends_with(['.', '!', '?', ',', ';', '…']);
    if ends_like_sentence || (t.len() > HEADING_CHARS && t.chars().count() > HEADING_CHARS) {
        return false;
    }
    let mut words = 0;
    for w in t.split_whitespace() {
        words += 1;
        if words > HEADING_WORDS || !heading_word(w, connectors) {
            return false;
        }
    }
    words > 0
}

/// A short line without punctuation (`Modeling`, `dbt`, `BI and Metrics`): plain-text
/// newsletters set their section headings apart by a line of their own, not by case.
fn short_heading(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    (1..=HEADING_WORDS).contains(&words)
        && t.chars().count() <= HEADING_CHARS
        && !t.contains(['.', '!', '?', ',', ';', ':', '…', '|', '(', ')', '"'])
        && !t.contains("://")
}

fn heading_word(word: &str, connectors: &[String]) -> bool {
    if word.contains("://") {
        return false;
    }
    let connector = || connectors.iter().any(|c| c == word);
    match word.chars().next() {
        Some(c) if c.is_alphabetic() => c.is_uppercase() || connector(),
        _ => connector() || word.chars().any(|c| c.is_alphanumeric()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Profile;
    use Section::*;

    fn dew() -> &'static Grammar {
        Profile::dew()
    }

    fn run(paras: &[&str]) -> Vec<Section> {
        let mut c = Classifier::new(dew());
        paras
            .iter()
            .map(|p| c.classify(p, Kind::Paragraph { lines: 1 }))
            .collect()
    }

    #[test]
    fn longest_section_heading_fits_the_length_guard() {
        assert_eq!(dew().longest_heading, 15);
        assert_eq!(section_heading(dew(), "  Upcoming Events:  "), Some(false));
        assert_eq!(section_heading(dew(), "Sponsored"), Some(true));
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
            assert!(looks_like_heading(t, &dew().connectors), "{t}");
        }
        for t in [
            "A look at Kafka.",
            "The post describes how",
            "See https://x.org",
            "Hello, World,",
        ] {
            assert!(!looks_like_heading(t, &dew().connectors), "{t}");
        }
    }

    #[test]
    fn short_headings() {
        for t in ["Modeling", "dbt", "BI and Metrics", "Data Quality"] {
            assert!(short_heading(t), "{t}");
        }
        for t in [
            "Unsubscribe | View in browser",
            "A look at Kafka.",
            "one two three four five six seven",
            "Snowflake adds row access policies, so",
        ] {
            assert!(!short_heading(t), "{t}");
        }
    }
}
