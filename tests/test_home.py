"""The home page's first screen on a phone (issue 16): who can apply, and a way in for everyone who
arrives (the person in the image, someone who received or saw it, a parent or an adult helping),
seen at 360 x 740 without scrolling, in both languages, with and without JavaScript."""
import re

import pytest

import facts as F
from support import LANGS, ROOT, built_path, page_url

PHONE = {"width": 360, "height": 740}
# Where each way in leads: the checker, the bystander page, and the checker's helper path (its
# question ids belong to no language and the checker keeps them: data/checker.yml).
WAYS = {"checker": "verificateur/", "bystander": "temoin/", "helper": "verificateur/#q_other_intimate"}
AGE = F.text(F.load(ROOT / "data" / "facts.yml"), "age.apply_alone", "fr")   # a number: same in both

_FIRST_SCREEN = """ways => {
  const art = document.querySelector('article');
  const box = e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, h: r.height}; };
  // The who-can-apply line: the paragraph that links to the "who can apply" page.
  const who = [...art.querySelectorAll('p')].find(p => p.querySelector('a[href*="qui-peut-demander"]'));
  const links = {};
  for (const [name, end] of Object.entries(ways)) {
    const a = [...art.querySelectorAll('a[href]')].find(a => a.getAttribute('href').endsWith(end));
    links[name] = a ? Object.assign(box(a), {text: a.innerText.trim()}) : null;
  }
  return {who: who ? Object.assign(box(who), {text: who.innerText}) : null, links,
          vh: innerHeight, scrolled: scrollY};
}"""


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", LANGS)
def test_first_screen_says_who_can_apply_and_has_every_way_in(browser, base_url, lang, javascript):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    try:
        page.goto(page_url(base_url, "index", lang), wait_until="load")
        s = page.evaluate(_FIRST_SCREEN, WAYS)
    finally:
        context.close()
    assert s["scrolled"] == 0
    who = s["who"]
    assert who, "no line saying who can apply (a paragraph linking to qui-peut-demander)"
    # Both sides of the age: alone from that age, a parent or tutor below it; without parents;
    # and whose reading of the law it is (a 'likely' fact).
    assert who["text"].count(AGE) == 2, f"{who['text']!r}"
    assert "parents" in who["text"] and "Éducaloi" in who["text"], f"{who['text']!r}"
    assert 0 < who["top"] and who["bottom"] <= s["vh"], f"who can apply is below the fold: {who}"
    for name, link in s["links"].items():
        assert link, f"no way in for {name} ({WAYS[name]})"
        assert link["bottom"] <= s["vh"], f"{name} ({link['text']!r}) is below the fold: {link}"
        assert link["h"] >= 44, f"{name} ({link['text']!r}) is {link['h']:.0f} px high"


def test_the_ways_in_lead_somewhere_that_exists(site_dir):
    """The bystander page is built, and the checker has the question the helper's way in opens."""
    for lang in LANGS:
        home = (site_dir / built_path("index", lang)).read_text(encoding="utf-8")
        for target in WAYS.values():
            assert f'href="{target}"' in home, f"{lang}: no link to {target}"
        checker = (site_dir / built_path("verificateur", lang)).read_text(encoding="utf-8")
        assert 'id="q_other_intimate"' in checker, f"{lang}: the checker lost q_other_intimate"
        assert (site_dir / built_path("temoin", lang)).exists()


def test_the_likely_age_rule_is_stated_and_attributed_once(site_dir):
    """age.apply_alone is a 'likely' fact (Éducaloi): the home page states the rule once, in the
    who-can-apply line that names Éducaloi, not again further down without it."""
    for lang in LANGS:
        html = (site_dir / built_path("index", lang)).read_text(encoding="utf-8")
        # From the title on: the presentation tools before it hold the site's address (a port).
        article = re.sub(r"<[^>]+>", "", html[html.index("<h1"):html.index("</article>")])
        assert len(re.findall(rf"(?<!\d){AGE}(?!\d)", article)) == 2, \
            f"{lang}: the age appears again outside the who-can-apply line"
