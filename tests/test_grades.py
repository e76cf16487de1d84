"""Tests for xingfeng.assessment.grades: bands, rank shares, quotas and the veto (一票否决)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import (
    PUBLISHED_BANDS,
    SATISFACTION,
    Number,
    exact_scores,
    grade_bands,
    gradings,
    rank_calls,
    rankings,
)
from xingfeng.assessment.grades import (
    Band,
    Condition,
    GradeBands,
    GradeDecision,
    GradeRule,
    Grades,
    Grading,
    Miss,
)
from xingfeng.assessment.ranking import Placing, Ranking, TieAtQuota, TiePolicy, rank
from xingfeng.exceptions import InvalidArgument, InvalidDefinition, UnknownReference
from xingfeng.serialization import from_json, to_json


def _holds(rule: GradeRule, place: Placing, size: int) -> bool:
    """Every condition of ``rule`` other than its quota holds for ``place``."""
    return (
        not place.vetoed
        and (rule.min_score is None or place.score >= rule.min_score)
        and (rule.top_share is None or place.rank <= rule.top_share * size)
        and (rule.within_rank is None or place.rank <= rule.within_rank)
    )


# Properties


@given(bands=grade_bands(), score=exact_scores)
def test_a_score_gets_the_band_with_the_highest_bound_it_reaches(
    bands: GradeBands, score: Number
) -> None:
    """grade_of(score) is the grade of the highest bound <= score (bounds are inclusive),
    or the lowest grade below every bound."""
    reached = [b for b in bands.bands if Fraction(score) >= b.at_least]

    assert bands.grade_of(score) == (reached[0].grade if reached else bands.lowest)


@given(bands=grade_bands(), score=exact_scores)
def test_a_veto_always_wins_over_any_score_in_bands(bands: GradeBands, score: Number) -> None:
    """grade_of(score, vetoed=True) is the lowest grade, whatever the score."""
    assert bands.grade_of(score, vetoed=True) == bands.lowest


@given(grading=gradings(), call=rank_calls())
def test_a_vetoed_target_always_gets_the_lowest_grade(
    grading: Grading, call: tuple[dict[str, Number], dict[str, Any]]
) -> None:
    """Whatever its score and the rules, a vetoed target gets the lowest grade and every
    better grade is recorded as missed by the veto alone."""
    scores, options = call
    grades = grading.grade(rank(scores, **options))

    for target in options["vetoed"]:
        decision = grades.decision(target)
        assert decision.grade == grading.lowest
        assert decision.missed == tuple(
            Miss(grade=r.grade, failed=(Condition.VETO,)) for r in grading.rules
        )


@given(grading=gradings(), ranking=rankings)
def test_quotas_are_never_exceeded(grading: Grading, ranking: Ranking) -> None:
    """No grade is given to more targets than its quota (the smaller of quota and
    ⌊quota_share × n⌋)."""
    grades = grading.grade(ranking)

    for rule in grading.rules:
        limit = rule.limit(len(ranking))
        if limit is not None:
            assert grades.count(rule.grade) <= limit


@given(grading=gradings(), ranking=rankings)
def test_every_target_given_a_grade_meets_its_conditions(
    grading: Grading, ranking: Ranking
) -> None:
    """A target given a rule's grade meets every condition of that rule; each better grade
    it missed names a condition it really failed (QUOTA only when the others hold)."""
    grades = grading.grade(ranking)
    rules = {r.grade: r for r in grading.rules}
    size = len(ranking)

    for decision in grades:
        place = ranking.placing(decision.target)
        if decision.grade in rules:
            assert _holds(rules[decision.grade], place, size)
        for miss in decision.missed:
            assert (Condition.QUOTA in miss.failed) == _holds(rules[miss.grade], place, size)
        assert [m.grade for m in decision.missed] == list(
            grading.grades[: grading.grades.index(decision.grade)]
        )


@given(grading=gradings(), ranking=rankings)
def test_targets_sharing_a_rank_share_a_grade(grading: Grading, ranking: Ranking) -> None:
    """A quota never splits a tie: targets with the same rank get the same grade."""
    grades = grading.grade(ranking)

    for a, b in pairwise(ranking.places):
        if a.rank == b.rank:
            assert grades.grade_of(a.target) == grades.grade_of(b.target)


@given(grading=gradings(), call=rank_calls())
def test_a_better_ranked_target_never_gets_a_worse_grade(
    grading: Grading, call: tuple[dict[str, Number], dict[str, Any]]
) -> None:
    """When higher scores are better, grades never improve going down the ranking: quotas
    close a grade to everyone below a group that did not fit."""
    scores, options = call
    ranking = rank(scores, **{**options, "lower_is_better": False})
    order = grading.grades

    levels = [order.index(d.grade) for d in grading.grade(ranking)]

    assert levels == sorted(levels)


@given(grading=gradings(), ranking=rankings)
def test_gradings_and_grades_round_trip_through_json(grading: Grading, ranking: Ranking) -> None:
    """Grading, GradeRule, Grades, GradeDecision and Miss each load back equal from JSON."""
    grades = grading.grade(ranking)

    assert from_json(to_json(grading), Grading) == grading
    assert from_json(to_json(grades), Grades) == grades
    for rule in grading.rules:
        assert from_json(to_json(rule), GradeRule) == rule
    for decision in grades:
        assert from_json(to_json(decision), GradeDecision) == decision
        for miss in decision.missed:
            assert from_json(to_json(miss), Miss) == miss


@given(bands=grade_bands())
def test_grade_bands_round_trip_through_json(bands: GradeBands) -> None:
    """GradeBands and each Band load back equal from JSON, bounds exact."""
    assert from_json(to_json(bands), GradeBands) == bands
    for band in bands.bands:
        assert from_json(to_json(band), Band) == band


@given(bad=st.one_of(st.floats(), st.booleans(), st.just(Decimal("NaN")), st.text(max_size=2)))
def test_an_inexact_score_or_bound_is_refused(bad: Any) -> None:
    """Floats, bools, NaN and strings are refused as a score to grade and as a band bound."""
    with pytest.raises(InvalidArgument):
        PUBLISHED_BANDS.grade_of(bad)
    with pytest.raises(InvalidArgument):
        Band(grade="满意", at_least=bad)


# Published schemes and definitions, computed by hand


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (100, "满意"),
        (85, "满意"),
        (Decimal("84.99"), "比较满意"),
        (Fraction(169, 2), "比较满意"),
        (75, "比较满意"),
        (Decimal("74.99"), "基本满意"),
        (60, "基本满意"),
        (Decimal("59.99"), "不满意"),
        (0, "不满意"),
    ],
)
def test_the_published_bands_include_their_lower_bound(score: Number, grade: str) -> None:
    """≥85 满意, 75–85 比较满意, 60–75 基本满意, <60 不满意: 85 is 满意, 84.99 比较满意."""
    assert PUBLISHED_BANDS.grade_of(score) == grade


def test_the_published_bands_read_as_the_scheme_writes_them() -> None:
    """The label lists each band with its bounds, and the grades best first."""
    assert PUBLISHED_BANDS.label == "≥85 满意；75–85 比较满意；60–75 基本满意；<60 不满意"
    assert PUBLISHED_BANDS.grades == SATISFACTION


def test_a_veto_makes_the_best_score_unsatisfactory() -> None:
    """一票否决: a unit on 98 that is vetoed is 不满意 and ranked last."""
    ranking = rank({"甲": 98, "乙": 80, "丙": 50}, vetoed={"甲"})

    grades = PUBLISHED_BANDS.grade(ranking)

    assert [(d.target, d.rank, d.grade) for d in grades] == [
        ("乙", 1, "比较满意"),
        ("丙", 2, "不满意"),
        ("甲", 3, "不满意"),
    ]
    assert grades.decision("甲").reason == "一票否决：不满意"


def test_excellent_needs_the_top_fifth_a_score_of_90_and_room_in_the_quota() -> None:
    """优秀: top 20% of 10 (ranks 1–2) AND ≥ 90, at most 1; 良好: ≥ 80; else 一般.

    A (95) is 优秀; B (93) meets both conditions but the quota is full, so 良好; C (91) is
    not in the top fifth, so 良好; D (70) 一般.
    """
    excellent = GradeRule(grade="优秀", min_score=90, top_share=Fraction(1, 5), quota=1)
    grading = Grading(rules=[excellent, GradeRule(grade="良好", min_score=80)], lowest="一般")
    scores = {"A": 95, "B": 93, "C": 91, "D": 70, **{f"E{i}": 60 for i in range(6)}}

    grades = grading.grade(rank(scores))

    assert grades.members("优秀") == ("A",)
    assert grades.grade_of("B") == "良好"
    assert grades.decision("B").missed == (Miss(grade="优秀", failed=(Condition.QUOTA,)),)
    assert grades.decision("C").missed == (Miss(grade="优秀", failed=(Condition.TOP_SHARE,)),)
    assert grades.grade_of("D") == "一般"
    assert grades.decision("D").reason == "优秀未获：分数线、名次比例；良好未获：分数线；一般"


def test_a_tie_at_the_edge_of_a_quota_falls_together_and_closes_the_grade() -> None:
    """Quota 2 for 优秀 (≥ 90), 并列全部不入围: A (96) gets one place; B and C tie on 94 and
    do not both fit, so both fall to 良好, and D (92) does not take the place left free."""
    grading = Grading(
        rules=[
            GradeRule(grade="优秀", min_score=90, quota=2, tie_policy="并列全部不入围"),
            GradeRule(grade="良好"),
        ],
        lowest="一般",
    )

    grades = grading.grade(rank({"A": 96, "B": 94, "C": 94, "D": 92}))

    assert [grades.grade_of(t) for t in "ABCD"] == ["优秀", "良好", "良好", "良好"]


def test_a_tie_across_a_grade_quota_is_settled_only_by_a_stated_policy() -> None:
    """并列全部入围 admits B and C beyond the quota of 2; with no policy, or 报请裁定, grading
    is refused, naming the tied group and the seats left."""
    ranking = rank({"A": 96, "B": 94, "C": 94, "D": 92})

    def grading(policy: TiePolicy | None) -> Grading:
        excellent = GradeRule(grade="优秀", min_score=90, quota=2, tie_policy=policy)
        return Grading(rules=[excellent, GradeRule(grade="良好")], lowest="一般")

    grades = grading(TiePolicy.ALL_IN).grade(ranking)
    assert [grades.grade_of(t) for t in "ABCD"] == ["优秀", "优秀", "优秀", "良好"]
    for policy in (None, TiePolicy.REFER):
        with pytest.raises(TieAtQuota) as refused:
            grading(policy).grade(ranking)
        assert (refused.value.tied, refused.value.seats) == (("B", "C"), 1)


def test_a_quota_share_is_rounded_down() -> None:
    """At most 15% of 22 may be 优秀: ⌊3.3⌋ = 3, never 4."""
    rule = GradeRule(grade="优秀", quota_share=Decimal("0.15"))
    grades = Grading(rules=[rule], lowest="合格").grade(rank({f"u{i:02}": i for i in range(22)}))

    assert rule.limit(22) == 3
    assert grades.members("优秀") == ("u21", "u20", "u19")


def test_bands_that_do_not_descend_or_repeat_a_grade_are_refused_with_every_defect() -> None:
    """A bound not below the one before it, and a repeated grade name, are both reported."""
    with pytest.raises(InvalidDefinition) as caught:
        GradeBands(
            bands=[Band(grade="满意", at_least=75), Band(grade="满意", at_least=85)],
            lowest="不满意",
        )

    assert len(caught.value.defects) == 2


def test_a_grading_needs_a_rule_and_distinct_grades() -> None:
    """No rules, or the lowest grade repeated as a rule, is an invalid grading."""
    with pytest.raises(InvalidDefinition):
        Grading(rules=[], lowest="合格")
    with pytest.raises(InvalidDefinition, match="合格"):
        Grading(rules=[GradeRule(grade="合格")], lowest="合格")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("min_score", 90.0),
        ("top_share", Fraction(3, 2)),
        ("top_share", -1),
        ("within_rank", 0),
        ("quota", -1),
        ("quota", True),
        ("quota_share", 2),
    ],
)
def test_a_grade_rule_refuses_a_condition_out_of_range(field: str, value: Any) -> None:
    """Inexact scores, shares outside 0–1, ranks below 1 and negative quotas are refused."""
    with pytest.raises(InvalidArgument) as caught:
        GradeRule(grade="优秀", **{field: value})

    assert caught.value.name == field


def test_asking_for_an_ungraded_target_or_unknown_grade_is_an_unknown_reference() -> None:
    """decision() of a target not graded and members() of a grade not defined are refused."""
    grades = PUBLISHED_BANDS.grade(rank({"甲": 90}))

    with pytest.raises(UnknownReference):
        grades.decision("乙")
    with pytest.raises(UnknownReference):
        grades.members("优秀")


@given(
    bound=st.integers(0, 100),
    score=st.fractions(min_value=0, max_value=100, max_denominator=100),
)
def test_a_strict_bound_leaves_the_number_out_and_an_inclusive_one_keeps_it(
    bound: int, score: Fraction
) -> None:
    """超过60分 (above=60) admits exactly the scores above 60, 60分以上 (at_least=60) those from
    60: the same score grades differently only when it is the bound itself."""
    strict = GradeBands(bands=[Band(grade="达标", above=bound)], lowest="未达标")
    inclusive = GradeBands(bands=[Band(grade="达标", at_least=bound)], lowest="未达标")
    assert (strict.grade_of(score) == "达标") == (score > bound)
    assert (inclusive.grade_of(score) == "达标") == (score >= bound)
    ranking = rank({"甲": score})
    assert strict.grade(ranking).grade_of("甲") == strict.grade_of(score)


def test_a_published_rule_above_60_grades_60_as_not_reached() -> None:
    """ "得分超过60分为达标": a unit at exactly 60 is 未达标, one at 60.01 达标."""
    bands = GradeBands(
        bands=[Band(grade="优秀", at_least=90), Band(grade="达标", above=60)], lowest="未达标"
    )
    assert bands.grade_of(60) == "未达标"
    assert bands.grade_of(Decimal("60.01")) == "达标"
    assert bands.label == "≥90 优秀；>60，<90 达标；≤60 未达标"


def test_a_band_needs_exactly_one_bound_and_strict_lies_above_inclusive() -> None:
    """Both bounds, or none, is refused; ">60" above "≥60" is a valid order, the reverse not."""
    with pytest.raises(InvalidArgument, match="二者给出其一"):
        Band(grade="达标", at_least=60, above=60)
    with pytest.raises(InvalidArgument, match="二者给出其一"):
        Band(grade="达标")
    GradeBands(bands=[Band(grade="良", above=60), Band(grade="中", at_least=60)], lowest="差")
    with pytest.raises(InvalidDefinition, match="之下：分数线须从高到低排列"):
        GradeBands(bands=[Band(grade="良", at_least=60), Band(grade="中", above=60)], lowest="差")
