// Material draws a code annotation's number with CSS only, so its link has no accessible name
// (axe: link-name). Name each one "Annotation N" / 「注釈 N」 as Material adds it.
(function () {
  var word = document.documentElement.lang === "ja" ? "注釈 " : "Annotation ";
  function name(root) {
    root.querySelectorAll("a.md-annotation__index:not([aria-label])").forEach(function (link) {
      var id = link.querySelector("[data-md-annotation-id]");
      if (id) link.setAttribute("aria-label", word + id.getAttribute("data-md-annotation-id"));
    });
  }
  new MutationObserver(function () { name(document.body); })
    .observe(document.documentElement, { childList: true, subtree: true });
})();
