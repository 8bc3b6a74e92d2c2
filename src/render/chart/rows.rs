//! Row charts' layout (render stage): one row per label, top to bottom, with a measured label
//! column on the left, a value axis along the bottom and room on the right for per-row text.
//! Bars and dumbbells share it, so both read the same way.

use super::axis::{self, Rect, Scale, ValueFormat};
use super::canvas::{Area, DrawResult, Res};
use super::text::{self, style};
use super::theme::{self, MARGIN, MAX_LABEL_WIDTH, TEXT};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Room under the plot for tick labels and the axis title.
const PLOT_BOTTOM: i32 = 56;

/// Where the rows, labels and values go on a canvas.
pub struct RowLayout {
    pub plot: Rect,
    pub scale: Scale,
    ticks: Vec<f64>,
    /// Height of each row.
    pub band: f64,
    label_style: TextStyle<'static>,
}

/// Height of each of `n` rows when the plot starts at `top`.
pub fn band<DB: DrawingBackend>(area: &Area<DB>, top: i32, n: usize) -> f64 {
    (area.dim_in_pixel().1 as i32 - MARGIN - PLOT_BOTTOM - top) as f64 / n.max(1) as f64
}

/// A text style for per-row text of base size `base`, shrunk to fit rows `band` tall.
pub fn row_style(base: f64, band: f64, color: &RGBColor, h: HPos) -> TextStyle<'static> {
    style(text::row_size(base, band), color, h, VPos::Center)
}

impl RowLayout {
    /// Lays out rows for `labels` from `top` down over values spanning `lo..hi` (0 always
    /// included), leaving `right` pixels free at the right edge for per-row text.
    pub fn new<DB: DrawingBackend>(
        area: &Area<DB>,
        top: i32,
        labels: &[&str],
        (lo, hi, format): (f64, f64, ValueFormat),
        right: i32,
    ) -> Res<RowLayout, DB> {
        let band = band(area, top, labels.len());
        let size = area.dim_in_pixel();
        let label_style = row_style(theme::TICK_SIZE, band, &TEXT, HPos::Right);
        let label_w = text::widest(area, labels.iter().copied(), &label_style)?;
        let mut ticks = axis::nice_ticks(lo.min(0.0), hi.max(0.0), 6);
        if matches!(format, ValueFormat::Count) && axis::step_of(&ticks).fract() != 0.0 {
            // Counts are whole: small ranges get one tick per unit, never 0.2 or 2.5.
            ticks = (lo.min(0.0).floor() as i64..=hi.max(1.0).ceil() as i64)
                .map(|v| v as f64)
                .collect();
        }
        let half_tick = axis::tick_label_width(area, &ticks, format)? as i32 / 2;
        let x0 = MARGIN + label_w.min(MAX_LABEL_WIDTH) as i32 + 14;
        let x1 = size.0 as i32 - MARGIN - right.max(half_tick);
        let plot = Rect::new(x0, top, x1, size.1 as i32 - MARGIN - PLOT_BOTTOM);
        let scale = Scale::over(&ticks, plot.x0, plot.x1);
        Ok(RowLayout {
            plot,
            scale,
            ticks,
            band,
            label_style,
        })
    }

    /// Vertical centre of row `i`.
    pub fn mid(&self, i: usize) -> i32 {
        self.plot.y0 + (self.band * (i as f64 + 0.5)).round() as i32
    }

    /// Gridlines, ticks and the axis title.
    pub fn draw_axis<DB: DrawingBackend>(
        &self,
        area: &Area<DB>,
        format: ValueFormat,
        title: &str,
    ) -> DrawResult<DB> {
        axis::draw_x_values(area, self.plot, self.scale, &self.ticks, format, title)
    }

    /// Row `i`'s label, right-aligned against the plot, cut with an ellipsis if too long.
    pub fn draw_label<DB: DrawingBackend>(
        &self,
        area: &Area<DB>,
        i: usize,
        label: &str,
    ) -> DrawResult<DB> {
        let label = text::fit(area, label, &self.label_style, MAX_LABEL_WIDTH)?;
        area.draw_text(&label, &self.label_style, (self.plot.x0 - 10, self.mid(i)))
    }
}
