// The language switcher keeps the reader's place: both languages use the same heading ids,
// so the link to the other language carries the current #anchor (tests/test_browser.py).
(function () {
  function carryAnchor() {
    document.querySelectorAll(".md-select a[hreflang]").forEach(function (link) {
      link.href = link.href.split("#")[0] + location.hash;
    });
  }
  document.addEventListener("DOMContentLoaded", carryAnchor);
  window.addEventListener("hashchange", carryAnchor);
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest(".md-select a[hreflang]")) carryAnchor();
  }, true);
})();
