"""The one stylesheet (issue 25, sitebuild/css_purge.py): what it keeps and drops, on small pages
and on the built site. tests/test_purged_styles.py compares computed styles in the browser."""
import gzip

import pytest

from sitebuild import css_purge as P
from sitebuild import htmlscan

PAGE = """<!doctype html><html class="no-js"><head><title>t</title></head><body>
<div class="md-search-result"><ol class="md-search-result__list"></ol></div>
<div class="ns-tools" data-present-tools hidden></div>
<article class="md-typeset"><h1>Title</h1><details><summary>More</summary><p>x</p></details>
<p class="a">a</p><a href="#">link</a></article></body></html>"""


def pages(*htmls):
    return P.Pages([(h, htmlscan.read(h)) for h in htmls])


def purge(css, *htmls, scripts=""):
    return P.purge(css, pages(*(htmls or (PAGE,))), scripts)


def test_rules_no_page_can_use_go_and_the_others_stay():
    css = ".a{color:red}.tabbed-set{display:flex}.md-typeset .nope p{color:blue}article p{margin:0}"
    assert purge(css) == ".a{color:red}article p{margin:0}"


def test_the_quick_exit_hiding_class_stays_though_no_page_has_it():
    # Seen failing with "ns-qe-leaving" left out of RUNTIME_CLASSES: the rule was dropped.
    css = ".ns-qe-leaving body{visibility:hidden}.ns-qe-leaving{background:#fff}.zz-leaving body{x:y}"
    assert purge(css) == ".ns-qe-leaving body{visibility:hidden}.ns-qe-leaving{background:#fff}"


def test_run_time_names_need_the_rest_of_their_selector_to_exist():
    css = ("html.js .md-typeset h1{a:b}.md-nav__link--active{c:d}[dir=rtl] .md-search-result__more{e:f}"
           "details[open]>summary{g:h}.md-sidebar[data-md-state=lock]{i:j}")
    out = purge(css)
    assert "html.js .md-typeset h1{a:b}" in out and ".md-nav__link--active{c:d}" in out
    assert "details[open]>summary{g:h}" in out
    assert "dir=rtl" not in out and "md-sidebar" not in out


def test_states_and_other_engines_prefixes_stay_with_their_element():
    css = (".a:hover{a:b}.md-typeset summary::-webkit-details-marker{display:none}"
           "a:focus-visible::after{c:d}.a:not(.b):first-child{e:f}.zz:hover{g:h}"
           "summary:is(:hover,:focus){i:j}")
    out = purge(css)
    for kept in (".a:hover{a:b}", "::-webkit-details-marker{display:none}", "a:focus-visible::after",
                 ".a:not(.b):first-child{e:f}", "summary:is(:hover,:focus){i:j}"):
        assert kept in out, kept
    assert ".zz" not in out


def test_media_queries_stay_with_the_rules_they_hold_and_go_when_empty():
    css = ("@media print{.a{color:#000}.zz{x:y}}@media (min-width:76.25em){.tabbed-set{a:b}}"
           "@media (forced-colors:active){article p{c:d}}@supports (x:y){.a{e:f}}@page{margin:1cm}")
    out = purge(css)
    assert "@media print{.a{color:#000}}" in out
    assert "76.25em" not in out
    assert "@media (forced-colors:active){article p{c:d}}" in out
    assert "@supports (x:y){.a{e:f}}" in out and "@page{margin:1cm}" in out


def test_what_scripts_build_is_matched_too():
    css = (".md-search-result__list>.md-search-result__item{a:b}.md-search-result .md-typeset h2 mark{c:d}"
           ".ns-tools .md-button{e:f}.ns-tools table{g:h}")
    out = purge(css)
    assert ".md-search-result__list>.md-search-result__item{a:b}" in out
    assert ".md-search-result .md-typeset h2 mark{c:d}" in out
    assert ".ns-tools .md-button{e:f}" in out and "table" not in out


def test_unused_custom_properties_go_to_a_fixed_point_and_keyframes_with_their_rules():
    css = (":root{--a:var(--b);--b:1px;--c:2px;--d:var(--c);--js:3px}.a{width:var(--a)}"
           ".zz{height:var(--d);animation:spin 1s}@keyframes spin{to{x:y}}@keyframes fade{to{x:y}}"
           "article p{animation:fade 1s}")
    out = purge(css, scripts='el.style.getPropertyValue("--js")')
    assert "--a:var(--b)" in out and "--b:1px" in out and "--js:3px" in out
    assert "--c" not in out and "--d" not in out   # --d only read by a dropped rule, --c by --d
    assert "@keyframes fade" in out and "spin" not in out


def test_a_list_keeps_only_its_selectors_that_can_match_unless_one_is_prefixed():
    out = purge(".a,.zz{a:b}.a,.zz::-moz-selection{c:d}")
    assert out == ".a{a:b}.a,.zz::-moz-selection{c:d}"


def test_a_selector_it_cant_read_keeps_its_rule():
    assert purge("svg|a{a:b}") == "svg|a{a:b}"


# --- on the built site -------------------------------------------------------------------------

def test_the_site_links_one_stylesheet_of_what_it_uses(site_dir):
    css = (site_dir / "assets" / "site" / "bundle.min.css").read_text(encoding="utf-8")
    theme = next((site_dir / "assets" / "stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
    assert ".ns-qe-leaving body{visibility:hidden}" in css
    assert "::-webkit-details-marker" in css and "::-ms-clear" in css
    assert ".tabbed-set" not in css and ".md-tooltip" not in css and "--md-admonition-icon--abstract" not in css
    assert "@media print" in css and "forced-colors" in css and "prefers-reduced-motion" in css
    size = len(gzip.compress(css.encode(), 6, mtime=0))
    assert size < len(gzip.compress(theme.encode(), 6, mtime=0)) * 0.65, size
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "assets/stylesheets/main." not in html, page


@pytest.mark.parametrize("name", ["quick-exit", "present", "checker", "quiz", "tools"])
def test_classes_our_scripts_add_are_kept_by_name(name):
    """Every class our scripts put on an element is in RUNTIME_CLASSES (or in RUNTIME_HTML),
    so a rule for it is kept though no page has it (seen failing with a class left out)."""
    import re
    from support import ROOT
    js = (ROOT / "overrides" / "assets" / "site" / f"{name}.js").read_text(encoding="utf-8")
    added = set(re.findall(r'classList\.(?:add|toggle)\("([a-z0-9_-]+)"', js))
    added |= {c for m in re.findall(r'className = "([^"]+)"', js) for c in m.split()}
    added |= {c for m in re.findall(r'"(ns-[a-z0-9_-]+(?: ns-[a-z0-9_-]+)*)"', js) for c in m.split()
              if c.startswith("ns-") and "--" in c}
    built = " ".join(html for _, html in P.RUNTIME_HTML) + P._SLIDE
    # Classes the HTML already has (the script sets them again with a modifier) are on pages.
    markup = " ".join(p.read_text(encoding="utf-8") for p in [*(ROOT / "sitebuild").glob("*.py"), *(ROOT / "docs").rglob("*.md"),
                                                           *(ROOT / "overrides").rglob("*.html")])
    missing = {c for c in added if c not in P.RUNTIME_CLASSES and f'"{c}' not in built
               and f" {c}" not in built and c != "md-typeset"
               and not re.search(r'class="(?:[^"]* )?' + re.escape(c) + r'[ "]', markup)}
    assert missing == set(), missing
