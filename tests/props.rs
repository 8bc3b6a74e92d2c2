//! Property tests of every reader (issue 16): over generated archives and mutations of them
//! (lines inserted, deleted, duplicated, swapped; truncation; random characters; nested
//! tags; huge entities), no reader panics, and for the line-based readers every non-blank
//! line ends up in an item, a heading, a date, a recognised skip (banner, preamble, the
//! lines under a heading that cannot be read) or a warning naming that line. Lines shaped
//! like a listing or heading that cannot be read always have their warning.
//!
//! A seeded generator, not proptest: proptest's `std` feature brings rand, getrandom and
//! tempfile into the test build for shrinking we do not need (each failure prints its seed
//! and input, which are small).

use std::collections::HashSet;
use std::path::Path;
use topictrend::corpus::{
    parse_feed, parse_html, parse_markdown, parse_substack, parse_text, Corpus, Issue, LoadOptions,
    Warning,
};

/// xorshift64*: a few lines, reproducible from the seed printed on failure.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PROSE: [&str; 6] = [
    "Apache Kafka streams data at Lyft.",
    "A look at Delta Lake and time travel.",
    "The post describes how Spark shuffles",
    "Curated by Datadog ( )",
    "Technical",
    "Loading more posts…",
];
const LISTINGS: [&str; 2] = [
    "Kafka Meetup (Berlin) - Tuesday, October 29",
    "Spark (Tel Aviv-Yafo) - Wed, Nov 13",
];
/// Shaped like listings, dates that cannot be read: each must have its warning.
const BAD_LISTINGS: [&str; 3] = [
    "Spark Meetup (Atlantis) - Monday, February 30",
    "Kafka (Berlin) - Blursday, October 29",
    "Flink (Paris) - Monday, Octember 3",
];
const DATES: [&str; 4] = [
    "22 September 2013",
    "31 February 2019",
    "22 September",
    "2019-13-01",
];
/// Shaped like headings, not read as headings: each must have its warning or skip.
const BAD_HEADINGS: [&str; 2] = [
    "Data Eng Weekly #99999999999999999999",
    "Issue #3 - next week",
];
const URLS: [&str; 2] = ["https://example.org/a", "<https://x.example/b>"];

/// A plain-text archive: optional preamble, issues (banner, heading, date line, paragraphs,
/// listings, URLs, bad lines), blank lines between.
fn text_archive(rng: &mut Rng) -> Vec<String> {
    let mut lines = Vec::new();
    if rng.below(3) == 0 {
        lines.extend(["Some page title".to_string(), String::new()]);
    }
    for k in 0..1 + rng.below(4) {
        if rng.below(2) == 0 {
            lines.extend(["Data Eng Weekly".to_string(), String::new()]);
        }
        lines.push(match rng.below(4) {
            0 => format!("Hadoop Weekly Issue #{}", 10 + k),
            1 => format!("Issue #{} - 31 February 2019", 10 + k),
            _ => format!("Data Eng Weekly #{}", 10 + k),
        });
        if rng.below(2) == 0 {
            lines.push(rng.pick(&DATES).to_string());
        }
        for _ in 0..rng.below(8) {
            lines.push(body_line(rng));
        }
    }
    lines
}

fn body_line(rng: &mut Rng) -> String {
    match rng.below(10) {
        0 => String::new(),
        1 => rng.pick(&LISTINGS).to_string(),
        2 => rng.pick(&BAD_LISTINGS).to_string(),
        3 => rng.pick(&URLS).to_string(),
        4 if rng.below(3) == 0 => rng.pick(&BAD_HEADINGS).to_string(),
        _ => rng.pick(&PROSE).to_string(),
    }
}

/// Line-level mutations: insert, delete, duplicate, swap.
fn mutate_lines(rng: &mut Rng, lines: &mut Vec<String>) {
    for _ in 0..rng.below(4) {
        let at = rng.below(lines.len() + 1);
        match rng.below(4) {
            0 => lines.insert(at, body_line(rng)),
            1 if at < lines.len() => drop(lines.remove(at)),
            2 if at < lines.len() => lines.insert(at, lines[at].clone()),
            3 if at + 1 < lines.len() => lines.swap(at, at + 1),
            _ => {}
        }
    }
}

/// Byte-level mutations: truncate at a character boundary, insert odd characters.
fn mutate_chars(rng: &mut Rng, text: &mut String) {
    const ODD: [&str; 8] = ["\u{feff}", "\r", "\u{fffd}", "#", "(", ")", "\u{a0}", "<"];
    if rng.below(3) == 0 {
        let mut cut = rng.below(text.len() + 1);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
    for _ in 0..rng.below(5) {
        let mut at = rng.below(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.insert_str(at, rng.pick(&ODD));
    }
}

/// A corpus of a reader's issues numbered 0, 1, ... in order: a reader may give a number
/// twice (`corpus::load` rejects that later), and the corpus finds items by issue number.
fn renumbered(mut issues: Vec<Issue>) -> Corpus {
    for (k, issue) in issues.iter_mut().enumerate() {
        issue.number = k as u32;
    }
    Corpus::from_issues(issues)
}

/// Where each non-blank line of a line-based input went; `Err` names the first line that
/// went nowhere. `words(line)` are the pieces of the line a reader keeps (the whole trimmed
/// line for plain text; the words outside link targets and images for Markdown).
fn account(
    text: &str,
    corpus: &Corpus,
    warnings: &[Warning],
    words: impl Fn(&str) -> Vec<String>,
) -> Result<(), String> {
    let issues = &corpus.issues;
    let lines: Vec<&str> = text.split('\n').map(str::trim).collect();
    let no = |i: usize| i as u32 + 1;
    let headings: HashSet<u32> = issues.iter().map(|i| i.source.line).collect();
    let warned: HashSet<u32> = warnings.iter().map(|w| w.line).collect();
    let skipped: Vec<(u32, u32)> = warnings
        .iter()
        .filter(|w| w.skip)
        .filter_map(|w| {
            Some((
                w.line,
                w.message
                    .rsplit("up to line ")
                    .next()?
                    .split(' ')
                    .next()?
                    .parse()
                    .ok()?,
            ))
        })
        .collect();
    let splits: HashSet<u32> = headings
        .iter()
        .copied()
        .chain(skipped.iter().map(|s| s.0))
        .collect();
    let first = splits.iter().min().copied().unwrap_or(u32::MAX);
    let preamble = warnings
        .iter()
        .any(|w| w.message.contains("before the first issue heading"));
    let next_text = |i: usize| (i + 1..lines.len()).find(|&k| !lines[k].is_empty());
    for (i, line) in lines.iter().enumerate() {
        let n = no(i);
        let is_bad = BAD_LISTINGS
            .iter()
            .chain(&BAD_HEADINGS)
            .any(|b| line.contains(b));
        let in_skip = skipped.iter().any(|&(a, b)| a <= n && n <= b);
        if line.is_empty() || headings.contains(&n) || in_skip || (n < first && preamble) {
            continue;
        }
        if is_bad && !warned.contains(&n) && !words(line).is_empty() {
            return Err(format!(
                "line {n} `{line}` is shaped like a listing or heading, not warned"
            ));
        }
        let plain = words(line).join(" ").to_lowercase();
        let banner = ["data eng weekly", "hadoop weekly"].contains(&plain.as_str())
            && next_text(i).is_some_and(|k| splits.contains(&no(k)));
        let issue = issues
            .iter()
            .filter(|is| is.source.line < n)
            .max_by_key(|is| is.source.line);
        let date_line = issue.is_some_and(|is| {
            let after = (is.source.line as usize..lines.len()).find(|&k| !lines[k].is_empty());
            // Only a real date is a date line without a word; the others need their warning.
            after == Some(i) && line.ends_with(DATES[0])
        });
        let in_item = issue.is_some_and(|is| {
            let item = is
                .items
                .iter()
                .filter(|it| it.line <= n)
                .max_by_key(|it| it.line);
            item.is_some_and(|it| {
                let kept = crate::util::item_text(corpus, is, it);
                words(line).iter().all(|w| {
                    kept.contains(w.as_str())
                        || it
                            .links
                            .iter()
                            .any(|l| w.contains(l.as_str()) || l.contains(w.as_str()))
                })
            })
        });
        if !(banner || date_line || in_item || warned.contains(&n)) {
            return Err(format!(
                "line {n} `{line}` is in no item, heading, date, skip or warning"
            ));
        }
    }
    Ok(())
}

/// Runs `cases` generated inputs through `check`, naming the seed and input of a failure.
fn run(cases: u64, salt: u64, mut check: impl FnMut(&mut Rng) -> Result<(), String>) {
    for seed in 1..=cases {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt);
        if let Err(e) = check(&mut rng) {
            panic!("seed {seed}: {e}");
        }
    }
}

#[test]
fn plain_text_accounts_for_every_line() {
    run(400, 1, |rng| {
        let mut lines = text_archive(rng);
        mutate_lines(rng, &mut lines);
        let mut text = lines.join("\n");
        let raw = rng.below(4) == 0;
        if raw {
            mutate_chars(rng, &mut text);
        }
        let mut w = Vec::new();
        match parse_text(Path::new("p.txt"), &text, &mut w) {
            Ok(issues) if !raw => account(&text, &renumbered(issues), &w, |l| vec![l.to_string()])
                .map_err(|e| format!("{e}\n---\n{text}\n---\n{w:#?}")),
            _ => Ok(()),
        }
    });
}

/// Markdown keeps a line's words (link text, emphasis inside) and its link targets as links;
/// images and rules are dropped (recognised skips).
fn markdown_words(line: &str) -> Vec<String> {
    let mut kept = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("](") {
        let close = rest[at..].find(')').map_or(rest.len(), |k| at + k + 1);
        kept.push_str(&rest[..at]);
        kept.push(' ');
        rest = &rest[close..];
    }
    kept.push_str(rest);
    kept.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1)
        .map(String::from)
        .collect()
}

#[test]
fn markdown_accounts_for_every_line() {
    run(300, 2, |rng| {
        let mut lines = text_archive(rng);
        mutate_lines(rng, &mut lines);
        for line in lines.iter_mut() {
            *line = match rng.below(6) {
                0 if line.contains('#') => format!("## {line}"),
                1 if !line.is_empty() => format!("* {line}"),
                2 if line.contains("Kafka") => line.replace("Kafka", "**Kafka**"),
                3 if line.contains("Delta") => line.replace("Delta", "[Delta](https://delta.io)"),
                _ => std::mem::take(line),
            };
        }
        let text = lines.join("\n");
        let mut w = Vec::new();
        match parse_markdown(Path::new("p.md"), &text, &mut w) {
            Ok(issues) => account(&text, &renumbered(issues), &w, markdown_words)
                .map_err(|e| format!("{e}\n---\n{text}\n---\n{w:#?}")),
            Err(_) => Ok(()),
        }
    });
}

/// An HTML body from text lines: headings as `<h1>`, the rest as paragraphs and list items,
/// with page chrome around (navigation, share widgets, scripts) and, mutated, deep nesting.
fn html_body(rng: &mut Rng, lines: &[String]) -> String {
    let mut out = String::from("<nav>Home Archive</nav><script>var x = '<p>';</script>");
    for line in lines.iter().filter(|l| !l.is_empty()) {
        let esc = line.replace('&', "&amp;").replace('<', "&lt;");
        out.push_str(&match rng.below(5) {
            0 if line.contains('#') => format!("<h1>{esc}</h1>"),
            1 => format!("<ul><li>{esc}</li></ul>"),
            2 => format!("<div class=\"share-buttons\"><a href=\"/x\">Share</a></div><p>{esc}</p>"),
            _ => format!("<p>{esc}</p>"),
        });
    }
    if rng.below(5) == 0 {
        let depth = rng.below(3000);
        out = format!("{}{out}", "<div><b>".repeat(depth));
    }
    out
}

/// Every block of text a reader keeps is in an item, a heading or a warning, is a date, or
/// is under a heading that cannot be read (skipped with a warning).
fn blocks_kept(lines: &[String], corpus: &Corpus, warnings: &[Warning]) -> Result<(), String> {
    let mut skipping = false;
    for line in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        if line.contains('#') {
            skipping = warnings.iter().any(|w| w.skip && w.message.contains(line));
        }
        if skipping {
            continue;
        }
        let kept = corpus.issues.iter().any(|i| {
            i.heading.contains(line)
                || i.items.iter().any(|it| {
                    crate::util::item_text(corpus, i, it).contains(line)
                        || it.links.iter().any(|l| line.contains(l.as_str()))
                })
        });
        let warned = warnings
            .iter()
            .any(|w| w.message.contains(line) || w.message.contains("line(s) before"));
        let other = DATES.contains(&line)
            || line.eq_ignore_ascii_case("data eng weekly")
            || line.contains('#');
        if !(kept || warned || other) {
            return Err(format!("`{line}` went nowhere"));
        }
    }
    Ok(())
}

#[test]
fn html_pages_never_panic_and_keep_every_block() {
    run(200, 3, |rng| {
        let mut lines = text_archive(rng);
        mutate_lines(rng, &mut lines);
        let mut html = html_body(rng, &lines);
        let raw = rng.below(4) == 0;
        if raw {
            mutate_chars(rng, &mut html);
        }
        let mut w = Vec::new();
        match parse_html(Path::new("p.html"), &html, &mut w) {
            Ok(issues) if !raw && !html.starts_with("<div><b>") => {
                blocks_kept(&lines, &renumbered(issues), &w)
                    .map_err(|e| format!("{e}\n---\n{html}"))
            }
            _ => Ok(()),
        }
    });
}

#[test]
fn feeds_never_panic_and_account_for_every_entry() {
    run(200, 4, |rng| {
        let mut entries = String::new();
        let mut kept = Vec::new();
        let count = 1 + rng.below(4);
        for k in 0..count {
            let mut lines: Vec<String> = (0..rng.below(6)).map(|_| body_line(rng)).collect();
            mutate_lines(rng, &mut lines);
            let body = html_body(rng, &lines)
                .replace('&', "&amp;")
                .replace('<', "&lt;");
            let title = match rng.below(4) {
                0 => "About us".to_string(),
                1 => BAD_HEADINGS[0].to_string(),
                _ => format!("Data Eng Weekly #{}", 20 + k),
            };
            entries.push_str(&format!(
                "<item><title>{title}</title><pubDate>Sun, 17 Nov 2019</pubDate>\
                 <description>{body}</description></item>"
            ));
            kept.push(lines);
        }
        let dtd = match rng.below(5) {
            0 => format!(
                "<!DOCTYPE rss [<!ENTITY e \"{}\">]>",
                "x".repeat(rng.below(1 << 16))
            ),
            _ => String::new(),
        };
        let refs = if dtd.is_empty() {
            ""
        } else {
            "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"
        };
        let mut xml = format!("{dtd}<rss><channel><title>{refs}</title>{entries}</channel></rss>");
        let raw = rng.below(4) == 0;
        if raw {
            mutate_chars(rng, &mut xml);
        }
        let mut c = Corpus::default();
        let Ok(issues) = parse_feed(Path::new("f.xml"), &xml, &mut c) else {
            return Ok(());
        };
        // Each entry is an issue or a skip.
        if !raw && issues.len() + c.skipped != count {
            return Err(format!(
                "{count} entries, {} issues, {} skipped\n{xml}",
                issues.len(),
                c.skipped
            ));
        }
        Ok(())
    });
}

#[test]
fn substack_exports_never_panic_and_account_for_every_post() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("work/props-substack");
    run(60, 5, |rng| {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("posts")).map_err(|e| e.to_string())?;
        let mut csv = String::from("post_id,post_date,is_published,title\n");
        let count = 1 + rng.below(4);
        for k in 0..count {
            let lines: Vec<String> = (0..rng.below(6)).map(|_| body_line(rng)).collect();
            let mut html = html_body(rng, &lines);
            if rng.below(4) == 0 {
                mutate_chars(rng, &mut html);
            }
            let id = format!("{}.issue-{k}", 100 + k);
            if rng.below(6) != 0 {
                std::fs::write(dir.join(format!("posts/{id}.html")), html)
                    .map_err(|e| e.to_string())?;
            }
            let title = if rng.below(4) == 0 {
                "About".to_string()
            } else {
                format!("Issue #{}", 30 + k)
            };
            csv.push_str(&format!("{id},2019-11-17T10:00:00Z,true,{title}\n"));
        }
        let path = dir.join("posts.csv");
        let mut c = Corpus::default();
        let issues = parse_substack(&path, csv.as_bytes(), &LoadOptions::default(), &mut c)
            .map_err(|e| e.to_string())?;
        if issues.len() + c.skipped != count {
            return Err(format!(
                "{count} posts, {} issues, {} skipped: {:?}",
                issues.len(),
                c.skipped,
                c.warnings
            ));
        }
        Ok(())
    });
}
