"""Tests for xingfeng.assessment.ranking: ranks with tie policies, tie-breaks, vetoes and 末位."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.strategies import (
    Number,
    exact_scores,
    rank_calls,
    rankings,
    score_tables,
)
from xingfeng.assessment.ranking import (
    Placing,
    Ranking,
    TieAtQuota,
    TieBreak,
    TiePolicy,
    Ties,
    rank,
    rank_within,
)
from xingfeng.exceptions import (
    InvalidArgument,
    InvalidDefinition,
    UnknownReference,
    XingfengError,
)
from xingfeng.serialization import from_json, to_json


def _better(a: Fraction, b: Fraction, lower_is_better: bool) -> bool:
    return a < b if lower_is_better else a > b


def _result(place: Placing, options: Mapping[str, Any]) -> tuple[object, ...]:
    """What decides a place: veto, score, then each tie-break value."""
    return (
        place.vetoed,
        place.score,
        *(tb.values[place.target] for tb in options["tie_breaks"]),
    )


# Properties


@given(call=rank_calls(), data=st.data())
def test_a_ranking_does_not_depend_on_the_order_of_the_input(
    call: tuple[dict[str, Number], dict[str, Any]], data: st.DataObject
) -> None:
    """The same scores in any order give an equal ranking: places, ranks and order."""
    scores, options = call
    shuffled = data.draw(st.permutations(list(scores.items())))

    assert rank(dict(shuffled), **options) == rank(scores, **options)


@given(call=rank_calls())
def test_targets_still_tied_after_every_tie_break_are_listed_by_id(
    call: tuple[dict[str, Number], dict[str, Any]],
) -> None:
    """Places share a rank exactly when their veto, score and tie-break values are equal,
    and such places are listed in ascending id order (ties are stable)."""
    scores, options = call
    ranking = rank(scores, **options)

    for a, b in pairwise(ranking.places):
        tied = _result(a, options) == _result(b, options)
        assert (a.rank == b.rank) == tied
        if tied:
            assert a.target < b.target


@given(ranking=rankings)
def test_rank_numbers_never_decrease_along_the_places(ranking: Ranking) -> None:
    """The first place is rank 1 and each later place has the same or a larger rank."""
    ranks = [p.rank for p in ranking.places]

    assert ranks[0] == 1
    assert ranks == sorted(ranks)


@given(call=rank_calls())
def test_shared_and_dense_ranks_number_the_same_order_as_defined(
    call: tuple[dict[str, Number], dict[str, Any]],
) -> None:
    """SHARED and DENSE order the places alike; a DENSE rank counts the distinct results
    ahead (plus one), a SHARED rank counts the places ahead with a better result (plus one)."""
    scores, options = call
    shared = rank(scores, **{**options, "ties": Ties.SHARED})
    dense = rank(scores, **{**options, "ties": Ties.DENSE})

    assert shared.targets == dense.targets
    for s, d in zip(shared.places, dense.places, strict=True):
        assert s.rank == 1 + sum(other.rank < d.rank for other in dense.places)
        assert d.rank == 1 + len({o.rank for o in shared.places if o.rank < s.rank})


@given(call=rank_calls())
def test_tie_breaks_only_reorder_equal_scores(
    call: tuple[dict[str, Number], dict[str, Any]],
) -> None:
    """With or without tie-breaks, the sequence of (veto, score) along the places is the same;
    a tie-break only splits a group of equal scores, and under SHARED ties each target's
    rank stays within the span of places its group held."""
    scores, options = call
    plain = rank(scores, **{**options, "tie_breaks": ()})
    broken = rank(scores, **options)

    assert [(p.vetoed, p.score) for p in plain.places] == [
        (p.vetoed, p.score) for p in broken.places
    ]
    for p in broken.places:
        q = plain.placing(p.target)
        equals = [o for o in plain.places if o.rank == q.rank]
        assert {o.target for o in equals} >= {o.target for o in broken.places if o.rank == p.rank}
        if options["ties"] is Ties.SHARED:
            assert q.rank <= p.rank < q.rank + len(equals)
        if p.broken_by is not None:
            assert p.broken_by in {tb.name for tb in options["tie_breaks"]}


@given(call=rank_calls())
def test_a_vetoed_target_ranks_after_every_other_whatever_the_scores(
    call: tuple[dict[str, Number], dict[str, Any]],
) -> None:
    """Every vetoed target is placed, and ranked, after every target that is not vetoed."""
    scores, options = call
    ranking = rank(scores, **options)
    vetoed = [p for p in ranking.places if p.vetoed]
    others = [p for p in ranking.places if not p.vetoed]

    assert {p.target for p in vetoed} == options["vetoed"]
    assert ranking.places == (*others, *vetoed)
    assert all(v.rank > o.rank for v in vetoed for o in others)


@given(call=rank_calls())
def test_each_part_of_a_ranking_runs_from_the_best_score_to_the_worst(
    call: tuple[dict[str, Number], dict[str, Any]],
) -> None:
    """Among the non-vetoed, and among the vetoed, no place has a better score than one
    ahead of it; the ranking's rank_of and score_of agree with its places and the input."""
    scores, options = call
    ranking = rank(scores, **options)

    for a, b in pairwise(ranking.places):
        if a.vetoed == b.vetoed:
            assert not _better(b.score, a.score, options["lower_is_better"])
    for target, score in scores.items():
        assert ranking.score_of(target) == Fraction(score)
        assert ranking.rank_of(target) == ranking.placing(target).rank


@given(ranking=rankings, below=exact_scores)
def test_last_place_under_a_threshold_is_every_target_sharing_the_worst_rank_there(
    ranking: Ranking, below: Number
) -> None:
    """last(below=x) is every place scoring under x whose rank is the worst among them."""
    under = [p for p in ranking.places if p.score < Fraction(below)]

    last = ranking.last(below=below)

    if not under:
        assert last == ()
    else:
        worst = max(p.rank for p in under)
        assert last == tuple(p for p in under if p.rank == worst)


@given(ranking=rankings, at_most=exact_scores)
def test_last_place_at_or_under_an_inclusive_threshold_counts_the_threshold_itself(
    ranking: Ranking, at_most: Number
) -> None:
    """last(at_most=x) is every place scoring x or less whose rank is the worst among them:
    the inclusive bound (75分及以下) beside the strict one (below=, 低于75分)."""
    under = [p for p in ranking.places if p.score <= Fraction(at_most)]

    last = ranking.last(at_most=at_most)

    if not under:
        assert last == ()
    else:
        worst = max(p.rank for p in under)
        assert last == tuple(p for p in under if p.rank == worst)


def test_a_score_at_the_bound_is_under_an_inclusive_bound_but_not_a_strict_one() -> None:
    """75 is 75分及以下 (at_most=75) but not 低于75分 (below=75)."""
    ranking = rank({"甲": 80, "乙": 75, "丙": 76})

    assert [p.target for p in ranking.last(at_most=75)] == ["乙"]
    assert [p.target for p in ranking.last(below=75)] == []


def test_last_place_takes_one_bound_not_both() -> None:
    """below= and at_most= together are refused: which one the scheme means must be said."""
    with pytest.raises(InvalidArgument, match="at_most"):
        rank({"甲": 80}).last(below=75, at_most=75)


@given(ranking=rankings, n=st.integers(min_value=0, max_value=30))
def test_top_n_all_tied_in_under_shared_ranks_is_every_place_ranked_n_or_better(
    ranking: Ranking, n: int
) -> None:
    """Under Ties.SHARED, top(n) with 并列全部入围 holds exactly the places with rank <= n,
    in rank order: a shared place that straddles the line comes in whole."""
    assume(ranking.ties is Ties.SHARED)

    assert ranking.top(n, tie_policy=TiePolicy.ALL_IN) == tuple(
        p for p in ranking.places if p.rank <= n
    )


@given(ranking=rankings, n=st.integers(min_value=0, max_value=30))
def test_top_n_without_a_tie_policy_is_the_first_n_places_or_a_refusal_naming_the_tie(
    ranking: Ranking, n: int
) -> None:
    """top(n) with no policy is the first n places when the line falls between two ranks, and
    TieAtQuota naming the whole group sharing the rank when it falls inside one."""
    places = ranking.places
    crosses = 0 < n < len(places) and places[n - 1].rank == places[n].rank

    if not crosses:
        assert ranking.top(n) == places[:n]
    else:
        with pytest.raises(TieAtQuota) as refused:
            ranking.top(n)
        shared = places[n].rank
        assert refused.value.tied == tuple(p.target for p in places if p.rank == shared)
        assert refused.value.policy is None
        assert isinstance(refused.value, InvalidArgument)


def test_top_two_of_a_shared_second_place_needs_a_policy() -> None:
    """1-2-2-4: the top 2 cuts the shared 2nd place; each policy settles it its own way."""
    ranking = rank({"甲": 92, "乙": 88, "丙": 88, "丁": 80})

    with pytest.raises(TieAtQuota, match="并列第2名的2个单位（丙、乙）跨越名额线"):
        ranking.top(2)
    assert [p.target for p in ranking.top(2, tie_policy=TiePolicy.ALL_IN)] == ["甲", "丙", "乙"]
    assert [p.target for p in ranking.top(2, tie_policy="并列全部不入围")] == ["甲"]
    with pytest.raises(TieAtQuota, match=r"^\[tie-at-quota\] 报请裁定"):
        ranking.top(2, tie_policy=TiePolicy.REFER)
    assert [p.target for p in ranking.top(1)] == ["甲"]
    assert [p.target for p in ranking.top(3)] == ["甲", "丙", "乙"]


def test_top_counts_places_under_dense_ranks() -> None:
    """Under Ties.DENSE (1-2-2-3) the top 3 is three places, not every place numbered 3 or
    better: top() is a quota of places, whatever the numbers."""
    ranking = rank({"甲": 92, "乙": 88, "丙": 88, "丁": 80}, ties=Ties.DENSE)

    assert [p.target for p in ranking.top(3)] == ["甲", "丙", "乙"]


@given(scores=score_tables(), data=st.data())
def test_ranking_within_classes_ranks_each_class_on_its_own(
    scores: dict[str, Number], data: st.DataObject
) -> None:
    """rank_within gives, for each class, the ranking of that class's targets alone."""
    classes = {t: data.draw(st.sampled_from(["市公司", "县公司"])) for t in scores}
    vetoed = data.draw(st.frozensets(st.sampled_from(sorted(scores))))

    by_class = rank_within(scores, classes, ties=Ties.DENSE, vetoed=vetoed)

    assert list(by_class) == sorted(set(classes.values()))
    for name, ranking in by_class.items():
        members = {t: s for t, s in scores.items() if classes[t] == name}
        assert ranking == rank(members, ties=Ties.DENSE, vetoed=vetoed & members.keys())


@given(ranking=rankings)
def test_a_ranking_round_trips_through_json(ranking: Ranking) -> None:
    """from_json(to_json(ranking)) is an equal ranking, and each placing round-trips too."""
    assert from_json(to_json(ranking), Ranking) == ranking
    for place in ranking.places:
        assert from_json(to_json(place), Placing) == place


@given(call=rank_calls())
def test_a_tie_break_round_trips_through_json(
    call: tuple[dict[str, Number], dict[str, Any]],
) -> None:
    """from_json(to_json(tie_break)) is an equal tie-break with the same exact values."""
    for tie_break in call[1]["tie_breaks"]:
        assert from_json(to_json(tie_break), TieBreak) == tie_break


@given(
    scores=score_tables(),
    bad=st.one_of(
        st.floats(allow_nan=True),
        st.booleans(),
        st.sampled_from([Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")]),
        st.text(max_size=3),
        st.none(),
    ),
)
def test_a_score_that_is_not_exact_is_refused_by_name(scores: dict[str, Number], bad: Any) -> None:
    """A float, bool, NaN, infinity, string or None score raises InvalidArgument naming the
    target, before any ranking is made."""
    target = next(iter(scores))

    with pytest.raises(InvalidArgument) as caught:
        rank({**scores, target: bad})

    assert caught.value.name == f"scores[{target!r}]"
    assert caught.value.value is bad


@pytest.mark.parametrize(
    ("scores", "options", "name"),
    [
        ({}, {}, "scores"),
        ({"": 80}, {}, "scores"),
        ({"  ": 80}, {}, "scores"),
        ({1: 80}, {}, "scores"),
        ({"甲": 80}, {"vetoed": {"乙"}}, "vetoed"),
        ({"甲": 80}, {"vetoed": "甲"}, "vetoed"),
        ({"甲": 80}, {"ties": "shared"}, "ties"),
        ({"甲": 80}, {"lower_is_better": 1}, "lower_is_better"),
        ({"甲": 80}, {"tie_breaks": TieBreak(name="问卷", values={"甲": 1})}, "tie_breaks"),
        ({"甲": 80, "乙": 80}, {"tie_breaks": [TieBreak(name="问卷", values={"甲": 1})]}, None),
    ],
)
def test_bad_arguments_to_rank_are_refused_by_name(
    scores: Any, options: dict[str, Any], name: str | None
) -> None:
    """Empty or non-string ids, unknown or stringly vetoed ids, a wrong tie policy or direction,
    and a tie-break without a value for some target each raise InvalidArgument."""
    with pytest.raises(InvalidArgument) as caught:
        rank(scores, **options)

    assert caught.value.name == (name or "tie_breaks['问卷']")


def test_a_tie_break_with_an_inexact_value_is_refused() -> None:
    """TieBreak(values={...: 1.5}) raises a XingfengError naming the field."""
    with pytest.raises(XingfengError, match="values"):
        TieBreak(name="问卷", values={"甲": 1.5})


def test_ranking_within_classes_refuses_a_target_without_a_class_or_without_a_score() -> None:
    """Every scored target needs a class, and every classified target a score."""
    with pytest.raises(InvalidArgument, match="乙"):
        rank_within({"甲": 80, "乙": 70}, {"甲": "市"})
    with pytest.raises(InvalidArgument, match="丙"):
        rank_within({"甲": 80}, {"甲": "市", "丙": "县"})


def test_an_unknown_target_is_an_unknown_reference() -> None:
    """rank_of, score_of and placing raise UnknownReference for a target not ranked."""
    ranking = rank({"甲": 80})

    with pytest.raises(UnknownReference, match="乙"):
        ranking.rank_of("乙")
    with pytest.raises(UnknownReference):
        ranking.score_of("乙")


def test_an_inconsistent_ranking_cannot_be_built_or_loaded() -> None:
    """A ranking whose ranks do not follow its scores and tie policy is refused with every
    defect listed, whether built directly or loaded from JSON (as a LoadError)."""
    bad = (
        Placing(target="甲", rank=1, score=Fraction(80), vetoed=True),
        Placing(target="乙", rank=1, score=Fraction(90)),
        Placing(target="乙", rank=4, score=Fraction(90)),
    )

    with pytest.raises(InvalidDefinition) as caught:
        Ranking(places=bad)

    assert len(caught.value.defects) >= 4
    text = to_json(rank({"甲": 90, "乙": 80})).replace('"rank": 2', '"rank": 3')
    with pytest.raises(XingfengError, match="的名次是 3"):
        from_json(text, Ranking)


# Published schemes, computed by hand


def test_shared_ties_number_one_two_two_four() -> None:
    """并列占位: 92, 88, 88, 80 rank 1, 2, 2, 4; the tied pair is listed by id."""
    ranking = rank({"d": 80, "c": 88, "b": 88, "a": 92})

    assert [(p.target, p.rank) for p in ranking.places] == [
        ("a", 1),
        ("b", 2),
        ("c", 2),
        ("d", 4),
    ]


def test_dense_ties_number_one_two_two_three() -> None:
    """并列不占位: 92, 88, 88, 80 rank 1, 2, 2, 3."""
    ranking = rank({"d": 80, "c": 88, "b": 88, "a": Decimal("92.0")}, ties=Ties.DENSE)

    assert [p.rank for p in ranking.places] == [1, 2, 2, 3]


def test_a_stated_tie_break_parts_equal_scores_and_is_named_on_the_place() -> None:
    """得分相同的，以问卷得分高者居前: 88 and 88 part by the questionnaire (70 > 68)."""
    questionnaire = TieBreak(name="问卷得分", values={"a": 75, "b": 68, "c": 70, "d": 60})

    ranking = rank({"a": 92, "b": 88, "c": 88, "d": 80}, tie_breaks=[questionnaire])

    assert [(p.target, p.rank, p.broken_by) for p in ranking.places] == [
        ("a", 1, None),
        ("c", 2, None),
        ("b", 3, "问卷得分"),
        ("d", 4, None),
    ]


def test_when_lower_is_better_the_smallest_figure_ranks_first() -> None:
    """Ranking complaint counts: 2 complaints beat 5; a vetoed unit with 0 still ranks last."""
    ranking = rank({"甲": 5, "乙": 2, "丙": 0}, lower_is_better=True, vetoed={"丙"})

    assert ranking.targets == ("乙", "甲", "丙")
    assert [p.rank for p in ranking.places] == [1, 2, 3]


def test_last_place_under_75_is_the_lowest_score_under_75() -> None:
    """末位 among those under 75: of 74.5 and 70, the unit on 70; none when all reach 75."""
    ranking = rank({"甲": 90, "乙": Decimal("74.5"), "丙": 70, "丁": 75})

    assert [p.target for p in ranking.last(below=75)] == ["丙"]
    assert ranking.last(below=70) == ()
    assert [p.target for p in ranking.last()] == ["丙"]
