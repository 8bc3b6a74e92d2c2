//! Quotable sentences for the year review (render stage): short, with the numbers behind
//! them, and a plain sentence for every empty case. Shares are of each year's article items.

use super::fmt::{int, num, pct, pp};
use crate::analysis::YearReview;

fn years(r: &YearReview) -> (i32, i32) {
    (r.previous.year, r.current.year)
}

/// Whether the year before has any issue to compare with.
pub fn has_previous(r: &YearReview) -> bool {
    r.previous.issues > 0
}

/// "In 2019 the archive has 48 issues with 1,234 article items and 210 meetup listings
/// (2018: 50 issues, 1,301 article items, 198 listings)."
pub fn issues(r: &YearReview) -> String {
    let (p, c) = (&r.previous, &r.current);
    let prev = if has_previous(r) {
        format!(
            " ({}: {} issues, {} article items, {} listings)",
            p.year,
            int(p.issues as u64),
            int(p.article_items),
            int(p.listings)
        )
    } else {
        format!(
            " (the archive has no issue dated in {}, so there is nothing to compare with)",
            p.year
        )
    };
    format!(
        "In {} the archive has {} issues with {} article items and {} meetup listings{prev}.",
        c.year,
        int(c.issues as u64),
        int(c.article_items),
        int(c.listings)
    )
}

/// "Kafka led 2019's coverage with 38 of 412 article items (9.2%), up from 6.1% in 2018."
pub fn top(r: &YearReview) -> String {
    let (y0, y1) = years(r);
    let Some(t) = r.top.first() else {
        return format!("No entity of the lexicon was named in an article item in {y1}.");
    };
    let trend = if !has_previous(r) {
        String::new()
    } else if t.prev_items == 0 {
        format!(", absent from {y0}'s articles")
    } else {
        let dir = if t.share >= t.prev_share {
            "up"
        } else {
            "down"
        };
        format!(", {dir} from {} in {y0}", pct(t.prev_share))
    };
    format!(
        "{} led {y1}'s coverage with {} of {} article items ({}){trend}.",
        t.entity,
        int(t.items),
        int(r.current.article_items),
        pct(t.share)
    )
}

fn threshold(r: &YearReview, word: &str) -> String {
    let (y0, y1) = years(r);
    format!("No entity {word} significantly (|z| >= 2.58, p < 0.01) between {y0} and {y1}.")
}

/// The movers sentence when the year before has no issue.
pub fn no_movers(r: &YearReview) -> String {
    let (y0, y1) = years(r);
    format!(
        "The archive has no issue dated in {y0}, so no entity can be said to rise or fall in {y1}."
    )
}

/// "Rising fastest: dbt, from 0.4% to 2.9% of article items (+2.5 pp, z = 4.10)."
pub fn risers(r: &YearReview) -> String {
    match r.risers.first() {
        None => threshold(r, "rose"),
        Some(m) => format!(
            "Rising fastest: {}, from {} to {} of article items ({}, z = {}).",
            m.entity,
            pct(m.prev_share),
            pct(m.share),
            pp(m.change),
            num(m.z, 2)
        ),
    }
}

pub fn fallers(r: &YearReview) -> String {
    match r.fallers.first() {
        None => threshold(r, "fell"),
        Some(m) => format!(
            "Falling furthest: {}, from {} to {} of article items ({}, z = {}).",
            m.entity,
            pct(m.prev_share),
            pct(m.share),
            pp(m.change),
            num(m.z, 2)
        ),
    }
}

/// "14 entities were named for the first time in 2019; the most covered, dbt, in 9 article items."
pub fn newcomers(r: &YearReview) -> String {
    let y1 = r.current.year;
    match r.newcomers.first() {
        None => format!("No entity was named in the archive for the first time in {y1}."),
        Some(n) => format!(
            "{} {} named for the first time in {y1}; the most covered, {}, appeared in {} article {}{}.",
            int(r.newcomers.len() as u64),
            if r.newcomers.len() == 1 { "entity was" } else { "entities were" },
            n.entity,
            int(n.items),
            if n.items == 1 { "item" } else { "items" },
            if has_previous(r) { String::new() } else { format!(" (the archive starts in {y1}, so everything in it is new to it)") }
        ),
    }
}

/// "The strongest pairing of 2019: Kafka and Flink, together in 6 article items against 0.4 expected (NPMI 0.71)."
pub fn pairs(r: &YearReview, units: &str) -> String {
    let y1 = r.current.year;
    match r.pairs.first() {
        None => format!("No pair of entities was named together often enough in {y1} to be ranked."),
        Some(p) => format!(
            "The strongest pairing of {y1}: {} and {}, together in {} {units} against {} expected by chance (NPMI {}).",
            p.entity_a,
            p.entity_b,
            int(p.items),
            num(p.expected, 1),
            num(p.npmi, 2)
        ),
    }
}

/// "Europe hosted 41.0% of 2019's meetup listings (2018: 35.2%)."
pub fn meetups(r: &YearReview) -> String {
    let (y0, y1) = years(r);
    let first = r
        .meetups
        .iter()
        .find(|m| m.key != "(unresolved)" && m.current > 0);
    match first {
        None => format!("The archive lists no placed meetup in {y1}."),
        Some(m) => {
            let prev = if has_previous(r) {
                format!("; {y0}: {}", pct(m.prev_share))
            } else {
                String::new()
            };
            format!(
                "{} hosted the most meetups of {y1}: {} of {} listings ({}{prev}).",
                m.key,
                int(m.current),
                int(r.current.listings),
                pct(m.share)
            )
        }
    }
}

/// "Topic coverage was more even in 2019 (evenness 0.81) than in 2018 (0.77); data
/// processing had the largest part, 23.4%."
pub fn balance(r: &YearReview) -> String {
    let (y0, y1) = years(r);
    let topic = r.concentration.iter().find(|c| c.1.dimension == "topic");
    let lead = r.topics.first().filter(|t| t.current > 0);
    let mut s = match topic.and_then(|(p, c)| Some((p.evenness, c.evenness?))) {
        Some((Some(e0), e1)) if has_previous(r) => {
            let word = if e1 > e0 {
                "more"
            } else if e1 < e0 {
                "less"
            } else {
                "as"
            };
            let than = if word == "as" { "as" } else { "than" };
            format!(
                "Topic coverage was {word} even in {y1} (evenness {}) {than} in {y0} ({})",
                num(e1, 2),
                num(e0, 2)
            )
        }
        Some((_, e1)) => format!("Topic coverage in {y1} had evenness {}", num(e1, 2)),
        None => format!("No technology topic was covered in {y1}"),
    };
    if let Some(t) = lead {
        s.push_str(&format!(
            "; {} had the largest part, {}",
            t.key,
            pct(t.share)
        ));
    }
    s.push('.');
    s
}
