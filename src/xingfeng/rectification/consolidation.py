"""Merging same and similar opinions into items (归类, R16), keeping where each came from.

Seed 000 merged the opinions of raters, supervisors and user organisations into 8 items and
reported "raters 2, supervisors 2, user organisations 3", which adds up to 7 (R20).  Whether
two opinions say the same thing is a person's judgement, so :func:`consolidate` records it:
``into`` maps each item id (the future problem id) to the opinions merged into it.
:func:`group_by` proposes the groups for the common exact case, opinions with an equal key.

A :class:`Consolidation` keeps every original opinion, and counts two ways:

- :meth:`~Consolidation.breakdown` counts *opinions* per source; it always adds up to the
  number merged, for one item or for all;
- :meth:`~Consolidation.items_per_source` counts *items* per source: an item merging
  opinions from two sources counts for both, so the counts may add up to more than the
  number of items, and a report that names only some sources may add up to fewer.

>>> from datetime import datetime
>>> at = datetime.fromisoformat("2026-05-06T09:00+08:00")
>>> def said(oid, source):
...     return Opinion(id=oid, source=source, text="办事效率低", unit="燃气公司", received_at=at)
>>> opinions = [said("r1", Source.RATER), said("s1", Source.SUPERVISOR), said("u1", Source.RATER)]
>>> merged = consolidate(opinions, {"P1": ["r1", "s1"], "P2": ["u1"]})
>>> {s.label: n for s, n in merged.breakdown().items()}
{'评议代表': 2, '行风监督员': 1}
>>> {s.label: n for s, n in merged.items_per_source().items()}
{'评议代表': 2, '行风监督员': 1}
>>> [s.label for s in merged.sources_of("P1")]
['评议代表', '行风监督员']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import cast

import attrs

from xingfeng._checks import items_of, text, texts, to_tuple
from xingfeng.exceptions import Defect, InvalidArgument, InvalidDefinition, UnknownReference
from xingfeng.rectification.sources import Opinion, Source, _opinions

__all__ = ["ConsolidatedItem", "Consolidation", "consolidate", "group_by"]


def _some_opinions(_instance: object, attribute: attrs.Attribute[object], value: object) -> None:
    texts(_instance, attribute, value)
    if not value:
        raise InvalidArgument(
            attribute.name,
            value,
            "至少一条归并意见的编号",
            english="the id of at least one merged opinion",
        )


@attrs.frozen(kw_only=True)
class ConsolidatedItem:
    """One item after 归类: its ``id`` (the future problem id) and the ids of the opinions
    merged into it, at least one."""

    id: str = attrs.field(validator=text)
    opinions: tuple[str, ...] = attrs.field(converter=to_tuple, validator=_some_opinions)


@attrs.frozen(kw_only=True)
class Consolidation:
    """Every original opinion, and the items they were merged into.

    Raises :class:`InvalidDefinition` listing every defect unless each opinion is placed in
    exactly one item: an opinion id used twice, an item id used twice, an item naming an
    unknown opinion, an opinion placed twice, an opinion placed nowhere.  Build one with
    :func:`consolidate`.
    """

    opinions: tuple[Opinion, ...] = attrs.field(converter=to_tuple, validator=items_of(Opinion))
    items: tuple[ConsolidatedItem, ...] = attrs.field(
        converter=to_tuple, validator=items_of(ConsolidatedItem)
    )
    _opinion_by_id: dict[str, Opinion] = attrs.field(init=False, repr=False, eq=False)
    _item_by_id: dict[str, ConsolidatedItem] = attrs.field(init=False, repr=False, eq=False)
    _item_of: dict[str, str] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        ids = [item.id for item in self.items]
        defects = [
            Defect(
                f"事项编号 {item_id!r} 用了 {count} 次",
                (item_id,),
                english=f"item id {item_id!r} is used {count} times",
            )
            for item_id, count in Counter(ids).items()
            if count > 1
        ]
        defects += _placement_defects(
            [o.id for o in self.opinions], [(i.id, i.opinions) for i in self.items]
        )
        if defects:
            raise InvalidDefinition("意见归类", defects, english="consolidation")
        object.__setattr__(self, "_opinion_by_id", {o.id: o for o in self.opinions})
        object.__setattr__(self, "_item_by_id", {i.id: i for i in self.items})
        object.__setattr__(
            self, "_item_of", {oid: item.id for item in self.items for oid in item.opinions}
        )

    @property
    def merged_count(self) -> int:
        """How many original opinions were merged (every one, into some item)."""
        return len(self.opinions)

    @property
    def item_ids(self) -> tuple[str, ...]:
        """The ids of the items, in the order given."""
        return tuple(self._item_by_id)

    def item(self, item_id: str) -> ConsolidatedItem:
        """The item called ``item_id``; :class:`UnknownReference` if there is none."""
        try:
            return self._item_by_id[item_id]
        except (KeyError, TypeError):
            raise UnknownReference("item", item_id, list(self._item_by_id)) from None

    def opinion(self, opinion_id: str) -> Opinion:
        """The original opinion called ``opinion_id``; :class:`UnknownReference` if none."""
        try:
            return self._opinion_by_id[opinion_id]
        except (KeyError, TypeError):
            raise UnknownReference("opinion", opinion_id, list(self._opinion_by_id)) from None

    def item_of(self, opinion_id: str) -> str:
        """The id of the item the opinion ``opinion_id`` was merged into."""
        self.opinion(opinion_id)
        return self._item_of[opinion_id]

    def opinions_of(self, item_id: str) -> tuple[Opinion, ...]:
        """The original opinions merged into ``item_id``, in the order given."""
        return tuple(self._opinion_by_id[oid] for oid in self.item(item_id).opinions)

    def sources_of(self, item_id: str) -> tuple[Source, ...]:
        """The sources ``item_id`` came from, each once, in :class:`Source` order."""
        found = {o.source for o in self.opinions_of(item_id)}
        return tuple(s for s in Source if s in found)

    def breakdown(self, item: str | None = None) -> Mapping[Source, int]:
        """How many opinions each source gave, to ``item`` or (by default) to all items.

        Only sources that gave something appear, in :class:`Source` order.  The counts add up
        to the number of opinions merged there, always (R16, R20).
        """
        merged = self.opinions if item is None else self.opinions_of(item)
        return _in_source_order(Counter(o.source for o in merged))

    def items_per_source(self) -> Mapping[Source, int]:
        """How many items each source contributed to, in :class:`Source` order.

        An item merging opinions from several sources counts once for each, so the counts add
        up to at least the number of items, and to more when items mix sources.
        """
        counts: Counter[Source] = Counter()
        for item in self.items:
            counts.update(self.sources_of(item.id))
        return _in_source_order(counts)


def consolidate(opinions: Iterable[Opinion], into: Mapping[str, Iterable[str]]) -> Consolidation:
    """Merge ``opinions`` into the items of ``into``: item id → ids of the opinions merged.

    Items keep the order of ``into`` and their opinions the order given (give a list or tuple,
    not a set, for a stable order).

    Every opinion given must be placed in exactly one item.  Raises :class:`InvalidDefinition`
    listing every defect (an unknown opinion id, an opinion placed twice or nowhere, an item
    with no opinion or a blank id), and :class:`InvalidArgument` when ``opinions`` is not a
    collection of :class:`~xingfeng.rectification.sources.Opinion` or ``into`` not a mapping.

    >>> consolidate([], {"P1": []})
    Traceback (most recent call last):
    ...
    xingfeng.exceptions.InvalidDefinition: [invalid-definition] 意见归类定义有误（1 处）：
      - 事项 'P1' 没有归并任何意见（每个事项至少一条）
    """
    given = _opinions(opinions)
    if not isinstance(into, Mapping):
        raise InvalidArgument(
            "into",
            into,
            "事项编号到所归并意见编号的映射",
            english="a mapping of item ids to the opinion ids merged",
        )
    groups = [(item_id, _read_once(members)) for item_id, members in into.items()]
    defects = list(_placement_defects([o.id for o in given], groups))
    if defects:
        raise InvalidDefinition("意见归类", defects, english="consolidation")
    return Consolidation(
        opinions=given,
        # The checks passed, so every group is a tuple of opinion ids.
        items=[
            ConsolidatedItem(id=item_id, opinions=cast("tuple[str, ...]", members))
            for item_id, members in groups
        ],
    )


def group_by(
    opinions: Iterable[Opinion], key: Callable[[Opinion], Hashable], *, prefix: str = "item-"
) -> dict[str, tuple[str, ...]]:
    """Propose items: the opinions with an equal ``key``, such as ``(o.unit, o.category)``.

    The result is an ``into`` for :func:`consolidate`, to be reviewed first.  Opinions are
    taken in the order received (ties by id), whatever order they were given in; each group
    is named ``prefix`` + its number, 1 for the group of the earliest opinion, and lists its
    opinions in the order received.

    >>> from datetime import datetime
    >>> def said(oid, hour, unit):
    ...     at = datetime.fromisoformat(f"2026-05-06T{hour:02}:00+08:00")
    ...     return Opinion(id=oid, source=Source.RATER, text="…", unit=unit, received_at=at)
    >>> group_by([said("a", 10, "收费科"), said("b", 9, "客服科"), said("c", 8, "收费科")],
    ...          key=lambda o: o.unit)
    {'item-1': ('c', 'a'), 'item-2': ('b',)}
    """
    if not isinstance(prefix, str):
        raise InvalidArgument(
            "prefix", prefix, "文字，如 'item-'", english="a string, e.g. 'item-'"
        )
    if not callable(key):
        raise InvalidArgument(
            "key",
            key,
            "以 Opinion 为参数的函数，如 lambda o: o.unit",
            english="a function of an Opinion, e.g. lambda o: o.unit",
        )
    groups: dict[Hashable, list[str]] = {}
    for opinion in sorted(_opinions(opinions), key=lambda o: (o.received_at, o.id)):
        value = key(opinion)
        try:
            groups.setdefault(value, []).append(opinion.id)
        except TypeError:
            raise InvalidArgument(
                "key", key, "返回可哈希值的函数", english="a function returning a hashable value"
            ) from None
    return {f"{prefix}{n}": tuple(ids) for n, ids in enumerate(groups.values(), start=1)}


def _read_once(members: object) -> object:
    """Ids as a tuple, so a generator is not consumed by the checks; anything else as is."""
    if isinstance(members, Iterable) and not isinstance(members, str | bytes | Mapping):
        return tuple(members)
    return members


def _in_source_order(counts: Counter[Source]) -> dict[Source, int]:
    return {source: counts[source] for source in Source if counts[source]}


def _placement_defects(
    opinion_ids: Sequence[str], groups: Sequence[tuple[object, object]]
) -> Iterator[Defect]:
    """Every way the groups fail to place each opinion exactly once."""
    for oid, count in Counter(opinion_ids).items():
        if count > 1:
            yield Defect(
                f"意见编号 {oid!r} 由 {count} 条意见共用",
                (oid,),
                english=f"opinion id {oid!r} is used by {count} opinions",
            )
    known = set(opinion_ids)
    placed: dict[str, list[object]] = {}
    for item_id, members in groups:
        if not isinstance(item_id, str) or not item_id.strip():
            yield Defect(
                f"事项编号 {item_id!r} 不是非空文字",
                (item_id,),
                english=f"item id {item_id!r} is not a non-empty string",
            )
        if isinstance(members, str | bytes | Mapping) or not isinstance(members, Iterable):
            yield Defect(
                f"事项 {item_id!r} 的内容是 {members!r}：应为意见编号的集合",
                (item_id, members),
                english=f"item {item_id!r} has {members!r}: expected a collection of opinion ids",
            )
            continue
        merged = list(members)
        if not merged:
            yield Defect(
                f"事项 {item_id!r} 没有归并任何意见（每个事项至少一条）",
                (item_id,),
                english=f"item {item_id!r} merges no opinion (an item needs at least one)",
            )
        for oid in merged:
            if isinstance(oid, str) and oid in known:
                placed.setdefault(oid, []).append(item_id)
            else:
                yield Defect(
                    f"事项 {item_id!r} 所列的意见 {oid!r} 不存在",
                    (item_id, oid),
                    english=f"item {item_id!r} names unknown opinion {oid!r}",
                )
    for oid, where in placed.items():
        if len(where) > 1:
            yield Defect(
                f"意见 {oid!r} 归入了 {len(where)} 个事项：{where}",
                (oid, *where),
                english=f"opinion {oid!r} is placed {len(where)} times, in items {where}",
            )
    for oid in dict.fromkeys(opinion_ids):
        if oid not in placed:
            yield Defect(
                f"意见 {oid!r} 没有归入任何事项",
                (oid,),
                english=f"opinion {oid!r} is placed in no item",
            )
