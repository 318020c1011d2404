use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::page_meta::Description;
use leptos_router::hooks::use_params_map;
use quire_model::ListKey;

use crate::components::post_listing::{listing_title, post_listing, use_page_param};
use crate::format::post_count;

/// `/tags/:tag` and `/tags/:tag/page/:page`: the posts with one tag.
#[component]
pub fn TagPage() -> impl IntoView {
    let params = use_params_map();
    let page = use_page_param();
    let tag = move || params.read().get("tag").unwrap_or_default();
    post_listing(
        move || (ListKey::Tag(tag()), page()),
        move |key, list| {
            let name = list.tag.clone().unwrap_or_else(|| match key {
                ListKey::Tag(slug) => slug.clone(),
                _ => String::new(),
            });
            let heading = format!("Posts tagged “{name}”");
            view! {
                <Title text=listing_title(&heading, list.page) />
                <Description content=format!("Every post about {name}, newest first.") />
                <header class="listing-header">
                    <p class="kicker">"Tag"</p>
                    <h1>{heading}</h1>
                    <p class="listing-count">{post_count(list.total)}</p>
                </header>
            }
        },
    )
}
