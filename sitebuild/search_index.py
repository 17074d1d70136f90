"""The site's search indexes, finished by the post-build step (postbuild.py) once the engine has
written its own: Material's search/search_index.json (MkDocs) or Zensical's search.json, one per
language. Each language's index ends up:

- its own. Material's search plugin and the i18n plugin write one index for both languages: it
  is split, French at search/ (with French stemming) and English at en/search/ (and, for the
  offline copy, as a script, search_index.js, which Material reads from file://);
- with the words people search with. A page's front matter may list them under `keywords:`
  (README, "Search"): a list for the whole page, or a list per section, by heading id. They go
  into that language's index in a field of their own, weighed above a title, and are never shown
  (Material renders a result's title, text and tags only): "nudes" finds image-intime first;
- free of the checker. Nothing inside an element marked `data-checker` (the checker's questions,
  choices and results) or `data-checker-diagram` (the educators' outline of it) stays in the
  index, nor any anchor inside it: a search result would otherwise lead to
  `verificateur/#out_...-h` and leave that address in the browser's history (issue 22). The
  checker page is still found by its title and introduction;
- French: words are split at apostrophes too, so « l'ordonnance » is found as « ordonnance ».

How the words are matched (accents, stemming of Material's "word*" queries) is the browser's side:
overrides/assets/javascripts/workers/search-tune.js. Zensical's search reads title, text and
path only: the search words are in its index too, but don't weigh there (README, "Engines").
Running this twice gives the same files.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

from sitebuild import languages as L

KEYWORDS = "keywords"
# lunr field boosts in Material's index: title 1000, text 1, tags 1000000 (tags are shown, so
# they can't carry search words). Search words weigh above a title: an author listed them to say
# "this is the page for that word".
KEYWORDS_BOOST = 2000.0
# Elements whose content stays out of the index (the checker, its outline on educateurs/schema).
CHECKER_ATTRS = ("data-checker", "data-checker-diagram")
ELISION = "|['’]"   # French separator: « l'image » is two words, « l » and « image »
MATERIAL_FILE, ZENSICAL_FILE = "search/search_index.json", "search.json"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}
_FRONT = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:-{3}|\.{3})[ \t]*(?:\n|\Z)", re.S)
_STR_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:int"}
_SPACE = re.compile(r"\s+")


def run(site: str | Path, *, docs_dir: str | Path, offline: bool) -> list[str]:
    """Split, clean and complete the search indexes of the built folder `site`. Returns the
    problems found (a front matter's `keywords:` that can't be used), each naming the page."""
    site, docs = Path(site), Path(docs_dir)
    indexes = _split(site) or _per_language(site)
    if not indexes:
        return []
    words, problems = search_words(docs)
    for lang, (data, entries_key, path) in indexes.items():
        entries = without_checker(data[entries_key], _checker_pages(site, docs, lang))
        problems += add_search_words(entries, words.get(lang, {}), page_names(docs, lang))
        data[entries_key] = entries
        config = data.setdefault("config", {})
        if entries_key == "docs":  # Material's lunr index: a field of its own
            config.setdefault("fields", {})[KEYWORDS] = {"boost": KEYWORDS_BOOST}
        if lang == "fr" and "separator" in config and not config["separator"].endswith(ELISION):
            config["separator"] += ELISION
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        path.write_text(text, encoding="utf-8")
        if offline and entries_key == "docs":
            # Material reads the index from a script when the page comes from file://.
            path.with_suffix(".js").write_text(f"var __index = {text}", encoding="utf-8")
    return problems


# --- one index per language --------------------------------------------------------------------

def _split(site: Path) -> dict:
    """Material's search plugin and the i18n plugin write one index for both languages, in
    search/search_index.json: one per language instead (English in en/search/), French with
    French stemming. Empty when there is nothing to split (another engine's, or already split)."""
    merged = site / MATERIAL_FILE
    if not merged.exists():
        return {}
    data = json.loads(merged.read_text(encoding="utf-8"))
    others = tuple(f"{lang}/" for lang in L.LANGS if lang != L.DEFAULT)
    if not any(doc["location"].startswith(others) for doc in data["docs"]):
        return {}
    out = {}
    for lang in L.LANGS:
        docs = []
        for doc in data["docs"]:
            loc = doc["location"]
            if lang == L.DEFAULT and not loc.startswith(others):
                docs.append(doc)
            elif lang != L.DEFAULT and loc.startswith(L.prefix(lang)):
                docs.append(dict(doc, location=loc[len(L.prefix(lang)):]))
        index = {"config": dict(data["config"], lang=[lang]), "docs": docs}
        if lang == "fr":
            # French stemming ("ordonnances" finds "ordonnance"); search-tune.js stems the
            # queries, which Material sends as "word*", a form lunr doesn't stem.
            index["config"]["pipeline"] = ["stemmer", "stopWordFilter", "trimmer"]
        path = site / L.prefix(lang) / MATERIAL_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        out[lang] = (index, "docs", path)
    return out


def _per_language(site: Path) -> dict:
    """The indexes already one per language: split before (Material), or Zensical's."""
    out = {}
    for lang in L.LANGS:
        for name, key in ((MATERIAL_FILE, "docs"), (ZENSICAL_FILE, "items")):
            path = site / L.prefix(lang) / name
            if path.is_file():
                data = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(data.get(key), list):
                    out[lang] = (data, key, path)
                    break
    return out


# --- pages and their addresses -----------------------------------------------------------------

def page_names(docs: Path, lang: str) -> dict[str, str]:
    """{address in the index, without anchor: page name}, for both address styles:
    'educateurs/plan/' and 'educateurs/plan.html' -> 'educateurs/plan'; '' and 'index.html' ->
    'index'."""
    out = {}
    for path in sorted(docs.rglob(f"*.{lang}.md")):
        name = path.relative_to(docs).as_posix()[: -len(f".{lang}.md")]
        folder = "" if name == "index" else (name[: -len("index")] if name.endswith("/index")
                                             else name + "/")
        out[folder] = out[f"{name}.html"] = name
    return out


def _built_file(site: Path, lang: str, address: str) -> Path:
    path = address if address.endswith(".html") else address + "index.html"
    return site / L.prefix(lang) / path


# --- the checker stays out ---------------------------------------------------------------------

class _CheckerPage(HTMLParser):
    """One built page: the ids and the text inside its checker elements, and the text of its
    article outside them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []   # (tag, in checker, in article)
        self.ids: set[str] = set()
        self.inside: list[str] = []
        self.outside: list[str] = []
        self.has_article = False

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        in_checker, in_article = self.stack[-1][1:] if self.stack else (False, False)
        in_checker = in_checker or any(a in attrs for a in CHECKER_ATTRS)
        if tag == "article":
            in_article = self.has_article = True
        if in_checker and attrs.get("id"):
            self.ids.add(attrs["id"])
        self.stack.append((tag, in_checker, in_article))

    def handle_endtag(self, tag):
        if any(t == tag for t, _, _ in self.stack):
            while self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data):
        in_checker, in_article = self.stack[-1][1:] if self.stack else (False, False)
        if in_checker:
            self.inside.append(data)
        elif in_article:
            self.outside.append(data)


class _Chunks(HTMLParser):
    """An index entry's text, cut into its top-level pieces: each element (<p>, <ul>, ...) and
    each run of text between them, as written."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text, self.chunks, self.depth, self.start = text, [], 0, 0
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.feed(text)
        self.close()
        self._cut(len(text))

    def _at(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _cut(self, end: int):
        if end > self.start:
            self.chunks.append(self.text[self.start:end])
        self.start = end

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if self.depth == 0:
            self._cut(self._at())
        self.depth += 1

    def handle_endtag(self, tag):
        if tag in VOID or self.depth == 0:
            return
        self.depth -= 1
        if self.depth == 0:
            at = self._at()
            self._cut(self.text.index(">", at) + 1)


class _Text(HTMLParser):
    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.feed(fragment)
        self.close()

    def handle_data(self, data):
        self.parts.append(data)


def _key(text: str) -> str:
    """Text compared without its spaces (the engines space elements their own way)."""
    return _SPACE.sub("", text)


def _checker_pages(site: Path, docs: Path, lang: str) -> dict[str, _CheckerPage]:
    """{address: what its checker holds}, for the pages of `lang` that have a checker element."""
    out = {}
    for address, name in page_names(docs, lang).items():
        path = _built_file(site, lang, address)
        if not path.is_file():
            continue
        html = path.read_text(encoding="utf-8")
        if not any(attr in html for attr in CHECKER_ATTRS):
            continue
        page = _CheckerPage()
        page.feed(html)
        page.close()
        if page.ids or page.inside:
            out[address] = page
    return out


def without_checker(entries: list[dict], checker_pages: dict[str, _CheckerPage]) -> list[dict]:
    """The entries, less every section that is a checker node, and less whatever text of the
    remaining sections of those pages comes from inside the checker: a piece of an entry's text
    stays only if the page's article shows it outside the checker and the checker doesn't."""
    out = []
    for entry in entries:
        address, _, anchor = entry["location"].partition("#")
        page = checker_pages.get(address)
        if page is None:
            out.append(entry)
            continue
        if anchor in page.ids:
            continue
        inside, outside = _key("".join(page.inside)), _key("".join(page.outside))
        kept = []
        for chunk in _Chunks(entry.get("text", "")).chunks:
            key = _key("".join(_Text(chunk).parts))
            if key and key in outside and key not in inside:
                kept.append(chunk.strip())
        out.append(dict(entry, text=" ".join(kept)))
    return out


# --- search words from the front matter -------------------------------------------------------

class _Words:
    """One page's `keywords:`: {heading id, or '' for the whole page: [words]}, and the line
    of each heading id in the file (for messages)."""

    def __init__(self, rel: str):
        self.rel, self.sections, self.lines = rel, {}, {}


def search_words(docs: Path) -> tuple[dict[str, dict[str, _Words]], list[str]]:
    """{lang: {page name: its search words}} from every page's front matter, and the problems
    found, each naming the file, the line and the key."""
    out: dict[str, dict[str, _Words]] = {}
    problems: list[str] = []
    label = docs.name
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        name, _, lang = rel[: -len(".md")].rpartition(".")
        m = _FRONT.match(path.read_text(encoding="utf-8"))
        if not m or lang not in L.LANGS:
            continue
        try:
            root = yaml.compose(m.group(1), Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            continue  # the engine reports a broken front matter itself
        node = _value(root, KEYWORDS)
        if node is None:
            continue
        words = _Words(f"{label}/{rel}")
        problems += _read_words(words, node)
        out.setdefault(lang, {})[name] = words
    return out, problems


def _value(root, key):
    if isinstance(root, yaml.MappingNode):
        for k, v in root.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def _line(node) -> int:
    return node.start_mark.line + 2   # the front matter starts on the file's second line


def _read_words(words: _Words, node) -> list[str]:
    where = f"{words.rel}:{_line(node)}: {KEYWORDS}"
    shape = (f"{where}: a list of words (keywords: [nudes, sexto]), or a list per section, "
             f"by heading id (keywords: {{threats: [chantage, arnaque]}})")
    if isinstance(node, yaml.SequenceNode):
        pairs = [("", None, node)]
    elif isinstance(node, yaml.MappingNode):
        pairs = [(k.value, k, v) for k, v in node.value]
        if not all(isinstance(k, yaml.ScalarNode) and k.value for _, k, _ in pairs):
            return [shape]
    else:
        return [shape]
    problems = []
    for anchor, key_node, items in pairs:
        at = f"{KEYWORDS}.{anchor}" if anchor else KEYWORDS
        if not isinstance(items, yaml.SequenceNode) or not items.value:
            problems.append(f"{words.rel}:{_line(items)}: {at}: a list of words, like [chantage, arnaque]")
            continue
        found = []
        for i, item in enumerate(items.value):
            text = item.value.strip() if isinstance(item, yaml.ScalarNode) else ""
            if not isinstance(item, yaml.ScalarNode) or item.tag not in _STR_TAGS or not text:
                problems.append(f"{words.rel}:{_line(item)}: {at}[{i}]: a word or a few words; "
                                f"write yes, no, on, off or a date in quotes")
                continue
            found.append(text)
        words.sections[anchor] = found
        words.lines[anchor] = _line(key_node or items)
    return problems


def add_search_words(entries: list[dict], words: dict[str, _Words],
                     names: dict[str, str]) -> list[str]:
    """Each page's search words into the entry of its section (or of the page), in the field
    KEYWORDS. `names`: page_names() of the index's language. Returns the problems: a heading id
    that no section of the page has."""
    by_location = {e["location"]: e for e in entries}
    for entry in entries:
        entry.pop(KEYWORDS, None)
    addresses = {e["location"].partition("#")[0] for e in entries}
    names = {name: address for address, name in names.items() if address in addresses}
    problems = []
    for name, page in sorted(words.items()):
        address = names.get(name)
        if address is None:
            continue  # not in the index (search: exclude: true)
        for anchor, found in page.sections.items():
            entry = by_location.get(f"{address}#{anchor}" if anchor else address)
            if entry is None:
                problems.append(_no_such_section(page, anchor))
                continue
            entry[KEYWORDS] = found
    return problems



def _no_such_section(page: _Words, anchor: str) -> str:
    return (f"{page.rel}:{page.lines[anchor]}: {KEYWORDS}.{anchor}: no section of this page has "
            f"the id {anchor!r} (## Heading {{ #{anchor} }})")


_HEADING_ID = re.compile(r"^#{1,6}\s.*\{[^}]*#([A-Za-z][\w-]*)[^}]*\}\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _heading_ids(path: Path) -> set[str]:
    """The ids a page's Markdown gives its headings: ## Title { #id } (outside code blocks)."""
    ids, fenced = set(), False
    for line in path.read_text(encoding="utf-8").splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (m := _HEADING_ID.match(line)):
            ids.add(m.group(1))
    return ids


def check(docs_dir: str | Path) -> list[str]:
    """Before the build: every page's `keywords:`, its shape, and each heading id it names
    among the ids the page's Markdown writes. The problems, each naming the file, the line and
    the key (the MkDocs hook stops the build with them; the post-build step checks again
    against the index, for engines without hooks)."""
    docs = Path(docs_dir)
    words, problems = search_words(docs)
    for lang, pages in sorted(words.items()):
        for name, page in sorted(pages.items()):
            ids = _heading_ids(docs / f"{name}.{lang}.md")
            problems += [_no_such_section(page, a) for a in page.sections if a and a not in ids]
    return problems
