"""Tests for xingfeng.goals: rank and rate goals, as data a later assessment checks."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import strategies
from xingfeng import InvalidArgument, RankGoal, RateGoal, from_json, to_json

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
    assert goal.met_by(value) == (value >= Fraction(goal.at_least))


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
