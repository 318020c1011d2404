//! The routes this build publishes: every page of the site as a
//! [`Route`], from the posts, pages and list bundles. The sitemap, the link
//! checks and the build's route pages all read this one list.

use quire_model::route::Route;
use quire_model::{ListKey, PostList, PostSummary};

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
    routes.extend(calculators.map(|slug| Route::Calculator { slug: slug.into() }));
    routes.push(Route::Search);
    routes
}
