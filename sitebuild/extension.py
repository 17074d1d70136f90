"""Python-Markdown extension: the site's work on a page's Markdown, for any engine that renders
pages with Python-Markdown (MkDocs, ProperDocs, Zensical). In mkdocs.yml:

    markdown_extensions:
      - sitebuild.extension

Before parsing (a preprocessor that runs first, on the Markdown as written):
  1. facts: `{{ key }}`, `{{ tel:key }}`, ... become their values (facts.py);
  2. markers of the Markdown stage (`<!-- ns:checker -->`, ...; markers.py).
On the parsed page (a treeprocessor, once links are parsed):
  a link that is the whole of its list item, table cell or paragraph gets the class
  ns-link-alone: it is a tap target of its own, 44 x 44 px on screen (content.css).
After rendering (postprocessors that run last, on the page's HTML):
  3. French typography on French pages (typography.py);
  4. markers of the HTML stage (`<!-- ns:qr -->`, ...).

Which page, in which language? The engine says, each its own way:
- MkDocs and ProperDocs: the hook sitebuild/mkdocs_hooks.py sets this extension's options for
  each page (lang, url, src, site_url, site_name, ...) in config.mdx_configs just before the page
  is rendered.
- Zensical has no hooks. Its rendering context (zensical.extensions.context, the only way an
  extension sees the page in 0.0.x) gives the page's address and the build's configuration, in
  which zensical-i18n sets `theme.language` to the language being built (and extra.i18n.prefix
  to its folder), and each language's site_name and site_url (the latter ending in that folder:
  the root address is the part before it). The page title's typography is set there too.
  Zensical also rewrites every relative link of the page as if written from its source file
  (`verificateur.md`, built at `verificateur/`): the links markers write start there
  (markers.Page.link_base).
Options left empty mean "ask Zensical"; with neither, the build stops with a message.
"""
from __future__ import annotations

from pathlib import Path

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from sitebuild import facts as F
from sitebuild import kit as K
from sitebuild import content, kit_blocks, markers
from sitebuild.typography import french, french_html

NAME = "sitebuild.extension"


class SiteExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "lang": ["", "the page's language (fr, en); empty: from Zensical's context"],
            "url": ["", "the page's address from the site root (en/aide/)"],
            "src": ["", "the page's source file, for messages (aide.en.md)"],
            "root": ["", "the project folder (where mkdocs.yml, data/ and docs/ are)"],
            "docs_dir": ["", "the folder of the pages (default: root/docs)"],
            "site_url": ["/", "the site's root address"],
            "site_name": ["", "the site's name in the page's language"],
            "directory_urls": [True, "pages at aide/ (true) or aide.html (false)"],
            "offline": [False, "building the file:// copy"],
            "offline_zip": [False, "the offline zip is published beside the site"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.registerExtension(self)
        # First of all preprocessors (MkDocs' on_page_markdown saw the page before Markdown did),
        # and last of all postprocessors (MkDocs' on_page_content saw the finished HTML).
        md.preprocessors.register(_Before(md, self), "sitebuild_before", 1000)
        md.treeprocessors.register(_AloneLinks(md), "sitebuild_alone_links", 15)   # after "inline" (20)
        md.treeprocessors.register(_TreeDone(md), "sitebuild_tree_done", -1000)
        md.postprocessors.register(_After(md, self), "sitebuild_after", 0)

    def page(self, md) -> markers.Page:
        opts = self.getConfigs()
        md.sitebuild_context = None
        if not opts["lang"]:
            md.sitebuild_context = _context(md)
            opts.update(_zensical_page(md.sitebuild_context))
        root = Path(opts["root"] or ".")
        return markers.Page(
            lang=opts["lang"], url=opts["url"], src=opts["src"], root=root,
            site_url=opts["site_url"], site_name=opts["site_name"],
            docs_dir=Path(opts["docs_dir"]) if opts["docs_dir"] else None,
            directory_urls=opts["directory_urls"], offline=opts["offline"],
            offline_zip=opts["offline_zip"], links_from=opts.get("links_from"))


class _Before(Preprocessor):
    def __init__(self, md, ext):
        super().__init__(md)
        self.ext = ext

    def run(self, lines):
        page = self.md.sitebuild_page = self.ext.page(self.md)
        self.md.sitebuild_tree_done = False
        text, _ = F.expand(page.data.facts, "\n".join(lines), page.lang, page.at)
        return markers.replace(text, page, markers.MARKDOWN).split("\n")


class _AloneLinks(Treeprocessor):
    """A link that is all its list item, table cell or paragraph holds ("In short:" lists of
    links, the lesson plan's column of pages) is not a word in a sentence but a tap target of its
    own: the class ns-link-alone makes it at least 44 x 44 px on screen (content.css; issue 23).
    A link inside a sentence stays the size of its text, as WCAG 2.2 (2.5.8) allows."""

    BLOCKS = {"li", "td", "th", "p", "dd"}

    def run(self, root):
        for el in root.iter():
            if el.tag in self.BLOCKS and len(el) == 1 and el[0].tag == "a" \
                    and not (el.text or "").strip() and not (el[0].tail or "").strip():
                link = el[0]
                link.set("class", " ".join(filter(None, [link.get("class"), "ns-link-alone"])))


class _TreeDone(Treeprocessor):
    """Marks the end of tree processing: the toc extension runs every postprocessor on each
    heading's HTML before that (for the table of contents), and those fragments are left as
    MkDocs' hooks left them, untouched."""

    def run(self, root):
        self.md.sitebuild_tree_done = True


class _After(Postprocessor):
    def __init__(self, md, ext):
        super().__init__(md)
        self.ext = ext

    def run(self, text):
        if not getattr(self.md, "sitebuild_tree_done", False):
            return text
        page = getattr(self.md, "sitebuild_page", None) or self.ext.page(self.md)
        if page.lang == "fr":
            text = french_html(text)
        _zensical_page_data(self.md, page, text)
        return markers.replace(text, page, markers.HTML)


# --- Zensical -----------------------------------------------------------------------------------

def _context(md):
    try:
        from zensical.extensions.context import ContextPreprocessor
    except ImportError:
        return None
    return ContextPreprocessor.from_markdown(md)


def _zensical_page(ctx) -> dict:
    if ctx is None:
        raise markers.MarkerError(
            f"{NAME}: no page language. Under MkDocs, list sitebuild/mkdocs_hooks.py under "
            "`hooks:` (it tells this extension each page); under Zensical, build through "
            "zensical-i18n (it sets theme.language for each language).")
    config = ctx.config
    lang = config["theme"]["language"]
    lang_dir = (config["extra"].get("i18n") or {}).get("prefix", "")
    site_url = config.get("site_url") or "/"
    if lang_dir and site_url.endswith(lang_dir):  # each language is a site of its own
        site_url = site_url[: -len(lang_dir)]
    stem = ctx.page.path[: -len(".md")] if ctx.page.path.endswith(".md") else ctx.page.path
    folder = stem.rpartition("/")[0]
    return {
        "lang": lang,
        "url": lang_dir + ctx.page.url,
        "src": f"{stem}.{lang}.md",
        "root": config.get("root_dir") or ".",
        "site_url": site_url,
        "site_name": config.get("site_name") or "",  # zensical-i18n sets each language's
        "directory_urls": config.get("use_directory_urls", True),
        "offline_zip": bool(config["extra"].get("offline_zip")),
        # Zensical rewrites the page's relative links as if written from its source file.
        "links_from": lang_dir + (folder + "/" if folder else ""),
    }


def _zensical_page_data(md, page: markers.Page, html: str) -> None:
    """Zensical: what MkDocs' hook gives the templates, through the page: the title (h1, <title>,
    nav) with French typography, and `ns_kit` (presentation mode, QR code, link previews, the
    sections kept off the slides, checked against the page's `html`) in the page's metadata,
    where the partials find it as page.meta.ns_kit."""
    ctx = getattr(md, "sitebuild_context", None)
    if ctx is None:
        return
    content.check_front_matter(ctx.page.meta, page.at)  # MkDocs' hook checks it there
    if page.lang == "fr" and ctx.page.title:
        ctx.page.title = french(ctx.page.title)
    try:
        skip = kit_blocks.presenter_only(page.src, ctx.page.meta, html)
    except K.KitError as exc:
        raise markers.MarkerError(str(exc)) from exc
    ctx.page.meta["ns_kit"] = kit_blocks.template_context(page.lang, page.site_url, page.src,
                                                          ctx.page.meta, skip)


def makeExtension(**kwargs):
    return SiteExtension(**kwargs)
