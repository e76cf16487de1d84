"""The closed loop (问题 → 措施 → 督查 → 回音 → 销号) inside a campaign: each rule by example,
and the time rules in general.  The state machine in test_campaign.py drives random command
sequences through the same loop and checks that nothing closes without its conditions."""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.test_campaign import PLAN, START
from xingfeng import (
    AnswerMode,
    AnswerPolicy,
    Campaign,
    CampaignPlan,
    CommandRefused,
    Complaint,
    Difficulty,
    ExtensionRule,
    InvalidArgument,
    InvalidDefinition,
    MeasureKind,
    Opinion,
    Post,
    ProblemState,
    Severity,
    Source,
    TimeLimit,
    TransitionRefused,
    Urgency,
    WorkCalendar,
)


def at(days: float = 0, hours: int = 0) -> pendulum.DateTime:
    """A moment ``days`` and ``hours`` after the campaign's start (a Monday, 09:00)."""
    return START.add(days=int(days), hours=hours)


def complaint(
    opinion: str,
    *,
    complainant: str = "张先生",
    channel: str = "12345",
    days: int = 0,
    category: str | None = None,
) -> Opinion:
    """A complaint about the office, received ``days`` after the start."""
    return Opinion(
        id=opinion,
        source=Source.COMPLAINT,
        text="窗口办事拖拉",
        unit="office",
        received_at=at(days),
        complaint=Complaint(channel=channel, complainant=complainant),
        category=category,
    )


def campaign_with_a_complaint() -> Campaign:
    """A complaint merged into problem P, assigned to wen, with one measure M owned by wen."""
    campaign = Campaign.launch(PLAN, at=START, by="chief")
    campaign.receive_opinion(complaint("C1"), at=at(), by="clerk")
    campaign.record_problem(
        "P",
        unit="office",
        title="办事效率低",
        opinions=["C1"],
        owner="wen",
        severity=Severity.SERIOUS,
        at=at(),
        by="chief",
    )
    campaign.add_measure(
        "M",
        problem="P",
        title="推行限时办结",
        owner="wen",
        due=date(2026, 3, 31),
        at=at(),
        by="chief",
    )
    return campaign


def test_a_complaint_closes_only_when_fixed_verified_answered_and_the_complainant_satisfied() -> (
    None
):
    """问题不解决不放过、客户不满意不通过 (R7, R10): each missing condition is named."""
    campaign = campaign_with_a_complaint()
    assert campaign.problems["P"].state is ProblemState.RECTIFYING
    campaign.complete_measure("M", evidence="限时办结制度文件", at=at(3), by="wen")
    assert campaign.problems["P"].state is ProblemState.RECTIFIED
    campaign.verify_problem("P", note="抽查10件均按时办结", at=at(4), by="deputy")
    assert campaign.closing_gaps("P") == (
        "意见 'C1' 尚未答复",
        "投诉 'C1' 的投诉人尚未表示满意",
    )
    with pytest.raises(CommandRefused, match="尚未答复"):
        campaign.close_problem("P", at=at(4), by="chief")
    campaign.answer_opinion("C1", mode=AnswerMode.CALL, summary="已电话答复", at=at(5), by="clerk")
    with pytest.raises(CommandRefused, match="尚未表示满意"):
        campaign.close_problem("P", at=at(5), by="chief")
    campaign.record_satisfaction("C1", satisfied=True, at=at(6), by="clerk")
    campaign.close_problem("P", at=at(6), by="chief")
    assert campaign.problems["P"].state is ProblemState.CLOSED


def test_an_unsatisfied_complainant_reopens_a_closed_problem() -> None:
    """回访不满意: the closed problem is reopened and needs new work and a new verification."""
    campaign = campaign_with_a_complaint()
    campaign.complete_measure("M", evidence="制度文件", at=at(1), by="wen")
    campaign.verify_problem("P", note="已核查", at=at(2), by="deputy")
    campaign.answer_opinion("C1", mode=AnswerMode.VISIT, summary="登门答复", at=at(2), by="clerk")
    campaign.record_satisfaction("C1", satisfied=True, at=at(3), by="clerk")
    campaign.close_problem("P", at=at(3), by="chief")

    campaign.record_satisfaction("C1", satisfied=False, at=at(10), by="clerk")
    assert campaign.problems["P"].state is ProblemState.REOPENED
    with pytest.raises(TransitionRefused) as refused:
        campaign.close_problem("P", at=at(10), by="chief")
    assert (refused.value.current, refused.value.requested) == (
        ProblemState.REOPENED,
        ProblemState.CLOSED,
    )
    campaign.add_measure(
        "M2",
        problem="P",
        title="窗口增设引导员",
        owner="wen",
        due=date(2026, 4, 30),
        at=at(11),
        by="chief",
    )
    assert campaign.problems["P"].state is ProblemState.RECTIFYING


def test_the_owner_of_a_measure_cannot_verify_its_problem() -> None:
    """Verification is done by someone other than the measure's owner (R9)."""
    campaign = campaign_with_a_complaint()
    campaign.complete_measure("M", evidence="制度文件", at=at(1), by="wen")
    with pytest.raises(CommandRefused, match="须由他人核查"):
        campaign.verify_problem("P", note="自己核查", at=at(2), by="wen")
    assert campaign.problems["P"].state is ProblemState.RECTIFIED


def test_a_problem_cannot_be_verified_before_every_measure_is_done() -> None:
    """A rectifying problem is not verified: the refusal names both states."""
    campaign = campaign_with_a_complaint()
    with pytest.raises(TransitionRefused, match="整改中") as refused:
        campaign.verify_problem("P", note="核查", at=at(1), by="deputy")
    assert refused.value.problem == "P"


def test_a_measure_needs_an_assigned_problem() -> None:
    """recorded → rectifying is not a move: a problem is assigned (交办) first."""
    campaign = Campaign.launch(PLAN, at=START, by="chief")
    campaign.record_problem("P", unit="office", title="问题", at=at(), by="chief")
    with pytest.raises(TransitionRefused) as refused:
        campaign.add_measure(
            "M", problem="P", title="措施", owner="wen", due=date(2026, 3, 31), at=at(), by="chief"
        )
    assert (refused.value.current, refused.value.requested) == (
        ProblemState.RECORDED,
        ProblemState.RECTIFYING,
    )
    campaign.assign_problem("P", owner="wen", at=at(), by="chief")
    campaign.add_measure(
        "M", problem="P", title="措施", owner="wen", due=date(2026, 3, 31), at=at(), by="chief"
    )


def test_evidence_that_closed_one_problem_is_refused_for_another() -> None:
    """纸面销号: the same evidence cannot complete measures of two problems."""
    campaign = campaign_with_a_complaint()
    campaign.record_problem(
        "Q", unit="service", title="另一问题", owner="fang", at=at(), by="chief"
    )
    campaign.add_measure(
        "N", problem="Q", title="措施", owner="fang", due=date(2026, 3, 31), at=at(), by="chief"
    )
    campaign.complete_measure("M", evidence="整改照片", at=at(1), by="wen")
    with pytest.raises(CommandRefused, match="纸面销号"):
        campaign.complete_measure("N", evidence="整改照片", at=at(1), by="fang")
    campaign.complete_measure("N", evidence="服务台改造照片", at=at(1), by="fang")


def test_an_extension_is_asked_for_by_the_owner_and_approved_by_the_superior_in_time() -> None:
    """Requested before the deadline, approved by the owner's superior, for what was asked."""
    campaign = campaign_with_a_complaint()
    with pytest.raises(CommandRefused, match="没有为 'M' 申请延期"):
        campaign.approve_extension("M", until=date(2026, 4, 15), at=at(1), by="chief")
    with pytest.raises(CommandRefused, match="只有负责人"):
        campaign.request_extension(
            "M", until=date(2026, 4, 15), reason="设备未到", at=at(1), by="fang"
        )
    campaign.request_extension("M", until=date(2026, 4, 15), reason="设备未到", at=at(1), by="wen")
    with pytest.raises(CommandRefused, match="申请延至 2026-04-15"):
        campaign.approve_extension("M", until=date(2026, 4, 30), at=at(1), by="chief")
    with pytest.raises(CommandRefused, match="上级 'chief' 可以批准延期"):
        campaign.approve_extension("M", until=date(2026, 4, 15), at=at(1), by="deputy")
    campaign.approve_extension("M", until=date(2026, 4, 15), at=at(2), by="chief")
    assert campaign.measures["M"].deadline == date(2026, 4, 15)


def capped_campaign(rule: ExtensionRule) -> Campaign:
    """The complaint campaign under a plan that caps extensions with ``rule``."""
    launched, *rest = campaign_with_a_complaint().events
    return Campaign.replay(
        [attrs.evolve(launched, plan=attrs.evolve(PLAN, extensions=rule)), *rest]
    )


@given(days=st.integers(min_value=1, max_value=40))
def test_extensions_never_exceed_the_plans_cap_in_working_days(days: int) -> None:
    """至多延期10个工作日: an extension to a day up to 10 working days past the original
    deadline is approved, one further is refused, and nothing changes when it is."""
    campaign = capped_campaign(ExtensionRule(cap=TimeLimit.working_days(10), times=2))
    until = date(2026, 3, 31) + timedelta(days=days)
    campaign.request_extension("M", until=until, reason="设备未到", at=at(1), by="wen")
    allowed = WorkCalendar.china().workdays_between(date(2026, 3, 31), until) <= 10
    if allowed:
        campaign.approve_extension("M", until=until, at=at(2), by="chief")
        assert campaign.measures["M"].deadline == until
        return
    count = campaign.event_count
    with pytest.raises(CommandRefused, match="不得超过10个工作日"):
        campaign.approve_extension("M", until=until, at=at(2), by="chief")
    assert campaign.event_count == count
    assert Campaign.replay(campaign.events) == campaign


def test_extensions_are_counted_and_approved_by_the_plans_posts() -> None:
    """times=1: a second extension is refused; approvers=分管领导: the top leader may not."""
    rule = ExtensionRule(
        cap=TimeLimit.calendar_days(30), times=1, approvers=frozenset({Post.DEPUTY})
    )
    campaign = capped_campaign(rule)
    campaign.request_extension("M", until=date(2026, 4, 10), reason="设备未到", at=at(1), by="wen")
    with pytest.raises(CommandRefused, match="须由分管领导批准"):
        campaign.approve_extension("M", until=date(2026, 4, 10), at=at(1), by="chief")
    campaign.approve_extension("M", until=date(2026, 4, 10), at=at(2), by="deputy")
    campaign.request_extension("M", until=date(2026, 4, 20), reason="仍未到", at=at(3), by="wen")
    with pytest.raises(CommandRefused, match="至多1次"):
        campaign.approve_extension("M", until=date(2026, 4, 20), at=at(3), by="deputy")


def test_an_extension_asked_for_after_the_deadline_is_refused() -> None:
    """The deadline 2026-03-31 has passed on 2026-04-01: too late to ask."""
    campaign = campaign_with_a_complaint()
    late = pendulum.datetime(2026, 4, 1, 9, tz="Asia/Shanghai")
    with pytest.raises(CommandRefused, match="已过"):
        campaign.request_extension("M", until=date(2026, 4, 15), reason="来不及", at=late, by="wen")


def test_a_measure_waits_for_its_prerequisites() -> None:
    """depends_on names existing measures only, and a measure completes after them."""
    campaign = campaign_with_a_complaint()
    with pytest.raises(CommandRefused, match="没有措施"):
        campaign.add_measure(
            "M3",
            problem="P",
            title="考核",
            owner="wen",
            due=date(2026, 3, 31),
            depends_on=["X"],
            at=at(),
            by="chief",
        )
    campaign.add_measure(
        "M3",
        problem="P",
        title="纳入考核",
        owner="wen",
        due=date(2026, 3, 31),
        depends_on=["M"],
        kind=MeasureKind.INSTITUTIONAL,
        at=at(),
        by="chief",
    )
    with pytest.raises(CommandRefused, match="尚未完成"):
        campaign.complete_measure("M3", evidence="考核办法", at=at(1), by="wen")
    campaign.complete_measure("M", evidence="制度", at=at(1), by="wen")
    campaign.complete_measure("M3", evidence="考核办法", at=at(1), by="wen")
    assert campaign.measures["M3"].kind is MeasureKind.INSTITUTIONAL


def test_a_measure_is_extended_to_every_sibling_unit_in_one_call() -> None:
    """举一反三: copies for service and network, owned by their first responsible persons."""
    campaign = campaign_with_a_complaint()
    campaign.replicate_measure("M", at=at(1), by="chief")
    copies = {m.id: (m.unit, m.owner) for m in campaign.measures.values() if m.id != "M"}
    assert copies == {"M@service": ("service", "fang"), "M@network": ("network", "lu")}
    assert campaign.events[-1].copies == (  # type: ignore[union-attr]
        ("M@service", "service", "fang"),
        ("M@network", "network", "lu"),
    )
    campaign.complete_measure("M", evidence="窗口制度", at=at(2), by="wen")
    assert campaign.problems["P"].state is ProblemState.RECTIFYING  # the copies are open


def test_the_old_name_extend_measure_still_works_and_warns() -> None:
    """extend_measure was renamed replicate_measure (it read like a deadline extension); the
    old name records the same event and says it is deprecated."""
    campaign = campaign_with_a_complaint()
    with pytest.warns(DeprecationWarning, match="replicate_measure"):
        campaign.extend_measure("M", at=at(1), by="chief")
    renamed = campaign_with_a_complaint()
    renamed.replicate_measure("M", at=at(1), by="chief")
    assert campaign == renamed


def test_opinions_merge_into_one_problem_only() -> None:
    """归类: an opinion merged into a problem cannot be merged again."""
    campaign = campaign_with_a_complaint()
    with pytest.raises(CommandRefused, match="已归入 'P'"):
        campaign.record_problem(
            "Q", unit="office", title="重复", opinions=["C1"], at=at(), by="chief"
        )
    assert campaign.merged_into("C1") == "P"


def test_a_second_complaint_about_the_same_matter_within_the_window_is_repeated() -> None:
    """重复投诉: same complainant, unit and category within 30 days; later ones are not."""
    campaign = Campaign.launch(PLAN, at=START, by="chief")
    matter = "窗口办事效率"
    arrivals = [
        complaint("C1", category=matter),
        complaint("C2", days=20, category=matter),  # the same person and matter: repeated
        complaint("C3", days=21, complainant="李女士", category=matter),  # someone else
        complaint("C4", days=60, category=matter),  # outside the 30-day window
        complaint("C5", days=61),  # no category: nothing says it is the same matter
        complaint("C6", days=62),
    ]
    for item in arrivals:
        campaign.receive_opinion(item, at=item.received_at, by="clerk")
    assert dict(campaign.repeated_complaints()) == {"C2": "C1"}


@given(
    arrivals=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=90),
            st.sampled_from(["张先生", "李女士"]),
            st.sampled_from([None, "窗口办事效率", "收费"]),
        ),
        max_size=8,
    )
)
def test_a_complaint_is_repeated_exactly_when_the_same_person_raised_the_same_matter_lately(
    arrivals: list[tuple[int, str, str | None]],
) -> None:
    """R10 in general: repeated iff the same complainant's latest complaint about the same unit
    and the same known category came within the window; an uncategorised one never is."""
    campaign = Campaign.launch(PLAN, at=START, by="chief")
    latest: dict[tuple[str, str], tuple[str, int]] = {}
    expected: dict[str, str] = {}
    for number, (days, who, category) in enumerate(sorted(arrivals, key=lambda a: a[0])):
        key = f"C{number}"
        item = complaint(key, days=days, complainant=who, category=category)
        campaign.receive_opinion(item, at=item.received_at, by="clerk")
        if category is None:
            continue
        earlier = latest.get((who, category))
        if earlier is not None and days - earlier[1] <= PLAN.answers.repeat_window:
            expected[key] = earlier[0]
        latest[(who, category)] = (key, days)
    assert dict(campaign.repeated_complaints()) == expected


def test_answers_are_due_by_channel_with_the_plans_limits() -> None:
    """A 95598 complaint is answered within 5 working days, a rater within the default 15."""
    plan = CampaignPlan(
        **{
            **{f.name: getattr(PLAN, f.name) for f in PLAN.__attrs_attrs__},
            "answers": AnswerPolicy(channels={"95598": TimeLimit.working_days(5)}),
        }
    )
    campaign = Campaign.launch(plan, at=START, by="chief")
    campaign.receive_opinion(complaint("C1", channel="95598"), at=at(), by="clerk")
    rater = Opinion(id="R1", source=Source.RATER, text="建议", unit="office", received_at=START)
    campaign.receive_opinion(rater, at=at(), by="clerk")
    inspection = Opinion(
        id="I1", source=Source.INSPECTION, text="暗访发现", unit="office", received_at=START
    )
    campaign.receive_opinion(inspection, at=at(), by="clerk")
    due = {item.id: item.due for item in campaign.due_soon(START.date(), 60)}
    # 2026-03-02 (Mon) + 5 working days = 03-09; + 15 working days = 03-23.
    assert due == {"C1": date(2026, 3, 9), "R1": date(2026, 3, 23)}
    assert [i.id for i in campaign.overdue(date(2026, 3, 10))] == ["C1"]
    with pytest.raises(CommandRefused, match="无须答复"):
        campaign.answer_opinion("I1", mode=AnswerMode.LETTER, summary="x", at=at(1), by="clerk")


def test_the_ledger_lists_problems_measures_and_who_answers_for_them() -> None:
    """台账: three lists of plain rows, with Chinese headings for export."""
    campaign = campaign_with_a_complaint()
    ledger = campaign.ledger(date(2026, 4, 1))
    (problem,) = ledger.problems
    assert (problem.sources, problem.severity, problem.state) == ("投诉1", "严重", "整改中")
    (measure,) = ledger.measures
    assert measure.overdue
    assert [(r.person, r.role, r.leader) for r in ledger.responsibilities] == [
        ("wen", "问题责任人", "chief"),
        ("wen", "措施责任人", "chief"),
    ]
    tables = ledger.tables()
    assert tables["措施清单"][0]["是否逾期"] is True
    assert tables["问题清单"][0]["来源"] == "投诉1"


def test_problems_carry_their_judgements() -> None:
    """Severity, urgency and difficulty recorded with the problem come back on its value."""
    campaign = Campaign.launch(PLAN, at=START, by="chief")
    campaign.record_problem(
        "P",
        unit="office",
        title="问题",
        severity=Severity.LIGHT,
        urgency=Urgency.URGENT,
        difficulty=Difficulty.HARD,
        at=at(),
        by="chief",
    )
    found = campaign.problems["P"]
    assert (found.severity, found.urgency, found.difficulty) == (
        Severity.LIGHT,
        Urgency.URGENT,
        Difficulty.HARD,
    )


# --- the time rules in general ----------------------------------------------------------------

deadlines = st.lists(
    st.tuples(st.integers(0, 60), st.none() | st.integers(0, 90)), min_size=1, max_size=8
)


def campaign_with_deadlines(plan: list[tuple[int, int | None]]) -> Campaign:
    """One problem per entry, with a measure due ``d`` days after 2026-03-02, done after
    ``c`` days (or never)."""
    campaign = Campaign.launch(PLAN, at=START, by="chief")
    completions = []
    for i, (due, done) in enumerate(plan):
        campaign.record_problem(
            f"P{i}", unit="office", title="问题", owner="wen", at=at(), by="chief"
        )
        campaign.add_measure(
            f"M{i}",
            problem=f"P{i}",
            title="措施",
            owner="wen",
            due=START.date() + timedelta(days=due),
            at=at(),
            by="chief",
        )
        if done is not None:
            completions.append((done, f"M{i}"))
    for done, measure in sorted(completions):
        campaign.complete_measure(measure, evidence=f"佐证{measure}", at=at(done), by="wen")
    return campaign


@given(plan=deadlines, first=st.integers(0, 120), gap=st.integers(0, 60))
def test_once_overdue_a_measure_stays_overdue_until_it_is_done(
    plan: list[tuple[int, int | None]], first: int, gap: int
) -> None:
    """overdue is monotone in time: what is overdue on a day is overdue on every later day
    until it is done; an item is overdue exactly when not done by a day past its deadline."""
    campaign = campaign_with_deadlines(plan)
    day = START.date() + timedelta(days=first)
    later = day + timedelta(days=gap)
    earlier_ids = {i.id for i in campaign.overdue(day)}
    later_ids = {i.id for i in campaign.overdue(later)}
    done_meanwhile = {m.id for m in campaign.measures.values() if m.done_by(later)}
    assert earlier_ids <= later_ids | done_meanwhile
    for measure in campaign.measures.values():
        assert (measure.id in earlier_ids) == measure.is_overdue(day)


@given(plan=deadlines, first=st.integers(0, 120), within=st.integers(0, 30))
def test_due_soon_is_every_undone_item_due_in_the_window(
    plan: list[tuple[int, int | None]], first: int, within: int
) -> None:
    """due_soon(on, n) lists exactly the measures not done by ``on`` that are due from ``on``
    to ``on + n``."""
    campaign = campaign_with_deadlines(plan)
    day = START.date() + timedelta(days=first)
    expected = {
        m.id
        for m in campaign.measures.values()
        if not m.done_by(day) and day <= m.deadline <= day + timedelta(days=within)
    }
    assert {i.id for i in campaign.due_soon(day, within)} == expected


@pytest.mark.parametrize("within", [-1, True, 1.5, "3"])
def test_due_soon_refuses_a_window_that_is_not_a_number_of_days(within: object) -> None:
    """within must be an int >= 0."""
    with pytest.raises(InvalidArgument):
        campaign_with_a_complaint().due_soon(date(2026, 3, 2), within)  # type: ignore[arg-type]


def test_a_late_measure_puts_the_measures_that_need_it_at_risk() -> None:
    """The campaign's measure graph: M3 needs M; M late on 04-01 puts M3 at risk."""
    campaign = campaign_with_a_complaint()
    campaign.add_measure(
        "M3",
        problem="P",
        title="纳入考核",
        owner="wen",
        due=date(2026, 3, 20),
        depends_on=["M"],
        at=at(),
        by="chief",
    )
    graph = campaign.measure_graph()
    assert graph.at_risk(date(2026, 4, 1)) == ("M3",)
    conflicts = graph.schedule_conflicts()
    assert [(c.measure, c.prerequisite) for c in conflicts] == [("M3", "M")]  # due before M


def test_a_later_complaint_merged_into_a_problem_must_be_answered_before_it_closes() -> None:
    """merge_opinions: a repeated complaint joins the problem, and R7 then covers it too."""
    campaign = campaign_with_a_complaint()
    campaign.receive_opinion(complaint("C2", days=3), at=at(3), by="clerk")
    campaign.merge_opinions("P", opinions=["C2"], at=at(3), by="chief")
    assert campaign.problems["P"].opinions == ("C1", "C2")
    assert campaign.merged_into("C2") == "P"
    campaign.complete_measure("M", evidence="制度", at=at(4), by="wen")
    campaign.verify_problem("P", note="已核查", at=at(5), by="deputy")
    for opinion in ("C1", "C2"):
        campaign.answer_opinion(
            opinion, mode=AnswerMode.CALL, summary="已答复", at=at(5), by="clerk"
        )
    campaign.record_satisfaction("C1", satisfied=True, at=at(6), by="clerk")
    assert campaign.closing_gaps("P") == ("投诉 'C2' 的投诉人尚未表示满意",)
    with pytest.raises(CommandRefused, match="已归入 'P'"):
        campaign.merge_opinions("P", opinions=["C2"], at=at(6), by="chief")


def test_closing_an_unverified_problem_names_the_states_and_every_other_gap() -> None:
    """TransitionRefused carries what else is missing: the answer and the satisfaction."""
    campaign = campaign_with_a_complaint()
    with pytest.raises(TransitionRefused) as refused:
        campaign.close_problem("P", at=at(1), by="chief")
    assert "意见 'C1' 尚未答复" in str(refused.value)
    assert refused.value.requested is ProblemState.CLOSED


def test_an_anonymous_opinion_is_answered_by_public_notice_only() -> None:
    """An unsigned rater opinion can only be answered publicly (公开答复)."""
    campaign = Campaign.launch(PLAN, at=START, by="chief")
    unsigned = Opinion(
        id="U1", source=Source.SUGGESTION_BOX, text="座椅少", unit="office", received_at=START
    )
    campaign.receive_opinion(unsigned, at=at(), by="clerk")
    with pytest.raises(CommandRefused, match="公开答复"):
        campaign.answer_opinion("U1", mode=AnswerMode.LETTER, summary="回函", at=at(1), by="clerk")
    campaign.answer_opinion(
        "U1", mode=AnswerMode.NOTICE, summary="公示栏答复", at=at(1), by="clerk"
    )


def test_the_ledger_of_a_past_day_shows_that_day() -> None:
    """A ledger for a day before a completion shows the measure undone and overdue then."""
    campaign = campaign_with_a_complaint()
    late = pendulum.datetime(2026, 4, 2, 10, tz="Asia/Shanghai")
    campaign.complete_measure("M", evidence="制度", at=late, by="wen")
    then = campaign.ledger(date(2026, 4, 1))
    (row,) = then.measures
    assert (row.overdue, row.done_on, then.problems[0].state) == (True, None, "整改中")
    (now,) = campaign.ledger(date(2026, 4, 2)).measures
    assert (now.overdue, now.done_on) == (False, date(2026, 4, 2))
    with pytest.raises(InvalidArgument):
        campaign.ledger(date(2026, 3, 1))  # before the launch


def test_a_cap_in_hours_cannot_extend_a_measures_day() -> None:
    """A measure's deadline is a day: a plan whose extension cap is in hours is refused."""
    with pytest.raises(InvalidDefinition, match="请以日或月给出上限"):
        attrs.evolve(PLAN, extensions=ExtensionRule(cap=TimeLimit.hours(48)))
