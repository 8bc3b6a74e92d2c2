//! Legends (render stage): swatches with names, either flowing in rows under the title or
//! stacked in a column beside the plot.

use super::axis::rect;
use super::canvas::{Area, DrawResult, Res};
use super::text::{self, style};
use super::theme::{self, MARGIN, TEXT};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// The mark drawn before a legend entry, matching how the series is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Square,
    Line,
    Dot,
}

/// One legend entry.
#[derive(Clone, Debug)]
pub struct Item {
    pub label: String,
    pub color: RGBColor,
    pub mark: Mark,
}

impl Item {
    pub fn new(label: &str, color: RGBColor, mark: Mark) -> Item {
        let label = label.to_string();
        Item { label, color, mark }
    }
}

const SWATCH: i32 = 22;
const GAP: i32 = 8;
const ITEM_GAP: i32 = 26;
const ROW_HEIGHT: i32 = 24;
/// Longest legend name before it is cut with an ellipsis.
const MAX_LABEL: u32 = 240;

fn label_style() -> TextStyle<'static> {
    style(theme::LEGEND_SIZE, &TEXT, HPos::Left, VPos::Center)
}

fn swatch<DB: DrawingBackend>(area: &Area<DB>, item: &Item, x: i32, y: i32) -> DrawResult<DB> {
    let c = item.color;
    match item.mark {
        Mark::Square => rect(area, (x + 4, y - 7), (x + 18, y + 7), c.filled())?,
        Mark::Line => area.draw(&PathElement::new(
            vec![(x, y), (x + SWATCH, y)],
            c.stroke_width(3),
        ))?,
        Mark::Dot => area.draw(&Circle::new((x + SWATCH / 2, y), 6, c.filled()))?,
    }
    Ok(())
}

/// Draws `items` left to right from `y0`, between the canvas margins, wrapping where a row
/// is full; returns the height used.
pub fn draw_rows<DB: DrawingBackend>(area: &Area<DB>, items: &[Item], y0: i32) -> Res<i32, DB> {
    if items.is_empty() {
        return Ok(0);
    }
    let (x0, x_max) = (MARGIN, area.dim_in_pixel().0 as i32 - MARGIN);
    let label_style = label_style();
    let (mut x, mut y) = (x0, y0 + ROW_HEIGHT / 2);
    for item in items {
        let label = text::fit(area, &item.label, &label_style, MAX_LABEL)?;
        let w = SWATCH + GAP + text::width(area, &label, &label_style)? as i32;
        if x > x0 && x + w > x_max {
            (x, y) = (x0, y + ROW_HEIGHT);
        }
        swatch(area, item, x, y)?;
        area.draw_text(&label, &label_style, (x + SWATCH + GAP, y))?;
        x += w + ITEM_GAP;
    }
    Ok(y + ROW_HEIGHT / 2 - y0)
}

/// Width a [`draw_column`] legend of `items` needs.
pub fn column_width<DB: DrawingBackend>(area: &Area<DB>, items: &[Item]) -> Res<i32, DB> {
    let label_style = label_style();
    let widest = text::widest(area, items.iter().map(|i| i.label.as_str()), &label_style)?;
    Ok(SWATCH + GAP + widest.min(MAX_LABEL) as i32)
}

/// Draws `items` top to bottom from (`x0`, `y0`).
pub fn draw_column<DB: DrawingBackend>(
    area: &Area<DB>,
    items: &[Item],
    x0: i32,
    y0: i32,
) -> DrawResult<DB> {
    let label_style = label_style();
    let mut y = y0 + ROW_HEIGHT / 2;
    for item in items {
        let label = text::fit(area, &item.label, &label_style, MAX_LABEL)?;
        swatch(area, item, x0, y)?;
        area.draw_text(&label, &label_style, (x0 + SWATCH + GAP, y))?;
        y += ROW_HEIGHT + 4;
    }
    Ok(())
}
