use leptos::prelude::*;
use quire_model::PostSummary;

use crate::format::{long_date, reading_time};

/// One post in a listing: title link, date, reading time and summary.
#[component]
pub fn PostCard(
    /// The post to show.
    post: PostSummary,
) -> impl IntoView {
    let href = format!("/posts/{}", post.slug);
    view! {
        <article class="post-card" data-testid="post-card">
            <h3 class="post-card-title">
                <a href=href>{post.title}</a>
                {post.draft.then(|| view! { <span class="badge badge-draft">"Draft"</span> })}
                {post.scheduled.then(|| view! { <span class="badge badge-draft">"Scheduled"</span> })}
            </h3>
            <p class="post-meta">
                <time datetime=post.date.clone()>{long_date(&post.date)}</time>
                " · "
                {reading_time(post.reading_minutes)}
            </p>
            <p class="post-card-summary">{post.summary}</p>
        </article>
    }
}
