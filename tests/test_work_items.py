"""Work items (办件): lifecycle, refusals that leave no trace, streams that replay and
survive JSON, the due board and the facts rules read.

The heart is a Hypothesis state machine driving random commands, valid and invalid, at one
item under a regime with every feature (pauses, 补正, capped extensions, co-handling,
call-back, review and re-review), with a clock that crosses year ends into years the
calendar does not know.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pendulum
import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from xingfeng import (
    AnswerKind,
    CommandRefused,
    DueBoard,
    InvalidDefinition,
    ItemState,
    Organization,
    Person,
    Post,
    Posting,
    Regime,
    ResponsibilityChain,
    Unit,
    UnitKind,
    Verdict,
    WorkItem,
    from_json,
    obligation_facts,
    to_json,
)
from xingfeng.obligations.items import ItemEvent

ZONE = "Asia/Shanghai"
REGIME = Regime.from_toml(
    """
    name = "test"
    title = "测试规范（示例）"
    sources = ["示例"]
    kinds = ["投诉", "咨询"]
    urgencies = ["紧急", "一般"]
    start = "accepted"
    limits = [
      { urgency = "紧急", limit = "当日" },
      { kind = "咨询", limit = "3个工作日" },
      { kind = "投诉", limit = "10个工作日" },
    ]
    extension = { cap = "10个工作日", times = 2, approvers = ["deputy"] }
    pause_reasons = ["征求第三方意见", "现场勘验"]
    correction = true
    co_handling = "5个工作日"
    callback = "3个工作日"
    review = { request = "30日", answer = "30日" }
    re_review = { request = "30日", answer = "30日" }
    """
)
CHAIN = ResponsibilityChain(
    organization=Organization(
        units=[
            Unit(id="bureau", name="局", kind=UnitKind.ORGANIZATION),
            Unit(id="office", name="办公室", kind=UnitKind.SECTION, parent="bureau"),
            Unit(id="works", name="工程科", kind=UnitKind.SECTION, parent="bureau"),
        ],
        people=[Person(id=p, name=p) for p in ("chief", "deputy", "wen", "lu")],
        postings=[
            Posting(person="chief", unit="bureau", post=Post.TOP_LEADER),
            Posting(person="deputy", unit="bureau", post=Post.DEPUTY, in_charge_of={"office"}),
            Posting(person="wen", unit="office", post=Post.FIRST_RESPONSIBLE),
            Posting(person="lu", unit="works", post=Post.FIRST_RESPONSIBLE),
        ],
    )
)
START = pendulum.datetime(2026, 11, 2, 9, tz=ZONE)


def at(month: int, day: int, hour: int = 9) -> pendulum.DateTime:
    return pendulum.datetime(2026, month, day, hour, tz=ZONE)


def complaint(item: str = "W1", when: datetime = START) -> WorkItem:
    return WorkItem.receive(
        REGIME, item=item, kind="投诉", unit="office", title="施工噪音", at=when, by="wen",
        chain=CHAIN,
    )  # fmt: skip


def replay(item: WorkItem) -> WorkItem:
    return WorkItem.replay(item.events, REGIME, chain=CHAIN)


# ---- the life of an item


def test_an_item_runs_from_receipt_to_re_review_and_replays_equal() -> None:
    """Accepted, assigned with a co-unit, answered, found partly true, closed, called back,
    reviewed twice: every step recorded, the stream replays equal and survives JSON."""
    item = complaint()
    assert item.clock is None  # this regime starts the clock at acceptance
    item.accept(notice="受理告知书", at=at(11, 2, 10), by="wen")
    assert item.deadline().day == date(2026, 11, 16)  # 10 working days
    item.assign(unit="works", owner="lu", co_units=["office"], at=at(11, 3), by="wen")
    item.answer(AnswerKind.INTERIM, text="正在核查", at=at(11, 5), by="lu")
    item.answer(AnswerKind.DECISION, text="已整改", at=at(11, 10), by="lu")
    with pytest.raises(CommandRefused, match="协办单位"):
        item.close(at=at(11, 10), by="lu")
    item.submit_part("office", at=at(11, 10, 11), by="wen")
    item.give_verdict(Verdict.PARTLY_TRUE, at=at(11, 10, 12), by="lu")
    item.close(at=at(11, 10, 13), by="lu")
    assert (item.state, item.lateness()) == (ItemState.CLOSED, 0)
    assert item.callback_clock is not None
    item.call_back(satisfied=False, at=at(11, 12), by="wen")
    item.request_review(at=at(11, 20), by="wen")
    item.answer_review(overturned=True, at=at(12, 1), by="chief")
    item.request_review(at=at(12, 10), by="wen")
    item.answer_review(overturned=False, at=at(12, 20), by="chief")
    with pytest.raises(CommandRefused, match="复核为终"):
        item.request_review(at=at(12, 21), by="wen")
    assert replay(item) == item
    loaded = from_json(to_json(list(item.events)), list[ItemEvent])
    assert WorkItem.replay(loaded, REGIME, chain=CHAIN) == item


def test_an_extension_beyond_the_cap_or_by_the_wrong_approver_is_refused() -> None:
    """Extensions: at most the cap in all, at most the regime's times, by a holder of an
    approver post, before the deadline; each refusal changes nothing."""
    item = complaint()
    item.accept(notice="受理告知书", at=at(11, 2, 10), by="wen")
    version = item.version
    with pytest.raises(CommandRefused, match="分管领导"):
        item.extend(5, post=Post.TOP_LEADER, reason="需现场勘验", notified=True, at=at(11, 4),
                    by="chief")  # fmt: skip
    with pytest.raises(CommandRefused, match="不担任"):
        item.extend(5, post=Post.DEPUTY, reason="需现场勘验", notified=True, at=at(11, 4),
                    by="wen")  # fmt: skip
    with pytest.raises(CommandRefused, match="不得超过10个工作日"):
        item.extend(11, post=Post.DEPUTY, reason="需现场勘验", notified=True, at=at(11, 4),
                    by="deputy")  # fmt: skip
    assert item.version == version
    assert replay(item) == item
    item.extend(6, post=Post.DEPUTY, reason="需现场勘验", notified=True, at=at(11, 4), by="deputy")
    assert item.deadline().day == date(2026, 11, 24)  # 16 working days from 2 November
    with pytest.raises(CommandRefused, match="不得超过"):
        item.extend(5, post=Post.DEPUTY, reason="再次延期", notified=False, at=at(11, 5),
                    by="deputy")  # fmt: skip
    with pytest.raises(CommandRefused, match="已过"):
        item.extend(4, post=Post.DEPUTY, reason="再次延期", notified=False, at=at(11, 25),
                    by="deputy")  # fmt: skip


def test_a_pause_on_a_closed_item_or_a_restart_without_a_notice_is_refused() -> None:
    """The clock's rules hold through the item: no pause after 办结, no restart without a
    补正 notice, no resume while waiting for the correction, only the regime's reasons."""
    item = complaint()
    with pytest.raises(CommandRefused, match="尚未起算"):
        item.pause(reason="现场勘验", at=at(11, 2, 10), by="wen")
    item.accept(notice="受理告知书", at=at(11, 2, 10), by="wen")
    with pytest.raises(CommandRefused, match="是否要写 '现场勘验'"):
        item.pause(reason="现场勘察", at=at(11, 3), by="wen")
    with pytest.raises(CommandRefused, match="未发补正通知"):
        item.receive_correction(at=at(11, 3), by="wen")
    item.request_correction(what="补充照片", at=at(11, 3), by="wen")
    with pytest.raises(CommandRefused, match="等待补正"):
        item.resume(at=at(11, 4), by="wen")
    item.receive_correction(at=at(11, 9), by="wen")
    assert item.deadline().day == date(2026, 11, 23)  # 10 working days from 9 November
    item.assign(unit="works", owner="lu", at=at(11, 9, 10), by="wen")
    item.answer(AnswerKind.DECISION, text="已处理", at=at(11, 9, 11), by="lu")
    item.close(at=at(11, 9, 12), by="lu")
    with pytest.raises(CommandRefused, match="已办结"):
        item.pause(reason="现场勘验", at=at(11, 10), by="wen")
    assert replay(item) == item


def test_an_unknown_kind_or_a_stream_of_another_regime_is_refused() -> None:
    """Receipt checks the regime's types with a did-you-mean; replay refuses a stream whose
    first event names another regime."""
    with pytest.raises(CommandRefused, match="是否要写 '投诉'"):
        WorkItem.receive(REGIME, item="X", kind="投拆", unit="office", title="x", at=START, by="w")
    other = Regime.from_mapping(
        {"name": "other", "title": "其他", "kinds": ["投诉"], "start": "received",
         "limits": [{"limit": "5日"}]}
    )  # fmt: skip
    with pytest.raises(InvalidDefinition, match="属于 'test'"):
        WorkItem.replay(complaint().events, other)


def test_the_due_board_lists_open_obligations_and_facts_measure_lateness() -> None:
    """The board holds one row per open, running obligation; facts give lateness in the
    limit's unit, per item and per unit."""
    board = DueBoard()
    items = []
    for number in range(4):
        item = complaint(f"W{number}", at(11, 2 + number))
        item.accept(notice="受理告知书", at=at(11, 2 + number, 10), by="wen")
        board.track(item)
        items.append(item)
    assert len(board) == 4
    assert [row.item for row in board.overdue(date(2026, 11, 18))] == ["W0", "W1"]
    items[0].assign(unit="works", owner="lu", at=at(11, 17), by="wen")
    items[0].answer(AnswerKind.DECISION, text="已处理", at=at(11, 18), by="lu")
    items[0].close(at=at(11, 18, 10), by="lu")
    board.track(items[0])
    assert [row.item for row in board.overdue(date(2026, 11, 18))] == ["W1"]
    facts = obligation_facts(items, date(2026, 11, 20))
    assert facts.items["W0"]["late_days"] == 2  # due 16 November, closed on the 18th
    assert facts.items["W0"]["open_and_late"] is False
    assert facts.items["W1"]["open_and_late"] is True
    assert facts.units["office"]["late_items"] == 3
    assert facts.units["works"]["late_items"] == 1


# ---- the state machine


class WorkItemMachine(RuleBasedStateMachine):
    """Random commands at one item; after each, refusals changed nothing and the stream
    replays to an equal item."""

    def __init__(self) -> None:
        super().__init__()
        self.item = complaint()
        self.now: datetime = START

    def run(self, command: str, **kwargs: object) -> bool:
        before = replay(self.item)
        version = self.item.version
        try:
            getattr(self.item, command)(at=self.now, **kwargs)
        except CommandRefused:
            assert self.item == before, f"refused {command} changed the item"
            assert self.item.version == version
            return False
        assert self.item.version == version + 1
        return True

    @rule(hours=st.integers(min_value=0, max_value=24 * 15))
    def time_passes(self, hours: int) -> None:
        self.now = self.now + timedelta(hours=hours)

    @rule(days=st.integers(min_value=20, max_value=400))
    def the_clock_crosses_a_year_end(self, days: int) -> None:
        self.now = self.now + timedelta(days=days)

    @rule()
    def accept(self) -> None:
        self.run("accept", notice="受理告知书", by="wen")

    @rule(unit=st.sampled_from(["works", "office", "nowhere"]), co=st.booleans())
    def assign(self, unit: str, co: bool) -> None:
        co_units = ["office"] if co and unit != "office" else []
        self.run("assign", unit=unit, owner="lu", co_units=co_units, by="wen")

    @rule()
    def return_item(self) -> None:
        self.run("return_item", reason="不属本单位职责", by="lu")

    @rule()
    def submit_part(self) -> None:
        self.run("submit_part", unit="office", by="wen")

    @rule(reason=st.sampled_from(["征求第三方意见", "现场勘验", "放假"]))
    def pause(self, reason: str) -> None:
        self.run("pause", reason=reason, by="wen")

    @rule()
    def resume(self) -> None:
        self.run("resume", by="wen")

    @rule()
    def request_correction(self) -> None:
        self.run("request_correction", what="补充材料", by="wen")

    @rule()
    def receive_correction(self) -> None:
        self.run("receive_correction", by="wen")

    @rule(amount=st.integers(min_value=1, max_value=12), by=st.sampled_from(["deputy", "wen"]))
    def extend(self, amount: int, by: str) -> None:
        self.run("extend", amount=amount, post=Post.DEPUTY, reason="延期", notified=True, by=by)

    @rule(kind=st.sampled_from(AnswerKind))
    def answer(self, kind: AnswerKind) -> None:
        self.run("answer", kind=kind, text="答复", by="lu")

    @rule(verdict=st.sampled_from(Verdict))
    def give_verdict(self, verdict: Verdict) -> None:
        self.run("give_verdict", verdict=verdict, by="lu")

    @rule()
    def close(self) -> None:
        self.run("close", by="lu")

    @rule(satisfied=st.booleans())
    def call_back(self, satisfied: bool) -> None:
        self.run("call_back", satisfied=satisfied, by="wen")

    @rule()
    def request_review(self) -> None:
        self.run("request_review", by="wen")

    @rule(overturned=st.booleans())
    def answer_review(self, overturned: bool) -> None:
        self.run("answer_review", overturned=overturned, by="chief")

    @rule()
    def do_the_work_and_close(self) -> None:
        """Take the item as far as it can go in one step, so runs reach the late commands
        (call-back, reviews) often; each command is still checked by ``run``."""
        for command, kwargs in (
            ("resume", {"by": "wen"}),
            ("receive_correction", {"by": "wen"}),
            ("accept", {"notice": "受理告知书", "by": "wen"}),
            ("assign", {"unit": "works", "owner": "lu", "by": "wen"}),
            ("submit_part", {"unit": "office", "by": "wen"}),
            ("answer", {"kind": AnswerKind.DECISION, "text": "处理意见", "by": "lu"}),
            ("close", {"by": "lu"}),
        ):
            self.run(command, **kwargs)

    @invariant()
    def the_stream_replays_equal(self) -> None:
        assert replay(self.item) == self.item

    @invariant()
    def extensions_never_exceed_the_cap(self) -> None:
        rule = REGIME.extension
        assert rule is not None
        assert self.item.extended <= rule.cap.amount

    @invariant()
    def lateness_is_zero_exactly_when_met_by_the_deadline(self) -> None:
        clock = self.item.clock
        if clock is None or clock.done_at is None:
            return
        done_day = clock.done_at.astimezone(pendulum.timezone(ZONE)).date()
        deadline = clock.deadline(self.item.calendar).day
        assert (clock.lateness(self.item.calendar) == 0) == (done_day <= deadline)

    @invariant()
    def the_stream_survives_json(self) -> None:
        if self.item.version % 4:
            return
        loaded = from_json(to_json(list(self.item.events)), list[ItemEvent])
        assert WorkItem.replay(loaded, REGIME, chain=CHAIN) == self.item


TestWorkItemMachine = WorkItemMachine.TestCase
