"""Yellow cards (黄牌警告) for last place, accumulating across periods, and 组织处理.

A scheme of the kind seed 002 ties to its monthly assessment (一月一查一通报一考核): the
last-ranked unit among those scoring under 75 gets a yellow card; two yellow cards lead to
组织处理 (organisational handling).  :class:`YellowCards` is the immutable record: each
period awarded once, in order, and every count derived from it.

>>> from xingfeng.assessment.ranking import rank
>>> rule = YellowCardRule(below=75, cards_for_action=2)
>>> cards = YellowCards(rule=rule).award("2026-03", rank({"甲": 90, "乙": 74, "丙": 70}))
>>> cards = cards.award("2026-04", rank({"甲": 88, "乙": 80, "丙": 72}))
>>> cards.count("丙"), cards.due()
(2, ('丙',))
"""

from __future__ import annotations

from collections.abc import Collection
from fractions import Fraction
from typing import Any

import attrs

from xingfeng._checks import (
    exact_number,
    instance_of,
    int_at_least,
    items_of,
    text,
    texts,
    to_fraction,
    to_frozenset,
    to_tuple,
)
from xingfeng.assessment.ranking import Ranking
from xingfeng.exceptions import (
    CommandRefused,
    Defect,
    InvalidArgument,
    InvalidDefinition,
    UnknownReference,
    shown,
    shown_str,
)

__all__ = ["CardsAwarded", "YellowCardRule", "YellowCards"]


def _optional_exact_number(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is not None:
        exact_number(instance, attribute, value)


@attrs.frozen(kw_only=True)
class YellowCardRule:
    """Who gets a yellow card, and how many cards lead to 组织处理.

    Each period, the last-ranked target among those scoring under the bound gets a card
    (every target sharing that last rank; nobody when no target scores under it).  The bound
    is ``below`` (低于75分: 75 itself is not under it) or ``at_most`` (75分及以下: 75 is);
    exactly one.
    ``cards_for_action`` cards counted over the last ``window`` periods, the current one
    included (``None``: over all periods), lead to 组织处理.  A window shorter than
    ``cards_for_action`` could never hold enough cards and is refused.
    """

    below: Fraction | None = attrs.field(
        default=None, converter=to_fraction, validator=_optional_exact_number
    )
    cards_for_action: int = attrs.field(default=2, validator=int_at_least(1))
    window: int | None = attrs.field(default=None, validator=int_at_least(1, optional=True))
    at_most: Fraction | None = attrs.field(
        default=None, converter=to_fraction, validator=_optional_exact_number
    )

    def __attrs_post_init__(self) -> None:
        if (self.below is None) == (self.at_most is None):
            raise InvalidArgument(
                "at_most",
                self.at_most,
                "below= 与 at_most= 二者给出其一：below=75（低于75分，不含75）或 "
                "at_most=75（75分及以下，含75）",
                english="exactly one bound: below=75 (under 75) or at_most=75 (75 or less)",
            )
        if self.window is not None and self.window < self.cards_for_action:
            raise InvalidArgument(
                "window",
                self.window,
                f"None 或不少于 cards_for_action={shown_str(self.cards_for_action)} "
                "的期数（每期至多一张黄牌）",
                english=(
                    f"None or at least cards_for_action={shown_str(self.cards_for_action)} periods "
                    "(one card per period at most)"
                ),
            )

    def carded(self, ranking: Ranking) -> frozenset[str]:
        """The targets of ``ranking`` that get a card: 末位 among those under ``below``."""
        if not isinstance(ranking, Ranking):
            raise InvalidArgument(
                "ranking",
                ranking,
                "Ranking（由 xingfeng.rank() 得出的排名）",
                english="a Ranking, as xingfeng.rank() gives it",
            )
        return frozenset(p.target for p in ranking.last(below=self.below, at_most=self.at_most))


@attrs.frozen(kw_only=True)
class CardsAwarded:
    """The yellow cards of one period: the targets carded (possibly none)."""

    period: str = attrs.field(validator=text)
    targets: frozenset[str] = attrs.field(
        default=frozenset(), converter=to_frozenset, validator=texts
    )


@attrs.frozen(kw_only=True)
class YellowCards:
    """Yellow cards across periods under ``rule``; ``awarded`` is in the order awarded.

    Immutable: :meth:`award` and :meth:`record` return a new record.  A period label is
    awarded once; the record refuses a repeat (:class:`InvalidDefinition` when built,
    :class:`CommandRefused` when awarding).
    """

    rule: YellowCardRule = attrs.field(validator=instance_of(YellowCardRule))
    awarded: tuple[CardsAwarded, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(CardsAwarded)
    )
    _position: dict[str, int] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        position: dict[str, int] = {}
        defects: list[Defect] = []
        for i, entry in enumerate(self.awarded):
            if entry.period in position:
                defects.append(
                    Defect(
                        f"期次 {shown(entry.period)} 评定了不止一次",
                        (entry.period,),
                        english=f"period {shown(entry.period)} is awarded more than once",
                    )
                )
            position[entry.period] = i
        if defects:
            raise InvalidDefinition("黄牌记录", defects, english="yellow cards")
        object.__setattr__(self, "_position", position)

    @property
    def periods(self) -> tuple[str, ...]:
        """The period labels, in the order awarded."""
        return tuple(entry.period for entry in self.awarded)

    def award(self, period: str, ranking: Ranking) -> YellowCards:
        """The record with ``period``'s cards added, chosen from ``ranking`` by the rule."""
        return self.record(period, self.rule.carded(ranking))

    def record(self, period: str, targets: Collection[str]) -> YellowCards:
        """The record with ``targets`` carded in ``period`` (a decision taken elsewhere)."""
        if not isinstance(period, str) or not period.strip():
            raise InvalidArgument(
                "period",
                period,
                "非空的期次名称，如 '2026-03'",
                english="a non-empty period label, e.g. '2026-03'",
            )
        if period in self._position:
            raise CommandRefused(
                "评定黄牌",
                f"期次 {shown(period)} 已经评定过；每期只评定一次"
                f"（已评定：{'、'.join(self.periods)}）",
                period,
                code="command-refused.duplicate",
                english=(
                    f"period {shown(period)} was already awarded; each period is awarded once "
                    f"(awarded: {', '.join(self.periods)})"
                ),
            )
        entry = CardsAwarded(period=period, targets=targets)
        return attrs.evolve(self, awarded=(*self.awarded, entry))

    def cards_of(self, target: str) -> tuple[str, ...]:
        """Every period in which ``target`` was carded, in order."""
        return tuple(entry.period for entry in self.awarded if target in entry.targets)

    def _window(self, upto: str | None) -> tuple[CardsAwarded, ...]:
        if upto is None:
            end = len(self.awarded)
        elif upto in self._position:
            end = self._position[upto] + 1
        else:
            raise UnknownReference("period", upto, self.periods)
        start = 0 if self.rule.window is None else max(0, end - self.rule.window)
        return self.awarded[start:end]

    def count(self, target: str, *, upto: str | None = None) -> int:
        """Cards of ``target`` within the rule's window ending at ``upto`` (default: the last)."""
        return sum(target in entry.targets for entry in self._window(upto))

    def due(self, period: str | None = None) -> tuple[str, ...]:
        """Targets due for 组织处理 in ``period`` (default: the last), sorted by id.

        A target is due when it is carded in ``period`` and that card brings its count within
        the window to ``cards_for_action`` or more.
        """
        window = self._window(period)
        if not window:
            return ()
        carded = window[-1].targets
        return tuple(
            sorted(
                t
                for t in carded
                if sum(t in entry.targets for entry in window) >= self.rule.cards_for_action
            )
        )
