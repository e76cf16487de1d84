"""Answer obligations (回音): how soon each opinion must be answered, and repeated complaints.

Every complaint and opinion gets an answer, by letter, call or visit (R10: 事事有回音，件件有
着落).  How soon is configuration: a default limit, and limits per complaint channel or per
source (``"95598"``, ``"12345"``, ``"rater"`` …).  Late handling must never produce a repeated
complaint: a second complaint by the same complainant about the same matter (same unit and
category) within ``repeat_window`` days is flagged as repeated (重复投诉); a complaint
without a category is never a repeat, as nothing says it is about the same matter.

>>> from xingfeng.calendar import TimeLimit
>>> policy = AnswerPolicy(channels={"95598": TimeLimit.working_days(5)})
>>> policy.limit_for(source="complaint", channel="95598").label
'5个工作日'
>>> policy.limit_for(source="rater").label
'15个工作日'
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, NamedTuple

import attrs

from xingfeng._checks import int_at_least
from xingfeng.calendar import Deadline, TimeLimit, WorkCalendar, mark_provisional
from xingfeng.exceptions import InvalidArgument
from xingfeng.obligations import did_you_mean
from xingfeng.rectification.sources import Source

__all__ = ["AnswerPolicy", "DueItem"]

_SOURCES = frozenset(source.value for source in Source)


def _limits(value: object) -> Mapping[str, TimeLimit]:
    if not isinstance(value, Mapping):
        return value  # type: ignore[return-value]  # the validator refuses it by name
    return MappingProxyType(dict(value))


def _check_limits(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Mapping):
        raise InvalidArgument(
            attribute.name,
            value,
            '渠道到 TimeLimit（时限）的映射，如 {"95598": ...}',
            english='a mapping of channels to TimeLimits, e.g. {"95598": ...}',
        )
    for key, limit in value.items():
        if not isinstance(key, str) or not key.strip():
            raise InvalidArgument(
                attribute.name,
                key,
                "非空的渠道名或来源名",
                english="a non-empty channel or source name",
            )
        if not isinstance(limit, TimeLimit):
            raise InvalidArgument(
                f"{attribute.name}[{key!r}]", limit, "TimeLimit（时限）", english="a TimeLimit"
            )


def _time_limit(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, TimeLimit):
        raise InvalidArgument(
            attribute.name,
            value,
            "TimeLimit（时限），如 TimeLimit.working_days(15)",
            english="a TimeLimit, e.g. TimeLimit.working_days(15)",
        )


@attrs.frozen(kw_only=True)
class AnswerPolicy:
    """Time limits for answers, and the window in which a complaint counts as repeated.

    ``channels`` maps a complaint channel (``"95598"``) or a source value (``"rater"``) to
    its limit; a channel's limit wins over its source's; ``default`` covers the rest.  The
    limit counts from the moment the opinion was received.
    """

    default: TimeLimit = attrs.field(
        factory=lambda: TimeLimit.working_days(15), validator=_time_limit
    )
    channels: Mapping[str, TimeLimit] = attrs.field(
        factory=dict, converter=_limits, validator=_check_limits, hash=False
    )
    repeat_window: int = attrs.field(default=30, validator=int_at_least(1))

    def limit_for(self, *, source: str, channel: str | None = None) -> TimeLimit:
        """The limit for an opinion from ``source`` (a :class:`~xingfeng.Source` value),
        received through ``channel`` if it is a complaint.  An unknown source is refused with
        the known ones: a misspelt source would silently get the default limit."""
        if source not in _SOURCES:
            hint = did_you_mean(source, sorted(_SOURCES))
            raise InvalidArgument(
                "source",
                source,
                f"以下之一：{sorted(_SOURCES)}{hint}",
                english=f"one of {sorted(_SOURCES)}{hint}",
            )
        if channel is not None and channel in self.channels:
            return self.channels[channel]
        return self.channels.get(source, self.default)

    def answer_due(
        self,
        received_at: datetime,
        calendar: WorkCalendar,
        *,
        source: str,
        channel: str | None = None,
    ) -> date:
        """The last day on which an answer is on time.

        Raises :class:`~xingfeng.CalendarCoverageError` when the count needs a year the
        calendar does not know; :meth:`answer_deadline` counts provisionally instead.
        """
        return self.limit_for(source=source, channel=channel).last_day(
            from_=received_at, calendar=calendar
        )

    def answer_deadline(
        self,
        received_at: datetime,
        calendar: WorkCalendar,
        *,
        source: str,
        channel: str | None = None,
    ) -> Deadline:
        """The last day on which an answer is on time, provisional (暂定) when it was counted
        through a year whose holiday schedule ``calendar`` does not know."""
        return self.limit_for(source=source, channel=channel).deadline(
            from_=received_at, calendar=calendar
        )


class DueItem(NamedTuple):
    """Something that must be done by a day: a measure, or the answer to an opinion.

    ``kind`` is ``"measure"`` or ``"answer"``; ``id`` the measure or opinion id; ``owner`` who
    answers for it (the measure's owner, or the owner of the problem the opinion was merged
    into, if any).  ``provisional`` says the day was counted through a year whose holiday
    schedule is not yet known (see :class:`~xingfeng.Deadline`).  A plain row (a named
    tuple), ordered by day, kind and id, because a query may return half a million of them.
    """

    due: date
    kind: str
    id: str
    unit: str
    owner: str | None
    provisional: bool = False

    @property
    def due_label(self) -> str:
        """The day as printed: ``"2027-01-01（暂定）"`` when provisional."""
        return mark_provisional(self.due, self.provisional)
