"""The implementation plan (实施方案) a campaign runs to.

The higher authority hands down a plan: who organises it, the appraisal period, the units
appraised (评议对象), the stages with their windows, activities and gates, the goals, and the
recurring rhythms (一月一查一通报一考核 …).  :class:`CampaignPlan` holds all of it and checks
it when it is built.
"""

from __future__ import annotations

from datetime import date

import attrs

from xingfeng._checks import (
    instance_of,
    items_of,
    optional_instance,
    plain_date,
    text,
    to_tuple,
)
from xingfeng.assessment.goals import RankGoal, RateGoal
from xingfeng.calendar import Cadence, LimitUnit, Occurrence, WorkCalendar
from xingfeng.campaign.stages import Stage
from xingfeng.exceptions import Defect, InvalidDefinition, UnknownReference
from xingfeng.obligations import ExtensionRule
from xingfeng.organization.responsibility import ResponsibilityChain
from xingfeng.rectification.answers import AnswerPolicy
from xingfeng.rectification.categories import Taxonomy

__all__ = ["CampaignPlan"]


@attrs.frozen(kw_only=True)
class CampaignPlan:
    """Everything fixed when a campaign is launched.

    ``appraised`` are the units appraised; with a ``chain`` they must be units of its
    organisation, and the chain is where owners, actors and sections come from.  Problems
    and opinions are classified by ``taxonomy`` (any category when ``None``); ``answers``
    sets how soon each opinion must be answered; ``extensions``, if given, caps how far (in
    all) and how often a measure's deadline may be extended, and with ``approvers`` names the
    posts that approve (otherwise the owner's superior in the chain does).  Stages must
    have distinct keys and windows in order, without overlap, inside ``first … last``.
    """

    name: str = attrs.field(validator=text)
    organiser: str = attrs.field(validator=text)
    first: date = attrs.field(validator=plain_date)
    last: date = attrs.field(validator=plain_date)
    stages: tuple[Stage, ...] = attrs.field(converter=to_tuple, validator=items_of(Stage))
    appraised: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(str)
    )
    chain: ResponsibilityChain | None = attrs.field(
        default=None, validator=optional_instance(ResponsibilityChain)
    )
    goals: tuple[RankGoal | RateGoal, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of((RankGoal, RateGoal))
    )
    cadences: tuple[Cadence, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(Cadence)
    )
    calendar: WorkCalendar = attrs.field(
        factory=WorkCalendar.china, validator=instance_of(WorkCalendar)
    )
    taxonomy: Taxonomy | None = attrs.field(default=None, validator=optional_instance(Taxonomy))
    answers: AnswerPolicy = attrs.field(factory=AnswerPolicy, validator=instance_of(AnswerPolicy))
    extensions: ExtensionRule | None = attrs.field(
        default=None, validator=optional_instance(ExtensionRule)
    )

    def __attrs_post_init__(self) -> None:
        defects: list[Defect] = []
        if self.last < self.first:
            defects.append(
                Defect(
                    f"活动期间的结束日（{self.last}）早于开始日（{self.first}）",
                    english=f"the period ends ({self.last}) before it starts ({self.first})",
                )
            )
        if not self.stages:
            defects.append(
                Defect("评议活动至少要有一个阶段", english="a campaign needs at least one stage")
            )
        keys = [s.key for s in self.stages]
        defects.extend(
            Defect(
                f"阶段键 {k!r} 用了不止一次",
                (k,),
                english=f"stage key {k!r} is used more than once",
            )
            for k in sorted({k for k in keys if keys.count(k) > 1})
        )
        for before, after in zip(self.stages, self.stages[1:], strict=False):
            if after.first <= before.last:
                defects.append(
                    Defect(
                        f"阶段 {after.key!r} 于 {after.first} 开始，早于阶段 {before.key!r} "
                        f"的结束日 {before.last}：各阶段须依次排列、互不重叠",
                        (before.key, after.key),
                        english=(
                            f"stage {after.key!r} starts {after.first}, before stage "
                            f"{before.key!r} "
                            f"ends {before.last}: windows must be in order without overlap"
                        ),
                    )
                )
        if not defects:
            for stage in (self.stages[0], self.stages[-1]):
                if stage.first < self.first or stage.last > self.last:
                    defects.append(
                        Defect(
                            f"阶段 {stage.key!r}（{stage.first} … {stage.last}）超出活动期间 "
                            f"{self.first} … {self.last}",
                            (stage.key,),
                            english=(
                                f"stage {stage.key!r} ({stage.first} … {stage.last}) lies outside "
                                f"the period {self.first} … {self.last}"
                            ),
                        )
                    )
        if self.chain is not None:
            org = self.chain.organization
            defects.extend(
                Defect(
                    f"参评单位 {u!r} 不在组织机构之中",
                    (u,),
                    english=f"appraised unit {u!r} is not a unit of the organisation",
                )
                for u in self.appraised
                if not org.has_unit(u)
            )
            for stage in self.stages:
                for gate in stage.gates:
                    unknown = sorted(
                        u for u in getattr(gate, "units", ()) or () if not org.has_unit(u)
                    )
                    defects.extend(
                        Defect(
                            f"阶段 {stage.key!r}："
                            f"转段条件“{getattr(gate, 'label', gate.name)}”所列的单位 {u!r} 不存在",
                            (stage.key, u),
                            english=(
                                f"stage {stage.key!r}: gate {gate.name} names unknown unit {u!r}"
                            ),
                        )
                        for u in unknown
                    )
        if self.extensions is not None and self.extensions.unit is LimitUnit.HOURS:
            defects.append(
                Defect(
                    f"extensions：措施的期限是日期，不能按{self.extensions.cap.label}的上限延长：请以日或月给出上限",
                    (self.extensions.cap,),
                    english=(
                        f"extensions: a cap of {self.extensions.cap.label} cannot extend a "
                        "measure's "
                        "deadline, which is a day: give the cap in days or months"
                    ),
                )
            )
        if defects:
            raise InvalidDefinition(
                f"实施方案 {self.name!r}", defects, english=f"campaign plan {self.name!r}"
            )

    @property
    def uncovered_years(self) -> tuple[int, ...]:
        """The years of the period whose holiday schedule the calendar does not know.

        A plan may run into them (the next year's schedule is often published late), but
        deadlines counted there are provisional until the campaign adopts a calendar that
        knows them (:meth:`xingfeng.Campaign.adopt_calendar`).
        """
        return self.calendar.uncovered_years(self.first, self.last)

    def stage_index(self, key: str) -> int:
        """The position of the stage called ``key``; :class:`UnknownReference` if none is."""
        for i, stage in enumerate(self.stages):
            if stage.key == key:
                return i
        raise UnknownReference("stage", key, [s.key for s in self.stages])

    def rhythm(self, first: date, last: date) -> tuple[Occurrence, ...]:
        """Every occurrence of the plan's cadences from ``first`` to ``last`` (R11:
        一月一查一通报一考核, 每季一督查 …), by date, then by cadence name."""
        found = [o for c in self.cadences for o in c.occurrences(first, last, self.calendar)]
        return tuple(sorted(found, key=lambda o: (o.on, o.name)))
