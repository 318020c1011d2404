// The framed side of quire's embeds, loaded by every /embed/calculators/…
// page (the build adds it). It follows `theme=`, keeps the snippet's
// `partner=`, learns which site frames the page (for the lead, which reads
// `data-embedded-on` and `data-partner` from <html>), and reports the page's
// height to that site's embed script. It answers only its parent window, and
// only an origin the site allows to frame it (the `quire-embed-origins` meta
// the build writes from `[embeds] allowed_origins`), and sends the height to
// that origin alone. The protocol: crates/model/src/embed.rs.
(function () {
  'use strict';
  var root = document.documentElement;
  var params = new URLSearchParams(location.search);
  var theme = params.get('theme');
  if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
  var partner = (params.get('partner') || '').trim().slice(0, 100);
  if (partner) root.setAttribute('data-partner', partner);
  if (window.parent === window) return;

  var meta = document.querySelector('meta[name="quire-embed-origins"]');
  var allowed = meta ? meta.content.split(' ').filter(Boolean) : [];
  var own = location.origin;
  function allows(origin) {
    return origin === own || allowed.indexOf('*') >= 0 || allowed.indexOf(origin) >= 0;
  }
  function credit(origin) {
    if (origin && origin !== own && allows(origin)) root.setAttribute('data-embedded-on', origin);
  }

  // Until the host's script says hello (or if the snippet's script was left
  // out): the browser's own word for who frames the page.
  if (location.ancestorOrigins && location.ancestorOrigins.length) {
    credit(location.ancestorOrigins[0]);
  } else if (document.referrer) {
    try {
      credit(new URL(document.referrer).origin);
    } catch (e) {}
  }

  var host = null;
  var reported = 0;
  // Heights are reported once the app has drawn the page (it replaces the
  // prerendered one, which has no results yet): one resize, not two.
  var drawn = root.getAttribute('data-app') === 'ready';
  if (!drawn) {
    var settle = function () {
      drawn = true;
      report();
    };
    new MutationObserver(function (records, observer) {
      if (root.getAttribute('data-app') === 'ready') {
        observer.disconnect();
        settle();
      }
    }).observe(root, { attributes: true, attributeFilter: ['data-app'] });
    // An app that cannot start leaves the prerendered page: size to that.
    setTimeout(settle, 10000);
  }
  function report() {
    if (!host || !drawn) return;
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height !== reported) {
      reported = height;
      window.parent.postMessage({ quire: 'height', height: height }, host);
    }
  }
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.source !== window.parent || !data || data.quire !== 'hello') return;
    if (!allows(event.origin)) return;
    host = event.origin;
    credit(host);
    reported = 0;
    report();
  });
  if (window.ResizeObserver) new ResizeObserver(report).observe(root);
})();
