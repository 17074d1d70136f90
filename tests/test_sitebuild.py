"""The build core (sitebuild/): the Markdown extension on its own, the post-build step on a built
folder, and the pieces they share. The built site itself is checked by the other tests; these
check what any engine relies on: options in, HTML out, the same result twice."""
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from mkdocs.utils import get_relative_url

from sitebuild import csp_policy, css_bundle, extension, languages, markers, postbuild, theme_rules
from sitebuild import facts as F
from sitebuild.extension import NAME
from support import DOCS, ROOT, built_path

NBSP = "\u00a0"


def render(text, **options):
    opts = {"lang": "fr", "url": "aide/", "src": "aide.fr.md", "root": str(ROOT)}
    opts.update(options)
    md = markdown.Markdown(extensions=["attr_list", "toc", NAME], extension_configs={NAME: opts})
    return md.convert(text), md


# --- the Markdown extension ---------------------------------------------------------------------

def test_facts_typography_and_heading_ids():
    facts = F.load(ROOT / "data" / "facts.yml")
    html, md = render("## Dès {{ age.apply_alone }} ? { #apply-alone }\n\nAppelle {{ tel:help.khp.phone }}. "
                      "Ça va ? « Oui »")
    age, phone = F.text(facts, "age.apply_alone", "fr"), F.render(facts, "help.khp.phone", "fr", "tel")
    assert f'<h2 id="apply-alone">Dès {age}{NBSP}?</h2>' in html
    assert f"Appelle {phone}." in html
    assert f"Ça va{NBSP}? «{NBSP}Oui{NBSP}»</p>" in html
    # The table of contents keeps headings as written: the post-build step spaces the nav.
    html, md = render("## Et *toi ?* { #you }")
    assert html == f'<h2 id="you">Et <em>toi{NBSP}?</em></h2>'
    assert md.toc_tokens[0]["html"] == "Et <em>toi ?</em>"
    # A space right after inline markup, and text next to code, get it too.
    html, _ = render("Le [site](x.md) : oui, `a ?` ; non")
    assert f"</a>{NBSP}: oui, <code>a ?</code>{NBSP}; non" in html


def test_english_pages_keep_plain_spaces():
    html, _ = render("Ready ? Yes.", lang="en", url="en/aide/", src="aide.en.md")
    assert html == "<p>Ready ? Yes.</p>"


def test_an_unknown_fact_names_the_page_and_the_key():
    with pytest.raises(F.FactsError, match=r"crime\.fr\.md: unknown fact 'help\.nobody\.phone'"):
        render("{{ tel:help.nobody.phone }}", src="crime.fr.md")


def test_an_unknown_marker_stops_the_build_naming_the_page():
    with pytest.raises(markers.MarkerError, match=r"aide\.fr\.md: unknown marker '<!-- ns:contacts -->'"):
        render("<!-- ns:contacts -->\n")


def test_the_offline_zip_link_only_where_the_zip_is():
    """An HTML-stage marker: replaced in the page's HTML, relative to the page. Without a
    published zip it says how to get one; the offline copy says it is one, and never links."""
    text = "<!-- ns:offline-zip -->\n"
    html, _ = render(text)
    assert "data-offline-ask" in html and "site-offline.zip" not in html
    html, _ = render(text, offline_zip=True, url="en/educateurs/", lang="en", src="educateurs/index.en.md")
    assert 'href="../../site-offline.zip"' in html and "data-offline-zip" in html
    html, _ = render(text, offline_zip=True, offline=True)
    assert "data-offline-copy" in html and "site-offline.zip" not in html


def test_markers_are_one_table():
    assert {"facts-table", "facts-reviewed", "checker", "checker-diagram", "local-contacts", "qr",
            "offline-zip"} <= set(markers.MARKERS)
    assert {stage for stage, _ in markers.MARKERS.values()} == {markers.MARKDOWN, markers.HTML}
    used = {m for p in DOCS.rglob("*.md") for m in markers.MARKER.findall(p.read_text("utf-8"))}
    assert used <= set(markers.MARKERS), used - set(markers.MARKERS)


def test_checker_links_are_relative_to_the_page():
    html, _ = render("<!-- ns:checker -->\n", lang="en", url="en/verificateur/",
                     src="verificateur.en.md")
    assert 'href="../ordonnance/"' in html and "data-checker" in html
    html, _ = render("<!-- ns:checker -->\n", lang="en", url="en/verificateur.html",
                     src="verificateur.en.md", directory_urls=False)
    assert 'href="ordonnance.html"' in html


def test_the_checkers_printed_sheet_names_the_site_and_its_addresses():
    """The printed sheet shows the site's name and home in the page's language, and each link's
    public address, from the extension's options (the MkDocs hook gives them for each page)."""
    site = "https://org.github.io/images-intimes/"
    html, _ = render("<!-- ns:checker -->\n", lang="en", url="en/verificateur/",
                     src="verificateur.en.md", site_url=site, site_name="Intimate images")
    assert f"data-checker-site>From the website Intimate images: {site}en/</p>" in html
    assert f'href="../ordonnance/" data-print-url="{site}en/ordonnance/"' in html
    html, _ = render("<!-- ns:checker -->\n", lang="fr", url="verificateur/",
                     src="verificateur.fr.md", site_url=site, site_name="Images intimes")
    assert f"Images intimes{NBSP}: {site}</p>" in html


@pytest.mark.parametrize("lang,path,links_from,link", [
    ("fr", "verificateur.md", "", "crime/"), ("en", "verificateur.md", "en/", "crime/"),
    ("en", "educateurs/schema.md", "en/educateurs/", "../crime/"),
    ("fr", "educateurs/index.md", "educateurs/", "../crime/"),
])
def test_under_zensical_links_start_at_the_source_files_folder(lang, path, links_from, link):
    """Zensical rewrites a page's relative links as if written from its source file: the
    checker's links and printed addresses start there. Its site_url and site_name are each
    language's (zensical-i18n); the root address stays the site's."""
    prefix = "" if lang == "fr" else f"{lang}/"
    ctx = SimpleNamespace(
        config={"theme": {"language": lang}, "extra": {"i18n": {"prefix": prefix}},
                "site_url": f"https://org.github.io/ii/{prefix}", "site_name": "Nom",
                "root_dir": str(ROOT)},
        page=SimpleNamespace(path=path, url=path.replace("index.md", "").replace(".md", "/")))
    opts = extension._zensical_page(ctx)
    assert (opts["links_from"], opts["site_url"], opts["site_name"]) == (
        links_from, "https://org.github.io/ii/", "Nom")
    page = markers.Page(root=ROOT, **{k: v for k, v in opts.items() if k != "root"})
    assert page.link("crime", "#x") == f"{link}#x"
    assert page.site()["page"] == f"https://org.github.io/ii/{links_from}"


def test_without_a_page_language_the_extension_says_what_to_do():
    md = markdown.Markdown(extensions=[NAME])
    with pytest.raises(markers.MarkerError, match="no page language"):
        md.convert("text")


# --- languages and links ------------------------------------------------------------------------

@pytest.mark.parametrize("url,other", [
    ("en/aide/", "en/verificateur/"), ("aide/", ""), ("", "aide/"), ("en/", "en/aide/"),
    ("en/aide.html", "en/verificateur.html"), ("aide.html", "index.html"),
    ("educateurs/plan/", "en/educateurs/plan/"), ("../x/", "a/b/"), ("en/a.html", "."),
])
def test_relative_urls_as_mkdocs_writes_them(url, other):
    assert languages.relative_url(url, other) == get_relative_url(url, other)


def test_pairs(tmp_path):
    (tmp_path / "a.fr.md").write_text("x")
    (tmp_path / "a.en.md").write_text("x")
    languages.check_pairs(tmp_path)
    (tmp_path / "b.fr.md").write_text("x")
    with pytest.raises(languages.PairError, match=r"b\.en\.md is missing"):
        languages.check_pairs(tmp_path)
    (tmp_path / "b.en.md").write_text("x")
    (tmp_path / "c.md").write_text("x")
    with pytest.raises(languages.PairError, match="c.md: every page is a pair"):
        languages.check_pairs(tmp_path)


def test_twins_in_a_built_folder():
    assert languages.twin("aide/index.html", "en") == "en/aide/index.html"
    assert languages.twin("en/index.html", "fr") == "index.html"
    assert languages.lang_of("en/aide.html") == "en" and languages.lang_of("en.html") == "fr"


def test_an_engines_language_selector_becomes_one_link():
    selector = ('<div class="md-header__option md-i18n" data-md-i18n><div class="md-select">'
                '<style>.x{}</style><ul><li><a href="../../en/">English</a></li></ul></div>'
                '<script>s()</script></div>')
    html = f"<header>{selector}<label></label></header>"
    out = languages.switch(html, "educateurs/plan/index.html")
    assert out == ('<header><div class="md-header__option ns-lang"><a class="ns-lang__link" '
                   'href="../../en/educateurs/plan/" hreflang="en" lang="en" data-lang-switch>'
                   'English</a></div><label></label></header>')
    assert languages.switch(html, "404.html", not_found=True) == \
        '<header><div class="md-header__option ns-lang"></div><label></label></header>'
    assert languages.switch(out, "educateurs/plan/index.html") == out


def test_hreflang_added_when_the_engine_wrote_none():
    head = '<head><link rel="canonical" href="https://h.org/sub/en/aide/"><link rel="icon" href="x"></head>'
    out = languages.alternates(head, "en/aide/index.html")
    assert ('<link rel="alternate " href="https://h.org/sub/aide/" hreflang="fr">'
            '<link rel="alternate " href="https://h.org/sub/en/aide/" hreflang="en">'
            '<link rel="icon"') in out
    assert languages.alternates(out, "en/aide/index.html") == out


# --- the post-build step ------------------------------------------------------------------------

def test_post_build_twice_changes_nothing(site_dir, site_port, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    assert postbuild.run(copy, site_url=f"http://127.0.0.1:{site_port}/") == []
    changed = [p.relative_to(copy).as_posix() for p in copy.rglob("*")
               if p.is_file() and p.read_bytes() != (site_dir / p.relative_to(copy)).read_bytes()]
    assert changed == []


def test_french_pages_navigation_keeps_its_question_marks_on_the_line(site_dir):
    """The engine writes the nav's headings from the plain table of contents: the post-build step
    gives them the French no-break spaces, on French pages only."""
    import re
    for name, lang in (("questions", "fr"), ("questions", "en")):
        html = (site_dir / built_path(name, lang)).read_text("utf-8")
        nav = re.sub(r"<script\b.*?</script>", "", html[html.index('<nav class="md-nav md-nav--secondary"'):],
                     flags=re.S)
        nav = nav[:nav.index("</nav>")]
        loose = re.findall(r"\S [?!:;]", re.sub(r"<[^>]+>", "", nav))
        spaced = re.findall(f"\\S{NBSP}[?!:;]", re.sub(r"<[^>]+>", "", nav))
        if lang == "fr":
            assert spaced and not loose, (name, lang, loose[:3])
        else:
            assert not spaced, (name, lang, spaced[:3])


def test_post_build_command_reports_a_page_it_cannot_ship(site_dir, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    page = copy / built_path("aide", "en")
    page.write_text(page.read_text("utf-8").replace("<article", '<article style="color:red"', 1),
                    encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "sitebuild.postbuild", str(copy)], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "en/aide/index.html (docs/aide.en.md): a style=" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "sitebuild.postbuild", str(tmp_path / "none")],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 2


def test_no_python_file_is_published(site_dir):
    assert [p for p in site_dir.rglob("*.py")] == []
    assert [p for p in (ROOT / "overrides").rglob("*.py")] == []


def test_our_stylesheets_become_one_link_where_the_first_was():
    head = ('<link rel="stylesheet" href="../assets/stylesheets/main.css">'
            '<link rel="stylesheet" href="../assets/site/site.css">'
            '<link rel="stylesheet" href="../assets/site/kit.css"><script></script>')
    out, parts = css_bundle.link_bundle(head)
    assert out == ('<link rel="stylesheet" href="../assets/stylesheets/main.css">'
                   '<link rel="stylesheet" href="../assets/site/bundle.min.css"><script></script>')
    assert parts == ["../assets/site/site.css", "../assets/site/kit.css"]
    assert css_bundle.link_bundle(out) == (out, [])


def test_a_theme_scripts_own_stylesheet_is_allowed_by_its_hash_only():
    js = 'var Tc=\'.u{a:b}\\n.x{content:"\\u2192"}\';f(C("style",{},Tc.toString()))'
    assert csp_policy.script_styles(js) == ['.u{a:b}\n.x{content:"→"}']
    assert csp_policy.script_styles("createElement('style')") == []
    page = '<html><head><title>t</title></head><body><a data-quick-exit></a></body></html>'
    locked = csp_policy.lock_down(page, styles=['.u{a:b}'])
    style_src = re.search(r"style-src ([^;]+);", locked).group(1).split()
    assert style_src == ["'self'", csp_policy.sha256(".u{a:b}")]
    assert csp_policy.lock_down(locked, styles=['.u{a:b}']) == locked


def test_a_single_custom_palette_needs_no_switcher():
    switch = ('<form class="md-header__option" data-md-component="palette"><input></form> '
              '<script>var palette=__md_get("__palette");x()</script>')
    custom = {"scheme": "default", "primary": "custom", "accent": "custom"}
    assert theme_rules.drop_palette_switch("<a>" + switch + "<b>", custom) == "<a><b>"
    assert theme_rules.drop_palette_switch(switch, dict(custom, primary="indigo")) == switch
    assert theme_rules.palette_of('<body dir="ltr" data-md-color-scheme="default" '
                                  'data-md-color-primary="custom" data-md-color-accent="custom">') == custom


def test_tests_import_the_package_not_hook_files():
    # Every module of the package, by its bare name (import facts, import facts_review, ...).
    bare = "|".join(sorted(p.stem for p in (ROOT / "sitebuild").glob("*.py") if p.stem != "__init__"))
    for path in (ROOT / "tests").glob("*.py"):
        text = path.read_text("utf-8")
        assert "spec_from_" + "file_location" not in text, path.name
        assert "overrides/" + "hooks" not in text and "mkdocs" + "_hooks" not in text, path.name
        assert not re.search(rf"^\s*(import|from) ({bare})\b", text, re.M), path.name


def test_printed_addresses_are_the_public_sites_even_from_the_offline_copy():
    """The offline copy links `crime.html`; its printed sheet names the public page `crime/`."""
    from sitebuild import checker
    base, root = "https://h.org/sub/en/verificateur.html", "https://h.org/sub/"
    markup = ('<a href="crime.html#police">police</a> <a href="../index.html">home</a> '
              '<a href="aide/index.html">help</a> <a href="https://www.quebec.ca/a.html">form</a>')
    out = checker.with_print_urls(markup, base, root)
    assert 'data-print-url="https://h.org/sub/en/crime/#police"' in out
    assert 'data-print-url="https://h.org/sub/"' in out
    assert 'data-print-url="https://h.org/sub/en/aide/"' in out
    assert 'data-print-url="https://www.quebec.ca/a.html"' in out
