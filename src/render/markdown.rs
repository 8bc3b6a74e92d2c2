//! Markdown tables for the report (render stage): a small builder with column alignment,
//! escaping of `|` and line breaks, and padded columns so the source reads as a table too.
//! Number helpers live in [`crate::render::number`] and are re-exported here.

pub use super::number::{decimal, fraction_percent, percent, points, thousands};
use crate::render::error::RenderError;

/// Column alignment, written in the delimiter row (`:--`, `--:`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Align {
    #[default]
    Left,
    Right,
}

/// A GitHub-flavoured Markdown table. Rows keep the order they were pushed in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    headers: Vec<String>,
    align: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column headers, all left-aligned.
    pub fn new<S: Into<String>>(headers: impl IntoIterator<Item = S>) -> Table {
        let headers: Vec<String> = headers.into_iter().map(Into::into).collect();
        let align = vec![Align::Left; headers.len()];
        Table {
            headers,
            align,
            rows: Vec::new(),
        }
    }

    /// A table of `columns`, each a header and one cell per row of a frame, showing the frame
    /// rows `rows` in that order (a row past the cells gives empty cells).
    pub fn of<S: Into<String>>(
        columns: Vec<(S, Vec<String>)>,
        rows: impl IntoIterator<Item = usize>,
    ) -> Result<Table, RenderError> {
        let (headers, cells): (Vec<S>, Vec<Vec<String>>) = columns.into_iter().unzip();
        let mut t = Table::new(headers);
        for i in rows {
            t.push(cells.iter().map(|c| c.get(i).cloned().unwrap_or_default()))?;
        }
        Ok(t)
    }

    /// Sets the alignment of column `col` (ignored past the last column).
    pub fn align(mut self, col: usize, align: Align) -> Table {
        if let Some(a) = self.align.get_mut(col) {
            *a = align;
        }
        self
    }

    /// Right-aligns every column from `col` on, the usual shape for a label then numbers.
    pub fn numbers_from(mut self, col: usize) -> Table {
        self.align
            .iter_mut()
            .skip(col)
            .for_each(|a| *a = Align::Right);
        self
    }

    /// Appends a row. A short row is padded with empty cells; a row with more cells than
    /// headers is an error, since the extra cells would silently vanish.
    pub fn push<S: Into<String>>(
        &mut self,
        cells: impl IntoIterator<Item = S>,
    ) -> Result<(), RenderError> {
        let mut row: Vec<String> = cells.into_iter().map(Into::into).collect();
        if row.len() > self.headers.len() {
            let message = format!(
                "row has {} cells but the table has {} columns",
                row.len(),
                self.headers.len()
            );
            return Err(RenderError::Table {
                table: "markdown".to_string(),
                message,
            });
        }
        row.resize(self.headers.len(), String::new());
        self.rows.push(row);
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as Markdown, each line ending in `\n`. No headers renders as nothing.
    pub fn render(&self) -> String {
        if self.headers.is_empty() {
            return String::new();
        }
        let head: Vec<String> = self.headers.iter().map(|h| escape(h)).collect();
        let body: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| r.iter().map(|c| escape(c)).collect())
            .collect();
        let widths: Vec<usize> = (0..head.len())
            .map(|i| {
                body.iter()
                    .map(|r| width(&r[i]))
                    .chain([width(&head[i]), 3])
                    .max()
                    .unwrap_or(3)
            })
            .collect();
        let mut out = self.line(&head, &widths);
        let rule: Vec<String> = self
            .align
            .iter()
            .zip(&widths)
            .map(|(a, w)| rule(*a, *w))
            .collect();
        out.push_str(&format!("| {} |\n", rule.join(" | ")));
        for row in &body {
            out.push_str(&self.line(row, &widths));
        }
        out
    }

    fn line(&self, cells: &[String], widths: &[usize]) -> String {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .zip(&self.align)
            .map(|((c, w), a)| pad(c, *w, *a))
            .collect();
        format!("| {} |\n", padded.join(" | "))
    }
}

/// Makes `text` safe inside a table cell: `|` becomes `\|`, any line break `<br>`, and
/// leading or trailing spaces are trimmed (Markdown drops them anyway).
pub fn escape(text: &str) -> String {
    let one_line = text.replace("\r\n", "\n").replace('\r', "\n");
    one_line.trim().replace('|', "\\|").replace('\n', "<br>")
}

/// Display width as characters (good enough for padding; it is cosmetic only).
fn width(s: &str) -> usize {
    s.chars().count()
}

fn pad(cell: &str, w: usize, align: Align) -> String {
    let fill = w.saturating_sub(width(cell));
    match align {
        Align::Left => format!("{cell}{}", " ".repeat(fill)),
        Align::Right => format!("{}{cell}", " ".repeat(fill)),
    }
}

fn rule(align: Align, w: usize) -> String {
    match align {
        Align::Left => format!(":{}", "-".repeat(w - 1)),
        Align::Right => format!("{}:", "-".repeat(w - 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_aligned_padded_escaped() {
        let mut t = Table::new(["entity", "items", "share"]).numbers_from(1);
        t.push(["Kafka | Streams", "1,234", "12.3%"]).unwrap();
        t.push(["Spark\nSQL"]).unwrap();
        let want = "\
| entity           | items | share |
| :--------------- | ----: | ----: |
| Kafka \\| Streams | 1,234 | 12.3% |
| Spark<br>SQL     |       |       |
";
        assert_eq!(t.render(), want);
    }

    #[test]
    fn too_many_cells_is_an_error_and_empty_tables_render() {
        let mut t = Table::new(["a"]).align(0, Align::Right);
        assert!(t.push(["1", "2"]).is_err());
        assert_eq!(t.render(), "|   a |\n| --: |\n");
        assert_eq!(Table::new(Vec::<String>::new()).render(), "");
    }
}
