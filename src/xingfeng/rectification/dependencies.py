"""Measures that depend on each other (措施之间的先后关系).

A measure may need others done first (``Measure.depends_on``): the rule must be mended
before staff are trained on it, the line rebuilt before the low-voltage complaints are
answered.  A :class:`MeasureGraph` refuses a plan that cannot be carried out (an unknown
prerequisite, a repeated id, a cycle, each cycle with its path), reports the deadlines that
contradict the dependencies (:meth:`MeasureGraph.schedule_conflicts`), and says which
measures are at risk because a measure they need is late (:meth:`MeasureGraph.at_risk`).

>>> from datetime import date
>>> from xingfeng.rectification.measures import Measure
>>> def measure(id, due, *needs):
...     return Measure(id=id, problem="P1", title=id, owner="王", due=due, depends_on=needs)
>>> graph = MeasureGraph(measures=(
...     measure("修订制度", date(2026, 10, 15)),
...     measure("培训", date(2026, 10, 10), "修订制度"),
...     measure("回访", date(2026, 11, 30), "培训"),
... ))
>>> graph.order()
('修订制度', '培训', '回访')
>>> print(graph.schedule_conflicts()[0])
措施 '培训' 的期限 2026-10-10 早于其前提措施 '修订制度' 的期限 2026-10-15
>>> graph.overdue(on=date(2026, 10, 16)), graph.at_risk(on=date(2026, 10, 16))
(('修订制度', '培训'), ('培训', '回访'))
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs
import networkx as nx

from xingfeng._checks import (
    is_plain_date,
    items_of,
    plain_date,
    require_date,
    text,
    to_tuple,
)
from xingfeng.exceptions import Defect, InvalidArgument, InvalidDefinition, UnknownReference
from xingfeng.rectification.measures import Measure

__all__ = ["MeasureGraph", "ScheduleConflict"]

#: Cycles listed one by one in each knot of measures that need each other, the shortest
#: first.  A knot of n measures that all need each other holds more than (n-1)! cycles, so
#: past this many the rest are reported together, as one defect naming the whole knot.
CYCLES_SHOWN = 20


def _before_prerequisite(
    instance: ScheduleConflict, attribute: attrs.Attribute[Any], value: object
) -> None:
    plain_date(instance, attribute, value)
    if is_plain_date(instance.deadline) and is_plain_date(value) and not instance.deadline < value:
        raise InvalidArgument(
            attribute.name,
            value,
            f"措施期限 {instance.deadline} 之后的日期",
            english=f"a date after the measure's deadline {instance.deadline}",
        )


@attrs.frozen(kw_only=True)
class ScheduleConflict:
    """A measure due before one of its prerequisites is due.

    As planned, ``measure`` must be finished by ``deadline`` but cannot start before
    ``prerequisite`` is done, which may take until ``prerequisite_deadline``, a later day.
    Both are the deadlines in force (extensions included).
    """

    measure: str = attrs.field(validator=text)
    deadline: date = attrs.field(validator=plain_date)
    prerequisite: str = attrs.field(validator=text)
    prerequisite_deadline: date = attrs.field(validator=_before_prerequisite)

    def __str__(self) -> str:
        return (
            f"措施 {self.measure!r} 的期限 {self.deadline} 早于其前提措施 "
            f"{self.prerequisite!r} 的期限 {self.prerequisite_deadline}"
        )


def _cycle_from_smallest(cycle: list[str]) -> tuple[str, ...]:
    start = cycle.index(min(cycle))
    return tuple(cycle[start:] + cycle[:start])


def _cycles_within(knot: nx.DiGraph, bound: int | None) -> list[list[str]]:
    """Up to one more than :data:`CYCLES_SHOWN` cycles of at most ``bound`` measures."""
    return list(itertools.islice(nx.simple_cycles(knot, length_bound=bound), CYCLES_SHOWN + 1))


def _shortest_cycles(knot: nx.DiGraph) -> tuple[list[tuple[str, ...]], bool]:
    """At most :data:`CYCLES_SHOWN` cycles of ``knot``, the shortest, and whether more exist."""
    every = _cycles_within(knot, None)
    if len(every) <= CYCLES_SHOWN:
        return sorted(map(_cycle_from_smallest, every), key=_by_path), False
    # The fewest measures per cycle at which there are too many cycles to list, found by
    # bisection: each probe stops after CYCLES_SHOWN + 1 cycles, however many there are.
    low, high = 1, len(knot)
    while low < high:
        middle = (low + high) // 2
        if len(_cycles_within(knot, middle)) > CYCLES_SHOWN:
            high = middle
        else:
            low = middle + 1
    shorter = _cycles_within(knot, low - 1) if low > 1 else []
    at_bound = [c for c in _cycles_within(knot, low) if len(c) == low]
    shown = sorted(map(_cycle_from_smallest, shorter), key=_by_path)
    shown += sorted(map(_cycle_from_smallest, at_bound))[: CYCLES_SHOWN - len(shown)]
    return shown, True


def _cycle_defects(graph: nx.DiGraph) -> list[Defect]:
    """Every cycle, each once with its path; past :data:`CYCLES_SHOWN` in a knot, the knot."""
    defects: list[Defect] = []
    for knot in sorted(nx.strongly_connected_components(graph), key=min):
        member = next(iter(knot))
        if len(knot) == 1 and not graph.has_edge(member, member):
            continue
        cycles, more = _shortest_cycles(graph.subgraph(knot))
        defects.extend(
            Defect(
                "措施循环依赖：" + " → ".join([*cycle, cycle[0]]) + "（前一项须先于后一项完成）",
                cycle,
                english=(
                    "cycle among measures: "
                    + " → ".join([*cycle, cycle[0]])
                    + " (each must be done before the next)"
                ),
            )
            for cycle in cycles
        )
        if more:
            members = tuple(sorted(knot))
            defects.append(
                Defect(
                    f"措施之间的循环多于 {CYCLES_SHOWN} 个："
                    + "、".join(members)
                    + " 互为前提；请先打破上列循环再检查",
                    members,
                    english=(
                        f"more than {CYCLES_SHOWN} cycles among measures "
                        + ", ".join(members)
                        + ": each needs the others; break the cycles above and check again"
                    ),
                )
            )
    return defects


def _by_path(cycle: tuple[str, ...]) -> tuple[int, tuple[str, ...]]:
    return (len(cycle), cycle)


@attrs.frozen(kw_only=True)
class MeasureGraph:
    """Measures and what each needs done first, checked and frozen.

    Raises :class:`~xingfeng.InvalidDefinition` listing every repeated id, every dependency
    on an unknown measure and every cycle with its path (``m1 → m2 → m3 → m1``, each needed
    by the next, starting from the smallest id); a knot of more than :data:`CYCLES_SHOWN`
    cycles shows the shortest and names all its measures.  Edges run from a prerequisite to
    the measure that needs it.  Every tuple of ids it returns is in :meth:`order`.
    """

    measures: tuple[Measure, ...] = attrs.field(converter=to_tuple, validator=items_of(Measure))
    _graph: nx.DiGraph = attrs.field(init=False, repr=False, eq=False)
    _order: tuple[str, ...] = attrs.field(init=False, repr=False, eq=False)
    _position: dict[str, int] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        defects: list[Defect] = []
        counts = Counter(m.id for m in self.measures)
        defects.extend(
            Defect(
                f"措施编号 {measure_id!r} 用了 {n} 次",
                (measure_id,),
                english=f"measure id {measure_id!r} is used {n} times",
            )
            for measure_id, n in counts.items()
            if n > 1
        )
        graph = nx.DiGraph()
        # Sorted, so that the cycles found do not depend on the order measures are listed in.
        graph.add_nodes_from(
            (m.id, {"measure": m}) for m in sorted(self.measures, key=lambda m: m.id)
        )
        edges: set[tuple[str, str]] = set()
        for measure in self.measures:
            for needed in sorted(set(measure.depends_on)):
                if needed in counts:
                    edges.add((needed, measure.id))
                else:
                    defects.append(
                        Defect(
                            f"措施 {measure.id!r} 的前提措施 {needed!r} 不存在",
                            (measure.id, needed),
                            english=f"measure {measure.id!r} depends on unknown measure {needed!r}",
                        )
                    )
        graph.add_edges_from(sorted(edges))
        defects.extend(_cycle_defects(graph))
        if defects:
            raise InvalidDefinition("整改措施的先后关系", defects, english="measure graph")
        nx.freeze(graph)
        # Deterministic: among measures ready at the same time, the smaller id comes first.
        order = tuple(nx.lexicographical_topological_sort(graph))
        object.__setattr__(self, "_graph", graph)
        object.__setattr__(self, "_order", order)
        object.__setattr__(self, "_position", {m: i for i, m in enumerate(order)})

    @property
    def graph(self) -> nx.DiGraph:
        """The frozen graph; an edge runs from a prerequisite to the measure that needs it."""
        return self._graph

    def measure(self, measure_id: str) -> Measure:
        """The measure called ``measure_id``; :class:`~xingfeng.UnknownReference` if none."""
        try:
            return self._graph.nodes[measure_id]["measure"]  # type: ignore[no-any-return]
        except (KeyError, TypeError):
            raise UnknownReference("measure", measure_id, self._order) from None

    def order(self) -> tuple[str, ...]:
        """Every measure after all of its prerequisites; ties broken by the smaller id."""
        return self._order

    def _in_order(self, ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(ids, key=self._position.__getitem__))

    def prerequisites(self, measure_id: str) -> tuple[str, ...]:
        """Every measure ``measure_id`` needs done first, directly or through others."""
        self.measure(measure_id)
        return self._in_order(nx.ancestors(self._graph, measure_id))

    def dependents(self, measure_id: str) -> tuple[str, ...]:
        """Every measure that needs ``measure_id`` done first, directly or through others."""
        self.measure(measure_id)
        return self._in_order(nx.descendants(self._graph, measure_id))

    def schedule_conflicts(self) -> tuple[ScheduleConflict, ...]:
        """Every measure due before one of its direct prerequisites, by deadline in force.

        A plan check: reported, not refused, since an extension may resolve it, and done or
        not does not matter.  Equal deadlines are no conflict.  Ordered by measure, then by
        prerequisite, both in :meth:`order`.
        """
        found = []
        for prerequisite_id, measure_id in self._graph.edges:
            measure = self.measure(measure_id)
            prerequisite = self.measure(prerequisite_id)
            if measure.deadline < prerequisite.deadline:
                found.append(
                    ScheduleConflict(
                        measure=measure_id,
                        deadline=measure.deadline,
                        prerequisite=prerequisite_id,
                        prerequisite_deadline=prerequisite.deadline,
                    )
                )
        position = self._position
        return tuple(sorted(found, key=lambda c: (position[c.measure], position[c.prerequisite])))

    def overdue(self, on: date) -> tuple[str, ...]:
        """The measures overdue ``on``: their deadline in force has passed and they were not
        done by then."""
        require_date("on", on)
        return tuple(m for m in self._order if self.measure(m).is_overdue(on))

    def at_risk(self, on: date) -> tuple[str, ...]:
        """The measures not done by ``on`` that need, directly or through others, one overdue
        ``on``.

        A measure that is itself overdue is here only if something it needs is overdue too.
        While nothing is completed, a later day never removes a measure from this set.
        """
        late = self.overdue(on)
        reached: set[str] = set()
        frontier = list(late)
        while frontier:
            for later in self._graph.successors(frontier.pop()):
                if later not in reached:
                    reached.add(later)
                    frontier.append(later)
        return self._in_order(m for m in reached if not self.measure(m).done_by(on))

    def late_prerequisites(self, measure_id: str, on: date) -> tuple[str, ...]:
        """What ``measure_id`` needs, directly or through others, that is overdue ``on``.

        Why :meth:`at_risk` lists a measure: for one not done, this is empty exactly when
        it is not at risk.
        """
        require_date("on", on)
        return tuple(m for m in self.prerequisites(measure_id) if self.measure(m).is_overdue(on))
