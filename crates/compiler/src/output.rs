//! Writing bundles so that the output directory is either the complete new
//! tree or left as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use quire_model::CONTENT_DIR;
use quire_model::{list_bundle_file, page_bundle_file, post_bundle_file, INDEX_FILE};
use quire_search::index::BuiltIndex;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::CompiledSite;

/// Writes the whole compiled site under `root`: bundles into `root/content/`
/// (replaced as one tree) and the feeds, sitemap and robots.txt beside it
/// (each written to a temporary name, then renamed into place).
pub fn write_site(site: &CompiledSite, root: &Path) -> io::Result<WriteStats> {
    fs::create_dir_all(root)?;
    let stats = write_bundles(site, &root.join(CONTENT_DIR))?;
    for (name, contents) in &site.root_files {
        let temporary = root.join(format!(".{name}.new-{}", std::process::id()));
        fs::write(&temporary, contents)?;
        fs::rename(&temporary, root.join(name))?;
    }
    Ok(stats)
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

/// What writing the bundles did: files written anew, and files whose bytes
/// were already in the previous tree and were linked from it instead.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub reused: usize,
}

/// Writes `site`'s bundles into `out_dir`, replacing whatever was there.
///
/// Everything is first written to a sibling temporary directory, which is then
/// renamed into place; a failure midway leaves `out_dir` untouched. A file
/// whose bytes are the same as the previous tree's is hard-linked from it
/// rather than written again (see [`TreeWriter`]).
pub fn write_bundles(site: &CompiledSite, out_dir: &Path) -> io::Result<WriteStats> {
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

    if staging.exists() {
        remove_tree(&staging)?;
    }
    let writer = TreeWriter::new(&staging, out_dir, &site.index.build);
    let result = write_tree(site, &writer)
        .and_then(|()| swap_into_place(&staging, out_dir, &previous))
        .map(|()| writer.stats());
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

/// Puts files into a new tree, taking each one whose bytes did not change
/// from the previous tree by a hard link.
///
/// Why: a rebuild of a large site rewrote tens of thousands of files and
/// then deleted as many. On ext4 that churn is most of the build: a new
/// inode is not given out while a recently deleted one is still dirty, so
/// creating files right after a mass delete walks past every one of them
/// (measured: 22,000 files took 5-13 s to write, with 23 s of system time,
/// against a 4-5 s compile). A link allocates no inode and writes no data,
/// and deleting the old tree then frees only what really changed. Bundles
/// carry no build id in their bytes, so after an edit nearly every file is
/// reused even though the build directory's name changed.
pub struct TreeWriter {
    dir: PathBuf,
    build: String,
    previous: Option<(PathBuf, String)>,
    written: AtomicUsize,
    reused: AtomicUsize,
}

impl TreeWriter {
    /// A writer into `dir` for build `build`, reusing `previous` (a content
    /// directory written before, if its index names its build).
    pub fn new(dir: &Path, previous: &Path, build: &str) -> Self {
        #[derive(Deserialize)]
        struct BuildOnly {
            build: String,
        }
        let previous_build = fs::read(previous.join(INDEX_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<BuildOnly>(&bytes).ok())
            .map(|index| index.build)
            .filter(|build| !build.is_empty() && !build.contains(['/', '\\', '.']));
        TreeWriter {
            dir: dir.to_path_buf(),
            build: build.to_string(),
            previous: previous_build.map(|old| (previous.to_path_buf(), old)),
            written: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
        }
    }

    fn stats(&self) -> WriteStats {
        WriteStats {
            written: self.written.load(Ordering::Relaxed),
            reused: self.reused.load(Ordering::Relaxed),
        }
    }

    /// Where the previous tree kept the file that is `relative` in the new
    /// one: the same path, with the old build's directory for the new one's.
    fn previous_path(&self, relative: &str) -> Option<PathBuf> {
        let (root, old_build) = self.previous.as_ref()?;
        let in_build = relative
            .strip_prefix(self.build.as_str())
            .and_then(|rest| rest.strip_prefix('/'));
        Some(match in_build {
            Some(rest) => root.join(old_build).join(rest),
            None => root.join(relative),
        })
    }

    /// Puts `bytes` at `relative` (a `/`-separated path under the tree).
    pub fn put(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        let target = self.dir.join(relative);
        if let Some(old) = self.previous_path(relative) {
            let same = fs::metadata(&old)
                .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
                && fs::read(&old).is_ok_and(|old_bytes| old_bytes == bytes);
            // A file system without hard links still gets the file written.
            if same && fs::hard_link(&old, &target).is_ok() {
                self.reused.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
        }
        fs::write(&target, bytes)?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn put_json(&self, relative: &str, value: &impl Serialize) -> io::Result<()> {
        let json = serde_json::to_vec(value).map_err(io::Error::other)?;
        self.put(relative, &json)
    }

    fn create_dir(&self, relative: &str) -> io::Result<()> {
        fs::create_dir_all(self.dir.join(relative))
    }
}

// Bundles are serialized and written in parallel: a large site has tens
// of thousands of files, and one core alone spent most of the write there.
fn write_tree(site: &CompiledSite, out: &TreeWriter) -> io::Result<()> {
    let build = &site.index.build;
    out.create_dir(&format!("{build}/posts"))?;
    out.create_dir(&format!("{build}/pages"))?;
    out.put_json(INDEX_FILE, &site.index)?;
    site.posts
        .par_iter()
        .try_for_each(|bundle| out.put_json(&post_bundle_file(build, &bundle.post.slug), bundle))?;
    site.pages
        .par_iter()
        .try_for_each(|bundle| out.put_json(&page_bundle_file(build, &bundle.slug), bundle))?;
    let lists: Vec<(String, &quire_model::PostList)> = site
        .lists
        .iter()
        .map(|(key, list)| (list_bundle_file(build, key, list.page), list))
        .collect();
    let folders: std::collections::BTreeSet<&str> = lists
        .iter()
        .filter_map(|(path, _)| path.rsplit_once('/').map(|(folder, _)| folder))
        .collect();
    for folder in folders {
        out.create_dir(folder)?;
    }
    lists
        .par_iter()
        .try_for_each(|(path, list)| out.put_json(path, list))?;
    out.put_json(&quire_model::routes_file(build), &site.routes)?;
    out.put_json(
        &quire_model::redirect::redirects_file(build),
        &site.redirects,
    )?;
    write_search(&site.search, build, out)
}

fn write_search(search: &BuiltIndex, build: &str, out: &TreeWriter) -> io::Result<()> {
    use quire_search::index::{fragment_file, manifest_file, shared_file};
    out.create_dir(&format!("{build}/search"))?;
    out.create_dir(&shared_file(""))?;
    out.put_json(&manifest_file(build), &search.manifest)?;
    search
        .fragments
        .par_iter()
        .enumerate()
        .try_for_each(|(doc, fragment)| {
            out.put_json(&fragment_file(build, doc as u32), fragment)
        })?;
    search
        .files
        .par_iter()
        .try_for_each(|(name, bytes)| out.put(&shared_file(name), bytes))?;
    Ok(())
}

/// Directories inside the content directory that another step fills after
/// the bundles are written (image variants, `images::copy_variants`): each
/// new tree takes the previous one's, so that step only adds and prunes.
const CARRIED_DIRS: [&str; 1] = [crate::images::VARIANT_DIR];

fn swap_into_place(staging: &Path, out_dir: &Path, previous: &PathBuf) -> io::Result<()> {
    let carried: Vec<&str> = CARRIED_DIRS
        .into_iter()
        .filter(|dir| out_dir.join(dir).is_dir() && !staging.join(dir).exists())
        .collect();
    for dir in &carried {
        fs::rename(out_dir.join(dir), staging.join(dir))?;
    }
    let put_back = || {
        for dir in &carried {
            let _ = fs::rename(staging.join(dir), out_dir.join(dir));
        }
    };
    if out_dir.exists() {
        if let Err(e) = fs::rename(out_dir, previous) {
            put_back();
            return Err(e);
        }
    }
    if let Err(e) = fs::rename(staging, out_dir) {
        // Put the old tree back rather than leave nothing.
        let _ = fs::rename(previous, out_dir);
        put_back();
        return Err(e);
    }
    if previous.exists() {
        remove_tree(previous)?;
    }
    Ok(())
}

/// Puts `from` at `to` as a hard link (a copy across file systems), unless
/// `to` already is that very file: a rebuild with nothing new touches nothing.
pub fn link_or_copy(from: &Path, to: &Path) -> io::Result<()> {
    if is_same_file(from, to) {
        return Ok(());
    }
    let _ = fs::remove_file(to);
    if fs::hard_link(from, to).is_err() {
        fs::copy(from, to)?;
    }
    Ok(())
}

#[cfg(unix)]
fn is_same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_same_file(_: &Path, _: &Path) -> bool {
    false
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
