"""Ready rule sets for the rules the sources state (R4, R5, R6, R9, R10, R12, R13).

Each function returns a :class:`~xingfeng.RuleSet` written as data: the tables are plain
mappings, as a plan or a JSON file would hold them, loaded with
:meth:`DecisionTable.from_dict <xingfeng.DecisionTable.from_dict>`.  The thresholds, points
and sanctions are the catalogue's illustrative defaults: the sources state the rules, not
the numbers, so a unit copies a rule set and changes what its plan says.

>>> [rule_set.name for rule_set in standard_rules()]  # doctest: +NORMALIZE_WHITESPACE
['R4 监督失职连带责任', 'R5 先斩后奏加倍处罚', 'R6 属实越级投诉从严考核',
 'R9 整改逾期责任追究', 'R10 事事有回音', 'R12 月度重点工作未完成', 'R13 考核结果奖惩挂钩']
"""

from __future__ import annotations

from xingfeng.organization.responsibility import LiabilityPolicy
from xingfeng.rules.decisions import DecisionTable
from xingfeng.rules.evaluation import EffectKind, Rule, RuleSet, Subject
from xingfeng.rules.sanctions import Aggravation, Escalation, WindowUnit

__all__ = [
    "annual_assessment_link",
    "escalated_complaints",
    "late_rectification",
    "leave_before_approval",
    "missed_key_work",
    "standard_rules",
    "supervision_joint_liability",
    "unanswered_opinions",
]

D, S, A, N, B = (
    EffectKind.DEDUCTION,
    EffectKind.SANCTION,
    EffectKind.ACCOUNTABILITY,
    EffectKind.NOTIFY_HOME_UNIT,
    EffectKind.BONUS,
)


def supervision_joint_liability() -> RuleSet:
    """R4 (seed 001): a supervision office that lets late rectification slide answers
    jointly: accountability reaches the unit's leaders and the supervising offices."""
    table = DecisionTable.from_dict(
        {
            "name": "整改逾期追究连带责任",
            "hit_policy": "FIRST",
            "inputs": ["max_days_overdue"],
            "outputs": ["accountability"],
            "rules": [
                {"when": [">= 30"], "then": [True], "annotation": "督办不力，负连带责任"},
            ],
        }
    )
    return RuleSet(
        name="R4 监督失职连带责任",
        source="seed 001",
        rules=[Rule(table=table, subject=Subject.UNIT, effects={"accountability": A})],
        policy=LiabilityPolicy(levels=1, supervision=True),
    )


def leave_before_approval() -> RuleSet:
    """R5 (seed 001): leave taken before approval (先斩后奏) is punished double: the
    deduction is doubled, and a repeat within a year is doubled again (加倍处罚)."""
    table = DecisionTable.from_dict(
        {
            "name": "先斩后奏",
            "hit_policy": "FIRST",
            "inputs": ["leave_before_approval"],
            "outputs": ["deduction", "sanction"],
            "rules": [
                {"when": [">= 1"], "then": [1, "通报批评"], "annotation": "未经批准先行休假"},
            ],
        }
    )
    rule = Rule(
        table=table,
        subject=Subject.PERSON,
        effects={"deduction": D, "sanction": S},
        host_facts=["leave_before_approval"],
        aggravation=Aggravation(reason="先斩后奏，加倍处罚", factor=2),
        escalation=Escalation.multiply(factor=2, window=12, window_unit=WindowUnit.MONTHS),
    )
    return RuleSet(name="R5 先斩后奏加倍处罚", source="seed 001", rules=[rule])


def escalated_complaints() -> RuleSet:
    """R6 (seed 002): verified complaints escalated past the unit count strictly against the
    unit and the people responsible."""
    table = DecisionTable.from_dict(
        {
            "name": "属实越级投诉",
            "hit_policy": "FIRST",
            "inputs": ["escalated_verified_complaints"],
            "outputs": ["deduction", "sanction", "accountability"],
            "rules": [
                {"when": [">= 3"], "then": [6, "诫勉谈话", True], "annotation": "三起及以上"},
                {"when": ["[2..3)"], "then": [4, "通报批评", True], "annotation": "两起"},
                {"when": ["[1..2)"], "then": [2, "提醒", True], "annotation": "一起"},
            ],
        }
    )
    rule = Rule(
        table=table,
        subject=Subject.UNIT,
        effects={"deduction": D, "sanction": S, "accountability": A},
    )
    return RuleSet(
        name="R6 属实越级投诉从严考核",
        source="seed 002",
        rules=[rule],
        policy=LiabilityPolicy(levels=1, supervision=False),
    )


def late_rectification() -> RuleSet:
    """R9 (seed 002): uncorrected errors and incomplete rectification are followed up on the
    people responsible: the longer the delay, the higher the rung.  A measure done late is
    late too (``max_days_late``): finishing 40 days after the deadline does not erase it."""
    table = DecisionTable.from_dict(
        {
            "name": "整改逾期",
            "hit_policy": "FIRST",
            "inputs": ["max_days_late"],
            "outputs": ["sanction", "accountability"],
            "rules": [
                {"when": [">= 30"], "then": ["诫勉谈话", True], "annotation": "逾期30日以上"},
                {"when": [">= 10"], "then": ["通报批评", False], "annotation": "逾期10日以上"},
                {"when": [">= 1"], "then": ["提醒", False], "annotation": "逾期"},
            ],
        }
    )
    rule = Rule(
        table=table,
        subject=Subject.PERSON,
        effects={"sanction": S, "accountability": A},
        escalation=Escalation.ladder(window=90, window_unit=WindowUnit.DAYS),
    )
    return RuleSet(name="R9 整改逾期责任追究", source="seed 002", rules=[rule])


def unanswered_opinions() -> RuleSet:
    """R10 (seed 002): every opinion gets its answer in time, and late handling must never
    produce a repeated complaint."""
    table = DecisionTable.from_dict(
        {
            "name": "回音与重复投诉",
            "hit_policy": "COLLECT",
            "inputs": ["unanswered_overdue", "repeated_complaints"],
            "outputs": ["sanction"],
            "rules": [
                {"when": [">= 1", "-"], "then": ["提醒"], "annotation": "答复逾期"},
                {"when": ["-", ">= 1"], "then": ["通报批评"], "annotation": "出现重复投诉"},
            ],
        }
    )
    rule = Rule(table=table, subject=Subject.UNIT, effects={"sanction": S})
    return RuleSet(name="R10 事事有回音", source="seed 002", rules=[rule])


def missed_key_work() -> RuleSet:
    """R12 (seeds 001, 003): sections and people who miss the month's key work are criticised
    at the staff meeting and explain in writing; violators are reported to their home unit.
    ``missed_key_work`` is a host fact (true or false) per person."""
    table = DecisionTable.from_dict(
        {
            "name": "月度重点工作未完成",
            "hit_policy": "FIRST",
            "inputs": ["missed_key_work"],
            "outputs": ["sanction", "notify_home_unit"],
            "rules": [
                {
                    "when": ["true"],
                    "then": ["书面说明/检查", True],
                    "annotation": "干部职工会议通报批评，并作出书面说明和检查",
                },
            ],
        }
    )
    rule = Rule(
        table=table,
        subject=Subject.PERSON,
        effects={"sanction": S, "notify_home_unit": N},
        host_facts=["missed_key_work"],
    )
    return RuleSet(name="R12 月度重点工作未完成", source="seeds 001, 003", rules=[rule])


def annual_assessment_link() -> RuleSet:
    """R13 (seed 000): conduct work counts in the annual assessment, tied to reward and
    punishment.  ``grade`` is a host fact per unit: its appraisal grade."""
    table = DecisionTable.from_dict(
        {
            "name": "年度考核挂钩",
            "hit_policy": "UNIQUE",
            "inputs": ["grade"],
            "outputs": ["bonus", "deduction", "sanction"],
            "rules": [
                {"when": ["in 满意"], "then": [2, 0, "-"], "annotation": "评议满意，加分"},
                {"when": ["in 不满意"], "then": [0, 5, "黄牌警告"], "annotation": "评议不满意"},
            ],
        }
    )
    rule = Rule(
        table=table,
        subject=Subject.UNIT,
        effects={"bonus": B, "deduction": D, "sanction": S},
        host_facts=["grade"],
    )
    return RuleSet(name="R13 考核结果奖惩挂钩", source="seed 000", rules=[rule])


def standard_rules() -> tuple[RuleSet, ...]:
    """Every rule set of the catalogue, in the order of the rules they state."""
    return (
        supervision_joint_liability(),
        leave_before_approval(),
        escalated_complaints(),
        late_rectification(),
        unanswered_opinions(),
        missed_key_work(),
        annual_assessment_link(),
    )
