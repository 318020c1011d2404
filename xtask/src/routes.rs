//! Every route as a file: `dist/<route>/index.html` is the app's page with
//! that route's head (title, description, canonical URL, OpenGraph and
//! Twitter tags, JSON-LD) and its prerendered body. A static server that
//! does no rewriting then answers a deep link with 200 and the right
//! metadata (crawlers and link previews read it without running the app),
//! and any other path with `404.html` and 404. The routes are the ones the
//! compiler listed (`routes.json`); each head is [`Route::head`], the
//! function the app's pages draw theirs with.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use quire_compiler::cards::{CardStats, CardText};
use quire_model::route::{Head, HeadContent, Route};
use quire_model::structured_data::{absolute_url, to_script_text};
use quire_model::{
    json_in_script, list_bundle_file, page_bundle_file, post_bundle_file, routes_file, ListKey,
    PageBundle, PostIndex, PostList, PrerenderedPage, SiteInfo, EMBEDDED_BUNDLE_ATTRIBUTE,
    PRERENDERED_ID, PRERENDERED_PATH_ATTRIBUTE, ROUTE_HEAD_ATTRIBUTE,
};
use rayon::prelude::*;

/// The site index the build published.
fn read_index(dist: &Path) -> Result<PostIndex> {
    read_json(&dist.join("content/index.json"))
}

/// The routes the compiler listed for the published build.
pub fn read_routes(dist: &Path) -> Result<Vec<Route>> {
    #[derive(serde::Deserialize)]
    struct Build {
        build: String,
    }
    let index: Build = read_json(&dist.join("content/index.json"))?;
    read_json(&dist.join("content").join(routes_file(&index.build)))
}

/// Where a route's page is written: `dist/<path>/index.html`.
pub fn page_file(dist: &Path, route: &Route) -> PathBuf {
    dist.join(route.path().trim_start_matches('/'))
        .join("index.html")
}

/// A route with its head and, if search engines index it, its social card.
pub struct RouteHead {
    pub route: Route,
    pub head: Head,
    pub card: Option<CardText>,
}

/// What a post's head and card read from its bundle; the body is skipped.
#[derive(serde::Deserialize)]
struct PostHeadFields {
    post: quire_model::PostSummary,
    #[serde(default)]
    faq: Vec<quire_model::FaqEntry>,
    #[serde(default)]
    cover: Option<String>,
}

/// Every route's head and card, from the bundles the route shows.
pub fn route_heads(dist: &Path) -> Result<(SiteInfo, Vec<RouteHead>)> {
    let index = read_index(dist)?;
    let content = dist.join("content");
    let build = &index.build;
    let site = index.site.clone();
    let list = |key: ListKey, page: u32| -> Result<PostList> {
        read_json(&content.join(list_bundle_file(build, &key, page)))
    };
    let count = |list: &PostList| match list.total {
        1 => "1 post".to_string(),
        n => format!("{n} posts"),
    };
    let routes: Vec<Route> = read_json(&content.join(routes_file(build)))?;
    // In parallel: a large site has a bundle to read for every post.
    let heads = routes
        .into_par_iter()
        .map(|route| -> Result<RouteHead> {
            // A post's cover is drawn on its card.
            let mut cover = None;
            // The head, and the card's label and meta line.
            let (head, label, meta) = match &route {
                Route::Post { slug } => {
                    let bundle: PostHeadFields =
                        read_json(&content.join(post_bundle_file(build, slug)))?;
                    cover = bundle
                        .cover
                        .as_deref()
                        .and_then(quire_compiler::images::cover_file)
                        .map(|url| dist.join(url.trim_start_matches('/')));
                    let post = &bundle.post;
                    let topic = post
                        .topic
                        .as_deref()
                        .and_then(|t| site.topics.iter().find(|topic| topic.slug == t));
                    let head = route.head(
                        &site,
                        HeadContent::Post {
                            post,
                            faq: &bundle.faq,
                        },
                    );
                    let meta = format!(
                        "{} · {} min read",
                        long_date(&post.date),
                        post.reading_minutes
                    );
                    (head, topic.map_or("Post".into(), |t| t.name.clone()), meta)
                }
                Route::Page { slug } => {
                    let bundle: PageBundle =
                        read_json(&content.join(page_bundle_file(build, slug)))?;
                    let head = route.head(
                        &site,
                        HeadContent::Page {
                            title: &bundle.title,
                            summary: &bundle.summary,
                            faq: &bundle.faq,
                        },
                    );
                    (head, String::new(), String::new())
                }
                Route::Tag { tag, page } => {
                    let list = list(ListKey::Tag(tag.clone()), *page)?;
                    let meta = count(&list);
                    let name = list.tag.unwrap_or_else(|| tag.clone());
                    let head = route.head(&site, HeadContent::Tag { name: &name });
                    (head, "Tag".into(), meta)
                }
                Route::Topic { slug, page } => {
                    let meta = count(&list(ListKey::Topic(slug.clone()), *page)?);
                    (route.head(&site, HeadContent::None), "Topic".into(), meta)
                }
                Route::Archive { page } => {
                    let meta = count(&list(ListKey::All, *page)?);
                    (route.head(&site, HeadContent::None), "Archive".into(), meta)
                }
                Route::Calculator { slug } | Route::EmbeddedCalculator { slug } => {
                    let Some((name, description)) = quire_calc::calculator_summary(slug) else {
                        bail!(
                            "routes.json names a calculator `{slug}` that quire_calc does not have"
                        );
                    };
                    let head = route.head(
                        &site,
                        HeadContent::Calculator {
                            name,
                            description: &description,
                        },
                    );
                    (head, "Calculator".into(), String::new())
                }
                Route::Home => (
                    route.head(&site, HeadContent::None),
                    String::new(),
                    String::new(),
                ),
                Route::Topics | Route::Calculators | Route::Search => (
                    route.head(&site, HeadContent::None),
                    String::new(),
                    String::new(),
                ),
            };
            // The landing page and topics say what they are about under the title.
            let summary = match &route {
                Route::Home => site.tagline.clone(),
                Route::Topic { .. } => head.description.clone(),
                _ => String::new(),
            };
            // A post with its own `social_image` needs no card.
            let card_url = head
                .image
                .as_ref()
                .filter(|image| image.url == absolute_url(&site, &route.card_path()));
            let card = card_url.map(|_| CardText {
                label,
                title: head.shared_title(&site.title).to_string(),
                summary,
                site: site.title.clone(),
                meta,
                cover,
            });
            Ok(RouteHead { route, head, card })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((site, heads))
}

/// `2026-03-14` as `14 March 2026`; anything else as it is.
fn long_date(iso: &str) -> String {
    iso.parse::<jiff::civil::Date>()
        .map(|date| date.strftime("%-d %B %Y").to_string())
        .unwrap_or_else(|_| iso.to_string())
}

/// Draws every indexable route's card into `dist` (`Route::card_path`),
/// reusing the ones already drawn in `cache`.
pub fn write_cards(dist: &Path, heads: &[RouteHead], cache: &Path) -> Result<CardStats> {
    let cards: Vec<(String, CardText)> = heads
        .iter()
        .filter_map(|h| Some((h.route.card_path(), h.card.clone()?)))
        .collect();
    quire_compiler::cards::write_cards(&cards, dist, cache)
        .with_context(|| format!("writing the social cards into {}", dist.display()))
}

/// The tags for a route's head, each marked with [`ROUTE_HEAD_ATTRIBUTE`].
pub fn head_tags(site: &SiteInfo, head: &Head) -> String {
    let mark = ROUTE_HEAD_ATTRIBUTE;
    let shared_title = head.shared_title(&site.title);
    let mut out = format!(
        "<title {mark}>{}</title>\n",
        escape(&head.document_title(&site.title))
    );
    let mut meta = |attribute: &str, name: &str, content: &str| {
        out.push_str(&format!(
            "<meta {mark} {attribute}=\"{name}\" content=\"{}\">\n",
            escape(content)
        ));
    };
    meta("name", "description", &head.description);
    if head.noindex {
        meta("name", "robots", "noindex");
    }
    meta("property", "og:type", head.kind);
    meta("property", "og:title", shared_title);
    meta("property", "og:description", &head.description);
    meta("property", "og:url", &head.canonical);
    meta("property", "og:site_name", &site.title);
    if let Some(image) = &head.image {
        meta("property", "og:image", &image.url);
        meta("property", "og:image:width", &image.width.to_string());
        meta("property", "og:image:height", &image.height.to_string());
        meta("property", "og:image:alt", &image.alt);
        meta("name", "twitter:card", "summary_large_image");
        meta("name", "twitter:image", &image.url);
        meta("name", "twitter:image:alt", &image.alt);
    } else {
        meta("name", "twitter:card", "summary");
    }
    meta("name", "twitter:title", shared_title);
    meta("name", "twitter:description", &head.description);
    out.push_str(&format!(
        "<link {mark} rel=\"canonical\" href=\"{}\">\n",
        escape(&head.canonical)
    ));
    for value in &head.structured {
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
    let start = Route::parse(path).and_then(|route| route.app_start().attribute());
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
    let start = start
        .map(|when| format!(" data-start=\"{when}\""))
        .unwrap_or_default();
    format!(
        "{}\n<div id=\"{PRERENDERED_ID}\" {PRERENDERED_PATH_ATTRIBUTE}=\"{}\"{start}>{}</div>\n{bundles}{}",
        &index_html[..open_end],
        escape(path),
        page.body,
        &index_html[close..]
    )
}

/// `index_html` with a route's head in place of the generic title.
pub fn route_page(index_html: &str, site: &SiteInfo, head: &Head) -> String {
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
    without_title.replacen("</head>", &format!("{}</head>", head_tags(site, head)), 1)
}

/// An embed page: the sites that may frame it, for its script to check,
/// and that script (`assets/embed-frame.js`), which runs before the first
/// paint so a `theme=` never flashes the other theme.
pub fn framed_page(page_html: &str, embed_origins: &[String]) -> String {
    let tags = format!(
        "<meta name=\"quire-embed-origins\" content=\"{}\">\n<script src=\"/{}\"></script>\n",
        escape(&embed_origins.join(" ")),
        crate::deploy::EMBED_FRAME_SCRIPT
    );
    page_html.replacen("</head>", &format!("{tags}</head>"), 1)
}

/// The embed pages of a development build (`trunk serve`, which serves
/// index.html at every address that has no file): index.html with what an
/// embed page adds, so a frame on a local host page sizes itself and
/// credits its leads as it does when deployed. Paths are relative to dist/.
pub fn dev_embed_pages(
    index_html: &str,
    routes: &[Route],
    embed_origins: &[String],
) -> Vec<(PathBuf, String)> {
    // Every embed page of a development build is the same page.
    let page = framed_page(index_html, embed_origins);
    routes
        .iter()
        .filter(|route| route.may_be_framed())
        .map(|route| (page_file(Path::new(""), route), page.clone()))
        .collect()
}

/// Trunk's post-build hook in a development build: the embed scripts and
/// [`dev_embed_pages`] into `staging`. A release build writes its pages
/// after Trunk instead (`deploy`), prerendered.
pub fn write_dev_embed_pages(staging: &Path) -> Result<usize> {
    let index = read_index(staging)?;
    let index_html = std::fs::read_to_string(staging.join("index.html"))
        .context("reading index.html in Trunk's staging directory")?;
    crate::deploy::write_embed_scripts(staging)?;
    let pages = dev_embed_pages(
        &index_html,
        &read_routes(staging)?,
        &index.site.embed_origins,
    );
    for (file, html) in &pages {
        let file = staging.join(file);
        std::fs::create_dir_all(file.parent().unwrap_or(staging))?;
        std::fs::write(&file, html).with_context(|| format!("writing {}", file.display()))?;
    }
    Ok(pages.len())
}

/// `index_html` with its app element (`<template id="quire-app">`, see
/// Trunk.toml) naming the calculators' app in `dist` instead, and the first
/// stage of a shared link (`data-figures-glue`, `data-figures-wasm`) when
/// the build made one; `None` when the build made no calculators' app (the
/// shell is then used as it is).
fn calculators_shell(dist: &Path, index_html: &str) -> Result<Option<String>> {
    let Some((glue, wasm)) = app_files(dist, crate::build::CALCULATORS_APP)? else {
        return Ok(None);
    };
    let shell = with_app_files(index_html, &glue, &wasm)?;
    Ok(Some(match app_files(dist, crate::build::FIGURES_APP)? {
        Some((glue, wasm)) => with_figures_files(&shell, &glue, &wasm)?,
        None => shell,
    }))
}

/// The paths of an app's JS glue and WASM in `dist`, by their name's prefix.
fn app_files(dist: &Path, prefix: &str) -> Result<Option<(String, String)>> {
    let mut glue = None;
    let mut wasm = None;
    for entry in std::fs::read_dir(dist)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if !name.starts_with(prefix) {
            continue;
        }
        if name.ends_with("_bg.wasm") {
            wasm = Some(format!("/{name}"));
        } else if name.ends_with(".js") {
            glue = Some(format!("/{name}"));
        }
    }
    Ok(glue.zip(wasm))
}

/// Adds the first stage's files to the app element (`assets/start.js`
/// loads them on a calculator opened from a link with inputs).
fn with_figures_files(index_html: &str, glue: &str, wasm: &str) -> Result<String> {
    let (_, end) = app_element(index_html)?;
    Ok(format!(
        "{} data-figures-glue=\"{glue}\" data-figures-wasm=\"{wasm}\"{}",
        &index_html[..end],
        &index_html[end..]
    ))
}

/// Where the app element's opening tag starts, and where its `>` is.
fn app_element(index_html: &str) -> Result<(usize, usize)> {
    let start = index_html.find("<template id=\"quire-app\"").context(
        "dist/index.html has no <template id=\"quire-app\"> (Trunk.toml's pattern_preload)",
    )?;
    let end = start
        + index_html[start..]
            .find('>')
            .context("the quire-app template is not closed")?;
    Ok((start, end))
}

/// Points the app element's `data-glue` and `data-wasm` at other files.
fn with_app_files(index_html: &str, glue: &str, wasm: &str) -> Result<String> {
    let (start, end) = app_element(index_html)?;
    let replace = |element: &str, attribute: &str, value: &str| -> Result<String> {
        let marker = format!("{attribute}=\"");
        let from = element
            .find(&marker)
            .with_context(|| format!("the quire-app template has no {attribute}"))?
            + marker.len();
        let to = from
            + element[from..]
                .find('"')
                .with_context(|| format!("{attribute} is not closed"))?;
        Ok(format!("{}{value}{}", &element[..from], &element[to..]))
    };
    let element = replace(&index_html[start..end], "data-glue", glue)?;
    let element = replace(&element, "data-wasm", wasm)?;
    Ok(format!(
        "{}{element}{}",
        &index_html[..start],
        &index_html[end..]
    ))
}

/// A path no route has: the app's not-found page, prerendered for `404.html`.
const NOT_FOUND_PATH: &str = "/__quire/not-found";

/// Writes every route's page into `dist` (the landing page over
/// `index.html`), each with its head and prerendered body, and `404.html`
/// with the prerendered not-found page; returns how many routes.
pub fn write_route_pages(dist: &Path, index_html: &str) -> Result<usize> {
    let (site, heads) = route_heads(dist)?;
    let started = std::time::Instant::now();
    let cache = crate::workspace_root().join("target/quire-cache/cards");
    let cards = write_cards(dist, &heads, &cache)?;
    println!(
        "social cards: {} drawn, {} unchanged (reused from {}) in {} ms",
        cards.drawn,
        cards.reused,
        cache.display(),
        started.elapsed().as_millis()
    );
    let paths: Vec<String> = heads
        .iter()
        .map(|h| h.route.path())
        .chain([NOT_FOUND_PATH.to_string()])
        .collect();
    let bodies = prerender(dist, &paths)?;
    let body_of = |path: &str| {
        bodies
            .get(path)
            .with_context(|| format!("the prerenderer returned no page for {path}"))
    };
    let calculators_html = calculators_shell(dist, index_html)?;
    for RouteHead { route, head, .. } in &heads {
        let path = route.path();
        let shell = match &calculators_html {
            Some(html) if route.has_own_app() => html.as_str(),
            _ => index_html,
        };
        let body = body_of(&path)?;
        // The route type and the app's router must agree on every route.
        if body.body.contains(NOT_FOUND_MARK) {
            bail!("the app drew its not-found page for {path}, a route the compiler published: src/app.rs's router and quire_model::route disagree");
        }
        let file = page_file(dist, route);
        std::fs::create_dir_all(file.parent().unwrap_or(dist))?;
        let mut page = route_page(shell, &site, head);
        if route.may_be_framed() {
            page = framed_page(&page, &site.embed_origins);
        }
        std::fs::write(&file, with_body(&page, &path, body))
            .with_context(|| format!("writing the page of {path}"))?;
    }
    // Served at any address, so never hydrated (the app draws the page
    // for the address it is at and takes over): it embeds no bundles.
    let not_found = PrerenderedPage {
        bundles: BTreeMap::new(),
        ..body_of(NOT_FOUND_PATH)?.clone()
    };
    if !not_found.body.contains(NOT_FOUND_MARK) {
        bail!("the prerendered not-found page lacks its {NOT_FOUND_MARK} mark");
    }
    std::fs::write(
        dist.join("404.html"),
        with_body(index_html, NOT_FOUND_PATH, &not_found),
    )?;
    Ok(heads.len())
}

/// What only the not-found page's body holds (`src/routes/not_found.rs`).
const NOT_FOUND_MARK: &str = "data-testid=\"not-found\"";

/// Each path's page, rendered by the app's own components natively
/// (`src/bin/prerender.rs`, feature `ssr`) from the bundles in `dist`.
fn prerender(dist: &Path, paths: &[String]) -> Result<BTreeMap<String, PrerenderedPage>> {
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

/// Text or an attribute value as HTML.
pub use quire_model::embed::escape_attribute as escape;

pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_calculator_page_names_the_calculators_app() {
        let shell = r#"<head><template id="quire-app" data-glue="/quire-1a.js" data-wasm="/quire-1a_bg.wasm"></template></head>"#;
        assert_eq!(
            with_app_files(
                shell,
                "/quire_calculators-2b.js",
                "/quire_calculators-2b_bg.wasm"
            )
            .unwrap(),
            r#"<head><template id="quire-app" data-glue="/quire_calculators-2b.js" data-wasm="/quire_calculators-2b_bg.wasm"></template></head>"#
        );
        assert!(with_app_files("<head></head>", "/a.js", "/a.wasm").is_err());
        assert_eq!(
            with_figures_files(shell, "/quire_figures-3c.js", "/quire_figures-3c_bg.wasm").unwrap(),
            r#"<head><template id="quire-app" data-glue="/quire-1a.js" data-wasm="/quire-1a_bg.wasm" data-figures-glue="/quire_figures-3c.js" data-figures-wasm="/quire_figures-3c_bg.wasm"></template></head>"#
        );
        assert!(Route::Calculator {
            slug: "roas".into()
        }
        .has_own_app());
        assert!(!Route::Search.has_own_app());
    }

    #[test]
    fn a_development_build_gives_each_embed_route_its_frame_script() {
        let routes = [
            Route::Calculator {
                slug: "roas".into(),
            },
            Route::EmbeddedCalculator {
                slug: "roas".into(),
            },
            Route::EmbeddedCalculator {
                slug: "cohort".into(),
            },
        ];
        let shell = "<html><head><title>quire</title></head><body></body></html>";
        let pages = dev_embed_pages(shell, &routes, &["https://partner.example".into()]);
        let files: Vec<_> = pages.iter().map(|(file, _)| file.clone()).collect();
        assert_eq!(
            files,
            [
                PathBuf::from("embed/calculators/roas/index.html"),
                PathBuf::from("embed/calculators/cohort/index.html"),
            ]
        );
        for (_, html) in &pages {
            assert!(html.contains("<script src=\"/embed-frame.js\"></script>\n</head>"));
            assert!(html.contains(
                "<meta name=\"quire-embed-origins\" content=\"https://partner.example\">"
            ));
        }
    }

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

    fn page_head(title: &str, summary: &str) -> Head {
        Route::Page { slug: "x".into() }.head(
            &site(),
            HeadContent::Page {
                title,
                summary,
                faq: &[],
            },
        )
    }

    #[test]
    fn the_head_replaces_the_title_and_escapes_text() {
        let head = page_head("A <b> & \"c\"", "Why & how");
        let page = route_page(
            "<html><head><title>quire</title><link rel=icon></head><body></body></html>",
            &site(),
            &head,
        );
        assert!(!page.contains("<title>quire</title>"));
        assert!(page.contains(
            "<title data-route-head>A &lt;b&gt; &amp; &quot;c&quot; · Field &quot;Notes&quot;</title>"
        ));
        assert!(
            page.contains("<meta data-route-head name=\"description\" content=\"Why &amp; how\">")
        );
        assert!(page
            .contains("<link data-route-head rel=\"canonical\" href=\"https://notes.example/x\">"));
        assert!(page.find("data-route-head").unwrap() < page.find("</head>").unwrap());
    }

    #[test]
    fn the_landing_page_is_titled_by_the_site_and_search_is_not_indexed() {
        let landing = head_tags(&site(), &Route::Home.head(&site(), HeadContent::None));
        assert!(landing.starts_with("<title data-route-head>Field &quot;Notes&quot;</title>"));
        assert!(!landing.contains("robots"));
        let search = head_tags(&site(), &Route::Search.head(&site(), HeadContent::None));
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
    fn pages_that_start_the_app_before_intent_say_so() {
        let page = PrerenderedPage {
            body: String::new(),
            bundles: BTreeMap::new(),
        };
        let shell = "<html><body></body></html>";
        for path in ["/embed/calculators/roas", "/search"] {
            assert!(
                with_body(shell, path, &page).contains("data-start=\"now\""),
                "{path}"
            );
        }
        assert!(with_body(shell, "/calculators/roas", &page).contains("data-start=\"with-query\""));
        for path in ["/posts/a", "/calculators", "/"] {
            assert!(
                !with_body(shell, path, &page).contains("data-start"),
                "{path}"
            );
        }
    }

    #[test]
    fn json_ld_cannot_close_its_script() {
        let mut head = page_head("A", "B");
        head.structured = vec![serde_json::json!({"@type": "Thing", "name": "</script><script>x"})];
        let tags = head_tags(&site(), &head);
        assert_eq!(tags.matches("</script>").count(), 1, "{tags}");
    }
}
