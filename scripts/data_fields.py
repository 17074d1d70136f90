"""README's list of every field of the data files, written from their schema (sitebuild/schema.py),
so the list and the checks never disagree.

    python scripts/data_fields.py           # print it
    python scripts/data_fields.py --write   # put it in README.md, between its two markers

tests/test_editing_safely.py fails while README's copy is out of date.
"""
import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitebuild import schema  # noqa: E402

START, END = "<!-- data-fields: start (scripts/data_fields.py) -->", "<!-- data-fields: end -->"


def with_fields(readme: str) -> str:
    before, _, rest = readme.partition(START)
    _, _, after = rest.partition(END)
    return f"{before}{START}\n{schema.fields_markdown()}{END}{after}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="update README.md")
    args = ap.parse_args(argv)
    if not args.write:
        sys.stdout.write(schema.fields_markdown())
        return 0
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        print(f"README.md has no {START} ... {END}", file=sys.stderr)
        return 1
    readme.write_text(with_fields(text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
