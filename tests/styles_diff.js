// Computed styles of every element of the page (and its ::before and ::after), every property
// but custom properties, first with the stylesheet the page links (the purged one), then with the
// unpurged one at `full` in its place, in the same state; returns the differences, at most 20.
// Used by tests/test_purged_styles.py through one page.evaluate() per page and state.
async (full) => {
  const link = document.querySelector('link[rel="stylesheet"][href*="assets/site/bundle.min.css"]');
  if (!link) return { error: "no stylesheet link" };
  const elements = [document.documentElement, ...document.documentElement.querySelectorAll("*")]
    .filter((el) => !["SCRIPT", "TEMPLATE", "HEAD", "META", "LINK", "TITLE", "STYLE"].includes(el.tagName)
      && !el.closest("head"));
  // Every property the engine computes, custom properties aside (they hold values, not styles:
  // what reads them shows in the properties that do).
  const all = getComputedStyle(document.documentElement);
  const props = [];
  for (let i = 0; i < all.length; i++) if (!all[i].startsWith("--")) props.push(all[i]);
  const row = (cs) => {
    let s = "";
    for (let i = 0; i < props.length; i++) s += cs.getPropertyValue(props[i]) + "\u0001";
    return s;
  };
  const snap = () => {
    const rows = [];
    for (const el of elements) {
      rows.push(row(getComputedStyle(el)));
      for (const pseudo of ["::before", "::after"]) {
        const cs = getComputedStyle(el, pseudo);
        rows.push(cs.content === "none" || cs.content === "normal" ? null : row(cs));
      }
    }
    return rows;
  };
  // Styles are brought up to date first (that is when a transition starts), then transitions
  // and animations jump to their end, so both stylesheets are read at rest.
  const settle = () => {
    void document.documentElement.offsetHeight;
    getComputedStyle(document.documentElement).color;
    document.getAnimations().forEach((a) => {
      try { a.finish(); } catch (e) { a.cancel(); }
    });
  };
  // Material's script changes classes and inline styles as the page scrolls or resizes (the
  // table of contents, the header's title, the sidebars): if that happened between the two
  // readings, they are not comparable, and the test reads again.
  const marks = () => elements.map((el) => (el.getAttribute("class") || "") + "|" +
    (el.getAttribute("style") || "") + "|" + (el.hidden ? 1 : 0)).join("\n");
  const swap = (href) => new Promise((resolve) => {
    const next = link.cloneNode();
    next.href = href;
    next.onload = () => resolve(next);
    next.onerror = () => resolve(null);
    link.after(next);
  });
  settle();
  const dom = marks();
  const before = snap();
  const own = link.href;
  const fullLink = await swap(full);
  if (!fullLink) return { error: "the unpurged stylesheet did not load" };
  link.disabled = true;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  settle();
  const after = snap();
  const moved = marks() !== dom;
  fullLink.remove();
  link.disabled = false;
  settle();
  if (moved) return { elements: elements.length, moved: true };
  const diffs = [];
  let count = 0;
  for (let i = 0; i < before.length; i++) {
    if (before[i] === after[i]) continue;
    count++;
    if (diffs.length >= 20) continue;
    const el = elements[Math.floor(i / 3)];
    const pseudo = [null, "::before", "::after"][i % 3];
    const a = (before[i] || "").split("\u0001"), b = (after[i] || "").split("\u0001");
    const changed = [];
    if (before[i] === null || after[i] === null) changed.push(`content: purged ${before[i] === null ? "none" : "set"} / full ${after[i] === null ? "none" : "set"}`);
    else props.forEach((p, k) => { if (a[k] !== b[k]) changed.push(`${p}: purged ${a[k]} / full ${b[k]}`); });
    const path = [];
    for (let n = el; n && n.nodeType === 1 && path.length < 4; n = n.parentElement) {
      path.unshift(n.tagName.toLowerCase() + (n.id ? "#" + n.id : "") +
        (n.classList.length ? "." + [...n.classList].slice(0, 2).join(".") : ""));
    }
    diffs.push(`${path.join(" > ")}${pseudo || ""}: ${changed.slice(0, 4).join("; ")}`);
  }
  return { elements: elements.length, count, diffs, own };
}
