"""Tests for xingfeng.organization.duties: responsibilities as a dependency graph."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests import strategies
from xingfeng import (
    Duty,
    DutyGraph,
    InvalidArgument,
    InvalidDefinition,
    ResponsibilityChain,
    UnknownReference,
    XingfengError,
)


def _duty(duty_id: str, *needs: str, owner: str = "wang") -> Duty:
    return Duty(id=duty_id, title=f"事项{duty_id}", owner=owner, prerequisites=frozenset(needs))


def _smallest_ready_first(duties: Iterable[Duty]) -> list[str]:
    """Reference order: repeatedly take the smallest id whose prerequisites are all done."""
    waiting = {d.id: set(d.prerequisites) for d in duties}
    done: list[str] = []
    while waiting:
        ready = min(i for i, needs in waiting.items() if needs <= set(done))
        done.append(ready)
        del waiting[ready]
    return done


def _downstream(duties: Iterable[Duty], start: str) -> set[str]:
    """Every duty needing ``start`` directly or through others, by walking prerequisites."""
    needed_by: dict[str, set[str]] = {}
    for duty in duties:
        for needed in duty.prerequisites:
            needed_by.setdefault(needed, set()).add(duty.id)
    found: set[str] = set()
    frontier = [start]
    while frontier:
        for later in needed_by.get(frontier.pop(), ()):
            if later not in found:
                found.add(later)
                frontier.append(later)
    return found


def _refusal(duties: Iterable[Duty]) -> InvalidDefinition:
    with pytest.raises(InvalidDefinition) as caught:
        DutyGraph(duties=tuple(duties))
    return caught.value


# --------------------------------------------------------------------------- order


@given(graph=strategies.duty_graphs)
def test_order_lists_every_duty_once_and_after_all_its_prerequisites(graph: DutyGraph) -> None:
    """order() is a topological order: each duty once, each after everything it needs."""
    order = graph.order()

    assert sorted(order) == sorted(d.id for d in graph.duties)
    position = {duty_id: i for i, duty_id in enumerate(order)}
    for duty in graph.duties:
        assert all(position[needed] < position[duty.id] for needed in duty.prerequisites)


@given(graph=strategies.duty_graphs)
def test_order_breaks_ties_by_taking_the_smallest_ready_id(graph: DutyGraph) -> None:
    """Among the duties whose prerequisites are done, the one with the smallest id comes next."""
    assert list(graph.order()) == _smallest_ready_first(graph.duties)


@given(listed=strategies.duty_lists(), data=st.data())
def test_order_does_not_depend_on_the_order_duties_are_listed(
    listed: list[Duty], data: st.DataObject
) -> None:
    """The same duties listed in any order give the same order(): it is deterministic."""
    shuffled = data.draw(st.permutations(listed))

    assert DutyGraph(duties=tuple(shuffled)).order() == DutyGraph(duties=tuple(listed)).order()


def test_a_campaign_stage_is_ordered_after_what_it_needs() -> None:
    """Mobilisation, then self-inspection, then the plan and the stage report (seed 000)."""
    graph = DutyGraph(
        duties=(
            _duty("report", "plan", "inspect"),
            _duty("plan", "inspect"),
            _duty("inspect", "mobilise"),
            _duty("mobilise"),
            _duty("hotline"),
        )
    )

    assert graph.order() == ("hotline", "mobilise", "inspect", "plan", "report")
    assert graph.impact_of_failure("inspect") == ("plan", "report")
    assert graph.impact_of_failure("hotline") == ()


# --------------------------------------------------------------------------- impact and graph


@given(graph=strategies.duty_graphs, data=st.data())
def test_the_impact_of_a_failure_is_everything_downstream_in_order(
    graph: DutyGraph, data: st.DataObject
) -> None:
    """impact_of_failure(d) is every duty needing d, directly or not, listed in order()."""
    assume(graph.duties)
    failed = data.draw(st.sampled_from([d.id for d in graph.duties]))
    downstream = _downstream(graph.duties, failed)

    impact = graph.impact_of_failure(failed)

    assert set(impact) == downstream
    assert impact == tuple(d for d in graph.order() if d in downstream)
    assert set(impact) == nx.descendants(graph.graph, failed)


@given(graph=strategies.duty_graphs)
def test_the_graph_is_frozen_with_an_edge_from_each_prerequisite_to_its_duty(
    graph: DutyGraph,
) -> None:
    """Edges run prerequisite → duty; the graph cannot be changed behind the DutyGraph's back."""
    expected = {(needed, d.id) for d in graph.duties for needed in d.prerequisites}

    assert nx.is_frozen(graph.graph)
    assert set(graph.graph.edges) == expected
    assert set(graph.graph.nodes) == {d.id for d in graph.duties}
    assert nx.is_directed_acyclic_graph(graph.graph)


@given(graph=strategies.duty_graphs)
def test_each_duty_is_found_by_its_id(graph: DutyGraph) -> None:
    """duty(id) gives back the duty listed under that id."""
    for duty in graph.duties:
        assert graph.duty(duty.id) is duty


@pytest.mark.parametrize("ask", [DutyGraph.duty, DutyGraph.impact_of_failure])
def test_an_unknown_duty_raises_unknown_reference_naming_it(ask: Callable[..., object]) -> None:
    """Asking about a duty the graph does not know is a LookupError that names it."""
    graph = DutyGraph(duties=(_duty("plan"),))

    with pytest.raises(UnknownReference, match="'nothing'") as caught:
        ask(graph, "nothing")

    assert isinstance(caught.value, XingfengError)
    assert isinstance(caught.value, LookupError)


# --------------------------------------------------------------------------- defects


@given(listed=strategies.duty_lists(), data=st.data())
def test_a_prerequisite_that_closes_a_loop_is_refused_with_the_cycle(
    listed: list[Duty], data: st.DataObject
) -> None:
    """A duty made to need one that needs it is refused with the cycle, each needed by the next."""
    assume(listed)
    duty = data.draw(st.sampled_from(listed))
    later = data.draw(st.sampled_from(sorted({duty.id} | _downstream(listed, duty.id))))
    looped = [
        attrs.evolve(d, prerequisites=d.prerequisites | {later}) if d is duty else d for d in listed
    ]
    needs = {d.id: d.prerequisites for d in looped}

    error = _refusal(looped)

    [defect] = [d for d in error.defects if "循环" in d.message]
    cycle = list(defect.involved)
    pairs = list(itertools.pairwise([*cycle, cycle[0]]))
    assert all(first in needs[then] for first, then in pairs)
    assert (later, duty.id) in pairs
    assert " → ".join([*cycle, cycle[0]]) in defect.message


def test_a_duty_needing_itself_is_a_cycle_of_one() -> None:
    """A self-prerequisite is the shortest cycle, and is refused as one."""
    error = _refusal([_duty("plan", "plan")])

    assert [(d.message, d.involved) for d in error.defects] == [
        ("责任事项循环依赖：plan → plan（前一项是后一项的前提）", ("plan",))
    ]


def test_an_unknown_prerequisite_is_refused_naming_both_duties() -> None:
    """A duty may only need duties of the same graph."""
    error = _refusal([_duty("plan", "inspection")])

    [defect] = error.defects
    assert "责任事项 'plan' 的前提 'inspection' 不是已定义的责任事项" in defect.message
    assert defect.involved == ("plan", "inspection")


def test_a_repeated_duty_id_is_refused() -> None:
    """Two duties with one id cannot be told apart."""
    error = _refusal([_duty("plan"), _duty("plan", owner="li")])

    [defect] = error.defects
    assert "责任事项编号 'plan' 用了不止一次" in defect.message
    assert defect.involved == ("plan",)


def test_every_defect_of_a_duty_graph_is_reported_at_once() -> None:
    """A repeated id, an unknown prerequisite and two separate cycles: four defects, one error."""
    error = _refusal(
        [
            _duty("plan"),
            _duty("plan"),
            _duty("report", "summary"),
            _duty("a", "b"),
            _duty("b", "a"),
            _duty("x", "z"),
            _duty("y", "x"),
            _duty("z", "y"),
        ]
    )

    messages = [d.message for d in error.defects]
    assert len(messages) == 4
    assert any("'plan' 用了不止一次" in m for m in messages)
    assert any("的前提 'summary' 不是已定义的责任事项" in m for m in messages)
    cycles = sorted(set(d.involved) for d in error.defects if "循环" in d.message)
    assert cycles == [{"a", "b"}, {"x", "y", "z"}]
    assert "（4 处）" in str(error)


@pytest.mark.parametrize(
    "fields",
    [
        {"id": ""},
        {"title": " "},
        {"owner": ""},
        {"prerequisites": {"plan", ""}},
    ],
    ids=["empty id", "blank title", "empty owner", "empty prerequisite"],
)
def test_a_duty_with_an_empty_field_raises_invalid_argument(fields: dict[str, Any]) -> None:
    """A duty needs an id, a title, an owner, and non-empty prerequisite ids."""
    with pytest.raises(InvalidArgument):
        Duty(**{"id": "report", "title": "转段报告", "owner": "wang", **fields})


# --------------------------------------------------------------------------- owners


@given(chain=strategies.chains(), data=st.data())
def test_owners_missing_from_the_chain_are_exactly_the_duties_owned_by_non_holders(
    chain: ResponsibilityChain, data: st.DataObject
) -> None:
    """owners_missing_from(set(chain.holders)) names every duty whose owner holds no chain post."""
    owners = st.sampled_from([*chain.holders, "nobody", "外人"])
    listed = data.draw(strategies.duty_lists(owners=owners))
    graph = DutyGraph(duties=tuple(listed))

    missing = graph.owners_missing_from(set(chain.holders))

    assert missing == tuple(d for d in listed if d.owner not in chain.holders)


def test_a_duty_owned_by_the_hall_head_is_not_missing_but_one_owned_by_an_outsider_is() -> None:
    """In the gas company, 陈 holds a chain post and 吴 (a conduct supervisor) does not."""
    chain = ResponsibilityChain(organization=strategies.gas_company())
    graph = DutyGraph(duties=(_duty("hall-check", owner="chen"), _duty("visit", owner="wu")))

    assert graph.owners_missing_from(frozenset(chain.holders)) == (graph.duty("visit"),)


# --------------------------------------------------------------------------- regressions


@given(text=st.text(max_size=6))
def test_a_duty_refuses_a_bare_string_for_its_prerequisites(text: str) -> None:
    """prerequisites="ab" is refused, not read as the duties "a" and "b"."""
    with pytest.raises(InvalidArgument):
        Duty(id="d", title="整改", owner="wang", prerequisites=text)


@pytest.mark.parametrize(
    "duties",
    [[5], [None], 5, None, "d1"],
    ids=["an int", "None inside", "not iterable", "None", "a string"],
)
def test_a_duty_graph_of_the_wrong_types_raises_a_xingfeng_error(duties: Any) -> None:
    """DutyGraph(duties=[5]) is refused as InvalidArgument or InvalidDefinition."""
    with pytest.raises((InvalidArgument, InvalidDefinition)):
        DutyGraph(duties=duties)
