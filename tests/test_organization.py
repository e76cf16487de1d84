"""Tests for xingfeng.organization.units: units, people, posts, and the structural checks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import strategies
from xingfeng import (
    InvalidArgument,
    InvalidDefinition,
    Organization,
    Person,
    Post,
    Posting,
    Supervision,
    Unit,
    UnitKind,
    UnknownReference,
    XingfengError,
)


def _invalid(organization: Organization, **changes: Any) -> InvalidDefinition:
    """The error raised when ``organization`` is rebuilt with ``changes``."""
    with pytest.raises(InvalidDefinition) as caught:
        attrs.evolve(organization, **changes)
    return caught.value


def _unit(uid: str, parent: str | None, kind: UnitKind = UnitKind.SECTION) -> Unit:
    return Unit(id=uid, name=f"单位{uid}", kind=kind, parent=parent)


# --------------------------------------------------------------------------- labels and posts


@pytest.mark.parametrize(
    ("member", "label"),
    [
        (Post.TOP_LEADER, "一把手"),
        (Post.DEPUTY, "分管领导"),
        (Post.FIRST_RESPONSIBLE, "第一责任人"),
        (Post.STAFF, "工作人员"),
        (Post.LEADING_GROUP_HEAD, "领导小组组长"),
        (Post.CONDUCT_SUPERVISOR, "行风监督员"),
        (UnitKind.SUPERVISION_OFFICE, "监督管理办公室"),
        (UnitKind.SECTION, "科室"),
        (UnitKind.WINDOW, "窗口"),
    ],
)
def test_posts_and_unit_kinds_carry_the_chinese_term_as_label(member: Any, label: str) -> None:
    """The label users see is the term of the sources (一把手, 分管领导, 第一责任人, …)."""
    assert member.label == label


@pytest.mark.parametrize("enum", [Post, UnitKind], ids=lambda e: e.__name__)
def test_every_post_and_unit_kind_has_a_distinct_label(enum: Any) -> None:
    """No member is left without a label, and no two members share one."""
    labels = [member.label for member in enum]

    assert all(labels)
    assert len(set(labels)) == len(labels)


def test_chain_posts_rank_from_the_top_leader_down_and_memberships_rank_last() -> None:
    """R3: 一把手 → 分管领导 → 第一责任人 → staff; memberships such as 领导小组 rank beside it."""
    chain_posts = [Post.TOP_LEADER, Post.DEPUTY, Post.FIRST_RESPONSIBLE, Post.STAFF]
    beside = [p for p in Post if p not in chain_posts]

    assert [p.rank for p in chain_posts] == [0, 1, 2, 3]
    assert all(p.in_chain for p in chain_posts)
    assert not any(p.in_chain for p in beside)
    assert all(p.rank > Post.STAFF.rank for p in beside)


# --------------------------------------------------------------------------- field validation


@pytest.mark.parametrize(
    "build",
    [
        lambda: Unit(id="", name="营业厅", kind=UnitKind.WINDOW),
        lambda: Unit(id="hall", name="   ", kind=UnitKind.WINDOW),
        lambda: Unit(id="hall", name="营业厅", kind="window"),
        lambda: Unit(id="hall", name="营业厅", kind=UnitKind.WINDOW, parent=""),
        lambda: Person(id="wang", name=""),
        lambda: Posting(person="wang", unit="gas", post="boss"),
        lambda: Posting(person="", unit="gas", post=Post.STAFF),
        lambda: Posting(person="li", unit="gas", post=Post.DEPUTY, in_charge_of={""}),
        lambda: Posting(person="sun", unit="hall", post=Post.STAFF, home_unit=" "),
        lambda: Supervision(office="jgb", units={"svc", ""}),
    ],
    ids=[
        "empty unit id",
        "blank unit name",
        "unit kind as a string",
        "empty parent",
        "empty person name",
        "unknown post",
        "empty person in a posting",
        "empty unit in charge",
        "blank home unit",
        "empty supervised unit",
    ],
)
def test_a_bad_field_raises_invalid_argument(build: Callable[[], object]) -> None:
    """Empty ids and names, and posts or kinds that are not enum members, are refused at once."""
    with pytest.raises(InvalidArgument) as caught:
        build()

    assert isinstance(caught.value, XingfengError)
    assert isinstance(caught.value, ValueError)


def test_an_unknown_post_is_refused_naming_the_value_and_the_accepted_posts() -> None:
    """The refusal says which value was wrong and lists the posts that would be accepted."""
    with pytest.raises(InvalidArgument, match="boss") as caught:
        Posting(person="wang", unit="gas", post="boss")

    assert caught.value.name == "post"
    assert "Post.TOP_LEADER" in caught.value.expected


# --------------------------------------------------------------------------- structural checks


def test_the_example_organisation_is_valid() -> None:
    """The gas company used across the tests builds without a defect."""
    organization = strategies.gas_company()

    assert organization.root.id == "gas"


@given(organization=strategies.organizations())
def test_a_generated_organisation_is_a_tree_under_its_root(organization: Organization) -> None:
    """Every unit's ancestors end at the root, depth counts them, and children invert parent."""
    root = organization.root

    assert root.parent is None
    for unit in organization.units:
        ancestors = organization.ancestors(unit.id)
        assert organization.depth(unit.id) == len(ancestors)
        assert (ancestors[-1] if ancestors else unit.id) == root.id
        assert len(set(ancestors)) == len(ancestors)
        below = [u.id for u in organization.units if u.parent == unit.id]
        assert organization.children(unit.id) == tuple(below)


@given(organization=strategies.organizations())
def test_postings_of_people_and_postings_in_units_each_partition_the_postings(
    organization: Organization,
) -> None:
    """Every posting is found once under its person and once under its unit, in given order."""
    by_person = [p for person in organization.people for p in organization.postings_of(person.id)]
    by_unit = [p for unit in organization.units for p in organization.postings_in(unit.id)]

    assert sorted(map(repr, by_person)) == sorted(map(repr, organization.postings))
    assert sorted(map(repr, by_unit)) == sorted(map(repr, organization.postings))
    for person in organization.people:
        mine = [p for p in organization.postings if p.person == person.id]
        assert organization.postings_of(person.id) == tuple(mine)


_GAS = strategies.gas_company()
_TOP = Posting(person="wang", unit="gas", post=Post.TOP_LEADER)


@pytest.mark.parametrize(
    ("changes", "fragment", "involved"),
    [
        (
            {"units": (*_GAS.units, _unit("hall", "gas"))},
            "单位编号 'hall' 用了不止一次",
            ("hall",),
        ),
        (
            {"people": (*_GAS.people, Person(id="wang", name="另一个王"))},
            "人员编号 'wang' 用了不止一次",
            ("wang",),
        ),
        (
            {"people": (*_GAS.people, Person(id="meter", name="计量"))},
            "既是单位又是人员",
            ("meter",),
        ),
        (
            {"units": (*_GAS.units, _unit("annex", "nowhere"))},
            "的上级 'nowhere' 不存在",
            ("annex",),
        ),
        (
            {"units": (*_GAS.units, _unit("loop1", "loop2"), _unit("loop2", "loop1"))},
            "上级关系成环",
            ("loop1", "loop2"),
        ),
        (
            {
                "postings": (
                    *_GAS.postings,
                    Posting(person="zhou", unit="meter", post=Post.TOP_LEADER),
                )
            },
            "一把手只能是根单位 'gas' 的负责人",
            ("zhou",),
        ),
        (
            {
                "postings": (
                    *_GAS.postings,
                    Posting(person="zhou", unit="gas", post=Post.FIRST_RESPONSIBLE),
                )
            },
            "根单位的第一责任人就是一把手",
            ("zhou",),
        ),
        (
            {
                "postings": (
                    *_GAS.postings,
                    Posting(person="zhou", unit="meter", post=Post.STAFF, in_charge_of={"hall"}),
                )
            },
            "只有分管领导才分管单位",
            ("zhou",),
        ),
        (
            {
                "postings": (
                    *_GAS.postings,
                    Posting(person="wu", unit="gas", post=Post.DEPUTY, in_charge_of={"annex"}),
                )
            },
            "所分管的单位 'annex' 不存在",
            ("annex",),
        ),
        (
            {"postings": (*_GAS.postings, Posting(person="nobody", unit="gas", post=Post.STAFF))},
            "没有人员 'nobody'",
            ("nobody",),
        ),
        (
            {"postings": (*_GAS.postings, Posting(person="zhou", unit="annex", post=Post.STAFF))},
            "没有单位 'annex'",
            ("annex",),
        ),
        (
            {"supervision": (Supervision(office="meter", units={"svc"}),)},
            "监督部门 'meter' 不是 supervision_office（监督部门）类的单位",
            ("meter",),
        ),
        (
            {"supervision": (Supervision(office="annex", units={"svc"}),)},
            "监督部门 'annex' 不是 supervision_office（监督部门）类的单位",
            ("annex",),
        ),
        (
            {"supervision": (Supervision(office="jgb", units={"svc", "annex"}),)},
            "'jgb' 所监督的单位 'annex' 不存在",
            ("annex",),
        ),
    ],
    ids=[
        "repeated unit id",
        "repeated person id",
        "person id equal to a unit id",
        "unknown parent",
        "上级关系成环",
        "top leader outside the root",
        "first responsible person in the root",
        "in charge of units without being a deputy",
        "deputy in charge of an unknown unit",
        "posting of an unknown person",
        "posting in an unknown unit",
        "supervision office of the wrong kind",
        "supervision office that is no unit",
        "supervision of an unknown unit",
    ],
)
def test_each_structural_defect_is_reported_with_the_values_involved(
    changes: dict[str, Any], fragment: str, involved: tuple[str, ...]
) -> None:
    """Each defect of the organisation is refused, named, and carries the offending ids."""
    error = _invalid(_GAS, **changes)

    matching = [d for d in error.defects if fragment in d.message]
    assert len(matching) == 1, error
    assert matching[0].involved == involved
    assert fragment in str(error)


def test_two_roots_are_refused_naming_both() -> None:
    """The units need exactly one root; the defect names every unit without a parent."""
    error = _invalid(_GAS, units=(*_GAS.units, _unit("other", None, UnitKind.ORGANIZATION)))

    [defect] = [d for d in error.defects if "恰有一个根" in d.message]
    assert "'gas'" in defect.message
    assert "'other'" in defect.message


def test_units_without_any_root_are_refused() -> None:
    """A loop of units with no root at all is reported as both missing root and a loop."""
    error = _invalid(_GAS, units=(_unit("a", "b"), _unit("b", "a")), postings=(), supervision=())

    messages = " | ".join(d.message for d in error.defects)
    assert "恰有一个根" in messages
    assert "上级关系成环" in messages


def test_a_loop_among_parents_names_only_the_units_on_the_loop() -> None:
    """A unit hanging below a loop is not its own ancestor, so the loop defect leaves it out."""
    units = (*_GAS.units, _unit("loop1", "loop2"), _unit("loop2", "loop1"), _unit("leaf", "loop1"))

    error = _invalid(_GAS, units=units)

    [defect] = [d for d in error.defects if "上级关系成环" in d.message]
    assert set(defect.involved) == {"loop1", "loop2"}


def test_every_structural_defect_is_reported_at_once() -> None:
    """Several defects in one organisation all appear in one InvalidDefinition."""
    error = _invalid(
        _GAS,
        units=(*_GAS.units, _unit("hall", "gas"), _unit("annex", "nowhere")),
        people=(*_GAS.people, Person(id="meter", name="计量")),
        postings=(
            *_GAS.postings,
            Posting(person="zhou", unit="meter", post=Post.TOP_LEADER),
            Posting(person="zhou", unit="meter", post=Post.STAFF, in_charge_of={"hall"}),
        ),
        supervision=(Supervision(office="meter", units={"ghost"}),),
    )

    messages = [d.message for d in error.defects]
    for fragment in [
        "单位编号 'hall' 用了不止一次",
        "既是单位又是人员",
        "的上级 'nowhere' 不存在",
        "只能是根单位",
        "只有分管领导",
        "不是 supervision_office（监督部门）类的单位",
        "所监督的单位 'ghost' 不存在",
    ]:
        assert any(fragment in m for m in messages), fragment
    assert f"（{len(messages)} 处）" in str(error)


# --------------------------------------------------------------------------- unknown references


@pytest.mark.parametrize(
    ("query", "value"),
    [
        (lambda o: o.unit("nowhere"), "nowhere"),
        (lambda o: o.person("nobody"), "nobody"),
        (lambda o: o.children("nowhere"), "nowhere"),
        (lambda o: o.depth("nowhere"), "nowhere"),
        (lambda o: o.ancestors("nowhere"), "nowhere"),
        (lambda o: o.postings_of("nobody"), "nobody"),
        (lambda o: o.postings_in("nowhere"), "nowhere"),
        (lambda o: o.postings_in("wang"), "wang"),
    ],
    ids=["unit", "person", "children", "depth", "ancestors", "postings_of", "postings_in", "swap"],
)
def test_an_unknown_id_raises_unknown_reference_naming_it(
    query: Callable[[Organization], object], value: str
) -> None:
    """Asking about an id the organisation does not know is a LookupError that names the id."""
    with pytest.raises(UnknownReference) as caught:
        query(_GAS)

    assert isinstance(caught.value, XingfengError)
    assert isinstance(caught.value, LookupError)
    assert repr(value) in str(caught.value)
    assert caught.value.value == value
    assert caught.value.known


def test_has_unit_answers_without_raising() -> None:
    """has_unit is the question to ask before unit() when an id may be unknown."""
    assert _GAS.has_unit("hall")
    assert not _GAS.has_unit("wang")
    assert not _GAS.has_unit("nowhere")


# --------------------------------------------------------------------------- regressions


@given(text=st.text(max_size=6))
def test_a_posting_refuses_a_bare_string_for_the_units_in_its_charge(text: str) -> None:
    """in_charge_of="service" is refused, not split into the units "s", "e", "r", …."""
    with pytest.raises(InvalidArgument):
        Posting(person="p", unit="u", post=Post.DEPUTY, in_charge_of=text)


def test_a_posting_refuses_the_reported_bare_string() -> None:
    """The reported example: Posting(..., in_charge_of="service") raises InvalidArgument."""
    with pytest.raises(InvalidArgument):
        Posting(person="p", unit="u", post=Post.DEPUTY, in_charge_of="service")


@given(text=st.text(max_size=6))
def test_a_supervision_remit_refuses_a_bare_string_for_its_units(text: str) -> None:
    """Supervision(units="svc") is refused, not read as the units "s", "v", "c"."""
    with pytest.raises(InvalidArgument):
        Supervision(office="jgb", units=text)


@pytest.mark.parametrize(
    "fields",
    [
        {"units": [5], "people": [], "postings": []},
        {"units": [], "people": [5], "postings": []},
        {"units": [], "people": [], "postings": [5]},
        {"units": [], "people": [], "postings": [], "supervision": [5]},
        {"units": 5, "people": [], "postings": []},
        {"units": None, "people": [], "postings": []},
        {"units": "gas", "people": [], "postings": []},
    ],
    ids=[
        "a unit that is an int",
        "a person that is an int",
        "a posting that is an int",
        "a remit that is an int",
        "units an int",
        "units None",
        "units a string",
    ],
)
def test_an_organisation_of_the_wrong_types_raises_a_xingfeng_error(
    fields: dict[str, Any],
) -> None:
    """Wrong types are refused as InvalidArgument or InvalidDefinition, never AttributeError."""
    with pytest.raises((InvalidArgument, InvalidDefinition)):
        Organization(**fields)
