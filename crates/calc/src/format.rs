//! Display of results in the site's locale and the visitor's currency:
//! rounded to what a person reads, never NaN or ∞.
//!
//! The rules of each supported locale are written out here (separators,
//! where the currency goes, the symbol each currency has in that locale), as
//! the Unicode CLDR data in browsers has them; a browser test compares every
//! locale and currency with Chromium's `Intl.NumberFormat`. A full CLDR
//! library (ICU4X) would bring the same answers for every locale, but its
//! data costs the calculator pages tens of kilobytes of WebAssembly.

use thiserror::Error;

/// How a locale writes numbers, percentages and amounts of money.
#[derive(Debug, PartialEq, Eq)]
pub struct Locale {
    /// BCP 47 tag, e.g. `de-DE`.
    pub tag: &'static str,
    /// Between groups of three digits.
    group: &'static str,
    decimal: char,
    /// Between a number and `%`: `12,3 %` in German.
    percent_gap: &'static str,
    currency: CurrencyPattern,
    /// Symbols that differ from [`Currency::symbol`] in this locale.
    symbols: &'static [(&'static str, &'static str)],
}

/// Where the currency symbol goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CurrencyPattern {
    /// `-$1.00`; a symbol ending in a letter is followed by a space (`CHF 1.00`).
    Before,
    /// `€ -1,00`: symbol, space, then the sign.
    BeforeWithSpace,
    /// `-1,00 €`.
    After,
}

const NBSP: &str = "\u{a0}";
const NARROW_NBSP: &str = "\u{202f}";

/// Every locale the calculators format numbers for.
pub const LOCALES: [Locale; 5] = [
    Locale {
        tag: "en-US",
        group: ",",
        decimal: '.',
        percent_gap: "",
        currency: CurrencyPattern::Before,
        symbols: &[],
    },
    Locale {
        tag: "en-GB",
        group: ",",
        decimal: '.',
        percent_gap: "",
        currency: CurrencyPattern::Before,
        symbols: &[("USD", "US$"), ("JPY", "JP¥")],
    },
    Locale {
        tag: "de-DE",
        group: ".",
        decimal: ',',
        percent_gap: NBSP,
        currency: CurrencyPattern::After,
        symbols: &[("AUD", "AU$")],
    },
    Locale {
        tag: "fr-FR",
        group: NARROW_NBSP,
        decimal: ',',
        percent_gap: NBSP,
        currency: CurrencyPattern::After,
        symbols: &[
            ("USD", "$US"),
            ("GBP", "£GB"),
            ("JPY", "JPY"),
            ("CAD", "$CA"),
            ("AUD", "$AU"),
        ],
    },
    Locale {
        tag: "nl-NL",
        group: ".",
        decimal: ',',
        percent_gap: "",
        currency: CurrencyPattern::BeforeWithSpace,
        symbols: &[
            ("USD", "US$"),
            ("JPY", "JP¥"),
            ("CAD", "C$"),
            ("AUD", "AU$"),
        ],
    },
];

/// A currency a visitor can choose.
#[derive(Debug, PartialEq, Eq)]
pub struct Currency {
    /// ISO 4217 code, as in the URL: `currency=EUR`.
    pub code: &'static str,
    /// Its symbol in most locales.
    pub symbol: &'static str,
    /// Digits after the decimal point: 2, or 0 for the yen.
    pub decimals: usize,
    pub name: &'static str,
}

/// Every currency a visitor can choose, in the order the page lists them.
pub const CURRENCIES: [Currency; 7] = [
    Currency {
        code: "USD",
        symbol: "$",
        decimals: 2,
        name: "US dollar",
    },
    Currency {
        code: "EUR",
        symbol: "€",
        decimals: 2,
        name: "Euro",
    },
    Currency {
        code: "GBP",
        symbol: "£",
        decimals: 2,
        name: "Pound sterling",
    },
    Currency {
        code: "JPY",
        symbol: "¥",
        decimals: 0,
        name: "Japanese yen",
    },
    Currency {
        code: "CHF",
        symbol: "CHF",
        decimals: 2,
        name: "Swiss franc",
    },
    Currency {
        code: "CAD",
        symbol: "CA$",
        decimals: 2,
        name: "Canadian dollar",
    },
    Currency {
        code: "AUD",
        symbol: "A$",
        decimals: 2,
        name: "Australian dollar",
    },
];

/// The currency with an ISO 4217 code (case as typed in a URL is forgiven).
pub fn currency(code: &str) -> Option<&'static Currency> {
    CURRENCIES
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(code.trim()))
}

/// The query parameter that carries the visitor's currency, e.g. `currency=EUR`.
pub const CURRENCY_PARAM: &str = "currency";

/// The currency a query's [`CURRENCY_PARAM`] names (its first), if quire
/// formats it.
pub fn chosen_currency<'a>(
    mut pairs: impl Iterator<Item = (&'a str, &'a str)>,
) -> Option<&'static Currency> {
    pairs
        .find(|(key, _)| *key == CURRENCY_PARAM)
        .and_then(|(_, code)| currency(code))
}

/// A locale by its BCP 47 tag.
pub fn locale(tag: &str) -> Option<&'static Locale> {
    LOCALES
        .iter()
        .find(|l| l.tag.eq_ignore_ascii_case(tag.trim()))
}

/// Why `quire.toml` names a locale or currency quire cannot format.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FormatError {
    #[error("unknown locale `{0}`; use one of {list}", list = LOCALES.map(|l| l.tag).join(", "))]
    Locale(String),
    #[error("unknown currency `{0}`; use an ISO 4217 code among {list}", list = CURRENCIES.map(|c| c.code).join(", "))]
    Currency(String),
}

/// Numbers as one locale writes them, money in one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberFormat {
    pub locale: &'static Locale,
    pub currency: &'static Currency,
}

impl Default for NumberFormat {
    /// US English and dollars.
    fn default() -> Self {
        NumberFormat {
            locale: &LOCALES[0],
            currency: &CURRENCIES[0],
        }
    }
}

impl NumberFormat {
    /// The format for a locale tag and a currency code.
    pub fn new(locale_tag: &str, currency_code: &str) -> Result<Self, FormatError> {
        Ok(NumberFormat {
            locale: locale(locale_tag).ok_or_else(|| FormatError::Locale(locale_tag.into()))?,
            currency: currency(currency_code)
                .ok_or_else(|| FormatError::Currency(currency_code.into()))?,
        })
    }

    /// The same locale with another currency.
    pub fn with_currency(self, currency: &'static Currency) -> Self {
        NumberFormat { currency, ..self }
    }

    /// The currency's symbol in this locale: `$`, `US$`, `CHF`.
    pub fn symbol(&self) -> &'static str {
        self.locale
            .symbols
            .iter()
            .find(|(code, _)| *code == self.currency.code)
            .map_or(self.currency.symbol, |(_, symbol)| symbol)
    }

    /// An amount in the currency, rounded to its smallest unit (half away
    /// from zero, as invoices round): `$1,234.50`, `1.234,50 €`, `¥1,235`.
    pub fn money(&self, value: f64) -> String {
        self.money_to(value, self.currency.decimals)
    }

    /// An amount in whole units: `$1`, `1 €`, for "every $1 spent".
    pub fn whole_money(&self, value: f64) -> String {
        self.money_to(value, 0)
    }

    fn money_to(&self, value: f64, decimals: usize) -> String {
        let number = self.grouped(value.abs(), decimals);
        if number == "—" {
            return number;
        }
        let sign = if is_negative(value, &number) { "-" } else { "" };
        let symbol = self.symbol();
        match self.locale.currency {
            CurrencyPattern::Before => {
                let gap = if symbol.ends_with(|c: char| c.is_alphabetic()) {
                    NBSP
                } else {
                    ""
                };
                format!("{sign}{symbol}{gap}{number}")
            }
            CurrencyPattern::BeforeWithSpace => format!("{symbol}{NBSP}{sign}{number}"),
            CurrencyPattern::After => format!("{sign}{number}{NBSP}{symbol}"),
        }
    }

    /// A number with `decimals` places: `1,234.57`, `1.234,57`.
    pub fn number(&self, value: f64, decimals: usize) -> String {
        let number = self.grouped(value.abs(), decimals);
        if is_negative(value, &number) {
            format!("-{number}")
        } else {
            number
        }
    }

    /// A rounded amount for chart axes: `1,235`.
    pub fn whole(&self, value: f64) -> String {
        self.number(value, 0)
    }

    /// `3.456` → `3.46×`.
    pub fn multiple(&self, value: f64) -> String {
        format!("{}×", self.number(value, 2))
    }

    /// A plain ratio with two decimals: `3.0` → `3.00`.
    pub fn ratio(&self, value: f64) -> String {
        self.number(value, 2)
    }

    /// A fraction as a percentage: `0.1234` → `12.3%`, `12,3 %`.
    pub fn percent(&self, fraction: f64) -> String {
        format!(
            "{}{}%",
            self.number(fraction * 100.0, 1),
            self.locale.percent_gap
        )
    }

    /// Months with one decimal: `10.0 months`, `1.0 month`.
    pub fn months(&self, value: f64) -> String {
        let text = self.number(value, 1);
        if (value * 10.0).round() == 10.0 {
            format!("{text} month")
        } else {
            format!("{text} months")
        }
    }

    /// A count with its noun: `1,200 rows`, `1 customer`.
    pub fn count(&self, n: u64, noun: &str) -> String {
        let plural = if n == 1 { "" } else { "s" };
        format!("{} {noun}{plural}", self.number(n as f64, 0))
    }

    /// A magnitude with `decimals` places, rounded half away from zero (as
    /// `Intl.NumberFormat` rounds), with the locale's separators. Non-finite
    /// values never reach here (the calculators return types instead), but a
    /// dash is a safer last resort than "NaN".
    fn grouped(&self, magnitude: f64, decimals: usize) -> String {
        if !magnitude.is_finite() {
            return "—".into();
        }
        let scale = 10f64.powi(decimals as i32);
        let text = format!("{:.0}", (magnitude * scale).round());
        // Pad so there is a digit before the point: 5 at two places is 0.05.
        let text = format!("{text:0>width$}", width = decimals + 1);
        let (whole, fraction) = text.split_at(text.len() - decimals);
        let mut out = String::with_capacity(text.len() + 8);
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                out.push_str(self.locale.group);
            }
            out.push(digit);
        }
        if !fraction.is_empty() {
            out.push(self.locale.decimal);
            out.push_str(fraction);
        }
        out
    }
}

/// Whether a value shows a minus: "-0.00" reads as a loss where there is none.
fn is_negative(value: f64, shown: &str) -> bool {
    value < 0.0 && shown.chars().any(|c| c.is_ascii_digit() && c != '0')
}

/// `value` with `decimals` places in plain digits, rounded half away from
/// zero as the page rounds: `1800.00`, `-2.63`; no separators, no symbol.
pub fn plain(value: f64, decimals: usize) -> String {
    let scale = 10f64.powi(decimals as i32);
    let rounded = (value * scale).round() / scale;
    // Never "-0.00".
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    format!("{rounded:.decimals$}")
}

/// Rounds to cents, half away from zero (the way invoices round).
pub fn round_cents(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// `text` with its first letter in capitals (a message starting a sentence).
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(locale: &str, currency: &str) -> NumberFormat {
        NumberFormat::new(locale, currency).unwrap()
    }

    #[test]
    fn formats_money_to_the_smallest_unit() {
        let us = NumberFormat::default();
        assert_eq!(us.money(1234.5), "$1,234.50");
        assert_eq!(us.money(0.1 + 0.2), "$0.30");
        assert_eq!(us.money(-2500.0), "-$2,500.00");
        assert_eq!(us.money(-0.001), "$0.00");
        assert_eq!(us.money(1_000_000.005), "$1,000,000.01");
        assert_eq!(us.money(999.995), "$1,000.00");
        assert_eq!(us.money(0.05), "$0.05");
        assert_eq!(format("en-US", "JPY").money(1234.5), "¥1,235");
        assert_eq!(format("en-US", "CHF").money(-1234.5), "-CHF\u{a0}1,234.50");
    }

    // Each expected string is what Chromium's and Node's Intl.NumberFormat
    // print for the same locale, currency and value.
    #[test]
    fn follows_each_locale() {
        assert_eq!(format("de-DE", "EUR").money(-1234.5), "-1.234,50\u{a0}€");
        assert_eq!(
            format("fr-FR", "USD").money(1234.5),
            "1\u{202f}234,50\u{a0}$US"
        );
        assert_eq!(format("nl-NL", "EUR").money(-1234.5), "€\u{a0}-1.234,50");
        assert_eq!(format("en-GB", "JPY").money(1234.5), "JP¥1,235");
        assert_eq!(format("de-DE", "EUR").percent(0.1234), "12,3\u{a0}%");
        assert_eq!(format("nl-NL", "EUR").percent(0.1234), "12,3%");
        assert_eq!(
            format("fr-FR", "EUR").number(1_234_567.891, 2),
            "1\u{202f}234\u{202f}567,89"
        );
    }

    #[test]
    fn formats_ratios_rounding_half_away_from_zero() {
        let us = NumberFormat::default();
        assert_eq!(us.multiple(3.456), "3.46×");
        assert_eq!(us.multiple(2.625), "2.63×");
        assert_eq!(us.percent(0.1234), "12.3%");
        assert_eq!(us.months(10.04), "10.0 months");
        assert_eq!(us.months(1.0), "1.0 month");
        assert_eq!(us.money(f64::NAN), "—");
        assert_eq!(us.count(1200, "row"), "1,200 rows");
        assert_eq!(us.number(-0.004, 2), "0.00");
    }

    #[test]
    fn unknown_codes_are_named_with_the_choices() {
        assert_eq!(currency("eur").map(|c| c.code), Some("EUR"));
        assert_eq!(
            NumberFormat::new("en-US", "XYZ").unwrap_err().to_string(),
            "unknown currency `XYZ`; use an ISO 4217 code among USD, EUR, GBP, JPY, CHF, CAD, AUD"
        );
        assert!(NumberFormat::new("tlh", "USD")
            .unwrap_err()
            .to_string()
            .contains("en-US, en-GB, de-DE, fr-FR, nl-NL"));
    }
}
