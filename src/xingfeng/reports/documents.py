"""Reports: structured documents made from a campaign, rendered to Markdown in Chinese.

A :class:`Report` is data: numbered :class:`Section`\\ s holding paragraphs, :class:`Table`\\ s
and items, nested as deep as the report needs.  :meth:`Report.markdown` renders it the way
these documents are written: 一、二、三 for sections, （一）（二） below them, then 1. 2.

Two reports are generated from a campaign, never typed by hand:

- :func:`stage_report`, the 阶段总结暨转段报告 that closes a stage: what was done, the
  figures, the open problems, the next stage's plan.  Its :attr:`TransitionReport.filing` is
  the :class:`~xingfeng.campaign.stages.StageReport` to file when the stage closes.
- :func:`circular`, the monthly 通报 (一月一查一通报一考核, R11): the month's figures, each
  unit's progress, the ranking, the findings of the rules, indicators year on year and what is
  overdue.

Both count what the campaign holds at the end of their day (:meth:`Campaign.as_of
<xingfeng.Campaign.as_of>`), so a report for a past day shows that day.

>>> report = Report(
...     title="关于行风建设工作情况的通报",
...     issuer="市燃气公司",
...     on=date(2026, 5, 6),
...     sections=(Section(title="总体情况", paragraphs=("本月共收到意见建议8条。",)),),
... )
>>> print(report.markdown())
# 关于行风建设工作情况的通报
<BLANKLINE>
市燃气公司　2026年5月6日
<BLANKLINE>
## 一、总体情况
<BLANKLINE>
本月共收到意见建议8条。
<BLANKLINE>
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_UP
from typing import TYPE_CHECKING, Any

import attrs

from xingfeng._checks import (
    items_of,
    local_date,
    plain_date,
    require_date,
    require_instance,
    require_items,
    require_mapping,
    to_tuple,
)
from xingfeng.assessment.ranking import Ranking
from xingfeng.assessment.rates import Change, Rate
from xingfeng.calendar import chinese_date, years_text
from xingfeng.campaign.gates import StageReported
from xingfeng.campaign.stages import Stage, StageReport
from xingfeng.exceptions import InvalidArgument
from xingfeng.rectification.answers import DueItem
from xingfeng.rectification.categories import Taxonomy
from xingfeng.rectification.measures import Measure, problem_deadlines
from xingfeng.rectification.problems import Problem, ProblemState
from xingfeng.rounding import display
from xingfeng.rules.evaluation import Finding

if TYPE_CHECKING:
    from xingfeng.campaign.aggregate import Campaign

__all__ = [
    "Report",
    "Section",
    "Table",
    "TransitionReport",
    "chinese_numeral",
    "circular",
    "stage_report",
]

Cell = str | int

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """``n`` (1–99) in Chinese numerals, as sections are numbered: 一, 十, 十一, 二十一.

    >>> [chinese_numeral(n) for n in (1, 9, 10, 11, 20, 21, 99)]
    ['一', '九', '十', '十一', '二十', '二十一', '九十九']
    """
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= 99:
        raise InvalidArgument(
            "n", n, "1 至 99 的整数（节的序号）", english="an int from 1 to 99 (a section number)"
        )
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else "十" if tens == 1 else _DIGITS[tens] + "十"
    return head + (_DIGITS[ones] if ones else "")


def _cells(instance: Table, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    if not isinstance(value, tuple):
        raise InvalidArgument(
            f"{instance.caption}.rows",
            value,
            "由行（单元格的 list 或 tuple）组成的 list 或 tuple",
            english="a list or tuple of rows (lists or tuples of cells)",
        )
    for number, row in enumerate(value, 1):
        if not isinstance(row, tuple) or len(row) != len(instance.columns):
            raise InvalidArgument(
                f"{instance.caption}.rows[{number}]",
                row,
                f"由 {len(instance.columns)} 个单元格组成的元组，各列 {instance.columns} 一个",
                english=(
                    f"a tuple of {len(instance.columns)} cells, one per column {instance.columns}"
                ),
            )
        for cell in row:
            if isinstance(cell, bool) or not isinstance(cell, str | int):
                raise InvalidArgument(
                    f"{instance.caption}.rows[{number}]",
                    cell,
                    "str 或 int 单元格（精确的数须先用 display() 舍入）",
                    english=(
                        "a cell that is a str or an int (round exact figures with display() first)"
                    ),
                )


def _rows(value: Iterable[Iterable[Cell]]) -> tuple[tuple[Cell, ...], ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        return value  # type: ignore[return-value]  # refused by the validator, by name
    return tuple(tuple(row) if isinstance(row, list) else row for row in value)  # type: ignore[misc]


def _columns(instance: Table, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    if not isinstance(value, tuple) or not value or any(not _is_line(c) for c in value):
        raise InvalidArgument(
            f"{instance.caption}.columns",
            value,
            "一个或多个列标题，每个只占一行",
            english="one or more column headings, each one line",
        )


def _is_line(value: object) -> bool:
    return (
        isinstance(value, str) and bool(value.strip()) and "\n" not in value and "\r" not in value
    )


def _one_line(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: one line of text, as a title, a caption or a heading must be."""
    if not _is_line(value):
        raise InvalidArgument(
            attribute.name, value, "只占一行的非空文字", english="a non-empty string on one line"
        )


@attrs.frozen(kw_only=True)
class Table:
    """A captioned table; every cell is a string or an int, as it is shown."""

    caption: str = attrs.field(validator=_one_line)
    columns: tuple[str, ...] = attrs.field(converter=to_tuple, validator=_columns)
    rows: tuple[tuple[Cell, ...], ...] = attrs.field(default=(), converter=_rows, validator=_cells)

    def column(self, heading: str) -> tuple[Cell, ...]:
        """The cells under ``heading``, top to bottom."""
        if heading not in self.columns:
            raise InvalidArgument(
                "heading",
                heading,
                f"以下各列之一：{self.columns}",
                english=f"one of the columns {self.columns}",
            )
        at = self.columns.index(heading)
        return tuple(row[at] for row in self.rows)

    def markdown(self) -> str:
        """The table as a caption line and a Markdown (GFM) table."""
        lines = [
            f"**{self.caption}**",
            "",
            _line(self.columns),
            _line(("---",) * len(self.columns)),
        ]
        lines += [_line(row) for row in self.rows]
        return "\n".join(lines)


def _line(cells: Sequence[Cell]) -> str:
    shown = (str(c).replace("|", "\\|").replace("\n", " ") for c in cells)
    return "| " + " | ".join(shown) + " |"


@attrs.frozen(kw_only=True)
class Section:
    """A numbered section: paragraphs, then tables, then items, then its own sections."""

    title: str = attrs.field(validator=_one_line)
    paragraphs: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(str)
    )
    tables: tuple[Table, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(Table)
    )
    items: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=items_of(str))
    sections: tuple[Section, ...] = attrs.field(default=(), converter=to_tuple)

    @sections.validator
    def _subsections(self, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        # Checked here because the class cannot name itself while it is being defined.
        items_of(Section)(self, attribute, value)

    def table(self, caption: str) -> Table:
        """This section's table captioned ``caption``."""
        for found in self.tables:
            if found.caption == caption:
                return found
        have = tuple(t.caption for t in self.tables)
        raise InvalidArgument(
            "caption",
            caption,
            f"本节的表格之一：{have}",
            english=f"one of this section's tables {have}",
        )


def _heading(level: int, number: int, title: str) -> str:
    if level == 1:
        return f"## {chinese_numeral(number)}、{title}"
    if level == 2:
        return f"### （{chinese_numeral(number)}）{title}"
    return f"{'#' * min(level + 1, 6)} {number}. {title}"


def _render(section: Section, level: int, number: int, out: list[str]) -> None:
    out += [_heading(level, number, section.title), ""]
    for paragraph in section.paragraphs:
        out += [paragraph, ""]
    for table in section.tables:
        out += [table.markdown(), ""]
    if section.items:
        out += [
            f"{n}. {item}" if level >= 2 else f"- {item}" for n, item in enumerate(section.items, 1)
        ]
        out.append("")
    for sub_number, sub in enumerate(section.sections, 1):
        _render(sub, level + 1, sub_number, out)


@attrs.frozen(kw_only=True)
class Report:
    """A report as data: title, issuer, date and numbered sections."""

    title: str = attrs.field(validator=_one_line)
    issuer: str = attrs.field(validator=_one_line)
    on: date = attrs.field(validator=plain_date)
    sections: tuple[Section, ...] = attrs.field(converter=to_tuple, validator=items_of(Section))

    def section(self, title: str) -> Section:
        """The top-level section titled ``title``."""
        for found in self.sections:
            if found.title == title:
                return found
        have = tuple(s.title for s in self.sections)
        raise InvalidArgument(
            "title", title, f"报告的节之一：{have}", english=f"one of the report's sections {have}"
        )

    def markdown(self) -> str:
        """The report in Markdown: 一、二、三 for sections, （一）（二） below, then 1. 2."""
        out = [f"# {self.title}", "", f"{self.issuer}　{chinese_date(self.on)}", ""]
        for number, section in enumerate(self.sections, 1):
            _render(section, 1, number, out)
        return "\n".join(out)


# -- what both generated reports share ---------------------------------------------------


def _require_campaign(campaign: object) -> None:
    from xingfeng.campaign.aggregate import Campaign  # here: importing it above is a cycle

    require_instance("campaign", campaign, Campaign, "Campaign（评议活动）")


def _names(campaign: Campaign, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Ids of units and people to the names a report shows: the organisation's, then
    ``extra``'s, which win."""
    chain = campaign.plan.chain
    names = chain.organization.names() if chain is not None else {}
    names.update(extra or {})
    return names


def _issuer(campaign: Campaign) -> str:
    chain = campaign.plan.chain
    return chain.organization.root.name if chain is not None else campaign.plan.organiser


_DONE = frozenset({ProblemState.RECTIFIED, ProblemState.VERIFIED, ProblemState.CLOSED})


def _rate(name: str, numerator: int, denominator: int) -> str:
    if denominator == 0:
        return "—（无应计事项）"
    rate = Rate(name=name, numerator=numerator, denominator=denominator)
    return f"{rate.percent()}%（{numerator}/{denominator}）"


def _by_count(counter: Mapping[str, int], caption: str, heading: str) -> Table:
    """One row per name with its count, then the total: the total is the rows' sum."""
    rows: list[tuple[Cell, ...]] = [(name, count) for name, count in counter.items()]
    total = sum(counter.values())
    return Table(caption=caption, columns=(heading, "数量"), rows=(*rows, ("合计", total)))


def _late_measures(overdue: Iterable[DueItem]) -> set[str]:
    # The due list is rows, not Measure objects: cheap even for a province.
    return {item.id for item in overdue if item.kind == "measure"}


def _open_problems(
    problems: Iterable[Problem],
    measures: Sequence[Measure],
    late: set[str],
    names: Mapping[str, str],
) -> tuple[Table, list[str]]:
    overdue = {m.problem for m in measures if m.id in late}
    deadlines = problem_deadlines(measures)
    rows: list[tuple[Cell, ...]] = []
    ids = []
    for problem in problems:
        if problem.state is ProblemState.CLOSED:
            continue
        due = deadlines.get(problem.id)
        state = problem.state.label + ("（逾期）" if problem.id in overdue else "")
        owner = problem.owner
        rows.append(
            (
                problem.id,
                problem.title,
                names.get(problem.unit, problem.unit),
                _owner(owner, names),
                due.label if due else "未定",
                state,
            )
        )
        ids.append(problem.id)
    table = Table(
        caption="未销号问题清单",
        columns=("编号", "问题", "责任单位", "责任人", "整改时限", "状态"),
        rows=rows,
    )
    return table, ids


# -- the stage report ----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class TransitionReport:
    """A generated 阶段总结暨转段报告: the document and the record to file with it."""

    report: Report
    filing: StageReport

    def markdown(self) -> str:
        """The document in Markdown."""
        return self.report.markdown()


def stage_report(
    campaign: Campaign,
    *,
    on: date,
    next_plan: Sequence[str] = (),
    names: Mapping[str, str] | None = None,
) -> TransitionReport:
    """The report closing the campaign's current stage, as of ``on``.

    Sections: 一、工作开展情况 (activities held, self-inspections, the conditions for moving
    on), 二、征求意见及归类情况 (opinions by source, problems by category), 三、整改落实情况
    (figures and rates), 四、存在的问题 (every problem not yet closed, with owner, deadline
    and state), 五、下阶段工作安排 (the next stage's window and activities, then
    ``next_plan``).  Only what happened up to ``on`` is counted.  Units and people are shown
    by their names in the organisation, or in ``names`` (id → name), which wins.
    """
    _require_campaign(campaign)
    on = require_date("on", on)
    require_mapping("names", names, optional=True)
    if (
        isinstance(next_plan, str)
        or not isinstance(next_plan, Iterable)
        or not all(isinstance(p, str) and p.strip() for p in next_plan)
    ):
        raise InvalidArgument(
            "next_plan", next_plan, "非空文字行的序列", english="a sequence of non-empty lines"
        )
    campaign = campaign.as_of(on)  # a past day is reported as it stood then
    shown = _names(campaign, names)
    stage = campaign.stage
    opinions = list(campaign.opinions.values())
    problems = list(campaign.problems.values())
    measures = list(campaign.measures.values())

    activity_rows: list[tuple[Cell, ...]] = []
    for activity in stage.activities:
        days = _held(campaign, stage.key, activity.id)
        activity_rows.append(
            (activity.title, len(days), "、".join(d.isoformat() for d in days) or "未开展")
        )
    work = [f"{stage.name}阶段自{chinese_date(stage.first)}至{chinese_date(stage.last)}。"]
    work_tables = []
    if stage.activities:
        done = sum(1 for _, count, _ in activity_rows if count)
        work[0] += (
            f"本阶段计划开展{len(stage.activities)}项活动，截至{chinese_date(on)}已开展{done}项。"
        )
        work_tables.append(
            Table(
                caption="活动开展情况", columns=("活动", "开展次数", "开展日期"), rows=activity_rows
            )
        )
    sections_due = campaign.sections()
    submitted = [u for u in sections_due if u in campaign.self_inspections]
    if sections_due:
        work.append(
            f"应开展自查自纠的科室（单位）{len(sections_due)}个，已提交自查报告{len(submitted)}个。"
        )
    gate_rows: list[tuple[Cell, ...]] = []
    unmet = {f.gate: f.items for f in campaign.gate_results(on)}
    for gate in stage.gates:
        if isinstance(gate, StageReported):
            continue  # this report is what satisfies it
        items = unmet.get(gate.name, ())
        failing = "、".join(items[:10]) + ("等" if len(items) > 10 else "")
        # Built-in gates have a Chinese label; a host's own gate may have only its name.
        shown_as = getattr(gate, "label", gate.name)
        gate_rows.append((shown_as, "否" if items else "是", failing or "—"))
    if gate_rows:
        work_tables.append(
            Table(caption="转段条件", columns=("条件", "是否满足", "未满足事项"), rows=gate_rows)
        )

    by_source = Counter(o.source.label for o in opinions)
    taxonomy = campaign.plan.taxonomy
    by_category = Counter(_category(taxonomy, p.category) for p in problems)
    merged = sum(1 for o in opinions if campaign.merged_into(o.id) is not None)
    intake = [
        f"共收到意见建议{len(opinions)}条，综合、归类为问题{len(problems)}个"
        f"（其中{merged}条意见归入问题）。"
        if opinions
        else f"本阶段未收到意见建议，登记问题{len(problems)}个。"
    ]
    intake_tables = []
    if opinions:
        intake_tables.append(_by_count(by_source, "意见建议来源", "来源"))
    if problems:
        intake_tables.append(_by_count(by_category, "问题分类", "类别"))

    done_problems = sum(1 for p in problems if p.state in _DONE)
    closed = sum(1 for p in problems if p.state is ProblemState.CLOSED)
    completed = sum(1 for m in measures if m.done_at is not None)
    late = _late_measures(campaign.overdue(on))
    overdue = len(late)
    external = [o for o in opinions if o.source.external]
    answered = [o for o in external if campaign.answer(o.id) is not None]
    rated = [o for o in answered if campaign.satisfied(o.id) is not None]
    pleased = [o for o in rated if campaign.satisfied(o.id)]
    figures = {
        "意见建议": len(opinions),
        "归类问题": len(problems),
        "已整改问题": done_problems,
        "已销号问题": closed,
        "整改措施": len(measures),
        "已完成措施": completed,
        "逾期措施": overdue,
        "应答复意见": len(external),
        "已答复意见": len(answered),
    }
    progress = Table(
        caption="整改落实情况",
        columns=("项目", "数值"),
        rows=(
            *((name, count) for name, count in figures.items()),
            ("整改完成率", _rate("整改完成率", done_problems, len(problems))),
            ("答复率", _rate("答复率", len(answered), len(external))),
            ("满意率", _rate("满意率", len(pleased), len(rated))),
        ),
    )
    open_table, open_ids = _open_problems(problems, measures, late, shown)
    provisional = _provisional_note(campaign, on)
    outstanding = (
        Section(title="存在的问题", tables=(open_table,))
        if open_ids
        else Section(title="存在的问题", paragraphs=("本阶段征集的问题已全部整改销号。",))
    )

    following = _next_stage(campaign)
    if following is None:
        plan_paragraphs = ("本阶段为活动的最后阶段，转入总结。",)
        plan_items: tuple[str, ...] = tuple(next_plan)
    else:
        plan_paragraphs = (
            f"下一阶段为{following.name}阶段，时间为{chinese_date(following.first)}至{chinese_date(following.last)}。",
        )
        plan_items = (*(a.title for a in following.activities), *next_plan)

    report = Report(
        title=f"{campaign.plan.name}{stage.name}阶段总结暨转段报告",
        issuer=_issuer(campaign),
        on=on,
        sections=(
            Section(title="工作开展情况", paragraphs=work, tables=work_tables),
            Section(
                title="征求意见及归类情况",
                paragraphs=intake,
                tables=intake_tables,
            ),
            Section(title="整改落实情况", paragraphs=provisional, tables=(progress,)),
            outstanding,
            Section(title="下阶段工作安排", paragraphs=plan_paragraphs, items=plan_items),
        ),
    )
    summary = (
        f"{stage.name}阶段：收到意见建议{len(opinions)}条，归类为问题{len(problems)}个，"
        f"已整改{done_problems}个，已销号{closed}个，未销号{len(open_ids)}个。"
    )
    filing = StageReport(
        summary=summary,
        figures=figures,
        open_problems=open_ids,
        next_plan="；".join(plan_items),
    )
    return TransitionReport(report=report, filing=filing)


def _held(campaign: Campaign, stage: str, activity: str) -> list[date]:
    zone = campaign.plan.calendar.zone
    return [local_date(at, zone) for at in campaign.held(activity, stage=stage)]


def _category(taxonomy: Taxonomy | None, category: str | None) -> str:
    if category is None:
        return "未分类"
    return taxonomy.label_path(category) if taxonomy is not None else category


def _next_stage(campaign: Campaign) -> Stage | None:
    stages = campaign.plan.stages
    index = campaign.stage_index + 1
    return stages[index] if index < len(stages) else None


# -- the monthly circular ------------------------------------------------------------------


def circular(
    campaign: Campaign,
    *,
    since: date,
    on: date,
    title: str | None = None,
    ranking: Ranking | None = None,
    names: Mapping[str, str] | None = None,
    findings: Iterable[Finding] = (),
    indicators: Iterable[Change] = (),
    places: int = 2,
    rounding: str = ROUND_HALF_UP,
) -> Report:
    """The circular (通报) for the period ``since``–``on``, both days included.

    Sections: 一、总体情况 (the period's intake and work, the open totals), 二、各单位整改进度,
    then, when given, 三、考核排名 (``ranking``), 通报事项 (the ``findings`` of the rules, each
    explained), 主要指标同比 (``indicators``, shown to ``places`` by ``rounding``), and last
    工作要求: every item overdue on ``on``, with its owner.  Units, people and ranked targets
    are shown by their names in the organisation, or in ``names`` (id → name), which wins.
    """
    _require_campaign(campaign)
    since = require_date("since", since)
    on = require_date("on", on)
    if since > on:
        raise InvalidArgument(
            "since", since, f"不晚于 on={on} 的日期", english=f"a day on or before on={on}"
        )
    require_mapping("names", names, optional=True)
    if title is not None and not _is_line(title):
        raise InvalidArgument("title", title, "None 或一行非空文字", english="None or one line")
    findings = require_items(
        "findings", findings, Finding, "Finding（由 evaluate() 得出的评价结果）"
    )
    indicators = require_items("indicators", indicators, Change, "Change（同比变化）")
    for finding in findings:
        if not isinstance(finding, Finding):
            raise InvalidArgument(
                "findings",
                finding,
                "Finding（由 evaluate() 得出的评价结果）",
                english="Finding rows, as evaluate() returns them",
            )
    for change in indicators:
        if not isinstance(change, Change):
            raise InvalidArgument(
                "indicators", change, "Change（同比变化）", english="Change values (同比)"
            )
        change.percent(places, rounding)  # refuses bad places or rounding before any work
    if ranking is not None and not isinstance(ranking, Ranking):
        raise InvalidArgument(
            "ranking",
            ranking,
            "Ranking（由 rank() 得出的排名）",
            english="a Ranking, as rank() returns it",
        )
    campaign = campaign.as_of(on)  # a past period is reported as it stood at its end
    shown = _names(campaign, names)
    zone = campaign.plan.calendar.zone

    def within(day: date) -> bool:
        return since <= day <= on

    received = [o for o in campaign.opinions.values() if within(local_date(o.received_at, zone))]
    complaints = [o for o in received if o.complaint is not None]
    escalated = [o for o in complaints if o.complaint is not None and o.complaint.escalated]
    problems = list(campaign.problems.values())
    measures = list(campaign.measures.values())
    recorded = [p for p in problems if within(local_date(p.recorded_at, zone))]
    completed = [
        m for m in measures if m.done_at is not None and within(local_date(m.done_at, zone))
    ]
    open_problems = [p for p in problems if p.state is not ProblemState.CLOSED]
    overdue = campaign.overdue(on)
    overview = Table(
        caption="本期情况",
        columns=("项目", "数量"),
        rows=(
            ("收到意见建议", len(received)),
            ("其中：投诉", len(complaints)),
            ("其中：越级投诉", len(escalated)),
            ("新增问题", len(recorded)),
            ("完成整改措施", len(completed)),
            ("未销号问题（累计）", len(open_problems)),
            ("逾期事项（累计）", len(overdue)),
        ),
    )
    sections = [
        Section(
            title="总体情况",
            paragraphs=(
                f"{chinese_date(since)}至{chinese_date(on)}，共收到意见建议{len(received)}条，"
                f"其中投诉{len(complaints)}件（越级投诉{len(escalated)}件）；"
                f"新增问题{len(recorded)}个，完成整改措施{len(completed)}项。",
                *_provisional_note(campaign, on),
            ),
            tables=(overview,),
        ),
        Section(
            title="各单位整改进度",
            tables=(_progress_by_unit(problems, measures, _late_measures(overdue), shown),),
        ),
    ]
    if ranking is not None:
        rows: list[tuple[Cell, ...]] = [
            (
                p.rank,
                shown.get(p.target, p.target),
                f"{display(p.score)}",
                "一票否决" if p.vetoed else "",
            )
            for p in ranking.places
        ]
        sections.append(
            Section(
                title="考核排名",
                tables=(
                    Table(caption="考核排名", columns=("名次", "单位", "得分", "备注"), rows=rows),
                ),
            )
        )
    if findings:
        sections.append(Section(title="通报事项", items=tuple(f.explain(shown) for f in findings)))
    if indicators:
        sections.append(
            Section(
                title="主要指标同比",
                tables=(
                    Table(
                        caption="主要指标同比",
                        columns=("指标", "去年同期", "本期", "同比"),
                        rows=[
                            (
                                c.name + (f"（{c.unit}）" if c.unit else ""),
                                f"{c.before:f}",
                                f"{c.after:f}",
                                _signed(c, places, rounding),
                            )
                            for c in indicators
                        ],
                    ),
                ),
                items=tuple(c.text(places, rounding) for c in indicators),
            )
        )
    requirements: tuple[str, ...]
    if overdue:
        what = {"measure": "整改措施", "answer": "意见答复"}
        requirements = tuple(
            f"{shown.get(item.unit, item.unit)}{what[item.kind]} {item.id} "
            f"应于{chinese_date(item.due)}{'（暂定）' if item.provisional else ''}完成，"
            f"已逾期（责任人：{_owner(item.owner, shown)}），"
            "请说明原因并限期完成。"
            for item in overdue
        )
    else:
        requirements = ("各单位整改事项均在时限内，请继续按期推进。",)
    sections.append(Section(title="工作要求", items=requirements))
    return Report(
        title=title or f"关于{campaign.plan.name}工作情况的通报",
        issuer=_issuer(campaign),
        on=on,
        sections=sections,
    )


def _provisional_note(campaign: Campaign, on: date) -> tuple[str, ...]:
    """A paragraph saying how many open deadlines are provisional, and why; none if none is."""
    pending = campaign.provisional_deadlines(on)
    if not pending:
        return ()
    years = sorted({item.due.year for item in pending} - set(campaign.calendar.years))
    shown = years_text(years) or "尚未公布节假日安排的年份"
    return (
        f"截至{chinese_date(on)}，有{len(pending)}项整改、答复期限跨入{shown}，其节假日安排尚未公布，"
        "暂按周一至周五为工作日计算，标注为“暂定”；安排公布并采用后，期限据以改定。",
    )


def _owner(person: str | None, names: Mapping[str, str]) -> str:
    return "未明确" if person is None else names.get(person, person)


def _signed(change: Change, places: int, rounding: str) -> str:
    percent = change.percent(places, rounding)
    return f"+{percent}%" if percent > 0 else f"{percent}%"


def _progress_by_unit(
    problems: Sequence[Problem],
    measures: Iterable[Measure],
    late: set[str],
    names: Mapping[str, str],
) -> Table:
    counts: dict[str, list[int]] = {}
    unit_of = {}
    for problem in problems:
        unit_of[problem.id] = problem.unit
        row = counts.setdefault(problem.unit, [0, 0, 0])
        row[0] += 1
        row[1 if problem.state is ProblemState.CLOSED else 2] += 1
    late_in = Counter(unit_of[m.problem] for m in measures if m.id in late)
    rows: list[tuple[Cell, ...]] = [
        (names.get(unit, unit), total, closed, still, late_in.get(unit, 0))
        for unit, (total, closed, still) in counts.items()  # in the order problems came
    ]
    return Table(
        caption="各单位整改进度",
        columns=("单位", "问题", "已销号", "未销号", "逾期措施"),
        rows=rows,
    )
