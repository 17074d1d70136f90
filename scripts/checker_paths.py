"""Every path through the checker (answers -> outcome), in both languages.

    python scripts/checker_paths.py           # rewrites tests/golden/checker_paths.txt
    python scripts/checker_paths.py --check   # exits 1 if the golden file is out of date

The golden file is never edited by hand: change data/checker.yml, run this, review the diff.
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitebuild import checker as C  # noqa: E402
from sitebuild import facts as F  # noqa: E402

FLOW = ROOT / "data" / "checker.yml"
GOLDEN = ROOT / "tests" / "golden" / "checker_paths.txt"


def current() -> str:
    facts = F.load(ROOT / "data" / "facts.yml")
    flow = C.load(FLOW, facts)
    flow["path"] = "data/checker.yml"  # the same text on every machine
    return C.golden(flow, facts)


def main(argv):
    text = current()
    if "--check" in argv:
        if not GOLDEN.exists() or GOLDEN.read_text(encoding="utf-8") != text:
            print(f"{GOLDEN.relative_to(ROOT)} is out of date: run python scripts/checker_paths.py")
            return 1
        return 0
    GOLDEN.write_text(text, encoding="utf-8")
    print(f"{GOLDEN.relative_to(ROOT)}: {text.count(' -> ')} paths")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
