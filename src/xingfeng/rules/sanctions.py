"""Effects of a finding: deductions, bonuses, sanctions, notifications and accountability.

Rules (R9, R12, R13) turn findings into *effects*, plain data a host acts on: points off or
on the assessment's scorecard (:class:`Deduction`, :class:`Bonus`), a rung of the sanction
ladder (:class:`Penalty` of a :class:`Sanction`), a :class:`Notification` (向原单位通报 for a
seconded person), and :class:`Accountability`, a request to find who answers for a failure
through the responsibility chain (:func:`resolve_accountability`).  Seed 003: a section that
misses the month's key work is criticised at the staff meeting and explains in writing:

>>> missed = "未完成月度重点工作"
>>> effects = (
...     Penalty(sanction=Sanction.CRITICISM, reason=missed),
...     Penalty(sanction=Sanction.WRITTEN_EXPLANATION, reason=missed),
... )
>>> [e.sanction.label for e in effects]
['通报批评', '书面说明/检查']

A repeat inside a window escalates (:class:`Escalation`, stated as data): up the ladder, or
multiplying the points (加倍处罚).  Seed 001's 先斩后奏 is an :class:`Aggravation`, the base
doubled once for the circumstance, whatever the history:

>>> from datetime import date
>>> twice = Escalation.multiply(factor=2, window=12, window_unit=WindowUnit.MONTHS)
>>> base = Aggravation(factor=2, reason="先斩后奏").apply(Deduction(points=1, reason="请假"))
>>> escalate(base, history=[date(2026, 3, 2)], on=date(2026, 5, 6), rule=twice).points
Fraction(4, 1)
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from fractions import Fraction
from typing import Any, Literal, overload

import attrs

from xingfeng._checks import (
    LabelledEnum,
    instance_of,
    int_at_least,
    member_of,
    optional_positive,
    positive,
    require_date,
    require_int,
    text,
    to_fraction,
    to_tuple,
)
from xingfeng.exceptions import Defect, InvalidArgument, InvalidDefinition
from xingfeng.organization.responsibility import (
    Liability,
    LiabilityKind,
    LiabilityPolicy,
    ResponsibilityChain,
)
from xingfeng.organization.units import Organization
from xingfeng.rounding import plain

__all__ = [
    "Accountability",
    "Aggravation",
    "Bonus",
    "Deduction",
    "Effect",
    "Escalation",
    "EscalationMode",
    "LiablePerson",
    "Notification",
    "Penalty",
    "Sanction",
    "WindowUnit",
    "escalate",
    "home_unit_notifications",
    "resolve_accountability",
]


# --------------------------------------------------------------------------- the ladder


class Sanction(LabelledEnum):
    """A rung of the sanction ladder, mildest first; members compare by :attr:`level`.

    >>> Sanction.CRITICISM < Sanction.YELLOW_CARD, Sanction.CRITICISM.up(2).label
    (True, '诫勉谈话')
    """

    REMINDER = "reminder", "提醒"
    CRITICISM = "criticism", "通报批评"
    WRITTEN_EXPLANATION = "written_explanation", "书面说明/检查"
    ADMONITION = "admonition", "诫勉谈话"
    YELLOW_CARD = "yellow_card", "黄牌警告"
    ORGANISATIONAL = "organisational", "组织处理"
    VETO = "veto", "一票否决"

    @property
    def level(self) -> int:
        """1 for 提醒 up to 7 for 一票否决."""
        return _LEVELS[self]

    def up(self, steps: int = 1, *, ceiling: Sanction | None = None) -> Sanction:
        """The rung ``steps`` above this one, stopping at ``ceiling`` (default: the top).

        Never lower than this rung: a ceiling below it leaves it where it is.
        """
        if require_int("steps", steps) < 0:
            raise InvalidArgument("steps", steps, "不小于 0 的整数", english="an int >= 0")
        top = _TOP if ceiling is None else ceiling
        if not isinstance(top, Sanction):
            raise InvalidArgument(
                "ceiling", ceiling, "None 或 Sanction（处分）", english="None or a Sanction"
            )
        level = max(self.level, min(self.level + steps, top.level))
        return _BY_LEVEL[level]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Sanction):
            return NotImplemented
        return self.level < other.level

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Sanction):
            return NotImplemented
        return self.level <= other.level

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Sanction):
            return NotImplemented
        return self.level > other.level

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Sanction):
            return NotImplemented
        return self.level >= other.level


_LEVELS = {sanction: level for level, sanction in enumerate(Sanction, start=1)}
_BY_LEVEL = {level: sanction for sanction, level in _LEVELS.items()}
_TOP = _BY_LEVEL[len(_BY_LEVEL)]


# --------------------------------------------------------------------------- effects
#
# Each effect carries its kind as a constant ``effect`` field, written to JSON as
# {"effect": "deduction", ...}: Deduction and Bonus have the same other fields, and the tag
# is what lets a list of mixed effects load back into the right classes.


def _tag(value: str) -> object:
    def check(_instance: object, attribute: attrs.Attribute[str], given: object) -> None:
        if given != value:
            raise InvalidArgument(
                attribute.name, given, f"{value!r}（可以不写）", english=f"{value!r} (leave it out)"
            )

    return attrs.field(default=value, validator=check, repr=False)


@attrs.frozen(kw_only=True)
class Deduction:
    """``points`` (above 0) taken off the target's score (扣分), and why."""

    effect: Literal["deduction"] = _tag("deduction")  # type: ignore[assignment]
    points: Fraction = attrs.field(converter=to_fraction, validator=positive)
    reason: str = attrs.field(validator=text)

    @property
    def label(self) -> str:
        """``扣2分：迟到``."""
        return f"扣{plain(self.points)}分：{self.reason}"


@attrs.frozen(kw_only=True)
class Bonus:
    """``points`` (above 0) added to the target's score (加分), and why."""

    effect: Literal["bonus"] = _tag("bonus")  # type: ignore[assignment]
    points: Fraction = attrs.field(converter=to_fraction, validator=positive)
    reason: str = attrs.field(validator=text)

    @property
    def label(self) -> str:
        """``加3分：金点子``."""
        return f"加{plain(self.points)}分：{self.reason}"


@attrs.frozen(kw_only=True)
class Penalty:
    """A rung of the sanction ladder imposed on the target, and why."""

    effect: Literal["penalty"] = _tag("penalty")  # type: ignore[assignment]
    sanction: Sanction = attrs.field(validator=member_of(Sanction))
    reason: str = attrs.field(validator=text)

    @property
    def label(self) -> str:
        """``通报批评：未完成月度重点工作``."""
        return f"{self.sanction.label}：{self.reason}"


@attrs.frozen(kw_only=True)
class Notification:
    """Tell ``to`` (a unit or person id, or an outside body such as 市纪委) ``about`` someone.

    E.g. 向原单位通报: a seconded person's violation reported to the home unit (R12).
    """

    effect: Literal["notification"] = _tag("notification")  # type: ignore[assignment]
    to: str = attrs.field(validator=text)
    about: str = attrs.field(validator=text)
    reason: str = attrs.field(validator=text)

    @property
    def label(self) -> str:
        """``向water通报bai：上班纪律``."""
        return self.text()

    def text(self, names: Mapping[str, str] | None = None) -> str:
        """The label with ids shown by ``names`` (id → name), where it has them."""
        shown = names or {}
        return (
            f"向{shown.get(self.to, self.to)}通报{shown.get(self.about, self.about)}：{self.reason}"
        )


@attrs.frozen(kw_only=True)
class Accountability:
    """A request to hold people to account (责任追究) under ``policy``, and why.

    The effect names no one: :meth:`resolve` finds them in a responsibility chain, the
    direct holder, the leaders the policy reaches and, if it says so, the supervision
    offices (连带责任, R4).
    """

    effect: Literal["accountability"] = _tag("accountability")  # type: ignore[assignment]
    policy: LiabilityPolicy = attrs.field(
        factory=LiabilityPolicy, validator=instance_of(LiabilityPolicy)
    )
    reason: str = attrs.field(validator=text)

    @property
    def label(self) -> str:
        """``责任追究（上溯1级，含监督部门连带责任）：…``."""
        reach = "直至一把手" if self.policy.levels is None else f"上溯{self.policy.levels}级"
        joint = "含" if self.policy.supervision else "不含"
        return f"责任追究（{reach}，{joint}监督部门连带责任）：{self.reason}"

    def resolve(self, chain: ResponsibilityChain, holder_or_unit: str) -> tuple[LiablePerson, ...]:
        """Who answers for a failure at ``holder_or_unit``: :func:`resolve_accountability`."""
        return resolve_accountability(chain, holder_or_unit, self.policy)


#: Any effect a rule can produce.
Effect = Deduction | Bonus | Penalty | Notification | Accountability


# --------------------------------------------------------------------------- escalation


class EscalationMode(LabelledEnum):
    """How a repeat is punished harder: a rung up the ladder, or the points multiplied."""

    LADDER = "ladder", "升级处理"
    MULTIPLY = "multiply", "加倍处罚"


class WindowUnit(LabelledEnum):
    """What an escalation window counts: calendar days or calendar months."""

    DAYS = "days", "日"
    MONTHS = "months", "个月"


def _factor_above_one(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Fraction) or value <= 1:
        raise InvalidArgument(
            attribute.name,
            value,
            "大于 1 的精确的数，如加倍处罚为 2",
            english="an exact number above 1, e.g. 2 for 加倍处罚",
        )


@attrs.frozen(kw_only=True)
class Escalation:
    """How repeats inside a window make an offence's effect heavier; data, one per rule.

    An earlier offence counts as a repeat when it falls inside the ``window`` ending on the
    day of the new one: the last ``window`` days (``on`` included), or the days after the
    same day ``window`` months before (day clamped to the month's end).  ``None``: every
    earlier offence counts.  Windows are dated because discipline repeats are dated (a
    leave taken on a day); a monthly period is its first day, so ``window=3,
    window_unit=MONTHS`` spans exactly three monthly periods.

    ``LADDER``: each repeat moves the sanction ``step`` rungs up, never past ``ceiling``
    (default the top, 一票否决).  ``MULTIPLY``: each repeat multiplies the deducted points
    by ``factor`` (2 for 加倍处罚), at most ``cap`` points (never below the base).  A field
    of the other mode set to other than its default is refused as a slip.
    """

    mode: EscalationMode = attrs.field(validator=member_of(EscalationMode))
    window: int | None = attrs.field(default=None, validator=int_at_least(1, optional=True))
    window_unit: WindowUnit = attrs.field(default=WindowUnit.DAYS, validator=member_of(WindowUnit))
    step: int = attrs.field(default=1, validator=int_at_least(1))
    ceiling: Sanction | None = attrs.field(default=None)
    factor: Fraction = attrs.field(
        default=Fraction(2), converter=to_fraction, validator=_factor_above_one
    )
    cap: Fraction | None = attrs.field(
        default=None, converter=to_fraction, validator=optional_positive
    )

    @ceiling.validator
    def _check_ceiling(self, attribute: attrs.Attribute[Sanction | None], value: object) -> None:
        if value is not None and not isinstance(value, Sanction):
            raise InvalidArgument(
                attribute.name,
                value,
                "None（最高一级）或 Sanction（处分）",
                english="None (the top) or a Sanction",
            )

    def __attrs_post_init__(self) -> None:
        defects: list[Defect] = []
        if self.mode is EscalationMode.LADDER:
            if self.factor != 2:
                defects.append(
                    Defect(
                        "factor 只用于 MULTIPLY；LADDER 按 step 逐级加重",
                        english="factor is for MULTIPLY; a LADDER moves up by step",
                    )
                )
            if self.cap is not None:
                defects.append(
                    Defect(
                        "cap 只用于 MULTIPLY；LADDER 到 ceiling 为止",
                        english="cap is for MULTIPLY; a LADDER stops at its ceiling",
                    )
                )
        else:
            if self.step != 1:
                defects.append(
                    Defect(
                        "step 只用于 LADDER；MULTIPLY 按 factor 加倍",
                        english="step is for LADDER; MULTIPLY multiplies by factor",
                    )
                )
            if self.ceiling is not None:
                defects.append(
                    Defect(
                        "ceiling 只用于 LADDER；MULTIPLY 到 cap 为止",
                        english="ceiling is for LADDER; MULTIPLY stops at its cap",
                    )
                )
        if defects:
            raise InvalidDefinition(
                f"{self.mode.name} 加重办法", defects, english=f"{self.mode.name} escalation"
            )

    @classmethod
    def ladder(
        cls,
        *,
        step: int = 1,
        window: int | None = None,
        window_unit: WindowUnit = WindowUnit.DAYS,
        ceiling: Sanction | None = None,
    ) -> Escalation:
        """Each repeat inside the window moves the sanction ``step`` rungs up."""
        return cls(
            mode=EscalationMode.LADDER,
            step=step,
            window=window,
            window_unit=window_unit,
            ceiling=ceiling,
        )

    @classmethod
    def multiply(
        cls,
        *,
        factor: Fraction | int = 2,
        window: int | None = None,
        window_unit: WindowUnit = WindowUnit.DAYS,
        cap: Fraction | int | None = None,
    ) -> Escalation:
        """Each repeat inside the window multiplies the points by ``factor`` (加倍处罚)."""
        return cls(
            mode=EscalationMode.MULTIPLY,
            factor=factor,
            window=window,
            window_unit=window_unit,
            cap=cap,
        )

    @property
    def label(self) -> str:
        """``30日内再犯升1级``, ``12个月内再犯×2``, ``再犯×2，至多扣10分``."""
        within = "" if self.window is None else f"{self.window}{self.window_unit.label}内"
        if self.mode is EscalationMode.LADDER:
            top = "" if self.ceiling is None else f"，至多{self.ceiling.label}"
            return f"{within}再犯升{self.step}级{top}"
        cap = "" if self.cap is None else f"，至多扣{plain(self.cap)}分"
        return f"{within}再犯×{plain(self.factor)}{cap}"

    def window_start(self, on: date) -> date | None:
        """The last day *before* the window ending on ``on``; ``None`` without a window.

        >>> Escalation.ladder(window=30).window_start(date(2026, 5, 6))
        datetime.date(2026, 4, 6)
        >>> Escalation.ladder(window=1, window_unit=WindowUnit.MONTHS).window_start(
        ...     date(2026, 3, 31)
        ... )
        datetime.date(2026, 2, 28)
        """
        require_date("on", on)
        if self.window is None:
            return None
        if self.window_unit is WindowUnit.DAYS:
            try:
                return on - timedelta(days=self.window)
            except OverflowError:  # before year 1: every earlier day is inside
                return None
        year, month = divmod(on.year * 12 + on.month - 1 - self.window, 12)
        if year < 1:
            return None
        return date(year, month + 1, min(on.day, monthrange(year, month + 1)[1]))

    def repeats(self, history: Iterable[date], on: date) -> int:
        """How many of the earlier offences ``history`` fall inside the window ending ``on``.

        Raises :class:`InvalidArgument` for an offence dated after ``on``.
        """
        start = self.window_start(on)
        count = 0
        for day in _dates(history):
            if day > on:
                raise InvalidArgument(
                    "history",
                    day,
                    f"不晚于 on={on} 的此前违规日期",
                    english=f"dates of earlier offences, on or before on={on}",
                )
            if start is None or day > start:
                count += 1
        return count


def _dates(history: object) -> tuple[date, ...]:
    if isinstance(history, str | bytes) or not isinstance(history, Iterable):
        raise InvalidArgument(
            "history", history, "此前违规日期的列表", english="a list of dates of earlier offences"
        )
    return tuple(require_date("history", day) for day in history)


@attrs.frozen(kw_only=True)
class Aggravation:
    """An aggravating circumstance multiplying a deduction once, whatever the history.

    Seed 001 (R5): leave taken before approval (先斩后奏) is punished double, ``factor=2``.
    Escalation for repeats comes on top: apply the aggravation to the base first.
    """

    reason: str = attrs.field(validator=text)
    factor: Fraction = attrs.field(
        default=Fraction(2), converter=to_fraction, validator=_factor_above_one
    )

    def apply(self, base: Deduction) -> Deduction:
        """``base`` with its points multiplied by ``factor`` and the circumstance in its reason.

        >>> Aggravation(reason="先斩后奏").apply(Deduction(points=2, reason="请假")).label
        '扣4分：请假（先斩后奏，×2）'
        """
        if not isinstance(base, Deduction):
            raise InvalidArgument("base", base, "Deduction（扣分）", english="a Deduction")
        return Deduction(
            points=base.points * self.factor,
            reason=f"{base.reason}（{self.reason}，×{plain(self.factor)}）",
        )


@overload
def escalate(
    base: Sanction, *, history: Iterable[date], on: date, rule: Escalation
) -> Sanction: ...
@overload
def escalate(base: Penalty, *, history: Iterable[date], on: date, rule: Escalation) -> Penalty: ...
@overload
def escalate(
    base: Deduction, *, history: Iterable[date], on: date, rule: Escalation
) -> Deduction: ...
def escalate(
    base: Sanction | Penalty | Deduction,
    *,
    history: Iterable[date],
    on: date,
    rule: Escalation,
) -> Sanction | Penalty | Deduction:
    """The effect of an offence on ``on``, made heavier for the earlier ones in ``history``.

    ``history`` holds the dates of the same offender's earlier offences under the same rule
    (not the one on ``on``); only those inside the rule's window count (see
    :meth:`Escalation.repeats`).  ``LADDER`` takes a :class:`Sanction` or :class:`Penalty`,
    ``MULTIPLY`` a :class:`Deduction`.  Without repeats, ``base`` comes back unchanged;
    otherwise the reason says how often the offence was repeated.

    >>> rule = Escalation.ladder(window=90)
    >>> days = [date(2026, 1, 5), date(2026, 4, 1), date(2026, 4, 20)]
    >>> escalate(Sanction.CRITICISM, history=days, on=date(2026, 5, 6), rule=rule).label
    '诫勉谈话'
    """
    if not isinstance(rule, Escalation):
        raise InvalidArgument("rule", rule, "Escalation（加重办法）", english="an Escalation")
    ladder = rule.mode is EscalationMode.LADDER
    if ladder and not isinstance(base, Sanction | Penalty):
        raise InvalidArgument(
            "base",
            base,
            "Sanction 或 Penalty（按 LADDER 逐级加重）",
            english="a Sanction or Penalty for a LADDER escalation",
        )
    if not ladder and not isinstance(base, Deduction):
        raise InvalidArgument(
            "base",
            base,
            "Deduction（按 MULTIPLY 倍数加重）",
            english="a Deduction for a MULTIPLY escalation",
        )
    repeats = rule.repeats(history, require_date("on", on))
    if isinstance(base, Sanction):
        return base.up(repeats * rule.step, ceiling=rule.ceiling)
    if not repeats:
        return base
    note = f"（{rule.label}：再犯{repeats}次）"
    if isinstance(base, Penalty):
        raised = base.sanction.up(repeats * rule.step, ceiling=rule.ceiling)
        return Penalty(sanction=raised, reason=base.reason + note)
    points = base.points * rule.factor**repeats
    if rule.cap is not None:
        points = max(base.points, min(points, rule.cap))
    return Deduction(points=points, reason=base.reason + note)


# --------------------------------------------------------------------------- accountability


@attrs.frozen(kw_only=True)
class LiablePerson:
    """A share in a failure and how it reaches the holder, so a finding explains itself.

    ``path`` runs from the direct holder to the liable one: ``(holder,)`` for direct
    liability, the chain of drivers up to the leader for leadership liability, and
    ``(direct holder, supervisor)`` for the joint liability of a supervision office's head,
    which reaches it through supervision rather than the chain.
    """

    liability: Liability = attrs.field(validator=instance_of(Liability))
    path: tuple[str, ...] = attrs.field(converter=to_tuple)

    @path.validator
    def _check_path(self, attribute: attrs.Attribute[tuple[str, ...]], value: object) -> None:
        if (
            not isinstance(value, tuple)
            or not value
            or not all(isinstance(h, str) and h.strip() for h in value)
            or value[-1] != self.liability.holder
        ):
            raise InvalidArgument(
                attribute.name,
                value,
                f"从直接责任人到 {self.liability.holder!r} 的责任人编号",
                english=f"holder ids from the direct holder to {self.liability.holder!r}",
            )

    @property
    def holder(self) -> str:
        """Who answers."""
        return self.liability.holder

    @property
    def label(self) -> str:
        """``领导责任：chen → zhang → li``."""
        return self.text()

    def text(self, names: Mapping[str, str] | None = None) -> str:
        """The label with the path's ids shown by ``names`` (id → name), where it has them."""
        shown = names or {}
        return f"{self.liability.kind.label}：{' → '.join(shown.get(h, h) for h in self.path)}"


def resolve_accountability(
    chain: ResponsibilityChain, holder_or_unit: str, policy: LiabilityPolicy | None = None
) -> tuple[LiablePerson, ...]:
    """Who answers for a failure at ``holder_or_unit``, in the order of
    :meth:`~xingfeng.ResponsibilityChain.liable_for`, each with the path that makes it liable.

    ``policy`` (default: :class:`~xingfeng.LiabilityPolicy`'s) says how far up the chain
    leadership liability reaches and whether supervision offices are jointly liable (R4).
    """
    if not isinstance(chain, ResponsibilityChain):
        raise InvalidArgument(
            "chain", chain, "ResponsibilityChain（责任链）", english="a ResponsibilityChain"
        )
    found = chain.liable_for(holder_or_unit, policy)
    direct = found[0].holder
    people: list[LiablePerson] = []
    for liability in found:
        if liability.kind is LiabilityKind.DIRECT:
            path: tuple[str, ...] = (direct,)
        elif liability.kind is LiabilityKind.LEADERSHIP:
            path = chain.path_between(direct, liability.holder)
        else:
            path = (direct, liability.holder)
        people.append(LiablePerson(liability=liability, path=path))
    return tuple(people)


def home_unit_notifications(
    organization: Organization, person: str, *, reason: str
) -> tuple[Notification, ...]:
    """One notification to each home unit ``person`` is seconded from (向原单位通报, R12).

    In the order of the person's postings; none for someone not seconded.
    """
    if not isinstance(organization, Organization):
        raise InvalidArgument(
            "organization", organization, "Organization（组织机构）", english="an Organization"
        )
    if not isinstance(reason, str) or not reason.strip():
        raise InvalidArgument("reason", reason, "非空文字", english="a non-empty string")
    homes = dict.fromkeys(
        p.home_unit for p in organization.postings_of(person) if p.home_unit is not None
    )
    return tuple(Notification(to=home, about=person, reason=reason) for home in homes)
