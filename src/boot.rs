//! Starting an app in the browser: hydrates the prerendered page when it
//! was drawn for the address the browser is at, and otherwise draws the app
//! off-document and swaps it in. `assets/start.js` decides when this runs;
//! both browser entries (`src/main.rs`, the whole site, and
//! `src/calculators_main.rs`, the calculator pages alone) call [`start`].

use leptos::prelude::{request_animation_frame, IntoView};
#[cfg(feature = "hydrate")]
use quire_model::PRERENDERED_PATH_ATTRIBUTE;
use quire_model::{PRERENDERED_ID, ROUTE_HEAD_ATTRIBUTE};
use wasm_bindgen::JsCast;

thread_local! {
    /// The path and query the document was loaded at (see [`document_address`]).
    static DOCUMENT_ADDRESS: std::cell::OnceCell<String> = const { std::cell::OnceCell::new() };
}

/// The path and query of the address the page was loaded from, before any
/// navigation inside the app; `None` before [`start`] (or when prerendering).
pub fn document_address() -> Option<String> {
    DOCUMENT_ADDRESS.with(|address| address.get().cloned())
}

/// How an app takes over a page prerendered for the address it is at.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Takeover {
    /// Adopts the prerendered DOM (hydrates it): no second layout, but one
    /// task as long as the whole page's draw.
    Hydrate,
    /// Draws the page again off-document in short tasks ([`crate::later`])
    /// and swaps it in: the calculator pages, whose one long hydration task
    /// kept a tap or key waiting (Lighthouse TBT 90–380 ms on a phone-speed
    /// CPU, with the app started on load).
    Redraw,
}

/// Starts `app` on the page: adopts the prerendered body (see
/// [`Takeover`]), or draws its own.
pub fn start<V: IntoView + 'static>(app: fn() -> V, takeover: Takeover) {
    // An app built without hydration (`csr`) can only redraw.
    #[cfg(not(feature = "hydrate"))]
    let _ = takeover;
    console_error_panic_hook::set_once();
    let location = leptos::prelude::window().location();
    if let (Ok(path), Ok(query)) = (location.pathname(), location.search()) {
        DOCUMENT_ADDRESS.with(|address| address.set(format!("{path}{query}")).ok());
    }
    remove_route_head();
    let document = leptos::prelude::document();
    let prerendered = document
        .get_element_by_id(PRERENDERED_ID)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(prerendered) = prerendered else {
        // A page without a prerendered body (`cargo xtask serve`).
        leptos::mount::mount_to_body(app);
        mark_app_ready();
        return;
    };
    #[cfg(feature = "hydrate")]
    if takeover == Takeover::Hydrate && prerendered_for_this_address(&prerendered) {
        // The page was drawn for this very address from the bundles it
        // embeds: the app adopts its DOM instead of drawing it again. In a
        // task of its own, not the one that compiled the WASM, so neither
        // blocks input for long.
        leptos::prelude::set_timeout(
            move || {
                crate::api::while_starting(|| leptos::mount::hydrate_from(prerendered, app))
                    .forget();
                mark_app_ready();
            },
            std::time::Duration::ZERO,
        );
        return;
    }
    // `404.html` (served for any unknown address) and addresses with a query
    // (a calculator's inputs, a search) were prerendered for another
    // address, and a redrawing app draws anyway: the app is drawn
    // off-document while the reader reads the prerendered page, and
    // replaces it once it shows its own content (nothing still loading): no
    // flash of placeholders, no shift, no duplicate ids.
    let Ok(root) = document
        .create_element("div")
        .map(|e| e.unchecked_into::<web_sys::HtmlElement>())
    else {
        return;
    };
    root.set_class_name("app");
    // In a task of its own, as hydrating is; with the page's bundles (the
    // site index), so the header is whole in the first draw and does not
    // grow once the index arrives.
    leptos::prelude::set_timeout(
        move || {
            crate::later::start_splitting();
            crate::api::while_starting(|| leptos::mount::mount_to(root.clone(), app)).forget();
            take_over_when_drawn(prerendered.into(), root);
        },
        std::time::Duration::ZERO,
    );
}

#[cfg(feature = "hydrate")]
/// Whether the prerendered page is the one for the address the browser is
/// at, so its HTML is what the app would draw here.
fn prerendered_for_this_address(prerendered: &web_sys::Element) -> bool {
    let location = leptos::prelude::window().location();
    let (Ok(path), Ok(query)) = (location.pathname(), location.search()) else {
        return false;
    };
    // The build names routes as written (a tag may be `café`); the address
    // bar percent-encodes them.
    let path = js_sys::decode_uri(&path).map_or(path, String::from);
    let rendered_for = prerendered.get_attribute(PRERENDERED_PATH_ATTRIBUTE);
    query.is_empty() && rendered_for.as_deref() == Some(route_path(&path))
}

#[cfg(feature = "hydrate")]
/// `path` as the build names routes: no trailing slash except the root's.
fn route_path(path: &str) -> &str {
    match path.trim_end_matches('/') {
        "" => "/",
        trimmed => trimmed,
    }
}

/// Swaps `root` in for `prerendered` at the first frame where the app has a
/// main region and nothing in it is loading, and the prerendered page has
/// been painted: on a fast connection the app can be ready first, and the
/// reader's first paint (and its timing, the page's LCP) should not wait
/// for it.
fn take_over_when_drawn(prerendered: web_sys::Element, root: web_sys::HtmlElement) {
    // A framed page (an embedded calculator) may be out of the host page's
    // view, where the browser paints nothing and runs no animation frames:
    // it takes over without waiting for either.
    let framed = is_framed();
    let drawn = (framed || prerendered_painted())
        && root.query_selector("main").ok().flatten().is_some()
        && root
            .query_selector("[aria-busy=\"true\"]")
            .ok()
            .flatten()
            .is_none();
    if !drawn {
        let again = move || take_over_when_drawn(prerendered, root);
        if framed {
            leptos::prelude::set_timeout(again, std::time::Duration::from_millis(16));
        } else {
            request_animation_frame(again);
        }
        return;
    }
    crate::later::stop_splitting();
    let _ = prerendered.replace_with_with_node_1(&root);
    // What measured the page while it was off-document (the table of
    // contents' reading position) measures again.
    if let Ok(scroll) = web_sys::Event::new("scroll") {
        let _ = leptos::prelude::window().dispatch_event(&scroll);
    }
    mark_app_ready();
}

/// Whether another page frames this one.
fn is_framed() -> bool {
    let window = leptos::prelude::window();
    window.parent().ok().flatten().is_some_and(|parent| {
        wasm_bindgen::JsValue::from(parent) != wasm_bindgen::JsValue::from(window)
    })
}

/// Whether the browser has painted the page's content yet.
fn prerendered_painted() -> bool {
    leptos::prelude::window()
        .performance()
        .is_none_or(|p| p.get_entries_by_name("first-contentful-paint").length() > 0)
}

/// `<html data-app="ready">`: the app is in charge (the end-to-end tests
/// wait for it before interacting). A frame later, once the app's page has
/// been laid out and painted whole, `data-drawn`: what the stylesheet lays
/// out only near the viewport from then on (a calculator's tables, charts
/// and lead form) has had its real size once, so a page swapped in under a
/// reader scrolled down does not move by a placeholder's height.
fn mark_app_ready() {
    if let Some(html) = leptos::prelude::document().document_element() {
        let _ = html.set_attribute("data-app", "ready");
        request_animation_frame(move || {
            let _ = html.set_attribute("data-drawn", "");
        });
    }
}

/// The build writes each route's title and metadata into its HTML file
/// (`data-route-head`, see xtask/src/routes.rs) for crawlers and link
/// previews; from here on the app keeps the head, so they would be doubled.
fn remove_route_head() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(found) = document.query_selector_all(&format!("[{ROUTE_HEAD_ATTRIBUTE}]")) {
        for i in 0..found.length() {
            if let Some(node) = found.item(i) {
                if let Some(parent) = node.parent_node() {
                    let _ = parent.remove_child(&node);
                }
            }
        }
    }
}
