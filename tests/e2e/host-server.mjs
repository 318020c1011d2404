// Another site's pages, for the embed tests (specs/embeds.spec.js): served
// on each port of PORTS at http://localhost:<port>, a different site from
// the quire site at http://127.0.0.1:4173. `/host?snippet=…` is an article
// with the given HTML (an "Embed this calculator" snippet, as an author
// would paste it) between two paragraphs; `spacer=<px>` puts that much text
// height above it, as a long article would. Test-only: it echoes its input.
import { createServer } from 'node:http';

const ports = (process.env.PORTS ?? '4174,4175').split(',').map(Number);

function page(url) {
  const snippet = url.searchParams.get('snippet') ?? '';
  const spacer = Number(url.searchParams.get('spacer') ?? 0);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>A partner's newsletter</title>
<link rel="icon" href="data:,">
<style>
body { font: 17px/1.5 Georgia, serif; margin: 0 auto; max-width: 48rem; padding: 1rem; }
.spacer { height: ${spacer}px; background: #eef; }
</style>
</head>
<body>
<h1>This week: unit economics</h1>
<p>Before you raise your ad budget, check what each channel returns.</p>
${spacer ? '<div class="spacer"></div>' : ''}
${snippet}
<p id="after">Thanks for reading. See you next week.</p>
</body>
</html>`;
}

function answer(port) {
  return (req, res) => {
    const url = new URL(req.url, `http://localhost:${port}`);
    if (url.pathname === '/host') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page(url));
    }
    res.writeHead(url.pathname === '/' ? 200 : 404, { 'content-type': 'text/plain' });
    res.end(url.pathname === '/' ? 'host' : 'not found');
  };
}

// `localhost` may resolve to either loopback address: answer on both.
for (const port of ports) {
  createServer(answer(port)).listen(port, '127.0.0.1');
  createServer(answer(port))
    .on('error', () => {})
    .listen(port, '::1');
}
