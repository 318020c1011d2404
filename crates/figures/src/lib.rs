//! The first stage of a calculator page opened from a shared link
//! (`/calculators/roas?revenue=…`): it puts the link's inputs in the
//! prerendered form and writes every result the calculators' app would
//! show, in a WebAssembly without Leptos (65 KB brotli, where the app is
//! 350 KB), so the figures come long before the app would. The app then
//! starts as it does on a blank form: on the reader's first reach for a
//! control, or when they near the charts and tables under the results,
//! which it draws (`assets/start.js`).
//!
//! What a form shows for its texts is [`Figures`], worked out by
//! `quire_calc` exactly as the app works it out; the DOM writing is in
//! `page`, and writes the elements `CalculatorForm` (src/components/
//! calculator_form.rs) draws, which the end-to-end tests compare.

use quire_calc::form::{parse_in_order, Calculator, ResultState};
use quire_calc::format::{chosen_currency, Currency, NumberFormat};
use quire_calc::FORM_CALCULATORS;

#[cfg(target_arch = "wasm32")]
mod page;

/// A form calculator by its slug; `None` for the cohort analysis, whose
/// page has no figures to work out from a link.
pub fn calculator(slug: &str) -> Option<Calculator> {
    FORM_CALCULATORS.iter().copied().find(|c| c.slug == slug)
}

/// Each field's text in a query, in the form's order: the first value of
/// its parameter, empty when the link does not give it (as the app reads it).
pub fn texts_in(calculator: &Calculator, query: &str) -> Vec<String> {
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
            .into_owned()
            .collect();
    calculator
        .fields
        .iter()
        .map(|field| {
            pairs
                .iter()
                .find(|(key, _)| key == field.key)
                .map(|(_, value)| value.clone())
                .unwrap_or_default()
        })
        .collect()
}

/// The currency a query names, if quire formats it.
pub fn currency_in(query: &str) -> Option<&'static Currency> {
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
            .into_owned()
            .collect();
    chosen_currency(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// The page's number format: the site's locale and currency (the prerendered
/// form's `data-locale` and `data-currency`), in the visitor's currency if
/// they chose one.
pub fn page_format(
    locale: &str,
    site_currency: &str,
    chosen: Option<&'static Currency>,
) -> NumberFormat {
    let site = NumberFormat::new(locale, site_currency).unwrap_or_default();
    chosen.map_or(site, |currency| site.with_currency(currency))
}

/// What a calculator's form shows for its fields' texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// The message under each field whose text is not usable, by key.
    pub field_errors: Vec<(&'static str, String)>,
    /// Every result, ready or saying what it still needs.
    pub results: Vec<ResultState>,
}

impl Figures {
    /// Works out the figures for the fields' texts (in the form's order).
    pub fn new(calculator: &Calculator, texts: &[String], fmt: &NumberFormat) -> Figures {
        let parsed = parse_in_order(calculator.fields, texts);
        Figures {
            field_errors: parsed
                .errors
                .iter()
                .map(|(key, error)| (*key, error.to_string()))
                .collect(),
            results: calculator.evaluate(&parsed, fmt),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_calc::form::ResultLine;

    fn ready(figures: &Figures, id: &str) -> Option<ResultLine> {
        figures
            .results
            .iter()
            .find(|state| state.id() == id)
            .and_then(|state| state.ready().cloned())
    }

    #[test]
    fn a_link_gives_the_results_the_app_gives() {
        let roas = calculator("roas").unwrap();
        let query = "?revenue=12000&spend=3000&margin=40&channel=Search%7C1000%7C4000";
        let texts = texts_in(&roas, query);
        let fmt = page_format("en-US", "USD", currency_in(query));
        let figures = Figures::new(&roas, &texts, &fmt);
        // The same calls the app's form makes (CalculatorForm's `results`).
        assert_eq!(
            figures.results,
            roas.evaluate(&parse_in_order(roas.fields, &texts), &fmt)
        );
        // 12,000 ÷ 3,000, worked by hand.
        assert_eq!(ready(&figures, "roas").unwrap().value, "4.00× (400.0%)");
        assert!(figures.field_errors.is_empty());
    }

    #[test]
    fn a_result_waits_for_its_own_inputs_only() {
        let roas = calculator("roas").unwrap();
        let texts = texts_in(&roas, "revenue=8000&spend=2000");
        let figures = Figures::new(&roas, &texts, &NumberFormat::default());
        assert!(ready(&figures, "roas").is_some());
        let waiting: Vec<&str> = figures
            .results
            .iter()
            .filter(|state| state.ready().is_none())
            .map(ResultState::id)
            .collect();
        assert!(!waiting.is_empty(), "results that need the margin wait");
    }

    #[test]
    fn an_unusable_text_is_named_under_its_field() {
        let cac = calculator("cac").unwrap();
        let texts = texts_in(&cac, "marketing=abc&customers=40");
        let figures = Figures::new(&cac, &texts, &NumberFormat::default());
        assert_eq!(figures.field_errors.len(), 1);
        assert_eq!(figures.field_errors[0].0, "marketing");
        assert!(!figures.field_errors[0].1.is_empty());
    }

    #[test]
    fn the_visitors_currency_replaces_the_sites() {
        let fmt = page_format("de-DE", "USD", currency_in("currency=eur&x=1"));
        assert_eq!(fmt.currency.code, "EUR");
        assert_eq!(fmt.locale.tag, "de-DE");
        assert_eq!(
            page_format("en-US", "USD", currency_in("currency=XYZ"))
                .currency
                .code,
            "USD"
        );
        // A site format quire cannot write falls back to the default, as the app's does.
        assert_eq!(page_format("xx", "USD", None), NumberFormat::default());
    }

    #[test]
    fn only_form_calculators_have_figures_to_work_out() {
        assert!(calculator("ltv").is_some());
        assert!(calculator(quire_calc::cohort::SLUG).is_none());
    }

    #[test]
    fn the_first_value_of_a_repeated_parameter_counts() {
        let ltv = calculator("ltv").unwrap();
        let texts = texts_in(&ltv, "arpa=100&arpa=7&churn=5%2E5");
        assert_eq!(texts[0], "100");
        assert!(texts.contains(&"5.5".to_string()));
    }
}
