//! Prerendering (feature `ssr`): a route of the built site rendered to HTML
//! natively, by the same components the browser runs, with the bundles read
//! from disk. The release build puts the result in each route's
//! `index.html`, so the page is readable before (and without) the app.

use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;

use quire_model::PrerenderedPage;

use crate::api::take_bundles_read;
use crate::{App, CalculatorsApp};

pub use crate::api::prerender_from;

/// The page at `path` (e.g. `/posts/x`): its body, and the bundles it was
/// drawn from (read from the site given to [`prerender_from`]), which the
/// page embeds so the browser hydrates it without fetching them again.
pub fn render(path: &str) -> PrerenderedPage {
    take_bundles_read();
    let owner = Owner::new();
    let html = owner.with(|| {
        provide_context(RequestUrl::new(path));
        // The head of each route is written by the build from the bundles
        // (xtask/src/routes.rs); what the components add to it is not needed.
        let (meta, _head) = ServerMetaContext::new();
        provide_context(meta);
        // A calculator page is hydrated by the calculators' own app, so
        // that app draws it.
        let own_app = quire_model::route::Route::parse(path).is_some_and(|r| r.has_own_app());
        if own_app {
            view! { <CalculatorsApp /> }.to_html()
        } else {
            view! { <App /> }.to_html()
        }
    });
    drop(owner);
    PrerenderedPage {
        body: html,
        bundles: take_bundles_read(),
    }
}
