"""ProperDocs (the maintained continuation of MkDocs 1.x) builds the same site from the same
mkdocs.yml, hooks and extension: every file equal to MkDocs' build, the generator tag aside."""
import re

import pytest

from support import build

GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


@pytest.fixture(scope="module")
def properdocs_site(site_dir, site_port, tmp_path_factory):
    dest = tmp_path_factory.mktemp("properdocs")
    build(dest, f"http://127.0.0.1:{site_port}/", engine="properdocs")
    return dest


def files(root):
    return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}


def test_properdocs_builds_the_same_files(site_dir, properdocs_site):
    mine, theirs = files(site_dir), files(properdocs_site)
    assert sorted(mine) == sorted(theirs)
    generators, differ = set(), []
    for rel, path in mine.items():
        a, b = path.read_bytes(), theirs[rel].read_bytes()
        generators |= {(m.group(1), n.group(1)) for m, n in zip(GENERATOR.finditer(a),
                                                                GENERATOR.finditer(b))}
        if GENERATOR.sub(b"", a) != GENERATOR.sub(b"", b):
            differ.append(rel)
    assert differ == []
    # The one difference allowed is there, so the comparison above did compare two engines.
    assert generators == {(b"mkdocs-1.6.1, mkdocs-material-9.8.2",
                           b"mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2")}
