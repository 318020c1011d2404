use leptos::prelude::*;

use crate::theme::{Theme, STORAGE_KEY};

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn system_prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|query| query.matches())
}

fn chosen_theme() -> Option<Theme> {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|stored| Theme::parse(&stored))
}

/// Switches between light and dark and remembers the choice; until the
/// reader chooses, the system's theme applies. `assets/theme.js` applies a
/// stored choice before the app loads.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    // Known only in the browser: read after mount.
    let theme = RwSignal::new(None::<Theme>);
    Effect::new(move || {
        theme.set(Some(Theme::effective(
            chosen_theme(),
            system_prefers_dark(),
        )))
    });
    let toggle = move |_| {
        let next = Theme::effective(chosen_theme(), system_prefers_dark()).other();
        if let Some(storage) = storage() {
            // Private modes may refuse: the switch still applies to this page.
            let _ = storage.set_item(STORAGE_KEY, next.as_str());
        }
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", next.as_str());
        }
        theme.set(Some(next));
    };
    view! {
        <button
            type="button"
            class="theme-toggle"
            data-testid="theme-toggle"
            aria-label=move || theme.get().unwrap_or(Theme::Light).switch_label()
            title=move || theme.get().unwrap_or(Theme::Light).switch_label()
            on:click=toggle
        >
            // A moon offers dark, a sun offers light.
            <svg class="theme-icon theme-icon-moon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                <path d="M20 14.5A8.5 8.5 0 0 1 9.5 4a8.5 8.5 0 1 0 10.5 10.5z" />
            </svg>
            <svg class="theme-icon theme-icon-sun" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                <circle cx="12" cy="12" r="4.5" />
                <path d="M12 1.5v3M12 19.5v3M1.5 12h3M19.5 12h3M4.6 4.6l2.1 2.1M17.3 17.3l2.1 2.1M4.6 19.4l2.1-2.1M17.3 6.7l2.1-2.1" />
            </svg>
        </button>
    }
}
