//! The math behind quire's growth calculators, free of Leptos and the DOM so
//! it is tested natively and benchmarked against other tools.
//!
//! Money is `f64`: every input is bounded by [`input::MAX_AMOUNT`], where an
//! `f64` still resolves a hundredth of a cent, and results are rounded to
//! cents only for display ([`format::money`]). Percentages enter as percent
//! numbers (`70` = 70%) and are fractions (`0.7`) inside. No function here
//! returns NaN or infinity: what has no finite value is a type that says so.

pub mod cac;
pub mod channels;
pub mod cohort;
pub mod cohort_input;
pub mod export;
pub mod form;
pub mod format;
pub mod input;
pub mod ltv;
pub mod roas;
pub mod scenarios;

/// Every calculator with a form, in the order the index lists them. Kept
/// here, not in `form`, so `form` and the calculators it describes depend
/// one way (each calculator module uses `form`).
pub const FORM_CALCULATORS: [form::Calculator; 3] =
    [roas::CALCULATOR, cac::CALCULATOR, ltv::CALCULATOR];

/// A calculator page's name and the description its head carries.
pub fn calculator_summary(slug: &str) -> Option<(&'static str, String)> {
    if slug == cohort::SLUG {
        return Some((
            cohort::NAME,
            "Monthly cohort retention from your own events, computed in your browser: the data never leaves your device.".into(),
        ));
    }
    FORM_CALCULATORS.iter().find(|c| c.slug == slug).map(|c| {
        (
            c.name,
            format!(
                "{}: results with the formula and a plain explanation.",
                c.name
            ),
        )
    })
}

/// Every calculator page, `(slug, name)`, in the order the index lists them:
/// the form calculators, then the cohort analysis, which reads data instead.
pub fn all_calculators() -> impl Iterator<Item = (&'static str, &'static str)> + Clone {
    FORM_CALCULATORS
        .iter()
        .map(|c| (c.slug, c.name))
        .chain([(cohort::SLUG, cohort::NAME)])
}
