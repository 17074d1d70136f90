/* Presentation mode (issues 7, 17 and 23): the page's content becomes full-screen slides, one h2
   section per slide (the title and introduction make the first). Every slide fits the screen: its
   text is scaled as large as the screen allows, never below a floor readable from the back of a
   room, and a slide holds about 70 words at most; a section longer than that continues on the
   next slide ("(continued)"), split between blocks, list items, cards, table rows or, last, a
   paragraph's sentences. Nothing is hidden or cut. Sections the page lists as presenter-only
   stay off the slides.
   No library and no words of its own: every label is a data-label attribute in the page.
   Loaded on demand (issue 25): tools.js, on every page, makes the "Present" button and fetches
   this script when a teacher presses it (or the address ends in #present); this script then
   takes the button over and starts at once. */
(function () {
  "use strict";

  var tools = document.querySelector("[data-present-tools]");
  var template = document.querySelector("template[data-present-ui]");
  var article = document.querySelector("article.md-content__inner");
  var button = tools && tools.querySelector("[data-present]");
  if (!tools || !template || !article || !button) {
    console.error("present.js: needs [data-present-tools] with its button (tools.js), template[data-present-ui] and the article");
    return;
  }
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  /* Text size on a slide: at most 1/18 of the stage's height (a 1080-pixel projector gets about
     53 px), at least 28 px on a 768-pixel screen and the same share of any other (39 px at 1080),
     for every text of the slide, a table's or a note's too. Below the floor, or over WORDS words
     (not counting the heading a "(continued)" slide repeats), the section splits. */
  var LARGEST = 1 / 18, SMALLEST = 28 / 768, LAST_RESORT = 1 / 48;
  var WORDS = 70;
  var MAX_LINE_EM = 40;   // lines of at most about 80 characters

  /* --- The page's content as sections of blocks ------------------------------------------ */

  function sections() {
    var copy = article.cloneNode(true);
    // Not projected: page tools, scripts, the page's own QR code (the slides show theirs), what
    // the page marks data-present-omit (a note for the teacher), Material's permalinks.
    copy.querySelectorAll("[data-present-tools], script, template, [data-present-omit], [data-qr], " +
      ".md-content__button, .headerlink").forEach(function (el) { el.remove(); });
    // On a quiz slide the class answers aloud; the folded answer is what the presenter reveals.
    copy.querySelectorAll("[data-quiz-answer]").forEach(function (el) { el.hidden = false; el.open = false; });
    copy.querySelectorAll("[data-quiz-feedback], [data-quiz-choices]").forEach(function (el) { el.remove(); });
    // Some pages wrap their sections (the quiz, the handout): unwrap any wrapper holding an h2 so
    // that every h2 starts a section.
    var wrapper;
    while ((wrapper = Array.prototype.find.call(copy.children, function (el) {
      return el.tagName !== "H2" && el.querySelector("h2");
    }))) {
      while (wrapper.firstChild) copy.insertBefore(wrapper.firstChild, wrapper);
      wrapper.remove();
    }
    // A list item with blocks in it (a lead-in, then a sub-list) gets its loose text in a
    // block of its own, so that it can split between its blocks like any container.
    copy.querySelectorAll("li, dd").forEach(wrapRuns);
    var skip = (tools.getAttribute("data-present-skip") || "").split(/\s+/).filter(Boolean);
    var out = [], current = null, skipping = false;
    each(copy.children, function (el) {
      if (el.tagName === "H2") {
        // A presenter-only section runs from its h2 to the next one.
        skipping = skip.indexOf(el.id) !== -1;
        if (!skipping) out.push(current = { head: el, blocks: [] });
      } else if (!skipping) {
        if (!current) out.push(current = { head: el.tagName === "H1" ? el : null, blocks: [] });
        if (current.head !== el) current.blocks.push(el);
      }
    });
    out.forEach(function (s) {
      [s.head].concat(s.blocks).forEach(function (el) {
        if (!el) return;
        el.removeAttribute("id");
        el.querySelectorAll("[id]").forEach(function (x) { x.removeAttribute("id"); });
      });
    });
    return out;
  }

  var BLOCK = /^(P|UL|OL|DL|DIV|TABLE|BLOCKQUOTE|DETAILS|PRE|FIGURE|H[1-6])$/;

  function wrapRuns(el) {
    if (!Array.prototype.some.call(el.children, function (c) { return BLOCK.test(c.tagName); })) return;
    var run = null;
    Array.prototype.slice.call(el.childNodes).forEach(function (n) {
      if (n.nodeType === 1 && BLOCK.test(n.tagName)) { run = null; return; }
      if (!run) {
        if (n.nodeType === 3 && !n.data.trim()) return;
        run = document.createElement("div");
        run.setAttribute("data-present-run", "");
        el.insertBefore(run, n);
      }
      run.appendChild(n);
    });
  }

  /* A block too tall for one slide splits into its parts: list items, cards, table rows, the
     paragraphs of a box. Every part repeats what names it: a table's header, a box's title. */
  function kept(el) {
    return /^(THEAD|CAPTION|SUMMARY|COLGROUP)$/.test(el.tagName) || el.classList.contains("admonition-title");
  }

  function parts(el) {
    if (!/^(UL|OL|TABLE|TBODY|DIV|DETAILS|ASIDE|BLOCKQUOTE|LI|DD)$/.test(el.tagName)) return null;
    // Only between blocks: a paragraph's words and links are not its parts.
    if (!Array.prototype.every.call(el.childNodes, function (n) {
      return n.nodeType === 1 ? BLOCK.test(n.tagName) || kept(n) || /^(LI|TR|THEAD|TBODY|DT|DD)$/.test(n.tagName)
        : n.nodeType !== 3 || !n.data.trim();
    })) return null;
    var movable = Array.prototype.filter.call(el.children, function (c) { return !kept(c); });
    // One part is worth it only when it splits in turn (a grid's list, a table's body, a box's
    // one long paragraph).
    if (movable.length > 1 || (movable.length === 1 && (parts(movable[0]) || sentences(movable[0])))) return movable;
    return null;
  }

  /* Last, a paragraph or list item splits between sentences: pieces that land on one slide are
     joined again (assemble), so a paragraph is only ever cut where a slide ends. Each piece is
     a copy of the element holding its share of the text, inline markup included. */
  function sentences(el) {
    if (!(/^(P|LI)$/.test(el.tagName) || el.hasAttribute("data-present-run")) ||
        el.querySelector("p, ul, ol, div, table, details")) return null;
    var cuts = [], walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), n, m;
    while ((n = walk.nextNode())) {
      if (n.parentElement.closest("a, code")) continue;
      // After . ! ? or ... (and a closing quote), before the next word.
      var end = /[.!?\u2026][\u00bb\u201d"')]*\s+(?=\S)/g;
      while ((m = end.exec(n.data))) cuts.push({ node: n, at: m.index + m[0].length });
    }
    if (!cuts.length) return null;
    var pieces = [], from = { node: el, at: 0 };
    cuts.concat([{ node: el, at: el.childNodes.length }]).forEach(function (to, i) {
      var range = document.createRange();
      range.setStart(from.node, from.at);
      range.setEnd(to.node, to.at);
      var piece = el.cloneNode(false);
      piece.appendChild(range.cloneContents());
      piece.nsWhole = el;
      if (i) piece.setAttribute("data-present-rest", "");   // no second bullet or number
      pieces.push(piece);
      from = to;
    });
    return pieces;
  }

  /* An atom is a node and the chain of containers it came from, so that pieces of one list or
     grid come back together in one list or grid on their slide. */
  function shell(container, first) {
    var copy = container.cloneNode(false);
    each(container.children, function (c) { if (kept(c)) copy.appendChild(c.cloneNode(true)); });
    if (container.tagName === "OL") {
      // A numbered list split across slides keeps counting.
      var items = Array.prototype.filter.call(container.children, function (c) { return c.tagName === "LI"; });
      var start = parseInt(container.getAttribute("start") || "1", 10) +
        Math.max(0, items.indexOf(first.nsWhole || first));
      if (start !== 1) copy.setAttribute("start", String(start));
    }
    // The rest of a list item on a new slide: no second bullet or number.
    if (container.tagName === "LI" && first !== container.firstElementChild) copy.setAttribute("data-present-rest", "");
    return copy;
  }

  function assemble(target, atoms) {
    var open = [];   // [{src: container, el: its copy here}]
    atoms.forEach(function (atom) {
      var depth = 0;
      while (depth < open.length && depth < atom.chain.length && open[depth].src === atom.chain[depth]) depth++;
      open.length = depth;
      for (var d = depth; d < atom.chain.length; d++) {
        var first = d + 1 < atom.chain.length ? atom.chain[d + 1] : atom.node;
        var el = shell(atom.chain[d], first);
        (d ? open[d - 1].el : target).appendChild(el);
        open.push({ src: atom.chain[d], el: el });
      }
      var parent = open.length ? open[open.length - 1].el : target;
      var last = parent.lastElementChild;
      if (atom.node.nsWhole && last && last.nsWhole === atom.node.nsWhole) {
        // The next sentences of the paragraph just placed: into it, not a new paragraph.
        Array.prototype.forEach.call(atom.node.childNodes, function (c) { last.appendChild(c.cloneNode(true)); });
      } else {
        var copy = atom.node.cloneNode(true);
        copy.nsWhole = atom.node.nsWhole;
        parent.appendChild(copy);
      }
    });
  }

  /* --- Layout: scale and split to fit the stage ------------------------------------------ */
  /* A slide is laid out at the page's own size and scaled up with a CSS transform: its height
     on screen is its laid-out height times the scale, in every engine. (CSS zoom looked
     simpler, but WebKit's getBoundingClientRect() ignores the zoom of the element it measures:
     slides fitted on paper and ran off the screen in Safari.) The probe, where slides are
     tried, is never scaled: it is measured as laid out and the product computed. */

  var root = null, stage = null, qrBox = null, probe = null, counter = null;
  var slides = [], index = 0, opener = null, content = null, baseFont = 16;

  function room() {
    var cs = getComputedStyle(stage);
    return {
      w: stage.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight),
      h: stage.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom)
    };
  }

  // The laid-out width for a scale: the room's width on screen, at most MAX_LINE_EM. `slack`
  // (the probe) is a hair narrower than the slide: sub-pixel rounding then never makes the slide
  // wrap a line, or drop a column of cards, that the probe didn't.
  function setWidth(el, scale, box, slack) {
    el.style.width = (Math.min(box.w / scale, MAX_LINE_EM * baseFont) - (slack || 0)) + "px";
  }

  // Centred by the transform too: WebKit counts a scaled box placed by auto margins as wider
  // than it is, and the stage would scroll sideways.
  function setScale(el, scale, box) {
    setWidth(el, scale, box, 0);
    var left = Math.max(0, (box.w - parseFloat(el.style.width) * scale) / 2);
    el.style.transform = "translateX(" + left.toFixed(2) + "px) scale(" + scale.toFixed(4) + ")";
  }

  // Words as the class reads them: every run of letters between spaces, in every text.
  function countWords(el) {
    var n = 0, walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), t;
    while ((t = walk.nextNode())) n += (t.data.match(/\S+/g) || []).length;
    return n;
  }

  // The smallest text of the probe, as a share of the slide's own size (a table's header, a
  // note): the floor holds for it too.
  function smallestShare() {
    var least = 1, walk = document.createTreeWalker(probe, NodeFilter.SHOW_TEXT), t;
    while ((t = walk.nextNode())) {
      if (!/\S/.test(t.data)) continue;
      least = Math.min(least, parseFloat(getComputedStyle(t.parentElement).fontSize) / baseFont);
    }
    return least;
  }

  // Fill the probe with a slide's content, every <details> open, as it may be once revealed.
  function fill(head, atoms, continued) {
    probe.textContent = "";
    if (head) {
      var h = head.cloneNode(true);
      if (continued) h.appendChild(document.createTextNode(root.getAttribute("data-label-continued")));
      probe.appendChild(h);
    }
    assemble(probe, atoms);
    probe.querySelectorAll("details:not([open])").forEach(function (d) {
      d.setAttribute("data-present-folded", "");
      d.open = true;
    });
    // The heading a continued slide repeats is there to say where we are, not to be read again.
    probe.nsWords = countWords(probe) - (head && continued ? countWords(probe.firstChild) : 0);
    probe.nsShare = smallestShare();
  }

  function fits(scale, box) {
    setWidth(probe, scale, box, 1);
    return probe.getBoundingClientRect().height * scale <= box.h - 1;
  }

  // The scale that puts the probe's smallest text at the floor.
  function least(box) {
    return box.floor / (baseFont * probe.nsShare);
  }

  // The room on a slide, without or with the QR code's column, and the limits there.
  function measureRoom(withQr) {
    qrBox.hidden = !withQr;
    var box = room();
    box.qr = withQr;
    box.floor = root.clientHeight * SMALLEST;       // px, for the smallest text
    box.max = box.h * LARGEST / baseFont;           // scale, for the body text
    box.last = box.h * LAST_RESORT / baseFont;
    box.words = WORDS;
    return box;
  }

  // The largest scale between low and high at which the probe fits (low when nothing fits).
  function bestScale(box, low, high) {
    if (!fits(low, box)) return low;
    if (high <= low || fits(high, box)) return Math.max(low, high);
    for (var i = 0; i < 9; i++) {
      var mid = (low + high) / 2;
      if (fits(mid, box)) low = mid; else high = mid;
    }
    return low;
  }

  function introduces(el) {
    return /^H[3-6]$/.test(el.tagName) ||
      ((el.tagName === "P" || el.hasAttribute("data-present-run")) && /:\s*$/.test(el.textContent));
  }

  // Greedy: as many atoms per slide as fit at the floor and within the word budget; an atom too
  // much alone splits into its parts, or its sentences. `done` slides of this section came
  // before. Returns [[atom]].
  function pack(head, atoms, box, done) {
    var chunks = [], chunk = [], queue = atoms.slice();
    while (queue.length) {
      var atom = queue.shift(), b = box(chunks.length);
      fill(head, chunk.concat([atom]), done + chunks.length > 0);
      if (probe.nsWords <= b.words && fits(least(b), b)) { chunk.push(atom); continue; }
      if (chunk.length) {
        // A subheading or a lead-in ("In short:") never ends a slide: it moves on with what it
        // introduces.
        var carry = [];
        while (chunk.length > 1 && introduces(chunk[chunk.length - 1].node)) carry.unshift(chunk.pop());
        chunks.push(chunk);
        chunk = [];
        queue = carry.concat([atom], queue);
        continue;
      }
      var sub = parts(atom.node), bits = !sub && sentences(atom.node);
      if (sub) {
        var chain = atom.chain.concat([atom.node]);
        queue = sub.map(function (node) { return { node: node, chain: chain }; }).concat(queue);
      } else if (bits) {
        queue = bits.map(function (node) { return { node: node, chain: atom.chain }; }).concat(queue);
      } else {
        chunks.push([atom]);   // indivisible and too much: it gets a smaller size (LAST_RESORT)
      }
    }
    if (chunk.length || !chunks.length) chunks.push(chunk);
    return chunks;
  }

  // The same number of slides, evened out: the least height and words that still need no more
  // slides (no slide of four table rows followed by one of a single row).
  function packEven(head, atoms, box, done) {
    var chunks = pack(head, atoms, box, done);
    if (chunks.length < 2) return chunks;
    var low = 1 / chunks.length, high = 1, best = chunks;
    var scaled = function (f) {
      return function (n) {
        var b = box(n), c = {};
        for (var k in b) c[k] = b[k];
        c.h = b.h * f;
        c.words = b.words * f;
        return c;
      };
    };
    for (var i = 0; i < 6; i++) {
      var mid = (low + high) / 2, tried = pack(head, atoms, scaled(mid), done);
      if (tried.length <= chunks.length) { high = mid; best = tried; } else low = mid;
    }
    return best;
  }

  function layout() {
    baseFont = parseFloat(getComputedStyle(probe).fontSize) || 16;
    var plain = measureRoom(false), qr = measureRoom(true);
    var plan = [];
    content.forEach(function (section, s) {
      var atoms = section.blocks.map(function (b) { return { node: b, chain: [] }; });
      var chunks = packEven(section.head, atoms, function (n) { return s === 0 && n === 0 ? qr : plain; }, 0);
      if (s === content.length - 1 && !(s === 0 && chunks.length === 1)) {
        // The last slide shows the QR code too: its content is packed again in the narrower room.
        var tail = chunks.pop();
        chunks = chunks.concat(packEven(section.head, tail, function () { return qr; }, chunks.length));
      }
      chunks.forEach(function (atomsOf, n) {
        plan.push({ section: s, head: section.head, atoms: atomsOf, continued: n > 0 });
      });
    });
    var made = plan.map(function (p, i) {
      var box = i === 0 || i === plan.length - 1 ? qr : plain;
      fill(p.head, p.atoms, p.continued);
      var low = least(box);
      var scale = bestScale(box, low, Math.max(low, box.max));
      if (!fits(scale, box)) scale = bestScale(box, box.last, low);
      var slide = document.createElement("section");
      slide.className = "ns-present__slide md-typeset";
      slide.setAttribute("data-present-slide", String(i + 1));
      slide.setAttribute("data-present-section", String(p.section));
      if (p.continued) slide.setAttribute("data-present-continued", "");
      slide.tabIndex = -1;
      while (probe.firstChild) slide.appendChild(probe.firstChild);
      slide.querySelectorAll("[data-present-folded]").forEach(function (d) {
        d.removeAttribute("data-present-folded");
        d.open = false;
      });
      slide.ns = { scale: scale, least: low, box: box, section: p.section };
      slide.hidden = true;
      return slide;
    });
    probe.textContent = "";
    // The slides of one section share one text size, the smallest that section needed, unless
    // that would put a slide's smaller texts (a table, a note) under the floor.
    var smallest = {};
    made.forEach(function (s) { smallest[s.ns.section] = Math.min(smallest[s.ns.section] || Infinity, s.ns.scale); });
    made.forEach(function (s) { s.ns.scale = Math.min(s.ns.scale, Math.max(smallest[s.ns.section], s.ns.least)); });
    return made;
  }

  // Text wraps at sub-pixel edges, so the probe's verdict is checked on each slide in place; a
  // slide that still runs over is scaled down a little until it fits.
  function settle() {
    slides.forEach(function (slide, i) {
      var box = slide.ns.box, scale = slide.ns.scale;
      qrBox.hidden = !box.qr;
      slide.hidden = false;
      for (var tries = 0; tries < 12; tries++) {
        setScale(slide, scale, box);
        if (slide.getBoundingClientRect().height <= box.h) break;
        scale *= 0.97;
      }
      slide.hidden = i !== index;
    });
  }

  function relayout() {
    if (!root) return;
    // A new screen size (full screen, a projector plugged in): lay out again, back at the start
    // of the section on screen.
    var section = slides.length ? slides[index].getAttribute("data-present-section") : "0";
    slides.forEach(function (s) { s.remove(); });
    slides = layout();
    slides.forEach(function (s) { stage.appendChild(s); });
    var at = 0;
    while (at < slides.length - 1 && slides[at].getAttribute("data-present-section") !== section) at++;
    index = at;
    settle();
    show(at);
  }

  /* --- Showing and moving ---------------------------------------------------------------- */

  function show(i) {
    index = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function (s, n) { s.hidden = n !== index; });
    counter.textContent = (index + 1) + " / " + slides.length;
    root.querySelector("[data-present-prev]").disabled = index === 0;
    root.querySelector("[data-present-next]").disabled = index === slides.length - 1;
    // The QR code sits on the first and the last slide, where people have time to scan it; the
    // layout left it its own column there, so it covers nothing.
    qrBox.hidden = !(index === 0 || index === slides.length - 1);
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

  var resizeFrame = 0;
  function onResize() {
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(relayout);
  }

  function enter() {
    if (root) return;
    opener = document.activeElement;
    root = template.content.firstElementChild.cloneNode(true);
    root.querySelectorAll("[data-label]").forEach(function (el) { el.textContent = el.getAttribute("data-label"); });
    stage = root.querySelector("[data-present-stage]");
    qrBox = root.querySelector("[data-present-qr]");
    counter = root.querySelector("[data-present-counter]");
    probe = document.createElement("section");
    probe.className = "ns-present__slide ns-present__probe md-typeset";
    probe.setAttribute("aria-hidden", "true");
    root.appendChild(probe);
    document.body.appendChild(root);
    // Also tells quick-exit.js that Shift pressed three times must not leave while presenting.
    document.documentElement.classList.add("ns-presenting");
    content = sections();
    slides = [];
    index = 0;
    relayout();
    root.addEventListener("click", onClick);
    document.addEventListener("keydown", onKey, true);
    window.addEventListener("resize", onResize);
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
    window.removeEventListener("resize", onResize);
    if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
    old.remove();
    document.documentElement.classList.remove("ns-presenting");
    if (location.hash === "#present") history.replaceState(null, "", location.pathname + location.search);
    (opener && opener.focus ? opener : button).focus();
  }

  button.addEventListener("click", enter);
  // The press (or the #present address) that loaded this script: start now.
  if (tools.hasAttribute("data-present-start")) {
    tools.removeAttribute("data-present-start");
    enter();
  }
})();
