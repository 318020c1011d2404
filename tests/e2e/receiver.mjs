// A lead receiver for the end-to-end tests, standing in for an n8n or other
// webhook. Tests script its answers per email address, so parallel tests do
// not see each other's leads:
//   POST /script {"email": "...", "answers": [500, 200]}  answers in turn, then 200
//   POST /leads  <a lead>                                 what the app sends
//   GET  /received?email=...                              every attempt for that email
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8788);
const scripts = new Map();
const received = new Map();

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, GET, OPTIONS',
  'access-control-allow-headers': 'content-type',
};

function body(request) {
  return new Promise((resolve) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => resolve(text));
  });
}

function send(response, status, payload) {
  response.writeHead(status, { ...cors, 'content-type': 'application/json' });
  response.end(JSON.stringify(payload));
}

createServer(async (request, response) => {
  const url = new URL(request.url, `http://127.0.0.1:${port}`);
  if (request.method === 'OPTIONS') {
    response.writeHead(204, cors);
    return response.end();
  }
  if (request.method === 'GET' && url.pathname === '/') return send(response, 200, { ok: true });
  if (request.method === 'POST' && url.pathname === '/script') {
    const { email, answers } = JSON.parse(await body(request));
    scripts.set(email, [...answers]);
    return send(response, 200, { ok: true });
  }
  if (request.method === 'GET' && url.pathname === '/received') {
    return send(response, 200, received.get(url.searchParams.get('email')) ?? []);
  }
  if (request.method === 'POST' && url.pathname === '/leads') {
    let lead;
    try {
      lead = JSON.parse(await body(request));
    } catch {
      return send(response, 400, { error: 'not JSON' });
    }
    const answer = scripts.get(lead.email)?.shift() ?? 200;
    const attempts = received.get(lead.email) ?? [];
    attempts.push({ status: answer, lead });
    received.set(lead.email, attempts);
    if (answer === 400) return send(response, 400, { error: 'the email domain does not accept mail' });
    return send(response, answer, { ok: answer < 300 });
  }
  send(response, 404, { error: 'no such route' });
}).listen(port, '127.0.0.1');
