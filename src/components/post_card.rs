use leptos::prelude::*;
use quire_model::PostSummary;

use crate::components::prefetch_link::PrefetchLink;
use crate::components::tag_list::TagList;
use crate::format::{long_date, reading_time};
use crate::site_index::SiteIndex;

/// One post in a listing: title link, date, reading time, topic, tags and summary.
#[component]
pub fn PostCard(
    /// The post to show.
    post: PostSummary,
    /// The heading level of the title, to fit the page's outline.
    #[prop(default = 3)]
    level: u8,
) -> impl IntoView {
    // Optional so the component also renders outside the app (tests).
    let index = use_context::<SiteIndex>();
    let topic = post.topic.clone().map(|slug| {
        let name = {
            let slug = slug.clone();
            move || {
                index
                    .and_then(|index| index.topic(&slug))
                    .map_or_else(|| slug.clone(), |t| t.name)
            }
        };
        view! { <a class="post-card-topic" href=quire_model::route::Route::topic(slug).path()>{name}</a> }
    });
    let title = view! {
        <PrefetchLink slug=post.slug.clone()>{post.title.clone()}</PrefetchLink>
        {post.draft.then(|| view! { " " <span class="badge badge-draft">"Draft"</span> })}
        {post.scheduled.then(|| view! { " " <span class="badge badge-draft">"Scheduled"</span> })}
    };
    let heading = if level == 2 {
        view! { <h2 class="post-card-title">{title}</h2> }.into_any()
    } else {
        view! { <h3 class="post-card-title">{title}</h3> }.into_any()
    };
    view! {
        <article class="post-card" data-testid="post-card">
            {heading}
            <p class="post-meta">
                <time datetime=post.date.clone()>{long_date(&post.date)}</time>
                " · "
                {reading_time(post.reading_minutes)}
                {topic.map(|topic| view! { " · " {topic} })}
            </p>
            <p class="post-card-summary">{post.summary}</p>
            <TagList tags=post.tags />
        </article>
    }
}
