"""Screenshots of built pages at phone and desktop width, both languages, for looking at.

    python scripts/screenshots.py [PAGE ...]      # e.g. index ordonnance (default: index)
    python scripts/screenshots.py --site site-zensical index aide   # an already built folder

Builds the site into build/shots-site (or takes --site), serves it on loopback and writes PNGs to
build/shots/ (named after the folder when --site is given).
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support import CHROMIUM_ARGS, build, chromium_path, free_port, page_url, serve  # noqa: E402


def main(pages, site=None):
    from playwright.sync_api import sync_playwright
    port = free_port()
    out = ROOT / "build" / "shots"
    out.mkdir(parents=True, exist_ok=True)
    tag = f"{Path(site).name}-" if site else ""
    if site is None:
        site = ROOT / "build" / "shots-site"
        build(site, f"http://127.0.0.1:{port}/")
    with serve(site, port) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for width, height, label in ((360, 780, "phone"), (1280, 900, "desktop")):
            ctx = browser.new_context(viewport={"width": width, "height": height})
            page = ctx.new_page()
            for name in pages:
                for lang in ("fr", "en"):
                    page.goto(page_url(base, name, lang))
                    target = out / f"{tag}{name.replace('/', '_')}-{lang}-{label}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target.relative_to(ROOT))
            ctx.close()
        browser.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    folder = None
    if args[:1] == ["--site"]:
        folder, args = Path(args[1]).resolve(), args[2:]
    main(args or ["index"], folder)
