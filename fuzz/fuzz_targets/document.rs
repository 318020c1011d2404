//! Any text as a post, a page or a site configuration: an error is fine, a panic is a bug.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use quire_compiler::document::{parse_document, DocumentKind};

fuzz_target!(|text: &str| {
    let _ = parse_document(Path::new("content/posts/fuzz.md"), text, DocumentKind::Post);
    let _ = parse_document(Path::new("content/pages/fuzz.md"), text, DocumentKind::Page);
    let _ = quire_compiler::config::parse_config(Path::new("quire.toml"), text);
});
