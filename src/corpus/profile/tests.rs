//! Profiles: the shipped ones compile, a user's file extends them, and every mistake is an
//! error naming the file, the line and the key.

use super::*;

fn error(text: &str) -> String {
    match Profile::from_toml("my.toml", text) {
        Ok(_) => panic!("compiled: {text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn built_in_profiles_compile() {
    for name in BUILT_IN {
        let p = Profile::named(name).unwrap();
        assert_eq!(p.name(), *name);
        assert!(!p.description().is_empty());
        assert_eq!(p.origin(), format!("built-in profile {name}"));
    }
    assert!(Profile::named("nope").is_none());
    let dew = Profile::dew();
    assert_eq!(dew.unnumbered, Unnumbered::Skip);
    assert!(dew.listing.is_some() && dew.banner.is_some());
    let generic = Profile::generic();
    assert_eq!(generic.layout, Layout::Blocks);
    assert!(generic.listing.is_none() && generic.banner.is_none());
}

#[test]
fn a_file_extends_a_built_in_profile() {
    let p = Profile::from_toml(
        "digest.toml",
        r#"name = "digest"
[issues]
names = ["The Analytics Digest"]
headings = ['{name}\b']
after_heading = "title"
"#,
    )
    .unwrap();
    // Unset keys are generic's.
    assert_eq!((p.name(), p.layout), ("digest", Layout::Blocks));
    assert!(p
        .banner
        .as_ref()
        .unwrap()
        .is_match("  the analytics  DIGEST "));
    assert_eq!(p.precheck.first_bytes().as_deref(), Some(&b"Tt"[..]));
    let dew = Profile::from_toml("d.toml", "extends = \"dew\"\nname = \"mine\"\n").unwrap();
    assert_eq!((dew.name(), dew.layout), ("mine", Layout::Paragraphs));
}

#[test]
fn mistakes_name_the_file_line_and_key() {
    assert_eq!(
        error("name = \"x\"\n[issues]\nhedings = []\n"),
        "my.toml:3: unknown field `hedings`, expected one of `names`, `headings`, `after_heading`, `max_digits`, `title_numbers`, `unnumbered`"
    );
    let e = error("name = \"x\"\n[issues]\nheadings = ['(unclosed {number}']\n");
    assert!(
        e.starts_with("my.toml:3: `issues.headings[0]`: regex parse error"),
        "{e}"
    );
    let e = error("[issues]\nheadings = ['{name} {number}']\n");
    assert_eq!(
        e,
        "my.toml:2: `issues.headings[0]`: uses {name} but `issues.names` is empty"
    );
    let e = error("extends = \"dew\"\n[issues]\nheadings = ['issue']\n");
    assert!(
        e.starts_with("my.toml:3: `issues.headings[0]`: no {number}"),
        "{e}"
    );
    let e = error("[issues]\nmax_digits = 12\n");
    assert_eq!(e, "my.toml:2: `issues.max_digits` must be 1 to 9");
    let e = error("[issues]\ntitle_numbers = ['issue']\n");
    assert_eq!(
        e,
        "my.toml:2: `issues.title_numbers[0]`: needs {number} exactly once"
    );
    let e = error("[items]\nlayout = \"columns\"\n");
    assert!(e.starts_with("my.toml:2: unknown variant `columns`"), "{e}");
    let e = error("[listings]\ntail = '- (?P<day>\\d+)'\n");
    assert_eq!(
        e,
        "my.toml:2: `listings.tail` has no group `(?P<weekday>...)`"
    );
    let e = error("extends = \"weekly\"\n");
    assert!(
        e.starts_with("my.toml: `extends = \"weekly\"`: no built-in profile"),
        "{e}"
    );
    assert!(error("name = [").starts_with("my.toml:1: "));
}

#[test]
fn choices() {
    let load = |arg: &str| ProfileChoice::from_arg(Some(arg)).load();
    assert_eq!(load("generic").unwrap().name(), "generic");
    assert_eq!(ProfileChoice::default().load().unwrap().name(), "dew");
    let e = load("no-such-profile.toml").unwrap_err();
    assert!(e.is_usage());
    assert_eq!(
        e.to_string(),
        "`no-such-profile.toml`: no built-in profile of that name (dew, generic) and no such file"
    );
}
