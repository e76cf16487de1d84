"""``python -m xingfeng demo``: the source cases, run end to end on embedded data.

The only module here that writes to the terminal; the library itself does no I/O.  Each
case is a script in ``examples/`` whose ``run()`` returns a :class:`~xingfeng.Report`; the
demo prints it as Markdown, or as JSON with ``--format json``.
"""

from __future__ import annotations

import argparse
import runpy
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from xingfeng import Report, __version__
from xingfeng.serialization import to_json

#: The cases, in the order of their seeds, with what each shows.
EXAMPLES = {
    "gas_company": "seed 000 市燃气总公司民主评议行风：第二阶段自查自纠至转段报告",
    "service_centre": "seed 001 行政服务中心：纪律规定，先斩后奏双倍处罚，连带责任，通报原单位",
    "power_grid": "seed 002 供电公司迎评：80分问卷，投诉分渠道、分类核对，22家排名目标，整改原则",
    "logistics_bureau": "seed 003 机关事务管理局作风建设年：查改实固强，月查季督，能耗同比",
    "construction_bureau": "seed 004 建设局文明单位创建：三级责任，半年自查，77件建议提案的四率",
}


def examples_dir() -> Path | None:
    """Where the example scripts are: inside an installed wheel, or in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "examples", here.parents[1] / "examples"):
        if (candidate / "gas_company.py").is_file():
            return candidate
    return None


def load(name: str) -> Callable[[], Report]:
    """The ``run`` function of the example called ``name``."""
    folder = examples_dir()
    if folder is None:
        raise FileNotFoundError("the example scripts are not installed with this copy of xingfeng")
    return runpy.run_path(str(folder / f"{name}.py"))["run"]  # type: ignore[no-any-return]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m xingfeng``."""
    listing = "\n".join(f"  {name:<20} {what}" for name, what in EXAMPLES.items())
    parser = argparse.ArgumentParser(
        prog="python -m xingfeng", description=f"xingfeng {__version__}: 行风评议的领域核心"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser(
        "demo",
        help="run a source case end to end and print its report",
        description="Run a source case end to end on embedded data and print its report.",
        epilog=f"examples:\n{listing}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    demo.add_argument(
        "example",
        nargs="?",
        default="gas_company",
        choices=list(EXAMPLES),
        metavar="EXAMPLE",
        help="which case to run (default: gas_company); the list is below",
    )
    demo.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: the report in Markdown (default); json: the same report as JSON",
    )
    args = parser.parse_args(argv)
    try:
        run = load(args.example)
    except FileNotFoundError as missing:
        parser.error(f"{missing}: run the demo from a source checkout of xingfeng")
    report = run()
    try:
        print(to_json(report) if args.format == "json" else report.markdown())
    except BrokenPipeError:  # the reader stopped early (| head): not an error of the demo
        sys.stdout = None  # nothing left to flush at exit
    return 0


if __name__ == "__main__":
    sys.exit(main())
