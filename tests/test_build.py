"""The built site: files, languages, alternates and search indexes (no browser)."""
import json
import re
import shutil
from urllib.parse import urljoin

import pytest

from support import copy_project, DOCS, LANGS, ROOT, build, built_path, page_pairs, page_url


def html_of(site_dir, name, lang):
    return (site_dir / built_path(name, lang)).read_text(encoding="utf-8")


def test_every_page_is_built_in_both_languages(site_dir):
    expected = {built_path(name, lang) for name in page_pairs() for lang in LANGS}
    built = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html")}
    assert expected == built, f"missing: {expected - built}, unexpected: {built - expected}"
    assert (site_dir / "404.html").exists()


def test_there_are_real_pages(site_dir):
    assert len(page_pairs()) >= 2


@pytest.mark.parametrize("lang", LANGS)
def test_html_lang_and_absolute_hreflang(site_dir, site_port, lang):
    origin = f"http://127.0.0.1:{site_port}/"
    for name in page_pairs():
        html = html_of(site_dir, name, lang)
        assert f'<html lang="{lang}"' in html, name
        alternates = dict((m[1], m[0]) for m in re.findall(
            r'<link rel="alternate\s*" href="([^"]+)" hreflang="([a-z-]+)">', html))
        assert set(alternates) >= set(LANGS), (name, alternates)
        assert alternates["fr"] == page_url(origin, name, "fr"), name
        assert alternates["en"] == page_url(origin, name, "en"), name


@pytest.mark.parametrize("lang", LANGS)
def test_language_switch_points_at_the_same_page(site_dir, lang):
    other = "en" if lang == "fr" else "fr"
    for name in page_pairs():
        html = html_of(site_dir, name, lang)
        links = re.findall(r'<a class="ns-lang__link" href="([^"]+)" hreflang="([a-z]+)"', html)
        assert [l[1] for l in links] == [other], (name, links)
        here = page_url("http://h/", name, lang)
        assert urljoin(here, links[0][0]) == page_url("http://h/", name, other), name


def test_search_index_per_language(site_dir):
    fr = json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    en = json.loads((site_dir / "en/search/search_index.json").read_text(encoding="utf-8"))
    assert fr["config"]["lang"] == ["fr"] and en["config"]["lang"] == ["en"]
    fr_pages = {d["location"].split("#")[0] for d in fr["docs"]}
    en_pages = {d["location"].split("#")[0] for d in en["docs"]}
    assert not any(p.startswith("en/") for p in fr_pages)
    expected = {page_url("", n, "fr") for n in page_pairs()}
    # Every page of each language can be found, including pages whose title is the same in both.
    assert fr_pages == expected and en_pages == expected


def _copy_project(tmp_path):
    return copy_project(tmp_path)


def test_a_missing_translation_fails_the_build(tmp_path):
    project = _copy_project(tmp_path)
    (project / "docs" / "ordonnance.en.md").unlink()
    proc = build(tmp_path / "out", "http://127.0.0.1:1/", config=project / "mkdocs.yml", check=False)
    assert proc.returncode != 0
    assert "ordonnance.en.md is missing" in proc.stderr + proc.stdout


def test_site_url_comes_from_the_environment(tmp_path):
    out = tmp_path / "out"
    build(out, "https://example.org/ecole/")
    html = (out / "en" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/ecole/en/">' in html
    assert 'href="https://example.org/ecole/" hreflang="fr"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_our_styles_are_one_stylesheet_linked_once(site_dir, lang):
    for name in page_pairs():
        links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html_of(site_dir, name, lang))
        assert len(links) == len(set(links)), (name, links)
        assert [l for l in links if "assets/site/" in l] and all(
            l.endswith("assets/site/bundle.min.css") for l in links if "assets/site/" in l), (name, links)
