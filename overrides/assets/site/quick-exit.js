/* Quick exit (issue 5). Every [data-quick-exit] link already works without JavaScript; this
   adds: the page hidden at once, location.replace() so Back doesn't return here, and Shift
   pressed 3 times (each within 5 s of the last) as a keyboard shortcut. No words in here: the
   live region's messages come from its data-* attributes in the HTML. */
(function () {
  "use strict";
  var WINDOW_MS = 5000;
  var PRESSES = 3;
  var LEAVING = "ns-qe-leaving";

  // The button holds the neutral site's address; the skip link (data-quick-exit="skip") only
  // points at the button, so that without JavaScript it moves focus there.
  var links = document.querySelectorAll("a[data-quick-exit]");
  var button = document.querySelector('a[data-quick-exit]:not([data-quick-exit="skip"])');
  var status = document.querySelector("[data-quick-exit-status]");
  if (!button) {
    throw new Error("quick-exit.js: no a[data-quick-exit] on this page");
  }
  var target = button.href;
  var count = 0;
  var last = 0;
  var shiftAlone = false;
  var timer = 0;

  function say(key) {
    if (status) status.textContent = key ? status.getAttribute("data-" + key) || "" : "";
  }

  function reset() {
    count = 0;
    last = 0;
    clearTimeout(timer);
    say(null);
  }

  function leave(event) {
    if (event) event.preventDefault();
    // Hide everything first: the page must vanish even if the next site is slow to answer.
    document.documentElement.classList.add(LEAVING);
    say("leaving");
    // The tab's name can hold the checker's place on its way to the other language (checker.js):
    // the next site must not find it, nor anything else this site put there.
    window.name = "";
    // replace(), not assign(): this page leaves the tab's history, so Back skips it.
    window.location.replace(target);
  }

  for (var i = 0; i < links.length; i++) links[i].addEventListener("click", leave);

  // A checker place that no checker page took (its page never loaded): gone on any other page.
  if (/^ns-place:/.test(window.name) && !document.querySelector("[data-checker]")) window.name = "";

  // Shift alone counts; Shift held with another key (a capital letter) doesn't, and any other
  // key starts the count over. Not Escape: browsers use it to stop loading the next page.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) shiftAlone = !(event.ctrlKey || event.altKey || event.metaKey);
      return;
    }
    shiftAlone = false;
    if (count) reset();
  }, true);

  // Not while a teacher presents (present.js marks <html> with ns-presenting): at the keyboard
  // in front of a class, Shift pressed for a capital now and then must not leave the lesson
  // (issue 23). The button stays.
  function presenting() {
    return document.documentElement.classList.contains("ns-presenting");
  }

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || !shiftAlone || presenting()) return;
    shiftAlone = false;
    var now = Date.now();
    count = last && now - last <= WINDOW_MS ? count + 1 : 1;
    last = now;
    clearTimeout(timer);
    if (count >= PRESSES) {
      reset();
      leave(null);
      return;
    }
    say("left-" + (PRESSES - count));
    timer = setTimeout(reset, WINDOW_MS);
  }, true);

  // Shift+click selects text: not a press.
  document.addEventListener("pointerdown", function () { shiftAlone = false; }, true);

  // Back/forward cache: if the browser restores this page as it was when the reader left, it
  // would still be hidden (or mid-count); show it again in a clean state.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.documentElement.classList.remove(LEAVING);
      shiftAlone = false;
      reset();
    }
  });
})();
