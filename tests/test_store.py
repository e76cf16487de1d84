"""The event store (``xingfeng.store``), against SQLite and PostgreSQL: aggregates saved in
parts load equal to themselves and to their replay; versions decide between concurrent
writers, processes included; snapshots are a cache that never changes what loads and never
runs code; bad addresses and bad stored data are refused by code, stream and position with
nothing written; and ``read_all`` gives every event once, in the order written.

PostgreSQL cases need ``scripts/with-postgres`` (``make test``); see ``tests/store_fixtures``.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import sys
import threading
import uuid
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.store_fixtures import (  # the *_fixture names are the store fixtures
    EVENTS,
    REGIME,
    REGIME_TOML,
    SNAPSHOTS,
    Tables,
    backend_fixture,  # noqa: F401
    full_item,
    gas_campaign,
    moment,
    new_stream,
    open_at_once,
    opinion,
    race,
    save_in_parts,
    small_campaign,
    store_fixture,  # noqa: F401
    store_url_fixture,  # noqa: F401
    stores_fixture,  # noqa: F401
    tables_fixture,  # noqa: F401
)
from xingfeng import (
    ActivityHeld,
    Campaign,
    ConcurrencyConflict,
    InvalidArgument,
    ProblemRecorded,
    Regime,
    StoreError,
    WorkItem,
    XingfengError,
    testing,
    to_json,
)
from xingfeng.campaign.events import Event
from xingfeng.obligations.items import ItemAccepted
from xingfeng.store import Store, StoredEvent, open_store

#: Hypothesis settings for tests that reach a database: few examples, a fixture per test.
STORE_SETTINGS = settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def campaign_from(events: Any) -> Campaign:
    return Campaign.replay(events)


def item_from(events: Any) -> WorkItem:
    return WorkItem.replay(events, REGIME)


def other_version_header(state: bytes) -> bytes:
    """``state`` (a snapshot) as another version of the library would have written it."""
    header, newline, rest = state.partition(b"\n")
    assert header.startswith(b"xingfeng-snapshot/"), header
    return b"xingfeng-snapshot/1 0.0.0-another-release" + newline + rest


def header_of(state: bytes) -> bytes:
    return state.partition(b"\n")[0] + b"\n"


def _refused(function: Callable[..., object], *args: object, **kwargs: object) -> StoreError:
    """The StoreError ``function(*args, **kwargs)`` raises."""
    with pytest.raises(StoreError) as refused:
        function(*args, **kwargs)
    return refused.value


# ---- round trips


@STORE_SETTINGS
@given(
    campaign=testing.campaigns(max_opinions=4, max_problems=3, max_measures=4),
    cuts=st.lists(st.integers(min_value=1, max_value=60), max_size=4),
    every=st.sampled_from([None, 1, 3, 1000]),
)
def test_a_campaign_saved_in_several_saves_loads_equal_to_itself_and_its_replay(
    store_url: str, campaign: Campaign, cuts: list[int], every: int | None
) -> None:
    """Saved in random parts (each part recorded on the campaign as loaded, from a snapshot
    when there is one), the stream loads equal to the campaign and to the replay of its
    events, and holds exactly its events."""
    events = campaign.events
    stream = new_stream("campaign")
    with open_store(store_url, snapshot_every=every) as store:
        save_in_parts(
            store, stream, events, cuts, campaign_from, partial(store.load_campaign, stream)
        )

        loaded = store.load_campaign(stream)

        assert loaded == campaign
        assert loaded == Campaign.replay(campaign.events)
        assert store.load(stream) == events
        assert store.version(stream) == loaded.version == len(events)


def test_the_example_campaign_round_trips_through_the_store(store: Store) -> None:
    """The gas company's campaign (examples/gas_company.py), saved at once, loads equal."""
    campaign = gas_campaign()

    version = store.save("gas-2026", campaign, expected_version=0)

    assert version == campaign.version
    assert store.load_campaign("gas-2026") == campaign


@STORE_SETTINGS
@given(
    cuts=st.lists(st.integers(min_value=1, max_value=20), max_size=5),
    every=st.sampled_from([None, 2, 7]),
    by_name=st.booleans(),
)
def test_a_work_item_saved_in_several_saves_loads_equal_to_itself_and_its_replay(
    store_url: str, cuts: list[int], every: int | None, by_name: bool
) -> None:
    """An item through every command, saved in random parts, loads equal under its regime
    or a mapping of regimes by name."""
    item = full_item()
    stream = new_stream("item")
    regimes: Regime | dict[str, Regime] = (
        {"other": REGIME, REGIME.name: REGIME} if by_name else REGIME
    )
    with open_store(store_url, snapshot_every=every) as store:
        save_in_parts(
            store, stream, item.events, cuts, item_from, partial(store.load_item, stream, regimes)
        )

        loaded = store.load_item(stream, regimes)

        assert loaded == item
        assert loaded == WorkItem.replay(item.events, REGIME)
        assert store.load(stream) == item.events


def test_loading_an_item_without_its_regime_is_refused(store: Store) -> None:
    """A mapping of regimes that lacks the item's is refused naming the regime."""
    item = full_item()
    store.save("w", item, expected_version=0)

    with pytest.raises(StoreError) as refused:
        store.load_item("w", {"hotline": REGIME})

    assert (refused.value.code, refused.value.stream, refused.value.position) == (
        "store.wrong-aggregate",
        "w",
        1,
    )
    assert refused.value.value == REGIME.name


def test_an_item_snapshot_under_a_changed_regime_is_passed_over(
    stores: Callable[..., Store],
) -> None:
    """Loaded under a regime that has changed since the snapshot, the item is replayed
    under the new regime, not restored as it was."""
    store = stores(snapshot_every=5)
    item = full_item()
    store.save("w", item, expected_version=0)
    changed = Regime.from_toml(REGIME_TOML.replace('"10个工作日" }', '"15个工作日" }', 1))
    assert changed != REGIME

    loaded = store.load_item("w", changed)

    assert loaded._earlier_count == 0
    assert loaded == WorkItem.replay(item.events, changed)
    assert loaded.limit == changed.limit_for(kind="投诉", urgency="一般", channel="*")


def test_load_gives_the_events_after_a_number(store: Store) -> None:
    """``load(stream, after=n)`` skips the first n events; a stream never written is at 0."""
    campaign = small_campaign(opinions=4)
    store.save("c", campaign, expected_version=0)

    assert store.load("c", after=2) == campaign.events[2:]
    assert store.load("c", after=campaign.version) == ()
    assert store.version("never-written") == 0
    assert store.load("never-written") == ()


def test_an_in_memory_store_keeps_what_is_saved_while_open() -> None:
    """``sqlite://`` is a database in memory, shared by the store's connections."""
    campaign = small_campaign()
    with open_store("sqlite://") as store:
        store.save("c", campaign, expected_version=0)
        assert store.load_campaign("c") == campaign
        assert repr(store) == "<Store sqlite>"


def test_two_in_memory_stores_are_separate_databases() -> None:
    """Each ``sqlite://`` store is its own database (docs/storage.md: "in memory, shared by
    the store's connections, gone when it closes"), as SQLAlchemy's ``sqlite://`` is: one
    store's streams are not in another's."""
    stream = new_stream()
    with open_store("sqlite://") as first, open_store("sqlite://") as second:
        first.save(stream, small_campaign(), expected_version=0)

        assert second.version(stream) == 0


# ---- versions


def test_an_append_at_another_version_conflicts_and_writes_nothing(store: Store) -> None:
    """Appending at a version the stream is not at (below or above its 4) raises
    ConcurrencyConflict naming both versions; the stream's events and version are unchanged."""
    campaign = small_campaign(opinions=3)
    store.save("c", campaign, expected_version=0)
    at = campaign.events[-1].at + timedelta(hours=1)
    new = ActivityHeld(at=at, by="chief", stage="mobilise", activity="mobilisation")

    for expected in (0, 3, 5, 9):
        with pytest.raises(ConcurrencyConflict) as conflict:
            store.append("c", [new], expected_version=expected)

        assert (conflict.value.stream, conflict.value.expected, conflict.value.actual) == (
            "c",
            expected,
            4,
        )
        assert conflict.value.code == "store.conflict"
        assert f"第 {expected} 版" in str(conflict.value)
        assert "第 4 版" in str(conflict.value)
        assert store.version("c") == 4
        assert store.load("c") == campaign.events


def test_an_append_at_the_right_version_returns_the_new_version(store: Store) -> None:
    campaign = small_campaign(opinions=1)
    first, second = campaign.events

    assert store.append("c", [first], expected_version=0) == 1
    assert store.append("c", (second,), expected_version=1) == 2
    assert store.load("c") == campaign.events


def test_an_empty_append_returns_the_expected_version(store: Store) -> None:
    store.save("c", small_campaign(opinions=1), expected_version=0)

    for expected in (0, 2, 7):
        assert store.append("c", [], expected_version=expected) == expected
        assert store.version("c") == 2


def test_an_expected_version_that_is_not_a_whole_number_is_refused(store: Store) -> None:
    """expected_version must be an int >= 0 (not a bool): ``store.expected``, nothing written."""
    campaign = small_campaign(opinions=1)

    for expected in (-1, True, False, "1", 1.0, None):
        for call in (
            partial(store.append, "c", list(campaign.events), expected_version=expected),
            partial(store.save, "c", campaign, expected_version=expected),
        ):
            error = _refused(call)
            assert (error.code, error.stream, error.value) == ("store.expected", "c", expected)

    assert store.version("c") == 0


def test_a_save_beyond_the_aggregates_version_is_refused(store: Store) -> None:
    """A campaign of 3 events cannot be saved as if loaded at version 4."""
    campaign = small_campaign(opinions=2)

    with pytest.raises(StoreError) as refused:
        store.save("c", campaign, expected_version=4)

    assert (refused.value.code, refused.value.value) == ("store.expected", 4)
    assert store.version("c") == 0


def test_a_save_at_a_stale_version_conflicts(store: Store) -> None:
    """Two copies loaded at one version: the second save conflicts and writes nothing."""
    store.save("c", small_campaign(opinions=1), expected_version=0)
    first, second = store.load_campaign("c"), store.load_campaign("c")
    for copy, key in ((first, "A"), (second, "B")):
        copy.receive_opinion(opinion(key, moment(3, 4)), at=moment(3, 4), by="chief")

    assert store.save("c", first, expected_version=2) == 3
    with pytest.raises(ConcurrencyConflict) as conflict:
        store.save("c", second, expected_version=2)

    assert (conflict.value.expected, conflict.value.actual) == (2, 3)
    assert store.load_campaign("c") == first


def test_saving_a_value_that_is_not_an_aggregate_is_refused(store: Store) -> None:
    with pytest.raises(InvalidArgument):
        store.save("c", small_campaign().events, expected_version=0)  # type: ignore[arg-type]


# ---- concurrency


ROUNDS = 6


def test_of_two_processes_saving_at_one_version_exactly_one_wins(store_url: str) -> None:
    """Two processes load a campaign at one version, each records its own opinion, and both
    save at that version at the same moment: one is saved, the other gets
    ConcurrencyConflict, and the stream replays to the winner's campaign.  Six rounds."""
    stream = new_stream("race")
    with open_store(store_url) as store:
        store.save(stream, small_campaign(opinions=1), expected_version=0)
        context = multiprocessing.get_context("spawn")  # fresh interpreters, as a host runs
        barrier = context.Barrier(2)
        results = context.Queue()
        rounds = [context.Queue(), context.Queue()]
        workers = [
            context.Process(
                target=race, args=(store_url, stream, who, barrier, rounds[who], results)
            )
            for who in (0, 1)
        ]
        for worker in workers:
            worker.start()
        try:
            for round_ in range(ROUNDS):
                before = store.load(stream)
                for queue in rounds:
                    queue.put(round_)
                outcomes = sorted((results.get(timeout=120) for _ in workers), key=lambda r: r[2])

                assert [outcome[2] for outcome in outcomes] == ["conflict", "saved"], outcomes
                (loser, _, _, loser_loaded, expected, actual, _) = outcomes[0]
                (winner, _, _, winner_loaded, version, _, new) = outcomes[1]
                assert loser_loaded == winner_loaded == len(before)
                assert (expected, actual, version) == (
                    len(before),
                    len(before) + 1,
                    len(before) + 1,
                )
                won = Campaign.replay([*before, *json_events(new)])
                assert store.load_campaign(stream) == won
                assert Campaign.replay(store.load(stream)) == won
                assert f"R{round_}-{loser}" not in won.opinions
                assert f"R{round_}-{winner}" in won.opinions
        finally:
            for queue in rounds:
                queue.put(None)
            for worker in workers:
                worker.join(timeout=60)
                if worker.is_alive():  # pragma: no cover - only when a worker hangs
                    worker.kill()
        assert [worker.exitcode for worker in workers] == [0, 0]
        assert store.version(stream) == 2 + ROUNDS


OPENERS = 6


def test_of_processes_opening_one_store_at_once_all_succeed(store_url: str) -> None:
    """Hosts start many processes together: each opens the store (creating its tables if
    missing) at the same moment, and all of them can write.  Twice: first on an empty
    database, then on one whose tables exist."""
    context = multiprocessing.get_context("spawn")
    for _ in ("empty", "existing"):
        barrier = context.Barrier(OPENERS)
        results = context.Queue()
        workers = [
            context.Process(target=open_at_once, args=(store_url, barrier, results))
            for _ in range(OPENERS)
        ]
        for worker in workers:
            worker.start()
        try:
            outcomes = [results.get(timeout=120) for _ in workers]
        finally:
            for worker in workers:
                worker.join(timeout=60)
                if worker.is_alive():  # pragma: no cover - only when a worker hangs
                    worker.kill()
        assert outcomes == ["ok"] * OPENERS
    with open_store(store_url) as store:
        assert sum(1 for _ in store.read_all()) == 2 * OPENERS * 2


def json_events(text: str) -> list[Any]:
    from xingfeng import from_json

    return from_json(text, list[Event])  # type: ignore[arg-type]


def test_of_two_threads_sharing_a_store_exactly_one_wins(store: Store) -> None:
    """The same race between threads sharing one store, each with its own campaign object."""
    store.save("c", small_campaign(opinions=1), expected_version=0)

    def write(
        who: int, round_: int, barrier: threading.Barrier, outcomes: dict[int, object]
    ) -> None:
        campaign = store.load_campaign("c")
        loaded = campaign.version
        at = campaign.events[-1].at + timedelta(minutes=1)
        campaign.receive_opinion(opinion(f"T{round_}-{who}", at), at=at, by="chief")
        barrier.wait(timeout=30)
        try:
            store.save("c", campaign, expected_version=loaded)
            outcomes[who] = campaign
        except Exception as error:
            outcomes[who] = error

    for round_ in range(ROUNDS):
        barrier = threading.Barrier(2)
        outcomes: dict[int, object] = {}
        threads = [
            threading.Thread(target=write, args=(who, round_, barrier, outcomes)) for who in (0, 1)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

        won = [o for o in outcomes.values() if isinstance(o, Campaign)]
        lost = [o for o in outcomes.values() if not isinstance(o, Campaign)]
        assert len(won) == 1, outcomes
        assert len(lost) == 1, outcomes
        assert isinstance(lost[0], ConcurrencyConflict), lost
        assert store.load_campaign("c") == won[0]
    assert store.version("c") == 2 + ROUNDS


# ---- snapshots


def test_loading_after_many_events_starts_from_the_latest_snapshot(
    stores: Callable[..., Store], tables: Tables
) -> None:
    """With snapshots every 10 events, the campaign saved in parts of 7 loads from its
    latest snapshot (the events before it not yet read), equals its replay, and its
    ``events`` then fetch the earlier events from the database."""
    store = stores(snapshot_every=10)
    campaign = gas_campaign()
    save_in_parts(
        store, "gas", campaign.events, range(7, campaign.version, 7), campaign_from,
        partial(store.load_campaign, "gas"),
    )  # fmt: skip
    snapshot_versions = [number for number, _, _ in tables.rows(SNAPSHOTS, "gas")]
    assert snapshot_versions == [14, 21, 35, 42, 55]  # each save that passed a multiple of 10

    loaded = store.load_campaign("gas")

    assert loaded._earlier_count == 55  # restored from the snapshot, nothing replayed
    assert loaded.events == campaign.events  # fetched now
    assert loaded._earlier_count == 0
    assert loaded == campaign == Campaign.replay(campaign.events)


def test_a_work_item_loads_from_its_snapshot_and_its_tail(stores: Callable[..., Store]) -> None:
    """An item saved with snapshots every 7 events loads from the snapshot at 14 and the 6
    events after it."""
    store = stores(snapshot_every=7)
    item = full_item()
    save_in_parts(
        store, "w", item.events, [5, 14], item_from, partial(store.load_item, "w", REGIME)
    )

    loaded = store.load_item("w", REGIME)

    assert loaded._earlier_count == 14
    assert loaded.version == 20
    assert loaded == item


def test_an_aggregate_loaded_from_a_snapshot_saves_what_it_records_next(
    stores: Callable[..., Store],
) -> None:
    """Loaded from a snapshot, a campaign runs a command and saves only the new event."""
    store = stores(snapshot_every=5)
    store.save("c", small_campaign(opinions=6), expected_version=0)
    loaded = store.load_campaign("c")
    assert loaded._earlier_count == 7
    at = moment(3, 10)

    loaded.receive_opinion(opinion("late", at), at=at, by="chief")
    version = store.save("c", loaded, expected_version=7)

    assert version == 8
    assert loaded._earlier_count == 7  # saving did not need the earlier events
    assert store.load_campaign("c") == Campaign.replay(store.load("c")) == loaded


def test_without_snapshots_none_are_written(stores: Callable[..., Store], tables: Tables) -> None:
    store = stores(snapshot_every=None)
    store.save("c", small_campaign(opinions=30), expected_version=0)

    loaded = store.load_campaign("c")

    assert tables.rows(SNAPSHOTS, "c") == []
    assert loaded._earlier_count == 0


@pytest.mark.parametrize("every", [0, -1, True, 1.5, "10"])
def test_a_snapshot_interval_that_is_not_a_whole_number_is_refused(every: Any) -> None:
    with pytest.raises(InvalidArgument):
        open_store("sqlite://", snapshot_every=every)


#: Ways a snapshot row can be unusable; each must be passed over for the stream's replay.
UNUSABLE_SNAPSHOTS: dict[str, Callable[[bytes], bytes]] = {
    "another library version": other_version_header,
    "garbage after the header": lambda state: header_of(state) + b"\x00garbage\xff",
    "a truncated pickle": lambda state: state[: len(state) // 2],
    "empty": lambda state: b"",
    "random bytes": lambda state: os.urandom(200),
    "a list, not a state": lambda state: header_of(state) + pickle.dumps([1, 2]),
    "a dict that is not the state": lambda state: header_of(state) + pickle.dumps({"a": 1}),
    "an empty dict": lambda state: header_of(state) + pickle.dumps({}),
}


@pytest.mark.parametrize("how", list(UNUSABLE_SNAPSHOTS))
def test_an_unusable_snapshot_is_passed_over_for_the_replay(
    stores: Callable[..., Store], tables: Tables, how: str
) -> None:
    """A campaign's or an item's snapshot that this library cannot use is ignored: the
    aggregate is replayed from its first event and loads equal."""
    store = stores(snapshot_every=5)
    campaign, item = small_campaign(opinions=5), full_item()
    store.save("c", campaign, expected_version=0)
    store.save("w", item, expected_version=0)
    for stream in ("c", "w"):
        [(number, _, state)] = tables.rows(SNAPSHOTS, stream)
        tables.set_state(SNAPSHOTS, stream, number, UNUSABLE_SNAPSHOTS[how](state))

    loaded_campaign = store.load_campaign("c")
    loaded_item = store.load_item("w", REGIME)

    assert (loaded_campaign._earlier_count, loaded_item._earlier_count) == (0, 0)  # replayed
    assert loaded_campaign == campaign
    assert loaded_item == item


class _Call:
    """Pickles as a call of ``function`` with ``args``: what a hostile row would hold."""

    def __init__(self, function: Callable[..., object], *args: object) -> None:
        self.function, self.args = function, args

    def __reduce__(self) -> tuple[Any, ...]:
        return self.function, self.args


def _global(module: str, name: str) -> bytes:
    return b"c" + module.encode() + b"\n" + name.encode() + b"\n"


def _text(value: str) -> bytes:
    return b"V" + value.encode("raw_unicode_escape") + b"\n"


def _call(function: bytes, *args: bytes) -> bytes:
    return function + b"(" + b"".join(args) + b"tR"


def _chain(attribute: Callable[[bytes, str], bytes], directory: str) -> bytes:
    """A pickle that makes ``directory`` by reaching ``__import__`` through the globals of
    a xingfeng function, with ``attribute(obj, name)`` as its only way to read attributes:
    if the unpickler lets that through, a row can run any code."""
    scope = attribute(_global("xingfeng.exceptions", "InvalidArgument"), "__init__.__globals__")
    builtins = _call(attribute(scope, "get"), _text("__builtins__"))
    import_ = _call(attribute(builtins, "get"), _text("__import__"))
    os_module = _call(import_, _text("os"))
    return _call(attribute(os_module, "mkdir"), _text(directory)) + b"."


def _reexported(cls: type) -> tuple[str, str] | None:
    """A module under the prefixes snapshots admit that re-exports ``cls``, and its name."""
    for name, module in sorted(sys.modules.items()):
        if name.startswith(("xingfeng.", "pendulum.", "networkx.classes.")) and not name.startswith(
            "xingfeng.store"
        ):
            for attribute, value in vars(module).items():
                if value is cls:
                    return name, attribute
    return None


def _by_getattr(obj: bytes, name: str) -> bytes:
    for part in name.split("."):
        obj = _call(_global("builtins", "getattr"), obj, _text(part))
    return obj


def _by_attrgetter(obj: bytes, name: str) -> bytes:
    import operator

    found = _reexported(operator.attrgetter)
    if found is None:  # pragma: no cover - depends on what the library imports
        pytest.skip("no module the snapshots admit re-exports operator.attrgetter")
    return _call(_call(_global(*found), _text(name)), obj)


HOSTILE: dict[str, Callable[[str], bytes]] = {
    "os.system": lambda marker: pickle.dumps(_Call(os.system, f"mkdir {marker}")),
    "builtins.eval": lambda marker: pickle.dumps(
        _Call(eval, f"__import__('os').mkdir({marker!r})")
    ),
    "builtins.exec": lambda marker: pickle.dumps(_Call(exec, f"import os; os.mkdir({marker!r})")),
    "getattr beyond enums and zones": lambda marker: _chain(_by_getattr, marker),
    "operator.attrgetter re-exported by a xingfeng module": lambda marker: _chain(
        _by_attrgetter, marker
    ),
}


@pytest.mark.parametrize("payload", list(HOSTILE))
def test_a_hostile_snapshot_does_not_run_and_the_stream_is_replayed(
    stores: Callable[..., Store], tables: Tables, tmp_path: Path, payload: str
) -> None:
    """A snapshot row holding a pickle that would run code (``__reduce__`` to os.system,
    eval or exec; attribute reading chained up to ``__import__``) is refused by the
    restricted unpickler: the marker it would make does not exist, and the campaign loads
    by replay."""
    store = stores(snapshot_every=5)
    campaign = small_campaign(opinions=5)
    store.save("c", campaign, expected_version=0)
    [(number, _, state)] = tables.rows(SNAPSHOTS, "c")
    marker = tmp_path / f"pwned-{uuid.uuid4().hex}"
    tables.set_state(SNAPSHOTS, "c", number, header_of(state) + HOSTILE[payload](str(marker)))

    loaded = store.load_campaign("c")

    assert not marker.exists(), f"the snapshot ran code: {payload}"
    assert loaded._earlier_count == 0
    assert loaded == campaign


@STORE_SETTINGS
@given(campaign=testing.campaigns(max_opinions=4, max_problems=3, max_measures=3), data=st.data())
def test_a_snapshot_and_the_events_after_it_equal_the_full_replay(
    store_url: str, campaign: Campaign, data: st.DataObject
) -> None:
    """For any split point k, the state restored from the snapshot at k and the events
    after it equals the replay of all the events."""
    events = campaign.events
    k = data.draw(st.integers(min_value=1, max_value=len(events)), label="k")
    stream = new_stream("split")
    with open_store(store_url, snapshot_every=k) as first:
        first.save(stream, Campaign.replay(events[:k]), expected_version=0)
    with open_store(store_url, snapshot_every=10**9) as store:  # no further snapshot
        store.save(stream, campaign, expected_version=k)

        loaded = store.load_campaign(stream)

        assert loaded._earlier_count == k
        assert loaded == Campaign.replay(events)
        assert loaded.events == events


@settings(max_examples=10, deadline=None)
@given(campaign=testing.campaigns())
def test_a_campaign_pickles_to_an_equal_campaign(campaign: Campaign) -> None:
    copy = pickle.loads(pickle.dumps(campaign))

    assert copy == campaign
    assert copy.events == campaign.events


def test_a_work_item_pickles_to_an_equal_item() -> None:
    item = full_item()

    copy = pickle.loads(pickle.dumps(item))

    assert copy == item
    assert copy.events == item.events


def test_an_aggregate_loaded_from_a_snapshot_pickles_with_its_whole_log(
    stores: Callable[..., Store],
) -> None:
    """Pickling a campaign restored from a snapshot fetches the events before it, so the
    copy needs no store."""
    store = stores(snapshot_every=5)
    campaign = small_campaign(opinions=6)
    store.save("c", campaign, expected_version=0)
    loaded = store.load_campaign("c")
    assert loaded._earlier_count == 7

    copy = pickle.loads(pickle.dumps(loaded))

    assert copy._earlier_count == 0
    assert copy.events == campaign.events
    assert copy == campaign


# ---- bad addresses


@pytest.mark.parametrize(
    "url",
    [
        "mysql://localhost/xingfeng",
        "sqlite:/x.db",
        "sqlite:x.db",
        "sqlite://x.db",
        "",
        "events.db",
        42,
        None,
        b"sqlite://",
        "postgresql://localhost/",
        "postgresql://localhost",
        "postgresql://localhost/db?schema=Bad-Name",
        "postgresql://localhost/db?schema=1st",
        "postgresql://localhost/db?schema=x;drop",
        "postgresql://localhost/db?sslmode=disable",
        "postgresql://localhost:port/db",
        "postgresql://localhost:99999/db",
        "postgresql://localhost:0/db",
        "postgresql://localhost/db?port=0",
        "postgresql://localhost/db?port=５４３２",
        "postgresql://[::1/db",
        "sqlite:///tmp/a\x00b.db",
    ],
)
def test_a_bad_url_is_refused(url: Any) -> None:
    """Anything but ``sqlite://…`` or ``postgresql://…/db`` (with a well-formed schema) is
    refused with ``store.url`` before any connection is tried."""
    with pytest.raises(StoreError) as refused:
        open_store(url)

    assert refused.value.code == "store.url"
    assert (refused.value.stream, refused.value.position) == (None, None)
    assert refused.value.value == url
    assert refused.value.expected


def test_a_password_never_shows_in_an_error() -> None:
    """A URL's password is masked wherever a store error shows the URL."""
    for url in (
        "mysql://clerk:s3cret@db/xf",
        "postgresql://clerk:s3cret@db:port/xf",
        "postgresql://clerk:s3/cret@db/xf?bad=1",  # an unescaped slash in the password
        "postgresql://clerk:s3#cret@db/xf?bad=1",
        "postgresql://clerk:s3cret@db@db/xf?bad=1",
    ):
        with pytest.raises(StoreError) as refused:
            open_store(url)
        assert "s3cret" not in str(refused.value)
        assert "s3cret" not in repr(refused.value.value)
        assert refused.value.value.startswith(url.split("://")[0] + "://clerk:***@db")


@pytest.mark.parametrize(
    "where",
    ["a folder that does not exist", "a folder, not a file", "a server nobody listens on"],
)
def test_a_database_that_cannot_be_opened_is_unavailable(tmp_path: Path, where: str) -> None:
    """A file that cannot be opened, or a server that cannot be reached, is
    ``store.unavailable`` in Chinese, naming the URL without its password; nothing is left
    open."""
    url = {
        "a folder that does not exist": f"sqlite:///{tmp_path}/missing/events.db",
        "a folder, not a file": f"sqlite:///{tmp_path}",
        "a server nobody listens on": "postgresql://clerk:s3cret@127.0.0.1:1/xingfeng",
    }[where]
    with pytest.raises(StoreError) as refused:
        open_store(url)
    assert refused.value.code == "store.unavailable"
    assert str(refused.value).startswith("[store.unavailable] 无法打开存储 ")
    assert "s3cret" not in str(refused.value)
    assert "s3cret" not in repr(refused.value.value)


def test_a_closed_store_refuses_every_use(store: Store) -> None:
    """After ``close()`` every read and write is ``store.closed``, never a driver's error."""
    campaign = small_campaign(opinions=1)
    store.save("c", campaign, expected_version=0)
    store.close()
    uses: list[Callable[[], object]] = [
        lambda: store.append("c", campaign.events, expected_version=2),
        lambda: store.version("c"),
        lambda: store.load("c"),
        lambda: list(store.read_all()),
        lambda: store.save("d", campaign, expected_version=0),
        lambda: store.load_campaign("c"),
        lambda: store.load_item("c", REGIME),
    ]
    for use in uses:
        with pytest.raises(StoreError) as refused:
            use()
        assert refused.value.code == "store.closed"
        assert "存储已关闭" in str(refused.value)


def test_a_database_failing_under_the_store_is_unavailable(store: Store, tables: Tables) -> None:
    """The events table dropped behind the store's back: each read is ``store.unavailable``
    naming the stream, with the driver's error kept as the cause for developers."""
    store.save("c", small_campaign(opinions=1), expected_version=0)
    tables.execute(f"DROP TABLE {EVENTS}")
    for read in (lambda: store.load("c"), lambda: store.version("c"), store.read_all):
        with pytest.raises(StoreError) as refused:
            list(read())  # type: ignore[call-overload]
        assert refused.value.code == "store.unavailable"
        assert str(refused.value).startswith("[store.unavailable]")
        assert refused.value.__cause__ is not None


# ---- bad stored data


def _replace(state: bytes, **changes: object) -> bytes:
    data = json.loads(state)
    data.update(changes)
    return json.dumps(data, ensure_ascii=False).encode()


def _drop(state: bytes, key: str) -> bytes:
    data = json.loads(state)
    del data[key]
    return json.dumps(data).encode()


#: Tampering with event 3 (an OpinionReceived) of a 5-event campaign, and the code it gives.
TAMPERED: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "truncated": (lambda state: state[: len(state) // 2], "store.corrupt"),
    "not JSON": (lambda state: b"{not json", "store.corrupt"),
    "empty": (lambda state: b"", "store.corrupt"),
    "a JSON list": (lambda state: b"[1, 2, 3]", "store.corrupt"),
    "another event's JSON": (lambda state: _replace(state, event="ActivityHeld"), "store.corrupt"),
    "no event key": (lambda state: _drop(state, "event"), "store.corrupt"),
    "a newer schema version": (lambda state: _replace(state, version=2), "store.newer-version"),
    "a version that is text": (lambda state: _replace(state, version="1"), "store.corrupt"),
    "a field of the wrong type": (lambda state: _replace(state, by=42), "store.corrupt"),
    "a missing field": (lambda state: _drop(state, "opinion"), "store.corrupt"),
    "an extra field": (lambda state: _replace(state, extra=1), "store.corrupt"),
}


@pytest.fixture
def five_events(store: Store) -> tuple[Store, Campaign]:
    """A stream ``c`` of five events: a launch and four opinions."""
    campaign = small_campaign(opinions=4)
    store.save("c", campaign, expected_version=0)
    return store, campaign


@pytest.mark.parametrize("how", list(TAMPERED))
def test_a_tampered_event_is_refused_naming_its_stream_and_number(
    five_events: tuple[Store, Campaign], tables: Tables, how: str
) -> None:
    """Each reading (load, load_campaign, read_all) refuses the event with its code, the
    stream and the event's number; nothing is written."""
    store, _ = five_events
    tamper, code = TAMPERED[how]
    [(_, _, state)] = [row for row in tables.rows(EVENTS, "c") if row[0] == 3]
    tables.set_state(EVENTS, "c", 3, tamper(state))
    rows = tables.rows(EVENTS, "c")

    for call in (
        partial(store.load, "c"),
        partial(store.load_campaign, "c"),
        lambda: list(store.read_all()),
    ):
        error = _refused(call)
        assert (error.code, error.stream, error.position) == (code, "c", 3), error
    assert tables.rows(EVENTS, "c") == rows
    assert store.version("c") == 5


def test_an_unknown_event_type_is_refused_naming_it(
    five_events: tuple[Store, Campaign], tables: Tables
) -> None:
    store, _ = five_events
    tables.set_topic("c", 4, "OpinionWithdrawn")

    error = _refused(store.load_campaign, "c")

    assert (error.code, error.stream, error.position) == ("store.unknown-event", "c", 4)
    assert error.value == "OpinionWithdrawn"


def test_a_gap_in_the_numbering_is_refused_naming_the_missing_number(
    five_events: tuple[Store, Campaign], tables: Tables
) -> None:
    store, _ = five_events
    tables.delete("c", 3)

    for call in (partial(store.load, "c"), partial(store.load_campaign, "c")):
        error = _refused(call)
        assert (error.code, error.stream, error.position) == ("store.gap", "c", 3)


def test_a_missing_first_event_is_a_gap(
    five_events: tuple[Store, Campaign], tables: Tables
) -> None:
    store, _ = five_events
    tables.delete("c", 1)

    error = _refused(store.load_campaign, "c")

    assert (error.code, error.stream, error.position) == ("store.gap", "c", 1)


def test_an_event_that_could_not_have_happened_is_refused_naming_its_number(
    five_events: tuple[Store, Campaign], tables: Tables
) -> None:
    """A well-formed event that its command would have refused (an opinion received twice
    under one id) makes the stream unloadable: ``store.corrupt`` at that event."""
    store, _ = five_events
    [(_, _, second)] = [row for row in tables.rows(EVENTS, "c") if row[0] == 2]
    tables.set_state(EVENTS, "c", 4, second)

    error = _refused(store.load_campaign, "c")

    assert (error.code, error.stream, error.position) == ("store.corrupt", "c", 4)


def test_an_event_that_could_not_have_happened_after_a_snapshot_is_refused_naming_it(
    stores: Callable[..., Store], tables: Tables
) -> None:
    store = stores(snapshot_every=3)
    store.save("c", small_campaign(opinions=2), expected_version=0)
    [(_, _, second)] = [row for row in tables.rows(EVENTS, "c") if row[0] == 2]
    store.append("c", [json_events(f"[{second.decode()}]")[0]], expected_version=3)

    error = _refused(store.load_campaign, "c")

    assert (error.code, error.stream, error.position) == ("store.corrupt", "c", 4)


def test_a_stream_of_events_written_before_the_contract_loads(store: Store, tables: Tables) -> None:
    """Rows written before events carried ``"version"`` load as version 1."""
    campaign = gas_campaign()
    store.save("gas", campaign, expected_version=0)
    for number, _, state in tables.rows(EVENTS, "gas"):
        tables.set_state(EVENTS, "gas", number, _drop(state, "version"))

    assert store.load_campaign("gas") == campaign


def test_a_work_item_stream_is_not_a_campaign_and_the_reverse(
    stores: Callable[..., Store],
) -> None:
    """``load_campaign`` of a work item's stream and ``load_item`` of a campaign's are
    refused naming the stream and its first event, with snapshots present or not."""
    for every in (None, 1):
        store = stores(snapshot_every=every)
        campaign_stream, item_stream = new_stream(), new_stream()
        store.save(campaign_stream, small_campaign(), expected_version=0)
        store.save(item_stream, full_item(), expected_version=0)

        error = _refused(store.load_campaign, item_stream)
        assert (error.code, error.stream, error.position) == (
            "store.wrong-aggregate",
            item_stream,
            1,
        )
        error = _refused(store.load_item, campaign_stream, REGIME)
        assert (error.code, error.stream, error.position) == (
            "store.wrong-aggregate",
            campaign_stream,
            1,
        )


def test_a_stream_with_work_item_events_after_a_launch_is_refused(store: Store) -> None:
    """An item's event appended to a campaign's stream cannot be replayed: ``store.corrupt``."""
    campaign = small_campaign(opinions=1)
    store.save("c", campaign, expected_version=0)
    store.append("c", [ItemAccepted(at=moment(3, 5), by="wen", notice="x")], expected_version=2)

    error = _refused(store.load_campaign, "c")

    assert (error.code, error.stream) == ("store.corrupt", "c")


def test_an_empty_stream_is_refused(store: Store) -> None:
    for call in (
        partial(store.load_campaign, "nothing-here"),
        partial(store.load_item, "nothing-here", REGIME),
    ):
        error = _refused(call)
        assert (error.code, error.stream) == ("store.stream", "nothing-here")


def test_a_stream_id_that_is_not_text_is_refused(store: Store) -> None:
    """Empty, blank, not text or longer than 255 characters: ``store.stream`` for every
    call, and nothing written."""
    campaign = small_campaign(opinions=1)
    for stream in ("", "   ", 42, None, b"c", "x" * 256):
        for call in (
            partial(store.append, stream, list(campaign.events), expected_version=0),
            partial(store.save, stream, campaign, expected_version=0),
            partial(store.load, stream),
            partial(store.version, stream),
            partial(store.load_campaign, stream),
            partial(store.load_item, stream, REGIME),
        ):
            assert _refused(call).code == "store.stream", stream
    assert list(store.read_all()) == []


@attrs.frozen(kw_only=True)
class ActivityHeldLookalike:
    """Named like no event, shaped like one."""

    at: Any
    by: str


NOT_EVENTS: dict[str, Callable[[Campaign], Any]] = {
    "an object": lambda c: [c.events[0], object()],
    "a dict of an event": lambda c: [c.events[0], {"event": "ActivityHeld"}],
    "JSON text": lambda c: [c.events[0], to_json(c.events[1])],
    "a campaign": lambda c: [c.events[0], c],
    "a lookalike class": lambda c: [c.events[0], ActivityHeldLookalike(at=moment(3, 3), by="x")],
}


def test_appending_something_that_is_not_an_event_is_refused_and_writes_nothing(
    store: Store,
) -> None:
    """A batch with a non-event in second place is refused naming that place; the valid
    event before it is not written either."""
    campaign = small_campaign(opinions=1)

    for how, batch in NOT_EVENTS.items():
        error = _refused(store.append, "c", batch(campaign), expected_version=0)

        assert (error.code, error.stream, error.position) == ("store.events", "c", 2), how
        assert store.version("c") == 0


def test_appending_something_that_is_not_a_sequence_is_refused(store: Store) -> None:
    for events in ("ActivityHeld", b"x", 42, None, {"a": 1}):
        error = _refused(store.append, "c", events, expected_version=0)

        assert (error.code, error.stream) == ("store.events", "c"), events
        assert store.version("c") == 0


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _fuzzed(draw: st.DrawFn, state: bytes) -> bytes:
    kind = draw(st.sampled_from(["bytes", "json", "fields"]))
    if kind == "bytes":
        return draw(st.binary(max_size=64))
    if kind == "json":
        return json.dumps(draw(json_values)).encode()
    data = json.loads(state)
    for key in draw(st.lists(st.sampled_from(sorted(data)), max_size=3, unique=True)):
        data[key] = draw(json_values)
    return json.dumps(data).encode()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_stored_data_raises_only_store_error(tmp_path: Path, data: st.DataObject) -> None:
    """Random bytes, random JSON or an event's JSON with random values as a stored event:
    loading gives a campaign or a StoreError, never another exception."""
    url = f"sqlite:///{tmp_path}/{uuid.uuid4().hex}.db"  # a new database per example
    stream = new_stream("fuzz")
    with open_store(url, snapshot_every=None) as store:
        store.save(stream, small_campaign(opinions=2), expected_version=0)
        tables = Tables(url)
        [(_, _, state)] = [row for row in tables.rows(EVENTS, stream) if row[0] == 2]
        tables.set_state(EVENTS, stream, 2, _fuzzed(data.draw, state))

        refusals: list[StoreError] = []
        for read in (partial(store.load_campaign, stream), partial(list, store.read_all())):
            try:
                read()
            except StoreError as error:  # the only exception allowed out
                refusals.append(error)

        for error in refusals:
            assert error.stream == stream
            assert error.code in StoreError.CODES
            assert error.position in (None, 2)


# ---- read_all


def test_read_all_gives_every_event_of_every_stream_in_the_order_written(store: Store) -> None:
    """Saves of three streams, interleaved, come back in write order with increasing
    positions; ``after`` resumes after a position; every batch size gives the same."""
    written: list[tuple[str, int, Any]] = []
    a, b = small_campaign(opinions=4), small_campaign(opinions=2)
    item = full_item()
    plan = [("a", a, 2), ("w", item, 5), ("b", b, 3), ("a", a, 5), ("w", item, 20), ("b", b, 3)]
    saved = {"a": 0, "b": 0, "w": 0}
    for stream, aggregate, upto in plan:
        events = aggregate.events
        store.append(stream, events[saved[stream] : upto], expected_version=saved[stream])
        written += [(stream, n, events[n - 1]) for n in range(saved[stream] + 1, upto + 1)]
        saved[stream] = upto

    everything = list(store.read_all())

    assert [(e.stream, e.number, e.event) for e in everything] == written
    assert all(isinstance(e, StoredEvent) for e in everything)
    positions = [e.position for e in everything]
    assert positions == sorted(set(positions))
    for index, position in enumerate([0, *positions]):
        assert list(store.read_all(after=position)) == everything[index:]
    for batch in range(1, len(everything) + 2):
        assert list(store.read_all(batch=batch)) == everything


@pytest.mark.parametrize(
    "arguments", [{"after": -1}, {"after": True}, {"after": "0"}, {"batch": 0}, {"batch": False}]
)
def test_read_all_refuses_a_bad_position_or_batch(store: Store, arguments: dict[str, Any]) -> None:
    with pytest.raises(InvalidArgument):
        list(store.read_all(**arguments))


def test_every_store_error_is_a_xingfeng_error_and_a_value_error() -> None:
    error = StoreError("store.gap", "x", stream="s", position=2)

    assert isinstance(error, XingfengError)
    assert isinstance(error, ValueError)
    assert str(error).startswith("[store.gap] 流 's' 第 2 个事件：x")
    with pytest.raises(ValueError, match=r"store\.nonsense"):
        StoreError("store.nonsense", "x")
    conflict = ConcurrencyConflict("s", 1, 2)
    assert isinstance(conflict, XingfengError)
    assert isinstance(conflict, RuntimeError)


def test_the_problem_recorded_event_round_trips_through_the_store(store: Store) -> None:
    """A sanity check on one event's fields: enums, tuples, optional text survive."""
    campaign = gas_campaign()
    store.save("gas", campaign, expected_version=0)

    recorded = [e for e in store.load("gas") if isinstance(e, ProblemRecorded)]

    assert recorded == [e for e in campaign.events if isinstance(e, ProblemRecorded)]
    assert len(recorded) == 4


def test_positions_and_versions_beyond_the_database_integer_are_refused(store: Store) -> None:
    """The databases count in 64-bit integers: a position, version or batch beyond them is
    refused as an argument, not sent to the database to fail there."""
    store.save("c", small_campaign(opinions=1), expected_version=0)
    with pytest.raises(InvalidArgument):
        store.load("c", after=2**63)
    with pytest.raises(InvalidArgument):
        list(store.read_all(after=10**30))
    with pytest.raises(InvalidArgument):
        list(store.read_all(batch=100_001))
    for expected in (2**63 - 1, 10**30):
        with pytest.raises(StoreError) as refused:
            store.append("c", small_campaign(opinions=1).events, expected_version=expected)
        assert refused.value.code == "store.expected"
    assert store.load("c", after=2**63 - 1) == ()
    assert store.version("c") == 2


def test_a_save_whose_snapshot_cannot_be_written_still_saves(
    stores: Callable[..., Store], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The events are written before the snapshot: if the snapshot then fails, the save has
    still happened (its version is returned, the log says what is missing: logged, since a
    warning under ``-W error`` would raise after the write), and the next load replays."""
    store = stores(snapshot_every=2)
    campaign = small_campaign(opinions=3)

    def fail(rows: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(store._backend.snapshots, "insert_events", fail)
    with caplog.at_level("WARNING", logger="xingfeng.store"):
        assert store.save("c", campaign, expected_version=0) == 4
    assert "第 4 版的快照未能写入，事件已保存" in caplog.text
    assert store.version("c") == 4
    loaded = store.load_campaign("c")
    assert loaded._earlier_count == 0  # replayed: there is no snapshot
    assert loaded == campaign


@pytest.mark.parametrize("stream", ["a\x00b", "a\ud800b", "tab\there", "line\n", " "])
def test_a_stream_id_a_database_cannot_keep_is_refused_as_an_id(store: Store, stream: str) -> None:
    """A NUL (PostgreSQL refuses it), a lone surrogate (no UTF-8 for it), a control
    character: refused as ``store.stream`` by every method, not by the database as if it
    were unavailable."""
    campaign = small_campaign(opinions=1)
    for use in (
        lambda: store.save(stream, campaign, expected_version=0),
        lambda: store.append(stream, campaign.events, expected_version=0),
        lambda: store.load(stream),
        lambda: store.version(stream),
        lambda: store.load_campaign(stream),
    ):
        with pytest.raises(StoreError) as refused:
            use()
        assert refused.value.code == "store.stream"
    assert list(store.read_all()) == []


def test_opening_waits_for_the_creation_lock_a_bounded_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another process holding the creation lock for ever does not hang an opener: it gives
    up after the wait, which open_store reports as ``store.unavailable``."""
    from xingfeng.store import _backends

    class Held:
        tries = 0

        def execute(self, sql: str, params: object) -> Held:
            assert "pg_try_advisory_lock" in sql
            Held.tries += 1
            return self

        def fetchone(self) -> dict[str, bool]:
            return {"taken": False}

    monkeypatch.setattr(_backends, "_LOCK_WAIT", 0.2)
    with pytest.raises(TimeoutError, match="另一进程建表"):
        _backends._wait_for_lock(Held())
    assert Held.tries > 1


def test_a_write_that_fails_says_its_outcome_is_unknown(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed insert (the connection lost as it commits) may have been kept: the error says
    so, where a failed read does not."""

    def lost(rows: object) -> None:
        raise OSError("server closed the connection unexpectedly")

    monkeypatch.setattr(store._backend.events, "insert_events", lost)
    monkeypatch.setattr(store, "_inserts", (lost,))
    with pytest.raises(StoreError) as refused:
        store.save("c", small_campaign(opinions=1), expected_version=0)
    assert refused.value.code == "store.unavailable"
    assert "写入是否已完成未知" in str(refused.value)


def test_opening_a_new_sqlite_file_tries_again_while_another_process_holds_it() -> None:
    """SQLite answers "database is locked" at once to a process that loses the race to turn
    on a new file's write-ahead log (seen under load, with six processes opening together):
    the opener tries again; any other error, or a lock past the wait, is raised."""
    from eventsourcing.persistence import OperationalError

    from xingfeng.store import _backends

    class Table:
        def __init__(self, failures: list[Exception]) -> None:
            self.failures, self.made = failures, 0

        def create_table(self) -> None:
            if self.failures:
                raise self.failures.pop(0)
            self.made += 1

    locked = [OperationalError("database is locked") for _ in range(3)]
    events, snapshots = Table(locked), Table([])
    _backends._create_sqlite_tables(events, snapshots)
    assert (events.made, snapshots.made, locked) == (1, 1, [])

    with pytest.raises(OperationalError, match="disk I/O error"):
        _backends._create_sqlite_tables(Table([OperationalError("disk I/O error")]), Table([]))
