/* Checker (issue 4): enhances the linked questions of [data-checker] into one question at a time.
   Without this script every choice is a plain link to the next anchor, so the page still works.
   Privacy: the answers live only in `trail` below. They never go into the URL (choice links are
   cancelled and location.hash is never set), into storage or cookies, or over the network.
   No language strings here: every label comes from the page's HTML. */
(function () {
  "use strict";

  var root = document.querySelector("[data-checker]");
  if (!root) {
    throw new Error("checker.js: this page has no [data-checker] element");
  }

  var nodes = Array.prototype.slice.call(root.querySelectorAll("[data-question], [data-outcome]"));
  var bar = root.querySelector("[data-checker-bar]");
  var progress = root.querySelector("[data-checker-progress]");
  var backButton = root.querySelector("[data-checker-back]");
  var restartButton = root.querySelector("[data-checker-restart]");
  var live = root.querySelector("[data-checker-live]");
  var noJsHint = root.querySelector("[data-checker-nojs]");
  var start = root.getAttribute("data-start");
  var trail = [];      // ids of the questions answered so far, in order
  var current = null;  // id of the question or outcome on screen

  function find(id) {
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i].id === id) return nodes[i];
    }
    throw new Error("checker.js: no question or outcome with id " + id);
  }

  // Fill "{n}" and "{total}" in a template taken from the HTML.
  function fill(template, n, total) {
    return template.replace("{n}", String(n)).replace("{total}", String(total));
  }

  function show(id, moveFocus) {
    var target = find(id);
    nodes.forEach(function (node) { node.hidden = node !== target; });
    current = id;
    var isQuestion = target.hasAttribute("data-question");
    var step = trail.length + 1;
    if (isQuestion) {
      var total = trail.length + Number(target.getAttribute("data-remaining"));
      progress.textContent = fill(root.getAttribute("data-progress"), step, total);
    } else {
      progress.textContent = "";
    }
    progress.hidden = !isQuestion;
    backButton.hidden = trail.length === 0;
    restartButton.hidden = trail.length === 0;
    root.classList.toggle("ns-checker--done", !isQuestion);
    var heading = target.querySelector("h2");
    if (moveFocus) {
      heading.focus();
      // Focus already reads the heading; the live region adds where we are in the flow.
      var where = isQuestion ? progress : target.querySelector("[data-checker-kicker]");
      live.textContent = where ? where.textContent : "";
    }
  }

  function answer(link) {
    var question = link.closest("[data-question]");
    if (!question || question.id !== current) return;
    trail.push(current);
    show(link.getAttribute("data-next"), true);
  }

  function restart() {
    trail = [];
    show(start, true);
  }

  function back() {
    if (trail.length) show(trail.pop(), true);
  }

  root.addEventListener("click", function (event) {
    var el = event.target.closest("[data-choice], [data-checker-restart-link], " +
      "[data-checker-restart], [data-checker-back], [data-checker-print]");
    if (!el || !root.contains(el)) return;
    // Links would put the next node's id in the address: cancel them, the script moves instead.
    event.preventDefault();
    if (el.hasAttribute("data-choice")) answer(el);
    else if (el.hasAttribute("data-checker-back")) back();
    else if (el.hasAttribute("data-checker-print")) window.print();
    else restart();
  });

  // The printed sheet carries a neutral title, whatever opens the print dialog.
  var savedTitle = document.title;
  window.addEventListener("beforeprint", function () {
    savedTitle = document.title;
    document.title = root.getAttribute("data-print-title");
  });
  window.addEventListener("afterprint", function () {
    document.title = savedTitle;
  });

  root.classList.add("ns-checker--js");
  bar.hidden = false;
  if (noJsHint) noJsHint.hidden = true;
  Array.prototype.forEach.call(root.querySelectorAll("[data-checker-print]"), function (b) {
    b.hidden = false;
  });
  show(start, false);
})();
