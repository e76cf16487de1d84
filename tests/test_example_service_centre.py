"""examples/service_centre.py (seed 001): the service centre's October circular, with the
findings of its discipline rules, run as a script and as ``run()``."""

from __future__ import annotations

import runpy
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest

from xingfeng import Report
from xingfeng.serialization import from_json, to_json

SCRIPT = Path(__file__).resolve().parents[1] / "examples" / "service_centre.py"


@pytest.fixture(scope="module")
def report() -> Report:
    run = cast(Callable[[], Report], runpy.run_path(str(SCRIPT))["run"])
    return run()


def test_the_script_prints_the_circular_with_the_seed_rules_applied(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Run as a program, the script prints the circular in Markdown: the doubled points for
    先斩后奏, the notices to home units and the supervision office's joint liability."""
    runpy.run_path(str(SCRIPT), run_name="__main__")
    out = capsys.readouterr().out
    assert out.startswith("# 关于2004年10月机关干部作风整顿工作情况的通报\n")
    assert "开县行政服务中心　2004年10月29日" in out
    assert "处理：扣2分：未经批准先行休假（先斩后奏，加倍处罚，×2）" in out
    assert (
        "处理：扣4分：未经批准先行休假（先斩后奏，加倍处罚，×2）（12个月内再犯×2：再犯1次）" in out
    )
    assert "处理：向县建委通报吴办事员：屡查屡犯，严肃处理" in out
    assert "责任：连带责任：陈首席代表 → 唐主任" in out
    assert "唐主任本月负连带责任3次" in out
    assert "本月向县建委、县国土房管局通报3人次。县工商局派驻人员本月无违纪，不予通报。" in out
    assert "建设窗口整改措施 M6 应于2004年9月28日完成，已逾期（责任人：陈首席代表）" in out


def test_the_report_has_the_centre_the_ledger_and_the_circular_sections(report: Report) -> None:
    """The centre and its ledger come first, the circular's own sections around the rule
    outcomes, and its work requirements last."""
    assert [s.title for s in report.sections] == [
        "中心组织与责任链",
        "前阶段工作情况",
        "本月考勤与纪律台账",
        "总体情况",
        "各单位整改进度",
        "通报事项",
        "个人处理",
        "责任追究",
        "向原单位通报",
        "工作要求",
    ]
    chain = report.section("中心组织与责任链").table("责任链")
    at = chain.column("人员").index("向办事员")
    assert chain.rows[at] == (
        "向办事员",
        "工作人员",
        "国土房管窗口",
        "县国土房管局",
        "向办事员 → 黄首席代表 → 谭副主任 → 冉主任",
    )


def test_leave_before_approval_is_punished_double_and_a_repeat_double_again(
    report: Report,
) -> None:
    """R5: the catalogue's 1 point becomes 2 for 先斩后奏, and 4 for 杨收费员, who already
    did it in August; leave approved in advance (周办事员) brings nothing."""
    doubled = report.section("个人处理").table("先斩后奏加倍处罚")
    assert [row[:2] for row in doubled.rows] == [("向办事员", "2"), ("杨收费员", "4")]
    why = dict(zip(doubled.column("人员"), doubled.column("说明"), strict=True))
    assert "先斩后奏，加倍处罚，×2" in str(why["向办事员"])
    assert "再犯" not in str(why["向办事员"])
    assert "12个月内再犯×2：再犯1次" in str(why["杨收费员"])
    people = report.section("个人处理").table("个人处理")
    assert "周办事员" not in people.column("人员")
    assert set(zip(people.column("人员"), people.column("处理"), strict=True)) == {
        ("向办事员", "通报批评"),
        ("杨收费员", "通报批评"),
        ("吴办事员", "诫勉谈话"),  # two violations in the month
        ("李考核员", "通报批评"),
        ("熊科长", "书面说明/检查"),  # 综合科 missed the month's key work
        ("陈首席代表", "书面说明/检查"),
    }


def test_self_inspection_closed_with_a_stage_report_generated_from_the_records(
    report: Report,
) -> None:
    """The 自查自纠 stage was closed by the generated report: six problems from the review,
    six measures, and M6 already past its 28 September deadline on 30 September."""
    earlier = report.section("前阶段工作情况")
    figures = dict(earlier.table("自查自纠阶段情况").rows)
    assert figures["归类问题"] == 6
    assert figures["整改措施"] == 6
    assert figures["已完成措施"] == 0
    assert figures["逾期措施"] == 1
    assert earlier.paragraphs[0].startswith("自查自纠阶段：收到意见建议0条，归类为问题6个")
    assert earlier.paragraphs[1].endswith("狠抓作息时间；狠抓上班纪律；狠抓服务建设。")


def test_the_ledger_counts_what_outsiders_found_as_the_rules_do(report: Report) -> None:
    """The ledger's count of violations found on covert visits is the one the supervision
    rule reads: one finding of 监督不力 per unit, three violations in all."""
    ledger = report.section("本月考勤与纪律台账")
    assert "本月查处违反上班纪律5起，其中县领导、行评代表暗访发现3起" in ledger.paragraphs[0]
    slack = report.section("责任追究").table("责任追究").column("依据")
    assert slack.count("001 上班纪律（监督不力）") == 3


def test_the_supervision_office_bears_joint_liability_for_what_it_let_slide(
    report: Report,
) -> None:
    """R4: violations found by outsiders' covert visits, and a measure 31 days late, reach
    the window's head, the deputy one level up and, jointly, 唐主任; his own office's
    violation reaches him directly and the director above him."""
    table = report.section("责任追究").table("责任追究")
    assert table.rows == (
        ("001 上班纪律（监督不力）", "国土房管窗口", "黄首席代表", "黄首席代表 → 谭副主任",
         "黄首席代表 → 唐主任"),
        ("001 上班纪律（监督不力）", "建设窗口", "陈首席代表", "陈首席代表 → 谭副主任",
         "陈首席代表 → 唐主任"),
        ("001 上班纪律（监督不力）", "监督管理办公室", "唐主任", "唐主任 → 冉主任", "—"),
        ("R4 监督失职连带责任（整改逾期追究连带责任）", "建设窗口", "陈首席代表",
         "陈首席代表 → 谭副主任", "陈首席代表 → 唐主任"),
    )  # fmt: skip
    assert "最长逾期未完成天数 = 31" in "\n".join(report.section("通报事项").items)


def test_only_seconded_violators_are_reported_to_their_home_units(report: Report) -> None:
    """R12: the home units of seconded violators are told; the centre's own staff are not
    reported anywhere outside, and a bureau whose people kept the rules hears nothing."""
    notices = report.section("向原单位通报").table("向原单位通报")
    assert [row[:2] for row in notices.rows] == [
        ("县建委", "吴办事员"),
        ("县建委", "陈首席代表"),
        ("县国土房管局", "向办事员"),
    ]
    assert "县工商局" not in notices.column("原单位")
    assert "李考核员、杨收费员为中心自有人员" in report.section("向原单位通报").paragraphs[0]


def test_the_circular_counts_the_month(report: Report) -> None:
    """The circular's figures come from the campaign's records for October."""
    overview = dict(report.section("总体情况").table("本期情况").rows)
    assert overview["收到意见建议"] == 1
    assert overview["完成整改措施"] == 5
    assert overview["未销号问题（累计）"] == 4
    assert overview["逾期事项（累计）"] == 1
    progress = report.section("各单位整改进度").table("各单位整改进度")
    assert ("建设窗口", 1, 0, 1, 1) in progress.rows


def test_the_report_survives_json(report: Report) -> None:
    """The report serialises to JSON and back unchanged."""
    assert from_json(to_json(report), Report) == report
