"""MkDocs hook for the classroom kit (issue 7); the logic lives in kit.py beside it.

- `<!-- ns:local-contacts -->` becomes the school's contacts from data/local.yml (or nothing).
- `<!-- ns:qr -->` becomes an inline SVG QR code to the site's home in the page's language.
- `<!-- ns:offline-zip -->` becomes a link to the offline zip when `extra.offline_zip` is on (the
  Pages workflow publishes the zip beside the site and sets OFFLINE_ZIP=true); otherwise, in plain
  words, how a teacher gets one (`kit.offline_note`).
- `presenter_only: [h2 ids]` in a page's front matter: checked, then handed to present.js.
- Templates get `ns_kit`: language, presentation settings, QR code, preview image and locales.
- The site's address: with `extra.require_public_url` (REQUIRE_PUBLIC_URL=true: the Pages
  workflow, `make offline`) a local or partial `site_url` stops the build; otherwise `mkdocs build`
  prints a loud banner on stderr when QR codes and printed addresses point to this computer. Not a
  log warning: `--strict` would fail every developer's and every test's build, which are local on
  purpose. `mkdocs serve` is local by definition and says nothing.
"""
import html
import sys
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError

import kit as K

_state = {}

QR_LABEL = {"fr": "Code QR vers le site\u00a0: {url}", "en": "QR code to the site: {url}"}
LOCALES = {"fr": "fr_CA", "en": "en_CA"}


def _lang(config):
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme["language"]


def _site_url(config):
    # The i18n plugin may point site_url at /en/ while building English: use the root.
    url = _state.get("site_url") or config.site_url or "/"
    return url if url.endswith("/") else url + "/"


def on_startup(command, **kwargs):
    _state["command"] = command


def on_config(config, **kwargs):
    _state.setdefault("site_url", config.site_url)
    _state.setdefault("with_address", set())
    problem = K.address_problem(_state["site_url"])
    if problem and config.extra.get("require_public_url"):
        raise PluginError(f"site_url: {problem}. This build must carry the public address (its QR "
                          "codes and printed handout go to people): run it with "
                          "SITE_URL=https://your.host/path/")
    try:
        _state["local"] = K.load_local(Path(config.config_file_path).parent / "data" / "local.yml")
    except K.LocalError as exc:
        raise PluginError(str(exc)) from exc
    return config


def qr_figure(lang, site_url, *, caption_as_label=False):
    """The QR code and the address under it. In the slides' <template> the address is an attribute
    (present.js writes it), so a text browser, which shows a template's text, shows nothing."""
    url = K.home_url(site_url, lang)
    svg = K.qr_svg(url, QR_LABEL[lang].format(url=url))
    caption = (f'<figcaption class="ns-qr__url" data-label="{html.escape(url)}"></figcaption>'
               if caption_as_label else f'<figcaption class="ns-qr__url">{html.escape(url)}</figcaption>')
    return f'<figure class="ns-qr" data-qr>{svg}{caption}</figure>'


def on_page_content(output, page, config, **kwargs):
    lang = _lang(config)
    output = output.replace(K.MARKER, K.render_local(_state["local"], lang))
    if K.QR_MARKER in output:
        output = output.replace(K.QR_MARKER, qr_figure(lang, _site_url(config)))
        _state["with_address"].add((lang, page.file.src_uri))
    if "<!-- ns:offline-zip -->" in output:
        offline = config.plugins.get("material/offline")
        offline_copy = bool(offline and offline.config.enabled)
        # Relative to the page, so it works under a sub-path; the zip sits at the site root.
        depth = page.url.count("/") if page.url else 0
        href = "../" * depth + "site-offline.zip" if config.extra.get("offline_zip") else None
        # Never inside the offline copy itself: the zip is not part of it.
        output = output.replace("<!-- ns:offline-zip -->",
                                K.offline_note(lang, zip_href=href, offline_copy=offline_copy))
    if K.wants_present(page.file.src_uri, page.meta):
        try:
            page.meta["ns_presenter_only"] = K.presenter_only(page.meta, output, page.file.src_uri)
        except K.KitError as exc:
            raise PluginError(str(exc)) from exc
    return output


def on_page_context(context, page, config, **kwargs):
    lang = _lang(config)
    site = _site_url(config)
    present = K.wants_present(page.file.src_uri, page.meta)
    if present:
        _state["with_address"].add((lang, page.file.src_uri))
    context["ns_kit"] = {
        "lang": lang,
        "present": present,
        "present_everywhere": K.present_at_every_width(page.file.src_uri),
        "presenter_only": page.meta.get("ns_presenter_only", []),
        "qr": qr_figure(lang, site),
        "qr_slide": qr_figure(lang, site, caption_as_label=True),
        "image": urljoin(site, f"assets/site/preview-{lang}.png"),
        "locale": LOCALES[lang],
        "alternates": [LOCALES[other] for other in K.LANGS if other != lang],
    }
    return context


def on_shutdown(**kwargs):
    # Once, after both languages are built (the i18n plugin builds English after French).
    problem = K.address_problem(_state.get("site_url"))
    if problem and _state.get("command") == "build" and _state.get("with_address"):
        print(K.local_address_banner(_state["site_url"], len(_state["with_address"]), problem),
              file=sys.stderr, flush=True)
