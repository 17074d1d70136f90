"""Benchmark: every page's weight and requests, Lighthouse scores and build time (`make bench`).

    python scripts/bench.py [--no-lighthouse] [--no-offline] [--runs N] [--site DIR]

Builds the site with its address under a sub-path (http://127.0.0.1:PORT/stop-the-spread/, a
GitHub Pages project site) and serves it there like a static host (tests/weight.py: gzip level 6,
Cache-Control max-age=600, ETag, 304s, 404.html). For every page of both languages, in
Chromium at 360 x 740 (a phone: touch, 2x pixels), without touching the page:

- **first visit**: a fresh profile (empty cache); requests and bytes the host sent (gzip
  bodies; headers not counted);
- **repeat visit**: the same profile after another page of the same language (the home page;
  the help page before the home page): what still travels within max-age;
- **after max-age**: the same, with the host answering `no-cache`, so the browser asks again
  for everything (304s).

Then the offline copy (`make offline`'s build, opened from file://): each page's files as
Chromium loads them from disk, counted as gzip-6 (what they weigh served) and as files. Then
Lighthouse's mobile scores on the home and checker pages of both languages, and the build time
of the whole bilingual site (and of a generated copy ten times larger).

Fails (exit 1) when a page's first visit is over 25 KiB (25,600 B) or 5 requests, online or
offline. Prints the tables and writes the figures to build/bench.json. `--site DIR` measures a
folder already built for http://127.0.0.1:8791/stop-the-spread/ (Zensical's, say) instead of
building, and skips the offline copy and the build times.

Lighthouse comes from npm (pinned in package.json; `make bench` installs it). Timings depend on
the machine and its load; bytes and requests don't.
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

from support import (CHROMIUM_ARGS, all_page_urls, build, chromium_path, free_port,  # noqa: E402
                     page_url)
from weight import (BUDGET_BYTES, BUDGET_REQUESTS, PHONE, local_file, serve_gzip,  # noqa: E402
                    wire_size)

SUB_PATH = "/stop-the-spread/"
KEY_PAGES = [("index", "fr"), ("index", "en"), ("verificateur", "fr"), ("verificateur", "en")]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
OUT = ROOT / "build" / "bench.json"
SETTLE_MS = 500


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
            "seconds_min": round(min(times), 2), "seconds_all": [round(t, 2) for t in times]}


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
                target.write_text(re.sub(r"\]\((?!https?:|mailto:|tel:|sms:|#|\{\{)([^)]+)\)",
                                         lambda m: f"](../{m.group(1)})" if "/" not in rel
                                         else f"](../../{rel.split('/')[0]}/{m.group(1)})",
                                         text), encoding="utf-8")
            copies.append(f"copy{i}/{rel}.md")
    config = (dest / "mkdocs.yml").read_text(encoding="utf-8")
    extra = "".join(f"  - {c}\n" for c in sorted(copies))
    config = re.sub(r"(\nnav:\n(?:  .*\n|\s*\n)*)", lambda m: m.group(1).rstrip("\n") + "\n" + extra, config, count=1)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


def _visit(ctx, url: str):
    page = ctx.new_page()
    page.goto(url, wait_until="load")
    try:
        page.wait_for_load_state("networkidle", timeout=5000)
    except Exception:   # noqa: BLE001 - what came still counts
        pass
    page.wait_for_timeout(SETTLE_MS)
    return page


def _summary(hits: list[dict]) -> dict:
    return {"requests": len(hits), "bytes": sum(h["bytes"] for h in hits),
            "not_modified": sum(1 for h in hits if h["status"] == 304),
            "files": [{"path": h["path"], "status": h["status"], "bytes": h["bytes"]} for h in hits]}


def measure_served(browser, base, host) -> list[dict]:
    """First, repeat and after-max-age visits of every page, at 360 x 740."""
    rows = []
    for lang, url in all_page_urls(base):
        path = url[len(base) - len(SUB_PATH):]
        before = page_url(base, "aide" if url == page_url(base, "index", lang) else "index", lang)
        row = {"path": path, "lang": lang}
        ctx = browser.new_context(service_workers="block", **PHONE)
        host.take()
        _visit(ctx, url).close()
        row["first"] = _summary(host.take())
        ctx.close()
        for name, revalidate in (("repeat", False), ("after_max_age", True)):
            host.revalidate = revalidate
            ctx = browser.new_context(service_workers="block", **PHONE)
            _visit(ctx, before).close()
            host.take()
            _visit(ctx, url).close()
            row[name] = _summary(host.take())
            ctx.close()
        host.revalidate = False
        rows.append(row)
        print(f"measured {path}: {row['first']['bytes']} B, {row['first']['requests']} requests",
              file=sys.stderr)
    return rows


def measure_offline(browser, site: Path) -> list[dict]:
    """Each page of the offline copy opened from disk: the files Chromium reads for it."""
    base = site.resolve().as_uri() + "/"
    rows = []
    for lang, url in all_page_urls(base, directory_urls=False):
        ctx = browser.new_context(service_workers="block", **PHONE)
        urls = []
        ctx.on("request", lambda r: urls.append(r.url))
        _visit(ctx, url).close()
        ctx.close()
        files = []
        for u in urls:
            if u.startswith("data:"):
                continue
            f = local_file(site, base, u)
            files.append({"path": f.relative_to(site).as_posix() if f else u,
                          "bytes": wire_size(f) if f else 0,
                          "raw": f.stat().st_size if f else 0})
        rows.append({"path": url[len(base) - 1:], "lang": lang,
                     "first": {"requests": len(files), "bytes": sum(f["bytes"] for f in files),
                               "raw": sum(f["raw"] for f in files), "files": files}})
    return rows


def over_budget(rows) -> list[str]:
    return [f"{r['path']}: {r['first']['bytes']:,} B ({r['first']['bytes'] / 1024:.1f} KiB), "
            f"{r['first']['requests']} requests"
            for r in rows
            if r["first"]["bytes"] > BUDGET_BYTES or r["first"]["requests"] > BUDGET_REQUESTS]


def stats(values) -> str:
    return f"{min(values):,} / {int(statistics.median(values)):,} / {max(values):,}"


def pages_table(rows, title: str, repeat: bool = True) -> str:
    head = "| page | requests | bytes | KiB |"
    rule = "|---|---:|---:|---:|"
    if repeat:
        head += " repeat: requests | bytes | after max-age: requests (304) | bytes |"
        rule += "---:|---:|---:|---:|"
    lines = [f"### {title}", "", head, rule]
    for r in rows:
        f = r["first"]
        mark = " **over**" if f["bytes"] > BUDGET_BYTES or f["requests"] > BUDGET_REQUESTS else ""
        line = f"| {r['path']}{mark} | {f['requests']} | {f['bytes']:,} | {f['bytes'] / 1024:.1f} |"
        if repeat:
            p, a = r["repeat"], r["after_max_age"]
            line += (f" {p['requests']} | {p['bytes']:,} | {a['requests']} ({a['not_modified']}) |"
                     f" {a['bytes']:,} |")
        lines.append(line)
    lines += ["", f"min / median / max, first visit: bytes {stats([r['first']['bytes'] for r in rows])};"
              f" requests {stats([r['first']['requests'] for r in rows])}"]
    if repeat:
        lines.append(f"repeat visit: bytes {stats([r['repeat']['bytes'] for r in rows])};"
                     f" requests {stats([r['repeat']['requests'] for r in rows])}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-lighthouse", action="store_true", help="no Lighthouse runs")
    parser.add_argument("--no-offline", action="store_true", help="skip the offline copy")
    parser.add_argument("--no-builds", action="store_true", help="skip the build times")
    parser.add_argument("--runs", type=int, default=3, help="builds timed per site (median)")
    parser.add_argument("--site", type=Path,
                        help="measure this folder, built for http://127.0.0.1:8791/stop-the-spread/")
    args = parser.parse_args()
    use_lh = not args.no_lighthouse
    if use_lh and not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `make bench` (npm ci installs the pinned version).")

    from playwright.sync_api import sync_playwright
    if args.site:
        port, site = 8791, args.site.resolve()
    else:
        port = free_port()
        site = ROOT / "build" / "bench-site"
        shutil.rmtree(site, ignore_errors=True)
        build(site, f"http://127.0.0.1:{port}{SUB_PATH}")
    results = {"budget": {"bytes": BUDGET_BYTES, "requests": BUDGET_REQUESTS}, "builds": {}}
    with serve_gzip(site, port, SUB_PATH) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        results["pages"] = measure_served(browser, base, base.host)
        if not args.site and not args.no_offline:
            offline = ROOT / "build" / "bench-offline"
            shutil.rmtree(offline, ignore_errors=True)
            build(offline, "https://example.org/stop-the-spread/", offline=True)
            results["offline"] = measure_offline(browser, offline)
        browser.close()
        if use_lh:
            results["lighthouse"] = {}
            for name, lang in KEY_PAGES:
                url = page_url(base, name, lang)
                results["lighthouse"][url[len(base) - len(SUB_PATH):]] = lighthouse(url)
                print(f"Lighthouse {url}", file=sys.stderr)

    if not args.site and not args.no_builds:
        results["builds"]["site"] = time_build(ROOT, args.runs)
        with tempfile.TemporaryDirectory() as tmp:
            results["builds"]["site_x10"] = time_build(ten_times_larger(Path(tmp)), args.runs)

    over = over_budget(results["pages"]) + [f"offline {o}" for o in over_budget(results.get("offline", []))]
    results["over_budget"] = over
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\nFigures written to {OUT.relative_to(ROOT)}")
    if over:
        print(f"\nOver the budget ({BUDGET_BYTES:,} B or {BUDGET_REQUESTS} requests on a first visit):\n"
              + "\n".join(f"- {o}" for o in over), file=sys.stderr)
        sys.exit(1)


def table(results) -> str:
    parts = [pages_table(results["pages"], "Served under a sub-path, gzip, 360 x 740")]
    if results.get("offline"):
        parts.append(pages_table(results["offline"], "Offline copy (file://): files read, counted "
                                 "as gzip-6", repeat=False))
    if results.get("lighthouse"):
        lines = ["| page | perf | a11y | best practices | SEO | FCP ms |", "|---|---:|---:|---:|---:|---:|"]
        lost = []
        for path, lh in results["lighthouse"].items():
            s = lh["scores"]
            lines.append(f"| {path} | " + " | ".join(str(s[c]) for c in CATEGORIES)
                         + f" | {lh['metrics_ms'].get('first-contentful-paint', '-')} |")
            lost += [f"- {path} {c}: {', '.join(ids)}" for c, ids in lh["lost"].items()]
        if lost:
            lines += ["", "Lighthouse audits below 100 %:"] + lost
        parts.append("### Lighthouse (mobile)\n\n" + "\n".join(lines))
    b = results["builds"]
    if b:
        parts.append("| build (strict) | HTML pages | median s | min s |\n|---|---:|---:|---:|\n"
                     f"| whole bilingual site | {b['site']['html_pages']} | {b['site']['seconds_median']} | {b['site']['seconds_min']} |\n"
                     f"| generated site, 10x the pages | {b['site_x10']['html_pages']} | {b['site_x10']['seconds_median']} | {b['site_x10']['seconds_min']} |")
    return "\n\n".join(parts)


if __name__ == "__main__":
    main()
