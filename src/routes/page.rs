use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use quire_model::PageBundle;

use crate::api;
use crate::components::bundle_view::bundle_view;
use crate::components::compiled_body::CompiledBody;
use crate::components::page_meta::PageMeta;
use quire_model::structured_data::faq_page;

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
    let structured: Vec<_> = faq_page(&bundle.faq).into_iter().collect();
    view! {
        <PageMeta
            title=bundle.title.clone()
            description=bundle.summary.clone()
            path=format!("/{}", bundle.slug)
            structured=structured
        />
        <article class="page" data-testid="page">
            <h1>{bundle.title}</h1>
            <CompiledBody html=bundle.html calculators=bundle.calculators />
        </article>
    }
}
