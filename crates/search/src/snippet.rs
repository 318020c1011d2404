//! Result text with the query's words marked: the title whole, the body as
//! a short window around the first hit.

use serde::{Deserialize, Serialize};

use crate::{term, tokens, Query};

/// A run of text, marked when it is a word the query matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

/// `text` split into segments, with every word the query matches marked.
pub fn highlight(text: &str, query: &Query) -> Vec<Segment> {
    mark(text, 0, text.len(), query)
}

/// About `max_chars` characters of `text` around the first word the query
/// matches, cut at words, with `…` where text was left out; `None` when no
/// word matches (show the excerpt instead).
pub fn snippet(text: &str, query: &Query, max_chars: usize) -> Option<Vec<Segment>> {
    let first = tokens(text).find(|t| hit(query, t.text))?;
    // Some context before the hit, most of the room after it.
    let before = max_chars / 4;
    let start = word_start_before(text, first.offset, before);
    let end = word_end_after(text, start, max_chars);
    let mut segments = mark(text, start, end, query);
    if start > 0 {
        segments.insert(0, plain("…"));
    }
    if end < text.len() {
        segments.push(plain("…"));
    }
    Some(segments)
}

fn hit(query: &Query, word: &str) -> bool {
    query.may_match_word(word) && query.matches_term(&term(word))
}

fn plain(text: &str) -> Segment {
    Segment {
        text: text.into(),
        hit: false,
    }
}

fn mark(text: &str, start: usize, end: usize, query: &Query) -> Vec<Segment> {
    let window = &text[start..end];
    let mut segments = Vec::new();
    let mut at = 0;
    for token in tokens(window) {
        if !hit(query, token.text) {
            continue;
        }
        if token.offset > at {
            segments.push(plain(&window[at..token.offset]));
        }
        segments.push(Segment {
            text: token.text.into(),
            hit: true,
        });
        at = token.offset + token.text.len();
    }
    if at < window.len() {
        segments.push(plain(&window[at..]));
    }
    segments
}

/// The start of the word `chars` characters before `offset`, or 0.
fn word_start_before(text: &str, offset: usize, chars: usize) -> usize {
    let Some((back, _)) = text[..offset].char_indices().rev().nth(chars) else {
        return 0;
    };
    text[back..offset]
        .find(char::is_whitespace)
        .map_or(offset, |space| back + space + 1)
}

/// The end of the last whole word within `chars` characters from `start`.
fn word_end_after(text: &str, start: usize, chars: usize) -> usize {
    let Some((limit, _)) = text[start..].char_indices().nth(chars) else {
        return text.len();
    };
    let limit = start + limit;
    text[start..limit]
        .rfind(char::is_whitespace)
        .map_or(limit, |space| start + space)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| {
                if s.hit {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn titles_mark_every_form_of_the_words() {
        let query = Query::parse("policy rls ");
        assert_eq!(
            render(&highlight("RLS policies, and a Policy.", &query)),
            "[RLS] [policies], and a [Policy]."
        );
        let typing = Query::parse("pgbou");
        assert_eq!(
            render(&highlight("Using PgBouncer", &typing)),
            "Using [PgBouncer]"
        );
    }

    #[test]
    fn snippets_show_a_window_around_the_first_hit_cut_at_words() {
        let text = format!(
            "{} vacuum runs nightly. {}",
            "lead ".repeat(40),
            "tail ".repeat(40)
        );
        let query = Query::parse("vacuum ");
        let segments = snippet(&text, &query, 60).unwrap();
        let shown = render(&segments);
        assert!(shown.starts_with("…lead "), "{shown}");
        assert!(shown.contains("[vacuum] runs nightly."), "{shown}");
        assert!(
            shown.ends_with(" tail…") || shown.ends_with("tail…"),
            "{shown}"
        );
        assert!(
            shown.chars().count() <= 60 + 4,
            "{} chars: {shown}",
            shown.chars().count()
        );
        assert!(snippet(&text, &Query::parse("absent "), 60).is_none());
    }

    #[test]
    fn a_short_text_is_shown_whole_and_multibyte_text_is_cut_safely() {
        let query = Query::parse("café ");
        assert_eq!(
            render(&snippet("Un café.", &query, 80).unwrap()),
            "Un [café]."
        );
        let long = format!("{}café {}", "é ".repeat(100), "ü ".repeat(100));
        let shown = render(&snippet(&long, &query, 30).unwrap());
        assert!(shown.contains("[café]") && shown.starts_with('…') && shown.ends_with('…'));
    }
}
