"""The checker's results leave its page (issue 25): all on one page beside it for readers without
JavaScript, and in one script file that checker.js fetches at the first answer.

Why: the checker page held its 18 questions and its 29 results, 277 KB of HTML, 23.5 KB once
gzipped; with the stylesheet and the scripts every page needs, its first visit was 41 KiB, and no
way of writing the results once each fits 25 KiB: the results alone, every shared block sent
once, are about 13 KB gzipped. A reader needs one result, at the end. So the post-build step,
on the final HTML of any engine, splits the checker page:

- the page keeps the introduction and the questions; a choice that ends at a result links to
  that result in the results' page (`results.html#n31` beside the page). Its root gets
  `data-results`, the script file below;
- the results' page, `results.html` (`verificateur-results.html` when the checker page is
  `verificateur.html`, as in the offline copy): the checker page with its title and every
  result, `noindex`, only the result the address points at shown (`:target`, as in the checker
  page); its links to the checker's questions lead back to the checker page. Without JavaScript
  a choice is a link, so the reader goes question by question in the page, then to the results'
  page; Back returns to the last question. One page for all results, not a page per result: a
  request for a result's own page would tell the host which result the reader got (their
  answers, in effect); the results' page is the same request for everyone, and the result is
  named by the address's #fragment, which the browser never sends. It is heavier than 25 KiB on a
  first visit, but no one opens it first: it is reached from the checker page, whose stylesheet
  the browser already has (tests/test_budget.py measures it that way);
- `checker-results.js`, beside the page: every result as the page had it (its in-page links
  unchanged), which checker.js fetches at the reader's first answer and puts back in the page.
  So with JavaScript the checker works as before, in the page, without any address naming a
  result; from file:// too (a script file loads from disk, where fetch() can't).

With JavaScript, the results' page (an address from a history made without it) opens the
checker's first question instead (`data-checker-result`, assets/site/checker-result.js): no
address reopens a result, as before.

Running it again on a split page does nothing (the page has no result left).
"""
from __future__ import annotations

import json
import posixpath
from html import escape as html_escape

from sitebuild import csp_policy, htmlscan
from sitebuild.derived import back_link, name_beside, page_with, splice

RESULTS_JS = "checker-results.js"
RESULTS_PAGE = "results"


def results_of(script: str) -> str:
    """The results' HTML that checker-results.js holds (what checker.js puts back)."""
    start = script.index("window.nsCheckerResults=") + len("window.nsCheckerResults=")
    return json.loads(script[start:].rstrip().rstrip(";"))


def results_name(rel: str) -> str:
    """The results' page's file for the checker page at `rel`: results.html beside index.html,
    verificateur-results.html beside verificateur.html."""
    return name_beside(rel, RESULTS_PAGE)


def split(html: str, rel: str, site_url: str = "") -> tuple[str, dict[str, str], str] | None:
    """(checker page without its results, {results' page's file: its HTML}, checker-results.js's
    text), or None when the page holds no checker results."""
    page = htmlscan.read(html)
    root = next((t for t in page.tags if t.has("data-checker") and t.close is not None), None)
    if root is None:
        return None
    inside = [t for t in page.tags if root.end <= t.start and t.end <= root.close]
    outcomes = [t for t in inside if t.name == "section" and t.has("data-outcome")
                and t.close_end is not None]
    if not outcomes:
        return None
    first, last = outcomes[0].start, outcomes[-1].close_end
    strays = [t for t in inside if first <= t.start < last
              and not any(o.start <= t.start and t.end <= o.close_end for o in outcomes)]
    if strays:
        raise ValueError(f"{rel}: the checker's results are not one run of sections "
                         f"({strays[0].raw})")
    anchor_of = {}   # every id inside a result -> (its result's anchor, the id)
    for o in outcomes:
        for t in inside:
            if o.start <= t.start and t.end <= o.close_end and t.get("id"):
                anchor_of[t.get("id")] = o.get("id")
    checker_href = back_link(rel)

    target = posixpath.basename(results_name(rel))

    def to_result(href: str) -> str | None:
        """A link to an id inside a result, from the checker page: that id on the results' page."""
        if not href.startswith("#") or href[1:] not in anchor_of:
            return None
        return f"{target}{href}"

    # The checker page: results out, links to them to the results' page, the script file named.
    edits = [(first, last, "")]
    edits += _href_edits(page, [t for t in page.tags if not first <= t.start < last], to_result)
    at = root.end - (2 if root.raw.endswith("/>") else 1)
    edits.append((at, at, f' data-results="{RESULTS_JS}"'))
    checker = splice(html, edits)

    # The results' page: the page's title, then every result in a root of its own; a link to a
    # question leads to the checker page, a link inside the results stays on this page.
    article = next(t for t in page.tags if t.name == "article" and t.start < root.start
                   and t.close is not None and root.close_end <= t.close)
    h1 = next((t for t in page.tags if t.name == "h1" and article.end <= t.start < root.start
               and t.close_end is not None), None)

    def outside(href: str) -> str | None:
        if not href.startswith("#") or href == "#" or href[1:] in anchor_of:
            return None
        return f"{checker_href}{href}"

    tags = [t for t in page.tags if first <= t.start < last]
    sections = splice(html, _href_edits(page, tags, outside), start=first, end=last)
    restart = html_escape(root.get("data-restart") or "")
    body = (html[article.end:h1.close_end] if h1 else "") + (
        f' <div class="ns-checker ns-checker--result" data-checker-result="{checker_href}">'
        f'<p class="ns-checker__none"><a href="{checker_href}">{restart}</a></p>'
        f"{sections}</div> ")
    results = {results_name(rel): page_with(html, page, body, rel)}

    # The script file: every result as the page had it, with the lock-down's rel on outbound
    # links (csp_policy.outbound), as checker.js puts them back.
    run = html[first:last]
    fragment = htmlscan.read(run)
    run = splice(run, csp_policy.outbound(fragment, site_url))
    script = ("/* The checker's results (sitebuild/checker_split.py), put back in the page by "
              "checker.js. */\nwindow.nsCheckerResults=" + json.dumps(run, ensure_ascii=False)
              + ";\n")
    return checker, results, script


def _href_edits(page: htmlscan.Page, tags, change) -> list[tuple[int, int, str]]:
    edits = []
    for tag in tags:
        if tag.name != "a":
            continue
        href = tag.get("href")
        new = change(href) if href else None
        if new is None:
            continue
        start, end = csp_policy._attribute_span(tag.raw, "href")
        edits.append((tag.start + start, tag.start + end, f'href="{new}"'))
    return edits
