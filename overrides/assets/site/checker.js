/* Checker (issues 4, 16, 22 and 23): enhances the linked questions of [data-checker] into one
   question at a time that behaves like pages. Without this script every choice is a plain link to
   the next anchor, so the page still works (and says what that leaves in the history).
   History: the checker never holds more than two entries of the tab's history, both for the page's
   address without a hash: the page's own (step 0) and one for the answers, added on the first
   answer and rewritten at each next one. An entry holds only a step number and a random "session"
   mark ({nsChecker: 2, session: "k3x9"}), never a question, an answer or a result: the path lives
   in `stack` below, in memory. The phone's Back gesture goes from the answers' entry to the page's
   own, and the script shows the previous question and adds the answers' entry again, so Back goes
   on working question by question. Leaving by a link while that entry exists replaces it, and the
   quick exit replaces the current entry: Back then passes the checker in one press, at its first
   question. When the page is left in any way (pagehide), the checker forgets everything and starts
   a new session, so nothing left behind, back/forward cache included, shows an answer.
   Addresses: a link to a question (#q_age, or its anchor #n3) opens it, then the hash leaves the
   address. An address naming a result (#n31, or the former #out_x, #out_x-h, #ns-12) opens the
   first question: no address reopens a result. The language switch takes the reader's place along
   in window.name ("ns-place:<node>:<time>:<language>"), which the other page reads and empties at
   once, taking it only within 30 seconds and in the language it was meant for; the quick exit
   empties it too.
   Results: the page holds the questions only (issue 25: the results made the page too heavy for a
   first visit). At the reader's first answer this script fetches every result from the script
   file the root names (data-results, written by sitebuild/checker_split.py: the site's own file,
   beside the page, from file:// too) and puts them back at the end of the checker, as the page
   had them; without JavaScript the results are one page beside the checker (results.html#n31).
   Nothing goes to storage or cookies, and nothing of the answers to the network. No language
   strings here: every label comes from the page's HTML. */
(function () {
  "use strict";

  var root = document.querySelector("[data-checker]");
  if (!root) {
    throw new Error("checker.js: this page has no [data-checker] element");
  }

  var nodes = [];
  function collect() {
    nodes = Array.prototype.slice.call(root.querySelectorAll("[data-question], [data-outcome]"));
  }
  collect();
  var resultsSrc = root.getAttribute("data-results");
  var waiting = null;  // what waits for the results' file
  var bar = root.querySelector("[data-checker-bar]");
  var live = root.querySelector("[data-checker-live]");
  var start = root.getAttribute("data-start");
  var langLinks = Array.prototype.slice.call(document.querySelectorAll("a[data-lang-switch]"));
  var PLACE = /^ns-place:(\d+):(\d+):([a-z-]*)$/;
  var PLACE_MS = 30000;

  var stack = [];      // ids of the questions and result seen, in order; stack[pos] is on screen
  var pos = 0;
  var session = "";    // marks this page's history entries; a new one forgets the old entries
  var onTop = false;   // the current history entry is the answers' one (step > 0)
  var dropping = false; // the script itself is going back from the answers' entry to the page's
  var pendingRestart = false;
  var useHistory = true; // false if the browser refuses history entries: Back then works in memory
  var opened = [];     // <details> opened for printing, closed again afterwards

  // The controls that need this script are made here, not in the HTML: without it (or in a text
  // browser, which ignores `hidden`) they would be controls that do nothing.
  function control(tag, cls, hook, label) {
    var el = document.createElement(tag);
    el.className = cls;
    el.setAttribute(hook, "");
    if (tag === "button") el.type = "button";
    if (label) el.textContent = label;
    return el;
  }
  var progress = control("p", "ns-checker__progress", "data-checker-progress", "");
  var backButton = control("button", "md-button", "data-checker-back", root.getAttribute("data-back"));
  var restartButton = control("button", "md-button", "data-checker-restart",
                              root.getAttribute("data-restart"));
  bar.appendChild(progress);
  bar.appendChild(backButton);
  bar.appendChild(restartButton);
  function addPrint(scope) {
    Array.prototype.forEach.call(scope.querySelectorAll("[data-checker-actions]"), function (p) {
      if (p.querySelector("[data-checker-print]")) return;
      var print = control("button", "md-button", "data-checker-print", root.getAttribute("data-print"));
      p.insertBefore(document.createTextNode(" "), p.firstChild);
      p.insertBefore(print, p.firstChild);
    });
  }
  addPrint(root);

  // Runs `then` once the node `id` is in the page: at once, or once the results' file has put
  // the results back (then every result is there). If the file can't load, nothing happens:
  // the reader stays on the question, and the next answer tries again.
  function whenThere(id, then) {
    if (has(id)) then();
    else loadResults(then);
  }

  function loadResults(then) {
    if (!resultsSrc || root.querySelector("[data-outcome]")) { then(); return; }
    if (waiting) { waiting.push(then); return; }
    waiting = [then];
    var script = document.createElement("script");
    script.src = resultsSrc;
    script.onload = function () {
      var html = window.nsCheckerResults;
      window.nsCheckerResults = undefined;
      if (typeof html === "string" && !root.querySelector("[data-outcome]")) {
        root.insertAdjacentHTML("beforeend", html);
        Array.prototype.forEach.call(root.querySelectorAll("[data-outcome]"), function (node) {
          node.hidden = true;
        });
        addPrint(root);
        collect();
      }
      var todo = waiting;
      waiting = null;
      todo.forEach(function (fn) { fn(); });
    };
    script.onerror = function () {
      waiting = null;
      script.remove();
    };
    document.head.appendChild(script);
  }

  function has(id) {
    return nodes.some(function (node) { return idOf(node) === id; });
  }

  function newSession() {
    session = Math.random().toString(36).slice(2, 10);
  }

  function find(id) {
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i].getAttribute("data-question") === id || nodes[i].getAttribute("data-outcome") === id) {
        return nodes[i];
      }
    }
    throw new Error("checker.js: no question or outcome " + id);
  }

  function idOf(node) {
    return node.getAttribute("data-question") || node.getAttribute("data-outcome");
  }

  // The element an address's hash names, if any.
  function named(hash) {
    if (!hash || hash.length < 2) return null;
    try {
      return document.getElementById(decodeURIComponent(hash.slice(1)));
    } catch (e) {
      return null;
    }
  }

  // The question an address opens: the one its hash names (its heading, its anchor, an element
  // inside it). Never a result: an address that could reopen one opens the first question.
  function questionFor(hash) {
    var target = named(hash);
    var holder = target && target.closest("[data-question], [data-outcome]");
    return holder && root.contains(holder) && holder.hasAttribute("data-question") ? idOf(holder) : null;
  }

  // A hash the checker must not leave in the address: one inside the checker, or one naming
  // nothing on the page (an old #out_x or #ns-12). A skip link's (#__skip) stays.
  function checkerHash(hash) {
    if (!hash) return false;
    if (hash === "#") return true;
    var target = named(hash);
    return !target || root.contains(target);
  }

  // The place the language switch passed on, read once: window.name is emptied at once, whatever
  // it held of ours, and its place is taken only on the page it was meant for, soon after.
  function takePlace() {
    var m = PLACE.exec(window.name || "");
    if (!m) return null;
    window.name = "";
    var age = Date.now() - Number(m[2]);
    var lang = (document.documentElement.lang || "").split("-")[0];
    if (m[3].split("-")[0] !== lang || age < 0 || age > PLACE_MS) return null;
    return Number(m[1]);
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
    if (!question || idOf(question) !== stack[pos]) return;
    var next = link.getAttribute("data-next");
    // The results' file starts loading at the first answer; a result waits for it.
    loadResults(function () {});
    whenThere(next, function () {
      if (idOf(question) !== stack[pos]) return;  // another answer went first
      stack = stack.slice(0, pos + 1);
      stack.push(next);
      pos += 1;
      // The answers' entry is added on the first answer, on the reader's tap (browsers skip
      // entries added without one), and rewritten at each next answer.
      record(pos, !onTop);
      onTop = useHistory;
      show(true);
    });
  }

  // The page's Back button: the previous question, in memory. Back at the first question again
  // also drops the answers' entry, so the history holds the page's own entry only.
  function back() {
    if (pos === 0) return;
    pos -= 1;
    if (onTop && pos === 0) {
      dropping = true;
      history.back();
    } else if (onTop) {
      record(pos, false);
    }
    show(true);
  }

  function restart() {
    if (onTop) {
      pendingRestart = true;
      history.back();
    } else {
      forget();
      show(true);
    }
  }

  function forget() {
    newSession();
    stack = [start];
    pos = 0;
    onTop = false;
    record(0, false);
  }

  // Coming back to the page (Back, or the back/forward cache): the first question, its progress
  // line just under the sticky header, whatever scroll position the browser kept or restored.
  function cameBack() {
    if (root.contains(document.activeElement)) document.activeElement.blur();
    window.scrollTo(0, 0);
    reveal(bar);
  }

  window.addEventListener("popstate", function (event) {
    var state = event.state;
    if (pendingRestart || dropping) {
      // The script's own step back, off the answers' entry: where it lands is the page's own.
      onTop = false;
      if (pendingRestart) {
        pendingRestart = false;
        forget();
        show(true);
      } else {
        dropping = false;
        record(0, false);
      }
      return;
    }
    if (!state || state.nsChecker === undefined) {
      // A fragment link on this page (a link to a question while on the checker).
      fromFragment();
      return;
    }
    if (state.session !== session) return; // an entry of an earlier session points to nothing
    if (state.nsChecker === 0) {
      var wasOnTop = onTop;
      onTop = false;
      if (wasOnTop && pos > 0) {
        // The phone's Back from the answers' entry: the previous question, and the entry again so
        // the next Back goes on inside the checker. From the first question, Back leaves.
        pos -= 1;
        if (pos > 0) {
          record(pos, true);
          onTop = useHistory;
        }
        show(true);
      }
      return;
    }
    // Forward to the answers' entry.
    onTop = true;
    pos = Math.max(0, Math.min(state.nsChecker, stack.length - 1));
    show(true);
  });

  // After a fragment link the browser scrolls to its target and may move focus there: take the
  // reader to the heading once it is done.
  function fromFragment() {
    if (!checkerHash(location.hash)) return;
    var id = questionFor(location.hash);
    if (!id) {
      record(pos, false); // a result's anchor opens nothing; the hash leaves the address
      return;
    }
    openAt(id, true);
    setTimeout(focusCurrent, 0);
  }

  // Open the checker at a question (or, from the language switch, a result). On a page already in
  // use, the fragment link's own history entry becomes the answers' entry.
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
    onTop = pos > 0 && useHistory;
    show(moveFocus);
  }

  root.addEventListener("click", function (event) {
    var el = event.target.closest("[data-choice], [data-checker-restart-link], " +
      "[data-checker-restart], [data-checker-back], [data-checker-print]");
    if (!el || !root.contains(el)) return;
    // Links would put the next node's anchor in the address: cancel them, the script moves instead.
    event.preventDefault();
    if (el.hasAttribute("data-choice")) answer(el);
    else if (el.hasAttribute("data-checker-back")) back();
    else if (el.hasAttribute("data-checker-print")) window.print();
    else restart();
  });

  // The language switch passes the place on (never in the address).
  langLinks.forEach(function (a) {
    a.addEventListener("click", function (event) {
      if (plainClick(event) && stack[pos] !== start && (!window.name || PLACE.test(window.name))) {
        window.name = "ns-place:" + nodes.indexOf(find(stack[pos])) + ":" + Date.now() + ":" +
          (a.getAttribute("hreflang") || "");
      }
    });
  });

  function plainClick(event) {
    return event.button === 0 && !event.defaultPrevented &&
      !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey);
  }

  // Leaving by a link while the answers' entry exists: the next page takes its place in the tab's
  // history, so Back later passes the checker in one press. (The checker's own links and the quick
  // exit have cancelled their click already.)
  document.addEventListener("click", function (event) {
    if (!onTop || !plainClick(event)) return;
    var a = event.target.closest ? event.target.closest("a[href]") : null;
    if (!a || (a.target && a.target !== "_self") || a.hasAttribute("download")) return;
    if (!/^(https?|file):$/.test(a.protocol)) return;
    if (a.href.split("#")[0] === location.href.split("#")[0]) return;
    event.preventDefault();
    window.location.replace(a.href);
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
    if (!event.persisted) return;
    if (PLACE.test(window.name)) window.name = ""; // a place that was never taken
    forget();
    show(false);
    cameBack();
  });

  root.classList.add("ns-checker--js");
  bar.hidden = false;
  Array.prototype.forEach.call(root.querySelectorAll("[data-checker-nojs]"), function (el) {
    el.hidden = true;
  });
  // The checker places the page itself: a browser restoring an old scroll position would show
  // the first question half under the header (Firefox, and any browser's back/forward cache).
  history.scrollRestoration = "manual";
  newSession();
  var place = takePlace();
  var linked = place !== null && nodes[place] ? idOf(nodes[place]) : questionFor(location.hash);
  if (place !== null && !nodes[place] && resultsSrc) {
    // A result, from the other language's page: the first question until the results are in.
    loadResults(function () {
      if (!nodes[place] || pos !== 0 || stack[0] !== start) return;
      stack = [];
      openAt(idOf(nodes[place]), true);
    });
  }
  if (linked) {
    openAt(linked, true);
  } else {
    stack = [start];
    pos = 0;
    record(0, false, checkerHash(location.hash) ? bareAddress() : location.href);
    show(false);
    var nav = window.performance && performance.getEntriesByType ?
      performance.getEntriesByType("navigation")[0] : null;
    if (nav && nav.type === "back_forward") cameBack();
    else if (location.hash && checkerHash(location.hash)) window.scrollTo(0, 0);
  }
  window.addEventListener("hashchange", fromFragment);
})();
