"""examples/logistics_bureau.py (seed 003): the 查改实固强 year of a county logistics bureau
runs as a script, and its report carries the figures the library computed."""

from __future__ import annotations

import runpy
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from xingfeng import Change, Report, Section, Table
from xingfeng.serialization import from_json, to_json

SCRIPT = Path(__file__).resolve().parents[1] / "examples" / "logistics_bureau.py"


@pytest.fixture(scope="module")
def report() -> Report:
    run: Callable[[], Report] = runpy.run_path(str(SCRIPT))["run"]
    return run()


def rows(section: Section, caption: str) -> dict[str, tuple[str | int, ...]]:
    """The rows of ``section``'s table ``caption``, by their first cell."""
    table: Table = section.table(caption)
    return {str(row[0]): row[1:] for row in table.rows}


def test_the_script_prints_the_report_as_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    """Run as a program, the script prints the six sections, the refused transition, the
    December circular with its energy table, and the seed's sentences regenerated."""
    runpy.run_path(str(SCRIPT), run_name="__main__")
    out = capsys.readouterr().out
    assert out.startswith("# 县机关事务管理局2011年深化“作风建设年”活动运行情况\n")
    assert [line for line in out.splitlines() if line.startswith("## ")] == [
        "## 一、查改实固强五个阶段",
        "## 二、转段把关",
        "## 三、一月一检查、每季一督查",
        "## 四、个人公开承诺与限时办结",
        "## 五、12月份通报",
        "## 六、节能降耗指标核算",
    ]
    assert "- 各科室已提交自查报告——未满足：机关车队" in out
    assert "| 2011-12-31 | 星期六（元旦调休上班） | 一月一检查 |" in out
    assert "| 机关大院用电量（万度） | 25.62 | 24.33 | -5.04% |" in out
    assert "| 机关大院用水量（吨） | 8138 | 5078 | -37.60% |" in out
    assert "| 机关大院用电量（万度） | 25.62 | 24.33 | -5.0351288% | -5.04% |" in out
    assert "按原文的舍入方式由两年用量重新计算，2项数字均与原文一致" in out
    assert "机关大院用电量24.33万度，比去年同期25.62万度下降5.03%" in out
    assert "机关大院用水量5078吨，比去年同期8138吨下降37.6%" in out


def test_the_stages_advance_through_their_gates_after_one_refusal(report: Report) -> None:
    """查 → 改 → 实 → 固 → 强: four transitions on the planned days, after the 查 stage was
    refused on 28 March because the motor pool had not handed in its self-inspection."""
    overview = report.section("查改实固强五个阶段")
    assert overview.paragraphs[1] == "截至年底已完成4次转段，目前处于强阶段。"
    assert overview.paragraphs[2].endswith("按事件重放所得的活动状态与当前一致。")
    stages = rows(overview, "阶段安排与转段")
    assert list(stages) == ["查", "改", "实", "固", "强"]
    assert [row[2] for row in stages.values()] == [
        "2011-03-31",
        "2011-05-31",
        "2011-08-31",
        "2011-10-31",
        "进行中",
    ]
    assert stages["改"][1] == "每个问题都有整改措施；阶段总结暨转段报告已提交"
    gates = report.section("转段把关")
    assert gates.paragraphs == (
        "2011年3月28日，查阶段申请转段，下列条件未满足，转段被拒，活动记录未作任何改动：",
    )
    assert gates.items == ("各科室已提交自查报告——未满足：机关车队",)
    assert gates.sections[0].paragraphs[0].startswith("条件补齐后，查阶段于2011年3月31日转段。")
    filed = rows(gates.sections[0], "阶段总结暨转段报告")
    assert list(filed) == ["查", "改", "实", "固"]
    assert str(filed["固"][1]).endswith("已销号4个，未销号1个。")


def test_the_rhythm_dates_twelve_checks_and_four_supervisions(report: Report) -> None:
    """一月一检查 on each month's last working day, 每季一督查 on the quarter's 10th-last
    day: 16 dates on the 2011 calendar, the last a make-up Saturday."""
    section = report.section("一月一检查、每季一督查")
    assert section.paragraphs[1] == "2011年共安排月度检查12次、季度督查4次。"
    days = rows(section, "2011年检查督查日程")
    assert [d for d, row in days.items() if row[1] == "每季一督查"] == [
        "2011-03-22",
        "2011-06-21",
        "2011-09-21",
        "2011-12-22",
    ]
    checks = [d for d, row in days.items() if row[1] == "一月一检查"]
    assert len(checks) == 12
    assert checks[3] == "2011-04-29"  # 30 April is 劳动节
    assert days["2011-12-31"] == ("星期六（元旦调休上班）", "一月一检查")


def test_commitments_have_owners_and_limits_and_one_is_late(report: Report) -> None:
    """Seven personal commitments: limits in working days become dates across holidays, six
    are met in time and the motor pool head's December one is not (6/7 = 85.71%)."""
    section = report.section("个人公开承诺与限时办结")
    table = section.table("个人公开承诺办结情况")
    assert len(table.rows) == 7
    by_title = {str(row[2]): row for row in table.rows}
    water = by_title["完成机关大院供水管网全面检修"]
    assert water[3:] == ("30个工作日", "2011-05-19", "2011-05-16", "按期办结")
    late = by_title["完成驾驶员“百日节油”竞赛总结评比，公布单车油耗"]
    assert late[0] == "吴队长"
    assert late[4:] == ("2011-12-20", "—", "逾期未办结")
    assert "孙师傅" in {row[0] for row in table.rows}  # a driver's commitment, not only heads'
    assert section.paragraphs[1].endswith("公开承诺7项，按期办结6项，办结率85.71%。")


def test_the_december_circular_carries_the_finding_and_the_indicators(report: Report) -> None:
    """The circular generated for 1–31 December names the late commitment, finds R12 against
    its owner, and reports the energy figures year on year: -5.04% (四舍五入) and -37.60%."""
    notice = report.section("12月份通报")
    assert [s.title for s in notice.sections] == [
        "总体情况",
        "各单位整改进度",
        "通报事项",
        "主要指标同比",
        "工作要求",
    ]
    by_title = {s.title: s for s in notice.sections}
    overview = rows(by_title["总体情况"], "本期情况")
    assert overview["未销号问题（累计）"] == (1,)
    assert overview["逾期事项（累计）"] == (1,)
    assert rows(by_title["各单位整改进度"], "各单位整改进度")["机关车队"] == (1, 0, 1, 1)
    (finding,) = by_title["通报事项"].items
    assert finding.startswith("【R12 月度重点工作未完成】个人 吴队长：")
    assert "书面说明/检查" in finding
    indicators = rows(by_title["主要指标同比"], "主要指标同比")
    assert indicators == {
        "机关大院用电量（万度）": ("25.62", "24.33", "-5.04%"),
        "机关大院用水量（吨）": ("8138", "5078", "-37.60%"),
    }
    (requirement,) = by_title["工作要求"].items
    assert requirement.startswith("机关车队整改措施 C3 应于2011年12月20日完成，已逾期")


def test_the_seeds_minus_5_03_is_the_truncation_of_minus_5_035(report: Report) -> None:
    """-1.29/25.62 is a fall of 5.0351288…%: 四舍五入 gives -5.04%, cutting off the digits
    (ROUND_DOWN) gives the seed's -5.03%; water is -37.6% to one place.  Both recomputed
    figures agree with the seed's, and the sentences are regenerated from the amounts."""
    section = report.section("节能降耗指标核算")
    energy = rows(section, "节能降耗同比核算")
    # columns: 去年, 今年, 七位小数, 四舍五入两位, 原文舍入方式, 按原文方式重算, 原文, 核对
    power = energy["机关大院用电量（万度）"]
    water = energy["机关大院用水量（吨）"]
    assert power[2:6] == ("-5.0351288%", "-5.04%", "截去尾数到两位小数", "-5.03%")
    assert water[2:6] == ("-37.6013763%", "-37.60%", "四舍五入到一位小数", "-37.6%")
    assert power[5:] == ("-5.03%", "-5.03%", "一致")
    assert water[5:] == ("-37.6%", "-37.6%", "一致")
    assert section.paragraphs[2].startswith(
        "按原文的舍入方式由两年用量重新计算，2项数字均与原文一致"
    )
    assert section.items == (
        "机关大院用电量24.33万度，比去年同期25.62万度下降5.03%",
        "机关大院用水量5078吨，比去年同期8138吨下降37.6%",
    )


def test_the_check_against_the_seed_can_fail() -> None:
    """Given an electricity figure the seed's -5.03% does not fit, the energy section says
    so: the 一致 above comes from a comparison, not from the text."""
    energy_section: Callable[[Sequence[Change]], Section] = runpy.run_path(str(SCRIPT))[
        "_energy_section"
    ]
    power = Change(
        name="机关大院用电量", before=Decimal("25.62"), after=Decimal("24.30"), unit="万度"
    )
    water = Change(name="机关大院用水量", before=8138, after=5078, unit="吨")
    section = energy_section([power, water])
    energy = rows(section, "节能降耗同比核算")
    assert energy["机关大院用电量（万度）"][5:] == ("-5.15%", "-5.03%", "不一致")
    assert energy["机关大院用水量（吨）"][7] == "一致"
    assert section.paragraphs[2].startswith(
        "按原文的舍入方式由两年用量重新计算，2项数字中1项与原文一致"
    )


def test_the_report_is_dated_by_the_rhythm_and_round_trips_through_json(
    report: Report,
) -> None:
    """The report is issued on December's check day, and serialises to JSON and back."""
    assert report.on == date(2011, 12, 31)
    assert from_json(to_json(report), Report) == report
