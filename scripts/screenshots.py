"""Screenshots of built pages at phone and desktop width, both languages, for looking at.

    python scripts/screenshots.py [PAGE ...]            # e.g. index ordonnance (default: index)
    python scripts/screenshots.py --slides [PAGE ...]   # every slide of each page, as projected

Builds the site into build/shots-site, serves it on loopback and writes PNGs to build/shots/
(slides: build/shots/slides/PAGE-LANG-WIDTHxHEIGHT-NN.png, at 1024x768, 1280x800 and 1920x1080).
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support import CHROMIUM_ARGS, build, chromium_path, free_port, page_url, serve  # noqa: E402

PAGE_SIZES = ((360, 780, "phone"), (1280, 900, "desktop"))
SLIDE_SIZES = ((1024, 768), (1280, 800), (1920, 1080))


def pages_shots(browser, base, pages, out):
    for width, height, label in PAGE_SIZES:
        ctx = browser.new_context(viewport={"width": width, "height": height})
        page = ctx.new_page()
        for name in pages:
            for lang in ("fr", "en"):
                page.goto(page_url(base, name, lang))
                target = out / f"{name.replace('/', '_')}-{lang}-{label}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target.relative_to(ROOT))
        ctx.close()


def slides_shots(browser, base, pages, out):
    out = out / "slides"
    out.mkdir(parents=True, exist_ok=True)
    for width, height in SLIDE_SIZES:
        ctx = browser.new_context(viewport={"width": width, "height": height})
        page = ctx.new_page()
        for name in pages:
            for lang in ("fr", "en"):
                page.goto(page_url(base, name, lang))
                page.locator("[data-present]").click()
                total = int(page.locator("[data-present-counter]").inner_text().split("/")[1])
                for n in range(1, total + 1):
                    target = out / f"{name.replace('/', '_')}-{lang}-{width}x{height}-{n:02d}.png"
                    page.screenshot(path=str(target))
                    print(target.relative_to(ROOT))
                    page.keyboard.press("ArrowRight")
        ctx.close()


def main(args):
    from playwright.sync_api import sync_playwright
    slides = "--slides" in args
    pages = [a for a in args if a != "--slides"] or ["index"]
    port = free_port()
    site = ROOT / "build" / "shots-site"
    out = ROOT / "build" / "shots"
    out.mkdir(parents=True, exist_ok=True)
    build(site, f"http://127.0.0.1:{port}/")
    with serve(site, port) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        (slides_shots if slides else pages_shots)(browser, base, pages, out)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
