//! The currency a visitor reads a calculator in: a labelled select of every
//! currency quire formats.

use leptos::prelude::*;
use quire_calc::format::{self, Currency, NumberFormat};

use crate::number_format::CURRENCY_PARAM;

/// A labelled currency picker; picking one sets `choice`.
#[component]
pub fn CurrencyPicker(
    choice: RwSignal<Option<&'static Currency>>,
    fmt: Memo<NumberFormat>,
    /// Makes the id unique when several forms share a page.
    id_prefix: String,
) -> impl IntoView {
    let id = format!("{id_prefix}field-currency");
    view! {
        <div class="field field-currency">
            <label for=id.clone()>"Currency"</label>
            <div class="field-control">
                <select
                    id=id
                    name=CURRENCY_PARAM
                    on:change=move |ev| choice.set(format::currency(&event_target_value(&ev)))
                >
                    {format::CURRENCIES
                        .iter()
                        .map(|currency| {
                            view! {
                                <option
                                    value=currency.code
                                    selected=move || fmt.get().currency.code == currency.code
                                >
                                    {format!("{} ({})", currency.code, currency.name)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        </div>
    }
}
