//! What files weigh as served: raw, gzip -9 and brotli 11; and what every
//! page loads besides itself. Used by the build's size report, its
//! precompressed files and the first-load budgets.

use std::io::Write;

/// Sizes of one file as served: raw, gzip -9 and brotli 11.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

pub fn measure(bytes: &[u8]) -> Sizes {
    Sizes {
        raw: bytes.len(),
        gzip: gzip(bytes).len(),
        brotli: brotli(bytes).len(),
    }
}

/// `bytes` as `gzip -9` writes them.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).expect("writing to memory");
    gz.finish().expect("writing to memory")
}

/// `bytes` as brotli at quality 11 (what a CDN's best static setting serves).
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut br, &params).expect("writing to memory");
    br
}

/// Brotli bytes of what pages load besides their own HTML.
#[derive(Debug, Clone, Copy)]
pub struct AssetBytes {
    /// What every page loads: the stylesheet and the small scripts.
    pub page_assets: usize,
    /// The whole site's app: JS glue and WASM.
    pub app: usize,
    /// The calculator pages' own app (`src/calculators_app.rs`).
    pub calculators_app: usize,
    /// The first stage of a calculator opened from a link with inputs (`crates/figures`).
    pub figures: usize,
}
