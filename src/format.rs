//! Pure formatting helpers for what pages display. No Leptos, no browser.

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2026-03-04` → `4 March 2026`. Anything else is shown as it was given,
/// since the compiler already validated dates and a raw date beats nothing.
pub fn long_date(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    let parsed = (|| {
        let year: u32 = parts.next()?.parse().ok()?;
        let month: usize = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        let month_name = MONTHS.get(month.checked_sub(1)?)?;
        (1..=31)
            .contains(&day)
            .then(|| format!("{day} {month_name} {year}"))
    })();
    parsed.unwrap_or_else(|| iso.to_string())
}

/// `5` → `5 min read`.
pub fn reading_time(minutes: u32) -> String {
    format!("{minutes} min read")
}

/// `1` → `1 post`, `3` → `3 posts`.
pub fn post_count(count: u32) -> String {
    match count {
        1 => "1 post".to_string(),
        n => format!("{n} posts"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_iso_dates() {
        assert_eq!(long_date("2026-03-04"), "4 March 2026");
        assert_eq!(long_date("2025-12-31"), "31 December 2025");
    }

    #[test]
    fn leaves_unexpected_dates_alone() {
        for odd in ["2026-13-01", "2026-00-10", "yesterday", "2026-01-32", ""] {
            assert_eq!(long_date(odd), odd);
        }
    }

    #[test]
    fn formats_reading_time() {
        assert_eq!(reading_time(7), "7 min read");
    }

    #[test]
    fn post_counts_agree_in_number() {
        assert_eq!(post_count(0), "0 posts");
        assert_eq!(post_count(1), "1 post");
        assert_eq!(post_count(12), "12 posts");
    }
}
