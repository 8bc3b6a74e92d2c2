//! Front matter of a one-post file: a YAML block between `---` lines or a TOML block between
//! `+++` lines at the top (Jekyll, Hugo, Eleventy, Zola). The keys read are `title`, `date`
//! and `issue`; the others (tags, layout, ...) are ignored.

use yaml_rust2::{Yaml, YamlLoader};

/// What the front matter says, and how many lines it takes (its fences included).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    pub title: Option<String>,
    /// As written (`2021-03-12`, `2021-04-09 09:00:00 +0100`, a TOML datetime).
    pub date: Option<String>,
    pub issue: Option<u32>,
    pub lines: usize,
}

/// The block's syntax, from its opening fence.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Yaml,
    Toml,
}

/// True when `text` opens with a front-matter fence line (`---` or `+++`); whether the block
/// is closed and readable is [`front_matter`]'s business.
pub(crate) fn opens_with_fence(text: &[u8]) -> bool {
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
    let first = text.split(|&b| b == b'\n').next().unwrap_or_default();
    matches!(first.trim_ascii_end(), b"---" | b"+++")
}

/// The front matter at the top of `text`: `None` without one (no opening fence, or no closing
/// fence), `Some(Err((line, why)))` for a block that is not readable YAML or TOML, or whose
/// `issue` is no number.
pub(crate) fn front_matter(text: &str) -> Option<Result<FrontMatter, (u32, String)>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split('\n').map(|l| l.trim_end_matches('\r'));
    let syntax = match lines.next()?.trim_end() {
        "---" => Syntax::Yaml,
        "+++" => Syntax::Toml,
        _ => return None,
    };
    let close = |l: &str| match syntax {
        Syntax::Yaml => matches!(l.trim_end(), "---" | "..."),
        Syntax::Toml => l.trim_end() == "+++",
    };
    let body: Vec<&str> = lines.clone().take_while(|l| !close(l)).collect();
    // No closing fence: a rule at the top of a post, not front matter.
    lines.nth(body.len())?;
    let block = body.join("\n");
    let fields = match syntax {
        Syntax::Yaml => yaml(&block),
        Syntax::Toml => toml_fields(&block),
    };
    Some(fields.map(|(title, date, issue)| FrontMatter {
        title,
        date,
        issue,
        lines: body.len() + 2,
    }))
}

type Fields = (Option<String>, Option<String>, Option<u32>);

/// `(line in the file, why)`; the block starts on the file's second line.
type Bad = (u32, String);

fn yaml(block: &str) -> Result<Fields, Bad> {
    let docs = YamlLoader::load_from_str(block).map_err(|e| {
        let line = u32::try_from(e.marker().line()).unwrap_or(0) + 1;
        (
            line,
            format!("front matter is not readable YAML: {}", e.info()),
        )
    })?;
    let Some(doc) = docs.first() else {
        return Ok((None, None, None));
    };
    let text = |y: &Yaml| match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(n) => Some(n.to_string()),
        _ => None,
    };
    let issue = issue_number(&doc["issue"], |y| match y {
        Yaml::Integer(n) => Some(*n),
        Yaml::String(s) => s.trim().trim_start_matches('#').parse().ok(),
        _ => None,
    })?;
    Ok((text(&doc["title"]), text(&doc["date"]), issue))
}

fn toml_fields(block: &str) -> Result<Fields, Bad> {
    let table: toml::Table = toml::from_str(block).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        let line = block[..at.min(block.len())].matches('\n').count() + 2;
        let line = u32::try_from(line).unwrap_or(0);
        (
            line,
            format!("front matter is not readable TOML: {}", e.message().trim()),
        )
    })?;
    let text = |key: &str| match table.get(key)? {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        toml::Value::Integer(n) => Some(n.to_string()),
        _ => None,
    };
    let issue = issue_number(&table.get("issue"), |v| match v {
        Some(toml::Value::Integer(n)) => Some(*n),
        Some(toml::Value::String(s)) => s.trim().trim_start_matches('#').parse().ok(),
        _ => None,
    })?;
    Ok((text("title"), text("date"), issue))
}

/// The `issue` key: absent is `None`; present, it must be a whole number from 0 to
/// 999,999,999 (the most digits a profile allows).
fn issue_number<T: IsAbsent>(
    value: &T,
    read: impl Fn(&T) -> Option<i64>,
) -> Result<Option<u32>, Bad> {
    if value.is_absent() {
        return Ok(None);
    }
    match read(value).filter(|n| (0..1_000_000_000).contains(n)) {
        Some(n) => Ok(u32::try_from(n).ok()),
        None => Err((0, "front matter `issue` is not an issue number".to_string())),
    }
}

trait IsAbsent {
    fn is_absent(&self) -> bool;
}

impl IsAbsent for Yaml {
    fn is_absent(&self) -> bool {
        matches!(self, Yaml::BadValue | Yaml::Null)
    }
}

impl IsAbsent for Option<&toml::Value> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> FrontMatter {
        front_matter(text).unwrap().unwrap()
    }

    #[test]
    fn yaml_and_toml() {
        let fm = read("---\ntitle: \"Lakehouse Letters #13: Iceberg\"\ndate: \"2021-03-26\"\ntags:\n  - a\n---\n\nBody\n");
        assert_eq!(fm.title.as_deref(), Some("Lakehouse Letters #13: Iceberg"));
        assert_eq!(
            (fm.date.as_deref(), fm.issue, fm.lines),
            (Some("2021-03-26"), None, 6)
        );
        let fm = read("---\ntitle: Data contracts, one year in\ndate: 2021-04-09 09:00:00 +0100\nissue: 14\n---\n");
        assert_eq!(fm.title.as_deref(), Some("Data contracts, one year in"));
        assert_eq!(
            (fm.date.as_deref(), fm.issue),
            (Some("2021-04-09 09:00:00 +0100"), Some(14))
        );
        let fm = read("+++\r\ntitle = \"Small files\"\r\ndate = 2021-04-23T08:00:00Z\r\nissue = 15\r\n+++\r\n");
        assert_eq!(fm.date.as_deref(), Some("2021-04-23T08:00:00Z"));
        assert_eq!((fm.issue, fm.lines), (Some(15), 5));
    }

    #[test]
    fn none_or_bad() {
        assert_eq!(front_matter("# Title\n\nBody"), None);
        assert_eq!(front_matter("---\nno closing fence\n"), None);
        assert!(opens_with_fence(b"---\r\ntitle: x") && !opens_with_fence(b"--- x"));
        let bad = |t: &str| front_matter(t).unwrap().unwrap_err();
        assert_eq!(bad("---\ntitle: [unclosed\n---\n").0, 3);
        assert_eq!(bad("+++\ntitle = \n+++\n").0, 2);
        assert!(bad("---\nissue: twelve\n---\n").1.contains("issue"));
        assert!(bad("---\nissue: -3\n---\n").1.contains("issue"));
    }
}
