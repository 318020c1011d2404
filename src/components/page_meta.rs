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
    view! {
        <Title text=title />
        <Meta name="description" content=description.clone() />
        <Link rel="canonical" href=url.clone() />
        <Meta property="og:type" content=kind />
        <Meta property="og:title" content=shared_title.clone() />
        <Meta property="og:description" content=description.clone() />
        <Meta property="og:url" content=url />
        <Meta property="og:site_name" content=site_name />
        <Meta name="twitter:card" content="summary" />
        <Meta name="twitter:title" content=shared_title />
        <Meta name="twitter:description" content=description />
        {structured
            .into_iter()
            .map(|value| {
                let text = to_script_text(&value);
                view! { <Script type_="application/ld+json">{text}</Script> }
            })
            .collect_view()}
    }
}
