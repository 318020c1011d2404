use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// Shown for unknown paths and for posts that do not exist.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Title text="Page not found" />
        <section class="not-found" data-testid="not-found">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. It may have moved, or the link may have a typo."</p>
            <p><A href="/">"Go to the home page"</A></p>
        </section>
    }
}
