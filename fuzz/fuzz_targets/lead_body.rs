//! Any request body (and a content type taken from its first bytes) as a
//! lead sent to the inbox: a rejection is fine, a panic is a bug, and an
//! accepted lead holds to the inbox's rules.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quire_inbox::lead::{check_submission, Submission};

fuzz_target!(|data: &[u8]| {
    let (content_type, body) = match data.split_first() {
        Some((0, rest)) => (Some(&b"text/plain"[..]), rest),
        Some((1, rest)) => (None, rest),
        _ => (Some(&b"application/json"[..]), data),
    };
    match check_submission(content_type, body) {
        Ok(Submission::Lead(lead)) => {
            assert!(lead.consent);
            assert!(quire_model::check_email(&lead.email).is_ok());
            assert_eq!(lead.id.len(), 36);
            assert!(!lead.page_url.chars().any(char::is_control));
        }
        Ok(Submission::Bot) => {}
        Err(rejection) => assert!((400..500).contains(&rejection.status)),
    }
});
