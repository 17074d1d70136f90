"""Weight budget (issue 25): the first visit of any page, both languages, with an empty cache,
on a phone (360 x 740), costs at most 25 KiB once compressed (gzip level 6 of each response, as a
static host sends it) and at most 5 requests; the pages the post-build step makes (each checker
result's own page, the facts' pages) too. Bytes come from the built files: deterministic, no
timing. `make bench` measures the same under a sub-path, with repeat visits and Lighthouse."""
import pytest

from support import LANGS, all_page_urls, page_pairs, page_url
from weight import BUDGET_BYTES, BUDGET_REQUESTS, first_visit

MAX_BYTES = BUDGET_BYTES
MAX_REQUESTS = BUDGET_REQUESTS


def made_pages(site_dir, base_url) -> list[str]:
    """The pages the post-build step makes beside a page (checker results, facts)."""
    return sorted(base_url + p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")
                  if p.name != "index.html" and p.name != "404.html"
                  and not p.relative_to(site_dir).as_posix().startswith("assets/"))


def test_first_visit_of_every_page_fits_the_budget(browser, base_url, site_dir):
    over, urls = [], all_page_urls(base_url)
    made = made_pages(site_dir, base_url)
    assert len(made) > len(LANGS), made   # the checker's results' page and the facts' pages
    results = [u for u in made if "data-checker-result" in _file(site_dir, base_url, u)]
    assert len(results) == len(LANGS), results
    for url in [u for _, u in urls] + made:
        # The checker's results' page is for readers without JavaScript (with it, the checker
        # shows results in its page, and the results' address opens the checker: tested below),
        # who only ever reach it from the checker page: measured after that page (its stylesheet
        # in the cache). One page for every result, so that its request says nothing of the
        # reader's answers: sitebuild/checker_split.py.
        rows = first_visit(browser, url, site_dir, base_url, phone=True,
                           javascript=url not in results,
                           after=url.rsplit("/", 1)[0] + "/" if url in results else None)
        total = sum(r["bytes"] for r in rows)
        missing = [r["url"] for r in rows if r["path"] is None]
        assert missing == [], f"{url} asked for something not in the site: {missing}"
        if total > MAX_BYTES or len(rows) > MAX_REQUESTS:
            detail = ", ".join(f"{r['path']} {r['bytes']}" for r in rows)
            over.append(f"{url}: {len(rows)} requests, {total / 1024:.1f} KiB ({detail})")
    assert len(urls) == 2 * len(page_pairs())
    assert over == [], "\n".join(over)


def _file(site_dir, base_url, url) -> str:
    return (site_dir / url[len(base_url):]).read_text(encoding="utf-8")


def test_a_result_page_opens_the_checker_with_javascript(browser, base_url, site_dir):
    """With JavaScript, a result's address (from a history made without it) opens the checker's
    first question, not the result."""
    ctx = browser.new_context(service_workers="block")
    try:
        for url in made_pages(site_dir, base_url):
            if "data-checker-result" not in _file(site_dir, base_url, url):
                continue
            page = ctx.new_page()
            page.goto(url + "#n31")
            page.wait_for_url(lambda u: u.split("#")[0].endswith("/verificateur/"), timeout=10000)
            page.wait_for_selector("[data-question]:not([hidden])", timeout=10000)
            assert page.locator("[data-outcome]:not([hidden])").count() == 0, url
            page.close()
    finally:
        ctx.close()


def test_presentation_mode_and_the_results_load_only_when_used(browser, base_url):
    """Presentation mode's script is fetched when a teacher presses Present, not with the page;
    the checker's results at the first answer."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    try:
        asked = []
        ctx.on("request", lambda r: asked.append(r.url))
        page = ctx.new_page()
        page.goto(page_url(base_url, "educateurs/index", "fr"), wait_until="networkidle")
        assert not [u for u in asked if "present" in u]
        page.click("[data-present]")
        page.wait_for_selector(".ns-present__slide:not([hidden])", timeout=10000)
        assert [u for u in asked if u.endswith("assets/site/present.min.js")]
        page.keyboard.press("Escape")
        page.goto(page_url(base_url, "verificateur", "fr"), wait_until="networkidle")
        assert not [u for u in asked if "checker-results" in u]
        page.locator("[data-question] [data-choice]").first.click()
        page.wait_for_function("() => document.querySelector('[data-outcome]') !== null", timeout=10000)
        assert [u for u in asked if u.endswith("verificateur/checker-results.js")]
    finally:
        ctx.close()


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
    ours = '<script src="../assets/site/site.min.js"></script>'
    lazy = ('<p><script src="../assets/site/site.min.js" '
            'data-bundle="../assets/javascripts/bundle.a5f9d56c.min.js"></script>')
    assert rules.lazy_bundle("<p>" + bundle + ours) == lazy
    assert rules.lazy_bundle(lazy) == lazy   # done already
    with pytest.raises(ValueError):
        rules.lazy_bundle("<p>no bundle</p>")
    with pytest.raises(ValueError):
        rules.lazy_bundle("<p>" + bundle)   # no script of ours to take its address
    assert rules.svg_data_url('<svg a="1">\n</svg>').startswith("data:image/svg+xml,%3Csvg%20a=%221%22")
    head = ('<link rel="canonical" href="x/">\n <link rel="prev" href="../a/">\n <link rel="next" href="../b/">'
            '<link rel="icon" href="i.svg">')
    assert rules.drop_prev_next(head) == '<link rel="canonical" href="x/"><link rel="icon" href="i.svg">'
    assert rules.drop_prev_next('<a rel="next" href="../b/">Next</a>') == '<a rel="next" href="../b/">Next</a>'
