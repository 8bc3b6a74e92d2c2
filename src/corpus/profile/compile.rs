//! A profile's TOML to its [`Grammar`]: parse (serde, unknown keys refused), fill the keys it
//! leaves out from the profile it extends, check every key, compile the regexes once. Every
//! error names the file, the line (from the TOML value's span) and the key.

use super::prefix::Precheck;
use super::spec::{Spec, Unnumbered};
use super::{Grammar, ProfileError, Tail};
use regex::Regex;
use std::ops::Range;
use toml::Spanned;

/// Placeholders in heading and title patterns.
const NAME: &str = "{name}";
const NUMBER: &str = "{number}";

/// Where errors point: the file and its text (for line numbers).
struct At<'a> {
    origin: &'a str,
    text: &'a str,
}

impl At<'_> {
    fn error(&self, span: Option<Range<usize>>, message: String) -> ProfileError {
        // Inherited values carry an empty span at 0: their line is in another file.
        let line = span.filter(|s| s.start > 0).map_or(0, |s| {
            let before = self.text.get(..s.start).unwrap_or_default();
            u32::try_from(before.bytes().filter(|&b| b == b'\n').count() + 1).unwrap_or(0)
        });
        ProfileError::Invalid {
            origin: self.origin.to_string(),
            line,
            message,
        }
    }

    fn missing(&self, key: &str) -> ProfileError {
        let message = format!(
            "`{key}` is not set (or start from a built-in profile: `extends = \"generic\"`)"
        );
        self.error(None, message)
    }
}

/// Compiles `text`. A built-in profile (`origin` starting `built-in`) sets every key; a
/// user's profile extends `generic` unless it says `extends = "dew"`.
pub(super) fn compile(origin: &str, text: &str) -> Result<Grammar, ProfileError> {
    let at = At { origin, text };
    let spec: Spec =
        toml::from_str(text).map_err(|e| at.error(e.span(), e.message().trim().to_string()))?;
    let built_in = origin.starts_with("built-in");
    let base = match (&spec.extends, built_in) {
        (Some(name), _) => Some(name.clone()),
        (None, false) => Some("generic".to_string()),
        (None, true) => None,
    };
    let spec = match base {
        Some(name) => spec.over(base_spec(&at, &name)?),
        None => spec,
    };
    grammar(&at, spec)
}

/// The spec of built-in profile `name`, its spans cleared (they point into another file).
fn base_spec(at: &At, name: &str) -> Result<Spec, ProfileError> {
    let file = crate::builtin::profile_file(name).ok_or_else(|| {
        let message = format!(
            "`extends = \"{name}\"`: no built-in profile of that name (built-in: {})",
            super::BUILT_IN.join(", ")
        );
        at.error(None, message)
    })?;
    let text = std::str::from_utf8(file.bytes).unwrap_or_default();
    let spec: Spec = toml::from_str(text).map_err(|e| at.error(None, e.to_string()))?;
    Ok(unspanned(spec))
}

fn clear(v: &mut Option<Vec<Spanned<String>>>) {
    for s in v.iter_mut().flatten() {
        *s = Spanned::new(0..0, s.get_ref().clone());
    }
}

fn unspanned(mut spec: Spec) -> Spec {
    if let Some(i) = &mut spec.issues {
        clear(&mut i.headings);
        clear(&mut i.title_numbers);
        i.max_digits = i
            .max_digits
            .take()
            .map(|d| Spanned::new(0..0, *d.get_ref()));
    }
    if let Some(i) = &mut spec.items {
        clear(&mut i.sponsor);
        clear(&mut i.chrome);
    }
    if let Some(l) = &mut spec.listings {
        l.tail = l
            .tail
            .take()
            .map(|t| Spanned::new(0..0, t.get_ref().clone()));
    }
    spec
}

fn grammar(at: &At, spec: Spec) -> Result<Grammar, ProfileError> {
    let issues = spec.issues.unwrap_or_default();
    let dates = spec.dates.unwrap_or_default();
    let items = spec.items.unwrap_or_default();
    let names = issues.names.unwrap_or_default();
    let name = names_regex(&names);
    let headings = issues
        .headings
        .ok_or_else(|| at.missing("issues.headings"))?;
    let unnumbered = issues
        .unnumbered
        .ok_or_else(|| at.missing("issues.unnumbered"))?;
    let heading = Headings::compile(at, &headings, name.as_deref(), unnumbered)?;
    let max_digits = issues
        .max_digits
        .ok_or_else(|| at.missing("issues.max_digits"))?;
    if !(1..=9).contains(max_digits.get_ref()) {
        let message = "`issues.max_digits` must be 1 to 9".to_string();
        return Err(at.error(Some(max_digits.span()), message));
    }
    let title_numbers = issues
        .title_numbers
        .ok_or_else(|| at.missing("issues.title_numbers"))?;
    let (section_headings, sponsor_headings) = (
        lower(items.section_headings.unwrap_or_default()),
        lower(items.sponsor_headings.unwrap_or_default()),
    );
    let longest_heading = section_headings
        .iter()
        .chain(&sponsor_headings)
        .map(String::len)
        .max()
        .unwrap_or(0);
    Ok(Grammar {
        name: spec.name.ok_or_else(|| at.missing("name"))?,
        description: spec.description.unwrap_or_default(),
        origin: at.origin.to_string(),
        heading: heading.regex,
        heading_numbers: heading.numbers,
        heading_rest: heading.rest,
        precheck: heading.precheck,
        banner: name
            .map(|n| regex(at, None, "issues.names", &format!(r"(?i)^\s*{n}\s*$")))
            .transpose()?,
        after_heading: issues
            .after_heading
            .ok_or_else(|| at.missing("issues.after_heading"))?,
        max_digits: *max_digits.get_ref() as usize,
        title_numbers: title_regex(at, &title_numbers)?,
        unnumbered,
        formats: dates.formats.ok_or_else(|| at.missing("dates.formats"))?,
        dates_in_titles: dates.in_titles.unwrap_or(false),
        dates_in_file_names: dates.in_file_names.unwrap_or(false),
        layout: items.layout.ok_or_else(|| at.missing("items.layout"))?,
        line_headings: items
            .line_headings
            .ok_or_else(|| at.missing("items.line_headings"))?,
        section_headings,
        sponsor_headings,
        longest_heading,
        sponsor: any_of(
            at,
            "items.sponsor",
            &items.sponsor.unwrap_or_default(),
            "",
            "",
        )?,
        connectors: items.connectors.unwrap_or_default(),
        chrome: any_of(
            at,
            "items.chrome",
            &items.chrome.unwrap_or_default(),
            r"^\s*",
            "$",
        )?,
        listing: tail(at, spec.listings.and_then(|l| l.tail))?,
    })
}

fn lower(words: Vec<String>) -> Vec<String> {
    words.iter().map(|w| w.trim().to_lowercase()).collect()
}

/// `(?:name|...)`, each name's words escaped and joined by `\s+` (any run of spaces).
fn names_regex(names: &[String]) -> Option<String> {
    let alternatives: Vec<String> = names
        .iter()
        .map(|n| {
            n.split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .filter(|n| !n.is_empty())
        .collect();
    (!alternatives.is_empty()).then(|| format!("(?:{})", alternatives.join("|")))
}

fn regex(
    at: &At,
    span: Option<Range<usize>>,
    key: &str,
    pattern: &str,
) -> Result<Regex, ProfileError> {
    Regex::new(pattern).map_err(|e| at.error(span, format!("`{key}`: {e}")))
}

/// The heading patterns, compiled into one regex.
struct Headings {
    regex: Regex,
    numbers: Vec<usize>,
    rest: usize,
    precheck: Precheck,
}

impl Headings {
    fn compile(
        at: &At,
        patterns: &[Spanned<String>],
        name: Option<&str>,
        unnumbered: Unnumbered,
    ) -> Result<Headings, ProfileError> {
        let mut parts = Vec::new();
        let mut numbered = true;
        for (i, p) in patterns.iter().enumerate() {
            let key = format!("issues.headings[{i}]");
            let err = |message: String| at.error(Some(p.span()), format!("`{key}`: {message}"));
            let text = p.get_ref();
            match text.matches(NUMBER).count() {
                0 if unnumbered == Unnumbered::Skip => {
                    return Err(err(format!(
                        "no {NUMBER} in the pattern, so its issues have no number: that needs `unnumbered = \"date\"`"
                    )))
                }
                0 => numbered = false,
                1 => {}
                _ => return Err(err(format!("{NUMBER} more than once"))),
            }
            let text = match (text.contains(NAME), name) {
                (true, None) => {
                    return Err(err(format!("uses {NAME} but `issues.names` is empty")))
                }
                (true, Some(n)) => text.replace(NAME, n),
                (false, _) => text.clone(),
            };
            let text = text.replace(NUMBER, &format!(r"(?P<n{i}>\d+)"));
            regex(at, Some(p.span()), &key, &format!("(?i)(?:{text})"))?;
            parts.push(format!("(?:{text})"));
        }
        let pattern = if parts.is_empty() {
            // No heading at all: every file is one post.
            r"[^\s\S](?P<rest>)".to_string()
        } else {
            format!(r"(?i)^\s*(?:{})(?P<rest>.*)$", parts.join("|"))
        };
        let regex = regex(at, None, "issues.headings", &pattern)?;
        let numbers = (0..patterns.len())
            .filter_map(|i| index_of(&regex, &format!("n{i}")))
            .collect();
        let rest = index_of(&regex, "rest").unwrap_or(0);
        let precheck = Precheck::derive(&parts, numbered && !parts.is_empty());
        Ok(Headings {
            regex,
            numbers,
            rest,
            precheck,
        })
    }
}

fn index_of(regex: &Regex, group: &str) -> Option<usize> {
    regex.capture_names().position(|n| n == Some(group))
}

/// The title-number patterns, searched leftmost first; `None` when there are none.
fn title_regex(
    at: &At,
    patterns: &[Spanned<String>],
) -> Result<Option<(Regex, Vec<usize>)>, ProfileError> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut parts = Vec::new();
    for (i, p) in patterns.iter().enumerate() {
        let key = format!("issues.title_numbers[{i}]");
        if p.get_ref().matches(NUMBER).count() != 1 {
            let message = format!("`{key}`: needs {NUMBER} exactly once");
            return Err(at.error(Some(p.span()), message));
        }
        let text = p.get_ref().replace(NUMBER, &format!(r"(?P<n{i}>\d+)"));
        regex(at, Some(p.span()), &key, &format!("(?i){text}"))?;
        parts.push(format!("(?:{text})"));
    }
    let regex = regex(
        at,
        None,
        "issues.title_numbers",
        &format!("(?i){}", parts.join("|")),
    )?;
    let groups = (0..patterns.len())
        .filter_map(|i| index_of(&regex, &format!("n{i}")))
        .collect();
    Ok(Some((regex, groups)))
}

/// One case-insensitive regex matching any of `patterns` between `before` and `after`;
/// `None` for no patterns.
fn any_of(
    at: &At,
    key: &str,
    patterns: &[Spanned<String>],
    before: &str,
    after: &str,
) -> Result<Option<Regex>, ProfileError> {
    if patterns.is_empty() {
        return Ok(None);
    }
    for (i, p) in patterns.iter().enumerate() {
        regex(
            at,
            Some(p.span()),
            &format!("{key}[{i}]"),
            &format!("(?i)(?:{})", p.get_ref()),
        )?;
    }
    let parts: Vec<String> = patterns
        .iter()
        .map(|p| format!("(?:{})", p.get_ref()))
        .collect();
    let pattern = format!("(?i){before}(?:{}){after}", parts.join("|"));
    regex(at, None, key, &pattern).map(Some)
}

/// The listing tail; an empty one (or none) turns listings off.
fn tail(at: &At, tail: Option<Spanned<String>>) -> Result<Option<Tail>, ProfileError> {
    let Some(tail) = tail.filter(|t| !t.get_ref().trim().is_empty()) else {
        return Ok(None);
    };
    let regex = regex(at, Some(tail.span()), "listings.tail", tail.get_ref())?;
    let group = |name: &str| {
        index_of(&regex, name).ok_or_else(|| {
            let message = format!("`listings.tail` has no group `(?P<{name}>...)`");
            at.error(Some(tail.span()), message)
        })
    };
    static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    Ok(Some(Tail {
        id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        weekday: group("weekday")?,
        month: group("month")?,
        day: group("day")?,
        regex,
    }))
}
