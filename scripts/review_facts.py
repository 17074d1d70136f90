"""Which facts to check again first: every fact in data/facts.yml, the one checked longest ago
first, with its status, its sources (title, address, primary or secondary) and where the site uses
it (pages, checker nodes, templates).

    python scripts/review_facts.py            # or: make review
    python scripts/review_facts.py --root DIR # another copy of the project

The logic is in overrides/hooks/facts_review.py (plain module, tested); this only prints.
"""
import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))

import facts as F  # noqa: E402
import facts_review as R  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project's folder")
    args = parser.parse_args(argv)
    try:
        facts = F.load(args.root / "data" / "facts.yml")
    except F.FactsError as exc:
        print(exc, file=sys.stderr)
        return 1
    sys.stdout.write(R.format_rows(R.rows(facts, R.usage(args.root))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
