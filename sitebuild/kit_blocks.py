"""The classroom kit's blocks (issue 7), in a page's language; the data and QR logic are in kit.py.

- `<!-- ns:local-contacts -->` becomes the school's contacts from data/local.yml (or nothing).
- `<!-- ns:qr -->` becomes an inline SVG QR code to the site's home in the page's language.
- `<!-- ns:offline-zip -->` becomes a link to the offline zip when `extra.offline_zip` is on (the
  Pages workflow publishes the zip beside the site and sets OFFLINE_ZIP=true); otherwise, in plain
  words, how a teacher gets one (`kit.offline_note`).
- `presenter_only: [h2 ids]` in a page's front matter: checked against the page's HTML, then
  handed to present.js.
- Templates get `ns_kit`: language, presentation settings, QR code, preview image and locales.
The markers are listed in markers.py; `ns_kit` comes from the MkDocs hook, or under Zensical from
the Markdown extension, through the page's metadata.
"""
import html
from urllib.parse import urljoin

from sitebuild import kit as K

QR_LABEL = {"fr": "Code QR vers le site\u00a0: {url}", "en": "QR code to the site: {url}"}
LOCALES = {"fr": "fr_CA", "en": "en_CA"}


def qr_figure(lang, site_url, *, caption_as_label=False):
    """The QR code and the address under it. In the slides' <template> the address is an attribute
    (present.js writes it), so a text browser, which shows a template's text, shows nothing."""
    url = K.home_url(site_url, lang)
    svg = K.qr_svg(url, QR_LABEL[lang].format(url=url))
    caption = (f'<figcaption class="ns-qr__url" data-label="{html.escape(url)}"></figcaption>'
               if caption_as_label else f'<figcaption class="ns-qr__url">{html.escape(url)}</figcaption>')
    return f'<figure class="ns-qr" data-qr>{svg}{caption}</figure>'


def offline_note(lang, link_base, *, offline_zip, offline_copy):
    """What replaces <!-- ns:offline-zip -->. The zip sits at the site root: the link is relative
    to where the page's links start (`link_base`, from the site root: "en/educateurs/"; see
    markers.Page.link_base), so it works under a sub-path."""
    depth = link_base.count("/") if link_base else 0
    href = "../" * depth + "site-offline.zip" if offline_zip else None
    return K.offline_note(lang, zip_href=href, offline_copy=offline_copy)


def presenter_only(src_uri, meta, page_html):
    """The h2 ids of a presentable page kept off the slides, each checked to be an h2 of
    `page_html` (KitError otherwise); [] for a page without presentation mode."""
    return K.presenter_only(meta, page_html, src_uri) if K.wants_present(src_uri, meta) else []


def template_context(lang, site_url, src_uri, meta, presenter_only=()):
    """`ns_kit` for the templates: presentation mode, QR codes, link previews."""
    return {
        "lang": lang,
        "present": K.wants_present(src_uri, meta),
        "present_everywhere": K.present_at_every_width(src_uri),
        "presenter_only": list(presenter_only),
        "qr": qr_figure(lang, site_url),
        "qr_slide": qr_figure(lang, site_url, caption_as_label=True),
        "image": urljoin(site_url, f"assets/site/preview-{lang}.png"),
        "locale": LOCALES[lang],
        "alternates": [LOCALES[other] for other in K.LANGS if other != lang],
    }
