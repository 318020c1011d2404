use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::page_meta::Description;
use quire_model::ListKey;

use crate::components::post_listing::{listing_title, post_listing, use_page_param};
use crate::format::post_count;

/// `/posts` and `/posts/page/:page`: every post, newest first.
#[component]
pub fn ArchivePage() -> impl IntoView {
    let page = use_page_param();
    post_listing(
        move || (ListKey::All, page()),
        |_, list| {
            view! {
                <Title text=listing_title("All posts", list.page) />
                <Description content="Every post, newest first." />
                <header class="listing-header">
                    <h1>"All posts"</h1>
                    <p class="listing-count">{post_count(list.total)}</p>
                </header>
            }
        },
    )
}
