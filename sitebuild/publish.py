"""Nothing deployable from a failed build: a build writes into a hidden folder beside its
destination (`site/` is built in `.site.partial/`), and only a build that succeeded, post-build
step included, replaces the destination. So `site/` is always either the last good build or the
new complete one, never a mix, and a failed build leaves nothing beside it.

- MkDocs and ProperDocs: the hook (mkdocs_hooks.py) points `site_dir` at the hidden folder when
  the build starts, and calls finish() once the build has passed (strict warnings included).
- Any other engine (Zensical): run it through this command, which gives it a folder of its own
  in SITE_DIR, runs the post-build step on it, then puts it in place (zensical-i18n refuses a
  hidden folder, hence --in):

      python -m sitebuild.publish site-zensical --in build/site-zensical -- zensical-i18n build
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path


def partial(dest: str | Path) -> Path:
    """The hidden folder a build of `dest` writes into: site/ -> .site.partial/."""
    dest = Path(dest)
    return dest.parent / f".{dest.name}.partial"


def _old(dest: Path) -> Path:
    return dest.parent / f".{dest.name}.old"


def start(dest: str | Path, folder: str | Path | None = None) -> Path:
    """A fresh, empty folder for a build of `dest` (what a killed build left is removed): the
    hidden one beside it, or `folder` (on the same disk, so that finish() is a rename)."""
    folder = Path(folder) if folder else partial(dest)
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(_old(Path(dest)), ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def finish(dest: str | Path, folder: str | Path | None = None) -> None:
    """Put the finished build in place of `dest`: two renames, so `dest` is never half-written."""
    dest = Path(dest)
    folder, old = Path(folder) if folder else partial(dest), _old(dest)
    shutil.rmtree(old, ignore_errors=True)
    if dest.exists():
        dest.rename(old)
    folder.rename(dest)
    shutil.rmtree(old, ignore_errors=True)


def discard(dest: str | Path, folder: str | Path | None = None) -> None:
    """A failed build of `dest`: remove what it wrote; `dest` stays the last good build."""
    shutil.rmtree(Path(folder) if folder else partial(dest), ignore_errors=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dest", help="the folder the site goes to (site-zensical/, ...)")
    ap.add_argument("--in", dest="folder", help="the folder to build in (default: .DEST.partial "
                                                "beside DEST)")
    ap.epilog = "then --, and the engine's build command: it gets the folder in SITE_DIR"
    argv = list(sys.argv[1:] if argv is None else argv)
    split = argv.index("--") if "--" in argv else len(argv)
    args, command = ap.parse_args(argv[:split]), argv[split + 1:]
    if not command:
        ap.error("give the build command after --")
    from sitebuild import postbuild
    folder = start(args.dest, args.folder)
    try:
        built = subprocess.run(command, env=dict(os.environ, SITE_DIR=str(folder))).returncode
        if built:
            print(f"{args.dest}: the build failed; {args.dest} is still the last good build",
                  file=sys.stderr)
            return built
        if postbuild.main([str(folder)]):
            print(f"{args.dest}: not published; it is still the last good build",
                  file=sys.stderr)
            return 1
        finish(args.dest, folder)
        return 0
    finally:
        discard(args.dest, folder)


if __name__ == "__main__":
    sys.exit(main())
