//! Leads as CSV for spreadsheets. A cell a spreadsheet would run as a
//! formula (`=`, `+`, `-`, `@`, tab or carriage return first) is written
//! with a leading apostrophe, so an exported lead cannot run code.

use crate::store::StoredLead;

pub const CSV_HEADER: [&str; 14] = [
    "received_at",
    "id",
    "email",
    "name",
    "company",
    "calculator",
    "inputs",
    "results",
    "page_url",
    "created_at",
    "origin",
    "handled_at",
    "embedded_on",
    "partner",
];

/// The cell as written: formula-like text neutralised.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// `key=value; key=value`, in key order.
fn pairs(map: &std::collections::BTreeMap<String, String>) -> String {
    map.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// An RFC 3339 UTC time for a millisecond timestamp.
pub fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

pub fn to_csv(leads: &[StoredLead]) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(CSV_HEADER);
    for stored in leads {
        let lead = &stored.lead;
        let row = [
            rfc3339(stored.received_at),
            lead.id.clone(),
            lead.email.clone(),
            lead.name.clone().unwrap_or_default(),
            lead.company.clone().unwrap_or_default(),
            lead.calculator.clone(),
            pairs(&lead.inputs),
            pairs(&lead.results),
            lead.page_url.clone(),
            lead.created_at.clone(),
            stored.origin.clone().unwrap_or_default(),
            stored.handled_at.map(rfc3339).unwrap_or_default(),
            lead.embedded_on.clone().unwrap_or_default(),
            lead.partner.clone().unwrap_or_default(),
        ];
        let _ = out.write_record(row.iter().map(|cell| neutralise(cell).into_owned()));
    }
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_model::Lead;

    #[test]
    fn formula_cells_are_neutralised_and_others_kept() {
        for (cell, written) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1", "'+1"),
            ("-500", "'-500"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("Ada", "Ada"),
            ("4.00×", "4.00×"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), written);
        }
    }

    #[test]
    fn a_lead_is_one_quoted_row() {
        let stored = StoredLead {
            lead: Lead {
                id: "5d0c7a4e-8f7b-4c1e-9a51-0b1f7a2c9e33".into(),
                email: "jane@example.com".into(),
                name: Some("=cmd|' /C calc'!A0".into()),
                company: Some("Acme, Inc.".into()),
                calculator: "roas".into(),
                inputs: [("spend".to_string(), "3000".to_string())].into(),
                results: [("roas".to_string(), "4.00×".to_string())].into(),
                page_url: "https://example.com/calculators/roas".into(),
                created_at: "2026-11-22T07:00:00Z".into(),
                consent: true,
                embedded_on: None,
                partner: None,
            },
            received_at: 1_764_000_000_000,
            origin: Some("https://example.com".into()),
            handled_at: None,
        };
        let csv = to_csv(&[stored]);
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some(CSV_HEADER.join(",").as_str()));
        assert_eq!(
            lines.next(),
            Some("2025-11-24T16:00:00Z,5d0c7a4e-8f7b-4c1e-9a51-0b1f7a2c9e33,jane@example.com,'=cmd|' /C calc'!A0,\"Acme, Inc.\",roas,spend=3000,roas=4.00×,https://example.com/calculators/roas,2026-11-22T07:00:00Z,https://example.com,,,")
        );
        assert_eq!(lines.next(), None);
    }
}
