//! Line-chart geometry without the DOM: series of points in, SVG path data
//! and axis ticks out, so the drawing is tested natively and the component
//! that shows it (`components::line_chart`) only places strings.

/// The drawing area in SVG user units; the SVG scales to its container.
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 280.0;
/// Room for tick labels: left, right, top, bottom.
const MARGIN: (f64, f64, f64, f64) = (72.0, 36.0, 12.0, 32.0);

/// One line: its name (for the legend and the table) and its points.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<(f64, f64)>,
}

/// A tick on an axis: where (in SVG units) and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub at: f64,
    pub label: String,
}

/// Everything the component draws.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    /// One SVG path (`M x y L x y …`) per series, in order.
    pub paths: Vec<String>,
    pub x_ticks: Vec<Tick>,
    pub y_ticks: Vec<Tick>,
    /// The y of the value 0, when 0 is in range (a baseline worth drawing).
    pub zero: Option<f64>,
    /// The plot area: left, top, right, bottom.
    pub area: (f64, f64, f64, f64),
}

/// Lays out `series` with the axes covering every point; `x_label` and
/// `y_label` format tick values. Non-finite points are skipped.
pub fn layout(
    series: &[Series],
    x_label: impl Fn(f64) -> String,
    y_label: impl Fn(f64) -> String,
) -> Geometry {
    let (left, right, top, bottom) = (MARGIN.0, WIDTH - MARGIN.1, MARGIN.2, HEIGHT - MARGIN.3);
    let finite = || {
        series
            .iter()
            .flat_map(|s| s.points.iter())
            .filter(|(x, y)| x.is_finite() && y.is_finite())
    };
    let (mut x_min, mut x_max, mut y_min, mut y_max) = finite().fold(
        (f64::MAX, f64::MIN, f64::MAX, f64::MIN),
        |(a, b, c, d), &(x, y)| (a.min(x), b.max(x), c.min(y), d.max(y)),
    );
    if x_min > x_max {
        (x_min, x_max, y_min, y_max) = (0.0, 1.0, 0.0, 1.0);
    }
    // Money and percentages read best against zero.
    y_min = y_min.min(0.0);
    let y_step = nice_step((y_max - y_min).max(f64::EPSILON) / 5.0);
    y_min = (y_min / y_step).floor() * y_step;
    y_max = ((y_max / y_step).ceil() * y_step).max(y_min + y_step);
    if x_max <= x_min {
        x_max = x_min + 1.0;
    }
    let sx = |x: f64| left + (x - x_min) / (x_max - x_min) * (right - left);
    let sy = |y: f64| bottom - (y - y_min) / (y_max - y_min) * (bottom - top);

    let paths = series
        .iter()
        .map(|s| {
            let mut d = String::new();
            for (i, &(x, y)) in s
                .points
                .iter()
                .filter(|(x, y)| x.is_finite() && y.is_finite())
                .enumerate()
            {
                let command = if i == 0 { 'M' } else { 'L' };
                d.push_str(&format!("{command}{:.1} {:.1} ", sx(x), sy(y)));
            }
            d.trim_end().to_string()
        })
        .collect();
    let y_ticks = (0..)
        .map(|i| y_min + f64::from(i) * y_step)
        .take_while(|v| *v <= y_max + y_step / 2.0)
        .map(|v| Tick {
            at: sy(v),
            label: y_label(v),
        })
        .collect();
    let x_step = nice_step((x_max - x_min) / 5.0);
    let first_x = (x_min / x_step).ceil() * x_step;
    let x_ticks = (0..)
        .map(|i| first_x + f64::from(i) * x_step)
        .take_while(|v| *v <= x_max + x_step / 1e6)
        .map(|v| Tick {
            at: sx(v),
            label: x_label(v),
        })
        .collect();
    Geometry {
        paths,
        x_ticks,
        y_ticks,
        zero: (y_min < 0.0 && y_max > 0.0).then(|| sy(0.0)),
        area: (left, top, right, bottom),
    }
}

/// The six series colours of the light theme (style/components/chart.css),
/// for a chart that leaves the page.
pub const SERIES_COLOURS: [&str; 6] = [
    "#1f4e79", "#b45309", "#047857", "#9d174d", "#5b21b6", "#475569",
];

/// Height of a legend row under a downloaded chart.
const LEGEND_ROW: f64 = 24.0;

/// The chart as a file of its own: the same geometry with its title, a
/// white background, colours written on each element (the page's
/// stylesheet does not travel with it) and the legend drawn in, so it
/// reads the same in a slide deck as on the page. Returns the SVG text and
/// its height (the width is [`WIDTH`]).
pub fn standalone_svg(geometry: &Geometry, series: &[Series], title: &str) -> (String, f64) {
    let (left, top, right, bottom) = geometry.area;
    let title_height = 32.0;
    let legend_top = title_height + HEIGHT + 8.0;
    let height = legend_top + LEGEND_ROW * series.len() as f64 + 8.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" \
         viewBox=\"0 0 {WIDTH} {height}\" font-family=\"system-ui, sans-serif\">\
         <title>{}</title>\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\
         <text x=\"{left}\" y=\"22\" font-size=\"17\" font-weight=\"600\" fill=\"#1b1d1f\">{}</text>\
         <g transform=\"translate(0 {title_height})\">",
        xml_text(title),
        xml_text(title),
    );
    for tick in &geometry.y_ticks {
        svg.push_str(&format!(
            "<line x1=\"{left}\" x2=\"{right}\" y1=\"{at:.1}\" y2=\"{at:.1}\" stroke=\"#d9dcd6\"/>\
             <text x=\"{x}\" y=\"{y:.1}\" text-anchor=\"end\" font-size=\"15\" fill=\"#52575d\">{label}</text>",
            at = tick.at,
            x = left - 8.0,
            y = tick.at + 4.0,
            label = xml_text(&tick.label),
        ));
    }
    for tick in &geometry.x_ticks {
        svg.push_str(&format!(
            "<text x=\"{at:.1}\" y=\"{y}\" text-anchor=\"middle\" font-size=\"15\" fill=\"#52575d\">{label}</text>",
            at = tick.at,
            y = bottom + 20.0,
            label = xml_text(&tick.label),
        ));
    }
    if let Some(y) = geometry.zero {
        svg.push_str(&format!(
            "<line x1=\"{left}\" x2=\"{right}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#52575d\" stroke-width=\"1.5\"/>"
        ));
    }
    svg.push_str(&format!(
        "<line x1=\"{left}\" x2=\"{left}\" y1=\"{top}\" y2=\"{bottom}\" stroke=\"#52575d\" stroke-width=\"1.5\"/>"
    ));
    for (i, d) in geometry.paths.iter().enumerate() {
        svg.push_str(&format!(
            "<path d=\"{d}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>",
            SERIES_COLOURS[i % SERIES_COLOURS.len()]
        ));
    }
    svg.push_str("</g>");
    for (i, s) in series.iter().enumerate() {
        let y = legend_top + LEGEND_ROW * i as f64;
        svg.push_str(&format!(
            "<rect x=\"{left}\" y=\"{bar:.1}\" width=\"16\" height=\"4\" fill=\"{colour}\"/>\
             <text x=\"{text_x}\" y=\"{text_y:.1}\" font-size=\"15\" fill=\"#1b1d1f\">{name}</text>",
            bar = y + 8.0,
            colour = SERIES_COLOURS[i % SERIES_COLOURS.len()],
            text_x = left + 24.0,
            text_y = y + 14.0,
            name = xml_text(&s.name),
        ));
    }
    svg.push_str("</svg>");
    (svg, height)
}

/// `text` safe inside an XML element or attribute.
fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A round step (1, 2 or 5 times a power of ten) near `rough`.
fn nice_step(rough: f64) -> f64 {
    let power = 10f64.powf(rough.abs().log10().floor());
    let fraction = rough / power;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(points: &[(f64, f64)]) -> Series {
        Series {
            name: "a".into(),
            points: points.to_vec(),
        }
    }

    #[test]
    fn points_map_into_the_plot_area() {
        let g = layout(
            &[line(&[(0.0, 0.0), (10.0, 100.0)])],
            |x| x.to_string(),
            |y| y.to_string(),
        );
        let (left, top, right, bottom) = g.area;
        assert_eq!(
            g.paths[0],
            format!("M{left:.1} {bottom:.1} L{right:.1} {top:.1}")
        );
        assert_eq!(
            g.y_ticks
                .iter()
                .map(|t| t.label.as_str())
                .collect::<Vec<_>>(),
            ["0", "20", "40", "60", "80", "100"]
        );
        assert_eq!(g.x_ticks.first().map(|t| t.label.as_str()), Some("0"));
        assert_eq!(g.x_ticks.last().map(|t| t.label.as_str()), Some("10"));
        assert_eq!(g.zero, None);
    }

    #[test]
    fn negative_values_get_a_zero_line() {
        let g = layout(
            &[line(&[(1.0, -50.0), (2.0, 150.0)])],
            |x| x.to_string(),
            |y| y.to_string(),
        );
        let zero = g.zero.expect("zero is in range");
        assert!(zero > g.area.1 && zero < g.area.3);
    }

    #[test]
    fn empty_and_non_finite_input_still_lays_out() {
        let g = layout(
            &[line(&[(f64::NAN, 1.0)])],
            |x| x.to_string(),
            |y| y.to_string(),
        );
        assert_eq!(g.paths, [""]);
        assert!(!g.y_ticks.is_empty());
    }

    // roxmltree is a native dev-dependency: the wasm test build skips this.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_downloaded_chart_is_one_well_formed_file() {
        let series = [
            line(&[(0.0, -10.0), (10.0, 100.0)]),
            Series {
                name: "R&D <team>".into(),
                points: vec![(0.0, 5.0), (10.0, 7.0)],
            },
        ];
        let g = layout(&series, |x| x.to_string(), |y| y.to_string());
        let (svg, height) = standalone_svg(&g, &series, "Profit \"by\" spend");
        let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("width"), Some("640"));
        assert_eq!(root.attribute("height"), Some(height.to_string().as_str()));
        let texts: Vec<&str> = doc
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect();
        assert!(
            texts.contains(&"R&D <team>"),
            "legend names survive escaping: {texts:?}"
        );
        assert_eq!(
            texts
                .iter()
                .filter(|t| **t == "Profit \"by\" spend")
                .count(),
            2
        );
        let paths = doc.descendants().filter(|n| n.has_tag_name("path")).count();
        assert_eq!(paths, 2);
        // Every line carries its colour: no stylesheet goes with the file.
        assert!(doc
            .descendants()
            .filter(|n| n.has_tag_name("path"))
            .all(|n| n.attribute("stroke").is_some_and(|c| c.starts_with('#'))));
    }

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(23.0), 50.0);
        assert_eq!(nice_step(0.13), 0.2);
        assert_eq!(nice_step(1000.0), 1000.0);
    }
}
