//! Who published a linked article: `publisher(url)` names the site (host without `www.`), or
//! the publication on a shared host (`medium.com/netflix-techblog`, `github.com/lyft`). Pure,
//! no network; frames turn it into the items' publisher column.

/// Hosts where many publications live under the first path segment.
const SHARED_HOSTS: [&str; 6] = [
    "medium.com",
    "github.com",
    "gitlab.com",
    "bitbucket.org",
    "dev.to",
    "gist.github.com",
];

/// First path segments on shared hosts that are site pages, not publications.
const NOT_PUBLICATIONS: [&str; 9] = [
    "p", "m", "s", "tag", "topic", "topics", "search", "about", "orgs",
];

/// The publisher behind an article link, lower case: the host without `www.` (a subdomain is
/// kept, so `eng.uber.com` and `xyz.blogspot.com` are publishers of their own), plus the
/// first path segment on shared hosts (`medium.com/@jane`, `github.com/lyft`).
///
/// Accepts `http(s)://` and `//` links and bare `www.` links; `None` for other schemes
/// (`mailto:`, `javascript:`), relative links and hosts that are not domain names.
/// Blogspot's country domains (`xyz.blogspot.de`) are folded into `xyz.blogspot.com`.
pub fn publisher(url: &str) -> Option<String> {
    let rest = strip_scheme(url.trim())?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    let host = host(authority)?;
    if SHARED_HOSTS.contains(&host.as_str()) {
        let segment = path
            .strip_prefix('/')
            .and_then(|p| p.split(['/', '?', '#']).next())
            .map(str::to_ascii_lowercase)
            .filter(|s| !s.is_empty() && !NOT_PUBLICATIONS.contains(&s.as_str()));
        if let Some(segment) = segment {
            return Some(format!("{host}/{segment}"));
        }
    }
    Some(host)
}

/// Whether `host` (as `publisher` gives it) keeps many publications under its first path
/// segment, so that its links' publisher depends on the path.
pub fn is_shared_host(host: &str) -> bool {
    SHARED_HOSTS.contains(&host)
}

/// The part after `scheme://` for web links; bare `www.` links as they are.
fn strip_scheme(url: &str) -> Option<&str> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    if lower.starts_with("https://") {
        url.get(8..)
    } else if lower.starts_with("http://") {
        url.get(7..)
    } else if let Some(rest) = url.strip_prefix("//") {
        Some(rest)
    } else if lower.starts_with("www.") {
        Some(url)
    } else {
        None
    }
}

/// The host of an authority (`user@Host:port`), lower case, without `www.` or a trailing dot.
fn host(authority: &str) -> Option<String> {
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host.split(':').next().unwrap_or(host);
    let host = host.trim_end_matches('.').to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let valid = host.contains('.')
        && !host.starts_with('.')
        && !host.contains("..")
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    if !valid {
        return None;
    }
    Some(fold_blogspot(host))
}

/// `xyz.blogspot.co.uk` -> `xyz.blogspot.com`: one blog, whatever country domain was linked.
fn fold_blogspot(host: &str) -> String {
    match host.split_once(".blogspot.") {
        Some((blog, _)) if !blog.is_empty() => format!("{blog}.blogspot.com"),
        _ => host.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publishers() {
        for (url, expected) in [
            ("https://www.confluent.io/blog/kafka", Some("confluent.io")),
            ("http://eng.uber.com/m3/", Some("eng.uber.com")),
            (
                "https://medium.com/netflix-techblog/delta-ab1",
                Some("medium.com/netflix-techblog"),
            ),
            ("https://medium.com/@jane/my-post", Some("medium.com/@jane")),
            ("https://medium.com/p/abc123", Some("medium.com")),
            (
                "https://netflixtechblog.medium.com/x",
                Some("netflixtechblog.medium.com"),
            ),
            ("https://github.com/lyft/amundsen", Some("github.com/lyft")),
            ("https://GitHub.com/Lyft?tab=repos", Some("github.com/lyft")),
            ("https://github.com", Some("github.com")),
            (
                "https://xyz.blogspot.com/2019/11/post.html",
                Some("xyz.blogspot.com"),
            ),
            ("https://xyz.blogspot.co.uk/post", Some("xyz.blogspot.com")),
            (
                "https://datapipes.wordpress.com/a",
                Some("datapipes.wordpress.com"),
            ),
            (
                "https://dataengweekly.substack.com/p/330",
                Some("dataengweekly.substack.com"),
            ),
            ("www.example.org/p?q=1", Some("example.org")),
            ("//cdn.example.net/x", Some("cdn.example.net")),
            ("https://user:pw@Example.COM.:8080/x", Some("example.com")),
            ("https://example.org#top", Some("example.org")),
        ] {
            assert_eq!(publisher(url).as_deref(), expected, "{url}");
        }
    }

    #[test]
    fn not_article_links() {
        for url in [
            "",
            "mailto:editor@example.org",
            "javascript:void(0)",
            "/p/other-post",
            "#footnote-1",
            "ftp://example.org/file",
            "https://localhost:8080/",
            "https:///path",
            "https://exa mple.org/",
            "https://a..b/",
            "https://é",
        ] {
            assert_eq!(publisher(url), None, "{url:?}");
        }
    }
}
