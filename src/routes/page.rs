use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use quire_model::PageBundle;

use crate::api::{self, ApiError};
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::routes::not_found::NotFoundPage;

/// `/:page`: a standalone page (case studies, FAQ) from `content/pages/`.
#[component]
pub fn StandalonePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("page").unwrap_or_default();
    let page = LocalResource::new(move || api::fetch_page(slug()));
    let retry = Callback::new(move |()| page.refetch());

    move || match page.get() {
        None => view! { <Loading label="Loading page" lines=8 /> }.into_any(),
        Some(Ok(bundle)) => view! { <PageArticle bundle /> }.into_any(),
        Some(Err(ApiError::NotFound)) => view! { <NotFoundPage /> }.into_any(),
        Some(Err(error)) => view! { <ErrorView error on_retry=retry /> }.into_any(),
    }
}

/// The page itself.
#[component]
fn PageArticle(
    /// The compiled page.
    bundle: PageBundle,
) -> impl IntoView {
    view! {
        <Title text=bundle.title.clone() />
        <Meta name="description" content=bundle.summary.clone() />
        <article class="page" data-testid="page">
            <h1>{bundle.title}</h1>
            // Sanitized by the content compiler.
            <div class="prose" inner_html=bundle.html></div>
        </article>
    }
}
