//! Quotable sentences for the year review (render stage): short, with the numbers behind
//! them (cells of the review frames), and a plain sentence for every empty case. Shares are
//! of each year's article items.

use super::common::{view, Figures};
use crate::analysis::YearReview;
use crate::render::error::RenderError;
use crate::render::report::helpers::{int, num, pct, plural, pp};

/// "In 2019 the archive has 48 issues with 1,234 article items and 210 meetup listings
/// (2018: 50 issues, 1,301 article items, 198 listings)."
pub fn issues(f: &Figures) -> Result<String, RenderError> {
    let [y0, y1] = f.year;
    let prev = if f.has_previous() {
        let [issues, items, listings] = f.counts(0)?;
        format!(" ({y0}: {issues} issues, {items} article items, {listings} listings)")
    } else {
        format!(" (the archive has no issue dated in {y0}, so there is nothing to compare with)")
    };
    let [issues, items, listings] = f.counts(1)?;
    Ok(format!(
        "In {y1} the archive has {issues} issues with {items} article items and {listings} \
         meetup listings{prev}."
    ))
}

/// "Kafka led 2019's coverage with 38 of 412 article items (9.2%), up from 6.1% in 2018."
pub fn top(r: &YearReview, f: &Figures) -> Result<String, RenderError> {
    let [y0, y1] = f.year;
    let v = view(r, "top");
    if v.height() == 0 {
        return Ok(format!(
            "No entity of the lexicon was named in an article item in {y1}."
        ));
    }
    let (entity, items, share) = (v.str("entity")?, v.u64("items")?, v.f64("share")?[0]);
    let trend = match v.opt_str("direction")?[0].as_deref() {
        _ if !f.has_previous() => String::new(),
        None => format!(", absent from {y0}'s articles"),
        Some(dir) => format!(", {dir} from {} in {y0}", pct(v.f64("prev_share")?[0])),
    };
    Ok(format!(
        "{} led {y1}'s coverage with {} of {} article items ({}){trend}.",
        entity[0],
        int(items[0]),
        int(f.count("article_items", 1)?),
        pct(share)
    ))
}

/// The movers sentences: the fastest riser and the furthest faller ("Rising fastest: dbt,
/// from 0.4% to 2.9% of article items (+2.5 pp, z = 4.10)."), or, when the year before has
/// no issue, why there are none.
pub fn movers(r: &YearReview, f: &Figures) -> Result<Vec<String>, RenderError> {
    let [y0, y1] = f.year;
    if !f.has_previous() {
        return Ok(vec![format!(
            "The archive has no issue dated in {y0}, so no entity can be said to rise or fall \
             in {y1}."
        )]);
    }
    let none = |word: &str| {
        format!(
            "No entity {word} significantly (|z| >= {}, p < {}) between {y0} and {y1}.",
            r.mover_z, r.mover_p
        )
    };
    Ok(vec![
        mover(r, "up", "Rising fastest")?.unwrap_or_else(|| none("rose")),
        mover(r, "down", "Falling furthest")?.unwrap_or_else(|| none("fell")),
    ])
}

/// The first mover of `direction` (`up`, `down`) as a sentence opened by `lead`.
fn mover(r: &YearReview, direction: &str, lead: &str) -> Result<Option<String>, RenderError> {
    let v = view(r, "movers");
    let Some(&i) = v.part("direction", direction)?.first() else {
        return Ok(None);
    };
    Ok(Some(format!(
        "{lead}: {}, from {} to {} of article items ({}, z = {}).",
        v.str("entity")?[i],
        pct(v.f64("prev_share")?[i]),
        pct(v.f64("share")?[i]),
        pp(v.f64("change")?[i]),
        num(v.f64("z")?[i], 2)
    )))
}

/// "14 entities were named for the first time in 2019; the most covered, dbt, in 9 article items."
/// "2 of the 5 newcomers came from discovery: ..." (with discovery on).
pub fn discovered_newcomers(r: &YearReview) -> Result<String, RenderError> {
    let v = view(r, "newcomer_origins");
    let (all, found) = (v.one_u64("newcomers")?, v.one_u64("discovered")?);
    Ok(format!(
        "{} of the {} came from discovery: names the lexicon does not know, marked {} (see \
         [Names the lexicon does not know](report.md#names-the-lexicon-does-not-know)).\n\n",
        int(found),
        plural(all, "newcomer"),
        crate::render::report::frame::MARK,
    ))
}

pub fn newcomers(r: &YearReview, f: &Figures) -> Result<String, RenderError> {
    let y1 = f.year[1];
    let v = view(r, "newcomers");
    let n = view(r, "newcomer_origins").one_u64("newcomers")?;
    if n == 0 {
        return Ok(format!(
            "No entity was named in the archive for the first time in {y1}."
        ));
    }
    let items = v.u64("items")?[0];
    Ok(format!(
        "{} {} named for the first time in {y1}; the most covered, {}, appeared in {} article {}{}.",
        int(n),
        if n == 1 { "entity was" } else { "entities were" },
        v.str("entity")?[0],
        int(items),
        if items == 1 { "item" } else { "items" },
        if f.has_previous() { String::new() } else { format!(" (the archive starts in {y1}, so everything in it is new to it)") }
    ))
}

/// "The strongest pairing of 2019: Kafka and Flink, together in 6 article items against 0.4 expected (NPMI 0.71)."
pub fn pairs(r: &YearReview, f: &Figures, units: &str) -> Result<String, RenderError> {
    let y1 = f.year[1];
    let v = view(r, "pairs");
    if v.height() == 0 {
        return Ok(format!(
            "No pair of entities was named together often enough in {y1} to be ranked."
        ));
    }
    Ok(format!(
        "The strongest pairing of {y1}: {} and {}, together in {} {units} against {} expected by chance (NPMI {}).",
        v.str("entity_a")?[0],
        v.str("entity_b")?[0],
        int(v.u64("items")?[0]),
        num(v.f64("expected")?[0], 1),
        num(v.f64("npmi")?[0], 2)
    ))
}

/// "Europe hosted 41.0% of 2019's meetup listings (2018: 35.2%)."
pub fn meetups(r: &YearReview, f: &Figures) -> Result<String, RenderError> {
    let [y0, y1] = f.year;
    let v = view(r, "meetups");
    let (key, current) = (v.str("continent")?, v.u64("current")?);
    let Some(i) = v.bool("leading")?.iter().position(|&l| l) else {
        return Ok(format!("The archive lists no placed meetup in {y1}."));
    };
    let prev = if f.has_previous() {
        format!("; {y0}: {}", pct(v.f64("prev_share")?[i]))
    } else {
        String::new()
    };
    Ok(format!(
        "{} hosted the most meetups of {y1}: {} of {} listings ({}{prev}).",
        key[i],
        int(current[i]),
        int(f.count("listings", 1)?),
        pct(v.f64("share")?[i])
    ))
}

/// "Topic coverage was more even in 2019 (evenness 0.81) than in 2018 (0.77); data
/// processing had the largest part, 23.4%."
pub fn balance(r: &YearReview, f: &Figures) -> Result<String, RenderError> {
    let [y0, y1] = f.year;
    let c = view(r, "concentration_change");
    let (change, e0, e1) = (
        c.opt_str("evenness_change")?,
        c.opt_f64("prev_evenness")?,
        c.opt_f64("evenness")?,
    );
    let topic = c.part("dimension", "topic")?.first().copied();
    let mut s = match topic.map(|d| (change[d].as_deref(), e0[d], e1[d])) {
        Some((Some(word), Some(e0), Some(e1))) => format!(
            "Topic coverage was {word} even in {y1} (evenness {}) {} in {y0} ({})",
            num(e1, 2),
            if word == "as" { "as" } else { "than" },
            num(e0, 2)
        ),
        Some((_, _, Some(e1))) => format!("Topic coverage in {y1} had evenness {}", num(e1, 2)),
        _ => format!("No technology topic was covered in {y1}"),
    };
    let t = view(r, "topics");
    if let Some(i) = t.bool("leading")?.iter().position(|&l| l) {
        s.push_str(&format!(
            "; {} had the largest part, {}",
            t.str("topic")?[i],
            pct(t.f64("share")?[i])
        ));
    }
    s.push('.');
    Ok(s)
}

/// "The 20 most covered entities of 2019, split at their median share (2.1%) and no change
/// since 2018: leading 6 (Kafka, Spark, Airflow, ...), rising 4 (...), fading 5 (...), niche 5
/// (...)."
pub fn momentum(r: &YearReview, f: &Figures) -> Result<String, RenderError> {
    let [y0, y1] = f.year;
    let v = view(r, "momentum_quadrants");
    let (quadrant, entities) = (v.str("quadrant")?, v.u64("entities")?);
    let (names, more) = (v.opt_str("names")?, v.bool("more")?);
    let split = view(r, "momentum").f64("split_share")?.first().copied();
    let parts: Vec<String> = (0..v.height())
        .map(|i| match &names[i] {
            None => format!("{} 0", quadrant[i]),
            Some(shown) => {
                let more = if more[i] { ", ..." } else { "" };
                format!("{} {} ({shown}{more})", quadrant[i], int(entities[i]))
            }
        })
        .collect();
    Ok(format!(
        "The {} most covered entities of {y1}, split at their median share ({}) and no change \
         since {y0}: {}.",
        int(v.u64("mapped")?.first().copied().unwrap_or(0)),
        pct(split.unwrap_or(0.0)),
        parts.join(", ")
    ))
}
