//! Responsive images. Every raster image a post or page shows (in its body
//! or as its cover) gets AVIF, WebP and original-format variants at a few
//! widths, named after the source file's content hash, and is written as a
//! `<picture>` with `srcset`, `sizes` and its intrinsic size, so it costs a
//! phone only the pixels it shows and never moves the text.
//!
//! Three steps, none of which writes a partial site:
//! - while the site compiles, [`read_source`] reads each file's header and
//!   hash (no pixel is decoded) and [`rewrite_html`] turns the sanitized
//!   body's `<img>` tags into `<picture>`s;
//! - before anything is written, [`encode_variants`] encodes the variants
//!   its cache lacks, in parallel (a rebuild with no new image encodes
//!   nothing);
//! - [`copy_variants`] then puts them under `content/images/`, a directory
//!   served as immutable.
//!
//! SVG, GIF and AVIF files are left as they are.

use std::collections::HashMap;
use std::io::{self, Cursor};
use std::path::{Path, PathBuf};

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use quire_model::CONTENT_DIR;
use rayon::prelude::*;

/// A raster image with its variants: what a `<picture>` needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// The original file, from the site root: `/images/launch.jpg`.
    pub src: String,
    /// Intrinsic size, after EXIF orientation: reserves the box before it loads.
    pub width: u32,
    pub height: u32,
    /// Empty for a decorative image.
    pub alt: String,
    /// `srcset` values, widest last: AVIF, WebP (empty when the original is
    /// WebP), and the original's format.
    pub avif: String,
    pub webp: String,
    pub srcset: String,
}

/// The `sizes` of every picture in a post or page: the text column
/// (`--measure`, 42rem) on wide screens, the viewport less main's padding
/// (1rem a side) on narrow ones.
pub const PICTURE_SIZES: &str = "(min-width: 44rem) 42rem, calc(100vw - 2rem)";

/// Variant widths in pixels. An image narrower than the widest gets the
/// ones below its own width, and its own width.
pub const WIDTHS: [u32; 4] = [480, 800, 1200, 1600];

/// Where variants go, under the output's `content/`.
pub const VARIANT_DIR: &str = "images";

/// Bumped when an encoder setting changes, so every variant is made again.
const SETTINGS_VERSION: u64 = 2;
/// rav1e's speed (1 slowest .. 10 fastest) and quality (0..100): speed 8
/// is within a few percent of the smallest files at a fraction of the time.
const AVIF_SPEED: u8 = 8;
const AVIF_QUALITY: u8 = 62;
const WEBP_QUALITY: f32 = 80.0;
const JPEG_QUALITY: u8 = 82;

/// A file format a variant is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Avif,
    Webp,
    Png,
    Jpeg,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Avif => "avif",
            Format::Webp => "webp",
            Format::Png => "png",
            Format::Jpeg => "jpg",
        }
    }
}

/// A raster image in `public/` that gets variants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceImage {
    /// As the Markdown wrote it, from the site root: `/images/launch.jpg`.
    pub url: String,
    pub file: PathBuf,
    /// Its own format: PNG, JPEG or WebP.
    pub format: Format,
    /// As shown, after EXIF orientation.
    pub width: u32,
    pub height: u32,
    /// The file's stem and content hash, which every variant's name starts with.
    pub key: String,
}

/// One file [`encode_variants`] makes from a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub width: u32,
    pub format: Format,
    /// Under `content/images/`.
    pub file_name: String,
}

impl SourceImage {
    /// The widths it is offered at, narrowest first.
    pub fn widths(&self) -> Vec<u32> {
        let widest = WIDTHS[WIDTHS.len() - 1];
        let mut widths: Vec<u32> = WIDTHS.into_iter().filter(|&w| w < self.width).collect();
        if self.width <= widest {
            widths.push(self.width);
        }
        widths
    }

    fn height_at(&self, width: u32) -> u32 {
        let scaled = (u64::from(self.height) * u64::from(width) + u64::from(self.width) / 2)
            / u64::from(self.width);
        scaled.max(1) as u32
    }

    /// The formats offered as `<source>`s before the original's own.
    fn modern_formats(&self) -> Vec<Format> {
        [Format::Avif, Format::Webp]
            .into_iter()
            .filter(|&f| f != self.format)
            .collect()
    }

    /// The files to make. The original format at full width is the source
    /// itself, so it is not among them.
    pub fn variants(&self) -> Vec<Variant> {
        let mut variants = Vec::new();
        for width in self.widths() {
            for format in self.modern_formats().into_iter().chain([self.format]) {
                if format == self.format && width == self.width {
                    continue;
                }
                variants.push(Variant {
                    width,
                    format,
                    file_name: format!("{}-{width}.{}", self.key, format.extension()),
                });
            }
        }
        variants
    }

    fn url_of(&self, width: u32, format: Format) -> String {
        if format == self.format && width == self.width {
            self.url.clone()
        } else {
            format!(
                "/{CONTENT_DIR}/{VARIANT_DIR}/{}-{width}.{}",
                self.key,
                format.extension()
            )
        }
    }

    fn srcset(&self, format: Format) -> String {
        self.widths()
            .into_iter()
            .map(|w| format!("{} {w}w", self.url_of(w, format)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// What a `<picture>` of it needs; `alt` is empty for a decorative image.
    pub fn picture(&self, alt: &str) -> Picture {
        // A WebP original is its own WebP source.
        let modern = |format: Format| {
            if self.format == format {
                String::new()
            } else {
                self.srcset(format)
            }
        };
        Picture {
            src: self.url.clone(),
            width: self.width,
            height: self.height,
            alt: alt.to_string(),
            avif: modern(Format::Avif),
            webp: modern(Format::Webp),
            srcset: self.srcset(self.format),
        }
    }
}

/// Reads the header and hash of the image `url` (a path from the site root)
/// in `public`. `Ok(None)` for files that stay as they are (SVG, GIF, AVIF);
/// `Err` says why a PNG, JPEG or WebP cannot be read.
pub fn read_source(public: &Path, url: &str) -> Result<Option<SourceImage>, String> {
    let path = url.split(['#', '?']).next().unwrap_or(url);
    let relative = path.trim_start_matches('/');
    let file = public.join(relative);
    let extension = Path::new(relative)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let format = match extension.as_str() {
        "png" => Format::Png,
        "jpg" | "jpeg" => Format::Jpeg,
        "webp" => Format::Webp,
        _ => return Ok(None),
    };
    let bytes =
        std::fs::read(&file).map_err(|e| format!("the image `{url}` cannot be read ({e})"))?;
    let unreadable = |e: image::ImageError| {
        format!(
            "the image `{url}` is not a readable {} file ({e})",
            extension.to_uppercase()
        )
    };
    let mut decoder = ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| unreadable(e.into()))?
        .into_decoder()
        .map_err(unreadable)?;
    let (width, height) = decoder.dimensions();
    let orientation = decoder.orientation().map_err(unreadable)?;
    let turned = matches!(
        orientation,
        image::metadata::Orientation::Rotate90
            | image::metadata::Orientation::Rotate270
            | image::metadata::Orientation::Rotate90FlipH
            | image::metadata::Orientation::Rotate270FlipH
    );
    let (width, height) = if turned {
        (height, width)
    } else {
        (width, height)
    };
    if width == 0 || height == 0 {
        return Err(format!("the image `{url}` has no pixels"));
    }
    let stem: String = Path::new(relative)
        .file_stem()
        .map(|s| s.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(40)
        .collect();
    let hash = xxhash_rust::xxh3::xxh3_64_with_seed(&bytes, SETTINGS_VERSION);
    Ok(Some(SourceImage {
        url: url.to_string(),
        file,
        format,
        width,
        height,
        key: format!("{stem}-{hash:016x}"),
    }))
}

/// `"` `&` `<` `>` escaped, for a value between double quotes.
fn attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    pulldown_cmark_escape::escape_html(&mut out, value).expect("writing to a String cannot fail");
    out
}

/// A cover: the whole `<picture class="cover">`. It is at the top of the
/// page, so it is fetched at once and early.
pub fn cover_html(picture: &Picture) -> String {
    let mut out = source_tags(picture, r#" class="cover""#);
    out.push_str(&format!(
        r#"<img src="{}" alt="{}" srcset="{}" sizes="{PICTURE_SIZES}" width="{}" height="{}" decoding="async" fetchpriority="high"></picture>"#,
        attribute(&picture.src),
        attribute(&picture.alt),
        attribute(&picture.srcset),
        picture.width,
        picture.height,
    ));
    out
}

/// The widest file in the cover's own format that [`cover_html`] wrote
/// (a URL from the site root), for drawing it on the post's social card.
pub fn cover_file(cover_html: &str) -> Option<&str> {
    let img = &cover_html[cover_html.find("<img ")?..];
    let srcset = &img[img.find(" srcset=\"")? + " srcset=\"".len()..];
    let srcset = &srcset[..srcset.find('"')?];
    srcset.rsplit(", ").next()?.split(' ').next()
}

/// `<picture>` and the `<source>`s that go before its `<img>`.
fn source_tags(picture: &Picture, class: &str) -> String {
    let mut out = format!("<picture{class}>");
    for (mime, srcset) in [("image/avif", &picture.avif), ("image/webp", &picture.webp)] {
        if !srcset.is_empty() {
            out.push_str(&format!(
                r#"<source type="{mime}" srcset="{}" sizes="{PICTURE_SIZES}">"#,
                attribute(srcset)
            ));
        }
    }
    out
}

/// Turns each `<img>` of `html` whose `src` is in `sources` into a
/// `<picture>`: its `<source>`s, then the same `<img>` with `srcset`,
/// `sizes`, `width` and `height`. The first is loaded at once and early
/// when `first_is_eager` (it is likely on the first screen); the rest lazily.
pub fn rewrite_html(
    html: &str,
    sources: &HashMap<String, SourceImage>,
    first_is_eager: bool,
) -> String {
    let mut eager = first_is_eager;
    let settings = lol_html::RewriteStrSettings::new().append_element_content_handler(
        lol_html::element!("img[src]", |img| {
            let src = img.get_attribute("src").unwrap_or_default();
            // The HTML writer escaped `&`; the Markdown's own text is the key.
            let Some(source) = sources.get(&src.replace("&amp;", "&")) else {
                return Ok(());
            };
            let picture = source.picture("");
            img.before(
                &source_tags(&picture, ""),
                lol_html::html_content::ContentType::Html,
            );
            img.set_attribute("srcset", &picture.srcset)?;
            img.set_attribute("sizes", PICTURE_SIZES)?;
            img.set_attribute("width", &picture.width.to_string())?;
            img.set_attribute("height", &picture.height.to_string())?;
            img.set_attribute("decoding", "async")?;
            if std::mem::take(&mut eager) {
                img.set_attribute("fetchpriority", "high")?;
            } else {
                img.set_attribute("loading", "lazy")?;
            }
            img.after("</picture>", lol_html::html_content::ContentType::Html);
            Ok(())
        }),
    );
    lol_html::rewrite_str(html, settings).unwrap_or_else(|_| html.to_string())
}

/// Why a variant could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("the image {file} cannot be decoded ({source}); save it again as PNG or JPEG")]
    Decode {
        file: PathBuf,
        source: image::ImageError,
    },
    #[error("the image {file} cannot be scaled to {width} px ({message})")]
    Resize {
        file: PathBuf,
        width: u32,
        message: String,
    },
    #[error("the image {file} cannot be encoded as {format:?} at {width} px ({message})")]
    Encode {
        file: PathBuf,
        width: u32,
        format: Format,
        message: String,
    },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// What [`encode_variants`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImageStats {
    pub sources: usize,
    pub encoded: usize,
    pub reused: usize,
}

/// Makes every variant of `sources` that `cache` lacks: each source is
/// decoded once, and its widths are scaled and encoded in parallel.
pub fn encode_variants(sources: &[SourceImage], cache: &Path) -> Result<ImageStats, ImageError> {
    let io_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ImageError::Io { path, source }
    };
    std::fs::create_dir_all(cache).map_err(io_error(cache))?;
    let counts: Vec<(usize, usize)> = sources
        .par_iter()
        .map(|source| {
            let variants = source.variants();
            let missing: Vec<&Variant> = variants
                .iter()
                .filter(|v| !cache.join(&v.file_name).exists())
                .collect();
            if missing.is_empty() {
                return Ok((0, variants.len()));
            }
            let image = decode(&source.file)?;
            let mut widths: Vec<u32> = missing.iter().map(|v| v.width).collect();
            widths.dedup();
            widths.par_iter().try_for_each(|&width| {
                let scaled = scale(source, &image, width)?;
                for variant in missing.iter().filter(|v| v.width == width) {
                    let bytes =
                        encode(&scaled, variant.format).map_err(|message| ImageError::Encode {
                            file: source.file.clone(),
                            width,
                            format: variant.format,
                            message,
                        })?;
                    // Written aside and renamed: a cache file is whole or absent.
                    let cached = cache.join(&variant.file_name);
                    let partial = cache.join(format!(
                        "{}.{}.partial",
                        variant.file_name,
                        std::process::id()
                    ));
                    std::fs::write(&partial, bytes).map_err(io_error(&partial))?;
                    std::fs::rename(&partial, &cached).map_err(io_error(&cached))?;
                }
                Ok(())
            })?;
            Ok((missing.len(), variants.len() - missing.len()))
        })
        .collect::<Result<_, ImageError>>()?;
    Ok(ImageStats {
        sources: sources.len(),
        encoded: counts.iter().map(|c| c.0).sum(),
        reused: counts.iter().map(|c| c.1).sum(),
    })
}

/// Links (or copies) every variant of `sources` from `cache` into
/// `root/content/images/`, leaving those already linked alone and removing
/// the variants no source uses any more.
pub fn copy_variants(sources: &[SourceImage], cache: &Path, root: &Path) -> io::Result<()> {
    let dir = root.join(CONTENT_DIR).join(VARIANT_DIR);
    std::fs::create_dir_all(&dir)?;
    let wanted: std::collections::HashSet<String> = sources
        .iter()
        .flat_map(|s| s.variants())
        .map(|variant| variant.file_name)
        .collect();
    for entry in std::fs::read_dir(&dir)? {
        let entry = entry?;
        if !wanted.contains(entry.file_name().to_string_lossy().as_ref()) {
            std::fs::remove_file(entry.path())?;
        }
    }
    wanted
        .par_iter()
        .try_for_each(|name| crate::output::link_or_copy(&cache.join(name), &dir.join(name)))
}

/// The file's pixels, turned as its EXIF orientation says, in 8-bit RGB
/// (or RGBA when it has transparency).
fn decode(file: &Path) -> Result<DynamicImage, ImageError> {
    let failed = |source| ImageError::Decode {
        file: file.to_path_buf(),
        source,
    };
    let mut decoder = ImageReader::open(file)
        .map_err(|e| failed(e.into()))?
        .with_guessed_format()
        .map_err(|e| failed(e.into()))?
        .into_decoder()
        .map_err(failed)?;
    let orientation = decoder.orientation().map_err(failed)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(failed)?;
    image.apply_orientation(orientation);
    Ok(if image.color().has_alpha() {
        DynamicImage::ImageRgba8(image.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.into_rgb8())
    })
}

/// `image` at `width` (Lanczos3), or itself at its own width.
fn scale(
    source: &SourceImage,
    image: &DynamicImage,
    width: u32,
) -> Result<DynamicImage, ImageError> {
    if width == image.width() {
        return Ok(image.clone());
    }
    let mut scaled = DynamicImage::new(width, source.height_at(width), image.color());
    Resizer::new()
        .resize(
            image,
            &mut scaled,
            &ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3)),
        )
        .map_err(|e| ImageError::Resize {
            file: source.file.clone(),
            width,
            message: e.to_string(),
        })?;
    Ok(scaled)
}

fn encode(image: &DynamicImage, format: Format) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match format {
        Format::Avif => image
            .write_with_encoder(image::codecs::avif::AvifEncoder::new_with_speed_quality(
                &mut out,
                AVIF_SPEED,
                AVIF_QUALITY,
            ))
            .map_err(|e| e.to_string())?,
        Format::Webp => {
            let (width, height) = (image.width(), image.height());
            let encoder = match image {
                DynamicImage::ImageRgba8(pixels) => {
                    webp::Encoder::from_rgba(pixels.as_raw(), width, height)
                }
                DynamicImage::ImageRgb8(pixels) => {
                    webp::Encoder::from_rgb(pixels.as_raw(), width, height)
                }
                _ => return Err("decoded images are 8-bit RGB or RGBA".into()),
            };
            out = encoder.encode(WEBP_QUALITY).to_vec();
        }
        Format::Png => image
            .write_with_encoder(image::codecs::png::PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Best,
                image::codecs::png::FilterType::Adaptive,
            ))
            .map_err(|e| e.to_string())?,
        Format::Jpeg => DynamicImage::ImageRgb8(image.to_rgb8())
            .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
                &mut out,
                JPEG_QUALITY,
            ))
            .map_err(|e| e.to_string())?,
    }
    Ok(out)
}

/// The format `file` was written in, from its first bytes.
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    match image::guess_format(bytes).ok()? {
        ImageFormat::Png => Some(Format::Png),
        ImageFormat::Jpeg => Some(Format::Jpeg),
        ImageFormat::WebP => Some(Format::Webp),
        ImageFormat::Avif => Some(Format::Avif),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_png(dir: &Path, name: &str, width: u32, height: u32) -> PathBuf {
        let image = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
        });
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        image.save(&path).unwrap();
        path
    }

    fn source(width: u32, height: u32) -> SourceImage {
        SourceImage {
            url: "/images/chart.png".into(),
            file: PathBuf::from("public/images/chart.png"),
            format: Format::Png,
            width,
            height,
            key: "chart-00000000000000ab".into(),
        }
    }

    #[test]
    fn an_image_is_offered_at_the_widths_below_its_own_and_its_own() {
        assert_eq!(source(2400, 1200).widths(), [480, 800, 1200, 1600]);
        assert_eq!(source(1000, 500).widths(), [480, 800, 1000]);
        assert_eq!(source(300, 200).widths(), [300]);
        assert_eq!(source(1600, 900).widths(), [480, 800, 1200, 1600]);
    }

    #[test]
    fn the_full_width_original_is_the_file_itself() {
        let s = source(1000, 500);
        let names: Vec<String> = s.variants().into_iter().map(|v| v.file_name).collect();
        assert_eq!(names.len(), 3 * 3 - 1);
        assert!(!names.contains(&"chart-00000000000000ab-1000.png".to_string()));
        assert!(names.contains(&"chart-00000000000000ab-1000.avif".to_string()));
        let picture = s.picture("A chart");
        assert_eq!(
            picture.srcset,
            "/content/images/chart-00000000000000ab-480.png 480w, \
             /content/images/chart-00000000000000ab-800.png 800w, /images/chart.png 1000w"
        );
        assert!(picture
            .avif
            .ends_with("/content/images/chart-00000000000000ab-1000.avif 1000w"));
        assert_eq!((picture.width, picture.height), (1000, 500));
        assert_eq!(s.height_at(480), 240);
    }

    #[test]
    fn a_webp_original_is_its_own_webp_source() {
        let s = SourceImage {
            format: Format::Webp,
            ..source(800, 400)
        };
        let picture = s.picture("");
        assert!(picture.webp.is_empty());
        assert!(picture.srcset.contains(".webp 480w"));
        assert!(s.variants().iter().all(|v| v.format != Format::Png));
    }

    #[test]
    fn img_tags_become_pictures_and_only_the_first_is_eager() {
        let s = source(1000, 500);
        let sources = HashMap::from([(s.url.clone(), s)]);
        let html = r#"<p><img src="/images/chart.png" alt="A &quot;chart&quot;"></p><p><img src="/images/chart.png" alt="Again"><img src="/images/logo.svg" alt="Logo"></p>"#;
        let out = rewrite_html(html, &sources, true);
        assert_eq!(out.matches("<picture>").count(), 2);
        assert_eq!(out.matches("</picture>").count(), 2);
        assert_eq!(out.matches(r#"<source type="image/avif""#).count(), 2);
        assert_eq!(out.matches("fetchpriority=\"high\"").count(), 1);
        assert_eq!(out.matches("loading=\"lazy\"").count(), 1);
        assert!(out.contains(r#"alt="A &quot;chart&quot;""#), "{out}");
        assert!(out.contains(r#"width="1000" height="500""#), "{out}");
        assert!(out.contains(r#"<img src="/images/logo.svg" alt="Logo">"#));
        let lazy = rewrite_html(html, &sources, false);
        assert_eq!(lazy.matches("loading=\"lazy\"").count(), 2);
        assert!(!lazy.contains("fetchpriority"));
    }

    #[test]
    fn a_cover_is_one_eager_picture_with_its_alt_escaped() {
        let html = cover_html(&source(1000, 500).picture("Spend & \"revenue\""));
        assert!(
            html.starts_with(r#"<picture class="cover"><source type="image/avif""#),
            "{html}"
        );
        assert!(
            html.contains(r#"alt="Spend &amp; &quot;revenue&quot;""#),
            "{html}"
        );
        assert!(
            html.contains(
                r#"width="1000" height="500" decoding="async" fetchpriority="high"></picture>"#
            ),
            "{html}"
        );
        assert!(!html.contains("loading="));
        assert_eq!(cover_file(&html), Some("/images/chart.png"));
        let wide = cover_html(&source(2400, 1000).picture(""));
        assert_eq!(
            cover_file(&wide),
            Some("/content/images/chart-00000000000000ab-1600.png")
        );
    }

    #[test]
    fn headers_are_read_without_decoding_and_the_hash_follows_the_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path();
        write_png(public, "images/a.png", 900, 300);
        write_png(public, "images/b.png", 900, 301);
        let a = read_source(public, "/images/a.png").unwrap().unwrap();
        let b = read_source(public, "/images/b.png").unwrap().unwrap();
        assert_eq!((a.width, a.height, a.format), (900, 300, Format::Png));
        assert!(a.key.starts_with("a-"));
        assert_ne!(a.key[2..], b.key[2..]);
        assert_eq!(read_source(public, "/images/logo.svg"), Ok(None));
        std::fs::write(public.join("images/broken.jpg"), b"not a jpeg").unwrap();
        let error = read_source(public, "/images/broken.jpg").unwrap_err();
        assert!(
            error.contains("`/images/broken.jpg` is not a readable JPG"),
            "{error}"
        );
    }

    #[test]
    fn variants_are_encoded_once_and_decode_at_their_width() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        write_png(&public, "images/wide.png", 1000, 400);
        let source = read_source(&public, "/images/wide.png").unwrap().unwrap();
        let cache = dir.path().join("cache");
        let stats = encode_variants(std::slice::from_ref(&source), &cache).unwrap();
        assert_eq!((stats.encoded, stats.reused), (8, 0));
        let again = encode_variants(std::slice::from_ref(&source), &cache).unwrap();
        assert_eq!((again.encoded, again.reused), (0, 8));

        let out = dir.path().join("dist");
        copy_variants(std::slice::from_ref(&source), &cache, &out).unwrap();
        for variant in source.variants() {
            let bytes = std::fs::read(out.join("content/images").join(&variant.file_name)).unwrap();
            assert_eq!(sniff(&bytes), Some(variant.format), "{}", variant.file_name);
            if variant.format != Format::Avif {
                let decoded = image::load_from_memory(&bytes).unwrap();
                assert_eq!(decoded.width(), variant.width);
                assert_eq!(decoded.height(), source.height_at(variant.width));
            }
        }
        let small = std::fs::metadata(out.join(format!("content/images/{}-480.avif", source.key)))
            .unwrap()
            .len();
        assert!(small < std::fs::metadata(&source.file).unwrap().len());
    }
}
