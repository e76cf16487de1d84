"""Campaign goals, as data (R15): rankings and rates that assessments check later.

Seed 002 states its goals as ranks: 确保各地市公司、县市公司在本地区评议中排名第一，确保省公司
在全省22个公共服务类评议对象中排名前三、争取第一.  Seed 004 states rates: 满意率100%.

>>> top3 = RankGoal(scope="全省公共服务类评议对象", peers=22, within=3, strive_for=1)
>>> top3.met_by(2), top3.met_by(4), top3.label
(True, False, '在22个全省公共服务类评议对象中排名前3、争取第1')

A goal is checked against a result with ``check``: a :class:`GoalCheck` says whether it is met
and, when missed, by how many places and points (or by how much of the rate).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from xingfeng._checks import instance_of, int_at_least, optional_text, text
from xingfeng.assessment.ranking import Ranking
from xingfeng.assessment.rates import Rate
from xingfeng.exceptions import InvalidArgument

__all__ = ["GoalCheck", "RankGoal", "RateGoal"]


def _not_negative(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | Fraction) or value < 0:
        raise InvalidArgument(attribute.name, value, "不小于 0 的数", english="a number >= 0")


@attrs.frozen(kw_only=True)
class GoalCheck:
    """A goal checked against a result: met, or missed by how much.

    ``value`` is the target's score (rank goals) or the rate (rate goals).  ``short_by`` is 0
    when the goal is met; otherwise, for a rank goal, the points between the target's score
    and the score of the last place that meets the goal (0 when only a tie-break or a veto
    keeps the target out), and for a rate goal, the threshold minus the rate (0 when the rate
    is exactly at a strict threshold: it had to exceed it).
    ``places_short`` is ``rank - within`` when a rank goal is missed and 0 otherwise;
    ``strive_met`` says whether the aspiration (争取第一) is reached, ``None`` without one.
    """

    goal: str = attrs.field(validator=text)
    met: bool = attrs.field(validator=instance_of(bool))
    value: Fraction = attrs.field(validator=instance_of(Fraction))
    short_by: Fraction = attrs.field(validator=(instance_of(Fraction), _not_negative))
    target: str | None = attrs.field(default=None, validator=optional_text)
    rank: int | None = None
    places_short: int = attrs.field(default=0, validator=(instance_of(int), _not_negative))
    strive_met: bool | None = None

    def __attrs_post_init__(self) -> None:
        if self.met and (self.short_by or self.places_short):
            raise InvalidArgument(
                "short_by",
                self.short_by,
                "0（达到目标时 places_short 也为 0）",
                english="0 (and places_short 0) when met",
            )


@attrs.frozen(kw_only=True)
class RankGoal:
    """Rank ``within`` or better among ``peers`` targets in ``scope`` (1 is first).

    ``strive_for`` is the aspiration beyond the commitment (争取第一); ``unit`` the appraised
    unit the goal is for, when a plan sets one per unit (各地市公司在本地区排名第一).
    """

    scope: str = attrs.field(validator=text)
    peers: int = attrs.field(validator=int_at_least(1))
    within: int = attrs.field(validator=int_at_least(1))
    strive_for: int | None = attrs.field(default=None, validator=int_at_least(1, optional=True))
    unit: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        if self.within > self.peers:
            raise InvalidArgument(
                "within",
                self.within,
                f"不大于 peers={self.peers}",
                english=f"at most peers={self.peers}",
            )
        if self.strive_for is not None and self.strive_for > self.within:
            raise InvalidArgument(
                "strive_for",
                self.strive_for,
                f"不大于 within={self.within}",
                english=f"at most within={self.within}",
            )

    @property
    def label(self) -> str:
        """The goal as the plans write it."""
        core = "排名第1" if self.within == 1 else f"排名前{self.within}"
        strive = (
            f"、争取第{self.strive_for}"
            if self.strive_for and self.strive_for < self.within
            else ""
        )
        return f"在{self.peers}个{self.scope}中{core}{strive}"

    def met_by(self, rank: int) -> bool:
        """Whether ``rank`` (1 is first) meets the commitment."""
        if not isinstance(rank, int) or isinstance(rank, bool) or not 1 <= rank <= self.peers:
            raise InvalidArgument(
                "rank", rank, f"1 至 {self.peers} 的整数", english=f"an int from 1 to {self.peers}"
            )
        return rank <= self.within

    def check(self, ranking: Ranking, target: str | None = None) -> GoalCheck:
        """Check the goal for ``target`` (by default the goal's ``unit``) in ``ranking``.

        The ranking must hold exactly ``peers`` targets.  When the target's rank is worse than
        ``within``, ``places_short`` is ``rank - within`` and ``short_by`` the points from its
        score to the score of the last place ranked ``within`` or better (at least 0; scores
        compared in the ranking's direction).

        >>> from xingfeng.assessment.ranking import rank
        >>> r = rank({"省公司": 86, "甲": 90, "乙": Decimal("88.5")})
        >>> goal = RankGoal(scope="评议对象", peers=3, within=1, unit="省公司")
        >>> c = goal.check(r)
        >>> c.met, c.rank, c.places_short, c.short_by
        (False, 3, 2, Fraction(4, 1))
        """
        if not isinstance(ranking, Ranking):
            raise InvalidArgument(
                "ranking",
                ranking,
                "Ranking（由 xingfeng.rank() 得出的排名）",
                english="a Ranking, as xingfeng.rank() gives it",
            )
        if len(ranking) != self.peers:
            raise InvalidArgument(
                "len(ranking)",
                len(ranking),
                f"{self.peers}，即目标的参评对象数（对同样的 {self.peers} 个对象排名）",
                english=f"{self.peers}, the goal's peers (rank the same {self.peers} targets)",
            )
        who = self.unit if target is None else target
        if who is None:
            raise InvalidArgument(
                "target",
                target,
                "测评对象的编号，或写明 unit=... 的目标",
                english="a target id, or a goal with unit=...",
            )
        place = ranking.placing(who)
        met = place.rank <= self.within
        short_by = Fraction(0)
        if not met:
            qualifying = [p for p in ranking.places if p.rank <= self.within][-1].score
            gap = place.score - qualifying if ranking.lower_is_better else qualifying - place.score
            short_by = max(gap, Fraction(0))
        return GoalCheck(
            goal=self.label,
            met=met,
            value=place.score,
            short_by=short_by,
            target=who,
            rank=place.rank,
            places_short=max(place.rank - self.within, 0),
            strive_met=None if self.strive_for is None else place.rank <= self.strive_for,
        )


def _threshold(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Decimal) or not value.is_finite() or not Decimal(0) <= value <= 1:
        raise InvalidArgument(
            attribute.name,
            value,
            "0 到 1 之间的精确 Decimal，如 Decimal('0.95')",
            english="a Decimal from 0 to 1, e.g. Decimal('0.95')",
        )


@attrs.frozen(kw_only=True)
class RateGoal:
    """A rate of at least ``at_least`` (inclusive: 满意率95%以上, 95% meets it) or above
    ``above`` (strict: 满意率超过95%, 95% does not), a fraction of 1: ``Decimal("0.95")`` is
    95%.  Give exactly one; ``above=1`` is refused (no rate is above 100%).

    >>> RateGoal(rate="满意率", at_least=Decimal("1")).met_by(Fraction(77, 77))
    True
    >>> strict = RateGoal(rate="满意率", above=Decimal("0.95"))
    >>> strict.met_by(Fraction(95, 100)), strict.label, strict.wording
    (False, '满意率>95%', '满意率超过95%（不含95%）')
    """

    rate: str = attrs.field(validator=text)
    at_least: Decimal | None = attrs.field(default=None, validator=_threshold)
    above: Decimal | None = attrs.field(default=None, validator=_threshold)

    def __attrs_post_init__(self) -> None:
        if (self.at_least is None) == (self.above is None):
            raise InvalidArgument(
                "rate goal",
                (self.at_least, self.above),
                "二者给出其一：at_least=Decimal('0.95')（95%以上，含95%）或 "
                "above=Decimal('0.95')（超过95%，不含95%）",
                english=(
                    "exactly one bound: at_least=Decimal('0.95')（95%以上，含95%）or "
                    "above=Decimal('0.95')（超过95%，不含95%）"
                ),
            )
        if self.above is not None and self.above >= 1:
            raise InvalidArgument(
                "above",
                self.above,
                "小于 1 的 Decimal：比率不会超过100%（超过100%无法达到）",
                english="a Decimal below 1: no rate is above 100%（超过100%无法达到）",
            )

    @property
    def bound(self) -> Decimal:
        """The threshold, whichever kind it is."""
        found = self.at_least if self.at_least is not None else self.above
        assert found is not None
        return found

    @property
    def strict(self) -> bool:
        """Whether the threshold itself falls short (``above``: 超过, 不含本数)."""
        return self.above is not None

    @property
    def label(self) -> str:
        """E.g. ``满意率≥95%``, or ``满意率>95%`` for a strict threshold."""
        return f"{self.rate}{'>' if self.strict else '≥'}{self._percent}%"

    @property
    def wording(self) -> str:
        """The goal in words that say whether the bound is in: ``满意率95%以上（含95%）`` or
        ``满意率超过95%（不含95%）``."""
        percent = f"{self._percent}%"
        if self.strict:
            return f"{self.rate}超过{percent}（不含{percent}）"
        return f"{self.rate}{percent}以上（含{percent}）"

    @property
    def _percent(self) -> str:
        return f"{(self.bound * 100).normalize():f}"

    def met_by(self, value: Fraction | Decimal) -> bool:
        """Whether the exact rate ``value`` reaches the goal: at least, or above, the bound."""
        if not isinstance(value, Fraction | Decimal) or (
            isinstance(value, Decimal) and not value.is_finite()
        ):
            raise InvalidArgument(
                "value",
                value,
                "精确、有限的 Fraction 或 Decimal 比率",
                english="an exact, finite Fraction or Decimal rate",
            )
        bound = Fraction(self.bound)
        return Fraction(value) > bound if self.strict else Fraction(value) >= bound

    def check(self, value: Rate | Fraction | Decimal) -> GoalCheck:
        """Check the goal against a :class:`~xingfeng.Rate` or an exact rate; ``short_by`` is
        what is missing (the bound minus the rate: 0 for a rate exactly at a strict bound,
        which misses it although nothing is lacking but the excess).

        >>> RateGoal(rate="满意率", at_least=Decimal("0.95")).check(Fraction(70, 77)).short_by
        Fraction(9, 220)
        """
        if isinstance(value, Rate):
            value = value.value
        met = self.met_by(value)
        rate = Fraction(value)
        return GoalCheck(
            goal=self.label,
            met=met,
            value=rate,
            short_by=Fraction(0) if met else Fraction(self.bound) - rate,
        )
