"""MkDocs hook: our stylesheets reach the reader as one small file.

Each feature keeps its own CSS file in overrides/assets/site/ (site, content, quick exit, kit,
checker), listed under `extra_css` in mkdocs.yml. Served as they are, they cost one request
each and weigh twice their minified size; the first-visit budget (75 KiB, 10 requests) can't
afford that. So the pages link one file, assets/site/bundle.min.css: the listed files in their
order, minified with csscompressor (pinned, and already used by mkdocs-minify-plugin).
"""
from pathlib import Path

import csscompressor
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

BUNDLE = "assets/site/bundle.min.css"
_parts: list[str] = []


@event_priority(90)
def on_config(config, **kwargs):
    ours = [str(c) for c in config.extra_css if str(c).startswith("assets/site/")]
    if ours and ours != [BUNDLE]:
        _parts[:] = ours
    # The i18n plugin runs on_config again for each language: never link the bundle twice.
    config.extra_css = [c for c in config.extra_css if str(c) not in _parts and str(c) != BUNDLE]
    if _parts:
        config.extra_css.insert(0, BUNDLE)
    return config


def bundle_text(custom_dir: Path, parts: list[str]) -> str:
    out = []
    for part in parts:
        path = custom_dir / part
        if not path.is_file():
            raise PluginError(f"mkdocs.yml extra_css: {part} not found in {custom_dir}")
        out.append(f"/* {part} */\n" + csscompressor.compress(path.read_text(encoding="utf-8")))
    return "\n".join(out) + "\n"


def on_post_build(config, **kwargs):
    if not _parts:
        return
    target = Path(config.site_dir) / BUNDLE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(bundle_text(Path(config.theme.custom_dir), _parts), encoding="utf-8")
