//! A profile file as written (TOML, see docs/PROFILES.md): every key optional, so a profile
//! that `extends` another one names only what differs. `Spec::over` fills the gaps from the
//! base; `compile` (in `mod.rs`) then checks and compiles the whole.

use serde::Deserialize;
use toml::Spanned;

/// The whole file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Spec {
    /// A built-in profile this one starts from (`generic`, `dew`).
    pub extends: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub issues: Option<Issues>,
    pub dates: Option<Dates>,
    pub items: Option<Items>,
    pub listings: Option<Listings>,
}

/// `[issues]`: where an issue starts and its number.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Issues {
    pub names: Option<Vec<String>>,
    pub headings: Option<Vec<Spanned<String>>>,
    pub after_heading: Option<AfterHeading>,
    pub max_digits: Option<Spanned<u32>>,
    pub title_numbers: Option<Vec<Spanned<String>>>,
    pub unnumbered: Option<Unnumbered>,
}

/// What may follow a heading pattern on its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AfterHeading {
    /// Nothing, or a separator and a date; other words make the line text.
    Date,
    /// Nothing, or a separator and anything (a title); read as a date when it is one.
    Title,
}

/// What becomes of an issue whose title and heading hold no number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unnumbered {
    /// It is no issue: reported and skipped.
    Skip,
    /// Numbered 1, 2, ... by date (after the highest explicit number, if any).
    Date,
}

/// `[dates]`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Dates {
    pub formats: Option<Vec<DateFormat>>,
    pub in_titles: Option<bool>,
    pub in_file_names: Option<bool>,
}

/// Written date formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum DateFormat {
    /// `22 September 2013`, `Sunday, 22 Sept. 2013`, `1st Jan 2016`.
    #[serde(rename = "day month year")]
    DayMonthYear,
    /// `September 22, 2013`, `Sunday, Sep 22 2013`.
    #[serde(rename = "month day year")]
    MonthDayYear,
    /// `2013-09-22`.
    #[serde(rename = "iso")]
    Iso,
}

/// `[items]`: how an issue's body becomes items and sections.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Items {
    pub layout: Option<Layout>,
    pub line_headings: Option<LineHeadings>,
    pub section_headings: Option<Vec<String>>,
    pub sponsor_headings: Option<Vec<String>>,
    pub sponsor: Option<Vec<Spanned<String>>>,
    pub connectors: Option<Vec<String>>,
    pub chrome: Option<Vec<Spanned<String>>>,
}

/// How a body is cut into items.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// Blank-line separated paragraphs (Hadoop Weekly / Data Eng Weekly): the first prose
    /// paragraph is the intro, chrome lines are `other` items.
    Paragraphs,
    /// The blocks of the markup: paragraphs, list items, headings, title lines; every
    /// paragraph before the first heading is the intro; chrome lines are dropped.
    Blocks,
}

/// Which plain one-line paragraphs are headings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LineHeadings {
    /// Up to six words in title case (small connectors allowed), no sentence punctuation.
    TitleCase,
    /// Up to six words and 60 characters, no punctuation, no link.
    Short,
    /// None: only the known section headings and the markup's headings.
    None,
}

/// `[listings]`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Listings {
    pub tail: Option<Spanned<String>>,
}

/// `Some(b)` when `a` is `None`: a key the profile does not set comes from its base.
fn or<T>(a: Option<T>, b: Option<T>) -> Option<T> {
    a.or(b)
}

impl Spec {
    /// This profile over `base`: every key this one leaves out is the base's.
    pub fn over(self, base: Spec) -> Spec {
        Spec {
            extends: None,
            name: or(self.name, base.name),
            description: or(self.description, base.description),
            issues: Some(Issues::over(self.issues, base.issues)),
            dates: Some(Dates::over(self.dates, base.dates)),
            items: Some(Items::over(self.items, base.items)),
            listings: Some(Listings {
                tail: or(
                    self.listings.and_then(|l| l.tail),
                    base.listings.and_then(|l| l.tail),
                ),
            }),
        }
    }
}

impl Issues {
    fn over(a: Option<Issues>, b: Option<Issues>) -> Issues {
        let (a, b) = (a.unwrap_or_default(), b.unwrap_or_default());
        Issues {
            names: or(a.names, b.names),
            headings: or(a.headings, b.headings),
            after_heading: or(a.after_heading, b.after_heading),
            max_digits: or(a.max_digits, b.max_digits),
            title_numbers: or(a.title_numbers, b.title_numbers),
            unnumbered: or(a.unnumbered, b.unnumbered),
        }
    }
}

impl Dates {
    fn over(a: Option<Dates>, b: Option<Dates>) -> Dates {
        let (a, b) = (a.unwrap_or_default(), b.unwrap_or_default());
        Dates {
            formats: or(a.formats, b.formats),
            in_titles: or(a.in_titles, b.in_titles),
            in_file_names: or(a.in_file_names, b.in_file_names),
        }
    }
}

impl Items {
    fn over(a: Option<Items>, b: Option<Items>) -> Items {
        let (a, b) = (a.unwrap_or_default(), b.unwrap_or_default());
        Items {
            layout: or(a.layout, b.layout),
            line_headings: or(a.line_headings, b.line_headings),
            section_headings: or(a.section_headings, b.section_headings),
            sponsor_headings: or(a.sponsor_headings, b.sponsor_headings),
            sponsor: or(a.sponsor, b.sponsor),
            connectors: or(a.connectors, b.connectors),
            chrome: or(a.chrome, b.chrome),
        }
    }
}
