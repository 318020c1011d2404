use leptos::prelude::*;
use leptos_router::components::A;

use crate::site_index::SiteIndex;

/// The contentinfo landmark at the bottom of every page: feeds, the site's
/// sections and its links elsewhere.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let index = expect_context::<SiteIndex>();
    let social = move || {
        index
            .site()
            .map(|site| site.social)
            .unwrap_or_default()
            .into_iter()
            .map(|link| view! { <li><a href=link.url rel="me noopener">{link.name}</a></li> })
            .collect_view()
    };
    view! {
        <footer class="site-footer">
            <div class="site-footer-inner">
                <p class="site-footer-title">{move || index.title().unwrap_or_default()}</p>
                <nav aria-label="Site">
                    <ul class="footer-links" role="list">
                        <li><A href="/posts">"All posts"</A></li>
                        <li><A href="/topics">"Topics"</A></li>
                        <li><A href="/calculators">"Calculators"</A></li>
                        <li><a href="/feed.xml">"RSS feed"</a></li>
                        <li><a href="/atom.xml">"Atom feed"</a></li>
                        {social}
                    </ul>
                </nav>
                <p class="site-footer-author">
                    {move || index.site().map(|site| format!("Written by {}", site.author)).unwrap_or_default()}
                </p>
            </div>
        </footer>
    }
}
