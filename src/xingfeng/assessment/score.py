"""Scores that explain themselves: the exact value and every step that produced it.

A :class:`Score` keeps its value as an exact ``Fraction``.  Rounding happens once, when it
is shown, by 四舍五入 (``ROUND_HALF_UP``).  Its ``steps`` are data: each names what was
computed, its exact value, its weight in the step above and a readable note, with the
parts it was made of.  :meth:`Score.explain` prints them in Chinese.

>>> from fractions import Fraction
>>> score = Score(
...     target="市供电公司",
...     name="问卷调查",
...     value=Fraction(1883, 25),
...     out_of=Fraction(80),
...     steps=(Step(label="总体评价", value=Fraction(1883, 20), note="平均分"),),
... )
>>> score.rounded()
Decimal('75.32')
>>> print(score.explain())
市供电公司 问卷调查：75.32（满分80；四舍五入保留2位小数）
  总体评价：94.15 —— 平均分
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from xingfeng._checks import instance_of, items_of, text, to_tuple
from xingfeng.exceptions import InvalidArgument
from xingfeng.rounding import display, plain

__all__ = ["Score", "Step"]


@attrs.frozen(kw_only=True)
class Step:
    """One line of an explanation.

    ``value`` is exact; ``weight``, when set, is this step's share in the step above;
    ``note`` says in words what went in; ``parts`` are the steps it was made of.
    """

    label: str = attrs.field(validator=text)
    value: Fraction = attrs.field(validator=instance_of(Fraction))
    weight: Fraction | None = None
    note: str = attrs.field(default="", validator=instance_of(str))
    parts: tuple[Step, ...] = attrs.field(default=(), converter=to_tuple)

    def __attrs_post_init__(self) -> None:
        if self.weight is not None and not isinstance(self.weight, Fraction):
            raise InvalidArgument(
                "weight", self.weight, "None 或精确的 Fraction", english="None or an exact Fraction"
            )
        items_of(Step)(self, attrs.fields(Step).parts, self.parts)

    def lines(self, places: int = 2, depth: int = 1) -> list[str]:
        """This step and its parts as indented Chinese lines."""
        weight = f"（权重{_percent(self.weight)}）" if self.weight is not None else ""
        note = f" —— {self.note}" if self.note else ""
        lines = [f"{'  ' * depth}{self.label}{weight}：{display(self.value, places)}{note}"]
        for part in self.parts:
            lines.extend(part.lines(places, depth + 1))
        return lines


def _percent(share: Fraction) -> str:
    return f"{plain(share * 100)}%"


@attrs.frozen(kw_only=True)
class Score:
    """A target's exact score out of ``out_of``, with the steps that produced it.

    ``vetoed_by`` names the vetoes (一票否决) that fired: the score is kept for the record,
    but a vetoed target gets the lowest grade whatever its score.
    """

    target: str = attrs.field(validator=text)
    name: str = attrs.field(validator=text)
    value: Fraction = attrs.field(validator=instance_of(Fraction))
    out_of: Fraction = attrs.field(validator=instance_of(Fraction))
    steps: tuple[Step, ...] = attrs.field(default=(), converter=to_tuple, validator=items_of(Step))
    vetoed_by: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(str)
    )

    def __attrs_post_init__(self) -> None:
        if self.out_of <= 0:
            raise InvalidArgument(
                "out_of", self.out_of, "大于 0 的满分", english="full marks above 0"
            )

    @property
    def vetoed(self) -> bool:
        """Whether a veto (一票否决) fired."""
        return bool(self.vetoed_by)

    def rounded(self, places: int = 2) -> Decimal:
        """The score for display: 四舍五入 to ``places`` decimals, from the exact value."""
        return display(self.value, places)

    def explain(self, places: int = 2) -> str:
        """The score and every step behind it, as readable Chinese text."""
        head = (
            f"{self.target} {self.name}：{self.rounded(places)}"
            f"（满分{plain(self.out_of)}；四舍五入保留{places}位小数）"
        )
        lines = [head]
        if self.vetoed_by:
            lines.append(f"  一票否决：{'、'.join(self.vetoed_by)}，评定为最低等次，不论得分")
        for step in self.steps:
            lines.extend(step.lines(places))
        return "\n".join(lines)
