"""scripts/compare_builds.py (issue 12) must see what differs between two builds, so the MkDocs
against Zensical comparison can't pass by accident. Needs no Zensical: the MkDocs build is
compared with itself, then with copies broken one way each."""
import json
import re
import shutil
import sys

import pytest

from support import ROOT, built_path

sys.path.insert(0, str(ROOT / "scripts"))
import compare_builds  # noqa: E402


@pytest.fixture
def broken(site_dir, tmp_path):
    dest = tmp_path / "b"
    shutil.copytree(site_dir, dest)
    return dest


def edit(path, pattern, repl, count=1):
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(pattern, repl, text, count=count, flags=re.S)
    assert n, f"{pattern!r} not in {path}"
    path.write_text(new, encoding="utf-8")


def report_for(site_dir, other):
    return compare_builds.compare(site_dir, other, limit=50)


def test_a_build_equals_itself(site_dir):
    assert report_for(site_dir, site_dir) == {}


def test_exit_status(site_dir, broken, capsys):
    assert compare_builds.main([str(site_dir), str(site_dir)]) == 0
    (broken / built_path("crime", "en")).unlink()
    assert compare_builds.main([str(site_dir), str(broken)]) == 1
    assert compare_builds.main([str(site_dir), str(broken), "--report-only"]) == 0
    assert compare_builds.main([str(site_dir), str(broken / "nowhere")]) == 2
    assert "en/crime/index.html (en)" in capsys.readouterr().out


def test_a_missing_page(site_dir, broken):
    (broken / built_path("crime", "en")).unlink()
    assert report_for(site_dir, broken) == {"en/crime/index.html (en)": ["missing in B"]}


def test_a_removed_or_renamed_heading(site_dir, broken):
    page = broken / built_path("aide", "fr")
    edit(page, r'<h2 id="talk-now">.*?</h2>', "")
    edit(page, r'<h2 id="adults">', '<h2 id="tu-as-18-ans">')
    lines = report_for(site_dir, broken)["aide/index.html (fr)"]
    assert any(line.startswith("headings: only in A") and "h2#talk-now" in line
               and "h2#adults" in line for line in lines), lines
    assert any(line.startswith("headings: only in B") and "h2#tu-as-18-ans" in line
               for line in lines), lines


def test_an_unfilled_fact(site_dir, broken):
    page = broken / built_path("aide", "en")
    edit(page, r'(<a class="ns-tel" href="tel:[^"]*">)[^<]*(</a>)', r"\1{{ tel:help.khp.phone }}\2",
         count=0)
    lines = report_for(site_dir, broken)["en/aide/index.html (en)"]
    assert any(line.startswith("B: facts missing") and "tel:help.khp.phone" in line
               for line in lines), lines
    assert any(line.startswith("B: unfilled {{ }}") for line in lines), lines


def test_no_csp_and_no_quick_exit(site_dir, broken):
    page = broken / built_path("index", "fr")
    edit(page, r'<meta http-equiv="Content-Security-Policy" content="[^"]+">', "")
    edit(page, r'<a class="ns-qe-skip"[^>]*>.*?</a>', "")
    lines = report_for(site_dir, broken)["index.html (fr)"]
    assert "B: CSP absent" in lines, lines
    assert any(line.startswith("B: quick exit: skip link not first") for line in lines), lines


def test_an_inline_script_without_its_hash(site_dir, broken):
    edit(broken / built_path("securite", "en"), r"</body>", "<script>alert(1)</script></body>")
    lines = report_for(site_dir, broken)["en/securite/index.html (en)"]
    assert "B: CSP first in <head>, 1 inline script(s) not hashed" in lines, lines


def test_a_checker_question_left_out(site_dir, broken):
    page = broken / built_path("verificateur", "fr")
    edit(page, r'<section class="ns-checker__node ns-checker__question[^"]*" id="n\d+" '
               r'data-question="q_age".*?</section>', "")
    lines = report_for(site_dir, broken)["verificateur/index.html (fr)"]
    assert any(line.startswith("checker question: only in A (1): q_age") for line in lines), lines
    assert any(line.startswith("B: checker: 1 of the") for line in lines), lines


def test_checker_links_that_lead_elsewhere(site_dir, broken):
    """Links written for another place than the page (what Zensical makes of links written for
    the page's address instead of its source file's folder): the English checker's links then
    lead to the French pages, the French checker's above the site's root."""
    # (The results' links are in checker-results.js beside the page, a JSON string: issue 25.)
    for lang in ("en", "fr"):
        edit((broken / built_path("verificateur", lang)).parent / "checker-results.js",
             r'href=\\"\.\./ordonnance/', r'href=\\"../../ordonnance/', count=0)
    report = report_for(site_dir, broken)
    lines = report["en/verificateur/index.html (en)"]
    assert "links in the article: only in A (1): en/ordonnance/index.html" in lines, lines
    assert "links in the article: only in B (1): ordonnance/index.html" in lines, lines
    lines = report["verificateur/index.html (fr)"]
    assert ("links in the article: only in B (1): above the site's root: ../../ordonnance/ from "
            "verificateur/index.html") in lines, lines


def test_the_checkers_printed_sheet_without_the_site_or_with_another_address(site_dir, broken):
    # The results, and their printed sheet, are in checker-results.js (a JSON string: issue 25).
    results = (broken / built_path("verificateur", "en")).parent / "checker-results.js"
    edit(results, r'(data-checker-site>)[^<]*', r"\1", count=0)
    edit(results, r'data-print-url=\\"[^"]*/en/ordonnance/\\"',
         r'data-print-url=\\"/en/ordonnance/\\"', count=0)
    lines = report_for(site_dir, broken)["en/verificateur/index.html (en)"]
    assert any(line.startswith("checker's printed sheet: only in A (2): ")
               and re.search(r"link -> http://[^;]*/en/ordonnance/", line)
               and "site: From the website " in line for line in lines), lines
    assert "checker's printed sheet: only in B (2): link -> /en/ordonnance/; site: " in lines, lines


def test_a_search_index_that_lost_a_page_or_moved(site_dir, broken):
    index = broken / "en" / "search" / "search_index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    data["docs"] = [d for d in data["docs"] if not d["location"].startswith("crime/")]
    index.write_text(json.dumps(data), encoding="utf-8")
    lines = report_for(site_dir, broken)["search index (en)"]
    assert any(line.startswith("pages: only in A (1): crime/") for line in lines), lines
    (broken / "search" / "search_index.json").rename(broken / "search.json")
    lines = report_for(site_dir, broken)["search index (fr)"]
    assert "file: A 'search/search_index.json' / B 'search.json'" in lines, lines


def test_a_search_index_with_checker_nodes_or_new_search_words(site_dir, broken):
    """Issue 22: a search result must not lead to a checker question or result. Each build is
    checked on its own ("B: ..."), so two builds that both index the checker still fail."""
    index = broken / "search" / "search_index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    page = next(d for d in data["docs"] if d["location"] == "verificateur/")
    page["text"] += " <p>Quel âge as-tu\u00a0?</p>"
    data["docs"].append({"location": "verificateur/#out_order_self_minor-h", "title": "Oui", "text": ""})
    next(d for d in data["docs"] if d["location"] == "maintenant/#threats")["keywords"].append("rançon2")
    index.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    lines = report_for(site_dir, broken)["search index (fr)"]
    assert ("B: checker in the index (2): verificateur/: 'Quel âge as-tu ?'; "
            "verificateur/#out_order_self_minor-h") in lines, lines
    assert "search words maintenant/#threats: only in B (1): rançon2" in lines, lines
    assert not any(line.startswith("A: checker") for line in lines), lines


def test_a_page_without_its_language_switch(site_dir, broken):
    edit(broken / built_path("crime", "fr"), r'<a class="ns-lang__link"[^>]*>.*?</a>', "")
    lines = report_for(site_dir, broken)["crime/index.html (fr)"]
    assert "B: language switch: no link to en/crime/index.html" in lines, lines


def test_a_page_without_its_hreflang_links(site_dir, broken):
    edit(broken / built_path("crime", "en"), r'<link rel="alternate ?"[^>]*hreflang="fr">', "")
    lines = report_for(site_dir, broken)["en/crime/index.html (en)"]
    assert "hreflang in <head>: only in A (1): fr -> crime/index.html" in lines, lines


def test_engine_specific_differences_are_listed_apart(site_dir, broken, capsys):
    """Where a language's search index lives, and the theme's own files, are each engine's
    business: listed, not counted. What the index holds, and the site's own files, are counted."""
    (broken / "search" / "search_index.json").rename(broken / "search.json")
    (broken / "assets" / "javascripts" / "extra.js").write_text("x", encoding="utf-8")
    assert compare_builds.main([str(site_dir), str(broken)]) == 0
    out = capsys.readouterr().out
    assert "Engine-specific (not counted):" in out
    assert "engine files: only in B (2): assets/javascripts/extra.js; search.json" in out
    (broken / "_headers").unlink()
    report, engine = compare_builds.split_engine_specific(report_for(site_dir, broken))
    assert report == {"other files (not pages)": ["files: only in A (1): _headers"]}
    assert set(engine) == {"search index (fr)", "other files (not pages)"}


def test_a_python_file_in_a_build(site_dir, broken):
    (broken / "hooks").mkdir()
    (broken / "hooks" / "facts.py").write_text("x = 1\n", encoding="utf-8")
    lines = report_for(site_dir, broken)["other files (not pages)"]
    assert "B: Python files published (1): hooks/facts.py" in lines, lines


def test_the_404_pages_safety_link_may_lead_to_either_language(site_dir, broken):
    edit(broken / "404.html", r'(<a class="ns-qe__safety" href="[^"]*?)en/securite/', r"\1securite/")
    assert report_for(site_dir, broken) == {}
    edit(broken / "404.html", r'(<a class="ns-qe__safety" href=")[^"]*"', r'\1/aide/"')
    assert "404.html (fr/en)" in report_for(site_dir, broken)
