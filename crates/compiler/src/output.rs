//! Writing bundles so that the output directory is either the complete new
//! tree or left as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use quire_model::CONTENT_DIR;
use quire_model::{list_bundle_file, page_bundle_file, post_bundle_file, INDEX_FILE};
use quire_search::index::BuiltIndex;
use rayon::prelude::*;
use serde::Serialize;

use crate::CompiledSite;

/// Writes the whole compiled site under `root`: bundles into `root/content/`
/// (replaced as one tree) and the feeds, sitemap and robots.txt beside it
/// (each written to a temporary name, then renamed into place).
pub fn write_site(site: &CompiledSite, root: &Path) -> io::Result<()> {
    fs::create_dir_all(root)?;
    write_bundles(site, &root.join(CONTENT_DIR))?;
    for (name, contents) in &site.root_files {
        let temporary = root.join(format!(".{name}.new-{}", std::process::id()));
        fs::write(&temporary, contents)?;
        fs::rename(&temporary, root.join(name))?;
    }
    Ok(())
}

/// Copies the site's static files (`public/`: images, favicon, `_redirects`,
/// `_headers`) into `root`, keeping their paths. A site without `public/` is fine.
pub fn copy_public(site_dir: &Path, root: &Path) -> io::Result<usize> {
    let public = site_dir.join("public");
    if !public.is_dir() {
        return Ok(0);
    }
    copy_tree(&public, root)
}

fn copy_tree(from: &Path, to: &Path) -> io::Result<usize> {
    fs::create_dir_all(to)?;
    let mut copied = 0;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copied += copy_tree(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)?;
            copied += 1;
        }
    }
    Ok(copied)
}

/// Writes `site`'s bundles into `out_dir`, replacing whatever was there.
///
/// Everything is first written to a sibling temporary directory, which is then
/// renamed into place; a failure midway leaves `out_dir` untouched.
pub fn write_bundles(site: &CompiledSite, out_dir: &Path) -> io::Result<()> {
    let parent = out_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let name = out_dir
        .file_name()
        .ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidInput, "output directory needs a name")
        })?
        .to_string_lossy();
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let previous = parent.join(format!(".{name}.old-{}", std::process::id()));

    let result =
        write_tree(site, &staging).and_then(|()| swap_into_place(&staging, out_dir, &previous));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

// Bundles are serialized and written in parallel: a large site has tens
// of thousands of files, and one core alone spent most of the write there.
fn write_tree(site: &CompiledSite, dir: &Path) -> io::Result<()> {
    if dir.exists() {
        remove_tree(dir)?;
    }
    fs::create_dir_all(dir)?;
    let build = &site.index.build;
    fs::create_dir_all(dir.join(build).join("posts"))?;
    fs::create_dir_all(dir.join(build).join("pages"))?;
    write_json(&dir.join(INDEX_FILE), &site.index)?;
    site.posts.par_iter().try_for_each(|bundle| {
        write_json(
            &dir.join(post_bundle_file(build, &bundle.post.slug)),
            bundle,
        )
    })?;
    site.pages.par_iter().try_for_each(|bundle| {
        write_json(&dir.join(page_bundle_file(build, &bundle.slug)), bundle)
    })?;
    let lists: Vec<(PathBuf, &quire_model::PostList)> = site
        .lists
        .iter()
        .map(|(key, list)| (dir.join(list_bundle_file(build, key, list.page)), list))
        .collect();
    let folders: std::collections::BTreeSet<&Path> =
        lists.iter().filter_map(|(path, _)| path.parent()).collect();
    for folder in folders {
        fs::create_dir_all(folder)?;
    }
    lists
        .par_iter()
        .try_for_each(|(path, list)| write_json(path, list))?;
    write_json(&dir.join(quire_model::routes_file(build)), &site.routes)?;
    write_json(
        &dir.join(quire_model::redirect::redirects_file(build)),
        &site.redirects,
    )?;
    write_search(&site.search, build, dir)
}

fn write_search(search: &BuiltIndex, build: &str, dir: &Path) -> io::Result<()> {
    use quire_search::index::{fragment_file, manifest_file, shared_file};
    fs::create_dir_all(dir.join(build).join("search"))?;
    fs::create_dir_all(dir.join(shared_file("")))?;
    write_json(&dir.join(manifest_file(build)), &search.manifest)?;
    search
        .fragments
        .par_iter()
        .enumerate()
        .try_for_each(|(doc, fragment)| {
            write_json(&dir.join(fragment_file(build, doc as u32)), fragment)
        })?;
    search
        .files
        .par_iter()
        .try_for_each(|(name, bytes)| fs::write(dir.join(shared_file(name)), bytes))?;
    Ok(())
}

fn swap_into_place(staging: &Path, out_dir: &Path, previous: &PathBuf) -> io::Result<()> {
    if out_dir.exists() {
        fs::rename(out_dir, previous)?;
    }
    if let Err(e) = fs::rename(staging, out_dir) {
        // Put the old tree back rather than leave nothing.
        let _ = fs::rename(previous, out_dir);
        return Err(e);
    }
    if previous.exists() {
        remove_tree(previous)?;
    }
    Ok(())
}

/// `fs::remove_dir_all`, with each directory's files removed in parallel.
fn remove_tree(dir: &Path) -> io::Result<()> {
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            folders.push(entry.path());
        } else {
            files.push(entry.path());
        }
    }
    files.par_iter().try_for_each(fs::remove_file)?;
    folders
        .par_iter()
        .try_for_each(|folder| remove_tree(folder))?;
    fs::remove_dir(dir)
}

fn write_json(path: &Path, value: &impl Serialize) -> io::Result<()> {
    let json = serde_json::to_vec(value).map_err(io::Error::other)?;
    fs::write(path, json)
}
