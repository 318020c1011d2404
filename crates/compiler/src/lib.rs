//! quire's content compiler: `quire.toml` and `content/posts/*.md` in, JSON
//! bundles out.
//!
//! Reading is split from parsing so every step can be tested on strings:
//! [`document::parse_post`] turns one file's text into a [`document::Document`],
//! [`compile_site`] reads a site directory and gathers *every* problem before
//! failing, and [`output::write_bundles`] replaces the output directory in one
//! step, so a failed build never leaves a partial tree behind.

pub mod blocks;
pub mod bundles;
pub mod cards;
pub mod config;
pub mod diagnostics;
mod dialect;
pub mod document;
pub mod feeds;
pub mod front_matter;
pub mod highlight;
pub mod images;
pub mod import;
pub mod markdown;
pub mod math;
pub mod output;
pub mod routes;
pub mod search;
pub mod suggest;

use std::path::{Path, PathBuf};

use std::collections::HashMap;

use quire_model::{PageBundle, PostBundle, PostIndex, SCHEMA_VERSION};

use crate::document::{Document, DocumentKind};

pub use diagnostics::{Diagnostic, Diagnostics};
pub use output::{
    copy_public, write_bundles, write_bundles_with, write_site, write_site_with, ContentStore,
    WriteStats,
};

/// Route segments a standalone page cannot take: the app's own routes.
pub use quire_model::route::RESERVED_SEGMENTS as RESERVED_PAGE_SLUGS;

/// What a compile run includes.
#[derive(Debug, Clone, Copy)]
pub struct CompileOptions {
    /// Include drafts and scheduled posts, marked (development builds only).
    pub include_drafts: bool,
    /// The build's clock: posts whose `publish_at` is later are scheduled.
    pub now: jiff::Timestamp,
}

impl Default for CompileOptions {
    fn default() -> Self {
        Self {
            include_drafts: false,
            now: jiff::Timestamp::now(),
        }
    }
}

/// Everything a compile run produces, held in memory until it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledSite {
    pub index: PostIndex,
    pub posts: Vec<PostBundle>,
    pub pages: Vec<PageBundle>,
    /// Paginated lists: all posts, by topic, by tag.
    pub lists: Vec<(quire_model::ListKey, quire_model::PostList)>,
    /// Every route this build publishes (written as `routes.json`).
    pub routes: Vec<quire_model::route::Route>,
    /// Old addresses and the routes they moved to (`redirects.json`).
    pub redirects: Vec<quire_model::redirect::Redirect>,
    /// Files for the site root: feeds, sitemap, robots.txt.
    pub root_files: Vec<(&'static str, String)>,
    /// The raster images posts and pages show, by URL: the variants to
    /// encode ([`images::encode_variants`]) and copy beside the bundles.
    pub images: Vec<images::SourceImage>,
    /// The search index: manifest, chunks and filter lists, fragments.
    pub search: quire_search::index::BuiltIndex,
    /// Things worth fixing that did not stop the build, e.g. a post with no summary.
    pub warnings: Diagnostics,
    /// How long each step of the compile took, in order (for the benchmark).
    pub phases: Vec<(&'static str, std::time::Duration)>,
}

/// Compiles the site rooted at `site_dir` (its `quire.toml` and `content/`).
///
/// Returns every problem found across all files, not just the first.
pub fn compile_site(site_dir: &Path, options: CompileOptions) -> Result<CompiledSite, Diagnostics> {
    let mut problems = Diagnostics::default();
    let mut phases = Vec::new();
    let mut lap = std::time::Instant::now();
    let mut phase = |name: &'static str| {
        let now = std::time::Instant::now();
        phases.push((name, now - lap));
        lap = now;
    };

    let config_path = site_dir.join(config::CONFIG_FILE);
    let site = match std::fs::read_to_string(&config_path) {
        Ok(text) => config::parse_config(&config_path, &text)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Diagnostic::new(
                &config_path,
                1,
                1,
                "there is no site configuration here",
                "run from the site's directory (or pass --site DIR), or create quire.toml with `[site]` and `title = \"…\"`",
            )
            .into())
        }
        Err(e) => return Err(Diagnostic::io(&config_path, &e).into()),
    };

    let content = site_dir.join("content");
    let mut posts = read_documents(&content.join("posts"), DocumentKind::Post, &mut problems);
    let mut pages = read_documents(&content.join("pages"), DocumentKind::Page, &mut problems);
    phase("read and render");
    check_unique_slugs(&posts, "post", &mut problems);
    check_unique_slugs(&pages, "page", &mut problems);
    for page in pages
        .iter()
        .filter(|p| RESERVED_PAGE_SLUGS.contains(&p.summary.slug.as_str()))
    {
        problems.push(Diagnostic::new(
            &page.path,
            page.slug_line,
            1,
            format!(
                "the page slug `{}` is one of the site's own routes",
                page.summary.slug
            ),
            "rename the file or set another `slug:`",
        ));
    }
    for post in &posts {
        if let Some(topic) = post.summary.topic.as_deref().filter(|t| !site.has_topic(t)) {
            let known = site.topics.iter().map(|t| t.slug.as_str());
            let fix = match suggest::closest(topic, known) {
                Some(close) => {
                    format!("did you mean `{close}`? Topics are the [[topics]] of quire.toml")
                }
                None => {
                    "add it as a [[topics]] entry in quire.toml, or use one that is there".into()
                }
            };
            problems.push(Diagnostic::new(
                &post.path,
                post.topic_line,
                1,
                format!("unknown topic `{topic}`"),
                fix,
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut warnings = Diagnostics(
        posts
            .iter_mut()
            .chain(pages.iter_mut())
            .flat_map(|doc| std::mem::take(&mut doc.warnings))
            .collect(),
    );

    for post in &mut posts {
        post.summary.scheduled = post.publish_at.is_some_and(|t| t > options.now);
    }
    posts.retain(|p| options.include_drafts || !(p.summary.draft || p.summary.scheduled));
    pages.retain(|p| options.include_drafts || !p.summary.draft);
    // Newest first; the slug breaks ties so output is deterministic.
    posts.sort_by(|a, b| {
        b.summary
            .date
            .cmp(&a.summary.date)
            .then_with(|| a.summary.slug.cmp(&b.summary.slug))
    });
    let summaries: Vec<quire_model::PostSummary> =
        posts.iter().map(|p| p.summary.clone()).collect();
    let lists = bundles::lists(&summaries, site.topics.iter().map(|t| t.slug.as_str()));
    let page_slugs: Vec<String> = pages.iter().map(|p| p.summary.slug.clone()).collect();
    let site_routes = routes::site_routes(
        &summaries,
        &page_slugs,
        &lists,
        quire_calc::all_calculators().map(|(slug, _)| slug),
    );

    let mut problems = check_internal_links(site_dir, &site, &site_routes, &posts, &pages)
        .err()
        .unwrap_or_default();
    problems.extend(
        check_images(site_dir, posts.iter().chain(&pages))
            .err()
            .unwrap_or_default(),
    );
    for page in &pages {
        if let Some((_, line)) = &page.social_image {
            problems.push(Diagnostic::new(
                &page.path,
                *line,
                1,
                "`social_image` is for posts",
                "remove it: link previews of a page show its drawn card",
            ));
        }
    }
    for post in &mut posts {
        match social_image(site_dir, post) {
            Ok(image) => post.summary.social_image = image,
            Err(problem) => problems.push(problem),
        }
    }
    let documents = posts
        .iter()
        .map(|p| {
            let slug = p.summary.slug.clone();
            (p, quire_model::route::Route::Post { slug })
        })
        .chain(pages.iter().map(|p| {
            let slug = p.summary.slug.clone();
            (p, quire_model::route::Route::Page { slug })
        }));
    let redirects = routes::redirects(documents, &site_routes, &site_dir.join("public"))
        .unwrap_or_else(|errors| {
            problems.extend(errors);
            Vec::new()
        });
    let sources = read_image_sources(site_dir, posts.iter().chain(&pages), &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    phase("lists, routes and checks");
    for doc in posts.iter_mut().chain(pages.iter_mut()) {
        let cover = doc
            .cover
            .as_ref()
            .map(|(url, line)| (sources.get(url), url, *line));
        if let Some((None, url, line)) = cover {
            warnings.push(Diagnostic::new(
                &doc.path,
                line,
                1,
                format!("the cover `{url}` is not a PNG, JPEG or WebP in public/, so it is not shown"),
                "save the cover in public/ as PNG, JPEG or WebP and write its path, e.g. `cover: /images/cover.jpg`",
            ));
        }
        let cover = cover.and_then(|(source, ..)| source);
        doc.cover_picture = cover.map(|source| images::cover_html(&source.picture(&doc.cover_alt)));
        if doc.images.iter().any(|(url, _)| sources.contains_key(url)) {
            doc.html = images::rewrite_html(&doc.html, &sources, cover.is_none());
        }
    }
    let mut images: Vec<images::SourceImage> = sources.into_values().collect();
    images.sort_by(|a, b| a.url.cmp(&b.url));

    let index = PostIndex {
        schema: SCHEMA_VERSION,
        site: site.to_info(|slug| {
            summaries
                .iter()
                .filter(|p| p.topic.as_deref() == Some(slug))
                .count() as u32
        }),
        featured: summaries.iter().find(|p| p.featured).cloned(),
        latest: summaries
            .iter()
            .take(quire_model::LATEST_POSTS)
            .cloned()
            .collect(),
        total_posts: summaries.len() as u32,
        build: String::new(),
    };
    phase("images");
    let search = search::index(&site, &posts, &pages);
    phase("search index");
    let posts = bundles::post_bundles(posts);
    let pages: Vec<PageBundle> = pages
        .into_iter()
        .map(|p| PageBundle {
            schema: SCHEMA_VERSION,
            slug: p.summary.slug,
            title: p.summary.title,
            summary: p.summary.summary,
            draft: p.summary.draft,
            toc: p.toc,
            html: p.html,
            faq: p.faq,
            calculators: p.calculators,
            cover: p.cover_picture,
        })
        .collect();
    let mut index = index;
    index.build = bundles::build_id(&posts, &pages, &lists);
    phase("bundles and build id");
    let root_files = feeds::root_files(&index.site, &posts, &site_routes, &site.feed);
    phase("feeds and sitemap");
    Ok(CompiledSite {
        index,
        posts,
        pages,
        lists,
        routes: site_routes,
        redirects,
        images,
        root_files,
        search,
        warnings,
        phases,
    })
}

/// Files the build writes at the site root, which content may link to.
const ROOT_FILES: [&str; 4] = ["/feed.xml", "/atom.xml", "/sitemap.xml", "/robots.txt"];

/// Every link to a path on this site must lead to something this build
/// publishes: one of its routes, a root file or a file in `public/`.
fn check_internal_links(
    site_dir: &Path,
    config: &config::SiteConfig,
    site_routes: &[quire_model::route::Route],
    posts: &[Document],
    pages: &[Document],
) -> Result<(), Diagnostics> {
    let post_slugs: std::collections::HashSet<&str> =
        posts.iter().map(|p| p.summary.slug.as_str()).collect();
    let published: std::collections::HashSet<&quire_model::route::Route> =
        site_routes.iter().collect();
    let leads_somewhere = |url: &str| {
        if quire_model::route::Route::parse(url).is_some_and(|route| published.contains(&route)) {
            return true;
        }
        let path = url.split(['#', '?']).next().unwrap_or(url);
        ROOT_FILES.contains(&path)
            || site_dir
                .join("public")
                .join(path.trim_start_matches('/'))
                .is_file()
    };
    let mut problems = Diagnostics::default();
    let config_path = site_dir.join(config::CONFIG_FILE);
    for url in config.menu_paths().filter(|url| !leads_somewhere(url)) {
        // Read again only to point at the line: this is the error path.
        let text = std::fs::read_to_string(&config_path).unwrap_or_default();
        problems.push(Diagnostic::new(
            &config_path,
            diagnostics::line_of(&text, &format!("\"{url}\"")),
            1,
            format!("the menu link `{url}` leads nowhere on this site"),
            "link to a page (`/slug`), a post, a topic, or a calculator",
        ));
    }
    for doc in posts.iter().chain(pages) {
        for (url, line) in doc
            .internal_links
            .iter()
            .filter(|(url, _)| !leads_somewhere(url))
        {
            let fix = match url.strip_prefix("/posts/").map(|s| s.trim_end_matches('/')) {
                Some(slug) => match suggest::closest(slug, post_slugs.iter().copied()) {
                    Some(close) => format!("did you mean `/posts/{close}`? (drafts and scheduled posts only exist in development builds)"),
                    None => "fix the slug, or remove the link; drafts and scheduled posts only exist in development builds".into(),
                },
                None => "link to a post (`/posts/slug`), a page (`/slug`), a calculator, or a file in public/".into(),
            };
            problems.push(Diagnostic::new(
                &doc.path,
                *line,
                1,
                format!("the link `{url}` leads nowhere on this site"),
                fix,
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Every image must be a file in `public/` (written `/path`) or an absolute URL.
/// A post's `social_image` with its size, read from the file's header
/// (its existence was checked with the other images). Link previews want
/// a large landscape image: 1200×630 is what the drawn cards use.
fn social_image(
    site_dir: &Path,
    post: &Document,
) -> Result<Option<quire_model::ImageFile>, Diagnostic> {
    let Some((path, line)) = &post.social_image else {
        return Ok(None);
    };
    let problem = |message: String| {
        Diagnostic::new(
            &post.path,
            *line,
            1,
            message,
            "use a PNG, JPEG or WebP in public/, written from the site root, e.g. `/images/launch-card.png` (1200×630 is best)",
        )
    };
    let Some(relative) = path.strip_prefix('/') else {
        return Err(problem(format!(
            "`social_image: {path}` is not a path from the site root"
        )));
    };
    let size = imagesize::size(site_dir.join("public").join(relative))
        .map_err(|e| problem(format!("the size of `{path}` cannot be read ({e})")))?;
    Ok(Some(quire_model::ImageFile {
        path: path.clone(),
        width: size.width as u32,
        height: size.height as u32,
    }))
}

/// The header and hash of every raster image in `public/` that `documents`
/// show (files that do not exist are [`check_images`]' to report), read in
/// parallel; a file that cannot be read is a problem at each line showing it.
fn read_image_sources<'a>(
    site_dir: &Path,
    documents: impl Iterator<Item = &'a Document>,
    problems: &mut Diagnostics,
) -> std::collections::HashMap<String, images::SourceImage> {
    use rayon::prelude::*;
    let public = site_dir.join("public");
    let mut shown: std::collections::BTreeMap<&str, Vec<(&Path, usize)>> = Default::default();
    for doc in documents {
        for (url, line) in &doc.images {
            // Link previews fetch a social image as it is.
            if doc.social_image.as_ref() == Some(&(url.clone(), *line)) {
                continue;
            }
            let path = url.split(['#', '?']).next().unwrap_or(url);
            if path.starts_with('/')
                && !path.starts_with("//")
                && public.join(path.trim_start_matches('/')).is_file()
            {
                shown.entry(url).or_default().push((&doc.path, *line));
            }
        }
    }
    let read: Vec<_> = shown
        .par_iter()
        .map(|(url, _)| images::read_source(&public, url))
        .collect();
    let mut sources = std::collections::HashMap::new();
    for ((url, places), result) in shown.iter().zip(read) {
        match result {
            Ok(Some(source)) => {
                sources.insert(url.to_string(), source);
            }
            Ok(None) => {}
            Err(message) => {
                for (path, line) in places {
                    problems.push(Diagnostic::new(
                        path,
                        *line,
                        1,
                        &message,
                        "save it again as PNG, JPEG or WebP, or fix the path",
                    ));
                }
            }
        }
    }
    sources
}

fn check_images<'a>(
    site_dir: &Path,
    documents: impl Iterator<Item = &'a Document>,
) -> Result<(), Diagnostics> {
    let public = site_dir.join("public");
    let mut problems = Diagnostics::default();
    for doc in documents {
        for (url, line) in &doc.images {
            let lower = url.to_ascii_lowercase();
            if lower.starts_with("https://")
                || lower.starts_with("http://")
                || url.starts_with("//")
            {
                continue;
            }
            let path = url.split(['#', '?']).next().unwrap_or(url);
            let (message, fix) = if let Some(relative) = path.strip_prefix('/') {
                if public.join(relative).is_file() {
                    continue;
                }
                (
                    format!("the image `{url}` does not exist"),
                    format!("put the file at public/{relative}, or fix the path"),
                )
            } else if lower.starts_with("data:") {
                (
                    "inline `data:` images are removed by the sanitizer".to_string(),
                    "save the image in public/ and write its path, e.g. `/images/diagram.png`"
                        .to_string(),
                )
            } else {
                (
                    format!("the image `{url}` is a relative path, which breaks on other routes"),
                    format!(
                        "put it in public/ and write it from the site root, e.g. `/images/{}`",
                        path.rsplit('/').next().unwrap_or(path)
                    ),
                )
            };
            problems.push(Diagnostic::new(&doc.path, *line, 1, message, fix));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Every Markdown document in `dir`, parsed in parallel; problems are
/// collected in file order, not returned early.
fn read_documents(dir: &Path, kind: DocumentKind, problems: &mut Diagnostics) -> Vec<Document> {
    use rayon::prelude::*;
    let parsed: Vec<Result<Document, Diagnostics>> = markdown_files(dir, problems)
        .par_iter()
        .map(|path| match std::fs::read_to_string(path) {
            Ok(text) => document::parse_document(path, &text, kind),
            Err(e) => Err(Diagnostic::io(path, &e).into()),
        })
        .collect();
    let mut documents = Vec::with_capacity(parsed.len());
    for result in parsed {
        match result {
            Ok(document) => documents.push(document),
            Err(found) => problems.extend(found),
        }
    }
    documents
}

/// Two documents with one slug would overwrite each other's bundle.
fn check_unique_slugs(documents: &[Document], noun: &str, problems: &mut Diagnostics) {
    let mut first_of: HashMap<&str, &Path> = HashMap::new();
    for doc in documents {
        match first_of.get(doc.summary.slug.as_str()) {
            Some(first) => problems.push(Diagnostic::new(
                &doc.path,
                doc.slug_line,
                1,
                format!(
                    "the {noun} slug `{}` is already used by {}",
                    doc.summary.slug,
                    first.display()
                ),
                "give one of them another file name or `slug:`",
            )),
            None => {
                first_of.insert(&doc.summary.slug, &doc.path);
            }
        }
    }
}

/// The `.md` files directly inside `dir`, sorted so runs are reproducible.
fn markdown_files(dir: &Path, problems: &mut Diagnostics) -> Vec<PathBuf> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            problems.push(Diagnostic::io(dir, &e));
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    files.sort();
    files
}
