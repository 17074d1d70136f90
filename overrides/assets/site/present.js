/* Presentation mode (issue 7): the page's content becomes full-screen slides, one h2 section per
   slide (the title and introduction make the first). No library and no words of its own: every
   label comes from the <template data-present-ui> in the page, in the page's language. */
(function () {
  "use strict";
  var button = document.querySelector("[data-present]");
  var template = document.querySelector("template[data-present-ui]");
  var article = document.querySelector("article.md-content__inner");
  if (!button || !template || !article) {
    if (button || template) console.error("present.js: needs [data-present], template[data-present-ui] and the article");
    return;
  }

  /* Pure part: split a list of nodes into slides at each h2. */
  function splitSlides(nodes) {
    var slides = [[]];
    nodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "H2" && slides[slides.length - 1].length) slides.push([]);
      slides[slides.length - 1].push(node);
    });
    return slides.filter(function (s) { return s.length; });
  }

  var root = null, stage = null, counter = null, slides = [], index = 0, opener = null;

  function build() {
    var copy = article.cloneNode(true);
    // Not copied: page tools, the "edit" buttons, scripts; ids are dropped so they stay unique.
    copy.querySelectorAll("[data-present-tools], script, template, .md-content__button, .headerlink")
      .forEach(function (el) { el.remove(); });
    copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    // On a quiz slide the class answers aloud; the folded answer is what the presenter reveals.
    copy.querySelectorAll("[data-quiz-answer]").forEach(function (el) { el.hidden = false; el.open = false; });
    copy.querySelectorAll("[data-quiz-feedback]").forEach(function (el) { el.remove(); });
    // Sections sit at the top level, but some pages wrap them (the quiz, the handout): unwrap
    // any wrapper holding an h2 so that every h2 still starts its own slide.
    var wrapper;
    while ((wrapper = Array.prototype.find.call(copy.children, function (el) {
      return el.tagName !== "H2" && el.querySelector("h2");
    }))) {
      while (wrapper.firstChild) copy.insertBefore(wrapper.firstChild, wrapper);
      wrapper.remove();
    }
    return splitSlides(Array.prototype.slice.call(copy.childNodes)).map(function (nodes, i) {
      var section = document.createElement("section");
      section.className = "ns-present__slide";
      section.setAttribute("data-present-slide", String(i + 1));
      section.tabIndex = -1;
      nodes.forEach(function (n) { section.appendChild(n); });
      return section;
    });
  }

  function show(i) {
    index = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function (s, n) { s.hidden = n !== index; });
    counter.textContent = (index + 1) + " / " + slides.length;
    root.querySelector("[data-present-prev]").disabled = index === 0;
    root.querySelector("[data-present-next]").disabled = index === slides.length - 1;
    // The QR code sits on the first and the last slide, where people have time to scan it.
    root.querySelector("[data-present-qr]").hidden = !(index === 0 || index === slides.length - 1);
    stage.scrollTop = 0;
    // Focus follows the slide unless it sits on a control of the bar: screen readers read the new
    // slide, and Space keeps moving on instead of pressing a button.
    var active = document.activeElement;
    if (!active || active === document.body || active.closest("[data-present-stage]")) slides[index].focus();
  }

  function onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    // Keep Material's page shortcuts (n, p, s, /) from leaving or covering the slides.
    event.stopPropagation();
    var key = event.key;
    var onControl = event.target.closest && event.target.closest("button, a, summary, input, select, textarea");
    if (key === "Escape") { event.preventDefault(); leave(); }
    else if (key === "ArrowRight" || key === "PageDown" || (key === " " && !onControl)) { event.preventDefault(); show(index + 1); }
    else if (key === "ArrowLeft" || key === "PageUp") { event.preventDefault(); show(index - 1); }
    else if (key === "Home") { event.preventDefault(); show(0); }
    else if (key === "End") { event.preventDefault(); show(slides.length - 1); }
    else if (key === "Tab") trapFocus(event);
  }

  function trapFocus(event) {
    var items = Array.prototype.filter.call(
      root.querySelectorAll("a[href], button:not([disabled]), summary, [tabindex='0']"),
      function (el) { return el.offsetParent !== null; });
    if (!items.length) return;
    var first = items[0], last = items[items.length - 1];
    if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
  }

  function onClick(event) {
    var t = event.target;
    if (t.closest("[data-present-next]")) show(index + 1);
    else if (t.closest("[data-present-prev]")) show(index - 1);
    else if (t.closest("[data-present-exit]")) leave();
    // A click on the slide itself moves on, unless it was on a link or a control.
    else if (t.closest("[data-present-stage]") && !t.closest("a, button, summary, details, input, label")) show(index + 1);
  }

  function onFullscreenChange() {
    // Escape in full screen is taken by the browser: leaving full screen leaves the slides too.
    if (root && !document.fullscreenElement) leave();
  }

  function enter(start) {
    if (root) return;
    opener = document.activeElement;
    root = template.content.firstElementChild.cloneNode(true);
    stage = root.querySelector("[data-present-stage]");
    counter = root.querySelector("[data-present-counter]");
    slides = build();
    slides.forEach(function (s) { stage.appendChild(s); });
    document.body.appendChild(root);
    document.documentElement.classList.add("ns-presenting");
    root.addEventListener("click", onClick);
    document.addEventListener("keydown", onKey, true);
    show(start || 0);
    slides[index].focus();
    if (root.requestFullscreen && document.fullscreenEnabled) {
      root.requestFullscreen().then(function () {
        document.addEventListener("fullscreenchange", onFullscreenChange);
      }).catch(function () { /* no full screen (iframe, policy): the fixed overlay still fills the window */ });
    }
  }

  function leave() {
    if (!root) return;
    var old = root;
    root = null;
    document.removeEventListener("keydown", onKey, true);
    document.removeEventListener("fullscreenchange", onFullscreenChange);
    if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
    old.remove();
    document.documentElement.classList.remove("ns-presenting");
    if (location.hash === "#present") history.replaceState(null, "", location.pathname + location.search);
    (opener && opener.focus ? opener : button).focus();
  }

  document.querySelector("[data-present-tools]").hidden = false;
  button.addEventListener("click", function () { enter(0); });
  // Switching language from the slides lands on the same page in the other language, still presenting.
  if (location.hash === "#present") enter(0);
})();
