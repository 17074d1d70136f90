"""Every built page, both languages, in Chromium: no third party, no error, no failed request."""
import pytest

from support import LANGS, PageWatch, all_page_urls, page_pairs, page_url


def test_every_page_loads_clean(context, base_url):
    watch = PageWatch(context, base_url)
    page = watch.attach(context.new_page())
    urls = all_page_urls(base_url)
    for lang, url in urls:
        page.goto(url, wait_until="load")
        assert page.locator("html").get_attribute("lang") == lang, url
        assert page.locator("h1").count() >= 1, url
        # Material's script starts on the first key press (Control: no shortcut, not the quick
        # exit's Shift); its errors on any page would show below.
        page.keyboard.press("Control")
        page.wait_for_function("() => window.component$ !== undefined", timeout=10000)
    page.wait_for_timeout(800)  # let late requests (search worker, index) happen
    assert len(urls) == 2 * len(page_pairs())
    assert watch.foreign() == [], "requests to another host"
    assert watch.failures == []
    assert watch.console_errors == []
    assert context.cookies() == []


@pytest.mark.parametrize("lang", LANGS)
def test_language_switch_lands_on_the_same_page(page, base_url, lang):
    other = "en" if lang == "fr" else "fr"
    for name in page_pairs():
        page.goto(page_url(base_url, name, lang))
        page.click("[data-lang-switch]")
        page.wait_for_load_state("load")
        assert page.locator("html").get_attribute("lang") == other
        assert page.url == page_url(base_url, name, other)


def test_unknown_address_shows_the_404_page(page, base_url):
    response = page.goto(base_url + "nothing-here/")
    assert response.status == 404
    text = page.locator("main").inner_text()
    assert "introuvable" in text.lower() and "not found" in text.lower()
