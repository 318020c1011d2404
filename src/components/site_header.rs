use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::SiteIndex;

/// The banner on every page: the site's name, linking home.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let index = expect_context::<SiteIndex>();
    view! {
        <header class="site-header">
            <nav class="site-nav" aria-label="Main">
                <A href="/" attr:class="site-title">
                    {move || index.title().unwrap_or_default()}
                </A>
                <ul class="site-links" role="list">
                    <li><A href="/calculators">"Calculators"</A></li>
                </ul>
            </nav>
        </header>
    }
}
