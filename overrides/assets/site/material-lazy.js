/* Loads Material's own script (its 35 KiB "bundle") when the reader first touches, clicks or
 * presses a key, not with the page (issue 6). The page is readable without it: Material's layout,
 * the drawer and the links are HTML and CSS; our own scripts (quick exit, checker, slides, quiz)
 * don't need it. What it adds (search, keyboard shortcuts, the sticky table of contents) is ready
 * before a reader can use it, and phones paint the page sooner without 35 KiB to run first.
 *
 * It is part of assets/site/site.min.js, the one script every page loads (sitebuild/js_bundle.py).
 * The post-build step (sitebuild/theme_rules.py) takes Material's script tag away and gives its
 * address to that script tag, as data-bundle. Without it (a theme whose script loads with the
 * page: Zensical's) this part does nothing. Material starts its components on DOMContentLoaded,
 * which has passed by the time it loads here, so that event is sent again for it once it has run
 * (nothing else on the site listens for it).
 */
(function () {
  "use strict";
  var me = document.currentScript;
  var src = me && me.getAttribute("data-bundle");
  if (!src) return;
  var events = ["pointerdown", "touchstart", "keydown", "focusin"];
  var started = false;

  function load() {
    if (started) return;
    started = true;
    events.forEach(function (name) { window.removeEventListener(name, load, true); });
    var script = document.createElement("script");
    script.src = src;
    script.onload = function () {
      if (document.readyState !== "loading") document.dispatchEvent(new Event("DOMContentLoaded"));
      // The tap that loaded it may have opened search before Material listened for it: put the
      // cursor in the search field, as Material does when search opens.
      var search = document.getElementById("__search");
      var query = document.querySelector("[data-md-component=search-query]");
      if (search && search.checked && query) query.focus();
    };
    document.body.appendChild(script);
  }

  events.forEach(function (name) { window.addEventListener(name, load, { capture: true, passive: true }); });
  // Arriving on a #section link: Material scrolls and highlights for it, so start now.
  if (location.hash) load();
})();
