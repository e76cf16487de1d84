"""Hypothesis strategies for xingfeng's value types: the one place tests get their data.

Strategies that host applications may use too live in :mod:`xingfeng.testing`; those of its
private pieces the tests need as well are imported from there, so each is defined once.
"""

from __future__ import annotations

import functools
import random
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

import attrs
import pendulum
from hypothesis import strategies as st

from xingfeng import (
    Assignment,
    Duty,
    DutyGraph,
    Frequency,
    Holiday,
    Liability,
    LiabilityKind,
    LiabilityPolicy,
    Organization,
    OutsidePolicy,
    Person,
    Post,
    Posting,
    ResponsibilityChain,
    Supervision,
    Unit,
    UnitKind,
    WorkCalendar,
    YearSchedule,
    testing,
)
from xingfeng.testing import (
    _bytes,
    _Choices,
    _distinct_activities,
    _gates,
    _stage_lists,
)

# Pieces of xingfeng.testing's public strategies that tests use on their own.
activities = testing._activities
aggravations = testing._aggravations
anchors = testing._anchors
answer_policies = testing._answer_policies
cadences = testing._cadences
decision_numbers = testing._numbers
escalations = testing._escalations
ids = testing._ids
ladder_escalations = testing._ladder_escalations
liability_policies = testing._liability_policies
moments = testing._moments
multiply_escalations = testing._multiply_escalations
names = testing._names
nonzero_positions = testing._nonzero_positions
rank_goals = testing._rank_goals
rate_goals = testing._rate_goals
sanctions = testing._sanctions
time_limits = testing._time_limits
words = testing._words

CHINA = WorkCalendar.china()
FIRST_DAY = date(2004, 1, 1)
LAST_DAY = date(2026, 12, 31)
ZONES = testing._ZONES

#: Any day the China calendar covers.
covered_days = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)

#: Days far enough from the end of 2026 that adding a few weeks of workdays stays covered.
inner_days = st.dates(min_value=FIRST_DAY, max_value=date(2026, 10, 31))


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


# --------------------------------------------------------------------------- organisations

units = st.builds(
    Unit,
    id=ids,
    name=names,
    kind=st.sampled_from(UnitKind),
    parent=st.none() | ids,
)
people = st.builds(Person, id=ids, name=names)
postings = st.builds(
    Posting,
    person=ids,
    unit=ids,
    post=st.sampled_from(Post),
    in_charge_of=st.frozensets(ids, max_size=3),
    home_unit=st.none() | ids,
)
supervisions = st.builds(Supervision, office=ids, units=st.frozensets(ids, max_size=4))
assignments = st.builds(Assignment, driver=ids, driven=ids)
liabilities = st.builds(
    Liability,
    holder=ids,
    kind=st.sampled_from(LiabilityKind),
    post=st.sampled_from(Post),
    unit=ids,
)


def organizations(max_units: int = 40) -> st.SearchStrategy[Organization]:
    """Organisations of :func:`xingfeng.testing.organizations`, up to ``max_units`` units (40
    by default: some rules only show in a wide or deep tree)."""
    return testing.organizations(max_units=max_units)


_any_organization = organizations()


def chains(
    organizations: st.SearchStrategy[Organization] | None = None,
) -> st.SearchStrategy[ResponsibilityChain]:
    """Chains of :func:`xingfeng.testing.responsibility_chains`, strict or not, over
    ``organizations`` (up to 40 units by default)."""
    return testing.responsibility_chains(
        _any_organization if organizations is None else organizations
    )


@st.composite
def narrower_policies(draw: st.DrawFn, wider: LiabilityPolicy) -> LiabilityPolicy:
    """A policy reaching no further than ``wider`` on each of levels, posts and supervision."""
    most = 8 if wider.levels is None else wider.levels
    posts = sorted(wider.posts, key=lambda post: post.value)
    return LiabilityPolicy(
        levels=draw(
            (st.none() if wider.levels is None else st.nothing())
            | st.integers(min_value=0, max_value=most)
        ),
        posts=frozenset(draw(st.lists(st.sampled_from(posts)))) if posts else frozenset(),
        supervision=wider.supervision and draw(st.booleans()),
    )


# --------------------------------------------------------------------------- duties

_DUTY_TITLES = ("动员大会", "自查自纠", "整改方案", "整改落实", "转段报告", "问卷调查", "回访")
duty_ids = st.text(alphabet="abcdz019查改实", min_size=1, max_size=4)
_OWNERS = ("top", "hu1", "d0", "外人")
_DUTY_ID_CHARS = "abcz09查改实"
duties = st.builds(
    Duty,
    id=duty_ids,
    title=st.sampled_from(_DUTY_TITLES),
    owner=ids,
    prerequisites=st.frozensets(duty_ids, max_size=3),
)


@st.composite
def duty_lists(draw: st.DrawFn, owners: st.SearchStrategy[str] | None = None) -> list[Duty]:
    """0–25 duties with distinct ids forming a DAG, listed in random order.

    Each duty's prerequisites are drawn among the duties generated before it, so no cycle can
    arise; the listing is then shuffled, so the generation order is not the listed one.
    """
    pick = _Choices(draw(_bytes(200)))
    # A random prefix and the position: distinct ids whose sorted order is not the
    # generation order, so ties in order() are really broken by id.
    chosen = [
        f"{_DUTY_ID_CHARS[pick.below(len(_DUTY_ID_CHARS))]}{i}" for i in range(pick.below(26))
    ]
    found = [
        Duty(
            id=duty_id,
            title=_DUTY_TITLES[pick.below(len(_DUTY_TITLES))],
            owner=_OWNERS[pick.below(len(_OWNERS))] if owners is None else draw(owners),
            prerequisites=frozenset(chosen[pick.below(i)] for _ in range(pick.below(4)) if i),
        )
        for i, duty_id in enumerate(chosen)
    ]
    random.Random(pick.below(256)).shuffle(found)
    return found


#: Valid duty graphs over ``duty_lists``.
duty_graphs = duty_lists().map(lambda listed: DutyGraph(duties=tuple(listed)))


def gas_company() -> Organization:
    """A small example organisation in the shape of seed 000 (a gas company).

    燃气公司 ``gas`` (top leader 王 ``wang``, deputy 李 ``li`` in charge of the customer
    service centre) → 客服中心 ``svc`` (head 张 ``zhang``) → 营业厅 ``hall`` (head 陈
    ``chen``, staff 孙 ``sun`` seconded from 市纪委); 计量科 ``meter`` (head 刘 ``liu``, staff
    周 ``zhou``); 监督管理办公室 ``jgb`` (head 赵 ``zhao``) supervising ``svc`` and below.
    王 also heads the leading group; 吴 ``wu`` is an outside conduct supervisor.
    """
    return Organization(
        units=(
            Unit(id="gas", name="燃气公司", kind=UnitKind.ORGANIZATION),
            Unit(id="svc", name="客服中心", kind=UnitKind.BRANCH, parent="gas"),
            Unit(id="hall", name="营业厅", kind=UnitKind.WINDOW, parent="svc"),
            Unit(id="meter", name="计量科", kind=UnitKind.SECTION, parent="gas"),
            Unit(id="jgb", name="监督管理办公室", kind=UnitKind.SUPERVISION_OFFICE, parent="gas"),
        ),
        people=tuple(
            Person(id=pid, name=name)
            for pid, name in [
                ("wang", "王总经理"),
                ("li", "李副总经理"),
                ("zhang", "张主任"),
                ("chen", "陈班长"),
                ("sun", "孙科员"),
                ("liu", "刘科长"),
                ("zhou", "周科员"),
                ("zhao", "赵主任"),
                ("wu", "吴监督员"),
            ]
        ),
        postings=(
            Posting(person="wang", unit="gas", post=Post.TOP_LEADER),
            Posting(person="wang", unit="gas", post=Post.LEADING_GROUP_HEAD),
            Posting(person="li", unit="gas", post=Post.DEPUTY, in_charge_of={"svc"}),
            Posting(person="zhang", unit="svc", post=Post.FIRST_RESPONSIBLE),
            Posting(person="chen", unit="hall", post=Post.FIRST_RESPONSIBLE),
            Posting(person="sun", unit="hall", post=Post.STAFF, home_unit="市纪委"),
            Posting(person="liu", unit="meter", post=Post.FIRST_RESPONSIBLE),
            Posting(person="zhou", unit="meter", post=Post.STAFF),
            Posting(person="zhao", unit="jgb", post=Post.FIRST_RESPONSIBLE),
            Posting(person="wu", unit="gas", post=Post.CONDUCT_SUPERVISOR, home_unit="市纪委"),
        ),
        supervision=(Supervision(office="jgb", units={"svc"}),),
    )


# --------------------------------------------------------------------------- campaigns

from decimal import Decimal  # noqa: E402

from xingfeng import (  # noqa: E402
    ActivityHeld,
    AnswerMode,
    CalendarAdopted,
    CampaignConcluded,
    CampaignLaunched,
    Difficulty,
    ExtensionApproved,
    ExtensionRequested,
    Measure,
    MeasureAdded,
    MeasureCompleted,
    MeasureExtended,
    MeasureKind,
    OpinionAnswered,
    OpinionReceived,
    OpinionsMerged,
    OpinionVerdictGiven,
    Problem,
    ProblemAssigned,
    ProblemClosed,
    ProblemRecorded,
    ProblemReopened,
    ProblemState,
    ProblemVerified,
    RankGoal,
    SatisfactionRecorded,
    SelfInspectionSubmitted,
    Severity,
    StageAdvanced,
    StageReport,
    StageReportFiled,
    StageTemplate,
    TemplateStage,
    TiePolicy,
    Urgency,
    Verdict,
)

campaign_days = st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31))

#: Any built-in gate, naming any units.
gates = _gates(ids)

stage_reports = st.builds(
    StageReport,
    summary=words,
    figures=st.dictionaries(words, st.integers(min_value=0, max_value=10_000), max_size=4),
    open_problems=st.lists(ids, max_size=4).map(tuple),
    next_plan=st.just("") | words,
)


template_stages = st.builds(
    TemplateStage,
    key=ids,
    name=words,
    activities=_distinct_activities(),
    gates=st.lists(gates, max_size=3).map(tuple),
)

stage_templates = st.one_of(
    st.just(StageTemplate.appraisal()),
    st.just(StageTemplate.five_characters()),
    st.builds(StageTemplate, name=words, stages=st.lists(template_stages, min_size=1, max_size=4)),
)


#: Single stages, as the first of a plan's stages.
stages = _stage_lists().map(lambda plan: plan[0])

campaign_plans = testing.campaign_plans


problems = st.builds(
    Problem,
    id=ids,
    unit=ids,
    title=words,
    recorded_at=moments,
    category=st.none() | ids,
    severity=st.sampled_from(Severity),
    urgency=st.sampled_from(Urgency),
    difficulty=st.sampled_from(Difficulty),
    opinions=st.lists(ids, max_size=3).map(tuple),
    owner=st.none() | ids,
    state=st.sampled_from(ProblemState),
)
measures = st.builds(
    Measure,
    id=ids,
    problem=ids,
    title=words,
    owner=ids,
    due=campaign_days,
    kind=st.sampled_from(MeasureKind),
    depends_on=st.lists(ids, max_size=2).map(tuple),
    unit=st.none() | ids,
    extended_to=st.none() | campaign_days,
    done_at=st.none() | moments,
    evidence=st.none() | words,
).flatmap(
    # Only a deadline no extension fixed can be provisional.
    lambda m: (
        st.just(m)
        if m.extended_to is not None
        else st.booleans().map(lambda provisional: attrs.evolve(m, provisional=provisional))
    )
)

_event = functools.partial(st.builds, at=moments, by=ids)
events = {
    ActivityHeld: _event(ActivityHeld, stage=ids, activity=ids),
    CampaignConcluded: _event(
        CampaignConcluded, closed=ids, overran_by=st.integers(min_value=0, max_value=99)
    ),
    CampaignLaunched: _event(CampaignLaunched, plan=campaign_plans()),
    ExtensionApproved: _event(ExtensionApproved, measure=ids, until=campaign_days),
    ExtensionRequested: _event(ExtensionRequested, measure=ids, until=campaign_days, reason=words),
    MeasureAdded: _event(
        MeasureAdded,
        measure=ids,
        problem=ids,
        title=words,
        owner=ids,
        due=campaign_days,
        kind=st.sampled_from(MeasureKind),
        depends_on=st.lists(ids, max_size=2).map(tuple),
        unit=st.none() | ids,
        limit=st.none() | time_limits,
    ),
    CalendarAdopted: _event(CalendarAdopted, calendar=calendars()),
    MeasureCompleted: _event(MeasureCompleted, measure=ids, evidence=words),
    MeasureExtended: _event(
        MeasureExtended,
        measure=ids,
        copies=st.lists(st.tuples(ids, ids, ids), min_size=1, max_size=3).map(tuple),
    ),
    OpinionAnswered: _event(
        OpinionAnswered, opinion=ids, mode=st.sampled_from(AnswerMode), summary=words
    ),
    OpinionReceived: st.deferred(lambda: _event(OpinionReceived, opinion=opinions())),
    OpinionVerdictGiven: _event(OpinionVerdictGiven, opinion=ids, verdict=st.sampled_from(Verdict)),
    OpinionsMerged: _event(
        OpinionsMerged, problem=ids, opinions=st.lists(ids, min_size=1, max_size=3).map(tuple)
    ),
    ProblemAssigned: _event(ProblemAssigned, problem=ids, owner=ids),
    ProblemClosed: _event(ProblemClosed, problem=ids),
    ProblemRecorded: _event(
        ProblemRecorded,
        problem=ids,
        unit=ids,
        title=words,
        category=st.none() | ids,
        severity=st.sampled_from(Severity),
        urgency=st.sampled_from(Urgency),
        difficulty=st.sampled_from(Difficulty),
        opinions=st.lists(ids, max_size=3).map(tuple),
        owner=st.none() | ids,
    ),
    ProblemReopened: _event(ProblemReopened, problem=ids, reason=words),
    ProblemVerified: _event(ProblemVerified, problem=ids, note=words),
    SatisfactionRecorded: _event(SatisfactionRecorded, opinion=ids, satisfied=st.booleans()),
    SelfInspectionSubmitted: _event(SelfInspectionSubmitted, unit=ids, summary=words),
    StageAdvanced: _event(
        StageAdvanced, closed=ids, opened=ids, overran_by=st.integers(min_value=0, max_value=99)
    ),
    StageReportFiled: _event(StageReportFiled, stage=ids, report=stage_reports),
}

#: Rank goals, some set for a named appraised unit (``unit``), some for none.
rank_goals_with_units = st.builds(
    lambda goal, unit: RankGoal(
        scope=goal.scope,
        peers=goal.peers,
        within=goal.within,
        strive_for=goal.strive_for,
        unit=unit,
    ),
    rank_goals,
    st.none() | ids,
)


# --- Assessments: questionnaires, tallies, schemes, scorecards ------------------------------

from xingfeng.assessment.questionnaire import (  # noqa: E402
    Ballot,
    Questionnaire,
)
from xingfeng.assessment.scheme import SurveyScheme  # noqa: E402
from xingfeng.assessment.score import Score, Step  # noqa: E402
from xingfeng.assessment.scorecard import (  # noqa: E402
    Adjustment,
    AdjustmentKind,
    Component,
    Scorecard,
    Veto,
)
from xingfeng.assessment.tally import Tally  # noqa: E402

TARGETS = ("供电公司", "水务集团", "燃气公司", "公交公司", "税务局")


questionnaires = testing.questionnaires


def survey_schemes(q: Questionnaire | None = None) -> st.SearchStrategy[SurveyScheme]:
    """Any valid scheme for ``q`` (a random questionnaire if not given)."""
    return testing.survey_schemes(q)


def rows(q: Questionnaire, min_size: int = 0, max_size: int = 30) -> st.SearchStrategy[list[Any]]:
    """Ballot rows ``(target, group, verdict per item …)`` for ``q``, about ``TARGETS[:3]``."""
    return st.lists(ballots_of(q).map(lambda b: b.row), min_size=min_size, max_size=max_size)


def ballots_of(q: Questionnaire) -> st.SearchStrategy[Ballot]:
    """Valid ballots of ``q`` about ``TARGETS[:3]``."""
    return testing.ballots(q, targets=TARGETS[:3])


def tallies(q: Questionnaire | None = None) -> st.SearchStrategy[Tally]:
    """Tallies of up to 30 ballots about ``TARGETS[:3]``, of ``q`` or any questionnaire."""
    return testing.tallies(q, targets=TARGETS[:3])


exact_numbers = st.one_of(
    st.integers(min_value=0, max_value=100),
    st.decimals(min_value=0, max_value=100, places=2),
    st.fractions(min_value=0, max_value=100, max_denominator=100),
)
steps = st.recursive(
    st.builds(Step, label=words, value=st.fractions(max_denominator=1000), note=words),
    lambda inner: st.builds(
        Step,
        label=words,
        value=st.fractions(max_denominator=1000),
        weight=st.none() | st.fractions(min_value=0, max_value=1, max_denominator=100),
        parts=st.lists(inner, max_size=3).map(tuple),
    ),
    max_leaves=6,
)
scores = st.builds(
    Score,
    target=st.sampled_from(TARGETS),
    name=words,
    value=st.fractions(min_value=0, max_value=120, max_denominator=1000),
    out_of=st.sampled_from([Fraction(100), Fraction(80)]),
    steps=st.lists(steps, max_size=3).map(tuple),
    vetoed_by=st.lists(words, max_size=2).map(tuple),
)
components = st.builds(
    Component,
    name=words,
    points=st.integers(min_value=1, max_value=80),
    out_of=st.sampled_from([100, 80, 10]),
)
adjustments = st.builds(
    Adjustment,
    name=words,
    kind=st.sampled_from(AdjustmentKind),
    per=st.sampled_from([Decimal("0.5"), 1, 2, 5]),
    cap=st.none() | st.integers(min_value=1, max_value=20),
)
vetoes = st.builds(Veto, name=words)


@st.composite
def scorecards(draw: st.DrawFn) -> Scorecard:
    """A scorecard of 1–3 components, 0–3 adjustments and 0–2 vetoes, names unique."""
    unique = functools.partial(st.lists, unique_by=lambda entry: entry.name)
    return Scorecard(
        components=draw(unique(components, min_size=1, max_size=3)),
        adjustments=draw(unique(adjustments, max_size=3)),
        vetoes=draw(unique(vetoes, max_size=2)),
        ceiling=draw(st.none() | st.just(200)),
    )


# --- Rates and year-on-year changes -------------------------------------------------------

import decimal  # noqa: E402

from xingfeng import Change, Rate, RateName  # noqa: E402

#: Names of rates: the six common ones and free text (reports invent their own, 一次办结率).
rate_names = st.sampled_from([name.label for name in RateName]) | st.text(
    alphabet="一次办结率及时满意", min_size=1, max_size=6
)


@st.composite
def rates(draw: st.DrawFn, name: str | None = None) -> Rate:
    """A valid rate: 0 <= numerator <= denominator, denominator >= 1; named ``name`` if given."""
    denominator = draw(st.integers(min_value=1, max_value=10**6))
    numerator = draw(st.integers(min_value=0, max_value=denominator))
    chosen = draw(rate_names) if name is None else name
    return Rate(name=chosen, numerator=numerator, denominator=denominator)


#: Exact amounts of any sign, with up to four decimal places, or ints.
amounts = st.decimals(
    min_value=-(10**9), max_value=10**9, places=4, allow_nan=False, allow_infinity=False
) | st.integers(min_value=-(10**9), max_value=10**9)

#: Amounts a year-on-year change can start from: above zero.
bases = st.decimals(min_value=Decimal("0.0001"), max_value=10**9, places=4) | st.integers(
    min_value=1, max_value=10**9
)

#: Valid year-on-year changes.
changes = st.builds(
    Change,
    name=st.sampled_from(["用电量", "用水量", "投诉量", "办件量"]),
    before=bases,
    after=amounts,
    unit=st.none() | st.sampled_from(["万度", "吨", "件"]),
)

#: Decimal places a percentage may be shown to.
places = st.integers(min_value=0, max_value=6)

#: Every rounding mode the decimal module knows.
ROUNDING_MODES = (
    decimal.ROUND_05UP,
    decimal.ROUND_CEILING,
    decimal.ROUND_DOWN,
    decimal.ROUND_FLOOR,
    decimal.ROUND_HALF_DOWN,
    decimal.ROUND_HALF_EVEN,
    decimal.ROUND_HALF_UP,
    decimal.ROUND_UP,
)
roundings = st.sampled_from(ROUNDING_MODES)

#: Values that are not a rounding mode.
bad_roundings = st.text(max_size=12).filter(lambda s: s not in ROUNDING_MODES) | st.none()

#: Decimals that are not amounts: NaN, signalling NaN and the infinities.
non_finite_decimals = st.sampled_from(["NaN", "-NaN", "sNaN", "Infinity", "-Infinity"]).map(Decimal)

#: Values that are not an int, although some look like one.
not_ints = st.one_of(
    st.floats(allow_nan=True),
    st.booleans(),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.fractions(),
    st.text(max_size=3),
    st.none(),
)

#: Values that are not an exact, finite amount.
not_amounts = st.one_of(
    st.floats(allow_nan=True),
    st.booleans(),
    non_finite_decimals,
    st.fractions(),
    st.text(max_size=3),
    st.none(),
)

#: Values that are not a number of decimal places.
bad_places = st.one_of(
    st.integers(max_value=-1), st.booleans(), st.floats(), st.decimals(), st.text(max_size=2)
)


# --- Rankings, grades and yellow cards -------------------------------------------------------

from xingfeng import (  # noqa: E402
    Band,
    GradeBands,
    GradeRule,
    Grading,
    TieBreak,
    Ties,
    YellowCardRule,
    YellowCards,
    rank,
)

Number = Fraction | Decimal | int

#: Target ids: short, Chinese or Latin, never blank.
target_ids = st.text(alphabet="甲乙丙丁戊己庚辛壬癸abxyz", min_size=1, max_size=3)

#: Exact scores of every accepted kind, 0 to 100.
exact_scores: st.SearchStrategy[Number] = st.one_of(
    st.integers(min_value=0, max_value=100),
    st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False),
    st.fractions(min_value=0, max_value=100, max_denominator=7),
)


@st.composite
def score_tables(draw: st.DrawFn, min_size: int = 1, max_size: int = 25) -> dict[str, Number]:
    """Target id → exact score, drawn from a small pool of scores so that ties are common."""
    pool = draw(st.lists(exact_scores, min_size=1, max_size=5))
    ids = draw(st.lists(target_ids, min_size=min_size, max_size=max_size, unique=True))
    return {target: draw(st.sampled_from(pool)) for target in ids}


@st.composite
def tie_break_lists(draw: st.DrawFn, targets: tuple[str, ...]) -> list[TieBreak]:
    """Zero to two tie-breaks with a value (from a pool of three) for every target."""
    count = draw(st.integers(min_value=0, max_value=2))
    return [
        TieBreak(
            name=f"次要指标{i}",
            values={t: draw(st.sampled_from([1, 2, 3])) for t in targets},
            lower_is_better=draw(st.booleans()),
        )
        for i in range(count)
    ]


@st.composite
def rank_calls(draw: st.DrawFn, max_size: int = 25) -> tuple[dict[str, Number], dict[str, Any]]:
    """Scores and keyword arguments for rank(): ties, tie-breaks, vetoes and direction."""
    scores = draw(score_tables(max_size=max_size))
    targets = tuple(scores)
    options: dict[str, Any] = {
        "ties": draw(st.sampled_from(Ties)),
        "tie_breaks": draw(tie_break_lists(targets)),
        "vetoed": draw(st.frozensets(st.sampled_from(targets))),
        "lower_is_better": draw(st.booleans()),
    }
    return scores, options


#: Rankings of every shape rank() produces.
rankings = rank_calls().map(lambda call: rank(call[0], **call[1]))


#: The four grades of a satisfaction appraisal, best first.
SATISFACTION = ("满意", "比较满意", "基本满意", "不满意")

#: The published bands: ≥85 满意, 75–85 比较满意, 60–75 基本满意, <60 不满意.
PUBLISHED_BANDS = GradeBands(
    bands=[
        Band(grade="满意", at_least=85),
        Band(grade="比较满意", at_least=75),
        Band(grade="基本满意", at_least=60),
    ],
    lowest="不满意",
)


@st.composite
def grade_bands(draw: st.DrawFn) -> GradeBands:
    """One to three bands with strictly descending bounds, and a lowest grade."""
    bounds = draw(st.lists(exact_scores, min_size=1, max_size=3, unique_by=lambda b: Fraction(b)))
    ordered = sorted((Fraction(b) for b in bounds), reverse=True)
    names = SATISFACTION[: len(ordered)]
    return GradeBands(
        bands=[Band(grade=n, at_least=b) for n, b in zip(names, ordered, strict=True)],
        lowest=SATISFACTION[-1],
    )


@st.composite
def grade_rules(draw: st.DrawFn, grade: str) -> GradeRule:
    """A rule for ``grade`` with any mix of score, rank-share, place and quota conditions."""

    def maybe(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.none() | values

    return GradeRule(
        grade=grade,
        min_score=draw(maybe(exact_scores)),
        top_share=draw(maybe(st.fractions(min_value=0, max_value=1, max_denominator=10))),
        within_rank=draw(maybe(st.integers(min_value=1, max_value=10))),
        quota=draw(maybe(st.integers(min_value=0, max_value=5))),
        quota_share=draw(maybe(st.fractions(min_value=0, max_value=1, max_denominator=10))),
        # A tie on the quota line closes the grade to the whole group: the properties below
        # state that the quota is never exceeded.
        tie_policy=TiePolicy.ALL_OUT,
    )


@st.composite
def gradings(draw: st.DrawFn) -> Grading:
    """One to three graded rules, best first, then the lowest grade."""
    names = ("优秀", "良好", "合格")[: draw(st.integers(min_value=1, max_value=3))]
    return Grading(rules=[draw(grade_rules(n)) for n in names], lowest="不合格")


#: A few units, so that the same one is carded again.
UNITS = ("甲", "乙", "丙", "丁")


@st.composite
def card_rules(draw: st.DrawFn) -> YellowCardRule:
    """A rule: a threshold, 1–3 cards to 组织处理, and no window or one at least that long."""
    needed = draw(st.integers(min_value=1, max_value=3))
    window = draw(st.none() | st.integers(min_value=needed, max_value=needed + 2))
    return YellowCardRule(below=draw(st.integers(60, 90)), cards_for_action=needed, window=window)


@st.composite
def card_records(draw: st.DrawFn) -> YellowCards:
    """Up to eight periods, each carding any subset of the units."""
    record = YellowCards(rule=draw(card_rules()))
    for month in range(1, draw(st.integers(min_value=0, max_value=8)) + 1):
        record = record.record(f"2026-{month:02}", draw(st.frozensets(st.sampled_from(UNITS))))
    return record


# --- Intake: sources, opinions, taxonomies, consolidation -----------------------------------

from collections.abc import Callable, Hashable  # noqa: E402

from xingfeng import (  # noqa: E402
    Category,
    Complaint,
    Opinion,
    Source,
    Taxonomy,
    consolidate,
)


def opinions(ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Opinion]:
    """Opinions of :func:`xingfeng.testing.opinions`, with ids from ``ids`` if given."""
    return testing.opinions(ids=ids)


def complaints() -> st.SearchStrategy[Complaint]:
    """Valid complaints: an escalated one always names who forwarded it."""
    return testing.opinions(sources=[Source.COMPLAINT]).map(lambda o: o.complaint)


#: Category keys: short, never blank, dotted like the default's.
category_keys = st.text(alphabet="abcxyz.科室", min_size=1, max_size=5).filter(str.strip)


@st.composite
def taxonomies(draw: st.DrawFn, max_size: int = 12) -> Taxonomy:
    """A valid taxonomy: each category's parent is an earlier key, then the order is shuffled,
    so parents may come after their children."""
    keys = draw(st.lists(category_keys, unique=True, max_size=max_size))
    categories = [
        Category(
            key=key,
            label=f"类{key}",
            parent=draw(st.none() | st.sampled_from(keys[:index])) if index else None,
        )
        for index, key in enumerate(keys)
    ]
    return Taxonomy(
        name=draw(st.sampled_from(["默认分类", "投诉分类"])),
        categories=draw(st.permutations(categories)),
    )


#: Taxonomies with at least one category, for tests that pick one.
nonempty_taxonomies = taxonomies().filter(len)


#: Lists of opinions with distinct ids, as a campaign receives them.
opinion_lists = st.lists(
    opinions(ids=st.text(alphabet="abcxyz019意见", min_size=1, max_size=4)),
    unique_by=lambda o: o.id,
    max_size=15,
)


@st.composite
def groupings(draw: st.DrawFn) -> tuple[list[Opinion], dict[str, list[str]]]:
    """Opinions and any way of merging them: each opinion goes into one of a few items."""
    received = draw(opinion_lists)
    slots = draw(st.integers(min_value=1, max_value=8))
    into: dict[str, list[str]] = {}
    for opinion in received:
        item = f"P{draw(st.integers(min_value=1, max_value=slots))}"
        into.setdefault(item, []).append(opinion.id)
    return received, into


consolidations = groupings().map(lambda pair: consolidate(*pair))

#: Ways to group opinions automatically: by unit, by category, by both, by source, or not.
grouping_keys: st.SearchStrategy[Callable[[Opinion], Hashable]] = st.sampled_from(
    [
        lambda o: o.unit,
        lambda o: o.category,
        lambda o: (o.unit, o.category),
        lambda o: o.source,
        lambda o: o.id,
        lambda o: 0,
    ]
)


# --- Rectification order and measure dependencies -------------------------------------------

from xingfeng import (  # noqa: E402
    MeasureGraph,
    Principle,
    PriorityPolicy,
    ScheduleConflict,
)


def _downstream(needs: dict[str, set[str]], start: str) -> set[str]:
    """Every measure needing ``start`` directly or through others, by walking ``depends_on``."""
    needed_by: dict[str, set[str]] = {}
    for measure_id, prerequisites in needs.items():
        for needed in prerequisites:
            needed_by.setdefault(needed, set()).add(measure_id)
    found: set[str] = set()
    frontier = [start]
    while frontier:
        for later in needed_by.get(frontier.pop(), ()):
            if later not in found:
                found.add(later)
                frontier.append(later)
    return found


#: Few enough moments that problems often tie on them; the first two are the same instant
#: written in two zones.
recording_moments = st.sampled_from(
    (
        pendulum.datetime(2026, 9, 1, 9, tz="Asia/Shanghai"),
        pendulum.datetime(2026, 9, 1, 1, tz="UTC"),
        pendulum.datetime(2026, 9, 1, 8, 30, tz="Asia/Shanghai"),
        pendulum.datetime(2026, 9, 2, 9, tz="Asia/Urumqi"),
    )
)

#: Problems with every judgement drawn, so that all 27 combinations occur.
judged_problems = st.builds(
    Problem,
    id=st.text(alphabet="abz09问题", min_size=1, max_size=3),
    unit=st.sampled_from(("供电公司", "营业厅", "客服中心")),
    title=st.sampled_from(("低电压", "三指定", "停电未公告", "催费不规范", "态度生硬")),
    recorded_at=recording_moments,
    severity=st.sampled_from(Severity),
    urgency=st.sampled_from(Urgency),
    difficulty=st.sampled_from(Difficulty),
)

#: 0–30 problems with distinct ids.
problem_lists = st.lists(judged_problems, max_size=30, unique_by=lambda p: p.id)

#: Every valid policy: one, two or three different principles in any order.
priority_policies = st.builds(
    lambda principles, count: PriorityPolicy(order=tuple(principles[:count])),
    st.permutations(list(Principle)),
    st.integers(min_value=1, max_value=3),
)


_MEASURE_ID_CHARS = "abz09改制训"

#: Deadlines and extensions in the last months of a campaign year.
measure_days = st.dates(min_value=date(2026, 9, 1), max_value=date(2026, 12, 31))

#: Days to ask about: from before the first deadline to after the last extension.
asking_days = st.dates(min_value=date(2026, 8, 25), max_value=date(2027, 1, 10))

#: Completion moments around the deadlines, in two zones.
completion_moments = st.builds(
    lambda day, hour, zone: pendulum.datetime(day.year, day.month, day.day, hour, tz=zone),
    measure_days,
    st.integers(min_value=0, max_value=23),
    st.sampled_from(("Asia/Shanghai", "UTC")),
)


#: What makes one measure of ``measure_lists``: a letter for its id, its due day, how many
#: days an extension adds (if any), when it was done (if it was), and picks among the
#: measures made before it for its prerequisites.
_measure_plans = st.tuples(
    st.sampled_from(_MEASURE_ID_CHARS),
    measure_days,
    st.none() | st.integers(min_value=0, max_value=40),
    st.none() | completion_moments,
    st.lists(st.integers(min_value=0, max_value=99), max_size=3),
)


@st.composite
def measure_lists(draw: st.DrawFn, min_size: int = 0, max_size: int = 15) -> list[Measure]:
    """Measures with distinct ids forming a DAG, listed in random order.

    Each depends only on measures generated before it, so no cycle can arise; ids are a
    random letter then the position, so their sorted order is not the generation order.
    """
    plans = draw(st.lists(_measure_plans, min_size=min_size, max_size=max_size))
    ids = [f"{plan[0]}{i}" for i, plan in enumerate(plans)]
    measures = [
        Measure(
            id=measure_id,
            problem=f"P{i % 3}",
            title=f"措施{measure_id}",
            owner=("王", "李", "张")[i % 3],
            due=due,
            depends_on=sorted({ids[pick % i] for pick in picks}) if i else (),
            extended_to=None if extension is None else due + timedelta(days=extension),
            done_at=done_at,
        )
        for i, (measure_id, (_, due, extension, done_at, picks)) in enumerate(
            zip(ids, plans, strict=True)
        )
    ]
    return draw(st.permutations(measures))


#: Valid measure graphs over ``measure_lists``.
measure_graphs = measure_lists().map(lambda listed: MeasureGraph(measures=tuple(listed)))


@st.composite
def cyclic_measure_lists(
    draw: st.DrawFn, most_loops: int = 3
) -> tuple[list[Measure], list[tuple[str, str]]]:
    """A DAG of measures with 1 to ``most_loops`` dependencies added that each close a cycle.

    Returns the measures and the added edges, each ``(prerequisite, dependent)``: the
    dependent is made to need a measure that (directly, indirectly or by being itself)
    needs it.
    """
    listed = draw(measure_lists(min_size=1))
    dag = {m.id: set(m.depends_on) for m in listed}
    added: list[tuple[str, str]] = []
    for _ in range(draw(st.integers(min_value=1, max_value=most_loops))):
        dependent = draw(st.sampled_from(sorted(dag)))
        needed = draw(st.sampled_from(sorted({dependent} | _downstream(dag, dependent))))
        added.append((needed, dependent))
    extra: dict[str, set[str]] = {}
    for needed, dependent in added:
        extra.setdefault(dependent, set()).add(needed)
    looped = [
        attrs.evolve(m, depends_on=(*m.depends_on, *sorted(extra[m.id] - set(m.depends_on))))
        if m.id in extra
        else m
        for m in listed
    ]
    return looped, added


@st.composite
def tangled_measure_lists(draw: st.DrawFn, most: int = 7) -> list[Measure]:
    """Up to ``most`` measures each needing any others, itself included: often cyclic."""
    ids = [f"m{i}" for i in range(draw(st.integers(min_value=1, max_value=most)))]
    return [
        Measure(
            id=measure_id,
            problem="P1",
            title=f"措施{measure_id}",
            owner="王",
            due=date(2026, 10, 31),
            depends_on=draw(st.lists(st.sampled_from(ids), unique=True)),
        )
        for measure_id in ids
    ]


#: Conflicts as MeasureGraph.schedule_conflicts reports them.
schedule_conflicts = st.builds(
    lambda measure, prerequisite, day, gap: ScheduleConflict(
        measure=measure,
        deadline=day,
        prerequisite=prerequisite,
        prerequisite_deadline=day + timedelta(days=gap),
    ),
    st.text(alphabet=_MEASURE_ID_CHARS, min_size=1, max_size=4),
    st.text(alphabet=_MEASURE_ID_CHARS, min_size=1, max_size=4),
    measure_days,
    st.integers(min_value=1, max_value=60),
)


# --- The ledger (台账) -------------------------------------------------------------------------

from xingfeng import Ledger, MeasureRow, ProblemRow, ResponsibilityRow  # noqa: E402


def ledger_rows(
    text: st.SearchStrategy[str] = words,
    keys: st.SearchStrategy[str] = ids,
    days: st.SearchStrategy[date] = campaign_days,
    max_rows: int = 3,
) -> tuple[
    st.SearchStrategy[ProblemRow],
    st.SearchStrategy[MeasureRow],
    st.SearchStrategy[ResponsibilityRow],
    st.SearchStrategy[Ledger],
]:
    """Rows of the three lists and ledgers of them, with cells drawn from ``text`` (and ids
    from ``keys``): plain words for round trips, awkward text for exports."""
    maybe_text, maybe_key, maybe_day = st.none() | text, st.none() | keys, st.none() | days
    problems = st.builds(
        ProblemRow,
        problem=keys,
        unit=keys,
        title=text,
        category=maybe_key,
        category_label=maybe_text,
        sources=text,
        severity=text,
        urgency=text,
        difficulty=text,
        owner=maybe_key,
        deadline=maybe_day,
        deadline_provisional=st.booleans(),
        state=text,
        recorded_on=days,
    )
    measures = st.builds(
        MeasureRow,
        measure=keys,
        problem=keys,
        title=text,
        kind=text,
        unit=keys,
        owner=keys,
        due=days,
        deadline=days,
        provisional=st.booleans(),
        done_on=maybe_day,
        evidence=maybe_text,
        overdue=st.booleans(),
    )
    responsibilities = st.builds(
        ResponsibilityRow,
        problem=keys,
        measure=maybe_key,
        person=keys,
        role=text,
        post=maybe_text,
        unit=maybe_key,
        leader=maybe_key,
    )
    ledgers = st.builds(
        Ledger,
        on=days,
        problems=st.lists(problems, max_size=max_rows).map(tuple),
        measures=st.lists(measures, max_size=max_rows).map(tuple),
        responsibilities=st.lists(responsibilities, max_size=max_rows).map(tuple),
    )
    return problems, measures, responsibilities, ledgers


problem_rows, measure_rows, responsibility_rows, ledgers = ledger_rows()


# --- Sanctions, effects, escalation and accountability ----------------------------------------

from xingfeng.rules.sanctions import (  # noqa: E402
    Accountability,
    Bonus,
    Deduction,
    LiablePerson,
    Notification,
    Penalty,
)

#: Points of a deduction or bonus: exact, above 0, of every accepted kind.
effect_points = st.one_of(
    st.integers(min_value=1, max_value=20),
    st.decimals(min_value=Decimal("0.1"), max_value=20, places=1),
    st.fractions(min_value=Fraction(1, 10), max_value=20, max_denominator=12),
)

deductions = st.builds(Deduction, points=effect_points, reason=words)
bonuses = st.builds(Bonus, points=effect_points, reason=words)
penalties = st.builds(Penalty, sanction=sanctions, reason=words)
notifications = st.builds(Notification, to=ids, about=ids, reason=words)
accountabilities = st.builds(Accountability, policy=liability_policies, reason=words)

#: Any effect a rule can produce.
effects = st.one_of(deductions, bonuses, penalties, notifications, accountabilities)

#: The day of a new offence.
offence_days = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))


def earlier_days(on: date, *, max_size: int = 8) -> st.SearchStrategy[list[date]]:
    """Dates of earlier offences: up to two years before ``on``, ``on`` itself possible."""
    return st.lists(st.dates(min_value=on - timedelta(days=730), max_value=on), max_size=max_size)


@st.composite
def liable_people(draw: st.DrawFn) -> LiablePerson:
    """Any liable person: a liability and a path of ids ending at its holder."""
    liability = draw(liabilities)
    return LiablePerson(
        liability=liability, path=(*draw(st.lists(ids, max_size=3)), liability.holder)
    )


# --- Decision tables ---------------------------------------------------------------------------


from xingfeng.rules.decisions import (  # noqa: E402
    Criterion,
    DecisionRule,
    FactValue,
    OutputValue,
)

#: Complaint kinds, the texts criteria and facts use.
COMPLAINT_KINDS = ("投诉", "越级投诉", "重复投诉")

#: Texts a criterion can hold, tricky ones included (commas, brackets, numbers, true).
criterion_texts = st.one_of(
    st.sampled_from(COMPLAINT_KINDS),
    st.text(alphabet="ab投诉,，、{}[]() -=<>∈.0123456789in", min_size=1, max_size=6).filter(
        lambda t: t == t.strip() and bool(t)
    ),
    st.sampled_from(["true", "false", "-", "3", "2.5", "1/3", "in x", "01"]),
)


def criteria(
    numbers: st.SearchStrategy[int | Decimal | Fraction] = decision_numbers,
    words: st.SearchStrategy[str] = criterion_texts,
) -> st.SearchStrategy[Criterion]:
    """Every kind of criterion over ``numbers`` and ``words`` (tricky texts by default)."""
    return testing.criteria(numbers, words)


#: Small integers: every overlap of criteria over them shows on the grid below.
grid_numbers = st.integers(min_value=0, max_value=6)
grid_criteria = criteria(grid_numbers, st.sampled_from(COMPLAINT_KINDS[:2]))

#: Facts that decide every overlap of ``grid_criteria``: halves, a text no criterion names.
GRID: tuple[FactValue, ...] = (
    *(Fraction(n, 2) for n in range(-2, 15)),
    *COMPLAINT_KINDS,
    "其他",
    True,
    False,
    None,
)

fact_values: st.SearchStrategy[FactValue] = st.one_of(
    decision_numbers,
    st.sampled_from(COMPLAINT_KINDS),
    st.booleans(),
    st.none(),
)
output_values: st.SearchStrategy[OutputValue] = st.one_of(
    decision_numbers, st.sampled_from(["约谈", "通报批评", "3", '"引"']), st.booleans()
)

COLUMNS = ("a", "b", "c")


@st.composite
def rule_sets(
    draw: st.DrawFn,
    outputs: st.SearchStrategy[OutputValue] = output_values,
    criterion: st.SearchStrategy[Criterion] | None = None,
    max_inputs: int = 3,
) -> tuple[tuple[str, ...], list[DecisionRule]]:
    """Input columns and 1–6 rules over them, each with one output."""
    inputs = COLUMNS[: draw(st.integers(min_value=1, max_value=max_inputs))]
    cells = criterion if criterion is not None else criteria()
    rules = draw(
        st.lists(
            st.builds(
                lambda when, out: DecisionRule(when=when, then=[out]),
                st.tuples(*[cells] * len(inputs)),
                outputs,
            ),
            min_size=1,
            max_size=6,
        )
    )
    return inputs, rules


def facts_for(inputs: tuple[str, ...]) -> st.SearchStrategy[dict[str, FactValue]]:
    """A value for each input, plus an unrelated fact the table must ignore."""
    return st.fixed_dictionaries(
        dict.fromkeys(inputs, fact_values), optional={"unrelated": fact_values}
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
criterion_like_texts = st.text(
    alphabet='-<>=≥≤≠!()[].,，0123456789 in∈{}"投诉truefals/', max_size=12
)
cell_like = st.one_of(
    criterion_like_texts, criteria().map(lambda c: c.label), json_values, st.integers()
)

#: Data shaped roughly like a table, with wrong values anywhere.
table_like = st.fixed_dictionaries(
    {
        "name": st.one_of(st.just("表"), json_values),
        "hit_policy": st.one_of(
            st.sampled_from(["UNIQUE", "first", "COLLECT", "any"]), json_values
        ),
        "inputs": st.one_of(st.just(["a"]), st.just(["a", "b"]), json_values),
        "outputs": st.one_of(st.just(["x"]), json_values),
        "rules": st.one_of(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "when": st.one_of(st.lists(cell_like, max_size=3), json_values),
                        "then": st.one_of(st.lists(cell_like, max_size=2), json_values),
                    },
                    optional={"annotation": json_values, "extra": json_values},
                ),
                max_size=4,
            ),
            json_values,
        ),
    },
    optional={
        "aggregation": st.one_of(st.sampled_from(["SUM", "count", "MAX"]), json_values),
        "priorities": st.one_of(st.just({"x": ["约谈", 1]}), json_values),
        "unknown": json_values,
    },
)


#: Valid decision tables of every hit policy.
decision_tables = testing.decision_tables()


# --- Evaluation rules --------------------------------------------------------------------------


#: Rules and rule sets whose effect columns hold what their effects read.
rules = testing.rules()
rule_set_values = testing.rule_sets()


# --- Reports and breakdowns ---------------------------------------------------------------

from xingfeng import Breakdown, Report, Section, Table  # noqa: E402

#: Titles and captions are one line; paragraphs, items and cells may break lines and hold
#: the characters Markdown treats specially.
report_lines = st.text(alphabet="整改问题措施报告情况|*", min_size=1, max_size=8)
report_texts = st.text(alphabet="整改问题措施报告情况|\n*", min_size=1, max_size=8)
table_cells = st.one_of(report_texts, st.integers(min_value=-(10**6), max_value=10**6))


@st.composite
def tables(draw: st.DrawFn) -> Table:
    columns = draw(st.lists(report_lines, min_size=1, max_size=4))
    rows = draw(st.lists(st.tuples(*[table_cells] * len(columns)), max_size=4))
    return Table(caption=draw(report_lines), columns=columns, rows=rows)


sections = st.recursive(
    st.builds(
        Section,
        title=report_lines,
        paragraphs=st.lists(report_texts, max_size=2),
        tables=st.lists(tables(), max_size=2),
        items=st.lists(report_texts, max_size=3),
    ),
    lambda inner: st.builds(
        Section,
        title=report_lines,
        paragraphs=st.lists(report_lines, max_size=2),
        sections=st.lists(inner, min_size=1, max_size=3),
    ),
    max_leaves=8,
)
reports = st.builds(
    Report,
    title=report_lines,
    issuer=report_lines,
    on=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    sections=st.lists(sections, max_size=4),
)

part_names = st.text(alphabet="营销供电业扩故障其他", min_size=1, max_size=4)
figures = st.one_of(
    st.integers(min_value=0, max_value=10**6),
    st.decimals(min_value=0, max_value=10**4, places=2, allow_nan=False, allow_infinity=False),
    st.fractions(min_value=0, max_value=10**4, max_denominator=12),
)


def _consistent(draw: st.DrawFn, depth: int) -> Breakdown:
    keys = draw(st.lists(part_names, min_size=1, max_size=4, unique=True))
    parts: dict[str, int | Decimal | Fraction | Breakdown] = {}
    for key in keys:
        nested = depth > 0 and draw(st.booleans())
        parts[key] = _consistent(draw, depth - 1) if nested else draw(figures)
    total = sum(
        (Fraction(p.total if isinstance(p, Breakdown) else p) for p in parts.values()), Fraction(0)
    )
    return Breakdown(name=draw(part_names), total=total, parts=parts)


@st.composite
def consistent_breakdowns(draw: st.DrawFn) -> Breakdown:
    """A breakdown, nested up to three levels, whose every total is the sum of its parts."""
    return _consistent(draw, depth=3)
