"""The facts watch: does each source still say what the site quotes from it?

Plain module (no MkDocs): `scripts/watch_facts.py` (`make watch`) runs it, the weekly workflow
(.github/workflows/facts-watch.yml) turns its report into an issue, and tests/test_watch.py runs it
against pages served on 127.0.0.1. The quotes are in data/facts.yml, beside each fact (`quotes:`,
one entry per source: the source's words in the language of its page, or `no_quote:` and why);
the facts loader has already checked them. For every fact it reports:

- a quote no longer on its source's page: the page is reduced to its text with an HTML parser,
  and text and quote are compared after normalising what typography and markup change without
  changing the words (see `normalise`); the report shows the nearest text on the page now;
- a source page that no longer answers (an HTTP error or a network failure) or that redirects to
  another page (see `same_page`; a source's `lands_on:` names where a short address is meant to
  lead);
- a fact checked more than six months ago (`review_due`).

It fetches each distinct address once (a `#fragment` is not part of the address), one request at
a time per host, a few hosts at a time, with a timeout and a User-Agent that says what it is.
Quotes are data: they appear in the report as quotations, never as the site's words.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import difflib
import hashlib
import heapq
import os
import re
import time
import unicodedata
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from sitebuild import facts as F
from sitebuild import facts_review as R
from sitebuild.languages import LANGS

REVIEW_MONTHS = 6
TIMEOUT = 30                    # seconds to connect, and between two bytes of an answer
DELAY = 1.0                     # seconds between two requests to the same host
WORKERS = 4                     # hosts fetched at the same time
MAX_BYTES = 32 * 1024 * 1024    # the Civil Code on one page is a few megabytes
LANG_NAMES = {"fr": "French", "en": "English"}


class WatchError(Exception):
    """The watch can't run: a broken facts file (the message names file, line and key), or not
    one page answered."""


# --- text: what a reader sees, compared the way a reader would -----------------------------------

# Elements whose content is not text a reader sees.
_SKIP = {"script", "style", "template", "svg", "math", "iframe", "object", "select"}
# Elements that start a new line: words on either side are separate words.
_BLOCK = {"address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog",
          "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
          "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "option", "p",
          "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title",
          "tr", "ul", "button", "label", "legend", "img", "input", "textarea", "body", "head",
          "html"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []
        self.in_head = self.in_title = False

    def handle_starttag(self, tag, attrs):
        self.in_head = self.in_head or tag == "head"
        self.in_title = self.in_title or tag == "title"
        if tag in _SKIP:
            self.skipping.append(tag)
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("head", "title"):
            self.in_head = self.in_head and tag != "head"
            self.in_title = self.in_title and tag != "title"
        if tag in self.skipping:
            del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag):]
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        # In <head>, only the <title> is text a reader sees (in the tab).
        if self.skipping or (self.in_head and not self.in_title):
            return
        self.parts.append(data)


def page_text(html: str) -> str:
    """The text of an HTML page, as a reader sees it: no scripts or styles, a line break between
    blocks (paragraphs, cells, list items), none inside a sentence's inline markup."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


# What typography changes without changing the words. NFKC has already turned no-break and thin
# spaces into spaces, "…" into "..." and ligatures like "ﬁ" into letters.
_TYPO = str.maketrans({
    **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4"},
    **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2039\u203a"},
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"},
    "\u0153": "oe", "\u0152": "OE", "\u00e6": "ae", "\u00c6": "AE",
    **{c: None for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"},
})


def normalise(text: str) -> str:
    """Typographic variants folded, case folded. Accents stay: in French they tell words apart
    ("a" and "à", "ou" and "où"), and sources keep them."""
    return unicodedata.normalize("NFKC", text).translate(_TYPO).casefold()


def _key(text: str) -> str:
    """What is compared: the normalised text without spaces or double quotes. Markup puts spaces
    where the source had none ("J'<em>écoute</em>") or removes them ("a<br>b"); French puts
    spaces inside « » and before ":"; neither changes a word."""
    return re.sub(r'[\s"]+', "", normalise(text))


def contains(text: str, quote: str) -> bool:
    return _key(quote) in _key(text)


def _words(text: str) -> tuple[list[str], list[str]]:
    """The page's words as written, and each one normalised (same length; a word that is only
    punctuation we ignore normalises to "")."""
    raw = text.split()
    return raw, [re.sub(r'"+', "", normalise(w)) for w in raw]


@dataclass(frozen=True)
class Near:
    text: str          # what the page says around the best match, as written
    ratio: float       # 0..1, how close the best match is to the quote
    changes: tuple     # ((removed words, added words), ...) from the quote to the page


def nearest(text: str, quote: str, context: int = 12) -> Near | None:
    """Where the quote most likely was: the stretch of the page most like it (difflib on words),
    with `context` words either side. None when nothing on the page resembles it."""
    raw, norm = _words(text)
    qpairs = [(r, q) for r, q in zip(*_words(quote)) if q]
    qraw, qnorm = [r for r, _ in qpairs], [q for _, q in qpairs]
    if not qnorm or not norm:
        return None
    vocab = set(qnorm)
    n = len(qnorm)
    # Candidates: windows of the quote's length sharing the most words with it (prefix sums).
    cum = [0]
    for w in norm:
        cum.append(cum[-1] + (w in vocab))
    starts = range(max(1, len(norm) - n + 1))
    best = heapq.nsmallest(400, ((cum[s] - cum[min(s + n, len(norm))], s) for s in starts))
    chosen: list[int] = []
    for score, start in best:
        if score == 0 or len(chosen) == 8:         # scores are negated (nsmallest)
            break
        if all(abs(start - other) > n // 2 for other in chosen):
            chosen.append(start)
    winner = None
    for start in chosen:
        lo, hi = max(0, start - n // 2), min(len(norm), start + n + n // 2)
        matcher = difflib.SequenceMatcher(None, qnorm, norm[lo:hi], autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        if not blocks:
            continue
        # The stretch the quote covers: from its first matched word to its last, stretched by
        # the quote's unmatched words at either end (so a changed last word shows).
        first, last = blocks[0], blocks[-1]
        a = max(0, lo + first.b - first.a)
        b = min(len(norm), lo + last.b + last.size + (n - last.a - last.size))
        ratio = difflib.SequenceMatcher(None, qnorm, norm[a:b], autojunk=False).ratio()
        if winner is None or ratio > winner[0]:
            winner = (ratio, a, b)
    if winner is None or winner[0] < 0.3:
        return None
    ratio, a, b = winner
    changes = []
    matcher = difflib.SequenceMatcher(None, qnorm, norm[a:b], autojunk=False)
    page_span = [w for w in raw[a:b]]
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            changes.append((" ".join(qraw[i1:i2]), " ".join(page_span[j1:j2])))
    lo, hi = max(0, a - context), min(len(raw), b + context)
    shown = ("… " if lo else "") + " ".join(raw[lo:hi]) + (" …" if hi < len(raw) else "")
    return Near(shown, ratio, tuple(changes))


# --- addresses -------------------------------------------------------------------------------------

def _parts(url: str):
    s = urlsplit(url)
    host = (s.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    host = host.rstrip(".")
    path = s.path.rstrip("/").casefold()
    if path.endswith(("/index.html", "/index.htm", "/index.php")):
        path = path.rsplit("/", 1)[0]
    query = sorted((k, v) for k, v in parse_qsl(s.query, keep_blank_values=True)
                   if not k.startswith("utm_") and k not in ("gclid", "fbclid"))
    return host, path, query


def same_page(requested: str, final: str) -> bool:
    """Whether a redirect from `requested` landed on the same page. Not a move: http to https,
    "www." added or dropped, a trailing slash, the letter case of the path (servers that ignore
    it redirect to one spelling), tracking parameters, a fragment, or a slug added after the
    address (news sites redirect /nouvelle/1134332 to /nouvelle/1134332/its-title)."""
    h1, p1, q1 = _parts(requested)
    h2, p2, q2 = _parts(final)
    if h1 != h2 or q1 != q2:
        return False
    return p1 == p2 or (p1 != "" and p2.startswith(p1 + "/"))


def _rewrite(url: str, rewrite) -> str:
    for src, dst in rewrite:
        if url.startswith(src):
            return dst + url[len(src):]
    return url


def _unrewrite(url: str, rewrite) -> str:
    for src, dst in rewrite:
        if url.startswith(dst):
            return src + url[len(dst):]
    return url


# --- review age ------------------------------------------------------------------------------------

def review_due(checked: _dt.date, months: int = REVIEW_MONTHS) -> _dt.date:
    """The day a fact is due for review: `months` calendar months after it was checked (the last
    day of the month when that month is shorter)."""
    total = checked.month - 1 + months
    year, month = checked.year + total // 12, total % 12 + 1
    return _dt.date(year, month, min(checked.day, calendar.monthrange(year, month)[1]))


# --- quotes ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Quote:
    fact: str
    source: str
    lang: str             # the language of the page that says it (the source's page in it)
    text: str


def source_urls(facts: dict, sid: str) -> dict[str, str]:
    """{lang: url} of a source's pages, the fragment dropped (it's not part of the request)."""
    return {lang: F.source_url(facts, sid, lang).split("#", 1)[0] for lang in LANGS}


def quotes_of(facts: dict) -> list[Quote]:
    """Every quote of the facts file (loaded and checked by facts.load): one per language given,
    for each source of each fact."""
    return [Quote(key, sid, lang, entry[lang])
            for key, fact in facts["facts"].items()
            for sid, entry in fact["quotes"].items()
            for lang in LANGS if entry.get(lang)]


def unquoted_of(facts: dict) -> list[tuple[str, str, str]]:
    """(fact, source, why) for every source a fact cites without quoting it (`no_quote:`)."""
    return [(key, sid, entry["no_quote"])
            for key, fact in facts["facts"].items()
            for sid, entry in fact["quotes"].items() if entry.get("no_quote")]


# --- fetching --------------------------------------------------------------------------------------

def user_agent() -> str:
    repo = os.environ.get("GITHUB_REPOSITORY")
    server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
    where = f"; +{server}/{repo}" if repo else ""
    return (f"images-intimes-facts-watch/1 (weekly check that the pages a public information "
            f"site cites still say what it quotes{where})")


@dataclass
class Page:
    url: str                       # as cited (before any rewrite)
    final_url: str | None = None   # where the answer came from, as cited
    status: int | None = None
    text: str | None = None
    error: str | None = None       # a network failure, or an answer that isn't a web page


def _decode(body: bytes, declared: str | None) -> str:
    if declared:
        try:
            return body.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes
        best = from_bytes(body).best()
        return str(best) if best else body.decode("utf-8", errors="replace")


def fetch(session, url: str, timeout: float) -> tuple:
    """(status, final url, text or None, error or None) for one GET, redirects followed."""
    import requests
    try:
        with session.get(url, timeout=(timeout, timeout), stream=True,
                         allow_redirects=True) as resp:
            body = bytearray()
            for chunk in resp.iter_content(65536):
                body += chunk
                if len(body) > MAX_BYTES:
                    return resp.status_code, resp.url, None, f"more than {MAX_BYTES} bytes"
            body = bytes(body)
            ctype = resp.headers.get("Content-Type", "")
            if resp.status_code >= 400:
                return resp.status_code, resp.url, None, None
            if "html" not in ctype and "xml" not in ctype and not ctype.startswith("text/"):
                return resp.status_code, resp.url, None, f"not a web page ({ctype or 'no type'})"
            charset = resp.encoding if "charset=" in ctype.lower() else None
            return resp.status_code, resp.url, page_text(_decode(body, charset)), None
    except requests.exceptions.Timeout:
        return None, None, None, f"no answer within {timeout:g} s"
    except requests.exceptions.TooManyRedirects:
        return None, None, None, "too many redirects"
    except requests.exceptions.SSLError as exc:
        return None, None, None, f"TLS error: {_short(exc)}"
    except requests.exceptions.ConnectionError as exc:
        return None, None, None, f"network error: {_short(exc)}"
    except requests.exceptions.RequestException as exc:
        return None, None, None, f"request failed: {_short(exc)}"


def _short(exc: Exception) -> str:
    text = str(exc)
    m = re.search(r"\[Errno -?\d+\] [^'\")]+|Name or service not known|Connection refused|"
                  r"timed out|certificate verify failed[^'\")]*", text)
    return (m.group(0) if m else text)[:200]


def fetch_all(urls: list[str], rewrite=(), timeout: float = TIMEOUT, delay: float = DELAY,
              workers: int = WORKERS) -> dict[str, Page]:
    """Every address once: one host's pages one after the other (`delay` s apart), up to
    `workers` hosts at once."""
    import requests
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in dict.fromkeys(urls):
        by_host[urlsplit(_rewrite(url, rewrite)).netloc].append(url)
    pages: dict[str, Page] = {}

    def one_host(host_urls):
        with requests.Session() as session:
            session.headers.update({"User-Agent": user_agent(),
                                    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
                                    "Accept-Language": "fr-CA,fr;q=0.9,en-CA;q=0.8,en;q=0.7"})
            for i, url in enumerate(host_urls):
                if i and delay:
                    time.sleep(delay)
                status, final, text, error = fetch(session, _rewrite(url, rewrite), timeout)
                pages[url] = Page(url, _unrewrite(final, rewrite) if final else None, status,
                                  text, error)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        list(pool.map(one_host, by_host.values()))
    return pages


# --- the watch -------------------------------------------------------------------------------------

@dataclass
class Finding:
    kind: str                         # "quote", "source", "moved" or "age"
    fact: str | None = None           # quote and age: the fact
    source: str | None = None         # quote, source, moved: the source id
    url: str | None = None            # the page, as cited
    status: int | None = None         # source: the HTTP status (None: no answer)
    error: str | None = None          # source: what went wrong
    final_url: str | None = None      # moved: where it landed
    quote: Quote | None = None        # quote: the words no longer found
    near: Near | None = None          # quote: the closest text on the page now
    facts: tuple = ()                 # source, moved: the facts citing that page
    due: _dt.date | None = None       # age: when it was due
    expected: str | None = None       # moved: where the source's `lands_on:` said it leads


@dataclass
class Result:
    findings: list
    report: str
    exit_code: int
    pages: int = 0
    quotes: int = 0
    unquoted: list = field(default_factory=list)    # (fact, source, why): nothing to compare


def run(root: str | Path, today: _dt.date, rewrite=(), months: int = REVIEW_MONTHS,
        timeout: float = TIMEOUT, delay: float = DELAY, workers: int = WORKERS) -> Result:
    """Fetch every source page of the project at `root`, compare the quotes, check review dates;
    the findings, the Markdown report and the exit code (0: nothing to do; 1: a person is
    needed)."""
    root = Path(root)
    try:
        facts = F.load(root / "data" / "facts.yml", "data/facts.yml")
    except F.FactsError as exc:
        raise WatchError(str(exc)) from exc
    quotes = quotes_of(facts)
    watched = {k: f for k, f in facts["facts"].items() if f["status"] in ("sure", "likely")}

    # Every page of every source a watched fact cites: answering is checked even where no quote
    # is taken from that page.
    cited_by: dict[str, list[tuple[str, str]]] = defaultdict(list)   # url -> [(fact, source)]
    for key, fact in watched.items():
        for sid in fact["source"]:
            for url in dict.fromkeys(source_urls(facts, sid).values()):
                cited_by[url].append((key, sid))
    pages = fetch_all(list(cited_by), rewrite, timeout, delay, workers)
    if pages and all(p.status is None for p in pages.values()):
        # Not one page answered: this machine is offline, not every source gone at once.
        errors = sorted({p.error or "no answer" for p in pages.values()})
        raise WatchError(f"not one of the {len(pages)} source pages answered ({'; '.join(errors)}"
                         f"): is this machine offline? Nothing was checked")

    findings: list[Finding] = []
    for url, page in pages.items():
        citing = tuple(dict.fromkeys(k for k, _ in cited_by[url]))
        sid = cited_by[url][0][1]
        # Where this address is meant to lead (a short address that redirects), if a source says.
        expected = [facts["sources"][s]["lands_on"] for _, s in cited_by[url]
                    if facts["sources"][s].get("lands_on")]
        moved = page.final_url if page.final_url and not same_page(url, page.final_url) and \
            not any(same_page(target, page.final_url) for target in expected) else None
        if page.status is None or page.status >= 400 or page.text is None:
            findings.append(Finding("source", source=sid, url=url, status=page.status,
                                    error=page.error, final_url=moved, facts=citing))
        elif moved:
            findings.append(Finding("moved", source=sid, url=url, final_url=moved,
                                    facts=citing, expected=expected[0] if expected else None))
    keys: dict[str, str] = {}          # each page normalised once (the Civil Code is long)
    for q in quotes:
        url = source_urls(facts, q.source)[q.lang]
        page = pages[url]
        if page.text is None or page.status is None or page.status >= 400:
            continue          # reported above: the page didn't answer
        if url not in keys:
            keys[url] = _key(page.text)
        if _key(q.text) not in keys[url]:
            findings.append(Finding("quote", fact=q.fact, source=q.source, url=url, quote=q,
                                    near=nearest(page.text, q.text)))
    for key, fact in watched.items():
        due = review_due(fact["checked"], months)
        if today > due:
            findings.append(Finding("age", fact=key, due=due))

    result = Result(findings, "", 1 if findings else 0, len(pages), len(quotes),
                    unquoted_of(facts))
    result.report = report(result, facts, R.usage(root), today, months)
    return result


# --- the report ------------------------------------------------------------------------------------

def _md(text: str) -> str:
    """Text from a source or the data, safe inside Markdown: no markup, links, HTML or mentions
    of its own."""
    text = re.sub(r"([\\`*_\[\]<>|~])", r"\\\1", " ".join(str(text).split()))
    return re.sub(r"@(?=\w)", "@\u200b", text)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _used(used: dict, key: str, most: int = 10) -> str:
    places = list(used.get(key, ()))
    more = f" and {len(places) - most} more" if len(places) > most else ""
    return (", ".join(places[:most]) + more) or "(nothing on the site)"


def _source_line(facts: dict, sid: str, url: str) -> str:
    return f"{_md(F.source_title(facts, sid, 'en'))}: <{url}>"


def fingerprint(findings: list[Finding]) -> str:
    """What was found, without dates or wording: the issue is re-announced only when it changes."""
    items = sorted(f"{f.kind}|{f.fact}|{f.source}|{f.url}|{f.status}|{f.final_url}"
                   for f in findings)
    return hashlib.sha256("\n".join(items).encode()).hexdigest()[:16]


def report(result: Result, facts: dict, used: dict, today: _dt.date, months: int) -> str:
    """The Markdown report: a GitHub issue's body, and what `make watch` prints."""
    findings = result.findings
    by_kind = defaultdict(list)
    for f in findings:
        by_kind[f.kind].append(f)
    n_quote, n_source = len(by_kind["quote"]), len(by_kind["source"])
    n_moved, n_age = len(by_kind["moved"]), len(by_kind["age"])
    status = "needs-review" if findings else "clear"
    out = [f"<!-- facts-watch status={status} fingerprint={fingerprint(findings)} -->",
           f"# Facts to review: the watch of {today.isoformat()}", ""]
    if findings:
        bits = [b for n, b in (
            (n_quote, _plural(n_quote, "quote is no longer on its page",
                              "quotes are no longer on their page")),
            (n_source, _plural(n_source, "source page no longer answers",
                               "source pages no longer answer")),
            (n_moved, _plural(n_moved, "source page has moved", "source pages have moved")),
            (n_age, _plural(n_age, f"fact is past its review date ({months} months)",
                            f"facts are past their review date ({months} months)"))) if n]
        out += [f"**{_plural(len(findings), 'thing needs', 'things need')} a person:** "
                + "; ".join(bits) + ".", ""]
    else:
        out += ["**Nothing needs a person.** Every quote is still on its page, every source page "
                "answers where it did, and no fact is past its review date.", ""]
    out += [f"Read {_plural(result.pages, 'page', 'pages')} (one request each) for "
            f"{_plural(result.quotes, 'quote', 'quotes')}. What to do with this report: "
            f"README.md, \"Keeping it current\".", ""]

    if by_kind["quote"]:
        out += ["## Quotes no longer found", "",
                "The source no longer has these words. Read the page: if the law or the service "
                "changed, update the fact (and its pages); if only the wording moved, copy the "
                "new words into the quote. Either way, set `checked:`.", ""]
        for f in by_kind["quote"]:
            fact = facts["facts"][f.fact]
            out += [f"### `{f.fact}`: {_md(F.source_title(facts, f.source, 'en'))}", "",
                    f"- Page: <{f.url}>"
                    + (f" ({LANG_NAMES[f.quote.lang]})" if f.quote.lang else ""),
                    f"- Fact: {fact['status']}, checked {fact['checked'].isoformat()}; used by: "
                    f"{_used(used, f.fact)}",
                    "- The quote (what the source said when checked):", "",
                    f"  > {_md(f.quote.text)}", ""]
            if f.near:
                out += [f"- What the page says there now ({round(f.near.ratio * 100)} % similar):",
                        "", f"  > {_md(f.near.text)}", ""]
                if f.near.changes:
                    changes = "; ".join(
                        (f"~~{_md(old)}~~ → **{_md(new)}**" if old and new else
                         f"~~{_md(old)}~~ (gone)" if old else f"**{_md(new)}** (added)")
                        for old, new in f.near.changes[:8])
                    out += [f"- What changed: {changes}", ""]
            else:
                out += ["- Nothing on the page resembles the quote any more.", ""]

    if by_kind["source"]:
        out += ["## Sources that no longer answer", "",
                "Find where the page went (the site's search, its home page) and update the "
                "source's address, or replace the source. A one-off network error clears itself "
                "at the next run.", ""]
        for f in by_kind["source"]:
            what = (f"HTTP {f.status}" + (f" ({f.error})" if f.error else "")) if f.status \
                else (f.error or "no answer")
            out += [f"### {_md(F.source_title(facts, f.source, 'en'))}: {_md(what)}", "",
                    f"- Page: <{f.url}>"]
            if f.final_url:
                out.append(f"- Redirected to: <{f.final_url}>")
            out += [f"- Cited by `{k}` (used by: {_used(used, k)})" for k in f.facts]
            out.append("")

    if by_kind["moved"]:
        out += ["## Pages that moved", "",
                "The address now redirects to another page. Check that the new page says the "
                "same, then put its address in the source. If the address is a short one meant to "
                "redirect (like Quebec.ca/imagesintimes), put where it leads in the source's "
                "`lands_on:` instead.", ""]
        for f in by_kind["moved"]:
            out += [f"### {_md(F.source_title(facts, f.source, 'en'))}", "",
                    f"- Was: <{f.url}>", f"- Now lands on: <{f.final_url}>"]
            if f.expected:
                out.append(f"- Expected to land on (`lands_on:`): <{f.expected}>")
            out += [f"- Cited by `{k}` (used by: {_used(used, k)})" for k in f.facts]
            out.append("")

    if by_kind["age"]:
        out += ["## Past the review date", "",
                f"Checked more than {months} months ago: read the sources again (the watch can't "
                f"see a new law that changes no quoted words), then set `checked:`.", "",
                "| fact | status | checked | due | used by |", "|---|---|---|---|---|"]
        for f in sorted(by_kind["age"], key=lambda f: (facts["facts"][f.fact]["checked"], f.fact)):
            fact = facts["facts"][f.fact]
            out.append(f"| `{f.fact}` | {fact['status']} | {fact['checked'].isoformat()} | "
                       f"{f.due.isoformat()} | {_md(_used(used, f.fact))} |")
        out.append("")

    if result.unquoted:
        out += ["## Not watched: sources with no quote", "",
                "Nothing to compare for these (`no_quote:` in data/facts.yml says why); only their "
                "pages' answers and the facts' review dates are checked. Quote them when a "
                "readable copy of the page is at hand.", ""]
        out += [f"- `{k}` ({s}): {_md(why)}" for k, s, why in result.unquoted]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
