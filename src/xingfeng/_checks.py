"""Argument checks shared by the modules: each raises :class:`InvalidArgument` on refusal."""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, TypeVar

import attrs
import pendulum

from xingfeng.exceptions import InvalidArgument

DEFAULT_ZONE = "Asia/Shanghai"


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """attrs converter: any iterable to a tuple (typed loosely so call sites accept lists)."""
    return tuple(value)


def to_frozenset(value: Iterable[Any]) -> frozenset[Any]:
    """attrs converter: any iterable to a frozenset (typed loosely so call sites accept sets)."""
    return frozenset(value)


def is_a(value: object, kind: type) -> bool:
    """``isinstance`` for a typed field: annotations do not stop a caller passing anything."""
    return isinstance(value, kind)


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


def text(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    """attrs validator: a non-empty string."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidArgument(attribute.name, value, "a non-empty string")


def optional_text(_instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    """attrs validator: ``None`` or a non-empty string."""
    if value is not None:
        text(_instance, attribute, value)  # type: ignore[arg-type]


def texts(_instance: object, attribute: attrs.Attribute[frozenset[str]], value: object) -> None:
    """attrs validator: a collection of non-empty strings."""
    for item in value:  # type: ignore[attr-defined]
        if not isinstance(item, str) or not item.strip():
            raise InvalidArgument(attribute.name, value, "non-empty strings")


T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)


def instance_of(kind: type[T]) -> Callable[[object, attrs.Attribute[T], T], None]:
    """attrs validator: an instance of ``kind`` (``bool`` is not accepted for ``int``)."""

    def check(_instance: object, attribute: attrs.Attribute[T], value: T) -> None:
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise InvalidArgument(attribute.name, value, f"a {kind.__name__}")

    return check


def member_of(kind: type[E]) -> Callable[[object, attrs.Attribute[E], E], None]:
    """attrs validator: a member of the enum ``kind``."""

    def check(_instance: object, attribute: attrs.Attribute[E], value: E) -> None:
        if not isinstance(value, kind):
            names = ", ".join(f"{kind.__name__}.{m.name}" for m in kind)
            raise InvalidArgument(attribute.name, value, f"one of {names}")

    return check
