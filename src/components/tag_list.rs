use leptos::prelude::*;
use quire_model::slugify;

/// A post's tags as chips linking to each tag's listing.
#[component]
pub fn TagList(tags: Vec<String>) -> impl IntoView {
    (!tags.is_empty()).then(|| {
        view! {
            <ul class="tag-list" role="list" aria-label="Tags">
                {tags
                    .into_iter()
                    .map(|tag| {
                        let href = quire_model::route::Route::Tag { tag: slugify(&tag), page: 1 }.path();
                        view! { <li><a class="tag" href=href>{tag}</a></li> }
                    })
                    .collect_view()}
            </ul>
        }
    })
}
