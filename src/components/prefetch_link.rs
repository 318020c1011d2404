use leptos::prelude::*;

use crate::api;
use crate::site_index::SiteIndex;

/// A link to a post that starts loading it when the reader points at it,
/// focuses it or touches it, so it usually opens at once.
#[component]
pub fn PrefetchLink(
    slug: String,
    children: Children,
    /// `prev`/`next` for previous/next links.
    #[prop(optional)]
    rel: Option<&'static str>,
) -> impl IntoView {
    // Optional so the component also renders outside the app (tests).
    let index = use_context::<SiteIndex>();
    let href = quire_model::route::Route::Post { slug: slug.clone() }.path();
    let prefetch = move || {
        if let Some(build) = index.and_then(|index| index.build_untracked()) {
            api::prefetch_post(build, slug.clone());
        }
    };
    let (on_pointer, on_focus, on_touch) = (prefetch.clone(), prefetch.clone(), prefetch);
    view! {
        <a
            href=href
            rel=rel
            on:mouseenter=move |_| on_pointer()
            on:focus=move |_| on_focus()
            on:touchstart=move |_| on_touch()
        >
            {children()}
        </a>
    }
}
