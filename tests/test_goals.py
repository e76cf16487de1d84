"""Tests for xingfeng.assessment.goals: rank and rate goals, as data a later assessment checks."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import strategies
from tests.strategies import (
    rank_calls,
)
from xingfeng import InvalidArgument, RankGoal, Rate, RateGoal, from_json, to_json
from xingfeng.assessment.goals import GoalCheck
from xingfeng.assessment.ranking import Ranking, Ties, rank
from xingfeng.exceptions import UnknownReference

#: Decimals that are not numbers a rate can be: NaN, signalling NaN and the infinities.
non_finite_decimals = st.sampled_from(["NaN", "-NaN", "sNaN", "Infinity", "-Infinity"]).map(Decimal)


@given(at_least=non_finite_decimals)
def test_a_rate_goal_refuses_a_threshold_that_is_not_a_finite_number(at_least: Decimal) -> None:
    """RateGoal(at_least=NaN or ±Infinity) raises InvalidArgument, never InvalidOperation."""
    with pytest.raises(InvalidArgument) as caught:
        RateGoal(rate="满意率", at_least=at_least)

    assert caught.value.name == "at_least"


@given(goal=strategies.rate_goals, value=non_finite_decimals)
def test_a_rate_goal_refuses_to_judge_a_rate_that_is_not_a_finite_number(
    goal: RateGoal, value: Decimal
) -> None:
    """met_by(NaN) and met_by(±Infinity) raise InvalidArgument, not ValueError or OverflowError."""
    with pytest.raises(InvalidArgument):
        goal.met_by(value)


@given(goal=strategies.rate_goals, value=st.fractions(min_value=0, max_value=1))
def test_a_rate_goal_is_met_exactly_when_the_rate_reaches_the_threshold(
    goal: RateGoal, value: Fraction
) -> None:
    """met_by compares exactly: Fraction and Decimal give the same answer, and no error."""
    assert goal.met_by(value) == (value >= Fraction(goal.bound))


def test_a_rank_goal_names_the_unit_it_is_for() -> None:
    """RankGoal(unit=...) records the appraised unit the goal is set for."""
    goal = RankGoal(scope="全省公共服务类评议对象", peers=22, within=3, unit="province")

    assert goal.unit == "province"


def test_a_rank_goal_is_for_no_particular_unit_by_default() -> None:
    """Without unit=, a rank goal's unit is None."""
    goal = RankGoal(scope="全省公共服务类评议对象", peers=22, within=3)

    assert goal.unit is None


@given(goal=strategies.rank_goals_with_units)
def test_a_rank_goal_with_or_without_a_unit_round_trips_through_json(goal: RankGoal) -> None:
    """from_json(to_json(goal)) is an equal goal, keeping its unit."""
    loaded = from_json(to_json(goal), RankGoal)

    assert loaded == goal
    assert loaded.unit == goal.unit


# Goal checks


@st.composite
def ranked_goals(draw: st.DrawFn) -> tuple[Ranking, RankGoal, str]:
    """A ranking, a rank goal over exactly its peers, and one of its targets."""
    scores, options = draw(rank_calls())
    ranking = rank(scores, **options)
    within = draw(st.integers(min_value=1, max_value=len(ranking)))
    strive = draw(st.none() | st.integers(min_value=1, max_value=within))
    goal = RankGoal(scope="评议对象", peers=len(ranking), within=within, strive_for=strive)
    return ranking, goal, draw(st.sampled_from(ranking.targets))


@given(case=ranked_goals())
def test_a_rank_goal_is_met_exactly_when_the_rank_is_within_the_goal(
    case: tuple[Ranking, RankGoal, str],
) -> None:
    """check() is met iff rank <= within; places_short is rank - within when missed, else 0;
    strive_met iff rank <= strive_for."""
    ranking, goal, target = case
    place = ranking.placing(target)

    check = goal.check(ranking, target)

    assert check.met == (place.rank <= goal.within) == goal.met_by(place.rank)
    assert check.places_short == max(0, place.rank - goal.within)
    assert (check.rank, check.value, check.target) == (place.rank, place.score, target)
    assert check.strive_met == (None if goal.strive_for is None else place.rank <= goal.strive_for)


@given(case=ranked_goals())
def test_a_missed_rank_goal_is_short_by_the_points_to_the_last_qualifying_place(
    case: tuple[Ranking, RankGoal, str],
) -> None:
    """short_by is 0 when met; when missed it is the score of the last place ranked within
    the goal minus the target's score (reversed when lower is better), never below 0."""
    ranking, goal, target = case
    check = goal.check(ranking, target)

    if check.met:
        assert check.short_by == 0
    else:
        qualifying = [p for p in ranking.places if p.rank <= goal.within][-1].score
        gap = qualifying - check.value
        assert check.short_by == max(-gap if ranking.lower_is_better else gap, Fraction(0))


@given(goal=strategies.rate_goals, value=st.fractions(min_value=0, max_value=1))
def test_a_rate_goal_check_is_short_by_the_exact_difference(
    goal: RateGoal, value: Fraction
) -> None:
    """RateGoal.check(v) is met iff v >= at_least, and short_by is at_least - v otherwise."""
    check = goal.check(value)

    assert check.met == goal.met_by(value)
    assert check.short_by == (0 if check.met else Fraction(goal.bound) - value)
    assert (check.places_short, check.rank) == (0, None)


@given(case=ranked_goals())
def test_a_goal_check_round_trips_through_json(case: tuple[Ranking, RankGoal, str]) -> None:
    """from_json(to_json(check)) is an equal GoalCheck."""
    ranking, goal, target = case
    check = goal.check(ranking, target)

    assert from_json(to_json(check), GoalCheck) == check


def _province(province_score: Any, vetoed: frozenset[str] = frozenset()) -> Ranking:
    """22 public-service targets scoring 95, 94, … 74, with the province company replacing
    the target that scored 92."""
    scores: dict[str, Any] = {f"对象{i:02}": 96 - i for i in range(1, 23) if i != 4}
    scores["省公司"] = province_score
    return rank(scores, vetoed=vetoed)


TOP3 = RankGoal(scope="全省公共服务类评议对象", peers=22, within=3, strive_for=1, unit="省公司")


def test_top_three_of_twenty_two_is_met_at_second_place() -> None:
    """在22个全省公共服务类评议对象中排名前3、争取第1: on 94.5 the province company is 2nd:
    met, the aspiration of 1st not."""
    check = TOP3.check(_province(Decimal("94.5")))

    assert (check.met, check.rank, check.strive_met) == (True, 2, False)
    assert (check.places_short, check.short_by) == (0, Fraction(0))
    assert check.goal == "在22个全省公共服务类评议对象中排名前3、争取第1"


def test_top_three_of_twenty_two_is_missed_by_three_places_and_three_and_a_half_points() -> None:
    """On 89.5 the province company is 6th (95, 94, 93, 91, 90 ahead): 3 places short, and
    3.5 points short of 93, the score at 3rd place."""
    check = TOP3.check(_province(Decimal("89.5")))

    assert (check.met, check.rank, check.places_short) == (False, 6, 3)
    assert check.short_by == Fraction(7, 2)


def test_a_vetoed_unit_misses_a_rank_goal_by_no_points() -> None:
    """Vetoed on 99 the province company ranks 22nd: 19 places short, 0 points (no score
    overcomes a veto)."""
    check = TOP3.check(_province(99, vetoed=frozenset({"省公司"})))

    assert (check.met, check.rank, check.places_short, check.short_by) == (
        False,
        22,
        19,
        Fraction(0),
    )


def test_under_dense_ties_rank_three_meets_top_three_at_the_fourth_place() -> None:
    """1-2-2-3: the fourth-placed target is ranked 3rd and meets a top-3 goal."""
    ranking = rank({"a": 90, "b": 85, "c": 85, "d": 80, "e": 70}, ties=Ties.DENSE)
    goal = RankGoal(scope="评议对象", peers=5, within=3)

    assert goal.check(ranking, "d").met
    assert goal.check(ranking, "e").short_by == 10


def test_a_rank_goal_refuses_a_ranking_of_a_different_number_of_peers() -> None:
    """A goal among 22 peers cannot be checked against a ranking of 21."""
    ranking = rank({f"对象{i:02}": i for i in range(21)})

    with pytest.raises(InvalidArgument) as caught:
        TOP3.check(ranking, "对象01")

    assert caught.value.value == 21


def test_a_rank_goal_check_needs_a_known_target() -> None:
    """Without a target or a unit InvalidArgument; with an unknown target UnknownReference."""
    ranking = _province(90)
    goal = RankGoal(scope="全省公共服务类评议对象", peers=22, within=3)

    with pytest.raises(InvalidArgument):
        goal.check(ranking)
    with pytest.raises(UnknownReference):
        goal.check(ranking, "市公司")
    with pytest.raises(InvalidArgument):
        goal.check({"省公司": 1}, "省公司")  # type: ignore[arg-type]


def test_a_satisfaction_rate_of_70_in_77_misses_95_percent_by_an_exact_fraction() -> None:
    """70/77 against 满意率≥95%: short by 0.95 - 70/77 = 9/220, exactly."""
    check = RateGoal(rate="满意率", at_least=Decimal("0.95")).check(Fraction(70, 77))

    assert (check.met, check.short_by, check.goal) == (False, Fraction(9, 220), "满意率≥95%")


def test_a_rate_goal_checks_a_rate_as_its_exact_value() -> None:
    """RateGoal.check(Rate) is check(rate.value): 70 of 77 is short of 95% by 9/220."""
    goal = RateGoal(rate="满意率", at_least=Decimal("0.95"))
    rate = Rate(name="满意率", numerator=70, denominator=77)
    assert goal.check(rate) == goal.check(Fraction(70, 77))
    assert goal.check(rate).short_by == Fraction(9, 220)


#: Rate goals of either kind of bound: 95%以上 (at_least, inclusive) or 超过95% (above, strict).
thresholds = st.decimals(min_value=0, max_value=1, places=3).map(Decimal)
both_kinds_of_rate_goal = st.builds(RateGoal, rate=st.just("满意率"), at_least=thresholds) | (
    st.builds(RateGoal, rate=st.just("满意率"), above=thresholds.filter(lambda d: d < 1))
)


@given(goal=both_kinds_of_rate_goal, value=st.fractions(min_value=0, max_value=1))
def test_a_rate_goal_is_met_at_its_bound_only_when_the_bound_is_inclusive(
    goal: RateGoal, value: Fraction
) -> None:
    """An inclusive goal is met by v >= bound, a strict one by v > bound only; the label's sign
    and the wording say which (≥ 以上（含）, > 超过（不含）), and short_by is bound - v when
    missed (0 exactly at a strict bound)."""
    bound = Fraction(goal.bound)
    check = goal.check(value)

    assert goal.met_by(value) == (value > bound if goal.strict else value >= bound)
    assert goal.met_by(bound) is not goal.strict
    assert check.short_by == (0 if check.met else bound - value)
    assert ("超过" in goal.wording and "不含" in goal.wording) is goal.strict
    assert goal.label.startswith("满意率>" if goal.strict else "满意率≥")


@given(goal=both_kinds_of_rate_goal)
def test_a_rate_goal_of_either_bound_round_trips_through_json(goal: RateGoal) -> None:
    """A strict or inclusive rate goal loads back equal, keeping which bound it is."""
    assert from_json(to_json(goal), RateGoal) == goal


def test_satisfaction_above_95_percent_is_not_met_at_95_percent() -> None:
    """满意率超过95%: 95 of 100 falls short (by nothing but the excess); 96 of 100 meets it."""
    goal = RateGoal(rate="满意率", above=Decimal("0.95"))

    assert (goal.label, goal.wording) == ("满意率>95%", "满意率超过95%（不含95%）")
    assert goal.check(Rate(name="满意率", numerator=95, denominator=100)).met is False
    assert goal.check(Rate(name="满意率", numerator=96, denominator=100)).met is True
    inclusive = RateGoal(rate="满意率", at_least=Decimal("0.95"))
    assert inclusive.wording == "满意率95%以上（含95%）"
    assert inclusive.met_by(Fraction(95, 100)) is True


@pytest.mark.parametrize(
    "bounds",
    [{}, {"at_least": Decimal("0.9"), "above": Decimal("0.9")}],
)
def test_a_rate_goal_takes_exactly_one_bound(bounds: dict[str, Decimal]) -> None:
    """Neither bound, or both, is refused: the scheme says 以上 or 超过, not neither or both."""
    with pytest.raises(InvalidArgument, match="二者给出其一"):
        RateGoal(rate="满意率", **bounds)


def test_a_rate_goal_above_100_percent_is_refused() -> None:
    """超过100% can never be met, so it is refused when the goal is built."""
    with pytest.raises(InvalidArgument) as refused:
        RateGoal(rate="满意率", above=Decimal("1"))

    assert refused.value.name == "above"
