"""Tests for xingfeng.rectification.priority: the rectification order 先易后难、先重后轻、
先急后缓 (R8)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

import attrs
import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.strategies import (
    judged_problems,
    priority_policies,
    problem_lists,
)
from xingfeng import InvalidArgument, XingfengError, from_json, to_json
from xingfeng.rectification.measures import Measure
from xingfeng.rectification.priority import Principle, PriorityPolicy, prioritize, priority_key
from xingfeng.rectification.problems import Difficulty, Problem, Severity, Urgency


def _problem(
    problem_id: str,
    severity: Severity = Severity.MODERATE,
    urgency: Urgency = Urgency.NORMAL,
    difficulty: Difficulty = Difficulty.MODERATE,
    *,
    title: str | None = None,
    at: datetime | None = None,
) -> Problem:
    return Problem(
        id=problem_id,
        unit="供电公司",
        title=title or problem_id,
        recorded_at=at or pendulum.datetime(2026, 9, 1, 9, tz="Asia/Shanghai"),
        severity=severity,
        urgency=urgency,
        difficulty=difficulty,
    )


def _seed_002() -> list[Problem]:
    """Four problems of the power-grid company's appraisal (seed 002), judged by hand."""
    return [
        _problem("P1", Severity.SERIOUS, Urgency.URGENT, Difficulty.HARD, title="低电压"),
        _problem("P2", Severity.SERIOUS, Urgency.NORMAL, Difficulty.EASY, title="三指定"),
        _problem("P3", Severity.MODERATE, Urgency.URGENT, Difficulty.EASY, title="停电未公告"),
        _problem("P4", Severity.LIGHT, Urgency.SLOW, Difficulty.MODERATE, title="催费不规范"),
    ]


def _ranks(problem: Problem, policy: PriorityPolicy) -> list[int]:
    """Reference ranks, written from the judgements rather than from Principle.rank."""
    worth = {
        Principle.EASY_FIRST: {Difficulty.EASY: 1, Difficulty.MODERATE: 2, Difficulty.HARD: 3}[
            problem.difficulty
        ],
        Principle.SERIOUS_FIRST: {Severity.SERIOUS: 1, Severity.MODERATE: 2, Severity.LIGHT: 3}[
            problem.severity
        ],
        Principle.URGENT_FIRST: {Urgency.URGENT: 1, Urgency.NORMAL: 2, Urgency.SLOW: 3}[
            problem.urgency
        ],
    }
    return [worth[principle] for principle in policy.order]


# --------------------------------------------------------------------------- properties


@given(problems=problem_lists, policy=priority_policies)
def test_prioritize_returns_every_problem_exactly_once(
    problems: list[Problem], policy: PriorityPolicy
) -> None:
    """The result is a permutation of the input: nothing lost, nothing added, nothing doubled."""
    ordered = prioritize(problems, policy)

    assert sorted(ordered, key=lambda p: p.id) == sorted(problems, key=lambda p: p.id)


@given(problems=problem_lists, policy=priority_policies, data=st.data())
def test_the_order_does_not_depend_on_the_order_problems_come_in(
    problems: list[Problem], policy: PriorityPolicy, data: st.DataObject
) -> None:
    """Any listing of the same problems gives the same order."""
    shuffled = data.draw(st.permutations(problems))

    assert prioritize(shuffled, policy) == prioritize(problems, policy)


@given(
    problems=problem_lists, rest=st.permutations([Principle.SERIOUS_FIRST, Principle.EASY_FIRST])
)
def test_when_urgency_leads_a_less_urgent_problem_never_comes_before_a_more_urgent_one(
    problems: list[Problem], rest: list[Principle]
) -> None:
    """先急后缓 first: urgency levels never rise along the order."""
    policy = PriorityPolicy(order=(Principle.URGENT_FIRST, *rest))

    levels = [p.urgency.level for p in prioritize(problems, policy)]

    assert levels == sorted(levels, reverse=True)


@given(problems=problem_lists, policy=priority_policies)
def test_the_leading_principle_is_never_broken(
    problems: list[Problem], policy: PriorityPolicy
) -> None:
    """Whichever principle leads, the order is sorted by it, best first."""
    lead = policy.order[0]

    ranks = [lead.rank(p) for p in prioritize(problems, policy)]

    assert ranks == sorted(ranks)


@given(problems=problem_lists, policy=priority_policies)
def test_of_two_problems_the_earlier_is_better_on_the_first_principle_where_they_differ(
    problems: list[Problem], policy: PriorityPolicy
) -> None:
    """Lexicographic precedence: later principles decide only ties on the earlier ones."""
    ordered = prioritize(problems, policy)

    for earlier, later in itertools.combinations(ordered, 2):
        differ = [
            (a, b)
            for a, b in zip(_ranks(earlier, policy), _ranks(later, policy), strict=True)
            if a != b
        ]
        if differ:
            first_a, first_b = differ[0]
            assert first_a < first_b


@given(problems=problem_lists, policy=priority_policies)
def test_problems_tied_on_every_principle_come_in_the_order_recorded_then_by_id(
    problems: list[Problem], policy: PriorityPolicy
) -> None:
    """The stated tie-break: the earlier recorded instant first, then the smaller id."""
    ordered = prioritize(problems, policy)

    for earlier, later in itertools.combinations(ordered, 2):
        if _ranks(earlier, policy) == _ranks(later, policy):
            assert (earlier.recorded_at, earlier.id) < (later.recorded_at, later.id)
            assert policy.deciding_principle(earlier, later) is None


@given(problems=problem_lists, policy=priority_policies, data=st.data())
def test_a_principle_left_out_of_the_policy_does_not_count(
    problems: list[Problem], policy: PriorityPolicy, data: st.DataObject
) -> None:
    """Changing a judgement no listed principle reads leaves the order unchanged."""
    assume(len(policy.order) < 3)
    ignored = {
        Principle.EASY_FIRST: "difficulty",
        Principle.SERIOUS_FIRST: "severity",
        Principle.URGENT_FIRST: "urgency",
    }
    fields = [ignored[p] for p in Principle if p not in policy.order]
    rejudged = [
        attrs.evolve(
            p,
            **{name: data.draw(st.sampled_from(type(getattr(p, name)))) for name in fields},
        )
        for p in problems
    ]

    assert [p.id for p in prioritize(rejudged, policy)] == [
        p.id for p in prioritize(problems, policy)
    ]


@given(problems=problem_lists, policy=priority_policies)
def test_prioritizing_twice_changes_nothing(
    problems: list[Problem], policy: PriorityPolicy
) -> None:
    """The order is stable under itself: sorting a sorted list gives it back."""
    once = prioritize(problems, policy)

    assert prioritize(once, policy) == once


@given(problems=problem_lists, policy=priority_policies)
def test_the_order_is_total_every_pair_compares_one_way(
    problems: list[Problem], policy: PriorityPolicy
) -> None:
    """Distinct problems never share a key, and the keys agree with the order for every pair."""
    ordered = prioritize(problems, policy)
    keys = [priority_key(p, policy) for p in ordered]

    assert len(set(keys)) == len(keys)
    for (i, a), (j, b) in itertools.combinations(enumerate(keys), 2):
        assert (a < b) == (i < j)
        assert (b < a) == (j < i)


@given(a=judged_problems, b=judged_problems, policy=priority_policies)
def test_the_deciding_principle_is_the_first_listed_on_which_two_problems_differ(
    a: Problem, b: Problem, policy: PriorityPolicy
) -> None:
    """deciding_principle is symmetric and names the principle that orders the pair."""
    decided = policy.deciding_principle(a, b)

    assert decided == policy.deciding_principle(b, a)
    if decided is None:
        assert _ranks(a, policy) == _ranks(b, policy)
    else:
        position = policy.order.index(decided)
        assert _ranks(a, policy)[:position] == _ranks(b, policy)[:position]
        assert decided.rank(a) != decided.rank(b)


@given(policy=priority_policies)
def test_a_policy_round_trips_through_json(policy: PriorityPolicy) -> None:
    """to_json then from_json gives back an equal policy, principles written as their values."""
    text = to_json(policy)

    assert from_json(text, PriorityPolicy) == policy
    assert all(p.value in text for p in policy.order)


# --------------------------------------------------------------------------- by hand


def test_the_default_policy_follows_the_order_seed_002_writes() -> None:
    """PriorityPolicy() is 先易后难、先重后轻、先急后缓, in that precedence."""
    assert [p.label for p in PriorityPolicy().order] == ["先易后难", "先重后轻", "先急后缓"]


def test_seed_002s_problems_are_taken_easy_first_then_serious_then_urgent() -> None:
    """The two easy problems first (the serious one leading), then the moderate, the hard last."""
    ordered = prioritize(_seed_002())

    assert [p.title for p in ordered] == ["三指定", "停电未公告", "催费不规范", "低电压"]
    policy = PriorityPolicy()
    assert policy.deciding_principle(ordered[0], ordered[1]) is Principle.SERIOUS_FIRST
    assert policy.deciding_principle(ordered[2], ordered[3]) is Principle.EASY_FIRST


def test_a_unit_that_lets_urgency_lead_takes_the_urgent_hard_problem_first() -> None:
    """先急后缓 leading puts 低电压 (urgent, serious, hard) first, 催费 (slow) last."""
    policy = PriorityPolicy(
        order=(Principle.URGENT_FIRST, Principle.SERIOUS_FIRST, Principle.EASY_FIRST)
    )

    ordered = prioritize(_seed_002(), policy)

    assert [p.title for p in ordered] == ["低电压", "停电未公告", "三指定", "催费不规范"]


def test_the_same_instant_in_two_zones_is_a_tie_broken_by_id() -> None:
    """recorded_at compares instants: 09:00 in Shanghai is 01:00 UTC, so the id decides."""
    shanghai = _problem("b", at=pendulum.datetime(2026, 9, 1, 9, tz="Asia/Shanghai"))
    utc = _problem("a", at=datetime(2026, 9, 1, 1, tzinfo=UTC))
    earlier = _problem("z", at=pendulum.datetime(2026, 9, 1, 8, 59, tz="Asia/Shanghai"))

    assert [p.id for p in prioritize([shanghai, utc, earlier])] == ["z", "a", "b"]


def test_measures_can_be_ordered_by_the_priority_of_their_problem() -> None:
    """priority_key sorts anything that names a problem, e.g. measures, the way problems go."""
    problems = {p.id: p for p in _seed_002()}
    measures = [
        Measure(id=f"M{p}", problem=p, title="整改", owner="王", due=date(2026, 12, 1))
        for p in ("P1", "P2", "P3", "P4")
    ]

    ordered = sorted(measures, key=lambda m: priority_key(problems[m.problem]))

    assert [m.problem for m in ordered] == ["P2", "P3", "P4", "P1"]


@pytest.mark.parametrize(
    ("principle", "label"),
    [
        (Principle.EASY_FIRST, "先易后难"),
        (Principle.SERIOUS_FIRST, "先重后轻"),
        (Principle.URGENT_FIRST, "先急后缓"),
    ],
)
def test_each_principle_carries_the_words_of_seed_002(principle: Principle, label: str) -> None:
    """The label is what the seed writes; the value is a stable English name."""
    assert principle.label == label
    assert principle.value == principle.name.lower()


def test_rank_puts_the_easy_the_serious_and_the_urgent_first() -> None:
    """rank is 1 for the problems a principle takes first and 3 for those it takes last."""
    best = _problem("a", Severity.SERIOUS, Urgency.URGENT, Difficulty.EASY)
    worst = _problem("b", Severity.LIGHT, Urgency.SLOW, Difficulty.HARD)

    assert [p.rank(best) for p in Principle] == [1, 1, 1]
    assert [p.rank(worst) for p in Principle] == [3, 3, 3]


def test_no_problems_give_an_empty_order() -> None:
    """An empty campaign has nothing to rectify, and that is no error."""
    assert prioritize([]) == ()


# --------------------------------------------------------------------------- refusals


def test_something_that_is_not_a_problem_is_refused_by_name() -> None:
    """A stray id among the problems is an InvalidArgument naming it."""
    with pytest.raises(InvalidArgument, match="'P9'") as caught:
        prioritize([_problem("P1"), "P9"])  # type: ignore[list-item]

    assert caught.value.name == "problems"
    assert isinstance(caught.value, XingfengError)
    assert isinstance(caught.value, ValueError)


def test_a_single_problem_instead_of_a_collection_is_refused() -> None:
    """prioritize wants problems, not one problem."""
    with pytest.raises(InvalidArgument, match="Problem（问题）的可迭代对象"):
        prioritize(_problem("P1"))  # type: ignore[arg-type]


def test_problems_sharing_an_id_are_refused_listing_every_shared_id() -> None:
    """Two problems with one id would make the order ambiguous; every such id is named."""
    with pytest.raises(InvalidArgument, match="编号各不相同") as caught:
        prioritize([_problem("P1"), _problem("P2"), _problem("P1"), _problem("P2"), _problem("P3")])

    assert caught.value.value == ("P1", "P2")


@pytest.mark.parametrize(
    "order",
    [
        (),
        (Principle.URGENT_FIRST, Principle.URGENT_FIRST),
        ("urgent_first",),
        (Urgency.URGENT,),
        "urgent_first",
        None,
    ],
)
def test_a_policy_needs_one_to_three_different_principles(order: object) -> None:
    """An empty, repeated or foreign order is refused, saying what would be accepted."""
    with pytest.raises(InvalidArgument, match="不同的 Principle") as caught:
        PriorityPolicy(order=order)  # type: ignore[arg-type]

    assert caught.value.name == "order"


def test_something_that_is_not_a_policy_is_refused() -> None:
    """A bare tuple of principles must be wrapped in a PriorityPolicy."""
    with pytest.raises(InvalidArgument, match="PriorityPolicy"):
        prioritize([], (Principle.URGENT_FIRST,))  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument, match="PriorityPolicy"):
        priority_key(_problem("P1"), (Principle.URGENT_FIRST,))  # type: ignore[arg-type]
