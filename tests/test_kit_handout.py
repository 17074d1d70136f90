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


PRINT_LABEL = {"fr": "Imprimer ou enregistrer en PDF", "en": "Print or save as PDF"}


@pytest.mark.parametrize("lang", LANGS)
def test_print_button_prints_the_handout(context, base_url, lang):
    """Like the checker's: one button opens the print dialog (window.print, counted here), shown
    on screen only, and only with JavaScript, which it needs."""
    context.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    page = context.new_page()
    page.goto(page_url(base_url, NAME, lang))
    button = page.get_by_role("button", name=PRINT_LABEL[lang])
    assert button.is_visible()
    button.click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert not button.is_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_print_button_is_hidden_without_javascript(browser, base_url, lang):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(page_url(base_url, NAME, lang))
        assert page.locator("[data-print-page]").count() == 1
        assert not page.locator("[data-print-page]").is_visible()
        # The words telling how to print are there all the same.
        assert "Ctrl+P" in page.locator("[data-handout]").inner_text()
    finally:
        ctx.close()
