//! Issue 16, input that costs too much (cases H and I): a feed whose entities expand far
//! beyond its size and HTML nested beyond `HTML_DEPTH` are refused before the parser runs,
//! with a message naming the limit; a page, feed entry or Substack post within the limits
//! is read as before.

use crate::util;
use std::path::{Path, PathBuf};
use std::slice::from_ref;
use topictrend::corpus::{self, parse_html, Corpus, LoadOptions, HTML_DEPTH};

fn write(name: &str, file: &str, text: &str) -> PathBuf {
    let path = util::workdir(name).join(file);
    std::fs::write(&path, text).unwrap();
    path
}

fn load(path: &Path) -> Result<Corpus, corpus::CorpusError> {
    corpus::load(from_ref(&path.to_path_buf()), &LoadOptions::default())
}

fn feed(dtd: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [{dtd}]>\n<rss><channel><item><title>Issue #1\
         </title><description>{body}</description></item></channel></rss>\n"
    )
}

/// Case H: one 14,000-character entity used 14,000 times (84 KB of feed, 196 MB expanded;
/// 1 GB of memory before) is refused; so are nested entities (a "billion laughs") and a loop.
#[test]
fn feed_entities_expanding_past_the_limit_are_refused() {
    let bomb = feed(
        &format!("<!ENTITY e \"{}\">", "x".repeat(14_000)),
        &"&e;".repeat(14_000),
    );
    let err = load(&write("limits-h", "bomb.xml", &bomb))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("bomb.xml: entity references expand to 196000000 bytes"),
        "{err}"
    );
    assert!(
        err.contains("over the limit of 1048576 bytes (1 MiB"),
        "{err}"
    );
    let laughs: String = (0..10)
        .map(|i| match i {
            0 => "<!ENTITY e0 \"lol\">".to_string(),
            _ => format!("<!ENTITY e{i} \"{}\">", format!("&e{};", i - 1).repeat(10)),
        })
        .collect();
    let err = load(&write("limits-h", "laughs.xml", &feed(&laughs, "&e9;")))
        .unwrap_err()
        .to_string();
    // Counted as written: each value with its references (an upper bound of the expansion).
    assert!(err.contains("expand to 7444444440 bytes"), "{err}");
    let looped = feed("<!ENTITY a \"&b;\"><!ENTITY b \"&a;\">", "&a;");
    let err = load(&write("limits-h", "loop.xml", &looped))
        .unwrap_err()
        .to_string();
    assert!(err.contains("expand without end"), "{err}");
    // Within the limit, entities are expanded as before.
    let fine = feed(
        "<!ENTITY kafka \"Apache Kafka\">",
        "&lt;p&gt;&kafka; news.&lt;/p&gt;",
    );
    let corpus = load(&write("limits-h", "fine.xml", &fine)).unwrap();
    assert_eq!(util::text(&corpus, 0, 0), "Apache Kafka news.");
}

/// Case I: 100,000 nested `<div>`s (29 s in html5ever before) are refused at once, as a page
/// (an error naming the limit) and as a feed entry or Substack post (skipped and counted).
#[test]
fn html_nested_past_the_limit_is_refused() {
    let deep = "<div>".repeat(100_000) + "Issue #1<p>deep</p>";
    let err = load(&write("limits-i", "deep.html", &deep))
        .unwrap_err()
        .to_string();
    assert!(
        err.ends_with(&format!(
            "deep.html: HTML nested deeper than {HTML_DEPTH} elements (limit); refusing"
        )),
        "{err}"
    );
    let escaped = deep.replace('<', "&lt;").replace('>', "&gt;");
    let xml = format!(
        "<rss><channel><item><title>Issue #2</title><description>{escaped}</description></item>\
         <item><title>Issue #3</title><description>Fine.</description></item></channel></rss>"
    );
    let corpus = load(&write("limits-i", "feed.xml", &xml)).unwrap();
    assert_eq!((corpus.issues.len(), corpus.skipped), (1, 1));
    assert!(corpus.warnings[0]
        .message
        .contains("entry \"Issue #2\" skipped: HTML nested deeper"));
    // One element over the limit is refused; at the limit, read.
    let at = |n: usize| "<div>".repeat(n) + "Issue #1<p>deep</p>";
    let mut w = Vec::new();
    assert!(parse_html(Path::new("a.html"), &at(HTML_DEPTH + 1), &mut w).is_err());
    assert!(parse_html(Path::new("a.html"), &at(HTML_DEPTH), &mut w).is_ok());
}

/// The depth check follows the parser where pages are sloppy: elements closed by the parser
/// itself (`<p>`, `<li>`, `<td>`), void elements, repeated `<a>`, self-closing SVG shapes,
/// comments, scripts and quoted `>` do not count as nesting.
#[test]
fn sloppy_but_shallow_html_is_read() {
    let n = 3 * HTML_DEPTH;
    let page = format!(
        "<h1>Issue #1</h1>{}{}{}<svg>{}</svg><!-- {} --><script>{}</script><p title='>'>{}",
        "<p>Para<br><img src=x>".repeat(n),
        "<ul><li>item".to_string() + &"<li>more".repeat(n),
        "<a href=x>link".repeat(n),
        "<path d=\"M0 0\"/>".repeat(n),
        "<div>".repeat(n),
        "var s = '<div>';".repeat(n),
        "<table><tr><td>cell".to_string() + &"<td>c".repeat(n),
    );
    let mut w = Vec::new();
    let issues = parse_html(Path::new("sloppy.html"), &page, &mut w).unwrap();
    assert_eq!(issues[0].number, 1);
}
