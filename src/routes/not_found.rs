use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// Shown for unknown paths and for posts, pages, topics and tags that do not exist.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Title text="Page not found" />
        <section class="not-found" data-testid="not-found">
            <p class="kicker">"404"</p>
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. It may have moved, or the link may have a typo."</p>
            <ul>
                <li><A href="/">"The home page"</A></li>
                <li><A href="/posts">"All posts"</A></li>
                <li><A href="/topics">"Posts by topic"</A></li>
            </ul>
        </section>
    }
}
