"""Seed 000: a gas company's 民主评议行风, stage two (自查自纠) to its transition report.

市燃气总公司 reports the end of the second stage of its democratic appraisal: a leading
group under the top leader, a first responsible person in every section (一级抓一级、层层抓
落实), self-inspection on five dimensions, opinions from 评议代表, 行风监督员 and 用户单位
merged into 8 items, four problems named by 赖总经理, measures with deadlines, answers to
every source, and a report that closes the stage (阶段总结暨转段报告).

This script runs that stage end to end on embedded data and returns one
:class:`xingfeng.Report`: the responsibility chain, the consolidated problems with owners
and deadlines, the findings of the rules, the assessment of the sections with its ranking,
and the stage report, every figure computed from the records.  Run it with
``python examples/gas_company.py``; ``python -m xingfeng demo`` runs the same.

From the seed: the company, 赖总经理 and his four problems, the first responsible person of
every section, the five dimensions of self-inspection, the sources of opinions and the claim
"8 items, 2 + 2 + 3", the revised service rules (M2) and the public commitments on
television (M5).  Illustrative: the other people and sections, the opinions' wording, every
date, the questionnaire's votes and the measures' deadlines.
"""

from __future__ import annotations

from datetime import date

import pendulum

from xingfeng import (
    THREE_OPTIONS,
    AnswerMode,
    AnswerPolicy,
    Breakdown,
    Campaign,
    CampaignPlan,
    Complaint,
    Difficulty,
    MeasureKind,
    Opinion,
    Organization,
    Person,
    Post,
    Posting,
    Questionnaire,
    Report,
    ResponsibilityChain,
    Section,
    Severity,
    Source,
    StageTemplate,
    SurveyScheme,
    Table,
    Tally,
    Taxonomy,
    TimeLimit,
    Unit,
    UnitKind,
    Urgency,
    consolidate,
    evaluate,
    late_rectification,
    rank,
    stage_report,
    unanswered_opinions,
)

ZONE = "Asia/Shanghai"


def at(month: int, day: int, hour: int = 9) -> pendulum.DateTime:
    """A moment of 2026 in China Standard Time: the library never reads a clock."""
    return pendulum.datetime(2026, month, day, hour, tz=ZONE)


def organisation() -> ResponsibilityChain:
    """The company, its sections and who answers for what (R1, R2, R3)."""
    org = Organization(
        units=[
            Unit(id="gas", name="市燃气总公司", kind=UnitKind.ORGANIZATION),
            Unit(id="service", name="客户服务科", kind=UnitKind.SECTION, parent="gas"),
            Unit(id="network", name="管网科", kind=UnitKind.SECTION, parent="gas"),
            Unit(id="billing", name="收费科", kind=UnitKind.SECTION, parent="gas"),
        ],
        people=[
            Person(id="lai", name="赖总经理"),
            Person(id="he", name="何副总经理"),
            Person(id="fang", name="方科长"),
            Person(id="lu", name="陆科长"),
            Person(id="qiu", name="邱科长"),
        ],
        postings=[
            Posting(person="lai", unit="gas", post=Post.TOP_LEADER),  # 一把手工程
            Posting(person="lai", unit="gas", post=Post.LEADING_GROUP_HEAD),
            Posting(person="he", unit="gas", post=Post.DEPUTY, in_charge_of={"service", "billing"}),
            Posting(person="fang", unit="service", post=Post.FIRST_RESPONSIBLE),
            Posting(person="lu", unit="network", post=Post.FIRST_RESPONSIBLE),
            Posting(person="qiu", unit="billing", post=Post.FIRST_RESPONSIBLE),
        ],
    )
    # The chain is derived from the postings and checked: one first responsible person per
    # section, every holder driven by the level above, every path reaching the top leader.
    return ResponsibilityChain(organization=org)


def launch(chain: ResponsibilityChain) -> Campaign:
    """The plan handed down by the city, launched and through its first stage."""
    plan = CampaignPlan(
        name="2026年民主评议行风",
        organiser="市纠风办",
        first=date(2026, 3, 2),
        last=date(2026, 12, 31),
        stages=StageTemplate.appraisal().plan(
            [
                (date(2026, 3, 2), date(2026, 3, 31)),  # 宣传动员
                (date(2026, 4, 1), date(2026, 6, 30)),  # 自查自纠
                (date(2026, 7, 1), date(2026, 10, 30)),  # 整改提高
                (date(2026, 11, 2), date(2026, 12, 18)),  # 总结评议
            ]
        ),
        appraised=("gas",),
        chain=chain,
        taxonomy=Taxonomy.default(),
        # R10: every opinion is answered; hotline complaints within 5 working days.
        answers=AnswerPolicy(
            default=TimeLimit.working_days(15),
            channels={"行风热线": TimeLimit.working_days(5)},
        ),
    )
    campaign = Campaign.launch(plan, at=at(3, 2), by="lai")
    campaign.hold_activity("mobilisation", at=at(3, 5, 15), by="lai")
    # Even the first stage's report is generated, then filed as the stage closes.
    first = stage_report(campaign, on=date(2026, 3, 31))
    campaign.advance(at=at(3, 31, 17), by="lai", report=first.filing)
    return campaign


# The opinions of the forum (8 May) and of the questionnaires (12 May).
SAID = [
    ("R1", Source.RATER, "billing", "收费窗口办事效率低，排队时间长", "rater-1"),
    ("R2", Source.RATER, "billing", "收费标准公示不清", "rater-2"),
    ("R3", Source.RATER, "network", "报修时接待人员解释不耐心", "rater-3"),
    ("R4", Source.RATER, "billing", "收费项目不透明", "rater-4"),
    ("S1", Source.SUPERVISOR, "billing", "窗口办事拖拉", "supervisor-1"),
    ("S2", Source.SUPERVISOR, "network", "处理投诉方式方法不妥当", "supervisor-2"),
    ("S3", Source.SUPERVISOR, "gas", "制度执行不严，差错不能及时发现", "supervisor-1"),
    ("U1", Source.USER_ORGANIZATION, "billing", "缴费渠道少，只能到窗口缴费", "市一中"),
    ("U2", Source.USER_ORGANIZATION, "billing", "收费窗口操作慢", "市人民医院"),
    ("U3", Source.USER_ORGANIZATION, "service", "咨询问题被推到别的科室", "市人民医院"),
    ("U4", Source.USER_ORGANIZATION, "gas", "停气通知不及时", None),  # an unsigned form
]

# 归类: which opinions say the same thing is a person's judgement, recorded as data.
ITEMS = {
    "办事效率低": ["R1", "S1", "U2"],
    "收费标准不公开": ["R2", "R4"],
    "接待解释不耐心": ["R3"],
    "投诉处理不妥当": ["S2"],
    "制度执行不严": ["S3"],
    "缴费渠道少": ["U1"],
    "首问负责不落实": ["U3"],
    "停气通知不及时": ["U4"],
}


def self_inspect_and_listen(campaign: Campaign) -> Table:
    """Self-inspection, the forum, the questionnaires and a hotline complaint; then 归类."""
    for unit, owner in (("service", "fang"), ("network", "lu"), ("billing", "qiu")):
        campaign.submit_self_inspection(
            unit,
            summary="工作作风、职业道德、承诺服务、遵守规范、业务工作五个方面逐项排查",
            at=at(4, 20),
            by=owner,
        )
    campaign.hold_activity("forum", at=at(5, 8, 14), by="he")  # 评议代表、行风监督员座谈会
    for key, source, unit, said, submitter in SAID:
        received = at(5, 8, 15) if source is not Source.USER_ORGANIZATION else at(5, 12, 10)
        opinion = Opinion(
            id=key, source=source, unit=unit, text=said, submitter=submitter, received_at=received
        )
        campaign.receive_opinion(opinion, at=received.add(hours=2), by="he")
    campaign.receive_opinion(
        Opinion(
            id="C1",
            source=Source.COMPLAINT,
            unit="service",
            complaint=Complaint(channel="行风热线", complainant="citizen-17"),
            text="咨询改装燃气表，客服科让找管网科，管网科又让回客服科，跑了三趟",
            received_at=at(5, 14, 10),
            category="leader.service_awareness",
        ),
        at=at(5, 14, 11),
        by="fang",
    )
    merged = consolidate([campaign.opinions[key] for key, *_ in SAID], ITEMS)
    # R20: the seed writes "8 items: 2 from raters, 2 from supervisors, 3 from user
    # organisations".  Each way of counting is a total and its parts, checked the same way.
    # Opinions per source add up; items per source cannot, since an item raised by several
    # sources counts under each; the seed's figures add up to neither.
    sources = ("评议代表", "行风监督员", "用户单位")
    ways = [
        Breakdown(name="原报告所述", total=8, parts=dict(zip(sources, (2, 2, 3), strict=True))),
        Breakdown(
            name="按意见计",
            total=merged.merged_count,
            parts={source.label: n for source, n in merged.breakdown().items()},
        ),
        Breakdown(
            name="按问题计（一个问题可有多个来源）",
            total=len(merged.item_ids),
            parts={source.label: n for source, n in merged.items_per_source().items()},
        ),
    ]
    return Table(
        caption="归类意见的来源",
        columns=("口径", "合计", *sources, "核对"),
        rows=[
            (
                way.name,
                way.total,
                *(way.parts[source] for source in sources),
                "；".join(f"各项之和{m.sum}，不符" for m in way.mismatches()) or "相符",
            )
            for way in ways
        ],
    )


# The four problems 赖总经理 named, with the opinions behind each.
PROBLEMS = [
    ("P1", "service", "服务意识不强：首问负责制落实不到位", "leader.service_awareness",
     Severity.SERIOUS, Urgency.URGENT, Difficulty.EASY, ["首问负责不落实"], ["C1"], "fang"),
    ("P2", "billing", "服务质量不高：窗口服务、操作水平不高", "leader.service_quality",
     Severity.MODERATE, Urgency.NORMAL, Difficulty.MODERATE,
     ["办事效率低", "收费标准不公开", "缴费渠道少"], [], "qiu"),
    ("P3", "network", "缺乏敬业精神：接待来访、投诉解释不严谨", "leader.dedication",
     Severity.MODERATE, Urgency.NORMAL, Difficulty.HARD,
     ["接待解释不耐心", "投诉处理不妥当"], [], "lu"),
    ("P4", "gas", "管理力度不够：制度不严密，信息掌握滞后", "leader.management",
     Severity.SERIOUS, Urgency.SLOW, Difficulty.HARD, ["制度执行不严", "停气通知不及时"], [], "he"),
]  # fmt: skip

MEASURES = [
    ("M1", "P1", "推行首问负责制，首问责任人挂牌上岗", MeasureKind.IMMEDIATE, "fang", 3, ()),
    ("M2", "P2", "重新修订文明服务规范", MeasureKind.INSTITUTIONAL, "qiu", 10, ()),
    ("M3", "P2", "按新规范培训收费窗口人员", MeasureKind.TRAINING, "qiu", 20, ("M2",)),
    ("M4", "P3", "开展职业道德教育，剖析典型投诉", MeasureKind.TRAINING, "lu", 10, ()),
    ("M5", "P4", "细化量化对外承诺，在电视和公示牌公示", MeasureKind.COMMITMENT, "he", 15, ()),
]


def rectify(campaign: Campaign) -> None:
    """过堂、集体会诊, the four problems with owners, measures with deadlines, answers."""
    campaign.hold_activity("review", at=at(5, 20), by="lai")  # 逐个科室过堂、集体会诊
    for key, unit, title, category, sev, urg, dif, items, extra, owner in PROBLEMS:
        opinions = [o for item in items for o in ITEMS[item]] + extra
        campaign.record_problem(
            key, unit=unit, title=title, category=category, severity=sev, urgency=urg,
            difficulty=dif, opinions=opinions, owner=owner, at=at(5, 21), by="lai",
        )  # fmt: skip
    for key, problem, title, kind, owner, days, needs in MEASURES:
        campaign.add_measure(
            key, problem=problem, title=title, kind=kind, owner=owner, depends_on=needs,
            due=TimeLimit.working_days(days), at=at(5, 21, 11), by="lai",
        )  # fmt: skip
    campaign.replicate_measure("M1", at=at(5, 21, 14), by="he")  # 举一反三: every section

    # 回音: a call to the complainant, letters to raters, visits to supervisors and users,
    # and a public answer on the 司务公开栏 for the unsigned form; 立行立改 meanwhile.
    # Every command carries its moment, and time only runs forward.
    campaign.answer_opinion(
        "C1", mode=AnswerMode.CALL, summary="已首问办结", at=at(5, 21, 16), by="fang"
    )
    for key in ("M1", "M1@network", "M1@billing"):
        owner = campaign.measures[key].owner
        campaign.complete_measure(key, evidence=f"首问责任岗挂牌（{key}）", at=at(5, 25), by=owner)
    for key in ("R1", "R2", "R3", "R4"):
        campaign.answer_opinion(
            key, mode=AnswerMode.LETTER, summary="整改措施及时限", at=at(5, 26), by="he"
        )
    for key in ("S1", "S2", "S3", "U1", "U2", "U3"):
        campaign.answer_opinion(
            key, mode=AnswerMode.VISIT, summary="上门通报整改", at=at(5, 27), by="he"
        )
    campaign.answer_opinion(
        "U4", mode=AnswerMode.NOTICE, summary="司务公开栏公布", at=at(5, 29), by="he"
    )
    campaign.complete_measure("M2", evidence="《文明服务规范》修订版", at=at(6, 3), by="qiu")
    # M4 was due on 4 June: done late, but done, so no rule looks at it on 30 June.
    campaign.complete_measure("M4", evidence="职业道德教育记录", at=at(6, 8), by="lu")
    # M5, the public commitments on television, is still not done when the stage closes.

    # 督查 and 销号 (R7): verified by someone who owns none of the measures, every source
    # answered, the complainant satisfied.
    campaign.verify_problem("P1", note="三个科室首问责任岗均已挂牌", at=at(6, 9), by="he")
    campaign.record_satisfaction("C1", satisfied=True, at=at(6, 10), by="fang")
    campaign.close_problem("P1", at=at(6, 10, 11), by="lai")
    campaign.complete_measure("M3", evidence="窗口人员培训签到表", at=at(6, 18), by="qiu")
    campaign.verify_problem("P2", note="督查合格", at=at(6, 22), by="he")
    campaign.verify_problem("P3", note="督查合格", at=at(6, 22, 10), by="he")
    campaign.close_problem("P2", at=at(6, 23), by="lai")


# The questionnaire the user organisations filled in about each section (满意/基本满意/不满意).
VOTES = {"客户服务科": (41, 7, 2), "管网科": (33, 12, 5), "收费科": (35, 10, 5)}


def assess() -> tuple[Table, list[str]]:
    """The sections scored by the users' questionnaire and ranked."""
    form = Questionnaire(
        name="用户单位评议问卷", items=("总体评价",), options=THREE_OPTIONS, groups=("用户单位",)
    )
    rows = [
        (section, "用户单位", verdict)
        for section, counts in VOTES.items()
        for verdict, n in zip(THREE_OPTIONS, counts, strict=True)
        for _ in range(n)
    ]
    tally = Tally.from_rows(form, rows)
    scheme = SurveyScheme(questionnaire=form, points={"满意": 100, "基本满意": 75, "不满意": 55})
    scores = scheme.scores(tally)
    ranking = rank(scores)
    table = Table(
        caption="科室行风测评",
        columns=("名次", "科室", "得分", "满意率"),
        rows=[
            (
                p.rank,
                p.target,
                str(scores[p.target].rounded()),
                f"{scheme.satisfaction(tally, p.target).percent()}%",
            )
            for p in ranking
        ],
    )
    return table, [scores[p.target].explain() for p in ranking]


def responsibility_table(chain: ResponsibilityChain) -> Table:
    """一级抓一级: every holder and the level that drives them."""
    org = chain.organization

    def name(person: str | None) -> str:
        return org.person(person).name if person else "—"

    return Table(
        caption="责任体系",
        columns=("责任人", "职务", "单位", "上一级"),
        rows=[
            (
                name(holder),
                chain.post_of(holder).label,
                org.unit(chain.unit_of(holder)).name,
                name(chain.driver_of(holder)),
            )
            for holder in chain.holders
        ],
    )


def problem_table(campaign: Campaign, on: date, names: dict[str, str]) -> Table:
    """The consolidated problems with their sources, owners, deadlines and states: the
    problem list of the ledger (台账), with people by name."""
    return Table(
        caption="问题清单",
        columns=("编号", "问题", "来源", "责任人", "整改时限", "状态"),
        rows=[
            (
                row.problem,
                row.title,
                row.sources,
                names[row.owner] if row.owner else "未明确",
                row.deadline.isoformat() if row.deadline else "未定",
                row.state,
            )
            for row in campaign.ledger(on).problems
        ],
    )


def run() -> Report:
    """Stage two of the campaign, end to end, as one report."""
    chain = organisation()
    campaign = launch(chain)
    sources = self_inspect_and_listen(campaign)
    rectify(campaign)
    closing = date(2026, 6, 30)

    # The rules read the campaign once, as facts on a day; each finding explains itself,
    # with people and units by name.
    findings = evaluate(campaign, closing, [late_rectification(), unanswered_opinions()])
    org = chain.organization
    names = org.names()

    assessment, explanations = assess()
    transition = stage_report(
        campaign,
        on=closing,
        next_plan=["7月上旬召开整改提高阶段部署会", "将行评工作纳入年度考核目标，与奖惩挂钩"],
    )
    campaign.advance(at=at(6, 30, 17), by="lai", report=transition.filing)  # 转段
    assert campaign.stage.name == "整改提高"

    return Report(
        title="市燃气总公司民主评议行风：第二阶段演示",
        issuer="市燃气总公司",
        on=closing,
        sections=(
            Section(title="责任体系", tables=(responsibility_table(chain),)),
            Section(
                title="意见归类与问题清单",
                tables=(sources, problem_table(campaign, closing, names)),
            ),
            Section(
                title="规则评价结果",
                items=[f.explain(names) for f in findings] or ["未触发任何规则"],
            ),
            Section(title="科室测评与排名", tables=(assessment,), items=explanations),
            Section(
                title=transition.report.title,
                sections=transition.report.sections,
            ),
        ),
    )


if __name__ == "__main__":
    print(run().markdown())
