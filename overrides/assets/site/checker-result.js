/* The checker's results' page (sitebuild/checker_split.py) is for readers without JavaScript.
   With it, that address (from a history made without JavaScript, or a bookmark) opens the
   checker's first question instead, as an address naming a result always did: no address
   reopens a result (issue 22). replace(): this address leaves the tab's history. */
(function () {
  "use strict";
  var page = document.querySelector("[data-checker-result]");
  if (page) window.location.replace(page.getAttribute("data-checker-result"));
})();
