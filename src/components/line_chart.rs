//! An accessible inline-SVG line chart: labelled as an image by its caption,
//! described in words, and followed by the same numbers as a table.

use leptos::prelude::*;

use quire_calc::format::NumberFormat;

use crate::chart::{layout, standalone_svg, Series, HEIGHT, WIDTH};
use crate::components::download_button::DownloadButton;

/// The chart, its legend and a table of its points.
#[component]
pub fn LineChart(
    /// Unique on the page: ids of the caption and description derive from it.
    id: String,
    /// What the chart shows, e.g. "Profit by ad spend".
    caption: String,
    /// One or two sentences saying what the lines show, for screen readers.
    description: String,
    /// The lines.
    series: Vec<Series>,
    /// Name of the x axis, the table's first column.
    x_name: &'static str,
    /// Formats x values (ticks and table).
    x_label: fn(&NumberFormat, f64) -> String,
    /// Formats y values (ticks and table).
    y_label: fn(&NumberFormat, f64) -> String,
    /// The page's number format, which the labels follow.
    #[prop(optional)]
    fmt: NumberFormat,
    /// On a calculator's own page: the file name (without extension) the
    /// chart downloads as, SVG and PNG.
    #[prop(optional_no_strip)]
    download: Option<String>,
) -> impl IntoView {
    let x_label = move |x: f64| x_label(&fmt, x);
    let y_label = move |y: f64| y_label(&fmt, y);
    let geometry = layout(&series, x_label, y_label);
    let (left, top, right, bottom) = geometry.area;
    let caption_id = format!("{id}-caption");
    let description_id = format!("{id}-description");
    let grid = geometry
        .y_ticks
        .iter()
        .map(|tick| {
            view! {
                <line class="chart-grid" x1=left x2=right y1=tick.at y2=tick.at />
                <text class="chart-tick" x=left - 8.0 y=tick.at + 4.0 text-anchor="end">{tick.label.clone()}</text>
            }
        })
        .collect_view();
    let x_ticks = geometry
        .x_ticks
        .iter()
        .map(|tick| {
            view! { <text class="chart-tick" x=tick.at y=bottom + 20.0 text-anchor="middle">{tick.label.clone()}</text> }
        })
        .collect_view();
    let zero = geometry
        .zero
        .map(|y| view! { <line class="chart-zero" x1=left x2=right y1=y y2=y /> });
    let lines = geometry
        .paths
        .iter()
        .enumerate()
        .map(|(i, d)| view! { <path class=format!("chart-line chart-series-{}", i % 6) d=d.clone() /> })
        .collect_view();
    let legend = (series.len() > 1).then(|| {
        view! {
            <ul class="chart-legend" role="list">
                {series
                    .iter()
                    .enumerate()
                    .map(|(i, s)| view! {
                        <li><span class=format!("chart-swatch chart-series-{}", i % 6) aria-hidden="true"></span>{s.name.clone()}</li>
                    })
                    .collect_view()}
            </ul>
        }
    });
    // Constant-false in the whole site's app, which leaves this code out.
    let downloads = download.filter(|_| crate::PAGE_EXTRAS).map(|stem| {
        let drawing = StoredValue::new((geometry.clone(), series.clone(), caption.clone()));
        let svg = move || drawing.with_value(|(g, s, title)| standalone_svg(g, s, title));
        let svg_name = format!("{stem}.svg");
        let png_name = format!("{stem}.png");
        view! {
            <p class="downloads">
                <DownloadButton
                    label="Download chart (SVG)"
                    save=move || crate::download::save_text(&svg_name, "image/svg+xml", &svg().0)
                    testid=format!("{id}-svg")
                />
                <DownloadButton
                    label="Download chart (PNG)"
                    save=move || {
                        let (text, height) = svg();
                        crate::download::save_svg_as_png(&png_name, &text, WIDTH, height)
                    }
                    testid=format!("{id}-png")
                />
            </p>
        }
    });
    // Rows by x value, a column per series (series share their x values).
    let xs: Vec<f64> = series
        .first()
        .map(|s| s.points.iter().map(|p| p.0).collect())
        .unwrap_or_default();
    let table_rows = xs
        .iter()
        .enumerate()
        .map(|(row, x)| {
            view! {
                <tr>
                    <th scope="row">{x_label(*x)}</th>
                    {series
                        .iter()
                        .map(|s| view! { <td>{s.points.get(row).map(|p| y_label(p.1))}</td> })
                        .collect_view()}
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption id=caption_id.clone()>{caption}</figcaption>
            <p class="visually-hidden" id=description_id.clone()>{description}</p>
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-labelledby=caption_id
                aria-describedby=description_id
                focusable="false"
            >
                {grid}
                {x_ticks}
                {zero}
                <line class="chart-axis" x1=left x2=left y1=top y2=bottom />
                {lines}
            </svg>
            {legend}
            {downloads}
            <details class="chart-data">
                <summary>"Show the numbers"</summary>
                <div class="cohort-table-wrap" tabindex="0" role="region" aria-label="The chart's numbers, scrollable">
                    <table class="cohort-table">
                        <thead>
                            <tr>
                                <th scope="col">{x_name}</th>
                                {series.iter().map(|s| view! { <th scope="col">{s.name.clone()}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>{table_rows}</tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}
