"""Campaign goals, as data (R15): rankings and rates that assessments check later.

Seed 002 states its goals as ranks: 确保各地市公司、县市公司在本地区评议中排名第一，确保省公司
在全省22个公共服务类评议对象中排名前三、争取第一.  Seed 004 states rates: 满意率100%.

>>> top3 = RankGoal(scope="全省公共服务类评议对象", peers=22, within=3, strive_for=1)
>>> top3.met_by(2), top3.met_by(4), top3.label
(True, False, '在22个全省公共服务类评议对象中排名前3、争取第1')
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from xingfeng._checks import optional_text, text
from xingfeng.exceptions import InvalidArgument

__all__ = ["RankGoal", "RateGoal"]


def _positive(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise InvalidArgument(attribute.name, value, "an int >= 1")


@attrs.frozen(kw_only=True)
class RankGoal:
    """Rank ``within`` or better among ``peers`` targets in ``scope`` (1 is first).

    ``strive_for`` is the aspiration beyond the commitment (争取第一); ``unit`` the appraised
    unit the goal is for, when a plan sets one per unit (各地市公司在本地区排名第一).
    """

    scope: str = attrs.field(validator=text)
    peers: int = attrs.field(validator=_positive)
    within: int = attrs.field(validator=_positive)
    strive_for: int | None = None
    unit: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        if self.within > self.peers:
            raise InvalidArgument("within", self.within, f"at most peers={self.peers}")
        if self.strive_for is not None:
            _positive(self, attrs.fields(RankGoal).strive_for, self.strive_for)  # type: ignore[arg-type]
            if self.strive_for > self.within:
                raise InvalidArgument(
                    "strive_for", self.strive_for, f"at most within={self.within}"
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
            raise InvalidArgument("rank", rank, f"an int from 1 to {self.peers}")
        return rank <= self.within


@attrs.frozen(kw_only=True)
class RateGoal:
    """A rate of at least ``at_least`` (a fraction of 1: ``Decimal("0.95")`` is 95%).

    >>> RateGoal(rate="满意率", at_least=Decimal("1")).met_by(Fraction(77, 77))
    True
    """

    rate: str = attrs.field(validator=text)
    at_least: Decimal

    def __attrs_post_init__(self) -> None:
        if (
            not isinstance(self.at_least, Decimal)
            or not self.at_least.is_finite()
            or not Decimal(0) <= self.at_least <= 1
        ):
            raise InvalidArgument(
                "at_least", self.at_least, "a Decimal from 0 to 1, e.g. Decimal('0.95')"
            )

    @property
    def label(self) -> str:
        """E.g. ``满意率≥95%``."""
        percent = (self.at_least * 100).normalize()
        return f"{self.rate}≥{percent:f}%"

    def met_by(self, value: Fraction | Decimal) -> bool:
        """Whether the exact rate ``value`` reaches the goal."""
        if not isinstance(value, Fraction | Decimal) or (
            isinstance(value, Decimal) and not value.is_finite()
        ):
            raise InvalidArgument("value", value, "an exact, finite Fraction or Decimal rate")
        return Fraction(value) >= Fraction(self.at_least)
