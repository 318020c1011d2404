//! Page numbers for paginated listings: which links to show, and the page
//! segment of their URLs (`quire_model::route::Route` builds the paths).
//! Pure rules, tested natively; `components::pagination` draws them.

/// One slot in a pagination bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageItem {
    Page(u32),
    /// Skipped page numbers, shown as "…".
    Gap,
}

/// The pages to link from page `current` of `total`: the first, the last,
/// and the current one with its neighbours, with gaps between. A gap never
/// hides a single page (it would take as much room as the number).
pub fn page_items(current: u32, total: u32) -> Vec<PageItem> {
    if total <= 1 {
        return Vec::new();
    }
    let current = current.clamp(1, total);
    let shown = |page: u32| page == 1 || page == total || page.abs_diff(current) <= 1;
    let mut items = Vec::new();
    let mut page = 1;
    while page <= total {
        if shown(page) {
            items.push(PageItem::Page(page));
            page += 1;
            continue;
        }
        let next_shown = (page..=total).find(|&p| shown(p)).unwrap_or(total);
        if next_shown - page == 1 {
            items.push(PageItem::Page(page));
        } else {
            items.push(PageItem::Gap);
        }
        page = next_shown;
    }
    items
}

/// The page number in a `/page/:n` URL segment; `None` for anything that is
/// not a page number, so the route shows "not found".
pub fn parse_page(segment: &str) -> Option<u32> {
    if segment.starts_with('0') || segment.starts_with('+') {
        return None;
    }
    segment.parse().ok().filter(|&page| page >= 1)
}

#[cfg(test)]
mod tests {
    use super::PageItem::{Gap, Page};
    use super::*;

    #[test]
    fn few_pages_are_all_shown() {
        assert_eq!(page_items(1, 1), vec![]);
        assert_eq!(page_items(1, 3), vec![Page(1), Page(2), Page(3)]);
        assert_eq!(page_items(3, 5), (1..=5).map(Page).collect::<Vec<_>>());
    }

    #[test]
    fn long_runs_collapse_into_gaps() {
        assert_eq!(page_items(1, 10), vec![Page(1), Page(2), Gap, Page(10)]);
        assert_eq!(
            page_items(5, 10),
            vec![Page(1), Gap, Page(4), Page(5), Page(6), Gap, Page(10)]
        );
        assert_eq!(page_items(10, 10), vec![Page(1), Gap, Page(9), Page(10)]);
        // A gap of one page shows the page instead.
        assert_eq!(
            page_items(4, 10),
            vec![Page(1), Page(2), Page(3), Page(4), Page(5), Gap, Page(10)]
        );
    }

    #[test]
    fn every_page_is_reachable_and_the_bar_stays_short() {
        for total in 1..40 {
            for current in 1..=total {
                let items = page_items(current, total);
                assert!(items.len() <= 7, "{current}/{total}: {items:?}");
                if total > 1 {
                    assert!(items.contains(&Page(current)));
                    assert_eq!(items.first(), Some(&Page(1)));
                    assert_eq!(items.last(), Some(&Page(total)));
                }
                assert!(!items.windows(2).any(|w| w == [Gap, Gap]));
            }
        }
    }

    #[test]
    fn page_segments() {
        assert_eq!(parse_page("2"), Some(2));
        for bad in ["0", "01", "-1", "+2", "two", "", "99999999999"] {
            assert_eq!(parse_page(bad), None, "{bad}");
        }
    }
}
