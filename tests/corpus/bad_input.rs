//! Bad inputs named in issue 2 (non-UTF-8, empty, no heading, duplicates, unreadable
//! folders, missing paths): each is an error naming the file, or a warning, never a panic.

use super::load;
use crate::util;
use std::path::{Path, PathBuf};
use std::slice::from_ref;
use topictrend::corpus::{parse_listing, parse_markdown, parse_text, CorpusError};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn non_utf8_decodes_lossily_and_warns_once() {
    let dir = util::workdir("corpus-non-utf8");
    let mut bytes = b"Issue #1\n\nCaf\xe9 and more \xff bytes.\n\nIssue #2\n\nFine.\n".to_vec();
    bytes.extend_from_slice(b"\nBad again \xfe\n");
    let file = write(&dir, "latin1.txt", &bytes);
    let corpus = load(from_ref(&file)).unwrap();
    assert_eq!(corpus.issues.len(), 2);
    assert_eq!(corpus.warnings.len(), 1, "{:?}", corpus.warnings);
    let w = &corpus.warnings[0];
    assert_eq!((w.file.as_path(), w.line), (file.as_path(), 3));
    assert!(w.message.contains("byte offset 13"), "{}", w.message);
    assert_eq!(
        util::text(&corpus, 0, 0),
        "Caf\u{fffd} and more \u{fffd} bytes."
    );
    assert_eq!(corpus.skipped, 0);
    assert_eq!(corpus.bytes, bytes.len() as u64);
}

#[test]
fn empty_file_and_file_without_heading_are_errors() {
    let dir = util::workdir("corpus-empty");
    for (name, bytes) in [("empty.txt", &b""[..]), ("blank.md", &b"\n  \n"[..])] {
        let file = write(&dir, name, bytes);
        let err = load(from_ref(&file)).unwrap_err();
        assert!(
            matches!(err, CorpusError::Empty { ref path } if *path == file),
            "{err}"
        );
        assert!(err.to_string().contains(name), "{err}");
    }
    let file = write(&dir, "prose.txt", b"Just some prose.\n\nNo heading here.\n");
    let err = load(&[file]).unwrap_err();
    assert!(matches!(err, CorpusError::NoIssues { .. }), "{err}");
    assert!(
        err.to_string().contains("prose.txt: no issue heading"),
        "{err}"
    );
}

#[test]
fn duplicate_issue_numbers_name_both_places() {
    let dir = util::workdir("corpus-dup");
    let a = write(&dir, "a.txt", b"Issue #7\n\nOne.\n");
    let b = write(
        &dir,
        "b.txt",
        b"Intro line\n\nIssue #8\n\nTwo.\n\nData Eng Weekly #7\n\nThree.\n",
    );
    let err = load(from_ref(&dir)).unwrap_err();
    let expected = format!(
        "issue #7 appears twice: {}:1 and {}:7",
        a.display(),
        b.display()
    );
    assert_eq!(err.to_string(), expected);
    let within = write(&dir, "c/within.txt", b"Issue #9\nA.\nIssue #9\nB.\n");
    let err = load(from_ref(&within)).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("issue #9 appears twice: {0}:1 and {0}:3", within.display())
    );
}

#[test]
fn folders_paths_and_formats() {
    let dir = util::workdir("corpus-folders");
    write(&dir, "none/notes.pdf", b"%PDF");
    write(&dir, "none/.hidden.txt", b"Issue #1\nHidden.\n");
    let err = load(&[dir.join("none")]).unwrap_err();
    assert!(matches!(err, CorpusError::NothingReadable { .. }), "{err}");
    let missing = dir.join("no-such-dir");
    let err = load(from_ref(&missing)).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{}: no such file or folder", missing.display())
    );
    // A folder mixes formats; a file in it that holds no issue is skipped and counted (the
    // rest is still read); named directly, it is an error.
    write(&dir, "mixed/a.txt", b"Issue #1\n\nHello.\n");
    write(&dir, "mixed/b.html", b"<h1>Issue #2</h1><p>Hi.</p>");
    let page = write(&dir, "mixed/c.html", b"<html><p>About us</p></html>");
    let corpus = load(&[dir.join("mixed")]).unwrap();
    assert_eq!(
        (corpus.issues.len(), corpus.skipped, corpus.warnings.len()),
        (2, 1, 1)
    );
    let err = load(&[page]).unwrap_err();
    assert!(matches!(err, CorpusError::NoIssues { .. }), "{err}");
}

#[test]
fn never_panics_on_odd_input() {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let pieces = [
        "Issue #",
        "1",
        "\n",
        "\r",
        " ",
        "(",
        ")",
        " - ",
        "Monday",
        "May",
        "31",
        "#",
        "*",
        "[",
        "](",
        "\u{fffd}",
        "Data Eng Weekly",
        "http://x",
        "\\",
        "_",
        "…",
        "Sponsors",
        "\u{feff}",
        "99999999999",
    ];
    for _ in 0..2000 {
        let mut text = String::new();
        for _ in 0..(seed % 40) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        let mut w = Vec::new();
        let _ = parse_text(Path::new("f.txt"), &text, &mut w);
        let _ = parse_markdown(Path::new("f.md"), &text, &mut w);
        let _ = parse_listing(&text);
    }
}

#[test]
fn issues_command_prints_the_table() {
    let out = std::process::Command::new(util::bin())
        .arg("issues")
        .arg(util::default_corpus())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with("issue  date        date_source  intro  article"),
        "{stdout}"
    );
    assert!(stdout.contains("  330  2019-11-17  events "), "{stdout}");
    let out = std::process::Command::new(util::bin())
        .args(["issues", "no/such/path"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/path: no such file or folder"));
}
