use leptos::prelude::*;

/// A placeholder with the shape of what is loading, so nothing jumps when it arrives.
#[component]
pub fn Loading(
    /// What is loading, for screen readers.
    #[prop(into)]
    label: String,
    /// How many lines of placeholder text to draw.
    #[prop(default = 3)]
    lines: usize,
) -> impl IntoView {
    view! {
        <div class="loading" aria-busy="true" aria-live="polite" data-testid="loading">
            <span class="visually-hidden">{label}</span>
            {(0..lines).map(|_| view! { <div class="loading-line" aria-hidden="true"></div> }).collect_view()}
        </div>
    }
}
