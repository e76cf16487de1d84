"""The reports room: the stage report (转段报告) and the circular (通报) as structured documents,
and breakdown checks (R20).  The top floor: nothing in the library imports it.
"""

from xingfeng.reports.breakdown import (
    Breakdown,
    Mismatch,
    check_breakdown,
)
from xingfeng.reports.documents import (
    Report,
    Section,
    Table,
    TransitionReport,
    chinese_numeral,
    circular,
    stage_report,
)

__all__ = [
    "Breakdown",
    "Mismatch",
    "Report",
    "Section",
    "Table",
    "TransitionReport",
    "check_breakdown",
    "chinese_numeral",
    "circular",
    "stage_report",
]
