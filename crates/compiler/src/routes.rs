//! The routes this build publishes: every page of the site as a
//! [`Route`], from the posts, pages and list bundles. The sitemap, the link
//! checks and the build's route pages all read this one list. Beside it,
//! the redirects from old addresses (`aliases`) to those routes.

use std::path::Path;

use quire_model::redirect::{same_address, Redirect};
use quire_model::route::Route;
use quire_model::{ListKey, PostList, PostSummary, CONTENT_DIR};

use crate::document::Document;
use crate::{Diagnostic, Diagnostics};

/// Every route, landing page first; paginated listings once per page.
pub fn site_routes(
    posts: &[PostSummary],
    page_slugs: &[String],
    lists: &[(ListKey, PostList)],
    calculators: impl Iterator<Item = &'static str>,
) -> Vec<Route> {
    let mut routes = vec![Route::Home, Route::Topics];
    routes.extend(
        lists
            .iter()
            .map(|(key, list)| Route::listing(key, list.page)),
    );
    routes.extend(posts.iter().map(|p| Route::Post {
        slug: p.slug.clone(),
    }));
    routes.extend(
        page_slugs
            .iter()
            .map(|slug| Route::Page { slug: slug.clone() }),
    );
    routes.push(Route::Calculators);
    let calculators: Vec<&str> = calculators.collect();
    routes.extend(calculators.iter().map(|slug| Route::Calculator {
        slug: (*slug).into(),
    }));
    routes.extend(calculators.iter().map(|slug| Route::EmbeddedCalculator {
        slug: (*slug).into(),
    }));
    routes.push(Route::Search);
    routes
}

/// Files at the site root that no alias may take.
const ROOT_FILES: [&str; 10] = [
    "index.html",
    "404.html",
    "feed.xml",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
    "_headers",
    "_redirects",
    "favicon.svg",
    "favicon.png",
];

/// The redirects from each document's `aliases` to its route. An alias
/// that is the address of a route, a file the site publishes (`public/`,
/// feeds, bundles) or another document's alias is an error at the
/// document's `aliases` line: the old address would answer with the wrong
/// page, or with two.
pub fn redirects<'a>(
    documents: impl Iterator<Item = (&'a Document, Route)>,
    routes: &[Route],
    public_dir: &Path,
) -> Result<Vec<Redirect>, Diagnostics> {
    let mut problems = Diagnostics::default();
    let mut redirects: Vec<Redirect> = Vec::new();
    for (document, to) in documents {
        for alias in &document.aliases {
            let taken_by = if let Some(route) = Route::parse(alias).filter(|r| routes.contains(r)) {
                Some(format!("the address of {}", route.path()))
            } else if let Some(other) = redirects.iter().find(|r| same_address(&r.from, alias)) {
                Some(format!("already an alias of {}", other.to.path()))
            } else if alias.trim_start_matches('/').split('/').next() == Some(CONTENT_DIR)
                || ROOT_FILES.contains(&alias.trim_start_matches('/'))
            {
                Some("a file the build writes".to_string())
            } else {
                public_dir
                    .join(alias.trim_start_matches('/'))
                    .is_file()
                    .then(|| format!("a file in public/ ({alias})"))
            };
            match taken_by {
                Some(taken_by) => problems.push(Diagnostic::new(
                    &document.path,
                    document.aliases_line,
                    1,
                    format!("the alias `{alias}` is {taken_by}"),
                    "remove it from `aliases`: that address already shows something",
                )),
                None => redirects.push(Redirect {
                    from: alias.clone(),
                    to: to.clone(),
                    title: document.summary.title.clone(),
                }),
            }
        }
    }
    if problems.is_empty() {
        Ok(redirects)
    } else {
        Err(problems)
    }
}
