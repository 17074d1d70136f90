"""Keeping the facts current: which facts to check again first, and where each one is used.

Plain module (no MkDocs): `scripts/review_facts.py` (`make review`) prints the list, the marker
`<!-- ns:facts-reviewed -->` (markers.py) puts the review dates on the About page, and the tests
call it directly. It reads the facts
file through facts.py, the pages' Markdown (docs/), the templates (overrides/) and the checker's
flow (data/checker.yml), and returns data or text.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from sitebuild import facts as F

# A template writes {{ fact("help.khp.phone", "tel") }}.
TEMPLATE_FACT = re.compile(r"""\bfact\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""")
PAGE_NAME = re.compile(r"(.+)\.(fr|en)\.md")
# The parts of data/checker.yml whose entries are nodes with an id.
CHECKER_PARTS = ("questions", "blocks", "outcomes")


@dataclass(frozen=True)
class Row:
    key: str
    checked: object          # datetime.date
    status: str
    sources: tuple           # ((title, url, kind), ...) in English
    used_by: tuple           # ("page crime", "checker b_call", "template partials/x.html", ...)


def _keys_in(text: str) -> set[str]:
    return {m.group(2) for m in F.PLACEHOLDER.finditer(text)}


def _strings(node):
    """Every string under a YAML node (maps, lists, scalars)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def page_usage(docs: Path) -> dict[str, set[str]]:
    """fact key -> names of the pages that write it ("crime", "educateurs/fiche"), either language."""
    used: dict[str, set[str]] = {}
    for path in sorted(Path(docs).rglob("*.md")):
        m = PAGE_NAME.fullmatch(path.relative_to(docs).as_posix())
        name = m.group(1) if m else path.relative_to(docs).as_posix()
        for key in _keys_in(path.read_text(encoding="utf-8")):
            used.setdefault(key, set()).add(name)
    return used


def template_usage(overrides: Path) -> dict[str, set[str]]:
    """fact key -> templates (overrides/**/*.html) that call fact("key")."""
    used: dict[str, set[str]] = {}
    for path in sorted(Path(overrides).rglob("*.html")):
        for key in TEMPLATE_FACT.findall(path.read_text(encoding="utf-8")):
            used.setdefault(key, set()).add(path.relative_to(overrides).as_posix())
    return used


def checker_usage(flow_path: Path) -> dict[str, set[str]]:
    """fact key -> ids of the checker's questions, blocks and outcomes whose text writes it."""
    path = Path(flow_path)
    if not path.exists():
        return {}
    flow = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    used: dict[str, set[str]] = {}
    for part in CHECKER_PARTS:
        for node_id, node in (flow.get(part) or {}).items():
            for text in _strings(node):
                for key in _keys_in(text):
                    used.setdefault(key, set()).add(str(node_id))
    return used


def usage(root: Path) -> dict[str, list[str]]:
    """fact key -> where it is used, as labels: "page crime", "checker b_x", "template x.html"."""
    root = Path(root)
    found: dict[str, list[str]] = {}
    for label, table in (("page", page_usage(root / "docs")),
                         ("checker", checker_usage(root / "data" / "checker.yml")),
                         ("template", template_usage(root / "overrides"))):
        for key, places in table.items():
            found.setdefault(key, []).extend(f"{label} {p}" for p in sorted(places))
    return found


def rows(facts: dict, used: dict[str, list[str]]) -> list[Row]:
    """Every fact, the one checked longest ago first (then by key, so the order is stable)."""
    out = []
    for key, fact in facts["facts"].items():
        sources = tuple((F.source_title(facts, sid, "en"), F.source_url(facts, sid, "en"),
                         facts["sources"][sid]["kind"]) for sid in fact["source"])
        out.append(Row(key, fact["checked"], fact["status"], sources, tuple(used.get(key, ()))))
    return sorted(out, key=lambda r: (r.checked, r.key))


def format_rows(table: list[Row]) -> str:
    """The list `make review` prints: one block per fact, oldest check first."""
    lines = [f"{len(table)} facts, the one checked longest ago first. Check each against its "
             f"sources, then set `checked:` in data/facts.yml.", ""]
    for row in table:
        lines.append(f"{row.checked.isoformat()}  {row.status:<6}  {row.key}")
        for title, url, kind in row.sources:
            lines.append(f"    source ({kind}): {title}")
            lines.append(f"        {url}")
        lines.append("    used by: " + (", ".join(row.used_by) if row.used_by else "(nothing)"))
    return "\n".join(lines) + "\n"


def reviewed_span(facts: dict) -> tuple:
    """(oldest, newest) `checked` date over every fact."""
    dates = [fact["checked"] for fact in facts["facts"].values()]
    return min(dates), max(dates)


SENTENCE = {
    "fr": ("Dernière révision des faits de ce site : le {newest}. La vérification la plus ancienne "
           "date du {oldest}. Chaque fait a sa date dans les listes par sujet, plus bas."),
    "en": ("Facts on this site last reviewed: {newest}. The fact checked longest ago was checked "
           "on {oldest}. Each fact has its date in the lists by topic, below."),
}


def reviewed_html(facts: dict, lang: str) -> str:
    """The About page's review line, as one HTML paragraph (dates in the page's language)."""
    oldest, newest = reviewed_span(facts)
    text = SENTENCE[lang].format(oldest=F.format_date(oldest, lang),
                                 newest=F.format_date(newest, lang))
    return (f'<p class="ns-reviewed" data-facts-reviewed="{newest.isoformat()}">'
            f"{html.escape(text, quote=False)}</p>")
