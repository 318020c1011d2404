use leptos::prelude::*;
use quire_model::route::{HeadContent, Route};
use quire_model::ListKey;

use crate::components::page_meta::route_meta;
use crate::components::post_listing::{post_listing, use_page_param};
use crate::format::post_count;

/// `/posts` and `/posts/page/:page`: every post, newest first.
#[component]
pub fn ArchivePage() -> impl IntoView {
    let page = use_page_param();
    post_listing(
        move || (ListKey::All, page()),
        |_, list| {
            view! {
                {route_meta(Route::Archive { page: list.page }, HeadContent::None)}
                <header class="listing-header">
                    <h1>"All posts"</h1>
                    <p class="listing-count">{post_count(list.total)}</p>
                </header>
            }
        },
    )
}
