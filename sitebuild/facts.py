"""Load, validate and render the facts file (data/facts.yml).

Plain module: the Markdown extension (extension.py), the checker, the tests and the scripts all
import it, so a fact is read and formatted the same way everywhere.
"""
from __future__ import annotations

import datetime as _dt
import html
import re
from pathlib import Path

from sitebuild import datafile, schema
from sitebuild.languages import LANGS
from sitebuild.typography import NBSP

TYPES = set(schema.FACT_TYPES)
STATUSES = {"sure", "likely"}
# A source is "primary" when the text is the law, a court, a government or Parliament, or a service
# speaking about itself (its own number, hours, rules); everything else (the press, law firms,
# Éducaloi's explanations, directories) is "secondary". A fact marked "sure" needs a primary source.
KINDS = {"primary", "secondary"}
AND = {"fr": " et ", "en": " and "}

MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}
UNITS = {
    "months": {"fr": ("mois", "mois"), "en": ("month", "months")},
    "years": {"fr": ("an", "ans"), "en": ("year", "years")},
}

# {{ key }}, {{ tel:key }}, {{ sms:key }}, {{ link:key }}, {{ url:key }}, {{ source:key }} (the
# titles of the fact's sources), {{ by:key }} (who says it: "Éducaloi et La Presse canadienne")
PLACEHOLDER = re.compile(
    r"\{\{\s*(?:(tel|sms|link|url|source|by):)?([a-z0-9_]+(?:\.[a-z0-9_]+)+)\s*\}\}")
# Whatever is written between {{ and }}: a placeholder, or a mistake that would otherwise show as
# literal text (`{{ tel: help.emergency.phone }}` once hid 911 from the "in danger?" box).
BRACES = re.compile(r"\{\{.*?\}\}", re.S)
STRAY = re.compile(r"\{\{|\}\}")


class FactsError(datafile.DataError):
    """A problem in the facts file or in a reference to it; the message names file and key."""


def load(path: str | Path, name: str | None = None) -> dict:
    """Read and validate the facts file: its shape (schema.FactsFile), then the rules between
    entries (a fact's sources exist; `sure` needs a primary one). Returns the file as plain data.
    Raises DataError, one line per mistake naming the file (`name`, default the path), the line
    and the key."""
    doc = datafile.read(path, name, hide=("facts",), kind=FactsError)
    schema.validate(doc, schema.FactsFile)
    data = doc.data
    for key, fact in data["facts"].items():
        for i, sid in enumerate(fact["source"]):
            if sid not in data["sources"]:
                raise doc.error(("facts", key, "source", i), f"unknown source '{sid}' (the ids "
                                                             "are under `sources:`)")
        if fact["status"] == "sure" and not any(
                data["sources"][sid]["kind"] == "primary" for sid in fact["source"]):
            raise doc.error(("facts", key, "status"),
                            "'sure' needs a primary source (the law, a government, a court, or "
                            "the service itself); with secondary sources only, it is 'likely'")
        _check_quotes(doc, key, fact)
    data["path"] = doc.name
    return data


def _check_quotes(doc, key: str, fact: dict) -> None:
    """One entry under `quotes:` for each of the fact's sources, and none for another source: the
    watch compares each source's page with what the fact says it says."""
    quotes = fact["quotes"]
    for sid in quotes:
        if sid not in fact["source"]:
            raise doc.error(("facts", key, "quotes", sid),
                            f"'{sid}' is not a source of this fact (its sources: "
                            f"{', '.join(fact['source'])}): quote only the sources in `source:`")
    for sid in fact["source"]:
        if sid not in quotes:
            raise doc.error(("facts", key, "quotes"),
                            f"no quote for source '{sid}': under quotes:, write {sid}: then "
                            "fr: or en: and the words on its page that say the fact, copied "
                            "exactly, or no_quote: and why none can be quoted")


def value_of(fact: dict, lang: str):
    return fact["value"] if "value" in fact else fact.get(lang)


def get(facts: dict, key: str) -> dict:
    try:
        return facts["facts"][key]
    except KeyError:
        raise FactsError(f"{facts.get('path', 'facts')}: unknown fact '{key}'") from None


def format_phone(digits: str, lang: str) -> str:
    """1 800 668-6868 in French, 1-800-668-6868 in English (Quebec usage)."""
    sep = NBSP if lang == "fr" else "-"
    if len(digits) == 11 and digits.startswith("1"):
        return f"1{sep}{digits[1:4]}{sep}{digits[4:7]}-{digits[7:]}"
    if len(digits) == 10:
        return f"{digits[0:3]}{sep}{digits[3:6]}-{digits[6:]}"
    return digits


def format_date(value: _dt.date, lang: str) -> str:
    """4 juin 2025 in French, June 4, 2025 in English."""
    if lang == "fr":
        day = "1er" if value.day == 1 else str(value.day)
        return f"{day}{NBSP}{MONTHS['fr'][value.month - 1]} {value.year}"
    return f"{MONTHS['en'][value.month - 1]}{NBSP}{value.day}, {value.year}"


def format_money(amount: int, lang: str) -> str:
    if lang == "fr":
        return f"{amount:,}".replace(",", NBSP) + NBSP + "$"
    return f"${amount:,}"


def text(facts: dict, key: str, lang: str) -> str:
    """The plain text of a fact in a language (no markup)."""
    fact = get(facts, key)
    value = value_of(fact, lang)
    ftype = fact["type"]
    if ftype == "date":
        return format_date(value, lang)
    if ftype == "money":
        return format_money(value, lang)
    if ftype in UNITS:
        one, many = UNITS[ftype][lang]
        return f"{value}{NBSP}{one if value == 1 else many}"
    if ftype == "phone":
        return format_phone(str(value), lang)
    if ftype == "url":
        return fact.get("display") or re.sub(r"^https://(www\.)?|/$", "", str(value))
    return str(value)


def href(facts: dict, key: str, lang: str, scheme: str) -> str:
    fact = get(facts, key)
    value = str(value_of(fact, lang))
    if scheme in ("tel", "sms"):
        if fact["type"] not in ("phone", "shortcode"):
            raise FactsError(f"{facts['path']}: '{scheme}:{key}' needs a phone fact")
        return f"{scheme}:{'+' + value if len(value) == 11 else value}"
    if fact["type"] != "url":
        raise FactsError(f"{facts['path']}: '{scheme}:{key}' needs a url fact")
    return value


def render(facts: dict, key: str, lang: str, mode: str | None = None) -> str:
    """HTML for one placeholder. Inline HTML is fine inside Markdown paragraphs and lists."""
    label = html.escape(text(facts, key, lang), quote=False)
    if mode in ("tel", "sms"):
        return f'<a class="ns-tel" href="{href(facts, key, lang, mode)}">{label}</a>'
    if mode == "link":
        return f'<a href="{html.escape(href(facts, key, lang, "link"))}">{label}</a>'
    if mode == "url":
        return html.escape(href(facts, key, lang, "url"))
    if mode == "source":
        return html.escape(", ".join(source_title(facts, s, lang) for s in get(facts, key)["source"]))
    if mode == "by":
        return html.escape(attribution(facts, key, lang), quote=False)
    return label


def source_title(facts: dict, sid: str, lang: str) -> str:
    return facts["sources"][sid][lang]


def source_url(facts: dict, sid: str, lang: str) -> str | None:
    src = facts["sources"][sid]
    return src.get(f"url_{lang}") or src.get("url")


def join_words(words: list[str], lang: str) -> str:
    """"A", "A et B", "A, B et C" (no serial comma, in either language)."""
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + AND[lang] + words[-1]


def attribution(facts: dict, key: str, lang: str) -> str:
    """Who says a fact, for "Selon ..." / "According to ...": the 'by' of each of its sources,
    once each, in the order of the fact's sources."""
    names: list[str] = []
    for sid in get(facts, key)["source"]:
        by = facts["sources"][sid].get("by")
        if not by:
            raise FactsError(f"{facts.get('path', 'facts')}: '{{{{ by:{key} }}}}': source '{sid}' "
                             f"has no 'by' (who says it)")
        if by[lang] not in names:
            names.append(by[lang])
    return join_words(names, lang)


def expand(facts: dict, source: str, lang: str, where="") -> tuple[str, set[str]]:
    """Replace every placeholder in `source`; return the new text and the keys used. Anything
    else between {{ and }}, or a {{ or }} left alone, stops the build. `where` names the place
    in messages: a text, or a function of the text found that gives "file:line key"."""
    used: set[str] = set()
    at = where if callable(where) else (lambda found: where)

    def sub(match):
        found = match.group(0)
        m = PLACEHOLDER.fullmatch(found)
        if not m:
            raise FactsError(f"{at(found)}: {found[:80]} is not a placeholder: write "
                             "{{ key }} or {{ tel:key }} (sms:, link:, url:, source:, by:), "
                             "with no space after the colon and a key from data/facts.yml")
        mode, key = m.group(1), m.group(2)
        if key not in facts["facts"]:
            raise FactsError(f"{at(found)}: unknown fact '{key}' in {found} (not in "
                             f"{facts['path']})")
        used.add(key)
        return render(facts, key, lang, mode)

    out = BRACES.sub(sub, source)
    stray = STRAY.search(out)
    if stray:
        around = out[max(0, stray.start() - 30):stray.end() + 30].strip()
        raise FactsError(f"{at(around)}: '{stray.group(0)}' without its pair in \"{around}\": "
                         "a placeholder is {{ key }}")
    return out, used


def all_texts(facts: dict, lang: str) -> set[str]:
    """Every way a fact can be written in a language: what the number test accepts."""
    return {text(facts, key, lang) for key in facts["facts"]}
