"""A county logistics bureau's 作风建设年 (conduct-building year), 2011 — seed 003.

The source (``seeds/003_*.txt``) is the 2011 year-end summary of a county 机关事务管理局 (the
bureau that runs the county government's compound, motor pool, receptions and energy use).
Its 深化"作风建设年"活动 ran on the 五字 sequence 查 → 改 → 实 → 固 → 强: every cadre looked
for problems (查), listed a measure and a time limit for each (改), the bureau's inspection
team (局督查组) checked every result (实), the results were summed up and made to last (固),
and the work was to make the bureau stronger (强).  Every party member signed a personal
public commitment (个人公开承诺书); key work was checked on the rhythm 一月一检查、每季一督查,
and sections or people that missed the month's key work were criticised at the staff meeting
and had to explain in writing.  The summary ends with the energy figures year on year:
electricity 25.62 → 24.33 万度 "下降5.03%", water 8138 → 5078 吨 "下降37.6%".

This example runs that year with xingfeng and shows:

1. the 查改实固强 template (``StageTemplate.five_characters()``) dated for 2011, each stage
   closing only through its gates (转段条件): a transition refused with ``GateNotMet`` while
   the motor pool has not handed in its self-inspection, then accepted;
2. the year's inspection and supervision days, dated from two ``Cadence`` values on the
   Chinese working calendar of 2011 (31 December was a make-up Saturday);
3. personal public commitments as ``MeasureKind.COMMITMENT`` measures with an owner and a
   time limit (公开承诺、限时办结, R17), and whether each was met in time;
4. the December circular made by ``circular()``: progress, the R12 finding for the one
   commitment that missed its limit, and the energy indicators year on year (R19);
5. the seed's -5.03%: the exact fall is 5.0351…%, so 四舍五入 gives -5.04%; cutting the
   digits off (``ROUND_DOWN``) gives the printed figure, and the report checks both printed
   figures against its own computation.

What comes from the seed: the 五字 sequence and the self-inspection's five aspects, the
rhythm 一月一检查、每季一督查 and the R12 sanction, 张局长, the 局督查组 and its 纪检员, the
机关车队, the work each measure and commitment does (the drivers' supplementary rules, 定点
维修/保险/加油 and 一车一卡, 百日节油, 绿色照明, the water-pipe repair, the reception
standard, 上墙公开, the two research reports to the 县委办), the two gaps P4 and P5 the summary
admits, and the energy figures (25.62 → 24.33 万度, 8138 → 5078 吨, and the printed -5.03% and
-37.6%, which the example checks against its own computation).

What is illustrative: the other people's names and the sections' titles; problems P1–P3
(phrased from the measures the seed lists); which measures are personal commitments and who
signed them; the stage windows, the days of every self-inspection, measure, completion and
supervision and the evidence filed; and the late commitment C3, which the seed does not
report: it is made up so that the December circular has an R12 finding to show.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import pendulum

from xingfeng import (
    Anchor,
    Cadence,
    Campaign,
    CampaignPlan,
    Change,
    Frequency,
    GateNotMet,
    MeasureKind,
    Occurrence,
    Organization,
    Person,
    Post,
    Posting,
    ProblemState,
    RateName,
    Report,
    ResponsibilityChain,
    Section,
    StageAdvanced,
    StageTemplate,
    Supervision,
    Table,
    TimeLimit,
    Unit,
    UnitKind,
    chinese_date,
    circular,
    evaluate,
    missed_key_work,
    stage_report,
)

YEAR = 2011
BUREAU = "县机关事务管理局"
WEEKDAYS = "一二三四五六日"


def at(month: int, day: int, hour: int = 9) -> pendulum.DateTime:
    """A moment of 2011 in China Standard Time; the library never reads a clock."""
    return pendulum.datetime(YEAR, month, day, hour, tz="Asia/Shanghai")


# -- the bureau and its chain of responsibility ---------------------------------------------


def bureau() -> ResponsibilityChain:
    """The bureau: four sections, the inspection team, and who drives whom (一级抓一级)."""
    units = [
        Unit(id="bureau", name=BUREAU, kind=UnitKind.ORGANIZATION),
        Unit(id="office", name="办公室", kind=UnitKind.SECTION, parent="bureau"),
        Unit(id="fleet", name="机关车队", kind=UnitKind.TEAM, parent="bureau"),
        Unit(id="energy", name="公共机构节能科", kind=UnitKind.SECTION, parent="bureau"),
        Unit(id="reception", name="接待科", kind=UnitKind.SECTION, parent="bureau"),
        # 局督查组: checks the sections' work; not itself a section that self-inspects.
        Unit(id="inspect", name="局督查组", kind=UnitKind.SUPERVISION_OFFICE, parent="bureau"),
    ]
    people = [
        ("zhang", "张局长", "bureau", Post.TOP_LEADER),
        ("li", "李副局长", "bureau", Post.DEPUTY),
        ("zhou", "周主任", "office", Post.FIRST_RESPONSIBLE),
        ("wu", "吴队长", "fleet", Post.FIRST_RESPONSIBLE),
        ("sun", "孙师傅", "fleet", Post.STAFF),
        ("zheng", "郑科长", "energy", Post.FIRST_RESPONSIBLE),
        ("chen", "陈科长", "reception", Post.FIRST_RESPONSIBLE),
        ("liu", "刘纪检员", "inspect", Post.FIRST_RESPONSIBLE),
    ]
    postings = [
        Posting(
            person=key,
            unit=unit,
            post=post,
            # 分管领导: the deputy drives the motor pool and the energy section.
            in_charge_of={"fleet", "energy"} if post is Post.DEPUTY else frozenset(),
        )
        for key, _, unit, post in people
    ]
    postings.append(Posting(person="zhang", unit="bureau", post=Post.LEADING_GROUP_HEAD))
    organization = Organization(
        units=units,
        people=[Person(id=key, name=name) for key, name, _, _ in people],
        postings=postings,
        supervision=[
            Supervision(office="inspect", units={"office", "fleet", "energy", "reception"})
        ],
    )
    return ResponsibilityChain(organization=organization)


# -- the plan: 查改实固强 and the rhythm 一月一检查、每季一督查 --------------------------------

WINDOWS = [
    (date(YEAR, 1, 1), date(YEAR, 3, 31)),  # 查: find the problems
    (date(YEAR, 4, 1), date(YEAR, 5, 31)),  # 改: a measure and a time limit for each
    (date(YEAR, 6, 1), date(YEAR, 8, 31)),  # 实: the inspection team checks the results
    (date(YEAR, 9, 1), date(YEAR, 10, 31)),  # 固: sum up and make them last
    (date(YEAR, 11, 1), date(YEAR, 12, 31)),  # 强: stronger work
]

# The month's key work is checked on its last working day; the quarter's supervision falls in
# the last ten days of the quarter (the 10th-last day, or the next working day).
MONTHLY_CHECK = Cadence(name="一月一检查", every=Frequency.MONTHLY, anchor=Anchor.last_workday())
QUARTERLY_SUPERVISION = Cadence(
    name="每季一督查", every=Frequency.QUARTERLY, anchor=Anchor(day=-10)
)


def plan(chain: ResponsibilityChain) -> CampaignPlan:
    """The bureau's 实施意见 for the year."""
    return CampaignPlan(
        name="2011年深化“作风建设年”活动",
        organiser="县委",
        first=date(YEAR, 1, 1),
        last=date(YEAR, 12, 31),
        stages=StageTemplate.five_characters().plan(WINDOWS),
        appraised=("bureau",),
        chain=chain,
        cadences=(MONTHLY_CHECK, QUARTERLY_SUPERVISION),
    )


# -- what the sections found (查) and what they promised (改) -------------------------------

SELF_INSPECTION = "从思想作风、学风、工作作风、领导作风、生活作风五个方面查找问题，分析原因"

# (id, unit, problem, owner).  P4 and P5 are two of the gaps the summary itself admits.
PROBLEMS = [
    ("P1", "fleet", "驾驶员管理制度执行不严，公车油耗偏高", "wu"),
    ("P2", "energy", "机关大院用水用电管理粗放，长明灯、跑冒滴漏时有发生", "zheng"),
    ("P3", "reception", "公务接待存在超规格、超标准现象", "chen"),
    ("P4", "office", "科室之间工作效率和工作协调性不够", "zhou"),
    ("P5", "bureau", "深入基层调研的积极性不高", "li"),
]

# (id, problem, kind, owner, what, time limit): 逐条逐项列出整改措施、整改时限.  A limit is a
# date, or a TimeLimit counted from the day the measures are set (6 April).  The commitments
# are the signed 个人公开承诺: each has one owner, a driver (孙师傅) as much as a section head.
K = MeasureKind
MEASURES: list[tuple[str, str, MeasureKind, str, str, date | TimeLimit]] = [
    ("M1", "P1", K.INSTITUTIONAL, "wu", "制定《关于进一步加强机关车队驾驶员管理的补充规定》",
     date(YEAR, 4, 29)),
    ("C1", "P1", K.COMMITMENT, "wu", "公务车辆定点维修、定点保险、定点加油，实行“一车一卡”加油",
     date(YEAR, 6, 30)),
    ("C2", "P1", K.COMMITMENT, "sun", "“百日节油”竞赛期间严格按规定出车，单车油耗不超定额",
     date(YEAR, 8, 31)),
    ("C3", "P1", K.COMMITMENT, "wu", "完成驾驶员“百日节油”竞赛总结评比，公布单车油耗",
     date(YEAR, 12, 20)),
    ("M2", "P2", K.CORRECTIVE, "zheng", "实施“绿色照明”活动，完成机关大院节能装置改造",
     date(YEAR, 6, 30)),
    ("C4", "P2", K.COMMITMENT, "zheng", "完成机关大院供水管网全面检修",
     TimeLimit.working_days(30)),
    ("M3", "P3", K.INSTITUTIONAL, "chen", "制定公务接待标准，严禁超规格、超标准接待",
     date(YEAR, 4, 29)),
    ("C5", "P3", K.COMMITMENT, "chen", "接待费用、车辆油耗每月上墙公开",
     TimeLimit.working_days(20)),
    ("C6", "P4", K.COMMITMENT, "zhou", "建立科室工作协调例会制度，每月召开一次",
     date(YEAR, 4, 29)),
    ("C7", "P5", K.COMMITMENT, "li", "带队深入联系企业和联系村蹲点调研，撰写调研报告二篇上交县委办",
     date(YEAR, 9, 30)),
]  # fmt: skip

# When each measure was done (month, day) and the evidence; C3 is not done in 2011.
DONE = {
    "M1": (4, 25, "补充规定印发文件"),
    "M3": (4, 27, "接待标准印发文件"),
    "C6": (4, 28, "协调例会记录"),
    "C5": (4, 29, "上墙公开照片"),
    "C4": (5, 16, "管网检修验收单"),
    "C1": (6, 28, "定点协议及加油卡台账"),
    "M2": (6, 29, "节能改造验收单"),
    "C2": (8, 26, "出车登记及油耗台账"),
    "C7": (9, 16, "调研报告二篇及县委办签收单"),
}


def run() -> Report:
    """Run the bureau's year and return the report of what the library made of it."""
    chain = bureau()
    the_plan = plan(chain)
    # The year's rhythm is known before it starts: the days the inspection team will come.
    rhythm = the_plan.rhythm(date(YEAR, 1, 1), date(YEAR, 12, 31))
    supervisions = [o.on for o in rhythm if o.name == QUARTERLY_SUPERVISION.name]
    campaign = Campaign.launch(the_plan, at=at(1, 4), by="zhang")  # 4 January: first workday

    def complete(*measures: str) -> None:
        for key in measures:
            month, day, evidence = DONE[key]
            owner = campaign.measures[key].owner
            campaign.complete_measure(key, evidence=evidence, at=at(month, day, 16), by=owner)

    def supervise(day: date) -> None:
        # 局督查组 checks the result of every problem whose measures are all done.
        for problem in campaign.problems_in(ProblemState.RECTIFIED):
            at_ = at(day.month, day.day, 10)
            campaign.verify_problem(problem, note="局督查组督查，整改到位", at=at_, by="liu")

    def close_stage(month: int, day: int) -> None:
        # Every transition files the stage report generated from the campaign itself.
        report = stage_report(campaign, on=date(YEAR, month, day)).filing
        campaign.advance(at=at(month, day, 17), by="zhang", report=report)

    # 查: three sections hand in their self-inspections; the motor pool does not yet.  After
    # the review of every section, the bureau records five problems, each with its owner.
    for unit, head, day in [("office", "zhou", 10), ("energy", "zheng", 11),
                            ("reception", "chen", 14)]:  # fmt: skip
        campaign.submit_self_inspection(unit, summary=SELF_INSPECTION, at=at(3, day), by=head)
    for key, unit, title, owner in PROBLEMS:
        campaign.record_problem(key, unit=unit, title=title, owner=owner, at=at(3, 18), by="zhang")

    # The first try to move on is refused (GateNotMet), and should leave no trace in the log.
    before = campaign.event_count
    refusal: GateNotMet | None = None
    try:
        close_stage(3, 28)
    except GateNotMet as refused:
        refusal = refused
    untouched = campaign.event_count == before

    campaign.submit_self_inspection("fleet", summary=SELF_INSPECTION, at=at(3, 30), by="wu")
    close_stage(3, 31)

    # 改: a measure and a time limit for every problem; commitments are signed and published.
    # Each is set by the one who drives its owner (一级抓一级): the deputy for the motor pool's
    # head, the motor pool's head for its driver, the top leader for the deputy.
    for key, problem, kind, owner, title, due in MEASURES:
        campaign.add_measure(
            key, problem=problem, title=title, kind=kind, owner=owner, due=due,
            at=at(4, 6), by=chain.driver_of(owner) or chain.top_leader,
        )  # fmt: skip
    complete("M1", "M3", "C6", "C5", "C4")
    close_stage(5, 31)

    # 实: the second quarter's supervision checks what is done; the rest follows.
    supervise(supervisions[1])
    complete("C1", "M2", "C2")
    close_stage(8, 31)

    # 固: the third quarter's supervision; verified problems are closed (销号) and the stage
    # summed up.  The motor pool's problem stays open: its last commitment is due in December.
    complete("C7")
    supervise(supervisions[2])
    for problem in campaign.problems_in(ProblemState.VERIFIED):
        campaign.close_problem(problem, at=at(10, 31, 10), by="zhang")
    close_stage(10, 31)

    # 强: the year ends with December's check and circular, on the month's last working day.
    december = next(o for o in rhythm if o.name == MONTHLY_CHECK.name and o.on.month == 12)
    month_first = december.period_first

    # R12: whoever let the month's key work (a measure due this month) pass undone is
    # criticised at the staff meeting and explains in writing.  Which work that is comes
    # from the campaign; the rule itself is the catalogue's.
    missed = {
        item.owner: {"missed_key_work": True}
        for item in campaign.overdue(december.on)
        if item.owner is not None and month_first <= item.due <= december.on
    }
    findings = evaluate(
        campaign, december.on, [missed_key_work()], since=month_first, person_extras=missed
    )

    # R19: the amounts are the seed's; the changes are computed, never copied.
    power = Change(
        name="机关大院用电量", before=Decimal("25.62"), after=Decimal("24.33"), unit="万度"
    )
    water = Change(name="机关大院用水量", before=8138, after=5078, unit="吨")
    notice = circular(
        campaign,
        since=month_first,
        on=december.on,
        title=f"关于{YEAR}年12月份作风和效能建设检查情况的通报",
        findings=findings,
        indicators=[power, water],
    )

    return Report(
        title=f"{BUREAU}{YEAR}年深化“作风建设年”活动运行情况",
        issuer=BUREAU,
        on=december.on,
        sections=[
            _stages_section(campaign),
            _transition_section(campaign, refusal, untouched),
            _rhythm_section(campaign, rhythm),
            _commitments_section(campaign, december.on),
            Section(
                title="12月份通报",
                paragraphs=(f"{notice.title}（{notice.issuer}，{chinese_date(notice.on)}）",),
                sections=notice.sections,
            ),
            _energy_section([power, water]),
        ],
    )


# -- the sections of the report ---------------------------------------------------------------


def _chinese(gate_name: str) -> str:
    # A gate's name is "中文 (English)"; the report shows the Chinese.
    return gate_name.split(" (")[0]


def _name_of(campaign: Campaign, key: str) -> str:
    """The name of a unit or person id, as a report writes it."""
    organization = campaign.plan.chain.organization  # type: ignore[union-attr]
    if organization.has_unit(key):
        return organization.unit(key).name
    return organization.person(key).name


def _stages_section(campaign: Campaign) -> Section:
    closed = {e.closed: e.at for e in campaign.events if isinstance(e, StageAdvanced)}
    same = "一致" if Campaign.replay(campaign.events) == campaign else "不一致"
    rows = []
    for stage in campaign.plan.stages:
        moved = closed.get(stage.key)
        rows.append(
            (
                stage.name,
                f"{stage.first.month}月{stage.first.day}日至{stage.last.month}月{stage.last.day}日",
                "；".join(_chinese(gate.name) for gate in stage.gates),
                f"{moved:%Y-%m-%d}" if moved else "进行中",
            )
        )
    return Section(
        title="查改实固强五个阶段",
        paragraphs=(
            "以“强管理提效能，强素质优服务，强作风树形象”为主题，按“五字”要求分阶段推进："
            "查找问题、逐条整改、督查实效、巩固成效、增强能力。"
            "每个阶段的转段条件全部满足，才能转入下一阶段。",
            f"截至年底已完成{len(closed)}次转段，目前处于{campaign.stage.name}阶段。",
            # The campaign is the fold of its events: replaying the log must rebuild it.
            f"活动记录共{len(campaign.events)}条事件，按事件重放所得的活动状态与当前{same}。",
        ),
        tables=(
            Table(
                caption="阶段安排与转段",
                columns=("阶段", "时间", "转段条件", "转段日期"),
                rows=rows,
            ),
        ),
    )


def _transition_section(campaign: Campaign, refusal: GateNotMet | None, untouched: bool) -> Section:
    stages = {stage.key: stage.name for stage in campaign.plan.stages}
    moved = {e.closed: e for e in campaign.events if isinstance(e, StageAdvanced)}

    def name(item: str) -> str:  # a gate's failing items are unit ids, or stage keys
        return stages.get(item) or _name_of(campaign, item)

    rows = [
        (stages[key], f"{moved[key].at:%Y-%m-%d %H:%M}", report.summary)
        for key, report in campaign.reports.items()
    ]
    refused, then = "各阶段转段条件均一次满足。", ""
    items: tuple[str, ...] = ()
    if refusal is not None:
        stage = stages[refusal.stage]
        log = "活动记录未作任何改动" if untouched else "活动记录却已改动"
        refused = (
            f"{chinese_date(refusal.on)}，{stage}阶段申请转段，下列条件未满足，转段被拒，{log}："
        )
        items = tuple(
            f"{_chinese(failure.gate)}——未满足：{'、'.join(map(name, failure.items))}"
            for failure in refusal.unmet
        )
        then = f"条件补齐后，{stage}阶段于{chinese_date(moved[refusal.stage].at.date())}转段。"
    return Section(
        title="转段把关",
        paragraphs=(refused,),
        items=items,
        sections=(
            Section(
                title="转段记录",
                paragraphs=(f"{then}每次转段均随附由活动记录生成的阶段总结暨转段报告，摘要如下：",),
                tables=(
                    Table(
                        caption="阶段总结暨转段报告",
                        columns=("阶段", "转段时间", "报告摘要"),
                        rows=rows,
                    ),
                ),
            ),
        ),
    )


def _rhythm_section(campaign: Campaign, rhythm: Sequence[Occurrence]) -> Section:
    calendar = campaign.plan.calendar
    by_day: dict[date, list[str]] = {}
    for occurrence in rhythm:
        by_day.setdefault(occurrence.on, []).append(occurrence.name)
    rows = []
    for day, names in sorted(by_day.items()):
        weekday = f"星期{WEEKDAYS[day.weekday()]}"
        if day.weekday() >= 5:  # a weekend day that is a working day: 调休上班
            weekday += f"（{calendar.holiday_name(day)}调休上班）"
        rows.append((f"{day:%Y-%m-%d}", weekday, "、".join(names)))
    checks = sum(1 for o in rhythm if o.name == MONTHLY_CHECK.name)
    supervisions = sum(1 for o in rhythm if o.name == QUARTERLY_SUPERVISION.name)
    return Section(
        title="一月一检查、每季一督查",
        paragraphs=(
            "实行重点工作督查制：每月最后一个工作日检查当月重点工作；每季最后一个月下旬"
            "（季末倒数第十天，遇休息日顺延）由局督查组对承诺项目及个人工作情况进行督查。",
            f"{YEAR}年共安排月度检查{checks}次、季度督查{supervisions}次。",
        ),
        tables=(
            Table(caption=f"{YEAR}年检查督查日程", columns=("日期", "星期", "事项"), rows=rows),
        ),
    )


def _commitments_section(campaign: Campaign, on: date) -> Section:
    # The limit as it was promised: a date, or a number of working days from 6 April.
    promised = {
        key: due.label if isinstance(due, TimeLimit) else f"{due.month}月{due.day}日前"
        for key, _, _, _, _, due in MEASURES
    }
    rows = []
    in_time = 0
    commitments = [m for m in campaign.measures.values() if m.kind is MeasureKind.COMMITMENT]
    for measure in commitments:
        if measure.done_at is None:
            finished, result = "—", "逾期未办结" if measure.is_overdue(on) else "未到期"
        else:
            met = measure.done_by(measure.deadline)
            finished, result = f"{measure.done_at:%Y-%m-%d}", "按期办结" if met else "逾期办结"
            in_time += met
        rows.append(
            (
                _name_of(campaign, measure.owner),
                _name_of(campaign, campaign.problems[measure.problem].unit),
                measure.title,
                promised[measure.id],
                measure.deadline.isoformat(),
                finished,
                result,
            )
        )
    rate = RateName.CLOSED_IN_TIME.of(in_time, len(commitments))  # 办结率: closed in time
    return Section(
        title="个人公开承诺与限时办结",
        paragraphs=(
            "每位党员制定个人公开承诺书，每项承诺明确责任人和办结时限，"
            "纳入一月一检查、每季一督查。",
            f"截至{chinese_date(on)}，公开承诺{len(commitments)}项，按期办结{in_time}项，"
            f"{rate.name}{rate.percent()}%。",
        ),
        tables=(
            Table(
                caption="个人公开承诺办结情况",
                columns=(
                    "承诺人",
                    "科室",
                    "承诺事项",
                    "承诺时限",
                    "办结期限",
                    "办结日期",
                    "结果",
                ),
                rows=rows,
            ),
        ),
    )


# What the seed prints, and the rounding that would give it.  The printed figures are only an
# input to a check: the report recomputes each one that way from the two years' amounts and
# says whether the digits agree.
PRINTED = {
    "机关大院用电量": ("-5.03%", 2, ROUND_DOWN, "截去尾数到两位小数"),
    "机关大院用水量": ("-37.6%", 1, ROUND_HALF_UP, "四舍五入到一位小数"),
}


def _energy_section(changes: Sequence[Change]) -> Section:
    rows = []
    agree = 0
    for change in changes:
        printed, places, rounding, how = PRINTED[change.name]
        recomputed = f"{change.percent(places, rounding)}%"
        agree += recomputed == printed
        rows.append(
            (
                f"{change.name}（{change.unit}）",
                f"{change.before:f}",
                f"{change.after:f}",
                f"{change.percent(7)}%",
                f"{change.percent(2)}%",
                how,
                recomputed,
                printed,
                "一致" if recomputed == printed else "不一致",
            )
        )
    power, water = changes
    verdict = "均与原文一致" if agree == len(changes) else f"中{agree}项与原文一致"
    return Section(
        title="节能降耗指标核算",
        paragraphs=(
            "同比由两年的用量精确计算（比值为分数，不经浮点），只在填表时按规则舍入一次。",
            f"用电量下降{power.percent(7).copy_negate()}%…，四舍五入到两位小数为{power.percent().copy_negate()}%，"
            f"截去尾数（ROUND_DOWN）为{power.percent(2, ROUND_DOWN).copy_negate()}%；"
            f"用水量下降{water.percent(3).copy_negate()}%…，保留一位小数为{water.percent(1).copy_negate()}%。",
            f"按原文的舍入方式由两年用量重新计算，{len(changes)}项数字{verdict}；"
            "重新生成的原文语句如下：",
        ),
        tables=(
            Table(
                caption="节能降耗同比核算",
                columns=(
                    "指标",
                    "去年",
                    "今年",
                    "七位小数",
                    "四舍五入两位",
                    "原文舍入方式",
                    "按原文方式重算",
                    "原文",
                    "核对",
                ),
                rows=rows,
            ),
        ),
        items=tuple(change.text(*PRINTED[change.name][1:3]) for change in changes),
    )


if __name__ == "__main__":
    print(run().markdown())
