//! The site's search index: every published post and page, newest post
//! first, handed to `quire-search`'s builder. Files are named by a hash of
//! their bytes, so an unchanged chunk keeps its URL from build to build.

use quire_model::route::Route;
use quire_search::index::{BuiltIndex, IndexBuilder, SearchDocument};

use crate::config::SiteConfig;
use crate::document::Document;

pub fn index(site: &SiteConfig, posts: &[Document], pages: &[Document]) -> BuiltIndex {
    let mut builder = IndexBuilder::new();
    for post in posts {
        let topic = post.summary.topic.clone();
        let topic_name = topic
            .as_deref()
            .and_then(|slug| site.topics.iter().find(|t| t.slug == slug))
            .map(|t| t.name.clone());
        builder.add(SearchDocument {
            url: Route::Post {
                slug: post.summary.slug.clone(),
            }
            .path(),
            date: Some(post.summary.date.clone()),
            topic,
            topic_name,
            tags: post.summary.tags.clone(),
            ..document(post)
        });
    }
    for page in pages {
        builder.add(SearchDocument {
            url: Route::Page {
                slug: page.summary.slug.clone(),
            }
            .path(),
            ..document(page)
        });
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
