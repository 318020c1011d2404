//! `cargo xtask …`: every developer command of quire, each installing what it
//! needs first, so a fresh machine needs only the Rust toolchain, Node/npm and apt.

mod bench;
mod bench_inbox;
mod bench_search;
mod budget;
mod build;
mod css;
mod deploy;
mod import;
mod inbox;
mod lighthouse;
mod postgres;
mod process;
mod redirects;
mod routes;
mod sizes;
mod test;
mod tools;
mod watch;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use quire_compiler::images::{copy_variants, encode_variants, ImageStats};
use quire_compiler::{
    compile_site, copy_public, write_site_with, CompileOptions, ContentStore, WriteStats,
};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "quire's developer commands")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Install missing tools, then serve the site at http://127.0.0.1:8080 with live reload.
    Serve,
    /// Build the release site into dist/ and print what visitors download.
    Build {
        /// Also write `.br` and `.gz` beside each text file and the WASM, for
        /// servers that send precompressed files (nginx, S3).
        #[arg(long)]
        precompress: bool,
    },
    /// Run every test layer: lint, native, browser (wasm-bindgen-test), end-to-end (Playwright).
    Test,
    /// Print the local lead inbox's leads (the one `serve` runs), newest first.
    Leads {
        /// As CSV (for a spreadsheet) instead of one line a lead.
        #[arg(long)]
        csv: bool,
    },
    /// Regenerate style/highlight.css from the compiler's highlighting themes.
    HighlightCss,
    /// Bundle style/site.css and its imports into one stylesheet (Trunk runs this before each build).
    Css,
    /// Trunk's post-build hook: in a development build, embed pages with their
    /// frame script (a release build prerenders every page after Trunk).
    DevEmbedPages,
    /// Benchmark the cohort builder on 1,000,000 rows against pandas.
    BenchCohort,
    /// Interaction to next paint of each calculator while a visitor types, with Chromium's CPU slowed 4×.
    BenchInp,
    /// Benchmark the content compiler on a synthetic 10,000-post site against Hugo.
    BenchContent {
        /// Reuse the image and card caches of an earlier run instead of
        /// measuring them cold (which takes about half an hour).
        #[arg(long)]
        keep_caches: bool,
    },
    /// Compare quire's search with Pagefind's on a synthetic 10,000-post site: bytes per query, time to results.
    BenchSearch,
    /// The lead inbox under 50 concurrent clients, on SQLite and PostgreSQL: leads/s, p50/p99, memory, against the disk's fsync rate.
    BenchInbox,
    /// Lighthouse (mobile) three times each on the landing page, a long post, a post with images, every calculator (from a shared link) and a blank calculator, served like a CDN.
    Lighthouse,
    /// Time `serve`'s content watcher: a saved post to recompiled output, on 100 posts.
    BenchWatch,
    /// Copy posts and pages from a Hugo, Jekyll or Zola site into content/.
    Import {
        /// The generator the site was built with: hugo, jekyll or zola.
        #[arg(long)]
        from: quire_compiler::import::Source,
        /// The root of that site.
        dir: PathBuf,
        /// The quire site to import into.
        #[arg(long, default_value_os_t = workspace_root())]
        site: PathBuf,
    },
    /// Compile content/ into JSON bundles without building the app.
    Content {
        /// The site directory: its quire.toml and content/.
        #[arg(long, default_value_os_t = workspace_root())]
        site: PathBuf,
        /// The site root to write into: bundles go to OUT/content/, feeds and
        /// sitemap to OUT itself.
        #[arg(long, default_value_os_t = workspace_root().join("target/site"))]
        out: PathBuf,
        /// Include drafts (marked with a badge), as development builds do.
        #[arg(long)]
        drafts: bool,
        /// Run as Trunk's pre-build hook: write into $TRUNK_STAGING_DIR,
        /// with drafts unless $TRUNK_PROFILE is release.
        #[arg(long, conflicts_with_all = ["out", "drafts"])]
        trunk_hook: bool,
    },
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve => build::serve(),
        Command::Build { precompress } => build::build_release().and_then(|dist| {
            if precompress {
                let files = build::precompress(&dist)?;
                println!("precompressed {files} files (.br and .gz beside each)");
            }
            Ok(())
        }),
        Command::Test => test::run_all(),
        Command::Leads { csv } => inbox::LocalInbox::dev().print_leads(csv),
        Command::BenchCohort => bench::cohort(),
        Command::BenchInp => bench::inp(),
        Command::BenchContent { keep_caches } => bench::content(keep_caches),
        Command::BenchWatch => bench::watch(),
        Command::BenchSearch => bench_search::run_bench(),
        Command::BenchInbox => bench_inbox::run_bench(),
        Command::Lighthouse => lighthouse::run(),
        Command::Import { from, dir, site } => import::import(from, &dir, &site),
        Command::Css => css::write_bundle(&workspace_root()),
        Command::DevEmbedPages => dev_embed_pages(),
        Command::HighlightCss => std::fs::write(
            workspace_root().join("style/highlight.css"),
            quire_compiler::highlight::stylesheet(),
        )
        .map_err(Into::into),
        Command::Content {
            site,
            out,
            drafts,
            trunk_hook,
        } => content(&site, out, drafts, trunk_hook),
    };
    if let Err(error) = result {
        eprintln!("error: {error:#}");
        std::process::exit(1);
    }
}

/// The repository root (the directory holding the workspace Cargo.toml).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// [`Command::DevEmbedPages`], in $TRUNK_STAGING_DIR.
fn dev_embed_pages() -> Result<()> {
    if std::env::var("TRUNK_PROFILE").is_ok_and(|p| p == "release") {
        return Ok(());
    }
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .context("dev-embed-pages is Trunk's post_build hook, which sets TRUNK_STAGING_DIR")?;
    let pages = routes::write_dev_embed_pages(Path::new(&staging))?;
    println!("embed pages: {pages} (development build)");
    Ok(())
}

fn content(site: &Path, out: PathBuf, drafts: bool, trunk_hook: bool) -> Result<()> {
    let (out, include_drafts) = if trunk_hook {
        let staging = std::env::var_os("TRUNK_STAGING_DIR")
            .context("--trunk-hook is for Trunk's pre_build hook, which sets TRUNK_STAGING_DIR")?;
        let release = std::env::var("TRUNK_PROFILE").is_ok_and(|p| p == "release");
        (PathBuf::from(staging), !release)
    } else {
        (out, drafts)
    };
    let compiled = compile_into(site, &out, include_drafts)?;
    println!("{compiled}");
    Ok(())
}

/// The build's clock: QUIRE_NOW (RFC 3339) replaces it, for reproducible scheduling.
fn build_clock() -> Result<jiff::Timestamp> {
    match std::env::var("QUIRE_NOW") {
        Ok(text) => text
            .parse()
            .with_context(|| format!("QUIRE_NOW={text} is not an RFC 3339 time")),
        Err(_) => Ok(jiff::Timestamp::now()),
    }
}

/// Compiles the site in `site` and writes it (bundles, feeds, public/) under
/// `out`. Content problems are printed, and are an error; warnings are printed.
pub fn compile_into(site: &Path, out: &Path, include_drafts: bool) -> Result<CompileSummary> {
    let started = std::time::Instant::now();
    let mut compiled = match compile_site(
        site,
        CompileOptions {
            include_drafts,
            now: build_clock()?,
        },
    ) {
        Ok(compiled) => compiled,
        Err(problems) => {
            eprintln!("{problems}");
            anyhow::bail!("the content has {} problem(s)", problems.len());
        }
    };
    // For staging and the end-to-end tests: leads go to another receiver.
    if let Ok(endpoint) = std::env::var("QUIRE_LEADS_ENDPOINT") {
        if !(endpoint.starts_with("https://") || endpoint.starts_with("http://")) {
            anyhow::bail!("QUIRE_LEADS_ENDPOINT={endpoint} is not an http(s) URL");
        }
        compiled.index.site.lead_endpoint = Some(endpoint);
    }
    // For the end-to-end tests: the local origins that may frame the embeds.
    if let Ok(origins) = std::env::var("QUIRE_EMBED_ORIGINS") {
        let origins: Vec<String> = origins
            .split([',', ' '])
            .filter(|o| !o.is_empty())
            .map(str::to_string)
            .collect();
        if let Some(bad) = origins
            .iter()
            .find(|o| *o != "*" && !quire_model::lead::is_web_origin(o))
        {
            anyhow::bail!("QUIRE_EMBED_ORIGINS names `{bad}`, which is not an origin such as https://partner.example");
        }
        compiled.index.site.embed_origins = origins;
    }
    for warning in compiled.warnings.iter() {
        eprintln!("warning: {warning}");
    }
    // Encoded into the cache before anything is written: an image that
    // cannot be encoded leaves the output as it was.
    let encoding = std::time::Instant::now();
    let cache = workspace_root().join(IMAGE_CACHE);
    let images = encode_variants(&compiled.images, &cache)
        .with_context(|| format!("making the image variants (cache: {})", cache.display()))?;
    let image_millis = encoding.elapsed().as_millis();
    let store = ContentStore::new(&workspace_root().join(CONTENT_STORE));
    let files = write_site_with(&compiled, out, Some(&store))
        .with_context(|| format!("writing the site to {}", out.display()))?;
    copy_variants(&compiled.images, &cache, out)
        .with_context(|| format!("copying the image variants into {}", out.display()))?;
    copy_public(site, out)
        .with_context(|| format!("copying {}/public to {}", site.display(), out.display()))?;
    Ok(CompileSummary {
        files,
        images,
        image_millis,
        posts: compiled.posts.len(),
        pages: compiled.pages.len(),
        out: out.to_path_buf(),
        millis: started.elapsed().as_millis() - image_millis,
        include_drafts,
    })
}

/// Where encoded image variants are kept between builds, under the workspace.
pub const IMAGE_CACHE: &str = "target/quire-cache/images";

/// Where the compiled files are kept between builds, for each output to
/// link rather than write (`quire_compiler::ContentStore`).
pub const CONTENT_STORE: &str = "target/quire-cache/content";

/// What one compile run did, printed as one line.
pub struct CompileSummary {
    files: WriteStats,
    images: ImageStats,
    image_millis: u128,
    posts: usize,
    pages: usize,
    out: PathBuf,
    millis: u128,
    include_drafts: bool,
}

impl std::fmt::Display for CompileSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        write!(
            f,
            "content: {} post{} and {} page{} compiled into {} in {} ms ({} files written, {} unchanged){}",
            self.posts,
            plural(self.posts),
            self.pages,
            plural(self.pages),
            self.out.display(),
            self.millis,
            self.files.written,
            self.files.reused,
            if self.include_drafts {
                " (drafts included)"
            } else {
                ""
            },
        )?;
        if self.images.sources > 0 {
            write!(
                f,
                "\nimages: {} variants of {} image{} encoded, {} unchanged, in {} ms",
                self.images.encoded,
                self.images.sources,
                plural(self.images.sources),
                self.images.reused,
                self.image_millis
            )?;
        }
        Ok(())
    }
}
