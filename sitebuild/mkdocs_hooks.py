"""MkDocs (and ProperDocs) hooks: the thin layer between the engine and sitebuild/.

Listed in mkdocs.yml under `hooks:`. Each event hands MkDocs' objects to the plain code and does
nothing else; Zensical, which runs no hooks, gets the same site from the Markdown extension
(extension.py) and the post-build command (postbuild.py).

The site's address (kit.py): with `extra.require_public_url` (REQUIRE_PUBLIC_URL=true: the Pages
workflow, `make offline`) a local or partial `site_url` stops the build; otherwise `mkdocs build`
prints a loud banner on stderr when QR codes and printed addresses point to this computer. Not a
log warning: `--strict` would fail every developer's and every test's build, which are local on
purpose. `mkdocs serve` is local by definition and says nothing.
"""
import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitebuild import data, kit_blocks, languages, postbuild, search_index
from sitebuild import checker as C
from sitebuild import facts as F
from sitebuild import kit as K
from sitebuild.extension import NAME
from sitebuild.typography import french

log = logging.getLogger("mkdocs.hooks.sitebuild")
# The command (build, serve, ...) and the pages that carry the site's address in a QR code or a
# printed address, (language, source file), for the banner at the end.
_state = {"command": None, "site_url": None, "with_address": set()}


def _lang(config):  # the i18n plugin builds one language after the other
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme["language"]


def _offline(config):
    offline = config.plugins.get("material/offline")
    return bool(offline and offline.config.enabled)


def _site_url(config):
    url = config.site_url or "/"
    return url if url.endswith("/") else url + "/"


def on_startup(command, **kwargs):
    _state["command"] = command


@event_priority(100)  # before Material's offline plugin, which would add a CDN copy otherwise
def on_config(config, **kwargs):
    if NAME not in config.markdown_extensions:
        raise PluginError(f"mkdocs.yml: list {NAME} under markdown_extensions (the hooks feed it)")
    _state["site_url"] = config.site_url
    if config.extra.get("require_public_url"):
        try:
            K.require_public_address(config.site_url)
        except K.KitError as exc:
            raise PluginError(str(exc)) from exc
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
    problems = search_index.check(config.docs_dir)  # the pages' search words (`keywords:`)
    if problems:
        raise PluginError("\n".join(problems))
    return files


def on_page_markdown(markdown, page, config, **kwargs):
    # The extension's options for this page: MkDocs renders it next, with these.
    config.mdx_configs.setdefault(NAME, {}).update(
        lang=_lang(config), url=page.url, src=page.file.src_uri,
        root=str(Path(config.config_file_path).parent), docs_dir=config.docs_dir,
        site_url=_site_url(config), site_name=config.site_name,
        directory_urls=config.use_directory_urls, offline=_offline(config),
        offline_zip=bool(config.extra.get("offline_zip")))
    # Pages that print or project the site's address: QR codes, slides, the checker's sheet.
    if (K.QR_MARKER in markdown or C.MARKER in markdown
            or K.wants_present(page.file.src_uri, page.meta)):
        _state["with_address"].add((_lang(config), page.file.src_uri))
    return markdown


def on_page_content(html, page, config, **kwargs):
    if _lang(config) == "fr" and page.title:
        page.title = french(page.title)
    try:
        page.meta["ns_presenter_only"] = kit_blocks.presenter_only(page.file.src_uri, page.meta, html)
    except K.KitError as exc:
        raise PluginError(str(exc)) from exc
    return html


def on_page_context(context, page, config, **kwargs):
    context["ns_kit"] = kit_blocks.template_context(_lang(config), _site_url(config),
                                                    page.file.src_uri, page.meta,
                                                    page.meta.get("ns_presenter_only", []))
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
    for problem in postbuild.run(config.site_dir, site_url=config.site_url or "",
                                 docs_dir=config.docs_dir):
        log.warning(problem)


def on_shutdown(**kwargs):
    # Once, after both languages are built (the i18n plugin builds English after French).
    problem = K.address_problem(_state["site_url"])
    if problem and _state["command"] == "build" and _state["with_address"]:
        print(K.local_address_banner(_state["site_url"], len(_state["with_address"]), problem),
              file=sys.stderr, flush=True)
