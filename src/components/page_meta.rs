use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script, Title};
use serde_json::Value;

use crate::app::SiteIndex;
use quire_model::structured_data::{absolute_url, to_script_text};

/// A page's metadata for browsers, search engines and link previews: title,
/// description, canonical URL, OpenGraph and Twitter card tags, and its
/// JSON-LD blocks (data, not code: the CSP does not apply to them).
#[component]
pub fn PageMeta(
    /// The page's own title; empty on the landing page (the site's title is used).
    #[prop(into)]
    title: String,
    #[prop(into)] description: String,
    /// The page's path, e.g. `/posts/x`, for its canonical URL.
    #[prop(into)]
    path: String,
    /// An absolute canonical URL that overrides `path` (a post first
    /// published elsewhere).
    #[prop(default = None)]
    canonical: Option<String>,
    /// `article` for posts, `website` otherwise.
    #[prop(default = "website")]
    kind: &'static str,
    #[prop(optional)] structured: Vec<Value>,
) -> impl IntoView {
    let index = expect_context::<SiteIndex>();
    let site = index.site();
    let url = canonical.unwrap_or_else(|| {
        site.as_ref()
            .map(|site| absolute_url(site, &path))
            .unwrap_or(path)
    });
    let site_name = site.map(|site| site.title).unwrap_or_default();
    let shared_title = if title.is_empty() {
        site_name.clone()
    } else {
        title.clone()
    };
    // The title is kept out of the gate: hydrating it touches no element.
    view! {
        <Title text=title />
        <AfterMount>
            <Meta name="description" content=description.clone() />
            <Link rel="canonical" href=url.clone() />
            <Meta property="og:type" content=kind />
            <Meta property="og:title" content=shared_title.clone() />
            <Meta property="og:description" content=description.clone() />
            <Meta property="og:url" content=url.clone() />
            <Meta property="og:site_name" content=site_name.clone() />
            <Meta name="twitter:card" content="summary" />
            <Meta name="twitter:title" content=shared_title.clone() />
            <Meta name="twitter:description" content=description.clone() />
            {structured
                .iter()
                .map(|value| {
                    let text = to_script_text(value);
                    view! { <Script type_="application/ld+json">{text}</Script> }
                })
                .collect_view()}
        </AfterMount>
    }
}

/// Head tags drawn in the browser once the page is mounted, never while
/// prerendering or hydrating. The build writes each route's tags into its
/// page itself (xtask/src/routes.rs) and the app removes those when it
/// starts, so hydration adopts the body alone.
#[component]
pub fn AfterMount(children: ChildrenFn) -> impl IntoView {
    let mounted = RwSignal::new(false);
    Effect::new(move || mounted.set(true));
    move || mounted.get().then(|| children())
}

/// The page's description, for search results and link previews.
#[component]
pub fn Description(#[prop(into)] content: String) -> impl IntoView {
    view! {
        <AfterMount>
            <Meta name="description" content=content.clone() />
        </AfterMount>
    }
}
