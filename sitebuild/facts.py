"""Load, validate and render the facts file (data/facts.yml).

Plain module: the Markdown extension (extension.py), the checker, the tests and the scripts all
import it, so a fact is read and formatted the same way everywhere.
"""
from __future__ import annotations

import datetime as _dt
import html
import re
from pathlib import Path

import yaml

from sitebuild.languages import LANGS
from sitebuild.typography import NBSP

TYPES = {"date", "money", "number", "months", "years", "phone", "shortcode", "url", "text"}
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


class FactsError(Exception):
    """A problem in the facts file or in a reference to it; the message names file and key."""


def load(path: str | Path) -> dict:
    """Read and validate the facts file. Raises FactsError naming the file and the key."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise FactsError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("facts"), dict) \
            or not isinstance(data.get("sources"), dict):
        raise FactsError(f"{path}: needs two maps at the top, 'sources' and 'facts'")
    for sid, src in data["sources"].items():
        _check_source(path, sid, src)
    for key, fact in data["facts"].items():
        _check_fact(path, key, fact, data["sources"])
    data["path"] = str(path)
    return data


def _check_source(path, sid, src):
    where = f"{path}: source '{sid}'"
    if not isinstance(src, dict) or any(not src.get(lang) for lang in LANGS):
        raise FactsError(f"{where}: needs a title in 'fr' and 'en'")
    if src.get("kind") not in KINDS:
        raise FactsError(f"{where}: 'kind' must be 'primary' (the law, a government, a court, a "
                         f"service about itself) or 'secondary' (press, law firms, guides)")
    urls = [src.get(f"url_{lang}") or src.get("url") for lang in LANGS]
    if not all(urls):
        raise FactsError(f"{where}: needs 'url' (or 'url_fr' and 'url_en'): the page that says it")
    for url in urls:
        if not str(url).startswith("https://"):
            raise FactsError(f"{where}: a url must start with https://, not {url!r}")
    by = src.get("by")
    if by is not None and (not isinstance(by, dict) or any(not by.get(lang) for lang in LANGS)):
        raise FactsError(f"{where}: 'by' (who says it, for 'According to ...') needs 'fr' and 'en'")


def _check_fact(path, key, fact, sources):
    where = f"{path}: fact '{key}'"
    if not re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)+", str(key)):
        raise FactsError(f"{where}: key must be dotted lowercase words, like 'fines.person_min'")
    if not isinstance(fact, dict):
        raise FactsError(f"{where}: must be a map with type, value, source, checked")
    ftype = fact.get("type")
    if ftype not in TYPES:
        raise FactsError(f"{where}: 'type' must be one of {sorted(TYPES)}, not {ftype!r}")
    if fact.get("status") not in STATUSES:
        raise FactsError(f"{where}: 'status' must be 'sure' or 'likely'")
    src = fact.get("source")
    if not src or not isinstance(src, list):
        raise FactsError(f"{where}: missing 'source' (a list of ids from 'sources')")
    for sid in src:
        if sid not in sources:
            raise FactsError(f"{where}: unknown source '{sid}'")
    if fact["status"] == "sure" and not any(sources[s]["kind"] == "primary" for s in src):
        raise FactsError(f"{where}: 'sure' needs a primary source (the law, a government, a court, "
                         f"or the service itself); with secondary sources only, it is 'likely'")
    checked = fact.get("checked")
    if not isinstance(checked, _dt.date):
        raise FactsError(f"{where}: missing or malformed 'checked' date (YYYY-MM-DD)")
    has_value = "value" in fact
    has_langs = all(lang in fact for lang in LANGS)
    if has_value == has_langs:
        raise FactsError(f"{where}: give either 'value' or both 'fr' and 'en'")
    for lang in LANGS:
        value = value_of(fact, lang)
        if value in (None, ""):
            raise FactsError(f"{where}: empty value for '{lang}'")
        if ftype == "date" and not isinstance(value, _dt.date):
            raise FactsError(f"{where}: a date must be written YYYY-MM-DD")
        if ftype in {"money", "number", "months", "years"} and not isinstance(value, int):
            raise FactsError(f"{where}: a {ftype} must be a whole number")
        if ftype in {"phone", "shortcode"} and not re.fullmatch(r"\d{3,11}", str(value)):
            raise FactsError(f"{where}: a {ftype} must be digits only, in quotes")
        if ftype == "url" and not str(value).startswith("https://"):
            raise FactsError(f"{where}: a url must start with https://")


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


def expand(facts: dict, source: str, lang: str, where: str = "") -> tuple[str, set[str]]:
    """Replace every placeholder in `source`; return the new text and the keys used."""
    used: set[str] = set()

    def sub(match):
        mode, key = match.group(1), match.group(2)
        if key not in facts["facts"]:
            raise FactsError(f"{where}: unknown fact '{key}' (not in {facts['path']})")
        used.add(key)
        return render(facts, key, lang, mode)

    return PLACEHOLDER.sub(sub, source), used


def all_texts(facts: dict, lang: str) -> set[str]:
    """Every way a fact can be written in a language: what the number test accepts."""
    return {text(facts, key, lang) for key in facts["facts"]}
