"""Tests for xingfeng.rectification.dependencies: measures that need other measures done first."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

import attrs
import networkx as nx
import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.strategies import (
    _downstream,
    asking_days,
    cyclic_measure_lists,
    measure_graphs,
    measure_lists,
    schedule_conflicts,
    tangled_measure_lists,
)
from xingfeng import (
    InvalidArgument,
    InvalidDefinition,
    UnknownReference,
    XingfengError,
    from_json,
    to_json,
)
from xingfeng.rectification.dependencies import CYCLES_SHOWN, MeasureGraph, ScheduleConflict
from xingfeng.rectification.measures import Measure


def _needs(measures: Iterable[Measure]) -> dict[str, set[str]]:
    return {m.id: set(m.depends_on) for m in measures}


def _late(measure: Measure, on: date) -> bool:
    """Reference: the day is after the extension if any, else after the due day, and the
    measure was not done by then (done on a later day, it was still undone that day)."""
    deadline = measure.extended_to if measure.extended_to is not None else measure.due
    done_by_then = measure.done_at is not None and measure.done_at.date() <= on
    return not done_by_then and on > deadline


def _measure(
    measure_id: str,
    due: date = date(2026, 10, 31),
    *needs: str,
    extended_to: date | None = None,
    done_at: datetime | None = None,
) -> Measure:
    return Measure(
        id=measure_id,
        problem="P1",
        title=f"措施{measure_id}",
        owner="王",
        due=due,
        depends_on=needs,
        extended_to=extended_to,
        done_at=done_at,
    )


def _refusal(measures: Iterable[Measure]) -> InvalidDefinition:
    with pytest.raises(InvalidDefinition) as caught:
        MeasureGraph(measures=tuple(measures))
    return caught.value


def _cycles(error: InvalidDefinition) -> list[tuple[str, ...]]:
    return [
        tuple(map(str, d.involved)) for d in error.defects if d.message.startswith("措施循环依赖")
    ]


def _smallest_ready_first(measures: Iterable[Measure]) -> list[str]:
    """Reference order: repeatedly take the smallest id whose prerequisites are all done."""
    waiting = _needs(measures)
    done: list[str] = []
    while waiting:
        ready = min(i for i, needs in waiting.items() if needs <= set(done))
        done.append(ready)
        del waiting[ready]
    return done


DONE = pendulum.datetime(2026, 10, 1, 9, tz="Asia/Shanghai")

# --------------------------------------------------------------------------- cycles


@given(case=cyclic_measure_lists(most_loops=1))
def test_a_dependency_that_closes_a_loop_is_refused_with_a_cycle_through_it(
    case: tuple[list[Measure], list[tuple[str, str]]],
) -> None:
    """One added back edge: every cycle reported runs through it, and at least one is found."""
    looped, [(needed, dependent)] = case

    cycles = _cycles(_refusal(looped))

    assert cycles
    for cycle in cycles:
        assert (needed, dependent) in itertools.pairwise([*cycle, cycle[0]])


@given(case=cyclic_measure_lists())
def test_every_injected_cycle_is_caught(
    case: tuple[list[Measure], list[tuple[str, str]]],
) -> None:
    """Each added back edge is on a reported cycle, or in a knot reported as too many cycles."""
    looped, added = case

    error = _refusal(looped)

    knots = [set(d.involved) for d in error.defects if d.message.startswith("措施之间的循环多于")]
    on_a_cycle = {
        pair for cycle in _cycles(error) for pair in itertools.pairwise([*cycle, cycle[0]])
    }
    for needed, dependent in added:
        assert (needed, dependent) in on_a_cycle or any({needed, dependent} <= k for k in knots)


@given(case=cyclic_measure_lists())
def test_each_reported_cycle_is_real_written_from_its_smallest_id_and_reported_once(
    case: tuple[list[Measure], list[tuple[str, str]]],
) -> None:
    """Each needs the one before it; a path starts at its smallest id; no cycle twice."""
    looped, _ = case
    needs = _needs(looped)

    error = _refusal(looped)

    cycles = _cycles(error)
    assert len(set(cycles)) == len(cycles)
    for cycle in cycles:
        assert cycle[0] == min(cycle)
        assert len(set(cycle)) == len(cycle)
        assert all(first in needs[then] for first, then in itertools.pairwise([*cycle, cycle[0]]))
    for defect in error.defects:
        if defect.message.startswith("措施循环依赖"):
            path = [*defect.involved, defect.involved[0]]
            assert " → ".join(map(str, path)) in defect.message


@given(case=cyclic_measure_lists(), data=st.data())
def test_the_cycles_reported_do_not_depend_on_the_order_measures_are_listed(
    case: tuple[list[Measure], list[tuple[str, str]]], data: st.DataObject
) -> None:
    """The same measures in another order are refused with the same defects."""
    looped, _ = case
    shuffled = data.draw(st.permutations(looped))

    assert _refusal(shuffled).defects == _refusal(looped).defects


@given(listed=tangled_measure_lists())
def test_all_cycles_are_listed_or_when_too_many_the_shortest_and_the_knot(
    listed: list[Measure],
) -> None:
    """Per knot, against every simple cycle: all if few, else the shortest CYCLES_SHOWN."""
    reference = nx.DiGraph([(needed, m.id) for m in listed for needed in m.depends_on])
    every = {
        tuple(c[c.index(min(c)) :] + c[: c.index(min(c))]) for c in nx.simple_cycles(reference)
    }
    if not every:
        MeasureGraph(measures=tuple(listed))
        return

    error = _refusal(listed)

    shown = set(_cycles(error))
    assert len(shown) == len(_cycles(error))
    told_too_many = {
        d.involved for d in error.defects if d.message.startswith("措施之间的循环多于")
    }
    knots = {tuple(sorted(c for c in every if set(c) <= k)) for k in map(set, _knots(reference))}
    for knot_cycles in filter(None, knots):
        members = tuple(sorted({m for c in knot_cycles for m in c}))
        in_knot = set(knot_cycles)
        if len(in_knot) <= CYCLES_SHOWN:
            assert in_knot <= shown
            assert members not in told_too_many
        else:
            assert len(in_knot & shown) == CYCLES_SHOWN
            assert members in told_too_many
            longest_shown = max(len(c) for c in in_knot & shown)
            assert all(len(c) >= longest_shown for c in in_knot - shown)
    assert shown <= every


def _knots(graph: nx.DiGraph) -> list[set[str]]:
    """Strongly connected components, written out: who reaches whom and is reached back."""
    reach = {n: nx.descendants(graph, n) | {n} for n in graph}
    return [{m for m in graph if m in reach[n] and n in reach[m]} for n in graph]


def test_three_measures_needing_each_other_in_a_ring_are_refused_with_the_path() -> None:
    """m2 needs m1, m3 needs m2, m1 needs m3: the path is written in the order of the work."""
    error = _refusal(
        [
            _measure("m2", date(2026, 10, 31), "m1"),
            _measure("m3", date(2026, 10, 31), "m2"),
            _measure("m1", date(2026, 10, 31), "m3"),
        ]
    )

    [defect] = error.defects
    assert defect.message == ("措施循环依赖：m1 → m2 → m3 → m1（前一项须先于后一项完成）")
    assert defect.involved == ("m1", "m2", "m3")
    assert error.what == "整改措施的先后关系"
    assert isinstance(error, XingfengError)
    assert isinstance(error, ValueError)


def test_a_measure_needing_itself_is_a_cycle_of_one() -> None:
    """A self-dependency is the shortest cycle, and is refused as one."""
    error = _refusal([_measure("m1", date(2026, 10, 31), "m1")])

    assert [str(d) for d in error.defects] == ["措施循环依赖：m1 → m1（前一项须先于后一项完成）"]


def test_two_cycles_through_one_measure_are_each_reported() -> None:
    """m1 ⇄ m2 and m1 ⇄ m3 are two cycles in one knot; both are named, shortest path first."""
    error = _refusal(
        [
            _measure("m1", date(2026, 10, 31), "m2", "m3"),
            _measure("m2", date(2026, 10, 31), "m1"),
            _measure("m3", date(2026, 10, 31), "m1"),
        ]
    )

    assert _cycles(error) == [("m1", "m2"), ("m1", "m3")]


def test_a_knot_with_too_many_cycles_lists_some_and_names_every_measure_in_it() -> None:
    """Five measures each needing all others hold 84 cycles: the 20 shortest, then the knot."""
    ids = ["m1", "m2", "m3", "m4", "m5"]
    error = _refusal([_measure(i, date(2026, 10, 31), *(j for j in ids if j != i)) for i in ids])

    assert [len(cycle) for cycle in _cycles(error)] == [2] * 10 + [3] * 10
    [knot] = [d for d in error.defects if d.message.startswith("措施之间的循环多于")]
    assert knot.involved == tuple(ids)
    assert "m1、m2、m3、m4、m5" in knot.message


def test_the_cycles_shown_of_a_large_knot_do_not_depend_on_the_listing() -> None:
    """Which cycles are listed when there are too many is decided by ids, not by input order."""
    ids = ["m1", "m2", "m3", "m4", "m5"]
    listed = [_measure(i, date(2026, 10, 31), *(j for j in ids if j != i)) for i in ids]
    reversed_ = [
        _measure(i, date(2026, 10, 31), *(j for j in reversed(ids) if j != i))
        for i in reversed(ids)
    ]

    assert _refusal(reversed_).defects == _refusal(listed).defects


# --------------------------------------------------------------------------- other defects


def test_a_dependency_on_an_unknown_measure_is_refused_naming_both() -> None:
    """A measure may only need measures of the same graph."""
    error = _refusal([_measure("培训", date(2026, 10, 31), "修订制度")])

    assert [(d.message, d.involved) for d in error.defects] == [
        ("措施 '培训' 的前提措施 '修订制度' 不存在", ("培训", "修订制度"))
    ]


def test_a_repeated_measure_id_is_refused_once_with_its_count() -> None:
    """Two or more measures under one id are one defect saying how many there are."""
    error = _refusal([_measure("m1"), _measure("m1"), _measure("m1"), _measure("m2")])

    assert [str(d) for d in error.defects] == ["措施编号 'm1' 用了 3 次"]


def test_every_defect_is_reported_at_once() -> None:
    """A repeated id, two unknown prerequisites and a cycle come in one refusal."""
    error = _refusal(
        [
            _measure("a"),
            _measure("a"),
            _measure("b", date(2026, 10, 31), "x", "c"),
            _measure("c", date(2026, 10, 31), "b", "y"),
        ]
    )

    assert [str(d) for d in error.defects] == [
        "措施编号 'a' 用了 2 次",
        "措施 'b' 的前提措施 'x' 不存在",
        "措施 'c' 的前提措施 'y' 不存在",
        "措施循环依赖：b → c → b（前一项须先于后一项完成）",
    ]
    assert "（4 处）" in str(error)


def test_something_that_is_not_a_measure_is_refused() -> None:
    """Only Measures make a MeasureGraph."""
    with pytest.raises(InvalidArgument, match="每一项都是 Measure"):
        MeasureGraph(measures=(_measure("m1"), "m2"))


# --------------------------------------------------------------------------- order and reach


@given(graph=measure_graphs)
def test_a_dag_is_accepted_and_its_order_respects_every_dependency(graph: MeasureGraph) -> None:
    """order() lists each measure once, each after every measure it depends on."""
    order = graph.order()

    assert sorted(order) == sorted(m.id for m in graph.measures)
    position = {measure_id: i for i, measure_id in enumerate(order)}
    for measure in graph.measures:
        assert all(position[needed] < position[measure.id] for needed in measure.depends_on)


@given(graph=measure_graphs)
def test_order_breaks_ties_by_taking_the_smallest_ready_id(graph: MeasureGraph) -> None:
    """Among the measures whose prerequisites are done, the smallest id comes next."""
    assert list(graph.order()) == _smallest_ready_first(graph.measures)


@given(listed=measure_lists(), data=st.data())
def test_order_does_not_depend_on_the_order_measures_are_listed(
    listed: list[Measure], data: st.DataObject
) -> None:
    """The same measures listed in any order give the same order()."""
    shuffled = data.draw(st.permutations(listed))

    assert MeasureGraph(measures=tuple(shuffled)).order() == (
        MeasureGraph(measures=tuple(listed)).order()
    )


@given(graph=measure_graphs, data=st.data())
def test_dependents_and_prerequisites_are_everything_downstream_and_upstream_in_order(
    graph: MeasureGraph, data: st.DataObject
) -> None:
    """dependents(m) is every measure needing m, directly or not; prerequisites its mirror."""
    assume(graph.measures)
    chosen = data.draw(st.sampled_from([m.id for m in graph.measures]))
    needs = _needs(graph.measures)
    downstream = _downstream(needs, chosen)
    upstream = {other for other in needs if chosen in _downstream(needs, other)}

    assert graph.dependents(chosen) == tuple(m for m in graph.order() if m in downstream)
    assert graph.prerequisites(chosen) == tuple(m for m in graph.order() if m in upstream)


@given(graph=measure_graphs)
def test_the_graph_is_frozen_with_an_edge_from_each_prerequisite_to_its_dependent(
    graph: MeasureGraph,
) -> None:
    """Edges run prerequisite → dependent; the graph cannot be changed behind its back."""
    expected = {(needed, m.id) for m in graph.measures for needed in m.depends_on}

    assert nx.is_frozen(graph.graph)
    assert set(graph.graph.edges) == expected
    assert {m.id: graph.measure(m.id) for m in graph.measures} == {m.id: m for m in graph.measures}


def test_a_plan_is_ordered_after_what_each_measure_needs() -> None:
    """修订制度 before 培训 before 回访; an independent measure takes its place by id."""
    graph = MeasureGraph(
        measures=(
            _measure("回访", date(2026, 11, 30), "培训"),
            _measure("培训", date(2026, 10, 31), "修订制度"),
            _measure("修订制度"),
            _measure("公开承诺"),
        )
    )

    assert graph.order() == ("修订制度", "公开承诺", "培训", "回访")
    assert graph.dependents("修订制度") == ("培训", "回访")
    assert graph.prerequisites("回访") == ("修订制度", "培训")
    assert graph.prerequisites("修订制度") == ()


@pytest.mark.parametrize(
    "ask",
    [
        MeasureGraph.measure,
        MeasureGraph.prerequisites,
        MeasureGraph.dependents,
        lambda graph, measure_id: graph.late_prerequisites(measure_id, date(2026, 11, 1)),
    ],
)
def test_an_unknown_measure_raises_unknown_reference_naming_it(
    ask: Callable[[MeasureGraph, str], object],
) -> None:
    """Asking about a measure the graph does not know is a LookupError that names it."""
    graph = MeasureGraph(measures=(_measure("m1"),))

    with pytest.raises(UnknownReference, match="'nothing'") as caught:
        ask(graph, "nothing")

    assert caught.value.known == ("m1",)
    assert isinstance(caught.value, LookupError)


# --------------------------------------------------------------------------- schedule conflicts


@given(graph=measure_graphs)
def test_schedule_conflicts_are_exactly_the_dependencies_due_before_their_prerequisite(
    graph: MeasureGraph,
) -> None:
    """A conflict for each edge whose dependent's deadline in force is before its prerequisite's."""
    by_id = {m.id: m for m in graph.measures}
    expected = {
        (m.id, m.deadline, needed, by_id[needed].deadline)
        for m in graph.measures
        for needed in m.depends_on
        if m.deadline < by_id[needed].deadline
    }

    conflicts = graph.schedule_conflicts()

    assert len(conflicts) == len(expected)
    assert {
        (c.measure, c.deadline, c.prerequisite, c.prerequisite_deadline) for c in conflicts
    } == expected
    position = {measure_id: i for i, measure_id in enumerate(graph.order())}
    keys = [(position[c.measure], position[c.prerequisite]) for c in conflicts]
    assert keys == sorted(keys)


def test_extensions_can_create_a_schedule_conflict_and_end_it() -> None:
    """Conflicts use the deadline in force: extensions count, the original due day does not."""
    rule = _measure("修订制度", date(2026, 10, 15))
    training = _measure("培训", date(2026, 10, 20), "修订制度")
    assert MeasureGraph(measures=(rule, training)).schedule_conflicts() == ()

    late_rule = attrs.evolve(rule, extended_to=date(2026, 10, 25))
    [conflict] = MeasureGraph(measures=(late_rule, training)).schedule_conflicts()
    assert conflict == ScheduleConflict(
        measure="培训",
        deadline=date(2026, 10, 20),
        prerequisite="修订制度",
        prerequisite_deadline=date(2026, 10, 25),
    )
    assert str(conflict) == (
        "措施 '培训' 的期限 2026-10-20 早于其前提措施 '修订制度' 的期限 2026-10-25"
    )

    late_training = attrs.evolve(training, extended_to=date(2026, 10, 25))
    assert MeasureGraph(measures=(late_rule, late_training)).schedule_conflicts() == ()


@pytest.mark.parametrize("gap", [0, -1])
def test_a_schedule_conflict_needs_the_prerequisite_due_later(gap: int) -> None:
    """A ScheduleConflict whose prerequisite is not due after the measure cannot be built."""
    with pytest.raises(InvalidArgument, match="prerequisite_deadline"):
        ScheduleConflict(
            measure="培训",
            deadline=date(2026, 10, 20),
            prerequisite="修订制度",
            prerequisite_deadline=date(2026, 10, 20) + timedelta(days=gap),
        )


# --------------------------------------------------------------------------- overdue and at risk


@given(graph=measure_graphs, on=asking_days)
def test_overdue_lists_every_measure_not_done_after_its_deadline_in_force(
    graph: MeasureGraph, on: date
) -> None:
    """overdue(on) agrees with a reference reading of due, extended_to and done_at."""
    assert graph.overdue(on) == tuple(m for m in graph.order() if _late(graph.measure(m), on))


@given(graph=measure_graphs, on=asking_days)
def test_at_risk_is_everything_not_done_downstream_of_an_overdue_measure(
    graph: MeasureGraph, on: date
) -> None:
    """at_risk(on) is the union of what overdue measures feed into, minus what is done by
    then."""
    needs = _needs(graph.measures)
    expected: set[str] = set()
    for measure in graph.measures:
        if _late(measure, on):
            expected |= _downstream(needs, measure.id)
    expected = {m for m in expected if not graph.measure(m).done_by(on)}

    at_risk = graph.at_risk(on)

    assert at_risk == tuple(m for m in graph.order() if m in expected)


@given(graph=measure_graphs, first=asking_days, second=asking_days)
def test_at_risk_only_grows_with_time_while_nothing_is_completed(
    graph: MeasureGraph, first: date, second: date
) -> None:
    """With nothing done between the two days, a later day puts at least the same measures
    at risk, and keeps every overdue measure overdue."""
    earlier, later = sorted((first, second))
    assume(
        all(m.done_at is None or not earlier < m.done_at.date() <= later for m in graph.measures)
    )

    assert set(graph.at_risk(earlier)) <= set(graph.at_risk(later))
    assert set(graph.overdue(earlier)) <= set(graph.overdue(later))


@given(graph=measure_graphs, on=asking_days)
def test_a_measure_not_done_is_at_risk_exactly_when_it_has_a_late_prerequisite(
    graph: MeasureGraph, on: date
) -> None:
    """late_prerequisites says why at_risk lists a measure, and is empty when it does not."""
    at_risk = set(graph.at_risk(on))
    for measure in graph.measures:
        late = graph.late_prerequisites(measure.id, on)
        assert set(late) <= set(graph.overdue(on))
        if not measure.done_by(on):
            assert bool(late) == (measure.id in at_risk)


def test_a_late_measure_puts_what_follows_at_risk_but_not_what_is_done() -> None:
    """修订制度 late on 10-16: 培训 is at risk, 回访 too; 公告, already done, is not."""
    graph = MeasureGraph(
        measures=(
            _measure("修订制度", date(2026, 10, 15)),
            _measure("培训", date(2026, 11, 15), "修订制度"),
            _measure("回访", date(2026, 11, 30), "培训"),
            _measure("公告", date(2026, 11, 30), "修订制度", done_at=DONE),
        )
    )

    assert graph.overdue(date(2026, 10, 15)) == ()  # the deadline day itself is still in time
    assert graph.overdue(date(2026, 10, 16)) == ("修订制度",)
    assert graph.at_risk(date(2026, 10, 16)) == ("培训", "回访")
    assert graph.late_prerequisites("回访", date(2026, 10, 16)) == ("修订制度",)
    assert graph.at_risk(date(2026, 10, 15)) == ()


def test_an_extension_takes_a_measure_and_what_follows_out_of_risk() -> None:
    """An approved extension moves the deadline in force, so the measure is no longer late."""
    rule = _measure("修订制度", date(2026, 10, 15), extended_to=date(2026, 10, 31))
    graph = MeasureGraph(measures=(rule, _measure("培训", date(2026, 11, 15), "修订制度")))

    assert graph.at_risk(date(2026, 10, 20)) == ()
    assert graph.at_risk(date(2026, 11, 1)) == ("培训",)


@pytest.mark.parametrize(
    "ask",
    [MeasureGraph.overdue, MeasureGraph.at_risk],
)
def test_a_moment_is_not_a_day(ask: Callable[[MeasureGraph, date], object]) -> None:
    """on= is a calendar day; a datetime is refused rather than cut to a day in some zone."""
    graph = MeasureGraph(measures=(_measure("m1"),))

    with pytest.raises(InvalidArgument, match=re.escape("on=")):
        ask(graph, DONE)


# --------------------------------------------------------------------------- serialization


@given(graph=measure_graphs)
def test_a_measure_graph_round_trips_through_json(graph: MeasureGraph) -> None:
    """to_json then from_json gives back an equal graph that answers the same."""
    loaded = from_json(to_json(graph), MeasureGraph)

    assert loaded == graph
    assert loaded.order() == graph.order()
    assert loaded.schedule_conflicts() == graph.schedule_conflicts()


@given(conflict=schedule_conflicts)
def test_a_schedule_conflict_round_trips_through_json(conflict: ScheduleConflict) -> None:
    """to_json then from_json gives back an equal conflict."""
    assert from_json(to_json(conflict), ScheduleConflict) == conflict
