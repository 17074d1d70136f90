"""Zip an offline build (make offline) into one file a teacher can put on a USB key.

The zip is the same, byte for byte, for the same site: files in a fixed order, each with a fixed
date (SOURCE_DATE_EPOCH when set, else January 1, 1980, the oldest a zip can hold) and fixed
permissions. It is written beside its final name and renamed at the end, so a failed run never
leaves half a zip where the last good one was.
"""
import os
import sys
import time
import zipfile
from pathlib import Path


def _date() -> tuple:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return time.gmtime(max(int(epoch), 315532800))[:6]
    return (1980, 1, 1, 0, 0, 0)


def make_zip(folder: Path, target: Path) -> Path:
    partial = target.with_name(f".{target.name}.partial")
    date = _date()
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                # One top folder inside the zip, so unzipping never scatters files.
                name = (Path("images-intimes") / path.relative_to(folder)).as_posix()
                info = zipfile.ZipInfo(name, date_time=date)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, path.read_bytes(), compresslevel=9)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


if __name__ == "__main__":
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "site-offline")
    out = make_zip(src, Path(f"{src.name}.zip"))
    print(f"{out} ({out.stat().st_size // 1024} KiB): unzip it and open images-intimes/index.html")
