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
from collections.abc import Callable, Hashable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from fractions import Fraction
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints
from zoneinfo import ZoneInfo

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from xingfeng._checks import MAX_DIGITS, is_aware, is_plain_date
from xingfeng._checks import timezone as _named_zone
from xingfeng.exceptions import InvalidArgument, LoadError, XingfengError, shown
from xingfeng.rounding import Number

__all__ = [
    "VERSION_KEY",
    "LoadError",
    "from_json",
    "missing_upcasters",
    "register_codec",
    "register_structure",
    "register_tagged_union",
    "register_upcaster",
    "schema_version",
    "structure",
    "to_json",
    "union_reader",
    "unstructure",
]

T = TypeVar("T")


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
        raise ValueError(f"不能写出没有时区的时刻 {shown(moment)}：请给它时区")
    zone = _zone_name(moment)
    return moment.isoformat() + (f"[{zone}]" if zone else "")


def _structure_moment(value: object, _: type) -> datetime:
    # The standard library's parser and zoneinfo: a store loads moments by the million, and
    # pendulum's parsing cost about 70% of decoding an event.
    if not isinstance(value, str):
        raise TypeError(f"{shown(value)} 不是时刻文字")
    iso, bracket, zone = value.partition("[")
    try:
        parsed = datetime.fromisoformat(iso)
        offset = parsed.utcoffset()
        if offset is None or "]" in iso or "[" in zone:
            raise ValueError
        if bracket:
            if not zone.endswith("]"):
                raise ValueError
            # pendulum's zones (cached ZoneInfo subclasses) are the ones the library's moments
            # carry; the same zone object keeps comparisons intra-zone in a repeated DST hour.
            in_zone = parsed.astimezone(_named_zone(zone[:-1]))
            if in_zone.utcoffset() != offset:
                raise ValueError
            return in_zone
    except Exception:
        raise ValueError(
            f"{shown(value)} 不是时刻：应为带时差的 ISO 8601 时刻，可附时区名，"
            "如 '2026-05-06T09:00:00+08:00[Asia/Shanghai]'"
        ) from None
    return parsed


def _structure_date(value: object, _: type) -> date:
    if is_plain_date(value):
        return value  # TOML has native dates
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value)
    raise ValueError(f"{shown(value)} 不是日期：应为 'YYYY-MM-DD'，如 '2026-05-06'")


#: Exact numbers loaded from text are bounded (``_checks.MAX_DIGITS``): "1e999999999" is 60
#: bytes of JSON, and exact arithmetic on it (a Fraction of 10**999999999) never returns.
_MAX_DIGITS = MAX_DIGITS
#: A list reports at most this many bad items: enough for one round of corrections.
_MAX_ITEM_ERRORS = 20
_EXPONENT = re.compile(r"[eE]([+-]?\d+)")


def _require_bounded(value: object) -> None:
    if isinstance(value, int) and not isinstance(value, bool):
        if value.bit_length() > _MAX_DIGITS * 4:
            raise ValueError(f"超过 {_MAX_DIGITS} 位的数不是方案中的数字")
        return
    if not isinstance(value, str):
        return
    if len(value) > _MAX_DIGITS:
        raise ValueError(f"{value[:20]!r}…：超过 {_MAX_DIGITS} 个字符的数")
    exponent = _EXPONENT.search(value)
    if exponent is not None and abs(int(exponent.group(1))) > _MAX_DIGITS:
        raise ValueError(f"{shown(value)}：指数超出 ±{_MAX_DIGITS}，不是方案中的数字")


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
    raise ValueError(f"{shown(value)} 不是精确小数：应为文字，如 '92.5'")


def _structure_fraction(value: object, _: type) -> Fraction:
    _require_bounded(value)
    if isinstance(value, str | int) and not isinstance(value, bool):
        try:
            return Fraction(value)
        except (ValueError, ZeroDivisionError):
            pass
    raise ValueError(f"{shown(value)} 不是精确分数：应为文字，如 '2/3'")


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
    raise ValueError(f"{shown(value)} 不是整数")


def _cell(value: object, _: type) -> str | int:
    # A report's table cell is shown as is: a string or a whole number, nothing else.
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise ValueError(f"{shown(value)} 不是表格单元（文字或整数）")


def _strict_str(value: object, _: type) -> str:
    if isinstance(value, str):
        return value
    raise ValueError(f"{shown(value)} 不是文字")


def _strict_bool(value: object, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"{shown(value)} 不是 true 或 false")


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
            raise ValueError(f"{shown(value)} 不是列表")
        origin, args = get_origin(type_) or type_, get_args(type_)
        homogeneous = origin is not tuple or (len(args) == 2 and args[1] is Ellipsis)
        kinds = [args[0] if args else Any] * len(value) if homogeneous else list(args)
        if not homogeneous and len(kinds) != len(value):
            raise ValueError(f"{shown(value)} 不是 {len(kinds)} 项")
        items, errors = [], []
        for index, (item, kind) in enumerate(zip(value, kinds, strict=True)):
            try:
                items.append(converter.structure(item, kind))
            except Exception as error:
                note = IterableValidationNote(f"@ index {index}", index, kind)
                error.__notes__ = [*getattr(error, "__notes__", []), note]
                errors.append(error)
                if len(errors) == _MAX_ITEM_ERRORS:
                    break  # enough to correct; a list of 200,000 bad items took 20 s
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
            raise ValueError(f"{shown(data)} 不是对象")
        fields = type_._fields
        unknown = sorted(set(data) - set(fields))
        missing = [name for name in fields if name not in data]
        if unknown or missing:
            raise ValueError(f"键须恰为 {list(fields)}")
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

#: Types and predicates read by hooks registered from above: the fast readers leave them to
#: the converter.
_CUSTOM_TYPES: set[object] = set()
_CUSTOM_PREDICATES: list[Callable[[Any], bool]] = []


def register_codec(
    cls: type, unstructure: Callable[[Any], Any], structure: Callable[[Any], Any]
) -> None:
    """Write ``cls`` with ``unstructure`` and read it with ``structure`` (plain data in)."""
    _CUSTOM_TYPES.add(cls)
    _converter.register_unstructure_hook(cls, unstructure)
    _converter.register_structure_hook(cls, lambda data, _: structure(data))


def register_structure(predicate: Callable[[Any], bool], load: Callable[[Any], Any]) -> None:
    """Read every type for which ``predicate`` holds with ``load`` (plain data in); ``load``
    may call :func:`structure` for the parts."""
    _CUSTOM_PREDICATES.append(predicate)
    _converter.register_structure_hook_func(predicate, lambda data, _: load(data))


#: The key that carries an event's schema version in its JSON (see :func:`register_upcaster`).
VERSION_KEY = "version"

_UPCASTERS: dict[tuple[str, int], Callable[[dict[str, Any]], dict[str, Any]]] = {}


def schema_version(cls: type) -> int:
    """The schema version ``cls`` is written with: its ``schema_version`` class variable,
    1 unless a change to its fields raised it (see :func:`register_upcaster`)."""
    version = getattr(cls, "schema_version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise TypeError(f"{cls.__name__}.schema_version must be a whole number >= 1")
    return version


def register_upcaster(
    key: str, from_version: int, upcast: Callable[[dict[str, Any]], dict[str, Any]]
) -> None:
    """Read the event written as ``key`` at ``from_version`` as ``from_version + 1``.

    ``upcast`` takes the event's fields as plain JSON data (without the ``"event"`` and
    ``"version"`` keys) and returns them as the next version has them.  Loading chains the
    upcasters from the stored version to the class's :func:`schema_version`, so a log
    written years ago loads into today's classes; the compatibility policy is in
    ``docs/storage.md``.
    """
    if not isinstance(key, str) or not key:
        raise InvalidArgument("key", key, "事件的 JSON 键，如 'ProblemRecorded'")
    if not isinstance(from_version, int) or isinstance(from_version, bool) or from_version < 1:
        raise InvalidArgument("from_version", from_version, "不小于 1 的整数")
    if not callable(upcast):
        raise InvalidArgument("upcast", upcast, "由 dict 得 dict 的函数")
    if (key, from_version) in _UPCASTERS:
        raise InvalidArgument("from_version", from_version, f"{key!r} 尚无升级函数的版本")
    _UPCASTERS[(key, from_version)] = upcast


def missing_upcasters(members: Mapping[str, type]) -> list[tuple[str, int]]:
    """``(key, version)`` pairs that a member at a later schema version cannot be read
    from: the contract test requires none."""
    return [
        (key, version)
        for key, cls in members.items()
        for version in range(1, schema_version(cls))
        if (key, version) not in _UPCASTERS
    ]


def _upcast(key: str, version: object, fields: dict[str, Any], current: int) -> dict[str, Any]:
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError(f"{key!r} 的 {VERSION_KEY} {shown(version)} 不是不小于 1 的整数")
    if version > current:
        raise ValueError(
            f"{key!r} 为第 {version} 版格式，本库只认识到第 {current} 版：请升级 xingfeng"
        )
    while version < current:
        upcast = _UPCASTERS.get((key, version))
        if upcast is None:
            raise ValueError(f"没有升级函数能读取 {key!r} 第 {version} 版")
        fields = upcast(dict(fields))
        version += 1
    return fields


class _Slow(Exception):
    """The fast reader met something it leaves to the converter."""


def _custom(t: object) -> bool:
    try:
        if t in _CUSTOM_TYPES:
            return True
    except TypeError:  # an unhashable annotation
        return True
    return any(predicate(t) for predicate in _CUSTOM_PREDICATES)


def _exact(kind: type) -> Callable[[object], object]:
    def read(value: object) -> object:
        if type(value) is not kind:
            raise _Slow
        return value

    return read


def _optional(kind: Any) -> tuple[Any, bool]:
    """``(X, True)`` for ``X | None``, ``(kind, False)`` otherwise."""
    args = get_args(kind)
    if get_origin(kind) in (Union, UnionType) and len(args) == 2 and type(None) in args:
        return (args[0] if args[1] is type(None) else args[1]), True
    return kind, False


def _fast_field(t: Any, depth: int) -> Callable[[object], object]:
    """A reader for one field of type ``t`` that accepts exactly what the converter would,
    or raises (the caller then asks the converter, which says what is wrong)."""
    if _custom(t):
        return lambda value: _converter.structure(value, t)
    if t in (str, int, bool):
        return _exact(t)
    if _is_datetime_type(t):
        return lambda value: _structure_moment(value, t)
    if _is_date_type(t):
        return lambda value: _structure_date(value, t)
    if isinstance(t, type) and issubclass(t, Enum):
        return t
    plain, optional = _optional(t)
    if optional:
        inner = _fast_field(plain, depth)
        return lambda value: None if value is None else inner(value)
    args = get_args(t)
    if get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _fast_field(args[0], depth)

        def items(value: object) -> object:
            if type(value) is not list:
                raise _Slow
            return tuple([item(v) for v in value])

        return items
    if attrs.has(t) and depth < 3:
        nested = _fast_reader(t, depth + 1)
        return lambda value: (
            nested(value) if type(value) is dict else _converter.structure(value, t)
        )
    return lambda value: _converter.structure(value, t)


_ABSENT = object()
_UNION_READERS: dict[object, Callable[[Any, Any], Any]] = {}
_UNION_TAGS: dict[object, str] = {}
_UNION_VERSIONED: dict[
    object, tuple[str, dict[str, type], Callable[[type], Callable[[dict[str, Any]], object]]]
] = {}


def union_reader(union: object) -> Callable[[object], Any]:
    """A function that loads plain data as a value of the tagged ``union`` (an event log's
    events, say), as :func:`structure` would, without its per-call dispatch."""
    read = _UNION_READERS[union]
    name = _type_name(union)
    # The common case in one step: a current event of a known type, read by its generated
    # reader straight from the decoded JSON (no copy without the tag, no dispatch).
    direct: dict[str, tuple[int, Callable[[dict[str, Any]], object]]] = {}
    versioned = _UNION_VERSIONED.get(union)
    if versioned is not None:
        _, members, reader_of = versioned
        for key, cls in members.items():
            direct[key] = (schema_version(cls), reader_of(cls))
    tag_key = versioned[0] if versioned is not None else ""

    def load(data: object) -> Any:
        if type(data) is dict:
            key, version = data.get(tag_key), data.get(VERSION_KEY, 1)
            found = direct.get(key) if type(key) is str else None
            if found is not None and type(version) is int and version == found[0]:
                try:
                    return found[1](data)
                except Exception:
                    pass  # the careful path below explains what is wrong
        try:
            return read(data, union)
        except Exception as error:  # every failure becomes a LoadError, by contract
            raise LoadError(name, _flatten(error, "$")) from None

    return load


def _field_code(kind: Any, value: str, number: int, scope: dict[str, Any], depth: int) -> list[str]:
    """Lines that check or convert ``value``, a JSON field of type ``kind``, in place."""
    kind, optional = _optional(kind)
    guard = f"{value} is not None and " if optional else ""
    if not _custom(kind) and kind in (str, int, bool):
        scope[f"t{number}"] = kind
        return [f"if {guard}type({value}) is not t{number}:", "    raise Slow"]
    if not _custom(kind) and isinstance(kind, type) and issubclass(kind, Enum):
        scope[f"e{number}"] = kind._value2member_map_
        return [f"if {guard}True:", f"    {value} = e{number}[{value}]"]
    if not _custom(kind) and get_origin(kind) is tuple and get_args(kind) in ((str, Ellipsis),):
        return [
            f"if {guard}True:",
            f"    if type({value}) is not list or not all(type(x) is str for x in {value}):",
            "        raise Slow",
            f"    {value} = tuple({value})",
        ]
    scope[f"c{number}"] = _fast_field(kind, depth)
    return [f"if {guard}True:", f"    {value} = c{number}({value})"]


def _fast_reader(
    cls: type, depth: int = 0, head: frozenset[str] = frozenset()
) -> Callable[[dict[str, Any]], object]:
    """Build ``cls`` from its JSON fields without the converter's generic machinery.

    Events are loaded by the million; this reads the field types they use directly and
    raises on anything else, so the converter's careful path runs only for data it must
    explain.  The reader is generated code, as attrs and cattrs generate theirs: a loop
    over field descriptions costs twice as much.
    """
    hints = get_type_hints(cls)
    # ``head``: keys the caller has checked already (an event's tag and version).
    names = frozenset(f.name for f in attrs.fields(cls)) | head
    scope: dict[str, Any] = {"cls": cls, "names": names, "Slow": _Slow, "ABSENT": _ABSENT}
    body = ["def read(data):", "    if not names.issuperset(data):", "        raise Slow"]
    given: list[tuple[str, str]] = []
    optional: list[tuple[str, str]] = []
    for number, field in enumerate(attrs.fields(cls)):
        value = f"v{number}"
        required = field.default is attrs.NOTHING
        code = _field_code(hints[field.name], value, number, scope, depth)
        if required:
            body.append(f"    {value} = data[{field.name!r}]")
            body.extend("    " + line for line in code)
        else:
            body.append(f"    {value} = data.get({field.name!r}, ABSENT)")
            body.append(f"    if {value} is not ABSENT:")
            body.extend("        " + line for line in code)
        (given if required else optional).append((field.alias or field.name, value))
    arguments = ", ".join(f"{alias}={value}" for alias, value in given)
    if optional:
        body.append(f"    values = dict({arguments})")
        for alias, value in optional:
            body.append(f"    if {value} is not ABSENT:")
            body.append(f"        values[{alias!r}] = {value}")
        body.append("    return cls(**values)")
    else:
        body.append(f"    return cls({arguments})")
    exec("\n".join(body), scope)
    read: Callable[[dict[str, Any]], object] = scope["read"]
    return read


def _fast_writer(cls: type, head: dict[str, Any]) -> Callable[[Any], dict[str, Any]]:
    """Write ``cls`` as ``head`` plus its fields, as generated code: the common field types
    inline, the rest through the converter (events are written by the million)."""
    hints = get_type_hints(cls)
    scope: dict[str, Any] = {"moment": _unstructure_moment, "Enum": Enum}
    items = [f"{key!r}: {value!r}" for key, value in head.items()]
    for number, field in enumerate(attrs.fields(cls)):
        kind, value = hints[field.name], f"value.{field.name}"
        inner, optional = _optional(kind)
        if inner in (str, int, bool) and not _custom(inner):
            code = value
        elif _is_datetime_type(inner) and not _custom(inner):
            code = f"moment({value})"
        elif _is_date_type(inner) and not _custom(inner):
            code = f"{value}.isoformat()"
        elif isinstance(inner, type) and issubclass(inner, Enum) and not _custom(inner):
            code = f"{value}.value"
        elif get_args(inner) == (str, Ellipsis) and get_origin(inner) is tuple:
            code = f"list({value})"
        else:
            scope[f"t{number}"] = kind
            items.append(f"{field.name!r}: convert({value}, t{number})")
            continue
        if optional:
            code = f"None if {value} is None else {code}"
        items.append(f"{field.name!r}: {code}")
    scope["convert"] = _converter.unstructure
    source = "def write(value):\n    return {" + ", ".join(items) + "}"
    exec(source, scope)
    write: Callable[[Any], dict[str, Any]] = scope["write"]
    return write


def register_tagged_union(
    union: object,
    tag: str,
    members: Mapping[str, type] | Callable[[], Mapping[str, type]],
    *,
    tag_members: bool = False,
    versioned: bool = False,
) -> None:
    """Write values of ``union`` as ``{tag: key, ...fields}`` and read them back by key.

    ``members`` gives the classes by key: a fixed mapping (events), or a function read at
    every call so that later registrations count (gates).  With ``tag_members`` each class
    is tagged when written on its own too, and reading it as that class checks the tag
    (events: ``{"event": "ProblemRecorded", ...}``).  With ``versioned`` each value also
    carries its class's :func:`schema_version` under ``"version"`` and older versions are
    read through the registered upcasters; a value without the key is version 1.
    """
    converter = _converter
    _CUSTOM_TYPES.add(union)
    # Made once per class: generating them is far slower than using them.
    writers: dict[type, Callable[[Any], dict[str, Any]]] = {}  # with the tag in front
    readers: dict[type, Callable[[Any, Any], Any]] = {}
    fast: dict[type, Callable[[dict[str, Any]], object]] = {}
    # A fixed mapping is inverted once: events are written and read by the million.
    fixed = None
    if isinstance(members, Mapping):
        fixed = (dict(members), {cls: key for key, cls in members.items()})
        if versioned:
            for cls in members.values():
                schema_version(cls)
                if VERSION_KEY in {f.name for f in attrs.fields(cls)}:
                    raise TypeError(f"{cls.__name__} has a field named {VERSION_KEY!r}")

    def current() -> tuple[Mapping[str, type], Mapping[type, str]]:
        if fixed is not None:
            return fixed
        known = members()  # type: ignore[operator]  # the callable form
        return known, {cls: key for key, cls in known.items()}

    def write(value: object) -> dict[str, Any]:
        cls = type(value)
        writer = writers.get(cls)
        if writer is None:
            key = current()[1].get(cls)
            if key is None:
                raise ValueError(f"{tag} 类型 {cls.__name__} 未登记")
            head = {tag: key, VERSION_KEY: schema_version(cls)} if versioned else {tag: key}
            writer = writers[cls] = _fast_writer(cls, head)
        return writer(value)

    def read(data: object, type_: Any) -> object:
        known, keys = current()
        own = keys.get(type_)
        if not isinstance(data, dict):
            raise ValueError(f"{shown(data)} 不是 {tag}：应为 {{'{tag}': <键>, ...}}")
        key = data.get(tag, own)
        cls = known.get(key) if isinstance(key, str) else None
        if cls is None or (own is not None and cls is not type_):
            expected = own if own is not None else sorted(known)
            raise ValueError(f"不认识的 {tag} {shown(key)}：应为 {expected}")
        fields = {k: v for k, v in data.items() if k != tag}
        if versioned:
            assert isinstance(key, str)
            return read_versioned(key, cls, fields)
        if cls not in readers:
            readers[cls] = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)
        return readers[cls](fields, cls)

    def reader_of(cls: type) -> Callable[[dict[str, Any]], object]:
        # One generated reader per class, which passes over the tag and version keys: the
        # union's reader and union_reader's direct path share it.
        if cls not in fast:
            fast[cls] = _fast_reader(cls, head=frozenset({tag, VERSION_KEY}))
        return fast[cls]

    def read_versioned(key: str, cls: type, fields: dict[str, Any]) -> object:
        version = fields.pop(VERSION_KEY, 1)
        if type(version) is not int or version != schema_version(cls):
            fields = _upcast(key, version, fields, schema_version(cls))
        try:
            return reader_of(cls)(fields)
        except Exception:
            pass
        if cls not in readers:
            readers[cls] = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)
        return readers[cls](fields, cls)

    _UNION_READERS[union] = read
    _UNION_TAGS[union] = tag
    if versioned and fixed is not None:
        _UNION_VERSIONED[union] = (tag, fixed[0], reader_of)
    converter.register_unstructure_hook_func(lambda t: t == union, write)
    converter.register_structure_hook_func(lambda t: t == union, read)
    if tag_members:
        for cls in current()[0].values():
            _CUSTOM_TYPES.add(cls)
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
        raise InvalidArgument("value", value, f"可写出的 xingfeng 值（{error}）") from None


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
        raise InvalidArgument("value", value, f"可写出的 xingfeng 值（{error}）") from None


def from_json(text: str | bytes, type_: type[T]) -> T:
    """Load a ``type_`` from JSON text, or raise :class:`LoadError` naming every bad path."""
    try:
        data = json.loads(text)
    except (ValueError, TypeError, RecursionError) as error:
        raise LoadError(_type_name(type_), [("$", f"不是有效的 JSON：{error}")]) from None
    return structure(data, type_)


def _type_name(type_: object) -> str:
    # A tagged union is named by its tag ("event"), not by the repr of twenty classes.
    try:
        tag = _UNION_TAGS.get(type_) if isinstance(type_, Hashable) else None
    except TypeError:  # hashable by type, yet refusing (a signalling NaN)
        tag = None
    name = getattr(type_, "__name__", None)
    return tag or (name if isinstance(name, str) else None) or shown(type_)


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
        return f"不认识的字段 {sorted(error.extra_fields)}：请删去或核对拼写"
    if isinstance(error, KeyError):
        return "缺少必填字段"
    if isinstance(error, XingfengError | ValueError):
        return str(error)
    if isinstance(error, TypeError | AttributeError):
        return f"值的形状不对（{error}）"
    return f"{type(error).__name__}: {error}"
