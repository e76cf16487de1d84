"""Cadences: the recurring rhythms of a campaign, dated on the calendar.

一月一查一通报一考核, 每季一督查, 每半年自查一次, 每周一次集中学习: a :class:`Cadence` gives
the day each occurrence falls on, anchored in its period (the first working day of each
month …) and kept inside it.
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs

from xingfeng._checks import (
    LabelledEnum,
    require_date,
    require_int,
)
from xingfeng.calendar.workdays import WorkCalendar
from xingfeng.exceptions import (
    InvalidArgument,
)

__all__ = ["Anchor", "Cadence", "Frequency", "Occurrence", "Roll"]

# --------------------------------------------------------------------------- cadences


class Frequency(LabelledEnum):
    """How often a :class:`Cadence` recurs; weeks run Monday to Sunday."""

    WEEKLY = "weekly", "每周"
    MONTHLY = "monthly", "每月"
    QUARTERLY = "quarterly", "每季"
    HALF_YEARLY = "half_yearly", "每半年"
    YEARLY = "yearly", "每年"

    def period_of(self, day: date) -> tuple[date, date]:
        """The first and last day of the period that contains ``day``."""
        if self is Frequency.WEEKLY:
            monday = day - timedelta(days=day.weekday())
            return monday, monday + timedelta(days=6)
        months = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}[self.value]
        first_month = (day.month - 1) // months * months + 1
        first = date(day.year, first_month, 1)
        end_month = first_month + months
        end = date(day.year + 1, 1, 1) if end_month > 12 else date(day.year, end_month, 1)
        return first, end - timedelta(days=1)


class Roll(LabelledEnum):
    """Where a fixed day that is not a working day moves to; it never leaves its period."""

    NONE = "none", "不调整"
    """Keep the day even if it is a rest day."""
    FOLLOWING = "following", "顺延至下一工作日"
    """The next working day; the one before if the period has none after."""
    PRECEDING = "preceding", "提前至上一工作日"
    """The working day before; the one after if the period has none before."""


@attrs.frozen(kw_only=True)
class Anchor:
    """Which day of each period an occurrence falls on.

    ``workday=n``: the n-th working day of the period (``-1`` the last).
    ``day=n``: the n-th calendar day (``-1`` the last; in a week, 1 is Monday), moved by
    ``roll`` when it is not a working day.  Give exactly one of the two.
    """

    workday: int | None = None
    day: int | None = None
    roll: Roll = Roll.FOLLOWING

    def __attrs_post_init__(self) -> None:
        if (self.workday is None) == (self.day is None):
            raise InvalidArgument(
                "anchor",
                (self.workday, self.day),
                "workday=n 与 day=n 二者给出其一",
                english="exactly one of workday=n or day=n",
            )
        n = self.workday if self.workday is not None else self.day
        if require_int("workday" if self.day is None else "day", n) == 0:
            raise InvalidArgument(
                "n",
                n,
                "非零的位置（1 为第一个，-1 为最后一个）",
                english="a non-zero position (1 is the first, -1 the last)",
            )
        if not isinstance(self.roll, Roll):
            raise InvalidArgument("roll", self.roll, "Roll（顺延办法）", english="a Roll")

    @classmethod
    def first_workday(cls) -> Anchor:
        """The period's first working day (e.g. 每月第一个工作日)."""
        return cls(workday=1)

    @classmethod
    def last_workday(cls) -> Anchor:
        """The period's last working day."""
        return cls(workday=-1)

    def day_in(self, first: date, last: date, calendar: WorkCalendar) -> date | None:
        """The anchored day of the period ``first … last``, or ``None`` if it has none.

        Days are looked at one by one from the anchored end, and only as far as needed: the
        first working day of a week reaching into an unknown year is still known.
        """
        if self.workday is not None:
            forward = self.workday > 0
            return _nth_workday(calendar, first, last, abs(self.workday), forward=forward)
        assert self.day is not None
        if abs(self.day) > (last - first).days + 1:
            return None
        day = (
            first + timedelta(days=self.day - 1) if self.day > 0 else last + timedelta(self.day + 1)
        )
        if self.roll is Roll.NONE or calendar.is_workday(day):
            return day
        forward = self.roll is Roll.FOLLOWING
        near = _nth_workday(
            calendar, *((day, last) if forward else (first, day)), 1, forward=forward
        )
        if near is not None:
            return near
        return _nth_workday(
            calendar, *((first, day) if forward else (day, last)), 1, forward=not forward
        )


def _nth_workday(
    calendar: WorkCalendar, first: date, last: date, n: int, *, forward: bool
) -> date | None:
    """The ``n``-th working day of ``first … last`` counted from one end, or ``None``."""
    step = timedelta(days=1 if forward else -1)
    day, stop = (first, last) if forward else (last, first)
    while True:
        if calendar.is_workday(day):
            n -= 1
            if n == 0:
                return day
        if day == stop:
            return None
        day += step


@attrs.frozen(kw_only=True)
class Occurrence:
    """One dated occurrence of a :class:`Cadence`, with the period it belongs to."""

    name: str
    on: date
    period_first: date
    period_last: date


@attrs.frozen(kw_only=True)
class Cadence:
    """A recurring rhythm, e.g. 一月一查 on the first working day of each month.

    >>> from datetime import date
    >>> check = Cadence(name="月度检查", every=Frequency.MONTHLY)
    >>> [o.on.isoformat() for o in check.occurrences(date(2026, 1, 1), date(2026, 3, 31),
    ...                                              WorkCalendar.china())]
    ['2026-01-04', '2026-02-02', '2026-03-02']
    """

    name: str
    every: Frequency
    anchor: Anchor = attrs.field(factory=Anchor.first_workday)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise InvalidArgument("name", self.name, "非空文字", english="a non-empty string")
        if not isinstance(self.every, Frequency):
            raise InvalidArgument("every", self.every, "Frequency（频次）", english="a Frequency")
        if not isinstance(self.anchor, Anchor):
            raise InvalidArgument(
                "anchor", self.anchor, "Anchor（周期中的日子）", english="an Anchor"
            )

    def occurrences(
        self, first: date, last: date, calendar: WorkCalendar
    ) -> tuple[Occurrence, ...]:
        """Every occurrence dated within ``first … last`` (both included).

        A period with no day matching the anchor (a week that is all holiday, such as the
        Spring Festival week of 2019) has no occurrence.
        """
        require_date("first", first)
        require_date("last", last)
        if last < first:
            raise InvalidArgument(
                "last",
                last,
                f"不早于 first={first} 的日期",
                english=f"a date on or after first={first}",
            )
        if not isinstance(calendar, WorkCalendar):
            raise InvalidArgument(
                "calendar", calendar, "WorkCalendar（工作日历）", english="a WorkCalendar"
            )
        if last.year >= date.max.year:
            raise InvalidArgument(
                "last", last, "9999 年以前的日期", english="a date before the year 9999"
            )
        found: list[Occurrence] = []
        period_first, period_last = self.every.period_of(first)
        while period_first <= last:
            on = self.anchor.day_in(period_first, period_last, calendar)
            if on is not None and first <= on <= last:
                found.append(
                    Occurrence(
                        name=self.name, on=on, period_first=period_first, period_last=period_last
                    )
                )
            period_first, period_last = self.every.period_of(period_last + timedelta(days=1))
        return tuple(found)
