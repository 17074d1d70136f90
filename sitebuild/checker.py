"""Load, validate and render the checker's question flow (data/checker.yml).

Plain module: the markers (markers.py: `<!-- ns:checker -->`, `<!-- ns:checker-diagram -->`),
scripts/checker_paths.py and the tests import it, so the flow is read and checked the same way
everywhere. Facts inside the text are rendered with facts.py, never retyped.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin

import markdown as _markdown

from sitebuild import datafile, schema
from sitebuild import facts as F
from sitebuild.languages import LANGS

MARKER = "<!-- ns:checker -->"
DIAGRAM_MARKER = "<!-- ns:checker-diagram -->"
UI_KEYS = schema.UI_KEYS
# The parts of an outcome, in the order a result shows them: the steps, then what folds below them
# (<details>, open or closed without a script). "tell" lists what the person in the image can do
# themself, worded for a bystander or helper to pass on ("Tell them that...").
PARTS = schema.PARTS
FOLDED = PARTS[1:]
OWN_PARTS = tuple(p for p in PARTS if p != "tell")
# What an action links to: a url fact, or a phone fact to call or text.
ACTION_KINDS = {"href": "link", "tel": "tel", "sms": "sms"}
# A block or action that claims a remedy must carry the fact that lets the reader use it.
REMEDY_FACTS = {"takeitdown": "help.takeitdown.url", "stopncii": "help.stopncii.url",
                "cybertip": "help.cybertip.", "form": "form.url", "cafc": "help.cafc.",
                "parents_line": "help.ligneparents.phone", "legal_help": "help.legal_aid.url",
                "possession": "crime.possession_section", "dpj": "dpj.must_report",
                "withdraw_consent": "law.consent_withdrawal"}
_MD_LINK = re.compile(r'href="([a-z0-9][a-z0-9/_-]*)\.md(#[a-z0-9_-]+)?"')
# A link to a page in a flow's Markdown text: [words](name.md#anchor) (schema.PAGE_LINK).
_PAGE_LINK = re.compile(r"\]\(\s*<?([a-z0-9][a-z0-9/_-]*)\.md(?:#[A-Za-z0-9_:.-]+)?")


class CheckerError(datafile.DataError):
    """A problem in the flow file; each line names the file, the line and the key."""


# --- loading and validation ------------------------------------------------------------------

def load(path: str | Path, facts: dict, name: str | None = None,
         docs: str | Path | None = None) -> dict:
    """Read and validate the flow file: its shape (schema.FlowFile), then the rules of the flow
    (validate). `docs`: the pages' folder, to check that linked pages exist. Raises
    CheckerError, one line per mistake naming the file, the line and the key."""
    doc = datafile.read(path, name, kind=CheckerError)
    schema.validate(doc, schema.FlowFile)
    validate(doc, facts, docs)
    data = doc.data
    data.setdefault("actions", {})
    data["path"] = doc.name
    return data


def validate(doc: datafile.Document, facts: dict, docs=None) -> None:
    """The rules between the flow's entries, once its shape is right."""
    data = doc.data
    questions, outcomes, blocks = data["questions"], data["outcomes"], data["blocks"]
    actions = data.get("actions") or {}
    for nid in set(questions) & set(outcomes):
        raise doc.error(("outcomes", nid), "is both a question and an outcome")
    remedies = data["remedies"]

    for bid, block in blocks.items():
        _check_remedies(doc, ("blocks", bid), block, remedies,
                        lambda need, b=block: all(need in b[lang] for lang in LANGS),
                        "its text lacks the fact")

    for aid, action in actions.items():
        kind = next(k for k in ACTION_KINDS if action.get(k) is not None)
        key = action[kind]
        try:
            F.href(facts, key, "fr", ACTION_KINDS[kind])
        except F.FactsError as exc:
            raise doc.error(("actions", aid, kind), str(exc)) from None
        _check_remedies(doc, ("actions", aid), action, remedies,
                        lambda need, k=key: k.startswith(need), f"links to '{key}', not")

    if data["start"] not in questions:
        raise doc.error(("start",), f"'start' must name a question, not '{data['start']}'")

    for qid, q in questions.items():
        seen = set()
        for i, choice in enumerate(q["choices"]):
            if choice["id"] in seen:
                raise doc.error(("questions", qid, "choices", i, "id"),
                                f"choice '{choice['id']}' appears twice in '{qid}'")
            seen.add(choice["id"])
            if choice["next"] not in questions and choice["next"] not in outcomes:
                raise doc.error(("questions", qid, "choices", i, "next"),
                                f"next node '{choice['next']}' is unknown")

    used = set()
    for oid, out in outcomes.items():
        for part in ("actions",) + PARTS:
            pool, what = (actions, "action") if part == "actions" else (blocks, "block")
            for j, bid in enumerate(out.get(part) or []):
                where = ("outcomes", oid, part, j)
                if bid not in pool:
                    raise doc.error(where, f"{part} names an unknown {what} '{bid}'")
                used.add(bid)
                # Blocks worded to pass on ("Tell them...") are named t_... and used in `tell`
                # parts only; the reader's own steps never go there.
                if (part == "tell") != bid.startswith("t_"):
                    raise doc.error(where, f"'{bid}' is in the '{part}' part of '{oid}': 't_' "
                                           "blocks are worded to pass on and go in 'tell' "
                                           "parts, and only they do")
    for group, pool in (("blocks", blocks), ("actions", actions)):
        for bid in pool:
            if bid not in used:
                raise doc.error((group, bid), f"'{bid}' is used by no outcome")

    _check_graph(doc)
    # Every text renders in both languages: an unknown fact or a broken placeholder stops here,
    # naming the key; a link to a page names the page, which must exist in both languages.
    for where, lang, text in _all_texts(data):
        try:
            F.expand(facts, text, lang, doc.where(where))
        except F.FactsError as exc:
            raise CheckerError(str(exc)) from None
        for name in _PAGE_LINK.findall(text):
            if docs is not None and not (Path(docs) / f"{name}.{lang}.md").is_file():
                raise doc.error(where, f"a link to '{name}.md', which has no page "
                                       f"{Path(docs).name}/{name}.{lang}.md")


def _check_remedies(doc, where, piece, remedies, carries, lacking):
    """A block's or action's `remedy` tags: known, and each remedy's fact carried (`carries`)."""
    for i, tag in enumerate(piece["remedy"]):
        if tag not in remedies:
            raise doc.error(where + ("remedy", i), f"unknown remedy '{tag}' (add it under "
                                                   "'remedies')")
        need = REMEDY_FACTS.get(tag)
        if need and not carries(need):
            raise doc.error(where + ("remedy", i),
                            f"offers '{tag}' but {lacking} '{need.rstrip('.')}'")


def _check_graph(doc):
    """No cycle, and every node reachable from the start."""
    data = doc.data
    questions = data["questions"]
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = done

    def visit(nid, trail):
        if nid not in questions:
            state[nid] = 2
            return
        if state.get(nid) == 1:
            loop = " -> ".join(trail[trail.index(nid):] + [nid])
            raise doc.error(("questions", nid), f"is part of a cycle ({loop})")
        if state.get(nid) == 2:
            return
        state[nid] = 1
        for choice in questions[nid]["choices"]:
            visit(choice["next"], trail + [nid])
        state[nid] = 2

    visit(data["start"], [])
    for group in ("questions", "outcomes"):
        for nid in data[group]:
            if nid not in state:
                raise doc.error((group, nid), f"cannot be reached from '{data['start']}'")


def _all_texts(data):
    """(key path, language, text) of every text the checker shows."""
    for key in UI_KEYS:
        for lang in LANGS:
            yield ("ui", key, lang), lang, data["ui"][key][lang]
    for qid, q in data["questions"].items():
        for lang in LANGS:
            yield ("questions", qid, "title", lang), lang, q["title"][lang]
            if q.get("hint"):
                yield ("questions", qid, "hint", lang), lang, q["hint"][lang]
            for i, c in enumerate(q["choices"]):
                yield ("questions", qid, "choices", i, lang), lang, c[lang]
    for oid, out in data["outcomes"].items():
        for lang in LANGS:
            yield ("outcomes", oid, "title", lang), lang, out["title"][lang]
            yield ("outcomes", oid, "summary", lang), lang, out["summary"][lang]
    for group in ("blocks", "actions"):
        for bid, block in (data.get(group) or {}).items():
            for lang in LANGS:
                yield (group, bid, lang), lang, block[lang]


# --- walking the flow ----------------------------------------------------------------------

def paths(flow: dict) -> list[tuple[list[tuple[str, str]], str]]:
    """Every path from the start: ([(question id, choice id), ...], outcome id), in flow order."""
    out = []

    def walk(nid, trail):
        if nid in flow["outcomes"]:
            out.append((trail, nid))
            return
        for c in flow["questions"][nid]["choices"]:
            walk(c["next"], trail + [(nid, c["id"])])

    walk(flow["start"], [])
    return out


def remedies(flow: dict, oid: str) -> list[str]:
    """What an outcome offers the reader: the remedy tags of its actions and blocks, in order of
    first appearance (the "tell" part aside: see their_remedies)."""
    return _tags(flow, oid, ("actions",) + OWN_PARTS)


def their_remedies(flow: dict, oid: str) -> list[str]:
    """What an outcome tells the reader to pass on: the person in the image's own remedies."""
    return _tags(flow, oid, ("tell",))


def _tags(flow, oid, parts):
    out = flow["outcomes"][oid]
    tags: list[str] = []
    for part in parts:
        pieces = flow["actions"] if part == "actions" else flow["blocks"]
        for bid in out.get(part) or []:
            for tag in pieces[bid]["remedy"]:
                if tag not in tags:
                    tags.append(tag)
    return tags


def remaining(flow: dict) -> dict[str, int]:
    """For each question, the most questions left on any path from it (itself included)."""
    memo: dict[str, int] = {}

    def left(nid):
        if nid in flow["outcomes"]:
            return 0
        if nid not in memo:
            memo[nid] = 1 + max(left(c["next"]) for c in flow["questions"][nid]["choices"])
        return memo[nid]

    for qid in flow["questions"]:
        left(qid)
    return memo


def depth(flow: dict) -> dict[str, int]:
    """For each question, its number on the shortest way from the start (the start is 1): where
    the progress line starts counting when a link opens the checker at that question."""
    result, queue = {flow["start"]: 1}, [flow["start"]]
    while queue:
        nid = queue.pop(0)
        for c in flow["questions"][nid]["choices"]:
            if c["next"] in flow["questions"] and c["next"] not in result:
                result[c["next"]] = result[nid] + 1
                queue.append(c["next"])
    return result


def order(flow: dict) -> list[str]:
    """Questions then outcomes, each in the order a reader first meets them (breadth first)."""
    seen, queue, result = {flow["start"]}, [flow["start"]], []
    while queue:
        nid = queue.pop(0)
        result.append(nid)
        for c in flow["questions"].get(nid, {}).get("choices", []):
            if c["next"] not in seen:
                seen.add(c["next"])
                queue.append(c["next"])
    return ([n for n in result if n in flow["questions"]]
            + [n for n in result if n in flow["outcomes"]])


# --- rendering -------------------------------------------------------------------------------

def plain(flow: dict, facts: dict, text: str, lang: str) -> str:
    """Text with facts filled in and no markup: for the golden file and titles."""
    out, _ = F.expand(facts, text, lang, flow.get("path", "checker"))
    out = re.sub(r"\*\*|<[^>]+>", "", out)
    out = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", out)
    return html.unescape(out).replace(F.NBSP, " ")


def _inline(flow, facts, text, lang, link):
    out, _ = F.expand(facts, text, lang, flow.get("path", "checker"))
    rendered = _markdown.markdown(out).strip()
    rendered = re.sub(r"^<p>|</p>$", "", rendered)
    return _MD_LINK.sub(lambda m: f'href="{html.escape(link(m.group(1), m.group(2) or ""))}"',
                        rendered)


def _same_page(name, anchor):
    return f"{name}.md{anchor}"


_A_TAG = re.compile(r'<a ([^>]*?)href="([^"]*)"([^>]*)>(.*?)</a>', re.S)


def _bare(address: str) -> str:
    """An address as people write it: no scheme, no www., no trailing slash, lowercase."""
    return re.sub(r"^[a-z]+://(www\.)?|/$", "", html.unescape(address).strip().lower())


def public_url(url: str, site: str) -> str:
    """A page of the site as the public host serves it: the offline copy links `crime.html` and
    `index.html`, the site (directory URLs) serves `crime/` and `./`."""
    if not site or not url.startswith(site):
        return url
    path, sep, anchor = url.partition("#")
    path = re.sub(r"(^|/)index\.html$", r"\1", path)
    path = re.sub(r"\.html$", "/", path)
    return path + sep + anchor


def with_print_urls(markup: str, base: str | None, site: str = "") -> str:
    """Give every link whose text is not already its address a `data-print-url`: the printed
    sheet shows it after the link (checker.css). Relative links are made absolute from `base`,
    the page's public address, and written as the public site serves them (`site`, its root);
    phone and text links show their number already."""
    def add(m):
        before, href, after, text = m.groups()
        if href.startswith(("tel:", "sms:", "#")) or "data-print-url" in before + after:
            return m.group(0)
        url = urljoin(base, html.unescape(href)) if base else html.unescape(href)
        url = public_url(url, site)
        if _bare(re.sub(r"<[^>]+>", "", text)) == _bare(url):
            return m.group(0)
        return (f'<a {before}href="{href}"{after} data-print-url="{html.escape(url)}">'
                f'{text}</a>')
    return _A_TAG.sub(add, markup)


def anchors(flow: dict) -> dict[str, str]:
    """Each question's and result's anchor on the page: `n` and its place in `order` (`n0` is the
    start), the same in both languages. Opaque on purpose: without JavaScript each answer puts the
    next anchor in the address and the browser's history, where `#out_threat_minor` would say what
    was answered. A question's heading keeps the question's id (`q_age`), so links from other pages
    still open it; nothing else on the page is named after a result."""
    return {nid: f"n{i}" for i, nid in enumerate(order(flow))}


def render_checker(flow: dict, facts: dict, lang: str, link=_same_page,
                   site: dict | None = None) -> str:
    """The whole checker as HTML: works as linked anchors; checker.js enhances it.

    `link(name, anchor)` turns a page link written `name.md#anchor` into a URL. `site` gives the
    site's `name`, its `home` address in this language and the checker page's public `page`
    address: the printed sheet shows them, and the address of every link.
    Controls that need the script (the progress line, Back, Start over, Print) are not in the
    HTML: checker.js makes them from the labels in the root's data-* attributes, so without it,
    and in text browsers (which ignore `hidden`), no control does nothing.
    """
    ui = {k: v[lang] for k, v in flow["ui"].items()}
    site = site or {}

    def esc(text):  # text between tags; attributes use html.escape with quotes
        return html.escape(text, quote=False)

    def attr(text):
        return html.escape(text)

    def t(text):
        return _inline(flow, facts, text, lang, link)

    rem, first, ids = remaining(flow), depth(flow), anchors(flow)
    start = flow["start"]
    first_line = ui["progress"].replace("{n}", "1").replace("{total}", str(rem[start]))
    parts = [
        f'<div class="ns-checker" data-checker data-start="{start}" '
        f'data-progress="{attr(ui["progress"])}" data-back="{attr(ui["back"])}" '
        f'data-restart="{attr(ui["restart"])}" data-print="{attr(ui["print"])}" '
        f'data-print-title="{attr(ui["print_title"])}">',
        f'<p class="ns-checker__privacy" data-checker-privacy>{t(ui["privacy"])}</p>',
        # Without JavaScript only: what the links leave in the history, then how they work.
        '<div class="ns-checker__nojs" data-checker-nojs>',
        f'<p class="ns-checker__trace" data-checker-nojs-history>{t(ui["nojs_history"])}</p>',
        f'<p>{t(ui["nojs_hint"])}</p>',
        '</div>',
        # Filled by the script. Until it runs, the CSS keeps the room of the first question's
        # progress line (data-first), so nothing moves when it appears.
        f'<div class="ns-checker__bar" data-checker-bar data-first="{attr(first_line)}" hidden></div>',
        '<p class="ns-visually-hidden" data-checker-live aria-live="polite"></p>',
    ]
    for nid in order(flow):
        if nid in flow["questions"]:
            q = flow["questions"][nid]
            cls = " ns-checker__start" if nid == start else ""
            parts.append(f'<section class="ns-checker__node ns-checker__question{cls}" '
                         f'id="{ids[nid]}" data-question="{nid}" data-remaining="{rem[nid]}" '
                         f'data-depth="{first[nid]}" aria-labelledby="{nid}">')
            parts.append(f'<h2 id="{nid}" tabindex="-1">{t(q["title"][lang])}</h2>')
            if q.get("hint"):
                parts.append(f'<p class="ns-checker__hint">{t(q["hint"][lang])}</p>')
            parts.append('<ul class="ns-checker__choices">')
            for c in q["choices"]:
                parts.append(f'<li><a class="ns-checker__choice" data-choice="{c["id"]}" '
                             f'data-next="{c["next"]}" href="#{ids[c["next"]]}">{t(c[lang])}</a></li>')
            parts.append('</ul>')
            parts.append('</section>')
            continue
        parts.append(_render_outcome(flow, facts, lang, nid, ui, t, esc, site, ids))
    parts.append('</div>')
    return "\n".join(parts)


def _render_outcome(flow, facts, lang, oid, ui, t, esc, site, ids):
    """One result: the answer, the buttons, a few steps, then the rest folded in <details>."""
    out = flow["outcomes"][oid]
    start = flow["start"]
    tags = " ".join(remedies(flow, oid))
    theirs = " ".join(their_remedies(flow, oid))
    anchor = ids[oid]
    html_parts = [
        f'<section class="ns-checker__node ns-checker__outcome" id="{anchor}" data-outcome="{oid}" '
        f'data-remedies="{tags}" data-their-remedies="{theirs}" aria-labelledby="{anchor}-h">',
        f'<p class="ns-checker__print-head">{esc(ui["print_title"])}</p>',
        f'<p class="ns-checker__kicker" data-checker-kicker>{esc(ui["result"])}</p>',
        f'<h2 id="{anchor}-h" tabindex="-1">{t(out["title"][lang])}</h2>',
        f'<p class="ns-checker__summary" data-checker-summary>{t(out["summary"][lang])}</p>',
        f'<div class="ns-checker__do" data-checker-part="actions" role="group" '
        f'aria-label="{html.escape(ui["actions_label"])}">',
    ]
    for i, aid in enumerate(out["actions"]):
        action = flow["actions"][aid]
        kind = next(k for k in ACTION_KINDS if k in action)
        href = F.href(facts, action[kind], lang, "link" if kind == "href" else kind)
        primary = " md-button--primary" if i == 0 else ""
        label = t(action[lang])
        if kind != "href":  # the number stays on one line (English ones have hyphens)
            number = html.escape(F.text(facts, action[kind], lang), quote=False)
            label = label.replace(number, f'<span class="ns-checker__number">{number}</span>')
        html_parts.append(f'<a class="md-button{primary} ns-checker__action" data-action="{aid}" '
                          f'data-action-kind="{kind}" href="{html.escape(href)}"><span>{label}</span></a>')
    html_parts.append('</div>')
    html_parts.append(f'<h3 id="{anchor}-steps">{esc(ui["steps_heading"])}</h3>')
    html_parts.append('<ol class="ns-checker__steps" data-checker-part="steps">')
    html_parts += [f'<li data-block="{bid}">{t(flow["blocks"][bid][lang])}</li>'
                   for bid in out["steps"]]
    html_parts.append('</ol>')
    folded = [part for part in FOLDED if out.get(part)]
    if folded:
        html_parts.append(f'<p class="ns-checker__more-hint">{esc(ui["more_hint"])}</p>')
    for part in folded:
        html_parts.append(f'<details class="ns-checker__more" data-checker-part="{part}">')
        html_parts.append(f'<summary>{esc(ui[part + "_heading"])}</summary>')
        if part == "tell":
            html_parts.append(f'<p class="ns-checker__source">{t(ui["tell_source"])}</p>')
        html_parts.append(f'<ul class="ns-checker__{part}">')
        html_parts += [f'<li data-block="{bid}">{t(flow["blocks"][bid][lang])}</li>'
                       for bid in out[part]]
        html_parts.append('</ul>')
        html_parts.append('</details>')
    html_parts.append(f'<p class="ns-checker__legal" data-checker-legal>{t(ui["legal"])}</p>')
    html_parts.append(f'<p class="ns-checker__print-note">{esc(ui["print_note"])}</p>')
    if site.get("name") and site.get("home"):
        line = ui["print_site"].replace("{site}", site["name"]).replace("{url}", site["home"])
        html_parts.append(f'<p class="ns-checker__print-note" data-checker-site>{esc(line)}</p>')
    # checker.js puts "Print" before the link: printing a result needs the script.
    html_parts.append('<p class="ns-checker__actions" data-checker-actions>'
                      f'<a class="md-button" href="#{ids[start]}" data-checker-restart-link>'
                      f'{esc(ui["restart_link"])}</a></p>')
    html_parts.append('</section>')
    return with_print_urls("\n".join(html_parts), site.get("page"), site.get("root", ""))


def render_diagram(flow: dict, facts: dict, lang: str) -> str:
    """The flow as a nested HTML outline: each node in full where first met, then a link."""
    ui = {k: v[lang] for k, v in flow["ui"].items()}

    def esc(text):
        return html.escape(text, quote=False)
    shown: set[str] = set()

    def label(text):
        return esc(plain(flow, facts, text, lang))

    def names(tags):  # what a result offers, by the remedies' labels
        return ", ".join(esc(flow["remedies"][tag][lang]) for tag in tags)

    def node(nid):
        if nid in shown:
            kind = "question" if nid in flow["questions"] else "outcome"
            title = flow["questions" if kind == "question" else "outcomes"][nid]["title"][lang]
            return (f'<a class="ns-flow__ref" href="#flow-{nid}">{label(title)}</a> '
                    f'<code>{nid}</code> ({esc(ui["diagram_see"])})')
        shown.add(nid)
        if nid in flow["outcomes"]:
            out = flow["outcomes"][nid]
            theirs = their_remedies(flow, nid)
            tell = (f'<p class="ns-flow__tell" data-flow-tell>{esc(ui["diagram_tell"])} '
                    f'{names(theirs)}</p>' if theirs else "")
            return (f'<div class="ns-flow__outcome" id="flow-{nid}" data-flow-outcome="{nid}">'
                    f'<span class="ns-flow__box"><strong>{label(out["title"][lang])}</strong> '
                    f'<code>{nid}</code></span>'
                    f'<p class="ns-flow__offers">{esc(ui["diagram_offers"])} '
                    f'{names(remedies(flow, nid))}</p>{tell}</div>')
        q = flow["questions"][nid]
        items = "".join(f'<li><span class="ns-flow__choice">{label(c[lang])}</span> '
                        f'<code>{c["id"]}</code> → {node(c["next"])}</li>' for c in q["choices"])
        return (f'<div class="ns-flow__question" id="flow-{nid}" data-flow-question="{nid}">'
                f'<span class="ns-flow__box"><strong>{label(q["title"][lang])}</strong> '
                f'<code>{nid}</code></span><ul>{items}</ul></div>')

    body = node(flow["start"])
    return (f'<div class="ns-flow" data-checker-diagram>'
            f'<p class="ns-flow__start">{esc(ui["diagram_start"])}</p>{body}</div>')


def golden(flow: dict, facts: dict) -> str:
    """Every path, in both languages, one block per path: the content of the golden file."""
    lines = ["# Every path through the checker (data/checker.yml), in both languages.",
             "# Written by scripts/checker_paths.py: never edit by hand; review the diff.", ""]
    for trail, oid in paths(flow):
        answers = " > ".join(f"{q}={c}" for q, c in trail)
        theirs = their_remedies(flow, oid)
        tell = f" tell: [{', '.join(theirs)}]" if theirs else ""
        lines.append(f"{answers} -> {oid} [{', '.join(remedies(flow, oid))}]{tell}")
        lines.append(f"  actions: {', '.join(flow['outcomes'][oid]['actions'])}")
        for lang in LANGS:
            steps = []
            for qid, cid in trail:
                q = flow["questions"][qid]
                choice = next(c for c in q["choices"] if c["id"] == cid)
                quoted = plain(flow, facts, choice[lang], lang)
                quoted = f"« {quoted} »" if lang == "fr" else f'"{quoted}"'
                steps.append(f"{plain(flow, facts, q['title'][lang], lang)} {quoted}")
            title = plain(flow, facts, flow["outcomes"][oid]["title"][lang], lang)
            lines.append(f"  {lang}: " + " / ".join(steps) + f" => {title}")
        lines.append("")
    return "\n".join(lines)
