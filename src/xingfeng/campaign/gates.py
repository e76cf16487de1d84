"""Exit criteria of a stage (转段条件), as data.

A gate looks at a campaign on a day and returns the items that fail it: an empty tuple means
the gate holds.  :meth:`xingfeng.Campaign.advance` moves to the next stage only when every
gate of the current stage holds, and otherwise raises :class:`GateNotMet` listing every
failing gate with its items.

The built-in gates cover the criteria the sources imply; a host application adds its own by
writing a class with a ``name`` and a ``failures(campaign, on)`` method (see
:class:`Gate`) and, to serialize it, registering it with :func:`register_gate`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import attrs

from xingfeng._checks import local_date, texts, to_frozenset
from xingfeng.exceptions import InvalidArgument
from xingfeng.serialization import register_tagged_union

if TYPE_CHECKING:
    from xingfeng.campaign.aggregate import Campaign

__all__ = [
    "AllActivitiesHeld",
    "AllSectionsInspected",
    "EveryProblemHasMeasure",
    "Gate",
    "NoMeasureOverdue",
    "StageReported",
    "register_gate",
]


@runtime_checkable
class Gate(Protocol):
    """What an exit criterion provides: a readable name and the items that fail it."""

    @property
    def name(self) -> str:
        """What the gate requires, in words a user reads (e.g. 各科室已提交自查报告)."""
        ...

    def failures(self, campaign: Campaign, on: date) -> tuple[str, ...]:
        """The items that fail the gate on ``on``; empty when it holds."""
        ...


@attrs.frozen
class AllActivitiesHeld:
    """Every planned activity of the stage was held; a recurring one once in every period of
    its cadence that has fallen due so far within the stage (每半年自查一次 is once in each
    half-year: two self-checks in December do not make up for a missed first half)."""

    @property
    def name(self) -> str:
        """计划活动均已开展."""
        return "计划活动均已开展 (planned activities held)"

    @property
    def label(self) -> str:
        """The Chinese name alone, as documents print it."""
        return "计划活动均已开展"

    def failures(self, campaign: Campaign, on: date) -> tuple[str, ...]:
        """Activities not held, and recurring ones with periods in which they were not held."""
        stage = campaign.stage
        zone = campaign.plan.calendar.zone
        found: list[str] = []
        for activity in stage.activities:
            held = campaign.held(activity.id, stage=stage.key)
            if activity.cadence is None:
                if not held:
                    found.append(f"{activity.title}：尚未开展")
                continue
            end = min(on, stage.last)
            # The stand-in counts weekdays in a year whose schedule is not yet known, so a
            # stage that runs into it can still be judged; the periods are the same.
            due = (
                activity.cadence.occurrences(stage.first, end, campaign.calendar.stand_in())
                if end >= stage.first
                else ()
            )
            days = sorted(local_date(moment, zone) for moment in held)
            missed = [
                o
                for o in due
                # a period is kept if the activity was held on some day within it
                if bisect_right(days, o.period_last) == bisect_left(days, o.period_first)
            ]
            if missed:
                shown = "、".join(f"{o.period_first}…{o.period_last}" for o in missed[:3])
                more = f"等{len(missed)}个周期" if len(missed) > 3 else ""
                found.append(
                    f"{activity.title}：应开展{len(due)}个周期，已开展{len(due) - len(missed)}个，"
                    f"缺 {shown}{more}"
                )
        return tuple(found)


@attrs.frozen(kw_only=True)
class AllSectionsInspected:
    """Every section submitted its self-inspection (自查报告).

    ``units`` names the sections; empty means every unit of the campaign's organisation
    except the root and the supervision offices.
    """

    units: frozenset[str] = attrs.field(
        default=frozenset(), converter=to_frozenset, validator=texts
    )

    @property
    def name(self) -> str:
        """各科室已提交自查报告."""
        return "各科室已提交自查报告 (every section submitted its self-inspection)"

    @property
    def label(self) -> str:
        """The Chinese name alone, as documents print it."""
        return "各科室已提交自查报告"

    def failures(self, campaign: Campaign, on: date) -> tuple[str, ...]:
        """Sections without a self-inspection."""
        units = sorted(self.units) if self.units else campaign.sections()
        return tuple(u for u in units if u not in campaign.self_inspections)


@attrs.frozen
class EveryProblemHasMeasure:
    """Every recorded problem has at least one rectification measure."""

    @property
    def name(self) -> str:
        """每个问题都有整改措施."""
        return "每个问题都有整改措施 (every problem has a measure)"

    @property
    def label(self) -> str:
        """The Chinese name alone, as documents print it."""
        return "每个问题都有整改措施"

    def failures(self, campaign: Campaign, on: date) -> tuple[str, ...]:
        """Problems without a measure."""
        return campaign.problems_without_measures()


@attrs.frozen
class NoMeasureOverdue:
    """No measure is past its deadline undone; an approved extension moves the deadline."""

    @property
    def name(self) -> str:
        """整改措施无逾期."""
        return "整改措施无逾期 (no measure overdue)"

    @property
    def label(self) -> str:
        """The Chinese name alone, as documents print it."""
        return "整改措施无逾期"

    def failures(self, campaign: Campaign, on: date) -> tuple[str, ...]:
        """Measures overdue on ``on``, with their deadline."""
        return tuple(f"{m.id}（期限 {m.deadline}）" for m in campaign.overdue_measures(on))


@attrs.frozen
class StageReported:
    """The stage's report (阶段总结暨转段报告) has been filed."""

    @property
    def name(self) -> str:
        """阶段总结报告已提交."""
        return "阶段总结暨转段报告已提交 (stage report filed)"

    @property
    def label(self) -> str:
        """The Chinese name alone, as documents print it."""
        return "阶段总结暨转段报告已提交"

    def failures(self, campaign: Campaign, on: date) -> tuple[str, ...]:
        """The stage, if its report is missing."""
        key = campaign.stage.key
        return () if key in campaign.reports else (key,)


_REGISTRY: dict[str, type] = {
    "activities_held": AllActivitiesHeld,
    "self_inspections_submitted": AllSectionsInspected,
    "every_problem_has_measure": EveryProblemHasMeasure,
    "no_measure_overdue": NoMeasureOverdue,
    "stage_report_filed": StageReported,
}


def register_gate(key: str, gate_type: type) -> None:
    """Make a custom attrs gate class serializable under ``key``.

    Refuses a key already taken by another class, and a class that is not an attrs class
    implementing :class:`Gate`.
    """
    if not isinstance(key, str) or not key:
        raise InvalidArgument("key", key, "非空文字", english="a non-empty string")
    if not (attrs.has(gate_type) and hasattr(gate_type, "failures") and hasattr(gate_type, "name")):
        raise InvalidArgument(
            "gate_type",
            gate_type,
            "有 name 和 failures() 的 attrs 类",
            english="an attrs class with name and failures()",
        )
    if _REGISTRY.get(key, gate_type) is not gate_type:
        raise InvalidArgument(
            "key",
            key,
            f"尚未使用的键（此键已由 {_REGISTRY[key].__name__} 使用）",
            english=f"a key not already used (by {_REGISTRY[key].__name__})",
        )
    _REGISTRY[key] = gate_type


def gate_types() -> dict[str, type]:
    """The registered gate classes by key (for serialization)."""
    return dict(_REGISTRY)


# A gate in a plan is written with its registered key, {"gate": "all_activities_held", ...}.
register_tagged_union(Gate, "gate", gate_types)
