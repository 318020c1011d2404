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
    write_site_with(site, root, None)
}

/// [`write_site`], taking unchanged files from `store` (see [`ContentStore`]).
pub fn write_site_with(
    site: &CompiledSite,
    root: &Path,
    store: Option<&ContentStore>,
) -> io::Result<WriteStats> {
    fs::create_dir_all(root)?;
    let stats = write_bundles_with(site, &root.join(CONTENT_DIR), store)?;
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
/// were already there (in the store, or else in the previous tree) and were
/// linked from it instead.
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
    write_bundles_with(site, out_dir, None)
}

/// [`write_bundles`], taking unchanged files from `store` rather than from
/// the previous tree, and then pruning what no output holds any more.
pub fn write_bundles_with(
    site: &CompiledSite,
    out_dir: &Path,
    store: Option<&ContentStore>,
) -> io::Result<WriteStats> {
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
    let mut writer = TreeWriter::new(&staging, out_dir, &site.index.build);
    writer.store = store.cloned();
    let result = write_tree(site, &writer)
        .and_then(|()| swap_into_place(&staging, out_dir, &previous))
        .map(|()| writer.stats());
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    let stats = result?;
    if let Some(store) = store {
        store.prune()?;
    }
    Ok(stats)
}

/// A content-addressed store of output files, kept between builds (under
/// `target/quire-cache/content`): each file is named by a hash of its bytes,
/// and every output takes its files from the store by hard link.
///
/// Why: a release build writes into Trunk's new, empty staging directory,
/// and Trunk then deletes the previous `dist/`, so there is no previous tree
/// to link from ([`TreeWriter`]), and each build created all of a large
/// site's files right after the last one deleted as many. On ext4 that is
/// slow: a new inode is not given out while a recently deleted one is still
/// dirty, so creation walks past every one of them (measured: 22,000 files
/// written right after deleting as many took 6.9 s with 7.9 s of system
/// time; 3.6 s when nothing had been deleted). With the store, an unchanged
/// file is a link (no inode, no data), and deleting an old output frees no
/// inode the store still holds.
///
/// The files of an output share their bytes with the store, so an entry is
/// compared with the bytes it stands for before it is linked again.
#[derive(Debug, Clone)]
pub struct ContentStore {
    dir: PathBuf,
}

impl ContentStore {
    pub fn new(dir: &Path) -> Self {
        ContentStore {
            dir: dir.to_path_buf(),
        }
    }

    /// Puts `bytes` at `target` as a link to the store's copy, adding the
    /// copy if the store has none. `Ok(true)` if the copy was there already.
    fn link(&self, target: &Path, bytes: &[u8]) -> io::Result<bool> {
        let name = format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes));
        let (folder, file) = name.split_at(2);
        let folder = self.dir.join(folder);
        let entry = folder.join(file);
        // Compared byte for byte: a file of an output edited in place edits
        // the store's copy too, which is then replaced, not linked again.
        let there = fs::metadata(&entry)
            .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && fs::read(&entry).is_ok_and(|stored| stored == bytes);
        if !there {
            // Written aside and renamed, so a build running beside this one
            // never links a half-written file.
            static NEXT: AtomicUsize = AtomicUsize::new(0);
            fs::create_dir_all(&folder)?;
            let aside = folder.join(format!(
                ".{file}.{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            ));
            fs::write(&aside, bytes)?;
            fs::rename(&aside, &entry)?;
        }
        // Another build may prune the entry between the two steps, and a
        // file system may have no hard links: the file is written then.
        if fs::hard_link(&entry, target).is_err() {
            fs::write(target, bytes)?;
        }
        Ok(there)
    }

    /// Removes the files no output links to any more (a link count of one:
    /// the store's own). An output that is still there (the `dist/` Trunk
    /// replaces after this build) keeps its files until a later build.
    pub fn prune(&self) -> io::Result<usize> {
        let folders = match fs::read_dir(&self.dir) {
            Ok(folders) => folders,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e),
        };
        let folders: Vec<PathBuf> = folders
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.is_dir())
            .collect();
        let pruned = AtomicUsize::new(0);
        folders
            .par_iter()
            .try_for_each(|folder| -> io::Result<()> {
                for entry in fs::read_dir(folder)? {
                    let path = entry?.path();
                    if links(&path) == Some(1) {
                        fs::remove_file(&path)?;
                        pruned.fetch_add(1, Ordering::Relaxed);
                    }
                }
                Ok(())
            })?;
        Ok(pruned.into_inner())
    }
}

#[cfg(unix)]
fn links(path: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    fs::symlink_metadata(path).ok().map(|m| m.nlink())
}

/// Without link counts nothing is known to be unused: the store keeps all.
#[cfg(not(unix))]
fn links(_: &Path) -> Option<u64> {
    None
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
    store: Option<ContentStore>,
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
            store: None,
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
        if let Some(store) = &self.store {
            let counter = if store.link(&target, bytes)? {
                &self.reused
            } else {
                &self.written
            };
            counter.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
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
