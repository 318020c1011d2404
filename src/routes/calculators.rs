use leptos::prelude::*;
use quire_model::route::{HeadContent, Route};

use crate::components::page_meta::route_meta;

/// `/calculators`: every calculator, with what it answers.
#[component]
pub fn CalculatorsPage() -> impl IntoView {
    view! {
        {route_meta(Route::Calculators, HeadContent::None)}
        <h1>"Calculators"</h1>
        <p class="lede">"Each calculator shows its formula and explains its result. Every result is a link you can share."</p>
        <ul class="calculator-list" role="list">
            {quire_calc::all_calculators()
                .map(|(slug, name)| view! {
                    <li>
                        <a href=Route::Calculator { slug: slug.into() }.path() data-testid=format!("calculator-link-{slug}")>{name}</a>
                    </li>
                })
                .collect_view()}
        </ul>
    }
}
