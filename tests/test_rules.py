"""Evaluation rules: rule sets over facts, findings that explain themselves, the catalogue."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import gas_company
from tests.test_rectification import campaign_with_a_complaint
from xingfeng import (
    Accountability,
    DecisionTable,
    Deduction,
    EffectKind,
    FactBook,
    InvalidArgument,
    InvalidDefinition,
    Notification,
    Penalty,
    ResponsibilityChain,
    Rule,
    RuleSet,
    Sanction,
    Subject,
    escalated_complaints,
    evaluate,
    evaluate_facts,
    findings_for,
    late_rectification,
    leave_before_approval,
    missed_key_work,
    resolve_accountability,
    standard_rules,
    unanswered_opinions,
)

ON = date(2026, 4, 30)


def units(**rows: dict[str, object]) -> FactBook:
    """Facts for units only."""
    return FactBook(on=ON, units=rows, people={}, problems={})  # type: ignore[arg-type]


def people(**rows: dict[str, object]) -> FactBook:
    """Facts for people only."""
    return FactBook(on=ON, units={}, people=rows, problems={})  # type: ignore[arg-type]


def deductions(findings: tuple[object, ...]) -> list[Decimal]:
    return [
        Decimal(e.points.numerator) / e.points.denominator  # type: ignore[attr-defined]
        for f in findings
        for e in f.effects  # type: ignore[attr-defined]
        if isinstance(e, Deduction)
    ]


def test_escalated_complaints_are_assessed_strictly_against_the_unit() -> None:
    """R6: two verified escalated complaints deduct 4 points and bring 通报批评."""
    (finding,) = evaluate_facts(
        units(office={"escalated_verified_complaints": 2}), [escalated_complaints()]
    )
    assert finding.subject_ids == ("office",)
    assert finding.rules == (2,)
    assert deductions((finding,)) == [4]
    assert Penalty(sanction=Sanction.CRITICISM, reason=finding.effects[1].reason) in (
        finding.effects
    )
    assert "属实越级投诉 第2条（越级属实投诉件数 = 2）" in finding.explain()


@given(counts=st.lists(st.integers(0, 10), min_size=2, max_size=2))
def test_more_verified_complaints_never_lower_a_deduction(counts: list[int]) -> None:
    """R6 is monotone: a unit with more escalated complaints is deducted at least as much."""
    low, high = sorted(counts)
    found = [
        deductions(
            evaluate_facts(units(u={"escalated_verified_complaints": n}), [escalated_complaints()])
        )
        for n in (low, high)
    ]
    assert sum(found[0]) <= sum(found[1])


def test_leave_before_approval_is_punished_double_and_doubled_again_on_a_repeat() -> None:
    """R5: 1 point doubled for 先斩后奏; a repeat within 12 months doubles it again."""
    facts = people(clerk={"leave_before_approval": 1})
    (first,) = evaluate_facts(facts, [leave_before_approval()])
    assert deductions((first,)) == [2]
    history = {("R5 先斩后奏加倍处罚", "clerk"): [date(2026, 1, 10)]}
    (again,) = evaluate_facts(facts, [leave_before_approval()], history=history)
    assert deductions((again,)) == [4]


def test_a_repeat_moves_a_late_rectification_up_the_ladder() -> None:
    """R9: 12 days late is 通报批评; with an earlier offence in 90 days, 书面说明/检查."""
    facts = people(wen={"max_days_late": 12})
    (plain,) = evaluate_facts(facts, [late_rectification()])
    history = {("R9 整改逾期责任追究", "wen"): [date(2026, 3, 1)]}
    (repeat,) = evaluate_facts(facts, [late_rectification()], history=history)
    sanction = [e.sanction for e in plain.effects if isinstance(e, Penalty)]
    raised = [e.sanction for e in repeat.effects if isinstance(e, Penalty)]
    assert (sanction, raised) == ([Sanction.CRITICISM], [Sanction.WRITTEN_EXPLANATION])


def test_accountability_reaches_exactly_the_people_the_policy_names() -> None:
    """The finding's liable people are the chain's answer for the unit under the rule set's
    policy, each with the path up the chain."""
    chain = ResponsibilityChain(organization=gas_company())
    unit = chain.organization.units[-1].id
    (finding,) = evaluate_facts(
        units(**{unit: {"escalated_verified_complaints": 5}}), [escalated_complaints()], chain=chain
    )
    assert any(isinstance(e, Accountability) for e in finding.effects)
    expected = resolve_accountability(chain, unit, escalated_complaints().policy)
    assert finding.liable == expected
    assert finding.liable


def test_missed_key_work_brings_a_written_explanation_and_a_notice_home() -> None:
    """R12: 书面说明/检查, and a notice to the home unit of a seconded person."""
    chain = ResponsibilityChain(organization=gas_company())
    seconded = [
        p.person for p in chain.organization.postings if getattr(p, "home_unit", None) is not None
    ]
    person = seconded[0] if seconded else chain.holders[-1]
    (finding,) = evaluate_facts(
        people(**{person: {"missed_key_work": True}}), [missed_key_work()], chain=chain
    )
    assert [e.sanction for e in finding.effects if isinstance(e, Penalty)] == [
        Sanction.WRITTEN_EXPLANATION
    ]
    notices = [e for e in finding.effects if isinstance(e, Notification)]
    assert bool(notices) == bool(seconded)


@given(
    rows=st.dictionaries(
        st.sampled_from(["office", "service", "network", "billing"]),
        st.fixed_dictionaries(
            {
                "escalated_verified_complaints": st.integers(0, 4),
                "unanswered_overdue": st.integers(0, 2),
                "repeated_complaints": st.integers(0, 2),
                "grade": st.sampled_from(["满意", "比较满意", "不满意"]),
            }
        ),
    ),
    data=st.data(),
)
def test_evaluation_is_deterministic_and_independent_of_fact_order(
    rows: dict[str, dict[str, object]], data: st.DataObject
) -> None:
    """The same facts in any order give the same findings, in the stated order."""
    shuffled = dict(data.draw(st.permutations(list(rows.items()))))
    shuffled = {k: dict(data.draw(st.permutations(list(v.items())))) for k, v in shuffled.items()}
    first = evaluate_facts(units(**rows), standard_rules())
    again = evaluate_facts(units(**shuffled), standard_rules())
    assert first == again
    keys = [(f.rule_set, f.table, f.rules, f.subject_ids[0]) for f in first]
    order = [r.name for r in standard_rules()]
    assert keys == sorted(keys, key=lambda k: (order.index(k[0]), *k[1:]))
    # Grouping subjects changes nothing for any one of them: alone, each gets the same.
    for unit, facts in rows.items():
        alone = evaluate_facts(units(**{unit: facts}), standard_rules())
        mine = findings_for(first, unit)
        assert [f._replace(subject_ids=()) for f in alone] == [
            f._replace(subject_ids=()) for f in mine
        ]


def test_the_catalogue_on_a_campaign() -> None:
    """evaluate reads the campaign's facts: an unanswered complaint brings R10's 提醒."""
    campaign = campaign_with_a_complaint()
    findings = evaluate(campaign, date(2026, 3, 31), [unanswered_opinions()])
    assert [(f.subject_ids, f.rules) for f in findings] == [(("office",), (1,))]
    assert evaluate(campaign, date(2026, 3, 3), [unanswered_opinions()]) == ()


def test_a_rule_naming_an_output_its_table_lacks_is_refused() -> None:
    """Every effect column must be an output of the table."""
    table = DecisionTable.from_dict(
        {
            "name": "t",
            "hit_policy": "FIRST",
            "inputs": ["x"],
            "outputs": ["deduction"],
            "rules": [{"when": [">= 1"], "then": [1]}],
        }
    )
    with pytest.raises(InvalidDefinition, match="penalty"):
        Rule(table=table, subject=Subject.UNIT, effects={"penalty": EffectKind.SANCTION})
    with pytest.raises(InvalidArgument):
        evaluate_facts(units(), ["not a rule set"])  # type: ignore[list-item]


def test_evaluate_counts_only_the_period_it_is_given() -> None:
    """evaluate(since=...) reads the facts of that period: March's complaint is not April's."""
    counts_complaints = RuleSet(
        name="投诉计数",
        rules=[
            Rule(
                table=DecisionTable.from_dict(
                    {
                        "name": "投诉",
                        "hit_policy": "FIRST",
                        "inputs": ["complaints"],
                        "outputs": ["sanction"],
                        "rules": [{"when": [">= 1"], "then": ["提醒"]}],
                    }
                ),
                subject=Subject.UNIT,
                effects={"sanction": EffectKind.SANCTION},
            )
        ],
    )
    campaign = campaign_with_a_complaint()  # C1 received on 03-02
    march = evaluate(campaign, date(2026, 3, 31), [counts_complaints], since=date(2026, 3, 1))
    april = evaluate(campaign, date(2026, 4, 30), [counts_complaints], since=date(2026, 4, 1))
    assert [f.subject_ids for f in march] == [("office",)]
    assert april == ()


def test_a_finding_explains_itself_with_names_where_it_has_them() -> None:
    """Ids become names in the subject, the liability paths and notices; the rest is unchanged."""
    chain = ResponsibilityChain(organization=gas_company())
    unit = chain.organization.units[-1].id
    (finding,) = evaluate_facts(
        units(**{unit: {"escalated_verified_complaints": 5}}), [escalated_complaints()], chain=chain
    )
    names = {u.id: u.name for u in chain.organization.units}
    names |= {p.id: p.name for p in chain.organization.people}
    plain, named = finding.explain(), finding.explain(names)
    assert plain.count("\n") == named.count("\n")
    assert f" {unit}：" in plain
    assert f" {names[unit]}：" in named
    for person in finding.liable:
        assert person.text(names) in named
        assert " → ".join(names[h] for h in person.path) in named
    assert finding.explain({}) == plain
