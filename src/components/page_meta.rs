use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script, Title};
use quire_model::route::{Head, HeadContent, Route};
use quire_model::structured_data::to_script_text;

use crate::site_index::SiteIndex;

/// A route's head for browsers, search engines and link previews: title,
/// description, canonical URL, OpenGraph and Twitter card tags, and its
/// JSON-LD blocks (data, not code: the CSP does not apply to them). The
/// head is [`Route::head`]'s, the function the build writes each route's
/// page with, so what the app draws equals what crawlers read.
#[component]
pub fn PageMeta(
    head: Head,
    /// A title that changes while the page is open (the search page's
    /// query); else the head's.
    #[prop(optional, into)]
    title: Option<Signal<String>>,
) -> impl IntoView {
    let index = expect_context::<SiteIndex>();
    let site_name = index.title().unwrap_or_default();
    let shared_title = head.shared_title(&site_name).to_string();
    let title = title.unwrap_or_else(|| Signal::stored(head.title.clone()));
    let Head {
        description,
        kind,
        canonical,
        structured,
        noindex,
        image,
        ..
    } = head;
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    // The title is kept out of the gate: hydrating it touches no element.
    view! {
        <Title text=title />
        <AfterMount>
            <Meta name="description" content=description.clone() />
            {noindex.then(|| view! { <Meta name="robots" content="noindex" /> })}
            <Link rel="canonical" href=canonical.clone() />
            <Meta property="og:type" content=kind />
            <Meta property="og:title" content=shared_title.clone() />
            <Meta property="og:description" content=description.clone() />
            <Meta property="og:url" content=canonical.clone() />
            <Meta property="og:site_name" content=site_name.clone() />
            {image
                .clone()
                .map(|image| {
                    view! {
                        <Meta property="og:image" content=image.url.clone() />
                        <Meta property="og:image:width" content=image.width.to_string() />
                        <Meta property="og:image:height" content=image.height.to_string() />
                        <Meta property="og:image:alt" content=image.alt.clone() />
                        <Meta name="twitter:image" content=image.url />
                        <Meta name="twitter:image:alt" content=image.alt />
                    }
                })}
            <Meta name="twitter:card" content=card />
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

/// [`PageMeta`] for `route`, once the site settings have loaded.
pub fn route_meta(route: Route, content: HeadContent<'_>) -> impl IntoView {
    let index = expect_context::<SiteIndex>();
    index
        .site()
        .map(|site| view! { <PageMeta head=route.head(&site, content) /> })
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
