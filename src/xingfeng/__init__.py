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
from xingfeng.duties import Duty, DutyGraph
from xingfeng.exceptions import (
    CalendarCoverageError,
    Defect,
    InvalidArgument,
    InvalidDefinition,
    LoadError,
    UnknownReference,
    XingfengError,
)
from xingfeng.organization import Organization, Person, Post, Posting, Supervision, Unit, UnitKind
from xingfeng.responsibility import (
    Assignment,
    Liability,
    LiabilityKind,
    LiabilityPolicy,
    ResponsibilityChain,
)
from xingfeng.serialization import from_json, structure, to_json, unstructure

__all__ = [
    "DEFAULT_ZONE",
    "Anchor",
    "Assignment",
    "Cadence",
    "CalendarCoverageError",
    "Defect",
    "Duty",
    "DutyGraph",
    "Frequency",
    "Holiday",
    "InvalidArgument",
    "InvalidDefinition",
    "Liability",
    "LiabilityKind",
    "LiabilityPolicy",
    "LimitUnit",
    "LoadError",
    "Occurrence",
    "Organization",
    "OutsidePolicy",
    "Person",
    "Post",
    "Posting",
    "ResponsibilityChain",
    "Roll",
    "Supervision",
    "TimeLimit",
    "Unit",
    "UnitKind",
    "UnknownReference",
    "WorkCalendar",
    "XingfengError",
    "YearSchedule",
    "from_json",
    "parse_schedules",
    "structure",
    "to_json",
    "unstructure",
]

__version__ = "0.1.0.dev0"
