"""Make the link-preview images (1200x630 PNG, one per language) for Open Graph and Twitter cards.

    python scripts/make_previews.py

Run once, look at the result, commit overrides/assets/site/preview-{fr,en}.png. Rerun only when
the site's name or colours change. Draws a small local HTML page and screenshots it with the
system Chromium (no Pillow, no network, no fonts from anywhere: system fonts only).
"""
import html
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support import CHROMIUM_ARGS, chromium_path  # noqa: E402

TEXT = {
    "fr": ("Une image intime de toi circule ou on menace de la partager\u00a0?",
           "Au Québec, tu peux demander à un juge de la faire arrêter. Voici comment, et où trouver de l'aide."),
    "en": ("An intimate image of you is going around, or someone threatens to share it?",
           "In Quebec, you can ask a judge to stop it. Here is how, and where to find help."),
}

def site_names():
    cfg = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    fr = next(line.split(":", 1)[1].strip() for line in cfg.splitlines() if line.startswith("site_name:"))
    en = next(line.split(":", 1)[1].strip() for line in cfg.splitlines()
              if line.strip().startswith("site_name:") and line.startswith(" "))
    return {"fr": fr, "en": en}

def page(lang, name):
    title, sub = (html.escape(t) for t in TEXT[lang])
    logo = (ROOT / "overrides/assets/site/logo.svg").read_text(encoding="utf-8")
    return f"""<!doctype html><html lang="{lang}"><meta charset="utf-8"><style>
      html,body{{margin:0;width:1200px;height:630px;overflow:hidden}}
      body{{font-family:system-ui,"DejaVu Sans",sans-serif;background:#1f2a44;color:#fff;
           display:flex;flex-direction:column;justify-content:center;padding:0 90px;box-sizing:border-box}}
      .name{{display:flex;align-items:center;gap:24px;font-size:34px;font-weight:700;color:#ffd36b}}
      .name svg{{width:72px;height:72px;fill:#ffd36b;color:#ffd36b}}
      h1{{font-size:60px;line-height:1.12;margin:36px 0 24px}}
      p{{font-size:32px;line-height:1.35;margin:0;color:#e6ebf5}}
    </style><body><div class="name">{logo}<span>{html.escape(name)}</span></div>
    <h1>{title}</h1><p>{sub}</p></body></html>"""

def main():
    from playwright.sync_api import sync_playwright
    names = site_names()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        ctx = browser.new_context(viewport={"width": 1200, "height": 630})
        tab = ctx.new_page()
        for lang in ("fr", "en"):
            tab.set_content(page(lang, names[lang]))
            out = ROOT / "overrides/assets/site" / f"preview-{lang}.png"
            tab.screenshot(path=str(out))
            print(out.relative_to(ROOT), out.stat().st_size // 1024, "KiB")
        browser.close()

if __name__ == "__main__":
    main()
