"""Facts (事实): what evaluation rules look at, derived from a campaign as plain values.

Rules never reach into a campaign.  :func:`campaign_facts` reads it once, on a given day,
and gives, for every unit, person and problem, a flat mapping of named values (counts,
days, states, flags); a host application adds its own facts (a satisfaction rate, a rank,
leave taken before approval …) with ``unit_extras`` or ``person_extras``.  Every value is
an ``int``, a ``Decimal``, a ``Fraction``, a ``str``, a ``bool`` or ``None`` (unknown).

Definitions, per unit:

- ``complaints``: complaints received about the unit;
- ``verified_complaints``: complaints found 属实 or 部分属实
  (:meth:`~xingfeng.Campaign.give_verdict`; merging a complaint into a problem says it was
  heard, not that it was true); ``escalated_verified_complaints``: those escalated past the
  unit (越级, R6);
- ``repeated_complaints``: complaints flagged as repeated (重复投诉, R10);
- ``open_problems``: problems not closed; ``overdue_measures``: measures overdue on the day
  (R9), and ``max_days_overdue`` the longest delay among them (0 when none);
- ``late_measures``: measures late on the day — overdue, or done after their deadline (in the
  period, with ``since``) — and ``max_days_late`` the longest delay among them, in calendar
  days: a measure done 40 days late leaves a trace after it is done (R9);
- ``unanswered_overdue``: opinions whose answer is overdue (R10).

Per person (measure owners): ``overdue_measures``, ``max_days_overdue``, ``late_measures``,
``max_days_late``, ``owned_measures``.  Per problem: ``state``, ``overdue_measures``,
``unanswered``, ``unsatisfied`` (complainants not satisfied), ``days_open``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from xingfeng._checks import (
    local_date,
    plain_date,
    require_date,
    require_instance,
    require_mapping,
)
from xingfeng.exceptions import InvalidArgument, shown
from xingfeng.obligations import Verdict
from xingfeng.rectification.problems import ProblemState
from xingfeng.rules.decisions import FactValue, is_fact_value

if TYPE_CHECKING:
    from xingfeng.campaign.aggregate import Campaign

__all__ = ["FACT_LABELS", "FactBook", "campaign_facts"]

_UNIT_FACTS = (
    "complaints",
    "verified_complaints",
    "escalated_verified_complaints",
    "repeated_complaints",
    "open_problems",
    "overdue_measures",
    "max_days_overdue",
    "late_measures",
    "max_days_late",
    "unanswered_overdue",
)
_PERSON_FACTS = (
    "overdue_measures",
    "max_days_overdue",
    "late_measures",
    "max_days_late",
    "owned_measures",
)
_PROBLEM_FACTS = ("state", "overdue_measures", "unanswered", "unsatisfied", "days_open")

#: The Chinese name of each fact the library derives or its catalogue reads, as explanations
#: print it (``max_days_late`` reads 最长逾期天数).  A host's own facts show by their name.
FACT_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "complaints": "投诉件数",
        "verified_complaints": "属实投诉件数",
        "escalated_verified_complaints": "越级属实投诉件数",
        "repeated_complaints": "重复投诉件数",
        "open_problems": "未销号问题数",
        "overdue_measures": "逾期未完成措施数",
        "max_days_overdue": "最长逾期未完成天数",
        "late_measures": "逾期措施数",
        "max_days_late": "最长逾期天数",
        "unanswered_overdue": "逾期未答复意见数",
        "owned_measures": "负责的措施数",
        "state": "问题状态",
        "unanswered": "未答复意见数",
        "unsatisfied": "不满意的投诉人数",
        "days_open": "已登记天数",
        "leave_before_approval": "未经批准先行休假次数",
        "missed_key_work": "未完成月度重点工作",
        "grade": "考核等次",
    }
)


def _fact_value(name: str, value: object) -> FactValue:
    if is_fact_value(value):
        return value
    raise InvalidArgument(
        name,
        value,
        "int、有限的 Decimal、Fraction、str、bool 或 None（不能是浮点数，浮点数不精确）",
        english="an int, a finite Decimal, a Fraction, a str, a bool or None (no float)",
    )


def _frozen(name: str, table: object) -> Mapping[str, Mapping[str, FactValue]]:
    """A table of facts, read-only; refuses anything but a mapping of subject ids to
    mappings of fact names to values."""
    if not isinstance(table, Mapping):
        raise InvalidArgument(
            name,
            table,
            "编号到事实（事实名称到取值的映射）的映射",
            english="a mapping of ids to facts (mappings of fact names to values)",
        )
    for subject, facts in table.items():
        if not isinstance(facts, Mapping):
            raise InvalidArgument(
                f"{name}[{shown(subject)}]",
                facts,
                "事实名称到取值的映射",
                english="a mapping of fact names to values",
            )
    return MappingProxyType({k: MappingProxyType(dict(v)) for k, v in table.items()})


def _units(table: object) -> Mapping[str, Mapping[str, FactValue]]:
    return _frozen("units", table)


def _people(table: object) -> Mapping[str, Mapping[str, FactValue]]:
    return _frozen("people", table)


def _problems(table: object) -> Mapping[str, Mapping[str, FactValue]]:
    return _frozen("problems", table)


@attrs.frozen(kw_only=True)
class FactBook:
    """The facts of a campaign on day ``on``: by unit, by person and by problem (read-only)."""

    on: date = attrs.field(validator=plain_date)
    units: Mapping[str, Mapping[str, FactValue]] = attrs.field(converter=_units, hash=False)
    people: Mapping[str, Mapping[str, FactValue]] = attrs.field(converter=_people, hash=False)
    problems: Mapping[str, Mapping[str, FactValue]] = attrs.field(converter=_problems, hash=False)


_TRUE = frozenset({Verdict.TRUE, Verdict.PARTLY_TRUE})


def _late(row: dict[str, FactValue], days: int) -> None:
    row["late_measures"] = int(row["late_measures"] or 0) + 1
    row["max_days_late"] = max(int(row["max_days_late"] or 0), days)


def campaign_facts(
    campaign: Campaign,
    on: date,
    *,
    since: date | None = None,
    unit_extras: Mapping[str, Mapping[str, FactValue]] | None = None,
    person_extras: Mapping[str, Mapping[str, FactValue]] | None = None,
) -> FactBook:
    """The facts of ``campaign`` on ``on``; with ``since``, of the period ``since`` … ``on``.

    A period (a month for 一月一查一通报一考核, a quarter …) limits the complaint counts to
    complaints received in it; states, open problems and overdue work are as of ``on``.

    ``unit_extras`` and ``person_extras`` add or override facts by unit or person id: a
    host's own facts, such as a satisfaction rate, a rank or leave taken before approval.
    """
    from xingfeng.campaign.aggregate import Campaign  # here: importing it above is a cycle

    require_instance("campaign", campaign, Campaign, "Campaign（评议活动）")
    require_date("on", on)
    require_mapping("unit_extras", unit_extras, optional=True)
    require_mapping("person_extras", person_extras, optional=True)
    if since is not None and require_date("since", since) > on:
        raise InvalidArgument(
            "since", since, f"不晚于 on={on} 的日期", english=f"a day on or before on={on}"
        )
    zone = campaign.plan.calendar.zone
    chain = campaign.plan.chain
    unit_ids: list[str] = [u.id for u in chain.organization.units] if chain is not None else []
    units: dict[str, dict[str, FactValue]] = {u: dict.fromkeys(_UNIT_FACTS, 0) for u in unit_ids}
    people: dict[str, dict[str, FactValue]] = {}
    problems: dict[str, dict[str, FactValue]] = {}

    def unit(unit_id: str) -> dict[str, FactValue]:
        return units.setdefault(unit_id, dict.fromkeys(_UNIT_FACTS, 0))

    def person(person_id: str) -> dict[str, FactValue]:
        return people.setdefault(person_id, dict.fromkeys(_PERSON_FACTS, 0))

    def add(row: dict[str, FactValue], name: str, amount: int = 1) -> None:
        row[name] = int(row[name] or 0) + amount

    repeated = campaign.repeated_complaints()
    for opinion in campaign.opinions.values():
        if opinion.complaint is None:
            continue
        received = local_date(opinion.received_at, zone)
        if received > on or (since is not None and received < since):
            continue
        row = unit(opinion.unit)
        add(row, "complaints")
        if campaign.verdict(opinion.id) in _TRUE:
            add(row, "verified_complaints")
            if opinion.complaint.escalated:
                add(row, "escalated_verified_complaints")
        if opinion.id in repeated:
            add(row, "repeated_complaints")

    for problem in campaign.problems.values():
        if problem.state is not ProblemState.CLOSED:
            add(unit(problem.unit), "open_problems")
        unsatisfied = sum(
            1
            for o in problem.opinions
            if campaign.opinions[o].complaint is not None and campaign.satisfied(o) is not True
        )
        problems[problem.id] = {
            "state": problem.state.value,
            "overdue_measures": 0,
            "unanswered": sum(
                1
                for o in problem.opinions
                if campaign.opinions[o].needs_answer and campaign.answer(o) is None
            ),
            "unsatisfied": unsatisfied,
            "days_open": (on - local_date(problem.recorded_at, zone)).days,
        }

    for measure in campaign.measures.values():
        add(person(measure.owner), "owned_measures")
    for item in campaign.overdue(on):
        late = (on - item.due).days
        if item.kind == "answer":
            add(unit(item.unit), "unanswered_overdue")
            continue
        measure = campaign.measures[item.id]
        for row in (unit(item.unit), person(measure.owner), problems[measure.problem]):
            add(row, "overdue_measures")
            if "max_days_overdue" in row:
                row["max_days_overdue"] = max(int(row["max_days_overdue"] or 0), late)
        _late(unit(item.unit), late)
        _late(person(measure.owner), late)
    # Done after the deadline: late, though no longer overdue (R9).
    for measure in campaign.measures.values():
        if measure.done_at is None:
            continue
        done = local_date(measure.done_at, zone)
        if done > on or done <= measure.deadline or (since is not None and done < since):
            continue
        late = (done - measure.deadline).days
        unit_id = measure.unit or campaign.problems[measure.problem].unit
        _late(unit(unit_id), late)
        _late(person(measure.owner), late)

    for table, extras, label in (
        (units, unit_extras, "unit_extras"),
        (people, person_extras, "person_extras"),
    ):
        for subject, facts in (extras or {}).items():
            if not isinstance(facts, Mapping):
                raise InvalidArgument(
                    f"{label}[{shown(subject)}]",
                    facts,
                    "事实名称到取值的映射",
                    english="a mapping of fact names to values",
                )
            target = table.setdefault(subject, {})
            for name, value in facts.items():
                if not isinstance(name, str) or not name:
                    raise InvalidArgument(
                        f"{label}[{shown(subject)}]",
                        name,
                        "非空的事实名称",
                        english="a non-empty fact name",
                    )
                target[name] = _fact_value(f"{label}[{subject!r}][{name!r}]", value)
    return FactBook(on=on, units=units, people=people, problems=problems)
