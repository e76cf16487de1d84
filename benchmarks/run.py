"""Run every benchmark in this folder and print each figure with its unit.

Benchmarks are plain scripts with a ``main()`` returning ``[(name, value, unit), ...]``;
they are not tests and never run under ``make test``.  Figures are the best of several
rounds (the least disturbed by other work on the machine), with the garbage collector on,
as a host application would run.
"""

from __future__ import annotations

import importlib
import os
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    sys.path.insert(0, str(HERE))
    print(
        f"# {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, {platform.machine()}"
    )
    for path in sorted(HERE.glob("bench_*.py")):
        module = importlib.import_module(path.stem)
        for name, value, unit in module.main():
            print(f"{path.stem}: {name}: {value:,.3f} {unit}")


if __name__ == "__main__":
    main()
