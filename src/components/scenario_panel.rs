//! Named scenarios on a calculator's page: save the inputs under a name (in
//! this browser only), load one back, and tick two or three to see them side
//! by side with their differences. The ticked ones are part of the page's
//! URL, so a comparison is a link; the sums are `quire_calc::scenarios`.

use leptos::prelude::*;
use quire_calc::form::Calculator;
use quire_calc::format::NumberFormat;
use quire_calc::scenarios::{check_name, compare, Comparison, RowKind, Scenario, MAX_COMPARED};

use crate::scenario_store;

#[component]
pub fn ScenarioPanel(
    calculator: Calculator,
    /// The form's inputs now, as URL query pairs.
    current: Signal<Vec<(String, String)>>,
    /// The scenarios compared (in the URL).
    compared: RwSignal<Vec<Scenario>>,
    /// Puts a scenario's inputs into the form.
    load: Callback<Scenario>,
    fmt: Memo<NumberFormat>,
) -> impl IntoView {
    let slug = calculator.slug;
    let saved = RwSignal::new(Vec::<Scenario>::new());
    // Storage is read in the browser only, after hydration, so the
    // prerendered page and the first render agree.
    Effect::new(move |_| saved.set(scenario_store::saved(slug)));
    let name = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let notice = RwSignal::new(String::new());

    let on_save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = check_name(&name.get_untracked())
            .map_err(|e| e.to_string())
            .and_then(|checked| {
                let scenario = Scenario {
                    name: checked,
                    inputs: current.get_untracked(),
                };
                scenario_store::save(slug, scenario.clone())
                    .map(|list| (list, scenario))
                    .map_err(|e| e.to_string())
            });
        match result {
            Ok((list, scenario)) => {
                saved.set(list);
                // A compared scenario saved again under its name shows its new inputs.
                compared.update(|c| {
                    if let Some(same) = c.iter_mut().find(|s| s.name == scenario.name) {
                        *same = scenario.clone();
                    }
                });
                notice.set(format!("Saved \u{201c}{}\u{201d}.", scenario.name));
                name.set(String::new());
                problem.set(None);
            }
            Err(message) => problem.set(Some(message)),
        }
    };

    // Saved ones, then any compared from a link that this browser has not saved.
    let listed = move || {
        let mut list = saved.get();
        for scenario in compared.get() {
            if !list.iter().any(|s| s.name == scenario.name) {
                list.push(scenario);
            }
        }
        list
    };
    let comparison = Memo::new(move |_| {
        compared.with(|c| (c.len() >= 2).then(|| compare(&calculator, c, &fmt.get())))
    });

    view! {
        <section class="scenarios" aria-labelledby="scenarios-heading" data-testid="scenarios">
            <h2 id="scenarios-heading">"Scenarios"</h2>
            <p class="field-help">
                "Save these inputs under a name (kept in this browser only), then tick two or three to compare them side by side. The comparison is part of this page's link."
            </p>
            <form class="scenario-save" on:submit=on_save novalidate>
                <label for="scenario-name">"Scenario name"</label>
                <input
                    id="scenario-name"
                    data-testid="scenario-name"
                    type="text"
                    autocomplete="off"
                    maxlength=quire_calc::scenarios::MAX_NAME.to_string()
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                    aria-invalid=move || problem.with(Option::is_some).to_string()
                    aria-describedby="scenario-problem"
                />
                <button type="submit" class="button-secondary" data-testid="scenario-save">"Save scenario"</button>
                <p class="field-error" id="scenario-problem" role="alert">{move || problem.get()}</p>
                <p class="visually-hidden" role="status">{move || notice.get()}</p>
            </form>
            <ul class="scenario-list" role="list">
                {move || listed().into_iter().map(|scenario| {
                    view! { <ScenarioItem scenario saved compared load slug /> }
                }).collect_view()}
            </ul>
            {move || comparison.get().map(comparison_table)}
        </section>
    }
}

/// One scenario in the list: its compare box, and load and delete buttons.
#[component]
fn ScenarioItem(
    scenario: Scenario,
    saved: RwSignal<Vec<Scenario>>,
    compared: RwSignal<Vec<Scenario>>,
    load: Callback<Scenario>,
    slug: &'static str,
) -> impl IntoView {
    let name = scenario.name.clone();
    let is_saved = saved.with_untracked(|s| s.iter().any(|x| x.name == name));
    let checked = {
        let name = name.clone();
        move || compared.with(|c| c.iter().any(|s| s.name == name))
    };
    let full = move || compared.with(|c| c.len() >= MAX_COMPARED);
    let toggle = {
        let scenario = scenario.clone();
        move |ev| {
            let on = event_target_checked(&ev);
            compared.update(|c| {
                c.retain(|s| s.name != scenario.name);
                if on && c.len() < MAX_COMPARED {
                    c.push(scenario.clone());
                }
            });
        }
    };
    let delete = {
        let name = name.clone();
        move |_| {
            if let Ok(list) = scenario_store::delete(slug, &name) {
                saved.set(list);
            }
        }
    };
    let to_load = scenario.clone();
    let disabled = {
        let checked = checked.clone();
        move || full() && !checked()
    };
    view! {
        <li class="scenario">
            <label>
                <input type="checkbox" prop:checked=checked on:change=toggle disabled=disabled />
                " Compare "
                <strong>{name.clone()}</strong>
                {(!is_saved).then(|| view! { <span class="field-optional">" (from the link)"</span> })}
            </label>
            <button type="button" class="button-secondary download-button" on:click=move |_| load.run(to_load.clone())>
                "Load" <span class="visually-hidden">{format!(" {name}")}</span>
            </button>
            {is_saved.then(|| view! {
                <button type="button" class="button-secondary download-button" on:click=delete>
                    "Delete" <span class="visually-hidden">{format!(" {}", scenario.name)}</span>
                </button>
            })}
        </li>
    }
}

fn comparison_table(comparison: Comparison) -> impl IntoView {
    let first = comparison.names[0].clone();
    let header = comparison
        .names
        .iter()
        .map(|n| view! { <th scope="col">{n.clone()}</th> })
        .chain(
            comparison.names[1..]
                .iter()
                .map(|n| view! { <th scope="col">{format!("{n} vs {first}")}</th> }),
        )
        .collect_view();
    let columns = 1 + comparison.names.len() * 2 - 1;
    let group = |kind: RowKind, title: &'static str| {
        let rows = comparison
            .rows
            .iter()
            .filter(|r| r.kind == kind)
            .map(|row| {
                view! {
                    <tr>
                        <th scope="row">{row.label}</th>
                        {row.cells.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}
                        {row.differences.iter().map(|d| view! {
                            <td class="difference">{d.clone().unwrap_or_else(|| "—".into())}</td>
                        }).collect_view()}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <tbody>
                <tr><th scope="colgroup" colspan=columns.to_string() class="comparison-group">{title}</th></tr>
                {rows}
            </tbody>
        }
    };
    view! {
        <div class="cohort-table-wrap" tabindex="0" role="region" aria-label="Scenario comparison, scrollable">
            <table class="cohort-table comparison-table" data-testid="scenario-comparison">
                <caption>{format!("Scenarios side by side; each difference is against \u{201c}{first}\u{201d}.")}</caption>
                <thead><tr><th scope="col"><span class="visually-hidden">"Item"</span></th>{header}</tr></thead>
                {group(RowKind::Input, "Inputs")}
                {group(RowKind::Result, "Results")}
            </table>
        </div>
    }
}
