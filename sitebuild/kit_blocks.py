"""The classroom kit's blocks (issue 7), in a page's language; the data and QR logic are in kit.py.

- `<!-- ns:local-contacts -->` becomes the school's contacts from data/local.yml (or nothing).
- `<!-- ns:qr -->` becomes an inline SVG QR code to the site's home in the page's language.
- `<!-- ns:offline-zip -->` becomes a link to the offline zip, only when `extra.offline_zip` is on
  (the Pages workflow publishes the zip beside the site and sets OFFLINE_ZIP=true).
- Templates get `ns_kit`: language, QR code, preview image and locales for link previews.
The markers are listed in markers.py; `ns_kit` comes from the MkDocs hook.
"""
import html
from urllib.parse import urljoin

from sitebuild import kit as K

OFFLINE_LINK = {
    "fr": ('<p class="ns-offline" data-offline-zip><a href="{href}" download>Télécharger la trousse '
           'hors ligne (site-offline.zip)</a>, un seul fichier à mettre sur une clé USB. Décompressez-le, '
           'puis ouvrez <code>images-intimes/index.html</code>\u00a0: le site fonctionne sans Internet.</p>'),
    "en": ('<p class="ns-offline" data-offline-zip><a href="{href}" download>Download the offline kit '
           '(site-offline.zip)</a>, one file to put on a USB key. Unzip it, then open '
           '<code>images-intimes/index.html</code>: the site works without internet.</p>'),
}
QR_LABEL = {"fr": "Code QR vers le site\u00a0: {url}", "en": "QR code to the site: {url}"}
LOCALES = {"fr": "fr_CA", "en": "en_CA"}


def qr_figure(lang, site_url):
    url = K.home_url(site_url, lang)
    svg = K.qr_svg(url, QR_LABEL[lang].format(url=url))
    return (f'<figure class="ns-qr" data-qr>{svg}<figcaption class="ns-qr__url">'
            f'{html.escape(url)}</figcaption></figure>')


def offline_link(lang, page_url):
    """The link to the zip, relative to the page (so it works under a sub-path): the zip sits at
    the site root. `page_url` is the page's address from the site root ("en/educateurs/")."""
    depth = page_url.count("/") if page_url else 0
    return OFFLINE_LINK[lang].format(href="../" * depth + "site-offline.zip")


def template_context(lang, site_url, src_uri, meta):
    """`ns_kit` for the templates: presentation mode, QR code, link previews."""
    return {
        "lang": lang,
        "present": K.wants_present(src_uri, meta),
        "qr": qr_figure(lang, site_url),
        "image": urljoin(site_url, f"assets/site/preview-{lang}.png"),
        "locale": LOCALES[lang],
        "alternates": [LOCALES[other] for other in K.LANGS if other != lang],
    }
