// A static file server for dist/ that behaves like Netlify: a forced rule of
// dist/_redirects (status with `!`, as quire writes for old addresses)
// applies first; then a real file wins; otherwise the first matching rule
// applies (only the forms quire ships: exact paths and `/prefix/*` splats);
// otherwise 404. The headers of dist/_headers apply, the Content-Security-Policy
// among them. Used by the end-to-end tests, so deep links are tested the
// way a CDN serves them, not the way a dev server does. With COMPRESS=1 it
// also answers in brotli where the browser accepts it, as CDNs do (for
// `cargo xtask lighthouse`; the tests do not need it). A request for a page
// with `x-trickle: <bytes>` gets it in pieces of that size, 20 ms apart, as a
// slow network delivers it: the browser paints each part it has parsed, so a
// test can see what moves while a page arrives.
import { createServer } from 'node:http';
import { brotliCompressSync, constants } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(process.env.DIST_DIR ?? join(fileURLToPath(new URL('.', import.meta.url)), '../../dist'));
const port = Number(process.env.PORT ?? 4173);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

async function readRules() {
  try {
    const text = await readFile(join(root, '_redirects'), 'utf8');
    return text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => {
        const [from, to, status = '301'] = line.split(/\s+/);
        return { from, to, status: Number(status.replace('!', '')), forced: status.endsWith('!') };
      });
  } catch {
    return [];
  }
}

// dist/_headers, Netlify's format: a path line, then indented `Name: value`
// lines. Every matching rule's headers apply; a header two rules set is
// joined with a comma, as Cloudflare Pages does (for a
// Content-Security-Policy that means both policies are enforced: the
// stricter of the two hosts' ways, so the framing rules are tested under it).
async function readHeaderRules() {
  try {
    const text = await readFile(join(root, '_headers'), 'utf8');
    const out = [];
    for (const line of text.split('\n')) {
      if (!line.trim() || line.trim().startsWith('#')) continue;
      if (!/^\s/.test(line)) {
        out.push({ from: line.trim(), headers: {} });
      } else if (out.length) {
        const at = line.indexOf(':');
        out[out.length - 1].headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
      }
    }
    return out;
  } catch {
    return [];
  }
}

function matches(rule, path) {
  return rule.from.endsWith('/*') ? path.startsWith(rule.from.slice(0, -1)) : rule.from === path;
}

async function fileFor(path) {
  const candidate = normalize(join(root, decodeURIComponent(path)));
  if (!candidate.startsWith(root)) return null;
  for (const file of [candidate, join(candidate, 'index.html')]) {
    try {
      if ((await stat(file)).isFile()) return file;
    } catch {}
  }
  return null;
}

const compress = Boolean(process.env.COMPRESS);
// Compressed once per file: quality 11, as a build would precompress.
const compressed = new Map();

async function send(req, res, status, file) {
  let body = await readFile(file);
  const type = TYPES[extname(file)];
  const headers = { 'content-type': type ?? 'application/octet-stream' };
  if (compress && type && /\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
    if (!compressed.has(file)) {
      compressed.set(file, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    }
    body = compressed.get(file);
    headers['content-encoding'] = 'br';
    headers.vary = 'accept-encoding';
  }
  const trickle = Number(req.headers['x-trickle']);
  res.writeHead(status, headers);
  if (trickle > 0 && type?.startsWith('text/html') && !headers['content-encoding']) {
    for (let at = 0; at < body.length; at += trickle) {
      res.write(body.subarray(at, at + trickle));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return res.end();
  }
  res.end(body);
}

const rules = await readRules();
const headerRules = await readHeaderRules();
createServer(async (req, res) => {
  const path = new URL(req.url, 'http://localhost').pathname;
  for (const rule of headerRules.filter((r) => matches(r, path))) {
    for (const [name, value] of Object.entries(rule.headers)) {
      const before = res.getHeader(name);
      res.setHeader(name, before ? `${before}, ${value}` : value);
    }
  }
  const forced = rules.find((r) => r.forced && matches(r, path));
  if (forced && [301, 302].includes(forced.status)) {
    res.writeHead(forced.status, { location: forced.to });
    return res.end();
  }
  const file = await fileFor(path);
  if (file) return send(req, res, 200, file);
  const rule = rules.find((r) => !r.forced && matches(r, path));
  if (rule && rule.status === 200) {
    const target = await fileFor(rule.to);
    if (target) return send(req, res, 200, target);
  }
  if (rule && [301, 302].includes(rule.status)) {
    res.writeHead(rule.status, { location: rule.to });
    return res.end();
  }
  const notFound = await fileFor('/404.html');
  if (notFound) return send(req, res, 404, notFound);
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}`));
