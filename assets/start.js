// Starts the app (the WebAssembly) when the page needs it.
//
// Every page is prerendered and reads as it is, links included; the app adopts
// it (hydrates) to add navigation without reloads, the theme toggle, search as
// you type, copy buttons and calculators. The search page and embedded
// calculators start it at once, and so does any page while a lead waits to
// be sent. Other pages, calculators among them, start it when the reader
// first reaches for a link, control or field (a pointer
// over it, a touch, a key, focus), so a reader who only reads never downloads
// it. What they do in the meantime is kept: text typed, boxes ticked, choices
// and files picked, and the last button pressed (or form sent) are handed to
// the app once it runs.
const app = document.getElementById('quire-app');
const prerendered = document.getElementById('prerendered');
const INTERACTIVE = 'a[href], button, input, select, textarea, summary, label, [tabindex]';
const INTENTS = ['pointerover', 'pointerdown', 'touchstart', 'keydown', 'focusin'];
const LEADS_KEY = 'quire.leads.v1'; // src/lead_queue.rs
const SEARCH_ID = 'site-search'; // src/components/site_search.rs
const TYPING = 'input, textarea, select, [contenteditable]';
const CONTROLS = 'input, textarea, select, button';

let started = false;
let pressed = null;
let focused = null;
// Each control the reader changed, in the order of their last change, and
// what they made of it.
const changed = new Map();

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

// Where a control is, so its counterpart is found on a page the app drew
// again: its id, else its place among the page's controls (the app draws
// the page from the same state, so in the same order).
function place(element) {
  return {
    element,
    id: element.id,
    index: Array.prototype.indexOf.call(document.querySelectorAll(CONTROLS), element),
  };
}

function onClick(event) {
  const button = event.target.closest?.('button');
  if (button) pressed = place(button);
}

// A form of the app's sent before the app runs would reload the page with
// its fields in the address: it is held, and its button pressed for the
// reader once the app runs. A form with an action (site search) works
// without the app, so it goes.
function onSubmit(event) {
  if (event.target.hasAttribute('action')) return;
  event.preventDefault();
  const button = event.submitter || event.target.querySelector('button:not([type=button])');
  if (button) pressed = place(button);
}

function onFocus(event) {
  focused = place(event.target);
}

function onChange(event) {
  const field = event.target;
  if (!field.matches?.('input, textarea, select')) return;
  const state =
    field.type === 'checkbox' || field.type === 'radio'
      ? { checked: field.checked }
      : field.type === 'file'
        ? { files: field.files }
        : { value: field.value };
  // Its place is taken once: it does not move before the app runs.
  const placed = changed.get(field) ?? place(field);
  changed.delete(field);
  changed.set(field, { ...placed, state });
}

// The element the app drew in place of the one at `placed`: itself when
// the app adopted the page; when it drew the page again and swapped it in
// (a calculator page, an address with a query), its counterpart there.
function current(placed) {
  if (!placed) return null;
  if (placed.element.isConnected) return placed.element;
  if (placed.id) return document.getElementById(placed.id);
  return placed.index >= 0 ? document.querySelectorAll(CONTROLS)[placed.index] || null : null;
}

function restore(field, state) {
  if ('checked' in state) {
    field.checked = state.checked;
  } else if ('files' in state) {
    field.files = state.files;
  } else {
    field.value = state.value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
  field.dispatchEvent(new Event('change', { bubbles: true }));
}

// What the reader does before the app runs, watched until it does.
const WATCHED = [
  ['click', onClick],
  ['submit', onSubmit],
  ['input', onChange],
  ['change', onChange],
  ['focusin', onFocus],
];

function handOver() {
  for (const [type, listener] of WATCHED) removeEventListener(type, listener, true);
  for (const placed of changed.values()) {
    const field = current(placed);
    if (field) restore(field, placed.state);
  }
  // A swap takes the focus with the old page: the reader keeps their place.
  const field = current(focused);
  if (field && field !== focused?.element && document.activeElement === document.body) field.focus();
  const button = current(pressed);
  if (button) button.click();
}

if (!ready()) {
  for (const [type, listener] of WATCHED) addEventListener(type, listener, true);
  new MutationObserver((_, observer) => {
    if (ready()) {
      observer.disconnect();
      handOver();
    }
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-app'] });
}

// A calculator opened from a shared link (`?revenue=…`) needs its figures
// worked out, which a small first stage does (crates/figures: about 65 KB
// where the app is 350 KB): it puts the link's inputs in the form and
// writes the results. The app then starts as on a blank form, on the
// reader's first reach for a control, or when they near what it draws
// under the results (charts, tables), a screen ahead so it is there first.
function figuresFirst() {
  const { figuresGlue, figuresWasm } = app.dataset;
  if (!figuresGlue) return start();
  import(figuresGlue)
    .then(async (figures) => {
      await figures.default({ module_or_path: figuresWasm });
      // False on a page with no figures to work out (the cohort analysis).
      if (figures.fill() && !started) startNear();
    })
    .catch((error) => {
      console.warn('quire: the figures could not be worked out', error);
      start();
    });
}

function startNear() {
  // The first part under the results that takes up room: a chart's place
  // stays in the page, hidden, while the form has nothing to draw in it.
  let below = prerendered.querySelector('.calculator-results')?.nextElementSibling;
  while (below?.hidden) below = below.nextElementSibling;
  if (!below) return;
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        start();
      }
    },
    { rootMargin: '0px 0px 100% 0px' },
  );
  observer.observe(below);
}

// After the page's first paint: the reader sees it before a download and
// start-up compete for the connection and the main thread.
function afterFirstPaint(run) {
  requestAnimationFrame(() => setTimeout(run, 0));
}

const startNow = !prerendered || prerendered.dataset.start === 'now' || leadsWaiting();
if (startNow) {
  // A page framed by another site (an embedded calculator) may be below
  // that site's first screen, where the browser paints nothing and runs no
  // animation frames: it starts at once, so it is drawn (and sized) before
  // the reader scrolls to it.
  if (window.parent !== window) setTimeout(start, 0);
  else afterFirstPaint(start);
} else {
  listenForIntent();
  if (prerendered.dataset.start === 'with-query' && location.search.length > 1) afterFirstPaint(figuresFirst);
}
