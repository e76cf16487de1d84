"""Tests for xingfeng.organization.responsibility: the chain of who drives whom, and who is liable.

The rules are those of ../shared/DOMAIN.md: R1 一级抓一级 (one driver each, every chain
reaches the top leader, no cycles), R2 one first responsible person per unit, R3 the three
tiers, R4 joint liability of a supervision office.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests import strategies
from xingfeng import (
    Assignment,
    Defect,
    InvalidArgument,
    InvalidDefinition,
    Liability,
    LiabilityKind,
    LiabilityPolicy,
    Organization,
    Person,
    Post,
    Posting,
    ResponsibilityChain,
    Supervision,
    Unit,
    UnitKind,
    UnknownReference,
    XingfengError,
    from_json,
    to_json,
)

DIRECT, LEADERSHIP, JOINT = LiabilityKind.DIRECT, LiabilityKind.LEADERSHIP, LiabilityKind.JOINT
GAS = ResponsibilityChain(organization=strategies.gas_company())


# --------------------------------------------------------------------------- helpers


def _drives(chain: ResponsibilityChain) -> set[tuple[str, str]]:
    """The graph's edges of kind "drives", as (driver, driven) pairs."""
    return {(a, b) for a, b, kind in chain.graph.edges(data="kind") if kind == "drives"}


def _supervises(chain: ResponsibilityChain) -> set[tuple[str, str]]:
    """The graph's edges of kind "supervises"."""
    return {(a, b) for a, b, kind in chain.graph.edges(data="kind") if kind == "supervises"}


def _remit_pairs(chain: ResponsibilityChain) -> set[tuple[str, str]]:
    """(office head, unit head) for every unit named in a supervision remit, except where the
    office's head heads that unit too: nobody supervises themselves, so no self-loop."""
    pairs = {
        (chain.first_responsible(remit.office), chain.first_responsible(uid))
        for remit in chain.organization.supervision
        for uid in remit.units
    }
    return {(watcher, watched) for watcher, watched in pairs if watcher != watched}


def _covering(chain: ResponsibilityChain, unit: str) -> dict[str, int]:
    """Heads of the offices whose remit covers ``unit`` or a unit above it, each with the
    distance from ``unit`` to the nearest unit it covers (0: ``unit`` itself)."""
    organization = chain.organization
    line = [unit, *organization.ancestors(unit)]
    found: dict[str, int] = {}
    for remit in organization.supervision:
        distances = [d for d, uid in enumerate(line) if uid in remit.units]
        if distances:
            head = chain.first_responsible(remit.office)
            found[head] = min(found.get(head, distances[0]), distances[0])
    return found


def _direct_and_unit(chain: ResponsibilityChain, target: str) -> tuple[str, str]:
    """Who is directly liable for ``target`` (a holder or a unit), and for which unit."""
    if chain.organization.has_unit(target):
        return chain.first_responsible(target), target
    return target, chain.unit_of(target)


def _targets(chain: ResponsibilityChain) -> list[str]:
    """Everything liable_for accepts: every holder and every unit."""
    return [*chain.holders, *(u.id for u in chain.organization.units)]


def _distinct(items: list[str] | tuple[str, ...], count: int) -> st.SearchStrategy[list[str]]:
    """``count`` different items of ``items``."""
    return st.lists(st.sampled_from(items), min_size=count, max_size=count, unique=True)


def _holders(liabilities: Iterable[Liability]) -> list[str]:
    return [liability.holder for liability in liabilities]


def _refusal(
    organization: Organization, assignments: Iterable[Assignment] = (), *, strict: bool = True
) -> InvalidDefinition:
    """The InvalidDefinition raised by a chain over ``organization``."""
    with pytest.raises(InvalidDefinition) as caught:
        ResponsibilityChain(
            organization=organization, assignments=tuple(assignments), strict=strict
        )
    return caught.value


def _matching(error: InvalidDefinition, *fragments: str) -> list[Defect]:
    """The defects whose message contains every fragment."""
    return [d for d in error.defects if all(f in d.message for f in fragments)]


def _with(
    organization: Organization, *postings: Posting, people: Iterable[str] = ()
) -> Organization:
    """``organization`` with more postings, and new people of those ids."""
    return attrs.evolve(
        organization,
        people=(*organization.people, *(Person(id=p, name=f"新{p}") for p in people)),
        postings=(*organization.postings, *postings),
    )


def _without(organization: Organization, posting: Posting) -> Organization:
    """``organization`` without ``posting``."""
    postings = list(organization.postings)
    postings.remove(posting)
    return attrs.evolve(organization, postings=tuple(postings))


def _head_posting(organization: Organization, unit: str) -> Posting:
    """The (only) first responsible posting in a non-root unit of a valid organisation."""
    [posting] = [p for p in organization.postings_in(unit) if p.post is Post.FIRST_RESPONSIBLE]
    return posting


def _chain_postings(organization: Organization, person: str) -> list[Posting]:
    return [p for p in organization.postings_of(person) if p.post.in_chain]


def _non_root_units(organization: Organization) -> list[str]:
    return [u.id for u in organization.units if u.parent is not None]


# --------------------------------------------------------------------------- R1: the chain


@given(chain=strategies.chains())
def test_every_chain_climbs_from_its_holder_one_driver_at_a_time_to_the_top_leader(
    chain: ResponsibilityChain,
) -> None:
    """R1: chain_of(h) runs from h to 一把手 without repeats, each entry driven by the next."""
    for holder in chain.holders:
        path = chain.chain_of(holder)

        assert path[0] == holder
        assert path[-1] == chain.top_leader
        assert len(set(path)) == len(path)
        assert [chain.driver_of(h) for h in path] == [*path[1:], None]


@given(chain=strategies.chains())
def test_every_holder_but_the_top_leader_has_exactly_one_driver(chain: ResponsibilityChain) -> None:
    """R1 一级抓一级: one driver per holder, none for the top leader, one incoming drives edge."""
    for holder in chain.holders:
        incoming = chain.graph.in_edges(holder, data="kind")
        drivers = [a for a, _, kind in incoming if kind == "drives"]
        if holder == chain.top_leader:
            assert chain.driver_of(holder) is None
            assert drivers == []
        else:
            assert chain.driver_of(holder) in chain.holders
            assert drivers == [chain.driver_of(holder)]


@given(chain=strategies.chains())
def test_the_drives_edges_form_a_frozen_tree_rooted_at_the_top_leader(
    chain: ResponsibilityChain,
) -> None:
    """R1: the graph holds every holder; its drives edges are a DAG, a tree from the top leader."""
    graph = chain.graph
    tree = nx.DiGraph()
    tree.add_nodes_from(chain.holders)
    tree.add_edges_from(_drives(chain))

    assert nx.is_frozen(graph)
    assert set(graph.nodes) == set(chain.holders)
    assert _drives(chain) == {
        (chain.driver_of(h), h) for h in chain.holders if h != chain.top_leader
    }
    assert nx.is_directed_acyclic_graph(tree)
    assert nx.is_arborescence(tree)
    assert [n for n, degree in tree.in_degree() if degree == 0] == [chain.top_leader]


@given(chain=strategies.chains())
def test_supervision_edges_run_from_each_office_head_to_the_heads_of_its_remit(
    chain: ResponsibilityChain,
) -> None:
    """R4: a supervises edge links a supervision office's head to each unit head it watches."""
    expected = _remit_pairs(chain)

    assert _supervises(chain) <= expected
    assert all(chain.graph.has_edge(*pair) for pair in expected)


def test_an_office_supervising_a_unit_its_head_also_drives_keeps_the_drives_edge() -> None:
    """A supervised unit below the office itself: the supervision edge must not erase 一级抓一级."""
    organization = Organization(
        units=(
            Unit(id="gas", name="燃气公司", kind=UnitKind.ORGANIZATION),
            Unit(id="jgb", name="监督管理办公室", kind=UnitKind.SUPERVISION_OFFICE, parent="gas"),
            Unit(id="desk", name="投诉受理组", kind=UnitKind.TEAM, parent="jgb"),
        ),
        people=(
            Person(id="wang", name="王总"),
            Person(id="zhao", name="赵主任"),
            Person(id="qian", name="钱组长"),
        ),
        postings=(
            Posting(person="wang", unit="gas", post=Post.TOP_LEADER),
            Posting(person="zhao", unit="jgb", post=Post.FIRST_RESPONSIBLE),
            Posting(person="qian", unit="desk", post=Post.FIRST_RESPONSIBLE),
        ),
        supervision=(Supervision(office="jgb", units={"desk"}),),
    )

    chain = ResponsibilityChain(organization=organization)

    assert chain.driver_of("qian") == "zhao"
    assert _drives(chain) == {("wang", "zhao"), ("zhao", "qian")}
    assert chain.to_mermaid().count(" --> ") == 2


@given(chain=strategies.chains())
def test_holders_are_everyone_with_a_chain_post_in_the_order_of_their_first_one(
    chain: ResponsibilityChain,
) -> None:
    """holders lists each person holding a chain post once, in the order of the postings."""
    in_chain = [p.person for p in chain.organization.postings if p.post.in_chain]

    assert chain.holders == tuple(dict.fromkeys(in_chain))


@given(chain=strategies.chains())
def test_post_of_is_the_highest_chain_post_and_unit_of_is_where_it_is_first_held(
    chain: ResponsibilityChain,
) -> None:
    """A person holding several chain posts is placed by the highest (lowest rank) one."""
    for holder in chain.holders:
        held = _chain_postings(chain.organization, holder)
        highest = min(p.post.rank for p in held)

        assert chain.post_of(holder).rank == highest
        assert chain.unit_of(holder) == next(p.unit for p in held if p.post.rank == highest)


# --------------------------------------------------------------------------- R2: first responsible


@given(chain=strategies.chains())
def test_every_unit_has_exactly_one_first_responsible_person(chain: ResponsibilityChain) -> None:
    """R2: each unit's first responsible person is the one heading it; the root's is 一把手."""
    organization = chain.organization

    for unit in organization.units:
        heads = {
            p.person
            for p in organization.postings_in(unit.id)
            if p.post in (Post.TOP_LEADER, Post.FIRST_RESPONSIBLE)
        }
        assert heads == {chain.first_responsible(unit.id)}
        assert chain.first_responsible(unit.id) in chain.holders
    assert chain.first_responsible(organization.root.id) == chain.top_leader


def test_in_the_gas_company_each_level_drives_the_level_below() -> None:
    """一把手 → 分管领导 → 科室负责人 → staff, as in seed 000."""
    assert GAS.top_leader == "wang"
    assert GAS.chain_of("sun") == ("sun", "chen", "zhang", "li", "wang")
    assert GAS.chain_of("zhou") == ("zhou", "liu", "wang")
    assert GAS.chain_of("zhao") == ("zhao", "wang")
    assert GAS.first_responsible("svc") == "zhang"
    assert GAS.first_responsible("gas") == "wang"
    assert "wu" not in GAS.holders  # a conduct supervisor sits beside the chain


# --------------------------------------------------------------------------- liability


@given(
    chain=strategies.chains(),
    policy=st.none() | strategies.liability_policies,
    data=st.data(),
)
def test_liable_for_lists_the_direct_holder_then_leaders_up_the_chain_then_joint_liability(
    chain: ResponsibilityChain, policy: LiabilityPolicy | None, data: st.DataObject
) -> None:
    """One DIRECT entry first, then LEADERSHIP in chain order, then JOINT; nobody twice."""
    target = data.draw(st.sampled_from(_targets(chain)))

    found = chain.liable_for(target, policy)

    kinds = [liability.kind for liability in found]
    assert kinds[0] is DIRECT
    assert kinds.count(DIRECT) == 1
    assert kinds == sorted(kinds, key=[DIRECT, LEADERSHIP, JOINT].index)
    assert len(set(_holders(found))) == len(found)
    path = chain.chain_of(found[0].holder)
    positions = [path.index(x.holder) for x in found if x.kind is LEADERSHIP]
    assert positions == sorted(positions)
    assert all(position > 0 for position in positions)


@given(
    chain=strategies.chains(),
    policy=st.none() | strategies.liability_policies,
    data=st.data(),
)
def test_liable_for_applies_the_policy_levels_posts_and_supervision(
    chain: ResponsibilityChain, policy: LiabilityPolicy | None, data: st.DataObject
) -> None:
    """Leaders are the first ``levels`` up in a named post; joint are the other remit heads."""
    target = data.draw(st.sampled_from(_targets(chain)))
    rules = policy or LiabilityPolicy()
    direct, unit = _direct_and_unit(chain, target)
    above = list(chain.chain_of(direct)[1:])
    if rules.levels is not None:
        above = above[: rules.levels]
    leaders = [h for h in above if chain.post_of(h) in rules.posts]
    joint = set(_covering(chain, unit)) - {direct, *leaders} if rules.supervision else set()

    found = chain.liable_for(target, policy)

    assert _holders(x for x in found if x.kind is not JOINT) == [direct, *leaders]
    assert set(_holders(x for x in found if x.kind is JOINT)) == joint
    assert (found[0].post, found[0].unit) == (chain.post_of(direct), unit)
    for liability in found[1:]:
        assert liability.post == chain.post_of(liability.holder)
        assert liability.unit == chain.unit_of(liability.holder)


@given(chain=strategies.chains(), data=st.data())
def test_liable_for_a_unit_makes_its_first_responsible_person_directly_liable(
    chain: ResponsibilityChain, data: st.DataObject
) -> None:
    """R2: whatever goes wrong in a unit, its 第一责任人 answers first."""
    unit = data.draw(st.sampled_from([u.id for u in chain.organization.units]))

    direct = chain.liable_for(unit)[0]

    assert direct == Liability(
        holder=chain.first_responsible(unit),
        kind=DIRECT,
        post=chain.post_of(chain.first_responsible(unit)),
        unit=unit,
    )


@given(chain=strategies.chains(), data=st.data())
def test_widening_a_policy_never_removes_a_liable_party(
    chain: ResponsibilityChain, data: st.DataObject
) -> None:
    """More levels, more posts or supervision on: everyone liable before is liable still."""
    wider = data.draw(strategies.liability_policies)
    narrower = data.draw(strategies.narrower_policies(wider))
    target = data.draw(st.sampled_from(_targets(chain)))

    before = set(_holders(chain.liable_for(target, narrower)))
    after = set(_holders(chain.liable_for(target, wider)))

    assert before <= after


@given(chain=strategies.chains(), data=st.data())
def test_a_policy_of_no_levels_and_no_supervision_leaves_only_the_direct_holder(
    chain: ResponsibilityChain, data: st.DataObject
) -> None:
    """LiabilityPolicy(levels=0, supervision=False) stops liability where the failure is."""
    target = data.draw(st.sampled_from(_targets(chain)))

    found = chain.liable_for(target, LiabilityPolicy(levels=0, supervision=False))

    assert _holders(found) == [_direct_and_unit(chain, target)[0]]


@given(chain=strategies.chains(), data=st.data())
def test_by_default_the_top_leader_answers_for_every_failure_below_it(
    chain: ResponsibilityChain, data: st.DataObject
) -> None:
    """R3 一把手负总责: under the default policy the top leader is always liable."""
    target = data.draw(st.sampled_from(_targets(chain)))

    found = chain.liable_for(target)

    assert chain.top_leader in _holders(found)
    assert all(x.post is not Post.STAFF for x in found[1:] if x.kind is LEADERSHIP)


def test_a_failure_at_the_service_hall_reaches_every_level_and_the_supervision_office() -> None:
    """营业厅 head directly; 客服中心 head, 分管领导, 一把手 as leaders; 监督管理办公室 jointly."""
    found = GAS.liable_for("hall")

    assert found == (
        Liability(holder="chen", kind=DIRECT, post=Post.FIRST_RESPONSIBLE, unit="hall"),
        Liability(holder="zhang", kind=LEADERSHIP, post=Post.FIRST_RESPONSIBLE, unit="svc"),
        Liability(holder="li", kind=LEADERSHIP, post=Post.DEPUTY, unit="gas"),
        Liability(holder="wang", kind=LEADERSHIP, post=Post.TOP_LEADER, unit="gas"),
        Liability(holder="zhao", kind=JOINT, post=Post.FIRST_RESPONSIBLE, unit="jgb"),
    )
    assert _holders(GAS.liable_for("sun")) == ["sun", "chen", "zhang", "li", "wang", "zhao"]
    assert _holders(GAS.liable_for("meter")) == ["liu", "wang"]
    assert _holders(GAS.liable_for("hall", LiabilityPolicy(levels=1))) == ["chen", "zhang", "zhao"]


# --------------------------------------------------------------------------- R4: joint liability


@given(chain=strategies.chains())
def test_a_supervision_office_head_is_liable_for_every_unit_its_remit_covers(
    chain: ResponsibilityChain,
) -> None:
    """R4: an office head whose remit covers a unit or above is liable, jointly if not yet."""
    for unit in chain.organization.units:
        found = chain.liable_for(unit.id)
        earlier = {x.holder for x in found if x.kind is not JOINT}
        joint = {x.holder for x in found if x.kind is JOINT}

        assert set(_covering(chain, unit.id)) <= earlier | joint
        assert joint == set(_covering(chain, unit.id)) - earlier
        off = chain.liable_for(unit.id, LiabilityPolicy(supervision=False))
        assert all(x.kind is not JOINT for x in off)


@given(chain=strategies.chains())
def test_supervisors_of_lists_the_covering_office_heads_nearest_remit_first(
    chain: ResponsibilityChain,
) -> None:
    """supervisors_of(u): heads of offices whose remit covers u or above, the nearest first."""
    for unit in chain.organization.units:
        covering = _covering(chain, unit.id)

        found = chain.supervisors_of(unit.id)

        assert sorted(found) == sorted(covering)
        distances = [covering[head] for head in found]
        assert distances == sorted(distances)


def test_an_office_covering_the_unit_itself_comes_before_one_covering_only_its_parent() -> None:
    """Nearest remit first, even when the nearer office also covers a unit further up."""
    units = (
        Unit(id="co", name="公司", kind=UnitKind.ORGANIZATION),
        Unit(id="branch", name="分公司", kind=UnitKind.BRANCH, parent="co"),
        Unit(id="hall", name="营业厅", kind=UnitKind.WINDOW, parent="branch"),
        Unit(id="o1", name="纪检监督办", kind=UnitKind.SUPERVISION_OFFICE, parent="co"),
        Unit(id="o2", name="行风监督办", kind=UnitKind.SUPERVISION_OFFICE, parent="co"),
    )
    heads = {"co": "top", "branch": "hb", "hall": "hh", "o1": "h1", "o2": "h2"}
    organization = Organization(
        units=units,
        people=tuple(Person(id=p, name=p) for p in heads.values()),
        postings=tuple(
            Posting(
                person=person,
                unit=unit,
                post=Post.TOP_LEADER if unit == "co" else Post.FIRST_RESPONSIBLE,
            )
            for unit, person in heads.items()
        ),
        supervision=(
            Supervision(office="o1", units={"hall", "co"}),
            Supervision(office="o2", units={"branch"}),
        ),
    )
    chain = ResponsibilityChain(organization=organization)

    assert chain.supervisors_of("hall") == ("h1", "h2")
    assert _holders(x for x in chain.liable_for("hall") if x.kind is JOINT) == ["h1", "h2"]


# --------------------------------------------------------------------------- defects


@given(organization=strategies.organizations(), strict=st.booleans())
def test_a_valid_organisation_always_gives_a_valid_chain(
    organization: Organization, strict: bool
) -> None:
    """Built from a valid organisation, the chain raises nothing, strict or not."""
    chain = ResponsibilityChain(organization=organization, strict=strict)

    assert chain.top_leader == "top"


@given(organization=strategies.organizations(), strict=st.booleans(), data=st.data())
def test_a_holder_made_to_drive_a_leader_above_it_is_a_cycle(
    organization: Organization, strict: bool, data: st.DataObject
) -> None:
    """R1 no cycles: Assignment(driver=h, driven=a leader above h) closes the chain between them."""
    chain = ResponsibilityChain(organization=organization)
    long = [h for h in chain.holders if len(chain.chain_of(h)) >= 3]
    assume(long)
    holder = data.draw(st.sampled_from(long))
    path = chain.chain_of(holder)
    above = data.draw(st.integers(min_value=1, max_value=len(path) - 2))

    error = _refusal(organization, [Assignment(driver=holder, driven=path[above])], strict=strict)

    cycles = _matching(error, "责任链循环")
    assert [set(d.involved) for d in cycles] == [set(path[: above + 1])]


@given(organization=strategies.organizations(), strict=st.booleans(), data=st.data())
def test_a_subordinate_made_to_drive_the_top_leader_is_a_cycle(
    organization: Organization, strict: bool, data: st.DataObject
) -> None:
    """R1: making the top leader driven by someone below closes the whole chain into a loop."""
    chain = ResponsibilityChain(organization=organization)
    below = [h for h in chain.holders if h != chain.top_leader]
    assume(below)
    holder = data.draw(st.sampled_from(below))

    error = _refusal(organization, [Assignment(driver=holder, driven="top")], strict=strict)

    cycles = _matching(error, "责任链循环")
    assert [set(d.involved) for d in cycles] == [set(chain.chain_of(holder))]


@given(organization=strategies.organizations(), data=st.data())
def test_a_cycle_is_written_in_the_direction_the_holders_drive_each_other(
    organization: Organization, data: st.DataObject
) -> None:
    """The message "a → b → …（前一人抓后一人）" is true of every arrow it draws."""
    chain = ResponsibilityChain(organization=organization)
    below = [h for h in chain.holders if h != chain.top_leader]
    assume(below)
    holder = data.draw(st.sampled_from(below))
    driver = {h: chain.driver_of(h) for h in chain.holders} | {"top": holder}

    error = _refusal(organization, [Assignment(driver=holder, driven="top")], strict=False)

    [defect] = _matching(error, "责任链循环")
    drawn = re.search(r"：(.*)（前一人抓后一人）", defect.message)
    assert drawn is not None
    arrows = drawn.group(1).split(" → ")
    assert all(driver[b] == a for a, b in itertools.pairwise(arrows))


@given(organization=strategies.organizations(), strict=st.booleans(), data=st.data())
def test_a_unit_without_its_first_responsible_person_is_reported_as_having_none(
    organization: Organization, strict: bool, data: st.DataObject
) -> None:
    """R2: removing a unit's 第一责任人 posting is refused, naming the unit."""
    units = _non_root_units(organization)
    assume(units)
    unit = data.draw(st.sampled_from(units))

    error = _refusal(_without(organization, _head_posting(organization, unit)), strict=strict)

    assert [d.involved for d in _matching(error, f"单位 {unit!r}", "没有第一责任人")] == [(unit,)]


def _a_unit_whose_head_drives_someone(
    organization: Organization, data: st.DataObject
) -> tuple[ResponsibilityChain, str, str]:
    """The chain, and a drawn unit whose head holds one chain post and drives someone."""
    chain = ResponsibilityChain(organization=organization)
    candidates = [
        unit
        for unit in _non_root_units(organization)
        if len(_chain_postings(organization, chain.first_responsible(unit))) == 1
        and chain.subordinates(chain.first_responsible(unit))
    ]
    assume(candidates)
    unit = data.draw(st.sampled_from(candidates))
    return chain, unit, chain.first_responsible(unit)


@given(organization=strategies.organizations(), data=st.data())
def test_holders_below_a_missing_head_are_reported_as_not_reaching_the_top_leader(
    organization: Organization, data: st.DataObject
) -> None:
    """R1: without their head, the staff and sub-unit heads below are orphans, every one named."""
    chain, unit, head = _a_unit_whose_head_drives_someone(organization, data)

    error = _refusal(_without(organization, _head_posting(organization, unit)))

    orphans = _matching(error, "追不到一把手")
    assert {who for d in orphans for who in d.involved} == set(chain.subordinates(head))


@given(organization=strategies.organizations(), data=st.data())
def test_a_second_first_responsible_person_in_a_unit_is_refused(
    organization: Organization, data: st.DataObject
) -> None:
    """R2 exactly one: a unit with two 第一责任人 is refused, naming the unit and both."""
    units = _non_root_units(organization)
    assume(units)
    unit = data.draw(st.sampled_from(units))
    head = _head_posting(organization, unit).person
    second = Posting(person="extra", unit=unit, post=Post.FIRST_RESPONSIBLE)

    error = _refusal(_with(organization, second, people=["extra"]))

    [defect] = _matching(error, f"单位 {unit!r}", "有 2 名第一责任人")
    assert set(defect.involved) == {unit, head, "extra"}


@given(organization=strategies.organizations())
def test_a_second_top_leader_is_refused(organization: Organization) -> None:
    """R3 一把手负总责 needs exactly one top leader; a second one is named."""
    second = Posting(person="extra", unit="u0", post=Post.TOP_LEADER)

    error = _refusal(_with(organization, second, people=["extra"]))

    [defect] = _matching(error, "一把手不止一名")
    assert set(defect.involved) == {"top", "extra"}


@given(organization=strategies.organizations())
def test_a_root_without_a_top_leader_is_refused(organization: Organization) -> None:
    """Without 一把手 no chain can reach the top; the root unit is named."""
    top = Posting(person="top", unit="u0", post=Post.TOP_LEADER)

    error = _refusal(_without(organization, top))

    assert [d.involved for d in _matching(error, "根单位", "没有一把手")] == [("u0",)]


@given(organization=strategies.organizations(), data=st.data())
def test_under_strict_a_leader_driving_two_levels_down_is_a_skip_level_defect(
    organization: Organization, data: st.DataObject
) -> None:
    """一级抓一级: the top leader driving the head of a depth-2 unit skips a level."""
    deep = [u.id for u in organization.units if organization.depth(u.id) == 2]
    assume(deep)
    head = ResponsibilityChain(organization=organization).first_responsible(
        data.draw(st.sampled_from(deep))
    )

    error = _refusal(organization, [Assignment(driver="top", driven=head)], strict=True)

    assert [d.involved for d in _matching(error, "越级")] == [("top", head)]


@given(organization=strategies.organizations(), data=st.data())
def test_without_strict_a_skip_level_assignment_is_accepted(
    organization: Organization, data: st.DataObject
) -> None:
    """strict=False lets the top leader drive any head directly."""
    deep = [u.id for u in organization.units if organization.depth(u.id) >= 2]
    assume(deep)
    head = ResponsibilityChain(organization=organization).first_responsible(
        data.draw(st.sampled_from(deep))
    )

    chain = ResponsibilityChain(
        organization=organization,
        assignments=(Assignment(driver="top", driven=head),),
        strict=False,
    )

    assert chain.driver_of(head) == "top"
    assert chain.chain_of(head) == (head, "top")


@given(organization=strategies.organizations(), data=st.data())
def test_a_deputy_in_charge_of_a_unit_below_the_top_level_skips_a_level(
    organization: Organization, data: st.DataObject
) -> None:
    """Under strict, a deputy (in the root) in charge of a unit at depth 2 or more is refused."""
    chain = ResponsibilityChain(organization=organization)
    deep = [
        u.id
        for u in organization.units
        if organization.depth(u.id) >= 2
        and len(_chain_postings(organization, chain.first_responsible(u.id))) == 1
    ]
    assume(deep)
    unit = data.draw(st.sampled_from(deep))
    deputy = Posting(person="extra", unit="u0", post=Post.DEPUTY, in_charge_of={unit})

    error = _refusal(_with(organization, deputy, people=["extra"]))

    skipped = [d.involved for d in _matching(error, "越级")]
    assert skipped == [("extra", chain.first_responsible(unit))]


@given(organization=strategies.organizations(), data=st.data())
def test_a_unit_in_the_charge_of_two_deputies_is_refused(
    organization: Organization, data: st.DataObject
) -> None:
    """分管 is one deputy per unit: two deputies in charge of one unit are both named."""
    top_level = [u.id for u in organization.units if u.parent == "u0"]
    assume(top_level)
    unit = data.draw(st.sampled_from(top_level))
    deputies = [
        Posting(person=p, unit="u0", post=Post.DEPUTY, in_charge_of={unit}) for p in ("e1", "e2")
    ]

    error = _refusal(_with(organization, *deputies, people=["e1", "e2"]))

    [defect] = _matching(error, f"单位 {unit!r} 有多名分管领导")
    assert defect.involved[0] == unit
    assert {"e1", "e2"} <= set(defect.involved)


@given(organization=strategies.organizations(), strict=st.booleans(), data=st.data())
def test_a_holder_given_two_drivers_by_assignments_is_refused(
    organization: Organization, strict: bool, data: st.DataObject
) -> None:
    """R1 exactly one driver: two assignments with different drivers for one holder are refused."""
    holders = ResponsibilityChain(organization=organization).holders
    assume(len(holders) >= 3)
    driven, first, second = data.draw(_distinct(holders, 3))
    assignments = [
        Assignment(driver=first, driven=driven),
        Assignment(driver=second, driven=driven),
    ]

    error = _refusal(organization, assignments, strict=strict)

    [defect] = _matching(error, f"{driven!r} 由多名责任人")
    assert defect.involved == (driven, *sorted([first, second]))


@given(
    organization=strategies.organizations(),
    role=st.sampled_from(["driver", "driven"]),
    stranger=st.sampled_from(["nobody", "x0", "u0"]),
    data=st.data(),
)
def test_an_assignment_naming_someone_outside_the_chain_is_refused(
    organization: Organization, role: str, stranger: str, data: st.DataObject
) -> None:
    """An assignment must name holders; an unknown id, an outsider or a unit is refused."""
    holder = data.draw(st.sampled_from(ResponsibilityChain(organization=organization).holders))
    other = "driven" if role == "driver" else "driver"

    error = _refusal(organization, [Assignment(**{role: stranger, other: holder})])

    found = _matching(
        error,
        f"指定关系中的{'抓落实者' if role == 'driver' else '被抓落实者'} {stranger!r}",
        "在责任链上不担任职务",
    )
    assert [d.involved for d in found] == [(stranger,)]


@given(organization=strategies.organizations(), data=st.data())
def test_several_injected_defects_are_all_reported_at_once(
    organization: Organization, data: st.DataObject
) -> None:
    """A missing head, a doubled head, a second top leader, a stranger: all in one error."""
    units = _non_root_units(organization)
    assume(len(units) >= 2)
    headless, doubled = data.draw(_distinct(units, 2))
    broken = _with(
        _without(organization, _head_posting(organization, headless)),
        Posting(person="extra", unit=doubled, post=Post.FIRST_RESPONSIBLE),
        Posting(person="extra2", unit="u0", post=Post.TOP_LEADER),
        people=["extra", "extra2"],
    )

    error = _refusal(broken, [Assignment(driver="nobody", driven="top")])

    assert _matching(error, f"单位 {headless!r}", "没有第一责任人")
    assert _matching(error, f"单位 {doubled!r}", "有 2 名第一责任人")
    assert _matching(error, "一把手不止一名")
    assert _matching(error, "'nobody' 在责任链上不担任职务")


def test_the_refusal_message_lists_every_defect() -> None:
    """str(InvalidDefinition) counts the defects and gives each on its own line."""
    broken = _with(
        _without(
            GAS.organization, Posting(person="liu", unit="meter", post=Post.FIRST_RESPONSIBLE)
        ),
        Posting(person="wu", unit="gas", post=Post.TOP_LEADER),
    )

    error = _refusal(broken)

    text = str(error)
    assert text.startswith(f"[invalid-definition] 责任链定义有误（{len(error.defects)} 处）")
    assert all(f"  - {d.message}" in text for d in error.defects)
    assert isinstance(error, XingfengError)
    assert isinstance(error, ValueError)


# --------------------------------------------------------------------------- queries


@given(chain=strategies.chains())
def test_subordinates_are_everyone_whose_chain_passes_through_the_holder_nearest_first(
    chain: ResponsibilityChain,
) -> None:
    """subordinates(h) == every holder with h above it on its chain, ordered by distance."""
    below: dict[str, dict[str, int]] = {h: {} for h in chain.holders}
    for x in chain.holders:
        for distance, leader in enumerate(chain.chain_of(x)[1:], start=1):
            below[leader][x] = distance

    for holder in chain.holders:
        found = chain.subordinates(holder)

        assert len(found) == len(set(found))
        assert set(found) == set(below[holder])
        distances = [below[holder][x] for x in found]
        assert distances == sorted(distances)


@given(chain=strategies.chains())
def test_subordinates_at_depth_one_are_those_driven_directly(chain: ResponsibilityChain) -> None:
    """depth=1 gives exactly the holders whose driver is h; depth=0 gives nobody."""
    driven: dict[str, set[str]] = {h: set() for h in chain.holders}
    for x in chain.holders:
        boss = chain.driver_of(x)
        if boss is not None:
            driven[boss].add(x)

    for holder in chain.holders:
        assert set(chain.subordinates(holder, depth=1)) == driven[holder]
        assert chain.subordinates(holder, depth=0) == ()


@pytest.mark.parametrize("depth", [-1, True, 1.5, "2"])
def test_a_bad_depth_is_refused(depth: Any) -> None:
    """depth must be None or an int >= 0."""
    with pytest.raises(InvalidArgument, match="depth"):
        GAS.subordinates("wang", depth=depth)


@given(chain=strategies.chains())
def test_orphaned_if_removed_gives_exactly_the_units_a_person_heads(
    chain: ResponsibilityChain,
) -> None:
    """The units left without 第一责任人 if p left are those whose first responsible is p."""
    headed: dict[str, set[str]] = {p.id: set() for p in chain.organization.people}
    for unit in chain.organization.units:
        headed[chain.first_responsible(unit.id)].add(unit.id)

    for person in chain.organization.people:
        found = chain.orphaned_if_removed(person.id)

        assert len(found) == len(set(found))
        assert set(found) == headed[person.id]


@given(chain=strategies.chains(), data=st.data())
def test_path_between_is_the_chain_from_lower_up_to_upper(
    chain: ResponsibilityChain, data: st.DataObject
) -> None:
    """path_between(lower, upper) is the prefix of chain_of(lower) that ends at upper."""
    lower = data.draw(st.sampled_from(chain.holders))
    path = chain.chain_of(lower)
    upper = data.draw(st.sampled_from(path))

    found = chain.path_between(lower, upper)

    assert found == path[: path.index(upper) + 1]
    assert (found[0], found[-1]) == (lower, upper)


@given(chain=strategies.chains(), data=st.data())
def test_path_between_refuses_an_upper_holder_not_on_the_chain(
    chain: ResponsibilityChain, data: st.DataObject
) -> None:
    """Asking for the path to someone who is not above the holder raises InvalidArgument."""
    lower = data.draw(st.sampled_from(chain.holders))
    elsewhere = [h for h in chain.holders if h not in chain.chain_of(lower)]
    assume(elsewhere)
    upper = data.draw(st.sampled_from(elsewhere))

    with pytest.raises(InvalidArgument) as caught:
        chain.path_between(lower, upper)

    assert caught.value.value == upper
    assert repr(upper) in str(caught.value)


@pytest.mark.parametrize(
    ("query", "value"),
    [
        (lambda c: c.chain_of("nobody"), "nobody"),
        (lambda c: c.chain_of("wu"), "wu"),  # a person beside the chain
        (lambda c: c.chain_of("hall"), "hall"),  # a unit is not a holder
        (lambda c: c.driver_of("nobody"), "nobody"),
        (lambda c: c.post_of("nobody"), "nobody"),
        (lambda c: c.unit_of("nobody"), "nobody"),
        (lambda c: c.subordinates("nobody"), "nobody"),
        (lambda c: c.path_between("nobody", "wang"), "nobody"),
        (lambda c: c.first_responsible("nowhere"), "nowhere"),
        (lambda c: c.supervisors_of("nowhere"), "nowhere"),
        (lambda c: c.liable_for("nothing"), "nothing"),
        (lambda c: c.liable_for("wu"), "wu"),
        (lambda c: c.orphaned_if_removed("nobody"), "nobody"),
    ],
    ids=[
        "chain_of",
        "chain_of outsider",
        "chain_of unit",
        "driver_of",
        "post_of",
        "unit_of",
        "subordinates",
        "path_between",
        "first_responsible",
        "supervisors_of",
        "liable_for",
        "liable_for outsider",
        "orphaned_if_removed",
    ],
)
def test_an_unknown_id_raises_unknown_reference_naming_it(
    query: Callable[[ResponsibilityChain], object], value: str
) -> None:
    """Every query refuses an id it does not know with a LookupError that names the id."""
    with pytest.raises(UnknownReference) as caught:
        query(GAS)

    assert isinstance(caught.value, XingfengError)
    assert isinstance(caught.value, LookupError)
    assert caught.value.value == value
    assert repr(value) in str(caught.value)


# --------------------------------------------------------------------------- pictures

_NODE = re.compile(r'    (h\d+)\["(.*)"\]')
_SOLID = re.compile(r"    (h\d+) --> (h\d+)")
_DOTTED = re.compile(r"    (h\d+) -\. 监督 \.-> (h\d+)")


@given(chain=strategies.chains())
def test_the_mermaid_picture_has_a_node_per_holder_and_an_arrow_per_edge(
    chain: ResponsibilityChain,
) -> None:
    """A flowchart TD: one labelled node per holder, solid arrows drive, dotted ones supervise."""
    lines = chain.to_mermaid().splitlines()

    nodes = [m.groups() for line in lines if (m := _NODE.fullmatch(line))]
    solid = [m.groups() for line in lines if (m := _SOLID.fullmatch(line))]
    dotted = [m.groups() for line in lines if (m := _DOTTED.fullmatch(line))]
    assert lines[0] == "flowchart TD"
    assert len(lines) == 1 + len(nodes) + len(solid) + len(dotted)
    holder_of = {node: chain.holders[i] for i, (node, _) in enumerate(nodes)}
    assert [node for node, _ in nodes] == [f"h{i}" for i in range(len(chain.holders))]
    for node, label in nodes:
        person = chain.organization.person(holder_of[node])
        assert label.startswith(f"{person.name} · {chain.post_of(person.id).label} · ")
    assert {(holder_of[a], holder_of[b]) for a, b in solid} == {
        (chain.driver_of(h), h) for h in chain.holders if h != chain.top_leader
    }
    assert len(solid) == len(chain.holders) - 1
    assert {(holder_of[a], holder_of[b]) for a, b in dotted} == _remit_pairs(chain)
    assert len(dotted) == len(_remit_pairs(chain))


@given(chain=strategies.chains())
def test_the_dot_picture_is_a_digraph_with_an_edge_per_drive_and_supervision(
    chain: ResponsibilityChain,
) -> None:
    """A Graphviz digraph: a node per holder, a "->" per drives edge and per supervision pair."""
    text = chain.to_dot()

    lines = text.splitlines()
    edges = [line for line in lines if " -> " in line]
    assert lines[0].startswith("digraph ")
    assert lines[-1] == "}"
    assert len([line for line in lines if "[label=" in line and " -> " not in line]) == len(
        chain.holders
    )
    assert len(edges) == len(chain.holders) - 1 + len(_remit_pairs(chain))
    assert len([e for e in edges if "style=dashed" in e]) == len(_remit_pairs(chain))


def test_quotes_and_backslashes_in_names_are_escaped_in_both_pictures() -> None:
    """A person named 'A"B' or a unit named 'C\\D' cannot break the Mermaid or DOT syntax."""
    organization = Organization(
        units=(Unit(id="co", name="C\\D", kind=UnitKind.ORGANIZATION),),
        people=(Person(id='w"1', name='A"B'), Person(id="s", name="S")),
        postings=(
            Posting(person='w"1', unit="co", post=Post.TOP_LEADER),
            Posting(person="s", unit="co", post=Post.STAFF),
        ),
    )
    chain = ResponsibilityChain(organization=organization)

    mermaid, dot = chain.to_mermaid(), chain.to_dot()

    assert 'A"B' not in mermaid
    assert "A#quot;B" in mermaid
    assert 'A"B' not in dot.replace('\\"', "")
    assert '"w\\"1" [label="A\\"B · 一把手 · C\\\\D"];' in dot
    assert '"w\\"1" -> "s";' in dot


@pytest.mark.parametrize(
    ("kind", "label"),
    [(DIRECT, "直接责任"), (LEADERSHIP, "领导责任"), (JOINT, "连带责任")],
)
def test_liability_kinds_carry_the_chinese_term_as_label(kind: LiabilityKind, label: str) -> None:
    """连带责任 is joint liability (R4); direct and leadership liability have their terms too."""
    assert kind.label == label


# --------------------------------------------------------------------------- arguments


@pytest.mark.parametrize(
    "changes",
    [
        {"levels": -1},
        {"levels": True},
        {"levels": 1.5},
        {"posts": {"staff"}},
        {"supervision": "yes"},
    ],
    ids=["negative levels", "bool levels", "float levels", "post as a string", "supervision str"],
)
def test_a_policy_with_a_bad_field_raises_invalid_argument(changes: dict[str, Any]) -> None:
    """A LiabilityPolicy is checked when made; a bad field raises InvalidArgument."""
    with pytest.raises(InvalidArgument) as caught:
        LiabilityPolicy(**changes)

    assert caught.value.name == next(iter(changes))


@pytest.mark.parametrize(
    "changes",
    [{"driver": ""}, {"driven": "  "}],
    ids=["empty driver", "blank driven"],
)
def test_an_assignment_with_an_empty_holder_raises_invalid_argument(
    changes: dict[str, str],
) -> None:
    """An assignment must name two holders."""
    with pytest.raises(InvalidArgument):
        Assignment(**{"driver": "li", "driven": "zhou", **changes})


@pytest.mark.parametrize(
    "changes",
    [{"strict": "yes"}, {"organization": "gas"}],
    ids=["strict as a string", "organization as a string"],
)
def test_a_chain_with_a_bad_field_raises_invalid_argument(changes: dict[str, Any]) -> None:
    """A mistyped argument is refused like every other: as an InvalidArgument naming it."""
    with pytest.raises(InvalidArgument) as caught:
        ResponsibilityChain(**{"organization": GAS.organization, **changes})

    assert caught.value.name == next(iter(changes))


def test_chains_are_strict_by_default() -> None:
    """一级抓一级 is checked unless the caller opts out."""
    assert GAS.strict is True


# --------------------------------------------------------------------------- serialization


@given(chain=strategies.chains())
def test_a_chain_loaded_from_json_answers_every_query_the_same(chain: ResponsibilityChain) -> None:
    """from_json(to_json(chain)) is an equal chain whose liabilities and chains are the same."""
    loaded = from_json(to_json(chain), ResponsibilityChain)

    assert loaded == chain
    assert loaded.holders == chain.holders
    for target in _targets(chain):
        assert loaded.liable_for(target) == chain.liable_for(target)
    for holder in chain.holders:
        assert loaded.chain_of(holder) == chain.chain_of(holder)
    assert loaded.to_mermaid() == chain.to_mermaid()


# --------------------------------------------------------------------------- regressions


def _bureau(
    *postings: Posting, units: Iterable[Unit] = (), people: Iterable[str] = ()
) -> Organization:
    """A bureau ``b`` with a section ``s``, the given postings, and people named by id."""
    return Organization(
        units=(
            Unit(id="b", name="局", kind=UnitKind.ORGANIZATION),
            Unit(id="s", name="科室", kind=UnitKind.SECTION, parent="b"),
            *units,
        ),
        people=tuple(Person(id=p, name=f"人{p}") for p in people),
        postings=postings,
    )


def test_with_two_top_leaders_a_holder_below_a_headless_unit_is_still_reported() -> None:
    """Two 一把手 do not hide the staff member who reaches neither: every defect is listed."""
    organization = _bureau(
        Posting(person="a", unit="b", post=Post.TOP_LEADER),
        Posting(person="b2", unit="b", post=Post.TOP_LEADER),
        Posting(person="clerk", unit="s", post=Post.STAFF),
        people=["a", "b2", "clerk"],
    )

    error = _refusal(organization)

    assert _matching(error, "一把手不止一名")
    unreached = _matching(error, "追不到")
    assert unreached
    assert "clerk" in {who for d in unreached for who in d.involved}


@given(organization=strategies.organizations(), data=st.data())
def test_with_two_top_leaders_every_holder_below_a_missing_head_is_still_reported(
    organization: Organization, data: st.DataObject
) -> None:
    """R1 and R3 together: a second 一把手 and a missing head give both defects, all named."""
    chain, unit, head = _a_unit_whose_head_drives_someone(organization, data)
    broken = _with(
        _without(organization, _head_posting(organization, unit)),
        Posting(person="extra", unit="u0", post=Post.TOP_LEADER),
        people=["extra"],
    )

    error = _refusal(broken)

    assert _matching(error, "一把手不止一名")
    unreached = {who for d in _matching(error, "追不到") for who in d.involved}
    assert set(chain.subordinates(head)) <= unreached


def test_a_deputy_in_charge_of_the_root_unit_is_refused() -> None:
    """A deputy (分管领导) takes charge of units below the root, never of the root itself."""
    with pytest.raises(InvalidDefinition) as caught:
        ResponsibilityChain(
            organization=_bureau(
                Posting(person="chief", unit="b", post=Post.TOP_LEADER),
                Posting(person="dep", unit="b", post=Post.DEPUTY, in_charge_of={"b"}),
                Posting(person="head", unit="s", post=Post.FIRST_RESPONSIBLE),
                people=["chief", "dep", "head"],
            )
        )

    assert any("b" in d.involved or "dep" in d.involved for d in caught.value.defects)


@given(organization=strategies.organizations())
def test_a_posting_given_twice_is_refused_as_repeated(organization: Organization) -> None:
    """The same posting listed twice is a mistake in the data, not a second post: refused."""
    posting = organization.postings[0]

    with pytest.raises(InvalidDefinition) as caught:
        ResponsibilityChain(
            organization=attrs.evolve(organization, postings=(*organization.postings, posting))
        )

    assert [d for d in caught.value.defects if "重复" in d.message or "不止一次" in d.message]


def test_a_deputy_who_also_heads_a_section_is_directly_liable_as_its_first_responsible() -> None:
    """For a unit, the direct holder answers in the unit's own post: 第一责任人, not 分管领导."""
    chain = ResponsibilityChain(
        organization=_bureau(
            Posting(person="chief", unit="b", post=Post.TOP_LEADER),
            Posting(person="dep", unit="b", post=Post.DEPUTY, in_charge_of={"s"}),
            Posting(person="dep", unit="s", post=Post.FIRST_RESPONSIBLE),
            Posting(person="clerk", unit="s", post=Post.STAFF),
            people=["chief", "dep", "clerk"],
        )
    )

    direct = chain.liable_for("s")[0]

    assert (direct.holder, direct.kind, direct.unit) == ("dep", DIRECT, "s")
    assert direct.post is Post.FIRST_RESPONSIBLE


@pytest.mark.parametrize(
    "call",
    [
        lambda: ResponsibilityChain(organization=GAS.organization, assignments=5),
        lambda: ResponsibilityChain(organization=GAS.organization, assignments=[5]),
        lambda: ResponsibilityChain(organization=GAS.organization, assignments=None),
        lambda: LiabilityPolicy(posts=None),
        lambda: LiabilityPolicy(posts=5),
        lambda: LiabilityPolicy(posts="staff"),
        lambda: GAS.liable_for("meter", policy="x"),
        lambda: GAS.liable_for("meter", policy=5),
    ],
    ids=[
        "assignments an int",
        "an assignment that is an int",
        "assignments None",
        "posts None",
        "posts an int",
        "posts a string",
        "policy a string",
        "policy an int",
    ],
)
def test_a_chain_query_or_policy_of_the_wrong_type_raises_a_xingfeng_error(
    call: Callable[[], object],
) -> None:
    """Wrong types are refused as InvalidArgument or InvalidDefinition, never TypeError."""
    with pytest.raises((InvalidArgument, InvalidDefinition)):
        call()


def test_the_mermaid_picture_shown_in_the_docs_is_what_to_mermaid_draws() -> None:
    """docs/responsibility.md shows a Mermaid block Sybil does not run: it must stay true."""
    page = (Path(__file__).parent.parent / "docs" / "responsibility.md").read_text("utf-8")
    before, shown = page.split("```mermaid\n", 1)
    namespace: dict[str, object] = {}
    for block in re.findall(r"```python\n(.*?)```", before, flags=re.DOTALL):
        exec(block, namespace)
    chain = namespace["chain"]
    assert isinstance(chain, ResponsibilityChain)
    assert chain.to_mermaid() == shown.split("```", 1)[0].rstrip("\n")
