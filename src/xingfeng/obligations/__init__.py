"""The obligations room: obligations as clocks, regimes as data, and work items (办件).

A :class:`~xingfeng.obligations.clock.Clock` is one obligation's time; a
:class:`~xingfeng.obligations.regime.Regime` is the published scheme a host works under
(12345, 信访, 政府信息公开, 人大代表建议 …), built from configuration and checked when built.
Imports the calendar and organisation rooms and the ground floor only.
"""

from xingfeng.obligations.clock import Clock, ClockRule, Extension, Pause
from xingfeng.obligations.regime import (
    ExtensionRule,
    LimitRule,
    Regime,
    ReviewWindow,
    StartEvent,
    did_you_mean,
    parse_limit,
)

__all__ = [
    "Clock",
    "ClockRule",
    "Extension",
    "ExtensionRule",
    "LimitRule",
    "Pause",
    "Regime",
    "ReviewWindow",
    "StartEvent",
    "did_you_mean",
    "parse_limit",
]
