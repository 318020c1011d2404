//! The site's own Markdown blocks: fenced code blocks whose info string names
//! a feature instead of a language.
//!
//! ````markdown
//! ```faq
//! Q: How long does an audit take?
//! Two weeks for most sites; *Markdown* works in answers.
//! ```
//!
//! ```calculator roas
//! revenue = 12000
//! spend = 4000
//! ```
//! ````
//!
//! An FAQ becomes `<details>`/`<summary>` pairs (and FAQPage data for search
//! engines); a calculator becomes a placeholder, with a plain link to the
//! calculator page for readers without JavaScript, that the app replaces
//! with the live calculator.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use quire_model::{CalculatorEmbed, FaqEntry};

/// Calculators a `calculator` block may name: the form calculators and the cohort.
pub fn calculator_slugs() -> impl Iterator<Item = &'static str> + Clone {
    quire_calc::all_calculators().map(|(slug, _)| slug)
}

/// What a fenced block's info string asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    Faq,
    /// `calculator <slug>`; the slug is checked when the block is built.
    Calculator(String),
}

impl BlockKind {
    /// The block an info string names, or `None` for ordinary code.
    pub fn from_info(info: &str) -> Option<Self> {
        let mut words = info.split_whitespace();
        match words.next()? {
            "faq" => Some(Self::Faq),
            "calculator" => Some(Self::Calculator(words.next().unwrap_or("").to_string())),
            _ => None,
        }
    }
}

/// A problem in a block, at a line of the block's body (0 = the fence line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockError {
    pub line: usize,
    pub message: String,
    pub fix: String,
}

impl BlockError {
    fn new(line: usize, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Self {
            line,
            message: message.into(),
            fix: fix.into(),
        }
    }
}

/// A block turned into HTML (still to be sanitized with the rest of the body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Built {
    Faq {
        html: String,
        entries: Vec<FaqEntry>,
        /// Links to this site's paths in the answers, to be checked like any other.
        internal_links: Vec<String>,
    },
    Calculator {
        html: String,
        embed: CalculatorEmbed,
    },
}

/// Builds a block from its body. `number` makes element ids unique in a document.
pub fn build(kind: &BlockKind, body: &str, number: usize) -> Result<Built, Vec<BlockError>> {
    match kind {
        BlockKind::Faq => faq(body).map(|(html, entries, internal_links)| Built::Faq {
            html,
            entries,
            internal_links,
        }),
        BlockKind::Calculator(slug) => {
            calculator(slug, body, number).map(|(html, embed)| Built::Calculator { html, embed })
        }
    }
}

/// `Q:` lines start questions; the lines after each, up to the next `Q:`, are its answer.
type FaqParts = (String, Vec<FaqEntry>, Vec<String>);

fn faq(body: &str) -> Result<FaqParts, Vec<BlockError>> {
    let mut errors = Vec::new();
    // (line of the question, question, answer lines)
    let mut items: Vec<(usize, String, String)> = Vec::new();
    for (i, line) in body.lines().enumerate() {
        let line_no = i + 1;
        if let Some(question) = line.trim_start().strip_prefix("Q:") {
            let question = question.trim();
            if question.is_empty() {
                errors.push(BlockError::new(
                    line_no,
                    "this FAQ question is empty",
                    "write the question after `Q:`",
                ));
            }
            items.push((line_no, question.to_string(), String::new()));
        } else if let Some((_, _, answer)) = items.last_mut() {
            answer.push_str(line);
            answer.push('\n');
        } else if !line.trim().is_empty() {
            errors.push(BlockError::new(
                line_no,
                "FAQ text before the first question",
                "start each question with `Q:` on its own line, the answer on the lines after it",
            ));
        }
    }
    if items.is_empty() && errors.is_empty() {
        errors.push(BlockError::new(
            0,
            "this FAQ block has no questions",
            "start each question with `Q:` on its own line, the answer on the lines after it",
        ));
    }
    for (line, question, answer) in &items {
        if answer.trim().is_empty() {
            errors.push(BlockError::new(
                *line,
                format!("the FAQ question “{question}” has no answer"),
                "write the answer on the lines after the question",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let mut html = String::from("<div class=\"faq\">\n");
    let mut entries = Vec::with_capacity(items.len());
    let mut internal_links = Vec::new();
    for (line, question, answer) in items {
        let mut events: Vec<Event<'_>> =
            Parser::new_ext(&answer, crate::dialect::options()).collect();
        let plain = plain_text(&events);
        for event in &mut events {
            match crate::math::event_to_mathml(event) {
                Some(Ok(mathml)) => *event = Event::InlineHtml(mathml.into()),
                Some(Err(error)) => {
                    errors.push(BlockError::new(line, error.to_string(), error.fix()))
                }
                None => {}
            }
        }
        internal_links.extend(events.iter().filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. }) if crate::dialect::is_internal(dest_url) => {
                Some(dest_url.to_string())
            }
            _ => None,
        }));
        let mut answer_html = String::new();
        pulldown_cmark::html::push_html(&mut answer_html, events.into_iter());
        html.push_str("<details class=\"faq-item\"><summary>");
        html.push_str(&escape(&question));
        html.push_str("</summary>\n<div class=\"faq-answer\">\n");
        html.push_str(&answer_html);
        html.push_str("</div></details>\n");
        entries.push(FaqEntry {
            question,
            answer: plain,
        });
    }
    html.push_str("</div>\n");
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok((html, entries, internal_links))
}

/// `key = value` lines preset the calculator's inputs (cohort: CSV events).
fn calculator(
    slug: &str,
    body: &str,
    number: usize,
) -> Result<(String, CalculatorEmbed), Vec<BlockError>> {
    let unknown = |what: String| {
        let fix = match crate::suggest::closest(slug, calculator_slugs()) {
            Some(close) if !slug.is_empty() => format!("did you mean `calculator {close}`?"),
            _ => format!(
                "write one of: {}",
                calculator_slugs()
                    .map(|s| format!("`calculator {s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        vec![BlockError::new(0, what, fix)]
    };
    if slug.is_empty() {
        return Err(unknown(
            "this calculator block does not say which calculator".into(),
        ));
    }
    let (name, query) = if slug == "cohort" {
        if !body.trim().is_empty() {
            quire_calc::cohort::from_csv(body, quire_calc::cohort::Period::Month).map_err(|e| {
                let line = match &e {
                    quire_calc::cohort::CsvError::Empty => 0,
                    quire_calc::cohort::CsvError::Columns { row, .. }
                    | quire_calc::cohort::CsvError::Cell { row, .. } => *row,
                };
                vec![BlockError::new(
                    line,
                    format!("the cohort block's data: {e}"),
                    "fix that row: the block's rows are the events the calculator opens with",
                )]
            })?;
        }
        (quire_calc::cohort::NAME, String::new())
    } else {
        let Some(form) = quire_calc::FORM_CALCULATORS.iter().find(|c| c.slug == slug) else {
            return Err(unknown(format!("there is no calculator `{slug}`")));
        };
        (form.name, presets(form, body)?)
    };

    let id = format!("calculator-{number}");
    let href = quire_model::route::Route::Calculator {
        slug: slug.to_string(),
    }
    .with_query(&query);
    let html = format!(
        "<div class=\"calculator-embed\" id=\"{id}\"><p><a href=\"{}\">Open the {name}</a></p></div>\n",
        escape(&href)
    );
    let csv = (slug == "cohort" && !body.trim().is_empty()).then(|| body.to_string());
    Ok((
        html,
        CalculatorEmbed {
            id,
            calculator: slug.to_string(),
            query,
            csv,
        },
    ))
}

/// Checks `key = value` lines against the calculator's fields, as the page would.
fn presets(form: &quire_calc::form::Calculator, body: &str) -> Result<String, Vec<BlockError>> {
    let mut errors = Vec::new();
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (i, line) in body.lines().enumerate() {
        let line_no = i + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let keys = || form.fields.iter().map(|f| f.key);
        let Some((key, value)) = line.split_once(['=', ':']) else {
            errors.push(BlockError::new(
                line_no,
                format!("`{line}` is not a preset"),
                "write one input per line as `key = value`, e.g. `margin = 70`",
            ));
            continue;
        };
        let (key, value) = (key.trim(), value.trim().trim_matches('"'));
        let Some(field) = form.fields.iter().find(|f| f.key == key) else {
            let fix = match crate::suggest::closest(key, keys()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!(
                    "the {}'s inputs are {}",
                    form.name,
                    keys()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            errors.push(BlockError::new(
                line_no,
                format!("the {} has no input `{key}`", form.name),
                fix,
            ));
            continue;
        };
        if let Err(e) = field.parse(Some(value)) {
            errors.push(BlockError::new(
                line_no,
                format!("`{key} = {value}`: {e}"),
                if field.is_percent() {
                    "percentages are percent numbers: `70` means 70%"
                } else {
                    "give a plain number, e.g. `4000`"
                },
            ));
            continue;
        }
        query.append_pair(key, value);
    }
    if errors.is_empty() {
        Ok(query.finish())
    } else {
        Err(errors)
    }
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            // Math reads as its LaTeX source in the FAQ's structured data.
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                text.push_str(t)
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item) => text.push(' '),
            Event::Start(Tag::Item) if !text.is_empty() => {}
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_strings_name_blocks() {
        assert_eq!(BlockKind::from_info("faq"), Some(BlockKind::Faq));
        assert_eq!(
            BlockKind::from_info("calculator ltv"),
            Some(BlockKind::Calculator("ltv".into()))
        );
        assert_eq!(BlockKind::from_info("rust"), None);
        assert_eq!(BlockKind::from_info(""), None);
    }

    #[test]
    fn faq_entries_have_plain_answers() {
        let Ok(Built::Faq { entries, .. }) = build(
            &BlockKind::Faq,
            "Q: Why?\nBecause *it* works.\n\nReally.\nQ: How?\n- fast\n- safe\n",
            1,
        ) else {
            panic!("faq did not build");
        };
        assert_eq!(entries[0].question, "Why?");
        assert_eq!(entries[0].answer, "Because it works. Really.");
        assert_eq!(entries[1].answer, "fast safe");
    }

    #[test]
    fn calculator_presets_become_the_query() {
        let Ok(Built::Calculator { embed, html }) = build(
            &BlockKind::Calculator("roas".into()),
            "revenue = 12000\n# a comment\nspend: 4000\n",
            2,
        ) else {
            panic!("calculator did not build");
        };
        assert_eq!(embed.query, "revenue=12000&spend=4000");
        assert_eq!(embed.id, "calculator-2");
        assert!(html.contains("href=\"/calculators/roas?revenue=12000&amp;spend=4000\""));
    }
}
