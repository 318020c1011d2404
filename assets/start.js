// Starts the app (the WebAssembly) when the page needs it.
//
// Every page is prerendered and reads as it is, links included; the app adopts
// it (hydrates) to add navigation without reloads, the theme toggle, search as
// you type, copy buttons and calculators. Calculator and search pages start it
// at once, and so does any page while a lead waits to be sent. Other pages
// start it when the reader first reaches for a link, control or field (a
// pointer over it, a touch, a key, focus), so a reader who only reads never
// downloads it. What they do in the meantime is kept: text typed into a field
// and the last button pressed are handed to the app once it runs.
const app = document.getElementById('quire-app');
const prerendered = document.getElementById('prerendered');
const INTERACTIVE = 'a[href], button, input, select, textarea, summary, label, [tabindex]';
const INTENTS = ['pointerover', 'pointerdown', 'touchstart', 'keydown', 'focusin'];
const LEADS_KEY = 'quire.leads.v1'; // src/lead_queue.rs
const SEARCH_ID = 'site-search'; // src/components/site_search.rs
const TYPING = 'input, textarea, select, [contenteditable]';

let started = false;
let pressed = null;
let focused = null;
const typed = new Map();

function ready() {
  return document.documentElement.dataset.app === 'ready';
}

function leadsWaiting() {
  try {
    const outbox = JSON.parse(localStorage.getItem(LEADS_KEY) || 'null');
    return Array.isArray(outbox?.pending) && outbox.pending.length > 0;
  } catch {
    return false;
  }
}

function start() {
  if (started) return;
  started = true;
  for (const type of INTENTS) removeEventListener(type, onIntent, true);
  import(app.dataset.glue)
    .then(({ default: init }) => init({ module_or_path: app.dataset.wasm }))
    .catch((error) => {
      // Offline, say: the page still reads and its links work; the next
      // reach for a control tries again.
      console.warn('quire: the app could not start', error);
      started = false;
      listenForIntent();
    });
}

function listenForIntent() {
  // Not passive: the `/` shortcut takes its key press.
  for (const type of INTENTS) addEventListener(type, onIntent, { capture: true });
}

function onIntent(event) {
  if (event.type !== 'pointerover' || event.target.closest?.(INTERACTIVE)) start();
  // The `/` shortcut (src/components/site_search.rs) works before the app does.
  const plain = !(event.ctrlKey || event.metaKey || event.altKey);
  if (event.type === 'keydown' && event.key === '/' && plain && !event.target.closest?.(TYPING)) {
    const search = document.getElementById(SEARCH_ID);
    if (search) {
      event.preventDefault();
      search.focus();
    }
  }
}

function onClick(event) {
  const button = event.target.closest?.('button');
  if (button) pressed = button;
}

function onFocus(event) {
  focused = event.target;
}

function onInput(event) {
  const field = event.target;
  if ('value' in field && field.type !== 'checkbox' && field.type !== 'radio') {
    typed.set(field, field.value);
  }
}

// The element the app drew in place of `element`: itself when the app
// adopted the page; when it drew the page again and swapped it in (a
// calculator page, an address with a query), the element with its id.
function current(element) {
  if (!element || element.isConnected) return element;
  return element.id ? document.getElementById(element.id) : null;
}

function handOver() {
  removeEventListener('click', onClick, true);
  removeEventListener('input', onInput, true);
  removeEventListener('focusin', onFocus, true);
  for (const [typedInto, value] of typed) {
    const field = current(typedInto);
    if (!field) continue;
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
  // A swap takes the focus with the old page: the reader keeps their place.
  const field = current(focused);
  if (field && field !== focused && document.activeElement === document.body) field.focus();
  const button = current(pressed);
  if (button) button.click();
}

if (!ready()) {
  addEventListener('click', onClick, true);
  addEventListener('input', onInput, true);
  addEventListener('focusin', onFocus, true);
  new MutationObserver((_, observer) => {
    if (ready()) {
      observer.disconnect();
      handOver();
    }
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-app'] });
}

if (!prerendered || prerendered.dataset.start === 'now' || leadsWaiting()) {
  // After the page's first paint: the reader sees it before the app's
  // download and start-up compete for the connection and the main thread.
  // A page framed by another site (an embedded calculator) may be below
  // that site's first screen, where the browser paints nothing and runs no
  // animation frames: it starts at once, so it is drawn (and sized) before
  // the reader scrolls to it.
  if (window.parent !== window) setTimeout(start, 0);
  else requestAnimationFrame(() => setTimeout(start, 0));
} else {
  listenForIntent();
}
