"""Lossless JSON for every public value type.

Dates are ISO strings (``"2026-05-06"``); moments keep their zone *name* as well as their
offset, in the RFC 9557 form ``"2026-05-06T09:00:00+08:00[Asia/Shanghai]"``, because a plain
ISO string keeps only ``+08:00`` and a deadline computed later in another zone would drift;
``Decimal`` and ``Fraction`` are strings (``"92.5"``, ``"2/3"``) so no digit is lost to
floating point; enums are their values.

Loading checks everything and refuses bad input with :class:`LoadError`, which names the
JSON path of every problem (``$.holidays[2].first``).  No other exception escapes; writing
a value that cannot be written losslessly (a naive datetime) raises ``InvalidArgument``.

>>> from xingfeng import TimeLimit
>>> to_json(TimeLimit.working_days(5))
'{"unit": "working_days", "amount": 5}'
>>> from_json('{"unit": "working_days", "amount": 5}', TimeLimit)
TimeLimit(unit=<LimitUnit.WORKING_DAYS: 'working_days'>, amount=5)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, TypeVar, get_args, get_origin, get_type_hints
from zoneinfo import ZoneInfo

import cattrs
import pendulum
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from xingfeng._checks import is_aware, is_plain_date
from xingfeng.exceptions import InvalidArgument, LoadError, XingfengError
from xingfeng.rounding import Number

__all__ = [
    "LoadError",
    "from_json",
    "register_codec",
    "register_structure",
    "register_tagged_union",
    "structure",
    "to_json",
    "unstructure",
]

T = TypeVar("T")

_MOMENT = re.compile(r"^(?P<iso>[^\[\]]+?)(?:\[(?P<zone>[^\[\]]+)\])?$")


def _is_date_type(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, date) and not issubclass(t, datetime)


def _is_datetime_type(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, datetime)


def _zone_name(moment: datetime) -> str | None:
    # IANA zones (pendulum's are ZoneInfo too) keep their key: "Asia/Shanghai", "PRC", "GMT".
    # Fixed offsets have no name; the offset in the ISO string says it all.
    tz = moment.tzinfo
    return tz.key if isinstance(tz, ZoneInfo) else None


def _unstructure_moment(moment: datetime) -> str:
    if not is_aware(moment):
        raise ValueError(f"cannot serialize naive datetime {moment!r}: give it a time zone")
    zone = _zone_name(moment)
    return moment.isoformat() + (f"[{zone}]" if zone else "")


def _structure_moment(value: object, _: type) -> pendulum.DateTime:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not a moment string")
    match = _MOMENT.match(value)
    try:
        assert match is not None
        parsed = datetime.fromisoformat(match["iso"])
        if parsed.tzinfo is None:
            raise ValueError
        moment = pendulum.instance(parsed)
        if match["zone"]:
            in_zone = moment.in_timezone(match["zone"])
            if in_zone.utcoffset() != parsed.utcoffset():
                raise ValueError
            return in_zone
    except Exception:
        raise ValueError(
            f"{value!r} is not a moment: expected ISO 8601 with an offset and optionally the "
            "zone name, e.g. '2026-05-06T09:00:00+08:00[Asia/Shanghai]'"
        ) from None
    return moment


def _structure_date(value: object, _: type) -> date:
    if is_plain_date(value):
        return value  # TOML has native dates
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value)
    raise ValueError(f"{value!r} is not a date: expected 'YYYY-MM-DD', e.g. '2026-05-06'")


#: Exact numbers loaded from text are bounded: "1e999999999" is 60 bytes of JSON, and exact
#: arithmetic on it (a Fraction of 10**999999999) never returns.
_MAX_DIGITS = 1000
_EXPONENT = re.compile(r"[eE]([+-]?\d+)")


def _require_bounded(value: object) -> None:
    if isinstance(value, int) and not isinstance(value, bool):
        if value.bit_length() > _MAX_DIGITS * 4:
            raise ValueError(f"a number of more than {_MAX_DIGITS} digits is not a figure")
        return
    if not isinstance(value, str):
        return
    if len(value) > _MAX_DIGITS:
        raise ValueError(f"{value[:20]!r}…: a number of more than {_MAX_DIGITS} characters")
    exponent = _EXPONENT.search(value)
    if exponent is not None and abs(int(exponent.group(1))) > _MAX_DIGITS:
        raise ValueError(
            f"{value!r}: an exponent beyond ±{_MAX_DIGITS} is not a figure a scheme states"
        )


def _structure_decimal(value: object, _: type) -> Decimal:
    # Floats are refused: 0.1 as a float is not 0.1, and scores must be exact.
    _require_bounded(value)
    if isinstance(value, str | int) and not isinstance(value, bool):
        try:
            result = Decimal(value)
        except InvalidOperation:
            pass
        else:
            if result.is_finite():
                return result
    raise ValueError(f"{value!r} is not an exact decimal: expected a string such as '92.5'")


def _structure_fraction(value: object, _: type) -> Fraction:
    _require_bounded(value)
    if isinstance(value, str | int) and not isinstance(value, bool):
        try:
            return Fraction(value)
        except (ValueError, ZeroDivisionError):
            pass
    raise ValueError(f"{value!r} is not an exact fraction: expected a string such as '2/3'")


def _structure_figure(value: object, _: type) -> int | Decimal | Fraction:
    # A stated figure keeps its kind: a whole number, a decimal ("0.35") or a fraction ("7/20").
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and "/" in value:
        return _structure_fraction(value, Fraction)
    return _structure_decimal(value, Decimal)


def _strict_int(value: object, _: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValueError(f"{value!r} is not an integer")


def _cell(value: object, _: type) -> str | int:
    # A report's table cell is shown as is: a string or a whole number, nothing else.
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise ValueError(f"{value!r} is not a table cell (a string or an integer)")


def _strict_str(value: object, _: type) -> str:
    if isinstance(value, str):
        return value
    raise ValueError(f"{value!r} is not a string")


def _strict_bool(value: object, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"{value!r} is not true or false")


def _is_set_type(t: Any) -> bool:
    return t in (set, frozenset) or get_origin(t) in (set, frozenset)


_COLLECTIONS: tuple[Any, ...] = (list, tuple, set, frozenset)


def _is_named_tuple(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, tuple) and hasattr(t, "_fields")


def _is_collection_type(t: Any) -> bool:
    return get_origin(t) in _COLLECTIONS


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True)

    def unstructure_set(items: frozenset[object]) -> list[Any]:
        # Sorted, so the same value always gives the same JSON.
        plain = [converter.unstructure(item) for item in items]
        return sorted(plain, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))

    converter.register_unstructure_hook_func(_is_set_type, unstructure_set)

    def structure_collection(value: object, type_: Any) -> Any:
        # cattrs would iterate a string into its characters; a collection must be a list.
        if not isinstance(value, list | tuple):
            raise ValueError(f"{value!r} is not a list")
        origin, args = get_origin(type_) or type_, get_args(type_)
        homogeneous = origin is not tuple or (len(args) == 2 and args[1] is Ellipsis)
        kinds = [args[0] if args else Any] * len(value) if homogeneous else list(args)
        if not homogeneous and len(kinds) != len(value):
            raise ValueError(f"{value!r} does not have {len(kinds)} items")
        items, errors = [], []
        for index, (item, kind) in enumerate(zip(value, kinds, strict=True)):
            try:
                items.append(converter.structure(item, kind))
            except Exception as error:
                note = IterableValidationNote(f"@ index {index}", index, kind)
                error.__notes__ = [*getattr(error, "__notes__", []), note]
                errors.append(error)
        if errors:
            raise IterableValidationError(f"while structuring {type_!r}", errors, type_)
        return {list: list, tuple: tuple, set: set, frozenset: frozenset}[origin](items)

    converter.register_structure_hook_func(_is_collection_type, structure_collection)

    def _is_fixed_tuple(t: Any) -> bool:
        args = get_args(t)
        return get_origin(t) is tuple and not (len(args) == 2 and args[1] is Ellipsis)

    # cattrs keeps a fixed-length tuple a tuple; JSON has lists, and unstructure gives JSON.
    converter.register_unstructure_hook_func(
        _is_fixed_tuple, lambda row: [converter.unstructure(item) for item in row]
    )

    # Named tuples (result rows such as DueItem) are written as objects, field by field.
    def unstructure_row(row: tuple[Any, ...]) -> dict[str, Any]:
        hints = get_type_hints(type(row))
        return {
            name: converter.unstructure(getattr(row, name), hints[name])
            for name in row._fields  # type: ignore[attr-defined]
        }

    def structure_row(data: object, type_: Any) -> Any:
        if not isinstance(data, dict):
            raise ValueError(f"{data!r} is not an object")
        fields = type_._fields
        unknown = sorted(set(data) - set(fields))
        missing = [name for name in fields if name not in data]
        if unknown or missing:
            raise ValueError(f"expected exactly the keys {list(fields)}")
        hints = get_type_hints(type_)
        return type_(*(converter.structure(data[name], hints[name]) for name in fields))

    converter.register_unstructure_hook_func(_is_named_tuple, unstructure_row)
    converter.register_structure_hook_func(_is_named_tuple, structure_row)
    converter.register_unstructure_hook_func(_is_datetime_type, _unstructure_moment)
    converter.register_structure_hook_func(_is_datetime_type, _structure_moment)
    converter.register_unstructure_hook_func(_is_date_type, lambda d: d.isoformat())
    converter.register_structure_hook_func(_is_date_type, _structure_date)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Fraction, str)
    converter.register_structure_hook(Fraction, _structure_fraction)
    # cattrs would coerce "5" to 5 and 1 to True; loaded data must already have the right type.
    converter.register_structure_hook(int, _strict_int)
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(bool, _strict_bool)
    converter.register_structure_hook_func(lambda t: t == str | int, _cell)
    converter.register_structure_hook_func(lambda t: t == Number, _structure_figure)

    return converter


_converter = _make_converter()


# ---- extension points: the rooms above register the types they own when they are imported


def register_codec(
    cls: type, unstructure: Callable[[Any], Any], structure: Callable[[Any], Any]
) -> None:
    """Write ``cls`` with ``unstructure`` and read it with ``structure`` (plain data in)."""
    _converter.register_unstructure_hook(cls, unstructure)
    _converter.register_structure_hook(cls, lambda data, _: structure(data))


def register_structure(predicate: Callable[[Any], bool], load: Callable[[Any], Any]) -> None:
    """Read every type for which ``predicate`` holds with ``load`` (plain data in); ``load``
    may call :func:`structure` for the parts."""
    _converter.register_structure_hook_func(predicate, lambda data, _: load(data))


def register_tagged_union(
    union: object,
    tag: str,
    members: Mapping[str, type] | Callable[[], Mapping[str, type]],
    *,
    tag_members: bool = False,
) -> None:
    """Write values of ``union`` as ``{tag: key, ...fields}`` and read them back by key.

    ``members`` gives the classes by key: a fixed mapping (events), or a function read at
    every call so that later registrations count (gates).  With ``tag_members`` each class
    is tagged when written on its own too, and reading it as that class checks the tag
    (events: ``{"event": "ProblemRecorded", ...}``).
    """
    converter = _converter
    # Made once per class: generating them is far slower than using them.
    writers: dict[type, Callable[[Any], dict[str, Any]]] = {}
    readers: dict[type, Callable[[Any, Any], Any]] = {}
    # A fixed mapping is inverted once: events are written and read by the million.
    fixed = None
    if isinstance(members, Mapping):
        fixed = (dict(members), {cls: key for key, cls in members.items()})

    def current() -> tuple[Mapping[str, type], Mapping[type, str]]:
        if fixed is not None:
            return fixed
        known = members()  # type: ignore[operator]  # the callable form
        return known, {cls: key for key, cls in known.items()}

    def write(value: object) -> dict[str, Any]:
        cls = type(value)
        key = current()[1].get(cls)
        if key is None:
            raise ValueError(f"{tag} type {cls.__name__} is not registered")
        if cls not in writers:
            writers[cls] = make_dict_unstructure_fn(cls, converter)
        return {tag: key, **writers[cls](value)}

    def read(data: object, type_: Any) -> object:
        known, keys = current()
        own = keys.get(type_)
        if not isinstance(data, dict):
            raise ValueError(f"{data!r} is not a {tag}: expected {{'{tag}': <key>, ...}}")
        key = data.get(tag, own)
        cls = known.get(key) if isinstance(key, str) else None
        if cls is None or (own is not None and cls is not type_):
            expected = own if own is not None else sorted(known)
            raise ValueError(f"unknown {tag} {key!r}: expected {expected}")
        if cls not in readers:
            readers[cls] = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)
        return readers[cls]({k: v for k, v in data.items() if k != tag}, cls)

    converter.register_unstructure_hook_func(lambda t: t == union, write)
    converter.register_structure_hook_func(lambda t: t == union, read)
    if tag_members:
        for cls in current()[0].values():
            converter.register_unstructure_hook(cls, write)
            converter.register_structure_hook(cls, read)


def unstructure(value: object) -> Any:
    """``value`` as plain JSON-ready data (dicts, lists, strings, numbers).

    Raises :class:`InvalidArgument` for a value that cannot be written losslessly (a naive
    datetime, an unregistered gate).
    """
    try:
        return _converter.unstructure(value)
    except Exception as error:
        raise InvalidArgument("value", value, f"a serializable xingfeng value ({error})") from None


def structure(data: object, type_: type[T]) -> T:
    """Build a ``type_`` from plain data, or raise :class:`LoadError` naming every bad path."""
    try:
        return _converter.structure(data, type_)
    except Exception as error:  # every failure becomes a LoadError, by contract
        raise LoadError(_type_name(type_), _flatten(error, "$")) from None


def to_json(value: object) -> str:
    """``value`` as JSON text; Chinese stays readable (no ``\\u`` escapes)."""
    data = unstructure(value)
    try:
        return json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError) as error:
        raise InvalidArgument("value", value, f"a serializable xingfeng value ({error})") from None


def from_json(text: str | bytes, type_: type[T]) -> T:
    """Load a ``type_`` from JSON text, or raise :class:`LoadError` naming every bad path."""
    try:
        data = json.loads(text)
    except (ValueError, TypeError, RecursionError) as error:
        raise LoadError(_type_name(type_), [("$", f"not valid JSON: {error}")]) from None
    return structure(data, type_)


def _type_name(type_: object) -> str:
    return getattr(type_, "__name__", None) or repr(type_)


def _flatten(error: BaseException, path: str) -> list[tuple[str, str]]:
    """Walk cattrs' exception tree, turning each leaf into (JSON path, reason)."""
    if isinstance(error, ClassValidationError):
        with_notes, others = error.group_exceptions()
        found = [p for exc, note in with_notes for p in _flatten(exc, f"{path}.{note.name}")]
        return found + [p for exc in others for p in _flatten(exc, path)]
    if isinstance(error, IterableValidationError):
        items, others = error.group_exceptions()
        found = [p for exc, note in items for p in _flatten(exc, f"{path}[{note.index!r}]")]
        return found + [p for exc in others for p in _flatten(exc, path)]
    if isinstance(error, BaseExceptionGroup):
        return [p for exc in error.exceptions for p in _flatten(exc, path)]
    return [(path, _reason(error))]


def _reason(error: BaseException) -> str:
    if isinstance(error, ForbiddenExtraKeysError):
        return f"unknown field(s) {sorted(error.extra_fields)}: remove them or check the spelling"
    if isinstance(error, KeyError):
        return "required field missing"
    if isinstance(error, XingfengError | ValueError):
        return str(error)
    if isinstance(error, TypeError | AttributeError):
        return f"wrong shape of value ({error})"
    return f"{type(error).__name__}: {error}"
