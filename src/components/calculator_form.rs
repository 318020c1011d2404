use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use quire_calc::channels::{self, Metric};
use quire_calc::form::{
    needs_sentence, parse_in_order, Calculator, Field, ResultSpec, ResultState,
};

use crate::components::calculator_visuals::{visual_parts, visual_section};
use crate::components::channel_breakdown::{initial_rows, ChannelBreakdown, ChannelRow};
use crate::components::currency_picker::CurrencyPicker;
use crate::components::download_button::DownloadButton;
use crate::components::embed_snippet::EmbedSnippet;
use crate::components::lead_form::LeadForm;
use crate::components::scenario_panel::ScenarioPanel;
use crate::later::later;
use crate::number_format::{chosen_currency, page_format, CURRENCY_PARAM};
use crate::settle::settled;

/// A calculator's inputs and live results. Each input's text lives in a local
/// signal (what the visitor typed is never overwritten by a lagging URL
/// update); one effect writes all of them into the URL query at once, so
/// every result is a link and quick edits to several fields cannot race.
#[component]
pub fn CalculatorForm(
    /// Which calculator: its fields and result function.
    calculator: Calculator,
    /// Inside a post: the block's presets as a query string. The form then
    /// starts from them and leaves the page's URL alone; on its own page it
    /// starts from, and writes to, the URL query.
    #[prop(optional)]
    embedded: Option<Embedded>,
    /// Framed on another site (`/embed/calculators/…`): the URL query as on
    /// its own page, the lead form, none of the page's extras.
    #[prop(optional)]
    framed: bool,
) -> impl IntoView {
    let (initial, id_prefix): (Vec<(String, String)>, String) = match &embedded {
        Some(embedded) => (
            form_urlencoded::parse(embedded.query.as_bytes())
                .into_owned()
                .collect(),
            format!("{}-", embedded.id),
        ),
        None => (
            use_query_map()
                .get_untracked()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            String::new(),
        ),
    };
    let texts: Vec<RwSignal<String>> = calculator
        .fields
        .iter()
        .map(|field| {
            let value = initial
                .iter()
                .find(|(k, _)| k == field.key)
                .map(|(_, v)| v.clone());
            RwSignal::new(value.unwrap_or_default())
        })
        .collect();
    let texts = StoredValue::new(texts);
    // The calculator page's own extras (channel table, currency picker);
    // a form inside a post stays compact.
    let page = crate::PAGE_EXTRAS && embedded.is_none() && !framed;
    let channel_rows = calculator.channels.filter(|_| page).map(|_| {
        let pairs = initial.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        RwSignal::new(initial_rows(channels::rows_from_query(pairs)))
    });

    let currency = RwSignal::new(chosen_currency(
        initial.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    ));
    let fmt = page_format(currency.into());

    // The scenarios compared, from the link; only on the calculator's page.
    let compared = page.then(|| {
        RwSignal::new(crate::scenario_store::compared_in(
            initial.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        ))
    });
    let form = FormState {
        calculator,
        texts,
        channel_rows,
        currency,
    };
    // The inputs as URL query pairs once typing pauses: what the page's URL
    // and its embed snippet follow (neither is read mid-word).
    let settled_inputs = embedded
        .is_none()
        .then(|| settled(Memo::new(move |_| form.query_pairs()), URL_SETTLE));
    if let Some(inputs) = settled_inputs {
        mirror_into_url(inputs, compared);
    }
    let results_heading = format!("{id_prefix}results-heading");
    let results_heading_ref = results_heading.clone();

    // Each field's text checked on its own, and every result's state: a
    // result shows as soon as the inputs it needs are there.
    let parsed = Memo::new(move |_| {
        let current: Vec<String> = texts.with_value(|t| t.iter().map(|s| s.get()).collect());
        parse_in_order(calculator.fields, &current)
    });
    let results = Memo::new(move |_| {
        let fmt = fmt.get();
        parsed.with(|parsed| calculator.evaluate(parsed, &fmt))
    });
    let visuals_prefix = id_prefix.clone();
    // A framed calculator stays short: its results, without charts (and
    // without the settling that would draw them after each key press).
    let visuals = (!framed).then(|| {
        let values = Memo::new(move |_| parsed.with(|p| p.values.clone()));
        visual_parts(calculator.slug)
            .iter()
            .map(|part| visual_section(part, values, fmt.into(), visuals_prefix.clone(), page))
            .collect_view()
    });

    let channel_prefix = id_prefix.clone();
    let channel_table = move || {
        let (table, rows) = calculator.channels.zip(channel_rows)?;
        let monthly_profit = Signal::derive(move || match table.metric {
            Metric::Cac => parsed.with(|p| quire_calc::cac::monthly_profit_per_customer(&p.values)),
            Metric::Roas => None,
        });
        Some(view! { <ChannelBreakdown table rows monthly_profit fmt id_prefix=channel_prefix /> })
    };

    let picker_prefix = id_prefix.clone();
    let fields = calculator
        .fields
        .iter()
        .enumerate()
        .map(|(i, field)| {
            let text = texts.with_value(|t| t[i]);
            view! { <NumberField field=*field text id_prefix=id_prefix.clone() /> }
        })
        .collect_view();

    // Only a calculator on its own page (or framed elsewhere) asks for an
    // email; one inside a post does not, so the whole site's release app,
    // which draws calculators only inside posts, carries no lead form.
    let lead_form = move || {
        (crate::PAGE_EXTRAS && embedded.is_none()).then(|| {
            let inputs = Signal::derive(move || {
                form.lead_inputs(fmt.get().currency.code)
                    .into_iter()
                    .collect()
            });
            let shown = Signal::derive(move || {
                results.with(|states| {
                    states
                        .iter()
                        .filter_map(ResultState::ready)
                        .map(|line| (line.id.to_string(), line.value.clone()))
                        .collect()
                })
            });
            view! { <LeadForm calculator=calculator.slug inputs results=shown /> }
        })
    };

    let downloads = page.then(|| {
        let save = move || {
            let csv = parsed.with(|parsed| {
                results.with(|results| {
                    quire_calc::export::results_csv(&calculator, parsed, results, &fmt.get())
                })
            });
            crate::download::save_csv(&format!("{}-results.csv", calculator.slug), &csv)
        };
        view! {
            <p class="downloads">
                <DownloadButton label="Download results (CSV)" save testid="download-results".to_string() />
            </p>
        }
    });

    let scenarios = move || {
        compared.map(|compared| {
            let current = Signal::derive(move || form.query_pairs());
            let load = Callback::new(move |scenario: quire_calc::scenarios::Scenario| {
                form.load(&scenario)
            });
            view! { <ScenarioPanel calculator current compared load fmt /> }
        })
    };
    let snippet = move || {
        settled_inputs.filter(|_| page).map(|inputs| {
            let query =
                Signal::derive(move || inputs.with(|pairs| crate::scenario_store::to_query(pairs)));
            view! { <EmbedSnippet calculator=calculator.slug name=calculator.name query /> }
        })
    };

    // What the first stage of a shared link (crates/figures) reads from the
    // prerendered form: which calculator, and the site's number format.
    let site = crate::number_format::site_format().get_untracked();
    view! {
        <div
            class="calculator"
            data-calculator=calculator.slug
            data-locale=site.locale.tag
            data-currency=site.currency.code
        >
            <form class="calculator-inputs" on:submit=|ev| ev.prevent_default() novalidate>
                {later(move || fields)}
                {later(move || page.then(|| view! { <CurrencyPicker choice=currency fmt id_prefix=picker_prefix /> }))}
            </form>
            <section class="calculator-results" aria-live="polite" aria-labelledby=results_heading_ref>
                <h2 id=results_heading>"Results"</h2>
                {later(move || view! { <dl class="result-list">
                    {result_items(calculator, results)}
                </dl> })}
                {later(move || downloads)}
            </section>
            {later(channel_table)}
            {later(move || visuals)}
            {later(scenarios)}
            {later(lead_form)}
            {later(snippet)}
        </div>
    }
}

/// The results, one element each that stays in place while the visitor
/// types: a key press rewrites the texts that changed, not the list (which
/// restyled and laid out every result on every key).
fn result_items(calculator: Calculator, results: Memo<Vec<ResultState>>) -> impl IntoView {
    calculator
        .results
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            let state = Memo::new(move |_| results.with(|all| all.get(i).cloned()));
            result_item(spec, state)
        })
        .collect_view()
}

/// Which of a result's three forms it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ResultShows {
    Value,
    Needs,
    Problem,
}

/// One result: its value, formula and meaning once ready; before then, the
/// formula and the inputs it still needs, so the visitor sees what each
/// number is made of while filling the form. Its elements change only when
/// its form does; otherwise only their text follows the inputs.
fn result_item(spec: &'static ResultSpec, state: Memo<Option<ResultState>>) -> impl IntoView {
    let shows = Memo::new(move |_| {
        state.with(|state| match state {
            Some(ResultState::Ready(_)) => ResultShows::Value,
            Some(ResultState::Problem { .. }) => ResultShows::Problem,
            Some(ResultState::Waiting { .. }) | None => ResultShows::Needs,
        })
    });
    let text = move |part: fn(&ResultState) -> Option<String>| {
        move || state.with(|state| state.as_ref().and_then(part).unwrap_or_default())
    };
    let value = text(|state| state.ready().map(|line| line.value.clone()));
    let explanation = text(|state| state.ready().map(|line| line.explanation.clone()));
    let needs = text(|state| match state {
        ResultState::Waiting { needs, .. } => Some(needs_sentence(needs)),
        _ => None,
    });
    let message = text(|state| match state {
        ResultState::Problem { message, .. } => Some(message.clone()),
        _ => None,
    });
    let parts = move || match shows.get() {
        ResultShows::Value => view! {
            <dd class="result-value" data-testid=format!("result-{}", spec.id)>{value}</dd>
            <dd class="result-formula"><code>{spec.formula}</code></dd>
            <dd class="result-explanation">{explanation}</dd>
        }
        .into_any(),
        ResultShows::Needs => view! {
            <dd class="result-waiting" data-testid=format!("waiting-{}", spec.id)>{needs}</dd>
            <dd class="result-formula"><code>{spec.formula}</code></dd>
        }
        .into_any(),
        ResultShows::Problem => view! {
            <dd class="result-problem" data-testid=format!("problem-{}", spec.id)>{message}</dd>
        }
        .into_any(),
    };
    view! {
        <div class="result" class:result-pending=move || shows.get() != ResultShows::Value>
            <dt>{spec.label}</dt>
            {parts}
        </div>
    }
}

/// Where an embedded form lives: the placeholder's id and the block's presets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embedded {
    pub id: String,
    pub query: String,
}

/// One labelled input with its help line and, when the text is not usable,
/// an inline message tied to it for screen readers.
#[component]
fn NumberField(
    /// What the input is for.
    field: Field,
    /// The visitor's text.
    text: RwSignal<String>,
    /// Makes ids unique when several forms share a page.
    id_prefix: String,
) -> impl IntoView {
    let id = format!("{id_prefix}field-{}", field.key);
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    // An empty field is not an error yet: the results say what is still needed.
    let error = Memo::new(move |_| {
        let value = text.get();
        (!value.trim().is_empty())
            .then(|| field.parse(Some(&value)).err())
            .flatten()
            .map(|e| e.to_string())
    });
    let described_by = {
        let (help_id, error_id) = (help_id.clone(), error_id.clone());
        move || {
            if error.get().is_some() {
                format!("{help_id} {error_id}")
            } else {
                help_id.clone()
            }
        }
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>
                {field.label}
                {(!field.required).then(|| view! { <span class="field-optional">" (optional)"</span> })}
            </label>
            <div class="field-control">
                <input
                    id=id
                    name=field.key
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby=described_by
                />
                {field.is_percent().then(|| view! { <span class="field-unit" aria-hidden="true">"%"</span> })}
            </div>
            <p class="field-help" id=help_id>{field.help}</p>
            <p class="field-error" id=error_id data-testid=format!("error-{}", field.key)>
                {move || error.get()}
            </p>
        </div>
    }
}

/// How long typing pauses before the URL follows. Replacing the history
/// entry is a router navigation, one task of about 30 ms with the CPU
/// slowed 4× (half of it Chromium's own); nobody shares a link mid-word.
/// Longer than a visitor's move from one field to the next (a click and
/// a select-all, 250–400 ms), where it landed on that click or the first
/// key after it; a second's pause is one where the visitor is reading.
const URL_SETTLE: Duration = Duration::from_millis(1000);

/// The form's inputs as signals: what the URL, scenarios and leads read.
#[derive(Clone, Copy)]
struct FormState {
    calculator: Calculator,
    texts: StoredValue<Vec<RwSignal<String>>>,
    channel_rows: Option<RwSignal<Vec<ChannelRow>>>,
    currency: RwSignal<Option<&'static quire_calc::format::Currency>>,
}

impl FormState {
    /// The non-empty inputs as URL query pairs, tracked: the fields, the
    /// channel rows, the chosen currency.
    fn query_pairs(&self) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = self.texts.with_value(|texts| {
            self.calculator
                .fields
                .iter()
                .zip(texts)
                .map(|(field, text)| (field.key.to_string(), text.get()))
                .filter(|(_, text)| !text.is_empty())
                .collect()
        });
        for row in filled_channels(self.channel_rows) {
            pairs.push((channels::PARAM.to_string(), row.to_param()));
        }
        if let Some(currency) = self.currency.get() {
            pairs.push((CURRENCY_PARAM.to_string(), currency.code.to_string()));
        }
        pairs
    }

    /// The inputs as a lead carries them: channel rows numbered
    /// (`channel_1`, `channel_2`, …) and always the page's currency.
    fn lead_inputs(&self, currency_code: &str) -> Vec<(String, String)> {
        let mut channel = 0;
        let mut pairs: Vec<(String, String)> = self
            .query_pairs()
            .into_iter()
            .filter(|(key, _)| key != CURRENCY_PARAM)
            .map(|(key, value)| {
                if key == channels::PARAM {
                    channel += 1;
                    (format!("{key}_{channel}"), value)
                } else {
                    (key, value)
                }
            })
            .collect();
        pairs.push((CURRENCY_PARAM.to_string(), currency_code.to_string()));
        pairs
    }

    /// Puts a saved scenario's inputs in place of the visitor's.
    fn load(&self, scenario: &quire_calc::scenarios::Scenario) {
        self.texts.with_value(|texts| {
            for (field, text) in self.calculator.fields.iter().zip(texts) {
                text.set(scenario.input(field.key).unwrap_or_default().to_string());
            }
        });
        let pairs = || {
            scenario
                .inputs
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
        };
        if let Some(rows) = self.channel_rows {
            rows.set(initial_rows(channels::rows_from_query(pairs())));
        }
        self.currency.set(chosen_currency(pairs()));
    }
}

/// Keeps the URL query equal to the non-empty fields once typing settles
/// (and to the scenarios compared), replacing the history entry so typing
/// does not flood the back button.
fn mirror_into_url(
    inputs: ReadSignal<Vec<(String, String)>>,
    compared: Option<RwSignal<Vec<quire_calc::scenarios::Scenario>>>,
) {
    let navigate = use_navigate();
    let location = use_location();
    let query = Memo::new(move |_| {
        let mut pairs = inputs.get();
        if let Some(compared) = compared {
            compared.with(|list| {
                for scenario in list {
                    pairs.push((
                        quire_calc::scenarios::PARAM.to_string(),
                        crate::scenario_store::to_param(scenario),
                    ));
                }
            });
        }
        crate::scenario_store::to_query(&pairs)
    });
    Effect::new(move |previous: Option<String>| {
        let query = query.get();
        // The first run only records what the page was opened with.
        if previous.is_some_and(|p| p != query) {
            let path = location.pathname.get_untracked();
            let url = if query.is_empty() {
                path
            } else {
                format!("{path}?{query}")
            };
            navigate(
                &url,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
        query
    });
}

/// The channel rows with anything typed in them, tracked.
fn filled_channels(rows: Option<RwSignal<Vec<ChannelRow>>>) -> Vec<quire_calc::channels::RowText> {
    rows.map(|rows| {
        rows.with(|rows| {
            rows.iter()
                .map(ChannelRow::text)
                .filter(|text| !text.is_blank())
                .collect()
        })
    })
    .unwrap_or_default()
}
