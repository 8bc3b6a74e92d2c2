//! The report folder is replaced as a whole (issue #16 A, E, F, G, M): a run that reads no
//! issue writes nothing, a killed run leaves the old report or the new one, complete, files of
//! earlier runs never survive, a report inside the input folder is not read back, and a
//! folder the tool did not write is never deleted without `--force`.

use super::files;
use crate::util;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

fn run(args: &[&str]) -> Output {
    Command::new(util::bin())
        .args(args)
        .output()
        .expect("run topictrend")
}

fn ok(args: &[&str]) {
    let out = run(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {err}");
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// Names in `dir` other than `keep`, which a finished run must not leave (staging folders).
fn strays(dir: &Path, keep: &[&str]) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !keep.contains(&n.as_str()))
        .collect()
}

#[test]
fn a_run_that_reads_no_issue_writes_nothing() {
    let dir = util::workdir("whole-empty");
    let rep = dir.join("rep");
    ok(&["report", "--out", s(&rep), "-q"]);
    let before = files(&rep);
    // The default archive read as a feed: its one file is skipped.
    let out = run(&["report", "--input-format", "feed", "--out", s(&rep)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no issue left to report, nothing written"),
        "{err}"
    );
    assert!(err.contains("data-eng-weekly-326-330.txt"), "{err}");
    // A folder holding only a file that is no newsletter.
    let junk = dir.join("junk");
    std::fs::create_dir_all(&junk).expect("mkdir");
    std::fs::write(junk.join("notes.txt"), "shopping list\n").expect("write");
    let out = run(&["report", s(&junk), "--out", s(&rep), "-q"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(files(&rep) == before, "the old report is untouched");
    assert_eq!(strays(&dir, &["rep", "junk"]), Vec::<String>::new());
}

#[test]
fn files_of_an_earlier_run_do_not_survive() {
    let dir = util::workdir("whole-stale");
    let rep = dir.join("rep");
    ok(&["report", "--year", "2019", "--out", s(&rep), "-q"]);
    assert!(rep.join("review-2019.md").exists());
    ok(&["report", "--out", s(&rep), "-q"]);
    assert!(!rep.join("review-2019.md").exists(), "stale review left");
    let golden = files(&util::root().join("reports"));
    assert!(
        files(&rep) == golden,
        "the second run's folder is exactly its report"
    );
}

#[test]
fn a_report_inside_the_input_folder_is_not_read_back() {
    let dir = util::workdir("whole-inside");
    let arch = dir.join("arch");
    std::fs::create_dir_all(&arch).expect("mkdir");
    let issues = util::default_corpus().join("data-eng-weekly-326-330.txt");
    std::fs::copy(&issues, arch.join("issues.txt")).expect("copy");
    let rep = arch.join("reports");
    ok(&["report", s(&arch), "--out", s(&rep), "-q"]);
    let first = files(&rep);
    ok(&["report", s(&arch), "--out", s(&rep), "-q"]);
    assert!(
        files(&rep) == first,
        "the second run reads the same archive"
    );
}

#[test]
fn a_folder_the_tool_did_not_write_is_refused_unless_forced() {
    let dir = util::workdir("whole-refuse");
    let notes = dir.join("notes");
    std::fs::create_dir_all(&notes).expect("mkdir");
    std::fs::write(notes.join("README.md"), "my notes\n").expect("write");
    let out = run(&["report", "--out", s(&notes), "-q"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not a topictrend report") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(notes.join("README.md")).expect("kept"),
        b"my notes\n"
    );
    let file = dir.join("file.md");
    std::fs::write(&file, "x").expect("write");
    let out = run(&["report", "--out", s(&file), "-q"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("is a file") && !err.contains("File exists"),
        "{err}"
    );
    ok(&["report", "--out", s(&notes), "--force", "-q"]);
    assert!(!notes.join("README.md").exists() && notes.join("report.md").exists());
    assert_eq!(strays(&dir, &["notes", "file.md"]), Vec::<String>::new());
}

fn copy_dir(from: &Path, to: &Path) {
    for (rel, bytes) in files(from) {
        let path = to.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
}

/// SIGKILL at many moments of a run: the folder always holds the old report or the new one,
/// byte for byte, and the next run removes what the killed one left.
#[test]
fn a_killed_run_leaves_the_old_report_or_the_new_one() {
    let dir = util::workdir("whole-kill");
    let archive = dir.join("archive.txt");
    ok(&["synth", "--megabytes", "1", "--out", s(&archive), "-q"]);
    let (old, new, rep) = (dir.join("old"), dir.join("new"), dir.join("rep"));
    ok(&["report", "--out", s(&old), "-q"]);
    let started = std::time::Instant::now();
    ok(&["report", s(&archive), "--out", s(&new), "-q"]);
    // The last delay is twice a whole run as this machine runs it now (a loaded machine runs
    // a debug build several times slower), so one kill lands after the commit.
    let whole_run = started.elapsed().as_millis() as u64;
    let (old, new): (BTreeMap<_, _>, BTreeMap<_, _>) = (files(&old), files(&new));
    assert!(old != new);
    let mut seen = [0; 2];
    for delay_ms in [0, 60, 150, 300, 500, 800, 3000, 2 * whole_run] {
        let _ = std::fs::remove_dir_all(&rep);
        copy_dir(&dir.join("old"), &rep);
        let mut child = Command::new(util::bin())
            .args(["report", s(&archive), "--out", s(&rep), "-q"])
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = files(&rep);
        match (now == old, now == new) {
            (true, _) => seen[0] += 1,
            (_, true) => seen[1] += 1,
            _ => panic!("killed after {delay_ms} ms: the folder is neither report"),
        }
    }
    assert!(
        seen[0] > 0 && seen[1] > 0,
        "kills before and after the commit: {seen:?}"
    );
    ok(&["report", "--out", s(&rep), "-q"]);
    assert_eq!(
        strays(&dir, &["archive.txt", "old", "new", "rep"]),
        Vec::<String>::new()
    );
}
