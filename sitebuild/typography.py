"""MkDocs hook: French typography on French pages, so writers type plain spaces.

A plain space before : ; ? ! » and after « becomes a no-break space, so "ça ?" never wraps
with the "?" alone at the start of a line. Only text between tags changes, never markup.
"""
import re

NBSP = "\u00a0"
_TEXT = re.compile(r">([^<]+)<")
_BEFORE = re.compile(r"(?<=\S) (?=[:;?!»])")
_AFTER = re.compile(r"« ")
_SKIP = re.compile(r"<(code|pre|script|style)\b.*?</\1>", re.S)


def french(text: str) -> str:
    return _AFTER.sub("«" + NBSP, _BEFORE.sub(NBSP, text))


def _fix(html: str) -> str:
    def text(m):
        return ">" + french(m.group(1)) + "<"

    out, last = [], 0
    for m in _SKIP.finditer(html):  # leave code and scripts alone
        out.append(_TEXT.sub(text, html[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(_TEXT.sub(text, html[last:]))
    return "".join(out)


def on_page_content(html, page, config, **kwargs):
    i18n = config.plugins.get("i18n")
    if getattr(i18n, "current_language", "fr") != "fr":
        return html
    page.title = french(page.title) if page.title else page.title
    return _fix(html)
