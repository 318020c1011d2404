use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use quire_calc::FORM_CALCULATORS;
use quire_model::route::{HeadContent, Route};

use crate::components::page_meta::route_meta;
use crate::later::later;

use crate::components::calculator_form::CalculatorForm;
use crate::components::cohort_calculator::CohortCalculator;
use crate::components::embed_snippet::EmbedSnippet;
use crate::routes::not_found::NotFoundPage;

/// `/calculators/:slug`: one calculator (a form, or the cohort analysis), or not found.
#[component]
pub fn CalculatorPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    move || {
        if slug.get() == quire_calc::cohort::SLUG {
            return view! {
                {calculator_meta(quire_calc::cohort::SLUG)}
                <div class="calculator-page">
                    <p class="breadcrumb"><a href="/calculators">"Calculators"</a></p>
                    <h1>{quire_calc::cohort::NAME}</h1>
                    <NeedsJavaScript />
                    {later(|| view! { <CohortCalculator /> })}
                    {later(cohort_snippet)}
                    {later(|| view! { <PrintAddress /> })}
                </div>
            }
            .into_any();
        }
        let Some(calculator) = FORM_CALCULATORS
            .iter()
            .find(|c| c.slug == slug.get())
            .copied()
        else {
            return view! { <NotFoundPage /> }.into_any();
        };
        view! {
            {calculator_meta(calculator.slug)}
            <div class="calculator-page">
                <p class="breadcrumb"><a href="/calculators">"Calculators"</a></p>
                <h1>{calculator.name}</h1>
                <NeedsJavaScript />
                {later(move || view! { <CalculatorForm calculator /> })}
                {later(|| view! { <PrintAddress /> })}
            </div>
        }
        .into_any()
    }
}

/// The cohort calculator's embed snippet: its data never leaves the
/// device, so the snippet carries only the page's settings (the currency).
fn cohort_snippet() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let query = Signal::derive(move || location.search.get().trim_start_matches('?').to_string());
    view! {
        <EmbedSnippet calculator=quire_calc::cohort::SLUG name=quire_calc::cohort::NAME query />
    }
}

/// The head of the calculator at `slug`.
fn calculator_meta(slug: &'static str) -> impl IntoView {
    quire_calc::calculator_summary(slug).map(|(name, description)| {
        route_meta(
            Route::Calculator { slug: slug.into() },
            HeadContent::Calculator {
                name,
                description: &description,
            },
        )
    })
}

/// On paper only: the address of the page with the visitor's inputs, so a
/// printout leads back to the live calculator. The origin is the browser's
/// own, set after hydration (the prerendered page cannot know which host
/// serves it).
#[component]
fn PrintAddress() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let origin = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(here) = web_sys::window().and_then(|w| w.location().origin().ok()) {
            origin.set(here);
        }
    });
    let address = move || {
        let query = location.search.get();
        let query = query.trim_start_matches('?');
        let path = location.pathname.get();
        if query.is_empty() {
            format!("{}{path}", origin.get())
        } else {
            format!("{}{path}?{query}", origin.get())
        }
    };
    view! {
        <p class="print-only" data-testid="print-address">
            "These figures, live: " <a href=address>{address}</a>
        </p>
    }
}

/// What a prerendered calculator says to a reader without JavaScript: the
/// page reads, but computing needs the app.
#[component]
pub fn NeedsJavaScript() -> impl IntoView {
    view! {
        <noscript>
            <p class="noscript">
                "This calculator computes in your browser: turn on JavaScript to use it."
            </p>
        </noscript>
    }
}
