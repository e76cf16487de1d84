"""Rounding at presentation: once, from the exact value, by a stated rule.

Scores, weights and rates stay exact (``Fraction``) inside the library; they are rounded
only when shown.  The default rule is 四舍五入, ``ROUND_HALF_UP``: halves away from zero.

>>> from decimal import ROUND_DOWN
>>> from fractions import Fraction
>>> display(Fraction(1, 8)), display(Fraction(-1, 8)), display(Fraction(2, 3), 0)
(Decimal('0.13'), Decimal('-0.13'), Decimal('1'))
>>> display(Fraction(-129, 2562) * 100), display(Fraction(-129, 2562) * 100, rounding=ROUND_DOWN)
(Decimal('-5.04'), Decimal('-5.03'))
"""

from __future__ import annotations

import decimal
from contextlib import AbstractContextManager
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TypeAlias

from xingfeng.exceptions import InvalidArgument

__all__ = ["CONTEXT", "Number", "display", "library_context", "plain", "terminating"]

#: The decimal context every computation of the library runs in, whatever the host's:
#: 四舍五入 unless a rule says otherwise, 60 significant digits (no figure a scheme states
#: comes near), and a trap on every condition that would mean a wrong figure, none on mere
#: rounding (rounding is what display does, once, on purpose).
CONTEXT = decimal.Context(
    prec=60,
    rounding=ROUND_HALF_UP,
    Emin=-999_999,
    Emax=999_999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)


def library_context(prec: int | None = None) -> AbstractContextManager[decimal.Context]:
    """A ``with`` block in the library's own decimal context (:data:`CONTEXT`), at least
    ``prec`` digits: a host's context (traps on ``Inexact``, precision 4) never changes a
    figure or raises inside the library."""
    context = CONTEXT.copy()
    if prec is not None and prec > context.prec:
        context.prec = prec
    return decimal.localcontext(context)


#: An exact number, as the library takes figures, weights and thresholds: never a float.
Number: TypeAlias = int | Decimal | Fraction

_ROUNDINGS = frozenset(
    {
        decimal.ROUND_05UP,
        decimal.ROUND_CEILING,
        decimal.ROUND_DOWN,
        decimal.ROUND_FLOOR,
        decimal.ROUND_HALF_DOWN,
        decimal.ROUND_HALF_EVEN,
        decimal.ROUND_HALF_UP,
        decimal.ROUND_UP,
    }
)


def display(value: Fraction, places: int = 2, rounding: str = ROUND_HALF_UP) -> Decimal:
    """``value`` rounded once to ``places`` decimals by ``rounding`` (四舍五入 by default), exactly.

    The same result as ``Decimal(value).quantize(Decimal(10) ** -places, rounding)`` would be,
    were ``Decimal(value)`` exact; never through a float or a context-limited division.
    """
    if not isinstance(value, Fraction):
        raise InvalidArgument("value", value, "精确的 Fraction", english="an exact Fraction")
    if not isinstance(places, int) or isinstance(places, bool) or places < 0:
        raise InvalidArgument(
            "places",
            places,
            "不小于 0 的整数（保留的小数位数）",
            english="an int >= 0 (the decimal places to keep)",
        )
    if not isinstance(rounding, str) or rounding not in _ROUNDINGS:
        raise InvalidArgument(
            "rounding",
            rounding,
            "decimal 的舍入方式，如 decimal.ROUND_HALF_UP（四舍五入）",
            english="a decimal rounding mode, e.g. decimal.ROUND_HALF_UP (四舍五入)",
        )
    scaled = value * 10**places
    whole = int(scaled)  # towards zero: the digits kept
    rest = abs(scaled - whole)  # in [0, 1): what is cut off
    # A rounding rule looks only at the digits kept and at where the cut-off part lies against
    # a half (zero, below, at, above).  A stand-in with the same digits and a cut-off part of
    # 0, .25, .5 or .75 rounds the same way, and Decimal rounds that stand-in exactly.
    half = Fraction(1, 2)
    cut = Decimal(0 if rest == 0 else 25 if rest < half else 50 if rest == half else 75)
    # Wide enough that nothing below is inexact but the rounding itself.
    # The digits of ``whole`` (an upper bound), without str(), which refuses huge ints.
    with library_context(abs(whole).bit_length() * 30103 // 100000 + 6):
        stand_in = Decimal(whole) + (cut if scaled >= 0 else -cut).scaleb(-2)
        integral = stand_in.quantize(Decimal(1), rounding=rounding)
        return integral.scaleb(-places)


def plain(value: Fraction, places: int = 4) -> str:
    """``value`` for text: 四舍五入 to ``places`` decimals, trailing zeros dropped.

    >>> plain(Fraction(80)), plain(Fraction(1883, 20)), plain(Fraction(1, 3))
    ('80', '94.15', '0.3333')
    """
    shown = display(value, places)
    with library_context(len(shown.as_tuple().digits)):
        return f"{shown.normalize():f}"


def terminating(value: Fraction) -> Decimal | None:
    """``value`` as the exact decimal it is (``Fraction(8499, 100)`` is ``84.99``), or
    ``None`` when its decimal never ends (``2/3``); whatever the host's decimal context.

    >>> terminating(Fraction(8499, 100)), terminating(Fraction(1, 8)), terminating(Fraction(2, 3))
    (Decimal('84.99'), Decimal('0.125'), None)
    """
    denominator, twos, fives = value.denominator, 0, 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator != 1:
        return None
    places = max(twos, fives)  # 10**places / denominator is a whole number
    digits = value.numerator * (10**places // value.denominator)
    with library_context(len(str(abs(digits))) + 1) as context:  # nothing is rounded
        return Decimal(digits).scaleb(-places, context=context)
