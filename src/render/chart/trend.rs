//! Trend lines (render stage): the share of article items per period for several named
//! series, with a legend beside the plot.

use super::axis::{self, Scale};
use super::canvas::{at_most, outputs, Area, Draw, DrawResult};
use super::legend::Mark;
use super::periods::{self, Frame, Series};
use super::text;
use super::theme::{self, MAX_SERIES};
use crate::render::error::RenderError;
use plotters::prelude::*;

/// Lines over ordered period labels (x) with shares in percent (y). Series are drawn and
/// listed in the order given, every one (the caller leaves out what it does not want listed),
/// at most 10 (more is an error: the caller picks); no periods is "no data". Values
/// past the end of `periods` are ignored; missing ones are gaps. `raw`, when given, holds the
/// unsmoothed values of the series of the same name, drawn under the lines as faint dots in
/// the series' colour (the lines then being a rolling mean).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrendLines {
    pub title: String,
    pub y_label: String,
    pub periods: Vec<String>,
    pub series: Vec<Series>,
    pub raw: Vec<Series>,
}

outputs!(TrendLines);

impl Draw for TrendLines {
    const KIND: &'static str = "trend lines";
    const SIZE: (u32, u32) = (1200, 720);

    /// More than [`MAX_SERIES`] series is a caller bug (the report draws at most 8).
    fn check(&self) -> Result<(), RenderError> {
        at_most::<Self>(self.series.len(), MAX_SERIES, "series")
    }

    fn draw<DB: DrawingBackend>(&self, area: &Area<DB>) -> DrawResult<DB> {
        let n = self.periods.len();
        let series = &self.series;
        if series.is_empty() || n == 0 {
            return text::no_data(area, &self.title);
        }
        let raw: Vec<Option<&Series>> = series
            .iter()
            .map(|s| self.raw.iter().find(|r| r.name == s.name))
            .collect();
        let values = || {
            let all = series.iter().chain(raw.iter().flatten().copied());
            all.flat_map(|s| (0..n).filter_map(|i| s.at(i)))
        };
        let (lo, hi) = (values().fold(0.0, f64::min), values().fold(0.0, f64::max));
        let frame = Frame {
            title: &self.title,
            y_label: &self.y_label,
            periods: &self.periods,
            items: periods::items(series, Mark::Line),
            ticks: axis::nice_ticks(lo, hi, 6),
        };
        let scales = frame.draw(area)?;
        let at = |s: &Series| pixels(s, n, scales);
        for (i, r) in raw.iter().enumerate() {
            if let Some(r) = r {
                draw_points(area, &at(r), theme::palette(i))?;
            }
        }
        for (i, s) in series.iter().enumerate() {
            draw_line(area, &at(s), theme::palette(i))?;
        }
        Ok(())
    }
}

/// Each of the first `n` periods' value of `s` in pixels (`None`: a gap).
fn pixels(s: &Series, n: usize, (x, y): (Scale, Scale)) -> Vec<Option<(i32, i32)>> {
    (0..n)
        .map(|i| s.at(i).map(|v| (x.px(i as f64), y.px(v))))
        .collect()
}

/// The raw values as small dots at 35% opacity, under the smoothed lines.
fn draw_points<DB: DrawingBackend>(
    area: &Area<DB>,
    points: &[Option<(i32, i32)>],
    color: RGBColor,
) -> DrawResult<DB> {
    let faint = color.mix(0.35).filled();
    for p in points.iter().flatten() {
        area.draw(&Circle::new(*p, 3, faint))?;
    }
    Ok(())
}

/// Joins consecutive present values; a present value between two gaps is drawn as a dot.
fn draw_line<DB: DrawingBackend>(
    area: &Area<DB>,
    points: &[Option<(i32, i32)>],
    color: RGBColor,
) -> DrawResult<DB> {
    let mut run: Vec<(i32, i32)> = Vec::new();
    for p in points.iter().copied().chain([None]) {
        match p {
            Some(p) => run.push(p),
            None => {
                match run.len() {
                    0 => {}
                    1 => area.draw(&Circle::new(run[0], 4, color.filled()))?,
                    _ => area.draw(&PathElement::new(run.clone(), color.stroke_width(3)))?,
                }
                run.clear();
            }
        }
    }
    Ok(())
}
