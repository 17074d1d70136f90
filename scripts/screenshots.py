"""Screenshots of built pages at phone and desktop width, both languages, for looking at.

    python scripts/screenshots.py [PAGE ...]            # e.g. index ordonnance (default: index)
    python scripts/screenshots.py --slides [PAGE ...]   # every slide of each page, as projected
    python scripts/screenshots.py --site site-zensical index aide   # an already built folder
    python scripts/screenshots.py --engine webkit --slides aide     # WebKit (or firefox)

Builds the site into build/shots-site (or takes --site), serves it on loopback and writes PNGs to
build/shots/ (named after the folder when --site is given, and after the engine when it is not
Chromium; slides: build/shots/slides/PAGE-LANG-WIDTHxHEIGHT-NN.png, at 1024x768, 1280x800 and
1920x1080). Chromium shoots whole pages; WebKit and Firefox (tests/engines.py) what the screen
shows.
"""
import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import engines  # noqa: E402
from support import CHROMIUM_ARGS, build, chromium_path, free_port, page_url, serve  # noqa: E402

PAGE_SIZES = ((360, 780, "phone"), (1280, 900, "desktop"))
SLIDE_SIZES = ((1024, 768), (1280, 800), (1920, 1080))


def pages_shots(engine, base, pages, out, tag=""):
    for width, height, label in PAGE_SIZES:
        engine.size(width, height)
        for name in pages:
            for lang in ("fr", "en"):
                engine.goto(page_url(base, name, lang))
                target = out / f"{tag}{name.replace('/', '_')}-{lang}-{label}.png"
                if engine.name == "chromium":
                    engine.page.screenshot(path=str(target), full_page=True)
                else:
                    engine.screenshot(target)
                print(target.relative_to(ROOT))


def slides_shots(engine, base, pages, out, tag=""):
    out = out / "slides"
    out.mkdir(parents=True, exist_ok=True)
    for width, height in SLIDE_SIZES:
        engine.size(width, height)
        for name in pages:
            for lang in ("fr", "en"):
                engine.goto(page_url(base, name, lang))
                # Opened from a script: no full screen, so the size is the one asked for.
                engine.run("() => document.querySelector('[data-present]').click()")
                total = int(engine.run("() => document.querySelector('[data-present-counter]').textContent").split("/")[1])
                for n in range(1, total + 1):
                    target = out / f"{tag}{name.replace('/', '_')}-{lang}-{width}x{height}-{n:02d}.png"
                    engine.screenshot(target)
                    print(target.relative_to(ROOT))
                    engine.press("ArrowRight")


def main(pages, site=None, slides=False, engine_name="chromium"):
    from playwright.sync_api import sync_playwright
    port = free_port()
    out = ROOT / "build" / "shots"
    out.mkdir(parents=True, exist_ok=True)
    tag = f"{Path(site).name}-" if site else ""
    tag += f"{engine_name}-" if engine_name != "chromium" else ""
    if site is None:
        site = ROOT / "build" / "shots-site"
        build(site, f"http://127.0.0.1:{port}/")
    with serve(site, port) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        engine = engines.start(engine_name, browser)
        try:
            (slides_shots if slides else pages_shots)(engine, base, pages, out, tag)
        finally:
            engine.close()
            browser.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=["index"], help="page names (default: index)")
    parser.add_argument("--slides", action="store_true", help="every slide of each page")
    parser.add_argument("--site", type=Path, help="an already built folder (site-zensical, ...)")
    parser.add_argument("--engine", choices=engines.ALL, default="chromium")
    args = parser.parse_args()
    main(args.pages, args.site.resolve() if args.site else None, args.slides, args.engine)
