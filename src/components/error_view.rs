use leptos::prelude::*;

use crate::api::ApiError;

/// Says what went wrong while loading and offers to try again.
#[component]
pub fn ErrorView(
    /// What failed, shown in words.
    error: ApiError,
    /// Called when the visitor asks to try again.
    #[prop(into)]
    on_retry: Callback<()>,
) -> impl IntoView {
    view! {
        <section class="error-view" role="alert" data-testid="error-view">
            <h1>"This page could not be loaded"</h1>
            <p>{error.to_string()}</p>
            <button type="button" class="button" data-testid="retry" on:click=move |_| on_retry.run(())>
                "Try again"
            </button>
        </section>
    }
}
