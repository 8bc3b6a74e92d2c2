//! Table-driven corpus tests: every heading and date form, listing lines with odd titles
//! and spacing, and the section given to each kind of paragraph.

use std::path::Path;
use topictrend::corpus::Section::{self, Article, Event, Intro, Other, Sponsor};
use topictrend::corpus::{parse_listing, parse_markdown, parse_text, Corpus};
use topictrend::date::Date;

/// (name, text, expected number, expected heading, expected written date)
type HeadingRow = (
    &'static str,
    &'static str,
    u32,
    &'static str,
    Option<(i32, u32, u32)>,
);

#[rustfmt::skip]
const HEADINGS: &[HeadingRow] = &[
    ("data eng weekly", "Data Eng Weekly #330\n\nHello.", 330, "Data Eng Weekly #330", None),
    ("hadoop weekly issue", "Hadoop Weekly Issue #36\n\nHello.", 36, "Hadoop Weekly Issue #36", None),
    ("data eng weekly issue", "Data Eng Weekly Issue #251\nHello.", 251, "Data Eng Weekly Issue #251", None),
    ("bare issue", "Issue #4\n\nHello.", 4, "Issue #4", None),
    ("banner + issue", "Data Eng Weekly\n\nIssue #4\n\nHello.", 4, "Issue #4", None),
    ("banner + full", "Data Eng Weekly\nData Eng Weekly #330\nHello.", 330, "Data Eng Weekly #330", None),
    ("hadoop banner", "Hadoop Weekly\n\n\nIssue #12\n\nHello.", 12, "Issue #12", None),
    ("date line", "Hadoop Weekly Issue #36\n\n22 September 2013\n\nHello.", 36, "Hadoop Weekly Issue #36", Some((2013, 9, 22))),
    ("zero-padded day", "Data Eng Weekly Issue #130\n09 August 2015\nHello.", 130, "Data Eng Weekly Issue #130", Some((2015, 8, 9))),
    ("banner + date", "Data Eng Weekly\n\nIssue #4\n\n22 September 2013\n\nHello.", 4, "Issue #4", Some((2013, 9, 22))),
    ("month first", "Issue #5\n\nSeptember 29, 2013\n\nHello.", 5, "Issue #5", Some((2013, 9, 29))),
    ("weekday + abbreviation", "Issue #5\n\nSunday, 29 Sept. 2013\n\nHello.", 5, "Issue #5", Some((2013, 9, 29))),
    ("date on heading", "Hadoop Weekly Issue #36 - 22 September 2013\n\nHello.", 36,
        "Hadoop Weekly Issue #36 - 22 September 2013", Some((2013, 9, 22))),
    ("crlf", "Issue #7\r\n\r\n22 September 2013\r\n\r\nHello.\r\n", 7, "Issue #7", Some((2013, 9, 22))),
];

#[test]
fn heading_and_date_forms() {
    for &(name, text, number, heading, date) in HEADINGS {
        for markdown in [false, true] {
            let mut w = Vec::new();
            let issues = if markdown {
                parse_markdown(Path::new("t.md"), &as_markdown(text), &mut w)
            } else {
                parse_text(Path::new("t.txt"), text, &mut w)
            };
            let corpus = Corpus::from_issues(issues.unwrap_or_else(|e| panic!("{name}: {e}")));
            assert_eq!(corpus.issues.len(), 1, "{name}");
            let issue = &corpus.issues[0];
            assert_eq!(issue.number, number, "{name}");
            assert_eq!(issue.heading, heading, "{name}");
            let date = date.and_then(|(y, m, d)| Date::from_ymd(y, m, d));
            assert_eq!(issue.date, date, "{name}");
            assert_eq!(
                crate::util::texts(&corpus, 0),
                ["Hello."],
                "{name} (markdown: {markdown})"
            );
            assert!(w.is_empty(), "{name}: {w:?}");
        }
    }
}

/// The same text with its heading line marked up as a Markdown heading and its date line
/// (a line starting with a digit or a month) in emphasis.
fn as_markdown(text: &str) -> String {
    let mark = |l: &str| {
        if l.contains('#') {
            format!("## {l}")
        } else if l.starts_with(|c: char| c.is_ascii_digit())
            || l.starts_with("Sun")
            || l.starts_with("Sep")
        {
            format!(
                "*{}*{}",
                l.trim_end_matches('\r'),
                if l.ends_with('\r') { "\r" } else { "" }
            )
        } else {
            l.to_string()
        }
    };
    text.split('\n').map(mark).collect::<Vec<_>>().join("\n")
}

/// (name, line, expected (title, city, weekday 0=Mon, month, day))
type ListingRow = (
    &'static str,
    &'static str,
    Option<(&'static str, &'static str, u32, u32, u32)>,
);

#[rustfmt::skip]
const LISTINGS: &[ListingRow] = &[
    ("plain", "Kafka Connect (Torun) - Wednesday, October 30", Some(("Kafka Connect", "Torun", 2, 10, 30))),
    ("odd title", "Apache Beam @ + Portable Schema + BeamSQL (Zurich) - Tuesday, November 19",
        Some(("Apache Beam @ + Portable Schema + BeamSQL", "Zurich", 1, 11, 19))),
    ("hyphenated city", "Kafka Meetup (Tel Aviv-Yafo) - Sunday, November 17",
        Some(("Kafka Meetup", "Tel Aviv-Yafo", 6, 11, 17))),
    ("double space", "Kafka at Sky Deutschland + Kafka on Kubernetes  (Unterfohring) - Tuesday, October 29",
        Some(("Kafka at Sky Deutschland + Kafka on Kubernetes", "Unterfohring", 1, 10, 29))),
    ("abbreviations", "Data Meetup (Sao Carlos) - Wed, Nov 13", Some(("Data Meetup", "Sao Carlos", 2, 11, 13))),
    ("en dash", "HUG (London) \u{2013} Thursday, September 26", Some(("HUG", "London", 3, 9, 26))),
    ("em dash, no comma", "HUG (London) \u{2014} Thursday September 26", Some(("HUG", "London", 3, 9, 26))),
    ("tight", "HUG (London)-Thursday,September 26", Some(("HUG", "London", 3, 9, 26))),
    ("wide", "  HUG   (  London  )   -   Thursday ,  September   26  ", Some(("HUG", "London", 3, 9, 26))),
    ("no-break spaces", "HUG\u{a0}(London)\u{a0}-\u{a0}Thursday,\u{a0}September\u{a0}26", Some(("HUG", "London", 3, 9, 26))),
    ("parens in title", "Intro (Part 2) (Berlin) - Monday, May 4", Some(("Intro (Part 2)", "Berlin", 0, 5, 4))),
    ("hash in title", "Rg-Dev #32 (Rzeszow) - Thursday, October 24", Some(("Rg-Dev #32", "Rzeszow", 3, 10, 24))),
    ("leap day", "HUG (London) - Saturday, February 29", Some(("HUG", "London", 5, 2, 29))),
    ("not a weekday", "HUG (London) - Someday, September 26", None),
    ("no such day", "HUG (London) - Monday, September 31", None),
    ("no place", "HUG - Monday, September 30", None),
    ("no title", "(London) - Monday, September 30", None),
    ("trailing text", "HUG (London) - Monday, September 30 at 6pm", None),
    ("prose", "We met (again) - and it was fun.", None),
];

#[test]
fn listing_lines() {
    for &(name, line, expected) in LISTINGS {
        let got = parse_listing(line).map(|l| {
            let (t, c) = (l.title(line).to_string(), l.city(line).to_string());
            (t, c, l.weekday, l.month, l.day)
        });
        let expected = expected.map(|(t, c, w, m, d)| (t.to_string(), c.to_string(), w, m, d));
        assert_eq!(got, expected, "{name}");
    }
}

/// (name, issue body after `Issue #1`, expected sections in order)
#[rustfmt::skip]
const SECTIONS: &[(&str, &str, &[Section])] = &[
    ("intro then articles", "Intro.\n\nOne.\n\nTwo.", &[Intro, Article, Article]),
    ("curated by", "Intro.\n\nCurated by Datadog ( )\n\nKafka (Paris) - Monday, May 4", &[Intro, Sponsor, Event]),
    ("events one per line", "Kafka (Paris) - Monday, May 4\nSpark (Rome) - Tue, May 5\n\nFlink  (Oslo)  -  Wednesday,  May 6",
        &[Event, Event, Event]),
    ("old headings", "Intro.\n\nTechnical\n\nA post.\n\nNews\n\nReleases\n\nEvents\n\nNew York\nKafka (New York) - Monday, May 4",
        &[Intro, Other, Article, Other, Other, Other, Other, Event]),
    ("sponsors heading", "Sponsors\n\nAcme is hiring.\n\nTechnical\n\nA post.", &[Other, Sponsor, Other, Article]),
    ("sponsored blurb", "Intro.\n\nThis week's issue is sponsored by Acme.\n\nA post.", &[Intro, Sponsor, Article]),
    ("footer and artefact", "Intro.\n\nLinks are provided for informational purposes and do not imply endorsement.\n\nLoading more posts…",
        &[Intro, Other, Other]),
    ("excerpt ends mid-sentence", "Intro.\n\nThe post describes how", &[Intro, Article]),
    ("url line joins blurb", "Intro.\n\nA post.\n\nhttps://x.example/a", &[Intro, Article]),
];

#[test]
fn sections() {
    for &(name, body, expected) in SECTIONS {
        let text = format!("Issue #1\n\n{body}\n");
        let issues = parse_text(Path::new("t.txt"), &text, &mut Vec::new()).unwrap();
        let got: Vec<Section> = issues[0].items.iter().map(|i| i.section).collect();
        assert_eq!(got, expected, "{name}");
    }
}
