#![recursion_limit = "512"]
//! The browser entry of the whole site (what Trunk builds): every route.

fn main() {
    quire::boot::start(quire::App, quire::boot::Takeover::Hydrate);
}
