"""The checker's results leave its page (issue 25): each on a page of its own for readers without
JavaScript, all in one script file that checker.js fetches at the first answer.

Why: the checker page held its 18 questions and its 29 results, 277 KB of HTML, 23.5 KB once
gzipped; with the stylesheet and the scripts every page needs, its first visit was 41 KiB, and no
way of writing the results once each fits 25 KiB: the results alone, every shared block sent
once, are about 13 KB gzipped. A reader needs one result, at the end. So the post-build step,
on the final HTML of any engine, splits the checker page:

- the page keeps the introduction and the questions; a choice that ends at a result links to
  that result's page (`n31.html` beside the page, from its anchor's number: the same in both
  languages). Its root gets `data-results`, the script file below;
- each result gets a page of its own, `n31.html` (`verificateur-n31.html` when the checker page
  is `verificateur.html`, as in the offline copy): the checker page with its title and only that
  result, `noindex`, its links to the checker's questions leading back to the checker page.
  Without JavaScript a choice is a link, so the reader goes question by question in the page,
  then to the result's page; Back returns to the last question;
- `checker-results.js`, beside the page: every result as the page had it (its in-page links
  unchanged), which checker.js fetches at the reader's first answer and puts back in the page.
  So with JavaScript the checker works as before, in the page, without any address naming a
  result; from file:// too (a script file loads from disk, where fetch() can't).

With JavaScript, a result's page (an address from a history made without it) opens the
checker's first question instead (`data-checker-result`, assets/site/checker-result.js): no
address reopens a result, as before.

Running it again on a split page does nothing (the page has no result left).
"""
from __future__ import annotations

import json
import posixpath

from sitebuild import csp_policy, htmlscan
from sitebuild.derived import back_link, name_beside, page_with, splice

RESULTS_JS = "checker-results.js"


def results_of(script: str) -> str:
    """The results' HTML that checker-results.js holds (what checker.js puts back)."""
    start = script.index("window.nsCheckerResults=") + len("window.nsCheckerResults=")
    return json.loads(script[start:].rstrip().rstrip(";"))


def result_name(rel: str, anchor: str) -> str:
    """The result page's file for the checker page at `rel`: n31.html beside index.html,
    verificateur-n31.html beside verificateur.html."""
    return name_beside(rel, anchor)


def split(html: str, rel: str, site_url: str = "") -> tuple[str, dict[str, str], str] | None:
    """(checker page without its results, {result page's file: its HTML}, checker-results.js's
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

    def to_result(href: str) -> str | None:
        """A link to an id inside a result, from outside that result: its page (and the id)."""
        if not href.startswith("#") or href[1:] not in anchor_of:
            return None
        anchor = anchor_of[href[1:]]
        target = posixpath.basename(result_name(rel, anchor))
        return target if href[1:] == anchor else f"{target}{href}"

    # The checker page: results out, links to them to their pages, the script file named.
    edits = [(first, last, "")]
    edits += _href_edits(page, [t for t in page.tags if not first <= t.start < last], to_result)
    at = root.end - (2 if root.raw.endswith("/>") else 1)
    edits.append((at, at, f' data-results="{RESULTS_JS}"'))
    checker = splice(html, edits)

    # The result pages: the page's title, then one result in a root of its own.
    article = next(t for t in page.tags if t.name == "article" and t.start < root.start
                   and t.close is not None and root.close_end <= t.close)
    h1 = next((t for t in page.tags if t.name == "h1" and article.end <= t.start < root.start
               and t.close_end is not None), None)
    results = {}
    for o in outcomes:
        own = o.get("id")
        tags = [t for t in page.tags if o.start <= t.start and t.end <= o.close_end]

        def outside(href: str, own=own) -> str | None:
            if not href.startswith("#") or href == "#":
                return None
            if anchor_of.get(href[1:]) == own:
                return None
            return to_result(href) or f"{checker_href}{href}"

        section = splice(html, _href_edits(page, tags, outside), start=o.start, end=o.close_end)
        body = (html[article.end:h1.close_end] if h1 else "") + (
            f' <div class="ns-checker ns-checker--result" data-checker-result="{checker_href}">'
            f"{section}</div> ")
        results[result_name(rel, own)] = page_with(html, page, body, rel)

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
