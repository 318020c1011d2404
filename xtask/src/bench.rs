//! Benchmarks, run on demand (never as timed tests): they print measured
//! numbers side by side with the tool quire is compared against.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::process::{command, output_of, run};
use crate::workspace_root;

const COHORT_ROWS: usize = 1_000_000;
/// pandas release the comparison was written against.
const PANDAS: &str = "pandas==3.1.1";

/// `cargo xtask bench-cohort`: one million event rows, quire's native cohort
/// builder against pandas on the same file.
pub fn cohort() -> Result<()> {
    let dir = workspace_root().join("target/bench");
    std::fs::create_dir_all(&dir)?;
    let csv = dir.join("events-1m.csv");
    if !csv.exists() {
        eprintln!("generating {COHORT_ROWS} event rows in {}", csv.display());
        std::fs::write(&csv, synthetic_events(COHORT_ROWS, 60_000))?;
    }

    let quire = output_of(
        command("cargo")
            .args([
                "run",
                "--quiet",
                "--release",
                "--package",
                "quire-calc",
                "--example",
                "cohort_file",
                "--",
            ])
            .arg(&csv)
            .arg("5"),
    )
    .context("the native cohort benchmark failed")?;
    let python = ensure_pandas(&dir)?;
    let script = workspace_root().join("xtask/bench/cohort_pandas.py");
    let pandas = output_of(command(&python).arg(&script).arg(&csv).arg("3"))
        .context("the pandas benchmark failed")?;

    let quire: serde_json::Value = serde_json::from_str(&quire)?;
    let pandas: serde_json::Value = serde_json::from_str(&pandas)?;
    if quire["active_sum"] != pandas["active_sum"] || quire["cohorts"] != pandas["cohorts"] {
        bail!("quire and pandas disagree on the matrix: {quire} vs {pandas}");
    }
    let q = quire["best_seconds"].as_f64().unwrap_or(f64::NAN);
    let p = pandas["best_seconds"].as_f64().unwrap_or(f64::NAN);
    println!(
        "cohort matrix, {COHORT_ROWS} rows, {} cohorts, same result (checked)",
        quire["cohorts"]
    );
    println!(
        "  quire (native, release, best of 5): {:>8.1} ms",
        q * 1000.0
    );
    println!(
        "  pandas {} (best of 3):         {:>8.1} ms",
        pandas["pandas"].as_str().unwrap_or("?"),
        p * 1000.0
    );
    println!("  ratio: quire is {:.1}x faster (goal: at least 3x)", p / q);

    // The same file through the real page: release dist/, headless Chromium.
    crate::tools::ensure_test_tools()?;
    crate::build::build_release()?;
    let e2e = workspace_root().join("tests/e2e");
    let browser = output_of(
        command("node")
            .current_dir(&e2e)
            .arg(e2e.join("bench/cohort-page.mjs"))
            .arg(&csv)
            .arg("3"),
    )
    .context("the Chromium cohort benchmark failed")?;
    let browser: serde_json::Value = serde_json::from_str(&browser)?;
    println!(
        "  headless Chromium, the cohort page (file chosen to heatmap, best of 3): {:>8.1} ms (goal: at most 1,000 ms); longest gap between frames {:.0} ms; page says: {}",
        browser["best_seconds"].as_f64().unwrap_or(f64::NAN) * 1000.0,
        browser["longest_frame_gap_ms"].as_f64().unwrap_or(f64::NAN),
        browser["summary"].as_str().unwrap_or("?")
    );
    Ok(())
}

/// Visits per calculator in `bench-inp`: enough for a 75th percentile.
const INP_VISITS: usize = 8;
/// The responsiveness goal: interaction to next paint, the 75th percentile
/// of visits (as Core Web Vitals assess a page).
const INP_GOAL_MS: f64 = 100.0;

/// `cargo xtask bench-inp`: every calculator of the release build in
/// headless Chromium with the CPU slowed 4×, clicked into and typed into a
/// key at a time; the interaction to next paint of each visit (Event
/// Timing API), beside a page of plain HTML typed into the same way.
pub fn inp() -> Result<()> {
    crate::tools::ensure_test_tools()?;
    crate::build::build_release()?;
    let e2e = workspace_root().join("tests/e2e");
    let output = output_of(
        command("node")
            .current_dir(&e2e)
            .arg(e2e.join("bench/inp.mjs"))
            .arg(INP_VISITS.to_string()),
    )
    .context("the INP benchmark failed")?;
    let pages: Vec<serde_json::Value> = serde_json::from_str(&output)?;
    println!(
        "interaction to next paint, CPU slowed 4×, {INP_VISITS} visits each (a click into a field, select-all, five keys a second)"
    );
    println!(
        "{:<22} {:>9} {:>11} {:>9} {:>11} {:>11}",
        "page", "INP p75", "worst visit", "keys p75", "slowest key", "median"
    );
    let ms = |page: &serde_json::Value, key: &str| page[key].as_f64().unwrap_or(f64::NAN);
    let mut slow = Vec::new();
    for page in &pages {
        let name = page["name"].as_str().unwrap_or("?");
        let inp = ms(page, "inp_ms");
        println!(
            "{:<22} {:>9.0} {:>11.0} {:>9.0} {:>11.0} {:>11.0}",
            name,
            inp,
            ms(page, "worst_visit_inp_ms"),
            ms(page, "keystroke_inp_ms"),
            ms(page, "worst_keystroke_ms"),
            ms(page, "median_ms"),
        );
        let floor = page["floor"].as_bool().unwrap_or(false);
        if !floor && (inp.is_nan() || inp > INP_GOAL_MS) {
            slow.push(name.to_string());
        }
    }
    println!(
        "(the first row is this machine's floor: the same typing into plain HTML with no script)"
    );
    if slow.is_empty() {
        println!(
            "goal met: INP (75th percentile of visits) ≤ {INP_GOAL_MS:.0} ms on every calculator"
        );
    } else {
        println!(
            "goal missed (INP > {INP_GOAL_MS:.0} ms at the 75th percentile): {}",
            slow.join(", ")
        );
    }
    Ok(())
}

/// `cargo xtask bench-content`: a synthetic 10,000-post site compiled by
/// quire (with its image variants and social cards) and built by Hugo from
/// the same Markdown, both rebuilding into their previous output and into an
/// empty one; the cold and warm cost of images and cards; then the site
/// bundle's size at 50 and at 10,000 posts.
pub fn content(keep_caches: bool) -> Result<()> {
    ensure_hugo()?;
    run(command("cargo").args([
        "build",
        "--quiet",
        "--profile",
        "native",
        "--package",
        "quire-compiler",
        "--example",
        "compile_dir",
    ]))?;
    let quire = workspace_root().join("target/native/examples/compile_dir");
    let dir = workspace_root().join("target/bench");

    let mut index_sizes = Vec::new();
    for posts in [50, 10_000] {
        let site = dir.join(format!("site-{posts}"));
        // Named for what the generator writes, so a site from an older
        // generator (without images) is made again.
        let complete = site.join(".complete-with-figures");
        if !complete.exists() {
            eprintln!("generating a {posts}-post site in {}", site.display());
            let _ = std::fs::remove_dir_all(&site);
            synthetic_site(&site, posts)?;
            std::fs::write(&complete, "")?;
        }
        let out = dir.join(format!("quire-out-{posts}"));
        let report = output_of(command(&quire).arg(&site).arg(&out))
            .context("quire failed on the synthetic site")?;
        let report: serde_json::Value = serde_json::from_str(&report)?;
        index_sizes.push((posts, report["index_bytes"].as_u64().unwrap_or(0)));
        if posts < 10_000 {
            continue;
        }
        // Cold caches first (and reported), so every timed run below is a
        // build with cards and image variants on, as `cargo xtask build` does.
        let images_cache = dir.join("images-cache");
        let cards_cache = dir.join("cards-cache");
        let content_store = dir.join("content-store");
        if !(keep_caches && images_cache.exists() && cards_cache.exists()) {
            images(&site, &images_cache)?;
            cards(&out, &cards_cache)?;
            // Filled again by the first timed run, as a first build fills it.
            let _ = std::fs::remove_dir_all(&content_store);
        }
        let hugo_out = dir.join("hugo-out");
        // Each run's split, printed as it goes: the compiler's own line
        // (compile, images, write), then the cards.
        let quire_build = || -> Result<()> {
            let started = std::time::Instant::now();
            let output = command(&quire)
                .arg(&site)
                .arg(&out)
                .arg(&images_cache)
                .arg(&content_store)
                .output()?;
            if !output.status.success() {
                bail!("{}", String::from_utf8_lossy(&output.stderr));
            }
            let compiled = started.elapsed();
            let (_, heads) = crate::routes::route_heads(&out)?;
            let read = started.elapsed();
            crate::routes::write_cards(&out, &heads, &cards_cache)?;
            eprintln!(
                "    quire run: {} in {} ms; cards: route heads read in {} ms, cards linked in {} ms",
                String::from_utf8_lossy(&output.stderr).trim(),
                compiled.as_millis(),
                (read - compiled).as_millis(),
                (started.elapsed() - read).as_millis()
            );
            Ok(())
        };
        let hugo_build = || {
            run_quietly(
                command("hugo")
                    .arg("--source")
                    .arg(&site)
                    .arg("--destination")
                    .arg(&hugo_out)
                    .arg("--quiet"),
            )
        };
        let hugo_version = output_of(command("hugo").arg("version")).unwrap_or_default();
        let hugo_version = hugo_version
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");

        // As an author rebuilds (each tool's previous output is there), and
        // into an empty output directory (emptied before the clock starts).
        hugo_build()?;
        for emptied in [false, true] {
            let prepare = |dir: &Path| if emptied { empty(dir) } else { Ok(()) };
            let quire_runs = timed_runs(3, || prepare(&out), quire_build)?;
            let hugo_runs = timed_runs(3, || prepare(&hugo_out), hugo_build)?;
            println!(
                "content build, {posts} posts (same Markdown), {}, 3 wall-clock runs each:",
                if emptied {
                    "into an empty output directory"
                } else {
                    "rebuilding into the previous output"
                }
            );
            report_runs(
                "quire (native, cards and images on)",
                &quire_runs,
                "hugo",
                &hugo_runs,
                &hugo_version,
            );
        }
    }
    let (small, large) = (index_sizes[0].1 as f64, index_sizes[1].1 as f64);
    println!("site bundle (content/index.json): {} bytes at 50 posts, {} bytes at 10,000 posts ({:+.0}%; goal: within 10%)", small, large, (large / small - 1.0) * 100.0);
    Ok(())
}

/// The image variants of the 10,000-post site (one image in every tenth
/// post), as the build encodes them: from an empty cache, then a rebuild
/// with nothing changed, which must encode none.
fn images(site: &Path, cache: &Path) -> Result<()> {
    let _ = std::fs::remove_dir_all(cache);
    let options = quire_compiler::CompileOptions::default();
    let compiled = quire_compiler::compile_site(site, options)
        .map_err(|problems| anyhow::anyhow!("the synthetic site does not compile:\n{problems}"))?;
    let started = std::time::Instant::now();
    let cold = quire_compiler::images::encode_variants(&compiled.images, cache)?;
    let cold_ms = started.elapsed().as_millis();
    let started = std::time::Instant::now();
    let warm = quire_compiler::images::encode_variants(&compiled.images, cache)?;
    let warm_ms = started.elapsed().as_millis();
    report_cache(
        &format!("image variants, {} images", cold.sources),
        ("encoded", "variant"),
        (cold.encoded, cold_ms),
        (warm.encoded, warm.reused, warm_ms),
    )
}

/// Prints what a cached step did from an empty cache and again with
/// nothing changed (`done` is what it did to a `unit`, e.g. "drawn",
/// "card"); a warm run that did anything is an error.
fn report_cache(
    title: &str,
    (done, unit): (&str, &str),
    (cold, cold_ms): (usize, u128),
    (warm, reused, warm_ms): (usize, usize, u128),
) -> Result<()> {
    println!("{title}:");
    println!(
        "  cold (empty cache): {cold} {done} in {cold_ms} ms ({:.1} ms a {unit}, both cores)",
        cold_ms as f64 / cold.max(1) as f64
    );
    println!("  warm (nothing changed): {warm} {done}, {reused} reused in {warm_ms} ms");
    if warm > 0 {
        bail!("a rebuild with nothing changed still had {warm} {done}");
    }
    Ok(())
}

/// The social cards of the compiled 10,000-post site, as the release build
/// draws them: every card from an empty cache, then a rebuild with nothing
/// changed, which must draw none.
fn cards(out: &Path, cache: &Path) -> Result<()> {
    let _ = std::fs::remove_dir_all(cache);
    let (_, heads) = crate::routes::route_heads(out)?;
    let started = std::time::Instant::now();
    let cold = crate::routes::write_cards(out, &heads, cache)?;
    let cold_ms = started.elapsed().as_millis();
    let started = std::time::Instant::now();
    let warm = crate::routes::write_cards(out, &heads, cache)?;
    let warm_ms = started.elapsed().as_millis();
    report_cache(
        &format!("social cards, {} routes", heads.len()),
        ("drawn", "card"),
        (cold.drawn, cold_ms),
        (warm.drawn, warm.reused, warm_ms),
    )
}

fn ensure_hugo() -> Result<()> {
    if output_of(command("hugo").arg("version")).is_some() {
        return Ok(());
    }
    crate::tools::apt_install(&["hugo"])
}

fn run_quietly(cmd: &mut std::process::Command) -> Result<()> {
    let output = cmd.output()?;
    if !output.status.success() {
        bail!("{}", String::from_utf8_lossy(&output.stderr));
    }
    Ok(())
}

/// `runs` wall-clock timings of `job` in seconds, each after an untimed `prepare`.
fn timed_runs(
    runs: usize,
    prepare: impl Fn() -> Result<()>,
    job: impl Fn() -> Result<()>,
) -> Result<Vec<f64>> {
    (0..runs)
        .map(|_| {
            prepare()?;
            let started = std::time::Instant::now();
            job()?;
            Ok(started.elapsed().as_secs_f64())
        })
        .collect()
}

fn empty(dir: &Path) -> Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

/// Every run of both tools, the best-of ratio, and the strictest one: the
/// slowest quire run against the fastest of the other's.
fn report_runs(quire: &str, ours: &[f64], other: &str, theirs: &[f64], version: &str) {
    let list = |runs: &[f64]| {
        runs.iter()
            .map(|s| format!("{:.0}", s * 1000.0))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let best = |runs: &[f64]| runs.iter().cloned().fold(f64::INFINITY, f64::min);
    let worst = |runs: &[f64]| runs.iter().cloned().fold(0.0, f64::max);
    println!("  {quire}: {} ms", list(ours));
    println!("  {other} ({version}): {} ms", list(theirs));
    println!(
        "  ratio: best of each {:.2}x, slowest quire run against fastest {other} run {:.2}x (goal: at least 2x in every run)",
        best(theirs) / best(ours),
        best(theirs) / worst(ours)
    );
}

const WORDS: [&str; 24] = [
    "replication",
    "latency",
    "tenant",
    "backup",
    "index",
    "query",
    "cache",
    "budget",
    "cohort",
    "churn",
    "deploy",
    "metric",
    "schema",
    "vacuum",
    "throughput",
    "margin",
    "payload",
    "wasm",
    "request",
    "policy",
    "restore",
    "queue",
    "shard",
    "signal",
];

const CODE: [(&str, &str); 4] = [
    ("rust", "fn main() {\n    let total: u64 = (1..=10).sum();\n    println!(\"{total}\");\n}\n"),
    ("sql", "SELECT tenant_id, count(*)\nFROM invoices\nWHERE created_at > now() - interval '30 days'\nGROUP BY 1;\n"),
    ("python", "def retention(active, size):\n    return active / size if size else 0.0\n"),
    ("bash", "restic -r \"$REPO\" snapshots --latest 3\npg_dump -Fc app > app.dump\n"),
];

/// A site both quire and Hugo can build: `quire.toml`, `hugo.toml`, minimal
/// Hugo layouts, and `posts` Markdown files using only front matter both accept.
pub fn synthetic_site(dir: &Path, posts: usize) -> Result<()> {
    std::fs::create_dir_all(dir.join("content/posts"))?;
    std::fs::create_dir_all(dir.join("public/images"))?;
    std::fs::create_dir_all(dir.join("layouts/_default"))?;
    let topics = ["postgresql", "infrastructure", "growth"];
    let mut quire_toml =
        String::from("[site]\ntitle = \"Bench\"\nbase_url = \"https://bench.example\"\n");
    for topic in topics {
        let _ = write!(
            quire_toml,
            "\n[[topics]]\nslug = \"{topic}\"\nname = \"{topic}\"\n"
        );
    }
    std::fs::write(dir.join("quire.toml"), quire_toml)?;
    std::fs::write(
        dir.join("hugo.toml"),
        "baseURL = 'https://bench.example/'\ntitle = 'Bench'\ndisableKinds = ['taxonomy', 'term']\n\
         [markup.highlight]\nnoClasses = false\n",
    )?;
    std::fs::write(
        dir.join("layouts/_default/single.html"),
        "<html><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n",
    )?;
    std::fs::write(dir.join("layouts/_default/list.html"), "<html><body>{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</body></html>\n")?;
    std::fs::write(
        dir.join("layouts/index.html"),
        "<html><body>{{ range first 10 .Site.RegularPages }}{{ .Title }}{{ end }}</body></html>\n",
    )?;

    let mut state = 0x51_7e_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for n in 0..posts {
        let mut text = String::new();
        let sentence = |words: usize, next: &mut dyn FnMut() -> u64| {
            let mut s: Vec<&str> = (0..words)
                .map(|_| WORDS[(next() % WORDS.len() as u64) as usize])
                .collect();
            s[0] = "The";
            format!("{}.", s.join(" "))
        };
        let _ = writeln!(
            text,
            "---\ntitle: \"Post {n}: {} notes\"\ndate: {}-{:02}-{:02}\nsummary: \"{}\"\ntopic: {}\ntags: [{}, {}]\n---\n",
            WORDS[n % WORDS.len()],
            2020 + n % 6,
            n % 12 + 1,
            n % 28 + 1,
            sentence(12, &mut next),
            topics[n % topics.len()],
            WORDS[n % 7],
            WORDS[n % 11 + 7],
        );
        for section in 0..3 {
            let _ = writeln!(
                text,
                "## Section {section} on {}\n",
                WORDS[(n + section) % WORDS.len()]
            );
            for _ in 0..3 {
                let paragraph: Vec<String> = (0..5).map(|_| sentence(11, &mut next)).collect();
                let _ = writeln!(text, "{}\n", paragraph.join(" "));
            }
            let _ = writeln!(
                text,
                "### Details\n\n- first {}\n- second with `code`\n- third *emphasis*\n",
                WORDS[n % 5]
            );
        }
        let (language, code) = CODE[n % CODE.len()];
        let _ = writeln!(text, "```{language}\n{code}```\n");
        let _ = writeln!(
            text,
            "| metric | value |\n|---|---:|\n| rows | {} |\n| ms | {} |\n",
            next() % 10_000,
            next() % 500
        );
        if n > 0 {
            let _ = writeln!(
                text,
                "See also [an earlier post](/posts/post-{}).\n",
                next() as usize % n
            );
        }
        // One post in ten shows an image: an 800×420 PNG figure (as wide
        // as the text column at 2x), different in each post.
        if n % 10 == 0 {
            figure(n as u32)
                .save(dir.join(format!("public/images/post-{n}.png")))
                .with_context(|| format!("writing the figure of post {n}"))?;
            let _ = writeln!(text, "![Figure for post {n}](/images/post-{n}.png)\n");
        }
        std::fs::write(dir.join(format!("content/posts/post-{n}.md")), text)?;
    }
    Ok(())
}

/// A figure like a chart: bands of colour and a curve, shifted by `seed`.
fn figure(seed: u32) -> image::RgbImage {
    image::RgbImage::from_fn(800, 420, |x, y| {
        let curve = 210.0 + 120.0 * ((x as f32 + seed as f32 * 7.0) / 90.0).sin();
        if (y as f32 - curve).abs() < 3.0 {
            return image::Rgb([31, 78, 121]);
        }
        let band = ((x + seed * 13) / 40 % 6) as u8;
        let shade = (y * 60 / 420) as u8;
        image::Rgb([240 - shade - band * 8, 236 - shade, 226 - band * 12])
    })
}

/// A virtual environment under target/bench with pandas from PyPI.
fn ensure_pandas(dir: &Path) -> Result<PathBuf> {
    let venv = dir.join("venv");
    let python = venv.join("bin/python");
    if output_of(command(&python).args(["-c", "import pandas"])).is_none() {
        run(command("python3").args(["-m", "venv"]).arg(&venv))?;
        run(command(&python).args(["-m", "pip", "install", "--quiet", PANDAS]))?;
    }
    Ok(python)
}

/// Deterministic synthetic events: customer id, ISO date, revenue. Customers
/// join across 24 months and stay active for a geometric number of months,
/// so the matrix has the usual decaying shape.
pub fn synthetic_events(rows: usize, customers: u64) -> String {
    let mut state = 0x5eed_u64;
    // splitmix64: tiny, deterministic, and good enough for test data.
    let mut next = move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let mut out = String::with_capacity(rows * 28);
    out.push_str("customer_id,date,revenue\n");
    for _ in 0..rows {
        let customer = next() % customers;
        let start = customer % 24;
        // Each further month survives with probability 3/4.
        let mut months = 0;
        while months < 23 - start && next() % 4 != 0 {
            months += 1;
        }
        let month = start + months;
        let _ = writeln!(
            out,
            "cust{customer},{}-{:02}-{:02},{}.{:02}",
            2024 + month / 12,
            month % 12 + 1,
            next() % 28 + 1,
            next() % 500 + 5,
            next() % 100
        );
    }
    out
}

/// `cargo xtask bench-watch`: how long `serve` takes from an author saving a
/// post to the recompiled site being on disk, on a 100-post site.
pub fn watch() -> Result<()> {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Instant;

    const POSTS: usize = 100;
    const EDITS: usize = 7;
    let dir = workspace_root().join("target/bench");
    let site = dir.join(format!("watch-site-{POSTS}"));
    let out = dir.join("watch-out");
    let _ = std::fs::remove_dir_all(&site);
    synthetic_site(&site, POSTS)?;
    let first = crate::compile_into(&site, &out, true)?;
    println!("{first}");

    let stop = AtomicBool::new(false);
    let (done, compiled) = std::sync::mpsc::channel();
    let mut latencies = Vec::with_capacity(EDITS);
    std::thread::scope(|scope| -> Result<()> {
        let watcher = scope.spawn(|| {
            crate::watch::watch_content(&site, &out, &stop, |result| {
                let _ = done.send(result.map(|_| Instant::now()));
            })
        });
        // Let the watcher register before the first edit.
        std::thread::sleep(std::time::Duration::from_millis(500));
        let post = site.join("content/posts/post-7.md");
        let original = std::fs::read_to_string(&post)?;
        for edit in 0..EDITS {
            let saved = Instant::now();
            std::fs::write(&post, format!("{original}\nEdit number {edit}.\n"))?;
            let written = compiled
                .recv_timeout(std::time::Duration::from_secs(30))
                .context("the watcher did not recompile within 30 s")??;
            latencies.push(written.duration_since(saved));
            std::thread::sleep(std::time::Duration::from_millis(300));
        }
        stop.store(true, Ordering::Relaxed);
        watcher.join().expect("the watcher thread panicked")
    })?;
    latencies.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!(
        "watch, {POSTS}-post site, {EDITS} saves: save to recompiled output min {:.0} ms, median {:.0} ms, max {:.0} ms (goal: well under 1,000 ms)",
        ms(latencies[0]),
        ms(latencies[EDITS / 2]),
        ms(latencies[EDITS - 1]),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_events_are_deterministic_and_valid() {
        let a = synthetic_events(500, 50);
        assert_eq!(a, synthetic_events(500, 50));
        assert_eq!(a.lines().count(), 501);
        let table = quire_calc::cohort::from_csv(&a, quire_calc::cohort::Period::Month).unwrap();
        assert_eq!(table.rows, 500);
        assert!(table.customers <= 50);
    }
}
