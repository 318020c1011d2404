//! Cohort retention from raw activity events, or from counts typed by hand.
//!
//! A customer's cohort is the month of their first activity. Cell
//! (cohort, k) counts the distinct customers of that cohort active k months
//! after it started; retention is that count over the cohort's size.

use std::borrow::Cow;

use std::collections::HashMap;

/// A map keyed by customer id; foldhash spreads similar short ids well.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;
use thiserror::Error;

use crate::input::parse_number;

/// The cohort calculator's URL segment under `/calculators/`.
pub const SLUG: &str = "cohort";
/// The cohort calculator's name.
pub const NAME: &str = "Cohort retention calculator";

/// How long each cohort is: the customers whose first activity fell in the
/// same week (Monday to Sunday), month or quarter.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Period {
    Week,
    #[default]
    Month,
    Quarter,
}

impl Period {
    /// Every period, in the order the page offers them.
    pub const ALL: [Period; 3] = [Period::Week, Period::Month, Period::Quarter];

    /// The URL and form value: `week`, `month`, `quarter`.
    pub fn param(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
        }
    }

    pub fn from_param(text: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.param() == text)
    }

    /// `week`, `month` or `quarter`, for "+2 weeks" and captions.
    pub fn noun(self) -> &'static str {
        self.param()
    }

    /// The period a date falls in; `None` for weeks of a date without a day.
    fn slot(self, date: Date) -> Option<Slot> {
        Some(Slot(match self {
            Period::Month => date.year * 12 + date.month - 1,
            Period::Quarter => date.year * 4 + (date.month - 1) / 3,
            // 1900-01-01 was a Monday: weeks counted from it start on Mondays.
            Period::Week => days_since_1900(date.year, date.month, date.day?)? / 7,
        }))
    }

    /// How a cohort starting in `slot` is labelled: `2026-03`, `2026-Q1`,
    /// or a week's Monday, `2026-03-02`.
    pub fn label(self, slot: Slot) -> String {
        match self {
            Period::Month => format!("{:04}-{:02}", slot.0 / 12, slot.0 % 12 + 1),
            Period::Quarter => format!("{:04}-Q{}", slot.0 / 4, slot.0 % 4 + 1),
            Period::Week => {
                let (year, month, day) = civil_from_days_since_1900(slot.0 * 7);
                format!("{year:04}-{month:02}-{day:02}")
            }
        }
    }
}

/// A date as read from the data: the day is absent in `2026-03`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Date {
    year: u32,
    month: u32,
    day: Option<u32>,
}

impl Date {
    /// `None` unless the month is 1–12, the year 1900–9999 and the day 1–31.
    fn new(year: u32, month: u32, day: Option<u32>) -> Option<Date> {
        ((1900..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day.is_none_or(|d| (1..=31).contains(&d)))
        .then_some(Date { year, month, day })
    }
}

/// Days from 1900-01-01 to a date, or `None` for a day the month lacks
/// (31 April). The civil-calendar count of H. Hinnant's algorithms.
fn days_since_1900(year: u32, month: u32, day: u32) -> Option<u32> {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let length = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day > length {
        return None;
    }
    // Years start in March, so the leap day ends a year.
    let (y, m) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era_days = 365 * y + y / 4 - y / 100 + y / 400;
    let day_of_year = (153 * m + 2) / 5 + day - 1;
    // 693,901 = the same count for 1900-01-01.
    Some(era_days + day_of_year - 693_901)
}

/// The date `days` after 1900-01-01 (the inverse of [`days_since_1900`]),
/// found by walking from an estimate: exact, and run once per cohort label.
fn civil_from_days_since_1900(days: u32) -> (u32, u32, u32) {
    let first_of = |year, month| days_since_1900(year, month, 1).unwrap_or(u32::MAX);
    let mut year = 1900 + days / 366;
    while first_of(year + 1, 1) <= days {
        year += 1;
    }
    let mut month = 1;
    while month < 12 && first_of(year, month + 1) <= days {
        month += 1;
    }
    (year, month, days - first_of(year, month) + 1)
}

/// One period's index, ordered in time: weeks, months or quarters since a
/// fixed start, as the [`Period`] counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Slot(u32);

impl Slot {
    /// Periods from `earlier` to `self`.
    pub fn since(self, earlier: Slot) -> u32 {
        self.0 - earlier.0
    }
}

/// One cohort's row of the matrix.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CohortRow {
    /// `2026-03` for event data; what the visitor typed in manual mode.
    pub label: String,
    /// Customers in the cohort (all active in its first month).
    pub size: u32,
    /// `active[k]`: distinct customers active k months after the cohort began.
    pub active: Vec<u32>,
    /// `revenue[k]`: the cohort's revenue k periods in, when the data has revenue.
    pub revenue: Option<Vec<f64>>,
    /// `gross_revenue[k]`: the same revenue with each customer's capped at
    /// what they paid in the cohort's first period, so expansion is left
    /// out and only churn and contraction show.
    #[serde(default)]
    pub gross_revenue: Option<Vec<f64>>,
}

impl CohortRow {
    /// Share of the cohort active k months in, 0–1.
    pub fn retention(&self, k: usize) -> Option<f64> {
        let active = *self.active.get(k)?;
        (self.size > 0).then(|| f64::from(active) / f64::from(self.size))
    }

    /// Net revenue retention: revenue k periods in as a share of the first
    /// period's, expansion included.
    pub fn revenue_retention(&self, k: usize) -> Option<f64> {
        let first = *self.revenue.as_ref()?.first()?;
        share_of(self.revenue.as_ref()?.get(k)?, first)
    }

    /// Gross revenue retention: the capped revenue k periods in as a share
    /// of the first period's; at most 100%.
    pub fn gross_revenue_retention(&self, k: usize) -> Option<f64> {
        let first = *self.revenue.as_ref()?.first()?;
        share_of(self.gross_revenue.as_ref()?.get(k)?, first)
    }
}

fn share_of(part: &f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole)
}

/// The whole matrix, oldest cohort first. The default is a monthly table of
/// no cohorts (what a heatmap shows before there is data).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CohortTable {
    pub cohorts: Vec<CohortRow>,
    /// How long each cohort is (typed counts are monthly).
    #[serde(default)]
    pub period: Period,
    /// Distinct customers across all cohorts (= the sum of cohort sizes).
    pub customers: u32,
    /// Data rows read (0 in manual mode).
    pub rows: usize,
}

impl CohortTable {
    /// Periods the longest cohort spans: the matrix's width.
    pub fn periods(&self) -> usize {
        self.cohorts
            .iter()
            .map(|c| c.active.len())
            .max()
            .unwrap_or(0)
    }
}

/// Why pasted or uploaded data cannot be analysed. Rows count from 1 as in a
/// spreadsheet, the header included; columns likewise.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CsvError {
    #[error("there is no data; paste rows of customer id, date and (optionally) revenue")]
    Empty,
    #[error("row {row} has {found} column(s); each row needs a customer id and a date, and may add revenue")]
    Columns { row: usize, found: usize },
    #[error("row {row}, column {column} ({name}): {problem}")]
    Cell {
        row: usize,
        column: usize,
        name: &'static str,
        problem: String,
    },
}

/// Why typed-in counts cannot form a matrix.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ManualError {
    #[error("cohort {cohort} has size 0; enter how many customers it started with")]
    EmptyCohort { cohort: usize },
    #[error("cohort {cohort}, month {month}: {retained} retained is more than the cohort's {size} customers")]
    MoreThanSize {
        cohort: usize,
        month: usize,
        retained: u32,
        size: u32,
    },
}

/// Builds the matrix from counts typed by hand: each cohort's label, size and
/// the customers still active in each following month (month 1 onward).
pub fn from_counts(rows: Vec<(String, u32, Vec<u32>)>) -> Result<CohortTable, ManualError> {
    let mut cohorts = Vec::with_capacity(rows.len());
    for (index, (label, size, retained)) in rows.into_iter().enumerate() {
        if size == 0 {
            return Err(ManualError::EmptyCohort { cohort: index + 1 });
        }
        if let Some((month, &retained)) = retained.iter().enumerate().find(|(_, &r)| r > size) {
            return Err(ManualError::MoreThanSize {
                cohort: index + 1,
                month: month + 1,
                retained,
                size,
            });
        }
        let mut active = Vec::with_capacity(retained.len() + 1);
        active.push(size);
        active.extend(retained);
        cohorts.push(CohortRow {
            label,
            size,
            active,
            revenue: None,
            gross_revenue: None,
        });
    }
    let customers = cohorts.iter().map(|c| c.size).sum();
    Ok(CohortTable {
        cohorts,
        period: Period::Month,
        customers,
        rows: 0,
    })
}

/// Parses CSV (comma, semicolon or tab separated) of customer id, date and
/// optional revenue, and builds the matrix. A header row is detected and may
/// name the columns in any order.
pub fn from_csv(text: &str, period: Period) -> Result<CohortTable, CsvError> {
    read_all(text, period, usize::MAX, |_| {})
}

/// What the cohort worker says: how far it got, then the matrix or why
/// there is none. Sent as JSON.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum WorkerReply {
    /// Share of the data read, 0–1.
    Progress(f64),
    Done(CohortTable),
    Failed(String),
}

/// Reads `text` to the end in slices of `rows_per_slice`, telling
/// `progress` the share read after each; for a worker, which need not yield.
pub fn read_all(
    text: &str,
    period: Period,
    rows_per_slice: usize,
    mut progress: impl FnMut(f64),
) -> Result<CohortTable, CsvError> {
    let mut reader = CsvReader::new(text, period)?;
    while reader.read(rows_per_slice)? {
        progress(reader.progress());
    }
    reader.finish()
}

/// Reads CSV events a slice at a time, so a page can parse a million rows
/// in steps between frames and show progress instead of freezing.
pub struct CsvReader<'a> {
    lines: LineCursor<'a>,
    delimiter: u8,
    columns: Columns,
    slash_order: SlashOrder,
    fields: Vec<Cow<'a, str>>,
    ids: CustomerIds<'a>,
    events: Vec<(u32, Slot, f64)>,
    has_revenue: bool,
    period: Period,
}

impl<'a> CsvReader<'a> {
    /// Detects the delimiter, a header row and the date order; cohorts
    /// will be `period` long.
    pub fn new(text: &'a str, period: Period) -> Result<Self, CsvError> {
        let mut lines = LineCursor::new(text);
        lines.skip_blank();
        let (_, first) = lines.peek().ok_or(CsvError::Empty)?;
        let delimiter = [b',', b';', b'\t']
            .into_iter()
            .max_by_key(|d| first.bytes().filter(|b| b == d).count())
            .unwrap_or(b',');

        // A header is a first row whose date column is not a date.
        let mut fields: Vec<Cow<'a, str>> = Vec::new();
        split_fields(first, delimiter, &mut fields);
        let mut columns = Columns::POSITIONAL;
        let is_date = |f: &str| {
            [SlashOrder::MonthFirst, SlashOrder::DayFirst]
                .iter()
                .any(|o| parse_date(f, *o).is_some())
        };
        if fields.len() >= 2 && !is_date(&fields[1]) {
            columns = Columns::from_header(&fields);
            lines.next();
        }
        lines.skip_blank();
        let first_row = lines.peek().map_or("", |(_, l)| l);
        let first_date = first_row
            .split(char::from(delimiter))
            .nth(columns.date)
            .unwrap_or("");
        let slash_order = detect_slash_order(text, first_date, delimiter, columns.date);
        // About one event per line: reserving for that up front spares the
        // copies of a growing vector, which are dear in WebAssembly memory.
        // Rows vary in length, hence the margin; no valid row is shorter
        // than `a,2026-01` and its newline.
        let expected_rows = (text.len() / (first_row.len() + 1) * 5 / 4).min(text.len() / 10 + 1);
        Ok(Self {
            lines,
            delimiter,
            columns,
            slash_order,
            fields,
            ids: CustomerIds::default(),
            events: Vec::with_capacity(expected_rows),
            has_revenue: false,
            period,
        })
    }

    /// Share of the text read so far, 0–1.
    pub fn progress(&self) -> f64 {
        self.lines.progress()
    }

    /// Reads up to `max_rows` more rows; `Ok(false)` once all are read.
    pub fn read(&mut self, max_rows: usize) -> Result<bool, CsvError> {
        let Self {
            lines,
            delimiter,
            columns,
            slash_order,
            fields,
            ids,
            events,
            has_revenue,
            period,
            ..
        } = self;
        for _ in 0..max_rows {
            let Some((row, line)) = lines.next() else {
                return Ok(false);
            };
            if is_blank(line) {
                continue;
            }
            split_fields(line, *delimiter, fields);
            if fields.len() < 2 || fields.len() <= columns.id.max(columns.date) {
                return Err(CsvError::Columns {
                    row,
                    found: fields.len(),
                });
            }
            let id = trim_cow(std::mem::take(&mut fields[columns.id]));
            if id.is_empty() {
                return Err(CsvError::Cell {
                    row,
                    column: columns.id + 1,
                    name: "customer id",
                    problem: "is empty; every row needs the customer it is about".into(),
                });
            }
            let raw_date = fields[columns.date].trim_ascii();
            let date = parse_date(raw_date, *slash_order).ok_or_else(|| CsvError::Cell {
                row,
                column: columns.date + 1,
                name: "date",
                problem: format!(
                    "`{raw_date}` is not a date; use YYYY-MM-DD, YYYY-MM, DD.MM.YYYY or MM/DD/YYYY"
                ),
            })?;
            let slot = period.slot(date).ok_or_else(|| CsvError::Cell {
                row,
                column: columns.date + 1,
                name: "date",
                problem: if date.day.is_none() {
                    format!("`{raw_date}` has no day; weekly cohorts need full dates (YYYY-MM-DD), or choose monthly cohorts")
                } else {
                    format!("`{raw_date}` is not a day of that month")
                },
            })?;
            let revenue = match columns
                .revenue
                .and_then(|c| fields.get(c))
                .map(|f| f.trim_ascii())
            {
                None | Some("") => 0.0,
                Some(text) => {
                    *has_revenue = true;
                    parse_number("revenue", text).map_err(|_| CsvError::Cell {
                        row,
                        column: columns.revenue.unwrap_or(2) + 1,
                        name: "revenue",
                        problem: format!("`{text}` is not a number"),
                    })?
                }
            };
            let customer = ids.index_of(id);
            events.push((customer, slot, revenue));
        }
        Ok(!self.lines.is_done())
    }

    /// Builds the matrix from every row read.
    pub fn finish(self) -> Result<CohortTable, CsvError> {
        if self.events.is_empty() {
            return Err(CsvError::Empty);
        }
        Ok(build(
            &self.events,
            self.ids.count as usize,
            self.has_revenue,
            self.period,
        ))
    }
}

/// The matrix from events of (customer index, period, revenue).
pub fn build(
    events: &[(u32, Slot, f64)],
    customers: usize,
    has_revenue: bool,
    period: Period,
) -> CohortTable {
    let mut first = vec![Slot(u32::MAX); customers];
    let mut last = Slot(0);
    for &(customer, month, _) in events {
        let slot = &mut first[customer as usize];
        *slot = (*slot).min(month);
        last = last.max(month);
    }
    let mut starts: Vec<Slot> = first.clone();
    starts.sort_unstable();
    starts.dedup();
    // Row of each possible start month, indexed by months since the earliest.
    let earliest = starts[0];
    let mut row_of = vec![usize::MAX; last.since(earliest) as usize + 1];
    for (row, start) in starts.iter().enumerate() {
        row_of[start.since(earliest) as usize] = row;
    }

    let mut cohorts: Vec<CohortRow> = starts
        .iter()
        .map(|start| {
            let width = last.since(*start) as usize + 1;
            CohortRow {
                label: period.label(*start),
                size: 0,
                active: vec![0; width],
                revenue: has_revenue.then(|| vec![0.0; width]),
                gross_revenue: has_revenue.then(|| vec![0.0; width]),
            }
        })
        .collect();

    // Distinct (customer, month) pairs, each counted once.
    let span = last.since(earliest) as usize + 1;
    let mut count = |customer: usize, month: Slot| {
        let start = first[customer];
        let row = &mut cohorts[row_of[start.since(earliest) as usize]];
        row.active[month.since(start) as usize] += 1;
    };
    if span <= 64 {
        // Up to 64 months: one bit per month in a word per customer, which
        // spares sorting a million keys.
        let mut seen = vec![0u64; customers];
        for &(customer, month, _) in events {
            seen[customer as usize] |= 1 << month.since(earliest);
        }
        for (customer, mut months) in seen.into_iter().enumerate() {
            while months != 0 {
                let offset = months.trailing_zeros();
                count(customer, Slot(earliest.0 + offset));
                months &= months - 1;
            }
        }
    } else {
        let mut keys: Vec<u64> = events
            .iter()
            .map(|&(c, m, _)| (u64::from(c) << 32) | u64::from(m.0))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            count((key >> 32) as usize, Slot(key as u32));
        }
    }
    if has_revenue {
        for &(customer, month, revenue) in events {
            let start = first[customer as usize];
            if let Some(cells) = cohorts[row_of[start.since(earliest) as usize]]
                .revenue
                .as_mut()
            {
                cells[month.since(start) as usize] += revenue;
            }
        }
        add_gross_revenue(events, &first, &mut cohorts, |start| {
            row_of[start.since(earliest) as usize]
        });
    }
    for row in &mut cohorts {
        row.size = row.active[0];
    }
    CohortTable {
        cohorts,
        period,
        customers: customers as u32,
        rows: events.len(),
    }
}

/// Each cohort's gross revenue: a customer's revenue in each period, capped
/// at what they paid in their first. That needs each customer's total per
/// period, so the events are grouped by customer (a counting sort: one pass
/// to count, one to place) and each customer's few sorted by period; only
/// data with revenue pays for it.
fn add_gross_revenue(
    events: &[(u32, Slot, f64)],
    first: &[Slot],
    cohorts: &mut [CohortRow],
    row_of: impl Fn(Slot) -> usize,
) {
    let mut bounds = vec![0usize; first.len() + 1];
    for &(customer, _, _) in events {
        bounds[customer as usize + 1] += 1;
    }
    for i in 1..bounds.len() {
        bounds[i] += bounds[i - 1];
    }
    let mut next = bounds.clone();
    let mut grouped = vec![(Slot(0), 0.0); events.len()];
    for &(customer, slot, revenue) in events {
        let at = &mut next[customer as usize];
        grouped[*at] = (slot, revenue);
        *at += 1;
    }
    for (customer, start) in first.iter().enumerate() {
        let own = &mut grouped[bounds[customer]..bounds[customer + 1]];
        own.sort_unstable_by_key(|&(slot, _)| slot);
        let Some(cells) = cohorts[row_of(*start)].gross_revenue.as_mut() else {
            continue;
        };
        // The first run is the start period: the customer's opening revenue.
        let mut opening = None;
        for run in own.chunk_by(|a, b| a.0 == b.0) {
            let total: f64 = run.iter().map(|(_, revenue)| revenue).sum();
            let opening = *opening.get_or_insert(total);
            cells[run[0].0.since(*start) as usize] += total.min(opening);
        }
    }
}

/// Numbers customers 0, 1, 2… in order of first appearance.
///
/// Ids of up to 15 bytes (most: numbers, short codes) are packed into a
/// `u128` compared inside the hash table; comparing a borrowed `str` key
/// instead means a cache miss into the input text on every row.
#[derive(Default)]
struct CustomerIds<'a> {
    short: FastMap<u128, u32>,
    long: FastMap<Cow<'a, str>, u32>,
    count: u32,
}

impl<'a> CustomerIds<'a> {
    fn index_of(&mut self, id: Cow<'a, str>) -> u32 {
        let next = self.count;
        let index = match pack(id.as_bytes()) {
            Some(key) => *self.short.entry(key).or_insert(next),
            None => *self.long.entry(id).or_insert(next),
        };
        if index == next {
            self.count += 1;
        }
        index
    }
}

/// Up to 15 bytes and their length in one `u128`; distinct ids stay distinct.
fn pack(bytes: &[u8]) -> Option<u128> {
    if bytes.len() > 15 {
        return None;
    }
    let mut buffer = [0u8; 16];
    buffer[..bytes.len()].copy_from_slice(bytes);
    buffer[15] = bytes.len() as u8;
    Some(u128::from_le_bytes(buffer))
}

/// Which column holds what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    id: usize,
    date: usize,
    revenue: Option<usize>,
}

impl Columns {
    const POSITIONAL: Columns = Columns {
        id: 0,
        date: 1,
        revenue: Some(2),
    };

    /// Columns named by a header, falling back to id, date, revenue order.
    fn from_header(names: &[Cow<'_, str>]) -> Columns {
        let find = |words: &[&str]| {
            names.iter().position(|n| {
                let n = n.trim().to_lowercase();
                words.iter().any(|w| n.contains(w))
            })
        };
        let date = find(&["date", "month", "time", "day", "created"]).unwrap_or(1);
        let id = find(&["customer", "user", "client", "account", "email", "id"])
            .filter(|&c| c != date)
            .unwrap_or(if date == 0 { 1 } else { 0 });
        let revenue = find(&["revenue", "amount", "value", "total", "price", "mrr"]).or(Some(2));
        Columns {
            id,
            date,
            revenue: revenue.filter(|&c| c != id && c != date),
        }
    }
}

/// How to read `a/b/YYYY`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SlashOrder {
    MonthFirst,
    DayFirst,
}

/// A file is day-first if any slash date in it has a first part above 12.
/// Files without slash dates skip the scan.
fn detect_slash_order(
    text: &str,
    first_date: &str,
    delimiter: u8,
    date_column: usize,
) -> SlashOrder {
    if !first_date.contains('/') {
        return SlashOrder::MonthFirst;
    }
    let day_first = text.lines().any(|line| {
        line.split(char::from(delimiter))
            .nth(date_column)
            .is_some_and(|field| {
                let mut parts = field.trim().trim_matches('"').split('/');
                let first = parts.next().and_then(|p| p.parse::<u32>().ok());
                let third = parts.nth(1);
                third.is_some_and(|y| y.len() == 4) && first.is_some_and(|d| d > 12)
            })
    });
    if day_first {
        SlashOrder::DayFirst
    } else {
        SlashOrder::MonthFirst
    }
}

/// A date in one of the common forms: `2026-03` (no day), `2026-03-14`,
/// `2026-03-14T09:30:00Z`, `2026/03/14`, `14.03.2026`, `03/14/2026` (or
/// `14/03/2026` in a day-first file). Works on bytes: it runs per row.
fn parse_date(text: &str, order: SlashOrder) -> Option<Date> {
    let mut bytes = text.as_bytes().trim_ascii();
    let n = |d: &[u8]| d.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'));
    // ISO dates, by far the most common in exports, without splitting.
    if let [y0, y1, y2, y3, b'-', m0, m1, rest @ ..] = bytes {
        let digits = [*y0, *y1, *y2, *y3, *m0, *m1];
        let day = match rest {
            [] => Some(None),
            [b'-', d0, d1, tail @ ..]
                if d0.is_ascii_digit()
                    && d1.is_ascii_digit()
                    && matches!(tail.first(), None | Some(b'T' | b' ')) =>
            {
                Some(Some(n(&[*d0, *d1])))
            }
            _ => None,
        };
        if let (Some(day), true) = (day, digits.iter().all(u8::is_ascii_digit)) {
            return Date::new(n(&digits[..4]), n(&digits[4..]), day);
        }
    }
    if let [b'"', inner @ .., b'"'] = bytes {
        bytes = inner;
    }
    let date = &bytes[..bytes
        .iter()
        .position(|&b| b == b'T' || b == b' ')
        .unwrap_or(bytes.len())];
    let separator = *date.iter().find(|&&b| matches!(b, b'-' | b'/' | b'.'))?;
    let mut parts = date.split(|&b| b == separator);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next());
    if parts.next().is_some() {
        return None;
    }
    let number = |s: &[u8]| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.iter().all(u8::is_ascii_digit)).then(|| n(s))
    };
    match (c, separator) {
        (None, b'-' | b'/') if a.len() == 4 => Date::new(number(a)?, number(b)?, None),
        (Some(d), b'-' | b'/') if a.len() == 4 => {
            Date::new(number(a)?, number(b)?, Some(number(d)?))
        }
        (Some(y), b'.') if y.len() == 4 => Date::new(number(y)?, number(b)?, Some(number(a)?)),
        (Some(y), b'/') if y.len() == 4 => {
            let (m, d) = match order {
                SlashOrder::MonthFirst => (a, b),
                SlashOrder::DayFirst => (b, a),
            };
            Date::new(number(y)?, number(m)?, Some(number(d)?))
        }
        _ => None,
    }
}

/// Splits one CSV line into `out`, honouring double-quoted fields (with `""`
/// escapes). Fields borrow from the line unless quotes had to be removed.
fn split_fields<'a>(line: &'a str, delimiter: u8, out: &mut Vec<Cow<'a, str>>) {
    out.clear();
    // The common unquoted line in one pass over its bytes. Splitting at an
    // ASCII delimiter always lands on a character boundary.
    let mut start = 0;
    for (i, &b) in line.as_bytes().iter().enumerate() {
        if b == delimiter {
            out.push(Cow::Borrowed(&line[start..i]));
            start = i + 1;
        } else if b == b'"' {
            return split_quoted_fields(line, char::from(delimiter), out);
        }
    }
    out.push(Cow::Borrowed(&line[start..]));
}

fn split_quoted_fields<'a>(line: &'a str, delimiter: char, out: &mut Vec<Cow<'a, str>>) {
    out.clear();
    let mut current = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                current.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => out.push(Cow::Owned(std::mem::take(&mut current))),
            c => current.push(c),
        }
    }
    out.push(Cow::Owned(current));
}

/// Whether a line holds only whitespace (checked per row, so it stops at
/// the first other character).
fn is_blank(line: &str) -> bool {
    line.chars().all(char::is_whitespace)
}

/// Lines of the text with their 1-based numbers, as `str::lines` splits
/// them (`\n` or `\r\n`), found with memchr; knows how far it has read.
struct LineCursor<'a> {
    text: &'a str,
    /// Where the next line starts.
    position: usize,
    /// The number of the next line.
    row: usize,
}

impl<'a> LineCursor<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            position: 0,
            row: 1,
        }
    }

    fn is_done(&self) -> bool {
        self.position >= self.text.len()
    }

    /// The next line and where the one after it starts.
    fn line_at(&self) -> Option<(&'a str, usize)> {
        let rest = self.text.get(self.position..).filter(|r| !r.is_empty())?;
        let (line, next) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(end) => (&rest[..end], self.position + end + 1),
            None => (rest, self.text.len()),
        };
        Some((line.strip_suffix('\r').unwrap_or(line), next))
    }

    fn peek(&self) -> Option<(usize, &'a str)> {
        self.line_at().map(|(line, _)| (self.row, line))
    }

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let (line, next) = self.line_at()?;
        let row = self.row;
        self.position = next;
        self.row += 1;
        Some((row, line))
    }

    fn skip_blank(&mut self) {
        while self.peek().is_some_and(|(_, line)| is_blank(line)) {
            self.next();
        }
    }

    /// Share of the text read, 0–1.
    fn progress(&self) -> f64 {
        self.position as f64 / self.text.len().max(1) as f64
    }
}

/// Trims a field without copying a borrowed one.
fn trim_cow(field: Cow<'_, str>) -> Cow<'_, str> {
    match field {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim_ascii()),
        Cow::Owned(s) if s.trim_ascii().len() == s.len() => Cow::Owned(s),
        Cow::Owned(s) => Cow::Owned(s.trim_ascii().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_common_date_forms() {
        let march = |date: Option<Date>| date.map(|d| (d.year, d.month));
        for text in [
            "2026-03",
            "2026-03-14",
            "2026-03-14T09:30:00Z",
            "2026-03-14 09:30",
            "2026/03/14",
            "14.03.2026",
            "03/14/2026",
        ] {
            assert_eq!(
                march(parse_date(text, SlashOrder::MonthFirst)),
                Some((2026, 3)),
                "{text}"
            );
        }
        assert_eq!(
            parse_date("14/03/2026", SlashOrder::DayFirst),
            Date::new(2026, 3, Some(14))
        );
        assert_eq!(
            parse_date("2026-03", SlashOrder::MonthFirst),
            Date::new(2026, 3, None)
        );
        for bad in [
            "2026-13-01",
            "2026-00",
            "March 2026",
            "14/03/2026",
            "2026-03-32",
            "",
            "20260314",
        ] {
            assert_eq!(parse_date(bad, SlashOrder::MonthFirst), None, "{bad}");
        }
    }

    #[test]
    fn weeks_start_on_monday_and_labels_round_trip() {
        // 1900-01-01 was a Monday; 2026-03-02 is one, 2026-03-08 its Sunday.
        assert_eq!(days_since_1900(1900, 1, 1), Some(0));
        assert_eq!(days_since_1900(1900, 3, 1), Some(59));
        assert_eq!(days_since_1900(2000, 3, 1), Some(36_584));
        assert_eq!(days_since_1900(2026, 2, 29), None);
        assert_eq!(days_since_1900(2024, 2, 29), Some(45_349));
        let week = |d| {
            Period::Week
                .slot(Date::new(2026, 3, Some(d)).unwrap())
                .unwrap()
        };
        assert_eq!(week(2), week(8));
        assert_eq!(week(9).since(week(8)), 1);
        assert_eq!(Period::Week.label(week(5)), "2026-03-02");
        for days in [0, 58, 59, 365, 36_584, 45_349, 46_000] {
            let (y, m, d) = civil_from_days_since_1900(days);
            assert_eq!(days_since_1900(y, m, d), Some(days));
        }
        let quarter = Period::Quarter
            .slot(Date::new(2026, 5, None).unwrap())
            .unwrap();
        assert_eq!(Period::Quarter.label(quarter), "2026-Q2");
        assert_eq!(Period::Week.slot(Date::new(2026, 5, None).unwrap()), None);
    }

    #[test]
    fn splits_quoted_fields() {
        let mut fields = Vec::new();
        split_fields(r#""a,b",2026-01,"say ""hi""""#, b',', &mut fields);
        assert_eq!(fields, ["a,b", "2026-01", r#"say "hi""#]);
    }
}
