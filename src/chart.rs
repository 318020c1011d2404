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

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(23.0), 50.0);
        assert_eq!(nice_step(0.13), 0.2);
        assert_eq!(nice_step(1000.0), 1000.0);
    }
}
