//! Importing posts from Hugo, Jekyll and Zola: what is mapped, what is noted,
//! and that any input at all converts without a panic.

use std::path::Path;

use proptest::prelude::*;
use quire_compiler::document::{parse_document, DocumentKind};
use quire_compiler::import::{convert, Kind, Place, Source};

fn notes(converted: &quire_compiler::import::Converted) -> Vec<String> {
    converted.notes.iter().map(|n| n.to_string()).collect()
}

/// The converted file must compile as a quire post.
fn compiles(text: &str) {
    if let Err(problems) = parse_document(Path::new("imported.md"), text, DocumentKind::Post) {
        panic!("the imported post does not compile:\n{problems}\n---\n{text}");
    }
}

#[test]
fn hugo_toml_front_matter_and_shortcodes() {
    let source = r#"+++
title = "Tuning autovacuum"
date = 2021-04-03T09:30:00+02:00
lastmod = "2022-01-10"
description = "When the defaults stop working."
categories = ["PostgreSQL"]
tags = ["Vacuum", "performance"]
draft = false
aliases = ["/old/autovacuum/"]
toc = true
+++

Intro.

{{< highlight sql >}}
SELECT relname FROM pg_stat_user_tables;
{{< /highlight >}}

{{< figure src="/img/bloat.png" alt="Table bloat over a week" >}}

See [the index post]({{< ref "posts/indexes.md" >}}).

{{< youtube abc123 >}}
"#;
    let converted = convert(
        Source::Hugo,
        Kind::Post,
        "autovacuum",
        source,
        Place::File,
        &[],
    );
    assert_eq!(converted.slug, "autovacuum");
    assert_eq!(converted.topic.as_deref(), Some("postgresql"));
    assert_eq!(
        converted.text,
        r#"---
title: "Tuning autovacuum"
date: "2021-04-03"
updated: "2022-01-10"
summary: "When the defaults stop working."
topic: "postgresql"
tags: ["performance","vacuum"]
aliases: ["/old/autovacuum/"]
---
Intro.

```sql
SELECT relname FROM pg_stat_user_tables;
```

![Table bloat over a week](/img/bloat.png)

See [the index post](/posts/indexes).

{{< youtube abc123 >}}
"#
    );
    assert_eq!(
        notes(&converted),
        [
            "the field `toc` has no quire equivalent and was left out",
            "line 23: Hugo shortcode `youtube` has no quire equivalent; it was left as text",
        ]
    );
    compiles(&converted.text);
}

#[test]
fn jekyll_dates_from_file_names_and_liquid() {
    let source = "---\nlayout: post\ntitle: \"Server-side tagging\"\ncategories: tracking privacy\nexcerpt: Moving tags off the page.\npublished: false\n---\n{% highlight js %}\ngtag('config');\n{% endhighlight %}\n\nRead [part one]({{ site.baseurl }}{% post_url 2020-01-02-part-one %}).\n\n{% include cta.html %}\n";
    let converted = convert(
        Source::Jekyll,
        Kind::Post,
        "2020-02-03-server-side-tagging",
        source,
        Place::File,
        &[],
    );
    assert_eq!(converted.slug, "server-side-tagging");
    assert_eq!(
        converted.text,
        "---\ntitle: \"Server-side tagging\"\ndate: \"2020-02-03\"\nsummary: \"Moving tags off the page.\"\ntopic: \"tracking-privacy\"\ndraft: true\naliases: [\"/tracking/privacy/2020/02/03/server-side-tagging.html\"]\n---\n```js\ngtag('config');\n```\n\nRead [part one](/posts/part-one).\n\n{% include cta.html %}\n"
    );
    assert_eq!(
        notes(&converted),
        [
            "the field `layout` has no quire equivalent and was left out",
            "line 14: Liquid tag `include` has no quire equivalent; it was left as text",
        ]
    );
    compiles(&converted.text);
}

#[test]
fn old_addresses_become_aliases() {
    // Jekyll: `redirect_from` and the file's own `permalink` (which replaces
    // the default dated address); one entry no redirect rule can hold.
    let jekyll = "---\ntitle: Moved\npermalink: /guides/moved/\nredirect_from:\n  - /moved.html\n  - /blog/:slug\n---\nText.\n";
    let converted = convert(
        Source::Jekyll,
        Kind::Post,
        "2021-05-06-moved",
        jekyll,
        Place::File,
        &[],
    );
    assert!(
        converted
            .text
            .contains("aliases: [\"/moved.html\",\"/guides/moved/\"]\n"),
        "{}",
        converted.text
    );
    assert_eq!(
        notes(&converted),
        ["the alias `/blog/:slug` has a character a redirect rule cannot hold, so it does not redirect here; use letters, digits and `-._~%+/` only; write other characters percent-encoded"]
    );
    compiles(&converted.text);

    // Hugo: `url` and `aliases`; an address that is already the new one is not an alias.
    let hugo = "+++\ntitle = \"About\"\nurl = \"/about-me/\"\naliases = [\"/about/\"]\n+++\nHi\n";
    let converted = convert(Source::Hugo, Kind::Page, "about", hugo, Place::File, &[]);
    assert!(
        converted.text.contains("aliases: [\"/about-me/\"]\n"),
        "{}",
        converted.text
    );
    assert!(converted.notes.is_empty(), "{:?}", converted.notes);
}

#[test]
fn zola_taxonomies_and_internal_links() {
    let source = "+++\ntitle = \"Local LLMs\"\ndate = 2024-06-01\n[taxonomies]\ntags = [\"ai\", \"self-hosting\"]\ncategories = [\"Private AI\"]\n[extra]\nmath = true\n+++\nSee [setup](@/blog/gpu-setup.md#drivers).\n\n{{ youtube(id=\"x\") }}\n";
    let converted = convert(Source::Zola, Kind::Post, "index", source, Place::File, &[]);
    // A page bundle's index.md is named by the caller; here the stem is literal.
    assert_eq!(converted.slug, "index");
    assert_eq!(converted.topic.as_deref(), Some("private-ai"));
    assert!(converted
        .text
        .contains("See [setup](/posts/gpu-setup#drivers)."));
    assert!(converted.text.contains("tags: [\"ai\",\"self-hosting\"]"));
    assert_eq!(
        notes(&converted),
        [
            "the field `extra` has no quire equivalent and was left out",
            "line 12: Zola shortcode `youtube` has no quire equivalent; it was left as text",
        ]
    );
    compiles(&converted.text);
}

#[test]
fn broken_input_becomes_notes_not_failures() {
    let converted = convert(
        Source::Hugo,
        Kind::Post,
        "Weird Name!",
        "no front matter here\n",
        Place::File,
        &[],
    );
    assert_eq!(converted.slug, "weird-name");
    assert_eq!(
        notes(&converted),
        [
            "the file has no front matter; give it a title (and a date, for a post)",
            "there was no title; the slug stands in for it",
            "there was no date; set `date:` before building",
        ]
    );
    let converted = convert(
        Source::Jekyll,
        Kind::Post,
        "x",
        "---\ntitle: [unclosed\n---\nBody\n",
        Place::File,
        &[],
    );
    assert!(notes(&converted)[0].starts_with("line 1: the front matter could not be read"));
    let converted = convert(
        Source::Zola,
        Kind::Page,
        "about",
        "+++\ntitle = \"About\"\ndate = \"last year\"\n+++\nHi\n",
        Place::File,
        &[],
    );
    assert_eq!(
        notes(&converted),
        ["the `date` value \"last year\" is not a date; left out"]
    );
    assert_eq!(converted.text, "---\ntitle: \"About\"\n---\nHi\n");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Real blogs hold every kind of broken file: conversion never panics.
    #[test]
    fn any_text_converts_without_panicking(
        front in "(---|\\+\\+\\+)\n([a-z_]{1,8} ?[:=] ?[\\[\\]\"'a-z0-9 ,{}<>%-]{0,20}\n){0,5}(---|\\+\\+\\+)?\n",
        body in "([a-z {}<>%@/()\\[\\]#\"=.-]|\n|\\{\\{<|\\{%|@/){0,80}",
        stem in "[0-9a-zA-Z_ -]{0,20}",
    ) {
        for (source, place) in [
            (Source::Hugo, Place::Bundle),
            (Source::Jekyll, Place::File),
            (Source::Zola, Place::Bundle),
        ] {
            let converted = convert(source, Kind::Post, &stem, &format!("{front}{body}"), place, &[]);
            prop_assert!(quire_model::check_slug(&converted.slug).is_ok());
            prop_assert!(converted.text.starts_with("---\ntitle: "));
        }
    }
}
