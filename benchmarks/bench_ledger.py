"""The ledger (台账) of a large campaign and its export (issue 8).

A campaign of ten sections holds 100,000 problems, each raised by one rater's opinion,
assigned to its section's head and given one measure; every other measure is done, and on
the ledger's day (2026-04-30) about half of the open ones are past their deadline.  Its
ledger has 100,000 problem rows, 100,000 measure rows and 200,000 responsibility rows.

Timed, each the best of three rounds with the garbage collector on and earlier garbage
collected first, the campaign built before any timing:

- ``Ledger.of(campaign, on)``: the three lists made from the campaign;
- ``Ledger.to_csv(table)`` for each list, and for the three together: CSV text in memory,
  no file;
- ``Ledger.to_xlsx()``: the whole workbook as bytes, on a campaign of 10,000 problems (the
  same shape, a tenth of the size), since openpyxl writes cell by cell; and once, a single
  round, at 100,000 problems;
- for scale, openpyxl alone writing the same values of the 10,000-problem ledger (made
  before timing) into a write-only workbook, with no widths, styles or checks: the floor
  under ``to_xlsx``.

Sizes of the output are given in MB (10^6 bytes; CSV as UTF-8).
"""

from __future__ import annotations

import gc
import io
import os
import platform
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from bench_campaign import plan

from xingfeng import Campaign, Ledger, Opinion, Source

ZONE = ZoneInfo("Asia/Shanghai")
PROBLEMS = 100_000
XLSX_PROBLEMS = 10_000
ON = date(2026, 4, 30)
TABLES = ("problems", "measures", "responsibilities")


def campaign_of(problems: int) -> Campaign:
    """``problems`` problems with an opinion and a measure each, every other measure done."""
    start = datetime(2026, 2, 2, 9, tzinfo=ZONE)
    campaign = Campaign.launch(plan(), at=datetime(2026, 1, 1, 9, tzinfo=ZONE), by="boss")
    for i in range(problems):
        at = start + timedelta(seconds=4 * i)
        section, opinion = i % 10, f"O{i}"
        campaign.receive_opinion(
            Opinion(
                id=opinion,
                source=Source.RATER,
                unit=f"s{section}",
                text="窗口办事拖拉",
                received_at=at,
            ),
            at=at,
            by="boss",
        )
        campaign.record_problem(
            f"P{i}",
            unit=f"s{section}",
            title="窗口服务态度差，办事拖拉",
            opinions=[opinion],
            owner=f"h{section}",
            at=at + timedelta(seconds=1),
            by="boss",
        )
        campaign.add_measure(
            f"M{i}",
            problem=f"P{i}",
            title="开展文明服务培训，推行限时办结",
            owner=f"h{section}",
            due=date(2026, 3, 1) + timedelta(days=i % 120),
            at=at + timedelta(seconds=2),
            by="boss",
        )
        if i % 2:
            campaign.complete_measure(
                f"M{i}",
                evidence=f"培训签到表{i}",
                at=at + timedelta(seconds=3),
                by=f"h{section}",
            )
    return campaign


def best_of(rounds: int, work: Callable[[], object]) -> float:
    """The fastest of ``rounds`` runs of ``work``, in seconds."""
    times = []
    for _ in range(rounds):
        gc.collect()
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return min(times)


def openpyxl_alone(ledger: Ledger) -> Callable[[], bytes]:
    """A function writing the ledger's cells, prepared now, with openpyxl and nothing else."""
    import openpyxl

    def value(cell: object) -> object:
        if isinstance(cell, bool):
            return "是" if cell else "否"
        return None if cell == "" else cell

    sheets = [
        (name, list(rows[0]) if rows else [], [list(map(value, row.values())) for row in rows])
        for name, rows in ledger.tables().items()
    ]

    def write() -> bytes:
        workbook = openpyxl.Workbook(write_only=True)
        for name, headings, rows in sheets:
            sheet = workbook.create_sheet(name)
            sheet.append(headings)
            for row in rows:
                sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    return write


def main() -> list[tuple[str, float, str]]:
    results: list[tuple[str, float, str]] = []
    big = campaign_of(PROBLEMS)
    results.append(
        ("Ledger.of, 100,000 problems and measures", best_of(3, lambda: Ledger.of(big, ON)), "s")
    )
    ledger = Ledger.of(big, ON)
    assert (len(ledger.problems), len(ledger.measures)) == (PROBLEMS, PROBLEMS)
    assert len(ledger.responsibilities) == 2 * PROBLEMS
    overdue = sum(row.overdue for row in ledger.measures)
    results.append(("overdue measures on the ledger's day", overdue, ""))
    for table in TABLES:
        rows = len(getattr(ledger, table))
        seconds = best_of(3, partial(ledger.to_csv, table))
        results.append((f"to_csv('{table}'), {rows:,} rows", seconds, "s"))
    results.append(
        (
            "to_csv, the three lists",
            best_of(3, lambda: [ledger.to_csv(table) for table in TABLES]),
            "s",
        )
    )
    size = sum(len(ledger.to_csv(table).encode("utf-8")) for table in TABLES)
    results.append(("CSV size, the three lists", size / 1e6, "MB"))

    small = Ledger.of(campaign_of(XLSX_PROBLEMS), ON)
    results.append(
        ("to_xlsx, 10,000 problems and measures (best of 3)", best_of(3, small.to_xlsx), "s")
    )
    results.append(("xlsx size, 10,000 problems", len(small.to_xlsx()) / 1e6, "MB"))
    results.append(
        (
            "baseline: openpyxl alone, the same 10,000-problem cells (best of 3)",
            best_of(3, openpyxl_alone(small)),
            "s",
        )
    )
    gc.collect()
    began = time.perf_counter()
    workbook = ledger.to_xlsx()
    seconds = time.perf_counter() - began
    results.append(("to_xlsx, 100,000 problems and measures (one round)", seconds, "s"))
    results.append(("xlsx size, 100,000 problems", len(workbook) / 1e6, "MB"))
    return results


if __name__ == "__main__":
    print(
        f"# {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, {platform.machine()}"
    )
    for name, value, unit in main():
        print(f"{name}: {value:,.3f} {unit}")
