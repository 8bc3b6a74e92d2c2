//! Issue 16, lines silently misread: a line shaped like a heading, a date line or a listing
//! that does not parse is a warning naming the file, the line and why, and the lines keep a
//! sensible place (cases B, C, D of the issue, the page repeating its title, long titles).

use super::load;
use crate::util;
use std::path::{Path, PathBuf};
use std::slice::from_ref;
use topictrend::corpus::{self, issue_rows, Corpus, CorpusError, LoadOptions, Section};

/// Lines `from..=to` (1-based) of the shipped archive: #330 is 1-67, #329 is 68-143.
fn shipped(from: usize, to: usize) -> String {
    let text = std::fs::read_to_string(util::default_corpus().join("data-eng-weekly-326-330.txt"))
        .unwrap();
    let lines: Vec<&str> = text.lines().skip(from - 1).take(to + 1 - from).collect();
    lines.join("\n") + "\n"
}

fn write(name: &str, file: &str, text: &str) -> PathBuf {
    let dir = util::workdir(name);
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    path
}

fn load_one(path: &Path) -> Corpus {
    load(&[path.to_path_buf()]).unwrap()
}

/// Case B: `{ cat issue329; echo 'Data Eng Weekly #99999999999999999999'; tail -n +2 issue330; }`
/// used to give one issue #329 of 57 items and no word. The lines under the heading that
/// cannot be read are skipped, counted and reported with the line and the reason.
#[test]
fn heading_with_a_number_too_large_skips_its_lines_with_a_warning() {
    let text = format!(
        "{}Data Eng Weekly #99999999999999999999\n{}",
        shipped(68, 143),
        shipped(2, 67)
    );
    let path = write("lines-b", "ov.txt", &text);
    let corpus = load_one(&path);
    assert_eq!(corpus.issues.len(), 1);
    assert_eq!(
        (corpus.issues[0].number, corpus.issues[0].items.len()),
        (329, 30)
    );
    assert_eq!(
        (corpus.skipped, corpus.warnings.len()),
        (1, 1),
        "{:?}",
        corpus.warnings
    );
    let w = &corpus.warnings[0];
    assert_eq!((w.line, w.issue, w.skip), (77, None, true));
    assert!(
        w.message.contains("20 digits, more than the limit of 6"),
        "{w}"
    );
    assert!(w.message.contains("lines up to line 142 skipped"), "{w}");
    // Alone in a file, the same line is an error naming it, not "no issue heading found".
    let alone = write(
        "lines-b-alone",
        "alone.txt",
        "Data Eng Weekly #99999999999999999999\n",
    );
    let err = load(from_ref(&alone)).unwrap_err();
    assert!(
        matches!(err, CorpusError::UnreadHeading { line: 1, .. }),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("alone.txt:1: issue heading not read"),
        "{err}"
    );
}

/// Case B, second form: a heading with an impossible date keeps its issue, warns, and the
/// issue is dated another way (here from its listings).
#[test]
fn heading_with_an_impossible_date_is_read_and_warns() {
    let text = format!(
        "Data Eng Weekly #330 - 31 February 2019\n{}",
        shipped(2, 67)
    );
    let corpus = load_one(&write("lines-b-date", "hd.txt", &text));
    assert_eq!(corpus.issues[0].number, 330);
    assert_eq!(corpus.issues[0].date_source, corpus::DateSource::Events);
    let w = &corpus.warnings[..];
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!((w[0].line, w[0].issue), (1, Some(330)));
    assert!(
        w[0].message.contains("February 2019 has 28 days"),
        "{}",
        w[0]
    );
}

/// Case C: an impossible date line under the heading is the date line all the same (the
/// intro stays the intro), with a warning.
#[test]
fn impossible_date_line_is_the_date_line_and_warns() {
    let text = format!("Data Eng Weekly #330\n31 February 2019\n{}", shipped(2, 67));
    let corpus = load_one(&write("lines-c", "c.txt", &text));
    let plain = load_one(&write("lines-c-plain", "p.txt", &shipped(1, 67)));
    let sections = |c: &Corpus| {
        c.issues[0]
            .items
            .iter()
            .map(|i| i.section)
            .collect::<Vec<_>>()
    };
    assert_eq!(sections(&corpus), sections(&plain));
    assert_eq!(corpus.issues[0].items[0].section, Section::Intro);
    let w = &corpus.warnings[..];
    assert_eq!((w.len(), w[0].line, w[0].issue), (1, 2, Some(330)), "{w:?}");
    assert!(
        w[0].message.contains("`31 February 2019` is no date"),
        "{}",
        w[0]
    );
    // A date without a year is no date either.
    let text = format!("Data Eng Weekly #330\n31 October\n{}", shipped(2, 67));
    let corpus = load_one(&write("lines-c-year", "c.txt", &text));
    assert_eq!(sections(&corpus), sections(&plain));
    assert!(
        corpus.warnings[0].message.contains("has no year"),
        "{:?}",
        corpus.warnings
    );
}

/// Case D: a listing with an impossible date is an event (not an article), without a listing,
/// with a warning naming the line and why.
#[test]
fn listing_with_an_impossible_date_is_an_event_and_warns() {
    let text = format!(
        "{}\nSpark Meetup (Atlantis) - Monday, February 30\nKafka (Berlin) - Blursday, October 29\n",
        shipped(1, 67)
    );
    let corpus = load_one(&write("lines-d", "d.txt", &text));
    let items = &corpus.issues[0].items;
    let last: Vec<_> = items[items.len() - 2..]
        .iter()
        .map(|i| (i.section, i.listing.is_some(), i.line))
        .collect();
    assert_eq!(
        last,
        [(Section::Event, false, 69), (Section::Event, false, 70)]
    );
    let w: Vec<(u32, &str)> = corpus
        .warnings
        .iter()
        .map(|w| (w.line, &*w.message))
        .collect();
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].1.contains("February has no day 30"), "{w:?}");
    assert!(w[1].1.contains("`Blursday` is no weekday"), "{w:?}");
    assert_eq!(corpus.skipped, 0);
}

/// A line that starts like a heading but is followed by no date stays text, with a warning.
#[test]
fn heading_like_text_warns_and_stays_text() {
    let text = "Issue #4\n\nIntro.\n\nHadoop Weekly Issue #36 - next week\n";
    let corpus = load_one(&write("lines-text", "t.txt", text));
    assert_eq!(corpus.issues.len(), 1);
    assert_eq!(
        util::texts(&corpus, 0),
        ["Intro.", "Hadoop Weekly Issue #36 - next week"]
    );
    let w = &corpus.warnings[..];
    assert_eq!((w.len(), w[0].line, w[0].issue), (1, 5, Some(4)), "{w:?}");
    assert!(w[0]
        .message
        .contains("`next week` after the number is not a date"));
}

/// The `issues` table counts the warnings of each issue; the total counts them all.
#[test]
fn issues_table_counts_warnings_per_issue() {
    let text = format!(
        "{}Issue #2\n31 February 2019\n\nText.\n\nT (Atlantis) - Monday, February 30\n",
        shipped(1, 67)
    );
    let corpus = load_one(&write("lines-table", "t.txt", &text));
    let rows = issue_rows(&corpus);
    let ends = |r: &[String]| (r[0].clone(), r.last().cloned());
    let want = [("2", "2"), ("330", "0"), ("total", "2")];
    let want = want.map(|(a, b)| (a.to_string(), Some(b.to_string())));
    assert_eq!(rows.iter().map(|r| ends(r)).collect::<Vec<_>>(), want);
    // The CSV export keeps its columns.
    let csv = String::from_utf8(super::issues_csv(&corpus)).unwrap();
    assert!(csv.starts_with("issue,date,date_source,intro,article,sponsor,event,other,items\r\n"));
}

/// A saved page whose body repeats its title (an `<h1>`, then a first paragraph) is one issue;
/// two issues with one number in one page say so without a `:0` line.
#[test]
fn page_repeating_its_title_is_one_issue() {
    let html = "<html><head><title>Data Eng Weekly #330</title></head><body>\
                <h1>Data Eng Weekly #330</h1><p>Data Eng Weekly #330</p><p>Intro text.</p>\
                <p>An article about Kafka.</p></body></html>";
    let corpus = load_one(&write("lines-page", "page.html", html));
    assert_eq!(corpus.issues.len(), 1);
    let sections: Vec<Section> = corpus.issues[0].items.iter().map(|i| i.section).collect();
    assert_eq!(sections, [Section::Intro, Section::Article]);
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    let dup = write(
        "lines-page-dup",
        "dup.html",
        "<h1>Issue #3</h1><p>a</p><h1>Issue #3</h1><p>b</p>",
    );
    let err = load(from_ref(&dup)).unwrap_err().to_string();
    assert_eq!(err, format!("issue #3 appears twice in {}", dup.display()));
}

/// A skipped post is named by its title cut to 80 characters, not by kilobytes of text.
#[test]
fn skipped_post_warning_quotes_a_clipped_title() {
    let title = "About this newsletter ".repeat(300);
    let xml = format!(
        "<rss><channel><item><title>{title}</title><description>Hi.</description></item>\
         <item><title>Issue #1</title><description>Hello.</description></item></channel></rss>"
    );
    let path = write("lines-feed", "feed.xml", &xml);
    let corpus = corpus::load(from_ref(&path), &LoadOptions::default()).unwrap();
    assert_eq!((corpus.issues.len(), corpus.skipped), (1, 1));
    let w = &corpus.warnings[0];
    assert!(w.message.len() < 300, "{} bytes: {w}", w.message.len());
    assert!(w.message.contains("About this newsletter About"), "{w}");
    assert!(w.message.contains('…'), "{w}");
}
