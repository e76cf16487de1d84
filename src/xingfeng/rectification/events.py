"""What happened in the problem loop: one past-tense event per accepted command.

Every event carries the moment it happened (``at``, timezone-aware) and the acting person
(``by``).  The loop (:class:`~xingfeng.rectification.loop.Rectification`) owns these events
and their handlers; the campaign records them in its one log
(:data:`xingfeng.campaign.events.Event`).
"""

from __future__ import annotations

from datetime import date, datetime

import attrs

from xingfeng.calendar import TimeLimit
from xingfeng.obligations import Verdict
from xingfeng.rectification.measures import MeasureKind
from xingfeng.rectification.problems import Difficulty, Severity, Urgency
from xingfeng.rectification.sources import AnswerMode, Opinion

__all__ = [
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
]


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
class OpinionVerdictGiven:
    """What a complaint said was found 属实, 部分属实 or 不属实 (R6: only a true complaint is
    held against the unit, whatever problem it was merged into)."""

    at: datetime
    by: str
    opinion: str
    verdict: Verdict
