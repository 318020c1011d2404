//! Search rules both sides must agree on: how text becomes terms, and which
//! chunk a term lives in. The compiler indexes with them; the app turns a
//! query into terms with the same code, so a word always finds itself.
//! No I/O, no Leptos.
//!
//! - this module: tokens and terms;
//! - [`index`]: the index files' format and the builder the compiler runs;
//! - [`query`]: parsing a query, which chunks it needs, and BM25F ranking;
//! - [`snippet`]: the excerpt of a result with the query's words marked;
//! - [`protocol`]: the messages between the app and the search worker.

pub mod index;
pub mod protocol;
pub mod query;
pub mod snippet;

pub use index::{Fragment, IndexBuilder, SearchDocument, SearchManifest};
pub use query::{Hit, Outcome, Query};
pub use snippet::{highlight, snippet, Segment};

use pagefind_stem::{Algorithm, Stemmer};

/// A word as it appears, with where it starts in the text (in bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub offset: usize,
}

/// Splits text into words. Identifiers stay whole (`pg_stat_statements`,
/// `work_mem`, `asyncpg`, `x86_64`), since readers of a technical blog
/// search for them; dots, slashes and hyphens separate words
/// (`row-level` → `row`, `level`).
pub fn tokens(text: &str) -> impl Iterator<Item = Token<'_>> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let mut rest = text;
    let mut offset = 0;
    std::iter::from_fn(move || {
        let start = rest.find(is_word)?;
        let word_and_after = &rest[start..];
        let len = word_and_after
            .find(|c: char| !is_word(c))
            .unwrap_or(word_and_after.len());
        let word = &word_and_after[..len];
        let token = Token {
            text: word.trim_matches('_'),
            offset: offset + start + (word.len() - word.trim_start_matches('_').len()),
        };
        rest = &word_and_after[len..];
        offset += start + len;
        Some(token)
    })
    .filter(|token| !token.text.is_empty())
}

/// The index term of a word: lowercased, then stemmed (`Policies` →
/// `polici`, `running` → `run`). Identifiers with digits or underscores are
/// kept as written, lowercased: stemming `pg_stat_statements` would only
/// make it harder to find.
pub fn term(word: &str) -> String {
    let lower = word.to_lowercase();
    if lower.contains(|c: char| c == '_' || c.is_ascii_digit()) {
        return lower;
    }
    thread_local! {
        static ENGLISH: Stemmer = Stemmer::create(Algorithm::English);
    }
    ENGLISH.with(|stemmer| stemmer.stem(&lower).into_owned())
}

/// Every term of `text`, in order, repeats included.
pub fn terms(text: &str) -> Vec<String> {
    tokens(text).map(|t| term(t.text)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text).map(|t| t.text).collect()
    }

    #[test]
    fn identifiers_stay_whole_and_punctuation_splits() {
        assert_eq!(
            words("Tune work_mem; see pg_stat_statements (x86_64)."),
            ["Tune", "work_mem", "see", "pg_stat_statements", "x86_64"]
        );
        assert_eq!(
            words("row-level security: RLS/asyncpg"),
            ["row", "level", "security", "RLS", "asyncpg"]
        );
        assert_eq!(words("__init__ — ¿qué? café"), ["init", "qué", "café"]);
        assert_eq!(words("  ...  "), Vec::<&str>::new());
    }

    #[test]
    fn offsets_point_at_the_words() {
        let text = "a __b_ café x";
        for token in tokens(text) {
            assert_eq!(
                &text[token.offset..token.offset + token.text.len()],
                token.text
            );
        }
    }

    #[test]
    fn english_words_are_stemmed_and_identifiers_are_not() {
        assert_eq!(term("Running"), "run");
        assert_eq!(term("policies"), term("policy"));
        assert_eq!(term("Backups"), term("backup"));
        assert_eq!(term("pg_stat_statements"), "pg_stat_statements");
        assert_eq!(term("PG13"), "pg13");
        assert_eq!(term("RLS"), "rls");
        assert_eq!(terms("Restoring backups"), ["restor", "backup"]);
    }
}
