"""Tests for xingfeng.rectification.consolidation: 归类 with provenance, and breakdowns that
add up (R16, R20)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import (
    consolidations,
    grouping_keys,
    groupings,
    opinion_lists,
)
from xingfeng import from_json, to_json
from xingfeng.exceptions import (
    InvalidArgument,
    InvalidDefinition,
    UnknownReference,
    XingfengError,
)
from xingfeng.rectification.categories import Taxonomy
from xingfeng.rectification.consolidation import (
    ConsolidatedItem,
    Consolidation,
    consolidate,
    group_by,
)
from xingfeng.rectification.sources import Complaint, Opinion, Source

_AT = pendulum.datetime(2011, 8, 31, 9, tz="Asia/Shanghai")


def _said(oid: str, source: Source, **changes: Any) -> Opinion:
    fields: dict[str, Any] = {
        "id": oid,
        "source": source,
        "text": "办事效率低",
        "unit": "燃气公司",
        "received_at": _AT,
    }
    return Opinion(**{**fields, **changes})


def _invalid(received: Sequence[Opinion], into: Mapping[str, Any]) -> InvalidDefinition:
    with pytest.raises(InvalidDefinition) as caught:
        consolidate(received, into)
    return caught.value


# ---- conservation: R16, R20


@given(pair=groupings())
def test_every_opinion_is_placed_in_exactly_one_item(
    pair: tuple[list[Opinion], dict[str, list[str]]],
) -> None:
    """Whatever the grouping, each opinion lands in one item and none is lost or added."""
    received, into = pair

    merged = consolidate(received, into)

    placed = [oid for item in merged.items for oid in item.opinions]
    assert sorted(placed) == sorted(o.id for o in received)
    assert merged.merged_count == len(received)
    for item_id, members in into.items():
        assert all(merged.item_of(oid) == item_id for oid in members)
        assert [o.id for o in merged.opinions_of(item_id)] == members


@given(merged=consolidations)
def test_the_opinion_breakdown_always_adds_up_to_the_number_merged(merged: Consolidation) -> None:
    """Opinions per source sum to the opinions merged, overall and for each item (R20)."""
    assert sum(merged.breakdown().values()) == merged.merged_count
    per_item: Counter[Source] = Counter()
    for item in merged.items:
        breakdown = merged.breakdown(item.id)
        assert sum(breakdown.values()) == len(item.opinions)
        assert tuple(breakdown) == merged.sources_of(item.id)
        per_item.update(breakdown)
    assert per_item == Counter(merged.breakdown())


@given(merged=consolidations)
def test_items_per_source_add_up_to_at_least_the_number_of_items(merged: Consolidation) -> None:
    """An item counts once for each source it came from, so the sum is never below the items,
    and equals them exactly when no item mixes sources."""
    per_source = merged.items_per_source()
    opinions_per_source = merged.breakdown()

    total = sum(per_source.values())
    assert total >= len(merged.items)
    assert (total == len(merged.items)) == all(
        len(merged.sources_of(i.id)) == 1 for i in merged.items
    )
    for source, count in per_source.items():
        assert count == sum(source in merged.sources_of(i.id) for i in merged.items)
        assert count <= opinions_per_source[source]


@given(merged=consolidations)
def test_each_item_keeps_its_original_opinions_and_their_sources(merged: Consolidation) -> None:
    """Provenance: every merged opinion is kept as given, with its source, under its item."""
    for opinion in merged.opinions:
        item = merged.item_of(opinion.id)
        assert merged.opinion(opinion.id) is opinion
        assert opinion in merged.opinions_of(item)
        assert opinion.source in merged.sources_of(item)


# ---- seed 000: 8 items, "raters 2, supervisors 2, user organisations 3"


def _seed_000(
    sources_by_item: Mapping[str, Sequence[Source]],
) -> Consolidation:
    received, into = [], {}
    for item, sources in sources_by_item.items():
        said = [_said(f"{item}-{n}", source) for n, source in enumerate(sources)]
        received.extend(said)
        into[item] = [o.id for o in said]
    return consolidate(received, into)


_REPORTED = {Source.RATER: 2, Source.SUPERVISOR: 2, Source.USER_ORGANIZATION: 3}


def _reported(merged: Consolidation) -> dict[Source, int]:
    """The per-source item counts for the three sources seed 000 reports."""
    return {s: n for s, n in merged.items_per_source().items() if s in _REPORTED}


def test_seed_000s_breakdown_falls_short_when_an_item_came_from_an_unnamed_source() -> None:
    """8 items reported as 2 + 2 + 3 = 7: possible only if one item came from elsewhere."""
    merged = _seed_000(
        {
            "P1": [Source.RATER],
            "P2": [Source.RATER, Source.RATER],
            "P3": [Source.SUPERVISOR],
            "P4": [Source.SUPERVISOR],
            "P5": [Source.USER_ORGANIZATION],
            "P6": [Source.USER_ORGANIZATION, Source.USER_ORGANIZATION],
            "P7": [Source.USER_ORGANIZATION],
            "P8": [Source.FORUM],  # 部分用户座谈会: a source the report does not name
        }
    )

    assert len(merged.items) == 8
    assert _reported(merged) == _REPORTED
    assert sum(_reported(merged).values()) == 7 < 8
    assert sum(merged.breakdown().values()) == merged.merged_count == 10


def test_seed_000s_breakdown_exceeds_the_items_when_an_item_merges_two_sources() -> None:
    """An item from a rater and a supervisor counts for both: 2 + 2 + 3 = 7 over 6 items."""
    merged = _seed_000(
        {
            "P1": [Source.RATER, Source.SUPERVISOR],
            "P2": [Source.RATER],
            "P3": [Source.SUPERVISOR],
            "P4": [Source.USER_ORGANIZATION],
            "P5": [Source.USER_ORGANIZATION],
            "P6": [Source.USER_ORGANIZATION],
        }
    )

    assert merged.items_per_source() == _REPORTED
    assert sum(merged.items_per_source().values()) == 7 > len(merged.items) == 6
    assert merged.breakdown() == {
        Source.RATER: 2,
        Source.SUPERVISOR: 2,
        Source.USER_ORGANIZATION: 3,
    }
    assert sum(merged.breakdown().values()) == merged.merged_count == 7


def test_eight_items_from_three_sources_cannot_count_only_seven_by_source() -> None:
    """If every item came from the three named sources, their counts reach at least 8."""
    merged = _seed_000({f"P{n}": [list(_REPORTED)[n % 3]] for n in range(8)})

    assert sum(merged.items_per_source().values()) >= len(merged.items) == 8


# ---- seed 002: escalated complaints by topic


def test_seed_002s_escalated_complaints_group_by_topic_into_items_that_add_up() -> None:
    """52 越级投诉 grouped by topic: 21 + 16 + 7 + 5 + 1 + 1 + 1, every complaint in one item."""
    topics = {
        "complaint.supply_quality": 21,
        "complaint.outage": 16,
        "complaint.business_service": 7,
        "complaint.connection": 5,
        "complaint.theft_report": 1,
        "complaint.appliances": 1,
        "complaint.tariffs": 1,
    }
    taxonomy = Taxonomy.default()
    received = [
        _said(
            f"{key}-{n}",
            Source.COMPLAINT,
            category=key,
            received_at=_AT.add(hours=len(topics) * n + index),
            complaint=Complaint(
                channel="95598",
                complainant=f"C-{key}-{n}",
                escalated=True,
                forwarded_by="华中电监局",
            ),
        )
        for index, (key, count) in enumerate(topics.items())
        for n in range(count)
    ]

    proposal = group_by(received, key=lambda o: o.category, prefix="越级-")
    merged = consolidate(received, proposal)

    sizes = {
        taxonomy.label_path(merged.opinions_of(i.id)[0].category or ""): len(i.opinions)
        for i in merged.items
    }
    assert list(proposal) == [f"越级-{n}" for n in range(1, 8)]
    assert sizes["投诉主题 / 供电质量"] == 21
    assert sorted(sizes.values()) == sorted(topics.values())
    assert merged.breakdown() == {Source.COMPLAINT: 52}


# ---- proposing groups


@given(received=opinion_lists, key=grouping_keys)
def test_proposed_groups_place_every_opinion_once_and_share_their_key(
    received: list[Opinion], key: Callable[[Opinion], Hashable]
) -> None:
    """group_by gives a valid `into`: equal keys together, different keys apart."""
    proposal = group_by(received, key)

    merged = consolidate(received, proposal)

    keys = [{key(o) for o in merged.opinions_of(item)} for item in proposal]
    assert all(len(found) == 1 for found in keys)
    assert len({next(iter(found)) for found in keys}) == len(keys)
    assert merged.merged_count == len(received)


@given(received=opinion_lists, key=grouping_keys, data=st.data())
def test_proposed_groups_do_not_depend_on_the_order_opinions_are_given(
    received: list[Opinion], key: Callable[[Opinion], Hashable], data: st.DataObject
) -> None:
    """Ids and order come from the time received (ties by id), not from the input order."""
    shuffled = data.draw(st.permutations(received))

    assert group_by(shuffled, key) == group_by(received, key)


def test_proposed_groups_are_numbered_from_the_earliest_opinion() -> None:
    """The group of the earliest opinion is item-1; each group lists its opinions by time."""
    late = _said("a", Source.RATER, unit="收费科", received_at=_AT.add(hours=2))
    middle = _said("b", Source.SUPERVISOR, unit="客服科", received_at=_AT.add(hours=1))
    early = _said("c", Source.RATER, unit="收费科")

    assert group_by([late, middle, early], key=lambda o: o.unit) == {
        "item-1": ("c", "a"),
        "item-2": ("b",),
    }


def test_a_key_that_is_not_hashable_is_refused() -> None:
    """A key returning a list cannot group, and is refused as InvalidArgument."""
    with pytest.raises(InvalidArgument) as caught:
        group_by([_said("a", Source.RATER)], key=lambda o: [o.unit])  # type: ignore[arg-type, return-value]

    assert caught.value.name == "key"


# ---- malformed groupings

_MUTATIONS = ("unknown", "repeat_across", "repeat_within", "empty", "drop", "blank_id", "string")


@given(pair=groupings().filter(lambda pair: len(pair[0]) > 0), mutation=st.sampled_from(_MUTATIONS))
def test_every_malformed_grouping_is_refused_naming_the_value(
    pair: tuple[list[Opinion], dict[str, list[str]]], mutation: str
) -> None:
    """Unknown ids, repeats, empty or blank items and missing opinions are each named."""
    received, into = pair
    first_item, members = next(iter(into.items()))
    oid = members[0]
    bad: dict[Any, Any] = {k: list(v) for k, v in into.items()}
    if mutation == "unknown":
        bad[first_item].append("不存在")
        expected: tuple[object, ...] = (first_item, "不存在")
    elif mutation == "repeat_across":
        bad["另一项"] = [oid]
        expected = (oid, first_item, "另一项")
    elif mutation == "repeat_within":
        bad[first_item].append(oid)
        expected = (oid, first_item, first_item)
    elif mutation == "empty":
        bad["空项"] = []
        expected = ("空项",)
    elif mutation == "drop":
        bad[first_item].remove(oid)
        expected = (oid,)
    elif mutation == "blank_id":
        bad[" "] = bad.pop(first_item)
        expected = (" ",)
    else:
        bad[first_item] = oid
        expected = (first_item, oid)

    error = _invalid(received, bad)

    assert isinstance(error, XingfengError)
    assert expected in [d.involved for d in error.defects]


def test_every_defect_of_a_grouping_is_listed_at_once() -> None:
    """Unknown, repeated, unplaced and empty: four defects in one InvalidDefinition."""
    received = [_said("a", Source.RATER), _said("b", Source.SUPERVISOR), _said("c", Source.FORUM)]

    error = _invalid(received, {"P1": ["a", "x"], "P2": ["a"], "P3": []})

    assert [d.message for d in error.defects] == [
        "事项 'P1' 所列的意见 'x' 不存在",
        "事项 'P3' 没有归并任何意见（每个事项至少一条）",
        "意见 'a' 归入了 2 个事项：['P1', 'P2']",
        "意见 'b' 没有归入任何事项",
        "意见 'c' 没有归入任何事项",
    ]


def test_opinions_with_the_same_id_are_refused() -> None:
    """Two opinions sharing an id could not be told apart; the id is named."""
    twice = [_said("a", Source.RATER), _said("a", Source.MEDIA)]

    error = _invalid(twice, {"P1": ["a"]})

    assert [d.involved for d in error.defects] == [("a",)]


def test_a_consolidation_built_directly_is_checked_the_same_way() -> None:
    """Repeated item ids and misplaced opinions are refused when a Consolidation is built."""
    received = [_said("a", Source.RATER), _said("b", Source.RATER)]
    good = consolidate(received, {"P1": ["a"], "P2": ["b"]})

    with pytest.raises(InvalidDefinition) as caught:
        attrs.evolve(good, items=[ConsolidatedItem(id="P1", opinions=["a", "b"])] * 2)

    assert [d.involved for d in caught.value.defects] == [
        ("P1",),
        ("a", "P1", "P1"),
        ("b", "P1", "P1"),
    ]


@pytest.mark.parametrize(
    ("received", "into", "name"),
    [
        ("abc", {}, "opinions"),
        ([_said("a", Source.RATER), "b"], {"P1": ["a"]}, "opinions"),
        ([_said("a", Source.RATER)], [("P1", ["a"])], "into"),
        (None, {}, "opinions"),
    ],
)
def test_consolidate_refuses_arguments_of_the_wrong_kind(
    received: object, into: object, name: str
) -> None:
    """Anything but opinions and a mapping is refused as InvalidArgument naming the argument."""
    with pytest.raises(InvalidArgument) as caught:
        consolidate(received, into)  # type: ignore[arg-type]

    assert caught.value.name == name


def test_opinion_ids_may_be_given_as_any_collection_even_a_generator() -> None:
    """A set, a tuple or a generator of ids each places the opinions it names."""
    received = [_said("a", Source.RATER), _said("b", Source.RATER), _said("c", Source.MEDIA)]

    merged = consolidate(received, {"P1": (oid for oid in "ab"), "P2": {"c"}})

    assert merged.item("P1").opinions == ("a", "b")
    assert merged.item_of("c") == "P2"


def test_an_item_merging_nothing_cannot_exist() -> None:
    """ConsolidatedItem refuses an empty list of opinions by name."""
    with pytest.raises(InvalidArgument) as caught:
        ConsolidatedItem(id="P1", opinions=[])

    assert caught.value.name == "opinions"


@given(merged=consolidations)
def test_unknown_items_and_opinions_are_refused_by_every_query(merged: Consolidation) -> None:
    """Asking about an id the consolidation lacks raises UnknownReference naming it."""
    for query in (merged.item, merged.opinions_of, merged.sources_of, merged.breakdown):
        with pytest.raises(UnknownReference) as caught:
            query("不存在")
        assert caught.value.value == "不存在"
    for lookup in (merged.opinion, merged.item_of):
        with pytest.raises(UnknownReference):
            lookup("不存在")


# ---- serialization


@given(merged=consolidations)
def test_a_consolidation_round_trips_through_json(merged: Consolidation) -> None:
    """from_json(to_json(c)) is an equal consolidation with the same breakdowns."""
    loaded = from_json(to_json(merged), Consolidation)

    assert loaded == merged
    assert loaded.breakdown() == merged.breakdown()
    assert loaded.items_per_source() == merged.items_per_source()


def test_an_item_round_trips_through_json() -> None:
    """from_json(to_json(item)) is an equal ConsolidatedItem."""
    item = ConsolidatedItem(id="P1", opinions=["r1", "s1"])

    assert from_json(to_json(item), ConsolidatedItem) == item
