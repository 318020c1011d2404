//! The bundles a prerendered page embeds (`<script type="application/json"
//! data-bundle="/content/...">`, written by the build), read only while the
//! app hydrates that page.

use std::cell::Cell;

use quire_model::EMBEDDED_BUNDLE_ATTRIBUTE;

thread_local! {
    static HYDRATING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `hydrate` with the page's embedded bundles in use; afterwards
/// every bundle is fetched.
pub fn while_hydrating<T>(hydrate: impl FnOnce() -> T) -> T {
    HYDRATING.set(true);
    let hydrated = hydrate();
    HYDRATING.set(false);
    hydrated
}

pub(crate) fn is_hydrating() -> bool {
    HYDRATING.get()
}

/// The JSON text of the bundle at `url`, if hydrating a page that embeds it.
pub(crate) fn embedded_bundle(url: &str) -> Option<String> {
    if !is_hydrating() {
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
