//! Frames: schemas, dtypes, order, family heads, surfaces, events, and the errors for an
//! extraction that does not fit its corpus.

use super::frames_fixture::{self as fx, issue};
use polars::prelude::*;
use topictrend::corpus::Section::*;
use topictrend::extract::{Mention, Via};
use topictrend::frames::{self, encode, FramesError};
use topictrend::render::csv::{to_csv, CsvSpec};

fn names(df: &DataFrame) -> Vec<String> {
    df.get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn strings(df: &DataFrame, col: &str) -> Vec<Option<String>> {
    let c = df.column(col).unwrap().cast(&DataType::String).unwrap();
    c.str()
        .unwrap()
        .iter()
        .map(|s| s.map(str::to_string))
        .collect()
}

fn u32s(df: &DataFrame, col: &str) -> Vec<u32> {
    df.column(col)
        .unwrap()
        .u32()
        .unwrap()
        .iter()
        .map(|v| v.unwrap())
        .collect()
}

fn specs() -> Vec<fx::IssueSpec> {
    vec![
        // Given out of order: frames sort by issue.
        issue(
            2,
            "2019-01-13",
            vec![(Article, vec![2, 0]), (Event, vec![6]), (Event, vec![])],
        ),
        issue(
            1,
            "2019-01-06",
            vec![
                (Intro, vec![0]),
                (Article, vec![3, 3, 1]),
                (Sponsor, vec![5]),
                (Other, vec![]),
            ],
        ),
    ]
}

#[test]
fn schemas_and_dtypes() {
    let f = fx::frames(&specs());
    let cols = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
    assert_eq!(
        names(&f.issues),
        cols("issue date date_source year items intro article sponsor event other file line")
    );
    assert_eq!(
        names(&f.items),
        cols("issue item section date line link links publisher"),
        "the item text stays in the corpus; items.csv adds it"
    );
    assert_eq!(
        names(&f.mentions),
        cols("issue date section item entity category topic parent origin surface start end via"),
        "the matched text is a category over the distinct spellings"
    );
    assert_eq!(
        names(&f.events),
        cols("issue date item event_date title place city country continent metro resolved")
    );
    for (df, col) in [
        (&f.mentions, "entity"),
        (&f.mentions, "parent"),
        (&f.mentions, "date"),
        (&f.mentions, "surface"),
        (&f.mentions, "via"),
        (&f.items, "section"),
        (&f.items, "publisher"),
        (&f.events, "continent"),
        (&f.events, "place"),
        (&f.events, "metro"),
    ] {
        assert!(
            df.column(col).unwrap().dtype().is_categorical(),
            "{col} is categorical"
        );
    }
    assert_eq!(f.issues.column("date").unwrap().dtype(), &DataType::String);
    assert_eq!(f.events.column("title").unwrap().dtype(), &DataType::String);
    assert_eq!(f.issues.column("year").unwrap().dtype(), &DataType::Int32);
}

#[test]
fn issues_and_items_are_sorted_and_counted() {
    let f = fx::frames(&specs());
    assert_eq!(u32s(&f.issues, "issue"), vec![1, 2]);
    assert_eq!(u32s(&f.issues, "article"), vec![1, 1]);
    assert_eq!(u32s(&f.issues, "event"), vec![0, 2]);
    assert_eq!(u32s(&f.issues, "items"), vec![4, 3]);
    assert_eq!(
        strings(&f.issues, "date_source"),
        vec![Some("written".into()), Some("written".into())]
    );
    assert_eq!(u32s(&f.items, "issue"), vec![1, 1, 1, 1, 2, 2, 2]);
    assert_eq!(u32s(&f.items, "item"), vec![0, 1, 2, 3, 0, 1, 2]);
    assert_eq!(strings(&f.items, "section")[2].as_deref(), Some("sponsor"));
    assert_eq!(strings(&f.items, "date")[4].as_deref(), Some("2019-01-13"));
    assert_eq!(u32s(&f.items, "links"), vec![1; 7]);
}

#[test]
fn mentions_carry_family_heads_and_surfaces() {
    let f = fx::frames(&specs());
    let m = &f.mentions;
    // Issue 1: intro [Kafka], article [Spark, Spark, Kafka Streams], sponsor [Confluent];
    // issue 2: article [ksqlDB, Kafka], event [Berlin]. Sorted by issue, item, start.
    assert_eq!(u32s(m, "issue"), vec![1, 1, 1, 1, 1, 2, 2, 2]);
    assert_eq!(u32s(m, "item"), vec![0, 1, 1, 1, 2, 0, 0, 1]);
    let entity: Vec<String> = strings(m, "entity")
        .into_iter()
        .map(Option::unwrap)
        .collect();
    let want = [
        "Kafka",
        "Spark",
        "Spark",
        "Kafka Streams",
        "Confluent",
        "ksqlDB",
        "Kafka",
        "Berlin",
    ];
    assert_eq!(entity, want.map(String::from).to_vec());
    let section = strings(m, "section");
    assert_eq!(section[0].as_deref(), Some("intro"));
    assert_eq!(section[7].as_deref(), Some("event"));
    let parent = strings(m, "parent");
    let ksql = entity.iter().position(|e| e == "ksqlDB").unwrap();
    assert_eq!(
        parent[ksql].as_deref(),
        Some("Kafka"),
        "grandchild rolls up to the root"
    );
    let spark = entity.iter().position(|e| e == "Spark").unwrap();
    assert_eq!(parent[spark].as_deref(), Some("Spark"), "no parent: itself");
    // The matched text is a category over the distinct spellings: each row's is the slice of
    // its item text (the fixture names every entity by its own name).
    assert_eq!(
        strings(m, "surface"),
        want.map(|w| Some(w.to_string())).to_vec()
    );
    let lex = fx::lexicon();
    let (corpus, extraction) = fx::build(&lex, &specs());
    let sorted = frames::build(&corpus, &lex, &extraction).expect("frames");
    let files = topictrend::render::report::frame_files(&corpus, &sorted, false).expect("files");
    let rows = |path: &str| -> Vec<csv::StringRecord> {
        let (_, body) = files.iter().find(|(p, _)| p == path).expect(path);
        let bytes = body.to_bytes().expect("csv");
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let mut out = vec![reader.headers().expect("header").clone()];
        out.extend(reader.records().map(|r| r.expect("row")));
        out
    };
    let mentions = rows("csv/mentions.csv");
    let at = mentions[0]
        .iter()
        .position(|h| h == "surface")
        .expect("surface");
    assert_eq!(at, 9, "after parent and origin");
    let surfaces: Vec<&str> = mentions[1..].iter().map(|r| &r[at]).collect();
    assert_eq!(surfaces, want.to_vec());
    // items.csv takes each row's text from its own item, though the corpus lists issue 2 first.
    for row in &rows("csv/items.csv")[1..] {
        let (n, i): (u32, usize) = (row[0].parse().unwrap(), row[1].parse().unwrap());
        let issue = corpus.issues.iter().find(|x| x.number == n).unwrap();
        assert_eq!(
            &row[5],
            crate::util::item_text(&corpus, issue, &issue.items[i]),
            "issue {n} item {i}"
        );
    }
    assert_eq!(strings(m, "category")[4].as_deref(), Some("organisation"));
    assert_eq!(strings(m, "topic")[0].as_deref(), Some("streaming"));
    // Codes follow lexicon order; names come back from the dtype.
    let col = m.column("entity").unwrap();
    assert_eq!(encode::codes(col).unwrap()[0], Some(0));
    assert_eq!(encode::names(col).unwrap()[6], "Berlin");
}

#[test]
fn events_resolve_places() {
    let f = fx::frames(&specs());
    let e = &f.events;
    assert_eq!(e.height(), 2);
    assert_eq!(strings(e, "city"), vec![Some("Berlin".into()), None]);
    assert_eq!(strings(e, "continent"), vec![Some("Europe".into()), None]);
    assert_eq!(strings(e, "place")[1].as_deref(), Some("Atlantis"));
    let resolved: Vec<_> = e
        .column("resolved")
        .unwrap()
        .bool()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(resolved, vec![Some(true), Some(false)]);
}

#[test]
fn empty_archive_gives_empty_frames() {
    let f = fx::frames(&[]);
    assert_eq!(
        (
            f.issues.height(),
            f.items.height(),
            f.mentions.height(),
            f.events.height()
        ),
        (0, 0, 0, 0)
    );
}

#[test]
fn extraction_that_does_not_fit_is_an_error() {
    let lex = fx::lexicon();
    let (corpus, ext) = fx::build(&lex, &specs());
    let with = |m: Mention| {
        let mut e = ext.clone();
        e.mentions.push(m);
        frames::build(&corpus, &lex, &e).unwrap_err()
    };
    let m = Mention {
        issue: 1,
        item: 1,
        entity: 0,
        start: 0,
        end: 2,
        via: Via::Text,
    };
    assert!(matches!(
        with(Mention { issue: 9, ..m }),
        FramesError::UnknownItem { issue: 9, item: 1 }
    ));
    assert!(matches!(
        with(Mention { item: 7, ..m }),
        FramesError::UnknownItem { issue: 1, item: 7 }
    ));
    assert!(matches!(
        with(Mention { entity: 99, ..m }),
        FramesError::UnknownEntity { entity: 99, .. }
    ));
    assert!(matches!(
        with(Mention { end: 999, ..m }),
        FramesError::BadSpan { end: 999, .. }
    ));
    // An event whose item is no listing has no title or place to show.
    let mut e = ext.clone();
    e.events.push(topictrend::extract::Event {
        issue: 1,
        item: 0,
        event_date: None,
        city: None,
    });
    let err = frames::build(&corpus, &lex, &e).unwrap_err();
    assert!(
        matches!(err, FramesError::NotListing { issue: 1, item: 0 }),
        "{err}"
    );
}

#[test]
fn the_item_frames_are_handed_over_while_the_frames_are_built() {
    let lex = fx::lexicon();
    let (corpus, extraction) = fx::build(&lex, &specs());
    let csv = |df: &DataFrame| to_csv("t", df, &CsvSpec::default()).expect("csv");
    let none = || (Default::default(), Vec::new());
    let (frames, seen) = frames::build_with(
        &corpus,
        &lex,
        extraction.clone(),
        none(),
        |issues, items| Ok::<_, FramesError>((csv(issues), csv(items))),
    )
    .expect("frames");
    assert!(frames.items.height() > 0 && frames.mentions.height() > 0);
    assert_eq!(seen, (csv(&frames.issues), csv(&frames.items)));
    // The hand-over's error is the build's.
    let refused = FramesError::BadLink {
        issue: 9,
        item: 9,
        link: 9,
    };
    let failed = frames::build_with(&corpus, &lex, extraction, none(), |_, _| {
        Err::<(), _>(refused)
    });
    assert!(matches!(failed, Err(FramesError::BadLink { issue: 9, .. })));
}
