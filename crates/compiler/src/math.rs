//! `$…$` and `$$…$$` in Markdown, rendered at build time to MathML Core,
//! which every current browser draws with no script and no web font.
//!
//! pulldown-cmark finds the math (`Options::ENABLE_MATH`); pulldown-latex
//! turns each expression into MathML. Invalid LaTeX is a build error naming
//! the expression, never a red box on the published page.

use pulldown_latex::config::DisplayMode;
use pulldown_latex::{Parser, RenderConfig, Storage};

/// Why an expression could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the math `{expression}` is not valid LaTeX: {reason}")]
pub struct MathError {
    /// The expression as written, between its dollar signs.
    pub expression: String,
    /// The LaTeX parser's own words.
    pub reason: String,
}

impl MathError {
    /// What the author should do about it.
    pub fn fix(&self) -> &'static str {
        "correct the expression (KaTeX-style LaTeX math: commands such as \\frac{a}{b}, \\sum_{i=1}^{n}, \\sqrt{x}); write \\$ for a literal dollar sign"
    }
}

/// `latex` as a `<math>` element; `display` for `$$…$$` (a block).
pub fn to_mathml(latex: &str, display: bool) -> Result<String, MathError> {
    let storage = Storage::new();
    let events: Vec<_> = Parser::new(latex, &storage).collect();
    if let Some(Err(error)) = events.iter().find(|event| event.is_err()) {
        return Err(MathError {
            expression: latex.trim().to_string(),
            reason: first_line(&error.to_string()),
        });
    }
    let config = RenderConfig {
        display_mode: if display {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        // The source rides along for copy and paste and for assistive
        // technology that reads TeX better than MathML.
        annotation: Some(latex.trim()),
        ..RenderConfig::default()
    };
    let mut mathml = String::new();
    pulldown_latex::push_mathml(&mut mathml, events.into_iter(), config).map_err(|error| {
        MathError {
            expression: latex.trim().to_string(),
            reason: error.to_string(),
        }
    })?;
    Ok(mathml)
}

/// A math event (`$…$` or `$$…$$`) as MathML; `None` for any other event.
pub(crate) fn event_to_mathml(
    event: &pulldown_cmark::Event<'_>,
) -> Option<Result<String, MathError>> {
    match event {
        pulldown_cmark::Event::InlineMath(latex) => Some(to_mathml(latex, false)),
        pulldown_cmark::Event::DisplayMath(latex) => Some(to_mathml(latex, true)),
        _ => None,
    }
}

/// The parser's message without its multi-line source excerpt.
fn first_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("invalid LaTeX")
        .trim_end_matches(':')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_and_display_math_become_math_elements() {
        let inline = to_mathml("x^2", false).unwrap();
        assert!(inline.starts_with("<math"), "{inline}");
        assert!(inline.contains("<msup>"), "{inline}");
        assert!(!inline.contains("display=\"block\""), "{inline}");
        let block = to_mathml(r"\frac{a}{b}", true).unwrap();
        assert!(block.contains("display=\"block\""), "{block}");
        assert!(block.contains("<mfrac>"), "{block}");
    }

    #[test]
    fn invalid_latex_names_the_expression() {
        let error = to_mathml(r"\frac{a}{", false).unwrap_err();
        assert_eq!(error.expression, r"\frac{a}{");
        assert!(!error.reason.is_empty());
        assert!(error.to_string().contains(r"`\frac{a}{`"), "{error}");
    }
}
