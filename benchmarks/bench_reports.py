"""Reports at province scale (issue 8): a stage report and a circular over 100,000 problems.

The campaign holds 100,000 opinions from four sources, each merged into its own problem in
one of ten sections, each problem with one measure; half the measures are done and none of
the problems is closed yet, so the open-problem list has 100,000 rows; of the undone
measures, three in five are past their deadline on the report's day.  Timed, best of 3: the
stage report (every figure and list), its Markdown, the monthly circular (the period's
figures, the units' progress, the overdue list), and a breakdown check of 1,000,000 parts in
1,000 nested subtotals.  The floor is what any report must pay: reading each problem and
measure once from the campaign.
Building the campaign is not timed (bench_rectification measures the commands).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from bench_campaign import ZONE, plan

from xingfeng import Breakdown, Campaign, Opinion, Source, circular, stage_report

PROBLEMS = 100_000
SOURCES = (Source.RATER, Source.SUPERVISOR, Source.USER_ORGANIZATION, Source.SERVICE_USER)
ON = date(2026, 4, 30)


def campaign_of(problems: int) -> Campaign:
    """The campaign described above, built through its public commands."""
    start = datetime(2026, 2, 2, 9, tzinfo=ZONE)
    campaign = Campaign.launch(plan(), at=datetime(2026, 1, 1, 9, tzinfo=ZONE), by="boss")
    second = timedelta(seconds=1)
    for i in range(problems):
        at = start + i * second
        opinion = Opinion(
            id=f"O{i}", source=SOURCES[i % 4], text="办事拖拉", unit=f"s{i % 10}", received_at=at
        )
        campaign.receive_opinion(opinion, at=at, by="boss")
    later = start + problems * second
    for i in range(problems):
        at = later + i * second
        campaign.record_problem(
            f"P{i}", unit=f"s{i % 10}", title="服务态度", owner=f"h{i % 10}",
            opinions=[f"O{i}"], at=at, by="boss",
        )  # fmt: skip
    later += problems * second
    for i in range(problems):
        due = date(2026, 4, 1) + timedelta(days=i % 50)  # a fifth due before 30 April
        campaign.add_measure(
            f"M{i}", problem=f"P{i}", title="整改", owner=f"h{i % 10}", due=due,
            at=later + i * second, by="boss",
        )  # fmt: skip
    later += problems * second
    for i in range(0, problems, 2):
        campaign.complete_measure(f"M{i}", evidence=f"E{i}", at=later + i * second, by=f"h{i % 10}")
    return campaign


def best_of(rounds: int, work: Callable[[], Any]) -> float:
    best = float("inf")
    for _ in range(rounds):
        gc.collect()
        began = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - began)
    return best


def breakdown() -> Breakdown:
    """1,000 subtotals of 1,000 parts each; one subtotal typed wrong."""
    groups = {
        f"g{g}": Breakdown(
            name=f"g{g}",
            total=1000 + (g == 500),
            parts={f"p{p}": 1 for p in range(1000)},
        )
        for g in range(1000)
    }
    return Breakdown(name="合计", total=1_000_000, parts=groups)


def main() -> list[tuple[str, float, str]]:
    campaign = campaign_of(PROBLEMS)
    transition = stage_report(campaign, on=ON)
    assert transition.filing.figures["归类问题"] == PROBLEMS
    assert len(transition.filing.open_problems) == PROBLEMS
    month = circular(campaign, since=date(2026, 4, 1), on=ON)
    late = dict(month.section("总体情况").table("本期情况").rows)["逾期事项（累计）"]
    big = breakdown()
    assert len(big.mismatches()) == 2  # the wrong subtotal, and the total it feeds
    return [
        ("stage report, 100,000 problems", best_of(3, lambda: stage_report(campaign, on=ON)), "s"),
        ("its Markdown", best_of(3, transition.markdown), "s"),
        (
            "floor: reading every problem and measure once",
            best_of(
                3, lambda: (list(campaign.problems.values()), list(campaign.measures.values()))
            ),
            "s",
        ),
        (
            "circular for a month, 100,000 problems",
            best_of(3, lambda: circular(campaign, since=date(2026, 4, 1), on=ON)),
            "s",
        ),
        ("overdue items in the circular", late, ""),
        ("breakdown check, 1,000,000 parts in 1,000 subtotals", best_of(3, big.mismatches), "s"),
    ]


if __name__ == "__main__":
    for name, value, unit in main():
        print(f"{name}: {value:,.3f} {unit}")
