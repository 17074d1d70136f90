"""Presentation mode: enter by the data-present control, move by keyboard and click, leave with
Escape, counter in a live region, language switch on the slides, with and without Fullscreen."""
import re

import pytest

from support import LANGS, PageWatch, built_path, page_url

from sitebuild import kit as K

NO_FULLSCREEN = "delete Element.prototype.requestFullscreen; Object.defineProperty(Document.prototype, 'fullscreenEnabled', {get: () => false});"


def expected_slides(page):
    """One slide for the title and introduction, then one per h2 section of the article."""
    return 1 + page.locator("article.md-content__inner h2").count()


def counter(page):
    return page.locator("[data-present-counter]").inner_text().strip()


def visible_slides(page):
    return page.locator("[data-present-slide]:visible")


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
    total = expected_slides(page)
    assert total >= 2
    h2s = page.locator("article.md-content__inner h2").all_inner_texts()
    control = page.locator("[data-present]")
    control.focus()
    page.keyboard.press("Enter")
    root = page.locator("[data-present-root]")
    assert root.is_visible() and root.get_attribute("role") == "dialog"
    assert page.locator("[data-present-root] [aria-live='polite'] [data-present-counter]").count() == 1
    assert counter(page) == f"1 / {total}"
    assert visible_slides(page).count() == 1
    # Focus moved into the dialog.
    assert page.evaluate("document.querySelector('[data-present-root]').contains(document.activeElement)")

    page.keyboard.press("ArrowRight")
    assert counter(page) == f"2 / {total}"
    assert visible_slides(page).locator("h2").inner_text() == h2s[0]
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
    assert visible_slides(page).locator("h2").inner_text() == h2s[-1]

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
    page.keyboard.press("ArrowRight")
    page.locator("[data-present-root] [data-present-lang]").click()
    other = [x for x in LANGS if x != lang][0]
    page.wait_for_url(re.compile(re.escape(page_url(base_url, "maintenant", other)) + "#present$"))
    assert page.locator("html").get_attribute("lang").startswith(other)
    assert page.locator("[data-present-root]").is_visible()
    assert counter(page).startswith("1 / ")
    page.keyboard.press("Escape")
    assert page.locator("[data-present-root]").count() == 0
    assert "#present" not in page.url


def test_present_control_is_hidden_without_javascript(browser, base_url):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(page_url(base_url, "educateurs/index", "fr"))
    assert page.locator("[data-present]").count() == 1
    assert not page.locator("[data-present]").is_visible()
    ctx.close()


def test_present_control_is_on_the_chosen_pages_only(site_dir):
    from support import page_pairs
    for name in page_pairs():
        want = name in K.PRESENT_PAGES or name.startswith(K.PRESENT_DIRS)
        for lang in LANGS:
            html = (site_dir / built_path(name, lang)).read_text(encoding="utf-8")
            assert ("data-present " in html or "data-present>" in html) == want, (name, lang)
            assert ("assets/site/present.min.js" in html) == want, (name, lang)
