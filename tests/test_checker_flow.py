"""The checker's flow file (data/checker.yml): validation, every path's rules, golden file, build."""
import copy
import re
import shutil
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from support import LANGS, ROOT, build, built_path, page_pairs

from sitebuild import checker as C
from sitebuild import facts as F

FLOW = ROOT / "data" / "checker.yml"
FACTS = F.load(ROOT / "data" / "facts.yml")


@pytest.fixture(scope="module")
def flow():
    return C.load(FLOW, FACTS)


# --- validation: small broken flows, each error names the file and the node ---------------------

def t(fr, en):
    return {"fr": fr, "en": en}


def small_flow():
    """The smallest valid flow: one question, two outcomes."""
    return {
        "start": "q_a",
        "ui": {key: t(f"{key} fr", f"{key} en") for key in C.UI_KEYS},
        "remedies": {"form": t("formulaire", "form"), "helplines": t("aide", "help")},
        "questions": {"q_a": {"title": t("Question ?", "Question?"), "choices": [
            {"id": "c_one", "fr": "Un", "en": "One", "next": "out_one"},
            {"id": "c_two", "fr": "Deux", "en": "Two", "next": "out_two"},
        ]}},
        "blocks": {
            "s_form": {"remedy": ["form"], "fr": "Va sur {{ link:form.url }}",
                       "en": "Go to {{ link:form.url }}"},
            "h_help": {"remedy": ["helplines"], "fr": "{{ tel:help.khp.phone }}",
                       "en": "{{ tel:help.khp.phone }}"},
        },
        "outcomes": {
            "out_one": {"title": t("Un", "One"), "summary": t("Résumé", "Summary"),
                        "steps": ["s_form"], "call": ["h_help"]},
            "out_two": {"title": t("Deux", "Two"), "summary": t("Résumé", "Summary"),
                        "steps": ["s_form"]},
        },
    }


def load_broken(tmp_path, data):
    path = tmp_path / "broken.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_small_flow_is_valid(tmp_path):
    flow = C.load(load_broken(tmp_path, small_flow()), FACTS)
    assert [o for _, o in C.paths(flow)] == ["out_one", "out_two"]


def _break(kind):
    data = small_flow()
    q = data["questions"]["q_a"]
    if kind == "unknown node":
        q["choices"][0]["next"] = "q_nowhere"
    elif kind == "unreachable node":
        data["questions"]["q_lost"] = {"title": t("Perdue ?", "Lost?"), "choices": [
            {"id": "c_x", "fr": "X", "en": "X", "next": "out_one"}]}
    elif kind == "no next node":
        del q["choices"][1]["next"]
    elif kind == "cycle":
        data["questions"]["q_b"] = {"title": t("B ?", "B?"), "choices": [
            {"id": "c_back", "fr": "Retour", "en": "Back", "next": "q_a"},
            {"id": "c_out", "fr": "Sortie", "en": "Out", "next": "out_two"}]}
        q["choices"][1]["next"] = "q_b"
    elif kind == "missing translation":
        del q["title"]["en"]
    elif kind == "missing choice translation":
        del q["choices"][0]["fr"]
    elif kind == "outcome without text":
        out = data["outcomes"]["out_two"]
        del out["title"], out["summary"], out["steps"]
    elif kind == "outcome without steps":
        del data["outcomes"]["out_two"]["steps"]
    elif kind == "unknown block":
        data["outcomes"]["out_two"]["steps"] = ["s_missing"]
    elif kind == "unknown fact":
        data["blocks"]["h_help"]["en"] = "Call {{ tel:help.nobody.phone }}"
    elif kind == "remedy without its fact":
        data["blocks"]["s_form"]["fr"] = "Va sur le site du gouvernement"
    elif kind == "step used as a tell block":
        data["outcomes"]["out_one"]["tell"] = ["s_form"]
    elif kind == "tell block used as a step":
        data["blocks"]["t_form"] = data["blocks"].pop("s_form")
        data["outcomes"]["out_one"]["steps"] = data["outcomes"]["out_two"]["steps"] = ["t_form"]
    return data


@pytest.mark.parametrize("kind, node, words", [
    ("unknown node", "q_a.c_one", "q_nowhere"),
    ("unreachable node", "q_lost", "cannot be reached"),
    ("no next node", "q_a.c_two", "no next node"),
    ("cycle", "q_a", "cycle"),
    ("missing translation", "q_a", "missing translation 'en'"),
    ("missing choice translation", "q_a.c_one", "missing translation 'fr'"),
    ("outcome without text", "out_two", "has no title text"),
    ("outcome without steps", "out_two", "has no steps"),
    ("unknown block", "out_two", "s_missing"),
    ("unknown fact", "h_help", "help.nobody.phone"),
    ("remedy without its fact", "s_form", "form.url"),
    ("step used as a tell block", "s_form", "'t_' blocks are worded to pass on"),
    ("tell block used as a step", "t_form", "'t_' blocks are worded to pass on"),
])
def test_a_broken_flow_is_refused_naming_file_and_node(tmp_path, kind, node, words):
    path = load_broken(tmp_path, _break(kind))
    with pytest.raises(C.CheckerError) as err:
        C.load(path, FACTS)
    message = str(err.value)
    assert str(path) in message
    assert f"'{node}'" in message
    assert words in message


def test_a_broken_flow_stops_the_build(tmp_path):
    """The hook turns a flow error into a failed strict build that names the file and node."""
    copy_root = tmp_path / "repo"
    for name in ("docs", "overrides", "data", "sitebuild"):
        shutil.copytree(ROOT / name, copy_root / name)
    shutil.copy(ROOT / "mkdocs.yml", copy_root / "mkdocs.yml")
    data = yaml.safe_load(FLOW.read_text(encoding="utf-8"))
    data["questions"]["q_age"]["choices"][0]["next"] = "out_gone"
    (copy_root / "data" / "checker.yml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                                    encoding="utf-8")
    proc = build(tmp_path / "site", "http://127.0.0.1:8000/", config=copy_root / "mkdocs.yml",
                 check=False)
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert "checker.yml" in out and "q_age.c_under14" in out and "out_gone" in out


# --- every path, and what it must reach ---------------------------------------------------------

def answers(trail):
    return dict(trail)


def test_the_flow_covers_what_the_issue_asks(flow):
    what = {c["id"] for c in flow["questions"]["q_what"]["choices"]}
    assert what == {"c_shared", "c_threat", "c_afraid", "c_saw", "c_helping"}
    assert {c["id"] for c in flow["questions"]["q_intimate"]["choices"]} >= {"c_intimate", "c_unsure"}
    assert [c["id"] for c in flow["questions"]["q_age"]["choices"]] == ["c_under14", "c_14_17", "c_18plus"]
    assert {c["id"] for c in flow["questions"]["q_who"]["choices"]} == {"c_me", "c_trusted"}


# What the person in the image can do themself, by their age (what a bystander or helper passes
# on), and what they can't: under 14 a parent or tutor applies; StopNCII is for adults only.
THEIR_OWN = {
    "c_under14": ({"order_parent", "form", "courthouse", "takeitdown", "cybertip"},
                  {"order_self", "stopncii"}),
    "c_14_17": ({"order_self", "form", "courthouse", "takeitdown", "cybertip"},
                {"order_parent", "stopncii"}),
    "c_18plus": ({"order_self", "form", "courthouse", "stopncii"},
                 {"order_parent", "takeitdown", "cybertip"}),
}
ORDERS = {"order_self", "order_helper", "order_parent"}
# A "tell" block speaks to the reader about the person, never as if the reader could act for them.
TELL_WORDS = {"fr": "Dis-lui", "en": "Tell them"}
NOT_TELL = {"fr": re.compile(r"\btu peux (faire|demander)|\b(remplis|va) |\bton accord\b", re.I),
            "en": re.compile(r"\byou can (apply|ask)|\b(fill in|go to) |\byour agreement\b", re.I)}


def own_blocks(flow, oid):
    out = flow["outcomes"][oid]
    return [bid for part in C.OWN_PARTS for bid in out.get(part) or []]


def test_every_path_obeys_the_rules(flow):
    all_paths = C.paths(flow)
    assert len(all_paths) >= 25
    for trail, oid in all_paths:
        got = set(C.remedies(flow, oid))
        theirs = set(C.their_remedies(flow, oid))
        a = answers(trail)
        age = a.get("q_age")  # the reader's own age
        where = f"{trail} -> {oid}"
        assert "helplines" in got, where
        if age == "c_under14":
            assert "order_parent" in got and "order_self" not in got, where
        if age in ("c_under14", "c_14_17"):
            assert {"takeitdown", "cybertip"} <= got and "stopncii" not in got, where
        if age == "c_18plus":
            assert "stopncii" in got, where
            assert not got & {"takeitdown", "cybertip"}, where
        if a.get("q_who") == "c_me":
            assert {"order_self", "takeitdown", "cybertip"} <= got, where
        if a.get("q_who") == "c_trusted" or a.get("q_who_adult") == "c_trusted":
            assert "order_helper" in got and "order_self" not in got, where
        if age:  # the reader is the person in the image: nothing to pass on
            assert not theirs, where
        consent = a.get("q_consent") or a.get("q_consent_adult")
        if consent == "c_no_consent":
            assert "no_order_by_helper" in got, where
            assert not got & ORDERS, where
        if consent == "c_consent":
            assert "order_helper" in got, where
        if got & ORDERS:
            assert {"form", "courthouse", "prepare"} <= got, where
        if a.get("q_what") == "c_saw":
            assert {"dont_forward", "delete", "platform"} <= got, where
            assert not got & ORDERS, where
            if a["q_saw_age"] in ("c_under14", "c_14_17", "c_unknown"):
                assert "cybertip" in got, where
        # Someone else's image (bystander or helper): the result names that person's own
        # remedies for their age, or every age's when the reader doesn't know it or wasn't asked.
        # Only out_not_covered (not an intimate image: no order) has nothing to pass on.
        if a["q_what"] in ("c_saw", "c_helping") and oid != "out_not_covered":
            assert "stopncii" not in got, where  # only the person in the image can use it
            their_age = a.get("q_saw_age") or a.get("q_other_age")
            if their_age in THEIR_OWN:
                needed, never = THEIR_OWN[their_age]
                assert needed <= theirs and not theirs & never, where
            else:
                for needed, _ in THEIR_OWN.values():
                    assert needed <= theirs, where
            # Without the person's agreement to act on, the reader's own steps never say that
            # they can apply: only "tell them" does. (Under 14, the reader may be the parent or
            # tutor, who is the one to apply.)
            if consent != "c_consent" and a.get("q_other_age") != "c_under14":
                for bid in own_blocks(flow, oid):
                    for lang in LANGS:
                        text = C.plain(flow, FACTS, flow["blocks"][bid][lang], lang)
                        assert not NOT_TELL[lang].search(text), (where, bid, lang)
        intimate = a.get("q_intimate") or a.get("q_other_intimate")
        if intimate == "c_unsure":
            assert {"explain", "order_maybe"} <= got and "form" in got | theirs, where
    # The three "it's about me" answers each reach every order outcome.
    for what in ("c_shared", "c_threat", "c_afraid"):
        reached = {o for trail, o in all_paths if answers(trail)["q_what"] == what}
        assert {"out_order_self_minor", "out_order_parent", "out_order_self_adult",
                "out_not_sure"} <= reached


def test_each_age_is_told_by_one_block_everywhere(flow):
    """No text typed twice: every result for an age passes on the same block; a result that
    doesn't know the age passes on all of them."""
    by_age, unknown = {}, []
    for trail, oid in C.paths(flow):
        a = answers(trail)
        if a["q_what"] not in ("c_saw", "c_helping") or oid == "out_not_covered":
            continue
        tell = tuple(flow["outcomes"][oid]["tell"])
        age = a.get("q_saw_age") or a.get("q_other_age")
        (by_age.setdefault(age, set()).add(tell) if age in THEIR_OWN else unknown.append(tell))
    assert set(by_age) == set(THEIR_OWN)
    assert all(len(tells) == 1 and len(next(iter(tells))) == 1 for tells in by_age.values())
    one_each = {next(iter(tells))[0] for tells in by_age.values()}
    assert len(one_each) == len(THEIR_OWN)
    assert len(unknown) >= 2  # the bystander's "I don't know", the helper's "I'm not sure"
    assert all(set(tell) == one_each for tell in unknown), unknown


def test_what_to_pass_on_is_worded_for_passing_on(flow):
    """Every block of a "tell" part says "Tell them"; none reads as the reader's own step."""
    told = {bid for out in flow["outcomes"].values() for bid in out.get("tell") or []}
    assert len(told) >= 3
    for bid in told:
        for lang in LANGS:
            text = C.plain(flow, FACTS, flow["blocks"][bid][lang], lang)
            assert TELL_WORDS[lang] in text, (bid, lang, text)
            assert not NOT_TELL[lang].search(text), (bid, lang, text)


def test_every_outcome_text_carries_its_facts(flow):
    """Take It Down, StopNCII, Cybertip and the form appear as links where the rules promise."""
    for lang in LANGS:
        html = C.render_checker(flow, FACTS, lang)
        for oid in flow["outcomes"]:
            part = html.split(f'data-outcome="{oid}"')[1].split("</section>")[0]
            got = set(C.remedies(flow, oid)) | set(C.their_remedies(flow, oid))
            for tag, url in (("takeitdown", "takeitdown.ncmec.org"), ("stopncii", "stopncii.org"),
                             ("form", F.href(FACTS, "form.url", lang, "link"))):
                assert (url in part) == (tag in got), (lang, oid, tag)
            assert "{{" not in part, (lang, oid)
            assert 'data-checker-legal' in part and 'data-checker-restart-link' in part
            assert 'href="tel:' in part, (lang, oid)


def test_the_golden_file_is_up_to_date():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "checker_paths.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout
    golden = (ROOT / "tests" / "golden" / "checker_paths.txt").read_text(encoding="utf-8")
    flow = C.load(FLOW, FACTS)
    assert golden.count(" -> ") == len(C.paths(flow))
    assert golden.count("\n  fr: ") == golden.count("\n  en: ") == len(C.paths(flow))


# --- the built pages ----------------------------------------------------------------------------

class Nodes(HTMLParser):
    """Collects the checker's markup contract from a built page."""

    def __init__(self):
        super().__init__()
        self.ids, self.questions, self.outcomes, self.scripts = set(), {}, {}, []
        self.current = None
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        if tag == "section" and ("data-question" in a or "data-outcome" in a):
            self.current = a.get("data-question") or a.get("data-outcome")
            (self.questions if "data-question" in a else self.outcomes)[self.current] = []
            assert a["id"] == self.current
        if tag == "a" and "data-choice" in a:
            assert self.current in self.questions, "a choice outside a question"
            self.questions[self.current].append((a["data-choice"], a["href"]))

    def handle_endtag(self, tag):
        if tag == "section":
            self.current = None


def text_of(markup):
    """Text without tags, entities or typographic apostrophes and spaces, for comparing."""
    text = unescape(re.sub(r"<[^>]+>", "", markup))
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace(F.NBSP, " "))


def parse(site_dir, name, lang):
    p = Nodes()
    p.feed((site_dir / built_path(name, lang)).read_text(encoding="utf-8"))
    return p


def test_the_page_follows_the_markup_contract(site_dir, flow):
    shapes = {}
    for lang in LANGS:
        p = parse(site_dir, "verificateur", lang)
        assert set(p.questions) == set(flow["questions"])
        assert set(p.outcomes) == set(flow["outcomes"])
        for qid, choices in p.questions.items():
            assert [c for c, _ in choices] == [c["id"] for c in flow["questions"][qid]["choices"]]
            for _, href in choices:  # without JS each choice is a link to a node of the page
                assert href.startswith("#") and href[1:] in p.ids and (
                    href[1:] in flow["questions"] or href[1:] in flow["outcomes"])
        shapes[lang] = (p.questions, sorted(p.outcomes))
        assert [s for s in p.scripts if "checker.min.js" in s], "checker.js missing"
        html = (site_dir / built_path("verificateur", lang)).read_text(encoding="utf-8")
        assert html.count("data-checker-privacy") == 1
        assert "{{" not in html
    assert shapes["fr"] == shapes["en"], "the two languages differ in ids or links"


def test_checker_script_loads_on_the_checker_page_only(site_dir):
    for name in page_pairs():
        for lang in LANGS:
            scripts = parse(site_dir, name, lang).scripts
            has = any("checker.min.js" in s for s in scripts)
            assert has == (name == "verificateur"), (name, lang)


def test_outcome_links_to_other_pages_resolve(site_dir):
    for lang in LANGS:
        page = site_dir / built_path("verificateur", lang)
        html = page.read_text(encoding="utf-8")
        area = html[html.index("data-checker"):]
        for href in set(re.findall(r'href="(\.\./[^"#]*)"', area)):
            target = (page.parent / href).resolve()
            assert (target / "index.html").exists() or target.exists(), (lang, href)


def test_the_diagram_shows_every_node_without_a_script(site_dir, flow):
    for lang in LANGS:
        p = parse(site_dir, "educateurs/schema", lang)
        html = (site_dir / built_path("educateurs/schema", lang)).read_text(encoding="utf-8")
        for nid in list(flow["questions"]) + list(flow["outcomes"]):
            assert f"flow-{nid}" in p.ids, (lang, nid)
        for qid, q in flow["questions"].items():
            for c in q["choices"]:
                assert c["id"] in html
        # What each bystander or helper result says to pass on to the person, by name.
        for oid in flow["outcomes"]:
            box = html.split(f'data-flow-outcome="{oid}"')[1].split("</div>")[0]
            theirs = C.their_remedies(flow, oid)
            assert ("data-flow-tell" in box) == bool(theirs), (lang, oid)
            said = text_of(box.split("data-flow-tell", 1)[-1])
            for tag in theirs:
                assert text_of(flow["remedies"][tag][lang]) in said, (lang, oid, tag)
        assert "mermaid" not in html.lower()
        assert not [s for s in p.scripts if "checker" in s or "mermaid" in s]
