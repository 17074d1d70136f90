"""Safe to publish (issue 22): a build replaces the site only when it passed, `mkdocs serve`
still works, the offline zip is the same for the same site, and what a template writes from an
editor's text stays inside its tag. (The failed builds are tests/test_editing_safely.py's.)"""
import html
import os
import subprocess
import sys
import time
import urllib.request
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from support import ROOT, built_path, copy_project, free_port

sys.path.insert(0, str(ROOT / "scripts"))
import offline_zip  # noqa: E402

from sitebuild import csp_policy, publish  # noqa: E402


def _mkdocs(project, *args, **env):
    full = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL="http://127.0.0.1:8000/")
    for key in ("SITE_DIR", "OFFLINE", "REQUIRE_PUBLIC_URL", "OFFLINE_ZIP"):
        full.pop(key, None)
    full.update(env)
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=project, env=full,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("publish"))


def test_a_build_that_passed_replaces_the_site_whole_and_leaves_nothing_beside_it(project):
    site = project / "site"
    site.mkdir()
    (site / "stale.html").write_text("from an older build", encoding="utf-8")
    proc = _mkdocs(project, "build", "--strict", "-q")
    assert proc.returncode == 0, proc.stderr
    assert not (site / "stale.html").exists()  # replaced, not written into
    assert (site / "index.html").is_file() and (site / "_headers").is_file()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_a_failed_build_after_the_post_build_step_still_publishes_nothing(project):
    """A strict warning is counted after on_post_build: the swap waits for it."""
    before = {p: p.stat().st_mtime_ns for p in (project / "site").rglob("*") if p.is_file()}
    page = project / "docs" / "aide.en.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\n\nSee [nowhere](nowhere.md).\n", encoding="utf-8")
    try:
        proc = _mkdocs(project, "build", "--strict", "-q")
    finally:
        page.write_text(text, encoding="utf-8")
    assert proc.returncode != 0 and "nowhere.md" in proc.stdout + proc.stderr
    assert {p: p.stat().st_mtime_ns for p in (project / "site").rglob("*") if p.is_file()} == before
    assert not (project / ".site.partial").exists()


def test_mkdocs_serve_still_builds_and_serves_the_locked_down_site(project):
    """`make serve`: MkDocs serves from a folder of its own; site/ is not touched."""
    before = sorted(p.name for p in (project / "site").iterdir())
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_DIR", None)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict",
                               "-a", f"127.0.0.1:{port}", "--no-livereload"], cwd=project,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)
    try:
        body = None
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/aide/", timeout=2) as r:
                    body = r.read().decode("utf-8")
                break
            except OSError:
                if server.poll() is not None:
                    break
                time.sleep(0.5)
        assert body, server.stderr.read() if server.poll() is not None else "no answer"
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert '<meta http-equiv="Content-Security-Policy"' in body and "data-quick-exit" in body
    assert sorted(p.name for p in (project / "site").iterdir()) == before
    assert not (project / ".site.partial").exists()


class _Meta(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta[attrs.get("name") or attrs["property"]] = attrs.get("content")


def test_a_description_with_quotes_stays_inside_its_meta_tags(project):
    page = project / "docs" / "aide.en.md"
    text = page.read_text(encoding="utf-8")
    said = 'Help lines that say "you are not alone" & mean it'
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("description:"))
    end = index + 1
    while end < len(lines) and lines[end].startswith("  "):
        end += 1
    lines[index:end] = [f"description: '{said}'"]
    page.write_text("\n".join(lines), encoding="utf-8")
    try:
        proc = _mkdocs(project, "build", "--strict", "-q")
    finally:
        page.write_text(text, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    reader = _Meta()
    reader.feed((project / "site" / built_path("aide", "en")).read_text(encoding="utf-8"))
    for name in ("description", "og:description", "twitter:description"):
        assert reader.meta.get(name) == said, (name, reader.meta.get(name))


def test_the_offline_zip_is_the_same_for_the_same_site(tmp_path):
    folder = tmp_path / "site-offline"
    (folder / "en").mkdir(parents=True)
    (folder / "index.html").write_text("<p>accueil</p>", encoding="utf-8")
    (folder / "en" / "index.html").write_text("<p>home</p>", encoding="utf-8")
    first = offline_zip.make_zip(folder, tmp_path / "one.zip").read_bytes()
    os.utime(folder / "index.html", (1, 1))
    os.chmod(folder / "en" / "index.html", 0o600)
    second = offline_zip.make_zip(folder, tmp_path / "two.zip").read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "two.zip") as zf:
        assert zf.namelist() == ["images-intimes/en/index.html", "images-intimes/index.html"]
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert not list(tmp_path.glob(".*.partial"))


def test_the_publish_command_keeps_the_last_good_site_when_the_engine_fails(tmp_path):
    dest = tmp_path / "site-zensical"
    dest.mkdir()
    (dest / "index.html").write_text("last good", encoding="utf-8")
    failing = [sys.executable, "-c", "import os, pathlib; pathlib.Path(os.environ['SITE_DIR'],"
               " 'index.html').write_text('half'); raise SystemExit(3)"]
    assert publish.main([str(dest), "--in", str(tmp_path / "work"), "--", *failing]) == 3
    assert (dest / "index.html").read_text(encoding="utf-8") == "last good"
    assert not (tmp_path / "work").exists()


def test_only_the_sites_own_inline_scripts_get_a_hash():
    own = 'document.documentElement.classList.replace("no-js","js")'
    scope = csp_policy.OWN_SCRIPTS["material-scope"][1].replace("{base}", '"../.."')
    page = (f"<html><head><script>{own}</script><script>{scope}</script></head><body>"
            '<a href="#ns-quick-exit" class="ns-qe-skip" data-quick-exit="skip">x</a>'
            '<a href="https://meteo.gc.ca/" data-quick-exit>x</a>'
            "<script>alert(1)</script><p onclick=\"x()\">p</p></body></html>")
    locked = csp_policy.lock_down(page)
    assert csp_policy.sha256(own) in locked and csp_policy.sha256(scope) in locked
    assert csp_policy.sha256("alert(1)") not in locked
    found = csp_policy.problems(page)
    assert len(found) == 2 and "alert(1)" in found[0] and "onclick=" in found[1], found
    # The same script with another base path is still Material's; with another text it isn't.
    assert csp_policy.own_script(scope.replace('"../.."', '"."')) == "material-scope"
    assert csp_policy.own_script(scope.replace('"../.."', '"."+alert(1)+"."')) is None
    assert html.unescape("&quot;") == '"'
