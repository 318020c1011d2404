use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use quire_model::{PostBundle, PostLink as Link, Series};

use crate::api;
use crate::components::bundle_view::bundle_view;
use crate::components::call_to_action::CallToAction;
use crate::components::compiled_body::CompiledBody;
use crate::components::page_meta::PageMeta;
use crate::components::prefetch_link::PrefetchLink;
use crate::components::table_of_contents::TableOfContents;
use crate::components::tag_list::TagList;
use crate::format::{long_date, reading_time};
use crate::site_index::SiteIndex;
use quire_model::route::{HeadContent, Route};

/// `/posts/:slug`: one post, its HTML straight from the compiled bundle.
#[component]
pub fn PostPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    bundle_view(
        "Loading post",
        slug,
        api::fetch_post,
        |bundle| view! { <PostArticle bundle /> },
    )
}

/// The post itself.
#[component]
fn PostArticle(
    /// The compiled post.
    bundle: PostBundle,
) -> impl IntoView {
    let index = expect_context::<SiteIndex>();
    let PostBundle {
        post,
        html,
        toc,
        calculators,
        previous,
        next,
        related,
        series,
        faq,
        cover,
        ..
    } = bundle;
    // Read once: metadata is drawn with the post, which needs the index loaded.
    let head = index.site().map(|site| {
        Route::Post {
            slug: post.slug.clone(),
        }
        .head(
            &site,
            HeadContent::Post {
                post: &post,
                faq: &faq,
            },
        )
    });
    let topic = post.topic.clone().map(|slug| {
        let href = Route::topic(&slug).path();
        let name = move || index.topic(&slug).map_or_else(|| slug.clone(), |t| t.name);
        view! { <p class="kicker"><a href=href>{name}</a></p> }
    });
    let updated = post
        .updated
        .clone()
        .filter(|u| *u != post.date)
        .map(|updated| {
            view! { " · Updated " <time datetime=updated.clone()>{long_date(&updated)}</time> }
        });
    // A contents list earns its space from three sections up.
    let contents = (toc.len() >= 3).then(|| view! { <TableOfContents entries=toc /> });
    let has_contents = contents.is_some();
    let series_nav = series.map(|series| view! { <SeriesNav series current=post.slug.clone() /> });
    view! {
        {head.map(|head| view! { <PageMeta head /> })}
        <article class="post" class:post-with-toc=has_contents data-testid="post">
            <header class="post-header">
                {topic}
                <h1>{post.title}</h1>
                <p class="post-lede">{post.summary}</p>
                <p class="post-meta">
                    "Published " <time datetime=post.date.clone()>{long_date(&post.date)}</time>
                    {updated}
                    " · "
                    {reading_time(post.reading_minutes)}
                    {post.draft.then(|| view! { " " <span class="badge badge-draft">"Draft"</span> })}
                </p>
                <TagList tags=post.tags />
                // Compiled by quire's compiler, like the body.
                {cover.map(|html| view! { <div inner_html=html /> })}
            </header>
            {contents}
            <div class="post-body">
                {series_nav}
                <CompiledBody html calculators />
            </div>
            <footer class="post-footer">
                <Neighbours previous next />
                {(!related.is_empty()).then(|| view! { <RelatedPosts related /> })}
                <CallToAction />
            </footer>
        </article>
    }
}

/// Where this post sits in its series, with links to every part.
#[component]
fn SeriesNav(series: Series, current: String) -> impl IntoView {
    let position = series
        .parts
        .iter()
        .position(|p| p.slug == current)
        .map_or(0, |i| i + 1);
    let total = series.parts.len();
    let parts = series
        .parts
        .into_iter()
        .map(|part| {
            if part.slug == current {
                view! { <li><span aria-current="page">{part.title}</span></li> }.into_any()
            } else {
                view! { <li><PrefetchLink slug=part.slug>{part.title}</PrefetchLink></li> }
                    .into_any()
            }
        })
        .collect_view();
    view! {
        <nav class="series" aria-label=format!("Series: {}", series.name) data-testid="series">
            <p class="series-title">
                {format!("Part {position} of {total} in the series “{}”", series.name)}
            </p>
            <ol>{parts}</ol>
        </nav>
    }
}

/// Links to the posts published just before and after this one.
#[component]
fn Neighbours(previous: Option<Link>, next: Option<Link>) -> impl IntoView {
    (previous.is_some() || next.is_some()).then(|| {
        view! {
            <nav class="neighbours" aria-label="More posts">
                {previous.map(|link| view! {
                    <p class="neighbour neighbour-previous">
                        <span class="neighbour-label">"Previous post"</span>
                        <PrefetchLink slug=link.slug rel="prev">{link.title}</PrefetchLink>
                    </p>
                })}
                {next.map(|link| view! {
                    <p class="neighbour neighbour-next">
                        <span class="neighbour-label">"Next post"</span>
                        <PrefetchLink slug=link.slug rel="next">{link.title}</PrefetchLink>
                    </p>
                })}
            </nav>
        }
    })
}

/// Posts sharing this one's topic or tags.
#[component]
fn RelatedPosts(related: Vec<Link>) -> impl IntoView {
    view! {
        <section class="related" aria-labelledby="related-heading" data-testid="related">
            <h2 id="related-heading">"Related posts"</h2>
            <ul role="list">
                {related
                    .into_iter()
                    .map(|link| view! { <li><PrefetchLink slug=link.slug>{link.title}</PrefetchLink></li> })
                    .collect_view()}
            </ul>
        </section>
    }
}
