"""Evaluation rules (考核规则): decision tables over facts, turned into findings.

A :class:`Rule` puts a :class:`~xingfeng.DecisionTable` to work on one kind of subject
(units, people or problems) and says what each output column means: a deduction, a bonus, a
sanction on the ladder, a notice to a seconded person's home unit, or accountability through
the responsibility chain.  A :class:`RuleSet` groups the rules a plan states, with the
liability policy they use.  :func:`evaluate` reads a campaign's facts on a day and gives
:class:`Finding` values, each of which explains itself: the rule set, the table and rules
that fired, the facts that matched, the effects and, for liability, the chain path.

Rules are data: a unit changes them per campaign, and nothing in them is run as code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, TypeGuard

import attrs

from xingfeng._checks import (
    LabelledEnum,
    instance_of,
    items_of,
    member_of,
    optional_instance,
    require_instance,
    require_items,
    require_mapping,
    text,
    to_tuple,
)
from xingfeng.exceptions import InvalidArgument, InvalidDefinition, shown
from xingfeng.obligations.regime import did_you_mean
from xingfeng.organization.responsibility import LiabilityPolicy, ResponsibilityChain
from xingfeng.rectification.problems import ProblemState
from xingfeng.rules.decisions import DecisionTable, FactValue, Hit
from xingfeng.rules.facts import (
    _PERSON_FACTS,
    _PROBLEM_FACTS,
    _UNIT_FACTS,
    FACT_LABELS,
    FactBook,
    campaign_facts,
)
from xingfeng.rules.sanctions import (
    Accountability,
    Aggravation,
    Bonus,
    Deduction,
    Effect,
    Escalation,
    EscalationMode,
    LiablePerson,
    Notification,
    Penalty,
    Sanction,
    escalate,
    home_unit_notifications,
    resolve_accountability,
)

if TYPE_CHECKING:
    from xingfeng.campaign.aggregate import Campaign

__all__ = [
    "EffectKind",
    "Finding",
    "Rule",
    "RuleSet",
    "Subject",
    "campaign_fact_names",
    "evaluate",
    "evaluate_facts",
    "findings_for",
]


class Subject(LabelledEnum):
    """Whose facts a rule reads."""

    UNIT = "unit", "单位"
    PERSON = "person", "个人"
    PROBLEM = "problem", "问题"


class EffectKind(LabelledEnum):
    """What an output column of a rule's table means."""

    DEDUCTION = "deduction", "扣分"  #: points taken off (a number)
    BONUS = "bonus", "加分"  #: points added (a number)
    SANCTION = "sanction", "处理"  #: a rung of the ladder (its value or its Chinese label)
    NOTIFY_HOME_UNIT = "notify_home_unit", "通报原单位"  #: true: tell a seconded person's home unit
    ACCOUNTABILITY = "accountability", "责任追究"  #: true: resolve liability through the chain


_CAMPAIGN_FACTS = {
    Subject.UNIT: _UNIT_FACTS,
    Subject.PERSON: _PERSON_FACTS,
    Subject.PROBLEM: _PROBLEM_FACTS,
}


def campaign_fact_names(subject: Subject) -> tuple[str, ...]:
    """The facts :func:`~xingfeng.campaign_facts` gives each ``subject``.  A rule's table
    may read these and the ``host_facts`` the rule names; any other input is a slip.

    >>> campaign_fact_names(Subject.PROBLEM)
    ('state', 'overdue_measures', 'unanswered', 'unsatisfied', 'days_open')
    """
    if not isinstance(subject, Subject):
        raise InvalidArgument("subject", subject, "Subject（单位、个人或问题）")
    return _CAMPAIGN_FACTS[subject]


def _fact_names(value: object) -> object:
    # A lone name is a slip for a one-name tuple only if we say so: refuse it instead.
    if isinstance(value, list | tuple):
        return tuple(value)
    return value


def _check_fact_names(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(n, str) and n.strip() for n in value):
        raise InvalidArgument(
            attribute.name, value, "事实名称（非空文字）的序列，如 ('satisfaction', 'rank')"
        )


def _effects_map(value: object) -> object:
    # Read-only, so a rule cannot change after it is built.
    return MappingProxyType(dict(value)) if isinstance(value, Mapping) else value


def _check_effects(instance: Rule, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Mapping) or not value:
        raise InvalidArgument(
            attribute.name,
            value,
            "输出列到 EffectKind（处理类别）的映射，至少一项",
            english="a mapping of output columns to EffectKind, at least one",
        )


@attrs.frozen(kw_only=True)
class Rule:
    """A decision table applied to every unit, person or problem.

    ``effects`` maps output columns to what they mean; other output columns are kept as
    information.  ``aggravation`` multiplies deductions once (先斩后奏 counts double, R5);
    ``escalation`` raises a repeat inside its window up the ladder or multiplies its points
    (加倍处罚), counting the earlier offences passed to :func:`evaluate` as ``history``.
    ``host_facts`` names the facts the host supplies (``unit_extras``, ``person_extras``)
    that the table reads: every input of the table is one of :func:`campaign_fact_names` or one
    of these, so a misspelt fact is refused here instead of never firing.
    """

    table: DecisionTable = attrs.field(validator=instance_of(DecisionTable))
    subject: Subject = attrs.field(validator=member_of(Subject))
    effects: Mapping[str, EffectKind] = attrs.field(
        converter=_effects_map, validator=_check_effects, hash=False
    )
    aggravation: Aggravation | None = attrs.field(
        default=None, validator=optional_instance(Aggravation)
    )
    escalation: Escalation | None = attrs.field(
        default=None, validator=optional_instance(Escalation)
    )
    host_facts: tuple[str, ...] = attrs.field(
        default=(), converter=_fact_names, validator=_check_fact_names
    )

    def __attrs_post_init__(self) -> None:
        defects = []
        known = (*_CAMPAIGN_FACTS[self.subject], *self.host_facts)
        for name in self.table.inputs:
            if name not in known:
                campaign_given = list(_CAMPAIGN_FACTS[self.subject])
                defects.append(
                    f"决策表 {self.table.name!r} 的输入 {name!r} 不是{self.subject.label}的事实"
                    f"{did_you_mean(name, known)}：活动给出的是 {campaign_given}"
                    "；宿主自备的事实须列入 host_facts"
                )
        given: Mapping[str, object] = self.effects  # annotations do not stop a caller
        for column, kind in given.items():
            if column not in self.table.outputs:
                defects.append(
                    f"处理列 {column!r} 不是决策表 {self.table.name!r} 的输出列"
                    f"（{list(self.table.outputs)}）"
                )
            if not isinstance(kind, EffectKind):
                defects.append(f"列 {column!r} 的处理类别 {kind!r} 不是 EffectKind")
            elif column in self.table.outputs:
                defects.extend(_output_defects(self.table, column, kind))
        if defects:
            raise InvalidDefinition(
                f"基于决策表 {self.table.name!r} 的规则",
                defects,
                english=f"rule over table {self.table.name!r}",
            )


@attrs.frozen(kw_only=True)
class RuleSet:
    """Rules a plan states, under one name (e.g. ``R6 越级投诉从严考核``), with the liability
    policy their accountability uses."""

    name: str = attrs.field(validator=text)
    rules: tuple[Rule, ...] = attrs.field(converter=to_tuple, validator=items_of(Rule))
    source: str = attrs.field(default="", validator=instance_of(str))
    policy: LiabilityPolicy = attrs.field(
        factory=LiabilityPolicy, validator=instance_of(LiabilityPolicy)
    )


class Finding(NamedTuple):
    """A rule that fired, the subjects it fired for, and everything needed to explain it.

    Subjects whose facts gave the same hit share one finding: the same facts matched and the
    same effects follow (``subject_ids``, sorted).  Where effects depend on the subject (the
    people liable for a unit, a seconded person's home unit, a repeat in its history) each
    subject has its own finding.  ``rules`` are the numbers of the table's rules behind it,
    ``matched`` the facts they looked at, ``liable`` the people accountability reached,
    each with the chain path.  A plain row (a named tuple): evaluations are large.
    """

    rule_set: str
    table: str
    rules: tuple[int, ...]
    subject: Subject
    subject_ids: tuple[str, ...]
    matched: Mapping[str, FactValue]
    annotations: tuple[str, ...]
    effects: tuple[Effect, ...]
    liable: tuple[LiablePerson, ...] = ()

    def explain(self, names: Mapping[str, str] | None = None) -> str:
        """The finding in Chinese: what fired, for whom, on which facts, with which effects.

        ``names`` (id → name) shows units and people by name where it has them; facts show
        by their Chinese name (:data:`~xingfeng.rules.facts.FACT_LABELS`), a host's own by
        its name.
        """
        known = names or {}
        facts = (
            "，".join(
                f"{FACT_LABELS.get(n, n)} = {_fact_text(n, v)}" for n, v in self.matched.items()
            )
            or "无条件"
        )
        numbers = "、".join(str(n) for n in self.rules)
        shown = "、".join(known.get(s, s) for s in self.subject_ids[:5])
        more = f"等{len(self.subject_ids)}个" if len(self.subject_ids) > 5 else ""
        lines = [
            f"【{self.rule_set}】{self.subject.label} {shown}{more}：{self.table} "
            f"第{numbers}条（{facts}）"
        ]
        lines += [
            f"  处理：{e.text(known) if isinstance(e, Notification) else e.label}"
            for e in self.effects
        ]
        lines += [f"  责任：{person.text(known)}" for person in self.liable]
        return "\n".join(lines)


def findings_for(findings: Iterable[Finding], subject_id: str) -> tuple[Finding, ...]:
    """The findings that apply to ``subject_id``, in their order."""
    listed = require_items("findings", findings, Finding, "Finding（处理结论）")
    if not isinstance(subject_id, str):
        raise InvalidArgument(
            "subject_id", subject_id, "文字（单位、人员或问题的编号）", english="a str (an id)"
        )
    return tuple(f for f in listed if subject_id in f.subject_ids)


_STATES = {state.value: state.label for state in ProblemState}


def _fact_text(name: str, value: FactValue) -> str:
    """A fact in Chinese: 是 or 否 for yes/no, a problem's state by its label, unknown as
    未知, anything else as it is."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if name == "state" and isinstance(value, str):
        return _STATES.get(value, value)
    return "未知" if value is None else str(value)


def evaluate(
    campaign: Campaign,
    on: date,
    rule_sets: Iterable[RuleSet],
    *,
    since: date | None = None,
    unit_extras: Mapping[str, Mapping[str, FactValue]] | None = None,
    person_extras: Mapping[str, Mapping[str, FactValue]] | None = None,
    history: Mapping[tuple[str, str], Sequence[date]] | None = None,
) -> tuple[Finding, ...]:
    """The findings of ``rule_sets`` on ``campaign``'s facts on ``on`` (of the period from
    ``since``, if given: see :func:`~xingfeng.campaign_facts`).

    ``unit_extras`` and ``person_extras`` are a host's own facts (see
    :func:`~xingfeng.campaign_facts`); ``history`` gives, per ``(rule set name, subject
    id)``, the days of earlier offences, for escalation.  Findings come in a stated order:
    by rule set, rule, the table's rules that fired, and first subject id.
    """
    facts = campaign_facts(
        campaign, on, since=since, unit_extras=unit_extras, person_extras=person_extras
    )
    return evaluate_facts(facts, rule_sets, chain=campaign.plan.chain, history=history)


def evaluate_facts(
    facts: FactBook,
    rule_sets: Iterable[RuleSet],
    *,
    chain: ResponsibilityChain | None = None,
    history: Mapping[tuple[str, str], Sequence[date]] | None = None,
) -> tuple[Finding, ...]:
    """:func:`evaluate` on facts already gathered (or made by a host application).

    Each table is evaluated once per distinct combination of its input facts, however many
    subjects share it: deterministic tables make that exact, and it is what keeps a hundred
    thousand units fast.  A fact a subject lacks is unknown (``None``): only ``-`` matches it.
    """
    require_instance("facts", facts, FactBook, "FactBook（事实）")
    sets = require_items("rule_sets", rule_sets, RuleSet, "RuleSet（规则集）")
    if chain is not None:
        require_instance(
            "chain", chain, ResponsibilityChain, "None 或 ResponsibilityChain（责任链）"
        )
    require_mapping("history", history, optional=True)
    findings: list[Finding] = []
    tables = {
        Subject.UNIT: facts.units,
        Subject.PERSON: facts.people,
        Subject.PROBLEM: facts.problems,
    }
    # Each kind's rows once, sorted and as plain dicts: every rule walks all of them.
    ordered = {
        kind: [(subject_id, dict(table[subject_id])) for subject_id in sorted(table)]
        for kind, table in tables.items()
        if any(rule.subject is kind for rule_set in sets for rule in rule_set.rules)
    }
    for rule_set in sets:
        for rule in rule_set.rules:
            _require_host_facts(rule, ordered[rule.subject])
            inputs = rule.table.inputs
            # Hits, and the findings' shared parts, per distinct combination of input facts.
            # Each hit with the key of its group: its rules and the facts they matched.
            cache: dict[tuple[FactValue, ...], tuple[tuple[Hit, tuple[object, ...]], ...]] = {}
            per_subject = _per_subject(rule, chain)
            escalating = bool(history) and rule.escalation is not None
            found: list[tuple[str, Finding | list[str], Finding]] = []
            # Subject ids per hit: the same rules on the same matched facts, whatever else.
            groups: dict[tuple[object, ...], list[str]] = {}
            for subject_id, row in ordered[rule.subject]:
                key = tuple(map(row.get, inputs))
                hits = cache.get(key)
                if hits is None:
                    evaluated = rule.table.evaluate(dict(zip(inputs, key, strict=True)))
                    hits = tuple((hit, (hit.rules, *hit.matched.items())) for hit in evaluated)
                    cache[key] = hits
                for hit, same in hits:
                    if per_subject or (
                        escalating and (rule_set.name, subject_id) in history  # type: ignore[operator]
                    ):
                        one = _finding(rule_set, rule, (subject_id,), hit, facts.on, chain, history)
                        found.append((subject_id, one, one))
                        continue
                    # The same hit gives the same effects to every subject: one finding.
                    members = groups.get(same)
                    if members is None:
                        members = groups[same] = []
                        template = _finding(rule_set, rule, (), hit, facts.on, None, None)
                        found.append((subject_id, members, template))
                    members.append(subject_id)
            # By the table's rules that fired, then by first subject: each subject then sees
            # its hits in table order, as it would alone.
            found.sort(key=lambda entry: (entry[2].rules, entry[0]))
            for _, members_or_one, template in found:
                if isinstance(members_or_one, list):
                    findings.append(template._replace(subject_ids=tuple(members_or_one)))
                else:
                    findings.append(members_or_one)
    return tuple(findings)


def _require_host_facts(rule: Rule, rows: list[tuple[str, dict[str, FactValue]]]) -> None:
    # A fact the rule says the host supplies, supplied for no subject, is a wiring slip: the
    # rule would silently never fire.  (A subject may lack it: that one is unknown.)
    given = {name for _, row in rows for name in row}
    missing = [name for name in rule.host_facts if name not in given]
    if missing and rows:
        raise InvalidArgument(
            "facts",
            missing,
            f"决策表 {rule.table.name!r} 所读的宿主事实 {missing} 须由 unit_extras 或 "
            "person_extras 提供（可为 None，表示未知）",
        )


def _per_subject(rule: Rule, chain: ResponsibilityChain | None) -> bool:
    """Whether a rule's effects depend on the subject (its home unit, the people liable
    for it) and not only on the hit."""
    if chain is None:
        return False
    kinds = set(rule.effects.values())
    return EffectKind.ACCOUNTABILITY in kinds or EffectKind.NOTIFY_HOME_UNIT in kinds


def _finding(
    rule_set: RuleSet,
    rule: Rule,
    subject_ids: tuple[str, ...],
    hit: Hit,
    on: date,
    chain: ResponsibilityChain | None,
    history: Mapping[tuple[str, str], Sequence[date]] | None,
) -> Finding:
    # The rules' own words when they have them; the table's name otherwise.
    reason = "；".join(hit.annotations) or rule.table.name
    subject_id = subject_ids[0] if subject_ids else ""
    earlier = (history or {}).get((rule_set.name, subject_id), ())
    effects: list[Effect] = []
    liable: tuple[LiablePerson, ...] = ()
    for column, kind in rule.effects.items():
        value = hit.outputs.get(column)
        if kind is EffectKind.DEDUCTION and _points(value):
            deduction = Deduction(points=value, reason=reason)
            if rule.aggravation is not None:
                deduction = rule.aggravation.apply(deduction)
            if rule.escalation is not None and rule.escalation.mode is EscalationMode.MULTIPLY:
                deduction = escalate(deduction, history=earlier, on=on, rule=rule.escalation)
            effects.append(deduction)
        elif kind is EffectKind.BONUS and _points(value):
            effects.append(Bonus(points=value, reason=reason))
        elif kind is EffectKind.SANCTION and value not in (None, "", "-"):
            penalty = Penalty(sanction=_sanction(value, rule), reason=reason)
            if rule.escalation is not None and rule.escalation.mode is EscalationMode.LADDER:
                penalty = escalate(penalty, history=earlier, on=on, rule=rule.escalation)
            effects.append(penalty)
        elif kind is EffectKind.NOTIFY_HOME_UNIT and value is True and chain is not None:
            if rule.subject is Subject.PERSON:
                effects.extend(
                    home_unit_notifications(chain.organization, subject_id, reason=reason)
                )
        elif kind is EffectKind.ACCOUNTABILITY and value is True:
            effects.append(Accountability(policy=rule_set.policy, reason=reason))
            if chain is not None and rule.subject is not Subject.PROBLEM:
                liable = resolve_accountability(chain, subject_id, rule_set.policy)
    return Finding(
        rule_set=rule_set.name,
        table=rule.table.name,
        rules=hit.rules,
        subject=rule.subject,
        subject_ids=subject_ids,
        matched=hit.matched,
        annotations=hit.annotations,
        effects=tuple(effects),
        liable=liable,
    )


def _output_defects(table: DecisionTable, column: str, kind: EffectKind) -> list[str]:
    """What is wrong with the values a column's effect would read: refused when the rule
    is built, not when it first fires (a misspelt 通报批平 used to wait for that)."""
    position = table.outputs.index(column)
    labels = [s.label for s in Sanction]
    found = []
    for number, decision in enumerate(table.rules, start=1):
        value: object = decision.then[position]
        if value is None or value in ("", "-"):
            continue
        if kind is EffectKind.SANCTION:
            if any(value in (s.value, s.label) for s in Sanction):
                continue
            expected = f"处分的名称，如 {labels}{did_you_mean(value, labels)}"
        elif kind in (EffectKind.DEDUCTION, EffectKind.BONUS):
            if _is_points(value):
                continue
            expected = "不小于 0 的精确分数（int、Decimal、Fraction）"
        else:
            if isinstance(value, bool):
                continue
            expected = "true 或 false"
        found.append(
            f"第 {number} 条规则的 {column!r} 列为{kind.label}，"
            f"{shown(value)} 不被接受：应为{expected}"
        )
    return found


def _is_points(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction):
        return False
    if isinstance(value, Decimal) and not value.is_finite():
        return False
    return value >= 0


def _points(value: object) -> TypeGuard[int | Decimal | Fraction]:
    """Whether an output cell is a positive number of points (0 or ``-`` means none)."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction):
        return False
    return value > 0


def _sanction(value: object, rule: Rule) -> Sanction:
    for sanction in Sanction:
        if value in (sanction.value, sanction.label):
            return sanction
    raise InvalidArgument(
        f"决策表 {rule.table.name!r} 的处分输出",
        value,
        "Sanction（处分）的值或名称，如 'criticism' 或 '通报批评'",
        english="a Sanction value or label, e.g. 'criticism' or '通报批评'",
    )
