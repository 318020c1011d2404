use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::site_search::SiteSearch;
use crate::components::theme_toggle::ThemeToggle;
use crate::site_index::SiteIndex;

/// The banner on every page: the site's name, the main navigation (the
/// current section marked with `aria-current`), the search box and the
/// theme switch.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let index = expect_context::<SiteIndex>();
    let menu = move || {
        index
            .site()
            .map(|site| site.menu)
            .unwrap_or_default()
            .into_iter()
            .map(|link| view! { <li><A href=link.url>{link.name}</A></li> })
            .collect_view()
    };
    view! {
        <header class="site-header">
            <div class="site-header-inner">
                <A href="/" attr:class="site-title">
                    {move || index.title().unwrap_or_default()}
                </A>
                <nav class="site-nav" aria-label="Main">
                    <ul class="site-links" role="list">
                        <li><A href="/topics">"Topics"</A></li>
                        <li><A href="/calculators">"Calculators"</A></li>
                        {menu}
                    </ul>
                </nav>
                <SiteSearch />
                <ThemeToggle />
            </div>
        </header>
    }
}
