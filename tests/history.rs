//! `history.csv`: renames (a former name is matched as the entity) and mergers (from the
//! merger's date, mentions count for the entity merged into), bad rows named by file and line,
//! and a lexicon folder without the table.

use crate::util;
use std::path::PathBuf;
use topictrend::date::Date;
use topictrend::lexicon::{self, ChangeKind};

/// The basic fixture with `history` as its history.csv.
fn with_history(name: &str, history: &str) -> PathBuf {
    let dir = util::workdir(&format!("history-{name}"));
    let basic = util::root().join("tests/fixtures/lexicon/basic");
    for table in ["technologies.csv", "organisations.csv", "cities.csv"] {
        std::fs::copy(basic.join(table), dir.join(table)).expect("copy fixture");
    }
    std::fs::write(dir.join("history.csv"), history).expect("write history");
    dir
}

const HEAD: &str = "name,change,other,date,notes\n";

#[test]
fn a_former_name_is_matched_as_the_entity() {
    let dir = with_history(
        "rename",
        &format!("{HEAD}Kafka,renamed_from,Wallaroo Queue,2015-06,\n"),
    );
    let lex = lexicon::load(&dir).expect("loads");
    let kafka = lex.by_name("Kafka").expect("Kafka");
    assert_eq!(lex.lookup("wallaroo queue"), vec![kafka]);
    let change = lex.changes_of(kafka).next().expect("one change");
    assert_eq!(
        change.kind,
        ChangeKind::RenamedFrom("Wallaroo Queue".into())
    );
    assert_eq!(Some(change.date), Date::from_ymd(2015, 6, 1));
}

#[test]
fn a_merged_entity_counts_for_its_new_home_from_the_merger_on() {
    let dir = with_history(
        "merge",
        &format!(
            "{HEAD}Spark,merged_into,Kafka,2019-01-03,\nKafka,merged_into,Airflow,2020-01-01,\n"
        ),
    );
    let lex = lexicon::load(&dir).expect("loads");
    let id = |n| lex.by_name(n).expect(n);
    let (spark, kafka, airflow) = (id("Spark"), id("Kafka"), id("Airflow"));
    let day = |y, m, d| Date::from_ymd(y, m, d);
    assert_eq!(lex.at(spark, day(2019, 1, 2)), spark);
    assert_eq!(lex.at(spark, day(2019, 1, 3)), kafka);
    assert_eq!(
        lex.at(spark, day(2020, 6, 1)),
        airflow,
        "chains are followed"
    );
    assert_eq!(lex.at(spark, None), spark, "undated issues keep the entity");
}

#[test]
fn bad_history_rows_name_file_and_line() {
    let cases = [
        (
            "Nope,renamed_from,X,2019-01,\n",
            "not a technology or organisation",
        ),
        ("Kafka,renamed,X,2019-01,\n", "unknown change"),
        ("Kafka,renamed_from,X,2019-13,\n", "bad date"),
        (
            "Kafka,merged_into,Nope,2019-01-01,\n",
            "(merged into) is not",
        ),
        (
            "Kafka,merged_into,Kafka,2019-01-01,\n",
            "cannot merge into itself",
        ),
        ("Kafka,renamed_from,,2019-01-01,\n", "empty `other`"),
    ];
    // Each bad row is reported on its line, 3, after a good row.
    for (i, (row, fragment)) in cases.iter().enumerate() {
        let good = "Spark,renamed_from,Sparkle,2014-02-01,\n";
        let dir = with_history(&format!("bad-{i}"), &format!("{HEAD}{good}{row}"));
        let checked = lexicon::check(&dir).expect("readable");
        let messages: Vec<String> = checked.errors.iter().map(|e| e.to_string()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("history.csv:3:") && m.contains(fragment)),
            "{row}: {messages:?}"
        );
        assert_eq!(messages.len(), 1, "{messages:?}");
    }
}

#[test]
fn a_lexicon_folder_without_history_has_no_changes() {
    let lex = lexicon::load(&util::root().join("tests/fixtures/lexicon/basic")).expect("loads");
    assert!(lex.changes.is_empty());
    let builtin = lexicon::builtin().expect("built-in lexicon");
    let calcite = builtin.by_name("Calcite").expect("Calcite");
    assert!(builtin
        .changes_of(calcite)
        .any(|c| c.kind == ChangeKind::RenamedFrom("Optiq".into())));
}

/// The built-in history: Hortonworks merged into Cloudera on 2019-01-03.
#[test]
fn hortonworks_counts_for_cloudera_after_the_merger() {
    let text = "Data Eng Weekly #297\n30 December 2018\n\nThe Hortonworks blog has a post on HDFS erasure coding in production clusters.\n\nData Eng Weekly #298\n6 January 2019\n\nThe Hortonworks blog writes about moving Hive workloads to the cloud this year.\n";
    let mut warnings = Vec::new();
    let issues = topictrend::corpus::parse_text(std::path::Path::new("t.txt"), text, &mut warnings)
        .expect("parses");
    let mut corpus = topictrend::corpus::Corpus::from_issues(issues);
    topictrend::corpus::assign_dates(&mut corpus.issues);
    let lex = lexicon::builtin().expect("built-in lexicon");
    let found = topictrend::extract::Extractor::new(&lex)
        .expect("extractor")
        .extract(&corpus)
        .expect("texts held");
    let orgs: Vec<(u32, &str)> = found
        .mentions
        .iter()
        .map(|m| (m.issue, lex.name(m.entity)))
        .filter(|(_, n)| *n == "Hortonworks" || *n == "Cloudera")
        .collect();
    assert_eq!(orgs, [(297, "Hortonworks"), (298, "Cloudera")]);
}

/// The notes the report and the review put after a renamed or merged entity's name: the
/// rename on the entity, the merger on both sides, a month-dated change as the month.
#[test]
fn renames_and_mergers_become_entity_notes() {
    let dir = with_history(
        "notes",
        &format!(
            "{HEAD}Kafka,renamed_from,Wallaroo Queue,2015-06,\nSpark,merged_into,Kafka,2019-01-03,\n"
        ),
    );
    let lex = lexicon::load(&dir).expect("loads");
    let notes = topictrend::analysis::changes::entity_notes(&lex).expect("notes");
    let column = |c: &str| -> Vec<String> {
        let col = notes.column(c).expect("column");
        let s = col.str().expect("text");
        s.iter().map(|v| v.unwrap_or("").to_string()).collect()
    };
    assert_eq!(column("entity"), ["Kafka", "Spark"]);
    assert_eq!(
        column("note"),
        [
            "named Wallaroo Queue until 2015-06; took in Spark on 2019-01-03",
            "merged into Kafka on 2019-01-03",
        ]
    );
}

/// End to end: the review's tables say Hortonworks merged into Cloudera.
#[test]
fn the_review_notes_a_merger_next_to_the_name() {
    let dir = util::workdir("history-review");
    let issue = |n: u32, day: u32| {
        format!(
            "Data Eng Weekly #{n}\n{day} November 2018\n\nWelcome to this week's issue.\n\n\
             The Hortonworks blog has a post on HDFS erasure coding.\n\n\
             Hortonworks writes about Hive LLAP in production.\n\n"
        )
    };
    let text = format!("{}{}", issue(290, 4), issue(291, 11));
    std::fs::write(dir.join("a.txt"), text).expect("write archive");
    let out = dir.join("rep");
    let status = std::process::Command::new(util::bin())
        .current_dir(&dir)
        .args(["report", "a.txt", "--year", "2018", "-q", "--out"])
        .arg(&out)
        .status()
        .expect("runs");
    assert!(status.success());
    let review = std::fs::read_to_string(out.join("review-2018.md")).expect("review");
    // In the top table and the newcomers table (Hortonworks is first named in 2018 here).
    let noted = review
        .lines()
        .filter(|l| l.contains("| Hortonworks (merged into Cloudera on 2019-01-03) "))
        .count();
    assert_eq!(noted, 2, "{review}");
}
