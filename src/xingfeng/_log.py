"""What the event-recorded aggregates (campaign, work item) share: a log, a version,
pickling, and the snapshot hooks a store uses.

An aggregate's version is the number of events in its log; a store's appends name the
version they expect (see :mod:`xingfeng.store`).  An aggregate restored from a snapshot
holds the state at the snapshot's version and only the events after it; the events before
are fetched the first time someone reads the whole log, through a function the store gave.
"""

from __future__ import annotations

import copyreg
from collections.abc import Callable, Sequence
from types import MappingProxyType
from typing import Any, TypeVar

from xingfeng.exceptions import LoadError

__all__ = ["Recorded", "read_only", "slots_of"]


# Read-only mappings (a plan's answer channels, say) are pickled as proxies over a copy;
# the standard library leaves them unpicklable, and so every aggregate too.
def read_only(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    """A read-only view of ``mapping``: how a pickled proxy is rebuilt."""
    return MappingProxyType(mapping)


copyreg.pickle(MappingProxyType, lambda proxy: (read_only, (dict(proxy),)))

R = TypeVar("R", bound="Recorded")


def slots_of(cls: type) -> tuple[str, ...]:
    """Every slot of ``cls`` and its bases, bases first."""
    names: list[str] = []
    for klass in reversed(cls.__mro__):
        names.extend(name for name in klass.__dict__.get("__slots__", ()) if name not in names)
    return tuple(names)


class Recorded:
    """Base of an aggregate whose state is the fold of its event log."""

    __slots__ = ("_earlier", "_earlier_count", "_events")

    #: State computed by a command's check for its apply; never part of a snapshot.
    _TRANSIENT: tuple[str, ...] = ()

    _events: list[Any]
    _earlier: Callable[[], Sequence[Any]] | None
    _earlier_count: int

    def _start_log(self, first: object) -> None:
        self._events = [first]
        self._earlier = None
        self._earlier_count = 0

    def _log(self) -> list[Any]:
        """The whole log, fetching the events before a snapshot on first use."""
        if self._earlier is not None:
            earlier = list(self._earlier())
            if len(earlier) != self._earlier_count:
                raise LoadError(
                    type(self).__name__,
                    [("$", f"快照前应有 {self._earlier_count} 个事件，取回 {len(earlier)} 个")],
                )
            self._events[:0] = earlier
            self._earlier = None
            self._earlier_count = 0
        return self._events

    @property
    def version(self) -> int:
        """How many events the log holds: the version a store's next append expects."""
        return self._earlier_count + len(self._events)

    # ---- snapshots and pickling

    def _folded(self) -> dict[str, Any]:
        """The folded state without the log: what a snapshot keeps."""
        skip = {"_events", "_earlier", "_earlier_count", *self._TRANSIENT}
        return {name: getattr(self, name) for name in slots_of(type(self)) if name not in skip}

    @classmethod
    def _restore(
        cls: type[R],
        state: dict[str, Any],
        version: int,
        earlier: Callable[[], Sequence[Any]],
    ) -> R:
        """An aggregate at ``version`` from its snapshot ``state``; ``earlier`` fetches the
        ``version`` events the snapshot stands for when the whole log is read."""
        aggregate = cls.__new__(cls)
        aggregate.__setstate__({**state, "_events": []})
        aggregate._earlier = earlier
        aggregate._earlier_count = version
        return aggregate

    def __getstate__(self) -> dict[str, Any]:
        return {**self._folded(), "_events": list(self._log())}

    def __setstate__(self, state: dict[str, Any]) -> None:
        expected = set(slots_of(type(self))) - {"_earlier", "_earlier_count", *self._TRANSIENT}
        if set(state) != expected:
            raise LoadError(type(self).__name__, [("$", "快照的状态字段与本版本不符")])
        for name, value in state.items():
            object.__setattr__(self, name, value)
        for name in self._TRANSIENT:
            object.__setattr__(self, name, None)
        self._earlier = None
        self._earlier_count = 0
