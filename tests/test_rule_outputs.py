"""A rule's effect columns are checked when the rule is built (issue 18): a misspelt
sanction, a text where points belong or a number where true/false belongs is refused then,
with the closest spelling, instead of waiting for the rule to fire."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xingfeng import DecisionTable, EffectKind, InvalidDefinition, Rule, Sanction, Subject

SPELLINGS = {s.value for s in Sanction} | {s.label for s in Sanction}


def rule(kind: EffectKind, value: object) -> Rule:
    table = DecisionTable.from_dict(
        {
            "name": "效果列",
            "hit_policy": "FIRST",
            "inputs": ["complaints"],
            "outputs": ["effect"],
            "rules": [{"when": [">= 1"], "then": [value]}, {"when": ["-"], "then": ["-"]}],
        }
    )
    return Rule(table=table, subject=Subject.UNIT, effects={"effect": kind})


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (EffectKind.SANCTION, "通报批评"),
        (EffectKind.SANCTION, "criticism"),
        (EffectKind.DEDUCTION, 2),
        (EffectKind.DEDUCTION, 0),
        (EffectKind.BONUS, "1.5"),  # a decimal in a table's JSON reads as Decimal
        (EffectKind.NOTIFY_HOME_UNIT, True),
        (EffectKind.ACCOUNTABILITY, False),
    ],
)
def test_a_value_the_effect_reads_is_accepted(kind: EffectKind, value: object) -> None:
    rule(kind, value)


@given(st.text(min_size=1).filter(lambda text: text not in SPELLINGS | {"-"}))
def test_any_text_that_names_no_sanction_is_refused_when_built(text: str) -> None:
    with pytest.raises(InvalidDefinition) as refused:
        rule(EffectKind.SANCTION, text)
    assert refused.value.code == "invalid-definition"


def test_a_misspelt_sanction_gets_the_closest_spelling() -> None:
    with pytest.raises(InvalidDefinition, match="是否要写 '通报批评'"):
        rule(EffectKind.SANCTION, "通报批平")


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (EffectKind.DEDUCTION, "两分"),
        (EffectKind.DEDUCTION, -1),
        (EffectKind.BONUS, True),
        (EffectKind.NOTIFY_HOME_UNIT, 1),
        (EffectKind.ACCOUNTABILITY, "是"),
    ],
)
def test_a_value_the_effect_cannot_read_is_refused_when_built(
    kind: EffectKind, value: object
) -> None:
    with pytest.raises(InvalidDefinition, match="不被接受"):
        rule(kind, value)
