"""MkDocs (and ProperDocs) hooks: the thin layer between the engine and sitebuild/.

Listed in mkdocs.yml under `hooks:`. Each event hands MkDocs' objects to the plain code and does
nothing else; Zensical, which runs no hooks, gets the same site from the Markdown extension
(extension.py) and the post-build command (postbuild.py).

The site's address (kit.py): with `extra.require_public_url` (REQUIRE_PUBLIC_URL=true: the Pages
workflow, `make offline`) a local, partial or http:// `site_url` stops the build; otherwise
`mkdocs build` prints a loud banner on stderr when QR codes and printed addresses point to this
computer. Not a log warning: `--strict` would fail every developer's and every test's build,
which are local on purpose. `mkdocs serve` is local by definition and says nothing.

Nothing deployable from a failed build (publish.py): `mkdocs build` writes into a hidden folder
beside `site_dir` and puts it in place at the very end, only when the build passed, strict
warnings and the post-build step included (MkDocs counts strict warnings after on_post_build,
so the swap waits for on_shutdown). `mkdocs serve` builds into its own temporary folder, as
always.
"""
import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitebuild import (content, data, datafile, kit_blocks, languages, markers, postbuild,
                       publish, search_index)
from sitebuild import checker as C
from sitebuild import facts as F
from sitebuild import kit as K
from sitebuild.errors import SiteError
from sitebuild.extension import NAME
from sitebuild.typography import french

log = logging.getLogger("mkdocs.hooks.sitebuild")
# The command (build, serve, ...); the pages that carry the site's address in a QR code or a
# printed address, (language, source file), for the banner at the end; where the site goes
# (`dest`) and the hidden folder it is built in (`partial`), whether the post-build step
# passed (`built`) and whether the build failed after that (`failed`).
_state = {"command": None, "site_url": None, "with_address": set(), "dest": None,
          "partial": None, "built": False, "failed": False}


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
    _state.update(command=command, dest=None, partial=None, built=False, failed=False)
    _message_only()


def _message_only():
    """MkDocs logs an error raised while it renders a page (a placeholder, a marker), then
    lets Python print the traceback too. An editor's mistake (SiteError) gets its message only:
    it was logged already, naming the file and the line."""
    previous = sys.excepthook
    if getattr(previous, "sitebuild", False):
        return

    def hook(kind, error, trace):
        if isinstance(error, SiteError):
            print(f"Aborted: {error}", file=sys.stderr)
        else:
            previous(kind, error, trace)

    hook.sitebuild = True
    sys.excepthook = hook


def _config_error(config, problems):
    """mkdocs.yml's mistakes, one line each: `mkdocs.yml:LINE key: message`."""
    path = Path(config.config_file_path)
    lines = datafile.key_lines(path)
    return PluginError("\n".join(
        f"{path.name}:{lines.get(key, lines.get(key[:-1], 1))} {'.'.join(map(str, key))}: {text}"
        for key, text in problems))


@event_priority(100)  # before Material's offline plugin, which would add a CDN copy otherwise
def on_config(config, **kwargs):
    if NAME not in config.markdown_extensions:
        raise PluginError(f"mkdocs.yml: list {NAME} under markdown_extensions (the hooks feed it)")
    # `mkdocs build -q` sets MkDocs' logger to ERROR, so warnings never reach the counter that
    # --strict relies on, and a strict build passes with them. Under strict a warning stops the
    # build: it is counted and shown, -q or not (INFO lines stay quiet).
    logger = logging.getLogger("mkdocs")
    if config.strict and logger.level > logging.WARNING:
        logger.setLevel(logging.WARNING)
    _state["site_url"] = config.site_url
    exit_url = config.extra.get("quick_exit_url")
    if exit_url is not None:
        problems = K.quick_exit_problems(exit_url, config.site_url)
        if problems:
            raise _config_error(config, problems)
    if config.extra.get("require_public_url"):
        try:
            K.require_public_address(config.site_url)
        except K.KitError as exc:
            raise PluginError(str(exc)) from exc
    try:
        # Stop now on a page without its translation, then on a broken data file (the checker
        # links pages in both languages).
        languages.check_pairs(config.docs_dir)
        data.load(Path(config.config_file_path).parent)
    except (languages.PairError, *data.ERRORS) as exc:
        raise PluginError(str(exc)) from exc
    problems = search_index.check(config.docs_dir)  # the pages' search words (`keywords:`)
    if problems:
        raise PluginError("\n".join(problems))
    if _offline(config):
        # Chrome can't start a Worker from file://; the vendored shim (iframe-worker, npm)
        # stands in, from the site itself.
        config.extra["polyfills"] = [postbuild.SHIM]
    # `mkdocs build`: into a hidden folder, put in place at the end (on_shutdown). The i18n
    # plugin builds English inside the French build, with this config again: once only.
    if _state["command"] == "build" and config.site_dir != _state["partial"]:
        _state["dest"] = config.site_dir
        _state["partial"] = config.site_dir = str(publish.start(config.site_dir))
    return config


def on_page_markdown(markdown, page, config, **kwargs):
    try:
        content.check_front_matter(page.meta, lambda found: markers.source_at(
            config.docs_dir, page.file.src_uri, found))
    except SiteError as exc:
        raise PluginError(str(exc)) from exc
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
    # Material writes the description into <meta content="..."> without escaping it.
    if isinstance(page.meta.get("description"), str):
        page.meta["description"] = content.attribute_text(page.meta["description"])
    if config.site_description:
        config.site_description = content.attribute_text(config.site_description)
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
    problems = postbuild.run(config.site_dir, site_url=config.site_url or "",
                             docs=config.docs_dir)
    if problems:
        raise PluginError("\n".join(problems))
    _state["built"] = True


def on_build_error(error, **kwargs):
    _state["failed"] = True
    if _state["dest"]:
        publish.discard(_state["dest"])


def on_shutdown(**kwargs):
    if _state["dest"]:
        if _state["built"] and not _state["failed"]:
            publish.finish(_state["dest"])
        else:
            publish.discard(_state["dest"])
    # Once, after both languages are built (the i18n plugin builds English after French).
    problem = K.address_problem(_state["site_url"])
    if problem and _state["command"] == "build" and _state["with_address"] and \
            _state["built"] and not _state["failed"]:
        print(K.local_address_banner(_state["site_url"], len(_state["with_address"]), problem),
              file=sys.stderr, flush=True)
