"""Snapshots: an aggregate's folded state at a version, so loading reads it and the tail.

A snapshot is a cache, never the record: the events are.  It is pickled (the only format
that restores a state of a million entries in well under a second) behind a header that
names the library's version; a snapshot written by another version, or one that does not
unpickle, is passed over and the stream replayed from its first event, which gives the same
aggregate.  Unpickling admits only the classes an aggregate's state is made of, never a
function that could act: a database row must not be able to run code.
"""

from __future__ import annotations

import io
import pickle
from enum import EnumMeta
from importlib.metadata import PackageNotFoundError, version
from typing import Any
from zoneinfo import ZoneInfo

__all__ = ["dump", "load"]

try:
    LIBRARY = version("xingfeng")
except PackageNotFoundError:  # pragma: no cover - run from a source tree without install
    LIBRARY = "unknown"

HEADER = f"xingfeng-snapshot/1 {LIBRARY}\n".encode()

_PREFIXES = ("xingfeng.", "pendulum.", "networkx.classes.")
_EXACT = {
    "builtins": {"set", "frozenset", "dict", "list", "tuple", "str", "int", "bool", "bytes"},
    "collections": {"OrderedDict", "defaultdict", "deque"},
    "copyreg": {"_reconstructor"},
    "datetime": {"date", "datetime", "time", "timedelta", "timezone"},
    "decimal": {"Decimal"},
    "fractions": {"Fraction"},
    "xingfeng._log": {"read_only"},
    "zoneinfo": {"ZoneInfo"},
    "enum": {"Enum"},
}


class _Refused(Exception):
    pass


def _getattr(enum: object, name: object) -> Any:
    # Enum members pickle as getattr(EnumClass, name); any other getattr is refused, since
    # it could reach a method that acts.
    if isinstance(enum, EnumMeta) and isinstance(name, str) and name in enum.__members__:
        return enum.__members__[name]
    # Zones pickle as getattr(ZoneInfo, "_unpickle")(key, ...), which builds the zone.
    if isinstance(enum, type) and issubclass(enum, ZoneInfo) and name == "_unpickle":
        return enum._unpickle  # type: ignore[attr-defined]
    raise _Refused(f"getattr({enum!r}, {name!r})")


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("builtins", "getattr"):
            return _getattr
        if name in _EXACT.get(module, ()):
            return super().find_class(module, name)
        allowed = module.startswith(_PREFIXES) and not module.startswith("xingfeng.store")
        if allowed and "." not in name:
            found = super().find_class(module, name)
            # Only a class defined there: a module's imports (operator.attrgetter, say) are
            # gadgets that reach any function.
            home = getattr(found, "__module__", "")
            if (
                isinstance(found, type)
                and home.startswith(_PREFIXES)
                and not home.startswith("xingfeng.store")
            ):
                return found
        raise _Refused(f"{module}.{name}")


def dump(state: dict[str, Any]) -> bytes:
    """``state`` as snapshot bytes."""
    return HEADER + pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)


def load(data: bytes) -> dict[str, Any] | None:
    """The state in ``data``, or ``None`` if this library cannot use it (another version's
    snapshot, or bytes that are not one): the caller then replays the stream."""
    if not isinstance(data, bytes | bytearray | memoryview) or not bytes(data).startswith(HEADER):
        return None
    try:
        state = _Unpickler(io.BytesIO(bytes(data)[len(HEADER) :])).load()
    except Exception:  # a snapshot is a cache: any failure means "replay instead"
        return None
    return state if isinstance(state, dict) else None
