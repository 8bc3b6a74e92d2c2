//! Tests: the report is the same bytes with the item texts moved to the corpus' scratch file
//! (read back for the mention frame and `items.csv`), in every input format and under a
//! profile that numbers issues by date. Unit tests, not under `tests/`, because the budget
//! of texts kept in memory is no public option: `corpus::keeping` sets it for the loads of
//! the calling thread, which the report's is.

use crate::config::Config;
use crate::corpus::{self, ProfileChoice};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The integration tests' reader of a report folder's files.
#[path = "../../tests/util/files.rs"]
mod files;
use files::files;

/// A fresh, empty folder unique to this process and `name`.
fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("topictrend-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// The report of `input` (under `profile`, if given) with the built-in lexicon folder, its
/// texts kept in memory or, with `spill`, every one moved to the scratch file.
fn report(input: &Path, profile: Option<&str>, spill: bool) -> BTreeMap<String, Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = workdir(&format!("spilled-{spill}"));
    let mut config =
        Config::with_defaults(vec![input.into()], root.join("data/lexicon"), out.clone());
    if profile.is_some() {
        config.input.load.profile = ProfileChoice::from_arg(profile);
    }
    let run = || crate::cmd::write_report(&config);
    let written = if spill {
        corpus::keeping(0, run)
    } else {
        run()
    };
    written.unwrap_or_else(|e| panic!("{}: {e}", input.display()));
    let report = files(&out);
    let _ = std::fs::remove_dir_all(&out);
    report
}

/// Spilled or not, every output byte is the same and no scratch file is left in the output
/// folder: for the default corpus as one file per issue (five batches, each moved as it
/// comes), every format's fixture, and the newsletter fixtures under `generic` (the texts
/// wait, with the issues, for their numbers: the store takes them in the load's last batch).
#[test]
fn spilled_item_texts_give_the_same_report() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let split = workdir("spilled-input");
    let text = std::fs::read_to_string(root.join("data/corpus/data-eng-weekly-326-330.txt"))
        .expect("default corpus");
    let mut issues: Vec<String> = Vec::new();
    for line in text.split_inclusive('\n') {
        match issues.last_mut() {
            Some(issue) if !line.starts_with("Data Eng Weekly #") => issue.push_str(line),
            _ => issues.push(line.to_string()),
        }
    }
    assert_eq!(issues.len(), 5);
    for (k, issue) in issues.iter().enumerate() {
        std::fs::write(split.join(format!("issue-{k}.txt")), issue).expect("write issue");
    }
    let mut inputs = vec![(split.clone(), None)];
    let formats = ["feed", "markdown", "pages", "plain", "substack", "zip"];
    inputs.extend(formats.map(|f| (root.join("tests/fixtures/formats").join(f), None)));
    let newsletters = [
        "numbered/feed.xml",
        "numbered/substack",
        "digest/atom.xml",
        "digest/pages",
        "blog/posts",
    ];
    let shapes = root.join("tests/fixtures/newsletters");
    inputs.extend(newsletters.map(|n| (shapes.join(n), Some("generic"))));
    for (input, profile) in inputs {
        let kept = report(&input, profile, false);
        assert!(kept["csv/items.csv"].len() > 1000, "{}", input.display());
        assert!(kept == report(&input, profile, true), "{}", input.display());
    }
    let _ = std::fs::remove_dir_all(split);
}
