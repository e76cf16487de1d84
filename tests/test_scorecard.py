"""Scorecards and scores: components, capped adjustments, bounds, vetoes and explanations."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import strategies as s
from xingfeng import (
    Adjustment,
    AdjustmentKind,
    Band,
    Component,
    GradeBands,
    InvalidArgument,
    InvalidDefinition,
    Score,
    Scorecard,
    Veto,
    display,
    rank,
)

SEVENTY_THIRTY = Scorecard(
    components=(Component(name="问卷调查", points=70), Component(name="工作检查", points=30)),
    adjustments=(
        Adjustment(name="属实越级投诉", kind=AdjustmentKind.DEDUCTION, per=2, cap=10),
        Adjustment(name="受到表彰", kind=AdjustmentKind.BONUS, per=1, cap=3),
    ),
    vetoes=(Veto(name="重大责任事故"), Veto(name="媒体曝光属实"), Veto(name="领导被立案审查")),
)


def test_total_is_questionnaire_70_percent_plus_work_check_30_percent() -> None:
    """88.25 × 0.7 + 90 × 0.3 = 88.775, shown as 88.78 by 四舍五入."""
    score = SEVENTY_THIRTY.score("供电公司", values={"问卷调查": Decimal("88.25"), "工作检查": 90})
    assert score.value == Fraction("88.775")
    assert str(score.rounded()) == "88.78"
    assert score.out_of == 100


def test_deductions_and_bonuses_are_capped() -> None:
    """Seven escalated complaints at 2 points each stop at the cap of 10; five awards at 3."""
    score = SEVENTY_THIRTY.score(
        "供电公司",
        values={"问卷调查": 80, "工作检查": 80},
        counts={"属实越级投诉": 7, "受到表彰": 5},
    )
    assert score.value == 80 - 10 + 3
    assert "已达封顶" in score.explain()


def test_a_questionnaire_score_brings_its_explanation_into_the_total() -> None:
    """Seed 002: a questionnaire out of 80 feeds an 80-point component, steps and all."""
    card = Scorecard(
        components=(
            Component(name="问卷调查", points=80, out_of=80),
            Component(name="日常检查", points=20),
        )
    )
    questionnaire = Score(
        target="供电公司",
        name="问卷调查",
        value=Fraction("70.75"),
        out_of=Fraction(80),
        steps=(),
    )
    score = card.score("供电公司", values={"问卷调查": questionnaire, "日常检查": 95})
    assert score.value == Fraction("70.75") + 19
    wrong_scale = Score(
        target="供电公司", name="问卷调查", value=Fraction(70), out_of=Fraction(100)
    )
    with pytest.raises(InvalidArgument, match="问卷调查"):
        card.score("供电公司", values={"问卷调查": wrong_scale, "日常检查": 95})


def test_a_veto_marks_the_score_but_keeps_its_number() -> None:
    """一票否决: vetoed_by names the veto; the value is the one computed without it."""
    values = {"问卷调查": 99, "工作检查": 99}
    plain = SEVENTY_THIRTY.score("供电公司", values=values)
    vetoed = SEVENTY_THIRTY.score("供电公司", values=values, vetoes={"媒体曝光属实"})
    assert (vetoed.value, vetoed.vetoed_by, vetoed.vetoed) == (plain.value, ("媒体曝光属实",), True)
    assert "一票否决：媒体曝光属实" in vetoed.explain()


@given(card=s.scorecards(), data=st.data())
def test_every_score_stays_inside_the_scorecards_bounds(
    card: Scorecard, data: st.DataObject
) -> None:
    """Whatever the values and counts, floor <= score <= the upper bound (扣完为止, caps)."""
    values = {
        c.name: data.draw(st.fractions(min_value=0, max_value=c.out_of, max_denominator=100))
        for c in card.components
    }
    counts = {a.name: data.draw(st.integers(0, 50)) for a in card.adjustments}
    score = card.score("供电公司", values=values, counts=counts)
    low, high = card.bounds
    assert low <= score.value
    assert high is None or score.value <= high


@given(card=s.scorecards(), data=st.data())
def test_more_deduction_cases_never_raise_a_score_and_more_bonus_cases_never_lower_it(
    card: Scorecard, data: st.DataObject
) -> None:
    """Adding one case to any adjustment moves the score only in that adjustment's direction."""
    values = {c.name: c.out_of / 2 for c in card.components}
    counts = {a.name: data.draw(st.integers(0, 20)) for a in card.adjustments}
    before = card.score("供电公司", values=values, counts=counts).value
    for adjustment in card.adjustments:
        after = card.score(
            "供电公司",
            values=values,
            counts={**counts, adjustment.name: counts[adjustment.name] + 1},
        ).value
        if adjustment.kind is AdjustmentKind.DEDUCTION:
            assert after <= before
        else:
            assert after >= before


@given(card=s.scorecards(), data=st.data())
def test_vetoed_by_is_exactly_the_vetoes_that_fired(card: Scorecard, data: st.DataObject) -> None:
    """Any subset of the scorecard's vetoes comes back in vetoed_by, in the scorecard's order."""
    fired = data.draw(st.sets(st.sampled_from([v.name for v in card.vetoes] or ["-"])))
    fired &= {v.name for v in card.vetoes}
    values = {c.name: c.out_of for c in card.components}
    score = card.score("供电公司", values=values, vetoes=fired)
    assert score.vetoed_by == tuple(v.name for v in card.vetoes if v.name in fired)
    assert score.vetoed == bool(fired)


@given(adjustment=s.adjustments, count=st.integers(0, 1000))
def test_an_adjustment_never_exceeds_its_cap(adjustment: Adjustment, count: int) -> None:
    """amount(n) = min(n × per, cap)."""
    amount = adjustment.amount(count)
    assert amount == (
        count * adjustment.per
        if adjustment.cap is None
        else min(count * adjustment.per, adjustment.cap)
    )


@given(value=st.fractions(max_denominator=10**6), places=st.integers(0, 6))
def test_display_rounds_half_up_from_the_exact_value(value: Fraction, places: int) -> None:
    """display() equals Decimal's ROUND_HALF_UP of the exact quotient, at every place."""
    with localcontext() as context:
        context.prec = 80
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        expected = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    assert display(value, places) == expected


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: SEVENTY_THIRTY.score("x", values={"问卷调查": 80}), "values"),
        (
            lambda: SEVENTY_THIRTY.score("x", values={"问卷调查": 80, "工作检查": 101}),
            "values['工作检查']",
        ),
        (
            lambda: SEVENTY_THIRTY.score("x", values={"问卷调查": 80.5, "工作检查": 1}),
            "values['问卷调查']",
        ),
        (
            lambda: SEVENTY_THIRTY.score(
                "x", values={"问卷调查": 1, "工作检查": 1}, counts={"迟到": 1}
            ),
            "counts",
        ),
        (
            lambda: SEVENTY_THIRTY.score(
                "x", values={"问卷调查": 1, "工作检查": 1}, counts={"受到表彰": -1}
            ),
            "count",
        ),
        (
            lambda: SEVENTY_THIRTY.score(
                "x", values={"问卷调查": 1, "工作检查": 1}, vetoes={"违纪"}
            ),
            "vetoes",
        ),
        (lambda: Component(name="问卷", points=0), "points"),
        (lambda: Component(name="问卷", points=0.5), "points"),
        (lambda: Adjustment(name="投诉", kind="deduction", per=1), "kind"),
        (lambda: Adjustment(name="投诉", kind=AdjustmentKind.BONUS, per=1, cap=-1), "cap"),
        (lambda: display(0.5), "value"),  # type: ignore[arg-type]
    ],
)
def test_bad_input_is_refused_by_name(call: Any, name: str) -> None:
    """Missing components, out-of-range or float values, unknown names: InvalidArgument."""
    with pytest.raises(InvalidArgument) as caught:
        call()
    assert caught.value.name == name


def test_a_scorecard_that_cannot_work_is_refused_with_every_defect() -> None:
    """No components, a ceiling below the floor, repeated names."""
    with pytest.raises(InvalidDefinition) as caught:
        Scorecard(components=(), floor=10, ceiling=5)
    assert len(caught.value.defects) == 3
    with pytest.raises(InvalidArgument, match="各不相同的名称"):
        Scorecard(components=(Component(name="问卷", points=1), Component(name="问卷", points=2)))


def test_a_veto_gives_the_lowest_grade_and_the_last_place_whatever_the_score() -> None:
    """一票否决 for a major accident, a confirmed media exposure or a leader under investigation:
    a unit scoring 99 is graded 不满意 by the published bands and ranked after everyone."""
    bands = GradeBands(
        bands=[
            Band(grade="满意", at_least=85),
            Band(grade="比较满意", at_least=75),
            Band(grade="基本满意", at_least=60),
        ],
        lowest="不满意",
    )
    values = {
        "甲": {"问卷调查": 99, "工作检查": 99},
        "乙": {"问卷调查": 70, "工作检查": 60},
    }
    for veto in SEVENTY_THIRTY.vetoes:
        scores = {
            "甲": SEVENTY_THIRTY.score("甲", values=values["甲"], vetoes={veto.name}),
            "乙": SEVENTY_THIRTY.score("乙", values=values["乙"]),
        }
        assert bands.grade_of(scores["甲"].value, vetoed=scores["甲"].vetoed) == "不满意"
        assert bands.grade_of(scores["乙"].value, vetoed=scores["乙"].vetoed) == "基本满意"
        ranking = rank(
            {t: s.value for t, s in scores.items()},
            vetoed={t for t, s in scores.items() if s.vetoed},
        )
        assert ranking.targets == ("乙", "甲")


def test_rank_takes_scores_and_their_vetoes() -> None:
    """rank() accepts Score values: their exact value ranks, their veto bars, without restating."""
    scores = {
        "甲": SEVENTY_THIRTY.score(
            "甲", values={"问卷调查": 99, "工作检查": 99}, vetoes={"媒体曝光属实"}
        ),
        "乙": SEVENTY_THIRTY.score("乙", values={"问卷调查": 70, "工作检查": 60}),
    }
    ranking = rank(scores)
    assert ranking.targets == ("乙", "甲")
    assert [p.vetoed for p in ranking.places] == [False, True]
    assert ranking.score_of("甲") == scores["甲"].value
