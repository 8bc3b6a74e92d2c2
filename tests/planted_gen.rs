//! A seeded generator of a multi-year weekly archive with planted trends, and the tiny lexicon
//! it is written against; used by `planted.rs` to check the trend labels end to end.
//!
//! Weekly issues on Sundays from 2014-01-05 to 2019-12-08 (so December 2019 is partial), with
//! August 2016 skipped entirely and about 3% of other weeks skipped at random. Each issue has
//! an intro (always naming Kafka: intros are not editorial), 4 to 24 article items (uneven
//! lengths), a sponsor line naming Snowflake every week, and 0-2 meetup listings. An article
//! names each planted entity with probability p(t), t in [0, 1] the issue's place in the
//! timeline; see `PLANTS`. Randomness is splitmix64, so a seed gives the same archive anywhere.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use topictrend::corpus::{Corpus, DateSource, Issue, Item, Listing, Section, SourceRef};
use topictrend::date::Date;

/// The project's seeded generator (splitmix64), so the archive is reproducible.
pub use topictrend::synth::SplitMix64 as Rng;

/// Shape of an entity's per-article probability over the timeline.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    Steady(f64),
    /// From the first value at t = 0 to the second at t = 1.
    Linear(f64, f64),
    /// 0 before t, then p.
    Arrives(f64, f64),
    /// p until t, then 0.
    Stops(f64, f64),
}

impl Shape {
    pub fn p(self, t: f64) -> f64 {
        match self {
            Shape::Steady(p) => p,
            Shape::Linear(a, b) => a + (b - a) * t,
            Shape::Arrives(at, p) => {
                if t >= at {
                    p
                } else {
                    0.0
                }
            }
            Shape::Stops(at, p) => {
                if t < at {
                    p
                } else {
                    0.0
                }
            }
        }
    }
}

/// Planted entities, their shape and the label the analysis must give them.
pub const PLANTS: [(&str, Shape, &str); 9] = [
    ("Kafka", Shape::Linear(0.02, 0.12), "rising"),
    ("Hadoop", Shape::Linear(0.15, 0.03), "falling"),
    ("Iceberg", Shape::Arrives(0.6, 0.07), "new"),
    ("Pig", Shape::Stops(0.72, 0.07), "quiet"),
    ("Spark", Shape::Steady(0.12), "steady"),
    ("Hive", Shape::Steady(0.06), "steady"),
    ("Airflow", Shape::Steady(0.035), "steady"),
    ("Presto", Shape::Steady(0.025), "steady"),
    ("Kafka Streams", Shape::Steady(0.015), "steady"),
];

/// The associated pair: both named in an article with probability `PAIR_BOTH`, and each alone
/// with probability `PAIR_ALONE`; both are steady.
pub const PAIR: (&str, &str) = ("Beam", "Flink");
pub const PAIR_BOTH: f64 = 0.04;
pub const PAIR_ALONE: f64 = 0.01;

/// The sponsor named in every issue's sponsor line and nowhere else.
pub const SPONSOR: &str = "Snowflake";

/// The skipped month.
pub const SKIPPED: (i32, u32) = (2016, 8);

const TECHNOLOGIES: &str = "name,topic,aliases,case,parent,context,notes
Airflow,orchestration,Apache Airflow,,,,
Beam,streaming,Apache Beam,sensitive,,,
Flink,streaming,Apache Flink,,,,
Hadoop,batch processing,Apache Hadoop,,,,
Hive,query engines,Apache Hive,sensitive,,,
Iceberg,storage and formats,Apache Iceberg,,,,
Kafka,streaming,Apache Kafka,,,,
Kafka Streams,streaming,,,Kafka,,
Pig,batch processing,Apache Pig,sensitive,,,
Presto,query engines,PrestoDB,sensitive,,,
Spark,batch processing,Apache Spark,sensitive,,,
";
const ORGANISATIONS: &str = "name,topic,aliases,case,parent,context,notes
Snowflake,vendor,,,,,
";
const CITIES: &str = "name,country,continent,metro,aliases,notes
Berlin,Germany,Europe,,,
London,United Kingdom,Europe,,,
San Francisco,United States,North America,,SF,
";

/// Writes the three lexicon tables into `dir` and returns it.
pub fn write_lexicon(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).expect("create lexicon dir");
    for (name, text) in [
        ("technologies.csv", TECHNOLOGIES),
        ("organisations.csv", ORGANISATIONS),
        ("cities.csv", CITIES),
    ] {
        std::fs::write(dir.join(name), text).expect("write lexicon table");
    }
    dir.to_path_buf()
}

fn item(index: u32, section: Section, text: String, listing: Option<Listing>) -> Item {
    Item::new(index, section, text, Vec::new(), 0, listing.map(Box::new))
}

/// One article: the names drawn for it, or filler when none.
fn article(rng: &mut Rng, t: f64, k: u32) -> String {
    let mut names: Vec<&str> = PLANTS
        .iter()
        .filter(|(_, s, _)| rng.unit() < s.p(t))
        .map(|(n, _, _)| *n)
        .collect();
    if rng.unit() < PAIR_BOTH {
        names.extend([PAIR.0, PAIR.1]);
    } else {
        names.extend(
            [PAIR.0, PAIR.1]
                .into_iter()
                .filter(|_| rng.unit() < PAIR_ALONE),
        );
    }
    if names.is_empty() {
        format!("Post {k} looks at data teams and their pipelines.")
    } else {
        format!("Post {k} has notes on {} in production.", names.join(", "))
    }
}

fn listing(rng: &mut Rng, date: Date) -> (String, Listing) {
    let city = ["Berlin", "London", "San Francisco", "Atlantis"][rng.range(0, 3) as usize];
    let day = date.add_days(rng.range(1, 6) as i32);
    let title = "Streaming Meetup".to_string();
    let (_, month, d) = day.ymd();
    let text = format!(
        "{title} ({city}) - {}, {} {d}",
        topictrend::date::WEEKDAYS[day.weekday() as usize],
        topictrend::date::MONTHS[month as usize - 1]
    );
    (text, Listing::new(&title, city, day.weekday(), month, d))
}

fn issue(rng: &mut Rng, number: u32, date: Date, t: f64) -> Issue {
    let mut items = vec![item(
        0,
        Section::Intro,
        format!("This week: Kafka and more in issue {number}."),
        None,
    )];
    for k in 0..rng.range(4, 24) {
        items.push(item(
            items.len() as u32,
            Section::Article,
            article(rng, t, k),
            None,
        ));
    }
    items.push(item(
        items.len() as u32,
        Section::Sponsor,
        format!("Sponsored by {SPONSOR}: try the data cloud."),
        None,
    ));
    for _ in 0..rng.range(0, 2) {
        let (text, l) = listing(rng, date);
        items.push(item(items.len() as u32, Section::Event, text, Some(l)));
    }
    Issue {
        number,
        heading: format!("Data Eng Weekly #{number}"),
        date: Some(date),
        date_source: DateSource::Written,
        source: SourceRef {
            file: PathBuf::from("planted.txt"),
            line: number,
        },
        items,
    }
}

/// The archive for `seed`.
pub fn generate(seed: u64) -> Corpus {
    let mut rng = Rng::new(seed);
    let (start, end) = (
        Date::from_ymd(2014, 1, 5).expect("date"),
        Date::from_ymd(2019, 12, 8).expect("date"),
    );
    let span = (end.days() - start.days()) as f64;
    let mut issues = Vec::new();
    let mut day = start;
    while day <= end {
        let (y, m, _) = day.ymd();
        let skip = (y, m) == SKIPPED || (day != end && rng.unit() < 0.03);
        if !skip {
            let t = (day.days() - start.days()) as f64 / span;
            issues.push(issue(&mut rng, issues.len() as u32 + 1, day, t));
        }
        day = day.add_days(7);
    }
    Corpus::from_issues(issues)
}
