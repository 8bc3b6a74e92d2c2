//! Render stage, tables: CSV quoting, float precision, types, empty frames and line ends;
//! Markdown tables and number helpers as the report uses them; Parquet availability.

use polars::prelude::*;
use topictrend::render::csv::{to_csv, write_csv_with_text, CsvSpec, LineEnding, TextColumn};
use topictrend::render::markdown::{self, Align, Table};
use topictrend::render::parquet;

use crate::util;

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).expect("CSV is UTF-8")
}

#[test]
fn quotes_commas_quotes_and_newlines() {
    let s = Column::new(
        "entity".into(),
        ["Delta (Netflix)", "a,b", "say \"hi\"", "two\nlines", ""],
    );
    let df = DataFrame::new_infer_height(vec![s]).expect("frame");
    let out = text(to_csv("t", &df, &CsvSpec::default().line_ending(LineEnding::Lf)).expect("csv"));
    assert_eq!(
        out,
        "entity\nDelta (Netflix)\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"two\nlines\"\n\"\"\n"
    );
}

#[test]
fn floats_use_the_column_precision_and_nulls_are_empty() {
    let share = Column::new(
        "share".into(),
        [Some(0.123456), None, Some(-0.00001), Some(f64::NAN)],
    );
    let p = Column::new(
        "p_value".into(),
        [Some(0.0000123456), Some(1.0), Some(0.0), None],
    );
    let npmi = Column::new(
        "npmi".into(),
        [
            Some(0.5f64),
            Some(-1.0),
            Some(f64::INFINITY),
            Some(1.0 / 3.0),
        ],
    );
    let df = DataFrame::new_infer_height(vec![share, p, npmi]).expect("frame");
    let spec = CsvSpec::default()
        .line_ending(LineEnding::Lf)
        .fixed("share", 2)
        .scientific("p_value", 3);
    let out = text(to_csv("t", &df, &spec).expect("csv"));
    let want = "share,p_value,npmi\n0.12,1.235e-05,0.5000\n,1.000e+00,-1.0000\n0.00,0.000e+00,inf\nNaN,,0.3333\n";
    assert_eq!(out, want);
}

#[test]
fn integers_booleans_categoricals_and_crlf() {
    let cat = DataType::from_categories(Categories::global());
    let topic = Column::new("topic".into(), ["streaming", "ml"])
        .cast(&cat)
        .expect("categorical");
    let cols = vec![
        topic,
        Column::new("items".into(), [7u32, 12]),
        Column::new("delta".into(), [-3i32, 4]),
        Column::new("big".into(), [i64::MIN, 0]),
        Column::new("ubig".into(), [u64::MAX, 1]),
        Column::new("core".into(), [Some(true), None]),
    ];
    let df = DataFrame::new_infer_height(cols).expect("frame");
    // The default line end is RFC 4180's CRLF.
    let spec = CsvSpec::default();
    let out = text(to_csv("t", &df, &spec).expect("csv"));
    let want = "topic,items,delta,big,ubig,core\r\nstreaming,7,-3,-9223372036854775808,18446744073709551615,true\r\nml,12,4,0,1,\r\n";
    assert_eq!(out, want);
}

#[test]
fn a_text_column_from_outside_the_frame_is_inserted_in_place() {
    let df = DataFrame::new_infer_height(vec![
        Column::new("issue".into(), [1u32, 2]),
        Column::new("link".into(), [Some("https://a"), None]),
    ])
    .expect("frame");
    let spec = CsvSpec::default().line_ending(LineEnding::Lf);
    let column = |values: &'static [&'static str]| TextColumn {
        at: 1,
        name: "text",
        rows: values.len(),
        reader: Box::new(move || {
            Box::new(move |row, emit: &mut dyn FnMut(&[u8])| {
                emit(values[row].as_bytes());
                Ok(())
            })
        }),
    };
    let mut out = Vec::new();
    write_csv_with_text(
        "items",
        &df,
        &spec,
        Some(column(&["one", "t,wo"])),
        &mut out,
    )
    .expect("csv");
    assert_eq!(text(out), "issue,text,link\n1,one,https://a\n2,\"t,wo\",\n");
    let short = write_csv_with_text("items", &df, &spec, Some(column(&["one"])), &mut Vec::new());
    let message = short.expect_err("one text for two rows").to_string();
    assert!(
        message.contains("items") && message.contains("1 values for 2 rows"),
        "{message}"
    );
}

#[test]
fn long_tables_are_written_in_order_across_parallel_chunks() {
    // More rows than one wave of chunks, so several waves and a short last chunk are written.
    let n: u32 = 300_007;
    let df = DataFrame::new_infer_height(vec![
        Column::new("row".into(), (0..n).collect::<Vec<u32>>()),
        Column::new(
            "label".into(),
            (0..n).map(|i| format!("r,{i}")).collect::<Vec<_>>(),
        ),
    ])
    .expect("frame");
    let out = text(to_csv("t", &df, &CsvSpec::default()).expect("csv"));
    let mut want = String::from("row,label\r\n");
    for i in 0..n {
        want.push_str(&format!("{i},\"r,{i}\"\r\n"));
    }
    assert!(out == want, "rows out of order or missing");
}

#[test]
fn empty_frames_give_a_header_or_nothing() {
    let cols = vec![
        Column::new("entity".into(), Vec::<String>::new()),
        Column::new("n".into(), Vec::<u32>::new()),
    ];
    let df = DataFrame::new_infer_height(cols).expect("frame");
    assert_eq!(
        text(to_csv("t", &df, &CsvSpec::default().line_ending(LineEnding::Lf)).expect("csv")),
        "entity,n\n"
    );
    assert!(to_csv("t", &DataFrame::empty(), &CsvSpec::default())
        .expect("csv")
        .is_empty());
}

#[test]
fn a_spec_for_a_missing_column_is_an_error() {
    let df = DataFrame::new_infer_height(vec![Column::new("n".into(), [1u32])]).expect("frame");
    let err = to_csv("entities", &df, &CsvSpec::default().fixed("share", 2)).expect_err("typo");
    assert!(
        err.to_string().contains("entities") && err.to_string().contains("share"),
        "{err}"
    );
}

/// A frame shaped like the report's entity table, with awkward names and nulls.
fn entity_frame() -> DataFrame {
    let cat = DataType::from_categories(Categories::global());
    let names = [
        "Kafka",
        "Delta (Netflix)",
        "Acme, Inc.",
        "The \"morning\" paper",
        "Two\nLines",
    ];
    let cols = vec![
        Column::new("entity".into(), names),
        Column::new(
            "category".into(),
            [
                "technology",
                "technology",
                "organisation",
                "organisation",
                "technology",
            ],
        )
        .cast(&cat)
        .expect("categorical"),
        Column::new("items".into(), [412u32, 205, 3, 1, 0]),
        Column::new("share".into(), [0.2104, 0.10475, 0.00153, 0.000511, 0.0]),
        Column::new(
            "p_value".into(),
            [Some(1.2e-12), Some(0.0347), Some(0.5), None, Some(1.0)],
        ),
        Column::new(
            "rising".into(),
            [Some(true), Some(false), None, Some(false), Some(true)],
        ),
    ];
    DataFrame::new_infer_height(cols).expect("frame")
}

#[test]
fn entity_table_matches_its_golden_file() {
    let spec = CsvSpec::default()
        .fixed("share", 4)
        .scientific("p_value", 2);
    let out = to_csv("entities", &entity_frame(), &spec).expect("csv");
    let golden = util::root().join("tests/fixtures/render/entities.csv");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &out).expect("write golden");
    }
    assert_eq!(
        text(out.clone()),
        text(std::fs::read(&golden).expect("golden file"))
    );
    assert_eq!(
        out,
        to_csv("entities", &entity_frame(), &spec).expect("csv"),
        "deterministic"
    );
}

#[test]
fn markdown_table_for_the_report() {
    let mut t = Table::new(["Entity", "Items", "Share"])
        .numbers_from(1)
        .align(0, Align::Left);
    for (name, items, share) in [("Kafka", 1234u32, 0.21041), ("Delta | Lake", 7, 0.0012)] {
        let row = [
            name.to_string(),
            markdown::thousands(items),
            markdown::fraction_percent(share),
        ];
        t.push(row).expect("row fits");
    }
    let want = "\
| Entity        | Items | Share |
| :------------ | ----: | ----: |
| Kafka         | 1,234 | 21.0% |
| Delta \\| Lake |     7 |  0.1% |
";
    assert_eq!(t.render(), want);
    assert_eq!(t.len(), 2);
}

#[test]
fn parquet_is_written_or_refused_clearly() {
    let result = parquet::to_parquet("entities", &entity_frame());
    if parquet::available() {
        let bytes = result.expect("parquet");
        assert_eq!(&bytes[..4], b"PAR1");
    } else {
        let err = result.expect_err("built without parquet").to_string();
        assert!(err.contains("cargo build --features parquet"), "{err}");
    }
}
