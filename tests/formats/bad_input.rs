//! Bad inputs of issue 7: a ZIP that is no Substack export, a post whose body is missing, a
//! malformed feed, broken HTML, a file in an unknown format. Each gives a message naming the
//! file, never a panic, and the rest of the archive is still read.

use super::{fixture, load};
use crate::util;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::slice::from_ref;
use topictrend::corpus::{self, parse_feed, parse_html, parse_substack, Corpus, LoadOptions};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn load_err(path: &Path) -> String {
    match corpus::load(from_ref(&path.to_path_buf()), &LoadOptions::default()) {
        Ok(c) => panic!("{} loaded: {:?}", path.display(), c.issues),
        Err(e) => e.to_string(),
    }
}

const GOOD: &[u8] = b"Issue #1\n\nHello.\n";

/// Named directly, each bad file is an error naming it; in a folder beside a good file, it
/// is skipped with a warning naming it, counted, and the good file is still read.
#[test]
fn bad_files_are_errors_alone_and_skipped_in_folders() {
    let dir = util::workdir("formats-bad-files");
    let not_export = zip_of(&[("readme.txt", b"hello")]);
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "photos.zip",
            &not_export,
            "ZIP archive holds no posts.csv: not a Substack export",
        ),
        (
            "broken.zip",
            b"PK\x03\x04 not really a zip",
            "not a readable ZIP archive",
        ),
        (
            "feed.xml",
            b"<rss><channel><item><title>Issue #2</title>",
            "not a well-formed RSS/Atom feed",
        ),
        (
            "sitemap.xml",
            b"<urlset><url/></urlset>",
            "XML root <urlset> is neither",
        ),
        (
            "blob.md",
            b"\x00\x01\x02 binary \xff",
            "no issue heading found",
        ),
    ];
    for (name, bytes, message) in cases {
        let sub = dir.join(name.replace('.', "-"));
        let bad = write(&sub, name, bytes);
        write(&sub, "good.txt", GOOD);
        let err = load_err(&bad);
        assert!(err.starts_with(&format!("{}: ", bad.display())), "{err}");
        assert!(err.contains(message), "{err}");
        let corpus = load(&sub);
        assert_eq!((corpus.issues.len(), corpus.skipped), (1, 1), "{name}");
        let w = corpus
            .warnings
            .iter()
            .find(|w| w.file == bad && w.message.starts_with("skipped: "));
        let w = w.expect("a warning names the skipped file");
        assert!(
            w.message.starts_with("skipped: ") && w.message.contains(message),
            "{w}"
        );
    }
}

#[test]
fn unknown_format_named_directly() {
    let dir = util::workdir("formats-unknown");
    let file = write(&dir, "notes.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n");
    let err = load_err(&file);
    assert!(err.contains("notes.pdf: no issue heading found"), "{err}");
}

/// A posts.csv row whose body is missing is reported with the row's line, skipped and
/// counted; the other posts are read.
#[test]
fn substack_post_with_missing_body() {
    let dir = util::workdir("formats-missing-body").join("export");
    super::copy_tree(&fixture("substack"), &dir);
    std::fs::remove_file(dir.join("posts/100332.data-eng-weekly-332.html")).unwrap();
    let corpus = load(&dir);
    let numbers: Vec<u32> = corpus.issues.iter().map(|i| i.number).collect();
    assert_eq!(numbers, [331, 333]);
    assert_eq!(
        corpus.skipped, 2,
        "about page and missing body: {:?}",
        corpus.warnings
    );
    let w = corpus
        .warnings
        .iter()
        .find(|w| w.message.contains("100332"))
        .unwrap();
    assert_eq!(
        (w.file.as_path(), w.line),
        (dir.join("posts.csv").as_path(), 4)
    );
    assert!(w.message.ends_with("is in the export: skipped"), "{w}");
    std::fs::remove_dir_all(dir.join("posts")).unwrap();
    let err = load_err(&dir.join("posts.csv"));
    assert!(
        err.contains("posts.csv: no readable posts/ folder beside it"),
        "{err}"
    );
}

#[test]
fn substack_zip_odd_rows() {
    let csv = b"post_id,post_date,is_published,title\n\
                1.a,2019-01-06,true,Data Eng Weekly #300\n\
                2.b,not a date,true,Data Eng Weekly #301\n\
                ,2019-01-20,true,Data Eng Weekly #302\n";
    let bytes = zip_of(&[
        ("posts.csv", csv),
        ("posts/1.a.html", b"<p>One.</p>"),
        ("posts/2.b.html", b"<p>Two <b>unclosed"),
    ]);
    let mut corpus = Corpus::default();
    let issues = parse_substack(
        Path::new("e.zip"),
        &bytes,
        &LoadOptions::default(),
        &mut corpus,
    )
    .unwrap();
    let read = Corpus::from_issues(issues);
    let issues = &read.issues;
    assert_eq!(issues.len(), 2);
    assert_eq!(util::text(&read, 1, 0), "Two unclosed");
    assert_eq!(
        issues[1].date, None,
        "unreadable post_date falls back to the text"
    );
    let messages: Vec<String> = corpus.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(corpus.skipped, 1, "{messages:?}");
    assert!(messages.contains(&"e.zip:4: row has no post_id: skipped".to_string()));
    let date =
        "e.zip/posts/2.b.html: unreadable publication date `not a date`; dated from the text";
    assert!(messages.contains(&date.to_string()), "{messages:?}");
}

/// Random pieces of markup, feed XML and CSV never panic any reader.
#[test]
fn never_panics_on_odd_markup() {
    let pieces: [&str; 26] = [
        "<p>",
        "</p>",
        "<li>",
        "<h1>",
        "Issue #3",
        "<a href=\"https://x.org\">",
        "</a>",
        "<br>",
        "<script>",
        "<![CDATA[",
        "]]>",
        "<rss>",
        "<item>",
        "<title>",
        "</title>",
        "<entry>",
        "<content type=\"xhtml\">",
        "&amp;",
        "&bogus;",
        "\n",
        ",",
        "\"",
        "post_id",
        "PK\u{3}\u{4}",
        "Kafka (Berlin) - Tuesday, May 5",
        "\u{feff}",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..1500 {
        let mut text = String::new();
        for _ in 0..(seed % 50) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        let mut c = Corpus::default();
        let _ = parse_html(Path::new("f.html"), &text, &mut c.warnings);
        let _ = parse_feed(Path::new("f.xml"), &text, &mut c);
        let _ = parse_substack(
            Path::new("posts.csv"),
            text.as_bytes(),
            &LoadOptions::default(),
            &mut c,
        );
    }
    // Deep, within the nesting limit (beyond it: tests/formats/limits.rs).
    let deep = "<div>".repeat(corpus::HTML_DEPTH) + "Issue #1<p>deep</p>";
    let mut w = Vec::new();
    let issues = parse_html(Path::new("deep.html"), &deep, &mut w).unwrap();
    assert_eq!(issues[0].number, 1);
}
