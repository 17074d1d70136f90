"""MkDocs hook (issue 5): every page, 404.html included, gets a Content-Security-Policy meta tag
first in <head> (with the hashes of its own inline scripts), outbound links get
rel="noopener noreferrer", and the quick-exit skip link goes first in <body>. Runs last, on the
final HTML, so the hashes match what the browser gets. Also writes `_headers` (HTTP headers a
meta tag can't set, for hosts that read that file). The work is in csp_policy.py."""
import logging
from pathlib import Path

from mkdocs.plugins import event_priority

from sitebuild import csp_policy

log = logging.getLogger("mkdocs.hooks.csp")
SHIM = Path(__file__).resolve().parent.parent / "assets" / "site" / "iframe-worker-shim.js"


def _shim(config):
    offline = config.plugins.get("material/offline")
    if offline and offline.config.enabled:
        return SHIM.read_text(encoding="utf-8")
    return None


def _lock(output, where, config):
    for problem in csp_policy.problems(output):
        log.warning(f"{where}: {problem}")
    return csp_policy.lock_down(output, site_url=config.site_url or "", shim=_shim(config))


@event_priority(-1000)  # after every other hook and plugin: hash the HTML as it will be written
def on_post_page(output, page, config, **kwargs):
    return _lock(output, page.file.src_uri, config)


@event_priority(-1000)
def on_post_template(output, template_name, config, **kwargs):
    if template_name.endswith(".html"):
        return _lock(output, template_name, config)
    return output


def on_post_build(config, **kwargs):
    # Only for a host that reads it; the offline copy is opened from disk, where headers don't exist.
    if _shim(config) is None:
        (Path(config.site_dir) / "_headers").write_text(csp_policy.HEADERS, encoding="utf-8")
