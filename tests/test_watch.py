"""Facts that notice when the law changes (issue 24): `make watch` fetches every source page and
reports each quote no longer on its page, each source that no longer answers or has moved, and
each fact past its review date.

Every test here runs offline: the sources of a small fixture project are served from a local
server on 127.0.0.1, and the watch is pointed at it with its URL-rewrite option, so no test ever
reaches the real web (CI has no internet). The real data is checked only for shape: every
sure/likely fact of data/facts.yml quotes each of its sources (or says why not), and the loader
refuses one that doesn't.
"""
from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from sitebuild import facts as F
from sitebuild import watch as W
from support import ROOT, free_port

TODAY = dt.date(2026, 12, 6)
RECENT = dt.date(2026, 11, 28)


# --- a local server standing in for the sources' hosts ---------------------------------------

class _Routes(BaseHTTPRequestHandler):
    routes: dict = {}
    seen: list = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        type(self).seen.append((self.path, self.headers.get("User-Agent", "")))
        route = self.routes.get(self.path)
        if route is None:
            status, headers, body = 404, {}, b"<p>Not here</p>"
        elif route[0] in (301, 302, 307, 308):
            status, headers, body = route[0], {"Location": route[1]}, b""
        else:
            status, body = route[0], route[1].encode("utf-8")
            headers = {"Content-Type": "text/html; charset=utf-8"}
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    handler = type("Handler", (_Routes,), {"routes": {}, "seen": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield handler, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def routes(server):
    handler, _ = server
    handler.routes.clear()
    handler.seen.clear()
    return handler.routes


def _rewrites(server):
    """Every fixture host (https://NAME.example/...) is served under /NAME/ by the local server."""
    _, base = server
    return [(f"https://{name}.example/", f"{base}/{name}/")
            for name in ("law", "news", "gone", "moved", "help")]


# --- a small project: facts, quotes, pages and a checker that use them --------------------------

SOURCES = {
    "law": {"fr": "Loi", "en": "Act", "url_fr": "https://law.example/fr/act",
            "url_en": "https://law.example/en/act", "kind": "primary"},
    "release": {"fr": "Communiqué", "en": "Release", "url": "https://news.example/release",
                "kind": "primary"},
}


def _fact(source, checked=RECENT, **value):
    fact = {"type": "text", "fr": "x", "en": "x", "status": "sure", "source": source,
            "checked": checked}
    fact.update(value)
    return fact


def make_project(tmp_path, sources, facts, quotes):
    """A project whose data/facts.yml holds `facts`, each with its quotes: `quotes` is
    {fact: {source: {lang: words}}}; a source left out gets `no_quote:`."""
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "overrides").mkdir()
    for key, fact in facts.items():
        fact["quotes"] = {sid: (quotes.get(key) or {}).get(sid) or {"no_quote": "none in this test"}
                          for sid in fact["source"]}
    write_facts(root, {"sources": sources, "facts": facts})
    keys = list(facts)
    (root / "docs" / "loi.fr.md").write_text(f"# Loi\n\n{{{{ {keys[0]} }}}}\n", encoding="utf-8")
    (root / "data" / "checker.yml").write_text(yaml.safe_dump(
        {"outcomes": {"out_apply": {"title": {"fr": f"{{{{ {keys[-1]} }}}}"}}}}), encoding="utf-8")
    return root


def write_facts(root, data):
    (root / "data" / "facts.yml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                             encoding="utf-8")


def edit_facts(root, change):
    data = yaml.safe_load((root / "data" / "facts.yml").read_text(encoding="utf-8"))
    change(data)
    write_facts(root, data)


def run(root, server, today=TODAY):
    return W.run(root, today=today, rewrite=_rewrites(server), timeout=5, delay=0)


ACT_EN = """<!doctype html><html><head><title>Act to counter sharing</title>
<script>var quote = "In force: 1999-01-01";</script><style>p{color:red}</style></head>
<body><nav>Home</nav><main><h1>Act to counter non-consensual sharing</h1>
<p>IN&nbsp;FORCE:
   2025-06-04</p>
<p>An <em>intimate</em> image is any image, altered or not, that <b>represents</b> or
appears&#160;to represent a person.</p></main></body></html>"""

RELEASE_FR = """<html><body><article>
<p>Un formulaire simple à remplir est maintenant accessible sur <a href="/x">Québec.ca</a>.
Ce formulaire peut être déposé 24&nbsp;heures sur&nbsp;24, 7&#8239;jours sur 7, et la demande
sera traitée en urgence. L&#8217;application est « gratuite » – en ligne.</p>
</article></body></html>"""

GOOD_QUOTES = {
    "law.in_force": {"law": {"en": "In force: 2025-06-04"}},
    "law.definition": {"law": {
        "en": "An intimate image is any image, altered or not, that represents or appears to "
              "represent a person."}},
    "form.hours": {"release": {
        "fr": "Ce formulaire peut être déposé 24 heures sur 24, 7 jours sur 7, et la demande "
              "sera traitée en urgence. L'application est \"gratuite\" - en ligne."}},
}


def good_project(tmp_path, routes, checked=RECENT):
    routes["/law/en/act"] = (200, ACT_EN)
    routes["/law/fr/act"] = (200, "<p>Loi visant à contrer le partage</p>")
    routes["/news/release"] = (200, RELEASE_FR)
    facts = {"law.in_force": _fact(["law"], checked), "law.definition": _fact(["law"]),
             "form.hours": _fact(["release"])}
    return make_project(tmp_path, dict(SOURCES), facts, GOOD_QUOTES)


# --- what a source says ------------------------------------------------------------------------

def test_an_unchanged_page_is_not_reported_whatever_its_markup_spaces_and_typography(
        tmp_path, routes, server):
    root = good_project(tmp_path, routes)
    result = run(root, server)
    assert result.findings == [], result.report
    assert result.exit_code == 0
    assert "Nothing needs a person" in result.report
    assert "3 quotes" in result.report and "3 pages" in result.report


def test_a_script_is_not_page_text(tmp_path, routes, server):
    root = good_project(tmp_path, routes)
    routes["/law/en/act"] = (200, ACT_EN.replace("2025-06-04</p>", "2025-07-01</p>"))
    edit_facts(root, lambda d: d["facts"]["law.in_force"]["quotes"].update(
        law={"en": "In force: 1999-01-01"}))
    result = run(root, server)
    assert [(f.kind, f.fact) for f in result.findings] == [("quote", "law.in_force")]


def test_a_changed_quote_is_reported_with_what_the_page_says_now_and_where_the_fact_is_used(
        tmp_path, routes, server):
    root = good_project(tmp_path, routes)
    routes["/law/en/act"] = (200, ACT_EN.replace(
        "any image, altered or not,", "any image or sound recording, altered or not,"))
    result = run(root, server)
    assert [(f.kind, f.fact, f.source) for f in result.findings] == [
        ("quote", "law.definition", "law")]
    assert result.exit_code == 1
    report = result.report
    section = report.split("## Quotes no longer found", 1)[1].split("\n## ", 1)[0]
    assert "law.definition" in section and "https://law.example/en/act" in section
    assert "An intimate image is any image, altered or not" in section       # the quote
    assert "any image or sound recording, altered or not" in section          # the page now
    assert "sound recording" in section.split("What changed", 1)[1]
    assert "% similar" in section


def test_where_a_fact_is_used_comes_from_the_pages_and_the_checker(tmp_path, routes, server):
    root = good_project(tmp_path, routes)
    routes["/law/en/act"] = (200, "<p>This page was rewritten.</p>")
    routes["/news/release"] = (200, "<p>Rewritten too.</p>")
    report = run(root, server).report
    assert "page loi" in report            # docs/loi.fr.md writes {{ law.in_force }}
    assert "checker out_apply" in report   # the checker's outcome writes {{ form.hours }}


def test_a_gone_page_is_reported_with_its_status_and_the_facts_that_cite_it(
        tmp_path, routes, server):
    root = good_project(tmp_path, routes)
    del routes["/news/release"]                                     # 404
    routes["/law/en/act"] = (410, "<p>Gone</p>")
    result = run(root, server)
    kinds = sorted((f.kind, f.source, f.status) for f in result.findings)
    assert kinds == [("source", "law", 410), ("source", "release", 404)]
    assert result.exit_code == 1
    section = result.report.split("## Sources that no longer answer", 1)[1].split("\n## ", 1)[0]
    assert "404" in section and "410" in section
    assert "https://news.example/release" in section and "form.hours" in section
    assert "law.in_force" in section and "law.definition" in section


def test_a_redirect_to_another_page_is_reported_and_a_redirect_to_the_same_page_is_not(
        tmp_path, routes, server):
    _, base = server
    routes["/moved/old"] = (301, f"{base}/moved/elsewhere")
    routes["/moved/elsewhere"] = (200, "<p>In force: 2025-06-04</p>")
    routes["/moved/same"] = (301, f"{base}/moved/same/")
    routes["/moved/same/"] = (200, "<p>In force: 2025-06-04</p>")
    routes["/moved/nouvelle/1134332"] = (302, f"{base}/moved/nouvelle/1134332/un-titre")
    routes["/moved/nouvelle/1134332/un-titre"] = (200, "<p>In force: 2025-06-04</p>")
    sources = {sid: {"fr": sid, "en": sid, "url": f"https://moved.example/{path}",
                     "kind": "primary"}
               for sid, path in (("old", "old"), ("same", "same"), ("slug", "nouvelle/1134332"))}
    facts = {f"a.{sid}": _fact([sid]) for sid in sources}
    quotes = {f"a.{sid}": {sid: {"en": "In force: 2025-06-04"}} for sid in sources}
    root = make_project(tmp_path, sources, facts, quotes)
    result = run(root, server)
    assert [(f.kind, f.source) for f in result.findings] == [("moved", "old")], result.report
    section = result.report.split("## Pages that moved", 1)[1].split("\n## ", 1)[0]
    assert "https://moved.example/old" in section and "https://moved.example/elsewhere" in section
    assert "a.old" in section


def test_a_short_address_that_lands_where_its_source_says_is_not_a_move(tmp_path, routes,
                                                                        server):
    # Quebec.ca/imagesintimes is a short address: it redirects to the page, and should.
    _, base = server
    routes["/moved/imagesintimes"] = (301, f"{base}/moved/justice/partage-image-intime")
    routes["/moved/justice/partage-image-intime"] = (200, "<p>In force: 2025-06-04</p>")
    routes["/moved/formulaire"] = (302, f"{base}/moved/accueil")
    routes["/moved/accueil"] = (200, "<p>In force: 2025-06-04</p>")
    sources = {
        "short": {"fr": "Court", "en": "Short", "url": "https://moved.example/imagesintimes",
                  "lands_on": "https://moved.example/justice/partage-image-intime",
                  "kind": "primary"},
        "strayed": {"fr": "Égaré", "en": "Strayed", "url": "https://moved.example/formulaire",
                    "lands_on": "https://moved.example/justice/formulaire",
                    "kind": "primary"}}
    facts = {f"a.{sid}": _fact([sid]) for sid in sources}
    quotes = {f"a.{sid}": {sid: {"fr": "In force: 2025-06-04"}} for sid in sources}
    root = make_project(tmp_path, sources, facts, quotes)
    result = run(root, server)
    # Landing where `lands_on:` says is not a move; landing anywhere else still is.
    assert [(f.kind, f.source) for f in result.findings] == [("moved", "strayed")], result.report
    section = result.report.split("## Pages that moved", 1)[1].split("\n## ", 1)[0]
    assert "Now lands on: <https://moved.example/accueil>" in section
    assert "Expected to land on (`lands_on:`): <https://moved.example/justice/formulaire>" in section
    assert "https://moved.example/imagesintimes" not in section


def test_a_network_failure_is_reported(tmp_path, routes, server):
    dead = free_port()          # nothing listens there
    routes["/news/release"] = (200, RELEASE_FR)
    sources = {"release": SOURCES["release"],
               "down": {"fr": "Hors ligne", "en": "Offline", "url": "https://down.example/page",
                        "kind": "primary"}}
    facts = {"form.hours": _fact(["release"]), "help.down": _fact(["down"])}
    quotes = {"form.hours": GOOD_QUOTES["form.hours"], "help.down": {"down": {"en": "anything"}}}
    root = make_project(tmp_path, sources, facts, quotes)
    result = W.run(root, today=TODAY, timeout=5, delay=0,
                   rewrite=_rewrites(server) + [("https://down.example/",
                                                 f"http://127.0.0.1:{dead}/")])
    assert [(f.kind, f.source) for f in result.findings] == [("source", "down")]
    assert result.findings[0].status is None and result.findings[0].error
    assert "https://down.example/page" in result.report and "help.down" in result.report
    assert result.exit_code == 1


def test_a_fact_past_its_review_date_is_reported(tmp_path, routes, server):
    root = good_project(tmp_path, routes, checked=dt.date(2026, 6, 5))
    result = run(root, server)
    assert [(f.kind, f.fact) for f in result.findings] == [("age", "law.in_force")]
    section = result.report.split("## Past the review date", 1)[1].split("\n## ", 1)[0]
    assert "law.in_force" in section and "2026-06-05" in section and "2026-12-05" in section
    assert "page loi" in section
    assert result.exit_code == 1
    # Six months to the day is not yet past it.
    assert run(root, server, today=dt.date(2026, 12, 5)).findings == []


def test_review_date_is_six_calendar_months_after_the_check():
    assert W.review_due(dt.date(2026, 6, 5)) == dt.date(2026, 12, 5)
    assert W.review_due(dt.date(2026, 8, 31)) == dt.date(2027, 2, 28)
    assert W.review_due(dt.date(2026, 1, 1), months=12) == dt.date(2027, 1, 1)


def test_one_polite_request_per_page(tmp_path, routes, server):
    handler, _ = server
    root = good_project(tmp_path, routes)
    run(root, server)
    paths = [path for path, _ in handler.seen]
    # law.in_force and law.definition quote the same page: fetched once. Every page of every
    # source is fetched (the French page too: a source that stops answering is reported).
    assert sorted(paths) == ["/law/en/act", "/law/fr/act", "/news/release"]
    assert all("facts-watch" in agent for _, agent in handler.seen)


def test_text_and_normalisation():
    text = W.page_text("<p>L&#8217;image&nbsp;intime</p><p>est « gratuite »</p>"
                       "<script>x = 1</script><p>Pas<!-- c -->ici</p>")
    assert "x = 1" not in text
    assert W.contains(text, "L'image intime est \"gratuite\"")
    assert W.contains(text, "l’IMAGE INTIME")
    assert not W.contains(text, "L'image intimes")
    assert not W.contains(text, "L'image intime est gratuite payante")
    # Accents are letters: "a" is not "à".
    assert not W.contains(W.page_text("<p>il a dit</p>"), "il à dit")
    # Block elements separate words; inline ones don't.
    assert W.contains(W.page_text("<p>In force:</p><p>2025</p>"), "In force: 2025")
    assert W.contains(W.page_text("<p>Jeunesse, J'<em>écoute</em></p>"), "Jeunesse, J'écoute")


def test_same_page():
    assert W.same_page("https://a.ca/x", "https://a.ca/x/")
    assert W.same_page("https://www.a.ca/x", "http://a.ca/x")
    assert W.same_page("https://a.ca/nouvelle/12", "https://a.ca/nouvelle/12/un-titre")
    assert W.same_page("https://a.ca/c-46/s.html", "https://a.ca/C-46/s.html")
    assert W.same_page("https://a.ca/x#se:159", "https://a.ca/x")
    assert not W.same_page("https://a.ca/x", "https://a.ca/")
    assert not W.same_page("https://a.ca/x", "https://b.ca/x")
    assert not W.same_page("https://a.ca/?page_id=1", "https://a.ca/?page_id=2")


# --- the command and its input --------------------------------------------------------------------

def _cli(root, server, out, *extra):
    args = [sys.executable, str(ROOT / "scripts" / "watch_facts.py"), "--root", str(root),
            "--today", TODAY.isoformat(), "--output", str(out),
            "--timeout", "5", "--delay", "0"]
    for src, dst in _rewrites(server):
        args += ["--rewrite", f"{src}={dst}"]
    return subprocess.run(args + list(extra), capture_output=True, text=True)


def test_the_command_writes_the_report_and_exits_non_zero_when_a_person_is_needed(
        tmp_path, routes, server):
    root = good_project(tmp_path, routes)
    out = tmp_path / "report.md"
    assert _cli(root, server, out).returncode == 0, "all fine exits 0"
    assert "Nothing needs a person" in out.read_text(encoding="utf-8")
    del routes["/news/release"]
    proc = _cli(root, server, out)
    assert proc.returncode == 1, proc.stderr
    report = out.read_text(encoding="utf-8")
    # First line: a marker the workflow reads (what was found, without dates); then the title.
    assert report.startswith("<!-- facts-watch status=needs-review fingerprint=")
    assert report.splitlines()[1].startswith("# Facts to review") and "404" in report
    assert "needs a person" in proc.stderr or "need a person" in proc.stderr


def test_a_broken_quote_stops_the_watch_naming_the_file_the_line_and_the_key(tmp_path, routes,
                                                                           server):
    root = good_project(tmp_path, routes)
    edit_facts(root, lambda d: d["facts"]["law.in_force"]["quotes"].update(
        release={"fr": "24 heures sur 24"}))
    with pytest.raises(W.WatchError) as err:
        run(root, server)
    assert re.match(r"data/facts\.yml:\d+ law\.in_force\.quotes\.release: 'release' is not a "
                    r"source of this fact", str(err.value)), str(err.value)
    proc = _cli(root, server, tmp_path / "r.md")
    assert proc.returncode == 2, proc.stderr
    assert "data/facts.yml:" in proc.stderr and "law.in_force.quotes.release" in proc.stderr


def test_a_source_without_a_quote_is_listed_with_the_reason_and_its_page_still_checked(
        tmp_path, routes, server):
    root = good_project(tmp_path, routes)
    edit_facts(root, lambda d: d["facts"]["form.hours"]["quotes"].update(
        release={"no_quote": "the page shows the hours only in a picture"}))
    result = run(root, server)
    assert result.findings == [] and result.quotes == 2, result.report
    assert result.unquoted == [("form.hours", "release",
                                "the page shows the hours only in a picture")]
    section = result.report.split("## Not watched", 1)[1]
    assert "`form.hours` (release): the page shows the hours only in a picture" in section
    del routes["/news/release"]
    assert [(f.kind, f.source) for f in run(root, server).findings] == [("source", "release")]


# --- the real quotes: in data/facts.yml, beside each fact ------------------------------------------

FACTS_FILE = ROOT / "data" / "facts.yml"


def test_every_sure_or_likely_fact_quotes_each_of_its_sources_or_says_why_not():
    facts = F.load(FACTS_FILE)
    missing, quoted, exempt = [], 0, 0
    for key, fact in facts["facts"].items():
        assert fact["status"] in ("sure", "likely")
        quotes = fact.get("quotes") or {}
        for sid in fact["source"]:
            entry = quotes.get(sid) or {}
            words = [entry[lang] for lang in ("fr", "en") if entry.get(lang)]
            if words:
                quoted += 1
            elif (entry.get("no_quote") or "").strip():
                exempt += 1
            else:
                missing.append(f"{key} ({sid})")
    assert not missing, "no quote, and no reason why not, for: " + ", ".join(missing)
    # Most pairs are quoted; an exemption is the exception.
    assert quoted > 4 * exempt, (quoted, exempt)
    # The watch reads them from there: one Quote per words, each naming one of the fact's sources.
    quotes = W.quotes_of(facts)
    assert len(quotes) >= quoted
    assert all(q.source in facts["facts"][q.fact]["source"] for q in quotes)


def test_the_real_facts_are_clear_against_pages_that_still_say_their_quotes(routes, server):
    # Each real source page stands in as a page holding the real quotes taken from it: the watch
    # finds every quote on the page its language points to, and reads each page once.
    _, base = server
    facts = F.load(FACTS_FILE)
    for q in W.quotes_of(facts):
        url = W.source_urls(facts, q.source)[q.lang]
        path = "/" + url.removeprefix("https://")
        old = routes.get(path, (200, ""))[1]
        routes[path] = (200, old + f"<p>Autre chose.</p><p>{html.escape(q.text)}</p>")
    urls = {u for key, fact in facts["facts"].items() for sid in fact["source"]
            for u in W.source_urls(facts, sid).values()}
    for url in urls:
        routes.setdefault("/" + url.removeprefix("https://"), (200, "<p>Rien à citer.</p>"))
    result = W.run(ROOT, today=TODAY, rewrite=[("https://", f"{base}/")], timeout=5, delay=0)
    assert [f for f in result.findings if f.kind != "age"] == [], result.report
    assert result.pages == len(urls) and result.quotes == len(W.quotes_of(facts))
    assert len(result.unquoted) == len(W.unquoted_of(facts)) > 0


def _facts_with(tmp_path, change):
    data = yaml.safe_load(FACTS_FILE.read_text(encoding="utf-8"))
    change(data["facts"])
    path = tmp_path / "facts.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


NEW_FACT = {"type": "phone", "value": "18665322822", "status": "sure", "source": ["cavac"],
            "checked": dt.date(2026, 12, 6)}


@pytest.mark.parametrize("name, change, key, words", [
    ("a new fact with no quotes at all",
     lambda f: f.update({"help.new.phone": dict(NEW_FACT)}), "help.new.phone.quotes", "missing"),
    ("a new source without its quote",
     lambda f: f["help.cavac.phone"].update(source=["cavac", "infoaide"]),
     "help.cavac.phone.quotes", "'infoaide'"),
    ("a quote for a source the fact doesn't cite",
     lambda f: f["help.cavac.phone"]["quotes"].update(infoaide={"fr": "24/7"}),
     "help.cavac.phone.quotes.infoaide", "not a source of this fact"),
    ("an empty quote",
     lambda f: f["help.cavac.phone"]["quotes"].update(cavac={"fr": "  "}),
     "help.cavac.phone.quotes.cavac.fr", "empty"),
    ("HTML in a quote",
     lambda f: f["help.cavac.phone"]["quotes"].update(cavac={"fr": "<b>1 866</b> 532-2822"}),
     "help.cavac.phone.quotes.cavac.fr", "HTML"),
    ("an exemption without its reason",
     lambda f: f["help.cavac.phone"]["quotes"].update(cavac={"no_quote": ""}),
     "help.cavac.phone.quotes.cavac.no_quote", "empty"),
    ("neither words nor a reason",
     lambda f: f["help.cavac.phone"]["quotes"].update(cavac={}),
     "help.cavac.phone.quotes.cavac", "no_quote"),
])
def test_the_loader_refuses_a_fact_whose_sources_are_not_each_quoted(tmp_path, name, change, key,
                                                                     words):
    path = _facts_with(tmp_path, change)
    with pytest.raises(F.FactsError) as err:
        F.load(path)
    first = str(err.value).splitlines()[0]
    assert re.match(rf"{re.escape(str(path))}:\d+ {re.escape(key)}: ", first), (name, first)
    assert words in first, (name, first)


def test_when_no_page_answers_at_all_the_watch_says_it_could_not_run(tmp_path, routes, server):
    # Every source gone at once is this machine being offline: no report, exit 2, so the
    # workflow says the watch failed instead of opening an issue listing every source.
    root = good_project(tmp_path, routes)
    dead = free_port()
    out = tmp_path / "report.md"
    args = [sys.executable, str(ROOT / "scripts" / "watch_facts.py"), "--root", str(root),
            "--output", str(out), "--timeout", "5", "--delay", "0"]
    for host in ("law", "news"):
        args += ["--rewrite", f"https://{host}.example/=http://127.0.0.1:{dead}/"]
    proc = subprocess.run(args, capture_output=True, text=True)
    assert proc.returncode == 2 and "offline" in proc.stderr
    assert not out.exists()
