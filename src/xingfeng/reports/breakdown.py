"""Breakdowns that must add up (R20): a total and its parts, checked at every level.

Reports state a total and then break it down: by source, by channel, by category.  The
sources themselves get this wrong.  Seed 000 merges opinions into 8 items, "2 from raters,
2 from supervisors, 3 from user organisations" (7); seed 002 counts 47 + 24 = 71 complaints,
then 74 by category.  :func:`check_breakdown` finds every such mismatch, however deeply the
parts nest, and names the figures involved.  Numbers are compared exactly (int, ``Decimal``
or ``Fraction``; never float).

>>> [found] = check_breakdown(8, {"评议代表": 2, "行风监督员": 2, "用户单位": 3}, name="归类意见")
>>> print(found)
归类意见：合计 8，各项之和 评议代表 2 + 行风监督员 2 + 用户单位 3 = 7（相差 -1）
>>> found.difference
Fraction(-1, 1)
>>> print(check_breakdown(71, {"行风办受理": 47, "95598受理": 24}, name="客户投诉"))
()
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import attrs

from xingfeng._checks import exact, text
from xingfeng.exceptions import InvalidArgument
from xingfeng.rounding import Number, terminating
from xingfeng.serialization import register_structure, structure

__all__ = ["Breakdown", "Mismatch", "check_breakdown"]


def _figure(name: str, value: object) -> Number:
    exact(name, value)  # refuses floats, bools, NaN, anything not a number
    return value  # type: ignore[return-value]


def _to_parts(value: object) -> object:
    if not isinstance(value, Mapping):
        return value  # the validator refuses it by name
    return MappingProxyType(dict(value))


def _parts(instance: Breakdown, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Mapping) or not value:
        raise InvalidArgument(
            f"{instance.name}.parts",
            value,
            "分项名称到数字的非空映射",
            english="a non-empty mapping of part names to figures",
        )
    for key, part in value.items():
        if not isinstance(key, str) or not key.strip():
            raise InvalidArgument(
                f"{instance.name}.parts",
                key,
                "每个分项都有非空的名称",
                english="a non-empty name for each part",
            )
        if not isinstance(part, Breakdown):
            _figure(f"{instance.name}.parts[{key!r}]", part)


def _total(instance: Breakdown, attribute: attrs.Attribute[Any], value: object) -> None:
    _figure(f"{instance.name}.total", value)


@attrs.frozen(kw_only=True)
class Mismatch:
    """A total that its parts do not add up to, with every figure involved.

    ``path`` names the total from the outermost breakdown down; ``parts`` are the parts'
    figures as stated (a nested part by its own total); ``sum`` is what they add up to.
    """

    path: tuple[str, ...]
    total: Number
    parts: tuple[tuple[str, Number], ...]
    sum: Number

    @property
    def difference(self) -> Fraction:
        """How far the parts are off the total, exactly: ``sum - total``."""
        return Fraction(self.sum) - Fraction(self.total)

    def __str__(self) -> str:
        terms = " + ".join(f"{name} {value}" for name, value in self.parts)
        off = self.difference
        sign = "+" if off > 0 else ""
        return (
            f"{' / '.join(self.path)}：合计 {self.total}，各项之和 {terms} = {self.sum}"
            f"（相差 {sign}{off}）"
        )


@attrs.frozen(kw_only=True)
class Breakdown:
    """A total and its parts; a part is a figure or a :class:`Breakdown` of its own.

    A nested breakdown counts towards its parent with its stated ``total``, so a wrong
    subtotal shows up twice: against its own parts and, if it differs, never hidden by them.
    """

    name: str = attrs.field(validator=text)
    total: Number = attrs.field(validator=_total)
    parts: Mapping[str, Number | Breakdown] = attrs.field(
        converter=_to_parts, validator=_parts, hash=False
    )

    def mismatches(self) -> tuple[Mismatch, ...]:
        """Every total, at any depth, that its parts do not add up to: outermost first."""
        return tuple(self._walk(()))

    def _walk(self, above: tuple[str, ...]) -> list[Mismatch]:
        path = (*above, self.name)
        stated = tuple(
            (key, part.total if isinstance(part, Breakdown) else part)
            for key, part in self.parts.items()
        )
        exact_sum = _exact_sum(value for _, value in stated)
        found = []
        if exact_sum != self.total:
            found.append(
                Mismatch(path=path, total=self.total, parts=stated, sum=_as_stated(exact_sum))
            )
        for part in self.parts.values():
            if isinstance(part, Breakdown):
                found.extend(part._walk(path))
        return found


def _exact_sum(values: Iterable[Number]) -> Fraction:
    # Whole numbers add as ints (most figures are counts); only the rest go through Fraction.
    whole, rest = 0, Fraction(0)
    for value in values:
        if type(value) is int:
            whole += value
        else:
            rest += Fraction(value)
    return rest + whole


def _as_stated(value: Fraction) -> Number:
    # Show a sum as the figures were written: a whole number as an int, a decimal as Decimal.
    if value.denominator == 1:
        return int(value)
    shown = terminating(value)
    return value if shown is None else shown


def check_breakdown(
    total: Number, parts: Mapping[str, Number | Breakdown], *, name: str = "合计"
) -> tuple[Mismatch, ...]:
    """Every mismatch between ``total`` and ``parts`` (nested :class:`Breakdown` parts too).

    An empty tuple means everything adds up.  Invalid figures (floats, negative names, an
    empty breakdown) raise :class:`~xingfeng.exceptions.InvalidArgument` naming the figure.
    """
    return Breakdown(name=name, total=total, parts=parts).mismatches()


def _load_part(value: object) -> Number | Breakdown:
    # A part is a nested breakdown (an object) or a figure.
    if isinstance(value, dict):
        return structure(value, Breakdown)
    return structure(value, Number)  # type: ignore[arg-type]  # a union alias


register_structure(lambda t: t == Number | Breakdown, _load_part)
