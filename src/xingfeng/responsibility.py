"""The responsibility chain: who drives whom (一级抓一级、层层抓落实) and who is liable.

:class:`ResponsibilityChain` derives from an :class:`~xingfeng.Organization` who drives
each holder (anyone holding a post in the chain), applies explicit :class:`Assignment`
overrides, checks the rules of the sources and freezes the result in a networkx
``DiGraph`` (edges run from driver to driven):

* R1 一级抓一级: every holder but the top leader is driven by exactly one holder; every
  chain reaches the top leader; there are no cycles; where the chain is ``strict``, a
  holder is driven only from its own unit or the unit directly above.
* R2 every unit has exactly one first responsible person (第一责任人); the root unit's is
  the top leader (一把手).
* R3 三级责任: 一把手负总责 → 分管领导具体抓 → 第一责任人抓落实 → staff.
* R4 a supervision office that lets things slide bears joint liability (连带责任).

Default derivation: a deputy and the staff of a unit are driven by its head; the head of
a unit is driven by the deputy in charge of it (分管), or else by the head of the unit
above.  An assignment replaces the derived driver of one holder.
"""

from __future__ import annotations

import enum
from collections import defaultdict, deque
from collections.abc import Iterator

import attrs
import networkx as nx

from xingfeng._checks import is_a, member_of, text
from xingfeng.exceptions import Defect, InvalidArgument, InvalidDefinition, UnknownReference
from xingfeng.organization import Organization, Post, Posting

__all__ = [
    "Assignment",
    "Liability",
    "LiabilityKind",
    "LiabilityPolicy",
    "ResponsibilityChain",
]

_LEADING_POSTS = frozenset({Post.TOP_LEADER, Post.DEPUTY, Post.FIRST_RESPONSIBLE})


@attrs.frozen(kw_only=True)
class Assignment:
    """``driver`` drives ``driven``, replacing the driver derived from the organisation."""

    driver: str = attrs.field(validator=text)
    driven: str = attrs.field(validator=text)


class LiabilityKind(enum.Enum):
    """Why a holder answers for a failure."""

    DIRECT = "direct"
    LEADERSHIP = "leadership"
    JOINT = "joint"

    @property
    def label(self) -> str:
        """直接责任, 领导责任, 连带责任."""
        return {"direct": "直接责任", "leadership": "领导责任", "joint": "连带责任"}[self.value]


def _levels(_instance: object, attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        raise InvalidArgument(attribute.name, value, "None (all the way up) or an int >= 0")


def _posts(_instance: object, attribute: attrs.Attribute[frozenset[Post]], value: object) -> None:
    if not all(isinstance(p, Post) for p in value):  # type: ignore[attr-defined]
        raise InvalidArgument(attribute.name, value, "a set of Post members")


@attrs.frozen(kw_only=True)
class LiabilityPolicy:
    """How far liability propagates up the chain; data, so each campaign can set its own.

    ``levels``: how many levels above the direct holder bear leadership liability (``None``
    for all the way to the top leader, ``0`` for none).  ``posts``: which posts bear it
    (staff never do by default).  ``supervision``: whether supervision offices whose remit
    covers the unit are jointly liable (R4).  Widening any of the three never removes a
    liable party.
    """

    levels: int | None = attrs.field(default=None, validator=_levels)
    posts: frozenset[Post] = attrs.field(
        default=_LEADING_POSTS, converter=frozenset, validator=_posts
    )
    supervision: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))


@attrs.frozen(kw_only=True)
class Liability:
    """One holder's share in a failure.

    ``path`` runs from the direct holder to this holder: up the chain for leadership
    liability, from the direct holder to the office's head for joint liability.
    """

    holder: str
    kind: LiabilityKind = attrs.field(validator=member_of(LiabilityKind))
    post: Post = attrs.field(validator=member_of(Post))
    unit: str
    path: tuple[str, ...]


@attrs.frozen(kw_only=True)
class ResponsibilityChain:
    """Who drives whom in an organisation, checked and frozen.

    Raises :class:`InvalidDefinition` listing *every* defect: cycles (with their path),
    units with zero or several first responsible persons, zero or several top leaders,
    holders with several drivers, holders that do not reach the top leader, and skip-level
    edges where ``strict``.
    """

    organization: Organization = attrs.field(validator=attrs.validators.instance_of(Organization))
    assignments: tuple[Assignment, ...] = attrs.field(default=(), converter=tuple)
    strict: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    _primary: dict[str, tuple[Posting, ...]] = attrs.field(init=False, repr=False, eq=False)
    _head: dict[str, str] = attrs.field(init=False, repr=False, eq=False)
    _driver: dict[str, str] = attrs.field(init=False, repr=False, eq=False)
    _driven: dict[str, list[str]] = attrs.field(init=False, repr=False, eq=False)
    _offices: dict[str, list[str]] = attrs.field(init=False, repr=False, eq=False)
    _top: str = attrs.field(init=False, repr=False, eq=False)
    _graph: nx.DiGraph = attrs.field(init=False, repr=False, eq=False)
    _chains: dict[str, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        org = self.organization
        primary = _primary_postings(org)
        heads: dict[str, list[str]] = defaultdict(list)
        deputies: dict[str, list[str]] = defaultdict(list)
        for posting in org.postings:
            if posting.post in (Post.TOP_LEADER, Post.FIRST_RESPONSIBLE):
                heads[posting.unit].append(posting.person)
            for uid in posting.in_charge_of:
                deputies[uid].append(posting.person)
        defects: list[Defect] = list(_head_defects(org, heads, deputies))
        head = {uid: people[0] for uid, people in heads.items()}

        drivers = _derived_drivers(org, primary, head, deputies)
        for assignment in self.assignments:
            if not is_a(assignment, Assignment):
                defects.append(Defect(f"{assignment!r} is not an Assignment", (assignment,)))
                continue
            for role in ("driver", "driven"):
                who = getattr(assignment, role)
                if who not in primary:
                    defects.append(
                        Defect(
                            f"assignment names {role} {who!r}, who holds no post in the chain",
                            (who,),
                        )
                    )
            drivers[assignment.driven] = []
        for assignment in self.assignments:
            if isinstance(assignment, Assignment) and assignment.driven in primary:
                drivers[assignment.driven].append(assignment.driver)

        for person, found in drivers.items():
            if len(set(found)) > 1:
                defects.append(
                    Defect(
                        f"{person!r} is driven by several holders {sorted(set(found))}: "
                        "一级抓一级 allows exactly one",
                        (person, *sorted(set(found))),
                    )
                )
        driver = {p: found[0] for p, found in drivers.items() if found}
        tops = sorted(heads.get(org.root.id, []))
        defects.extend(_reach_defects(primary, driver, tops[0] if len(tops) == 1 else None))
        if self.strict:
            defects.extend(_skip_level_defects(org, primary, driver))
        if defects:
            raise InvalidDefinition("responsibility chain", defects)

        driven: dict[str, list[str]] = defaultdict(list)
        for person, boss in driver.items():
            driven[boss].append(person)
        offices: dict[str, list[str]] = defaultdict(list)
        for remit in org.supervision:
            for uid in sorted(remit.units):
                offices[uid].append(remit.office)
        graph = nx.DiGraph()
        graph.add_nodes_from(primary)
        graph.add_edges_from(((boss, p) for p, boss in driver.items()), kind="drives")
        graph.add_edges_from(
            ((head[remit.office], head[uid]) for remit in org.supervision for uid in remit.units),
            kind="supervises",
        )
        nx.freeze(graph)
        for name, value in (
            ("_primary", primary),
            ("_head", head),
            ("_driver", driver),
            ("_driven", dict(driven)),
            ("_offices", dict(offices)),
            ("_top", tops[0]),
            ("_graph", graph),
            ("_chains", {tops[0]: (tops[0],)}),
        ):
            object.__setattr__(self, name, value)

    # ---- structure

    @property
    def graph(self) -> nx.DiGraph:
        """The frozen graph: nodes are holders; edges ``kind="drives"`` run from driver to
        driven, ``kind="supervises"`` from a supervision office's head to a unit's head."""
        return self._graph

    @property
    def top_leader(self) -> str:
        """The holder every chain ends at (一把手)."""
        return self._top

    @property
    def holders(self) -> tuple[str, ...]:
        """Everyone holding a post in the chain, in the order of the organisation's postings."""
        return tuple(self._primary)

    def post_of(self, holder: str) -> Post:
        """The highest post ``holder`` holds in the chain."""
        return self._postings(holder)[0].post

    def unit_of(self, holder: str) -> str:
        """The unit of ``holder``'s highest post (the first, if several)."""
        return self._postings(holder)[0].unit

    def driver_of(self, holder: str) -> str | None:
        """Who drives ``holder``; ``None`` for the top leader."""
        self._postings(holder)
        return self._driver.get(holder)

    def _postings(self, holder: str) -> tuple[Posting, ...]:
        try:
            return self._primary[holder]
        except (KeyError, TypeError):
            raise UnknownReference("holder", holder, list(self._primary)) from None

    # ---- queries

    def first_responsible(self, unit: str) -> str:
        """The first responsible person of ``unit`` (its top leader for the root)."""
        self.organization.unit(unit)
        return self._head[unit]

    def chain_of(self, holder: str) -> tuple[str, ...]:
        """The path from ``holder`` up to the top leader, both included."""
        chains = self._chains
        found = chains.get(holder)
        if found is not None:
            return found
        self._postings(holder)
        # Walk up to the nearest holder whose chain is known, then fill in on the way back.
        path = [holder]
        while path[-1] not in chains:
            path.append(self._driver[path[-1]])
        chain = chains[path.pop()]
        while path:
            person = path.pop()
            chain = (person, *chain)
            chains[person] = chain
        return chain

    def subordinates(self, holder: str, depth: int | None = None) -> tuple[str, ...]:
        """Everyone ``holder`` drives, directly or through others, nearest first.

        ``depth=1`` gives only those driven directly.
        """
        self._postings(holder)
        if depth is not None and (
            not isinstance(depth, int) or isinstance(depth, bool) or depth < 0
        ):
            raise InvalidArgument("depth", depth, "None or an int >= 0")
        found: list[str] = []
        frontier = deque([(holder, 0)])
        while frontier:
            person, level = frontier.popleft()
            if depth is not None and level >= depth:
                continue
            for below in self._driven.get(person, ()):
                found.append(below)
                frontier.append((below, level + 1))
        return tuple(found)

    def supervisors_of(self, unit: str) -> tuple[str, ...]:
        """Heads of the supervision offices whose remit covers ``unit`` or a unit above it."""
        org = self.organization
        found: list[str] = []
        for uid in (unit, *org.ancestors(unit)):
            for office in self._offices.get(uid, ()):
                office_head = self._head[office]
                if office_head not in found:
                    found.append(office_head)
        return tuple(found)

    def liable_for(
        self, holder_or_unit: str, policy: LiabilityPolicy | None = None
    ) -> tuple[Liability, ...]:
        """Who answers when something goes wrong at a holder or in a unit.

        First the direct holder (a unit's first responsible person), then leadership
        liability up the chain as far as ``policy`` reaches, then joint liability of the
        supervision offices (R4).  Nobody is listed twice.
        """
        policy = policy or _DEFAULT_POLICY
        if holder_or_unit in self._primary:
            direct = holder_or_unit
            unit = self._primary[direct][0].unit
        elif isinstance(holder_or_unit, str) and self.organization.has_unit(holder_or_unit):
            unit = holder_or_unit
            direct = self._head[unit]
        else:
            raise UnknownReference("holder or unit", holder_or_unit, [*self._primary, *self._head])
        chain = self.chain_of(direct)
        primary = self._primary
        found = [
            Liability(
                holder=direct,
                kind=LiabilityKind.DIRECT,
                post=primary[direct][0].post,
                unit=unit,
                path=(direct,),
            )
        ]
        levels = len(chain) - 1 if policy.levels is None else min(policy.levels, len(chain) - 1)
        for i in range(1, levels + 1):
            posting = primary[chain[i]][0]
            if posting.post in policy.posts:
                found.append(
                    Liability(
                        holder=chain[i],
                        kind=LiabilityKind.LEADERSHIP,
                        post=posting.post,
                        unit=posting.unit,
                        path=chain[: i + 1],
                    )
                )
        if policy.supervision:
            listed = {liability.holder for liability in found}
            for office_head in self.supervisors_of(unit):
                if office_head not in listed:
                    posting = primary[office_head][0]
                    found.append(
                        Liability(
                            holder=office_head,
                            kind=LiabilityKind.JOINT,
                            post=posting.post,
                            unit=posting.unit,
                            path=(direct, office_head),
                        )
                    )
        return tuple(found)

    def orphaned_if_removed(self, person: str) -> tuple[str, ...]:
        """The units left without a first responsible person if ``person`` left."""
        self.organization.person(person)
        return tuple(uid for uid, head in self._head.items() if head == person)

    # ---- pictures

    def _label(self, holder: str) -> str:
        posting = self._primary[holder][0]
        unit = self.organization.unit(posting.unit).name
        return f"{self.organization.person(holder).name} · {posting.post.label} · {unit}"

    def to_mermaid(self) -> str:
        """A Mermaid flowchart: solid arrows drive, dotted arrows supervise."""
        ids = {holder: f"h{i}" for i, holder in enumerate(self._primary)}
        lines = ["flowchart TD"]
        lines += [f'    {ids[h]}["{_mermaid(self._label(h))}"]' for h in self._primary]
        for boss, person, kind in self._graph.edges(data="kind"):
            arrow = "-->" if kind == "drives" else "-. 监督 .->"
            lines.append(f"    {ids[boss]} {arrow} {ids[person]}")
        return "\n".join(lines)

    def to_dot(self) -> str:
        """A Graphviz DOT digraph: solid edges drive, dashed edges supervise."""
        lines = ["digraph responsibility {", "    rankdir=TB;", "    node [shape=box];"]
        lines += [f'    "{_dot(h)}" [label="{_dot(self._label(h))}"];' for h in self._primary]
        for boss, person, kind in self._graph.edges(data="kind"):
            style = "" if kind == "drives" else ' [style=dashed, label="监督"]'
            lines.append(f'    "{_dot(boss)}" -> "{_dot(person)}"{style};')
        lines.append("}")
        return "\n".join(lines)


_DEFAULT_POLICY = LiabilityPolicy()


def _mermaid(value: str) -> str:
    return value.replace('"', "#quot;")


def _dot(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def _primary_postings(org: Organization) -> dict[str, tuple[Posting, ...]]:
    """Each holder's postings of its highest chain post (a person may hold several)."""
    best: dict[str, list[Posting]] = {}
    for posting in org.postings:
        if not posting.post.in_chain:
            continue
        held = best.get(posting.person)
        if held is None or posting.post.rank < held[0].post.rank:
            best[posting.person] = [posting]
        elif posting.post.rank == held[0].post.rank:
            held.append(posting)
    return {person: tuple(postings) for person, postings in best.items()}


def _head_defects(
    org: Organization, heads: dict[str, list[str]], deputies: dict[str, list[str]]
) -> Iterator[Defect]:
    root = org.root.id
    tops = heads.get(root, [])
    if not tops:
        yield Defect(f"the root unit {root!r} has no top leader (一把手)", (root,))
    elif len(tops) > 1:
        yield Defect(f"more than one top leader (一把手): {sorted(tops)}", tuple(sorted(tops)))
    for unit in org.units:
        if unit.id == root:
            continue
        found = heads.get(unit.id, [])
        if len(found) != 1:
            who = f"{len(found)} first responsible persons {sorted(found)}" if found else "none"
            yield Defect(
                f"unit {unit.id!r} ({unit.name}) has {who}: R2 needs exactly one first "
                "responsible person (第一责任人)",
                (unit.id, *sorted(found)),
            )
        in_charge = deputies.get(unit.id, [])
        if len(in_charge) > 1:
            yield Defect(
                f"unit {unit.id!r} has several deputies in charge {sorted(in_charge)}",
                (unit.id, *sorted(in_charge)),
            )


def _derived_drivers(
    org: Organization,
    primary: dict[str, tuple[Posting, ...]],
    head: dict[str, str],
    deputies: dict[str, list[str]],
) -> dict[str, list[str]]:
    drivers: dict[str, list[str]] = {}
    for person, postings in primary.items():
        found: list[str] = []
        for posting in postings:
            if posting.post is Post.TOP_LEADER:
                continue
            if posting.post is Post.FIRST_RESPONSIBLE:
                in_charge = deputies.get(posting.unit)
                parent = org.unit(posting.unit).parent
                boss = in_charge[0] if in_charge else head.get(parent) if parent else None
            else:  # deputies and staff are driven by the head of their own unit
                boss = head.get(posting.unit)
            if boss is not None and boss != person and boss not in found:
                found.append(boss)
        drivers[person] = found
    return drivers


def _reach_defects(
    primary: dict[str, tuple[Posting, ...]], driver: dict[str, str], top: str | None
) -> Iterator[Defect]:
    """Cycles and holders whose chain stops short of the top leader, grouped by where."""
    outcome: dict[str, str] = {}  # holder -> "top", or the id of the dead end / cycle
    stopped: dict[str, list[str]] = defaultdict(list)
    for start in primary:
        path: list[str] = []
        on_path: dict[str, int] = {}
        person: str | None = start
        while person is not None and person not in outcome and person not in on_path:
            on_path[person] = len(path)
            path.append(person)
            person = driver.get(person)
        if person is None:  # the walk ended at someone with no driver
            end = path[-1]
            result = "top" if end == top else end
        elif person in on_path:  # back on our own path: a cycle
            cycle = path[on_path[person] :]
            result = f"cycle:{min(cycle)}"
            yield Defect(
                "cycle in the chain: " + " → ".join([*cycle, cycle[0]]) + " (each drives the next)",
                tuple(cycle),
            )
        else:
            result = outcome[person]
        for visited in path:
            outcome[visited] = result
            if result != "top":
                stopped[result].append(visited)
    for end, people in stopped.items():
        if end.startswith("cycle:") or top is None:
            continue
        yield Defect(
            f"{len(people)} holder(s) do not reach the top leader {top!r}: their chain stops at "
            f"{end!r}, who has no driver: {sorted(people)[:10]}",
            (end, *sorted(people)),
        )


def _skip_level_defects(
    org: Organization, primary: dict[str, tuple[Posting, ...]], driver: dict[str, str]
) -> Iterator[Defect]:
    """一级抓一级: a driver sits in the driven holder's own unit or the unit directly above."""
    for person, boss in driver.items():
        boss_units = {p.unit for p in primary.get(boss, ())}
        allowed = set()
        for posting in primary[person]:
            allowed.add(posting.unit)
            parent = org.unit(posting.unit).parent
            if parent is not None:
                allowed.add(parent)
        if boss_units and not boss_units & allowed:
            yield Defect(
                f"skip-level: {boss!r} (in {sorted(boss_units)}) drives {person!r} "
                f"(in {sorted(p.unit for p in primary[person])}); under 一级抓一级 a holder is "
                "driven from its own unit or the one directly above",
                (boss, person),
            )
