"""The classroom kit's build-time logic: QR codes, a school's local contacts, presentation pages,
the offline-kit note and the check of the site's public address.

Plain module: the markers (markers.py) and kit_blocks.py call it during the build, and the tests
import it, so the QR code and the contacts block are made the same way everywhere.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

import segno

from sitebuild import datafile, schema
from sitebuild.errors import SiteError
from sitebuild.languages import LANGS

MARKER = "<!-- ns:local-contacts -->"
QR_MARKER = "<!-- ns:qr -->"
# Pages (name without language suffix) that offer the presentation mode: every student page the
# lesson plan (docs/educateurs/plan) projects. `present: true|false` in a page's front matter
# overrides this. The educators' pages offer it at every width; the students' pages only on wide
# screens (CSS), so a teenager on a phone never sees a teacher's tool (issue 16).
PRESENT_PAGES = {"index", "maintenant", "ordonnance", "qui-peut-demander", "demande", "aide",
                 "image-intime", "temoin"}
PRESENT_DIRS = ("educateurs/",)
# Front matter: `presenter_only: [id, ...]` names h2 sections (by id) that stay on the page but are
# never projected (what the teacher says, what to do after a disclosure).
PRESENTER_ONLY = "presenter_only"

LABELS = {
    "fr": {"title": "Dans ton milieu", "contacts": "Personnes à qui parler ici",
           "hours": "Heures", "room": "Local", "phone": "Téléphone"},
    "en": {"title": "Here, where you are", "contacts": "People you can talk to here",
           "hours": "Hours", "room": "Room", "phone": "Phone"},
}


class LocalError(datafile.DataError):
    """A problem in data/local.yml; each line names the file, the line and the key."""


class KitError(SiteError):
    """A problem in a page's presentation settings or in the site's address."""


# --- QR code ------------------------------------------------------------------------------------

def home_url(site_url: str, lang: str) -> str:
    """The address a QR code points to: the site's home in the page's language."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base if lang == "fr" else f"{base}{lang}/"


def qr(url: str) -> segno.QRCode:
    # Error level M and no micro codes: readable from a projector across a room, and
    # deterministic, so tests can compare the module matrix with a fresh segno.make().
    return segno.make(url, error="m", micro=False, boost_error=False)


def qr_svg(url: str, label: str) -> str:
    """Inline SVG (no file, no network); black on white so it scans on any theme or printer."""
    svg = qr(url).svg_inline(scale=1, border=4, omitsize=True, dark="#000", light="#fff",
                             svgclass="ns-qr__svg", lineclass=None)
    attrs = f'role="img" aria-label="{html.escape(label)}" data-qr-url="{html.escape(url)}"'
    return svg.replace("<svg ", f"<svg {attrs} ", 1)


# --- Local contacts -----------------------------------------------------------------------------

def load_local(path: str | Path, name: str | None = None) -> dict:
    """Read and check data/local.yml (schema.LocalFile). Returns {'organisation': {fr, en} or
    None, 'contacts': [{name, role, phone, hours, room}, ...]}, texts stripped. Raises LocalError,
    one line per mistake naming the file, the line and the key."""
    path = Path(path)
    if not path.exists():
        return {"organisation": None, "contacts": []}
    doc = datafile.read(path, name, kind=LocalError)
    local = schema.validate(doc, schema.LocalFile).model_dump()

    def strip(text):
        return {lang: text[lang].strip() for lang in LANGS} if text else None

    return {"organisation": strip(local["organisation"]),
            "contacts": [{"name": c["name"].strip(), "phone": c["phone"],
                          **{key: strip(c[key]) for key in ("role", "hours", "room")}}
                         for c in local["contacts"] or []]}


def _phone_text(digits: str, lang: str) -> str:
    main, _, ext = digits.partition(",")
    sep = "\u00a0" if lang == "fr" else "-"
    if len(main) == 11:
        txt = f"1{sep}{main[1:4]}{sep}{main[4:7]}-{main[7:]}"
    else:
        txt = f"{main[0:3]}{sep}{main[3:6]}-{main[6:]}"
    if ext:
        txt += f", poste {ext}" if lang == "fr" else f", ext. {ext}"
    return txt


def _phone_href(digits: str) -> str:
    main, _, ext = digits.partition(",")
    main = "+" + main if len(main) == 11 else "+1" + main
    return f"tel:{main}" + (f",{ext}" if ext else "")


def render_local(local: dict, lang: str) -> str:
    """The contacts block in one language, or '' when the school configured nothing."""
    if not local["contacts"]:
        return ""
    t = LABELS[lang]
    e = lambda s: html.escape(s, quote=False)  # noqa: E731
    rows = []
    for c in local["contacts"]:
        parts = [f'<strong class="ns-local__name">{e(c["name"])}</strong>']
        if c["role"]:
            parts.append(f'<span class="ns-local__role">{e(c["role"][lang])}</span>')
        if c["phone"]:
            parts.append(f'<span>{t["phone"]}\u00a0: ' if lang == "fr" else f'<span>{t["phone"]}: ')
            parts[-1] += f'<a class="ns-tel" href="{_phone_href(c["phone"])}">{_phone_text(c["phone"], lang)}</a></span>'
        for key in ("hours", "room"):
            if c[key]:
                sep = "\u00a0: " if lang == "fr" else ": "
                parts.append(f'<span>{t[key]}{sep}{e(c[key][lang])}</span>')
        rows.append("<li>" + "<br>".join(parts) + "</li>")
    return (f'<aside class="ns-local" data-local-contacts aria-labelledby="local-contacts">'
            f'<h2 id="local-contacts">{t["title"]}\u00a0: {e(local["organisation"][lang])}</h2>'
            if lang == "fr" else
            f'<aside class="ns-local" data-local-contacts aria-labelledby="local-contacts">'
            f'<h2 id="local-contacts">{t["title"]}: {e(local["organisation"][lang])}</h2>') + \
        f'<p>{t["contacts"]}</p><ul class="ns-local__list">{"".join(rows)}</ul></aside>'


def page_name(src_uri: str) -> str:
    """'educateurs/quiz.fr.md' -> 'educateurs/quiz'."""
    return re.sub(r"\.[a-z]{2}\.md$", "", src_uri)


def wants_present(src_uri: str, meta: dict) -> bool:
    if "present" in meta:
        return bool(meta["present"])
    name = page_name(src_uri)
    return name in PRESENT_PAGES or name.startswith(PRESENT_DIRS)


def present_at_every_width(src_uri: str) -> bool:
    """Educators' pages: yes. Students' pages: wide screens only (the CSS hides it on a phone)."""
    return page_name(src_uri).startswith(PRESENT_DIRS)


def presenter_only(meta: dict, html_out: str, where: str) -> list[str]:
    """The ids of the h2 sections kept off the slides; each must be an h2 of the page."""
    ids = meta.get(PRESENTER_ONLY) or []
    if not isinstance(ids, list) or not all(isinstance(i, str) and i for i in ids):
        raise KitError(f"{where}: {PRESENTER_ONLY}: a list of h2 ids, like [what-to-say]")
    missing = [i for i in ids if not re.search(rf'<h2\b[^>]*\bid="{re.escape(i)}"', html_out)]
    if missing:
        raise KitError(f"{where}: {PRESENTER_ONLY}: no h2 with the id {', '.join(missing)}")
    return ids


# --- The offline kit, as the educators' page words it --------------------------------------------

OFFLINE_NOTE = {
    # The zip is published beside the site (the Pages workflow): link it.
    "zip": {
        "fr": ('<p class="ns-offline" data-offline-zip><a href="{href}" download>Télécharger la '
               'trousse hors ligne</a> (un seul fichier, site-offline.zip). Copiez ce fichier sur '
               'une clé USB. Sur l\'ordinateur de la classe, décompressez-le, puis ouvrez le '
               'fichier index.html du dossier images-intimes\u00a0: le site fonctionne sans Internet, '
               'mode présentation compris.</p>'),
        "en": ('<p class="ns-offline" data-offline-zip><a href="{href}" download>Download the '
               'offline kit</a> (one file, site-offline.zip). Copy it to a USB key. On the '
               'classroom computer, unzip it, then open the index.html file in the images-intimes '
               'folder: the site opens without internet, presentation mode included.</p>'),
    },
    # No zip published here: who can give one, and what a teacher can do alone meanwhile.
    "ask": {
        "fr": ('<p class="ns-offline" data-offline-ask>Pour obtenir la version hors ligne, '
               'demandez-la à l\'organisme ou à l\'école qui vous a fait connaître ce site, ou à '
               'la personne qui le gère\u00a0: c\'est un seul fichier à copier sur une clé USB.</p>'
               '<p class="ns-offline">En attendant, vous pouvez enregistrer en PDF les pages dont '
               'vous aurez besoin\u00a0: ouvrez-les une à une, appuyez sur Ctrl+P (⌘+P sur un Mac), '
               'puis choisissez '
               '«\u00a0Enregistrer au format PDF\u00a0». Sur la fiche à imprimer, le bouton '
               '«\u00a0Imprimer ou enregistrer en PDF\u00a0» fait la même chose.</p>'),
        "en": ('<p class="ns-offline" data-offline-ask>To get this offline version, ask the '
               'organization or school that told you about this site, or whoever runs it: it is '
               'one file to copy to a USB key.</p>'
               '<p class="ns-offline">Meanwhile, you can save the pages you need: open each one, '
               'press Ctrl+P (⌘+P on a Mac), then choose "Save as PDF". On the printable '
               'handout, the "Print or save as PDF" button does the same.</p>'),
    },
    # This is the offline copy itself.
    "copy": {
        "fr": ('<p class="ns-offline" data-offline-copy>Vous lisez déjà la version hors ligne\u00a0: '
               'pour la transmettre à un ou une collègue, copiez le dossier images-intimes sur '
               'une clé USB.</p>'),
        "en": ('<p class="ns-offline" data-offline-copy>You are already reading the offline '
               'version: to pass it on to a colleague, copy the images-intimes folder to a USB '
               'key.</p>'),
    },
}


def offline_note(lang: str, *, zip_href: str | None, offline_copy: bool) -> str:
    """What replaces <!-- ns:offline-zip -->: the link, or how to get the kit without one."""
    if offline_copy:
        return OFFLINE_NOTE["copy"][lang]
    if zip_href:
        return OFFLINE_NOTE["zip"][lang].format(href=html.escape(zip_href))
    return OFFLINE_NOTE["ask"][lang]


# --- The site's public address ------------------------------------------------------------------

LOCAL_HOSTS = {"localhost", "0.0.0.0", "::1"}


def address_problem(url: str | None) -> str | None:
    """Why `url` can't go on a QR code or a printed handout, or None when it is a public address."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"{url or '(empty)'} is not a full web address like https://example.org/path/"
    host = parts.hostname
    if host in LOCAL_HOSTS or host.startswith("127.") or host.endswith(".localhost"):
        return f"{url} is this computer's own address: nobody else can open it"
    return None


def require_public_address(url: str | None) -> None:
    """Stop a build that must carry the public address (REQUIRE_PUBLIC_URL) when `url` isn't:
    a public address, and https (QR codes and printed handouts send readers there)."""
    problem = address_problem(url)
    if not problem and urlsplit(url).scheme != "https":
        problem = f"{url} is not https: readers would reach it unencrypted"
    if problem:
        raise KitError(f"site_url: {problem}. This build must carry the public address (its QR "
                       "codes and printed handout go to people): run it with "
                       "SITE_URL=https://your.host/path/")


def local_address_banner(url: str, pages: int, problem: str) -> str:
    """The loud message of a build whose QR codes and printed addresses point nowhere useful."""
    bar = "!" * 78
    return "\n".join([
        "", bar,
        f"!!  SITE ADDRESS: {problem}.",
        f"!!  {pages} pages carry it in a QR code or a printed address (slides, handout, the checker's sheet),",
        "!!  and in link previews and language links. Fine to look at on this computer; do NOT publish",
        "!!  or print this build. Set the public address, sub-path included:",
        "!!      SITE_URL=https://your.host/path/ make build",
        bar, ""])


# --- The quick exit's address -------------------------------------------------------------------

def quick_exit_problems(value, site_url: str | None) -> list[tuple[tuple, str]]:
    """What is wrong with `extra.quick_exit_url` (one address, or one per language under fr: and
    en:), as (key path, message): each address must be a plain https:// address on another
    site, since the quick exit must leave this one at once, without JavaScript too."""
    key = ("extra", "quick_exit_url")
    if isinstance(value, dict):
        unknown = sorted(set(map(str, value)) - set(LANGS))
        if unknown:
            return [(key + (unknown[0],), f"unknown language '{unknown[0]}' (use fr and en)")]
        missing = [lang for lang in LANGS if lang not in value]
        if missing:
            return [(key, f"give an address for {' and '.join(missing)} too")]
        items = [(key + (lang,), value[lang]) for lang in LANGS]
    else:
        items = [(key, value)]
    own = (urlsplit(site_url or "").hostname or "").lower()
    problems = []
    for where, url in items:
        parts = urlsplit(url) if isinstance(url, str) else None
        if not parts or parts.scheme != "https" or not parts.hostname or \
                re.search(r"[\s\"'<>`\\]", url):
            problems.append((where, f"{url!r} is not a full https:// address: write the "
                                    "neutral site's address, like https://meteo.gc.ca/"))
        elif parts.hostname.lower() == own:
            problems.append((where, f"{url} is on this site's own host ({own}): the quick exit "
                                    "must leave the site, for a neutral one"))
    return problems
