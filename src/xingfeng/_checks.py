"""Argument checks shared by the modules: each raises :class:`InvalidArgument` on refusal."""

from __future__ import annotations

import difflib
import enum
import functools
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from datetime import timezone as dt_timezone
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, TypeGuard, TypeVar
from zoneinfo import ZoneInfo

import attrs
import pendulum

from xingfeng.exceptions import CommandRefused, InvalidArgument, shown, spaced

DEFAULT_ZONE = "Asia/Shanghai"


class _LabelledType(enum.EnumType):
    def __call__(cls, value: Any, *args: Any, **kwargs: Any) -> Any:
        # A lookup by value: the member, or the library's refusal.  Enum's own lookup
        # formats the value first, which fails for an int of 5,000 digits.
        if args or kwargs:
            return super().__call__(value, *args, **kwargs)
        klass: Any = cls  # an enum class: mypy reads the metaclass's cls as the metaclass
        if isinstance(value, klass):
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            return cls._missing_(value)  # type: ignore[attr-defined]


class LabelledEnum(enum.Enum, metaclass=_LabelledType):
    """An enum whose members carry the Chinese label users see: ``LIGHT = "light", "轻微"``.

    The first item is the value (what is stored and serialized), the second the label.
    """

    _label: str

    def __new__(cls, value: str, label: str) -> LabelledEnum:
        member = object.__new__(cls)
        member._value_ = value
        member._label = label
        return member

    @property
    def label(self) -> str:
        """The Chinese name, as documents print it."""
        return self._label

    @classmethod
    def _missing_(cls, value: object) -> LabelledEnum:
        # A value no member has: the library's refusal, with the values that would do.
        values = [str(member.value) for member in cls]
        close = (
            difflib.get_close_matches(value, values, n=1, cutoff=0.5)
            if isinstance(value, str)
            else []
        )
        hint = f"（是否要写 {close[0]!r}？）" if close else ""
        raise InvalidArgument(
            cls.__name__, value, f"以下之一：{values}{hint}", english=f"one of {values}"
        )


_ALWAYS_AWARE = (ZoneInfo, dt_timezone, pendulum.Timezone, pendulum.FixedTimezone)


def _is_collection(value: object) -> bool:
    # A string is iterable, but "service" meaning {"s", "e", …} is never what was meant.
    return isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping)


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """attrs converter: a collection to a tuple.

    Anything else (a string, ``None``) passes through unchanged for the field's validator
    (:func:`require_collection`) to refuse by name.
    """
    return tuple(value) if _is_collection(value) else value  # type: ignore[return-value]


def to_frozenset(value: Iterable[Any]) -> frozenset[Any]:
    """attrs converter: a collection to a frozenset; anything else passes through.

    A collection with an unhashable item (a list in a list) passes through as well, for the
    field's validator to refuse by name.
    """
    if not _is_collection(value):
        return value  # type: ignore[return-value]
    try:
        return frozenset(value)
    except TypeError:  # an unhashable item: the validator names the field and refuses it
        return value  # type: ignore[return-value]


def require_collection(name: str, value: object) -> None:
    """Refuse anything but a tuple or frozenset (what the converters make of a collection)."""
    if not isinstance(value, tuple | frozenset):
        raise InvalidArgument(
            name,
            value,
            "list、tuple 或 set（不是字符串）",
            english="a list, tuple or set (not a string)",
        )


def items_of(kind: type | tuple[type, ...]) -> Callable[[object, attrs.Attribute[Any], Any], None]:
    """attrs validator: every item of a collection is a ``kind``."""
    names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)

    def check(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        require_collection(attribute.name, value)
        for item in value:
            if not isinstance(item, kind) or (isinstance(item, bool) and kind is int):
                raise InvalidArgument(
                    attribute.name, item, f"每一项都是 {names}", english=f"a {names} in each place"
                )

    return check


def is_a(value: object, kind: type) -> bool:
    """``isinstance`` for a typed field: annotations do not stop a caller passing anything."""
    return isinstance(value, kind)


def is_plain_date(value: object) -> TypeGuard[date]:
    """Whether ``value`` is a calendar date (a ``datetime`` is not one)."""
    return isinstance(value, date) and not isinstance(value, datetime)


def is_aware(value: object) -> TypeGuard[datetime]:
    """Whether ``value`` is a timezone-aware datetime."""
    if not isinstance(value, datetime):
        return False
    # These zones always give an offset; asking them costs a microsecond per event.
    return type(value.tzinfo) in _ALWAYS_AWARE or value.utcoffset() is not None


def require_date(name: str, value: object) -> date:
    """Return ``value`` if it is a calendar date (a ``datetime`` is not one)."""
    if is_plain_date(value):
        return value
    raise InvalidArgument(
        name,
        value,
        "datetime.date 日期（不是 datetime），如 date(2026, 5, 6)",
        english="a datetime.date (not a datetime), e.g. date(2026, 5, 6)",
    )


def plain_date(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: a calendar date, not a datetime."""
    require_date(attribute.name, value)


def optional_date(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: ``None`` or a calendar date."""
    if value is not None:
        require_date(attribute.name, value)


def moment(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: a timezone-aware datetime."""
    if not is_aware(value):
        raise InvalidArgument(
            attribute.name,
            value,
            "带时区的 datetime",
            english="a timezone-aware datetime",
        )


def optional_moment(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: ``None`` or a timezone-aware datetime."""
    if value is not None:
        moment(_instance, attribute, value)


def optional_instance(kind: type) -> Callable[[object, attrs.Attribute[Any], Any], None]:
    """attrs validator: ``None`` or an instance of ``kind``."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and not isinstance(value, kind):
            raise InvalidArgument(
                attribute.name,
                value,
                f"None 或 {kind.__name__}",
                english=f"None or a {kind.__name__}",
            )

    return check


def require_int(name: str, value: object) -> int:
    """Return ``value`` if it is an ``int`` (``bool`` is refused)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise InvalidArgument(name, value, "整数（int）", english="an int")


@functools.cache
def timezone(name: str) -> pendulum.Timezone | pendulum.FixedTimezone:
    """The pendulum zone called ``name``, looked up once (a lookup costs microseconds)."""
    return pendulum.timezone(name)


@functools.cache
def _zoneinfo(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_date(at: datetime, zone: str) -> date:
    """The calendar day of the aware moment ``at`` in ``zone``.

    Stdlib arithmetic, five times cheaper than pendulum's, for paths that run per event.
    """
    tz = _zoneinfo(zone)
    if at.tzinfo is tz:  # already in the zone (ZoneInfo objects are shared per name)
        return at.date()
    local = at.astimezone(tz)
    return date(local.year, local.month, local.day)


def day_start(day: date, zone: str) -> datetime:
    """The first moment of ``day`` in ``zone``, as an aware stdlib datetime."""
    return datetime(day.year, day.month, day.day, tzinfo=_zoneinfo(zone))


def require_zone(name: str, value: object) -> str:
    """Return ``value`` if it names an IANA time zone, such as ``"Asia/Shanghai"``."""
    if isinstance(value, str):
        try:
            timezone(value)
        except Exception:  # pendulum raises several types for unknown names
            pass
        else:
            return value
    raise InvalidArgument(
        name,
        value,
        'IANA 时区名，如 "Asia/Shanghai"',
        english='an IANA time zone name such as "Asia/Shanghai"',
    )


def as_moment(value: object, *, zone: str = DEFAULT_ZONE, name: str = "at") -> pendulum.DateTime:
    """Return ``value`` as a pendulum ``DateTime`` in ``zone``.

    Naive datetimes are refused: a moment without a zone is ambiguous, and guessing one is
    how deadlines end up eight hours off.
    """
    if not is_aware(value):
        raise InvalidArgument(
            name,
            value,
            "带时区的 datetime，如 pendulum.datetime(2026, 5, 6, 9, tz='Asia/Shanghai')",
            english=(
                "a timezone-aware datetime, e.g. pendulum.datetime(2026, 5, 6, 9, "
                "tz='Asia/Shanghai')"
            ),
        )
    tz = timezone(zone)
    if value.tzinfo is tz and isinstance(value, pendulum.DateTime):
        return value
    return pendulum.instance(value.astimezone(tz))


def text(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    """attrs validator: a non-empty string."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidArgument(attribute.name, value, "非空文字", english="a non-empty string")


def is_text(value: object) -> bool:
    """Whether ``value`` is a string with something in it besides whitespace."""
    return isinstance(value, str) and bool(value) and not value.isspace()


def require_text(command: str, name: str, value: object) -> None:
    """Refuse ``command`` unless its ``name`` is a non-empty string (the commands' check,
    a :class:`~xingfeng.CommandRefused`; :func:`text` is the attrs validators')."""
    if type(value) is str and value and not value.isspace():
        return  # the common case, checked without a further call
    if not is_text(value):
        raise CommandRefused(
            command,
            f"{name}={shown(value)} 不是非空文字",
            value,
            expected="非空文字",
            code="command-refused.invalid",
            english=f"{name}={shown(value)} must be a non-empty string",
        )


def optional_text(_instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    """attrs validator: ``None`` or a non-empty string."""
    if value is not None:
        text(_instance, attribute, value)  # type: ignore[arg-type]


def texts(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: a collection of non-empty strings."""
    if not _is_collection(value):
        require_collection(attribute.name, value)
    for item in value:  # type: ignore[attr-defined]
        if not isinstance(item, str) or not item.strip():
            raise InvalidArgument(
                attribute.name, value, "一组非空文字", english="non-empty strings"
            )
    require_collection(attribute.name, value)


T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)


def instance_of(kind: type[T]) -> Callable[[object, attrs.Attribute[T], T], None]:
    """attrs validator: an instance of ``kind`` (``bool`` is not accepted for ``int``)."""

    def check(_instance: object, attribute: attrs.Attribute[T], value: T) -> None:
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise InvalidArgument(
                attribute.name, value, f"{kind.__name__}", english=f"a {kind.__name__}"
            )

    return check


def member_of(kind: type[E]) -> Callable[[object, attrs.Attribute[E], E], None]:
    """attrs validator: a member of the enum ``kind``."""

    def check(_instance: object, attribute: attrs.Attribute[E], value: E) -> None:
        if not isinstance(value, kind):
            names = ", ".join(f"{kind.__name__}.{m.name}" for m in kind)
            raise InvalidArgument(
                attribute.name, value, f"以下之一：{names}", english=f"one of {names}"
            )

    return check


#: A figure a scheme states has at most this many digits and this exponent: Decimal("1e999999999")
#: is a valid Decimal, but making it a Fraction (10**999999999) never returns.
MAX_DIGITS = 1000


def is_figure(value: Decimal) -> bool:
    """Whether ``value`` is a finite Decimal small enough to compute with exactly."""
    if not value.is_finite():
        return False
    _, digits, exponent = value.as_tuple()
    return len(digits) <= MAX_DIGITS and -MAX_DIGITS <= int(exponent) <= MAX_DIGITS


def exact(name: str, value: object) -> Fraction:
    """``value`` as an exact ``Fraction``: an int, a finite ``Decimal`` or a ``Fraction``.

    Floats are refused: ``0.1`` is not one tenth, and a score built on it is not exact.
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    if isinstance(value, Decimal) and is_figure(value):
        return Fraction(value)
    raise InvalidArgument(
        name,
        value,
        "精确的数：int、有限的 Decimal 或 Fraction，如 Decimal('0.5')（浮点数不精确）；"
        "指数不超出 ±1000",
        english="an exact number: an int, a finite Decimal or a Fraction, e.g. Decimal('0.5')",
    )


def to_exact_mapping(value: object) -> Mapping[str, Fraction]:
    """attrs converter: a mapping of names to exact numbers, read-only, values as Fractions.

    Anything else, or a mapping holding a value that is not exact, passes through unchanged
    for :func:`exact_mapping` to refuse by field name.
    """
    if not isinstance(value, Mapping):
        return value  # type: ignore[return-value]
    try:
        return MappingProxyType({key: exact("value", number) for key, number in value.items()})
    except InvalidArgument:
        return value


def exact_mapping(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: a mapping of non-empty names to exact numbers."""
    if not isinstance(value, Mapping):
        raise InvalidArgument(
            attribute.name,
            value,
            "名称到精确数的映射，如 {'满意': 100}",
            english="a mapping of names to exact numbers, e.g. {'满意': 100}",
        )
    for key, number in value.items():
        if not isinstance(key, str) or not key.strip():
            raise InvalidArgument(
                attribute.name,
                key,
                "每一项都有非空的名称",
                english="a non-empty name for each entry",
            )
        exact(f"{attribute.name}[{key!r}]", number)


def to_fraction(value: object) -> object:
    """attrs converter: an exact number to a ``Fraction``; anything else passes through."""
    if value is None:
        return None
    try:
        return exact("value", value)
    except InvalidArgument:
        return value  # the field's validator refuses it by name


def exact_number(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: an exact number (see :func:`exact`)."""
    exact(attribute.name, value)


def positive(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: an exact number above 0."""
    if exact(attribute.name, value) <= 0:
        raise InvalidArgument(attribute.name, value, "大于 0 的数", english="a number above 0")


def optional_positive(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: ``None`` or an exact number above 0."""
    if value is not None:
        positive(instance, attribute, value)


def int_at_least(
    low: int, *, optional: bool = False
) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """attrs validator: an int (not a bool) of at least ``low``; ``None`` too if ``optional``."""
    expected = f"{'None 或' if optional else ''}不小于 {low} 的整数"
    english = f"{'None or ' if optional else ''}an int >= {low}"

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, int) or isinstance(value, bool) or value < low:
            raise InvalidArgument(attribute.name, value, expected, english=english)

    return check


def require_items(name: str, value: object, kind: type, label: str) -> tuple[Any, ...]:
    """``value``'s items as a tuple if it is a collection (not a string or mapping) of
    ``kind``; else :class:`InvalidArgument` naming ``name``.  ``label`` is ``kind`` in
    Chinese (``"Measure（整改措施）"``)."""
    if not _is_collection(value):
        raise InvalidArgument(
            name,
            value,
            spaced("由", label, "组成的 list 或 tuple"),
            english=f"a list or tuple of {kind.__name__}",
        )
    items: tuple[Any, ...] = tuple(value)  # type: ignore[arg-type]
    for item in items:
        if not isinstance(item, kind):
            raise InvalidArgument(
                name, item, spaced("每一项都是", label), english=f"a {kind.__name__} in each place"
            )
    return items


def require_instance(name: str, value: object, kind: type, label: str) -> None:
    """Refuse ``value`` unless it is a ``kind`` (``label`` is ``kind`` in Chinese)."""
    if not isinstance(value, kind):
        raise InvalidArgument(name, value, label, english=f"a {kind.__name__}")


def require_mapping(name: str, value: object, *, optional: bool = False) -> None:
    """Refuse ``value`` unless it is a mapping (or, if ``optional``, ``None``)."""
    if not isinstance(value, Mapping) and not (optional and value is None):
        raise InvalidArgument(
            name,
            value,
            "None 或 dict（映射）" if optional else "dict（映射）",
            english="None or a dict (a mapping)" if optional else "a dict (a mapping)",
        )


def next_day_start(day: date, zone: str) -> datetime:
    """The first moment of the day after ``day`` in ``zone``: where ``day`` ends.

    For ``date.max``, which has no next day, the last moment a datetime can hold (in UTC):
    every moment of ``day`` is still before it.
    """
    if day == date.max:
        return datetime.max.replace(tzinfo=UTC)
    return day_start(day + timedelta(days=1), zone)
