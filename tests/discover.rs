//! Discovery (src/discover) on small texts, table-driven: rows of (name, text, accepted names
//! with their category), grouped FORMS, CUES and REJECTS; the parallel and sequential paths
//! agree; `not-entities.csv` is checked like the lexicon tables. Names here are invented.

use crate::util;
use std::path::Path;
use topictrend::corpus::{self, Corpus, LoadOptions};
use topictrend::discover::{Discoverer, Discovery, Sightings, Words};
use topictrend::extract::Extractor;
use topictrend::lexicon::{self, Lexicon};

type Row = (&'static str, &'static str, &'static [&'static str]);

#[rustfmt::skip]
const FORMS: &[Row] = &[
    ("mixed case", "Zorbco writes about wobbleDB, a store for events. Then wobbleDB stores them.", &["wobbleDB technology", "Zorbco organisation"]),
    ("version", "Quuxly 2.0 adds a faster planner, and Quuxly 2.1 a cache.", &["Quuxly technology"]),
    ("repository", "The code is at github.com/someone/snorkelator. Snorkelator is a small tool for logs.", &["Snorkelator technology"]),
    ("dotted", "Flimflam.js is a charting library for the browser.", &["Flimflam.js technology"]),
    ("host name", "Zedstack.io, a startup that builds dashboards, writes about them.", &["Zedstack.io organisation"]),
    ("digits", "We tried zorb2parquet, a converter. Then zorb2parquet again in another post.", &["zorb2parquet technology"]),
];

#[rustfmt::skip]
const CUES: &[Row] = &[
    ("team and system", "Grumbleton's engineering team describes Zedline, their system for billing (https://eng.grumbleton.com/zedline-at-scale).", &["Grumbleton organisation", "Zedline technology"]),
    ("startup run", "Flimflam Labs, a startup that builds dashboards, has raised money.", &["Flimflam Labs organisation"]),
    ("open sourced", "Zorbco has open sourced Quibbler, the service they use for logs.", &["Quibbler technology", "Zorbco organisation"]),
    ("ordinary word with two cues", "Lantern is a scheduler for batch jobs. Lantern 1.2 adds retries.", &["Lantern technology"]),
];

#[rustfmt::skip]
const REJECTS: &[Row] = &[
    ("person", "Jane Doe writes about tuning. Marcus Oyelaran walks through the code.", &[]),
    ("sentence openers", "Lots of news. Beyond that, Highlights are many. Anyone can read it.", &[]),
    ("generic acronyms", "The API, the DAG, CDC and GDPR; an ETL job and the UI.", &[]),
    ("quoted title", "In \"Sorting Out The Wobbleton Shuffle\", the author writes about tuning.", &[]),
    ("curly quoted title", "In “Sorting Out The Wobbleton Shuffle”, the author writes about tuning.", &[]),
    ("lexicon alias", "KafkaStreams and Kafka-Streams are the lexicon's Kafka Streams.", &[]),
    ("class names", "Use the ThreadPoolExecutor and a KafkaConsumer with a JoinGroup.", &[]),
    ("places and dates", "Big news from Poland in January, and on Tuesday from Europe.", &[]),
    ("one weak sighting", "A post on Snargle without anything else.", &[]),
];

/// The default lexicon and word lists.
pub fn setup() -> (Lexicon, Words) {
    let lex = lexicon::builtin().expect("built-in lexicon");
    let words = Words::load(None, &lexicon::Source::Builtin, &lex).expect("built-in word lists");
    (lex, words)
}

fn load(path: &Path) -> Corpus {
    corpus::load(&[path.to_path_buf()], &LoadOptions::default()).expect("corpus loads")
}

/// Runs discovery on `text` as the article of a one-issue archive.
fn discover(lex: &Lexicon, words: &Words, name: &str, text: &str) -> Discovery {
    let dir = util::workdir(&format!("discover-{}", name.replace(' ', "-")));
    let path = dir.join("issue.txt");
    let archive = format!("Data Eng Weekly #1\n\nThis week: a short issue.\n\n{text}\n");
    std::fs::write(&path, archive).expect("write issue");
    let corpus = load(&path);
    let found = Extractor::new(lex)
        .expect("extractor")
        .extract(&corpus)
        .expect("texts held");
    Discoverer::new(lex, words)
        .discover(&corpus, &found)
        .expect("texts held")
}

fn run_rows(group: &str, rows: &[Row]) {
    let (lex, words) = setup();
    for (name, text, expected) in rows {
        let d = discover(&lex, &words, name, text);
        let got: Vec<String> = d
            .entities
            .iter()
            .filter(|e| e.accepted())
            .map(|e| format!("{} {}", e.name, e.category))
            .collect();
        assert_eq!(got, *expected, "{group}/{name}: {:#?}", d.entities);
    }
}

#[test]
fn discover_forms() {
    run_rows("forms", FORMS);
}

#[test]
fn discover_cues() {
    run_rows("cues", CUES);
}

#[test]
fn discover_rejects() {
    run_rows("rejects", REJECTS);
}

/// Junk that reached the threshold on a large archive through its repetition bonus: a
/// lower-case compound of ordinary words is not proposed (unless a lexicon name is a piece
/// of it, a link names it or a cue is near), a compound of a generic acronym and an English
/// word has no points for its form, and a capital right after a lexicon name ("the
/// Kubernetes Zorbscaler") is not mid-sentence evidence.
#[test]
fn discover_junk_shapes_score_low() {
    let (lex, words) = setup();
    let find = |d: &Discovery, name: &str| d.entities.iter().find(|e| e.name == name).cloned();
    let text = "They implemented fine-grained access. It adds DAG-level permissions. \
                Compared to the Kubernetes Zorbscaler, the new Zorbscaler is faster.";
    let d = discover(&lex, &words, "junk shapes", text);
    assert!(find(&d, "fine-grained").is_none(), "{:#?}", d.entities);
    let dag = find(&d, "DAG-level").expect("DAG-level proposed");
    assert!(dag.confidence < 0.25, "{dag:#?}");
    let scaler = find(&d, "Zorbscaler").expect("Zorbscaler proposed");
    assert_eq!(
        (scaler.evidence.mentions, scaler.evidence.mid_sentence),
        (2, 1)
    );
    // Guards: lower-case compounds on a lexicon name, or with a cue, are still proposed.
    let text = "Try kafka-zorb-exporter for lag, from the dfs-zorbstores project.";
    let d = discover(&lex, &words, "compound guards", text);
    assert!(
        find(&d, "kafka-zorb-exporter").is_some(),
        "{:#?}",
        d.entities
    );
    assert!(find(&d, "dfs-zorbstores").is_some(), "{:#?}", d.entities);
}

/// Variants of one name merge: case, possessive, plural, Apache prefix, glued suffix, host.
#[test]
fn discover_merges_variants() {
    let (lex, words) = setup();
    let text = "Apache Wobble is a stream processor. WOBBLE's planner and wobbleDB, \
                two Wobbles (https://wobble.io/docs).";
    let d = discover(&lex, &words, "merge", text);
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, vec!["Wobble"], "{:#?}", d.entities);
    let e = &d.entities[0];
    assert_eq!(
        e.variants,
        vec!["Apache Wobble", "WOBBLE", "Wobbles", "wobbleDB"]
    );
    assert_eq!(e.link_forms, vec!["wobble"]);
    assert_eq!((e.evidence.mentions, e.evidence.hosts), (4, 1));
    assert_eq!(d.mentions.len(), 4);
}

#[test]
fn discover_parallel_equals_sequential() {
    let (lex, words) = setup();
    let discoverer = Discoverer::new(&lex, &words);
    for path in [
        util::default_corpus(),
        util::root().join("tests/gold/discovery/dev.txt"),
    ] {
        let corpus = load(&path);
        let found = Extractor::new(&lex)
            .expect("extractor")
            .extract(&corpus)
            .expect("texts held");
        let parallel = discoverer.discover(&corpus, &found).expect("texts held");
        let sequential = discoverer
            .discover_sequential(&corpus, &found)
            .expect("texts held");
        assert!(!parallel.entities.is_empty());
        assert_eq!(parallel, sequential, "{}", path.display());
        assert!(parallel
            .mentions
            .is_sorted_by_key(|m| (m.issue, m.item, m.start)));
    }
}

/// A report tallies each batch of issues as it is read, in file order (newest first in the
/// default archive): the names and mentions are those of the whole corpus at once.
#[test]
fn discover_in_batches_equals_whole_corpus() {
    let (lex, words) = setup();
    let discoverer = Discoverer::new(&lex, &words);
    let corpus = load(&util::root().join("tests/gold/discovery/dev.txt"));
    let found = Extractor::new(&lex)
        .expect("extractor")
        .extract(&corpus)
        .expect("texts held");
    let whole = discoverer.discover(&corpus, &found).expect("texts held");
    // In place (rayon over the batch's items) and copied (`batch`, judged on one thread,
    // as the report does on its discovery thread).
    let mut sightings = Sightings::default();
    let mut copied = Sightings::default();
    for issue in corpus.issues.iter().rev() {
        let batch = std::slice::from_ref(issue);
        let mut mentions: Vec<_> = found
            .mentions
            .iter()
            .filter(|m| m.issue == issue.number)
            .cloned()
            .collect();
        discoverer
            .tally(&mut sightings, batch, &mentions)
            .expect("texts held");
        mentions.reverse();
        discoverer.tally_batch(
            &mut copied,
            &discoverer.batch(batch, &mentions).expect("texts held"),
        );
    }
    assert_eq!(discoverer.finish(sightings), whole);
    assert_eq!(discoverer.finish(copied), whole);
}

/// A malformed `not-entities.csv` is reported like a bad lexicon row; a folder without one
/// has an empty list.
#[test]
fn not_entities_checked() {
    let dir = util::workdir("not-entities");
    for table in ["technologies.csv", "organisations.csv", "cities.csv"] {
        std::fs::copy(util::default_lexicon().join(table), dir.join(table)).expect("copy");
    }
    let checked = lexicon::check(&dir).expect("reads");
    assert!(checked.errors.is_empty() && checked.not_entities.rows.is_empty());
    let words = Words::load(
        Some(&util::root().join("data/words")),
        &lexicon::Source::Dir(dir.clone()),
        &checked.lexicon,
    );
    assert!(
        words.is_ok(),
        "a folder without not-entities.csv has an empty list"
    );
    let bad = "# comment\nname,kind,notes\nZZT,acronym,\nKafka,word,\nQQX,noun,\nzzt,acronym,\nAAB,acronym,\n";
    std::fs::write(dir.join("not-entities.csv"), bad).expect("write");
    let checked = lexicon::check(&dir).expect("reads");
    let errors: Vec<String> = checked.errors.iter().map(|e| e.to_string()).collect();
    let file = dir.join("not-entities.csv").display().to_string();
    assert_eq!(
        errors,
        vec![
            format!("{file}:4: `Kafka` is also a name or alias of lexicon entry `Kafka`: it cannot be both"),
            format!("{file}:5: unknown kind `noun` (expected one of: acronym, concept, law, place, word, other)"),
            format!("{file}:6: `zzt` is listed twice (first at line 3)"),
        ]
    );
    let unsorted: Vec<u32> = checked
        .findings
        .iter()
        .filter(|f| f.file.ends_with("not-entities.csv"))
        .map(|f| f.line)
        .collect();
    assert_eq!(unsorted, vec![4, 7], "Kafka and AAB come after ZZT");
    assert!(lexicon::load(&dir).is_err());
}

/// A lexicon name only in an item's links is a link mention; one its text writes, a guarded
/// entry, a foundation or a shared host is not.
#[test]
fn lexicon_names_only_in_links() {
    let (lex, _) = setup();
    let dir = util::workdir("link-mentions");
    let path = dir.join("issue.txt");
    let archive = "Data Eng Weekly #1\n\nThis week: links.\n\n\
        A post on scaling ingestion.\nhttps://eng.uber.com/scaling-ingestion/\n\n\
        Uber writes about its queues.\nhttps://eng.uber.com/queues/\n\n\
        The release notes.\nhttps://spark.apache.org/releases/\n\n\
        A library for retries.\nhttps://github.com/netflix/retry-lib\n\n\
        Someone's post.\nhttps://medium.com/@someone/post\n";
    std::fs::write(&path, archive).expect("write issue");
    let corpus = load(&path);
    let found = Extractor::new(&lex)
        .expect("extractor")
        .extract(&corpus)
        .expect("texts held");
    let got: Vec<(u32, &str, u32)> = found
        .mentions
        .iter()
        .filter(|m| m.via == topictrend::extract::Via::Link)
        .map(|m| (m.item, lex.name(m.entity), m.start))
        .collect();
    assert_eq!(got, vec![(1, "Uber", 0), (4, "Netflix", 0)]);
    // Computed again on the extraction that has them, they are all known already.
    assert!(topictrend::extract::link_mentions(&corpus, &lex, &found).is_empty());
}

/// The curator's loop: rows printed by `candidates --format lexicon`, pasted under the
/// lexicon's own tables, load without error, and the names they add are no longer proposed.
#[test]
fn candidate_rows_paste_into_the_lexicon() {
    let dir = util::workdir("paste");
    let archive = dir.join("issue.txt");
    let text = "Data Eng Weekly #1\n\nThis week: tools.\n\n\
        Grumbleton's engineering team describes Zedline, their system for billing.\n\n\
        Quuxly 2.0 is a key-value store, and Quuxly 2.1 adds a cache.\n";
    std::fs::write(&archive, text).expect("write issue");
    let output = std::process::Command::new(util::bin())
        .args(["candidates", "--format", "lexicon", "-q"])
        .arg(&archive)
        .output()
        .expect("run candidates");
    assert!(output.status.success());
    let rows = String::from_utf8(output.stdout).expect("utf-8");
    let lexicon_dir = dir.join("lexicon");
    std::fs::create_dir_all(&lexicon_dir).expect("mkdir");
    let mut file = "";
    let mut tables: std::collections::BTreeMap<&str, String> =
        ["technologies.csv", "organisations.csv", "cities.csv"]
            .into_iter()
            .map(|t| {
                (
                    t,
                    std::fs::read_to_string(util::default_lexicon().join(t)).expect("table"),
                )
            })
            .collect();
    for line in rows.lines() {
        if let Some(name) = line.strip_prefix("# ") {
            file = name;
        } else if !line.starts_with("name,") {
            tables
                .get_mut(file)
                .expect("a table heading first")
                .push_str(&format!("{line}\n"));
        }
    }
    for (name, body) in &tables {
        std::fs::write(lexicon_dir.join(name), body).expect("write table");
    }
    let checked = lexicon::check(&lexicon_dir).expect("reads");
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    let lex = checked.lexicon;
    for (name, topic) in [
        ("Zedline", "other"),
        ("Quuxly", "databases"),
        ("Grumbleton", "company"),
    ] {
        let id = lex
            .by_name(name)
            .unwrap_or_else(|| panic!("{name} pasted:\n{rows}"));
        assert_eq!(lex.entity(id).topic, topic);
    }
    let words = Words::load(None, &lexicon::Source::Dir(lexicon_dir), &lex).expect("words");
    let corpus = load(&archive);
    let found = Extractor::new(&lex)
        .expect("extractor")
        .extract(&corpus)
        .expect("texts held");
    let again = Discoverer::new(&lex, &words)
        .discover(&corpus, &found)
        .expect("texts held");
    assert!(
        again.entities.iter().all(|e| !e.accepted()),
        "{:#?}",
        again.entities
    );
}
