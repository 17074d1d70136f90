"""Create a new page as a French/English pair and add it to the navigation.

    python scripts/new_page.py SLUG --title-fr "Titre" --title-en "Title" \
        [--description-fr "..."] [--description-en "..."] [--after PAGE]

Writes docs/SLUG.fr.md and docs/SLUG.en.md with the same front matter keys (title, description)
and the same heading ids, then lists SLUG.md in mkdocs.yml's nav (files only: each language
takes the title from its own page, so one nav entry serves both). By default the entry goes at
the end of the nav; --after aide puts it right after aide.md, at the same level.
Nothing is overwritten: an existing page or nav entry stops the script.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*")

BODY = {
    "fr": ("{title}\n\n"
           "Écris ici une ou deux phrases courtes qui disent à qui s'adresse la page.\n\n"
           "## Première question que les gens se posent ? {{ #first-question }}\n\n"
           "Réponds en phrases courtes, au « tu ». Pour un chiffre, une date ou un numéro, écris\n"
           "la clé du fichier data/facts.yml entre doubles accolades.\n"),
    "en": ("{title}\n\n"
           "Write one or two short sentences here that say who the page is for.\n\n"
           "## First question people ask? {{ #first-question }}\n\n"
           "Answer in short sentences, speaking to \"you\". For a number, a date or a phone\n"
           "number, write the key from data/facts.yml between double curly braces.\n"),
}


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_text(lang: str, title: str, description: str) -> str:
    front = f"---\ntitle: {_yaml_str(title)}\ndescription: {_yaml_str(description)}\n---\n\n"
    return front + BODY[lang].format(title="# " + title)


def add_to_nav(config_text: str, entry: str, after: str | None) -> str:
    """Insert `- entry` into the nav block of mkdocs.yml, editing text so comments survive."""
    lines = config_text.splitlines(keepends=True)
    try:
        start = next(i for i, l in enumerate(lines) if re.match(r"nav:\s*$", l))
    except StopIteration:
        raise SystemExit("mkdocs.yml has no 'nav:' block")
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
        end += 1
    block = lines[start + 1:end]
    if any(re.search(rf"-\s+(?:[^:]+:\s+)?{re.escape(entry)}\s*$", l) for l in block):
        raise SystemExit(f"{entry} is already in the nav of mkdocs.yml")
    if after:
        target = after if after.endswith(".md") else after + ".md"
        for i, line in enumerate(block):
            m = re.match(rf"(\s*)-\s+(?:[^:]+:\s+)?{re.escape(target)}\s*$", line)
            if m:
                lines.insert(start + 1 + i + 1, f"{m.group(1)}- {entry}\n")
                return "".join(lines)
        raise SystemExit(f"--after {after}: {target} is not in the nav of mkdocs.yml")
    # End of the nav, at the top level (the indentation of its first entry).
    while block and not block[-1].strip():
        end -= 1
        block.pop()
    indent = re.match(r"(\s*)-", next(l for l in block if l.strip())).group(1)
    lines.insert(end, f"{indent}- {entry}\n")
    return "".join(lines)


def create(root: Path, slug: str, titles: dict, descriptions: dict, after: str | None) -> list[Path]:
    if not SLUG.fullmatch(slug):
        raise SystemExit(f"'{slug}': use lowercase letters, digits and hyphens (folders with /)")
    docs = root / "docs"
    paths = [docs / f"{slug}.{lang}.md" for lang in ("fr", "en")]
    for path in paths:
        if path.exists():
            raise SystemExit(f"{path.relative_to(root)} already exists")
    config = root / "mkdocs.yml"
    new_config = add_to_nav(config.read_text(encoding="utf-8"), f"{slug}.md", after)
    for path, lang in zip(paths, ("fr", "en")):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_text(lang, titles[lang], descriptions[lang]), encoding="utf-8")
    config.write_text(new_config, encoding="utf-8")
    return paths


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("slug", help="the page's name without language, e.g. 'ecole' or 'educateurs/atelier'")
    ap.add_argument("--title-fr", required=True)
    ap.add_argument("--title-en", required=True)
    ap.add_argument("--description-fr", default="")
    ap.add_argument("--description-en", default="")
    ap.add_argument("--after", help="an existing page in the nav, e.g. 'aide'")
    ap.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    titles = {"fr": args.title_fr, "en": args.title_en}
    descriptions = {"fr": args.description_fr or args.title_fr,
                    "en": args.description_en or args.title_en}
    for path in create(args.root, args.slug, titles, descriptions, args.after):
        print(f"created {path.relative_to(args.root)}")
    print(f"added {args.slug}.md to the nav in mkdocs.yml")


if __name__ == "__main__":
    sys.exit(main())
