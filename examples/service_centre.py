"""Seed 001: discipline rules at a county administrative service centre (行政服务中心).

The source (``../shared/seeds/001_*.txt``) is a speech given at 开县行政服务中心 half-way through
its 公开行风评议 and 机关干部作风整顿, after the "9.4" flood.  It names three problems,
工作纪律松懈, 工作作风不实 and 管理机构涣散, and lays down the rules for the next stage:

- 请假必须按请销制度办理，不得先斩后奏，若出现先斩后奏的，加倍处罚 (R5);
- 严禁上班时间出去吃东西、打游戏、上网聊天、窜岗: violators are publicly named (公开通报),
  and 应该向原单位通报的坚决向原单位通报, since most window staff are seconded (派驻) from
  county bureaus (R12);
- the supervision office (监督管理办公室) must stop letting things slide (得过且过，送人情，
  疲软), 否则将负连带责任 (R4);
- with seed 003: whoever misses the month's key work is criticised at the staff meeting and
  explains in writing (R12).

This example builds the centre (its section and windows, the seconded staff and their home
units, the supervision office and the chain 冉主任 → 谭副主任 → 首席代表 → 工作人员), runs the
campaign through self-inspection (closed by a generated stage report) into rectification,
keeps October's ledger (leave, inspections of working-hours discipline, the month's key
work), evaluates the rules on the month's facts and issues the month's circular: the findings
with their explanations, the penalties (doubled for 先斩后奏, doubled again for a repeat), who
answers jointly along the chain, and which home units are told.

From the seed: the centre, its 直属窗口 and 监督管理办公室, staff seconded (派驻) by county
bodies, the three problems (their titles quote or paraphrase the speech), the covert visits
by county leaders and raters (县领导和行评代表暗访), the rules above, the next stage's three
tasks and the work the speech mentions (行政许可保留项目清理, “一费制”认证, 新城建设,
联合办件).  Illustrative: every person, the section and the three bureau windows with their
home bureaus, which unit each problem belongs to, the measures and deadlines, the stage
dates, the complaint, the October ledgers (LEAVE, INSPECTIONS, KEY_WORK), and the points and
the 12-month window for a repeat, which are the catalogue's.  The seed gives no year: 2004 is
inferred from the "9.4" flood (开县, September 2004).

Ids of people and units are their Chinese names.  The library's reports would show names for
any ids, but the centre's staff are known by name, its ledgers below are kept by name, and
the script's own tables (chain paths, notices) then need no lookup.

Run it with ``python examples/service_centre.py`` or ``python -m xingfeng demo service_centre``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from fractions import Fraction

import pendulum

from xingfeng import (
    AnswerMode,
    Campaign,
    CampaignPlan,
    Complaint,
    DecisionTable,
    Deduction,
    EffectKind,
    FactValue,
    Finding,
    LiabilityKind,
    LiabilityPolicy,
    Notification,
    Opinion,
    Organization,
    Penalty,
    Person,
    Post,
    Posting,
    Report,
    ResponsibilityChain,
    Rule,
    RuleSet,
    Section,
    Source,
    StageReport,
    StageTemplate,
    Subject,
    Supervision,
    Table,
    Taxonomy,
    Unit,
    UnitKind,
    chinese_date,
    circular,
    evaluate,
    leave_before_approval,
    missed_key_work,
    stage_report,
    supervision_joint_liability,
)
from xingfeng.rounding import plain

CENTRE = "开县行政服务中心"
OFFICE = "综合科"
DIRECT = "直属窗口"  # the centre's own window, meant to set the example (表率)
LAND = "国土房管窗口"
COMMERCE = "工商窗口"
CONSTRUCTION = "建设窗口"
WATCH = "监督管理办公室"
WINDOWS = (DIRECT, LAND, COMMERCE, CONSTRUCTION)
DIRECTOR = "冉主任"

MONTH_START, MONTH_END = date(2004, 10, 1), date(2004, 10, 29)  # 29 Oct: last working day


def at(month: int, day: int, hour: int = 9) -> pendulum.DateTime:
    """A moment in 2004, China Standard Time (the library has no clock)."""
    return pendulum.datetime(2004, month, day, hour, tz="Asia/Shanghai")


# --------------------------------------------------------------------------- the centre


def organisation() -> ResponsibilityChain:
    """The centre, its people and who drives whom (一级抓一级).

    The windows of the county bureaus are staffed by people they second to the centre: each
    posting names its home unit (原单位), which is told of its people's violations.
    """
    units = [
        Unit(id=CENTRE, name=CENTRE, kind=UnitKind.ORGANIZATION),
        Unit(id=OFFICE, name=OFFICE, kind=UnitKind.SECTION, parent=CENTRE),
        Unit(id=DIRECT, name=DIRECT, kind=UnitKind.WINDOW, parent=CENTRE),
        Unit(id=LAND, name=LAND, kind=UnitKind.WINDOW, parent=CENTRE),
        Unit(id=COMMERCE, name=COMMERCE, kind=UnitKind.WINDOW, parent=CENTRE),
        Unit(id=CONSTRUCTION, name=CONSTRUCTION, kind=UnitKind.WINDOW, parent=CENTRE),
        Unit(id=WATCH, name=WATCH, kind=UnitKind.SUPERVISION_OFFICE, parent=CENTRE),
    ]
    first, staff = Post.FIRST_RESPONSIBLE, Post.STAFF
    postings = [
        Posting(person=DIRECTOR, unit=CENTRE, post=Post.TOP_LEADER),
        Posting(person=DIRECTOR, unit=CENTRE, post=Post.LEADING_GROUP_HEAD),
        Posting(person="谭副主任", unit=CENTRE, post=Post.DEPUTY, in_charge_of={OFFICE, *WINDOWS}),
        Posting(person="谭副主任", unit=CENTRE, post=Post.LEADING_GROUP_MEMBER),
        Posting(person="熊科长", unit=OFFICE, post=first),
        Posting(person="邓组长", unit=DIRECT, post=first),
        Posting(person="杨收费员", unit=DIRECT, post=staff),
        Posting(person="黄首席代表", unit=LAND, post=first, home_unit="县国土房管局"),
        Posting(person="向办事员", unit=LAND, post=staff, home_unit="县国土房管局"),
        Posting(person="刘首席代表", unit=COMMERCE, post=first, home_unit="县工商局"),
        Posting(person="周办事员", unit=COMMERCE, post=staff, home_unit="县工商局"),
        Posting(person="陈首席代表", unit=CONSTRUCTION, post=first, home_unit="县建委"),
        Posting(person="吴办事员", unit=CONSTRUCTION, post=staff, home_unit="县建委"),
        # The supervision office answers to the director, not to the deputy it oversees.
        Posting(person="唐主任", unit=WATCH, post=first),
        Posting(person="李考核员", unit=WATCH, post=staff),
    ]
    people = [Person(id=name, name=name) for name in dict.fromkeys(p.person for p in postings)]
    # 监督管理办公室 watches every window; letting them slide makes it jointly liable (R4).
    watch = Supervision(office=WATCH, units=set(WINDOWS))
    org = Organization(units=units, people=people, postings=postings, supervision=[watch])
    return ResponsibilityChain(organization=org)


# --------------------------------------------------------------------------- the campaign

# The problems the speech names, as the review of each window (过堂) recorded them, on the
# three dimensions the centre screened itself on (工作纪律, 工作作风, 管理机构), each with
# its measure and deadline.
PROBLEMS = (
    ("P1", WATCH, "考核上没有严格把关，送人情的现象严重", "management_bodies",
     "M1", "修订考勤考核办法，每周暗查一次，考核结果当月兑现", date(2004, 10, 15)),
    ("P2", DIRECT, "上班时间打游戏聊天，没有起到表率作用", "management_bodies",
     "M2", "直属窗口人员签订遵纪承诺书，带头遵守作息时间", date(2004, 10, 15)),
    ("P3", OFFICE, "请销假制度执行不严，请假先斩后奏", "work_discipline",
     "M3", "修订请销假制度，请假须事先书面批准", date(2004, 10, 15)),
    ("P4", LAND, "对本部门业务吃得不深、把得不透，解答咨询困难", "work_style",
     "M4", "窗口人员业务培训和考试", date(2004, 10, 22)),
    ("P5", COMMERCE, "窗口人员调换频繁，对办事群众态度生硬", "work_style",
     "M5", "窗口人员相对固定，调换须报中心同意", date(2004, 10, 29)),
    ("P6", CONSTRUCTION, "新城建设有卡审批时间的现象，办件手续繁琐", "work_style",
     "M6", "精简新城建设审批手续，公开承诺办结时限", date(2004, 9, 28)),
)  # fmt: skip
# 三、下阶段的整改工作, as the speech lists it.
NEXT_PLAN = ("狠抓作息时间", "狠抓上班纪律", "狠抓服务建设")


def run_campaign(chain: ResponsibilityChain) -> Campaign:
    """The 2004 campaign from its launch to the end of October (every command in time order)."""
    plan = CampaignPlan(
        name="2004年公开行风评议暨机关干部作风整顿",
        organiser="开县纠风办",
        first=date(2004, 7, 1),
        last=date(2004, 12, 31),
        stages=StageTemplate.appraisal().plan(
            [
                (date(2004, 7, 1), date(2004, 7, 30)),  # 宣传动员
                (date(2004, 8, 2), date(2004, 9, 30)),  # 自查自纠
                (date(2004, 10, 8), date(2004, 11, 30)),  # 整改提高, after 国庆节
                (date(2004, 12, 1), date(2004, 12, 31)),  # 总结评议
            ]
        ),
        appraised=(CENTRE,),
        chain=chain,
        taxonomy=Taxonomy.default(),  # its 纪律作风 root holds seed 001's three dimensions
    )
    campaign = Campaign.launch(plan, at=at(7, 1), by=DIRECTOR)
    campaign.hold_activity("mobilisation", at=at(7, 6, 15), by=DIRECTOR)
    campaign.advance(
        at=at(7, 30, 17),
        by=DIRECTOR,
        report=StageReport(summary="召开动员大会，成立领导小组，广泛宣传行政许可法"),
    )

    campaign.hold_activity("forum", at=at(8, 20, 14), by="谭副主任")  # 行评代表座谈会
    for unit in campaign.sections():
        campaign.submit_self_inspection(
            unit,
            summary="对照工作纪律、工作作风、管理机构三个方面自查",
            at=at(9, 10),
            by=chain.first_responsible(unit),
        )
    campaign.hold_activity("review", at=at(9, 15), by=DIRECTOR)  # 逐个窗口过堂
    for problem, unit, title, dimension, *_ in PROBLEMS:
        campaign.record_problem(
            problem,
            unit=unit,
            title=title,
            category=f"discipline.{dimension}",
            owner=chain.first_responsible(unit),
            at=at(9, 16),
            by=DIRECTOR,
        )
    for problem, unit, _, _, measure, title, due in PROBLEMS:
        campaign.add_measure(
            measure,
            problem=problem,
            title=title,
            owner=chain.first_responsible(unit),
            due=due,
            at=at(9, 16, 10),
            by=DIRECTOR,
        )
    # The report closing the stage is generated from the records: its figures are the
    # campaign's own counts on the day, and the next stage's plan is the speech's.
    closing = stage_report(campaign, on=date(2004, 9, 30), next_plan=NEXT_PLAN)
    campaign.advance(at=at(9, 30, 17), by=DIRECTOR, report=closing.filing)

    # October, the first month of 整改提高; the construction window's M6 stays undone.
    campaign.complete_measure("M3", evidence="《请销假管理办法》印发", at=at(10, 12), by="熊科长")
    campaign.complete_measure("M2", evidence="签订遵纪承诺书", at=at(10, 14), by="邓组长")
    campaign.complete_measure("M1", evidence="《考勤考核办法》修订印发", at=at(10, 15), by="唐主任")
    campaign.receive_opinion(
        Opinion(
            id="C1",
            source=Source.COMPLAINT,
            unit=CONSTRUCTION,
            complaint=Complaint(channel="中心投诉电话", complainant="办事群众-1"),
            text="新城建设项目审批跑了四趟，窗口推说等领导签字",
            received_at=at(10, 18, 10),
            category="discipline.work_style",
        ),
        at=at(10, 18, 11),
        by="陈首席代表",
    )
    campaign.merge_opinions("P6", opinions=["C1"], at=at(10, 18, 15), by=DIRECTOR)
    campaign.complete_measure(
        "M4", evidence="业务培训两次，考试合格", at=at(10, 20), by="黄首席代表"
    )
    campaign.answer_opinion(
        "C1", mode=AnswerMode.VISIT, summary="登门说明办理进度", at=at(10, 22, 15), by="陈首席代表"
    )
    campaign.complete_measure(
        "M5", evidence="窗口人员名单报中心备案", at=at(10, 25), by="刘首席代表"
    )
    # The supervision office checks the rectified problems of the section and its own window.
    for problem in ("P2", "P3"):
        campaign.verify_problem(problem, note="经暗查，整改到位", at=at(10, 27), by="唐主任")
    for problem in ("P2", "P3"):
        campaign.close_problem(problem, at=at(10, 27, 16), by=DIRECTOR)  # 销号
    return campaign


# --------------------------------------------------------------------------- October's ledger
#
# The host's own records (考勤台账), illustrative: the seed keeps no ledger.  The library
# derives nothing from them; they become facts about people and units, given to the rules
# beside the campaign's own facts.

# Leave: who, first day off, the day the leave was approved (请销假制度: approve first).
LEAVE = (
    ("周办事员", date(2004, 10, 11), date(2004, 10, 8)),
    ("向办事员", date(2004, 10, 13), date(2004, 10, 14)),
    ("杨收费员", date(2004, 10, 20), date(2004, 10, 21)),
)
# 杨收费员 already took leave before approval once this year.
EARLIER_LEAVE_BEFORE_APPROVAL = {"杨收费员": (date(2004, 8, 23),)}

# Working-hours discipline: day, who, what, found by whom.  What the county leaders and the
# raters found on covert visits (暗访), the supervision office's own checks had let slide.
OUTSIDE = ("县领导暗访", "行评代表暗访")
INSPECTIONS = (
    (date(2004, 10, 19), "向办事员", "上班时间上网聊天", "县领导暗访"),
    (date(2004, 10, 21), "吴办事员", "上班时间打游戏", "行评代表暗访"),
    (date(2004, 10, 22), "杨收费员", "上班时间出去吃东西", "监督管理办公室检查"),
    (date(2004, 10, 26), "吴办事员", "上班时间窜岗聊天", "监督管理办公室检查"),
    (date(2004, 10, 27), "李考核员", "上班时间打游戏", "县领导暗访"),
)

# The month's key work (月度重点工作), by unit, and whether it was done.
KEY_WORK = (
    ("行政许可保留项目清理", OFFICE, False),
    ("“一费制”认证", DIRECT, True),
    ("国土房管审批项目全部入驻", LAND, True),
    ("企业登记联合办件", COMMERCE, True),
    ("新城建设项目并联审批启动", CONSTRUCTION, False),
)


def person_facts(chain: ResponsibilityChain) -> dict[str, dict[str, FactValue]]:
    """The ledger as facts about people, under the names the rules read."""
    facts: dict[str, dict[str, FactValue]] = defaultdict(dict)
    before_approval = Counter(who for who, first_day, approved in LEAVE if approved > first_day)
    for who, _, _ in LEAVE:
        facts[who]["leave_before_approval"] = before_approval[who]
    for who, count in Counter(who for _, who, _, _ in INSPECTIONS).items():
        facts[who]["work_hours_violations"] = count
    for _, unit, done in KEY_WORK:
        # The unit's first responsible person answers for its key work (R2).
        facts[chain.first_responsible(unit)]["missed_key_work"] = not done
    return dict(facts)


def unit_facts(chain: ResponsibilityChain) -> dict[str, dict[str, FactValue]]:
    """Per unit, the violations that outsiders' covert visits found and the supervision
    office's own checks had not (得过且过，送人情)."""
    found = Counter(chain.unit_of(who) for _, who, _, by in INSPECTIONS if by in OUTSIDE)
    return {unit: {"found_by_outside_inspection": n} for unit, n in found.items()}


# --------------------------------------------------------------------------- the rules


def working_hours_discipline() -> RuleSet:
    """Seed 001's 狠抓上班纪律 as data: a violator is publicly criticised and, if seconded,
    reported to the home unit; a second violation in the month is dealt with severely; a
    window whose violations outsiders found brings in the supervision office (连带责任)."""
    violations = DecisionTable.from_dict(
        {
            "name": "上班纪律",
            "hit_policy": "FIRST",
            "inputs": ["work_hours_violations"],
            "outputs": ["sanction", "notify"],
            "rules": [
                {"when": [">= 2"], "then": ["诫勉谈话", True], "annotation": "屡查屡犯，严肃处理"},
                {
                    "when": [">= 1"],
                    "then": ["通报批评", True],
                    "annotation": "违反上班纪律，公开通报",
                },
            ],
        }
    )
    slack = DecisionTable.from_dict(
        {
            "name": "监督不力",
            "hit_policy": "FIRST",
            "inputs": ["found_by_outside_inspection"],
            "outputs": ["accountability"],
            "rules": [
                {"when": [">= 1"], "then": [True], "annotation": "违纪由暗访发现，监督得过且过"},
            ],
        }
    )
    return RuleSet(
        name="001 上班纪律",
        source="seed 001",
        rules=[
            Rule(
                table=violations,
                subject=Subject.PERSON,
                effects={"sanction": EffectKind.SANCTION, "notify": EffectKind.NOTIFY_HOME_UNIT},
                host_facts=["work_hours_violations"],  # from the attendance system
            ),
            Rule(
                table=slack,
                subject=Subject.UNIT,
                effects={"accountability": EffectKind.ACCOUNTABILITY},
                host_facts=["found_by_outside_inspection"],
            ),
        ],
        # The window's head, the deputy one level up, and the supervision office (R4).
        policy=LiabilityPolicy(levels=1, supervision=True),
    )


def rule_sets(leave: RuleSet) -> tuple[RuleSet, ...]:
    """In the order of the speech: 狠抓作息时间 (``leave``, R5), 狠抓上班纪律 (R12, R4), then
    late rectification the supervision office let slide (R4) and the month's key work (R12).
    Three come from the catalogue as they are; the thresholds are its illustrative ones."""
    return (
        leave,
        working_hours_discipline(),
        supervision_joint_liability(),
        missed_key_work(),
    )


# --------------------------------------------------------------------------- the report


def run() -> Report:
    """Build the centre, run the campaign to the end of October 2004, evaluate the rules on
    the month's facts and issue the month's circular."""
    chain = organisation()
    campaign = run_campaign(chain)
    leave = leave_before_approval()
    units = unit_facts(chain)
    findings = evaluate(
        campaign,
        MONTH_END,
        rule_sets(leave),
        since=MONTH_START,
        unit_extras=units,
        person_extras=person_facts(chain),
        history={(leave.name, who): days for who, days in EARLIER_LEAVE_BEFORE_APPROVAL.items()},
    )
    monthly = circular(
        campaign,
        since=MONTH_START,
        on=MONTH_END,
        title="关于2004年10月机关干部作风整顿工作情况的通报",
        findings=findings,
    )
    return Report(
        title=monthly.title,
        issuer=monthly.issuer,
        on=monthly.on,
        sections=(
            centre_section(chain),
            earlier_section(campaign),
            ledger_section(chain, units),
            monthly.section("总体情况"),
            monthly.section("各单位整改进度"),
            monthly.section("通报事项"),
            penalties_section(chain, findings, leave),
            liability_section(findings),
            notices_section(chain, findings),
            monthly.section("工作要求"),
        ),
    )


def _home_unit(chain: ResponsibilityChain, person: str) -> str | None:
    homes = [p.home_unit for p in chain.organization.postings_of(person) if p.home_unit]
    return homes[0] if homes else None


def centre_section(chain: ResponsibilityChain) -> Section:
    """Who works where, who drives whom, and where the seconded staff come from."""
    org = chain.organization
    homes: dict[str, dict[str, None]] = defaultdict(dict)  # home unit → its windows, in order
    for posting in org.postings:
        if posting.home_unit:
            homes[posting.home_unit][posting.unit] = None
    seconded = "，".join(f"{'、'.join(units)}人员由{home}派驻" for home, units in homes.items())
    watched = "、".join(
        u.id for u in org.units if any(u.id in remit.units for remit in org.supervision)
    )
    rows: list[tuple[str | int, ...]] = [
        (
            holder,
            chain.post_of(holder).label,
            chain.unit_of(holder),
            _home_unit(chain, holder) or "—",
            " → ".join(chain.chain_of(holder)),
        )
        for holder in chain.holders
    ]
    return Section(
        title="中心组织与责任链",
        paragraphs=(
            f"{org.root.name}实行一级抓一级、层层抓落实：{chain.top_leader}负总责，分管领导具体抓，"
            f"各科室、窗口负责人为第一责任人。{seconded}。{WATCH}监督{watched}，"
            "监督管理不力的负连带责任。",
        ),
        tables=(
            Table(
                caption="责任链",
                columns=("人员", "岗位", "单位", "原单位", "责任链"),
                rows=rows,
            ),
        ),
    )


def earlier_section(campaign: Campaign) -> Section:
    """前阶段工作情况: the report that closed self-inspection, as the campaign filed it."""
    filed = campaign.reports["self_inspect"]
    return Section(
        title="前阶段工作情况",
        paragraphs=(filed.summary, f"下阶段工作：{filed.next_plan}。"),
        tables=(
            Table(caption="自查自纠阶段情况", columns=("项目", "数量"), rows=filed.figures.items()),
        ),
    )


def ledger_section(chain: ResponsibilityChain, units: dict[str, dict[str, FactValue]]) -> Section:
    """October's ledger, the facts the rules read beside the campaign's own."""
    # The count the supervision rule reads, so the text and the findings cannot disagree.
    outside = sum(int(facts["found_by_outside_inspection"] or 0) for facts in units.values())
    leave = Table(
        caption="请假情况",
        columns=("人员", "休假日期", "批准日期", "情形"),
        rows=[
            (
                who,
                chinese_date(first, year=False),
                chinese_date(approved, year=False),
                "先斩后奏" if approved > first else "按请销制度办理",
            )
            for who, first, approved in LEAVE
        ],
    )
    discipline = Table(
        caption="上班纪律检查",
        columns=("日期", "人员", "单位", "情形", "发现方式"),
        rows=[
            (chinese_date(day, year=False), who, chain.unit_of(who), what, by)
            for day, who, what, by in INSPECTIONS
        ],
    )
    key_work = Table(
        caption="月度重点工作",
        columns=("重点工作", "责任单位", "第一责任人", "完成情况"),
        rows=[
            (work, unit, chain.first_responsible(unit), "已完成" if done else "未完成")
            for work, unit, done in KEY_WORK
        ],
    )
    return Section(
        title="本月考勤与纪律台账",
        paragraphs=(
            f"本月查处违反上班纪律{len(INSPECTIONS)}起，其中县领导、行评代表暗访发现{outside}起，"
            f"{WATCH}检查发现{len(INSPECTIONS) - outside}起。",
        ),
        tables=(leave, discipline, key_work),
    )


def penalties_section(
    chain: ResponsibilityChain, findings: tuple[Finding, ...], leave: RuleSet
) -> Section:
    """What each person gets, and how 先斩后奏 doubles the points."""
    rows: list[tuple[str | int, ...]] = []
    doubled: list[tuple[str | int, ...]] = []
    for finding in findings:
        if finding.subject is not Subject.PERSON:
            continue
        points = [e for e in finding.effects if isinstance(e, Deduction)]
        penalties = "、".join(e.sanction.label for e in finding.effects if isinstance(e, Penalty))
        for who in finding.subject_ids:
            rows.append(
                (
                    who,
                    chain.unit_of(who),
                    finding.rule_set,
                    plain(sum((d.points for d in points), Fraction(0))) if points else "—",
                    penalties or "—",
                )
            )
        if finding.rule_set == leave.name:
            # The reason says how the points were multiplied (×2, 再犯).
            doubled.extend(
                (who, plain(deduction.points), deduction.reason)
                for deduction in points  # one finding may stand for several people
                for who in finding.subject_ids
            )
    return Section(
        title="个人处理",
        paragraphs=(
            "请假不得先斩后奏，先斩后奏的加倍处罚；12个月内再犯的，再加倍。"
            "违反上班纪律的公开通报，屡查屡犯的严肃处理；未完成月度重点工作的，"
            "在干部职工会议上通报批评，并作出书面说明和检查。",
        ),
        tables=(
            Table(caption="个人处理", columns=("人员", "单位", "依据", "扣分", "处理"), rows=rows),
            Table(
                caption="先斩后奏加倍处罚",
                columns=("人员", "扣分", "说明"),
                rows=doubled,
            ),
        ),
    )


def liability_section(findings: tuple[Finding, ...]) -> Section:
    """Who answers for each failure, and through which path of the chain."""
    rows: list[tuple[str | int, ...]] = []
    joint: Counter[str] = Counter()
    for finding in findings:
        if not finding.liable:
            continue
        by_kind = {
            kind: "；".join(" → ".join(p.path) for p in finding.liable if p.liability.kind is kind)
            or "—"
            for kind in LiabilityKind
        }
        basis = f"{finding.rule_set}（{finding.table}）"
        rows.append((basis, "、".join(finding.subject_ids), *by_kind.values()))
        joint.update(p.holder for p in finding.liable if p.liability.kind is LiabilityKind.JOINT)
    summary = "；".join(f"{who}本月负连带责任{n}次" for who, n in joint.items())
    return Section(
        title="责任追究",
        paragraphs=(
            f"{WATCH}要将监督管理拿上手来，不得得过且过、送人情。{summary or '本月无连带责任'}。",
        ),
        tables=(
            Table(
                caption="责任追究",
                columns=("依据", "责任单位", *(k.label for k in LiabilityKind)),
                rows=rows,
            ),
        ),
    )


def notices_section(chain: ResponsibilityChain, findings: tuple[Finding, ...]) -> Section:
    """向原单位通报: every notice to a seconded person's home unit."""
    notices = [e for f in findings for e in f.effects if isinstance(e, Notification)]
    told = list(dict.fromkeys(n.to for n in notices))
    seconding = dict.fromkeys(p.home_unit for p in chain.organization.postings if p.home_unit)
    quiet = [home for home in seconding if home not in told]
    own = [
        who
        for f in findings
        if f.table == "上班纪律"
        for who in f.subject_ids
        if _home_unit(chain, who) is None
    ]
    lines = [f"本月向{'、'.join(told)}通报{len(notices)}人次。"]
    if quiet:
        lines.append(f"{'、'.join(quiet)}派驻人员本月无违纪，不予通报。")
    if own:
        lines.append(f"{'、'.join(own)}为中心自有人员，在中心内部公开通报。")
    return Section(
        title="向原单位通报",
        paragraphs=("".join(lines),),
        tables=(
            Table(
                caption="向原单位通报",
                columns=("原单位", "人员", "事由"),
                rows=[
                    (n.to, n.about, n.reason)
                    for n in sorted(notices, key=lambda n: told.index(n.to))
                ],
            ),
        ),
    )


if __name__ == "__main__":
    print(run().markdown())
