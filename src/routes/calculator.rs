use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use quire_calc::FORM_CALCULATORS;
use quire_model::route::{HeadContent, Route};

use crate::components::page_meta::route_meta;

use crate::components::calculator_form::CalculatorForm;
use crate::components::cohort_calculator::CohortCalculator;
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
                    <CohortCalculator />
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
                <CalculatorForm calculator />
            </div>
        }
        .into_any()
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

/// What a prerendered calculator says to a reader without JavaScript: the
/// page reads, but computing needs the app.
#[component]
fn NeedsJavaScript() -> impl IntoView {
    view! {
        <noscript>
            <p class="noscript">
                "This calculator computes in your browser: turn on JavaScript to use it."
            </p>
        </noscript>
    }
}
