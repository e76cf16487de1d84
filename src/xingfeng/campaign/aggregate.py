"""A campaign (评议活动) as an event-recorded aggregate.

A :class:`Campaign` is launched with a :class:`~xingfeng.CampaignPlan` and then driven by
commands: hold an activity, submit a self-inspection, record a problem, add, complete or
extend a measure, file a stage report, advance to the next stage (转段).  Each command
checks everything first; if it is refused (:class:`~xingfeng.CommandRefused`,
:class:`~xingfeng.GateNotMet`) nothing is recorded and nothing changes.  If it is accepted
it records one past-tense event (:mod:`xingfeng.campaign.events`) and the state is the fold of those
events, so :meth:`Campaign.replay` rebuilds an equal campaign from the log.

No clock is read: every command takes the moment it happens (``at``, timezone-aware) and
who acts (``by``).
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from itertools import takewhile
from types import MappingProxyType
from typing import Any

from xingfeng._checks import is_aware, local_date, next_day_start, require_date, require_text
from xingfeng._log import Recorded
from xingfeng.calendar import Deadline, TimeLimit, WorkCalendar, years_text
from xingfeng.campaign.events import (
    ActivityHeld,
    CalendarAdopted,
    CampaignConcluded,
    CampaignLaunched,
    Event,
    ExtensionApproved,
    ExtensionRequested,
    MeasureAdded,
    MeasureCompleted,
    MeasureExtended,
    OpinionAnswered,
    OpinionReceived,
    OpinionsMerged,
    OpinionVerdictGiven,
    ProblemAssigned,
    ProblemClosed,
    ProblemRecorded,
    ProblemReopened,
    ProblemVerified,
    SatisfactionRecorded,
    SelfInspectionSubmitted,
    StageAdvanced,
    StageReportFiled,
)
from xingfeng.campaign.plan import CampaignPlan
from xingfeng.campaign.stages import Stage, StageReport
from xingfeng.exceptions import (
    Defect,
    GateFailure,
    GateNotMet,
    InvalidArgument,
    InvalidDefinition,
    XingfengError,
    shown,
)
from xingfeng.obligations import Verdict
from xingfeng.organization.units import UnitKind
from xingfeng.rectification.answers import DueItem
from xingfeng.rectification.dependencies import MeasureGraph
from xingfeng.rectification.ledger import Ledger
from xingfeng.rectification.loop import HANDLERS as LOOP_HANDLERS
from xingfeng.rectification.loop import Handler, Rectification, Redating, refuse
from xingfeng.rectification.measures import Measure, MeasureKind
from xingfeng.rectification.problems import Difficulty, Problem, ProblemState, Severity, Urgency
from xingfeng.rectification.sources import AnswerMode, Opinion

__all__ = ["Campaign"]


class Campaign(Recorded):
    """A running campaign: its plan, its event log and the state they give.

    Build one with :meth:`launch` or :meth:`replay`.  Two campaigns are equal when their
    plans, event logs and every part of their state are equal.  Not thread-safe: run one
    command at a time on a campaign; between processes, a store's versions are the
    concurrency contract (``docs/storage.md``).
    """

    __slots__ = (
        "_concluded",
        "_held",
        "_holders",
        "_inspections",
        "_last_at",
        "_loop",
        "_overruns",
        "_plan",
        "_prepared",
        "_reports",
        "_stage",
    )

    _TRANSIENT = ("_prepared",)

    def __init__(self, launched: CampaignLaunched) -> None:
        """Use :meth:`launch` or :meth:`replay`; this starts from a launch event."""
        if not isinstance(launched, CampaignLaunched):
            raise refuse(
                "Campaign",
                "评议活动须从 CampaignLaunched（活动启动）事件开始",
                launched,
                expected="CampaignLaunched 事件",
                code="command-refused.invalid",
                english="a campaign starts from a CampaignLaunched event",
            )
        if not isinstance(launched.plan, CampaignPlan):
            raise refuse(
                "launch",
                "plan 的类型不对",
                launched.plan,
                expected="CampaignPlan（实施方案）",
                code="command-refused.invalid",
                english="plan must be a CampaignPlan",
            )
        _check_actor_and_time("launch", launched.at, launched.by, None, None)
        self._plan = launched.plan
        self._start_log(launched)
        self._stage = 0
        self._concluded = False
        # The problem loop holds the events themselves; Problem and Measure values are made
        # on demand, so recording a million events allocates little beyond the events.
        self._loop = Rectification(launched.plan)
        self._inspections: dict[str, SelfInspectionSubmitted] = {}
        self._reports: dict[str, StageReport] = {}
        self._held: dict[tuple[str, str], list[datetime]] = {}
        self._overruns: dict[str, int] = {}
        self._last_at = launched.at
        self._prepared: Redating | None = None  # computed by a check for its apply
        chain = launched.plan.chain
        self._holders = frozenset(chain.holders) if chain is not None else None

    # ---- building

    @classmethod
    def launch(cls, plan: CampaignPlan, *, at: datetime, by: str) -> Campaign:
        """Launch ``plan``: the first stage begins."""
        if not isinstance(plan, CampaignPlan):
            raise refuse(
                "launch",
                "plan 的类型不对",
                plan,
                expected="CampaignPlan（实施方案）",
                code="command-refused.invalid",
                english="plan must be a CampaignPlan",
            )
        return cls(CampaignLaunched(at=at, by=by, plan=plan))

    @classmethod
    def replay(cls, events: Iterable[Event]) -> Campaign:
        """Rebuild a campaign from its event log, checking each event as its command was.

        Raises :class:`InvalidDefinition` naming the first event that could not have been
        recorded at its place in the log.
        """
        try:
            iterator = iter(events)
        except TypeError:
            raise InvalidArgument(
                "events",
                events,
                "评议活动事件的可迭代对象",
                english="an iterable of campaign events",
            ) from None
        first = next(iterator, None)
        try:
            campaign = cls(first)  # type: ignore[arg-type]
        except XingfengError as refused:
            raise InvalidDefinition(
                "事件记录",
                [
                    Defect(
                        f"第 0 个事件：{refused.message}", (first,), english=f"event 0: {refused}"
                    )
                ],
                english="event log",
            ) from None
        for number, event in enumerate(iterator, start=1):
            try:
                campaign._record(event)
            except XingfengError as refused:
                raise InvalidDefinition(
                    "事件记录",
                    [
                        Defect(
                            f"第 {number} 个事件：{refused.message}",
                            (event,),
                            english=f"event {number}: {refused}",
                        )
                    ],
                    english="event log",
                ) from None
        return campaign

    # ---- commands

    def hold_activity(self, activity: str, *, at: datetime, by: str) -> None:
        """Record that the current stage's planned ``activity`` took place."""
        self._record(ActivityHeld(at=at, by=_name(by), stage=self.stage.key, activity=activity))

    def submit_self_inspection(self, unit: str, *, summary: str, at: datetime, by: str) -> None:
        """Record ``unit``'s self-inspection (自查报告)."""
        self._record(
            SelfInspectionSubmitted(at=at, by=_name(by), unit=_name(unit), summary=summary)
        )

    def receive_opinion(self, opinion: Opinion, *, at: datetime, by: str) -> None:
        """Enter an original opinion, suggestion or complaint (before consolidation).

        A complaint by the same complainant about the same unit and category within the
        plan's ``answers.repeat_window`` days of an earlier one is flagged as repeated.
        """
        self._record(OpinionReceived(at=at, by=_name(by), opinion=opinion))

    def record_problem(
        self,
        problem: str,
        *,
        unit: str,
        title: str,
        at: datetime,
        by: str,
        category: str | None = None,
        severity: Severity = Severity.MODERATE,
        urgency: Urgency = Urgency.NORMAL,
        difficulty: Difficulty = Difficulty.MODERATE,
        opinions: Iterable[str] = (),
        owner: str | None = None,
    ) -> None:
        """Record a problem found in ``unit`` under the new id ``problem``.

        ``opinions`` are received opinions merged into it (归类), each into one problem only;
        ``owner``, if given, assigns it at once (交办).
        """
        listed = tuple(opinions) if not isinstance(opinions, str) else opinions
        self._record(
            ProblemRecorded(
                at=at,
                by=_name(by),
                problem=problem,
                unit=_name(unit),
                title=title,
                category=category,
                severity=severity,
                urgency=urgency,
                difficulty=difficulty,
                opinions=listed,  # type: ignore[arg-type]  # a string is refused by the check
                owner=owner if owner is None else _name(owner),
            )
        )

    def merge_opinions(
        self, problem: str, *, opinions: Iterable[str], at: datetime, by: str
    ) -> None:
        """Merge received opinions into ``problem`` after it was recorded (a later complaint
        about the same matter): they must be answered, and complainants satisfied, before
        it closes."""
        listed = tuple(opinions) if not isinstance(opinions, str) else opinions
        problem = self._loop.same_id("problem", problem)
        self._record(
            OpinionsMerged(
                at=at,
                by=_name(by),
                problem=problem,
                opinions=listed,  # type: ignore[arg-type]  # a string is refused by the check
            )
        )

    def assign_problem(self, problem: str, *, owner: str, at: datetime, by: str) -> None:
        """Assign ``problem`` to ``owner`` (交办), who answers for fixing it."""
        problem = self._loop.same_id("problem", problem)
        self._record(ProblemAssigned(at=at, by=_name(by), problem=problem, owner=_name(owner)))

    def add_measure(
        self,
        measure: str,
        *,
        problem: str,
        title: str,
        owner: str,
        due: date | TimeLimit,
        at: datetime,
        by: str,
        kind: MeasureKind = MeasureKind.CORRECTIVE,
        depends_on: Iterable[str] = (),
        unit: str | None = None,
    ) -> None:
        """Set a measure for an assigned ``problem``; ``due`` is a date or a limit counted
        from ``at``.  ``depends_on`` names measures, already added, that must be done first;
        ``unit`` is where the measure applies, if not the problem's own unit."""
        limit = None
        if isinstance(due, TimeLimit):
            self._require_open("add_measure")
            if not is_aware(at):
                raise refuse(
                    "add_measure",
                    f"at={shown(at)} 没有时区",
                    at,
                    expected="带时区的 datetime",
                    code="command-refused.invalid",
                    english=f"at={shown(at)} must be a timezone-aware datetime",
                )
            limit = due
            try:
                due = limit.deadline(from_=at, calendar=self.calendar).day
            except XingfengError as error:
                raise refuse(
                    "add_measure", error.message, limit, code="command-refused.invalid"
                ) from None
        prerequisites = tuple(depends_on) if not isinstance(depends_on, str) else depends_on
        problem = self._loop.same_id("problem", problem)
        self._record(
            MeasureAdded(
                at=at,
                by=_name(by),
                measure=measure,
                problem=problem,
                title=title,
                owner=_name(owner),
                due=due,
                kind=kind,
                depends_on=prerequisites,  # type: ignore[arg-type]  # refused by the check
                unit=unit if unit is None else _name(unit),
                limit=limit,
            )
        )

    def replicate_measure(
        self, measure: str, *, at: datetime, by: str, units: Iterable[str] | None = None
    ) -> None:
        """举一反三: apply ``measure`` to further units in one call.

        By default, to every sibling of the unit the measure applies in (the units with the
        same parent); each copy is owned by that unit's first responsible person and has the
        id ``"{measure}@{unit}"``.  Needs the plan's responsibility chain.  Records a
        :class:`~xingfeng.MeasureExtended` event (the name stored logs know it by).
        """
        command = "replicate_measure"
        self._require_open(command)
        chain = self._plan.chain
        if chain is None:
            raise refuse(
                command,
                "实施方案没有责任链，找不到负责人",
                english="the plan has no responsibility chain to find owners in",
            )
        original = self.measures.get(measure) if isinstance(measure, str) else None
        if original is None:
            raise refuse(
                command,
                f"没有措施 {shown(measure)}",
                measure,
                code="command-refused.unknown",
                english=f"unknown measure {shown(measure)}",
            )
        home = original.unit or self.problems[original.problem].unit
        org = chain.organization
        if units is None:
            parent = org.unit(home).parent
            targets = tuple(u.id for u in org.units if u.parent == parent and u.id != home)
        else:
            targets = tuple(units) if not isinstance(units, str) else (units,)
        copies = []
        for unit in targets:
            if not isinstance(unit, str) or not org.has_unit(unit):
                raise refuse(
                    command,
                    f"组织机构中没有单位 {shown(unit)}",
                    unit,
                    code="command-refused.unknown",
                    english=f"unit {shown(unit)} is not a unit of the organisation",
                )
            copies.append((f"{measure}@{unit}", unit, chain.first_responsible(unit)))
        self._record(MeasureExtended(at=at, by=_name(by), measure=measure, copies=tuple(copies)))

    def extend_measure(
        self, measure: str, *, at: datetime, by: str, units: Iterable[str] | None = None
    ) -> None:
        """Deprecated: the old name of :meth:`replicate_measure`, which it calls.

        Renamed because it read like a deadline extension (:meth:`request_extension`).
        """
        warnings.warn(
            "Campaign.extend_measure 已弃用：请改用 Campaign.replicate_measure（举一反三）",
            DeprecationWarning,
            stacklevel=2,
        )
        self.replicate_measure(measure, at=at, by=by, units=units)

    def complete_measure(self, measure: str, *, evidence: str, at: datetime, by: str) -> None:
        """Record ``measure`` as done, with evidence of completion; the problem is rectified
        when its last measure is done."""
        measure = self._loop.same_id("measure", measure)
        self._record(MeasureCompleted(at=at, by=_name(by), measure=measure, evidence=evidence))

    def request_extension(
        self, measure: str, *, until: date, reason: str, at: datetime, by: str
    ) -> None:
        """The owner asks to move ``measure``'s deadline to ``until``, before it has passed."""
        self._record(
            ExtensionRequested(at=at, by=_name(by), measure=measure, until=until, reason=reason)
        )

    def approve_extension(self, measure: str, *, until: date, at: datetime, by: str) -> None:
        """Approve the owner's request to move ``measure``'s deadline to ``until``; only the
        owner's superior may, and only before the deadline has passed."""
        self._record(ExtensionApproved(at=at, by=_name(by), measure=measure, until=until))

    def verify_problem(self, problem: str, *, note: str, at: datetime, by: str) -> None:
        """Check that a rectified ``problem`` is fixed (督查); ``by`` owns none of its
        measures."""
        problem = self._loop.same_id("problem", problem)
        self._record(ProblemVerified(at=at, by=_name(by), problem=problem, note=note))

    def answer_opinion(
        self, opinion: str, *, mode: AnswerMode, summary: str, at: datetime, by: str
    ) -> None:
        """Give the source of ``opinion`` its answer (回音) by letter, call, visit or notice."""
        self._record(
            OpinionAnswered(at=at, by=_name(by), opinion=opinion, mode=mode, summary=summary)
        )

    def give_verdict(self, opinion: str, *, verdict: Verdict, at: datetime, by: str) -> None:
        """Find what the complaint ``opinion`` said 属实, 部分属实 or 不属实 (R6: verified
        complaints, counted in the facts, are those found at least partly true)."""
        self._record(OpinionVerdictGiven(at=at, by=_name(by), opinion=opinion, verdict=verdict))

    def verdict(self, opinion: str) -> Verdict | None:
        """The verdict on ``opinion``, if one was given."""
        return self._loop.verdict(opinion)

    def record_satisfaction(self, opinion: str, *, satisfied: bool, at: datetime, by: str) -> None:
        """Record whether the complainant of an answered complaint is satisfied (回访); an
        unsatisfied one reopens a verified or closed problem (客户不满意不通过)."""
        self._record(
            SatisfactionRecorded(at=at, by=_name(by), opinion=opinion, satisfied=satisfied)
        )

    def close_problem(self, problem: str, *, at: datetime, by: str) -> None:
        """Close (销号) a verified ``problem`` whose sources are all answered and whose
        complainants are all satisfied; otherwise refused with every gap named."""
        problem = self._loop.same_id("problem", problem)
        self._record(ProblemClosed(at=at, by=_name(by), problem=problem))

    def reopen_problem(self, problem: str, *, reason: str, at: datetime, by: str) -> None:
        """Reopen a verified or closed ``problem``."""
        problem = self._loop.same_id("problem", problem)
        self._record(ProblemReopened(at=at, by=_name(by), problem=problem, reason=reason))

    def adopt_calendar(self, calendar: WorkCalendar, *, at: datetime, by: str) -> None:
        """Count deadlines from now on with ``calendar``, which knows more years (the next
        year's holiday schedule, once published), and count every provisional deadline again
        with it; definitive deadlines stay as they are.

        ``calendar`` must agree with the calendar in force on every day that one knows (the
        same zone, the same working days and holidays): published facts do not change.
        Refused after the campaign has concluded.  See :doc:`/year-boundary`.
        """
        self._record(CalendarAdopted(at=at, by=_name(by), calendar=calendar))

    def file_report(self, report: StageReport, *, at: datetime, by: str) -> None:
        """File the current stage's report (阶段总结暨转段报告)."""
        self._record(StageReportFiled(at=at, by=_name(by), stage=self.stage.key, report=report))

    def advance(self, *, at: datetime, by: str, report: StageReport | None = None) -> None:
        """Close the current stage and open the next (转段); the last stage concludes.

        ``report``, if given, is filed first.  Every gate of the stage must hold on the day of
        ``at``; otherwise :class:`GateNotMet` lists every failing gate and nothing changes.
        """
        self._require_open("advance")
        stage = self.stage
        filing = None
        if report is not None:
            filing = StageReportFiled(at=at, by=_name(by), stage=stage.key, report=report)
            self._check(filing)
        on = self._day_of(at, "advance")
        overran = max(0, (on - stage.last).days)
        step: Event
        if self._stage + 1 < len(self._plan.stages):
            following = self._plan.stages[self._stage + 1].key
            step = StageAdvanced(
                at=at, by=_name(by), closed=stage.key, opened=following, overran_by=overran
            )
        else:
            step = CampaignConcluded(at=at, by=_name(by), closed=stage.key, overran_by=overran)
        self._check(step, filing=filing)
        if filing is not None:
            self._commit(filing)
        self._commit(step)

    # ---- queries

    @property
    def plan(self) -> CampaignPlan:
        """The plan the campaign was launched with."""
        return self._plan

    @property
    def calendar(self) -> WorkCalendar:
        """The calendar deadlines are counted with: the plan's, or the last one adopted."""
        return self._loop.calendar

    def uncovered_years(self) -> tuple[int, ...]:
        """The years of the campaign's period, and of its open deadlines, whose holiday
        schedule the calendar in force does not know; deadlines there are provisional."""
        last = self._plan.last
        for item in self._loop.due_items(self._plan.first, date.max):
            last = max(last, item.due)
        return self.calendar.uncovered_years(self._plan.first, last)

    def answer_deadline(self, opinion: str) -> Deadline | None:
        """The day by which ``opinion`` must be answered, marked provisional when it was
        counted through a year whose schedule is unknown; ``None`` when no answer is due."""
        if not isinstance(opinion, str) or opinion not in self._loop.opinions:
            raise refuse(
                "answer_deadline",
                f"没有意见 {shown(opinion)}",
                opinion,
                code="command-refused.unknown",
                english=f"unknown opinion {shown(opinion)}",
            )
        return self._loop.answer_deadline(opinion)

    def provisional_deadlines(self, on: date) -> tuple[DueItem, ...]:
        """Measures and answers not done on ``on`` whose deadline is provisional."""
        require_date("on", on)
        return tuple(item for item in self._loop.due_items(on, date.max) if item.provisional)

    @property
    def events(self) -> tuple[Event, ...]:
        """Every recorded event, oldest first (a copy)."""
        return tuple(self._log())

    @property
    def event_count(self) -> int:
        """How many events have been recorded."""
        return self.version

    @property
    def stage(self) -> Stage:
        """The current stage (the last one, once concluded)."""
        return self._plan.stages[self._stage]

    @property
    def stage_index(self) -> int:
        """The position of the current stage, from 0."""
        return self._stage

    @property
    def concluded(self) -> bool:
        """Whether the last stage has closed."""
        return self._concluded

    @property
    def problems(self) -> Mapping[str, Problem]:
        """Recorded problems by id, with their state and owner (a read-only view)."""
        return self._loop.problems

    @property
    def measures(self) -> Mapping[str, Measure]:
        """Measures by id, with their completion and extension (a read-only view)."""
        return self._loop.measures

    @property
    def opinions(self) -> Mapping[str, Opinion]:
        """Received opinions by id (read-only)."""
        return self._loop.opinions

    def problems_without_measures(self) -> tuple[str, ...]:
        """Ids of recorded problems that have no measure yet."""
        return self._loop.problems_without_measures()

    def merged_into(self, opinion: str) -> str | None:
        """The problem ``opinion`` was merged into, or ``None`` if it is not merged yet."""
        return self._loop.merged_into(opinion)

    def answer(self, opinion: str) -> OpinionAnswered | None:
        """The answer given to ``opinion``, or ``None``."""
        return self._loop.answer(opinion)

    def satisfied(self, opinion: str) -> bool | None:
        """The complainant's latest word on ``opinion``: satisfied, not, or not asked."""
        return self._loop.satisfied(opinion)

    def repeated_complaints(self) -> Mapping[str, str]:
        """Repeated complaints (重复投诉), each with the earlier complaint it repeats."""
        return self._loop.repeated

    def closing_gaps(self, problem: str) -> tuple[str, ...]:
        """What keeps ``problem`` from closing, in Chinese; empty when it may close.

        Each gap is one sentence: the problem not yet verified (问题现为“已整改”，尚未核查), an
        opinion not yet answered, a complainant not yet satisfied.
        """
        if not isinstance(problem, str) or problem not in self._loop.problems:
            raise refuse(
                "closing_gaps",
                f"没有问题 {shown(problem)}",
                problem,
                code="command-refused.unknown",
                english=f"unknown problem {shown(problem)}",
            )
        return tuple(self._loop.closing_gaps(problem))

    def problems_in(self, state: ProblemState) -> tuple[str, ...]:
        """Ids of the problems in ``state``, in the order they were recorded."""
        if not isinstance(state, ProblemState):
            raise refuse(
                "problems_in",
                "state 的类型不对",
                state,
                expected="ProblemState（问题状态）",
                code="command-refused.invalid",
                english="state must be a ProblemState",
            )
        return self._loop.problems_in(state)

    def measure_graph(self) -> MeasureGraph:
        """The measures and their dependencies, for schedule conflicts and what is at risk
        (:meth:`MeasureGraph.at_risk`)."""
        return MeasureGraph(measures=tuple(self.measures.values()))

    def as_of(self, on: date) -> Campaign:
        """The campaign as it stood at the end of ``on``: itself if nothing happened since,
        else the log up to that day replayed.  Refuses a day before the launch."""
        require_date("on", on)
        next_day = next_day_start(on, self._plan.calendar.zone)
        if self._last_at < next_day:
            return self
        until_then = list(takewhile(lambda event: event.at < next_day, self._log()))
        if not until_then:
            launched = local_date(self._log()[0].at, self._plan.calendar.zone)
            raise InvalidArgument(
                "on",
                on,
                f"不早于活动启动日（{launched}）的日期",
                english=f"a day on or after the launch ({launched})",
            )
        return Campaign.replay(until_then)

    def ledger(self, on: date) -> Ledger:
        """The ledger (台账) as it stood at the end of ``on``: problem, measure and
        responsibility lists (see :meth:`as_of`)."""
        return Ledger.of(self.as_of(on), on)

    def overdue(self, on: date) -> tuple[DueItem, ...]:
        """Measures and answers not done after their deadline, on ``on``.

        Once overdue, an item stays overdue on every later day until it is done.
        """
        require_date("on", on)
        return self._loop.due_items(on, None)

    def due_soon(self, on: date, within: int) -> tuple[DueItem, ...]:
        """Measures and answers not done whose deadline falls from ``on`` to ``within`` days
        after it (both included)."""
        require_date("on", on)
        if not isinstance(within, int) or isinstance(within, bool) or within < 0:
            raise InvalidArgument(
                "within", within, "天数：不小于 0 的整数", english="a number of days: an int >= 0"
            )
        return self._loop.due_items(on, on + timedelta(days=within))

    @property
    def self_inspections(self) -> Mapping[str, SelfInspectionSubmitted]:
        """Submitted self-inspections by unit (read-only)."""
        return MappingProxyType(self._inspections)

    @property
    def reports(self) -> Mapping[str, StageReport]:
        """Filed stage reports by stage key (read-only)."""
        return MappingProxyType(self._reports)

    @property
    def overruns(self) -> Mapping[str, int]:
        """Stages closed after their window, with the days they overran (read-only)."""
        return MappingProxyType(self._overruns)

    def held(self, activity: str, *, stage: str | None = None) -> tuple[datetime, ...]:
        """When ``activity`` of ``stage`` (default: the current one) was held."""
        return tuple(self._held.get((stage or self.stage.key, activity), ()))

    def sections(self) -> tuple[str, ...]:
        """The units expected to self-inspect: every unit of the organisation but the root
        and supervision offices; without a chain, the appraised units."""
        chain = self._plan.chain
        if chain is None:
            return self._plan.appraised
        org = chain.organization
        return tuple(
            u.id
            for u in org.units
            if u.parent is not None and u.kind is not UnitKind.SUPERVISION_OFFICE
        )

    def overdue_measures(self, on: date) -> tuple[Measure, ...]:
        """Measures undone after their deadline on ``on``."""
        require_date("on", on)
        return self._loop.overdue_measures(on)

    def gate_results(self, on: date) -> tuple[GateFailure, ...]:
        """Every gate of the current stage that does not hold on ``on``, with its items."""
        require_date("on", on)
        found = []
        for gate in self.stage.gates:
            items = gate.failures(self, on)
            if items:
                # Built-in gates have a Chinese label; a host's own gate may have only its name.
                found.append(GateFailure(gate.name, tuple(items), getattr(gate, "label", "")))
        return tuple(found)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Campaign):
            return NotImplemented
        return self._snapshot() == other._snapshot()

    __hash__ = None  # type: ignore[assignment]  # mutable: not hashable

    def __repr__(self) -> str:
        state = "concluded" if self._concluded else f"stage {self.stage.key!r}"
        return f"<Campaign {self._plan.name!r}, {state}, {self.version} events>"

    def _snapshot(self) -> tuple[Any, ...]:
        return (
            self._plan,
            self._log(),
            self._stage,
            self._concluded,
            self._loop.snapshot(),
            self._inspections,
            self._reports,
            self._held,
            self._overruns,
        )

    # ---- recording: check everything, then apply; the only two ways state changes

    def _record(self, event: Event) -> None:
        loop = LOOP_HANDLERS.get(type(event))
        if loop is None:
            self._check(event)
            self._commit(event)
            return
        # The problem loop's path, flattened: it runs millions of times in a province.
        command, check, apply = loop
        if self._concluded:
            self._require_open(command)
        _check_actor_and_time(command, event.at, event.by, self._last_at, self._holders)
        check(self._loop, event)
        apply(self._loop, event)
        self._events.append(event)
        self._last_at = event.at

    def _commit(self, event: Event) -> None:
        HANDLERS[type(event)].apply(self, event)
        self._events.append(event)
        self._last_at = event.at

    def _require_open(self, command: str) -> None:
        if self._concluded:
            raise refuse(
                command,
                "评议活动已结束，不再接受命令",
                code="command-refused.concluded",
                english="the campaign has concluded; it accepts no further commands",
            )

    def _day_of(self, at: datetime, command: str) -> date:
        # `at` was already checked to be aware.
        try:
            return local_date(at, self._plan.calendar.zone)
        except Exception as error:
            raise refuse(
                command,
                error.message if isinstance(error, XingfengError) else str(error),
                at,
                code="command-refused.invalid",
            ) from None

    def _check(self, event: Event, *, filing: StageReportFiled | None = None) -> None:
        handler = HANDLERS.get(type(event))
        if handler is None:
            raise refuse(
                "record",
                f"{type(event).__name__} 不是评议活动的事件",
                event,
                expected="评议活动的事件（CampaignLaunched 等）",
                code="command-refused.invalid",
                english=f"{type(event).__name__} is not a campaign event",
            )
        if self._concluded:
            self._require_open(handler.command)
        _check_actor_and_time(handler.command, event.at, event.by, self._last_at, self._holders)
        handler.check(self, event, filing)

    def _check_activity(self, e: ActivityHeld, _: object) -> None:
        require_text("hold_activity", "activity", e.activity)
        if e.stage != self.stage.key:
            raise refuse(
                "hold_activity",
                f"阶段 {shown(e.stage)} 不是当前阶段 {shown(self.stage.key)}",
                expected=repr(self.stage.key),
                code="command-refused.stage",
                english=f"stage {shown(e.stage)} is not the current stage {shown(self.stage.key)}",
            )
        if e.activity not in {a.id for a in self.stage.activities}:
            planned = [a.id for a in self.stage.activities]
            raise refuse(
                "hold_activity",
                f"阶段 {shown(self.stage.key)} 没有安排活动 {shown(e.activity)}；"
                f"已安排的有：{planned}",
                e.activity,
                expected=f"以下之一：{planned}",
                code="command-refused.stage",
                english=(
                    f"{shown(e.activity)} is not planned in stage {shown(self.stage.key)}; "
                    f"planned: {planned}"
                ),
            )

    def _check_inspection(self, e: SelfInspectionSubmitted, _: object) -> None:
        require_text("submit_self_inspection", "summary", e.summary)
        self._require_unit("submit_self_inspection", e.unit)
        if e.unit in self._inspections:
            raise refuse(
                "submit_self_inspection",
                f"单位 {shown(e.unit)} 已经提交过自查报告",
                e.unit,
                code="command-refused.duplicate",
                english=f"unit {shown(e.unit)} has already submitted",
            )

    def _check_report(self, e: StageReportFiled, _: object) -> None:
        if e.stage != self.stage.key:
            raise refuse(
                "file_report",
                f"阶段 {shown(e.stage)} 不是当前阶段 {shown(self.stage.key)}",
                expected=repr(self.stage.key),
                code="command-refused.stage",
                english=f"stage {shown(e.stage)} is not the current stage {shown(self.stage.key)}",
            )
        if not isinstance(e.report, StageReport):
            raise refuse(
                "file_report",
                "report 的类型不对",
                e.report,
                expected="StageReport（阶段报告）",
                code="command-refused.invalid",
                english="report must be a StageReport",
            )
        if e.stage in self._reports:
            raise refuse(
                "file_report",
                f"阶段 {shown(e.stage)} 已经提交过报告",
                e.stage,
                code="command-refused.duplicate",
                english=f"stage {shown(e.stage)} already has its report",
            )

    def _check_advance(
        self, e: StageAdvanced | CampaignConcluded, filing: StageReportFiled | None
    ) -> None:
        stage = self.stage
        if e.closed != stage.key:
            raise refuse(
                "advance",
                f"阶段 {shown(e.closed)} 不是当前阶段 {shown(stage.key)}",
                expected=repr(stage.key),
                code="command-refused.stage",
                english=f"stage {shown(e.closed)} is not the current stage {shown(stage.key)}",
            )
        last = self._stage + 1 == len(self._plan.stages)
        if isinstance(e, StageAdvanced):
            if last:
                raise refuse(
                    "advance",
                    "最后一个阶段结束即活动结束，其后没有阶段",
                    code="command-refused.stage",
                    english="the last stage concludes the campaign; nothing follows it",
                )
            following = self._plan.stages[self._stage + 1].key
            if e.opened != following:
                raise refuse(
                    "advance",
                    f"阶段依次进行：{shown(stage.key)} 之后是 {shown(following)}",
                    e.opened,
                    expected=repr(following),
                    code="command-refused.stage",
                    english=(
                        f"stages run in order: after {shown(stage.key)} comes {shown(following)}"
                    ),
                )
        elif not last:
            raise refuse(
                "advance",
                f"阶段 {shown(stage.key)} 不是最后一个阶段",
                e.closed,
                code="command-refused.stage",
                english=f"stage {shown(stage.key)} is not the last stage",
            )
        on = self._day_of(e.at, "advance")
        if on < stage.first:
            raise refuse(
                "advance",
                f"阶段 {shown(stage.key)} 自 {stage.first} 开始：不能在此前（{on}）转段",
                e.at,
                expected=f"{stage.first} 及以后的时刻",
                code="command-refused.stage",
                english=(
                    f"stage {shown(stage.key)} opens on {stage.first}; it cannot close before its "
                    "window "
                    f"(on {on})"
                ),
            )
        if e.overran_by != max(0, (on - stage.last).days):
            raise refuse(
                "advance",
                "overran_by 与阶段的时间窗口不符",
                e.overran_by,
                code="command-refused.stage",
                english="overran_by does not match the stage window",
            )
        # Gates see the report about to be filed with the same command.
        if filing is not None:
            self._reports[stage.key] = filing.report
        try:
            unmet = self.gate_results(on)
        finally:
            if filing is not None:
                del self._reports[stage.key]
        if unmet:
            raise GateNotMet(stage.key, on, unmet, stage_name=stage.name)

    def _check_adoption(self, e: CalendarAdopted, _: object) -> None:
        command = "adopt_calendar"
        new = e.calendar
        if not isinstance(new, WorkCalendar):
            raise refuse(
                command,
                f"{shown(new)} 不是日历",
                new,
                expected="WorkCalendar（工作日历）",
                code="command-refused.invalid",
            )
        current = self.calendar
        if not current.schedules:
            raise refuse(
                command,
                f"现行日历 {shown(current.name)} 不按年公布节假日安排（每年周一至周五上班），"
                "没有暂定的期限可以改定",
                new,
            )
        conflicts = current.disagreements(new)
        if conflicts:
            listed = "；".join(str(c) for c in conflicts[:5])
            more = f"（共{len(conflicts)}处）" if len(conflicts) > 5 else ""
            raise refuse(command, f"新日历与现行日历不一致：{listed}{more}", new)
        if not (set(new.years) - set(current.years)):
            known = years_text(current.years)
            raise refuse(command, f"新日历没有现行日历（{known}）以外的年份，无需采用", new)
        self._prepared = self._loop.redated(command, new)

    def _require_unit(self, command: str, unit: str) -> None:
        require_text(command, "unit", unit)
        chain = self._plan.chain
        if chain is not None and not chain.organization.has_unit(unit):
            raise refuse(
                command,
                f"组织机构中没有单位 {shown(unit)}",
                unit,
                code="command-refused.unknown",
                english=f"unit {shown(unit)} is not a unit of the organisation",
            )

    # ---- applying: infallible once checked

    def _apply_activity(self, e: ActivityHeld) -> None:
        self._held.setdefault((e.stage, e.activity), []).append(e.at)

    def _apply_inspection(self, e: SelfInspectionSubmitted) -> None:
        self._inspections[e.unit] = e

    def _apply_report(self, e: StageReportFiled) -> None:
        self._reports[e.stage] = e.report

    def _apply_advance(self, e: StageAdvanced) -> None:
        if e.overran_by:
            self._overruns[e.closed] = e.overran_by
        self._stage += 1

    def _apply_adoption(self, e: CalendarAdopted) -> None:
        redating, self._prepared = self._prepared, None
        assert redating is not None  # set by _check_adoption, which always runs first
        self._loop.adopt(e.calendar, redating)

    def _apply_conclusion(self, e: CampaignConcluded) -> None:
        if e.overran_by:
            self._overruns[e.closed] = e.overran_by
        self._concluded = True


def _name(value: str) -> str:
    """An id of a person or unit, interned: those repeat in every event, and one shared string
    per name keeps a million events from holding a million copies.  Anything that is not a
    plain string is passed on for the command's checks to refuse."""
    if isinstance(value, str) and type(value) is str:
        return sys.intern(value)
    return value


def _check_actor_and_time(
    command: str, at: object, by: object, last: datetime | None, holders: frozenset[str] | None
) -> None:
    if not is_aware(at):
        raise refuse(
            command,
            f"at={shown(at)} 没有时区",
            at,
            expected="带时区的 datetime",
            code="command-refused.invalid",
            english=f"at={shown(at)} must be a timezone-aware datetime",
        )
    if last is not None and at < last:
        raise refuse(
            command,
            f"at={at} 早于上一次记录的事件（{last}）：记录只能按时间向前",
            at,
            expected=f"不早于 {last} 的时刻",
            code="command-refused.time-order",
            english=f"at={at} is before the last recorded event ({last}); time runs forward",
        )
    if not isinstance(by, str) or not by or by.isspace():
        raise refuse(
            command,
            f"by={shown(by)} 没有写明办理人",
            by,
            expected="办理人的编号（非空文字）",
            code="command-refused.invalid",
            english=f"by={shown(by)} must name the acting person",
        )
    if holders is not None and by not in holders:
        raise refuse(
            command,
            f"办理人 by={shown(by)} 在责任链上不担任职务",
            by,
            code="command-refused.no-post",
            english=f"by={shown(by)} holds no post in the responsibility chain",
        )


_C = Campaign
#: The campaign's one dispatch table for its own events; the problem loop's events go to
#: :data:`xingfeng.rectification.loop.HANDLERS`.  Campaign checks also take the stage report
#: being filed with the same command.
HANDLERS: dict[type, Handler] = {
    ActivityHeld: Handler("hold_activity", _C._check_activity, _C._apply_activity),
    SelfInspectionSubmitted: Handler(
        "submit_self_inspection", _C._check_inspection, _C._apply_inspection
    ),
    StageReportFiled: Handler("file_report", _C._check_report, _C._apply_report),
    StageAdvanced: Handler("advance", _C._check_advance, _C._apply_advance),
    CampaignConcluded: Handler("advance", _C._check_advance, _C._apply_conclusion),
    CalendarAdopted: Handler("adopt_calendar", _C._check_adoption, _C._apply_adoption),
}
