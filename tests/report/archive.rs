//! The report on a generated multi-year archive (`topictrend synth`): month trends, quarter
//! charts, a year review with a year before it, well-formed charts and CSVs, working links.

use super::{check_charts, check_csvs, check_links, files};
use crate::util;

fn run(args: &[&str]) {
    let lexicon = util::default_lexicon();
    let lexicon = lexicon.to_str().expect("UTF-8 path");
    util::run_ok(&[args, &["--lexicon", lexicon]].concat());
}

#[test]
fn multi_year_archive_reads_well() {
    let dir = util::workdir("report-archive");
    let archive = dir.join("archive.txt");
    let out = dir.join("out");
    let corpus = util::default_corpus();
    let (a, o) = (archive.to_str().unwrap(), out.to_str().unwrap());
    run(&[
        "synth",
        corpus.to_str().unwrap(),
        "--megabytes",
        "1",
        "--out",
        a,
    ]);
    run(&["report", a, "--out", o, "--year", "2016"]);
    let all = files(&out);
    let report = String::from_utf8_lossy(&all["report.md"]).into_owned();
    assert!(report.contains("Trends are measured by month"), "{report}");
    assert!(
        report.contains("The time charts are drawn by quarter"),
        "{report}"
    );
    let review = String::from_utf8_lossy(&all["review-2016.md"]).into_owned();
    for heading in [
        "## Top 10 of 2016",
        "## Biggest movers",
        "## Newcomers",
        "## Most associated pairs",
        "## Meetups by continent",
        "## Coverage balance",
    ] {
        assert!(review.contains(heading), "{heading}");
    }
    assert!(review.contains("(2015: "), "{review}");
    for text in [&report, &review] {
        assert!(!text.contains("NaN") && !text.contains("n/a"), "{text}");
    }
    assert!(check_charts(&out) >= 10);
    check_csvs(&out);
    check_links(&out);
}
