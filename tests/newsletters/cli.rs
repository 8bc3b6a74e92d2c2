//! `--profile` and `--one-per-file` on the real binary: the issue table of another
//! newsletter in one command, and a bad profile file named with its line, before any input
//! is read.

use crate::util;
use std::process::Command;

fn topictrend(args: &[&str]) -> std::process::Output {
    Command::new(util::bin())
        .args(args)
        .output()
        .expect("run topictrend")
}

fn fixture(path: &str) -> String {
    let path = util::root().join("tests/fixtures/newsletters").join(path);
    path.to_string_lossy().into_owned()
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
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is not a newsletter issue"), "{stderr}");
    let out = topictrend(&[
        "issues",
        &fixture("digest/pages"),
        "--profile",
        "generic",
        "--one-per-file",
        "-q",
    ]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 7);
}

#[test]
fn a_bad_profile_is_an_error_naming_its_file_and_line() {
    let dir = util::workdir("newsletters-bad-profile");
    let profile = dir.join("weekly.toml");
    std::fs::write(
        &profile,
        "name = \"weekly\"\n\n[issues]\nheadings = ['Weekly (']\n",
    )
    .unwrap();
    let out = topictrend(&[
        "issues",
        &fixture("numbered/feed.xml"),
        "--profile",
        profile.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let want = format!(
        "profile {}:4: `issues.headings[0]`: regex parse error",
        profile.display()
    );
    assert!(stderr.contains(&want), "{stderr}");
    let out = topictrend(&["issues", "--profile", "weekly"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("weekly: no such profile file, and no built-in profile of that name (built-in: dew, generic)"), "{stderr}");
}
