//! Splitting a Markdown file into its front matter and its body. Front
//! matter is YAML between `---` lines or TOML between `+++` lines.

/// The front matter's language, told by its fence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
}

impl Format {
    pub fn fence(self) -> &'static str {
        match self {
            Format::Yaml => "---",
            Format::Toml => "+++",
        }
    }
}

/// A file cut in two, with the line numbers needed to point back into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub format: Format,
    /// The front matter between the fences.
    pub front: &'a str,
    /// 1-based file line of the front matter's first line (the line after the fence).
    pub front_first_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// 1-based file line of the body's first line.
    pub body_first_line: usize,
}

/// Why a file could not be split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with `---` or `+++`.
    Missing,
    /// The opening fence has no closing one.
    Unclosed(Format),
}

/// Splits `text` at its fences. A UTF-8 byte-order mark and CRLF line
/// endings are accepted, since editors on every platform produce them.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().ok_or(SplitError::Missing)?;
    let format = match first.trim_end() {
        "---" => Format::Yaml,
        "+++" => Format::Toml,
        _ => return Err(SplitError::Missing),
    };
    let start = first.len();
    let mut offset = start;
    // Line 1 is the opening fence; `number` is the file line of `line`.
    for (number, line) in (2..).zip(lines) {
        if line.trim_end() == format.fence() {
            return Ok(Split {
                format,
                front: &text[start..offset],
                front_first_line: 2,
                body: &text[offset + line.len()..],
                body_first_line: number + 1,
            });
        }
        offset += line.len();
    }
    Err(SplitError::Unclosed(format))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body() {
        let s = split("---\ntitle: A\n---\nHello\n").unwrap();
        assert_eq!(
            (s.format, s.front, s.front_first_line),
            (Format::Yaml, "title: A\n", 2)
        );
        assert_eq!((s.body, s.body_first_line), ("Hello\n", 4));
    }

    #[test]
    fn splits_toml() {
        let s = split("+++\ntitle = \"A\"\n+++\nHi").unwrap();
        assert_eq!(
            (s.format, s.front, s.body),
            (Format::Toml, "title = \"A\"\n", "Hi")
        );
    }

    #[test]
    fn accepts_bom_and_crlf() {
        let s = split("\u{feff}---\r\ntitle: A\r\n---\r\nHi").unwrap();
        assert_eq!(s.front, "title: A\r\n");
        assert_eq!(s.body, "Hi");
    }

    #[test]
    fn a_rule_in_the_body_is_not_a_fence() {
        let s = split("---\na: 1\n---\ntext\n\n---\nmore\n").unwrap();
        assert_eq!(s.body, "text\n\n---\nmore\n");
    }

    #[test]
    fn reports_missing_and_unclosed() {
        assert_eq!(split("# Title\n"), Err(SplitError::Missing));
        assert_eq!(split(""), Err(SplitError::Missing));
        assert_eq!(
            split("---\ntitle: A\n"),
            Err(SplitError::Unclosed(Format::Yaml))
        );
        assert_eq!(
            split("+++\ntitle = 1\n---\n"),
            Err(SplitError::Unclosed(Format::Toml))
        );
    }
}
