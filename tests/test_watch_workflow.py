"""The weekly facts watch on GitHub (issue 24): .github/workflows/facts-watch.yml runs `make watch`
every week and by hand, and scripts/watch_issue.py keeps ONE issue in step with its report.

- The workflow passes actionlint (with ShellCheck on its scripts), asks for the least permissions
  (read the code, write issues), uses no secret but the run's own token, pins every action to a
  full commit SHA with its version in a comment, and never keeps the token in the checkout.
- It never blocks publishing: nothing in the Pages workflow waits for it.
- The issue script, run against a fake GitHub API on 127.0.0.1: opens the issue when a person is
  needed, refreshes it (commenting only when the findings change), reopens a closed one, closes it
  with a comment when all is clear, and says so, ending red, when the watch itself failed.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from sitebuild import watch as W
from support import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import watch_issue as I  # noqa: E402

WORKFLOW = ROOT / ".github" / "workflows" / "facts-watch.yml"
BIN = Path(sys.executable).parent
TODAY = dt.date(2026, 12, 7)


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _actionlint(path: Path) -> subprocess.CompletedProcess:
    exe = BIN / "actionlint"
    if not exe.exists():
        pytest.fail("actionlint is missing: run `make dev-deps` (requirements-dev.txt)")
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    return subprocess.run([str(exe), "-no-color", str(path)], capture_output=True, text=True,
                          env=env, cwd=ROOT)


# --- the workflow file ---------------------------------------------------------------------------

def test_the_workflow_passes_actionlint_with_shellcheck(tmp_path):
    proc = _actionlint(WORKFLOW)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # The linter really looks: a copy with a typo in a key and an unquoted variable in a script
    # is refused, by actionlint itself and by ShellCheck.
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    text = WORKFLOW.read_text(encoding="utf-8")
    text = text.replace("timeout-minutes: 20", "timeout-minute: 20")
    text = text.replace('cat watch-report.md >> "$GITHUB_STEP_SUMMARY"',
                        "cat watch-report.md >> $GITHUB_STEP_SUMMARY")
    broken.write_text(text, encoding="utf-8")
    proc = _actionlint(broken)
    assert proc.returncode != 0
    assert "timeout-minute" in proc.stdout
    assert "shellcheck" in proc.stdout and "SC2086" in proc.stdout


def test_the_workflow_asks_for_the_least_permissions_and_no_secret():
    wf = _workflow()
    assert wf["permissions"] == {}, "nothing by default"
    jobs = wf["jobs"]
    assert list(jobs) == ["watch"]
    assert jobs["watch"]["permissions"] == {"contents": "read", "issues": "write"}
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "secrets." not in text, "no secret beyond the run's own token"
    assert "${{ github.token }}" in text


def test_every_action_is_pinned_to_a_full_commit_with_its_version_in_a_comment():
    uses = re.findall(r"^\s*-?\s*uses:\s*(.+)$", WORKFLOW.read_text(encoding="utf-8"), re.M)
    assert uses
    for line in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line.strip()), line


def test_the_checkout_keeps_no_credentials():
    steps = _workflow()["jobs"]["watch"]["steps"]
    checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(s["with"]["persist-credentials"] is False for s in checkouts)


def test_it_runs_the_watch_weekly_and_by_hand_and_never_blocks_publishing():
    wf = _workflow()
    on = wf.get("on", wf.get(True))          # YAML 1.1 reads the key `on` as True
    assert set(on) == {"schedule", "workflow_dispatch"}
    (cron,) = [entry["cron"] for entry in on["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert day == month == "*" and re.fullmatch(r"[0-6]", weekday), f"once a week: {cron}"
    runs = [s.get("run", "") for s in wf["jobs"]["watch"]["steps"]]
    assert any("make watch" in r for r in runs)
    assert any("scripts/watch_issue.py" in r for r in runs)
    assert wf["concurrency"]["group"] != "pages"
    pages = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert "facts-watch" not in pages and "workflow_run" not in pages


# --- the issue, against a fake GitHub API ---------------------------------------------------------

class _FakeGitHub(BaseHTTPRequestHandler):
    """Just enough of GitHub's REST API: labels, issues, comments, for repository o/r."""
    state: dict = {}

    def log_message(self, *args):
        pass

    def _send(self, status, payload=None):
        body = json.dumps(payload).encode() if payload is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _handle(self, method):
        st = self.state
        st["calls"].append((method, self.path))
        if self.headers.get("Authorization") != "Bearer test-token":
            return self._send(401, {"message": "Bad credentials"})
        if st.get("issues_off"):
            return self._send(410, {"message": "Issues are disabled for this repo"})
        length = int(self.headers.get("Content-Length") or 0)
        data = json.loads(self.rfile.read(length)) if length else {}
        url = urlsplit(self.path)
        parts = url.path.strip("/").split("/")[3:]           # after repos/o/r
        if parts == ["labels", I.LABEL] and method == "GET":
            return self._send(200 if I.LABEL in st["labels"] else 404, {})
        if parts == ["labels"] and method == "POST":
            st["labels"].add(data["name"])
            return self._send(201, data)
        if parts == ["issues"] and method == "GET":
            label = parse_qs(url.query)["labels"][0]
            found = [i for i in st["issues"] if label in i["labels"]]
            return self._send(200, sorted(found, key=lambda i: -i["number"]))
        if parts == ["issues"] and method == "POST":
            issue = {"number": len(st["issues"]) + 1, "state": "open", "title": data["title"],
                     "body": data["body"], "labels": data.get("labels", []), "comments": []}
            st["issues"].append(issue)
            return self._send(201, issue)
        if len(parts) >= 2 and parts[0] == "issues":
            issue = st["issues"][int(parts[1]) - 1]
            if len(parts) == 3 and parts[2] == "comments" and method == "POST":
                issue["comments"].append(data["body"])
                return self._send(201, data)
            if len(parts) == 2 and method == "PATCH":
                issue.update({k: v for k, v in data.items() if k in ("state", "body")})
                return self._send(200, issue)
        return self._send(404, {"message": "Not Found"})

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")

    def do_PATCH(self):
        self._handle("PATCH")


@pytest.fixture
def github():
    state = {"labels": set(), "issues": [], "calls": []}
    handler = type("Handler", (_FakeGitHub,), {"state": state})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    api = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield state, I.GitHub(api, "o/r", "test-token"), api
    httpd.shutdown()
    httpd.server_close()


def _report(status="needs-review", fingerprint="aaaa", summary="**2 things need a person:** x."):
    return (f"<!-- facts-watch status={status} fingerprint={fingerprint} -->\n"
            f"# Facts to review: the watch of {TODAY}\n\n{summary}\n\n## Quotes no longer found\n")


RUN = "https://github.com/o/r/actions/runs/1"


def test_a_report_that_needs_a_person_opens_one_labelled_issue(github):
    state, gh, _ = github
    done, code = I.sync(gh, _report(), RUN, TODAY)
    assert (done, code) == ("opened the issue", 0)
    (issue,) = state["issues"]
    assert issue["labels"] == [I.LABEL] and I.LABEL in state["labels"]
    assert issue["body"].startswith(_report()) and RUN in issue["body"]
    assert issue["title"] == I.TITLE


def test_the_same_findings_refresh_the_issue_quietly_and_new_ones_are_announced(github):
    state, gh, _ = github
    I.sync(gh, _report(), RUN, TODAY)
    done, _ = I.sync(gh, _report().replace("2026-12-07", "2026-12-14"), RUN, TODAY)
    (issue,) = state["issues"]
    assert done == "updated the issue" and issue["comments"] == []
    assert "2026-12-14" in issue["body"]
    done, _ = I.sync(gh, _report(fingerprint="bbbb", summary="**3 things need a person:** y."),
                     RUN, TODAY)
    assert done == "updated the issue and commented"
    assert len(state["issues"]) == 1 and "3 things need a person" in issue["comments"][0]


def test_all_clear_closes_the_open_issue_with_a_comment_and_a_later_finding_reopens_it(github):
    state, gh, _ = github
    assert I.sync(gh, _report(status="clear"), RUN, TODAY) == ("nothing to do", 0)
    assert state["issues"] == []
    I.sync(gh, _report(), RUN, TODAY)
    assert I.sync(gh, _report(status="clear"), RUN, TODAY) == ("closed the issue", 0)
    (issue,) = state["issues"]
    assert issue["state"] == "closed" and "All clear" in issue["comments"][-1]
    assert I.sync(gh, _report(fingerprint="cccc"), RUN, TODAY) == ("reopened the issue", 0)
    assert len(state["issues"]) == 1 and issue["state"] == "open"
    assert "Reopened" in issue["comments"][-1]


def test_a_failed_watch_is_said_on_the_issue_and_ends_red(github, tmp_path):
    state, gh, api = github
    env = dict(os.environ, GITHUB_TOKEN="test-token", GITHUB_REPOSITORY="o/r",
               GITHUB_API_URL=api)
    cmd = [sys.executable, str(ROOT / "scripts" / "watch_issue.py"), "--report",
           str(tmp_path / "missing.md"), "--run-url", RUN]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert proc.returncode == 1
    (issue,) = state["issues"]
    assert "could not run" in issue["body"] and RUN in issue["body"]
    assert subprocess.run(cmd, capture_output=True, text=True, env=env).returncode == 1
    assert len(state["issues"]) == 1 and "could not run" in issue["comments"][-1]


def test_issues_turned_off_end_red_with_a_message(github, tmp_path):
    state, _, api = github
    state["issues_off"] = True
    report = tmp_path / "r.md"
    report.write_text(_report(), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "watch_issue.py"), "--report", str(report)],
        capture_output=True, text=True,
        env=dict(os.environ, GITHUB_TOKEN="test-token", GITHUB_REPOSITORY="o/r",
                 GITHUB_API_URL=api))
    assert proc.returncode == 1 and "410" in proc.stderr


def test_the_issue_script_reads_the_watchs_own_report():
    facts = {"path": "f", "sources": {},
             "facts": {"a.b": {"status": "sure", "checked": dt.date(2026, 1, 1)}}}
    late = W.Finding("age", fact="a.b", due=dt.date(2026, 7, 1))
    for findings, status in (([], "clear"), ([late], "needs-review")):
        text = W.report(W.Result(findings, "", 0, 1, 1), facts, {}, TODAY, 6)
        found = I.MARKER.search(text.splitlines()[0])
        assert found and found.group(1) == status
        assert I._summary(text).startswith("**")


def test_a_long_report_is_cut_to_fit_an_issue():
    body = I._body("x\n" * 40000, RUN)
    assert len(body) <= I.MAX_BODY and "the whole of it is in the run's summary" in body
