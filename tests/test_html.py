"""Valid HTML: the Nu HTML Checker (vnu-jar from npm, run on the machine's Java) reports zero
errors on every built page of both languages, the 404 page included, in one JVM run."""
import json
import shutil
import subprocess

import pytest

from support import LANGS, ROOT, built_path, page_pairs

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_built_page_is_valid_html(site_dir):
    java = shutil.which("java")
    if not java:
        pytest.skip("No Java runtime: the Nu HTML Checker needs one (Debian: apt-get install "
                    "default-jre-headless; .ci/run installs it).")
    assert VNU.is_file(), f"{VNU.relative_to(ROOT)} is missing: run `make test` (npm ci installs it)"
    pages = sorted(site_dir.rglob("*.html"))
    expected = {site_dir / built_path(name, lang) for name in page_pairs() for lang in LANGS}
    assert expected <= set(pages), sorted(str(p) for p in expected - set(pages))
    proc = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json",
                           *map(str, pages)], capture_output=True, text=True, timeout=300)
    report = json.loads(proc.stderr or proc.stdout)   # vnu writes its report on stderr
    errors = [f"{m.get('url', '?').split(str(site_dir))[-1]}:{m.get('lastLine', '?')}: "
              f"{m.get('message')} [{m.get('extract', '').strip()[:80]}]"
              for m in report["messages"] if m.get("type") != "info"]
    assert errors == [], "\n".join(errors)
