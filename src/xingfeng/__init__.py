"""xingfeng (行风): the domain core of appraisal campaigns of Chinese public bodies.

Everything a user needs is importable from here; the submodules behind it are
implementation detail unless documented.
"""

from xingfeng.calendar import (
    DEFAULT_ZONE,
    Anchor,
    Cadence,
    Frequency,
    Holiday,
    LimitUnit,
    Occurrence,
    OutsidePolicy,
    Roll,
    TimeLimit,
    WorkCalendar,
    YearSchedule,
    parse_schedules,
)
from xingfeng.campaign import Campaign
from xingfeng.duties import Duty, DutyGraph
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
    CalendarCoverageError,
    CommandRefused,
    Defect,
    GateFailure,
    GateNotMet,
    InvalidArgument,
    InvalidDefinition,
    LoadError,
    UnknownReference,
    XingfengError,
)
from xingfeng.gates import (
    AllActivitiesHeld,
    AllSectionsInspected,
    EveryProblemHasMeasure,
    Gate,
    NoMeasureOverdue,
    StageReported,
    register_gate,
)
from xingfeng.goals import RankGoal, RateGoal
from xingfeng.measures import Measure
from xingfeng.organization import Organization, Person, Post, Posting, Supervision, Unit, UnitKind
from xingfeng.plan import CampaignPlan
from xingfeng.problems import Problem
from xingfeng.responsibility import (
    Assignment,
    Liability,
    LiabilityKind,
    LiabilityPolicy,
    ResponsibilityChain,
)
from xingfeng.serialization import from_json, structure, to_json, unstructure
from xingfeng.stages import (
    Activity,
    ActivityKind,
    Stage,
    StageReport,
    StageTemplate,
    TemplateStage,
)

__all__ = [
    "DEFAULT_ZONE",
    "Activity",
    "ActivityHeld",
    "ActivityKind",
    "AllActivitiesHeld",
    "AllSectionsInspected",
    "Anchor",
    "Assignment",
    "Cadence",
    "CalendarCoverageError",
    "Campaign",
    "CampaignConcluded",
    "CampaignLaunched",
    "CampaignPlan",
    "CommandRefused",
    "Defect",
    "Duty",
    "DutyGraph",
    "Event",
    "EveryProblemHasMeasure",
    "ExtensionApproved",
    "Frequency",
    "Gate",
    "GateFailure",
    "GateNotMet",
    "Holiday",
    "InvalidArgument",
    "InvalidDefinition",
    "Liability",
    "LiabilityKind",
    "LiabilityPolicy",
    "LimitUnit",
    "LoadError",
    "Measure",
    "MeasureAdded",
    "MeasureCompleted",
    "NoMeasureOverdue",
    "Occurrence",
    "Organization",
    "OutsidePolicy",
    "Person",
    "Post",
    "Posting",
    "Problem",
    "ProblemRecorded",
    "RankGoal",
    "RateGoal",
    "ResponsibilityChain",
    "Roll",
    "SelfInspectionSubmitted",
    "Stage",
    "StageAdvanced",
    "StageReport",
    "StageReportFiled",
    "StageReported",
    "StageTemplate",
    "Supervision",
    "TemplateStage",
    "TimeLimit",
    "Unit",
    "UnitKind",
    "UnknownReference",
    "WorkCalendar",
    "XingfengError",
    "YearSchedule",
    "from_json",
    "parse_schedules",
    "register_gate",
    "structure",
    "to_json",
    "unstructure",
]

__version__ = "0.1.0.dev0"
