"""The closed loop at province scale (issue 5): 1,000,000 problems, each with one measure.

Every problem is recorded (and assigned), given a measure, the measure completed with its
own evidence, the problem verified by someone who owns none of its measures and closed:
five commands, five events, 5,000,000 in all.  Targets: under 30 s in total and under
1.5 GB resident memory; ``overdue(on)`` over the 1,000,000 open measures under 1 s.

The run happens in a fresh interpreter so that its peak resident memory (``ru_maxrss``) is
the loop's own, moments included: one stdlib datetime per event, made before timing, as a
host application would hold them.  ``overdue`` is timed while every measure is still open
and about half of them are past their deadline, so it builds 500,000 results.
"""

from __future__ import annotations

import gc
import json
import resource
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench_campaign import plan

from xingfeng import (
    Campaign,
    MeasureAdded,
    MeasureCompleted,
    ProblemClosed,
    ProblemRecorded,
    ProblemState,
    ProblemVerified,
)

ZONE = ZoneInfo("Asia/Shanghai")
HERE = Path(__file__).resolve().parent
PROBLEMS = 1_000_000


def run(problems: int) -> dict[str, float]:
    """Drive ``problems`` problems around the loop; return the phase timings."""
    start = datetime(2026, 2, 2, 9, tzinfo=ZONE)
    moments = [start + timedelta(seconds=i) for i in range(5 * problems)]
    dues = [date(2026, 3, 1) + timedelta(days=i % 120) for i in range(problems)]
    campaign = Campaign.launch(plan(), at=datetime(2026, 1, 1, 9, tzinfo=ZONE), by="boss")
    gc.collect()
    timings: dict[str, float] = {}
    began = time.perf_counter()
    for i in range(problems):
        section = i % 10
        campaign.record_problem(
            f"P{i}",
            unit=f"s{section}",
            title="服务态度",
            owner=f"h{section}",
            at=moments[i],
            by="boss",
        )
    for i in range(problems):
        campaign.add_measure(
            f"M{i}",
            problem=f"P{i}",
            title="整改",
            owner=f"h{i % 10}",
            due=dues[i],
            at=moments[problems + i],
            by="boss",
        )
    timings["record and plan"] = time.perf_counter() - began

    gc.collect()
    on = date(2026, 4, 30)
    overdue_began = time.perf_counter()
    overdue = campaign.overdue(on)
    timings["overdue(on) over 1M open measures"] = time.perf_counter() - overdue_began
    timings["overdue items found"] = len(overdue)
    del overdue

    began_rest = time.perf_counter()
    for i in range(problems):
        campaign.complete_measure(
            f"M{i}", evidence=f"整改佐证{i}", at=moments[2 * problems + i], by=f"h{i % 10}"
        )
    for i in range(problems):
        campaign.verify_problem(f"P{i}", note="已核查", at=moments[3 * problems + i], by="boss")
    for i in range(problems):
        campaign.close_problem(f"P{i}", at=moments[4 * problems + i], by="boss")
    timings["rectify, verify and close"] = time.perf_counter() - began_rest
    timings["the whole loop"] = timings["record and plan"] + timings["rectify, verify and close"]
    assert len(campaign.problems_in(ProblemState.CLOSED)) == problems
    timings["events"] = campaign.event_count
    timings["peak resident memory (GB)"] = (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    )
    return timings


def baseline(problems: int) -> dict[str, float]:
    """CPython alone: the same five events per problem, created with fresh id strings and
    indexed in dicts, with no checks at all: the floor under the loop on this machine."""
    start = datetime(2026, 2, 2, 9, tzinfo=ZONE)
    moments = [start + timedelta(seconds=i) for i in range(5 * problems)]
    dues = [date(2026, 3, 1) + timedelta(days=i % 120) for i in range(problems)]
    log: list[object] = []
    index: list[dict[str, object]] = [{} for _ in range(5)]
    gc.collect()
    began = time.perf_counter()
    for i in range(problems):
        event: object = ProblemRecorded(
            at=moments[i], by="boss", problem=f"P{i}", unit="s1", title="服务态度", owner="h1"
        )
        index[0][f"P{i}"] = event
        log.append(event)
    for i in range(problems):
        event = MeasureAdded(
            at=moments[problems + i],
            by="boss",
            measure=f"M{i}",
            problem=f"P{i}",
            title="整改",
            owner="h1",
            due=dues[i],
        )
        index[1][f"M{i}"] = event
        log.append(event)
    for i in range(problems):
        event = MeasureCompleted(
            at=moments[2 * problems + i], by="h1", measure=f"M{i}", evidence=f"整改佐证{i}"
        )
        index[2][f"M{i}"] = event
        log.append(event)
    for i in range(problems):
        event = ProblemVerified(
            at=moments[3 * problems + i], by="boss", problem=f"P{i}", note="已核查"
        )
        index[3][f"P{i}"] = event
        log.append(event)
    for i in range(problems):
        event = ProblemClosed(at=moments[4 * problems + i], by="boss", problem=f"P{i}")
        index[4][f"P{i}"] = event
        log.append(event)
    return {
        "baseline: the same events created and indexed, no checks": time.perf_counter() - began,
        "baseline: peak resident memory (GB)": (
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
        ),
    }


def _fresh(function: str) -> dict[str, float]:
    code = f"import json, bench_rectification as b; print(json.dumps(b.{function}({PROBLEMS})))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=HERE, capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> list[tuple[str, float, str]]:
    timings = {**_fresh("run"), **_fresh("baseline")}
    units = {"events": "", "overdue items found": ""}
    return [
        (name, value, "GB" if "(GB)" in name else units.get(name, "s"))
        for name, value in timings.items()
    ]


if __name__ == "__main__":
    for name, value, unit in main():
        print(f"{name}: {value:,.3f} {unit}")
