"""What happened in a campaign: one past-tense event per accepted command.

Every event carries the moment it happened (``at``, timezone-aware) and the acting person
(``by``).  A campaign's state is the fold of its events: :meth:`xingfeng.Campaign.replay`
rebuilds an equal campaign from them, and they serialize with :mod:`xingfeng.serialization`
(each as ``{"event": "ProblemRecorded", ...}`` inside an event log).
"""

from __future__ import annotations

from datetime import date, datetime

import attrs

from xingfeng.calendar import TimeLimit, WorkCalendar
from xingfeng.measures import MeasureKind
from xingfeng.plan import CampaignPlan
from xingfeng.problems import Difficulty, Severity, Urgency
from xingfeng.serialization import register_tagged_union
from xingfeng.sources import AnswerMode, Opinion
from xingfeng.stages import StageReport

__all__ = [
    "ActivityHeld",
    "CalendarAdopted",
    "CampaignConcluded",
    "CampaignLaunched",
    "Event",
    "ExtensionApproved",
    "ExtensionRequested",
    "MeasureAdded",
    "MeasureCompleted",
    "MeasureExtended",
    "OpinionAnswered",
    "OpinionReceived",
    "OpinionsMerged",
    "ProblemAssigned",
    "ProblemClosed",
    "ProblemRecorded",
    "ProblemReopened",
    "ProblemVerified",
    "SatisfactionRecorded",
    "SelfInspectionSubmitted",
    "StageAdvanced",
    "StageReportFiled",
]


@attrs.frozen(kw_only=True)
class CampaignLaunched:
    """The campaign was launched with its plan; its first stage began."""

    at: datetime
    by: str
    plan: CampaignPlan


@attrs.frozen(kw_only=True)
class ActivityHeld:
    """A planned activity of the current stage took place (动员大会, 座谈会, …)."""

    at: datetime
    by: str
    stage: str
    activity: str


@attrs.frozen(kw_only=True)
class SelfInspectionSubmitted:
    """A section submitted its self-inspection (自查报告)."""

    at: datetime
    by: str
    unit: str
    summary: str


@attrs.frozen(kw_only=True)
class OpinionReceived:
    """An original opinion, suggestion or complaint came in (before consolidation)."""

    at: datetime
    by: str
    opinion: Opinion


@attrs.frozen(kw_only=True)
class ProblemRecorded:
    """A problem was recorded against a unit.

    ``opinions`` are the received opinions merged into it (归类); ``owner``, when given, is
    the person it is assigned to at once.
    """

    at: datetime
    by: str
    problem: str
    unit: str
    title: str
    category: str | None = None
    severity: Severity = Severity.MODERATE
    urgency: Urgency = Urgency.NORMAL
    difficulty: Difficulty = Difficulty.MODERATE
    opinions: tuple[str, ...] = ()
    owner: str | None = None


@attrs.frozen(kw_only=True)
class OpinionsMerged:
    """Received opinions were merged into a problem already recorded (a later complaint about
    the same matter, say)."""

    at: datetime
    by: str
    problem: str
    opinions: tuple[str, ...]


@attrs.frozen(kw_only=True)
class ProblemAssigned:
    """A problem was assigned (交办) to the person who answers for fixing it."""

    at: datetime
    by: str
    problem: str
    owner: str


@attrs.frozen(kw_only=True)
class MeasureAdded:
    """A rectification measure was set for a problem, with an owner and a deadline.

    ``limit``, when the deadline was given as a time limit, is that limit: ``due`` is the
    day it gave counted from ``at``, and is counted again if it was provisional and a
    calendar that knows its year is adopted.
    """

    at: datetime
    by: str
    measure: str
    problem: str
    title: str
    owner: str
    due: date
    kind: MeasureKind = MeasureKind.CORRECTIVE
    depends_on: tuple[str, ...] = ()
    unit: str | None = None
    limit: TimeLimit | None = None


@attrs.frozen(kw_only=True)
class MeasureExtended:
    """A measure was applied to further units (举一反三): one copy per unit, each owned by
    that unit's first responsible person; ``copies`` holds ``(measure id, unit, owner)``."""

    at: datetime
    by: str
    measure: str
    copies: tuple[tuple[str, str, str], ...]


@attrs.frozen(kw_only=True)
class MeasureCompleted:
    """A measure was done, with evidence of completion."""

    at: datetime
    by: str
    measure: str
    evidence: str


@attrs.frozen(kw_only=True)
class ExtensionRequested:
    """A measure's owner asked, before the deadline, to move it to ``until``."""

    at: datetime
    by: str
    measure: str
    until: date
    reason: str


@attrs.frozen(kw_only=True)
class ExtensionApproved:
    """The owner's superior moved a measure's deadline, before it had passed."""

    at: datetime
    by: str
    measure: str
    until: date


@attrs.frozen(kw_only=True)
class ProblemVerified:
    """Someone other than the measures' owners checked that the problem is fixed (督查)."""

    at: datetime
    by: str
    problem: str
    note: str


@attrs.frozen(kw_only=True)
class OpinionAnswered:
    """The source of an opinion got its answer (回音): by letter, call, visit or notice."""

    at: datetime
    by: str
    opinion: str
    mode: AnswerMode
    summary: str


@attrs.frozen(kw_only=True)
class SatisfactionRecorded:
    """A complainant said, after the answer, whether they are satisfied (回访)."""

    at: datetime
    by: str
    opinion: str
    satisfied: bool


@attrs.frozen(kw_only=True)
class ProblemClosed:
    """A problem was closed (销号): verified, every source answered, complainants satisfied."""

    at: datetime
    by: str
    problem: str


@attrs.frozen(kw_only=True)
class ProblemReopened:
    """A verified or closed problem was reopened (an unsatisfied complainant, a relapse)."""

    at: datetime
    by: str
    problem: str
    reason: str


@attrs.frozen(kw_only=True)
class CalendarAdopted:
    """A calendar that knows more years (a newly published holiday schedule) replaced the
    one in force; provisional deadlines were counted again with it."""

    at: datetime
    by: str
    calendar: WorkCalendar


@attrs.frozen(kw_only=True)
class StageReportFiled:
    """The report closing a stage (阶段总结暨转段报告) was filed."""

    at: datetime
    by: str
    stage: str
    report: StageReport


@attrs.frozen(kw_only=True)
class StageAdvanced:
    """The campaign moved to the next stage (转段).

    ``overran_by`` is how many days after the closed stage's window the move came (0 when
    within it): a missed window is recorded, never silently accepted.
    """

    at: datetime
    by: str
    closed: str
    opened: str
    overran_by: int = 0


@attrs.frozen(kw_only=True)
class CampaignConcluded:
    """The last stage closed; the campaign accepts no further commands."""

    at: datetime
    by: str
    closed: str
    overran_by: int = 0


Event = (
    CampaignLaunched
    | ActivityHeld
    | SelfInspectionSubmitted
    | OpinionReceived
    | ProblemRecorded
    | OpinionsMerged
    | ProblemAssigned
    | MeasureAdded
    | MeasureExtended
    | MeasureCompleted
    | ExtensionRequested
    | ExtensionApproved
    | ProblemVerified
    | OpinionAnswered
    | SatisfactionRecorded
    | ProblemClosed
    | ProblemReopened
    | StageReportFiled
    | StageAdvanced
    | CampaignConcluded
    | CalendarAdopted
)
"""Any campaign event."""

EVENT_TYPES: tuple[type, ...] = Event.__args__


# Events are written with their class name, {"event": "ProblemRecorded", ...}, so a log of
# mixed events loads back into the right classes.
register_tagged_union(
    Event, "event", lambda: {cls.__name__: cls for cls in EVENT_TYPES}, tag_members=True
)
