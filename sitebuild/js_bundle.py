"""The small scripts every page runs reach the reader as one file (issue 25).

The quick exit, the loader of Material's script, the page tools (the Present button and the
handout's Print: tools.js, which fetches presentation mode only when a teacher presses it) and
the checker results' pages' way back to the checker (checker-result.js) each
keep their own source in overrides/assets/site/, minified by mkdocs-minify-plugin (or the
engine) to NAME.min.js. Each page links one file, assets/site/site.min.js
(partials/ns-scripts-safety.html), which the post-build step writes from them, in this order:
the quick exit first, so that nothing before it can keep it from running.

One file rather than inline scripts: measured on the built site (issue 25; the file is 1,419 B
gzipped), inlining it would save one request and 95 to 189 B (median 164) on a first visit, less
the CSP hash it would need on every page, but cost 1,255 B (median) on every later page, which
takes this file from the cache. Every first visit fits the budget's 5 requests with the file.
"""
from __future__ import annotations

from pathlib import Path

BUNDLE = "assets/site/site.min.js"
PARTS = ["assets/site/quick-exit.min.js", "assets/site/material-lazy.min.js",
         "assets/site/tools.min.js", "assets/site/checker-result.min.js"]


def bundle_text(folder: Path) -> str:
    out = []
    for part in PARTS:
        path = folder / part
        if not path.is_file():
            raise FileNotFoundError(f"script {part} not found in {folder}")
        out.append(path.read_text(encoding="utf-8").strip().rstrip(";") + ";")
    return "\n".join(out) + "\n"
