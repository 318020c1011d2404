//! The serde types of every bundle quire's compiler writes and its app reads.
//!
//! This crate is the contract between the two: both sides use these types, so a
//! field cannot be renamed on one side only. It does no I/O and knows nothing of
//! Leptos, so it compiles for the browser and natively alike.

pub mod embed;
pub mod lead;
pub mod redirect;
pub mod route;
pub mod structured_data;

pub use lead::{check_email, Lead};

use serde::{Deserialize, Serialize};

/// Bumped whenever a bundle's shape changes incompatibly. The app refuses
/// bundles of another version instead of rendering garbage.
pub const SCHEMA_VERSION: u32 = 1;

/// Where bundles live below the site root, e.g. `/content/index.json`.
pub const CONTENT_DIR: &str = "content";

/// Path of the site index, relative to [`CONTENT_DIR`]. Its name never
/// changes, so it is the one bundle a CDN must revalidate; it names the
/// build (see [`PostIndex::build`]) that every other bundle lives under.
pub const INDEX_FILE: &str = "index.json";

/// What every worker of the app (search, cohort) posts once it listens:
/// messages sent before then would be lost, so the page's worker client
/// holds them until it hears this.
pub const WORKER_READY: &str = "ready";

/// The attribute marking the head tags the build writes into each route's
/// page; the app removes them when it starts and keeps the head itself.
pub const ROUTE_HEAD_ATTRIBUTE: &str = "data-route-head";

/// The id of the element holding a route's prerendered body. The app
/// hydrates it when the page was prerendered for the address it is at, and
/// otherwise (a `404.html`, a query string) replaces it once drawn.
pub const PRERENDERED_ID: &str = "prerendered";

/// The attribute of the prerendered element naming the route path it was
/// rendered for, e.g. `data-path="/posts/x"`.
pub const PRERENDERED_PATH_ATTRIBUTE: &str = "data-path";

/// The attribute of each `<script type="application/json">` that carries a
/// bundle the page was prerendered from, named by its URL: the app starts
/// from these, so its first render equals the prerendered HTML.
pub const EMBEDDED_BUNDLE_ATTRIBUTE: &str = "data-bundle";

/// One route rendered at build time: its body, and the bundles (by URL, as
/// JSON text) it was rendered from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrerenderedPage {
    pub body: String,
    pub bundles: std::collections::BTreeMap<String, String>,
}

/// JSON text made safe inside a `<script>` element: `<` can appear only in
/// JSON strings, where `\u003c` means the same, so nothing can close the element.
pub fn json_in_script(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// Path of one post's bundle, relative to [`CONTENT_DIR`].
///
/// Bundles live under their build's directory, named by a hash of their
/// content: a published path never changes meaning, so CDNs and browsers may
/// cache it forever.
pub fn post_bundle_file(build: &str, slug: &str) -> String {
    format!("{build}/posts/{slug}.json")
}

/// Why a slug is unusable, or `Ok` if it is a safe URL segment and file name:
/// lowercase ASCII letters, digits and inner hyphens.
pub fn check_slug(slug: &str) -> Result<(), &'static str> {
    if slug.is_empty() {
        return Err("is empty");
    }
    if !slug
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err("has characters other than lowercase letters, digits and hyphens");
    }
    if slug.starts_with('-') || slug.ends_with('-') {
        return Err("starts or ends with a hyphen");
    }
    Ok(())
}

/// Site-wide settings the app needs on every page, from `quire.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub title: String,
    pub tagline: String,
    /// Absolute URL of the site's root, without a trailing slash.
    pub base_url: String,
    pub author: String,
    /// BCP 47 language tag of the content, e.g. `en`.
    pub language: String,
    /// Lines of the landing page's hero.
    pub hero: Vec<String>,
    /// "What I write about".
    pub pillars: Vec<Pillar>,
    /// Topics in display order, each with its count of published posts.
    pub topics: Vec<Topic>,
    pub cta: Option<CallToAction>,
    /// Where calculator leads are POSTed; no lead form without it.
    pub lead_endpoint: Option<String>,
    /// The calculators' locale and starting currency (`[calculators]`).
    #[serde(default)]
    pub number_format: NumberFormatSetting,
    pub social: Vec<Link>,
    /// Site paths linked from the header, e.g. an engineering page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub menu: Vec<Link>,
    /// Origins of the other sites that may frame the embeddable
    /// calculators (`[embeds]`), or `*` for any; the build writes them
    /// into `frame-ancestors` and the embed pages check them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub embed_origins: Vec<String>,
}

/// The calculators' number format as `quire.toml` sets it: a BCP 47 locale
/// and an ISO 4217 currency, checked by the compiler.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberFormatSetting {
    pub locale: String,
    pub currency: String,
}

impl Default for NumberFormatSetting {
    fn default() -> Self {
        NumberFormatSetting {
            locale: "en-US".into(),
            currency: "USD".into(),
        }
    }
}

/// One theme of the site, shown on the landing page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pillar {
    pub title: String,
    pub description: String,
    /// The topic it links to, if any.
    pub topic: Option<String>,
}

/// A topic posts are filed under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub slug: String,
    pub name: String,
    pub description: String,
    /// Published posts in this topic.
    pub count: u32,
}

/// The site's call to action, e.g. "Book a call".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallToAction {
    pub label: String,
    pub url: String,
    /// A sentence shown with the button.
    pub text: String,
}

/// A named link, e.g. a social profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub name: String,
    pub url: String,
}

/// What a listing shows of a post, without its body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostSummary {
    /// URL segment: the post lives at `/posts/{slug}`.
    pub slug: String,
    pub title: String,
    /// Publication date as ISO 8601 (`YYYY-MM-DD`), so it sorts as text.
    pub date: String,
    pub summary: String,
    pub topic: Option<String>,
    pub tags: Vec<String>,
    pub reading_minutes: u32,
    /// Last significant update, `YYYY-MM-DD`.
    pub updated: Option<String>,
    /// The site's featured guide.
    pub featured: bool,
    /// Name of the series the post belongs to.
    pub series: Option<String>,
    /// Where the post was first published, if not here.
    pub canonical_url: Option<String>,
    /// Only ever true in development builds, which include drafts with a badge.
    pub draft: bool,
    /// Only ever true in development builds: `publish_at` is still in the future.
    pub scheduled: bool,
    /// The author's own image for link previews, instead of the drawn card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub social_image: Option<ImageFile>,
}

/// An image file of the site (under `public/`), with its size in pixels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageFile {
    /// From the site root: `/images/launch.png`.
    pub path: String,
    pub width: u32,
    pub height: u32,
}

/// The index of all published posts, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostIndex {
    pub schema: u32,
    pub site: SiteInfo,
    /// The featured guide, if a post is marked `featured`.
    pub featured: Option<PostSummary>,
    /// The newest [`LATEST_POSTS`] posts; older ones are in the list bundles.
    pub latest: Vec<PostSummary>,
    pub total_posts: u32,
    /// Hash of every other bundle's content: the directory under
    /// [`CONTENT_DIR`] they are published in.
    pub build: String,
}

/// How many posts the site index carries, so it stays small however large
/// the archive grows.
pub const LATEST_POSTS: usize = 10;

/// Posts per page of a list bundle.
pub const LIST_PAGE_SIZE: usize = 20;

/// Which posts a list bundle holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListKey {
    All,
    Topic(String),
    /// A tag's slug (see [`slugify`]).
    Tag(String),
}

/// Path of the build's route list (`Vec<route::Route>`), relative to
/// [`CONTENT_DIR`]: what the build writes a page for.
pub fn routes_file(build: &str) -> String {
    format!("{build}/routes.json")
}

/// Path of page `page` (1-based) of a list, relative to [`CONTENT_DIR`].
pub fn list_bundle_file(build: &str, key: &ListKey, page: u32) -> String {
    match key {
        ListKey::All => format!("{build}/lists/all/{page}.json"),
        ListKey::Topic(slug) => format!("{build}/lists/topic/{slug}/{page}.json"),
        ListKey::Tag(slug) => format!("{build}/lists/tag/{slug}/{page}.json"),
    }
}

/// One page of posts, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostList {
    pub schema: u32,
    /// 1-based.
    pub page: u32,
    pub pages: u32,
    pub total: u32,
    pub posts: Vec<PostSummary>,
    /// A tag list's tag as authors write it (the URL has its slug).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

/// A link to another post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostLink {
    pub slug: String,
    pub title: String,
}

/// Text to URL segment: `Setting up *replication* (v2)` → `setting-up-replication-v2`.
/// Used for heading ids and tag URLs, by the compiler and the app alike.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !slug.ends_with('-')
            && !slug.is_empty()
        {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Path of one standalone page's bundle, relative to [`CONTENT_DIR`].
pub fn page_bundle_file(build: &str, slug: &str) -> String {
    format!("{build}/pages/{slug}.json")
}

/// A standalone page (case studies, FAQ), served at `/{slug}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageBundle {
    pub schema: u32,
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// Only ever true in development builds.
    pub draft: bool,
    /// The body's h2 and h3 headings, in order.
    pub toc: Vec<TocEntry>,
    /// Compiled and sanitized by quire's compiler.
    pub html: String,
    /// The questions of its FAQ blocks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub faq: Vec<FaqEntry>,
    /// Its calculator blocks, to mount live.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calculators: Vec<CalculatorEmbed>,
    /// Its cover as a `<picture>` (compiled HTML), shown under the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<String>,
}

/// A question and answer of an FAQ block, for FAQPage structured data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaqEntry {
    pub question: String,
    /// The answer as plain text.
    pub answer: String,
}

/// A calculator block in a body: the app mounts the live calculator into the
/// element with this `id`, which holds a plain link until then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalculatorEmbed {
    /// The placeholder element's id, unique in the body.
    pub id: String,
    /// `roas`, `cac`, `ltv` or `cohort`.
    pub calculator: String,
    /// Preset inputs as the calculator page's URL query (`revenue=12000&spend=4000`).
    pub query: String,
    /// Preset events for the cohort calculator, as CSV.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csv: Option<String>,
}

/// One entry of a table of contents: an `h2` or `h3` of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// The heading's `id`, the target of `#id`.
    pub id: String,
    /// The heading's text.
    pub title: String,
}

/// One post: its summary and its rendered, sanitized HTML body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostBundle {
    pub schema: u32,
    pub post: PostSummary,
    /// The body's h2 and h3 headings, in order.
    pub toc: Vec<TocEntry>,
    /// The post published just before this one.
    pub previous: Option<PostLink>,
    /// The post published just after this one.
    pub next: Option<PostLink>,
    /// Up to three posts sharing its topic or tags, closest first.
    pub related: Vec<PostLink>,
    /// Compiled and sanitized by quire's compiler: the only HTML the app injects.
    pub html: String,
    /// The questions of its FAQ blocks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub faq: Vec<FaqEntry>,
    /// Its calculator blocks, to mount live.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calculators: Vec<CalculatorEmbed>,
    /// The series it is part of, if its front matter names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<Series>,
    /// Its cover as a `<picture>` (compiled HTML, like `html`), shown under
    /// the post's header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<String>,
}

/// Posts that share a `series:` name, read in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    pub name: String,
    /// Every part, oldest first.
    pub parts: Vec<PostLink>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A post summary for tests: dated, in a topic, with one tag.
    pub(crate) fn sample_post(slug: &str, title: &str) -> PostSummary {
        PostSummary {
            slug: slug.into(),
            title: title.into(),
            date: "2026-10-14".into(),
            summary: "Policies".into(),
            topic: Some("postgresql".into()),
            tags: vec!["postgres".into()],
            reading_minutes: 4,
            updated: None,
            featured: false,
            series: None,
            canonical_url: None,
            draft: false,
            scheduled: false,
            social_image: None,
        }
    }

    #[test]
    fn post_bundle_file_is_under_posts() {
        assert_eq!(
            post_bundle_file("0123abcd", "hello-world"),
            "0123abcd/posts/hello-world.json"
        );
    }

    #[test]
    fn slugs_are_safe_url_segments() {
        assert!(check_slug("postgres-rls-2").is_ok());
        for bad in ["", "Caps", "a b", "../etc", "-x", "x-", "é"] {
            assert!(check_slug(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn bundle_round_trips_through_json() {
        let bundle = PostBundle {
            schema: SCHEMA_VERSION,
            post: sample_post("a", "A"),
            toc: vec![TocEntry {
                level: 2,
                id: "a".into(),
                title: "A".into(),
            }],
            previous: None,
            next: Some(PostLink {
                slug: "b".into(),
                title: "B".into(),
            }),
            related: vec![],
            html: "<p>hi</p>".into(),
            faq: vec![],
            calculators: vec![],
            cover: Some("<picture class=\"cover\"></picture>".into()),
            series: Some(Series {
                name: "Postgres in production".into(),
                parts: vec![PostLink {
                    slug: "a".into(),
                    title: "A".into(),
                }],
            }),
        };
        let json = serde_json::to_string(&bundle).unwrap();
        assert_eq!(serde_json::from_str::<PostBundle>(&json).unwrap(), bundle);
    }
}
