"""The library computes in its own decimal context, whatever the host's (issue 18).

A host may run with traps on ``Inexact`` or ``Rounded``, a precision of 4 or a rounding
towards the floor; none of that may change a figure the library gives or raise inside it.
"""

from __future__ import annotations

import decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xingfeng import Rate, parse_criterion
from xingfeng.__main__ import EXAMPLES, load
from xingfeng.rounding import CONTEXT, display, plain, terminating

ROUNDINGS = [
    decimal.ROUND_CEILING,
    decimal.ROUND_DOWN,
    decimal.ROUND_FLOOR,
    decimal.ROUND_HALF_DOWN,
    decimal.ROUND_HALF_EVEN,
    decimal.ROUND_HALF_UP,
    decimal.ROUND_UP,
    decimal.ROUND_05UP,
]
TRAPS = [decimal.Inexact, decimal.Rounded, decimal.InvalidOperation, decimal.DivisionByZero]

hostile_contexts = st.builds(
    lambda prec, rounding, traps: decimal.Context(prec=prec, rounding=rounding, traps=traps),
    st.integers(min_value=1, max_value=12),
    st.sampled_from(ROUNDINGS),
    st.lists(st.sampled_from(TRAPS), unique=True),
)
fractions = st.fractions(max_denominator=10**6).filter(lambda f: abs(f) < 10**12)


def _in(context: decimal.Context, compute: object) -> object:
    with decimal.localcontext(context):
        return compute()  # type: ignore[operator]


@given(hostile_contexts, fractions, st.integers(min_value=0, max_value=6))
def test_display_and_plain_ignore_the_hosts_context(
    context: decimal.Context, value: Fraction, places: int
) -> None:
    """Rounding at display gives the same figure under any host context."""
    expected = (display(value, places), plain(value, places), terminating(value))
    assert _in(context, lambda: (display(value, places), plain(value, places))) == expected[:2]
    assert _in(context, lambda: terminating(value)) == expected[2]


@given(hostile_contexts, st.integers(min_value=0, max_value=10**6), st.integers(1, 10**6))
def test_rates_ignore_the_hosts_context(context: decimal.Context, part: int, whole: int) -> None:
    """A rate's percentage, as shown, does not depend on the host's context."""
    rate = Rate(name="满意率", numerator=min(part, whole), denominator=whole)
    assert _in(context, lambda: (rate.percent(), rate.percent(4), str(rate))) == (
        rate.percent(),
        rate.percent(4),
        str(rate),
    )


@given(hostile_contexts, st.decimals(min_value=0, max_value=10**8, places=6))
def test_percent_criteria_ignore_the_hosts_context(
    context: decimal.Context, number: decimal.Decimal
) -> None:
    """``12.345678%`` is the same exact fraction whatever the host's precision."""
    text = f"> {number:f}%"
    expected = parse_criterion(text)
    assert _in(context, lambda: parse_criterion(text)) == expected


def test_the_librarys_context_traps_what_would_be_a_wrong_figure() -> None:
    assert CONTEXT.traps[decimal.InvalidOperation]
    assert CONTEXT.traps[decimal.DivisionByZero]
    assert not CONTEXT.traps[decimal.Inexact]
    assert not CONTEXT.traps[decimal.Rounded]


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_example_reports_are_the_same_under_a_hostile_context(name: str) -> None:
    """Each source case's report, run with precision 4, rounding down and traps on Inexact
    and Rounded, is the report run under Python's default context."""
    expected = load(name)().markdown()
    hostile = decimal.Context(
        prec=4,
        rounding=decimal.ROUND_FLOOR,
        traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation],
    )
    assert _in(hostile, lambda: load(name)().markdown()) == expected
