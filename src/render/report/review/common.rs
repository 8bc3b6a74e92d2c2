//! What the review's sections share (render stage): its frames by table name, the two
//! years' figures, and its source and chart lines. Imports nothing from the sections or from
//! the review's assembly (`mod.rs`), so no import circle.

use crate::analysis::YearReview;
use crate::render::error::RenderError;
use crate::render::report::context::field_named;
use crate::render::report::frame::View;
use crate::render::report::helpers::{self, int};

/// A review frame by its table name.
pub(super) fn view<'a>(r: &'a YearReview, table: &'static str) -> View<'a> {
    let df = field_named! { r, table, &r.concentration;
        summary, top, movers, newcomers, newcomer_origins, pairs, meetups, topics, momentum,
        momentum_quadrants, concentration_change, movers_chart, topics_chart, topics_covered,
        newcomers_shown
    };
    View::new(table, df)
}

/// The review's two years and its `year_summary` frame (the year before, then the year),
/// whose figures are read from the frame's cells where they are written.
pub(super) struct Figures<'a> {
    pub(super) year: [i32; 2],
    /// Whether the year before has any issue to compare with.
    previous: bool,
    summary: View<'a>,
}

impl<'a> Figures<'a> {
    pub(super) fn read(r: &'a YearReview) -> Result<Figures<'a>, RenderError> {
        let summary = view(r, "summary");
        let year = summary.opt_str("year")?;
        let parse = |y: &Option<String>| y.as_deref()?.parse().ok();
        let mut f = Figures {
            year: [0, 1].map(|i| year.get(i).and_then(parse).unwrap_or(r.year)),
            previous: false,
            summary,
        };
        f.previous = f.count("issues", 0)? > 0;
        Ok(f)
    }

    /// `column` (issues, article_items, listings) of year `i` (0 the year before, 1 the year).
    pub(super) fn count(&self, column: &str, i: usize) -> Result<u64, RenderError> {
        Ok(self.summary.u64(column)?.get(i).copied().unwrap_or(0))
    }

    /// Issues, article items and listings of year `i`, written.
    pub(super) fn counts(&self, i: usize) -> Result<[String; 3], RenderError> {
        let c = |column| self.count(column, i).map(int);
        Ok([c("issues")?, c("article_items")?, c("listings")?])
    }

    pub(super) fn has_previous(&self) -> bool {
        self.previous
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
