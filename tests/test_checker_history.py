"""What the checker leaves in the browser's history, and Back around it (issues 22 and 23), in
Chromium: no address the site leaves can reopen a result (the language switch, links to a
question, old bookmarks); after the quick exit one Back press passes the checker; without
JavaScript the page says what stays in the history, and that is what happens; no control without
its script; coming back shows the first question on screen.

"The history" is two lists: the tab's Back/Forward list (DevTools protocol,
Page.getNavigationHistory) and the browser's history of visited addresses (Chromium's `History`
database in a profile on disk, read after the browser closes). Both are checked.
"""
import re
import shutil
import sqlite3
import subprocess

import pytest

from support import CHROMIUM_ARGS, LANGS, chromium_path, page_url, tab_history
from test_checker_browser import (FIRST_PATH, FLOW, PATHS, PHONE, START, VISIBLE, back,
                                  route_exit, wait_visible, walk)

RESULT_SHOWN = """() => [...document.querySelectorAll('[data-outcome]')]
                     .filter(e => !e.hidden && e.offsetParent !== null).map(e => e.dataset.outcome)"""
EXIT = 'a[data-quick-exit]:not([data-quick-exit="skip"])'
ON_SCREEN = """() => {
  const v = [...document.querySelectorAll('[data-question], [data-outcome]')]
              .find(e => !e.hidden && e.offsetParent !== null);
  const h = v.querySelector('h2').getBoundingClientRect();
  return {node: v.dataset.question || v.dataset.outcome, top: h.top, bottom: h.bottom,
          header: document.querySelector('.md-header').getBoundingClientRect().bottom,
          vh: innerHeight, y: scrollY};
}"""
# A helper's path from the home page's "I'm helping someone" link (verificateur/#q_other_intimate).
HELPER = "q_other_intimate"


def addresses(entries):
    return {u for e in entries for u in (e["url"], e.get("userTypedURL", "")) if u}


def browser_history(profile):
    files = list(profile.rglob("History"))
    assert files, f"no Chromium history file under {profile}"
    with sqlite3.connect(files[0]) as db:
        return {row[0] for row in db.execute("SELECT url FROM urls")}


def other(lang):
    return next(x for x in LANGS if x != lang)


def checker_ready(page):
    page.wait_for_function("() => document.querySelector('[data-checker].ns-checker--js')",
                           timeout=5000)


def helper_trail():
    trail, oid = next((t, o) for t, o in PATHS if HELPER in [q for q, _ in t])
    return trail[[q for q, _ in trail].index(HELPER):], oid


def assert_none_reopens_a_result(browser, urls, base_url):
    """Each address, opened in a fresh browser (scripts on, then off), shows no result."""
    opened = 0
    for js in (True, False):
        ctx = browser.new_context(viewport=PHONE, java_script_enabled=js, service_workers="block")
        page = ctx.new_page()
        for url in sorted(urls):
            if not url.startswith(base_url):
                continue
            page.goto(url)
            if js and "verificateur" in url:
                checker_ready(page)
            assert page.evaluate(RESULT_SHOWN) == [], f"{url} (JavaScript {'on' if js else 'off'})"
            opened += 1
        ctx.close()
    return opened


@pytest.mark.proves("checker-address")
@pytest.mark.parametrize("lang", LANGS)
def test_no_address_the_tab_went_through_reopens_a_result(playwright_instance, browser, base_url,
                                                         tmp_path, lang):
    """Issue 22, done when: at a result, switch language, then open every address the tab went
    through (both lists) in a fresh browser: none shows a result. The journey also comes in by the
    home page's link to a question and leaves a result by the language switch twice."""
    profile = tmp_path / "profile"
    ctx = playwright_instance.chromium.launch_persistent_context(
        profile, executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS,
        viewport=PHONE)
    try:
        page = ctx.new_page()
        page.goto(page_url(base_url, "index", lang))
        page.click(f'a[href$="#{HELPER}"]')
        checker_ready(page)
        wait_visible(page, HELPER)
        trail, oid = helper_trail()
        walk(page, trail)
        wait_visible(page, oid)
        # The other language opens at the same result...
        page.click("a[data-lang-switch]")
        page.wait_for_url(page_url(base_url, "verificateur", other(lang)))
        checker_ready(page)
        wait_visible(page, oid)
        # ...and back again from another result, reached there by answering.
        page.click(f'[data-outcome="{oid}"] [data-checker-restart-link]')
        wait_visible(page, START)
        trail, oid = FIRST_PATH["out_threat_minor"], "out_threat_minor"
        walk(page, trail)
        wait_visible(page, oid)
        page.click("a[data-lang-switch]")
        page.wait_for_url(page_url(base_url, "verificateur", lang))
        checker_ready(page)
        wait_visible(page, oid)
        # The place travelled without the address, and nothing of it is left in the tab.
        assert page.evaluate("window.name") == ""
        assert page.evaluate("sessionStorage.length + localStorage.length") == 0
        entries, _ = tab_history(page)
        tab = addresses(entries)
    finally:
        ctx.close()
    visited = browser_history(profile)
    urls = tab | visited
    assert page_url(base_url, "verificateur", other(lang)) in urls, urls
    assert assert_none_reopens_a_result(browser, urls, base_url) >= 2 * 3, urls


@pytest.mark.parametrize("lang", LANGS)
def test_an_address_naming_a_result_opens_the_first_question(js_context_phone, base_url, lang):
    """Old bookmarks and old history entries (#out_..., #out_...-h, #out_...-steps, the language
    switch's former #ns-12) and the page's own anchors of results: with JavaScript they open the
    first question and leave the address without a hash. A link to a question still opens it."""
    page = js_context_phone.new_page()
    url = page_url(base_url, "verificateur", lang)
    page.goto(url)
    checker_ready(page)
    # The results come into the page at the first answer (issue 25), where the page had them.
    page.locator("[data-question] [data-choice]").first.click()
    page.wait_for_function("() => document.querySelector('[data-outcome]') !== null", timeout=10000)
    anchors = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('[data-outcome]')]
                                 .map(e => [e.dataset.outcome, e.id]))""")
    order = page.evaluate("""() => [...document.querySelectorAll('[data-question], [data-outcome]')]
                               .map(e => e.dataset.question || e.dataset.outcome)""")
    for oid in ("out_threat_minor", "out_order_self_minor", "out_bystander_minor"):
        for hash_ in (oid, f"{oid}-h", f"{oid}-steps", f"ns-{order.index(oid)}", anchors[oid],
                      f"{anchors[oid]}-h", f"{anchors[oid]}-steps"):
            page.goto("about:blank")   # a bookmark or old entry opens the page afresh
            page.goto(f"{url}#{hash_}")
            checker_ready(page)
            page.wait_for_timeout(50)
            assert page.evaluate(VISIBLE) == [START], hash_
            assert page.url == url, hash_
    page.goto(f"{url}#{HELPER}")
    checker_ready(page)
    wait_visible(page, HELPER)
    assert page.url == url
    page.close()


@pytest.fixture
def js_context_phone(browser):
    ctx = browser.new_context(viewport=PHONE, service_workers="block")
    yield ctx
    ctx.close()


def _exit_and_count_checker_presses(ctx, base_url, lang, how):
    """From the help page into the checker, to a result, out by `how`, then the quick exit. Back is
    pressed until the help page shows again; returns what each press showed of the checker."""
    page = ctx.new_page()
    before = page_url(base_url, "aide", lang)
    page.goto(before)
    page.goto(page_url(base_url, "verificateur", lang))
    checker_ready(page)
    oid = "out_order_self_minor" if how == "link" else "out_threat_minor"
    walk(page, FIRST_PATH[oid])
    wait_visible(page, oid)
    if how == "language":
        page.click("a[data-lang-switch]")
        page.wait_for_url(page_url(base_url, "verificateur", other(lang)))
        checker_ready(page)
        wait_visible(page, oid)
    elif how == "link":
        page.click(f'[data-outcome="{oid}"] [data-checker-part="steps"] a[href*="demande"]')
        page.wait_for_url(re.compile(r".*/demande/$"))
    route_exit(ctx, page)
    page.click(EXIT)
    page.wait_for_url(re.compile(r"^https://"))
    shown = []
    for _ in range(8):
        back(page)
        if page.url == before:
            break
        assert "verificateur" in page.url, (how, page.url, shown)
        checker_ready(page)
        page.wait_for_timeout(100)
        assert page.evaluate(RESULT_SHOWN) == [], (how, shown)
        shown.append(page.evaluate(VISIBLE))
    else:
        raise AssertionError(f"{how}: Back never got past the checker: {shown}")
    page.close()
    return shown


@pytest.mark.proves("checker-exit")
@pytest.mark.parametrize("lang", LANGS)
def test_after_the_quick_exit_one_back_press_passes_the_checker(browser, bfcache_browser,
                                                               base_url, lang):
    """Issue 22: after the quick exit from a result (or from the result taken to the other
    language, or from a page a result's link led to), one Back press shows the checker's first
    question, the next one the page before it; no press shows a result. With the back/forward
    cache on and off."""
    for b in (browser, bfcache_browser):
        for how in ("result", "language", "link"):
            ctx = b.new_context(viewport=PHONE)
            shown = _exit_and_count_checker_presses(ctx, base_url, lang, how)
            ctx.close()
            assert shown == [[START]], (how, shown)


def checker_entries(page):
    entries, current = tab_history(page)
    return [e["url"] for e in entries[: current + 1] if "verificateur" in e["url"]]


@pytest.mark.proves("checker-back")
@pytest.mark.parametrize("lang", LANGS)
def test_back_goes_through_the_questions_with_two_history_entries_at_most(js_context_phone,
                                                                         base_url, lang):
    """The phone's Back goes to the previous question, again and again, yet the tab never holds
    more than two entries for the checker (its address without a hash): one for the page, one
    for the answers. From the first question, Back leaves. The first question, back on screen,
    shows its heading below the sticky header."""
    page = js_context_phone.new_page()
    before = page_url(base_url, "aide", lang)
    url = page_url(base_url, "verificateur", lang)
    page.goto(before)
    page.goto(url)
    checker_ready(page)
    trail, oid = next((t, o) for t, o in PATHS if len(t) >= 4)
    for qid, cid in trail:
        page.click(f'[data-question="{qid}"] [data-choice="{cid}"]')
        assert checker_entries(page) in ([url], [url, url]), checker_entries(page)
    wait_visible(page, oid)
    for qid, _ in reversed(trail):
        page.go_back()
        wait_visible(page, qid)
        assert checker_entries(page) in ([url], [url, url])
        s = page.evaluate(ON_SCREEN)
        assert s["header"] <= s["top"] and s["bottom"] <= s["vh"], (qid, s)
    page.go_back()
    page.wait_for_url(before)
    page.close()


@pytest.mark.proves("checker-leave")
@pytest.mark.parametrize("lang", LANGS)
def test_coming_back_shows_the_first_question_on_screen(bfcache_browser, base_url, lang):
    """Issue 23 (Firefox first, Chromium too with its back/forward cache): at a result scrolled
    down, away, then Back: the checker is back at its first question, its heading below the sticky
    header and on screen, nothing focused inside a hidden result; and so after the quick exit."""
    ctx = bfcache_browser.new_context(viewport=PHONE)
    ctx.add_init_script("window.__shows = []; addEventListener('pageshow', e => window.__shows.push(e.persisted));")
    page = ctx.new_page()
    page.goto(page_url(base_url, "verificateur", lang))
    checker_ready(page)
    oid = "out_order_self_minor"
    walk(page, FIRST_PATH[oid])
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_timeout(100)
    # Away by the address bar (a link from a result takes the checker's place in the tab's history,
    # so Back would load the page anew).
    page.goto(page_url(base_url, "demande", lang))
    back(page)
    checker_ready(page)
    assert page.evaluate("window.__shows")[-1] is True, "not restored from the cache"
    s = page.evaluate(ON_SCREEN)
    assert s["node"] == START, s
    assert s["header"] <= s["top"] and s["bottom"] <= s["vh"], s
    assert page.evaluate("!document.activeElement.closest('[hidden]')")
    # The same after the quick exit, with the page loaded anew by Back.
    route_exit(ctx, page)
    page.click(EXIT)
    page.wait_for_url(re.compile(r"^https://"))
    back(page)
    checker_ready(page)
    s = page.evaluate(ON_SCREEN)
    assert s["node"] == START and s["header"] <= s["top"] and s["bottom"] <= s["vh"], s
    # And away by one of the result's links (which takes the checker's place in the tab).
    walk(page, FIRST_PATH[oid])
    page.click(f'[data-outcome="{oid}"] [data-checker-part="steps"] a[href*="demande"]')
    page.wait_for_url(re.compile(r".*/demande/$"))
    back(page)
    checker_ready(page)
    s = page.evaluate(ON_SCREEN)
    assert s["node"] == START and s["header"] <= s["top"] and s["bottom"] <= s["vh"], s
    ctx.close()


# --- Without JavaScript -------------------------------------------------------------------------

@pytest.fixture
def nojs_phone(browser):
    ctx = browser.new_context(viewport=PHONE, java_script_enabled=False)
    yield ctx
    ctx.close()


@pytest.mark.proves("checker-without-js")
@pytest.mark.proves("checker-without-js-said")
@pytest.mark.parametrize("lang", LANGS)
def test_without_js_the_page_says_what_stays_in_the_history_and_it_does(nojs_phone, base_url, lang):
    """Issue 22 item 5: before the first question the page says, in its own words, that each answer
    stays in the history and Back can show the result again. That is what happens: one entry per
    answer, whose address names no question or result in words (#n12), and after the quick exit
    (a plain link without JavaScript) Back shows the result."""
    page = nojs_phone.new_page()
    before = page_url(base_url, "aide", lang)
    url = page_url(base_url, "verificateur", lang)
    page.goto(before)
    page.goto(url)
    note = page.locator("[data-checker-nojs-history]")
    assert note.is_visible()
    words = {"fr": ("historique", "Retour", "résultat"), "en": ("history", "Back", "result")}[lang]
    assert all(w in note.inner_text() for w in words), note.inner_text()
    first = page.locator(f'[data-question="{START}"] h2')
    assert note.bounding_box()["y"] < first.bounding_box()["y"], "the note comes after question 1"
    trail, oid = FIRST_PATH["out_threat_minor"], "out_threat_minor"
    entries, _ = tab_history(page)
    count = len(entries)
    for n, (qid, cid) in enumerate(trail):
        page.click(f'[data-question="{qid}"] [data-choice="{cid}"]')
        entries, _ = tab_history(page)
        count += 1
        assert len(entries) == count, "an answer should add exactly one history entry"
        # A question's anchor (#n12), then the result's in the results' page (results.html#n31,
        # issue 25): numbers, and the page the same for every result
        if n < len(trail) - 1:
            assert re.fullmatch(r"#n\d+", "#" + page.url.split("#", 1)[1]), page.url
        else:
            assert re.fullmatch(re.escape(url) + r"results\.html#n\d+", page.url), page.url
    assert page.evaluate(RESULT_SHOWN) == [oid]
    for u in addresses(entries):
        assert not re.search(r"[#_](q|out|c)_|#ns-", u), f"the address names an answer: {u}"
    route_exit(nojs_phone, page)
    page.click(EXIT)
    page.wait_for_url(re.compile(r"^https://"))
    page.go_back()
    assert page.evaluate(RESULT_SHOWN) == [oid], "Back after the exit shows the result, as the page says"
    result_address = page.url
    page.close()
    # So does the address, opened anew: what the page warns about.
    page = nojs_phone.new_page()
    page.goto(result_address)
    assert page.evaluate(RESULT_SHOWN) == [oid]
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_without_js_no_control_does_nothing(site_dir, nojs_phone, base_url, lang):
    """Issue 23 item 4: the counter, Back, Start over and Print exist only once the script runs;
    without it the page has no button in the checker (text browsers ignore `hidden`, so they are not
    in the HTML at all)."""
    from support import built_path
    html = (site_dir / built_path("verificateur", lang)).read_text(encoding="utf-8")
    checker = html[html.index("data-checker"):html.index("</article>")]
    assert "<button" not in checker
    assert "data-checker-progress" not in checker and "data-checker-back" not in checker
    page = nojs_phone.new_page()
    page.goto(page_url(base_url, "verificateur", lang))
    assert page.locator("[data-checker] button").count() == 0
    text = page.locator("[data-checker]").inner_text()
    assert not re.search(r"Question \d+ (sur|of) \d+", text)
    page.close()


def dump(tool, url):
    cmd = {"lynx": ["lynx", "-dump", "-nolist", "-width=100", "-display_charset=utf-8", url],
           "w3m": ["w3m", "-dump", "-cols", "100", "-O", "UTF-8", url]}[tool]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=True).stdout


@pytest.mark.parametrize("tool", ["lynx", "w3m"])
@pytest.mark.parametrize("lang", LANGS)
def test_text_browsers_read_the_checker_cleanly_in_order(base_url, tool, lang):
    """Issue 23 item 4, in lynx and w3m (installed by `make test`): the checker page reads in order,
    the title, the intro, the privacy line, what stays in the history and how the links work, then
    the first question and its choices; no counter and no button that does nothing."""
    if not shutil.which(tool):
        pytest.skip(f"{tool} is not installed and apt-get could not install it (make text-browsers)")
    from test_checker_browser import ui
    text = re.sub(r"\s+", " ", dump(tool, page_url(base_url, "verificateur", lang)))
    title = FLOW["questions"][START]["title"][lang]
    hint = ui("nojs_hint", lang)
    steps = [{"fr": "Est-ce que je peux demander une ordonnance ?", "en": "Can I ask for an order?"}[lang],
             ui("privacy", lang)[:40], ui("nojs_history", lang)[:30], hint[:30], title,
             FLOW["questions"][START]["choices"][0][lang][:30]]
    at = [text.find(s.replace("\u00a0", " ")) for s in steps]
    assert -1 not in at, list(zip(steps, at))
    assert at == sorted(at), list(zip(steps, at))
    # From the title to the last question's last choice; the results read on their page (issue
    # 25), from the page's title to the last result's "Start the questions again".
    choices = [c[lang].replace("\u00a0", " ")[:30] for q in FLOW["questions"].values()
               for c in q["choices"]]
    end = max(text.rfind(c) + len(c) for c in choices)
    body, head = text[at[0]:end], text[at[0]:at[4]]
    url = page_url(base_url, "verificateur", lang)
    results = re.sub(r"\s+", " ", dump(tool, f"{url}results.html#n31"))
    start, stop = results.find(steps[0]), results.rfind(ui("restart_link", lang))
    assert -1 < start < stop, (start, stop)
    assert "(BUTTON)" not in results[start:stop] and ui("print", lang) not in results[start:stop]
    assert "(BUTTON)" not in body and ui("print", lang) not in body
    assert not re.search(r"Question \d+ (sur|of) \d+", body)
    # Back and Start over: no such control before the first question (the history note names the
    # browser's Back button).
    note = ui("nojs_history", lang)
    for word in (ui("back", lang), ui("restart", lang)):
        assert head.count(word) == note.count(word), (word, head)
