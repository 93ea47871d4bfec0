"""Putting a newly built file or folder in place of the served one, so readers see the old or the new, never
a half-written one: the loader builds beside the target and swaps only after it validates; the meeting pack
writes its PDF the same way. Any layer may use it (like config.py, it imports nothing of the package)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def swap_file(built: Path, target: Path) -> None:
    """Rename `built` over `target` in one step (same folder, so the rename is atomic)."""
    os.replace(built, target)


def swap_folder(staging: Path, target: Path) -> None:
    """Put a staged folder in place of `target`; the old one is kept until the new one is in place."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def write_bytes(target: Path, data: bytes) -> None:
    """Write `data` beside `target` and swap it into place, so a failed write never leaves half a file."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_bytes(data)
        swap_file(partial, target)
    finally:
        partial.unlink(missing_ok=True)
