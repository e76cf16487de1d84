"""Facts derived from a campaign: what rules look at, as plain values."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.test_campaign import PLAN, START
from tests.test_rectification import at, campaign_with_a_complaint, campaign_with_deadlines
from xingfeng import (
    Campaign,
    CommandRefused,
    Complaint,
    InvalidArgument,
    Opinion,
    Source,
    Verdict,
    campaign_facts,
    evaluate,
    late_rectification,
)


def test_complaints_count_as_verified_once_found_true() -> None:
    """R6: 属实 is a verdict, not a merge: a merged complaint counts once found 属实 or 部分属实,
    never when found 不属实; escalated ones are counted apart."""
    campaign = campaign_with_a_complaint()
    escalated = Opinion(
        id="C9",
        source=Source.COMPLAINT,
        text="越级反映窗口拖拉",
        unit="office",
        received_at=at(1),
        complaint=Complaint(
            channel="省政风行风热线", complainant="王女士", escalated=True, forwarded_by="省纠风办"
        ),
    )
    campaign.receive_opinion(escalated, at=at(1), by="clerk")
    facts = campaign_facts(campaign, date(2026, 3, 3))
    office = facts.units["office"]
    assert (office["complaints"], office["verified_complaints"]) == (2, 0)  # merged, no verdict
    campaign.give_verdict("C1", verdict=Verdict.PARTLY_TRUE, at=at(1), by="chief")
    assert campaign_facts(campaign, date(2026, 3, 3)).units["office"]["verified_complaints"] == 1
    campaign.merge_opinions("P", opinions=["C9"], at=at(2), by="chief")
    campaign.give_verdict("C9", verdict=Verdict.NOT_TRUE, at=at(2), by="chief")
    office = campaign_facts(campaign, date(2026, 3, 4)).units["office"]
    assert (office["verified_complaints"], office["escalated_verified_complaints"]) == (1, 0)
    with pytest.raises(CommandRefused, match="已认定为不属实"):
        campaign.give_verdict("C9", verdict=Verdict.TRUE, at=at(3), by="chief")
    assert facts.problems["P"]["unanswered"] == 1
    assert facts.problems["P"]["unsatisfied"] == 1


def test_overdue_measures_are_counted_for_their_unit_owner_and_problem() -> None:
    """A measure due 03-31 is 3 days late on 04-03, for office, wen and P alike."""
    campaign = campaign_with_a_complaint()
    facts = campaign_facts(campaign, date(2026, 4, 3))
    for row in (facts.units["office"], facts.people["wen"]):
        assert (row["overdue_measures"], row["max_days_overdue"]) == (1, 3)
    assert facts.problems["P"]["overdue_measures"] == 1
    assert facts.people["wen"]["owned_measures"] == 1


def test_a_host_adds_its_own_facts() -> None:
    """满意率 per unit and 先斩后奏 per person come from the host application."""
    facts = campaign_facts(
        Campaign.launch(PLAN, at=START, by="chief"),
        date(2026, 3, 2),
        unit_extras={"office": {"satisfaction": Decimal("0.92")}},
        person_extras={"clerk": {"leave_before_approval": 1}},
    )
    assert facts.units["office"]["satisfaction"] == Decimal("0.92")
    assert facts.people["clerk"]["leave_before_approval"] == 1
    with pytest.raises(InvalidArgument):
        campaign_facts(
            Campaign.launch(PLAN, at=START, by="chief"),
            date(2026, 3, 2),
            unit_extras={"office": {"satisfaction": 0.92}},  # a float is not exact
        )


@given(
    plan=st.lists(st.tuples(st.integers(0, 60), st.none() | st.integers(0, 90)), max_size=8),
    day=st.integers(0, 120),
)
def test_unit_and_person_counts_add_up_to_the_overdue_list(
    plan: list[tuple[int, int | None]], day: int
) -> None:
    """Per-unit and per-person overdue counts each sum to the campaign's overdue measures."""
    campaign = campaign_with_deadlines(plan)
    on = START.date() + timedelta(days=day)
    facts = campaign_facts(campaign, on)
    late = [item for item in campaign.overdue(on) if item.kind == "measure"]
    assert sum(int(row["overdue_measures"] or 0) for row in facts.units.values()) == len(late)
    assert sum(int(row["overdue_measures"] or 0) for row in facts.people.values()) == len(late)
    longest = max(((on - item.due).days for item in late), default=0)
    assert max(int(r["max_days_overdue"] or 0) for r in facts.units.values()) == longest


def test_a_period_counts_only_the_complaints_received_in_it() -> None:
    """一月一查: complaints of March alone; a period ending before it starts is refused."""
    campaign = campaign_with_a_complaint()  # C1 received on 03-02
    april = campaign_facts(campaign, date(2026, 4, 30), since=date(2026, 4, 1))
    march = campaign_facts(campaign, date(2026, 3, 31), since=date(2026, 3, 1))
    assert (march.units["office"]["complaints"], april.units["office"]["complaints"]) == (1, 0)
    with pytest.raises(InvalidArgument):
        campaign_facts(campaign, date(2026, 3, 1), since=date(2026, 3, 31))


@given(
    plan=st.lists(st.tuples(st.integers(0, 60), st.none() | st.integers(0, 120)), max_size=8),
    day=st.integers(0, 180),
)
def test_a_measure_done_late_stays_late_after_it_is_done(
    plan: list[tuple[int, int | None]], day: int
) -> None:
    """R9: late_measures counts the measures overdue on the day and those done after their
    deadline by then; max_days_late is the longest delay, done or not.  A measure done 40
    days late is 40 days late for good."""
    campaign = campaign_with_deadlines(plan)
    on = START.date() + timedelta(days=day)
    facts = campaign_facts(campaign, on)
    delays = []
    for due, done in plan:
        deadline = START.date() + timedelta(days=due)
        if done is None or START.date() + timedelta(days=done) > on:
            if on > deadline:
                delays.append((on - deadline).days)  # still overdue on the day
        elif done > due:
            delays.append(done - due)  # done late
    wen = facts.people.get("wen", {})
    assert int(wen.get("late_measures") or 0) == len(delays)
    assert int(wen.get("max_days_late") or 0) == max(delays, default=0)
    findings = evaluate(campaign, on, [late_rectification()])
    assert bool(findings) == bool(delays)
