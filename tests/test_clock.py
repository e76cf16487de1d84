"""Tests for xingfeng.obligations.clock: an obligation's time limit that starts, pauses,
restarts, extends and ends, stated as properties over the China calendar in Asia/Shanghai.

Moments lie in 2005–2026 and limits are short enough that every count stays inside the years
the China calendar knows, so the references below can count with ``CHINA`` itself; one
property runs into 2027 to check when a deadline is provisional.
"""

from __future__ import annotations

import calendar as calendar_module
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

import attrs
import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.strategies import CHINA
from xingfeng import CommandRefused, InvalidArgument, LimitUnit, TimeLimit, add_months
from xingfeng.obligations.clock import Clock, ClockRule, Extension

ZONE = "Asia/Shanghai"
TZ = ZoneInfo(ZONE)
ONE_HOUR = timedelta(hours=1)
ONE_MICROSECOND = timedelta(microseconds=1)
COMMANDS = ("pause", "resume", "restart", "extend", "complete")


def _at(day: date, seconds: int = 0) -> pendulum.DateTime:
    """The moment ``seconds`` into ``day`` in Asia/Shanghai."""
    return pendulum.datetime(day.year, day.month, day.day, tz=ZONE).add(seconds=seconds)


def _std(moment: datetime) -> datetime:
    """``moment`` as a plain stdlib datetime in Asia/Shanghai, for reference arithmetic that
    does not go through pendulum."""
    return datetime.fromisoformat(moment.isoformat()).astimezone(TZ)


def _day(moment: datetime) -> date:
    """The Asia/Shanghai calendar day of ``moment``."""
    return _std(moment).date()


def _extension(amount: int, unit: LimitUnit, at: datetime) -> Extension:
    return Extension(
        amount=amount, unit=unit, at=at, by="分管领导", reason="情况复杂", notified=True
    )


def _shift(day: date, extension: Extension) -> date:
    """Reference: the deadline ``day`` moved on by a day-based ``extension``."""
    if extension.unit is LimitUnit.WORKING_DAYS:
        return CHINA.add_workdays(day, extension.amount)
    if extension.unit is LimitUnit.MONTHS:
        return CHINA.workday_on_or_after(add_months(day, extension.amount))
    return CHINA.workday_on_or_after(day + timedelta(days=extension.amount))


def _command(clock: Clock, command: str, at: datetime) -> Clock:
    """Apply ``command`` to ``clock`` at ``at``, in the unit the clock's rule allows."""
    unit = LimitUnit.HOURS if clock.rule.unit is LimitUnit.HOURS else LimitUnit.WORKING_DAYS
    actions: dict[str, Callable[[], Clock]] = {
        "pause": lambda: clock.pause(at, reason="征求第三方意见"),
        "resume": lambda: clock.resume(at),
        "restart": lambda: clock.restart(at),
        "extend": lambda: clock.extend(_extension(1, unit, at)),
        "complete": lambda: clock.complete(at),
    }
    return actions[command]()


# --------------------------------------------------------------------------- strategies

seconds_of_day = st.integers(min_value=0, max_value=86_399)

#: Start moments in Asia/Shanghai, 2005 to March 2026: room for limits, pauses and extensions.
start_moments = st.builds(
    _at, st.dates(min_value=date(2005, 1, 1), max_value=date(2026, 3, 31)), seconds_of_day
)

working_limits = st.builds(TimeLimit.working_days, st.integers(min_value=1, max_value=30))
calendar_limits = st.builds(TimeLimit.calendar_days, st.integers(min_value=1, max_value=60))
month_limits = st.builds(TimeLimit.months, st.integers(min_value=1, max_value=3))
hour_limits = st.builds(TimeLimit.hours, st.integers(min_value=1, max_value=720))
day_limits = st.one_of(working_limits, calendar_limits, month_limits)
any_limits = st.one_of(day_limits, hour_limits, st.just(TimeLimit.same_day()))

day_extension_units = st.sampled_from(
    [LimitUnit.WORKING_DAYS, LimitUnit.CALENDAR_DAYS, LimitUnit.MONTHS]
)


class Case(NamedTuple):
    """A clock as first started, the same clock after its pauses (and extensions), the
    (pause day, resume day) of each pause, and the moment of its last change."""

    fresh: Clock
    clock: Clock
    spans: tuple[tuple[date, date], ...]
    last: datetime


def _later(draw: st.DrawFn, after: datetime, max_days: int) -> pendulum.DateTime:
    """A moment 0 to ``max_days`` days after ``after``, at any time of day, never before it."""
    day = _day(after) + timedelta(days=draw(st.integers(min_value=0, max_value=max_days)))
    return max(pendulum.instance(after).in_tz(ZONE), _at(day, draw(seconds_of_day)))


@st.composite
def cases(
    draw: st.DrawFn,
    limits: st.SearchStrategy[TimeLimit] = day_limits,
    starts: st.SearchStrategy[pendulum.DateTime] = start_moments,
    max_pauses: int = 3,
    max_extensions: int = 0,
) -> Case:
    """A clock with 0–``max_pauses`` closed pauses, each starting 0–20 days after the change
    before it and lasting 0–15 days (pause and resume days chosen freely, at any time of
    day), then 0–``max_extensions`` extensions (in hours for an hour limit)."""
    fresh = Clock(rule=ClockRule(limit=draw(limits)), started=draw(starts))
    clock, last, spans = fresh, fresh.started, []
    for _ in range(draw(st.integers(min_value=0, max_value=max_pauses))):
        paused_at = _later(draw, last, max_days=20)
        last = _later(draw, paused_at, max_days=15)
        clock = clock.pause(paused_at, reason="征求第三方意见").resume(last)
        spans.append((_day(paused_at), _day(last)))
    for _ in range(draw(st.integers(min_value=0, max_value=max_extensions))):
        last = _later(draw, last, max_days=10)
        hourly = fresh.rule.unit is LimitUnit.HOURS
        unit = LimitUnit.HOURS if hourly else draw(day_extension_units)
        amount = draw(st.integers(min_value=1, max_value=2 if unit is LimitUnit.MONTHS else 20))
        clock = clock.extend(_extension(amount, unit, last))
    return Case(fresh, clock, tuple(spans), last)


class HourCase(NamedTuple):
    """An hour-limit clock, the time it was paused in all, its extra hours and last change."""

    clock: Clock
    paused: timedelta
    extra_hours: int
    last: datetime


@st.composite
def hour_cases(draw: st.DrawFn) -> HourCase:
    """An hour-limit clock (started at a stdlib datetime) with 0–3 closed pauses of any length
    (to the microsecond), each 0–5 days after the change before it, and 0–2 extensions in
    hours."""
    clock = Clock(rule=ClockRule(limit=draw(hour_limits)), started=_std(draw(start_moments)))
    last: datetime = clock.started
    paused, extra = timedelta(), 0
    microseconds = st.integers(min_value=0, max_value=5 * 86_400 * 10**6)
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        paused_at = last + timedelta(microseconds=draw(microseconds))
        last = paused_at + timedelta(microseconds=draw(microseconds))
        clock = clock.pause(paused_at, reason="等待现场核实").resume(last)
        paused += last - paused_at
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        last += timedelta(microseconds=draw(microseconds))
        hours = draw(st.integers(min_value=1, max_value=72))
        clock = clock.extend(_extension(hours, LimitUnit.HOURS, last))
        extra += hours
    return HourCase(clock, paused, extra, last)


# --------------------------------------------------------------------------- pausing


@given(case=cases(limits=working_limits))
def test_pausing_k_working_days_moves_a_working_day_deadline_by_exactly_k_working_days(
    case: Case,
) -> None:
    """The working days after each pause's day up to its resume's day are the paused units,
    and the deadline lies exactly that many working days after the unpaused one."""
    k = sum(CHINA.workdays_between(paused, resumed) for paused, resumed in case.spans)
    limit = case.fresh.rule.limit
    assert limit is not None

    before, after = case.fresh.deadline(CHINA).day, case.clock.deadline(CHINA).day

    assert case.clock.paused_units(CHINA) == k
    assert CHINA.workdays_between(before, after) == k
    assert after == CHINA.add_workdays(_day(case.fresh.started), limit.amount + k)


@given(case=cases(limits=calendar_limits))
def test_pausing_k_days_moves_the_nominal_last_day_of_a_calendar_day_limit_by_k_days(
    case: Case,
) -> None:
    """For n calendar days, paused calendar days k are added to the nominal last day, and the
    holiday rule applies after: the deadline is workday_on_or_after(start + n + k)."""
    k = sum((resumed - paused).days for paused, resumed in case.spans)
    limit = case.fresh.rule.limit
    assert limit is not None

    nominal = _day(case.fresh.started) + timedelta(days=limit.amount + k)

    assert case.clock.paused_units(CHINA) == k
    assert case.clock.deadline(CHINA).day == CHINA.workday_on_or_after(nominal)


@given(case=cases(limits=month_limits))
def test_pausing_k_days_moves_the_nominal_last_day_of_a_month_limit_by_k_days(
    case: Case,
) -> None:
    """For n months, paused calendar days k move the nominal last day add_months(start, n) by
    k days, and the holiday rule applies after."""
    k = sum((resumed - paused).days for paused, resumed in case.spans)
    limit = case.fresh.rule.limit
    assert limit is not None

    nominal = add_months(_day(case.fresh.started), limit.amount) + timedelta(days=k)

    assert case.clock.paused_units(CHINA) == k
    assert case.clock.deadline(CHINA).day == CHINA.workday_on_or_after(nominal)


@given(case=cases(limits=day_limits), data=st.data())
def test_an_open_pause_is_not_counted_until_it_is_resumed(case: Case, data: st.DataObject) -> None:
    """While a clock is paused its deadline is the one it had before the pause; paused_units
    counts closed pauses only."""
    paused = case.clock.pause(_later(data.draw, case.last, max_days=30), reason="中止")

    assert paused.paused
    assert paused.paused_units(CHINA) == case.clock.paused_units(CHINA)
    assert paused.deadline(CHINA) == case.clock.deadline(CHINA)


# --------------------------------------------------------------------------- extending


@given(case=cases(limits=day_limits), n=st.integers(min_value=1, max_value=20), data=st.data())
def test_an_extension_of_n_working_days_moves_the_deadline_n_working_days_on(
    case: Case, n: int, data: st.DataObject
) -> None:
    """Extending by n working days gives add_workdays(deadline, n), whatever the limit's unit."""
    at = _later(data.draw, case.last, max_days=10)

    extended = case.clock.extend(_extension(n, LimitUnit.WORKING_DAYS, at))

    assert extended.deadline(CHINA).day == CHINA.add_workdays(case.clock.deadline(CHINA).day, n)


@given(case=cases(limits=day_limits, max_pauses=2, max_extensions=3))
def test_extensions_add_up_in_the_order_they_were_granted(case: Case) -> None:
    """The deadline after several extensions is the unextended deadline moved on by each in
    turn, each in its own unit (working days, calendar days with the holiday rule, months)."""
    unextended = attrs.evolve(case.clock, extensions=())
    expected = unextended.deadline(CHINA).day
    for extension in case.clock.extensions:
        expected = _shift(expected, extension)

    assert case.clock.deadline(CHINA).day == expected


# --------------------------------------------------------------------------- restarting


@given(
    case=cases(limits=any_limits, max_extensions=2),
    restarts=st.integers(min_value=1, max_value=3),
    still_paused=st.booleans(),
    data=st.data(),
)
def test_a_restart_counts_the_limit_afresh_and_forgets_pauses_and_extensions(
    case: Case, restarts: int, still_paused: bool, data: st.DataObject
) -> None:
    """After restart(at) the clock has the deadline (and due moment) of a fresh clock started
    at ``at``, no pauses or extensions, and ``restarts`` counts how often it restarted."""
    clock, at = case.clock, case.last
    if still_paused:
        at = _later(data.draw, at, max_days=5)
        clock = clock.pause(at, reason="补正")
    for _ in range(restarts):
        at = _later(data.draw, at, max_days=20)
        clock = clock.restart(at)
    fresh = Clock(rule=case.clock.rule, started=at)

    assert clock.deadline(CHINA) == fresh.deadline(CHINA)
    assert clock.due_moment(CHINA) == fresh.due_moment(CHINA)
    assert (clock.pauses, clock.extensions, clock.paused) == ((), (), False)
    assert clock.restarts == restarts


# --------------------------------------------------------------------------- lateness


@given(
    case=cases(limits=day_limits, max_extensions=2),
    offset=st.integers(min_value=-10, max_value=10),
    seconds=seconds_of_day,
)
# Due Friday 13 March 2026 (5 working days from Friday 6 March), done Saturday 14 March.
@example(
    case=Case(
        Clock(rule=ClockRule(limit=TimeLimit.working_days(5)), started=_at(date(2026, 3, 6))),
        Clock(rule=ClockRule(limit=TimeLimit.working_days(5)), started=_at(date(2026, 3, 6))),
        (),
        _at(date(2026, 3, 6)),
    ),
    offset=1,
    seconds=36_000,
)
def test_lateness_is_zero_exactly_when_completed_by_the_deadline_day(
    case: Case, offset: int, seconds: int
) -> None:
    """For working-day, calendar-day and month limits, a clock completed on or before its
    deadline's day is 0 late, and one completed on any later day is late (lateness >= 1);
    an open clock measured on that day is exactly as late."""
    deadline = case.clock.deadline(CHINA).day
    done_at = max(pendulum.instance(case.last), _at(deadline + timedelta(days=offset), seconds))

    lateness = case.clock.complete(done_at).lateness(CHINA)

    assert (lateness == 0) == (_day(done_at) <= deadline)
    assert case.clock.lateness(CHINA, on=_day(done_at)) == lateness


@given(
    case=cases(limits=day_limits, max_extensions=2),
    offset=st.integers(min_value=1, max_value=40),
    seconds=seconds_of_day,
)
def test_lateness_is_counted_in_the_limits_own_unit(case: Case, offset: int, seconds: int) -> None:
    """Completed after the deadline, a working-day clock is late by the working days after the
    deadline up to the working day the done day is or precedes (a Saturday counts as the
    Monday after it); a calendar-day or month clock by the calendar days between them."""
    deadline = case.clock.deadline(CHINA).day
    done_at = max(pendulum.instance(case.last), _at(deadline + timedelta(days=offset), seconds))
    done_day = _day(done_at)

    lateness = case.clock.complete(done_at).lateness(CHINA)

    if case.clock.rule.unit is LimitUnit.WORKING_DAYS:
        assert lateness == CHINA.workdays_between(deadline, CHINA.workday_on_or_after(done_day))
    else:
        assert lateness == (done_day - deadline).days


# --------------------------------------------------------------------------- hour limits


@given(case=hour_cases())
@example(  # 1 hour from 2005-01-01 00:00, extended by 1 hour: due 02:00 that day
    case=HourCase(
        Clock(rule=ClockRule(limit=TimeLimit.hours(1)), started=_std(_at(date(2005, 1, 1)))).extend(
            _extension(1, LimitUnit.HOURS, _std(_at(date(2005, 1, 1))))
        ),
        timedelta(),
        1,
        _std(_at(date(2005, 1, 1))),
    )
)
def test_an_hour_limit_is_due_its_hours_plus_extensions_plus_all_paused_time_after_start(
    case: HourCase,
) -> None:
    """due_moment = started + (amount + extension hours) hours + the exact time paused, and
    the deadline's day is the due moment's day in the calendar's zone."""
    limit = case.clock.rule.limit
    assert limit is not None
    started = _std(case.clock.started)

    expected = started + timedelta(hours=limit.amount + case.extra_hours) + case.paused

    assert _std(case.clock.due_moment(CHINA)) == expected
    assert case.clock.deadline(CHINA).day == expected.date()


@given(
    case=hour_cases(),
    after_due=st.one_of(
        st.integers(min_value=-72, max_value=72).map(lambda h: h * ONE_HOUR),
        st.integers(min_value=-3 * 86_400 * 10**6, max_value=3 * 86_400 * 10**6).map(
            lambda us: us * ONE_MICROSECOND
        ),
    ),
)
def test_an_hour_limit_is_late_by_the_hours_started_after_it_was_due(
    case: HourCase, after_due: timedelta
) -> None:
    """Completed d after the due moment, an hour-limit clock is ceil(d / 1 hour) late: one
    microsecond late is one hour late, exactly on the hour is that many hours; 0 when d <= 0."""
    due = _std(case.clock.due_moment(CHINA))
    done_at = max(_std(case.last), due + after_due)
    over = done_at - due
    started_hours = -(-over // ONE_MICROSECOND // (ONE_HOUR // ONE_MICROSECOND))

    assert case.clock.complete(done_at).lateness(CHINA) == max(0, started_hours)


# --------------------------------------------------------------------------- month limits


@given(started=start_moments, limit=month_limits)
def test_a_month_limit_ends_on_the_first_workday_on_or_after_the_same_day_n_months_on(
    started: pendulum.DateTime, limit: TimeLimit
) -> None:
    """An n-month clock's deadline is workday_on_or_after(add_months(start day, n))."""
    clock = Clock(rule=ClockRule(limit=limit), started=started)

    expected = CHINA.workday_on_or_after(add_months(_day(started), limit.amount))

    assert clock.deadline(CHINA).day == expected


@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    n=st.integers(min_value=-1200, max_value=1200),
)
def test_add_months_keeps_the_day_number_or_gives_the_last_day_of_the_target_month(
    day: date, n: int
) -> None:
    """add_months(d, n) lies in the month n months from d's, on d's day number if that month
    has it and on its last day otherwise (calendar.monthrange); it never leaves that month."""
    year, month = divmod(day.year * 12 + day.month - 1 + n, 12)
    month += 1
    days_in_month = calendar_module.monthrange(year, month)[1]

    result = add_months(day, n)

    assert (result.year, result.month) == (year, month)
    assert result.day == min(day.day, days_in_month)


@pytest.mark.parametrize(
    ("day", "n"), [(date(9999, 12, 1), 1), (date(1, 1, 31), -1), (date(2026, 1, 1), 10**6)]
)
def test_add_months_refuses_a_count_that_leaves_years_1_to_9999(day: date, n: int) -> None:
    """add_months raises InvalidArgument, not ValueError from date, beyond years 1–9999."""
    with pytest.raises(InvalidArgument) as caught:
        add_months(day, n)

    assert caught.value.name == "n"


# --------------------------------------------------------------------------- provisional days


@given(
    case=cases(
        limits=st.one_of(
            st.builds(TimeLimit.working_days, st.integers(min_value=1, max_value=60)),
            st.builds(TimeLimit.calendar_days, st.integers(min_value=1, max_value=90)),
            st.builds(TimeLimit.months, st.integers(min_value=1, max_value=6)),
        ),
        starts=st.builds(
            _at, st.dates(min_value=date(2026, 6, 1), max_value=date(2026, 12, 31)), seconds_of_day
        ),
    )
)
def test_a_deadline_is_provisional_exactly_when_its_count_touches_an_unknown_year(
    case: Case,
) -> None:
    """Counting from 2026 into 2027 (a year the China calendar does not know), a day-based
    clock's deadline is provisional exactly when its day, or a day a pause began or ended on,
    is in a year not in calendar.years: those days were counted with the weekday stand-in."""
    deadline = case.clock.deadline(CHINA)
    touched = {deadline.day.year, *(day.year for span in case.spans for day in span)}

    assert deadline.provisional == any(year not in CHINA.years for year in touched)


@given(
    started=st.builds(
        _at, st.dates(min_value=date(2005, 1, 1), max_value=date(2026, 12, 31)), seconds_of_day
    ),
    limit=st.one_of(
        st.builds(TimeLimit.working_days, st.integers(min_value=1, max_value=60)),
        st.builds(TimeLimit.calendar_days, st.integers(min_value=1, max_value=90)),
        st.builds(TimeLimit.months, st.integers(min_value=1, max_value=6)),
        hour_limits,
    ),
)
def test_an_untouched_clock_has_the_deadline_of_its_time_limit(
    started: pendulum.DateTime, limit: TimeLimit
) -> None:
    """Without pauses or extensions a clock's deadline, provisional or not, is the one
    TimeLimit.deadline gives from the same start."""
    clock = Clock(rule=ClockRule(limit=limit), started=started)

    assert clock.deadline(CHINA) == limit.deadline(from_=started, calendar=CHINA)


# --------------------------------------------------------------------------- refusals


def _refused(clock: Clock, command: str, at: datetime) -> CommandRefused:
    """Run ``command`` expecting a refusal; check it names the command and changed nothing."""
    snapshot = attrs.evolve(clock)
    with pytest.raises(CommandRefused) as caught:
        _command(clock, command, at)
    assert caught.value.command == command
    assert clock == snapshot
    return caught.value


@given(case=cases(limits=any_limits, max_extensions=1), data=st.data())
def test_a_paused_clock_refuses_another_pause_and_completion(
    case: Case, data: st.DataObject
) -> None:
    """While paused, pause and complete are refused at any later moment, changing nothing."""
    paused_at = _later(data.draw, case.last, max_days=10)
    clock = case.clock.pause(paused_at, reason="征求第三方意见")
    at = _later(data.draw, paused_at, max_days=10)

    _refused(clock, "pause", at)
    _refused(clock, "complete", at)


@given(case=cases(limits=any_limits, max_extensions=1), data=st.data())
def test_a_running_clock_refuses_to_resume(case: Case, data: st.DataObject) -> None:
    """resume is refused on a clock that is not paused, at any moment after its last change."""
    _refused(case.clock, "resume", _later(data.draw, case.last, max_days=10))


@given(
    case=cases(limits=any_limits, max_extensions=1),
    command=st.sampled_from(COMMANDS),
    data=st.data(),
)
def test_a_completed_clock_refuses_every_change(
    case: Case, command: str, data: st.DataObject
) -> None:
    """After complete, pause, resume, restart, extend and complete again are all refused."""
    done_at = _later(data.draw, case.last, max_days=30)
    done = case.clock.complete(done_at)

    refusal = _refused(done, command, _later(data.draw, done_at, max_days=30))

    assert "结束" in refusal.reason


@given(
    case=cases(limits=any_limits, max_extensions=2),
    command=st.sampled_from(COMMANDS),
    before=st.integers(min_value=1, max_value=30 * 86_400 * 10**6).map(
        lambda us: us * ONE_MICROSECOND
    ),
)
def test_a_change_earlier_than_the_last_one_is_refused(
    case: Case, command: str, before: timedelta
) -> None:
    """Any command dated even a microsecond before the clock's last change is refused."""
    refusal = _refused(case.clock, command, case.last - before)

    assert "早于" in refusal.reason


@given(case=cases(limits=any_limits.filter(lambda limit: limit.unit is not LimitUnit.HOURS)))
def test_a_day_limit_refuses_an_extension_in_hours(case: Case) -> None:
    """A clock counted in days (or the same day) cannot be extended by hours."""
    snapshot = attrs.evolve(case.clock)

    with pytest.raises(CommandRefused) as caught:
        case.clock.extend(_extension(24, LimitUnit.HOURS, case.last))

    assert caught.value.command == "extend"
    assert case.clock == snapshot


@given(case=hour_cases(), unit=day_extension_units)
def test_an_hour_limit_refuses_an_extension_in_days(case: HourCase, unit: LimitUnit) -> None:
    """A clock counted in hours can only be extended by hours."""
    snapshot = attrs.evolve(case.clock)

    with pytest.raises(CommandRefused) as caught:
        case.clock.extend(_extension(1, unit, case.last))

    assert caught.value.command == "extend"
    assert case.clock == snapshot


def test_a_clock_cannot_be_changed_in_place() -> None:
    """Clock is immutable: assigning a field raises, so only the commands make new clocks."""
    clock = Clock(rule=ClockRule(limit=TimeLimit.working_days(5)), started=_at(date(2026, 3, 2)))

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        clock.restarts = 3  # type: ignore[misc]


START = _at(date(2026, 3, 2), 9 * 3600)
RUNNING = Clock(rule=ClockRule(limit=TimeLimit.working_days(5)), started=START)


@pytest.mark.parametrize(
    ("command", "call"),
    [
        ("pause", lambda: RUNNING.pause(START.add(hours=1), reason="  ")),
        ("pause", lambda: RUNNING.pause(datetime(2026, 3, 3, 9), reason="中止")),  # naive
        ("complete", lambda: RUNNING.complete(datetime(2026, 3, 3, 9))),  # naive
        ("extend", lambda: RUNNING.extend("20个工作日")),  # type: ignore[arg-type]
    ],
)
def test_commands_refuse_a_blank_reason_a_naive_moment_and_a_non_extension(
    command: str, call: Callable[[], Clock]
) -> None:
    """A pause without a reason, a moment without a zone and an extension that is not an
    Extension are refused by name, with CommandRefused."""
    with pytest.raises(CommandRefused) as caught:
        call()

    assert caught.value.command == command


@pytest.mark.parametrize(
    "call",
    [
        lambda: Clock(rule=ClockRule(limit=TimeLimit.hours(24)), started=datetime(2026, 3, 2)),
        lambda: ClockRule(),
        lambda: ClockRule(limit=TimeLimit.hours(24), until=date(2026, 12, 31)),
        lambda: ClockRule(limit="5个工作日"),  # type: ignore[arg-type]
        lambda: _extension(0, LimitUnit.WORKING_DAYS, START),
        lambda: _extension(1, LimitUnit.SAME_DAY, START),
        lambda: Extension(
            amount=1, unit=LimitUnit.MONTHS, at=START, by="王", reason="复杂", notified="yes"
        ),
        lambda: RUNNING.lateness(CHINA),  # an open clock needs a day to measure on
        lambda: RUNNING.deadline("china"),  # type: ignore[arg-type]
    ],
)
def test_bad_values_are_refused_with_invalid_argument(call: Callable[[], object]) -> None:
    """A naive start, a rule with both or neither of limit and until, an extension of less
    than 1 or in 当日, a non-bool ``notified``, an open clock's lateness without a day and a
    deadline without a WorkCalendar are refused with InvalidArgument."""
    with pytest.raises(InvalidArgument):
        call()


def test_a_refusal_of_a_late_command_tells_the_last_change() -> None:
    """A command dated before the last change names that change's moment in its reason."""
    clock = RUNNING.pause(START.add(days=1), reason="征求第三方意见")

    with pytest.raises(CommandRefused) as caught:
        clock.resume(START.add(hours=1))

    assert str(START.add(days=1)) in caught.value.reason
