"""A school's local contacts (data/local.yml): nothing by default; when filled, on the help page
and the handout in both languages, with tap-to-call links; a bad file stops the build by name.
Also the offline-zip link, which the same filled build turns on (OFFLINE_ZIP=true)."""
import os
import re
import shutil
from urllib.parse import urljoin

import pytest

from support import LANGS, ROOT, build, built_path, free_port, page_url, serve

from sitebuild import kit as K

FILLED = """\
organisation:
  fr: École secondaire des Exemples
  en: Des Exemples High School
contacts:
  - name: Mme A. Exemple
    role: {fr: Psychoéducatrice, en: Psychoeducator}
    phone: "5145550123,204"
    hours: {fr: "Lundi au jeudi, 8 h 30 à 15 h 30", en: "Monday to Thursday, 8:30 a.m. to 3:30 p.m."}
    room: "B-214"
  - name: Service aux élèves
    phone: "18005550199"
"""
EXPECT = {"fr": ("École secondaire des Exemples", "Psychoéducatrice", "Lundi au jeudi"),
          "en": ("Des Exemples High School", "Psychoeducator", "Monday to Thursday")}
MARKED = [name for name in ("aide", "educateurs/fiche")
          if all(K.MARKER in (ROOT / "docs" / f"{name}.{lang}.md").read_text(encoding="utf-8")
                 for lang in LANGS)]


def copy_project(dest):
    for item in ("mkdocs.yml", "docs", "overrides", "data", "sitebuild"):
        src = ROOT / item
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dest / item)
    return dest / "mkdocs.yml"


@pytest.fixture(scope="module")
def filled_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("school")
    config = copy_project(project)
    (project / "data" / "local.yml").write_text(FILLED, encoding="utf-8")
    port = free_port()
    site = project / "out"
    old = os.environ.get("OFFLINE_ZIP")
    os.environ["OFFLINE_ZIP"] = "true"
    try:
        build(site, f"http://127.0.0.1:{port}/", config=config)
    finally:
        os.environ.pop("OFFLINE_ZIP") if old is None else os.environ.__setitem__("OFFLINE_ZIP", old)
    (site / "site-offline.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)   # stands for the real zip
    with serve(site, port) as url:
        yield site, url


def test_default_site_shows_nothing_local_and_no_zip_link(site_dir):
    for path in site_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "data-local-contacts" not in text, path
        assert "data-offline-zip" not in text, path
        assert "<!-- ns:" not in text, path


def test_the_handout_and_the_help_page_carry_the_marker():
    assert "educateurs/fiche" in MARKED
    if "aide" not in MARKED:
        pytest.skip("docs/aide.*.md has no <!-- ns:local-contacts --> yet (content2 adds it)")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", MARKED)
def test_filled_contacts_appear_in_the_page_language(filled_site, page, name, lang):
    site, url = filled_site
    page.goto(page_url(url, name, lang))
    block = page.locator("[data-local-contacts]")
    assert block.count() == 1 and block.is_visible()
    text = block.inner_text()
    for word in EXPECT[lang]:
        assert word in text, (name, lang, word)
    other = EXPECT["en" if lang == "fr" else "fr"]
    assert other[1] not in text
    hrefs = block.locator("a[href^='tel:']").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs == ["tel:+15145550123,204", "tel:+18005550199"]
    assert block.locator("h2#local-contacts").count() == 1


@pytest.mark.parametrize("lang", LANGS)
def test_filled_handout_still_prints_on_two_pages(filled_site, page, lang):
    from test_kit_handout import pdf_pages
    _, url = filled_site
    page.goto(page_url(url, "educateurs/fiche", lang))
    page.emulate_media(media="print")
    assert pdf_pages(page.pdf(format="Letter")) <= 2


@pytest.mark.parametrize("lang", LANGS)
def test_offline_zip_link_when_published(filled_site, page, lang):
    site, url = filled_site
    page.goto(page_url(url, "educateurs/index", lang))
    link = page.locator("[data-offline-zip] a")
    href = link.get_attribute("href")
    assert urljoin(page.url, href) == url + "site-offline.zip"
    assert page.request.get(urljoin(page.url, href)).status == 200


def test_no_zip_link_inside_the_offline_copy(tmp_path):
    """The file:// copy does not contain the zip, so it never links to it, even when asked; it says
    it is the offline copy, and how to pass it on."""
    old = os.environ.get("OFFLINE_ZIP")
    os.environ["OFFLINE_ZIP"] = "true"
    try:
        build(tmp_path / "off", "http://127.0.0.1:1/", offline=True)
    finally:
        os.environ.pop("OFFLINE_ZIP") if old is None else os.environ.__setitem__("OFFLINE_ZIP", old)
    for lang in LANGS:
        page = tmp_path / "off" / ("educateurs/index.html" if lang == "fr" else "en/educateurs/index.html")
        text = page.read_text(encoding="utf-8")
        assert "data-offline-zip" not in text and "data-offline-ask" not in text
        assert "data-offline-copy" in text


@pytest.mark.parametrize("lang", LANGS)
def test_without_a_published_zip_teachers_learn_how_to_get_one(site_dir, page, base_url, lang):
    """No download here: the page says, in plain words, who can give the kit and how to keep pages
    meanwhile. No command, no README: the page is for teachers."""
    page.goto(page_url(base_url, "educateurs/index", lang))
    ask = page.locator("[data-offline-ask]")
    assert ask.is_visible()
    words = page.locator("#offline ~ p").all_inner_texts()
    assert any("USB" in w for w in words) and any("PDF" in w for w in words), words
    assert page.locator("[data-offline-zip]").count() == 0


TEACHER_ONLY_WORDS = re.compile(r"\bmake\b|README|mkdocs|\bpip\b|SITE_URL|terminal|\bcommande\b|\bcommand\b", re.I)


def test_educators_pages_speak_to_teachers_not_to_developers(site_dir):
    from support import page_pairs
    from html.parser import HTMLParser

    class ArticleText(HTMLParser):
        def __init__(self):
            super().__init__()
            self.depth, self.text = 0, []

        def handle_starttag(self, tag, attrs):
            self.depth += tag == "article"

        def handle_endtag(self, tag):
            self.depth -= tag == "article" and self.depth > 0

        def handle_data(self, data):
            if self.depth:
                self.text.append(data)

    pages = [n for n in page_pairs() if n.startswith("educateurs/")]
    assert len(pages) >= 5
    for name in pages:
        for lang in LANGS:
            reader = ArticleText()
            reader.feed((site_dir / built_path(name, lang)).read_text(encoding="utf-8"))
            text = " ".join(reader.text)
            assert not TEACHER_ONLY_WORDS.search(text), (name, lang, TEACHER_ONLY_WORDS.search(text))


@pytest.mark.parametrize("content,where", [
    ("organisation: X\ncontacts:\n  - name: A\n    phone: 514-555-0123\n", "4 contacts[0].phone"),
    ("organisation: X\ncontacts:\n  - role: Counsellor\n", "3 contacts[0].name"),
    ("organisation: X\ncontacts:\n  - name: A\n    hours: {fr: Lundi}\n", "4 contacts[0].hours.en"),
    ("contacts:\n  - name: A\n", "1: 'organisation' is required"),
    ("organisation: X\ncontact: []\n", "2 contact: unknown key 'contact' (did you mean 'contacts'?)"),
    ("organisation: [oops\n", "1: not valid YAML"),
    ("organisation: X\norganisation: Y\n", "2 organisation: given twice"),
    ("organisation: '<b>X</b>'\n", "1 organisation.fr: HTML is not allowed"),
])
def test_bad_local_file_names_file_line_and_key(tmp_path, content, where):
    path = tmp_path / "local.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(K.LocalError) as err:
        K.load_local(path)
    assert str(err.value).startswith(f"{path}:{where}"), str(err.value)


def test_bad_local_file_stops_the_build(tmp_path):
    (tmp_path / "p").mkdir()
    config = copy_project(tmp_path / "p")
    (config.parent / "data" / "local.yml").write_text(
        "organisation: X\ncontacts:\n  - name: A\n    phone: call me\n", encoding="utf-8")
    proc = build(tmp_path / "out", "http://127.0.0.1:1/", config=config, check=False)
    assert proc.returncode != 0
    assert re.search(r"data/local\.yml:4 contacts\[0\]\.phone: expected digits", proc.stdout + proc.stderr)
