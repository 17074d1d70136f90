"""The site under a sub-path (a GitHub Pages project site) and from file:// (offline copy)."""
from urllib.parse import urldefrag, urlparse

import pytest

from support import PageWatch, build, free_port, page_pairs, serve

REPO = "reponame"


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory):
    port = free_port()
    root = tmp_path_factory.mktemp("host")
    build(root / REPO, f"http://127.0.0.1:{port}/{REPO}/")
    with serve(root, port, not_found=root / REPO / "404.html") as url:
        yield url + f"{REPO}/"


def test_subpath_crawl_has_no_broken_link(context, subpath_site):
    """Follow every same-site link of every page, starting from both homes: zero 404s."""
    watch = PageWatch(context, subpath_site)
    page = watch.attach(context.new_page())
    todo, seen, statuses = [subpath_site, subpath_site + "en/"], set(), {}
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = page.goto(url, wait_until="load")
        statuses[url] = response.status
        if response.status != 200 or "html" not in response.headers.get("content-type", ""):
            continue
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            href = urldefrag(href).url
            if href.startswith(subpath_site) and href not in seen:
                todo.append(href)
    broken = {u: s for u, s in statuses.items() if s != 200}
    assert broken == {}
    pages = {u for u in statuses if not urlparse(u).path.endswith((".zip", ".svg", ".png", ".pdf"))}
    assert len(pages) >= 2 * len(page_pairs())
    assert watch.foreign() == [] and watch.failures == [] and watch.console_errors == []


def test_subpath_404_page_loads_its_styles(context, subpath_site):
    watch = PageWatch(context, subpath_site)
    page = watch.attach(context.new_page())
    response = page.goto(subpath_site + "en/deep/missing/page/")
    assert response.status == 404
    assert page.locator("article a[href$='/en/']").count() == 1
    page.locator("article a[href$='/en/']").click()
    assert page.url == subpath_site + "en/"
    assert [f for f in watch.failures if "missing" not in f] == []


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    dest = tmp_path_factory.mktemp("offline") / "site-offline"
    build(dest, "http://127.0.0.1:1/", offline=True)
    return dest


def test_offline_copy_works_from_file(context, offline_site):
    watch = PageWatch(context, "file://")
    page = watch.attach(context.new_page())
    seen, todo = set(), [(offline_site / "index.html").as_uri(), (offline_site / "en/index.html").as_uri()]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        page.goto(url, wait_until="load")
        assert page.locator("h1").count() >= 1, f"{url} is not a page (a directory listing?)"
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            href = urldefrag(href).url
            if href.startswith("file://") and href not in seen:
                assert href.endswith((".html", ".zip", ".svg", ".pdf")), f"{url} links to {href}"
                if href.endswith(".html"):
                    todo.append(href)
    # Every page, and the pages the post-build step makes beside them (the facts' pages, the
    # checker's results' page: issue 25), reached by links.
    from sitebuild import derived
    made = [p for p in offline_site.rglob("*.html")
            if derived.origin(p.relative_to(offline_site).as_posix())]
    assert len(made) >= 2 * 2, made
    assert len(seen) == 2 * len(page_pairs()) + len(made)
    assert watch.foreign() == [] and watch.failures == [] and watch.console_errors == []


@pytest.mark.parametrize("lang,word,expect", [("fr", "juge", "ordonnance.html"),
                                               ("en", "judge", "en/ordonnance.html")])
def test_offline_search_in_each_language(context, offline_site, lang, word, expect):
    page = context.new_page()
    start = offline_site / ("index.html" if lang == "fr" else "en/index.html")
    page.goto(start.as_uri())
    _search(page, word)
    hrefs = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    assert hrefs and all(h.startswith((offline_site / expect).parent.as_uri()) for h in hrefs)
    assert any(expect in h for h in hrefs)
    assert not any("/en/" in h for h in hrefs) if lang == "fr" else all("/en/" in h for h in hrefs)


@pytest.mark.parametrize("lang,word,expect", [("fr", "paye", "maintenant.html"),
                                               ("fr", "pedosexuel", "crime.html"),
                                               ("en", "snapchat", "en/maintenant.html")])
def test_offline_search_words_and_accents(context, offline_site, lang, word, expect):
    """From file:// too, the search words of the front matter weigh and accents don't matter
    (the worker runs in an iframe there: search-lazy.js loads search-tune.js into it)."""
    page = context.new_page()
    page.goto((offline_site / ("index.html" if lang == "fr" else "en/index.html")).as_uri())
    _search(page, word)
    page.wait_for_timeout(300)  # the answer to the last letter typed
    hrefs = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    assert hrefs and hrefs[0] == (offline_site / expect).as_uri(), hrefs


def _search(page, word):
    opener = page.locator("label.md-header__button[for='__search']")
    if opener.is_visible():  # phone width: search sits behind a button
        opener.click()
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially(word, delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
