"""The site's public address on QR codes and printed handouts (issue 17).

A build at this computer's address (the default, http://127.0.0.1:8000/) still builds, strict,
for developers and tests, but says so loudly; the Pages workflow and `make offline` refuse it."""
import os
import subprocess
import sys

import pytest
import yaml

from sitebuild import kit as K
from support import ROOT, copy_project

LOCAL = ["http://127.0.0.1:8000/", "http://localhost:8000/site/", "http://127.0.0.2/", "http://[::1]:8000/",
         "http://0.0.0.0/", "", "/", "site/", "https:///"]
PUBLIC = ["https://org.github.io/images-intimes/", "https://ecole.example.qc.ca/", "http://intranet.cssdm/"]


@pytest.mark.parametrize("url", LOCAL)
def test_a_local_or_partial_address_is_a_problem(url):
    assert K.address_problem(url)


@pytest.mark.parametrize("url", PUBLIC)
def test_a_public_address_is_fine(url):
    assert K.address_problem(url) is None


def address_pages() -> list[str]:
    """French sources whose page shows the site's address: a QR code, slides or the checker."""
    found = []
    for path in sorted((ROOT / "docs").rglob("*.fr.md")):
        text = path.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---")[1]) if text.startswith("---") else {}
        rel = path.relative_to(ROOT / "docs").as_posix()
        if (K.QR_MARKER in text or "<!-- ns:checker -->" in text
                or K.wants_present(rel, meta or {})):
            found.append(rel)
    return found


def test_a_local_build_says_so_loudly_and_still_builds_strict(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REQUIRE_PUBLIC_URL")}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                           "-d", str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True,
                          env=env | {"NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr
    assert "WARNING" not in proc.stderr   # --strict passed: it is not a log warning
    banner = [line for line in proc.stderr.splitlines() if line.startswith("!!")]
    assert any("SITE ADDRESS: http://127.0.0.1:8000/" in line for line in banner), proc.stderr
    assert any("SITE_URL=https://" in line for line in banner)
    # 2 languages x every page with slides or the handout.
    pages = int(next(line for line in banner if "pages carry it" in line).split()[1])
    assert pages >= 2 * 10
    assert "http://127.0.0.1:8000/" in (tmp_path / "out" / "educateurs" / "fiche" / "index.html").read_text()
    # The checker's printed sheet names the site too: its page is counted.
    assert "http://127.0.0.1:8000/" in (tmp_path / "out" / "verificateur" / "index.html").read_text()
    assert pages == 2 * len(address_pages()), banner


def test_a_build_that_requires_the_public_address_refuses_this_computers(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"REQUIRE_PUBLIC_URL": "true"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                           "-q", "-d", str(tmp_path / "out")], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    assert proc.returncode != 0
    assert "127.0.0.1:8000" in proc.stderr and "SITE_URL=https://" in proc.stderr
    assert not (tmp_path / "out" / "educateurs").exists()


def test_make_offline_needs_the_public_address(tmp_path):
    """The USB copy's handout and slides point to the public site: without SITE_URL, make offline
    stops before building anything."""
    project = copy_project(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REQUIRE_PUBLIC_URL")}
    venv = ROOT / ".venv"
    # -o: the venv is ready; make must not try to install into it from the copy.
    proc = subprocess.run(["make", "offline", f"VENV={venv}", "-o", f"{venv}/.site-installed"], cwd=project, env=env,
                          capture_output=True, text=True)
    assert proc.returncode != 0
    assert "SITE_URL=https://" in proc.stdout + proc.stderr
    assert not (project / "site-offline" / "educateurs").exists()
    assert not (project / "site-offline.zip").exists()


def test_the_pages_workflow_builds_at_the_public_address():
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = [s for s in flow["jobs"]["build"]["steps"] if "make build" in s.get("run", "")]
    assert len(steps) == 1 and "make offline" in steps[0]["run"]
    env = steps[0]["env"]
    assert env["SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")
    assert str(env["REQUIRE_PUBLIC_URL"]).lower() == "true"
