"""The organisation running a campaign: units, people and the posts they hold.

A unit is a node of a tree (company → branches and departments → sections, windows and
stations, to any depth).  People hold posts in units; a person may hold several, and a
seconded person (派驻人员) keeps a home unit that must be told of violations (向原单位通报).

:class:`Organization` checks its structure when it is built and reports every defect at
once.  Who drives whom is the business of :mod:`xingfeng.organization.responsibility`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

import attrs

from xingfeng._checks import (
    LabelledEnum,
    items_of,
    member_of,
    optional_text,
    text,
    texts,
    to_frozenset,
    to_tuple,
)
from xingfeng.exceptions import Defect, InvalidDefinition, UnknownReference

__all__ = ["Organization", "Person", "Post", "Posting", "Supervision", "Unit", "UnitKind"]


class UnitKind(LabelledEnum):
    """What a unit is; the label is what users see."""

    ORGANIZATION = "organization", "单位"
    BRANCH = "branch", "分支机构"
    DEPARTMENT = "department", "部门"
    SECTION = "section", "科室"
    WINDOW = "window", "窗口"
    STATION = "station", "站所"
    TEAM = "team", "班组"
    SUPERVISION_OFFICE = "supervision_office", "监督管理办公室"


class Post(LabelledEnum):
    """A post a person holds in a unit.

    The first four form the chain of responsibility (R3: 一把手负总责、分管领导具体抓、
    各单位第一责任人抓落实); the others are memberships beside it.
    """

    TOP_LEADER = "top_leader", "一把手"
    DEPUTY = "deputy", "分管领导"
    FIRST_RESPONSIBLE = "first_responsible", "第一责任人"
    STAFF = "staff", "工作人员"
    LEADING_GROUP_HEAD = "leading_group_head", "领导小组组长"
    LEADING_GROUP_MEMBER = "leading_group_member", "领导小组成员"
    TASK_FORCE_MEMBER = "task_force_member", "工作专班成员"
    CONDUCT_SUPERVISOR = "conduct_supervisor", "行风监督员"

    # Members are singletons compared by identity; the C-level identity hash keeps set and
    # dict look-ups in liability queries cheap (Enum's own __hash__ is Python code).
    __hash__ = object.__hash__

    @property
    def in_chain(self) -> bool:
        """Whether the post is part of the chain of who drives whom."""
        return self in _CHAIN_RANK

    @property
    def rank(self) -> int:
        """0 for the top leader, growing down the chain; posts beside the chain rank last."""
        return _CHAIN_RANK.get(self, len(_CHAIN_RANK))


_CHAIN_RANK = {Post.TOP_LEADER: 0, Post.DEPUTY: 1, Post.FIRST_RESPONSIBLE: 2, Post.STAFF: 3}


@attrs.frozen(kw_only=True)
class Unit:
    """A company, branch, department, section, window or station.  ``parent`` is ``None``
    for the root only."""

    id: str = attrs.field(validator=text)
    name: str = attrs.field(validator=text)
    kind: UnitKind = attrs.field(validator=member_of(UnitKind))
    parent: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen(kw_only=True)
class Person:
    """Someone who can hold posts."""

    id: str = attrs.field(validator=text)
    name: str = attrs.field(validator=text)


@attrs.frozen(kw_only=True)
class Posting:
    """``person`` holds ``post`` in ``unit``.

    ``in_charge_of`` lists the units a deputy (分管领导) is in charge of; only deputies have
    one.  ``home_unit`` names the outside unit a seconded person (派驻人员) comes from.
    """

    person: str = attrs.field(validator=text)
    unit: str = attrs.field(validator=text)
    post: Post = attrs.field(validator=member_of(Post))
    in_charge_of: frozenset[str] = attrs.field(
        default=frozenset(), converter=to_frozenset, validator=texts
    )
    home_unit: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen(kw_only=True)
class Supervision:
    """A supervision office (监督管理办公室) watches over ``units`` and their sub-units.

    If it lets things slide it bears joint liability (连带责任, R4).
    """

    office: str = attrs.field(validator=text)
    units: frozenset[str] = attrs.field(converter=to_frozenset, validator=texts)


@attrs.frozen(kw_only=True)
class Organization:
    """Units as a tree, the people, their postings and the supervision offices' remits.

    Raises :class:`InvalidDefinition` listing every structural defect: repeated ids, an id
    used for both a unit and a person, unknown references, anything but exactly one root, a
    loop among parents, a top leader outside the root, a first responsible person in the
    root (the root's is its top leader), ``in_charge_of`` on anyone but a deputy.
    """

    units: tuple[Unit, ...] = attrs.field(converter=to_tuple, validator=items_of(Unit))
    people: tuple[Person, ...] = attrs.field(converter=to_tuple, validator=items_of(Person))
    postings: tuple[Posting, ...] = attrs.field(converter=to_tuple, validator=items_of(Posting))
    supervision: tuple[Supervision, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(Supervision)
    )
    _unit_by_id: dict[str, Unit] = attrs.field(init=False, repr=False, eq=False)
    _person_by_id: dict[str, Person] = attrs.field(init=False, repr=False, eq=False)
    _children: dict[str, list[str]] = attrs.field(init=False, repr=False, eq=False)
    _depth: dict[str, int] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        units = {u.id: u for u in self.units}
        people = {p.id: p for p in self.people}
        children: dict[str, list[str]] = defaultdict(list)
        for unit in self.units:
            if unit.parent is not None:
                children[unit.parent].append(unit.id)
        depth = _depths(units, children)
        defects = list(self._defects(units, people, depth))
        if defects:
            raise InvalidDefinition("组织机构", defects, english="organization")
        object.__setattr__(self, "_unit_by_id", units)
        object.__setattr__(self, "_person_by_id", people)
        object.__setattr__(self, "_children", dict(children))
        object.__setattr__(self, "_depth", depth)

    def _defects(
        self, units: dict[str, Unit], people: dict[str, Person], depth: dict[str, int]
    ) -> Iterator[Defect]:
        yield from _repeated("单位编号", [u.id for u in self.units], "unit id")
        yield from _repeated("人员编号", [p.id for p in self.people], "person id")
        for shared in sorted(units.keys() & people.keys()):
            yield Defect(
                f"编号 {shared!r} 既是单位又是人员",
                (shared,),
                english=f"id {shared!r} names both a unit and a person",
            )
        roots = sorted(u.id for u in self.units if u.parent is None)
        if len(roots) != 1:
            yield Defect(
                f"单位须恰有一个根（没有上级的单位），现有 {roots}",
                english=f"the units need exactly one root (a unit without parent); found {roots}",
            )
        for unit in self.units:
            if unit.parent is not None and unit.parent not in units:
                yield Defect(
                    f"单位 {unit.id!r} 的上级 {unit.parent!r} 不存在",
                    (unit.id,),
                    english=f"unit {unit.id!r} has unknown parent {unit.parent!r}",
                )
        for looped in _parent_loops(units, depth):
            yield Defect(
                f"单位 {looped} 是自己的上级（上级关系成环）",
                tuple(looped),
                english=f"units {looped} are their own ancestors (a loop among parents)",
            )
        root = roots[0] if len(roots) == 1 else None
        seen: set[Posting] = set()
        for posting in self.postings:
            if posting in seen:
                yield Defect(
                    f"{posting.person!r} 在 {posting.unit!r} 任{posting.post.label}的任职重复给出",
                    (posting.person, posting.unit),
                    english=(
                        f"posting of {posting.person!r} as {posting.post.value} in "
                        f"{posting.unit!r} "
                        "is given more than once"
                    ),
                )
            seen.add(posting)
        top, first, deputy = Post.TOP_LEADER, Post.FIRST_RESPONSIBLE, Post.DEPUTY
        for posting in self.postings:
            post = posting.post
            if (  # the common case, decided without building messages
                posting.person in people
                and posting.unit in units
                and (post is not top or posting.unit == root)
                and (post is not first or posting.unit != root)
                and (not posting.in_charge_of or post is deputy)
                and all(u in units and u != root for u in posting.in_charge_of)
            ):
                continue
            yield from self._posting_defects(posting, units, people, root)
        for remit in self.supervision:
            office = units.get(remit.office)
            if office is None or office.kind is not UnitKind.SUPERVISION_OFFICE:
                yield Defect(
                    f"监督部门 {remit.office!r} 不是 supervision_office（监督部门）类的单位",
                    (remit.office,),
                    english=(
                        f"supervision office {remit.office!r} is not a unit of kind "
                        "supervision_office"
                    ),
                )
            for uid in sorted(u for u in remit.units if u not in units):
                yield Defect(
                    f"{remit.office!r} 所监督的单位 {uid!r} 不存在",
                    (uid,),
                    english=f"supervision by {remit.office!r} names unknown unit {uid!r}",
                )

    @staticmethod
    def _posting_defects(
        posting: Posting, units: dict[str, Unit], people: dict[str, Person], root: str | None
    ) -> Iterator[Defect]:
        who = f"posting of {posting.person!r} as {posting.post.value} in {posting.unit!r}"
        whom = f"{posting.person!r} 在 {posting.unit!r} 任{posting.post.label}"
        if posting.person not in people:
            yield Defect(
                f"{whom}：没有人员 {posting.person!r}",
                (posting.person,),
                english=f"{who}: unknown person {posting.person!r}",
            )
        if posting.unit not in units:
            yield Defect(
                f"{whom}：没有单位 {posting.unit!r}",
                (posting.unit,),
                english=f"{who}: unknown unit {posting.unit!r}",
            )
        if posting.post is Post.TOP_LEADER and root is not None and posting.unit != root:
            yield Defect(
                f"{whom}：一把手只能是根单位 {root!r} 的负责人",
                (posting.person,),
                english=f"{who}: a top leader (一把手) heads the root unit {root!r}",
            )
        if posting.post is Post.FIRST_RESPONSIBLE and posting.unit == root:
            yield Defect(
                f"{whom}：根单位的第一责任人就是一把手",
                (posting.person,),
                english=(
                    f"{who}: the root unit's first responsible person is its top leader (一把手)"
                ),
            )
        if posting.in_charge_of and posting.post is not Post.DEPUTY:
            yield Defect(
                f"{whom}：只有分管领导才分管单位",
                (posting.person,),
                english=f"{who}: only a deputy (分管领导) is in charge of units",
            )
        for uid in sorted(u for u in posting.in_charge_of if u not in units):
            yield Defect(
                f"{whom}：所分管的单位 {uid!r} 不存在",
                (uid,),
                english=f"{who}: in charge of unknown unit {uid!r}",
            )
        if root is not None and root in posting.in_charge_of:
            yield Defect(
                f"{whom}：分管领导分管根单位以下的单位，不分管根单位 {root!r} "
                "本身（它由一把手负责）",
                (posting.person, root),
                english=(
                    f"{who}: a deputy is in charge of units below the root, not of the root "
                    f"{root!r} itself (the top leader answers for it)"
                ),
            )

    # ---- queries

    def names(self) -> dict[str, str]:
        """Every unit's and person's id mapped to the name documents show.

        Reports, tables and explanations show names, not ids.  Should a unit and a person
        share an id, the person's name is given.

        >>> org = Organization(
        ...     units=[Unit(id="gas", name="市燃气总公司", kind=UnitKind.ORGANIZATION)],
        ...     people=[Person(id="lai", name="赖总经理")],
        ...     postings=[Posting(person="lai", unit="gas", post=Post.TOP_LEADER)],
        ... )
        >>> org.names()
        {'gas': '市燃气总公司', 'lai': '赖总经理'}
        """
        found = {unit.id: unit.name for unit in self.units}
        found.update((person.id, person.name) for person in self.people)
        return found

    @property
    def root(self) -> Unit:
        """The unit at the top of the tree."""
        return next(u for u in self.units if u.parent is None)

    def unit(self, unit_id: str) -> Unit:
        """The unit called ``unit_id``; :class:`UnknownReference` if there is none."""
        try:
            return self._unit_by_id[unit_id]
        except (KeyError, TypeError):
            raise UnknownReference("unit", unit_id, sorted(self._unit_by_id)) from None

    def person(self, person_id: str) -> Person:
        """The person called ``person_id``; :class:`UnknownReference` if there is none."""
        try:
            return self._person_by_id[person_id]
        except (KeyError, TypeError):
            raise UnknownReference("person", person_id, sorted(self._person_by_id)) from None

    def has_unit(self, unit_id: str) -> bool:
        """Whether a unit is called ``unit_id``."""
        return unit_id in self._unit_by_id

    def children(self, unit_id: str) -> tuple[str, ...]:
        """The units directly below ``unit_id``, in the order they were given."""
        self.unit(unit_id)
        return tuple(self._children.get(unit_id, ()))

    def depth(self, unit_id: str) -> int:
        """0 for the root, 1 for the units below it, and so on."""
        self.unit(unit_id)
        return self._depth[unit_id]

    def ancestors(self, unit_id: str) -> tuple[str, ...]:
        """The units above ``unit_id``, nearest first, ending with the root."""
        found: list[str] = []
        parent = self.unit(unit_id).parent
        while parent is not None:
            found.append(parent)
            parent = self._unit_by_id[parent].parent
        return tuple(found)

    def postings_of(self, person_id: str) -> tuple[Posting, ...]:
        """Every posting ``person_id`` holds."""
        self.person(person_id)
        return tuple(p for p in self.postings if p.person == person_id)

    def postings_in(self, unit_id: str) -> tuple[Posting, ...]:
        """Every posting in ``unit_id``."""
        self.unit(unit_id)
        return tuple(p for p in self.postings if p.unit == unit_id)


def _depths(units: dict[str, Unit], children: dict[str, list[str]]) -> dict[str, int]:
    """Depth of every unit reachable from a root; units caught in a parent loop are absent."""
    depth: dict[str, int] = {}
    stack = [(u.id, 0) for u in units.values() if u.parent is None]
    while stack:
        uid, d = stack.pop()
        if uid in depth:
            continue
        depth[uid] = d
        stack.extend((child, d + 1) for child in children.get(uid, ()))
    return depth


def _repeated(what: str, ids: Iterable[str], what_en: str) -> Iterator[Defect]:
    seen: set[str] = set()
    repeated: set[str] = set()
    for item in ids:
        (repeated if item in seen else seen).add(item)
    for item in sorted(repeated):
        yield Defect(
            f"{what} {item!r} 用了不止一次",
            (item,),
            english=f"{what_en} {item!r} is used more than once",
        )


def _parent_loops(units: dict[str, Unit], depth: dict[str, int]) -> Iterator[list[str]]:
    """Each loop among parents, as the units on it (units merely below a loop are left out)."""
    settled: set[str] = set(depth)
    for start in units:
        path: list[str] = []
        uid: str | None = start
        while uid is not None and uid in units and uid not in settled and uid not in path:
            path.append(uid)
            uid = units[uid].parent
        if uid is not None and uid in path:
            yield sorted(path[path.index(uid) :])
        settled.update(path)
