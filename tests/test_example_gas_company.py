"""examples/gas_company.py (seed 000): stage two of a 民主评议行风 to its transition report,
run as a script and as ``run()``: the chain (R1, R2), the 8 items that the seed counts as
2 + 2 + 3 (R20), the late measure found by the rules (R9), the sections' ranking, and the
generated stage report filed as the stage closes."""

from __future__ import annotations

import runpy
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest

from xingfeng import Report
from xingfeng.serialization import from_json, to_json

SCRIPT = Path(__file__).resolve().parents[1] / "examples" / "gas_company.py"


@pytest.fixture(scope="module")
def report() -> Report:
    run = cast(Callable[[], Report], runpy.run_path(str(SCRIPT))["run"])
    return run()


def test_the_script_prints_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(SCRIPT), run_name="__main__")
    out = capsys.readouterr().out
    assert out.startswith(
        "# 市燃气总公司民主评议行风：第二阶段演示\n\n市燃气总公司　2026年6月30日\n"
    )
    assert "## 五、2026年民主评议行风自查自纠阶段总结暨转段报告" in out
    assert "### （四）存在的问题" in out


def test_every_holder_is_driven_by_the_level_above(report: Report) -> None:
    rows = report.section("责任体系").table("责任体系").rows
    assert [(row[0], row[3]) for row in rows] == [
        ("赖总经理", "—"),
        ("何副总经理", "赖总经理"),
        ("方科长", "何副总经理"),
        ("陆科长", "赖总经理"),
        ("邱科长", "何副总经理"),
    ]


def test_the_seeds_eight_items_are_caught_and_the_librarys_counts_add_up(report: Report) -> None:
    """R20: 2 + 2 + 3 is not 8; opinions per source add up; items per source count an item
    once for each source that raised it, so they add up to more than the items."""
    table = report.section("意见归类与问题清单").table("归类意见的来源")
    assert table.rows == (
        ("原报告所述", 8, 2, 2, 3, "各项之和7，不符"),
        ("按意见计", 11, 4, 3, 4, "相符"),
        ("按问题计（一个问题可有多个来源）", 8, 3, 3, 4, "各项之和10，不符"),
    )


def test_problems_have_owners_deadlines_and_states(report: Report) -> None:
    rows = report.section("意见归类与问题清单").table("问题清单").rows
    assert [r[2:] for r in rows] == [
        ("用户单位1、投诉1", "方科长", "2026-05-26", "已销号"),
        ("评议代表3、行风监督员1、用户单位2", "邱科长", "2026-06-18", "已销号"),
        ("评议代表1、行风监督员1", "陆科长", "2026-06-04", "已核查"),
        ("行风监督员1、用户单位1", "何副总经理", "2026-06-11", "整改中"),
    ]


def test_the_rules_find_the_measure_nineteen_days_late(report: Report) -> None:
    """R9: M5 still undone 19 days after its deadline, and M4, done 4 days late, which
    leaves a trace after it is done."""
    overdue, done_late = report.section("规则评价结果").items
    assert overdue.startswith(
        "【R9 整改逾期责任追究】个人 何副总经理：整改逾期 第2条（最长逾期天数 = 19）"
    )
    assert "通报批评：逾期10日以上" in overdue
    assert done_late.startswith(
        "【R9 整改逾期责任追究】个人 陆科长：整改逾期 第3条（最长逾期天数 = 4）"
    )
    assert "提醒" in done_late


def test_the_sections_are_ranked_by_the_users_questionnaire(report: Report) -> None:
    rows = report.section("科室测评与排名").table("科室行风测评").rows
    assert rows == (
        (1, "客户服务科", "94.70", "82.00%"),
        (2, "收费科", "90.50", "70.00%"),
        (3, "管网科", "89.50", "66.00%"),
    )


def test_the_stage_report_is_generated_from_the_records(report: Report) -> None:
    stage = report.sections[-1]
    assert stage.title == "2026年民主评议行风自查自纠阶段总结暨转段报告"
    progress = dict(stage.sections[2].table("整改落实情况").rows)
    assert progress["意见建议"] == 12
    assert progress["整改措施"] == 7  # five, and M1 extended to two more sections (举一反三)
    assert progress["逾期措施"] == 1
    assert progress["整改完成率"] == "75.00%（3/4）"
    assert progress["答复率"] == "100.00%（12/12）"
    open_rows = stage.sections[3].table("未销号问题清单").rows
    assert [(r[0], r[5]) for r in open_rows] == [("P3", "已核查"), ("P4", "整改中（逾期）")]
    assert stage.sections[4].paragraphs == (
        "下一阶段为整改提高阶段，时间为2026年7月1日至2026年10月30日。",
    )


def test_the_report_survives_json(report: Report) -> None:
    assert from_json(to_json(report), Report) == report
