//! The files crawlers and feed readers fetch from the site root: RSS 2.0
//! (`feed.xml`), Atom (`atom.xml`), `sitemap.xml` and `robots.txt`.

use jiff::civil::Date;
use quire_model::route::Route;
use quire_model::structured_data::absolute_url;
use quire_model::{PostBundle, SiteInfo};

use crate::config::FeedSection;

/// Root files and their contents, in a stable order.
pub fn root_files(
    site: &SiteInfo,
    posts: &[PostBundle],
    routes: &[Route],
    feed: &FeedSection,
) -> Vec<(&'static str, String)> {
    let newest: Vec<&PostBundle> = posts.iter().take(feed.items).collect();
    vec![
        ("feed.xml", rss(site, &newest, feed.full_content)),
        ("atom.xml", atom(site, &newest, feed.full_content)),
        ("sitemap.xml", sitemap(site, posts, routes)),
        (
            "robots.txt",
            format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
                site.base_url
            ),
        ),
    ]
}

fn post_url(site: &SiteInfo, slug: &str) -> String {
    absolute_url(
        site,
        &Route::Post {
            slug: slug.to_string(),
        }
        .path(),
    )
}

/// `2026-03-14` at midnight UTC in RFC 3339.
fn rfc3339(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

/// `2026-03-14` at midnight UTC in RFC 2822, as RSS wants.
fn rfc2822(date: &str) -> Option<String> {
    let zoned = date
        .parse::<Date>()
        .ok()?
        .to_zoned(jiff::tz::TimeZone::UTC)
        .ok()?;
    jiff::fmt::rfc2822::to_string(&zoned).ok()
}

fn rss(site: &SiteInfo, posts: &[&PostBundle], full: bool) -> String {
    let items = posts
        .iter()
        .map(|bundle| {
            let post = &bundle.post;
            let url = post_url(site, &post.slug);
            let mut item = rss::Item::default();
            item.set_title(post.title.clone());
            item.set_link(url.clone());
            item.set_guid(rss::Guid {
                value: url,
                permalink: true,
            });
            item.set_pub_date(rfc2822(&post.date));
            item.set_description(if full {
                bundle.html.clone()
            } else {
                post.summary.clone()
            });
            let categories = post.topic.iter().chain(&post.tags);
            item.set_categories(
                categories
                    .map(|c| rss::Category {
                        name: c.clone(),
                        domain: None,
                    })
                    .collect::<Vec<_>>(),
            );
            item
        })
        .collect::<Vec<_>>();
    let mut channel = rss::Channel::default();
    channel.set_title(site.title.clone());
    channel.set_link(format!("{}/", site.base_url));
    channel.set_description(site.tagline.clone());
    channel.set_language(site.language.clone());
    channel.set_last_build_date(posts.first().and_then(|p| rfc2822(&p.post.date)));
    channel.set_items(items);
    channel.to_string()
}

fn atom(site: &SiteInfo, posts: &[&PostBundle], full: bool) -> String {
    let time =
        |date: &str| atom_syndication::FixedDateTime::parse_from_rfc3339(&rfc3339(date)).ok();
    let link = |href: String, rel: &str| {
        let mut link = atom_syndication::Link::default();
        link.set_href(href);
        link.set_rel(rel.to_string());
        link
    };
    let author = {
        let mut person = atom_syndication::Person::default();
        person.set_name(if site.author.is_empty() {
            site.title.clone()
        } else {
            site.author.clone()
        });
        person
    };
    let entries = posts
        .iter()
        .map(|bundle| {
            let post = &bundle.post;
            let url = post_url(site, &post.slug);
            let mut entry = atom_syndication::Entry::default();
            entry.set_id(url.clone());
            entry.set_title(post.title.clone());
            entry.set_links(vec![link(url, "alternate")]);
            let published = time(&post.date);
            entry.set_published(published);
            if let Some(updated) = post.updated.as_deref().and_then(time).or(published) {
                entry.set_updated(updated);
            }
            if full {
                let mut content = atom_syndication::Content::default();
                content.set_content_type("html".to_string());
                content.set_value(bundle.html.clone());
                entry.set_content(content);
            } else {
                entry.set_summary(Some(atom_syndication::Text::plain(post.summary.clone())));
            }
            entry
        })
        .collect::<Vec<_>>();
    let mut feed = atom_syndication::Feed::default();
    feed.set_id(format!("{}/", site.base_url));
    feed.set_title(site.title.clone());
    feed.set_subtitle(Some(atom_syndication::Text::plain(site.tagline.clone())));
    feed.set_links(vec![
        link(format!("{}/", site.base_url), "alternate"),
        link(format!("{}/atom.xml", site.base_url), "self"),
    ]);
    feed.set_authors(vec![author]);
    let newest = posts
        .iter()
        .filter_map(|p| time(p.post.updated.as_deref().unwrap_or(&p.post.date)))
        .max();
    if let Some(updated) = newest {
        feed.set_updated(updated);
    }
    feed.set_entries(entries);
    feed.to_string()
}

/// Every route the app serves: the landing page, posts, pages and calculators.
/// Every indexable route, with the date of its newest change where there
/// is one (a post's update, the landing page's newest post).
fn sitemap(site: &SiteInfo, posts: &[PostBundle], routes: &[Route]) -> String {
    let newest = posts.first().map(|p| p.post.date.clone());
    // By slug: a search per post route was quadratic (0.2 s at 10,000 posts).
    let by_slug: std::collections::HashMap<&str, &PostBundle> =
        posts.iter().map(|b| (b.post.slug.as_str(), b)).collect();
    let urls = routes.iter().filter(|r| r.is_indexable()).map(|route| {
        let lastmod = match route {
            Route::Home => newest.clone(),
            Route::Post { slug } => by_slug.get(slug.as_str()).map(|b| {
                b.post
                    .updated
                    .clone()
                    .unwrap_or_else(|| b.post.date.clone())
            }),
            _ => None,
        };
        (absolute_url(site, &route.path()), lastmod)
    });
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (loc, lastmod) in urls {
        xml.push_str("  <url><loc>");
        xml.push_str(&escape(&loc));
        xml.push_str("</loc>");
        if let Some(date) = lastmod {
            xml.push_str("<lastmod>");
            xml.push_str(&escape(&date));
            xml.push_str("</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// XML text escaping for the sitemap (the feed crates escape their own).
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
