"""Survey schemes: the published schemes by hand, and the scoring rules in general."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests import strategies as s
from xingfeng import (
    FOUR_OPTIONS,
    Band,
    GradeBands,
    InvalidArgument,
    InvalidDefinition,
    Majority,
    Missing,
    Questionnaire,
    RateBase,
    SurveyScheme,
    Tally,
)

GROUPS = ("服务对象", "行风监督员", "社会各界")
ONE_ITEM = Questionnaire(name="行风评议", items=("总体评价",), options=FOUR_OPTIONS, groups=GROUPS)
FIVE_ITEMS = Questionnaire(
    name="政风行风评议",
    items=("作风", "服务质量", "依法行政", "效率", "廉政"),
    options=FOUR_OPTIONS,
    groups=("服务对象",),
)
POINTS_100_75_55 = {"满意": 100, "基本满意": 75, "不满意": 55}
MIXED = {"服务对象": Decimal("0.5"), "行风监督员": Decimal("0.25"), "社会各界": Decimal("0.25")}


def ballots(group: str, **counts: int) -> list[tuple[str, ...]]:
    """Rows for the target 供电公司 from ``group``: ``满意=6`` means six 满意 ballots."""
    return [("供电公司", group, verdict) for verdict, n in counts.items() for _ in range(n)]


# --- the published schemes, each computed by hand ------------------------------------------

SINGLE = Tally.from_rows(ONE_ITEM, ballots("服务对象", 满意=6, 基本满意=3, 不满意=1, 不了解=2))


def test_verdict_points_100_75_55_with_unknown_as_an_invalid_ballot() -> None:
    """(6×100 + 3×75 + 1×55) / 10 valid = 88; the two 不了解 are returned but not scored."""
    scheme = SurveyScheme(questionnaire=ONE_ITEM, points=POINTS_100_75_55, invalid={"不了解"})
    assert scheme.score(SINGLE, "供电公司").value == 88
    turnout = scheme.turnout(SINGLE, "服务对象")
    assert (turnout.returned, turnout.valid, turnout.issued) == (12, 10, None)


def test_verdict_points_100_70_30() -> None:
    """(6×100 + 3×70 + 1×30) / 10 = 84."""
    scheme = SurveyScheme(
        questionnaire=ONE_ITEM,
        points={"满意": 100, "基本满意": 70, "不满意": 30},
        invalid={"不了解"},
    )
    assert scheme.score(SINGLE, "供电公司").value == 84


MIXED_TALLY = Tally.from_rows(
    ONE_ITEM,
    ballots("服务对象", 满意=8, 基本满意=2)
    + ballots("行风监督员", 满意=3, 不满意=1)
    + ballots("社会各界", 基本满意=4),
)


def test_raters_mixed_50_25_25() -> None:
    """0.5 × 95 + 0.25 × 88.75 + 0.25 × 75 = 88.4375, exactly."""
    scheme = SurveyScheme(
        questionnaire=ONE_ITEM, points=POINTS_100_75_55, invalid={"不了解"}, group_weights=MIXED
    )
    score = scheme.score(MIXED_TALLY, "供电公司")
    assert score.value == Fraction("88.4375")
    assert str(score.rounded()) == "88.44"
    assert [step.value for step in score.steps[:3]] == [95, Fraction("88.75"), 75]


def test_a_questionnaire_worth_80_points() -> None:
    """Seed 002: the same answers scaled to 80 points give 88.4375 × 0.8 = 70.75."""
    scheme = SurveyScheme(
        questionnaire=ONE_ITEM,
        points=POINTS_100_75_55,
        invalid={"不了解"},
        group_weights=MIXED,
        full_marks=80,
    )
    score = scheme.score(MIXED_TALLY, "供电公司")
    assert (score.value, score.out_of) == (Fraction("70.75"), 80)


FIVE_ITEM_ROWS = [
    ("供电公司", "服务对象", "满意", "满意", "满意", "满意", "满意"),
    ("供电公司", "服务对象", "满意", "基本满意", "满意", "不满意", "满意"),
    ("供电公司", "服务对象", "基本满意", "基本满意", "满意", "不满意", "满意"),
    ("供电公司", "服务对象", "满意", "不满意", "基本满意", "满意", "满意"),
]


def test_five_items_each_out_of_100_and_the_unit_score_their_mean() -> None:
    """Items 93.75, 76.25, 93.75, 77.5 and 100; their mean is 88.25."""
    scheme = SurveyScheme(questionnaire=FIVE_ITEMS, points=POINTS_100_75_55, invalid={"不了解"})
    score = scheme.score(Tally.from_rows(FIVE_ITEMS, FIVE_ITEM_ROWS), "供电公司")
    items = [part.value for part in score.steps[0].parts]
    assert items == [Fraction("93.75"), Fraction("76.25"), Fraction("93.75"), Fraction("77.5"), 100]
    assert score.value == Fraction("88.25")
    bands = GradeBands(
        bands=[
            Band(grade="满意", at_least=85),
            Band(grade="比较满意", at_least=75),
            Band(grade="基本满意", at_least=60),
        ],
        lowest="不满意",
    )
    assert bands.grade_of(score.value) == "满意"  # ≥85 满意, 75–85 比较满意, 60–75 基本满意


# --- what a group without valid ballots does -----------------------------------------------

NO_VALID_PUBLIC = Tally.from_rows(
    ONE_ITEM,
    ballots("服务对象", 满意=8, 基本满意=2)
    + ballots("行风监督员", 满意=3, 不满意=1)
    + ballots("社会各界", 不了解=5),
)


@pytest.mark.parametrize(
    ("missing", "expected"),
    [
        (Missing.REDISTRIBUTE, Fraction("69.6875") / Fraction("0.75")),
        (Missing.ZERO, Fraction("69.6875")),
    ],
)
def test_a_group_with_no_valid_ballot_follows_the_stated_rule(
    missing: Missing, expected: Fraction
) -> None:
    """REDISTRIBUTE shares 社会各界's 25% among the others; ZERO scores it 0."""
    scheme = SurveyScheme(
        questionnaire=ONE_ITEM,
        points=POINTS_100_75_55,
        invalid={"不了解"},
        group_weights=MIXED,
        missing=missing,
    )
    score = scheme.score(NO_VALID_PUBLIC, "供电公司")
    assert score.value == expected
    assert missing.label in score.explain()


def test_refuse_names_the_group_that_has_no_valid_ballot() -> None:
    """REFUSE raises InvalidArgument naming the target and the group."""
    scheme = SurveyScheme(
        questionnaire=ONE_ITEM,
        points=POINTS_100_75_55,
        invalid={"不了解"},
        group_weights=MIXED,
        missing=Missing.REFUSE,
    )
    with pytest.raises(InvalidArgument, match="社会各界") as caught:
        scheme.score(NO_VALID_PUBLIC, "供电公司")
    assert caught.value.value == "供电公司"


def test_a_target_without_ballots_has_no_score() -> None:
    """Scoring a target no one rated raises; scores() leaves it out."""
    scheme = SurveyScheme(questionnaire=ONE_ITEM, points=POINTS_100_75_55, invalid={"不了解"})
    with pytest.raises(InvalidArgument):
        scheme.score(SINGLE, "水务集团")
    issued_only = SINGLE.with_issued("水务集团", "服务对象", 10)
    assert set(scheme.scores(issued_only)) == {"供电公司"}


def test_a_target_rated_only_by_a_group_weighted_zero_has_no_score() -> None:
    """Redistribution never moves weight onto a group weighted 0, so its ballots alone make
    no score: scores() leaves the target out instead of failing on it."""
    scheme = SurveyScheme(
        questionnaire=ONE_ITEM,
        points=POINTS_100_75_55,
        invalid={"不了解"},
        group_weights={"服务对象": 1, "行风监督员": 0, "社会各界": 0},
    )
    rows = [*ballots("服务对象", 满意=1), ("水务集团", "行风监督员", "满意")]
    tally = Tally.from_rows(ONE_ITEM, rows)
    assert set(scheme.scores(tally)) == {"供电公司"}
    with pytest.raises(InvalidArgument):
        scheme.score(tally, "水务集团")

    # The same for items: answers only on an item weighted 0 make no score.
    items = Questionnaire(name="评议", items=("作风", "效率"), options=FOUR_OPTIONS, groups=GROUPS)
    scheme = SurveyScheme(
        questionnaire=items,
        points=POINTS_100_75_55,
        invalid={"不了解"},
        item_weights={"作风": 1, "效率": 0},
    )
    tally = Tally.from_rows(items, [("供电公司", "服务对象", "满意", "满意"),
                                    ("水务集团", "服务对象", "不了解", "满意")])  # fmt: skip
    assert set(scheme.scores(tally)) == {"供电公司"}


# --- rates and verdicts ------------------------------------------------------------------


def test_satisfaction_rate_definitions() -> None:
    """满意 only or 满意 + 基本满意, over valid or returned ballots."""

    def rate(satisfied: set[str], base: RateBase) -> Fraction:
        scheme = SurveyScheme(
            questionnaire=ONE_ITEM,
            points=POINTS_100_75_55,
            invalid={"不了解"},
            satisfied=satisfied,
            rate_base=base,
        )
        return scheme.satisfaction(SINGLE, "供电公司").value

    assert rate({"满意"}, RateBase.VALID) == Fraction(6, 10)
    assert rate({"满意", "基本满意"}, RateBase.VALID) == Fraction(9, 10)
    assert rate({"满意"}, RateBase.RETURNED) == Fraction(6, 12)
    assert rate({"满意", "基本满意"}, RateBase.RETURNED) == Fraction(9, 12)


def test_return_rate_is_returned_over_issued() -> None:
    """Twelve of fifteen questionnaires came back: 80%; more back than issued is refused."""
    scheme = SurveyScheme(questionnaire=ONE_ITEM, points=POINTS_100_75_55, invalid={"不了解"})
    turnout = scheme.turnout(SINGLE.with_issued("供电公司", "服务对象", 15), "服务对象")
    assert turnout.return_rate is not None
    assert turnout.return_rate.value == Fraction(4, 5)
    assert turnout.valid_rate.value == Fraction(10, 12)
    short = scheme.turnout(SINGLE.with_issued("供电公司", "服务对象", 11), "服务对象")
    with pytest.raises(InvalidArgument):
        _ = short.return_rate


@pytest.mark.parametrize(
    ("counts", "majority", "expected"),
    [
        ({"满意": 4, "基本满意": 4, "不满意": 1}, Majority.PLURALITY, "基本满意"),  # tie: lower
        ({"满意": 5, "基本满意": 4}, Majority.ABSOLUTE, "满意"),
        ({"满意": 4, "基本满意": 4, "不满意": 1}, Majority.ABSOLUTE, None),
        ({"满意": 3, "基本满意": 1, "不满意": 6, "不了解": 9}, Majority.MEDIAN, "不满意"),
        ({"满意": 3, "基本满意": 2, "不满意": 5}, Majority.MEDIAN, "基本满意"),
        ({"不了解": 3}, Majority.PLURALITY, None),
        ({"满意": 5, "基本满意": 5}, Majority.MEDIAN, "满意"),  # exactly half reach 满意
        ({"满意": 5, "基本满意": 5}, Majority.STRICT_MEDIAN, "基本满意"),  # 过半数: not half
        ({"满意": 5, "基本满意": 1, "不了解": 5}, Majority.ABSOLUTE, "满意"),  # 5 of 6 valid
        ({"满意": 5, "基本满意": 1, "不了解": 5}, Majority.ABSOLUTE_OF_ALL, None),  # 5 of 11
    ],
)
def test_majority_verdicts(
    counts: dict[str, int], majority: Majority, expected: str | None
) -> None:
    """Plurality (ties to the less favourable), absolute majority, and the median verdict."""
    scheme = SurveyScheme(
        questionnaire=ONE_ITEM, points=POINTS_100_75_55, invalid={"不了解"}, majority=majority
    )
    tally = Tally.from_rows(ONE_ITEM, ballots("服务对象", **counts))
    assert scheme.verdict(tally, "供电公司", "服务对象") == expected


# --- definitions that cannot exist ---------------------------------------------------------


def test_a_scheme_reports_every_defect_at_once() -> None:
    """Uncovered and doubly covered options, points over 100 and bad weights, all listed."""
    with pytest.raises(InvalidDefinition) as caught:
        SurveyScheme(
            questionnaire=ONE_ITEM,
            points={"满意": 120, "基本满意": 75, "不了解": 0},
            invalid={"不了解"},
            group_weights={"服务对象": Decimal("0.5"), "社会各界": Decimal("0.4")},
            satisfied={"非常满意"},
        )
    text = str(caught.value)
    for expected in ("不满意", "同时列在", "120", "satisfied", "应恰为", "合计为"):
        assert expected in text
    assert len(caught.value.defects) == 6


@pytest.mark.parametrize(
    "kwargs",
    [
        {"points": {"满意": 1.0, "基本满意": 75, "不满意": 55}},
        {"points": {"满意": True, "基本满意": 75, "不满意": 55}},
        {"points": {"满意": Decimal("NaN"), "基本满意": 75, "不满意": 55}},
        {"points": "满意"},
        {"full_marks": 0},
        {"full_marks": 80.0},
        {"group_weights": {"服务对象": 0.5, "行风监督员": 0.25, "社会各界": 0.25}},
        {"missing": "zero"},
    ],
)
def test_inexact_or_malformed_settings_are_refused_by_name(kwargs: dict[str, Any]) -> None:
    """Floats, bools, NaN, a string for a mapping and non-positive full marks all raise."""
    fields: dict[str, Any] = {
        "questionnaire": ONE_ITEM,
        "points": POINTS_100_75_55,
        "invalid": {"不了解"},
    }
    with pytest.raises(InvalidArgument) as caught:
        SurveyScheme(**{**fields, **kwargs})
    assert caught.value.name.split("[")[0] in kwargs


def test_a_tally_of_another_questionnaire_is_refused() -> None:
    """Scoring a tally with another scheme's questionnaire raises InvalidArgument."""
    scheme = SurveyScheme(questionnaire=FIVE_ITEMS, points=POINTS_100_75_55, invalid={"不了解"})
    with pytest.raises(InvalidArgument):
        scheme.score(SINGLE, "供电公司")


# --- the rules in general ------------------------------------------------------------------


def _top_and_bottom(scheme: SurveyScheme) -> tuple[str, str]:
    scored = [o for o in scheme.questionnaire.options if o not in scheme.invalid]
    return max(scored, key=scheme.points.__getitem__), min(scored, key=scheme.points.__getitem__)


@given(data=st.data())
def test_a_top_ballot_never_lowers_a_score_and_a_bottom_ballot_never_raises_it(
    data: st.DataObject,
) -> None:
    """A ballot of the best-scored verdict never lowers a score; one of the worst never raises."""
    scheme = data.draw(s.survey_schemes())
    q = scheme.questionnaire
    tally = data.draw(s.tallies(q))
    target = data.draw(st.sampled_from(s.TARGETS[:3]))
    group = data.draw(st.sampled_from(q.groups))
    assume(scheme.missing is not Missing.REFUSE)
    top, bottom = _top_and_bottom(scheme)
    if scheme.missing is Missing.ZERO:
        # A gap scores 0 there, below any verdict's points: filling it with even the worst
        # verdict raises the score.  The rule holds once the group has answered every item.
        assume(all(set(tally.verdicts(target, group, item)) - scheme.invalid for item in q.items))

    def score(t: Tally) -> Fraction | None:
        try:
            return scheme.score(t, target).value
        except InvalidArgument:
            return None  # no valid ballot yet

    before = score(tally)
    higher = score(tally + Tally.from_rows(q, [(target, group, *[top] * len(q.items))]))
    lower = score(tally + Tally.from_rows(q, [(target, group, *[bottom] * len(q.items))]))
    assert (higher is None) == (lower is None)  # e.g. a ballot in a group weighted 0
    if before is not None:
        assert higher is not None
        assert lower is not None
        assert lower <= before <= higher


@given(data=st.data())
def test_scores_stay_between_the_lowest_and_highest_points(data: st.DataObject) -> None:
    """Every score lies between the lowest and highest verdict points, scaled to full marks."""
    scheme = data.draw(s.survey_schemes())
    tally = data.draw(s.tallies(scheme.questionnaire))
    top, bottom = _top_and_bottom(scheme)
    scale = scheme.full_marks / 100
    low = 0 if scheme.missing is Missing.ZERO else scheme.points[bottom] * scale
    for score in _scores(scheme, tally):
        assert low <= score.value <= scheme.points[top] * scale
        assert score.out_of == scheme.full_marks


@given(data=st.data())
def test_invalid_answers_never_change_a_score(data: st.DataObject) -> None:
    """A ballot answering 不了解 everywhere is returned but leaves every score as it was."""
    scheme = data.draw(s.survey_schemes())
    q = scheme.questionnaire
    assume(scheme.invalid)
    tally = data.draw(s.tallies(q))
    target = data.draw(st.sampled_from(s.TARGETS[:3]))
    group = data.draw(st.sampled_from(q.groups))
    unknown = tally + Tally.from_rows(q, [(target, group, *["不了解"] * len(q.items))])
    before = {t: sc.value for t, sc in _scores_by_target(scheme, tally).items()}
    after = {t: sc.value for t, sc in _scores_by_target(scheme, unknown).items()}
    assert before == {t: v for t, v in after.items() if t in before}
    assert unknown.returned(target, group) == tally.returned(target, group) + 1


@given(data=st.data())
def test_merging_tallies_in_any_grouping_gives_the_same_scores(data: st.DataObject) -> None:
    """Scores of partial tallies merged in any order equal the scores of one pass."""
    scheme = data.draw(s.survey_schemes())
    q = scheme.questionnaire
    rows = data.draw(s.rows(q))
    cut = data.draw(st.integers(0, len(rows)))
    merged = Tally.from_rows(q, rows[cut:]) + Tally.from_rows(q, rows[:cut])
    one_pass = Tally.from_rows(q, rows)
    assert _values(scheme, merged) == _values(scheme, one_pass)


@given(data=st.data())
def test_the_explanation_adds_up_to_the_score(data: st.DataObject) -> None:
    """With every part present, the weighted group steps give the score, and the last step is it."""
    scheme = data.draw(s.survey_schemes())
    q = scheme.questionnaire
    rows = data.draw(s.rows(q, min_size=1))
    tally = Tally.from_rows(q, rows)
    groups_count = 1 if scheme.group_weights is None else len(q.groups)
    for score in _scores(scheme, tally):
        assert score.steps[-1].value == score.value
        groups = score.steps[:groups_count]
        assert score.steps[groups_count].value * scheme.full_marks / 100 == score.value
        if all("无有效票" not in step.note for step in _walk(groups)):
            combined = sum(
                ((1 if g.weight is None else g.weight) * g.value for g in groups), Fraction(0)
            )
            assert combined * scheme.full_marks / 100 == score.value
        assert score.target in score.explain()


@given(data=st.data())
def test_the_satisfaction_rate_counts_the_satisfied_answers_over_its_base(
    data: st.DataObject,
) -> None:
    """满意率 = satisfied answers ÷ (valid or returned) answers, over every group and item."""
    scheme = data.draw(s.survey_schemes())
    q = scheme.questionnaire
    rows = data.draw(s.rows(q, min_size=1))
    tally = Tally.from_rows(q, rows)
    target = rows[0][0]
    answers = [v for row in rows if row[0] == target for v in row[2:]]
    satisfied = sum(v in scheme.satisfied for v in answers)
    if scheme.rate_base is RateBase.VALID:
        answers = [v for v in answers if v not in scheme.invalid]
    assume(answers)
    rate = scheme.satisfaction(tally, target)
    assert (rate.numerator, rate.denominator) == (satisfied, len(answers))


@given(data=st.data())
def test_majority_verdicts_obey_their_definitions(data: st.DataObject) -> None:
    """Plurality has the most votes; absolute has over half; the median splits the votes."""
    scheme = data.draw(s.survey_schemes(q=ONE_ITEM))
    rows = data.draw(s.rows(ONE_ITEM, min_size=1))
    tally = Tally.from_rows(ONE_ITEM, rows)
    target, group = rows[0][:2]
    counts = tally.verdicts(target, group, "总体评价")
    options = [o for o in ONE_ITEM.options if o not in scheme.invalid]
    valid = sum(counts.get(o, 0) for o in options)
    verdict = scheme.verdict(tally, target, group)
    if not valid:
        assert verdict is None
        return
    if scheme.majority is Majority.PLURALITY:
        assert verdict is not None
        most = max(counts.get(o, 0) for o in options)
        assert counts.get(verdict, 0) == most
        worse = options[options.index(verdict) + 1 :]
        assert all(counts.get(o, 0) < most for o in worse)
    elif scheme.majority is Majority.ABSOLUTE:
        winners = [o for o in options if 2 * counts.get(o, 0) > valid]
        assert verdict == (winners[0] if winners else None)
    elif scheme.majority is Majority.ABSOLUTE_OF_ALL:
        every = sum(counts.values())
        winners = [o for o in options if 2 * counts.get(o, 0) > every]
        assert verdict == (winners[0] if winners else None)
    elif scheme.majority is Majority.STRICT_MEDIAN:
        assert verdict is not None
        at = options.index(verdict)
        assert 2 * sum(counts.get(o, 0) for o in options[: at + 1]) > valid
        assert 2 * sum(counts.get(o, 0) for o in options[:at]) <= valid
    else:
        assert verdict is not None
        at = options.index(verdict)
        assert 2 * sum(counts.get(o, 0) for o in options[: at + 1]) >= valid
        assert 2 * sum(counts.get(o, 0) for o in options[at:]) >= valid


def _walk(steps: Any) -> Any:
    for step in steps:
        yield step
        yield from _walk(step.parts)


def _scores_by_target(scheme: SurveyScheme, tally: Tally) -> dict[str, Any]:
    try:
        return scheme.scores(tally)
    except InvalidArgument:
        return {}  # REFUSE with a gap, or nothing valid to score


def _scores(scheme: SurveyScheme, tally: Tally) -> list[Any]:
    return list(_scores_by_target(scheme, tally).values())


def _values(scheme: SurveyScheme, tally: Tally) -> dict[str, Fraction]:
    return {t: sc.value for t, sc in _scores_by_target(scheme, tally).items()}
