"""Tests for xingfeng.assessment.cards: yellow cards (黄牌) for last place, and 组织处理."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import (
    UNITS,
    Number,
    card_records,
    rankings,
)
from xingfeng.assessment.cards import CardsAwarded, YellowCardRule, YellowCards
from xingfeng.assessment.ranking import Ranking, rank
from xingfeng.exceptions import (
    CommandRefused,
    InvalidArgument,
    InvalidDefinition,
    UnknownReference,
)
from xingfeng.serialization import from_json, to_json

# Properties


@given(record=card_records())
def test_a_targets_total_of_cards_never_falls_from_one_period_to_the_next(
    record: YellowCards,
) -> None:
    """Cards accumulate: the number of cards ever given to a target up to each period is
    nondecreasing, and the windowed count never exceeds it."""
    for unit in UNITS:
        totals = [
            sum(unit in e.targets for e in record.awarded[: i + 1])
            for i in range(len(record.awarded))
        ]
        assert totals == sorted(totals)
        for period, total in zip(record.periods, totals, strict=True):
            assert record.count(unit, upto=period) <= total
        assert len(record.cards_of(unit)) == (totals[-1] if totals else 0)


@given(record=card_records())
def test_organisational_handling_is_due_exactly_when_a_card_reaches_the_threshold(
    record: YellowCards,
) -> None:
    """A target is due for 组织处理 in a period exactly when it is carded in that period and
    holds cards_for_action cards or more in the window ending there (counted independently)."""
    rule = record.rule
    for i, entry in enumerate(record.awarded):
        first = 0 if rule.window is None else max(0, i + 1 - rule.window)
        window = record.awarded[first : i + 1]
        expected = sorted(
            unit
            for unit in entry.targets
            if sum(unit in e.targets for e in window) >= rule.cards_for_action
        )
        assert record.due(entry.period) == tuple(expected)


@given(record=card_records(), ranking=rankings)
def test_awarding_from_a_ranking_cards_its_last_place_under_the_threshold(
    record: YellowCards, ranking: Ranking
) -> None:
    """award() cards exactly ranking.last(below=rule.below), and adds one period at the end."""
    updated = record.award("下一期", ranking)

    assert updated.periods == (*record.periods, "下一期")
    assert updated.awarded[-1].targets == {p.target for p in ranking.last(below=record.rule.below)}


@given(record=card_records())
def test_a_period_cannot_be_awarded_twice(record: YellowCards) -> None:
    """Awarding a period already in the record raises CommandRefused; the record is unchanged."""
    before = to_json(record)
    for period in record.periods:
        with pytest.raises(CommandRefused):
            record.record(period, {"甲"})
    assert to_json(record) == before


@given(record=card_records())
def test_a_card_record_round_trips_through_json(record: YellowCards) -> None:
    """YellowCards, its rule and each CardsAwarded load back equal from JSON."""
    assert from_json(to_json(record), YellowCards) == record
    assert from_json(to_json(record.rule), YellowCardRule) == record.rule
    for entry in record.awarded:
        assert from_json(to_json(entry), CardsAwarded) == entry


# The published scheme, computed by hand


def test_the_last_unit_under_75_gets_a_card_and_the_second_card_leads_to_handling() -> None:
    """被评为75分以下的末位单位黄牌警告，两次黄牌组织处理.

    March: 乙 74 and 丙 70 are under 75; 丙 is last and carded.  April: nobody under 75.
    May: 丁 72 and 丙 73; 丁 is last and carded.  June: 丙 is last under 75 again: its second
    card, so 丙 is due for 组织处理; 丁 has one card.
    """
    rule = YellowCardRule(below=75, cards_for_action=2)
    months: dict[str, dict[str, Number]] = {
        "2026-03": {"甲": 90, "乙": 74, "丙": 70, "丁": 80},
        "2026-04": {"甲": 90, "乙": 80, "丙": 76, "丁": 78},
        "2026-05": {"甲": 90, "乙": 80, "丙": 73, "丁": 72},
        "2026-06": {"甲": 88, "乙": Decimal("74.5"), "丙": 71, "丁": 79},
    }
    cards = YellowCards(rule=rule)
    dues = []
    for month, scores in months.items():
        cards = cards.award(month, rank(scores))
        dues.append(cards.due())

    assert [sorted(e.targets) for e in cards.awarded] == [["丙"], [], ["丁"], ["丙"]]
    assert dues == [(), (), (), ("丙",)]
    assert cards.count("丙") == 2
    assert cards.count("丁") == 1
    assert cards.cards_of("丙") == ("2026-03", "2026-06")


def test_units_tied_for_last_under_75_are_all_carded() -> None:
    """Two units sharing last place under 75 both get a card."""
    rule = YellowCardRule(below=75)

    assert rule.carded(rank({"甲": 80, "乙": 70, "丙": 70})) == {"乙", "丙"}


def test_cards_outside_the_window_no_longer_count() -> None:
    """Two cards within any 3 consecutive months: cards in March and July are 4 months apart,
    so July brings no 组织处理; a third card in August does."""
    rule = YellowCardRule(below=75, cards_for_action=2, window=3)
    cards = YellowCards(rule=rule)
    for month, carded in [("03", {"丙"}), ("04", set()), ("05", set()), ("06", set())]:
        cards = cards.record(f"2026-{month}", carded)
    cards = cards.record("2026-07", {"丙"})

    assert cards.count("丙") == 1
    assert cards.due() == ()
    cards = cards.record("2026-08", {"丙"})
    assert cards.count("丙") == 2
    assert cards.due() == ("丙",)


def test_a_window_too_short_to_hold_enough_cards_is_refused() -> None:
    """One card per period: a window of 1 period can never hold 2 cards."""
    with pytest.raises(InvalidArgument) as caught:
        YellowCardRule(below=75, cards_for_action=2, window=1)

    assert caught.value.name == "window"


@pytest.mark.parametrize(
    ("field", "value"),
    [("below", 75.0), ("below", True), ("cards_for_action", 0), ("window", 0)],
)
def test_a_card_rule_refuses_bad_values_by_name(field: str, value: object) -> None:
    """An inexact threshold, or a count or window below 1, raises InvalidArgument."""
    arguments: dict[str, object] = {"below": 75, field: value}

    with pytest.raises(InvalidArgument) as caught:
        YellowCardRule(**arguments)  # type: ignore[arg-type]

    assert caught.value.name == field


def test_a_record_with_a_repeated_period_cannot_be_built() -> None:
    """YellowCards(awarded=[... '2026-03' twice ...]) raises InvalidDefinition."""
    twice = [CardsAwarded(period="2026-03"), CardsAwarded(period="2026-03", targets={"甲"})]

    with pytest.raises(InvalidDefinition, match="2026-03"):
        YellowCards(rule=YellowCardRule(below=75), awarded=twice)


def test_counting_up_to_an_unknown_period_is_an_unknown_reference() -> None:
    """count(upto=...) and due(...) name the periods the record knows."""
    cards = YellowCards(rule=YellowCardRule(below=75)).record("2026-03", {"甲"})

    with pytest.raises(UnknownReference, match="2026-03"):
        cards.count("甲", upto="2026-04")
    with pytest.raises(UnknownReference):
        cards.due("2026-04")
    with pytest.raises(InvalidArgument):
        cards.record("", {"甲"})


@given(
    scores=st.dictionaries(
        st.sampled_from(["甲", "乙", "丙", "丁", "戊"]),
        st.integers(min_value=60, max_value=90),
        min_size=1,
    ),
    bound=st.integers(min_value=60, max_value=90),
)
def test_a_yellow_card_bound_is_strict_or_inclusive_as_stated(
    scores: dict[str, int], bound: int
) -> None:
    """低于75分 (below=75) leaves a 75 uncarded; 75分及以下 (at_most=75) cards it: the last
    among those strictly under, or at or under, the bound."""
    ranking = rank(scores)
    strict = YellowCardRule(below=bound).carded(ranking)
    inclusive = YellowCardRule(at_most=bound).carded(ranking)
    under = [s for s in scores.values() if s < bound]
    at_or_under = [s for s in scores.values() if s <= bound]
    assert strict == {t for t, s in scores.items() if under and s == min(under)}
    assert inclusive == {t for t, s in scores.items() if at_or_under and s == min(at_or_under)}


def test_a_yellow_card_rule_takes_exactly_one_bound() -> None:
    with pytest.raises(InvalidArgument):
        YellowCardRule()
    with pytest.raises(InvalidArgument):
        YellowCardRule(below=75, at_most=75)
