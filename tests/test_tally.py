"""Questionnaires, ballots and tallies: counting is exact, checked, and mergeable."""

from __future__ import annotations

import functools
import operator
from collections import Counter
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import strategies as s
from xingfeng import (
    FOUR_OPTIONS,
    THREE_OPTIONS,
    Ballot,
    InvalidArgument,
    InvalidDefinition,
    Questionnaire,
    Tally,
    XingfengError,
)

Q = Questionnaire(
    name="行风评议问卷",
    items=("作风", "效率"),
    options=FOUR_OPTIONS,
    groups=("服务对象", "社会各界"),
)


@given(data=st.data())
def test_a_tally_counts_every_verdict_of_every_row(data: st.DataObject) -> None:
    """count() is the number of rows giving that verdict on that item; returned() the rows."""
    q = data.draw(s.questionnaires())
    rows = data.draw(s.rows(q))
    tally = Tally.from_rows(q, rows)
    for target in s.TARGETS:
        for group in q.groups:
            mine = [r for r in rows if r[:2] == (target, group)]
            assert tally.returned(target, group) == len(mine)
            for position, item in enumerate(q.items, start=2):
                expected = Counter(r[position] for r in mine)
                assert tally.verdicts(target, group, item) == dict(expected)
                for option in q.options:
                    assert tally.count(target, group, item, option) == expected[option]


@given(data=st.data())
def test_merging_tallies_of_any_partition_gives_the_tally_of_one_pass(data: st.DataObject) -> None:
    """Rows split into parts in any way and tallied apart sum to the tally of all rows."""
    q = data.draw(s.questionnaires())
    rows = data.draw(s.rows(q))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(rows)), max_size=4)))
    parts = [rows[a:b] for a, b in zip([0, *cuts], [*cuts, len(rows)], strict=True)]
    shuffled = data.draw(st.permutations(parts))
    merged = sum((Tally.from_rows(q, part) for part in shuffled), Tally.empty(q))
    assert merged == Tally.from_rows(q, rows)
    assert sum(Tally.from_rows(q, part) for part in parts) == Tally.from_rows(q, rows)


@given(data=st.data())
def test_merging_is_associative_and_commutative_with_the_empty_tally_as_identity(
    data: st.DataObject,
) -> None:
    """(a + b) + c == a + (b + c), a + b == b + a, and empty + a == a == a + empty."""
    q = data.draw(s.questionnaires())
    a, b, c = (data.draw(s.tallies(q)) for _ in range(3))
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a
    assert Tally.empty(q) + a == a == a + Tally.empty(q)


@given(data=st.data())
def test_counting_ballots_is_counting_their_rows(data: st.DataObject) -> None:
    """from_ballots and from_rows agree, and Questionnaire.ballot builds the same ballot."""
    q = data.draw(s.questionnaires())
    ballots = data.draw(st.lists(s.ballots_of(q), max_size=10))
    assert Tally.from_ballots(q, ballots) == Tally.from_rows(q, [b.row for b in ballots])
    for ballot in ballots:
        answers = dict(zip(q.items, ballot.verdicts, strict=True))
        assert q.ballot(ballot.target, ballot.group, **answers) == ballot


@given(data=st.data())
def test_issued_counts_add_up_when_tallies_merge(data: st.DataObject) -> None:
    """Questionnaires issued in two partitions add up to those issued in all."""
    q = data.draw(s.questionnaires())
    group = data.draw(st.sampled_from(q.groups))
    counts = data.draw(st.lists(st.integers(1, 100), min_size=1, max_size=5))
    tallies = [Tally.empty(q).with_issued("税务局", group, n) for n in counts]
    assert functools.reduce(operator.add, tallies).issued_to("税务局", group) == sum(counts)
    assert Tally.empty(q).issued_to("税务局", group) is None


@pytest.mark.parametrize(
    ("row", "name"),
    [
        (("税务局", "服务对象", "满意"), "row"),  # one verdict short
        (("税务局", "服务对象", "满意", "满意", "满意"), "row"),  # one too many
        (("税务局", "人大代表", "满意", "满意"), "group"),
        (("", "服务对象", "满意", "满意"), "target"),
        ((7, "服务对象", "满意", "满意"), "target"),
        (("税务局", "服务对象", "满意", "很满意"), "verdict on 效率"),
        (["税务局", "服务对象", "满意", "满意"], "rows"),  # a list cannot be counted
    ],
)
def test_a_malformed_row_is_refused_by_name(row: Any, name: str) -> None:
    """Each malformed row raises InvalidArgument naming the part that is wrong."""
    with pytest.raises(InvalidArgument) as caught:
        Tally.from_rows(Q, [("税务局", "服务对象", "满意", "满意"), row])
    assert caught.value.name == name


def test_a_ballot_must_answer_every_item_and_only_those() -> None:
    """Questionnaire.ballot refuses missing or unknown items, and unknown verdicts."""
    with pytest.raises(InvalidArgument, match="answers"):
        Q.ballot("税务局", "服务对象", 作风="满意")
    with pytest.raises(InvalidArgument, match="answers"):
        Q.ballot("税务局", "服务对象", 作风="满意", 效率="满意", 廉政="满意")
    with pytest.raises(InvalidArgument) as caught:
        Q.ballot("税务局", "服务对象", 作风="满意", 效率="非常好")
    assert caught.value.value == "非常好"


def test_a_tally_whose_items_count_different_ballots_is_refused_with_every_defect() -> None:
    """Cells must describe whole ballots; unknown groups and verdicts are listed too."""
    with pytest.raises(InvalidDefinition) as caught:
        Tally(
            questionnaire=Q,
            cells=[
                ("税务局", "服务对象", "作风", "满意", 3),
                ("税务局", "服务对象", "效率", "满意", 2),
                ("税务局", "人大代表", "作风", "满意", 1),
                ("税务局", "服务对象", "作风", "很好", 1),
            ],
            issued=[("税务局", "服务对象", 5), ("税务局", "服务对象", 6)],
        )
    messages = [str(d) for d in caught.value.defects]
    assert len(messages) == 4
    assert any("各项目的票数不同" in m for m in messages)
    assert any("给了两次" in m for m in messages)


@pytest.mark.parametrize(
    "cells",
    [
        [("税务局", "服务对象", "作风", "满意", 0)],
        [("税务局", "服务对象", "作风", "满意", True)],
        [("税务局", "服务对象", "作风", "满意")],
        "税务局",
    ],
)
def test_cells_that_are_not_counts_are_refused(cells: Any) -> None:
    """Zero, bool and short cells, and a string for the cells, raise InvalidArgument."""
    with pytest.raises(InvalidArgument):
        Tally(questionnaire=Q, cells=cells)


def test_tallies_of_different_questionnaires_do_not_merge() -> None:
    """Adding tallies of two questionnaires raises; adding a non-tally is a TypeError."""
    other = Questionnaire(
        name="另一问卷", items=("总体",), options=THREE_OPTIONS, groups=("服务对象",)
    )
    with pytest.raises(InvalidArgument):
        Tally.empty(Q) + Tally.empty(other)
    with pytest.raises(TypeError):
        Tally.empty(Q) + 1  # type: ignore[operator]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"items": ()},
        {"items": ("作风", "作风")},
        {"options": ("满意",)},
        {"options": "满意"},
        {"groups": ("",)},
        {"name": " "},
    ],
)
def test_a_malformed_questionnaire_cannot_exist(kwargs: dict[str, Any]) -> None:
    """Empty, repeated or blank entries, a single option or a string for a list all raise."""
    fields = {"name": "问卷", "items": ("作风",), "options": THREE_OPTIONS, "groups": ("服务对象",)}
    with pytest.raises(XingfengError):
        Questionnaire(**{**fields, **kwargs})


def test_a_ballot_reads_as_its_row() -> None:
    """Ballot.row is (target, group, verdicts …), the shape tallies count."""
    ballot = Ballot(target="税务局", group="服务对象", verdicts=["满意", "不了解"])
    assert ballot.row == ("税务局", "服务对象", "满意", "不了解")


@pytest.mark.parametrize("rows", [None, "目标,组,满意", {"目标": 1}])
def test_rows_that_are_not_rows_are_refused_not_counted_as_none(rows: object) -> None:
    """Tally.from_rows(q, None) once counted zero ballots: nothing, a string and a mapping
    are refused, naming what would be accepted."""
    with pytest.raises(InvalidArgument, match="由元组"):
        Tally.from_rows(Q, rows)  # type: ignore[arg-type]
