//! Lexicon loading, lookups and bad input (each a clear error naming file and line, never a
//! panic), and the curator commands `lexicon check`, `kwic` and `candidates` end to end.

use crate::util;
use std::path::{Path, PathBuf};
use std::process::Command;
use topictrend::lexicon::{self, Category, FindingKind, LexiconError};

fn basic() -> PathBuf {
    util::root().join("tests/fixtures/lexicon/basic")
}

/// A copy of the basic fixture with `file` replaced by `content`.
fn variant(name: &str, file: &str, content: &str) -> PathBuf {
    let dir = util::workdir(&format!("lexicon-{name}"));
    for table in ["technologies.csv", "organisations.csv", "cities.csv"] {
        std::fs::copy(basic().join(table), dir.join(table)).expect("copy fixture");
    }
    std::fs::write(dir.join(file), content).expect("write variant");
    dir
}

const TECH_HEAD: &str = "name,topic,aliases,case,parent,context,notes\n";
const CITY_HEAD: &str = "name,country,continent,metro,aliases,notes\n";

#[test]
fn lexicon_fixture_loads_with_lookups() {
    let lex = lexicon::load(&basic()).expect("fixture loads");
    assert_eq!(lex.count(Category::Technology), 16);
    assert_eq!(lex.count(Category::Organisation), 6);
    assert_eq!(lex.count(Category::City), 6);
    let kafka = lex.by_name("kafka").expect("Kafka by name");
    let streams = lex.by_name("KAFKA STREAMS").expect("Kafka Streams by name");
    assert_eq!(lex.entity(streams).parent, Some(kafka));
    assert_eq!(lex.root(streams), kafka);
    assert_eq!(lex.by_alias("delta").len(), 2);
    assert_eq!(
        lex.lookup("amudsen"),
        vec![lex.by_name("Amundsen").unwrap()]
    );
    let name = |place: &str| lex.resolve_place(place).map(|id| lex.name(id).to_string());
    assert_eq!(name("Sao Paulo").as_deref(), Some("São Paulo"));
    assert_eq!(name("SÃO PAULO").as_deref(), Some("São Paulo"));
    assert_eq!(name("Unterfohring").as_deref(), Some("Unterföhring"));
    assert_eq!(name("Tel Aviv-Yafo").as_deref(), Some("Tel Aviv"));
    assert_eq!(name("Brno-stred").as_deref(), Some("Brno"));
    assert_eq!(name("Atlantis"), None);
    let e = lex.entity(lex.by_name("Docklands").unwrap());
    assert_eq!(
        (e.country.as_deref(), e.topic.as_str(), e.metro.as_deref()),
        (Some("Australia"), "Oceania", Some("Melbourne"))
    );
}

/// (name, file, content, line, message fragment).
const BAD: &[(&str, &str, &str, u32, &str)] = &[
    ("bad-header", "technologies.csv", "name,topic,alias\nKafka,streaming,\n", 1, "unknown column `alias`"),
    ("missing-column", "cities.csv", "name,country,continent,aliases,notes\n", 1, "lacks column(s) metro"),
    ("cells", "technologies.csv", "name,topic,aliases,case,parent,context,notes\nKafka,streaming\n", 2, "expected 7 cells"),
    ("empty-name", "technologies.csv", "name,topic,aliases,case,parent,context,notes\n,streaming,,,,,\n", 2, "empty name"),
    ("empty-alias", "technologies.csv", "name,topic,aliases,case,parent,context,notes\nKafka,streaming,Apache Kafka||,,,,\n", 2, "empty alias"),
    ("topic", "technologies.csv", "name,topic,aliases,case,parent,context,notes\nKafka,messaging,,,,,\n", 2, "unknown topic `messaging`"),
    ("org-topic", "organisations.csv", "name,topic,aliases,case,parent,context,notes\nLyft,streaming,,,,,\n", 2, "unknown topic"),
    ("case", "technologies.csv", "name,topic,aliases,case,parent,context,notes\nKafka,streaming,,exact,,,\n", 2, "unknown case `exact`"),
    ("rule", "technologies.csv", "name,topic,aliases,case,parent,context,notes\nKafka,streaming,,,,close:A,\n", 2, "unknown context rule"),
    ("continent", "cities.csv", "name,country,continent,metro,aliases,notes\nParis,France,Eurasia,,,\n", 2, "unknown continent"),
    ("country", "cities.csv", "name,country,continent,metro,aliases,notes\nParis,,Europe,,,\n", 2, "has no country"),
    ("parent", "technologies.csv", "name,topic,aliases,case,parent,context,notes\nKafka Streams,streaming,,,Kafak,,\n", 2, "parent `Kafak`"),
    (
        "cycle",
        "technologies.csv",
        "name,topic,aliases,case,parent,context,notes\nA,other,,,B,,\nB,other,,,C,,\nC,other,,,A,,\n",
        2,
        "parent cycle: A -> B -> C -> A",
    ),
    ("self-parent", "technologies.csv", "name,topic,aliases,case,parent,context,notes\nA,other,,,A,,\n", 2, "parent cycle: A -> A"),
    (
        "collision",
        "technologies.csv",
        "name,topic,aliases,case,parent,context,notes\nDelta (Netflix),streaming,Delta,,,,\nDelta Lake,storage and formats,delta,,,,\n",
        3,
        "`delta` is claimed by `Delta (Netflix)` (technologies.csv:2) and `Delta Lake`",
    ),
    (
        "same-guards",
        "technologies.csv",
        "name,topic,aliases,case,parent,context,notes\nDelta A,other,Delta,,,near:x,\nDelta B,other,Delta,,,near:x,\n",
        3,
        "with the same guards",
    ),
    ("duplicate", "organisations.csv", "name,topic,aliases,case,parent,context,notes\nKafka,company,,,,,\n", 2, "duplicate name `Kafka`"),
    ("city-collision", "cities.csv", "name,country,continent,metro,aliases,notes\nSão Paulo,Brazil,South America,,,\nSao Paulo,Brazil,South America,,,\n", 3, "claimed by"),
    ("quote", "technologies.csv", "name,topic,aliases,case,parent,context,notes\nKafka,\"streaming,,,,,\n", 2, "expected 7 cells"),
];

#[test]
fn lexicon_bad_rows_name_file_and_line() {
    let mut failures = Vec::new();
    for (name, file, content, line, fragment) in BAD {
        let dir = variant(name, file, content);
        match lexicon::load(&dir) {
            Err(LexiconError::Row {
                file: f,
                line: l,
                message,
            }) => {
                let ok = f.ends_with(file) && l == *line && message.contains(fragment);
                if !ok {
                    failures.push(format!("{name}: got {}:{l}: {message}", f.display()));
                }
            }
            other => failures.push(format!("{name}: expected a row error, got {other:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn lexicon_check_collects_errors_and_findings() {
    let tech = format!("{TECH_HEAD}Kafka,streaming,,,Nope,,\nAirflow,orchestration,Apache Airflow|apache airflow,,,,\nBeam,messaging,,,,,\n");
    let dir = variant("collect", "technologies.csv", &tech);
    let checked = lexicon::check(&dir).expect("readable");
    assert_eq!(checked.errors.len(), 2, "{:?}", checked.errors);
    let kinds: Vec<FindingKind> = checked.findings.iter().map(|f| f.kind).collect();
    assert!(kinds.contains(&FindingKind::Redundant), "{kinds:?}");
    assert!(kinds.contains(&FindingKind::Unsorted), "{kinds:?}");
    let missing = util::workdir("lexicon-missing");
    assert!(matches!(
        lexicon::load(&missing),
        Err(LexiconError::Io { .. })
    ));
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(util::bin())
        .args(args)
        .current_dir(util::root())
        .output()
        .expect("run topictrend");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (
        out.status.code().unwrap_or(-1),
        text(&out.stdout),
        text(&out.stderr),
    )
}

fn arg(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn lexicon_check_command() {
    let lex = arg(&basic());
    let (code, out, _) = run(&["lexicon", "check", "--lexicon", &lex]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("overlap") && out.contains("`Delta` is claimed by"),
        "{out}"
    );
    assert!(
        out.contains("never matched in the archive (technology, 2):\n  C++, Node.js"),
        "{out}"
    );
    assert!(
        out.contains("unresolved meetup places (") && out.contains("  Antwerpen: #330 item"),
        "{out}"
    );
    assert!(out.contains("technology           16"), "{out}");
    let bad = variant(
        "cmd",
        "cities.csv",
        &format!("{CITY_HEAD}Paris,France,Europa,,,\n"),
    );
    let (code, out, err) = run(&["lexicon", "check", "--lexicon", &arg(&bad)]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("cities.csv:2: unknown continent `Europa`"),
        "{out}"
    );
    assert!(err.contains("the lexicon has 1 error(s)"), "{err}");
}

#[test]
fn lexicon_kwic_and_candidates_commands() {
    let lex = arg(&basic());
    let (code, out, _) = run(&["kwic", "DELTA", "--lexicon", &lex, "--width", "20", "-q"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("#327  article    3  etflix writes about [Delta], their system for s  (Delta (Netflix))"), "{out}");
    assert_eq!(out.lines().count(), 5, "{out}");
    let (code, _, err) = run(&["kwic", "Amundsn", "--lexicon", &lex]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("unknown entity `Amundsn`; did you mean: Amundsen"),
        "{err}"
    );
    let (code, out, _) = run(&["candidates", "--lexicon", &lex, "--top", "200", "-q"]);
    assert_eq!(code, 0, "{out}");
    let names: Vec<&str> = out
        .lines()
        .skip(1)
        // The candidate column: after rank, conf, category, issues and mentions.
        .filter_map(|l| l.get(45..73))
        .map(str::trim)
        .collect();
    assert!(
        names.contains(&"Mantis") && out.contains("#328 line 146: "),
        "{out}"
    );
    for known_or_common in [
        "Lyft",
        "Kafka",
        "November",
        "Tuesday",
        "The",
        "Apache Kafka",
    ] {
        assert!(
            !names.contains(&known_or_common),
            "{known_or_common} in {out}"
        );
    }
}
