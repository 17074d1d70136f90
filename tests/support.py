"""Shared helpers for the tests: build the site, serve it on loopback, drive Chromium."""
from __future__ import annotations

import functools
import os
import socket
import subprocess
import sys
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGS = ("fr", "en")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic", "--disable-dev-shm-usage"]

sys.path.insert(0, str(ROOT))


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(path).exists():
        raise RuntimeError(f"No Chromium at {path}: run `make test`, or set CHROMIUM_PATH.")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(dest: Path, site_url: str, *, offline: bool = False, config: Path | None = None,
          check: bool = True, engine: str = "mkdocs") -> subprocess.CompletedProcess:
    """Build the site (strict) into `dest`; `engine`: mkdocs, or properdocs (same mkdocs.yml)."""
    env = dict(os.environ, SITE_URL=site_url, SITE_DIR=str(dest), NO_MKDOCS_2_WARNING="1")
    if offline:
        env["OFFLINE"] = "true"
    cmd = [sys.executable, "-m", engine, "build", "--strict", "-q",
           "-f", str(config or ROOT / "mkdocs.yml")]
    proc = subprocess.run(cmd, cwd=config.parent if config else ROOT, env=env,
                          capture_output=True, text=True)
    if check and proc.returncode:
        raise AssertionError(f"{engine} build failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


class _QuietHandler(SimpleHTTPRequestHandler):
    """A static host like GitHub Pages: files as they are, and the site's 404.html when missing."""

    not_found_page: Path | None = None

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = self.not_found_page
        if code == 404 and page and page.exists():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@contextmanager
def serve(directory: Path, port: int, not_found: Path | None = None):
    """Serve `directory`; `not_found` is the 404 page (default: directory/404.html)."""
    handler_class = type("Handler", (_QuietHandler,),
                         {"not_found_page": not_found or Path(directory) / "404.html"})
    handler = functools.partial(handler_class, directory=str(directory))
    httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def page_pairs() -> list[str]:
    """Each page's path without language suffix, from docs/ (e.g. 'index', 'ordonnance')."""
    return sorted({p.relative_to(DOCS).as_posix()[: -len(".fr.md")]
                   for p in DOCS.rglob("*.fr.md")})


def built_path(name: str, lang: str) -> str:
    """Where a page lands in site/: 'crime' -> 'crime/index.html', 'en/crime/index.html'."""
    prefix = "" if lang == "fr" else f"{lang}/"
    if name == "index":
        return f"{prefix}index.html"
    if name.endswith("/index"):
        name = name[: -len("/index")]
    return f"{prefix}{name}/index.html"


def page_url(base: str, name: str, lang: str, *, directory_urls: bool = True) -> str:
    prefix = "" if lang == "fr" else f"{lang}/"
    if directory_urls:
        path = "" if name == "index" else (name[: -len("/index")] if name.endswith("/index") else name) + "/"
    else:
        path = f"{name}.html"
    return f"{base}{prefix}{path}"


def all_page_urls(base: str, **kw) -> list[tuple[str, str]]:
    return [(lang, page_url(base, name, lang, **kw)) for name in page_pairs() for lang in LANGS]


class PageWatch:
    """Records, for one browser context, what a page asks for and what goes wrong."""

    def __init__(self, context, allowed_prefix: str):
        self.allowed = allowed_prefix
        self.requests, self.failures, self.console_errors = [], [], []
        context.on("request", lambda r: self.requests.append(r.url))
        context.on("requestfailed", self._failed)
        context.on("response", self._response)

    def _failed(self, request):
        # Leaving a page aborts its requests still in flight: not a missing file.
        if request.failure != "net::ERR_ABORTED":
            self.failures.append(f"{request.url} ({request.failure})")

    def _response(self, response):
        if response.status >= 400:
            self.failures.append(f"{response.url} -> {response.status}")

    def attach(self, page):
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(
            f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: self.console_errors.append(f"{page.url}: {e}"))
        return page

    def foreign(self):
        return sorted({u for u in self.requests
                       if not u.startswith(self.allowed) and not u.startswith(("data:", "blob:"))})


def copy_project(tmp_path: Path) -> Path:
    """A copy of the project to break on purpose; build outputs and tools at the top are left out
    (only at the top: overrides/assets/site/ is source)."""
    import shutil
    skip = {".venv", ".git", "site", "site-offline", "build", "node_modules", ".bench",
            ".venv-zensical", "site-zensical", ".zensical-i18n", ".venv-lock", "site-properdocs"}
    dest = tmp_path / "project"

    def ignore(folder, names):
        if Path(folder) == ROOT:
            return [n for n in names if n in skip or n.endswith(".zip")]
        return [n for n in names if n == "__pycache__"]

    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest


def checker_results(page_path: Path) -> str:
    """The checker's results as checker.js puts them back in its page, from checker-results.js
    beside it (issue 25: sitebuild/checker_split.py); '' beside any other page."""
    from sitebuild.checker_split import RESULTS_JS, results_of
    js = Path(page_path).parent / RESULTS_JS
    return results_of(js.read_text(encoding="utf-8")) if js.exists() else ""


def tab_history(page):
    """The tab's Back/Forward list (DevTools protocol): every entry (its address, and what was
    typed or linked to open it), and the index of the current one."""
    cdp = page.context.new_cdp_session(page)
    try:
        h = cdp.send("Page.getNavigationHistory")
    finally:
        cdp.detach()
    return h["entries"], h["currentIndex"]
