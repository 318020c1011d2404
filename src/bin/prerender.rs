//! Prints each route path read from stdin (one per line) prerendered, as a
//! JSON object `{path: PrerenderedPage}`. Run by `cargo xtask build` after
//! Trunk: `prerender <dist>`.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::PathBuf;

fn main() {
    let Some(dist) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: prerender <dist> < paths");
        std::process::exit(2);
    };
    quire::prerender::prerender_from(dist);
    let mut pages = BTreeMap::new();
    for path in std::io::stdin().lock().lines() {
        let path = path.expect("paths on stdin are UTF-8 lines");
        let path = path.trim();
        if !path.is_empty() {
            pages.insert(path.to_string(), quire::prerender::render(path));
        }
    }
    println!(
        "{}",
        serde_json::to_string(&pages).expect("strings always serialize")
    );
}
