use leptos::prelude::*;

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
    let here = current_address();
    if here.is_some() && here == crate::boot::document_address() {
        return view! { <NotFoundPage /> }.into_any();
    }
    Effect::new(move |_| {
        let location = window().location();
        if let Ok(address) = location.href() {
            let _ = location.replace(&address);
        }
    });
    ().into_any()
}

/// The path and query the browser is at, when there is a browser.
fn current_address() -> Option<String> {
    #[cfg(feature = "ssr")]
    return None;
    #[cfg(not(feature = "ssr"))]
    {
        let location = window().location();
        Some(format!(
            "{}{}",
            location.pathname().ok()?,
            location.search().ok()?
        ))
    }
}
