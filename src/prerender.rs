//! Prerendering (feature `ssr`): a route of the built site rendered to HTML
//! natively, by the same components the browser runs, with the bundles read
//! from disk. The release build puts the result in each route's
//! `index.html`, so the page is readable before (and without) the app.

use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;

use crate::App;

pub use crate::api::prerender_from;

/// The body of the page at `path` (e.g. `/posts/x`), its bundles read from
/// the site given to [`prerender_from`].
pub fn render(path: &str) -> String {
    let owner = Owner::new();
    let html = owner.with(|| {
        provide_context(RequestUrl::new(path));
        // The head of each route is written by the build from the bundles
        // (xtask/src/routes.rs); what the components add to it is not needed.
        let (meta, _head) = ServerMetaContext::new();
        provide_context(meta);
        view! { <App /> }.to_html()
    });
    drop(owner);
    html
}
