"""MkDocs hook: validate the checker's flow (data/checker.yml) and render it into its pages.

A thin layer over checker.py (its neighbour). The flow is checked once per build; a broken flow
stops the build with a message naming the file and the node. The checker page carries the marker
`<!-- ns:checker -->`, the educators' diagram page `<!-- ns:checker-diagram -->`; the hook
replaces each with HTML built from the flow in the page's language.
"""
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

import checker as C
import facts as F
import kit as K

_state = {}


def _lang(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme["language"]


def on_config(config, **kwargs):
    # The i18n plugin may point site_url at /en/ while building English: keep the first, the root.
    _state.setdefault("site_url", config.site_url)
    root = Path(config.config_file_path).parent
    try:
        facts = F.load(root / "data" / "facts.yml")
        _state["flow"] = C.load(root / "data" / "checker.yml", facts)
    except (F.FactsError, C.CheckerError) as exc:
        raise PluginError(str(exc)) from exc
    _state["facts"] = facts
    return config


def _linker(page, config, lang):
    """Turn `name.md#anchor` in the flow's text into a URL relative to the page, like MkDocs."""
    docs = Path(config.docs_dir)
    prefix = "" if lang == "fr" else f"{lang}/"

    def link(name, anchor):
        if not (docs / f"{name}.{lang}.md").exists():
            raise PluginError(f"{_state['flow']['path']}: link to '{name}.md', which has no "
                              f"page docs/{name}.{lang}.md")
        base = name[: -len("index")] if name == "index" or name.endswith("/index") else name
        if config.use_directory_urls:
            target = prefix + (base if base.endswith("/") or not base else base + "/")
        else:
            target = f"{prefix}{name}.html"
        return (get_relative_url(target, page.url) if page.url else target) + anchor

    return link


def _site(page, config, lang):
    """The site's name and public addresses, for the printed sheet (checker.py)."""
    base = _state.get("site_url") or config.site_url or "/"
    base = base if base.endswith("/") else base + "/"
    return {"name": config.site_name, "home": K.home_url(base, lang), "page": base + (page.url or "")}


def on_page_markdown(markdown, page, config, **kwargs):
    if C.MARKER not in markdown and C.DIAGRAM_MARKER not in markdown:
        return markdown
    lang = _lang(config)
    flow, facts = _state["flow"], _state["facts"]
    try:
        if C.MARKER in markdown:
            block = C.render_checker(flow, facts, lang, _linker(page, config, lang),
                                     _site(page, config, lang))
            markdown = markdown.replace(C.MARKER, "\n\n" + block + "\n\n", 1)
        if C.DIAGRAM_MARKER in markdown:
            block = C.render_diagram(flow, facts, lang)
            markdown = markdown.replace(C.DIAGRAM_MARKER, "\n\n" + block + "\n\n", 1)
    except (F.FactsError, C.CheckerError) as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from exc
    return markdown
