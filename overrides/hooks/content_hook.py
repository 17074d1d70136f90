"""MkDocs hook: build-time markers for content pages, filled from data/facts.yml.

`<!-- ns:facts-table -->` (on its own line) becomes the list of every fact: its value, its
sources (linked), the day it was last checked and its status, so the "About" page never
retypes a fact. `<!-- ns:facts-reviewed -->` becomes the line saying when the facts were last
reviewed (facts_review.py computes it from the facts' `checked` dates).
Other `ns:` markers belong to other hooks (e.g. `ns:local-contacts`) and are left alone.
"""
import html
from pathlib import Path

from mkdocs.exceptions import PluginError

import facts as F
import facts_review as review

MARKER = "<!-- ns:facts-table -->"
REVIEWED = "<!-- ns:facts-reviewed -->"

# Topic of each group of keys (the part before the first dot), per language.
TOPICS = {
    "law": {"fr": "La loi", "en": "The law"},
    "age": {"fr": "Âges", "en": "Ages"},
    "form": {"fr": "La demande", "en": "Applying"},
    "info": {"fr": "La demande", "en": "Applying"},
    "order": {"fr": "L'ordonnance", "en": "The order"},
    "fines": {"fr": "Non-respect de l'ordonnance", "en": "Disobeying the order"},
    "prison": {"fr": "Non-respect de l'ordonnance", "en": "Disobeying the order"},
    "damages": {"fr": "Poursuite en dommages", "en": "Suing for damages"},
    "dpj": {"fr": "Protection de la jeunesse", "en": "Youth protection"},
    "crime": {"fr": "Droit criminel", "en": "Criminal law"},
    "help": {"fr": "Aide", "en": "Help"},
}
LABELS = {
    "fr": {"sources": "Sources", "colon": " : ", "checked": "Vérifié le"},
    "en": {"sources": "Sources", "colon": ": ", "checked": "Checked"},
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
    # Same wording as a date fact on the page, so the list reads like the prose.
    return F.format_date(value, lang)


def facts_list(facts: dict, lang: str) -> str:
    """Every fact, grouped by topic in the order of the facts file, as plain HTML.

    A list rather than a six-column table: it reads on a phone without sideways scrolling,
    and prints as it shows. Raw HTML, one element per line and no blank line, so Markdown
    passes it through untouched.
    """
    label = LABELS[lang]
    groups: dict[str, list[str]] = {}
    for key, fact in facts["facts"].items():
        group = key.split(".", 1)[0]
        topic = TOPICS.get(group, {}).get(lang, group)
        mode = {"url": "link", "phone": "tel"}.get(fact["type"])
        value = F.render(facts, key, lang, mode)
        sources = []
        for sid in fact["source"]:
            title = html.escape(F.source_title(facts, sid, lang), quote=False)
            url = F.source_url(facts, sid, lang)
            sources.append(f'<a href="{html.escape(url)}">{title}</a>' if url else title)
        groups.setdefault(topic, []).append(
            f'<li data-fact="{key}"><strong class="ns-facts__value">{value}</strong> '
            f'<code>{key}</code><br>'
            f'<span>{label["sources"]}{label["colon"]}{"; ".join(sources)}</span><br>'
            f'<span>{label["checked"]} {_date(fact["checked"], lang)} '
            f'({STATUS[fact["status"]][lang]})</span></li>')
    lines = ['<div class="ns-facts" data-facts-list>']
    for topic, items in groups.items():
        lines.append(f'<p class="ns-facts__topic"><strong>{html.escape(topic, quote=False)}</strong></p>')
        lines.append('<ul class="ns-facts__list">')
        lines.extend(items)
        lines.append("</ul>")
    lines.append("</div>")
    return "\n".join(lines)


def on_config(config, **kwargs):
    try:
        _state["facts"] = F.load(Path(config.config_file_path).parent / "data" / "facts.yml")
    except F.FactsError as exc:
        raise PluginError(str(exc)) from exc
    return config


def on_page_markdown(markdown, page, config, **kwargs):
    if REVIEWED in markdown:
        markdown = markdown.replace(REVIEWED, review.reviewed_html(_state["facts"], _lang(config)))
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, facts_list(_state["facts"], _lang(config)))
