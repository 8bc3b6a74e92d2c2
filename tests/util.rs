//! Shared helpers for integration tests: paths to the project's data and a scratch folder.

#![allow(dead_code)]

pub mod files;

use std::path::{Path, PathBuf};
use topictrend::corpus::{Corpus, Issue, Item};

/// The project root (where Cargo.toml is).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `data/corpus`, the embedded default archive.
pub fn default_corpus() -> PathBuf {
    root().join("data/corpus")
}

/// `data/lexicon`, the default lexicon.
pub fn default_lexicon() -> PathBuf {
    root().join("data/lexicon")
}

/// A fresh, empty scratch folder unique to `name`, under the target dir.
pub fn workdir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("work")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// Path of the built `topictrend` binary.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_topictrend"))
}

/// Runs the built binary with `args`, asserts it succeeded (else fails with its stderr) and
/// returns its stdout.
pub fn run_ok<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> String {
    let out = std::process::Command::new(bin())
        .args(args)
        .output()
        .expect("run topictrend");
    assert!(
        out.status.success(),
        "{:?}: {}",
        args.iter().map(|a| a.as_ref()).collect::<Vec<_>>(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of item `item` of issue `issue` (indexes into `corpus.issues` and its items),
/// read through the public accessor, wherever the corpus keeps it.
pub fn text(corpus: &Corpus, issue: usize, item: usize) -> String {
    let issue = &corpus.issues[issue];
    item_text(corpus, issue, &issue.items[item])
}

/// The texts of the items of issue `issue` (an index into `corpus.issues`), in order.
pub fn texts(corpus: &Corpus, issue: usize) -> Vec<String> {
    (0..corpus.issues[issue].items.len())
        .map(|item| text(corpus, issue, item))
        .collect()
}

/// The text of `item` of `issue`, both held by `corpus`, read through its item cursor.
pub fn item_text(corpus: &Corpus, issue: &Issue, item: &Item) -> String {
    let mut items = corpus.items();
    let text = items.text(issue.number, item.index);
    text.expect("item text").to_string()
}
