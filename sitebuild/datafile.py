"""Reading a data file (data/*.yml) so that every mistake an editor can make gets one line that
names the file, the line and the key:

    data/facts.yml:507 age.adult.value: expected a whole number, got "yes"

PyYAML's composer reads the file into nodes that keep their line; this module turns the nodes
into plain Python values itself, so it can:
- refuse a key given twice in the same map (PyYAML keeps the last one silently), while merges
  (`<<: *anchor`) and aliases (`*anchor`) work as YAML says: a key written beside a merge
  overrides the merged one;
- remember, for every key path, the line it is on and the text as written (`yes`, not True);
- report an impossible date (2026-02-30), a byte that is not UTF-8, a syntax error or an unknown
  alias on the line where it is, never as a traceback.
The schema (schema.py, pydantic) and the rules of each file (facts.py, checker.py, kit.py) then
report through `Document.error()`, so every message has the same shape.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from sitebuild.errors import SiteError

MERGE = "tag:yaml.org,2002:merge"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
# At most this many mistakes are listed at once (each on its own line).
MAX_ERRORS = 10


class DataError(SiteError):
    """Mistakes in a data file: one line each, `file:line key: what is wrong`."""

    def __init__(self, lines: list[str] | str):
        self.lines = [lines] if isinstance(lines, str) else list(lines)
        super().__init__("\n".join(self.lines))


def key_text(path: tuple, hide: tuple = ()) -> str:
    """('questions', 'q_age', 'choices', 1, 'next') -> 'questions.q_age.choices[1].next'. The
    first part is left out when it is in `hide` (facts.yml's facts read `age.adult.value`)."""
    if path and path[0] in hide:
        path = path[1:]
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass
class Document:
    """A data file's values, with the line of every key path and each scalar as written."""
    data: Any
    name: str                                     # as messages name it: data/facts.yml
    lines: dict[tuple, int] = field(default_factory=dict)
    raw: dict[tuple, str] = field(default_factory=dict)
    hide: tuple = ()                              # top-level keys left out of key paths
    kind: type = DataError                        # the error class its mistakes raise

    def line(self, path: tuple) -> int:
        """The line of `path`, or of the nearest enclosing key that has one."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def where(self, path: tuple) -> str:
        key = key_text(tuple(path), self.hide)
        return f"{self.name}:{self.line(path)}" + (f" {key}" if key else "")

    def message(self, path: tuple, text: str) -> str:
        return f"{self.where(path)}: {text}"

    def error(self, path: tuple, text: str) -> DataError:
        return self.kind([self.message(path, text)])

    def written(self, path: tuple, value: Any = None) -> str:
        """How the value at `path` was written, for "got ...": `"yes"`, `a list`, `a map`."""
        if tuple(path) in self.raw:
            return f'"{self.raw[tuple(path)]}"'
        if isinstance(value, list):
            return "a list"
        if isinstance(value, dict):
            return "a map (keys under it)"
        if value is None:
            return "nothing"
        return f'"{value}"'


def read(path: str | Path, name: str | None = None, *, hide: tuple = (),
         kind: type = DataError) -> Document:
    """Read a YAML data file. Raises `kind` (a DataError), never a YAML or Unicode traceback."""
    path = Path(path)
    name = name or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise kind([f"{name}: cannot be read ({exc.strerror})"]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        key = _key_on_line(raw.decode("utf-8-sig", errors="replace"), line, hide)
        raise kind([f"{name}:{line}{' ' + key if key else ''}: not UTF-8 text (byte "
                    f"0x{raw[exc.start]:02X}): save the file as UTF-8"]) from None
    return parse(text, name, hide=hide, kind=kind)


def parse(text: str, name: str, *, hide: tuple = (), kind: type = DataError) -> Document:
    doc = Document(None, name, hide=hide, kind=kind)
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        # At the end of the file, the line where the unclosed part started says more.
        at_end = exc.context_mark and "stream end" in (exc.problem or "")
        mark = exc.context_mark if at_end else exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        raise kind([f"{name}:{line}: not valid YAML: {what}"]) from None
    except yaml.YAMLError as exc:  # the reader: a character YAML doesn't allow
        position = getattr(exc, "position", 0)
        line = text.count("\n", 0, position) + 1
        raise kind([f"{name}:{line}: not valid YAML: {exc}".splitlines()[0]]) from None
    finally:
        loader.dispose()
    doc.data = {} if node is None else _Builder(loader, doc).value(node, ())
    return doc


def _key_on_line(text: str, line: int, hide: tuple) -> str:
    """The key path written on `line`, best effort (for a bad byte, read without it)."""
    try:
        doc = parse(text, "", hide=hide)
    except DataError:
        return ""
    on_line = [p for p, n in doc.lines.items() if n == line]
    return key_text(max(on_line, key=len), hide) if on_line else ""


class _Builder:
    """Nodes to values, recording lines and written text, refusing duplicate keys."""

    def __init__(self, loader: yaml.SafeLoader, doc: Document):
        self.loader, self.doc = loader, doc
        self.active: set[int] = set()  # nodes being built: an alias inside itself is a loop

    def value(self, node, path: tuple):
        if id(node) in self.active:
            raise self.doc.error(path, "refers to itself (an alias inside its own anchor)")
        if isinstance(node, ScalarNode):
            self.doc.lines.setdefault(path, node.start_mark.line + 1)
            self.doc.raw[path] = node.value
            return self.scalar(node, path)
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                self.doc.lines.setdefault(path, node.start_mark.line + 1)
                return [self.value(item, path + (i,)) for i, item in enumerate(node.value)]
            self.doc.lines.setdefault(path, node.start_mark.line + 1)
            return self.mapping(node, path)
        finally:
            self.active.discard(id(node))

    def scalar(self, node: ScalarNode, path: tuple):
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, ConstructorError) as exc:
            if node.tag == TIMESTAMP:
                raise self.doc.error(path, f"{node.value} is not a real date") from None
            raise self.doc.error(path, f"cannot read {node.value!r}: {exc}") from None

    def mapping(self, node: MappingNode, path: tuple) -> dict:
        merged: dict = {}
        own: dict = {}
        first_line: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE:
                sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
                for source in sources:
                    if not isinstance(source, MappingNode):
                        raise self.doc.error(path, "'<<' merges a map (an &anchor of keys)")
                    for key, value in self.mapping(source, path).items():
                        merged.setdefault(key, value)
                continue
            if not isinstance(key_node, ScalarNode):
                raise self.doc.kind([f"{self.doc.name}:{key_node.start_mark.line + 1}: a key "
                                     "must be a plain word"])
            key = key_node.value  # as written: `yes:` is the key "yes", not True
            line = key_node.start_mark.line + 1
            if key in first_line:
                self.doc.lines[path + (key,)] = line
                raise self.doc.error(path + (key,), f"given twice in the same map (first on "
                                                    f"line {first_line[key]}): keep one")
            first_line[key] = line
            self.doc.lines[path + (key,)] = line
            own[key] = self.value(value_node, path + (key,))
        return {**merged, **own}


def key_lines(path: str | Path) -> dict[tuple, int]:
    """The line of every key path of a YAML file, without reading its values: for messages about
    mkdocs.yml, whose tags (!ENV, !!python/name) only MkDocs reads. {} when it can't be read."""
    try:
        node = yaml.compose(Path(path).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    lines: dict[tuple, int] = {}

    def walk(node, path):
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    lines[path + (key.value,)] = key.start_mark.line + 1
                    walk(value, path + (key.value,))
        elif isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                lines[path + (i,)] = item.start_mark.line + 1
                walk(item, path + (i,))

    walk(node, ())
    return lines
