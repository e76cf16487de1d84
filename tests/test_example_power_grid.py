"""examples/power_grid.py (seed 002): a city power-supply company's 迎评, run as a script and
as ``run()``: the complaint breakdowns checked (R20), the rectification order (R8), closure
refused until every complainant is satisfied (R7), the November circular with the findings of
R6, R9 and R10, and the 22-target ranking with its goal (R14, R15)."""

from __future__ import annotations

import runpy
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest

from xingfeng import Report
from xingfeng.serialization import from_json, to_json

SCRIPT = Path(__file__).resolve().parents[1] / "examples" / "power_grid.py"


@pytest.fixture(scope="module")
def report() -> Report:
    run = cast(Callable[[], Report], runpy.run_path(str(SCRIPT))["run"])
    return run()


def test_the_script_prints_the_report_with_the_mismatch_the_speech_contains(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Run as a program, the script prints the report in Markdown: the escalated complaints
    add up, the 71 complaints do not (74 by category), and the goal check is stated; no
    English library message reaches the report."""
    runpy.run_path(str(SCRIPT), run_name="__main__")
    out = capsys.readouterr().out
    assert out.startswith("# 市供电公司迎接全市民主评议政风行风工作情况报告\n")
    assert "市供电公司　2023年12月28日" in out
    assert "越级投诉（按转办单位）：25 + 3 + 7 + 17 = 52，与合计相符" in out
    assert "越级投诉（按问题类型）：21 + 16 + 7 + 5 + 1 + 1 + 1 = 52，与合计相符" in out
    assert (
        "客户投诉（按问题类别）：合计 71，各项之和 营销服务质量 36 + 供电质量 12 + 业扩报装 6 + "
        "供电故障处理 15 + 家用电器损坏 2 + 电网改造 1 + 其他 2 = 74（相差 +3）"
    ) in out
    assert "核对发现：客户投诉（按问题类别）各项之和为74件，比合计71件多3件" in out
    assert "Y52客户尚未回访满意，P5销号被拒绝（客户不满意不通过）。" in out
    assert "refused" not in out
    assert "not satisfied" not in out
    assert "目标：在22个全省公共服务类评议对象中排名前3、争取第1。" in out
    assert "排名第3：排名前3的目标实现，争取第1未实现，距第1名差2个名次、1.53分。" in out
    assert "若无属实越级投诉扣分，综合得分为96.97，可排名第1。" in out


def test_the_report_has_a_section_for_each_part_of_the_case(report: Report) -> None:
    """Complaints, order, closing, the circular and the assessment, in that order; the
    circular's own sections, with the rules' findings, are nested in its section."""
    assert [s.title for s in report.sections] == [
        "客户投诉情况",
        "整改顺序",
        "整改落实与销号",
        "整改情况通报",
        "问卷测评与排名",
    ]
    notice = report.section("整改情况通报")
    assert [s.title for s in notice.sections] == [
        "总体情况",
        "各单位整改进度",
        "通报事项",
        "工作要求",
    ]


def test_the_ledger_agrees_with_the_problems_the_complaints_were_merged_into(
    report: Report,
) -> None:
    """The ledger's topic counts and the merged complaints per problem are computed apart
    (one by counting records, one by merging them into problems); they must agree, and the
    circular counts the same 52 escalated complaints."""
    section = report.section("客户投诉情况")
    by_topic = dict(section.table("越级投诉按问题类型").rows)
    merged = dict(
        zip(
            report.section("整改顺序").table("问题整改顺序").column("编号"),
            report.section("整改顺序").table("问题整改顺序").column("归并投诉"),
            strict=True,
        )
    )
    assert merged["P5"] == cast(int, by_topic["业扩报装"]) + cast(int, by_topic["电价及收费"])
    assert merged["P6"] == by_topic["停限电"]
    assert merged["P4"] == cast(int, by_topic["供电质量"]) + cast(int, by_topic["家用电器"])
    assert merged["P1"] == by_topic["营业服务质量"]
    overview = report.section("整改情况通报").sections[0].table("本期情况")
    assert ("其中：越级投诉", by_topic["合计"]) in overview.rows
    assert section.table("越级投诉按转办单位").rows[-1] == ("合计", by_topic["合计"])
    assert not any("一致" in p for p in section.paragraphs)  # entered from the speech: no claim


def test_the_71_complaints_by_category_are_caught_adding_up_to_74(report: Report) -> None:
    """R20: the category table shows both figures and exactly one check fails, by +3."""
    section = report.section("客户投诉情况")
    categories = section.table("客户投诉按问题类别")
    assert categories.rows[-2:] == (("各项之和", 74), ("受理合计", 71))
    assert section.table("客户投诉按受理渠道").rows[-1] == ("合计", 71)
    (failing,) = [item for item in section.items if "相差" in item]
    assert failing.endswith("= 74（相差 +3）")


def test_the_problems_are_ordered_easy_serious_urgent_first(report: Report) -> None:
    """R8: 先易后难 decides first, then 先重后轻, then 先急后缓; each place names its
    deciding principle, and the complaints merged into each problem are counted."""
    table = report.section("整改顺序").table("问题整改顺序")
    assert table.column("编号") == ("P5", "P2", "P6", "P1", "P4", "P3")
    assert table.column("排序依据") == (
        "—",
        "先重后轻",
        "先易后难",
        "先急后缓",
        "先易后难",
        "先重后轻",
    )
    assert table.column("归并投诉") == (6, 0, 16, 7, 22, 0)
    assert sum(cast(int, n) for n in table.column("归并投诉")) == 51  # 举报窃电 stays apart


def test_closing_is_refused_until_every_complainant_is_satisfied(report: Report) -> None:
    """R7: P5 is refused closure while one complainant is not yet satisfied, then closes;
    P4 still has its 22 complainants to satisfy on the report day."""
    paragraphs = report.section("整改落实与销号").paragraphs
    refused = next(p for p in paragraphs if "销号被拒绝" in p)
    assert refused.startswith("11月15日申请销号：")
    assert "归并的6件投诉已答复6件，5件客户回访满意，Y52客户尚未回访满意" in refused
    assert "11月16日Y52客户回访满意，P5已销号。" in paragraphs
    (p4,) = [p for p in paragraphs if p.startswith("截至12月28日，P4")]
    assert "整改时限至12月29日，状态为“整改中”" in p4
    assert "（其中22件投诉客户尚未回访满意）" in p4


def test_the_stage_waits_for_the_overdue_measure(report: Report) -> None:
    """R9 as a gate: 整改提高 cannot close on 30 November while M4 is overdue; M4 is done on
    6 December, 20 days late, and the stage closes 8 days after its planned end."""
    paragraphs = report.section("整改落实与销号").paragraphs
    assert (
        "11月30日整改提高阶段到期，M4逾期未完成，不满足转段条件（整改措施无逾期），暂缓转段。"
    ) in paragraphs
    assert "12月6日M4完成，超过整改时限（11月16日）20天。" in paragraphs
    (moved,) = [p for p in paragraphs if p.startswith("12月8日转段")]
    assert moved.startswith("12月8日转段，比计划推迟8天。整改提高阶段：")
    assert "已销号1个，未销号5个" in moved


def test_the_circular_lists_the_rules_findings_and_the_overdue_measure(report: Report) -> None:
    """R6 fires for both departments on their verified escalated complaints (13 and 38),
    R9 for the owner of M4, 14 days late on 30 November, R10 for nobody (all answered);
    the circular names M4 as overdue."""
    notice = report.section("整改情况通报")
    assert notice.paragraphs[0].startswith("11月30日，市供电公司印发《关于截至11月底")
    assert (
        "列入通报事项：R6 属实越级投诉从严考核 2项，R9 整改逾期责任追究 1项，R10 事事有回音 0项。"
    ) in notice.paragraphs[0]
    overview = notice.sections[0].table("本期情况")
    assert dict(zip(overview.column("项目"), overview.column("数量"), strict=True)) == {
        "收到意见建议": 52,
        "其中：投诉": 52,
        "其中：越级投诉": 52,
        "新增问题": 6,
        "完成整改措施": 5,
        "未销号问题（累计）": 5,
        "逾期事项（累计）": 1,
    }
    findings = notice.sections[2]
    assert findings.title == "通报事项"
    marketing, operations, late = findings.items
    assert marketing.startswith("【R6 属实越级投诉从严考核】单位 营销部：")
    assert "（越级属实投诉件数 = 13）" in marketing
    assert "责任：领导责任：营销部主任 → 齐书记" in marketing
    assert operations.startswith("【R6 属实越级投诉从严考核】单位 运维检修部：")
    assert "（越级属实投诉件数 = 38）" in operations
    assert late.startswith("【R9 整改逾期责任追究】个人 运检部主任：")
    assert "（最长逾期天数 = 14）" in late
    assert "处理：通报批评" in late
    (requirement,) = notice.sections[-1].items
    assert requirement.startswith("运维检修部整改措施 M4 应于2023年11月16日完成，已逾期")


def test_the_goal_top_3_of_22_is_met_and_first_place_is_missed(report: Report) -> None:
    """R14, R15: 80 questionnaire points rank the province company first; with inspections
    and the deduction for verified escalated complaints it is third of 22: top 3 met."""
    section = report.section("问卷测评与排名")
    ranking = section.table("全省22个公共服务类评议对象综合考评排名")
    assert len(ranking.rows) == 22
    at = ranking.column("评议对象").index("省电力公司")
    assert ranking.rows[at] == (3, "省电力公司", "77.57", 1, 97, 6, "93.97")
    assert ranking.rows[0][:2] == (1, "省公积金中心")
    assert section.paragraphs[0].startswith("本次评议问卷调查占80分，日常明查暗访占20分")
    assert section.items[0] == "省电力公司 综合考评：93.97（满分100；四舍五入保留2位小数）"
    assert section.items[-1] == "扣分：属实越级投诉：-3.00 —— 6起 × 0.5分"


def test_the_report_round_trips_through_json(report: Report) -> None:
    """The report is data: it serialises to JSON and back unchanged."""
    assert from_json(to_json(report), Report) == report
