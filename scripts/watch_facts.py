"""Does each source still say what the site quotes? Fetches every source page of data/facts.yml
(one request per page), reports each quote no longer on its page, each page that no longer
answers or has moved, and each fact checked more than six months ago.

    python scripts/watch_facts.py                  # or: make watch
    python scripts/watch_facts.py --output watch-report.md
    python scripts/watch_facts.py --rewrite https://www.legisquebec.gouv.qc.ca/=http://127.0.0.1:8000/lq/

The quotes are in data/facts.yml, beside each fact (`quotes:`). Prints the report (Markdown,
usable as a GitHub issue's body), or writes it to --output, and a one-line summary on stderr.
Exit status: 0 nothing to do, 1 a person is needed, 2 the watch couldn't run (a broken facts
file: the message names the file, the line and the key; or not one page answered).

The logic is in sitebuild/watch.py (plain module, tested offline by tests/test_watch.py).
"""
import argparse
import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitebuild import watch as W  # noqa: E402


def _rewrite(value: str):
    src, sep, dst = value.partition("=")
    if not sep or not src or not dst:
        raise argparse.ArgumentTypeError("write FROM=TO, two address prefixes")
    return src, dst


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project's folder")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="the day to count review dates from (YYYY-MM-DD)")
    parser.add_argument("--months", type=int, default=W.REVIEW_MONTHS,
                        help="a fact is due for review this many months after `checked`")
    parser.add_argument("--rewrite", type=_rewrite, action="append", default=[],
                        metavar="FROM=TO", help="fetch addresses starting with FROM from TO "
                        "instead (tests, mirrors); the report keeps the real addresses")
    parser.add_argument("--output", type=Path, help="write the report here (else: print it)")
    parser.add_argument("--timeout", type=float, default=W.TIMEOUT, help="seconds per request")
    parser.add_argument("--delay", type=float, default=W.DELAY,
                        help="seconds between two requests to the same host")
    parser.add_argument("--workers", type=int, default=W.WORKERS, help="hosts fetched at once")
    args = parser.parse_args(argv)
    try:
        result = W.run(args.root, args.today, args.rewrite, args.months, args.timeout,
                       args.delay, args.workers)
    except W.WatchError as exc:
        print(f"facts watch: {exc}", file=sys.stderr)
        return 2
    if args.output:
        tmp = args.output.with_name(args.output.name + ".tmp")
        tmp.write_text(result.report, encoding="utf-8")
        os.replace(tmp, args.output)          # a report is there whole, or not at all
    else:
        sys.stdout.write(result.report)
    n = len(result.findings)
    where = f" (report: {args.output})" if args.output else ""
    print(f"facts watch: {result.pages} pages, {result.quotes} quotes: "
          + (f"{n} thing{'s need' if n != 1 else ' needs'} a person{where}" if n
             else f"nothing needs a person{where}"), file=sys.stderr)
    return result.exit_code


if __name__ == "__main__":
    sys.exit(main())
