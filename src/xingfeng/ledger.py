"""The ledger (台账): the problem list, the measure list and the responsibility list.

问题清单、措施清单、责任清单 as plain rows, made from a campaign on a given day, for a host
application to export (CSV, Excel, a web table).  Every cell is a string, a date, a bool or
``None``; :meth:`Ledger.tables` gives the same rows as dictionaries keyed by the Chinese
column headings the ledgers use.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar

import attrs

from xingfeng._checks import local_date, require_date
from xingfeng.categories import Taxonomy
from xingfeng.responsibility import ResponsibilityChain

if TYPE_CHECKING:
    from xingfeng.campaign import Campaign

__all__ = ["Ledger", "MeasureRow", "ProblemRow", "ResponsibilityRow"]

Cell = str | date | bool | None


@attrs.frozen(kw_only=True)
class ProblemRow:
    """One line of the problem list (问题清单)."""

    problem: str
    unit: str
    title: str
    category: str | None
    category_label: str | None
    sources: str
    severity: str
    urgency: str
    difficulty: str
    owner: str | None
    state: str
    recorded_on: date

    HEADERS: ClassVar[Mapping[str, str]] = MappingProxyType(
        {
            "problem": "问题编号",
            "unit": "责任单位",
            "title": "问题",
            "category": "类别代码",
            "category_label": "类别",
            "sources": "来源",
            "severity": "严重程度",
            "urgency": "紧急程度",
            "difficulty": "整改难度",
            "owner": "责任人",
            "state": "状态",
            "recorded_on": "登记日期",
        }
    )


@attrs.frozen(kw_only=True)
class MeasureRow:
    """One line of the measure list (措施清单)."""

    measure: str
    problem: str
    title: str
    kind: str
    unit: str
    owner: str
    due: date
    deadline: date
    done_on: date | None
    evidence: str | None
    overdue: bool

    HEADERS: ClassVar[Mapping[str, str]] = MappingProxyType(
        {
            "measure": "措施编号",
            "problem": "问题编号",
            "title": "整改措施",
            "kind": "措施类型",
            "unit": "实施单位",
            "owner": "责任人",
            "due": "整改时限",
            "deadline": "延期后时限",
            "done_on": "完成日期",
            "evidence": "完成佐证",
            "overdue": "是否逾期",
        }
    )


@attrs.frozen(kw_only=True)
class ResponsibilityRow:
    """One line of the responsibility list (责任清单): who answers for what, and who drives
    them in the chain (``leader``)."""

    problem: str
    measure: str | None
    person: str
    role: str
    post: str | None
    unit: str | None
    leader: str | None

    HEADERS: ClassVar[Mapping[str, str]] = MappingProxyType(
        {
            "problem": "问题编号",
            "measure": "措施编号",
            "person": "责任人",
            "role": "责任",
            "post": "职务",
            "unit": "所在单位",
            "leader": "上级责任人",
        }
    )


@attrs.frozen(kw_only=True)
class Ledger:
    """The three lists of a campaign's rectification on day ``on``."""

    on: date
    problems: tuple[ProblemRow, ...]
    measures: tuple[MeasureRow, ...]
    responsibilities: tuple[ResponsibilityRow, ...]

    @classmethod
    def of(cls, campaign: Campaign, on: date) -> Ledger:
        """The ledger of ``campaign`` as it stands, with overdue judged on ``on``;
        :meth:`Campaign.ledger <xingfeng.Campaign.ledger>` gives the state of a past day."""
        require_date("on", on)
        zone = campaign.plan.calendar.zone
        chain = campaign.plan.chain
        taxonomy = campaign.plan.taxonomy
        problems = []
        responsibilities = []
        for problem in campaign.problems.values():
            if problem.owner is not None:
                responsibilities.append(_responsibility(chain, problem.id, None, problem.owner))
            counts: dict[str, int] = {}
            for opinion in problem.opinions:
                label = campaign.opinions[opinion].source.label
                counts[label] = counts.get(label, 0) + 1
            problems.append(
                ProblemRow(
                    problem=problem.id,
                    unit=problem.unit,
                    title=problem.title,
                    category=problem.category,
                    category_label=_label(taxonomy, problem.category),
                    sources="、".join(f"{label}{n}" for label, n in counts.items()),
                    severity=problem.severity.label,
                    urgency=problem.urgency.label,
                    difficulty=problem.difficulty.label,
                    owner=problem.owner,
                    state=problem.state.label,
                    recorded_on=local_date(problem.recorded_at, zone),
                )
            )
        measures = []
        for measure in campaign.measures.values():
            unit = measure.unit or campaign.problems[measure.problem].unit
            measures.append(
                MeasureRow(
                    measure=measure.id,
                    problem=measure.problem,
                    title=measure.title,
                    kind=measure.kind.label,
                    unit=unit,
                    owner=measure.owner,
                    due=measure.due,
                    deadline=measure.deadline,
                    done_on=local_date(measure.done_at, zone) if measure.done_at else None,
                    evidence=measure.evidence,
                    overdue=measure.is_overdue(on),
                )
            )
            responsibilities.append(
                _responsibility(chain, measure.problem, measure.id, measure.owner)
            )
        return cls(
            on=on,
            problems=tuple(problems),
            measures=tuple(measures),
            responsibilities=tuple(responsibilities),
        )

    def tables(self) -> dict[str, list[dict[str, Cell]]]:
        """The three lists as rows keyed by their Chinese column headings."""
        return {
            "问题清单": [_row(r, ProblemRow.HEADERS) for r in self.problems],
            "措施清单": [_row(r, MeasureRow.HEADERS) for r in self.measures],
            "责任清单": [_row(r, ResponsibilityRow.HEADERS) for r in self.responsibilities],
        }


def _label(taxonomy: Taxonomy | None, category: str | None) -> str | None:
    if category is None or taxonomy is None:
        return None
    return taxonomy.label_path(category)


def _row(row: object, headers: Mapping[str, str]) -> dict[str, Cell]:
    return {heading: getattr(row, name) for name, heading in headers.items()}


def _responsibility(
    chain: ResponsibilityChain | None, problem: str, measure: str | None, person: str
) -> ResponsibilityRow:
    role = "措施责任人" if measure is not None else "问题责任人"
    if chain is None or person not in chain.holders:
        return ResponsibilityRow(
            problem=problem,
            measure=measure,
            person=person,
            role=role,
            post=None,
            unit=None,
            leader=None,
        )
    return ResponsibilityRow(
        problem=problem,
        measure=measure,
        person=person,
        role=role,
        post=chain.post_of(person).label,
        unit=chain.unit_of(person),
        leader=chain.driver_of(person),
    )
