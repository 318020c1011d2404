use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::page_meta::Description;

/// `/calculators`: every calculator, with what it answers.
#[component]
pub fn CalculatorsPage() -> impl IntoView {
    view! {
        <Title text="Calculators" />
        <Description content="Growth calculators that show their working: ROAS, CAC payback, LTV and cohort retention." />
        <h1>"Calculators"</h1>
        <p class="lede">"Each calculator shows its formula and explains its result. Every result is a link you can share."</p>
        <ul class="calculator-list" role="list">
            {quire_calc::all_calculators()
                .map(|(slug, name)| view! {
                    <li>
                        <a href=format!("/calculators/{slug}") data-testid=format!("calculator-link-{slug}")>{name}</a>
                    </li>
                })
                .collect_view()}
        </ul>
    }
}
