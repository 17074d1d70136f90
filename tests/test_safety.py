"""Quick exit (issue 5): on every page of both languages, visible at 360 px and on a desktop,
leaves by click, by Shift x3 and without JavaScript, and Back doesn't return to the page left.

The neutral site is never reached: its host is routed to a local stub page in each context."""
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from support import LANGS, ROOT, all_page_urls, built_path, page_pairs, page_url, tab_history

BAR = "[data-quick-exit-bar] a[data-quick-exit]"
STUB = "<!doctype html><html><head><title>Neutral</title></head><body><h1>Weather</h1></body></html>"


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml uses !ENV and !!python/name tags; we only read plain keys."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


def exit_urls() -> dict:
    conf = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)
    value = conf["extra"]["quick_exit_url"]
    return {lang: value[lang] if isinstance(value, dict) else value for lang in LANGS}


def route_neutral(context, seen=None):
    """Answer the neutral sites locally; `seen` collects (url, referer) of each request."""
    def handle(route):
        if seen is not None:
            seen.append((route.request.url, route.request.headers.get("referer")))
        route.fulfill(status=200, content_type="text/html", body=STUB)

    for url in set(exit_urls().values()):
        context.route(f"{url.rstrip('/')}/**", handle)
        context.route(url.rstrip("/"), handle)


def on_neutral(page, lang):
    page.wait_for_url(exit_urls()[lang] + "**", timeout=5000)
    assert page.title() == "Neutral"


class _Body(HTMLParser):
    """First link inside <body> (before Material's toggles, skip link and header), and the
    attributes of every <a>."""

    def __init__(self):
        super().__init__()
        self.in_body, self.first, self.links, self.before = False, None, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.in_body and self.first is None:
            if tag in ("a", "input", "label", "button"):
                self.first = (tag, attrs)
            else:
                self.before.append(tag)
        if tag == "body":
            self.in_body = True
        if tag == "a":
            self.links.append(attrs)


def _parse(path: Path) -> _Body:
    parser = _Body()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.proves("exit-everywhere")
@pytest.mark.parametrize("lang", LANGS)
def test_every_built_page_has_the_exit_first_and_in_the_bar(site_dir, lang):
    url = exit_urls()[lang]
    assert urlparse(url).scheme == "https"
    for name in page_pairs():
        where = built_path(name, lang)
        doc = _parse(site_dir / where)
        tag, attrs = doc.first
        assert tag == "a" and attrs.get("data-quick-exit") == "skip", \
            f"{where}: the first control in body is {tag} {attrs}, not the quick exit skip link"
        assert doc.before == [], f"{where}: {doc.before} before the skip link"
        exits = [a for a in doc.links if "data-quick-exit" in a]
        assert len(exits) == 2, where  # the skip link and the button
        button = exits[1]
        assert attrs["href"] == "#" + button["id"], where
        assert button["href"] == url and "noreferrer" in button["rel"].split(), where
        safety = [a for a in doc.links if a.get("class") == "ns-qe__safety"]
        assert len(safety) == 1, f"{where}: no link to the safety page next to the button"
        target = (site_dir / where).parent / safety[0]["href"]
        assert (target / "index.html").exists() or target.is_file(), f"{where}: {safety[0]['href']}"


def test_404_page_has_the_exit(site_dir):
    doc = _parse(site_dir / "404.html")
    assert doc.first[1].get("data-quick-exit") == "skip"
    assert sum("data-quick-exit" in a for a in doc.links) == 2


_VISIBLE = """sel => {
    const a = document.querySelector(sel), r = a.getBoundingClientRect();
    // Nothing on top of it: the element at its centre belongs to the button.
    const el = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return {x: r.x, y: r.y, w: r.width, h: r.height, vw: innerWidth, vh: innerHeight,
            onTop: !!(el && el.closest(sel))}; }"""


def _assert_visible(page, where):
    b = page.evaluate(_VISIBLE, BAR)
    assert b["x"] >= 0 and b["y"] >= 0, where
    assert b["x"] + b["w"] <= b["vw"] and b["y"] + b["h"] <= b["vh"], where
    assert b["h"] >= 24 and b["w"] >= 24, where  # WCAG 2.5.8 target size
    assert b["onTop"], f"{where}: the quick exit is covered"


@pytest.mark.proves("exit-everywhere")
@pytest.mark.parametrize("width,height", [(360, 780), (1280, 900)])
def test_exit_visible_on_every_page_top_and_bottom(browser, base_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        for lang, url in all_page_urls(base_url):
            page.goto(url, wait_until="domcontentloaded")
            _assert_visible(page, f"{url} at {width}px")
            page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
            page.wait_for_timeout(50)
            _assert_visible(page, f"{url} at {width}px, scrolled to the bottom")
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_exit_visible_with_drawer_and_search_open_at_360(browser, base_url, lang):
    context = browser.new_context(viewport={"width": 360, "height": 780})
    route_neutral(context)
    page = context.new_page()
    try:
        for name in ("index", "securite"):
            page.goto(page_url(base_url, name, lang))
            page.locator("label.md-header__button[for='__drawer']").click()
            page.wait_for_timeout(400)  # the drawer slides in
            assert page.locator(".md-sidebar--primary").bounding_box()["x"] >= 0
            _assert_visible(page, f"{name} {lang}, drawer open")
            page.locator(BAR).click()  # a real click: fails if anything lies on top
            on_neutral(page, lang)
            page.goto(page_url(base_url, name, lang))
            page.locator("label.md-header__button[for='__search']").click()
            page.wait_for_timeout(400)
            assert page.locator("input.md-search__input").is_visible()
            _assert_visible(page, f"{name} {lang}, search open")
            page.locator(BAR).click()
            on_neutral(page, lang)
    finally:
        context.close()


@pytest.fixture
def routed(context):
    seen = []
    route_neutral(context, seen)
    return seen


@pytest.mark.proves("exit-replaces")
@pytest.mark.proves("after-exit-one-page")
@pytest.mark.proves("after-exit-tab")
@pytest.mark.parametrize("lang", LANGS)
def test_click_leaves_and_back_skips_the_page_left(page, base_url, routed, lang):
    before = page_url(base_url, "index", lang)
    left = page_url(base_url, "securite", lang)
    page.goto(before)
    page.goto(left)
    length = page.evaluate("history.length")
    page.locator(BAR).click()
    on_neutral(page, lang)
    assert page.context.pages == [page], "the exit opened or closed a tab"
    # location.replace(): the page left is gone from the tab's history, not just behind us.
    assert page.evaluate("history.length") == length
    page.go_back()
    assert page.url == before, "Back returned to the page the reader left"
    assert [ref for _, ref in routed] == [None], "the neutral site was told where the reader came from"


@pytest.mark.proves("exit-other-tabs")
def test_the_exit_leaves_the_other_tabs_open(context, base_url, routed):
    other = context.new_page()
    other.goto(page_url(base_url, "aide", "fr"))
    page = context.new_page()
    page.goto(page_url(base_url, "securite", "fr"))
    page.locator(BAR).click()
    on_neutral(page, "fr")
    assert context.pages == [other, page] and other.url == page_url(base_url, "aide", "fr")
    assert other.locator("h1").is_visible()


@pytest.mark.proves("exit-hides")
@pytest.mark.parametrize("lang", LANGS)
def test_page_is_hidden_before_the_next_site_loads(page, base_url, routed, lang):
    page.goto(page_url(base_url, "ordonnance", lang))
    # Same task as the click: the navigation hasn't started, yet nothing shows any more.
    hidden = page.evaluate("""() => {
        document.querySelector('[data-quick-exit-bar] a[data-quick-exit]').click();
        return getComputedStyle(document.body).visibility; }""")
    assert hidden == "hidden"
    on_neutral(page, lang)


def _status(page):
    return page.locator("[data-quick-exit-status]")


@pytest.mark.proves("exit-everywhere")
@pytest.mark.parametrize("lang", LANGS)
def test_shift_three_times_leaves_and_the_live_region_counts(page, base_url, routed, lang):
    start = page_url(base_url, "demande", lang)
    page.goto(page_url(base_url, "index", lang))
    page.goto(start)
    status = _status(page)
    assert status.get_attribute("aria-live") == "polite" and status.inner_text() == ""
    page.keyboard.press("Shift")
    words = {"fr": ("deux", "une"), "en": ("two", "one")}[lang]   # counts in words, as read aloud
    two = status.get_attribute("data-left-2")
    assert two and words[0] in two
    assert status.text_content() == two
    page.keyboard.press("Shift")
    one = status.get_attribute("data-left-1")
    assert one and words[1] in one and one != two
    assert status.text_content() == one
    assert page.url == start
    page.keyboard.press("Shift")
    on_neutral(page, lang)
    page.go_back()
    assert page.url == page_url(base_url, "index", lang)


def test_shift_with_another_key_does_not_count(page, base_url, routed):
    start = page_url(base_url, "aide", "en")
    page.goto(start)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift+A")  # a capital letter: Shift held with another key
    page.wait_for_timeout(300)
    assert page.url == start
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url == start, "Shift+A counted as a press"
    assert _status(page).text_content() == _status(page).get_attribute("data-left-2")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    on_neutral(page, "en")


@pytest.mark.parametrize("key", ["ArrowDown", "Escape", "a"])
def test_any_other_key_resets_the_count(page, base_url, routed, key):
    start = page_url(base_url, "aide", "fr")
    page.goto(start)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press(key)
    assert _status(page).text_content() == ""
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url == start
    assert routed == []


def test_presses_more_than_5_seconds_apart_start_over(context, base_url, routed):
    context.clock.install()
    page = context.new_page()
    start = page_url(base_url, "aide", "fr")
    page.goto(start)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.clock.fast_forward(5100)
    assert _status(page).text_content() == ""  # the count was dropped, and said so
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url == start
    page.clock.fast_forward(4000)
    page.keyboard.press("Shift")
    page.clock.fast_forward(4000)
    page.keyboard.press("Shift")  # 3 presses, each within 5 s of the last
    on_neutral(page, "fr")


def test_escape_alone_never_leaves(page, base_url, routed):
    start = page_url(base_url, "aide", "fr")
    page.goto(start)
    for _ in range(3):
        page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url == start and routed == []


@pytest.mark.parametrize("lang", LANGS)
def test_skip_link_is_the_first_tab_stop_and_leaves(page, base_url, routed, lang):
    page.goto(page_url(base_url, "crime", lang))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('ns-qe-skip')")
    box = page.locator(".ns-qe-skip").bounding_box()
    assert box["width"] > 50 and box["height"] > 20, "the focused skip link is not shown"
    page.keyboard.press("Enter")
    on_neutral(page, lang)


def test_restored_from_back_forward_cache_the_page_shows_again(page, base_url, routed):
    page.goto(page_url(base_url, "aide", "fr"))
    page.keyboard.press("Shift")
    # What a bfcache restore delivers: the page as it was when left (hidden, mid-count).
    page.evaluate("""() => {
        document.documentElement.classList.add('ns-qe-leaving');
        window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true})); }""")
    assert page.evaluate("getComputedStyle(document.body).visibility") == "visible"
    assert _status(page).text_content() == ""


@pytest.mark.proves("exit-without-js")
@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_exit_is_a_plain_link(browser, base_url, lang):
    context = browser.new_context(java_script_enabled=False)
    seen = []
    route_neutral(context, seen)
    page = context.new_page()
    try:
        left = page_url(base_url, "ordonnance", lang)
        page.goto(left)
        for _ in range(3):
            page.keyboard.press("Shift")
        page.wait_for_timeout(300)
        assert page.url == left, "Shift x3 needs JavaScript"
        page.locator(BAR).click()
        on_neutral(page, lang)
        # A plain link: the page left stays in the tab, and Back shows it again.
        page.go_back()
        assert page.url == left and page.locator("h1").is_visible()
        # Keyboard: the skip link moves focus to the button; Enter there leaves.
        page.goto(page_url(base_url, "ordonnance", lang))
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "ns-quick-exit"
        page.keyboard.press("Enter")
        on_neutral(page, lang)
        assert [ref for _, ref in seen] == [None, None]
    finally:
        context.close()


def test_quick_exit_script_holds_no_words():
    js = (ROOT / "overrides/assets/site/quick-exit.js").read_text(encoding="utf-8")
    # Comments, the strict-mode directive and developer error messages aren't shown to readers.
    code = re.sub(r"/\*.*?\*/|//[^\n]*|\"use strict\"|new Error\([^)]*\)", "", js, flags=re.S)
    strings = re.findall(r'"([^"]*)"', code)
    words = [s for s in strings if re.search(r"[A-Za-zÀ-ÿ]{3,} [A-Za-zÀ-ÿ]{3,}", s)]
    assert words == [], "language strings belong in the HTML"


@pytest.mark.parametrize("width", [360, 1280])
def test_a_linked_heading_is_not_hidden_under_the_bar(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(page_url(base_url, "securite", "en") + "#clear-history")
        page.wait_for_timeout(200)
        header_bottom = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
        heading_top = page.evaluate("document.getElementById('clear-history').getBoundingClientRect().top")
        assert header_bottom <= heading_top < header_bottom + 100
    finally:
        context.close()


@pytest.mark.parametrize("name", ["securite", "confidentialite"])
def test_safety_pages_have_the_same_headings_in_both_languages(site_dir, name):
    heads = {}
    for lang in LANGS:
        html = (site_dir / built_path(name, lang)).read_text(encoding="utf-8")
        article = html[html.index("<article"):html.index("</article>")]
        heads[lang] = re.findall(r"<h([23]) id=\"([^\"]+)\"", article)
    assert heads["fr"] == heads["en"] and len(heads["fr"]) >= 3


# --- Issue 16: sizes on a phone, short screens, and what Back and the history still show -------

TAP = 44   # px: WCAG 2.5.5 (AAA) target size, which issue 16 asks for the quick exit and help links

_BAR_PARTS = """() => {
    const box = e => { const r = e.getBoundingClientRect();
        return {x: r.left, y: r.top, right: r.right, bottom: r.bottom, w: r.width, h: r.height}; };
    const onTop = e => { const r = e.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !!(hit && (hit === e || e.contains(hit))); };
    const parts = {};
    for (const [name, sel] of [['exit', '[data-quick-exit-bar] a[data-quick-exit]'],
                               ['safety', '[data-quick-exit-bar] a:not([data-quick-exit])']]) {
        const e = document.querySelector(sel);
        parts[name] = Object.assign(box(e), {onTop: onTop(e), text: e.innerText.trim(),
            // Text cut off inside the link: its content is wider or taller than its box.
            clipped: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1});
    }
    return {parts, vw: document.documentElement.clientWidth, vh: innerHeight};
}"""


def _bar_problems(page, where):
    found = page.evaluate(_BAR_PARTS)
    problems = []
    for name, p in found["parts"].items():
        if p["w"] < TAP or p["h"] < TAP:
            problems.append(f"{where}: {name} is {p['w']:.0f} x {p['h']:.0f} px, under {TAP} x {TAP}")
        if p["x"] < 0 or p["right"] > found["vw"] + 0.5 or p["y"] < 0:
            problems.append(f"{where}: {name} ({p['text']!r}) runs off the screen: {p}")
        if p["clipped"]:
            problems.append(f"{where}: {name} ({p['text']!r}) has text cut off")
        if not p["onTop"]:
            problems.append(f"{where}: something lies on top of {name} ({p['text']!r})")
    return problems


@pytest.mark.parametrize("width,height", [(360, 740), (320, 740), (320, 180)])
def test_exit_and_safety_link_are_44px_and_whole_in_both_languages(browser, base_url, width, height):
    """320 px is also a 1280 px window at 400 % zoom; 320 x 180 a 1280 x 720 one."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    problems = []
    try:
        for lang in LANGS:
            for name in ("index", "aide", "securite", "verificateur"):
                page.goto(page_url(base_url, name, lang), wait_until="domcontentloaded")
                problems += _bar_problems(page, f"{name} {lang} at {width}x{height}")
    finally:
        context.close()
    assert problems == [], "\n".join(problems)


_STICKY = """() => {
    const inView = sel => { const r = document.querySelector(sel).getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight ? {top: r.top, bottom: r.bottom, w: r.width} : null; };
    return {bar: inView('[data-quick-exit-bar]'), header: inView('.md-header'),
            safety: inView('[data-quick-exit-bar] a:not([data-quick-exit])'),
            exit: inView('[data-quick-exit-bar] a[data-quick-exit]'), vh: innerHeight, vw: innerWidth};
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_short_screen_only_the_exit_button_stays_on_screen(browser, base_url, lang):
    """At 400 % zoom (320 x 180 CSS px) the exit bar and the header took half the screen: scrolled,
    only the exit button is left, and it still works. At a phone's height both stay sticky."""
    context = browser.new_context(viewport={"width": 320, "height": 180})
    route_neutral(context)
    page = context.new_page()
    try:
        page.goto(page_url(base_url, "aide", lang))
        page.evaluate("window.scrollTo(0, 1500)")
        page.wait_for_timeout(50)
        s = page.evaluate(_STICKY)
        assert s["bar"] is None and s["header"] is None and s["safety"] is None, s
        assert s["exit"] and s["exit"]["top"] >= 0 and s["exit"]["bottom"] <= 0.3 * s["vh"], s
        assert s["exit"]["w"] < 0.7 * s["vw"], "the sticky part is wider than the button"
        _assert_visible(page, f"aide {lang} at 320x180, scrolled")
        page.locator(BAR).click()
        on_neutral(page, lang)
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto(page_url(base_url, "aide", lang))
        page.evaluate("window.scrollTo(0, 1500)")
        page.wait_for_timeout(50)
        s = page.evaluate(_STICKY)
        assert s["bar"] and s["header"] and s["safety"], f"a phone's bars should stay sticky: {s}"
    finally:
        context.close()


def _session_history(page):
    """The addresses of the tab's Back list, up to the current entry, as the browser keeps it."""
    entries, current = tab_history(page)
    return [e["url"] for e in entries[: current + 1]]


@pytest.mark.proves("exit-keeps-before")
@pytest.mark.proves("after-exit-back")
@pytest.mark.proves("after-exit-example")
@pytest.mark.parametrize("lang", LANGS)
def test_back_after_the_exit_shows_what_the_safety_page_says(page, base_url, routed, lang):
    """securite, #after-exit: the exit takes away only the page being read. Its example: the home
    page, then the help page, then the exit; Back shows the home page. And someone who came
    straight from a search lands on the search results."""
    home, helped = page_url(base_url, "index", lang), page_url(base_url, "aide", lang)
    page.goto(home)
    page.goto(helped)
    page.locator(BAR).click()
    on_neutral(page, lang)
    assert _session_history(page)[1:] == [home, exit_urls()[lang]]   # [0] is about:blank
    page.go_back()
    assert page.url == home, "Back should show the site's page opened before"
    # Shown again, whole (bfcache or not): not hidden as it was on the way out.
    assert page.evaluate("getComputedStyle(document.body).visibility") == "visible"
    page.go_back()
    assert page.url == "about:blank"

    # Straight from a search: Back shows the results page, not this site.
    search = "https://search.invalid/?q=image"
    page.context.route(search, lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><title>Results</title>"))
    page.goto(search)
    page.goto(page_url(base_url, "securite", lang))
    page.locator(BAR).click()
    on_neutral(page, lang)
    page.go_back()
    assert page.url == search and page.title() == "Results"

    # The page says so, in both languages, under the same heading.
    assert page.goto(page_url(base_url, "securite", lang)).ok
    assert page.locator("h3#after-exit").count() == 1 and page.locator("h3#what-you-can-do").count() == 1


@pytest.mark.proves("exit-keeps-before")
@pytest.mark.proves("after-exit-history")
@pytest.mark.proves("after-exit-example")
def test_the_browser_history_keeps_every_page_even_the_one_left(playwright_instance, base_url,
                                                                tmp_path):
    """What securite (#after-exit) says of the history list: location.replace() takes the page left
    out of the tab's Back list, not out of the browser's history, which keeps every page visited.
    Read from Chromium's own history file (a profile on disk), after the browser closes."""
    import sqlite3

    from support import CHROMIUM_ARGS, chromium_path

    profile = tmp_path / "profile"
    context = playwright_instance.chromium.launch_persistent_context(
        profile, executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
    try:
        route_neutral(context)
        page = context.new_page()
        home, left = page_url(base_url, "index", "fr"), page_url(base_url, "aide", "fr")
        page.goto(home)
        page.goto(left)
        page.locator(BAR).click()
        on_neutral(page, "fr")
        assert left not in _session_history(page), "Back would bring the page left up again"
    finally:
        context.close()
    files = list(profile.rglob("History"))
    assert files, f"no Chromium history file under {profile}"
    with sqlite3.connect(files[0]) as db:
        urls = {row[0] for row in db.execute("SELECT url FROM urls")}
    assert {home, left} <= urls, f"the history list has {sorted(urls)}"
