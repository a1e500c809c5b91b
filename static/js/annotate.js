// Selecting words in an article's text fills the note form with the quote and
// its offset in the stored text (each text segment carries data-start), so the
// note is anchored exactly. Without this script, typing the quote still works.
(function () {
  "use strict";
  function offsetOf(node, offset) {
    // A selection may start at an element boundary (a whole paragraph chosen):
    // step down to the first text inside the child it points at.
    if (node.nodeType !== Node.TEXT_NODE) {
      var child = node.childNodes[offset] || node;
      var walker = document.createTreeWalker(child, NodeFilter.SHOW_TEXT);
      var first = walker.nextNode();
      if (!first) return null;
      node = first;
      offset = 0;
    }
    var element = node.parentElement;
    var segment = element && element.closest("[data-start]");
    if (!segment) return null;
    return parseInt(segment.getAttribute("data-start"), 10) + offset;
  }
  document.addEventListener("mouseup", function () {
    var form = document.getElementById("article-note-form");
    var selection = window.getSelection();
    if (!form || !selection || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    var text = document.querySelector(".article-text");
    if (!text || !text.contains(range.commonAncestorContainer)) return;
    var start = offsetOf(range.startContainer, range.startOffset);
    if (start === null) return;
    form.querySelector("[name=quote]").value = selection.toString();
    form.querySelector("[name=start]").value = String(start);
  });
})();
