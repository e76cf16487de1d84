"""Tests for xingfeng.calendar: working days, coverage, schedules, time limits and cadences."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar
import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests import strategies
from tests.strategies import CHINA
from xingfeng import (
    Anchor,
    Cadence,
    CalendarCoverageError,
    Frequency,
    Holiday,
    InvalidArgument,
    InvalidDefinition,
    LimitUnit,
    LoadError,
    OutsidePolicy,
    Roll,
    TimeLimit,
    WorkCalendar,
    XingfengError,
    YearSchedule,
    parse_schedules,
)

CHINA_OR_WEEKDAYS = CHINA.with_outside(OutsidePolicy.WEEKDAYS)
ONE_DAY = timedelta(days=1)
END_OF_DAY = time(23, 59, 59, 999_999)


def _days(first: date, last: date) -> Iterator[date]:
    """Every day from ``first`` to ``last``, both included."""
    day = first
    while day <= last:
        yield day
        day += ONE_DAY


def _step_workdays(calendar: WorkCalendar, day: date, n: int) -> date:
    """Reference for add_workdays: walk day by day, counting working days after ``day``."""
    step = ONE_DAY if n > 0 else -ONE_DAY
    remaining = abs(n)
    while remaining:
        day += step
        remaining -= calendar.is_workday(day)
    return day


def _schedule_2027() -> YearSchedule:
    """An invented 2027 schedule in the State Council's style."""
    return YearSchedule(
        year=2027,
        holidays=(
            Holiday(name="元旦", first=date(2027, 1, 1), last=date(2027, 1, 3)),
            Holiday(
                name="春节",
                first=date(2027, 2, 5),
                last=date(2027, 2, 12),
                makeup=(date(2027, 1, 31), date(2027, 2, 20)),
            ),
            Holiday(name="国庆节", first=date(2027, 10, 1), last=date(2027, 10, 7)),
        ),
    )


# --------------------------------------------------------------------------- the China calendar


def test_china_agrees_with_chinesecalendar_on_every_day_from_2004_to_2026() -> None:
    """WorkCalendar.china() and the chinesecalendar package disagree on no day they both know."""
    calendar = WorkCalendar.china()

    disagreements = [
        (day, calendar.is_workday(day), chinese_calendar.is_workday(day))
        for day in _days(date(2004, 1, 1), date(2026, 12, 31))
        if calendar.is_workday(day) != chinese_calendar.is_workday(day)
    ]

    assert disagreements == []


def test_china_covers_exactly_the_years_2004_to_2026() -> None:
    """The bundled China calendar knows the schedules of 2004 through 2026 and no other year."""
    assert WorkCalendar.china().years == range(2004, 2027)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 10, 1), "国庆节"),
        (date(2026, 10, 10), "国庆节"),  # Saturday make-up day paying for National Day
        (date(2026, 1, 4), "元旦"),  # Sunday make-up day paying for New Year
        (date(2026, 2, 17), "春节"),
        (date(2026, 3, 10), None),  # an ordinary Tuesday
        (date(2026, 3, 14), None),  # an ordinary Saturday
    ],
)
def test_holiday_name_names_rest_days_and_make_up_days_and_nothing_else(
    day: date, name: str | None
) -> None:
    """holiday_name gives a holiday's name for its rest days and its make-up days, else None."""
    assert CHINA.holiday_name(day) == name


@given(day=strategies.covered_days)
def test_a_day_with_no_holiday_name_is_a_workday_exactly_when_it_is_monday_to_friday(
    day: date,
) -> None:
    """Only days that belong to a holiday (as rest or make-up day) depart from Monday–Friday."""
    departs = CHINA.is_workday(day) != (day.weekday() < 5)

    assert not departs or CHINA.holiday_name(day) is not None


# --------------------------------------------------------------------------- adding workdays


@given(case=strategies.counting_cases, n=strategies.workday_steps)
def test_adding_workdays_lands_on_a_workday_after_exactly_n_minus_one_others(
    case: tuple[WorkCalendar, date], n: int
) -> None:
    """add_workdays(d, n) is a working day after d, with exactly n - 1 working days between."""
    calendar, day = case

    result = calendar.add_workdays(day, n)

    assert result > day
    assert calendar.is_workday(result)
    assert len(calendar.workdays_in(day + ONE_DAY, result - ONE_DAY)) == n - 1


@given(case=strategies.counting_cases, n=strategies.workday_steps)
def test_adding_workdays_agrees_with_walking_the_calendar_day_by_day(
    case: tuple[WorkCalendar, date], n: int
) -> None:
    """add_workdays(d, ±n) is the day reached by stepping one day at a time, counting workdays."""
    calendar, day = case

    forward, backward = calendar.add_workdays(day, n), calendar.add_workdays(day, -n)

    assert forward == _step_workdays(calendar, day, n)
    assert backward == _step_workdays(calendar, day, -n)


@given(day=strategies.inner_days, n=strategies.workday_steps)
def test_adding_workdays_in_china_agrees_with_chinesecalendar(day: date, n: int) -> None:
    """From any China day, the n-th working day after it is the one chinesecalendar counts."""
    expected, remaining = day, n
    while remaining:
        expected += ONE_DAY
        remaining -= chinese_calendar.is_workday(expected)

    assert CHINA.add_workdays(day, n) == expected


@given(case=strategies.counting_cases, n=strategies.workday_steps)
def test_workdays_between_a_day_and_n_workdays_later_is_n(
    case: tuple[WorkCalendar, date], n: int
) -> None:
    """workdays_between undoes add_workdays, forwards and backwards."""
    calendar, day = case

    later, earlier = calendar.add_workdays(day, n), calendar.add_workdays(day, -n)

    assert calendar.workdays_between(day, later) == n
    # Going back, d itself lies in (earlier, d] and counts if it works.
    assert calendar.workdays_between(day, earlier) == -(n - 1 + calendar.is_workday(day))


@given(
    case=strategies.counting_cases,
    a=st.integers(min_value=1, max_value=15),
    b=st.integers(min_value=1, max_value=15),
)
def test_adding_workdays_in_two_steps_equals_adding_them_at_once(
    case: tuple[WorkCalendar, date], a: int, b: int
) -> None:
    """add_workdays(add_workdays(d, a), b) == add_workdays(d, a + b) for a, b >= 1."""
    calendar, day = case

    in_two_steps = calendar.add_workdays(calendar.add_workdays(day, a), b)

    assert in_two_steps == calendar.add_workdays(day, a + b)


@given(case=strategies.counting_cases, n=strategies.workday_steps)
def test_subtracting_workdays_gives_the_nth_workday_strictly_before_the_start(
    case: tuple[WorkCalendar, date], n: int
) -> None:
    """add_workdays(d, -n) is a working day before d with n - 1 working days between them."""
    calendar, day = case

    result = calendar.add_workdays(day, -n)

    assert result < day
    assert calendar.is_workday(result)
    assert calendar.workdays_between(result, day - ONE_DAY) == n - 1


@given(case=strategies.counting_cases)
def test_the_start_day_is_never_counted(case: tuple[WorkCalendar, date]) -> None:
    """±1 workday from d is the nearest workday strictly after/before d, working or not; 0 is d."""
    calendar, day = case
    first_after = next(d for d in _days(day + ONE_DAY, date.max) if calendar.is_workday(d))
    nearby_before = (day - timedelta(days=i) for i in range(1, 400))
    last_before = next(d for d in nearby_before if calendar.is_workday(d))

    assert calendar.add_workdays(day, 1) == first_after
    assert calendar.add_workdays(day, -1) == last_before
    assert calendar.add_workdays(day, 0) == day


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2026, 5, 15), date(2026, 5, 18)),  # an ordinary Friday: the next Monday
        (date(2026, 5, 17), date(2026, 5, 18)),  # a Sunday: that Monday too
        (date(2026, 5, 8), date(2026, 5, 9)),  # a Friday before a Saturday make-up day
        (date(2026, 5, 10), date(2026, 5, 11)),  # the Sunday after that make-up day
        (date(2026, 10, 9), date(2026, 10, 10)),  # Friday before the National Day make-up day
        (date(2026, 9, 30), date(2026, 10, 8)),  # the National Day week is skipped
        (date(2026, 10, 1), date(2026, 10, 8)),  # counted from inside the holiday
        (date(2025, 12, 31), date(2026, 1, 4)),  # New Year 2026: the Sunday make-up day
    ],
)
def test_one_workday_after_a_day_skips_rest_days_and_counts_make_up_days(
    start: date, expected: date
) -> None:
    """Examples of the start-day rule and of make-up workdays from the 2026 China schedule."""
    assert CHINA.add_workdays(start, 1) == expected


def test_a_saturday_make_up_day_is_counted_as_a_workday() -> None:
    """2026-10-10 is a Saturday worked for National Day, so it counts as one working day."""
    saturday = date(2026, 10, 10)

    assert saturday.weekday() == 5
    assert CHINA.is_workday(saturday)
    assert CHINA.workdays_between(date(2026, 10, 9), date(2026, 10, 12)) == 2


# --------------------------------------------------------------------------- workdays_between


@given(case=strategies.calendar_day_triples)
def test_workdays_between_is_antisymmetric(
    case: tuple[WorkCalendar, date, date, date],
) -> None:
    """workdays_between(a, b) == -workdays_between(b, a), and is 0 from a day to itself."""
    calendar, a, b, _ = case

    assert calendar.workdays_between(a, b) == -calendar.workdays_between(b, a)
    assert calendar.workdays_between(a, a) == 0


@given(case=strategies.calendar_day_triples)
def test_workdays_between_adds_up_over_consecutive_spans(
    case: tuple[WorkCalendar, date, date, date],
) -> None:
    """workdays_between(a, b) + workdays_between(b, c) == workdays_between(a, c), any order."""
    calendar, a, b, c = case

    total = calendar.workdays_between(a, b) + calendar.workdays_between(b, c)

    assert total == calendar.workdays_between(a, c)


@given(case=strategies.calendar_day_triples)
def test_workdays_between_counts_the_workdays_after_start_up_to_and_including_end(
    case: tuple[WorkCalendar, date, date, date],
) -> None:
    """For start <= end, workdays_between(start, end) is the number of workdays in (start, end]."""
    calendar, a, b, _ = case
    start, end = min(a, b), max(a, b)

    assert calendar.workdays_between(start, end) == len(calendar.workdays_in(start + ONE_DAY, end))


# --------------------------------------------------------------------------- schedules


@given(calendar=strategies.calendars())
def test_a_calendar_follows_its_schedules_on_every_day_it_covers(calendar: WorkCalendar) -> None:
    """Rest days never work, make-up days always do, every other day works Monday to Friday."""
    rest = {d: n for s in calendar.schedules for d, n in s.rest_days().items()}
    makeup = {d: n for s in calendar.schedules for d, n in s.makeup_days().items()}
    covered = (
        _days(date(calendar.years.start, 1, 1), date(calendar.years.stop - 1, 12, 31))
        if calendar.years
        else iter(())
    )

    for day in covered:
        expected = day in makeup or (day not in rest and day.weekday() < 5)
        assert calendar.is_workday(day) == expected, day
        assert calendar.holiday_name(day) == (rest.get(day) or makeup.get(day)), day


def test_a_holiday_reaching_into_the_previous_december_is_honoured() -> None:
    """A first year's days in the December before (元旦 2019 began 2018-12-30) keep their status."""
    new_year = Holiday(
        name="元旦",
        first=date(2029, 12, 30),  # Sunday
        last=date(2030, 1, 1),
        makeup=(date(2029, 12, 29),),  # Saturday
    )
    calendar = WorkCalendar(
        name="reaching back",
        schedules=(YearSchedule(year=2030, holidays=(new_year,)),),
        outside=OutsidePolicy.WEEKDAYS,
    )

    answers = {
        day: (calendar.is_workday(day), calendar.holiday_name(day))
        for day in (date(2029, 12, 29), date(2029, 12, 31))
    }
    after_friday = calendar.add_workdays(date(2029, 12, 28), 1)

    assert answers == {date(2029, 12, 29): (True, "元旦"), date(2029, 12, 31): (False, "元旦")}
    assert after_friday == date(2029, 12, 29)


# --------------------------------------------------------------------------- coverage


@pytest.mark.parametrize("day", [date(2003, 12, 31), date(2027, 1, 1), date(1999, 6, 1)])
def test_a_day_outside_the_covered_years_is_refused_naming_its_year(day: date) -> None:
    """is_workday outside 2004–2026 raises CalendarCoverageError saying how to fix it."""
    with pytest.raises(CalendarCoverageError) as caught:
        CHINA.is_workday(day)

    error = caught.value
    assert error.year == day.year
    assert error.covered == range(2004, 2027)
    assert str(day.year) in str(error)
    assert "extended" in str(error)
    assert "WEEKDAYS" in str(error)


@pytest.mark.parametrize(
    ("call", "year"),
    [
        (lambda cal: cal.add_workdays(date(2026, 12, 30), 5), 2027),
        (lambda cal: cal.add_workdays(date(2004, 1, 2), -5), 2003),
        (lambda cal: cal.workdays_between(date(2026, 12, 1), date(2027, 1, 5)), 2027),
        (lambda cal: cal.holiday_name(date(2027, 1, 1)), 2027),
        (lambda cal: cal.workdays_in(date(2003, 12, 25), date(2004, 1, 5)), 2003),
    ],
)
def test_every_query_that_needs_an_uncovered_year_is_refused_naming_it(
    call: Callable[[WorkCalendar], object], year: int
) -> None:
    """Counting across the edge of coverage raises CalendarCoverageError for the missing year."""
    with pytest.raises(CalendarCoverageError) as caught:
        call(CHINA)

    assert caught.value.year == year


def test_a_coverage_error_is_a_xingfeng_error_and_a_lookup_error() -> None:
    """CalendarCoverageError can be caught as XingfengError or as the builtin LookupError."""
    with pytest.raises(CalendarCoverageError) as caught:
        CHINA.is_workday(date(2027, 1, 4))

    assert isinstance(caught.value, XingfengError)
    assert isinstance(caught.value, LookupError)


def test_with_weekdays_outside_the_same_calls_succeed_treating_other_years_as_weekdays() -> None:
    """A copy with OutsidePolicy.WEEKDAYS answers outside 2004–2026 by the day of the week."""
    calendar = CHINA.with_outside(OutsidePolicy.WEEKDAYS)

    assert calendar.is_workday(date(2027, 1, 1))  # a Friday; 元旦 2027 is not known
    assert not calendar.is_workday(date(2027, 1, 2))  # a Saturday
    assert calendar.is_workday(date(2003, 12, 31))  # a Wednesday
    assert calendar.add_workdays(date(2026, 12, 30), 5) == date(2027, 1, 6)
    assert calendar.add_workdays(date(2004, 1, 2), -5) == date(2003, 12, 25)
    assert calendar.holiday_name(date(2027, 1, 1)) is None
    assert calendar.is_workday(date(2026, 10, 1)) is False  # covered years are unchanged


@given(
    day=st.one_of(
        st.dates(min_value=date(1950, 1, 1), max_value=date(2003, 12, 31)),
        st.dates(min_value=date(2027, 1, 1), max_value=date(2100, 12, 31)),
    )
)
def test_with_weekdays_outside_an_uncovered_day_works_exactly_when_it_is_monday_to_friday(
    day: date,
) -> None:
    """Outside the covered years a WEEKDAYS calendar knows no holiday and no make-up day."""
    assert CHINA_OR_WEEKDAYS.is_workday(day) == (day.weekday() < 5)
    assert CHINA_OR_WEEKDAYS.holiday_name(day) is None


@given(day=st.dates())
def test_the_weekdays_calendar_works_monday_to_friday_in_every_year(day: date) -> None:
    """WorkCalendar.weekdays() is a working day exactly when d.weekday() < 5, any year."""
    calendar = WorkCalendar.weekdays()

    assert calendar.is_workday(day) == (day.weekday() < 5)
    assert calendar.holiday_name(day) is None
    assert calendar.years == range(0)


def test_counting_past_the_last_representable_date_is_a_xingfeng_error() -> None:
    """A result beyond date.max is refused with a XingfengError, not an escaping ValueError."""
    calendar = WorkCalendar.weekdays()

    with pytest.raises(XingfengError):
        calendar.add_workdays(date.max - timedelta(days=3), 5)


# --------------------------------------------------------------------------- extending


def test_an_extended_china_calendar_covers_the_new_year_as_its_schedule_says() -> None:
    """china().extended(2027 schedule) covers 2027 and answers its days from the schedule."""
    calendar = WorkCalendar.china().extended(_schedule_2027())

    assert calendar.years == range(2004, 2028)
    assert not calendar.is_workday(date(2027, 1, 1))
    assert calendar.holiday_name(date(2027, 2, 8)) == "春节"
    assert calendar.is_workday(date(2027, 1, 31))  # the Sunday make-up day
    assert calendar.holiday_name(date(2027, 1, 31)) == "春节"
    assert calendar.is_workday(date(2027, 3, 1))  # an ordinary Monday
    assert calendar.add_workdays(date(2026, 12, 30), 5) == date(2027, 1, 7)
    assert calendar.is_workday(date(2026, 10, 1)) == CHINA.is_workday(date(2026, 10, 1))


@given(
    base=strategies.year_schedules(2030),
    added=strategies.year_schedules(2031),
)
def test_extending_a_calendar_answers_the_added_year_as_its_schedule_says(
    base: YearSchedule, added: YearSchedule
) -> None:
    """After extended(next year), every day of that year follows the added schedule."""
    rest, makeup = added.rest_days(), added.makeup_days()

    calendar = WorkCalendar(name="base", schedules=(base,)).extended(added)

    assert calendar.years == range(2030, 2032)
    for day in _days(date(2031, 1, 1), date(2031, 12, 31)):
        expected = day in makeup or (day not in rest and day.weekday() < 5)
        assert calendar.is_workday(day) == expected, day


def _toml_schedules(schedules: tuple[YearSchedule, ...], *, many: bool) -> str:
    """Write schedules in the TOML format of china.toml (by hand, to test the reader)."""
    lines: list[str] = []
    for schedule in schedules:
        if many:
            lines.append("[[years]]")
        lines.append(f"year = {schedule.year}")
        lines.append("holidays = [")
        for h in schedule.holidays:
            makeup = ", ".join(d.isoformat() for d in h.makeup)
            lines.append(
                f'  {{ name = "{h.name}", first = {h.first.isoformat()}, '
                f"last = {h.last.isoformat()}, makeup = [{makeup}] }},"
            )
        lines.append("]")
    return "\n".join(lines) + "\n"


def _json_schedules(schedules: tuple[YearSchedule, ...], *, many: bool) -> str:
    """Write schedules as JSON, dates as ISO strings (by hand, to test the reader)."""
    years = [
        {
            "year": s.year,
            "holidays": [
                {
                    "name": h.name,
                    "first": h.first.isoformat(),
                    "last": h.last.isoformat(),
                    "makeup": [d.isoformat() for d in h.makeup],
                }
                for h in s.holidays
            ],
        }
        for s in schedules
    ]
    return json.dumps({"years": years} if many else years[0], ensure_ascii=False)


SINGLE_YEAR_TOML = """
year = 2027
holidays = [
  { name = "元旦", first = 2027-01-01, last = 2027-01-03 },
  { name = "春节", first = 2027-02-05, last = 2027-02-12, makeup = [2027-01-31, 2027-02-20] },
  { name = "国庆节", first = 2027-10-01, last = 2027-10-07, makeup = [] },
]
"""


def test_one_year_reads_the_same_from_toml_and_json_in_both_forms() -> None:
    """A single-year text and a [[years]] text, in TOML or JSON, give equal schedules."""
    texts = {
        "single toml": (SINGLE_YEAR_TOML, "toml"),
        "many toml": (_toml_schedules((_schedule_2027(),), many=True), "toml"),
        "single json": (_json_schedules((_schedule_2027(),), many=False), "json"),
        "many json": (_json_schedules((_schedule_2027(),), many=True), "json"),
    }

    parsed = {form: parse_schedules(text, format=fmt) for form, (text, fmt) in texts.items()}

    assert parsed == dict.fromkeys(texts, (_schedule_2027(),))


@given(
    schedules=st.integers(min_value=1, max_value=3).flatmap(
        lambda count: st.tuples(*(strategies.year_schedules(2030 + i) for i in range(count)))
    ),
    fmt=st.sampled_from(["toml", "json"]),
    many=st.booleans(),
)
def test_parse_schedules_reads_back_any_schedules_written_as_toml_or_json(
    schedules: tuple[YearSchedule, ...], fmt: str, many: bool
) -> None:
    """Schedules written in either format, as [[years]] or as one year, read back equal."""
    write = _toml_schedules if fmt == "toml" else _json_schedules
    written = schedules if many else schedules[:1]

    parsed = parse_schedules(write(written, many=many), format=fmt)

    assert parsed == written


def test_adding_a_year_the_calendar_already_knows_is_refused() -> None:
    """Extending china() with another 2026 schedule raises InvalidDefinition: two for 2026."""
    with pytest.raises(InvalidDefinition) as caught:
        CHINA.extended(YearSchedule(year=2026, holidays=()))

    assert any("2026 年有两份安排" in str(d) for d in caught.value.defects)


def test_a_gap_between_covered_years_is_refused_naming_the_missing_year() -> None:
    """Extending a 2004–2026 calendar with 2028 but not 2027 is refused, naming 2027."""
    with pytest.raises(InvalidDefinition) as caught:
        CHINA.extended(YearSchedule(year=2028, holidays=()))

    (defect,) = caught.value.defects
    assert defect.involved == (2027,)
    assert "2027" in str(defect)


def test_a_make_up_day_on_a_weekday_is_refused() -> None:
    """A make-up workday must fall on a Saturday or Sunday; a Monday is refused."""
    with pytest.raises(InvalidDefinition) as caught:
        Holiday(
            name="元旦", first=date(2027, 1, 1), last=date(2027, 1, 3), makeup=(date(2027, 1, 4),)
        )

    (defect,) = caught.value.defects
    assert defect.involved == (date(2027, 1, 4),)
    assert "星期六或星期日" in str(defect)


def test_a_make_up_day_inside_its_own_holiday_is_refused() -> None:
    """A make-up workday cannot also be one of the holiday's rest days."""
    with pytest.raises(InvalidDefinition) as caught:
        Holiday(
            name="国庆节",
            first=date(2027, 10, 1),
            last=date(2027, 10, 7),
            makeup=(date(2027, 10, 2),),
        )

    (defect,) = caught.value.defects
    assert defect.involved == (date(2027, 10, 2),)
    assert "落在假期之内" in str(defect)


def test_a_make_up_day_of_one_year_that_is_a_rest_day_of_another_is_refused() -> None:
    """Two schedules of a calendar may not disagree on a day: rest day in one, worked in another."""
    year_end = Holiday(name="岁末", first=date(2030, 12, 27), last=date(2030, 12, 29))
    new_year = Holiday(
        name="元旦", first=date(2031, 1, 1), last=date(2031, 1, 1), makeup=(date(2030, 12, 28),)
    )
    base = WorkCalendar(name="base", schedules=(YearSchedule(year=2030, holidays=(year_end,)),))

    with pytest.raises(InvalidDefinition) as caught:
        base.extended(YearSchedule(year=2031, holidays=(new_year,)))

    (defect,) = caught.value.defects
    assert defect.involved == (date(2030, 12, 28),)


@pytest.mark.parametrize(
    ("holiday", "count"),
    [
        pytest.param(
            {"name": "", "first": date(2027, 10, 7), "last": date(2027, 10, 1)},
            2,
            id="empty name, last before first",
        ),
        pytest.param(
            {
                "name": "国庆节",
                "first": date(2027, 10, 1),
                "last": date(2027, 10, 7),
                "makeup": (date(2027, 9, 29), date(2027, 10, 2)),
            },
            2,
            id="weekday make-up day, then one inside the holiday",
        ),
        pytest.param(
            {
                "name": "国庆节",
                "first": date(2027, 10, 1),
                "last": date(2027, 10, 7),
                "makeup": (date(2027, 10, 2), date(2027, 9, 29)),
            },
            2,
            id="make-up day inside the holiday, then a weekday one",
        ),
        pytest.param(
            {
                "name": " ",
                "first": date(2027, 10, 1),
                "last": date(2027, 10, 7),
                "makeup": (datetime(2027, 9, 26, tzinfo=UTC), date(2027, 9, 29), date(2027, 10, 3)),
            },
            4,
            id="blank name, datetime, weekday and inside make-up days",
        ),
    ],
)
def test_an_invalid_holiday_lists_every_defect_at_once(
    holiday: dict[str, object], count: int
) -> None:
    """Holiday raises one InvalidDefinition with one Defect per problem, not just the first."""
    with pytest.raises(InvalidDefinition) as caught:
        Holiday(**holiday)  # type: ignore[arg-type]

    assert len(caught.value.defects) == count, caught.value


@given(
    weekday_makeups=st.lists(
        st.dates(min_value=date(2030, 9, 1), max_value=date(2030, 9, 28)).filter(
            lambda d: d.weekday() < 5
        ),
        unique=True,
        max_size=3,
    ),
    inside_makeups=st.lists(
        st.sampled_from([date(2030, 10, 5), date(2030, 10, 6)]), unique=True, max_size=2
    ),
    order=st.randoms(use_true_random=False),
)
def test_every_bad_make_up_day_of_a_holiday_is_reported(
    weekday_makeups: list[date], inside_makeups: list[date], order: random.Random
) -> None:
    """A holiday with k weekday make-up days and m inside itself reports k + m defects."""
    makeup = [*weekday_makeups, *inside_makeups]
    assume(makeup)
    order.shuffle(makeup)

    with pytest.raises(InvalidDefinition) as caught:
        Holiday(name="国庆节", first=date(2030, 10, 1), last=date(2030, 10, 7), makeup=makeup)

    assert len(caught.value.defects) == len(makeup), caught.value


def test_an_invalid_year_schedule_lists_every_defect_at_once() -> None:
    """YearSchedule reports every day outside its window and every day claimed twice."""
    with pytest.raises(InvalidDefinition) as caught:
        YearSchedule(
            year=2027,
            holidays=(
                Holiday(name="劳动节", first=date(2027, 5, 1), last=date(2027, 5, 3)),
                Holiday(name="端午节", first=date(2027, 5, 3), last=date(2027, 5, 4)),
                Holiday(name="元旦", first=date(2028, 1, 1), last=date(2028, 1, 1)),
                Holiday(name="国庆节", first=date(2026, 11, 30), last=date(2026, 11, 30)),
            ),
        )

    assert len(caught.value.defects) == 3, caught.value


def test_an_invalid_calendar_lists_every_defect_at_once() -> None:
    """A calendar with a bad name, a bad zone, a duplicate year and a gap reports all four."""
    with pytest.raises(InvalidDefinition) as caught:
        WorkCalendar(
            name="",
            schedules=(
                *CHINA.schedules,
                YearSchedule(year=2026, holidays=()),
                YearSchedule(year=2028, holidays=()),
            ),
            zone="Mars/Olympus_Mons",
        )

    assert len(caught.value.defects) == 4, caught.value


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("year = 2027\nholidays = [", "toml"),
        ("year = ", "toml"),
        ('{"year": 2027, "holidays": [', "json"),
        ("not json at all", "json"),
    ],
)
def test_malformed_text_raises_a_load_error_at_the_root_path(text: str, fmt: str) -> None:
    """Text that is not valid TOML or JSON raises LoadError with the path "$"."""
    with pytest.raises(LoadError) as caught:
        parse_schedules(text, format=fmt)

    assert isinstance(caught.value, XingfengError)
    assert [path for path, _ in caught.value.errors] == ["$"]


@pytest.mark.parametrize(
    ("text", "fmt", "path"),
    [
        pytest.param(
            'year = 2027\nholidays = [{ name = "元旦", first = "soon", last = 2027-01-01 }]',
            "toml",
            "$.holidays[0].first",
            id="one year, toml",
        ),
        pytest.param(
            '{"year": 2027, "holidays": [{"name": "元旦", "first": "soon", "last": "2027-01-01"}]}',
            "json",
            "$.holidays[0].first",
            id="one year, json",
        ),
        pytest.param(
            "[[years]]\nyear = 2027\n"
            'holidays = [{ name = "元旦", first = "soon", last = 2027-01-01 }]',
            "toml",
            "$.years[0].holidays[0].first",
            id="years, toml",
        ),
        pytest.param(
            '{"years": [{"year": 2027, "holidays": '
            '[{"name": "元旦", "first": "soon", "last": "2027-01-01"}]}]}',
            "json",
            "$.years[0].holidays[0].first",
            id="years, json",
        ),
        pytest.param('year = "2027"\nholidays = []', "toml", "$.year", id="year as text"),
    ],
)
def test_a_field_of_the_wrong_type_raises_a_load_error_naming_its_path(
    text: str, fmt: str, path: str
) -> None:
    """A wrong value is reported at its path in the document, e.g. $.holidays[0].first."""
    with pytest.raises(LoadError) as caught:
        parse_schedules(text, format=fmt)

    assert [p for p, _ in caught.value.errors] == [path]


def test_an_invalid_holiday_in_loaded_text_raises_a_load_error_naming_it() -> None:
    """A weekday make-up day in a schedule file is a LoadError at that holiday's path."""
    text = (
        "year = 2027\nholidays = [\n"
        '  { name = "元旦", first = 2027-01-01, last = 2027-01-03 },\n'
        '  { name = "春节", first = 2027-02-05, last = 2027-02-12, makeup = [2027-02-15] },\n'
        "]\n"
    )

    with pytest.raises(LoadError) as caught:
        parse_schedules(text)

    ((path, reason),) = caught.value.errors
    assert path == "$.holidays[1]"
    assert "星期六或星期日" in reason


def test_an_unknown_format_is_refused() -> None:
    """parse_schedules reads "toml" or "json" and refuses anything else."""
    with pytest.raises(InvalidArgument) as caught:
        parse_schedules("year: 2027", format="yaml")

    assert caught.value.name == "format"


# --------------------------------------------------------------------------- time limits


@given(moment=strategies.moments, n=strategies.workday_steps)
def test_a_working_day_limit_ends_at_the_end_of_the_nth_workday_after_the_day_in_china(
    moment: datetime, n: int
) -> None:
    """working_days(n) is due at 23:59:59.999999 of add_workdays(date in Asia/Shanghai, n)."""
    start_day = moment.astimezone(ZoneInfo("Asia/Shanghai")).date()

    due = TimeLimit.working_days(n).due(from_=moment, calendar=CHINA)

    assert due.date() == CHINA.add_workdays(start_day, n)
    assert due.time() == END_OF_DAY
    assert due.utcoffset() == timedelta(hours=8)
    assert due.timezone_name == "Asia/Shanghai"


def test_a_limit_is_counted_from_the_date_in_the_calendars_zone_not_the_moments() -> None:
    """Thursday 20:00 in New York is Friday 08:00 in Beijing: one working day is Saturday's."""
    received = pendulum.datetime(2026, 5, 7, 20, tz="America/New_York")

    due = TimeLimit.working_days(1).due(from_=received, calendar=CHINA)

    assert due == pendulum.datetime(2026, 5, 9, tz="Asia/Shanghai").end_of("day")


def test_the_documented_five_working_days_over_national_day() -> None:
    """Five working days from 2026-09-30 16:00 skip the National Day week: due 2026-10-13."""
    received = pendulum.datetime(2026, 9, 30, 16, tz="Asia/Shanghai")

    due = TimeLimit.working_days(5).due(from_=received, calendar=CHINA)

    assert due == pendulum.datetime(2026, 10, 13, 23, 59, 59, 999_999, tz="Asia/Shanghai")


@given(moment=strategies.moments, n=strategies.workday_steps)
def test_a_calendar_day_limit_ends_on_day_n_or_the_first_workday_after_it(
    moment: datetime, n: int
) -> None:
    """calendar_days(n) ends on start + n if that works, else on the first workday after it."""
    start_day = moment.astimezone(ZoneInfo("Asia/Shanghai")).date()
    nominal = start_day + timedelta(days=n)

    due = TimeLimit.calendar_days(n).due(from_=moment, calendar=CHINA)

    last = due.date()
    assert CHINA.is_workday(last)
    assert last >= nominal
    assert not any(CHINA.is_workday(d) for d in _days(nominal, last - ONE_DAY))
    if CHINA.is_workday(nominal):
        assert last == nominal
    assert due.time() == END_OF_DAY


def test_a_calendar_day_limit_ending_in_the_national_day_week_moves_past_it() -> None:
    """15 days from 2026-09-20 would end on 10-05, a holiday, so the limit ends on 10-08."""
    received = pendulum.datetime(2026, 9, 20, 10, tz="Asia/Shanghai")

    last = TimeLimit.calendar_days(15).last_day(from_=received, calendar=CHINA)

    assert last == date(2026, 10, 8)


@given(
    moment=strategies.moments,
    calendar=strategies.zoned_calendars,
    n=st.integers(min_value=1, max_value=2_000),
)
def test_an_hour_limit_is_due_exactly_n_hours_after_the_start(
    moment: datetime, calendar: WorkCalendar, n: int
) -> None:
    """hours(n) is due at the same instant as from_ + n hours, across DST, in any zone."""
    due = TimeLimit.hours(n).due(from_=moment, calendar=calendar)

    # Timestamps compare instants; pendulum's own arithmetic would drop a stdlib UTC zone.
    assert due.timestamp() - moment.timestamp() == n * 3600
    assert due.timezone_name == calendar.zone


@given(moment=strategies.moments, calendar=strategies.zoned_calendars)
def test_a_same_day_limit_ends_at_the_end_of_the_start_day_in_the_calendars_zone(
    moment: datetime, calendar: WorkCalendar
) -> None:
    """same_day() is due at 23:59:59.999999 of the day from_ falls on in the calendar's zone."""
    zone = ZoneInfo(calendar.zone)
    start_day = moment.astimezone(zone).date()

    due = TimeLimit.same_day().due(from_=moment, calendar=calendar)

    assert due.astimezone(zone).replace(tzinfo=None) == datetime.combine(start_day, END_OF_DAY)


@given(moment=strategies.limit_moments, limit=strategies.time_limits)
def test_every_limit_is_due_after_it_starts(moment: datetime, limit: TimeLimit) -> None:
    """Whatever the limit, its deadline lies after the moment it is counted from."""
    due = limit.due(from_=moment, calendar=CHINA)

    assert due.astimezone(UTC) > moment.astimezone(UTC)
    assert limit.last_day(from_=moment, calendar=CHINA) == due.date()


@pytest.mark.parametrize(
    "from_",
    [datetime(2026, 5, 6, 9), date(2026, 5, 6), "2026-05-06T09:00:00+08:00"],
)
def test_a_limit_refuses_a_start_that_is_not_a_timezone_aware_datetime(from_: object) -> None:
    """A naive datetime (or a date, or text) as from_ raises InvalidArgument: give a zone."""
    with pytest.raises(InvalidArgument) as caught:
        TimeLimit.working_days(5).due(from_=from_, calendar=CHINA)  # type: ignore[arg-type]

    assert caught.value.name == "from_"
    assert "带时区的 datetime" in str(caught.value)
    assert isinstance(caught.value, XingfengError)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("make", [TimeLimit.working_days, TimeLimit.calendar_days, TimeLimit.hours])
@pytest.mark.parametrize("amount", [0, -1, True, 1.5, "5", None])
def test_a_limit_refuses_an_amount_that_is_not_a_positive_int(
    make: Callable[[object], TimeLimit], amount: object
) -> None:
    """Counted limits need a whole, positive amount; zero, negatives, bools, floats are refused."""
    with pytest.raises(InvalidArgument) as caught:
        make(amount)

    assert caught.value.name == "amount"


@pytest.mark.parametrize("amount", [1, -1, True])
def test_a_same_day_limit_refuses_an_amount(amount: object) -> None:
    """A same-day limit has no amount but 0."""
    with pytest.raises(InvalidArgument):
        TimeLimit(unit=LimitUnit.SAME_DAY, amount=amount)  # type: ignore[arg-type]


def test_a_limit_refuses_a_unit_that_is_not_a_limit_unit() -> None:
    """TimeLimit.unit must be a LimitUnit, not its string value."""
    with pytest.raises(InvalidArgument) as caught:
        TimeLimit(unit="working_days", amount=5)  # type: ignore[arg-type]

    assert caught.value.name == "unit"


@pytest.mark.parametrize(
    ("limit", "label"),
    [
        (TimeLimit.working_days(5), "5个工作日"),
        (TimeLimit.calendar_days(15), "15日"),
        (TimeLimit.hours(24), "24小时"),
        (TimeLimit.same_day(), "当日"),
    ],
)
def test_a_limit_is_labelled_as_written_in_chinese(limit: TimeLimit, label: str) -> None:
    """Labels read as in public commitments: 5个工作日, 15日, 24小时, 当日."""
    assert limit.label == label


# --------------------------------------------------------------------------- periods


@given(
    frequency=st.sampled_from(Frequency),
    day=st.dates(min_value=date(1900, 1, 8), max_value=date(2100, 12, 24)),
)
def test_periods_contain_their_day_and_tile_time_without_gaps_or_overlaps(
    frequency: Frequency, day: date
) -> None:
    """period_of(d) contains d, every day of it has the same period, and the next starts after."""
    first, last = frequency.period_of(day)

    assert first <= day <= last
    assert frequency.period_of(first) == frequency.period_of(last) == (first, last)
    assert frequency.period_of(first - ONE_DAY)[1] == first - ONE_DAY
    assert frequency.period_of(last + ONE_DAY)[0] == last + ONE_DAY


@given(
    frequency=st.sampled_from(Frequency),
    day=st.dates(min_value=date(1900, 1, 8), max_value=date(2100, 12, 24)),
)
def test_periods_have_the_calendar_shape_of_their_frequency(
    frequency: Frequency, day: date
) -> None:
    """Weeks run Monday–Sunday; months, quarters, half-years and years start on their 1st."""
    first, last = frequency.period_of(day)

    if frequency is Frequency.WEEKLY:
        assert (first.weekday(), (last - first).days) == (0, 6)
    else:
        months = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}[frequency.value]
        assert first.day == 1
        assert (first.month - 1) % months == 0
        assert (last + ONE_DAY).day == 1
        span = (last.year - first.year) * 12 + last.month - first.month + 1
        assert span == months


# --------------------------------------------------------------------------- cadences


@given(cadence=strategies.cadences, window=strategies.cadence_windows())
def test_occurrences_are_increasing_inside_the_window_and_one_per_period(
    cadence: Cadence, window: tuple[date, date]
) -> None:
    """Occurrences are strictly increasing, inside [first, last] and their own period, one each."""
    first, last = window

    found = cadence.occurrences(first, last, CHINA)

    days = [o.on for o in found]
    assert days == sorted(set(days))
    periods = [(o.period_first, o.period_last) for o in found]
    assert len(set(periods)) == len(periods)
    for occurrence, period in zip(found, periods, strict=True):
        assert occurrence.name == cadence.name
        assert first <= occurrence.on <= last
        assert cadence.every.period_of(occurrence.on) == period


@given(cadence=strategies.cadences, window=strategies.cadence_windows())
def test_occurrences_are_the_anchored_days_of_every_period_that_fall_in_the_window(
    cadence: Cadence, window: tuple[date, date]
) -> None:
    """No period is skipped: each period's anchored day inside the window is an occurrence."""
    first, last = window
    expected = []
    period = cadence.every.period_of(first)
    while period[0] <= last:
        on = cadence.anchor.day_in(*period, CHINA)
        if on is not None and first <= on <= last:
            expected.append(on)
        period = cadence.every.period_of(period[1] + ONE_DAY)

    found = cadence.occurrences(first, last, CHINA)

    assert [o.on for o in found] == expected


@given(frequency=st.sampled_from(Frequency), window=strategies.cadence_windows())
def test_a_first_workday_cadence_falls_on_the_first_workday_of_each_period(
    frequency: Frequency, window: tuple[date, date]
) -> None:
    """Anchor.first_workday() dates each period at its first workday, if that is in the window."""
    first, last = window
    cadence = Cadence(name="一月一查", every=frequency, anchor=Anchor.first_workday())
    expected = []
    period_first, period_last = frequency.period_of(first)
    while period_first <= last:
        workdays = [d for d in _days(period_first, period_last) if CHINA.is_workday(d)]
        if workdays and first <= workdays[0] <= last:
            expected.append(workdays[0])
        period_first, period_last = frequency.period_of(period_last + ONE_DAY)

    found = cadence.occurrences(first, last, CHINA)

    assert [o.on for o in found] == expected
    for o in found:
        assert CHINA.is_workday(o.on)
        assert not any(CHINA.is_workday(d) for d in _days(o.period_first, o.on - ONE_DAY))


@given(frequency=st.sampled_from(Frequency), window=strategies.cadence_windows())
def test_a_last_workday_cadence_falls_on_the_last_workday_of_each_period(
    frequency: Frequency, window: tuple[date, date]
) -> None:
    """With Anchor.last_workday() each occurrence works and no workday of its period follows it."""
    first, last = window
    cadence = Cadence(name="一月一通报", every=frequency, anchor=Anchor.last_workday())

    found = cadence.occurrences(first, last, CHINA)

    for o in found:
        assert CHINA.is_workday(o.on)
        assert not any(CHINA.is_workday(d) for d in _days(o.on + ONE_DAY, o.period_last))


@given(period=strategies.periods(), n=strategies.nonzero_positions)
def test_a_workday_anchor_picks_the_nth_workday_of_the_period(
    period: tuple[Frequency, date, date], n: int
) -> None:
    """Anchor(workday=n) is the n-th working day from the start (from the end if n < 0)."""
    _, first, last = period
    workdays = [d for d in _days(first, last) if CHINA.is_workday(d)]
    index = n - 1 if n > 0 else n

    on = Anchor(workday=n).day_in(first, last, CHINA)

    assert on == (workdays[index] if -len(workdays) <= index < len(workdays) else None)


@given(period=strategies.periods(), n=st.integers(min_value=-31, max_value=31).filter(bool))
def test_a_day_anchor_without_roll_gives_exactly_the_nth_day_of_the_period(
    period: tuple[Frequency, date, date], n: int
) -> None:
    """Anchor(day=n, roll=NONE) is the n-th day (from the end if n < 0), worked or not."""
    _, first, last = period
    days = list(_days(first, last))
    index = n - 1 if n > 0 else n

    on = Anchor(day=n, roll=Roll.NONE).day_in(first, last, CHINA)

    assert on == (days[index] if -len(days) <= index < len(days) else None)


@given(
    period=strategies.periods(),
    n=st.integers(min_value=-31, max_value=31).filter(bool),
    roll=st.sampled_from([Roll.FOLLOWING, Roll.PRECEDING]),
)
def test_a_rolled_day_anchor_moves_to_the_nearest_workday_in_its_direction_inside_the_period(
    period: tuple[Frequency, date, date], n: int, roll: Roll
) -> None:
    """FOLLOWING takes the next workday (else the one before), PRECEDING the reverse, in period."""
    _, first, last = period
    days = list(_days(first, last))
    index = n - 1 if n > 0 else n

    on = Anchor(day=n, roll=roll).day_in(first, last, CHINA)

    if not -len(days) <= index < len(days):
        assert on is None
        return
    nominal = days[index]
    after = [d for d in days if d >= nominal and CHINA.is_workday(d)]
    before = [d for d in days if d <= nominal and CHINA.is_workday(d)]
    if roll is Roll.FOLLOWING:
        expected = after[0] if after else (before[-1] if before else None)
    else:
        expected = before[-1] if before else (after[0] if after else None)
    assert on == expected
    if on is not None:
        assert first <= on <= last
        assert CHINA.is_workday(on)


def test_a_spring_festival_week_of_rest_days_has_no_weekly_occurrence() -> None:
    """2019-02-04 … 2019-02-10 was all holiday, so a weekly first-workday cadence skips it."""
    study = Cadence(name="每周集中学习", every=Frequency.WEEKLY)

    found = study.occurrences(date(2019, 1, 28), date(2019, 2, 17), CHINA)

    assert [o.on for o in found] == [date(2019, 1, 28), date(2019, 2, 11)]
    assert all(not CHINA.is_workday(d) for d in _days(date(2019, 2, 4), date(2019, 2, 10)))


def test_a_monthly_check_on_the_first_working_day_has_twelve_dates_in_2026() -> None:
    """一月一查 in 2026 gives one date a month; January's is the Sunday make-up day 01-04."""
    check = Cadence(name="一月一查", every=Frequency.MONTHLY, anchor=Anchor.first_workday())

    found = check.occurrences(date(2026, 1, 1), date(2026, 12, 31), CHINA)

    assert len(found) == 12
    assert [o.on.month for o in found] == list(range(1, 13))
    assert found[0].on == date(2026, 1, 4)
    assert found[0].on.weekday() == 6
    assert [o.on for o in found[1:3]] == [date(2026, 2, 2), date(2026, 3, 2)]
    assert found[9].on == date(2026, 10, 8)


@pytest.mark.parametrize(
    "arguments",
    [
        {"workday": 0},
        {"day": 0},
        {"workday": 1, "day": 1},
        {},
        {"workday": True},
        {"day": 1.5},
        {"day": 1, "roll": "following"},
    ],
)
def test_an_anchor_needs_exactly_one_nonzero_integer_position(
    arguments: dict[str, object],
) -> None:
    """Anchor refuses a zero position, both or neither of workday/day, non-ints and bad rolls."""
    with pytest.raises(InvalidArgument):
        Anchor(**arguments)  # type: ignore[arg-type]


def test_occurrences_refuse_a_window_that_ends_before_it_starts() -> None:
    """last < first raises InvalidArgument naming last."""
    check = Cadence(name="一月一查", every=Frequency.MONTHLY)

    with pytest.raises(InvalidArgument) as caught:
        check.occurrences(date(2026, 5, 1), date(2026, 4, 30), CHINA)

    assert caught.value.name == "last"


@pytest.mark.parametrize(
    "arguments",
    [
        {"name": "", "every": Frequency.MONTHLY},
        {"name": "一月一查", "every": "monthly"},
        {"name": "一月一查", "every": Frequency.MONTHLY, "anchor": 1},
    ],
)
def test_a_cadence_refuses_a_blank_name_or_values_of_the_wrong_type(
    arguments: dict[str, object],
) -> None:
    """Cadence needs a name, a Frequency and an Anchor."""
    with pytest.raises(InvalidArgument):
        Cadence(**arguments)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- bad arguments


MOMENT = datetime(2026, 5, 6, 9, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: CHINA.is_workday(MOMENT), "day"),
        (lambda: CHINA.is_workday(MOMENT.replace(tzinfo=None)), "day"),
        (lambda: CHINA.is_workday("2026-05-06"), "day"),
        (lambda: CHINA.holiday_name(MOMENT), "day"),
        (lambda: CHINA.add_workdays(MOMENT, 1), "day"),
        (lambda: CHINA.add_workdays(MOMENT, 0), "day"),
        (lambda: CHINA.add_workdays(pendulum.now("UTC"), -1), "day"),
        (lambda: CHINA.workdays_between(MOMENT, date(2026, 5, 8)), "start"),
        (lambda: CHINA.workdays_between(date(2026, 5, 8), MOMENT), "end"),
        (lambda: CHINA.workdays_in(MOMENT, date(2026, 5, 8)), "first"),
        (
            lambda: Cadence(name="x", every=Frequency.WEEKLY).occurrences(
                MOMENT, date(2026, 6, 1), CHINA
            ),
            "first",
        ),
    ],
)
def test_a_datetime_where_a_date_is_expected_is_refused_naming_the_parameter(
    call: Callable[[], object], name: str
) -> None:
    """Calendar queries take dates; a datetime (or text) raises InvalidArgument naming it."""
    with pytest.raises(InvalidArgument) as caught:
        call()

    assert caught.value.name == name


@pytest.mark.parametrize("n", [1.5, 1.0, True, False, "3", None])
def test_a_workday_count_that_is_not_an_int_is_refused(n: object) -> None:
    """add_workdays needs an int n: floats, bools, text and None raise InvalidArgument."""
    with pytest.raises(InvalidArgument) as caught:
        CHINA.add_workdays(date(2026, 5, 6), n)  # type: ignore[arg-type]

    assert caught.value.name == "n"


@pytest.mark.parametrize(
    "error",
    [InvalidArgument, InvalidDefinition, CalendarCoverageError, LoadError],
)
def test_every_calendar_error_is_a_xingfeng_error(error: type[Exception]) -> None:
    """One except XingfengError clause catches every refusal of the calendar module."""
    assert issubclass(error, XingfengError)


@given(day=strategies.covered_days, n=st.one_of(st.floats(), st.booleans(), st.text()))
def test_any_non_int_count_is_refused_with_a_xingfeng_error(day: date, n: object) -> None:
    """Whatever the day, a count that is not an int raises InvalidArgument naming n."""
    with pytest.raises(InvalidArgument) as caught:
        CHINA.add_workdays(day, n)  # type: ignore[arg-type]

    assert caught.value.name == "n"


# --------------------------------------------------------------------------- regressions

#: Days outside 2004–2026, which the China calendar does not cover.
uncovered_days = st.one_of(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2003, 12, 31)),
    st.dates(min_value=date(2027, 1, 1), max_value=date(2200, 12, 31)),
)


def test_a_weekly_first_workday_is_dated_in_a_week_that_reaches_past_coverage() -> None:
    """The week of 2026-12-28 runs into 2027, yet its first working day is known: it is dated."""
    cadence = Cadence(name="x", every=Frequency.WEEKLY)

    found = cadence.occurrences(date(2026, 12, 28), date(2026, 12, 31), CHINA)

    assert [o.on for o in found] == [date(2026, 12, 28)]
    assert (found[0].period_first, found[0].period_last) == (date(2026, 12, 28), date(2027, 1, 3))


def test_a_weekly_last_workday_that_needs_an_uncovered_year_raises_coverage_error() -> None:
    """The last working day of the week of 2026-12-28 depends on 2027, which China lacks."""
    cadence = Cadence(name="x", every=Frequency.WEEKLY, anchor=Anchor.last_workday())

    with pytest.raises(CalendarCoverageError) as caught:
        cadence.occurrences(date(2026, 12, 28), date(2026, 12, 31), CHINA)

    assert caught.value.year == 2027


@given(day=strategies.roomy_days, n=st.integers(min_value=0, max_value=30))
def test_workdays_between_undoes_adding_any_non_negative_count_from_any_day(
    day: date, n: int
) -> None:
    """workdays_between(d, add_workdays(d, n)) == n for every d, working or not, and n >= 0."""
    later = CHINA.add_workdays(day, n)

    assert CHINA.workdays_between(day, later) == n


@given(day=strategies.roomy_days, n=st.integers(min_value=-30, max_value=-1))
def test_workdays_between_undoes_subtracting_workdays_from_a_working_day(day: date, n: int) -> None:
    """For a working day d and n < 0, workdays_between(d, add_workdays(d, n)) == n."""
    assume(CHINA.is_workday(day))

    earlier = CHINA.add_workdays(day, n)

    assert CHINA.workdays_between(day, earlier) == n


def test_adding_zero_workdays_to_an_uncovered_day_raises_coverage_error() -> None:
    """add_workdays(date(2030, 1, 1), 0) checks coverage like any other count."""
    with pytest.raises(CalendarCoverageError) as caught:
        CHINA.add_workdays(date(2030, 1, 1), 0)

    assert caught.value.year == 2030


@given(day=uncovered_days)
def test_adding_zero_workdays_to_any_uncovered_day_raises_coverage_error(day: date) -> None:
    """Coverage is checked even for n == 0: the answer is never given for an unknown year."""
    with pytest.raises(CalendarCoverageError):
        CHINA.add_workdays(day, 0)


@pytest.mark.parametrize(
    "limit",
    [
        TimeLimit.calendar_days(10**7),
        TimeLimit.hours(10**9),
        TimeLimit.working_days(10**7),
    ],
    ids=lambda limit: limit.label,
)
def test_a_limit_too_long_for_the_calendar_raises_a_xingfeng_error(limit: TimeLimit) -> None:
    """A deadline past any date is refused as InvalidArgument or CalendarCoverageError."""
    start = pendulum.datetime(2026, 5, 6, 9, tz="Asia/Shanghai")

    with pytest.raises((InvalidArgument, CalendarCoverageError)):
        limit.due(from_=start, calendar=CHINA)


@given(
    moment=strategies.moments,
    limit=st.one_of(
        st.builds(TimeLimit.calendar_days, st.integers(min_value=3_000_000, max_value=10**12)),
        st.builds(TimeLimit.hours, st.integers(min_value=10**8, max_value=10**15)),
    ),
    calendar=st.sampled_from([CHINA, CHINA_OR_WEEKDAYS, WorkCalendar.weekdays()]),
)
def test_a_limit_reaching_past_year_9999_is_refused_with_a_xingfeng_error(
    moment: datetime, limit: TimeLimit, calendar: WorkCalendar
) -> None:
    """Overflowing day or hour limits never escape as OverflowError or ValueError."""
    with pytest.raises((InvalidArgument, CalendarCoverageError)):
        limit.due(from_=moment, calendar=calendar)


@pytest.mark.parametrize(
    "call",
    [
        lambda: WorkCalendar(name="x", schedules=None),  # type: ignore[arg-type]
        lambda: WorkCalendar(name="x", schedules=[5]),  # type: ignore[list-item]
        lambda: Holiday(
            name="a",
            first=date(2030, 1, 1),
            last=date(2030, 1, 1),
            makeup=None,  # type: ignore[arg-type]
        ),
        lambda: Holiday(
            name="a",
            first=date(2030, 1, 1),
            last=date(2030, 1, 1),
            makeup=date(2030, 1, 5),  # type: ignore[arg-type]
        ),
        lambda: YearSchedule(year=10000, holidays=()),
        lambda: YearSchedule(year=0, holidays=()),
        lambda: YearSchedule(year=2030, holidays=None),  # type: ignore[arg-type]
    ],
    ids=[
        "calendar schedules None",
        "calendar schedules [5]",
        "holiday makeup None",
        "holiday makeup a bare date",
        "schedule year 10000",
        "schedule year 0",
        "schedule holidays None",
    ],
)
def test_a_calendar_value_of_the_wrong_type_raises_a_xingfeng_error(
    call: Callable[[], object],
) -> None:
    """Calendar constructors refuse wrong types as InvalidArgument or InvalidDefinition."""
    with pytest.raises((InvalidArgument, InvalidDefinition)):
        call()


def test_parse_schedules_refuses_bytes_with_invalid_argument() -> None:
    """The caller decodes the file: bytes are refused with InvalidArgument, not TypeError."""
    with pytest.raises(InvalidArgument):
        parse_schedules(b"year = 2027\nholidays = []")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("years = 5", "toml"),
        ('years = "2027"', "toml"),
        ("[[years]]\nyear = 2027", "toml"),
        ('{"years": [{"year": "2027", "holidays": []}]}', "json"),
    ],
)
def test_a_bad_years_file_raises_a_load_error_without_private_names(text: str, fmt: str) -> None:
    """A LoadError for a [[years]] file speaks of year schedules, never of the private _Years."""
    with pytest.raises(LoadError) as caught:
        parse_schedules(text, format=fmt)

    assert "_Years" not in str(caught.value)
    assert caught.value.errors
