use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use quire_model::route::{HeadContent, Route};
use quire_model::ListKey;

use crate::components::page_meta::route_meta;
use crate::components::post_listing::{post_listing, use_page_param};
use crate::format::post_count;
use crate::site_index::SiteIndex;

/// `/topics/:slug` and `/topics/:slug/page/:page`: one topic's posts.
#[component]
pub fn TopicPage() -> impl IntoView {
    let index = expect_context::<SiteIndex>();
    let params = use_params_map();
    let page = use_page_param();
    let slug = move || params.read().get("slug").unwrap_or_default();
    post_listing(
        move || (ListKey::Topic(slug()), page()),
        move |key, list| {
            let ListKey::Topic(slug) = key.clone() else {
                unreachable!("the topic route lists topics")
            };
            let topic = index.topic(&slug);
            let route = Route::Topic {
                slug: slug.clone(),
                page: list.page,
            };
            let name = topic.as_ref().map_or(slug, |t| t.name.clone());
            let description = topic.map(|t| t.description).unwrap_or_default();
            view! {
                {route_meta(route, HeadContent::None)}
                <header class="listing-header">
                    <p class="kicker"><a href="/topics">"Topics"</a></p>
                    <h1>{name}</h1>
                    <p class="listing-description">{description}</p>
                    <p class="listing-count">{post_count(list.total)}</p>
                </header>
            }
        },
    )
}
