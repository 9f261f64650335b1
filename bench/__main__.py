"""Run every benchmark module (bench/bench_*.py) and print its figures: `python -m bench [name ...]`."""

from __future__ import annotations

import importlib
import logging
import sys
import time
from pathlib import Path


def main(selected: list[str]) -> int:
    """Run the selected benchmarks (all by default) and print their figures."""
    logging.disable(logging.INFO)
    names = sorted(path.stem for path in Path(__file__).parent.glob("bench_*.py"))
    if selected:
        names = [name for name in names if any(part in name for part in selected)]
    over = 0
    for name in names:
        started = time.perf_counter()
        figures = importlib.import_module(f"bench.{name}").run()
        print(f"## {name} ({time.perf_counter() - started:.1f} s)")
        for figure in figures:
            print(figure.line())
            over += figure.target is not None and figure.value > figure.target
        print()
    print(f"{over} figure(s) over target")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
