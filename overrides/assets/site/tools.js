/* The page's tools that need a script, ready on every page without the code behind them
   (issue 25): the "Present to a class" button and the handout's "Print or save as PDF".
   Presentation mode (present.js, 4 KiB gzip) is only fetched when a teacher presses the button,
   or when the address ends in #present (the slides' link to the other language): a student on
   a phone never downloads it. The button is made here, from the label in the HTML, so that
   without JavaScript (or in a text browser) there is no control that does nothing. No words
   in here. */
(function () {
  "use strict";

  // The handout's Print button: hidden without JavaScript, it prints the page. (Its own hook:
  // the checker's root carries data-print, its Print label, and a click in it must not print.)
  Array.prototype.forEach.call(document.querySelectorAll("[data-print-page]"), function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });

  var tools = document.querySelector("[data-present-tools]");
  if (!tools) return;
  var src = tools.getAttribute("data-present-src");
  var button = document.createElement("button");
  button.type = "button";
  button.className = "md-button ns-tools__present";
  button.setAttribute("data-present", "");
  button.setAttribute("aria-haspopup", "dialog");
  button.textContent = tools.getAttribute("data-label");
  tools.appendChild(button);
  tools.hidden = false;

  var loading = false;
  // present.js takes over the button when it runs, and starts the slides when asked to
  // (data-present-start): the press that loaded it counts.
  function start() {
    tools.setAttribute("data-present-start", "");
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = src;
    script.onerror = function () { loading = false; };
    document.body.appendChild(script);
  }
  button.addEventListener("click", function once() {
    button.removeEventListener("click", once);
    start();
  });
  // The other language's slides lead here with #present: go on presenting, but not where the
  // button is not offered (a student page on a phone).
  // (Once the page is parsed: present.js needs the slides' template, which comes after this
  // script in the page, and a cached present.js would run before it is there.)
  function fromAddress() {
    if (button.offsetParent !== null) start();
    else history.replaceState(null, "", location.pathname + location.search);
  }
  if (location.hash === "#present") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fromAddress);
    else fromAddress();
  }
})();
