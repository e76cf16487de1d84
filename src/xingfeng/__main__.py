"""``python -m xingfeng demo``: a tour of what the library does today.

The only module here that writes to the terminal; the library itself does no I/O.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Sequence
from datetime import date

import pendulum

from xingfeng import Anchor, Cadence, Frequency, TimeLimit, WorkCalendar, __version__


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Chinese character takes two)."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - columns, 0)


def demo(year: int = 2026) -> str:
    """The demo's text: a year's holidays, deadlines of common limits, campaign rhythms."""
    cal = WorkCalendar.china()
    lines = [
        f"xingfeng {__version__} — 行风评议的领域核心 (domain core of conduct appraisal campaigns)",
        "",
        f"一、{year}年节假日安排 (State Council schedule; calendar covers "
        f"{cal.years.start}–{cal.years.stop - 1})",
    ]
    schedule = next(s for s in cal.schedules if s.year == year)
    for holiday in schedule.holidays:
        makeup = "、".join(f"{d:%m-%d}" for d in holiday.makeup) or "—"
        lines.append(
            f"  {_pad(holiday.name, 8)}{holiday.first} … {holiday.last}   调休上班 {makeup}"
        )

    received = pendulum.datetime(year, 9, 30, 16, 30, tz=cal.zone)
    lines += [
        "",
        f"二、限时办结: a complaint received {received:%Y-%m-%d %H:%M} ({cal.zone})",
    ]
    for limit in (
        TimeLimit.same_day(),
        TimeLimit.hours(24),
        TimeLimit.working_days(5),
        TimeLimit.calendar_days(7),
    ):
        due = limit.due(from_=received, calendar=cal)
        lines.append(f"  {_pad(limit.label, 11)}due {due:%Y-%m-%d %H:%M} ({due:%A})")
    lines.append(
        "  (the day of receipt is not counted; 国庆节 rest days are skipped; "
        "make-up Saturdays count)"
    )

    rhythms = [
        Cadence(name="一月一查", every=Frequency.MONTHLY),
        Cadence(name="一月一通报", every=Frequency.MONTHLY, anchor=Anchor(workday=-1)),
        Cadence(name="每季一督查", every=Frequency.QUARTERLY, anchor=Anchor(workday=-3)),
        Cadence(name="每半年自查", every=Frequency.HALF_YEARLY, anchor=Anchor(day=-10)),
    ]
    lines += ["", f"三、{year}年工作节奏 (recurring rhythms of a campaign)"]
    for cadence in rhythms:
        dates = cadence.occurrences(date(year, 1, 1), date(year, 12, 31), cal)
        shown = " ".join(f"{o.on:%m-%d}" for o in dates)
        lines.append(f"  {_pad(cadence.name, 12)}{shown}")
    lines += [
        "",
        "Campaigns, responsibility chains, problems, assessments and rules are on their way;",
        "see docs/ for what exists today.",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m xingfeng``."""
    parser = argparse.ArgumentParser(prog="python -m xingfeng", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("demo", help="print a tour of the library")
    run.add_argument("--year", type=int, default=2026, help="a year from 2004 to 2026")
    args = parser.parse_args(argv)
    if not 2004 <= args.year <= 2026:
        parser.error(f"--year {args.year}: the built-in calendar covers 2004–2026")
    print(demo(args.year))
    return 0


if __name__ == "__main__":
    sys.exit(main())
