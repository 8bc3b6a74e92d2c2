//! Horizontal bar chart (render stage): top entities, meetups per country or continent,
//! with value labels at the bar ends and an optional colour per group.

use super::axis::{self, ValueFormat};
use super::canvas::{drawable, outputs, Area, Draw, DrawResult};
use super::legend::{self, Item, Mark};
use super::rows::{self, RowLayout};
use super::text;
use super::theme::{self, TEXT};
use crate::render::error::RenderError;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;
use std::collections::BTreeSet;

/// One bar: a label, its value and an optional colour group (e.g. a continent).
#[derive(Clone, Debug, PartialEq)]
pub struct BarRow {
    pub label: String,
    pub value: f64,
    pub group: Option<String>,
}

impl BarRow {
    pub fn new(label: impl Into<String>, value: f64) -> BarRow {
        BarRow {
            label: label.into(),
            value,
            group: None,
        }
    }

    /// The same row coloured by `group`.
    pub fn in_group(mut self, group: impl Into<String>) -> BarRow {
        self.group = Some(group.into());
        self
    }
}

/// Bars drawn top to bottom in the order of `rows` (sort and cut them first): at most 40,
/// each value finite, else rendering fails. `cut_from`: the rows are the first of that many
/// (the subtitle says so when it is more than the rows). When any row has a group, bars are coloured by group (palette order = sorted group names, so a
/// group keeps its colour across charts) and a legend names the groups.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HorizontalBars {
    pub title: String,
    pub x_label: String,
    pub rows: Vec<BarRow>,
    pub format: ValueFormat,
    pub cut_from: Option<usize>,
}

outputs!(HorizontalBars);

impl Draw for HorizontalBars {
    const KIND: &'static str = "horizontal bars";
    const SIZE: (u32, u32) = (1200, 800);

    fn check(&self) -> Result<(), RenderError> {
        drawable::<Self>(self.rows.len(), self.rows.iter().map(|r| r.value))
    }

    fn draw<DB: DrawingBackend>(&self, area: &Area<DB>) -> DrawResult<DB> {
        let rows = &self.rows;
        if rows.is_empty() {
            return text::no_data(area, &self.title);
        }
        let note = text::shown_note(rows.len(), self.cut_from, "bars");
        let mut top = text::header(area, &self.title, note.as_deref())?;
        let groups = group_colors(rows);
        // A legend only says something when a group is not simply the bar's own label.
        let informative = rows
            .iter()
            .any(|r| r.group.as_ref().is_some_and(|g| *g != r.label));
        let items: Vec<Item> = groups
            .iter()
            .filter(|_| informative)
            .map(|(g, c)| Item::new(g, *c, Mark::Square))
            .collect();
        top += legend::draw_rows(area, &items, top)?;
        self.draw_body(area, &groups, top + 6)
    }
}

impl HorizontalBars {
    fn draw_body<DB: DrawingBackend>(
        &self,
        area: &Area<DB>,
        groups: &[(String, RGBColor)],
        top: i32,
    ) -> DrawResult<DB> {
        let rows = &self.rows;
        let band = rows::band(area, top, rows.len());
        let value_style = rows::row_style(theme::VALUE_SIZE, band, &TEXT, HPos::Left);
        let values: Vec<String> = rows.iter().map(|r| self.format.value(r.value)).collect();
        let value_w = text::widest(area, values.iter().map(String::as_str), &value_style)?;
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        let lo = rows.iter().map(|r| r.value).fold(0.0, f64::min);
        let hi = rows.iter().map(|r| r.value).fold(0.0, f64::max);
        let span = (lo, hi, self.format);
        let layout = RowLayout::new(area, top, &labels, span, value_w as i32 + 10)?;
        layout.draw_axis(area, self.format, &self.x_label)?;
        let half = ((layout.band * 0.72).min(64.0) / 2.0).max(1.0) as i32;
        let scale = layout.scale;
        for (i, (row, value)) in rows.iter().zip(&values).enumerate() {
            layout.draw_label(area, i, &row.label)?;
            let (mid, zero, end) = (layout.mid(i), scale.px(0.0), scale.px(row.value));
            let (a, b) = (zero.min(end), zero.max(end));
            let fill = bar_color(row, groups).filled();
            axis::rect(area, (a, mid - half), (b, mid + half), fill)?;
            area.draw_text(value, &value_style, (b + 6, mid))?;
        }
        let (zero, plot) = (scale.px(0.0), layout.plot);
        axis::line(area, (zero, plot.y0), (zero, plot.y1), theme::AXIS)
    }
}

/// Distinct groups in sorted order, each with its palette colour.
fn group_colors(rows: &[BarRow]) -> Vec<(String, RGBColor)> {
    let names: BTreeSet<&str> = rows.iter().filter_map(|r| r.group.as_deref()).collect();
    names
        .into_iter()
        .enumerate()
        .map(|(i, g)| (g.to_string(), theme::palette(i)))
        .collect()
}

/// A row's bar colour: its group's; without groups the first palette colour; a row left
/// out of the groups others have is grey.
fn bar_color(row: &BarRow, groups: &[(String, RGBColor)]) -> RGBColor {
    let fallback = if groups.is_empty() {
        theme::palette(0)
    } else {
        theme::AXIS
    };
    row.group
        .as_deref()
        .and_then(|g| groups.iter().find(|(name, _)| name == g))
        .map_or(fallback, |(_, c)| *c)
}
