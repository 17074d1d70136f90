"""Presentation mode (issues 7, 16, 17).

- Enter by the control, move by keyboard and click, leave with Escape, counter in a live region,
  language switch on the slides, with and without the Fullscreen API.
- Every slide of every presentable page, at 1024x768, 1280x800 and 1920x1080 in both languages:
  nothing runs past the screen (with every folded answer opened), no icon or image larger than
  half the screen, text no smaller than a floor, the QR code on the first and last slide and over
  no text, and every word of the page on some slide, in order, except the presenter-only sections.
- The control is on the pages the lesson plan projects; not on a student page at phone width.
- A text browser shows the page title first: the slides' template and the control hold no text.
"""
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from support import DOCS, LANGS, PageWatch, built_path, page_pairs, page_url

from sitebuild import kit as K

NO_FULLSCREEN = "delete Element.prototype.requestFullscreen; Object.defineProperty(Document.prototype, 'fullscreenEnabled', {get: () => false});"
SCREENS = [(1024, 768), (1280, 800), (1920, 1080)]
# The list of pages a counsellor projects; the lesson plan's own list is read from it below.
MUST_PRESENT = {"index", "aide", "maintenant", "ordonnance", "qui-peut-demander", "demande",
                "educateurs/quiz", "educateurs/scenarios"}


def front_matter(name, lang="fr"):
    return yaml.safe_load((DOCS / f"{name}.{lang}.md").read_text(encoding="utf-8").split("---\n", 2)[1])


PRESENTED = [n for n in page_pairs() if K.wants_present(f"{n}.fr.md", front_matter(n))]
STUDENT_PAGES = [n for n in PRESENTED if not K.present_at_every_width(f"{n}.fr.md")]


def counter(page):
    return page.locator("[data-present-counter]").inner_text().strip()


def visible_slides(page):
    return page.locator("[data-present-slide]:visible")


def slide_headings(page):
    """The heading each slide starts with, continuation marks dropped, repeats folded."""
    heads = page.evaluate("""() => [...document.querySelectorAll('[data-present-slide]')].map(s => {
        const h = s.querySelector('h1, h2');
        if (!h) return null;
        const t = h.textContent;
        const mark = document.querySelector('[data-present-root]').getAttribute('data-label-continued');
        return s.hasAttribute('data-present-continued') && t.endsWith(mark) ? t.slice(0, -mark.length) : t;
    })""")
    return [h for i, h in enumerate(heads) if i == 0 or h != heads[i - 1]]


# --- Moving through the slides --------------------------------------------------------------------

CASES = [(name, lang, True) for name in ("educateurs/index", "ordonnance", "educateurs/quiz")
         for lang in LANGS] + [("ordonnance", lang, False) for lang in LANGS]


@pytest.mark.parametrize("name,lang,fullscreen", CASES,
                         ids=[f"{n}-{l}-{'fs' if f else 'no-fullscreen-api'}" for n, l, f in CASES])
def test_present_by_keyboard(context, base_url, lang, name, fullscreen):
    if not fullscreen:
        context.add_init_script(NO_FULLSCREEN)
    watch = PageWatch(context, base_url)
    page = watch.attach(context.new_page())
    page.goto(page_url(base_url, name, lang))
    article = page.locator("article.md-content__inner")
    titles = [article.locator("h1").inner_text()] + article.locator("h2").all_inner_texts()
    control = page.locator("[data-present]")
    control.focus()
    page.keyboard.press("Enter")
    wait_for_slides(page)
    root = page.locator("[data-present-root]")
    assert root.is_visible() and root.get_attribute("role") == "dialog"
    assert page.locator("[data-present-root] [aria-live='polite'] [data-present-counter]").count() == 1
    total = int(counter(page).split(" / ")[1])
    assert total >= 2 and counter(page) == f"1 / {total}"
    assert visible_slides(page).count() == 1
    # One section after another, each at least once, in the page's order.
    assert slide_headings(page) == titles
    # Focus moved into the dialog.
    assert page.evaluate("document.querySelector('[data-present-root]').contains(document.activeElement)")

    page.keyboard.press("ArrowRight")
    assert counter(page) == f"2 / {total}"
    page.keyboard.press("ArrowLeft")
    assert counter(page) == f"1 / {total}"
    page.keyboard.press("PageDown")
    assert counter(page) == f"2 / {total}"
    page.keyboard.press("PageUp")
    assert counter(page) == f"1 / {total}"
    page.keyboard.press(" ")
    assert counter(page) == f"2 / {total}"
    assert page.evaluate("document.activeElement.getAttribute('data-present-slide')") == "2"
    page.keyboard.press("ArrowLeft")
    assert counter(page) == f"1 / {total}"
    page.locator("[data-present-stage]").click(position={"x": 5, "y": 5})   # a click moves on
    assert counter(page) == f"2 / {total}"
    url = page.url
    page.keyboard.press("n")   # Material's "next page" shortcut does nothing while presenting
    assert page.url == url and counter(page) == f"2 / {total}"
    page.keyboard.press("End")
    assert counter(page) == f"{total} / {total}"
    page.keyboard.press("ArrowRight")   # stays on the last slide
    assert counter(page) == f"{total} / {total}"
    assert visible_slides(page).locator("h2").inner_text().startswith(titles[-1])

    # The other language is one click away, from every slide.
    other = [x for x in LANGS if x != lang][0]
    switch = page.locator("[data-present-root] [data-present-lang]")
    assert switch.is_visible() and switch.get_attribute("hreflang") == other

    page.keyboard.press("Escape")
    assert page.locator("[data-present-root]").count() == 0
    assert page.evaluate("document.fullscreenElement") is None
    assert page.evaluate("document.activeElement.hasAttribute('data-present')")
    assert watch.foreign() == [] and watch.failures == [] and watch.console_errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_language_switch_keeps_presenting(context, base_url, lang):
    page = context.new_page()
    page.goto(page_url(base_url, "maintenant", lang))
    page.locator("[data-present]").click()
    wait_for_slides(page)
    page.keyboard.press("ArrowRight")
    page.locator("[data-present-root] [data-present-lang]").click()
    other = [x for x in LANGS if x != lang][0]
    page.wait_for_url(re.compile(re.escape(page_url(base_url, "maintenant", other)) + "#present$"))
    assert page.locator("html").get_attribute("lang").startswith(other)
    wait_for_slides(page)
    assert page.locator("[data-present-root]").is_visible()
    assert counter(page).startswith("1 / ")
    page.keyboard.press("Escape")
    assert page.locator("[data-present-root]").count() == 0
    assert "#present" not in page.url


def test_no_focus_frame_around_the_slide_after_moving(context, base_url):
    """The slide takes focus so screen readers read it, but it is not a control: no ring."""
    page = context.new_page()
    page.goto(page_url(base_url, "ordonnance", "fr"))
    page.locator("[data-present]").click()
    wait_for_slides(page)
    page.keyboard.press("ArrowRight")
    style = page.evaluate("""() => { const s = document.activeElement, cs = getComputedStyle(s);
        return {slide: s.hasAttribute('data-present-slide'), visible: s.matches(':focus-visible'),
                outline: cs.outlineStyle, shadow: cs.boxShadow}; }""")
    # Focus is keyboard focus here (":focus-visible"), so the site's ring would show without the rule.
    assert style == {"slide": True, "visible": True, "outline": "none", "shadow": "none"}


@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_nothing_in_the_slides(context, base_url, lang):
    """The dialog, its bar and zoomed slides with cards, boxes and folded answers: axe stays at 0."""
    from test_a11y import _violations
    page = context.new_page()
    found = []
    for name in ("aide", "educateurs/quiz"):
        page.goto(page_url(base_url, name, lang))
        page.locator("[data-present]").click()
        wait_for_slides(page)
        for _ in range(3):
            found += _violations(page)
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Escape")
    assert found == [], "\n".join(found)


# --- Every slide fits the screen ------------------------------------------------------------------

# Projected text: at least 28 px on a 1024x768 screen, the same share of any screen's height
# (29 px at 800, 39 px at 1080); at most 70 words a slide, not counting the heading that a
# "(continued)" slide repeats. A longer section splits.
FLOOR_OF_HEIGHT = 28 / 768
WORDS = 70

CHECK_SLIDES = r"""({skip}) => {
  const root = document.querySelector('[data-present-root]');
  const stage = root.querySelector('[data-present-stage]');
  const qr = root.querySelector('[data-present-qr]');
  const bar = root.querySelector('.ns-present__bar').getBoundingClientRect();
  const slides = [...root.querySelectorAll('[data-present-slide]')];
  const W = innerWidth, H = innerHeight, problems = [], got = [];
  const cs = getComputedStyle(stage);
  const room = stage.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
  let tallest = 0, smallest = Infinity, most = 0;
  const norm = (t) => t.replace(/\s+/g, ' ').trim();
  const texts = (el) => {
    const out = [], walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n; (n = walk.nextNode());) if (norm(n.textContent)) out.push(n);
    return out;
  };
  const rectsOf = (node) => { const r = document.createRange(); r.selectNodeContents(node);
    return [...r.getClientRects()].filter(x => x.width > 0 && x.height > 0); };
  const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  slides.forEach((s, i) => {
    const at = `slide ${i + 1}/${slides.length}`;
    const shown = slides.filter(x => !x.hidden);
    if (shown.length !== 1 || shown[0] !== s) problems.push(`${at}: not the only slide shown`);
    // Every folded answer opened: the slide fits once the presenter reveals it too.
    const folded = [...s.querySelectorAll('details:not([open])')];
    folded.forEach(d => { d.open = true; });
    const box = s.getBoundingClientRect();
    tallest = Math.max(tallest, box.height);
    // Rectangles are measured, so CSS zoom is refused: WebKit's ignore it (an element zoomed 2x
    // measures as if it were not), and the slide would run off the screen unseen.
    const zoomed = [s, ...s.querySelectorAll('*')].find(e => parseFloat(getComputedStyle(e).zoom || '1') !== 1);
    if (zoomed) problems.push(`${at}: CSS zoom on a <${zoomed.tagName.toLowerCase()}> (WebKit measures it unzoomed)`);
    if (stage.scrollHeight > stage.clientHeight + 1 || stage.scrollWidth > stage.clientWidth + 1)
      problems.push(`${at}: the stage scrolls (${stage.scrollHeight} > ${stage.clientHeight})`);
    const boxes = [...s.querySelectorAll('*')].map(e => [e, e.getBoundingClientRect()])
      .filter(([, r]) => r.width > 0 && r.height > 0);
    const lines = texts(s).flatMap(n => rectsOf(n).map(r => [n, r]));
    for (const [e, r] of [[s, box]].concat(boxes, lines)) {
      if (r.bottom > H + 0.5 || r.right > W + 0.5 || r.left < -0.5 || r.top < bar.bottom - 0.5) {
        problems.push(`${at}: "${norm(e.textContent).slice(0, 40)}" runs past the screen ` +
                      `(${Math.round(r.left)},${Math.round(r.top)} to ${Math.round(r.right)},${Math.round(r.bottom)})`);
        break;
      }
    }
    for (const el of s.querySelectorAll('svg, img')) {
      const r = el.getBoundingClientRect();
      if (r.width > W / 2 || r.height > H / 2) problems.push(`${at}: an icon or image of ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
    // Text size as projected: the computed size times the slide's scale (its width on screen
    // over its laid-out width: a transform, if any).
    const scale = box.width / parseFloat(getComputedStyle(s).width);
    for (const [n] of lines) {
      smallest = Math.min(smallest, parseFloat(getComputedStyle(n.parentElement).fontSize) * scale);
    }
    // Words: every run of characters between spaces, text by text (a heading and the paragraph
    // after it are two texts even where textContent glues them together), less the heading a
    // "(continued)" slide repeats.
    const repeat = s.hasAttribute('data-present-continued') ? s.querySelector('h1, h2') : null;
    const words = texts(s).filter(n => !(repeat && repeat.contains(n)))
      .reduce((sum, n) => sum + (n.textContent.match(/\S+/g) || []).length, 0);
    most = Math.max(most, words);
    if (words > %(words)d) problems.push(`${at}: ${words} words ("${norm(s.textContent).slice(0, 40)}")`);
    const edge = i === 0 || i === slides.length - 1;
    const q = qr.getBoundingClientRect();
    if (edge !== (!qr.hidden && q.width > 0)) problems.push(`${at}: QR code ${edge ? 'missing' : 'shown'}`);
    if (edge) {
      if (q.bottom > H + 0.5 || q.right > W + 0.5) problems.push(`${at}: the QR code runs past the screen`);
      const hit = lines.find(([, r]) => overlaps(r, q));
      if (hit) problems.push(`${at}: the QR code covers "${norm(hit[0].textContent).slice(0, 40)}"`);
    }
    folded.forEach(d => { d.open = false; });
    texts(s).forEach(n => got.push(norm(n.textContent)));
    document.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}));
  });
  // Nothing of the page is lost: its words, section by section, are on the slides in order
  // (continuation headings and repeated table headers may come on top). Left out: the page's tools,
  // the presenter-only sections, what the page marks data-present-omit, its own QR code (the
  // slides show theirs), the quiz's buttons and feedback.
  const article = document.querySelector('article.md-content__inner');
  const heads = [...article.querySelectorAll('h2')];
  const section = (n) => heads.filter(h => h.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
  const left = '[data-present-tools], script, template, [data-present-omit], [data-qr], .headerlink, [data-quiz-choices], [data-quiz-feedback]';
  const expected = [], secret = [];
  for (const n of texts(article)) {
    if (n.parentElement.closest(left)) continue;
    const h = section(n);
    (h && skip.includes(h.id) ? secret : expected).push(norm(n.textContent));
  }
  // Word by word: a paragraph split between slides may have a repeated heading, a box's title
  // or a folded answer's summary between its pieces.
  const shownWords = got.join(' ').split(' '), pageWords = expected.join(' ').split(' ');
  let k = 0;
  for (const w of shownWords) if (k < pageWords.length && w === pageWords[k]) k++;
  if (k < pageWords.length) problems.push(`missing from the slides, or out of order: "${pageWords.slice(k, k + 10).join(' ')}"`);
  for (const t of secret) if (t.length > 25 && got.includes(t)) problems.push(`presenter-only text projected: "${t.slice(0, 60)}"`);
  if (skip.length && !secret.length) problems.push('the presenter-only sections were not found on the page');
  return {problems, count: slides.length, tallest, room, smallest, most, W, H};
}""" % {"words": WORDS}

# Opening the slides by a click from a script: no user gesture, so no full screen, whose size
# (the whole display under Xvfb) is not the one tested.
OPEN_SLIDES = "() => document.querySelector('[data-present]').click()"


def wait_for_slides(page):
    """Presentation mode's script is fetched when the button is pressed (issue 25): the slides
    come a moment later."""
    page.wait_for_selector("[data-present-root] [data-present-slide]", timeout=10000)
FIGURES = {}   # (engine, screen) -> the figures the closing note reports


@pytest.mark.parametrize("width,height", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_every_slide_fits_the_screen(engine, base_url, width, height):
    """Every slide of every presentable page, both languages, in each engine: nothing past the
    screen (folded answers open), text at least 28 px at 768 px high, at most 70 words."""
    engine.size(width, height)
    problems, count, tallest, room, smallest, most = [], 0, 0, 0, float("inf"), 0
    for name in PRESENTED:
        for lang in LANGS:
            skip = front_matter(name, lang).get("presenter_only") or []
            engine.goto(page_url(base_url, name, lang))
            engine.run(OPEN_SLIDES)
            # (present.js is fetched at the press: the slides come a moment later.)
            engine.wait("() => !!document.querySelector('[data-present-root] [data-present-slide]')",
                        timeout=10)
            out = engine.run(CHECK_SLIDES, {"skip": skip})
            count += out["count"]
            where = f"{engine.name} {name} {lang} {width}x{height}"
            assert (out["W"], out["H"]) == (width, height), f"{where}: measured at {out['W']}x{out['H']}"
            problems += [f"{where}: {p}" for p in out["problems"]]
            if out["smallest"] < FLOOR_OF_HEIGHT * height - 0.05:
                problems.append(f"{where}: text of {out['smallest']:.1f} px")
            if out["tallest"] > tallest:
                tallest, room = out["tallest"], out["room"]
            smallest, most = min(smallest, out["smallest"]), max(most, out["most"])
    FIGURES[engine.name, f"{width}x{height}"] = dict(slides=count, tallest=round(tallest, 1),
                                                    room=round(room, 1), smallest=round(smallest, 1),
                                                    most_words=most)
    print(FIGURES[engine.name, f"{width}x{height}"])
    assert count >= 2 * len(PRESENTED) * 3
    assert problems == [], "\n".join(problems)


def test_slides_are_laid_out_again_when_the_screen_changes(context, base_url):
    """Full screen, or a projector plugged in, changes the size: the slides follow."""
    page = context.new_page()
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(page_url(base_url, "aide", "fr"))
    page.locator("[data-present]").click()
    wait_for_slides(page)
    zoom = "() => document.querySelector('[data-present-slide]').style.transform"
    before = page.evaluate(zoom)
    page.keyboard.press("End")
    last = visible_slides(page).locator("h2").inner_text().split(" (suite)")[0]
    page.set_viewport_size({"width": 1024, "height": 768})
    page.wait_for_function(f"() => ({zoom})() !== {before!r}")
    # Back at the start of the section that was on screen.
    assert visible_slides(page).locator("h2").inner_text() == last
    page.keyboard.press("Home")
    out = page.evaluate(CHECK_SLIDES, {"skip": []})
    assert out["problems"] == []


# --- Which pages, which widths --------------------------------------------------------------------

def plan_projects(site_dir, lang):
    """The pages the lesson plan says to project: the links in its tables' last column."""
    html = (site_dir / built_path("educateurs/plan", lang)).read_text(encoding="utf-8")
    base = "http://x/" + ("" if lang == "fr" else "en/") + "educateurs/plan/"
    names = set()
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        for href in re.findall(r'href="([^"]+)"', cells[-1] if cells else ""):
            path = urlsplit(urljoin(base, href)).path.strip("/")
            path = path[3:] if lang == "en" and path.startswith("en") else path
            names.add(path.strip("/") or "index")
    return names


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_the_plan_projects_is_presentable(site_dir, lang):
    projected = plan_projects(site_dir, lang)
    assert {"index", "ordonnance", "aide"} <= projected, projected
    assert projected <= set(PRESENTED), projected - set(PRESENTED)
    assert MUST_PRESENT <= set(PRESENTED)
    # The checker's diagram is not: a nested outline cut into slides loses its shape.
    assert "educateurs/schema" not in PRESENTED


def test_present_control_is_on_the_chosen_pages_only(site_dir):
    for name in page_pairs():
        for lang in LANGS:
            html = (site_dir / built_path(name, lang)).read_text(encoding="utf-8")
            want = name in PRESENTED
            assert ("data-present-tools" in html) == want, (name, lang)
            assert ("template data-present-ui" in html) == want, (name, lang)
            assert ("assets/site/present.min.js" in html) == want, (name, lang)
            # Student pages carry the class that hides the control at phone width.
            assert ('ns-tools--wide' in html) == (name in STUDENT_PAGES), (name, lang)


def test_present_control_is_hidden_without_javascript(browser, base_url):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(page_url(base_url, "educateurs/index", "fr"))
    assert page.locator("[data-present-tools]").count() == 1
    assert not page.locator("[data-present-tools]").is_visible()
    assert page.locator("[data-present]").count() == 0   # the script makes the button
    ctx.close()


@pytest.mark.parametrize("lang", LANGS)
def test_no_teacher_tool_on_student_pages_at_phone_width(browser, base_url, lang):
    """A scared teenager on a phone sees the page, not a teacher's tool (issue 16). The educators'
    pages keep it; on a computer, the student pages the plan projects have it too."""
    assert {"index", "maintenant", "aide", "demande", "ordonnance", "qui-peut-demander"} <= set(STUDENT_PAGES)
    for width, height, mobile in ((360, 740, True), (1024, 768, False)):
        ctx = browser.new_context(viewport={"width": width, "height": height}, is_mobile=mobile,
                                  has_touch=mobile)
        page = ctx.new_page()
        for name in PRESENTED:
            page.goto(page_url(base_url, name, lang))
            tools = page.locator("[data-present-tools]")
            page.wait_for_function("() => document.querySelector('[data-present]') !== null")
            shown = name not in STUDENT_PAGES or width >= 1024
            assert page.locator("[data-present]").is_visible() == shown, (name, width)
            if not shown:
                assert tools.bounding_box() is None, name   # no room kept for it either
        if width == 360:
            # A link that opens the slides (the language switch adds #present) does not either.
            page.goto(page_url(base_url, "maintenant", lang) + "#present")
            page.wait_for_function("() => !location.hash")
            assert page.locator("[data-present-root]").count() == 0
        ctx.close()


# --- A text browser -------------------------------------------------------------------------------

class TextBrowser(HTMLParser):
    """Reads a page as lynx does: every text in order, scripts and styles left out, <template>
    content and hidden elements shown (a text browser knows neither)."""

    def __init__(self):
        super().__init__()
        self.stack, self.out = [], []

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if data.strip() and not any(t in ("script", "style", "title", "svg") for t, _ in self.stack):
            self.out.append((data.strip(), [(t, a) for t, a in self.stack]))


@pytest.mark.parametrize("lang", LANGS)
def test_a_text_browser_shows_the_title_before_anything_of_the_slides(site_dir, lang):
    for name in PRESENTED:
        reader = TextBrowser()
        reader.feed((site_dir / built_path(name, lang)).read_text(encoding="utf-8"))
        inside = lambda chain, test: any(test(t, a) for t, a in chain)  # noqa: E731
        in_article = [(text, chain) for text, chain in reader.out
                      if inside(chain, lambda t, a: t == "article")]
        assert in_article and inside(in_article[0][1], lambda t, a: t == "h1"), (name, in_article[:2])
        slides = [text for text, chain in reader.out
                  if inside(chain, lambda t, a: t == "template" or "data-present-tools" in a)]
        assert slides == [], (name, slides)


# --- Presenter-only sections ---------------------------------------------------------------------

def test_presenter_only_sections_are_the_same_in_both_languages():
    marked = {n: [front_matter(n, lang).get("presenter_only") for lang in LANGS] for n in page_pairs()}
    assert marked["educateurs/plan"][0] == ["what-to-say", "disclosure"]
    assert all(fr == en for fr, en in marked.values()), marked


def test_an_unknown_presenter_only_section_stops_the_build(tmp_path):
    from support import build, copy_project
    project = copy_project(tmp_path)
    plan = project / "docs" / "educateurs" / "plan.en.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "presenter_only: [what-to-say, disclosure]", "presenter_only: [what-to-say, disclosur]"),
        encoding="utf-8")
    proc = build(tmp_path / "out", "http://127.0.0.1:1/", config=project / "mkdocs.yml", check=False)
    assert proc.returncode != 0
    assert "educateurs/plan.en.md: presenter_only: no h2 with the id disclosur" in proc.stdout + proc.stderr
