//! A seeded generator of 2014-2020 weekly archives with the trend shapes coverage really takes
//! (issue #18), each shape's parameters drawn per seed from a range: a hype cycle, a late
//! riser, a subtle four- to five-fold riser on about a hundred items, a plain faller, the
//! simple shapes of `planted_gen` (linear riser and faller, new, gone quiet), and 60 steady
//! names at 1-4% each. `planted_shapes.rs` runs the real pipeline on them over many seeds.
//!
//! Weekly issues on Sundays from 2014-01-05 to 2020-12-27, about 3% of weeks skipped at random,
//! 4 to 24 article items each (about 5,000 in all). An article names each entity independently
//! with the entity's probability at the issue's date.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use topictrend::corpus::{Corpus, DateSource, Issue, Item, Section, SourceRef};
use topictrend::date::Date;

pub use topictrend::synth::SplitMix64 as Rng;

/// Years as decimals: 2016.5 is the start of July 2016.
fn year_of(date: Date) -> f64 {
    let (y, m, d) = date.ymd();
    y as f64 + ((m - 1) as f64 + (d - 1) as f64 / 31.0) / 12.0
}

/// A planted curve: the probability that an article names the entity at a decimal year.
#[derive(Clone, Copy, Debug)]
pub enum Curve {
    Steady(f64),
    /// From the first value at the archive's start to the second at its end.
    Linear(f64, f64),
    /// `base`, rising to `height` at year `peak` and back, a Gaussian bump of width `width`
    /// years.
    Hype {
        base: f64,
        height: f64,
        peak: f64,
        width: f64,
    },
    /// `base` until year `start`, then a straight climb to `top` at the archive's end.
    Late {
        base: f64,
        start: f64,
        top: f64,
    },
    /// 0 before year `at`, then `p`.
    Arrives {
        at: f64,
        p: f64,
    },
    /// `p` until year `at`, then 0.
    Stops {
        at: f64,
        p: f64,
    },
}

pub const START: f64 = 2014.0;
pub const END: f64 = 2021.0;

impl Curve {
    pub fn p(self, year: f64) -> f64 {
        let t = ((year - START) / (END - START)).clamp(0.0, 1.0);
        match self {
            Curve::Steady(p) => p,
            Curve::Linear(a, b) => a + (b - a) * t,
            Curve::Hype {
                base,
                height,
                peak,
                width,
            } => base + (height - base) * (-0.5 * ((year - peak) / width).powi(2)).exp(),
            Curve::Late { base, start, top } => {
                if year < start {
                    base
                } else {
                    base + (top - base) * (year - start) / (END - start)
                }
            }
            Curve::Arrives { at, p } => {
                if year >= at {
                    p
                } else {
                    0.0
                }
            }
            Curve::Stops { at, p } => {
                if year < at {
                    p
                } else {
                    0.0
                }
            }
        }
    }
}

/// What the analysis must say about a planted entity.
#[derive(Clone, Debug, PartialEq)]
pub enum Expect {
    /// This label, nothing more.
    Label(&'static str),
    /// `peaked`, with the peak period within two quarters of this decimal year.
    Peaked(f64),
    /// `rising`, with `since` within two quarters of this decimal year.
    RisingSince(f64),
}

/// One planted entity: its name, curve and what the labels must say.
#[derive(Clone, Debug)]
pub struct Plant {
    pub name: String,
    pub curve: Curve,
    pub expect: Expect,
}

/// Names of the 60 steady entities.
pub fn steady_name(i: usize) -> String {
    format!("Steady{i:02}")
}

/// How many steady names each archive has.
pub const STEADY: usize = 60;

/// The plants of one seed, parameters drawn from their ranges.
pub fn plants(rng: &mut Rng) -> Vec<Plant> {
    let mut u = |lo: f64, hi: f64| lo + (hi - lo) * rng.unit();
    let hype = Curve::Hype {
        base: u(0.02, 0.04),
        height: u(0.15, 0.30),
        peak: u(2015.5, 2018.5),
        width: u(0.5, 1.0),
    };
    let late = Curve::Late {
        base: 0.005,
        start: u(2016.5, 2019.5),
        top: u(0.15, 0.25),
    };
    // About 100 items: the mean probability is 100 / 5,000 articles, the end `fold` times
    // the start.
    let fold = u(4.0, 5.0);
    let a = 0.02 * 2.0 / (1.0 + fold);
    let mut list = vec![
        plant("Mesos", hype, peak_of(hype)),
        plant("Pulsar", late, late_start(late)),
        plant("Dask", Curve::Linear(a, a * fold), Expect::Label("rising")),
        plant("Storm", Curve::Linear(0.15, 0.03), Expect::Label("falling")),
        plant("Kafka", Curve::Linear(0.02, 0.12), Expect::Label("rising")),
        plant(
            "Hadoop",
            Curve::Linear(0.15, 0.03),
            Expect::Label("falling"),
        ),
        plant(
            "Iceberg",
            Curve::Arrives {
                at: u(2018.0, 2019.0),
                p: 0.07,
            },
            Expect::Label("new"),
        ),
        plant(
            "Pig",
            Curve::Stops {
                at: u(2018.0, 2019.0),
                p: 0.07,
            },
            Expect::Label("quiet"),
        ),
    ];
    for i in 0..STEADY {
        let p = u(0.01, 0.04);
        list.push(plant(
            &steady_name(i),
            Curve::Steady(p),
            Expect::Label("steady"),
        ));
    }
    list
}

fn plant(name: &str, curve: Curve, expect: Expect) -> Plant {
    Plant {
        name: name.to_string(),
        curve,
        expect,
    }
}

fn peak_of(c: Curve) -> Expect {
    match c {
        Curve::Hype { peak, .. } => Expect::Peaked(peak),
        _ => Expect::Label("steady"),
    }
}

fn late_start(c: Curve) -> Expect {
    match c {
        Curve::Late { start, .. } => Expect::RisingSince(start),
        _ => Expect::Label("steady"),
    }
}

/// The lexicon of the plants: one technology each, case-sensitive.
pub fn write_lexicon(dir: &Path, plants: &[Plant]) -> PathBuf {
    std::fs::create_dir_all(dir).expect("create lexicon dir");
    let mut names: Vec<&str> = plants.iter().map(|p| p.name.as_str()).collect();
    names.sort_by_key(|n| n.to_lowercase());
    let mut tech = String::from("name,topic,aliases,case,parent,context,notes\n");
    for n in names {
        tech.push_str(&format!("{n},streaming,,sensitive,,,\n"));
    }
    let orgs = "name,topic,aliases,case,parent,context,notes\n";
    let cities = "name,country,continent,metro,aliases,notes\nBerlin,Germany,Europe,,,\n";
    for (file, text) in [
        ("technologies.csv", tech.as_str()),
        ("organisations.csv", orgs),
        ("cities.csv", cities),
    ] {
        std::fs::write(dir.join(file), text).expect("write lexicon table");
    }
    dir.to_path_buf()
}

fn item(index: u32, section: Section, text: String) -> Item {
    Item::new(index, section, text, Vec::new(), 0, None)
}

fn issue(rng: &mut Rng, number: u32, date: Date, plants: &[Plant]) -> Issue {
    let year = year_of(date);
    let mut items = vec![item(0, Section::Intro, format!("Issue {number} is out."))];
    for k in 0..rng.range(4, 24) {
        let names: Vec<&str> = plants
            .iter()
            .filter(|p| rng.unit() < p.curve.p(year))
            .map(|p| p.name.as_str())
            .collect();
        let text = if names.is_empty() {
            format!("Post {k} looks at data teams and their pipelines.")
        } else {
            format!("Post {k} has notes on {} in production.", names.join(", "))
        };
        items.push(item(items.len() as u32, Section::Article, text));
    }
    Issue {
        number,
        heading: format!("Data Eng Weekly #{number}"),
        date: Some(date),
        date_source: DateSource::Written,
        source: SourceRef {
            file: PathBuf::from("shapes.txt"),
            line: number,
        },
        items,
    }
}

/// The plants and the archive for `seed`.
pub fn generate(seed: u64) -> (Vec<Plant>, Corpus) {
    let mut rng = Rng::new(seed);
    let plants = plants(&mut rng);
    let (start, end) = (
        Date::from_ymd(2014, 1, 5).expect("date"),
        Date::from_ymd(2020, 12, 27).expect("date"),
    );
    let mut issues = Vec::new();
    let mut day = start;
    while day <= end {
        if day == start || day == end || rng.unit() >= 0.03 {
            let number = issues.len() as u32 + 1;
            issues.push(issue(&mut rng, number, day, &plants));
        }
        day = day.add_days(7);
    }
    let corpus = Corpus::from_issues(issues);
    (plants, corpus)
}
