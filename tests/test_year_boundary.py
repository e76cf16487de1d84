"""Across the year end: provisional deadlines, adopting a newly published schedule, and
commands that stay atomic when a deadline runs into a year the calendar does not know.

The bundled calendar ends with 2026.  The 2027 schedules here are fictional (示例，非国务院
公布的安排): what matters is that the library did not know them when the work came in.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import strategies as s
from xingfeng import (
    AnswerPolicy,
    CalendarAdopted,
    Campaign,
    CommandRefused,
    Deadline,
    Event,
    Holiday,
    InvalidArgument,
    LimitUnit,
    MeasureAdded,
    Opinion,
    Source,
    TimeLimit,
    WorkCalendar,
    YearSchedule,
    circular,
    from_json,
    parse_schedules,
    stage_report,
    to_json,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))
import gas_company

ZONE = "Asia/Shanghai"
CHINA = WorkCalendar.china()

#: A fictional 2027 (示例): 元旦 1–3 January, 春节 6–12 February with Saturday 20 February worked.
FICTIONAL_2027_TOML = """
year = 2027
holidays = [
  { name = "元旦", first = 2027-01-01, last = 2027-01-03 },
  { name = "春节", first = 2027-02-06, last = 2027-02-12, makeup = [2027-02-20] },
]
"""
(FICTIONAL_2027,) = parse_schedules(FICTIONAL_2027_TOML)
WITH_2027 = CHINA.extended(FICTIONAL_2027)


def at(day: date, hour: int = 10) -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, hour, tz=ZONE)


def december() -> list[date]:
    return [date(2026, 12, 1) + timedelta(days=i) for i in range(31)]


def gas_campaign() -> Campaign:
    """The gas-company example's campaign, launched and through its first stage."""
    return gas_company.launch(gas_company.organisation())


def rater_opinion(key: str, moment: datetime, unit: str = "billing") -> Opinion:
    return Opinion(id=key, source=Source.RATER, text="意见", unit=unit, received_at=moment)


def assert_unchanged(campaign: Campaign, count: int) -> None:
    assert campaign.event_count == count
    assert Campaign.replay(campaign.events) == campaign


# ---- the "done when"


def test_the_gas_company_takes_an_opinion_on_every_day_of_december_and_adopts_2027() -> None:
    """Every day of December 2026 an opinion is accepted, the campaign equals its replay after
    each; adopting 2027 by a recorded command gives each deadline the schedule's day; the log
    survives JSON."""
    campaign = gas_campaign()
    policy = campaign.plan.answers
    for day in december():
        campaign.receive_opinion(rater_opinion(f"D{day.day}", at(day)), at=at(day), by="lai")
        assert Campaign.replay(campaign.events) == campaign
    provisional = {d.day for d in december() if campaign.answer_deadline(f"D{d.day}").provisional}
    # 15 working days from 11 December reach 2027: from then on the deadline is provisional.
    assert min(provisional) == 11
    assert provisional == set(range(11, 32))
    assert str(campaign.answer_deadline("D11")) == "2027-01-01（暂定）"
    assert campaign.uncovered_years() == (2027,)

    campaign.adopt_calendar(WITH_2027, at=at(date(2026, 12, 31), 16), by="lai")

    assert isinstance(campaign.events[-1], CalendarAdopted)
    assert campaign.uncovered_years() == ()
    for day in december():
        expected = policy.default.last_day(from_=at(day), calendar=WITH_2027)
        assert campaign.answer_deadline(f"D{day.day}") == Deadline(day=expected)
    # 元旦 1–3 January 2027 is a rest day in the adopted schedule: D11 moves to 4 January.
    assert campaign.answer_deadline("D11") == Deadline(day=date(2027, 1, 4))
    loaded = from_json(to_json(campaign.events), tuple[Event, ...])
    assert Campaign.replay(loaded) == campaign


def test_a_measure_with_a_limit_reaching_2027_is_set_provisionally_and_redated() -> None:
    """add_measure with 20 working days on 4 December is accepted, provisionally; adopting
    2027 moves it to the day the schedule gives and marks it definitive."""
    campaign = gas_campaign()
    day = date(2026, 12, 4)
    campaign.record_problem(
        "PX", unit="billing", title="窗口排队长", owner="qiu", at=at(day, 9), by="lai"
    )
    campaign.add_measure(
        "MX",
        problem="PX",
        title="跨年整改",
        owner="qiu",
        due=TimeLimit.working_days(20),
        at=at(date(2026, 12, 4)),
        by="lai",
    )
    measure = campaign.measures["MX"]
    assert measure.provisional
    assert measure.deadline_label == "2027-01-01（暂定）"
    assert [i.id for i in campaign.provisional_deadlines(date(2026, 12, 4))] == ["MX"]

    campaign.adopt_calendar(WITH_2027, at=at(date(2026, 12, 5)), by="lai")

    measure = campaign.measures["MX"]
    assert (measure.due, measure.provisional) == (date(2027, 1, 4), False)
    assert campaign.provisional_deadlines(date(2026, 12, 5)) == ()
    assert Campaign.replay(campaign.events) == campaign


# ---- the rules, in general


@given(
    start=st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)),
    hour=st.integers(min_value=0, max_value=23),
    limit=s.time_limits,
)
def test_a_deadline_is_provisional_exactly_when_it_needs_an_unknown_year(
    start: date, hour: int, limit: TimeLimit
) -> None:
    """From a known day, a deadline is provisional iff it falls in a year the calendar does not
    know (hours and same-day limits never are); it is the definitive count when there is one,
    and the weekday stand-in's count otherwise."""
    moment = at(start, hour)
    try:
        found = limit.deadline(from_=moment, calendar=CHINA)
    except InvalidArgument:
        return  # beyond the year 9999
    counts_days = limit.unit in (LimitUnit.WORKING_DAYS, LimitUnit.CALENDAR_DAYS)
    assert found.provisional == (counts_days and found.day.year not in CHINA.years)
    counter = CHINA.stand_in() if found.provisional else CHINA
    assert found.day == limit.last_day(from_=moment, calendar=counter)


@given(day=s.covered_days)
def test_the_stand_in_agrees_with_the_calendar_on_every_day_it_knows(day: date) -> None:
    """Counting provisionally never changes a known day: the stand-in differs only outside the
    covered years, where Monday to Friday work."""
    assert CHINA.stand_in().is_workday(day) == CHINA.is_workday(day)
    later = date(2027, 1, 1) + timedelta(days=(day - s.FIRST_DAY).days % 3000)
    assert CHINA.stand_in().is_workday(later) == (later.weekday() < 5)


@given(
    schedule=s.year_schedules(2027),
    days=st.lists(
        st.dates(min_value=date(2026, 11, 16), max_value=date(2027, 1, 20)),
        min_size=1,
        max_size=8,
    ),
    limit=st.integers(min_value=1, max_value=40).map(TimeLimit.working_days)
    | st.integers(min_value=1, max_value=60).map(TimeLimit.calendar_days),
)
def test_adopting_a_schedule_redates_provisional_deadlines_and_no_other(
    schedule: YearSchedule, days: list[date], limit: TimeLimit
) -> None:
    """After adoption every answer deadline is the new calendar's count; the ones that were
    definitive are unchanged, and none stays provisional if the new calendar covers it."""
    plan = attrs.evolve(
        gas_campaign().plan,
        answers=AnswerPolicy(default=limit),
        last=date(2027, 3, 31),
    )
    campaign = Campaign.launch(plan, at=at(date(2026, 3, 2)), by="lai")
    for number, day in enumerate(sorted(days)):
        campaign.receive_opinion(rater_opinion(f"O{number}", at(day)), at=at(day), by="lai")
    before = {key: campaign.answer_deadline(key) for key in campaign.opinions}
    new = CHINA.extended(schedule)

    campaign.adopt_calendar(new, at=at(max(days), 18), by="lai")

    for key, opinion in campaign.opinions.items():
        now = campaign.answer_deadline(key)
        assert now == limit.deadline(from_=opinion.received_at, calendar=new)
        if not before[key].provisional:
            assert now == before[key]
        assert now.provisional == (now.day.year not in new.years)
    assert Campaign.replay(campaign.events) == campaign


@given(
    moment=st.builds(
        at,
        st.dates(min_value=date(2026, 4, 1), max_value=date(9999, 12, 31)),
        st.integers(min_value=0, max_value=23),
    )
)
def test_a_refused_opinion_leaves_no_trace_whatever_the_day(moment: datetime) -> None:
    """An opinion for an unknown unit is refused on any day, far years included, and the
    campaign equals the replay of its unchanged log; a valid one on the same day is taken."""
    campaign = gas_campaign()
    when = moment
    count = campaign.event_count
    with pytest.raises(CommandRefused):
        campaign.receive_opinion(rater_opinion("X", when, unit="nowhere"), at=when, by="lai")
    assert_unchanged(campaign, count)
    try:
        campaign.plan.answers.default.deadline(from_=when, calendar=CHINA)
    except InvalidArgument:  # a deadline beyond what dates hold is refused, without a trace
        with pytest.raises(CommandRefused, match="9999"):
            campaign.receive_opinion(rater_opinion("X", when), at=when, by="lai")
        assert_unchanged(campaign, count)
        return
    campaign.receive_opinion(rater_opinion("X", when), at=when, by="lai")
    assert campaign.event_count == count + 1


# ---- bad input: each refused, nothing changes


def _contradicting() -> WorkCalendar:
    altered = YearSchedule(
        year=2026,
        holidays=[
            *next(y for y in CHINA.schedules if y.year == 2026).holidays,
            Holiday(name="虚构假日", first=date(2026, 12, 31), last=date(2026, 12, 31)),
        ],
    )
    years = [y for y in CHINA.schedules if y.year != 2026]
    return WorkCalendar(name="china", schedules=[*years, altered, FICTIONAL_2027])


@pytest.mark.parametrize(
    ("offer", "reason"),
    [
        (_contradicting(), "2026-12-31 在现行日历中是工作日"),
        (attrs.evolve(WITH_2027, zone="Asia/Tokyo"), "时区不同"),
        (WorkCalendar.weekdays(), "新日历缺少现行日历已有的年份"),
        (
            WorkCalendar(
                name="other",
                schedules=[YearSchedule(year=y, holidays=()) for y in range(2004, 2028)],
            ),
            "在现行日历中是休息日",
        ),  # another country's: none of China's holidays
        (CHINA, "没有现行日历"),
        ("2027年节假日安排", "不是日历"),
    ],
    ids=["contradicts-2026", "other-zone", "weekdays", "other-country", "nothing-new", "text"],
)
def test_a_calendar_that_changes_published_facts_or_adds_nothing_is_refused(
    offer: object, reason: str
) -> None:
    """Adoption refuses a calendar that disagrees on a known day, another zone, one missing
    known years, one that adds no year, and anything not a calendar; nothing changes."""
    campaign = gas_campaign()
    campaign.receive_opinion(
        rater_opinion("D", at(date(2026, 12, 20))), at=at(date(2026, 12, 20)), by="lai"
    )
    count = campaign.event_count
    with pytest.raises(CommandRefused, match=reason):
        campaign.adopt_calendar(offer, at=at(date(2026, 12, 21)), by="lai")  # type: ignore[arg-type]
    assert_unchanged(campaign, count)
    assert campaign.answer_deadline("D").provisional


def test_adoption_after_the_campaign_concluded_is_refused() -> None:
    """A concluded campaign accepts no calendar either."""
    campaign = Campaign.launch(
        attrs.evolve(gas_campaign().plan, stages=gas_campaign().plan.stages[:1]),
        at=at(date(2026, 3, 2)),
        by="lai",
    )
    campaign.hold_activity("mobilisation", at=at(date(2026, 3, 5)), by="lai")
    report = stage_report(campaign, on=date(2026, 3, 31)).filing
    campaign.advance(at=at(date(2026, 3, 31), 17), by="lai", report=report)
    assert campaign.concluded
    count = campaign.event_count
    with pytest.raises(CommandRefused, match="concluded"):
        campaign.adopt_calendar(WITH_2027, at=at(date(2026, 12, 1)), by="lai")
    assert_unchanged(campaign, count)


def test_adoption_by_someone_outside_the_chain_or_back_in_time_is_refused() -> None:
    """The usual command checks hold for adoption too."""
    campaign = gas_campaign()
    count = campaign.event_count
    with pytest.raises(CommandRefused, match="在责任链上不担任职务"):
        campaign.adopt_calendar(WITH_2027, at=at(date(2026, 12, 1)), by="visitor")
    with pytest.raises(CommandRefused, match="记录只能按时间向前"):
        campaign.adopt_calendar(WITH_2027, at=at(date(2026, 3, 1)), by="lai")
    assert_unchanged(campaign, count)


def test_a_forged_measure_whose_due_is_not_its_limit_is_refused_on_replay() -> None:
    """A MeasureAdded that says 20 working days but carries another day cannot be replayed."""
    campaign = gas_company.launch(gas_company.organisation())
    gas_company.self_inspect_and_listen(campaign)
    gas_company.rectify(campaign)
    events = list(campaign.events)
    added = next(e for e in events if isinstance(e, MeasureAdded))
    forged = attrs.evolve(added, limit=TimeLimit.working_days(1))
    with pytest.raises(Exception, match="起算 1个工作日所得的期限"):
        Campaign.replay([*events[: events.index(added)], forged])


# ---- where deadlines show


def test_coverage_is_visible_on_the_plan_and_the_campaign() -> None:
    """A plan running into 2027 is allowed and says which years are uncovered."""
    plan = attrs.evolve(gas_campaign().plan, last=date(2027, 6, 30))
    assert plan.uncovered_years == (2027,)
    assert attrs.evolve(plan, calendar=WITH_2027).uncovered_years == ()
    assert attrs.evolve(plan, calendar=WorkCalendar.weekdays()).uncovered_years == ()
    assert CHINA.uncovered_years(date(2025, 5, 1), date(2028, 1, 1)) == (2027, 2028)


def test_due_lists_ledger_and_reports_mark_provisional_deadlines() -> None:
    """Overdue and due-soon rows say which deadlines are provisional; the ledger has a 时限暂定
    column; the stage report explains them; the circular marks an overdue one 暂定."""
    campaign = gas_campaign()
    for day in (date(2026, 12, 1), date(2026, 12, 14)):
        campaign.receive_opinion(rater_opinion(f"D{day.day}", at(day)), at=at(day), by="lai")
    soon = campaign.due_soon(date(2026, 12, 14), 30)
    assert [(i.id, i.provisional, i.due_label) for i in soon] == [
        ("D1", False, "2026-12-22"),
        ("D14", True, "2027-01-04（暂定）"),
    ]
    late = campaign.overdue(date(2027, 1, 10))
    assert [(i.id, i.provisional) for i in late] == [("D1", False), ("D14", True)]

    report = stage_report(campaign, on=date(2026, 12, 14)).report
    (note,) = report.section("整改落实情况").paragraphs
    assert note.startswith("截至2026年12月14日，有1项整改、答复期限跨入2027年")
    assert "暂按周一至周五为工作日计算" in note

    notice = circular(campaign, since=date(2026, 12, 1), on=date(2027, 1, 10))
    items = notice.section("工作要求").items
    assert any("应于2027年1月4日（暂定）完成" in item for item in items)
    assert any("应于2026年12月22日完成" in item for item in items)


def test_deadline_values_print_their_mark_and_refuse_nonsense() -> None:
    """Deadline is a value: its label, ordering and validation."""
    assert Deadline(day=date(2027, 1, 1), provisional=True).label == "2027-01-01（暂定）"
    assert str(Deadline(day=date(2026, 12, 31))) == "2026-12-31"
    assert Deadline(day=date(2026, 12, 31)) < Deadline(day=date(2027, 1, 1))
    with pytest.raises(InvalidArgument):
        Deadline(day="2027-01-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument):
        Deadline(day=date(2027, 1, 1), provisional="是")  # type: ignore[arg-type]
