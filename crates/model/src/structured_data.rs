//! Search-engine metadata as schema.org JSON-LD: the landing page's
//! WebSite, a post's BlogPosting, breadcrumbs, and FAQ blocks' FAQPage.
//! Pure: site settings and bundles in, JSON out; tested natively. The app
//! adds them as pages change; the build writes them into each route's HTML.

use crate::{FaqEntry, PostSummary, SiteInfo};
use serde_json::{json, Value};

/// The absolute URL of `path` on the site (`base_url` may end in `/`).
pub fn absolute_url(site: &SiteInfo, path: &str) -> String {
    format!("{}{path}", site.base_url.trim_end_matches('/'))
}

pub fn website(site: &SiteInfo) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site.title,
        "description": site.tagline,
        "url": absolute_url(site, "/"),
        "inLanguage": site.language,
    })
}

/// A post as schema.org BlogPosting; `canonical` is where its canonical
/// copy lives (see `route::post_canonical`).
pub fn blog_posting(site: &SiteInfo, post: &PostSummary, canonical: &str) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "description": post.summary,
        "datePublished": post.date,
        "dateModified": post.updated.as_deref().unwrap_or(&post.date),
        "author": { "@type": "Person", "name": site.author },
        "publisher": { "@type": "Organization", "name": site.title, "url": absolute_url(site, "/") },
        "mainEntityOfPage": canonical,
        "keywords": post.tags,
        "inLanguage": site.language,
    })
}

/// A trail of `(name, path)` pairs from the home page down to this page.
pub fn breadcrumbs(site: &SiteInfo, trail: &[(&str, &str)]) -> Value {
    let items: Vec<Value> = trail
        .iter()
        .enumerate()
        .map(|(i, (name, path))| {
            json!({
                "@type": "ListItem",
                "position": i + 1,
                "name": name,
                "item": absolute_url(site, path),
            })
        })
        .collect();
    json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": items,
    })
}

/// `None` without questions: an empty FAQPage is invalid.
pub fn faq_page(entries: &[FaqEntry]) -> Option<Value> {
    (!entries.is_empty()).then(|| {
        let questions: Vec<Value> = entries
            .iter()
            .map(|entry| {
                json!({
                    "@type": "Question",
                    "name": entry.question,
                    "acceptedAnswer": { "@type": "Answer", "text": entry.answer },
                })
            })
            .collect();
        json!({
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": questions,
        })
    })
}

/// JSON for a `<script type="application/ld+json">`: `<` is escaped so no
/// text in it can close the script element.
pub fn to_script_text(value: &Value) -> String {
    crate::json_in_script(&value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteInfo {
        SiteInfo {
            title: "Field Notes".into(),
            tagline: "Notes".into(),
            base_url: "https://notes.example/".into(),
            author: "Ada".into(),
            language: "en".into(),
            hero: vec![],
            pillars: vec![],
            topics: vec![],
            cta: None,
            lead_endpoint: None,
            number_format: Default::default(),
            social: vec![],
            menu: vec![],
            embed_origins: vec![],
        }
    }

    fn post() -> PostSummary {
        crate::tests::sample_post("rls", "Row-level security")
    }

    #[test]
    fn a_post_is_a_blog_posting_with_dates_and_author() {
        let canonical = |post: &PostSummary| crate::route::post_canonical(&site(), post);
        let value = blog_posting(&site(), &post(), &canonical(&post()));
        assert_eq!(value["@type"], "BlogPosting");
        assert_eq!(value["headline"], "Row-level security");
        assert_eq!(value["datePublished"], "2026-10-14");
        assert_eq!(value["dateModified"], "2026-10-14");
        assert_eq!(value["author"]["name"], "Ada");
        assert_eq!(value["mainEntityOfPage"], "https://notes.example/posts/rls");
        let moved = PostSummary {
            canonical_url: Some("https://elsewhere.example/rls".into()),
            updated: Some("2026-11-01".into()),
            ..post()
        };
        let value = blog_posting(&site(), &moved, &canonical(&moved));
        assert_eq!(value["mainEntityOfPage"], "https://elsewhere.example/rls");
        assert_eq!(value["dateModified"], "2026-11-01");
    }

    #[test]
    fn breadcrumbs_number_their_items_from_one() {
        let value = breadcrumbs(
            &site(),
            &[("Home", "/"), ("PostgreSQL", "/topics/postgresql")],
        );
        assert_eq!(value["@type"], "BreadcrumbList");
        assert_eq!(value["itemListElement"][1]["position"], 2);
        assert_eq!(
            value["itemListElement"][1]["item"],
            "https://notes.example/topics/postgresql"
        );
    }

    #[test]
    fn faq_pages_need_questions_and_scripts_cannot_be_closed_early() {
        assert_eq!(faq_page(&[]), None);
        let entries = [FaqEntry {
            question: "Why?".into(),
            answer: "Because </script><b>".into(),
        }];
        let value = faq_page(&entries).unwrap();
        assert_eq!(
            value["mainEntity"][0]["acceptedAnswer"]["text"],
            "Because </script><b>"
        );
        let text = to_script_text(&value);
        assert!(!text.contains("</script>"), "{text}");
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
        assert_eq!(website(&site())["url"], "https://notes.example/");
    }
}
