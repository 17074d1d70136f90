"""The list of every fact leaves the About page for pages of its own (issue 25).

The list (content.facts_list, the marker <!-- ns:facts-table -->: each fact with its value, key,
sources and the day it was checked) was 55 KB of HTML, 8.7 KB gzipped, and made the About page
a 29 KiB first visit; the sources' addresses alone are 3.7 KB, so no way of writing it fits one
page. And it grows: each fact will carry its sources' own words. So the post-build step, on the
final HTML of any engine, moves it to pages beside the About page, `facts-1.html`,
`facts-2.html`, ... (`a-propos-facts-1.html` beside `a-propos.html`), packing whole topics in
order, at most PART_BYTES of the list's gzipped HTML each (a topic bigger than that gets a page
of its own), and leaves in its place an index: each topic, a link to where it is.

Each facts page is the About page with, in its article: the list's title and part ("The facts and
their sources, 1 of 2"), its topics, and links to the other parts and back. The labels come from
the list's data-label-* attributes (content.py), in the page's language.
"""
from __future__ import annotations

import gzip
import html as htmllib
import posixpath

from sitebuild import htmlscan
from sitebuild.derived import back_link, name_beside, page_with, splice

# The list's HTML per page, gzipped: with the page around it (about 4.5 KB), the stylesheet and
# the script, a facts page stays well under 25 KiB.
PART_BYTES = 6000


def _gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), 6, mtime=0))


def split(html: str, rel: str) -> tuple[str, dict[str, str]] | None:
    """(the page with an index in place of the list, {facts page's file: its HTML}), or None
    when the page has no facts list (or has only its index already)."""
    page = htmlscan.read(html)
    box = next((t for t in page.tags if t.has("data-facts-list") and t.close is not None), None)
    if box is None:
        return None
    groups = [t for t in page.tags if t.has("data-facts-group") and box.end <= t.start
              and t.close_end is not None and t.close_end <= box.close]
    if not groups:
        return None
    label = {k: box.get(f"data-label-{k}") or "" for k in ("title", "part", "back", "index", "continued")}

    def topic(g) -> str:
        strong = next(t for t in page.tags if t.name == "strong" and g.start < t.start < g.close)
        return html[strong.end:strong.close]

    # Pieces of the list: each topic whole, or, if a topic alone is over PART_BYTES (its facts'
    # quotes, one day), its facts in runs under it, the topic repeated "(continued)".
    pieces = []   # (id, topic's name or None for a continued piece, HTML)
    for g in groups:
        whole = html[g.start:g.close_end]
        if _gz(whole) <= PART_BYTES:
            pieces.append((g.get("id"), topic(g), whole))
            continue
        items = [t for t in page.tags if t.name == "li" and t.has("data-fact") and g.start < t.start
                 and t.close_end is not None and t.close_end <= g.close]
        run, n = [], 1
        for item in items + [None]:
            text = html[item.start:item.close_end] if item else ""
            if run and (item is None or _gz("".join(run) + text) > PART_BYTES - 300):
                name = topic(g) + ("" if n == 1 else htmllib.escape(label["continued"]))
                anchor = g.get("id") if n == 1 else f"{g.get('id')}-{n}"
                pieces.append((anchor, topic(g) if n == 1 else None,
                               f'<section class="ns-facts__group" id="{anchor}" data-facts-group>'
                               f'<p class="ns-facts__topic"><strong>{name}</strong></p>'
                               f'<ul class="ns-facts__list">{"".join(run)}</ul></section>'))
                run, n = [], n + 1
            if item:
                run.append(text)
    # Whole pieces, in order, up to PART_BYTES each.
    parts, size = [[]], 0
    for piece in pieces:
        cost = _gz(piece[2])
        if parts[-1] and size + cost > PART_BYTES:
            parts.append([])
            size = 0
        parts[-1].append(piece)
        size += cost
    names = [name_beside(rel, f"facts-{n}") for n in range(1, len(parts) + 1)]
    links = [posixpath.basename(name) for name in names]

    # The About page: the list's place holds an index of its topics.
    # (Each link a tap target of its own, 44 px high: content.css, issue 23.)
    items = "".join(f'<li><a class="ns-link-alone" href="{links[n]}#{anchor}">{name}</a></li>'
                    for n, part in enumerate(parts) for anchor, name, _ in part if name)
    index = (f'<div class="ns-facts" data-facts-index><p>{htmllib.escape(label["index"])}</p>'
             f'<ul class="ns-facts__index">{items}</ul></div>')
    about = splice(html, [(box.start, box.close_end, index)])

    # The facts pages.
    out = {}
    total = len(parts)
    back = back_link(rel)
    for n, part in enumerate(parts):
        title = label["title"] + (f", {label['part'].format(n=n + 1, total=total)}" if total > 1 else "")
        nav = [f'<a class="ns-link-alone" href="{back}">{htmllib.escape(label["back"])}</a>']
        nav += [f'<a class="ns-link-alone" href="{links[m]}">'
                f'{htmllib.escape(label["part"].format(n=m + 1, total=total))}</a>'
                for m in range(total) if m != n]
        body = (f' <h1>{htmllib.escape(title)}</h1> <p class="ns-facts__nav">{" · ".join(nav)}</p> '
                f'<div class="ns-facts" data-facts-part="{n + 1}">'
                + "".join(text for _, _, text in part) + "</div> ")
        out[names[n]] = page_with(html, page, body, rel, title=title)
    return about, out
