//! Social cards: the 1200×630 PNG a shared link shows (`og:image`), one per
//! indexable route, drawn at build time from one template in the site's
//! design tokens with the bundled Inter font (`fonts/`, SIL OFL): what the
//! route is (its topic, or kind), its title, the site's name, and for a post
//! its date and reading time.
//!
//! Drawing is pure (text in, PNG bytes out). [`write_cards`] keeps each
//! card in a cache named by a hash of what it shows, so a rebuild draws only
//! the cards whose text changed, and draws those in parallel.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use ab_glyph::{Font, FontRef, GlyphId, OutlineCurve};
use quire_model::route::{CARD_HEIGHT, CARD_WIDTH};
use rayon::prelude::*;
use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Rect, Transform};

/// What a card shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CardText {
    /// Above the title, in the accent colour: a post's topic, or the
    /// route's kind ("Topic", "Calculator"); may be empty.
    pub label: String,
    pub title: String,
    /// Under a title of one or two lines, in the muted colour: the landing
    /// page's tagline, a topic's description; may be empty.
    pub summary: String,
    /// Bottom left: the site's name.
    pub site: String,
    /// Bottom right: a post's date and reading time, a listing's size; may be empty.
    pub meta: String,
    /// A post's cover (a variant file, named by its content hash), shown
    /// in a panel on the right; the text then takes the rest.
    pub cover: Option<PathBuf>,
}

/// Bumped when the template changes, so cached cards are drawn again.
const TEMPLATE_VERSION: u32 = 4;

/// The light theme of `style/tokens.css` (a test keeps them equal).
mod palette {
    pub const BACKGROUND: [u8; 3] = [0xfd, 0xfd, 0xfc];
    pub const TEXT: [u8; 3] = [0x1b, 0x1d, 0x1f];
    pub const MUTED: [u8; 3] = [0x52, 0x57, 0x5d];
    pub const BORDER: [u8; 3] = [0xd9, 0xdc, 0xd6];
    pub const ACCENT: [u8; 3] = [0x1f, 0x4e, 0x79];
}

static REGULAR: LazyLock<FontRef<'static>> = LazyLock::new(|| {
    FontRef::try_from_slice(include_bytes!("../fonts/Inter-Regular.otf"))
        .expect("the bundled Inter Regular is a valid font")
});
static BOLD: LazyLock<FontRef<'static>> = LazyLock::new(|| {
    FontRef::try_from_slice(include_bytes!("../fonts/Inter-Bold.otf"))
        .expect("the bundled Inter Bold is a valid font")
});

/// Left and right margin, and where the text starts after the accent band.
const MARGIN: f32 = 96.0;
const TEXT_WIDTH: f32 = CARD_WIDTH as f32 - 2.0 * MARGIN;
/// A cover's panel: the card's right side, full height.
const COVER_WIDTH: u32 = 440;
/// The text's width beside a cover.
const TEXT_WIDTH_BESIDE_COVER: f32 = (CARD_WIDTH - COVER_WIDTH) as f32 - MARGIN - 48.0;
/// The title's sizes, largest first: the first at which it fits in
/// [`TITLE_LINES`] lines is used; at the smallest it is cut with `…`.
const TITLE_SIZES: [f32; 3] = [68.0, 58.0, 50.0];
const TITLE_LINES: usize = 3;

/// A face, size and colour to set text in.
#[derive(Clone, Copy)]
struct Type {
    font: &'static FontRef<'static>,
    size: f32,
    rgb: [u8; 3],
}

impl Type {
    fn new(font: &'static LazyLock<FontRef<'static>>, size: f32, rgb: [u8; 3]) -> Self {
        Self {
            font: LazyLock::force(font),
            size,
            rgb,
        }
    }

    /// Pixels per font unit.
    fn scale(self) -> f32 {
        self.size / self.font.units_per_em().unwrap_or(1000.0)
    }

    /// The advance width of `text`.
    fn width(self, text: &str) -> f32 {
        let mut previous: Option<GlyphId> = None;
        let mut total = 0.0;
        for c in text.chars() {
            let id = self.font.glyph_id(c);
            if let Some(previous) = previous {
                total += self.font.kern_unscaled(previous, id);
            }
            total += self.font.h_advance_unscaled(id);
            previous = Some(id);
        }
        total * self.scale()
    }

    /// `text`, cut with `…` at a word (or character) so it is no wider than `max`.
    fn fit(self, text: &str, max: f32) -> String {
        if self.width(text) <= max {
            return text.to_string();
        }
        let mut cut: String = text.to_string();
        while !cut.is_empty() {
            cut = match cut.rsplit_once(' ') {
                Some((head, _)) if !head.is_empty() => head.to_string(),
                _ => {
                    let mut chars = cut.chars();
                    chars.next_back();
                    chars.as_str().to_string()
                }
            };
            let candidate = format!("{}…", cut.trim_end_matches([' ', ',', ':', ';', '—', '-']));
            if self.width(&candidate) <= max {
                return candidate;
            }
        }
        "…".into()
    }

    /// Words in lines no wider than `max`; at most `lines` of them, the last cut.
    fn wrap(self, text: &str, max: f32, lines: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate) <= max || line.is_empty() {
                line = candidate;
            } else {
                out.push(std::mem::replace(&mut line, word.to_string()));
            }
        }
        if !line.is_empty() {
            out.push(line);
        }
        if out.len() > lines {
            let rest = out.split_off(lines - 1).join(" ");
            out.push(rest);
        }
        out.into_iter().map(|l| self.fit(&l, max)).collect()
    }

    /// Fills `text`'s glyph outlines from `(x, baseline)`.
    fn draw(self, pixmap: &mut Pixmap, x: f32, baseline: f32, text: &str) {
        let (font, scale) = (self.font, self.scale());
        let mut path = PathBuilder::new();
        let mut pen = x;
        let mut previous: Option<GlyphId> = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(previous) = previous {
                pen += font.kern_unscaled(previous, id) * scale;
            }
            if let Some(outline) = font.outline(id) {
                // Font units have y up; the pixmap has y down.
                let at = |p: ab_glyph::Point| (pen + p.x * scale, baseline - p.y * scale);
                add_outline(&mut path, &outline.curves, at);
            }
            pen += font.h_advance_unscaled(id) * scale;
            previous = Some(id);
        }
        if let Some(path) = path.finish() {
            let paint = paint(self.rgb);
            pixmap.fill_path(
                &path,
                &paint,
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
    }
}

/// Adds one glyph's contours to `path`, each point placed by `at`.
fn add_outline(
    path: &mut PathBuilder,
    curves: &[OutlineCurve],
    at: impl Fn(ab_glyph::Point) -> (f32, f32),
) {
    let mut last: Option<ab_glyph::Point> = None;
    for curve in curves {
        let (OutlineCurve::Line(start, _)
        | OutlineCurve::Quad(start, _, _)
        | OutlineCurve::Cubic(start, _, _, _)) = curve;
        // A curve that does not start where the last ended begins a contour.
        if last != Some(*start) {
            if last.is_some() {
                path.close();
            }
            let (x, y) = at(*start);
            path.move_to(x, y);
        }
        last = Some(match curve {
            OutlineCurve::Line(_, b) => {
                let (bx, by) = at(*b);
                path.line_to(bx, by);
                *b
            }
            OutlineCurve::Quad(_, b, c) => {
                let ((bx, by), (cx, cy)) = (at(*b), at(*c));
                path.quad_to(bx, by, cx, cy);
                *c
            }
            OutlineCurve::Cubic(_, b, c, d) => {
                let ((bx, by), (cx, cy), (dx, dy)) = (at(*b), at(*c), at(*d));
                path.cubic_to(bx, by, cx, cy, dx, dy);
                *d
            }
        });
    }
    if last.is_some() {
        path.close();
    }
}

impl CardText {
    /// The cache key: a hash of the text and the template.
    pub fn key(&self) -> String {
        let mut text = format!("v{TEMPLATE_VERSION}\n");
        for part in [
            &self.label,
            &self.title,
            &self.summary,
            &self.site,
            &self.meta,
        ] {
            text.push_str(part);
            text.push('\n');
        }
        // The cover's file name holds its content hash.
        if let Some(cover) = &self.cover {
            text.push_str(&cover.file_name().unwrap_or_default().to_string_lossy());
        }
        format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
    }

    /// The card as a PNG file; `Err` when its cover cannot be read.
    pub fn draw(&self) -> io::Result<Vec<u8>> {
        let cover = match &self.cover {
            Some(file) => Some(cover_panel(file)?),
            None => None,
        };
        Ok(self.draw_with(cover.as_ref()))
    }

    fn draw_with(&self, cover: Option<&Pixmap>) -> Vec<u8> {
        let mut pixmap = Pixmap::new(CARD_WIDTH, CARD_HEIGHT).expect("the card size is not zero");
        pixmap.fill(color(palette::BACKGROUND));
        let text_width = match cover {
            Some(cover) => {
                pixmap.draw_pixmap(
                    (CARD_WIDTH - COVER_WIDTH) as i32,
                    0,
                    cover.as_ref(),
                    &tiny_skia::PixmapPaint::default(),
                    Transform::identity(),
                    None,
                );
                TEXT_WIDTH_BESIDE_COVER
            }
            None => TEXT_WIDTH,
        };
        fill_rect(
            &mut pixmap,
            0.0,
            0.0,
            24.0,
            CARD_HEIGHT as f32,
            palette::ACCENT,
        );

        let label_baseline = 150.0;
        let label = Type::new(&BOLD, 34.0, palette::ACCENT);
        label.draw(
            &mut pixmap,
            MARGIN,
            label_baseline,
            &label.fit(&self.label, text_width),
        );
        let (title, lines) = title_lines(&self.title, text_width);
        let line_height = title.size * 1.18;
        let mut baseline = label_baseline + 24.0 + line_height;
        for line in &lines {
            title.draw(&mut pixmap, MARGIN, baseline, line);
            baseline += line_height;
        }
        if lines.len() <= 2 {
            let summary = Type::new(&REGULAR, 34.0, palette::MUTED);
            baseline += 8.0;
            for line in summary.wrap(&self.summary, text_width, 2) {
                summary.draw(&mut pixmap, MARGIN, baseline, &line);
                baseline += summary.size * 1.35;
            }
        }

        fill_rect(&mut pixmap, MARGIN, 500.0, text_width, 2.0, palette::BORDER);
        let footer = 566.0;
        let meta_type = Type::new(&REGULAR, 30.0, palette::MUTED);
        let site = Type::new(&BOLD, 32.0, palette::TEXT);
        if cover.is_some() {
            // Beside a cover the footer is narrow: the site's name above the
            // meta line, each with the whole width.
            site.draw(
                &mut pixmap,
                MARGIN,
                footer - 20.0,
                &site.fit(&self.site, text_width),
            );
            let meta = meta_type.fit(&self.meta, text_width);
            meta_type.draw(&mut pixmap, MARGIN, footer + 24.0, &meta);
            return encode_png(&pixmap);
        }
        // The meta line takes at most 60% of the footer, the site's name the rest.
        let meta = meta_type.fit(&self.meta, text_width * 0.6);
        let meta_width = meta_type.width(&meta);
        let gap = if meta.is_empty() { 0.0 } else { 40.0 };
        let site_name = site.fit(&self.site, text_width - meta_width - gap);
        site.draw(&mut pixmap, MARGIN, footer, &site_name);
        meta_type.draw(&mut pixmap, MARGIN + text_width - meta_width, footer, &meta);
        encode_png(&pixmap)
    }
}

/// The title's type and lines: the largest size at which it fits in
/// [`TITLE_LINES`] lines `width` wide, else the smallest, cut.
fn title_lines(title: &str, width: f32) -> (Type, Vec<String>) {
    for size in TITLE_SIZES {
        let face = Type::new(&BOLD, size, palette::TEXT);
        let lines = face.wrap(title, width, usize::MAX);
        if lines.len() <= TITLE_LINES {
            return (face, lines);
        }
    }
    let face = Type::new(&BOLD, TITLE_SIZES[TITLE_SIZES.len() - 1], palette::TEXT);
    (face, face.wrap(title, width, TITLE_LINES))
}

/// The cover in `file` scaled to fill the card's right panel, its middle
/// kept where the proportions differ.
fn cover_panel(file: &Path) -> io::Result<Pixmap> {
    let failed = |e: &dyn std::fmt::Display| {
        io::Error::other(format!(
            "the cover {} cannot be drawn on its card ({e})",
            file.display()
        ))
    };
    let image = image::open(file).map_err(|e| failed(&e))?.into_rgba8();
    let image = image::DynamicImage::ImageRgba8(image);
    let mut panel = image::DynamicImage::new_rgba8(COVER_WIDTH, CARD_HEIGHT);
    fast_image_resize::Resizer::new()
        .resize(
            &image,
            &mut panel,
            &fast_image_resize::ResizeOptions::new()
                .resize_alg(fast_image_resize::ResizeAlg::Convolution(
                    fast_image_resize::FilterType::Lanczos3,
                ))
                .fit_into_destination(Some((0.5, 0.5))),
        )
        .map_err(|e| failed(&e))?;
    let mut rgba = panel.into_rgba8().into_raw();
    // tiny-skia holds premultiplied colour; the panel is drawn opaque.
    for pixel in rgba.chunks_exact_mut(4) {
        pixel[3] = 255;
    }
    let size = tiny_skia::IntSize::from_wh(COVER_WIDTH, CARD_HEIGHT).expect("not zero");
    Pixmap::from_vec(rgba, size).ok_or_else(|| failed(&"the panel has the wrong size"))
}

fn fill_rect(pixmap: &mut Pixmap, x: f32, y: f32, w: f32, h: f32, rgb: [u8; 3]) {
    if let Some(rect) = Rect::from_xywh(x, y, w, h) {
        pixmap.fill_rect(rect, &paint(rgb), Transform::identity(), None);
    }
}

fn color([r, g, b]: [u8; 3]) -> Color {
    Color::from_rgba8(r, g, b, 255)
}

fn paint(rgb: [u8; 3]) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(color(rgb));
    paint.anti_alias = true;
    paint
}

/// An opaque RGB PNG (the card has no transparency), compressed at png's
/// fastest setting: a first build of a large site draws thousands. Measured:
/// one card 11 ms and 123 KB against 28 ms and 92 KB at `Fast`; 12,018
/// cards 129 s against 139 s on both cores, where writing the files (1.5 GB)
/// takes about as long as drawing them.
fn encode_png(pixmap: &Pixmap) -> Vec<u8> {
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|px| [px[0], px[1], px[2]])
        .collect();
    let mut out = Vec::with_capacity(64 * 1024);
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fastest);
    let mut writer = encoder
        .write_header()
        .expect("writing a PNG header to memory cannot fail");
    writer
        .write_image_data(&rgb)
        .expect("the pixel data matches the header");
    drop(writer);
    out
}

/// What [`write_cards`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CardStats {
    pub drawn: usize,
    pub reused: usize,
}

/// Writes each card to `root/<path>` (a route's [`card_path`], without
/// its leading `/`), drawing only those not in `cache` yet, in parallel.
///
/// [`card_path`]: quire_model::route::Route::card_path
pub fn write_cards(
    cards: &[(String, CardText)],
    root: &Path,
    cache: &Path,
) -> io::Result<CardStats> {
    std::fs::create_dir_all(cache)?;
    let results: Vec<io::Result<bool>> = cards
        .par_iter()
        .map(|(path, card)| {
            let cached = cache.join(format!("{}.png", card.key()));
            let drawn = if cached.exists() {
                false
            } else {
                // Written aside and renamed: a cache file is whole or absent.
                let partial = cache.join(format!("{}.{}.partial", card.key(), std::process::id()));
                std::fs::write(&partial, card.draw()?)?;
                std::fs::rename(&partial, &cached)?;
                true
            };
            let target: PathBuf = root.join(path.trim_start_matches('/'));
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)?;
            }
            crate::output::link_or_copy(&cached, &target)?;
            Ok(drawn)
        })
        .collect();
    let mut stats = CardStats::default();
    for result in results {
        if result? {
            stats.drawn += 1;
        } else {
            stats.reused += 1;
        }
    }
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(title: &str) -> CardText {
        CardText {
            label: "PostgreSQL".into(),
            title: title.into(),
            summary: String::new(),
            site: "Field notes".into(),
            meta: "14 March 2026 · 6 min read".into(),
            cover: None,
        }
    }

    #[test]
    fn a_cover_fills_the_right_panel_and_the_text_keeps_clear_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cover-0123456789abcdef-1600.png");
        image::RgbImage::from_pixel(1600, 600, image::Rgb([200, 30, 40]))
            .save(&file)
            .unwrap();
        let with_cover = CardText {
            cover: Some(file.clone()),
            ..card("A title long enough to need more than one line on a narrower card")
        };
        assert_ne!(with_cover.key(), card(&with_cover.title).key());
        let png = image::load_from_memory(&with_cover.draw().unwrap())
            .unwrap()
            .into_rgb8();
        assert_eq!(png.dimensions(), (CARD_WIDTH, CARD_HEIGHT));
        // The panel, top to bottom, is the cover.
        for y in [0, 315, 629] {
            assert_eq!(
                png.get_pixel(CARD_WIDTH - COVER_WIDTH + 5, y).0,
                [200, 30, 40]
            );
        }
        // No text reaches into the panel's margin.
        let gap_start = MARGIN + TEXT_WIDTH_BESIDE_COVER + 1.0;
        for x in gap_start as u32..CARD_WIDTH - COVER_WIDTH {
            for y in 0..CARD_HEIGHT {
                assert_eq!(png.get_pixel(x, y).0, palette::BACKGROUND, "({x}, {y})");
            }
        }
        let missing = CardText {
            cover: Some(dir.path().join("gone.png")),
            ..card("Gone")
        };
        let error = missing.draw().unwrap_err().to_string();
        assert!(
            error.contains("gone.png cannot be drawn on its card"),
            "{error}"
        );
    }

    #[test]
    fn a_card_is_a_1200_by_630_png_that_shows_its_text() {
        let png = card("Row-level security").draw().unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(&png));
        let reader = decoder.read_info().unwrap();
        let info = reader.info();
        assert_eq!((info.width, info.height), (1200, 630));
        // A different title draws different pixels.
        assert_ne!(png, card("Connection pooling").draw().unwrap());
    }

    #[test]
    fn long_titles_wrap_into_three_lines_and_are_cut_after() {
        let (face, lines) = title_lines("Short", TEXT_WIDTH);
        assert_eq!((face.size, lines.len()), (68.0, 1));
        let long = "A field guide to running PostgreSQL on one server, with backups that restore, connection pooling, row-level security and zero-downtime deploys, written for the team that has no DBA and never will";
        let (face, lines) = title_lines(long, TEXT_WIDTH);
        assert_eq!(face.size, 50.0);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'), "{lines:?}");
        for line in &lines {
            assert!(face.width(line) <= TEXT_WIDTH, "{line}");
        }
    }

    #[test]
    fn a_long_meta_line_is_cut_and_leaves_the_site_its_room() {
        let meta_type = Type::new(&REGULAR, 30.0, palette::MUTED);
        let long = "Writing on databases, infrastructure and the numbers that keep a product alive";
        let meta = meta_type.fit(long, TEXT_WIDTH * 0.6);
        assert!(meta.ends_with('…'), "{meta}");
        assert!(meta_type.width(&meta) <= TEXT_WIDTH * 0.6);
    }

    #[test]
    fn the_key_changes_with_what_the_card_shows() {
        assert_eq!(card("A").key(), card("A").key());
        assert_ne!(card("A").key(), card("B").key());
        let mut other_meta = card("A");
        other_meta.meta = "7 min read".into();
        assert_ne!(card("A").key(), other_meta.key());
    }

    #[test]
    fn a_rebuild_draws_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let (root, cache) = (dir.path().join("site"), dir.path().join("cache"));
        let cards = vec![
            ("/cards/posts/a.png".to_string(), card("A")),
            ("/cards/posts/b.png".to_string(), card("B")),
        ];
        let first = write_cards(&cards, &root, &cache).unwrap();
        assert_eq!(
            first,
            CardStats {
                drawn: 2,
                reused: 0
            }
        );
        assert!(root.join("cards/posts/a.png").is_file());
        let again = write_cards(&cards, &root, &cache).unwrap();
        assert_eq!(
            again,
            CardStats {
                drawn: 0,
                reused: 2
            }
        );
        let changed = vec![
            cards[0].clone(),
            ("/cards/posts/b.png".into(), card("B, revised")),
        ];
        let third = write_cards(&changed, &root, &cache).unwrap();
        assert_eq!(
            third,
            CardStats {
                drawn: 1,
                reused: 1
            }
        );
        assert_eq!(
            std::fs::read(root.join("cards/posts/b.png")).unwrap(),
            card("B, revised").draw().unwrap()
        );
    }

    #[test]
    fn the_palette_is_the_light_themes_tokens() {
        let tokens = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../style/tokens.css"),
        )
        .unwrap();
        let hex = |[r, g, b]: [u8; 3]| format!("#{r:02x}{g:02x}{b:02x}");
        for (token, rgb) in [
            ("--color-bg", palette::BACKGROUND),
            ("--color-text", palette::TEXT),
            ("--color-muted", palette::MUTED),
            ("--color-border", palette::BORDER),
            ("--color-accent", palette::ACCENT),
        ] {
            let line = tokens
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("{token}:")))
                .unwrap_or_else(|| panic!("{token} is not in tokens.css"));
            assert!(line.contains(&format!("light-dark({}", hex(rgb))), "{line}");
        }
    }
}
