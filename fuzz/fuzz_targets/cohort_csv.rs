//! Any pasted text as cohort CSV: an error is fine, a panic is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = quire_calc::cohort::from_csv(text, quire_calc::cohort::Period::Month);
});
