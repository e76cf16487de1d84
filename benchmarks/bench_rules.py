"""Evaluation rules at province scale (issue 7): ten decision tables of 20 rules each over
the facts of 100,000 units.  Target: under 2 s.

Each table reads one or two facts (counts from 0 to 40, a grade) with 20 range rules under
the FIRST hit policy and turns each hit into a deduction and a sanction; most units get a
finding from most tables (units whose facts give the same hit share one finding).  The
facts are made before timing, as :func:`xingfeng.campaign_facts` or a host would hand them
over.  Best of three rounds.
"""

from __future__ import annotations

import gc
import random
import time
from datetime import date

from xingfeng import DecisionTable, EffectKind, FactBook, Rule, RuleSet, Subject, evaluate_facts

UNITS = 100_000
FACTS = ("complaints", "overdue_measures", "max_days_overdue", "repeated", "unanswered")


def table(number: int) -> DecisionTable:
    """Twenty rules over one count (and, for odd tables, the grade), FIRST hit."""
    fact = FACTS[number % len(FACTS)]
    rules = []
    for i in range(20):
        low, high = 2 * i, 2 * i + 2
        when = [f"[{low}..{high})"] + (["in 满意, 比较满意"] if number % 2 else [])
        rules.append({"when": when, "then": [i % 5 + 1, "提醒" if i < 10 else "通报批评"]})
    return DecisionTable.from_dict(
        {
            "name": f"表{number}",
            "hit_policy": "FIRST",
            "inputs": [fact] + (["grade"] if number % 2 else []),
            "outputs": ["deduction", "sanction"],
            "rules": rules,
        }
    )


def rule_sets() -> list[RuleSet]:
    effects = {"deduction": EffectKind.DEDUCTION, "sanction": EffectKind.SANCTION}
    return [
        RuleSet(
            name=f"规则{n}", rules=[Rule(table=table(n), subject=Subject.UNIT, effects=effects)]
        )
        for n in range(10)
    ]


def facts(seed: int = 7) -> FactBook:
    rng = random.Random(seed)
    units = {
        f"u{i}": {
            **{name: rng.randrange(0, 40) for name in FACTS},
            "grade": rng.choice(["满意", "比较满意", "基本满意"]),
        }
        for i in range(UNITS)
    }
    return FactBook(on=date(2026, 6, 30), units=units, people={}, problems={})


def main() -> list[tuple[str, float, str]]:
    book, sets = facts(), rule_sets()
    best, findings = float("inf"), ()
    for _ in range(3):
        gc.collect()
        began = time.perf_counter()
        findings = evaluate_facts(book, sets)
        best = min(best, time.perf_counter() - began)
    return [
        ("10 tables x 20 rules over 100,000 units", best, "s"),
        ("findings (units sharing a hit share one)", len(findings), ""),
        ("unit-findings covered", sum(len(f.subject_ids) for f in findings), ""),
    ]


if __name__ == "__main__":
    for name, value, unit in main():
        print(f"{name}: {value:,.3f} {unit}")
