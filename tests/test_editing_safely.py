"""Editing safely (issue 22): editors' mistakes and pasted attacks, one table.

Each case breaks a copy of the project the way a school's editor (or a pasted snippet) would,
then runs `mkdocs build` there, over a `site/` that holds the last good build. Every case must:
- stop the build (exit code not 0), with no Python traceback;
- say what is wrong on ONE line that names the file and the key (or line), or the page;
- leave `site/` exactly as the last good build left it, with nothing half-built beside it.

The cases run two at a time (the machine has two cores) from one good build, copied per case.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from support import ROOT, copy_project

SITE_URL = "http://127.0.0.1:8000/"


# --- editing helpers: each refuses to do nothing, so a case never turns into a no-op -----------

def _replace(project: Path, rel: str, old: str, new: str, *, after: str | None = None) -> int:
    """Replace the first `old` (after the first `after`) in `rel`; return its 1-based line."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return text.count("\n", 0, at) + 1


def _line(project: Path, rel: str, needle: str, *, after: str | None = None) -> int:
    text = (project / rel).read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    return text.count("\n", 0, text.index(needle, start)) + 1


def _append(project: Path, rel: str, text: str) -> int:
    """Add a paragraph at the end of a page; return its line."""
    path = project / rel
    old = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(old + "\n\n" + text + "\n", encoding="utf-8")
    return old.count("\n") + 3


FACTS, FLOW, LOCAL = "data/facts.yml", "data/checker.yml", "data/local.yml"
ADULT = "  age.adult:\n"
CONTACT = ("organisation: École des Exemples\ncontacts:\n  - name: Mme A. Exemple\n"
           "    phone: \"5145550123\"\n")


def _local(project: Path, text: str) -> None:
    (project / LOCAL).write_text(text, encoding="utf-8")


@dataclass
class Case:
    name: str
    what: str                       # the mistake, in words (the report's table)
    edit: Callable[[Path], list[str]]  # breaks the copy; returns what the message line must hold
    env: dict = field(default_factory=dict)


def _facts_duplicate(p):
    block = "  age.adult:\n    type: number\n    value: 21\n    status: sure\n" \
            "    source: [ccq]\n    checked: 2026-12-03\n"
    line = _replace(p, FACTS, "  age.criminal_responsibility:\n",
                    block + "  age.criminal_responsibility:\n")
    return [f"{FACTS}:{line}", "age.adult"]


def _facts_value_yes(p):
    line = _replace(p, FACTS, "value: 18", "value: yes", after=ADULT)
    return [f"{FACTS}:{line}", "age.adult.value", '"yes"']


def _facts_text_list(p):
    line = _replace(p, FACTS, 'fr: "24 heures sur 24, 7 jours sur 7"',
                    'fr: ["jour et nuit", "tous les jours"]', after="  form.hours:\n")
    return [f"{FACTS}:{line}", "form.hours.fr"]


def _facts_bad_date(p):
    line = _replace(p, FACTS, "checked: 2026-12-03", "checked: 2026-02-30", after=ADULT)
    return [f"{FACTS}:{line}", "age.adult.checked", "2026-02-30"]


def _facts_not_utf8(p):
    path = p / FACTS
    raw = path.read_bytes()
    at = raw.index("à contrer".encode(), raw.index(b"  law.name:\n"))
    path.write_bytes(raw[:at] + "à".encode("latin-1") + raw[at + len("à".encode()):])
    line = raw.count(b"\n", 0, at) + 1
    return [f"{FACTS}:{line}", "law.name.fr", "UTF-8"]


def _facts_http(p):
    line = _replace(p, FACTS, "value: https://www.quebec.ca/imagesintimes",
                    "value: http://www.quebec.ca/imagesintimes", after="  form.url:\n")
    return [f"{FACTS}:{line}", "form.url.value", "https"]


def _facts_phone(p):
    line = _replace(p, FACTS, 'value: "18006686868"', 'value: "1-800-668-6868"',
                    after="  help.khp.phone:\n")
    return [f"{FACTS}:{line}", "help.khp.phone.value"]


def _facts_unknown_key(p):
    line = _replace(p, FACTS, "    value: 18\n", "    value: 18\n    vaule: 18\n", after=ADULT) + 1
    return [f"{FACTS}:{line}", "age.adult.vaule"]


def _facts_missing_date(p):
    _replace(p, FACTS, "    checked: 2026-12-03\n", "", after=ADULT)
    return [f"{FACTS}:{_line(p, FACTS, ADULT)}", "age.adult.checked"]


def _facts_sure_secondary(p):
    _replace(p, FACTS, "source: [ccq, criminal_code_163_1]", "source: [educaloi]", after=ADULT)
    return [f"{FACTS}:{_line(p, FACTS, 'status: sure', after=ADULT)}", "age.adult.status",
            "primary"]


def _facts_unknown_source(p):
    line = _replace(p, FACTS, "source: [ccq, criminal_code_163_1]", "source: [ccq, wikipedia]",
                    after=ADULT)
    return [f"{FACTS}:{line}", "age.adult.source", "wikipedia"]


def _facts_yaml_syntax(p):
    line = _replace(p, FACTS, "    value: 18\n", "    value: 18\n   status: sure\n", after=ADULT) + 1
    return [f"{FACTS}:{line}"]


def _facts_html(p):
    line = _replace(p, FACTS, 'fr: "24 heures sur 24, 7 jours sur 7"',
                    'fr: "<b>24 heures sur 24</b>, 7 jours sur 7"', after="  form.hours:\n")
    return [f"{FACTS}:{line}", "form.hours.fr", "HTML"]


def _facts_type(p):
    line = _replace(p, FACTS, "type: number", "type: nombre", after=ADULT)
    return [f"{FACTS}:{line}", "age.adult.type", "nombre"]


def _facts_quote_html(p):
    line = _replace(p, FACTS, 'fr: "L’âge de la majorité est fixé à 18 ans."',
                    'fr: "L’âge de la majorité est fixé à <b>18 ans</b>."', after=ADULT)
    return [f"{FACTS}:{line}", "age.adult.quotes.ccq.fr", "HTML"]


def _facts_source_unquoted(p):
    _replace(p, FACTS, "source: [ccq, criminal_code_163_1]",
             "source: [ccq, criminal_code_163_1, criminal_code_13]", after=ADULT)
    return [f"{FACTS}:{_line(p, FACTS, '    quotes:', after=ADULT)}", "age.adult.quotes",
            "no quote for source 'criminal_code_13'"]


def _flow_duplicate(p):
    text = (p / FLOW).read_text(encoding="utf-8")
    start = text.index("  out_order_self_minor:\n")
    end = text.index("\n\n", start) + 2
    copy = text[start:end].replace("tu peux demander toi-même", "tu ne peux pas demander")
    line = _replace(p, FLOW, "\n# How the educators' diagram", "\n" + copy.rstrip("\n") +
                    "\n\n# How the educators' diagram") + 1
    return [f"{FLOW}:{line}", "out_order_self_minor"]


def _flow_script(p):
    line = _replace(p, FLOW, "fr: \"Qu'est-ce qui se passe ?\"",
                    "fr: \"Qu'est-ce qui se passe ?<script>alert(1)</script>\"",
                    after="  q_what:\n")
    return [f"{FLOW}:{line}", "questions.q_what.title.fr", "HTML"]


def _flow_unknown_next(p):
    line = _replace(p, FLOW, "next: q_intimate", "next: q_nowhere")
    return [f"{FLOW}:{line}", "questions.q_what.choices[0].next", "q_nowhere"]


def _flow_missing_anchor(p):
    _replace(p, FLOW, "[comment faire la demande](demande.md)",
             "[comment faire la demande](demande.md#nulle-part)")
    return ["verificateur", "demande", "#nulle-part"]


def _flow_javascript_link(p):
    line = _replace(p, FLOW, "[comment faire la demande](demande.md)",
                    "[comment faire la demande](javascript:alert(1))")
    return [f"{FLOW}:{line}", "blocks.s_apply_self.fr", "javascript:"]


def _flow_alias(p):
    line = _replace(p, FLOW, "title: *how_old", "title: *how_olde")
    return [f"{FLOW}:{line}", "how_olde"]


def _local_phone(p):
    _local(p, CONTACT.replace('"5145550123"', "514-555-0123"))
    return [f"{LOCAL}:4", "contacts[0].phone"]


def _local_html(p):
    _local(p, CONTACT.replace("École des Exemples", "'<img src=x onerror=alert(1)>'"))
    return [f"{LOCAL}:1", "organisation", "HTML"]


def _local_unknown_key(p):
    _local(p, CONTACT + "    email: a@example.org\n")
    return [f"{LOCAL}:5", "contacts[0].email"]


def _local_duplicate(p):
    _local(p, CONTACT + "    name: Mme B. Exemple\n")
    return [f"{LOCAL}:5", "contacts[0].name"]


def _page_placeholder_space(p):
    line = _replace(p, "docs/aide.fr.md", "{{ tel:help.emergency.phone }}",
                    "{{ tel: help.emergency.phone }}")
    return [f"aide.fr.md:{line}", "{{ tel: help.emergency.phone }}"]


def _page_placeholder_unknown(p):
    line = _append(p, "docs/aide.en.md", "Call {{tel:x}} now.")
    return [f"aide.en.md:{line}", "{{tel:x}}"]


def _page_marker_spacing(p):
    line = _append(p, "docs/aide.fr.md", "<!--ns:qr-->")
    return [f"aide.fr.md:{line}", "<!--ns:qr-->"]


def _page_marker_typo(p):
    line = _append(p, "docs/aide.fr.md", "<!-- ns:chekcer -->")
    return [f"aide.fr.md:{line}", "ns:chekcer"]


def _page_script(p):
    _append(p, "docs/aide.en.md", "<script>alert(1)</script>")
    return ["aide.en.md", "<script>"]


def _page_tracker(p):
    _append(p, "docs/aide.fr.md",
            '<script async src="https://www.googletagmanager.com/gtag/js?id=G-X"></script>')
    return ["aide.fr.md", "www.googletagmanager.com"]


def _page_image(p):
    _append(p, "docs/aide.fr.md", '<img src="https://pixel.example.org/p.gif" alt="">')
    return ["aide.fr.md", "pixel.example.org"]


def _page_onclick(p):
    _append(p, "docs/aide.fr.md", '<a href="#who-can-help" onclick="alert(1)">Aide</a>')
    return ["aide.fr.md", "onclick"]


def _page_javascript_url(p):
    _append(p, "docs/aide.fr.md", '<a href="javascript:alert(1)">Aide</a>')
    return ["aide.fr.md", "javascript:"]


def _page_iframe(p):
    _append(p, "docs/aide.fr.md",
            '<iframe src="https://www.youtube-nocookie.com/embed/x" title="x"></iframe>')
    return ["aide.fr.md", "iframe", "www.youtube-nocookie.com"]


def _page_stylesheet(p):
    _append(p, "docs/aide.fr.md",
            '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">')
    return ["aide.fr.md", "fonts.googleapis.com"]


def _page_title_script(p):
    line = _replace(p, "docs/aide.fr.md", "title: Trouver de l'aide",
                    "title: Trouver de l'aide<script>alert(1)</script>")
    return [f"aide.fr.md:{line}", "title", "HTML"]


def _page_missing_translation(p):
    (p / "docs" / "ordonnance.en.md").unlink()
    return ["ordonnance.en.md"]


def _page_broken_link(p):
    _append(p, "docs/aide.fr.md", "Voir [la page](nulle-part.md).")
    return ["aide.fr.md", "nulle-part.md"]


def _exit_url(value):
    def edit(p):
        line = _replace(p, "mkdocs.yml", "fr: https://meteo.gc.ca/", f"fr: {value}")
        return [f"mkdocs.yml:{line}", "extra.quick_exit_url.fr"]
    return edit


def _public_http(p):
    return ["site_url", "http://example.org/", "https"]


def _template_placeholder(p):
    _replace(p, "overrides/partials/copyright.html", '<div class="md-copyright ns-legal-note">',
             '<div class="md-copyright ns-legal-note">'
             '{% raw %}{{ tel: help.emergency.phone }}{% endraw %}')
    return ["404.html and", "other pages", "{{ tel: help.emergency.phone }}"]


def _template_script(p):
    _replace(p, "overrides/main.html", "{% block scripts %}\n  {{ super() }}",
             "{% block scripts %}\n  {{ super() }}\n  <script>window.track = 1</script>")
    return ["404.html and", "other pages", "window.track = 1"]


CASES = [
    # data/facts.yml
    Case("facts-duplicate-key", "a fact pasted twice (age.adult, 21 instead of 18)", _facts_duplicate),
    Case("facts-value-yes", "age.adult `value: yes` (a YAML boolean)", _facts_value_yes),
    Case("facts-text-as-list", "a text fact given as a list", _facts_text_list),
    Case("facts-impossible-date", "checked: 2026-02-30", _facts_bad_date),
    Case("facts-not-utf8", "a Latin-1 byte (à saved as 0xE0)", _facts_not_utf8),
    Case("facts-http-url", "a url fact in http://", _facts_http),
    Case("facts-phone-dashes", "a phone fact written 1-800-668-6868", _facts_phone),
    Case("facts-unknown-key", "a misspelt key (vaule)", _facts_unknown_key),
    Case("facts-missing-checked", "a fact without its checked date", _facts_missing_date),
    Case("facts-sure-secondary", "a sure fact resting on a secondary source only", _facts_sure_secondary),
    Case("facts-unknown-source", "a source id that is not under sources", _facts_unknown_source),
    Case("facts-yaml-syntax", "a line indented one space short", _facts_yaml_syntax),
    Case("facts-html", "HTML in a text fact (<b>)", _facts_html),
    Case("facts-unknown-type", "type: nombre", _facts_type),
    Case("facts-quote-html", "HTML in a source's quote (<b>)", _facts_quote_html),
    Case("facts-source-unquoted", "a source added to a fact without its quote",
         _facts_source_unquoted),
    # data/checker.yml
    Case("flow-duplicate-outcome", "an outcome pasted twice under the same id", _flow_duplicate),
    Case("flow-script-in-title", "<script> in a question's title", _flow_script),
    Case("flow-unknown-next", "a choice leading to a node that doesn't exist", _flow_unknown_next),
    Case("flow-missing-anchor", "a link to a heading that doesn't exist (demande.md#nulle-part)",
         _flow_missing_anchor),
    Case("flow-javascript-link", "a Markdown link to javascript:", _flow_javascript_link),
    Case("flow-unknown-alias", "a YAML alias with a typo (*how_olde)", _flow_alias),
    # data/local.yml
    Case("local-phone-dashes", "a school's phone with dashes", _local_phone),
    Case("local-html", "markup in the organisation's name (<img onerror>)", _local_html),
    Case("local-unknown-key", "an unknown key (email)", _local_unknown_key),
    Case("local-duplicate-key", "a contact's name given twice", _local_duplicate),
    # pages
    Case("page-placeholder-spacing", "{{ tel: help.emergency.phone }} (a space after tel:)",
         _page_placeholder_space),
    Case("page-placeholder-unknown", "{{tel:x}}", _page_placeholder_unknown),
    Case("page-marker-spacing", "<!--ns:qr--> (no spaces)", _page_marker_spacing),
    Case("page-marker-typo", "<!-- ns:chekcer -->", _page_marker_typo),
    Case("page-inline-script", "<script>alert(1)</script> in a page", _page_script),
    Case("page-tracking-snippet", "a tracking snippet (script from another host)", _page_tracker),
    Case("page-foreign-image", "an image from another host (a tracking pixel)", _page_image),
    Case("page-event-handler", "an onclick attribute", _page_onclick),
    Case("page-javascript-url", "a javascript: link", _page_javascript_url),
    Case("page-iframe", "an embedded video (iframe from another host)", _page_iframe),
    Case("page-foreign-stylesheet", "a web font's stylesheet from another host", _page_stylesheet),
    Case("page-title-script", "<script> in a page's front-matter title", _page_title_script),
    Case("page-missing-translation", "a page without its English twin", _page_missing_translation),
    Case("page-broken-link", "a link to a page that doesn't exist (a strict warning)", _page_broken_link),
    # mkdocs.yml and the environment
    Case("config-exit-no-scheme", "quick_exit_url: meteo.gc.ca (no https://)", _exit_url("meteo.gc.ca")),
    Case("config-exit-javascript", "quick_exit_url: javascript:alert(1)", _exit_url("javascript:alert(1)")),
    Case("config-exit-markup", "quick_exit_url with markup in it",
         _exit_url("'https://meteo.gc.ca/\"><script>alert(1)</script>'")),
    Case("config-exit-own-site", "quick_exit_url on the site's own host",
         _exit_url("https://example.org/"), env={"SITE_URL": "https://example.org/ecole/"}),
    Case("config-public-http", "REQUIRE_PUBLIC_URL with an http:// address", _public_http,
         env={"REQUIRE_PUBLIC_URL": "true", "SITE_URL": "http://example.org/"}),
    # templates (overrides/)
    Case("template-placeholder", "a placeholder left as text by a template",
         _template_placeholder),
    Case("template-script", "an inline script added to a template", _template_script),
]


# --- running them ----------------------------------------------------------------------------

def _manifest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _mkdocs(project: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    full = dict(os.environ, SITE_URL=SITE_URL, NO_MKDOCS_2_WARNING="1")
    for key in ("SITE_DIR", "OFFLINE", "REQUIRE_PUBLIC_URL", "OFFLINE_ZIP"):
        full.pop(key, None)
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                          env=full, capture_output=True, text=True, timeout=300)


@dataclass
class Outcome:
    code: int
    output: str
    needles: list[str]
    site_same: bool
    beside: list[str]      # what the failed build left next to site/ (nothing, after the fix)

    @property
    def line(self) -> str | None:
        """The first line of the output that holds every needle."""
        return next((line for line in self.output.splitlines()
                     if all(n in line for n in self.needles)), None)


def run_case(case: Case, good: Path, work: Path) -> Outcome:
    project = work / case.name
    shutil.copytree(good, project, symlinks=True)
    before = _manifest(project / "site")
    entries = set(os.listdir(project))
    needles = case.edit(project)
    proc = _mkdocs(project, case.env)
    site_same = (project / "site").is_dir() and _manifest(project / "site") == before
    beside = sorted(set(os.listdir(project)) - entries)
    return Outcome(proc.returncode, proc.stdout + proc.stderr, needles, site_same, beside)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    """Every case, from one good build copied per case, two at a time."""
    good = copy_project(tmp_path_factory.mktemp("good"))
    proc = _mkdocs(good)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    work = tmp_path_factory.mktemp("cases")
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(lambda case: run_case(case, good, work), CASES)
        return dict(zip((case.name for case in CASES), results))


def test_there_are_enough_cases():
    assert len(CASES) >= 25 and len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_mistake_stops_the_build_with_one_line_and_keeps_the_last_good_site(outcomes, case):
    out = outcomes[case.name]
    assert out.code != 0, f"{case.what}: the build passed\n{out.output[-3000:]}"
    assert "Traceback" not in out.output, f"{case.what}: a traceback\n{out.output[-3000:]}"
    assert out.line, f"{case.what}: no line holds {out.needles}\n{out.output[-3000:]}"
    assert out.site_same, f"{case.what}: site/ is not the last good build any more"
    assert out.beside == [], f"{case.what}: left {out.beside} beside site/"


def test_readme_lists_the_data_files_fields_as_the_schema_declares_them():
    sys.path.insert(0, str(ROOT / "scripts"))
    import data_fields
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert data_fields.START in readme, "README.md lost its data-fields markers"
    assert data_fields.with_fields(readme) == readme, "run: python scripts/data_fields.py --write"
