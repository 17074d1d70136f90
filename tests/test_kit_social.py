"""Link previews: every page has Open Graph and Twitter meta with absolute URLs from site_url, a
preview image per language that exists and is 1200x630, and one canonical URL."""
import re
import struct
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest

from support import LANGS, built_path, page_pairs


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.canonical = {}, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta.setdefault(a.get("property") or a.get("name"), []).append(a.get("content"))
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical.append(a.get("href"))


def png_size(path):
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_absolute_link_preview_meta(site_dir, base_url, lang):
    other = "en" if lang == "fr" else "fr"
    for name in page_pairs():
        head = Head()
        head.feed((site_dir / built_path(name, lang)).read_text(encoding="utf-8"))
        m = {k: v[0] for k, v in head.meta.items()}
        where = f"{name} ({lang})"
        for key in ("og:title", "og:description", "og:url", "og:image", "og:locale",
                    "og:locale:alternate", "twitter:card", "twitter:title", "twitter:description",
                    "twitter:image"):
            assert m.get(key, "").strip(), f"{where}: no {key}"
        assert len(head.canonical) == 1, f"{where}: {len(head.canonical)} canonical links"
        assert m["og:url"] == head.canonical[0] and m["og:url"].startswith(base_url), where
        assert m["og:image"] == m["twitter:image"] == f"{base_url}assets/site/preview-{lang}.png", where
        assert m["og:locale"] == f"{lang}_CA" and m["og:locale:alternate"] == f"{other}_CA", where
        assert m["twitter:card"] == "summary_large_image", where
        # The page's own description, not a placeholder or leftover template code.
        assert not re.search(r"\{\{|\{%", m["og:description"] + m["og:title"]), where


def test_preview_images_exist_and_are_1200_by_630(site_dir):
    for lang in LANGS:
        assert png_size(site_dir / "assets" / "site" / f"preview-{lang}.png") == (1200, 630)


def test_canonical_urls_follow_site_url_under_a_sub_path(tmp_path):
    from support import build
    build(tmp_path / "s", "https://example.org/images/")
    for name, lang in (("index", "fr"), ("educateurs/quiz", "en")):
        head = Head()
        head.feed((tmp_path / "s" / built_path(name, lang)).read_text(encoding="utf-8"))
        assert urlparse(head.canonical[0]).path.startswith("/images/")
        assert head.meta["og:image"][0] == f"https://example.org/images/assets/site/preview-{lang}.png"
        assert head.meta["og:url"][0] == head.canonical[0]
