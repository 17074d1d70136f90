"""Page weight as a static host serves it: what a visit of a page asks for, and how many bytes
travel once gzipped (level 6, the usual default of static hosts). Used by tests/test_budget.py
and scripts/bench.py.

The host (`serve_gzip`) serves the site under a sub-path, like a GitHub Pages project site:
text files gzip-compressed with Content-Length, `Cache-Control: max-age=600`, ETag and
Last-Modified, 304 answers to conditional requests, and 404.html for what is missing. It counts
what it sends (`host.hits`): the requests that really reached the network and their bytes.
Bytes are deterministic: the gzip of each built file."""
from __future__ import annotations

import email.utils
import functools
import gzip
import hashlib
import io
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

# What a static host compresses; images and archives go as they are.
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".webmanifest")
BUDGET_BYTES = 25 * 1024     # issue 25: every page's first visit, gzip, empty cache
BUDGET_REQUESTS = 5
# The phone the budget is measured on (issue 25; shared/perf-floor's method).
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def wire_size(path: Path) -> int:
    data = path.read_bytes()
    return gzip_size(data) if path.suffix in COMPRESSIBLE or not path.suffix else len(data)


def local_file(site_dir: Path, base_url: str, url: str) -> Path | None:
    """The built file an address of the site opens (file:// addresses too), or None."""
    if not url.startswith(base_url):
        return None
    rel = unquote(urlsplit(url).path)[len(unquote(urlsplit(base_url).path)):]
    path = Path(site_dir) / rel
    if rel == "" or rel.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def first_visit(browser, url: str, site_dir: Path, base_url: str, *, settle_ms: int = 500,
                viewport=None, phone: bool = False, javascript: bool = True,
                after: str | None = None) -> list[dict]:
    """Open `url` in a fresh profile (empty cache) and list every request the page made, the
    worker's included, with the bytes each costs compressed. `phone`: 360 x 740, touch, as the
    budget is measured; else `viewport` (default 1280 x 900). `javascript`: False for a browser
    with JavaScript off. `after`: a page opened first in that profile (not counted), for a page
    only ever reached from it; what the browser then takes from its cache, or revalidates (304
    Not Modified), costs no body."""
    options = dict(PHONE) if phone else {"viewport": viewport or {"width": 1280, "height": 900}}
    ctx = browser.new_context(service_workers="block", java_script_enabled=javascript, **options)
    urls: list[str] = []
    unchanged: set[str] = set()   # answered 304
    page = ctx.new_page()
    if after:
        page.goto(after, wait_until="load")
    ctx.on("request", lambda r: urls.append(r.url))
    if after:   # Chromium reports a body from its cache as a negative or zero body size
        ctx.on("requestfinished", lambda r: unchanged.add(r.url) if (
            r.response() and (r.response().status == 304 or r.sizes()["responseBodySize"] <= 0))
            else None)
    page.goto(url, wait_until="load")
    try:
        page.wait_for_load_state("networkidle", timeout=5000)
    except Exception:   # noqa: BLE001 - still count what came
        pass
    page.wait_for_timeout(settle_ms)   # a late worker or script fetch still counts
    ctx.close()
    rows = []
    for u in urls:
        path = local_file(site_dir, base_url, u)
        rows.append({"url": u, "path": str(path.relative_to(site_dir)) if path else None,
                     "bytes": wire_size(path) if path and u not in unchanged else 0})
    return rows


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves files like a static host (see the top of this module), under `prefix`."""

    prefix = "/"
    host = None   # the Host object that counts hits and says how to cache

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        path = urlsplit(path).path
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def _count(self, status: int, size: int):
        if self.host is not None:
            with self.host.lock:
                self.host.hits.append({"path": urlsplit(self.path).path, "status": status,
                                       "bytes": size})

    def send_head(self):
        url_path = urlsplit(self.path).path
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url_path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                self._count(301, 0)
                return None
            path = path / "index.html"
        status = 200
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
            if not path.is_file():
                self.send_error(404)
                self._count(404, 0)
                return None
        data = path.read_bytes()
        etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
        modified = email.utils.formatdate(path.stat().st_mtime, usegmt=True)
        cache = "no-cache" if self.host is not None and self.host.revalidate else "max-age=600"
        if status == 200 and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", cache)
            self.end_headers()
            self._count(304, 0)
            return None
        compress = path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        body = gzip.compress(data, compresslevel=6, mtime=0) if compress else data
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)
        self.end_headers()
        self._count(status, len(body))
        return io.BytesIO(body)


class Host:
    """What the host served, and whether it tells browsers to ask again each time."""

    def __init__(self, url: str):
        self.url = url
        self.hits: list[dict] = []
        self.revalidate = False
        self.lock = threading.Lock()

    def take(self) -> list[dict]:
        with self.lock:
            hits, self.hits = self.hits, []
        return hits


@contextmanager
def serve_gzip(directory: Path, port: int, prefix: str = "/"):
    """Serve `directory` at http://127.0.0.1:port + prefix; yields the site's address (a str
    subclass whose .host counts what was sent)."""
    host = Host(f"http://127.0.0.1:{port}{prefix}")
    handler = functools.partial(type("Handler", (GzipHandler,), {"prefix": prefix, "host": host}),
                                directory=str(directory))
    httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield _Address(host.url, host)
    finally:
        httpd.shutdown()
        httpd.server_close()


class _Address(str):
    def __new__(cls, url, host):
        s = super().__new__(cls, url)
        s.host = host
        return s
