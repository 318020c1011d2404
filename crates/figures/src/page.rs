//! The prerendered calculator form in the DOM: the link's inputs put in
//! its fields, and its results and field messages written as the app's
//! `CalculatorForm` draws them. Text only goes in as text (no HTML).

use quire_calc::form::{needs_sentence, Calculator, ResultState};
use quire_calc::format;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement};

use crate::{calculator, currency_in, page_format, texts_in, Figures};

/// Fills the prerendered calculator form from the page's query and keeps
/// its results following what the reader types until the app takes over.
/// False when the page holds no form calculator (the cohort analysis has
/// nothing to work out from a link) or the app has already drawn the page.
#[wasm_bindgen]
pub fn fill() -> bool {
    let Some(form) = Form::find() else {
        return false;
    };
    form.put_link_inputs();
    form.write();
    form.follow_typing();
    if let Some(root) = form.document.document_element() {
        let _ = root.set_attribute("data-figures", "ready");
    }
    true
}

/// The prerendered form of one calculator, and the site's number format.
#[derive(Clone)]
struct Form {
    document: Document,
    calculator: Calculator,
    /// The form and results (`.calculator`), inside `#prerendered`.
    root: Element,
    locale: String,
    site_currency: String,
}

impl Form {
    fn find() -> Option<Form> {
        let document = web_sys::window()?.document()?;
        // Once the app runs, the page is its own; a page without a
        // prerendered body (a development build) has nothing to fill.
        if document
            .document_element()?
            .get_attribute("data-app")
            .is_some()
        {
            return None;
        }
        let root = document
            .get_element_by_id("prerendered")?
            .query_selector(".calculator[data-calculator]")
            .ok()??;
        let calculator = calculator(&root.get_attribute("data-calculator")?)?;
        Some(Form {
            locale: root.get_attribute("data-locale").unwrap_or_default(),
            site_currency: root.get_attribute("data-currency").unwrap_or_default(),
            document,
            calculator,
            root,
        })
    }

    fn input(&self, key: &str) -> Option<HtmlInputElement> {
        self.document
            .get_element_by_id(&format!("field-{key}"))?
            .dyn_into()
            .ok()
    }

    fn currency_select(&self) -> Option<HtmlSelectElement> {
        self.document
            .get_element_by_id("field-currency")?
            .dyn_into()
            .ok()
    }

    /// The link's inputs in the fields and the currency picker. A field
    /// the reader has already typed in keeps their text.
    fn put_link_inputs(&self) {
        let query = self
            .document
            .location()
            .and_then(|location| location.search().ok())
            .unwrap_or_default();
        for (field, text) in self
            .calculator
            .fields
            .iter()
            .zip(texts_in(&self.calculator, &query))
        {
            if let Some(input) = self.input(field.key) {
                if input.value().is_empty() && !text.is_empty() {
                    input.set_value(&text);
                }
            }
        }
        if let (Some(currency), Some(select)) = (currency_in(&query), self.currency_select()) {
            select.set_value(currency.code);
        }
    }

    /// Works the figures out from what the fields hold now, and writes them.
    fn write(&self) {
        let texts: Vec<String> = self
            .calculator
            .fields
            .iter()
            .map(|field| self.input(field.key).map(|i| i.value()).unwrap_or_default())
            .collect();
        let chosen = self
            .currency_select()
            .and_then(|select| format::currency(&select.value()));
        let fmt = page_format(&self.locale, &self.site_currency, chosen);
        let figures = Figures::new(&self.calculator, &texts, &fmt);
        for field in self.calculator.fields {
            let error = figures
                .field_errors
                .iter()
                .find(|(key, _)| *key == field.key)
                .map(|(_, message)| message.as_str());
            self.write_field_error(field.key, error);
        }
        if let Some(list) = self.root.query_selector(".result-list").ok().flatten() {
            list.set_text_content(None);
            for state in &figures.results {
                if let Some(result) = self.result(state) {
                    let _ = list.append_child(&result);
                }
            }
        }
    }

    /// A field's message, its invalid state and what describes it, as
    /// `NumberField` sets them.
    fn write_field_error(&self, key: &str, error: Option<&str>) {
        let id = format!("field-{key}");
        if let Some(message) = self.document.get_element_by_id(&format!("{id}-error")) {
            message.set_text_content(error);
        }
        if let Some(input) = self.input(key) {
            let _ = input.set_attribute(
                "aria-invalid",
                if error.is_some() { "true" } else { "false" },
            );
            let described = if error.is_some() {
                format!("{id}-help {id}-error")
            } else {
                format!("{id}-help")
            };
            let _ = input.set_attribute("aria-describedby", &described);
            if let Some(field) = input.closest(".field").ok().flatten() {
                let _ = field
                    .class_list()
                    .toggle_with_force("field-invalid", error.is_some());
            }
        }
    }

    /// One result's elements, as `result_item` (src/components/calculator_form.rs) draws them.
    fn result(&self, state: &ResultState) -> Option<Element> {
        let element = |tag: &str, class: Option<&str>, text: Option<&str>| -> Option<Element> {
            let element = self.document.create_element(tag).ok()?;
            if let Some(class) = class {
                element.set_class_name(class);
            }
            if text.is_some() {
                element.set_text_content(text);
            }
            Some(element)
        };
        let formula = |formula: &str| {
            let dd = element("dd", Some("result-formula"), None)?;
            let code = element("code", None, Some(formula))?;
            dd.append_child(&code).ok()?;
            Some(dd)
        };
        let (class, label, parts) = match state {
            ResultState::Ready(line) => {
                let value = element("dd", Some("result-value"), Some(&line.value))?;
                value
                    .set_attribute("data-testid", &format!("result-{}", line.id))
                    .ok()?;
                let explanation =
                    element("dd", Some("result-explanation"), Some(&line.explanation))?;
                (
                    "result",
                    line.label,
                    vec![value, formula(line.formula)?, explanation],
                )
            }
            ResultState::Waiting {
                id,
                label,
                formula: text,
                needs,
            } => {
                let waiting = element("dd", Some("result-waiting"), Some(&needs_sentence(needs)))?;
                waiting
                    .set_attribute("data-testid", &format!("waiting-{id}"))
                    .ok()?;
                (
                    "result result-pending",
                    *label,
                    vec![waiting, formula(text)?],
                )
            }
            ResultState::Problem { id, label, message } => {
                let problem = element("dd", Some("result-problem"), Some(message))?;
                problem
                    .set_attribute("data-testid", &format!("problem-{id}"))
                    .ok()?;
                ("result result-pending", *label, vec![problem])
            }
        };
        let result = element("div", Some(class), None)?;
        let term = element("dt", None, Some(label))?;
        result.append_child(&term).ok()?;
        for part in parts {
            result.append_child(&part).ok()?;
        }
        Some(result)
    }

    /// Keeps the results following the fields and the currency picker until
    /// the app draws its own page (which drops these elements, and with
    /// them this listener).
    fn follow_typing(&self) {
        let Some(inputs) = self
            .root
            .query_selector(".calculator-inputs")
            .ok()
            .flatten()
        else {
            return;
        };
        let form = self.clone();
        let listener = Closure::<dyn Fn()>::new(move || form.write());
        for event in ["input", "change"] {
            let _ =
                inputs.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        }
        // Lives as long as the page: the form's elements hold it.
        listener.forget();
    }
}
