// quire's embed script, for the page of another site that frames a quire
// calculator (the "Embed this calculator" snippet loads it). It sizes each
// `iframe[data-quire-embed]` to its content and tells the frame which site
// frames it, so a lead sent from it is credited to that site. Messages go
// only to the frame's own origin, and a height is taken only from the
// frame's own window and origin. The protocol: crates/model/src/embed.rs.
(function () {
  'use strict';
  if (window.quireEmbedScan) {
    // Loaded twice (two snippets on one page): look for new frames only.
    window.quireEmbedScan();
    return;
  }
  var frames = [];

  function originOf(frame) {
    try {
      return new URL(frame.src, location.href).origin;
    } catch (e) {
      return null;
    }
  }

  function hello(frame) {
    var origin = originOf(frame);
    // Before the frame's page has loaded, its window is still about:blank
    // (this page's origin), so the browser drops the message: no harm.
    if (origin && frame.contentWindow) {
      frame.contentWindow.postMessage({ quire: 'hello' }, origin);
    }
  }

  function adopt(frame) {
    if (frames.indexOf(frame) >= 0) return;
    frames.push(frame);
    frame.style.border = '0';
    frame.style.width = '100%';
    frame.style.display = 'block';
    frame.addEventListener('load', function () {
      hello(frame);
    });
    hello(frame);
  }

  function scan() {
    var found = document.querySelectorAll('iframe[data-quire-embed]');
    for (var i = 0; i < found.length; i++) adopt(found[i]);
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.quire !== 'height') return;
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (event.source === frame.contentWindow && event.origin === originOf(frame)) {
        var height = Math.ceil(Number(data.height));
        if (height > 0 && height < 100000) frame.style.height = height + 'px';
        return;
      }
    }
  });

  window.quireEmbedScan = scan;
  scan();
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', scan);
  }
})();
