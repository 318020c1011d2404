//! The site's search index: every published post and page, newest post
//! first, handed to `quire-search`'s builder. Files are named by a hash of
//! their bytes, so an unchanged chunk keeps its URL from build to build.

use quire_model::route::Route;
use quire_search::index::{analyse, BuiltIndex, IndexBuilder, SearchDocument, TermCache};

use crate::config::SiteConfig;
use crate::document::Document;

pub fn index(site: &SiteConfig, posts: &[Document], pages: &[Document]) -> BuiltIndex {
    use rayon::prelude::*;
    let post = |post: &Document| {
        let topic = post.summary.topic.clone();
        let topic_name = topic
            .as_deref()
            .and_then(|slug| site.topics.iter().find(|t| t.slug == slug))
            .map(|t| t.name.clone());
        SearchDocument {
            url: Route::Post {
                slug: post.summary.slug.clone(),
            }
            .path(),
            date: Some(post.summary.date.clone()),
            topic,
            topic_name,
            tags: post.summary.tags.clone(),
            ..document(post)
        }
    };
    let page = |page: &Document| SearchDocument {
        url: Route::Page {
            slug: page.summary.slug.clone(),
        }
        .path(),
        ..document(page)
    };
    // Splitting text into terms is most of the work: done in parallel,
    // then added in order, so ids and output are as if added one by one.
    let analysed: Vec<_> = posts
        .par_iter()
        .map(post)
        .chain(pages.par_iter().map(page))
        .map_init(TermCache::default, |cache, doc| analyse(doc, cache))
        .collect();
    let mut builder = IndexBuilder::new();
    for doc in analysed {
        builder.add_analysed(doc);
    }
    builder.finish(|bytes| format!("{:016x}.json", xxhash_rust::xxh3::xxh3_64(bytes)))
}

fn document(doc: &Document) -> SearchDocument {
    SearchDocument {
        title: doc.summary.title.clone(),
        headings: doc.toc.iter().map(|entry| entry.title.clone()).collect(),
        text: doc.text.clone(),
        code: doc.code.clone(),
        excerpt: doc.summary.summary.clone(),
        ..SearchDocument::default()
    }
}
