//! Momentum map (render stage): a scatter of entities by share (x, percent) and change of
//! share against the year before (y, percentage points), each point labelled, the plot split
//! into four named quadrants at `x_split` and `y_split`.

use super::axis::{self, Rect, Scale, ValueFormat};
use super::canvas::{drawable, outputs, Area, Draw, DrawResult, Res};
use super::text::{self, style};
use super::theme::{self, MARGIN, MUTED};
use crate::render::error::RenderError;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One entity: share in percent (x), change in percentage points (y), and its quadrant's
/// index in [`MomentumMap::quadrants`] (which colours it).
#[derive(Clone, Debug, PartialEq)]
pub struct MomentumPoint {
    pub label: String,
    pub x: f64,
    pub y: f64,
    pub quadrant: usize,
}

/// Points drawn in the order given (later on top): at most 40, each coordinate finite, else
/// rendering fails (the analysis' momentum frame has `2 x review_top` rows). `quadrants`
/// names the top right, top left, bottom right and bottom left quadrants, written in their
/// corners; the dashed split lines are at `x_split` (percent) and `y_split` (points).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MomentumMap {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub points: Vec<MomentumPoint>,
    pub x_split: f64,
    pub y_split: f64,
    pub quadrants: [String; 4],
}

outputs!(MomentumMap);

impl Draw for MomentumMap {
    const KIND: &'static str = "momentum map";
    const SIZE: (u32, u32) = (1200, 800);

    fn check(&self) -> Result<(), RenderError> {
        let xy = self.points.iter().flat_map(|p| [p.x, p.y]);
        drawable::<Self>(self.points.len(), xy)
    }

    fn draw<DB: DrawingBackend>(&self, area: &Area<DB>) -> DrawResult<DB> {
        let points = &self.points;
        if points.is_empty() {
            return text::no_data(area, &self.title);
        }
        let top = text::header(area, &self.title, None)?;
        let (plot, x, y) = self.frame(area, points, top)?;
        self.draw_quadrants(area, plot, (x, y))?;
        let label = style(theme::VALUE_SIZE, &theme::TEXT, HPos::Left, VPos::Center);
        let mut placed: Vec<Rect> = Vec::new();
        for p in points {
            let at = (x.px(p.x), y.px(p.y));
            area.draw(&Circle::new(at, 6, theme::palette(p.quadrant).filled()))?;
            let w = text::width(area, &p.label, &label)? as i32;
            let spot = free_spot(&placed, (at.0 + 9, at.1), w);
            placed.push(spot);
            if spot.y0 + LINE / 2 != at.1 {
                let start = (spot.x0 - 2, spot.y0 + LINE / 2);
                axis::line(area, at, start, MUTED)?;
            }
            area.draw_text(&p.label, &label, (spot.x0, spot.y0 + LINE / 2))?;
        }
        Ok(())
    }
}

impl MomentumMap {
    /// The plot rectangle and both scales, with the axes, gridlines and titles drawn.
    fn frame<DB: DrawingBackend>(
        &self,
        area: &Area<DB>,
        points: &[MomentumPoint],
        top: i32,
    ) -> Res<(Rect, Scale, Scale), DB> {
        let span = |v: &dyn Fn(&MomentumPoint) -> f64, split: f64| {
            let lo = points.iter().map(v).fold(split.min(0.0), f64::min);
            let hi = points.iter().map(v).fold(split.max(0.0), f64::max);
            axis::nice_ticks(lo, hi, 6)
        };
        let xt = span(&|p| p.x, self.x_split);
        let yt = span(&|p| p.y, self.y_split);
        let left = MARGIN + 40 + axis::tick_label_width(area, &yt, ValueFormat::Decimal(1))? as i32;
        let (w, h) = (Self::SIZE.0 as i32, Self::SIZE.1 as i32);
        // Room at the right for the labels of the rightmost points.
        let plot = Rect::new(left, top + 10, w - MARGIN - 150, h - MARGIN - 60);
        let x = Scale::over(&xt, plot.x0, plot.x1);
        let y = Scale::over(&yt, plot.y1, plot.y0);
        axis::draw_x_values(area, plot, x, &xt, ValueFormat::Percent, &self.x_label)?;
        axis::draw_y_values(area, plot, y, &yt, ValueFormat::Decimal(1), &self.y_label)?;
        Ok((plot, x, y))
    }

    /// Dashed split lines and the quadrant names in the plot's corners.
    fn draw_quadrants<DB: DrawingBackend>(
        &self,
        area: &Area<DB>,
        plot: Rect,
        (x, y): (Scale, Scale),
    ) -> DrawResult<DB> {
        let (sx, sy) = (x.px(self.x_split), y.px(self.y_split));
        dashed(area, (sx, plot.y0), (sx, plot.y1))?;
        dashed(area, (plot.x0, sy), (plot.x1, sy))?;
        let corners = [
            (plot.x1 - 8, plot.y0 + 6, HPos::Right, VPos::Top),
            (plot.x0 + 8, plot.y0 + 6, HPos::Left, VPos::Top),
            (plot.x1 - 8, plot.y1 - 6, HPos::Right, VPos::Bottom),
            (plot.x0 + 8, plot.y1 - 6, HPos::Left, VPos::Bottom),
        ];
        for (i, (name, (cx, cy, h, v))) in self.quadrants.iter().zip(corners).enumerate() {
            let s = text::bold(theme::LEGEND_SIZE, &theme::palette(i), h, v);
            area.draw_text(name, &s, (cx, cy))?;
        }
        Ok(())
    }
}

/// Height of a point label's box.
const LINE: i32 = 18;

/// The first box for a label `w` wide starting at `at` (left, vertical centre) that overlaps
/// no placed label: at the point, else a line lower, higher, two lines lower, ... (up to 4);
/// when all overlap, at the point. Placed labels keep the order the points are given in, so
/// the picture is deterministic.
fn free_spot(placed: &[Rect], at: (i32, i32), w: i32) -> Rect {
    let boxed = |dy: i32| Rect::new(at.0, at.1 + dy - LINE / 2, at.0 + w, at.1 + dy + LINE / 2);
    let clear = |r: &Rect| {
        placed
            .iter()
            .all(|o| r.x1 <= o.x0 || o.x1 <= r.x0 || r.y1 <= o.y0 || o.y1 <= r.y0)
    };
    [0, 1, -1, 2, -2, 3, -3, 4, -4]
        .iter()
        .map(|k| boxed(k * LINE))
        .find(clear)
        .unwrap_or(boxed(0))
}

/// A dashed grey line (8 on, 6 off) from `a` to `b`, horizontal or vertical.
fn dashed<DB: DrawingBackend>(area: &Area<DB>, a: (i32, i32), b: (i32, i32)) -> DrawResult<DB> {
    let len = (b.0 - a.0).abs().max((b.1 - a.1).abs());
    let at = |t: i32| {
        let f = t as f64 / len.max(1) as f64;
        let lerp = |p: i32, q: i32| p + ((q - p) as f64 * f).round() as i32;
        (lerp(a.0, b.0), lerp(a.1, b.1))
    };
    for s in (0..len).step_by(14) {
        axis::line(area, at(s), at((s + 8).min(len)), MUTED)?;
    }
    Ok(())
}
