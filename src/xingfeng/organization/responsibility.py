"""The responsibility chain: who drives whom (一级抓一级、层层抓落实) and who is liable.

:class:`ResponsibilityChain` derives from an :class:`~xingfeng.Organization` who drives
each holder (anyone holding a post in the chain), applies explicit :class:`Assignment`
overrides, checks the rules of the sources and freezes the result in a networkx
``MultiDiGraph`` (drives edges run from driver to driven; supervision edges beside them):

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

from collections import defaultdict, deque
from collections.abc import Iterator

import attrs
import networkx as nx

from xingfeng._checks import (
    LabelledEnum,
    instance_of,
    is_a,
    items_of,
    require_collection,
    text,
    to_frozenset,
    to_tuple,
)
from xingfeng.exceptions import Defect, InvalidArgument, InvalidDefinition, UnknownReference
from xingfeng.organization.units import Organization, Post, Posting

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


class LiabilityKind(LabelledEnum):
    """Why a holder answers for a failure."""

    DIRECT = "direct", "直接责任"
    LEADERSHIP = "leadership", "领导责任"
    JOINT = "joint", "连带责任"


def _levels(_instance: object, attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        raise InvalidArgument(
            attribute.name,
            value,
            "None（一直追到顶）或不小于 0 的整数",
            english="None (all the way up) or an int >= 0",
        )


def _posts(_instance: object, attribute: attrs.Attribute[frozenset[Post]], value: object) -> None:
    require_collection(attribute.name, value)
    if not all(isinstance(p, Post) for p in value):  # type: ignore[attr-defined]
        raise InvalidArgument(
            attribute.name, value, "Post（职务）成员的集合", english="a set of Post members"
        )


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
        default=_LEADING_POSTS, converter=to_frozenset, validator=_posts
    )
    supervision: bool = attrs.field(default=True, validator=instance_of(bool))


@attrs.frozen(kw_only=True)
class Liability:
    """One holder's share in a failure: who, why, and in which post and unit.

    :meth:`ResponsibilityChain.liable_for` returns these in order, the direct holder first;
    the path from the direct holder up to a leader is
    :meth:`ResponsibilityChain.path_between`.
    """

    holder: str
    kind: LiabilityKind
    post: Post
    unit: str


@attrs.frozen(kw_only=True)
class ResponsibilityChain:
    """Who drives whom in an organisation, checked and frozen.

    Raises :class:`InvalidDefinition` listing *every* defect: cycles (with their path),
    units with zero or several first responsible persons, zero or several top leaders,
    holders with several drivers, holders that do not reach the top leader, and skip-level
    edges where ``strict``.  Queries run on plain dictionaries built alongside the graph, so
    each costs microseconds even for 100,000 holders.
    """

    organization: Organization = attrs.field(validator=instance_of(Organization))
    assignments: tuple[Assignment, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(Assignment)
    )
    strict: bool = attrs.field(default=True, validator=instance_of(bool))
    _index: _Index = attrs.field(init=False, repr=False, eq=False)
    _graph: nx.MultiDiGraph | None = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        index = _Index.derive(self.organization)
        defects = index.apply(self.assignments)
        defects += index.check(self.organization, strict=self.strict)
        if defects:
            raise InvalidDefinition("责任链", defects, english="responsibility chain")
        index.finish(self.organization)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_graph", None)

    # ---- structure

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The frozen networkx graph: nodes are holders; edges keyed and labelled
        ``kind="drives"`` run from driver to driven and form a tree rooted at the top leader;
        edges ``kind="supervises"`` run from a supervision office's head to the heads of the
        units in its remit (they may run parallel to a drives edge, or back up the tree).

        Made on first use: validation and queries run on plain dictionaries, and a graph of
        100,000 holders costs about half a second to assemble.
        """
        if self._graph is None:
            index = self._index
            # A supervision office's head may also drive the head it supervises: both
            # relations are kept, as parallel edges keyed by their kind.
            graph = nx.MultiDiGraph()
            graph.add_nodes_from(index.primary)
            graph.add_edges_from(
                (b, p, "drives", {"kind": "drives"}) for p, b in index.driver.items()
            )
            graph.add_edges_from(
                (watcher, watched, "supervises", {"kind": "supervises"})
                for remit in self.organization.supervision
                for uid in sorted(remit.units)
                if (watcher := index.head[remit.office]) != (watched := index.head[uid])
            )
            object.__setattr__(self, "_graph", nx.freeze(graph))
        assert self._graph is not None
        return self._graph

    @property
    def top_leader(self) -> str:
        """The holder every chain ends at (一把手)."""
        return self._index.top

    @property
    def holders(self) -> tuple[str, ...]:
        """Everyone holding a post in the chain, in the order of the organisation's postings."""
        return tuple(self._index.primary)

    def post_of(self, holder: str) -> Post:
        """The highest post ``holder`` holds in the chain."""
        return self._postings(holder)[0].post

    def unit_of(self, holder: str) -> str:
        """The unit of ``holder``'s highest post (the first, if several)."""
        return self._postings(holder)[0].unit

    def driver_of(self, holder: str) -> str | None:
        """Who drives ``holder``; ``None`` for the top leader."""
        self._postings(holder)
        return self._index.driver.get(holder)

    def _postings(self, holder: str) -> list[Posting]:
        try:
            return self._index.postings(holder)
        except (KeyError, TypeError):
            raise UnknownReference("holder", holder, list(self._index.primary)) from None

    # ---- queries

    def first_responsible(self, unit: str) -> str:
        """The first responsible person of ``unit`` (its top leader for the root)."""
        self.organization.unit(unit)
        return self._index.head[unit]

    def chain_of(self, holder: str) -> tuple[str, ...]:
        """The path from ``holder`` up to the top leader, both included."""
        try:
            index = self._index
            chain = index.chains.get(holder)
            return chain or (holder, *index.chains[index.driver[holder]])
        except (KeyError, TypeError):
            raise UnknownReference("holder", holder, list(self._index.primary)) from None

    def path_between(self, lower: str, upper: str) -> tuple[str, ...]:
        """The chain from ``lower`` up to ``upper``, both included.

        Raises :class:`InvalidArgument` if ``upper`` is not on ``lower``'s chain.
        """
        chain = self.chain_of(lower)
        try:
            return chain[: chain.index(upper) + 1]
        except ValueError:
            raise InvalidArgument(
                "upper",
                upper,
                f"责任链 {chain} 上的责任人",
                english=f"a holder on the chain {chain}",
            ) from None

    def subordinates(self, holder: str, depth: int | None = None) -> tuple[str, ...]:
        """Everyone ``holder`` drives, directly or through others, nearest first.

        ``depth=1`` gives only those driven directly.
        """
        self._postings(holder)
        if depth is not None and (
            not isinstance(depth, int) or isinstance(depth, bool) or depth < 0
        ):
            raise InvalidArgument(
                "depth", depth, "None 或不小于 0 的整数", english="None or an int >= 0"
            )
        driven = self._index.driven
        found: list[str] = []
        frontier = deque([(holder, 0)])
        while frontier:
            person, level = frontier.popleft()
            if depth is not None and level >= depth:
                continue
            for below in driven.get(person, ()):
                found.append(below)
                frontier.append((below, level + 1))
        return tuple(found)

    def supervisors_of(self, unit: str) -> tuple[str, ...]:
        """Heads of the supervision offices whose remit covers ``unit`` or a unit above it,
        nearest remit first."""
        self.organization.unit(unit)
        return self._index.supervisors.get(unit, ())

    def liable_for(
        self, holder_or_unit: str, policy: LiabilityPolicy | None = None
    ) -> tuple[Liability, ...]:
        """Who answers when something goes wrong at a holder or in a unit.

        First the direct holder (a unit's first responsible person), then leadership
        liability up the chain as far as ``policy`` reaches, then joint liability of the
        supervision offices (R4).  Nobody is listed twice.
        """
        if policy is None:
            policy = _DEFAULT_POLICY
        elif not isinstance(policy, LiabilityPolicy):
            raise InvalidArgument(
                "policy",
                policy,
                "None 或 LiabilityPolicy（问责办法）",
                english="None or a LiabilityPolicy",
            )
        index = self._index
        direct, unit = index.resolve(holder_or_unit)
        first = index.direct_record(direct, unit)
        leaders = index.above[direct]  # the leadership records up the chain, nearest first
        if policy.levels is not None:
            leaders = leaders[: policy.levels]
        if not index.leader_posts <= policy.posts:  # some leader's post is left out
            leaders = tuple([r for r in leaders if r.post in policy.posts])
        supervisors = index.supervisors.get(unit) if policy.supervision else None
        if not supervisors:
            return (first, *leaders)
        listed = {first.holder, *(r.holder for r in leaders)}
        joint = [index.record(h, LiabilityKind.JOINT) for h in supervisors if h not in listed]
        return (first, *leaders, *joint)

    def orphaned_if_removed(self, person: str) -> tuple[str, ...]:
        """The units left without a first responsible person if ``person`` left."""
        self.organization.person(person)
        return tuple(uid for uid, head in self._index.head.items() if head == person)

    # ---- pictures

    def _label(self, holder: str) -> str:
        posting = self._index.primary[holder]
        unit = self.organization.unit(posting.unit).name
        return f"{self.organization.person(holder).name} · {posting.post.label} · {unit}"

    def to_mermaid(self) -> str:
        """A Mermaid flowchart: solid arrows drive, dotted arrows supervise."""
        ids = {holder: f"h{i}" for i, holder in enumerate(self._index.primary)}
        lines = ["flowchart TD"]
        lines += [f'    {ids[h]}["{_mermaid(self._label(h))}"]' for h in ids]
        for boss, person, kind in self.graph.edges(data="kind"):
            arrow = "-->" if kind == "drives" else "-. 监督 .->"
            lines.append(f"    {ids[boss]} {arrow} {ids[person]}")
        return "\n".join(lines)

    def to_dot(self) -> str:
        """A Graphviz DOT digraph: solid edges drive, dashed edges supervise."""
        lines = ["digraph responsibility {", "    rankdir=TB;", "    node [shape=box];"]
        lines += [f'    "{_dot(h)}" [label="{_dot(self._label(h))}"];' for h in self._index.primary]
        for boss, person, kind in self.graph.edges(data="kind"):
            style = "" if kind == "drives" else ' [style=dashed, label="监督"]'
            lines.append(f'    "{_dot(boss)}" -> "{_dot(person)}"{style};')
        lines.append("}")
        return "\n".join(lines)


_DEFAULT_POLICY = LiabilityPolicy()
_RANK = {post: post.rank for post in Post if post.in_chain}


def _mermaid(value: str) -> str:
    return value.replace('"', "#quot;")


def _dot(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


@attrs.define
class _Index:
    """Plain dictionaries derived from an organisation; built once per chain.

    ``primary`` maps each holder to its (first) posting of its highest chain post, and
    ``extra`` to any further postings of that rank (rare; kept apart so that the common
    case allocates no list).  ``driver`` maps each holder to who drives it; ``conflicts``
    holds the holders for whom several drivers were found.  The record caches make repeated
    liability queries allocation-free: a leader's record is the same for every holder
    below it.
    """

    primary: dict[str, Posting]
    extra: dict[str, list[Posting]]
    heads: dict[str, list[str]]
    deputies: dict[str, list[str]]
    parent: dict[str, str | None]
    conflicts: dict[str, list[str]]
    head: dict[str, str] = attrs.Factory(dict)
    driver: dict[str, str] = attrs.Factory(dict)
    chain_units: dict[str, set[str]] = attrs.Factory(dict)
    driven: dict[str, list[str]] = attrs.Factory(dict)
    offices: dict[str, list[str]] = attrs.Factory(dict)
    top: str = ""
    chains: dict[str, tuple[str, ...]] = attrs.Factory(dict)
    above: dict[str, tuple[Liability, ...]] = attrs.Factory(dict)
    leader_posts: frozenset[Post] = frozenset()
    direct_records: dict[str, Liability] = attrs.Factory(dict)
    leadership_records: dict[str, Liability] = attrs.Factory(dict)
    joint_records: dict[str, Liability] = attrs.Factory(dict)
    supervisors: dict[str, tuple[str, ...]] = attrs.Factory(dict)

    @classmethod
    def derive(cls, org: Organization) -> _Index:
        """Primary postings, heads, deputies in charge, and the drivers they imply."""
        primary: dict[str, Posting] = {}
        extra: dict[str, list[Posting]] = {}
        chain_units: dict[str, set[str]] = {}
        heads: dict[str, list[str]] = defaultdict(list)
        deputies: dict[str, list[str]] = defaultdict(list)
        for posting in org.postings:
            post = posting.post
            if post is Post.TOP_LEADER or post is Post.FIRST_RESPONSIBLE:
                heads[posting.unit].append(posting.person)
            for uid in posting.in_charge_of:
                deputies[uid].append(posting.person)
            rank = _RANK.get(post)
            if rank is None:
                continue
            person = posting.person
            held = primary.get(person)
            if held is not None:  # a second chain post: the person drives from both units
                chain_units.setdefault(person, {held.unit}).add(posting.unit)
            if held is None or rank < _RANK[held.post]:
                primary[person] = posting
                extra.pop(person, None)
            elif rank == _RANK[held.post]:
                extra.setdefault(person, []).append(posting)
        parent = {u.id: u.parent for u in org.units}
        index = cls(primary, extra, dict(heads), dict(deputies), parent, {})
        index.chain_units = chain_units
        index.head = {uid: people[0] for uid, people in heads.items()}
        driver: dict[str, str] = {}
        for person, posting in primary.items():
            if person in extra:
                found = [b for p in index.postings(person) if (b := index._boss(person, p))]
                unique = list(dict.fromkeys(found))
                if len(unique) > 1:
                    index.conflicts[person] = unique
                if unique:
                    driver[person] = unique[0]
            else:
                boss = index._boss(person, posting)
                if boss is not None:
                    driver[person] = boss
        index.driver = driver
        return index

    def postings(self, person: str) -> list[Posting]:
        """Every posting of ``person``'s highest chain post."""
        more = self.extra.get(person)
        return [self.primary[person], *more] if more else [self.primary[person]]

    def _boss(self, person: str, posting: Posting) -> str | None:
        post = posting.post
        if post is Post.TOP_LEADER:
            return None
        if post is Post.FIRST_RESPONSIBLE:
            in_charge = self.deputies.get(posting.unit)
            if in_charge:
                boss: str | None = in_charge[0]
            else:
                above = self.parent[posting.unit]
                boss = self.head.get(above) if above is not None else None
        else:  # deputies and staff are driven by the head of their own unit
            boss = self.head.get(posting.unit)
        return None if boss == person else boss

    def apply(self, assignments: tuple[Assignment, ...]) -> list[Defect]:
        """Let explicit assignments replace derived drivers; report unknown holders."""
        defects: list[Defect] = []
        replaced: dict[str, list[str]] = {}
        for assignment in assignments:
            if not is_a(assignment, Assignment):
                defects.append(
                    Defect(
                        f"{assignment!r} 不是 Assignment（指定的抓落实关系）",
                        (assignment,),
                        english=f"{assignment!r} is not an Assignment",
                    )
                )
                continue
            known = True
            for role in ("driver", "driven"):
                who = getattr(assignment, role)
                if who not in self.primary:
                    known = False
                    defects.append(
                        Defect(
                            f"指定关系中的{'抓落实者' if role == 'driver' else '被抓落实者'} "
                            f"{who!r} 在责任链上不担任职务",
                            (who,),
                            english=(
                                f"assignment names {role} {who!r}, who holds no post in the chain"
                            ),
                        )
                    )
            if known:
                replaced.setdefault(assignment.driven, []).append(assignment.driver)
        for driven, found in replaced.items():
            unique = list(dict.fromkeys(found))
            self.driver[driven] = unique[0]
            self.conflicts.pop(driven, None)
            if len(unique) > 1:
                self.conflicts[driven] = unique
        return defects

    def check(self, org: Organization, *, strict: bool) -> list[Defect]:
        """Every rule the chain must satisfy, all defects at once."""
        defects = list(self._head_defects(org))
        for person, found in self.conflicts.items():
            unique = sorted(found)
            defects.append(
                Defect(
                    f"{person!r} 由多名责任人 {unique} 抓落实：一级抓一级只许一人",
                    (person, *unique),
                    english=(
                        f"{person!r} is driven by several holders {unique}: "
                        "一级抓一级 allows exactly one"
                    ),
                )
            )
        tops = sorted(self.heads.get(org.root.id, []))
        defects.extend(self._reach_defects(frozenset(tops)))
        if strict:
            defects.extend(self._skip_level_defects())
        self.top = tops[0] if tops else ""
        return defects

    def finish(self, org: Organization) -> None:
        """The structures the queries need, once the chain is known to be valid."""
        driven: dict[str, list[str]] = defaultdict(list)
        for person, boss in self.driver.items():
            driven[boss].append(person)
        self.driven = dict(driven)
        offices: dict[str, list[str]] = defaultdict(list)
        for remit in org.supervision:
            for uid in sorted(remit.units):
                offices[uid].append(remit.office)
        self.offices = dict(offices)
        # A remit covers a unit and everything below it: inherit top down, add own offices.
        if offices:
            units_below: dict[str | None, list[str]] = defaultdict(list)
            for uid, parent_id in self.parent.items():
                units_below[parent_id].append(uid)
            supervisors: dict[str, tuple[str, ...]] = {}
            frontier = deque(units_below[None])
            while frontier:
                uid = frontier.popleft()
                inherited = supervisors.get(self.parent[uid] or "", ())
                watching = offices.get(uid)
                if watching:
                    own = tuple(dict.fromkeys(self.head[o] for o in watching))
                    inherited = (*own, *(h for h in inherited if h not in own))
                if inherited:
                    supervisors[uid] = inherited
                frontier.extend(units_below.get(uid, ()))
            self.supervisors = supervisors
        # Top down, once per leader (a holder who drives someone): the leader's chain to the
        # top, and the leadership records above everyone it drives.  Siblings share both
        # tuples, so this costs one tuple per leader, not per holder.
        chains: dict[str, tuple[str, ...]] = {self.top: (self.top,)}
        above: dict[str, tuple[Liability, ...]] = {self.top: ()}
        leaders = deque([self.top])
        while leaders:
            leader = leaders.popleft()
            chain = chains[leader]
            records = (self.record(leader, LiabilityKind.LEADERSHIP), *above[leader])
            for person in self.driven.get(leader, ()):
                above[person] = records
                if person in self.driven:
                    chains[person] = (person, *chain)
                    leaders.append(person)
        self.chains = chains
        self.above = above
        self.leader_posts = frozenset(self.primary[leader].post for leader in self.driven)

    def resolve(self, holder_or_unit: str) -> tuple[str, str]:
        """The direct holder and the unit a liability query is about."""
        posting = self.primary.get(holder_or_unit) if isinstance(holder_or_unit, str) else None
        if posting is not None:
            return holder_or_unit, posting.unit
        head = self.head.get(holder_or_unit) if isinstance(holder_or_unit, str) else None
        if head is not None:
            return head, holder_or_unit
        raise UnknownReference("holder or unit", holder_or_unit, [*self.primary, *self.head])

    def direct_record(self, holder: str, unit: str) -> Liability:
        """The direct liability of ``holder`` for ``unit``; made once for its own unit."""
        record = self.direct_records.get(holder)
        if record is not None and record.unit == unit:
            return record
        posting = self.primary[holder]
        post = posting.post
        # A unit's head answers for it in the post that heads it, even if it holds a higher
        # one (a deputy heading a section answers for the section as its 第一责任人).
        if unit != posting.unit:
            post = Post.TOP_LEADER if self.parent.get(unit) is None else Post.FIRST_RESPONSIBLE
        record = Liability(holder=holder, kind=LiabilityKind.DIRECT, post=post, unit=unit)
        if unit == posting.unit:
            self.direct_records[holder] = record
        return record

    def record(self, holder: str, kind: LiabilityKind) -> Liability:
        """The leadership or joint liability of ``holder`` in its highest post, made once."""
        records = (
            self.leadership_records if kind is LiabilityKind.LEADERSHIP else self.joint_records
        )
        record = records.get(holder)
        if record is None:
            posting = self.primary[holder]
            record = Liability(holder=holder, kind=kind, post=posting.post, unit=posting.unit)
            records[holder] = record
        return record

    def _head_defects(self, org: Organization) -> Iterator[Defect]:
        root = org.root.id
        tops = self.heads.get(root, [])
        if not tops:
            yield Defect(
                f"根单位 {root!r} 没有一把手",
                (root,),
                english=f"the root unit {root!r} has no top leader (一把手)",
            )
        elif len(tops) > 1:
            yield Defect(
                f"一把手不止一名：{sorted(tops)}",
                tuple(sorted(tops)),
                english=f"more than one top leader (一把手): {sorted(tops)}",
            )
        for unit in org.units:
            if unit.id == root:
                continue
            found = self.heads.get(unit.id, [])
            if len(found) != 1:
                who = f"{len(found)} first responsible persons {sorted(found)}" if found else "none"
                who_zh = (
                    f"有 {len(found)} 名第一责任人 {sorted(found)}" if found else "没有第一责任人"
                )
                yield Defect(
                    f"单位 {unit.id!r}（{unit.name}）{who_zh}：按 R2，每个单位恰有一名第一责任人",
                    (unit.id, *sorted(found)),
                    english=(
                        f"unit {unit.id!r} ({unit.name}) has {who}: R2 needs exactly one first "
                        "responsible person (第一责任人)"
                    ),
                )
            in_charge = self.deputies.get(unit.id, [])
            if len(in_charge) > 1:
                yield Defect(
                    f"单位 {unit.id!r} 有多名分管领导 {sorted(in_charge)}",
                    (unit.id, *sorted(in_charge)),
                    english=f"unit {unit.id!r} has several deputies in charge {sorted(in_charge)}",
                )

    def _reach_defects(self, tops: frozenset[str]) -> Iterator[Defect]:
        """Cycles, and holders whose chain stops short of the top leader, grouped by where."""
        driver = self.driver
        outcome: dict[str, str] = {}  # holder -> "top", or the dead end / cycle it leads to
        stopped: dict[str, list[str]] = defaultdict(list)
        for start in self.primary:
            if start in outcome:
                continue
            path: list[str] = []
            on_path: dict[str, int] = {}
            person: str | None = start
            while person is not None and person not in outcome and person not in on_path:
                on_path[person] = len(path)
                path.append(person)
                person = driver.get(person)
            if person is None:  # the walk ended at someone with no driver
                result = "top" if path[-1] in tops else path[-1]
            elif person in on_path:  # back on our own path: a cycle
                cycle = path[on_path[person] :]  # each is driven by the next
                result = f"cycle:{min(cycle)}"
                drives = [cycle[0], *reversed(cycle[1:])]  # each drives the next
                yield Defect(
                    "责任链循环：" + " → ".join([*drives, drives[0]]) + "（前一人抓后一人）",
                    tuple(drives),
                    english=(
                        "cycle in the chain: "
                        + " → ".join([*drives, drives[0]])
                        + " (each drives the next)"
                    ),
                )
            else:
                result = outcome[person]
            for visited in path:
                outcome[visited] = result
                if result != "top":
                    stopped[result].append(visited)
        named = " or ".join(repr(t) for t in sorted(tops)) or "(there is none)"
        named_zh = "或".join(repr(t) for t in sorted(tops)) or "（没有一把手）"
        for end, people in stopped.items():
            if not end.startswith("cycle:"):
                yield Defect(
                    f"{len(people)} 名责任人追不到一把手 {named_zh}：责任链止于无人抓的 {end!r}："
                    f"{sorted(people)[:10]}",
                    (end, *sorted(people)),
                    english=(
                        f"{len(people)} holder(s) do not reach the top leader {named}: their chain "
                        f"stops at {end!r}, who has no driver: {sorted(people)[:10]}"
                    ),
                )

    def _skip_level_defects(self) -> Iterator[Defect]:
        """一级抓一级: a driver sits in the driven holder's own unit or the unit directly above."""
        primary, parent, extra = self.primary, self.parent, self.extra
        for person, boss in self.driver.items():
            boss_unit, unit = primary[boss].unit, primary[person].unit
            if boss_unit == unit or boss_unit == parent[unit]:
                continue  # the common case, decided without building sets
            if person in extra or boss in self.chain_units:
                boss_units = self.chain_units.get(boss) or {boss_unit}
                allowed = {p.unit for p in self.postings(person)}
                allowed |= {parent[u] or u for u in allowed}
                if boss_units & allowed:
                    continue
            yield Defect(
                f"越级：{boss_unit!r} 的 {boss!r} 抓 {unit!r} 的 {person!r}；一级抓一级，"
                "责任人只由本单位或直接上级单位的人抓",
                (boss, person),
                english=(
                    f"skip-level: {boss!r} (in {boss_unit!r}) drives {person!r} (in {unit!r}); "
                    "under 一级抓一级 a holder is driven from its own unit or the one directly "
                    "above"
                ),
            )
