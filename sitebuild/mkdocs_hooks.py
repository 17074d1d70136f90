"""MkDocs (and ProperDocs) hooks: the thin layer between the engine and sitebuild/.

Listed in mkdocs.yml under `hooks:`. Each event hands MkDocs' objects to the plain code and does
nothing else; Zensical, which runs no hooks, gets the same site from the Markdown extension
(extension.py) and the post-build command (postbuild.py).
"""
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitebuild import data, kit_blocks, languages, postbuild
from sitebuild import facts as F
from sitebuild.extension import NAME
from sitebuild.typography import french

log = logging.getLogger("mkdocs.hooks.sitebuild")


def _lang(config):  # the i18n plugin builds one language after the other
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme["language"]


def _offline(config):
    offline = config.plugins.get("material/offline")
    return bool(offline and offline.config.enabled)


def _site_url(config):
    url = config.site_url or "/"
    return url if url.endswith("/") else url + "/"


@event_priority(100)  # before Material's offline plugin, which would add a CDN copy otherwise
def on_config(config, **kwargs):
    if NAME not in config.markdown_extensions:
        raise PluginError(f"mkdocs.yml: list {NAME} under markdown_extensions (the hooks feed it)")
    try:
        data.load(Path(config.config_file_path).parent)  # stop now on a broken data file
    except data.ERRORS as exc:
        raise PluginError(str(exc)) from exc
    if _offline(config):
        # Chrome can't start a Worker from file://; the vendored shim (iframe-worker, npm)
        # stands in, from the site itself.
        config.extra["polyfills"] = [postbuild.SHIM]
    return config


def on_files(files, config, **kwargs):
    try:
        languages.check_pairs(config.docs_dir)
    except languages.PairError as exc:
        raise PluginError(str(exc)) from exc
    return files


def on_page_markdown(markdown, page, config, **kwargs):
    # The extension's options for this page: MkDocs renders it next, with these.
    config.mdx_configs.setdefault(NAME, {}).update(
        lang=_lang(config), url=page.url, src=page.file.src_uri,
        root=str(Path(config.config_file_path).parent), docs_dir=config.docs_dir,
        site_url=_site_url(config), directory_urls=config.use_directory_urls,
        offline=_offline(config), offline_zip=bool(config.extra.get("offline_zip")))
    return markdown


def on_page_content(html, page, config, **kwargs):
    if _lang(config) == "fr" and page.title:
        page.title = french(page.title)
    return html


def on_page_context(context, page, config, **kwargs):
    context["ns_kit"] = kit_blocks.template_context(_lang(config), _site_url(config),
                                                    page.file.src_uri, page.meta)
    return context


def on_env(env, config, files, **kwargs):
    # Templates may write {{ fact("help.khp.phone", "tel") }} (MkDocs only: Zensical runs no hook).
    facts, lang = data.load(Path(config.config_file_path).parent).facts, _lang(config)
    env.globals["fact"] = lambda key, mode=None: F.render(facts, key, lang, mode)
    env.globals["facts_data"] = facts
    return env


@event_priority(-200)  # after the i18n plugin (-100) has built every language and merged search
def on_post_build(config, **kwargs):
    if getattr(config.plugins.get("i18n"), "building", False):
        return  # a language built inside the default one's build: that build finishes the site
    for problem in postbuild.run(config.site_dir, site_url=config.site_url or ""):
        log.warning(problem)
