//! Compiles a site directory into an output directory and prints the time
//! and the size of the site bundle as JSON. Run by `cargo xtask bench-content`.
//!
//! With a third argument (an image cache directory) it also makes the image
//! variants and puts them into the output, and with a fourth (a content
//! store) it links unchanged files from that store, as `cargo xtask build`
//! does.

use std::path::PathBuf;
use std::time::Instant;

use quire_compiler::images::{copy_variants, encode_variants};
use quire_compiler::{compile_site, write_site_with, CompileOptions, ContentStore};

fn main() {
    let mut args = std::env::args().skip(1).map(PathBuf::from);
    let (Some(site), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: compile_dir <site dir> <out dir> [image cache dir [content store dir]]");
        std::process::exit(2);
    };
    let image_cache = args.next();
    let store = args.next().map(|dir| ContentStore::new(&dir));
    let started = Instant::now();
    let compiled = match compile_site(&site, CompileOptions::default()) {
        Ok(compiled) => compiled,
        Err(problems) => {
            eprintln!("{problems}");
            std::process::exit(1);
        }
    };
    let compiled_at = started.elapsed().as_secs_f64();
    let images = image_cache.as_ref().map(|cache| {
        encode_variants(&compiled.images, cache).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1);
        })
    });
    let encoded_at = started.elapsed().as_secs_f64();
    let files =
        write_site_with(&compiled, &out, store.as_ref()).expect("writable output directory");
    if let Some(cache) = &image_cache {
        copy_variants(&compiled.images, cache, &out).expect("writable output directory");
    }
    let split: Vec<String> = compiled
        .phases
        .iter()
        .map(|(name, took)| format!("{name} {:.2}", took.as_secs_f64()))
        .collect();
    eprintln!(
        "compile {compiled_at:.2}s ({}), images {:.2}s ({}), write {:.2}s ({} files written, {} unchanged)",
        split.join(", "),
        encoded_at - compiled_at,
        images.map_or("off".to_string(), |i| format!(
            "{} encoded, {} unchanged",
            i.encoded, i.reused
        )),
        started.elapsed().as_secs_f64() - encoded_at,
        files.written,
        files.reused
    );
    let seconds = started.elapsed().as_secs_f64();
    let index_bytes = std::fs::metadata(out.join("content/index.json"))
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        r#"{{"posts": {}, "seconds": {seconds}, "index_bytes": {index_bytes}}}"#,
        compiled.posts.len()
    );
}
