"""A campaign (评议活动) as an event-recorded aggregate.

A :class:`Campaign` is launched with a :class:`~xingfeng.CampaignPlan` and then driven by
commands: hold an activity, submit a self-inspection, record a problem, add, complete or
extend a measure, file a stage report, advance to the next stage (转段).  Each command
checks everything first; if it is refused (:class:`~xingfeng.CommandRefused`,
:class:`~xingfeng.GateNotMet`) nothing is recorded and nothing changes.  If it is accepted
it records one past-tense event (:mod:`xingfeng.events`) and the state is the fold of those
events, so :meth:`Campaign.replay` rebuilds an equal campaign from the log.

No clock is read: every command takes the moment it happens (``at``, timezone-aware) and
who acts (``by``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, TypeVar

from xingfeng._checks import is_aware, is_plain_date, local_date, require_date
from xingfeng.calendar import TimeLimit
from xingfeng.events import (
    ActivityHeld,
    CampaignConcluded,
    CampaignLaunched,
    Event,
    ExtensionApproved,
    MeasureAdded,
    MeasureCompleted,
    ProblemRecorded,
    SelfInspectionSubmitted,
    StageAdvanced,
    StageReportFiled,
)
from xingfeng.exceptions import (
    CommandRefused,
    Defect,
    GateFailure,
    GateNotMet,
    InvalidArgument,
    InvalidDefinition,
    XingfengError,
)
from xingfeng.measures import Measure
from xingfeng.organization import UnitKind
from xingfeng.plan import CampaignPlan
from xingfeng.problems import Problem
from xingfeng.stages import Stage, StageReport

__all__ = ["Campaign"]


def _refuse(command: str, reason: str, value: object = None) -> CommandRefused:
    return CommandRefused(command, reason, value)


class Campaign:
    """A running campaign: its plan, its event log and the state they give.

    Build one with :meth:`launch` or :meth:`replay`.  Two campaigns are equal when their
    plans, event logs and every part of their state are equal.
    """

    __slots__ = (
        "_completed",
        "_concluded",
        "_events",
        "_extended",
        "_held",
        "_holders",
        "_inspections",
        "_last_at",
        "_measures",
        "_overruns",
        "_plan",
        "_problems",
        "_reports",
        "_stage",
    )

    def __init__(self, launched: CampaignLaunched) -> None:
        """Use :meth:`launch` or :meth:`replay`; this starts from a launch event."""
        if not isinstance(launched, CampaignLaunched):
            raise _refuse("Campaign", "a campaign starts from a CampaignLaunched event", launched)
        if not isinstance(launched.plan, CampaignPlan):
            raise _refuse("launch", "plan must be a CampaignPlan", launched.plan)
        _check_actor_and_time("launch", launched.at, launched.by, None, None)
        self._plan = launched.plan
        self._events: list[Event] = [launched]
        self._stage = 0
        self._concluded = False
        # State holds the events themselves; Problem and Measure values are made on demand,
        # so recording a million events allocates nothing beyond the events.
        self._problems: dict[str, ProblemRecorded] = {}
        self._measures: dict[str, MeasureAdded] = {}
        self._completed: dict[str, MeasureCompleted] = {}
        self._extended: dict[str, date] = {}
        self._inspections: dict[str, SelfInspectionSubmitted] = {}
        self._reports: dict[str, StageReport] = {}
        self._held: dict[tuple[str, str], list[datetime]] = {}
        self._overruns: dict[str, int] = {}
        self._last_at = launched.at
        chain = launched.plan.chain
        self._holders = frozenset(chain.holders) if chain is not None else None

    # ---- building

    @classmethod
    def launch(cls, plan: CampaignPlan, *, at: datetime, by: str) -> Campaign:
        """Launch ``plan``: the first stage begins."""
        if not isinstance(plan, CampaignPlan):
            raise _refuse("launch", "plan must be a CampaignPlan", plan)
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
            raise InvalidArgument("events", events, "an iterable of campaign events") from None
        first = next(iterator, None)
        try:
            campaign = cls(first)  # type: ignore[arg-type]
        except XingfengError as refused:
            raise InvalidDefinition(
                "event log", [Defect(f"event 0: {refused}", (first,))]
            ) from None
        for number, event in enumerate(iterator, start=1):
            try:
                campaign._record(event)
            except XingfengError as refused:
                raise InvalidDefinition(
                    "event log", [Defect(f"event {number}: {refused}", (event,))]
                ) from None
        return campaign

    # ---- commands

    def hold_activity(self, activity: str, *, at: datetime, by: str) -> None:
        """Record that the current stage's planned ``activity`` took place."""
        self._record(ActivityHeld(at=at, by=by, stage=self.stage.key, activity=activity))

    def submit_self_inspection(self, unit: str, *, summary: str, at: datetime, by: str) -> None:
        """Record ``unit``'s self-inspection (自查报告)."""
        self._record(SelfInspectionSubmitted(at=at, by=by, unit=unit, summary=summary))

    def record_problem(self, problem: str, *, unit: str, title: str, at: datetime, by: str) -> None:
        """Record a problem found in ``unit`` under the new id ``problem``."""
        self._record(ProblemRecorded(at=at, by=by, problem=problem, unit=unit, title=title))

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
    ) -> None:
        """Set a measure for ``problem``; ``due`` is a date or a limit counted from ``at``."""
        if isinstance(due, TimeLimit):
            self._require_open("add_measure")
            if not is_aware(at):
                raise _refuse("add_measure", f"at={at!r} must be a timezone-aware datetime", at)
            due = due.last_day(from_=at, calendar=self._plan.calendar)
        self._record(
            MeasureAdded(
                at=at, by=by, measure=measure, problem=problem, title=title, owner=owner, due=due
            )
        )

    def complete_measure(self, measure: str, *, evidence: str, at: datetime, by: str) -> None:
        """Record ``measure`` as done, with evidence of completion."""
        self._record(MeasureCompleted(at=at, by=by, measure=measure, evidence=evidence))

    def approve_extension(self, measure: str, *, until: date, at: datetime, by: str) -> None:
        """Move ``measure``'s deadline to ``until``; only the owner's superior may, and only
        before the deadline has passed."""
        self._record(ExtensionApproved(at=at, by=by, measure=measure, until=until))

    def file_report(self, report: StageReport, *, at: datetime, by: str) -> None:
        """File the current stage's report (阶段总结暨转段报告)."""
        self._record(StageReportFiled(at=at, by=by, stage=self.stage.key, report=report))

    def advance(self, *, at: datetime, by: str, report: StageReport | None = None) -> None:
        """Close the current stage and open the next (转段); the last stage concludes.

        ``report``, if given, is filed first.  Every gate of the stage must hold on the day of
        ``at``; otherwise :class:`GateNotMet` lists every failing gate and nothing changes.
        """
        self._require_open("advance")
        stage = self.stage
        filing = None
        if report is not None:
            filing = StageReportFiled(at=at, by=by, stage=stage.key, report=report)
            self._check(filing)
        on = self._day_of(at, "advance")
        overran = max(0, (on - stage.last).days)
        step: Event
        if self._stage + 1 < len(self._plan.stages):
            following = self._plan.stages[self._stage + 1].key
            step = StageAdvanced(
                at=at, by=by, closed=stage.key, opened=following, overran_by=overran
            )
        else:
            step = CampaignConcluded(at=at, by=by, closed=stage.key, overran_by=overran)
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
    def events(self) -> tuple[Event, ...]:
        """Every recorded event, oldest first (a copy)."""
        return tuple(self._events)

    @property
    def event_count(self) -> int:
        """How many events have been recorded."""
        return len(self._events)

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
        """Recorded problems by id (a read-only view)."""
        return _View(self._problems, self._problem)

    @property
    def measures(self) -> Mapping[str, Measure]:
        """Measures by id, with their completion and extension (a read-only view)."""
        return _View(self._measures, self._measure_value)

    def problems_without_measures(self) -> tuple[str, ...]:
        """Ids of recorded problems that have no measure yet."""
        covered = {m.problem for m in self._measures.values()}
        return tuple(p for p in self._problems if p not in covered)

    def _problem(self, e: ProblemRecorded) -> Problem:
        return Problem(id=e.problem, unit=e.unit, title=e.title, recorded_at=e.at)

    def _measure_value(self, e: MeasureAdded) -> Measure:
        done = self._completed.get(e.measure)
        return Measure(
            id=e.measure,
            problem=e.problem,
            title=e.title,
            owner=e.owner,
            due=e.due,
            extended_to=self._extended.get(e.measure),
            done_at=done.at if done else None,
            evidence=done.evidence if done else None,
        )

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
        extended, completed = self._extended, self._completed
        return tuple(
            self._measure_value(e)
            for key, e in self._measures.items()
            if key not in completed and on > extended.get(key, e.due)
        )

    def gate_results(self, on: date) -> tuple[GateFailure, ...]:
        """Every gate of the current stage that does not hold on ``on``, with its items."""
        require_date("on", on)
        found = []
        for gate in self.stage.gates:
            items = gate.failures(self, on)
            if items:
                found.append(GateFailure(gate.name, tuple(items)))
        return tuple(found)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Campaign):
            return NotImplemented
        return self._snapshot() == other._snapshot()

    __hash__ = None  # type: ignore[assignment]  # mutable: not hashable

    def __repr__(self) -> str:
        state = "concluded" if self._concluded else f"stage {self.stage.key!r}"
        return f"<Campaign {self._plan.name!r}, {state}, {len(self._events)} events>"

    def _snapshot(self) -> tuple[Any, ...]:
        return (
            self._plan,
            self._events,
            self._stage,
            self._concluded,
            self._problems,
            self._measures,
            self._completed,
            self._extended,
            self._inspections,
            self._reports,
            self._held,
            self._overruns,
        )

    # ---- recording: check everything, then apply; the only two ways state changes

    def _record(self, event: Event) -> None:
        self._check(event)
        self._commit(event)

    def _commit(self, event: Event) -> None:
        _APPLY[type(event)](self, event)
        self._events.append(event)
        self._last_at = event.at

    def _require_open(self, command: str) -> None:
        if self._concluded:
            raise _refuse(command, "the campaign has concluded; it accepts no further commands")

    def _day_of(self, at: datetime, command: str) -> date:
        # `at` was already checked to be aware.
        try:
            return local_date(at, self._plan.calendar.zone)
        except Exception as error:
            raise _refuse(command, str(error), at) from None

    def _check(self, event: Event, *, filing: StageReportFiled | None = None) -> None:
        command = _COMMANDS.get(type(event))
        if command is None:
            raise _refuse("record", f"{type(event).__name__} is not a campaign event", event)
        self._require_open(command)
        _check_actor_and_time(command, event.at, event.by, self._last_at, self._holders)
        _CHECKS[type(event)](self, event, filing)

    def _check_activity(self, e: ActivityHeld, _: object) -> None:
        _require_text("hold_activity", "activity", e.activity)
        if e.stage != self.stage.key:
            raise _refuse(
                "hold_activity", f"stage {e.stage!r} is not the current stage {self.stage.key!r}"
            )
        if e.activity not in {a.id for a in self.stage.activities}:
            planned = [a.id for a in self.stage.activities]
            raise _refuse(
                "hold_activity",
                f"{e.activity!r} is not planned in stage {self.stage.key!r}; planned: {planned}",
                e.activity,
            )

    def _check_inspection(self, e: SelfInspectionSubmitted, _: object) -> None:
        _require_text("submit_self_inspection", "summary", e.summary)
        self._require_unit("submit_self_inspection", e.unit)
        if e.unit in self._inspections:
            raise _refuse(
                "submit_self_inspection", f"unit {e.unit!r} has already submitted", e.unit
            )

    def _check_problem(self, e: ProblemRecorded, _: object) -> None:
        _require_text("record_problem", "problem", e.problem)
        _require_text("record_problem", "title", e.title)
        self._require_unit("record_problem", e.unit)
        if e.problem in self._problems:
            raise _refuse("record_problem", f"problem id {e.problem!r} is already used", e.problem)

    def _check_measure(self, e: MeasureAdded, _: object) -> None:
        command = "add_measure"
        for name in ("measure", "problem", "title", "owner"):
            _require_text(command, name, getattr(e, name))
        if e.measure in self._measures:
            raise _refuse(command, f"measure id {e.measure!r} is already used", e.measure)
        if e.problem not in self._problems:
            raise _refuse(command, f"unknown problem {e.problem!r}; record it first", e.problem)
        if self._holders is not None and e.owner not in self._holders:
            raise _refuse(command, f"owner {e.owner!r} holds no post in the chain", e.owner)
        if not is_plain_date(e.due):
            raise _refuse(command, f"due {e.due!r} must be a date or a TimeLimit", e.due)
        today = self._day_of(e.at, command)
        if e.due < today:
            raise _refuse(command, f"due {e.due} is before the day it is set ({today})", e.due)

    def _check_completion(self, e: MeasureCompleted, _: object) -> None:
        self._measure("complete_measure", e.measure)
        _require_text("complete_measure", "evidence", e.evidence)
        if e.measure in self._completed:
            raise _refuse("complete_measure", f"measure {e.measure!r} is already done", e.measure)

    def _check_extension(self, e: ExtensionApproved, _: object) -> None:
        command = "approve_extension"
        measure = self._measure_value(self._measure(command, e.measure))
        if measure.done_at is not None:
            raise _refuse(command, f"measure {e.measure!r} is already done", e.measure)
        if not is_plain_date(e.until):
            raise _refuse(command, f"until={e.until!r} must be a date", e.until)
        chain = self._plan.chain
        if chain is not None and chain.driver_of(measure.owner) != e.by:
            superior = chain.driver_of(measure.owner)
            if superior is None:
                raise _refuse(
                    command,
                    f"{measure.owner!r} is the top leader: no one in the chain is above them, "
                    f"so an extension is for the organiser ({self._plan.organiser}) to decide",
                    e.by,
                )
            raise _refuse(
                command,
                f"only {measure.owner!r}'s superior {superior!r} may extend the deadline",
                e.by,
            )
        on = self._day_of(e.at, command)
        if on > measure.deadline:
            raise _refuse(
                command,
                f"the deadline {measure.deadline} has passed ({on}); an extension must be "
                "approved before it",
                e.at,
            )
        if e.until <= measure.deadline:
            raise _refuse(command, f"until must be a date after {measure.deadline}", e.until)

    def _check_report(self, e: StageReportFiled, _: object) -> None:
        if e.stage != self.stage.key:
            raise _refuse(
                "file_report", f"stage {e.stage!r} is not the current stage {self.stage.key!r}"
            )
        if not isinstance(e.report, StageReport):
            raise _refuse("file_report", "report must be a StageReport", e.report)
        if e.stage in self._reports:
            raise _refuse("file_report", f"stage {e.stage!r} already has its report", e.stage)

    def _check_advance(
        self, e: StageAdvanced | CampaignConcluded, filing: StageReportFiled | None
    ) -> None:
        stage = self.stage
        if e.closed != stage.key:
            raise _refuse("advance", f"stage {e.closed!r} is not the current stage {stage.key!r}")
        last = self._stage + 1 == len(self._plan.stages)
        if isinstance(e, StageAdvanced):
            if last:
                raise _refuse(
                    "advance", "the last stage concludes the campaign; nothing follows it"
                )
            following = self._plan.stages[self._stage + 1].key
            if e.opened != following:
                raise _refuse(
                    "advance",
                    f"stages run in order: after {stage.key!r} comes {following!r}",
                    e.opened,
                )
        elif not last:
            raise _refuse("advance", f"stage {stage.key!r} is not the last stage", e.closed)
        on = self._day_of(e.at, "advance")
        if on < stage.first:
            raise _refuse(
                "advance",
                f"stage {stage.key!r} opens on {stage.first}; it cannot close before its window "
                f"(on {on})",
                e.at,
            )
        if e.overran_by != max(0, (on - stage.last).days):
            raise _refuse("advance", "overran_by does not match the stage window", e.overran_by)
        # Gates see the report about to be filed with the same command.
        if filing is not None:
            self._reports[stage.key] = filing.report
        try:
            unmet = self.gate_results(on)
        finally:
            if filing is not None:
                del self._reports[stage.key]
        if unmet:
            raise GateNotMet(stage.key, on, unmet)

    def _require_unit(self, command: str, unit: str) -> None:
        _require_text(command, "unit", unit)
        chain = self._plan.chain
        if chain is not None and not chain.organization.has_unit(unit):
            raise _refuse(command, f"unit {unit!r} is not a unit of the organisation", unit)

    def _measure(self, command: str, measure: str) -> MeasureAdded:
        found = self._measures.get(measure) if isinstance(measure, str) else None
        if found is None:
            raise _refuse(command, f"unknown measure {measure!r}", measure)
        return found

    # ---- applying: infallible once checked

    def _apply_activity(self, e: ActivityHeld) -> None:
        self._held.setdefault((e.stage, e.activity), []).append(e.at)

    def _apply_inspection(self, e: SelfInspectionSubmitted) -> None:
        self._inspections[e.unit] = e

    def _apply_problem(self, e: ProblemRecorded) -> None:
        self._problems[e.problem] = e

    def _apply_measure(self, e: MeasureAdded) -> None:
        self._measures[e.measure] = e

    def _apply_completion(self, e: MeasureCompleted) -> None:
        self._completed[e.measure] = e

    def _apply_extension(self, e: ExtensionApproved) -> None:
        self._extended[e.measure] = e.until

    def _apply_report(self, e: StageReportFiled) -> None:
        self._reports[e.stage] = e.report

    def _apply_advance(self, e: StageAdvanced) -> None:
        if e.overran_by:
            self._overruns[e.closed] = e.overran_by
        self._stage += 1

    def _apply_conclusion(self, e: CampaignConcluded) -> None:
        if e.overran_by:
            self._overruns[e.closed] = e.overran_by
        self._concluded = True


def _check_actor_and_time(
    command: str, at: object, by: object, last: datetime | None, holders: frozenset[str] | None
) -> None:
    if not is_aware(at):
        raise _refuse(command, f"at={at!r} must be a timezone-aware datetime", at)
    if last is not None and at < last:
        raise _refuse(
            command, f"at={at} is before the last recorded event ({last}); time runs forward", at
        )
    if not isinstance(by, str) or not by.strip():
        raise _refuse(command, f"by={by!r} must name the acting person", by)
    if holders is not None and by not in holders:
        raise _refuse(command, f"by={by!r} holds no post in the responsibility chain", by)


def _require_text(command: str, name: str, value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise _refuse(command, f"{name}={value!r} must be a non-empty string", value)


_COMMANDS: dict[type, str] = {
    ActivityHeld: "hold_activity",
    SelfInspectionSubmitted: "submit_self_inspection",
    ProblemRecorded: "record_problem",
    MeasureAdded: "add_measure",
    MeasureCompleted: "complete_measure",
    ExtensionApproved: "approve_extension",
    StageReportFiled: "file_report",
    StageAdvanced: "advance",
    CampaignConcluded: "advance",
}
_CHECKS: dict[type, Callable[[Campaign, Any, Any], None]] = {
    ActivityHeld: Campaign._check_activity,
    SelfInspectionSubmitted: Campaign._check_inspection,
    ProblemRecorded: Campaign._check_problem,
    MeasureAdded: Campaign._check_measure,
    MeasureCompleted: Campaign._check_completion,
    ExtensionApproved: Campaign._check_extension,
    StageReportFiled: Campaign._check_report,
    StageAdvanced: Campaign._check_advance,
    CampaignConcluded: Campaign._check_advance,
}
_APPLY: dict[type, Callable[[Campaign, Any], None]] = {
    ActivityHeld: Campaign._apply_activity,
    SelfInspectionSubmitted: Campaign._apply_inspection,
    ProblemRecorded: Campaign._apply_problem,
    MeasureAdded: Campaign._apply_measure,
    MeasureCompleted: Campaign._apply_completion,
    ExtensionApproved: Campaign._apply_extension,
    StageReportFiled: Campaign._apply_report,
    StageAdvanced: Campaign._apply_advance,
    CampaignConcluded: Campaign._apply_conclusion,
}


K = TypeVar("K")
E = TypeVar("E")
V = TypeVar("V")


class _View(Mapping[K, V]):
    """A read-only mapping that turns stored events into values when they are read."""

    __slots__ = ("_make", "_source")

    def __init__(self, source: Mapping[K, E], make: Callable[[E], V]) -> None:
        self._source: Mapping[K, Any] = source
        self._make: Callable[[Any], V] = make

    def __getitem__(self, key: K) -> V:
        return self._make(self._source[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self._source)

    def __len__(self) -> int:
        return len(self._source)
