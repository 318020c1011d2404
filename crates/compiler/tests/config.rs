//! `quire.toml` as authors write it, and the exact message for each mistake.

use std::path::Path;

use quire_compiler::config::parse_config;

const VALID: &str = r#"[site]
title = "Field Notes"
base_url = "https://notes.example/"

[[topics]]
slug = "postgresql"
name = "PostgreSQL"
order = 2

[[topics]]
slug = "growth"
name = "Growth"
order = 1

[[pillars]]
title = "Databases"
topic = "postgresql"
"#;

fn first_error(text: &str) -> String {
    parse_config(Path::new("quire.toml"), text)
        .unwrap_err()
        .iter()
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn a_valid_config_orders_topics_and_trims_the_base_url() {
    let config = parse_config(Path::new("quire.toml"), VALID).unwrap();
    let info = config.to_info(|slug| if slug == "growth" { 3 } else { 0 });
    assert_eq!(info.base_url, "https://notes.example");
    assert_eq!(info.language, "en");
    let topics: Vec<_> = info
        .topics
        .iter()
        .map(|t| (t.slug.as_str(), t.count))
        .collect();
    assert_eq!(topics, [("growth", 3), ("postgresql", 0)]);
    assert_eq!(config.feed.items, 20);
    // Without a [calculators] table: US English and dollars.
    assert_eq!(info.number_format.locale, "en-US");
    assert_eq!(info.number_format.currency, "USD");
    // Without [embeds]: only the site itself may frame its calculators.
    assert!(info.embed_origins.is_empty());
    let with_embeds =
        format!("{VALID}\n[embeds]\nallowed_origins = [\"https://Partner.example/\", \"*\"]\n");
    let info = parse_config(Path::new("quire.toml"), &with_embeds)
        .unwrap()
        .to_info(|_| 0);
    assert_eq!(info.embed_origins, ["https://partner.example", "*"]);
}

#[test]
fn malformed_configs_name_line_and_fix() {
    let cases: &[(&str, &str)] = &[
        (
            "[site]\ntitle = \"T\"\nbase_url = \"https://x.example\"\ntitel = \"typo\"\n",
            "quire.toml:4:1: invalid site configuration: unknown field `titel`, expected one of `title`, `tagline`, `base_url`, `author`, `language` — did you mean `title`?",
        ),
        (
            "[site]\ntitle = \"T\"\n",
            "quire.toml:1:1: invalid site configuration: missing field `base_url` — see the README's Configuration section for every key; `[site]` needs `title` and `base_url`",
        ),
        (
            "[site]\ntitle = \"T\"\nbase_url = \"example.com\"\n",
            "quire.toml:3:1: `base_url = \"example.com\"` is not an absolute URL — write where the site is deployed, e.g. `base_url = \"https://example.com\"`",
        ),
        (
            "[site]\ntitle = \"T\"\nbase_url = \"https://x.example\"\n[[topics]]\nslug = \"Post Gres\"\nname = \"P\"\n",
            "quire.toml:5:1: topic slug `Post Gres` has characters other than lowercase letters, digits and hyphens — use lowercase letters, digits and hyphens, e.g. `slug = \"self-hosting\"`",
        ),
        (
            "[site]\ntitle = \"T\"\nbase_url = \"https://x.example\"\n[[topics]]\nslug = \"a\"\nname = \"A\"\n[[topics]]\nslug = \"b\"\nname = \"B\"\n[[topics]]\nslug = \"a\"\nname = \"Again\"\n",
            "quire.toml:5:1: topic `a` is defined twice — give each [[topics]] entry its own slug",
        ),
        (
            "[site]\ntitle = \"T\"\nbase_url = \"https://x.example\"\n[[pillars]]\ntitle = \"P\"\ntopic = \"nowhere\"\n",
            "quire.toml:6:1: pillar `P` links to unknown topic `nowhere` — use the slug of a [[topics]] entry",
        ),
        (
            "[site]\ntitle = \"T\"\nbase_url = \"https://x.example\"\n[leads]\nendpoint = \"ftp://x\"\n",
            "quire.toml:5:1: leads endpoint `ftp://x` is not a web address — write a full URL starting with https://",
        ),
        (
            "[site]\ntitle = \"T\"\nbase_url = \"https://x.example\"\n[[menu]]\nname = \"Blog\"\nurl = \"https://elsewhere.example\"\n",
            "quire.toml:6:1: menu link `Blog` goes to `https://elsewhere.example`, which is not a path on this site — menu links are site paths such as `/about`; put other sites under [[social]]",
        ),
        (
            "[site]\ntitle = \"T\"\nbase_url = \"https://x.example\"\n[feed]\nitems = 0\n",
            "quire.toml:5:1: `items = 0` leaves the feeds empty — set `items` to how many posts the feeds should carry, e.g. 20",
        ),
        (
            "[site]\ntitle = \"T\"\nbase_url = \"https://x.example\"\n[feed]\nitems = \"many\"\n",
            "quire.toml:5:9: invalid site configuration: invalid type: string \"many\", expected usize — see the README's Configuration section for every key; `[site]` needs `title` and `base_url`",
        ),
        (
            "[site\ntitle = \"T\"\n",
            "quire.toml:1:6: invalid site configuration: unclosed table, expected `]` — see the README's Configuration section for every key; `[site]` needs `title` and `base_url`",
        ),
        (
            "[site]\ntitle = \"T\"\nbase_url = \"https://x.example\"\n[colours]\nmain = \"red\"\n",
            "quire.toml:4:2: invalid site configuration: unknown field `colours`, expected one of `site`, `hero`, `pillars`, `topics`, `cta`, `leads`, `calculators`, `social`, `menu`, `feed`, `embeds` — remove `colours` or rename it to one of the keys listed",
        ),
        (
            "[site]\ntitle = \"T\"\nbase_url = \"https://x.example\"\n[calculators]\ncurrency = \"EURO\"\n",
            "quire.toml:5:1: [calculators] currency: unknown currency `EURO`; use an ISO 4217 code among USD, EUR, GBP, JPY, CHF, CAD, AUD — calculators format numbers for the locales and currencies listed; pick one of them",
        ),
        (
            "[site]\ntitle = \"T\"\nbase_url = \"https://x.example\"\n[calculators]\nlocale = \"de\"\ncurrency = \"EUR\"\n",
            "quire.toml:5:1: [calculators] locale: unknown locale `de`; use one of en-US, en-GB, de-DE, fr-FR, nl-NL — calculators format numbers for the locales and currencies listed; pick one of them",
        ),
        (
            "[site]\ntitle = \"T\"\nbase_url = \"https://x.example\"\n[embeds]\nallowed_origins = [\"https://ok.example\",\n  \"partner.example/blog\"]\n",
            "quire.toml:6:1: [embeds] allowed_origins: `partner.example/blog` is not a site's origin — write the scheme and host (and port, if any) of a site that may frame the calculators, e.g. \"https://partner.example\", or \"*\" for any site",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(&first_error(text), expected, "for:\n{text}");
    }
}
