//! What the review's sections share (render stage): its frames by table name, the two
//! years' figures, and its source and chart lines. Imports nothing from the sections or from
//! the review's assembly (`mod.rs`), so no import circle.

use crate::analysis::YearReview;
use crate::render::report::context::field_named;
use crate::render::report::frame::View;
use crate::render::report::helpers::{self, int};
use crate::render::RenderError;

/// A review frame by its table name.
pub(super) fn view<'a>(r: &'a YearReview, table: &'static str) -> View<'a> {
    let df = field_named! { r, table, &r.concentration;
        summary, top, movers, newcomers, newcomer_origins, pairs, meetups, topics, momentum
    };
    View::new(table, df)
}

/// The two years' figures (`year_summary`: the year before, then the year).
pub(super) struct Figures {
    pub(super) year: [i32; 2],
    pub(super) issues: [u64; 2],
    pub(super) article_items: [u64; 2],
    pub(super) listings: [u64; 2],
}

impl Figures {
    pub(super) fn read(r: &YearReview) -> Result<Figures, RenderError> {
        let v = view(r, "summary");
        let two = |c: &str| -> Result<[u64; 2], RenderError> {
            let x = v.u64(c)?;
            Ok([0, 1].map(|i| x.get(i).copied().unwrap_or(0)))
        };
        let year = v.opt_str("year")?;
        let parse = |y: &Option<String>| y.as_deref()?.parse().ok();
        Ok(Figures {
            year: [0, 1].map(|i| year.get(i).and_then(parse).unwrap_or(r.year)),
            issues: two("issues")?,
            article_items: two("article_items")?,
            listings: two("listings")?,
        })
    }

    /// Issues, article items and listings of year `i` (0 the year before, 1 the year), written.
    pub(super) fn counts(&self, i: usize) -> [String; 3] {
        [self.issues[i], self.article_items[i], self.listings[i]].map(int)
    }

    /// Whether the year before has any issue to compare with.
    pub(super) fn has_previous(&self) -> bool {
        self.issues[0] > 0
    }
}

/// `csv/review_2019_top.csv` as a source line.
pub(super) fn source(r: &YearReview, table: &str) -> String {
    helpers::source(&[&format!("review_{}_{table}", r.year)])
}

/// Chart `name` of the review with links to its SVG and to its data, the table of that name.
pub(super) fn chart(r: &YearReview, name: &str, alt: &str) -> String {
    let name = format!("review_{}_{name}", r.year);
    helpers::chart(&name, alt, &[&name])
}
