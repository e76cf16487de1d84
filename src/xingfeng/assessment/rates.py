"""Exact rates and year-on-year changes (R18, R19).

A :class:`Rate` keeps its counts, not a percentage: 77 of 77 proposals answered face to face is
``Rate(name="见面率", numerator=77, denominator=77)``, its value is the exact ``Fraction`` 1, and
rates of the parts of a whole merge into the rate of the whole.  A :class:`Change` is a
year-on-year change (同比) between two exact amounts.

Nothing is rounded until it is shown: ``percent()`` rounds the exact value once, by a stated
rule whose default is 四舍五入 (``ROUND_HALF_UP``: halves away from zero).

>>> RateName.SATISFACTION.of(77, 77).percent()
Decimal('100.00')
>>> Change(name="用水量", before=8138, after=5078, unit="吨").percent(places=1)
Decimal('-37.6')
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import attrs

from xingfeng._checks import LabelledEnum, int_at_least, optional_text, text
from xingfeng.exceptions import InvalidArgument
from xingfeng.rounding import display

__all__ = ["Change", "Direction", "Rate", "RateName"]


def _base(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidArgument(
            attribute.name,
            value,
            "不小于 1 的整数（全部件数）",
            english="an int >= 1 (the count of all cases)",
        )
    if value < 1:
        raise InvalidArgument(
            attribute.name,
            value,
            "不小于 1 的整数：没有件数时比率无意义（0/0 既不是100%也不是0%），应报告没有发生，"
            "而不报比率",
            english=(
                "an int >= 1: a rate over no cases is undefined (0/0 is not 100% or 0%); "
                "report that there were no cases instead of a rate"
            ),
        )


@attrs.frozen(kw_only=True)
class Rate:
    """``numerator`` of ``denominator`` cases, under a ``name`` such as ``"满意率"``.

    ``0 <= numerator <= denominator`` and ``denominator >= 1``; the counts are kept, so two
    rates are equal only with the same counts (1/2 is not 2/4: they speak of different
    numbers of cases).  ``str()`` shows the name, the percentage to two places (四舍五入) and
    the counts in full-width brackets:

    >>> str(Rate(name="满意率", numerator=76, denominator=77))
    '满意率 98.70%（76/77）'

    Rates with the same name add up, so the rates of the parts of a whole (the sections of a
    unit, the months of a year) merge into the rate of the whole:

    >>> Rate(name="办结率", numerator=40, denominator=40) + Rate(
    ...     name="办结率", numerator=36, denominator=37
    ... )
    Rate(name='办结率', numerator=76, denominator=77)
    """

    name: str = attrs.field(validator=text)
    numerator: int = attrs.field(validator=int_at_least(0))
    denominator: int = attrs.field(validator=_base)

    def __attrs_post_init__(self) -> None:
        if self.numerator > self.denominator:
            raise InvalidArgument(
                "numerator",
                self.numerator,
                f"0 至 denominator={self.denominator} 的整数（部分不能多于全部）",
                english=(
                    f"an int from 0 to denominator={self.denominator} (a part cannot exceed "
                    "the whole)"
                ),
            )

    @property
    def value(self) -> Fraction:
        """The exact rate, from 0 to 1."""
        return Fraction(self.numerator, self.denominator)

    def percent(self, places: int = 2, rounding: str = ROUND_HALF_UP) -> Decimal:
        """The rate in percent, rounded once from the exact value to ``places`` places.

        ``rounding`` is a :mod:`decimal` rounding mode; the default is 四舍五入.

        >>> Rate(name="见面率", numerator=2, denominator=3).percent(1)
        Decimal('66.7')
        """
        return display(self.value * 100, places, rounding)

    def __str__(self) -> str:
        return f"{self.name} {self.percent():f}%（{self.numerator}/{self.denominator}）"

    def __radd__(self, other: object) -> Rate:
        # sum(rates) starts from 0: let it, so partial rates merge with the builtin.
        if other == 0:
            return self
        return NotImplemented

    def __add__(self, other: Rate) -> Rate:
        """The rate of both parts together; refused for rates with different names."""
        if not isinstance(other, Rate):
            return NotImplemented
        if other.name != self.name:
            raise InvalidArgument(
                "other",
                other,
                f"名为 {self.name!r} 的 Rate（比率）",
                english=f"a Rate named {self.name!r}",
            )
        return Rate(
            name=self.name,
            numerator=self.numerator + other.numerator,
            denominator=self.denominator + other.denominator,
        )


class RateName(LabelledEnum):
    """The handling rates the sources report, with their Chinese names as ``label`` (R18).

    :attr:`Rate.name` is a plain string, not this enum: reports invent rates of their own
    (一次办结率, 及时率), and a string takes them all with no second kind of name.  The enum
    spells the common six once, and :meth:`of` builds their rates:

    >>> RateName.FACE_TO_FACE.of(77, 77)
    Rate(name='见面率', numerator=77, denominator=77)
    """

    #: 满意率: cases whose people were satisfied, of all cases asked.
    SATISFACTION = "satisfaction", "满意率"
    #: 见面率: cases answered face to face (登门答复, 座谈), of all cases.
    FACE_TO_FACE = "face_to_face", "见面率"
    #: 反馈率: cases whose source was given an answer (回音), of all cases.
    FEEDBACK = "feedback", "反馈率"
    #: 办结率: cases closed within their time limit (限时办结), of all cases.
    CLOSED_IN_TIME = "closed_in_time", "办结率"
    #: 响应率: cases taken up (a first response), of all cases received.
    RESPONSE = "response", "响应率"
    #: 解决率: cases whose problem was actually solved, of all cases.
    RESOLUTION = "resolution", "解决率"

    def of(self, numerator: int, denominator: int) -> Rate:
        """The :class:`Rate` of this name: ``numerator`` of ``denominator`` cases."""
        return Rate(name=self.label, numerator=numerator, denominator=denominator)


class Direction(LabelledEnum):
    """Which way a year-on-year change goes; the label is the word reports use."""

    RISE = "rise", "上升"
    FALL = "fall", "下降"
    FLAT = "flat", "持平"


def _exact(value: Decimal | int) -> Decimal:
    # An int is exact, so it is taken as a Decimal; anything else goes to the validator as is.
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value  # type: ignore[return-value]


def _amount(_instance: object, attribute: attrs.Attribute[Decimal], value: object) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InvalidArgument(
            attribute.name,
            value,
            "有限的 Decimal 或 int，如 Decimal('25.62')（浮点数不精确）",
            english="a finite Decimal or an int, e.g. Decimal('25.62') (a float is not exact)",
        )


@attrs.frozen(kw_only=True)
class Change:
    """The year-on-year change (同比) of ``name`` from ``before`` (last year) to ``after``.

    Amounts are finite ``Decimal`` values (ints are accepted and stored as ``Decimal``;
    floats, NaN and infinities are refused); ``unit`` (万度, 吨) is shown after them.
    ``before`` must be above zero: a change from zero has no ratio, and a ratio over a
    negative base points the wrong way (from -10 to -5 is a rise, yet -50%).

    >>> use = Change(name="用电量", before=Decimal("25.62"), after=Decimal("24.33"), unit="万度")
    >>> use.ratio, use.direction.label
    (Fraction(-43, 854), '下降')
    >>> use.text()
    '用电量24.33万度，比去年同期25.62万度下降5.04%'
    """

    name: str = attrs.field(validator=text)
    before: Decimal = attrs.field(converter=_exact, validator=_amount)
    after: Decimal = attrs.field(converter=_exact, validator=_amount)
    unit: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        if self.before <= 0:
            raise InvalidArgument(
                "before",
                self.before,
                "大于 0 的数：从 0 开始的变化没有比率，以负数为基数的比率方向相反",
                english=(
                    "an amount above zero: a change from zero has no ratio, and a ratio over a "
                    "negative base points the wrong way"
                ),
            )

    @property
    def ratio(self) -> Fraction:
        """``(after - before) / before``, exactly (Decimal subtraction could round)."""
        before = Fraction(self.before)
        return (Fraction(self.after) - before) / before

    @property
    def direction(self) -> Direction:
        """上升, 下降 or 持平, from the exact change (never from a rounded percentage)."""
        if self.after > self.before:
            return Direction.RISE
        if self.after < self.before:
            return Direction.FALL
        return Direction.FLAT

    def percent(self, places: int = 2, rounding: str = ROUND_HALF_UP) -> Decimal:
        """The change in percent (negative for a fall), rounded once to ``places`` places.

        ``rounding`` is a :mod:`decimal` rounding mode; the default is 四舍五入, which rounds
        halves away from zero, so a fall and a rise of the same size show the same digits.
        """
        return display(self.ratio * 100, places, rounding)

    def text(self, places: int = 2, rounding: str = ROUND_HALF_UP) -> str:
        """The sentence a report writes, such as ``用水量5078吨，比去年同期8138吨下降37.6%``.

        The word comes from the exact change and the figure from :meth:`percent`, so a tiny
        fall shown to too few places reads ``下降0.00%``: show more places, not ``持平``.

        >>> Change(name="用水量", before=8138, after=5078, unit="吨").text(places=1)
        '用水量5078吨，比去年同期8138吨下降37.6%'
        """
        unit = self.unit or ""
        now = f"{self.name}{self.after:f}{unit}"
        then = f"去年同期{self.before:f}{unit}"
        size = abs(self.percent(places, rounding))  # checks places and rounding, even if flat
        direction = self.direction
        if direction is Direction.FLAT:
            return f"{now}，与{then}持平"
        return f"{now}，比{then}{direction.label}{size:f}%"
