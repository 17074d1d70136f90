"""MkDocs hook: build-time markers for content pages, filled from data/facts.yml.

`<!-- ns:facts-table -->` (on its own line) becomes a table of every fact: its value, its
sources (linked) and the day it was last checked, so the "About" page never retypes a fact.
Other `ns:` markers belong to other hooks (e.g. `ns:local-contacts`) and are left alone.
"""
from pathlib import Path

from mkdocs.exceptions import PluginError

import facts as F

MARKER = "<!-- ns:facts-table -->"

# Topic of each group of keys (the part before the first dot), per language.
TOPICS = {
    "law": {"fr": "La loi", "en": "The law"},
    "age": {"fr": "Âges", "en": "Ages"},
    "form": {"fr": "La demande", "en": "Applying"},
    "info": {"fr": "La demande", "en": "Applying"},
    "fines": {"fr": "Non-respect de l'ordonnance", "en": "Disobeying the order"},
    "prison": {"fr": "Non-respect de l'ordonnance", "en": "Disobeying the order"},
    "crime": {"fr": "Droit criminel", "en": "Criminal law"},
    "help": {"fr": "Aide", "en": "Help"},
}
HEAD = {
    "fr": ("Sujet", "Fait", "Valeur", "Sources", "Vérifié le", "Statut"),
    "en": ("Topic", "Fact", "Value", "Sources", "Checked", "Status"),
}
STATUS = {
    "sure": {"fr": "sûr", "en": "sure"},
    "likely": {"fr": "probable", "en": "likely"},
}

_state = {}


def _lang(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme["language"]


def _date(value, lang: str) -> str:
    # Same wording as a date fact on the page, so the table reads like the prose.
    return F.text({"facts": {"d.d": {"type": "date", "value": value}}}, "d.d", lang)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def facts_table(facts: dict, lang: str) -> str:
    """A Markdown table of every fact, in the order of the facts file."""
    head = HEAD[lang]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key, fact in facts["facts"].items():
        group = key.split(".", 1)[0]
        topic = TOPICS.get(group, {}).get(lang, group)
        if fact["type"] == "url":
            value = F.render(facts, key, lang, "link")
        elif fact["type"] == "phone":
            value = F.render(facts, key, lang, "tel")
        else:
            value = F.render(facts, key, lang)
        sources = []
        for sid in fact["source"]:
            title = F.source_title(facts, sid, lang)
            url = F.source_url(facts, sid, lang)
            sources.append(f"[{title}]({url})" if url else title)
        rows.append("| " + " | ".join(_cell(c) for c in (
            topic, f"`{key}`", value, "; ".join(sources), _date(fact["checked"], lang),
            STATUS[fact["status"]][lang])) + " |")
    # The wrapper lets CSS set the table smaller and scripts/readability.py skip it (data, not prose).
    return '<div class="ns-facts" markdown>\n\n' + "\n".join(rows) + "\n\n</div>"


def on_config(config, **kwargs):
    try:
        _state["facts"] = F.load(Path(config.config_file_path).parent / "data" / "facts.yml")
    except F.FactsError as exc:
        raise PluginError(str(exc)) from exc
    return config


def on_page_markdown(markdown, page, config, **kwargs):
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, facts_table(_state["facts"], _lang(config)))
