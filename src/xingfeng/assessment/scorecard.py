"""Scorecards (考评细则): weighted components, capped deductions and bonuses, and vetoes.

A scorecard adds up components (问卷调查, 工作检查, 日常明查暗访, 投诉情况), each scaled from
its own full marks to the points it carries; then applies deductions and bonuses per
counted case, each capped; then keeps the total inside the scorecard's bounds (扣完为止).
Vetoes (一票否决) do not change the number: they mark the score, and a vetoed target gets
the lowest grade whatever it scored.

>>> card = Scorecard(
...     components=(Component(name="问卷调查", points=70), Component(name="工作检查", points=30)),
...     adjustments=(
...         Adjustment(name="属实越级投诉", kind=AdjustmentKind.DEDUCTION, per=2, cap=10),
...     ),
...     vetoes=(Veto(name="重大责任事故"),),
... )
>>> values = {"问卷调查": 90, "工作检查": 80}
>>> score = card.score("供电公司", values=values, counts={"属实越级投诉": 7})
>>> score.rounded(), score.vetoed
(Decimal('77.00'), False)
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from xingfeng._checks import (
    LabelledEnum,
    exact,
    exact_number,
    items_of,
    member_of,
    optional_positive,
    positive,
    require_int,
    text,
    to_fraction,
    to_tuple,
)
from xingfeng.assessment.score import Score, Step
from xingfeng.exceptions import Defect, InvalidArgument, InvalidDefinition, shown, shown_str
from xingfeng.rounding import plain

__all__ = ["Adjustment", "AdjustmentKind", "Component", "Scorecard", "Veto"]


class AdjustmentKind(LabelledEnum):
    """Whether an adjustment takes points off or adds them."""

    DEDUCTION = "deduction", "扣分"
    BONUS = "bonus", "加分"


@attrs.frozen(kw_only=True)
class Component:
    """A part of the total: a value out of ``out_of``, scaled to carry ``points``."""

    name: str = attrs.field(validator=text)
    points: Fraction = attrs.field(converter=to_fraction, validator=positive)
    out_of: Fraction = attrs.field(default=Fraction(100), converter=to_fraction, validator=positive)


@attrs.frozen(kw_only=True)
class Adjustment:
    """``per`` points per counted case, at most ``cap`` points in all (``None``: no cap).

    E.g. 每起属实越级投诉扣2分、最多扣10分.
    """

    name: str = attrs.field(validator=text)
    kind: AdjustmentKind = attrs.field(validator=member_of(AdjustmentKind))
    per: Fraction = attrs.field(converter=to_fraction, validator=positive)
    cap: Fraction | None = attrs.field(
        default=None, converter=to_fraction, validator=optional_positive
    )

    def amount(self, count: int) -> Fraction:
        """The points for ``count`` cases, capped; positive for either kind."""
        if require_int("count", count) < 0:
            raise InvalidArgument("count", count, "不小于 0 的次数", english="a count >= 0")
        raw = self.per * count
        return raw if self.cap is None else min(raw, self.cap)


@attrs.frozen(kw_only=True)
class Veto:
    """A condition that, when it holds, gives the lowest grade whatever the score (一票否决).

    E.g. 发生重大责任事故, 被中央或省级媒体曝光且查证属实, 领导班子成员被立案审查.
    """

    name: str = attrs.field(validator=text)


def _unique_names(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    names = [entry.name for entry in value]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise InvalidArgument(
            attribute.name, repeated, "各不相同的名称", english="names used once each"
        )


@attrs.frozen(kw_only=True)
class Scorecard:
    """Components, adjustments and vetoes; scores stay within :attr:`bounds`.

    The total is the sum of the scaled components, plus bonuses, minus deductions, then
    held between ``floor`` (0: 扣完为止) and ``ceiling``.  Without a ceiling, the upper bound
    is the components' full marks plus every bonus cap (none if a bonus has no cap).
    """

    name: str = attrs.field(default="综合考评", validator=text)
    components: tuple[Component, ...] = attrs.field(
        converter=to_tuple, validator=[items_of(Component), _unique_names]
    )
    adjustments: tuple[Adjustment, ...] = attrs.field(
        default=(), converter=to_tuple, validator=[items_of(Adjustment), _unique_names]
    )
    vetoes: tuple[Veto, ...] = attrs.field(
        default=(), converter=to_tuple, validator=[items_of(Veto), _unique_names]
    )
    floor: Fraction = attrs.field(
        default=Fraction(0), converter=to_fraction, validator=exact_number
    )
    ceiling: Fraction | None = attrs.field(
        default=None, converter=to_fraction, validator=optional_positive
    )

    def __attrs_post_init__(self) -> None:
        defects = []
        if not self.components:
            defects.append(
                Defect(
                    "计分卡至少要有一个组成部分", english="a scorecard needs at least one component"
                )
            )
        floor = shown_str(self.floor)
        if self.ceiling is not None and self.ceiling <= self.floor:
            defects.append(
                Defect(
                    f"封顶分 ceiling={shown_str(self.ceiling)} 不高于保底分 floor={floor}",
                    english=f"ceiling {shown_str(self.ceiling)} is not above floor {floor}",
                )
            )
        if self.floor > self.full_marks:
            defects.append(
                Defect(
                    f"保底分 floor={floor} 高于满分 {shown_str(self.full_marks)}",
                    english=f"floor {floor} is above the full marks {shown_str(self.full_marks)}",
                )
            )
        if defects:
            raise InvalidDefinition(
                f"计分卡 {shown(self.name)}", defects, english=f"scorecard {shown(self.name)}"
            )

    @property
    def full_marks(self) -> Fraction:
        """The components' points added up (满分)."""
        return sum((c.points for c in self.components), Fraction(0))

    @property
    def bounds(self) -> tuple[Fraction, Fraction | None]:
        """The lowest and highest score this scorecard can give (``None``: no upper bound)."""
        if self.ceiling is not None:
            return self.floor, self.ceiling
        bonuses = [a.cap for a in self.adjustments if a.kind is AdjustmentKind.BONUS]
        if any(cap is None for cap in bonuses):
            return self.floor, None
        return self.floor, self.full_marks + sum((cap or 0 for cap in bonuses), Fraction(0))

    def score(
        self,
        target: str,
        *,
        values: Mapping[str, Score | Fraction | Decimal | int],
        counts: Mapping[str, int] | None = None,
        vetoes: Collection[str] = (),
    ) -> Score:
        """The exact score of ``target``, with every step that produced it.

        ``values`` gives every component its value out of the component's ``out_of`` (a
        :class:`~xingfeng.Score` brings its own explanation along); ``counts`` the cases
        of each adjustment (missing ones count 0); ``vetoes`` the vetoes that hold.
        """
        counts = {} if counts is None else counts
        self._check_names("values", values, [c.name for c in self.components], every=True)
        self._check_names("counts", counts, [a.name for a in self.adjustments], every=False)
        fired = tuple(vetoes) if not isinstance(vetoes, str) else (vetoes,)
        self._check_names("vetoes", fired, [v.name for v in self.vetoes], every=False)
        steps = [self._component_step(c, values[c.name]) for c in self.components]
        for adjustment in self.adjustments:
            count = counts.get(adjustment.name, 0)
            amount = adjustment.amount(count)
            if not count:
                continue
            sign = -1 if adjustment.kind is AdjustmentKind.DEDUCTION else 1
            capped = (
                "，已达封顶"
                if adjustment.cap is not None and amount < adjustment.per * count
                else ""
            )
            steps.append(
                Step(
                    label=f"{adjustment.kind.label}：{adjustment.name}",
                    value=sign * amount,
                    note=f"{count}起 × {plain(adjustment.per)}分{capped}",
                )
            )
        total = sum((step.value for step in steps), Fraction(0))
        low, high = self.bounds
        if total < low:
            steps.append(Step(label="扣完为止", value=low - total, note=f"不低于{plain(low)}分"))
            total = low
        elif high is not None and total > high:
            steps.append(Step(label="封顶", value=high - total, note=f"不高于{plain(high)}分"))
            total = high
        return Score(
            target=target,
            name=self.name,
            value=total,
            out_of=self.full_marks,
            steps=tuple(steps),
            vetoed_by=tuple(v.name for v in self.vetoes if v.name in fired),
        )

    def _component_step(self, component: Component, value: object) -> Step:
        name = f"values[{shown(component.name)}]"
        if isinstance(value, Score):
            if value.out_of != component.out_of:
                raise InvalidArgument(
                    name,
                    value.out_of,
                    f"满分为 {plain(component.out_of)} 的得分",
                    english=f"a score out of {plain(component.out_of)}",
                )
            raw, parts = value.value, value.steps
        else:
            raw, parts = exact(name, value), ()
        if not 0 <= raw <= component.out_of:
            raise InvalidArgument(
                name,
                raw,
                f"0 至 {plain(component.out_of)} 的值",
                english=f"a value from 0 to {plain(component.out_of)}",
            )
        return Step(
            label=component.name,
            value=raw / component.out_of * component.points,
            note=f"{plain(raw)} ÷ {plain(component.out_of)} × {plain(component.points)}分",
            parts=parts,
        )

    @staticmethod
    def _check_names(name: str, given: Collection[str], known: list[str], *, every: bool) -> None:
        unknown = [key for key in given if key not in known]
        if unknown:
            raise InvalidArgument(name, unknown[0], f"以下之一：{known}", english=f"one of {known}")
        if every:
            missing = [key for key in known if key not in given]
            if missing:
                raise InvalidArgument(
                    name, given, f"{known} 各有一个值", english=f"a value for each of {known}"
                )
