"""Categories of problems and opinions (问题分类): a configurable tree of keys and labels.

A :class:`Taxonomy` is a forest: each root is one way of dividing problems (the dimensions a
self-inspection screens, the topics complaints are counted by), and each category below it a
part of that dimension.  It is checked when built, and every defect is reported at once.

>>> topics = Taxonomy(name="投诉分类", categories=[
...     Category(key="complaint", label="投诉主题"),
...     Category(key="complaint.supply_quality", label="供电质量", parent="complaint"),
... ])
>>> topics.label_path("complaint.supply_quality")
'投诉主题 / 供电质量'
>>> Taxonomy.default().is_within("discipline.work_style", "discipline")
True
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

import attrs

from xingfeng._checks import items_of, optional_text, text, to_tuple
from xingfeng.exceptions import Defect, InvalidDefinition, UnknownReference

__all__ = ["Category", "Taxonomy"]


@attrs.frozen(kw_only=True)
class Category:
    """One category: ``key`` is unique in its taxonomy, ``label`` is what users see, and
    ``parent`` the key of the category above it (``None`` for a root).

    A blank label is refused here, so a taxonomy never holds one; a taxonomy loaded from JSON
    reports every blank label at once, by the category's place (``$.categories[3]``).
    """

    key: str = attrs.field(validator=text)
    label: str = attrs.field(validator=text)
    parent: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen(kw_only=True)
class Taxonomy:
    """A forest of categories, in the order given.

    Raises :class:`InvalidDefinition` listing every defect: a key used twice, a parent that is
    not a key, a loop among parents (shown as its path, ``a → b → a``), and two categories
    with the same parent and the same label (their label paths could not be told apart).

    Queries take keys and raise :class:`UnknownReference` for a key the taxonomy lacks.
    """

    name: str = attrs.field(validator=text)
    categories: tuple[Category, ...] = attrs.field(converter=to_tuple, validator=items_of(Category))
    _by_key: dict[str, Category] = attrs.field(init=False, repr=False, eq=False)
    _children: dict[str | None, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)
    _paths: dict[str, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        defects = list(_defects(self.categories))
        if defects:
            raise InvalidDefinition(
                f"问题分类 {self.name!r}", defects, english=f"taxonomy {self.name!r}"
            )
        by_key = {c.key: c for c in self.categories}
        children: defaultdict[str | None, list[str]] = defaultdict(list)
        for category in self.categories:
            children[category.parent].append(category.key)
        paths: dict[str, tuple[str, ...]] = {}
        for category in self.categories:  # parents may come after their children
            chain: list[str] = []
            key: str | None = category.key
            while key is not None and key not in paths:
                chain.append(key)
                key = by_key[key].parent
            above = paths[key] if key is not None else ()
            for found in reversed(chain):
                above = paths[found] = (*above, found)
        object.__setattr__(self, "_by_key", by_key)
        object.__setattr__(self, "_children", {k: tuple(v) for k, v in children.items()})
        object.__setattr__(self, "_paths", paths)

    @classmethod
    def default(cls) -> Taxonomy:
        """The dimensions and topics of the seeds, one root each.

        Keys are dotted English names, the root's name first (``self.work_style``), so a label
        that appears under two roots (工作作风 in 000's self-inspection and in 001's problems)
        has two keys.  The roots:

        - ``self`` 自查自纠: the five dimensions of 000's screening (工作作风, 职业道德,
          承诺服务, 遵守规范, 业务工作);
        - ``leader`` 领导指出的问题: the four problems 000's general manager named
          (服务意识, 服务质量, 敬业精神, 管理力度);
        - ``discipline`` 纪律作风: the problems 001's service centre found in itself
          (工作纪律, 工作作风, 管理机构);
        - ``complaint`` 投诉主题: the topics 002 counts complaints by, both lists together
          (供电质量 … 其他; 家用电器 and 家用电器损坏 are kept apart, as the seed has them).

        >>> default = Taxonomy.default()
        >>> default.roots
        ('self', 'leader', 'discipline', 'complaint')
        >>> [default.category(k).label for k in default.children("discipline")]
        ['工作纪律', '工作作风', '管理机构']
        """
        return cls(name="默认分类", categories=_default_categories())

    def extended(self, *categories: Category, name: str | None = None) -> Taxonomy:
        """A new taxonomy with ``categories`` added after these (renamed if ``name`` is given).

        >>> more = Taxonomy.default().extended(
        ...     Category(key="complaint.meter", label="计量装置", parent="complaint"))
        >>> more.label_path("complaint.meter")
        '投诉主题 / 计量装置'
        """
        return Taxonomy(
            name=self.name if name is None else name, categories=(*self.categories, *categories)
        )

    # ---- queries

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._by_key

    def __len__(self) -> int:
        return len(self.categories)

    @property
    def keys(self) -> tuple[str, ...]:
        """Every key, in the order given."""
        return tuple(self._by_key)

    @property
    def roots(self) -> tuple[str, ...]:
        """The keys of the categories without a parent, in the order given."""
        return self._children.get(None, ())

    def category(self, key: str) -> Category:
        """The category called ``key``; :class:`UnknownReference` if there is none."""
        try:
            return self._by_key[key]
        except (KeyError, TypeError):
            raise UnknownReference("category", key, list(self._by_key)) from None

    def path(self, key: str) -> tuple[str, ...]:
        """The keys from the root down to ``key``, both included."""
        self.category(key)
        return self._paths[key]

    def label_path(self, key: str, separator: str = " / ") -> str:
        """The labels from the root down to ``key``, e.g. ``投诉主题 / 供电质量``."""
        return separator.join(self._by_key[k].label for k in self.path(key))

    def depth(self, key: str) -> int:
        """0 for a root, 1 for the categories directly below one, and so on."""
        return len(self.path(key)) - 1

    def root_of(self, key: str) -> str:
        """The key of the root ``key`` is under (``key`` itself for a root)."""
        return self.path(key)[0]

    def children(self, key: str) -> tuple[str, ...]:
        """The keys directly below ``key``, in the order given."""
        self.category(key)
        return self._children.get(key, ())

    def descendants(self, key: str) -> tuple[str, ...]:
        """Every key below ``key`` (not ``key`` itself), depth first, in the order given."""
        found: list[str] = []
        stack = list(reversed(self.children(key)))
        while stack:
            below = stack.pop()
            found.append(below)
            stack.extend(reversed(self._children.get(below, ())))
        return tuple(found)

    def is_within(self, key: str, ancestor: str) -> bool:
        """Whether ``key`` is ``ancestor`` or lies below it."""
        self.category(ancestor)
        return ancestor in self.path(key)


def _defects(categories: Sequence[Category]) -> Iterator[Defect]:
    counts = Counter(c.key for c in categories)
    for key, count in counts.items():
        if count > 1:
            yield Defect(
                f"类别键 {key!r} 用了 {count} 次",
                (key,),
                english=f"category key {key!r} is used {count} times",
            )
    parent_of: dict[str, str | None] = {}
    for category in categories:
        parent_of.setdefault(category.key, category.parent)  # the first of repeated keys
    for category in categories:
        if category.parent is not None and category.parent not in parent_of:
            yield Defect(
                f"类别 {category.key!r} 的上级 {category.parent!r} 不存在",
                (category.key, category.parent),
                english=f"category {category.key!r} has unknown parent {category.parent!r}",
            )
    for loop in _loops(parent_of):
        yield Defect(
            f"类别的上级关系成环：{' → '.join(loop)}（箭头指向上级）",
            tuple(loop),
            english=f"categories form a loop among parents: {' → '.join(loop)} (each → its parent)",
        )
    siblings: defaultdict[tuple[str | None, str], list[str]] = defaultdict(list)
    for category in categories:
        siblings[category.parent, category.label].append(category.key)
    for (parent, label), keys in siblings.items():
        if len(set(keys)) > 1:
            where = "roots" if parent is None else f"children of {parent!r}"
            where_zh = "都是根类别，却" if parent is None else f"都是 {parent!r} 的下级，却"
            yield Defect(
                f"类别 {keys} {where_zh}同名 {label!r}",
                (label, *keys),
                english=f"categories {keys} are {where} with the same label {label!r}",
            )


def _loops(parent_of: dict[str, str | None]) -> Iterator[list[str]]:
    """Each loop among parents as its path, from its smallest key back to it."""
    settled: set[str] = set()
    for start in parent_of:
        path: list[str] = []
        key: str | None = start
        while key is not None and key in parent_of and key not in settled and key not in path:
            path.append(key)
            key = parent_of[key]
        if key is not None and key in path:
            loop = path[path.index(key) :]
            first = loop.index(min(loop))
            loop = loop[first:] + loop[:first]
            yield [*loop, loop[0]]
        settled.update(path)


def _default_categories() -> list[Category]:
    roots = {
        "self": ("自查自纠", {
            "work_style": "工作作风",
            "ethics": "职业道德",
            "commitments": "承诺服务",
            "conduct_rules": "遵守规范",
            "business": "业务工作",
        }),
        "leader": ("领导指出的问题", {
            "service_awareness": "服务意识",
            "service_quality": "服务质量",
            "dedication": "敬业精神",
            "management": "管理力度",
        }),
        "discipline": ("纪律作风", {
            "work_discipline": "工作纪律",
            "work_style": "工作作风",
            "management_bodies": "管理机构",
        }),
        "complaint": ("投诉主题", {
            "supply_quality": "供电质量",
            "outage": "停限电",
            "business_service": "营业服务质量",
            "connection": "业扩报装",
            "theft_report": "举报窃电",
            "appliances": "家用电器",
            "tariffs": "电价及收费",
            "marketing_service": "营销服务质量",
            "fault_handling": "供电故障处理",
            "appliance_damage": "家用电器损坏",
            "grid_upgrade": "电网改造",
            "other": "其他",
        }),
    }  # fmt: skip
    found: list[Category] = []
    for root, (label, below) in roots.items():
        found.append(Category(key=root, label=label))
        found.extend(
            Category(key=f"{root}.{key}", label=name, parent=root) for key, name in below.items()
        )
    return found
