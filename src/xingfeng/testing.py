"""Hypothesis strategies for xingfeng's public types, for property-testing host applications.

A host application that embeds xingfeng (a hotline system feeding opinions in, a portal
exporting the ledger, a scoring service summing tallies) can test its own code against any
valid organisation, chain, campaign, questionnaire, tally or rule table, not only against the
examples it thought of.  This module needs Hypothesis, which xingfeng itself does not; install
it with the extra::

    pip install "xingfeng[testing]"

Every strategy builds its values through the public constructors and commands (a campaign
is launched and driven by its commands), so whatever it gives is valid by construction and
the library's checks run on every example.  Values depend only on Hypothesis' draws, so
failures shrink and replay.  Sizes are small by default, for fast tests; each size has a
``min_``/``max_`` keyword argument.  A bad argument (a negative size, a minimum above its
maximum, a value of the wrong type) raises :class:`~xingfeng.InvalidArgument` when the
strategy is made, not when it is drawn from.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

import pendulum

try:
    from hypothesis import strategies as st
    from hypothesis.strategies import SearchStrategy
except ImportError as missing:
    from xingfeng.exceptions import MissingExtra

    raise MissingExtra("xingfeng.testing", extra="testing", package="hypothesis") from missing

from xingfeng import (
    FIVE_OPTIONS,
    FOUR_OPTIONS,
    THREE_OPTIONS,
    Activity,
    ActivityKind,
    Aggravation,
    Aggregation,
    AllActivitiesHeld,
    AllSectionsInspected,
    Anchor,
    AnswerPolicy,
    Anything,
    Assignment,
    Ballot,
    Between,
    Cadence,
    Campaign,
    CampaignPlan,
    Compare,
    Complaint,
    Criterion,
    DecisionRule,
    DecisionTable,
    Difficulty,
    EffectKind,
    Escalation,
    EveryProblemHasMeasure,
    Frequency,
    Gate,
    HitPolicy,
    InvalidArgument,
    Is,
    LiabilityPolicy,
    Majority,
    MeasureKind,
    Missing,
    NoMeasureOverdue,
    OneOf,
    Op,
    Opinion,
    Organization,
    OutputValue,
    Person,
    Post,
    Posting,
    ProblemState,
    Questionnaire,
    RankGoal,
    RateBase,
    RateGoal,
    ResponsibilityChain,
    Roll,
    Rule,
    RuleSet,
    Sanction,
    Severity,
    Source,
    Stage,
    StageReport,
    StageReported,
    Subject,
    Supervision,
    SurveyScheme,
    Tally,
    Taxonomy,
    TimeLimit,
    Unit,
    UnitKind,
    Urgency,
    WindowUnit,
    WorkCalendar,
    campaign_fact_names,
)
from xingfeng.rounding import Number

__all__ = [
    "ballots",
    "campaign_plans",
    "campaigns",
    "criteria",
    "decision_tables",
    "opinions",
    "organizations",
    "questionnaires",
    "responsibility_chains",
    "rule_sets",
    "rules",
    "survey_schemes",
    "tallies",
]

T = TypeVar("T")


# --------------------------------------------------------------------------- arguments


def _count(name: str, value: object, *, at_least: int = 0) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < at_least:
        raise InvalidArgument(
            name, value, f"不小于 {at_least} 的整数", english=f"an int >= {at_least}"
        )
    return value


def _range(low_name: str, low: object, high_name: str, high: object, *, at_least: int = 0) -> None:
    """Check a ``min_``/``max_`` pair: two ints, at least ``at_least``, in order."""
    first = _count(low_name, low, at_least=at_least)
    if _count(high_name, high, at_least=at_least) < first:
        raise InvalidArgument(
            high_name,
            high,
            f"不小于 {low_name}（{first}）的整数",
            english=f"an int >= {low_name} ({first})",
        )


def _strategy(name: str, value: object) -> None:
    if value is not None and not isinstance(value, SearchStrategy):
        raise InvalidArgument(
            name, value, "None 或 Hypothesis 策略", english="None or a Hypothesis strategy"
        )


def _optional(name: str, value: object, kind: type, what: str) -> None:
    if value is not None and not isinstance(value, kind):
        raise InvalidArgument(name, value, f"None 或 {what}", english=f"None or a {kind.__name__}")


def _texts(name: str, value: object) -> tuple[str, ...] | None:
    """``None``, or a non-empty sequence of non-blank texts as a tuple."""
    if value is None:
        return None
    if (
        isinstance(value, str)
        or not isinstance(value, Sequence)
        or not value
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        raise InvalidArgument(
            name,
            value,
            "None 或由非空文字组成的非空序列",
            english="None or a non-empty sequence of non-blank texts",
        )
    return tuple(value)


# --------------------------------------------------------------------------- small values

#: Short ids, never blank, partly Chinese.
_ids = st.text(alphabet="abxyz019科室监督", min_size=1, max_size=6)
_names = st.text(alphabet="王李张刘陈科室所厅中心办公", min_size=1, max_size=6)
_words = st.text(alphabet="查改实固强整改问题措施报告", min_size=1, max_size=8)

_ZONES = ("Asia/Shanghai", "Asia/Urumqi", "UTC", "Europe/Berlin", "America/New_York")
_CHINA = WorkCalendar.china()

#: Timezone-aware moments in a few zones, 2004 to October 2026 (the China calendar's years,
#: with room for a few weeks of working days after them).
_moments = st.builds(
    lambda day, seconds, zone: pendulum.datetime(day.year, day.month, day.day, tz=zone).add(
        seconds=seconds
    ),
    st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 10, 31)),
    st.integers(min_value=0, max_value=86_399),
    st.sampled_from(_ZONES),
)

_time_limits = st.one_of(
    st.builds(TimeLimit.working_days, st.integers(min_value=1, max_value=60)),
    st.builds(TimeLimit.calendar_days, st.integers(min_value=1, max_value=90)),
    st.builds(TimeLimit.hours, st.integers(min_value=1, max_value=720)),
    st.just(TimeLimit.same_day()),
)

_nonzero_positions = st.integers(min_value=-5, max_value=5).filter(bool)

_anchors = st.one_of(
    st.builds(lambda n: Anchor(workday=n), _nonzero_positions),
    st.builds(
        lambda n, roll: Anchor(day=n, roll=roll),
        st.integers(min_value=-31, max_value=31).filter(bool),
        st.sampled_from(Roll),
    ),
)

_cadences = st.builds(
    lambda name, every, anchor: Cadence(name=name, every=every, anchor=anchor),
    st.sampled_from(["一月一查", "一月一通报", "每季一督查", "每半年自查", "每周集中学习"]),
    st.sampled_from(Frequency),
    _anchors,
)


# --------------------------------------------------------------------------- organisations

_TREE_KINDS = [kind for kind in UnitKind if kind is not UnitKind.SUPERVISION_OFFICE]
_UNIT_NAMES = ("营业厅", "客服中心", "计量科", "供电所", "财务科", "稽查队", "调度中心", "抢修班")
_SURNAMES = "王李张刘陈杨黄赵吴周"
_HOME_UNITS = ("市纪委", "县监察局", "市总工会")
_MEMBERSHIPS = (Post.LEADING_GROUP_MEMBER, Post.TASK_FORCE_MEMBER, Post.CONDUCT_SUPERVISOR)


class _Choices:
    """Small choices read from one drawn byte string: one draw per unit would cost more than
    everything else the strategy does.  A zero byte is the simplest choice."""

    def __init__(self, data: bytes) -> None:
        self._data = iter(data)

    def below(self, n: int) -> int:
        """A number in ``range(n)``."""
        return next(self._data, 0) % n if n > 1 else 0

    def rarely(self) -> bool:
        """True about one time in four."""
        return self.below(4) == 3


@functools.cache
def _sizes(low: int, high: int) -> SearchStrategy[int]:
    """``low`` to ``high``, half of the time 8 at most: most rules bite at two levels."""
    return st.integers(min_value=low, max_value=min(max(8, low), high)) | st.integers(
        min_value=low, max_value=high
    )


@functools.cache
def _bytes(size: int) -> SearchStrategy[bytes]:
    return st.binary(min_size=size, max_size=size)


def organizations(*, min_units: int = 1, max_units: int = 10) -> SearchStrategy[Organization]:
    """Valid organisations of ``min_units`` to ``max_units`` units, offices included.

    The root ``u0`` has the top leader ``top`` (at times also leading-group head) and 0–3
    deputies ``d0`` … in charge of distinct units directly below it.  Units ``u1`` … form a
    tree below it (a single path, bushy, or in between) of varied kinds, and up to two
    supervision offices ``o0``, ``o1`` sit directly under the root, each watching a few
    units.  Every unit but the root has exactly one first responsible person ``hu1``,
    ``ho0`` … (at times the acting head of an earlier sibling instead), so each gives a valid
    :class:`~xingfeng.ResponsibilityChain`.  Units have 0–3 staff, some seconded from a home
    unit; some people also sit in leading groups, task forces or as conduct supervisors, and
    outsiders ``x0`` … may hold nothing else.
    """
    _range("min_units", min_units, "max_units", max_units, at_least=1)
    return _organizations(min_units, max_units)


@st.composite
def _organizations(draw: st.DrawFn, min_units: int, max_units: int) -> Organization:
    total = draw(_sizes(min_units, max_units))
    pick = _Choices(draw(_bytes(12 * total + 40)))
    office_count = pick.below(min(3, total))
    count = total - office_count
    spread = draw(st.sampled_from([1, 2, 4, max_units]))  # 1: one path; max_units: bushy
    kinds = pick.below(len(_TREE_KINDS))
    parents: list[str | None] = [None]
    for i in range(1, count):
        parents.append(f"u{i - 1 - pick.below(min(spread, i))}")
    units = [
        Unit(
            id=f"u{i}",
            name=f"{_UNIT_NAMES[i % len(_UNIT_NAMES)]}{i}",
            kind=_TREE_KINDS[(kinds + i) % len(_TREE_KINDS)],
            parent=parent,
        )
        for i, parent in enumerate(parents)
    ]
    offices = [f"o{k}" for k in range(office_count)]
    units += [
        Unit(id=o, name=f"监督管理办公室{o}", kind=UnitKind.SUPERVISION_OFFICE, parent="u0")
        for o in offices
    ]
    person_names: dict[str, str] = {}

    def person(person_id: str) -> str:
        surname = _SURNAMES[len(person_names) % len(_SURNAMES)]
        person_names.setdefault(person_id, f"{surname}{person_id}")
        return person_id

    postings = [Posting(person=person("top"), unit="u0", post=Post.TOP_LEADER)]
    if draw(st.booleans()):
        postings.append(Posting(person="top", unit="u0", post=Post.LEADING_GROUP_HEAD))
    # Deputies take distinct units directly below the root (a deeper one would skip a level).
    deputies = [person(f"d{k}") for k in range(pick.below(4))]
    in_charge: dict[str, str | None] = {}
    for unit in units:
        if unit.parent == "u0":
            chosen = pick.below(len(deputies) + 1)
            in_charge[unit.id] = deputies[chosen - 1] if chosen else None
    postings += [
        Posting(
            person=deputy,
            unit="u0",
            post=Post.DEPUTY,
            in_charge_of=frozenset(u for u, d in in_charge.items() if d == deputy),
        )
        for deputy in deputies
    ]
    # One head per unit; an acting head of an earlier sibling keeps the same driver.
    heads: dict[str, str] = {"u0": "top"}
    below: dict[str | None, list[str]] = {}
    for unit in units:
        below.setdefault(unit.parent, []).append(unit.id)
    for unit in units[1:]:
        siblings = [
            uid
            for uid in below.get(unit.parent, ())
            if uid in heads and in_charge.get(uid) == in_charge.get(unit.id)
        ]
        if siblings and pick.rarely():
            heads[unit.id] = heads[siblings[pick.below(len(siblings))]]
        else:
            heads[unit.id] = person(f"h{unit.id}")
        postings.append(Posting(person=heads[unit.id], unit=unit.id, post=Post.FIRST_RESPONSIBLE))
    for unit in units:
        for j in range(pick.below(4)):
            home = _HOME_UNITS[pick.below(len(_HOME_UNITS))] if pick.rarely() else None
            postings.append(
                Posting(
                    person=person(f"s{unit.id}_{j}"), unit=unit.id, post=Post.STAFF, home_unit=home
                )
            )
    # Memberships beside the chain, for holders and for outsiders holding nothing else.
    outsiders = [person(f"x{k}") for k in range(pick.below(3))]
    members = sorted(person_names)
    unit_ids = [u.id for u in units]
    for _ in range(pick.below(5)):
        home = _HOME_UNITS[pick.below(len(_HOME_UNITS))] if pick.rarely() else None
        postings.append(
            Posting(
                person=members[pick.below(len(members))],
                unit=unit_ids[pick.below(len(unit_ids))],
                post=_MEMBERSHIPS[pick.below(len(_MEMBERSHIPS))],
                home_unit=home,
            )
        )
    if outsiders and pick.rarely():
        postings.append(
            Posting(
                person=outsiders[0], unit="u0", post=Post.CONDUCT_SUPERVISOR, home_unit="市纪委"
            )
        )
    supervision = [
        Supervision(
            office=office,
            units=frozenset(unit_ids[pick.below(len(unit_ids))] for _ in range(pick.below(5))),
        )
        for office in offices
    ]
    if order := pick.below(256):  # the postings' order decides whose posting comes first
        random.Random(order).shuffle(postings)
    return Organization(
        units=tuple(units),
        people=tuple(Person(id=p, name=n) for p, n in person_names.items()),
        postings=tuple(dict.fromkeys(postings)),  # a posting is given once
        supervision=tuple(supervision),
    )


def _below(driver: dict[str, str | None], holder: str) -> set[str]:
    """``holder`` and everyone whose chain of drivers passes through it."""
    driven: dict[str | None, list[str]] = {}
    for person, boss in driver.items():
        driven.setdefault(boss, []).append(person)
    found, frontier = {holder}, [holder]
    while frontier:
        for person in driven.get(frontier.pop(), ()):
            found.add(person)
            frontier.append(person)
    return found


def responsibility_chains(
    organizations: SearchStrategy[Organization] | None = None, *, strict: bool | None = None
) -> SearchStrategy[ResponsibilityChain]:
    """Valid responsibility chains (一级抓一级) over ``organizations``.

    The chain is the one the organisation's posts give, or that chain with up to three
    :class:`~xingfeng.Assignment` values giving a holder another driver, from outside the
    holder's own subtree (so no cycle appears).  Under ``strict`` (drawn when ``None``) a
    new driver sits in the holder's unit or the one directly above it.
    """
    _strategy("organizations", organizations)
    _optional("strict", strict, bool, "bool（True 或 False）")
    return _chains(_organizations(1, 10) if organizations is None else organizations, strict)


@st.composite
def _chains(
    draw: st.DrawFn, organizations: SearchStrategy[Organization], strict: bool | None
) -> ResponsibilityChain:
    organization = draw(organizations)
    pick = _Choices(draw(_bytes(7)))
    drawn_strict = pick.below(2) == 0
    strict = drawn_strict if strict is None else strict
    derived = ResponsibilityChain(organization=organization)
    driver = {h: derived.driver_of(h) for h in derived.holders}
    movable = [h for h in derived.holders if h != derived.top_leader]
    chosen: list[Assignment] = []
    for _ in range(pick.below(4) if movable else 0):
        driven = movable[pick.below(len(movable))]
        unit = derived.unit_of(driven)
        near = {unit, organization.unit(unit).parent}
        below = _below(driver, driven)
        candidates = [
            h
            for h in derived.holders
            if h not in below and (not strict or derived.unit_of(h) in near)
        ]
        if candidates and driven not in {a.driven for a in chosen}:
            new = candidates[pick.below(len(candidates))]
            driver[driven] = new
            chosen.append(Assignment(driver=new, driven=driven))
    if strict and not chosen:
        return derived  # the same chain; building it again would only cost time
    return ResponsibilityChain(organization=organization, assignments=tuple(chosen), strict=strict)


# --------------------------------------------------------------------------- campaign plans


def _gates(units: SearchStrategy[str]) -> SearchStrategy[Gate]:
    """Any built-in gate; :class:`~xingfeng.AllSectionsInspected` names some of ``units``."""
    return st.one_of(
        st.builds(AllActivitiesHeld),
        st.builds(AllSectionsInspected, units=st.frozensets(units, max_size=3)),
        st.builds(EveryProblemHasMeasure),
        st.builds(NoMeasureOverdue),
        st.builds(StageReported),
    )


_activities = st.builds(
    Activity,
    id=_ids,
    kind=st.sampled_from(ActivityKind),
    title=_words,
    cadence=st.none() | _cadences,
)


def _distinct_activities() -> SearchStrategy[tuple[Activity, ...]]:
    return st.lists(_activities, max_size=3, unique_by=lambda a: a.id).map(tuple)


@st.composite
def _stage_lists(
    draw: st.DrawFn,
    first: date = date(2026, 1, 1),
    min_size: int = 1,
    max_size: int = 5,
    gates: SearchStrategy[Gate] | None = None,
) -> tuple[Stage, ...]:
    """Stages with distinct keys and consecutive, non-overlapping windows from ``first``."""
    keys = draw(st.lists(_ids, min_size=min_size, max_size=max_size, unique=True))
    exits = _gates(_ids) if gates is None else gates
    stages = []
    start = first
    for key in keys:
        last = start + timedelta(days=draw(st.integers(min_value=0, max_value=60)))
        stages.append(
            Stage(
                key=key,
                name=draw(_words),
                first=start,
                last=last,
                activities=draw(_distinct_activities()),
                gates=tuple(draw(st.lists(exits, max_size=3))),
            )
        )
        start = last + timedelta(days=draw(st.integers(min_value=1, max_value=10)))
    return tuple(stages)


_rank_goals = st.integers(min_value=1, max_value=30).flatmap(
    lambda peers: st.integers(min_value=1, max_value=peers).flatmap(
        lambda within: st.builds(
            RankGoal,
            scope=_words,
            peers=st.just(peers),
            within=st.just(within),
            strive_for=st.none() | st.integers(min_value=1, max_value=within),
        )
    )
)
_rate_goals = st.builds(
    RateGoal,
    rate=st.sampled_from(["满意率", "见面率", "反馈率", "办结率"]),
    at_least=st.decimals(min_value=0, max_value=1, places=3).map(Decimal),
)
_answer_policies = st.builds(
    AnswerPolicy,
    default=_time_limits,
    channels=st.dictionaries(
        st.sampled_from(["95598", "12345", "rater"]), _time_limits, max_size=2
    ),
    repeat_window=st.integers(min_value=1, max_value=90),
)


def campaign_plans(
    chains: SearchStrategy[ResponsibilityChain] | None = None,
    *,
    with_chain: bool | None = None,
    min_stages: int = 1,
    max_stages: int = 4,
) -> SearchStrategy[CampaignPlan]:
    """Valid implementation plans (实施方案) over the year 2026.

    The first stage opens on 1 January 2026; stages have distinct keys and windows in order.
    Each plan has goals, cadences, an answer policy, the China or a Monday-to-Friday
    calendar, and at times the default taxonomy.  ``with_chain`` says whether the plan has a
    responsibility chain (drawn from ``chains``; either, when ``None``); with one, the
    appraised units and the units gates name are units of its organisation.
    """
    _strategy("chains", chains)
    _optional("with_chain", with_chain, bool, "bool（True 或 False）")
    if with_chain is False and chains is not None:
        raise InvalidArgument(
            "chains",
            chains,
            "None（with_chain=False 时不用责任链）",
            english="None when with_chain=False",
        )
    _range("min_stages", min_stages, "max_stages", max_stages, at_least=1)
    chosen = responsibility_chains() if chains is None else chains
    pool: SearchStrategy[ResponsibilityChain | None] = st.none()
    if with_chain is not False:
        pool = chosen if with_chain else pool | chosen
    return _campaign_plans(pool, min_stages, max_stages)


@st.composite
def _campaign_plans(
    draw: st.DrawFn,
    chains: SearchStrategy[ResponsibilityChain | None],
    min_stages: int,
    max_stages: int,
) -> CampaignPlan:
    chain = draw(chains)
    appraised: tuple[str, ...] = ()
    units = _ids
    if chain is not None:
        unit_ids = [u.id for u in chain.organization.units]
        units = st.sampled_from(unit_ids)
        appraised = tuple(draw(st.lists(units, max_size=2, unique=True)))
    planned = draw(_stage_lists(date(2026, 1, 1), min_stages, max_stages, _gates(units)))
    return CampaignPlan(
        name=draw(_words),
        organiser=draw(_names),
        first=date(2026, 1, 1),
        last=max(planned[-1].last, date(2026, 12, 31)),
        stages=planned,
        appraised=appraised,
        chain=chain,
        goals=tuple(draw(st.lists(_rank_goals | _rate_goals, max_size=3))),
        cadences=tuple(draw(st.lists(_cadences, max_size=2))),
        calendar=draw(st.sampled_from([_CHINA, WorkCalendar.weekdays()])),
        taxonomy=draw(st.none() | st.just(Taxonomy.default())),
        answers=draw(_answer_policies),
    )


# --------------------------------------------------------------------------- opinions

_INTAKE_WORDS = st.text(alphabet="abc019科室所厅热线来信评议", min_size=1, max_size=6)
_FORWARDERS = ("华中电监局", "省政风行风热线", "省公司行风办", "95598监管中心")
_CHANNELS = ("95598", "12345", "行风热线", "来信", "来访")
_OPINION_TEXTS = ("办事效率低", "服务质量差", "电压偏低", "门难进、脸难看")
_OPINION_UNITS = ("客服科", "收费科", "城东供电所", "营业厅")
_OPINION_CATEGORIES = ("complaint.outage", "self.work_style")


def _opinion(
    draw: st.DrawFn,
    opinion_id: str,
    units: Sequence[str],
    sources: Sequence[Source],
    categories: Sequence[str],
    received_at: pendulum.DateTime,
) -> Opinion:
    """An opinion about one of ``units``; a complaint carries its complaint details."""
    source = draw(st.sampled_from(sources))
    complaint = None
    if source is Source.COMPLAINT:
        escalated = draw(st.booleans())
        forwarders = st.sampled_from(_FORWARDERS)
        complaint = Complaint(
            channel=draw(st.sampled_from(_CHANNELS)),
            complainant=draw(_INTAKE_WORDS),
            escalated=escalated,
            forwarded_by=draw(forwarders if escalated else st.none() | forwarders),
        )
    return Opinion(
        id=opinion_id,
        source=source,
        text=draw(st.sampled_from(_OPINION_TEXTS)),
        unit=draw(st.sampled_from(units)),
        received_at=received_at,
        submitter=draw(st.none() | _INTAKE_WORDS),
        complaint=complaint,
        category=draw(st.none() | st.sampled_from(categories)) if categories else None,
    )


def opinions(
    *,
    ids: SearchStrategy[str] | None = None,
    units: Sequence[str] | None = None,
    sources: Sequence[Source] | None = None,
    categories: Sequence[str] | None = None,
) -> SearchStrategy[Opinion]:
    """Valid opinions, suggestions and complaints, as they arrive (before consolidation).

    ``ids`` draws the ids (short texts by default: draw lists with ``unique_by`` for distinct
    ones); the opinion is about one of ``units``, from one of ``sources`` (any by default)
    and in one of ``categories`` or none.  A complaint carries its channel and complainant,
    and an escalated one (越级投诉) who forwarded it.  Received at any moment from 2004 to
    October 2026, in one of a few zones.
    """
    _strategy("ids", ids)
    chosen_units = _texts("units", units) or _OPINION_UNITS
    chosen_categories = _texts("categories", categories) or _OPINION_CATEGORIES
    if sources is None:
        chosen_sources: tuple[Source, ...] = tuple(Source)
    elif isinstance(sources, Sequence) and sources and all(isinstance(s, Source) for s in sources):
        chosen_sources = tuple(sources)
    else:
        raise InvalidArgument(
            "sources",
            sources,
            "None 或由 Source（意见来源）组成的非空序列",
            english="None or a non-empty sequence of Source",
        )
    chosen_ids = _INTAKE_WORDS if ids is None else ids
    return _opinions(chosen_ids, chosen_units, chosen_sources, chosen_categories)


@st.composite
def _opinions(
    draw: st.DrawFn,
    ids: SearchStrategy[str],
    units: Sequence[str],
    sources: Sequence[Source],
    categories: Sequence[str],
) -> Opinion:
    opinion_id = draw(ids)
    return _opinion(draw, opinion_id, units, sources, categories, draw(_moments))


# --------------------------------------------------------------------------- campaigns

_STAFF = ("行风办", "王主任", "李科长")
_SPARE_UNITS = ("营业厅", "客服中心", "计量科")
#: A step of a campaign is taken three times in four; it shrinks to the step not taken.
_likely = st.integers(min_value=0, max_value=3).map(bool)


class _Clock:
    """Moments that never go back, in the plan's zone: each step forward is drawn."""

    def __init__(self, draw: st.DrawFn, start: pendulum.DateTime) -> None:
        self._draw = draw
        self.now = start

    def tick(self) -> pendulum.DateTime:
        """Up to half a day later (or at once)."""
        self.now = self.now.add(minutes=self._draw(st.integers(min_value=0, max_value=720)))
        return self.now

    def close_of(self, first: date, last: date) -> pendulum.DateTime:
        """A moment on a day from ``first`` to three days after ``last``, and not earlier
        than now: when a stage closes, on time or a little late."""
        low = max(self.day, first)
        day = self._draw(st.dates(min_value=low, max_value=max(low, last + timedelta(days=3))))
        closing = pendulum.datetime(day.year, day.month, day.day, 17, tz=self.now.timezone_name)
        self.now = max(self.now, closing)
        return self.now

    @property
    def day(self) -> date:
        """The day of now, in the plan's zone (a plain ``date``, as commands expect)."""
        return date(self.now.year, self.now.month, self.now.day)


def campaigns(
    plans: SearchStrategy[CampaignPlan] | None = None,
    *,
    max_opinions: int = 4,
    max_problems: int = 3,
    max_measures: int = 4,
) -> SearchStrategy[Campaign]:
    """Campaigns launched with a plan from ``plans`` and driven by their public commands.

    After the launch, in the first weeks of the plan's period: activities of the first stage
    are held, sections submit self-inspections, up to ``max_opinions`` opinions arrive
    (``O1`` …), up to ``max_problems`` problems are recorded (``P1`` …, some merging
    opinions) and assigned, up to ``max_measures`` measures are set (``M1`` …, some needing
    others), extended, completed; opinions are answered, complainants asked, problems
    verified and closed, and stages advanced when their gates hold.  Each step is drawn, so
    any of them may not happen; every command is one the campaign accepts, by people who
    hold a post in the chain when the plan has one.  ``campaign.events`` replays to an equal
    campaign.  Plans of your own need a calendar that covers their period.
    """
    _strategy("plans", plans)
    _count("max_opinions", max_opinions)
    _count("max_problems", max_problems)
    _count("max_measures", max_measures)
    return _campaigns(
        campaign_plans() if plans is None else plans, max_opinions, max_problems, max_measures
    )


@st.composite
def _campaigns(
    draw: st.DrawFn,
    plans: SearchStrategy[CampaignPlan],
    max_opinions: int,
    max_problems: int,
    max_measures: int,
) -> Campaign:
    plan = draw(plans)
    chain = plan.chain
    first = plan.first
    clock = _Clock(
        draw, pendulum.datetime(first.year, first.month, first.day, 9, tz=plan.calendar.zone)
    )
    if chain is not None:
        units: Sequence[str] = [u.id for u in chain.organization.units]
    else:
        units = plan.appraised or _SPARE_UNITS
    taxonomy = plan.taxonomy
    categories = [c.key for c in taxonomy.categories] if taxonomy else _OPINION_CATEGORIES

    people = st.sampled_from(chain.holders if chain is not None else _STAFF)

    def anyone() -> str:
        return draw(people)

    def some(values: Sequence[T], most: int = 2) -> list[T]:
        if not values:
            return []
        return draw(st.lists(st.sampled_from(values), unique=True, max_size=most))

    campaign = Campaign.launch(plan, at=clock.now, by=anyone())
    for activity in some([a.id for a in campaign.stage.activities], 3):
        campaign.hold_activity(activity, at=clock.tick(), by=anyone())
    for unit in some(campaign.sections(), 3):
        campaign.submit_self_inspection(unit, summary="自查报告", at=clock.tick(), by=anyone())
    _intake(draw, campaign, clock, anyone, units, categories, max_opinions, max_problems)
    _rectify(draw, campaign, clock, anyone, max_measures)
    _answer(draw, campaign, clock, anyone)
    _advance(draw, campaign, clock, anyone)
    return campaign


def _intake(
    draw: st.DrawFn,
    campaign: Campaign,
    clock: _Clock,
    anyone: Callable[[], str],
    units: Sequence[str],
    categories: Sequence[str],
    max_opinions: int,
    max_problems: int,
) -> None:
    """Opinions received, problems recorded from them (or found in self-inspection),
    assigned, and later opinions merged into recorded problems."""
    for number in range(1, draw(st.integers(min_value=0, max_value=max_opinions)) + 1):
        at = clock.tick()
        received = at.subtract(minutes=draw(st.integers(min_value=0, max_value=600)))
        opinion = _opinion(draw, f"O{number}", units, tuple(Source), categories, received)
        campaign.receive_opinion(opinion, at=at, by=anyone())
    unmerged = list(campaign.opinions)
    for number in range(1, draw(st.integers(min_value=0, max_value=max_problems)) + 1):
        merged = (
            draw(st.lists(st.sampled_from(unmerged), unique=True, max_size=2)) if unmerged else []
        )
        unmerged = [o for o in unmerged if o not in merged]
        owner = draw(st.none() | st.sampled_from(tuple(_people(campaign))))
        campaign.record_problem(
            f"P{number}",
            unit=draw(st.sampled_from(units)),
            title=draw(st.sampled_from(_OPINION_TEXTS)),
            at=clock.tick(),
            by=anyone(),
            category=draw(st.none() | st.sampled_from(categories)) if categories else None,
            severity=draw(st.sampled_from(Severity)),
            urgency=draw(st.sampled_from(Urgency)),
            difficulty=draw(st.sampled_from(Difficulty)),
            opinions=merged,
            owner=owner,
        )
        if owner is None and draw(_likely):
            campaign.assign_problem(f"P{number}", owner=anyone(), at=clock.tick(), by=anyone())
    problems = list(campaign.problems)
    for late in unmerged:
        if bool(problems) and draw(st.booleans()):
            problem = draw(st.sampled_from(problems))
            campaign.merge_opinions(problem, opinions=[late], at=clock.tick(), by=anyone())


def _people(campaign: Campaign) -> Sequence[str]:
    chain = campaign.plan.chain
    return chain.holders if chain is not None else _STAFF


def _rectify(
    draw: st.DrawFn,
    campaign: Campaign,
    clock: _Clock,
    anyone: Callable[[], str],
    max_measures: int,
) -> None:
    """Measures set for assigned problems, some extended, then completed in order."""
    assigned = campaign.problems_in(ProblemState.ASSIGNED)
    if not assigned:
        return
    for number in range(1, draw(st.integers(min_value=0, max_value=max_measures)) + 1):
        at = clock.tick()
        earlier = list(campaign.measures)
        campaign.add_measure(
            f"M{number}",
            problem=draw(st.sampled_from(assigned)),
            title=draw(st.sampled_from(("建立首问负责制", "公开服务承诺", "整改低电压台区"))),
            owner=anyone(),
            due=clock.day + timedelta(days=draw(st.integers(min_value=0, max_value=60))),
            at=at,
            by=anyone(),
            kind=draw(st.sampled_from(MeasureKind)),
            depends_on=draw(st.lists(st.sampled_from(earlier), unique=True, max_size=2))
            if earlier
            else (),
        )
    chain = campaign.plan.chain
    for measure in list(campaign.measures.values()):
        deadline = measure.extended_to or measure.due
        if not draw(st.booleans()):
            continue
        clock.tick()
        if clock.day > deadline:  # asked for before the deadline, or not at all
            continue
        until = deadline + timedelta(days=draw(st.integers(min_value=1, max_value=30)))
        campaign.request_extension(
            measure.id, until=until, reason="需协调外部单位", at=clock.now, by=measure.owner
        )
        superior = anyone() if chain is None else chain.driver_of(measure.owner)
        if superior is None or not draw(st.booleans()):
            continue
        clock.tick()
        if clock.day <= deadline:
            campaign.approve_extension(measure.id, until=until, at=clock.now, by=superior)
    for measure in list(campaign.measures.values()):
        done = all(campaign.measures[m].done_at is not None for m in measure.depends_on)
        if done and draw(_likely):
            campaign.complete_measure(
                measure.id, evidence=f"{measure.id}整改材料", at=clock.tick(), by=anyone()
            )


def _answer(draw: st.DrawFn, campaign: Campaign, clock: _Clock, anyone: Callable[[], str]) -> None:
    """Answers to opinions, rectified problems verified, complainants asked, problems closed."""
    for opinion in list(campaign.opinions.values()):
        if bool(opinion.answer_modes) and draw(_likely):
            campaign.answer_opinion(
                opinion.id,
                mode=draw(st.sampled_from(opinion.answer_modes)),
                summary="已答复并说明整改情况",
                at=clock.tick(),
                by=anyone(),
            )
    for problem in campaign.problems_in(ProblemState.RECTIFIED):
        owners = {m.owner for m in campaign.measures.values() if m.problem == problem}
        others = [p for p in _people(campaign) if p not in owners]
        if bool(others) and draw(_likely):
            campaign.verify_problem(
                problem, note="经督查已整改到位", at=clock.tick(), by=draw(st.sampled_from(others))
            )
    for opinion in list(campaign.opinions.values()):
        if opinion.complaint is not None and campaign.answer(opinion.id) and draw(_likely):
            campaign.record_satisfaction(
                opinion.id, satisfied=draw(_likely), at=clock.tick(), by=anyone()
            )
    for problem in campaign.problems_in(ProblemState.VERIFIED):
        if not campaign.closing_gaps(problem) and draw(_likely):
            campaign.close_problem(problem, at=clock.tick(), by=anyone())


def _advance(draw: st.DrawFn, campaign: Campaign, clock: _Clock, anyone: Callable[[], str]) -> None:
    """Stage reports filed, and stages advanced (转段) while their gates hold."""
    while not campaign.concluded and draw(_likely):
        stage = campaign.stage
        if stage.key not in campaign.reports and draw(_likely):
            report = StageReport(
                summary=f"{stage.name}阶段总结",
                figures={"问题": len(campaign.problems), "措施": len(campaign.measures)},
                open_problems=campaign.problems_without_measures(),
            )
            campaign.file_report(report, at=clock.tick(), by=anyone())
        at = clock.close_of(stage.first, stage.last)
        if campaign.gate_results(clock.day):
            return
        campaign.advance(at=at, by=anyone())


# --------------------------------------------------------------------------- assessment

_ITEMS = ("作风", "服务质量", "依法行政", "效率", "廉政")
_GROUPS = ("服务对象", "行风监督员", "社会各界", "人大代表")
_TARGETS = ("供电公司", "水务集团", "燃气公司")
_FORMS = (THREE_OPTIONS, FOUR_OPTIONS, FIVE_OPTIONS)


def _labels(draw: st.DrawFn, pool: tuple[str, ...], low: int, high: int, extra: str) -> list[str]:
    """``low`` to ``high`` distinct labels: the pool's in any order, then ``extra1`` …"""
    count = draw(st.integers(min_value=low, max_value=high))
    chosen = list(draw(st.permutations(pool)))[:count]
    return chosen + [f"{extra}{i}" for i in range(1, count - len(chosen) + 1)]


def questionnaires(
    *, min_items: int = 1, max_items: int = 3, min_groups: int = 1, max_groups: int = 3
) -> SearchStrategy[Questionnaire]:
    """Valid questionnaires (测评问卷) with one of the three verdict forms.

    Items (测评项目) and respondent groups are distinct: the usual ones (作风, 服务质量 …;
    服务对象, 行风监督员 …), then ``测评项目6`` … or ``群体5`` … when more are asked for.
    """
    _range("min_items", min_items, "max_items", max_items, at_least=1)
    _range("min_groups", min_groups, "max_groups", max_groups, at_least=1)
    return _questionnaires(min_items, max_items, min_groups, max_groups)


@st.composite
def _questionnaires(
    draw: st.DrawFn, min_items: int, max_items: int, min_groups: int, max_groups: int
) -> Questionnaire:
    return Questionnaire(
        name=draw(st.sampled_from(["行风评议问卷", "满意度测评"])),
        items=_labels(draw, _ITEMS, min_items, max_items, "测评项目"),
        options=draw(st.sampled_from(_FORMS)),
        groups=_labels(draw, _GROUPS, min_groups, max_groups, "群体"),
    )


def _questionnaire(value: object) -> None:
    _optional("questionnaire", value, Questionnaire, "Questionnaire（问卷）")


def ballots(
    questionnaire: Questionnaire, *, targets: Sequence[str] | None = None
) -> SearchStrategy[Ballot]:
    """Ballots of ``questionnaire``, checked by :meth:`~xingfeng.Questionnaire.ballot`: one
    respondent group's verdict on every item about one of ``targets`` (three by default)."""
    if not isinstance(questionnaire, Questionnaire):
        raise InvalidArgument(
            "questionnaire", questionnaire, "Questionnaire（问卷）", english="a Questionnaire"
        )
    chosen = _texts("targets", targets) or _TARGETS
    return st.builds(
        lambda target, group, verdicts: questionnaire.ballot(
            target, group, **dict(zip(questionnaire.items, verdicts, strict=True))
        ),
        st.sampled_from(chosen),
        st.sampled_from(questionnaire.groups),
        st.tuples(*[st.sampled_from(questionnaire.options) for _ in questionnaire.items]),
    )


def tallies(
    questionnaire: Questionnaire | None = None,
    *,
    targets: Sequence[str] | None = None,
    min_ballots: int = 0,
    max_ballots: int = 30,
) -> SearchStrategy[Tally]:
    """Tallies (计票) of ``min_ballots`` to ``max_ballots`` ballots of ``questionnaire`` (any
    from :func:`questionnaires` when ``None``), with issued counts for a few (target,
    group) pairs."""
    _questionnaire(questionnaire)
    chosen = _texts("targets", targets) or _TARGETS
    _range("min_ballots", min_ballots, "max_ballots", max_ballots)
    surveys = _questionnaires(1, 3, 1, 3) if questionnaire is None else st.just(questionnaire)
    return _tallies(surveys, chosen, min_ballots, max_ballots)


@st.composite
def _tallies(
    draw: st.DrawFn,
    surveys: SearchStrategy[Questionnaire],
    targets: tuple[str, ...],
    min_ballots: int,
    max_ballots: int,
) -> Tally:
    q = draw(surveys)
    counted = draw(
        st.lists(ballots(q, targets=targets), min_size=min_ballots, max_size=max_ballots)
    )
    tally = Tally.from_ballots(q, counted)
    for target, group in draw(
        st.lists(st.tuples(st.sampled_from(targets), st.sampled_from(q.groups)), max_size=3)
    ):
        tally = tally.with_issued(target, group, draw(st.integers(min_value=1, max_value=50)))
    return tally


@st.composite
def _weights(draw: st.DrawFn, names: tuple[str, ...]) -> dict[str, Fraction]:
    """Shares summing to exactly 1, at least one of them above 0."""
    raw = draw(
        st.lists(st.integers(min_value=0, max_value=9), min_size=len(names), max_size=len(names))
    )
    if not any(raw):
        raw[0] = 1
    return {name: Fraction(n, sum(raw)) for name, n in zip(names, raw, strict=True)}


def survey_schemes(questionnaire: Questionnaire | None = None) -> SearchStrategy[SurveyScheme]:
    """Valid scoring schemes for ``questionnaire`` (any from :func:`questionnaires` when
    ``None``): points per verdict, 不了解 invalid, group and item weights or none, full marks,
    and each way of treating missing groups, rate bases and majorities."""
    _questionnaire(questionnaire)
    surveys = _questionnaires(1, 3, 1, 3) if questionnaire is None else st.just(questionnaire)
    return _survey_schemes(surveys)


@st.composite
def _survey_schemes(draw: st.DrawFn, surveys: SearchStrategy[Questionnaire]) -> SurveyScheme:
    q = draw(surveys)
    invalid = {"不了解"} & set(q.options)
    scored = [o for o in q.options if o not in invalid]
    points = {o: draw(st.integers(min_value=0, max_value=100)) for o in scored}
    satisfied = draw(st.lists(st.sampled_from(scored), min_size=1, max_size=2, unique=True))
    return SurveyScheme(
        questionnaire=q,
        points=points,
        invalid=invalid,
        group_weights=draw(st.none() | _weights(q.groups)),
        item_weights=draw(st.none() | _weights(q.items)),
        full_marks=draw(st.sampled_from([100, 80, Decimal("12.5")])),
        missing=draw(st.sampled_from(Missing)),
        satisfied=satisfied,
        rate_base=draw(st.sampled_from(RateBase)),
        majority=draw(st.sampled_from(Majority)),
    )


# --------------------------------------------------------------------------- rule tables

#: Exact numbers of every kind, small enough to collide often.
_numbers: SearchStrategy[Number] = st.one_of(
    st.integers(min_value=-20, max_value=20),
    st.decimals(min_value=-20, max_value=20, places=2, allow_nan=False, allow_infinity=False),
    st.fractions(min_value=-20, max_value=20, max_denominator=6),
)
_CRITERION_TEXTS = ("投诉", "越级投诉", "重复投诉", "营业厅", "95598")


def _exactly(value: Number) -> Fraction:
    return Fraction(value)


def criteria(
    numbers: SearchStrategy[Number] | None = None, texts: SearchStrategy[str] | None = None
) -> SearchStrategy[Criterion]:
    """Every kind of criterion of a decision table, over ``numbers`` and ``texts``.

    ``-`` (:class:`~xingfeng.Anything`), comparisons of numbers, ``=``/``≠`` of texts,
    ranges with open or closed ends, sets of values and yes/no.  By default, numbers are
    small ints, Decimals and Fractions, and texts a few complaint kinds and names.
    """
    _strategy("numbers", numbers)
    _strategy("texts", texts)
    values = _numbers if numbers is None else numbers
    words = st.sampled_from(_CRITERION_TEXTS) if texts is None else texts

    def between(low: Number, high: Number, low_closed: bool, high_closed: bool) -> Between:
        ends = sorted([low, high], key=_exactly)
        if _exactly(ends[0]) == _exactly(ends[1]):
            low_closed = high_closed = True
        return Between(low=ends[0], high=ends[1], low_closed=low_closed, high_closed=high_closed)

    return st.one_of(
        st.just(Anything()),
        st.builds(lambda op, v: Compare(op=op, value=v), st.sampled_from(Op), values),
        st.builds(lambda op, v: Compare(op=op, value=v), st.sampled_from([Op.EQ, Op.NE]), words),
        st.builds(between, values, values, st.booleans(), st.booleans()),
        st.builds(lambda vs: OneOf(values=vs), st.frozensets(st.one_of(values, words), min_size=1)),
        st.builds(lambda v: Is(value=v), st.booleans()),
    )


_any_criterion = criteria()


def _output_key(value: OutputValue) -> tuple[int, object]:
    """Outputs the tables count as the same (``1`` and ``Decimal("1.0")``; not ``True``)."""
    if isinstance(value, bool):
        return (0, value)
    if isinstance(value, str):
        return (2, value)
    return (1, Fraction(value))


_OUTPUTS: SearchStrategy[OutputValue] = st.one_of(
    _numbers, st.sampled_from(["约谈", "通报批评", "限期整改"]), st.booleans()
)
_TABLE_NAMES = ("越级投诉考核", "整改逾期", "重复投诉", "满意率考核")
_ANNOTATIONS = ("", "每起扣2分", "先斩后奏的加倍处罚", "属实的越级投诉从严考核")
_POLICIES = tuple(HitPolicy)


def decision_tables(
    *,
    hit_policy: HitPolicy | None = None,
    outputs: SearchStrategy[OutputValue] | None = None,
    max_inputs: int = 3,
    min_rules: int = 1,
    max_rules: int = 6,
) -> SearchStrategy[DecisionTable]:
    """Valid decision tables (决策表) of every hit policy, or of ``hit_policy``.

    Inputs are ``f1`` … (1 to ``max_inputs``), outputs ``out1`` and at times ``out2``, each
    column's values drawn from a small pool of ``outputs`` (exact numbers, texts and yes/no
    by default).  ``UNIQUE`` and ``ANY`` tables split ``f1`` into ranges that do not
    overlap (an ``ANY`` table may repeat a rule, which agrees with itself); ``PRIORITY``
    tables rank the first column's pool; ``COLLECT`` tables may aggregate, numbers only for
    ``SUM``, ``MIN`` and ``MAX``.
    """
    _optional("hit_policy", hit_policy, HitPolicy, "HitPolicy（命中策略）")
    _strategy("outputs", outputs)
    _count("max_inputs", max_inputs, at_least=1)
    _range("min_rules", min_rules, "max_rules", max_rules, at_least=1)
    values = _OUTPUTS if outputs is None else outputs
    policies = _POLICIES if hit_policy is None else (hit_policy,)
    columns = st.lists(st.just(values), min_size=1, max_size=2)
    return _decision_tables(policies, columns, max_inputs, min_rules, max_rules)


@st.composite
def _decision_tables(
    draw: st.DrawFn,
    policies: tuple[HitPolicy, ...],
    columns: SearchStrategy[list[SearchStrategy[OutputValue]]],
    max_inputs: int,
    min_rules: int,
    max_rules: int,
    names: tuple[str, ...] | None = None,
    count_any: bool = True,
) -> DecisionTable:
    policy = draw(st.sampled_from(policies))
    kinds = draw(columns)
    outputs = list(names) if names is not None else [f"out{i + 1}" for i in range(len(kinds))]
    pools = [draw(st.lists(kind, min_size=1, max_size=4, unique_by=_output_key)) for kind in kinds]
    inputs = [f"f{i + 1}" for i in range(draw(st.integers(min_value=1, max_value=max_inputs)))]
    count = draw(st.integers(min_value=min_rules, max_value=max_rules))
    cells = _any_criterion
    rows = [
        DecisionRule(
            when=[draw(cells) for _ in inputs],
            then=[draw(st.sampled_from(pool)) for pool in pools],
            annotation=draw(st.sampled_from(_ANNOTATIONS)),
        )
        for _ in range(count)
    ]
    if policy in (HitPolicy.UNIQUE, HitPolicy.ANY):
        # Half-open ranges between rising bounds never overlap: f1 decides.
        steps = [draw(st.integers(min_value=1, max_value=5)) for _ in range(count)]
        whole = [draw(st.integers(min_value=-20, max_value=20))]
        for step in steps:
            whole.append(whole[-1] + step)
        bounds = [n + Decimal("0.5") if draw(st.booleans()) else n for n in whole]
        rows = [
            DecisionRule(
                when=[Between(low=low, high=high, high_closed=False), *row.when[1:]],
                then=row.then,
                annotation=row.annotation,
            )
            for row, low, high in zip(rows, bounds, bounds[1:], strict=False)
        ]
        if policy is HitPolicy.ANY and count < max_rules and draw(st.booleans()):
            rows.append(draw(st.sampled_from(rows)))
    aggregation = None
    numeric = all(_output_key(v)[0] == 1 for v in pools[0])
    if policy is HitPolicy.COLLECT and len(outputs) == 1 and (numeric or count_any):
        choices = list(Aggregation) if numeric else [Aggregation.COUNT]
        aggregation = draw(st.none() | st.sampled_from(choices))
    priorities = None
    if policy is HitPolicy.PRIORITY:
        priorities = {outputs[0]: draw(st.permutations(pools[0]))}
    return DecisionTable(
        name=draw(st.sampled_from(_TABLE_NAMES)),
        inputs=inputs,
        outputs=outputs,
        rules=rows,
        hit_policy=policy,
        aggregation=aggregation,
        priorities=priorities,
    )


_sanctions = st.sampled_from(Sanction)

_aggravations = st.builds(
    Aggravation,
    reason=_words,
    factor=st.integers(min_value=2, max_value=4) | st.just(Decimal("1.5")),
)

#: Windows: none, a few days to a year, or a few months.
_windows = st.one_of(
    st.tuples(st.none(), st.just(WindowUnit.DAYS)),
    st.tuples(st.integers(min_value=1, max_value=400), st.just(WindowUnit.DAYS)),
    st.tuples(st.integers(min_value=1, max_value=14), st.just(WindowUnit.MONTHS)),
)


@st.composite
def _ladder_escalations(draw: st.DrawFn) -> Escalation:
    """A LADDER rule: one to three rungs a repeat, any window, the top or any ceiling."""
    window, unit = draw(_windows)
    return Escalation.ladder(
        step=draw(st.integers(min_value=1, max_value=3)),
        window=window,
        window_unit=unit,
        ceiling=draw(st.none() | _sanctions),
    )


@st.composite
def _multiply_escalations(draw: st.DrawFn, capped: bool | None = None) -> Escalation:
    """A MULTIPLY rule: ×2 (加倍), ×3 or ×1.5, any window, capped or not."""
    window, unit = draw(_windows)
    cap = None if capped is False else draw(st.integers(min_value=1, max_value=50))
    if capped is None and draw(st.booleans()):
        cap = None
    return Escalation.multiply(
        factor=draw(st.sampled_from([Fraction(2), Fraction(3), Fraction(3, 2)])),
        window=window,
        window_unit=unit,
        cap=cap,
    )


_escalations = st.one_of(_ladder_escalations(), _multiply_escalations())

#: Any policy: levels from none to all the way up, any posts, supervision or not.
_liability_policies = st.builds(
    LiabilityPolicy,
    levels=st.none() | st.integers(min_value=0, max_value=8),
    posts=st.frozensets(st.sampled_from(Post)),
    supervision=st.booleans(),
)

_POINTS: SearchStrategy[OutputValue] = st.one_of(
    st.integers(min_value=0, max_value=10),
    st.sampled_from([Decimal("0.5"), Decimal("2.5"), Fraction(1, 3)]),
)
#: What each kind of effect column holds, so that every rule evaluates.
_EFFECT_VALUES: dict[EffectKind, SearchStrategy[OutputValue]] = {
    EffectKind.DEDUCTION: _POINTS,
    EffectKind.BONUS: _POINTS,
    EffectKind.SANCTION: st.sampled_from(
        [s.value for s in Sanction] + [s.label for s in Sanction] + ["-"]
    ),
    EffectKind.NOTIFY_HOME_UNIT: st.booleans(),
    EffectKind.ACCOUNTABILITY: st.booleans(),
}
_EFFECT_COLUMNS = {
    EffectKind.DEDUCTION: "扣分",
    EffectKind.BONUS: "加分",
    EffectKind.SANCTION: "处理",
    EffectKind.NOTIFY_HOME_UNIT: "通报原单位",
    EffectKind.ACCOUNTABILITY: "责任追究",
}


def rules(*, subject: Subject | None = None) -> SearchStrategy[Rule]:
    """Valid evaluation rules (考核规则) on ``subject`` (any when ``None``).

    Each output column of the rule's table (:func:`decision_tables`, any hit policy) is an
    effect (扣分, 加分, 处理, 通报原单位, 责任追究) and holds values that effect reads, so
    :func:`~xingfeng.evaluate` accepts every rule.  Some rules have an aggravation
    (先斩后奏 ×2) or an escalation for repeats (up the ladder, or 加倍).
    """
    _optional("subject", subject, Subject, "Subject（对象类别）")
    subjects = st.sampled_from(Subject) if subject is None else st.just(subject)
    return _rules(subjects)


@st.composite
def _rules(draw: st.DrawFn, subjects: SearchStrategy[Subject]) -> Rule:
    kinds = draw(st.lists(st.sampled_from(EffectKind), min_size=1, max_size=2, unique=True))
    columns = [_EFFECT_COLUMNS[kind] for kind in kinds]
    table = draw(
        _decision_tables(
            _POLICIES,
            st.just([_EFFECT_VALUES[kind] for kind in kinds]),
            max_inputs=2,
            min_rules=1,
            max_rules=4,
            names=tuple(columns),
            count_any=False,  # a count is no sanction: rules aggregate numbers only
        )
    )
    subject = draw(subjects)
    return Rule(
        table=table,
        subject=subject,
        effects=dict(zip(columns, kinds, strict=True)),
        host_facts=[name for name in table.inputs if name not in campaign_fact_names(subject)],
        aggravation=draw(st.none() | _aggravations),
        escalation=draw(st.none() | _escalations),
    )


def rule_sets(*, min_rules: int = 0, max_rules: int = 3) -> SearchStrategy[RuleSet]:
    """Valid rule sets: ``min_rules`` to ``max_rules`` :func:`rules` under a name, with a
    liability policy for their accountability."""
    _range("min_rules", min_rules, "max_rules", max_rules)
    return st.builds(
        RuleSet,
        name=st.sampled_from(["R6 越级投诉从严考核", "R5 先斩后奏加倍处罚", "整改考核"]),
        rules=st.lists(
            _rules(st.sampled_from(Subject)), min_size=min_rules, max_size=max_rules
        ).map(tuple),
        source=st.sampled_from(["", "实施方案", "seed 002"]),
        policy=_liability_policies,
    )
