// form8k viewer: a click on a fact, mention or anchor link scrolls the source text to its span and marks it.
// Served from /static (the Content-Security-Policy allows no inline script).
"use strict";
(function () {
  var KEY = /^(?:[fmgdistc]-\d+|cover)$/;

  function unmark() {
    document.querySelectorAll(".marked").forEach(function (el) { el.classList.remove("marked"); });
  }

  // Mark every segment of the span `key` (a span cut by overlapping marks has several) and bring it into view.
  function mark(key) {
    var parts = document.querySelectorAll('[data-k~="' + key + '"]');
    var target = parts.length ? parts[0] : document.getElementById(key);
    if (!target) {
      return false;
    }
    unmark();
    parts.forEach(function (el) { el.classList.add("marked"); });
    target.scrollIntoView({ block: "center", inline: "nearest" });
    return true;
  }

  // A check named in the address (#check-3): open its arithmetic.
  function openCheck(id) {
    var item = document.getElementById(id);
    if (item) {
      var details = item.querySelector("details");
      if (details) {
        details.open = true;
      }
      item.scrollIntoView({ block: "center" });
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-mark]");
    if (link) {
      var key = (link.getAttribute("href") || "").slice(1);
      if (KEY.test(key) && mark(key)) {
        link.classList.add("marked");  // and the number clicked, so both ends show
        event.preventDefault();
        history.replaceState(null, "", "#" + key);
      }
      return;
    }
    // A click on a marked fact in the source goes back to its row in the record.
    var segment = event.target.closest("mark[data-k]");
    if (segment) {
      var fact = segment.getAttribute("data-k").split(" ").filter(function (k) { return /^f-\d+$/.test(k); })[0];
      var row = fact && document.getElementById("fact-" + fact.slice(2));
      if (row) {
        unmark();
        row.classList.add("marked");
        row.scrollIntoView({ block: "center" });
      }
    }
  });

  function fromHash() {
    var key = decodeURIComponent(location.hash.slice(1));
    if (KEY.test(key)) {
      mark(key);
    } else if (/^check-\d+$/.test(key)) {
      openCheck(key);
    }
  }

  window.addEventListener("hashchange", fromHash);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fromHash);
  } else {
    fromHash();
  }
})();
