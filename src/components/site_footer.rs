use leptos::prelude::*;

use crate::app::SiteIndex;

/// The contentinfo landmark at the bottom of every page.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let index = expect_context::<SiteIndex>();
    view! {
        <footer class="site-footer">
            <p>{move || index.title().unwrap_or_default()}</p>
        </footer>
    }
}
