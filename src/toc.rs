//! Which section of a post the reader is in, for the table of contents to
//! highlight. Pure rule, tested natively; `components::table_of_contents`
//! feeds it the headings' positions.

/// The section being read: the last heading whose top has scrolled above
/// `reading_line` (pixels from the top of the viewport). At the very bottom
/// of the page the last heading wins, since a short final section may never
/// reach the line. `None` above the first heading.
pub fn current_section(heading_tops: &[f64], reading_line: f64, at_bottom: bool) -> Option<usize> {
    if at_bottom && !heading_tops.is_empty() {
        return Some(heading_tops.len() - 1);
    }
    heading_tops.iter().rposition(|&top| top <= reading_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_heading_above_the_line_is_current() {
        let tops = [-900.0, -200.0, 40.0, 700.0];
        assert_eq!(current_section(&tops, 100.0, false), Some(2));
        assert_eq!(current_section(&tops, 10.0, false), Some(1));
        assert_eq!(current_section(&[300.0, 900.0], 100.0, false), None);
        assert_eq!(current_section(&[], 100.0, true), None);
    }

    #[test]
    fn the_bottom_of_the_page_reaches_the_last_section() {
        assert_eq!(
            current_section(&[-500.0, 200.0, 400.0], 100.0, true),
            Some(2)
        );
    }
}
