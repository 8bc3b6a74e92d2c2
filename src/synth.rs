//! A scale-archive generator for benchmarks: recombines real items of a parsed corpus into a
//! multi-year plain-text archive with new issue numbers, written dates and re-dated listings.
//!
//! The output is the same plain-text format the corpus reader takes, written as a stream (one
//! issue at a time), so a 1 GiB archive never sits in memory. Same corpus + seed + size gives
//! byte-identical output.

use crate::corpus::{Corpus, CorpusError, Item, Section};
use crate::date::{Date, MONTHS, WEEKDAYS};
use std::io::{self, Write};
use std::rc::Rc;

/// First issue date of a synthetic archive (a Sunday, the newsletter's publication day).
pub const SYNTH_START: (i32, u32, u32) = (2013, 1, 6);

/// A small, fast, seeded generator (splitmix64: Steele, Lea, Flood 2014); reproducible across
/// platforms. Also drives the planted-trend test archive (tests/planted_gen.rs).
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform integer in `lo..=hi` (lo <= hi).
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next_u64() % (hi.saturating_sub(lo) as u64 + 1)) as u32
    }
}

/// Pools of real items by section, drawn from when writing synthetic issues.
struct Pools<'a> {
    intros: Vec<Drawn<'a>>,
    articles: Vec<Drawn<'a>>,
    sponsors: Vec<Drawn<'a>>,
    events: Vec<Drawn<'a>>,
}

/// An item of the corpus and its text, read through the corpus (wherever it keeps it).
#[derive(Clone)]
struct Drawn<'a> {
    item: &'a Item,
    text: Rc<str>,
}

impl<'a> Pools<'a> {
    /// Fails only when the corpus cannot read a text back (see `Corpus::items`).
    fn new(corpus: &'a Corpus) -> Result<Pools<'a>, CorpusError> {
        let mut all = Vec::new();
        let mut items = corpus.items();
        for (issue, item) in corpus
            .issues
            .iter()
            .flat_map(|i| i.items.iter().map(move |t| (i, t)))
        {
            let text = items.text(issue.number, item.index)?.into();
            all.push(Drawn { item, text });
        }
        let pick = |keep: &dyn Fn(&Item) -> bool| -> Vec<Drawn<'a>> {
            all.iter().filter(|d| keep(d.item)).cloned().collect()
        };
        Ok(Pools {
            intros: pick(&|i| i.section == Section::Intro),
            articles: pick(&|i| i.section == Section::Article),
            sponsors: pick(&|i| i.section == Section::Sponsor),
            events: pick(&|i| i.listing.is_some()),
        })
    }
}

/// What a synth run produced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SynthSummary {
    pub issues: u32,
    pub bytes: u64,
}

/// Writes issues to `out` until at least `target_bytes` are written.
/// Fails only on I/O errors, or when the corpus has no article items to recombine.
pub fn write_archive<W: Write>(
    corpus: &Corpus,
    target_bytes: u64,
    seed: u64,
    out: &mut W,
) -> io::Result<SynthSummary> {
    let pools = Pools::new(corpus).map_err(io::Error::other)?;
    if pools.articles.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "corpus has no article items",
        ));
    }
    let mut rng = SplitMix64::new(seed);
    let (y, m, d) = SYNTH_START;
    let start = Date::from_ymd(y, m, d).unwrap_or(Date::from_days(0));
    let mut written = 0u64;
    let mut number = 0u32;
    let mut buf = String::with_capacity(16 * 1024);
    while written < target_bytes {
        number += 1;
        buf.clear();
        let date = start.add_days(7 * (number as i32 - 1));
        write_issue(&mut buf, number, date, &pools, &mut rng);
        out.write_all(buf.as_bytes())?;
        written += buf.len() as u64;
    }
    out.flush()?;
    Ok(SynthSummary {
        issues: number,
        bytes: written,
    })
}

fn write_issue(buf: &mut String, number: u32, date: Date, pools: &Pools, rng: &mut SplitMix64) {
    let (y, m, d) = date.ymd();
    buf.push_str(&format!(
        "Data Eng Weekly #{number}\n\n{d:02} {} {y}\n\n",
        MONTHS[m as usize - 1]
    ));
    if !pools.intros.is_empty() {
        push_para(buf, &pools.intros[rng.below(pools.intros.len())].text);
    }
    // Real issues carry 7 to 12 blurbs; vary the length so issues are uneven.
    for _ in 0..7 + rng.below(6) {
        let drawn = &pools.articles[rng.below(pools.articles.len())];
        push_para(buf, &drawn.text);
        for link in &drawn.item.links {
            buf.push_str(link);
            buf.push('\n');
        }
        if !drawn.item.links.is_empty() {
            buf.push('\n');
        }
    }
    if !pools.sponsors.is_empty() {
        push_para(buf, &pools.sponsors[rng.below(pools.sponsors.len())].text);
    }
    for _ in 0..if pools.events.is_empty() {
        0
    } else {
        8 + rng.below(10)
    } {
        let Drawn { item, text } = &pools.events[rng.below(pools.events.len())];
        if let Some(l) = &item.listing {
            let when = date.add_days(1 + rng.below(6) as i32);
            let (_, em, ed) = when.ymd();
            let weekday = WEEKDAYS[when.weekday() as usize];
            buf.push_str(&format!(
                "{} ({}) - {weekday}, {} {ed}\n\n",
                l.title(text),
                l.city(text),
                MONTHS[em as usize - 1]
            ));
        }
    }
}

fn push_para(buf: &mut String, text: &str) {
    buf.push_str(text);
    buf.push_str("\n\n");
}
