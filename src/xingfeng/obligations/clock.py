"""Obligations as clocks (时限): a time limit that starts, pauses, restarts, extends and ends.

Every obligation the systems around this library track is a clock with rules: a 12345 work
order answered within 5 working days, a 政府信息公开 application within 20 working days
(time spent consulting third parties not counted, 第三十三条; a corrected application counted
from its receipt, 第三十条; extended by at most 20 working days with approval), a 信访 matter
within 60 days (extended by at most 30), a 人大代表建议 within three months of 交办.  A
:class:`Clock` is one such obligation's time: a value, changed only by making a new one.

The rules (each a property in the tests):

- **start** — the limit runs from ``started``, the start day not counted (the calendar's
  rules: working days, calendar days with the holiday end rule, months with the month-end
  and holiday rules, hours, the same day, or a fixed last day);
- **pause / resume** — the time between a pause and its resume is not counted: ``k`` paused
  working days move a working-day deadline by exactly ``k`` working days (calendar days for
  day, month and fixed limits; the exact time for hour limits);
- **restart** (补正) — the limit runs again from the restart, as if received then; earlier
  pauses and extensions no longer count;
- **extend** — the deadline moves on by the extension, in the extension's own unit, counted
  from the deadline it extends;
- **complete** — lateness is measured in the limit's own unit (working days for a
  working-day limit — a rest day counting as the working day after it —, calendar days for
  day, month and fixed limits, started hours for hour limits), and is 0 exactly when the
  obligation was completed by its deadline.

A deadline that needs a year whose holiday schedule the calendar does not know is counted
with the weekday stand-in and marked provisional (:class:`~xingfeng.Deadline`).
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

import attrs

from xingfeng._checks import (
    as_moment,
    day_start,
    is_aware,
    local_date,
    require_date,
    require_int,
    text,
)
from xingfeng.calendar import Deadline, LimitUnit, TimeLimit, WorkCalendar, add_months
from xingfeng.exceptions import CommandRefused, InvalidArgument

__all__ = ["Clock", "ClockRule", "Extension", "Pause"]

_DAY_UNITS = (LimitUnit.WORKING_DAYS, LimitUnit.CALENDAR_DAYS, LimitUnit.MONTHS)


@attrs.frozen(kw_only=True)
class ClockRule:
    """What an obligation's deadline is: a time limit from its start, or a fixed last day.

    Give exactly one of ``limit`` and ``until``.

    >>> ClockRule(limit=TimeLimit.working_days(5)).label, ClockRule(until=date(2026, 12, 31)).label
    ('5个工作日', '2026年12月31日前')
    """

    limit: TimeLimit | None = None
    until: date | None = None

    def __attrs_post_init__(self) -> None:
        if (self.limit is None) == (self.until is None):
            raise InvalidArgument(
                "rule",
                (self.limit, self.until),
                "limit=TimeLimit 与 until=date 二者给出其一",
                english="exactly one of limit=TimeLimit or until=date",
            )
        if self.limit is not None and not isinstance(self.limit, TimeLimit):
            raise InvalidArgument(
                "limit",
                self.limit,
                "TimeLimit（时限），如 TimeLimit.months(3)",
                english="a TimeLimit, e.g. TimeLimit.months(3)",
            )
        if self.until is not None:
            require_date("until", self.until)

    @property
    def unit(self) -> LimitUnit:
        """The unit lateness is measured in: the limit's, or calendar days for a fixed day."""
        return self.limit.unit if self.limit is not None else LimitUnit.CALENDAR_DAYS

    @property
    def label(self) -> str:
        """``"15个工作日"``, ``"3个月"``, ``"当日"`` or ``"2026年12月31日前"``."""
        if self.limit is not None:
            return self.limit.label
        assert self.until is not None
        return f"{self.until.year}年{self.until.month}月{self.until.day}日前"


@attrs.frozen(kw_only=True)
class Pause:
    """A stretch of time not counted (中止/不计入期限), with why; ``end`` is ``None`` while
    the clock is still paused."""

    start: datetime
    reason: str = attrs.field(validator=text)
    end: datetime | None = None


@attrs.frozen(kw_only=True)
class Extension:
    """An approved extension (延期): how much, in which unit, who approved it, why, and
    whether the person concerned was told (告知申请人)."""

    amount: int
    unit: LimitUnit
    at: datetime
    by: str = attrs.field(validator=text)
    reason: str = attrs.field(validator=text)
    notified: bool

    def __attrs_post_init__(self) -> None:
        if require_int("amount", self.amount) < 1:
            raise InvalidArgument("amount", self.amount, "不小于 1 的数", english="at least 1")
        if self.unit not in _DAY_UNITS and self.unit is not LimitUnit.HOURS:
            raise InvalidArgument(
                "unit",
                self.unit,
                "工作日、自然日、月或小时",
                english="working days, calendar days, months or hours",
            )
        if not isinstance(self.notified, bool):
            raise InvalidArgument(
                "notified", self.notified, "True 或 False", english="True or False"
            )

    @property
    def label(self) -> str:
        """``"延期20个工作日"``."""
        return f"延期{self.amount}{self.unit.label}"


@attrs.frozen(kw_only=True)
class Clock:
    """One obligation's time: its rule, when it started, its pauses, extensions and end.

    Each change returns a new clock and refuses what the rules do not allow
    (:class:`~xingfeng.CommandRefused`, naming the command): a pause while paused or after
    completion, a resume while running, anything before the clock started or after it ended.

    >>> import pendulum
    >>> cal = WorkCalendar.china()
    >>> at = lambda d, h=9: pendulum.datetime(2026, 11, d, h, tz="Asia/Shanghai")
    >>> clock = Clock(rule=ClockRule(limit=TimeLimit.working_days(20)), started=at(2))
    >>> clock.deadline(cal).day
    datetime.date(2026, 11, 30)
    >>> clock = clock.pause(at(4), reason="征求第三方意见").resume(at(9))
    >>> clock.paused_units(cal), clock.deadline(cal).day  # 5, 6 and 9 November not counted
    (3, datetime.date(2026, 12, 3))
    >>> done = clock.complete(pendulum.datetime(2026, 12, 4, 10, tz="Asia/Shanghai"))
    >>> done.lateness(cal)  # completed 4 December: one working day late
    1
    """

    rule: ClockRule
    started: datetime
    pauses: tuple[Pause, ...] = ()
    extensions: tuple[Extension, ...] = ()
    restarts: int = 0
    done_at: datetime | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.rule, ClockRule):
            raise InvalidArgument("rule", self.rule, "ClockRule（时限规则）", english="a ClockRule")
        if not is_aware(self.started):
            raise InvalidArgument(
                "started",
                self.started,
                "带时区的 datetime",
                english="a timezone-aware datetime",
            )

    # ---- state

    @property
    def paused(self) -> bool:
        """Whether the clock is stopped now (a pause without its resume)."""
        return bool(self.pauses) and self.pauses[-1].end is None

    @property
    def done(self) -> bool:
        """Whether the obligation has been met (or ended)."""
        return self.done_at is not None

    def _last_moment(self) -> datetime:
        moments = [self.started]
        for pause in self.pauses:
            moments.append(pause.start)
            if pause.end is not None:
                moments.append(pause.end)
        moments.extend(e.at for e in self.extensions)
        return max(moments)

    def _require_running(self, command: str, at: object) -> datetime:
        if not is_aware(at):
            raise CommandRefused(
                command,
                f"at={at!r} 没有时区",
                at,
                expected="带时区的 datetime",
                code="command-refused.invalid",
                english=f"at={at!r} must be a timezone-aware datetime",
            )
        if self.done:
            raise CommandRefused(
                command,
                f"时限已于{self.done_at}结束，不能再变更",
                at,
                code="command-refused.concluded",
            )
        last = self._last_moment()
        if at < last:
            raise CommandRefused(
                command,
                f"at={at} 早于时限的上一次变更（{last}）",
                at,
                code="command-refused.time-order",
            )
        return at

    # ---- changes

    def pause(self, at: datetime, *, reason: str) -> Clock:
        """Stop counting from ``at`` (中止), for ``reason``."""
        self._require_running("pause", at)
        if self.paused:
            raise CommandRefused("pause", "时限已中止，须先恢复计算", at)
        if not isinstance(reason, str) or not reason.strip():
            raise CommandRefused(
                "pause",
                "须写明中止（不计入期限）的理由",
                reason,
                expected="中止的理由（非空文字）",
                code="command-refused.invalid",
            )
        return attrs.evolve(self, pauses=(*self.pauses, Pause(start=at, reason=reason)))

    def resume(self, at: datetime) -> Clock:
        """Count again from ``at``; the paused time is not counted."""
        self._require_running("resume", at)
        if not self.paused:
            raise CommandRefused("resume", "时限并未中止", at)
        last = attrs.evolve(self.pauses[-1], end=at)
        return attrs.evolve(self, pauses=(*self.pauses[:-1], last))

    def restart(self, at: datetime) -> Clock:
        """Count the limit afresh from ``at`` (补正: from receipt of the corrected
        application); earlier pauses and extensions no longer count."""
        self._require_running("restart", at)
        return attrs.evolve(self, started=at, pauses=(), extensions=(), restarts=self.restarts + 1)

    def extend(self, extension: Extension) -> Clock:
        """Move the deadline on by ``extension`` (the caps and approvers are the regime's)."""
        if not isinstance(extension, Extension):
            raise CommandRefused(
                "extend",
                "extension 的类型不对",
                extension,
                expected="Extension（延期）",
                code="command-refused.invalid",
                english="extension must be an Extension",
            )
        self._require_running("extend", extension.at)
        if self.rule.unit is LimitUnit.HOURS and extension.unit is not LimitUnit.HOURS:
            raise CommandRefused("extend", "按小时计算的时限只能按小时延长", extension.unit)
        if self.rule.unit is not LimitUnit.HOURS and extension.unit is LimitUnit.HOURS:
            raise CommandRefused("extend", "按日计算的时限不能按小时延长", extension.unit)
        return attrs.evolve(self, extensions=(*self.extensions, extension))

    def complete(self, at: datetime) -> Clock:
        """The obligation is met at ``at`` (办结); a paused clock cannot complete."""
        self._require_running("complete", at)
        if self.paused:
            raise CommandRefused("complete", "时限中止期间不能办结，须先恢复计算", at)
        # A direct call: attrs.evolve costs several times more, and this runs per item.
        return Clock(
            rule=self.rule,
            started=self.started,
            pauses=self.pauses,
            extensions=self.extensions,
            restarts=self.restarts,
            done_at=at,
        )

    # ---- reading

    def paused_units(self, calendar: WorkCalendar) -> int:
        """The time not counted, in the limit's unit (closed pauses only; whole hours for an
        hour limit)."""
        zone, unit = calendar.zone, self.rule.unit
        count = 0
        for pause in self.pauses:
            if pause.end is None:
                continue
            if unit is LimitUnit.HOURS:
                count += int((pause.end - pause.start).total_seconds() // 3600)
                continue
            first, last = local_date(pause.start, zone), local_date(pause.end, zone)
            if unit is LimitUnit.WORKING_DAYS:
                count += calendar.stand_in().workdays_between(first, last)
            else:
                count += (last - first).days
        return count

    def due_moment(self, calendar: WorkCalendar) -> datetime:
        """The last moment that meets the obligation: the end of the deadline's day, or the
        exact moment for an hour limit."""
        if self.rule.unit is LimitUnit.HOURS:
            assert self.rule.limit is not None
            paused = sum(((p.end - p.start) for p in self.pauses if p.end is not None), timedelta())
            extra = sum(e.amount for e in self.extensions)
            start = as_moment(self.started, zone=calendar.zone, name="started")
            return start + timedelta(hours=self.rule.limit.amount + extra) + paused
        return _end_of(self.deadline(calendar).day, calendar.zone)

    def deadline(self, calendar: WorkCalendar) -> Deadline:
        """The last day of the obligation, pauses and extensions included; provisional
        when counting needs a year ``calendar`` has no schedule for."""
        if not isinstance(calendar, WorkCalendar):
            raise InvalidArgument(
                "calendar", calendar, "WorkCalendar（工作日历）", english="a WorkCalendar"
            )
        counter = calendar.stand_in()
        start = local_date(self.started, calendar.zone)
        unit, limit = self.rule.unit, self.rule.limit
        paused = self.paused_units(calendar)
        try:
            if limit is None:  # a fixed last day, moved by paused calendar days
                assert self.rule.until is not None
                day = self.rule.until
                if paused:
                    day = counter.workday_on_or_after(day + timedelta(days=paused))
            elif unit is LimitUnit.HOURS:
                due = self.due_moment(calendar)
                day = local_date(due, calendar.zone)
            elif unit is LimitUnit.WORKING_DAYS:
                day = counter.add_workdays(start, limit.amount + paused)
            elif unit is LimitUnit.CALENDAR_DAYS:
                day = counter.workday_on_or_after(start + timedelta(days=limit.amount + paused))
            elif unit is LimitUnit.MONTHS:
                nominal = add_months(start, limit.amount) + timedelta(days=paused)
                day = counter.workday_on_or_after(nominal)
            else:  # the same day, moved by paused days
                day = start + timedelta(days=paused)
            if unit is not LimitUnit.HOURS:  # an hour limit's extensions are in its moment
                for extension in self.extensions:
                    day = _shift(day, extension, counter)
        except (OverflowError, ValueError):
            raise InvalidArgument(
                "rule",
                self.rule,
                "期限在 9999 年以前的时限",
                english="a limit whose deadline falls before the year 9999",
            ) from None
        if not calendar.schedules or (unit is LimitUnit.HOURS and limit is not None):
            return Deadline(day=day)
        known = calendar.years
        # Paused days in an unknown year were counted with the stand-in too.
        years = {start.year, day.year}
        for pause in self.pauses:
            years.add(local_date(pause.start, calendar.zone).year)
            if pause.end is not None:
                years.add(local_date(pause.end, calendar.zone).year)
        return Deadline(day=day, provisional=any(year not in known for year in years))

    def lateness(self, calendar: WorkCalendar, on: date | None = None) -> int:
        """How late the obligation was met, or is on ``on`` while still open, in the limit's
        own unit; 0 when it was met by its deadline (and for an open one not yet due)."""
        if self.done_at is not None:
            moment = self.done_at
        elif on is None:
            raise InvalidArgument(
                "on", on, "衡量未办结事项的日期", english="a day to measure an open obligation on"
            )
        else:
            require_date("on", on)
            moment = _end_of(on, calendar.zone)
        unit = self.rule.unit
        if unit is LimitUnit.HOURS:
            over = (moment - self.due_moment(calendar)).total_seconds()
            return max(0, math.ceil(over / 3600))
        deadline = self.deadline(calendar).day
        day = local_date(moment, calendar.zone)
        if day <= deadline:
            return 0
        if unit is LimitUnit.WORKING_DAYS:
            # Working days late, counting the day it was done as the working day it falls in
            # or before: done on the Saturday after a Friday deadline is one working day late.
            counter = calendar.stand_in()
            return counter.workdays_between(deadline, counter.workday_on_or_after(day))
        return (day - deadline).days


def _shift(day: date, extension: Extension, counter: WorkCalendar) -> date:
    if extension.unit is LimitUnit.WORKING_DAYS:
        return counter.add_workdays(day, extension.amount)
    if extension.unit is LimitUnit.MONTHS:
        return counter.workday_on_or_after(add_months(day, extension.amount))
    return counter.workday_on_or_after(day + timedelta(days=extension.amount))


def _end_of(day: date, zone: str) -> datetime:
    # The last moment of ``day`` (期间的最后一日的截止时间为二十四时).
    return day_start(day + timedelta(days=1), zone) - timedelta(microseconds=1)
