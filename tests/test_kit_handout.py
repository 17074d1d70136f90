"""The printable handout: at most two Letter pages, with the key facts and every help number."""
import re

import pytest

from support import LANGS, built_path, page_url

NAME = "educateurs/fiche"
PAGE_OBJ = re.compile(rb"/Type\s*/Page(?![s\w])")


def pdf_pages(pdf: bytes) -> int:
    """Chromium writes one '/Type /Page' object per page (the tree node is '/Type /Pages')."""
    return len(PAGE_OBJ.findall(pdf))


def test_page_counter_counts_pages():
    assert pdf_pages(b"<< /Type /Pages /Kids [] >> << /Type /Page >> <</Type/Page/Parent 1 0 R>>") == 2


@pytest.mark.parametrize("lang", LANGS)
def test_handout_prints_on_two_letter_pages_at_most(page, base_url, lang):
    page.goto(page_url(base_url, NAME, lang))
    page.emulate_media(media="print")
    # The site's chrome stays off paper; the QR code and the help numbers stay on.
    assert not page.locator(".md-header").is_visible()
    assert page.locator("[data-handout] svg[data-qr-url]").is_visible()
    pdf = page.pdf(format="Letter", print_background=True)
    count = pdf_pages(pdf)
    assert 1 <= count <= 2, f"{lang}: {count} pages"


def test_handout_has_the_help_numbers_and_key_facts(site_dir):
    used = {}
    for lang in LANGS:
        html = (site_dir / built_path(NAME, lang)).read_text(encoding="utf-8")
        used[lang] = sorted(set(re.findall(r'href="(tel:[^"]+)"', html)))
        assert len(used[lang]) >= 6, used[lang]
        assert "<!-- ns:" not in html   # every marker was replaced
        assert 'data-qr-url="' in html
    assert used["fr"] == used["en"]
