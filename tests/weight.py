"""Page weight as a static host serves it: what the first visit of a page asks for, and how many
bytes that is once gzipped (level 6, the usual default of static hosts). Used by
tests/test_budget.py and scripts/bench.py. Deterministic: bytes come from the built files."""
from __future__ import annotations

import functools
import gzip
import io
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

# What a static host compresses; images and archives go as they are.
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".webmanifest")


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def wire_size(path: Path) -> int:
    data = path.read_bytes()
    return gzip_size(data) if path.suffix in COMPRESSIBLE or not path.suffix else len(data)


def local_file(site_dir: Path, base_url: str, url: str) -> Path | None:
    if not url.startswith(base_url):
        return None
    rel = unquote(urlsplit(url).path)[len(urlsplit(base_url).path):]
    path = Path(site_dir) / rel
    if rel == "" or rel.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def first_visit(browser, url: str, site_dir: Path, base_url: str, *, settle_ms: int = 400,
                viewport=None) -> list[dict]:
    """Open `url` in a fresh profile (empty cache) and list every request the page made, the
    worker's included, with the bytes each costs compressed."""
    ctx = browser.new_context(viewport=viewport or {"width": 1280, "height": 900},
                              service_workers="block")
    urls: list[str] = []
    ctx.on("request", lambda r: urls.append(r.url))
    page = ctx.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_timeout(settle_ms)   # a late worker or script fetch still counts
    ctx.close()
    rows = []
    for u in urls:
        path = local_file(site_dir, base_url, u)
        rows.append({"url": u, "path": str(path.relative_to(site_dir)) if path else None,
                     "bytes": wire_size(path) if path else 0})
    return rows


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves files gzip-compressed (level 6) when the client accepts it, like a static host."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()   # the base class redirects /dir to /dir/
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not accepts or path.suffix not in COMPRESSIBLE:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve_gzip(directory: Path, port: int):
    handler = functools.partial(GzipHandler, directory=str(directory))
    httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
