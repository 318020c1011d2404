//! Checking a submitted lead: the request body and its content type in, a
//! lead to store (or a bot to thank and ignore) out, or the status and the
//! one sentence the visitor is shown. Pure, so the fuzz target and the tests
//! call it without a server.

use std::collections::BTreeMap;

use quire_model::lead::{
    is_web_origin, MAX_CALCULATOR_CHARS, MAX_ENTRIES, MAX_KEY_CHARS, MAX_NAME_CHARS,
    MAX_PARTNER_CHARS, MAX_URL_CHARS, MAX_VALUE_CHARS,
};
use quire_model::{check_email, Lead};
use serde_json::{Map, Value};

/// The largest request body taken (a cohort lead with a long retention
/// table is about 6 KB).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The form's hidden field: people never see it, form-filling bots do.
pub const HONEYPOT_FIELD: &str = "website";

/// What a valid request carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submission {
    /// A lead to keep.
    Lead(Box<Lead>),
    /// The honeypot was filled: answered as accepted, kept nowhere.
    Bot,
}

/// Why a request can never be accepted as it is: the status to answer and
/// one sentence the visitor is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub status: u16,
    pub message: String,
}

impl Rejection {
    fn new(status: u16, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }

    fn invalid(message: impl Into<String>) -> Self {
        Self::new(422, message)
    }

    /// The body was over [`MAX_BODY_BYTES`].
    pub fn too_large() -> Self {
        Self::new(
            413,
            format!("The lead is larger than {} KB.", MAX_BODY_BYTES / 1024),
        )
    }
}

/// Checks a lead request: the content type must be JSON, the body a lead
/// object whose every field is present, of the right type, bounded, and
/// free of control characters. Unknown fields are ignored, so a newer site
/// can send more than this inbox reads.
pub fn check_submission(content_type: Option<&[u8]>, body: &[u8]) -> Result<Submission, Rejection> {
    if !is_json(content_type) {
        return Err(Rejection::new(
            415,
            "Send the lead as JSON (Content-Type: application/json).",
        ));
    }
    if body.len() > MAX_BODY_BYTES {
        return Err(Rejection::too_large());
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|_| Rejection::new(400, "The lead is not valid JSON."))?;
    let Value::Object(fields) = value else {
        return Err(Rejection::new(400, "The lead must be a JSON object."));
    };
    if let Some(Value::String(bait)) = fields.get(HONEYPOT_FIELD) {
        if !bait.trim().is_empty() {
            return Ok(Submission::Bot);
        }
    }
    let fields = Fields(&fields);

    let id = fields.text("id")?;
    if uuid::Uuid::try_parse(id).is_err() || id.len() != 36 {
        return Err(Rejection::invalid(
            "`id` must be a UUID such as 5d0c7a4e-8f7b-4c1e-9a51-0b1f7a2c9e33.",
        ));
    }
    let email = fields.text("email")?;
    check_email(email).map_err(Rejection::invalid)?;
    let name = fields.optional_text("name", MAX_NAME_CHARS)?;
    let company = fields.optional_text("company", MAX_NAME_CHARS)?;
    let calculator = fields.text("calculator")?;
    let slug_ok = !calculator.is_empty()
        && calculator.len() <= MAX_CALCULATOR_CHARS
        && calculator
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !slug_ok {
        return Err(Rejection::invalid(
            "`calculator` must be a calculator's short name, such as roas.",
        ));
    }
    let inputs = fields.text_map("inputs")?;
    let results = fields.text_map("results")?;
    let page_url = fields.text("page_url")?;
    check_page_url(page_url)?;
    let created_at = fields.text("created_at")?;
    if created_at.parse::<jiff::Timestamp>().is_err() {
        return Err(Rejection::invalid(
            "`created_at` must be an RFC 3339 time such as 2026-11-22T07:00:00Z.",
        ));
    }
    match fields.0.get("consent") {
        Some(Value::Bool(true)) => {}
        Some(Value::Bool(false)) => {
            return Err(Rejection::invalid(
                "Consent is missing: tick the box so we may email you.",
            ))
        }
        Some(_) => return Err(Rejection::new(400, "`consent` must be true or false.")),
        None => return Err(Rejection::new(400, "The lead has no `consent`.")),
    }
    // Both absent from leads sent by a site's own pages.
    let embedded_on = fields.optional_text("embedded_on", MAX_URL_CHARS)?;
    if embedded_on.as_deref().is_some_and(|o| !is_web_origin(o)) {
        return Err(Rejection::invalid(
            "`embedded_on` must be a web origin such as https://partner.example.",
        ));
    }
    let partner = fields.optional_text("partner", MAX_PARTNER_CHARS)?;
    Ok(Submission::Lead(Box::new(Lead {
        id: id.to_ascii_lowercase(),
        email: email.trim().to_string(),
        name,
        company,
        calculator: calculator.to_string(),
        inputs,
        results,
        page_url: page_url.to_string(),
        created_at: created_at.to_string(),
        consent: true,
        embedded_on: embedded_on.map(|o| o.to_ascii_lowercase()),
        partner,
    })))
}

/// `application/json`, with or without parameters such as a charset.
fn is_json(content_type: Option<&[u8]>) -> bool {
    let Some(value) = content_type.and_then(|v| std::str::from_utf8(v).ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/json")
}

fn check_page_url(url: &str) -> Result<(), Rejection> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let http = lower.starts_with("https://") || lower.starts_with("http://");
    if !http || url.chars().count() > MAX_URL_CHARS || url.chars().any(char::is_whitespace) {
        return Err(Rejection::invalid(
            "`page_url` must be the http(s) address of the calculator page.",
        ));
    }
    check_plain("page_url", url)
}

/// Text a person may have typed: no control characters (newlines included).
fn check_plain(field: &str, text: &str) -> Result<(), Rejection> {
    if text.chars().any(char::is_control) {
        return Err(Rejection::invalid(format!(
            "`{field}` contains control characters."
        )));
    }
    Ok(())
}

/// The lead's fields, read with messages that name the field.
struct Fields<'a>(&'a Map<String, Value>);

impl<'a> Fields<'a> {
    fn text(&self, field: &str) -> Result<&'a str, Rejection> {
        match self.0.get(field) {
            Some(Value::String(text)) => {
                check_plain(field, text)?;
                Ok(text)
            }
            Some(_) => Err(Rejection::new(400, format!("`{field}` must be text."))),
            None => Err(Rejection::new(400, format!("The lead has no `{field}`."))),
        }
    }

    fn optional_text(&self, field: &str, max_chars: usize) -> Result<Option<String>, Rejection> {
        match self.0.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => {
                check_plain(field, text)?;
                if text.chars().count() > max_chars {
                    return Err(Rejection::invalid(format!(
                        "`{field}` is longer than {max_chars} characters."
                    )));
                }
                let text = text.trim();
                Ok((!text.is_empty()).then(|| text.to_string()))
            }
            Some(_) => Err(Rejection::new(
                400,
                format!("`{field}` must be text or null."),
            )),
        }
    }

    fn text_map(&self, field: &str) -> Result<BTreeMap<String, String>, Rejection> {
        let Some(value) = self.0.get(field) else {
            return Err(Rejection::new(400, format!("The lead has no `{field}`.")));
        };
        let Value::Object(entries) = value else {
            return Err(Rejection::new(
                400,
                format!("`{field}` must be an object of texts."),
            ));
        };
        if entries.len() > MAX_ENTRIES {
            return Err(Rejection::invalid(format!(
                "`{field}` has more than {MAX_ENTRIES} entries."
            )));
        }
        let mut map = BTreeMap::new();
        for (key, value) in entries {
            let Value::String(text) = value else {
                return Err(Rejection::new(
                    400,
                    format!("`{field}` must be an object of texts."),
                ));
            };
            if key.is_empty() || key.chars().count() > MAX_KEY_CHARS {
                return Err(Rejection::invalid(format!(
                    "A name in `{field}` is empty or longer than {MAX_KEY_CHARS} characters."
                )));
            }
            if text.chars().count() > MAX_VALUE_CHARS {
                return Err(Rejection::invalid(format!(
                    "A value in `{field}` is longer than {MAX_VALUE_CHARS} characters."
                )));
            }
            check_plain(field, key)?;
            check_plain(field, text)?;
            map.insert(key.clone(), text.clone());
        }
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const JSON: Option<&[u8]> = Some(b"application/json");

    fn good() -> Value {
        serde_json::json!({
            "id": "5d0c7a4e-8f7b-4c1e-9a51-0b1f7a2c9e33",
            "email": " jane@example.com ",
            "name": "Jane",
            "company": null,
            "calculator": "roas",
            "inputs": {"revenue": "12000", "spend": "3000"},
            "results": {"roas": "4.00× (400.0%)"},
            "page_url": "https://example.com/calculators/roas?revenue=12000",
            "created_at": "2026-11-22T07:00:00.000Z",
            "consent": true,
            "from_a_newer_site": 1
        })
    }

    #[test]
    fn a_good_lead_is_read_and_trimmed() {
        let body = serde_json::to_vec(&good()).unwrap();
        let Ok(Submission::Lead(lead)) =
            check_submission(Some(b"Application/JSON; charset=utf-8"), &body)
        else {
            panic!("refused a good lead");
        };
        assert_eq!(lead.email, "jane@example.com");
        assert_eq!(lead.name.as_deref(), Some("Jane"));
        assert_eq!(lead.company, None);
        assert_eq!(lead.inputs.len(), 2);
        assert_eq!((lead.embedded_on, lead.partner), (None, None));
    }

    #[test]
    fn a_lead_from_an_embed_names_its_site() {
        let mut lead = good();
        lead["embedded_on"] = "https://Partner.example:8443".into();
        lead["partner"] = " newsletter ".into();
        let body = serde_json::to_vec(&lead).unwrap();
        let Ok(Submission::Lead(read)) = check_submission(JSON, &body) else {
            panic!("refused a lead from an embed");
        };
        assert_eq!(
            read.embedded_on.as_deref(),
            Some("https://partner.example:8443")
        );
        assert_eq!(read.partner.as_deref(), Some("newsletter"));
        for bad in ["https://partner.example/page", "partner.example", "null"] {
            lead["embedded_on"] = bad.into();
            let body = serde_json::to_vec(&lead).unwrap();
            let refused = check_submission(JSON, &body).unwrap_err();
            assert_eq!(refused.status, 422, "{bad}");
            assert!(
                refused.message.contains("embedded_on"),
                "{}",
                refused.message
            );
        }
    }

    #[test]
    fn a_filled_honeypot_is_a_bot() {
        let mut lead = good();
        lead["website"] = "https://spam.example".into();
        let body = serde_json::to_vec(&lead).unwrap();
        assert_eq!(check_submission(JSON, &body), Ok(Submission::Bot));
        lead["website"] = "".into();
        let body = serde_json::to_vec(&lead).unwrap();
        assert!(matches!(
            check_submission(JSON, &body),
            Ok(Submission::Lead(_))
        ));
    }

    proptest! {
        /// Any bytes are answered (never a panic), and an accepted lead
        /// holds to every bound.
        #[test]
        fn any_body_is_answered(body in proptest::collection::vec(any::<u8>(), 0..400)) {
            if let Ok(Submission::Lead(lead)) = check_submission(JSON, &body) {
                prop_assert!(lead.consent);
                prop_assert!(check_email(&lead.email).is_ok());
            }
        }

        /// Any text in a good lead's fields is accepted or refused with a
        /// 4xx, never a panic, and an accepted one has no control characters.
        #[test]
        fn any_field_text_is_answered(field in prop::sample::select(vec!["email", "name", "company", "calculator", "page_url", "created_at", "id", "embedded_on", "partner"]), text in ".{0,300}") {
            let mut lead = good();
            lead[field] = text.into();
            let body = serde_json::to_vec(&lead).unwrap();
            match check_submission(JSON, &body) {
                Ok(Submission::Lead(lead)) => {
                    let all = format!("{}{}{}{:?}", lead.email, lead.page_url, lead.calculator, lead.name);
                    prop_assert!(!all.chars().any(char::is_control));
                }
                Ok(Submission::Bot) => prop_assert!(false, "not a bot"),
                Err(rejection) => prop_assert!((400..500).contains(&rejection.status)),
            }
        }
    }
}
