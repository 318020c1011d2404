use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::api::ApiError;
use crate::app::SiteIndex;
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::components::post_list::PostList;

/// `/`: the site's tagline and its latest posts.
#[component]
pub fn HomePage() -> impl IntoView {
    let SiteIndex(index) = expect_context::<SiteIndex>();
    let retry = Callback::new(move |()| index.refetch());

    move || match index.get() {
        None => view! { <Loading label="Loading posts" lines=6 /> }.into_any(),
        Some(Ok(index)) => view! {
            <Title text="" />
            <Meta name="description" content=index.site.tagline.clone() />
            <section class="intro">
                <h1>{index.site.title}</h1>
                <p class="tagline">{index.site.tagline}</p>
            </section>
            <section aria-labelledby="latest-heading">
                <h2 id="latest-heading" class="section-heading">"Latest posts"</h2>
                <PostList posts=index.latest />
            </section>
        }
        .into_any(),
        Some(Err(error @ ApiError::NotFound)) | Some(Err(error)) => {
            view! { <ErrorView error on_retry=retry /> }.into_any()
        }
    }
}
