"""The calendar room: working days, time limits and cadences.

The ground every deadline stands on: which days are working days in mainland China
(:mod:`~xingfeng.calendar.workdays`), the limits counted on them and the deadlines they give
(:mod:`~xingfeng.calendar.limits`), and the recurring rhythms of a campaign
(:mod:`~xingfeng.calendar.cadences`).  Imports only the ground floor.
"""

from xingfeng.calendar.cadences import Anchor, Cadence, Frequency, Occurrence, Roll
from xingfeng.calendar.limits import (
    Deadline,
    LimitUnit,
    TimeLimit,
    add_months,
    chinese_date,
    mark_provisional,
)
from xingfeng.calendar.workdays import (
    DEFAULT_ZONE,
    Holiday,
    OutsidePolicy,
    WorkCalendar,
    YearSchedule,
    parse_schedules,
    years_text,
)

__all__ = [
    "DEFAULT_ZONE",
    "Anchor",
    "Cadence",
    "Deadline",
    "Frequency",
    "Holiday",
    "LimitUnit",
    "Occurrence",
    "OutsidePolicy",
    "Roll",
    "TimeLimit",
    "WorkCalendar",
    "YearSchedule",
    "add_months",
    "chinese_date",
    "mark_provisional",
    "parse_schedules",
    "years_text",
]
