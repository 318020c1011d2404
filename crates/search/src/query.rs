//! Queries: what a reader typed, which chunks that needs, and the ranking.
//!
//! Every word must match (a reader adding a word narrows the results). A
//! word matches an index term exactly (after stemming), as a prefix while it
//! is the last word and still being typed, or, when nothing else matches a
//! word of five letters or more, with one typo after its third letter.
//! A document's score is the sum over the words of its best-matching term's
//! BM25F score (computed at build time), discounted for prefix and typo matches.

use std::collections::BTreeSet;

use crate::index::{postings, Chunk, SearchManifest};
use crate::{term, tokens};

/// How much a match counts, relative to an exact one.
const PREFIX: f64 = 0.6;
/// The word being typed is a longer form of this stem (`connecti` → `connect`).
const STEM_OF_PARTIAL: f64 = 0.9;
const TYPO: f64 = 0.5;
/// Words shorter than this are matched exactly or as prefixes, never with a typo.
const TYPO_MIN_CHARS: usize = 5;
/// Letters a typo-tolerant word must get right; they also bound the chunks it reads.
const TYPO_KEPT_PREFIX: usize = 3;
/// Most chunks a prefix or typo expansion reads, so two letters typed on a
/// large site cost a few requests, not the whole index.
const MAX_EXPANSION_CHUNKS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    /// As typed, lowercased.
    raw: String,
    /// Stemmed, as the index stores it.
    term: String,
    /// The last word, still being typed: match it as a prefix too.
    prefix: bool,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    words: Vec<Word>,
}

/// A ranked document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub doc: u32,
    /// Relative score; only the order means something.
    pub score: u32,
}

/// What [`Query::run`] found, or which chunks it still needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Ranked(Vec<Hit>),
    /// Fetch these chunks (indexes into the manifest's list) and run again.
    NeedChunks(Vec<usize>),
}

impl Query {
    pub fn parse(text: &str) -> Self {
        let found: Vec<_> = tokens(text).collect();
        let still_typing = found
            .last()
            .is_some_and(|last| last.offset + last.text.len() == text.len());
        let mut words: Vec<Word> = Vec::new();
        for (i, token) in found.iter().enumerate() {
            let raw = token.text.to_lowercase();
            let word = Word {
                term: term(&raw),
                prefix: still_typing && i + 1 == found.len() && raw.chars().count() >= 2,
                raw,
            };
            match words.iter_mut().find(|w| w.term == word.term) {
                Some(same) => same.prefix |= word.prefix,
                None => words.push(word),
            }
        }
        Self { words }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether an index term (or a word of a text, stemmed) answers any of
    /// the query's words; snippets mark such words.
    pub fn matches_term(&self, candidate: &str) -> bool {
        self.words
            .iter()
            .any(|w| match_factor(w, candidate).is_some() || typo_match(w, candidate))
    }

    /// Whether a word of a text (as written) may answer the query, before
    /// it is stemmed: every way of matching keeps a word's first letter, so
    /// snippets stem only the few words that pass.
    pub fn may_match_word(&self, word: &str) -> bool {
        let Some(first) = word
            .chars()
            .next()
            .map(|c| c.to_lowercase().next().unwrap_or(c))
        else {
            return false;
        };
        self.words.iter().any(|w| w.raw.starts_with(first))
    }

    /// Ranks the documents, or says which chunks are missing. `chunk(i)` is
    /// the manifest's chunk `i` if it has been fetched; `allowed` keeps only
    /// the documents of the chosen filters.
    pub fn run<'c>(
        &self,
        manifest: &SearchManifest,
        chunk: impl Fn(usize) -> Option<&'c Chunk>,
        allowed: Option<&dyn Fn(u32) -> bool>,
    ) -> Outcome {
        if self.words.is_empty() {
            return Outcome::Ranked(Vec::new());
        }
        let missing = |wanted: BTreeSet<usize>| -> Vec<usize> {
            wanted.into_iter().filter(|&i| chunk(i).is_none()).collect()
        };
        let first_pass: BTreeSet<usize> = self
            .words
            .iter()
            .flat_map(|w| chunks_for(w, manifest))
            .collect();
        let lacking = missing(first_pass.clone());
        if !lacking.is_empty() {
            return Outcome::NeedChunks(lacking);
        }

        // Dense arrays over the documents: a word common to a whole site of
        // ten thousand posts costs a pass over ten thousand numbers, no hashing.
        let docs = manifest.docs as usize;
        let mut total = vec![0f64; docs];
        let mut words_matched = vec![0u16; docs];
        let mut best = vec![0f64; docs];
        let mut touched: Vec<usize> = Vec::new();
        for word in &self.words {
            let mut candidates: Vec<(&Vec<u32>, f64)> = first_pass
                .iter()
                .filter_map(|&i| chunk(i))
                .flat_map(|c| c.iter())
                .filter_map(|(t, flat)| match_factor(word, t).map(|f| (flat, f)))
                .collect();
            if candidates.is_empty() && word.raw.chars().count() >= TYPO_MIN_CHARS {
                let typo_chunks = typo_chunks_for(word, manifest);
                let lacking = missing(typo_chunks.clone());
                if !lacking.is_empty() {
                    return Outcome::NeedChunks(lacking);
                }
                candidates = typo_chunks
                    .iter()
                    .filter_map(|&i| chunk(i))
                    .flat_map(|c| c.iter())
                    .filter(|(t, _)| typo_match(word, t))
                    .map(|(_, flat)| (flat, TYPO))
                    .collect();
            }
            // A document's best match for this word counts once.
            for (flat, factor) in candidates {
                for (doc, score) in postings(flat) {
                    let Some(slot) = best.get_mut(doc as usize) else {
                        continue;
                    };
                    if *slot == 0.0 {
                        touched.push(doc as usize);
                    }
                    *slot = slot.max(f64::from(score) * factor);
                }
            }
            for doc in touched.drain(..) {
                total[doc] += best[doc];
                words_matched[doc] += 1;
                best[doc] = 0.0;
            }
        }
        // Every word must match.
        let all = self.words.len() as u16;
        let mut hits: Vec<Hit> = (0..docs)
            .filter(|&doc| words_matched[doc] == all)
            .map(|doc| doc as u32)
            .filter(|&doc| allowed.is_none_or(|keep| keep(doc)))
            .map(|doc| Hit {
                doc,
                score: total[doc as usize].round() as u32,
            })
            .collect();
        // Ties go to the lower id: the newer post.
        hits.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
        Outcome::Ranked(hits)
    }
}

fn match_factor(word: &Word, candidate: &str) -> Option<f64> {
    if candidate == word.term || candidate == word.raw {
        return Some(1.0);
    }
    if !word.prefix {
        return None;
    }
    if candidate.starts_with(&word.raw) || candidate.starts_with(&word.term) {
        return Some(PREFIX);
    }
    // Only words are stemmed: `tenant_id` and `4217` are not longer forms
    // of `tenant` and `421`.
    let (typed, stem) = (word.raw.chars().count(), candidate.chars().count());
    let is_word = |text: &str| text.chars().all(char::is_alphabetic);
    if word.raw.starts_with(candidate) && stem >= 3 && typed - stem <= 3 && is_word(&word.raw) {
        return Some(STEM_OF_PARTIAL);
    }
    None
}

fn typo_match(word: &Word, candidate: &str) -> bool {
    word.raw.chars().count() >= TYPO_MIN_CHARS
        && candidate.chars().count() >= TYPO_MIN_CHARS - 1
        && kept_prefix(&word.term) == kept_prefix(candidate)
        && (within_one_edit(&word.term, candidate) || typo_before_suffix(&word.raw, candidate))
}

/// A typo can stop the stemmer from finding a word's stem (`replicaton`
/// stays whole, `replication` is `replic`): accept a stem that the typed word
/// starts with, give or take one edit, followed by a plausible suffix.
fn typo_before_suffix(raw: &str, stem: &str) -> bool {
    const LONGEST_SUFFIX: usize = 5;
    let raw: Vec<char> = raw.chars().collect();
    let stem_chars = stem.chars().count();
    (stem_chars.saturating_sub(1)..=stem_chars + 1)
        .filter(|&len| len <= raw.len() && raw.len() - len <= LONGEST_SUFFIX)
        .any(|len| within_one_edit(&raw[..len].iter().collect::<String>(), stem))
}

fn kept_prefix(text: &str) -> &str {
    let end = text
        .char_indices()
        .nth(TYPO_KEPT_PREFIX)
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// The chunk whose range holds `text`'s place in term order.
fn chunk_at(manifest: &SearchManifest, text: &str) -> Option<usize> {
    manifest
        .chunks
        .partition_point(|c| c.first.as_str() <= text)
        .checked_sub(1)
}

/// The chunks holding terms that start with `prefix`, at most a few.
fn chunks_from<'m>(manifest: &'m SearchManifest, prefix: &str) -> impl Iterator<Item = usize> + 'm {
    let start = chunk_at(manifest, prefix).unwrap_or(0);
    let prefix = prefix.to_owned();
    (start..manifest.chunks.len())
        .take_while(move |&i| i == start || manifest.chunks[i].first.starts_with(&prefix))
        .take(MAX_EXPANSION_CHUNKS)
}

fn chunks_for(word: &Word, manifest: &SearchManifest) -> BTreeSet<usize> {
    let mut wanted: BTreeSet<usize> = [&word.term, &word.raw]
        .into_iter()
        .filter_map(|t| chunk_at(manifest, t))
        .collect();
    if word.prefix {
        wanted.extend(chunks_from(manifest, &word.raw));
        wanted.extend(chunks_from(manifest, &word.term));
        // Stems the typed word may already have passed: `connecti` → `connect`.
        let chars: Vec<(usize, char)> = word.raw.char_indices().collect();
        for cut in 1..=3 {
            if chars.len() > cut + 2 {
                let (end, _) = chars[chars.len() - cut];
                wanted.extend(chunk_at(manifest, &word.raw[..end]));
            }
        }
    }
    wanted
}

fn typo_chunks_for(word: &Word, manifest: &SearchManifest) -> BTreeSet<usize> {
    chunks_from(manifest, kept_prefix(&word.term)).collect()
}

/// One insertion, deletion, substitution or swap of neighbours at most.
fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let common = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if common == short.len() {
        return true;
    }
    if short.len() == long.len() {
        let rest_equal = |from: usize| short[from..] == long[from..];
        // A substitution, or two neighbours swapped.
        rest_equal(common + 1)
            || (common + 1 < short.len()
                && short[common] == long[common + 1]
                && short[common + 1] == long[common]
                && rest_equal(common + 2))
    } else {
        short[common..] == long[common + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{BuiltIndex, IndexBuilder, SearchDocument};

    fn site(docs: &[(&str, &str)]) -> BuiltIndex {
        let mut builder = IndexBuilder::new();
        for (title, text) in docs {
            builder.add(SearchDocument {
                title: (*title).into(),
                text: (*text).into(),
                ..Default::default()
            });
        }
        builder.finish(|bytes| format!("{}-{}.json", bytes.len(), bytes.first().unwrap_or(&0)))
    }

    /// Every chunk, in the manifest's order.
    fn load(index: &BuiltIndex) -> Vec<Chunk> {
        index
            .manifest
            .chunks
            .iter()
            .map(|c| {
                let bytes = &index.files.iter().find(|(n, _)| *n == c.file).unwrap().1;
                serde_json::from_slice(bytes).unwrap()
            })
            .collect()
    }

    /// Runs a query to the end, fetching chunks as asked, and says which it fetched.
    fn search(index: &BuiltIndex, text: &str) -> (Vec<u32>, Vec<usize>) {
        let chunks = load(index);
        let mut fetched: Vec<usize> = Vec::new();
        loop {
            let outcome = Query::parse(text).run(
                &index.manifest,
                |i| fetched.contains(&i).then(|| &chunks[i]),
                None,
            );
            match outcome {
                Outcome::Ranked(hits) => return (hits.iter().map(|h| h.doc).collect(), fetched),
                Outcome::NeedChunks(more) => {
                    assert!(more.iter().all(|i| !fetched.contains(i)), "asked twice");
                    fetched.extend(more);
                }
            }
        }
    }

    fn ids(index: &BuiltIndex, text: &str) -> Vec<u32> {
        search(index, text).0
    }

    const DOCS: [(&str, &str); 5] = [
        (
            "Row-level security in PostgreSQL",
            "Policies with RLS keep tenants apart.",
        ),
        (
            "Connection pooling",
            "PgBouncer in transaction mode; asyncpg needs care.",
        ),
        (
            "Backups you can restore",
            "Restoring a backup is the only test of a backup.",
        ),
        (
            "Break-even ROAS",
            "The break-even ROAS is one over the gross margin.",
        ),
        (
            "Notes",
            "A word about connections, policies and replication.",
        ),
    ];

    #[test]
    fn parsing_stems_words_and_marks_only_an_unfinished_last_word_as_prefix() {
        let q = Query::parse("Restoring back");
        assert_eq!(
            q.words
                .iter()
                .map(|w| (w.term.as_str(), w.prefix))
                .collect::<Vec<_>>(),
            [("restor", false), ("back", true)]
        );
        assert!(!Query::parse("backup ").words[0].prefix);
        assert!(
            !Query::parse("b").words[0].prefix,
            "one letter is too short to expand"
        );
        assert_eq!(Query::parse("policy policies").words.len(), 1);
        assert!(Query::parse(" — ").is_empty());
    }

    #[test]
    fn exact_words_find_their_documents_with_title_hits_first() {
        let index = site(&DOCS);
        assert_eq!(ids(&index, "RLS "), [0]);
        assert_eq!(ids(&index, "asyncpg "), [1]);
        // A stem finds every form; the title hit ranks first.
        assert_eq!(ids(&index, "policy "), [0, 4]);
        assert_eq!(ids(&index, "connection "), [1, 4]);
        assert_eq!(ids(&index, "kubernetes "), Vec::<u32>::new());
    }

    #[test]
    fn all_words_must_match() {
        let index = site(&DOCS);
        assert_eq!(ids(&index, "break-even ROAS "), [3]);
        assert_eq!(ids(&index, "backup ROAS "), Vec::<u32>::new());
    }

    #[test]
    fn the_word_being_typed_matches_as_a_prefix() {
        let index = site(&DOCS);
        assert_eq!(ids(&index, "repl"), [4]);
        assert_eq!(
            ids(&index, "repl "),
            Vec::<u32>::new(),
            "a finished word is exact"
        );
        // Typed past its stem: `restorin` still finds `restor`.
        assert_eq!(ids(&index, "restorin"), [2]);
        assert_eq!(ids(&index, "pgbou"), [1]);
        // Identifiers and numbers are not stemmed, so nothing is their stem.
        let index = site(&[
            ("A", "tenant rows"),
            ("B", "tenant_id column"),
            ("C", "421 and 4217"),
        ]);
        assert_eq!(ids(&index, "tenant_id"), [1]);
        assert_eq!(ids(&index, "4217"), [2]);
        assert_eq!(ids(&index, "tenan"), [0, 1]);
    }

    #[test]
    fn one_typo_is_forgiven_in_longer_words_only_when_nothing_matches_exactly() {
        let index = site(&DOCS);
        assert_eq!(ids(&index, "replicaton "), [4]);
        assert_eq!(ids(&index, "secxyity "), Vec::<u32>::new(), "two edits");
        assert_eq!(ids(&index, "secuirty "), [0], "a swap is one edit");
        assert_eq!(
            ids(&index, "tset "),
            Vec::<u32>::new(),
            "short words need to be exact"
        );
        assert!(within_one_edit("backup", "backups"));
        assert!(within_one_edit("backup", "bakcup"));
        assert!(within_one_edit("backup", "backup"));
        assert!(!within_one_edit("backup", "bcakpu"));
        assert!(!within_one_edit("ab", "abcd"));
    }

    #[test]
    fn filters_keep_only_allowed_documents() {
        let index = site(&DOCS);
        let chunks = load(&index);
        let only_notes = |doc: u32| doc == 4;
        let outcome =
            Query::parse("policy").run(&index.manifest, |i| chunks.get(i), Some(&only_notes));
        let Outcome::Ranked(hits) = outcome else {
            panic!("every chunk was there: {outcome:?}")
        };
        assert_eq!(hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [4]);
    }

    #[test]
    fn a_query_fetches_only_the_chunks_its_words_live_in() {
        let docs: Vec<(String, String)> = (0..2_000)
            .map(|n| (format!("Post {n}"), format!("unique{n:04} shared words")))
            .collect();
        let borrowed: Vec<(&str, &str)> =
            docs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let index = site(&borrowed);
        assert!(
            index.manifest.chunks.len() > 4,
            "{} chunks",
            index.manifest.chunks.len()
        );
        let (found, fetched) = search(&index, "unique1234 ");
        assert_eq!(found, [1234]);
        assert_eq!(fetched.len(), 1);
        let (found, fetched) = search(&index, "unique123");
        assert_eq!(found.len(), 10, "unique1230..=unique1239");
        assert!(fetched.len() <= MAX_EXPANSION_CHUNKS + 1, "{fetched:?}");
    }
}
