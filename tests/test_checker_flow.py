"""The checker's flow file (data/checker.yml): validation, every path's rules, golden file, build."""
import copy
import json
import re
import shutil
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from support import LANGS, ROOT, build, built_path, checker_results, page_pairs

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
        "actions": {"a_call": {"remedy": ["helplines"], "tel": "help.khp.phone",
                               "fr": "Appeler", "en": "Call"}},
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
                        "actions": ["a_call"], "steps": ["s_form"], "call": ["h_help"]},
            "out_two": {"title": t("Deux", "Two"), "summary": t("Résumé", "Summary"),
                        "actions": ["a_call"], "steps": ["s_form"]},
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
    elif kind == "outcome without actions":
        del data["outcomes"]["out_two"]["actions"]
    elif kind == "unknown action":
        data["outcomes"]["out_two"]["actions"] = ["a_nowhere"]
    elif kind == "action without a fact":
        del data["actions"]["a_call"]["tel"]
    elif kind == "action to the wrong kind of fact":
        data["actions"]["a_call"]["tel"] = "form.url"
    elif kind == "action offering a remedy it doesn't link":
        data["actions"]["a_call"]["remedy"] = ["form"]
    elif kind == "unknown part":
        data["outcomes"]["out_two"]["more"] = ["h_help"]
    return data


@pytest.mark.parametrize("kind, key, words", [
    ("unknown node", "questions.q_a.choices[0].next", "q_nowhere"),
    ("unreachable node", "questions.q_lost", "cannot be reached"),
    ("no next node", "questions.q_a.choices[1].next", "missing"),
    ("cycle", "questions.q_a", "cycle"),
    ("missing translation", "questions.q_a.title.en", "missing"),
    ("missing choice translation", "questions.q_a.choices[0].fr", "missing"),
    ("outcome without text", "outcomes.out_two.title", "missing"),
    ("outcome without steps", "outcomes.out_two.steps", "missing"),
    ("unknown block", "outcomes.out_two.steps[0]", "s_missing"),
    ("unknown fact", "blocks.h_help.en", "help.nobody.phone"),
    ("remedy without its fact", "blocks.s_form.remedy[0]", "form.url"),
    ("step used as a tell block", "outcomes.out_one.tell[0]", "'t_' blocks are worded to pass on"),
    ("tell block used as a step", "outcomes.out_one.steps[0]", "'t_' blocks are worded to pass on"),
    ("outcome without actions", "outcomes.out_two.actions", "missing"),
    ("unknown action", "outcomes.out_two.actions[0]", "a_nowhere"),
    ("action without a fact", "actions.a_call", "exactly one of 'href'"),
    ("action to the wrong kind of fact", "actions.a_call.tel", "needs a phone fact"),
    ("action offering a remedy it doesn't link", "actions.a_call.remedy[0]", "offers 'form'"),
    ("unknown part", "outcomes.out_two.more", "unknown key 'more'"),
])
def test_a_broken_flow_is_refused_naming_file_line_and_key(tmp_path, kind, key, words):
    path = load_broken(tmp_path, _break(kind))
    with pytest.raises(C.CheckerError) as err:
        C.load(path, FACTS)
    first = str(err.value).splitlines()[0]
    assert re.match(rf"{re.escape(str(path))}:\d+ {re.escape(key)}: ", first), first
    assert words in first, first


def test_a_broken_flow_stops_the_build(tmp_path):
    """The build (sitebuild/data.py, loaded by the MkDocs hook) turns a flow error into a failed
    strict build that names the file, the line and the key."""
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
    assert re.search(r"data/checker\.yml:\d+ questions\.q_age\.choices\[0\]\.next: next node "
                     r"'out_gone' is unknown", out), out


# --- every path, and what it must reach ---------------------------------------------------------

ADULT = F.value_of(F.get(FACTS, "age.adult"), "fr")
APPLY_ALONE = F.value_of(F.get(FACTS, "age.apply_alone"), "fr")
ORDERS = {"order_self", "order_helper", "order_parent"}
SELF = ("c_shared", "c_threat", "c_afraid")
# Words that tell the reader they can apply: only for someone who may (never a helper who might
# be under 18, never without the person's agreement). A "tell" block speaks to the reader about
# the person, never as if the reader could act for them.
TELL_WORDS = {"fr": "Dis-lui", "en": "Tell them"}
NOT_TELL = {"fr": re.compile(r"\btu peux (faire|demander)|\b(remplis|va) |\bfais la demande|\bton accord\b", re.I),
            "en": re.compile(r"\byou can (apply|ask)|\b(fill in|go to) |\bapply with\b|\byour agreement\b", re.I)}
# Take It Down named with "taken before 18", in both orders of the sentence.
BEFORE_18 = {"fr": rf"avant (l'âge de |tes |ses |les )?{ADULT} ans", "en": rf"before (you were |they were |age )?{ADULT}"}
DONT_PAY = {"fr": re.compile(r"^Ne paie pas"), "en": re.compile(r"^Don't pay")}
NOT_YOUR_FAULT = {"fr": "rien fait de mal", "en": "did nothing wrong"}
YOUR_CHILD = {"fr": re.compile(r"\bton enfant\b", re.I), "en": re.compile(r"\byour child\b", re.I)}
# Hedging the person's age after the reader said they are a minor ("may be under 18"). The
# offence itself stays "can be": not every image Quebec's law calls intimate is child pornography
# under s. 163.1, and the fact crime.child_possession says "can".
AGE_HEDGES = {"fr": re.compile(r"peut-être|pourrait avoir|semble avoir|si la personne", re.I),
              "en": re.compile(r"\bmay be under\b|\bmight be under\b|\bseems? to be\b|\bif the person\b", re.I)}
OFFENCE = {"fr": "infraction", "en": "offence"}


def answers(trail):
    return dict(trail)


class Path_:
    """One path: who the reader is and what they answered, with the result's texts."""

    def __init__(self, flow, trail, oid):
        a = answers(trail)
        self.flow, self.trail, self.oid, self.a = flow, trail, oid, a
        self.out = flow["outcomes"][oid]
        self.got = set(C.remedies(flow, oid))
        self.theirs = set(C.their_remedies(flow, oid))
        self.what = a["q_what"]
        self.reader_age = a.get("q_age") or a.get("q_threat_age") or a.get("q_afraid_age")
        self.their_age = a.get("q_saw_age") or a.get("q_other_age")
        self.helper = a.get("q_helper_child") or a.get("q_helper_minor") or a.get("q_helper_adult")
        self.consent = a.get("q_consent") or a.get("q_consent_adult") or a.get("q_parent_consent")
        self.actions = self.out["actions"]
        self.where = f"{trail} -> {oid}"

    def text(self, lang, parts):
        """The plain text of the title, summary, action labels and the given parts."""
        pieces = [self.out["title"][lang], self.out["summary"][lang]]
        pieces += [self.flow["actions"][aid][lang] for aid in self.actions]
        pieces += [self.flow["blocks"][b][lang] for part in parts for b in self.out.get(part) or []]
        return [C.plain(self.flow, FACTS, p, lang) for p in pieces]

    def visible(self, lang):
        """What shows before the reader opens anything: title, summary, buttons, steps."""
        return " ".join(self.text(lang, ("steps",)))

    def everything(self, lang):
        return " ".join(self.text(lang, C.PARTS))

    def own_blocks(self):
        return [b for part in C.OWN_PARTS for b in self.out.get(part) or []]

    def applies(self):
        """May the reader apply (or help apply) as the result's first button suggests?"""
        if self.what in ("c_shared", "c_threat"):
            return self.reader_age in ("c_14_17", "c_18plus") or (
                self.what == "c_shared" and self.a.get("q_intimate") == "c_unsure")
        if self.what == "c_helping" and self.helper == "c_parent":
            return self.their_age == "c_under14" or self.consent == "c_consent"
        if self.what == "c_helping" and self.helper == "c_adult_helper":
            return self.consent == "c_consent"
        return False


@pytest.fixture(scope="module")
def all_paths(flow):
    return [Path_(flow, trail, oid) for trail, oid in C.paths(flow)]


def test_the_flow_covers_what_the_issues_ask(flow, all_paths):
    what = {c["id"] for c in flow["questions"]["q_what"]["choices"]}
    assert what == {"c_shared", "c_threat", "c_afraid", "c_saw", "c_helping"}
    assert {c["id"] for c in flow["questions"]["q_intimate"]["choices"]} >= {"c_intimate", "c_unsure"}
    assert [c["id"] for c in flow["questions"]["q_age"]["choices"]] == ["c_under14", "c_14_17", "c_18plus"]
    assert {c["id"] for c in flow["questions"]["q_who"]["choices"]} == {"c_me", "c_trusted"}
    # Ids other pages link to.
    assert {"q_what", "q_saw_age", "q_other_intimate"} <= set(flow["questions"])
    assert flow["start"] == "q_what"
    # Shared, threatened and "I'm afraid" each reach results of their own.
    reached = {w: {p.oid for p in all_paths if p.what == w} for w in SELF}
    assert {"out_order_self_minor", "out_order_parent", "out_order_self_adult", "out_not_sure"} <= reached["c_shared"]
    assert {"out_threat_child", "out_threat_minor", "out_threat_adult"} <= reached["c_threat"]
    assert {"out_afraid_child", "out_afraid_minor", "out_afraid_adult"} <= reached["c_afraid"]
    assert not (reached["c_threat"] | reached["c_afraid"]) & reached["c_shared"] - {"out_not_covered"}
    assert not reached["c_threat"] & reached["c_afraid"] - {"out_not_covered"}


def test_every_result_starts_with_buttons_to_act(all_paths):
    """Issue 16: a call or text button on every result; "apply" only where the reader may apply,
    first, except after a threat, where reporting comes first."""
    for p in all_paths:
        kinds = [k for aid in p.actions for k in C.ACTION_KINDS if k in p.flow["actions"][aid]]
        assert "tel" in kinds or "sms" in kinds, p.where
        assert "helplines" in p.got, p.where
        assert ("a_apply" in p.actions) == p.applies(), p.where
        if "a_apply" in p.actions and p.what != "c_threat":
            assert p.actions[0] == "a_apply", p.where
        if p.what == "c_threat" and "a_apply" in p.actions:
            report = [i for i, aid in enumerate(p.actions)
                      if {"cybertip", "cafc"} & set(p.flow["actions"][aid]["remedy"])]
            assert report and report[0] < p.actions.index("a_apply"), p.where


def test_the_reader_s_own_age_decides_who_applies_and_which_tool(all_paths):
    for p in all_paths:
        if p.what not in SELF or not p.reader_age:
            continue
        if p.reader_age == "c_under14":
            assert "order_parent" in p.got and "order_self" not in p.got, p.where
        if p.reader_age in ("c_under14", "c_14_17"):
            assert "takeitdown" in p.got and "stopncii" not in p.got, p.where
            if p.what != "c_afraid":
                assert "cybertip" in p.got, p.where
        if p.a.get("q_who") == "c_me":
            assert {"order_self", "takeitdown", "cybertip"} <= p.got, p.where
        if p.a.get("q_who") == "c_trusted" or p.a.get("q_who_adult") == "c_trusted":
            assert "order_helper" in p.got and "order_self" not in p.got, p.where
        assert not p.theirs, p.where  # the reader is the person in the image: nothing to pass on
        if p.got & ORDERS - {"order_parent"} and p.what != "c_afraid":
            assert {"form", "courthouse"} <= p.got, p.where


def test_every_adult_result_names_take_it_down_for_images_taken_before_18(all_paths):
    """Issue 15 item 3: StopNCII is for images taken at 18 or older; an adult whose image was
    taken before 18 uses Take It Down. Every result for an adult says so, in the same sentence."""
    checked = 0
    for p in all_paths:
        adult = (p.what in SELF and p.reader_age == "c_18plus") or p.their_age == "c_18plus"
        if not adult:
            continue
        tags = p.got | p.theirs
        assert {"stopncii", "takeitdown"} <= tags, p.where
        if p.what in SELF:
            assert "cybertip" not in p.got, p.where
        for lang in LANGS:
            sentences = re.split(r"(?<=[.;])\s", p.everything(lang))
            said = [s for s in sentences if "Take It Down" in s and re.search(BEFORE_18[lang], s)]
            assert said, (p.where, lang)
        checked += 1
    assert checked >= 8


def test_a_threat_result_starts_with_safety_then_says_where_to_report(all_paths):
    """Issue 16 item 2 and issue 15 item 7."""
    seen = 0
    for p in all_paths:
        if p.what != "c_threat" or p.oid == "out_not_covered":
            continue
        seen += 1
        first = p.flow["blocks"][p.out["steps"][0]]
        assert "threat_safety" in first["remedy"], p.where
        for lang in LANGS:
            assert DONT_PAY[lang].search(C.plain(p.flow, FACTS, p.out["title"][lang], lang)), p.where
        assert {"police", "platform"} <= p.got, p.where
        if p.reader_age == "c_18plus":
            assert "cafc" in p.got and "cybertip" not in p.got, p.where
        else:
            assert "cybertip" in p.got and "cafc" not in p.got, p.where
        assert "explain" in p.got, p.where   # "not sure what it shows" comes here too
    assert seen >= 6


def test_someone_has_an_image_and_i_m_afraid_gets_its_own_honest_result(all_paths):
    """Issue 15 item 11: no order yet (nothing shared or threatened), but asking them to delete
    it and withdrawing consent; the order if they threaten or share."""
    seen = 0
    for p in all_paths:
        if p.what != "c_afraid" or p.oid == "out_not_covered":
            continue
        seen += 1
        assert {"ask_delete", "withdraw_consent", "order_later"} <= p.got, p.where
        assert not p.got & {"order_self", "order_helper"}, p.where
        assert "a_apply" not in p.actions, p.where
    assert seen >= 6


def test_a_bystander_is_told_plainly_why_to_delete_and_that_it_isn_t_their_fault(all_paths, flow):
    """Issue 15 item 6: keeping or opening an intimate image of someone under 18 can itself be an
    offence, said plainly (no "may be under 18") when the reader said the person is a minor."""
    section = {lang: F.text(FACTS, "crime.possession_section", lang) for lang in LANGS}
    seen = 0
    for p in all_paths:
        if p.what != "c_saw":
            continue
        seen += 1
        assert {"dont_forward", "delete", "platform"} <= p.got and not p.got & ORDERS, p.where
        assert "stopncii" not in p.got, p.where  # only the person in the image can use it
        for lang in LANGS:
            assert NOT_YOUR_FAULT[lang] in p.visible(lang), (p.where, lang)
        if p.their_age == "c_18plus":
            assert "possession" not in p.got, p.where
            continue
        assert "possession" in p.got and "cybertip" in p.got, p.where
        for lang in LANGS:
            said = [C.plain(flow, FACTS, flow["blocks"][b][lang], lang) for b in p.out["steps"]
                    if "possession" in flow["blocks"][b]["remedy"]]
            assert said and section[lang].replace(F.NBSP, " ") in said[0], (p.where, lang)
            sentence = next(s for s in re.split(r"(?<=[.:])\s", said[0]) if "(" in s and section[lang].split()[0] in s)
            if p.their_age in ("c_under14", "c_14_17"):
                assert OFFENCE[lang] in sentence, (p.where, lang, sentence)
                assert not AGE_HEDGES[lang].search(sentence), (p.where, lang, sentence)
                assert not re.search(r"^Si |^If ", sentence), (p.where, lang, sentence)
    assert seen == 4


# What the person in the image can do themself, by their age (what a bystander or helper passes
# on), and what they can't: under 14 a parent or tutor applies; StopNCII only for images taken at
# 18 or older, Take It Down for images taken before.
THEIR_OWN = {
    "c_under14": ({"order_parent", "form", "courthouse", "takeitdown", "cybertip"},
                  {"order_self", "stopncii"}),
    "c_14_17": ({"order_self", "form", "courthouse", "takeitdown", "cybertip"},
                {"order_parent", "stopncii"}),
    "c_18plus": ({"order_self", "form", "courthouse", "stopncii", "takeitdown"},
                 {"order_parent", "cybertip"}),
}


def test_no_helper_who_might_be_a_minor_is_told_they_can_apply(all_paths, flow):
    """Issue 15 item 10: the helper path asks whether the helper is an adult; a friend under 18,
    or a helper whose age the flow doesn't know, is never told they can apply."""
    seen = 0
    for p in all_paths:
        if p.what != "c_helping":
            continue
        seen += 1
        might_be_minor = p.helper in (None, "c_young_helper")
        without_agreement = p.consent == "c_no_consent"
        if might_be_minor or without_agreement:
            assert not p.got & ORDERS, p.where
            assert "a_apply" not in p.actions, p.where
            for bid in p.own_blocks():
                for lang in LANGS:
                    text = C.plain(flow, FACTS, flow["blocks"][bid][lang], lang)
                    assert not NOT_TELL[lang].search(text), (p.where, bid, lang, text)
        if p.helper == "c_young_helper":
            assert "talk_adult" in p.got, p.where
        if p.helper == "c_adult_helper":
            if p.their_age == "c_under14":
                assert "order_parent" in p.got and "a_apply" not in p.actions, p.where
            elif p.consent == "c_consent":
                assert "order_helper" in p.got, p.where
            else:
                assert "no_order_by_helper" in p.got, p.where
        if p.oid == "out_not_covered":
            continue
        assert "stopncii" not in p.got, p.where   # only the person in the image can use it
        if p.helper == "c_parent" and p.their_age == "c_under14":
            assert not p.theirs, p.where   # the parent is the one who applies: nothing to pass on
            continue
        if p.their_age in THEIR_OWN:
            needed, never = THEIR_OWN[p.their_age]
            assert needed <= p.theirs and not p.theirs & never, p.where
        else:
            for needed, _ in THEIR_OWN.values():
                assert needed <= p.theirs, p.where
    assert seen >= 12


def test_a_parent_s_result_speaks_to_the_parent(all_paths):
    """Issue 16 item 7 and issue 15 item 10: "your child", the parents' line (no hours stated),
    and the honest answer when a 14-to-17-year-old doesn't agree."""
    seen = 0
    for p in all_paths:
        if p.helper != "c_parent":
            continue
        seen += 1
        assert "parents_line" in p.got, p.where
        assert any("parents_line" in p.flow["actions"][a]["remedy"] for a in p.actions), p.where
        for lang in LANGS:
            top = " ".join(p.text(lang, ())[:2])
            assert YOUR_CHILD[lang].search(top), (p.where, lang, top)
        if p.their_age == "c_under14":
            assert "order_parent" in p.got, p.where
        elif p.consent == "c_consent":
            assert "order_helper" in p.got, p.where
        else:
            assert {"order_unclear", "legal_help"} <= p.got and not p.got & ORDERS, p.where
    assert seen == 3


def test_likely_facts_are_attributed_once_where_the_reader_looks_first(all_paths):
    """Issue 16 item 1: who may apply (a likely fact) is attributed once per result, not in every
    sentence; issue 15 item 12: the pseudonym and platform claim is the law firms' and press's."""
    for p in all_paths:
        for lang in LANGS:
            visible = p.visible(lang)
            assert visible.count("Éducaloi") <= 1, (p.where, lang)
            if re.search(rf"\b{APPLY_ALONE}\b", visible):
                assert visible.count("Éducaloi") == 1, (p.where, lang)
    # What the order can do: the sentence about nicknames and platforms names its own sources
    # (a magazine and the government, not Éducaloi).
    reach = {lang: F.attribution(FACTS, "order.reach", lang) for lang in LANGS}
    assert "Éducaloi" not in reach["fr"]
    claims = [b for b in all_paths[0].flow["blocks"].values() if "order_info" in b["remedy"]]
    assert claims
    for block in claims:
        for lang in LANGS:
            said = [s for s in re.split(r"(?<=\.)\s", C.plain(all_paths[0].flow, FACTS, block[lang], lang))
                    if re.search(r"pseudo|fake name", s, re.I)]
            assert said, (lang, block[lang])
            for sentence in said:
                assert "Éducaloi" not in sentence and reach[lang] in sentence, (lang, sentence)


def test_what_school_staff_may_have_to_do_is_there_for_every_minor_and_their_helpers(all_paths):
    """Issue 15 item 8: where a young reader is told to act alone or to talk to an adult, and for
    an adult helping a minor, the result says what staff may have to tell the DPJ, and why."""
    seen = 0
    for p in all_paths:
        minor_self = p.what in SELF and p.reader_age in ("c_under14", "c_14_17")
        helps_minor = p.what == "c_helping" and p.their_age in ("c_under14", "c_14_17") \
            and p.helper in ("c_adult_helper", "c_young_helper")
        if minor_self or helps_minor:
            seen += 1
            assert "dpj" in p.got, p.where
        for lang in LANGS:
            if re.search(r"sans (le dire à )?tes parents|without (telling )?your parents", p.everything(lang)):
                assert "dpj" in p.got, (p.where, lang)
    assert seen >= 12


def test_juripop_is_a_message_line_and_texto_is_french(flow):
    """Issue 15 items 4 and 13."""
    for lang in LANGS:
        html = C.render_checker(flow, FACTS, lang)
        assert ("TEXTO" in html) == (lang == "fr") and ("CONNECT" in html) == (lang == "en")
    juripop = F.href(FACTS, "help.juripop.phone", "fr", "tel")
    for bid, block in list(flow["blocks"].items()) + list(flow["actions"].items()):
        for lang in LANGS:
            if "help.juripop.phone" in block[lang]:
                assert re.search(r"message|boîte vocale|voicemail", block[lang]), (bid, lang)
    assert not [a for a in flow["actions"].values() if a.get("tel") == "help.juripop.phone"], juripop
    for bid in ("h_ligneparents",):
        for lang in LANGS:
            text = C.plain(flow, FACTS, flow["blocks"][bid][lang], lang)
            number = F.text(FACTS, "help.ligneparents.phone", lang).replace(F.NBSP, " ")
            assert number in text and not re.search(r"\d|heure|hour", text.replace(number, "")), lang


def test_each_age_is_told_by_one_block_everywhere(flow, all_paths):
    """No text typed twice: every result for an age passes on the same block; a result that
    doesn't know the age passes on all of them."""
    by_age, unknown = {}, []
    for p in all_paths:
        if p.what not in ("c_saw", "c_helping") or p.oid in ("out_not_covered", "out_parent_child"):
            continue
        tell = tuple(p.out["tell"])
        (by_age.setdefault(p.their_age, set()).add(tell) if p.their_age in THEIR_OWN
         else unknown.append(tell))
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
    """Take It Down, StopNCII and the form appear as links where the rules promise."""
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
        self.anchors, self.headings = {}, {}
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
            self.anchors[self.current] = a["id"]
        if tag == "h2" and self.current in self.questions:
            self.headings[self.current] = a.get("id")
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
    """The page's checker markup. The checker page holds its questions; its results come with
    JavaScript from checker-results.js beside it (issue 25), read here as checker.js puts them
    back, at the end of the checker."""
    p = Nodes()
    path = site_dir / built_path(name, lang)
    p.feed(path.read_text(encoding="utf-8") + checker_results(path))
    return p


def test_the_page_follows_the_markup_contract(site_dir, flow):
    shapes = {}
    for lang in LANGS:
        p = parse(site_dir, "verificateur", lang)
        assert set(p.questions) == set(flow["questions"])
        assert set(p.outcomes) == set(flow["outcomes"])
        # Each node's anchor is a number (#n12): without JS it goes into the address and the
        # history, where it must not name the answer. A question's heading keeps its id, for links
        # from other pages; no id on the page names a result.
        assert p.anchors == C.anchors(flow)
        assert all(re.fullmatch(r"n\d+", a) for a in p.anchors.values())
        assert p.headings == {q: q for q in flow["questions"]}
        assert not [i for i in p.ids if any(oid in i for oid in flow["outcomes"])]
        for qid, choices in p.questions.items():
            assert [c for c, _ in choices] == [c["id"] for c in flow["questions"][qid]["choices"]]
            for (_, href), c in zip(choices, flow["questions"][qid]["choices"]):
                # without JS each choice is a link to the next question's anchor, or to the
                # result's anchor in the results' page, the same page for all (issue 25)
                if c["next"] in flow["questions"]:
                    assert href == "#" + p.anchors[c["next"]] and href[1:] in p.ids
                else:
                    assert href == "results.html#" + p.anchors[c["next"]], (qid, href)
                    page = site_dir / built_path("verificateur", lang)
                    results = (page.parent / "results.html").read_text(encoding="utf-8")
                    assert f'id="{p.anchors[c["next"]]}"' in results, href
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


# --- issue 21: the law as it stands, and what a parent, a helper and a teen still missed --------

DUTY = {lang: F.text(FACTS, "dpj.everyone_sexual_abuse", lang).replace(F.NBSP, " ") for lang in LANGS}
MINOR_AGES = ("c_under14", "c_14_17")


def _adult_learns_a_minor_may_be_abused(p):
    """An adult helping a young person (their parent or another adult, or a helper whose age the
    flow doesn't ask, about a person whose age it doesn't ask), or a bystander of an image of
    someone who is, or may be, under 18."""
    if p.what == "c_helping":
        return p.helper != "c_young_helper" and p.their_age in MINOR_AGES + (None,) \
            and p.oid != "out_not_covered"
    return p.what == "c_saw" and p.their_age != "c_18plus"


def test_every_adult_who_learns_a_minor_may_be_abused_is_told_anyone_must_tell_the_dpj(all_paths):
    seen = 0
    for p in all_paths:
        if not _adult_learns_a_minor_may_be_abused(p):
            continue
        seen += 1
        assert "dpj_duty" in p.got, p.where
        for lang in LANGS:
            assert DUTY[lang] in p.everything(lang), (p.where, lang)
            if p.helper == "c_adult_helper":   # another adult: in the steps, not folded away
                assert DUTY[lang] in p.visible(lang), (p.where, lang)
    assert seen >= 8


def test_an_adult_helping_a_child_whose_parent_is_involved_is_sent_to_the_dpj(flow):
    for lang in LANGS:
        text = C.plain(flow, FACTS, flow["blocks"]["s_help_parent_apply"][lang], lang)
        involved = re.search(r"(en cause|involved)[^.]*\.", text)
        assert involved and "DPJ" in involved.group(0), (lang, text)


def test_a_parent_is_told_what_to_ask_the_school(all_paths):
    seen = 0
    for p in all_paths:
        if p.helper != "c_parent":
            continue
        seen += 1
        assert "school_plan" in p.got, p.where
        steps = [p.flow["blocks"][b]["remedy"] for b in p.out["steps"]]
        assert any("school_plan" in r for r in steps), p.where   # in what shows first
    assert seen == 3


PAID = {"fr": re.compile(r"déjà payé"), "en": re.compile(r"already paid", re.I)}


def test_a_threat_result_speaks_to_someone_who_already_paid_right_after_safety(all_paths):
    seen = 0
    for p in all_paths:
        if p.what != "c_threat" or p.oid == "out_not_covered":
            continue
        seen += 1
        paid = [i for i, b in enumerate(p.out["steps"]) if "already_paid" in p.flow["blocks"][b]["remedy"]]
        assert paid == [1], p.where
        for lang in LANGS:
            text = C.plain(p.flow, FACTS, p.flow["blocks"][p.out["steps"][1]][lang], lang)
            assert PAID[lang].search(text) and NOT_YOUR_FAULT_PAID[lang] in text, (p.where, lang)
            assert PAID[lang].search(p.out["summary"][lang]), (p.where, lang)
    assert seen >= 6


NOT_YOUR_FAULT_PAID = {"fr": "pas ta faute", "en": "not your fault"}


def test_a_bystander_reports_before_deleting(all_paths):
    for p in all_paths:
        if p.what != "c_saw":
            continue
        tags = [p.flow["blocks"][b]["remedy"] for b in p.out["steps"]]
        report = next(i for i, r in enumerate(tags) if "platform" in r)
        delete = next(i for i, r in enumerate(tags) if "delete" in r)
        assert report < delete, p.where


def test_a_young_person_afraid_of_a_share_can_report_it(all_paths):
    """Cybertip.ca takes reports when a minor's image has been, or may be, shared."""
    for p in all_paths:
        if p.what == "c_afraid" and p.reader_age in MINOR_AGES:
            assert "cybertip" in p.got, p.where
            for lang in LANGS:
                may = F.text(FACTS, "help.cybertip.may_be_shared", lang).replace(F.NBSP, " ")
                assert may in p.everything(lang), (p.where, lang)


def test_results_about_a_victim_s_recovery_name_crime_victim_compensation(all_paths):
    seen = 0
    for p in all_paths:
        victim = p.what in ("c_shared", "c_threat") and p.oid not in ("out_not_covered",)
        if victim or p.helper == "c_parent":
            seen += 1
            assert "ivac" in p.got, p.where
    assert seen >= 10


def test_a_minor_s_sexual_image_can_be_a_crime_said_the_same_way_everywhere(flow):
    """The fact says "can be": whether an image meets s. 163.1 depends on what it shows."""
    keys = ("crime.child_section", "crime.child_term")
    for bid, block in flow["blocks"].items():
        for lang in LANGS:
            for sentence in re.split(r"(?<=[.:])\s", block[lang]):
                if any(k in sentence for k in keys):
                    assert re.search(r"\bpeut\b|\bpeuvent\b|\bcan\b", sentence), (bid, lang, sentence)


def test_adults_are_told_what_they_may_keep_as_proof(all_paths):
    """The "no screenshot of the image" rule is for images of someone under 18."""
    for p in all_paths:
        if not (p.what in ("c_shared", "c_threat") and p.reader_age == "c_18plus"):
            continue   # (nothing is shared yet in "I'm afraid": there is no image to keep)
        for lang in LANGS:
            proof = [C.plain(p.flow, FACTS, p.flow["blocks"][b][lang], lang) for b in p.out["steps"]
                     if "evidence" in p.flow["blocks"][b]["remedy"]]
            assert proof and re.search(BEFORE_18[lang], proof[0]), (p.where, lang, proof)
            assert f"{ADULT}" in proof[0] and re.search(r"ou plus|or older", proof[0]), (p.where, lang)


def test_no_result_claims_a_rule_no_source_states(all_paths):
    """No source says someone else can *never* apply without the person's agreement."""
    for p in all_paths:
        for lang in LANGS:
            top = " ".join(p.text(lang, ())[:2])
            assert not re.search(r"tu ne peux pas faire la demande|you can't apply|\bonly with\b|"
                                 r"seulement avec", top, re.I), (p.where, lang, top)
