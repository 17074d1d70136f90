"""French typography on French pages, so writers type plain spaces.

A plain space before : ; ? ! » and after « becomes a no-break space, so "ça ?" never wraps
with the "?" alone at the start of a line. Only text between tags changes, never markup.
The Markdown extension runs it on each French page's HTML; MkDocs' hook on the page title.
"""
import re

NBSP = "\u00a0"
# Text between tags; a slice cut at a skipped element may begin or end with text.
_TEXT = re.compile(r"(?:(?<=>)|^)([^<>]+)(?=<|\Z)")
# The space may also open a text node, right after inline markup: "**gras** :" or "[lien](x) ;".
_BEFORE = re.compile(r"(?:(?<=\S)|^) (?=[:;?!»])")
_AFTER = re.compile(r"« ")
_SKIP = re.compile(r"<(code|pre|script|style)\b.*?</\1>", re.S)


def french(text: str) -> str:
    return _AFTER.sub("«" + NBSP, _BEFORE.sub(NBSP, text))


def french_html(html: str) -> str:
    """french() on the text between tags, leaving code and scripts alone."""
    def text(m):
        return french(m.group(1))

    out, last = [], 0
    for m in _SKIP.finditer(html):
        out.append(_TEXT.sub(text, html[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(_TEXT.sub(text, html[last:]))
    return "".join(out)
