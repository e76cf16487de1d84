"""Tests for xingfeng.assessment.rates: exact rates (R18) and year-on-year changes (R19)."""

from __future__ import annotations

import decimal
from collections.abc import Callable
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import (
    amounts,
    bad_places,
    bad_roundings,
    changes,
    not_amounts,
    not_ints,
    places,
    rate_names,
    rates,
    roundings,
)
from xingfeng import (
    Change,
    Direction,
    InvalidArgument,
    Rate,
    RateName,
    XingfengError,
    from_json,
    to_json,
)


def half_up(value: Fraction, digits: int) -> Decimal:
    """``value`` rounded to ``digits`` places, halves away from zero, by integer arithmetic only."""
    scaled = value * 10**digits
    magnitude = (2 * abs(scaled.numerator) + scaled.denominator) // (2 * scaled.denominator)
    return Decimal(f"{'-' if scaled < 0 else ''}{magnitude}E-{digits}")


def truncated(value: Fraction, digits: int) -> Decimal:
    """``value`` cut to ``digits`` places (towards zero), by integer arithmetic only."""
    scaled = value * 10**digits
    magnitude = abs(scaled.numerator) // scaled.denominator
    return Decimal(f"{'-' if scaled < 0 else ''}{magnitude}E-{digits}")


def quantized(value: Fraction, digits: int, rounding: str) -> Decimal:
    """``value`` as a 300-digit Decimal, quantized by ``rounding``.

    300 digits cannot land on a half that the exact value is not on, for the sizes tested.
    """
    with decimal.localcontext() as context:
        context.prec = 300
        wide = Decimal(value.numerator) / Decimal(value.denominator)
        return wide.quantize(Decimal(f"1E-{digits}"), rounding=rounding)


# Rates


@given(rate=rates())
def test_a_rate_is_exactly_its_numerator_over_its_denominator_and_lies_between_0_and_1(
    rate: Rate,
) -> None:
    """Rate.value is the exact Fraction numerator/denominator, within [0, 1]."""
    value = rate.value

    assert value == Fraction(rate.numerator, rate.denominator)
    assert isinstance(value, Fraction)
    assert 0 <= value <= 1


@given(rate=rates(), digits=places)
def test_a_rates_percent_is_its_exact_value_rounded_half_up_once(rate: Rate, digits: int) -> None:
    """percent() by default is 四舍五入 of the exact value, to exactly ``digits`` places."""
    shown = rate.percent(digits)

    assert shown.as_tuple() == half_up(rate.value * 100, digits).as_tuple()


@given(rate=rates(), digits=places)
def test_a_rates_percent_rounded_down_is_its_exact_value_truncated(rate: Rate, digits: int) -> None:
    """percent(rounding=ROUND_DOWN) cuts the exact value off, as some reports do."""
    shown = rate.percent(digits, ROUND_DOWN)

    assert shown.as_tuple() == truncated(rate.value * 100, digits).as_tuple()


@given(rate=rates(), digits=places, rounding=roundings)
def test_a_rates_percent_is_the_exact_value_quantized_by_any_rounding_mode(
    rate: Rate, digits: int, rounding: str
) -> None:
    """percent() agrees with Decimal.quantize of the exact value, for every rounding mode."""
    shown = rate.percent(digits, rounding)

    assert shown.as_tuple() == quantized(rate.value * 100, digits, rounding).as_tuple()


def test_a_rate_keeps_every_digit_when_many_places_are_asked_for() -> None:
    """percent(50) is exact to 50 places: no 28-digit Decimal context cuts it short."""
    shown = Rate(name="满意率", numerator=1, denominator=3).percent(50)

    assert shown == Decimal("33." + "3" * 50)


@given(name=rate_names, data=st.data())
def test_merging_rates_gives_the_rate_of_the_summed_counts(name: str, data: st.DataObject) -> None:
    """a + b counts every case of both: numerators and denominators add."""
    a, b = data.draw(rates(name=name)), data.draw(rates(name=name))

    merged = a + b

    assert merged == Rate(
        name=name,
        numerator=a.numerator + b.numerator,
        denominator=a.denominator + b.denominator,
    )


@given(name=rate_names, data=st.data())
def test_merging_rates_is_commutative_and_associative(name: str, data: st.DataObject) -> None:
    """Partitions merge in any order and any grouping into the same rate."""
    a, b, c = (data.draw(rates(name=name)) for _ in range(3))

    assert a + b == b + a
    assert (a + b) + c == a + (b + c)


@given(a=rates(name="满意率"), b=rates(name="见面率"))
def test_rates_with_different_names_do_not_merge(a: Rate, b: Rate) -> None:
    """满意率 + 见面率 raises InvalidArgument: counts of different things do not add up."""
    with pytest.raises(InvalidArgument) as caught:
        a + b

    assert caught.value.name == "other"
    assert "满意率" in str(caught.value)


def test_a_rate_does_not_add_to_a_number() -> None:
    """Rate + 1 is a TypeError, Python's answer for operands that do not go together."""
    rate = RateName.SATISFACTION.of(1, 2)

    with pytest.raises(TypeError):
        rate + 1  # type: ignore[operator]


def test_equal_rates_need_equal_counts() -> None:
    """1/2 and 2/4 have the same value but are different rates: they count different cases."""
    half, two_quarters = RateName.FEEDBACK.of(1, 2), RateName.FEEDBACK.of(2, 4)

    assert half.value == two_quarters.value
    assert half != two_quarters


@given(rate=rates())
def test_a_rate_reads_as_its_name_percent_and_counts(rate: Rate) -> None:
    """str(rate) is ``<name> <percent to 2 places>%（<numerator>/<denominator>）``."""
    shown = str(rate)

    assert shown == f"{rate.name} {rate.percent(2)}%（{rate.numerator}/{rate.denominator}）"


def test_a_rate_with_no_successes_reads_as_zero_percent() -> None:
    """0 of 3 reads 0.00%, in plain digits, never 0E-2."""
    assert str(RateName.RESOLUTION.of(0, 3)) == "解决率 0.00%（0/3）"


def test_the_six_rate_names_carry_their_chinese_labels() -> None:
    """RateName labels are the six rates of the sources."""
    labels = [name.label for name in RateName]

    assert labels == ["满意率", "见面率", "反馈率", "办结率", "响应率", "解决率"]


@given(name=st.sampled_from(list(RateName)), rate=rates())
def test_a_rate_name_builds_the_rate_under_its_label(name: RateName, rate: Rate) -> None:
    """RateName.X.of(n, d) is Rate(name=X.label, numerator=n, denominator=d)."""
    built = name.of(rate.numerator, rate.denominator)

    assert built == Rate(name=name.label, numerator=rate.numerator, denominator=rate.denominator)


def test_seed_004s_77_proposals_are_closed_met_answered_and_satisfied_at_100_percent() -> None:
    """R18: 77件建议提案…按时办结，见面率、反馈率和满意率均达到100% — each is 77/77."""
    names = [RateName.CLOSED_IN_TIME, RateName.FACE_TO_FACE, RateName.FEEDBACK]
    handled = [name.of(77, 77) for name in [*names, RateName.SATISFACTION]]

    assert all(rate.value == 1 for rate in handled)
    assert [str(rate) for rate in handled] == [
        "办结率 100.00%（77/77）",
        "见面率 100.00%（77/77）",
        "反馈率 100.00%（77/77）",
        "满意率 100.00%（77/77）",
    ]
    assert handled[0].percent(0) == Decimal(100)


def test_seed_004s_rate_over_two_years_is_the_merge_of_each_year() -> None:
    """Two years' partial 办结率 (any split of the 77) merge into 77/77."""
    first, second = RateName.CLOSED_IN_TIME.of(40, 40), RateName.CLOSED_IN_TIME.of(37, 37)

    assert first + second == RateName.CLOSED_IN_TIME.of(77, 77)


@given(rate=rates())
def test_a_rate_round_trips_through_json(rate: Rate) -> None:
    """from_json(to_json(rate), Rate) == rate."""
    assert from_json(to_json(rate), Rate) == rate


# Year-on-year changes


@given(change=changes)
def test_a_change_ratio_takes_before_exactly_to_after(change: Change) -> None:
    """ratio * before + before == after, exactly."""
    before = Fraction(change.before)

    assert change.ratio * before + before == Fraction(change.after)


@given(change=changes)
def test_the_direction_of_a_change_is_the_sign_of_its_ratio(change: Change) -> None:
    """上升 for a positive ratio, 下降 for a negative one, 持平 for zero."""
    expected = {1: Direction.RISE, -1: Direction.FALL, 0: Direction.FLAT}

    sign = (change.ratio > 0) - (change.ratio < 0)

    assert change.direction is expected[sign]


@given(change=changes, digits=places)
def test_a_change_reads_with_the_word_of_its_direction_and_the_size_of_its_percent(
    change: Change, digits: int
) -> None:
    """text() says 上升 / 下降 with |percent|, or 与…持平, after the amounts and their unit."""
    unit = change.unit or ""

    sentence = change.text(digits)

    head = f"{change.name}{change.after:f}{unit}，"
    if change.direction is Direction.FLAT:
        assert sentence == f"{head}与去年同期{change.before:f}{unit}持平"
    else:
        size = abs(change.percent(digits))
        label = change.direction.label
        assert sentence == f"{head}比去年同期{change.before:f}{unit}{label}{size:f}%"


@given(change=changes, digits=places)
def test_a_changes_percent_is_its_exact_ratio_rounded_half_up_once(
    change: Change, digits: int
) -> None:
    """percent() by default is 四舍五入 (halves away from zero) of the exact ratio."""
    shown = change.percent(digits)

    assert shown.as_tuple() == half_up(change.ratio * 100, digits).as_tuple()


@given(change=changes, digits=places, rounding=roundings)
def test_a_changes_percent_is_the_exact_ratio_quantized_by_any_rounding_mode(
    change: Change, digits: int, rounding: str
) -> None:
    """percent() agrees with Decimal.quantize of the exact ratio, for every rounding mode."""
    shown = change.percent(digits, rounding)

    assert shown.as_tuple() == quantized(change.ratio * 100, digits, rounding).as_tuple()


@given(before=st.integers(min_value=1, max_value=10**9), after=amounts)
def test_a_change_stores_int_amounts_as_decimals(before: int, after: Decimal | int) -> None:
    """Ints are exact, so Change takes them and keeps Decimals."""
    change = Change(name="办件量", before=before, after=after)

    assert isinstance(change.before, Decimal)
    assert isinstance(change.after, Decimal)
    assert change.before == before
    assert change.after == after


def test_a_change_keeps_amounts_with_more_digits_than_a_decimal_context_holds_exact() -> None:
    """The ratio is computed in Fractions: a 40-digit step is not rounded away."""
    before, after = Decimal("1" + "0" * 39), Decimal("1" + "0" * 38 + "1")
    change = Change(name="金额", before=before, after=after)

    assert change.ratio == Fraction(1, 10**39)
    assert change.direction is Direction.RISE


def test_seed_003s_electricity_fall_is_5_04_percent_by_half_up_and_5_03_cut_off() -> None:
    """R19: 25.62 → 24.33 万度 is exactly -129/2562 = -5.0351…%: 四舍五入 gives -5.04%.

    The seed prints -5.03%, which is what cutting off (ROUND_DOWN) gives; the library
    rounds by the stated rule and shows both.
    """
    change = Change(name="用电量", before=Decimal("25.62"), after=Decimal("24.33"), unit="万度")

    assert change.ratio == Fraction(-129, 2562)
    assert change.percent() == Decimal("-5.04")
    assert change.percent(rounding=ROUND_DOWN) == Decimal("-5.03")
    assert change.text() == "用电量24.33万度，比去年同期25.62万度下降5.04%"
    assert change.text(rounding=ROUND_DOWN) == "用电量24.33万度，比去年同期25.62万度下降5.03%"


def test_seed_003s_water_fall_is_37_6_percent_by_either_rule() -> None:
    """R19: 8138 → 5078 吨 is exactly -3060/8138 = -37.601…%: -37.6% at one place either way."""
    change = Change(name="用水量", before=8138, after=5078, unit="吨")

    assert change.ratio == Fraction(-3060, 8138)
    assert change.percent(1) == change.percent(1, ROUND_DOWN) == Decimal("-37.6")
    assert change.text(1) == "用水量5078吨，比去年同期8138吨下降37.6%"


def test_an_unchanged_amount_reads_as_flat() -> None:
    """Equal amounts give 持平, ratio 0 and 0.00%."""
    change = Change(name="投诉量", before=12, after=Decimal("12.0"), unit="件")

    assert change.direction is Direction.FLAT
    assert change.percent() == 0
    assert change.text() == "投诉量12.0件，与去年同期12件持平"


def test_a_tiny_fall_keeps_its_word_when_its_percent_rounds_to_zero() -> None:
    """The word follows the exact change: a fall of 0.001% at 2 places reads 下降0.00%."""
    change = Change(name="用电量", before=100000, after=99999)

    assert change.text() == "用电量99999，比去年同期100000下降0.00%"
    assert change.text(3) == "用电量99999，比去年同期100000下降0.001%"


def test_the_direction_labels_are_the_words_of_the_reports() -> None:
    """Direction labels are 上升, 下降, 持平."""
    assert [d.label for d in Direction] == ["上升", "下降", "持平"]


@given(change=changes)
def test_a_change_round_trips_through_json(change: Change) -> None:
    """from_json(to_json(change), Change) == change, amounts as exact strings."""
    assert from_json(to_json(change), Change) == change


# Refusals


def _refusal(build: Callable[[], object]) -> InvalidArgument:
    """The InvalidArgument ``build()`` raises, checked to be a XingfengError too."""
    with pytest.raises(InvalidArgument) as caught:
        build()
    assert isinstance(caught.value, XingfengError)
    return caught.value


@given(field=st.sampled_from(["numerator", "denominator"]), value=not_ints)
def test_a_rate_refuses_counts_that_are_not_ints(field: str, value: object) -> None:
    """Floats, bools, Decimals, Fractions, strings and None are refused, naming the count."""
    counts: dict[str, Any] = {"numerator": 1, "denominator": 1, field: value}

    refused = _refusal(lambda: Rate(name="满意率", **counts))

    assert refused.name == field


@given(field=st.sampled_from(["numerator", "denominator"]), value=st.integers(max_value=-1))
def test_a_rate_refuses_negative_counts(field: str, value: int) -> None:
    """A count below zero is refused, naming it."""
    counts = {"numerator": 0, "denominator": 1, field: value}

    assert _refusal(lambda: Rate(name="满意率", **counts)).name == field


def test_a_rate_over_nothing_is_refused_as_undefined() -> None:
    """denominator=0 is refused: 0/0 is undefined, and the error says so."""
    refused = _refusal(lambda: Rate(name="满意率", numerator=0, denominator=0))

    assert refused.name == "denominator"
    assert "比率无意义" in refused.expected


@given(rate=rates(), extra=st.integers(min_value=1, max_value=10**6))
def test_a_rate_refuses_a_numerator_above_its_denominator(rate: Rate, extra: int) -> None:
    """More successes than cases is refused, naming the numerator."""
    numerator = rate.denominator + extra

    refused = _refusal(
        lambda: Rate(name=rate.name, numerator=numerator, denominator=rate.denominator)
    )

    assert refused.name == "numerator"


@pytest.mark.parametrize("name", ["", "  ", None, 5, RateName.SATISFACTION])
def test_a_rate_refuses_a_name_that_is_not_text(name: Any) -> None:
    """The name is a non-empty string (use RateName.X.label or RateName.X.of)."""
    assert _refusal(lambda: Rate(name=name, numerator=1, denominator=1)).name == "name"


@given(field=st.sampled_from(["before", "after"]), value=not_amounts)
def test_a_change_refuses_amounts_that_are_not_exact_and_finite(field: str, value: object) -> None:
    """Floats, bools, NaN, infinities, Fractions, strings and None are refused, naming the field."""
    amounts_: dict[str, Any] = {"before": 1, "after": 1, field: value}

    assert _refusal(lambda: Change(name="用电量", **amounts_)).name == field


@given(before=st.decimals(max_value=0, allow_nan=False, allow_infinity=False) | st.just(0))
def test_a_change_refuses_to_start_from_zero_or_below(before: Decimal | int) -> None:
    """before <= 0 is refused: a change from zero has no ratio."""
    refused = _refusal(lambda: Change(name="用电量", before=before, after=1))

    assert refused.name == "before"
    assert "没有比率" in refused.expected


@pytest.mark.parametrize(("field", "value"), [("name", ""), ("unit", ""), ("unit", 3)])
def test_a_change_refuses_names_and_units_that_are_not_text(field: str, value: object) -> None:
    """name and unit (when given) are non-empty strings."""
    fields: dict[str, Any] = {"name": "用电量", "before": 1, "after": 1, field: value}

    assert _refusal(lambda: Change(**fields)).name == field


@given(rate=rates(), change=changes, digits=bad_places)
def test_percent_and_text_refuse_places_that_are_not_a_count(
    rate: Rate, change: Change, digits: Any
) -> None:
    """places must be an int >= 0; Rate.percent, Change.percent and Change.text all say so."""
    for call in (rate.percent, change.percent, change.text):
        with pytest.raises(InvalidArgument) as caught:
            call(digits)
        assert caught.value.name == "places"


@given(rate=rates(), change=changes, rounding=bad_roundings)
def test_percent_and_text_refuse_a_rounding_that_is_not_a_decimal_mode(
    rate: Rate, change: Change, rounding: Any
) -> None:
    """rounding must be one of decimal's ROUND_* modes; the others are refused by name."""
    for call in (rate.percent, change.percent, change.text):
        with pytest.raises(InvalidArgument) as caught:
            call(2, rounding)
        assert caught.value.name == "rounding"


@given(parts=st.lists(rates(name="满意率"), min_size=1, max_size=6))
def test_sum_of_rates_is_the_rate_of_the_summed_counts(parts: list[Rate]) -> None:
    """sum(rates) works from its start value 0 and equals the rate of all the counts."""
    total = sum(parts)
    assert isinstance(total, Rate)
    assert total.numerator == sum(p.numerator for p in parts)
    assert total.denominator == sum(p.denominator for p in parts)
