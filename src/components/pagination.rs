use leptos::prelude::*;

use quire_model::route::Route;
use quire_model::ListKey;

use crate::pagination::{page_items, PageItem};

/// Links to the other pages of a listing, the current one marked.
#[component]
pub fn Pagination(
    /// Which listing.
    key: ListKey,
    current: u32,
    total: u32,
) -> impl IntoView {
    let items = page_items(current, total);
    (!items.is_empty()).then(|| {
        let link = |page: u32, label: &'static str, rel: &'static str| {
            let href = Route::listing(&key, page).path();
            view! { <a class="pagination-step" href=href rel=rel>{label}</a> }
        };
        let previous = (current > 1).then(|| link(current - 1, "← Newer", "prev"));
        let next = (current < total).then(|| link(current + 1, "Older →", "next"));
        let numbers = items
            .into_iter()
            .map(|item| match item {
                PageItem::Page(page) if page == current => view! {
                    <li><a class="pagination-page" href=Route::listing(&key, page).path() aria-current="page" aria-label=format!("Page {page}")>{page}</a></li>
                }
                .into_any(),
                PageItem::Page(page) => view! {
                    <li><a class="pagination-page" href=Route::listing(&key, page).path() aria-label=format!("Page {page}")>{page}</a></li>
                }
                .into_any(),
                PageItem::Gap => view! { <li class="pagination-gap" aria-hidden="true">"…"</li> }.into_any(),
            })
            .collect_view();
        view! {
            <nav class="pagination" aria-label="Pages" data-testid="pagination">
                {previous}
                <ol class="pagination-pages" role="list">{numbers}</ol>
                {next}
            </nav>
        }
    })
}
