/* Checker (issues 4 and 16): enhances the linked questions of [data-checker] into one question at
   a time that behaves like pages. Without this script every choice is a plain link to the next
   anchor, so the page still works.
   History: each answer adds one history entry for the same address, so the phone's Back gesture
   goes to the previous question. An entry holds only a step number and a random "session" mark
   ({nsChecker: 2, session: "k3x9"}), never a question, an answer or a result: the path itself
   lives in `stack` below, in memory. When the page is left (pagehide: a link, the language
   switch, the quick exit), the checker forgets everything and starts a new session, so the
   entries left behind point to nothing: Back after the quick exit, even from the back/forward
   cache, shows the first question.
   Addresses: a link to a question or result (#q_age, #out_x, or a heading inside it, as search
   results give) opens it, then the hash is removed from the address. The language switch takes
   the reader's place along as an opaque step number (#ns-12), removed the same way.
   Nothing goes to storage, cookies or the network. No language strings here: every label comes
   from the page's HTML. */
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
  // The link to the same page in the other language (partials/alternate.html), if any.
  var langLinks = Array.prototype.slice.call(document.querySelectorAll("a[data-lang-switch]"));
  var langHrefs = langLinks.map(function (a) { return a.getAttribute("href"); });
  var PLACE = /^#ns-(\d+)$/;

  var stack = [];      // ids of the questions and result seen, in order; stack[pos] is on screen
  var pos = 0;
  var session = "";    // marks this page's history entries; a new one forgets the old entries
  var pendingRestart = false;
  var useHistory = true; // false if the browser refuses history entries: Back then works in memory
  var opened = [];     // <details> opened for printing, closed again afterwards

  function newSession() {
    session = Math.random().toString(36).slice(2, 10);
  }

  function find(id) {
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i].id === id) return nodes[i];
    }
    throw new Error("checker.js: no question or outcome with id " + id);
  }

  // The question or result an address points at: its own id, an element inside it, or the
  // opaque place the language switch passes on.
  function nodeFor(hash) {
    if (!hash || hash.length < 2) return null;
    var place = PLACE.exec(hash);
    if (place) {
      var node = nodes[Number(place[1])];
      return node ? node.id : null;
    }
    var target = null;
    try {
      target = document.getElementById(decodeURIComponent(hash.slice(1)));
    } catch (e) {
      return null;
    }
    var holder = target && target.closest("[data-question], [data-outcome]");
    return holder && root.contains(holder) ? holder.id : null;
  }

  // Record step `step` in the current history entry, or in a new one (`add`), for this page's
  // address without any hash: the reader's place never stays in the address or the history.
  function record(step, add, address) {
    if (!useHistory) return;
    try {
      history[add ? "pushState" : "replaceState"]({ nsChecker: step, session: session }, "",
        address || bareAddress());
    } catch (e) {
      useHistory = false;
    }
  }

  function bareAddress() {
    return location.pathname + location.search;
  }

  // Fill "{n}" and "{total}" in a template taken from the HTML.
  function fill(template, n, total) {
    return template.replace("{n}", String(n)).replace("{total}", String(total));
  }

  function show(moveFocus) {
    var id = stack[pos];
    var target = find(id);
    nodes.forEach(function (node) { node.hidden = node !== target; });
    var isQuestion = target.hasAttribute("data-question");
    if (isQuestion) {
      // Where the question sits in the flow (a link can open the checker at a later question).
      var step = Number(target.getAttribute("data-depth"));
      var total = step - 1 + Number(target.getAttribute("data-remaining"));
      progress.textContent = fill(root.getAttribute("data-progress"), step, total);
    } else {
      progress.textContent = "";
    }
    progress.hidden = !isQuestion;
    backButton.hidden = pos === 0;
    restartButton.hidden = pos === 0 && id === start;
    root.classList.toggle("ns-checker--done", !isQuestion);
    // The language switch keeps the place, as a step number that says nothing about it.
    langLinks.forEach(function (a, i) {
      a.setAttribute("href", id === start ? langHrefs[i] : langHrefs[i] + "#ns-" + nodes.indexOf(target));
    });
    if (moveFocus) {
      focusCurrent();
      // Focus already reads the heading; the live region adds where we are in the flow.
      var where = isQuestion ? progress : target.querySelector("[data-checker-kicker]");
      live.textContent = where ? where.textContent : "";
    }
  }

  // Focus the heading on screen. A question shows with its progress line, a result from its top,
  // so the answer and the buttons fill the first screen.
  function focusCurrent() {
    var target = find(stack[pos]);
    target.querySelector("h2").focus({ preventScroll: true });
    reveal(target.hasAttribute("data-question") ? bar : target);
  }

  // Scroll `el` just under the sticky header if it is above it or in the lower half of the screen.
  function reveal(el) {
    var header = document.querySelector(".md-header");
    var below = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
    var top = el.getBoundingClientRect().top;
    if (top < below || top > window.innerHeight / 2) window.scrollBy(0, top - below - 8);
  }

  function answer(link) {
    var question = link.closest("[data-question]");
    if (!question || question.id !== stack[pos]) return;
    stack = stack.slice(0, pos + 1);
    stack.push(link.getAttribute("data-next"));
    pos += 1;
    // One entry per answer, added on the reader's tap (browsers skip entries added without one).
    record(pos, true);
    show(true);
  }

  // Back and Start over go through the browser's history, so the Back gesture and the buttons
  // always agree; popstate does the rest.
  function back() {
    if (pos === 0) return;
    if (useHistory) {
      history.back();
    } else {
      pos -= 1;
      show(true);
    }
  }

  function restart() {
    if (pos > 0 && useHistory) {
      pendingRestart = true;
      history.go(-pos);
    } else {
      forget();
      show(true);
    }
  }

  function forget() {
    newSession();
    stack = [start];
    pos = 0;
    record(0, false);
  }

  window.addEventListener("popstate", function (event) {
    var state = event.state;
    if (pendingRestart) {
      pendingRestart = false;
      forget();
      show(true);
      return;
    }
    if (state && state.nsChecker !== undefined) {
      // An entry of an earlier session (before a reload or the quick exit) points to nothing.
      if (state.session !== session || state.nsChecker >= stack.length) return;
      pos = state.nsChecker;
      show(true);
      return;
    }
    // A fragment link on this page (a search result, say) that names a question or result.
    fromFragment();
  });

  // After a fragment link the browser scrolls to its target and may move focus there: take the
  // reader to the heading once it is done.
  function fromFragment() {
    var id = nodeFor(location.hash);
    if (!id) return;
    openAt(id, true);
    setTimeout(focusCurrent, 0);
  }

  // Open the checker at a question or result named by the address. On a page already in use, the
  // link's own history entry becomes the next step.
  function openAt(id, moveFocus) {
    if (!stack.length) {
      stack = [id];
      pos = 0;
    } else if (stack[pos] !== id) {
      stack = stack.slice(0, pos + 1);
      stack.push(id);
      pos += 1;
    }
    record(pos, false);
    show(moveFocus);
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

  // The printed sheet carries a neutral title and everything of the result, folded parts too,
  // whatever opens the print dialog.
  var savedTitle = document.title;
  window.addEventListener("beforeprint", function () {
    savedTitle = document.title;
    document.title = root.getAttribute("data-print-title");
    opened = Array.prototype.filter.call(root.querySelectorAll("details:not([open])"), function (d) {
      d.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    document.title = savedTitle;
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  // Leaving the page in any way forgets the answers and shows the first question again, before
  // the browser may keep the page in its back/forward cache: a result must never come back
  // after the quick exit, including from another page of the site.
  window.addEventListener("pagehide", function () {
    forget();
    show(false);
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      forget();
      show(false);
    }
  });

  root.classList.add("ns-checker--js");
  bar.hidden = false;
  if (noJsHint) noJsHint.hidden = true;
  Array.prototype.forEach.call(root.querySelectorAll("[data-checker-print]"), function (b) {
    b.hidden = false;
  });
  history.scrollRestoration = "manual";
  newSession();
  var linked = nodeFor(location.hash);
  if (linked) {
    openAt(linked, true);
  } else {
    stack = [start];
    pos = 0;
    // Only a hash meant for the checker is removed; any other (a skip link) stays.
    record(0, false, PLACE.test(location.hash) ? bareAddress() : location.href);
    show(false);
  }
  window.addEventListener("hashchange", fromFragment);
})();
