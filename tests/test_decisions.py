"""Tests for xingfeng.rules.decisions: criteria, hit policies, overlap checks and loading rules."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from itertools import product
from typing import TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import (
    GRID,
    criteria,
    criterion_like_texts,
    decision_numbers,
    fact_values,
    facts_for,
    grid_criteria,
    json_values,
    rule_sets,
    table_like,
)
from xingfeng.exceptions import InvalidArgument, InvalidDefinition, LoadError, XingfengError
from xingfeng.rules.decisions import (
    Aggregation,
    Anything,
    Between,
    Compare,
    Criterion,
    DecisionRule,
    DecisionTable,
    FactValue,
    Hit,
    HitPolicy,
    Is,
    OneOf,
    Op,
    OutputValue,
    parse_criterion,
)

T = TypeVar("T")


def _matches(criterion: Criterion, value: FactValue) -> bool:
    """An independent reading of what each criterion means."""
    is_number = isinstance(value, int | Decimal | Fraction) and not isinstance(value, bool)
    if isinstance(criterion, Anything):
        return True
    if isinstance(criterion, Is):
        return isinstance(value, bool) and value == criterion.value
    if isinstance(criterion, OneOf):
        if isinstance(value, str):
            return value in {v for v in criterion.values if isinstance(v, str)}
        return is_number and any(
            not isinstance(v, str) and Fraction(v) == Fraction(value)  # type: ignore[arg-type]
            for v in criterion.values
        )
    if isinstance(criterion, Between):
        if not is_number:
            return False
        x = Fraction(value)  # type: ignore[arg-type]
        low, high = Fraction(criterion.low), Fraction(criterion.high)
        return (low < x or (criterion.low_closed and low == x)) and (
            x < high or (criterion.high_closed and x == high)
        )
    if isinstance(criterion.value, str):
        return isinstance(value, str) and (value == criterion.value) == (criterion.op is Op.EQ)
    if not is_number:
        return False
    x, v = Fraction(value), Fraction(criterion.value)  # type: ignore[arg-type]
    return {
        Op.EQ: x == v,
        Op.NE: x != v,
        Op.LT: x < v,
        Op.LE: x <= v,
        Op.GT: x > v,
        Op.GE: x >= v,
    }[criterion.op]


def _matching(rules: list[DecisionRule], inputs: tuple[str, ...], facts: dict[str, FactValue]):
    """1-based numbers of the rules whose every criterion matches, by the oracle."""
    return [
        number
        for number, rule in enumerate(rules, start=1)
        if all(_matches(c, facts[name]) for c, name in zip(rule.when, inputs, strict=True))
    ]


def _table(inputs, rules, policy, **options) -> DecisionTable:
    return DecisionTable(
        name="测试", inputs=inputs, outputs=["x"], rules=rules, hit_policy=policy, **options
    )


def _overlapping_pairs(rules: list[DecisionRule], inputs: tuple[str, ...]) -> set[tuple[int, int]]:
    """Pairs of rules that both match some facts on the grid, by brute force."""
    pairs = set()
    for values in product(GRID, repeat=len(inputs)):
        hits = _matching(rules, inputs, dict(zip(inputs, values, strict=True)))
        pairs |= {(a, b) for a in hits for b in hits if a < b}
    return pairs


def _attempt(build: Callable[[], T]) -> T | Exception:
    """What ``build`` returns, or the exception it raises (checked by the caller)."""
    try:
        return build()
    except Exception as error:
        return error


def _key(value: OutputValue) -> tuple[int, object]:
    if isinstance(value, bool):
        return (0, value)
    if isinstance(value, str):
        return (2, value)
    return (1, Fraction(value))


# Properties of criteria


@given(criterion=criteria(), value=fact_values)
def test_a_criterion_matches_exactly_what_it_says(criterion: Criterion, value: FactValue) -> None:
    """Every criterion agrees with an independent reading of it, for facts of every kind."""
    assert criterion.matches(value) == _matches(criterion, value)


@given(criterion=criteria())
def test_a_criterion_label_reads_back_as_the_same_criterion(criterion: Criterion) -> None:
    """parse_criterion(c.label) == c, and the label is stable."""
    again = parse_criterion(criterion.label)

    assert again == criterion
    assert again.label == criterion.label


@given(cell=st.one_of(criterion_like_texts, st.text(max_size=12)))
def test_criterion_text_is_either_a_criterion_or_refused_by_name(cell: str) -> None:
    """Any text parses to a criterion whose label reads back, or raises InvalidArgument
    naming the text: never another error."""
    outcome = _attempt(lambda: parse_criterion(cell, name="when[0]"))

    if isinstance(outcome, Exception):
        assert isinstance(outcome, InvalidArgument), repr(outcome)
        assert (outcome.name, outcome.value) == ("when[0]", cell)
    else:
        assert parse_criterion(outcome.label) == outcome


@pytest.mark.parametrize(
    "cell", ["", "3", ">=", ">= x", "< 投诉", "[5..1)", "[1..1)", "in", "∈ {}", "in a,,b", '= "a']
)
def test_malformed_criterion_texts_are_refused(cell: str) -> None:
    """Texts outside the grammar, or ranges that hold nothing, are refused by name."""
    with pytest.raises(InvalidArgument) as refused:
        parse_criterion(cell)

    assert refused.value.value == cell


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("-", Anything()),
        ("true", Is(value=True)),
        ("= false", Is(value=False)),
        (">= 3", Compare(op=Op.GE, value=3)),
        ("≤ 2.5", Compare(op=Op.LE, value=Decimal("2.5"))),
        ("!= 1/3", Compare(op=Op.NE, value=Fraction(1, 3))),
        ("= 投诉", Compare(op=Op.EQ, value="投诉")),
        ('= "3"', Compare(op=Op.EQ, value="3")),
        ("[1..5)", Between(low=1, high=5)),
        ("(1, 5]", Between(low=1, high=5, low_closed=False, high_closed=True)),
        ("in 投诉,越级投诉", OneOf(values={"投诉", "越级投诉"})),
        ("∈ {1, 2、三}", OneOf(values={1, 2, "三"})),
    ],
)
def test_each_form_of_the_grammar_reads_as_documented(cell: str, expected: Criterion) -> None:
    """The grammar of parse_criterion, one example per form."""
    assert parse_criterion(cell) == expected


# Properties of hit policies


@given(data=st.data(), rule_set=rule_sets())
def test_evaluation_is_deterministic_and_independent_of_fact_order(
    data: st.DataObject, rule_set: tuple[tuple[str, ...], list[DecisionRule]]
) -> None:
    """The same facts, in any order and with unrelated facts, give the same hits."""
    inputs, rules = rule_set
    table = _table(inputs, rules, HitPolicy.COLLECT)
    facts = data.draw(facts_for(inputs))
    shuffled = dict(data.draw(st.permutations(list(facts.items()))))

    assert table.evaluate(facts) == table.evaluate(shuffled) == table.evaluate(facts)


@given(data=st.data(), rule_set=rule_sets())
def test_collect_returns_every_matching_rule_in_table_order(
    data: st.DataObject, rule_set: tuple[tuple[str, ...], list[DecisionRule]]
) -> None:
    """COLLECT gives one hit per matching rule, in table order, with that rule's outputs and
    the facts its criteria looked at."""
    inputs, rules = rule_set
    facts = data.draw(facts_for(inputs))

    hits = _table(inputs, rules, HitPolicy.COLLECT).evaluate(facts)

    assert [h.rules for h in hits] == [(n,) for n in _matching(rules, inputs, facts)]
    for hit in hits:
        rule = rules[hit.rules[0] - 1]
        assert tuple(hit.outputs.values()) == rule.then
        looked = {n for n, c in zip(inputs, rule.when, strict=True) if not isinstance(c, Anything)}
        assert dict(hit.matched) == {n: facts[n] for n in inputs if n in looked}


@given(
    data=st.data(),
    rule_set=rule_sets(outputs=decision_numbers),
    aggregation=st.sampled_from(Aggregation),
)
def test_collect_aggregates_equal_the_matching_rules_outputs_aggregated(
    data: st.DataObject,
    rule_set: tuple[tuple[str, ...], list[DecisionRule]],
    aggregation: Aggregation,
) -> None:
    """SUM, MIN, MAX and COUNT equal the sum, least, greatest and number of the matching
    rules' outputs; the hit names those rules; nothing matched gives ()."""
    inputs, rules = rule_set
    facts = data.draw(facts_for(inputs))
    matching = _matching(rules, inputs, facts)
    values = [Fraction(rules[n - 1].then[0]) for n in matching]  # type: ignore[arg-type]

    hits = _table(inputs, rules, HitPolicy.COLLECT, aggregation=aggregation).evaluate(facts)

    if not matching:
        assert hits == ()
        return
    (hit,) = hits
    expected = {
        Aggregation.SUM: sum(values, Fraction(0)),
        Aggregation.MIN: min(values),
        Aggregation.MAX: max(values),
        Aggregation.COUNT: len(values),
    }[aggregation]
    assert hit.rules == tuple(matching)
    assert Fraction(hit.outputs["x"]) == expected  # type: ignore[arg-type]
    assert not isinstance(hit.outputs["x"], float | bool)


@given(
    data=st.data(), rule_set=rule_sets(outputs=st.integers(-5, 5) | st.decimals(-5, 5, places=1))
)
def test_a_sum_of_ints_is_an_int_and_of_decimals_an_exact_decimal(
    data: st.DataObject, rule_set: tuple[tuple[str, ...], list[DecisionRule]]
) -> None:
    """SUM keeps the kind of its terms: ints give an int, Decimals an unrounded Decimal."""
    inputs, rules = rule_set
    facts = data.draw(facts_for(inputs))

    hits = _table(inputs, rules, HitPolicy.COLLECT, aggregation=Aggregation.SUM).evaluate(facts)

    for hit in hits:
        terms = [rules[n - 1].then[0] for n in hit.rules]
        total = hit.outputs["x"]
        assert isinstance(total, int if all(isinstance(t, int) for t in terms) else Decimal)
        assert total == sum(terms, Decimal(0)) or Fraction(total) == sum(map(Fraction, terms))


@given(data=st.data(), rule_set=rule_sets())
def test_first_returns_the_first_matching_rule_in_table_order(
    data: st.DataObject, rule_set: tuple[tuple[str, ...], list[DecisionRule]]
) -> None:
    """FIRST gives the first of COLLECT's hits, or nothing."""
    inputs, rules = rule_set
    facts = data.draw(facts_for(inputs))

    first = _table(inputs, rules, HitPolicy.FIRST).evaluate(facts)
    collected = _table(inputs, rules, HitPolicy.COLLECT).evaluate(facts)

    assert first == collected[:1]


@given(
    data=st.data(), rule_set=rule_sets(outputs=st.sampled_from(["责任追究", "通报批评", "约谈"]))
)
def test_priority_returns_the_matching_rule_with_the_best_output(
    data: st.DataObject, rule_set: tuple[tuple[str, ...], list[DecisionRule]]
) -> None:
    """PRIORITY gives the matching rule whose output comes first in the priority list, the
    earliest such rule on a tie."""
    inputs, rules = rule_set
    order = data.draw(st.permutations(["责任追究", "通报批评", "约谈"]))
    facts = data.draw(facts_for(inputs))
    matching = _matching(rules, inputs, facts)

    hits = _table(inputs, rules, HitPolicy.PRIORITY, priorities={"x": order}).evaluate(facts)

    if not matching:
        assert hits == ()
        return
    best = min(matching, key=lambda n: (order.index(rules[n - 1].then[0]), n))
    assert [h.rules for h in hits] == [(best,)]


@given(data=st.data(), rule_set=rule_sets(criterion=grid_criteria, max_inputs=2))
def test_unique_tables_are_refused_exactly_when_rules_overlap(
    data: st.DataObject, rule_set: tuple[tuple[str, ...], list[DecisionRule]]
) -> None:
    """A UNIQUE table is refused iff two rules both match some facts (brute force over a
    grid that decides every overlap), naming every such pair with facts both match; a table
    that is built never has two hits."""
    inputs, rules = rule_set
    overlapping = _overlapping_pairs(rules, inputs)

    outcome = _attempt(lambda: _table(inputs, rules, HitPolicy.UNIQUE))

    if isinstance(outcome, Exception):
        assert isinstance(outcome, InvalidDefinition), repr(outcome)
        assert {d.involved[:2] for d in outcome.defects} == overlapping
        for defect in outcome.defects:
            first, second, witness = defect.involved
            facts = {name: witness.get(name) for name in inputs}  # type: ignore[attr-defined]
            assert {first, second} <= set(_matching(rules, inputs, facts))
            assert f"第 {first} 条与第 {second} 条规则" in str(outcome)
    else:
        assert not overlapping
        assert len(outcome.evaluate(data.draw(facts_for(inputs)))) <= 1
        for values in product(GRID, repeat=len(inputs)):
            assert len(outcome.evaluate(dict(zip(inputs, values, strict=True)))) <= 1


@given(
    data=st.data(),
    rule_set=rule_sets(
        outputs=st.sampled_from([1, Decimal("1.0"), 2, "1"]), criterion=grid_criteria, max_inputs=2
    ),
)
def test_any_tables_need_overlapping_rules_to_agree(
    data: st.DataObject, rule_set: tuple[tuple[str, ...], list[DecisionRule]]
) -> None:
    """An ANY table is refused iff two overlapping rules give different outputs (1 and
    Decimal('1.0') agree; 1 and '1' do not); built, its one hit lists every matching rule."""
    inputs, rules = rule_set
    disagreeing = {
        (a, b)
        for a, b in _overlapping_pairs(rules, inputs)
        if _key(rules[a - 1].then[0]) != _key(rules[b - 1].then[0])
    }

    outcome = _attempt(lambda: _table(inputs, rules, HitPolicy.ANY))

    if isinstance(outcome, Exception):
        assert isinstance(outcome, InvalidDefinition), repr(outcome)
        assert {d.involved[:2] for d in outcome.defects} == disagreeing
    else:
        assert not disagreeing
        facts = data.draw(facts_for(inputs))
        matching = _matching(rules, inputs, facts)
        hits = outcome.evaluate(facts)
        assert [h.rules for h in hits] == ([tuple(matching)] if matching else [])


@given(
    data=st.data(), rule_set=rule_sets(outputs=decision_numbers), policy=st.sampled_from(HitPolicy)
)
def test_the_result_is_empty_exactly_when_no_rule_matches(
    data: st.DataObject,
    rule_set: tuple[tuple[str, ...], list[DecisionRule]],
    policy: HitPolicy,
) -> None:
    """Whatever the policy and aggregation, evaluate gives a tuple of Hit, () exactly when
    no rule matches."""
    inputs, rules = rule_set
    options: dict[str, object] = {}
    if policy is HitPolicy.COLLECT:
        options["aggregation"] = data.draw(st.sampled_from([None, *Aggregation]))
    if policy is HitPolicy.PRIORITY:
        options["priorities"] = {"x": list(dict.fromkeys(r.then[0] for r in rules))}
    try:
        table = _table(inputs, rules, policy, **options)
    except InvalidDefinition:
        return  # overlapping UNIQUE or ANY rules; tested above
    facts = data.draw(facts_for(inputs))

    hits = table.evaluate(facts)

    assert isinstance(hits, tuple)
    assert all(isinstance(h, Hit) for h in hits)
    assert (hits == ()) == (not _matching(rules, inputs, facts))


# Properties of loading


@given(rule_set=rule_sets(), policy=st.sampled_from([HitPolicy.FIRST, HitPolicy.COLLECT]))
def test_a_table_survives_json_unchanged(
    rule_set: tuple[tuple[str, ...], list[DecisionRule]], policy: HitPolicy
) -> None:
    """from_dict(json.loads(json.dumps(to_dict()))) gives back an equal table."""
    inputs, rules = rule_set
    table = _table(inputs, rules, policy)

    text = json.dumps(table.to_dict(), ensure_ascii=False)

    assert DecisionTable.from_dict(json.loads(text)) == table


@given(data=st.one_of(json_values, table_like))
def test_any_json_that_is_not_a_rule_set_is_refused_with_a_xingfeng_error(data: object) -> None:
    """Loading arbitrary JSON, or table-shaped JSON with wrong values anywhere, either gives
    a table that survives a round trip or raises a XingfengError; never another error."""
    outcome = _attempt(lambda: DecisionTable.from_dict(data))

    if isinstance(outcome, Exception):
        assert isinstance(outcome, XingfengError), repr(outcome)
    else:
        assert DecisionTable.from_dict(outcome.to_dict()) == outcome
        for values in product(GRID[::5], repeat=len(outcome.inputs)):
            outcome.evaluate(dict(zip(outcome.inputs, values, strict=True)))


# Examples


def _escalation_deduction() -> DecisionTable:
    return DecisionTable.from_dict(
        {
            "name": "越级投诉扣分",
            "hit_policy": "COLLECT",
            "aggregation": "SUM",
            "inputs": ["verified_escalated_complaints"],
            "outputs": ["deduction"],
            "rules": [
                {"when": [">= 1"], "then": [2], "annotation": "属实越级投诉，扣2分"},
                {"when": [">= 2"], "then": ["1.5"], "annotation": "再次越级投诉，加扣1.5分"},
                {"when": [">= 3"], "then": ["1.5"], "annotation": "三次及以上，再加扣1.5分"},
            ],
        }
    )


@pytest.mark.parametrize(
    ("complaints", "deduction", "rules"),
    [(0, None, ()), (1, 2, (1,)), (2, Decimal("3.5"), (1, 2)), (7, Decimal("5.0"), (1, 2, 3))],
)
def test_seed_002_escalated_complaints_are_deducted_strictly(
    complaints: int, deduction: object, rules: tuple[int, ...]
) -> None:
    """Seed 002 (R6): verified escalated complaints cost the responsible unit points; the
    deduction adds up the rules that apply, and none applies without a complaint."""
    hits = _escalation_deduction().evaluate({"verified_escalated_complaints": complaints})

    assert [(h.outputs["deduction"], h.rules) for h in hits] == (
        [(deduction, rules)] if rules else []
    )
    if hits:
        assert hits[0].matched == {"verified_escalated_complaints": complaints}
        assert len(hits[0].annotations) == len(rules)


@pytest.mark.parametrize(
    ("repeats", "sanction"),
    [(0, "无"), (1, "约谈"), (2, "通报批评"), (3, "责任追究"), (9, "责任追究")],
)
def test_first_maps_a_repeat_count_to_the_sanction_of_the_first_band_reached(
    repeats: int, sanction: str
) -> None:
    """A FIRST table read top to bottom: the heaviest sanction whose threshold is reached."""
    table = DecisionTable(
        name="重复投诉处理",
        inputs=["repeats"],
        outputs=["sanction"],
        rules=[
            DecisionRule(when=[">= 3"], then=["责任追究"]),
            DecisionRule(when=[">= 2"], then=["通报批评"]),
            DecisionRule(when=[">= 1"], then=["约谈"]),
            DecisionRule(when=["-"], then=["无"]),
        ],
        hit_policy=HitPolicy.FIRST,
    )

    (hit,) = table.evaluate({"repeats": repeats})

    assert hit.outputs == {"sanction": sanction}


def test_a_missing_fact_is_refused_naming_the_table_and_the_fact() -> None:
    """A forgotten fact is not taken to match nothing: evaluate refuses it by name."""
    with pytest.raises(InvalidArgument, match=r"越级投诉扣分.*verified_escalated_complaints"):
        _escalation_deduction().evaluate({"complaints": 3})


def test_a_float_fact_is_refused() -> None:
    """Facts are exact: 1.0 as a float is refused, Decimal('1.0') is fine."""
    table = _escalation_deduction()

    with pytest.raises(InvalidArgument, match="浮点数"):
        table.evaluate({"verified_escalated_complaints": 1.0})  # type: ignore[dict-item]
    assert table.evaluate({"verified_escalated_complaints": Decimal("1.0")})


def test_an_unknown_fact_matches_only_anything() -> None:
    """None (unknown) matches '-' and nothing else, not even ≠."""
    table = _table(
        ("a",),
        [DecisionRule(when=["≠ 1"], then=[1]), DecisionRule(when=["-"], then=[2])],
        HitPolicy.COLLECT,
    )

    assert [h.rules for h in table.evaluate({"a": None})] == [(2,)]


def test_every_defect_of_a_table_is_listed_at_once() -> None:
    """Duplicate columns, wrong widths and a misplaced aggregation are reported together."""
    with pytest.raises(InvalidDefinition) as refused:
        DecisionTable(
            name="坏表",
            inputs=["a", "a"],
            outputs=["x"],
            rules=[
                DecisionRule(when=["-"], then=[1, 2]),
                DecisionRule(when=["-", "-"], then=["y"]),
            ],
            hit_policy=HitPolicy.FIRST,
            aggregation=Aggregation.SUM,
        )

    message = str(refused.value)
    assert "坏表" in message
    assert len(refused.value.defects) == 5
    for part in ("输入列重复：a", "第 1 条规则有 1 个条件", "第 1 条规则有 2 个输出", "COLLECT"):
        assert part in message
    assert "第 2 条规则的输出 x：'y' 不是数" in message


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({}, "PRIORITY 须给出 priorities"),
        ({"priorities": {"x": ["约谈"]}}, "第 2 条规则的输出 x：'通报批评' 不在 priorities 之中"),
        ({"priorities": {"y": ["约谈"]}}, "priorities 中的 'y' 不是输出列"),
    ],
)
def test_priority_needs_an_order_for_every_output_value(
    options: dict[str, object], expected: str
) -> None:
    """PRIORITY without priorities, or with values missing from them, is refused."""
    with pytest.raises(InvalidDefinition, match=expected):
        _table(
            ("a",),
            [DecisionRule(when=["-"], then=["约谈"]), DecisionRule(when=["-"], then=["通报批评"])],
            HitPolicy.PRIORITY,
            **options,
        )


def test_a_bad_cell_is_reported_with_table_rule_and_column() -> None:
    """LoadError names the table, the JSON path, the rule number and the column, for every
    bad cell at once."""
    data = _escalation_deduction().to_dict()
    data["rules"][2]["when"][0] = ">= 三"  # type: ignore[index]
    data["rules"][0]["then"][0] = 2.5  # type: ignore[index]

    with pytest.raises(LoadError) as refused:
        DecisionTable.from_dict(data)

    paths = dict(refused.value.errors)
    assert "越级投诉扣分" in str(refused.value)
    assert "第 3 条规则的 verified_escalated_complaints 列" in paths["$.rules[2].when[0]"]
    assert "二进制浮点数" in paths["$.rules[0].then[0]"]


def test_a_text_output_that_reads_as_a_number_is_quoted_in_data() -> None:
    """'3' as a text output is written '"3"' and read back as text; '3' in data is 3."""
    table = _table(("a",), [DecisionRule(when=["-"], then=["3"])], HitPolicy.FIRST)

    data = table.to_dict()

    assert data["rules"] == [{"when": ["-"], "then": ['"3"']}]
    assert DecisionTable.from_dict(data) == table
    data["rules"] = [{"when": ["-"], "then": ["3"]}]
    assert DecisionTable.from_dict(data).rules[0].then == (3,)


def test_unique_overlap_names_the_rules_and_facts_both_match() -> None:
    """A UNIQUE table whose rules share a value is refused with the rules and the value."""
    with pytest.raises(InvalidDefinition) as refused:
        _table(
            ("kind", "count"),
            [
                DecisionRule(when=["in 投诉, 越级投诉", "[1..3)"], then=[1]),
                DecisionRule(when=["= 越级投诉", "≥ 2"], then=[2]),
                DecisionRule(when=["= 重复投诉", "-"], then=[3]),
            ],
            HitPolicy.UNIQUE,
        )

    (defect,) = refused.value.defects
    assert defect.involved[:2] == (1, 2)
    assert "kind = 越级投诉, count = 2" in str(defect)


_WIDE = str.maketrans("0123456789.-", "０１２３４５６７８９．－")
_OPS = {
    Op.GE: (">=", "≥", "＞＝"),
    Op.LE: ("<=", "≤", "＜＝"),
    Op.GT: (">", "＞"),
    Op.LT: ("<", "＜"),
}
_WORDS = {
    Op.GE: ("{}以上", "{}及以上", "不低于{}", "不少于{}", "至少{}"),
    Op.LE: ("{}以下", "{}以内", "不高于{}", "不超过{}", "至多{}"),
    Op.GT: ("超过{}", "大于{}", "高于{}"),
    Op.LT: ("不满{}", "小于{}", "低于{}"),
}
_numbers = st.integers(-999, 999) | st.decimals(
    min_value=-999, max_value=999, places=2, allow_nan=False, allow_infinity=False
)


@given(number=_numbers, op=st.sampled_from(list(_OPS)), data=st.data())
def test_a_comparison_reads_the_same_however_an_ime_types_it(
    number: int | Decimal, op: Op, data: st.DataObject
) -> None:
    """ASCII or full-width operators and digits, ≥ ≤, or the law's words (以上 and 以下 include
    the number, 超过 and 不满 do not): the same comparison, never a text."""
    written = str(number)
    expected = Compare(op=op, value=number if isinstance(number, int) else Decimal(written))
    spelling = data.draw(st.sampled_from(_OPS[op]))
    digits = data.draw(st.sampled_from([written, written.translate(_WIDE)]))
    assert parse_criterion(f"{spelling} {digits}") == expected
    if not written.startswith("-"):
        worded = data.draw(st.sampled_from(_WORDS[op])).format(digits)
        assert parse_criterion(worded) == expected


@given(number=st.integers(0, 200))
def test_words_of_bounds_include_or_exclude_the_number_as_the_law_says(number: int) -> None:
    """《民法典》第一千二百五十九条: 以上、以下 include the number; 超过、不满 exclude it."""
    assert parse_criterion(f"{number}以上").matches(number)
    assert parse_criterion(f"{number}以下").matches(number)
    assert not parse_criterion(f"超过{number}").matches(number)
    assert not parse_criterion(f"不满{number}").matches(number)


@given(percent=st.integers(0, 100))
def test_a_percentage_is_its_exact_fraction(percent: int) -> None:
    """ "> 50%" compares a rate with 0.5 exactly, and ５０％ is the same."""
    expected = Compare(op=Op.GT, value=Decimal(percent) / 100)
    assert parse_criterion(f"> {percent}%") == expected
    assert parse_criterion(f"＞ {str(percent).translate(_WIDE)}％") == expected


@pytest.mark.parametrize("text", ["=> 3", "=< 3", "== > 3", "!= >3", "= ≥ 3"])
def test_a_mistyped_operator_is_refused_not_read_as_text(text: str) -> None:
    """ "=> 3" once became the text "> 3" and never matched; now it is refused."""
    with pytest.raises(InvalidArgument, match="一个运算符"):
        parse_criterion(text)


@pytest.mark.parametrize("spelling", ["FIRST", "first", "首条"])
def test_a_hit_policy_reads_by_name_value_or_the_chinese_label_it_prints(spelling: str) -> None:
    """首条 is how a table's policy is printed; it is accepted back as input, and a slip
    gets the closest spelling."""
    data = {
        "name": "提醒",
        "hit_policy": spelling,
        "inputs": ["days"],
        "outputs": ["sanction"],
        "rules": [{"when": [">= 1"], "then": ["提醒"]}],
    }
    assert DecisionTable.from_dict(data).hit_policy is HitPolicy.FIRST
    with pytest.raises(LoadError, match="是否要写 'FIRST'"):
        DecisionTable.from_dict({**data, "hit_policy": "FRIST"})
