"""Search, served over HTTP: each language finds its own pages only, French with stemming; the
words people type (front matter `keywords:`) land on the right page first, accents or not
(issue 21); no checker question, choice or result is in either index (issue 22)."""
import json
import re
from html.parser import HTMLParser

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from support import LANGS, build, built_path, checker_results, copy_project
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


def _answered(page):
    """Wait for the answer to the query (the index loads on the first one): the result count,
    "Aucun document trouvé" / "No matching documents" included."""
    page.wait_for_function(
        "() => /document/.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=10000)


def _ask(page, query):
    """Type `query` at once: one search, so no answer to a shorter query typed on the way is
    read instead. First wait until search shows its prompt ("Taper pour démarrer..." / "Type to
    start..."): when it starts, search answers the empty field, and that answer could otherwise
    come after the query's and read as "no result"; between queries, the field is emptied first,
    so the previous answer can't be read instead."""
    field = page.locator("input.md-search__input")
    if page.evaluate("() => document.getElementById('__search').checked"):
        field.fill("")
        field.press("End")
    else:
        opener = page.locator("label.md-header__button[for='__search']")
        if opener.is_visible():  # phone width: search sits behind a button
            opener.click()
        field.click()
    page.wait_for_function(
        "() => /^(Taper|Type)/.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=10000)
    page.wait_for_timeout(200)
    field.fill(query)
    field.press("End")  # Material searches on keyup
    _answered(page)


@pytest.fixture(scope="module")
def search(browser, base_url):
    """search(lang, query): the result links, from the language's root ('maintenant/#threats').
    One page per language stays open, so the index loads once."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    pages = {}

    def results(lang, query):
        root = base_url if lang == "fr" else base_url + "en/"
        if lang not in pages:
            pages[lang] = context.new_page()
            pages[lang].goto(root)
        return _results(pages[lang], root, query)

    yield results
    context.close()


def _results(page, root, query):
    _ask(page, query)
    # Material shows 10 pages, and more as the list scrolls: scroll until all are there.
    # (Material adds more each time the list *reaches* its end: leave the end, come back, and
    # wait for the list to grow; on a busy machine that can take more than a frame or two.)
    for _ in range(30):
        if page.evaluate(_ALL_SHOWN):
            break
        shown = page.evaluate("() => document.querySelectorAll('.md-search-result__item').length")
        # (Material watches the list's end with an IntersectionObserver, which only sees a
        # position once a frame has been drawn with it: two frames after each scroll.)
        page.eval_on_selector(".md-search__scrollwrap", "el => el.scrollTop = 0")
        page.evaluate(_TWO_FRAMES)
        page.eval_on_selector(".md-search__scrollwrap", "el => el.scrollTop = el.scrollHeight")
        page.evaluate(_TWO_FRAMES)
        try:
            page.wait_for_function(
                "n => document.querySelectorAll('.md-search-result__item').length > n", arg=shown,
                timeout=3000)
        except PlaywrightTimeout:
            pass
    assert page.evaluate(_ALL_SHOWN), "search kept some results back"
    hrefs = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    assert all(h.startswith(root) for h in hrefs), hrefs
    return [h[len(root):] for h in hrefs]


_TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"

_ALL_SHOWN = """() => {
  const count = (document.querySelector('.md-search-result__meta').textContent.match(/\\d+/) || ['0'])[0];
  return document.querySelectorAll('.md-search-result__item').length >= Number(count);
}"""


# The words people type, and the page (#section) that answers them; why, in README ("Search").
RIGHT_PAGE = [
    ("fr", "snapchat", "maintenant/#report"),
    ("fr", "instagram", "maintenant/#report"),
    ("fr", "nudes", "image-intime/"),
    ("fr", "nude", "image-intime/"),
    ("fr", "sextos", "image-intime/"),
    ("fr", "sextorsion", "maintenant/#threats"),
    ("fr", "arnaque", "maintenant/#threats"),
    ("fr", "chantage", "maintenant/#threats"),
    ("fr", "payé", "maintenant/#threats"),
    ("fr", "déjà payé", "maintenant/#threats"),
    ("fr", "deepfake", "questions/#its-fake"),
    ("fr", "pédosexuel", "crime/#under-18"),
    ("fr", "pornodivulgation", "crime/#is-it-a-crime"),
    ("fr", "incognito", "securite/#private-browsing"),
    ("fr", "vérificateur", "verificateur/"),
    ("fr", "ivac", "dommages/#ivac"),
    ("fr", "intimidation", "aide/#school"),
    ("en", "snapchat", "maintenant/#report"),
    ("en", "instagram", "maintenant/#report"),
    ("en", "nudes", "image-intime/"),
    ("en", "nude", "image-intime/"),
    ("en", "sexting", "image-intime/"),
    ("en", "sextortion", "maintenant/#threats"),
    ("en", "scam", "maintenant/#threats"),
    ("en", "blackmail", "maintenant/#threats"),
    ("en", "paid", "maintenant/#threats"),
    ("en", "already paid", "maintenant/#threats"),
    ("en", "deepfake", "questions/#its-fake"),
    ("en", "csam", "crime/#under-18"),
    ("en", "revenge porn", "crime/#is-it-a-crime"),
    ("en", "incognito", "securite/#private-browsing"),
    ("en", "checker", "verificateur/"),
    ("en", "ivac", "dommages/#ivac"),
    ("en", "bullying", "aide/#school"),
]


@pytest.mark.parametrize("lang,query,expect", RIGHT_PAGE)
def test_the_words_people_type_land_on_the_right_page_first(search, lang, query, expect):
    """The first result is the page, and the first section under it the one that answers."""
    links = search(lang, query)
    want_page, _, want_section = expect.partition("#")
    assert links and links[0] == want_page, links
    if want_section:
        assert len(links) > 1 and links[1] == f"{want_page}#{want_section}", links


@pytest.mark.parametrize("lang,bare,accented,expect", [
    ("fr", "paye", "payé", "maintenant/"),
    ("fr", "pedosexuel", "pédosexuel", "crime/"),
    ("fr", "ecole", "école", None),
    ("fr", "securite", "sécurité", None),
    ("fr", "deja paye", "déjà payé", "maintenant/"),
    ("en", "quebec", "québec", None),
])
def test_accents_dont_matter(search, site_dir, lang, bare, accented, expect):
    """A word typed without its accents finds the same first page as with them, and every page
    where the accented words are written. (The accented word may find more: the French stemmer
    gives « payé », « payer » and « paie » one stem, and « paye » another.)"""
    with_accents = search(lang, accented)
    without = search(lang, bare)
    assert without and with_accents and without[0] == with_accents[0], (without, with_accents)
    if expect:
        assert without[0] == expect, without
    written = re.compile(r"(?<!\w)" + r"\W+".join(accented.split()), re.I)
    having = {e["location"].split("#")[0] for e in _index(site_dir, lang)["docs"]
              if written.search(_plain(e["title"] + " " + e["text"]) + " " + " ".join(e.get("keywords", [])))}
    assert having and having <= {link.split("#")[0] for link in without}, (having, without)


def test_elided_words_are_found(search):
    """French writes « l'étranger », « t'accompagner »: the words are found on their own."""
    links = search("fr", "étranger")
    assert "maintenant/" in {link.split("#")[0] for link in links}, links


# --- the checker in the indexes (issue 22) ------------------------------------------------------

class _CheckerTexts(HTMLParser):
    """What the checker shows as questions, choices and results, and every id inside it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.texts, self.current = [], set(), [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        inside = bool(self.stack) and self.stack[-1][1]
        self.stack.append((tag, inside or "data-checker" in attrs))
        if self.stack[-1][1] and attrs.get("id"):
            self.ids.add(attrs["id"])
        cls = attrs.get("class") or ""
        if self.stack[-1][1] and (tag == "h2" or "ns-checker__choice" in cls):
            self.current = [tag, len(self.stack), ""]

    def handle_endtag(self, tag):
        if self.current and len(self.stack) == self.current[1]:
            self.texts.append(" ".join(self.current[2].split()))
            self.current = None
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self.current:
            self.current[2] += data


def _index(site_dir, lang):
    prefix = "" if lang == "fr" else f"{lang}/"
    return json.loads((site_dir / prefix / "search/search_index.json").read_text(encoding="utf-8"))


def _plain(text):
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


@pytest.mark.parametrize("lang", LANGS)
def test_search_index_holds_no_checker_question_or_result(site_dir, lang):
    """A search result must not lead to a checker question or result (its address would stay in
    the history): no node's anchor and no question, choice or result heading in the index. The
    checker page itself is still found, by its title and introduction."""
    parser = _CheckerTexts()
    page = site_dir / built_path("verificateur", lang)
    parser.feed(page.read_text(encoding="utf-8") + "<div data-checker>" + checker_results(page) + "</div>")
    texts = {t for t in parser.texts if len(t) > 12}
    assert len(parser.ids) > 50 and len(texts) > 30   # the checker is there to look for
    entries = _index(site_dir, lang)["docs"]
    anchors = {e["location"].partition("#")[2] for e in entries}
    assert anchors & parser.ids == set()
    assert not [e["location"] for e in entries if re.search(r"#(q_|out_|flow-)", e["location"])]
    # (Other pages may say the same words, « 18 ans ou plus »: the checker's pages may not.)
    on_checker_pages = [e for e in entries if e["location"].startswith(("verificateur", "educateurs/schema"))]
    found = {t for t in texts for e in on_checker_pages if t in _plain(e["title"] + " " + e["text"])}
    assert found == set(), sorted(found)[:10]
    checker = [e for e in entries if e["location"].startswith("verificateur")]
    assert [e["location"] for e in checker] == ["verificateur/"]
    title = "Est-ce que je peux demander une ordonnance" if lang == "fr" else "Can I ask for an order"
    intro = "Réponds à quelques questions" if lang == "fr" else "Answer a few questions"
    assert checker[0]["title"].startswith(title) and checker[0]["text"].startswith(f"<p>{intro}")


@pytest.mark.parametrize("lang,query", [("fr", "vérificateur ordonnance"), ("en", "order checker")])
def test_the_checker_page_is_still_found(search, lang, query):
    links = search(lang, query)
    assert "verificateur/" in links, links
    assert not [link for link in links if link.startswith("verificateur/#")], links


@pytest.mark.parametrize("lang,query", [("fr", "Quel âge a la personne que tu aides"),
                                        ("en", "How old is the person you are helping")])
def test_a_checker_question_leads_to_no_checker_node(search, lang, query):
    links = search(lang, query)
    assert links and not [link for link in links if re.search(r"#(q|out)_", link)], links


# --- an editor's mistake in the search words ----------------------------------------------------

def test_search_words_mistakes_stop_the_build_naming_file_line_and_key(tmp_path):
    project = copy_project(tmp_path)
    for name, old, new in [("maintenant.fr.md", "  threats: [", "  threatz: ["),
                           ("image-intime.en.md", "keywords: [nudes, nude, nudity, sext, sexts, sexting]",
                            "keywords: nudes"),
                           ("temoin.fr.md", "keywords: [camarade,", "keywords: [yes, camarade,")]:
        path = project / "docs" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, name
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    proc = build(tmp_path / "out", "http://127.0.0.1:1/", config=project / "mkdocs.yml", check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert ("docs/maintenant.fr.md:6: keywords.threatz: no section of this page has the id "
            "'threatz' (## Heading { #threatz })") in out, out
    assert "docs/image-intime.en.md:5: keywords: a list of words (keywords: [nudes, sexto])" in out, out
    assert "docs/temoin.fr.md:5: keywords[0]: a word or a few words; write yes, no" in out, out


def test_post_build_step_checks_the_words_and_runs_twice_the_same(site_dir, tmp_path):
    """Engines without hooks (Zensical) get the same check from the post-build step, against
    the index; running it again changes nothing."""
    import shutil
    from support import DOCS
    from sitebuild import search_index
    site, docs = tmp_path / "site", tmp_path / "docs"
    shutil.copytree(site_dir, site)
    shutil.copytree(DOCS, docs)
    before = {p: p.read_bytes() for p in site.rglob("search_index.json")}
    assert search_index.run(site, docs_dir=docs, offline=False) == []
    assert {p: p.read_bytes() for p in site.rglob("search_index.json")} == before
    page = docs / "maintenant.fr.md"
    page.write_text(page.read_text(encoding="utf-8").replace("  threats: [", "  threatz: ["),
                    encoding="utf-8")
    assert search_index.run(site, docs_dir=docs, offline=False) == [
        "docs/maintenant.fr.md:6: keywords.threatz: no section of this page has the id 'threatz' "
        "(## Heading { #threatz })"]
