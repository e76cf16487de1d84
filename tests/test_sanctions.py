"""Tests for xingfeng.rules.sanctions: effects, the sanction ladder, escalation and accountability.

The rules are those of ../shared/DOMAIN.md: R4 joint liability of a supervision office, R5
先斩后奏 punished double, R9 accountability for incomplete rectification, R12 criticism,
written explanations and reports to a violator's home unit, R13 reward and punishment.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.strategies import (
    accountabilities,
    aggravations,
    bonuses,
    chains,
    deductions,
    earlier_days,
    effects,
    escalations,
    gas_company,
    ladder_escalations,
    liability_policies,
    liable_people,
    multiply_escalations,
    notifications,
    offence_days,
    organizations,
    penalties,
    sanctions,
)
from xingfeng import (
    InvalidArgument,
    InvalidDefinition,
    LiabilityKind,
    LiabilityPolicy,
    Organization,
    ResponsibilityChain,
    UnknownReference,
    XingfengError,
    from_json,
    structure,
    to_json,
    unstructure,
)
from xingfeng.rules.sanctions import (
    Accountability,
    Aggravation,
    Bonus,
    Deduction,
    Effect,
    Escalation,
    EscalationMode,
    Notification,
    Penalty,
    Sanction,
    WindowUnit,
    escalate,
    home_unit_notifications,
    resolve_accountability,
)


def _in_window(rule: Escalation, day: date, on: date) -> bool:
    """Whether an earlier offence on ``day`` counts for one on ``on``: an oracle using
    timedelta and pendulum's month arithmetic, not the library's own."""
    if rule.window is None:
        return True
    if rule.window_unit is WindowUnit.DAYS:
        return (on - day).days < rule.window
    start = pendulum.Date(on.year, on.month, on.day).subtract(months=rule.window)
    return day > date(start.year, start.month, start.day)


def _repeats(rule: Escalation, history: list[date], on: date) -> int:
    return sum(_in_window(rule, day, on) for day in history)


# --------------------------------------------------------------------------- the ladder


def test_the_ladder_runs_from_reminder_to_veto_in_the_order_of_the_issue() -> None:
    """提醒 < 通报批评 < 书面说明/检查 < 诫勉谈话 < 黄牌 < 组织处理 < 一票否决."""
    assert [s.label for s in sorted(Sanction)] == [
        "提醒",
        "通报批评",
        "书面说明/检查",
        "诫勉谈话",
        "黄牌警告",
        "组织处理",
        "一票否决",
    ]
    assert [s.level for s in Sanction] == list(range(1, 8))


@given(a=sanctions, b=sanctions)
def test_sanctions_compare_by_level(a: Sanction, b: Sanction) -> None:
    """Every comparison agrees with the levels; equal levels are the same rung."""
    assert (a < b, a <= b, a > b, a >= b) == (
        a.level < b.level,
        a.level <= b.level,
        a.level > b.level,
        a.level >= b.level,
    )
    assert (a == b) == (a.level == b.level)


@given(
    sanction=sanctions,
    a=st.integers(min_value=0, max_value=9),
    b=st.integers(min_value=0, max_value=9),
    ceiling=st.none() | sanctions,
)
def test_moving_up_the_ladder_never_goes_down_and_stops_at_the_ceiling(
    sanction: Sanction, a: int, b: int, ceiling: Sanction | None
) -> None:
    """up() never lowers a rung, stops at the ceiling (the top by default), and two moves are
    one move of the summed steps."""
    top = Sanction.VETO if ceiling is None else ceiling
    moved = sanction.up(a, ceiling=ceiling)

    assert moved >= sanction
    assert moved.level == max(sanction.level, min(sanction.level + a, top.level))
    assert moved.up(b, ceiling=ceiling) == sanction.up(a + b, ceiling=ceiling)
    assert sanction.up(0) is sanction
    assert Sanction.VETO.up(a) is Sanction.VETO


@pytest.mark.parametrize(("steps", "ceiling"), [(-1, None), (True, None), (1.0, None), (1, "veto")])
def test_up_refuses_bad_steps_and_ceilings(steps: Any, ceiling: Any) -> None:
    """Steps are ints >= 0 and the ceiling a Sanction; the refusal names the value."""
    with pytest.raises(InvalidArgument) as caught:
        Sanction.REMINDER.up(steps, ceiling=ceiling)
    assert caught.value.value in (steps, ceiling)


# --------------------------------------------------------------------------- escalation


@given(rule=ladder_escalations(), base=sanctions, on=offence_days, data=st.data())
def test_escalation_never_goes_down_the_ladder_for_a_repeat(
    rule: Escalation, base: Sanction, on: date, data: st.DataObject
) -> None:
    """One more earlier offence gives the same or a higher rung, never a lower one; and no
    escalation ends below the base."""
    history = data.draw(earlier_days(on))
    repeat = data.draw(st.dates(min_value=on - timedelta(days=730), max_value=on))

    before = escalate(base, history=history, on=on, rule=rule)
    after = escalate(base, history=[*history, repeat], on=on, rule=rule)

    assert base <= before <= after


@given(rule=ladder_escalations(), base=sanctions, on=offence_days, data=st.data())
def test_a_ladder_moves_step_rungs_per_repeat_inside_the_window_up_to_its_ceiling(
    rule: Escalation, base: Sanction, on: date, data: st.DataObject
) -> None:
    """The rung is the base moved step × (repeats inside the window) rungs up, capped at the
    ceiling (or the top), never below the base; repeats counted by an independent oracle."""
    history = data.draw(earlier_days(on))
    top = Sanction.VETO if rule.ceiling is None else rule.ceiling
    repeats = _repeats(rule, history, on)

    found = escalate(base, history=history, on=on, rule=rule)

    assert rule.repeats(history, on) == repeats
    assert found.level == max(base.level, min(base.level + rule.step * repeats, top.level))


@given(rule=escalations, on=offence_days, data=st.data())
def test_a_repeat_outside_the_window_does_not_count(
    rule: Escalation, on: date, data: st.DataObject
) -> None:
    """Adding offences dated on or before the window's start changes nothing."""
    start = rule.window_start(on)
    assume(start is not None)
    assert start is not None
    history = data.draw(earlier_days(on))
    old = data.draw(st.lists(st.dates(max_value=start), min_size=1, max_size=3))
    base: Sanction | Deduction = (
        data.draw(sanctions) if rule.mode is EscalationMode.LADDER else data.draw(deductions)
    )

    assert rule.repeats([*history, *old], on) == rule.repeats(history, on)
    assert escalate(base, history=[*history, *old], on=on, rule=rule) == escalate(
        base, history=history, on=on, rule=rule
    )


@given(rule=multiply_escalations(capped=False), base=deductions, on=offence_days, data=st.data())
def test_multiplying_gives_the_base_times_the_factor_to_the_power_of_the_repeats(
    rule: Escalation, base: Deduction, on: date, data: st.DataObject
) -> None:
    """加倍处罚: points = base × factor^(repeats inside the window), exactly."""
    history = data.draw(earlier_days(on))
    repeats = _repeats(rule, history, on)

    found = escalate(base, history=history, on=on, rule=rule)

    assert found.points == base.points * rule.factor**repeats
    assert isinstance(found.points, Fraction)
    assert (found == base) == (repeats == 0)


@given(rule=multiply_escalations(capped=True), base=deductions, on=offence_days, data=st.data())
def test_a_capped_multiplication_stops_at_the_cap_but_never_below_the_base(
    rule: Escalation, base: Deduction, on: date, data: st.DataObject
) -> None:
    """With a cap, the points are min(base × factor^repeats, cap), and never below the base
    (a base already above the cap stays as it is)."""
    history = data.draw(earlier_days(on))
    assert rule.cap is not None
    raw = base.points * rule.factor ** _repeats(rule, history, on)

    found = escalate(base, history=history, on=on, rule=rule)

    assert found.points == max(base.points, min(raw, rule.cap))


@given(rule=ladder_escalations(), base=sanctions, on=offence_days)
def test_enough_repeats_reach_the_ceiling_and_stay_there(
    rule: Escalation, base: Sanction, on: date
) -> None:
    """Seven repeats on the day climb any ladder to its ceiling; more change nothing."""
    top = max(base, Sanction.VETO if rule.ceiling is None else rule.ceiling)
    for count in (7, 8, 20):
        assert escalate(base, history=[on] * count, on=on, rule=rule) is top


@given(rule=ladder_escalations(), base=penalties, on=offence_days, data=st.data())
def test_a_penalty_climbs_like_its_sanction_and_its_reason_says_why(
    rule: Escalation, base: Penalty, on: date, data: st.DataObject
) -> None:
    """A Penalty escalates exactly like its Sanction; with repeats its reason grows a note."""
    history = data.draw(earlier_days(on))

    found = escalate(base, history=history, on=on, rule=rule)

    assert found.sanction == escalate(base.sanction, history=history, on=on, rule=rule)
    if rule.repeats(history, on):
        assert found.reason.startswith(base.reason)
        assert f"再犯{rule.repeats(history, on)}次" in found.reason
    else:
        assert found == base


@given(rule=escalations, on=offence_days, later=st.integers(min_value=1, max_value=400))
def test_an_earlier_offence_dated_after_the_new_one_is_refused(
    rule: Escalation, on: date, later: int
) -> None:
    """History holds earlier offences; a date after ``on`` is refused by name."""
    base = (
        Sanction.REMINDER
        if rule.mode is EscalationMode.LADDER
        else Deduction(points=1, reason="迟到")
    )
    with pytest.raises(InvalidArgument) as caught:
        escalate(base, history=[on + timedelta(days=later)], on=on, rule=rule)
    assert caught.value.name == "history"


def test_a_window_of_thirty_days_counts_the_thirty_days_ending_on_the_new_offence() -> None:
    """30 days ending 2026-05-06 start on 04-07: an offence on 04-07 counts, one on 04-06 not."""
    rule = Escalation.ladder(window=30)
    on = date(2026, 5, 6)
    assert rule.repeats([date(2026, 4, 7), date(2026, 5, 6)], on) == 2
    assert rule.repeats([date(2026, 4, 6)], on) == 0


def test_three_monthly_periods_fall_inside_a_three_month_window() -> None:
    """Monthly periods are their first days: March and April count for May, February not."""
    rule = Escalation.ladder(window=3, window_unit=WindowUnit.MONTHS)
    months = [date(2026, m, 1) for m in (2, 3, 4)]
    assert rule.repeats(months, date(2026, 5, 1)) == 2
    assert rule.window_start(date(2026, 5, 31)) == date(2026, 2, 28)


def test_mode_and_base_must_fit_together() -> None:
    """A LADDER climbs sanctions and a MULTIPLY multiplies points; each refuses the other."""
    day = date(2026, 5, 6)
    with pytest.raises(InvalidArgument) as ladder:
        escalate(Deduction(points=1, reason="迟到"), history=[], on=day, rule=Escalation.ladder())
    with pytest.raises(InvalidArgument) as multiply:
        escalate(Sanction.REMINDER, history=[], on=day, rule=Escalation.multiply())
    assert ladder.value.name == multiply.value.name == "base"


@pytest.mark.parametrize(
    ("history", "on", "rule", "name"),
    [
        ("2026-05-01", date(2026, 5, 6), Escalation.ladder(), "history"),
        ([datetime(2026, 5, 1, 9)], date(2026, 5, 6), Escalation.ladder(), "history"),
        ([date(2026, 5, 1)], datetime(2026, 5, 6, 9), Escalation.ladder(), "on"),
        ([], date(2026, 5, 6), "ladder", "rule"),
    ],
)
def test_escalate_refuses_bad_arguments_by_name(
    history: Any, on: Any, rule: Any, name: str
) -> None:
    """Dates only (not datetimes, not strings), and an Escalation rule."""
    with pytest.raises(InvalidArgument) as caught:
        escalate(Sanction.REMINDER, history=history, on=on, rule=rule)
    assert caught.value.name == name


@pytest.mark.parametrize(
    ("fields", "name"),
    [
        ({"mode": "ladder"}, "mode"),
        ({"mode": EscalationMode.LADDER, "window": 0}, "window"),
        ({"mode": EscalationMode.LADDER, "step": 0}, "step"),
        ({"mode": EscalationMode.LADDER, "ceiling": "veto"}, "ceiling"),
        ({"mode": EscalationMode.MULTIPLY, "factor": 1}, "factor"),
        ({"mode": EscalationMode.MULTIPLY, "factor": 2.0}, "factor"),
        ({"mode": EscalationMode.MULTIPLY, "cap": 0}, "cap"),
        ({"mode": EscalationMode.MULTIPLY, "window_unit": "days"}, "window_unit"),
    ],
)
def test_a_bad_escalation_field_is_refused_by_name(fields: dict[str, Any], name: str) -> None:
    """Each field is checked; the refusal names it and the value."""
    with pytest.raises(InvalidArgument) as caught:
        Escalation(**fields)
    assert caught.value.name == name


def test_fields_of_the_other_mode_are_refused_all_at_once() -> None:
    """A LADDER with a factor and a cap lists both slips; so does a MULTIPLY with a step and a
    ceiling."""
    with pytest.raises(InvalidDefinition) as ladder:
        Escalation(mode=EscalationMode.LADDER, factor=3, cap=10)
    with pytest.raises(InvalidDefinition) as multiply:
        Escalation(mode=EscalationMode.MULTIPLY, step=2, ceiling=Sanction.YELLOW_CARD)
    assert len(ladder.value.defects) == len(multiply.value.defects) == 2


def test_an_escalation_says_what_it_does() -> None:
    """Labels as a scheme writes them."""
    assert Escalation.ladder(window=30).label == "30日内再犯升1级"
    assert (
        Escalation.ladder(ceiling=Sanction.YELLOW_CARD, step=2).label == "再犯升2级，至多黄牌警告"
    )
    assert Escalation.multiply(window=12, window_unit=WindowUnit.MONTHS).label == "12个月内再犯×2"
    assert Escalation.multiply(cap=10).label == "再犯×2，至多扣10分"


# --------------------------------------------------------------------------- aggravation


@given(aggravation=aggravations, base=deductions)
def test_an_aggravation_multiplies_the_points_once_and_names_the_circumstance(
    aggravation: Aggravation, base: Deduction
) -> None:
    """Points × factor exactly; the reason keeps the base's and adds the circumstance."""
    found = aggravation.apply(base)

    assert found.points == base.points * aggravation.factor
    assert found.reason.startswith(base.reason)
    assert aggravation.reason in found.reason


def test_seed_001_leave_taken_before_approval_is_punished_double() -> None:
    """先斩后奏，加倍处罚 (R5): 2 points become 4; repeated within a year under 加倍处罚 for
    repeats, twice more: 16."""
    leave = Deduction(points=2, reason="未经批准请假")
    doubled = Aggravation(reason="先斩后奏").apply(leave)
    repeat = Escalation.multiply(factor=2, window=12, window_unit=WindowUnit.MONTHS)

    again = escalate(
        doubled,
        history=[date(2025, 4, 30), date(2025, 9, 1), date(2026, 3, 2)],
        on=date(2026, 5, 6),
        rule=repeat,
    )

    assert doubled.points == 4
    assert again.points == 16  # the offence of 2025-04-30 lies outside the 12 months
    assert again.label == "扣16分：未经批准请假（先斩后奏，×2）（12个月内再犯×2：再犯2次）"


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (lambda: Aggravation(reason="先斩后奏", factor=1), "factor"),
        (lambda: Aggravation(reason="", factor=2), "reason"),
        (lambda: Aggravation(reason="先斩后奏").apply(Bonus(points=1, reason="x")), "base"),  # type: ignore[arg-type]
    ],
)
def test_a_bad_aggravation_is_refused_by_name(make: Any, name: str) -> None:
    """An aggravation multiplies by more than 1, says why, and applies to a Deduction."""
    with pytest.raises(InvalidArgument) as caught:
        make()
    assert caught.value.name == name


# --------------------------------------------------------------------------- effects


def test_seed_003_missing_the_months_key_work_brings_criticism_and_a_written_explanation() -> None:
    """对未完成月度重点工作的科室及个人，在干部职工会议上进行通报批评，并责成作出书面说明和检查
    (R12): two rungs of the ladder, each a Penalty with the same reason."""
    missed = "未完成月度重点工作"
    effects = (
        Penalty(sanction=Sanction.CRITICISM, reason=missed),
        Penalty(sanction=Sanction.WRITTEN_EXPLANATION, reason=missed),
    )

    assert [e.label for e in effects] == [
        "通报批评：未完成月度重点工作",
        "书面说明/检查：未完成月度重点工作",
    ]
    assert effects[0].sanction < effects[1].sanction


def test_deductions_and_bonuses_show_their_points_exactly() -> None:
    """Labels as a circular writes them; the points stay exact Fractions."""
    assert Deduction(points=Decimal("0.5"), reason="迟到").label == "扣0.5分：迟到"
    assert Bonus(points=3, reason="金点子").points == Fraction(3)


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (lambda: Deduction(points=0, reason="迟到"), "points"),
        (lambda: Deduction(points=0.5, reason="迟到"), "points"),
        (lambda: Bonus(points=-1, reason="金点子"), "points"),
        (lambda: Deduction(points=1, reason=" "), "reason"),
        (lambda: Deduction(points=1, reason="迟到", effect="bonus"), "effect"),  # type: ignore[arg-type]
        (lambda: Penalty(sanction="criticism", reason="x"), "sanction"),  # type: ignore[arg-type]
        (lambda: Notification(to="", about="sun", reason="违纪"), "to"),
        (lambda: Notification(to="市纪委", about=None, reason="违纪"), "about"),  # type: ignore[arg-type]
        (lambda: Accountability(policy=None, reason="整改不力"), "policy"),  # type: ignore[arg-type]
    ],
)
def test_a_bad_effect_is_refused_by_name(make: Any, name: str) -> None:
    """Every field is checked when the effect is built; the refusal names field and value."""
    with pytest.raises(InvalidArgument) as caught:
        make()
    assert caught.value.name == name
    assert isinstance(caught.value, XingfengError)


# --------------------------------------------------------------------------- accountability


def _liable(
    chain: ResponsibilityChain, target: str, policy: LiabilityPolicy
) -> tuple[str, list[str], set[str]]:
    """Who should answer, computed from the chain's drivers and the organisation's remits
    alone: the direct holder, the first ``levels`` drivers up whose post the policy names,
    then the heads of the supervision offices covering the unit or a unit above it."""
    org = chain.organization
    if org.has_unit(target):
        direct, unit = chain.first_responsible(target), target
    else:
        direct, unit = target, chain.unit_of(target)
    drivers: list[str] = []
    person = chain.driver_of(direct)
    while person is not None:
        drivers.append(person)
        person = chain.driver_of(person)
    if policy.levels is not None:
        drivers = drivers[: policy.levels]
    leaders = [d for d in drivers if chain.post_of(d) in policy.posts]
    covered = {unit, *org.ancestors(unit)}
    offices = {
        chain.first_responsible(remit.office) for remit in org.supervision if remit.units & covered
    }
    joint = offices - {direct, *leaders} if policy.supervision else set()
    return direct, leaders, joint


def _targets(chain: ResponsibilityChain) -> list[str]:
    return [*chain.holders, *(u.id for u in chain.organization.units)]


@given(chain=chains(), policy=liability_policies, data=st.data())
def test_joint_liability_reaches_exactly_the_levels_the_policy_names(
    chain: ResponsibilityChain, policy: LiabilityPolicy, data: st.DataObject
) -> None:
    """The direct holder, then the first ``levels`` drivers up the chain whose posts the
    policy names, then — only if the policy says so — the heads of the supervision offices
    whose remit covers the unit (R4); checked against an independent walk of the chain."""
    target = data.draw(st.sampled_from(_targets(chain)))
    direct, expected_leaders, expected_joint = _liable(chain, target, policy)

    found = resolve_accountability(chain, target, policy)
    kinds = [p.liability.kind for p in found]
    leaders = [p.holder for p in found if p.liability.kind is LiabilityKind.LEADERSHIP]
    joint = [p.holder for p in found if p.liability.kind is LiabilityKind.JOINT]

    assert kinds[0] is LiabilityKind.DIRECT
    assert kinds == sorted(
        kinds, key=[LiabilityKind.DIRECT, LiabilityKind.LEADERSHIP, LiabilityKind.JOINT].index
    )
    assert found[0].holder == direct
    assert leaders == expected_leaders
    assert set(joint) == expected_joint
    assert len(joint) == len(set(joint))
    if not policy.supervision:
        assert not joint
    if policy.levels is not None:
        assert len(leaders) <= policy.levels


@given(chain=chains(), policy=liability_policies, data=st.data())
def test_each_liable_person_comes_with_the_path_that_makes_them_liable(
    chain: ResponsibilityChain, policy: LiabilityPolicy, data: st.DataObject
) -> None:
    """Direct: just the holder.  Leadership: the chain from the direct holder up to the
    leader, each driven by the next.  Joint: the direct holder, then the supervisor."""
    target = data.draw(st.sampled_from(_targets(chain)))

    found = resolve_accountability(chain, target, policy)
    direct = found[0].holder

    assert [p.liability for p in found] == list(chain.liable_for(target, policy))
    for person in found:
        kind, path = person.liability.kind, person.path
        assert path[0] == direct
        assert path[-1] == person.holder
        if kind is LiabilityKind.DIRECT:
            assert path == (direct,)
        elif kind is LiabilityKind.LEADERSHIP:
            assert all(chain.driver_of(a) == b for a, b in itertools.pairwise(path))
        else:
            assert path == (direct, person.holder)


@given(chain=chains(), policy=liability_policies, data=st.data())
def test_an_accountability_effect_resolves_through_its_policy(
    chain: ResponsibilityChain, policy: LiabilityPolicy, data: st.DataObject
) -> None:
    """Accountability(policy).resolve(chain, target) is resolve_accountability with it."""
    target = data.draw(st.sampled_from(_targets(chain)))
    effect = Accountability(policy=policy, reason="整改不力")

    assert effect.resolve(chain, target) == resolve_accountability(chain, target, policy)


def test_the_supervision_office_shares_liability_for_what_it_let_slide() -> None:
    """Seed 001: 监督管理办公室…否则将负连带责任 (R4).  In the gas company, 赵 heads the
    office supervising 客服中心 and below: jointly liable for the 营业厅, not for 计量科, and
    not at all when the policy leaves supervision out."""
    chain = ResponsibilityChain(organization=gas_company())

    hall = resolve_accountability(chain, "hall", LiabilityPolicy(levels=1))
    meter = resolve_accountability(chain, "meter")
    lenient = resolve_accountability(chain, "hall", LiabilityPolicy(supervision=False))

    assert [p.label for p in hall] == [
        "直接责任：chen",
        "领导责任：chen → zhang",
        "连带责任：chen → zhao",
    ]
    assert [p.holder for p in meter] == ["liu", "wang"]
    assert "zhao" not in [p.holder for p in lenient]


def test_accountability_refuses_an_unknown_target_or_a_bad_chain() -> None:
    """Unknown holders and units are UnknownReference; a chain must be a chain."""
    chain = ResponsibilityChain(organization=gas_company())
    with pytest.raises(UnknownReference):
        resolve_accountability(chain, "nobody")
    with pytest.raises(InvalidArgument) as caught:
        resolve_accountability("chain", "hall")  # type: ignore[arg-type]
    assert caught.value.name == "chain"


# --------------------------------------------------------------------------- notifications


@given(org=organizations())
def test_notifications_go_exactly_to_seconded_peoples_home_units(org: Organization) -> None:
    """Each person's notifications go to exactly the home units of their postings, once each,
    about that person; someone not seconded gets none."""
    for person in org.people:
        homes = {p.home_unit for p in org.postings_of(person.id) if p.home_unit is not None}

        found = home_unit_notifications(org, person.id, reason="上班时间上网聊天")

        assert {n.to for n in found} == homes
        assert len(found) == len(homes)
        assert all(n.about == person.id for n in found)


def test_a_seconded_violator_is_reported_to_the_home_unit() -> None:
    """Seed 001: 应该向原单位通报的坚决向原单位通报.  孙 in the 营业厅 comes from 市纪委; 周 in
    计量科 is the company's own."""
    org = gas_company()

    assert home_unit_notifications(org, "sun", reason="上班时间打游戏") == (
        Notification(to="市纪委", about="sun", reason="上班时间打游戏"),
    )
    assert home_unit_notifications(org, "zhou", reason="上班时间打游戏") == ()


def test_notifications_refuse_an_unknown_person_or_a_blank_reason() -> None:
    """Unknown people are UnknownReference; the reason must say something."""
    org = gas_company()
    with pytest.raises(UnknownReference):
        home_unit_notifications(org, "nobody", reason="违纪")
    with pytest.raises(InvalidArgument) as caught:
        home_unit_notifications(org, "sun", reason=" ")
    assert caught.value.name == "reason"


# --------------------------------------------------------------------------- JSON


@given(
    value=st.one_of(
        deductions,
        bonuses,
        penalties,
        notifications,
        accountabilities,
        escalations,
        aggravations,
        liable_people(),
    )
)
def test_every_value_survives_a_json_round_trip(value: Any) -> None:
    """to_json then from_json gives back an equal value of the same class."""
    assert from_json(to_json(value), type(value)) == value


@given(listed=st.lists(effects, max_size=6))
def test_a_list_of_mixed_effects_loads_back_into_the_right_classes(listed: list[Any]) -> None:
    """The "effect" tag tells a deduction from a bonus with the same fields."""
    loaded = structure(unstructure(tuple(listed)), tuple[Effect, ...])

    assert list(loaded) == listed
    assert [type(e) for e in loaded] == [type(e) for e in listed]


def test_effects_are_written_with_their_kind() -> None:
    """The JSON of an effect starts with its kind, so a host can dispatch on it."""
    assert to_json(Deduction(points=Decimal("1.5"), reason="迟到")) == (
        '{"effect": "deduction", "points": "3/2", "reason": "迟到"}'
    )
