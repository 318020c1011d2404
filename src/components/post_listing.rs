use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use quire_model::{ListKey, PostList};

use crate::api;
use crate::components::bundle_view::bundle_view;
use crate::components::pagination::Pagination;
use crate::components::post_cards::PostCards;
use crate::pagination::parse_page;

/// The page number of a listing route: 1 without a `/page/:page` segment,
/// 0 (which no list has, so "not found") for a segment that is not a number.
pub fn use_page_param() -> impl Fn() -> u32 + Copy + 'static {
    let params = use_params_map();
    move || {
        params
            .read()
            .get("page")
            .map_or(1, |segment| parse_page(&segment).unwrap_or(0))
    }
}

/// One page of a paginated listing (all posts, a topic's, a tag's): the
/// header `render_header` draws from the loaded list, the posts, and links
/// to the other pages.
pub fn post_listing<H, V>(
    key: impl Fn() -> (ListKey, u32) + 'static,
    render_header: H,
) -> impl IntoView
where
    H: Fn(&ListKey, &PostList) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    bundle_view(
        "Loading posts",
        key,
        |build, (key, page)| async move {
            api::fetch_list(build, key.clone(), page)
                .await
                .map(|list| (key, list))
        },
        move |(key, list): (ListKey, PostList)| {
            let header = render_header(&key, &list);
            view! {
                <section class="listing" data-testid="listing">
                    {header}
                    <PostCards posts=list.posts level=2 />
                    <Pagination key current=list.page total=list.pages />
                </section>
            }
        },
    )
}

/// `Title` text for page `page` of a listing called `name`.
pub fn listing_title(name: &str, page: u32) -> String {
    if page > 1 {
        format!("{name} (page {page})")
    } else {
        name.to_string()
    }
}
