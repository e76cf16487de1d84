"""Reports: documents as data, numbered the Chinese way, generated from a campaign."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import strategies
from xingfeng import (
    Campaign,
    CampaignPlan,
    Change,
    Complaint,
    InvalidArgument,
    Opinion,
    Report,
    Section,
    Source,
    StageTemplate,
    Table,
    TimeLimit,
    TransitionReport,
    chinese_numeral,
    circular,
    evaluate,
    late_rectification,
    rank,
    stage_report,
)
from xingfeng.serialization import from_json, to_json

# ---- numbering and rendering


@given(st.integers(min_value=1, max_value=99))
def test_chinese_numerals_read_back_to_their_number(n: int) -> None:
    """一 … 九十九: each numeral names one number, in the usual reading."""
    text = chinese_numeral(n)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)
    else:
        value = digits[text]
    assert value == n
    assert "零" not in text


@pytest.mark.parametrize("n", [0, 100, -1, True, "1", 1.0])
def test_a_number_outside_one_to_ninety_nine_has_no_section_numeral(n: object) -> None:
    with pytest.raises(InvalidArgument) as refused:
        chinese_numeral(n)  # type: ignore[arg-type]
    assert refused.value.name == "n"


def _walk(sections: tuple[Section, ...], level: int) -> list[tuple[int, int, str]]:
    found = []
    for number, section in enumerate(sections, 1):
        found.append((level, number, section.title))
        found += _walk(section.sections, level + 1)
    return found


def _heading(level: int, number: int, title: str) -> str:
    if level == 1:
        return f"## {chinese_numeral(number)}、{title}"
    if level == 2:
        return f"### （{chinese_numeral(number)}）{title}"
    return f"{'#' * min(level + 1, 6)} {number}. {title}"


@given(strategies.reports)
def test_sections_are_numbered_in_order_at_every_level(report: Report) -> None:
    """一、二、 at the top, （一）（二） below, then 1. 2.: every section once, in order."""
    markdown = report.markdown()
    headings = [line for line in markdown.splitlines() if re.match(r"#{2,6} ", line)]
    assert headings == [_heading(*entry) for entry in _walk(report.sections, 1)]
    assert markdown.splitlines()[0] == f"# {report.title}"


@given(strategies.tables())
def test_every_table_is_rendered_with_one_line_per_row_and_escaped_cells(table: Table) -> None:
    """A cell's '|' cannot break the table, nor a newline its row."""
    caption, blank, head, rule, *rows = table.markdown().split("\n")
    assert (caption, blank) == (f"**{table.caption}**", "")
    assert rule == "| " + " | ".join(["---"] * len(table.columns)) + " |"
    assert len(rows) == len(table.rows)
    for shown, row in zip([head, *rows], [table.columns, *table.rows], strict=True):
        cells = re.split(r"(?<!\\) \| ", shown[2:-2])
        assert [c.replace("\\|", "|") for c in cells] == [str(c).replace("\n", " ") for c in row]


@given(strategies.reports)
def test_a_report_survives_json(report: Report) -> None:
    assert from_json(to_json(report), Report) == report


def test_a_table_refuses_rows_of_the_wrong_width_and_cells_it_cannot_show() -> None:
    """Every row has a cell per column; cells are shown as given, so only str and int."""
    with pytest.raises(InvalidArgument) as refused:
        Table(caption="整改", columns=("项目", "数量"), rows=[("问题", 3, "多余")])
    assert refused.value.name == "整改.rows[1]"
    for cell in (1.5, Decimal("1.5"), True, None):
        with pytest.raises(InvalidArgument) as refused:
            Table(caption="整改", columns=("项目", "数量"), rows=[("问题", cell)])
        assert "display()" in refused.value.expected
    with pytest.raises(InvalidArgument):
        Table(caption="整改", columns=())


@pytest.mark.parametrize("title", ["", "  ", "第一行\n第二行", 1])
def test_a_title_is_one_line(title: object) -> None:
    """A heading that spans lines would break the document's structure."""
    with pytest.raises(InvalidArgument) as refused:
        Section(title=title)  # type: ignore[arg-type]
    assert refused.value.name == "title"


def test_sections_and_tables_are_found_by_title_and_caption() -> None:
    table = Table(caption="整改", columns=("项目", "数量"), rows=[("问题", 3), ("措施", 5)])
    report = Report(
        title="通报",
        issuer="市燃气总公司",
        on=date(2026, 6, 30),
        sections=[Section(title="总体情况", tables=[table])],
    )
    assert report.section("总体情况").table("整改").column("数量") == (3, 5)
    with pytest.raises(InvalidArgument, match="总体情况"):
        report.section("下步要求")
    with pytest.raises(InvalidArgument, match="整改"):
        report.section("总体情况").table("排名")
    with pytest.raises(InvalidArgument, match="项目"):
        table.column("状态")
    with pytest.raises(InvalidArgument):
        Section(title="总体情况", sections=["不是章节"])


# ---- generated from a campaign


def at(month: int, day: int, hour: int = 9) -> pendulum.DateTime:
    return pendulum.datetime(2026, month, day, hour, tz="Asia/Shanghai")


def small_campaign() -> Campaign:
    """A campaign without a chain: names are the ids, the organiser issues the reports."""
    plan = CampaignPlan(
        name="2026年民主评议行风",
        organiser="市纠风办",
        first=date(2026, 3, 2),
        last=date(2026, 12, 31),
        stages=StageTemplate.five_characters().plan(
            [
                (date(2026, 3, 2), date(2026, 4, 30)),
                (date(2026, 5, 6), date(2026, 6, 30)),
                (date(2026, 7, 1), date(2026, 8, 31)),
                (date(2026, 9, 1), date(2026, 10, 30)),
                (date(2026, 11, 2), date(2026, 12, 18)),
            ]
        ),
        appraised=("north", "south"),
    )
    campaign = Campaign.launch(plan, at=at(3, 2), by="局长")
    escalated = Complaint(
        channel="12345", complainant="市民", escalated=True, forwarded_by="市热线"
    )
    for key, unit, complaint in (("C1", "north", escalated), ("C2", "south", None)):
        campaign.receive_opinion(
            Opinion(id=key, source=Source.COMPLAINT if complaint else Source.RATER, unit=unit,
                    text="办事拖拉", complaint=complaint, received_at=at(3, 10)),
            at=at(3, 10, 10), by="办公室",
        )  # fmt: skip
    campaign.record_problem("P1", unit="north", title="办事拖拉", opinions=["C1"], owner="王科长",
                            at=at(3, 11), by="局长")  # fmt: skip
    campaign.record_problem(
        "P2", unit="south", title="态度生硬", owner="李科长", at=at(3, 11), by="局长"
    )
    campaign.add_measure("M1", problem="P1", title="限时办结", owner="王科长",
                         due=TimeLimit.working_days(5), at=at(3, 12), by="局长")  # fmt: skip
    campaign.add_measure("M2", problem="P2", title="文明用语培训", owner="李科长",
                         due=date(2026, 4, 30), at=at(3, 12), by="局长")  # fmt: skip
    campaign.complete_measure("M2", evidence="培训签到表", at=at(4, 1), by="李科长")
    return campaign


def test_a_stage_report_counts_what_happened_up_to_its_day_only() -> None:
    """Generated on 31 March, the report counts the records of March and lists P1, whose measure
    is late, as open and overdue; P2 is rectified but not closed, so open too."""
    campaign = small_campaign()
    transition = stage_report(campaign, on=date(2026, 3, 31), next_plan=["四月开展整改"])
    assert isinstance(transition, TransitionReport)
    figures = transition.filing.figures
    assert figures["意见建议"] == 2
    assert figures["已完成措施"] == 0  # M2 was done on 1 April
    assert figures["逾期措施"] == 1
    assert transition.filing.open_problems == ("P1", "P2")
    report = transition.report
    assert report.title == "2026年民主评议行风查阶段总结暨转段报告"
    assert report.issuer == "市纠风办"
    rows = report.section("存在的问题").table("未销号问题清单").rows
    assert rows[0] == ("P1", "办事拖拉", "north", "王科长", "2026-03-19", "整改中（逾期）")
    assert [s.title for s in report.sections] == [
        "工作开展情况", "征求意见及归类情况", "整改落实情况", "存在的问题", "下阶段工作安排",
    ]  # fmt: skip
    plan = report.section("下阶段工作安排")
    assert plan.paragraphs == ("下一阶段为改阶段，时间为2026年5月6日至2026年6月30日。",)
    assert plan.items == ("四月开展整改",)
    assert transition.filing.next_plan == "四月开展整改"
    assert "## 四、存在的问题" in transition.markdown()


def test_a_stage_report_states_rates_only_over_something_to_count() -> None:
    """A rate over no cases is undefined and is said so, never shown as 0% or 100%."""
    campaign = small_campaign()
    progress = stage_report(campaign, on=date(2026, 3, 31)).report.section("整改落实情况")
    rows = dict(progress.table("整改落实情况").rows)
    assert rows["整改完成率"] == "0.00%（0/2）"
    assert rows["答复率"] == "0.00%（0/2）"
    assert rows["满意率"] == "—（无应计事项）"


def test_stage_report_refuses_a_plan_that_is_not_lines_and_a_day_that_is_not_a_date() -> None:
    campaign = small_campaign()
    with pytest.raises(InvalidArgument) as refused:
        stage_report(campaign, on=date(2026, 3, 31), next_plan="四月开展整改")
    assert refused.value.name == "next_plan"
    with pytest.raises(InvalidArgument) as refused:
        stage_report(campaign, on=at(3, 31))  # type: ignore[arg-type]
    assert refused.value.name == "on"


def test_a_circular_gives_the_periods_figures_ranking_findings_indicators_and_what_is_late() -> (
    None
):
    campaign = small_campaign()
    on = date(2026, 4, 30)
    findings = evaluate(campaign, on, [late_rectification()])
    ranking = rank({"north": 88, "south": 92})
    water = Change(name="用水量", before=8138, after=5078, unit="吨")
    report = circular(
        campaign,
        since=date(2026, 4, 1),
        on=on,
        ranking=ranking,
        names={"north": "北区所", "south": "南区所"},
        findings=findings,
        indicators=[water],
    )
    assert [s.title for s in report.sections] == [
        "总体情况", "各单位整改进度", "考核排名", "通报事项", "主要指标同比", "工作要求",
    ]  # fmt: skip
    overview = dict(report.section("总体情况").table("本期情况").rows)
    assert overview["收到意见建议"] == 0  # both came in March
    assert overview["完成整改措施"] == 1
    assert overview["未销号问题（累计）"] == 2
    assert report.section("考核排名").table("考核排名").rows == (
        (1, "南区所", "92.00", ""),
        (2, "北区所", "88.00", ""),
    )
    shown = {"north": "北区所", "south": "南区所"}
    assert report.section("通报事项").items == tuple(f.explain(shown) for f in findings)
    assert report.section("主要指标同比").table("主要指标同比").rows == (
        ("用水量（吨）", "8138", "5078", "-37.60%"),
    )
    assert report.section("工作要求").items == (
        "北区所整改措施 M1 应于2026年3月19日完成，已逾期（责任人：王科长），请说明原因并限期完成。",
        "北区所意见答复 C1 应于2026年3月31日完成，已逾期（责任人：王科长），请说明原因并限期完成。",
        "南区所意见答复 C2 应于2026年3月31日完成，已逾期（责任人：未明确），请说明原因并限期完成。",
    )
    progress = report.section("各单位整改进度").table("各单位整改进度")
    assert progress.rows == (("北区所", 1, 0, 1, 1), ("南区所", 1, 0, 1, 0))
    assert report.title == "关于2026年民主评议行风工作情况的通报"


def test_a_circular_without_optional_parts_has_only_its_fixed_sections() -> None:
    campaign = small_campaign()
    report = circular(campaign, since=date(2026, 3, 1), on=date(2026, 3, 12), title="三月通报")
    assert [s.title for s in report.sections] == ["总体情况", "各单位整改进度", "工作要求"]
    assert report.section("工作要求").items == ("各单位整改事项均在时限内，请继续按期推进。",)
    escalated = dict(report.section("总体情况").table("本期情况").rows)["其中：越级投诉"]
    assert escalated == 1


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"since": date(2026, 5, 1), "on": date(2026, 4, 1)}, "since"),
        ({"since": date(2026, 4, 1), "on": date(2026, 5, 1), "ranking": {"a": 1}}, "ranking"),
        ({"since": date(2026, 4, 1), "on": date(2026, 5, 1), "findings": ["违纪"]}, "findings"),
        ({"since": date(2026, 4, 1), "on": date(2026, 5, 1), "indicators": [1]}, "indicators"),
    ],
)
def test_a_circular_refuses_what_it_cannot_report(kwargs: dict[str, object], named: str) -> None:
    with pytest.raises(InvalidArgument) as refused:
        circular(small_campaign(), **kwargs)  # type: ignore[arg-type]
    assert refused.value.name == named


def test_a_stage_without_activities_or_opinions_says_so_without_empty_tables() -> None:
    """Nothing planned, nothing received: a sentence each, not a table of nothing."""
    plan = small_campaign().plan
    campaign = Campaign.launch(plan, at=at(3, 2), by="局长")
    report = stage_report(campaign, on=date(2026, 3, 3)).report
    work = report.section("工作开展情况")
    assert work.paragraphs == (
        "查阶段自2026年3月2日至2026年4月30日。",
        "应开展自查自纠的科室（单位）2个，已提交自查报告0个。",
    )
    assert [t.caption for t in work.tables] == ["转段条件"]
    intake = report.section("征求意见及归类情况")
    assert intake.paragraphs == ("本阶段未收到意见建议，登记问题0个。",)
    assert intake.tables == ()
    assert report.section("存在的问题").paragraphs == ("本阶段征集的问题已全部整改销号。",)


def test_names_show_units_and_people_in_a_stage_report() -> None:
    campaign = small_campaign()
    names = {"north": "北区所", "王科长": "王建国"}
    rows = (
        stage_report(campaign, on=date(2026, 3, 31), names=names)
        .report.section("存在的问题")
        .tables[0]
        .rows
    )
    assert rows[0][2:4] == ("北区所", "王建国")


def test_indicators_are_shown_to_the_places_and_by_the_rounding_asked() -> None:
    """Seed 003 prints -37.6% for water and -5.03% (cut off) for electricity."""
    from decimal import ROUND_DOWN

    power = Change(name="用电量", before=Decimal("25.62"), after=Decimal("24.33"), unit="万度")
    water = Change(name="用水量", before=8138, after=5078, unit="吨")
    campaign = small_campaign()
    one = circular(campaign, since=date(2026, 4, 1), on=date(2026, 4, 30), indicators=[water],
                   places=1)  # fmt: skip
    assert one.section("主要指标同比").table("主要指标同比").column("同比") == ("-37.6%",)
    assert one.section("主要指标同比").items == ("用水量5078吨，比去年同期8138吨下降37.6%",)
    cut = circular(campaign, since=date(2026, 4, 1), on=date(2026, 4, 30), indicators=[power],
                   rounding=ROUND_DOWN)  # fmt: skip
    assert cut.section("主要指标同比").table("主要指标同比").column("同比") == ("-5.03%",)
    with pytest.raises(InvalidArgument) as refused:
        circular(campaign, since=date(2026, 4, 1), on=date(2026, 4, 30), indicators=[power],
                 places=-1)  # fmt: skip
    assert refused.value.name == "places"
