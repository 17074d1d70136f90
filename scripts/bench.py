"""Benchmark: page weight, requests, Lighthouse scores and build time (`make bench`).

    python scripts/bench.py [--no-lighthouse] [--runs N]

Builds the site, serves it gzip-compressed on loopback (like a static host), and for each key page
(both homes, the checker, the help page, in both languages) measures the first visit with an
empty cache: requests and bytes transferred (gzip level 6 of each file, as tests/test_budget.py
counts them), then Lighthouse's mobile scores (performance, accessibility, best practices, SEO)
with the system Chromium. Then times the build of the whole bilingual site and of a generated
copy ten times larger. Prints a table and writes the same figures to build/bench.json.

Lighthouse comes from npm (pinned in package.json; `make bench` installs it). Figures are a
benchmark, not tests: timings depend on the machine and its load.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support import CHROMIUM_ARGS, build, chromium_path, free_port, page_url  # noqa: E402
from weight import first_visit, serve_gzip  # noqa: E402

KEY_PAGES = [("index", "fr"), ("index", "en"), ("verificateur", "fr"), ("verificateur", "en"),
             ("aide", "fr"), ("aide", "en")]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
OUT = ROOT / "build" / "bench.json"


def lighthouse(url: str) -> dict:
    """Lighthouse's default (mobile) run with simulated throttling; scores 0-100 and what lost points."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "lh.json"
        env = dict(os.environ, CHROME_PATH=chromium_path())
        flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
        subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                        f"--chrome-flags={flags}", "--only-categories=" + ",".join(CATEGORIES)],
                       env=env, check=True, capture_output=True, timeout=180)
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
    lost = {}
    for c in CATEGORIES:
        for ref in data["categories"][c]["auditRefs"]:
            audit = data["audits"].get(ref["id"], {})
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                lost.setdefault(c, []).append(ref["id"])
    metrics = {k: round(data["audits"][k]["numericValue"]) for k in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time")
               if k in data["audits"]}
    return {"scores": scores, "lost": lost, "metrics_ms": metrics}


def time_build(config_dir: Path, runs: int) -> dict:
    times, pages = [], 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            build(Path(tmp) / "site", "http://127.0.0.1:1/",
                  config=config_dir / "mkdocs.yml" if config_dir != ROOT else None)
            times.append(time.perf_counter() - start)
            pages = sum(1 for _ in (Path(tmp) / "site").rglob("*.html"))
    return {"html_pages": pages, "seconds_median": round(statistics.median(times), 2),
            "seconds_all": [round(t, 2) for t in times]}


def ten_times_larger(dest: Path) -> Path:
    """A copy of the project whose docs hold each page ten times (nine renamed copies beside the
    original, added to the nav), so the build does ten times the work."""
    for name in ("mkdocs.yml", "data", "overrides", "sitebuild"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dest / name)
    shutil.copytree(ROOT / "docs", dest / "docs")
    copies = []
    for page in sorted((ROOT / "docs").rglob("*.fr.md")):
        rel = page.relative_to(ROOT / "docs").as_posix()[: -len(".fr.md")]
        for i in range(1, 10):
            for lang in ("fr", "en"):
                text = (ROOT / "docs" / f"{rel}.{lang}.md").read_text(encoding="utf-8")
                # Relative links keep working from a sibling folder copy.
                target = dest / "docs" / f"copy{i}" / f"{rel}.{lang}.md"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(re.sub(r"\]\((?!https?:|mailto:|tel:|sms:|#)([^)]+)\)",
                                         lambda m: f"](../{m.group(1)})" if "/" not in rel
                                         else f"](../../{rel.split('/')[0]}/{m.group(1)})",
                                         text), encoding="utf-8")
            copies.append(f"copy{i}/{rel}.md")
    config = (dest / "mkdocs.yml").read_text(encoding="utf-8")
    extra = "".join(f"  - {c}\n" for c in sorted(copies))
    config = re.sub(r"(\nnav:\n(?:  .*\n|\s*\n)*)", lambda m: m.group(1).rstrip("\n") + "\n" + extra, config, count=1)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-lighthouse", action="store_true", help="weights and build times only")
    parser.add_argument("--runs", type=int, default=3, help="builds timed per site (median)")
    args = parser.parse_args()
    use_lh = not args.no_lighthouse
    if use_lh and not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `make bench` (npm ci installs the pinned version).")

    from playwright.sync_api import sync_playwright
    port = free_port()
    site = ROOT / "build" / "bench-site"
    shutil.rmtree(site, ignore_errors=True)
    build(site, f"http://127.0.0.1:{port}/")
    results = {"pages": [], "builds": {}}
    with serve_gzip(site, port) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for name, lang in KEY_PAGES:
            url = page_url(base, name, lang)
            rows = first_visit(browser, url, site, base, viewport={"width": 412, "height": 823})
            entry = {"page": name, "lang": lang, "path": url[len(base) - 1:],
                     "requests": len(rows), "bytes": sum(r["bytes"] for r in rows),
                     "files": [{"path": r["path"], "bytes": r["bytes"]} for r in rows]}
            if use_lh:
                entry["lighthouse"] = lighthouse(url)
            results["pages"].append(entry)
            print(f"measured {entry['path']}", file=sys.stderr)
        browser.close()

    results["builds"]["site"] = time_build(ROOT, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        results["builds"]["site_x10"] = time_build(ten_times_larger(Path(tmp)), args.runs)

    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\nFigures written to {OUT.relative_to(ROOT)}")


def table(results) -> str:
    head = "| page | requests | KiB (gzip) | perf | a11y | best practices | SEO |"
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|"]
    for e in results["pages"]:
        s = e.get("lighthouse", {}).get("scores", {})
        cells = [str(s.get(c, "-")) for c in CATEGORIES]
        lines.append(f"| {e['path']} | {e['requests']} | {e['bytes'] / 1024:.1f} | " + " | ".join(cells) + " |")
    lost = {f"{e['path']} {c}": ids for e in results["pages"]
            for c, ids in e.get("lighthouse", {}).get("lost", {}).items()}
    b = results["builds"]
    lines += ["", "| build (strict, median) | HTML pages | seconds |", "|---|---:|---:|",
              f"| whole bilingual site | {b['site']['html_pages']} | {b['site']['seconds_median']} |",
              f"| generated site, 10x the pages | {b['site_x10']['html_pages']} | {b['site_x10']['seconds_median']} |"]
    if lost:
        lines += ["", "Lighthouse audits below 100 %:"] + [f"- {k}: {', '.join(v)}" for k, v in lost.items()]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
