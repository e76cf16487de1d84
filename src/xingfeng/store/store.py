"""The event store: streams of versioned events in SQLite or PostgreSQL.

A stream is one aggregate's log under an id the host chooses (``"gas-2026"``,
``"12345-20261204-0001"``).  Its events are numbered from 1; a stream's version is the
number of its last event.  Every append names the version it expects the stream to be at,
and the database's unique key on (stream, number) makes the check and the write one act:
of two writers at the same version exactly one succeeds, the other gets
:class:`~xingfeng.ConcurrencyConflict` and nothing of it is written.

Each event is stored as the JSON :func:`~xingfeng.to_json` writes (its type and schema
version included) under its type as the topic, so a host's projection can read the global
order with :meth:`Store.read_all` and filter by type.
"""

from __future__ import annotations

import gc
import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple

from xingfeng._log import Recorded
from xingfeng.calendar import WorkCalendar
from xingfeng.campaign import Campaign
from xingfeng.campaign.events import EVENT_TYPES, CampaignLaunched, Event
from xingfeng.exceptions import ConcurrencyConflict, InvalidArgument, LoadError, StoreError
from xingfeng.obligations import ItemEvent, Regime, WorkItem
from xingfeng.obligations.items import ITEM_EVENT_TYPES, ItemReceived
from xingfeng.organization import ResponsibilityChain
from xingfeng.serialization import VERSION_KEY, schema_version, union_reader, unstructure
from xingfeng.store import _snapshots as snapshots
from xingfeng.store._backends import masked, open_backend, unavailable
from xingfeng.store.seal import Seal, hidden, is_sealed

__all__ = ["Store", "StoredEvent", "open_store"]

_CAMPAIGN_KEYS = frozenset(cls.__name__ for cls in EVENT_TYPES)
_ITEM_KEYS = frozenset(cls.__name__ for cls in ITEM_EVENT_TYPES)
_NEWEST = {cls.__name__: schema_version(cls) for cls in (*EVENT_TYPES, *ITEM_EVENT_TYPES)}
_READ_CAMPAIGN = union_reader(Event)
_READ_ITEM = union_reader(ItemEvent)
_DEFAULT_SNAPSHOTS = 1000
_LOG = logging.getLogger("xingfeng.store")
_LARGEST = 2**63 - 1  # the databases' largest integer: an event's number or a position
_EVENT_CLASSES = frozenset((*EVENT_TYPES, *ITEM_EVENT_TYPES))
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_DECODE = json.JSONDecoder().decode


class StoredEvent(NamedTuple):
    """One event as :meth:`Store.read_all` gives it: its place in the whole store
    (``position``), its stream, its number in that stream, and the event."""

    position: int
    stream: str
    number: int
    event: Any


def open_store(
    url: str, *, snapshot_every: int | None = _DEFAULT_SNAPSHOTS, seal: Seal | None = None
) -> Store:
    """A store at ``url`` (the forms are in ``docs/storage.md``).

    ``snapshot_every`` N saves a snapshot each time a save carries a stream past a
    multiple of N events; ``None`` keeps none.  ``seal`` (a :class:`~xingfeng.store.Seal`)
    seals every event written and refuses, on reading, any whose seal does not match.
    Needs ``pip install 'xingfeng[store]'``.
    """
    return Store(url, snapshot_every=snapshot_every, seal=seal)


class Store:
    """Streams of events in a database; see the module.  Safe to share between threads;
    the aggregates it loads are not (each command on one aggregate at a time)."""

    def __init__(
        self,
        url: str,
        *,
        snapshot_every: int | None = _DEFAULT_SNAPSHOTS,
        seal: Seal | None = None,
    ) -> None:
        if seal is not None and not isinstance(seal, Seal):
            raise InvalidArgument("seal", hidden(seal), "Seal(密钥)，或 None（不加封）")
        if snapshot_every is not None and (
            not isinstance(snapshot_every, int)
            or isinstance(snapshot_every, bool)
            or snapshot_every < 1
        ):
            raise InvalidArgument("snapshot_every", snapshot_every, "不小于 1 的整数，或 None")
        self._backend = open_backend(url)
        self._snapshot_every = snapshot_every
        self._seal = seal
        self._closed = False
        # Chosen once: a million events are read through it, one call each.
        self._decode = _decode if seal is None else self._unsealed
        self._inserts = (self._backend.events.insert_events, self._backend.snapshots.insert_events)
        self.url = url

    # ---- streams

    def append(self, stream: str, events: Sequence[Any], *, expected_version: int) -> int:
        """Write ``events`` after the ``expected_version`` events the stream holds, all or
        none; the stream's new version.

        Raises :class:`~xingfeng.ConcurrencyConflict` if the stream is at another version.
        """
        _check_stream(stream)
        _check_expected(stream, expected_version)
        if isinstance(events, str | bytes) or not isinstance(events, Sequence):
            raise StoreError(
                "store.events", "事件须为序列", stream=stream, value=events, expected="事件列表"
            )
        rows = [self._row(stream, expected_version + n, e) for n, e in enumerate(events, 1)]
        if not rows:
            return expected_version
        actual = self.version(stream)
        if actual != expected_version:
            raise ConcurrencyConflict(stream, expected_version, actual)
        try:
            self._db(stream, self._backend.events.insert_events, rows)
        except Exception as error:
            if _is_conflict(error):
                raise ConcurrencyConflict(stream, expected_version, self.version(stream)) from None
            raise
        return expected_version + len(rows)

    def version(self, stream: str) -> int:
        """How many events ``stream`` holds (0 for a stream never written)."""
        _check_stream(stream)
        last = self._db(stream, self._backend.events.select_events, stream, desc=True, limit=1)
        return last[0].originator_version if last else 0

    def load(self, stream: str, *, after: int = 0) -> tuple[Any, ...]:
        """The events of ``stream`` after the first ``after``, oldest first; refuses a
        stream whose numbers have a gap, and an event it cannot read, naming where."""
        _check_stream(stream)
        _check_position(after)
        return tuple(self._events(stream, after))

    def read_all(self, after: int = 0, *, batch: int = 1000) -> Iterator[StoredEvent]:
        """Every event in the store after ``position`` ``after``, in the order written:
        what a host's projection (a report table, a search index) follows.  ``batch``
        (1–100,000) events are fetched from the database at a time."""
        _check_position(after)
        if not isinstance(batch, int) or isinstance(batch, bool) or not 1 <= batch <= 100_000:
            raise InvalidArgument("batch", batch, "1–100000 的整数（每次从数据库取的事件数）")
        return self._read_all(after, batch)

    def _read_all(self, after: int, batch: int) -> Iterator[StoredEvent]:
        while True:
            rows = self._db(
                None,
                self._backend.events.select_notifications,
                after,
                batch,
                inclusive_of_start=False,
            )
            for row in rows:
                stream, number = row.originator_id, row.originator_version
                event = self._decode(stream, number, row.topic, row.state)
                yield StoredEvent(row.id, stream, number, event)
            if len(rows) < batch:
                return
            after = rows[-1].id

    # ---- aggregates

    def save(self, stream: str, aggregate: Campaign | WorkItem, *, expected_version: int) -> int:
        """Append the events ``aggregate`` recorded since ``expected_version`` (the version
        it was loaded or last saved at) and, every ``snapshot_every`` events, a snapshot.

        Returns the new version: the next save's ``expected_version``.
        """
        if not isinstance(aggregate, Campaign | WorkItem):
            raise InvalidArgument("aggregate", aggregate, "Campaign（评议活动）或 WorkItem（办件）")
        _check_stream(stream)
        _check_expected(stream, expected_version)
        if expected_version > aggregate.version:
            raise StoreError(
                "store.expected",
                f"对象只有 {aggregate.version} 个事件，不能基于第 {expected_version} 版保存",
                stream=stream,
                value=expected_version,
                expected=f"0–{aggregate.version}",
            )
        new = _events_since(aggregate, expected_version)
        version = self.append(stream, new, expected_version=expected_version)
        every = self._snapshot_every
        if every is not None and version // every > expected_version // every:
            self._snapshot(stream, aggregate)
        return version

    def load_campaign(self, stream: str) -> Campaign:
        """The campaign kept in ``stream``: from its latest snapshot and the events after
        it, or from all its events; every event is checked as its command was."""
        _check_stream(stream)
        with _collector_paused():
            restored = self._restored(stream, Campaign, lambda state: True)
            campaign: Campaign = self._finish(stream, restored, Campaign, Campaign.replay)
        return campaign

    def load_item(
        self,
        stream: str,
        regime: Regime | Mapping[str, Regime],
        *,
        calendar: WorkCalendar | None = None,
        chain: ResponsibilityChain | None = None,
    ) -> WorkItem:
        """The work item kept in ``stream``, under ``regime`` (or the regime its receipt
        names, from a mapping of regimes by name); calendar and chain as at
        :meth:`~xingfeng.WorkItem.receive`."""
        _check_stream(stream)
        calendar = calendar or WorkCalendar.china()

        def usable(state: dict[str, Any]) -> bool:
            chosen = _regime_for(stream, regime, state["_received"])
            return bool(
                state["_regime"] == chosen
                and state["_calendar"] == calendar
                and state["_chain"] == chain
            )

        def replay(events: list[Any]) -> WorkItem:
            if not events or not isinstance(events[0], ItemReceived):
                raise _wrong(stream, "办件", events[0] if events else None)
            chosen = _regime_for(stream, regime, events[0])
            return WorkItem.replay(events, chosen, calendar=calendar, chain=chain)

        with _collector_paused():
            restored = self._restored(stream, WorkItem, usable)
            item: WorkItem = self._finish(stream, restored, WorkItem, replay)
        return item

    def close(self) -> None:
        """Release the database connections; the store refuses any use after
        (``store.closed``)."""
        self._closed = True
        self._backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self._backend.kind}>"

    # ---- inside

    def _db(self, stream: str | None, call: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        """``call`` on the database.  A closed store is ``store.closed``; a database that
        fails (gone, locked, out of space, unreachable) ``store.unavailable``, the driver's
        error kept as its cause; a duplicate key passes through as the conflict it is.

        A write whose connection fails as it commits may have been kept: the message of a
        failed insert says the outcome is unknown, and the stream's version tells."""
        if self._closed:
            raise StoreError(
                "store.closed", "存储已关闭，不能再读写", stream=stream, expected="新打开的存储"
            )
        try:
            return call(*args, **kw)
        except Exception as error:
            if _is_conflict(error):
                raise
            unknown = "；写入是否已完成未知，请读取流的版本确认" if call in self._inserts else ""
            raise StoreError(
                "store.unavailable",
                f"数据库不可读写{unknown}：{unavailable(error, self.url)}",
                stream=stream,
                value=masked(self.url),
                expected="可以连接、可以读写的数据库",
            ) from error

    def _row(self, stream: str, number: int, event: object) -> Any:
        key = type(event).__name__
        if type(event) not in _EVENT_CLASSES:
            raise StoreError(
                "store.events",
                f"{key} 不是活动或办件事件",
                stream=stream,
                position=number,
                value=event,
                expected="xingfeng 的事件",
            )
        state = _ENCODE(unstructure(event)).encode()
        if self._seal is not None:
            state = self._seal.sealed(stream, number, key, state)
        return self._backend.row(stream, number, key, state)

    def _events(self, stream: str, after: int, upto: int | None = None) -> Iterator[Any]:
        rows = self._db(
            stream, self._backend.events.select_events, stream, gt=after or None, lte=upto
        )
        for expected, row in enumerate(rows, start=after + 1):
            if row.originator_version != expected:
                raise StoreError(
                    "store.gap",
                    f"事件编号不连续：应为第 {expected} 个，读到第 {row.originator_version} 个",
                    stream=stream,
                    position=expected,
                    value=row.originator_version,
                    expected=str(expected),
                )
            yield self._decode(stream, expected, row.topic, row.state)

    def _unsealed(self, stream: str, number: int, topic: str, state: bytes) -> Any:
        """:func:`_decode` of a sealed row, once its seal is checked."""
        assert self._seal is not None
        body = self._seal.opened(stream, number, topic, state)
        if body is None:
            raise StoreError(
                "store.tampered",
                "事件未通过防篡改校验：内容、类型或位置被改动，或未加封，或密钥不对",
                stream=stream,
                position=number,
                value=topic,
                expected="以本库密钥加封的事件",
            )
        return _decode(stream, number, topic, body)

    def _snapshot(self, stream: str, aggregate: Recorded) -> None:
        state = snapshots.dump(aggregate._folded())
        kind = type(aggregate).__name__
        if self._seal is not None:  # tagged, so no event's seal opens it, nor it an event
            state = self._seal.sealed(stream, aggregate.version, f"snapshot:{kind}", state)
        row = self._backend.row(stream, aggregate.version, kind, state)
        try:
            self._db(stream, self._backend.snapshots.insert_events, [row])
        except StoreError as error:
            # The events are written: the save has happened, and must not look refused (a
            # host would redo it and meet a conflict).  A missing snapshot only means the
            # next load replays further: logged, not raised (a warning turned into an error
            # by ``-W error`` would raise it after all).
            _LOG.warning(
                "流 %r 第 %d 版的快照未能写入，事件已保存：%s", stream, aggregate.version, error
            )
        except Exception as error:
            if not _is_conflict(error):  # a snapshot at that version is already there
                raise

    def _restored(
        self, stream: str, kind: type[Recorded], usable: Callable[[dict[str, Any]], bool]
    ) -> Recorded | None:
        if self._snapshot_every is None:
            return None
        rows = self._db(stream, self._backend.snapshots.select_events, stream, desc=True, limit=1)
        if not rows or rows[0].topic != kind.__name__:
            return None
        version, data = rows[0].originator_version, rows[0].state
        if self._seal is not None:
            # A snapshot whose seal fails is never unpickled: the events, each checked
            # against its own seal, give the same aggregate.
            data = self._seal.opened(stream, version, f"snapshot:{kind.__name__}", data)
            if data is None:
                return None
        state = snapshots.load(data)
        try:
            if state is None or not usable(state):
                return None
        except Exception:  # not the state of this kind: a cache to pass over
            return None
        try:
            return kind._restore(state, version, lambda: list(self._events(stream, 0, version)))
        except LoadError:
            return None

    def _finish(
        self,
        stream: str,
        restored: Any,
        kind: type[Recorded],
        replay: Callable[[list[Any]], Any],
    ) -> Any:
        """``restored`` (from a snapshot) or the stream's first event, with every later
        event checked and applied in turn; a refusal names the event's number."""
        events = self._events(stream, 0 if restored is None else restored.version)
        if restored is None:
            first = next(events, None)
            if first is None:
                raise StoreError("store.stream", "流中没有事件", stream=stream, value=stream)
            _check_kind(stream, kind, first)
            restored = self._replayed(stream, 1, first, lambda event: replay([event]))
        for number, event in enumerate(events, restored.version + 1):
            self._replayed(stream, number, event, restored._record)
        return restored

    @staticmethod
    def _replayed(stream: str, number: int, event: object, apply: Callable[[Any], Any]) -> Any:
        try:
            return apply(event)
        except StoreError:
            raise
        except Exception as error:
            raise StoreError(
                "store.corrupt",
                f"事件不能重演：{error}",
                stream=stream,
                position=number,
                value=event,
            ) from None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading builds millions of objects and frees none; the cyclic garbage collector would
    walk the growing heap again and again (half the time of loading a million events).  It
    is paused only for the load, and resumed as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _events_since(aggregate: Recorded, version: int) -> list[Any]:
    if version >= aggregate._earlier_count:
        return aggregate._events[version - aggregate._earlier_count :]
    return aggregate._log()[version:]


def _decode(stream: str, number: int, topic: str, state: bytes) -> Any:
    if topic in _CAMPAIGN_KEYS:
        read = _READ_CAMPAIGN
    elif topic in _ITEM_KEYS:
        read = _READ_ITEM
    else:
        raise StoreError(
            "store.unknown-event",
            f"不认识的事件类型 {topic!r}",
            stream=stream,
            position=number,
            value=topic,
            expected="本版本的活动或办件事件",
        )
    try:
        data = _DECODE(state.decode() if isinstance(state, bytes) else state)
    except (ValueError, TypeError, RecursionError) as error:
        if is_sealed(state):
            raise StoreError(
                "store.sealed",
                "事件已加封：打开存储时须提供密钥，open_store(…, seal=Seal(密钥))",
                stream=stream,
                position=number,
                expected="Seal(密钥)",
            ) from None
        raise StoreError(
            "store.corrupt", f"事件不是完整的 JSON：{error}", stream=stream, position=number
        ) from None
    if type(data) is not dict or data.get("event") != topic:
        raise StoreError(
            "store.corrupt",
            f"事件内容与类型 {topic!r} 不符",
            stream=stream,
            position=number,
            value=data,
        )
    written = data.get(VERSION_KEY, 1)
    if type(written) is int and written > _NEWEST[topic]:
        raise StoreError(
            "store.newer-version",
            f"{topic} 为第 {written} 版格式，本库只认识到第 {_NEWEST[topic]} 版：请升级 xingfeng",
            stream=stream,
            position=number,
            value=written,
            expected=f"<= {_NEWEST[topic]}",
        )
    try:
        return read(data)
    except LoadError as error:
        raise StoreError(
            "store.corrupt", f"事件不能读取：{error}", stream=stream, position=number, value=data
        ) from None


def _check_stream(stream: object) -> None:
    # Databases keep text as UTF-8 and PostgreSQL refuses a NUL: a stream id that could not
    # be stored is refused here, as an id, not by the database as if it were unavailable.
    if (
        not isinstance(stream, str)
        or not stream.strip()
        or len(stream) > 255
        or not stream.isprintable()
        or any("\ud800" <= char <= "\udfff" for char in stream)
    ):
        raise StoreError(
            "store.stream",
            "流编号须为 1–255 个可打印字符的文字",
            value=stream,
            expected="1–255 个可打印字符的文字，如 'gas-2026'",
        )


def _check_position(after: object) -> None:
    if not isinstance(after, int) or isinstance(after, bool) or not 0 <= after <= _LARGEST:
        raise InvalidArgument("after", after, f"0–{_LARGEST} 的整数")


def _check_expected(stream: str, expected: object) -> None:
    if not isinstance(expected, int) or isinstance(expected, bool) or not 0 <= expected < _LARGEST:
        raise StoreError(
            "store.expected",
            f"expected_version 须为 0–{_LARGEST - 1} 的整数",
            stream=stream,
            value=expected,
            expected="读取时的版本号，新流为 0",
        )


def _check_kind(stream: str, kind: type[Recorded], first: object) -> None:
    if kind is Campaign and not isinstance(first, CampaignLaunched):
        raise _wrong(stream, "评议活动", first)
    if kind is WorkItem and not isinstance(first, ItemReceived):
        raise _wrong(stream, "办件", first)


def _wrong(stream: str, what: str, first: object) -> StoreError:
    return StoreError(
        "store.wrong-aggregate",
        f"此流不是{what}：首个事件为 {type(first).__name__}",
        stream=stream,
        position=1,
        value=type(first).__name__,
        expected="CampaignLaunched" if what == "评议活动" else "ItemReceived",
    )


def _regime_for(stream: str, regime: Regime | Mapping[str, Regime], received: Any) -> Regime:
    if isinstance(regime, Regime):
        return regime
    if isinstance(regime, Mapping) and received.regime in regime:
        chosen = regime[received.regime]
        if isinstance(chosen, Regime):
            return chosen
    raise StoreError(
        "store.wrong-aggregate",
        f"未提供此办件所依的规程 {received.regime!r}",
        stream=stream,
        position=1,
        value=received.regime,
        expected="一个 Regime，或以规程名为键的映射",
    )


def _is_conflict(error: Exception) -> bool:
    from eventsourcing.persistence import IntegrityError

    return isinstance(error, IntegrityError)
