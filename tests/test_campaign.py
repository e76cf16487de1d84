"""The campaign aggregate: commands, gates, events and replay.

The heart is a Hypothesis state machine that drives random sequences of commands, valid and
invalid, against one campaign and checks after every step that refused commands left no
trace, that accepted ones recorded exactly their events, and that replaying the log gives an
equal campaign.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pendulum
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from xingfeng import (
    ActivityHeld,
    Campaign,
    CampaignPlan,
    CommandRefused,
    Event,
    ExtensionApproved,
    GateNotMet,
    InvalidDefinition,
    MeasureAdded,
    MeasureCompleted,
    Organization,
    Person,
    Post,
    Posting,
    ProblemRecorded,
    ResponsibilityChain,
    SelfInspectionSubmitted,
    StageAdvanced,
    StageReport,
    StageReportFiled,
    StageTemplate,
    TimeLimit,
    Unit,
    UnitKind,
    from_json,
    to_json,
)

UNITS = ("office", "service", "network")
PEOPLE = ("chief", "deputy", "wen", "fang", "lu", "clerk")
HEADS = {"office": "wen", "service": "fang", "network": "lu"}
ACTIVITIES = ("mobilisation", "forum", "review", "summary", "bogus")
PROBLEMS = tuple(f"P{i}" for i in range(6))
MEASURES = tuple(f"M{i}" for i in range(6))
START = pendulum.datetime(2026, 3, 2, 9, tz="Asia/Shanghai")


def chain() -> ResponsibilityChain:
    """A bureau with three sections; the deputy is in charge of two of them."""
    org = Organization(
        units=[
            Unit(id="bureau", name="局", kind=UnitKind.ORGANIZATION),
            *(Unit(id=u, name=u, kind=UnitKind.SECTION, parent="bureau") for u in UNITS),
        ],
        people=[Person(id=p, name=p) for p in PEOPLE],
        postings=[
            Posting(person="chief", unit="bureau", post=Post.TOP_LEADER),
            Posting(
                person="deputy",
                unit="bureau",
                post=Post.DEPUTY,
                in_charge_of={"service", "network"},
            ),
            *(Posting(person=h, unit=u, post=Post.FIRST_RESPONSIBLE) for u, h in HEADS.items()),
            Posting(person="clerk", unit="office", post=Post.STAFF),
        ],
    )
    return ResponsibilityChain(organization=org)


def plan() -> CampaignPlan:
    """The appraisal template over 2026, with short windows so overruns happen."""
    windows = [
        (date(2026, 3, 2), date(2026, 3, 20)),
        (date(2026, 3, 23), date(2026, 4, 30)),
        (date(2026, 5, 6), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 7, 31)),
    ]
    return CampaignPlan(
        name="测试活动",
        organiser="市纠风办",
        first=date(2026, 3, 1),
        last=date(2026, 12, 31),
        stages=StageTemplate.appraisal().plan(windows),
        appraised=("bureau",),
        chain=chain(),
    )


PLAN = plan()


class CampaignMachine(RuleBasedStateMachine):
    """Random command sequences against one campaign, checked after every step."""

    def __init__(self) -> None:
        super().__init__()
        self.campaign = Campaign.launch(PLAN, at=START, by="chief")
        self.now: datetime = START
        self.highest_stage = 0

    # ---- the harness: run a command, and check what it did or did not do

    def run(self, command: str, expected: tuple[type, ...], **kwargs: object) -> bool:
        before = Campaign.replay(self.campaign.events)
        count = self.campaign.event_count
        try:
            getattr(self.campaign, command)(**kwargs)
        except (CommandRefused, GateNotMet):
            assert self.campaign == before, f"refused {command} changed the campaign"
            assert self.campaign.event_count == count
            return False
        added = self.campaign.events[count:]
        assert tuple(type(e) for e in added) == expected, added
        return True

    # ---- rules

    @rule(hours=st.integers(min_value=0, max_value=24 * 20))
    def time_passes(self, hours: int) -> None:
        self.now = self.now.add(hours=hours)

    @rule(activity=st.sampled_from(ACTIVITIES), by=st.sampled_from(PEOPLE))
    def hold_activity(self, activity: str, by: str) -> None:
        self.run("hold_activity", (ActivityHeld,), activity=activity, at=self.now, by=by)

    @rule(unit=st.sampled_from((*UNITS, "bureau", "nowhere")), by=st.sampled_from(PEOPLE))
    def submit_self_inspection(self, unit: str, by: str) -> None:
        self.run(
            "submit_self_inspection",
            (SelfInspectionSubmitted,),
            unit=unit,
            summary="自查",
            at=self.now,
            by=by,
        )

    @rule(problem=st.sampled_from(PROBLEMS), unit=st.sampled_from((*UNITS, "nowhere")))
    def record_problem(self, problem: str, unit: str) -> None:
        acceptable = unit != "nowhere" and problem not in self.campaign.problems
        acceptable = acceptable and not self.campaign.concluded
        accepted = self.run(
            "record_problem",
            (ProblemRecorded,),
            problem=problem,
            unit=unit,
            title="问题",
            at=self.now,
            by="chief",
        )
        assert accepted == acceptable

    @rule(
        measure=st.sampled_from(MEASURES),
        problem=st.sampled_from(PROBLEMS),
        owner=st.sampled_from((*PEOPLE, "stranger")),
        due=st.one_of(
            st.integers(min_value=-5, max_value=60).map(lambda d: START.date() + timedelta(days=d)),
            st.integers(min_value=1, max_value=30).map(TimeLimit.working_days),
        ),
    )
    def add_measure(self, measure: str, problem: str, owner: str, due: object) -> None:
        self.run(
            "add_measure",
            (MeasureAdded,),
            measure=measure,
            problem=problem,
            title="措施",
            owner=owner,
            due=due,
            at=self.now,
            by="deputy",
        )

    @rule(measure=st.sampled_from(MEASURES), by=st.sampled_from(PEOPLE))
    def complete_measure(self, measure: str, by: str) -> None:
        self.run(
            "complete_measure",
            (MeasureCompleted,),
            measure=measure,
            evidence="照片",
            at=self.now,
            by=by,
        )

    @rule(
        measure=st.sampled_from(MEASURES),
        days=st.integers(min_value=-3, max_value=40),
        by=st.sampled_from(PEOPLE),
    )
    def approve_extension(self, measure: str, days: int, by: str) -> None:
        until = self.now.date() + timedelta(days=days)
        accepted = self.run(
            "approve_extension",
            (ExtensionApproved,),
            measure=measure,
            until=until,
            at=self.now,
            by=by,
        )
        if accepted:
            owner = self.campaign.measures[measure].owner
            assert PLAN.chain is not None
            assert PLAN.chain.driver_of(owner) == by

    @rule()
    def file_report(self) -> None:
        self.run(
            "file_report",
            (StageReportFiled,),
            report=StageReport(summary="阶段总结"),
            at=self.now,
            by="chief",
        )

    @rule(with_report=st.booleans())
    def advance(self, with_report: bool) -> None:
        stage = self.campaign.stage
        on = self.now.date()
        failing = {g.name for g in stage.gates if g.failures(self.campaign, on)}
        report = StageReport(summary="转段报告") if with_report else None
        try:
            self.campaign.advance(at=self.now, by="chief", report=report)
        except GateNotMet as refused:
            reported = {f.gate for f in refused.unmet}
            # Every failing gate is listed (a pending report may satisfy StageReported).
            assert reported <= failing
            assert failing - reported <= {"阶段总结暨转段报告已提交 (stage report filed)"}
            return
        except CommandRefused:
            return
        assert stage.key not in self.campaign.overruns or on > stage.last

    @precondition(lambda self: not self.campaign.concluded)
    @rule()
    def do_the_stage_work_and_advance(self) -> None:
        """Satisfy every gate of the current stage, so sequences reach the later stages."""
        campaign = self.campaign
        for activity in campaign.stage.activities:
            if not campaign.held(activity.id):
                campaign.hold_activity(activity.id, at=self.now, by="chief")
        for unit in UNITS:
            if unit not in campaign.self_inspections:
                campaign.submit_self_inspection(unit, summary="自查", at=self.now, by=HEADS[unit])
        for number, problem in enumerate(campaign.problems_without_measures()):
            campaign.add_measure(
                f"{problem}-fix{number}-{campaign.event_count}",
                problem=problem,
                title="补充措施",
                owner="wen",
                due=self.now.date() + timedelta(days=30),
                at=self.now,
                by="chief",
            )
        for measure in campaign.overdue_measures(self.now.date()):
            campaign.complete_measure(measure.id, evidence="补做", at=self.now, by=measure.owner)
        stage = campaign.stage.key
        report = None if stage in campaign.reports else StageReport(summary="转段")
        campaign.advance(at=self.now, by="chief", report=report)

    @rule(hours=st.integers(min_value=1, max_value=100))
    def a_command_in_the_past_is_refused(self, hours: int) -> None:
        if self.campaign.event_count > 1:
            earlier = self.campaign.events[-1].at - timedelta(hours=hours)
            assert not self.run(
                "record_problem",
                (ProblemRecorded,),
                problem="PX",
                unit="office",
                title="x",
                at=earlier,
                by="chief",
            )

    # ---- invariants

    @invariant()
    def stages_only_move_forward(self) -> None:
        assert self.campaign.stage_index >= self.highest_stage
        assert self.campaign.stage_index <= self.highest_stage + 1
        self.highest_stage = self.campaign.stage_index

    @invariant()
    def counts_match_the_log(self) -> None:
        names = [type(e).__name__ for e in self.campaign.events]
        assert len(self.campaign.problems) == names.count("ProblemRecorded")
        assert len(self.campaign.measures) == names.count("MeasureAdded")
        assert self.campaign.stage_index == names.count("StageAdvanced")
        assert self.campaign.concluded == ("CampaignConcluded" in names)

    @invariant()
    def every_measure_belongs_to_a_recorded_problem(self) -> None:
        for measure in self.campaign.measures.values():
            assert measure.problem in self.campaign.problems

    @invariant()
    def replaying_the_log_gives_an_equal_campaign(self) -> None:
        assert Campaign.replay(self.campaign.events) == self.campaign

    @invariant()
    def events_are_in_time_order(self) -> None:
        moments = [e.at for e in self.campaign.events]
        assert moments == sorted(moments)

    @precondition(lambda self: self.campaign.event_count % 5 == 0)
    @invariant()
    def the_log_survives_json(self) -> None:
        loaded = from_json(to_json(self.campaign.events), tuple[Event, ...])
        assert Campaign.replay(loaded) == self.campaign


# The active profile's example count, with sequences long enough to reach the last stage.
CampaignMachine.TestCase.settings = settings(settings(), stateful_step_count=40)
TestCampaignMachine = CampaignMachine.TestCase


# ---- examples of specific rules


def launched() -> Campaign:
    return Campaign.launch(PLAN, at=START, by="chief")


def test_a_stage_cannot_be_skipped_or_reversed() -> None:
    """Only the next stage may open: a forged transition is refused on replay."""
    campaign = launched()
    forged = StageAdvanced(at=START, by="chief", closed="mobilise", opened="rectify")
    with pytest.raises(InvalidDefinition, match="after 'mobilise' comes 'self_inspect'"):
        Campaign.replay([*campaign.events, forged])


def test_advancing_lists_every_unmet_gate_and_changes_nothing() -> None:
    """GateNotMet names each failing gate with its items; the log is untouched."""
    campaign = launched()
    with pytest.raises(GateNotMet) as refused:
        campaign.advance(at=START.add(days=1), by="chief")
    assert [f.gate for f in refused.value.unmet] == [
        "计划活动均已开展 (planned activities held)",
        "阶段总结暨转段报告已提交 (stage report filed)",
    ]
    assert campaign.event_count == 1


def test_a_naive_moment_is_refused() -> None:
    """Commands need timezone-aware moments."""
    with pytest.raises(CommandRefused, match="timezone-aware"):
        launched().record_problem(
            "P", unit="office", title="x", at=datetime(2026, 3, 3, 9), by="chief"
        )


def test_an_actor_outside_the_chain_is_refused() -> None:
    """With a responsibility chain, only its holders act."""
    with pytest.raises(CommandRefused, match="holds no post"):
        launched().record_problem("P", unit="office", title="x", at=START, by="visitor")


def test_a_concluded_campaign_accepts_nothing() -> None:
    """After the last stage closes, every command is refused."""
    campaign = launched()
    for _ in PLAN.stages:
        stage = campaign.stage
        for activity in stage.activities:
            campaign.hold_activity(activity.id, at=START, by="chief")
        for unit in UNITS:
            if unit not in campaign.self_inspections:
                campaign.submit_self_inspection(unit, summary="自查", at=START, by="chief")
        campaign.advance(at=START, by="chief", report=StageReport(summary=stage.name))
    assert campaign.concluded
    with pytest.raises(CommandRefused, match="concluded"):
        campaign.record_problem("P", unit="office", title="x", at=START, by="chief")


def test_an_overrun_is_recorded_with_its_days() -> None:
    """Closing a stage after its window records how many days late it was."""
    campaign = launched()
    campaign.hold_activity("mobilisation", at=START, by="chief")
    late = pendulum.datetime(2026, 3, 25, 9, tz="Asia/Shanghai")
    campaign.advance(at=late, by="chief", report=StageReport(summary="迟到"))
    assert campaign.overruns == {"mobilise": 5}
    assert campaign.events[-1].overran_by == 5


def test_a_measure_deadline_in_working_days_follows_the_calendar() -> None:
    """A TimeLimit deadline is counted from the command's moment on the plan's calendar."""
    campaign = launched()
    campaign.record_problem("P", unit="office", title="x", at=START, by="chief")
    at = pendulum.datetime(2026, 9, 30, 16, tz="Asia/Shanghai")
    campaign.add_measure(
        "M", problem="P", title="y", owner="wen", due=TimeLimit.working_days(5), at=at, by="chief"
    )
    assert campaign.measures["M"].due == date(2026, 10, 13)


def test_replay_refuses_a_log_that_does_not_start_with_a_launch() -> None:
    """The first event of a log must launch the campaign."""
    campaign = launched()
    campaign.record_problem("P", unit="office", title="x", at=START, by="chief")
    with pytest.raises(InvalidDefinition, match="event 0"):
        Campaign.replay(campaign.events[1:])
