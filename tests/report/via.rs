//! Makers and link-only names reach the report (issue #17 item 1): `mentions.csv` marks them
//! in `via`, counts take them, co-mentions leave out a maker the item names only through its
//! product, and discovery off keeps them (they are lexicon names).

use crate::util;
use std::path::Path;

/// Rows of a report CSV as header-keyed maps.
fn rows(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).expect("csv opens");
    let head = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            head.iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Runs topictrend quietly with `args` and returns its stdout.
fn run_ok(args: &[&std::ffi::OsStr]) -> String {
    util::run_ok(&[args, &["-q".as_ref()]].concat())
}

fn report(dir: &Path, archive: &Path, discover: &str) -> std::path::PathBuf {
    let out = dir.join(format!("rep-{discover}"));
    let args = [
        "report".as_ref(),
        archive.as_os_str(),
        "--discover".as_ref(),
    ];
    run_ok(
        &[
            &args[..],
            &[discover.as_ref(), "--out".as_ref(), out.as_os_str()],
        ]
        .concat(),
    );
    out
}

/// One issue with makers (`Confluent Cloud` twice) and a link-only name (Uber, twice), in a
/// fresh folder `name`.
fn issue(name: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = util::workdir(name);
    let archive = dir.join("issue.txt");
    let text = "Data Eng Weekly #1\n\nThis week: streams.\n\n\
        Confluent Cloud now runs Kafka Streams apps.\n\n\
        Pricing for Confluent Cloud, and Kafka Streams tuning.\n\n\
        How we scaled Kafka Streams.\nhttps://eng.uber.com/scaling-streams/\n\n\
        Kafka Streams at scale, part two.\nhttps://eng.uber.com/streams-two/\n";
    std::fs::write(&archive, text).expect("write issue");
    (dir, archive)
}

#[test]
fn makers_and_link_names_are_mentions_with_their_via() {
    let (dir, archive) = issue("report-via");
    for discover in ["on", "off"] {
        let out = report(&dir, &archive, discover);
        let mentions = rows(&out.join("csv/mentions.csv"));
        let via = |entity: &str| -> Vec<(String, String, String, String)> {
            mentions
                .iter()
                .filter(|r| r["entity"] == entity)
                .map(|r| {
                    let f = |k: &str| r[k].clone();
                    (f("via"), f("surface"), f("start"), f("end"))
                })
                .collect()
        };
        let maker =
            |s: &str, e: &str| ("maker".into(), "Confluent Cloud".into(), s.into(), e.into());
        assert_eq!(
            via("Confluent"),
            [maker("0", "15"), maker("12", "27")],
            "discover {discover}"
        );
        let link = (
            "link".to_string(),
            "eng.uber.com".to_string(),
            "0".to_string(),
            "0".to_string(),
        );
        assert_eq!(via("Uber"), [link.clone(), link], "discover {discover}");
        assert!(via("Confluent Cloud").iter().all(|r| r.0 == "text"));

        // Counted like any mention: Confluent in 2 article items, Uber in 2.
        let frequency = rows(&out.join("csv/frequency.csv"));
        let items = |e: &str| {
            frequency
                .iter()
                .find(|r| r["entity"] == e)
                .map(|r| r["items"].clone())
        };
        assert_eq!(items("Confluent").as_deref(), Some("2"));
        assert_eq!(items("Uber").as_deref(), Some("2"));

        // Co-mentions: the link-only Uber pairs with Kafka Streams, the maker-only Confluent
        // pairs with nothing (its product does).
        let pairs: Vec<(String, String)> = rows(&out.join("csv/comentions.csv"))
            .iter()
            .map(|r| (r["entity_a"].clone(), r["entity_b"].clone()))
            .collect();
        let has = |a: &str, b: &str| pairs.contains(&(a.to_string(), b.to_string()));
        assert!(has("Confluent Cloud", "Kafka Streams"), "{pairs:?}");
        assert!(has("Kafka Streams", "Uber"), "{pairs:?}");
        assert!(
            pairs
                .iter()
                .all(|(a, b)| a != "Confluent" && b != "Confluent"),
            "{pairs:?}"
        );
    }
}

/// A link names the entity a merger makes of the text's name: after Hortonworks merged into
/// Cloudera (2019-01-03, `history.csv`), a blurb naming Hortonworks over a cloudera.com link
/// is one Cloudera row (text), and two links that both mean Cloudera are one link row.
#[test]
fn link_rows_compare_entities_after_mergers() {
    let dir = util::workdir("report-via-merged");
    let archive = dir.join("issue.txt");
    let text = "Data Eng Weekly #300\nMarch 3, 2019\n\nThis week: platforms.\n\n\
        Hortonworks writes about the Data Platform roadmap.\nhttps://blog.cloudera.com/roadmap/\n\n\
        Notes from the vendor on Hadoop upgrades.\nhttps://hortonworks.com/blog/upgrades/\n\
        https://www.cloudera.com/blog/upgrades/\n";
    std::fs::write(&archive, text).expect("write issue");
    let out = report(&dir, &archive, "off");
    let cloudera: Vec<(String, String, String)> = rows(&out.join("csv/mentions.csv"))
        .iter()
        .filter(|r| r["entity"] == "Cloudera")
        .map(|r| (r["item"].clone(), r["via"].clone(), r["surface"].clone()))
        .collect();
    let row = |i: &str, v: &str, s: &str| (i.to_string(), v.to_string(), s.to_string());
    assert_eq!(
        cloudera,
        [
            row("1", "text", "Hortonworks"),
            row("2", "link", "hortonworks.com")
        ]
    );
}

/// `kwic` shows every row the report counts: a maker marked as one, a name only in a link as
/// its link (before, `kwic Uber` printed no line for the two items the report counts).
#[test]
fn kwic_shows_maker_and_link_rows() {
    let (_dir, archive) = issue("report-via-kwic");
    let kwic = |entity: &str| run_ok(&["kwic".as_ref(), entity.as_ref(), archive.as_os_str()]);
    let uber = kwic("Uber");
    assert_eq!(uber.lines().count(), 2, "{uber}");
    assert!(
        uber.contains("only in a link: https://eng.uber.com/scaling-streams/"),
        "{uber}"
    );
    let confluent = kwic("Confluent");
    assert_eq!(confluent.lines().count(), 2, "{confluent}");
    assert!(
        confluent.contains("[Confluent Cloud]")
            && confluent.contains("(maker of the product named)"),
        "{confluent}"
    );
}
