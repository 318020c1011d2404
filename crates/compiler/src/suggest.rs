//! "Did you mean …?" for misspelt keys.

/// The known name closest to `unknown`, if it is close enough to be a typo.
pub fn closest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (k, strsim::jaro_winkler(unknown, k)))
        .filter(|(_, score)| *score >= 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(k, _)| k)
}

/// Turns serde's "unknown field `x`, expected one of `a`, `b`" (also
/// "expected `a` or `b`", and YAML's unquoted "expected one of a, b") into a
/// fix naming the closest valid field.
pub fn unknown_field_fix(message: &str) -> Option<String> {
    let rest = message.split("unknown field `").nth(1)?;
    let (unknown, expected) = rest.split_once('`')?;
    let list = expected
        .split_once("expected")
        .map_or("", |(_, l)| l)
        .trim_start()
        .trim_start_matches("one of");
    let known: Vec<&str> = list
        .split([',', ' '])
        .map(|k| k.trim().trim_matches('`'))
        .filter(|k| !k.is_empty() && *k != "or")
        .collect();
    // The message already lists the valid keys; the fix need not repeat them.
    Some(match closest(unknown, known.iter().copied()) {
        Some(k) => format!("did you mean `{k}`?"),
        None => format!("remove `{unknown}` or rename it to one of the keys listed"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_key() {
        assert_eq!(
            closest("titel", ["title", "tagline", "author"]),
            Some("title")
        );
        assert_eq!(closest("zzz", ["title", "tagline"]), None);
    }

    #[test]
    fn reads_serde_messages() {
        assert_eq!(
            unknown_field_fix("unknown field `titel`, expected one of `title`, `tagline`")
                .as_deref(),
            Some("did you mean `title`?")
        );
        assert_eq!(
            unknown_field_fix("unknown field `colour`, expected `slug` or `name`").as_deref(),
            Some("remove `colour` or rename it to one of the keys listed")
        );
        assert_eq!(
            unknown_field_fix("unknown field `dat`, expected one of title, date, summary")
                .as_deref(),
            Some("did you mean `date`?")
        );
        assert_eq!(unknown_field_fix("invalid type: integer"), None);
    }
}
