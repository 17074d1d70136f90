"""Content rules: both languages in step, facts only from data/facts.yml, no stray numbers.

Structure is compared, never wording: each page's pair must have the same headings (count and
explicit ids) and use the same facts. Every phone- or money-shaped string in the built site must
be the rendered text of a fact, so a number typed by hand in a page fails here.
"""
import datetime as dt
import html
import re
import shutil
import statistics
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect
import yaml

from sitebuild import facts as F
from support import copy_project, DOCS, LANGS, ROOT, build, built_path, page_pairs, page_url

FACTS_FILE = ROOT / "data" / "facts.yml"
FENCE = re.compile(r"^(```|~~~)")
HEADING_MD = re.compile(r"^(#{2,3})\s+(.*?)\s*$")
EXPLICIT_ID = re.compile(r"\{[^}]*#([A-Za-z0-9_-]+)[^}]*\}\s*$")
SPACES = re.compile(r"[\u00a0\u202f\u2009 ]")


def markdown_of(name, lang):
    return (DOCS / f"{name}.{lang}.md").read_text(encoding="utf-8")


def md_headings(text):
    """(line number, level, raw heading) of each h2/h3 outside code fences."""
    out, fenced = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if FENCE.match(line.strip()):
            fenced = not fenced
        elif not fenced and (m := HEADING_MD.match(line)):
            out.append((number, len(m.group(1)), m.group(2)))
    return out


class _Headings(HTMLParser):
    """h2/h3 ids inside the page's <article> (Material's content area)."""

    def __init__(self):
        super().__init__()
        self.depth, self.ids = 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif self.depth and tag in ("h2", "h3"):
            self.ids.append((tag, dict(attrs).get("id")))

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1


def built_headings(site_dir, name, lang):
    parser = _Headings()
    parser.feed((site_dir / built_path(name, lang)).read_text(encoding="utf-8"))
    return parser.ids


# --- (1) parity -------------------------------------------------------------------------------

def test_every_page_exists_in_both_languages():
    names = {}
    for path in DOCS.rglob("*.md"):
        rel = path.relative_to(DOCS).as_posix()
        m = re.fullmatch(r"(.+)\.(fr|en)\.md", rel)
        assert m, f"docs/{rel}: name it NAME.fr.md or NAME.en.md"
        names.setdefault(m.group(1), set()).add(m.group(2))
    missing = {f"docs/{n}.{lang}.md" for n, langs in names.items() for lang in LANGS
               if lang not in langs}
    assert not missing, f"missing translations: {sorted(missing)}"
    assert len(names) >= 10


@pytest.mark.parametrize("name", page_pairs())
def test_front_matter_has_a_title_and_description_in_both_languages(name):
    for lang in LANGS:
        text = markdown_of(name, lang)
        assert text.startswith("---\n"), f"docs/{name}.{lang}.md: no front matter"
        meta = yaml.safe_load(text.split("---\n", 2)[1])
        assert isinstance(meta, dict), f"docs/{name}.{lang}.md: front matter is not YAML"
        for field in ("title", "description"):
            assert isinstance(meta.get(field), str) and meta[field].strip(), (
                f"docs/{name}.{lang}.md: front matter needs a '{field}'")


@pytest.mark.parametrize("name", page_pairs())
def test_every_heading_has_an_explicit_id(name):
    problems = [f"docs/{name}.{lang}.md:{line}: '{raw}' needs {{ #some-id }}"
                for lang in LANGS for line, _, raw in md_headings(markdown_of(name, lang))
                if not EXPLICIT_ID.search(raw)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", page_pairs())
def test_both_languages_have_the_same_headings(site_dir, name):
    fr, en = (built_headings(site_dir, name, lang) for lang in LANGS)
    assert len(fr) == len(en), (
        f"{name}: {len(fr)} headings in French, {len(en)} in English\n"
        f"  fr: {[i for _, i in fr]}\n  en: {[i for _, i in en]}")
    assert fr == en, "\n".join(
        f"{name} heading {n}: fr {a} vs en {b}" for n, (a, b) in enumerate(zip(fr, en), 1) if a != b)


@pytest.mark.parametrize("name", page_pairs())
def test_both_languages_use_the_same_facts(name):
    used = {lang: {m.group(2) for m in F.PLACEHOLDER.finditer(markdown_of(name, lang))}
            for lang in LANGS}
    only_fr, only_en = used["fr"] - used["en"], used["en"] - used["fr"]
    assert not (only_fr or only_en), (
        f"{name}: facts only in French: {sorted(only_fr)}; only in English: {sorted(only_en)}")


def facts_pages(site_dir, lang) -> str:
    """The list of every fact: on pages of their own beside the About page (issue 25:
    sitebuild/facts_pages.py), facts-1.html, facts-2.html, ..., which the About page's index
    links to, each topic where it is."""
    about = site_dir / built_path("a-propos", lang)
    index = about.read_text(encoding="utf-8")
    parts = sorted(about.parent.glob("facts-*.html"))
    assert parts, "no facts pages"
    pages = {p.name: p.read_text(encoding="utf-8") for p in parts}
    links = re.findall(r'<ul class="ns-facts__index">(.*?)</ul>', index, re.S)
    assert links, "no index of the facts on the About page"
    targets = re.findall(r'href="([^"#]+)#([^"]+)"', links[0])
    for name, anchor in targets:
        assert f'id="{anchor}"' in pages[name], (name, anchor)
    assert {name for name, _ in targets} == set(pages)
    return "".join(pages[p.name] for p in parts)


@pytest.mark.parametrize("lang", LANGS)
def test_about_page_groups_facts_under_a_topic_in_the_page_s_language(site_dir, lang):
    # A group of keys with no topic showed its raw key ("ivac", "school") as a heading.
    from sitebuild.content import TOPICS
    facts = F.load(FACTS_FILE)
    page = facts_pages(site_dir, lang)
    shown = re.findall(r'<p class="ns-facts__topic"><strong>(.*?)</strong></p>', page)
    groups = {key.split(".", 1)[0] for key in facts["facts"]}
    assert groups <= set(TOPICS), f"no topic for: {sorted(groups - set(TOPICS))}"
    assert not groups & {html.unescape(t) for t in shown}, shown


@pytest.mark.parametrize("lang", LANGS)
def test_about_page_lists_every_fact_with_its_checked_date(site_dir, lang):
    # Generated from the facts file by sitebuild/content.py: one item per fact, none retyped.
    facts = F.load(FACTS_FILE)
    assert "ns:facts-table" not in (site_dir / built_path("a-propos", lang)).read_text(encoding="utf-8")
    page = facts_pages(site_dir, lang)
    items = dict(re.findall(r'<li data-fact="([^"]+)">(.*?)</li>', page, re.S))
    assert set(items) == set(facts["facts"]), set(facts["facts"]) ^ set(items)
    for key, item in items.items():
        text = SPACES.sub(" ", html.unescape(re.sub(r"<[^>]+>", "", item)))
        assert SPACES.sub(" ", F.text(facts, key, lang)) in text, key
        checked = SPACES.sub(" ", F.text(
            {"facts": {"d.d": {"type": "date", "value": facts["facts"][key]["checked"]}}}, "d.d", lang))
        assert checked in text, (key, text)
        for sid in facts["facts"][key]["source"]:
            assert html.unescape(F.source_title(facts, sid, lang)) in text, (key, sid)


# --- (2) the facts file -----------------------------------------------------------------------

def test_every_fact_has_a_source_and_a_checked_date():
    facts = F.load(FACTS_FILE)
    raw = yaml.safe_load(FACTS_FILE.read_text(encoding="utf-8"))["facts"]
    assert len(raw) >= 20
    for key, fact in raw.items():
        assert fact.get("source"), f"{key}: no source"
        assert all(s in facts["sources"] for s in fact["source"]), f"{key}: unknown source"
        assert isinstance(fact.get("checked"), dt.date), f"{key}: no checked date"
        assert fact["checked"] <= dt.date.today(), f"{key}: checked in the future"


def _copy_project(tmp_path):
    return copy_project(tmp_path)


def _break_fact(project, key, change):
    path = project / "data" / "facts.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["facts"][key])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("key, change", [
    ("fines.min", lambda f: f.pop("checked")),
    ("help.khp.phone", lambda f: f.pop("source")),
    ("fines.max", lambda f: f.update(value="five")),
    ("help.cavac.phone", lambda f: f.update(value="1 866 LE CAVAC")),
])
def test_a_malformed_fact_fails_the_build_naming_file_and_key(tmp_path, key, change):
    project = _copy_project(tmp_path)
    _break_fact(project, key, change)
    proc = build(tmp_path / "out", "http://127.0.0.1:1/", config=project / "mkdocs.yml", check=False)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert re.search(rf"data/facts\.yml:\d+ {re.escape(key)}\.", output), output


def test_facts_file_that_is_not_yaml_fails_the_build_naming_the_file(tmp_path):
    project = _copy_project(tmp_path)
    (project / "data" / "facts.yml").write_text("facts:\n  law.name: [unclosed\n", encoding="utf-8")
    proc = build(tmp_path / "out", "http://127.0.0.1:1/", config=project / "mkdocs.yml", check=False)
    assert proc.returncode != 0
    assert re.search(r"data/facts\.yml:2: not valid YAML", proc.stdout + proc.stderr)


def test_an_unknown_fact_in_a_page_fails_the_build_naming_page_and_key(tmp_path):
    project = _copy_project(tmp_path)
    page = project / "docs" / "crime.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nCall {{ tel:help.nobody.phone }}.\n",
                    encoding="utf-8")
    proc = build(tmp_path / "out", "http://127.0.0.1:1/", config=project / "mkdocs.yml", check=False)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "crime.en.md" in output and "help.nobody.phone" in output, output


# --- (3) numbers ------------------------------------------------------------------------------

PHONE = re.compile(r"(?<![\d$,.])(?:1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}(?!\d)"
                   r"|(?<!\d)1?\d{10}(?!\d)")
MONEY = re.compile(r"\$ ?\d{1,3}(?:[ ,]\d{3})*(?:\.\d\d)?(?!\d)"
                   r"|(?<![\d,])\d{1,3}(?:[ ,]\d{3})*(?:,\d\d)? ?\$")
DIAL = re.compile(r'href="((?:tel|sms):[^"]*)"')
SKIP = re.compile(r"<(script|style|svg|code)\b.*?</\1>", re.S)
# A school's own contacts (data/local.yml, the kit's hook, on the help page) are its numbers,
# not facts of the law: that block is checked by the kit's tests, not here.
LOCAL = re.compile(r"<aside\b[^>]*\bdata-local-contacts\b.*?</aside>", re.S)


def page_lang(rel: str) -> str:
    return "en" if rel.startswith("en/") else "fr"


def numbers_in(page_html: str):
    page_html = SKIP.sub(" ", LOCAL.sub(" ", page_html))
    text = SPACES.sub(" ", html.unescape(re.sub(r"<[^>]+>", " ", page_html)))
    return PHONE.findall(text) + MONEY.findall(text)


def test_number_patterns_catch_typed_numbers():
    typed = "Appelle le 1 800 555-0199 ou le 514-555-0100. Amende : 750 $ ou $2,500 ou 18005550199."
    assert numbers_in(f"<p>{typed}</p>") == [
        "1 800 555-0199", "514-555-0100", "18005550199", "750 $", "$2,500"]
    assert numbers_in("<p>Le 4 juin 2025, article 162.1, 14 ans, 24/7.</p>") == []
    school = '<aside class="ns-local" data-local-contacts><a href="tel:+14185550100">418 555-0100</a></aside>'
    assert numbers_in(school + "<p>1 800 555-0199</p>") == ["1 800 555-0199"]


def test_every_number_in_the_site_comes_from_the_facts_file(site_dir):
    facts = F.load(FACTS_FILE)
    texts = {lang: {SPACES.sub(" ", t) for t in F.all_texts(facts, lang)} for lang in LANGS}
    dials = {F.href(facts, k, lang, s) for k, f in facts["facts"].items()
             if f["type"] in ("phone", "shortcode") for lang in LANGS for s in ("tel", "sms")}
    stray, pages = [], 0
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        source = path.read_text(encoding="utf-8")
        pages += 1
        for found in numbers_in(source):
            if found not in texts[page_lang(rel)]:
                stray.append(f"{rel}: '{found}' is not the text of any fact")
        for link in DIAL.findall(LOCAL.sub(" ", source)):
            if link not in dials:
                stray.append(f"{rel}: '{link}' is not a phone fact's link")
    assert pages >= 2 * len(page_pairs())
    assert not stray, "type numbers as {{ key }} from data/facts.yml:\n" + "\n".join(stray)


def test_help_page_links_every_phone_fact(site_dir):
    facts = F.load(FACTS_FILE)
    phones = [k for k, f in facts["facts"].items() if f["type"] == "phone" and k.startswith("help.")]
    for lang in LANGS:
        source = (site_dir / built_path("aide", lang)).read_text(encoding="utf-8")
        missing = [k for k in phones if f'href="{F.href(facts, k, lang, "tel")}"' not in source
                   and f'href="{F.href(facts, k, lang, "sms")}"' not in source]
        assert not missing, f"aide ({lang}) has no tap-to-call link for {missing}"


# --- the new-page script -----------------------------------------------------------------------

def test_new_page_script_adds_a_pair_that_builds_strict(tmp_path):
    project = _copy_project(tmp_path)
    run = [sys.executable, str(ROOT / "scripts" / "new_page.py"), "--root", str(project)]
    subprocess.run(run + ["atelier", "--title-fr", "Un atelier ?", "--title-en", "A workshop?",
                          "--after", "temoin"], check=True, capture_output=True, text=True)
    for lang in LANGS:
        front = (project / "docs" / f"atelier.{lang}.md").read_text(encoding="utf-8")
        meta = yaml.safe_load(front.split("---")[1])
        assert set(meta) == {"title", "description"}, meta
    nav = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - temoin.md\n  - atelier.md\n" in nav
    out = tmp_path / "out"
    build(out, "http://127.0.0.1:1/", config=project / "mkdocs.yml")
    for lang in LANGS:
        assert (out / built_path("atelier", lang)).exists()
    built = (out / built_path("atelier", "en")).read_text(encoding="utf-8")
    assert "A workshop?" in built and 'id="first-question"' in built
    # Twice is refused: nothing is overwritten.
    again = subprocess.run(run + ["atelier", "--title-fr", "x", "--title-en", "y"],
                           capture_output=True, text=True)
    assert again.returncode != 0 and "already exists" in again.stderr


# --- print ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_printed_help_page_keeps_the_numbers_and_drops_the_chrome(base_url, page, lang):
    page.goto(page_url(base_url, "aide", lang))
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
        if page.locator(selector).count():
            assert not page.locator(selector).first.is_visible(), f"{selector} prints"
    numbers = page.locator("article a.ns-tel")
    assert numbers.count() >= 10
    for i in range(numbers.count()):
        link = numbers.nth(i)
        assert link.is_visible()
        # Retried: the theme's colour transition may still run just after the switch to print.
        expect(link).to_have_css("color", "rgb(0, 0, 0)")
        expect(link).to_have_css("white-space", "nowrap")


# --- readability ---------------------------------------------------------------------------------

def _readability():
    sys.path.insert(0, str(ROOT / "scripts"))
    import readability
    return readability


def test_readability_reads_prose_only():
    r = _readability()
    page = ('<header><p>Menu words</p></header><article><h1>Title</h1><ul><li>One item</li>'
            '<li>Two items here</li></ul><div class="ns-facts"><p>Data data data</p></div>'
            '<p>See <a href="https://x.ca">x.ca</a> now.</p><code>a.b</code></article>')
    assert r.prose(page) == "Title. One item. Two items here. See now."


def test_median_reading_ease_is_60_or_more_in_each_language(site_dir):
    r = _readability()
    names = page_pairs()
    results = r.measure(site_dir, names)
    for lang in LANGS:
        median = statistics.median(results[(n, lang)][1] for n in names)
        assert median >= 60, f"{lang}: median reading ease {median:.1f} (aim: 60 or more)"


NOT_ADVICE = {"fr": "Ce site donne de l'information juridique, pas un avis juridique.",
              "en": "This site gives legal information, not legal advice."}


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_says_it_is_legal_information_not_advice(site_dir, lang):
    """The footer of every page says it, in the page's language, with a link to the help page."""
    help_href = built_path("aide", lang).removesuffix("index.html")
    for name in page_pairs():
        page_html = (site_dir / built_path(name, lang)).read_text(encoding="utf-8")
        note = re.search(r'<div class="md-copyright ns-legal-note">(.*?)</div>', page_html, re.S)
        assert note, f"{name} ({lang}): no legal-information note in the footer"
        text = html.unescape(re.sub(r"\s+", " ", note.group(1)))
        assert NOT_ADVICE[lang] in text, (name, lang, text)
        here = "http://site/" + built_path(name, lang)
        targets = [urljoin(here, h) for h in re.findall(r'href="([^"]*)"', note.group(1))]
        assert "http://site/" + help_href in targets, (name, lang, targets)
    notfound = (site_dir / "404.html").read_text(encoding="utf-8")
    assert all(s.replace("'", "&#39;") in notfound or s in notfound for s in NOT_ADVICE.values())


# --- the law as it stands in December 2026 (issue 21) -------------------------------------------
#
# Bill C-291 renamed the offence of s. 163.1 (in force October 10, 2025): the site uses the law's
# current term and names the old one once, in one sentence, for people who search the old words.
# Crime-victim compensation (IVAC) and free legal advice for victims (Rebâtir) are on the pages about
# money and help. Every page where an adult learns a young person may be abused or exploited says
# the duty every person has to tell the DPJ, and where a page mentions the school's procedure, it
# says the duty is personal.

OLD_TERM = re.compile(r"pornographie\s+juv[ée]nile|child\s+pornography", re.I)
NEW_TERM = {"fr": "matériel d'abus et d'exploitation pédosexuels",
            "en": "child sexual abuse and exploitation material"}
_HIDDEN = re.compile(r"<(script|style|svg|template)\b.*?</\1>", re.S)


def visible_text(page_html: str) -> str:
    """The text a reader can see (attributes, scripts and styles left out), spaces normalised."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", _HIDDEN.sub(" ", page_html)))
    return re.sub(r"\s+", " ", SPACES.sub(" ", text).replace("\u2019", "'")).strip()


def sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("! ", 0, start), text.rfind("? ", 0, start))
    right = min([i for i in (text.find(". ", end), text.find("? ", end)) if i != -1] or [len(text)])
    return text[left + 2 if left != -1 else 0:right + 1]


def test_the_old_name_of_the_offence_is_said_once_per_language_and_only_to_name_it(site_dir):
    found = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        text = visible_text(path.read_text(encoding="utf-8"))
        found += [(rel, sentence_around(text, m.start(), m.end())) for m in OLD_TERM.finditer(text)]
    places = sorted({rel for rel, _ in found})
    assert places == sorted(built_path("crime", lang) for lang in LANGS), found
    for lang in LANGS:
        said = [s for rel, s in found if rel == built_path("crime", lang)]
        assert len(said) == 1, said
        assert NEW_TERM[lang] in said[0], said[0]


@pytest.mark.parametrize("lang", LANGS)
def test_pages_about_a_minor_s_image_use_the_law_s_current_term(site_dir, lang):
    facts = F.load(FACTS_FILE)
    in_force = SPACES.sub(" ", F.text(facts, "crime.c291_in_force", lang))
    for name, anchor in (("crime", "under-18"), ("temoin", "why-not-forward"),
                         ("educateurs/scenarios", "received-a-classmates-image"),
                         ("questions", "its-fake")):
        page = (site_dir / built_path(name, lang)).read_text(encoding="utf-8")
        section = re.search(rf'<h2 id="{anchor}".*?(?=<h2 |</article>)', page, re.S)
        assert section, (name, anchor)
        assert NEW_TERM[lang] in visible_text(section.group(0)), (name, anchor, lang)
    crime = visible_text((site_dir / built_path("crime", lang)).read_text(encoding="utf-8"))
    assert in_force in crime


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["dommages", "aide"])
def test_ivac_and_rebatir_are_on_the_pages_about_money_and_help(site_dir, name, lang):
    facts = F.load(FACTS_FILE)
    page = (site_dir / built_path(name, lang)).read_text(encoding="utf-8")
    text = visible_text(page)
    assert "IVAC" in text and "Rebâtir" in text, (name, lang)
    assert f'href="{F.href(facts, "help.ivac.url", lang, "link")}"' in page, (name, lang)
    assert f'href="{F.href(facts, "help.rebatir.phone", lang, "tel")}"' in page, (name, lang)
    # What IVAC needs and its time limits for sexual violence, from the facts, not retyped.
    for key in ("ivac.conditions", "ivac.no_delay"):
        assert SPACES.sub(" ", F.text(facts, key, lang)) in text, (name, lang, key)


# Pages where an adult (a parent, a teacher, an adult who saw an image) learns that a young person
# may be sexually abused or exploited.
ADULT_PAGES = ["temoin", "aide", "educateurs/plan", "educateurs/schema", "educateurs/scenarios"]
SCHOOL_PROCEDURE = {"fr": re.compile(r"procédure de (ton|votre|l')\s*école", re.I),
                    "en": re.compile(r"(your|the) school's procedure", re.I)}


@pytest.mark.parametrize("lang", LANGS)
def test_every_adult_page_says_anyone_must_tell_the_dpj_and_how(site_dir, lang):
    facts = F.load(FACTS_FILE)
    duty = SPACES.sub(" ", F.text(facts, "dpj.everyone_sexual_abuse", lang))
    how = SPACES.sub(" ", F.text(facts, "dpj.how", lang))
    for name in ADULT_PAGES:
        text = visible_text((site_dir / built_path(name, lang)).read_text(encoding="utf-8"))
        assert duty in text, (name, lang)
        assert how in text, (name, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_wherever_the_school_s_procedure_comes_up_the_duty_is_personal(site_dir, lang):
    facts = F.load(FACTS_FILE)
    personal = SPACES.sub(" ", F.text(facts, "dpj.personal", lang))
    seen = 0
    for name in page_pairs():
        text = visible_text((site_dir / built_path(name, lang)).read_text(encoding="utf-8"))
        for m in SCHOOL_PROCEDURE[lang].finditer(text):
            seen += 1
            near = text[max(0, m.start() - 600): m.end() + 600]
            assert personal in near, (name, lang, near)
    assert seen >= 3, seen


@pytest.mark.parametrize("lang", LANGS)
def test_a_parent_learns_what_to_ask_the_school(site_dir, lang):
    facts = F.load(FACTS_FILE)
    page = (site_dir / built_path("aide", lang)).read_text(encoding="utf-8")
    section = visible_text(re.search(r'<h2 id="school".*?(?=<h2 |</article>)', page, re.S).group(0))
    for key in ("school.plan", "school.principal", "school.sexual_violence", "dpj.everyone_sexual_abuse"):
        assert SPACES.sub(" ", F.text(facts, key, lang)) in section, (lang, key)


REPORT_FIRST = {"fr": (r"Signale", r"Supprime"), "en": (r"Report", r"Delete")}


@pytest.mark.parametrize("lang", LANGS)
def test_the_bystander_page_reports_before_deleting_and_says_why(site_dir, lang):
    page = (site_dir / built_path("temoin", lang)).read_text(encoding="utf-8")
    steps = re.search(r'<h2 id="what-to-do".*?<ol>(.*?)</ol>', page, re.S).group(1)
    items = [visible_text(li) for li in re.findall(r"<li>(.*?)</li>", steps, re.S)]
    report = next(i for i, t in enumerate(items) if t.startswith(REPORT_FIRST[lang][0]))
    delete = next(i for i, t in enumerate(items) if t.startswith(REPORT_FIRST[lang][1]))
    assert report < delete, items
    why = {"fr": "tant que", "en": "while"}[lang]
    assert why in items[report], items[report]


def test_facts_pages_keep_each_under_the_size_even_for_one_big_topic():
    """Issue 25: the list of facts leaves the About page for pages of at most PART_BYTES of the
    list each; a topic bigger than that (when facts carry their sources' quotes) continues on
    the next page under its name and "(continued)", and every fact is on one page once."""
    import gzip
    import random
    import string
    from sitebuild import facts_pages as FP
    rnd = random.Random(1)
    words = lambda n: " ".join("".join(rnd.choice(string.ascii_lowercase) for _ in range(rnd.randint(3, 9)))
                               for _ in range(n))
    items = "".join(f'<li data-fact="help.x{i}"><strong>v{i}</strong> {words(40)}</li>' for i in range(60))
    page = ('<html><head><title>A - S</title></head><body><article class="md-content__inner"><h1>A</h1>'
            '<div class="ns-facts" data-facts-list data-label-title="Facts" data-label-part="{n} of {total}" '
            'data-label-back="Back" data-label-index="Index" data-label-continued=" (continued)">'
            '<section class="ns-facts__group" id="facts-law" data-facts-group><p class="ns-facts__topic">'
            '<strong>Law</strong></p><ul class="ns-facts__list"><li data-fact="law.a">x</li></ul></section>'
            '<section class="ns-facts__group" id="facts-help" data-facts-group><p class="ns-facts__topic">'
            f'<strong>Help</strong></p><ul class="ns-facts__list">{items}</ul></section></div></article></body></html>')
    about, pages = FP.split(page, "a-propos/index.html")
    assert list(pages) == ["a-propos/facts-1.html", "a-propos/facts-2.html"]
    for text in pages.values():
        part = text[text.index('<div class="ns-facts" data-facts-part'):]
        assert len(gzip.compress(part.encode(), 6)) < FP.PART_BYTES + 300
    facts = [f for text in pages.values() for f in re.findall(r'data-fact="([^"]+)"', text)]
    assert sorted(facts) == sorted(["law.a"] + [f"help.x{i}" for i in range(60)])
    assert "Help (continued)" in pages["a-propos/facts-2.html"]
    assert 'href="facts-1.html#facts-help"' in about and "data-facts-list" not in about
