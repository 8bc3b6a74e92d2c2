//! Charts over periods (render stage): the frame that trend lines and the stacked area share:
//! title, legend column on the right, percent axis on the left and the period axis below,
//! with period labels thinned so they never touch; and [`Series`], the values both draw.

use super::axis::{self, Rect, Scale, ValueFormat};
use super::canvas::{finite, Area, DrawResult, Res};
use super::legend::{self, Item, Mark};
use super::text::{self, style};
use super::theme::{self, MARGIN, MUTED};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// A named series: one value per period, in percent (12.5 = 12.5%). NaN or infinite values
/// are gaps: the line breaks there.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
}

impl Series {
    pub fn new(name: impl Into<String>, values: Vec<f64>) -> Series {
        Series {
            name: name.into(),
            values,
        }
    }

    /// The value at period `i`, if present and finite.
    pub(super) fn at(&self, i: usize) -> Option<f64> {
        self.values.get(i).copied().and_then(finite)
    }
}

/// Longest period label before it is cut with an ellipsis.
const MAX_PERIOD_LABEL: u32 = 160;

/// What the frame shows around the data.
pub struct Frame<'a> {
    pub title: &'a str,
    pub y_label: &'a str,
    pub periods: &'a [String],
    /// Legend entries, top to bottom.
    pub items: Vec<Item>,
    /// Value ticks; the first and last are the y domain.
    pub ticks: Vec<f64>,
}

/// One legend entry per series, in palette order.
pub fn items(series: &[Series], mark: Mark) -> Vec<Item> {
    let item = |(i, s): (usize, &Series)| Item::new(&s.name, theme::palette(i), mark);
    series.iter().enumerate().map(item).collect()
}

impl Frame<'_> {
    /// Draws everything but the data and returns where the data goes: the period (x) and
    /// value (y) scales.
    pub fn draw<DB: DrawingBackend>(&self, area: &Area<DB>) -> Res<(Scale, Scale), DB> {
        let (w, h) = area.dim_in_pixel();
        let top = text::header(area, self.title, None)?;
        let legend_w = legend::column_width(area, &self.items)?;
        let percent = ValueFormat::Percent;
        let tick_w = axis::tick_label_width(area, &self.ticks, percent)? as i32;
        let x0 = MARGIN + theme::AXIS_TITLE_SIZE as i32 + 14 + tick_w;
        let x1 = w as i32 - MARGIN - legend_w - 28;
        let plot = Rect::new(x0, top + 10, x1, h as i32 - MARGIN - 30);
        legend::draw_column(area, &self.items, x1 + 28, plot.y0)?;
        let y = Scale::over(&self.ticks, plot.y1, plot.y0);
        axis::draw_y_values(area, plot, y, &self.ticks, percent, self.y_label)?;
        // Periods 0..n evenly spaced, inset from the edges; a single period sits mid-plot.
        let last = self.periods.len().saturating_sub(1) as f64;
        let x = Scale::over(&[0.0, last], plot.x0 + 12, plot.x1 - 12);
        draw_periods(area, plot, x, self.periods)?;
        Ok((x, y))
    }
}

/// Tick marks at every period and labels at every k-th, k chosen so labels never touch.
fn draw_periods<DB: DrawingBackend>(
    area: &Area<DB>,
    plot: Rect,
    x: Scale,
    periods: &[String],
) -> DrawResult<DB> {
    let label_style = style(theme::TICK_SIZE, &MUTED, HPos::Center, VPos::Top);
    let labels = periods
        .iter()
        .map(|p| text::fit(area, p, &label_style, MAX_PERIOD_LABEL))
        .collect::<Result<Vec<_>, _>>()?;
    let widest = text::widest(area, labels.iter().map(String::as_str), &label_style)? as f64;
    let slot = if periods.len() > 1 {
        (x.px(1.0) - x.px(0.0)) as f64
    } else {
        f64::MAX
    };
    let every = ((widest + 16.0) / slot).ceil().max(1.0) as usize;
    axis::line(area, (plot.x0, plot.y1), (plot.x1, plot.y1), theme::AXIS)?;
    for (i, label) in labels.iter().enumerate() {
        let px = x.px(i as f64);
        let labelled = i % every == 0;
        let len = if labelled { 7 } else { 4 };
        axis::line(area, (px, plot.y1), (px, plot.y1 + len), theme::AXIS)?;
        if labelled {
            area.draw_text(label, &label_style, (px, plot.y1 + 10))?;
        }
    }
    Ok(())
}
