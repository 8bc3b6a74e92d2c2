//! Movers (render stage): a dumbbell chart of each entity's share in period A and period B,
//! two dots joined by a line, in the given order, with the change written at the right.

use super::axis::ValueFormat;
use super::canvas::{drawable, outputs, Area, Draw, DrawResult};
use super::legend::{self, Item, Mark};
use super::rows::{self, RowLayout};
use super::text;
use super::theme::{self, MARGIN, MUTED};
use crate::render::error::RenderError;
use crate::render::number;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One entity's share (percent) in period A and in period B, and the change between them
/// (points) as the analysis gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct MoverRow {
    pub label: String,
    pub a: f64,
    pub b: f64,
    pub change: f64,
}

/// Dumbbells in the order of `rows` (the analysis sorts and cuts them:
/// `analysis::picks::drawn`: at most 40, every value finite, else rendering fails).
/// `label_a` and `label_b` name the periods in the legend.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Movers {
    pub title: String,
    pub x_label: String,
    pub label_a: String,
    pub label_b: String,
    pub rows: Vec<MoverRow>,
}

outputs!(Movers);

const COLOR_A: RGBColor = theme::PALETTE[0];
const COLOR_B: RGBColor = theme::PALETTE[1];
const LINK: RGBColor = RGBColor(0xC8, 0xC8, 0xC8);

impl Draw for Movers {
    const KIND: &'static str = "movers";
    const SIZE: (u32, u32) = (1200, 800);

    fn check(&self) -> Result<(), RenderError> {
        let values = self.rows.iter().flat_map(|r| [r.a, r.b, r.change]);
        drawable::<Self>(self.rows.len(), values)
    }

    fn draw<DB: DrawingBackend>(&self, area: &Area<DB>) -> DrawResult<DB> {
        if self.rows.is_empty() {
            return text::no_data(area, &self.title);
        }
        let mut top = text::header(area, &self.title, None)?;
        let items = [
            Item::new(&self.label_a, COLOR_A, Mark::Dot),
            Item::new(&self.label_b, COLOR_B, Mark::Dot),
        ];
        top += legend::draw_rows(area, &items, top)?;
        self.draw_body(area, top + 6)
    }
}

impl Movers {
    fn draw_body<DB: DrawingBackend>(&self, area: &Area<DB>, top: i32) -> DrawResult<DB> {
        let rows = &self.rows;
        let band = rows::band(area, top, rows.len());
        let change_style = rows::row_style(theme::VALUE_SIZE, band, &MUTED, HPos::Right);
        let changes: Vec<String> = rows.iter().map(|r| number::points(r.change)).collect();
        let change_w = text::widest(area, changes.iter().map(String::as_str), &change_style)?;
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        let hi = rows.iter().map(|r| r.a.max(r.b)).fold(0.0, f64::max);
        let lo = rows.iter().map(|r| r.a.min(r.b)).fold(0.0, f64::min);
        let span = (lo, hi, ValueFormat::Percent);
        let layout = RowLayout::new(area, top, &labels, span, change_w as i32 + 36)?;
        layout.draw_axis(area, ValueFormat::Percent, &self.x_label)?;
        let right = Self::SIZE.0 as i32 - MARGIN;
        let head = text::bold(theme::VALUE_SIZE, &MUTED, HPos::Right, VPos::Bottom);
        area.draw_text("change", &head, (right, layout.plot.y0 - 4))?;
        let scale = layout.scale;
        for (i, (row, change)) in rows.iter().zip(&changes).enumerate() {
            layout.draw_label(area, i, &row.label)?;
            area.draw_text(change, &change_style, (right, layout.mid(i)))?;
            let ends = (scale.px(row.a), scale.px(row.b));
            dumbbell(area, ends, layout.mid(i), layout.band)?;
        }
        Ok(())
    }
}

/// A faint row guide, the link between the two shares, then dot A and dot B on top.
fn dumbbell<DB: DrawingBackend>(
    area: &Area<DB>,
    (xa, xb): (i32, i32),
    mid: i32,
    band: f64,
) -> DrawResult<DB> {
    let r = ((band * 0.3).round() as i32).clamp(2, 7);
    let link = LINK.stroke_width((r as u32).min(4));
    area.draw(&PathElement::new(vec![(xa, mid), (xb, mid)], link))?;
    area.draw(&Circle::new((xa, mid), r, COLOR_A.filled()))?;
    area.draw(&Circle::new((xb, mid), r, COLOR_B.filled()))?;
    Ok(())
}
