"""xingfeng.testing: each public strategy gives valid values that keep the library's rules,
within the sizes asked for, and refuses bad arguments when it is made."""

from __future__ import annotations

import importlib
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, Phase, assume, find, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from xingfeng import (
    Accountability,
    Bonus,
    Campaign,
    CampaignPlan,
    Deduction,
    Event,
    FactBook,
    HitPolicy,
    InvalidArgument,
    Missing,
    Notification,
    Penalty,
    Post,
    ProblemState,
    RuleSet,
    Source,
    Subject,
    Tally,
    evaluate_facts,
    from_json,
    parse_criterion,
    to_json,
)
from xingfeng import testing as xt
from xingfeng.rules.decisions import DecisionTable

# --------------------------------------------------------------------------- the module


def test_importing_xingfeng_does_not_import_hypothesis() -> None:
    """Hypothesis is an extra: the library itself runs without it."""
    code = "import sys, xingfeng; print('hypothesis' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_importing_the_module_without_hypothesis_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without Hypothesis, the import fails with an ImportError naming ``xingfeng[testing]``."""
    monkeypatch.setitem(sys.modules, "hypothesis", None)  # makes `import hypothesis` fail
    monkeypatch.delitem(sys.modules, "xingfeng.testing")
    with pytest.raises(ImportError, match=r"pip install 'xingfeng\[testing\]'"):
        importlib.import_module("xingfeng.testing")


def test_all_is_sorted_and_each_name_makes_a_strategy() -> None:
    """``__all__`` is sorted, and every name in it is a function returning a strategy."""
    assert xt.__all__ == sorted(xt.__all__)
    for name in xt.__all__:
        assert callable(getattr(xt, name)), name
    assert isinstance(xt.organizations(), SearchStrategy)


# --------------------------------------------------------------------------- organisations


@given(data=st.data(), low=st.integers(1, 12), extra=st.integers(0, 12))
def test_organizations_have_between_min_and_max_units(
    data: st.DataObject, low: int, extra: int
) -> None:
    """The number of units, offices included, is within the bounds asked for."""
    organization = data.draw(xt.organizations(min_units=low, max_units=low + extra))
    assert low <= len(organization.units) <= low + extra


@given(organization=xt.organizations())
def test_every_unit_of_an_organization_has_exactly_one_head(organization: Any) -> None:
    """R2: the root has one top leader, every other unit one first responsible person."""
    heads = Counter(
        p.unit for p in organization.postings if p.post in (Post.TOP_LEADER, Post.FIRST_RESPONSIBLE)
    )
    assert heads == Counter(u.id for u in organization.units)
    assert [p.unit for p in organization.postings if p.post is Post.TOP_LEADER] == ["u0"]


@given(chain=xt.responsibility_chains())
def test_every_holder_of_a_chain_reaches_the_top_leader(chain: Any) -> None:
    """R1: following drivers from any holder ends at the top leader, without a loop."""
    for holder in chain.holders:
        seen = [holder]
        while (driver := chain.driver_of(seen[-1])) is not None:
            assert driver not in seen, seen
            seen.append(driver)
        assert seen[-1] == chain.top_leader
        assert tuple(seen) == chain.chain_of(holder)


@given(chain=xt.responsibility_chains())
def test_the_head_of_every_unit_holds_its_post_there(chain: Any) -> None:
    """R2: each unit's first responsible person holds that post in that unit."""
    organization = chain.organization
    for unit in organization.units:
        head = chain.first_responsible(unit.id)
        wanted = Post.TOP_LEADER if unit.parent is None else Post.FIRST_RESPONSIBLE
        assert any(p.unit == unit.id and p.post is wanted for p in organization.postings_of(head))


@given(strict=st.booleans(), data=st.data())
def test_chains_are_strict_when_asked(strict: bool, data: st.DataObject) -> None:
    """``strict`` fixes whether the chain forbids skip-level drivers."""
    small = xt.organizations(max_units=4)
    assert data.draw(xt.responsibility_chains(small, strict=strict)).strict is strict


# --------------------------------------------------------------------------- plans, campaigns


@given(data=st.data(), with_chain=st.none() | st.booleans(), low=st.integers(1, 3))
def test_campaign_plans_keep_their_bounds_and_round_trip(
    data: st.DataObject, with_chain: bool | None, low: int
) -> None:
    """Stages are within bounds, in order without overlap; ``with_chain`` is honoured;
    appraised units belong to the chain's organisation; the plan survives JSON."""
    plan = data.draw(xt.campaign_plans(with_chain=with_chain, min_stages=low, max_stages=low + 1))
    assert low <= len(plan.stages) <= low + 1
    if with_chain is not None:
        assert (plan.chain is not None) is with_chain
    for before, after in zip(plan.stages, plan.stages[1:], strict=False):
        assert before.last < after.first
    if plan.chain is not None:
        assert all(plan.chain.organization.has_unit(u) for u in plan.appraised)
    assert from_json(to_json(plan), CampaignPlan) == plan


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(campaign=xt.campaigns(max_opinions=3, max_problems=2, max_measures=3))
def test_campaigns_replay_from_their_json_log(campaign: Campaign) -> None:
    """The log, written as JSON and read back, replays to an equal campaign; time never runs
    back; sizes stay within bounds; with a chain, only holders act."""
    loaded = from_json(to_json(campaign.events), tuple[Event, ...])
    assert Campaign.replay(loaded) == campaign
    moments = [e.at for e in campaign.events]
    assert moments == sorted(moments)
    assert len(campaign.opinions) <= 3
    assert len(campaign.problems) <= 2
    assert len(campaign.measures) <= 3
    chain = campaign.plan.chain
    if chain is not None:
        assert {e.by for e in campaign.events[1:]} <= set(chain.holders)


# A campaign takes ~35 ms to build; the replay test above already draws hundreds.
@settings(
    max_examples=min(100, settings.default.max_examples),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(campaign=xt.campaigns())
def test_a_campaigns_ledger_lists_every_problem_and_measure(campaign: Campaign) -> None:
    """The ledger on the day of the last event has a row per problem and per measure."""
    last = campaign.events[-1].at.astimezone(ZoneInfo(campaign.plan.calendar.zone)).date()
    ledger = campaign.ledger(last)
    assert sorted(r.problem for r in ledger.problems) == sorted(campaign.problems)
    assert sorted(r.measure for r in ledger.measures) == sorted(campaign.measures)


_EXPLORE = settings(
    max_examples=2_000,
    phases=[Phase.generate],
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.mark.parametrize(
    "reached",
    [
        pytest.param(lambda c: c.concluded, id="concluded"),
        pytest.param(lambda c: c.problems_in(ProblemState.CLOSED), id="closed"),
        pytest.param(lambda c: any(c.merged_into(o) for o in c.opinions), id="merged"),
        pytest.param(lambda c: any(m.extended_to for m in c.measures.values()), id="extended"),
        pytest.param(lambda c: c.plan.chain and c.problems, id="chain-and-problems"),
    ],
)
def test_campaigns_reach_every_part_of_the_loop(reached: Callable[[Campaign], object]) -> None:
    """Some campaign gets there: the strategy does more than launch."""
    find(xt.campaigns(), reached, settings=_EXPLORE, random=random.Random(0))


# --------------------------------------------------------------------------- opinions


@given(data=st.data(), sources=st.lists(st.sampled_from(Source), min_size=1, unique=True))
def test_opinions_come_from_the_sources_and_units_asked_for(
    data: st.DataObject, sources: list[Source]
) -> None:
    """An opinion is about one of ``units``, from one of ``sources``; a complaint, and only a
    complaint, carries complaint details, and an escalated one names its forwarder."""
    opinion = data.draw(xt.opinions(units=["甲所"], sources=sources, categories=["c.x"]))
    assert opinion.unit == "甲所"
    assert opinion.source in sources
    assert opinion.category in (None, "c.x")
    assert (opinion.complaint is not None) is (opinion.source is Source.COMPLAINT)
    if opinion.complaint is not None and opinion.complaint.escalated:
        assert opinion.complaint.forwarded_by is not None


# --------------------------------------------------------------------------- assessment


@given(data=st.data(), items=st.integers(1, 7), groups=st.integers(1, 6))
def test_questionnaires_have_as_many_distinct_items_and_groups_as_asked(
    data: st.DataObject, items: int, groups: int
) -> None:
    """Exactly the number of items and groups asked for, none repeated."""
    q = data.draw(
        xt.questionnaires(min_items=items, max_items=items, min_groups=groups, max_groups=groups)
    )
    assert len(set(q.items)) == len(q.items) == items
    assert len(set(q.groups)) == len(q.groups) == groups


@given(data=st.data(), q=xt.questionnaires())
def test_ballots_belong_to_their_questionnaire(data: st.DataObject, q: Any) -> None:
    """A ballot is about one of the targets, from a group of the questionnaire, with one of
    its options for each item."""
    ballot = data.draw(xt.ballots(q, targets=["水务局", "税务局"]))
    assert ballot.target in ("水务局", "税务局")
    assert ballot.group in q.groups
    assert len(ballot.verdicts) == len(q.items)
    assert set(ballot.verdicts) <= set(q.options)


@given(data=st.data(), q=xt.questionnaires(), low=st.integers(0, 5), extra=st.integers(0, 5))
def test_tallies_add_up(data: st.DataObject, q: Any, low: int, extra: int) -> None:
    """Each item of a (target, group) counts the same ballots; the ballots counted are within
    bounds; adding the empty tally changes nothing."""
    tally = data.draw(xt.tallies(q, min_ballots=low, max_ballots=low + extra))
    assert tally.questionnaire == q
    total = 0
    for target in tally.targets:
        for group in q.groups:
            per_item = {sum(tally.verdicts(target, group, item).values()) for item in q.items}
            assert per_item == {tally.returned(target, group)}
            total += tally.returned(target, group)
    assert low <= total <= low + extra
    assert tally + Tally.empty(q) == tally


@given(data=st.data(), q=xt.questionnaires())
def test_survey_schemes_score_their_tallies_within_full_marks(data: st.DataObject, q: Any) -> None:
    """Weights, where given, add up to 1; every score a scheme gives a tally of its
    questionnaire lies from 0 to full marks."""
    scheme = data.draw(xt.survey_schemes(q))
    assert scheme.questionnaire == q
    for weights in (scheme.group_weights, scheme.item_weights):
        assert weights is None or sum(weights.values()) == 1
    # REFUSE gives no score while a group has no ballot.
    assume(scheme.missing is not Missing.REFUSE)
    for score in scheme.scores(data.draw(xt.tallies(q))).values():
        assert 0 <= score.value <= scheme.full_marks


# --------------------------------------------------------------------------- rule tables


@given(criterion=xt.criteria())
def test_criteria_read_back_from_their_label(criterion: Any) -> None:
    """Each criterion is one a table can hold as text: its label parses to it again."""
    assert parse_criterion(criterion.label) == criterion


def _same(value: object) -> object:
    """Outputs that agree compare equal: 1 and 1.0 do, True and 1 do not."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return Fraction(value)
    return (type(value), value)


_facts = st.one_of(
    st.integers(-25, 45),
    st.fractions(-25, 45, max_denominator=4),
    st.sampled_from(["投诉", "越级投诉", "其他"]),
    st.booleans(),
    st.none(),
)


@given(
    data=st.data(),
    policy=st.sampled_from(HitPolicy),
    inputs=st.integers(1, 4),
    low=st.integers(1, 4),
    extra=st.integers(0, 3),
)
def test_decision_tables_keep_their_policy_and_bounds_and_round_trip(
    data: st.DataObject, policy: HitPolicy, inputs: int, low: int, extra: int
) -> None:
    """The table has the policy asked for and sizes within bounds, survives to_dict and
    from_dict, and evaluates any facts; UNIQUE gives one hit at most, ANY hits agree."""
    table = data.draw(
        xt.decision_tables(
            hit_policy=policy, max_inputs=inputs, min_rules=low, max_rules=low + extra
        )
    )
    assert table.hit_policy is policy
    assert 1 <= len(table.inputs) <= inputs
    assert low <= len(table.rules) <= low + extra
    assert DecisionTable.from_dict(table.to_dict()) == table
    hits = table.evaluate({name: data.draw(_facts) for name in table.inputs})
    if policy is HitPolicy.UNIQUE:
        assert len(hits) <= 1
    if policy is HitPolicy.ANY and hits:
        assert len({tuple(map(_same, h.outputs.values())) for h in hits}) == 1


@given(rule=xt.rules(), data=st.data())
def test_every_rule_evaluates_to_effects(rule: Any, data: st.DataObject) -> None:
    """Whatever the facts, a rule gives findings whose effects are of its effect kinds."""
    rows = {f"u{i}": {n: data.draw(_facts) for n in rule.table.inputs} for i in range(3)}
    empty: dict[str, dict[str, Any]] = {}
    book = FactBook(
        on=date(2026, 6, 30),
        units=rows if rule.subject is Subject.UNIT else empty,
        people=rows if rule.subject is Subject.PERSON else empty,
        problems=rows if rule.subject is Subject.PROBLEM else empty,
    )
    findings = evaluate_facts(book, [RuleSet(name="规则", rules=[rule])])
    allowed = (Deduction, Bonus, Penalty, Notification, Accountability)
    for finding in findings:
        assert all(isinstance(effect, allowed) for effect in finding.effects)
        assert set(finding.subject_ids) <= set(rows)


@given(data=st.data(), low=st.integers(0, 2), extra=st.integers(0, 2))
def test_rule_sets_keep_their_bounds_and_round_trip(
    data: st.DataObject, low: int, extra: int
) -> None:
    """A rule set holds ``min_rules`` to ``max_rules`` rules and survives JSON."""
    rule_set = data.draw(xt.rule_sets(min_rules=low, max_rules=low + extra))
    assert low <= len(rule_set.rules) <= low + extra
    assert from_json(to_json(rule_set), RuleSet) == rule_set


# --------------------------------------------------------------------------- bad arguments


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (lambda: xt.organizations(min_units=0), "min_units"),
        (lambda: xt.organizations(min_units=5, max_units=4), "max_units"),
        (lambda: xt.organizations(max_units=True), "max_units"),
        (lambda: xt.responsibility_chains(organizations=[]), "organizations"),  # type: ignore[arg-type]
        (lambda: xt.responsibility_chains(strict="yes"), "strict"),  # type: ignore[arg-type]
        (lambda: xt.campaign_plans(min_stages=0), "min_stages"),
        (lambda: xt.campaign_plans(min_stages=3, max_stages=2), "max_stages"),
        (lambda: xt.campaign_plans(xt.responsibility_chains(), with_chain=False), "chains"),
        (lambda: xt.campaigns(max_opinions=-1), "max_opinions"),
        (lambda: xt.campaigns(max_measures=1.5), "max_measures"),  # type: ignore[arg-type]
        (lambda: xt.campaigns(plans=CampaignPlan), "plans"),  # type: ignore[arg-type]
        (lambda: xt.opinions(units="营业厅"), "units"),
        (lambda: xt.opinions(units=[]), "units"),
        (lambda: xt.opinions(sources=["complaint"]), "sources"),  # type: ignore[list-item]
        (lambda: xt.questionnaires(max_items=0), "max_items"),
        (lambda: xt.questionnaires(min_groups=2, max_groups=1), "max_groups"),
        (lambda: xt.ballots("问卷"), "questionnaire"),  # type: ignore[arg-type]
        (lambda: xt.tallies(min_ballots=-1), "min_ballots"),
        (lambda: xt.tallies(targets=["  "]), "targets"),
        (lambda: xt.survey_schemes("问卷"), "questionnaire"),  # type: ignore[arg-type]
        (lambda: xt.criteria(numbers=[1, 2]), "numbers"),  # type: ignore[arg-type]
        (lambda: xt.decision_tables(hit_policy="first"), "hit_policy"),  # type: ignore[arg-type]
        (lambda: xt.decision_tables(max_inputs=0), "max_inputs"),
        (lambda: xt.decision_tables(min_rules=3, max_rules=2), "max_rules"),
        (lambda: xt.rules(subject="unit"), "subject"),  # type: ignore[arg-type]
        (lambda: xt.rule_sets(min_rules=-1), "min_rules"),
    ],
)
def test_bad_arguments_are_refused_when_the_strategy_is_made(
    make: Callable[[], object], name: str
) -> None:
    """InvalidArgument names the argument at once, before anything is drawn."""
    with pytest.raises(InvalidArgument) as refused:
        make()
    assert refused.value.name == name
