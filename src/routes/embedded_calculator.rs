//! `/embed/calculators/:slug`: a calculator for other sites to frame. The
//! calculator, its results and the lead form, without the site's header and
//! footer; a link back to the calculator's own page says whose it is. The
//! page's script (`assets/embed-frame.js`, added by the build) sizes the
//! frame and learns which site frames it, for the lead.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use quire_calc::FORM_CALCULATORS;
use quire_model::route::{HeadContent, Route};

use crate::components::calculator_form::CalculatorForm;
use crate::components::cohort_calculator::CohortCalculator;
use crate::later::later;
use crate::routes::calculator::NeedsJavaScript;
use crate::routes::not_found::NotFoundPage;
use crate::site_index::SiteIndex;

#[component]
pub fn EmbeddedCalculatorPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    move || {
        let slug = slug.get();
        let Some((name, description)) = quire_calc::calculator_summary(&slug) else {
            return view! { <NotFoundPage /> }.into_any();
        };
        let route = Route::EmbeddedCalculator { slug: slug.clone() };
        let meta = crate::components::page_meta::route_meta(
            route,
            HeadContent::Calculator {
                name,
                description: &description,
            },
        );
        let calculator = if slug == quire_calc::cohort::SLUG {
            later(|| view! { <CohortCalculator /> }).into_any()
        } else {
            let form = FORM_CALCULATORS.iter().find(|c| c.slug == slug).copied();
            match form {
                Some(calculator) => {
                    later(move || view! { <CalculatorForm calculator framed=true /> }).into_any()
                }
                None => return view! { <NotFoundPage /> }.into_any(),
            }
        };
        view! {
            {meta}
            <div class="calculator-page embedded-calculator">
                <h1>{name}</h1>
                <NeedsJavaScript />
                {calculator}
                <Credit slug=slug.clone() name />
            </div>
        }
        .into_any()
    }
}

/// "ROAS calculator by <site>": the calculator's own page, opened outside
/// the frame.
#[component]
fn Credit(slug: String, name: &'static str) -> impl IntoView {
    let index = use_context::<SiteIndex>();
    let href = Route::Calculator { slug }.path();
    view! {
        <p class="embed-credit">
            <a href=href target="_blank" rel="noopener" data-testid="embed-credit">
                {name} " by " {move || index.and_then(|index| index.title()).unwrap_or_default()}
            </a>
        </p>
    }
}
