// Starts Pagefind's search UI on the search page; settings come from data attributes so no inline script is needed.
window.addEventListener('DOMContentLoaded', function () {
  var element = document.getElementById('zoeken');
  if (!element || typeof PagefindUI === 'undefined') return;
  new PagefindUI({
    element: '#zoeken',
    baseUrl: element.dataset.baseUrl || '/',
    bundlePath: element.dataset.bundlePath || '/pagefind/',
    showSubResults: true,
    showImages: false,
    resetStyles: false,
  });
  // Pagefind's input has a placeholder but no label; give it one so screen readers announce it.
  var label = function () {
    var input = element.querySelector('input[type="text"], input[type="search"], .pagefind-ui__search-input');
    if (input && !input.getAttribute('aria-label')) input.setAttribute('aria-label', element.dataset.label || input.getAttribute('placeholder') || 'Zoeken');
    return Boolean(input);
  };
  if (!label()) new MutationObserver(function (_records, observer) { if (label()) observer.disconnect(); }).observe(element, { childList: true, subtree: true });
});
