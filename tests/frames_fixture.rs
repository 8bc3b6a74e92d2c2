//! Hand-made archives for the frames and analysis tests: a lexicon built in code, issues
//! whose items name entities by id, and the extraction those names imply (no matcher), so every
//! count in a test can be worked out by hand from the spec.

#![allow(dead_code)]

use std::path::PathBuf;
use topictrend::corpus::{Corpus, DateSource, Issue, Item, Listing, Section, SourceRef};
use topictrend::date::Date;
use topictrend::extract::{Event, Extraction, Mention, Via};
use topictrend::frames::{self, Frames};
use topictrend::lexicon::{CasePolicy, Category, Entity, EntityId, Lexicon};

/// A lexicon row: name, category, topic, parent id.
pub fn entity(name: &str, category: Category, topic: &str, parent: Option<EntityId>) -> Entity {
    let city = category == Category::City;
    Entity {
        name: name.into(),
        category,
        topic: topic.into(),
        aliases: Vec::new(),
        case: CasePolicy::Insensitive,
        parent,
        rules: Vec::new(),
        country: city.then(|| "Germany".to_string()),
        continent: city.then(|| topic.to_string()),
        metro: None,
        origin: Default::default(),
        file: PathBuf::from("fixture.csv"),
        line: 2,
    }
}

/// Ids: 0 Kafka, 1 Kafka Streams (parent Kafka), 2 ksqlDB (parent Kafka Streams), 3 Spark,
/// 4 Airflow, 5 Confluent (organisation), 6 Berlin (city, Europe).
pub fn lexicon() -> Lexicon {
    use Category::*;
    Lexicon {
        entities: vec![
            entity("Kafka", Technology, "streaming", None),
            entity("Kafka Streams", Technology, "streaming", Some(0)),
            entity("ksqlDB", Technology, "streaming", Some(1)),
            entity("Spark", Technology, "batch processing", None),
            entity("Airflow", Technology, "orchestration", None),
            entity("Confluent", Organisation, "vendor", None),
            entity("Berlin", City, "Europe", None),
        ],
        ..Lexicon::default()
    }
}

/// One item: its section and the entity ids it names (a name may repeat).
pub type ItemSpec = (Section, Vec<EntityId>);

/// One issue: number, ISO date, items.
pub struct IssueSpec {
    pub number: u32,
    pub date: Option<&'static str>,
    pub items: Vec<ItemSpec>,
}

pub fn issue(number: u32, date: &'static str, items: Vec<ItemSpec>) -> IssueSpec {
    IssueSpec {
        number,
        date: Some(date),
        items,
    }
}

/// An item's text ("Kafka and Spark") and the mentions it holds.
fn text_and_mentions(
    lex: &Lexicon,
    number: u32,
    index: u32,
    ids: &[EntityId],
) -> (String, Vec<Mention>) {
    let mut text = String::from("On");
    let mut mentions = Vec::new();
    for &id in ids {
        text.push(' ');
        let start = text.len() as u32;
        text.push_str(&lex.entities[id as usize].name);
        mentions.push(Mention {
            issue: number,
            item: index,
            entity: id,
            start,
            end: text.len() as u32,
            via: Via::Text,
        });
        text.push_str(" and");
    }
    (text, mentions)
}

/// Corpus and extraction for the specs. Event items become listings in their first entity's
/// city (or an unresolved place when they name none).
pub fn build(lex: &Lexicon, specs: &[IssueSpec]) -> (Corpus, Extraction) {
    let mut corpus = Corpus::default();
    let mut extraction = Extraction::default();
    for spec in specs {
        let date = spec.date.and_then(Date::parse_iso);
        let mut items = Vec::new();
        for (index, (section, ids)) in spec.items.iter().enumerate() {
            let index = index as u32;
            let (text, mentions) = text_and_mentions(lex, spec.number, index, ids);
            let listing = (*section == Section::Event).then(|| listing_of(lex, ids));
            if listing.is_some() {
                let city = ids
                    .first()
                    .copied()
                    .filter(|id| lex.entities[*id as usize].category == Category::City);
                extraction.events.push(Event {
                    issue: spec.number,
                    item: index,
                    event_date: date,
                    city,
                });
            }
            extraction.mentions.extend(mentions);
            items.push(Item::new(
                index,
                *section,
                text,
                vec!["https://example.com".into()],
                index + 3,
                listing.map(Box::new),
            ));
        }
        corpus.issues.push(Issue {
            number: spec.number,
            heading: format!("Data Eng Weekly #{}", spec.number),
            date,
            date_source: if date.is_some() {
                DateSource::Written
            } else {
                DateSource::None
            },
            source: SourceRef {
                file: PathBuf::from("fixture.txt"),
                line: spec.number,
            },
            items,
        });
    }
    (corpus, extraction)
}

fn listing_of(lex: &Lexicon, ids: &[EntityId]) -> Listing {
    let city = ids.first().map_or("Atlantis".to_string(), |id| {
        lex.entities[*id as usize].name.clone()
    });
    Listing::new("Meetup", &city, 1, 1, 1)
}

/// Frames for the specs over `lexicon()`.
pub fn frames(specs: &[IssueSpec]) -> Frames {
    let lex = lexicon();
    let (corpus, extraction) = build(&lex, specs);
    frames::build(&corpus, &lex, &extraction).expect("fixture frames build")
}
