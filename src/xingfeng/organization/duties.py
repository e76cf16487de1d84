"""Responsibilities (责任事项) as a dependency graph.

A duty has an owner and may need other duties done first (the self-inspection must be
finished before the rectification plan; the plan before the stage report).  A
:class:`DutyGraph` refuses a cycle with its path, orders duties so that each comes after
its prerequisites, and tells what else fails when one duty fails.
"""

from __future__ import annotations

import attrs
import networkx as nx

from xingfeng._checks import items_of, text, texts, to_frozenset, to_tuple
from xingfeng.exceptions import Defect, InvalidDefinition, UnknownReference

__all__ = ["Duty", "DutyGraph"]


@attrs.frozen(kw_only=True)
class Duty:
    """A responsibility (责任事项): what, who owns it, and what must be done before it."""

    id: str = attrs.field(validator=text)
    title: str = attrs.field(validator=text)
    owner: str = attrs.field(validator=text)
    prerequisites: frozenset[str] = attrs.field(
        default=frozenset(), converter=to_frozenset, validator=texts
    )


@attrs.frozen(kw_only=True)
class DutyGraph:
    """Duties and their prerequisites, checked and frozen.

    Raises :class:`InvalidDefinition` listing every repeated id, unknown prerequisite and
    cycle (each with its path).  Edges run from a prerequisite to the duty that needs it.
    """

    duties: tuple[Duty, ...] = attrs.field(converter=to_tuple, validator=items_of(Duty))
    _graph: nx.DiGraph = attrs.field(init=False, repr=False, eq=False)
    _order: tuple[str, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        defects: list[Defect] = []
        seen: set[str] = set()
        for duty in self.duties:
            if duty.id in seen:
                defects.append(
                    Defect(
                        f"责任事项编号 {duty.id!r} 用了不止一次",
                        (duty.id,),
                        english=f"duty id {duty.id!r} is used more than once",
                    )
                )
            seen.add(duty.id)
        graph = nx.DiGraph()
        graph.add_nodes_from((d.id, {"duty": d}) for d in self.duties)
        for duty in self.duties:
            for needed in sorted(duty.prerequisites):
                if needed not in seen:
                    defects.append(
                        Defect(
                            f"责任事项 {duty.id!r} 的前提 {needed!r} 不是已定义的责任事项",
                            (duty.id, needed),
                            english=f"duty {duty.id!r} needs unknown duty {needed!r}",
                        )
                    )
                else:
                    graph.add_edge(needed, duty.id)
        for component in sorted(nx.strongly_connected_components(graph), key=min):
            if len(component) > 1 or graph.has_edge(*(2 * [next(iter(component))])):
                cycle = [u for u, _ in nx.find_cycle(graph.subgraph(component))]
                defects.append(
                    Defect(
                        "责任事项循环依赖："
                        + " → ".join([*cycle, cycle[0]])
                        + "（前一项是后一项的前提）",
                        tuple(cycle),
                        english=(
                            "cycle among duties: "
                            + " → ".join([*cycle, cycle[0]])
                            + " (each is needed by the next)"
                        ),
                    )
                )
        if defects:
            raise InvalidDefinition("责任事项图", defects, english="duty graph")
        nx.freeze(graph)
        object.__setattr__(self, "_graph", graph)
        # Deterministic: among duties ready at the same time, the smaller id comes first.
        object.__setattr__(self, "_order", tuple(nx.lexicographical_topological_sort(graph)))

    @property
    def graph(self) -> nx.DiGraph:
        """The frozen graph; an edge runs from a prerequisite to the duty that needs it."""
        return self._graph

    def duty(self, duty_id: str) -> Duty:
        """The duty called ``duty_id``; :class:`UnknownReference` if there is none."""
        try:
            return self._graph.nodes[duty_id]["duty"]  # type: ignore[no-any-return]
        except (KeyError, TypeError):
            raise UnknownReference("duty", duty_id, [d.id for d in self.duties]) from None

    def order(self) -> tuple[str, ...]:
        """Every duty after all of its prerequisites; ties broken by id."""
        return self._order

    def impact_of_failure(self, duty_id: str) -> tuple[str, ...]:
        """Every duty downstream of ``duty_id`` (needing it directly or indirectly), in order."""
        self.duty(duty_id)
        downstream = nx.descendants(self._graph, duty_id)
        return tuple(d for d in self._order if d in downstream)

    def owners_missing_from(self, holders: frozenset[str] | set[str]) -> tuple[Duty, ...]:
        """Duties whose owner is not among ``holders`` (e.g. ``set(chain.holders)``)."""
        return tuple(d for d in self.duties if d.owner not in holders)
