"""All benchmarks, printing figures (they never fail on timing): loader, page CPU against the framework floor,
page models after a data swap, pages, concurrency, a crowd through the proxy, meeting pack.

    python bench/run.py            # the full run whose figures are in the README
    python bench/run.py --short    # a quick pass for CI: every benchmark runs and prints figures
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time

import common  # noqa: F401 - puts the project on sys.path
import concurrency
import loader
import meeting_pack
import models_cold
import page_cpu
import page_times
import serve_crowd


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor())
    with open("/proc/meminfo") as f:
        mem_gib = int(f.readline().split()[1]) / 1024 ** 2
    return (f"{cpu}, {os.cpu_count()} CPUs, {mem_gib:.0f} GiB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}; load average {os.getloadavg()[0]:.1f} at start")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--short", action="store_true", help="quick pass for CI")
    short = parser.parse_args().short
    print(f"Machine: {machine()}")
    started = time.perf_counter()
    if not loader.SHARED_DATA.is_dir():
        print("Loader: skipped (the raw open data folder ../shared/data is not beside the checkout)")
    else:
        loader.main(short)
    page_cpu.main(short)
    models_cold.main(short)
    page_times.main(short)
    concurrency.main(short, [10, 25, 50])
    serve_crowd.main(short, 50)
    meeting_pack.main(short)
    print(f"Benchmarks took {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
