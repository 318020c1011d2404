//! The number format of the calculator pages: the locale and currency the
//! site sets in `quire.toml`, with the currency a visitor chose (the
//! `currency=` query parameter) in its place.

use leptos::prelude::*;
pub use quire_calc::format::{chosen_currency, CURRENCY_PARAM};
use quire_calc::format::{Currency, NumberFormat};

use crate::site_index::SiteIndex;

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
