//! Word boundaries for matches: the characters around a match must not continue a word.
//!
//! A word character is a letter, digit or `_` (so `C++`, `Node.js`, `pg_flame` and `K8s`
//! delimit themselves). Punctuation ends a word, which also lets a possessive (`Lyft's`,
//! `postgres'`) and a hyphenated compound (`Kafka-based`, `Spark-Tools`) count as the entity.
//! One exception: a dot joined to a lower-case letter or digit continues a dotted name
//! (`Node.js`, `spark.sql`, `segment.io`), so `Node` alone does not match inside `Node.js`,
//! while a sentence-final `Kafka.` still does.

/// Letters, digits and `_`.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `text[start..end]` sits on word boundaries.
pub(crate) fn on_boundaries(text: &str, start: usize, end: usize) -> bool {
    left_ok(&text[..start]) && right_ok(&text[end..])
}

/// [`on_boundaries`] as judged in the ASCII-lower-cased text, where a capital after a dot
/// continues a dotted name too (`near` terms are compared so: see `guard`).
pub(crate) fn on_folded_boundaries(text: &str, start: usize, end: usize) -> bool {
    left_ok(&text[..start]) && right_ok_as(&text[end..], |c| c.to_ascii_lowercase())
}

/// Like [`on_boundaries`], but also accepts a version glued to a name (`CDH5.5`, `Java8`,
/// `HDP2.6.5`): a match of at least three characters ending in an ASCII letter, followed by
/// digits and dots that end on a boundary. Names with digits inside (`Neo4j`, `Log4j`) still
/// do not match their prefix, since a letter follows the digits.
pub(crate) fn on_boundaries_or_version(text: &str, start: usize, end: usize) -> bool {
    if on_boundaries(text, start, end) {
        return true;
    }
    let name = &text[start..end];
    let after = &text[end..];
    if name.len() < 3 || !name.ends_with(|c: char| c.is_ascii_alphabetic()) {
        return false;
    }
    if !after.starts_with(|c: char| c.is_ascii_digit()) || !left_ok(&text[..start]) {
        return false;
    }
    let run = after
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(after.len());
    let version = after[..run].trim_end_matches('.');
    right_ok(&after[version.len()..])
}

/// The end of a `DB` glued to a name (`CassandraDB`): the match is a name of four
/// characters or more ending in a lower-case letter, on a boundary on its left, and `DB`
/// ends on a boundary. A name with its own `...DB` entry wins before this is asked (longest
/// match), so this only widens names the lexicon has.
pub(crate) fn glued_suffix_end(text: &str, start: usize, end: usize) -> Option<usize> {
    let name = &text[start..end];
    let glued = name.len() >= 4
        && name.ends_with(|c: char| c.is_ascii_lowercase())
        && text[end..].starts_with("DB")
        && left_ok(&text[..start])
        && right_ok(&text[end + 2..]);
    glued.then_some(end + 2)
}

fn left_ok(before: &str) -> bool {
    let mut chars = before.chars().rev();
    match chars.next() {
        None => true,
        Some(c) if is_word_char(c) => false,
        // `spark.sql`: a dot preceded by a word character joins the names.
        Some('.') => !chars.next().is_some_and(is_word_char),
        Some(_) => true,
    }
}

fn right_ok(after: &str) -> bool {
    right_ok_as(after, |c| c)
}

/// [`right_ok`] with the character after a dot seen through `fold`.
fn right_ok_as(after: &str, fold: fn(char) -> char) -> bool {
    let mut chars = after.chars();
    match chars.next() {
        None => true,
        Some(c) if is_word_char(c) => false,
        Some('.') => !chars
            .next()
            .map(fold)
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit()),
        Some(_) => true,
    }
}

/// The end of a possessive suffix right after `end` (`'s`, `’s`, or a bare `'`), else `end`.
pub(crate) fn skip_possessive(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(after) = rest.strip_prefix(suffix) {
            if !after.chars().next().is_some_and(is_word_char) {
                return end + suffix.len();
            }
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> bool {
        let start = text.find(needle).expect("needle in text");
        on_boundaries(text, start, start + needle.len())
    }

    #[test]
    fn versions_glued_to_names() {
        let ok = |text: &str, needle: &str| {
            let start = text.find(needle).expect("needle in text");
            on_boundaries_or_version(text, start, start + needle.len())
        };
        assert!(ok("now in CDH5.5.", "CDH"));
        assert!(ok("on Java8 only", "Java"));
        assert!(ok("HDP2.6.5 is out", "HDP"));
        assert!(!ok("Neo4j graphs", "Neo"));
        assert!(!ok("Log4j bug", "Log"));
        assert!(!ok("S3 buckets", "S"));
        assert!(!ok("Kafka0x", "Kafka"));
        assert!(ok("plain Kafka here", "Kafka"));
    }

    #[test]
    fn glued_suffixes() {
        fn end<'t>(text: &'t str, needle: &str) -> Option<&'t str> {
            let start = text.find(needle).expect("needle in text");
            glued_suffix_end(text, start, start + needle.len()).map(|e| &text[start..e])
        }
        assert_eq!(
            end("uses CassandraDB now", "Cassandra"),
            Some("CassandraDB")
        );
        assert_eq!(end("uses CassandraDBs now", "Cassandra"), None);
        assert_eq!(end("uses CassandraDb now", "Cassandra"), None);
        assert_eq!(end("uses xCassandraDB now", "Cassandra"), None);
        assert_eq!(end("uses HBASEDB now", "HBASE"), None);
        assert_eq!(end("uses GoDB now", "Go"), None);
    }

    #[test]
    fn plain_words() {
        assert!(at("use Kafka now", "Kafka"));
        assert!(at("Kafka", "Kafka"));
        assert!(!at("Kafkacat is", "Kafka"));
        assert!(!at("Samwise", "Sam"));
        assert!(!at("my_Kafka", "Kafka"));
        assert!(!at("IPython", "Python"));
    }

    #[test]
    fn symbols_possessives_and_compounds() {
        assert!(at("in C++, we", "C++"));
        assert!(at("Node.js apps", "Node.js"));
        assert!(at("`pg_flame` looks", "pg_flame"));
        assert!(at("Lyft's data", "Lyft"));
        assert!(at("postgres' EXPLAIN", "postgres"));
        assert!(at("a Kafka-based system", "Kafka"));
        assert!(at("and Spark-Tools", "Spark"));
        assert!(at("JSON/XML data", "XML"));
        assert!(at("about Kafka.", "Kafka"));
        assert!(at("about Kafka.The next", "Kafka"));
        assert!(!at("Node.js apps", "Node"));
        assert!(!at("set spark.sql.shuffle", "sql"));
        assert!(!at("K8sx", "K8s"));
    }

    #[test]
    fn possessive_suffixes() {
        assert_eq!(skip_possessive("Lyft's x", 4), 6);
        assert_eq!(skip_possessive("Lyft’s x", 4), 8);
        assert_eq!(skip_possessive("postgres' x", 8), 9);
        assert_eq!(skip_possessive("Lyft'sy", 4), 4);
        assert_eq!(skip_possessive("Lyft x", 4), 4);
    }
}
