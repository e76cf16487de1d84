"""The campaign aggregate: commands, gates, events and replay.

The heart is a Hypothesis state machine that drives random sequences of commands, valid and
invalid, against one campaign and checks after every step that refused commands left no
trace, that accepted ones recorded exactly their events, and that replaying the log gives an
equal campaign.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tests import strategies
from xingfeng import (
    ActivityHeld,
    AllSectionsInspected,
    Anchor,
    AnswerMode,
    Cadence,
    CalendarAdopted,
    Campaign,
    CampaignLaunched,
    CampaignPlan,
    CommandRefused,
    Complaint,
    Deadline,
    Event,
    ExtensionApproved,
    ExtensionRequested,
    Frequency,
    GateNotMet,
    Holiday,
    InvalidArgument,
    InvalidDefinition,
    MeasureAdded,
    MeasureCompleted,
    Opinion,
    OpinionAnswered,
    OpinionReceived,
    OpinionVerdictGiven,
    Organization,
    Person,
    Post,
    Posting,
    ProblemAssigned,
    ProblemClosed,
    ProblemRecorded,
    ProblemReopened,
    ProblemState,
    ProblemVerified,
    ResponsibilityChain,
    SatisfactionRecorded,
    SelfInspectionSubmitted,
    Source,
    Stage,
    StageAdvanced,
    StageReport,
    StageReportFiled,
    StageTemplate,
    TimeLimit,
    Unit,
    UnitKind,
    UnknownReference,
    Verdict,
    WorkCalendar,
    YearSchedule,
    circular,
    from_json,
    stage_report,
    to_json,
)

UNITS = ("office", "service", "network")
PEOPLE = ("chief", "deputy", "wen", "fang", "lu", "clerk")
HEADS = {"office": "wen", "service": "fang", "network": "lu"}
ACTIVITIES = ("mobilisation", "forum", "review", "summary", "bogus")
PROBLEMS = tuple(f"P{i}" for i in range(6))
MEASURES = tuple(f"M{i}" for i in range(6))
OPINIONS = tuple(f"O{i}" for i in range(5))
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

# Calendars a running campaign may be offered.  The 2027 and 2028 schedules are fictional
# (示例，非国务院公布的安排): the machine only needs years the bundled calendar does not know.
CHINA = WorkCalendar.china()
FICTIONAL_2027 = YearSchedule(
    year=2027,
    holidays=[
        Holiday(name="元旦", first=date(2027, 1, 1), last=date(2027, 1, 3)),
        Holiday(
            name="春节", first=date(2027, 2, 6), last=date(2027, 2, 12), makeup=[date(2027, 2, 20)]
        ),
    ],
)
FICTIONAL_2028 = YearSchedule(
    year=2028, holidays=[Holiday(name="元旦", first=date(2028, 1, 1), last=date(2028, 1, 3))]
)
#: Another 2026: 2026-12-31 made a rest day.  Published facts must not change.
ALTERED_2026 = YearSchedule(
    year=2026,
    holidays=[
        *next(s for s in CHINA.schedules if s.year == 2026).holidays,
        Holiday(name="虚构假日", first=date(2026, 12, 31), last=date(2026, 12, 31)),
    ],
)
OFFERED: dict[str, object] = {
    "2027": CHINA.extended(FICTIONAL_2027),
    "2027+2028": CHINA.extended(FICTIONAL_2027, FICTIONAL_2028),
    "contradicts 2026": WorkCalendar(
        name="china",
        schedules=[*(s for s in CHINA.schedules if s.year != 2026), ALTERED_2026, FICTIONAL_2027],
    ),
    "other zone": attrs.evolve(CHINA.extended(FICTIONAL_2027), zone="Asia/Tokyo"),
    "weekdays": WorkCalendar.weekdays(),
    "the same": CHINA,
    "not a calendar": "2027年节假日安排",
}
#: The offers that may be adopted, if they know a year the calendar in force does not.
ACCEPTABLE = {"2027", "2027+2028"}


class CampaignMachine(RuleBasedStateMachine):
    """Random command sequences against one campaign, checked after every step."""

    def __init__(self) -> None:
        super().__init__()
        self.campaign = Campaign.launch(PLAN, at=START, by="chief")
        self.now: datetime = START
        self.highest_stage = 0
        self.known_opinions: set[str] = set()
        self.evidence: dict[str, set[str]] = {}

    # ---- the harness: run a command, and check what it did or did not do

    def run(self, command: str, expected: tuple[type, ...], **kwargs: object) -> bool:
        before = Campaign.replay(self.campaign.events)
        count = self.campaign.event_count
        try:
            getattr(self.campaign, command)(**kwargs)
        except (CommandRefused, GateNotMet):
            # A refused command leaves state and log as they were: the campaign still
            # equals the replay of its (unchanged) events.
            assert self.campaign == before, f"refused {command} changed the campaign"
            assert self.campaign.event_count == count
            assert Campaign.replay(self.campaign.events) == self.campaign
            return False
        added = self.campaign.events[count:]
        assert tuple(type(e) for e in added) == expected, added
        return True

    # ---- rules

    @rule(hours=st.integers(min_value=0, max_value=24 * 20))
    def time_passes(self, hours: int) -> None:
        self.now = self.now.add(hours=hours)

    @rule(
        month_day=st.sampled_from([(12, d) for d in range(20, 32)] + [(1, d) for d in range(1, 6)]),
        hour=st.integers(min_value=0, max_value=23),
        years=st.integers(min_value=0, max_value=1),
    )
    def the_clock_reaches_a_year_end(
        self, month_day: tuple[int, int], hour: int, years: int
    ) -> None:
        """Jump to the last days of December or the first of January, this year or the
        next: into years whose holiday schedule the calendar does not know."""
        month, day = month_day
        year = self.now.year + years + (month == 1)
        target = pendulum.datetime(year, month, day, hour, tz="Asia/Shanghai")
        self.now = max(self.now, target)

    @rule(offer=st.sampled_from(sorted(OFFERED)), by=st.sampled_from(PEOPLE))
    def adopt_calendar(self, offer: str, by: str) -> None:
        calendar = OFFERED[offer]
        current = self.campaign.calendar
        knows_more = isinstance(calendar, WorkCalendar) and bool(
            set(calendar.years) - set(current.years)
        )
        accepted = self.run(
            "adopt_calendar", (CalendarAdopted,), calendar=calendar, at=self.now, by=by
        )
        expected = offer in ACCEPTABLE and knows_more and not self.campaign.concluded
        assert accepted == expected, offer
        if accepted:
            assert self.campaign.calendar is calendar

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

    @rule(
        opinion=st.sampled_from(OPINIONS),
        source=st.sampled_from(Source),
        complainant=st.sampled_from(("张先生", "李女士")),
        unit=st.sampled_from(UNITS),
    )
    def receive_opinion(self, opinion: str, source: Source, complainant: str, unit: str) -> None:
        complaint = None
        if source is Source.COMPLAINT:
            complaint = Complaint(channel="12345", complainant=complainant)
        item = Opinion(
            id=opinion,
            source=source,
            text="意见",
            unit=unit,
            received_at=self.now,
            complaint=complaint,
        )
        accepted = self.run(
            "receive_opinion", (OpinionReceived,), opinion=item, at=self.now, by="clerk"
        )
        assert accepted == (opinion not in self.known_opinions and not self.campaign.concluded)
        if accepted:
            self.known_opinions.add(opinion)

    @rule(
        problem=st.sampled_from(PROBLEMS),
        unit=st.sampled_from((*UNITS, "nowhere")),
        owner=st.none() | st.sampled_from((*PEOPLE, "stranger")),
        opinions=st.lists(st.sampled_from(OPINIONS), max_size=2, unique=True),
    )
    def record_problem(
        self, problem: str, unit: str, owner: str | None, opinions: list[str]
    ) -> None:
        merged = {self.campaign.merged_into(o) for o in opinions} - {None}
        acceptable = unit != "nowhere" and problem not in self.campaign.problems
        acceptable = acceptable and not self.campaign.concluded and owner != "stranger"
        acceptable = acceptable and set(opinions) <= self.known_opinions and not merged
        accepted = self.run(
            "record_problem",
            (ProblemRecorded,),
            problem=problem,
            unit=unit,
            title="问题",
            at=self.now,
            by="chief",
            opinions=opinions,
            owner=owner,
        )
        assert accepted == acceptable

    @rule(problem=st.sampled_from(PROBLEMS), owner=st.sampled_from(PEOPLE))
    def assign_problem(self, problem: str, owner: str) -> None:
        state = self.state_of(problem)
        accepted = self.run(
            "assign_problem",
            (ProblemAssigned,),
            problem=problem,
            owner=owner,
            at=self.now,
            by="chief",
        )
        allowed = {ProblemState.RECORDED, ProblemState.ASSIGNED, ProblemState.REOPENED}
        assert accepted == (state in allowed and not self.campaign.concluded)

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
        state = self.state_of(problem)
        accepted = self.run(
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
        if accepted:
            assert state in {
                ProblemState.ASSIGNED,
                ProblemState.RECTIFYING,
                ProblemState.RECTIFIED,
                ProblemState.REOPENED,
            }
            assert self.state_of(problem) is ProblemState.RECTIFYING

    @rule(
        measure=st.sampled_from(MEASURES),
        by=st.sampled_from(PEOPLE),
        evidence=st.sampled_from(("照片甲", "照片乙", "整改报告")),
    )
    def complete_measure(self, measure: str, by: str, evidence: str) -> None:
        accepted = self.run(
            "complete_measure",
            (MeasureCompleted,),
            measure=measure,
            evidence=evidence,
            at=self.now,
            by=by,
        )
        if accepted:
            problem = self.campaign.measures[measure].problem
            self.evidence.setdefault(evidence, set()).add(problem)
            undone = [
                m for m in self.campaign.measures.values() if m.problem == problem and not m.done
            ]
            expected = ProblemState.RECTIFYING if undone else ProblemState.RECTIFIED
            assert self.state_of(problem) is expected

    @rule(
        measure=st.sampled_from(MEASURES),
        days=st.integers(min_value=-3, max_value=40),
        by=st.sampled_from(PEOPLE),
    )
    def request_extension(self, measure: str, days: int, by: str) -> None:
        until = self.now.date() + timedelta(days=days)
        accepted = self.run(
            "request_extension",
            (ExtensionRequested,),
            measure=measure,
            until=until,
            reason="需采购设备",
            at=self.now,
            by=by,
        )
        if accepted:
            found = self.campaign.measures[measure]
            assert found.owner == by
            assert self.now.date() <= found.deadline < until

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
            requested = [
                e
                for e in self.campaign.events
                if isinstance(e, ExtensionRequested) and e.measure == measure
            ]
            assert requested
            assert requested[-1].until == until

    @rule(problem=st.sampled_from(PROBLEMS), by=st.sampled_from(PEOPLE))
    def verify_problem(self, problem: str, by: str) -> None:
        accepted = self.run(
            "verify_problem", (ProblemVerified,), problem=problem, note="已核查", at=self.now, by=by
        )
        if accepted:
            owners = {m.owner for m in self.campaign.measures.values() if m.problem == problem}
            assert by not in owners

    @rule(opinion=st.sampled_from(OPINIONS), mode=st.sampled_from(AnswerMode))
    def answer_opinion(self, opinion: str, mode: AnswerMode) -> None:
        self.run(
            "answer_opinion",
            (OpinionAnswered,),
            opinion=opinion,
            mode=mode,
            summary="已答复",
            at=self.now,
            by="clerk",
        )

    @rule(opinion=st.sampled_from(OPINIONS), verdict=st.sampled_from(Verdict))
    def give_verdict(self, opinion: str, verdict: Verdict) -> None:
        """R6: a verdict once per complaint, none for other opinions."""
        found = self.campaign.opinions.get(opinion)
        earlier = self.campaign.verdict(opinion) if found is not None else None
        accepted = self.run(
            "give_verdict",
            (OpinionVerdictGiven,),
            opinion=opinion,
            verdict=verdict,
            at=self.now,
            by="chief",
        )
        expected = (
            found is not None
            and found.complaint is not None
            and earlier is None
            and not self.campaign.concluded
        )
        assert accepted == expected
        if accepted:
            assert self.campaign.verdict(opinion) is verdict

    @rule(opinion=st.sampled_from(OPINIONS), satisfied=st.booleans())
    def record_satisfaction(self, opinion: str, satisfied: bool) -> None:
        problem = self.campaign.merged_into(opinion)
        before = self.state_of(problem) if problem is not None else None
        accepted = self.run(
            "record_satisfaction",
            (SatisfactionRecorded,),
            opinion=opinion,
            satisfied=satisfied,
            at=self.now,
            by="clerk",
        )
        reopens = before in {ProblemState.VERIFIED, ProblemState.CLOSED}
        if accepted and problem is not None and not satisfied and reopens:
            assert self.state_of(problem) is ProblemState.REOPENED

    @rule(problem=st.sampled_from(PROBLEMS))
    def close_problem(self, problem: str) -> None:
        self.run("close_problem", (ProblemClosed,), problem=problem, at=self.now, by="chief")

    @rule(problem=st.sampled_from(PROBLEMS))
    def reopen_problem(self, problem: str) -> None:
        state = self.state_of(problem)
        accepted = self.run(
            "reopen_problem",
            (ProblemReopened,),
            problem=problem,
            reason="群众反映问题反弹",
            at=self.now,
            by="chief",
        )
        if problem in self.campaign.problems and not self.campaign.concluded:
            assert accepted == (state in {ProblemState.VERIFIED, ProblemState.CLOSED})

    def state_of(self, problem: str) -> ProblemState | None:
        found = self.campaign.problems.get(problem)
        return found.state if found is not None else None

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
        opens = campaign.stage.first
        opening = pendulum.datetime(opens.year, opens.month, opens.day, 9, tz="Asia/Shanghai")
        self.now = max(self.now, opening)  # a stage cannot close before its window opens
        for activity in campaign.stage.activities:
            if not campaign.held(activity.id):
                campaign.hold_activity(activity.id, at=self.now, by="chief")
        for unit in UNITS:
            if unit not in campaign.self_inspections:
                campaign.submit_self_inspection(unit, summary="自查", at=self.now, by=HEADS[unit])
        for number, problem in enumerate(campaign.problems_without_measures()):
            if campaign.problems[problem].state is not ProblemState.ASSIGNED:
                campaign.assign_problem(problem, owner="wen", at=self.now, by="chief")
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
            campaign.complete_measure(
                measure.id, evidence=f"补做{measure.id}", at=self.now, by=measure.owner
            )
        stage = campaign.stage.key
        generated = stage_report(campaign, on=self.now.date()).filing  # never typed by hand
        report = None if stage in campaign.reports else generated
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

    @rule()
    def a_generated_report_agrees_with_the_campaign(self) -> None:
        """The stage report and the circular are made from the records, and add up (R20)."""
        campaign, on = self.campaign, self.now.date()
        transition = stage_report(campaign, on=on)
        figures = transition.filing.figures
        assert figures["意见建议"] == len(campaign.opinions)
        assert figures["归类问题"] == len(campaign.problems)
        assert figures["整改措施"] == len(campaign.measures)
        assert figures["已完成措施"] == sum(1 for m in campaign.measures.values() if m.done)
        assert figures["逾期措施"] == len(campaign.overdue_measures(on))
        still_open = [
            p for p in campaign.problems if p not in campaign.problems_in(ProblemState.CLOSED)
        ]
        assert transition.filing.open_problems == tuple(still_open)
        report = transition.report
        intake = report.section("征求意见及归类情况")
        for table in intake.tables:  # a table only for what there is
            *parts, (_, total) = table.rows
            assert sum(int(n) for _, n in parts) == total
        shown = {table.caption: table.rows[-1][1] for table in intake.tables}
        assert shown == {
            **({"意见建议来源": len(campaign.opinions)} if campaign.opinions else {}),
            **({"问题分类": len(campaign.problems)} if campaign.problems else {}),
        }
        listed = report.section("存在的问题").tables
        assert tuple(row[0] for t in listed for row in t.rows) == tuple(still_open)
        markdown = transition.markdown()
        assert markdown.startswith(f"# {report.title}")
        assert all(f"| {p} |" in markdown for p in still_open)
        overview = circular(campaign, since=PLAN.first, on=on)
        counts = dict(overview.section("总体情况").table("本期情况").rows)
        assert counts["收到意见建议"] == len(campaign.opinions)
        assert counts["新增问题"] == len(campaign.problems)
        assert counts["逾期事项（累计）"] == len(campaign.overdue(on))

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
    def no_problem_is_closed_without_every_condition(self) -> None:
        """R7, R9, R10: closed means every measure done, verified by a non-owner after the
        last one, every external source answered and every complainant satisfied."""
        campaign = self.campaign
        for problem in campaign.problems_in(ProblemState.CLOSED):
            measures = [m for m in campaign.measures.values() if m.problem == problem]
            assert measures
            assert all(m.done for m in measures)
            last_done = max(m.done_at for m in measures if m.done_at is not None)
            verified = [
                e
                for e in campaign.events
                if isinstance(e, ProblemVerified) and e.problem == problem and e.at >= last_done
            ]
            assert verified
            assert verified[-1].by not in {m.owner for m in measures}
            for opinion in campaign.problems[problem].opinions:
                item = campaign.opinions[opinion]
                if item.needs_answer:
                    assert campaign.answer(opinion) is not None
                if item.complaint is not None:
                    assert campaign.satisfied(opinion) is True

    @invariant()
    def evidence_completes_measures_of_one_problem_only(self) -> None:
        """纸面销号: no evidence closed measures of two problems."""
        for problems in self.evidence.values():
            assert len(problems) == 1

    @invariant()
    def every_deadline_is_what_the_calendar_in_force_gives(self) -> None:
        """Answer deadlines and deadlines given as limits are counted with the calendar in
        force, provisional exactly when they run into a year it does not know; adopting a
        calendar changed the provisional ones and left the definitive ones as they were."""
        campaign = self.campaign
        calendar = campaign.calendar
        for opinion in campaign.opinions.values():
            channel = opinion.complaint.channel if opinion.complaint else None
            expected = (
                PLAN.answers.limit_for(source=opinion.source.value, channel=channel).deadline(
                    from_=opinion.received_at, calendar=calendar
                )
                if opinion.needs_answer
                else None
            )
            assert campaign.answer_deadline(opinion.id) == expected
        for event in campaign.events:
            if isinstance(event, MeasureAdded) and event.limit is not None:
                counted = event.limit.deadline(from_=event.at, calendar=calendar)
                measure = campaign.measures[event.measure]
                assert measure.due == counted.day
                assert measure.provisional == (counted.provisional and not measure.extended_to)
        on = self.now.date()
        due = campaign.overdue(on) + campaign.due_soon(on, 60)
        for item in due:
            if item.kind == "answer":
                found = campaign.answer_deadline(item.id)
                assert found == Deadline(day=item.due, provisional=item.provisional)
            else:
                assert item.provisional == campaign.measures[item.id].provisional

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
    with pytest.raises(InvalidDefinition, match="'mobilise' 之后是 'self_inspect'"):
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
    with pytest.raises(CommandRefused, match="没有时区"):
        launched().record_problem(
            "P", unit="office", title="x", at=datetime(2026, 3, 3, 9), by="chief"
        )


def test_an_actor_outside_the_chain_is_refused() -> None:
    """With a responsibility chain, only its holders act."""
    with pytest.raises(CommandRefused, match="在责任链上不担任职务"):
        launched().record_problem(
            "P", unit="office", owner="wen", title="x", at=START, by="visitor"
        )


def test_a_concluded_campaign_accepts_nothing() -> None:
    """After the last stage closes, every command is refused."""
    campaign = launched()
    for _ in PLAN.stages:
        stage = campaign.stage
        at = pendulum.datetime(stage.first.year, stage.first.month, stage.first.day, 9)
        for activity in stage.activities:
            campaign.hold_activity(activity.id, at=at, by="chief")
        for unit in UNITS:
            if unit not in campaign.self_inspections:
                campaign.submit_self_inspection(unit, summary="自查", at=at, by="chief")
        campaign.advance(at=at, by="chief", report=StageReport(summary=stage.name))
    assert campaign.concluded
    with pytest.raises(CommandRefused, match="已结束"):
        campaign.record_problem("P", unit="office", owner="wen", title="x", at=START, by="chief")


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
    campaign.record_problem("P", unit="office", owner="wen", title="x", at=START, by="chief")
    at = pendulum.datetime(2026, 9, 30, 16, tz="Asia/Shanghai")
    campaign.add_measure(
        "M", problem="P", title="y", owner="wen", due=TimeLimit.working_days(5), at=at, by="chief"
    )
    assert campaign.measures["M"].due == date(2026, 10, 13)


def test_replay_refuses_a_log_that_does_not_start_with_a_launch() -> None:
    """The first event of a log must launch the campaign."""
    campaign = launched()
    campaign.record_problem("P", unit="office", owner="wen", title="x", at=START, by="chief")
    with pytest.raises(InvalidDefinition, match="第 0 个事件"):
        Campaign.replay(campaign.events[1:])


# ---- regressions

SHANGHAI = "Asia/Shanghai"


def _at(day: date, hour: int = 9) -> datetime:
    """``hour`` o'clock on ``day`` in Shanghai."""
    return pendulum.datetime(day.year, day.month, day.day, hour, tz=SHANGHAI)


def _windowed_plan() -> CampaignPlan:
    """Three stages without gates or chain; the second opens on 2026-03-20, after a gap."""
    return CampaignPlan(
        name="窗口",
        organiser="市纠风办",
        first=date(2026, 3, 1),
        last=date(2026, 12, 31),
        stages=(
            Stage(key="one", name="一", first=date(2026, 3, 1), last=date(2026, 3, 10)),
            Stage(key="two", name="二", first=date(2026, 3, 20), last=date(2026, 3, 31)),
            Stage(key="three", name="三", first=date(2026, 4, 1), last=date(2026, 4, 30)),
        ),
    )


def _in_second_stage() -> Campaign:
    """The windowed plan launched on 2026-03-02 and moved into its second stage on 03-03."""
    campaign = Campaign.launch(_windowed_plan(), at=START, by="chief")
    campaign.advance(at=_at(date(2026, 3, 3)), by="chief")
    return campaign


def _with_a_measure() -> Campaign:
    """A launched campaign with problem "P" in the office and measure "M" owned by wen."""
    campaign = launched()
    campaign.record_problem("P", unit="office", owner="wen", title="问题", at=START, by="chief")
    campaign.add_measure(
        "M", problem="P", title="措施", owner="wen", due=date(2026, 4, 1), at=START, by="chief"
    )
    return campaign


def _plan_fields(**changes: object) -> dict[str, object]:
    """The fields of a valid one-stage plan over 2026, with ``changes``."""
    return {
        "name": "测试",
        "organiser": "市纠风办",
        "first": date(2026, 1, 1),
        "last": date(2026, 12, 31),
        "stages": (Stage(key="k", name="n", first=date(2026, 1, 1), last=date(2026, 1, 31)),),
        **changes,
    }


#: Ids that are not strings: unhashable lists, dicts and sets, numbers, None, tuples, bytes.
non_string_ids = st.one_of(
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
    st.sets(st.integers(), max_size=2),
    st.integers(),
    st.none(),
    st.tuples(st.text(max_size=2)),
    st.binary(max_size=3),
)


@given(days=st.integers(min_value=0, max_value=16))
def test_a_stage_cannot_close_before_its_window_opens(days: int) -> None:
    """Advancing out of a stage before its first day is refused, and nothing is recorded."""
    campaign = _in_second_stage()
    before = Campaign.replay(campaign.events)
    early = _at(date(2026, 3, 3) + timedelta(days=days), hour=10)

    with pytest.raises(CommandRefused, match="不能在此前"):
        campaign.advance(at=early, by="chief", report=StageReport(summary="太早"))

    assert campaign == before
    assert campaign.event_count == before.event_count
    assert campaign.stage.key == "two"


def test_a_stage_may_close_on_the_first_day_of_its_window() -> None:
    """The day a stage's window opens is a day it may close."""
    campaign = _in_second_stage()

    campaign.advance(at=_at(date(2026, 3, 20)), by="chief")

    assert campaign.stage.key == "three"


@given(
    until=st.datetimes(
        min_value=datetime(2026, 4, 2),
        max_value=datetime(2026, 12, 31),
        timezones=st.none() | st.just(pendulum.timezone(SHANGHAI)),
    )
)
def test_an_extension_until_a_datetime_is_refused(until: datetime) -> None:
    """approve_extension needs a date: a datetime, aware or naive, is CommandRefused."""
    campaign = _with_a_measure()
    count = campaign.event_count

    with pytest.raises(CommandRefused):
        campaign.approve_extension("M", until=until, at=START, by="chief")

    assert campaign.event_count == count


@pytest.mark.parametrize(
    "command",
    [
        lambda c, bad: c.hold_activity(bad, at=START, by="chief"),
        lambda c, bad: c.record_problem(bad, unit="office", title="x", at=START, by="chief"),
        lambda c, bad: c.record_problem("Q", unit=bad, title="x", at=START, by="chief"),
        lambda c, bad: c.submit_self_inspection(bad, summary="自查", at=START, by="chief"),
        lambda c, bad: c.add_measure(
            bad, problem="P", title="x", owner="wen", due=date(2026, 4, 1), at=START, by="chief"
        ),
        lambda c, bad: c.add_measure(
            "m", problem=bad, title="x", owner="wen", due=date(2026, 4, 1), at=START, by="chief"
        ),
        lambda c, bad: c.add_measure(
            "m", problem="P", title="x", owner=bad, due=date(2026, 4, 1), at=START, by="chief"
        ),
        lambda c, bad: c.complete_measure(bad, evidence="照片", at=START, by="wen"),
        lambda c, bad: c.approve_extension(bad, until=date(2026, 5, 1), at=START, by="chief"),
    ],
    ids=[
        "hold_activity(activity)",
        "record_problem(problem)",
        "record_problem(unit)",
        "submit_self_inspection(unit)",
        "add_measure(measure)",
        "add_measure(problem)",
        "add_measure(owner)",
        "complete_measure(measure)",
        "approve_extension(measure)",
    ],
)
@given(bad=non_string_ids)
def test_an_id_that_is_not_a_string_is_refused_and_leaves_no_trace(
    command: Callable[[Campaign, object], None], bad: object
) -> None:
    """Lists, dicts, numbers or None as ids are CommandRefused, never TypeError."""
    campaign = _with_a_measure()
    count = campaign.event_count

    with pytest.raises(CommandRefused):
        command(campaign, bad)

    assert campaign.event_count == count


@pytest.mark.parametrize(
    "command",
    [
        lambda c: c.hold_activity(["mobilisation"], at=START, by="chief"),
        lambda c: c.add_measure(
            "m", problem=["P"], title="x", owner="wen", due=date(2026, 4, 1), at=START, by="chief"
        ),
        lambda c: c.add_measure(
            "m", problem="P", title="x", owner=["wen"], due=date(2026, 4, 1), at=START, by="chief"
        ),
        lambda c: c.record_problem(["p"], unit="office", title="x", at=START, by="chief"),
    ],
    ids=["hold_activity", "add_measure problem", "add_measure owner", "record_problem"],
)
def test_the_reported_list_ids_are_refused(command: Callable[[Campaign], None]) -> None:
    """The review's examples: a one-element list where an id belongs is CommandRefused."""
    with pytest.raises(CommandRefused):
        command(_with_a_measure())


@pytest.mark.parametrize(
    "events",
    [
        [CampaignLaunched(at=START, by="chief", plan="not a plan")],  # type: ignore[arg-type]
        5,
        None,
        [5],
        [CampaignLaunched(at=START, by="chief", plan=PLAN), 5],
        [CampaignLaunched(at=START, by="chief", plan=PLAN), "x"],
    ],
    ids=[
        "launch with a bad plan",
        "an int",
        "None",
        "a list of an int",
        "an int after the launch",
        "a string after the launch",
    ],
)
def test_replaying_something_that_is_not_an_event_log_raises_a_xingfeng_error(
    events: Any,
) -> None:
    """replay refuses a malformed log as InvalidDefinition or InvalidArgument, nothing else."""
    with pytest.raises((InvalidDefinition, InvalidArgument)):
        Campaign.replay(events)


@pytest.mark.parametrize(
    "changes",
    [
        {"first": datetime(2026, 1, 1)},
        {"last": datetime(2026, 12, 31)},
        {"first": pendulum.datetime(2026, 1, 1, tz=SHANGHAI)},
        {"stages": [5]},
        {"stages": 5},
        {"chain": "x"},
        {"goals": [5]},
        {"cadences": [5]},
        {"appraised": [5]},
    ],
    ids=[
        "first a datetime",
        "last a datetime",
        "first an aware datetime",
        "a stage that is an int",
        "stages an int",
        "chain a string",
        "a goal that is an int",
        "a cadence that is an int",
        "an appraised unit that is an int",
    ],
)
def test_a_plan_of_the_wrong_types_raises_a_xingfeng_error(changes: dict[str, object]) -> None:
    """Wrong types are refused as InvalidDefinition or InvalidArgument, never AttributeError."""
    with pytest.raises((InvalidDefinition, InvalidArgument)):
        CampaignPlan(**_plan_fields(**changes))  # type: ignore[arg-type]


def test_looking_up_an_unknown_stage_raises_unknown_reference() -> None:
    """plan.stage_index("nope") is an UnknownReference, not a bare KeyError."""
    with pytest.raises(UnknownReference) as caught:
        PLAN.stage_index("nope")

    assert caught.value.value == "nope"


@pytest.mark.parametrize(
    "query",
    [
        lambda c: c.overdue_measures("2026-04-01"),
        lambda c: c.overdue_measures(START),
        lambda c: c.overdue_measures(None),
        lambda c: c.gate_results(START),
        lambda c: c.gate_results(datetime(2026, 4, 1, 9)),
        lambda c: c.gate_results("2026-04-01"),
    ],
    ids=[
        "overdue_measures(text)",
        "overdue_measures(datetime)",
        "overdue_measures(None)",
        "gate_results(aware datetime)",
        "gate_results(naive datetime)",
        "gate_results(text)",
    ],
)
def test_a_query_for_a_day_refuses_anything_but_a_date(
    query: Callable[[Campaign], object],
) -> None:
    """overdue_measures and gate_results take a date; other values raise InvalidArgument."""
    with pytest.raises(InvalidArgument):
        query(_with_a_measure())


@given(days=st.integers(min_value=1, max_value=60))
def test_a_measure_due_before_the_day_it_is_added_is_refused(days: int) -> None:
    """A deadline already past when the measure is set is CommandRefused naming the due date."""
    campaign = launched()
    campaign.record_problem("P", unit="office", owner="wen", title="问题", at=START, by="chief")
    count = campaign.event_count

    with pytest.raises(CommandRefused, match="早于制定之日"):
        campaign.add_measure(
            "M",
            problem="P",
            title="措施",
            owner="wen",
            due=START.date() - timedelta(days=days),
            at=START,
            by="chief",
        )

    assert campaign.event_count == count


def test_a_measure_due_on_the_day_it_is_added_is_accepted() -> None:
    """Due the same day (当日办结) is not in the past."""
    campaign = launched()
    campaign.record_problem("P", unit="office", owner="wen", title="问题", at=START, by="chief")

    campaign.add_measure(
        "M", problem="P", title="措施", owner="wen", due=START.date(), at=START, by="chief"
    )

    assert campaign.measures["M"].due == START.date()


def test_a_concluded_campaign_refuses_a_measure_with_a_time_limit_as_concluded() -> None:
    """Even where the limit could not be counted (past 2026), the refusal says "concluded"."""
    campaign = launched()
    campaign.record_problem("P", unit="office", owner="wen", title="问题", at=START, by="chief")
    for stage in PLAN.stages:
        at = _at(max(stage.first, START.date()), hour=10)
        for activity in stage.activities:
            campaign.hold_activity(activity.id, at=at, by="chief")
        for unit in UNITS:
            if unit not in campaign.self_inspections:
                campaign.submit_self_inspection(unit, summary="自查", at=at, by="chief")
        if campaign.problems_without_measures():
            campaign.add_measure(
                "M", problem="P", title="措施", owner="wen", due=at.date(), at=at, by="chief"
            )
            campaign.complete_measure("M", evidence="照片", at=at, by="wen")
        campaign.advance(at=at, by="chief", report=StageReport(summary=stage.name))
    assert campaign.concluded

    with pytest.raises(CommandRefused, match="已结束"):
        campaign.add_measure(
            "M2",
            problem="P",
            title="措施",
            owner="wen",
            due=TimeLimit.working_days(5),
            at=_at(date(2026, 12, 30)),
            by="chief",
        )


@given(typo=strategies.ids.filter(lambda u: u not in {"bureau", *UNITS}))
def test_a_gate_naming_a_unit_outside_the_organisation_is_refused_naming_it(typo: str) -> None:
    """AllSectionsInspected(units={"typo"}) under a chain without "typo" is an invalid plan."""
    stage = Stage(
        key="k",
        name="n",
        first=date(2026, 3, 2),
        last=date(2026, 3, 31),
        gates=(AllSectionsInspected(units={typo}),),
    )

    with pytest.raises(InvalidDefinition) as caught:
        CampaignPlan(**_plan_fields(stages=(stage,), chain=chain()))  # type: ignore[arg-type]

    assert repr(typo) in str(caught.value) or typo in str(caught.value)


def test_the_reported_gate_typo_is_refused_naming_it() -> None:
    """The review's example: a gate over the unit "typo" is refused, naming "typo"."""
    stage = Stage(
        key="k",
        name="n",
        first=date(2026, 3, 2),
        last=date(2026, 3, 31),
        gates=(AllSectionsInspected(units={"typo"}),),
    )

    with pytest.raises(InvalidDefinition, match="typo"):
        CampaignPlan(**_plan_fields(stages=(stage,), chain=chain()))  # type: ignore[arg-type]


@given(text=st.text(max_size=6))
def test_a_sections_gate_refuses_a_bare_string_for_its_units(text: str) -> None:
    """AllSectionsInspected(units="office") is refused, not split into characters."""
    with pytest.raises(InvalidArgument):
        AllSectionsInspected(units=text)


def test_the_rhythm_of_a_monthly_check_and_a_quarterly_inspection_over_2026() -> None:
    """一月一查 on the first working day and 每季一督查 on the last: 12 + 4 dates, by date."""
    monthly = Cadence(name="一月一查", every=Frequency.MONTHLY)
    quarterly = Cadence(name="每季一督查", every=Frequency.QUARTERLY, anchor=Anchor.last_workday())
    plan = CampaignPlan(**_plan_fields(cadences=(monthly, quarterly)))  # type: ignore[arg-type]

    rhythm = plan.rhythm(date(2026, 1, 1), date(2026, 12, 31))

    assert len(rhythm) == 16
    assert [o.name for o in rhythm].count("一月一查") == 12
    assert [o.name for o in rhythm].count("每季一督查") == 4
    assert rhythm[0].on == date(2026, 1, 4)
    assert rhythm[0].name == "一月一查"
    assert rhythm[-1].on == date(2026, 12, 31)
    assert [o.on for o in rhythm] == sorted(o.on for o in rhythm)


@given(
    plan_cadences=st.lists(strategies.cadences, max_size=4),
    calendar=st.sampled_from([strategies.CHINA, WorkCalendar.weekdays()]),
    window=strategies.cadence_windows(),
)
def test_the_rhythm_is_every_occurrence_of_every_cadence_by_date_then_name(
    plan_cadences: list[Cadence], calendar: WorkCalendar, window: tuple[date, date]
) -> None:
    """rhythm(first, last) holds each cadence's occurrences, sorted by (date, cadence name)."""
    first, last = window
    plan = CampaignPlan(
        **_plan_fields(  # type: ignore[arg-type]
            first=date(2004, 1, 1), cadences=tuple(plan_cadences), calendar=calendar
        )
    )
    expected = [o for c in plan_cadences for o in c.occurrences(first, last, calendar)]

    rhythm = plan.rhythm(first, last)

    assert Counter(rhythm) == Counter(expected)
    keys = [(o.on, o.name) for o in rhythm]
    assert keys == sorted(keys)
