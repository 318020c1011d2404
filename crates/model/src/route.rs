//! Every route of the site, as one type: its path (built and parsed the way
//! the app's router matches it), the segments it reserves, whether search
//! engines should index it, when its page starts the app, which
//! first-load budget it answers to, and its head (title, description,
//! canonical URL, OpenGraph/Twitter, JSON-LD) from one pure function.
//!
//! The compiler lists the site's routes with it (sitemap, link checks), the
//! build writes a page per route and checks budgets with it, and the app's
//! pages draw their heads with [`Route::head`], so the head a crawler reads
//! in the HTML is the one the app draws.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::structured_data::{absolute_url, blog_posting, breadcrumbs, faq_page, website};
use crate::{FaqEntry, ListKey, PostSummary, SiteInfo};

/// Where a post's canonical copy lives: its own `canonical_url` (a post
/// first published elsewhere), else its page here.
pub fn post_canonical(site: &SiteInfo, post: &PostSummary) -> String {
    post.canonical_url.clone().unwrap_or_else(|| {
        absolute_url(
            site,
            &Route::Post {
                slug: post.slug.clone(),
            }
            .path(),
        )
    })
}

/// One page of the site, by what it shows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Route {
    /// `/`
    Home,
    /// `/posts`, `/posts/page/<n>` (n ≥ 2)
    Archive { page: u32 },
    /// `/posts/<slug>`
    Post { slug: String },
    /// `/topics`
    Topics,
    /// `/topics/<slug>`, `/topics/<slug>/page/<n>`
    Topic { slug: String, page: u32 },
    /// `/tags/<tag>`, `/tags/<tag>/page/<n>`; `tag` is the tag's slug.
    Tag { tag: String, page: u32 },
    /// `/search` (its query is not part of the route)
    Search,
    /// `/calculators`
    Calculators,
    /// `/calculators/<slug>`
    Calculator { slug: String },
    /// `/embed/calculators/<slug>`: a calculator for other sites to frame,
    /// without the site's header and footer.
    EmbeddedCalculator { slug: String },
    /// `/<slug>`: a standalone page.
    Page { slug: String },
}

/// First path segments the routes above own: a standalone page cannot take
/// one (`content` holds the bundles).
pub const RESERVED_SEGMENTS: [&str; 7] = [
    "posts",
    "topics",
    "tags",
    "calculators",
    "search",
    "content",
    "embed",
];

/// The app's router patterns, in its order (`src/app.rs`, whose test
/// compares them with this list).
pub const ROUTER_PATTERNS: [&str; 14] = [
    "",
    "posts",
    "posts/page/:page",
    "posts/:slug",
    "topics",
    "topics/:slug",
    "topics/:slug/page/:page",
    "tags/:tag",
    "tags/:tag/page/:page",
    "search",
    "calculators",
    "calculators/:slug",
    "embed/calculators/:slug",
    ":page",
];

/// Whether the page at `path` is drawn without the site's header and
/// footer ([`Route::is_chromeless`]), without parsing the whole path: the
/// app asks on every navigation.
pub fn is_chromeless_path(path: &str) -> bool {
    path.starts_with("/embed/")
}

/// When a prerendered page starts the app (`assets/start.js` reads it from
/// `data-start`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppStart {
    /// On the reader's first reach for a link, control or field: the page
    /// reads (or, a blank calculator, takes typing) as it is, and what the
    /// reader did meanwhile is handed to the app.
    OnIntent,
    /// On intent, as `OnIntent`; when the address has a query (a
    /// calculator's shared link), a small first stage (`crates/figures`)
    /// works its figures out at once, and the app also starts when the
    /// reader nears what it draws under the results.
    WithInputs,
    /// At once: the search page (its results need the app), an embedded
    /// calculator (its frame is sized once the app has drawn it).
    AtOnce,
}

impl AppStart {
    /// The `data-start` value, if any.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            AppStart::OnIntent => None,
            AppStart::WithInputs => Some("with-query"),
            AppStart::AtOnce => Some("now"),
        }
    }
}

/// The first-load budget a route's page is checked against (`budgets.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BudgetKind {
    Landing,
    Listing,
    Post,
    Page,
    /// A calculator at its own address: the blank form, app on intent.
    Calculator,
    /// A calculator opened from a link with inputs (`?revenue=…`): its app
    /// starts at once to work them out.
    CalculatorLink,
    /// A calculator framed on another site: app at once.
    Embed,
    Search,
}

impl BudgetKind {
    pub const ALL: [BudgetKind; 8] = [
        BudgetKind::Landing,
        BudgetKind::Listing,
        BudgetKind::Post,
        BudgetKind::Page,
        BudgetKind::Calculator,
        BudgetKind::CalculatorLink,
        BudgetKind::Embed,
        BudgetKind::Search,
    ];

    /// Its key in `budgets.toml`.
    pub fn name(self) -> &'static str {
        match self {
            BudgetKind::Landing => "landing",
            BudgetKind::Listing => "listing",
            BudgetKind::Post => "post",
            BudgetKind::Page => "page",
            BudgetKind::Calculator => "calculator",
            BudgetKind::CalculatorLink => "calculator-link",
            BudgetKind::Embed => "embed",
            BudgetKind::Search => "search",
        }
    }
}

/// `/base` for page 1, `/base/page/<n>` after.
fn paged(base: String, page: u32) -> String {
    if page > 1 {
        format!("{base}/page/{page}")
    } else {
        base
    }
}

/// A page number segment: 2 or more (page 1 has no `/page/1` address).
fn page_number(segment: &str) -> Option<u32> {
    segment.parse().ok().filter(|n| *n >= 2)
}

/// A listing's title on page `page`: `All posts (page 2)`.
pub fn listing_title(name: &str, page: u32) -> String {
    if page > 1 {
        format!("{name} (page {page})")
    } else {
        name.to_string()
    }
}

impl Route {
    /// Page `page` of a listing.
    pub fn listing(key: &ListKey, page: u32) -> Self {
        match key {
            ListKey::All => Route::Archive { page },
            ListKey::Topic(slug) => Route::Topic {
                slug: slug.clone(),
                page,
            },
            ListKey::Tag(tag) => Route::Tag {
                tag: tag.clone(),
                page,
            },
        }
    }

    /// A topic's first page.
    pub fn topic(slug: impl Into<String>) -> Self {
        Route::Topic {
            slug: slug.into(),
            page: 1,
        }
    }

    /// The path with a query string (`/calculators/roas?spend=10`), or the
    /// path alone for an empty query.
    pub fn with_query(&self, query: &str) -> String {
        if query.is_empty() {
            self.path()
        } else {
            format!("{}?{query}", self.path())
        }
    }

    /// The site path, e.g. `/posts/x`.
    pub fn path(&self) -> String {
        match self {
            Route::Home => "/".into(),
            Route::Archive { page } => paged("/posts".into(), *page),
            Route::Post { slug } => format!("/posts/{slug}"),
            Route::Topics => "/topics".into(),
            Route::Topic { slug, page } => paged(format!("/topics/{slug}"), *page),
            Route::Tag { tag, page } => paged(format!("/tags/{tag}"), *page),
            Route::Search => "/search".into(),
            Route::Calculators => "/calculators".into(),
            Route::Calculator { slug } => format!("/calculators/{slug}"),
            Route::EmbeddedCalculator { slug } => format!("/embed/calculators/{slug}"),
            Route::Page { slug } => format!("/{slug}"),
        }
    }

    /// The route at `path` (a query or fragment is ignored; one trailing
    /// slash is allowed), matched in the router's order; `None` where the
    /// app shows its not-found page.
    pub fn parse(path: &str) -> Option<Self> {
        let path = path.split(['?', '#']).next().unwrap_or(path);
        let path = path.strip_prefix('/')?;
        let path = path.strip_suffix('/').unwrap_or(path);
        let segments: Vec<&str> = if path.is_empty() {
            Vec::new()
        } else {
            path.split('/').collect()
        };
        if segments.iter().any(|s| s.is_empty()) {
            return None;
        }
        let owned = |s: &str| s.to_string();
        Some(match segments.as_slice() {
            [] => Route::Home,
            ["posts"] => Route::Archive { page: 1 },
            ["posts", "page", n] => Route::Archive {
                page: page_number(n)?,
            },
            ["posts", slug] => Route::Post { slug: owned(slug) },
            ["topics"] => Route::Topics,
            ["topics", slug] => Route::Topic {
                slug: owned(slug),
                page: 1,
            },
            ["topics", slug, "page", n] => Route::Topic {
                slug: owned(slug),
                page: page_number(n)?,
            },
            ["tags", tag] => Route::Tag {
                tag: owned(tag),
                page: 1,
            },
            ["tags", tag, "page", n] => Route::Tag {
                tag: owned(tag),
                page: page_number(n)?,
            },
            ["search"] => Route::Search,
            ["calculators"] => Route::Calculators,
            ["calculators", slug] => Route::Calculator { slug: owned(slug) },
            ["embed", "calculators", slug] => Route::EmbeddedCalculator { slug: owned(slug) },
            [slug] if !RESERVED_SEGMENTS.contains(slug) => Route::Page { slug: owned(slug) },
            _ => return None,
        })
    }

    /// Where its social card is published: `/cards/<path>.png`, and
    /// `/cards/index.png` for the landing page. Only indexable routes have one.
    pub fn card_path(&self) -> String {
        match self {
            Route::Home => "/cards/index.png".into(),
            route => format!("/cards{}.png", route.path()),
        }
    }

    /// Whether search engines should index it (the sitemap lists these).
    /// An embedded calculator is the calculator's page again, framed
    /// elsewhere: its canonical address is that page.
    pub fn is_indexable(&self) -> bool {
        !matches!(self, Route::Search | Route::EmbeddedCalculator { .. })
    }

    /// Whether other sites may frame the page (`frame-ancestors`); every
    /// other page refuses to be framed.
    pub fn may_be_framed(&self) -> bool {
        matches!(self, Route::EmbeddedCalculator { .. })
    }

    /// Whether the page is drawn without the site's header and footer.
    pub fn is_chromeless(&self) -> bool {
        self.may_be_framed()
    }

    /// When the page starts the app (`data-start` on the prerendered page).
    pub fn app_start(&self) -> AppStart {
        match self {
            Route::Search | Route::EmbeddedCalculator { .. } => AppStart::AtOnce,
            Route::Calculator { .. } => AppStart::WithInputs,
            _ => AppStart::OnIntent,
        }
    }

    /// Whether the page is served by the calculators' own app
    /// (`src/calculators_app.rs`) rather than the whole site's: the
    /// calculators index and each calculator.
    pub fn has_own_app(&self) -> bool {
        matches!(
            self,
            Route::Calculators | Route::Calculator { .. } | Route::EmbeddedCalculator { .. }
        )
    }

    pub fn budget_kind(&self) -> BudgetKind {
        match self {
            Route::Home => BudgetKind::Landing,
            Route::Archive { .. }
            | Route::Topics
            | Route::Topic { .. }
            | Route::Tag { .. }
            | Route::Calculators => BudgetKind::Listing,
            Route::Post { .. } => BudgetKind::Post,
            Route::Page { .. } => BudgetKind::Page,
            Route::Calculator { .. } => BudgetKind::Calculator,
            Route::EmbeddedCalculator { .. } => BudgetKind::Embed,
            Route::Search => BudgetKind::Search,
        }
    }

    /// The route's head. `content` is what the route shows beyond the site
    /// settings (the post, the page, the tag's name, the calculator).
    pub fn head(&self, site: &SiteInfo, content: HeadContent<'_>) -> Head {
        let mut head = self.head_text(site, content);
        // A post's own image, else the route's card if it has one.
        let own_image = match content {
            HeadContent::Post { post, .. } => post.social_image.as_ref(),
            _ => None,
        };
        let image = match own_image {
            Some(own) => Some((own.path.clone(), own.width, own.height)),
            None => self
                .is_indexable()
                .then(|| (self.card_path(), CARD_WIDTH, CARD_HEIGHT)),
        };
        head.image = image.map(|(path, width, height)| SocialImage {
            url: absolute_url(site, &path),
            width,
            height,
            alt: format!("{}, {}", head.shared_title(&site.title), site.title),
        });
        head
    }

    fn head_text(&self, site: &SiteInfo, content: HeadContent<'_>) -> Head {
        let path = self.path();
        let plain = |title: String, description: String| Head {
            canonical: absolute_url(site, &path),
            title,
            description,
            kind: "website",
            structured: Vec::new(),
            noindex: false,
            image: None,
        };
        match (self, content) {
            (Route::Home, _) => Head {
                structured: vec![website(site)],
                ..plain(String::new(), site.tagline.clone())
            },
            (Route::Archive { page }, _) => plain(
                listing_title("All posts", *page),
                "Every post, newest first.".into(),
            ),
            (Route::Topics, _) => plain(
                "Topics".into(),
                format!("What {} writes about, by topic.", site.title),
            ),
            (Route::Topic { slug, page }, _) => {
                let topic = site.topics.iter().find(|t| &t.slug == slug);
                plain(
                    listing_title(topic.map_or(slug.as_str(), |t| t.name.as_str()), *page),
                    topic.map(|t| t.description.clone()).unwrap_or_default(),
                )
            }
            (Route::Tag { tag, page }, content) => {
                let name = match content {
                    HeadContent::Tag { name } => name,
                    _ => tag.as_str(),
                };
                plain(
                    listing_title(&format!("Posts tagged “{name}”"), *page),
                    format!("Every post about {name}, newest first."),
                )
            }
            (Route::Search, _) => Head {
                noindex: true,
                ..plain("Search".into(), format!("Search {}.", site.title))
            },
            (Route::Calculators, _) => plain(
                "Calculators".into(),
                "Growth calculators that show their working: ROAS, CAC payback, LTV and cohort retention.".into(),
            ),
            (Route::Calculator { .. }, HeadContent::Calculator { name, description }) => {
                plain(name.into(), description.into())
            }
            (Route::Calculator { slug }, _) => plain(slug.clone(), String::new()),
            // Framed on other sites: its canonical address is the
            // calculator's own page, so search engines list that one.
            (Route::EmbeddedCalculator { slug }, content) => {
                let (name, description) = match content {
                    HeadContent::Calculator { name, description } => (name, description),
                    _ => (slug.as_str(), ""),
                };
                Head {
                    canonical: absolute_url(site, &Route::Calculator { slug: slug.clone() }.path()),
                    ..plain(name.into(), description.into())
                }
            }
            (Route::Post { .. }, HeadContent::Post { post, faq }) => {
                let topic = post
                    .topic
                    .as_deref()
                    .and_then(|slug| site.topics.iter().find(|t| t.slug == slug));
                let mut trail = vec![("Home".to_string(), "/".to_string())];
                if let Some(topic) = topic {
                    trail.push((topic.name.clone(), Route::topic(&topic.slug).path()));
                }
                trail.push((post.title.clone(), path.clone()));
                let trail: Vec<(&str, &str)> = trail
                    .iter()
                    .map(|(n, p)| (n.as_str(), p.as_str()))
                    .collect();
                let canonical = post_canonical(site, post);
                let mut structured = vec![
                    blog_posting(site, post, &canonical),
                    breadcrumbs(site, &trail),
                ];
                structured.extend(faq_page(faq));
                Head {
                    kind: "article",
                    canonical,
                    structured,
                    ..plain(post.title.clone(), post.summary.clone())
                }
            }
            (Route::Page { .. }, HeadContent::Page { title, summary, faq }) => Head {
                structured: faq_page(faq).into_iter().collect(),
                ..plain(title.into(), summary.into())
            },
            (Route::Post { slug } | Route::Page { slug }, _) => plain(slug.clone(), String::new()),
        }
    }
}

/// What a route shows beyond the site settings, for its head.
#[derive(Debug, Clone, Copy)]
pub enum HeadContent<'a> {
    /// Routes drawn from the site settings alone.
    None,
    Post {
        post: &'a PostSummary,
        faq: &'a [FaqEntry],
    },
    Page {
        title: &'a str,
        summary: &'a str,
        faq: &'a [FaqEntry],
    },
    /// A tag as written in posts (the route has its slug).
    Tag {
        name: &'a str,
    },
    Calculator {
        name: &'a str,
        description: &'a str,
    },
}

/// A route's head, as the build writes it and the app draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    /// The page's own title; empty on the landing page (the site's title
    /// stands alone there).
    pub title: String,
    pub description: String,
    /// OpenGraph type: `article` for posts, else `website`.
    pub kind: &'static str,
    /// Absolute URL: the page's own, or where a post was first published.
    pub canonical: String,
    /// JSON-LD blocks.
    pub structured: Vec<Value>,
    /// Not for search engines (search results).
    pub noindex: bool,
    /// What link previews show: the route's social card.
    pub image: Option<SocialImage>,
}

/// Social cards' size: the 1.91:1 image LinkedIn, Mastodon, Slack and X
/// show in full width.
pub const CARD_WIDTH: u32 = 1200;
pub const CARD_HEIGHT: u32 = 630;

/// An image for link previews (`og:image` with its size and alt text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SocialImage {
    /// Absolute URL.
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// A page's `<title>`: `Page · Site`, or the site's title alone.
pub fn document_title(page_title: &str, site_title: &str) -> String {
    if page_title.is_empty() {
        site_title.to_string()
    } else {
        format!("{page_title} · {site_title}")
    }
}

impl Head {
    /// The `<title>`: `Page · Site`, or the site's title alone.
    pub fn document_title(&self, site_title: &str) -> String {
        document_title(&self.title, site_title)
    }

    /// The title link previews show: the page's, or the site's.
    pub fn shared_title<'a>(&'a self, site_title: &'a str) -> &'a str {
        if self.title.is_empty() {
            site_title
        } else {
            &self.title
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_kind() -> Vec<Route> {
        vec![
            Route::Home,
            Route::Archive { page: 1 },
            Route::Archive { page: 3 },
            Route::Post { slug: "rls".into() },
            Route::Post {
                slug: "page".into(),
            },
            Route::Topics,
            Route::Topic {
                slug: "postgresql".into(),
                page: 1,
            },
            Route::Topic {
                slug: "postgresql".into(),
                page: 2,
            },
            Route::Tag {
                tag: "backups".into(),
                page: 1,
            },
            Route::Tag {
                tag: "backups".into(),
                page: 4,
            },
            Route::Search,
            Route::Calculators,
            Route::Calculator {
                slug: "roas".into(),
            },
            Route::EmbeddedCalculator {
                slug: "roas".into(),
            },
            Route::Page {
                slug: "about".into(),
            },
        ]
    }

    #[test]
    fn every_indexable_route_has_its_own_card() {
        let site = SiteInfo {
            title: "Field notes".into(),
            base_url: "https://x.dev".into(),
            ..SiteInfo::default()
        };
        let mut paths = std::collections::HashSet::new();
        for route in every_kind() {
            let head = route.head(&site, HeadContent::None);
            let Some(image) = head.image else {
                assert!(!route.is_indexable(), "{route:?} has no card");
                continue;
            };
            assert_eq!(image.url, format!("https://x.dev{}", route.card_path()));
            assert_eq!((image.width, image.height), (1200, 630));
            assert!(image.alt.ends_with(", Field notes"), "{}", image.alt);
            assert!(paths.insert(route.card_path()), "{route:?} shares a card");
        }
        assert_eq!(Route::Home.card_path(), "/cards/index.png");
        assert_eq!(
            Route::Tag {
                tag: "rls".into(),
                page: 2
            }
            .card_path(),
            "/cards/tags/rls/page/2.png"
        );
        assert!(Route::Search.head(&site, HeadContent::None).image.is_none());

        // A post's own image replaces its card.
        let post = crate::PostSummary {
            social_image: Some(crate::ImageFile {
                path: "/images/launch.png".into(),
                width: 1600,
                height: 900,
            }),
            ..crate::tests::sample_post("launch", "Launch")
        };
        let route = Route::Post {
            slug: "launch".into(),
        };
        let head = route.head(
            &site,
            HeadContent::Post {
                post: &post,
                faq: &[],
            },
        );
        let image = head.image.unwrap();
        assert_eq!(image.url, "https://x.dev/images/launch.png");
        assert_eq!((image.width, image.height), (1600, 900));
    }

    #[test]
    fn every_path_parses_back_to_its_route() {
        for route in every_kind() {
            assert_eq!(
                Route::parse(&route.path()),
                Some(route.clone()),
                "{}",
                route.path()
            );
        }
    }

    #[test]
    fn listings_queries_and_topics() {
        assert_eq!(Route::listing(&ListKey::All, 1).path(), "/posts");
        assert_eq!(
            Route::listing(&ListKey::Topic("postgresql".into()), 1).path(),
            "/topics/postgresql"
        );
        assert_eq!(
            Route::listing(&ListKey::Tag("rls".into()), 3).path(),
            "/tags/rls/page/3"
        );
        assert_eq!(Route::topic("pg").path(), "/topics/pg");
        let roas = Route::Calculator {
            slug: "roas".into(),
        };
        assert_eq!(roas.with_query(""), "/calculators/roas");
        assert_eq!(roas.with_query("spend=10"), "/calculators/roas?spend=10");
    }

    #[test]
    fn parsing_follows_the_router() {
        assert_eq!(Route::parse("/posts/"), Some(Route::Archive { page: 1 }));
        assert_eq!(Route::parse("/search?q=rls"), Some(Route::Search));
        assert_eq!(
            Route::parse("/about#team"),
            Some(Route::Page {
                slug: "about".into()
            })
        );
        for nowhere in [
            "",
            "posts",
            "/posts/page/1",
            "/posts/page/x",
            "/posts/a/b",
            "/content",
            "/tags",
            "/a//b",
            "/topics/x/page/0",
        ] {
            assert_eq!(Route::parse(nowhere), None, "{nowhere}");
        }
    }

    #[test]
    fn kinds_of_route() {
        assert!(!Route::Search.is_indexable());
        let embedded = Route::EmbeddedCalculator {
            slug: "roas".into(),
        };
        assert!(!embedded.is_indexable());
        assert!(every_kind()
            .iter()
            .filter(|r| **r != Route::Search && **r != embedded)
            .all(Route::is_indexable));
        let framed: Vec<String> = every_kind()
            .iter()
            .filter(|r| r.may_be_framed())
            .map(Route::path)
            .collect();
        assert_eq!(framed, ["/embed/calculators/roas"]);
        assert!(embedded.has_own_app() && embedded.is_chromeless());
        for route in every_kind() {
            assert_eq!(
                is_chromeless_path(&route.path()),
                route.is_chromeless(),
                "{route:?}"
            );
        }
        assert!(!Route::Calculators.is_chromeless());
        let starts: Vec<(String, AppStart)> = every_kind()
            .iter()
            .filter(|r| r.app_start() != AppStart::OnIntent)
            .map(|r| (r.path(), r.app_start()))
            .collect();
        assert_eq!(
            starts,
            [
                ("/search".to_string(), AppStart::AtOnce),
                ("/calculators/roas".to_string(), AppStart::WithInputs),
                ("/embed/calculators/roas".to_string(), AppStart::AtOnce)
            ]
        );
        assert_eq!(Route::Search.budget_kind(), BudgetKind::Search);
        assert_eq!(
            Route::Tag {
                tag: "x".into(),
                page: 2
            }
            .budget_kind(),
            BudgetKind::Listing
        );
        let kinds: std::collections::BTreeSet<_> =
            every_kind().iter().map(Route::budget_kind).collect();
        // A calculator's shared link is its own page with a query.
        assert_eq!(
            kinds.len() + 1,
            BudgetKind::ALL.len(),
            "every budget kind but the calculator link has a route"
        );
    }

    #[test]
    fn routes_travel_as_json() {
        let json = serde_json::to_string(&Route::Tag {
            tag: "b".into(),
            page: 2,
        })
        .unwrap();
        assert_eq!(json, r#"{"kind":"tag","tag":"b","page":2}"#);
        let back: Route = serde_json::from_str(&json).unwrap();
        assert_eq!(
            back,
            Route::Tag {
                tag: "b".into(),
                page: 2
            }
        );
    }
}
