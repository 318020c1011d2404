//! The lead payload: what a calculator's lead form sends and every receiver
//! (quire's lead inbox, or any webhook) accepts, with the rules both sides
//! check, so the form refuses what the inbox would refuse.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What a calculator's lead form POSTs to the site's lead endpoint, as JSON.
///
/// `id` is made once, when the visitor submits, and kept through every
/// retry, so a receiver can drop duplicates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lead {
    pub id: String,
    pub email: String,
    pub name: Option<String>,
    pub company: Option<String>,
    /// The calculator's slug: `roas`, `cac`, `ltv`, `cohort`.
    pub calculator: String,
    /// The inputs as the visitor typed them, by query parameter name.
    pub inputs: BTreeMap<String, String>,
    /// The results as shown, by result id (`roas`, `payback-months`, …).
    pub results: BTreeMap<String, String>,
    /// The page the lead was captured on, with its query (the shareable result).
    pub page_url: String,
    /// When the visitor submitted, RFC 3339 UTC.
    pub created_at: String,
    /// The visitor ticked the consent box (the form cannot be sent otherwise).
    pub consent: bool,
    /// For a calculator framed on another site (`/embed/calculators/…`):
    /// that site's origin (`https://partner.example`), as the browser
    /// reported it to the frame.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedded_on: Option<String>,
    /// The `partner=` the embedding snippet named, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<String>,
}

/// Longest email address (RFC 5321's path limit).
pub const MAX_EMAIL_CHARS: usize = 254;
/// Longest name or company.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest calculator slug.
pub const MAX_CALCULATOR_CHARS: usize = 40;
/// Most entries in `inputs` or in `results`.
pub const MAX_ENTRIES: usize = 64;
/// Longest key in `inputs` or `results`.
pub const MAX_KEY_CHARS: usize = 100;
/// Longest value in `inputs` or `results` (a cohort's retention row).
pub const MAX_VALUE_CHARS: usize = 2_000;
/// Longest page address.
pub const MAX_URL_CHARS: usize = 2_048;
/// Longest `partner` name.
pub const MAX_PARTNER_CHARS: usize = 100;

/// Whether `origin` is a web origin as browsers write it: `http(s)://host`
/// with an optional port, no path, no credentials.
pub fn is_web_origin(origin: &str) -> bool {
    let Some(host) = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
    else {
        return false;
    };
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) if !name.ends_with(']') || host.starts_with('[') => (name, Some(port)),
        _ => (host, None),
    };
    !name.is_empty()
        && origin.len() <= MAX_URL_CHARS
        && port
            .is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'[' | b']' | b':'))
}

/// Why an email address cannot be right, or `Ok`. Deliberately loose: one
/// `@`, something before it, a dot in the domain, no spaces.
pub fn check_email(email: &str) -> Result<(), &'static str> {
    let email = email.trim();
    if email.is_empty() {
        return Err("Enter your email address.");
    }
    if email.chars().count() > MAX_EMAIL_CHARS {
        return Err("That email address is too long; check it for typos.");
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err("An email address needs an @, like name@example.com.");
    };
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@');
    if local.is_empty() || !domain_ok || email.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err("That does not look like an email address; check it for typos.");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_origins_are_scheme_host_and_port_only() {
        for good in [
            "https://partner.example",
            "http://127.0.0.1:4174",
            "https://xn--bcher-kva.example:8443",
            "http://[::1]:8080",
        ] {
            assert!(is_web_origin(good), "{good}");
        }
        for bad in [
            "",
            "partner.example",
            "https://",
            "https://a.example/",
            "https://a.example/path",
            "https://user@a.example",
            "https://a.example:",
            "https://a.example:123456",
            "javascript:alert(1)",
            "null",
        ] {
            assert!(!is_web_origin(bad), "{bad}");
        }
    }

    #[test]
    fn a_lead_without_an_embedding_site_reads_as_before() {
        let json = r#"{"id":"a","email":"a@b.co","name":null,"company":null,"calculator":"roas",
            "inputs":{},"results":{},"page_url":"https://s.example/calculators/roas",
            "created_at":"2026-12-02T00:00:00Z","consent":true}"#;
        let lead: Lead = serde_json::from_str(json).unwrap();
        assert_eq!((&lead.embedded_on, &lead.partner), (&None, &None));
        let again = serde_json::to_string(&lead).unwrap();
        assert!(
            !again.contains("embedded_on") && !again.contains("partner"),
            "{again}"
        );
    }

    #[test]
    fn emails_are_checked_loosely() {
        assert!(check_email(" jane@example.co.uk ").is_ok());
        let too_long = format!("{}@example.com", "a".repeat(250));
        for bad in [
            "",
            "jane",
            "jane@",
            "@example.com",
            "jane@example",
            "ja ne@example.com",
            "a@.com",
            "a@b.com\u{7}",
            too_long.as_str(),
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }
}
