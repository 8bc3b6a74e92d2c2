//! Lexicon names that an item names only in its links (`eng.zorbco.com/...` under a blurb
//! that never writes Zorbco): [`Via::Link`] mentions, counted with the text's. Such a mention
//! has no span in the text: its `start` and `end` are the index of the link in `Item::links`.
//!
//! The link's label is the publication on a shared host (`github.com/zorbco`,
//! `medium.com/zorbco-eng`) or else the registrable label of the host (`eng.zorbco.com` ->
//! `zorbco`, `zorbco.co.uk` -> `zorbco`), from `corpus::publisher`; on a pages host, the
//! user's subdomain (`zorbco.github.io` -> `zorbco`). A site that hosts other people's content
//! (YouTube, Twitter, arXiv, Google Docs, Wikipedia...: `HOSTING`) has no label: its link
//! names what it hosts, not the site's owner. It names an entity when it
//! equals one of the entity's surfaces squashed (letters and digits, lower case), the surface
//! belonging to no other entity. Not taken: guarded entries (their guards need text),
//! foundations (`spark.apache.org` is a project's page, not a mention of the foundation),
//! labels under three characters, and entities the item's text already mentions.

use super::{Extraction, Mention, Via};
use crate::corpus::{is_shared_host, publisher, Corpus, Issue, Section};
use crate::lexicon::{squash, Category, EntityId, Lexicon};
use rayon::prelude::*;
use std::collections::HashMap;

/// Squashed surfaces of the entries a link label may name; a surface of several entities is
/// nobody's.
fn index(lexicon: &Lexicon) -> HashMap<String, Option<EntityId>> {
    let mut index: HashMap<String, Option<EntityId>> = HashMap::new();
    let eligible = lexicon.iter().filter(|(_, e)| {
        e.category != Category::City && e.rules.is_empty() && e.topic != "foundation"
    });
    for (id, e) in eligible {
        for key in e.surfaces().map(squash).filter(|k| k.len() >= 3) {
            index
                .entry(key)
                .and_modify(|owner| *owner = owner.filter(|&o| o == id))
                .or_insert(Some(id));
        }
    }
    index
}

/// Second-level labels under a country code (`zorbco.co.uk`, `zorbco.net.au`): the label is
/// the one before them (else `x.net.au` would name .NET).
const SECOND_LEVEL: [&str; 7] = ["co", "com", "org", "net", "ac", "gov", "edu"];

/// Sites that host other people's content: a link there names what it hosts (a talk, a
/// paper, a slide deck), not the site's owner, so it names no entity (else every YouTube link
/// would count YouTube). A site and its subdomains (`m.youtube.com`, `en.wikipedia.org`).
const HOSTING: [&str; 13] = [
    "youtube.com",
    "youtu.be",
    "vimeo.com",
    "t.co",
    "slideshare.net",
    "speakerdeck.com",
    "arxiv.org",
    "usenix.org",
    "wikipedia.org",
    "stackoverflow.com",
    "archive.org",
    "bit.ly",
    "goo.gl",
];

/// Hosts (exactly) of the same kind whose other subdomains are their owner's own publications
/// (`blog.twitter.com`, `engineering.linkedin.com`, `cloud.google.com`, `queue.acm.org`,
/// `aws.amazon.com` name their owners; `twitter.com/someone` and `docs.google.com` do not).
const HOSTING_HOSTS: [&str; 17] = [
    "twitter.com",
    "mobile.twitter.com",
    "x.com",
    "linkedin.com",
    "facebook.com",
    "reddit.com",
    "old.reddit.com",
    "dropbox.com",
    "eventbrite.com",
    "meetup.com",
    "news.ycombinator.com",
    "docs.google.com",
    "drive.google.com",
    "groups.google.com",
    "sites.google.com",
    "dl.acm.org",
    "amazon.com",
];

/// Hosts whose subdomains are their users' sites (`lyft.github.io` is Lyft's): the label is
/// the subdomain's.
const PAGES: [&str; 5] = [
    ".github.io",
    ".gitlab.io",
    ".blogspot.com",
    ".wordpress.com",
    ".substack.com",
];

/// The label a link stands for (see the module comment).
fn label(url: &str) -> Option<String> {
    let site = publisher(url)?;
    if let Some((_, segment)) = site.split_once('/') {
        return Some(squash(segment));
    }
    let hosting = |d: &&str| site == *d || site.ends_with(&format!(".{d}"));
    if HOSTING.iter().any(hosting) || HOSTING_HOSTS.contains(&site.as_str()) {
        return None;
    }
    if let Some(user) = PAGES.iter().find_map(|p| site.strip_suffix(p)) {
        return user.rsplit('.').next().map(squash);
    }
    let labels: Vec<&str> = site.split('.').collect();
    let n = labels.len();
    let country = n >= 3 && labels[n - 1].len() == 2 && SECOND_LEVEL.contains(&labels[n - 2]);
    let at = if country { n - 3 } else { n.checked_sub(2)? };
    Some(squash(labels[at]))
}

/// Every entity named only by an item's links, in corpus order (one mention per entity and
/// item, on its first such link); `found` is the extraction of `corpus`, sorted by
/// [`Mention::order_key`]. Items are read in parallel, each with the slice of its issue's
/// mentions; an item with no link costs nothing.
///
/// An issue's slice is found among the runs of equal issue numbers, cut in one pass, by a
/// search over their numbers alone: two searches of the whole list per issue missed the cache
/// at nearly every step, 0.06 CPU-s on the 100 MiB archive (perf, 22,486 issues, 1.6 M
/// mentions).
pub fn link_mentions(corpus: &Corpus, lexicon: &Lexicon, found: &Extraction) -> Vec<Mention> {
    let index = index(lexicon);
    if index.is_empty() {
        return Vec::new();
    }
    let runs: Vec<&[Mention]> = found.mentions.chunk_by(|a, b| a.issue == b.issue).collect();
    let numbers: Vec<u32> = runs.iter().map(|run| run[0].issue).collect();
    let per_issue: Vec<Vec<Mention>> = corpus
        .issues
        .par_iter()
        .map_init(HashMap::new, |sites, issue| {
            let written = numbers
                .binary_search(&issue.number)
                .map_or(&[][..], |k| runs[k]);
            issue_links(issue, written, lexicon, &index, sites)
        })
        .collect();
    per_issue.into_iter().flatten().collect()
}

/// The link mentions of one issue; `written` are its mentions in the text, sorted by item.
/// Entities are compared as the issue's date merges them (`history::apply_mergers` runs
/// afterwards): a link to cloudera.com under a blurb naming Hortonworks after their merger
/// names the entity the text already counts.
fn issue_links<'c>(
    issue: &'c Issue,
    written: &[Mention],
    lexicon: &Lexicon,
    index: &HashMap<String, Option<EntityId>>,
    sites: &mut Sites<'c>,
) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let merged = |e: EntityId| lexicon.at(e, issue.date);
    let items = issue.items.iter().filter(|i| i.section != Section::Other);
    for item in items.filter(|i| !i.links.is_empty()) {
        let mine = out.len();
        let from = written.partition_point(|m| m.item < item.index);
        let to = from + written[from..].partition_point(|m| m.item <= item.index);
        for (k, url) in item.links.iter().enumerate() {
            let Some(entity) = site_entity(url, index, sites) else {
                continue;
            };
            let seen = out[mine..]
                .iter()
                .any(|m| merged(m.entity) == merged(entity));
            let in_text = written[from..to]
                .iter()
                .any(|m| merged(m.entity) == merged(entity));
            if !seen && !in_text {
                out.push(Mention {
                    issue: issue.number,
                    item: item.index,
                    entity,
                    start: k as u32,
                    end: k as u32,
                    via: Via::Link,
                });
            }
        }
    }
    out.sort_unstable_by_key(Mention::order_key);
    out
}

/// What the links of one site name, per `scheme://authority` as written: an archive links to
/// a few thousand sites, so the label is worked out once per site and worker rather than
/// once per link (on a 60 MiB archive with a link under every item, 280,750 links, the
/// label was a tenth of the report's time in a debug build). A shared host's links name
/// their publication, from the path: never memoised.
type Sites<'c> = HashMap<&'c str, Option<Option<EntityId>>>;

/// The entity `url`'s label names, through the memo (`None` value: a shared host).
fn site_entity<'c>(
    url: &'c str,
    index: &HashMap<String, Option<EntityId>>,
    sites: &mut Sites<'c>,
) -> Option<EntityId> {
    let url = url.trim();
    let start = url.find("//").map_or(0, |i| i + 2);
    let end = url[start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |e| start + e);
    let site = &url[..end];
    let named = |url: &str| label(url).and_then(|l| index.get(&l).copied().flatten());
    match sites.get(site) {
        Some(Some(entity)) => *entity,
        Some(None) => named(url),
        None => {
            let shared = publisher(site).is_some_and(|h| is_shared_host(&h));
            let entity = named(url);
            sites.insert(site, (!shared).then_some(entity));
            entity
        }
    }
}

/// Adds the [`link_mentions`] of `corpus` to `found` (sorted), keeping it sorted: merged
/// from the back in place, so the long list is moved once and never copied whole.
pub(crate) fn add_link_mentions(found: &mut Extraction, corpus: &Corpus, lexicon: &Lexicon) {
    let extra = link_mentions(corpus, lexicon, found);
    merge_sorted(&mut found.mentions, &extra);
}

/// Merges sorted `extra` into sorted `list`, from the back.
fn merge_sorted(list: &mut Vec<Mention>, extra: &[Mention]) {
    let n = list.len();
    list.extend_from_slice(extra);
    let (mut i, mut j) = (n, extra.len());
    for k in (0..list.len()).rev() {
        if j == 0 {
            break;
        }
        if i > 0 && list[i - 1].order_key() > extra[j - 1].order_key() {
            list[k] = list[i - 1];
            i -= 1;
        } else {
            list[k] = extra[j - 1];
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(item: u32, start: u32, via: Via) -> Mention {
        Mention {
            issue: 1,
            item,
            entity: start % 3,
            start,
            end: start + u32::from(via == Via::Text),
            via,
        }
    }

    #[test]
    fn labels_skip_country_second_levels() {
        for (url, want) in [
            ("https://eng.zorbco.com/x", "zorbco"),
            ("https://zorbco.co.uk/x", "zorbco"),
            ("https://blog.zorbco.net.au/x", "zorbco"),
            ("https://www.zorbco.ac.uk/x", "zorbco"),
            ("https://zorbco.gov.uk", "zorbco"),
            ("https://github.com/ZorbCo/x", "zorbco"),
            ("https://zorbco.io", "zorbco"),
            ("https://zorbco.github.io/tool", "zorbco"),
            ("https://eng.zorbco.blogspot.com/2019/x", "zorbco"),
            ("https://cloud.google.com/blog/x", "google"),
            ("https://aws.amazon.com/blogs/x", "amazon"),
            ("https://queue.acm.org/detail.cfm?id=1", "acm"),
            ("https://blog.twitter.com/engineering/x", "twitter"),
            ("https://engineering.linkedin.com/blog/x", "linkedin"),
        ] {
            assert_eq!(label(url).as_deref(), Some(want), "{url}");
        }
    }

    /// A link to a site that hosts other people's content names no entity: the talk, thread,
    /// paper or deck is the subject, not the site.
    #[test]
    fn hosting_sites_name_nothing() {
        for url in [
            "https://www.youtube.com/watch?v=abc",
            "https://m.youtube.com/watch?v=abc",
            "https://youtu.be/abc",
            "https://twitter.com/someone/status/1",
            "https://docs.google.com/presentation/d/1",
            "https://arxiv.org/abs/1234.5678",
            "https://dl.acm.org/doi/10.1145/1",
            "https://www.usenix.org/conference/x",
            "https://en.wikipedia.org/wiki/Zorbco",
            "https://news.ycombinator.com/item?id=1",
            "https://www.amazon.com/dp/123",
            "https://www.linkedin.com/pulse/x",
        ] {
            assert_eq!(label(url), None, "{url}");
        }
    }

    /// Merged from the back in place, the list is what sorting both together gives, wherever
    /// the extra rows fall (before, between, after, equal keys) and with either list empty.
    #[test]
    fn merge_sorted_keeps_the_order() {
        let list: Vec<Mention> = (0..12).map(|i| m(i / 4, i % 4 * 3, Via::Text)).collect();
        let cases: [Vec<Mention>; 4] = [
            vec![],
            vec![m(0, 0, Via::Link), m(1, 4, Via::Link), m(5, 0, Via::Link)],
            vec![m(0, 0, Via::Link), m(0, 1, Via::Link)],
            (0..3).map(|i| m(i, 9, Via::Link)).collect(),
        ];
        for extra in cases {
            for base in [list.clone(), Vec::new()] {
                let mut want = base.clone();
                want.extend_from_slice(&extra);
                want.sort_by_key(Mention::order_key);
                let mut got = base;
                merge_sorted(&mut got, &extra);
                assert_eq!(got, want);
            }
        }
    }
}
