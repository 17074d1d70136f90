"""The checker in Chromium: every path in both languages, with JavaScript and without, privacy,
keyboard use and the printed sheet. One page per language, restarted between paths, for speed."""
import re

import pytest

from support import LANGS, ROOT, PageWatch, page_url

from sitebuild import checker as C
from sitebuild import facts as F

FACTS = F.load(ROOT / "data" / "facts.yml")
FLOW = C.load(ROOT / "data" / "checker.yml", FACTS)
PATHS = C.paths(FLOW)
REMAINING = C.remaining(FLOW)
START = FLOW["start"]
FIRST_PATH = {}  # the first path reaching each outcome
for _trail, _oid in PATHS:
    FIRST_PATH.setdefault(_oid, _trail)

STATE = """() => ({
  visible: [...document.querySelectorAll('[data-question], [data-outcome]')]
             .filter(e => !e.hidden && e.offsetParent !== null).map(e => e.id),
  focus: document.activeElement ? document.activeElement.id : '',
  progress: document.querySelector('[data-checker-progress]').textContent,
  live: document.querySelector('[data-checker-live]').textContent,
  back: document.querySelector('[data-checker-back]').offsetParent !== null,
  history: history.length,
})"""


def ui(key, lang):
    return C.plain(FLOW, FACTS, FLOW["ui"][key][lang], lang)


def progress_text(lang, step, qid):
    total = step - 1 + REMAINING[qid]
    return FLOW["ui"]["progress"][lang].replace("{n}", str(step)).replace("{total}", str(total))


@pytest.fixture(scope="module")
def js_context(browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def nojs_context(browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    yield ctx
    ctx.close()


def open_checker(context, base_url, lang, watch=None):
    page = context.new_page()
    if watch:
        watch.attach(page)
    url = page_url(base_url, "verificateur", lang)
    page.goto(url, wait_until="networkidle")
    return page, url


@pytest.mark.parametrize("lang", LANGS)
def test_with_js_every_path_shows_one_node_at_a_time_and_stays_private(js_context, base_url, lang):
    watch = PageWatch(js_context, base_url)
    page, url = open_checker(js_context, base_url, lang, watch)
    page.wait_for_timeout(300)  # late requests of the page itself (search index) come first
    # Material's own script loads on the first key press or tap: let it come now, so that any
    # request from here on could only come from the checker.
    page.keyboard.press("Control")
    page.wait_for_function("() => window.component$ !== undefined", timeout=10000)
    page.wait_for_load_state("networkidle")
    after_load = len(watch.requests)
    first = page.evaluate(STATE)
    assert first["visible"] == [START] and first["progress"] == progress_text(lang, 1, START)
    assert not first["back"]
    assert first["focus"] != f"{START}-h", "focus must not jump on page load"

    reached = set()
    for trail, oid in PATHS:
        for step, (qid, cid) in enumerate(trail, start=1):
            s = page.evaluate(STATE)
            assert s["visible"] == [qid], (trail, step)
            assert s["progress"] == progress_text(lang, step, qid)
            if step > 1:
                assert s["focus"] == f"{qid}-h" and s["live"] == s["progress"] and s["back"]
            page.click(f'[data-question="{qid}"] [data-choice="{cid}"]')
        s = page.evaluate(STATE)
        assert s["visible"] == [oid], trail
        assert s["focus"] == f"{oid}-h" and s["live"] == ui("result", lang)
        if oid not in reached:
            # Back shows the last question again; the same answer leads to the same outcome.
            last_q, last_c = trail[-1]
            page.click("[data-checker-back]")
            s = page.evaluate(STATE)
            assert s["visible"] == [last_q] and s["focus"] == f"{last_q}-h"
            page.click(f'[data-question="{last_q}"] [data-choice="{last_c}"]')
            assert page.evaluate(STATE)["visible"] == [oid]
        reached.add(oid)
        page.click(f'[data-outcome="{oid}"] [data-checker-restart-link]')
        s = page.evaluate(STATE)
        assert s["visible"] == [START] and s["focus"] == f"{START}-h" and not s["back"]
        assert page.url == url

    # The Restart button of the bar, in the middle of a path.
    qid, cid = PATHS[0][0][0]
    page.click(f'[data-question="{qid}"] [data-choice="{cid}"]')
    page.click("[data-checker-restart]")
    assert page.evaluate(STATE)["visible"] == [START]

    assert reached == set(FLOW["outcomes"])
    # Privacy: nothing in the address, the history, storage or cookies; no request at all.
    assert page.url == url, "an answer reached the address"
    assert page.evaluate(STATE)["history"] == first["history"]
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert page.evaluate("document.cookie") == ""
    assert js_context.cookies() == []
    assert watch.requests[after_load:] == [], "the checker made a request"
    assert watch.foreign() == [] and watch.failures == [] and watch.console_errors == []
    page.close()


KEYBOARD_PATH = ["c_helping", "c_intimate", "c_14_17", "c_consent"]


def stub_print(page):
    """Count calls instead of opening the print dialog, which would block headless Chromium."""
    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")


def tab_to(page, selector, key="Tab", limit=80):
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)",
                         selector):
            return
    raise AssertionError(f"{key} never reached {selector}")


@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_only_run(js_context, base_url, lang):
    page, url = open_checker(js_context, base_url, lang)
    stub_print(page)
    trail = next(t for t, _ in PATHS if [c for _, c in t] == KEYBOARD_PATH)
    outcome = dict((tuple(c for _, c in t), o) for t, o in PATHS)[tuple(KEYBOARD_PATH)]
    nodes = [q for q, _ in trail] + [outcome]
    for (qid, cid), nxt in zip(trail, nodes[1:]):
        tab_to(page, f'[data-question="{qid}"] [data-choice="{cid}"]')
        page.keyboard.press("Enter")
        assert page.evaluate(STATE)["focus"] == f"{nxt}-h"
    # Back by keyboard, then forward again.
    tab_to(page, "[data-checker-back]", key="Shift+Tab")
    page.keyboard.press("Enter")
    assert page.evaluate(STATE)["focus"] == f"{trail[-1][0]}-h"
    tab_to(page, f'[data-question="{trail[-1][0]}"] [data-choice="{trail[-1][1]}"]')
    page.keyboard.press("Enter")
    tab_to(page, f'[data-outcome="{outcome}"] [data-checker-print]')
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed") == 1
    tab_to(page, f'[data-outcome="{outcome}"] [data-checker-restart-link]')
    page.keyboard.press("Enter")
    s = page.evaluate(STATE)
    assert s["visible"] == [START] and s["focus"] == f"{START}-h"
    assert page.url == url
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_without_js_the_links_reach_every_outcome(nojs_context, base_url, lang):
    page = nojs_context.new_page()
    url = page_url(base_url, "verificateur", lang)
    page.goto(url)
    visible = page.evaluate("""() => [...document.querySelectorAll('[data-question], [data-outcome]')]
                               .filter(e => e.offsetParent !== null).length""")
    assert visible == len(FLOW["questions"]) + len(FLOW["outcomes"]), "all of it shows"
    assert not page.locator("[data-checker-bar]").is_visible()
    assert not page.locator("[data-checker-print]").first.is_visible()
    assert page.locator("[data-checker-nojs]").is_visible()
    assert page.locator("[data-checker-privacy]").is_visible()
    reached = set()
    # Every outcome, by one path each (the links' targets are all checked in test_checker_flow).
    for oid, trail in FIRST_PATH.items():
        for (qid, cid), nxt in zip(trail, [q for q, _ in trail[1:]] + [oid]):
            page.click(f'[data-question="{qid}"] [data-choice="{cid}"]')
            assert page.url == f"{url}#{nxt}"
            assert page.evaluate("document.querySelector(':target').id") == nxt
        reached.add(oid)
        assert page.locator(f'[data-outcome="{oid}"] [data-checker-legal]').is_visible()
        page.click(f'[data-outcome="{oid}"] [data-checker-restart-link]')
        assert page.url == f"{url}#{START}"
    assert reached == set(FLOW["outcomes"])
    page.close()


def pdf_pages(pdf: bytes) -> int:
    return int(re.search(rb"/Type\s*/Pages\b.*?/Count (\d+)", pdf, re.S).group(1))


@pytest.mark.parametrize("lang", LANGS)
def test_each_outcome_prints_on_one_neutral_sheet(js_context, base_url, lang):
    page, url = open_checker(js_context, base_url, lang)
    stub_print(page)
    title = page.title()
    for oid, trail in FIRST_PATH.items():
        for qid, cid in trail:
            page.click(f'[data-question="{qid}"] [data-choice="{cid}"]')
        page.click(f'[data-outcome="{oid}"] [data-checker-print]')
        page.emulate_media(media="print")
        try:
            assert not page.locator("h1").is_visible()
            assert not page.locator("header").first.is_visible()
            head = page.locator(f'[data-outcome="{oid}"] .ns-checker__print-head')
            assert head.is_visible() and head.inner_text().strip() == ui("print_title", lang)
            headings = page.evaluate("""() => [...document.querySelectorAll('h1, h2, h3, .ns-checker__print-head')]
                                        .filter(e => e.offsetParent !== null).map(e => e.textContent)""")
            assert not [h for h in headings if re.search(r"intim", h, re.I)], headings
            for part in ("steps", "call"):
                assert page.locator(f'[data-outcome="{oid}"] [data-checker-part="{part}"]').is_visible()
            # A bystander's or helper's sheet carries what the person in the image can do.
            tell = page.locator(f'[data-outcome="{oid}"] [data-checker-part="tell"] li')
            someone_else = dict(trail)["q_what"] in ("c_saw", "c_helping")
            assert (tell.count() > 0) == (someone_else and oid != "out_not_covered"), oid
            assert tell.count() == len(FLOW["outcomes"][oid].get("tell") or []), oid
            for i in range(tell.count()):
                assert tell.nth(i).is_visible(), (oid, i)
            # Letter is the shorter of the usual papers here.
            assert pdf_pages(page.pdf(format="Letter")) == 1, oid
        finally:
            page.emulate_media(media="screen")
        page.click(f'[data-outcome="{oid}"] [data-checker-restart-link]')
    assert page.evaluate("window.__printed") == len(FIRST_PATH)
    # Whatever opens the print dialog, the document's title is neutral while printing.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.title() == ui("print_title", lang)
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.title() == title
    page.close()
