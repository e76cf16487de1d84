"""Recording and replaying campaign events at the sizes issue 4 names.

A campaign with a small organisation records problems, measures and completions (three
events per problem) until it holds 1,000,000 and then 2,000,000 events.  Targets: replaying
1,000,000 events under 10 s; recording scales linearly (2M take at most 2.2x the time of 1M).
Moments are stdlib datetimes in Asia/Shanghai made before timing, as a host application
would already hold them.  Each size is recorded in a fresh interpreter (best of three), with
the garbage collector on.  For scale, the same event objects are also created and indexed
with no campaign logic at all: CPython's own cost grows faster than linearly at these sizes
(bigger heaps, more cache misses, longer collections), and recording cannot scale better.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from xingfeng import (
    Campaign,
    CampaignPlan,
    MeasureAdded,
    MeasureCompleted,
    Organization,
    Person,
    Post,
    Posting,
    ProblemRecorded,
    ResponsibilityChain,
    StageTemplate,
    Unit,
    UnitKind,
)

ZONE = ZoneInfo("Asia/Shanghai")
HERE = Path(__file__).resolve().parent


def plan() -> CampaignPlan:
    """A one-company campaign with ten sections and the appraisal stage template."""
    units = [Unit(id="co", name="公司", kind=UnitKind.ORGANIZATION)]
    people = [Person(id="boss", name="总经理")]
    postings = [Posting(person="boss", unit="co", post=Post.TOP_LEADER)]
    for i in range(10):
        units.append(Unit(id=f"s{i}", name=f"科室{i}", kind=UnitKind.SECTION, parent="co"))
        people.append(Person(id=f"h{i}", name=f"科长{i}"))
        postings.append(Posting(person=f"h{i}", unit=f"s{i}", post=Post.FIRST_RESPONSIBLE))
    chain = ResponsibilityChain(
        organization=Organization(units=units, people=people, postings=postings)
    )
    windows = [
        (date(2026, 1, 1), date(2026, 1, 31)),
        (date(2026, 2, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 10, 31)),
        (date(2026, 11, 1), date(2026, 12, 31)),
    ]
    return CampaignPlan(
        name="基准测试",
        organiser="市纠风办",
        first=date(2026, 1, 1),
        last=date(2026, 12, 31),
        stages=StageTemplate.appraisal().plan(windows),
        appraised=("co",),
        chain=chain,
    )


def record(campaign: Campaign, events: int) -> float:
    """Seconds to record about ``events`` more events: a problem, its measure and its
    completion, repeated."""
    start = datetime(2026, 2, 2, 9, tzinfo=ZONE)
    moments = [start + timedelta(seconds=i) for i in range(events // 3 + 1)]
    due = date(2026, 6, 30)
    gc.collect()
    began = time.perf_counter()
    for i in range(events // 3):
        at = moments[i]
        section = i % 10
        problem, measure = f"P{i}", f"M{i}"
        campaign.record_problem(
            problem, unit=f"s{section}", title="服务态度", owner=f"h{section}", at=at, by="boss"
        )
        campaign.add_measure(
            measure, problem=problem, title="整改", owner=f"h{section}", due=due, at=at, by="boss"
        )
        campaign.complete_measure(measure, evidence=f"整改佐证{i}", at=at, by=f"h{section}")
    return time.perf_counter() - began


def record_fresh(events: int) -> float:
    """Seconds to record ``events`` events into a newly launched campaign."""
    campaign = Campaign.launch(plan(), at=datetime(2026, 1, 1, 9, tzinfo=ZONE), by="boss")
    campaign.hold_activity("mobilisation", at=datetime(2026, 1, 5, 9, tzinfo=ZONE), by="boss")
    return record(campaign, events)


def allocation_baseline(events: int) -> float:
    """Seconds to create the same events and index them in dicts, with no campaign logic:
    what CPython itself costs at this size, for comparing how recording scales."""
    start = datetime(2026, 2, 2, 9, tzinfo=ZONE)
    moments = [start + timedelta(seconds=i) for i in range(events // 3 + 1)]
    due = date(2026, 6, 30)
    log: list[object] = []
    problems: dict[str, object] = {}
    measures: dict[str, object] = {}
    done: dict[str, object] = {}
    gc.collect()
    began = time.perf_counter()
    for i in range(events // 3):
        at, problem, measure = moments[i], f"P{i}", f"M{i}"
        first = ProblemRecorded(
            at=at, by="boss", problem=problem, unit="s1", title="服务态度", owner="h1"
        )
        second = MeasureAdded(
            at=at, by="boss", measure=measure, problem=problem, title="整改", owner="h1", due=due
        )
        third = MeasureCompleted(at=at, by="h1", measure=measure, evidence=f"整改佐证{i}")
        problems[problem], measures[measure], done[measure] = first, second, third
        log += (first, second, third)
    return time.perf_counter() - began


def fresh_process(function: str, events: int) -> float:
    """Run ``function(events)`` in a new interpreter, so runs do not share a heap."""
    code = f"import bench_campaign as b; print(b.{function}({events}))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=HERE, capture_output=True, text=True, check=True
    )
    return float(out.stdout)


def main() -> list[tuple[str, float, str]]:
    results: list[tuple[str, float, str]] = []
    best: dict[tuple[str, int], float] = {}
    for function in ("record_fresh", "allocation_baseline"):
        for size in (1_000_000, 2_000_000):
            best[function, size] = min(fresh_process(function, size) for _ in range(3))
    for size in (1_000_000, 2_000_000):
        results.append((f"record {size:,} events", best["record_fresh", size], "s"))
    ratio = best["record_fresh", 2_000_000] / best["record_fresh", 1_000_000]
    results.append(("recording 2M / 1M", ratio, "x"))
    base = best["allocation_baseline", 2_000_000] / best["allocation_baseline", 1_000_000]
    results.append(("CPython baseline (same objects, no logic) 2M / 1M", base, "x"))

    campaign = Campaign.launch(plan(), at=datetime(2026, 1, 1, 9, tzinfo=ZONE), by="boss")
    campaign.hold_activity("mobilisation", at=datetime(2026, 1, 5, 9, tzinfo=ZONE), by="boss")
    record(campaign, 1_000_000)
    log = campaign.events
    replays = []
    for _ in range(2):
        gc.collect()
        began = time.perf_counter()
        replayed = Campaign.replay(log)
        replays.append(time.perf_counter() - began)
        assert replayed == campaign
        del replayed
    results.append((f"replay {len(log):,} events", min(replays), "s"))
    return results
