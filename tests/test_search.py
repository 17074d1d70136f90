"""Search, served over HTTP: each language finds its own pages only, French with stemming."""
import pytest

from test_hosting import _search


@pytest.mark.parametrize("lang,word,expect", [
    ("fr", "juge", "ordonnance/"),
    ("fr", "ordonnances", "ordonnance/"),     # French stemming: plural finds the singular
    ("en", "judge", "en/ordonnance/"),
    ("en", "court", "en/ordonnance/"),
])
def test_search_stays_in_the_reader_language(page, base_url, lang, word, expect):
    page.goto(base_url if lang == "fr" else base_url + "en/")
    _search(page, word)
    hrefs = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    assert any(h.split("#")[0].split("?")[0] == base_url + expect for h in hrefs), hrefs
    for h in hrefs:
        assert h.startswith(base_url + "en/") == (lang == "en"), h
