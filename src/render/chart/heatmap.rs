//! NPMI heatmap (render stage): a square matrix of co-mention strength for the top entities,
//! on a diverging colour scale with a colour bar, cell values where they fit, and hatched
//! cells for pairs without enough support.

use super::axis::{line, rect};
use super::canvas::{at_most, chart_error, finite, outputs, Area, Draw, DrawResult};
use super::text::{self, style};
use super::theme::{self, MARGIN, TEXT};
use crate::render::error::RenderError;
use crate::render::number::decimal;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// `values[r][c]` is the NPMI of `labels[r]` with `labels[c]`, in [-1, 1] (values outside
/// are clamped for colour). `None`, NaN or infinite means no value (too little support) and
/// draws a hatched empty cell. The matrix must be `labels.len()` square, at most 40.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Heatmap {
    pub title: String,
    pub labels: Vec<String>,
    pub values: Vec<Vec<Option<f64>>>,
}

outputs!(Heatmap);

/// Most entities drawn; more would make cells and labels too small to read.
const MAX_ENTITIES: usize = 40;
/// Largest cell side, so a small matrix does not turn into a few huge tiles.
const MAX_CELL: i32 = 64;
/// Longest row or column label before it is cut with an ellipsis.
const MAX_LABEL: u32 = 240;
const BAR_WIDTH: i32 = 20;
const BAR_AREA: i32 = 130;

impl Draw for Heatmap {
    const KIND: &'static str = "heatmap";
    const SIZE: (u32, u32) = (1100, 1000);

    /// A ragged or non-square matrix, or more than [`MAX_ENTITIES`] entities (the report
    /// picks 15), is a caller bug.
    fn check(&self) -> Result<(), RenderError> {
        let n = self.labels.len();
        at_most::<Self>(n, MAX_ENTITIES, "entities")?;
        let ok = self.values.len() == n && self.values.iter().all(|row| row.len() == n);
        if ok {
            return Ok(());
        }
        let shape: Vec<String> = self.values.iter().map(|r| r.len().to_string()).collect();
        let shape = shape.join(", ");
        let message = format!("{n} labels need a {n}x{n} matrix; rows have lengths [{shape}]");
        Err(chart_error::<Self>(message))
    }

    fn draw<DB: DrawingBackend>(&self, area: &Area<DB>) -> DrawResult<DB> {
        if self.labels.is_empty() {
            return text::no_data(area, &self.title);
        }
        let labels = &self.labels;
        let top = text::header(area, &self.title, None)?;
        let n = labels.len() as i32;
        // A first guess at the cell size sets the label font; labels never exceed a row.
        let guess = (Self::SIZE.1 as i32 - top - MARGIN - MAX_LABEL as i32) as f64 / n as f64;
        let size = text::row_size(theme::TICK_SIZE, guess);
        let label_style = style(size, &TEXT, HPos::Right, VPos::Center);
        let label_w = text::widest(area, labels.iter().map(String::as_str), &label_style)?
            .min(MAX_LABEL) as i32;
        let (w, h) = (Self::SIZE.0 as i32, Self::SIZE.1 as i32);
        let room_w = w - 2 * MARGIN - label_w - 10 - BAR_AREA;
        let room_h = h - top - MARGIN - label_w - 10;
        let cell = (room_w.min(room_h) / n).clamp(1, MAX_CELL);
        let origin = (MARGIN + label_w + 10, top + 6);
        draw_labels(area, labels, (origin, cell), &label_style)?;
        self.draw_cells(area, labels.len(), origin, cell)?;
        let bar_x = origin.0 + cell * n + 36;
        colour_bar(area, bar_x, origin.1 + 30, (cell * n).clamp(200, 420))
    }
}

impl Heatmap {
    fn value(&self, r: usize, c: usize) -> Option<f64> {
        self.values.get(r)?.get(c).copied()?.and_then(finite)
    }

    /// The first `n` rows and columns of the matrix.
    fn draw_cells<DB: DrawingBackend>(
        &self,
        area: &Area<DB>,
        n: usize,
        (x0, y0): (i32, i32),
        cell: i32,
    ) -> DrawResult<DB> {
        let size = match cell {
            46.. => 16.0,
            36..=45 => 13.0,
            _ => 0.0,
        };
        for r in 0..n {
            for c in 0..n {
                let (x, y) = (x0 + cell * c as i32, y0 + cell * r as i32);
                match self.value(r, c) {
                    Some(v) => filled_cell(area, (x, y), cell, v, size)?,
                    None => empty_cell(area, (x, y), cell)?,
                }
            }
        }
        Ok(())
    }
}

/// Row labels left of the grid and the same labels rotated under it, one per cell.
fn draw_labels<DB: DrawingBackend>(
    area: &Area<DB>,
    labels: &[String],
    ((x0, y0), cell): ((i32, i32), i32),
    row_style: &TextStyle,
) -> DrawResult<DB> {
    let bottom = y0 + cell * labels.len() as i32 + 8;
    let col_style = row_style.transform(FontTransform::Rotate270);
    for (i, label) in labels.iter().enumerate() {
        let label = text::fit(area, label, row_style, MAX_LABEL)?;
        let mid = cell * i as i32 + cell / 2;
        area.draw_text(&label, row_style, (x0 - 8, y0 + mid))?;
        area.draw_text(&label, &col_style, (x0 + mid, bottom))?;
    }
    Ok(())
}

fn filled_cell<DB: DrawingBackend>(
    area: &Area<DB>,
    (x, y): (i32, i32),
    cell: i32,
    v: f64,
    size: f64,
) -> DrawResult<DB> {
    let fill = theme::diverging(v);
    rect(area, (x, y), (x + cell - 1, y + cell - 1), fill.filled())?;
    if size > 0.0 {
        let label = decimal(v, 2);
        let st = style(size, &theme::text_on(fill), HPos::Center, VPos::Center);
        area.draw_text(&label, &st, (x + cell / 2, y + cell / 2))?;
    }
    Ok(())
}

/// White cell with a grey outline and one diagonal hatch: visibly "no value", not "zero".
fn empty_cell<DB: DrawingBackend>(
    area: &Area<DB>,
    (x, y): (i32, i32),
    cell: i32,
) -> DrawResult<DB> {
    let (x1, y1) = (x + cell - 2, y + cell - 2);
    rect(area, (x + 1, y + 1), (x1, y1), theme::GRID.stroke_width(1))?;
    line(area, (x + 1, y1), (x1, y + 1), theme::GRID)
}

/// Vertical colour bar from +1 (top) to -1 (bottom) with ticks, a caption and a key for
/// empty cells.
fn colour_bar<DB: DrawingBackend>(area: &Area<DB>, x: i32, y: i32, height: i32) -> DrawResult<DB> {
    let head = text::bold(theme::LEGEND_SIZE, &TEXT, HPos::Left, VPos::Bottom);
    area.draw_text("NPMI", &head, (x, y - 16))?;
    let right = x + BAR_WIDTH;
    for k in 0..height {
        let v = 1.0 - 2.0 * k as f64 / (height - 1) as f64;
        let fill = theme::diverging(v).filled();
        rect(area, (x, y + k), (right, y + k + 1), fill)?;
    }
    let tick = style(theme::TICK_SIZE, &theme::MUTED, HPos::Left, VPos::Center);
    for t in [1.0, 0.5, 0.0, -0.5, -1.0] {
        let ty = y + ((1.0 - t) / 2.0 * (height - 1) as f64).round() as i32;
        line(area, (right, ty), (right + 5, ty), theme::AXIS)?;
        area.draw_text(&decimal(t, 1), &tick, (right + 8, ty))?;
    }
    let key_y = y + height + 24;
    empty_cell(area, (x, key_y), BAR_WIDTH + 2)?;
    let key = style(theme::TICK_SIZE - 2.0, &theme::MUTED, HPos::Left, VPos::Top);
    area.draw_text("too few", &key, (x, key_y + BAR_WIDTH + 10))?;
    area.draw_text("co-mentions", &key, (x, key_y + BAR_WIDTH + 30))?;
    Ok(())
}
