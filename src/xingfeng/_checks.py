"""Argument checks shared by the modules: each raises :class:`InvalidArgument` on refusal."""

from __future__ import annotations

import functools
from datetime import date, datetime

import pendulum

from xingfeng.exceptions import InvalidArgument

DEFAULT_ZONE = "Asia/Shanghai"


def require_date(name: str, value: object) -> date:
    """Return ``value`` if it is a calendar date (a ``datetime`` is not one)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    raise InvalidArgument(name, value, "a datetime.date (not a datetime), e.g. date(2026, 5, 6)")


def require_int(name: str, value: object) -> int:
    """Return ``value`` if it is an ``int`` (``bool`` is refused)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise InvalidArgument(name, value, "an int")


@functools.cache
def timezone(name: str) -> pendulum.Timezone | pendulum.FixedTimezone:
    """The pendulum zone called ``name``, looked up once (a lookup costs microseconds)."""
    return pendulum.timezone(name)


def require_zone(name: str, value: object) -> str:
    """Return ``value`` if it names an IANA time zone, such as ``"Asia/Shanghai"``."""
    if isinstance(value, str):
        try:
            timezone(value)
        except Exception:  # pendulum raises several types for unknown names
            pass
        else:
            return value
    raise InvalidArgument(name, value, 'an IANA time zone name such as "Asia/Shanghai"')


def as_moment(value: object, *, zone: str = DEFAULT_ZONE, name: str = "at") -> pendulum.DateTime:
    """Return ``value`` as a pendulum ``DateTime`` in ``zone``.

    Naive datetimes are refused: a moment without a zone is ambiguous, and guessing one is
    how deadlines end up eight hours off.
    """
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise InvalidArgument(
            name,
            value,
            "a timezone-aware datetime, e.g. pendulum.datetime(2026, 5, 6, 9, tz='Asia/Shanghai')",
        )
    tz = timezone(zone)
    if value.tzinfo is tz and isinstance(value, pendulum.DateTime):
        return value
    return pendulum.instance(value.astimezone(tz))
