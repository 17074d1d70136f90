"""The post-build step: the site's work on the final HTML, over a built folder, whichever engine
built it. MkDocs' hook runs it at the end of every build (sitebuild/mkdocs_hooks.py); for any
other engine, run it on the folder:

    python -m sitebuild.postbuild site-zensical/ [--site-url https://org.github.io/repo/] [--docs docs]

On the way, pages too heavy for a first visit are split (issue 25): the checker's results go to
a page each and to a script file that checker.js fetches (checker_split.py), the list of every
fact to pages beside the About page (facts_pages.py).
Before the pages, once: one search index per language, with each page's search words (front
matter `keywords:`, read from the pages in --docs) and nothing of the checker (search_index.py).
On every page, in this order (the order MkDocs' hooks ran in):
  1. the theme's stylesheet and ours linked as one (css_bundle.py), the SVG favicon inlined;
  2. languages (languages.py): absolute hreflang alternates, one visible link to the same page
     in the other language (in the header and in presentation mode), each language's search
     base; 404.html gets no alternates; French pages' no-break spaces in what the engine wrote
     (navigation, title bar: typography.py);
  3. the theme's rules (theme_rules.py): search and Material's script load on first use, valid
     toggles, no unused palette.css nor colour switcher, no rel="prev"/"next" links (Firefox
     prefetched the next page);
  4. the lock-down (csp_policy.py): quick-exit skip link first in <body>, rel="noopener
     noreferrer" on outbound links, the Content-Security-Policy with the hash of each inline
     script, computed last so it matches what the browser gets.
Then, once: the one stylesheet, with only the rules the pages can use (css_purge.py: matched
against every page as read here), and `_headers` for hosts that read it.

The offline copy (file://) is recognised by the vendored iframe-worker shim its pages load.
Running it twice gives the same folder. Problems that a page can't be shipped with (a style
attribute, no quick exit, search words for a section it doesn't have) are returned, and
printed by the command, which then exits 1.
"""
from __future__ import annotations

import argparse
import posixpath
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

from sitebuild import checker_split, css_bundle, css_purge, derived, facts_pages, csp_policy, htmlscan, js_bundle, search_index
from sitebuild import languages as L
from sitebuild import theme_rules as rules
from sitebuild import typography

SHIM = "assets/site/iframe-worker-shim.js"
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')
# The theme's script, as written by the engine or as material-lazy.js's data-bundle.
_THEME_SCRIPT = re.compile(r'(?:src|data-bundle)="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"')


def pages(site: Path) -> list[Path]:
    """The built pages: every .html file outside the theme's assets."""
    return sorted(p for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith("assets/"))


def site_url_of(site: Path) -> str:
    """The site's address, from the home page's canonical link ('' when it has none)."""
    home = site / "index.html"
    m = _CANONICAL.search(home.read_text(encoding="utf-8")) if home.exists() else None
    return m.group(1) if m else ""


def site_path(rel: str, href: str, site_url: str) -> str | None:
    """The file of the site that a link on the page at `rel` points at, or None if elsewhere."""
    if urlparse(href).scheme or href.startswith("//"):
        return href[len(site_url):] if site_url and href.startswith(site_url) else None
    if href.startswith("/"):
        root = urlparse(site_url or "/").path or "/"
        return href[len(root):] if href.startswith(root) else None
    return posixpath.normpath(posixpath.join(posixpath.dirname(rel), href))


def site_file(site: Path, rel: str, href: str, site_url: str) -> str | None:
    """site_path(), and index.html for a folder: the file a link on the page at `rel` opens."""
    path = site_path(rel, href, site_url)
    if path is None:
        return None
    path = posixpath.normpath(path or ".")
    if path == "." or (site / path).is_dir():
        return posixpath.normpath(posixpath.join(path, "index.html"))
    return path


def page(html: str, rel: str, site: Path, *, site_url: str, material: bool, shim: str | None,
         files: dict | None = None):
    """One page through steps 1 to 4: (html, stylesheets it linked, problems, the page as read
    by the HTML parser before the lock-down, for the check of links across pages). `material`: the
    site is Material for MkDocs' (its lunr search index is there), whose search and script the
    theme rules load on first use; other themes' scripts load as they are. `files`: the text of
    files already read (favicon, theme script), kept across the pages of one run."""
    files = {} if files is None else files
    not_found = posixpath.basename(rel) == "404.html"

    def read(href):
        path = site_path(rel, href, site_url)
        if not path or not (site / path).is_file():
            return None
        if path not in files:
            files[path] = (site / path).read_text(encoding="utf-8")
        return files[path]

    html, parts = css_bundle.link_bundle(html)
    # Where the bundle goes: beside the stylesheets (each language has its own under Zensical).
    parts = [site_path(rel, href, site_url) for href in parts]
    html = rules.inline_favicon(html, read)
    # A page made from another (a checker result, the facts' pages: derived.py) links the other
    # language's twin of that page, as the engine wrote it for that page.
    lang_rel = derived.origin(rel) or rel
    if not_found:
        html = L.drop_alternates(html)
    else:
        html = L.alternates(html, lang_rel)
        html = L.search_base(html, rel)
    html = L.switch(html, lang_rel, not_found=not_found)
    html = L.present_links(html, rel, lambda href: site_file(site, rel, href, site_url))
    # The page's own text got its French spaces from the Markdown extension; the engine's parts
    # (the navigation's headings, the title bar) only exist here.
    if not not_found and L.lang_of(rel) == "fr":
        html = typography.french_html(html)
    if material:
        html = rules.lazy_search(html, "search/" if not_found else L.prefix(L.lang_of(rel)) + "search/")
        html = rules.lazy_bundle(html)
    html = rules.valid_toggles(html)
    html = rules.drop_prev_next(html)
    html = rules.drop_palette_css(html, rules.palette_of(html))
    html = rules.drop_palette_switch(html, rules.palette_of(html))
    scan = htmlscan.read(html)
    read_by_parser = (html, scan)
    problems = csp_policy.problems(scan, site_url=site_url,
                                   site_path=lambda href: site_path(rel, href, site_url))
    script = _THEME_SCRIPT.search(html)
    styles = csp_policy.script_styles(read(script.group(1)) or "") if script else []
    html = csp_policy.lock_down(html, site_url=site_url, shim=shim if SHIM in html else None,
                                styles=styles, page=scan)
    return html, parts, problems, read_by_parser


def _script_text(folder: Path) -> str:
    """The theme's and our scripts beside a stylesheet: what they read with var(--name) keeps
    that custom property (css_purge.py)."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((folder / "assets").rglob("*.js"))
                     if "/lunr/" not in p.as_posix())


def _assets_root(path: str) -> str:
    """'en/assets/site/site.css' -> 'en/': the folder that holds assets/site/."""
    return path[: path.index("assets/site/")]


def source_of(rel: str, docs: Path | None) -> str | None:
    """The page's source file, for messages: 'en/aide/index.html' -> 'docs/aide.en.md' (when
    `docs`, the pages' folder, holds it), else None."""
    if docs is None:
        return None
    lang = L.lang_of(rel)
    path = re.sub(r"(^|/)index\.html$|\.html$", "", rel[len(L.prefix(lang)):])
    for name in (path or "index", f"{path}/index"):
        if (docs / f"{name}.{lang}.md").is_file():
            return f"{docs.name}/{name}.{lang}.md"
    return None


# Addresses whose #fragment a script of the site reads, not an element's id: present.js starts
# presentation mode on `#present` (the slides' link to the other language).
SCRIPT_FRAGMENTS = {"present"}


def _missing_anchors(site: Path, site_url: str, scans: dict) -> dict[str, list[str]]:
    """Links to a page of the site whose #anchor that page doesn't have (MkDocs checks the
    Markdown's own links; this checks every link of the final HTML, the checker's included)."""
    ids = {rel: scan.ids() for rel, scan in scans.items()}
    found: dict[str, list[str]] = {}
    for rel, scan in scans.items():
        for tag in scan.all("a"):
            href = tag.get("href") or ""
            path, sep, anchor = href.partition("#")
            if not sep or not anchor or anchor in SCRIPT_FRAGMENTS:
                continue
            target = site_file(site, rel, path, site_url) if path else rel
            if target in ids and unquote(anchor) not in ids[target]:
                found.setdefault(rel, []).append(
                    f"a link to {href}, but {target} has no id \"{unquote(anchor)}\"")
    return found


def run(site: str | Path, *, site_url: str | None = None, docs: str | Path | None = None) -> list[str]:
    """The post-build step over the built folder `site`. Returns the problems found, one line
    each, naming the page (and its source in `docs`, the pages' folder, when given)."""
    site = Path(site)
    docs = Path(docs) if docs is not None else None
    site_url = site_url if site_url is not None else site_url_of(site)
    home = (site / "index.html").read_text(encoding="utf-8") if (site / "index.html").exists() else ""
    offline = SHIM in home
    shim = (site / SHIM).read_text(encoding="utf-8") if (site / SHIM).exists() else None
    # The search words come from the pages' front matter (default folder: docs/).
    problems = search_index.run(site, docs_dir=docs if docs is not None else "docs",
                                offline=offline)
    # Material's lunr search (MkDocs): the theme rules apply. Zensical's search is its own.
    material = (site / search_index.MATERIAL_FILE).exists()
    bundles, files, scans = {}, {}, {}
    using: dict[str, list] = {}   # the pages (as read) that link each folder's stylesheet
    found_on: dict[str, list[str]] = {}
    todo = pages(site)
    made_pages: set[Path] = set()
    for path in todo:
        rel = path.relative_to(site).as_posix()
        html = path.read_text(encoding="utf-8")
        # The checker's results and the list of every fact leave their pages for pages of their
        # own (checker_split.py, facts_pages.py), which go through the steps below too.
        made = {}
        if path in made_pages:
            pass   # a page made just now from a split one: nothing left to split
        elif "data-outcome=" in html:
            split = checker_split.split(html, rel, site_url)
            if split:
                html, made, script = split
                (path.parent / checker_split.RESULTS_JS).write_text(script, encoding="utf-8")
        elif "data-facts-list" in html:
            split = facts_pages.split(html, rel)
            if split:
                html, made = split
        if made:
            path.write_text(html, encoding="utf-8")
            for made_rel, made_html in made.items():
                (site / made_rel).write_text(made_html, encoding="utf-8")
                made_pages.add(site / made_rel)
                if site / made_rel not in todo:
                    todo.append(site / made_rel)
        new, parts, found, read = page(html, rel, site, site_url=site_url,
                                       material=material, shim=shim, files=files)
        scans[rel] = read[1]
        found_on[rel] = found
        if parts:
            if None in parts:
                problems.append(f"{rel}: a stylesheet outside the site: {parts}")
                continue
            folder = _assets_root(parts[-1])
            if bundles.setdefault(folder, parts) != parts:
                problems.append(f"{rel}: links the stylesheets {parts}, other pages {bundles[folder]}")
            using.setdefault(folder, []).append(read)
        if new != html:
            path.write_text(new, encoding="utf-8")
    for rel, found in _missing_anchors(site, site_url, scans).items():
        found_on[rel] += found
    # A mistake in a template is on every page: said once, with the first page and a count.
    pages_with: dict[str, list[str]] = {}
    for rel, found in found_on.items():
        for problem in found:
            pages_with.setdefault(problem, []).append(rel)
    for problem, rels in pages_with.items():
        others = f" and {len(rels) - 1} other pages" if len(rels) > 2 else ""
        for rel in rels if not others else rels[:1]:
            source = source_of(rel, docs)
            problems.append(f"{rel}{f' ({source})' if source else ''}{others}: {problem}")
    for folder, parts in bundles.items():
        relative = [part[len(folder):] for part in parts]
        (site / folder / js_bundle.BUNDLE).write_text(js_bundle.bundle_text(site / folder),
                                                      encoding="utf-8")
        css = css_bundle.bundle_text(site / folder, relative)
        (site / folder / css_bundle.BUNDLE).write_text(
            css_purge.purge(css, css_purge.Pages(using[folder]), _script_text(site / folder)),
            encoding="utf-8")
    if not offline:
        # Only for a host that reads it; the offline copy is opened from disk, without headers.
        (site / "_headers").write_text(csp_policy.HEADERS, encoding="utf-8")
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", help="the built folder (site/, site-zensical/, ...)")
    ap.add_argument("--site-url", help="the site's public address (default: the home page's "
                                       "canonical link)")
    ap.add_argument("--docs", default="docs", help="the pages' folder, to name a page's source "
                                                   "in messages (default: docs)")
    args = ap.parse_args(argv)
    if not Path(args.site, "index.html").is_file():
        print(f"{args.site}: no index.html, not a built site", file=sys.stderr)
        return 2
    problems = run(args.site, site_url=args.site_url,
                   docs=args.docs if Path(args.docs).is_dir() else None)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
