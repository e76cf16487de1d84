"""The event contract: every stored event carries its type and schema version, older
versions are read through registered upcasters, newer ones are refused, logs written before
the contract still load, the golden logs in ``tests/golden/`` load and re-serialize exactly,
and the fast JSON readers accept exactly what the converter accepts."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from cattrs.gen import make_dict_structure_fn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import strategies as s
from xingfeng import (
    Campaign,
    InvalidArgument,
    ItemState,
    LoadError,
    ProblemState,
    Regime,
    Verdict,
    WorkItem,
    from_json,
    to_json,
    unstructure,
)
from xingfeng import serialization as serialization_module
from xingfeng.campaign.events import EVENT_TYPES, Event
from xingfeng.obligations.items import ITEM_EVENT_TYPES, ItemEvent
from xingfeng.serialization import (
    VERSION_KEY,
    missing_upcasters,
    register_tagged_union,
    register_upcaster,
    schema_version,
    union_reader,
)

GOLDEN = Path(__file__).resolve().parent / "golden"
CAMPAIGN_MEMBERS = {cls.__name__: cls for cls in EVENT_TYPES}
ITEM_MEMBERS = {cls.__name__: cls for cls in ITEM_EVENT_TYPES}
UNIONS: dict[str, tuple[Any, Mapping[str, type]]] = {
    "campaign": (Event, CAMPAIGN_MEMBERS),
    "work item": (ItemEvent, ITEM_MEMBERS),
}


def _item_event(cls: type) -> st.SearchStrategy[Any]:
    return st.builds(cls, at=s.moments, by=s.ids)  # other fields from their annotations


#: A strategy for every event type of both unions.
EVENT_VALUES: dict[type, st.SearchStrategy[Any]] = {
    **s.events,
    **{cls: _item_event(cls) for cls in ITEM_EVENT_TYPES},
}


def union_of(cls: type) -> Any:
    return Event if cls in EVENT_TYPES else ItemEvent


def test_every_event_type_has_a_strategy() -> None:
    assert set(EVENT_VALUES) == {*EVENT_TYPES, *ITEM_EVENT_TYPES}


# ---- versions


@pytest.mark.parametrize("cls", [*EVENT_TYPES, *ITEM_EVENT_TYPES], ids=lambda c: c.__name__)
def test_every_event_type_has_a_schema_version_of_at_least_one(cls: type) -> None:
    version = schema_version(cls)

    assert type(version) is int
    assert version >= 1
    assert VERSION_KEY not in {field.name for field in attrs.fields(cls)}


@pytest.mark.parametrize("union", list(UNIONS))
def test_every_older_schema_version_of_an_event_has_an_upcaster(union: str) -> None:
    assert missing_upcasters(UNIONS[union][1]) == []


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@pytest.mark.parametrize("cls", list(EVENT_VALUES), ids=lambda c: c.__name__)
@given(data=st.data())
def test_an_event_is_written_with_its_type_and_schema_version_first(
    cls: type, data: st.DataObject
) -> None:
    event = data.draw(EVENT_VALUES[cls])

    written = json.loads(to_json(event))

    assert list(written)[:2] == ["event", VERSION_KEY]
    assert (written["event"], written[VERSION_KEY]) == (cls.__name__, schema_version(cls))
    assert from_json(to_json(event), union_of(cls)) == event
    assert from_json(to_json(event), cls) == event


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@pytest.mark.parametrize("cls", list(EVENT_VALUES), ids=lambda c: c.__name__)
@given(data=st.data())
def test_an_event_without_a_version_reads_as_version_one(cls: type, data: st.DataObject) -> None:
    """Events written before the contract have no ``"version"``: they are version 1."""
    if schema_version(cls) != 1:  # pragma: no cover - no event has moved past 1 yet
        pytest.skip("an event at a later version reads its version 1 through upcasters")
    event = data.draw(EVENT_VALUES[cls])
    written = json.loads(to_json(event))
    del written[VERSION_KEY]

    assert from_json(json.dumps(written), union_of(cls)) == event
    assert union_reader(union_of(cls))(written) == event


@pytest.mark.parametrize("version", [2, 99, 0, -1, "1", True, 1.0, None, [1]])
@pytest.mark.parametrize(
    ("union", "golden"),
    [(Event, "campaign-v1.jsonl"), (ItemEvent, "work-item-v1.jsonl")],
    ids=["campaign", "work item"],
)
def test_a_version_newer_than_known_or_not_a_whole_number_is_a_load_error(
    union: Any, golden: str, version: object
) -> None:
    """The second event of a golden log, its version replaced: newer than the library knows
    (asking for an upgrade), or not a whole number >= 1."""
    written = {**json.loads(_lines(golden)[1]), VERSION_KEY: version}

    with pytest.raises(LoadError) as refused:
        from_json(json.dumps(written), union)
    with pytest.raises(LoadError):
        union_reader(union)(written)

    if version in (2, 99):
        assert "本库只认识到第 1 版" in str(refused.value)
        assert "请升级 xingfeng" in str(refused.value)


# ---- upcasters, on a union of this module's own


@attrs.frozen(kw_only=True)
class Renamed:
    """At version 3: version 1 called ``title`` ``name``; version 2 wrote ``count`` as text."""

    schema_version: ClassVar[int] = 3

    title: str
    count: int


@attrs.frozen(kw_only=True)
class Unchanged:
    note: str


@attrs.frozen(kw_only=True)
class Gapped:
    """At version 3, with an upcaster from 2 only: version 1 cannot be read."""

    schema_version: ClassVar[int] = 3

    note: str


ContractEvent = Renamed | Unchanged | Gapped
CONTRACT_MEMBERS = {
    "ContractRenamed": Renamed,
    "ContractUnchanged": Unchanged,
    "ContractGapped": Gapped,
}
register_tagged_union(ContractEvent, "event", CONTRACT_MEMBERS, tag_members=True, versioned=True)

#: What each upcaster was given, to show it gets the fields alone.
SEEN: list[tuple[str, int, dict[str, Any]]] = []


def _rename(fields: dict[str, Any]) -> dict[str, Any]:
    SEEN.append(("ContractRenamed", 1, dict(fields)))
    fields["title"] = fields.pop("name")
    return fields


def _count_as_number(fields: dict[str, Any]) -> dict[str, Any]:
    SEEN.append(("ContractRenamed", 2, dict(fields)))
    return {**fields, "count": int(fields["count"])}


register_upcaster("ContractRenamed", 1, _rename)
register_upcaster("ContractRenamed", 2, _count_as_number)
register_upcaster("ContractGapped", 2, lambda fields: fields)

read_contract = union_reader(ContractEvent)


@pytest.mark.parametrize(
    "stored",
    [
        {"event": "ContractRenamed", "version": 1, "name": "整改", "count": "3"},
        {"event": "ContractRenamed", "name": "整改", "count": "3"},  # before the contract
        {"event": "ContractRenamed", "version": 2, "title": "整改", "count": "3"},
        {"event": "ContractRenamed", "version": 3, "title": "整改", "count": 3},
    ],
)
def test_older_versions_are_read_through_the_chain_of_upcasters(stored: dict[str, Any]) -> None:
    """Version 1 goes through 1→2 and 2→3, version 2 through 2→3, version 3 through none;
    each upcaster sees the fields without ``event`` and ``version``."""
    SEEN.clear()

    for loaded in (read_contract(stored), from_json(json.dumps(stored), ContractEvent)):
        assert loaded == Renamed(title="整改", count=3)

    version = stored.get("version", 1)
    assert [step[1] for step in SEEN] == [*range(version, 3)] * 2
    for _, _, fields in SEEN:
        assert not {"event", "version"} & set(fields)


def test_a_value_is_written_at_its_class_schema_version() -> None:
    assert json.loads(to_json(Renamed(title="x", count=1))) == {
        "event": "ContractRenamed",
        "version": 3,
        "title": "x",
        "count": 1,
    }
    assert json.loads(to_json(Unchanged(note="x")))["version"] == 1


def test_a_version_without_an_upcaster_is_refused_naming_it() -> None:
    assert missing_upcasters(CONTRACT_MEMBERS) == [("ContractGapped", 1)]

    with pytest.raises(LoadError, match="没有升级函数能读取 'ContractGapped' 第 1 版"):
        read_contract({"event": "ContractGapped", "version": 1, "note": "x"})
    with pytest.raises(LoadError, match="没有升级函数"):
        read_contract({"event": "ContractGapped", "note": "x"})  # no version: version 1
    assert read_contract({"event": "ContractGapped", "version": 2, "note": "x"}) == Gapped(note="x")


@pytest.mark.parametrize(
    "stored",
    [
        {"event": "ContractRenamed", "version": 4, "title": "x", "count": 1},
        {"event": "ContractUnchanged", "version": 2, "note": "x"},
        {"event": "ContractRenamed", "version": 1, "title": "x", "count": "1"},  # no "name"
        {"event": "ContractRenamed", "version": 2, "title": "x", "count": "many"},
        {"event": "ContractRenamed", "version": 3, "title": "x", "count": "1"},
    ],
)
def test_what_the_upcasters_cannot_read_is_a_load_error(stored: dict[str, Any]) -> None:
    """A newer version, an upcaster that fails on its input, or what an upcaster gives that
    the class refuses: each a LoadError, never another exception."""
    with pytest.raises(LoadError):
        read_contract(stored)
    with pytest.raises(LoadError):
        from_json(json.dumps(stored), ContractEvent)


def _bad_schema(version: object) -> type:
    @attrs.frozen
    class Bad:
        schema_version: ClassVar[object] = version
        note: str

    return Bad


@attrs.frozen
class WithVersionField:
    version: int


@pytest.mark.parametrize(
    ("key", "from_version", "upcast"),
    [
        ("", 1, lambda f: f),
        (42, 1, lambda f: f),
        ("ContractRenamed", 0, lambda f: f),
        ("ContractRenamed", -1, lambda f: f),
        ("ContractRenamed", True, lambda f: f),
        ("ContractRenamed", "1", lambda f: f),
        ("ContractRenamed", 5, "not a function"),
        ("ContractRenamed", 1, lambda f: f),  # already registered
    ],
)
def test_a_bad_upcaster_registration_is_refused(key: Any, from_version: Any, upcast: Any) -> None:
    with pytest.raises(InvalidArgument):
        register_upcaster(key, from_version, upcast)


@pytest.mark.parametrize("version", [0, -2, True, "2", 1.5, None])
def test_a_versioned_union_refuses_a_bad_schema_version(version: object) -> None:
    bad = _bad_schema(version)

    with pytest.raises(TypeError, match="schema_version"):
        register_tagged_union(bad | Unchanged, "event", {"Bad": bad}, versioned=True)
    with pytest.raises(TypeError):
        schema_version(bad)


def test_a_versioned_union_refuses_a_field_named_version() -> None:
    with pytest.raises(TypeError, match="'version'"):
        register_tagged_union(
            WithVersionField | Unchanged, "event", {"X": WithVersionField}, versioned=True
        )


# ---- golden files


def _lines(name: str) -> list[str]:
    return (GOLDEN / name).read_text(encoding="utf-8").splitlines()


def _load(name: str, union: Any) -> list[Any]:
    return [from_json(line, union) for line in _lines(name)]


GOLDEN_REGIME = Regime.from_toml((GOLDEN / "work-item-regime.toml").read_text(encoding="utf-8"))


def test_the_golden_files_cover_every_event_type() -> None:
    """Every event type of today is in a golden file: a new type needs a new golden file."""
    campaign = {json.loads(line)["event"] for line in _lines("campaign-v1.jsonl")}
    items = {
        json.loads(line)["event"]
        for name in ("work-item-v1.jsonl", "work-item-declined-v1.jsonl")
        for line in _lines(name)
    }

    assert campaign == set(CAMPAIGN_MEMBERS)
    assert items == set(ITEM_MEMBERS)


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.jsonl")), ids=lambda p: p.name)
def test_every_line_of_every_golden_file_loads(path: Path) -> None:
    union = Event if path.name.startswith("campaign") else ItemEvent
    lines = path.read_text(encoding="utf-8").splitlines()

    assert lines
    for number, line in enumerate(lines, 1):
        try:
            from_json(line, union)
        except LoadError as error:  # pragma: no cover - the failure message
            pytest.fail(f"{path.name} line {number}: {error}")


def _campaign_facts(campaign: Campaign) -> dict[str, Any]:
    return {
        "version": campaign.version,
        "concluded": campaign.concluded,
        "stage": campaign.stage.key,
        "problems": len(campaign.problems),
        "measures": len(campaign.measures),
        "opinions": len(campaign.opinions),
        "reports": sorted(campaign.reports),
        "states": {state.name: campaign.problems_in(state) for state in ProblemState},
        "done": sorted(m for m, measure in campaign.measures.items() if measure.done_at),
        "verdict": campaign.verdict("C2"),
        "calendar years": max(schedule.year for schedule in campaign.calendar.schedules),
    }


CAMPAIGN_FACTS = {
    "version": 76,
    "concluded": True,
    "stage": "conclude",
    "problems": 5,
    "measures": 8,
    "opinions": 14,
    "reports": ["conclude", "mobilise", "rectify", "self_inspect"],
    "states": {
        "RECORDED": (),
        "ASSIGNED": (),
        "RECTIFYING": (),
        "RECTIFIED": ("P4", "P5"),
        "VERIFIED": ("P3",),
        "CLOSED": ("P1",),
        "REOPENED": ("P2",),
    },
    "done": sorted(["M1", "M1@billing", "M1@network", "M2", "M3", "M4", "M5", "M6"]),
    "verdict": Verdict.PARTLY_TRUE,
    "calendar years": 2027,
}


def test_the_golden_campaign_log_replays_to_the_same_campaign() -> None:
    """campaign-v1.jsonl (the gas company's campaign through its conclusion, every event
    type) replays to the campaign it recorded."""
    campaign = Campaign.replay(_load("campaign-v1.jsonl", Event))

    assert _campaign_facts(campaign) == CAMPAIGN_FACTS


def test_the_golden_campaign_log_is_written_today_exactly_as_it_was() -> None:
    """Re-serializing every golden event gives its line byte for byte: an accidental
    change of the format fails here; a deliberate one adds an upcaster and a golden file."""
    for line in _lines("campaign-v1.jsonl"):
        assert to_json(from_json(line, Event)) == line


def test_the_campaign_log_written_before_the_contract_loads_as_version_one() -> None:
    """The same log without ``"version"`` keys, as logs written before the contract are,
    loads to the same events and is written today as the v1 golden file."""
    before = _load("campaign-pre-contract.jsonl", Event)
    assert all("version" not in json.loads(line) for line in _lines("campaign-pre-contract.jsonl"))

    assert before == _load("campaign-v1.jsonl", Event)
    assert [to_json(event) for event in before] == _lines("campaign-v1.jsonl")
    assert _campaign_facts(Campaign.replay(before)) == CAMPAIGN_FACTS


@pytest.mark.parametrize("name", ["work-item-v1.jsonl", "work-item-declined-v1.jsonl"])
def test_the_golden_work_item_streams_are_written_today_exactly_as_they_were(name: str) -> None:
    for line in _lines(name):
        assert to_json(from_json(line, ItemEvent)) == line


def test_the_golden_work_item_streams_replay_to_the_items_they_recorded() -> None:
    item = WorkItem.replay(_load("work-item-v1.jsonl", ItemEvent), GOLDEN_REGIME)
    declined = WorkItem.replay(_load("work-item-declined-v1.jsonl", ItemEvent), GOLDEN_REGIME)

    assert (item.id, item.version, item.state, item.unit, item.owner) == (
        "W-2026-0001",
        20,
        ItemState.CLOSED,
        "office",
        "fang",
    )
    assert item.extended == 3
    assert [clock.done_at is not None for clock in item.review_clocks] == [True, True]
    assert (declined.id, declined.version, declined.state) == ("W-2026-0002", 2, ItemState.DECLINED)


# ---- the fast readers agree with the converter


def _slow(cls: type) -> Callable[[dict[str, Any]], Any]:
    """The converter's own reader for ``cls``'s fields, as loading used before the fast
    readers: what they must agree with."""
    read = make_dict_structure_fn(
        cls, serialization_module._converter, _cattrs_forbid_extra_keys=True
    )
    return lambda fields: read(fields, cls)


_SLOW = {cls: _slow(cls) for cls in EVENT_VALUES}

#: Values a mutation puts in place of a field's: every JSON type, and ones close to valid.
_REPLACEMENTS = st.one_of(
    st.integers(min_value=-3, max_value=3),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.lists(st.sampled_from(["a", "x", 1]), max_size=2),
    st.dictionaries(st.sampled_from(["a", "id"]), st.integers(0, 2), max_size=1),
    st.sampled_from(["", "x", "2026-03-02", "2026-03-02T09:00:00+08:00", "serious", "1/2", "1"]),
)


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in ``data`` a mutation may touch (not the event's type or version)."""
    found = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            if not path and key in ("event", VERSION_KEY):
                continue
            found += _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*path, index))
    return found


@st.composite
def _mutated(draw: st.DrawFn, data: dict[str, Any]) -> dict[str, Any]:
    data = json.loads(json.dumps(data))
    path = draw(st.sampled_from(_paths(data)))
    *parents, last = path
    holder: Any = data
    for step in parents:
        holder = holder[step]
    how = draw(st.sampled_from(["replace", "drop", "add", "bool for int"]))
    if how == "replace":
        holder[last] = draw(_REPLACEMENTS)
    elif how == "drop":
        del holder[last]
    elif how == "add" and isinstance(holder, dict):
        holder[draw(st.sampled_from(["extra", "note", "id"]))] = draw(_REPLACEMENTS)
    elif how == "add":
        holder.insert(last, draw(_REPLACEMENTS))
    elif isinstance(holder[last], int) and not isinstance(holder[last], bool):
        holder[last] = bool(holder[last])
    else:
        holder[last] = draw(st.booleans())
    return data


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (``True == 1`` is not enough)."""
    if type(a) is not type(b):
        return False
    if attrs.has(type(a)):
        return all(_same(getattr(a, f.name), getattr(b, f.name)) for f in attrs.fields(type(a)))
    if isinstance(a, tuple | list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Mapping):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, datetime):
        return a == b and a.utcoffset() == b.utcoffset() and str(a.tzinfo) == str(b.tzinfo)
    return bool(a == b)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@pytest.mark.parametrize("cls", list(EVENT_VALUES), ids=lambda c: c.__name__)
@given(data=st.data())
def test_the_fast_reader_accepts_exactly_what_the_converter_accepts(
    cls: type, data: st.DataObject
) -> None:
    """For an event's JSON and for the same JSON mutated (a field dropped, added, or given
    a value of another type, a bool for an int), loading gives what the converter's reader
    gives, of the same types, or a LoadError exactly when the converter refuses it."""
    event = data.draw(EVENT_VALUES[cls], label="event")
    written = unstructure(event)
    assert union_reader(union_of(cls))(written) == event  # moments load as stdlib datetimes
    stored = data.draw(_mutated(written), label="mutated")
    fields = {k: v for k, v in stored.items() if k not in ("event", VERSION_KEY)}

    try:
        expected = _SLOW[cls](json.loads(json.dumps(fields)))
    except Exception:
        expected = LoadError
    try:
        got = union_reader(union_of(cls))(stored)
    except LoadError:
        got = LoadError

    if expected is LoadError:
        assert got is LoadError, f"the fast reader accepted what the converter refuses: {got!r}"
    else:
        assert got is not LoadError, "a value the converter reads was refused"
        assert _same(got, expected), (got, expected)
