"""What happened in a campaign: one past-tense event per accepted command.

The campaign's own events are here; the problem loop's (opinions, problems, measures …) are
in :mod:`xingfeng.rectification.events` and re-exported, and :data:`Event` is any of both.
Every event carries the moment it happened (``at``, timezone-aware) and the acting person
(``by``).  A campaign's state is the fold of its events: :meth:`xingfeng.Campaign.replay`
rebuilds an equal campaign from them, and they serialize with :mod:`xingfeng.serialization`
(each as ``{"event": "ProblemRecorded", ...}`` inside an event log).
"""

from __future__ import annotations

from datetime import datetime

import attrs

from xingfeng.calendar import WorkCalendar
from xingfeng.campaign.plan import CampaignPlan
from xingfeng.campaign.stages import StageReport
from xingfeng.rectification.events import (
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
)
from xingfeng.serialization import register_tagged_union

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
    "OpinionVerdictGiven",
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
    | OpinionVerdictGiven
)
"""Any campaign event."""

EVENT_TYPES: tuple[type, ...] = Event.__args__


# Events are written with their class name, {"event": "ProblemRecorded", ...}, so a log of
# mixed events loads back into the right classes.
register_tagged_union(
    Event, "event", {cls.__name__: cls for cls in EVENT_TYPES}, tag_members=True, versioned=True
)
