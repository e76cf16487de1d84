"""Working-day arithmetic on the China calendar, at the sizes the issue names.

* ``add_workdays`` on 1,000,000 random (date, n) pairs, dates 2004-01-01 … 2026-11-15 and
  n in 1..30 (the end date keeps every result inside the covered years; a later start
  would need the 2027 schedule).  Target: under 0.5 s on 2 cores.
* ``is_workday`` over every day of 2004–2026 (8,401 days).  Target: under 20 ms.
* ``TimeLimit.working_days(5).due`` on 100,000 aware moments: the full path a deadline
  takes (zone conversion with pendulum, then the calendar).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import date

import pendulum

from xingfeng import TimeLimit, WorkCalendar

ROUNDS = 5


def best_of(rounds: int, run: Callable[[], object]) -> float:
    """The fastest of ``rounds`` runs, in seconds."""
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> list[tuple[str, float, str]]:
    cal = WorkCalendar.china()
    rng = random.Random(20261121)
    first, last = date(2004, 1, 1).toordinal(), date(2026, 11, 15).toordinal()
    pairs = [
        (date.fromordinal(rng.randint(first, last)), rng.randint(1, 30)) for _ in range(1_000_000)
    ]
    every_day = [
        date.fromordinal(o)
        for o in range(date(2004, 1, 1).toordinal(), date(2026, 12, 31).toordinal() + 1)
    ]
    moments = [
        pendulum.datetime(d.year, d.month, d.day, 9, 30, tz="Asia/Shanghai")
        for d, _ in pairs[:100_000]
    ]
    limit = TimeLimit.working_days(5)

    def add_all() -> None:
        add = cal.add_workdays
        for day, n in pairs:
            add(day, n)

    def check_all() -> None:
        is_workday = cal.is_workday
        for day in every_day:
            is_workday(day)

    def due_all() -> None:
        for moment in moments:
            limit.due(from_=moment, calendar=cal)

    add_s = best_of(ROUNDS, add_all)
    check_s = best_of(ROUNDS, check_all)
    due_s = best_of(3, due_all)
    build_s = best_of(3, lambda: WorkCalendar(name="china", schedules=cal.schedules))
    return [
        ("add_workdays, 1,000,000 pairs", add_s, "s"),
        ("add_workdays, per pair", add_s * 1e6 / len(pairs), "µs"),
        ("is_workday, every day 2004–2026 (8,401 days)", check_s * 1e3, "ms"),
        ("TimeLimit.due, 100,000 moments", due_s, "s"),
        ("TimeLimit.due, per moment", due_s * 1e6 / len(moments), "µs"),
        ("building the 2004–2026 calendar index", build_s * 1e3, "ms"),
    ]
