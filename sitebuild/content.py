"""Blocks for content pages, made from data/facts.yml (markers in sitebuild/markers.py).

`<!-- ns:facts-table -->` (on its own line) becomes the list of every fact: its value, its
sources (linked), the day it was last checked and its status, so the "About" page never
retypes a fact. (`<!-- ns:facts-reviewed -->`, the line saying when the facts were last
reviewed, comes from facts_review.py.)
"""
import html

from sitebuild import facts as F
from sitebuild import schema
from sitebuild.errors import SiteError


class FrontMatterError(SiteError):
    """HTML, or something else than text, in a page's title or description."""


def check_front_matter(meta: dict, where) -> None:
    """A page's `title` and `description` are plain text: themes write them into the navigation,
    <title> and <meta> tags, some without escaping them. `where(found)` names the place."""
    for key in ("title", "description"):
        value = meta.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise FrontMatterError(f"{where(key + ':')} {key}: expected text, got {value!r}")
        found = schema.html_in(value)
        if found:
            raise FrontMatterError(f"{where(key + ':')} {key}: HTML is not allowed in a page's "
                                   f"{key} ({found[:60]}): it is plain text")


def attribute_text(text: str) -> str:
    """Text made safe for an attribute that a template writes without escaping (Material's
    <meta name="description" content="...">): a " in a description no longer ends it. Running it
    twice gives the same text."""
    return html.escape(html.unescape(text), quote=False).replace('"', "&quot;")

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
    "ivac": {"fr": "Indemnisation des victimes (IVAC)", "en": "Compensation for victims (IVAC)"},
    "school": {"fr": "À l'école", "en": "At school"},
    "help": {"fr": "Aide", "en": "Help"},
}
LABELS = {
    "fr": {"sources": "Sources", "colon": " : ", "sep": " ; ", "checked": "Vérifié le",
           # The list's own pages (sitebuild/facts_pages.py): their title, and the way back.
           "title": "Les faits et leurs sources", "part": "{n} sur {total}",
           "back": "Retour à « À propos »", "index": "Les faits, par sujet :",
           "continued": " (suite)"},
    "en": {"sources": "Sources", "colon": ": ", "sep": "; ", "checked": "Checked",
           "title": "The facts and their sources", "part": "{n} of {total}",
           "back": "Back to “About”", "index": "The facts, by topic:",
           "continued": " (continued)"},
}
STATUS = {
    "sure": {"fr": "sûr", "en": "sure"},
    "likely": {"fr": "probable", "en": "likely"},
}


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
    names: dict[str, str] = {}
    for key, fact in facts["facts"].items():
        group = key.split(".", 1)[0]
        topic = TOPICS.get(group, {}).get(lang, group)
        names[topic] = group
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
            f'<span>{label["sources"]}{label["colon"]}{label["sep"].join(sources)}</span><br>'
            f'<span>{label["checked"]} {_date(fact["checked"], lang)} '
            f'({STATUS[fact["status"]][lang]})</span></li>')
    # The post-build step moves the list to pages of its own (sitebuild/facts_pages.py) with
    # these labels, and leaves an index of its topics here.
    attrs = " ".join(f'data-label-{k}="{html.escape(label[k])}"' for k in ("title", "part", "back", "index", "continued"))
    lines = [f'<div class="ns-facts" data-facts-list {attrs}>']
    for topic, items in groups.items():
        lines.append(f'<section class="ns-facts__group" id="facts-{names[topic]}" data-facts-group>')
        lines.append(f'<p class="ns-facts__topic"><strong>{html.escape(topic, quote=False)}</strong></p>')
        lines.append('<ul class="ns-facts__list">')
        lines.extend(items)
        lines.append("</ul>")
        lines.append("</section>")
    lines.append("</div>")
    return "\n".join(lines)

