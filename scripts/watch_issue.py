"""Keep ONE GitHub issue in step with the facts watch's report (the weekly workflow's last step).

    python scripts/watch_issue.py --report watch-report.md --run-url URL

Reads GITHUB_TOKEN (the workflow's own token: issues write), GITHUB_REPOSITORY (owner/name) and
GITHUB_API_URL (default https://api.github.com). The issue is the one labelled `facts-watch`:

- the report says a person is needed: open the issue (or reopen the last one) with the report as
  its body; when what was found changed since the last run, also add a comment, so people who
  follow the issue hear about it (a run that finds the same things only refreshes the body);
- the report says nothing is needed: if the issue is open, say so in a comment and close it (an
  open issue always means "something to do"; the closed one keeps the history, and is reopened
  the next time);
- there is no report (the watch itself failed): say so on the issue (opening one if needed) and
  exit 1, so the run shows red.

Exit status 0 when the issue says what the report says; 1 when the watch failed or GitHub refused
(issues turned off in a fork, a token without the permission).
"""
import argparse
import datetime as dt
import os
import re
import sys
from pathlib import Path

import requests

LABEL = "facts-watch"
TITLE = "Facts to review (weekly facts watch)"
MAX_BODY = 60000          # GitHub refuses an issue body over 65,536 characters
MARKER = re.compile(r"<!-- facts-watch status=(\S+) fingerprint=(\S+) -->")


class GitHub:
    def __init__(self, api: str, repo: str, token: str):
        self.base = f"{api.rstrip('/')}/repos/{repo}"
        self.session = requests.Session()
        self.session.headers.update({"Authorization": f"Bearer {token}",
                                     "Accept": "application/vnd.github+json",
                                     "X-GitHub-Api-Version": "2022-11-28",
                                     "User-Agent": "images-intimes-facts-watch"})

    def call(self, method: str, path: str, **kw):
        resp = self.session.request(method, self.base + path, timeout=30, **kw)
        if resp.status_code >= 400:
            raise RuntimeError(f"GitHub answered {resp.status_code} to {method} {path}: "
                               f"{resp.text[:300]}")
        return resp.json() if resp.content else None

    def ensure_label(self):
        resp = self.session.get(f"{self.base}/labels/{LABEL}", timeout=30)
        if resp.status_code == 404:
            self.call("POST", "/labels", json={
                "name": LABEL, "color": "d93f0b",
                "description": "The weekly facts watch: sources to read again"})
        elif resp.status_code >= 400:
            raise RuntimeError(f"GitHub answered {resp.status_code} to GET /labels/{LABEL}")

    def the_issue(self):
        """The open issue labelled facts-watch, else the most recent closed one, else None."""
        items = self.call("GET", "/issues", params={"labels": LABEL, "state": "all",
                                                    "sort": "created", "direction": "desc",
                                                    "per_page": 30})
        issues = [i for i in items if "pull_request" not in i]
        return next((i for i in issues if i["state"] == "open"), issues[0] if issues else None)

    def comment(self, number: int, body: str):
        self.call("POST", f"/issues/{number}/comments", json={"body": body})


def _summary(report: str) -> str:
    return next((line for line in report.splitlines() if line.startswith("**")), "").strip()


def _body(report: str, run_url: str) -> str:
    footer = f"\n---\n_Written by the weekly facts watch ([this run]({run_url}))._\n" \
        if run_url else ""
    if len(report) + len(footer) > MAX_BODY:
        cut = report[:MAX_BODY - len(footer) - 200].rsplit("\n", 1)[0]
        report = cut + "\n\n… (the report is longer: the whole of it is in the run's summary)\n"
    return report + footer


def sync(gh: GitHub, report: str | None, run_url: str, today: dt.date) -> tuple[str, int]:
    """Bring the issue in line with the report; (what was done, exit status)."""
    found = MARKER.search(report.splitlines()[0]) if report else None
    issue = gh.the_issue()
    if not found:
        text = (f"The facts watch could not run on {today.isoformat()}: nothing was checked. "
                f"The run's log says why: {run_url or '(no link)'}")
        if issue and issue["state"] == "open":
            gh.comment(issue["number"], text)
            return "reported the failure on the issue", 1
        gh.ensure_label()
        gh.call("POST", "/issues", json={"title": TITLE, "body": text, "labels": [LABEL]})
        return "opened an issue about the failure", 1
    status, fingerprint = found.groups()
    if status == "clear":
        if issue and issue["state"] == "open":
            gh.comment(issue["number"], f"All clear on {today.isoformat()}: every quote is still "
                                        f"on its page, every source page answers, no fact is "
                                        f"past its review date. Closing.")
            gh.call("PATCH", f"/issues/{issue['number']}",
                    json={"state": "closed", "state_reason": "completed"})
            return "closed the issue", 0
        return "nothing to do", 0
    body = _body(report, run_url)
    if issue is None:
        gh.ensure_label()
        gh.call("POST", "/issues", json={"title": TITLE, "body": body, "labels": [LABEL]})
        return "opened the issue", 0
    before = MARKER.search(issue.get("body") or "")
    if issue["state"] != "open":
        gh.call("PATCH", f"/issues/{issue['number']}", json={"state": "open", "body": body})
        gh.comment(issue["number"], f"Reopened by the watch of {today.isoformat()}: "
                                    f"{_summary(report)}")
        return "reopened the issue", 0
    gh.call("PATCH", f"/issues/{issue['number']}", json={"body": body})
    if not before or before.group(2) != fingerprint:
        gh.comment(issue["number"], f"The watch of {today.isoformat()} found something new: "
                                    f"{_summary(report)} The description above is up to date.")
        return "updated the issue and commented", 0
    return "updated the issue", 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, required=True, help="the watch's report")
    parser.add_argument("--run-url", default="", help="this workflow run's address")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    args = parser.parse_args(argv)
    token, repo = os.environ.get("GITHUB_TOKEN"), os.environ.get("GITHUB_REPOSITORY")
    if not token or not repo:
        print("watch_issue: needs GITHUB_TOKEN and GITHUB_REPOSITORY", file=sys.stderr)
        return 1
    report = args.report.read_text(encoding="utf-8") if args.report.is_file() else None
    gh = GitHub(os.environ.get("GITHUB_API_URL", "https://api.github.com"), repo, token)
    try:
        done, code = sync(gh, report, args.run_url, args.today)
    except (RuntimeError, requests.RequestException) as exc:
        print(f"watch_issue: {exc}", file=sys.stderr)
        return 1
    print(f"watch_issue: {done}")
    return code


if __name__ == "__main__":
    sys.exit(main())
