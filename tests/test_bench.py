"""The benchmarks run and print figures (their timings are reported, never asserted)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lancs_dash.config import PROJECT_ROOT

pytestmark = pytest.mark.browser


def test_short_benchmarks_print_figures(shared_data, browser):
    done = subprocess.run([sys.executable, "bench/run.py", "--short"], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    for figure in ("rows/s", "peak", "server warm", "drawn warm", "p95", "server peak", "serve-crowd", "requests/s",
                   "Meeting pack:"):
        assert figure in out, out
