//! What a reader expects after a client-side navigation: focus on the new
//! page's heading (so screen readers announce it and Tab starts from it), and
//! on back/forward the scroll position they left the page at, restored once
//! the page's data has arrived (the browser's own restoration runs too early,
//! against a loading placeholder).

use std::cell::RefCell;
use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

thread_local! {
    /// The last scroll position seen on each path (path and query).
    static POSITIONS: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
}

/// How long to wait for a page's data before giving up on focus and scroll.
const READY_TIMEOUT: Duration = Duration::from_secs(5);
const POLL_EVERY: Duration = Duration::from_millis(16);

fn current_path() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    )
}

/// Installs the behaviour; call once, inside the router.
pub fn follow_navigation() {
    if let Ok(history) = window().history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    // Scroll events are coalesced per frame by the browser; recording one
    // number each time is cheap.
    let scroll = window_event_listener(leptos::ev::scroll, |_| {
        let y = window().scroll_y().unwrap_or(0.0);
        POSITIONS.with_borrow_mut(|positions| positions.insert(current_path(), y));
    });
    // Read at popstate time, before the page being restored records the
    // small offsets of its loading placeholder.
    let pending_restore = StoredValue::new(None::<f64>);
    let popstate = window_event_listener(leptos::ev::popstate, move |_| {
        let saved = POSITIONS.with_borrow(|positions| positions.get(&current_path()).copied());
        pending_restore.set_value(Some(saved.unwrap_or(0.0)));
    });
    on_cleanup(move || {
        scroll.remove();
        popstate.remove();
    });

    let location = use_location();
    let pathname = location.pathname;
    let hash = location.hash;
    Effect::new(move |previous: Option<String>| {
        let path = pathname.get();
        // The first render is a page load: leave focus at the top of the document.
        if previous.is_some_and(|previous| previous != path) {
            let restore = pending_restore.try_update_value(Option::take).flatten();
            when_page_ready(move || {
                focus_heading();
                if let Some(y) = restore {
                    window().scroll_to_with_x_and_y(0.0, y);
                }
            });
        }
        path
    });
    // A link to a section within the page (the table of contents) moves
    // focus there too, as it would without the router.
    Effect::new(move |previous: Option<String>| {
        let fragment = hash.get();
        if previous.is_some() && !fragment.is_empty() {
            if let Some(target) = document().get_element_by_id(&fragment[1..]) {
                focus_without_scrolling(&target);
            }
        }
        fragment
    });
}

/// Runs `then` once the main region shows the new page: a page heading other
/// than the one on screen when the navigation began (the old page can still
/// be showing when this is called), with nothing loading. Checks every frame,
/// up to [`READY_TIMEOUT`].
fn when_page_ready(then: impl FnOnce() + 'static) {
    fn main_heading() -> Option<web_sys::Element> {
        document().query_selector("main h1").ok().flatten()
    }
    fn poll(old: Option<web_sys::Element>, remaining: u32, then: Box<dyn FnOnce()>) {
        let new_heading = main_heading().is_some_and(|h1| {
            old.as_ref()
                .is_none_or(|old| !h1.is_same_node(Some(old.as_ref())))
        });
        let busy = document()
            .query_selector("main [aria-busy=\"true\"]")
            .ok()
            .flatten()
            .is_some();
        if (new_heading && !busy) || remaining == 0 {
            then();
        } else {
            set_timeout(move || poll(old, remaining - 1, then), POLL_EVERY);
        }
    }
    let tries = (READY_TIMEOUT.as_millis() / POLL_EVERY.as_millis()) as u32;
    poll(main_heading(), tries, Box::new(then));
}

fn focus_heading() {
    if let Ok(Some(heading)) = document().query_selector("main h1") {
        focus_without_scrolling(&heading);
    }
}

fn focus_without_scrolling(element: &web_sys::Element) {
    if !element.has_attribute("tabindex") {
        let _ = element.set_attribute("tabindex", "-1");
    }
    if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }
}
