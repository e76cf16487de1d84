"""What happened in a campaign: one past-tense event per accepted command.

Every event carries the moment it happened (``at``, timezone-aware) and the acting person
(``by``).  A campaign's state is the fold of its events: :meth:`xingfeng.Campaign.replay`
rebuilds an equal campaign from them, and they serialize with :mod:`xingfeng.serialization`
(each as ``{"event": "ProblemRecorded", ...}`` inside an event log).
"""

from __future__ import annotations

from datetime import date, datetime

import attrs

from xingfeng.plan import CampaignPlan
from xingfeng.stages import StageReport

__all__ = [
    "ActivityHeld",
    "CampaignConcluded",
    "CampaignLaunched",
    "Event",
    "ExtensionApproved",
    "MeasureAdded",
    "MeasureCompleted",
    "ProblemRecorded",
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
class ProblemRecorded:
    """A problem was recorded against a unit."""

    at: datetime
    by: str
    problem: str
    unit: str
    title: str


@attrs.frozen(kw_only=True)
class MeasureAdded:
    """A rectification measure was set for a problem, with an owner and a deadline."""

    at: datetime
    by: str
    measure: str
    problem: str
    title: str
    owner: str
    due: date


@attrs.frozen(kw_only=True)
class MeasureCompleted:
    """A measure was done, with evidence of completion."""

    at: datetime
    by: str
    measure: str
    evidence: str


@attrs.frozen(kw_only=True)
class ExtensionApproved:
    """The owner's superior moved a measure's deadline, before it had passed."""

    at: datetime
    by: str
    measure: str
    until: date


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
    | ProblemRecorded
    | MeasureAdded
    | MeasureCompleted
    | ExtensionApproved
    | StageReportFiled
    | StageAdvanced
    | CampaignConcluded
)
"""Any campaign event."""

EVENT_TYPES: tuple[type, ...] = Event.__args__
