use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use quire_calc::form::FORM_CALCULATORS;

/// `/calculators`: every calculator, with what it answers.
#[component]
pub fn CalculatorsPage() -> impl IntoView {
    view! {
        <Title text="Calculators" />
        <Meta name="description" content="Growth calculators that show their working: ROAS, CAC payback and LTV." />
        <h1>"Calculators"</h1>
        <p class="lede">"Each calculator shows its formula and explains its result. Every result is a link you can share."</p>
        <ul class="calculator-list" role="list">
            {FORM_CALCULATORS
                .iter()
                .map(|c| view! {
                    <li>
                        <a href=format!("/calculators/{}", c.slug) data-testid=format!("calculator-link-{}", c.slug)>{c.name}</a>
                    </li>
                })
                .collect_view()}
        </ul>
    }
}
