use leptos::prelude::*;
use quire_model::PostIndex;

use crate::components::bundle_view::index_view;
use crate::components::call_to_action::CallToAction;
use crate::components::card_grid::CardGrid;
use crate::components::page_meta::PageMeta;
use crate::components::post_card::PostCard;
use crate::components::post_cards::PostCards;
use crate::format::post_count;
use quire_model::route::{HeadContent, Route};

/// `/`: the hero, the pillars, the featured guide, the latest posts and the
/// call to action, all from `quire.toml` and the site index.
#[component]
pub fn HomePage() -> impl IntoView {
    index_view("Loading the home page", |index| view! { <Landing index /> })
}

#[component]
fn Landing(index: PostIndex) -> impl IntoView {
    let PostIndex {
        site,
        featured,
        latest,
        ..
    } = index;
    let mut hero_lines = site.hero.clone().into_iter();
    let headline = hero_lines.next().unwrap_or_else(|| site.tagline.clone());
    let lede: Vec<String> = hero_lines.collect();
    let cta = site.cta.clone();
    let topic_count = |slug: &Option<String>| {
        slug.as_ref()
            .and_then(|slug| site.topics.iter().find(|t| &t.slug == slug))
            .map(|t| (t.slug.clone(), t.name.clone(), t.count))
    };
    let pillar_count = site.pillars.len();
    let pillars = site
        .pillars
        .iter()
        .map(|pillar| {
            let topic = topic_count(&pillar.topic).map(|(slug, name, count)| {
                view! {
                    <a class="pillar-link" href=Route::topic(slug).path()>
                        {format!("{name}: {}", post_count(count))}
                    </a>
                }
            });
            view! {
                <li class="pillar" data-testid="pillar">
                    <h3 class="pillar-title">{pillar.title.clone()}</h3>
                    <p>{pillar.description.clone()}</p>
                    {topic}
                </li>
            }
        })
        .collect_view();
    let featured_slug = featured.as_ref().map(|f| f.slug.clone());
    let latest: Vec<_> = latest
        .into_iter()
        .filter(|post| Some(&post.slug) != featured_slug.as_ref())
        .take(6)
        .collect();
    view! {
        <PageMeta head=Route::Home.head(&site, HeadContent::None) />
        <div class="landing">
        <section class="hero" aria-labelledby="hero-heading">
            <p class="kicker">{site.title.clone()}</p>
            <h1 id="hero-heading">{headline}</h1>
            {lede.into_iter().map(|line| view! { <p class="hero-lede">{line}</p> }).collect_view()}
            <p class="hero-actions">
                {cta.map(|cta| view! { <a class="button" href=cta.url>{cta.label}</a> })}
                <a class="button button-quiet" href="/posts">"Read the writing"</a>
            </p>
        </section>
        {(!site.pillars.is_empty()).then(|| view! {
            <section class="pillars" aria-labelledby="pillars-heading">
                <h2 id="pillars-heading" class="section-heading">"What I write about"</h2>
                <CardGrid class="pillar-grid" count=pillar_count>{pillars}</CardGrid>
            </section>
        })}
        {featured.map(|post| view! {
            <section class="featured" aria-labelledby="featured-heading" data-testid="featured">
                <h2 id="featured-heading" class="section-heading">"Featured guide"</h2>
                <PostCard post level=3 />
            </section>
        })}
        <section aria-labelledby="latest-heading">
            <h2 id="latest-heading" class="section-heading">"Latest posts"</h2>
            <PostCards posts=latest />
            <p class="more-links">
                <a href="/posts">"All posts"</a>
                " · "
                <a href="/topics">"Browse by topic"</a>
                " · "
                <a href="/feed.xml">"Subscribe by RSS"</a>
            </p>
        </section>
        <CallToAction />
        </div>
    }
}
