use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use quire_model::PostBundle;

use crate::api;
use crate::components::bundle_view::bundle_view;
use crate::components::compiled_body::CompiledBody;
use crate::format::{long_date, reading_time};

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
    let PostBundle {
        post,
        html,
        toc,
        calculators,
        ..
    } = bundle;

    // A contents list earns its space from three sections up.
    let contents = (toc.len() >= 3).then(|| {
        view! {
            <nav class="toc" aria-label="Contents">
                <h2 class="toc-heading">"Contents"</h2>
                <ol role="list">
                    {toc
                        .into_iter()
                        .map(|entry| {
                            view! {
                                <li class=format!("toc-level-{}", entry.level)>
                                    <a href=format!("#{}", entry.id)>{entry.title}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </nav>
        }
    });
    view! {
        <Title text=post.title.clone() />
        <Meta name="description" content=post.summary.clone() />
        <article class="post" data-testid="post">
            <header class="post-header">
                <h1>{post.title}</h1>
                <p class="post-meta">
                    <time datetime=post.date.clone()>{long_date(&post.date)}</time>
                    " · "
                    {reading_time(post.reading_minutes)}
                    {post.draft.then(|| view! { " " <span class="badge badge-draft">"Draft"</span> })}
                </p>
            </header>
            {contents}
            <CompiledBody html calculators />
        </article>
    }
}
