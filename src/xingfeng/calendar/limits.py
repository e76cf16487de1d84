"""Time limits (5个工作日, 15日, 24小时, 当日) and the deadlines they give.

Counting follows Chinese law (《民法典》第二百零一条、第二百零三条): the start day is not
counted; a period in calendar days whose last day is a rest day ends on the next working day;
the last day ends at midnight; a period in hours runs from the moment it starts.  A deadline
counted through a year whose schedule is unknown is provisional (:class:`Deadline`).
"""

from __future__ import annotations

import calendar as calendar_module
from datetime import date, datetime, timedelta

import attrs
import pendulum

from xingfeng._checks import (
    LabelledEnum,
    as_moment,
    require_date,
    require_int,
    timezone,
)
from xingfeng.calendar.workdays import WorkCalendar
from xingfeng.exceptions import (
    InvalidArgument,
)

__all__ = ["Deadline", "LimitUnit", "TimeLimit", "add_months", "chinese_date", "mark_provisional"]

# --------------------------------------------------------------------------- time limits


class LimitUnit(LabelledEnum):
    """What a :class:`TimeLimit` counts."""

    WORKING_DAYS = "working_days", "个工作日"
    CALENDAR_DAYS = "calendar_days", "日"
    HOURS = "hours", "小时"
    SAME_DAY = "same_day", "当日"
    MONTHS = "months", "个月"


@attrs.frozen(kw_only=True)
class TimeLimit:
    """A limit such as 5个工作日, 15日, 24小时 or 当日办结, and the deadline it gives.

    >>> import pendulum
    >>> cal = WorkCalendar.china()
    >>> received = pendulum.datetime(2026, 9, 30, 16, tz="Asia/Shanghai")
    >>> TimeLimit.working_days(5).due(from_=received, calendar=cal).to_date_string()
    '2026-10-13'
    """

    unit: LimitUnit
    amount: int = 0

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.unit, LimitUnit):
            raise InvalidArgument("unit", self.unit, "LimitUnit（时限单位）", english="a LimitUnit")
        require_int("amount", self.amount)
        if self.unit is LimitUnit.SAME_DAY and self.amount != 0:
            raise InvalidArgument(
                "amount",
                self.amount,
                "0（当日办结的时限不计数量）",
                english="0 for a same-day limit",
            )
        if self.unit is not LimitUnit.SAME_DAY and self.amount < 1:
            raise InvalidArgument(
                "amount",
                self.amount,
                f"至少 1（{self.unit.label}）",
                english=f"at least 1 {self.unit.value}",
            )

    @classmethod
    def working_days(cls, n: int) -> TimeLimit:
        """``n`` working days, the start day not counted."""
        return cls(unit=LimitUnit.WORKING_DAYS, amount=n)

    @classmethod
    def calendar_days(cls, n: int) -> TimeLimit:
        """``n`` calendar days; a last day on a rest day moves to the next working day."""
        return cls(unit=LimitUnit.CALENDAR_DAYS, amount=n)

    @classmethod
    def hours(cls, n: int) -> TimeLimit:
        """``n`` hours from the moment the period starts."""
        return cls(unit=LimitUnit.HOURS, amount=n)

    @classmethod
    def months(cls, n: int) -> TimeLimit:
        """``n`` months: the last day is the day of the same number ``n`` months on, or that
        month's last day if it has no such day (《民法典》第二百零二条); a last day on a rest
        day moves to the next working day (第二百零三条).  From 31 January, one month ends
        on 28 or 29 February; from 15 March, three months end on 15 June.
        """
        return cls(unit=LimitUnit.MONTHS, amount=n)

    @classmethod
    def same_day(cls) -> TimeLimit:
        """By the end of the day the period starts (当日办结)."""
        return cls(unit=LimitUnit.SAME_DAY)

    @property
    def label(self) -> str:
        """How the limit is written in Chinese: ``"5个工作日"``, ``"24小时"``, ``"当日"``."""
        if self.unit is LimitUnit.SAME_DAY:
            return "当日"
        return f"{self.amount}{self.unit.label}"

    def last_day(self, *, from_: datetime, calendar: WorkCalendar) -> date:
        """The day on which the limit runs out, in the calendar's zone.

        Raises :class:`CalendarCoverageError` when counting needs a year the calendar does
        not know; :meth:`deadline` counts provisionally instead.
        """
        due = self.due(from_=from_, calendar=calendar)
        return date(due.year, due.month, due.day)

    def deadline(self, *, from_: datetime, calendar: WorkCalendar) -> Deadline:
        """The last day of the limit, provisional if counting needs an unknown year.

        Where ``calendar`` has no schedule for a year the count passes through, the day is
        counted with :meth:`WorkCalendar.stand_in` (Monday to Friday work) and marked
        provisional; it becomes definitive when the year's schedule is known.

        >>> import pendulum
        >>> received = pendulum.datetime(2026, 12, 11, 10, tz="Asia/Shanghai")
        >>> TimeLimit.working_days(15).deadline(from_=received, calendar=WorkCalendar.china())
        Deadline(day=datetime.date(2027, 1, 1), provisional=True)
        """
        if not isinstance(calendar, WorkCalendar):
            raise InvalidArgument(
                "calendar", calendar, "WorkCalendar（工作日历）", english="a WorkCalendar"
            )
        start = as_moment(from_, zone=calendar.zone, name="from_")
        # The stand-in agrees with the calendar on every day it knows, so counting with it
        # gives the definitive day whenever there is one; the count is provisional exactly
        # when it starts or ends outside the known years (they are contiguous).
        try:
            if self.unit is LimitUnit.HOURS:
                due = start.add(hours=self.amount)
                return Deadline(day=date(due.year, due.month, due.day))
            last = self._last_day(date(start.year, start.month, start.day), calendar.stand_in())
        except (OverflowError, ValueError):  # beyond what datetime can represent
            raise InvalidArgument(
                "amount",
                self.amount,
                "期限在 9999 年以前的时限",
                english="a limit whose deadline falls before the year 9999",
            ) from None
        if self.unit is LimitUnit.SAME_DAY or not calendar.schedules:
            return Deadline(day=last)
        known = calendar.years
        return Deadline(day=last, provisional=start.year not in known or last.year not in known)

    def due(self, *, from_: datetime, calendar: WorkCalendar) -> pendulum.DateTime:
        """The last moment that still meets the limit, in the calendar's zone.

        Day-based limits end at the end of their last day (23:59:59.999999); an hour limit
        ends exactly ``amount`` hours after ``from_``.  Naive datetimes are refused.
        """
        if not isinstance(calendar, WorkCalendar):
            raise InvalidArgument(
                "calendar", calendar, "WorkCalendar（工作日历）", english="a WorkCalendar"
            )
        start = as_moment(from_, zone=calendar.zone, name="from_")
        try:
            return self._due(start, calendar)
        except (OverflowError, ValueError):  # beyond what datetime can represent
            raise InvalidArgument(
                "amount",
                self.amount,
                "期限在 9999 年以前的时限",
                english="a limit whose deadline falls before the year 9999",
            ) from None

    def _last_day(self, day: date, calendar: WorkCalendar) -> date:
        # A day-based limit's last day, counted from the day it starts.
        if self.unit is LimitUnit.WORKING_DAYS:
            return calendar.add_workdays(day, self.amount)
        if self.unit is LimitUnit.MONTHS:
            return calendar.workday_on_or_after(add_months(day, self.amount))
        if self.unit is LimitUnit.CALENDAR_DAYS:
            return calendar.workday_on_or_after(day + timedelta(days=self.amount))
        return day

    def _due(self, start: pendulum.DateTime, calendar: WorkCalendar) -> pendulum.DateTime:
        if self.unit is LimitUnit.HOURS:
            return start.add(hours=self.amount)
        last = self._last_day(date(start.year, start.month, start.day), calendar)
        # fold=1: where a clock goes back at midnight, the day ends at the later 23:59:59.
        return pendulum.DateTime(
            last.year,
            last.month,
            last.day,
            23,
            59,
            59,
            999_999,
            tzinfo=timezone(calendar.zone),
            fold=1,
        )


@attrs.frozen(kw_only=True, order=True)
class Deadline:
    """The last day to do something on, and whether it is provisional (暂定).

    A provisional deadline was counted through a year whose holiday schedule is not yet
    known, with Monday to Friday standing in for that year's working days; it is replaced
    when the schedule is adopted.  ``str()`` gives ``"2027-01-01（暂定）"``.
    """

    day: date = attrs.field(validator=lambda _i, _a, v: require_date("day", v))
    provisional: bool = attrs.field(default=False)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.provisional, bool):
            raise InvalidArgument(
                "provisional", self.provisional, "True 或 False", english="True or False"
            )

    @property
    def label(self) -> str:
        """The day as the ledger and reports print it: ``"2027-01-01（暂定）"`` if provisional."""
        return mark_provisional(self.day, self.provisional)

    def __str__(self) -> str:
        return self.label


def chinese_date(day: date, *, year: bool = True) -> str:
    """``day`` as Chinese documents write it: ``"2026年12月4日"``, or ``"12月4日"`` without
    the year.

    >>> chinese_date(date(2027, 1, 4)), chinese_date(date(2027, 1, 4), year=False)
    ('2027年1月4日', '1月4日')
    """
    require_date("day", day)
    if not isinstance(year, bool):
        raise InvalidArgument("year", year, "True 或 False", english="True or False")
    short = f"{day.month}月{day.day}日"
    return f"{day.year}年{short}" if year else short


def add_months(day: date, n: int) -> date:
    """The day of the same number ``n`` months after ``day``, or the last day of that month
    when it is shorter (《民法典》第二百零二条: 没有对应日的，月末日为期间的最后一日).

    >>> add_months(date(2026, 1, 31), 1), add_months(date(2026, 3, 15), 3)
    (datetime.date(2026, 2, 28), datetime.date(2026, 6, 15))
    """
    require_date("day", day)
    months = day.year * 12 + day.month - 1 + require_int("n", n)
    year, month = divmod(months, 12)
    if not 1 <= year <= 9999:
        raise InvalidArgument(
            "n",
            n,
            "使结果仍在 1–9999 年之内的月数",
            english="a number of months that stays within years 1–9999",
        )
    last = calendar_module.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def mark_provisional(day: date, provisional: bool) -> str:
    """``day`` in ISO form, followed by ``（暂定）`` when it is provisional."""
    return f"{day.isoformat()}（暂定）" if provisional else day.isoformat()
