//! Criterion benches at archive scale: the floor (one leftmost-longest aho-corasick pass with a
//! word-boundary check), extraction, discovery, frames + analysis, and the whole report; and
//! discovery on bad input (one item of capitalised words with no newline) at two sizes, whose
//! throughput must not fall with size (linear work); and reading the same issues as one file
//! and as one file per issue, whose throughputs must stay close (no fixed cost per file).
//!
//! The archive is synthesised in memory from `data/corpus` (`topictrend synth` does the same on
//! disk): `TOPICTREND_BENCH_MB` MiB, default 100. Every timed loop asserts the count it expects,
//! computed once before timing, so a bench cannot time a broken path.
//!
//! Run: `cargo bench --bench pipeline` (README "Performance" has the figures).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;
use topictrend::analysis::{self, AnalysisOptions};
use topictrend::config::Config;
use topictrend::corpus::{self, Corpus, LoadOptions};
use topictrend::discover::{Discoverer, Words};
use topictrend::extract::{Extractor, ENGINE};
use topictrend::frames;
use topictrend::lexicon::{self, Lexicon};

struct Fixture {
    text: String,
    path: PathBuf,
    corpus: Corpus,
    lexicon: Lexicon,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixture() -> Fixture {
    let mb: u64 = std::env::var("TOPICTREND_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let lexicon = lexicon::load(&root().join("data/lexicon")).expect("default lexicon loads");
    let seed = corpus::load(&[root().join("data/corpus")], &LoadOptions::default())
        .expect("default corpus loads");
    let mut bytes = Vec::new();
    topictrend::synth::write_archive(&seed, mb * 1024 * 1024, 42, &mut bytes).expect("synth");
    let dir = std::env::temp_dir().join("topictrend-bench");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let path = dir.join(format!("archive-{mb}mb.txt"));
    std::fs::write(&path, &bytes).expect("write bench archive");
    let text = String::from_utf8(bytes).expect("synth writes UTF-8");
    let corpus =
        corpus::load(std::slice::from_ref(&path), &LoadOptions::default()).expect("archive parses");
    Fixture {
        text,
        path,
        corpus,
        lexicon,
    }
}

/// The floor: every alias of the lexicon, ASCII case-folded, one leftmost-longest pass over the
/// raw archive, counting matches that sit on word boundaries. Nothing else.
struct Floor(AhoCorasick);

impl Floor {
    fn new(lexicon: &Lexicon, kind: AhoCorasickKind) -> Floor {
        let mut pats: Vec<String> = lexicon
            .entities
            .iter()
            .flat_map(|e| e.surfaces().map(|s| s.to_ascii_lowercase()))
            .collect();
        pats.sort();
        pats.dedup();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .kind(Some(kind))
            .build(&pats)
            .expect("floor automaton");
        Floor(ac)
    }

    fn count(&self, text: &str) -> usize {
        let b = text.as_bytes();
        let word = |i: usize| b[i].is_ascii_alphanumeric() || b[i] == b'_';
        self.0
            .find_iter(text)
            .filter(|m| {
                (m.start() == 0 || !word(m.start() - 1)) && (m.end() == b.len() || !word(m.end()))
            })
            .count()
    }
}

fn benches(c: &mut Criterion) {
    let fx = fixture();
    let bytes = fx.text.len() as u64;
    let extractor = Extractor::new(&fx.lexicon).expect("extractor");
    let floor = Floor::new(&fx.lexicon, ENGINE);
    let floor_expected = floor.count(&fx.text);
    let expected = extractor
        .extract_sequential(&fx.corpus)
        .expect("texts held");
    assert!(floor_expected > 0 && !expected.mentions.is_empty());
    let frames = frames::build(&fx.corpus, &fx.lexicon, &expected).expect("frames");
    let opts = AnalysisOptions::from_config(
        &Config::with_defaults(vec![], PathBuf::new(), PathBuf::new()),
        None,
    );
    let freq_rows = analysis::analyze(&frames, &fx.lexicon, &opts)
        .expect("analysis")
        .frequency
        .height();

    let words = Words::load(
        Some(&root().join("data/words")),
        &lexicon::Source::Dir(root().join("data/lexicon")),
        &fx.lexicon,
    )
    .expect("word lists");
    let discoverer = Discoverer::new(&fx.lexicon, &words);
    let discovery = discoverer
        .discover_sequential(&fx.corpus, &expected)
        .expect("texts held");
    let discovered = discovery.mentions.len();
    // The report counts the accepted names' mentions beside the lexicon's.
    let counted = expected.mentions.len() + discovery.accepted_mentions().count();
    drop(discovery);
    assert!(discovered > 0);

    let mut g = c.benchmark_group("archive");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .throughput(Throughput::Bytes(bytes));
    g.bench_function("floor", |b| {
        b.iter(|| assert_eq!(black_box(floor.count(&fx.text)), floor_expected))
    });
    g.bench_function("extract", |b| {
        b.iter(|| {
            assert_eq!(
                black_box(extractor.extract(&fx.corpus).expect("texts held"))
                    .mentions
                    .len(),
                expected.mentions.len()
            )
        })
    });
    g.bench_function("discover", |b| {
        b.iter(|| {
            let d = discoverer
                .discover(&fx.corpus, &expected)
                .expect("texts held");
            assert_eq!(black_box(d).mentions.len(), discovered)
        })
    });
    g.bench_function("frames_analysis", |b| {
        b.iter(|| {
            let f = frames::build(&fx.corpus, &fx.lexicon, &expected).expect("frames");
            let a = analysis::analyze(&f, &fx.lexicon, &opts).expect("analysis");
            assert_eq!(a.frequency.height(), freq_rows);
        })
    });
    let out = std::env::temp_dir().join("topictrend-bench/report");
    // Discovery on (the default) and off, in one run: on must stay within 1.25x of off.
    g.bench_function("report", |b| {
        b.iter(|| assert_eq!(whole_report(&fx.path, &out, true), counted))
    });
    g.bench_function("report_discover_off", |b| {
        b.iter(|| assert_eq!(whole_report(&fx.path, &out, false), expected.mentions.len()))
    });
    g.finish();
    bad_input(c, &fx.lexicon, &words);
    many_files(c, &fx.text);
}

/// Reading the archive's first issues (4 MiB, about 900) as one file and as one file per
/// issue, as a curator's folder of posts gives them. The gap is the cost of a file: measured
/// 15.4 ms against 59.7 ms, about 50 us a file (opening, reading, the folder walk). A fixed
/// cost per file shows at once: a 32 MiB read buffer zero-filled for every file once cost
/// 25 ms a file (647 one-issue files took 15.9 s instead of 0.35 s).
fn many_files(c: &mut Criterion, text: &str) {
    const HEADING: &str = "\nData Eng Weekly #";
    let mut starts: Vec<usize> = vec![0];
    starts.extend(text.match_indices(HEADING).map(|(i, _)| i + 1));
    starts.push(text.len());
    let dir = std::env::temp_dir().join("topictrend-bench");
    let folder = dir.join("per-issue");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("per-issue folder");
    let mut end = 0;
    let mut n = 0;
    for (k, w) in starts.windows(2).enumerate() {
        if w[0] >= 4 * 1024 * 1024 {
            break;
        }
        let path = folder.join(format!("issue-{k:05}.txt"));
        std::fs::write(path, &text[w[0]..w[1]]).expect("write issue");
        (end, n) = (w[1], k + 1);
    }
    let one = dir.join("first-issues.txt");
    std::fs::write(&one, &text[..end]).expect("write first issues");
    let load = |path: &Path| {
        corpus::load(&[path.to_path_buf()], &LoadOptions::default())
            .expect("issues parse")
            .issues
            .len()
    };
    assert_eq!((load(&one), load(&folder)), (n, n));
    let mut g = c.benchmark_group("files");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.throughput(Throughput::Bytes(end as u64));
    g.bench_function("one_file", |b| b.iter(|| assert_eq!(load(&one), n)));
    g.bench_function("file_per_issue", |b| {
        b.iter(|| assert_eq!(load(&folder), n))
    });
    g.finish();
}

/// Discovery on one item of `mb` MiB: capitalised words with no newline, as a run of
/// headline text or a pasted table would give. Criterion's throughput at 1, 4 and 16 MiB shows
/// whether the work grows linearly.
fn bad_input(c: &mut Criterion, lexicon: &Lexicon, words: &Words) {
    let extractor = Extractor::new(lexicon).expect("extractor");
    let discoverer = Discoverer::new(lexicon, words);
    let mut g = c.benchmark_group("bad_input");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    for mb in [1usize, 4, 16] {
        let dir = std::env::temp_dir().join("topictrend-bench");
        let path = dir.join(format!("one-line-{mb}mb.txt"));
        let words_line = "Zorbing Quuxly Flimflam Wobbleton Snorkel Zorbex, Quuxly 2.0 is a tool. ";
        let line = words_line.repeat(mb * 1024 * 1024 / words_line.len());
        std::fs::write(&path, format!("Data Eng Weekly #1\n\n{line}\n")).expect("write");
        let corpus =
            corpus::load(std::slice::from_ref(&path), &LoadOptions::default()).expect("parses");
        let found = extractor.extract(&corpus).expect("texts held");
        let expected = discoverer
            .discover_sequential(&corpus, &found)
            .expect("texts held")
            .entities
            .len();
        g.throughput(Throughput::Bytes(line.len() as u64));
        g.bench_function(format!("discover_{mb}mb"), |b| {
            b.iter(|| {
                let d = discoverer.discover(&corpus, &found).expect("texts held");
                assert_eq!(black_box(d).entities.len(), expected)
            })
        });
    }
    g.finish();
}

/// The whole `topictrend report` on the archive file: read, extract (and discover, with
/// `discover`), analyse, render, write; the mentions counted.
fn whole_report(archive: &Path, out: &Path, discover: bool) -> usize {
    let mut config = Config::with_defaults(
        vec![archive.to_path_buf()],
        root().join("data/lexicon"),
        out.to_path_buf(),
    );
    config.discover = discover;
    topictrend::cmd::write_report(&config)
        .expect("report")
        .mentions
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
