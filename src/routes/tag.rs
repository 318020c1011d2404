use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use quire_model::route::{HeadContent, Route};
use quire_model::ListKey;

use crate::components::page_meta::route_meta;
use crate::components::post_listing::{post_listing, use_page_param};
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
            let ListKey::Tag(slug) = key.clone() else {
                unreachable!("the tag route lists tags")
            };
            let name = list.tag.clone().unwrap_or_else(|| slug.clone());
            let heading = format!("Posts tagged “{name}”");
            let route = Route::Tag {
                tag: slug,
                page: list.page,
            };
            view! {
                {route_meta(route, HeadContent::Tag { name: &name })}
                <header class="listing-header">
                    <p class="kicker">"Tag"</p>
                    <h1>{heading}</h1>
                    <p class="listing-count">{post_count(list.total)}</p>
                </header>
            }
        },
    )
}
