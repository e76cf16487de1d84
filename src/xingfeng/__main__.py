"""``python -m xingfeng demo``: a tour of what the library does today.

The only module here that writes to the terminal; the library itself does no I/O.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Sequence
from datetime import date

import pendulum

from xingfeng import (
    Anchor,
    Cadence,
    Campaign,
    CampaignPlan,
    Frequency,
    GateNotMet,
    Organization,
    Person,
    Post,
    Posting,
    ResponsibilityChain,
    StageReport,
    StageTemplate,
    Supervision,
    TimeLimit,
    Unit,
    UnitKind,
    WorkCalendar,
    __version__,
)


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Chinese character takes two)."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - columns, 0)


def demo(year: int = 2026) -> str:
    """The demo's text: a year's holidays, deadlines of common limits, campaign rhythms."""
    cal = WorkCalendar.china()
    lines = [
        f"xingfeng {__version__} — 行风评议的领域核心 (domain core of conduct appraisal campaigns)",
        "",
        f"一、{year}年节假日安排 (State Council schedule; calendar covers "
        f"{cal.years.start}–{cal.years.stop - 1})",
    ]
    schedule = next(s for s in cal.schedules if s.year == year)
    for holiday in schedule.holidays:
        makeup = "、".join(f"{d:%m-%d}" for d in holiday.makeup) or "—"
        lines.append(
            f"  {_pad(holiday.name, 8)}{holiday.first} … {holiday.last}   调休上班 {makeup}"
        )

    received = pendulum.datetime(year, 9, 30, 16, 30, tz=cal.zone)
    lines += [
        "",
        f"二、限时办结: a complaint received {received:%Y-%m-%d %H:%M} ({cal.zone})",
    ]
    for limit in (
        TimeLimit.same_day(),
        TimeLimit.hours(24),
        TimeLimit.working_days(5),
        TimeLimit.calendar_days(7),
    ):
        due = limit.due(from_=received, calendar=cal)
        lines.append(f"  {_pad(limit.label, 11)}due {due:%Y-%m-%d %H:%M} ({due:%A})")
    lines.append(
        "  (the day of receipt is not counted; 国庆节 rest days are skipped; "
        "make-up Saturdays count)"
    )

    rhythms = [
        Cadence(name="一月一查", every=Frequency.MONTHLY),
        Cadence(name="一月一通报", every=Frequency.MONTHLY, anchor=Anchor(workday=-1)),
        Cadence(name="每季一督查", every=Frequency.QUARTERLY, anchor=Anchor(workday=-3)),
        Cadence(name="每半年自查", every=Frequency.HALF_YEARLY, anchor=Anchor(day=-10)),
    ]
    lines += ["", f"三、{year}年工作节奏 (recurring rhythms of a campaign)"]
    for cadence in rhythms:
        dates = cadence.occurrences(date(year, 1, 1), date(year, 12, 31), cal)
        shown = " ".join(f"{o.on:%m-%d}" for o in dates)
        lines.append(f"  {_pad(cadence.name, 12)}{shown}")
    chain = _gas_company()
    lines += ["", "四、责任链 (一级抓一级、层层抓落实; seed 000's gas company)"]
    lines += _tree(chain, chain.top_leader, depth=1)
    lines.append(
        "  营业窗口整改逾期，谁负责 (who is liable if the window's rectification is late):"
    )
    for liability in chain.liable_for("counter"):
        name = chain.organization.person(liability.holder).name
        lines.append(f"    {_pad(liability.kind.label, 10)}{name}（{liability.post.label}）")

    lines += ["", "五、评议活动与转段 (a campaign, its gates and a transition)"]
    lines += _campaign(chain)
    lines += [
        "",
        "The problem loop (docs/rectification.md) and assessments (docs/assessment.md) are in",
        "the docs; evaluation rules and the full demo are on their way (make docs).",
    ]
    return "\n".join(lines)


def _gas_company() -> ResponsibilityChain:
    units = [
        Unit(id="gas", name="市燃气总公司", kind=UnitKind.ORGANIZATION),
        Unit(id="service", name="客户服务部", kind=UnitKind.DEPARTMENT, parent="gas"),
        Unit(id="counter", name="营业窗口", kind=UnitKind.WINDOW, parent="service"),
        Unit(id="network", name="管网所", kind=UnitKind.STATION, parent="gas"),
        Unit(id="watch", name="行风监督管理办公室", kind=UnitKind.SUPERVISION_OFFICE, parent="gas"),
    ]
    people = [
        ("lai", "赖总经理", "gas", Post.TOP_LEADER),
        ("he", "何副总经理", "gas", Post.DEPUTY),
        ("fang", "方部长", "service", Post.FIRST_RESPONSIBLE),
        ("xu", "许科长", "counter", Post.FIRST_RESPONSIBLE),
        ("lu", "陆所长", "network", Post.FIRST_RESPONSIBLE),
        ("tang", "唐主任", "watch", Post.FIRST_RESPONSIBLE),
        ("ye", "叶营业员", "counter", Post.STAFF),
    ]
    postings = [
        Posting(
            person=pid,
            unit=unit,
            post=post,
            in_charge_of={"service", "network"} if post is Post.DEPUTY else frozenset(),
        )
        for pid, _, unit, post in people
    ]
    org = Organization(
        units=units,
        people=[Person(id=pid, name=name) for pid, name, _, _ in people],
        postings=postings,
        supervision=[Supervision(office="watch", units={"service"})],
    )
    return ResponsibilityChain(organization=org)


def _tree(chain: ResponsibilityChain, holder: str, depth: int) -> list[str]:
    posting_unit = chain.organization.unit(chain.unit_of(holder)).name
    name = chain.organization.person(holder).name
    lines = [f"{'  ' * depth}{name}（{chain.post_of(holder).label}，{posting_unit}）"]
    for below in chain.subordinates(holder, depth=1):
        lines += _tree(chain, below, depth + 1)
    return lines


def _campaign(chain: ResponsibilityChain) -> list[str]:
    def at(month: int, day: int) -> pendulum.DateTime:
        return pendulum.datetime(2026, month, day, 9, tz="Asia/Shanghai")

    windows = [
        (date(2026, 3, 2), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 10, 30)),
        (date(2026, 11, 2), date(2026, 12, 18)),
    ]
    plan = CampaignPlan(
        name="2026年民主评议行风",
        organiser="市纠风办",
        first=date(2026, 3, 2),
        last=date(2026, 12, 31),
        stages=StageTemplate.appraisal().plan(windows),
        appraised=("gas",),
        chain=chain,
    )
    campaign = Campaign.launch(plan, at=at(3, 2), by="lai")
    stages = " → ".join(s.name for s in plan.stages)
    lines = [f"  {plan.name}: {stages}"]
    try:
        campaign.advance(at=at(3, 4), by="lai")
    except GateNotMet as refused:
        lines.append(f"  {refused.on} 转段被拒 (transition refused), nothing recorded:")
        lines += [f"    - {failure}" for failure in refused.unmet]
    campaign.hold_activity("mobilisation", at=at(3, 5), by="lai")
    campaign.advance(at=at(3, 31), by="lai", report=StageReport(summary="召开动员大会"))
    moved = campaign.events[-1]
    lines.append(
        f"  {moved.at:%Y-%m-%d} 转段 {plan.stages[0].name} → {campaign.stage.name}; "
        f"{campaign.event_count} events recorded; replay equal: "
        f"{Campaign.replay(campaign.events) == campaign}"
    )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m xingfeng``."""
    parser = argparse.ArgumentParser(prog="python -m xingfeng", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("demo", help="print a tour of the library")
    run.add_argument(
        "--year",
        type=int,
        default=2026,
        help="the year of the calendar sections, 2004 to 2026 (the campaign runs in 2026)",
    )
    args = parser.parse_args(argv)
    if not 2004 <= args.year <= 2026:
        parser.error(f"--year {args.year}: the built-in calendar covers 2004–2026")
    print(demo(args.year))
    return 0


if __name__ == "__main__":
    sys.exit(main())
