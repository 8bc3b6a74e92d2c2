//! URLs, in the text or in an item's links: which parts stand for a name. The host label
//! (`eng.acme.com` -> `acme`) hints at an organisation, a GitHub/GitLab/Bitbucket owner too,
//! and the repository name at a technology. Other path segments and their hyphen-separated
//! pieces are kept as spellings that may join a name seen in the text (`introducing-zorb`).

/// Top-level domains a host in running text ends with. A dotted word ending otherwise
/// (`Zorb.js`, `spark.sql`) is not a host.
const TLDS: [&str; 24] = [
    "com", "io", "org", "net", "ai", "co", "dev", "app", "cloud", "tech", "info", "me", "us", "uk",
    "de", "fr", "nl", "eu", "in", "ly", "sh", "so", "hq", "edu",
];
/// Second-level labels under a country domain (`acme.co.uk`).
const SECOND_LEVEL: [&str; 4] = ["co", "com", "org", "ac"];
/// Hosts whose first two path segments are owner and repository.
const FORGES: [&str; 3] = ["github", "gitlab", "bitbucket"];

/// What a URL says about names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Link<'a> {
    /// The label before the public suffix (`acme` of `eng.acme.com`), unless a forge.
    pub host: Option<&'a str>,
    pub owner: Option<&'a str>,
    pub repo: Option<&'a str>,
    /// Other path segments and their hyphen-separated pieces.
    pub pieces: Vec<&'a str>,
}

/// Whether a dotted word is a host name (`acme.io`, `eng.acme.com`).
pub(crate) fn is_host(word: &str) -> bool {
    let mut labels = word.rsplit('.');
    let tld = labels.next().unwrap_or_default();
    labels.next().is_some_and(|l| !l.is_empty())
        && TLDS.contains(&tld.to_ascii_lowercase().as_str())
}

/// Parses `url` (with or without a scheme); `None` when it has no host.
pub(crate) fn parse(url: &str) -> Option<Link<'_>> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let mut parts = rest.split('/');
    let host = parts.next().filter(|h| is_host(h))?;
    let label = host_label(host)?;
    let segments: Vec<&str> = parts
        .filter(|s| !s.is_empty() && !s.starts_with('@'))
        .collect();
    let mut link = Link::default();
    if FORGES.contains(&label.to_ascii_lowercase().as_str()) {
        link.owner = segments.first().copied();
        link.repo = segments.get(1).copied();
        link.pieces = segments.iter().skip(2).flat_map(|s| pieces(s)).collect();
    } else {
        link.host = Some(label);
        link.pieces = segments.iter().flat_map(|s| pieces(s)).collect();
    }
    Some(link)
}

/// The registrable label of a host: the one before the top-level domain, or before a
/// second-level one under a country domain.
fn host_label(host: &str) -> Option<&str> {
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    if n >= 3 && SECOND_LEVEL.contains(&labels[n - 2]) && labels[n - 1].len() == 2 {
        return Some(labels[n - 3]);
    }
    labels
        .get(n.checked_sub(2)?)
        .copied()
        .filter(|l| !l.is_empty())
}

/// A path segment and, when it has hyphens, its pieces (`zorb-at-scale` -> itself, `zorb`,
/// `at`, `scale`); file extensions are dropped.
fn pieces(segment: &str) -> Vec<&str> {
    let segment = segment.rsplit_once('.').map_or(segment, |(stem, _)| stem);
    let mut out = vec![segment];
    if segment.contains('-') {
        out.extend(segment.split('-').filter(|p| !p.is_empty()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_owners_and_repos() {
        let l = parse("https://eng.zorbco.com/zorbline-at-scale/").unwrap();
        assert_eq!(l.host, Some("zorbco"));
        assert_eq!(
            l.pieces,
            vec!["zorbline-at-scale", "zorbline", "at", "scale"]
        );
        let g = parse("github.com/someone/wibble-tool").unwrap();
        assert_eq!(
            (g.host, g.owner, g.repo),
            (None, Some("someone"), Some("wibble-tool"))
        );
        assert_eq!(parse("www.acme.co.uk/x").unwrap().host, Some("acme"));
        assert_eq!(parse("Zorb.js"), None);
        assert_eq!(parse("not a url"), None);
    }

    #[test]
    fn host_words() {
        assert!(is_host("Zorbstack.io") && is_host("eng.acme.com"));
        assert!(!is_host("Zorb.js") && !is_host(".io") && !is_host("io"));
    }
}
