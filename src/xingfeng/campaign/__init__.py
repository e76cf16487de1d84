"""The campaign room: the plan (实施方案), stages and their gates, the campaign's events and the
:class:`~xingfeng.Campaign` aggregate that records them.

Imports only the rooms below it; the problem loop is reached through its public interface.
"""

from xingfeng.campaign.aggregate import (
    Campaign,
)
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
from xingfeng.campaign.gates import (
    AllActivitiesHeld,
    AllSectionsInspected,
    EveryProblemHasMeasure,
    Gate,
    NoMeasureOverdue,
    StageReported,
    register_gate,
)
from xingfeng.campaign.plan import (
    CampaignPlan,
)
from xingfeng.campaign.stages import (
    Activity,
    ActivityKind,
    Stage,
    StageReport,
    StageTemplate,
    TemplateStage,
)

__all__ = [
    "Activity",
    "ActivityHeld",
    "ActivityKind",
    "AllActivitiesHeld",
    "AllSectionsInspected",
    "CalendarAdopted",
    "Campaign",
    "CampaignConcluded",
    "CampaignLaunched",
    "CampaignPlan",
    "Event",
    "EveryProblemHasMeasure",
    "ExtensionApproved",
    "ExtensionRequested",
    "Gate",
    "MeasureAdded",
    "MeasureCompleted",
    "MeasureExtended",
    "NoMeasureOverdue",
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
    "Stage",
    "StageAdvanced",
    "StageReport",
    "StageReportFiled",
    "StageReported",
    "StageTemplate",
    "TemplateStage",
    "register_gate",
]
