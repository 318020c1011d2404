//! A button that saves a file the page makes on the spot (CSV of a table,
//! a chart as SVG or PNG), with the reason beside it if the browser could
//! not make it.

use leptos::prelude::*;

use crate::download::DownloadError;

#[component]
pub fn DownloadButton(
    /// The button's text; it names the format ("Download results (CSV)").
    label: &'static str,
    /// Makes and saves the file when clicked.
    save: impl Fn() -> Result<(), DownloadError> + Send + Sync + 'static,
    /// `data-testid` for tests.
    testid: String,
) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    view! {
        <button
            type="button"
            class="button-secondary download-button"
            data-testid=testid
            on:click=move |_| problem.set(save().err().map(|e| e.to_string()))
        >
            {label}
        </button>
        {move || problem.get().map(|message| view! { <span class="field-error" role="alert">{message}</span> })}
    }
}
