/* Stands in for Material 9.8.2's search worker so that search costs one tiny file on page load.
 *
 * Material starts its worker, fetches the whole search index and lunr's language files as soon
 * as a page loads, whether or not the reader ever searches. The post-build step
 * (sitebuild/theme_rules.py) points Material at this file instead (the __config "search"
 * entry), with two parameters after the "#": the real worker's file name and the folder of this
 * language's index. It answers "ready" at once, and on the first query loads the index,
 * Material's worker and search-tune.js (accents, stemming: how words match), hands the index over
 * with Material's own setup message, then passes on the query being typed. After that Material's
 * worker answers directly.
 *
 * It lives in Material's workers/ folder on purpose: under file:// the worker runs in an iframe
 * (iframe-worker), where Material finds lunr's folder from the first script's address.
 * Message types are Material's: 0 setup, 1 ready, 2 query, 3 result.
 */
(function () {
  "use strict";
  // file:// copies run workers inside an iframe (iframe-worker), where importScripts is async and
  // fetch() of a local file is refused.
  var inFrame = typeof parent !== "undefined" && "IFrameWorker" in parent;
  var own = inFrame ? document.querySelector("script[src]").src : self.location.href;
  var here = own.split("#")[0].split("?")[0];
  var params = new URLSearchParams((own.split("#")[1] || "").split("?")[0]);
  var root = new URL("../../../", here);   // this file sits in assets/javascripts/workers/
  var TUNE = "search-tune.min.js";          // beside this file (minified from search-tune.js)
  var state = "idle";                       // idle -> loading -> handed over
  var pending = null;                       // the latest query typed while loading

  function deliver(message) {
    self.dispatchEvent(new MessageEvent("message", { data: message }));
  }

  function loadIndex() {
    var url = new URL(params.get("index") + "search_index." + (inFrame ? "js" : "json"), root).href;
    if (inFrame) {
      return Promise.resolve(importScripts(url)).then(function () { return self.__index; });
    }
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  function load() {
    state = "loading";
    loadIndex().then(function (index) {
      var post = self.postMessage;
      // Material's worker says "ready" once its index is built: the page heard that from us
      // already, so keep it quiet and give it the query the reader is typing instead.
      self.postMessage = function (reply) {
        if (reply && reply.type === 1) {
          self.postMessage = post;
          state = "handed over";
          deliver(pending);
          return;
        }
        post(reply);
      };
      // Material's worker (it defines lunr), then how this site matches words (search-tune.js).
      return Promise.resolve(importScripts(new URL(params.get("worker"), here).href)).then(function () {
        return importScripts(new URL(TUNE, here).href);
      }).then(function () {
        deliver({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
      });
    }).catch(function (error) {
      state = "idle";                       // the next keystroke tries again
      console.warn("Search could not load:", error);
      self.postMessage({ type: 3, data: { items: [] } });
    });
  }

  addEventListener("message", function (event) {
    var message = event.data;
    if (state === "handed over" || !message || message.type !== 2) return;
    event.stopImmediatePropagation();
    // The page sends the field's empty value at load: answer it here, load nothing.
    if (state === "idle" && !String(message.data).trim()) {
      self.postMessage({ type: 3, data: { items: [] } });
      return;
    }
    // (This listener is registered before Material's worker exists, so it runs first and
    // stopImmediatePropagation keeps queries away from that worker until its index is ready.)
    pending = message;
    if (state === "idle") load();
  });

  self.postMessage({ type: 1 });
})();
