"""One stylesheet of only the rules the site can use (issue 25).

Material's stylesheet is 138 KB for every feature it offers (content tabs, code highlighting,
tooltips, versions, right-to-left, ...); the site uses about a third. Sent whole, it was 23 KiB
of every first visit (gzip), more than the page itself. So the post-build step writes one
stylesheet from the theme's and ours (css_bundle.py) holding only:

- rules whose selectors match some built page, once the states scripts make are added (below),
  with dynamic pseudo-classes (:hover, :focus, :checked, :target, :not(), ...) and pseudo-elements
  (::before, ::-webkit-details-marker, ::-ms-clear, ...) taken off first, so every state and every
  engine's prefixed form of a kept element stays. Media queries don't count (print, widths,
  forced colours, reduced motion are all kept), nor do @supports;
- rules naming a class or attribute that a script adds at run time (RUNTIME_CLASSES,
  RUNTIME_ATTRIBUTES: Material's and ours, listed from their code, by name), as long as the rest
  of each part of the selector exists somewhere: a crawl never sees the quick exit's
  `ns-qe-leaving`, and it must hide the page;
- in each page, before matching, what scripts build (RUNTIME_HTML: Material's search results,
  the checker's and the slides' controls, the slides' frame from its <template>), written from
  their code;
- @keyframes that a kept rule names, @page, @font-face, @charset;
- custom properties (--name: value) that something reads with var(), in the CSS kept or in a
  script (Material's or ours), removed to a fixed point (a property only read by a removed one
  goes too). Most of Material's are icons as data: URLs for features the site doesn't use.

The CSS is read by tinycss2 (rules, at-rules, selectors as tokens) and selectors are matched by
the Lexbor engine (selectolax) on each page's final HTML. A selector either can't parse keeps its
rule: when in doubt, keep. Kept rules are written back as they were read (tokens serialized), in
their order. tests/test_css_purge.py checks the rules; tests/test_purged_styles.py compares every
element's computed style with the unpurged site in each state.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import tinycss2
from selectolax.lexbor import LexborHTMLParser

from sitebuild import htmlscan

# Classes a script puts on an element that the built page has (or on one the script makes):
# Material 9.8.2's bundle (grep its "class" strings and classList calls) and ours.
RUNTIME_CLASSES = {
    # no-js -> js (our inline script in <head>); Material's focus-visible polyfill
    "js", "no-js", "focus-visible", "js-focus-visible",
    # Material: header, navigation, dialog, search, tables
    "md-header--shadow", "md-header__title--active", "md-nav__link--active",
    "md-nav__link--passed", "md-toggle--indeterminate", "md-dialog--active",
    "md-typeset__scrollwrap", "md-typeset__table", "md-search-result__item",
    "md-search-result__link", "md-search-result__article", "md-search-result__icon",
    "md-search-result__more", "md-search-result__terms", "md-search-result__teaser",
    # ours: quick-exit.js, present.js, checker.js, quiz.js
    "ns-qe-leaving", "ns-presenting", "ns-present__slide", "ns-present__probe",
    "ns-tools__present", "ns-checker--js", "ns-checker--done", "ns-checker__progress",
    "ns-quiz__feedback--right", "ns-quiz__feedback--wrong",
}
# Attributes scripts set or take off, and the states HTML elements change by themselves.
RUNTIME_ATTRIBUTES = {
    "open", "hidden", "disabled", "checked", "aria-pressed", "aria-expanded", "aria-hidden",
    "aria-current", "tabindex",
    # Material 9.8.2
    "data-md-state", "data-md-scrolllock", "data-md-visible", "data-md-switching",
    "data-md-color-switching", "data-md-scrollfix", "data-md-copying", "data-md-highlight",
    "data-md-score",
    # present.js
    "data-present-folded", "data-present-rest", "data-present-run", "data-present-continued",
    "data-present-slide", "data-present-section", "data-present",
}
# What scripts build inside the page, written from their code, spliced in after the start tag
# of the element named (by an attribute or a class) before the page is matched.
_SEARCH_RESULTS = (  # Material 9.8.2: the search results list (functions oo and Fn)
    '<li class="md-search-result__item"><a href="#" class="md-search-result__link" tabindex="-1">'
    '<article class="md-search-result__article md-typeset" data-md-score="1">'
    '<div class="md-search-result__icon md-icon"></div><h1>t <mark>m</mark></h1>'
    '<p>t <mark>m</mark> <code>c</code></p><p class="md-search-result__terms">t: <del>d</del></p>'
    '</article></a><a href="#" class="md-search-result__link" tabindex="-1">'
    '<article class="md-search-result__article md-typeset" data-md-score="1"><h2>t <mark>m</mark></h2><p>t <mark>m</mark></p>'
    '</article></a><details class="md-search-result__more"><summary tabindex="-1"><div>n</div>'
    '</summary><a href="#" class="md-search-result__link" tabindex="-1">'
    '<article class="md-search-result__article md-typeset"><h2>t <mark>m</mark></h2></article></a></details></li>')
RUNTIME_HTML = [
    # (element it goes into: attribute or class, HTML)
    (("class", "md-search-result__list"), _SEARCH_RESULTS),
    # present.js: the button in the tools
    (("attr", "data-present-tools"), '<button type="button" class="md-button ns-tools__present" '
                                     'data-present aria-haspopup="dialog">p</button>'),
    # checker.js: the bar's progress line and buttons, Print beside each result's actions
    (("attr", "data-checker-bar"), '<p class="ns-checker__progress" data-checker-progress>p</p>'
                                   '<button type="button" class="md-button" data-checker-back>b'
                                   '</button><button type="button" class="md-button" '
                                   'data-checker-restart>r</button>'),
    (("attr", "data-checker-actions"), '<button type="button" class="md-button" '
                                       'data-checker-print>p</button> '),
]
# present.js: a slide (a copy of the page's blocks) in the stage of the frame it clones from
# the <template>; the template's content is spliced into <body> for matching.
_SLIDE = ('<section class="ns-present__slide md-typeset" data-present-slide="1" '
          'data-present-section="0" data-present-continued tabindex="-1"></section>'
          '<section class="ns-present__slide ns-present__probe md-typeset" aria-hidden="true">'
          '</section>')

_DYNAMIC_FUNCTIONS_KEPT = {"is", "where", "matches", "-webkit-any", "-moz-any", "has"}
_LEGACY_PSEUDO_ELEMENTS = {"before", "after", "first-line", "first-letter"}


class _Unsupported(Exception):
    """A selector this reader doesn't take apart (namespaces, ...): its rule is kept."""


@dataclass
class Compound:
    combinator: str                       # "" first, " ", ">", "+", "~"
    parts: list[str] = field(default_factory=list)       # simple selectors kept, as CSS
    static: list[str] = field(default_factory=list)      # the same without run-time ones
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)
    runtime: bool = False                 # names a run-time class or attribute


def _split(tokens, on=","):
    out, cur = [], []
    for t in tokens:
        if t.type == "literal" and t.value == on:
            out.append(cur)
            cur = []
        else:
            cur.append(t)
    out.append(cur)
    return out


def _strip_ws(tokens):
    tokens = list(tokens)
    while tokens and tokens[0].type in ("whitespace", "comment"):
        tokens.pop(0)
    while tokens and tokens[-1].type in ("whitespace", "comment"):
        tokens.pop()
    return tokens


def parse_selector(tokens) -> list[Compound]:
    """One complex selector as compounds, dynamic pseudo-classes and pseudo-elements taken off.
    Classes, ids, tags and attributes are noted outside :is()/:has() only (inside, they are
    alternatives or conditions that the engine checks)."""
    tokens = _strip_ws(tokens)
    compounds = [Compound("")]
    seen = False          # the current compound has had a token (even one taken off)
    i, pending = 0, None
    while i < len(tokens):
        t = tokens[i]
        kind = t.type
        if kind in ("whitespace", "comment"):
            pending = pending or " "
            i += 1
            continue
        if kind == "literal" and t.value in (">", "+", "~"):
            pending = t.value
            i += 1
            continue
        if pending is not None:
            if seen:
                compounds.append(Compound(pending))
            else:
                compounds[-1].combinator = pending   # a relative selector: :has(> p)
            pending = None
        seen = True
        c = compounds[-1]
        if kind == "ident":
            c.parts.append(t.value)
            c.static.append(t.value)
            c.tags.add(t.lower_value)
            i += 1
        elif kind == "literal" and t.value == "*":
            if i + 1 < len(tokens) and tokens[i + 1].type == "literal" and tokens[i + 1].value == "|":
                raise _Unsupported()
            c.parts.append("*")
            c.static.append("*")
            i += 1
        elif kind == "hash":
            c.parts.append("#" + t.value)
            c.static.append("#" + t.value)
            c.ids.add(t.value)
            i += 1
        elif kind == "literal" and t.value == ".":
            name = tokens[i + 1] if i + 1 < len(tokens) else None
            if name is None or name.type != "ident":
                raise _Unsupported()
            c.classes.add(name.value)
            c.parts.append("." + name.value)
            if name.value in RUNTIME_CLASSES:
                c.runtime = True
            else:
                c.static.append("." + name.value)
            i += 2
        elif kind == "[] block":
            inner = [x for x in t.content if x.type not in ("whitespace", "comment")]
            if not inner or inner[0].type != "ident" or (len(inner) > 1 and inner[1].type == "literal"
                                                          and inner[1].value == "|"):
                raise _Unsupported()
            attr = inner[0].lower_value
            text = tinycss2.serialize([t])
            c.attributes.add(attr)
            c.parts.append(text)
            if attr in RUNTIME_ATTRIBUTES:
                c.runtime = True
            else:
                c.static.append(text)
            i += 1
        elif kind == "literal" and t.value == ":":
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt is None:
                raise _Unsupported()
            if nxt.type == "literal" and nxt.value == ":":
                i += 3   # ::pseudo-element or ::pseudo(...)
                continue
            if nxt.type == "ident":
                if nxt.lower_value == "root":
                    c.parts.append(":root")
                    c.static.append(":root")
                # Every other pseudo-class is a state, or can change at run time: taken off
                # (legacy :before/:after are pseudo-elements: off too).
                i += 2
                continue
            if nxt.type == "function":
                name = nxt.lower_name
                if name in _DYNAMIC_FUNCTIONS_KEPT:
                    inner, runtime = [], False
                    for arg in _split(nxt.arguments):
                        sub = parse_selector(arg)
                        runtime = runtime or any(s.runtime for s in sub)
                        inner.append(_text(sub))
                    text = f":{'has' if name == 'has' else 'is'}({','.join(inner)})"
                    c.parts.append(text)
                    if runtime:
                        c.runtime = True
                    else:
                        c.static.append(text)
                # :not(), :nth-child(), :lang(), :dir(), ...: taken off (the selector only
                # gets wider).
                i += 2
                continue
            raise _Unsupported()
        else:
            raise _Unsupported()
    return compounds


def _text(compounds: list[Compound], static: bool = False) -> str:
    out = []
    for n, c in enumerate(compounds):
        body = "".join(c.static if static else c.parts) or "*"
        if c.combinator and (n or c.combinator != " "):
            out.append(c.combinator)
        out.append(body)
    return "".join(out)


class Pages:
    """The built pages as the Lexbor engine reads them, with what scripts add (RUNTIME_HTML)."""

    def __init__(self, pages: list[tuple[str, htmlscan.Page]]):
        self.trees = [LexborHTMLParser(with_runtime(html, scan)) for html, scan in pages]
        self.classes, self.ids, self.tags, self.attributes = set(), set(), set(), set()
        for tree in self.trees:
            for node in tree.root.traverse(include_text=False):
                tag = node.tag
                if not tag or tag.startswith("-"):
                    continue
                self.tags.add(tag.lower())
                for name, value in node.attributes.items():
                    self.attributes.add(name.lower())
                    if name == "class" and value:
                        self.classes.update(value.split())
                    elif name == "id" and value:
                        self.ids.add(value)
        self._cache: dict[str, bool] = {}

    def could(self, compounds: list[Compound], *, static: bool = False) -> bool:
        """Every class, id, tag and attribute the selector names (outside :is()/:has()) exists
        on some page; `static`: leaving out the run-time ones."""
        for c in compounds:
            classes = c.classes - RUNTIME_CLASSES if static else c.classes
            attributes = c.attributes - RUNTIME_ATTRIBUTES if static else c.attributes
            if not (classes <= self.classes and attributes <= self.attributes
                    and c.ids <= self.ids and c.tags <= self.tags):
                return False
        return True

    def matches(self, selector: str) -> bool:
        """Some page has an element `selector` matches (True when the engine can't read it)."""
        if selector in self._cache:
            return self._cache[selector]
        try:
            found = any(tree.css_first(selector) is not None for tree in self.trees)
        except Exception:   # noqa: BLE001 - a selector Lexbor can't parse: keep its rule
            found = True
        self._cache[selector] = found
        return found


def with_runtime(html: str, scan: htmlscan.Page) -> str:
    """The page with what scripts build in it (RUNTIME_HTML, the slides' frame), spliced in by
    the HTML parser's offsets."""
    edits = []
    for tag in scan.tags:
        classes = (tag.get("class") or "").split()
        for (kind, name), snippet in RUNTIME_HTML:
            if (kind == "class" and name in classes) or (kind == "attr" and tag.has(name)):
                edits.append((tag.end, snippet))
        if tag.name == "template" and tag.has("data-present-ui") and tag.close is not None:
            frame = html[tag.end:tag.close].replace("data-present-stage>",
                                                    "data-present-stage>" + _SLIDE, 1)
            body = scan.first("body")
            if body is not None and body.close is not None:
                edits.append((body.close, frame))
    for at, text in sorted(edits, reverse=True):
        html = html[:at] + text + html[at:]
    return html


def selector_kept(tokens, pages: Pages) -> bool:
    try:
        compounds = parse_selector(tokens)
    except (_Unsupported, IndexError):
        return True
    if not any(c.runtime for c in compounds):
        return pages.could(compounds) and pages.matches(_text(compounds))
    # A run-time class or attribute: each part of the selector, without it, must exist.
    if not pages.could(compounds, static=True):
        return False
    return all(not c.static or pages.matches("".join(c.static)) for c in compounds)


def kept_selectors(rule, pages: Pages) -> str | None:
    """The rule's selector list with only the selectors that can match (None: none can). A list
    holding a prefixed selector (-webkit-, -moz-, -ms-) that can't match stays whole: an engine
    that rejects it drops the whole rule, and it must go on doing so."""
    selectors = [_strip_ws(sel) for sel in _split(rule.prelude)]
    keep = [selector_kept(sel, pages) for sel in selectors]
    if not any(keep):
        return None
    if not all(keep) and any("-webkit-" in (text := tinycss2.serialize(sel)) or "-moz-" in text
                             or "-ms-" in text for sel, k in zip(selectors, keep) if not k):
        return tinycss2.serialize(rule.prelude).strip()
    return ",".join(tinycss2.serialize(sel) for sel, k in zip(selectors, keep) if k)


# --- custom properties and @keyframes ----------------------------------------------------

def _walk_tokens(tokens):
    for t in tokens:
        yield t
        if t.type == "function":
            yield from _walk_tokens(t.arguments)
        elif t.type in ("() block", "[] block", "{} block"):
            yield from _walk_tokens(t.content)


def _reads(tokens) -> set[str]:
    """Custom properties a value reads with var(--name)."""
    out = set()
    for t in _walk_tokens(tokens):
        if t.type == "function" and t.lower_name == "var":
            args = [a for a in t.arguments if a.type not in ("whitespace", "comment")]
            if args and args[0].type == "ident" and args[0].value.startswith("--"):
                out.add(args[0].value)
    return out


_ANIMATION = {"animation", "animation-name", "-webkit-animation", "-webkit-animation-name"}


@dataclass
class _Rule:
    prelude: str
    declarations: list            # tinycss2 Declaration nodes (or None: not a style rule)
    raw: str | None = None        # at-rules written as they were (@page, @font-face, ...)


def _declarations(content):
    return [d for d in tinycss2.parse_blocks_contents(content, skip_whitespace=True,
                                                     skip_comments=True)
            if d.type in ("declaration", "qualified-rule", "at-rule")]


def _write_declarations(decls) -> str:
    out = []
    for d in decls:
        if d.type == "declaration":
            value = tinycss2.serialize(d.value).strip()
            out.append(f"{d.name}:{value}{'!important' if d.important else ''}")
        else:
            out.append(d.serialize())
    return ";".join(out)


def purge(css: str, pages: Pages, script_text: str = "") -> str:
    """The rules of `css` the pages can use, unused custom properties and keyframes left out."""
    sheet = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)

    def keep(rules):
        out = []
        for rule in rules:
            if rule.type == "qualified-rule":
                prelude = kept_selectors(rule, pages)
                if prelude is not None:
                    out.append(("rule", prelude, _declarations(rule.content)))
            elif rule.type == "at-rule":
                kw = rule.lower_at_keyword
                if kw in ("media", "supports", "layer", "container", "document") and rule.content is not None:
                    inner = keep(tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True,
                                                                skip_comments=True))
                    if inner:
                        out.append(("group", "@" + rule.at_keyword + tinycss2.serialize(rule.prelude).rstrip(), inner))
                elif kw == "keyframes" or kw.endswith("-keyframes"):
                    names = [t.value for t in rule.prelude if t.type in ("ident", "string")]
                    out.append(("keyframes", names[0] if names else "", rule.serialize()))
                else:   # @charset, @page, @font-face, @import, @namespace ...
                    out.append(("raw", None, rule.serialize()))
        return out

    kept = keep(sheet)
    # Custom properties nothing reads, to a fixed point.
    script_reads = set(re.findall(r"--[A-Za-z0-9_-]+", script_text))
    while True:
        reads, declared = set(script_reads), set()
        for decls in _all_declarations(kept):
            for d in decls:
                if d.type != "declaration":
                    continue
                if d.name.startswith("--"):
                    declared.add(d.name)
                reads |= _reads(d.value)
        unused = declared - reads
        if not unused:
            break
        _drop_properties(kept, unused)
    animations = set()
    for decls in _all_declarations(kept):
        for d in decls:
            if d.type == "declaration" and d.lower_name in _ANIMATION:
                animations |= {t.value for t in d.value if t.type == "ident"}
    return _write(kept, animations)


def _all_declarations(kept):
    for kind, _, body in kept:
        if kind == "rule":
            yield body
        elif kind == "group":
            yield from _all_declarations(body)


def _drop_properties(kept, names):
    for item in kept:
        kind, _, body = item
        if kind == "rule":
            body[:] = [d for d in body if not (d.type == "declaration" and d.name in names)]
        elif kind == "group":
            _drop_properties(body, names)


def _write(kept, animations) -> str:
    out = []
    for kind, head, body in kept:
        if kind == "rule":
            if body:
                out.append(f"{head}{{{_write_declarations(body)}}}")
        elif kind == "group":
            inner = _write(body, animations)
            if inner:
                out.append(f"{head}{{{inner}}}")
        elif kind == "keyframes":
            if head in animations:
                out.append(body)
        else:
            out.append(body)
    return "".join(out)
