"""The site locked down (issue 5): a Content-Security-Policy meta tag first in every page, with
the hash of every inline script and no 'unsafe-inline'; no referrer; zero CSP violations, zero
third-party requests and nothing stored, online and in the offline (file://) copy."""
import base64
import hashlib
import re
from pathlib import Path

import pytest

from support import LANGS, PageWatch, all_page_urls, build, page_pairs, page_url

CSP_META = re.compile(r'<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>", re.S)
A_HTTP = re.compile(r'<a\b[^>]*\bhref="(https?://[^"]+)"[^>]*>')

# Recorded in every document before its own scripts run; read back after each page.
WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile));
"""


def directives(policy: str) -> dict:
    out = {}
    for part in policy.split(";"):
        name, *values = part.split()
        out[name] = values
    return out


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _html_files(root: Path):
    files = sorted(p for p in root.rglob("*.html"))
    assert len(files) >= 2 * len(page_pairs()) + 1  # every page and 404.html
    return files


def _check_policy_file(path: Path, root: Path):
    html = path.read_text(encoding="utf-8")
    where = path.relative_to(root)
    m = CSP_META.search(html)
    assert m, f"{where}: the CSP meta tag is not the first element in <head>"
    d = directives(m.group(1))
    assert d["default-src"] == ["'none'"], where
    assert d["object-src"] == ["'none'"] and d["base-uri"] == ["'self'"], where
    assert d["form-action"] == ["'none'"] and d["connect-src"] == ["'self'"], where
    assert d["style-src"] == ["'self'"], where
    assert d["worker-src"] == ["'self'"], where
    assert d["img-src"] == ["'self'", "data:"], where
    script_src = d["script-src"]
    assert script_src[0] == "'self'", where
    assert not {"'unsafe-inline'", "'unsafe-eval'", "'strict-dynamic'", "*"} & set(script_src), where
    executed = [body for attrs, body in SCRIPT.findall(html)
                if "src=" not in attrs and "application/json" not in attrs]
    assert executed, f"{where}: expected Material's inline scripts"
    for body in executed:
        assert sha(body) in script_src, f"{where}: inline script without its hash: {body[:60]}"
    assert html.find('<meta charset="utf-8">') < 1024, f"{where}: charset beyond the first 1024 bytes"
    assert '<meta name="referrer" content="no-referrer">' in html, where
    assert " style=" not in re.sub(r"<script.*?</script>|<svg.*?</svg>", "", html, flags=re.S), where
    return html


def test_every_built_file_carries_the_policy(site_dir, base_url):
    for path in _html_files(site_dir):
        html = _check_policy_file(path, site_dir)
        for m in A_HTTP.finditer(html):
            if m.group(1).startswith(base_url):
                continue
            rel = re.search(r'\brel="([^"]*)"', m.group(0))
            assert rel and {"noopener", "noreferrer"} <= set(rel.group(1).split()), \
                f"{path.relative_to(site_dir)}: {m.group(0)}"


def test_headers_file_for_hosts_that_read_one(site_dir):
    text = (site_dir / "_headers").read_text(encoding="utf-8")
    assert text.startswith("/*\n")
    assert "frame-ancestors 'none'" in text and "X-Frame-Options: DENY" in text
    assert "X-Content-Type-Options: nosniff" in text


def _visit_all(context, urls, search_words=None):
    """Load each URL; return the CSP violations seen (events and console) per page."""
    context.add_init_script(WATCH_CSP)
    console = []
    page = context.new_page()
    page.on("console", lambda msg: "Content Security Policy" in msg.text and console.append(
        f"{page.url}: {msg.text[:200]}"))
    violations = []
    for url in urls:
        page.goto(url, wait_until="load")
        violations += [f"{url}: {v}" for v in page.evaluate("window.__csp")]
    for url, word in (search_words or []):
        page.goto(url)
        _search(page, word)
        # Enter opens the first result (Material's script); if the search form submitted
        # instead, form-action 'none' would report it.
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "?" not in page.url, page.url
        violations += [f"{page.url}: {v}" for v in page.evaluate("window.__csp")]
    page.wait_for_timeout(500)
    return page, violations + console


def _search(page, word):
    opener = page.locator("label.md-header__button[for='__search']")
    if opener.is_visible():
        opener.click()
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially(word, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=10000)


def _nothing_stored(context, page):
    assert context.cookies() == []
    stored = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""], stored


def test_online_no_violation_no_third_party_nothing_stored(context, base_url):
    watch = PageWatch(context, base_url)
    urls = [u for _, u in all_page_urls(base_url)] + [base_url + "missing/page/"]
    searches = [(page_url(base_url, "index", "fr"), "juge"), (page_url(base_url, "index", "en"), "judge")]
    page, violations = _visit_all(context, urls, searches)
    assert violations == []
    assert watch.foreign() == [], "requests to another host"
    _nothing_stored(context, page)


def test_the_policy_is_enforced_and_violations_are_seen(context, base_url):
    """The control for the test above: an injected inline script is blocked and reported."""
    page, _ = _visit_all(context, [base_url])
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__ran = true'; document.body.appendChild(s); }""")
    page.wait_for_timeout(100)
    assert page.evaluate("window.__ran") is None
    assert any("script-src" in v for v in page.evaluate("window.__csp"))


@pytest.mark.parametrize("lang,word", [("fr", "juge"), ("en", "judge")])
def test_searched_words_stay_out_of_addresses(page, base_url, lang, word):
    page.goto(page_url(base_url, "index", lang))
    _search(page, word)
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state("load")
    assert "?" not in page.url and word not in page.url


@pytest.fixture(scope="module")
def offline_dir(tmp_path_factory):
    dest = tmp_path_factory.mktemp("csp-offline") / "site-offline"
    build(dest, "http://127.0.0.1:1/", offline=True)
    return dest


def test_offline_copy_carries_the_policy(offline_dir):
    for path in _html_files(offline_dir):
        _check_policy_file(path, offline_dir)


def test_offline_no_violation_no_other_request_nothing_stored(context, offline_dir):
    watch = PageWatch(context, "file://")
    base = offline_dir.as_uri() + "/"
    urls = [u for _, u in all_page_urls(base, directory_urls=False)]
    # Search runs its worker in the iframe-worker shim from file://: the shim's inline script
    # must be allowed by hash too.
    searches = [(page_url(base, "index", "fr", directory_urls=False), "juge"),
                (page_url(base, "aide", "en", directory_urls=False), "judge")]
    page, violations = _visit_all(context, urls, searches)
    assert violations == []
    assert watch.foreign() == []
    _nothing_stored(context, page)
