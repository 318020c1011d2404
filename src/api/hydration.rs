//! The bundles a prerendered page embeds (`<script type="application/json"
//! data-bundle="/content/...">`, written by the build), read only while the
//! app draws its first view on that page: hydrating it, or drawing another
//! address off-document (a calculator with inputs in its query). A bundle's
//! address names its build, so an embedded one is the same data the network
//! would give, whichever address the page was prerendered for.

use std::cell::Cell;

use quire_model::EMBEDDED_BUNDLE_ATTRIBUTE;

thread_local! {
    static STARTING: Cell<bool> = const { Cell::new(false) };
    static EMBEDDED_ONLY: Cell<bool> = const { Cell::new(false) };
}

/// Runs the app's first draw with the page's embedded bundles in use;
/// afterwards every bundle is fetched.
pub fn while_starting<T>(draw: impl FnOnce() -> T) -> T {
    STARTING.set(true);
    let drawn = draw();
    STARTING.set(false);
    drawn
}

pub(crate) fn is_starting() -> bool {
    STARTING.get()
}

/// Runs `look` (a fetch polled once) answering only from the page: a
/// bundle the page does not embed stays pending instead of being
/// requested, so the loader that asks for it next fetches it once.
pub(crate) fn embedded_only<T>(look: impl FnOnce() -> T) -> T {
    EMBEDDED_ONLY.set(true);
    let found = look();
    EMBEDDED_ONLY.set(false);
    found
}

pub(crate) fn is_embedded_only() -> bool {
    EMBEDDED_ONLY.get()
}

/// The JSON text of the bundle at `url`, if starting on a page that embeds it.
pub(crate) fn embedded_bundle(url: &str) -> Option<String> {
    if !is_starting() {
        return None;
    }
    let scripts = leptos::prelude::document()
        .query_selector_all(&format!("script[{EMBEDDED_BUNDLE_ATTRIBUTE}]"))
        .ok()?;
    (0..scripts.length())
        .filter_map(|i| scripts.item(i))
        .filter_map(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok())
        .find(|script| script.get_attribute(EMBEDDED_BUNDLE_ATTRIBUTE).as_deref() == Some(url))
        .and_then(|script| script.text_content())
}
