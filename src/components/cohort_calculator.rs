//! The cohort retention calculator: events pasted or uploaded, shown as a
//! retention heatmap. Uploaded files are read by the cohort worker, off the
//! page's thread; pasted text (and any file if the worker cannot start) is
//! read here in slices between frames. Either way a million rows never
//! freeze the page, and everything happens in the visitor's browser.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use quire_calc::cohort::{CohortTable, CsvReader, Period, WorkerReply};
use quire_calc::cohort_input::{heat, sample_events, table_from_grid};
use quire_calc::export::{cohort_csv, CohortMeasure};
use quire_calc::format::{capitalize, NumberFormat};
use wasm_bindgen::JsCast;

use crate::components::calculator_visuals::retention_series;
use crate::components::download_button::DownloadButton;
use crate::components::lead_form::LeadForm;
use crate::components::line_chart::LineChart;
use crate::near_viewport::{follow_near, near_viewport};
use crate::number_format::{page_format, CURRENCY_PARAM};
use crate::settle::{settled, VISUALS_SETTLE};
use crate::worker_client::WorkerClient;

/// Trunk's loader for the cohort worker (`data-loader-shim` in index.html).
const COHORT_WORKER_URL: &str = "/cohort_worker_loader.js";

const UNREADABLE_FILE: &str = "the file could not be read; check that it is a CSV text file";

/// Rows read per slice: small enough that a slice takes a few milliseconds,
/// large enough that a million rows need few trips through the event loop.
const ROWS_PER_SLICE: usize = 25_000;

/// Where an analysis is.
#[derive(Debug, Clone, PartialEq)]
enum Analysis {
    Idle,
    /// Share of the data read, 0–1.
    Reading(f64),
    Done(Arc<CohortTable>),
    Failed(String),
}

/// What the latest analysis read, so a new choice of period can read it again.
#[derive(Clone)]
enum Source {
    Text(String),
    File(web_sys::File),
}

/// The cohort calculator page's body: paste area, file input, typed
/// counts, and the heatmap with its lead form.
#[component]
pub fn CohortCalculator() -> impl IntoView {
    let manual = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let analysis = RwSignal::new(Analysis::Idle);
    let counts = RwSignal::new(false);
    let done = Signal::derive(move || match analysis.get() {
        Analysis::Done(table) => Some(table),
        _ => None,
    });
    let period = RwSignal::new(Period::Month);
    // Revenue in the site's currency, or the one a shared link names.
    let currency = use_query_map()
        .with_untracked(|query| query.get(CURRENCY_PARAM))
        .and_then(|code| quire_calc::format::currency(&code));
    let fmt = page_format(Signal::stored(currency));
    let source = StoredValue::new_local(None::<Source>);
    // Each analysis gets a number; a newer one makes older ones stop.
    let generation = StoredValue::new(0u64);
    // The worker reading the latest upload, stopped when another analysis begins.
    let worker = StoredValue::new_local(None::<WorkerClient>);
    let begin = move || {
        let this = generation.get_value() + 1;
        generation.set_value(this);
        if let Some(old) = worker.try_update_value(Option::take).flatten() {
            old.terminate();
        }
        analysis.set(Analysis::Reading(0.0));
        this
    };

    let start = move |csv: String| {
        let this = begin();
        leptos::task::spawn_local(async move {
            let outcome = analyse(&csv, period.get_untracked(), |share| {
                if generation.get_value() != this {
                    return false;
                }
                analysis.set(Analysis::Reading(share));
                true
            })
            .await;
            if generation.get_value() == this {
                analysis.set(match outcome {
                    Some(Ok(table)) => Analysis::Done(Arc::new(table)),
                    Some(Err(message)) => Analysis::Failed(message),
                    None => Analysis::Idle,
                });
            }
        });
    };
    // Typed or pasted text (not a file read here): remembered as text.
    let start_text = move |csv: String| {
        source.set_value(Some(Source::Text(csv.clone())));
        start(csv);
    };

    // In this thread: read the file's bytes, then the rows in slices.
    let read_here = move |file: web_sys::File| {
        analysis.set(Analysis::Reading(0.0));
        leptos::task::spawn_local(async move {
            // Bytes, not `text()`: a JS string of a large file would be
            // re-encoded from UTF-16, freezing the page for a moment.
            match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => {
                    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                    let text = String::from_utf8(bytes)
                        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                    start(text)
                }
                Err(_) => analysis.set(Analysis::Failed(UNREADABLE_FILE.into())),
            }
        });
    };
    // In the cohort worker: the file's bytes are handed over, not copied.
    let read_in_worker = move |file: web_sys::File| -> Result<(), ()> {
        let this = begin();
        let on_message = move |json: String| {
            if generation.get_value() != this {
                return;
            }
            match serde_json::from_str::<WorkerReply>(&json) {
                Ok(WorkerReply::Progress(share)) => analysis.set(Analysis::Reading(share)),
                Ok(WorkerReply::Done(table)) => {
                    analysis.set(Analysis::Done(Arc::new(table)));
                    worker.with_value(|w| w.as_ref().map(WorkerClient::terminate));
                }
                Ok(WorkerReply::Failed(message)) => {
                    analysis.set(Analysis::Failed(message));
                    worker.with_value(|w| w.as_ref().map(WorkerClient::terminate));
                }
                Err(_) => {}
            }
        };
        // A worker that cannot load: read the file here instead.
        let on_error = {
            let file = file.clone();
            move || {
                if generation.get_value() == this {
                    read_here(file.clone());
                }
            }
        };
        let started =
            WorkerClient::start(COHORT_WORKER_URL, on_message, on_error).map_err(|_| ())?;
        worker.set_value(Some(started.clone()));
        // The file is read while the worker loads; its bytes are handed over
        // (not copied), and held by the client until the worker listens.
        let reading = file.array_buffer();
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(reading).await {
                Ok(buffer) => {
                    let transfer = js_sys::Array::of1(&buffer);
                    let request = js_sys::Array::of2(
                        &wasm_bindgen::JsValue::from_str(period.get_untracked().param()),
                        &buffer,
                    );
                    started.send_transferring(request.into(), transfer);
                }
                Err(_) => analysis.set(Analysis::Failed(UNREADABLE_FILE.into())),
            }
        });
        Ok(())
    };

    let read_file = move |file: web_sys::File| {
        source.set_value(Some(Source::File(file.clone())));
        if read_in_worker(file.clone()).is_err() {
            read_here(file);
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        read_file(file);
    };
    // A new period reads the same data again.
    let on_period = move |ev: leptos::ev::Event| {
        let Some(chosen) = Period::from_param(&event_target_value(&ev)) else {
            return;
        };
        period.set(chosen);
        match source.get_value() {
            Some(Source::Text(csv)) => start(csv),
            Some(Source::File(file)) => read_file(file),
            None => {}
        }
    };

    view! {
        <fieldset class="cohort-mode">
            <legend>"Your data"</legend>
            <label><input type="radio" name="cohort-mode" prop:checked=move || !manual.get() on:change=move |_| manual.set(false) />" Events (CSV)"</label>
            <label><input type="radio" name="cohort-mode" data-testid="cohort-manual-mode" prop:checked=move || manual.get() on:change=move |_| manual.set(true) />" Counts typed by hand"</label>
        </fieldset>
        <Show when=move || manual.get()>
            <ManualCohorts fmt />
        </Show>
        <div class="cohort" class:hidden=move || manual.get()>
            <form class="cohort-input" on:submit=move |ev| {
                ev.prevent_default();
                start_text(text.get_untracked());
            }>
                <p class="cohort-privacy" data-testid="cohort-privacy">
                    "Your data never leaves this device: the analysis runs in your browser, and nothing is uploaded or stored. If you ask for the analysis by email, only the retention table is sent, never your rows."
                </p>
                <label for="cohort-csv">"Paste events as CSV"</label>
                <p class="field-help" id="cohort-csv-help">
                    "One row per activity: customer id, date (YYYY-MM-DD, YYYY-MM, DD.MM.YYYY or MM/DD/YYYY) and, optionally, revenue. A header row is recognised."
                </p>
                <textarea
                    id="cohort-csv"
                    data-testid="cohort-csv"
                    rows="8"
                    spellcheck="false"
                    aria-describedby="cohort-csv-help"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
                <div class="cohort-actions">
                    <button type="submit" class="button" data-testid="cohort-analyse">"Build the matrix"</button>
                    <button type="button" class="button-secondary" on:click=move |_| {
                        let sample = sample_events();
                        text.set(sample.clone());
                        start_text(sample);
                    }>"Try sample data"</button>
                </div>
                <label for="cohort-file">"Or upload a CSV file"</label>
                <input id="cohort-file" data-testid="cohort-file" type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" on:change=on_file />
                {crate::PAGE_EXTRAS.then(|| view! {
                    <label for="cohort-period">"Cohorts by"</label>
                    <select id="cohort-period" data-testid="cohort-period" on:change=on_period>
                        {Period::ALL.into_iter().map(|p| view! {
                            <option value=p.param() selected=move || period.get() == p>{p.param()}</option>
                        }).collect_view()}
                    </select>
                })}
            </form>
            <section class="cohort-results" aria-live="polite" aria-labelledby="cohort-results-heading">
                <h2 id="cohort-results-heading">"Retention by cohort"</h2>
                {move || match analysis.get() {
                    Analysis::Idle => view! {
                        <p class="result-prompt">"Paste or upload events, or try the sample data, to see each cohort's retention."</p>
                    }.into_any(),
                    Analysis::Reading(share) => view! {
                        <label class="cohort-progress">
                            "Reading rows… "
                            <progress data-testid="cohort-progress" max="100" value=format!("{:.0}", share * 100.0)></progress>
                        </label>
                    }.into_any(),
                    Analysis::Failed(message) => view! {
                        <p class="result-problem" role="alert" data-testid="cohort-error">{message}</p>
                    }.into_any(),
                    Analysis::Done(table) => {
                        let frame = (table.cohorts.len(), table.periods());
                        let fmt = fmt.get();
                        view! {
                            <LiveHeatmap table=Signal::stored(table.clone()) frame=Signal::stored(frame) counts fmt=Signal::stored(fmt) />
                            <CohortCurves table=table.clone() page=true fmt />
                            {revenue_tables(&table, fmt, true)}
                        }
                        .into_any()
                    }
                }}
            </section>
            <CohortLeadForm table=done fmt />
        </div>
    }
}

/// A post's cohort block: the heatmap of the author's data. Pasting or
/// uploading one's own data is the calculator page's work (the block's
/// title links there), so the whole site's app carries no reader, worker
/// client or manual grid for it.
#[component]
pub fn CohortPreset(
    /// The block's events, as CSV.
    csv: String,
) -> impl IntoView {
    let fmt = page_format(Signal::stored(None));
    let table = quire_calc::cohort::from_csv(&csv, Period::Month).map(Arc::new);
    move || {
        match &table {
        Ok(table) => view! { <CohortHeatmap table=table.clone() fmt=fmt.get() /> }.into_any(),
        Err(error) => view! {
            <p class="result-problem" role="alert" data-testid="cohort-error">{error.to_string()}</p>
        }
        .into_any(),
    }
    }
}

/// Reads `csv` a slice at a time, yielding to the browser between slices.
/// `report` gets the share read so far and says whether to go on; `None`
/// means a newer analysis took over.
async fn analyse(
    csv: &str,
    period: Period,
    mut report: impl FnMut(f64) -> bool,
) -> Option<Result<CohortTable, String>> {
    let mut reader = match CsvReader::new(csv, period) {
        Ok(reader) => reader,
        Err(error) => return Some(Err(error.to_string())),
    };
    loop {
        match reader.read(ROWS_PER_SLICE) {
            Ok(true) => {
                if !report(reader.progress()) {
                    return None;
                }
                // Let the page paint the progress and handle input.
                gloo_timers::future::TimeoutFuture::new(0).await;
            }
            Ok(false) => break,
            Err(error) => return Some(Err(error.to_string())),
        }
    }
    Some(reader.finish().map_err(|e| e.to_string()))
}

/// "Email me this analysis" under the heatmap, while there is one (from a
/// moment after it first appears). It lives outside the heatmap, which is
/// drawn again for every typed count, so what the visitor typed into it
/// stays; it sends the table, never the rows.
#[component]
fn CohortLeadForm(
    table: Signal<Option<Arc<CohortTable>>>,
    fmt: Memo<NumberFormat>,
) -> impl IntoView {
    let inputs = Signal::derive(move || {
        table.with(|table| {
            table
                .as_deref()
                .map(|table| {
                    [
                        ("rows", table.rows.to_string()),
                        ("customers", table.customers.to_string()),
                        ("cohorts", table.cohorts.len().to_string()),
                        ("period", table.period.param().to_string()),
                    ]
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect()
                })
                .unwrap_or_default()
        })
    });
    let results = Signal::derive(move || {
        let fmt = fmt.get();
        table.with(|table| {
            table
                .iter()
                .flat_map(|table| table.cohorts.iter())
                .map(|c| {
                    let row: Vec<String> = (0..c.active.len())
                        .filter_map(|k| c.retention(k).map(|r| fmt.percent(r)))
                        .collect();
                    (
                        format!("retention {} (size {})", c.label, c.size),
                        row.join(", "),
                    )
                })
                .collect()
        })
    });
    // Once typing pauses: drawn in the first typed count's key press, the
    // form doubled that key's time to the next paint (130–160 ms with the
    // CPU slowed 4×).
    let shown = settled(
        Memo::new(move |_| table.with(Option::is_some)),
        VISUALS_SETTLE,
    );
    view! {
        <Show when=move || shown.get()>
            <LeadForm calculator=quire_calc::cohort::SLUG inputs results />
        </Show>
    }
}

/// A post's matrix as a table: a row per cohort, a column per month since
/// it began, then the curves and (where the data has revenue) revenue
/// retention. The calculator's page draws its own ([`LiveHeatmap`]).
#[component]
fn CohortHeatmap(table: Arc<CohortTable>, fmt: NumberFormat) -> impl IntoView {
    let unit = table.period.noun();
    let months = table.periods();
    let header = (0..months)
        .map(|k| view! { <th scope="col">{format!("+{k}")}</th> })
        .collect_view();
    let rows = table
        .cohorts
        .iter()
        .enumerate()
        .map(|(r, cohort)| {
            let cells = (0..months)
                .map(|k| match cohort.retention(k) {
                    Some(share) => view! {
                        <td class=format!("heat heat-{}", heat(share)) data-testid=format!("cohort-cell-{r}-{k}")>
                            {fmt.percent(share)}
                        </td>
                    }
                    .into_any(),
                    None => view! { <td class="heat-none"></td> }.into_any(),
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{cohort.label.clone()}</th>
                    <td class="cohort-size">{cohort.size}</td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <p data-testid="cohort-summary">{heatmap_summary(&table, &fmt)}</p>
        <div class="cohort-table-wrap" tabindex="0" role="region" aria-label="Retention by cohort, scrollable">
            <table class="cohort-table" data-testid="cohort-heatmap">
                <caption>{heatmap_caption(false, unit)}</caption>
                <thead>
                    <tr><th scope="col">"Cohort"</th><th scope="col">"Customers"</th>{header}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <CohortCurves table=table.clone() page=false fmt />
        {retention_notes(unit)}
        {revenue_tables(&table, fmt, false)}
    }
}

/// Revenue by cohort with net and gross revenue retention, where the data
/// has revenue; on the calculator's page, with their downloads.
fn revenue_tables(
    table: &Arc<CohortTable>,
    fmt: NumberFormat,
    page: bool,
) -> Option<impl IntoView> {
    let page = crate::PAGE_EXTRAS && page;
    let unit = table.period.noun();
    let months = table.periods();
    table.cohorts.iter().any(|c| c.revenue.is_some()).then(|| {
        let rows = table
            .cohorts
            .iter()
            .enumerate()
            .map(|(r, cohort)| {
                let cells = (0..months)
                    .map(|k| {
                        let total = cohort.revenue.as_ref().and_then(|r| r.get(k)).copied();
                        let net = cohort.revenue_retention(k);
                        let gross = cohort.gross_revenue_retention(k);
                        view! {
                            <td>
                                {total.map(|t| fmt.money(t))}
                                {net.map(|s| view! {
                                    <span class="cohort-share" data-testid=format!("revenue-net-{r}-{k}")>{format!(" net {}", fmt.percent(s))}</span>
                                })}
                                {gross.map(|s| view! {
                                    <span class="cohort-share" data-testid=format!("revenue-gross-{r}-{k}")>{format!(" gross {}", fmt.percent(s))}</span>
                                })}
                            </td>
                        }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{cohort.label.clone()}</th>{cells}</tr> }
            })
            .collect_view();
        let downloads = page.then(|| {
            let (net, gross) = (table.clone(), table.clone());
            view! {
                <p class="downloads">
                    <DownloadButton
                        label="Download net revenue retention (CSV)"
                        save=move || crate::download::save_csv("cohort-net-revenue-retention.csv", &cohort_csv(&net, CohortMeasure::NetRevenue))
                        testid="download-cohort-net".to_string()
                    />
                    <DownloadButton
                        label="Download gross revenue retention (CSV)"
                        save=move || crate::download::save_csv("cohort-gross-revenue-retention.csv", &cohort_csv(&gross, CohortMeasure::GrossRevenue))
                        testid="download-cohort-gross".to_string()
                    />
                </p>
            }
        });
        view! {
            <div class="cohort-table-wrap" tabindex="0" role="region" aria-label="Revenue by cohort, scrollable">
                <table class="cohort-table" data-testid="cohort-revenue">
                    <caption>{format!("Revenue by cohort and {unit}, with net and gross revenue retention (share of the first {unit}'s revenue; gross leaves expansion out)")}</caption>
                    <thead><tr><th scope="col">"Cohort"</th>{(0..months).map(|k| view! { <th scope="col">{format!("+{k}")}</th> }).collect_view()}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="result-formula"><code>"net revenue retention = the cohort's revenue that " {unit} " ÷ its first " {unit} "'s"</code></p>
            <p class="result-formula"><code>"gross revenue retention = the same, with each customer counted at most at what they first paid"</code></p>
            {downloads}
        }
    })
}

/// "150 customers, 2 cohorts." (after the rows read, for data).
fn heatmap_summary(table: &CohortTable, fmt: &NumberFormat) -> String {
    let totals = format!(
        "{}, {}.",
        fmt.count(u64::from(table.customers), "customer"),
        fmt.count(table.cohorts.len() as u64, "cohort")
    );
    // Typed counts have no rows of data.
    if table.rows == 0 {
        capitalize(&totals)
    } else {
        format!("{}, {totals}", fmt.count(table.rows as u64, "row"))
    }
}

/// What the heatmap's caption says, with shares or with counts.
fn heatmap_caption(counts: bool, unit: &str) -> String {
    let what = if counts { "Customers" } else { "Share" };
    format!("{what} of each cohort active in each {unit} after its first (+0 is the first {unit})")
}

/// The switch between shares and customer counts.
fn counts_switch(counts: RwSignal<bool>) -> impl IntoView {
    view! {
        <label class="cohort-counts">
            <input type="checkbox" data-testid="cohort-show-counts" prop:checked=move || counts.get() on:change=move |ev| counts.set(event_target_checked(&ev)) />
            " Show customers active instead of percentages"
        </label>
    }
}

/// "Download table (CSV)": the heatmap's table, as shares or counts as shown.
fn heatmap_download(
    table: impl Fn() -> Arc<CohortTable> + Send + Sync + 'static,
    counts: RwSignal<bool>,
) -> impl IntoView {
    let save = move || {
        let measure = if counts.get_untracked() {
            CohortMeasure::Counts
        } else {
            CohortMeasure::Retention
        };
        let name = format!(
            "cohort-{}.csv",
            if measure == CohortMeasure::Counts {
                "customers"
            } else {
                "retention"
            }
        );
        crate::download::save_csv(&name, &cohort_csv(&table(), measure))
    };
    view! { <p class="downloads"><DownloadButton label="Download table (CSV)" save testid="download-cohort".to_string() /></p> }
}

/// The retention formula and how to read the heatmap.
fn retention_notes(unit: &'static str) -> impl IntoView {
    view! {
        <p class="result-formula"><code>"retention = customers of the cohort active that month ÷ cohort size"</code></p>
        <p class="result-explanation">{format!("A cohort is the customers whose first activity fell in that {unit}. Read across a row to see how a cohort fades; read down a column to see whether newer cohorts hold on better than older ones.")}</p>
    }
}

/// The calculator page's heatmap, with its percent/count switch and
/// download. Its rows and columns are drawn once per `frame` (the table's
/// own shape, or the typed grid's) and its cells follow `table`, so counts
/// typed by hand fill it in place: drawing it again for each key was most
/// of that key's time to the next paint. Rows and columns the table does
/// not reach are hidden.
#[component]
fn LiveHeatmap(
    #[prop(into)] table: Signal<Arc<CohortTable>>,
    /// Cohorts and periods (the size's column included) to draw.
    #[prop(into)]
    frame: Signal<(usize, usize)>,
    /// Percent or counts; the caller's, so the choice outlives a redraw.
    counts: RwSignal<bool>,
    #[prop(into)] fmt: Signal<NumberFormat>,
) -> impl IntoView {
    // One heatmap shows one period (typed counts are monthly).
    let unit = table.with_untracked(|t| t.period.noun());
    let months = Memo::new(move |_| table.with(|t| t.periods()));
    let body = move || {
        let (cohorts, columns) = frame.get();
        let header = (0..columns)
            .map(|k| view! { <th scope="col" hidden={move || k >= months.get()}>{format!("+{k}")}</th> })
            .collect_view();
        let rows = (0..cohorts)
            .map(|r| {
                let cells = (0..columns)
                    .map(|k| {
                        // Cohort r's share and count k months on, where it
                        // has them: worked out once per table, and only a
                        // cell whose figures changed is written again.
                        let cell = Memo::new(move |_| {
                            table.with(|t| {
                                let cohort = t.cohorts.get(r)?;
                                Some((cohort.retention(k)?, cohort.active[k]))
                            })
                        });
                        let class = move || match cell.get() {
                            Some((share, _)) => format!("heat heat-{}", heat(share)),
                            None => "heat-none".to_string(),
                        };
                        let text = move || match cell.get() {
                            Some((_, active)) if counts.get() => active.to_string(),
                            Some((share, _)) => fmt.get().percent(share),
                            None => String::new(),
                        };
                        view! {
                            <td class=class hidden={move || k >= months.get()} data-testid=format!("cohort-cell-{r}-{k}")>{text}</td>
                        }
                    })
                    .collect_view();
                let label = move || table.with(|t| t.cohorts.get(r).map(|c| c.label.clone()));
                let size = move || table.with(|t| t.cohorts.get(r).map(|c| c.size));
                view! {
                    <tr hidden={move || table.with(|t| r >= t.cohorts.len())}>
                        <th scope="row">{label}</th>
                        <td class="cohort-size">{size}</td>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <thead>
                <tr><th scope="col">"Cohort"</th><th scope="col">"Customers"</th>{header}</tr>
            </thead>
            <tbody>{rows}</tbody>
        }
    };
    let page = crate::PAGE_EXTRAS;
    view! {
        <p data-testid="cohort-summary">{move || table.with(|t| heatmap_summary(t, &fmt.get()))}</p>
        {page.then(|| counts_switch(counts))}
        <div class="cohort-table-wrap" tabindex="0" role="region" aria-label="Retention by cohort, scrollable">
            <table class="cohort-table" data-testid="cohort-heatmap">
                <caption>{move || heatmap_caption(counts.get(), unit)}</caption>
                {body}
            </table>
        </div>
        {page.then(|| heatmap_download(move || table.get_untracked(), counts))}
        {retention_notes(unit)}
    }
}

/// The most recent cohorts' retention as lines, one per cohort.
#[component]
fn CohortCurves(
    table: Arc<CohortTable>,
    /// On the calculator's page: SVG and PNG downloads.
    page: bool,
    fmt: NumberFormat,
) -> impl IntoView {
    let curves = retention_series(&table, 8);
    let unit = table.period.noun();
    let x_name = match table.period {
        Period::Week => "Weeks since the cohort's first",
        Period::Month => "Months since the cohort's first",
        Period::Quarter => "Quarters since the cohort's first",
    };
    let page = crate::PAGE_EXTRAS && page;
    view! {
        <LineChart
            id="cohort-curves".to_string()
            download=page.then(|| "cohort-retention-curves".to_string())
            caption=format!("Retention curves of the {} most recent cohorts", curves.len())
            description=format!("Each line is one cohort: the share of its customers active in each {unit} after its first. Lines that stay higher hold their customers better.")
            series=curves
            x_name=x_name
            x_label=|_, k| format!("+{k:.0}")
            y_label=NumberFormat::percent
            fmt
        />
    }
}

/// What the typed grid makes so far.
#[derive(Clone, PartialEq)]
enum GridState {
    /// Nothing typed yet.
    Empty,
    /// A table, shown as the heatmap.
    Ready,
    /// Counts that make no table, and why.
    Problem(String),
}

/// Largest grid the manual mode offers, in cohorts and in months.
const MAX_GRID: usize = 24;

/// Manual mode: cohort sizes and retained customers typed into a grid; the
/// heatmap follows as you type. Empty cells at a row's end are months that
/// have not happened yet.
#[component]
fn ManualCohorts(fmt: Memo<NumberFormat>) -> impl IntoView {
    let counts = RwSignal::new(false);
    let cohorts = RwSignal::new(4usize);
    let months = RwSignal::new(3usize);
    // cells[row][0] is the cohort's size; cells[row][k] its customers k months on.
    let cells: Vec<Vec<RwSignal<String>>> = (0..MAX_GRID)
        .map(|_| {
            (0..=MAX_GRID)
                .map(|_| RwSignal::new(String::new()))
                .collect()
        })
        .collect();
    let cells = StoredValue::new(cells);
    let table = Memo::new(move |_| {
        let (n, m) = (cohorts.get(), months.get());
        let rows: Vec<Vec<String>> = (0..n)
            .map(|r| cells.with_value(|c| c[r][..=m].iter().map(|s| s.get()).collect()))
            .collect();
        table_from_grid(&rows).map(|table| table.map(Arc::new))
    });
    // The table once the grid makes one (no error, not empty).
    let ready_table = Memo::new(move |_| table.get().ok().flatten());
    let state = Memo::new(move |_| {
        table.with(|table| match table {
            Ok(None) => GridState::Empty,
            Ok(Some(_)) => GridState::Ready,
            Err(message) => GridState::Problem(message.clone()),
        })
    });
    // What the heatmap shows: the grid's table, or the last one while the
    // grid makes none.
    let shown_table = Memo::new(move |last: Option<&Arc<CohortTable>>| {
        ready_table
            .get()
            .or_else(|| last.cloned())
            .unwrap_or_default()
    });
    // A row per cohort of the grid, a column for its size and each month.
    let frame = Signal::derive(move || (cohorts.get(), months.get() + 1));
    // The heatmap follows every key; its curves, once typing pauses (the
    // chart is most of a redraw), and only while near the screen.
    let curves_place = NodeRef::<leptos::html::Div>::new();
    let paused_table = settled(ready_table, VISUALS_SETTLE);
    let curves_table = follow_near(paused_table, near_viewport(curves_place), || true);
    let size_input = move |label: &'static str, value: RwSignal<usize>, testid: &'static str| {
        view! {
            <label class="cohort-grid-size">
                {label}
                <input type="number" min="1" max=MAX_GRID.to_string() data-testid=testid
                    prop:value=move || value.get().to_string()
                    on:input=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<usize>() {
                            value.set(n.clamp(1, MAX_GRID));
                        }
                    } />
            </label>
        }
    };
    let grid = move || {
        let (n, m) = (cohorts.get(), months.get());
        let header = (1..=m)
            .map(|k| view! { <th scope="col">{format!("+{k}")}</th> })
            .collect_view();
        let rows = (0..n)
            .map(|r| {
                let inputs = (0..=m)
                    .map(|k| {
                        let cell = cells.with_value(|c| c[r][k]);
                        let label = if k == 0 {
                            format!("Cohort {} size", r + 1)
                        } else {
                            format!("Cohort {} customers active {k} months on", r + 1)
                        };
                        view! {
                            <td>
                                <input type="text" inputmode="numeric" aria-label=label
                                    data-testid=format!("manual-{r}-{k}")
                                    prop:value=move || cell.get()
                                    on:input=move |ev| cell.set(event_target_value(&ev)) />
                            </td>
                        }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{format!("Cohort {}", r + 1)}</th>{inputs}</tr> }
            })
            .collect_view();
        view! {
            <div class="cohort-table-wrap" tabindex="0" role="region" aria-label="Counts by cohort, scrollable">
                <table class="cohort-table cohort-grid">
                    <caption>"Each cohort's size, then how many of its customers were active 1, 2, 3… months later"</caption>
                    <thead><tr><th scope="col">"Cohort"</th><th scope="col">"Size"</th>{header}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    };
    view! {
        <div class="cohort">
            <form class="cohort-input" on:submit=|ev| ev.prevent_default()>
                <div class="cohort-actions">
                    {size_input("Cohorts ", cohorts, "manual-cohorts")}
                    {size_input("Months ", months, "manual-months")}
                </div>
                {grid}
            </form>
            <section class="cohort-results" aria-live="polite" aria-labelledby="manual-results-heading">
                <h2 id="manual-results-heading">"Retention by cohort"</h2>
                {move || match state.get() {
                    GridState::Empty => Some(view! { <p class="result-prompt">"Type each cohort's size and the customers still active in the months after."</p> }.into_any()),
                    GridState::Problem(message) => Some(view! { <p class="result-problem" role="alert" data-testid="cohort-error">{message}</p> }.into_any()),
                    GridState::Ready => None,
                }}
                // Drawn with the grid, hidden until it makes a table: the
                // first count typed fills it instead of drawing it.
                <div hidden={move || state.get() != GridState::Ready}>
                    <LiveHeatmap table=shown_table frame counts fmt />
                </div>
                // Empty, the place has no height but a position the browser
                // can say is near (or not) when the grid first makes curves.
                <div class="cohort-curves" node_ref=curves_place>
                    {move || curves_table.get().map(|table| view! { <CohortCurves table page=true fmt=fmt.get() /> })}
                </div>
            </section>
            <CohortLeadForm table=ready_table.into() fmt />
        </div>
    }
}
