//! The number format of the calculator pages: the locale and currency the
//! site sets in `quire.toml`, with the currency a visitor chose (the
//! `currency=` query parameter) in its place.

use leptos::prelude::*;
use quire_calc::format::{self, Currency, NumberFormat};

use crate::site_index::SiteIndex;

/// The query parameter that carries the visitor's currency, e.g. `currency=EUR`.
pub const CURRENCY_PARAM: &str = "currency";

/// The site's format once its index has loaded; the default (US English,
/// dollars) before then and outside the app.
pub fn site_format() -> Memo<NumberFormat> {
    let index = use_context::<SiteIndex>();
    Memo::new(move |_| {
        index
            .and_then(|index| index.site())
            .and_then(|site| {
                NumberFormat::new(&site.number_format.locale, &site.number_format.currency).ok()
            })
            .unwrap_or_default()
    })
}

/// The currency a query string's [`CURRENCY_PARAM`] names, if it names one
/// quire formats.
pub fn chosen_currency<'a>(
    mut pairs: impl Iterator<Item = (&'a str, &'a str)>,
) -> Option<&'static Currency> {
    pairs
        .find(|(key, _)| *key == CURRENCY_PARAM)
        .and_then(|(_, code)| format::currency(code))
}

/// The page's format: the site's, in the chosen currency if there is one.
pub fn page_format(choice: Signal<Option<&'static Currency>>) -> Memo<NumberFormat> {
    let site = site_format();
    Memo::new(move |_| {
        let site = site.get();
        choice
            .get()
            .map_or(site, |currency| site.with_currency(currency))
    })
}
