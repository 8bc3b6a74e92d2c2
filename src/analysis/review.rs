//! The year in review (`--year Y`): year Y against Y - 1, each over its own calendar window.
//!
//! * top entities of Y by article items (ties: mentions desc, name asc) with their competition
//!   rank in both years (null when absent);
//! * movers: change of share (items / article items of the year) tested with the two-proportion
//!   z test; kept when |z| >= `rules.z` and items in both years together >= `rules.min_items`;
//!   risers by change desc, fallers by change asc (ties: |z| desc, name asc);
//! * newcomers: entities whose first article mention in the whole archive is in Y (by items
//!   desc, first seen asc, name asc);
//! * most associated pairs of Y: co-mentions of Y with support >= `min_support`, by NPMI desc;
//! * meetups by continent, issue counts and coverage balance (topics, concentration) both years.
//!
//! Lists are cut to `review_top` rows. The Markdown writer reads the typed rows; `tables()`
//! gives the same rows as frames for export.

use super::balance::{self, Concentration};
use super::base::Base;
use super::comention;
use super::frequency::{self, Counts};
use super::options::Window;
pub use super::review_tables::{AssociatedPair, Compared, Mover, Newcomer, TopEntry, YearFigures};
use super::stats::{competition_ranks, normal_p, two_proportion_z};
use super::table::ratio;
use super::{assemble, AnalysisError, AnalysisOptions};
use crate::frames::Frames;
use crate::lexicon::Lexicon;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, PartialEq)]
pub struct YearReview {
    pub previous: YearFigures,
    pub current: YearFigures,
    pub top: Vec<TopEntry>,
    pub risers: Vec<Mover>,
    pub fallers: Vec<Mover>,
    pub newcomers: Vec<Newcomer>,
    pub pairs: Vec<AssociatedPair>,
    /// Listings per continent (`(unresolved)` included); share = of the year's listings.
    pub meetups: Vec<Compared>,
    /// Article items per technology topic; share = `norm_share` (of all topic counts).
    pub topics: Vec<Compared>,
    /// Concentration per dimension: previous year, then this year.
    pub concentration: Vec<(Concentration, Concentration)>,
}

/// One year's base and counts.
struct Year {
    base: Base,
    counts: Vec<Counts>,
    figures: YearFigures,
}

impl Year {
    fn new(all: &Base, year: i32) -> Year {
        let base = all.within(&Window::year(year));
        let counts = frequency::entity_counts(&base);
        let figures = YearFigures {
            year,
            issues: base.issues.len() as u32,
            article_items: base.article_items(),
            listings: base.events.len() as u64,
        };
        Year {
            base,
            counts,
            figures,
        }
    }

    fn items(&self, e: usize) -> u64 {
        self.counts.get(e).map_or(0, Counts::article_items)
    }

    /// Entity codes with article items, best first, and their competition ranks.
    fn ranking(&self) -> (Vec<usize>, Vec<Option<u32>>) {
        let m = |e: usize| self.counts[e].mentions[crate::corpus::Section::Article as usize];
        let mut order: Vec<usize> = (0..self.counts.len())
            .filter(|&e| self.items(e) > 0)
            .collect();
        order.sort_by(|&a, &b| {
            (self.items(b), m(b), &self.base.names[a]).cmp(&(
                self.items(a),
                m(a),
                &self.base.names[b],
            ))
        });
        let ranks = competition_ranks(&order.iter().map(|&e| self.items(e)).collect::<Vec<_>>());
        let mut rank_of = vec![None; self.counts.len()];
        for (&e, r) in order.iter().zip(ranks) {
            rank_of[e] = Some(r);
        }
        (order, rank_of)
    }
}

/// Compares `year` with the year before; fails when no issue is dated in `year`.
pub fn year_review(
    frames: &Frames,
    lexicon: &Lexicon,
    opts: &AnalysisOptions,
    year: i32,
) -> Result<YearReview, AnalysisError> {
    let all = Base::read(frames)?;
    let cur = Year::new(&all, year);
    if cur.figures.issues == 0 {
        return Err(AnalysisError::EmptyYear { year });
    }
    let prev = Year::new(&all, year - 1);
    let (risers, fallers) = movers(&prev, &cur, opts);
    let topics = assemble::lexicon_topics(lexicon);
    let (pc, cc) = (balance::counts(&prev.base), balance::counts(&cur.base));
    Ok(YearReview {
        top: top(&prev, &cur, opts.review_top),
        risers,
        fallers,
        newcomers: newcomers(&cur, year),
        pairs: pairs(&cur, opts),
        meetups: compared(
            &pc[3],
            &cc[3],
            &BTreeSet::new(),
            (prev.figures.listings, cur.figures.listings),
        ),
        topics: compared(&pc[0], &cc[0], &topics, (sum(&pc[0]), sum(&cc[0]))),
        concentration: (0..balance::DIMENSIONS.len())
            .map(|d| {
                (
                    balance::concentration(balance::DIMENSIONS[d], &pc[d]),
                    balance::concentration(balance::DIMENSIONS[d], &cc[d]),
                )
            })
            .collect(),
        previous: prev.figures,
        current: cur.figures,
    })
}

fn top(prev: &Year, cur: &Year, n: usize) -> Vec<TopEntry> {
    let (order, rank) = cur.ranking();
    let (_, prev_rank) = prev.ranking();
    let (a0, a1) = (prev.figures.article_items, cur.figures.article_items);
    order
        .into_iter()
        .take(n)
        .map(|e| TopEntry {
            entity: cur.base.names[e].clone(),
            category: cur.base.category(e as u32).to_string(),
            items: cur.items(e),
            share: ratio(cur.items(e), a1),
            rank: rank[e].unwrap_or(0),
            prev_items: prev.items(e),
            prev_share: ratio(prev.items(e), a0),
            prev_rank: prev_rank.get(e).copied().flatten(),
        })
        .collect()
}

fn movers(prev: &Year, cur: &Year, opts: &AnalysisOptions) -> (Vec<Mover>, Vec<Mover>) {
    let (a0, a1) = (prev.figures.article_items, cur.figures.article_items);
    let mut all: Vec<Mover> = (0..cur.counts.len())
        .filter(|&e| prev.items(e) + cur.items(e) >= opts.rules.min_items as u64)
        .filter_map(|e| {
            let z = two_proportion_z(prev.items(e), a0, cur.items(e), a1)?;
            let (s0, s1) = (ratio(prev.items(e), a0), ratio(cur.items(e), a1));
            let m = Mover {
                entity: cur.base.names[e].clone(),
                prev_items: prev.items(e),
                prev_share: s0,
                items: cur.items(e),
                share: s1,
                change: s1 - s0,
                z,
                p_value: normal_p(z),
            };
            (z.abs() >= opts.rules.z).then_some(m)
        })
        .collect();
    let key = |m: &Mover| (m.change.abs(), m.z.abs());
    all.sort_by(|a, b| {
        key(b)
            .0
            .total_cmp(&key(a).0)
            .then(key(b).1.total_cmp(&key(a).1))
            .then_with(|| a.entity.cmp(&b.entity))
    });
    let (up, down): (Vec<Mover>, Vec<Mover>) = all.into_iter().partition(|m| m.change > 0.0);
    (
        up.into_iter().take(opts.review_top).collect(),
        down.into_iter().take(opts.review_top).collect(),
    )
}

fn newcomers(cur: &Year, year: i32) -> Vec<Newcomer> {
    let base = &cur.base;
    let mut out: Vec<Newcomer> = (0..base.names.len())
        .filter_map(|e| {
            let (issue, date) = base.first_article[e]?;
            (date.map(|d| d.year()) == Some(year)).then(|| Newcomer {
                entity: base.names[e].clone(),
                category: base.category(e as u32).to_string(),
                topic: base.topic(e as u32).to_string(),
                first_seen: date,
                first_issue: issue,
                items: cur.items(e),
            })
        })
        .collect();
    out.sort_by(|a, b| (b.items, a.first_seen, &a.entity).cmp(&(a.items, b.first_seen, &b.entity)));
    out
}

fn pairs(cur: &Year, opts: &AnalysisOptions) -> Vec<AssociatedPair> {
    let (rows, _) = comention::pairs(&cur.base, assemble::units(opts), opts.parallel);
    let name = |e: u32| cur.base.names[e as usize].clone();
    rows.iter()
        .take(opts.review_top)
        .map(|r| AssociatedPair {
            entity_a: name(r.a),
            entity_b: name(r.b),
            items: r.counts.ab,
            expected: r.counts.expected(),
            npmi: r.counts.npmi().unwrap_or(0.0),
            lift: r.counts.lift().unwrap_or(0.0),
            g2: r.counts.g2(),
            p_value: r.counts.p_value(),
        })
        .collect()
}

fn sum(m: &BTreeMap<String, u64>) -> u64 {
    m.values().sum()
}

/// Keys of both years (plus `extra`), shares of the totals `(t0, t1)`, by current count desc,
/// previous desc, key asc.
fn compared(
    prev: &BTreeMap<String, u64>,
    cur: &BTreeMap<String, u64>,
    extra: &BTreeSet<String>,
    (t0, t1): (u64, u64),
) -> Vec<Compared> {
    let keys: BTreeSet<&String> = prev.keys().chain(cur.keys()).chain(extra.iter()).collect();
    let mut out: Vec<Compared> = keys
        .into_iter()
        .map(|k| {
            let (p, c) = (
                prev.get(k).copied().unwrap_or(0),
                cur.get(k).copied().unwrap_or(0),
            );
            Compared {
                key: k.clone(),
                prev: p,
                current: c,
                prev_share: ratio(p, t0),
                share: ratio(c, t1),
            }
        })
        .collect();
    out.sort_by(|a, b| (b.current, b.prev, &a.key).cmp(&(a.current, a.prev, &b.key)));
    out
}
