"""Recording and replaying campaign events at the sizes issue 4 names.

A campaign with a small organisation records problems, measures and completions (three
events per problem) until it holds 1,000,000 and then 2,000,000 events.  Targets: replaying
1,000,000 events under 10 s; recording scales linearly (2M take at most 2.2x the time of 1M).
Moments are stdlib datetimes in Asia/Shanghai made before timing, as a host application
would already hold them.  Each phase runs with the garbage collector on, after collecting
the previous phase's garbage.
"""

from __future__ import annotations

import gc
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from xingfeng import (
    Campaign,
    CampaignPlan,
    Organization,
    Person,
    Post,
    Posting,
    ResponsibilityChain,
    StageTemplate,
    Unit,
    UnitKind,
)

ZONE = ZoneInfo("Asia/Shanghai")


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
        campaign.record_problem(problem, unit=f"s{section}", title="服务态度", at=at, by="boss")
        campaign.add_measure(
            measure, problem=problem, title="整改", owner=f"h{section}", due=due, at=at, by="boss"
        )
        campaign.complete_measure(measure, evidence="已整改", at=at, by=f"h{section}")
    return time.perf_counter() - began


def main() -> list[tuple[str, float, str]]:
    results: list[tuple[str, float, str]] = []
    timings: dict[int, float] = {}
    for size in (1_000_000, 2_000_000):
        campaign = Campaign.launch(plan(), at=datetime(2026, 1, 1, 9, tzinfo=ZONE), by="boss")
        campaign.hold_activity("mobilisation", at=datetime(2026, 1, 5, 9, tzinfo=ZONE), by="boss")
        timings[size] = record(campaign, size)
        results.append((f"record {campaign.event_count:,} events", timings[size], "s"))
        if size == 1_000_000:
            log = campaign.events
            gc.collect()
            began = time.perf_counter()
            replayed = Campaign.replay(log)
            replay_s = time.perf_counter() - began
            assert replayed == campaign
            results.append((f"replay {len(log):,} events", replay_s, "s"))
            del log, replayed
        del campaign
    results.append(("recording 2M / 1M", timings[2_000_000] / timings[1_000_000], "x"))
    return results
