use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use quire_model::PageBundle;

use crate::api;
use crate::components::bundle_view::bundle_view;
use crate::components::compiled_body::CompiledBody;
use crate::components::page_meta::route_meta;
use quire_model::route::{HeadContent, Route};

/// `/:page`: a standalone page (case studies, FAQ) from `content/pages/`.
#[component]
pub fn StandalonePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("page").unwrap_or_default();
    bundle_view(
        "Loading page",
        slug,
        api::fetch_page,
        |bundle| view! { <PageArticle bundle /> },
    )
}

/// The page itself.
#[component]
fn PageArticle(
    /// The compiled page.
    bundle: PageBundle,
) -> impl IntoView {
    let meta = route_meta(
        Route::Page {
            slug: bundle.slug.clone(),
        },
        HeadContent::Page {
            title: &bundle.title,
            summary: &bundle.summary,
            faq: &bundle.faq,
        },
    );
    view! {
        {meta}
        <article class="page" data-testid="page">
            <h1>{bundle.title}</h1>
            // Compiled by quire's compiler, like the body.
            {bundle.cover.map(|html| view! { <div inner_html=html /> })}
            <CompiledBody html=bundle.html calculators=bundle.calculators />
        </article>
    }
}
