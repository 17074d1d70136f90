"""Zip an offline build (make offline) into one file a teacher can put on a USB key."""
import sys
import zipfile
from pathlib import Path


def make_zip(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                # One top folder inside the zip, so unzipping never scatters files.
                zf.write(path, Path("images-intimes") / path.relative_to(folder))
    return target


if __name__ == "__main__":
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "site-offline")
    out = make_zip(src, Path(f"{src.name}.zip"))
    print(f"{out} ({out.stat().st_size // 1024} KiB): unzip it and open images-intimes/index.html")
