use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::routes::not_found::NotFoundPage;

/// A route the running app does not draw because another app serves its
/// page (the whole site's app and the calculators' own, see
/// `src/calculators_app.rs`): the browser loads the page from the server,
/// replacing the history entry the router has just made for it. If the
/// server already answered this very address with this app (a host's
/// `404.html` for an unknown calculator), there is no such page: loading it
/// again would loop, so it is not found.
#[component]
pub fn LoadFromServer() -> impl IntoView {
    // The router's address, not the window's: while the router draws the
    // new route, the address bar may still show the page it came from.
    let location = use_location();
    // The router keeps the query without its `?`, the browser with it.
    let query = location.search.get_untracked();
    let here = if query.is_empty() {
        location.pathname.get_untracked()
    } else {
        format!("{}?{query}", location.pathname.get_untracked())
    };
    if crate::boot::document_address().is_none_or(|loaded| loaded == here) {
        return view! { <NotFoundPage /> }.into_any();
    }
    let address = format!("{here}{}", location.hash.get_untracked());
    Effect::new(move |_| {
        let _ = window().location().replace(&address);
    });
    ().into_any()
}
