//! Value axes (render stage): the plot rectangle, linear scales, "nice" tick steps and the
//! gridlines with tick labels that bars, dumbbells, lines and areas share.

use super::canvas::{Area, DrawResult, Res};
use super::text::{self, style};
use super::theme::{self, AXIS, GRID, MUTED, TEXT};
use crate::render::number;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// How values are written on bars and ticks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ValueFormat {
    /// Whole numbers with thousands separators: `1,234`.
    #[default]
    Count,
    /// Values that are already percentages, one decimal: `12.3%`.
    Percent,
    /// Plain numbers with this many decimals.
    Decimal(usize),
}

impl ValueFormat {
    /// A value label, e.g. at the end of a bar.
    pub fn value(self, v: f64) -> String {
        match self {
            ValueFormat::Count => number::decimal(v, 0),
            ValueFormat::Percent => number::percent(v),
            ValueFormat::Decimal(d) => number::decimal(v, d),
        }
    }

    /// A tick label; ticks use as few decimals as their step needs.
    pub fn tick(self, v: f64, step: f64) -> String {
        let d = step_decimals(step);
        match self {
            ValueFormat::Percent => format!("{}%", number::decimal(v, d)),
            _ => number::decimal(v, d),
        }
    }
}

/// A pixel rectangle; `x1`, `y1` exclusive.
#[derive(Clone, Copy, Debug)]
pub struct Rect {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl Rect {
    pub fn new(x0: i32, y0: i32, x1: i32, y1: i32) -> Rect {
        Rect { x0, y0, x1, y1 }
    }
}

/// Linear map from a data interval onto a pixel interval (either may run backwards).
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    pub d0: f64,
    pub d1: f64,
    pub p0: i32,
    pub p1: i32,
}

impl Scale {
    /// From the first to the last of `ticks` (0 to 1 without ticks) onto `p0` to `p1`.
    pub fn over(ticks: &[f64], p0: i32, p1: i32) -> Scale {
        let d0 = ticks.first().copied().unwrap_or(0.0);
        let d1 = ticks.last().copied().unwrap_or(1.0);
        Scale { d0, d1, p0, p1 }
    }

    pub fn px(&self, v: f64) -> i32 {
        let span = self.d1 - self.d0;
        let t = if span == 0.0 {
            0.5
        } else {
            (v - self.d0) / span
        };
        (self.p0 as f64 + t * (self.p1 - self.p0) as f64).round() as i32
    }
}

/// Tick positions covering [lo, hi] with about `target` steps of 1, 2, 2.5 or 5 x 10^k;
/// the first and last ticks are the rounded-out domain ends.
pub fn nice_ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    let (lo, hi) = if hi > lo { (lo, hi) } else { (lo, lo + 1.0) };
    let raw = (hi - lo) / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw * 0.999)
        .unwrap_or(10.0 * mag);
    let first = (lo / step + 1e-9).floor() as i64;
    let last = (hi / step - 1e-9).ceil() as i64;
    // Spans too small for f64 steps (subnormal values) would give millions of ticks.
    if !step.is_normal() || last.saturating_sub(first) > 100 {
        return vec![lo, hi];
    }
    // Multiply integer counts rather than accumulate, so ticks carry no drift.
    (first..=last).map(|i| i as f64 * step).collect()
}

/// Decimals a tick step needs: 0 for 5, 1 for 2.5 or 0.5, 2 for 0.25 ...
fn step_decimals(step: f64) -> usize {
    (0..6)
        .find(|d| {
            let scaled = step * 10f64.powi(*d as i32);
            (scaled - scaled.round()).abs() < 1e-6
        })
        .unwrap_or(6)
}

/// Step between consecutive ticks (1 when there is only one).
pub fn step_of(ticks: &[f64]) -> f64 {
    match ticks {
        [a, b, ..] => b - a,
        _ => 1.0,
    }
}

/// Vertical gridlines, tick labels under `plot` and the axis title below them.
pub fn draw_x_values<DB: DrawingBackend>(
    area: &Area<DB>,
    plot: Rect,
    scale: Scale,
    ticks: &[f64],
    format: ValueFormat,
    title: &str,
) -> DrawResult<DB> {
    let step = step_of(ticks);
    let tick_style = style(theme::TICK_SIZE, &MUTED, HPos::Center, VPos::Top);
    for &t in ticks {
        let x = scale.px(t);
        line(area, (x, plot.y0), (x, plot.y1), GRID)?;
        area.draw_text(&format.tick(t, step), &tick_style, (x, plot.y1 + 8))?;
    }
    line(area, (plot.x0, plot.y1), (plot.x1, plot.y1), AXIS)?;
    let y = plot.y1 + 14 + theme::TICK_SIZE as i32;
    area.draw_text(title, &title_style(), ((plot.x0 + plot.x1) / 2, y))?;
    Ok(())
}

/// Horizontal gridlines, tick labels left of `plot` and the axis title rotated at the far left.
pub fn draw_y_values<DB: DrawingBackend>(
    area: &Area<DB>,
    plot: Rect,
    scale: Scale,
    ticks: &[f64],
    format: ValueFormat,
    title: &str,
) -> DrawResult<DB> {
    let step = step_of(ticks);
    let tick_style = style(theme::TICK_SIZE, &MUTED, HPos::Right, VPos::Center);
    for &t in ticks {
        let y = scale.px(t);
        line(area, (plot.x0, y), (plot.x1, y), GRID)?;
        area.draw_text(&format.tick(t, step), &tick_style, (plot.x0 - 8, y))?;
    }
    line(area, (plot.x0, plot.y0), (plot.x0, plot.y1), AXIS)?;
    let flat = title_style();
    let title = text::fit(area, title, &flat, (plot.y1 - plot.y0).max(0) as u32)?;
    let upright = flat.transform(FontTransform::Rotate270);
    let at = (theme::MARGIN - 6, (plot.y0 + plot.y1) / 2);
    area.draw_text(&title, &upright, at)?;
    Ok(())
}

/// An axis title, read along its axis.
fn title_style() -> TextStyle<'static> {
    style(theme::AXIS_TITLE_SIZE, &TEXT, HPos::Center, VPos::Top)
}

/// A one-pixel line from `a` to `b`.
pub fn line<DB: DrawingBackend>(
    area: &Area<DB>,
    a: (i32, i32),
    b: (i32, i32),
    color: RGBColor,
) -> DrawResult<DB> {
    area.draw(&PathElement::new(vec![a, b], color.stroke_width(1)))?;
    Ok(())
}

/// A rectangle from corner `a` to corner `b`, filled or outlined as `style` says.
pub fn rect<DB: DrawingBackend>(
    area: &Area<DB>,
    a: (i32, i32),
    b: (i32, i32),
    style: ShapeStyle,
) -> DrawResult<DB> {
    area.draw(&Rectangle::new([a, b], style))?;
    Ok(())
}

/// Width of the widest tick label, so the plot can leave room for it.
pub fn tick_label_width<DB: DrawingBackend>(
    area: &Area<DB>,
    ticks: &[f64],
    format: ValueFormat,
) -> Res<u32, DB> {
    let step = step_of(ticks);
    let labels: Vec<String> = ticks.iter().map(|t| format.tick(*t, step)).collect();
    let tick_style = style(theme::TICK_SIZE, &MUTED, HPos::Right, VPos::Center);
    text::widest(area, labels.iter().map(String::as_str), &tick_style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ticks_round_out_the_domain() {
        assert_eq!(
            nice_ticks(0.0, 87.0, 5),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(nice_ticks(0.0, 0.0, 5).first(), Some(&0.0));
        assert_eq!(
            nice_ticks(0.0, 239.0, 6),
            vec![0.0, 50.0, 100.0, 150.0, 200.0, 250.0]
        );
        assert_eq!(nice_ticks(-3.0, 10.0, 5), vec![-5.0, 0.0, 5.0, 10.0]);
        assert_eq!(nice_ticks(0.0, 1e-320, 5), vec![0.0, 1e-320]);
        assert_eq!(nice_ticks(0.0, 9.0, 4), vec![0.0, 2.5, 5.0, 7.5, 10.0]);
        assert_eq!(step_decimals(2.5), 1);
        assert_eq!(ValueFormat::Percent.tick(7.5, 2.5), "7.5%");
        assert_eq!(ValueFormat::Count.value(1234.0), "1,234");
    }

    #[test]
    fn scale_maps_both_directions() {
        let s = Scale::over(&[0.0, 10.0], 100, 0);
        assert_eq!(s.px(0.0), 100);
        assert_eq!(s.px(5.0), 50);
        assert_eq!(Scale::over(&[1.0], 0, 10).px(1.0), 5);
    }
}
