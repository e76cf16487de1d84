"""Hypothesis strategies for xingfeng's value types: the one place tests get their data."""

from __future__ import annotations

from datetime import date, timedelta

import pendulum
from hypothesis import strategies as st

from xingfeng import (
    Anchor,
    Cadence,
    Frequency,
    Holiday,
    OutsidePolicy,
    Roll,
    TimeLimit,
    WorkCalendar,
    YearSchedule,
)

CHINA = WorkCalendar.china()
FIRST_DAY = date(2004, 1, 1)
LAST_DAY = date(2026, 12, 31)
ZONES = ("Asia/Shanghai", "Asia/Urumqi", "UTC", "Europe/Berlin", "America/New_York")

#: Any day the China calendar covers.
covered_days = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)

#: Days far enough from the end of 2026 that adding a few weeks of workdays stays covered.
inner_days = st.dates(min_value=FIRST_DAY, max_value=date(2026, 10, 31))

#: Timezone-aware moments in any of a few zones, inside the covered years.
moments = st.builds(
    lambda day, seconds, zone: pendulum.datetime(day.year, day.month, day.day, tz=zone).add(
        seconds=seconds
    ),
    inner_days,
    st.integers(min_value=0, max_value=86_399),
    st.sampled_from(ZONES),
)


@st.composite
def holidays(draw: st.DrawFn, year: int = 2030) -> Holiday:
    """A valid holiday in ``year``: 1–9 rest days and up to two weekend make-up days."""
    first = draw(st.dates(min_value=date(year, 1, 1), max_value=date(year, 12, 20)))
    last = first + timedelta(days=draw(st.integers(min_value=0, max_value=8)))
    weekends = [
        d
        for d in (first + timedelta(days=i) for i in range(-10, 20))
        if d.weekday() >= 5 and not first <= d <= last and d.year == year
    ]
    makeup = draw(st.lists(st.sampled_from(weekends), unique=True, max_size=2)) if weekends else []
    name = draw(st.sampled_from(["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]))
    return Holiday(name=name, first=first, last=last, makeup=tuple(sorted(makeup)))


@st.composite
def year_schedules(draw: st.DrawFn, year: int = 2030) -> YearSchedule:
    """A valid schedule for ``year`` whose holidays and make-up days never collide."""
    chosen: list[Holiday] = []
    taken: set[date] = set()
    for candidate in draw(st.lists(holidays(year), max_size=6)):
        days = {*candidate.days(), *candidate.makeup}
        if not days & taken:
            chosen.append(candidate)
            taken |= days
    return YearSchedule(year=year, holidays=tuple(chosen))


@st.composite
def calendars(draw: st.DrawFn) -> WorkCalendar:
    """A calendar of 1–3 contiguous invented years, or a weekdays calendar."""
    if draw(st.booleans()):
        return WorkCalendar.weekdays(zone=draw(st.sampled_from(ZONES)))
    start = draw(st.integers(min_value=2030, max_value=2040))
    count = draw(st.integers(min_value=1, max_value=3))
    schedules = [draw(year_schedules(year)) for year in range(start, start + count)]
    # Make-up days of one year may not be rest days of another; the generator keeps
    # each year's days inside that year, so they never collide.
    return WorkCalendar(
        name=draw(st.sampled_from(["custom", "省内", "test"])),
        schedules=tuple(schedules),
        zone=draw(st.sampled_from(ZONES)),
        outside=draw(st.sampled_from(OutsidePolicy)),
    )


time_limits = st.one_of(
    st.builds(TimeLimit.working_days, st.integers(min_value=1, max_value=60)),
    st.builds(TimeLimit.calendar_days, st.integers(min_value=1, max_value=90)),
    st.builds(TimeLimit.hours, st.integers(min_value=1, max_value=720)),
    st.just(TimeLimit.same_day()),
)

nonzero_positions = st.integers(min_value=-5, max_value=5).filter(bool)

anchors = st.one_of(
    st.builds(lambda n: Anchor(workday=n), nonzero_positions),
    st.builds(
        lambda n, roll: Anchor(day=n, roll=roll),
        st.integers(min_value=-31, max_value=31).filter(bool),
        st.sampled_from(Roll),
    ),
)

cadences = st.builds(
    lambda name, every, anchor: Cadence(name=name, every=every, anchor=anchor),
    st.sampled_from(["一月一查", "一月一通报", "每季一督查", "每半年自查", "每周集中学习"]),
    st.sampled_from(Frequency),
    anchors,
)


# --------------------------------------------------------------------------- counting cases

#: How many working days a counting property adds or subtracts.
workday_steps = st.integers(min_value=1, max_value=30)

#: China days with two months of coverage on either side, room for 30 working days both ways.
roomy_days = st.dates(min_value=date(2004, 3, 1), max_value=date(2026, 10, 31))

#: Moments early enough that every limit of ``time_limits`` ends inside the China calendar.
limit_moments = st.builds(
    lambda day, seconds, zone: pendulum.datetime(day.year, day.month, day.day, tz=zone).add(
        seconds=seconds
    ),
    st.dates(min_value=FIRST_DAY, max_value=date(2026, 8, 31)),
    st.integers(min_value=0, max_value=86_399),
    st.sampled_from(ZONES),
)


def answerable_days(calendar: WorkCalendar, margin: int = 0) -> st.SearchStrategy[date]:
    """Days ``calendar`` answers for, kept ``margin`` days clear of any year it would refuse.

    A calendar that raises outside its years gets days inside them; one that treats other
    years as Monday to Friday gets days before, inside and after its years as well.
    """
    years = calendar.years
    if calendar.outside is OutsidePolicy.RAISE:
        low = date(years.start, 1, 1) + timedelta(days=margin)
        high = date(years.stop - 1, 12, 31) - timedelta(days=margin)
    elif years:
        low, high = date(years.start - 2, 1, 1), date(years.stop + 1, 12, 31)
    else:
        low, high = date(1990, 1, 1), date(2060, 12, 31)
    return st.dates(min_value=low, max_value=high)


#: A calendar and a day it can count 30 working days from, in either direction: the China
#: calendar or an invented one (``calendars``).  Invented years may cluster up to 54 holiday
#: days, hence the wider margin.
counting_cases = st.one_of(
    st.tuples(st.just(CHINA), answerable_days(CHINA, margin=62)),
    calendars().flatmap(lambda cal: st.tuples(st.just(cal), answerable_days(cal, margin=125))),
)

#: A calendar and three days it answers for, in no particular order.
calendar_day_triples = st.one_of(
    st.tuples(st.just(CHINA), covered_days, covered_days, covered_days),
    calendars().flatmap(
        lambda cal: st.tuples(
            st.just(cal), answerable_days(cal), answerable_days(cal), answerable_days(cal)
        )
    ),
)


# --------------------------------------------------------------------------- cadence windows


@st.composite
def cadence_windows(draw: st.DrawFn) -> tuple[date, date]:
    """``(first, last)``, up to half a year apart, whose periods the China calendar covers.

    Weekly periods around New Year reach into the neighbouring year, so the window keeps
    clear of 2003 and 2027.
    """
    first = draw(st.dates(min_value=date(2004, 1, 5), max_value=date(2026, 6, 30)))
    return first, first + timedelta(days=draw(st.integers(min_value=0, max_value=180)))


@st.composite
def periods(draw: st.DrawFn) -> tuple[Frequency, date, date]:
    """A frequency and one of its periods that the China calendar covers entirely."""
    frequency = draw(st.sampled_from(Frequency))
    day = draw(st.dates(min_value=date(2004, 1, 5), max_value=date(2026, 12, 27)))
    first, last = frequency.period_of(day)
    return frequency, first, last


#: Monday-to-Friday calendars in each of ``ZONES``: for limits that only need a calendar's zone.
zoned_calendars = st.sampled_from(ZONES).map(lambda zone: WorkCalendar.weekdays(zone=zone))
