"""A district construction bureau creates a civilised unit (区级文明单位创建), seed 004.

Source: *建设局创建文明单位工作情况的汇报大纲* (``/work/shared/seeds/004_*.txt``), the outline of
a district 建设局's report on two years of 文明单位创建.  It tells of a responsibility system
of three tiers, 一把手负总责、分管领导具体抓、创建小组抓落实 (R3); of checking itself against
the 文明行业规范化达标 standard 每半年自查一次 (R11); of public commitments and 限时办结 of
residents' complaints (R17); and of 77 建议提案 (suggestions of 人大代表 and proposals of
政协委员) closed within the district government's time limit, with 见面率、反馈率和满意率均达到
100% (R18).

This example runs those two years (2008–2009) as a campaign and writes the bureau's report:

一、三级责任体系: the three tiers, derived by the responsibility chain, the duties of each
    tier in order, and who answers if the creation group fails.
二、每半年自查一次: the half-yearly self-check dates (a ``Cadence``), each check held in the
    campaign, the stage closed with a transition report generated from the records, and the
    transition refused when one half-year is skipped.
三、公开承诺、限时办结: quantified commitments, each a ``TimeLimit``, with the deadlines of a
    complaint received on the eve of the National Day holiday.
四、建议提案办理: the 77 proposals as opinions answered in the campaign; 办结率, 见面率 and
    反馈率 counted from the campaign's answers, 满意率 from the returned 征询意见表; every
    rate exact (77/77 → 100.00%), the parts checked to add up (R20) and the rates checked
    against the plan's goals.
五、一件逾期的影响: the same two years with one answer late: 办结率 76/77 = 98.70%, the goal
    missed by 1/77, and the R10 rule's finding on the day after the deadline.

What comes from the seed: the three tiers and their words, 每半年自查一次, 每周四集中学习, the
77 proposals and the four rates of 100%, and the complaint and repair figures quoted in 三.
Everything else is illustrative: the people and sections, the split of the 77 by year and
kind, their topics and dates, the commitments' time limits, and the records the rates are
counted from.  Those records are made to agree with the seed's 100%: every proposal is
answered in person (登门见面) well within its limit, and every 征询意见表 returned reads 满意.
So the rates show how the library counts, merges and checks them against the goals, not
evidence for the seed's figures; section 五 shows the same counting when one record differs.
The district's limit for proposals is taken as 90 days from assignment (交办).  Two
modelling choices are forced by the library as it stands: xingfeng has no source for
人大代表建议 / 政协委员提案, so they come in as ``Source.RATER`` (评议代表, the group deputies
and members serve in during 民主评议政风行风); and ``record_satisfaction`` is for complainants
only (R7), so the deputies' satisfaction is tallied from their 征询意见表 with a
``Questionnaire``.

Run it with ``python examples/construction_bureau.py``; ``python -m xingfeng demo
construction_bureau`` runs the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import NamedTuple

import pendulum

from xingfeng import (
    THREE_OPTIONS,
    Activity,
    ActivityKind,
    AllActivitiesHeld,
    Anchor,
    AnswerMode,
    AnswerPolicy,
    Cadence,
    Campaign,
    CampaignPlan,
    Duty,
    DutyGraph,
    Frequency,
    GateNotMet,
    Opinion,
    Organization,
    Person,
    Post,
    Posting,
    Questionnaire,
    Rate,
    RateGoal,
    RateName,
    Report,
    ResponsibilityChain,
    Roll,
    Section,
    Source,
    Stage,
    StageReported,
    SurveyScheme,
    Table,
    Tally,
    TimeLimit,
    Unit,
    UnitKind,
    WorkCalendar,
    check_breakdown,
    chinese_date,
    display,
    evaluate,
    stage_report,
    unanswered_opinions,
)

ZONE = "Asia/Shanghai"
CALENDAR = WorkCalendar.china()
BUREAU = "沙市区建设局"


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> pendulum.DateTime:
    """A moment in China Standard Time: the library has no clock, so every time is given."""
    return pendulum.datetime(year, month, day, hour, minute, tz=ZONE)


def local_day(moment: datetime) -> date:
    """The day of ``moment`` in China Standard Time."""
    return pendulum.instance(moment).in_timezone(ZONE).date()


# ---------------------------------------------------------------------------------------
# The bureau and its chain of responsibility (R3)
# ---------------------------------------------------------------------------------------

UNITS = [
    Unit(id="jsj", name=BUREAU, kind=UnitKind.ORGANIZATION),
    Unit(id="cjb", name="文明创建办公室（创建小组）", kind=UnitKind.SECTION, parent="jsj"),
    Unit(id="bgs", name="办公室", kind=UnitKind.SECTION, parent="jsj"),
    Unit(id="szk", name="市政管理科", kind=UnitKind.SECTION, parent="jsj"),
    Unit(id="cjk", name="城市建设科", kind=UnitKind.SECTION, parent="jsj"),
]
PEOPLE = [
    Person(id="zhou", name="周局长"),
    Person(id="wu", name="吴副局长"),
    Person(id="zheng", name="郑副局长"),
    Person(id="wang", name="王主任"),
    Person(id="feng", name="冯主任"),
    Person(id="chen", name="陈科长"),
    Person(id="sun", name="孙科长"),
    Person(id="li", name="李干事"),
    Person(id="zhao", name="赵干事"),
]
POSTINGS = [
    # 根据领导分工及时调整了文明创建工作领导小组: the director heads it, both deputies sit in it.
    Posting(person="zhou", unit="jsj", post=Post.TOP_LEADER),
    Posting(person="zhou", unit="jsj", post=Post.LEADING_GROUP_HEAD),
    Posting(person="wu", unit="jsj", post=Post.DEPUTY, in_charge_of={"cjb", "bgs"}),
    Posting(person="wu", unit="jsj", post=Post.LEADING_GROUP_MEMBER),
    Posting(person="zheng", unit="jsj", post=Post.DEPUTY, in_charge_of={"szk", "cjk"}),
    Posting(person="zheng", unit="jsj", post=Post.LEADING_GROUP_MEMBER),
    # The creation group is a unit whose head is its first responsible person.
    Posting(person="wang", unit="cjb", post=Post.FIRST_RESPONSIBLE),
    Posting(person="li", unit="cjb", post=Post.STAFF),
    Posting(person="zhao", unit="cjb", post=Post.STAFF),
    Posting(person="feng", unit="bgs", post=Post.FIRST_RESPONSIBLE),
    Posting(person="chen", unit="szk", post=Post.FIRST_RESPONSIBLE),
    Posting(person="sun", unit="cjk", post=Post.FIRST_RESPONSIBLE),
]

#: The seed's words for each tier of the chain.
TIERS = {
    Post.TOP_LEADER: ("一把手", "负总责"),
    Post.DEPUTY: ("分管领导", "具体抓"),
    Post.FIRST_RESPONSIBLE: ("创建小组", "抓落实"),
}


def bureau_chain() -> ResponsibilityChain:
    """The chain derived from the postings; it is checked (R1, R2) as it is built."""
    return ResponsibilityChain(
        organization=Organization(units=UNITS, people=PEOPLE, postings=POSTINGS)
    )


def names_in(chain: ResponsibilityChain) -> dict[str, str]:
    """Ids of units and people to their names, for everything the report shows."""
    return chain.organization.names()


# ---------------------------------------------------------------------------------------
# The plan: two years, a half-yearly self-check, a time limit for proposals
# ---------------------------------------------------------------------------------------

#: 坚持每半年自查一次: on the last working day of each half-year.
SELF_CHECK = Cadence(
    name="每半年自查一次", every=Frequency.HALF_YEARLY, anchor=Anchor.last_workday()
)
#: 坚持每周四组织集中学习; a Thursday off moves to the next working day of its week (or, if
#: the rest of the week is off, to the working day before it).
STUDY = Cadence(
    name="每周四集中学习", every=Frequency.WEEKLY, anchor=Anchor(day=4, roll=Roll.FOLLOWING)
)
#: 在区政府规定的时间内办结: taken as 90 days from assignment (TimeLimit has no months).
PROPOSAL_LIMIT = TimeLimit.calendar_days(90)

RATE_GOALS = tuple(
    RateGoal(rate=name.label, at_least=Decimal(1))
    for name in (
        RateName.CLOSED_IN_TIME,
        RateName.FACE_TO_FACE,
        RateName.FEEDBACK,
        RateName.SATISFACTION,
    )
)


def creation_plan() -> CampaignPlan:
    """The 实施方案: three stages; the creation stage carries the recurring self-check."""
    stages = (
        Stage(
            key="mobilise",
            name="动员部署",
            first=date(2008, 1, 2),
            last=date(2008, 1, 31),
            activities=(
                Activity(
                    id="mobilisation",
                    kind=ActivityKind.MOBILISATION_MEETING,
                    title="调整创建工作领导小组、完善《实施方案》动员会",
                ),
            ),
            gates=(AllActivitiesHeld(), StageReported()),
        ),
        Stage(
            key="create",
            name="创建实施",
            first=date(2008, 2, 1),
            last=date(2009, 12, 31),
            activities=(
                Activity(
                    id="self_check",
                    kind=ActivityKind.SELF_INSPECTION,
                    title="对照文明行业规范化达标标准自查，查漏补缺",
                    cadence=SELF_CHECK,
                ),
            ),
            # R11: the stage cannot close until the self-check was held in every half-year so far.
            gates=(AllActivitiesHeld(), StageReported()),
        ),
        Stage(
            key="accept",
            name="检查验收",
            first=date(2010, 1, 4),
            last=date(2010, 1, 29),
            gates=(StageReported(),),
        ),
    )
    return CampaignPlan(
        name="2008—2009年创建区级文明单位",
        organiser="沙市区精神文明建设委员会",
        first=date(2008, 1, 2),
        last=date(2010, 1, 29),
        stages=stages,
        appraised=("jsj",),
        chain=bureau_chain(),
        goals=RATE_GOALS,
        cadences=(SELF_CHECK, STUDY),
        calendar=CALENDAR,
        answers=AnswerPolicy(channels={Source.RATER.value: PROPOSAL_LIMIT}),
    )


def answer_due(plan: CampaignPlan, opinion: Opinion) -> date:
    """The last day on which an answer to ``opinion`` is on time, by the plan's policy."""
    return plan.answers.answer_due(opinion.received_at, plan.calendar, source=opinion.source.value)


# ---------------------------------------------------------------------------------------
# The 77 proposals (建议提案)
# ---------------------------------------------------------------------------------------

#: (year, kind, count, assigned at the district's 交办会); 41 + 36 = 77.
BATCHES = [
    (2008, "人大代表建议", 24, at(2008, 3, 25, 10)),
    (2008, "政协委员提案", 17, at(2008, 3, 25, 10)),
    (2009, "人大代表建议", 21, at(2009, 3, 24, 10)),
    (2009, "政协委员提案", 15, at(2009, 3, 24, 10)),
]
GROUP = {"人大代表建议": "人大代表", "政协委员提案": "政协委员"}
#: Topics from the seed's 热点难点问题, each handled by the section in charge of it.
TOPICS = [
    ("井盖破损、缺失", "szk"),
    ("排水管网淤堵", "szk"),
    ("化粪池漫溢", "szk"),
    ("雨后道路渍水", "szk"),
    ("人行道破损", "cjk"),
    ("背街小巷路面坑洼", "cjk"),
]
STREETS = ["北京路", "江汉路", "中山路", "胜利街", "民主街", "红门路", "塔桥路", "园林路", "豉湖路"]
HEADS = {"szk": "chen", "cjk": "sun"}


class Proposal(NamedTuple):
    """One 建议提案: the year and kind of its batch, and the opinion it comes in as."""

    year: int
    kind: str
    opinion: Opinion


def assigned_proposals() -> tuple[Proposal, ...]:
    """Every proposal of the batches, received when it was assigned."""
    found = []
    for year, kind, count, assigned in BATCHES:
        for n in range(1, count + 1):
            issue, unit = TOPICS[n % len(TOPICS)]
            street = STREETS[(n + year) % len(STREETS)]
            opinion = Opinion(
                # Nearest existing source: deputies and members are the 评议代表.
                id=f"{year}{kind[-2:]}{n:02d}",
                source=Source.RATER,
                text=f"关于解决{street}{issue}问题的{kind[-2:]}",
                unit=unit,
                submitter=f"{GROUP[kind]}{n % 9 + 1}号",
                received_at=assigned,
            )
            found.append(Proposal(year, kind, opinion))
    return tuple(found)


PROPOSALS = assigned_proposals()


# ---------------------------------------------------------------------------------------
# Two years as a campaign
# ---------------------------------------------------------------------------------------

#: A command of the timeline: its moment, and the call that gives it to the campaign.
TimedCommand = tuple[datetime, Callable[[Campaign], None]]


def close_stage(campaign: Campaign, *, at: datetime, next_plan: Sequence[str]) -> None:
    """转段: the stage report is generated from the campaign's records and filed with it."""
    report = stage_report(campaign, on=local_day(at), next_plan=next_plan)
    campaign.advance(at=at, by="zhou", report=report.filing)


def timeline(plan: CampaignPlan, *, late: str | None, skipped: date | None) -> list[TimedCommand]:
    """Every command of the two years with its moment; the campaign takes them in order.

    ``late`` names a proposal answered three working days after its deadline; ``skipped`` a
    half-year whose self-check (on that day) was never held.
    """
    opened, closed = at(2008, 1, 10), at(2008, 1, 31, 17)
    commands: list[TimedCommand] = [
        (opened, partial(Campaign.hold_activity, activity="mobilisation", at=opened, by="zhou")),
        (closed, partial(close_stage, at=closed, next_plan=("每半年自查一次", "建议提案限时办结"))),
    ]
    creation = plan.stages[plan.stage_index("create")]
    for occurrence in SELF_CHECK.occurrences(creation.first, creation.last, CALENDAR):
        if occurrence.on != skipped:
            moment = at(occurrence.on.year, occurrence.on.month, occurrence.on.day)
            commands.append(
                (
                    moment,
                    partial(Campaign.hold_activity, activity="self_check", at=moment, by="wang"),
                )
            )
    for n, (_, _, opinion) in enumerate(PROPOSALS):
        entered = opinion.received_at + timedelta(hours=2)  # 办公室登记
        commands.append(
            (entered, partial(Campaign.receive_opinion, opinion=opinion, at=entered, by="feng"))
        )
        # Answered in person (登门见面、当面答复) 20 to 55 working days after assignment.
        day = CALENDAR.add_workdays(opinion.received_at.date(), 20 + n * 7 % 36)
        if opinion.id == late:
            day = CALENDAR.add_workdays(answer_due(plan, opinion), 3)
        answered = at(day.year, day.month, day.day, 15)
        commands.append(
            (
                answered,
                partial(
                    Campaign.answer_opinion,
                    opinion=opinion.id,
                    mode=AnswerMode.VISIT,
                    summary="登门见面，当面通报办理结果并送达书面答复",
                    at=answered,
                    by=HEADS[opinion.unit],
                ),
            )
        )
    return sorted(commands, key=lambda command: command[0])  # stable: equal moments keep order


def two_years(*, late: str | None = None, skipped: date | None = None) -> Campaign:
    """The campaign from launch to the last day of the creation stage (not yet closed)."""
    plan = creation_plan()
    campaign = Campaign.launch(plan, at=at(2008, 1, 2), by="zhou")
    for _, command in timeline(plan, late=late, skipped=skipped):
        command(campaign)
    return campaign


def close_creation_stage(campaign: Campaign) -> None:
    """转段 into 检查验收 on the creation stage's last day."""
    close_stage(campaign, at=at(2009, 12, 31, 17), next_plan=("迎接区文明委检查验收",))


# ---------------------------------------------------------------------------------------
# Rates counted from the records (R18)
# ---------------------------------------------------------------------------------------

FORM = Questionnaire(
    name="建议提案办理情况征询意见表",
    items=("办理结果",),
    options=THREE_OPTIONS,
    groups=("人大代表", "政协委员"),
)
#: Only 满意 counts as satisfied; the points are not used for a rate.
FORM_SCHEME = SurveyScheme(
    questionnaire=FORM, points={"满意": 100, "基本满意": 75, "不满意": 55}, name=FORM.name
)


def returned_forms(campaign: Campaign, year: int) -> Tally:
    """The 征询意见表 returned for the year's answered proposals.

    Illustrative: every form reads 满意, consistent with the seed's 满意率 of 100%.
    """
    ballots = [
        FORM.ballot(BUREAU, GROUP[kind], 办理结果="满意")
        for y, kind, opinion in PROPOSALS
        if y == year and campaign.answer(opinion.id) is not None
    ]
    return Tally.from_ballots(FORM, ballots)


def handling_rates(campaign: Campaign, ids: Sequence[str]) -> tuple[Rate, Rate, Rate]:
    """办结率 (answered by the deadline), 见面率 (answered in person) and 反馈率 (answered)."""
    in_time = face_to_face = answered = 0
    for key in ids:
        answer = campaign.answer(key)
        if answer is None:
            continue
        answered += 1
        if answer.mode is AnswerMode.VISIT:
            face_to_face += 1
        if local_day(answer.at) <= answer_due(campaign.plan, campaign.opinions[key]):
            in_time += 1
    return (
        RateName.CLOSED_IN_TIME.of(in_time, len(ids)),
        RateName.FACE_TO_FACE.of(face_to_face, len(ids)),
        RateName.FEEDBACK.of(answered, len(ids)),
    )


def rate_goals(campaign: Campaign) -> list[RateGoal]:
    """The plan's rate goals (满意率100% …)."""
    return [goal for goal in campaign.plan.goals if isinstance(goal, RateGoal)]


def shown(rate: Rate) -> str:
    """A rate as a cell: rounded once (四舍五入), with its counts."""
    return f"{rate.percent()}%（{rate.numerator}/{rate.denominator}）"


def proposal_rates(
    campaign: Campaign, forms: dict[int, Tally]
) -> tuple[Table, dict[str, Rate], dict[str, int]]:
    """The rates by year and kind, and of all 77 (merged from the parts, never averaged);
    also the count of each part."""
    rows: list[tuple[str | int, ...]] = []
    parts: dict[str, list[Rate]] = {}
    counts: dict[str, int] = {}
    for year, kind, _, _ in BATCHES:
        part = f"{year}年{kind}"
        ids = [p.opinion.id for p in PROPOSALS if (p.year, p.kind) == (year, kind)]
        rates = (
            *handling_rates(campaign, ids),
            FORM_SCHEME.satisfaction(forms[year], BUREAU, group=GROUP[kind]),
        )
        rows.append((part, len(ids), *(shown(r) for r in rates)))
        counts[part] = len(ids)
        for rate in rates:
            parts.setdefault(rate.name, []).append(rate)
    total = {name: sum(rates[1:], rates[0]) for name, rates in parts.items()}
    rows.append(("合计", len(campaign.opinions), *(shown(r) for r in total.values())))
    table = Table(
        caption="建议提案办理情况",
        columns=("类别", "件数", *total),
        rows=rows,
    )
    return table, total, counts


# ---------------------------------------------------------------------------------------
# The report, section by section
# ---------------------------------------------------------------------------------------


def responsibility_section(chain: ResponsibilityChain) -> Section:
    """一、the three tiers, derived from the chain of a creation-group member."""
    names = names_in(chain)
    tiers = tuple(reversed(chain.chain_of("wang")))  # 一把手 → 分管领导 → 创建小组
    rows = []
    for holder in tiers:
        tier, duty = TIERS[chain.post_of(holder)]
        driver = chain.driver_of(holder)
        rows.append(
            (
                tier,
                duty,
                names[holder],
                chain.post_of(holder).label,
                names[chain.unit_of(holder)],
                names[driver] if driver else "—",
            )
        )
    duties = DutyGraph(
        duties=[
            Duty(id="group", title="调整创建工作领导小组，对创建工作负总责", owner="zhou"),
            Duty(
                id="plan",
                title="完善《实施方案》，分解目标任务，具体抓",
                owner="wu",
                prerequisites={"group"},
            ),
            Duty(
                id="self_check",
                title="每半年对照标准自查，查漏补缺，抓落实",
                owner="wang",
                prerequisites={"plan"},
            ),
            Duty(
                id="proposals",
                title="建议提案限时办结、登门见面",
                owner="chen",
                prerequisites={"plan"},
            ),
            Duty(
                id="report",
                title="向区文明委汇报创建工作",
                owner="zhou",
                prerequisites={"self_check", "proposals"},
            ),
        ]
    )
    outside = duties.owners_missing_from(set(chain.holders))
    titles = {d.id: d.title for d in duties.duties}
    members = chain.subordinates("wang", depth=1)
    return Section(
        title="三级责任体系",
        paragraphs=(
            "两年来，全局形成了“一把手”负总责、分管领导具体抓、创建小组抓落实的文明创建服务"
            "责任体系和工作机制。下表由责任链推出：创建小组组长由分管领导推动，分管领导由"
            "一把手推动。",
            f"创建小组成员{'、'.join(names[m] for m in members)}由组长{names['wang']}带领；"
            f"领导小组组长由{names[chain.top_leader]}兼任。",
            "表后按先后顺序列出各项职责，"
            + (
                f"其中{'、'.join(d.title for d in outside)}的责任人不在责任链上。"
                if outside
                else "责任人均在责任链上。"
            ),
        ),
        tables=(
            Table(
                caption="三级责任",
                columns=("层级", "职责", "责任人", "职务", "单位", "上级"),
                rows=rows,
            ),
        ),
        items=tuple(f"{titles[d]}（{names[duties.duty(d).owner]}）" for d in duties.order()),
    )


def self_check_section(campaign: Campaign, chain: ResponsibilityChain) -> Section:
    """二、the half-yearly self-checks: dated by the cadence and held in the campaign."""
    creation = campaign.plan.stages[campaign.plan.stage_index("create")]
    held = [local_day(moment) for moment in campaign.held("self_check", stage="create")]
    rows = []
    for occurrence in SELF_CHECK.occurrences(creation.first, creation.last, CALENDAR):
        first, last = occurrence.period_first, occurrence.period_last
        in_period = [d for d in held if first <= d <= last]
        rows.append(
            (
                f"{first.year}年{'上半年' if first.month == 1 else '下半年'}",
                occurrence.on.isoformat(),
                "、".join(d.isoformat() for d in in_period) or "未开展",
            )
        )
    filed = campaign.reports[creation.key]  # generated by stage_report when the stage closed
    return Section(
        title="每半年自查一次",
        paragraphs=(
            "按照文明行业规范化达标标准，坚持每半年自查一次，查漏补缺，强化基础。自查日期取"
            "每半年最后一个工作日，由节假日安排推算。",
            f"{creation.name}阶段已转入{campaign.stage.name}阶段，所报转段报告由活动记录生成："
            f"{filed.summary}",
        ),
        tables=(Table(caption="半年自查", columns=("半年", "应查日期", "实际开展"), rows=rows),),
        sections=(missed_self_check(chain), weekly_study()),
    )


def missed_self_check(chain: ResponsibilityChain) -> Section:
    """The same two years with the self-check of the first half of 2009 skipped: the stage
    cannot close, nothing is recorded, and the chain says who answers for it."""
    skipped = two_years(skipped=date(2009, 6, 30))
    before = skipped.event_count
    try:
        close_creation_stage(skipped)
    except GateNotMet as refused:
        stage = skipped.plan.stages[skipped.plan.stage_index(refused.stage)]
        recorded = skipped.event_count - before
        outcome = [
            f"假如2009年上半年未自查，{stage.name}阶段于{chinese_date(refused.on)}转段被拒绝，"
            + ("未记录任何事件" if recorded == 0 else f"却记录了{recorded}件事件")
            + "。未满足的转段条件：",
            # The gate's own words: its name is bilingual, its evidence is in English.
            *(f"{failure.gate}：{item}" for failure in refused.unmet for item in failure.items),
        ]
    else:
        outcome = ["假如2009年上半年未自查，创建实施阶段照常转段。"]
    names = names_in(chain)
    return Section(
        title="漏查一次则不能转段",
        paragraphs=(*outcome, "创建小组未按期自查，责任如下："),
        items=tuple(
            f"{names[row.holder]}（{row.post.label}）：{row.kind.label}"
            for row in chain.liable_for("cjb")
        ),
    )


def weekly_study() -> Section:
    """每周四集中学习 over the two years, as the holiday schedule allows it."""
    first, last = date(2008, 1, 2), date(2009, 12, 31)
    studies = STUDY.occurrences(first, last, CALENDAR)
    # Every week (Monday to Sunday) with a day in the two years, by its first and last day.
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    weeks = sorted({Frequency.WEEKLY.period_of(day) for day in days})
    studied = {o.period_first for o in studies}
    idle = [monday for monday, _ in weeks if monday not in studied]
    moved = [o.on for o in studies if o.on.isoweekday() != 4]
    idle_weeks = "、".join(chinese_date(d) for d in idle)
    return Section(
        title="每周四集中学习",
        paragraphs=(
            f"2008—2009年共{len(weeks)}周，应组织集中学习{len(studies)}次"
            f"（{idle_weeks}起的一周全周放假）。周四逢节假日的，改在本周最近的工作日，"
            f"共{len(moved)}次：{'、'.join(d.isoformat() for d in moved)}。",
        ),
    )


#: 公开承诺: each commitment quantified with its time limit (illustrative limits).
COMMITMENTS = [
    ("井盖缺失、破损", "接报后24小时内修复、更换", TimeLimit.hours(24)),
    ("道路渍水", "接报当日组织抽排", TimeLimit.same_day()),
    ("化粪池漫溢", "3个工作日内协调解决", TimeLimit.working_days(3)),
    ("居民群众举报、投诉", "5个工作日内办结并答复", TimeLimit.working_days(5)),
    ("人大代表建议、政协委员提案", "自交办之日起90日内办结", PROPOSAL_LIMIT),
]


def commitments_section() -> Section:
    """三、public commitments with time limits, and the deadlines they give (R17)."""
    received = at(2009, 9, 30, 16, 30)  # the eve of the 2009 National Day holiday
    rows = [
        (
            matter,
            promise,
            limit.label,
            f"{limit.due(from_=received, calendar=CALENDAR):%Y-%m-%d %H:%M}",
        )
        for matter, promise, limit in COMMITMENTS
    ]
    return Section(
        title="公开承诺、限时办结",
        paragraphs=(
            "坚持实行社会承诺：反映问题有人管，咨询业务有人答；对居民群众举报和投诉的问题，"
            "做到限时办结。近两年来，接到投诉220余件，共维修、更换各类井盖585个（次），"
            "疏挖排水管网1.7万余米，协调解决化粪池漫溢问题67起、道路渍水42起（汇报原文数据）。",
            "承诺时限按国务院节假日安排计算：下表为2009年9月30日16:30（国庆节前一日）接报的"
            "最迟办结时间。",
        ),
        tables=(
            Table(
                caption="公开承诺",
                columns=("事项", "承诺", "时限", "最迟办结"),
                rows=rows,
            ),
        ),
    )


def proposals_section(campaign: Campaign) -> tuple[Section, dict[str, Rate]]:
    """四、the 77 proposals: rates counted from the campaign, the parts checked to add up
    (R20), the rates checked against the goals."""
    forms = {year: returned_forms(campaign, year) for year in (2008, 2009)}
    table, total, counts = proposal_rates(campaign, forms)
    rows = []
    for goal in rate_goals(campaign):
        check = goal.check(total[goal.rate])
        rows.append((check.goal, shown(total[goal.rate]), "是" if check.met else "否"))
    goals = Table(caption="目标检查", columns=("目标", "实际", "是否达到"), rows=rows)
    closed = total[RateName.CLOSED_IN_TIME.label]
    # R20: the parts must add up to the number of proposals the campaign holds.
    mismatches = check_breakdown(len(campaign.opinions), counts, name="建议提案")
    parts_sum = " + ".join(str(n) for n in counts.values())
    # The two years' forms tallied as one must give the 满意率 merged from the parts.
    merged = FORM_SCHEME.satisfaction(forms[2008] + forms[2009], BUREAU)
    satisfaction = total[RateName.SATISFACTION.label]
    return (
        Section(
            title="建议提案办理",
            paragraphs=(
                f"两年来，{closed.denominator}件建议提案在区政府规定的时间内"
                f"（{PROPOSAL_LIMIT.label}）办结{closed.numerator}件，"
                + "，".join(f"{name}{rate.percent(0)}%" for name, rate in total.items())
                + "。",
                "办结率、见面率、反馈率由各件的答复记录计算，满意率由代表、委员交回的征询意见表"
                "计算（答复记录和意见表为示例数据）；合计由各部分的件数相加，不取百分比的平均。",
            ),
            tables=(table, goals),
            items=(
                *(f"件数核对未通过：{m}" for m in mismatches),
                *(
                    ()
                    if mismatches
                    else (f"件数核对：{parts_sum} = {len(campaign.opinions)}，与合计相符。",)
                ),
                f"满意率核对：两年的征询意见表合并统计为{shown(merged)}，与分项相加的"
                f"{shown(satisfaction)}{'一致' if merged == satisfaction else '不一致'}。",
            ),
        ),
        total,
    )


LATE = "2009提案07"


def late_answer_section(chain: ResponsibilityChain, total: dict[str, Rate]) -> Section:
    """五、one answer three working days late: 办结率 below 100%, the goal missed, R10 fires."""
    variant = two_years(late=LATE)
    in_time, face_to_face, feedback = handling_rates(variant, list(variant.opinions))
    goal = next(g for g in rate_goals(variant) if g.rate == in_time.name)
    check = goal.check(in_time)
    late = variant.opinions[LATE]
    answer = variant.answer(LATE)
    answered = f"推迟到{local_day(answer.at)}才答复" if answer else "一直未答复"
    # On the first day after the deadline the answer is overdue: the R10 rule set fires.
    due = answer_due(variant.plan, late)
    day_after = due + timedelta(days=1)
    findings = evaluate(variant, day_after, [unanswered_opinions()])
    names = names_in(chain)
    return Section(
        title="一件逾期的影响",
        paragraphs=(f"同样的两年，假如只有{LATE}（{late.text}）{answered}（时限为{due}）：",),
        tables=(
            Table(
                caption="逾期一件前后对比",
                columns=("比率", "全部按期", "逾期一件"),
                rows=[
                    (r.name, shown(total[r.name]), shown(r))
                    for r in (in_time, face_to_face, feedback)
                ],
            ),
        ),
        items=(
            f"目标“{check.goal}”{'已达到' if check.met else '未达到'}：实际{in_time.percent()}%，"
            f"差{check.short_by.numerator}/{check.short_by.denominator}"
            f"（{display(check.short_by * 100)}个百分点）。",
            *(f"{day_after}：{finding.explain(names)}" for finding in findings),
        ),
    )


def run() -> Report:
    """Build the two years from scratch and write the bureau's report."""
    chain = bureau_chain()
    campaign = two_years()
    close_creation_stage(campaign)
    proposals_part, total = proposals_section(campaign)
    return Report(
        title="沙市区建设局创建文明单位工作情况汇报",
        issuer=BUREAU,
        on=date(2010, 1, 8),
        sections=(
            responsibility_section(chain),
            self_check_section(campaign, chain),
            commitments_section(),
            proposals_part,
            late_answer_section(chain, total),
        ),
    )


if __name__ == "__main__":
    print(run().markdown())
