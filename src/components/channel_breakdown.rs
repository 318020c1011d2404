//! The per-channel table under a calculator's results: a row per channel
//! (name, spend, revenue or customers) that the visitor adds and removes,
//! each row's ROAS or CAC and share of spend, and the blended figure. The
//! sums are `quire_calc::channels`; this only binds them to inputs.

use leptos::prelude::*;
use quire_calc::channels::{self, ChannelTable, Column, Metric, RowState, RowText};
use quire_calc::format::NumberFormat;

use crate::components::download_button::DownloadButton;

/// One row's cells as the inputs write them; `id` keys the row while others
/// are added and removed around it.
#[derive(Debug, Clone, Copy)]
pub struct ChannelRow {
    pub id: usize,
    pub name: RwSignal<String>,
    pub spend: RwSignal<String>,
    pub outcome: RwSignal<String>,
}

impl ChannelRow {
    pub fn new(id: usize, text: RowText) -> Self {
        ChannelRow {
            id,
            name: RwSignal::new(text.name),
            spend: RwSignal::new(text.spend),
            outcome: RwSignal::new(text.outcome),
        }
    }

    /// The row's text, tracked.
    pub fn text(&self) -> RowText {
        RowText {
            name: self.name.get(),
            spend: self.spend.get(),
            outcome: self.outcome.get(),
        }
    }
}

/// Rows to start with: the shared link's, or two empty ones to fill in.
pub fn initial_rows(from_query: Vec<RowText>) -> Vec<ChannelRow> {
    let texts = if from_query.is_empty() {
        vec![RowText::default(), RowText::default()]
    } else {
        from_query
    };
    texts
        .into_iter()
        .enumerate()
        .map(|(id, text)| ChannelRow::new(id, text))
        .collect()
}

#[component]
pub fn ChannelBreakdown(
    table: ChannelTable,
    rows: RwSignal<Vec<ChannelRow>>,
    /// ARPA × gross margin from the form, for each channel's payback.
    monthly_profit: Signal<Option<f64>>,
    /// The page's number format.
    fmt: Memo<NumberFormat>,
    /// Makes ids unique when several forms share a page.
    id_prefix: String,
) -> impl IntoView {
    let next_id = StoredValue::new(rows.with_untracked(|r| r.iter().map(|r| r.id + 1).max()));
    let breakdown = Memo::new(move |_| {
        let texts: Vec<RowText> = rows.with(|rows| rows.iter().map(ChannelRow::text).collect());
        table.breakdown(&texts, monthly_profit.get())
    });
    let with_payback = table.metric == Metric::Cac;
    let heading_id = format!("{id_prefix}channels-heading");
    let labelled_by = heading_id.clone();
    let add = move |_| {
        let id = next_id.get_value().unwrap_or(0);
        next_id.set_value(Some(id + 1));
        rows.update(|rows| rows.push(ChannelRow::new(id, RowText::default())));
    };
    let blended = move || breakdown.with(|b| b.blended);
    let blended_metric = move || match blended() {
        Some(b) => metric_text(&fmt.get(), table.metric, b.metric),
        None => "—".into(),
    };
    let caption = match table.metric {
        Metric::Roas => "Each channel's ROAS and share of the ad spend; the last row blends them.",
        Metric::Cac => {
            "Each channel's CAC, share of the spend and payback; the last row blends them."
        }
    };
    view! {
        <section class="channel-breakdown" aria-labelledby=labelled_by data-testid="channels">
            <h3 id=heading_id>"By channel"</h3>
            <div class="cohort-table-wrap" tabindex="0" role="region" aria-label="Channel table, scrollable">
                <table class="cohort-table channel-table">
                    <caption>{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Channel"</th>
                            <th scope="col">{table.spend.label}</th>
                            <th scope="col">{table.outcome.label}</th>
                            <th scope="col">{table.metric_label}</th>
                            <th scope="col">"Share of spend"</th>
                            {with_payback.then(|| view! { <th scope="col">"Payback"</th> })}
                            <th scope="col"><span class="visually-hidden">"Remove"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        // Redrawn only when a row is added or removed (typing
                        // changes a row's own signals): plainer, and much
                        // smaller in WASM, than a keyed list.
                        {move || {
                            rows.get()
                                .into_iter()
                                .map(|row| view! { <ChannelRowView row table rows breakdown with_payback fmt /> })
                                .collect_view()
                        }}
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">"Blended"</th>
                            <td>{move || blended().map(|b| fmt.get().money(b.spend)).unwrap_or_default()}</td>
                            <td>{move || blended().map(|b| outcome_text(&fmt.get(), table.metric, b.outcome)).unwrap_or_default()}</td>
                            <td data-testid="channel-blended">{blended_metric}</td>
                            <td>{move || blended().map(|b| if b.spend > 0.0 { "100.0%" } else { "" }).unwrap_or_default()}</td>
                            {with_payback.then(|| view! {
                                <td data-testid="channel-blended-payback">
                                    {move || blended().and_then(|b| b.payback_months).map(|m| fmt.get().months(m)).unwrap_or_default()}
                                </td>
                            })}
                            <td></td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <p class="field-help">
                {move || if blended().is_some() {
                    ""
                } else {
                    "The blended figure shows once every row has a spend and a number beside it."
                }}
            </p>
            <button
                type="button"
                class="button-secondary"
                on:click=add
                disabled=move || rows.with(|rows| rows.len() >= channels::MAX_ROWS)
            >
                "Add channel"
            </button>
            <DownloadButton
                label="Download table (CSV)"
                save=move || {
                    let csv = breakdown.with(|b| quire_calc::export::channels_csv(&table, b, &fmt.get()));
                    crate::download::save_csv(&format!("{}-by-channel.csv", table.metric_label.to_lowercase()), &csv)
                }
                testid="download-channels".to_string()
            />
        </section>
    }
}

/// One channel: its inputs, what it works out to, and its remove button.
#[component]
fn ChannelRowView(
    row: ChannelRow,
    table: ChannelTable,
    rows: RwSignal<Vec<ChannelRow>>,
    breakdown: Memo<quire_calc::channels::Breakdown>,
    with_payback: bool,
    fmt: Memo<NumberFormat>,
) -> impl IntoView {
    // The row's place moves as rows above it are removed.
    let position = move || rows.with(|rows| rows.iter().position(|r| r.id == row.id));
    let number = move || position().map_or(0, |p| p + 1);
    let state = move || position().and_then(|p| breakdown.with(|b| b.rows.get(p).cloned()));
    let problem_in = move |column: Column| {
        state().is_some_and(|s| matches!(s, RowState::Invalid(problems) if problems.iter().any(|(c, _)| *c == column)))
    };
    let line = move || match state() {
        Some(RowState::Line(line)) => Some(line),
        _ => None,
    };
    let metric = move || match state() {
        Some(RowState::Line(line)) => metric_text(&fmt.get(), table.metric, line.metric),
        Some(RowState::Invalid(problems)) => problems
            .first()
            .map(|(_, error)| error.to_string())
            .unwrap_or_default(),
        _ => String::new(),
    };
    let remove = move |_| rows.update(|rows| rows.retain(|r| r.id != row.id));
    view! {
        <tr class:channel-invalid=move || matches!(state(), Some(RowState::Invalid(_)))>
            <th scope="row">
                <input
                    type="text"
                    autocomplete="off"
                    aria-label=move || format!("Channel {} name", number())
                    placeholder=move || format!("Channel {}", number())
                    prop:value=move || row.name.get()
                    on:input=move |ev| row.name.set(event_target_value(&ev))
                />
            </th>
            {number_cell(number, table.spend.label, row.spend, move || problem_in(Column::Spend))}
            {number_cell(number, table.outcome.label, row.outcome, move || problem_in(Column::Outcome))}
            <td data-testid=move || format!("channel-metric-{}", number())>{metric}</td>
            <td data-testid=move || format!("channel-share-{}", number())>
                {move || line().and_then(|l| l.share_of_spend).map(|s| fmt.get().percent(s)).unwrap_or_default()}
            </td>
            {with_payback.then(|| view! {
                <td data-testid=move || format!("channel-payback-{}", number())>
                    {move || line().and_then(|l| l.payback_months).map(|m| fmt.get().months(m)).unwrap_or_default()}
                </td>
            })}
            <td>
                <button type="button" class="button-secondary" on:click=remove aria-label=move || format!("Remove channel {}", number())>
                    "Remove"
                </button>
            </td>
        </tr>
    }
}

/// One number cell of a channel row: its input, labelled with the row's
/// number and the column, and marked invalid when its text is not usable.
fn number_cell(
    number: impl Fn() -> usize + Send + Sync + Copy + 'static,
    label: &'static str,
    text: RwSignal<String>,
    invalid: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <td>
            <input
                type="text"
                inputmode="decimal"
                autocomplete="off"
                aria-label=move || format!("Channel {} {}", number(), label.to_lowercase())
                aria-invalid=move || invalid().to_string()
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            />
        </td>
    }
}

/// A channel's ROAS or CAC as read, or why it has none.
fn metric_text(fmt: &NumberFormat, metric: Metric, value: Option<f64>) -> String {
    match (metric, value) {
        (Metric::Roas, Some(roas)) => fmt.multiple(roas),
        (Metric::Roas, None) => "no spend".into(),
        (Metric::Cac, Some(cac)) => fmt.money(cac),
        (Metric::Cac, None) => "no customers yet".into(),
    }
}

fn outcome_text(fmt: &NumberFormat, metric: Metric, value: f64) -> String {
    match metric {
        Metric::Roas => fmt.money(value),
        Metric::Cac => fmt.count(value as u64, "customer"),
    }
}
