//! Stacked area chart (render stage): topic shares over time stacked in order, so the top
//! edge is the share of items that have any of the drawn topics.

use super::axis::{self, Scale};
use super::canvas::{at_most, outputs, Area, Draw, DrawResult};
use super::legend::Mark;
use super::periods::{self, Frame, Series};
use super::text;
use super::theme::{self, MAX_SERIES};
use crate::render::error::RenderError;
use plotters::prelude::*;

/// Series stacked bottom-up in the order given, values in percent per period. Missing,
/// non-finite or negative values count as 0. Series sum to at most 100% in practice; the
/// y axis runs to the largest total, rounded up. Every series is drawn and listed (the caller
/// leaves out what it does not want listed), at most 10 (more is an error: the caller picks).
/// The legend lists the top layer first, as the eye meets them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StackedArea {
    pub title: String,
    pub y_label: String,
    pub periods: Vec<String>,
    pub series: Vec<Series>,
}

outputs!(StackedArea);

impl Draw for StackedArea {
    const KIND: &'static str = "stacked area";
    const SIZE: (u32, u32) = (1200, 720);

    /// More than [`MAX_SERIES`] series is a caller bug (the report draws at most 8).
    fn check(&self) -> Result<(), RenderError> {
        at_most::<Self>(self.series.len(), MAX_SERIES, "series")
    }

    fn draw<DB: DrawingBackend>(&self, area: &Area<DB>) -> DrawResult<DB> {
        let n = self.periods.len();
        let series = &self.series;
        if series.is_empty() {
            return text::no_data(area, &self.title);
        }
        let stacks = cumulative(series, n);
        let total = stacks
            .last()
            .map_or(0.0, |t| t.iter().copied().fold(0.0, f64::max));
        let mut items = periods::items(series, Mark::Square);
        items.reverse(); // top layer first, as the eye meets them
        let frame = Frame {
            title: &self.title,
            y_label: &self.y_label,
            periods: &self.periods,
            items,
            ticks: axis::nice_ticks(0.0, total, 5),
        };
        let scales = frame.draw(area)?;
        let mut below = vec![0.0; n];
        for (i, upper) in stacks.iter().enumerate() {
            draw_layer(area, (&below, upper), scales, theme::palette(i))?;
            below.clone_from(upper);
        }
        Ok(())
    }
}

/// A value as stacked: finite and positive, else 0 (a gap, as lines draw one).
fn value(s: &Series, i: usize) -> f64 {
    s.at(i).filter(|v| *v > 0.0).unwrap_or(0.0)
}

/// Running totals: `out[k][i]` is the sum of series 0..=k at period i.
fn cumulative(series: &[Series], n: usize) -> Vec<Vec<f64>> {
    let mut acc = vec![0.0; n];
    series
        .iter()
        .map(|s| {
            for (i, a) in acc.iter_mut().enumerate() {
                *a += value(s, i);
            }
            acc.clone()
        })
        .collect()
}

/// Fills between `below` and `upper` and traces the upper edge in white to separate layers.
/// A single period is drawn as a band across the plot.
fn draw_layer<DB: DrawingBackend>(
    area: &Area<DB>,
    (below, upper): (&[f64], &[f64]),
    (x, y): (Scale, Scale),
    color: RGBColor,
) -> DrawResult<DB> {
    let xs: Vec<i32> = if upper.len() == 1 {
        vec![x.p0, x.p1]
    } else {
        (0..upper.len()).map(|i| x.px(i as f64)).collect()
    };
    let at = |v: &[f64], k: usize| v[k.min(v.len() - 1)];
    let top: Vec<(i32, i32)> = xs
        .iter()
        .enumerate()
        .map(|(k, px)| (*px, y.px(at(upper, k))))
        .collect();
    let mut outline = top.clone();
    outline.extend(
        xs.iter()
            .enumerate()
            .rev()
            .map(|(k, px)| (*px, y.px(at(below, k)))),
    );
    area.draw(&Polygon::new(outline, color.filled()))?;
    area.draw(&PathElement::new(top, theme::BACKGROUND.stroke_width(1)))?;
    Ok(())
}
