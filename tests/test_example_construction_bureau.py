"""examples/construction_bureau.py (seed 004): the construction bureau's two years of
文明单位创建, its three tiers, half-yearly self-checks and 77 proposals, run as a script and
as ``run()``."""

from __future__ import annotations

import runpy
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest

from xingfeng import Report
from xingfeng.serialization import from_json, to_json

SCRIPT = Path(__file__).resolve().parents[1] / "examples" / "construction_bureau.py"


@pytest.fixture(scope="module")
def report() -> Report:
    run = cast(Callable[[], Report], runpy.run_path(str(SCRIPT))["run"])
    return run()


def test_the_script_prints_the_report_with_the_seed_figures(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Run as a program, the script prints the report in Markdown: the three tiers, the four
    self-check dates, the 77 proposals at 100.00% on every rate, and 76/77 with one late."""
    runpy.run_path(str(SCRIPT), run_name="__main__")
    out = capsys.readouterr().out
    assert out.startswith("# 沙市区建设局创建文明单位工作情况汇报\n")
    assert "沙市区建设局　2010年1月8日" in out
    assert [line for line in out.splitlines() if line.startswith("## ")] == [
        "## 一、三级责任体系",
        "## 二、每半年自查一次",
        "## 三、公开承诺、限时办结",
        "## 四、建议提案办理",
        "## 五、一件逾期的影响",
    ]
    assert "| 一把手 | 负总责 | 周局长 | 一把手 | 沙市区建设局 | — |" in out
    assert "| 2009年上半年 | 2009-06-30 | 2009-06-30 |" in out
    assert (
        "| 合计 | 77 | 100.00%（77/77） | 100.00%（77/77） | 100.00%（77/77） | 100.00%（77/77） |"
    ) in out
    assert "办结率100%，见面率100%，反馈率100%，满意率100%。" in out
    assert "| 办结率 | 100.00%（77/77） | 98.70%（76/77） |" in out
    assert "目标“办结率≥100%”未达到：实际98.70%，差1/77（1.30个百分点）。" in out


def test_the_three_tiers_come_from_the_chain(report: Report) -> None:
    """R3: 一把手负总责 → 分管领导具体抓 → 创建小组抓落实, each tier driven by the one above,
    and the duties of the tiers in the order their prerequisites allow."""
    section = report.section("三级责任体系")
    tiers = section.table("三级责任")
    assert tiers.rows == (
        ("一把手", "负总责", "周局长", "一把手", "沙市区建设局", "—"),
        ("分管领导", "具体抓", "吴副局长", "分管领导", "沙市区建设局", "周局长"),
        ("创建小组", "抓落实", "王主任", "第一责任人", "文明创建办公室（创建小组）", "吴副局长"),
    )
    assert section.items[0] == "调整创建工作领导小组，对创建工作负总责（周局长）"
    assert section.items[-1] == "向区文明委汇报创建工作（周局长）"
    assert "创建小组成员李干事、赵干事由组长王主任带领" in section.paragraphs[1]


def test_a_self_check_is_held_in_every_half_year_and_a_missed_one_blocks_the_stage(
    report: Report,
) -> None:
    """R11: 每半年自查一次 on the last working day of each half-year, all four held; with the
    first half of 2009 skipped, the stage transition is refused (held in 3 of 4 periods) and the creation
    group's chain answers for it."""
    section = report.section("每半年自查一次")
    checks = section.table("半年自查")
    assert checks.column("应查日期") == ("2008-06-30", "2008-12-31", "2009-06-30", "2009-12-31")
    assert checks.column("实际开展") == checks.column("应查日期")
    missed, study = section.sections
    assert missed.title == "漏查一次则不能转段"
    assert any(
        p.endswith("held in 3 of 4 periods; missing 2009-01-01…2009-06-30")
        for p in missed.paragraphs
    )
    assert missed.items == (
        "王主任（第一责任人）：直接责任",
        "吴副局长（分管领导）：领导责任",
        "周局长（一把手）：领导责任",
    )
    # 105 weeks; the National Day week of 2008 had no working day at all.
    assert study.paragraphs[0].startswith("2008—2009年共105周，应组织集中学习104次")


def test_commitment_deadlines_follow_the_holiday_schedule(report: Report) -> None:
    """R17: a report received on the eve of National Day 2009: 24 hours, the same day, and
    working days that skip 1–8 October but count the make-up Saturday 10 October."""
    table = report.section("公开承诺、限时办结").table("公开承诺")
    assert table.column("时限") == ("24小时", "当日", "3个工作日", "5个工作日", "90日")
    assert table.column("最迟办结") == (
        "2009-10-01 16:30",
        "2009-09-30 23:59",
        "2009-10-12 23:59",
        "2009-10-14 23:59",
        "2009-12-29 23:59",
    )


def test_the_77_proposals_reach_every_rate_and_goal(report: Report) -> None:
    """R18: 77 proposals, 41 + 36 over the two years, every rate 100.00% (77/77) counted from
    the records and merged from its parts, and every rate goal met."""
    section = report.section("建议提案办理")
    rates = section.table("建议提案办理情况")
    assert rates.columns == ("类别", "件数", "办结率", "见面率", "反馈率", "满意率")
    assert rates.column("件数") == (24, 17, 21, 15, 77)
    assert rates.rows[-1] == ("合计", 77, *["100.00%（77/77）"] * 4)
    goals = section.table("目标检查")
    assert goals.column("目标") == ("办结率≥100%", "见面率≥100%", "反馈率≥100%", "满意率≥100%")
    assert goals.column("是否达到") == ("是",) * 4


def test_one_late_answer_drops_the_closing_rate_and_fires_r10(report: Report) -> None:
    """One proposal answered after its deadline: 办结率 76/77 = 98.70%, the others unchanged,
    the goal missed by exactly 1/77, and on the day after the deadline the R10 rule reminds
    the section that owes the answer."""
    section = report.section("一件逾期的影响")
    compared = section.table("逾期一件前后对比")
    assert compared.rows == (
        ("办结率", "100.00%（77/77）", "98.70%（76/77）"),
        ("见面率", "100.00%（77/77）", "100.00%（77/77）"),
        ("反馈率", "100.00%（77/77）", "100.00%（77/77）"),
    )
    assert "超过时限2009-06-22" in section.paragraphs[0]
    goal, finding = section.items
    assert "差1/77" in goal
    assert finding.startswith("2009-06-23：【R10 事事有回音】单位 szk")
    assert "unanswered_overdue = 1" in finding


def test_the_report_round_trips_through_json(report: Report) -> None:
    """The structured report serialises to JSON and back unchanged."""
    assert from_json(to_json(report), Report) == report
