use leptos::prelude::*;
use quire_model::route::{HeadContent, Route};

use crate::components::bundle_view::index_view;
use crate::components::card_grid::CardGrid;
use crate::components::page_meta::PageMeta;
use crate::format::post_count;

/// `/topics`: every topic with its description and how many posts it has.
#[component]
pub fn TopicsPage() -> impl IntoView {
    index_view("Loading topics", |index| {
        let topic_count = index.site.topics.len();
        let head = Route::Topics.head(&index.site, HeadContent::None);
        let topics = index
            .site
            .topics
            .into_iter()
            .map(|topic| {
                view! {
                    <li class="topic-card" data-testid="topic-card">
                        <h2 class="topic-card-title">
                            <a href=Route::Topic { slug: topic.slug, page: 1 }.path()>{topic.name}</a>
                        </h2>
                        <p>{topic.description}</p>
                        <p class="post-meta">{post_count(topic.count)}</p>
                    </li>
                }
            })
            .collect_view();
        view! {
            <PageMeta head />
            <header class="listing-header">
                <h1>"Topics"</h1>
                <p class="listing-description">
                    {format!("{} across {} topics.", post_count(index.total_posts), topic_count)}
                </p>
            </header>
            <CardGrid class="topic-grid" count=topic_count>{topics}</CardGrid>
        }
    })
}
