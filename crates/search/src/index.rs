//! The search index's files and the builder that writes them.
//!
//! An index is a per-build manifest, term chunks, filter lists and one
//! fragment per document:
//! - The manifest (`content/<build>/search/index.json`) lists the chunks in
//!   term order with the first term of each, and the topic and tag filters.
//! - A chunk (`content/search/<hash>.json`) maps each of its terms to its
//!   postings. Chunks are split by size, so a query fetches only the few that
//!   hold its words, on a site of ten posts or of ten thousand. Their names
//!   are hashes of their bytes, so a chunk that did not change keeps its URL
//!   (and its place in caches) across builds.
//! - A posting is a document and the term's BM25F score in it, computed here
//!   at build time: the browser adds numbers and never needs document lengths.
//! - A filter list (`content/search/<hash>.json`) holds the documents of one
//!   topic or tag.
//! - A fragment (`content/<build>/search/<doc>.json`) holds what a result
//!   shows, and is fetched only for results on screen.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::{term, tokens};

/// Version of the index format; the app refuses a manifest it cannot read.
pub const SEARCH_SCHEMA: u32 = 1;

/// The manifest's path under the content directory.
pub fn manifest_file(build: &str) -> String {
    format!("{build}/search/index.json")
}

/// A document's fragment path under the content directory.
pub fn fragment_file(build: &str, doc: u32) -> String {
    format!("{build}/search/{doc}.json")
}

/// A chunk's or filter list's path under the content directory.
pub fn shared_file(name: &str) -> String {
    format!("search/{name}")
}

/// What a search needs to know before it fetches anything else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchManifest {
    pub schema: u32,
    /// Number of documents; document ids are `0..docs`.
    pub docs: u32,
    /// Chunks in term order: chunk `i` holds every term `t` with
    /// `chunks[i].first <= t < chunks[i + 1].first`.
    pub chunks: Vec<ChunkRef>,
    pub topics: Vec<FilterRef>,
    pub tags: Vec<FilterRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChunkRef {
    pub first: String,
    pub file: String,
}

/// One value of a filter (a topic slug or a tag as written) and the file
/// listing its documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterRef {
    pub value: String,
    pub count: u32,
    pub file: String,
}

/// A chunk file: term → postings, flattened as `[doc gap, score, …]` with
/// documents ascending (the first gap is the first document's id) and
/// scores in tenths.
pub type Chunk = BTreeMap<String, Vec<u32>>;

/// Iterates a term's postings as `(document, score in tenths)`.
pub fn postings(flat: &[u32]) -> impl Iterator<Item = (u32, u32)> + '_ {
    let mut doc = 0u32;
    flat.chunks_exact(2).enumerate().map(move |(i, pair)| {
        doc = if i == 0 { pair[0] } else { doc + pair[0] };
        (doc, pair[1])
    })
}

/// A filter list's documents, ascending, stored as gaps.
pub fn decode_doc_list(gaps: &[u32]) -> Vec<u32> {
    let mut doc = 0u32;
    gaps.iter()
        .enumerate()
        .map(|(i, &gap)| {
            doc = if i == 0 { gap } else { doc + gap };
            doc
        })
        .collect()
}

fn encode_doc_list(docs: &[u32]) -> Vec<u32> {
    docs.iter()
        .enumerate()
        .map(|(i, &doc)| if i == 0 { doc } else { doc - docs[i - 1] })
        .collect()
}

/// What a result shows: fetched for results on screen only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fragment {
    pub title: String,
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    pub excerpt: String,
    /// The start of the prose (code left out), for a snippet around a hit.
    pub text: String,
}

/// Longest prose kept in a fragment, in bytes (cut at a word). Most hits
/// in a post's opening sections get a snippet in context; later ones show
/// the excerpt, which keeps each fragment about a kilobyte compressed.
pub const FRAGMENT_TEXT_BYTES: usize = 2_400;

/// Raw JSON bytes a chunk grows to before the next term starts a new one:
/// about 4 KB compressed. A term's postings are never split.
pub const CHUNK_TARGET_BYTES: usize = 12_000;

/// A document as the compiler hands it over.
#[derive(Debug, Clone, Default)]
pub struct SearchDocument {
    pub url: String,
    pub title: String,
    pub date: Option<String>,
    /// The topic's slug, the filter value.
    pub topic: Option<String>,
    /// The topic's name, searched like a tag.
    pub topic_name: Option<String>,
    pub tags: Vec<String>,
    pub headings: Vec<String>,
    /// Prose, without code.
    pub text: String,
    /// The code blocks' text: searched (readers look for identifiers), never shown.
    pub code: String,
    pub excerpt: String,
}

/// Fields and how much a hit in each counts. Titles and headings say what a
/// document is about; a word in passing says less.
const FIELDS: usize = 4;
const WEIGHT: [f64; FIELDS] = [5.0, 2.5, 2.0, 1.0];
/// BM25F's length normalisation per field: full for the body, light for
/// short fields whose length says little.
const LENGTH_NORM: [f64; FIELDS] = [0.3, 0.4, 0.2, 0.75];
/// BM25's term-frequency saturation.
const K1: f64 = 1.2;

/// Collects documents, then writes the index (see the module docs).
#[derive(Default)]
pub struct IndexBuilder {
    lengths: Vec<[u32; FIELDS]>,
    /// term → (document, occurrences per field), documents in order;
    /// sorted by term when the index is written.
    occurrences: FxHashMap<String, Postings>,
    fragments: Vec<Fragment>,
    topics: BTreeMap<String, Vec<u32>>,
    tags: BTreeMap<String, Vec<u32>>,
    terms: TermCache,
}

/// A term's documents, in order, with its occurrences in each field.
type Postings = Vec<(u32, [u32; FIELDS])>;

/// Each word's term, worked out once: a site repeats its vocabulary.
#[derive(Default)]
pub struct TermCache(FxHashMap<String, String>);

/// A document's terms with their counts per field, worked out apart from
/// the index, so that a large site's documents can be analysed in parallel
/// (each thread with its own [`TermCache`]) and then added in order.
pub struct AnalysedDocument {
    counts: Vec<(String, [u32; FIELDS])>,
    lengths: [u32; FIELDS],
    doc: SearchDocument,
}

/// Splits `doc` into terms (see [`tokens`] and [`term`]) and counts them.
pub fn analyse(doc: SearchDocument, cache: &mut TermCache) -> AnalysedDocument {
    let keywords = doc.tags.join(" ") + " " + doc.topic_name.as_deref().unwrap_or("");
    let body = format!("{}\n{}", doc.text, doc.code);
    let headings = doc.headings.join("\n");
    let fields: [&str; FIELDS] = [&doc.title, &headings, &keywords, &body];
    let mut counts: FxHashMap<String, [u32; FIELDS]> = FxHashMap::default();
    let mut lengths = [0u32; FIELDS];
    for (field, text) in fields.iter().enumerate() {
        for token in tokens(text) {
            let term = match cache.0.get(token.text) {
                Some(term) => term.clone(),
                None => {
                    let term = term(token.text);
                    cache.0.insert(token.text.to_owned(), term.clone());
                    term
                }
            };
            counts.entry(term).or_default()[field] += 1;
            lengths[field] += 1;
        }
    }
    AnalysedDocument {
        counts: counts.into_iter().collect(),
        lengths,
        doc,
    }
}

/// A finished index: the manifest, the shared files by name, and the fragments by document.
#[derive(Debug, Clone, PartialEq)]
pub struct BuiltIndex {
    pub manifest: SearchManifest,
    pub files: Vec<(String, Vec<u8>)>,
    pub fragments: Vec<Fragment>,
}

impl IndexBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a document; its id is the number added before it.
    pub fn add(&mut self, doc: SearchDocument) {
        let analysed = analyse(doc, &mut self.terms);
        self.add_analysed(analysed);
    }

    /// Adds a document [`analyse`]d before; its id is the number added before it.
    pub fn add_analysed(&mut self, analysed: AnalysedDocument) {
        let AnalysedDocument {
            counts,
            lengths,
            doc,
        } = analysed;
        let id = self.lengths.len() as u32;
        for (term, per_field) in counts {
            self.occurrences
                .entry(term)
                .or_default()
                .push((id, per_field));
        }
        self.lengths.push(lengths);
        if let Some(topic) = &doc.topic {
            self.topics.entry(topic.clone()).or_default().push(id);
        }
        for tag in &doc.tags {
            let docs = self.tags.entry(tag.clone()).or_default();
            if docs.last() != Some(&id) {
                docs.push(id);
            }
        }
        self.fragments.push(Fragment {
            title: doc.title,
            url: doc.url,
            date: doc.date,
            topic: doc.topic,
            tags: doc.tags,
            excerpt: doc.excerpt,
            text: cut_at_word(&doc.text, FRAGMENT_TEXT_BYTES).to_owned(),
        });
    }

    /// Scores every posting and splits the terms into chunks. `name_of`
    /// names a file by its bytes (the compiler passes a content hash).
    pub fn finish(self, name_of: impl Fn(&[u8]) -> String) -> BuiltIndex {
        let docs = self.lengths.len() as u32;
        let mut average = [0f64; FIELDS];
        for lengths in &self.lengths {
            for field in 0..FIELDS {
                average[field] += f64::from(lengths[field]);
            }
        }
        for value in &mut average {
            *value /= f64::from(docs.max(1));
        }

        let mut files = Vec::new();
        let mut chunks = Vec::new();
        let mut chunk = Chunk::new();
        let mut chunk_bytes = 0;
        let mut close = |chunk: &mut Chunk, files: &mut Vec<(String, Vec<u8>)>| {
            let first = chunk.keys().next().cloned().unwrap_or_default();
            let bytes = to_json(&std::mem::take(chunk));
            let file = name_of(&bytes);
            files.push((file.clone(), bytes));
            chunks.push(ChunkRef { first, file });
        };
        let mut occurrences: Vec<(String, Postings)> = self.occurrences.into_iter().collect();
        occurrences.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (term, found) in occurrences {
            let df = found.len() as f64;
            let idf = (1.0 + (f64::from(docs) - df + 0.5) / (df + 0.5)).ln();
            let mut flat = Vec::with_capacity(found.len() * 2);
            let mut previous = 0;
            for (i, (doc, per_field)) in found.iter().enumerate() {
                let lengths = self.lengths[*doc as usize];
                let weighted: f64 = (0..FIELDS)
                    .filter(|&f| per_field[f] > 0)
                    .map(|f| {
                        let norm = 1.0 - LENGTH_NORM[f]
                            + LENGTH_NORM[f] * f64::from(lengths[f]) / average[f].max(1.0);
                        WEIGHT[f] * f64::from(per_field[f]) / norm
                    })
                    .sum();
                let score = idf * weighted * (K1 + 1.0) / (weighted + K1);
                flat.push(if i == 0 { *doc } else { doc - previous });
                flat.push(((score * 10.0).round() as u32).max(1));
                previous = *doc;
            }
            let entry_bytes = term.len() + 4 + flat.iter().map(|n| digits(*n) + 1).sum::<usize>();
            if !chunk.is_empty() && chunk_bytes + entry_bytes > CHUNK_TARGET_BYTES {
                close(&mut chunk, &mut files);
                chunk_bytes = 0;
            }
            chunk_bytes += entry_bytes;
            chunk.insert(term, flat);
        }
        if !chunk.is_empty() {
            close(&mut chunk, &mut files);
        }

        let mut filter = |lists: BTreeMap<String, Vec<u32>>| -> Vec<FilterRef> {
            lists
                .into_iter()
                .map(|(value, docs)| {
                    let bytes = to_json(&encode_doc_list(&docs));
                    let file = name_of(&bytes);
                    files.push((file.clone(), bytes));
                    FilterRef {
                        value,
                        count: docs.len() as u32,
                        file,
                    }
                })
                .collect()
        };
        let topics = filter(self.topics);
        let tags = filter(self.tags);
        files.sort();
        files.dedup_by(|a, b| a.0 == b.0);
        BuiltIndex {
            manifest: SearchManifest {
                schema: SEARCH_SCHEMA,
                docs,
                chunks,
                topics,
                tags,
            },
            files,
            fragments: self.fragments,
        }
    }
}

fn to_json(value: &impl Serialize) -> Vec<u8> {
    // Plain maps and numbers: serializing cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

fn digits(n: u32) -> usize {
    n.checked_ilog10().unwrap_or(0) as usize + 1
}

/// At most `max` bytes of `text`, ending at a word boundary.
fn cut_at_word(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind(char::is_whitespace) {
        Some(space) if space > 0 => &text[..space],
        _ => &text[..end],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, text: &str) -> SearchDocument {
        SearchDocument {
            url: format!("/posts/{}", title.to_lowercase().replace(' ', "-")),
            title: title.into(),
            text: text.into(),
            excerpt: "excerpt".into(),
            ..Default::default()
        }
    }

    fn hash_name(bytes: &[u8]) -> String {
        // A stand-in for the compiler's content hash: equal bytes, equal names.
        let sum: u64 = bytes.iter().fold(1469598103934665603, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(1099511628211)
        });
        format!("{sum:016x}.json")
    }

    fn chunk_of(built: &BuiltIndex, file: &str) -> Chunk {
        let bytes = &built.files.iter().find(|(name, _)| name == file).unwrap().1;
        serde_json::from_slice(bytes).unwrap()
    }

    #[test]
    fn postings_round_trip_as_gaps() {
        let mut builder = IndexBuilder::new();
        for n in 0..5 {
            builder.add(doc(
                &format!("Post {n}"),
                if n % 2 == 0 { "vacuum" } else { "other" },
            ));
        }
        let built = builder.finish(hash_name);
        let chunk = chunk_of(&built, &built.manifest.chunks[0].file);
        let docs: Vec<u32> = postings(&chunk["vacuum"]).map(|(doc, _)| doc).collect();
        assert_eq!(docs, [0, 2, 4]);
        assert_eq!(decode_doc_list(&encode_doc_list(&[3, 4, 9])), [3, 4, 9]);
    }

    #[test]
    fn a_title_hit_outscores_the_same_word_in_the_body_and_rare_words_weigh_more() {
        let mut builder = IndexBuilder::new();
        builder.add(doc(
            "Vacuum tuning",
            "autovacuum settings and more words here",
        ));
        builder.add(doc("Other things", "vacuum is mentioned once in this text"));
        builder.add(doc("Third", "nothing relevant, though rare appears"));
        let built = builder.finish(hash_name);
        let chunk = chunk_of(&built, &built.manifest.chunks[0].file);
        let scores: Vec<(u32, u32)> = postings(&chunk["vacuum"]).collect();
        assert!(scores[0].1 > scores[1].1, "{scores:?}");
        // "rare" is in one document of three, "vacuum" in two.
        let rare = postings(&chunk["rare"]).next().unwrap().1;
        assert!(rare > scores[1].1, "{rare} vs {scores:?}");
    }

    #[test]
    fn chunks_split_by_size_cover_terms_in_order_and_are_named_by_content() {
        let mut builder = IndexBuilder::new();
        for n in 0..400 {
            builder.add(doc(
                &format!("Post {n}"),
                &format!("word{n} common alpha{}", n % 7),
            ));
        }
        let built = builder.finish(hash_name);
        let chunks = &built.manifest.chunks;
        assert!(chunks.len() > 1, "expected several chunks");
        for pair in chunks.windows(2) {
            assert!(pair[0].first < pair[1].first);
        }
        for (i, reference) in chunks.iter().enumerate() {
            let chunk = chunk_of(&built, &reference.file);
            assert_eq!(chunk.keys().next(), Some(&reference.first));
            if let Some(next) = chunks.get(i + 1) {
                assert!(chunk.keys().all(|t| *t < next.first));
            }
            let bytes = &built
                .files
                .iter()
                .find(|(n, _)| *n == reference.file)
                .unwrap()
                .1;
            assert!(bytes.len() < CHUNK_TARGET_BYTES + 2_000, "{}", bytes.len());
            assert_eq!(hash_name(bytes), reference.file);
        }
    }

    #[test]
    fn filters_list_each_topic_and_tag_once_per_document() {
        let mut builder = IndexBuilder::new();
        for n in 0..3u32 {
            builder.add(SearchDocument {
                topic: Some(if n == 1 { "growth" } else { "postgresql" }.into()),
                tags: vec!["ops".into(), "ops".into()],
                ..doc(&format!("Post {n}"), "text")
            });
        }
        let built = builder.finish(hash_name);
        let topics: Vec<(&str, u32)> = built
            .manifest
            .topics
            .iter()
            .map(|f| (f.value.as_str(), f.count))
            .collect();
        assert_eq!(topics, [("growth", 1), ("postgresql", 2)]);
        let ops = &built.manifest.tags[0];
        assert_eq!((ops.value.as_str(), ops.count), ("ops", 3));
        let bytes = &built.files.iter().find(|(n, _)| *n == ops.file).unwrap().1;
        let gaps: Vec<u32> = serde_json::from_slice(bytes).unwrap();
        assert_eq!(decode_doc_list(&gaps), [0, 1, 2]);
    }

    #[test]
    fn fragments_keep_the_opening_prose_cut_at_a_word() {
        let long = "word ".repeat(2_000);
        let mut builder = IndexBuilder::new();
        builder.add(SearchDocument {
            code: "select secret_identifier".into(),
            ..doc("Long", &long)
        });
        let built = builder.finish(hash_name);
        let text = &built.fragments[0].text;
        assert!(text.len() <= FRAGMENT_TEXT_BYTES && text.ends_with("word"));
        assert!(!text.contains("secret_identifier"));
        // Never inside a character.
        assert_eq!(cut_at_word("café au lait", 4), "caf");
        assert_eq!(cut_at_word("café au lait", 9), "café au");
    }
}
