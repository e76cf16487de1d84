"""Decision tables (决策表): rules as data, with the hit policies of DMN.

A :class:`DecisionTable` has input columns over *facts* (named values such as the number of
verified escalated complaints), output columns, and rules, one per row.  Each rule has a
criterion per input column and a value per output column.  A table is checked when it is
built: a ``UNIQUE`` table whose rules overlap is refused, naming the rules and facts on which
they both match.  Evaluating always gives a tuple of :class:`Hit` (empty exactly when no rule
matched), whatever the hit policy, so the caller's code has one shape to handle.

Seed 002 asks that verified complaints escalated past the unit be assessed strictly (R6).
With an illustrative two points per complaint:

>>> deduction = DecisionTable(
...     name="越级投诉扣分",
...     inputs=["verified_escalated_complaints"],
...     outputs=["deduction"],
...     rules=[
...         DecisionRule(when=[">= 1"], then=[2], annotation="首起扣2分"),
...         DecisionRule(when=[">= 2"], then=[2], annotation="再起加扣2分"),
...     ],
...     hit_policy=HitPolicy.COLLECT,
...     aggregation=Aggregation.SUM,
... )
>>> hits = deduction.evaluate({"verified_escalated_complaints": 3})
>>> [(hit.rules, dict(hit.outputs), hit.annotations) for hit in hits]
[((1, 2), {'deduction': 4}, ('首起扣2分', '再起加扣2分'))]
>>> deduction.evaluate({"verified_escalated_complaints": 0})
()

Criteria are written as short texts (see :func:`parse_criterion`): ``-`` (anything),
``>= 3``, ``[1..5)``, ``in 投诉, 越级投诉``, ``true``.  Rules load from plain data
(:meth:`DecisionTable.from_dict`); nothing in a rule is ever evaluated as code.
"""

from __future__ import annotations

import enum
import json
import re
from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, TypeAlias, TypeGuard

import attrs

from xingfeng._checks import LabelledEnum, is_figure, member_of, text, texts, to_tuple
from xingfeng.exceptions import (
    Defect,
    InvalidArgument,
    InvalidDefinition,
    LoadError,
    shown,
    spaced,
)
from xingfeng.obligations import did_you_mean
from xingfeng.rounding import Number, library_context
from xingfeng.serialization import register_codec

__all__ = [
    "Aggregation",
    "Anything",
    "Between",
    "Compare",
    "Criterion",
    "DecisionRule",
    "DecisionTable",
    "FactValue",
    "Hit",
    "HitPolicy",
    "Is",
    "OneOf",
    "Op",
    "OutputValue",
    "parse_criterion",
]

#: What a fact may be: an exact number, a text, a yes/no, or ``None`` for unknown.
FactValue: TypeAlias = int | Decimal | Fraction | str | bool | None
#: What a rule may give: an exact number, a text or a yes/no.
OutputValue: TypeAlias = int | Decimal | Fraction | str | bool

_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?", re.ASCII)
_FRACTION = re.compile(r"-?(?:0|[1-9][0-9]*)/[1-9][0-9]*", re.ASCII)
_SEPARATORS = ",，、"
_SEPARATOR = re.compile(f"[{_SEPARATORS}]")
_NEEDS_QUOTES = frozenset('{}[]()"' + _SEPARATORS)
_RESERVED = frozenset({"-", "true", "false"})
# A text beginning with one of these is quoted, so "= <" never reads as a mistyped operator.
_OPERATOR_CHARS = frozenset("<>=!≤≥≠＜＞＝！")


# ----------------------------------------------------------------------------- values


def _is_number(value: object) -> bool:
    """An exact number: an int (not a bool), a finite Decimal or a Fraction."""
    if isinstance(value, bool):
        return False
    if isinstance(value, Decimal):
        return is_figure(value)
    return isinstance(value, int | Fraction)


def is_fact_value(value: object) -> TypeGuard[FactValue]:
    """Whether ``value`` can be a fact: an exact number, a text, a bool or ``None``."""
    return value is None or isinstance(value, str | bool) or _is_number(value)


def _exactly(value: Number) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(value)


def _show(number: Number) -> str:
    """A number as the criterion grammar writes it: ``3``, ``2.5``, ``-0.50``, ``1/3``."""
    if isinstance(number, Fraction):
        whole = _digits(number.numerator)
        return whole if number.denominator == 1 else f"{whole}/{_digits(number.denominator)}"
    if isinstance(number, Decimal):
        return f"{number:f}"
    return _digits(number)


def _digits(whole: int) -> str:
    # str() refuses an int of over 4300 digits; Decimal writes any int, exactly.
    return str(whole) if abs(whole).bit_length() < 14000 else f"{Decimal(whole):f}"


# Numbers as an IME types them: full-width digits, point, slash and minus.
_WIDE_NUMBER = str.maketrans("０１２３４５６７８９．／－", "0123456789./-")
# Operators as an IME types them, at the head of a criterion.
_WIDE_OPERATOR = str.maketrans("＜＞＝！", "<>=!")
_OPERATOR_STARTS = frozenset("<>=!≤≥≠")
_NUMBER_STARTS = frozenset("-0123456789")
_PERCENT = re.compile(r"(?P<n>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?)\s*[%％]", re.ASCII)


def _read_number(token: str) -> Number | None:
    """``token`` as an exact number (``3``, ``2.5``, ``1/3``, ``３``, ``50%``), or ``None``.

    A percentage is its fraction, exactly: ``50%`` is ``Decimal("0.5")``, for facts that are
    rates.
    """
    token = token.translate(_WIDE_NUMBER)
    if token[:1] not in _NUMBER_STARTS:  # most texts: no pattern need look
        return None
    percent = _PERCENT.fullmatch(token)
    if percent is not None:
        with library_context(len(percent["n"]) + 2) as context:  # nothing is rounded
            return Decimal(percent["n"]).scaleb(-2, context=context)
    try:
        if _NUMBER.fullmatch(token):
            return int(token) if "." not in token else Decimal(token)
        if _FRACTION.fullmatch(token):
            return Fraction(token)
    except ValueError:  # an int of more digits than Python converts
        return None
    return None


def _plain_text(value: str) -> bool:
    """Whether a text can be written bare in a criterion, without quotes."""
    return (
        value not in _RESERVED
        and _read_number(value) is None
        and not (_NEEDS_QUOTES & set(value))
        and not value.startswith(("in ", "∈"))
        and value[:1] not in _OPERATOR_CHARS
    )


def _write_text(value: str) -> str:
    return value if _plain_text(value) else f'"{value}"'


def _key(value: OutputValue) -> tuple[int, object]:
    """A sort and equality key that keeps kinds apart (``True`` is not ``1``)."""
    if isinstance(value, bool):
        return (0, value)
    if isinstance(value, str):
        return (2, value)
    return (1, _exactly(value))


def _check_text_value(name: str, value: object) -> None:
    """A text a criterion can hold and write back: non-empty, trimmed, without ``"``."""
    if not isinstance(value, str) or not value.strip() or value != value.strip() or '"' in value:
        raise InvalidArgument(
            name,
            value,
            '非空文字，首尾没有空格，也不含双引号（"）',
            english='a non-empty text without surrounding spaces or double quotes (")',
        )


def _check_number(name: str, value: object) -> None:
    if not _is_number(value):
        raise InvalidArgument(
            name,
            value,
            "精确的数：int、有限的 Decimal 或 Fraction（不能是浮点数）",
            english="an exact number: an int, a finite Decimal or a Fraction (never a float)",
        )


# ----------------------------------------------------------------------------- domains

# A set of rationals between two ends; ``None`` is unbounded.  (low, low_closed, high,
# high_closed).  Two intervals of rationals that meet always share a rational, so meeting
# is enough to prove that some fact matches both.
_Interval: TypeAlias = tuple[Fraction | None, bool, Fraction | None, bool]
_EVERYTHING: _Interval = (None, False, None, False)


@attrs.frozen
class _Domain:
    """Every fact value a criterion matches, split by kind, so overlaps can be decided exactly.

    Texts are a finite set, or (``all_texts_but`` not ``None``) every text except a few.
    """

    intervals: tuple[_Interval, ...] = ()
    texts: frozenset[str] = frozenset()
    all_texts_but: frozenset[str] | None = None
    bools: frozenset[bool] = frozenset()
    unknown: bool = False


def _meet(a: _Interval, b: _Interval) -> _Interval | None:
    (a_low, a_low_closed, a_high, a_high_closed) = a
    (b_low, b_low_closed, b_high, b_high_closed) = b
    if a_low is None or (b_low is not None and b_low > a_low):
        low, low_closed = b_low, b_low_closed
    elif b_low is None or a_low > b_low:
        low, low_closed = a_low, a_low_closed
    else:
        low, low_closed = a_low, a_low_closed and b_low_closed
    if a_high is None or (b_high is not None and b_high < a_high):
        high, high_closed = b_high, b_high_closed
    elif b_high is None or a_high < b_high:
        high, high_closed = a_high, a_high_closed
    else:
        high, high_closed = a_high, a_high_closed and b_high_closed
    if (
        low is not None
        and high is not None
        and (low > high or (low == high and not (low_closed and high_closed)))
    ):
        return None
    return (low, low_closed, high, high_closed)


def _inside(interval: _Interval) -> Fraction:
    """A number in a non-empty interval, as simple as possible."""
    low, low_closed, high, high_closed = interval
    if low is None and high is None:
        return Fraction(0)
    if low is None:
        assert high is not None
        return high if high_closed else high - 1
    if high is None:
        return low if low_closed else low + 1
    if low_closed:
        return low
    return high if high_closed else (low + high) / 2


def _shared(a: _Domain, b: _Domain) -> tuple[FactValue] | tuple[()]:
    """A fact value in both domains, or ``()`` if there is none."""
    for first in a.intervals:
        for second in b.intervals:
            met = _meet(first, second)
            if met is not None:
                return (_inside(met),)
    candidates: set[str] = set()
    if a.all_texts_but is None and b.all_texts_but is None:
        candidates = set(a.texts & b.texts)
    elif a.all_texts_but is not None and b.all_texts_but is not None:
        taken = a.all_texts_but | b.all_texts_but
        fresh = "其他"
        while fresh in taken:
            fresh += "他"
        candidates = {fresh}
    elif a.all_texts_but is not None:
        candidates = set(b.texts - a.all_texts_but)
    elif b.all_texts_but is not None:
        candidates = set(a.texts - b.all_texts_but)
    if candidates:
        return (min(candidates),)
    bools = a.bools & b.bools
    if bools:
        return (min(bools),)
    return (None,) if a.unknown and b.unknown else ()


# ----------------------------------------------------------------------------- criteria


class Op(LabelledEnum):
    """A comparison a :class:`Compare` makes; ``symbol`` is how criteria write it."""

    EQ = "eq", "等于"
    NE = "ne", "不等于"
    LT = "lt", "小于"
    LE = "le", "不大于"
    GT = "gt", "大于"
    GE = "ge", "不小于"

    @property
    def symbol(self) -> str:
        """``=``, ``≠``, ``<``, ``≤``, ``>`` or ``≥``."""
        return _OP_SYMBOLS[self]


_OP_SYMBOLS = {Op.EQ: "=", Op.NE: "≠", Op.LT: "<", Op.LE: "≤", Op.GT: ">", Op.GE: "≥"}
# Longest first, so "<=" is not read as "<" followed by "=".
_OP_SPELLINGS = (
    ("==", Op.EQ),
    ("!=", Op.NE),
    ("<=", Op.LE),
    (">=", Op.GE),
    ("=", Op.EQ),
    ("≠", Op.NE),
    ("<", Op.LT),
    ("≤", Op.LE),
    (">", Op.GT),
    ("≥", Op.GE),
)


@attrs.frozen(kw_only=True)
class Anything:
    """Matches every fact, an unknown (``None``) one too.  Written ``-``.

    >>> Anything().matches(None), Anything().label
    (True, '-')
    """

    def matches(self, value: FactValue) -> bool:
        """Always ``True``."""
        return True

    @property
    def label(self) -> str:
        """``-``."""
        return "-"

    def _domain(self) -> _Domain:
        return _Domain(
            intervals=(_EVERYTHING,),
            all_texts_but=frozenset(),
            bools=frozenset({False, True}),
            unknown=True,
        )


def _compare_value(instance: Compare, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, str) and instance.op in (Op.EQ, Op.NE):
        _check_text_value(attribute.name, value)
    elif not _is_number(value):
        expected = "精确的数（int、Decimal、Fraction）"
        english = "an exact number (int, Decimal, Fraction)"
        if instance.op in (Op.EQ, Op.NE):
            expected += "或文字；是否用 Is(True) 或 Is(False)"
            english += " or a text; for yes/no use Is(True) or Is(False)"
        raise InvalidArgument(attribute.name, value, expected, english=english)


@attrs.frozen(kw_only=True)
class Compare:
    """A fact compared with a value: ``≥ 3``, ``< 2.5``, ``= 投诉``, ``≠ 0``.

    Numbers compare exactly across ``int``, ``Decimal`` and ``Fraction``.  ``<``, ``≤``,
    ``>`` and ``≥`` need a number; ``=`` and ``≠`` take a number or a text.  A fact of
    another kind (a text against a number, a number against a text, a yes/no, ``None``)
    simply does not match, ``≠`` included: ``≠ 3`` matches the numbers other than 3.

    >>> Compare(op=Op.GE, value=3).matches(Decimal("3.0")), Compare(op=Op.GE, value=3).label
    (True, '≥ 3')
    >>> Compare(op=Op.NE, value=3).matches("三")
    False
    """

    op: Op = attrs.field(validator=member_of(Op))
    value: Number | str = attrs.field(validator=_compare_value)

    def matches(self, value: FactValue) -> bool:
        """Whether the fact ``value`` satisfies the comparison."""
        if isinstance(self.value, str):
            if not isinstance(value, str):
                return False
            return (value == self.value) == (self.op is Op.EQ)
        if not _is_number(value):
            return False
        fact, limit = _exactly(value), _exactly(self.value)  # type: ignore[arg-type]
        return {
            Op.EQ: fact == limit,
            Op.NE: fact != limit,
            Op.LT: fact < limit,
            Op.LE: fact <= limit,
            Op.GT: fact > limit,
            Op.GE: fact >= limit,
        }[self.op]

    @property
    def label(self) -> str:
        """The comparison as a criterion text, e.g. ``≥ 3`` or ``= 投诉``."""
        shown = _write_text(self.value) if isinstance(self.value, str) else _show(self.value)
        return f"{self.op.symbol} {shown}"

    def _domain(self) -> _Domain:
        if isinstance(self.value, str):
            if self.op is Op.EQ:
                return _Domain(texts=frozenset({self.value}))
            return _Domain(all_texts_but=frozenset({self.value}))
        v = _exactly(self.value)
        intervals: dict[Op, tuple[_Interval, ...]] = {
            Op.EQ: ((v, True, v, True),),
            Op.NE: ((None, False, v, False), (v, False, None, False)),
            Op.LT: ((None, False, v, False),),
            Op.LE: ((None, False, v, True),),
            Op.GT: ((v, False, None, False),),
            Op.GE: ((v, True, None, False),),
        }
        return _Domain(intervals=intervals[self.op])


def _number_field(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _check_number(attribute.name, value)


def _bool_field(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidArgument(attribute.name, value, "True 或 False", english="True or False")


@attrs.frozen(kw_only=True)
class Between:
    """A number from ``low`` to ``high``; by default ``low`` is in and ``high`` is out.

    Written ``[1..5)``: a square bracket for an end that is in, a round one for an end that
    is out (``[1, 5)`` is read too).  The range may not be empty.  Facts that are not numbers
    do not match.

    >>> span = Between(low=1, high=5)
    >>> span.label, span.matches(1), span.matches(Fraction(9, 2)), span.matches(5)
    ('[1..5)', True, True, False)
    """

    low: Number = attrs.field(validator=_number_field)
    high: Number = attrs.field(validator=_number_field)
    low_closed: bool = attrs.field(default=True, validator=_bool_field)
    high_closed: bool = attrs.field(default=False, validator=_bool_field)

    def __attrs_post_init__(self) -> None:
        low, high = _exactly(self.low), _exactly(self.high)
        if low > high or (low == high and not (self.low_closed and self.high_closed)):
            raise InvalidArgument(
                "high",
                self.high,
                f"至少含一个数的区间：大于 low={_show(self.low)}，或两端都闭合时等于它",
                english=(
                    f"a range that holds some number: above low={_show(self.low)}, or equal to it "
                    "with both ends closed"
                ),
            )

    def matches(self, value: FactValue) -> bool:
        """Whether the fact ``value`` is a number inside the range."""
        if not _is_number(value):
            return False
        fact = _exactly(value)  # type: ignore[arg-type]
        low, high = _exactly(self.low), _exactly(self.high)
        above = fact >= low if self.low_closed else fact > low
        below = fact <= high if self.high_closed else fact < high
        return above and below

    @property
    def label(self) -> str:
        """The range as a criterion text, e.g. ``[1..5)``."""
        opening = "[" if self.low_closed else "("
        closing = "]" if self.high_closed else ")"
        return f"{opening}{_show(self.low)}..{_show(self.high)}{closing}"

    def _domain(self) -> _Domain:
        low, high = _exactly(self.low), _exactly(self.high)
        return _Domain(intervals=((low, self.low_closed, high, self.high_closed),))


def _to_value_set(value: object) -> object:
    # A bool inside would merge with 1 or 0 in a set; leave the list for the validator.
    if isinstance(value, list | tuple | set | frozenset) and not any(
        isinstance(item, bool) for item in value
    ):
        try:
            return frozenset(value)
        except TypeError:  # an unhashable item: the validator refuses it by name
            return value
    return value


def _one_of_values(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, list | tuple | set | frozenset) or not value:
        raise InvalidArgument(
            attribute.name,
            value,
            "由数和文字组成的非空集合",
            english="a non-empty set of numbers and texts",
        )
    for item in value:
        if isinstance(item, str):
            _check_text_value(attribute.name, item)
        else:
            _check_number(attribute.name, item)


@attrs.frozen(kw_only=True)
class OneOf:
    """A fact equal to one of ``values`` (numbers and texts): ``∈ {投诉, 越级投诉}``.

    Numbers match by value (``2`` matches ``Decimal("2.0")``); texts match exactly.  For
    yes/no use :class:`Is`.

    >>> kinds = OneOf(values={"越级投诉", "投诉"})
    >>> kinds.label, kinds.matches("投诉"), kinds.matches("咨询")
    ('∈ {投诉, 越级投诉}', True, False)
    """

    values: frozenset[Number | str] = attrs.field(converter=_to_value_set, validator=_one_of_values)

    def matches(self, value: FactValue) -> bool:
        """Whether the fact ``value`` is one of the values."""
        if isinstance(value, str):
            return value in self.values
        if not _is_number(value):
            return False
        return value in self.values  # Python's numbers hash and compare exactly by value

    @property
    def label(self) -> str:
        """The set as a criterion text, numbers first (ascending), then texts."""
        ordered = sorted(self.values, key=_key)
        shown = ", ".join(_write_text(v) if isinstance(v, str) else _show(v) for v in ordered)
        return f"∈ {{{shown}}}"

    def _domain(self) -> _Domain:
        numbers = sorted(_exactly(v) for v in self.values if not isinstance(v, str))
        return _Domain(
            intervals=tuple((n, True, n, True) for n in numbers),
            texts=frozenset(v for v in self.values if isinstance(v, str)),
        )


@attrs.frozen(kw_only=True)
class Is:
    """A yes/no fact that is ``value``; written ``true`` or ``false`` (``= true`` is read too).

    Only ``True`` and ``False`` match: ``1`` is a number, not a yes.

    >>> Is(value=True).matches(True), Is(value=True).matches(1), Is(value=False).label
    (True, False, 'false')
    """

    value: bool = attrs.field(validator=_bool_field)

    def matches(self, value: FactValue) -> bool:
        """Whether the fact ``value`` is this yes/no."""
        return isinstance(value, bool) and value is self.value

    @property
    def label(self) -> str:
        """``true`` or ``false``."""
        return "true" if self.value else "false"

    def _domain(self) -> _Domain:
        return _Domain(bools=frozenset({self.value}))


#: One cell of a rule's input side.
Criterion: TypeAlias = Anything | Compare | Between | OneOf | Is
_CRITERIA = (Anything, Compare, Between, OneOf, Is)


def _range(stripped: str) -> tuple[str, str, str, str] | None:
    """``[a..b)`` split into its brackets and ends, or ``None`` if it is not one.

    Read by hand, not by a regular expression: a pattern with two lazy parts backtracks
    quadratically, and a 40 KB criterion took over 20 s.
    """
    if len(stripped) < 2 or stripped[0] not in "[(" or stripped[-1] not in "])":
        return None
    body = stripped[1:-1]
    low, separator, high = body.partition("..")
    if not separator:
        low, separator, high = body.partition(",")
    low, high = low.strip(), high.strip()
    if not separator or not low or not high or any(c.isspace() for c in low + high):
        return None
    return stripped[0], low, high, stripped[-1]


def _split_items(body: str, name: str, cell: str) -> list[str]:
    """The items of a set, split at separators outside quotes; quotes kept for _value.

    Split by the standard library, not char by char: a megabyte set took half a second.
    """
    pieces = body.split('"')
    if len(pieces) % 2 == 0:
        raise InvalidArgument(
            name, cell, '在末尾之前闭合的引号（"）', english='a quote (") closed before the end'
        )
    items: list[str] = []
    current = ""
    for index, piece in enumerate(pieces):
        if index % 2:  # inside quotes: one item's text, whatever it holds
            current += f'"{piece}"'
            continue
        parts = _SEPARATOR.split(piece)
        current += parts[0]
        if len(parts) > 1:
            items.append(current)
            items.extend(parts[1:-1])
            current = parts[-1]
    return [*items, current]


def _value(token: str, name: str, cell: str) -> Number | str | bool:
    """A value token of a criterion: a number, a ``"quoted text"``, a bare text, true/false."""
    token = token.strip()
    if token.startswith('"'):
        inner = token[1:-1]
        if len(token) < 2 or not token.endswith('"') or '"' in inner or not inner.strip():
            raise InvalidArgument(
                name,
                cell,
                '带引号的文字，如 "投诉"，其中不含 "',
                english='a quoted text such as "投诉" with no " inside',
            )
        if inner != inner.strip():
            raise InvalidArgument(
                name,
                cell,
                "首尾没有空格的带引号文字",
                english="a quoted text without surrounding spaces",
            )
        return inner
    number = _read_number(token)
    if number is not None:
        return number
    if token in ("true", "false"):
        return token == "true"
    if token[:1].translate(_WIDE_OPERATOR) in _OPERATOR_STARTS:
        # "= ＞3" or "in >= 3, 5": a mistyped operator, not a text to compare with.
        raise InvalidArgument(
            name,
            cell,
            f'值不以运算符开头；以运算符开头的文字须加引号，如 = "{token}"',
            english=f'a value that does not start with an operator; quote such a text, = "{token}"',
        )
    if not token or token == "-" or _NEEDS_QUOTES & set(token):
        raise InvalidArgument(
            name,
            cell,
            '数、true/false 或文字；含括号、逗号或引号的文字须加引号，如 = "A,B"',
            english=(
                'a number, true/false or a text; quote a text holding brackets, commas or " '
                'marks, e.g. = "A,B"'
            ),
        )
    return token


def parse_criterion(cell: str, *, name: str = "criterion") -> Criterion:
    """Read a criterion from its text form; the whole grammar is:

    ``-``
        anything, unknown facts too (:class:`Anything`)
    ``true``, ``false`` (or ``= true``)
        a yes/no fact (:class:`Is`)
    ``= v``, ``≠ v`` (also ``==``, ``!=``)
        equal or not to ``v``, a number or a text (:class:`Compare`)
    ``< n``, ``≤ n``, ``> n``, ``≥ n`` (also ``<=``, ``>=``)
        compared with a number ``n`` (:class:`Compare`)
    ``[a..b)``, ``(a..b]``, ``[a..b]``, ``(a..b)`` (or ``[a, b)``)
        a range of numbers, square brackets for ends that are in (:class:`Between`)
    ``in a, b, c`` or ``∈ {a, b, c}``
        one of the values, separated by ``,``, ``，`` or ``、`` (:class:`OneOf`)

    ``60以上``, ``60以下``, ``60以内``, ``不低于60``, ``不高于60``, ``超过60``, ``不满60`` …
        a comparison in the law's words (《民法典》第一千二百五十九条: 以上、以下、以内
        include the number; 超过、不满 do not)

    Numbers are written ``3``, ``-2.5`` or ``1/3`` and are read exactly (``2.5`` becomes
    ``Decimal("2.5")``); full-width digits and operators (``＞ ６０``) read as their ASCII
    forms, and a percentage is its exact fraction (``50%`` is ``Decimal("0.5")``).  An
    operator mistyped as ``=>`` is refused, never read as the text ``> 3``.  A text is
    written bare, or in double quotes when it would read as something else (``= "3"``,
    ``in "A,B", C``).  Anything else is refused with
    :class:`InvalidArgument` naming ``name`` and the text.  Each criterion's ``label`` reads
    back as the same criterion.

    >>> parse_criterion(">= 3"), parse_criterion("in 投诉，越级投诉").label
    (Compare(op=<Op.GE: 'ge'>, value=3), '∈ {投诉, 越级投诉}')
    >>> parse_criterion("[1..2.5)").matches(Decimal("2.4"))
    True
    """
    if not isinstance(name, str):
        raise InvalidArgument(
            "name", name, "文字（条件所在列的名称）", english="a str (the column's name)"
        )
    if not isinstance(cell, str):
        raise InvalidArgument(
            name,
            cell,
            "条件文字，如 '>= 3' 或 '-'",
            english="a criterion text such as '>= 3' or '-'",
        )
    stripped = cell.strip()
    if stripped == "-":
        return Anything()
    if stripped in ("true", "false"):
        return Is(value=stripped == "true")
    try:
        return _parse_compound(stripped, name, cell)
    except InvalidArgument as error:
        if error.name == name and error.value == cell:
            raise
        raise InvalidArgument(name, cell, error.expected) from None


#: Bounds written in words, with the operator each means.  《民法典》第一千二百五十九条:
#: 以上、以下、以内 include the number itself; 不满、超过 do not.
_WORDS_BEFORE: tuple[tuple[tuple[str, ...], Op], ...] = (
    (("不低于", "不少于", "不小于", "至少"), Op.GE),
    (("不高于", "不超过", "不多于", "不大于", "至多"), Op.LE),
    (("大于", "超过", "高于", "多于"), Op.GT),
    (("小于", "低于", "少于", "不满", "不足"), Op.LT),
)
_WORDS_AFTER: tuple[tuple[tuple[str, ...], Op], ...] = (
    (("及以上", "以上"), Op.GE),
    (("及以下", "以下", "以内"), Op.LE),
)


def _in_words(stripped: str) -> Compare | None:
    """``60以上``, ``不满60``, ``超过60`` …: a comparison written in words, or ``None``."""
    for words, op in _WORDS_BEFORE:
        for word in words:
            if stripped.startswith(word):
                number = _read_number(stripped[len(word) :].strip())
                return None if number is None else Compare(op=op, value=number)
    for words, op in _WORDS_AFTER:
        for word in words:
            if stripped.endswith(word):
                number = _read_number(stripped[: -len(word)].strip())
                return None if number is None else Compare(op=op, value=number)
    return None


def _parse_compound(stripped: str, name: str, cell: str) -> Criterion:
    worded = _in_words(stripped)
    if worded is not None:
        return worded
    head = stripped[:2].translate(_WIDE_OPERATOR)
    stripped = head + stripped[2:]
    for spelling, op in _OP_SPELLINGS:
        if stripped.startswith(spelling):
            rest = stripped[len(spelling) :].strip()
            if op in (Op.EQ, Op.NE) and rest[:1] in ("<", ">", "=", "!", "≤", "≥", "≠"):
                # "=> 3" is not text to compare with, it is a mistyped ">= 3".
                raise InvalidArgument(
                    name,
                    cell,
                    f"一个运算符：>=、<=、=、!= …（是否要写 {rest[:1]}= …？）",
                    english=f"one operator: >=, <=, =, != … (did you mean {rest[:1]}= …?)",
                )
            value = _value(rest, name, cell)
            if isinstance(value, bool):
                if op is Op.EQ:
                    return Is(value=value)
                raise InvalidArgument(
                    name,
                    cell,
                    "是否用 = true 或 = false；不用 ≠",
                    english="= true or = false for a yes/no; ≠ is not used",
                )
            if isinstance(value, str) and op not in (Op.EQ, Op.NE):
                raise InvalidArgument(
                    name,
                    cell,
                    f"{spelling} 之后的数，如 {spelling} 3",
                    english=f"a number after {spelling}, e.g. {spelling} 3",
                )
            return Compare(op=op, value=value)
    ranged = _range(stripped)
    if ranged:
        opening, low_text, high_text, closing = ranged
        low, high = _read_number(low_text), _read_number(high_text)
        if low is None or high is None:
            raise InvalidArgument(
                name,
                cell,
                "两个数组成的区间，如 [1..5)",
                english="a range of two numbers, e.g. [1..5)",
            )
        return Between(low=low, high=high, low_closed=opening == "[", high_closed=closing == "]")
    body = None
    if stripped.startswith("in") and stripped[2:3].isspace():
        body = stripped[3:]
    elif stripped.startswith("∈"):
        rest = stripped[1:].strip()
        if rest.startswith("{") and rest.endswith("}"):
            body = rest[1:-1]
    if body is not None:
        values = [_value(item, name, cell) for item in _split_items(body, name, cell)]
        if any(isinstance(v, bool) for v in values):
            raise InvalidArgument(
                name,
                cell,
                "集合中只放数和文字；是否用 true 或 false",
                english="numbers and texts in a set; use true or false",
            )
        return OneOf(values=frozenset(values))
    raise InvalidArgument(
        name,
        cell,
        "条件：-、true、false、= v、≠ v、< n、≤ n、> n、≥ n、[a..b)、in a, b",
        english="a criterion: -, true, false, = v, ≠ v, < n, ≤ n, > n, ≥ n, [a..b), in a, b",
    )


def _criterion(cell: object, name: str) -> Criterion:
    """A criterion from what a rule may hold: a criterion, its text, a value or a list."""
    if isinstance(cell, _CRITERIA):
        return cell
    if isinstance(cell, str):
        return parse_criterion(cell, name=name)
    if isinstance(cell, bool):
        return Is(value=cell)
    if _is_number(cell):
        return Compare(op=Op.EQ, value=cell)  # type: ignore[arg-type]
    if isinstance(cell, list | tuple | set | frozenset):
        for item in cell:
            if not isinstance(item, str) and not _is_number(item):
                raise InvalidArgument(
                    name, cell, "由数和文字组成的列表", english="a list of numbers and texts"
                )
        try:
            return OneOf(values=frozenset(cell))
        except InvalidArgument as error:
            raise InvalidArgument(name, cell, error.expected) from None
    raise InvalidArgument(
        name,
        cell,
        "条件：条件文字（'>= 3'、'-'）、数、true/false 或取值的列表",
        english="a criterion: its text ('>= 3', '-'), a number, true/false or a list of values",
    )


# ----------------------------------------------------------------------------- rules


def _to_criteria(value: object) -> object:
    cells: object = to_tuple(value)  # type: ignore[arg-type]
    if not isinstance(cells, tuple):
        return cells
    return tuple(_criterion(cell, f"when[{i}]") for i, cell in enumerate(cells))


def _check_output(name: str, value: object) -> None:
    if isinstance(value, bool) or _is_number(value):
        return
    if isinstance(value, str) and value:
        return
    raise InvalidArgument(
        name,
        value,
        "精确的数（int、Decimal、Fraction；不能是浮点数）、文字或 bool",
        english="an exact number (int, Decimal, Fraction; never a float), a text or a bool",
    )


def _when_field(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        raise InvalidArgument(
            attribute.name,
            value,
            "条件的列表，每个输入一个",
            english="a list of criteria, one per input",
        )


def _then_field(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        raise InvalidArgument(
            attribute.name,
            value,
            "输出的列表，每个输出列一个",
            english="a list of outputs, one per output column",
        )
    for index, item in enumerate(value):
        _check_output(f"{attribute.name}[{index}]", item)


def _annotation_field(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidArgument(
            attribute.name, value, "文字（没有则为空）", english="a text (empty for none)"
        )


@attrs.frozen(kw_only=True)
class DecisionRule:
    """One row of a decision table: a criterion per input, a value per output.

    ``when`` takes criteria or their texts (``">= 1"``, see :func:`parse_criterion`), a
    number (``= n``), ``True``/``False`` or a list of values (one of them).  ``then`` holds
    exact numbers, texts and yes/no values.  ``annotation`` says why (the source's words).

    >>> DecisionRule(when=[">= 1", "-"], then=[2], annotation="每起扣2分").when
    (Compare(op=<Op.GE: 'ge'>, value=1), Anything())
    """

    when: tuple[Criterion, ...] = attrs.field(converter=_to_criteria, validator=_when_field)
    then: tuple[OutputValue, ...] = attrs.field(converter=to_tuple, validator=_then_field)
    annotation: str = attrs.field(default="", validator=_annotation_field)

    def _matches(self, values: tuple[FactValue, ...]) -> bool:
        return all(c.matches(v) for c, v in zip(self.when, values, strict=True))


# ----------------------------------------------------------------------------- policies


class HitPolicy(LabelledEnum):
    """How a table's matching rules become its result (DMN hit policies)."""

    UNIQUE = "unique", "唯一"
    FIRST = "first", "首条"
    PRIORITY = "priority", "优先"
    ANY = "any", "任一"
    COLLECT = "collect", "汇总"


class Aggregation(LabelledEnum):
    """What a ``COLLECT`` table makes of its matching rules' outputs."""

    SUM = "sum", "求和"
    MIN = "min", "最小"
    MAX = "max", "最大"
    COUNT = "count", "计数"


@attrs.frozen(kw_only=True)
class Hit:
    """One result of a decision table.

    ``rules`` are the numbers (1-based, table order) of the rules behind it: one for
    ``UNIQUE``, ``FIRST``, ``PRIORITY`` and a plain ``COLLECT``; every matching rule for
    ``ANY`` (they agree) and an aggregated ``COLLECT``.  ``outputs`` maps each output column
    to its value, ``matched`` each fact those rules looked at (input columns whose criterion
    is not ``-``) to its value, and ``annotations`` holds the rules' non-empty annotations.
    """

    rules: tuple[int, ...]
    outputs: Mapping[str, OutputValue]
    matched: Mapping[str, FactValue]
    annotations: tuple[str, ...] = ()


# ----------------------------------------------------------------------------- the table


def _aggregation_field(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, Aggregation):
        names = ", ".join(f"Aggregation.{m.name}" for m in Aggregation)
        raise InvalidArgument(
            attribute.name, value, f"None 或以下之一：{names}", english=f"None or one of {names}"
        )


def _rules_field(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        raise InvalidArgument(
            attribute.name,
            value,
            "DecisionRule（决策规则）的列表",
            english="a list of DecisionRule",
        )
    for index, item in enumerate(value):
        if not isinstance(item, DecisionRule):
            raise InvalidArgument(
                f"rules[{index}]", item, "DecisionRule（决策规则）", english="a DecisionRule"
            )


def _to_priorities(value: object) -> object:
    if not isinstance(value, Mapping):
        return value
    return MappingProxyType({k: to_tuple(v) for k, v in value.items()})


def _priorities_field(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Mapping):
        raise InvalidArgument(
            attribute.name,
            value,
            "None 或输出列到取值的映射（取值按优先顺序排列）",
            english="None or a mapping of output columns to values, best first",
        )
    for column, ordered in value.items():
        if not isinstance(column, str) or not isinstance(ordered, tuple):
            raise InvalidArgument(
                attribute.name,
                value,
                "输出列名到取值列表的映射",
                english="a mapping of output column names to lists of values",
            )
        for index, item in enumerate(ordered):
            _check_output(f"priorities[{shown(column)}][{index}]", item)


@attrs.frozen(kw_only=True)
class DecisionTable:
    """Rules over facts, evaluated by a hit policy; checked in full when built.

    ``inputs`` names the facts the rules look at, ``outputs`` the output columns; each rule
    has a criterion per input and a value per output.  The hit policies:

    ``UNIQUE``
        at most one rule matches any facts; rules that overlap are refused here.
    ``FIRST``
        the first matching rule in table order.
    ``PRIORITY``
        the matching rule whose outputs come first in ``priorities`` (per output column,
        the values best first, DMN style; earlier columns decide first, then table order).
    ``ANY``
        matching rules must agree: overlapping rules with different outputs are refused
        here; the hit lists every matching rule.
    ``COLLECT``
        every matching rule, one hit each in table order; or with ``aggregation``, one hit
        holding the ``SUM``, ``MIN``, ``MAX`` (numbers only) or ``COUNT``.  An aggregation
        needs exactly one output column, as in DMN.

    When no rule matches the result is ``()``, whatever the policy: ``COUNT`` and ``SUM``
    too, so "no hit" always reads the same.  A ``SUM`` of ints is an int, of ints and
    Decimals an exact Decimal, and a Fraction otherwise.

    Every defect is reported at once in :class:`InvalidDefinition`: duplicate columns, rules
    of the wrong width, an aggregation or priorities that do not fit the policy, outputs
    that are not numbers under ``SUM``, ``MIN`` or ``MAX``, and for ``UNIQUE`` and ``ANY``
    every pair of overlapping rules, with ``involved`` holding the two rule numbers and facts
    on which both match.

    >>> DecisionTable(
    ...     name="重复投诉",
    ...     inputs=["repeats"],
    ...     outputs=["sanction"],
    ...     rules=[
    ...         DecisionRule(when=[">= 2"], then=["通报批评"]),
    ...         DecisionRule(when=[">= 1"], then=["约谈"]),
    ...     ],
    ...     hit_policy=HitPolicy.UNIQUE,
    ... )
    Traceback (most recent call last):
    ...
    xingfeng.exceptions.InvalidDefinition: [invalid-definition] 决策表 '重复投诉' 定义有误（1 处）：
      - 第 1 条与第 2 条规则重叠（UNIQUE 只许命中一条）：repeats = 2 时两条都命中
    """

    name: str = attrs.field(validator=text)
    inputs: tuple[str, ...] = attrs.field(converter=to_tuple, validator=texts)
    outputs: tuple[str, ...] = attrs.field(converter=to_tuple, validator=texts)
    rules: tuple[DecisionRule, ...] = attrs.field(converter=to_tuple, validator=_rules_field)
    hit_policy: HitPolicy = attrs.field(validator=member_of(HitPolicy))
    aggregation: Aggregation | None = attrs.field(default=None, validator=_aggregation_field)
    priorities: Mapping[str, tuple[OutputValue, ...]] | None = attrs.field(
        default=None, converter=_to_priorities, validator=_priorities_field
    )

    def __attrs_post_init__(self) -> None:
        defects = [*self._shape_defects(), *self._policy_defects()]
        if not defects:
            defects = self._overlap_defects()
        if defects:
            raise InvalidDefinition(
                f"决策表 {shown(self.name)}", defects, english=f"decision table {shown(self.name)}"
            )

    # -- checks

    def _shape_defects(self) -> list[Defect]:
        defects: list[Defect] = []
        for kind, names in (("input", self.inputs), ("output", self.outputs)):
            counts = Counter(names)  # names.count per name was quadratic
            repeated = sorted(n for n, times in counts.items() if times > 1)
            if repeated:
                defects.append(
                    Defect(
                        f"{'输入' if kind == 'input' else '输出'}列重复：{'、'.join(repeated)}",
                        (kind,),
                        english=f"{kind} columns appear more than once: {', '.join(repeated)}",
                    )
                )
        if not self.outputs:
            defects.append(
                Defect(
                    "决策表至少要有一个输出列", english="a table needs at least one output column"
                )
            )
        if not self.rules:
            defects.append(
                Defect("决策表至少要有一条规则", english="a table needs at least one rule")
            )
        for number, rule in enumerate(self.rules, start=1):
            if len(rule.when) != len(self.inputs):
                defects.append(
                    Defect(
                        f"第 {number} 条规则有 {len(rule.when)} 个条件，而输入有 "
                        f"{len(self.inputs)} 个（{'、'.join(self.inputs) or '无'}）",
                        (number,),
                        english=(
                            f"rule {number} has {len(rule.when)} criteria for "
                            f"{len(self.inputs)} inputs ({', '.join(self.inputs) or 'none'})"
                        ),
                    )
                )
            if len(rule.then) != len(self.outputs):
                defects.append(
                    Defect(
                        f"第 {number} 条规则有 {len(rule.then)} 个输出，而输出列有 "
                        f"{len(self.outputs)} 个（{'、'.join(self.outputs)}）",
                        (number,),
                        english=(
                            f"rule {number} has {len(rule.then)} outputs for "
                            f"{len(self.outputs)} output columns ({', '.join(self.outputs)})"
                        ),
                    )
                )
        return defects

    def _policy_defects(self) -> list[Defect]:
        defects: list[Defect] = []
        policy, aggregation = self.hit_policy, self.aggregation
        if aggregation is not None and policy is not HitPolicy.COLLECT:
            defects.append(
                Defect(
                    f"汇总方式 {aggregation.name} 须用命中策略 COLLECT，而不是 {policy.name}",
                    english=(
                        f"aggregation {aggregation.name} needs hit policy COLLECT, not "
                        f"{policy.name}"
                    ),
                )
            )
        if aggregation is not None and len(self.outputs) != 1:
            defects.append(
                Defect(
                    f"汇总方式 {aggregation.name} 须恰有一个输出列，而不是 {len(self.outputs)} 个",
                    english=(
                        f"aggregation {aggregation.name} needs exactly one output column, "
                        f"not {len(self.outputs)}"
                    ),
                )
            )
        if aggregation in (Aggregation.SUM, Aggregation.MIN, Aggregation.MAX):
            for number, rule in enumerate(self.rules, start=1):
                for column, value in zip(self.outputs, rule.then, strict=False):
                    if not _is_number(value):
                        defects.append(
                            Defect(
                                f"第 {number} 条规则的输出 {column}：{shown(value)} 不是数，而 "
                                f"{aggregation.name} 须用数",
                                (number, column),
                                english=(
                                    f"rule {number}, output {column}: {shown(value)} "
                                    "is not a number, "
                                    f"and {aggregation.name} needs numbers"
                                ),
                            )
                        )
        if policy is HitPolicy.PRIORITY and not self.priorities:
            defects.append(
                Defect(
                    "命中策略 PRIORITY 须给出 priorities：按优先顺序排列的输出取值",
                    english="hit policy PRIORITY needs priorities: output values, best first",
                )
            )
        if self.priorities is not None and policy is not HitPolicy.PRIORITY:
            defects.append(
                Defect(
                    f"priorities 只用于 PRIORITY，不用于 {policy.name}",
                    english=f"priorities are only used by PRIORITY, not {policy.name}",
                )
            )
        if self.priorities:
            defects.extend(self._priority_defects(self.priorities))
        return defects

    def _priority_defects(self, priorities: Mapping[str, tuple[OutputValue, ...]]) -> list[Defect]:
        defects: list[Defect] = []
        for column, ordered in priorities.items():
            if column not in self.outputs:
                defects.append(
                    Defect(
                        f"priorities 中的 {shown(column)} 不是输出列",
                        (column,),
                        english=f"priorities name {shown(column)}, which is not an output column",
                    )
                )
                continue
            keys = [_key(v) for v in ordered]
            if not ordered or len(set(keys)) != len(keys):
                defects.append(
                    Defect(
                        f"{column} 的 priorities 须为各不相同的取值列表",
                        (column,),
                        english=f"priorities of {column}: a list of distinct values",
                    )
                )
            position = self.outputs.index(column)
            for number, rule in enumerate(self.rules, start=1):
                if position < len(rule.then) and _key(rule.then[position]) not in keys:
                    defects.append(
                        Defect(
                            f"第 {number} 条规则的输出 {column}：{shown(rule.then[position])} 不在 "
                            "priorities 之中",
                            (number, column),
                            english=(
                                f"rule {number}, output {column}: "
                                f"{shown(rule.then[position])} is not "
                                "among the priorities"
                            ),
                        )
                    )
        return defects

    def _overlap_defects(self) -> list[Defect]:
        if self.hit_policy not in (HitPolicy.UNIQUE, HitPolicy.ANY):
            return []
        defects: list[Defect] = []
        domains = [[c._domain() for c in rule.when] for rule in self.rules]
        for first in range(len(self.rules)):
            for second in range(first + 1, len(self.rules)):
                if self.hit_policy is HitPolicy.ANY and _agree(
                    self.rules[first].then, self.rules[second].then
                ):
                    continue
                witness = self._witness(domains[first], domains[second])
                if witness is None:
                    continue
                pair = f"rules {first + 1} and {second + 1}"
                pair_zh = f"第 {first + 1} 条与第 {second + 1} 条规则"
                if self.hit_policy is HitPolicy.UNIQUE:
                    why = "overlap (UNIQUE allows one match)"
                    why_zh = "重叠（UNIQUE 只许命中一条）"
                else:
                    why = "overlap with different outputs (ANY needs matching rules to agree)"
                    why_zh = "重叠而输出不同（ANY 要求同时命中的规则输出一致）"
                shown = ", ".join(f"{k} = {_show_fact(v)}" for k, v in witness.items())
                defects.append(
                    Defect(
                        f"{pair_zh}{why_zh}："
                        + (f"{shown} 时两条都命中" if shown else "任何事实下两条都命中"),
                        (first + 1, second + 1, MappingProxyType(witness)),
                        english=f"{pair} {why}: both match {shown or 'any facts'}",
                    )
                )
        return defects

    def _witness(self, first: list[_Domain], second: list[_Domain]) -> dict[str, FactValue] | None:
        facts: dict[str, FactValue] = {}
        everything = Anything()._domain()
        for column, a, b in zip(self.inputs, first, second, strict=True):
            common = _shared(a, b)
            if not common:
                return None
            if a != everything or b != everything:
                facts[column] = common[0]
        return facts

    # -- evaluation

    def evaluate(self, facts: Mapping[str, FactValue]) -> tuple[Hit, ...]:
        """The table's hits for ``facts``, by its hit policy; ``()`` when no rule matches.

        ``facts`` needs a value for every input (``None`` when unknown: only ``-`` matches
        it); other entries are ignored, and their order never matters.  A missing input or a
        value that is not a :data:`FactValue` (a float, say) is refused with
        :class:`InvalidArgument` naming the table.
        """
        values = self._values(facts)
        matching = [i for i, rule in enumerate(self.rules) if rule._matches(values)]
        if not matching:
            return ()
        policy = self.hit_policy
        if policy is HitPolicy.UNIQUE and len(matching) > 1:
            # The overlap check makes this unreachable; if it is reached, never pick one.
            numbers = ", ".join(str(i + 1) for i in matching)
            raise InvalidDefinition(
                f"决策表 {shown(self.name)}",
                [
                    Defect(
                        f"第 {numbers} 条规则同时命中；UNIQUE 只许命中一条",
                        tuple(matching),
                        english=f"rules {numbers} all match; UNIQUE allows one",
                    )
                ],
                english=f"decision table {shown(self.name)}",
            )
        if policy is HitPolicy.PRIORITY:
            matching = [min(matching, key=self._priority_rank)]
        if policy is HitPolicy.COLLECT and self.aggregation is None:
            return tuple(self._hit([i], values, self.rules[i].then) for i in matching)
        if policy is HitPolicy.COLLECT:
            return (self._hit(matching, values, (self._aggregate(matching),)),)
        if policy is HitPolicy.FIRST:
            matching = matching[:1]
        return (self._hit(matching, values, self.rules[matching[0]].then),)

    def _values(self, facts: Mapping[str, FactValue]) -> tuple[FactValue, ...]:
        if not isinstance(facts, Mapping):
            raise InvalidArgument(
                "facts", facts, "事实名称到取值的映射", english="a mapping of fact names to values"
            )
        missing = tuple(name for name in self.inputs if name not in facts)
        if missing:
            raise InvalidArgument(
                "facts",
                missing,
                f"决策表 {shown(self.name)} 每个输入都有取值（未知时为 None）；缺少："
                f"{'、'.join(missing)}",
                english=(
                    f"a value for every input of decision table {shown(self.name)} "
                    f"(None when unknown); missing: {', '.join(missing)}"
                ),
            )
        values = tuple(facts[name] for name in self.inputs)
        for name, value in zip(self.inputs, values, strict=True):
            if not is_fact_value(value):
                raise InvalidArgument(
                    f"facts[{shown(name)}]",
                    value,
                    f"决策表 {shown(self.name)} 的事实：精确的数（int、Decimal、Fraction；"
                    "不能是浮点数）、文字、bool 或 None",
                    english=(
                        f"for decision table {shown(self.name)}, an exact number (int, Decimal, "
                        "Fraction; never a float), a text, a bool or None"
                    ),
                )
        return values

    def _priority_rank(self, index: int) -> tuple[int, ...]:
        assert self.priorities is not None
        rule = self.rules[index]
        ranks = [
            [_key(v) for v in self.priorities[column]].index(_key(value))
            for column, value in zip(self.outputs, rule.then, strict=True)
            if column in self.priorities
        ]
        return (*ranks, index)

    def _aggregate(self, matching: list[int]) -> OutputValue:
        outputs = [self.rules[i].then[0] for i in matching]
        if self.aggregation is Aggregation.COUNT:
            return len(outputs)
        numbers: list[Number] = [v for v in outputs if _is_number(v)]  # type: ignore[misc]
        if self.aggregation is Aggregation.MIN:
            return min(numbers, key=_exactly)
        if self.aggregation is Aggregation.MAX:
            return max(numbers, key=_exactly)
        return _exact_sum(numbers)

    def _hit(
        self, indexes: list[int], values: tuple[FactValue, ...], outputs: tuple[OutputValue, ...]
    ) -> Hit:
        looked = [
            column
            for position, column in enumerate(self.inputs)
            if any(not isinstance(self.rules[i].when[position], Anything) for i in indexes)
        ]
        by_column = dict(zip(self.inputs, values, strict=True))
        return Hit(
            rules=tuple(i + 1 for i in indexes),
            outputs=MappingProxyType(dict(zip(self.outputs, outputs, strict=True))),
            matched=MappingProxyType({column: by_column[column] for column in looked}),
            annotations=tuple(a for i in indexes if (a := self.rules[i].annotation)),
        )

    # -- plain data

    def to_dict(self) -> dict[str, object]:
        """The table as plain JSON-ready data, read back by :meth:`from_dict`.

        Criteria are written as their labels, numbers that are not ints as strings
        (``"2.5"``, ``"1/3"``), and a text output that would read as a number, or that is
        itself in double quotes, inside double quotes.
        """
        data: dict[str, object] = {
            "name": self.name,
            "hit_policy": self.hit_policy.value,
            "inputs": list(self.inputs),
            "outputs": list(self.outputs),
            "rules": [
                {
                    "when": [c.label for c in rule.when],
                    "then": [_write_output(v) for v in rule.then],
                    **({"annotation": rule.annotation} if rule.annotation else {}),
                }
                for rule in self.rules
            ],
        }
        if self.aggregation is not None:
            data["aggregation"] = self.aggregation.value
        if self.priorities is not None:
            data["priorities"] = {
                column: [_write_output(v) for v in ordered]
                for column, ordered in self.priorities.items()
            }
        return data

    @classmethod
    def from_dict(cls, data: object) -> DecisionTable:
        """Build a table from plain data, such as parsed JSON; nothing in it is run as code.

        The keys are ``name``, ``hit_policy``, ``inputs``, ``outputs``, ``rules`` (each a
        mapping with ``when``, ``then`` and optionally ``annotation``), and optionally
        ``aggregation`` and ``priorities``.  Policies and aggregations are their values or
        names (``"collect"`` or ``"COLLECT"``).  A ``when`` cell is a criterion text, a
        number, true/false or a list of values; a ``then`` cell an int, a number as a string
        (``"2.5"``: JSON floats are not exact and are refused), true/false, or a text (in
        double quotes if it would read as a number).

        Malformed data raises :class:`LoadError` listing every problem by JSON path, with
        the table's name, the rule's number and the column (``$.rules[2].when[0]``: rule 3,
        column ``verified_escalated_complaints``); a well-formed but inconsistent table
        raises :class:`InvalidDefinition` as the constructor does.

        >>> table = DecisionTable.from_dict({
        ...     "name": "越级投诉扣分", "hit_policy": "COLLECT", "aggregation": "SUM",
        ...     "inputs": ["verified_escalated_complaints"], "outputs": ["deduction"],
        ...     "rules": [{"when": [">= 1"], "then": ["2.5"], "annotation": "每起扣2.5分"}],
        ... })
        >>> table.evaluate({"verified_escalated_complaints": 1})[0].outputs["deduction"]
        Decimal('2.5')
        >>> DecisionTable.from_dict(table.to_dict()) == table
        True
        """
        return _Loader(data).table()


def _agree(first: tuple[OutputValue, ...], second: tuple[OutputValue, ...]) -> bool:
    return [_key(v) for v in first] == [_key(v) for v in second]


def _show_fact(value: FactValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "unknown"
    if isinstance(value, str):
        return value
    return _show(value)


def _exact_sum(numbers: list[Number]) -> Number:
    total = sum((_exactly(n) for n in numbers), Fraction(0))
    if all(isinstance(n, int) for n in numbers):
        return int(total)
    if not all(isinstance(n, int | Decimal) for n in numbers):
        return total
    # Like Decimal addition, but never rounded: the smallest exponent of the terms.
    exponent = min(min(n.as_tuple().exponent for n in numbers if isinstance(n, Decimal)), 0)
    assert isinstance(exponent, int)  # finite Decimals only
    digits = total * 10**-exponent
    assert digits.denominator == 1
    sign = 1 if digits < 0 else 0
    return Decimal((sign, tuple(int(d) for d in str(abs(digits.numerator))), exponent))


def _write_output(value: OutputValue) -> object:
    if isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        quoted = len(value) >= 2 and value.startswith('"') and value.endswith('"')
        return f'"{value}"' if quoted or _read_number(value) is not None else value
    return _show(value)


# ----------------------------------------------------------------------------- loading

_REQUIRED = ("name", "hit_policy", "inputs", "outputs", "rules")
_OPTIONAL = ("aggregation", "priorities")


class _Loader:
    """Reads a table from plain data, collecting every (path, reason) before giving up."""

    def __init__(self, data: object) -> None:
        self.data = data
        self.errors: list[tuple[str, str]] = []
        self.table_name = "决策表"

    def fail(self, path: str, reason: str) -> None:
        # Fifty are enough to correct; a list of 200,000 bad names would take seconds.
        if len(self.errors) < 50:
            self.errors.append((path, reason))
        elif len(self.errors) == 50:
            self.errors.append(("$", "另有更多错误，未一一列出"))

    def table(self) -> DecisionTable:
        data = self.data
        if not isinstance(data, Mapping):
            raise LoadError(self.table_name, [("$", "决策表须为 JSON 对象")])
        name = data.get("name")
        if isinstance(name, str) and name.strip():
            self.table_name = f"决策表 {name!r}"
        for key in data:
            if key not in _REQUIRED + _OPTIONAL:
                self.fail(f"$.{key}", "不认识的字段：请删去或检查拼写")
        for key in _REQUIRED:
            if key not in data:
                self.fail(f"$.{key}", "缺少必填字段")
        if not (isinstance(name, str) and name.strip()) and "name" in data:
            self.fail("$.name", f"{name!r} 不是名称：应为非空文字")
        policy = None
        if "hit_policy" in data:
            policy = self.member(HitPolicy, data["hit_policy"], "$.hit_policy")
        aggregation = None
        if data.get("aggregation") is not None:
            aggregation = self.member(Aggregation, data["aggregation"], "$.aggregation")
        inputs = self.names(data.get("inputs"), "$.inputs")
        outputs = self.names(data.get("outputs"), "$.outputs")
        rules = self.rules(data.get("rules"), inputs)
        priorities = self.priorities(data.get("priorities"))
        if self.errors:
            raise LoadError(self.table_name, self.errors)
        try:
            return DecisionTable(
                name=name,  # type: ignore[arg-type]
                inputs=inputs,
                outputs=outputs,
                rules=rules,
                hit_policy=policy,  # type: ignore[arg-type]
                aggregation=aggregation,  # type: ignore[arg-type]
                priorities=priorities,
            )
        except InvalidArgument as error:  # the checks above should leave none of these
            raise LoadError(self.table_name, [("$", error.message)]) from None

    def member(self, kind: type[enum.Enum], value: object, path: str) -> object:
        # A member is written by its name (FIRST), its value (first) or its Chinese label
        # (首条): the label the documents print reads back.
        for member in kind:
            spellings = (member.value, member.name, getattr(member, "label", None))
            if isinstance(value, str) and value in spellings:
                return member
        names = ", ".join(f"{m.name} ({getattr(m, 'label', m.value)})" for m in kind)
        accepted = [s for m in kind for s in (m.name, getattr(m, "label", m.name))]
        hint = did_you_mean(value, accepted)
        self.fail(path, f"{_brief(value)} 不被接受：应为以下之一：{names}{hint}")
        return None

    def names(self, value: object, path: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list | tuple):
            self.fail(path, f"{_brief(value)} 不是名称的列表")
            return ()
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{path}[{index}]", f"{_brief(item)} 不是非空的名称")
        return tuple(item if isinstance(item, str) else "?" for item in value)

    def rules(self, value: object, inputs: tuple[str, ...]) -> tuple[DecisionRule, ...]:
        if value is None:
            return ()
        if not isinstance(value, list | tuple):
            self.fail("$.rules", f"{_brief(value)} 不是规则的列表")
            return ()
        return tuple(
            rule
            for index, item in enumerate(value)
            if (rule := self.rule(item, index, inputs)) is not None
        )

    def rule(self, item: object, index: int, inputs: tuple[str, ...]) -> DecisionRule | None:
        path, number = f"$.rules[{index}]", index + 1
        if not isinstance(item, Mapping):
            self.fail(path, f"第 {number} 条规则：{_brief(item)} 不是含 when 和 then 的对象")
            return None
        failed = len(self.errors)
        for key in item:
            if key not in ("when", "then", "annotation"):
                self.fail(f"{path}.{key}", f"第 {number} 条规则：不认识的字段 {_brief(key)}")
        for key in ("when", "then"):
            if not isinstance(item.get(key), list | tuple):
                self.fail(f"{path}.{key}", f"第 {number} 条规则：{key} 须为列表")
        annotation = item.get("annotation", "")
        if not isinstance(annotation, str):
            self.fail(f"{path}.annotation", f"第 {number} 条规则：annotation（注释）须为文字")
        when: list[Criterion] = []
        cells = _listed(item.get("when"))
        if inputs and len(cells) != len(inputs):
            # Said once, before reading any cell: 150,000 cells of a two-input table would
            # otherwise each be parsed.
            self.fail(
                f"{path}.when",
                f"第 {number} 条规则：when 有 {len(cells)} 格，"
                f"应为 {len(inputs)} 格（每个输入一格）",
            )
            cells = []
        for column, cell in enumerate(cells):
            label = inputs[column] if column < len(inputs) else f"#{column + 1}"
            try:
                when.append(_criterion(cell, label))
            except InvalidArgument as error:
                self.fail(
                    f"{path}.when[{column}]",
                    spaced(
                        f"第 {number} 条规则的 {label} 列：{_brief(cell)} 不被接受：应为",
                        error.expected,
                    ),
                )
        then = [
            self.output(
                cell, f"{path}.then[{column}]", f"第 {number} 条规则的第 {column + 1} 个输出"
            )
            for column, cell in enumerate(_listed(item.get("then")))
        ]
        if len(self.errors) > failed:
            return None
        return DecisionRule(when=when, then=then, annotation=annotation)

    def output(self, cell: object, path: str, where: str) -> OutputValue:
        if isinstance(cell, bool) or _is_number(cell):
            return cell  # type: ignore[return-value]
        if isinstance(cell, str) and cell:
            if len(cell) >= 2 and cell.startswith('"') and cell.endswith('"'):
                return cell[1:-1] or cell
            number = _read_number(cell)
            return cell if number is None else number
        if isinstance(cell, float):
            reason = f"{cell!r} 是二进制浮点数，不精确：请写成文字，如 '2.5'"
        else:
            reason = f"{_brief(cell)} 不是 int、数字文字（'2.5'）、文字或 bool"
        self.fail(path, f"{where}：{reason}")
        return 0

    def priorities(self, value: object) -> dict[str, tuple[OutputValue, ...]] | None:
        if value is None:
            return None
        if not isinstance(value, Mapping):
            self.fail("$.priorities", "priorities 须为输出列到取值列表的映射")
            return None
        result: dict[str, tuple[OutputValue, ...]] = {}
        for column, ordered in value.items():
            path = f"$.priorities.{column}"
            if not isinstance(column, str) or not isinstance(ordered, list | tuple):
                self.fail(path, "priorities 须为输出列到取值列表的映射")
                continue
            result[column] = tuple(
                self.output(cell, f"{path}[{i}]", f"priority {i + 1} of {column}")
                for i, cell in enumerate(ordered)
            )
        return result


def _listed(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else []


def _brief(value: object) -> str:
    """``repr`` cut short: fuzzed or pasted data can be huge."""
    try:
        shown = json.dumps(value, ensure_ascii=False, default=repr)
    except (TypeError, ValueError, RecursionError):
        shown = object.__repr__(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


# A decision table is written as the rule data users write (criteria as text).
register_codec(DecisionTable, DecisionTable.to_dict, DecisionTable.from_dict)
