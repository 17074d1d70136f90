"""Weight budget (issue 6): the first visit of any page, both languages, with an empty cache,
costs at most 75 KiB once compressed (gzip level 6 of each response, as a static host sends it)
and at most 10 requests. Bytes come from the built files: deterministic, no timing."""
import pytest

from support import LANGS, all_page_urls, page_pairs, page_url
from weight import first_visit

MAX_BYTES = 75 * 1024
MAX_REQUESTS = 10


def test_first_visit_of_every_page_fits_the_budget(browser, base_url, site_dir):
    over, urls = [], all_page_urls(base_url)
    for _, url in urls:
        rows = first_visit(browser, url, site_dir, base_url)
        total = sum(r["bytes"] for r in rows)
        missing = [r["url"] for r in rows if r["path"] is None]
        assert missing == [], f"{url} asked for something not in the site: {missing}"
        if total > MAX_BYTES or len(rows) > MAX_REQUESTS:
            detail = ", ".join(f"{r['path']} {r['bytes']}" for r in rows)
            over.append(f"{url}: {len(rows)} requests, {total / 1024:.1f} KiB ({detail})")
    assert len(urls) == 2 * len(page_pairs())
    assert over == [], "\n".join(over)


@pytest.mark.parametrize("lang,word", [("fr", "juge"), ("en", "judge")])
def test_search_loads_only_when_the_reader_searches(context, base_url, lang, word):
    """Material would fetch the index, its worker and lunr on every page load; here nothing of it
    moves until the reader types, and then search works."""
    requested = []
    context.on("request", lambda r: requested.append(r.url))
    page = context.new_page()
    page.goto(page_url(base_url, "ordonnance", lang), wait_until="networkidle")
    page.wait_for_timeout(600)
    heavy = ("search_index", "/workers/search.", "/lunr/")
    assert [u for u in requested if any(h in u for h in heavy)] == []
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially(word, delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    index = base_url + ("" if lang == "fr" else "en/") + "search/search_index.json"
    assert index in requested
    assert page.locator(".md-search-result__item").count() >= 1


@pytest.mark.parametrize("lang", LANGS)
def test_material_script_waits_for_the_reader(context, base_url, lang):
    """Material's 35 KiB script is not part of the first paint: it loads on the first tap or key
    press, then starts as if the page had just loaded (its "/" shortcut opens search)."""
    requested = []
    context.on("request", lambda r: requested.append(r.url))
    page = context.new_page()
    page.goto(page_url(base_url, "ordonnance", lang), wait_until="networkidle")
    page.wait_for_timeout(400)
    assert [u for u in requested if "/javascripts/bundle." in u] == []
    assert page.evaluate("() => typeof window.component$") == "undefined"
    assert page.locator("html").get_attribute("class") == "js"   # set in <head>, before paint
    page.keyboard.press("Control")
    page.wait_for_function("() => window.component$ !== undefined", timeout=10000)
    assert len([u for u in requested if "/javascripts/bundle." in u]) == 1
    page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement.matches('input.md-search__input')", timeout=5000)
    # Material opens the search panel from the field's focus, a moment later.
    page.wait_for_function("() => document.getElementById('__search').checked", timeout=5000)


def test_on_a_phone_the_first_tap_on_search_opens_it_ready_to_type(browser, base_url):
    """The tap that loads Material's script also opens search: the cursor lands in the field, as
    when the script was already there."""
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    try:
        page = ctx.new_page()
        page.goto(base_url, wait_until="networkidle")
        page.tap("label.md-header__button[for='__search']")
        page.wait_for_function("() => document.activeElement.matches('input.md-search__input')", timeout=5000)
        page.keyboard.type("juge", delay=30)
        page.wait_for_selector(".md-search-result__item", timeout=10000)
    finally:
        ctx.close()


def test_theme_rules_touch_only_what_they_mean_to():
    from sitebuild import theme_rules as rules
    config = ('<script id="__config" type="application/json">{"base":"..","translations":'
              '{"search.result.none":"x"},"search":"../assets/javascripts/workers/search.a7633da7.min.js"}</script>')
    out = rules.lazy_search(config, "en/search/")
    assert '"search":"../assets/javascripts/workers/search-lazy.min.js#worker=search.a7633da7.min.js&index=en/search/"' in out
    assert '"search.result.none":"x"' in out
    toggle = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
    query = '<input type="text" name="query" autocomplete="off">'
    assert rules.valid_toggles(toggle + query) == toggle.replace(' autocomplete="off"', "") + query
    css = '<link rel="stylesheet" href="../assets/stylesheets/palette.fb2fffe2.min.css">'
    assert rules.drop_palette_css(css, {"primary": "custom", "accent": "custom"}) == ""
    assert rules.drop_palette_css(css, {"primary": "indigo", "accent": "custom"}) == css
    bundle = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
    assert rules.lazy_bundle("<p>" + bundle) == ('<p><script src="../assets/site/material-lazy.min.js" '
                                                 'data-bundle="../assets/javascripts/bundle.a5f9d56c.min.js"></script>')
    with pytest.raises(ValueError):
        rules.lazy_bundle("<p>no bundle</p>")
    assert rules.svg_data_url('<svg a="1">\n</svg>').startswith("data:image/svg+xml,%3Csvg%20a=%221%22")
    head = ('<link rel="canonical" href="x/">\n <link rel="prev" href="../a/">\n <link rel="next" href="../b/">'
            '<link rel="icon" href="i.svg">')
    assert rules.drop_prev_next(head) == '<link rel="canonical" href="x/"><link rel="icon" href="i.svg">'
    assert rules.drop_prev_next('<a rel="next" href="../b/">Next</a>') == '<a rel="next" href="../b/">Next</a>'
