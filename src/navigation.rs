//! What a reader expects after a client-side navigation: focus on the new
//! page's heading (so screen readers announce it and Tab starts from it), and
//! on back/forward the scroll position they left the page at, restored once
//! the page's data has arrived (the browser's own restoration runs too early,
//! against a loading placeholder). Positions are kept per path for the
//! page's lifetime.

use std::cell::RefCell;
use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

thread_local! {
    /// The scroll position each path was left at.
    static POSITIONS: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
    /// The path of the page on screen, as the router has it (the address bar
    /// changes only after the next page has rendered).
    static SHOWN: RefCell<String> = RefCell::new(current_path());
    /// Where to scroll once the page being returned to (back/forward) is shown.
    static PENDING_RESTORE: RefCell<Option<f64>> = const { RefCell::new(None) };
}

/// How long to wait for a page's data before giving up on focus and scroll.
const READY_TIMEOUT: Duration = Duration::from_secs(5);
const POLL_EVERY: Duration = Duration::from_millis(16);

/// The path in the address bar, which on back/forward already names the
/// page being returned to.
fn current_path() -> String {
    window().location().pathname().unwrap_or_default()
}

/// Remembers how far the page on screen is scrolled. Called as a navigation
/// starts, before the next page (or its loading placeholder) can shorten the
/// document and make the browser clamp the position.
fn remember_scroll() {
    let y = window().scroll_y().unwrap_or(0.0);
    let shown = SHOWN.with_borrow(Clone::clone);
    POSITIONS.with_borrow_mut(|positions| positions.insert(shown, y));
}

/// Listens for the start of navigations. Call once, before the router is
/// created: its own listeners must run after these, since the route change
/// they cause runs [`follow_navigation`]'s effect before any later listener.
pub fn watch_history() {
    if let Ok(history) = window().history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    // A link click, before the router navigates.
    let on_click = wasm_bindgen::closure::Closure::<dyn Fn()>::new(remember_scroll);
    let _ = window().add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    // Back or forward: the location is already the page being returned to,
    // while the page on screen is still the one being left.
    let on_popstate = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
        remember_scroll();
        let saved = POSITIONS.with_borrow(|positions| positions.get(&current_path()).copied());
        PENDING_RESTORE.set(Some(saved.unwrap_or(0.0)));
    });
    let _ =
        window().add_event_listener_with_callback("popstate", on_popstate.as_ref().unchecked_ref());
    // The app lives as long as the page.
    on_click.forget();
    on_popstate.forget();
}

/// Moves focus and restores scrolling after each navigation; call once,
/// inside the router, after [`watch_history`].
pub fn follow_navigation() {
    let location = use_location();
    let pathname = location.pathname;
    let hash = location.hash;
    Effect::new(move |previous: Option<String>| {
        let path = pathname.get();
        SHOWN.with_borrow_mut(|shown| shown.clone_from(&path));
        // The first render is a page load: leave focus at the top of the document.
        if previous.is_some_and(|previous| previous != path) {
            let restore = PENDING_RESTORE.take();
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
    // Typing in the search box navigates; the reader keeps typing there.
    let typing_a_search = document()
        .active_element()
        .is_some_and(|active| active.closest("[role=search]").ok().flatten().is_some());
    if typing_a_search {
        return;
    }
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
