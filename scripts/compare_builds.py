"""Compare two builds of the site page by page (issue 12: MkDocs + Material against Zensical).

    python scripts/compare_builds.py [SITE_A] [SITE_B] [--report-only] [--max N]

Defaults: site/ (`make build`) against site-zensical/ (`make build-zensical`). For every page of
docs/ in both languages it compares what a reader and the tests rely on:

- the page exists, its <html lang> and <title>;
- the h1-h3 headings of the article, text and id, in order;
- the facts the page's Markdown uses ({{ key }} in docs/NAME.LANG.md), as data/facts.yml writes
  them (sitebuild/facts.py), and any {{ ... }} left unfilled;
- the checker's questions, choices and outcomes (data-question, data-choice, data-outcome) and
  the diagram's nodes, against the flow in data/checker.yml (the outcomes as checker.js puts them
  back from checker-results.js: issue 25);
- the pages the post-build step makes (each checker result's own page, the facts' pages), the
  same way as the others, with their quick exit and policy;
- where every link in the article leads (relative links resolved to a file of the build), and
  what the checker's printed sheet shows: each link's address (data-print-url) and the site's
  name and address (data-checker-site);
- the quick exit: the skip link first in <body>, the button in the bar (data-quick-exit), the
  link to the safety page beside it;
- the CSP <meta> first in <head>, with a hash for every inline script;
- the language switch and the hreflang links in <head>: which page each one leads to;
- 404.html, the same way (its <html lang> left out: it is rendered after either language);
- the search index of each language: which pages it holds, how many entries, its language, the
  search words of each section (front matter `keywords:`), and no checker question or result
  (no entry at a node's anchor, none holding a question's or a result's title: listed as "A:"
  or "B:");
- the site's own files (_headers, 404.html, assets/site/), by name; no .py file in either build.

Checks that one build fails on its own (a fact missing, a {{ }} left, no CSP, no quick exit, a
checker node absent, no link to the twin page, a .py file published) are listed as "A: ..." or
"B: ...", even when the other build fails them too. It prints every difference and exits 1 when
there is one (0 with --report-only), 2 when a folder is missing. It only reports what it finds in
the built files.

What comes from the engines themselves is listed apart, as "engine-specific", and not counted:
where each language's search index lives and its format (Material's lunr index, Zensical's
search.json), and the theme's own files (scripts, stylesheets, sitemaps, the copies of every
asset that Zensical puts in each language's folder). The 404 page's safety link may lead to
either language's safety page: 404.html is rendered once, after one language or the other.
"""
from __future__ import annotations

import argparse
import html as htmllib
import json
import posixpath
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support import DOCS, LANGS, built_path, page_pairs, page_url  # noqa: E402  (adds the project root)

from sitebuild import checker as C  # noqa: E402
from sitebuild import checker_split  # noqa: E402
from sitebuild import csp_policy  # noqa: E402
from sitebuild import htmlscan  # noqa: E402
from sitebuild import facts as F  # noqa: E402

SPACES = re.compile(r"[\u00a0\u202f\u2009\s]+")
ASCII_SPACES = re.compile(r"[ \t\r\n\f]+")  # headings keep their no-break spaces (typography)
LEFT_OVER = re.compile(r"\{\{[^{}]*\}\}")
CSP_META = re.compile(r'<head[^>]*>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
SKIP_TEXT = {"script", "style", "svg", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
CHECKER_MARKER = "<!-- ns:checker -->"  # where sitebuild/markers.py puts the checker
# Where each build writes a language's search index, relative to that language's root:
# MkDocs + the post-build step (sitebuild/languages.py), then Zensical.
SEARCH_FILES = ("search/search_index.json", "search.json")
# The site's own files (besides pages), compared by name; other files are the theme's.
SITE_FILES = re.compile(r"^(_headers|404\.html|assets/site/.+)$")
# Differences that the engines make, listed apart and not counted (see the docstring).
ENGINE_SPECIFIC = {"search index": ("file",), "other files (not pages)": ("engine files",)}


def norm(text: str) -> str:
    return SPACES.sub(" ", text).strip()


class Page(HTMLParser):
    """Everything the comparison reads from one built page, in one pass."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = self.title = None
        self.headings: list[tuple[str, str | None, str]] = []
        self.text: list[str] = []
        self.first_control = None
        self.quick_exit: list[dict] = []
        self.lang_links: list[tuple[str, str]] = []
        self.alternates: list[tuple[str, str]] = []
        self.in_bar = 0
        self.bar_button = False
        self.safety_link = None
        self.checker: dict[str, set] = {"question": set(), "outcome": set(), "choice": set(),
                                        "flow": set()}
        self.links: list[str] = []      # href of every link in the article
        self.printed: set[str] = set()  # the checker's printed addresses and site line
        self._site_line = None
        self._article = self._body = False
        self._heading = None
        self._skip = 0
        self._headerlink = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "title":
            self._in_title, self.title = True, ""
        elif tag == "body":
            self._body = True
        elif tag == "article":
            self._article = True
        if self._body and self.first_control is None and tag in ("a", "input", "label", "button"):
            self.first_control = (tag, a.get("data-quick-exit"))
        if "data-quick-exit-bar" in a:
            self.in_bar = 1
        elif self.in_bar and tag not in VOID:
            self.in_bar += 1
        if tag == "link" and a.get("hreflang") and "alternate" in (a.get("rel") or "").split():
            self.alternates.append((a["hreflang"], a.get("href") or ""))
        if tag == "a" and a.get("hreflang") and "data-present-lang" not in a:
            self.lang_links.append((a["hreflang"], a.get("href") or "",
                                    "data-lang-switch" in a))
        if tag == "a" and "ns-qe__safety" in (a.get("class") or "").split():
            self.safety_link = a.get("href")
        if tag == "a" and "data-quick-exit" in a:
            self.quick_exit.append(a)
            if self.in_bar and a.get("data-quick-exit") != "skip":
                self.bar_button = True
        for kind in ("question", "outcome"):
            if a.get(f"data-{kind}"):
                self.checker[kind].add(a[f"data-{kind}"])
        if a.get("data-choice"):
            self.checker["choice"].add(f"{a['data-choice']}->{a.get('data-next')}")
        for kind in ("flow-question", "flow-outcome"):
            if a.get(f"data-{kind}"):
                self.checker["flow"].add(a[f"data-{kind}"])
        if self._article and tag == "a" and a.get("href") is not None:
            self.links.append(a["href"])
        if a.get("data-print-url"):
            self.printed.add(f"link -> {a['data-print-url']}")
        if "data-checker-site" in a:
            self._site_line = ""
        if tag in SKIP_TEXT:
            self._skip += 1
        if self._heading is not None and tag == "a" and "headerlink" in (a.get("class") or ""):
            self._headerlink += 1
        if self._article and tag in ("h1", "h2", "h3"):
            self._heading = [tag, a.get("id"), ""]

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.in_bar:
            self.in_bar -= 1
        if tag == "title":
            self._in_title = False
        elif tag == "p" and self._site_line is not None:
            self.printed.add(f"site: {norm(self._site_line)}")
            self._site_line = None
        elif tag == "article":
            self._article = False
        elif tag in SKIP_TEXT and self._skip:
            self._skip -= 1
        elif tag == "a" and self._headerlink:
            self._headerlink -= 1
        if self._heading is not None and tag == self._heading[0]:
            text = ASCII_SPACES.sub(" ", self._heading[2]).strip()
            self.headings.append((self._heading[0], self._heading[1], text))
            self._heading = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._site_line is not None:
            self._site_line += data
        if self._skip:
            return
        if self._heading is not None and not self._headerlink:
            self._heading[2] += data
        if self._article:
            self.text.append(data)


def read_page(path: Path) -> tuple[Page, str]:
    """A page as parsed; the checker's page with its results, as checker.js puts them back from
    checker-results.js (issue 25; each result's own page is compared on its own too)."""
    raw = path.read_text(encoding="utf-8")
    js = path.parent / checker_split.RESULTS_JS
    if "data-results=" in raw and js.is_file():
        # Where checker.js puts them: at the end of the checker's root, inside the article.
        results = checker_split.results_of(js.read_text(encoding="utf-8"))
        root = next((t for t in htmlscan.read(raw).tags
                     if t.has("data-results") and t.close is not None), None)
        at = root.close if root is not None else len(raw)
        raw = raw[:at] + results + raw[at:]
    page = Page()
    page.feed(raw)
    return page, raw


def _missing(pa: Path, pb: Path, where: str, report: dict) -> bool:
    """Notes in `report` a page that one build lacks; True if one does."""
    absent = [label for label, p in (("A", pa), ("B", pb)) if not p.is_file()]
    if absent:
        report[where] = [f"missing in {' and '.join(absent)}"]
    return bool(absent)


def made_pages(site: Path) -> list[str]:
    """The pages the post-build step makes beside a page (checker results, facts: issue 25)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if p.name not in ("index.html", "404.html")
                  and not p.relative_to(site).as_posix().startswith("assets/"))


# --- what each page should carry, from the sources ---------------------------------------------

def expected_facts(facts: dict, name: str, lang: str) -> list[tuple[str, str, str]]:
    """(placeholder, where, text) for each fact the page's Markdown uses: `where` is "text" for
    what the reader sees, "html" for an address that only appears in an attribute."""
    source = (DOCS / f"{name}.{lang}.md").read_text(encoding="utf-8")
    out = []
    for m in F.PLACEHOLDER.finditer(source):
        mode, key = m.group(1), m.group(2)
        if key not in facts["facts"]:
            continue
        label = f"{mode + ':' if mode else ''}{key}"
        if mode == "url":
            out.append((label, "html", F.href(facts, key, lang, "url")))
        elif mode == "source":
            out.append((label, "text", ", ".join(F.source_title(facts, s, lang)
                                                 for s in F.get(facts, key)["source"])))
        elif mode == "by":
            out.append((label, "text", F.attribution(facts, key, lang)))
        else:
            out.append((label, "text", F.text(facts, key, lang)))
    return sorted(set(out))


def resolve(rel: str, href: str) -> str:
    """Where a link on the page at `rel` leads, as a file of the build (site served at /). A
    relative link that climbs above the site's root (which a site served at / would hide, and
    one under a sub-path would break) says so."""
    path = urlparse(href).path
    if path and not path.startswith("/"):
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
        if joined == ".." or joined.startswith("../"):
            return f"above the site's root: {href} from {rel}"
    if not path.startswith("/"):
        path = posixpath.join("/" + posixpath.dirname(rel), path) + ("/" if path.endswith("/") else "")
    file = posixpath.normpath(path).lstrip("/")
    if path.endswith("/") or not file:
        file = f"{file}/index.html" if file else "index.html"
    return file


def target(rel: str, href: str) -> str:
    """Where a link leads: another site's address as written; on this site, the file (resolve)
    and the anchor."""
    parts = urlparse(href)
    if parts.scheme or href.startswith("//"):
        return href
    return resolve(rel, href) + (f"#{parts.fragment}" if parts.fragment else "")


def check_page(page: Page, raw: str, facts_expected, rel: str = "") -> dict:
    """The comparable state of one page."""
    text = norm(htmllib.unescape(" ".join(page.text)))
    raw_u = htmllib.unescape(raw)
    missing = [label for label, where, value in facts_expected
               if norm(value) not in (text if where == "text" else raw_u)]
    csp = CSP_META.search(raw)
    if csp:
        allowed = set(csp.group(1).replace(";", " ").split())
        unhashed = sum(csp_policy.sha256(s) not in allowed for s in csp_policy.inline_scripts(raw))
        csp_state = "first in <head>" + (f", {unhashed} inline script(s) not hashed" if unhashed else
                                          ", every inline script hashed")
    else:
        csp_state = "absent" if "Content-Security-Policy" not in raw else "not first in <head>"
    skip_first = page.first_control == ("a", "skip")
    exits = len(page.quick_exit)
    qe = [] if skip_first else ["skip link not first in <body>"]
    qe += [] if page.bar_button else ["no button in the bar"]
    qe += [] if exits == 2 else [f"{exits} data-quick-exit links, not 2 (skip link and button)"]
    if page.safety_link is None:
        qe.append("no link to the safety page beside the button")
    else:
        qe.append(f"safety link -> {resolve(rel, page.safety_link)}")
    return {
        "lang": page.lang,
        "title": norm(page.title or ""),
        "headings": page.headings,
        "facts missing": missing,
        "unfilled {{ }}": sorted(set(LEFT_OVER.findall(text))),
        "checker": {k: sorted(v) for k, v in page.checker.items() if v},
        "links in the article": sorted({target(rel, href) for href in page.links}),
        "checker's printed sheet": sorted(page.printed),
        "language switch": sorted({
            f"{'one visible link' if ours else 'theme selector'} ({hreflang}) -> {resolve(rel, href)}"
            for hreflang, href, ours in page.lang_links if hreflang != page.lang}),
        "hreflang in <head>": sorted({f"{hreflang} -> {resolve(rel, href)}"
                                      for hreflang, href in page.alternates}),
        "quick exit": qe if exits else ["absent"],
        "CSP": csp_state,
    }


# --- search ------------------------------------------------------------------------------------

def search_state(site: Path, lang: str, flow: dict | None = None, facts: dict | None = None) -> dict:
    base = site if lang == LANGS[0] else site / lang
    for rel in SEARCH_FILES:
        path = base / rel
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = data.get("docs") or data.get("items") or []
            pages = sorted({e["location"].split("#")[0] for e in entries})
            langs = data.get("config", {}).get("lang")
            left = sum(bool(LEFT_OVER.search(e.get("text", "") + e.get("title", ""))) for e in entries)
            other = sorted(p for p in pages if p.startswith(tuple(f"{x}/" for x in LANGS if x != lang)))
            words = {e["location"]: e["keywords"] for e in entries if e.get("keywords")}
            return {"file": str(path.relative_to(site)), "pages": pages, "entries": len(entries),
                    "lang": langs, "entries with {{ }}": left, "pages of another language": other,
                    "search words": words,
                    "checker in the index": checker_in_index(entries, flow, facts, lang)}
    return {"file": None}


def checker_in_index(entries: list, flow: dict | None, facts: dict | None, lang: str) -> list[str]:
    """Entries that lead to a checker node (its anchor), and entries of the pages that show the
    checker or its outline that hold a question's or a result's title (issue 22: a search result
    must not put a node's address in the history). Other pages may ask the same ("Are you 18 or
    older?" heads a section of aide)."""
    if flow is None:
        return []
    checker_pages = {page_url("", name, lang) for name in page_pairs()
                     if "<!-- ns:checker" in (DOCS / f"{name}.{lang}.md").read_text(encoding="utf-8")}
    checker_pages |= {f"{name}.html" for name in page_pairs()
                      if page_url("", name, lang) in checker_pages}
    nodes = set(flow["questions"]) | set(flow["outcomes"])
    titles = {norm(C.plain(flow, facts, node["title"][lang], lang))
              for kind in ("questions", "outcomes") for node in flow[kind].values()}
    found = []
    for e in entries:
        anchor = e["location"].partition("#")[2]
        bare = re.sub(r"^flow-|-(h|steps)$", "", anchor)
        if bare in nodes:
            found.append(e["location"])
            continue
        if e["location"].partition("#")[0] not in checker_pages:
            continue
        text = norm(htmllib.unescape(re.sub(r"<[^>]+>", " ", e.get("title", "") + " " + e.get("text", ""))))
        hits = sorted(t for t in titles if len(t) > 12 and t in text)
        if hits:
            found.append(f"{e['location']}: {hits[0]!r}")
    return found


# --- comparing ---------------------------------------------------------------------------------

def diff_list(a: list, b: list, limit: int) -> list[str]:
    only_a = [x for x in a if x not in b]
    only_b = [x for x in b if x not in a]
    out = []
    for label, items in (("only in A", only_a), ("only in B", only_b)):
        if items:
            shown = "; ".join(map(fmt, items[:limit]))
            more = f" (+{len(items) - limit} more)" if len(items) > limit else ""
            out.append(f"{label} ({len(items)}): {shown}{more}")
    if not out and a != b:
        out.append("same items, different order")
    return out


def fmt(item) -> str:
    if isinstance(item, tuple) and len(item) == 3:
        tag, hid, text = item
        return f"{tag}#{hid} {text!r}"
    return str(item)


# Checked in each build on its own (own_problems), so they are not listed twice.
OWN = {"facts missing", "unfilled {{ }}", "CSP", "checker in the index"}


def compare_states(a: dict, b: dict, limit: int) -> list[str]:
    out = []
    for key in (a.keys() | b.keys()) - OWN:
        va, vb = a.get(key), b.get(key)
        if va == vb:
            continue
        if isinstance(va, list) and isinstance(vb, list):
            out += [f"{key}: {line}" for line in diff_list(va, vb, limit)]
        elif isinstance(va, dict) and isinstance(vb, dict):
            for sub in sorted(va.keys() | vb.keys()):
                la, lb = va.get(sub, []), vb.get(sub, [])
                if la != lb:
                    if isinstance(la, list) and isinstance(lb, list):
                        out += [f"{key} {sub}: {line}" for line in diff_list(la, lb, limit)]
                    else:
                        out.append(f"{key} {sub}: A {la!r} / B {lb!r}")
        else:
            out.append(f"{key}: A {va!r} / B {vb!r}")
    return sorted(out)


def own_problems(state: dict, nodes: set, name: str, lang: str, limit: int) -> list[str]:
    """What one build gets wrong on its own, even when the other build gets it wrong too."""
    out = []
    for key in ("facts missing", "unfilled {{ }}"):
        if state[key]:
            out.append(f"{key} ({len(state[key])}): {'; '.join(state[key][:limit])}"
                       + (" ..." if len(state[key]) > limit else ""))
    if state["CSP"] != "first in <head>, every inline script hashed":
        out.append(f"CSP {state['CSP']}")
    qe = [x for x in state["quick exit"] if not x.startswith("safety link -> ")]
    if qe:
        out.append(f"quick exit: {'; '.join(qe)}")
    for other in LANGS:
        twin = built_path(name, other)
        if lang and other != lang and not any(link.endswith(f"({other}) -> {twin}")
                                              for link in state["language switch"]):
            out.append(f"language switch: no link to {twin}")
    source = DOCS / f"{name}.{lang}.md"
    if source.is_file() and CHECKER_MARKER in source.read_text(encoding="utf-8"):
        found = set(state["checker"].get("question", [])) | set(state["checker"].get("outcome", []))
        if found != nodes:
            out.append(f"checker: {len(nodes - found)} of the {len(nodes)} questions and outcomes "
                       f"of data/checker.yml absent")
    return out


def compare(site_a: Path, site_b: Path, limit: int = 5) -> dict:
    """{where: [difference, ...]} for every page and search index that differs, plus the
    checks each build fails on its own (facts missing, checker nodes absent)."""
    facts = F.load(ROOT / "data" / "facts.yml")
    flow = C.load(ROOT / "data" / "checker.yml", facts)
    nodes = set(C.order(flow))
    report: dict[str, list[str]] = {}
    pages = [(name, lang, built_path(name, lang)) for name in page_pairs() for lang in LANGS]
    for name, lang, rel in pages + [("404", "", "404.html")]:  # one 404 page, in both languages
        where = f"{rel} ({lang or '/'.join(LANGS)})"
        pa, pb = site_a / rel, site_b / rel
        if _missing(pa, pb, where, report):
            continue
        expected = expected_facts(facts, name, lang) if lang else []
        states = [check_page(*read_page(p), expected, rel) for p in (pa, pb)]
        if not lang:  # 404.html is rendered once, after either language: its <html lang> varies,
            for st in states:  # and so does the language of its quick exit's safety page
                del st["lang"], st["title"]
                st["quick exit"] = [re.sub(r"^(safety link -> )(?:[a-z]{2}/)?", r"\1(fr|en)/", x)
                                    for x in st["quick exit"]]
        lines = compare_states(*states, limit)
        for label, st in zip("AB", states):
            lines += [f"{label}: {line}" for line in own_problems(st, nodes, name, lang, limit)]
        if lines:
            report[where] = lines
    # The pages the post-build step makes (the checker's results' page, the facts' pages): the same
    # in both builds, each with its quick exit and its policy.
    for rel in sorted(set(made_pages(site_a)) | set(made_pages(site_b))):
        where = f"{rel} (made)"
        pa, pb = site_a / rel, site_b / rel
        if _missing(pa, pb, where, report):
            continue
        states = [check_page(*read_page(p), [], rel) for p in (pa, pb)]
        lines = compare_states(*states, limit)
        for label, st in zip("AB", states):
            if st["CSP"] != "first in <head>, every inline script hashed":
                lines.append(f"{label}: CSP {st['CSP']}")
            if [x for x in st["quick exit"] if not x.startswith("safety link -> ")]:
                lines.append(f"{label}: quick exit: {st['quick exit']}")
        if lines:
            report[where] = lines
    for lang in LANGS:
        states = [search_state(site, lang, flow, facts) for site in (site_a, site_b)]
        lines = compare_states(*states, limit)
        for label, st in zip("AB", states):
            found = st.get("checker in the index") or []
            if found:
                lines.append(f"{label}: checker in the index ({len(found)}): "
                             f"{'; '.join(found[:limit])}" + (" ..." if len(found) > limit else ""))
        if lines:
            report[f"search index ({lang})"] = lines
    files = [sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                    if p.is_file() and p.name != "index.html") for site in (site_a, site_b)]
    lines = [f"files: {line}" for line in diff_list(*[[f for f in fs if SITE_FILES.match(f)]
                                                       for fs in files], limit)]
    lines += [f"engine files: {line}" for line in diff_list(
        *[[f for f in fs if not SITE_FILES.match(f)] for fs in files], limit)]
    for label, fs in zip("AB", files):
        py = [f for f in fs if f.endswith(".py")]
        if py:
            lines.append(f"{label}: Python files published ({len(py)}): {'; '.join(py[:limit])}")
    if lines:
        report["other files (not pages)"] = lines
    return report


def split_engine_specific(report: dict) -> tuple[dict, dict]:
    """(differences, engine-specific differences): see ENGINE_SPECIFIC."""
    counted, engine = {}, {}
    for where, lines in report.items():
        kinds = next((v for k, v in ENGINE_SPECIFIC.items() if where.startswith(k)), ())
        for line in lines:
            target = engine if line.split(":")[0] in kinds else counted
            target.setdefault(where, []).append(line)
    return counted, engine


def kind_of(line: str) -> str:
    """'B: facts missing (10): ...' -> 'B: facts missing'; 'headings: only in A ...' -> 'headings'."""
    who, _, rest = line.partition(": ") if line[:3] in ("A: ", "B: ") else ("", "", line)
    what = re.split(r"[:(]", rest)[0].strip()
    return f"{who}: {what}" if who else what


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site_a", nargs="?", default=str(ROOT / "site"), help="default: site/")
    ap.add_argument("site_b", nargs="?", default=str(ROOT / "site-zensical"),
                    help="default: site-zensical/")
    ap.add_argument("--report-only", action="store_true", help="exit 0 even when they differ")
    ap.add_argument("--max", type=int, default=5, help="items shown per difference (default 5)")
    args = ap.parse_args(argv)
    a, b = Path(args.site_a), Path(args.site_b)
    for p in (a, b):
        if not p.is_dir():
            print(f"no build at {p}: `make build` / `make build-zensical` first", file=sys.stderr)
            return 2
    report, engine = split_engine_specific(compare(a, b, args.max))
    made = len(set(made_pages(a)) | set(made_pages(b)))
    total = len(LANGS) * len(page_pairs()) + 1 + made  # and 404.html, and the pages made
    pages = [w for w in report if w.endswith(")") and not w.startswith(("search index", "other"))]
    print(f"A: {a}\nB: {b}\n")
    for title, part in (("", report), ("Engine-specific (not counted):\n", engine)):
        print(title, end="")
        for where, lines in part.items():
            print(where)
            for line in lines:
                print(f"  - {line}")
    kinds: dict[str, int] = {}
    for where in pages:
        for kind in {kind_of(line) for line in report[where]}:
            kinds[kind] = kinds.get(kind, 0) + 1
    if kinds:
        print("\nPages per kind of difference:")
        for kind, count in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {count:3}  {kind}")
    print(f"\n{total} pages compared ({len(page_pairs())} in each of {', '.join(LANGS)}, 404.html, and "
          f"{made} made by the post-build step): "
          f"{total - len(pages)} the same, {len(pages)} differ; search indexes differing: "
          f"{sum(w.startswith('search index') for w in report)} of {len(LANGS)}; site files "
          f"{'differ' if 'other files (not pages)' in report else 'the same'}"
          f"{'; engine-specific differences listed apart' if engine else ''}.")
    return 1 if report and not args.report_only else 0


if __name__ == "__main__":
    sys.exit(main())
