"""Tests for quotas (名额): rounding a share as the scheme publishes it, clamps, and ties at
the quota line, in xingfeng.assessment.ranking."""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import rankings
from xingfeng import (
    GradeRule,
    InvalidArgument,
    InvalidDefinition,
    QuotaRounding,
    QuotaRule,
    Ranking,
    Shortlist,
    TieAtQuota,
    TiePolicy,
    XingfengError,
    from_json,
    rank,
    to_json,
)
from xingfeng.rounding import display

sizes = st.integers(min_value=0, max_value=300)
shares = st.fractions(min_value=0, max_value=1, max_denominator=200)
roundings = st.sampled_from(list(QuotaRounding))
policies = st.sampled_from(list(TiePolicy))
clamp_values = st.none() | st.integers(min_value=0, max_value=40)
maybe_policies = st.none() | policies


@st.composite
def share_rules(draw: st.DrawFn, tie_policy: Any = maybe_policies) -> QuotaRule:
    """A share of the ranked targets, a rounding, clamps in order and maybe a tie policy."""
    low, high = draw(clamp_values), draw(clamp_values)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return QuotaRule(
        share=draw(shares),
        rounding=draw(roundings),
        at_least=low,
        at_most=high,
        tie_policy=draw(tie_policy),
    )


def quota_rules(tie_policy: Any = maybe_policies) -> st.SearchStrategy[QuotaRule]:
    """Share rules, or fixed counts."""
    counts = st.builds(
        QuotaRule, count=st.integers(min_value=0, max_value=30), tie_policy=tie_policy
    )
    return share_rules(tie_policy) | counts


# Rounding


@given(amount=st.fractions(min_value=0, max_value=10_000, max_denominator=1000))
def test_each_rounding_gives_the_whole_number_its_definition_names(amount: Fraction) -> None:
    """向下取整 is the k with k <= x < k+1; 向上取整 the k with k-1 < x <= k; 四舍五入 the k
    with k - 1/2 <= x < k + 1/2 (a half goes up, never to the even neighbour)."""
    floor = QuotaRounding.FLOOR.apply(amount)
    ceiling = QuotaRounding.CEILING.apply(amount)
    half_up = QuotaRounding.HALF_UP.apply(amount)

    assert floor <= amount < floor + 1
    assert ceiling - 1 < amount <= ceiling
    assert half_up - Fraction(1, 2) <= amount < half_up + Fraction(1, 2)
    for rounding, mode in (
        (QuotaRounding.FLOOR, ROUND_FLOOR),
        (QuotaRounding.CEILING, ROUND_CEILING),
        (QuotaRounding.HALF_UP, ROUND_HALF_UP),
    ):
        assert rounding.apply(amount) == int(display(amount, 0, mode))


@given(whole=st.integers(min_value=0, max_value=10_000))
def test_four_down_five_up_takes_every_half_up_where_bankers_rounding_would_not(
    whole: int,
) -> None:
    """四舍五入 of k + 1/2 is k + 1 for every k, even k (where round() gives k)."""
    half = Fraction(2 * whole + 1, 2)

    assert QuotaRounding.HALF_UP.apply(half) == whole + 1
    assert round(half) == (whole if whole % 2 == 0 else whole + 1)  # what is not done


@given(size=sizes, rule=share_rules())
def test_a_share_quota_is_the_rounded_share_held_between_its_clamps_and_the_class_size(
    size: int, rule: QuotaRule
) -> None:
    """places(N) = min(N, at_most, max(at_least, rounding(share × N))), exactly: the clamps
    hold, and no quota is larger than the number of targets."""
    assert rule.share is not None
    assert rule.rounding is not None
    rounded = rule.rounding.apply(rule.share * size)
    expected = rounded
    if rule.at_least is not None:
        expected = max(expected, rule.at_least)
    if rule.at_most is not None:
        expected = min(expected, rule.at_most)

    places = rule.places(size)

    assert places == min(expected, size)
    assert 0 <= places <= size
    if rule.at_least is not None:
        assert places >= min(rule.at_least, size)
    if rule.at_most is not None:
        assert places <= rule.at_most
    if rule.at_least is None and rule.at_most is None:
        assert places == rounded


@given(size=sizes, share=shares)
def test_floor_never_exceeds_four_down_five_up_which_never_exceeds_ceiling(
    size: int, share: Fraction
) -> None:
    """For every N and share, 向下取整 <= 四舍五入 <= 向上取整, at most one place apart."""
    floor, half_up, ceiling = (
        QuotaRule(share=share, rounding=r).places(size)
        for r in (QuotaRounding.FLOOR, QuotaRounding.HALF_UP, QuotaRounding.CEILING)
    )

    assert floor <= half_up <= ceiling <= floor + 1


def test_thirty_percent_of_22_and_a_quarter_of_10_by_each_published_rounding() -> None:
    """30% of 22 is 6.6: 6, 7, 7; 25% of 10 is 2.5: 2, 3 (not banker's 2), 3."""
    for size, share, expected in (
        (22, Decimal("0.3"), [6, 7, 7]),
        (10, Decimal("0.25"), [2, 3, 3]),
    ):
        got = [QuotaRule(share=share, rounding=r).places(size) for r in QuotaRounding]
        assert got == expected


def test_at_least_one_and_at_most_five_hold_a_share_quota() -> None:
    """前10%，至少1名，至多5名: 3 targets get 1 place (0.3 rounded down is 0), 80 get 5."""
    rule = QuotaRule(share=Fraction(1, 10), rounding="向下取整", at_least=1, at_most=5)

    assert [rule.places(n) for n in (0, 3, 30, 80)] == [0, 1, 3, 5]
    assert rule.label == "名额为参评单位的10%（向下取整），至少1名，至多5名"


# Construction


@pytest.mark.parametrize(
    ("fields", "defect"),
    [
        ({}, "二者只取其一"),
        ({"count": 3, "share": Fraction(1, 2), "rounding": "floor"}, "二者只取其一"),
        ({"share": Fraction(1, 2)}, "取整办法"),
        ({"count": 3, "rounding": QuotaRounding.FLOOR}, "不设 rounding"),
        ({"count": 3, "at_most": 5}, "不设 at_most"),
        (
            {"share": Fraction(1, 2), "rounding": "floor", "at_least": 4, "at_most": 3},
            "至少4名多于至多3名",
        ),
    ],
)
def test_an_inconsistent_quota_rule_is_refused_when_built(
    fields: dict[str, Any], defect: str
) -> None:
    """No count and no share, both, a share without its rounding, rounding or clamps on a fixed
    count, and at_least above at_most: each is an InvalidDefinition naming the defect."""
    with pytest.raises(InvalidDefinition) as refused:
        QuotaRule(**fields)

    assert any(defect in str(d) for d in refused.value.defects)


@pytest.mark.parametrize(
    ("fields", "name"),
    [
        ({"count": -1}, "count"),
        ({"count": True}, "count"),
        ({"share": 0.3, "rounding": "floor"}, "share"),
        ({"share": Fraction(3, 2), "rounding": "floor"}, "share"),
        ({"share": Fraction(-1, 2), "rounding": "floor"}, "share"),
        ({"share": Fraction(1, 2), "rounding": "floor", "at_least": -1}, "at_least"),
        ({"share": Fraction(1, 2), "rounding": "floor", "at_most": -2}, "at_most"),
        ({"share": Fraction(1, 2), "rounding": "banker"}, "rounding"),
        ({"count": 1, "tie_policy": "抽签"}, "tie_policy"),
    ],
)
def test_a_quota_rule_refuses_a_value_it_cannot_use(fields: dict[str, Any], name: str) -> None:
    """A negative or non-int number of places, a float or out-of-range share, and an unknown
    rounding or tie policy are each an InvalidArgument naming the field."""
    with pytest.raises(InvalidArgument) as refused:
        QuotaRule(**fields)

    assert refused.value.name == name


@given(rounding=roundings, policy=policies)
def test_roundings_and_tie_policies_read_back_from_their_labels_values_and_names(
    rounding: QuotaRounding, policy: TiePolicy
) -> None:
    """The Chinese label a scheme prints, the stored value and the member name all read back."""
    for spelling in (rounding.label, rounding.value, rounding.name, rounding):
        assert QuotaRounding.parse(spelling) is rounding
    for spelling in (policy.label, policy.value, policy.name, policy):
        assert TiePolicy.parse(spelling) is policy
    assert QuotaRule(count=1, tie_policy=policy.label).tie_policy is policy


def test_a_misspelt_label_is_refused_with_the_closest_label() -> None:
    """四舍五 is not a rounding; the refusal lists the three and suggests 四舍五入."""
    with pytest.raises(InvalidArgument) as refused:
        QuotaRounding.parse("四舍五")

    assert "向下取整" in refused.value.expected
    assert "是否要写“四舍五入”" in refused.value.expected
    with pytest.raises(InvalidArgument, match="并列全部入围"):
        TiePolicy.parse("并列全部进入")


# Ties at the quota line


def _crossing(ranking: Ranking, quota: int) -> tuple[int, int] | None:
    """Where the group sharing a rank that the quota line falls in starts and ends, if any."""
    places = ranking.places
    if not 0 < quota < len(places) or places[quota - 1].rank != places[quota].rank:
        return None
    shared = places[quota].rank
    indices = [i for i, p in enumerate(places) if p.rank == shared]
    return indices[0], indices[-1] + 1


@given(ranking=rankings, rule=quota_rules())
def test_no_tie_policy_is_refused_exactly_when_a_tie_crosses_the_quota_line(
    ranking: Ranking, rule: QuotaRule
) -> None:
    """Without a policy, shortlist() refuses exactly when the line falls inside a group sharing
    a rank, naming every target of the group and every policy that would settle it; with a
    policy it never refuses."""
    quota = rule.places(len(ranking))
    crossing = _crossing(ranking, quota)

    if rule.tie_policy is None and crossing is not None:
        with pytest.raises(TieAtQuota) as refused:
            ranking.shortlist(rule)
        start, end = crossing
        assert refused.value.tied == tuple(p.target for p in ranking.places[start:end])
        assert refused.value.seats == quota - start
        assert refused.value.accepted == tuple(TiePolicy)
        assert all(p.label in str(refused.value) for p in TiePolicy)
        assert isinstance(refused.value, XingfengError)
    else:
        shortlist = ranking.shortlist(rule)
        assert shortlist.places == quota


@given(ranking=rankings, rule=quota_rules(tie_policy=policies))
def test_the_chosen_tie_policy_is_honoured_at_the_quota_line(
    ranking: Ranking, rule: QuotaRule
) -> None:
    """The shortlist is a prefix of the ranking that never splits a group sharing a rank:
    exactly the quota when the line falls between ranks; otherwise the whole group in
    (并列全部入围), out (并列全部不入围), or out and undecided (报请裁定)."""
    quota = rule.places(len(ranking))
    crossing = _crossing(ranking, quota)

    shortlist = ranking.shortlist(rule)

    chosen = len(shortlist.chosen)
    assert shortlist.chosen == ranking.places[:chosen]
    if 0 < chosen < len(ranking):
        assert ranking.places[chosen - 1].rank != ranking.places[chosen].rank
    if crossing is None:
        assert chosen == quota
        assert shortlist.tied == shortlist.undecided == ()
    else:
        start, end = crossing
        assert shortlist.tied == ranking.places[start:end]
        if rule.tie_policy is TiePolicy.ALL_IN:
            assert chosen == end > quota
        else:
            assert chosen == start < quota
        refer = rule.tie_policy is TiePolicy.REFER
        assert shortlist.undecided == (shortlist.tied if refer else ())
        assert shortlist.decided is not refer


@given(ranking=rankings, rule=quota_rules())
def test_a_shortlist_and_its_rule_round_trip_through_json(
    ranking: Ranking, rule: QuotaRule
) -> None:
    """from_json(to_json(x)) is equal for a quota rule and for any shortlist it gives."""
    assert from_json(to_json(rule), QuotaRule) == rule
    try:
        shortlist = ranking.shortlist(rule)
    except TieAtQuota:
        return
    assert from_json(to_json(shortlist), Shortlist) == shortlist


def test_a_tie_across_the_top_30_percent_names_the_tied_units_in_chinese() -> None:
    """Ten units, the top 30% (3 places) and a shared 3rd place of two: no policy is refused
    with the units named; each policy settles it its own way."""
    scores = {f"单位{i:02d}": 100 - i for i in range(10)}
    scores["单位03"] = 98  # shares 3rd place with 单位02
    ranking = rank(scores)
    rule = QuotaRule(share=Fraction(3, 10), rounding=QuotaRounding.HALF_UP)

    with pytest.raises(TieAtQuota) as refused:
        ranking.shortlist(rule)
    assert str(refused.value).startswith(
        "[tie-at-quota] 并列第3名的2个单位（单位02、单位03）跨越名额线："
        "名额3名，排在其前的已占2名，余下1名"
    )
    assert refused.value.tied == ("单位02", "单位03")

    def settled(policy: TiePolicy) -> Shortlist:
        return ranking.shortlist(
            QuotaRule(share=Fraction(3, 10), rounding=QuotaRounding.HALF_UP, tie_policy=policy)
        )

    assert settled(TiePolicy.ALL_IN).targets == ("单位00", "单位01", "单位02", "单位03")
    assert settled(TiePolicy.ALL_OUT).targets == ("单位00", "单位01")
    referred = settled(TiePolicy.REFER)
    assert referred.targets == ("单位00", "单位01")
    assert [p.target for p in referred.undecided] == ["单位02", "单位03"]
    assert not referred.decided


def test_a_shortlist_refuses_anything_but_a_rule_or_a_count() -> None:
    """shortlist() takes a QuotaRule or an int number of places."""
    with pytest.raises(InvalidArgument):
        rank({"甲": 1}).shortlist("3")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument):
        rank({"甲": 1}).shortlist(-1)


@given(
    share=st.fractions(min_value=0, max_value=1, max_denominator=100),
    size=st.integers(min_value=0, max_value=500),
    rounding=st.sampled_from(QuotaRounding),
    quota=st.none() | st.integers(min_value=0, max_value=50),
)
def test_a_grade_quota_share_rounds_as_the_scheme_states(
    share: Fraction, size: int, rounding: QuotaRounding, quota: int | None
) -> None:
    """优秀比例不超过20%: the share of a grade rounds by the rule's stated rounding (向下取整
    unless said otherwise), and a fixed quota caps it too."""
    rule = GradeRule(grade="优秀", quota_share=share, quota=quota, quota_rounding=rounding)
    exact = share * size
    rounded = {
        QuotaRounding.FLOOR: math.floor(exact),
        QuotaRounding.CEILING: math.ceil(exact),
        QuotaRounding.HALF_UP: math.floor(exact + Fraction(1, 2)),
    }[rounding]
    assert rule.limit(size) == (rounded if quota is None else min(rounded, quota))
    assert GradeRule(grade="优秀", quota_share=share).limit(size) == math.floor(exact)
