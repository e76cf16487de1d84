"""Grades (等次) from scores and rankings: bands, rank shares, quotas and the veto.

The simplest scheme is a set of bands on the score, lower bound inclusive:

>>> bands = GradeBands(
...     bands=[
...         Band(grade="满意", at_least=85),
...         Band(grade="比较满意", at_least=75),
...         Band(grade="基本满意", at_least=60),
...     ],
...     lowest="不满意",
... )
>>> bands.grade_of(85), bands.grade_of(Decimal("84.99")), bands.grade_of(95, vetoed=True)
('满意', '比较满意', '不满意')

A :class:`Grading` adds conditions on the rank (优秀 only for the top 20% of the class) and
quotas (at most 3 优秀), and grades a whole :class:`~xingfeng.Ranking`, recording for every
target why it got its grade.  一票否决: a vetoed target always gets the lowest grade.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Any

import attrs

from xingfeng._checks import (
    LabelledEnum,
    exact,
    instance_of,
    int_at_least,
    items_of,
    member_of,
    optional_instance,
    text,
    to_fraction,
    to_tuple,
)
from xingfeng.assessment.ranking import (
    Placing,
    QuotaRounding,
    Ranking,
    TieAtQuota,
    TiePolicy,
)
from xingfeng.exceptions import Defect, InvalidArgument, InvalidDefinition, UnknownReference
from xingfeng.rounding import terminating

__all__ = [
    "Band",
    "Condition",
    "GradeBands",
    "GradeDecision",
    "GradeRule",
    "Grades",
    "Grading",
    "Miss",
]


def _exact_field(
    *, low: int | None = None, high: int | None = None
) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """attrs validator: ``None`` or a Fraction from ``low`` to ``high``."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        if (
            not isinstance(value, Fraction)
            or (low is not None and value < low)
            or (high is not None and value > high)
        ):
            span = f" from {low} to {high}" if high is not None else ""
            span_zh = f"，{low} 至 {high}" if high is not None else ""
            raise InvalidArgument(
                attribute.name,
                value,
                f"精确的数{span_zh}（int、Decimal 或 Fraction）",
                english=f"an exact number{span} (an int, Decimal or Fraction)",
            )

    return check


def _show(number: Fraction) -> str:
    """``85``, ``84.99`` or ``2/3``: a decimal when it is one, the fraction otherwise."""
    exact = terminating(number)
    return str(number) if exact is None else f"{exact:f}"


class Condition(LabelledEnum):
    """A condition a grade can set; a :class:`Miss` names the ones a target failed."""

    MIN_SCORE = "min_score", "分数线"
    TOP_SHARE = "top_share", "名次比例"
    WITHIN_RANK = "within_rank", "名次"
    QUOTA = "quota", "名额"
    VETO = "veto", "一票否决"


def _quota_rounding(value: object) -> QuotaRounding:
    return QuotaRounding.parse(value)


def _tie_policy(value: object) -> TiePolicy | None:
    return None if value is None else TiePolicy.parse(value)


@attrs.frozen(kw_only=True)
class GradeRule:
    """The conditions for one grade; every condition given must hold, unset ones are ignored.

    ``min_score``: score at least this (60分以上); ``score_above``: score above it (超过60分),
    not both.  ``top_share``: rank at most ``top_share × n``, n the
    number of ranked targets (20% of 22 admits ranks 1–4).  ``within_rank``: rank at most this.
    ``quota`` / ``quota_share``: at most this many, or at most ``quota_share × n`` rounded by
    ``quota_rounding`` (向下取整 unless the scheme says 四舍五入 or 向上取整), get the
    grade (the smaller, if both).  Quotas are filled in rank order, and once a group does not
    fit the grade is closed to everyone ranked below it, so a lower-ranked target never takes
    a place a better-ranked one was refused.  A group sharing a rank that the quota line cuts
    through is settled by ``tie_policy``: 并列全部入围 (the whole group, beyond the quota),
    并列全部不入围 (none of it, places left unfilled); without one, or under 报请裁定, grading
    is refused with :class:`~xingfeng.TieAtQuota`, which names the group.
    """

    grade: str = attrs.field(validator=text)
    min_score: Fraction | None = attrs.field(
        default=None, converter=to_fraction, validator=_exact_field()
    )
    score_above: Fraction | None = attrs.field(
        default=None, converter=to_fraction, validator=_exact_field()
    )
    top_share: Fraction | None = attrs.field(
        default=None, converter=to_fraction, validator=_exact_field(low=0, high=1)
    )
    within_rank: int | None = attrs.field(default=None, validator=int_at_least(1, optional=True))
    quota: int | None = attrs.field(default=None, validator=int_at_least(0, optional=True))
    quota_share: Fraction | None = attrs.field(
        default=None, converter=to_fraction, validator=_exact_field(low=0, high=1)
    )
    tie_policy: TiePolicy | None = attrs.field(
        default=None, converter=_tie_policy, validator=optional_instance(TiePolicy)
    )
    quota_rounding: QuotaRounding = attrs.field(
        default=QuotaRounding.FLOOR,
        converter=_quota_rounding,
        validator=member_of(QuotaRounding),
    )

    def limit(self, size: int) -> int | None:
        """How many of ``size`` ranked targets may get the grade; ``None`` without a quota."""
        limits = [q for q in (self.quota,) if q is not None]
        if self.quota_share is not None:
            limits.append(self.quota_rounding.apply(self.quota_share * size))
        return min(limits) if limits else None

    def failed(self, place: Placing, size: int) -> tuple[Condition, ...]:
        """The conditions, other than the quota, that ``place`` does not meet."""
        failed: list[Condition] = []
        if place.vetoed:
            return (Condition.VETO,)
        if self.min_score is not None and place.score < self.min_score:
            failed.append(Condition.MIN_SCORE)
        if self.score_above is not None and place.score <= self.score_above:
            failed.append(Condition.MIN_SCORE)
        if self.top_share is not None and place.rank > self.top_share * size:
            failed.append(Condition.TOP_SHARE)
        if self.within_rank is not None and place.rank > self.within_rank:
            failed.append(Condition.WITHIN_RANK)
        return tuple(failed)


@attrs.frozen(kw_only=True)
class Miss:
    """A better grade a target did not get, and the conditions it failed."""

    grade: str = attrs.field(validator=text)
    failed: tuple[Condition, ...] = attrs.field(converter=to_tuple, validator=items_of(Condition))


@attrs.frozen(kw_only=True)
class GradeDecision:
    """A target's grade and why: every better grade it missed, with the failed conditions.

    A target given a graded rule met all of that rule's conditions; a target given the
    lowest grade missed every rule (``(Condition.VETO,)`` for each when vetoed).
    """

    target: str = attrs.field(validator=text)
    grade: str = attrs.field(validator=text)
    rank: int = attrs.field(validator=instance_of(int))
    score: Fraction = attrs.field(validator=instance_of(Fraction))
    vetoed: bool = attrs.field(default=False, validator=instance_of(bool))
    missed: tuple[Miss, ...] = attrs.field(default=(), converter=to_tuple, validator=items_of(Miss))

    @property
    def reason(self) -> str:
        """The decision in one line, e.g. ``优秀未获：名额；良好``."""
        if self.vetoed:
            return f"一票否决：{self.grade}"
        misses = "；".join(
            f"{m.grade}未获：{'、'.join(c.label for c in m.failed)}" for m in self.missed
        )
        return f"{misses}；{self.grade}" if misses else self.grade


@attrs.frozen(kw_only=True)
class Grades:
    """The grade of every target of a ranking, in rank order, with the reasons.

    ``grades`` lists the grade names best first, the lowest last.
    """

    grades: tuple[str, ...] = attrs.field(converter=to_tuple, validator=items_of(str))
    decisions: tuple[GradeDecision, ...] = attrs.field(
        converter=to_tuple, validator=items_of(GradeDecision)
    )
    _index: dict[str, GradeDecision] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        defects: list[Defect] = []
        index: dict[str, GradeDecision] = {}
        for decision in self.decisions:
            if decision.target in index:
                defects.append(
                    Defect(
                        f"测评对象 {decision.target!r} 评定了两次",
                        english=f"target {decision.target!r} is graded twice",
                    )
                )
            if decision.grade not in self.grades:
                defects.append(
                    Defect(
                        f"{decision.target!r} 的等次 {decision.grade!r} 不是已定义的等次",
                        english=f"{decision.target!r} has unknown grade {decision.grade!r}",
                    )
                )
            index[decision.target] = decision
        if len(set(self.grades)) != len(self.grades):
            defects.append(
                Defect(f"等次名称重复：{self.grades}", english=f"grade names repeat: {self.grades}")
            )
        if defects:
            raise InvalidDefinition("评定结果", defects, english="grades")
        object.__setattr__(self, "_index", index)

    def __len__(self) -> int:
        return len(self.decisions)

    def __iter__(self) -> Iterator[GradeDecision]:
        return iter(self.decisions)

    def decision(self, target: str) -> GradeDecision:
        """The decision for ``target``; :class:`UnknownReference` if it was not graded."""
        try:
            return self._index[target]
        except (KeyError, TypeError):
            raise UnknownReference("target", target, [d.target for d in self.decisions]) from None

    def grade_of(self, target: str) -> str:
        """The grade of ``target``."""
        return self.decision(target).grade

    def members(self, grade: str) -> tuple[str, ...]:
        """The targets given ``grade``, in rank order."""
        if grade not in self.grades:
            raise UnknownReference("grade", grade, self.grades)
        return tuple(d.target for d in self.decisions if d.grade == grade)

    def count(self, grade: str) -> int:
        """How many targets got ``grade``."""
        return len(self.members(grade))


@attrs.frozen(kw_only=True)
class Grading:
    """Grade rules, best grade first, and the grade for targets that meet none of them.

    Each target, in rank order, gets the first grade whose conditions it meets and whose
    quota has room (see :class:`GradeRule`); otherwise the ``lowest``.  A vetoed target always
    gets the lowest grade.  Raises :class:`InvalidDefinition` for no rules or a repeated grade.

    >>> from xingfeng.assessment.ranking import rank
    >>> excellent = GradeRule(grade="优秀", min_score=90, top_share=Fraction(2, 5), quota=1)
    >>> grading = Grading(rules=[excellent, GradeRule(grade="良好", min_score=80)], lowest="一般")
    >>> grades = grading.grade(rank({"甲": 95, "乙": 93, "丙": 85, "丁": 70, "戊": 60}))
    >>> [(d.target, d.grade) for d in grades]
    [('甲', '优秀'), ('乙', '良好'), ('丙', '良好'), ('丁', '一般'), ('戊', '一般')]
    >>> grades.decision("乙").reason
    '优秀未获：名额；良好'
    """

    rules: tuple[GradeRule, ...] = attrs.field(converter=to_tuple, validator=items_of(GradeRule))
    lowest: str = attrs.field(validator=text)

    def __attrs_post_init__(self) -> None:
        defects: list[Defect] = []
        if not self.rules:
            defects.append(
                Defect(
                    "等次评定办法须在最低等次之上至少有一条等次规则",
                    english="a grading needs at least one grade rule above the lowest",
                )
            )
        names = [r.grade for r in self.rules] + [self.lowest]
        for name in sorted({n for n in names if names.count(n) > 1}):
            defects.append(
                Defect(
                    f"等次 {name!r} 出现不止一次",
                    (name,),
                    english=f"grade {name!r} is named more than once",
                )
            )
        if defects:
            raise InvalidDefinition("等次评定办法", defects, english="grading")

    @property
    def grades(self) -> tuple[str, ...]:
        """The grade names, best first, the lowest last."""
        return (*(r.grade for r in self.rules), self.lowest)

    def grade(self, ranking: Ranking) -> Grades:
        """Grade every target of ``ranking`` (one class of peers)."""
        if not isinstance(ranking, Ranking):
            raise InvalidArgument(
                "ranking",
                ranking,
                "Ranking（由 xingfeng.rank() 得出的排名）",
                english="a Ranking, as xingfeng.rank() gives it",
            )
        size = len(ranking)
        limits = [rule.limit(size) for rule in self.rules]
        taken = [0] * len(self.rules)
        closed = [False] * len(self.rules)
        decisions: list[GradeDecision] = []
        places = ranking.places
        start = 0
        while start < size:
            # A group sharing a rank has the same score and veto, so the same conditions.
            end = start
            while end < size and places[end].rank == places[start].rank:
                end += 1
            group = places[start:end]
            missed: list[Miss] = []
            grade = self.lowest
            for i, rule in enumerate(self.rules):
                failed = rule.failed(group[0], size)
                limit = limits[i]
                if not failed and limit is not None:
                    crossing = not closed[i] and taken[i] < limit < taken[i] + len(group)
                    if crossing and rule.tie_policy is not TiePolicy.ALL_OUT:
                        if rule.tie_policy is not TiePolicy.ALL_IN:  # none chosen, or 报请裁定
                            raise TieAtQuota(
                                tied=[p.target for p in group],
                                rank=group[0].rank,
                                places=limit,
                                seats=limit - taken[i],
                                policy=rule.tie_policy,
                            )
                        taken[i] += len(group)  # 并列全部入围: the tie exceeds the quota
                    elif closed[i] or taken[i] + len(group) > limit:
                        closed[i] = True
                        failed = (Condition.QUOTA,)
                    else:
                        taken[i] += len(group)
                if failed:
                    missed.append(Miss(grade=rule.grade, failed=failed))
                    continue
                grade = rule.grade
                break
            decisions.extend(
                GradeDecision(
                    target=p.target,
                    grade=grade,
                    rank=p.rank,
                    score=p.score,
                    vetoed=p.vetoed,
                    missed=tuple(missed),
                )
                for p in group
            )
            start = end
        return Grades(grades=self.grades, decisions=tuple(decisions))


@attrs.frozen(kw_only=True)
class Band:
    """A grade given from a score of ``at_least`` (inclusive: 60分以上) or ``above`` (strict:
    超过60分) up to the next band's bound.  Give exactly one.

    >>> Band(grade="达标", above=60).admits(60), Band(grade="达标", at_least=60).admits(60)
    (False, True)
    """

    grade: str = attrs.field(validator=text)
    at_least: Fraction | None = attrs.field(
        default=None, converter=to_fraction, validator=_exact_field()
    )
    above: Fraction | None = attrs.field(
        default=None, converter=to_fraction, validator=_exact_field()
    )

    def __attrs_post_init__(self) -> None:
        if (self.at_least is None) == (self.above is None):
            raise InvalidArgument(
                "band",
                (self.at_least, self.above),
                "二者给出其一：at_least=60（60分以上，含60）或 above=60（超过60分，不含60）",
                english=(
                    "exactly one bound: at_least=60 (60分以上, 60 included) or above=60 "
                    "(超过60分, 60 not included)"
                ),
            )

    @property
    def bound(self) -> Fraction:
        """The band's bound, whichever kind it is."""
        found = self.at_least if self.at_least is not None else self.above
        assert found is not None
        return found

    @property
    def strict(self) -> bool:
        """Whether the bound itself is left out (``above``)."""
        return self.above is not None

    def admits(self, score: Fraction) -> bool:
        """Whether ``score`` reaches the band: above it, or at least it."""
        return score > self.bound if self.strict else score >= self.bound

    @property
    def symbol(self) -> str:
        """``≥60`` or ``>60``."""
        return f"{'>' if self.strict else '≥'}{_show(self.bound)}"


@attrs.frozen(kw_only=True)
class GradeBands:
    """Score bands, highest bound first, and the grade below the last bound.

    Bounds are inclusive: with ``Band(grade="满意", at_least=85)``, 85 is 满意 and 84.99 is
    not.  Raises :class:`InvalidDefinition` unless the bounds strictly descend and every grade
    name is different.

    >>> GradeBands(bands=[Band(grade="合格", at_least=60)], lowest="不合格").label
    '≥60 合格；<60 不合格'
    """

    bands: tuple[Band, ...] = attrs.field(converter=to_tuple, validator=items_of(Band))
    lowest: str = attrs.field(validator=text)

    def __attrs_post_init__(self) -> None:
        defects: list[Defect] = []
        if not self.bands:
            defects.append(
                Defect(
                    "分数段须在最低等次之上至少有一段",
                    english="grade bands need at least one band above the lowest grade",
                )
            )
        for upper, lower in pairwise(self.bands):
            # ">60" lies just above "≥60": at the same number, the strict bound is the higher.
            if (lower.bound, lower.strict) >= (upper.bound, upper.strict):
                defects.append(
                    Defect(
                        f"分数段 {lower.grade!r}（{lower.symbol}）不在分数段 "
                        f"{upper.grade!r}（{upper.symbol}）之下：分数线须从高到低排列",
                        (upper.grade, lower.grade),
                        english=(
                            f"band {lower.grade!r} ({lower.symbol}) does not lie below "
                            f"band {upper.grade!r} ({upper.symbol}): list bounds highest "
                            "first"
                        ),
                    )
                )
        names = [b.grade for b in self.bands] + [self.lowest]
        for name in sorted({n for n in names if names.count(n) > 1}):
            defects.append(
                Defect(
                    f"等次 {name!r} 出现不止一次",
                    (name,),
                    english=f"grade {name!r} is named more than once",
                )
            )
        if defects:
            raise InvalidDefinition("分数段", defects, english="grade bands")

    @property
    def grades(self) -> tuple[str, ...]:
        """The grade names, best first, the lowest last."""
        return (*(b.grade for b in self.bands), self.lowest)

    @property
    def label(self) -> str:
        """The bands as schemes write them: ``≥85 满意；75–85 比较满意；<60 不满意``."""
        parts: list[str] = []
        if not any(band.strict for band in self.bands):
            for i, band in enumerate(self.bands):
                bound = _show(band.bound)
                span = f"≥{bound}" if i == 0 else f"{bound}–{_show(self.bands[i - 1].bound)}"
                parts.append(f"{span} {band.grade}")
        else:  # a strict bound somewhere: every bound says whether it is in
            for i, band in enumerate(self.bands):
                span = band.symbol
                if i > 0:
                    upper = self.bands[i - 1]
                    span += f"，{'≤' if upper.strict else '<'}{_show(upper.bound)}"
                parts.append(f"{span} {band.grade}")
        last = self.bands[-1]
        parts.append(f"{'≤' if last.strict else '<'}{_show(last.bound)} {self.lowest}")
        return "；".join(parts)

    def grade_of(self, score: Fraction | Decimal | int, *, vetoed: bool = False) -> str:
        """The grade of an exact ``score``; the lowest grade when ``vetoed`` (一票否决)."""
        value = exact("score", score)
        if not isinstance(vetoed, bool):
            raise InvalidArgument("vetoed", vetoed, "True 或 False", english="True or False")
        if vetoed:
            return self.lowest
        return next((b.grade for b in self.bands if b.admits(value)), self.lowest)

    def grading(self) -> Grading:
        """The bands as a :class:`Grading`: one ``min_score`` rule per band."""
        rules = tuple(
            GradeRule(grade=b.grade, min_score=b.at_least, score_above=b.above) for b in self.bands
        )
        return Grading(rules=rules, lowest=self.lowest)

    def grade(self, ranking: Ranking) -> Grades:
        """Grade every target of ``ranking`` by its score, vetoed ones the lowest."""
        return self.grading().grade(ranking)
