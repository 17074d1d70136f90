"""The checker in Chromium: every path in both languages, with JavaScript and without, privacy,
keyboard use, the printed sheet; and issue 16: a result's layout on a phone, Back inside the
checker, links to a question or result, the language switch, the quick exit then Back (with the
back/forward cache), one node at a time without JavaScript, tap targets.
One page per language, restarted between paths, for speed."""
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from support import CHROMIUM_ARGS, LANGS, ROOT, PageWatch, chromium_path, page_url

from sitebuild import checker as C
from sitebuild import facts as F

FACTS = F.load(ROOT / "data" / "facts.yml")
FLOW = C.load(ROOT / "data" / "checker.yml", FACTS)
PATHS = C.paths(FLOW)
REMAINING = C.remaining(FLOW)
DEPTH = C.depth(FLOW)
START = FLOW["start"]
ANCHOR = C.anchors(FLOW)  # each node's anchor on the page (#n12), what links put in the address
FIRST_PATH = {}  # the first path reaching each outcome
for _trail, _oid in PATHS:
    FIRST_PATH.setdefault(_oid, _trail)
PHONE = {"width": 360, "height": 740}

# Questions and results by their ids in data/checker.yml (the page's anchors are numbers: #n12).
VISIBLE = """() => [...document.querySelectorAll('[data-question], [data-outcome]')]
             .filter(e => !e.hidden && e.offsetParent !== null).map(e => e.dataset.question || e.dataset.outcome)"""
# `focus` names a focused heading "<node id>-h".
STATE = """() => {
  const a = document.activeElement, node = a && a.closest('[data-question], [data-outcome]');
  return {
  visible: [...document.querySelectorAll('[data-question], [data-outcome]')]
             .filter(e => !e.hidden && e.offsetParent !== null).map(e => e.dataset.question || e.dataset.outcome),
  focus: node && a.tagName === 'H2' ? (node.dataset.question || node.dataset.outcome) + '-h' : (a ? a.id : ''),
  progress: document.querySelector('[data-checker-progress]').textContent,
  live: document.querySelector('[data-checker-live]').textContent,
  back: document.querySelector('[data-checker-back]').offsetParent !== null,
  history: history.length,
  state: history.state,
}; }"""
# Records, in every page of a context, whether each pageshow came from the back/forward cache.
PAGESHOW = "window.__shows = []; addEventListener('pageshow', e => window.__shows.push(e.persisted));"


def ui(key, lang):
    return C.plain(FLOW, FACTS, FLOW["ui"][key][lang], lang)


def progress_text(lang, step, qid):
    total = step - 1 + REMAINING[qid]
    return FLOW["ui"]["progress"][lang].replace("{n}", str(step)).replace("{total}", str(total))


def only_step_numbers(state):
    """A history entry of the checker holds a step number and a session mark, nothing else."""
    return state is not None and set(state) == {"nsChecker", "session"} \
        and isinstance(state["nsChecker"], int) and not re.search(r"[qc]_|out_", state["session"])


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


def wait_visible(page, nid):
    page.wait_for_function(f"() => ({VISIBLE})().join() === '{nid}'", timeout=5000)


def walk(page, trail):
    for qid, cid in trail:
        page.click(f'[data-question="{qid}"] [data-choice="{cid}"]')


def back(page):
    """The browser's Back. After a page comes back from the back/forward cache, Playwright may
    wait for a "load" that a same-document step never fires: the step is done all the same."""
    try:
        page.go_back(timeout=4000)
    except PlaywrightTimeout:
        pass
    page.wait_for_timeout(200)


def route_exit(context, page):
    """The quick exit's neutral site, answered by a local stub page; returns its address."""
    target = page.get_attribute('a[data-quick-exit]:not([data-quick-exit="skip"])', "href")
    context.route(f"{target.rstrip('/')}/**", lambda r: r.fulfill(
        status=200, content_type="text/html", body="<!doctype html><title>Neutral</title><h1>Weather</h1>"))
    return target


@pytest.mark.proves("checker-back")
@pytest.mark.proves("nothing-kept")
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
            # Each answer is one history entry holding a step number, never an id or an answer.
            s = page.evaluate(STATE)
            assert only_step_numbers(s["state"]) and s["state"]["nsChecker"] == step, s["state"]
        s = page.evaluate(STATE)
        assert s["visible"] == [oid], trail
        assert s["focus"] == f"{oid}-h" and s["live"] == ui("result", lang)
        if oid not in reached:
            # Back shows the last question again; the same answer leads to the same outcome.
            last_q, last_c = trail[-1]
            page.click("[data-checker-back]")
            wait_visible(page, last_q)
            assert page.evaluate(STATE)["focus"] == f"{last_q}-h"
            page.click(f'[data-question="{last_q}"] [data-choice="{last_c}"]')
            assert page.evaluate(STATE)["visible"] == [oid]
        reached.add(oid)
        page.click(f'[data-outcome="{oid}"] [data-checker-restart-link]')
        wait_visible(page, START)
        s = page.evaluate(STATE)
        assert s["focus"] == f"{START}-h" and not s["back"]
        assert page.url == url

    # The Restart button of the bar, in the middle of a path.
    qid, cid = PATHS[0][0][0]
    page.click(f'[data-question="{qid}"] [data-choice="{cid}"]')
    page.click("[data-checker-restart]")
    wait_visible(page, START)

    assert reached == set(FLOW["outcomes"])
    # Privacy: nothing in the address, storage or cookies; one request in all, the results'
    # file (issue 25), the same address for every reader, nothing of the answers in it.
    assert page.url == url, "an answer reached the address"
    assert only_step_numbers(page.evaluate("history.state"))
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert page.evaluate("document.cookie") == ""
    assert js_context.cookies() == []
    assert watch.requests[after_load:] == [url + "checker-results.js"], "the checker made a request"
    assert watch.foreign() == [] and watch.failures == [] and watch.console_errors == []
    page.close()


KEYBOARD_PATH = ["c_helping", "c_intimate", "c_14_17", "c_adult_helper", "c_consent"]


def stub_print(page):
    """Count calls instead of opening the print dialog, which would block headless Chromium."""
    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")


def tab_to(page, selector, key="Tab", limit=120):
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
    wait_visible(page, trail[-1][0])
    assert page.evaluate(STATE)["focus"] == f"{trail[-1][0]}-h"
    tab_to(page, f'[data-question="{trail[-1][0]}"] [data-choice="{trail[-1][1]}"]')
    page.keyboard.press("Enter")
    # A folded part opens from the keyboard.
    tab_to(page, f'[data-outcome="{outcome}"] details summary')
    page.keyboard.press("Enter")
    assert page.evaluate(f"document.querySelector('[data-outcome=\"{outcome}\"] details').open")
    tab_to(page, f'[data-outcome="{outcome}"] [data-checker-print]')
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed") == 1
    tab_to(page, f'[data-outcome="{outcome}"] [data-checker-restart-link]')
    page.keyboard.press("Enter")
    wait_visible(page, START)
    assert page.evaluate(STATE)["focus"] == f"{START}-h"
    assert page.url == url
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_without_js_one_node_at_a_time_reaches_every_outcome(nojs_context, base_url, lang):
    """Issue 16 item 5: only the question or result the reader is on shows (:target), the first
    question when the address names none; nothing of another result follows theirs."""
    page = nojs_context.new_page()
    url = page_url(base_url, "verificateur", lang)
    page.goto(url)
    assert page.evaluate(VISIBLE) == [START]
    assert not page.locator("[data-checker-bar]").is_visible()
    assert page.locator("[data-checker-print]").count() == 0
    assert page.locator("[data-checker-nojs]").is_visible()
    assert page.locator("[data-checker-privacy]").is_visible()
    reached, heights = set(), []
    # Every outcome, by one path each (the links' targets are all checked in test_checker_flow).
    for oid, trail in FIRST_PATH.items():
        for (qid, cid), nxt in zip(trail, [q for q, _ in trail[1:]] + [oid]):
            page.click(f'[data-question="{qid}"] [data-choice="{cid}"]')
            # A question is an anchor of the page; a result, an anchor of the results' page beside
            # it, the same page for every result (issue 25: the results made the page too heavy)
            assert page.url == (f"{url}#{ANCHOR[nxt]}" if nxt != oid else f"{url}results.html#{ANCHOR[nxt]}")
            assert page.evaluate(VISIBLE) == [nxt]
        reached.add(oid)
        assert page.locator(f'[data-outcome="{oid}"] [data-checker-legal]').is_visible()
        # Folded parts open without a script.
        details = page.locator(f'[data-outcome="{oid}"] details')
        if details.count():
            assert not details.first.evaluate("d => d.open")
            details.first.locator("summary").click()
            assert details.first.evaluate("d => d.open")
        heights.append(page.evaluate("document.documentElement.scrollHeight"))
        # The browser's Back goes to the last question, as anchors do.
        page.go_back()
        assert page.evaluate(VISIBLE) == [trail[-1][0]]
        page.go_forward()
        page.click(f'[data-outcome="{oid}"] [data-checker-restart-link]')
        assert page.url == f"{url}#{ANCHOR[START]}"
        assert page.evaluate(VISIBLE) == [START]
    assert reached == set(FLOW["outcomes"])
    assert max(heights) < 6000, f"a result page is {max(heights)} px high without JavaScript"
    # A link to a heading inside a result shows that result alone, on the results' page (and
    # that page without an anchor, no result: a link back to the start); the result's former
    # anchor on the checker page (an old history entry) names nothing there now: the first
    # question shows.
    oid = next(iter(FIRST_PATH))
    page.goto(f"{url}results.html#{ANCHOR[oid]}-steps")
    assert page.evaluate(VISIBLE) == [oid]
    page.goto(f"{url}results.html")
    assert page.evaluate(VISIBLE) == []
    page.click(".ns-checker__none a")
    assert page.url == url and page.evaluate(VISIBLE) == [START]
    page.goto(f"{url}#{ANCHOR[oid]}-steps")
    assert page.evaluate(VISIBLE) == [START]
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_result_answers_first_then_buttons_then_steps_then_folded_detail(browser, base_url, lang):
    """Issue 16 item 1, at 360 x 740: the answer (heading), one line or two, the buttons (apply
    where applying fits, a call or text button), a few steps, then the detail folded below."""
    ctx = browser.new_context(viewport=PHONE, service_workers="block")
    page = ctx.new_page()
    url = page_url(base_url, "verificateur", lang)
    worst = {}
    for oid, trail in FIRST_PATH.items():
        page.goto(url)
        walk(page, trail)
        box = page.evaluate("""oid => {
          const o = document.querySelector(`[data-outcome="${oid}"]`), top = e => e ? e.getBoundingClientRect().top : null;
          const kids = [...o.children].filter(e => e.offsetParent !== null);
          const call = o.querySelector('[data-checker-part="actions"] a[href^="tel:"], [data-checker-part="actions"] a[href^="sms:"]');
          return {order: kids.map(e => e.tagName + (e.dataset.checkerPart ? ':' + e.dataset.checkerPart : '')
                                       + (e.dataset.checkerSummary !== undefined ? ':summary' : '')),
                  h2: top(o.querySelector('h2')),
                  first: top(o.querySelector('[data-checker-part="actions"] a')),
                  call: top(call),
                  apply: top(o.querySelector('[data-action="a_apply"]')),
                  closed: [...o.querySelectorAll('details')].every(d => !d.open)};
        }""", oid)
        order = [e for e in box["order"] if e.split(":")[0] in ("H2", "P", "DIV", "OL", "DETAILS")]
        head = order.index("H2")
        assert order[head + 1] == "P:summary", (oid, order)
        assert order[head + 2] == "DIV:actions", (oid, order)
        assert order[head + 3] == "OL:steps", (oid, order)
        assert [e for e in order[head + 4:] if e.startswith("DETAILS")] == \
            [e for e in order if e.startswith("DETAILS")], (oid, order)
        assert box["closed"], oid
        assert box["call"] is not None, f"{oid}: no call or text button"
        # Measured from the answer: the main button and a phone button within the first screen.
        worst[oid] = (box["first"] - box["h2"], box["call"] - box["h2"])
        assert box["first"] - box["h2"] < 420, (oid, box)
        assert box["call"] - box["h2"] < 560, (oid, box)
        if box["apply"] is not None:
            assert box["apply"] - box["h2"] < 480, (oid, box)
    ctx.close()
    assert len(worst) == len(FLOW["outcomes"])


@pytest.mark.parametrize("lang", LANGS)
def test_back_goes_to_the_previous_question_and_leaves_at_the_first(js_context, base_url, lang):
    """Issue 16 item 4: the browser's (the phone's) Back moves inside the checker."""
    page = js_context.new_page()
    before = page_url(base_url, "aide", lang)
    page.goto(before)
    url = page_url(base_url, "verificateur", lang)
    page.goto(url)
    trail, oid = next((t, o) for t, o in PATHS if len(t) >= 4)
    walk(page, trail)
    assert page.evaluate(VISIBLE) == [oid]
    for qid, _ in reversed(trail):
        page.go_back()
        wait_visible(page, qid)
        s = page.evaluate(STATE)
        assert s["focus"] == f"{qid}-h" and page.url == url
        assert s["progress"] == progress_text(lang, [q for q, _ in trail].index(qid) + 1, qid)
    # Forward goes through the same answers again.
    page.go_forward()
    wait_visible(page, trail[1][0])
    page.go_back()
    wait_visible(page, START)
    # From the first question, Back leaves the checker.
    page.go_back()
    page.wait_for_url(before)
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_link_to_a_question_opens_it(js_context, base_url, lang):
    """Issue 16 item 4, issue 22: verificateur/#q_... (a question's heading, as other pages link
    to it) or its anchor (#n3) opens that question, then the hash leaves the address. An address
    naming a result opens the first question (tests/test_checker_history.py)."""
    page = js_context.new_page()
    url = page_url(base_url, "verificateur", lang)
    for qid in FLOW["questions"]:
        for anchor in (qid, ANCHOR[qid]):
            page.goto("about:blank")  # a new visit, not a move inside the page
            page.goto(f"{url}#{anchor}")
            # The browser's own move to the anchor comes first, then the script's to the heading.
            page.wait_for_function(f"() => document.activeElement.id === '{qid}'", timeout=3000)
            s = page.evaluate(STATE)
            assert s["visible"] == [qid] and page.url == url, anchor
            assert only_step_numbers(s["state"])
            # A question counts its progress from where it sits in the flow.
            assert s["progress"] == progress_text(lang, DEPTH[qid], qid)
    # "Start over" from a linked question goes to the first question.
    qid = next(q for q, d in DEPTH.items() if d >= 3)
    page.goto("about:blank")
    page.goto(f"{url}#{qid}")
    page.click("[data-checker-restart]")
    wait_visible(page, START)
    # A link on the page itself to a question is one more step: Back returns.
    (qid, cid), = PATHS[0][0][:1]
    walk(page, [(qid, cid)])
    reached = next(c["next"] for c in FLOW["questions"][qid]["choices"] if c["id"] == cid)
    linked = next(q for q in FLOW["questions"] if q not in (START, reached))
    page.evaluate(f"location.hash = '#{linked}'")
    wait_visible(page, linked)
    assert page.url == url
    page.go_back()
    wait_visible(page, reached)
    page.close()


@pytest.mark.proves("checker-language")
@pytest.mark.parametrize("lang", LANGS)
def test_the_language_switch_keeps_the_place(js_context, base_url, lang):
    """Issue 16 item 4, issue 22: the other language opens at the same question or result; the
    place travels in the tab's name (window.name), read and emptied at once by the other page, and
    never in the address."""
    page = js_context.new_page()
    url = page_url(base_url, "verificateur", lang)
    other = [x for x in LANGS if x != lang][0]
    other_url = page_url(base_url, "verificateur", other)
    for trail, oid in (PATHS[0], (PATHS[0][0][:2], PATHS[0][0][2][0]), ([], START)):
        page.goto(url)
        walk(page, trail)
        assert page.evaluate(VISIBLE) == [oid]
        href = page.get_attribute("a[data-lang-switch]", "href")
        assert "#" not in href, href
        page.click("a[data-lang-switch]")
        page.wait_for_url(other_url)
        page.wait_for_function(f"() => ({VISIBLE})().join() === '{oid}'")
        assert page.url == other_url
        assert page.evaluate("window.name") == ""
        assert page.evaluate("document.documentElement.lang").startswith(other)
    # A place is taken only in the language it was meant for, and only soon after: a stale one
    # is emptied and the checker opens at its first question.
    # (The place is the node's number, its anchor's: a result's, here, whose file checker.js
    # fetches first.)
    index = int(ANCHOR[PATHS[0][1]][1:])
    for name in (f"ns-place:{index}:{{now}}:{lang}", f"ns-place:{index}:{{old}}:{other}"):
        page.goto(other_url)
        page.evaluate(f"window.name = `{name}`.replace('{{now}}', Date.now()).replace('{{old}}', Date.now() - 60000)")
        page.reload()
        wait_visible(page, START)
        assert page.evaluate("window.name") == ""
    page.close()


TAPPABLE = """() => [...document.querySelectorAll(
    '[data-checker] :is(a.md-button, button, summary, a.ns-tel, [data-choice])')]
  .filter(e => e.offsetParent !== null)
  .map(e => { const r = e.getBoundingClientRect();
              return [e.textContent.trim().slice(0, 30), Math.round(r.width), Math.round(r.height)]; })"""


@pytest.mark.parametrize("lang", LANGS)
def test_every_control_of_the_checker_is_at_least_44_px(browser, base_url, lang):
    """Issue 16 item 6, at 360 px: choices, Back, Start over, the result's buttons, the folded
    parts' summaries, phone and text links, print."""
    ctx = browser.new_context(viewport=PHONE, service_workers="block")
    page = ctx.new_page()
    url = page_url(base_url, "verificateur", lang)
    small, seen = [], 0
    for oid, trail in FIRST_PATH.items():
        page.goto(url)
        for qid, cid in trail:
            for label, w, h in page.evaluate(TAPPABLE):
                seen += 1
                if w < 44 or h < 44:
                    small.append((qid, label, w, h))
            page.click(f'[data-question="{qid}"] [data-choice="{cid}"]')
        page.evaluate(f"document.querySelectorAll('[data-outcome={oid}] details').forEach(d => d.open = true)")
        for label, w, h in page.evaluate(TAPPABLE):
            seen += 1
            if w < 44 or h < 44:
                small.append((oid, label, w, h))
    ctx.close()
    assert seen > 200
    assert small == [], small


# Issue 16's readers: a 15-year-old whose image is shared, the same threatened, a 19-year-old
# blackmailed, the parent of a 12-year-old, a 16-year-old who received a classmate's image.
PERSONAS = ["out_order_self_minor", "out_threat_minor", "out_threat_adult", "out_parent_child",
            "out_bystander_minor"]


@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_nothing_on_the_results_with_their_detail_open(browser, base_url, lang):
    """The site-wide axe test sees the first question only; here, results, reached by answering
    and from the other language's page (the language switch), with every folded part open; and
    the first question without JavaScript, with what it says of the history."""
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    found = []
    ctx = browser.new_context(viewport=PHONE, service_workers="block")
    page = ctx.new_page()
    url = page_url(base_url, "verificateur", lang)
    other = page_url(base_url, "verificateur", [x for x in LANGS if x != lang][0])
    for oid in PERSONAS:
        for switched in (False, True):
            page.goto(other if switched else url)
            walk(page, FIRST_PATH[oid])
            if switched:
                page.click("a[data-lang-switch]")
                page.wait_for_url(url)
                wait_visible(page, oid)
            page.evaluate(f"document.querySelectorAll('[data-outcome={oid}] details').forEach(d => d.open = true)")
            # The last tap left the pointer on a button: axe would read its colours halfway
            # through the theme's hover transition. Pointer away, transitions done, then check.
            page.mouse.move(0, 0)
            page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
            for v in axe.run(page).response["violations"]:
                found += [f"{oid}: {v['id']} {n['target']}" for n in v["nodes"]]
    ctx.close()
    # axe needs scripts, so "without JavaScript" is the page as a browser without them shows it:
    # no checker.js, and the `no-js` class the head script would have swapped.
    ctx = browser.new_context(viewport=PHONE, service_workers="block")
    ctx.route("**/checker.min.js", lambda route: route.abort())
    page = ctx.new_page()
    page.goto(url)
    page.evaluate("document.documentElement.classList.replace('js', 'no-js')")
    assert page.locator("[data-checker-nojs-history]").is_visible()
    assert page.evaluate(VISIBLE) == [START]
    for v in axe.run(page).response["violations"]:
        found += [f"without JavaScript: {v['id']} {n['target']}" for n in v["nodes"]]
    ctx.close()
    assert found == [], "\n".join(found)


def pdf_pages(pdf: bytes) -> int:
    return int(re.search(rb"/Type\s*/Pages\b.*?/Count (\d+)", pdf, re.S).group(1))


@pytest.mark.parametrize("lang", LANGS)
def test_each_outcome_prints_everything_on_a_neutral_sheet(js_context, base_url, lang):
    page, url = open_checker(js_context, base_url, lang)
    stub_print(page)
    title = page.title()
    site_line = ui("print_site", lang).split("{")[0]
    for oid, trail in FIRST_PATH.items():
        walk(page, trail)
        page.click(f'[data-outcome="{oid}"] [data-checker-print]')
        page.emulate_media(media="print")
        try:
            assert not page.locator("h1").is_visible()
            assert not page.locator("header").first.is_visible()
            head = page.locator(f'[data-outcome="{oid}"] .ns-checker__print-head')
            assert head.is_visible() and head.inner_text().strip() == ui("print_title", lang)
            headings = page.evaluate("""() => [...document.querySelectorAll('h1, h2, h3, summary, .ns-checker__print-head')]
                                        .filter(e => e.offsetParent !== null).map(e => e.textContent)""")
            assert not [h for h in headings if re.search(r"intim", h, re.I)], headings
            # Everything prints, the folded parts too, with the site's name and address.
            for part in ["actions", "steps"] + [p for p in C.FOLDED if FLOW["outcomes"][oid].get(p)]:
                loc = page.locator(f'[data-outcome="{oid}"] [data-checker-part="{part}"]')
                assert loc.is_visible(), (oid, part)
                for i in range(loc.locator("li").count()):
                    assert loc.locator("li").nth(i).is_visible(), (oid, part, i)
            site = page.locator(f'[data-outcome="{oid}"] [data-checker-site]')
            assert site.is_visible() and site.inner_text().startswith(site_line)
            assert base_url in site.inner_text()
            # Every link that doesn't show its address prints it after itself.
            missing = page.evaluate("""oid => [...document.querySelectorAll(`[data-outcome="${oid}"] a[href]`)]
              .filter(a => a.offsetParent !== null && /^(https?:|\\.)/.test(a.getAttribute('href')))
              .filter(a => { const after = getComputedStyle(a, '::after').content;
                             const shown = a.textContent.toLowerCase();
                             const bare = a.href.replace(/^https?:\\/\\/(www\\.)?/, '').replace(/\\/$/, '').toLowerCase();
                             return !(after.includes(a.href) || shown === bare); })
              .map(a => a.textContent)""", oid)
            assert missing == [], (oid, missing)
            assert pdf_pages(page.pdf(format="Letter")) <= 2, oid
        finally:
            page.emulate_media(media="screen")
        page.click(f'[data-outcome="{oid}"] [data-checker-restart-link]')
        wait_visible(page, START)
    assert page.evaluate("window.__printed") == len(FIRST_PATH)
    # Whatever opens the print dialog, the title is neutral and the folded parts open while
    # printing, and close again after.
    walk(page, PATHS[0][0])
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.title() == ui("print_title", lang)
    assert page.evaluate("[...document.querySelectorAll('[data-outcome]:not([hidden]) details')].every(d => d.open)")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.title() == title
    assert page.evaluate("[...document.querySelectorAll('[data-outcome]:not([hidden]) details')].every(d => !d.open)")
    page.close()
