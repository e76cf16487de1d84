"""examples/regimes/*.toml: the documented example regimes a host copies and adjusts.

Each file must load with :meth:`Regime.from_toml`, give the limits its header cites, and name
its legal sources; figures the regulation does not fix are marked 示例 in the file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xingfeng import Post, TimeLimit
from xingfeng.obligations import Regime, StartEvent
from xingfeng.obligations.regime import ReviewWindow

FOLDER = Path(__file__).resolve().parents[1] / "examples" / "regimes"
NAMES = (
    "hotline_12345",
    "xinfang",
    "information_disclosure",
    "deputy_proposals",
    "appraisal_answers",
)


def load(name: str) -> Regime:
    return Regime.from_toml((FOLDER / f"{name}.toml").read_text(encoding="utf-8"))


def test_the_folder_holds_exactly_the_documented_examples() -> None:
    """Every file in the folder is one of the five tested here, so none goes untested."""
    assert sorted(p.stem for p in FOLDER.glob("*.toml")) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_example_loads_under_its_file_name_and_cites_a_source(name: str) -> None:
    """Each file passes every check of Regime.from_toml, its ``name`` is its file name, and it
    cites at least one source in ``sources``."""
    regime = load(name)
    assert regime.name == name
    assert regime.sources
    assert all(source.strip() for source in regime.sources)


@pytest.mark.parametrize("name", NAMES)
def test_every_example_marks_its_illustrative_figures(name: str) -> None:
    """Each header says which figures are the regulation's and which are illustrative (示例),
    and lists what the schema cannot express."""
    text = (FOLDER / f"{name}.toml").read_text(encoding="utf-8")
    assert "示例" in text
    assert "本模式表达不了的" in text


def test_hotline_limits_depend_on_kind_and_urgency_first_rule_winning() -> None:
    """12345: an urgent enquiry is due the same day, other urgent items in 24 hours, ordinary
    items by kind; the clock starts at assignment (交办)."""
    regime = load("hotline_12345")
    assert regime.start is StartEvent.ASSIGNED
    assert regime.limit_for(kind="咨询", urgency="紧急") == TimeLimit.same_day()
    assert regime.limit_for(kind="投诉", urgency="紧急") == TimeLimit.hours(24)
    assert regime.limit_for(kind="咨询", urgency="一般") == TimeLimit.working_days(1)
    assert regime.limit_for(kind="投诉") == TimeLimit.working_days(5)  # 一般 is the default
    assert regime.limit_for(kind="建议", urgency="一般") == TimeLimit.working_days(15)


def test_hotline_extension_callback_and_no_review() -> None:
    """12345: one extension of at most 5 working days approved by the deputy (written by its
    label 分管领导), a call-back within 3 working days, and no review window enabled."""
    regime = load("hotline_12345")
    assert regime.extension is not None
    assert regime.extension.cap == TimeLimit.working_days(5)
    assert regime.extension.times == 1
    assert regime.extension.approvers == frozenset({Post.DEPUTY})
    assert regime.callback == TimeLimit.working_days(3)
    assert regime.pause_reasons == ("第三方检测鉴定",)
    assert regime.review is None


def test_xinfang_is_sixty_days_from_acceptance_extended_by_at_most_thirty() -> None:
    """信访工作条例 第三十四条: 60日 from 受理, extended by at most 30日 with the approval of
    the organ's 负责人 (read as top leader or deputy)."""
    regime = load("xinfang")
    assert regime.start is StartEvent.ACCEPTED
    assert regime.limit_for(kind="申诉求决类") == TimeLimit.calendar_days(60)
    assert regime.extension is not None
    assert regime.extension.cap == TimeLimit.calendar_days(30)
    assert regime.extension.approvers == frozenset({Post.TOP_LEADER, Post.DEPUTY})


def test_xinfang_review_and_re_review_are_thirty_days_each() -> None:
    """信访工作条例 第三十五条、第三十六条: 复查 and 复核 each requested within 30日 and
    answered within 30日."""
    regime = load("xinfang")
    thirty = TimeLimit.calendar_days(30)
    assert regime.review == ReviewWindow(request=thirty, answer=thirty)
    assert regime.re_review == ReviewWindow(request=thirty, answer=thirty)


def test_information_disclosure_is_twenty_working_days_paused_and_restarted() -> None:
    """政府信息公开条例 第三十三条: 20个工作日 from receipt, extended by at most 20个工作日
    with the disclosure office head's consent (first_responsible), consulting time not
    counted; 第三十条: 补正 restarts the clock; 第三十四条: consulted organs 15个工作日."""
    regime = load("information_disclosure")
    assert regime.start is StartEvent.RECEIVED
    assert regime.limit_for(kind="依申请公开") == TimeLimit.working_days(20)
    assert regime.extension is not None
    assert regime.extension.cap == TimeLimit.working_days(20)
    assert regime.extension.approvers == frozenset({Post.FIRST_RESPONSIBLE})
    assert set(regime.pause_reasons) == {"征求第三方意见", "征求其他机关意见"}
    assert regime.correction is True
    assert regime.co_handling == TimeLimit.working_days(15)
    assert regime.review is None


def test_deputy_proposals_are_three_months_from_assignment_six_at_most() -> None:
    """代表法: answered within 3个月 of 交办; the extension cap of 3个月 keeps the total within
    the law's 6个月; 协办 opinions within 1个月 (示例)."""
    regime = load("deputy_proposals")
    assert regime.start is StartEvent.ASSIGNED
    for kind in ("建议", "批评", "意见"):
        assert regime.limit_for(kind=kind) == TimeLimit.months(3)
    assert regime.extension is not None
    assert regime.extension.cap == TimeLimit.months(3)
    assert regime.extension.approvers == frozenset({Post.TOP_LEADER})
    assert regime.co_handling == TimeLimit.months(1)
    assert regime.review is None


def test_appraisal_answers_hotline_complaints_in_five_working_days_others_in_fifteen() -> None:
    """民主评议 (R10, seed 002): every opinion is answered; through the 行风热线 within 5个工作日,
    otherwise within 15个工作日 — the figures of examples/gas_company.py's AnswerPolicy."""
    regime = load("appraisal_answers")
    assert regime.start is StartEvent.RECEIVED
    assert regime.limit_for(kind="投诉", channel="行风热线") == TimeLimit.working_days(5)
    assert regime.limit_for(kind="投诉", channel="来信来访") == TimeLimit.working_days(15)
    assert regime.limit_for(kind="意见", channel="座谈会") == TimeLimit.working_days(15)
    assert regime.limit_for(kind="建议") == TimeLimit.working_days(15)
    assert regime.extension is None
    assert regime.callback == TimeLimit.working_days(3)
