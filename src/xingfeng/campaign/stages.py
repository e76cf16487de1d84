"""Stages of a campaign, their planned activities, and the stage templates of the sources.

A campaign runs in stages, each with a date window, planned activities and exit criteria
(gates, :mod:`xingfeng.campaign.gates`).  Two templates come from the sources:

* the appraisal sequence 宣传动员 → 自查自纠 → 整改提高 → 总结评议 (seed 000 reports the end of
  its second stage);
* the 五字 sequence 查 → 改 → 实 → 固 → 强 (seed 003).

Templates are data: :class:`StageTemplate` holds names, activities and gates, and
:meth:`StageTemplate.plan` dates them.  A custom plan is a tuple of :class:`Stage` values.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import Any

import attrs

from xingfeng._checks import (
    LabelledEnum,
    instance_of,
    is_plain_date,
    items_of,
    member_of,
    optional_instance,
    require_collection,
    text,
    to_tuple,
)
from xingfeng.calendar import Cadence
from xingfeng.campaign.gates import (
    AllActivitiesHeld,
    AllSectionsInspected,
    EveryProblemHasMeasure,
    Gate,
    NoMeasureOverdue,
    StageReported,
)
from xingfeng.exceptions import Defect, InvalidArgument, InvalidDefinition, shown

__all__ = ["Activity", "ActivityKind", "Stage", "StageReport", "StageTemplate", "TemplateStage"]


class ActivityKind(LabelledEnum):
    """What a planned activity is."""

    MOBILISATION_MEETING = "mobilisation_meeting", "动员大会"
    STUDY_SESSION = "study_session", "集中学习"
    FORUM = "forum", "座谈会"
    QUESTIONNAIRE = "questionnaire", "问卷调查"
    INSPECTION = "inspection", "检查"
    SELF_INSPECTION = "self_inspection", "自查自纠"
    REVIEW = "review", "过堂会诊"
    SUPERVISION = "supervision", "督查"
    CIRCULAR = "circular", "通报"
    SUMMARY_MEETING = "summary_meeting", "总结大会"


@attrs.frozen(kw_only=True)
class Activity:
    """A planned activity of a stage: a one-off (动员大会) or recurring (``cadence``)."""

    id: str = attrs.field(validator=text)
    kind: ActivityKind = attrs.field(validator=member_of(ActivityKind))
    title: str = attrs.field(validator=text)
    cadence: Cadence | None = attrs.field(default=None, validator=optional_instance(Cadence))


def _is_gate(
    _instance: object, attribute: attrs.Attribute[tuple[Gate, ...]], value: tuple[Gate, ...]
) -> None:
    require_collection(attribute.name, value)
    for gate in value:
        if not isinstance(gate, Gate):
            raise InvalidArgument(
                attribute.name,
                gate,
                "Gate（转段条件，有 name 和 failures()）",
                english="a Gate (it has a name and failures())",
            )


@attrs.frozen(kw_only=True)
class Stage:
    """One stage of a campaign: a key, a name, a date window, activities and exit gates."""

    key: str = attrs.field(validator=text)
    name: str = attrs.field(validator=text)
    first: date
    last: date
    activities: tuple[Activity, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(Activity)
    )
    gates: tuple[Gate, ...] = attrs.field(default=(), converter=to_tuple, validator=_is_gate)

    def __attrs_post_init__(self) -> None:
        defects: list[Defect] = []
        for field in ("first", "last"):
            value = getattr(self, field)
            if not is_plain_date(value):
                defects.append(
                    Defect(
                        f"{field}={shown(value)} 须为 datetime.date 日期",
                        (value,),
                        english=f"{field} {shown(value)} must be a datetime.date",
                    )
                )
        if not defects and self.last < self.first:
            defects.append(
                Defect(
                    f"结束日 last={self.last} 早于开始日 first={self.first}",
                    english=f"last {self.last} is before first {self.first}",
                )
            )
        ids = [a.id for a in self.activities]
        defects.extend(
            Defect(
                f"活动编号 {shown(i)} 用了不止一次",
                (i,),
                english=f"activity id {shown(i)} is used more than once",
            )
            for i in sorted({i for i in ids if ids.count(i) > 1})
        )
        if defects:
            raise InvalidDefinition(
                f"阶段 {shown(self.key)}", defects, english=f"stage {shown(self.key)}"
            )

    def activity(self, activity_id: str) -> Activity:
        """The planned activity called ``activity_id``."""
        for activity in self.activities:
            if activity.id == activity_id:
                return activity
        raise InvalidArgument(
            "activity",
            activity_id,
            f"阶段 {self.key} 的活动之一：{[a.id for a in self.activities]}",
            english=f"one of {[a.id for a in self.activities]} in stage {self.key}",
        )


def _read_only(value: Mapping[str, int]) -> Mapping[str, int]:
    if not isinstance(value, Mapping):
        raise InvalidArgument(
            "figures",
            value,
            '名称到数目的映射，如 {"归类意见": 8}',
            english='a mapping of names to counts, e.g. {"归类意见": 8}',
        )
    return MappingProxyType(dict(value))


def _counts(_instance: object, attribute: attrs.Attribute[Any], value: Mapping[str, int]) -> None:
    for name, count in value.items():
        if not isinstance(name, str) or not name.strip():
            raise InvalidArgument(
                "figures",
                name,
                "每个数字都有非空的名称",
                english="a non-empty name for each figure",
            )
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise InvalidArgument(
                f"figures[{shown(name)}]",
                count,
                "数目：不小于 0 的整数",
                english="a count: an int >= 0",
            )


@attrs.frozen(kw_only=True)
class StageReport:
    """The report that closes a stage (阶段总结暨转段报告).

    ``figures`` are named counts (e.g. ``{"归类意见": 8}``); ``open_problems`` the ids still
    open; ``next_plan`` what the next stage will do.
    """

    summary: str = attrs.field(validator=text)
    # Read-only, so a filed report (and the event holding it) cannot change afterwards.
    figures: Mapping[str, int] = attrs.field(
        factory=dict, converter=_read_only, validator=_counts, hash=False
    )
    open_problems: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(str)
    )
    next_plan: str = attrs.field(default="", validator=instance_of(str))


@attrs.frozen(kw_only=True)
class TemplateStage:
    """A stage of a template, before it has dates."""

    key: str = attrs.field(validator=text)
    name: str = attrs.field(validator=text)
    activities: tuple[Activity, ...] = attrs.field(default=(), converter=to_tuple)
    gates: tuple[Gate, ...] = attrs.field(default=(), converter=to_tuple, validator=_is_gate)


@attrs.frozen(kw_only=True)
class StageTemplate:
    """A named sequence of stages; :meth:`plan` gives them date windows."""

    name: str = attrs.field(validator=text)
    stages: tuple[TemplateStage, ...] = attrs.field(
        converter=to_tuple, validator=items_of(TemplateStage)
    )

    def plan(self, windows: Sequence[tuple[date, date]]) -> tuple[Stage, ...]:
        """The stages with one ``(first, last)`` window each, in order and not overlapping."""
        if len(windows) != len(self.stages):
            raise InvalidArgument(
                "windows",
                windows,
                f"{len(self.stages)} 对 (first, last)，每个阶段一对",
                english=f"{len(self.stages)} (first, last) pairs, one per stage",
            )
        stages = tuple(
            Stage(
                key=t.key,
                name=t.name,
                first=first,
                last=last,
                activities=t.activities,
                gates=t.gates,
            )
            for t, (first, last) in zip(self.stages, windows, strict=True)
        )
        for before, after in itertools.pairwise(stages):
            if after.first <= before.last:
                raise InvalidArgument(
                    "windows",
                    windows,
                    f"依次排列、互不重叠的时间窗口（{after.key} 于 {after.first} 开始，早于 "
                    f"{before.key} 的结束日 {before.last}）",
                    english=(
                        f"windows in order without overlap ({after.key} starts {after.first}, "
                        f"before {before.key} ends {before.last})"
                    ),
                )
        return stages

    @classmethod
    def appraisal(cls) -> StageTemplate:
        """宣传动员 → 自查自纠 → 整改提高 → 总结评议, with the gates the sources imply."""
        return cls(
            name="民主评议行风",
            stages=(
                TemplateStage(
                    key="mobilise",
                    name="宣传动员",
                    activities=(
                        Activity(
                            id="mobilisation",
                            kind=ActivityKind.MOBILISATION_MEETING,
                            title="动员大会",
                        ),
                    ),
                    gates=(AllActivitiesHeld(), StageReported()),
                ),
                TemplateStage(
                    key="self_inspect",
                    name="自查自纠",
                    activities=(
                        Activity(id="forum", kind=ActivityKind.FORUM, title="评议代表、用户座谈会"),
                        Activity(
                            id="review", kind=ActivityKind.REVIEW, title="逐个科室过堂、集体会诊"
                        ),
                    ),
                    gates=(
                        AllActivitiesHeld(),
                        AllSectionsInspected(),
                        EveryProblemHasMeasure(),
                        StageReported(),
                    ),
                ),
                TemplateStage(
                    key="rectify",
                    name="整改提高",
                    gates=(EveryProblemHasMeasure(), NoMeasureOverdue(), StageReported()),
                ),
                TemplateStage(
                    key="conclude",
                    name="总结评议",
                    activities=(
                        Activity(id="summary", kind=ActivityKind.SUMMARY_MEETING, title="总结大会"),
                    ),
                    gates=(AllActivitiesHeld(), NoMeasureOverdue(), StageReported()),
                ),
            ),
        )

    @classmethod
    def five_characters(cls) -> StageTemplate:
        """查 → 改 → 实 → 固 → 强, the 作风建设年 sequence of seed 003."""
        report = StageReported()
        return cls(
            name="作风建设年",
            stages=(
                TemplateStage(
                    key="find",
                    name="查",
                    gates=(AllSectionsInspected(), report),
                ),
                TemplateStage(key="fix", name="改", gates=(EveryProblemHasMeasure(), report)),
                TemplateStage(key="do", name="实", gates=(NoMeasureOverdue(), report)),
                TemplateStage(key="secure", name="固", gates=(NoMeasureOverdue(), report)),
                TemplateStage(key="strengthen", name="强", gates=(report,)),
            ),
        )
