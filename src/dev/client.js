// Dossier dev client: reloads the page when a rebuild changed it and shows errors in an overlay.
// Styles are set through the CSSOM, which a Content-Security-Policy allows, unlike style attributes.
// Served by `dossier dev` only and injected into HTML responses; never written to disk.
(function () {
  var base = document.currentScript.getAttribute('data-base') || '/';
  var overlay = null;
  function show(items) {
    if (overlay) overlay.remove();
    overlay = null;
    if (!items.length) return;
    overlay = document.createElement('div');
    overlay.id = 'dossier-overlay';
    overlay.setAttribute('role', 'alert');
    overlay.style.cssText = 'position:fixed;inset:auto 1rem 1rem 1rem;max-height:50vh;overflow:auto;z-index:2147483647;background:#2b0d0d;color:#ffe9e9;font:14px/1.45 ui-monospace,monospace;padding:1rem 1.25rem;border-radius:8px;box-shadow:0 8px 30px rgba(0,0,0,.4)';
    var close = document.createElement('button');
    close.textContent = '×';
    close.setAttribute('aria-label', 'close');
    close.style.cssText = 'float:right;background:none;border:0;color:inherit;font-size:20px;cursor:pointer';
    close.onclick = function () { overlay.remove(); overlay = null; };
    overlay.appendChild(close);
    var title = document.createElement('strong');
    title.textContent = items.length + ' error' + (items.length === 1 ? '' : 's') + ' — the last good version of the page is shown';
    overlay.appendChild(title);
    items.forEach(function (d) {
      var row = document.createElement('div');
      row.className = 'dossier-diagnostic';
      row.style.cssText = 'margin-top:.6rem';
      var where = d.source.path + (d.source.line ? ':' + d.source.line + (d.source.column ? ':' + d.source.column : '') : '');
      row.textContent = where + '  ' + d.message + '  [' + d.code + ']' + (d.hint ? '\n  hint: ' + d.hint : '');
      row.style.whiteSpace = 'pre-wrap';
      overlay.appendChild(row);
    });
    document.body.appendChild(overlay);
  }
  var source = new EventSource(base + '__dossier/events');
  // A rebuild lists the pages it wrote or removed: only a page among them reloads (or every page, after a template or data change).
  source.addEventListener('reload', function (event) {
    var data = JSON.parse(event.data || '{}');
    var here = decodeURI(location.pathname).replace(/(^|\/)index\.html$/, '$1');
    if (data.all || !data.urls || data.urls.indexOf(here) >= 0) location.reload();
  });
  source.addEventListener('diagnostics', function (event) { show(JSON.parse(event.data)); });
})();
