"""MkDocs hook: what Material 9.8.2 leaves undone for a light, valid page (issue 6).

Thin glue around theme_rules.py, which holds the plain functions the tests use too.
Weight (first visit of any page: at most 75 KiB and 10 requests):
- Search loads when the reader first types a query, not on every page load: Material's worker
  entry in __config points at assets/javascripts/workers/search-lazy.js (see that file).
- Material's script loads on the reader's first interaction, not with the page: the page paints
  sooner and a phone has nothing to run first (assets/site/material-lazy.js).
- Material's palette.css (its named colours and dark scheme) is not linked: our colours are
  `custom` and live in assets/site/site.css.
- The favicon is inlined as a data: URL, so browsers don't fetch it on every first visit.
Validity (the Nu HTML Checker, tests/test_html.py):
- Material's hidden drawer/search checkboxes carry autocomplete="off", which HTML allows on
  text-like inputs only.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from sitebuild import theme_rules as rules  # noqa: E402

DEFAULT = "fr"


def _lang(config):
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or DEFAULT


def on_config(config, **kwargs):
    favicon = config.theme.get("favicon")
    custom = config.theme.custom_dir
    if favicon and custom and favicon.endswith(".svg") and (Path(custom) / favicon).is_file():
        config.theme["favicon"] = rules.svg_data_url((Path(custom) / favicon).read_text("utf-8"))
    return config


def _apply(output, index_dir, config):
    output = rules.lazy_search(output, index_dir)
    output = rules.lazy_bundle(output)
    output = rules.valid_toggles(output)
    return rules.drop_palette_css(output, config.theme.get("palette"))


def on_post_page(output, page, config, **kwargs):
    lang = _lang(config)
    return _apply(output, "search/" if lang == DEFAULT else f"{lang}/search/", config)


def on_post_template(output, template_name, config, **kwargs):
    return _apply(output, "search/", config) if template_name == "404.html" else output
