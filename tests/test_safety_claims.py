"""Issue 22: the safety page ("Naviguer en sécurité" / "Safety online") says exactly what is true.

Each of its sentences that a behaviour can prove carries `data-claim="NAME"` (attr_list in the
Markdown: `{: data-claim="NAME" }` under the paragraph or list item). A Chromium test proves it and
says so with `@pytest.mark.proves("NAME")`. This test ties the two together: every claim of the page,
the same in both languages, has at least one test that proves it, and every `proves` names a
claim the page makes. Sentences without the attribute are advice or about other software (private
browsing, monitoring apps), which no test of this site can prove.
"""
import ast
from html.parser import HTMLParser

from support import LANGS, ROOT, built_path

TESTS = ROOT / "tests"


class _Claims(HTMLParser):
    def __init__(self):
        super().__init__()
        self.claims = []

    def handle_starttag(self, tag, attrs):
        claim = dict(attrs).get("data-claim")
        if claim:
            self.claims.append(claim)


def page_claims(site_dir, lang):
    p = _Claims()
    p.feed((site_dir / built_path("securite", lang)).read_text(encoding="utf-8"))
    return p.claims


def proofs():
    """{claim: ["test_file.py::test_name", ...]} from every `@pytest.mark.proves("claim")`."""
    found = {}
    for path in sorted(TESTS.glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or not node.name.startswith("test_"):
                continue
            for deco in node.decorator_list:
                if (isinstance(deco, ast.Call) and isinstance(deco.func, ast.Attribute)
                        and deco.func.attr == "proves"):
                    claim = deco.args[0].value
                    found.setdefault(claim, []).append(f"{path.name}::{node.name}")
    return found


def test_every_claim_of_the_safety_page_has_a_test_that_proves_it(site_dir):
    claims = {lang: page_claims(site_dir, lang) for lang in LANGS}
    assert claims["fr"] == claims["en"], "the two languages make different claims"
    assert len(claims["fr"]) == len(set(claims["fr"])), "a claim is marked twice"
    assert len(claims["fr"]) >= 15, claims["fr"]
    proved = proofs()
    unproved = [c for c in claims["fr"] if c not in proved]
    assert unproved == [], f"claims of the safety page that no test proves: {unproved}"
    stale = sorted(set(proved) - set(claims["fr"]))
    assert stale == [], f"tests prove claims the page no longer makes: {stale}"
