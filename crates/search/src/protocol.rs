//! The messages between the app and the search worker, and the answer the
//! worker builds from ranked hits. The app holds only these types; the
//! engine, the stemmer and the index files stay in the worker, which the
//! app starts on the first search.

use serde::{Deserialize, Serialize};

use crate::index::{FilterRef, Fragment};
use crate::{highlight, snippet, Hit, Query, Segment};

/// Characters of context in a result's snippet.
pub const SNIPPET_CHARS: usize = 180;

/// What the reader asked for; `id` pairs it with its answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SearchRequest {
    pub id: u32,
    /// The build whose index to search.
    pub build: String,
    pub text: String,
    /// A topic slug.
    pub topic: Option<String>,
    /// A tag as written.
    pub tag: Option<String>,
    /// How many results to show.
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResponse {
    pub id: u32,
    /// The answer, or what stopped the search, in words.
    pub outcome: Result<SearchAnswer, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SearchAnswer {
    /// Every matching document, shown or not.
    pub total: u32,
    pub shown: Vec<ShownResult>,
    /// The filters the reader can choose from.
    pub topics: Vec<FilterRef>,
    pub tags: Vec<FilterRef>,
}

/// A result as the page draws it: words of the query already marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownResult {
    pub url: String,
    pub title: Vec<Segment>,
    pub date: Option<String>,
    /// The topic's slug.
    pub topic: Option<String>,
    /// Text around the first hit, or the excerpt when the hit is not in the
    /// text the fragment keeps.
    pub snippet: Vec<Segment>,
}

impl ShownResult {
    pub fn new(fragment: &Fragment, query: &Query) -> Self {
        Self {
            url: fragment.url.clone(),
            title: highlight(&fragment.title, query),
            date: fragment.date.clone(),
            topic: fragment.topic.clone(),
            snippet: snippet(&fragment.text, query, SNIPPET_CHARS)
                .unwrap_or_else(|| highlight(&fragment.excerpt, query)),
        }
    }
}

/// The answer to a query: its hits counted, the first ones shown.
pub fn answer(
    hits: &[Hit],
    fragments: &[Fragment],
    query: &Query,
    topics: &[FilterRef],
    tags: &[FilterRef],
) -> SearchAnswer {
    SearchAnswer {
        total: hits.len() as u32,
        shown: fragments
            .iter()
            .map(|fragment| ShownResult::new(fragment, query))
            .collect(),
        topics: topics.to_vec(),
        tags: tags.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fragment(text: &str) -> Fragment {
        Fragment {
            title: "Vacuum tuning".into(),
            url: "/posts/vacuum".into(),
            date: Some("2026-01-02".into()),
            topic: Some("postgresql".into()),
            tags: vec![],
            excerpt: "About autovacuum.".into(),
            text: text.into(),
        }
    }

    #[test]
    fn results_mark_the_title_and_fall_back_to_the_excerpt() {
        let query = Query::parse("vacuum ");
        let found = ShownResult::new(&fragment("Run vacuum nightly."), &query);
        assert!(found.title[0].hit && found.title[0].text == "Vacuum");
        assert!(found.snippet.iter().any(|s| s.hit && s.text == "vacuum"));
        let elsewhere = ShownResult::new(&fragment("Nothing here."), &query);
        assert_eq!(elsewhere.snippet[0].text, "About autovacuum.");
    }

    #[test]
    fn messages_round_trip_as_json() {
        let response = SearchResponse {
            id: 7,
            outcome: Ok(answer(
                &[Hit { doc: 0, score: 3 }, Hit { doc: 4, score: 1 }],
                &[fragment("vacuum")],
                &Query::parse("vacuum"),
                &[],
                &[],
            )),
        };
        let json = serde_json::to_string(&response).unwrap();
        let back: SearchResponse = serde_json::from_str(&json).unwrap();
        assert_eq!(back, response);
        let Ok(answer) = back.outcome else { panic!() };
        assert_eq!((answer.total, answer.shown.len()), (2, 1));
        let failed = SearchResponse {
            id: 8,
            outcome: Err("503".into()),
        };
        assert_eq!(
            serde_json::from_str::<SearchResponse>(&serde_json::to_string(&failed).unwrap())
                .unwrap(),
            failed
        );
    }
}
