//! Table-driven extraction tests: rows of (name, lexicon rows, text, expected matches), grouped
//! BASICS, CASE, BOUNDARY, OVERLAP, CONTEXT, REGRESSION, each row with its own small lexicon.
//!
//! Lexicon rows are `t:` (technologies.csv) or `o:` (organisations.csv) plus the CSV row.
//! Expected matches are `surface=Entity` in text order (`Kafka` alone when surface and name agree),
//! with an optional `@start` byte offset.

use crate::util;
use std::path::Path;
use topictrend::corpus::{
    self, Corpus, DateSource, Issue, Item, Listing, LoadOptions, Section, SourceRef,
};
use topictrend::extract::Extractor;
use topictrend::lexicon;

type Row = (
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static [&'static str],
);

#[rustfmt::skip]
const BASICS: &[Row] = &[
    ("name", &["t:Kafka,streaming,,,,,"], "We use Kafka and KAFKA and kafka.", &["Kafka", "KAFKA=Kafka", "kafka=Kafka"]),
    ("alias", &["t:Kafka,streaming,Apache Kafka,,,,"], "Apache Kafka and Kafka", &["Apache Kafka=Kafka", "Kafka"]),
    ("two tables", &["t:Airflow,orchestration,,,,,", "o:Lyft,company,,,,,"], "Lyft runs Airflow.", &["Lyft", "Airflow"]),
    ("nothing", &["t:Kafka,streaming,,,,,"], "Kafkaesque tales", &[]),
    ("misspelling alias", &["t:Amundsen,data quality and governance,Amudsen,,,,"], "Lyft writes about Amudsen, their tool", &["Amudsen=Amundsen"]),
    ("joined alias", &["t:Kafka Connect,streaming,KafkaConnect,,,,"], "using KafkaConnect to load JSON", &["KafkaConnect=Kafka Connect"]),
];

#[rustfmt::skip]
const CASE: &[Row] = &[
    ("sensitive", &["t:Spark,batch processing,Apache Spark,sensitive,,,"], "Apache Spark, a spark, SPARK, Spark", &["Apache Spark=Spark", "Spark"]),
    ("all caps name", &["o:GRAIL,company,,sensitive,,,"], "GRAIL has open sourced the holy grail and Grail", &["GRAIL"]),
    ("company word", &["o:Convoy,company,,sensitive,,,"], "Convoy writes about a convoy of trucks", &["Convoy"]),
    ("same letters, two exact entries", &["t:Hive,query engines,,sensitive,,,", "o:Hive Ltd,company,HIVE,sensitive,,,"], "Hive tables at HIVE, not a hive", &["Hive", "HIVE=Hive Ltd"]),
    ("exact and folded share a pattern", HIVE, "Hive and hive", &["Hive"]),
    ("folded one's guard holds", HIVE, "hive, a blockchain firm", &["hive=Hive Blockchain"]),
    ("lower-case code form", &["t:PostgreSQL,databases,postgres,,,,"], "postgres and Postgres and PostgreSQL 12", &["postgres=PostgreSQL", "Postgres=PostgreSQL", "PostgreSQL"]),
    ("all caps in running text", &["t:Hive,query engines,,sensitive,,,"], "HIVE tables, a HIVE. SELECT FROM HIVE WHERE", &["HIVE=Hive"]),
    ("all caps needs three letters", &["t:Go,languages,,sensitive,,,"], "GO code in Go", &["Go"]),
    ("all caps keeps guards", &["t:Beam,batch processing,,sensitive,,next:pipeline,"], "BEAM me up, a BEAM pipeline", &["BEAM=Beam"]),
];

#[rustfmt::skip]
const BOUNDARY: &[Row] = &[
    ("symbols", &["t:C++,languages,,sensitive,,,", "t:C#,languages,,sensitive,,,"], "C++, C# and C++11", &["C++", "C#"]),
    ("dotted name", &["t:Node.js,languages,,,,,"], "Node.js apps and node.js.", &["Node.js", "node.js=Node.js"]),
    ("dotted continuation", &["t:SQL,languages,,sensitive,,,", "t:Node,languages,,,,,"], "set spark.SQL or Node.js; SQL.", &["SQL"]),
    ("underscore", &["t:pg_flame,observability,,,,,"], "`pg_flame` looks handy, pg_flamegraph not", &["pg_flame"]),
    ("inside words", &["t:Python,languages,,,,,", "t:Kafka,streaming,,,,,"], "IPython and kafkacat and Python3x", &[]),
    ("version glued to the name", &["t:Python,languages,,,,,", "t:CDH,batch processing,,,,,"], "Python3 on CDH5.5.", &["Python", "CDH"]),
    ("digits in names", &["t:Kubernetes,infrastructure and cloud,K8s,,,,"], "K8s Meetup, K8sx", &["K8s=Kubernetes"]),
    ("possessive", &["o:Lyft,company,,,,,", "t:PostgreSQL,databases,postgres,,,,"], "Lyft's and Lyft’s and postgres' EXPLAIN", &["Lyft", "Lyft", "postgres=PostgreSQL"]),
    ("hyphen compound", &["t:Kafka,streaming,,,,,", "t:Spark,batch processing,,sensitive,,,"], "a Kafka-based app and Spark-Tools", &["Kafka", "Spark"]),
    ("game name", &["t:Kafka,streaming,,,,,"], "Streaming Applications with Pac-Man", &[]),
    ("sentence end", &["t:Kafka,streaming,,,,,"], "Everything about Kafka. Kafka! (Kafka)", &["Kafka", "Kafka", "Kafka"]),
    ("slash and quotes", &["t:JSON,storage and formats,,,,,", "t:XML,storage and formats,,,,,"], "JSON/XML and «XML»", &["JSON", "XML", "XML"]),
    ("accented neighbour", &["t:Kafka,streaming,,,,,"], "éKafka and Kafkaé", &[]),
    ("glued DB", &["t:Cassandra,databases,,,,,"], "CassandraDB, Cassandra DB, CassandraDBs", &["CassandraDB=Cassandra", "Cassandra"]),
    ("own DB entry wins", &["t:Cassandra,databases,,,,,", "t:CassandraDB,databases,,,,,"], "CassandraDB", &["CassandraDB"]),
];

#[rustfmt::skip]
const OVERLAP: &[Row] = &[
    ("longest wins", &["t:Kafka,streaming,,,,,", "t:Kafka Streams,streaming,,,Kafka,,"], "Kafka Streams and Kafka", &["Kafka Streams", "Kafka"]),
    ("leftmost wins", &["t:Kafka,streaming,Apache Kafka,,,,", "t:Kafka Streams,streaming,,,Kafka,,"], "Apache Kafka Streams", &["Apache Kafka=Kafka"]),
    ("alias fixes leftmost", &["t:Kafka,streaming,Apache Kafka,,,,", "t:Kafka Streams,streaming,Apache Kafka Streams,,Kafka,,"], "Apache Kafka Streams", &["Apache Kafka Streams=Kafka Streams"]),
    ("boundary-rejected longest falls back", &["t:Kafka,streaming,,,,,", "t:Kafka Streams,streaming,,,Kafka,,"], "Kafka Streamsy", &["Kafka"]),
    ("guard-rejected longest falls back", &["t:Arrow,storage and formats,Apache Arrow,,,,", "t:Arrow Flight,storage and formats,Apache Arrow Flight|Flight,sensitive,Arrow,not-near:Drill,"], "Apache Arrow Flight and Drill", &["Apache Arrow=Arrow"]),
    ("product name hides company", &["o:Google,company,,,,,", "t:Google Cloud Storage,storage and formats,,,,,"], "Google Cloud Storage, by Google", &["Google Cloud Storage", "Google"]),
];

#[rustfmt::skip]
const CONTEXT: &[Row] = &[
    ("shared alias, Netflix's Delta", DELTA, "Netflix writes about Delta, their system. They built delta connectors.", &["Netflix", "Delta=Delta (Netflix)"]),
    ("shared alias, Delta Lake", DELTA, "Use Delta's version tracking to \"time travel\".", &["Delta=Delta Lake"]),
    ("shared alias, neither", DELTA, "Delta Air Lines flies.", &[]),
    ("near only", ARROW, "The new Arrow Flight protocol; Flight builds on gRPC.", &["Arrow Flight", "Flight=Arrow Flight"]),
    ("near fails", ARROW, "Flight 370 was lost.", &[]),
    ("near ignores the match itself", &["t:Arrow Flight,storage and formats,Flight,sensitive,,near:flight,"], "Flight", &[]),
    ("prev", &["t:Arrow Flight,storage and formats,Flight,sensitive,,prev:arrow|apache arrow,"], "Apache Arrow Flight, a Flight", &["Flight=Arrow Flight"]),
    ("not-next", &["t:Go,languages,Golang,sensitive,,not-next:ahead|back,"], "Go programs. Go ahead. Golang", &["Go", "Golang=Go"]),
    ("next", &["o:Segment,company,,sensitive,,next:writes|describes,"], "Segment describes costs at Segment.", &["Segment@0"]),
    ("mid-sentence", &["o:Segment,company,,sensitive,,mid-sentence,"], "Segment describes costs at Segment.", &["Segment@27"]),
    ("more specific guard wins", &["t:Delta A,other,Delta,sensitive,,near:netflix,", "t:Delta B,other,Delta,sensitive,,prev:about,", "o:Netflix,company,,,,,"], "Netflix writes about Delta", &["Netflix", "Delta=Delta B"]),
    ("name order breaks ties", &["t:Delta A,other,Delta,sensitive,,near:netflix,", "t:Delta B,other,Delta,sensitive,,near:writes,", "o:Netflix,company,,,,,"], "Netflix writes about Delta", &["Netflix", "Delta=Delta A"]),
    ("guarded beats unguarded", UNGUARDED_DELTA, "At Netflix, Delta", &["Netflix", "Delta=Delta (Netflix)"]),
    ("unguarded takes the rest", UNGUARDED_DELTA, "Delta here", &["Delta=Delta Lake"]),
    ("all rules must hold", &["o:Segment,company,,sensitive,,mid-sentence;near:costs,"], "At Segment. Segment costs.", &["Segment@3"]),
];

#[rustfmt::skip]
const REGRESSION: &[Row] = &[
    ("scribe with Facebook", SCRIBE, "Facebook's scribe is a high throughput system", &["Facebook", "scribe=Scribe"]),
    ("scribe without Facebook", SCRIBE, "scribe the notes", &[]),
    ("Apache Arrow Flight", ARROW, "the Apache Arrow Flight protocol and the Apache Arrow blog", &["Apache Arrow=Arrow", "Flight=Arrow Flight", "Apache Arrow=Arrow"]),
    ("Confluent product", &["o:Confluent,vendor,,,,,", "t:Schema Registry,streaming,Confluent Schema Registry,,,,"], "the Confluent Schema Registry and the Confluent blog", &["Confluent Schema Registry=Schema Registry", "Confluent"]),
    ("BeamSQL is not SQL", &["t:SQL,languages,,sensitive,,,", "t:Beam SQL,streaming,BeamSQL,,,,"], "Apache Beam @ + BeamSQL; a SQL query", &["BeamSQL=Beam SQL", "SQL"]),
];

const DELTA: &[&str] = &[
    "t:Delta (Netflix),streaming,Delta,sensitive,,near:Netflix,",
    "t:Delta Lake,storage and formats,Delta,sensitive,,near:Databricks|Spark|time travel|lakehouse|Parquet,",
    "o:Netflix,company,,,,,",
];
const ARROW: &[&str] = &[
    "t:Arrow,storage and formats,Apache Arrow,,,,",
    "t:Arrow Flight,storage and formats,Flight,sensitive,Arrow,near:Arrow,",
];
const HIVE: &[&str] = &[
    "t:Hive,query engines,,sensitive,,,",
    "o:Hive Blockchain,company,hive,,,near:blockchain,",
];
const UNGUARDED_DELTA: &[&str] = &[
    "t:Delta Lake,storage and formats,Delta,sensitive,,,",
    "t:Delta (Netflix),streaming,Delta,sensitive,,near:netflix,",
    "o:Netflix,company,,,,,",
];
const SCRIBE: &[&str] = &[
    "o:Facebook,company,,,,,",
    "t:Scribe,streaming,,,,near:Facebook,",
];

/// Writes the rows as a lexicon folder (with an empty cities table) and loads it.
pub fn lexicon_from(dir: &Path, rows: &[&str]) -> lexicon::Lexicon {
    let head = "name,topic,aliases,case,parent,context,notes\n";
    let table = |prefix: &str| {
        let mut body: Vec<&str> = rows.iter().filter_map(|r| r.strip_prefix(prefix)).collect();
        body.sort_by_key(|r| r.to_lowercase());
        format!(
            "{head}{}",
            body.iter().map(|r| format!("{r}\n")).collect::<String>()
        )
    };
    std::fs::write(dir.join("technologies.csv"), table("t:")).expect("write technologies");
    std::fs::write(dir.join("organisations.csv"), table("o:")).expect("write organisations");
    std::fs::write(
        dir.join("cities.csv"),
        "name,country,continent,metro,aliases,notes\n",
    )
    .expect("write cities");
    lexicon::load(dir).unwrap_or_else(|e| panic!("test lexicon does not load: {e}"))
}

fn run_group(group: &str, rows: &[Row]) {
    let dir = util::workdir(&format!("extract-{group}"));
    let mut failures = Vec::new();
    for (name, lex_rows, text, expected) in rows {
        let lex = lexicon_from(&dir, lex_rows);
        let extractor = Extractor::new(&lex).expect("extractor builds");
        let found = extractor.find(text);
        let got: Vec<String> = found
            .iter()
            .zip(expected.iter().chain(std::iter::repeat(&"")))
            .map(|(&(id, s, e), want)| {
                let (surface, entity) = (&text[s..e], lex.name(id));
                let shown = if surface == entity {
                    surface.to_string()
                } else {
                    format!("{surface}={entity}")
                };
                // An expected `@start` pins the offset too.
                if want.contains('@') {
                    format!("{shown}@{s}")
                } else {
                    shown
                }
            })
            .collect();
        if got != *expected {
            failures.push(format!(
                "{group}/{name}: text {text:?}\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn extract_basics() {
    run_group("basics", BASICS);
}

#[test]
fn extract_case() {
    run_group("case", CASE);
}

#[test]
fn extract_boundary() {
    run_group("boundary", BOUNDARY);
}

#[test]
fn extract_overlap() {
    run_group("overlap", OVERLAP);
}

#[test]
fn extract_context() {
    run_group("context", CONTEXT);
}

#[test]
fn extract_regression() {
    run_group("regression", REGRESSION);
}

/// The maker inside a product alias: expected `Product>Maker` pairs in text order.
#[rustfmt::skip]
const MAKER: &[Row] = &[
    ("maker prefix", &["o:Confluent,vendor,,,,,", "t:Confluent Cloud,streaming,,,,,"], "Confluent Cloud is GA", &["Confluent Cloud>Confluent"]),
    ("alias prefix", &["o:Google,company,,,,,", "t:BigQuery,databases,Google BigQuery,,,,"], "Google BigQuery and BigQuery", &["BigQuery>Google"]),
    ("hyphenated alias", &["o:Confluent,vendor,,,,,", "t:confluent-kafka-go,languages,,,,,"], "confluent-kafka-go 1.4", &["confluent-kafka-go>Confluent"]),
    ("maker's own alias", &["o:Amazon,company,Amazon.com,,,,", "t:Amazon S3,storage and formats,,,,,"], "Amazon S3", &["Amazon S3>Amazon"]),
    ("only a prefix", &["o:Amazon,company,,,,,", "o:Elastic,vendor,,,,,", "t:Amazon EMR,batch processing,Amazon Elastic MapReduce,,,,"], "Amazon Elastic MapReduce", &["Amazon EMR>Amazon"]),
    ("inside is not a maker", &["o:Stitch,vendor,,,,,", "t:MongoDB Stitch,databases,,,,,"], "MongoDB Stitch", &[]),
    ("whole words only", &["o:Confluent,vendor,,,,,", "t:ConfluentX,streaming,,,,,"], "ConfluentX", &[]),
    ("nested: longest", &["o:Google,company,,,,,", "o:Google Cloud,cloud provider,,,,,", "t:Spanner,databases,Google Cloud Spanner,,,,"], "Google Cloud Spanner", &["Spanner>Google Cloud"]),
    ("nested: longest fails, shorter", &["o:Google,company,,,,,", "o:Google Research,university,Google AI,,,not-next:Platform,", "t:AI Platform,ml,Google AI Platform,,,,"], "Google AI Platform", &["AI Platform>Google"]),
    ("maker guard: not-next", &["o:Cruise,company,,sensitive,,not-next:Control,", "t:Cruise Control,infrastructure and cloud,,sensitive,,,"], "Cruise Control rebalances", &[]),
    ("maker guard: near fails", &["o:Elastic,vendor,,sensitive,,near:Kibana,", "t:Elastic Cloud,databases,,,,,"], "Elastic Cloud", &[]),
    ("maker guard: near holds", &["o:Elastic,vendor,,sensitive,,near:Kibana,", "t:Elastic Cloud,databases,,,,,"], "Elastic Cloud with Kibana", &["Elastic Cloud>Elastic"]),
    ("maker case: sensitive", &["o:Stripe,company,,sensitive,,,", "t:Veneur,observability,Stripe Veneur,,,,"], "stripe veneur, Stripe Veneur, STRIPE VENEUR", &["Veneur>Stripe", "Veneur>Stripe"]),
    ("maker case: insensitive", &["o:Confluent,vendor,,,,,", "t:Confluent Cloud,streaming,,,,,"], "confluent cloud", &["Confluent Cloud>Confluent"]),
    ("an organisation is no product", &["o:Confluent,vendor,Confluent Inc,,,,"], "Confluent Inc", &[]),
    ("product rejected, no maker", &["o:Confluent,vendor,,,,,", "t:Confluent Cloud,streaming,,,,near:Kafka,"], "Confluent Cloud", &[]),
];

/// `Product>Maker` for each maker counted in `text`.
fn makers(extractor: &Extractor, lex: &lexicon::Lexicon, text: &str) -> Vec<String> {
    extractor
        .find_makers(text)
        .iter()
        .map(|&(p, m)| format!("{}>{}", lex.name(p), lex.name(m)))
        .collect()
}

#[test]
fn extract_maker() {
    let dir = util::workdir("extract-maker");
    let mut failures = Vec::new();
    for (name, lex_rows, text, expected) in MAKER {
        let lex = lexicon_from(&dir, lex_rows);
        let extractor = Extractor::new(&lex).expect("extractor builds");
        let got = makers(&extractor, &lex, text);
        if got != *expected {
            failures.push(format!(
                "maker/{name}: {text:?}\n  expected {expected:?}\n  got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The curator's lexicon: the traps a prefix alone gets wrong are kept out by the makers'
/// own guards, and nested makers give the most specific one.
#[test]
fn extract_maker_traps_in_the_lexicon() {
    let lex = lexicon::load(&util::root().join("data/lexicon")).expect("lexicon loads");
    let extractor = Extractor::new(&lex).expect("extractor builds");
    #[rustfmt::skip]
    let cases: &[(&str, &[&str])] = &[
        ("Confluent Cloud pricing", &["Confluent Cloud>Confluent"]),
        ("we load Google BigQuery tables", &["BigQuery>Google"]),
        ("Amazon Redshift clusters", &["Amazon Redshift>Amazon"]),
        ("Elastic MapReduce jobs", &[]),
        ("Amazon Elastic MapReduce jobs", &["Amazon EMR>Amazon"]),
        ("Elastic Beanstalk apps", &[]),
        ("Berkeley DB files", &[]),
        ("Cruise Control for Kafka", &[]),
        ("Google Cloud Spanner rows", &["Spanner>Google Cloud"]),
        ("Google AI Platform notebooks", &["Google AI Platform>Google"]),
        ("Oracle Berkeley DB files", &["Berkeley DB>Oracle"]),
        ("MongoDB Stitch functions", &[]),
    ];
    let mut failures = Vec::new();
    for (text, expected) in cases {
        let got = makers(&extractor, &lex, text);
        if got != *expected {
            failures.push(format!("{text:?}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn issue(number: u32, texts: &[(Section, &str)]) -> Issue {
    let items = texts
        .iter()
        .enumerate()
        .map(|(i, (section, text))| Item::new(i as u32, *section, *text, vec![], 0, None))
        .collect();
    let source = SourceRef {
        file: "mem".into(),
        line: 1,
    };
    Issue {
        number,
        heading: format!("#{number}"),
        date: None,
        date_source: DateSource::None,
        source,
        items,
    }
}

#[test]
fn extract_intro_guards_see_the_whole_issue() {
    let lex = lexicon_from(&util::workdir("extract-intro"), DELTA);
    let texts = [
        (Section::Intro, "from Delta to events"),
        (Section::Article, "Delta's \"time travel\""),
        (Section::Article, "Delta again"),
    ];
    let corpus = Corpus::from_issues(vec![issue(330, &texts)]);
    let got: Vec<(u32, &str)> = Extractor::new(&lex)
        .expect("extractor")
        .extract(&corpus)
        .expect("texts held")
        .mentions
        .iter()
        .map(|m| (m.item, lex.name(m.entity)))
        .collect();
    assert_eq!(got, vec![(0, "Delta Lake"), (1, "Delta Lake")]);
}

#[test]
fn extract_parallel_agrees_with_sequential_and_resolves_events() {
    let lex =
        lexicon::load(&util::root().join("tests/fixtures/lexicon/basic")).expect("fixture lexicon");
    let corpus =
        corpus::load(&[util::default_corpus()], &LoadOptions::default()).expect("default corpus");
    let extractor = Extractor::new(&lex).expect("extractor");
    let parallel = extractor.extract(&corpus).expect("texts held");
    assert_eq!(
        parallel,
        extractor.extract_sequential(&corpus).expect("texts held")
    );
    assert!(parallel
        .mentions
        .windows(2)
        .all(|w| (w[0].issue, w[0].item, w[0].start) <= (w[1].issue, w[1].item, w[1].start)));
    let listings = corpus
        .issues
        .iter()
        .flat_map(|i| &i.items)
        .filter(|i| i.listing.is_some())
        .count();
    assert_eq!(parallel.events.len(), listings);
    // An event's place as written is its item's listing city.
    let place_of = |e: &topictrend::extract::Event| -> String {
        let issue = corpus.issues.iter().find(|i| i.number == e.issue).unwrap();
        let item = &issue.items[e.item as usize];
        let text = util::item_text(&corpus, issue, item);
        item.listing.as_deref().unwrap().city(&text).to_string()
    };
    let unresolved: Vec<String> = parallel
        .events
        .iter()
        .filter(|e| e.city.is_none())
        .map(place_of)
        .collect();
    assert_eq!(
        parallel
            .unresolved
            .iter()
            .map(|u| u.place.as_str())
            .collect::<Vec<_>>()
            .len(),
        unresolved.len()
    );
    for place in [
        "Docklands",
        "Tel Aviv-Yafo",
        "Sao Paulo",
        "Unterfohring",
        "Brno-stred",
    ] {
        let event = parallel
            .events
            .iter()
            .find(|e| place_of(e) == place)
            .unwrap_or_else(|| panic!("no event at {place}"));
        let city = event
            .city
            .unwrap_or_else(|| panic!("{place} does not resolve"));
        let issue = corpus
            .issues
            .iter()
            .find(|i| i.number == event.issue)
            .expect("issue");
        let text = util::item_text(&corpus, issue, &issue.items[event.item as usize]);
        let m = parallel
            .mentions
            .iter()
            .find(|m| m.issue == event.issue && m.item == event.item && m.entity == city);
        let m = m.unwrap_or_else(|| panic!("no city mention for {place}"));
        assert_eq!(&text[m.start as usize..m.end as usize], place);
        if let Some(date) = event.event_date {
            assert_eq!(date.year(), 2019, "{place}");
        }
    }
}

#[test]
fn extract_listing_place_is_never_a_technology() {
    let lex = lexicon_from(&util::workdir("extract-place"), &["t:Flink,streaming,,,,,"]);
    let text = "Flink Meetup (Flink) - Tuesday, October 15";
    let mut issue = issue(326, &[(Section::Event, text)]);
    issue.date = topictrend::date::Date::from_ymd(2019, 10, 13);
    let listing = Listing::new("Flink Meetup", "Flink", 1, 10, 15);
    issue.items[0].listing = Some(Box::new(listing));
    let corpus = Corpus::from_issues(vec![issue]);
    let got = Extractor::new(&lex)
        .expect("extractor")
        .extract(&corpus)
        .expect("texts held");
    let spans: Vec<(u32, u32)> = got.mentions.iter().map(|m| (m.start, m.end)).collect();
    assert_eq!(spans, vec![(0, 5)]);
    assert_eq!(got.unresolved.len(), 1);
    assert_eq!(
        got.events[0].event_date,
        topictrend::date::Date::from_ymd(2019, 10, 15)
    );
}

/// The three paths (parallel, sequential, batches) give the same rows on an archive with
/// makers, link rows and a merger (Hortonworks into Cloudera, 2019-01-03, builtin history).
#[test]
fn extraction_paths_agree_on_makers_links_and_mergers() {
    let dir = util::workdir("extract-paths-via");
    let archive = dir.join("issues.txt");
    let text = "Data Eng Weekly #10\nMarch 3, 2018\n\nIntro.\n\n\
        Hortonworks Data Platform 3 is out.\nhttps://eng.uber.com/a\n\n\
        Data Eng Weekly #300\nMarch 3, 2019\n\nIntro.\n\n\
        Hortonworks writes about Confluent Cloud.\nhttps://blog.cloudera.com/roadmap/\n\n\
        Notes on upgrades.\nhttps://hortonworks.com/blog/x\nhttps://eng.lyft.com/y\n";
    std::fs::write(&archive, text).expect("write archive");
    let lex = lexicon::builtin().expect("builtin lexicon");
    let corpus = corpus::load(&[archive], &LoadOptions::default()).expect("archive");
    let extractor = Extractor::new(&lex).expect("extractor");
    let parallel = extractor.extract(&corpus).expect("texts held");
    let batches = topictrend::extract::finish_batches(
        extractor
            .extract_issues(&corpus.issues)
            .expect("texts held"),
        &corpus,
        &lex,
    );
    assert_eq!(
        parallel,
        extractor.extract_sequential(&corpus).expect("texts held")
    );
    assert_eq!(parallel, batches);
    let rows: Vec<(u32, &str, &str)> = parallel
        .mentions
        .iter()
        .map(|m| (m.issue, lex.name(m.entity), m.via.as_str()))
        .collect();
    for row in [
        (10, "Hortonworks", "maker"),
        (10, "Uber", "link"),
        (300, "Cloudera", "text"),
        (300, "Cloudera", "link"),
        (300, "Lyft", "link"),
    ] {
        assert!(rows.contains(&row), "{row:?} in {rows:?}");
    }
    assert!(!rows.iter().any(|r| r.0 == 300 && r.1 == "Hortonworks"));
}
