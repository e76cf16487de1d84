"""The organisation room: units, people and posts, the responsibility chain (一级抓一级) and duties.

Imports the calendar room and the ground floor only.
"""

from xingfeng.organization.duties import (
    Duty,
    DutyGraph,
)
from xingfeng.organization.responsibility import (
    Assignment,
    Liability,
    LiabilityKind,
    LiabilityPolicy,
    ResponsibilityChain,
)
from xingfeng.organization.units import (
    Organization,
    Person,
    Post,
    Posting,
    Supervision,
    Unit,
    UnitKind,
)

__all__ = [
    "Assignment",
    "Duty",
    "DutyGraph",
    "Liability",
    "LiabilityKind",
    "LiabilityPolicy",
    "Organization",
    "Person",
    "Post",
    "Posting",
    "ResponsibilityChain",
    "Supervision",
    "Unit",
    "UnitKind",
]
