"""The myth/fact quiz: answered by keyboard, feedback in a live region, nothing stored; and
readable without JavaScript (answers in <details>)."""
import pytest

from support import LANGS, PageWatch, page_url

NAME = "educateurs/quiz"


@pytest.mark.parametrize("lang", LANGS)
def test_quiz_by_keyboard_gives_feedback_and_stores_nothing(context, base_url, lang):
    watch = PageWatch(context, base_url)
    page = watch.attach(context.new_page())
    page.goto(page_url(base_url, NAME, lang))
    quiz = page.locator("[data-quiz]")
    wrong = quiz.get_attribute("data-wrong")
    items = page.locator("[data-quiz-item]")
    assert items.count() >= 6
    # With JavaScript the answer buttons show and the folded answers give way to live feedback.
    assert page.locator("[data-quiz-choices]").first.is_visible()
    assert not page.locator("[data-quiz-answer]").first.is_visible()

    for n in range(items.count()):
        item = items.nth(n)
        answer = item.get_attribute("data-answer")
        # An answer resting on a "likely" fact says who says it instead of a flat "Right!".
        right = item.get_attribute("data-right") or quiz.get_attribute("data-right")
        live = item.locator("[data-quiz-feedback]")
        assert live.get_attribute("aria-live") == "polite" and live.inner_text() == ""
        # Reach the first choice with Tab from the item's heading, choose with Enter.
        item.locator("h2").evaluate("h => { h.tabIndex = -1; h.focus(); }")
        page.keyboard.press("Tab")
        first = page.evaluate("document.activeElement.getAttribute('data-choice')")
        assert first == "myth"
        page.keyboard.press("Enter")
        text = live.inner_text()
        assert text.startswith(right if answer == "myth" else wrong), (n, text)
        assert len(text) > len(right) + 20   # the explanation follows the verdict
        assert item.locator("[data-choice='myth']").get_attribute("aria-pressed") == "true"
        # Tab to the other choice, choose with Space: the feedback changes at once.
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
        assert live.inner_text().startswith(right if answer == "fact" else wrong)
        assert item.locator("[data-choice='myth']").get_attribute("aria-pressed") == "false"
        assert item.locator("[data-choice='fact']").get_attribute("aria-pressed") == "true"

    stored = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""]
    assert context.cookies() == []
    page.reload()   # nothing carried over: no answer chosen, no feedback
    assert page.locator("[aria-pressed='true']").count() == 0
    assert all(t == "" for t in page.locator("[data-quiz-feedback]").all_inner_texts())
    assert watch.foreign() == [] and watch.failures == [] and watch.console_errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_quiz_reads_without_javascript(browser, base_url, lang):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(page_url(base_url, NAME, lang))
    items = page.locator("[data-quiz-item]")
    assert items.count() >= 6
    for n in range(items.count()):
        item = items.nth(n)
        assert not item.locator("[data-quiz-choices]").is_visible()   # buttons would do nothing
        details = item.locator("details[data-quiz-answer]")
        details.locator("summary").click()
        assert len(details.inner_text()) > 40 and details.get_attribute("open") is not None
    ctx.close()


def test_quiz_has_the_same_questions_and_answers_in_both_languages(site_dir):
    import re
    from support import built_path
    found = {}
    for lang in LANGS:
        html = (site_dir / built_path(NAME, lang)).read_text(encoding="utf-8")
        found[lang] = re.findall(r'data-answer="(\w+)".*?<h2 id="([\w-]+)"', html, re.S)
    assert found["fr"] == found["en"] and len(found["fr"]) >= 6
    assert {a for a, _ in found["fr"]} == {"myth", "fact"}
