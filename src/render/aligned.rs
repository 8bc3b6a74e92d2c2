//! Plain-text tables aligned for a terminal (render stage), as `topictrend issues` prints:
//! columns two spaces apart, numbers right-aligned, text columns left-aligned.

/// `header` then `rows`, each column as wide as its widest cell (in characters); the columns
/// listed in `left` are left-aligned, the others right-aligned; lines end without trailing
/// spaces.
pub fn aligned(header: &[&str], rows: &[Vec<String>], left: &[usize]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let parts: Vec<String> = cells
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, w))| {
                if left.contains(&i) {
                    format!("{c:<w$}")
                } else {
                    format!("{c:>w$}")
                }
            })
            .collect();
        format!("{}\n", parts.join("  ").trim_end())
    };
    let mut out = line(&mut header.iter().copied());
    for r in rows {
        out.push_str(&line(&mut r.iter().map(String::as_str)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_and_lines_end_without_spaces() {
        let rows = vec![
            vec!["9".to_string(), "2013-09-22".to_string(), "12".to_string()],
            vec!["total".to_string(), String::new(), "3".to_string()],
        ];
        let table = aligned(&["issue", "date", "n"], &rows, &[1]);
        let want = "issue  date         n\n    9  2013-09-22  12\ntotal               3\n";
        assert_eq!(table, want);
    }
}
