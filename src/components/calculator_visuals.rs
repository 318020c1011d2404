//! The tables and charts under a calculator's results: what the numbers look
//! like around the visitor's own. Values come checked from the form.

use leptos::prelude::*;
use quire_calc::form::Values;
use quire_calc::format::NumberFormat;
use quire_calc::{ltv, roas};

use crate::chart::Series;
use crate::components::download_button::DownloadButton;
use crate::components::line_chart::LineChart;
use crate::download::save_csv;
use crate::near_viewport::{follow_near, near_viewport};
use crate::settle::{settled, VISUALS_SETTLE};

/// Months the LTV chart covers.
const LTV_CHART_MONTHS: u32 = 36;

/// One part of a calculator's visuals: a section under its results.
pub struct VisualPart {
    /// The section's test id, while it shows something.
    testid: &'static str,
    /// The section's content from the form's checked values: nothing while
    /// the inputs it needs are missing or invalid.
    draw: fn(&Values, &VisualsContext) -> Option<AnyView>,
}

/// What every part is drawn with.
pub struct VisualsContext {
    /// Makes ids unique when several forms share a page.
    pub id_prefix: String,
    /// The page's number format.
    pub fmt: NumberFormat,
    /// On the calculator's own page (not in a post): downloads and the
    /// churn table too.
    pub page: bool,
}

/// The parts under `slug`'s results, in page order; none for a calculator
/// without visuals. Each is drawn (and redrawn) in a task of its own, so a
/// key pressed while they follow the inputs waits for one part at most.
pub fn visual_parts(slug: &str) -> &'static [VisualPart] {
    if slug == roas::CALCULATOR.slug {
        &[
            VisualPart {
                testid: "roas-sensitivity",
                draw: roas_table,
            },
            VisualPart {
                testid: "roas-chart",
                draw: roas_chart,
            },
        ]
    } else if slug == ltv::CALCULATOR.slug {
        // The churn table is page-only; in a post it draws nothing.
        &[
            VisualPart {
                testid: "ltv-sensitivity",
                draw: ltv_churn_table,
            },
            VisualPart {
                testid: "ltv-chart",
                draw: ltv_chart,
            },
        ]
    } else {
        &[]
    }
}

/// One part under the results, following `values` once typing pauses
/// (each part with a timer of its own, so each redraws in a task of its
/// own) and only while it is near the screen: one that is off screen keeps
/// what it drew until it comes near. A part showing nothing has no box to
/// watch, and draws as soon as its inputs are there.
pub fn visual_section(
    part: &'static VisualPart,
    values: Memo<Values>,
    fmt: Signal<NumberFormat>,
    id_prefix: String,
    page: bool,
) -> impl IntoView {
    let wanted = settled(values, VISUALS_SETTLE);
    let section = NodeRef::<leptos::html::Section>::new();
    let near = near_viewport(section);
    // Whether the last draw made anything: known only by drawing, so the
    // draw notes it, for the section's `hidden` and for `follow_near`.
    let shows = RwSignal::new(false);
    let drawn = follow_near(wanted, near, move || shows.get_untracked());
    let content = move || {
        let cx = VisualsContext {
            id_prefix: id_prefix.clone(),
            fmt: fmt.get(),
            page,
        };
        drawn.with(|values| {
            let view = (part.draw)(values, &cx);
            shows.set(view.is_some());
            view
        })
    };
    view! {
        <section
            class="calculator-visuals"
            node_ref=section
            hidden=move || !shows.get()
            data-testid=move || shows.get().then_some(part.testid)
        >
            {content}
        </section>
    }
}

/// ROAS's sensitivity table, once the inputs make one.
fn roas_sensitivity(values: &Values) -> Option<roas::SensitivityTable> {
    roas::sensitivity(roas::input_from(values).ok()?).ok()
}

/// LTV's inputs, once they make an LTV.
fn ltv_input(values: &Values) -> Option<ltv::LtvInput> {
    let input = ltv::input_from(values).ok()?;
    ltv::compute(input).ok()?;
    Some(input)
}

/// On a calculator's own page, a button saving a table as CSV.
fn csv_button(
    page: bool,
    file_name: &'static str,
    testid: &'static str,
    csv: impl Fn() -> String + Send + Sync + 'static,
) -> Option<impl IntoView> {
    (crate::PAGE_EXTRAS && page).then(|| {
        view! {
            <p class="downloads">
                <DownloadButton label="Download table (CSV)" save=move || save_csv(file_name, &csv()) testid=testid.to_string() />
            </p>
        }
    })
}

/// Profit by spend and ROAS, as a table.
fn roas_table(values: &Values, cx: &VisualsContext) -> Option<AnyView> {
    let fmt = cx.fmt;
    let page = crate::PAGE_EXTRAS && cx.page;
    let table = roas_sensitivity(values)?;
    let download = {
        let table = table.clone();
        csv_button(
            page,
            "roas-sensitivity.csv",
            "download-roas-sensitivity",
            move || quire_calc::export::roas_sensitivity_csv(&table, &fmt),
        )
    };
    let header = table
        .roas_levels
        .iter()
        .map(|level| view! { <th scope="col">{format!("ROAS {}", fmt.multiple(*level))}</th> })
        .collect_view();
    let rows = table
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let cells = row
                .profit
                .iter()
                .enumerate()
                // The middle row and column are today's spend and ROAS.
                .map(|(c, profit)| grid_cell(fmt.money(*profit), *profit < 0.0, r == 2 && c == 2))
                .collect_view();
            view! { <tr><th scope="row">{fmt.money(row.spend)}</th>{cells}</tr> }
        })
        .collect_view();
    Some(
        view! {
            <>
                <h3>"Sensitivity: profit by spend and ROAS"</h3>
                <div class="cohort-table-wrap" tabindex="0" role="region" aria-label="Sensitivity table, scrollable">
                    <table class="cohort-table sensitivity-table">
                        <caption>"Profit after ad spend if spend and ROAS move; today's in bold, losses marked."</caption>
                        <thead><tr><th scope="col">"Ad spend"</th>{header}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                {download}
            </>
        }
        .into_any(),
    )
}

/// Profit by spend and ROAS, as lines.
fn roas_chart(values: &Values, cx: &VisualsContext) -> Option<AnyView> {
    let fmt = cx.fmt;
    let page = crate::PAGE_EXTRAS && cx.page;
    let table = roas_sensitivity(values)?;
    let series: Vec<Series> = table
        .roas_levels
        .iter()
        .enumerate()
        .map(|(column, level)| Series {
            name: format!("ROAS {}", fmt.multiple(*level)),
            points: table
                .rows
                .iter()
                .map(|r| (r.spend, r.profit[column]))
                .collect(),
        })
        .collect();
    let id_prefix = &cx.id_prefix;
    Some(
        view! {
            <>
                <LineChart
                    id=format!("{id_prefix}roas-chart")
                    download=page.then(|| "roas-profit-by-spend".to_string())
                    caption="Profit by ad spend, at five ROAS levels".to_string()
                    description="Each line is one ROAS level; a line above zero means scaling spend at that ROAS adds profit, below zero that it adds losses.".to_string()
                    series
                    x_name="Ad spend"
                    x_label=NumberFormat::whole
                    y_label=NumberFormat::whole
                    fmt
                />
            </>
        }
        .into_any(),
    )
}

/// Gross profit per customer over time, against the CAC.
fn ltv_chart(values: &Values, cx: &VisualsContext) -> Option<AnyView> {
    let (fmt, id_prefix) = (cx.fmt, &cx.id_prefix);
    let page = crate::PAGE_EXTRAS && cx.page;
    let input = ltv_input(values)?;
    let months = |curve: Vec<f64>| -> Vec<(f64, f64)> {
        curve
            .into_iter()
            .enumerate()
            .map(|(i, v)| ((i + 1) as f64, v))
            .collect()
    };
    let mut series = vec![Series {
        name: "Cumulative gross profit per customer".into(),
        points: months(ltv::curve(
            ltv::LtvInput {
                annual_discount: None,
                ..input
            },
            LTV_CHART_MONTHS,
        )),
    }];
    if input.annual_discount.is_some() {
        series.push(Series {
            name: "Discounted".into(),
            points: months(ltv::curve(input, LTV_CHART_MONTHS)),
        });
    }
    if let Some(cac) = input.cac {
        series.push(Series {
            name: "CAC".into(),
            points: (1..=LTV_CHART_MONTHS)
                .map(|m| (f64::from(m), cac))
                .collect(),
        });
    }
    Some(
        view! {
            <>
                <LineChart
                    id=format!("{id_prefix}ltv-chart")
                    download=page.then(|| "ltv-gross-profit".to_string())
                    caption=format!("Gross profit per customer over {LTV_CHART_MONTHS} months")
                    description="The line rises quickly, then flattens as churned customers stop paying; it approaches the LTV. Where it crosses the CAC line, the customer has paid back their acquisition cost.".to_string()
                    series
                    x_name="Month"
                    x_label=|_, m| format!("{m:.0}")
                    y_label=NumberFormat::whole
                    fmt
                />
            </>
        }
        .into_any(),
    )
}

/// One cell of a sensitivity table: marked as a loss (or a shortfall), and
/// in bold where it is today's figures.
fn grid_cell(text: String, loss: bool, today: bool) -> impl IntoView {
    view! {
        <td class:loss=loss class:today=today>
            {if today { view! { <strong>{text}</strong> }.into_any() } else { text.into_any() }}
        </td>
    }
}

/// LTV by churn (rows) and ARPA (columns), today's in bold; with a CAC,
/// cells under a 3:1 LTV:CAC are marked.
fn ltv_churn_table(values: &Values, cx: &VisualsContext) -> Option<AnyView> {
    let fmt = cx.fmt;
    let page = crate::PAGE_EXTRAS && cx.page;
    if !page {
        return None;
    }
    let input = ltv_input(values)?;
    let table = ltv::churn_sensitivity(input).ok()?;
    let download = {
        let table = table.clone();
        csv_button(
            page,
            "ltv-churn-sensitivity.csv",
            "download-ltv-sensitivity",
            move || quire_calc::export::ltv_churn_csv(&table, &fmt),
        )
    };
    let floor = input.cac.map(|cac| cac * ltv::TARGET_LTV_CAC);
    let header = table
        .arpa_levels
        .iter()
        .map(|arpa| view! { <th scope="col">{format!("ARPA {}", fmt.money(*arpa))}</th> })
        .collect_view();
    let rows = table
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let cells = row
                .ltv
                .iter()
                .enumerate()
                .map(|(c, value)| {
                    let today = r == 2 && c == 2 && input.churn > 0.0;
                    let text = match value {
                        ltv::Bounded::Finite(v) => fmt.money(*v),
                        ltv::Bounded::Unbounded { within_horizon } => {
                            format!(
                                "{} in {} mo.",
                                fmt.money(*within_horizon),
                                ltv::HORIZON_MONTHS
                            )
                        }
                    };
                    let short = floor.is_some_and(|floor| value.shown() < floor);
                    grid_cell(text, short, today)
                })
                .collect_view();
            view! { <tr><th scope="row">{fmt.percent(row.churn)}</th>{cells}</tr> }
        })
        .collect_view();
    let caption = if floor.is_some() {
        "LTV if monthly churn (rows) and ARPA (columns) move; today's in bold, cells under a 3:1 LTV:CAC marked."
    } else {
        "LTV if monthly churn (rows) and ARPA (columns) move; today's in bold."
    };
    Some(view! {
        <>
            <h3>"Sensitivity: LTV by churn and ARPA"</h3>
            <div class="cohort-table-wrap" tabindex="0" role="region" aria-label="Churn sensitivity table, scrollable">
                <table class="cohort-table sensitivity-table">
                    <caption>{caption}</caption>
                    <thead><tr><th scope="col">"Monthly churn"</th>{header}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {download}
        </>
    }
    .into_any())
}

/// Retention curves of the most recent cohorts, for the cohort page.
pub fn retention_series(table: &quire_calc::cohort::CohortTable, most: usize) -> Vec<Series> {
    let start = table.cohorts.len().saturating_sub(most);
    table.cohorts[start..]
        .iter()
        .map(|cohort| Series {
            name: cohort.label.clone(),
            points: (0..cohort.active.len())
                .filter_map(|k| cohort.retention(k).map(|r| (k as f64, r)))
                .collect(),
        })
        .collect()
}
