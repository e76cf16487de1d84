"""Tallies (计票): ballot counts per target, respondent group, item and verdict.

A tally is a mergeable value.  ``a + b`` adds the counts, :meth:`Tally.empty` is the
identity, and addition is associative and commutative, so tallies counted on partitions
(by district, by day, on several machines) merge into exactly the tally of one pass.

>>> from xingfeng.assessment.questionnaire import FOUR_OPTIONS, Questionnaire
>>> q = Questionnaire(name="问卷", items=("总体评价",), options=FOUR_OPTIONS, groups=("服务对象",))
>>> north = Tally.from_rows(q, [("水务局", "服务对象", "满意"), ("水务局", "服务对象", "不了解")])
>>> south = Tally.from_rows(q, [("水务局", "服务对象", "满意")])
>>> both = north + south
>>> both.count("水务局", "服务对象", "总体评价", "满意"), both.returned("水务局", "服务对象")
(2, 3)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from xingfeng._checks import (
    instance_of,
    require_collection,
    require_instance,
    require_items,
    to_tuple,
)
from xingfeng.assessment.questionnaire import Ballot, Questionnaire
from xingfeng.exceptions import Defect, InvalidArgument, InvalidDefinition

__all__ = ["Tally"]

Cell = tuple[str, str, str, str, int]
"""``(target, group, item, verdict, count)``."""
Issued = tuple[str, str, int]
"""``(target, group, questionnaires issued)``."""


def _sorted_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    # One canonical order makes equal tallies equal, whatever order they were counted in.
    converted = to_tuple(value)
    if isinstance(converted, tuple):
        try:
            return tuple(sorted(converted))
        except TypeError:
            pass  # mixed types: the validator names the offending entry
    return converted


def _check_counts(name: str, rows: tuple[Any, ...], width: int) -> None:
    require_collection(name, rows)
    for row in rows:
        if (
            not isinstance(row, tuple)
            or len(row) != width
            or not all(isinstance(part, str) for part in row[:-1])
            or not isinstance(row[-1], int)
            or isinstance(row[-1], bool)
            or row[-1] < 1
        ):
            labels = ("target", "group", "item", "verdict")[: width - 1]
            raise InvalidArgument(
                name,
                row,
                f"({', '.join(labels)}, 票数 >= 1) 形式的条目",
                english=f"({', '.join(labels)}, count >= 1) entries",
            )


@attrs.frozen(kw_only=True)
class Tally:
    """Ballot counts of one questionnaire; build with :meth:`from_rows` or :meth:`from_ballots`.

    ``cells`` holds ``(target, group, item, verdict, count)`` and ``issued`` holds
    ``(target, group, questionnaires issued)``, each sorted, without zero counts.  Every
    ballot answers every item, so each item of a (target, group) counts the same number of
    ballots: that number is :meth:`returned`.
    """

    questionnaire: Questionnaire = attrs.field(validator=instance_of(Questionnaire))
    cells: tuple[Cell, ...] = attrs.field(default=(), converter=_sorted_tuple)
    issued: tuple[Issued, ...] = attrs.field(default=(), converter=_sorted_tuple)
    _index: dict[tuple[str, str, str], dict[str, int]] = attrs.field(
        init=False, eq=False, repr=False
    )
    _issued: dict[tuple[str, str], int] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        _check_counts("cells", self.cells, 5)
        _check_counts("issued", self.issued, 3)
        q = self.questionnaire
        defects: list[Defect] = []
        index: dict[tuple[str, str, str], dict[str, int]] = defaultdict(dict)
        for target, group, item, verdict, count in self.cells:
            cell = (target, group, item, verdict)
            if group not in q.groups or item not in q.items or verdict not in q.options:
                defects.append(
                    Defect(
                        f"单元 {cell!r}：组别、项目和评价须分别在 {list(q.groups)}、"
                        f"{list(q.items)} 和 {list(q.options)} 之中",
                        english=(
                            f"cell {cell!r}: group, item and verdict must be among "
                            f"{list(q.groups)}, {list(q.items)} and {list(q.options)}"
                        ),
                    )
                )
                continue
            if verdict in index[target, group, item]:
                defects.append(
                    Defect(f"单元 {cell!r} 计了两次", english=f"cell {cell!r} is counted twice")
                )
            index[target, group, item][verdict] = count
        seen: set[tuple[str, str]] = set()
        for target, group, _ in self.issued:
            if group not in q.groups:
                defects.append(
                    Defect(
                        f"发放问卷的组别 {group!r} 不是 {list(q.groups)} 之一",
                        english=f"issued to {group!r}: expected one of {list(q.groups)}",
                    )
                )
            if (target, group) in seen:
                defects.append(
                    Defect(
                        f"{(target, group)!r} 的发放问卷数给了两次",
                        english=f"issued count for {(target, group)!r} is given twice",
                    )
                )
            seen.add((target, group))
        for target, group in {(t, g) for t, g, _i in index}:
            answered = {
                item: sum(index.get((target, group, item), {}).values()) for item in q.items
            }
            if len(set(answered.values())) > 1:
                defects.append(
                    Defect(
                        f"{target!r}/{group!r}：每张票都评价每个项目，但各项目的票数不同 "
                        f"{answered}",
                        english=(
                            f"{target!r}/{group!r}: every ballot answers every item, but "
                            f"the items count different numbers of ballots {answered}"
                        ),
                    )
                )
        if defects:
            raise InvalidDefinition(
                f"问卷 {q.name!r} 的统计", defects, english=f"tally of {q.name!r}"
            )
        object.__setattr__(self, "_index", dict(index))
        object.__setattr__(self, "_issued", {(t, g): n for t, g, n in self.issued})

    @classmethod
    def empty(cls, questionnaire: Questionnaire) -> Tally:
        """The tally of no ballots: ``empty + t == t`` for every tally ``t``."""
        return cls(questionnaire=questionnaire)

    @classmethod
    def from_rows(cls, questionnaire: Questionnaire, rows: Iterable[tuple[str, ...]]) -> Tally:
        """Count ballots given as rows ``(target, group, verdict per item …)``.

        Each distinct row is checked once, so a million rows cost one ``Counter`` pass.
        A malformed row raises :class:`~xingfeng.InvalidArgument` naming it.
        """
        require_instance("questionnaire", questionnaire, Questionnaire, "Questionnaire（问卷）")
        if rows is None or isinstance(rows, str | bytes | Mapping):
            # Counter(None) is empty: a host passing nothing would count zero ballots.
            raise InvalidArgument(
                "rows",
                rows,
                "由元组 (target, group, verdict …) 组成的可迭代对象",
                english="an iterable of tuples (target, group, verdict …)",
            )
        try:
            counted = Counter(rows)
        except TypeError as error:  # an unhashable row, such as a list
            raise InvalidArgument(
                "rows",
                rows,
                "由元组 (target, group, verdict …) 组成的可迭代对象",
                english="an iterable of tuples (target, group, verdict …)",
            ) from error
        cells: Counter[tuple[str, str, str, str]] = Counter()
        for row, count in counted.items():
            target, group, *verdicts = questionnaire.check_row(row)
            for item, verdict in zip(questionnaire.items, verdicts, strict=True):
                cells[target, group, item, verdict] += count
        return cls(questionnaire=questionnaire, cells=_cells(cells))

    @classmethod
    def from_ballots(cls, questionnaire: Questionnaire, ballots: Iterable[Ballot]) -> Tally:
        """Count :class:`~xingfeng.Ballot` values."""
        require_instance("questionnaire", questionnaire, Questionnaire, "Questionnaire（问卷）")
        rows = []
        for ballot in require_items("ballots", ballots, Ballot, "Ballot（选票）"):
            if not isinstance(ballot, Ballot):
                raise InvalidArgument("ballots", ballot, "Ballot（选票）", english="Ballot values")
            rows.append(ballot.row)
        return cls.from_rows(questionnaire, rows)

    def with_issued(self, target: str, group: str, count: int) -> Tally:
        """This tally plus ``count`` questionnaires issued to ``group`` about ``target``."""
        extra = Tally(questionnaire=self.questionnaire, issued=((target, group, count),))
        return self + extra

    def __add__(self, other: object) -> Tally:
        if not isinstance(other, Tally):
            return NotImplemented
        if other.questionnaire != self.questionnaire:
            raise InvalidArgument(
                "other",
                other.questionnaire.name,
                f"同一问卷 {self.questionnaire.name!r} 的统计",
                english=f"a tally of the same questionnaire {self.questionnaire.name!r}",
            )
        cells: Counter[tuple[str, str, str, str]] = Counter()
        for target, group, item, verdict, count in (*self.cells, *other.cells):
            cells[target, group, item, verdict] += count
        issued: Counter[tuple[str, str]] = Counter()
        for target, group, count in (*self.issued, *other.issued):
            issued[target, group] += count
        return Tally(
            questionnaire=self.questionnaire,
            cells=_cells(cells),
            issued=tuple((t, g, n) for (t, g), n in issued.items()),
        )

    def __radd__(self, other: object) -> Tally:
        # sum(tallies) starts from 0: let it, so partial tallies merge with the builtin.
        if other == 0:
            return self
        return NotImplemented

    @property
    def targets(self) -> tuple[str, ...]:
        """Every target with at least one ballot or one issued questionnaire, sorted."""
        return tuple(sorted({t for t, *_ in self.cells} | {t for t, _, _ in self.issued}))

    def count(self, target: str, group: str, item: str, verdict: str) -> int:
        """Ballots of ``group`` giving ``verdict`` on ``item`` of ``target``."""
        return self._index.get((target, group, item), {}).get(verdict, 0)

    def verdicts(self, target: str, group: str, item: str) -> Mapping[str, int]:
        """Counts by verdict for one target, group and item (verdicts never given omitted)."""
        return dict(self._index.get((target, group, item), {}))

    def returned(self, target: str, group: str) -> int:
        """Ballots returned by ``group`` about ``target`` (invalid answers included)."""
        return sum(self._index.get((target, group, self.questionnaire.items[0]), {}).values())

    def issued_to(self, target: str, group: str) -> int | None:
        """Questionnaires issued to ``group`` about ``target``, or ``None`` if not recorded."""
        return self._issued.get((target, group))


def _cells(counts: Mapping[tuple[str, str, str, str], int]) -> tuple[Cell, ...]:
    return tuple((t, g, i, v, n) for (t, g, i, v), n in counts.items() if n)
