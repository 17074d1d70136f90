"""MkDocs hook: what the i18n plugin and Material leave undone for a bilingual site.

- Every page exists in both languages, or the build stops naming the missing file.
- hreflang alternates are absolute (built from site_url), as search engines require.
- Search returns the reader's language only: one index per language, with French stemming
  for French, instead of the single mixed index the plugin writes.
"""
import json
import logging
import re
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.i18n_site")
LANGS = ("fr", "en")
DEFAULT = "fr"
_PAGE = re.compile(r"^(?P<base>.+)\.(?P<lang>[a-z]{2})\.md$")
_ALT = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([a-z-]+)">')
_BASE = re.compile(r'("base":\s*")([^"]*)(")')


def _lang(config):
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or DEFAULT


def on_files(files, config, **kwargs):
    docs = Path(config.docs_dir)
    pages = {}
    for path in docs.rglob("*.md"):
        rel = path.relative_to(docs).as_posix()
        m = _PAGE.match(rel)
        if not m or m.group("lang") not in LANGS:
            raise PluginError(f"{rel}: every page is a pair, NAME.fr.md and NAME.en.md")
        pages.setdefault(m.group("base"), set()).add(m.group("lang"))
    for base, langs in sorted(pages.items()):
        for missing in sorted(set(LANGS) - langs):
            raise PluginError(f"{base}.{missing}.md is missing: every page needs its translation")
    return files


def on_post_page(output, page, config, **kwargs):
    if not page.canonical_url:
        return output

    # Absolute hreflang URLs. The rel value keeps a trailing space on purpose: Material's
    # bundle fetches "sitemap.xml" beside every element matching link[rel=alternate] (two 404s
    # per page, or a request to the public host when the site is served elsewhere); the
    # attribute still reads as rel=alternate to HTML parsers and search engines.
    def absolute(m):
        url = urljoin(page.canonical_url, m.group(1))
        return f'<link rel="alternate " href="{url}" hreflang="{m.group(2)}">'

    output = _ALT.sub(absolute, output)
    # Each language searches its own index: point English pages' search base at /en/.
    if _lang(config) != DEFAULT:
        lang = _lang(config)
        output = _BASE.sub(lambda m: f'{m.group(1)}{m.group(2).rstrip("/") or "."}/{lang}/{m.group(3)}',
                           output, count=1)
    return output


@event_priority(-200)  # after the i18n plugin (-100) has merged both languages' entries
def on_post_build(config, **kwargs):
    site = Path(config.site_dir)
    merged = site / "search" / "search_index.json"
    if not merged.exists():
        return
    data = json.loads(merged.read_text(encoding="utf-8"))
    offline = config.plugins.get("material/offline")
    offline_on = bool(offline and offline.config.enabled)
    for lang in LANGS:
        prefix = "" if lang == DEFAULT else f"{lang}/"
        docs = []
        for doc in data["docs"]:
            loc = doc["location"]
            is_other = any(loc.startswith(f"{other}/") for other in LANGS if other != DEFAULT)
            if lang == DEFAULT and not is_other:
                docs.append(doc)
            elif lang != DEFAULT and loc.startswith(prefix):
                docs.append(dict(doc, location=loc[len(prefix):]))
        index = {"config": dict(data["config"], lang=[lang]), "docs": docs}
        if lang == "fr":
            # French stemming ("ordonnances" finds "ordonnance"); see lunr.stemmer.support.min.js
            # in overrides/ for the other half of the fix.
            index["config"]["pipeline"] = ["stemmer", "stopWordFilter", "trimmer"]
        out = site / prefix / "search"
        out.mkdir(parents=True, exist_ok=True)
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        (out / "search_index.json").write_text(text, encoding="utf-8")
        if offline_on:
            # Material reads the index from a script when the page comes from file://.
            (out / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")


@event_priority(100)  # before Material's offline plugin, which would add a CDN copy otherwise
def on_config(config, **kwargs):
    offline = config.plugins.get("material/offline")
    if offline and offline.config.enabled:
        # Chrome can't start a Worker from file://; the vendored shim (iframe-worker, npm)
        # stands in, from the site itself.
        config.extra["polyfills"] = ["assets/site/iframe-worker-shim.js"]
    return config


def on_post_template(output, template_name, config, **kwargs):
    # 404.html is rendered outside any page, with the alternates of whichever page came last:
    # drop them (its body links both homes).
    if template_name == "404.html":
        output = re.sub(r'\s*<link rel="alternate" href="[^"]*" hreflang="[a-z-]+">', "", output)
    return output
