//! Compiles a site directory into an output directory and prints the time
//! and the size of the site bundle as JSON. Run by `cargo xtask bench-content`.

use std::path::PathBuf;
use std::time::Instant;

use quire_compiler::{compile_site, write_site, CompileOptions};

fn main() {
    let mut args = std::env::args().skip(1).map(PathBuf::from);
    let (Some(site), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: compile_dir <site dir> <out dir>");
        std::process::exit(2);
    };
    let started = Instant::now();
    let compiled = match compile_site(&site, CompileOptions::default()) {
        Ok(compiled) => compiled,
        Err(problems) => {
            eprintln!("{problems}");
            std::process::exit(1);
        }
    };
    let compiled_at = started.elapsed().as_secs_f64();
    write_site(&compiled, &out).expect("writable output directory");
    eprintln!(
        "compile {compiled_at:.2}s, write {:.2}s",
        started.elapsed().as_secs_f64() - compiled_at
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
