use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::routes::search::{focus_first_result, search_url};

/// The search box's id, for the `/` shortcut and for returning from results.
pub const INPUT_ID: &str = "site-search";

/// The header's search box. Typing opens `/search` and updates its results
/// as you type; `/` anywhere outside a text field jumps here; the down arrow
/// moves into the results. Without the app it is a plain GET form.
#[component]
pub fn SiteSearch() -> impl IntoView {
    let location = use_location();
    let on_search_page = Memo::new(move |_| location.pathname.get() == "/search");
    let shown_text = move || {
        if on_search_page.get() {
            location.query.read().get("q").unwrap_or_default()
        } else {
            String::new()
        }
    };
    let navigate = use_navigate();
    let search_for = move |text: String| {
        let query = location.query.get_untracked();
        let keep = |name: &str| query.get(name).filter(|_| on_search_page.get_untracked());
        navigate(
            &search_url(&text, keep("topic").as_deref(), keep("tag").as_deref()),
            NavigateOptions {
                // Each keystroke refines one search: one history entry.
                replace: on_search_page.get_untracked(),
                scroll: !on_search_page.get_untracked(),
                ..Default::default()
            },
        );
    };
    let on_input = {
        let search_for = search_for.clone();
        move |ev: leptos::ev::Event| search_for(event_target_value(&ev))
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !on_search_page.get_untracked() {
            if let Some(input) = document().get_element_by_id(INPUT_ID) {
                let value =
                    wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlInputElement>(input)
                        .value();
                search_for(value);
            }
        } else {
            focus_first_result();
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "ArrowDown" && focus_first_result() {
            ev.prevent_default();
        }
    };
    // The `/` shortcut: a browser listener, so not while prerendering.
    #[cfg(not(feature = "ssr"))]
    {
        let shortcut = window_event_listener(leptos::ev::keydown, |ev| {
            let plain = !(ev.ctrl_key() || ev.meta_key() || ev.alt_key());
            if ev.key() == "/" && plain && !typing_somewhere(&ev) {
                if let Some(input) = document().get_element_by_id(INPUT_ID) {
                    ev.prevent_default();
                    if let Some(input) =
                        wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlInputElement>(&input)
                    {
                        let _ = input.focus();
                        input.select();
                    }
                }
            }
        });
        on_cleanup(move || shortcut.remove());
    }

    view! {
        <form class="site-search" role="search" action="/search" method="get" on:submit=on_submit>
            <label class="visually-hidden" for=INPUT_ID>"Search posts and pages"</label>
            <input
                id=INPUT_ID
                type="search"
                name="q"
                placeholder="Search"
                autocomplete="off"
                spellcheck="false"
                aria-keyshortcuts="/"
                data-testid="search-input"
                prop:value=shown_text
                on:input=on_input
                on:keydown=on_keydown
            />
            <kbd class="site-search-key" aria-hidden="true">"/"</kbd>
        </form>
    }
}

/// Whether a key press is text going into a field, not a shortcut.
#[cfg(not(feature = "ssr"))]
fn typing_somewhere(ev: &leptos::ev::KeyboardEvent) -> bool {
    let Some(target) = ev
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
    else {
        return false;
    };
    matches!(target.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || target.closest("[contenteditable]").ok().flatten().is_some()
}
