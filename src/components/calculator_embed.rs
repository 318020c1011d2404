//! Live calculators inside compiled HTML. The compiler leaves a placeholder
//! (a box with a plain link) for each calculator block; once the body is in
//! the page, each placeholder gets the real calculator, preset by its block.

use std::any::Any;

use leptos::prelude::*;
use quire_model::CalculatorEmbed;
use wasm_bindgen::JsCast;

use crate::components::calculator_form::{CalculatorForm, Embedded};
use crate::components::cohort_calculator::CohortPreset;

/// Mounts a calculator into each of `embeds`' placeholders inside `body`,
/// once the body is in the document. They are unmounted with the page.
pub fn mount_calculators(body: NodeRef<leptos::html::Div>, embeds: Vec<CalculatorEmbed>) {
    if embeds.is_empty() {
        return;
    }
    // Dropping a handle unmounts its calculator; they live as long as the page.
    let mounted = StoredValue::new_local(Vec::<Box<dyn Any>>::new());
    Effect::new(move |_| {
        let Some(body) = body.get() else {
            return;
        };
        if mounted.with_value(|m| !m.is_empty()) {
            return;
        }
        for embed in &embeds {
            let Some(slot) = body
                .query_selector(&format!("#{}", embed.id))
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            else {
                continue;
            };
            let embed = embed.clone();
            slot.set_inner_html("");
            let handle = leptos::mount::mount_to(slot, move || view! { <LiveCalculator embed /> });
            mounted.update_value(|m| m.push(Box::new(handle)));
        }
    });
}

/// One embedded calculator: its name (linking to its own page) and the calculator.
#[component]
fn LiveCalculator(embed: CalculatorEmbed) -> impl IntoView {
    let name = quire_calc::all_calculators()
        .find(|(slug, _)| *slug == embed.calculator)
        .map_or("Calculator", |(_, name)| name);
    let href = quire_model::route::Route::Calculator {
        slug: embed.calculator.clone(),
    }
    .with_query(&embed.query);
    let calculator = if embed.calculator == quire_calc::cohort::SLUG {
        view! { <CohortPreset csv=embed.csv.unwrap_or_default() /> }.into_any()
    } else {
        match quire_calc::FORM_CALCULATORS
            .iter()
            .find(|c| c.slug == embed.calculator)
        {
            Some(form) => view! {
                <CalculatorForm calculator=*form embedded=Embedded { id: embed.id.clone(), query: embed.query.clone() } />
            }
            .into_any(),
            // A bundle from a newer compiler naming a calculator this app lacks: keep the link.
            None => ().into_any(),
        }
    };
    view! {
        <p class="calculator-embed-title" data-testid=format!("embedded-{}", embed.calculator)>
            <a href=href>{name}</a>
        </p>
        {calculator}
    }
}
