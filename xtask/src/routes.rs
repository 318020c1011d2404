//! Every route as a file: `dist/<route>/index.html` is the app's page with
//! that route's metadata in its head (title, description, canonical URL,
//! OpenGraph and Twitter tags, JSON-LD). A static server that does no
//! rewriting then answers a deep link with 200 and the right metadata
//! (crawlers and link previews read it without running the app), and any
//! other path with `404.html` and 404. The app removes these tags when it
//! starts and manages the head itself from then on.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use quire_model::structured_data::{
    absolute_url, blog_posting, breadcrumbs, faq_page, post_canonical, to_script_text, website,
};
use quire_model::{
    json_in_script, PageBundle, PostBundle, PostIndex, PostList, PrerenderedPage, SiteInfo,
    EMBEDDED_BUNDLE_ATTRIBUTE, PRERENDERED_ID, PRERENDERED_PATH_ATTRIBUTE, ROUTE_HEAD_ATTRIBUTE,
};
use serde_json::Value;

/// One route's head.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteHead {
    /// Site path, e.g. `/posts/x`.
    pub path: String,
    /// The page's own title; empty on the landing page.
    pub title: String,
    pub description: String,
    /// OpenGraph type: `article` for posts.
    pub kind: &'static str,
    /// Overrides the page's own URL (a post first published elsewhere).
    pub canonical: Option<String>,
    pub structured: Vec<Value>,
    /// Search results are not for search engines.
    pub noindex: bool,
}

impl RouteHead {
    fn new(
        path: impl Into<String>,
        title: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        Self {
            path: path.into(),
            title: title.into(),
            description: description.into(),
            kind: "website",
            canonical: None,
            structured: Vec::new(),
            noindex: false,
        }
    }
}

/// The content a build published, read back from `dist/content/`.
pub struct Published {
    pub index: PostIndex,
    pub posts: Vec<PostBundle>,
    pub pages: Vec<PageBundle>,
    /// Every list bundle, by its path under the build (`lists/topic/x/2.json`).
    pub lists: BTreeMap<String, PostList>,
}

pub fn read_published(dist: &Path) -> Result<Published> {
    let content = dist.join("content");
    let index: PostIndex = read_json(&content.join("index.json"))?;
    let build = content.join(&index.build);
    let mut posts: Vec<PostBundle> = json_files(&build.join("posts"))?
        .iter()
        .map(|p| read_json(p))
        .collect::<Result<_>>()?;
    posts.sort_by(|a, b| a.post.slug.cmp(&b.post.slug));
    let pages = json_files(&build.join("pages"))?
        .iter()
        .map(|p| read_json(p))
        .collect::<Result<_>>()?;
    let mut lists = BTreeMap::new();
    collect_lists(&build, &build.join("lists"), &mut lists)?;
    Ok(Published {
        index,
        posts,
        pages,
        lists,
    })
}

/// Every route of the site and its head, landing page first.
pub fn route_heads(published: &Published, calculators: &[(&str, &str)]) -> Vec<RouteHead> {
    let site = &published.index.site;
    let mut heads = vec![RouteHead {
        structured: vec![website(site)],
        ..RouteHead::new("/", "", site.tagline.clone())
    }];
    heads.push(RouteHead::new(
        "/topics",
        "Topics",
        format!("What {} writes about, by topic.", site.title),
    ));
    for (path, list) in &published.lists {
        let parts: Vec<&str> = path.trim_end_matches(".json").split('/').collect();
        let page = list.page;
        let (base, name, description) = match parts.as_slice() {
            ["lists", "all", _] => (
                "/posts".to_string(),
                "All posts".to_string(),
                "Every post, newest first.".to_string(),
            ),
            ["lists", "topic", slug, _] => {
                let topic = site.topics.iter().find(|t| t.slug == *slug);
                (
                    format!("/topics/{slug}"),
                    topic.map_or(slug.to_string(), |t| t.name.clone()),
                    topic.map_or(String::new(), |t| t.description.clone()),
                )
            }
            ["lists", "tag", slug, _] => {
                let tag = list.tag.clone().unwrap_or_else(|| slug.to_string());
                (
                    format!("/tags/{slug}"),
                    format!("Posts tagged “{tag}”"),
                    format!("Every post about {tag}, newest first."),
                )
            }
            _ => continue,
        };
        let (path, title) = if page > 1 {
            (
                format!("{base}/page/{page}"),
                format!("{name} (page {page})"),
            )
        } else {
            (base, name)
        };
        heads.push(RouteHead::new(path, title, description));
    }
    for bundle in &published.posts {
        let post = &bundle.post;
        let path = format!("/posts/{}", post.slug);
        let mut trail = vec![("Home", "/".to_string())];
        let topic = post
            .topic
            .as_deref()
            .and_then(|slug| site.topics.iter().find(|t| t.slug == slug));
        if let Some(topic) = topic {
            trail.push((topic.name.as_str(), format!("/topics/{}", topic.slug)));
        }
        trail.push((post.title.as_str(), path.clone()));
        let trail: Vec<(&str, &str)> = trail.iter().map(|(n, p)| (*n, p.as_str())).collect();
        let mut structured = vec![blog_posting(site, post), breadcrumbs(site, &trail)];
        structured.extend(faq_page(&bundle.faq));
        heads.push(RouteHead {
            kind: "article",
            canonical: Some(post_canonical(site, post)),
            structured,
            ..RouteHead::new(path, post.title.clone(), post.summary.clone())
        });
    }
    for page in &published.pages {
        heads.push(RouteHead {
            structured: faq_page(&page.faq).into_iter().collect(),
            ..RouteHead::new(
                format!("/{}", page.slug),
                page.title.clone(),
                page.summary.clone(),
            )
        });
    }
    heads.push(RouteHead::new(
        "/calculators",
        "Calculators",
        "Growth calculators that show their working: ROAS, CAC payback, LTV and cohort retention.",
    ));
    for (slug, name) in calculators {
        heads.push(RouteHead::new(
            format!("/calculators/{slug}"),
            *name,
            format!("{name}: results with the formula and a plain explanation."),
        ));
    }
    heads.push(RouteHead {
        noindex: true,
        ..RouteHead::new("/search", "Search", format!("Search {}.", site.title))
    });
    heads
}

/// The tags for `route`'s head, each marked with [`ROUTE_HEAD_ATTRIBUTE`].
pub fn head_tags(site: &SiteInfo, route: &RouteHead) -> String {
    let mark = ROUTE_HEAD_ATTRIBUTE;
    let title = if route.title.is_empty() {
        site.title.clone()
    } else {
        format!("{} · {}", route.title, site.title)
    };
    let shared_title = if route.title.is_empty() {
        &site.title
    } else {
        &route.title
    };
    let url = route
        .canonical
        .clone()
        .unwrap_or_else(|| absolute_url(site, &route.path));
    let mut out = format!("<title {mark}>{}</title>\n", escape(&title));
    let mut meta = |attribute: &str, name: &str, content: &str| {
        out.push_str(&format!(
            "<meta {mark} {attribute}=\"{name}\" content=\"{}\">\n",
            escape(content)
        ));
    };
    meta("name", "description", &route.description);
    if route.noindex {
        meta("name", "robots", "noindex");
    }
    meta("property", "og:type", route.kind);
    meta("property", "og:title", shared_title);
    meta("property", "og:description", &route.description);
    meta("property", "og:url", &url);
    meta("property", "og:site_name", &site.title);
    meta("name", "twitter:card", "summary");
    meta("name", "twitter:title", shared_title);
    meta("name", "twitter:description", &route.description);
    out.push_str(&format!(
        "<link {mark} rel=\"canonical\" href=\"{}\">\n",
        escape(&url)
    ));
    for value in &route.structured {
        out.push_str(&format!(
            "<script {mark} type=\"application/ld+json\">{}</script>\n",
            to_script_text(value)
        ));
    }
    out
}

/// `index_html` with `page` (the route at `path`, prerendered) as the
/// page's body: its HTML inside the element the app hydrates, then the
/// bundles it was drawn from, which the app starts from instead of fetching.
pub fn with_body(index_html: &str, path: &str, page: &PrerenderedPage) -> String {
    let (Some(open), Some(close)) = (index_html.find("<body"), index_html.rfind("</body>")) else {
        return index_html.to_string();
    };
    let Some(open_end) = index_html[open..].find('>').map(|i| open + i + 1) else {
        return index_html.to_string();
    };
    let bundles: String = page
        .bundles
        .iter()
        .map(|(url, json)| {
            format!(
                "<script type=\"application/json\" {EMBEDDED_BUNDLE_ATTRIBUTE}=\"{}\">{}</script>\n",
                escape(url),
                json_in_script(json.trim_end())
            )
        })
        .collect();
    let start = if starts_app_at_once(path) {
        " data-start=\"now\""
    } else {
        ""
    };
    format!(
        "{}\n<div id=\"{PRERENDERED_ID}\" {PRERENDERED_PATH_ATTRIBUTE}=\"{}\"{start}>{}</div>\n{bundles}{}",
        &index_html[..open_end],
        escape(path),
        page.body,
        &index_html[close..]
    )
}

/// Whether the page at `path` is of no use without the app, so
/// `assets/start.js` starts it at once (`data-start="now"`): a calculator
/// and the search page. Every other page reads as it is, and starts the app
/// when the reader first reaches for a link, control or field.
pub fn starts_app_at_once(path: &str) -> bool {
    path == "/search"
        || path
            .strip_prefix("/calculators/")
            .is_some_and(|slug| !slug.is_empty())
}

/// `index_html` with `route`'s head in place of the generic title.
pub fn route_page(index_html: &str, site: &SiteInfo, route: &RouteHead) -> String {
    let without_title = match (index_html.find("<title>"), index_html.find("</title>")) {
        (Some(start), Some(end)) if start < end => {
            format!(
                "{}{}",
                &index_html[..start],
                &index_html[end + "</title>".len()..]
            )
        }
        _ => index_html.to_string(),
    };
    without_title.replacen("</head>", &format!("{}</head>", head_tags(site, route)), 1)
}

/// A path no route has: the app's not-found page, prerendered for `404.html`.
const NOT_FOUND_PATH: &str = "/__quire/not-found";

/// Writes every route's page into `dist` (the landing page over
/// `index.html`), each with its head and prerendered body, and `404.html`
/// with the prerendered not-found page; returns how many routes.
pub fn write_route_pages(
    dist: &Path,
    index_html: &str,
    calculators: &[(&str, &str)],
) -> Result<usize> {
    let published = read_published(dist)?;
    let heads = route_heads(&published, calculators);
    let paths: Vec<&str> = heads
        .iter()
        .map(|route| route.path.as_str())
        .chain([NOT_FOUND_PATH])
        .collect();
    let bodies = prerender(dist, &paths)?;
    let body_of = |path: &str| {
        bodies
            .get(path)
            .with_context(|| format!("the prerenderer returned no page for {path}"))
    };
    for route in &heads {
        let dir = dist.join(route.path.trim_start_matches('/'));
        std::fs::create_dir_all(&dir)?;
        let page = route_page(index_html, &published.index.site, route);
        std::fs::write(
            dir.join("index.html"),
            with_body(&page, &route.path, body_of(&route.path)?),
        )
        .with_context(|| format!("writing the page of {}", route.path))?;
    }
    // Served at any address, so never hydrated (the app draws the page
    // for the address it is at and takes over): it embeds no bundles.
    let not_found = PrerenderedPage {
        bundles: BTreeMap::new(),
        ..body_of(NOT_FOUND_PATH)?.clone()
    };
    std::fs::write(
        dist.join("404.html"),
        with_body(index_html, NOT_FOUND_PATH, &not_found),
    )?;
    Ok(heads.len())
}

/// Each path's page, rendered by the app's own components natively
/// (`src/bin/prerender.rs`, feature `ssr`) from the bundles in `dist`.
fn prerender(dist: &Path, paths: &[&str]) -> Result<BTreeMap<String, PrerenderedPage>> {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = crate::process::command("cargo")
        .args([
            "run",
            "--quiet",
            "--package",
            "quire",
            "--no-default-features",
            "--features",
            "ssr",
            "--bin",
            "prerender",
            "--",
        ])
        .arg(dist)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .context("starting the prerenderer (cargo run --bin prerender)")?;
    child
        .stdin
        .take()
        .context("the prerenderer's stdin")?
        .write_all(paths.join("\n").as_bytes())?;
    let output = child.wait_with_output()?;
    if !output.status.success() {
        anyhow::bail!("the prerenderer failed ({})", output.status);
    }
    serde_json::from_slice(&output.stdout).context("reading the prerendered pages")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

fn json_files(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    Ok(files)
}

fn collect_lists(build: &Path, dir: &Path, out: &mut BTreeMap<String, PostList>) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_lists(build, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            let key = path
                .strip_prefix(build)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(key, read_json(&path)?);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteInfo {
        serde_json::from_value(serde_json::json!({
            "title": "Field \"Notes\"",
            "tagline": "Systems & growth",
            "base_url": "https://notes.example/",
            "author": "Ada",
            "language": "en",
            "hero": [], "pillars": [], "topics": [], "social": [], "menu": []
        }))
        .unwrap()
    }

    #[test]
    fn the_head_replaces_the_title_and_escapes_text() {
        let route = RouteHead::new("/posts/x", "A <b> & \"c\"", "Why & how");
        let page = route_page(
            "<html><head><title>quire</title><link rel=icon></head><body></body></html>",
            &site(),
            &route,
        );
        assert!(!page.contains("<title>quire</title>"));
        assert!(page.contains(
            "<title data-route-head>A &lt;b&gt; &amp; &quot;c&quot; · Field &quot;Notes&quot;</title>"
        ));
        assert!(
            page.contains("<meta data-route-head name=\"description\" content=\"Why &amp; how\">")
        );
        assert!(page.contains(
            "<link data-route-head rel=\"canonical\" href=\"https://notes.example/posts/x\">"
        ));
        assert!(page.find("data-route-head").unwrap() < page.find("</head>").unwrap());
    }

    #[test]
    fn the_landing_page_is_titled_by_the_site_and_search_is_not_indexed() {
        let landing = head_tags(&site(), &RouteHead::new("/", "", "Systems & growth"));
        assert!(landing.starts_with("<title data-route-head>Field &quot;Notes&quot;</title>"));
        assert!(!landing.contains("robots"));
        let search = head_tags(
            &site(),
            &RouteHead {
                noindex: true,
                ..RouteHead::new("/search", "Search", "Search.")
            },
        );
        assert!(search.contains("name=\"robots\" content=\"noindex\""));
    }

    #[test]
    fn the_prerendered_body_replaces_the_shell_body() {
        let shell = "<html><head><title>t</title></head><body class=\"x\">\n<noscript>needs JS</noscript>\n</body></html>";
        let page = PrerenderedPage {
            body: "<main><h1>Hi</h1></main>".into(),
            bundles: BTreeMap::from([(
                "/content/index.json".to_string(),
                "{\"a\":\"</script><b>\"}\n".to_string(),
            )]),
        };
        assert_eq!(
            with_body(shell, "/posts/a&b", &page),
            "<html><head><title>t</title></head><body class=\"x\">\n\
             <div id=\"prerendered\" data-path=\"/posts/a&amp;b\"><main><h1>Hi</h1></main></div>\n\
             <script type=\"application/json\" data-bundle=\"/content/index.json\">{\"a\":\"\\u003c/script>\\u003cb>\"}</script>\n\
             </body></html>"
        );
    }

    #[test]
    fn only_calculators_and_search_start_the_app_at_once() {
        for path in ["/calculators/roas", "/calculators/cohort", "/search"] {
            assert!(starts_app_at_once(path), "{path}");
        }
        for path in ["/", "/posts/a", "/calculators", "/topics/x", "/about"] {
            assert!(!starts_app_at_once(path), "{path}");
        }
        let page = PrerenderedPage {
            body: String::new(),
            bundles: BTreeMap::new(),
        };
        let shell = "<html><body></body></html>";
        assert!(with_body(shell, "/calculators/roas", &page).contains("data-start=\"now\""));
        assert!(!with_body(shell, "/posts/a", &page).contains("data-start"));
    }

    #[test]
    fn json_ld_cannot_close_its_script() {
        let route = RouteHead {
            structured: vec![serde_json::json!({"@type": "Thing", "name": "</script><script>x"})],
            ..RouteHead::new("/a", "A", "B")
        };
        let tags = head_tags(&site(), &route);
        assert_eq!(tags.matches("</script>").count(), 1, "{tags}");
    }
}
