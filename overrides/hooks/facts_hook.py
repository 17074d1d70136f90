"""MkDocs hook: put facts from data/facts.yml into pages and templates.

A thin layer over facts.py (its neighbour), so the build, the tests and the scripts share
one reader. The i18n plugin builds once per language; the hook asks it which one is current.
"""
from pathlib import Path

from mkdocs.exceptions import PluginError

from sitebuild import facts as F

_state = {}


def current_lang(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme["language"]


def facts_path(config) -> Path:
    return Path(config.config_file_path).parent / "data" / "facts.yml"


def on_config(config, **kwargs):
    try:
        _state["facts"] = F.load(facts_path(config))
    except F.FactsError as exc:
        raise PluginError(str(exc)) from exc
    return config


def on_page_markdown(markdown, page, config, **kwargs):
    try:
        out, used = F.expand(_state["facts"], markdown, current_lang(config), page.file.src_uri)
    except F.FactsError as exc:
        raise PluginError(str(exc)) from exc
    page.meta["facts_used"] = sorted(used)
    return out


def on_env(env, config, files, **kwargs):
    lang = current_lang(config)
    data = _state["facts"]
    # Templates write {{ fact("help.khp.phone", "tel") }}.
    env.globals["fact"] = lambda key, mode=None: F.render(data, key, lang, mode)
    env.globals["facts_data"] = data
    return env
