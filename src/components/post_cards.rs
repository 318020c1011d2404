use leptos::prelude::*;
use quire_model::PostSummary;

use crate::components::post_card::PostCard;

/// A list of posts, or a sentence saying there are none yet.
#[component]
pub fn PostCards(
    /// Posts in the order to show them.
    posts: Vec<PostSummary>,
    /// Heading level of each post's title.
    #[prop(default = 3)]
    level: u8,
) -> impl IntoView {
    if posts.is_empty() {
        return view! { <p class="empty">"No posts yet."</p> }.into_any();
    }
    view! {
        <ul class="post-list" role="list">
            {posts.into_iter().map(|post| view! { <li><PostCard post level /></li> }).collect_view()}
        </ul>
    }
    .into_any()
}
