"""What both languages read from data/: the facts, the checker's flow, the school's contacts.

Read and validated once per build (again when a file changes, for `mkdocs serve`); any error
names the file and the key or node.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from sitebuild import checker as C
from sitebuild import facts as F
from sitebuild import kit as K
from sitebuild.datafile import DataError

# What load() may raise: each line of the message names the file, the line and the key.
ERRORS = (DataError,)
FILES = ("facts.yml", "checker.yml", "local.yml")


class Data(NamedTuple):
    facts: dict
    flow: dict
    local: dict


_cache: dict[tuple, Data] = {}


def load(root: str | Path) -> Data:
    """The data of the project at `root` (the folder of mkdocs.yml)."""
    folder = Path(root) / "data"
    key = (str(folder.resolve()),) + tuple(
        (folder / name).stat().st_mtime_ns if (folder / name).exists() else None for name in FILES)
    if key not in _cache:
        # Messages name the files as an editor sees them from the project folder.
        facts = F.load(folder / "facts.yml", "data/facts.yml")
        _cache.clear()
        _cache[key] = Data(facts, C.load(folder / "checker.yml", facts, "data/checker.yml",
                                         docs=Path(root) / "docs"),
                           K.load_local(folder / "local.yml", "data/local.yml"))
    return _cache[key]
