"""Survey schemes (测评计分办法): how a tally of ballots becomes scores, rates and verdicts.

Every number is configuration.  A scheme states the points each verdict earns (as points
out of 100 for an item), the options counted as returned but never scored (不了解), the
weights of respondent groups and of items, what happens to a group that returned no valid
ballot, and how the satisfaction rate is defined.

The published schemes it expresses include 满意 100 / 基本满意 75 / 不满意 55 or 100 / 70 / 30,
raters mixed 服务对象 50%, 行风监督员 25%, 社会各界 25%, five items averaged, and a
questionnaire worth 80 points (seed 002).

>>> from decimal import Decimal
>>> from xingfeng.assessment.questionnaire import FOUR_OPTIONS, Questionnaire
>>> from xingfeng.assessment.tally import Tally
>>> q = Questionnaire(name="问卷", items=("总体评价",), options=FOUR_OPTIONS, groups=("服务对象",))
>>> scheme = SurveyScheme(
...     questionnaire=q,
...     points={"满意": 100, "基本满意": 75, "不满意": 55},
...     invalid={"不了解"},
...     full_marks=80,
... )
>>> rows = [("供电公司", "服务对象", v) for v in ["满意"] * 3 + ["基本满意", "不了解"]]
>>> scheme.score(Tally.from_rows(q, rows), "供电公司").rounded()
Decimal('75.00')
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import attrs

from xingfeng._checks import (
    LabelledEnum,
    exact_mapping,
    instance_of,
    member_of,
    positive,
    text,
    texts,
    to_exact_mapping,
    to_fraction,
    to_frozenset,
)
from xingfeng.assessment.questionnaire import Questionnaire
from xingfeng.assessment.rates import Rate
from xingfeng.assessment.score import Score, Step
from xingfeng.assessment.tally import Tally
from xingfeng.exceptions import Defect, InvalidArgument, InvalidDefinition
from xingfeng.rounding import plain

__all__ = ["Majority", "Missing", "RateBase", "SurveyScheme", "Turnout"]

_HUNDRED = Fraction(100)


class Missing(LabelledEnum):
    """What a scheme does with a group or item that has no valid ballot for a target."""

    #: Its weight is shared among the parts that have ballots, in proportion to theirs.
    REDISTRIBUTE = "redistribute", "权重按比例分配给其余部分"
    #: It scores 0.
    ZERO = "zero", "记0分"
    #: The score cannot be computed: :class:`~xingfeng.InvalidArgument` names the gap.
    REFUSE = "refuse", "不予计分"


class RateBase(LabelledEnum):
    """What a satisfaction rate is taken over."""

    VALID = "valid", "有效票"  #: valid answers only (不了解 left out)
    RETURNED = "returned", "回收票"  #: every returned answer, invalid ones included


class Majority(LabelledEnum):
    """How a group's votes give one verdict (invalid options never count)."""

    #: The option with most votes; a tie goes to the less favourable option.
    PLURALITY = "plurality", "相对多数"
    #: The option with more than half of the valid votes, or no verdict.
    ABSOLUTE = "absolute", "有效票过半数"
    #: The best option that at least half of the valid votes reach or exceed (the median).
    MEDIAN = "median", "中位数（至少半数达到）"
    #: The best option that more than half of the valid votes reach or exceed (过半数, as
    #: 人大 schemes count: at exactly half there is no verdict on that option).
    STRICT_MEDIAN = "strict_median", "过半数达到"
    #: The option with more than half of all votes, invalid ones included, or no verdict
    #: (全体票过半数).
    ABSOLUTE_OF_ALL = "absolute_of_all", "全体票过半数"


@attrs.frozen(kw_only=True)
class Turnout:
    """Questionnaires issued, ballots returned, and valid answers on one item."""

    group: str
    issued: int | None
    returned: int
    valid: int

    @property
    def return_rate(self) -> Rate | None:
        """回收率: returned over issued, or ``None`` when issuance was not recorded."""
        if self.issued is None:
            return None
        if self.returned > self.issued:
            raise InvalidArgument(
                "returned",
                self.returned,
                f"不多于发出的问卷数 {self.issued}",
                english=f"at most the {self.issued} questionnaires issued",
            )
        return Rate(name="回收率", numerator=self.returned, denominator=self.issued)

    @property
    def valid_rate(self) -> Rate:
        """有效率: valid answers over returned ballots."""
        return Rate(name="有效率", numerator=self.valid, denominator=self.returned)


def _optional_mapping(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        exact_mapping(instance, attribute, value)


@attrs.frozen(kw_only=True)
class SurveyScheme:
    """How one questionnaire is scored; every defect is reported when it is built.

    ``points`` gives each scored verdict its points out of 100 for an item; ``invalid``
    lists the options counted as returned but never scored; together they cover every
    option.  ``group_weights`` (shares summing to 1) weight the respondent groups; ``None``
    pools every group's answers as one.  ``item_weights`` (summing to 1) weight the items;
    ``None`` takes their mean.  The result is scaled to ``full_marks``.  ``missing`` says
    what a group or item with no valid answer for a target does.  The satisfaction rate
    counts the ``satisfied`` verdicts over ``rate_base``.
    """

    questionnaire: Questionnaire = attrs.field(validator=instance_of(Questionnaire))
    points: Mapping[str, Fraction] = attrs.field(
        converter=to_exact_mapping, validator=exact_mapping, hash=False
    )
    invalid: frozenset[str] = attrs.field(
        default=frozenset(), converter=to_frozenset, validator=texts
    )
    group_weights: Mapping[str, Fraction] | None = attrs.field(
        default=None, converter=to_exact_mapping, validator=_optional_mapping, hash=False
    )
    item_weights: Mapping[str, Fraction] | None = attrs.field(
        default=None, converter=to_exact_mapping, validator=_optional_mapping, hash=False
    )
    full_marks: Fraction = attrs.field(default=_HUNDRED, converter=to_fraction, validator=positive)
    missing: Missing = attrs.field(default=Missing.REDISTRIBUTE, validator=member_of(Missing))
    satisfied: frozenset[str] = attrs.field(
        default=frozenset({"满意"}), converter=to_frozenset, validator=texts
    )
    rate_base: RateBase = attrs.field(default=RateBase.VALID, validator=member_of(RateBase))
    majority: Majority = attrs.field(default=Majority.PLURALITY, validator=member_of(Majority))
    name: str = attrs.field(default="问卷调查", validator=text)

    def __attrs_post_init__(self) -> None:
        q = self.questionnaire
        defects: list[Defect] = []
        for option in q.options:
            if (option in self.points) == (option in self.invalid):
                where = "both" if option in self.points else "neither"
                where_zh = (
                    "同时列在 points（计分）和 invalid（无效）之中"
                    if option in self.points
                    else "既不在 points（计分）也不在 invalid（无效）之中"
                )
                defects.append(
                    Defect(
                        f"选项 {option!r} {where_zh}：须列在二者之一",
                        english=f"option {option!r} is in {where} of points and invalid",
                    )
                )
        for option in sorted(set(self.points) - set(q.options)):
            defects.append(
                Defect(
                    f"points 中的 {option!r} 不是问卷的选项 {list(q.options)} 之一",
                    english=f"points name {option!r}, which is not one of {list(q.options)}",
                )
            )
        for option in sorted(self.invalid - set(q.options)):
            defects.append(
                Defect(
                    f"invalid 中的 {option!r} 不是问卷的选项 {list(q.options)} 之一",
                    english=f"invalid names {option!r}, which is not one of {list(q.options)}",
                )
            )
        for option, value in self.points.items():
            if not 0 <= value <= _HUNDRED:
                defects.append(
                    Defect(
                        f"points[{option!r}] = {value}：应为 0 至 100",
                        english=f"points[{option!r}] = {value}: expected 0 to 100",
                    )
                )
        scored = set(q.options) - self.invalid
        if not self.satisfied or not self.satisfied <= scored:
            defects.append(
                Defect(
                    f"satisfied {sorted(self.satisfied)}：应为计分选项 {sorted(scored)} 中的选项",
                    english=(
                        f"satisfied {sorted(self.satisfied)}: expected scored options "
                        f"among {sorted(scored)}"
                    ),
                )
            )
        defects += _weight_defects("group_weights", self.group_weights, q.groups)
        defects += _weight_defects("item_weights", self.item_weights, q.items)
        if defects:
            raise InvalidDefinition(
                f"问卷 {q.name!r} 的测评办法", defects, english=f"survey scheme for {q.name!r}"
            )

    # --- scores -----------------------------------------------------------------------

    def score(self, tally: Tally, target: str) -> Score:
        """The exact score of ``target``, out of ``full_marks``, with its explanation."""
        self._check_tally(tally)
        if self.group_weights is None:
            groups: list[tuple[str, Fraction | None, tuple[str, ...]]] = [
                ("全部评议人员", None, self.questionnaire.groups)
            ]
        else:
            groups = [(g, self.group_weights[g], (g,)) for g in self.questionnaire.groups]
        parts = [
            self._group_step(tally, target, label, weight, members)
            for label, weight, members in groups
        ]
        value = self._combine(target, "评议人员组", parts)
        if value is None:
            raise InvalidArgument(
                "target",
                target,
                f"在问卷 {tally.questionnaire.name!r} 的统计中至少有一张有效票的测评对象",
                english=(
                    f"a target with at least one valid ballot in tally {tally.questionnaire.name!r}"
                ),
            )
        steps = [step for _, step in parts]
        gaps = any(v is None for v, _ in parts)
        steps.append(
            Step(
                label="加权得分（百分制）",
                value=value,
                note="各组得分按权重合计" + (f"；无有效票的组{self.missing.label}" if gaps else ""),
            )
        )
        result = value * self.full_marks / _HUNDRED
        if self.full_marks != _HUNDRED:
            steps.append(
                Step(
                    label=f"折算为{plain(self.full_marks)}分",
                    value=result,
                    note=f"{plain(value)} × {plain(self.full_marks)} ÷ 100",
                )
            )
        return Score(
            target=target, name=self.name, value=result, out_of=self.full_marks, steps=tuple(steps)
        )

    def scores(self, tally: Tally) -> dict[str, Score]:
        """The score of every target with at least one valid answer in ``tally``.

        Targets whose ballots are all invalid (不了解), or whose valid answers all come from
        groups or items weighted 0 (with :attr:`Missing.REDISTRIBUTE`), have no score and are
        left out.
        """
        self._check_tally(tally)
        return {
            target: self.score(tally, target)
            for target in tally.targets
            if self._has_valid(tally, target)
        }

    def _group_step(
        self,
        tally: Tally,
        target: str,
        label: str,
        weight: Fraction | None,
        members: tuple[str, ...],
    ) -> tuple[Fraction | None, Step]:
        items = self.questionnaire.items
        parts = []
        for item in items:
            item_weight = (
                None
                if len(items) == 1
                else (self.item_weights or {}).get(item, Fraction(1, len(items)))
            )
            parts.append(self._item_step(tally, target, members, item, item_weight))
        value = self._combine(target, label, parts)
        if len(items) == 1:
            only = parts[0][1]  # one item: the group's line says which item it scored
            step = attrs.evolve(only, label=label, weight=weight, note=f"{only.label}：{only.note}")
        else:
            step = Step(
                label=label,
                value=value or Fraction(0),
                weight=weight,
                parts=tuple(s for _, s in parts),
                note="" if value is not None else f"无有效票，{self.missing.label}",
            )
        return value, step

    def _item_step(
        self, tally: Tally, target: str, groups: tuple[str, ...], item: str, weight: Fraction | None
    ) -> tuple[Fraction | None, Step]:
        counts = self._counts(tally, target, groups, item)
        valid = sum(n for v, n in counts.items() if v not in self.invalid)
        ignored = sum(n for v, n in counts.items() if v in self.invalid)
        terms = [
            f"{v}{counts[v]}票×{plain(self.points[v])}"
            for v in self.questionnaire.options
            if counts.get(v) and v not in self.invalid
        ]
        ignored_note = (
            f"；{'、'.join(sorted(self.invalid))}{ignored}票计为回收、不计分" if ignored else ""
        )
        if not valid:
            return None, Step(
                label=item,
                value=Fraction(0),
                weight=weight,
                note=f"无有效票，{self.missing.label}{ignored_note}",
            )
        total = sum(
            (self.points[v] * n for v, n in counts.items() if v not in self.invalid), Fraction(0)
        )
        value = total / valid
        note = f"（{' + '.join(terms)}）÷ 有效{valid}票{ignored_note}"
        return value, Step(label=item, value=value, weight=weight, note=note)

    def _combine(
        self, target: str, what: str, parts: list[tuple[Fraction | None, Step]]
    ) -> Fraction | None:
        weighted = [
            (step.weight if step.weight is not None else Fraction(1), value, step)
            for value, step in parts
        ]
        missing = [step.label for _, value, step in weighted if value is None]
        if missing and self.missing is Missing.REFUSE:
            raise InvalidArgument(
                "target",
                target,
                f"{what}{missing}都有有效票（测评办法规定缺票时不计分）",
                english=(
                    f"valid ballots for {what} {missing} (the scheme refuses to score without them)"
                ),
            )
        present = [(w, v) for w, v, _ in weighted if v is not None]
        if not present:
            return None  # nothing to score at all, whatever the rule for gaps
        if self.missing is Missing.ZERO:
            return sum((w * v for w, v in present), Fraction(0))
        total = sum((w for w, _ in present), Fraction(0))
        if total == 0:
            return None
        return sum((w * v for w, v in present), Fraction(0)) / total

    # --- counts, rates, verdicts --------------------------------------------------------

    def turnout(
        self, tally: Tally, group: str, *, target: str | None = None, item: str | None = None
    ) -> Turnout:
        """Issued, returned and valid counts of ``group``, for one target or all of them."""
        self._check_tally(tally)
        self._require_group(group)
        item = self._require_item(item)
        targets = tally.targets if target is None else (target,)
        issued_counts = [tally.issued_to(t, group) for t in targets]
        issued = (
            None if any(n is None for n in issued_counts) else sum(n or 0 for n in issued_counts)
        )
        returned = sum(tally.returned(t, group) for t in targets)
        valid = sum(
            n
            for t in targets
            for v, n in tally.verdicts(t, group, item).items()
            if v not in self.invalid
        )
        return Turnout(group=group, issued=issued, returned=returned, valid=valid)

    def satisfaction(
        self, tally: Tally, target: str, *, group: str | None = None, item: str | None = None
    ) -> Rate:
        """满意率 of ``target``: ``satisfied`` answers over the ``rate_base``, exact.

        Over every group and every item unless ``group`` or ``item`` narrows it.
        """
        self._check_tally(tally)
        groups = self.questionnaire.groups if group is None else (self._require_group(group),)
        items = self.questionnaire.items if item is None else (self._require_item(item),)
        satisfied = base = 0
        for i in items:
            for v, n in self._counts(tally, target, groups, i).items():
                satisfied += n if v in self.satisfied else 0
                base += n if self.rate_base is RateBase.RETURNED or v not in self.invalid else 0
        if not base:
            raise InvalidArgument(
                "target",
                target,
                f"有{self.rate_base.label}可计比率的测评对象",
                english=f"a target with {self.rate_base.label} to rate",
            )
        return Rate(name="满意率", numerator=satisfied, denominator=base)

    def verdict(
        self, tally: Tally, target: str, group: str, *, item: str | None = None
    ) -> str | None:
        """The group's verdict on ``target`` by the scheme's :class:`Majority` rule."""
        self._check_tally(tally)
        counts = self._counts(
            tally, target, (self._require_group(group),), self._require_item(item)
        )
        options = [v for v in self.questionnaire.options if v not in self.invalid]
        valid = sum(counts.get(v, 0) for v in options)
        if not valid:
            return None
        if self.majority is Majority.PLURALITY:
            # Best first, so the last of the most-voted is the less favourable of a tie.
            most = max(counts.get(v, 0) for v in options)
            return [v for v in options if counts.get(v, 0) == most][-1]
        if self.majority is Majority.ABSOLUTE:
            return next((v for v in options if 2 * counts.get(v, 0) > valid), None)
        if self.majority is Majority.ABSOLUTE_OF_ALL:
            every = sum(counts.values())
            return next((v for v in options if 2 * counts.get(v, 0) > every), None)
        strict = self.majority is Majority.STRICT_MEDIAN
        reached = 0
        for v in options:
            reached += counts.get(v, 0)
            if 2 * reached > valid or (not strict and 2 * reached == valid):
                return v
        raise AssertionError("unreachable: the cumulative count passes half of every vote")

    # --- helpers ----------------------------------------------------------------------

    def _counts(
        self, tally: Tally, target: str, groups: tuple[str, ...], item: str
    ) -> dict[str, int]:
        counts: dict[str, int] = {}
        for group in groups:
            for verdict, n in tally.verdicts(target, group, item).items():
                counts[verdict] = counts.get(verdict, 0) + n
        return counts

    def _has_valid(self, tally: Tally, target: str) -> bool:
        """Whether ``target`` has a valid answer that can carry a score."""
        groups, items = self.questionnaire.groups, self.questionnaire.items
        if self.missing is Missing.REDISTRIBUTE:
            # Redistributing never moves weight onto a group or item weighted 0: its answers
            # alone cannot make a score.
            if self.group_weights is not None:
                groups = tuple(g for g in groups if self.group_weights[g])
            if self.item_weights is not None and len(items) > 1:
                items = tuple(i for i in items if self.item_weights.get(i, 1))
        return any(
            v not in self.invalid
            for g in groups
            for item in items
            for v in tally.verdicts(target, g, item)
        )

    def _check_tally(self, tally: object) -> None:
        if not isinstance(tally, Tally) or tally.questionnaire != self.questionnaire:
            raise InvalidArgument(
                "tally",
                tally,
                f"问卷 {self.questionnaire.name!r} 的 Tally（统计）",
                english=f"a Tally of questionnaire {self.questionnaire.name!r}",
            )

    def _require_group(self, group: str) -> str:
        if group not in self.questionnaire.groups:
            raise InvalidArgument(
                "group",
                group,
                f"以下之一：{list(self.questionnaire.groups)}",
                english=f"one of {list(self.questionnaire.groups)}",
            )
        return group

    def _require_item(self, item: str | None) -> str:
        items = self.questionnaire.items
        if item is None and len(items) == 1:
            return items[0]
        if item not in items:
            raise InvalidArgument(
                "item", item, f"以下之一：{list(items)}", english=f"one of {list(items)}"
            )
        return item


def _weight_defects(
    name: str, weights: Mapping[str, Fraction] | None, expected: tuple[str, ...]
) -> list[Defect]:
    if weights is None:
        return []
    defects = []
    if set(weights) != set(expected):
        defects.append(
            Defect(
                f"{name} 列出的是 {sorted(weights)}：应恰为 {list(expected)}",
                english=f"{name} name {sorted(weights)}: expected exactly {list(expected)}",
            )
        )
    if any(w < 0 for w in weights.values()):
        defects.append(
            Defect(
                f"{name} {dict(weights)}：权重不能为负",
                english=f"{name} {dict(weights)}: weights cannot be negative",
            )
        )
    total = sum(weights.values(), Fraction(0))
    if total != 1:
        defects.append(
            Defect(
                f"{name} 合计为 {total}：应恰为 1",
                english=f"{name} sum to {total}: expected exactly 1",
            )
        )
    return defects
