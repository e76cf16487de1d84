"""Breakdowns must add up (R20): every mismatch is found, at any depth, with its figures."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import strategies
from xingfeng import Breakdown, InvalidArgument, Mismatch, check_breakdown
from xingfeng.serialization import from_json, to_json


def _nodes(b: Breakdown, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Breakdown]]:
    here = (*path, b.name)
    found = [(here, b)]
    for part in b.parts.values():
        if isinstance(part, Breakdown):
            found += _nodes(part, here)
    return found


def _with_total(b: Breakdown, target: tuple[str, ...], delta: Fraction) -> Breakdown:
    """``b`` with the total at ``target`` (a path of names) moved by ``delta``."""
    if target == (b.name,):
        return Breakdown(name=b.name, total=Fraction(b.total) + delta, parts=b.parts)
    rest = target[1:]
    parts = {
        k: _with_total(p, rest, delta) if isinstance(p, Breakdown) and p.name == rest[0] else p
        for k, p in b.parts.items()
    }
    return Breakdown(name=b.name, total=b.total, parts=parts)


@given(strategies.consistent_breakdowns())
def test_totals_that_are_the_sums_of_their_parts_have_no_mismatch(b: Breakdown) -> None:
    """Nothing is reported where everything adds up, at any depth, in any exact number type."""
    assert b.mismatches() == ()


@given(strategies.consistent_breakdowns(), st.data(), st.fractions(max_denominator=12).filter(bool))
def test_a_wrong_total_is_reported_against_its_parts_and_its_parent(
    b: Breakdown, data: st.DataObject, delta: Fraction
) -> None:
    """Moving one total off its parts shows up exactly there and, one level up, in its parent,
    each with the figures involved and the exact difference."""
    nodes = _nodes(b)
    # Names along a path may repeat among siblings; pick a node reachable unambiguously.
    paths = [p for p, _ in nodes if [q for q, _ in nodes].count(p) == 1]
    target = data.draw(st.sampled_from(paths))
    wrong = _with_total(b, target, delta)
    found = wrong.mismatches()
    expected = [target] if len(target) == 1 else [target[:-1], target]
    assert [m.path for m in found] == expected
    for mismatch in found:
        assert Fraction(mismatch.sum) == sum((Fraction(v) for _, v in mismatch.parts), Fraction(0))
        assert mismatch.difference == Fraction(mismatch.sum) - Fraction(mismatch.total)
        assert mismatch.difference in (delta, -delta)
        assert str(mismatch.total) in str(mismatch)
        assert all(name in str(mismatch) for name, _ in mismatch.parts)


@given(st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=8), st.integers())
def test_a_flat_breakdown_is_off_by_exactly_the_difference(parts: list[int], total: int) -> None:
    """One level: a mismatch exactly when the parts do not sum to the total, and then one."""
    named = {f"第{n}项": v for n, v in enumerate(parts, 1)}
    found = check_breakdown(total, named, name="合计")
    assert (found == ()) == (sum(parts) == total)
    if found:
        (mismatch,) = found
        assert mismatch.path == ("合计",)
        assert mismatch.parts == tuple(named.items())
        assert mismatch.sum == sum(parts)
        assert mismatch.difference == sum(parts) - total


def test_decimals_are_added_exactly() -> None:
    """0.1 + 0.2 is 0.3: no float is involved, so no false alarm."""
    assert check_breakdown(Decimal("0.3"), {"a": Decimal("0.1"), "b": Decimal("0.2")}) == ()
    (found,) = check_breakdown(Decimal("0.3"), {"a": Decimal("0.1"), "b": Decimal("0.25")})
    assert found.sum == Decimal("0.35")
    assert found.difference == Fraction(1, 20)


def test_the_gas_companys_eight_items_do_not_add_up() -> None:
    """Seed 000: 8 items, 2 + 2 + 3 by source, one short."""
    (found,) = check_breakdown(8, {"评议代表": 2, "行风监督员": 2, "用户单位": 3}, name="归类意见")
    assert found == Mismatch(
        path=("归类意见",),
        total=8,
        parts=(("评议代表", 2), ("行风监督员", 2), ("用户单位", 3)),
        sum=7,
    )
    assert (
        str(found)
        == "归类意见：合计 8，各项之和 评议代表 2 + 行风监督员 2 + 用户单位 3 = 7（相差 -1）"
    )


def test_the_power_grids_complaints_add_up_by_channel_but_not_by_category() -> None:
    """Seed 002: 47 + 24 = 71 complaints by channel; 74 by category.  The 52 escalated ones add
    up by forwarding office and by topic, nested inside the company's figures."""
    escalated_by_office = Breakdown(
        name="越级投诉（按转办单位）",
        total=52,
        parts={"华中电监局": 25, "省政风行风热线": 3, "省公司行风办": 7, "省公司95598监管中心": 17},
    )
    escalated_by_topic = Breakdown(
        name="越级投诉（按问题）",
        total=52,
        parts={"供电质量": 21, "停限电": 16, "营业服务质量": 7, "业扩报装": 5, "举报窃电": 1,
               "家用电器": 1, "电价及收费": 1},
    )  # fmt: skip
    assert escalated_by_office.mismatches() == escalated_by_topic.mismatches() == ()
    assert check_breakdown(71, {"公司行风办受理": 47, "95598受理": 24}, name="客户投诉") == ()
    by_category = {"营销服务质量": 36, "供电质量": 12, "业扩报装": 6, "供电故障处理": 15,
                   "家用电器损坏": 2, "电网改造": 1, "其他": 2}  # fmt: skip
    (found,) = check_breakdown(71, by_category, name="客户投诉（按类别）")
    assert (found.total, found.sum, found.difference) == (71, 74, 3)


def test_a_nested_subtotal_counts_with_its_stated_total() -> None:
    """A wrong subtotal is reported against its own parts and against its parent's total."""
    inner = Breakdown(name="投诉", total=10, parts={"电话": 6, "来信": 3})
    found = check_breakdown(15, {"投诉": inner, "建议": 5}, name="意见")
    assert [m.path for m in found] == [("意见", "投诉")]
    found = check_breakdown(14, {"投诉": inner, "建议": 5}, name="意见")
    assert [(m.path, m.sum) for m in found] == [(("意见",), 15), (("意见", "投诉"), 9)]


@pytest.mark.parametrize(
    ("total", "parts", "named"),
    [
        (1.0, {"a": 1}, "合计.total"),
        (True, {"a": 1}, "合计.total"),
        (1, {"a": 0.5}, "合计.parts['a']"),
        (1, {"a": "1"}, "合计.parts['a']"),
        (1, {"a": Decimal("NaN")}, "合计.parts['a']"),
        (1, {}, "合计.parts"),
        (1, [("a", 1)], "合计.parts"),
        (1, {"": 1}, "合计.parts"),
    ],
)
def test_a_figure_that_is_not_an_exact_number_is_refused_by_name(
    total: object, parts: object, named: str
) -> None:
    """Floats, bools, strings, NaN, empty or unnamed parts: refused, naming the figure."""
    with pytest.raises(InvalidArgument) as refused:
        check_breakdown(total, parts)  # type: ignore[arg-type]
    assert refused.value.name == named


@given(strategies.consistent_breakdowns())
def test_a_breakdown_survives_json(b: Breakdown) -> None:
    """Breakdowns and their mismatches load back equal."""
    assert from_json(to_json(b), Breakdown) == b
