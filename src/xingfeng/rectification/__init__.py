"""The rectification room: the closed loop 问题 → 措施 → 督查 → 回音 → 销号.

Opinions and their sources, categories and consolidation (归类), problems, measures and
their dependencies, answer obligations, priority, the loop's events and its state
(:mod:`~xingfeng.rectification.loop`), and the ledger (台账) made from a narrow view of it.
Imports only the rooms below it.
"""

from xingfeng.rectification.answers import (
    AnswerPolicy,
    DueItem,
)
from xingfeng.rectification.categories import (
    Category,
    Taxonomy,
)
from xingfeng.rectification.consolidation import (
    ConsolidatedItem,
    Consolidation,
    consolidate,
    group_by,
)
from xingfeng.rectification.dependencies import (
    MeasureGraph,
    ScheduleConflict,
)
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
from xingfeng.rectification.ledger import (
    Ledger,
    LedgerSource,
    MeasureRow,
    ProblemRow,
    ResponsibilityRow,
)
from xingfeng.rectification.loop import (
    Handler,
    LoopSettings,
    Rectification,
)
from xingfeng.rectification.measures import (
    Measure,
    MeasureKind,
    latest_deadlines,
    problem_deadlines,
)
from xingfeng.rectification.priority import (
    Principle,
    PriorityKey,
    PriorityPolicy,
    prioritize,
    priority_key,
)
from xingfeng.rectification.problems import (
    Difficulty,
    Problem,
    ProblemState,
    Severity,
    Urgency,
)
from xingfeng.rectification.sources import (
    AnswerMode,
    Complaint,
    Opinion,
    Source,
)

__all__ = [
    "AnswerMode",
    "AnswerPolicy",
    "Category",
    "Complaint",
    "ConsolidatedItem",
    "Consolidation",
    "Difficulty",
    "DueItem",
    "ExtensionApproved",
    "ExtensionRequested",
    "Handler",
    "Ledger",
    "LedgerSource",
    "LoopSettings",
    "Measure",
    "MeasureAdded",
    "MeasureCompleted",
    "MeasureExtended",
    "MeasureGraph",
    "MeasureKind",
    "MeasureRow",
    "Opinion",
    "OpinionAnswered",
    "OpinionReceived",
    "OpinionVerdictGiven",
    "OpinionsMerged",
    "Principle",
    "PriorityKey",
    "PriorityPolicy",
    "Problem",
    "ProblemAssigned",
    "ProblemClosed",
    "ProblemRecorded",
    "ProblemReopened",
    "ProblemRow",
    "ProblemState",
    "ProblemVerified",
    "Rectification",
    "ResponsibilityRow",
    "SatisfactionRecorded",
    "ScheduleConflict",
    "Severity",
    "Source",
    "Taxonomy",
    "Urgency",
    "consolidate",
    "group_by",
    "latest_deadlines",
    "prioritize",
    "priority_key",
    "problem_deadlines",
]
