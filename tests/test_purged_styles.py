"""The one stylesheet keeps every rule the site can use (issue 25): in each state a reader can
put a page in, every element (and its ::before and ::after) has the same computed style, every
property but custom properties, with the purged stylesheet as with the unpurged one (the theme's
and ours, whole, as sitebuild/css_bundle.py joins them before sitebuild/css_purge.py).

One browser (Chromium). Each page is put in a state once; one evaluate (tests/styles_diff.js)
takes every style with the page's own stylesheet, puts the unpurged one in its place (served by
the test at another address), takes them again and returns what differs. States and widths:
COVERAGE below, printed by the test (pages x states x widths).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from support import LANGS, ROOT, page_pairs, page_url
from weight import PHONE

SCRIPT = (Path(__file__).parent / "styles_diff.js").read_text(encoding="utf-8")
FULL = "assets/site/bundle.unpurged.css"
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


def _trail():
    """A path to a result with every kind of folded part: the one whose result has the most."""
    from sitebuild import checker as C
    from sitebuild import facts as F
    facts = F.load(ROOT / "data" / "facts.yml")
    flow = C.load(ROOT / "data" / "checker.yml", facts)
    parts = ("explain", "order", "remove", "report", "school", "prepare", "call", "tell")
    return max(C.paths(flow), key=lambda p: sum(bool(flow["outcomes"][p[1]].get(k)) for k in parts))[0]


CHECKER_TRAIL = _trail()


def unpurged_css(site_dir: Path) -> str:
    from sitebuild import css_bundle
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    theme = sorted(p.relative_to(site_dir).as_posix()
                   for p in (site_dir / "assets" / "stylesheets").glob("main.*.min.css"))
    return css_bundle.bundle_text(site_dir, theme + list(config["extra_css"]))


@pytest.fixture(scope="module")
def styled(browser, base_url, site_dir):
    """(context for a width, url) -> the page, with the unpurged stylesheet served at FULL."""
    css = unpurged_css(site_dir)
    contexts = {}

    def context(width):
        if width not in contexts:
            ctx = browser.new_context(service_workers="block",
                                      **(PHONE if width == "phone" else DESKTOP))
            ctx.route("**/" + FULL, lambda route: route.fulfill(
                status=200, content_type="text/css", body=css))
            contexts[width] = ctx
        return contexts[width]

    yield context
    for ctx in contexts.values():
        ctx.close()


def differences(page, base_url) -> list[str]:
    page.wait_for_timeout(150)   # what a click or a media change set off (Material's scroll spy)
    for _ in range(4):
        result = page.evaluate(SCRIPT, base_url + FULL)
        if not result.get("moved"):
            break
        page.wait_for_timeout(400)   # the page changed itself between the readings: again
    assert "error" not in result and not result.get("moved"), result
    assert result["elements"] > 100
    return [f"{result['count']} differing: " + d for d in result["diffs"][:6]] if result["count"] else []


def all_pages(base_url):
    urls = [page_url(base_url, name, lang) for name in page_pairs() for lang in LANGS]
    # Pages the post-build step makes: the facts' pages. (Not the checker's results' page: it is
    # read without JavaScript, where the comparison's script can't wait for anything, and with
    # it the page opens the checker. Its results are compared in the checker page, at a result.)
    for lang in LANGS:
        prefix = "" if lang == "fr" else "en/"
        urls += [f"{base_url}{prefix}a-propos/facts-1.html"]
    return urls


def _open(ctx, url, *, media=None, colors=None, motion=None):
    page = ctx.new_page()
    page.goto(url, wait_until="load")
    if media or colors or motion:
        page.emulate_media(media=media, forced_colors=colors, reduced_motion=motion)
    return page


COVERAGE: dict[str, tuple[int, str]] = {}


def _cover(state, n, widths):
    COVERAGE[state] = (n, widths)


def test_every_page_at_load_and_with_every_details_open(styled, base_url):
    found, urls = [], all_pages(base_url)
    for width in ("phone", "desktop"):
        for url in urls:
            page = _open(styled(width), url)
            found += [f"{url} {width} load: {d}" for d in differences(page, base_url)]
            if page.locator("details").count():
                page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
                found += [f"{url} {width} details open: {d}" for d in differences(page, base_url)]
            page.close()
    _cover("load, every <details> open (pages that have one)", len(urls), "360 and 1280")
    assert found == [], "\n".join(found[:20])


# Forced colours and reduced motion change a few rules of the theme and ours, the same on every
# page of a kind: one page of each kind, in French.
KINDS = ["index", "aide", "verificateur", "securite", "educateurs/quiz", "educateurs/fiche",
         "educateurs/schema", "a-propos"]


@pytest.mark.parametrize("state,media", [("print", {"media": "print"}),
                                         ("forced colours", {"colors": "active"}),
                                         ("reduced motion", {"motion": "reduce"})])
def test_print_forced_colours_reduced_motion(styled, base_url, state, media):
    found = []
    width = "desktop" if state == "print" else "phone"
    urls = all_pages(base_url) if state == "print" else (
        [page_url(base_url, name, "fr") for name in KINDS])
    for url in urls:
        page = _open(styled(width), url, **media)
        found += [f"{url} {state}: {d}" for d in differences(page, base_url)]
        page.close()
    _cover(state, len(urls), "1280" if width == "desktop" else "360")
    assert found == [], "\n".join(found[:20])


def test_drawer_search_checker_quiz_and_slides(styled, base_url):
    found, count = [], {}

    def check(label, page, url, width):
        count[label] = count.get(label, 0) + 1
        found.extend(f"{url} {width} {label}: {d}" for d in differences(page, base_url))

    for lang in LANGS:
        home = page_url(base_url, "index", lang)
        # The navigation drawer, every level open (phone).
        for name in ("index", "educateurs/plan", "a-propos"):
            url = page_url(base_url, name, lang)
            page = _open(styled("phone"), url)
            page.click("label.md-header__button[for='__drawer']")
            page.wait_for_timeout(300)
            page.evaluate("() => document.querySelectorAll('input.md-nav__toggle').forEach(i => i.checked = true)")
            check("nav drawer open", page, url, "phone")
            page.close()
        # Search open with results (Material's script loads on the tap).
        for width in ("phone", "desktop"):
            page = _open(styled(width), home)
            page.click("label.md-header__button[for='__search']" if width == "phone" else "input.md-search__input")
            page.wait_for_function("() => window.component$ !== undefined", timeout=10000)
            page.wait_for_selector("input.md-search__input:focus", timeout=5000)
            page.keyboard.type("juge" if lang == "fr" else "judge", delay=20)
            page.wait_for_selector(".md-search-result__item", timeout=10000)
            page.evaluate("() => document.querySelectorAll('.md-search-result details').forEach(d => d.open = true)")
            check("search open with results", page, home, width)
            page.close()
        # The checker walked to a result, its folded parts open; then Back.
        checker = page_url(base_url, "verificateur", lang)
        for width in ("phone", "desktop"):
            page = _open(styled(width), checker)
            check("checker, first question", page, checker, width)
            for qid, cid in CHECKER_TRAIL:
                page.click(f'[data-question="{qid}"] [data-choice="{cid}"]')
            page.wait_for_selector("[data-outcome]:not([hidden])", timeout=10000)
            check("checker at a result", page, checker, width)
            page.evaluate("() => document.querySelectorAll('[data-outcome]:not([hidden]) details').forEach(d => d.open = true)")
            check("checker at a result, folded parts open", page, checker, width)
            page.emulate_media(media="print")
            check("checker's printed sheet", page, checker, width)
            page.close()
        # The quiz, every statement answered.
        quiz = page_url(base_url, "educateurs/quiz", lang)
        for width in ("phone", "desktop"):
            page = _open(styled(width), quiz)
            for item in page.locator("[data-quiz-item]").all():
                item.locator("[data-choice]").first.click()
            check("quiz answered", page, quiz, width)
            page.close()
        # Presentation mode (desktop: the button shows from 960 px on student pages).
        for name in ("index", "educateurs/index", "educateurs/quiz"):
            url = page_url(base_url, name, lang)
            page = _open(styled("desktop"), url)
            page.click("[data-present]")
            page.wait_for_selector(".ns-present__slide:not([hidden])", timeout=10000)
            check("presentation mode", page, url, "desktop")
            page.close()
    for label, n in count.items():
        _cover(label, n, "see the test")
    assert found == [], "\n".join(found[:20])


def test_zz_report_coverage(capsys):
    """Prints what the comparisons above covered (pages x states x widths)."""
    with capsys.disabled():
        print("\ncomputed-style comparison, purged vs unpurged stylesheet:")
        for state, (n, widths) in COVERAGE.items():
            print(f"  {state}: {n} page-states, widths {widths}")
