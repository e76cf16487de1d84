"""Tests for xingfeng.rectification.categories: a configurable tree of problem categories,
checked when built."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import (
    category_keys,
    nonempty_taxonomies,
    taxonomies,
)
from xingfeng import from_json, to_json
from xingfeng.exceptions import (
    InvalidArgument,
    InvalidDefinition,
    LoadError,
    UnknownReference,
    XingfengError,
)
from xingfeng.rectification.categories import Category, Taxonomy

# ---- the shape of the tree


@given(taxonomy=taxonomies())
def test_a_path_runs_from_a_root_down_to_the_key_through_parents(taxonomy: Taxonomy) -> None:
    """path(k) starts at a root, ends at k, and each key in it is the parent of the next."""
    for key in taxonomy.keys:
        path = taxonomy.path(key)

        assert path[0] in taxonomy.roots
        assert path[-1] == key
        assert taxonomy.category(path[0]).parent is None
        for above, below in itertools.pairwise(path):
            assert taxonomy.category(below).parent == above
        assert taxonomy.depth(key) == len(path) - 1
        assert taxonomy.root_of(key) == path[0]


@given(taxonomy=taxonomies())
def test_descendants_are_exactly_the_keys_whose_path_passes_through(taxonomy: Taxonomy) -> None:
    """descendants(k) holds each key below k once, and is_within agrees with paths."""
    for key in taxonomy.keys:
        below = taxonomy.descendants(key)

        assert len(below) == len(set(below))
        assert set(below) == {k for k in taxonomy.keys if key in taxonomy.path(k) and k != key}
        for other in taxonomy.keys:
            assert taxonomy.is_within(other, key) == (other == key or other in below)


@given(taxonomy=taxonomies())
def test_the_roots_and_their_descendants_cover_every_key_once(taxonomy: Taxonomy) -> None:
    """The tree is a forest: each key is a root or below exactly one root."""
    covered = [k for root in taxonomy.roots for k in (root, *taxonomy.descendants(root))]

    assert sorted(covered) == sorted(taxonomy.keys)
    assert len(covered) == len(taxonomy)


@given(taxonomy=taxonomies())
def test_children_are_the_categories_naming_the_key_as_parent(taxonomy: Taxonomy) -> None:
    """children(k) lists, in the order given, exactly the categories whose parent is k."""
    for key in taxonomy.keys:
        expected = tuple(c.key for c in taxonomy.categories if c.parent == key)

        assert taxonomy.children(key) == expected


@given(taxonomy=taxonomies())
def test_a_label_path_joins_the_labels_along_the_path(taxonomy: Taxonomy) -> None:
    """label_path(k) is the labels of path(k), root first, joined by ' / '."""
    for key in taxonomy.keys:
        labels = [taxonomy.category(k).label for k in taxonomy.path(key)]

        assert taxonomy.label_path(key) == " / ".join(labels)
        assert taxonomy.label_path(key, separator=">") == ">".join(labels)


@given(taxonomy=nonempty_taxonomies, data=st.data())
def test_extending_adds_below_the_parent_and_leaves_the_original_alone(
    taxonomy: Taxonomy, data: st.DataObject
) -> None:
    """extended(...) returns a new taxonomy where the new key sits below its parent."""
    parent = data.draw(st.sampled_from(taxonomy.keys))
    new = Category(key="新增", label="新增类别", parent=parent)

    extended = taxonomy.extended(new)

    assert extended.path("新增") == (*taxonomy.path(parent), "新增")
    assert extended.name == taxonomy.name
    assert "新增" not in taxonomy
    assert taxonomy.extended(name="另一分类").name == "另一分类"


@given(taxonomy=taxonomies(), key=category_keys)
def test_an_unknown_key_is_refused_by_every_query(taxonomy: Taxonomy, key: str) -> None:
    """Asking about a key the taxonomy lacks raises UnknownReference naming it."""
    if key in taxonomy:
        return
    for query in (
        taxonomy.category,
        taxonomy.path,
        taxonomy.label_path,
        taxonomy.children,
        taxonomy.descendants,
        taxonomy.depth,
    ):
        with pytest.raises(UnknownReference) as caught:
            query(key)
        assert caught.value.value == key
    with pytest.raises(UnknownReference):
        taxonomy.is_within(key, key)


# ---- defects


@given(taxonomy=nonempty_taxonomies, data=st.data())
def test_a_parent_loop_is_reported_with_its_path(taxonomy: Taxonomy, data: st.DataObject) -> None:
    """Making a key the child of itself or of a key below it is refused, naming the loop."""
    key = data.draw(st.sampled_from(taxonomy.keys))
    below = data.draw(st.sampled_from((key, *taxonomy.descendants(key))))
    looped = [
        Category(key=c.key, label=c.label, parent=below) if c.key == key else c
        for c in taxonomy.categories
    ]

    with pytest.raises(InvalidDefinition) as caught:
        Taxonomy(name=taxonomy.name, categories=looped)

    (defect,) = caught.value.defects
    loop = [str(k) for k in defect.involved]
    assert {key, below} <= set(loop)
    assert loop[0] == loop[-1] == min(loop)
    assert " → ".join(loop) in defect.message


@given(taxonomy=nonempty_taxonomies, data=st.data())
def test_a_repeated_key_is_reported_by_name(taxonomy: Taxonomy, data: st.DataObject) -> None:
    """Two categories with one key are refused, and the defect names the key."""
    key = data.draw(st.sampled_from(taxonomy.keys))

    with pytest.raises(InvalidDefinition) as caught:
        taxonomy.extended(Category(key=key, label="重复"))

    assert any(d.involved == (key,) and "用了 2 次" in d.message for d in caught.value.defects)


@given(taxonomy=taxonomies(), parent=category_keys)
def test_an_unknown_parent_is_reported_by_name(taxonomy: Taxonomy, parent: str) -> None:
    """A parent that is no key is refused, and the defect names the child and the parent."""
    if parent in taxonomy or parent == "孤儿":
        return

    with pytest.raises(InvalidDefinition) as caught:
        taxonomy.extended(Category(key="孤儿", label="孤儿", parent=parent))

    assert [d.involved for d in caught.value.defects] == [("孤儿", parent)]


def test_siblings_with_the_same_label_are_refused() -> None:
    """Two children of one parent labelled alike would have the same label path."""
    with pytest.raises(InvalidDefinition) as caught:
        Taxonomy.default().extended(
            Category(key="complaint.power", label="供电质量", parent="complaint")
        )

    (defect,) = caught.value.defects
    assert defect.involved == ("供电质量", "complaint.supply_quality", "complaint.power")


def test_every_defect_of_a_taxonomy_is_listed_at_once() -> None:
    """A repeated key, an unknown parent, two loops and repeated labels: five defects, one error."""
    with pytest.raises(InvalidDefinition) as caught:
        Taxonomy(
            name="坏分类",
            categories=[
                Category(key="a", label="甲", parent="c"),
                Category(key="b", label="乙", parent="a"),
                Category(key="c", label="丙", parent="b"),
                Category(key="a", label="甲二"),
                Category(key="d", label="丁", parent="nowhere"),
                Category(key="e", label="戊", parent="e"),
                Category(key="f", label="己"),
                Category(key="g", label="己"),
            ],
        )

    messages = [d.message for d in caught.value.defects]
    assert len(messages) == 5
    assert "类别键 'a' 用了 2 次" in messages
    assert "类别 'd' 的上级 'nowhere' 不存在" in messages
    assert any("a → c → b → a" in m for m in messages)
    assert any("e → e" in m for m in messages)
    assert any("['f', 'g']" in m and "'己'" in m for m in messages)


@pytest.mark.parametrize(
    ("field", "bad"), [("key", ""), ("key", 5), ("label", "  "), ("label", None), ("parent", "")]
)
def test_a_blank_or_mistyped_category_field_is_refused_by_name(field: str, bad: object) -> None:
    """Category refuses a blank label (and key, parent) itself, naming the field."""
    fields: dict[str, object] = {"key": "k", "label": "类", field: bad}

    with pytest.raises(InvalidArgument) as caught:
        Category(**fields)  # type: ignore[arg-type]

    assert (caught.value.name, caught.value.value) == (field, bad)


def test_loading_a_taxonomy_reports_every_blank_label_by_its_path() -> None:
    """A taxonomy read from JSON names each bad category, not just the first."""
    text = (
        '{"name": "分类", "categories": [{"key": "a", "label": " ", "parent": null},'
        ' {"key": "b", "label": "乙", "parent": null}, {"key": "c", "label": "", "parent": null}]}'
    )

    with pytest.raises(LoadError) as caught:
        from_json(text, Taxonomy)

    assert [path for path, _ in caught.value.errors] == ["$.categories[0]", "$.categories[2]"]
    assert all(reason.startswith("label=") for _, reason in caught.value.errors)


@pytest.mark.parametrize("categories", ["a", [Category(key="a", label="甲"), "b"], None, 5])
def test_a_taxonomy_refuses_anything_but_categories(categories: object) -> None:
    """A string, None or a list holding something else raises a XingfengError, never TypeError."""
    with pytest.raises(XingfengError):
        Taxonomy(name="分类", categories=categories)  # type: ignore[arg-type]


# ---- the default taxonomy, from the seeds


def test_the_default_taxonomy_has_one_root_per_seed_dimension() -> None:
    """000's self-inspection, 000's four problems, 001's problems and 002's topics are roots."""
    default = Taxonomy.default()

    assert default.roots == ("self", "leader", "discipline", "complaint")
    assert [default.category(r).label for r in default.roots] == [
        "自查自纠",
        "领导指出的问题",
        "纪律作风",
        "投诉主题",
    ]


@pytest.mark.parametrize(
    ("root", "labels"),
    [
        ("self", ["工作作风", "职业道德", "承诺服务", "遵守规范", "业务工作"]),
        ("leader", ["服务意识", "服务质量", "敬业精神", "管理力度"]),
        ("discipline", ["工作纪律", "工作作风", "管理机构"]),
        (
            "complaint",
            [
                "供电质量",
                "停限电",
                "营业服务质量",
                "业扩报装",
                "举报窃电",
                "家用电器",
                "电价及收费",
                "营销服务质量",
                "供电故障处理",
                "家用电器损坏",
                "电网改造",
                "其他",
            ],
        ),
    ],
)
def test_the_default_taxonomy_holds_the_seeds_dimensions(root: str, labels: list[str]) -> None:
    """Each root's children are the seed's dimensions, in the seed's order."""
    default = Taxonomy.default()

    assert [default.category(k).label for k in default.children(root)] == labels
    assert all(default.depth(k) == 1 for k in default.children(root))


def test_a_label_repeated_under_two_roots_has_two_keys() -> None:
    """工作作风 is a dimension of 000 and a problem of 001; its keys tell them apart."""
    default = Taxonomy.default()

    found = [c.key for c in default.categories if c.label == "工作作风"]

    assert found == ["self.work_style", "discipline.work_style"]
    assert default.label_path("discipline.work_style") == "纪律作风 / 工作作风"
    assert default.label_path("complaint.supply_quality") == "投诉主题 / 供电质量"


# ---- serialization


@given(taxonomy=taxonomies())
def test_a_taxonomy_round_trips_through_json(taxonomy: Taxonomy) -> None:
    """from_json(to_json(taxonomy)) is an equal taxonomy that answers the same queries."""
    loaded = from_json(to_json(taxonomy), Taxonomy)

    assert loaded == taxonomy
    assert all(loaded.path(k) == taxonomy.path(k) for k in taxonomy.keys)


def test_the_default_taxonomy_and_a_category_round_trip_through_json() -> None:
    """The shipped taxonomy and a single category survive JSON unchanged."""
    category = Category(key="complaint.outage", label="停限电", parent="complaint")

    assert from_json(to_json(Taxonomy.default()), Taxonomy) == Taxonomy.default()
    assert from_json(to_json(category), Category) == category
