"""Tests for xingfeng.campaign.stages: stages, their activities, and the reports that close them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import strategies
from xingfeng import (
    Activity,
    ActivityKind,
    InvalidArgument,
    InvalidDefinition,
    Stage,
    StageReport,
    XingfengError,
    from_json,
    to_json,
)

#: Values that are not a count a report may give: negatives, bools, floats, text, None.
bad_counts = st.one_of(
    st.integers(max_value=-1),
    st.booleans(),
    st.floats(allow_nan=False),
    st.text(max_size=3),
    st.none(),
)


# --------------------------------------------------------------------------- stage reports


@given(name=strategies.words, count=bad_counts)
def test_a_report_refuses_a_figure_that_is_not_a_non_negative_int(name: str, count: object) -> None:
    """figures are counts: a negative, a bool, a float, text or None is refused."""
    with pytest.raises(XingfengError):
        StageReport(summary="转段", figures={name: count})  # type: ignore[dict-item]


@pytest.mark.parametrize("name", ["", "   ", 5, None], ids=["empty", "blank", "int", "None"])
def test_a_report_refuses_a_figure_name_that_is_not_a_non_empty_string(name: object) -> None:
    """Each figure is named by a non-empty string."""
    with pytest.raises(XingfengError):
        StageReport(summary="转段", figures={name: 1})  # type: ignore[dict-item]


@given(problems=st.text(max_size=6))
def test_a_report_refuses_a_bare_string_as_its_open_problems(problems: str) -> None:
    """open_problems="p1" is refused, not read as the problems "p" and "1"."""
    with pytest.raises(InvalidArgument):
        StageReport(summary="转段", open_problems=problems)


@pytest.mark.parametrize(
    "problems", [[5], [None], [["p1"]], 5], ids=["int", "None", "nested list", "not iterable"]
)
def test_a_report_refuses_open_problems_that_are_not_strings(problems: Any) -> None:
    """open_problems is a collection of problem ids, each a string."""
    with pytest.raises(XingfengError):
        StageReport(summary="转段", open_problems=problems)


@pytest.mark.parametrize("plan", [None, 5, ["next"]], ids=["None", "int", "list"])
def test_a_report_refuses_a_next_plan_that_is_not_a_string(plan: object) -> None:
    """next_plan is text (possibly empty), nothing else."""
    with pytest.raises(XingfengError):
        StageReport(summary="转段", next_plan=plan)  # type: ignore[arg-type]


def test_the_figures_of_a_report_cannot_be_changed() -> None:
    """A report is a frozen value: assigning to its figures raises TypeError (read-only)."""
    report = StageReport(summary="转段", figures={"归类意见": 8})

    with pytest.raises(TypeError):
        report.figures["x"] = 1  # type: ignore[index]

    assert dict(report.figures) == {"归类意见": 8}


def test_changing_the_dict_a_report_was_made_from_does_not_change_the_report() -> None:
    """The report keeps its own copy of the figures it was given."""
    figures = {"归类意见": 8}
    report = StageReport(summary="转段", figures=figures)

    figures["归类意见"] = 9

    assert dict(report.figures) == {"归类意见": 8}


@given(report=strategies.stage_reports)
def test_a_report_equals_itself_after_a_json_round_trip(report: StageReport) -> None:
    """from_json(to_json(report)) == report, figures included."""
    assert from_json(to_json(report), StageReport) == report


# --------------------------------------------------------------------------- stages


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (datetime(2026, 1, 1), date(2026, 1, 2)),
        (date(2026, 1, 1), datetime(2026, 1, 2)),
        (datetime(2026, 1, 1), datetime(2026, 1, 2)),
    ],
    ids=["first", "last", "both"],
)
def test_a_stage_refuses_a_datetime_for_a_window_day(first: date, last: date) -> None:
    """A stage window is made of dates; a datetime is not one."""
    with pytest.raises((InvalidDefinition, InvalidArgument)):
        Stage(key="k", name="n", first=first, last=last)


@pytest.mark.parametrize(
    "call",
    [
        lambda: Stage(
            key="k", name="n", first=date(2026, 1, 1), last=date(2026, 1, 2), activities=[5]
        ),
        lambda: Stage(
            key="k", name="n", first=date(2026, 1, 1), last=date(2026, 1, 2), activities=5
        ),
        lambda: Stage(key="k", name="n", first=date(2026, 1, 1), last=date(2026, 1, 2), gates=None),
        lambda: Activity(id="a", kind=ActivityKind.FORUM, title="t", cadence="weekly"),
        lambda: Activity(id="a", kind=ActivityKind.FORUM, title="t", cadence=5),
    ],
    ids=[
        "stage activities [5]",
        "stage activities 5",
        "stage gates None",
        "activity cadence text",
        "activity cadence int",
    ],
)
def test_a_stage_or_activity_of_the_wrong_type_raises_a_xingfeng_error(
    call: Callable[[], object],
) -> None:
    """Wrong types are refused as InvalidArgument or InvalidDefinition, never AttributeError."""
    with pytest.raises((InvalidArgument, InvalidDefinition)):
        call()


@given(
    st.sets(st.dates(min_value=date(2026, 3, 1), max_value=date(2026, 8, 31)), max_size=8),
    st.dates(min_value=date(2026, 3, 1), max_value=date(2026, 8, 31)),
)
def test_a_recurring_activity_must_be_held_in_every_period_due(
    held_on: set[date], on: date
) -> None:
    """R11 (一月一查): a monthly activity passes the gate on a day exactly when every month
    that has fallen due by then holds at least one of its days; the message names the
    periods missed, however many times other months held it."""
    import pendulum

    from xingfeng import (
        Activity,
        ActivityKind,
        AllActivitiesHeld,
        Cadence,
        Campaign,
        CampaignPlan,
        Frequency,
        Stage,
    )

    check = Activity(
        id="check",
        kind=ActivityKind.INSPECTION,
        title="月度检查",
        cadence=Cadence(name="一月一查", every=Frequency.MONTHLY),
    )
    plan = CampaignPlan(
        name="作风建设年",
        organiser="县委",
        first=date(2026, 3, 1),
        last=date(2026, 12, 31),
        stages=(
            Stage(
                key="find",
                name="查",
                first=date(2026, 3, 1),
                last=date(2026, 8, 31),
                activities=(check,),
                gates=(AllActivitiesHeld(),),
            ),
        ),
        appraised=("bureau",),
    )
    campaign = Campaign.launch(
        plan, at=pendulum.datetime(2026, 3, 1, tz="Asia/Shanghai"), by="局长"
    )
    for day in sorted(held_on):
        moment = pendulum.datetime(day.year, day.month, day.day, 10, tz="Asia/Shanghai")
        campaign.hold_activity("check", at=moment, by="局长")
    due = check.cadence.occurrences(date(2026, 3, 1), on, plan.calendar)  # type: ignore[union-attr]
    missed = [o for o in due if not any(o.period_first <= d <= o.period_last for d in held_on)]
    failures = AllActivitiesHeld().failures(campaign, on)
    assert bool(failures) == bool(missed)
    if missed:
        (message,) = failures
        assert f"应开展{len(due)}个周期，已开展{len(due) - len(missed)}个" in message
        assert f"{missed[0].period_first}…{missed[0].period_last}" in message


def test_every_built_in_gate_has_a_chinese_label_for_documents() -> None:
    """Reports print a gate's label: its name's Chinese part, with no English in it."""
    from xingfeng.campaign.gates import gate_types

    for gate_type in gate_types().values():
        gate = gate_type()
        assert gate.name.startswith(f"{gate.label} (")
        assert not any(c.isascii() and c.isalpha() for c in gate.label)
