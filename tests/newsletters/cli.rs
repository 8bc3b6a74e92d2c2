//! `--profile` and `--one-per-file` on the real binary: the report of another newsletter in one
//! command (its CSVs checked against the fixture's hand-written `expected.csv`), one post per
//! file forced and detected, a profile file of docs/profiles, and the errors: a bad profile
//! file named with its line, an unknown profile name a usage error listing the built-in ones.

use super::{expected, shape, Row};
use crate::util;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

fn topictrend(args: &[&str]) -> Output {
    Command::new(util::bin())
        .args(args)
        .output()
        .expect("run topictrend")
}

fn fixture(path: &str) -> String {
    shape(path).to_string_lossy().into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `topictrend report INPUT --out <workdir NAME> -q` plus `args`; the output folder.
fn report(name: &str, input: &str, args: &[&str]) -> std::path::PathBuf {
    let out_dir = util::workdir(name);
    let mut all = vec!["report", input, "--out", out_dir.to_str().unwrap(), "-q"];
    all.extend_from_slice(args);
    let out = topictrend(&all);
    assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
    out_dir
}

/// The rows of `csv/NAME` in `dir`, each a map from column to value.
fn csv_rows(dir: &Path, name: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(dir.join("csv").join(name)).expect(name);
    let header = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            let pairs = header.iter().zip(r.iter());
            pairs.map(|(k, v)| (k.to_string(), v.to_string())).collect()
        })
        .collect()
}

/// `issues.csv` as the columns `expected.csv` pins: issue, date, date_source, section counts.
fn issue_columns(dir: &Path) -> Vec<(u32, String, String, [usize; 5])> {
    let sections = ["intro", "article", "sponsor", "event", "other"];
    csv_rows(dir, "issues.csv")
        .iter()
        .map(|r| {
            let count = |s: &str| r[s].parse::<usize>().expect("a count");
            let issue = r["issue"].parse().expect("an issue number");
            let counts = sections.map(count);
            assert_eq!(count("items"), counts.iter().sum::<usize>(), "{r:?}");
            (issue, r["date"].clone(), r["date_source"].clone(), counts)
        })
        .collect()
}

fn expected_columns(rows: Vec<Row>) -> Vec<(u32, String, String, [usize; 5])> {
    let columns = rows
        .into_iter()
        .map(|r| (r.issue, r.date, r.date_source, r.counts));
    columns.collect()
}

/// `topictrend report FEED_OR_FOLDER --profile generic` on each fixture: the issues dated and
/// numbered as `expected.csv` says, every item in `items.csv` under its section (as many per
/// section as `issues.csv` counts), and the entities the posts name counted, each mention in
/// an item of the section `items.csv` gives it.
#[test]
fn a_report_of_each_newsletter_in_one_command() {
    for (name, source, entity, issue) in [
        ("numbered", "feed.xml", "Iceberg", 17),
        ("digest", "atom.xml", "Snowflake", 1),
        ("blog", "posts", "Iceberg", 16),
    ] {
        let dir = report(
            &format!("newsletters-cli-{name}"),
            &fixture(&format!("{name}/{source}")),
            &["--profile", "generic"],
        );
        let issues = issue_columns(&dir);
        assert_eq!(issues, expected_columns(expected(name, source)), "{name}");
        let items = csv_rows(&dir, "items.csv");
        let mut sections: BTreeMap<(String, String), usize> = BTreeMap::new();
        for item in &items {
            let key = (item["issue"].clone(), item["section"].clone());
            *sections.entry(key).or_default() += 1;
        }
        for (number, _, _, counts) in &issues {
            for (section, count) in ["intro", "article", "sponsor", "event", "other"]
                .iter()
                .zip(counts)
            {
                let key = (number.to_string(), section.to_string());
                assert_eq!(sections.get(&key).copied().unwrap_or(0), *count, "{name}");
            }
        }
        let section_of: BTreeMap<(&str, &str), &str> = items
            .iter()
            .map(|i| ((&*i["issue"], &*i["item"]), &*i["section"]))
            .collect();
        let mentions = csv_rows(&dir, "mentions.csv");
        for m in &mentions {
            let at = (&*m["issue"], &*m["item"]);
            assert_eq!(section_of.get(&at), Some(&&*m["section"]), "{name}: {m:?}");
        }
        let named = |e: &str, n: u32| {
            let of =
                |m: &&BTreeMap<String, String>| m["entity"] == e && m["issue"] == n.to_string();
            mentions.iter().filter(of).count()
        };
        assert!(named(entity, issue) > 0, "{name}: no {entity} in #{issue}");
        let frequency = csv_rows(&dir, "frequency.csv");
        let row = frequency.iter().find(|r| r["entity"] == entity);
        let row = row.unwrap_or_else(|| panic!("{name}: {entity} not in frequency.csv"));
        assert!(
            row["mentions"].parse::<u32>().expect("a count") > 0,
            "{row:?}"
        );
        let md = std::fs::read_to_string(dir.join("report.md")).expect("report.md");
        assert!(
            md.contains(entity),
            "{name}: report.md does not name {entity}"
        );
    }
}

/// Saved pages are one post each whether `--one-per-file` says so or not; so are Markdown
/// posts with front matter. The outputs are the same either way.
#[test]
fn one_post_per_file_forced_or_detected() {
    for (name, source) in [("digest", "pages"), ("blog", "posts")] {
        let input = fixture(&format!("{name}/{source}"));
        let generic = ["--profile", "generic"];
        let detected = report(&format!("newsletters-detect-{name}"), &input, &generic);
        let forced = report(
            &format!("newsletters-forced-{name}"),
            &input,
            &["--profile", "generic", "--one-per-file"],
        );
        let want = expected_columns(expected(name, source));
        assert_eq!(issue_columns(&detected), want, "{name}");
        for csv in ["issues.csv", "items.csv", "mentions.csv"] {
            let read = |dir: &Path| std::fs::read(dir.join("csv").join(csv)).expect(csv);
            assert!(read(&detected) == read(&forced), "{name}: {csv} differs");
        }
    }
}

/// A folder of posts with neither front matter nor an issue heading: under `generic` each file
/// is one post, dated from its file name and numbered by date; under the default profile the
/// same folder holds no issue, and `--one-per-file` does not change that (a post needs a number).
#[test]
fn posts_without_front_matter_or_headings_are_detected() {
    let dir = util::workdir("newsletters-plain-posts");
    let posts = dir.join("posts");
    std::fs::create_dir_all(&posts).unwrap();
    let body = "Kafka Connect gained an Iceberg sink this month.\n\n\
                Airflow 2.1 makes the scheduler faster on large DAG folders.\n";
    for (file, title) in [
        (
            "2021-05-07-streaming.md",
            "# Streaming into the lakehouse\n\n",
        ),
        ("2021-04-23-small-files.txt", "Small files\n\n"),
        ("2021-06-04-orchestration.md", "# Orchestration notes\n\n"),
    ] {
        std::fs::write(posts.join(file), format!("{title}{body}")).unwrap();
    }
    let input = posts.to_str().unwrap();
    let out = report(
        "newsletters-plain-posts-out",
        input,
        &["--profile", "generic"],
    );
    let got: Vec<(u32, String, String)> = issue_columns(&out)
        .into_iter()
        .map(|(n, date, source, counts)| {
            // The first paragraph is the intro, the second an article.
            assert_eq!(counts, [1, 1, 0, 0, 0], "#{n}");
            (n, date, source)
        })
        .collect();
    let filename = |n: u32, d: &str| (n, d.to_string(), "filename".to_string());
    assert_eq!(
        got,
        [
            filename(1, "2021-04-23"),
            filename(2, "2021-05-07"),
            filename(3, "2021-06-04")
        ]
    );
    for extra in [&[][..], &["--one-per-file"][..]] {
        let out_dir = util::workdir("newsletters-plain-posts-dew");
        let mut args = vec!["report", input, "--out", out_dir.to_str().unwrap(), "-q"];
        args.extend_from_slice(extra);
        let out = topictrend(&args);
        assert_eq!(out.status.code(), Some(1), "{extra:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("no issue left to report"),
            "{}",
            stderr(&out)
        );
    }
}

/// `--profile FILE`: the worked example of docs/PROFILES.md reads the digest kept as one
/// plain-text file, which the built-in profiles cannot split (`generic` finds no numbered
/// heading in it and reads the whole file as one post).
#[test]
fn a_profile_file_from_the_docs() {
    let profile = util::root().join("docs/profiles/analytics-digest.toml");
    let input = fixture("digest/digest.txt");
    let dir = report(
        "newsletters-cli-profile-file",
        &input,
        &["--profile", profile.to_str().unwrap()],
    );
    let want = expected_columns(expected("digest", "digest.txt"));
    assert_eq!(issue_columns(&dir), want);
    let whole = report(
        "newsletters-cli-digest-generic",
        &input,
        &["--profile", "generic"],
    );
    let issues = issue_columns(&whole);
    assert_eq!(issues.len(), 1, "{issues:?}");
    // Dated by its first line, the first issue's heading.
    assert_eq!(
        (issues[0].0, &*issues[0].1),
        (1, "2021-03-12"),
        "{issues:?}"
    );
}

#[test]
fn issues_of_another_newsletter_in_one_command() {
    let out = topictrend(&[
        "issues",
        &fixture("numbered/feed.xml"),
        "--profile",
        "generic",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", stderr(&out));
    let table: Vec<&str> = stdout.lines().collect();
    assert_eq!(table.len(), 6, "{stdout}");
    assert!(
        table[1]
            .trim_start()
            .starts_with("17  2021-02-02  metadata"),
        "{stdout}"
    );
    // The default profile skips every post: none has a Data Eng Weekly heading.
    let out = topictrend(&["issues", &fixture("numbered/feed.xml")]);
    assert!(
        stderr(&out).contains("is not a newsletter issue"),
        "{}",
        stderr(&out)
    );
}

/// A profile file that is not TOML, has a key of the wrong type, an unknown key or a bad
/// regex: exit 1, and the message names the file and the line.
#[test]
fn a_bad_profile_is_an_error_naming_its_file_and_line() {
    let dir = util::workdir("newsletters-bad-profile");
    for (k, (text, line, why)) in [
        (
            "name = \"weekly\"\n\n[issues]\nheadings = ['Weekly (']\n",
            4,
            "`issues.headings[0]`: regex parse error",
        ),
        (
            "name = \"weekly\"\n[issues\nnames = []\n",
            2,
            "unclosed table",
        ),
        (
            "name = \"weekly\"\n\n[dates]\nin_titles = \"yes\"\n",
            4,
            "invalid type: string \"yes\", expected a boolean",
        ),
        (
            "name = \"weekly\"\n[items]\nlayuot = \"blocks\"\n",
            3,
            "unknown field `layuot`",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let profile = dir.join(format!("weekly-{k}.toml"));
        std::fs::write(&profile, text).unwrap();
        let out = topictrend(&[
            "issues",
            &fixture("numbered/feed.xml"),
            "--profile",
            profile.to_str().unwrap(),
        ]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        let want = format!("profile {}:{line}: {why}", profile.display());
        assert!(err.contains(&want), "want `{want}` in {err}");
    }
}

/// `--profile NAME` naming neither a built-in profile nor a file is a usage error (exit 2)
/// listing the built-in profiles, given before any input is read.
#[test]
fn an_unknown_profile_name_is_a_usage_error() {
    let missing = util::workdir("newsletters-unknown-profile").join("no-such-archive");
    for sub in ["issues", "report", "kwic", "candidates"] {
        let mut args = vec![sub, missing.to_str().unwrap(), "--profile", "weekly"];
        if sub == "kwic" {
            args.insert(1, "Kafka");
        }
        let out = topictrend(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{sub}: {err}");
        assert!(
            err.contains("profile `weekly`: no built-in profile of that name (dew, generic)"),
            "{sub}: {err}"
        );
    }
}
