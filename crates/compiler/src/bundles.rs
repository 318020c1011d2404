//! Sharding: from the sorted posts, the per-post bundles (with previous,
//! next and related posts) and the paginated lists, so that no bundle a page
//! needs grows with the size of the archive.

use std::collections::{BTreeMap, HashMap};

use quire_model::{
    slugify, ListKey, PostBundle, PostLink, PostList, PostSummary, Series, LIST_PAGE_SIZE,
    SCHEMA_VERSION,
};

use crate::document::Document;

/// How many related posts a post bundle lists.
const RELATED: usize = 3;

fn link(summary: &PostSummary) -> PostLink {
    PostLink {
        slug: summary.slug.clone(),
        title: summary.title.clone(),
    }
}

/// Post bundles for `posts`, which must be sorted newest first.
pub fn post_bundles(posts: Vec<Document>) -> Vec<PostBundle> {
    use rayon::prelude::*;
    let summaries: Vec<PostSummary> = posts.iter().map(|p| p.summary.clone()).collect();
    let neighbours = Neighbours::new(&summaries);
    let parts = series_parts(&summaries);
    let related: Vec<Vec<PostLink>> = (0..summaries.len())
        .into_par_iter()
        .map_init(
            || vec![0u32; summaries.len()],
            |scores, i| neighbours.related(&summaries, i, scores),
        )
        .collect();
    posts
        .into_iter()
        .zip(related)
        .enumerate()
        .map(|(i, (post, related))| {
            let series = post.summary.series.as_ref().map(|name| Series {
                name: name.clone(),
                parts: parts.get(name.as_str()).cloned().unwrap_or_default(),
            });
            PostBundle {
                schema: SCHEMA_VERSION,
                // Newest first: the next (newer) post is before it, the previous after it.
                previous: summaries.get(i + 1).map(link),
                next: i.checked_sub(1).and_then(|j| summaries.get(j)).map(link),
                related,
                post: post.summary,
                toc: post.toc,
                html: post.html,
                faq: post.faq,
                calculators: post.calculators,
                series,
                cover: post.cover_picture,
            }
        })
        .collect()
}

/// Each series' parts, oldest first, from posts sorted newest first.
fn series_parts(summaries: &[PostSummary]) -> HashMap<&str, Vec<PostLink>> {
    let mut parts: HashMap<&str, Vec<PostLink>> = HashMap::new();
    for summary in summaries.iter().rev() {
        if let Some(name) = &summary.series {
            parts.entry(name).or_default().push(link(summary));
        }
    }
    parts
}

/// Which posts share a topic or a tag, to find related posts without
/// comparing every post with every other (10,000 posts would be 10⁸ pairs).
struct Neighbours<'a> {
    by_topic: HashMap<&'a str, Vec<usize>>,
    by_tag: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Neighbours<'a> {
    fn new(summaries: &'a [PostSummary]) -> Self {
        let mut by_topic: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_tag: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, post) in summaries.iter().enumerate() {
            if let Some(topic) = &post.topic {
                by_topic.entry(topic).or_default().push(i);
            }
            for tag in unique_tags(post) {
                by_tag.entry(tag).or_default().push(i);
            }
        }
        Self { by_topic, by_tag }
    }

    /// The posts sharing most with post `i`: its topic counts two, each
    /// shared tag one; ties go to the newer post. Posts sharing nothing are
    /// not related. `scores` is scratch space of one slot per post, all zero.
    fn related(&self, summaries: &[PostSummary], i: usize, scores: &mut [u32]) -> Vec<PostLink> {
        let this = &summaries[i];
        let mut touched: Vec<usize> = Vec::new();
        let mut add = |posts: &[usize], points: u32| {
            for &j in posts {
                if scores[j] == 0 {
                    touched.push(j);
                }
                scores[j] += points;
            }
        };
        if let Some(posts) = this.topic.as_deref().and_then(|t| self.by_topic.get(t)) {
            add(posts, 2);
        }
        for tag in unique_tags(this) {
            if let Some(posts) = self.by_tag.get(tag) {
                add(posts, 1);
            }
        }
        let mut scored: Vec<(u32, usize)> = touched
            .iter()
            .filter(|&&j| j != i)
            .map(|&j| (scores[j], j))
            .collect();
        for &j in &touched {
            scores[j] = 0;
        }
        // Higher score first; among equals the lower index, i.e. the newer post.
        let order = |a: &(u32, usize), b: &(u32, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if scored.len() > RELATED {
            scored.select_nth_unstable_by(RELATED - 1, order);
            scored.truncate(RELATED);
        }
        scored.sort_by(order);
        scored
            .into_iter()
            .map(|(_, j)| link(&summaries[j]))
            .collect()
    }
}

fn unique_tags(post: &PostSummary) -> impl Iterator<Item = &str> {
    post.tags
        .iter()
        .enumerate()
        .filter(|(k, t)| !post.tags[..*k].contains(t))
        .map(|(_, t)| t.as_str())
}

/// Every list: all posts, each topic's, each tag's, paginated. Every
/// configured topic gets a list, an empty one if it has no posts yet, so its
/// page says so instead of "not found".
pub fn lists<'a>(
    summaries: &[PostSummary],
    topics: impl Iterator<Item = &'a str>,
) -> Vec<(ListKey, PostList)> {
    let mut groups: BTreeMap<(u8, String), Vec<PostSummary>> = BTreeMap::new();
    // A tag's name as first written, for its page's heading.
    let mut tag_names: HashMap<String, String> = HashMap::new();
    groups.entry((0, String::new())).or_default();
    for topic in topics {
        groups.entry((1, topic.to_string())).or_default();
    }
    for post in summaries {
        groups
            .entry((0, String::new()))
            .or_default()
            .push(post.clone());
        if let Some(topic) = &post.topic {
            groups
                .entry((1, topic.clone()))
                .or_default()
                .push(post.clone());
        }
        let mut tag_slugs: Vec<String> = Vec::new();
        for tag in &post.tags {
            let slug = slugify(tag);
            if !slug.is_empty() && !tag_slugs.contains(&slug) {
                tag_names.entry(slug.clone()).or_insert_with(|| tag.clone());
                tag_slugs.push(slug);
            }
        }
        for tag in tag_slugs {
            groups.entry((2, tag)).or_default().push(post.clone());
        }
    }
    let mut out = Vec::new();
    for ((kind, name), posts) in groups {
        let tag_name = (kind == 2).then(|| tag_names.get(&name).cloned()).flatten();
        let key = match kind {
            0 => ListKey::All,
            1 => ListKey::Topic(name),
            _ => ListKey::Tag(name),
        };
        let pages = posts.len().div_ceil(LIST_PAGE_SIZE).max(1) as u32;
        let chunks: Vec<&[PostSummary]> = if posts.is_empty() {
            vec![&[]]
        } else {
            posts.chunks(LIST_PAGE_SIZE).collect()
        };
        for (index, chunk) in chunks.into_iter().enumerate() {
            out.push((
                key.clone(),
                PostList {
                    schema: SCHEMA_VERSION,
                    page: index as u32 + 1,
                    pages,
                    total: posts.len() as u32,
                    posts: chunk.to_vec(),
                    tag: tag_name.clone(),
                },
            ));
        }
    }
    out
}

/// Names a build by its bundles' content: the same content always gets the
/// same name, so an unchanged site keeps its cached bundles across deploys,
/// and any change gets a fresh directory no cache has seen.
pub fn build_id(
    posts: &[PostBundle],
    pages: &[quire_model::PageBundle],
    lists: &[(quire_model::ListKey, quire_model::PostList)],
) -> String {
    struct Hasher(xxhash_rust::xxh3::Xxh3);
    impl std::io::Write for Hasher {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.update(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    use rayon::prelude::*;
    // Each bundle is hashed on its own, in parallel, and the build is named
    // by the hash of those hashes in order. Serializing into a hasher
    // cannot fail: these types are plain data.
    fn hash(value: &impl serde::Serialize) -> u64 {
        let mut hasher = Hasher(xxhash_rust::xxh3::Xxh3::new());
        let _ = serde_json::to_writer(&mut hasher, value);
        hasher.0.digest()
    }
    let posts = posts.par_iter().map(hash);
    let pages = pages.par_iter().map(hash);
    let lists = lists
        .par_iter()
        .map(|(key, list)| hash(&(quire_model::list_bundle_file("", key, list.page), list)));
    let hashes: Vec<u64> = posts.chain(pages).chain(lists).collect();
    let bytes: Vec<u8> = hashes.iter().flat_map(|h| h.to_le_bytes()).collect();
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&bytes))
}
