"""A city power-supply company prepares for the municipal 民主评议政风行风 (迎评), seed 002.

The source is the speech a city power-supply company (市供电公司) gave at its mobilisation
meeting (迎接全市民主评议政风行风工作动员大会) in 2023.  It sets the goals (确保省公司在全省22个
公共服务类评议对象中排名前三、争取第一), gives the complaint figures to the end of August
(越级投诉52起, by forwarder and by topic; 公司行风办受理47起、95598受理24起, by category),
names five weaknesses the complaints show, stresses that the questionnaire carries 80 points
(问卷调查占80分) and orders rectification 先易后难、先重后轻、先急后缓 under the rules
问题不解决不放过、客户不满意不通过 (R7), 属实越级投诉从严考核 (R6), 整改进度报告、督查、
责任追究 (R9) and 事事有回音、件件有着落 (R10).

This example runs that case with xingfeng:

1. the complaint figures (R20): the speech's breakdowns are checked with
   ``check_breakdown``, and the one that does not add up (47 + 24 = 71 complaints, but 74 by
   category) is caught and printed.  The 52 escalated complaints are then entered as
   records (越级投诉台账), each a complaint with its channel and the body that forwarded it
   (转办); they are entered *from* the speech's two breakdowns, so the tables counted from
   the ledger reproduce them by construction and are not a check of the speech;
2. the rectification order (R8): the five weaknesses, plus outage management from the
   speech's measures, become problems with the complaints merged into them, ordered by
   ``prioritize`` under ``PriorityPolicy``, with the principle that decides each place;
3. closing (R7): the 三指定 problem is refused closure while one complainant is not yet
   satisfied, and closes once they are; at the end of November the rules R6, R9 and R10 of
   the library's catalogue are evaluated and the month's circular (通报, R11) lists their
   findings; the late measure is done in December and the stage closes;
4. the assessment (R14, R15): an 80-point questionnaire and a 100-point scorecard rank the
   22 provincial public-service targets, and the province company's goal is checked.  The
   city company's own goal (first in its region) is not checked: the speech gives no
   regional peers to rank it among.

From the seed: the goals, the complaint figures, the weaknesses, the measures' contents,
the 80 questionnaire points, the respondent groups and the rules.  **Illustrative**: the
organisation's people, every date and deadline, which forwarder passed on which topic, the
judgements of severity, urgency and difficulty, the answers and satisfaction visits, the
ballots, inspection scores, weights and points, and the other 21 targets.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pendulum

from xingfeng import (
    FOUR_OPTIONS,
    Adjustment,
    AdjustmentKind,
    AnswerMode,
    Ballot,
    Campaign,
    CampaignPlan,
    Category,
    CommandRefused,
    Complaint,
    Component,
    GateNotMet,
    Mismatch,
    Opinion,
    Organization,
    Person,
    Post,
    Posting,
    PriorityPolicy,
    Questionnaire,
    RankGoal,
    Report,
    ResponsibilityChain,
    Score,
    Scorecard,
    Section,
    Source,
    StageTemplate,
    SurveyScheme,
    Table,
    Tally,
    Taxonomy,
    TimeLimit,
    Unit,
    UnitKind,
    Verdict,
    check_breakdown,
    chinese_date,
    circular,
    display,
    escalated_complaints,
    evaluate,
    late_rectification,
    prioritize,
    rank,
    stage_report,
    unanswered_opinions,
)
from xingfeng import Difficulty as D
from xingfeng import Severity as S
from xingfeng import Urgency as U

#: A day as the report writes it, without the year: 11月15日.
day_text = functools.partial(chinese_date, year=False)

ZONE = "Asia/Shanghai"


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> pendulum.DateTime:
    """A moment in 2023, China Standard Time: the library reads no clock."""
    return pendulum.datetime(2023, month, day, hour, minute, tz=ZONE)


MONTH_END = date(2023, 11, 30)  # the November check and circular (一月一查一通报一考核)
REPORT_DAY = date(2023, 12, 28)  # the report, after the appraisal


# ---------------------------------------------------------------------------------------
# The figures as the speech states them (截至8月底).  They are typed in exactly as written.
# ---------------------------------------------------------------------------------------

ESCALATED = 52  # 公司越级投诉52起
BY_FORWARDER = {  # 其中华中电监局转办25起，省政风行风热线转办3起，…
    "华中电监局": 25,
    "省政风行风热线": 3,
    "省公司行风办": 7,
    "省公司95598监管中心": 17,
}
BY_TOPIC = {  # 反映供电质量问题的有21件，停限电问题的有16件，…
    "供电质量": 21,
    "停限电": 16,
    "营业服务质量": 7,
    "业扩报装": 5,
    "举报窃电": 1,
    "家用电器": 1,
    "电价及收费": 1,
}
ACCEPTED = {"公司行风办受理": 47, "95598受理": 24}  # 公司行风办受理客户投诉47起，95598受理24起
BY_CATEGORY = {  # 其中：营销服务质量问题的有36件，供电质量问题的有12件，…
    "营销服务质量": 36,
    "供电质量": 12,
    "业扩报装": 6,
    "供电故障处理": 15,
    "家用电器损坏": 2,
    "电网改造": 1,
    "其他": 2,
}


# ---------------------------------------------------------------------------------------
# The company, its chain of responsibility and the plan
# ---------------------------------------------------------------------------------------


def organisation() -> ResponsibilityChain:
    """市供电公司: the general manager answers for everything (一把手负总责); 齐书记, who
    read the implementation plan at the meeting, is in charge of conduct work and marketing;
    the deputy for production is in charge of operations."""
    org = Organization(
        units=[
            Unit(id="power", name="市供电公司", kind=UnitKind.ORGANIZATION),
            Unit(id="marketing", name="营销部", kind=UnitKind.DEPARTMENT, parent="power"),
            Unit(id="operations", name="运维检修部", kind=UnitKind.DEPARTMENT, parent="power"),
            Unit(id="office", name="行风办", kind=UnitKind.DEPARTMENT, parent="power"),
        ],
        people=[
            Person(id="gm", name="总经理"),
            Person(id="qi", name="齐书记"),
            Person(id="vp", name="生产副总经理"),
            Person(id="mkt", name="营销部主任"),
            Person(id="ops", name="运检部主任"),
            Person(id="xfb", name="行风办主任"),
        ],
        postings=[
            Posting(person="gm", unit="power", post=Post.TOP_LEADER),
            Posting(person="gm", unit="power", post=Post.LEADING_GROUP_HEAD),
            Posting(
                person="qi", unit="power", post=Post.DEPUTY, in_charge_of={"marketing", "office"}
            ),
            Posting(person="vp", unit="power", post=Post.DEPUTY, in_charge_of={"operations"}),
            Posting(person="mkt", unit="marketing", post=Post.FIRST_RESPONSIBLE),
            Posting(person="ops", unit="operations", post=Post.FIRST_RESPONSIBLE),
            Posting(person="xfb", unit="office", post=Post.FIRST_RESPONSIBLE),
        ],
    )
    return ResponsibilityChain(organization=org)


# Two ways of dividing things: the topics the speech counts escalated complaints by, and the
# weaknesses it says the complaints show (投诉反映的问题主要表现在以下几个方面), plus outage
# management, which its measures single out (报修流程、计划检修停电提前公告).
TOPICS = {
    "topic.supply_quality": "供电质量",
    "topic.outage": "停限电",
    "topic.service": "营业服务质量",
    "topic.connection": "业扩报装",
    "topic.theft": "举报窃电",
    "topic.appliance": "家用电器",
    "topic.tariff": "电价及收费",
}
ASPECTS = {
    "aspect.awareness": "服务意识淡薄",
    "aspect.skills": "服务素质有待提高",
    "aspect.system": "优质服务管理体系不完善",
    "aspect.supply": "供电质量有待提高",
    "aspect.connection": "业扩报装“三指定”",
    "aspect.outage": "停电检修和报修管理",
}


def taxonomy() -> Taxonomy:
    return Taxonomy(
        name="供电服务投诉分类",
        categories=[
            Category(key="topic", label="越级投诉问题类型"),
            *(Category(key=k, label=v, parent="topic") for k, v in TOPICS.items()),
            Category(key="aspect", label="投诉反映的问题"),
            *(Category(key=k, label=v, parent="aspect") for k, v in ASPECTS.items()),
        ],
    )


def plan() -> CampaignPlan:
    """The appraisal template's four stages; the windows are illustrative (the speech was
    given after the province company's meeting of 17 September)."""
    return CampaignPlan(
        name="2023年迎接全市民主评议政风行风",
        organiser="市纠风办",
        first=date(2023, 9, 20),
        last=date(2023, 12, 31),
        stages=StageTemplate.appraisal().plan(
            [
                (date(2023, 9, 20), date(2023, 9, 28)),  # 宣传动员
                (date(2023, 10, 9), date(2023, 10, 31)),  # 自查自纠
                (date(2023, 11, 1), date(2023, 11, 30)),  # 整改提高
                (date(2023, 12, 1), date(2023, 12, 29)),  # 总结评议
            ]
        ),
        appraised=("power",),
        chain=organisation(),
        taxonomy=taxonomy(),
    )


def chain_of(campaign: Campaign) -> ResponsibilityChain:
    """The company's chain, as the campaign's plan holds it."""
    chain = campaign.plan.chain
    if chain is None:  # plan() always gives one; this narrows the type
        raise ValueError("the plan has no responsibility chain")
    return chain


# ---------------------------------------------------------------------------------------
# 1. The complaint figures (R20)
# ---------------------------------------------------------------------------------------

# How each forwarding body receives complaints (illustrative channel names).
CHANNELS = {
    "华中电监局": "12398",
    "省政风行风热线": "政风行风热线",
    "省公司行风办": "来信来访",
    "省公司95598监管中心": "95598",
}
# Which department each topic concerns.
UNIT_OF = {
    "topic.supply_quality": "operations",
    "topic.outage": "operations",
    "topic.appliance": "operations",
    "topic.service": "marketing",
    "topic.connection": "marketing",
    "topic.theft": "marketing",
    "topic.tariff": "marketing",
}


def complaint_ledger() -> list[Opinion]:
    """The 52 escalated complaints as records (越级投诉台账), entered from the speech.

    The speech gives two breakdowns but not which forwarder passed on which topic, so the
    records pair them in order.  The dates (one every four days from January) and
    complainants are illustrative.
    """
    key_of = {label: key for key, label in TOPICS.items()}
    forwarders = [name for name, n in BY_FORWARDER.items() for _ in range(n)]
    topics = [key_of[label] for label, n in BY_TOPIC.items() for _ in range(n)]
    first = at(1, 5, 10)
    return [
        Opinion(
            id=f"Y{number:02}",
            source=Source.COMPLAINT,
            text=f"越级投诉：{TOPICS[topic]}",
            unit=UNIT_OF[topic],
            category=topic,
            received_at=first.add(days=4 * (number - 1)),
            complaint=Complaint(
                channel=CHANNELS[forwarder],
                complainant=f"客户{number:02}",
                escalated=True,  # 越级: it went past the company
                forwarded_by=forwarder,  # 转办: who passed it back
            ),
        )
        for number, (forwarder, topic) in enumerate(zip(forwarders, topics, strict=True), 1)
    ]


def verdict(name: str, total: int, parts: Mapping[str, int]) -> tuple[str, tuple[Mismatch, ...]]:
    """The breakdown checked (R20), and a line saying what was found."""
    found = check_breakdown(total, parts, name=name)
    if found:
        return "；".join(str(m) for m in found), found
    terms = " + ".join(str(n) for n in parts.values())
    return f"{name}：{terms} = {total}，与合计相符", found


def count_table(caption: str, heading: str, counts: Mapping[str, int], total: int) -> Table:
    rows: list[tuple[str | int, ...]] = [(name, n) for name, n in counts.items()]
    return Table(caption=caption, columns=(heading, "件数"), rows=(*rows, ("合计", total)))


def complaint_section(campaign: Campaign) -> Section:
    # The speech's own figures, checked as they are written.  The 71 is not written: it is
    # what the two channels add up to, and the categories must add up to it too.
    accepted = sum(ACCEPTED.values())
    checks = [
        verdict("越级投诉（按转办单位）", ESCALATED, BY_FORWARDER),
        verdict("越级投诉（按问题类型）", ESCALATED, BY_TOPIC),
        verdict("客户投诉（按问题类别）", accepted, BY_CATEGORY),
    ]
    mismatches = [m for _, found in checks for m in found]
    summary = [f"截至8月底，公司行风办和95598共受理客户投诉{accepted}起。"]
    for m in mismatches:
        summary.append(
            f"核对发现：{m.path[-1]}各项之和为{m.sum}件，比合计{m.total}件"
            f"{'多' if m.difference > 0 else '少'}{abs(m.difference)}件，"
            "分类数字须核实后方可上报。"
        )
    # The ledger: counted from the records, which were entered from the speech's figures.
    records = [o for o in campaign.opinions.values() if o.complaint and o.complaint.escalated]
    by_forwarder = Counter(
        o.complaint.forwarded_by for o in records if o.complaint and o.complaint.forwarded_by
    )
    by_topic = Counter(TOPICS[o.category] for o in records if o.category)
    summary.append(
        f"越级投诉按讲话所列转办单位和问题类型数字逐件录入台账，共{len(records)}起"
        "（两种分类的对应关系为示例），下列两表由台账统计。"
    )
    category_rows: list[tuple[str | int, ...]] = list(BY_CATEGORY.items())
    totals: list[tuple[str | int, ...]] = [("合计", accepted)]
    _, by_category = checks[-1]
    if by_category:  # show both figures: what the parts add up to, and the total
        (mismatch,) = by_category
        totals = [("各项之和", int(mismatch.sum)), ("受理合计", int(mismatch.total))]
    return Section(
        title="客户投诉情况",
        paragraphs=summary,
        tables=(
            count_table("越级投诉按转办单位", "转办单位", by_forwarder, len(records)),
            count_table("越级投诉按问题类型", "问题类型", by_topic, len(records)),
            count_table("客户投诉按受理渠道", "受理渠道", ACCEPTED, accepted),
            Table(
                caption="客户投诉按问题类别",
                columns=("问题类别", "件数"),
                rows=(*category_rows, *totals),
            ),
        ),
        items=tuple(line for line, _ in checks),
    )


# ---------------------------------------------------------------------------------------
# 2. Self-inspection: problems, the rectification order (R8) and measures
# ---------------------------------------------------------------------------------------

# The weaknesses the speech names, in its order, with the complaint topics merged into each.
# Severity, urgency and difficulty are the company's judgement (illustrative): the 五个一律
# against 三指定 can be done at once (立即撤除、一律销毁、一律退还); 低电压 needs grid investment.
PROBLEMS = [
    ("P1", "power", "少数员工服务意识淡薄，缺乏主动服务、真诚服务的意识", "aspect.awareness",
     S.MODERATE, U.SLOW, D.MODERATE, ("topic.service",), "qi"),
    ("P2", "marketing", "员工业务基础不扎实，沟通能力不强，不愿向客户宣传解释", "aspect.skills",
     S.MODERATE, U.NORMAL, D.EASY, (), "mkt"),
    ("P3", "office", "部门、单位之间协作配合不够，存在推诿现象，“大服务”格局未形成",
     "aspect.system", S.MODERATE, U.SLOW, D.HARD, (), "xfb"),
    ("P4", "operations", "高温和低温天气局部地区“低电压”问题突出", "aspect.supply",
     S.SERIOUS, U.URGENT, D.HARD, ("topic.supply_quality", "topic.appliance"), "ops"),
    ("P5", "marketing", "业扩报装“三指定”问题未根治，报装程序不规范", "aspect.connection",
     S.SERIOUS, U.URGENT, D.EASY, ("topic.connection", "topic.tariff"), "mkt"),
    ("P6", "operations", "计划检修停电未按规定提前公告，故障报修停电时间长", "aspect.outage",
     S.MODERATE, U.URGENT, D.MODERATE, ("topic.outage",), "ops"),
]  # fmt: skip

# Measures from the speech's 注重综合治理; deadlines are illustrative.
MEASURES: list[tuple[str, str, str, str, date | TimeLimit]] = [
    ("M1", "P5", "落实“五个一律”：撤除营业场所多经企业办公点，销毁涉嫌“三指定”的宣传资料",
     "mkt", TimeLimit.working_days(5)),
    ("M2", "P5", "无政策依据和超标收取的费用一律退还", "mkt", TimeLimit.working_days(10)),
    ("M3", "P2", "开展“三个十条”和供电服务手册全员培训考试", "mkt", TimeLimit.working_days(20)),
    ("M4", "P6", "计划检修停电按规定提前公告，强化报修流程管理", "ops", TimeLimit.working_days(15)),
    ("M5", "P1", "组织“优质服务是国家电网生命线”大讨论活动", "qi", TimeLimit.working_days(20)),
    ("M6", "P4", "落实“低电压”综合整治方案，按期完成整改目标", "ops", date(2023, 12, 29)),
    ("M7", "P3", "坚持“一月一查一通报一考核”，加强投诉举报闭环管理", "xfb",
     TimeLimit.working_days(20)),
]  # fmt: skip


def self_inspection(campaign: Campaign) -> None:
    campaign.hold_activity("forum", at=at(10, 10, 14), by="qi")  # 人大代表、政协委员、客户座谈会
    # 事事有回音，件件有着落 (R10): every escalated complaint is answered by the head of the
    # department it concerns, in person for supply faults, by phone otherwise.
    chain = chain_of(campaign)
    for opinion in list(campaign.opinions.values()):
        head = chain.first_responsible(opinion.unit)
        mode = AnswerMode.VISIT if opinion.unit == "operations" else AnswerMode.CALL
        campaign.answer_opinion(
            opinion.id, mode=mode, summary="逐件回访，说明处理结果", at=at(10, 13), by=head
        )
    for unit, head in (("marketing", "mkt"), ("operations", "ops"), ("office", "xfb")):
        campaign.submit_self_inspection(
            unit, summary="对照投诉反映的问题逐条自查", at=at(10, 18), by=head
        )
    campaign.hold_activity("review", at=at(10, 24), by="gm")  # 逐个部门过堂、集体会诊

    for key, unit, title, category, severity, urgency, difficulty, topics, owner in PROBLEMS:
        merged = [o.id for o in campaign.opinions.values() if o.category in topics]
        campaign.record_problem(
            key, unit=unit, title=title, category=category, severity=severity,
            urgency=urgency, difficulty=difficulty, opinions=merged, owner=owner,
            at=at(10, 25), by="gm",
        )  # fmt: skip
    # 过堂会诊 found every complaint behind a problem true (属实): R6 counts these.
    for problem in campaign.problems.values():
        for opinion in problem.opinions:
            campaign.give_verdict(opinion, verdict=Verdict.TRUE, at=at(10, 25, 10), by="gm")
    for key, problem, title, owner, due in MEASURES:
        campaign.add_measure(
            key, problem=problem, title=title, owner=owner, due=due, at=at(10, 26), by="gm"
        )


ORDER_COLUMNS = ("顺序", "编号", "问题", "责任单位", "难易", "轻重", "缓急", "归并投诉", "排序依据")


def order_section(campaign: Campaign, policy: PriorityPolicy) -> Section:
    ordered = prioritize(campaign.problems.values(), policy)
    org = chain_of(campaign).organization
    rows: list[tuple[str | int, ...]] = []
    for place, problem in enumerate(ordered, 1):
        before = ordered[place - 2] if place > 1 else None
        deciding = policy.deciding_principle(before, problem) if before else None
        rows.append(
            (
                place,
                problem.id,
                ASPECTS[problem.category or ""],
                org.unit(problem.unit).name,
                problem.difficulty.label,
                problem.severity.label,
                problem.urgency.label,
                len(problem.opinions),
                deciding.label if deciding else "—",
            )
        )
    measures: list[tuple[str | int, ...]] = [
        (m.id, m.problem, m.title, org.person(m.owner).name, m.due.isoformat())
        for m in sorted(campaign.measures.values(), key=lambda m: m.due)
    ]
    principles = "、".join(p.label for p in policy.order)
    return Section(
        title="整改顺序",
        paragraphs=(
            f"按照{principles}的原则排定整改顺序：先比难易，难易相同再比轻重，再比缓急。"
            "“排序依据”为与上一项相比起决定作用的原则。",
        ),
        tables=(
            Table(
                caption="问题整改顺序",
                columns=ORDER_COLUMNS,
                rows=rows,
            ),
            Table(
                caption="整改措施",
                columns=("措施", "问题", "内容", "责任人", "整改时限"),
                rows=measures,
            ),
        ),
    )


# ---------------------------------------------------------------------------------------
# 3. Rectification and closing (R7), the month's check and circular (R6, R9, R10, R11)
# ---------------------------------------------------------------------------------------


def rectification(campaign: Campaign) -> list[str]:
    """Work through November; return what happened when 三指定 (P5) was to be closed."""
    campaign.complete_measure("M1", evidence="营业厅整治照片、资料销毁记录", at=at(11, 1), by="mkt")
    campaign.complete_measure("M2", evidence="退费清单及客户签收", at=at(11, 8), by="mkt")
    campaign.verify_problem("P5", note="明查暗访：营业场所已无多经企业", at=at(11, 9), by="qi")

    # 回访: the complainants are asked whether they are satisfied.  One cannot be reached.
    complaints = campaign.problems["P5"].opinions
    reached, unreached = complaints[:-1], complaints[-1]
    for opinion in reached:
        campaign.record_satisfaction(opinion, satisfied=True, at=at(11, 14), by="mkt")

    events = [
        f"P5的整改措施{'、'.join(m.id for m in campaign.measures.values() if m.problem == 'P5')}"
        f"已完成，经督查状态为“{campaign.problems['P5'].state.label}”。"
    ]
    asked = at(11, 15)
    try:
        campaign.close_problem("P5", at=asked, by="gm")
    except CommandRefused as refused:  # 问题不解决不放过、客户不满意不通过 (R7)
        answered = [o for o in complaints if campaign.answer(o) is not None]
        pleased = [o for o in complaints if campaign.satisfied(o)]
        waiting = [o for o in complaints if not campaign.satisfied(o)]
        events.append(
            f"{day_text(asked.date())}申请销号：归并的{len(complaints)}件投诉已答复{len(answered)}件，"
            f"{len(pleased)}件客户回访满意，{'、'.join(waiting)}客户尚未回访满意，"
            f"{refused.value}销号被拒绝（客户不满意不通过）。"
        )
    visited = at(11, 16, 10)
    campaign.record_satisfaction(unreached, satisfied=True, at=visited, by="mkt")
    campaign.close_problem("P5", at=visited.add(hours=1), by="gm")
    events.append(
        f"{day_text(visited.date())}{unreached}客户回访满意，P5{campaign.problems['P5'].state.label}。"
    )

    campaign.complete_measure("M5", evidence="大讨论活动记录", at=at(11, 21), by="qi")
    campaign.complete_measure("M3", evidence="培训考试成绩册", at=at(11, 22), by="mkt")
    campaign.complete_measure("M7", evidence="11月行风通报及考核表", at=at(11, 23), by="xfb")
    # M4 (停电公告) slips past its deadline; M6 (低电压) runs to the end of the year.
    return events


def month_end_circular(campaign: Campaign) -> Section:
    """The November check (一月一查一通报一考核, R11): the catalogue's rules for escalated
    complaints (R6), late rectification (R9) and unanswered opinions (R10) are evaluated on
    the campaign's facts, and the generated circular lists what they found."""
    rule_sets = [escalated_complaints(), late_rectification(), unanswered_opinions()]
    findings = evaluate(campaign, MONTH_END, rule_sets)
    notice = circular(
        campaign,
        since=date(2023, 1, 1),
        on=MONTH_END,
        title=f"关于截至{MONTH_END.month}月底迎评整改工作情况的通报",
        findings=findings,
    )
    fired = Counter(f.rule_set for f in findings)
    counts = "，".join(f"{r.name} {fired[r.name]}项" for r in rule_sets)
    return Section(
        title="整改情况通报",
        paragraphs=(
            f"{day_text(notice.on)}，{notice.issuer}印发《{notice.title}》（一月一查一通报一考核）。"
            f"按规则核查，列入通报事项：{counts}。通报如下：",
        ),
        sections=notice.sections,
    )


def closing_the_stage(campaign: Campaign) -> list[str]:
    """整改提高 cannot close on 30 November while M4 is overdue (R9); M4 is done late in
    December and the stage closes; then where the hardest problem stands on the report day."""
    stage = campaign.stage
    events: list[str] = []
    try:
        filing = stage_report(campaign, on=MONTH_END).filing
        campaign.advance(at=at(11, 30, 17), by="gm", report=filing)
    except GateNotMet as refused:
        labels = {gate.name: getattr(gate, "label", gate.name) for gate in stage.gates}
        unmet = "、".join(labels[failure.gate] for failure in refused.unmet)
        late = "、".join(m.id for m in campaign.overdue_measures(refused.on))
        events.append(
            f"{day_text(refused.on)}{stage.name}阶段到期，{late}逾期未完成，"
            f"不满足转段条件（{unmet}），暂缓转段。"
        )

    campaign.complete_measure("M4", evidence="计划停电公告记录、报修流程图", at=at(12, 6), by="ops")
    m4 = campaign.measures["M4"]
    if m4.done_at is not None:
        finished = m4.done_at.date()
        events.append(
            f"{day_text(finished)}M4完成，超过整改时限（{day_text(m4.deadline)}）"
            f"{(finished - m4.deadline).days}天。"
        )
    transition = stage_report(campaign, on=date(2023, 12, 8), next_plan=["迎接全市民主评议"])
    campaign.advance(at=at(12, 8, 17), by="gm", report=transition.filing)
    events.append(
        f"{day_text(transition.report.on)}转段，比计划推迟{campaign.overruns[stage.key]}天。"
        f"{transition.filing.summary}"
    )

    # The hardest problem is far from closing: say what still keeps it open on the report day.
    now = campaign.as_of(REPORT_DAY)
    p4 = now.problems["P4"]
    deadline = max(m.deadline for m in now.measures.values() if m.problem == p4.id)
    unsatisfied = sum(1 for o in p4.opinions if not now.satisfied(o))
    events.append(
        f"截至{day_text(REPORT_DAY)}，P4（“低电压”）整改时限至{day_text(deadline)}，"
        f"状态为“{p4.state.label}”，尚有{len(now.closing_gaps(p4.id))}项销号条件未满足"
        f"（其中{unsatisfied}件投诉客户尚未回访满意）。"
    )
    return events


# ---------------------------------------------------------------------------------------
# 4. The assessment: an 80-point questionnaire ranks 22 public-service targets (R14, R15)
# ---------------------------------------------------------------------------------------

QUESTIONNAIRE = Questionnaire(
    name="民主评议政风行风问卷",
    items=("总体评价",),
    options=FOUR_OPTIONS,
    # The respondents the speech lists: deputies and committee members; enterprises and
    # private businesses; public institutions, mass organisations, townships and village
    # party members.
    groups=("人大代表政协委员", "企业和个体业主", "基层干部群众"),
)
WEIGHTS = {  # illustrative: how the groups are mixed
    "人大代表政协委员": Fraction(3, 10),
    "企业和个体业主": Fraction(2, 5),
    "基层干部群众": Fraction(3, 10),
}

# Illustrative data per target: per group, the counts of 满意 基本满意 不满意 不了解; then the
# 日常明查暗访 score out of 100 and the verified escalated complaints (属实越级投诉).
TARGETS = """
                  人大代表政协委员  企业和个体业主  基层干部群众  明查暗访  属实越级投诉
省电力公司         9  1  0  0       17  3  0  0     17  2  0  1       97           6
省公积金中心       9  1  0  0       16  4  0  0     17  3  0  0       93           0
省邮政公司         8  2  0  0       16  3  1  0     16  3  1  0       96           0
省移动公司         8  2  0  0       15  4  1  0     16  3  1  0       95           1
省电信公司         8  1  1  0       15  4  1  0     15  4  1  0       94           0
省联通公司         7  3  0  0       14  5  1  0     15  3  1  1       93           0
省社保局           7  2  1  0       14  5  1  0     14  5  1  0       92           0
省医保局           7  2  1  0       14  4  2  0     14  4  2  0       92           0
省广电网络公司     7  2  1  0       13  5  2  0     13  5  1  1       91           0
省高速公路管理局   6  3  1  0       13  5  2  0     13  5  2  0       90           0
省民航机场集团     6  3  1  0       13  4  3  0     12  6  1  1       91           0
省邮储银行         6  3  1  0       12  6  2  0     12  6  2  0       89           0
省农村信用社       6  2  2  0       12  5  3  0     12  5  3  0       88           0
省石油公司         5  4  1  0       12  5  3  0     11  6  3  0       88           0
省石化公司         5  4  1  0       11  6  3  0     11  6  2  1       87           0
省燃气集团         5  3  2  0       11  6  3  0     11  5  4  0       86           0
省烟草专卖局       5  3  2  0       10  7  3  0     10  6  3  1       86           0
省铁路局           5  3  2  0       10  6  4  0     10  6  4  0       85           2
省人民医院         4  4  2  0        9  7  4  0      9  7  4  0       84           0
省交警总队         4  3  3  0        9  6  5  0      9  6  5  0       82           0
省不动产登记中心   3  4  3  0        8  6  6  0      8  6  6  0       80           0
省出入境管理局     2  4  4  0        6  7  7  0      6  6  8  0       76           0
"""


def targets() -> dict[str, list[int]]:
    """The rows of TARGETS: target → its 14 numbers."""
    rows = (line.split() for line in TARGETS.strip().splitlines()[1:])
    return {target: [int(n) for n in numbers] for target, *numbers in rows}


def ballots(data: Mapping[str, list[int]]) -> list[Ballot]:
    """One Ballot per respondent, as the ballot box delivers them."""
    found: list[Ballot] = []
    for target, numbers in data.items():
        for g, group in enumerate(QUESTIONNAIRE.groups):
            for v, option in enumerate(QUESTIONNAIRE.options):
                ballot = QUESTIONNAIRE.ballot(target, group, 总体评价=option)
                found += [ballot] * numbers[4 * g + v]
    return found


RANKING_COLUMNS = (
    "名次",
    "评议对象",
    "问卷调查",
    "问卷名次",
    "明查暗访",
    "属实越级投诉",
    "综合得分",
)


def explained(score: Score) -> tuple[str, ...]:
    """The score's explanation as list items, nested steps indented with 全角 spaces."""
    lines = score.explain().splitlines()
    return tuple(
        "　" * ((len(line) - len(line.lstrip())) // 2 - 1) + line.strip() for line in lines
    )


def assessment_section() -> Section:
    # 测评计分办法 (illustrative points and weights): 不了解 is returned but not scored; the
    # weighted score out of 100 is scaled to the questionnaire's 80 points (R14).
    scheme = SurveyScheme(
        questionnaire=QUESTIONNAIRE,
        points={"满意": 100, "基本满意": 75, "不满意": 55},
        invalid={"不了解"},
        group_weights=WEIGHTS,
        full_marks=80,
    )
    data = targets()
    tally = Tally.from_ballots(QUESTIONNAIRE, ballots(data))
    questionnaire = scheme.scores(tally)
    inspection = {target: numbers[12] for target, numbers in data.items()}
    verified = {target: numbers[13] for target, numbers in data.items()}

    # 考评细则: 80 questionnaire points + 20 inspection points; each verified escalated
    # complaint costs 0.5 points, at most 5 (R6: assessed strictly).
    card = Scorecard(
        components=(
            Component(name="问卷调查", points=80, out_of=80),
            Component(name="日常明查暗访", points=20, out_of=100),
        ),
        adjustments=(
            Adjustment(
                name="属实越级投诉", kind=AdjustmentKind.DEDUCTION, per=Decimal("0.5"), cap=5
            ),
        ),
    )
    totals = {
        target: card.score(
            target,
            values={"问卷调查": questionnaire[target], "日常明查暗访": inspection[target]},
            counts={"属实越级投诉": verified[target]},
        )
        for target in questionnaire
    }
    by_questionnaire = rank(questionnaire)
    final = rank(totals)

    # 确保省公司在全省22个公共服务类评议对象中排名前三、争取第一 (R15)
    goal = RankGoal(
        scope="全省公共服务类评议对象", peers=22, within=3, strive_for=1, unit="省电力公司"
    )
    check = goal.check(final)
    first = RankGoal(scope=goal.scope, peers=22, within=1, unit="省电力公司").check(final)
    clean = card.score(
        "省电力公司",
        values={"问卷调查": questionnaire["省电力公司"], "日常明查暗访": inspection["省电力公司"]},
    )
    without = goal.check(rank({**totals, "省电力公司": clean}))
    satisfaction = scheme.satisfaction(tally, "省电力公司")

    rows: list[tuple[str | int, ...]] = [
        (
            place.rank,
            place.target,
            f"{questionnaire[place.target].rounded()}",
            by_questionnaire.rank_of(place.target),
            inspection[place.target],
            verified[place.target],
            f"{display(place.score)}",
        )
        for place in final
    ]
    outcome = "实现" if check.met else "未实现"
    strive = "已实现" if check.strive_met else "未实现"
    deduction = card.adjustments[0]
    weights = "、".join(f"{g}{display(w * 100, 0)}%" for g, w in WEIGHTS.items())
    paragraphs = [
        f"本次评议问卷调查占{scheme.full_marks}分，日常明查暗访占"
        f"{card.full_marks - scheme.full_marks}分；属实越级投诉每起扣"
        f"{display(deduction.per, 1)}分，最多扣{deduction.cap}分。问卷按{weights}加权。"
        "（选票、明查暗访得分和属实越级投诉件数为示例数据。）",
        f"目标：{goal.label}。省电力公司问卷调查排名第{by_questionnaire.rank_of('省电力公司')}，"
        f"综合得分{display(check.value)}，排名第{check.rank}：排名前{goal.within}的目标{outcome}，"
        f"争取第{goal.strive_for}{strive}，"
        f"距第1名差{first.places_short}个名次、{display(first.short_by)}分。",
        f"若无属实越级投诉扣分，综合得分为{clean.rounded()}，可排名第{without.rank}。"
        "越级投诉必须严格考核、切实减少。",
        f"省电力公司{satisfaction}。",
    ]
    return Section(
        title="问卷测评与排名",
        paragraphs=paragraphs,
        tables=(
            Table(
                caption=f"全省{goal.peers}个公共服务类评议对象综合考评排名",
                columns=RANKING_COLUMNS,
                rows=rows,
            ),
        ),
        items=explained(totals["省电力公司"]),
    )


# ---------------------------------------------------------------------------------------
# The whole case
# ---------------------------------------------------------------------------------------


def run() -> Report:
    """Run the case from the mobilisation meeting to the appraisal; return the report."""
    campaign = Campaign.launch(plan(), at=at(9, 20), by="gm")
    campaign.hold_activity("mobilisation", at=at(9, 20, 15), by="gm")  # 动员大会: the speech
    # The 行风办 enters the complaints received to the end of August (台账).
    for complaint in complaint_ledger():
        campaign.receive_opinion(complaint, at=at(9, 25, 10), by="xfb")
    campaign.advance(
        at=at(9, 28, 17),
        by="gm",
        report=stage_report(
            campaign, on=date(2023, 9, 28), next_plan=["逐件回访越级投诉客户"]
        ).filing,
    )

    self_inspection(campaign)
    policy = PriorityPolicy()  # 先易后难、先重后轻、先急后缓, as the speech writes them
    order = order_section(campaign, policy)
    transition = stage_report(campaign, on=date(2023, 10, 31), next_plan=["按整改顺序落实整改措施"])
    campaign.advance(at=at(10, 31, 17), by="gm", report=transition.filing)

    november = rectification(campaign)
    notice = month_end_circular(campaign)  # issued on 30 November, before December's work
    december = closing_the_stage(campaign)

    return Report(
        title="市供电公司迎接全市民主评议政风行风工作情况报告",
        issuer=chain_of(campaign).organization.root.name,
        on=REPORT_DAY,
        sections=(
            complaint_section(campaign),
            order,
            Section(
                title="整改落实与销号",
                paragraphs=(transition.filing.summary, *november, *december),
            ),
            notice,
            assessment_section(),
        ),
    )


if __name__ == "__main__":
    print(run().markdown())
