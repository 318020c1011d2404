#![recursion_limit = "512"]
//! The browser entry of the calculator pages alone (`cargo xtask build`
//! builds it beside Trunk's app): the same chrome and calculators without
//! the reader's and search's code, so a calculator page downloads less.

fn main() {
    quire::boot::start(quire::CalculatorsApp, quire::boot::Takeover::Redraw);
}
