"""What Material 9.8.2 leaves undone for a light, valid page (issue 6), as plain functions on a
built page: the post-build step (postbuild.py) applies them, and the tests call them too.

Weight (first visit of any page: at most 75 KiB and 10 requests):
- Search loads when the reader first types a query, not on every page load: Material's worker
  entry in __config points at assets/javascripts/workers/search-lazy.js (see that file).
- Material's script loads on the reader's first interaction, not with the page: the page paints
  sooner and a phone has nothing to run first (assets/site/material-lazy.js, part of our one
  script, assets/site/site.min.js, which gets the bundle's address as data-bundle).
- Material's palette.css (its named colours and dark scheme) is not linked: our colours are
  `custom` and live in assets/site/site.css.
- The favicon is inlined as a data: URL, so browsers don't fetch it on every first visit.
- No <link rel="prev"> or <link rel="next"> (Material writes them from the navigation order):
  Firefox prefetches the next page, so a phone would download a page nobody asked for, and the
  Content-Security-Policy (default-src 'none') blocks it, which put an error in Firefox's console
  on every page with a next page (issue 23). The footer's Previous/Next links stay.
Validity (the Nu HTML Checker, tests/test_html.py):
- Material's hidden drawer/search checkboxes carry autocomplete="off", which HTML allows on
  text-like inputs only.
"""
import re
from urllib.parse import quote

# The worker entry of Material's __config JSON: "search": "../assets/javascripts/workers/search.HASH.min.js"
_WORKER = re.compile(r'("search":\s*")([^"]*/)(search\.[0-9a-f]+\.min\.js)(")')
# Material's palette.css; Zensical's is under stylesheets/modern/ or stylesheets/classic/.
_PALETTE = re.compile(r'\s*<link rel="stylesheet" href="[^"]*assets/stylesheets/(?:modern/|classic/)?palette\.[0-9a-f]+\.min\.css">')
_BODY_COLOURS = re.compile(r'<body\b[^>]*>')
_SWITCH = re.compile(r'\s*<form class="md-header__option" data-md-component="palette">.*?</form>'
                     r'\s*<script>var palette=__md_get\("__palette"\).*?</script>', re.S)
_ICON = re.compile(r'(<link rel="icon" href=")([^"]+\.svg)(">)')
# Material's <link rel="prev" href="..."> and <link rel="next" href="..."> in <head>.
_PREV_NEXT = re.compile(r'\s*<link rel="(?:prev|next)" href="[^"]*">')
_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
LAZY_WORKER = "search-lazy.min.js"   # minified from search-lazy.js by the minify plugin
# Material's script tag: <script src="../assets/javascripts/bundle.HASH.min.js"></script>
_BUNDLE = re.compile(r'<script src="([^"]*)assets/javascripts/(bundle\.[0-9a-f]+\.min\.js)"></script>')
# Our one script (sitebuild/js_bundle.py), which holds material-lazy.js:
# <script src="../assets/site/site.min.js"></script>
_SITE_SCRIPT = re.compile(r'<script src="([^"]*)assets/site/site\.min\.js"></script>')


def lazy_search(html: str, index_dir: str) -> str:
    """Point Material at the lazy stand-in worker, telling it the real worker and the index folder."""
    def swap(m):
        return f"{m.group(1)}{m.group(2)}{LAZY_WORKER}#worker={m.group(3)}&index={index_dir}{m.group(4)}"
    return _WORKER.sub(swap, html, count=1)


def lazy_bundle(html: str) -> str:
    """Take Material's script tag away and give its address to our one script, whose
    material-lazy part fetches it on the reader's first interaction (assets/site/material-lazy.js).
    A page already done (data-bundle there) is left as it is."""
    bundle = _BUNDLE.search(html)
    if bundle is None:
        if 'data-bundle="' in html:
            return html
        raise ValueError("Material's bundle script tag was not found: update theme_rules._BUNDLE")
    address = f"{bundle.group(1)}assets/javascripts/{bundle.group(2)}"
    html = html[:bundle.start()] + html[bundle.end():]
    html, n = _SITE_SCRIPT.subn(lambda m: f'<script src="{m.group(1)}assets/site/site.min.js" '
                                          f'data-bundle="{address}"></script>', html, count=1)
    if n != 1:
        raise ValueError("our script tag (assets/site/site.min.js) was not found: "
                         "see overrides/partials/ns-scripts-safety.html")
    return html


def _custom_only(palette) -> bool:
    schemes = palette if isinstance(palette, list) else [palette] if palette else []
    return bool(schemes) and all(s.get("primary") == "custom" and s.get("accent") == "custom"
                                 and s.get("scheme", "default") == "default" for s in schemes)


def drop_palette_css(html: str, palette) -> str:
    """Material links palette.css whenever theme.palette is set; with custom colours only, it is
    unused (it holds the named colours and the dark scheme)."""
    return _PALETTE.sub("", html) if _custom_only(palette) else html


def drop_palette_switch(html: str, palette) -> str:
    """Zensical writes a colour switcher for a single palette too (Material doesn't): a form with
    one hidden choice and an inline script, and its script then stores the choice in
    localStorage. With custom colours only there is nothing to switch, and nothing is stored."""
    return _SWITCH.sub("", html) if _custom_only(palette) else html


def svg_data_url(svg: str) -> str:
    """A compact data: URL for an SVG (percent-encoded, not base64: smaller once gzipped)."""
    svg = re.sub(r"\s+", " ", svg.strip())
    return "data:image/svg+xml," + quote(svg, safe="/:=;,'()")


def drop_prev_next(html: str) -> str:
    """Drop the <link rel="prev"/"next"> tags that make Firefox prefetch the next page."""
    return _PREV_NEXT.sub("", html)


def valid_toggles(html: str) -> str:
    """Drop autocomplete="off" from Material's hidden checkboxes (drawer, search): HTML allows the
    attribute on text-like inputs only. Material closes both panels on every page load anyway."""
    return _TOGGLE.sub(r"\1", html)


def palette_of(html: str) -> dict:
    """The colour scheme the theme wrote on <body> (data-md-color-scheme, -primary, -accent)."""
    body = _BODY_COLOURS.search(html)
    attrs = dict(re.findall(r'data-md-color-(scheme|primary|accent)="([^"]*)"', body.group(0))) if body else {}
    return attrs


def inline_favicon(html: str, read) -> str:
    """The SVG favicon as a data: URL. `read(href)` gives the file's text, or None to leave it."""
    def swap(m):
        svg = read(m.group(2))
        return m.group(1) + svg_data_url(svg) + m.group(3) if svg is not None else m.group(0)
    return _ICON.sub(swap, html, count=1)
