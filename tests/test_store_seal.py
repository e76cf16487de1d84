"""Sealed stores (``open_store(…, seal=Seal(key))``), against SQLite and PostgreSQL: any
change to a stored event — a byte of its JSON or its seal, its type, its number, its stream
— is refused as ``store.tampered`` naming where; sealed rows are refused by a store without
the key as ``store.sealed``; keys rotate; a snapshot whose seal fails is never unpickled.

The unsealed store's behaviour is ``tests/test_store.py``'s; this module is about seals.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.store_fixtures import (  # the *_fixture names are the store fixtures
    EVENTS,
    REGIME,
    SNAPSHOTS,
    Tables,
    backend_fixture,  # noqa: F401
    full_item,
    gas_campaign,
    small_campaign,
    store_url_fixture,  # noqa: F401
    tables_fixture,  # noqa: F401
)
from xingfeng import Campaign, InvalidArgument, StoreError, WorkItem
from xingfeng.store import Seal, Store, open_store
from xingfeng.store import _snapshots as snapshots

KEY = bytes(range(32))
OTHER = bytes(range(100, 132))
SEAL = Seal(KEY)


def opened(url: str, seal: Seal | None = SEAL, **options: Any) -> Store:
    return open_store(url, seal=seal, **options)


def refused(load: Callable[[], object], code: str) -> StoreError:
    with pytest.raises(StoreError) as caught:
        load()
    assert caught.value.code == code, caught.value
    assert str(caught.value).startswith(f"[{code}]")
    return caught.value


# ---- a sealed store keeps what an unsealed one does


def test_a_sealed_store_loads_what_it_saved(store_url: str, tables: Tables) -> None:
    """Campaigns and work items round-trip through a sealed store, and every row written
    carries a seal over exactly the JSON an unsealed store writes."""
    campaign, item = gas_campaign(), full_item()
    with opened(store_url, snapshot_every=None) as store:
        store.save("gas", campaign, expected_version=0)
        store.save("w", item, expected_version=0)
        assert store.load_campaign("gas") == campaign
        assert store.load_item("w", REGIME) == item
        assert [s.event for s in store.read_all()] == [*campaign.events, *item.events]
    with opened(f"{store_url}", seal=None, snapshot_every=None) as plain:
        plain.append("plain", campaign.events, expected_version=0)
    sealed = tables.rows(EVENTS, "gas")
    unsealed = tables.rows(EVENTS, "plain")
    assert len(sealed) == len(unsealed) == campaign.version
    for (number, topic, state), (_, _, body) in zip(sealed, unsealed, strict=True):
        message = b"3:gas%d:%b%d|%b" % (len(topic), topic.encode(), number, body)
        digest = hashlib.blake2b(message, key=KEY, digest_size=32)
        assert state == b"xf-seal/1 " + digest.hexdigest().encode() + b"\n" + body


# ---- edits are found


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_changed_byte_of_a_stored_event_is_refused(
    store_url: str, tables: Tables, data: st.DataObject
) -> None:
    """Change one byte of any stored event (its JSON, its seal, the marker) to any other
    value: loading the campaign refuses it as ``store.tampered`` at that event's number,
    and with the byte put back it loads again."""
    with opened(store_url, snapshot_every=None) as store:
        if store.version("c") == 0:
            store.save("c", small_campaign(opinions=4), expected_version=0)
        rows = tables.rows(EVENTS, "c")
        number, _, state = data.draw(st.sampled_from(rows), label="event")
        at = data.draw(st.integers(0, len(state) - 1), label="byte")
        byte = data.draw(st.integers(0, 255).filter(lambda b: b != state[at]), label="to")
        tables.set_state(EVENTS, "c", number, state[:at] + bytes([byte]) + state[at + 1 :])
        try:
            error = refused(lambda: store.load_campaign("c"), "store.tampered")
            assert (error.stream, error.position) == ("c", number)
        finally:
            tables.set_state(EVENTS, "c", number, state)
        assert store.load_campaign("c") == small_campaign(opinions=4)


def test_an_edited_text_that_replays_is_refused(store_url: str, tables: Tables) -> None:
    """What replay alone cannot find: an opinion's text changed to another text, the JSON
    still valid.  Unsealed it loads, changed; sealed it is refused."""
    for seal in (None, SEAL):
        stream = "sealed" if seal else "plain"
        with opened(store_url, seal=seal, snapshot_every=None) as store:
            store.save(stream, small_campaign(opinions=2), expected_version=0)
            number, _, state = tables.rows(EVENTS, stream)[2]
            tables.set_state(
                EVENTS, stream, number, state.replace("排队".encode(), "等候".encode())
            )
            if seal is None:
                assert store.load_campaign(stream).opinions["O1"].text == "窗口等候时间长"
            else:
                refused(lambda: store.load_campaign(stream), "store.tampered")  # noqa: B023


def test_a_row_moved_to_another_number_stream_or_type_is_refused(
    store_url: str, tables: Tables
) -> None:
    """A sealed row is bound to its place: swapping two events of a stream, copying one into
    another stream at the same number, or relabelling its type are all refused."""
    with opened(store_url, snapshot_every=None) as store:
        for stream in ("a", "b"):
            store.save(stream, small_campaign(opinions=3), expected_version=0)
        rows = tables.rows(EVENTS, "a")
        (n3, _, s3), (n4, _, s4) = rows[2], rows[3]  # two OpinionReceived events

        tables.set_state(EVENTS, "a", n3, s4)
        tables.set_state(EVENTS, "a", n4, s3)
        assert refused(lambda: store.load("a"), "store.tampered").position == n3
        tables.set_state(EVENTS, "a", n3, s3)
        tables.set_state(EVENTS, "a", n4, s4)

        # b's third event sealed for stream b, put in as a's: the same JSON, refused
        _, _, b3 = tables.rows(EVENTS, "b")[2]
        assert b3 != s3
        tables.set_state(EVENTS, "a", n3, b3)
        assert refused(lambda: store.load("a"), "store.tampered").position == n3
        tables.set_state(EVENTS, "a", n3, s3)

        tables.set_topic("a", n3, "ProblemRecorded")
        assert refused(lambda: store.load("a"), "store.tampered").position == n3
        tables.set_topic("a", n3, "OpinionReceived")
        assert store.load_campaign("a") == small_campaign(opinions=3)


def test_an_unsealed_row_in_a_sealed_store_is_refused(store_url: str, tables: Tables) -> None:
    """A row written without the seal (by a store opened without it, or by hand) is not
    trusted by a sealed store; a sealed row is not read by a store without the key."""
    with opened(store_url, seal=None, snapshot_every=None) as plain:
        plain.save("c", small_campaign(opinions=1), expected_version=0)
        with opened(store_url, snapshot_every=None) as sealed:
            error = refused(lambda: sealed.load("c"), "store.tampered")
            assert error.position == 1
            sealed.save("s", small_campaign(opinions=1), expected_version=0)
            assert refused(lambda: list(sealed.read_all()), "store.tampered").position == 1
        error = refused(lambda: plain.load("s"), "store.sealed")
        assert (error.stream, error.position) == ("s", 1)
        assert "seal=Seal(" in str(error)


# ---- keys


def test_keys_rotate_through_previous(store_url: str) -> None:
    """Written under an old key, a stream loads under a seal whose previous keys hold it;
    what that seal writes is sealed with the new key, which the old seal does not open."""
    campaign = small_campaign(opinions=3)
    with opened(store_url, seal=Seal(OTHER), snapshot_every=None) as old:
        old.save("c", Campaign.replay(campaign.events[:3]), expected_version=0)
    with opened(store_url, seal=Seal(KEY, previous=[OTHER]), snapshot_every=None) as rotated:
        loaded = rotated.load_campaign("c")
        loaded._record(campaign.events[3])
        assert rotated.save("c", loaded, expected_version=3) == 4
        assert rotated.load_campaign("c") == campaign
    with opened(store_url, seal=Seal(OTHER), snapshot_every=None) as old:
        assert refused(lambda: old.load("c"), "store.tampered").position == 4
    with opened(store_url, seal=Seal(KEY), snapshot_every=None) as new:
        assert refused(lambda: new.load("c"), "store.tampered").position == 1


@pytest.mark.parametrize(
    ("key", "previous"),
    [
        (b"short", ()),
        (b"k" * 65, ()),  # BLAKE2b takes at most 64
        (b"", ()),
        ("a text of more than sixteen characters", ()),
        (None, ()),
        (KEY, OTHER),  # a key, not a sequence of keys
        (KEY, "an old passphrase, as text"),
        (KEY, "old"),
        (KEY, [b"short"]),
        (KEY, [KEY, 3]),
        (KEY, None),
    ],
)
def test_a_seal_needs_keys_of_sixteen_to_sixty_four_bytes(key: Any, previous: Any) -> None:
    with pytest.raises(InvalidArgument) as caught:
        Seal(key, previous=previous)
    assert caught.value.code.startswith("invalid-argument")
    shown = str(caught.value) + repr(caught.value.value) + (caught.value.english or "")
    for secret in ("short", "passphrase", "sixteen", repr(KEY), repr(OTHER), KEY.hex()):
        assert secret not in shown  # a key, right or wrong, is never shown


def test_a_seal_never_shows_its_keys() -> None:
    seal = Seal(KEY, previous=[OTHER])
    for shown in (repr(seal), str(seal)):
        assert KEY.hex() not in shown
        assert repr(KEY) not in shown
        assert repr(OTHER) not in shown
    assert repr(seal) == "<Seal，2 把密钥>"


def test_a_store_refuses_a_seal_that_is_not_one() -> None:
    """The likely slip, a raw key where the Seal belongs, is refused without showing it."""
    with pytest.raises(InvalidArgument) as caught:
        open_store("sqlite://", seal=KEY)  # type: ignore[arg-type]
    assert repr(KEY) not in str(caught.value) + repr(caught.value.value)
    assert "<32 字节的bytes>" in str(caught.value)


@pytest.mark.parametrize(
    ("stream", "number", "topic", "body"),
    [
        (None, 1, "ActivityHeld", b"{}"),
        ("s", 1.0, "ActivityHeld", b"{}"),
        ("s", True, "ActivityHeld", b"{}"),
        ("s", -1, "ActivityHeld", b"{}"),
        ("s\ud800", 1, "ActivityHeld", b"{}"),
        ("s", 1, "Activity\x00Held", b"{}"),
        ("s", 1, "ActivityHeld", "{}"),
    ],
)
def test_a_seal_refuses_a_place_it_could_not_frame(
    stream: Any, number: Any, topic: Any, body: Any
) -> None:
    """Sealing (or opening) something without a clear stream, number, type and bytes is an
    argument error, never a seal that another place could share (1.0 and 1 alike)."""
    with pytest.raises(InvalidArgument):
        SEAL.seal(stream, number, topic, body)
    if isinstance(body, bytes):
        with pytest.raises(InvalidArgument):
            SEAL.open(stream, number, topic, b"xf-seal/1 " + b"0" * 64 + b"\n" + body)


# ---- snapshots


def test_snapshots_are_sealed_and_load(store_url: str, tables: Tables) -> None:
    with opened(store_url, snapshot_every=5) as store:
        campaign, item = small_campaign(opinions=5), full_item()
        store.save("c", campaign, expected_version=0)
        store.save("w", item, expected_version=0)
        for stream in ("c", "w"):
            [(_, _, state)] = tables.rows(SNAPSHOTS, stream)
            assert state.startswith(b"xf-seal/1 ")
        loaded = store.load_campaign("c")
        assert loaded._earlier_count == campaign.version  # from the snapshot
        assert loaded == campaign
        loaded_item = store.load_item("w", REGIME)
        assert loaded_item._earlier_count > 0
        assert loaded_item == item


@pytest.mark.parametrize(
    "how", ["a changed byte", "unsealed", "another key", "moved", "an event's seal"]
)
def test_a_snapshot_whose_seal_fails_is_never_unpickled(
    store_url: str, tables: Tables, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """A snapshot that fails its seal is passed over before it is unpickled (so a hostile
    pickle planted in the table never reaches the unpickler), and the aggregate is replayed
    from its events, equal.  A snapshot's seal is tagged as one: the seal an event at that
    place would have does not open it."""
    with opened(store_url, snapshot_every=5) as store:
        campaign, item = small_campaign(opinions=5), full_item()
        store.save("c", campaign, expected_version=0)
        store.save("w", item, expected_version=0)
        [(c_number, _, c_state)] = tables.rows(SNAPSHOTS, "c")
        [(w_number, _, w_state)] = tables.rows(SNAPSHOTS, "w")
        body = c_state.partition(b"\n")[2]
        changed = {
            "a changed byte": c_state[:-1] + bytes([c_state[-1] ^ 1]),
            "unsealed": body,
            "another key": Seal(OTHER).seal("c", c_number, "snapshot:Campaign", body),
            "moved": Seal(KEY).seal("w", c_number, "snapshot:Campaign", body),  # another stream
            "an event's seal": Seal(KEY).seal("c", c_number, "Campaign", body),
        }[how]
        tables.set_state(SNAPSHOTS, "c", c_number, changed)
        tables.set_state(
            SNAPSHOTS, "w", w_number, w_state[:20] + bytes([w_state[20] ^ 1]) + w_state[21:]
        )
        unpickled: list[bytes] = []
        real_load = snapshots.load
        monkeypatch.setattr(
            snapshots, "load", lambda data: unpickled.append(data) or real_load(data)
        )

        loaded_campaign = store.load_campaign("c")
        loaded_item = store.load_item("w", REGIME)

        assert unpickled == []
        assert (loaded_campaign._earlier_count, loaded_item._earlier_count) == (0, 0)
        assert loaded_campaign == campaign
        assert loaded_item == item
        assert isinstance(loaded_item, WorkItem)


# ---- random stored data


def _stored(draw: st.DrawFn, state: bytes, number: int) -> tuple[bytes, bool]:
    """Bytes for a sealed store's second event, and whether they carry a valid seal."""
    body = state.partition(b"\n")[2]
    kind = draw(st.sampled_from(["bytes", "marker", "resealed", "other key"]))
    if kind == "bytes":
        return draw(st.binary(max_size=120)), False
    if kind == "marker":  # a seal's shape with anything in it
        return b"xf-seal/1 " + draw(st.binary(max_size=120)), False
    junk = draw(st.one_of(st.binary(max_size=80), st.just(body[: len(body) // 2]), st.just(b"{}")))
    if kind == "resealed":  # whoever has the key wrote it: the seal holds, the JSON is checked
        return SEAL.seal("fuzz", number, "OpinionReceived", junk), True
    return Seal(OTHER).seal("fuzz", number, "OpinionReceived", body), False


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_stored_data_in_a_sealed_store_raises_only_store_error(
    tmp_path: Path, data: st.DataObject
) -> None:
    """Whatever a sealed store's row holds, loading gives a StoreError naming the row, and
    ``store.tampered`` unless the row was sealed with the store's key; a store without the
    key says ``store.sealed`` of the first row."""
    url = f"sqlite:///{tmp_path}/{uuid.uuid4().hex}.db"  # a new database per example
    with opened(url, snapshot_every=None) as store:
        store.save("fuzz", small_campaign(opinions=2), expected_version=0)
        tables = Tables(url)
        [(_, _, state)] = [row for row in tables.rows(EVENTS, "fuzz") if row[0] == 2]
        stored, valid = _stored(data.draw, state, 2)
        tables.set_state(EVENTS, "fuzz", 2, stored)
        for read in (partial(store.load_campaign, "fuzz"), partial(list, store.read_all())):
            with pytest.raises(StoreError) as caught:
                read()
            assert (caught.value.stream, caught.value.position) == ("fuzz", 2)
            assert caught.value.code == ("store.corrupt" if valid else "store.tampered")
    with opened(url, seal=None, snapshot_every=None) as plain:
        assert refused(lambda: plain.load("fuzz"), "store.sealed").position == 1


def test_a_row_holding_text_instead_of_bytes_is_refused_by_code(tmp_path: Path) -> None:
    """SQLite lets a hand-made row hold text where the store writes bytes: a sealed store
    calls it tampered, an unsealed one corrupt; neither lets another exception out."""
    url = f"sqlite:///{tmp_path}/text.db"
    tables = Tables(url)
    for seal, code in ((SEAL, "store.tampered"), (None, "store.corrupt")):
        stream = "sealed" if seal else "plain"
        with opened(url, seal=seal, snapshot_every=None) as store:
            store.save(stream, small_campaign(opinions=1), expected_version=0)
            tables.set_state(EVENTS, stream, 2, "xf-seal/1 not bytes")  # type: ignore[arg-type]
            assert refused(lambda: store.load(stream), code).position == 2  # noqa: B023
