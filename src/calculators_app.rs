//! The calculator pages (and their embeddable copies) as an app of their own: the same [`Shell`] with
//! only the calculator routes, so its WASM carries none of the reader's or
//! search's code. Any other address it is sent to (a link in the header,
//! say) belongs to the whole site's app: the page is loaded from the server.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use crate::app::Shell;
use crate::routes::calculator::CalculatorPage;
use crate::routes::calculators::CalculatorsPage;
use crate::routes::embedded_calculator::EmbeddedCalculatorPage;
use crate::routes::load_from_server::LoadFromServer;

/// The calculators index and each calculator.
#[component]
pub fn CalculatorsApp() -> impl IntoView {
    view! {
        <Shell>
            <Routes fallback=LoadFromServer>
                <Route path=path!("calculators") view=CalculatorsPage />
                <Route path=path!("calculators/:slug") view=CalculatorPage />
                <Route path=path!("embed/calculators/:slug") view=EmbeddedCalculatorPage />
            </Routes>
        </Shell>
    }
}
