"""Work items (办件): one aggregate, with its own event stream, per matter a host tracks.

A 12345 work order, a 95598 complaint, a 信访 matter, a 政府信息公开 application, a 人大代表
建议 or a campaign opinion: each is a :class:`WorkItem` run under a
:class:`~xingfeng.obligations.regime.Regime`.  Its life, command by command:

receive → accept (受理告知) or decline (不予受理, with notice) → assign (交办: 主办 with
协办/会办 units, each owing its part) → return (退单) and reassign → answer (several: 受理告知,
阶段性答复, 处理意见) → verdict (属实/部分属实/不属实) → close (办结) → call back (回访, its own
obligation after closing) → review (复查) and re-review (复核), each requested within its window
and answered within its limit.  The main clock starts at the regime's start event, may pause
for the regime's reasons, restarts on 补正, and is extended within the regime's cap by one of
its approver posts, with the reason and whether the person was told.

Each command checks everything before it changes anything and records one past-tense event;
:meth:`WorkItem.replay` rebuilds an equal item from its stream.  Each item is its own stream,
so a host can hold millions and load one to act on it; campaign-wide views (the due board)
are projections fed by many items (:class:`DueBoard`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import Any, NamedTuple

import attrs

from xingfeng._checks import LabelledEnum, is_aware, local_date, require_date, require_text
from xingfeng._log import Recorded
from xingfeng.calendar import Deadline, TimeLimit, WorkCalendar
from xingfeng.exceptions import (
    CommandRefused,
    Defect,
    InvalidArgument,
    InvalidDefinition,
    XingfengError,
    shown,
)
from xingfeng.obligations.clock import Clock, ClockRule, Extension
from xingfeng.obligations.regime import Regime, StartEvent, did_you_mean
from xingfeng.organization import Post, ResponsibilityChain
from xingfeng.serialization import register_tagged_union

__all__ = [
    "ITEM_FACTS",
    "UNIT_FACTS",
    "AnswerKind",
    "CalledBack",
    "ClockPaused",
    "ClockResumed",
    "CoPartSubmitted",
    "CorrectionReceived",
    "CorrectionRequested",
    "DeadlineExtended",
    "DueBoard",
    "DueEntry",
    "ItemAccepted",
    "ItemAnswered",
    "ItemAssigned",
    "ItemClosed",
    "ItemDeclined",
    "ItemEvent",
    "ItemReceived",
    "ItemReturned",
    "ItemState",
    "ObligationFacts",
    "ReviewAnswered",
    "ReviewRequested",
    "Verdict",
    "VerdictGiven",
    "WorkItem",
    "obligation_facts",
]


class ItemState(LabelledEnum):
    """Where a work item is in its life."""

    RECEIVED = "received", "已登记"
    ACCEPTED = "accepted", "已受理"
    DECLINED = "declined", "不予受理"
    ASSIGNED = "assigned", "已交办"
    RETURNED = "returned", "已退单"
    CLOSED = "closed", "已办结"


class AnswerKind(LabelledEnum):
    """What an answer to the person is."""

    ACCEPTANCE = "acceptance", "受理告知"
    INTERIM = "interim", "阶段性答复"
    DECISION = "decision", "处理意见"


class Verdict(LabelledEnum):
    """Whether what a complaint said was found true."""

    TRUE = "true", "属实"
    PARTLY_TRUE = "partly_true", "部分属实"
    NOT_TRUE = "not_true", "不属实"


# ---- events


@attrs.frozen(kw_only=True)
class ItemReceived:
    """A matter came in (登记) under ``regime``: its type, urgency, channel and unit."""

    at: datetime
    by: str
    item: str
    regime: str
    kind: str
    urgency: str
    channel: str
    unit: str
    title: str


@attrs.frozen(kw_only=True)
class ItemAccepted:
    """The matter was accepted (受理), and the person told so (``notice``)."""

    at: datetime
    by: str
    notice: str


@attrs.frozen(kw_only=True)
class ItemDeclined:
    """The matter was not accepted (不予受理), with the reason and the notice given."""

    at: datetime
    by: str
    reason: str
    notice: str


@attrs.frozen(kw_only=True)
class ItemAssigned:
    """The matter was assigned (交办/转办) to ``unit`` and its ``owner``; ``co_units`` each
    owe their part (协办/会办)."""

    at: datetime
    by: str
    unit: str
    owner: str
    co_units: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ItemReturned:
    """The assigned unit sent the matter back (退单), with the reason."""

    at: datetime
    by: str
    reason: str


@attrs.frozen(kw_only=True)
class CoPartSubmitted:
    """A co-handling unit (协办单位) gave its part."""

    at: datetime
    by: str
    unit: str


@attrs.frozen(kw_only=True)
class ClockPaused:
    """The clock stopped (中止, 不计入期限) for one of the regime's reasons."""

    at: datetime
    by: str
    reason: str


@attrs.frozen(kw_only=True)
class ClockResumed:
    """The clock runs again."""

    at: datetime
    by: str


@attrs.frozen(kw_only=True)
class CorrectionRequested:
    """The person was told once what to correct (补正通知); the clock waits for it."""

    at: datetime
    by: str
    what: str


@attrs.frozen(kw_only=True)
class CorrectionReceived:
    """The corrected application arrived: the limit runs again from now."""

    at: datetime
    by: str


@attrs.frozen(kw_only=True)
class DeadlineExtended:
    """An extension (延期) approved by ``by`` in ``post``, with the reason and whether the
    person was told."""

    at: datetime
    by: str
    post: Post
    amount: int
    reason: str
    notified: bool


@attrs.frozen(kw_only=True)
class ItemAnswered:
    """The person was answered: 受理告知, 阶段性答复 or 处理意见."""

    at: datetime
    by: str
    kind: AnswerKind
    text: str


@attrs.frozen(kw_only=True)
class VerdictGiven:
    """What the complaint said was found 属实, 部分属实 or 不属实."""

    at: datetime
    by: str
    verdict: Verdict


@attrs.frozen(kw_only=True)
class ItemClosed:
    """The matter was closed (办结)."""

    at: datetime
    by: str


@attrs.frozen(kw_only=True)
class CalledBack:
    """The person was called back (回访) and said whether they are satisfied."""

    at: datetime
    by: str
    satisfied: bool


@attrs.frozen(kw_only=True)
class ReviewRequested:
    """The person asked for a review: 复查 the first time, 复核 the second."""

    at: datetime
    by: str


@attrs.frozen(kw_only=True)
class ReviewAnswered:
    """The review was answered; ``overturned`` when it changed the decision."""

    at: datetime
    by: str
    overturned: bool


ItemEvent = (
    ItemReceived
    | ItemAccepted
    | ItemDeclined
    | ItemAssigned
    | ItemReturned
    | CoPartSubmitted
    | ClockPaused
    | ClockResumed
    | CorrectionRequested
    | CorrectionReceived
    | DeadlineExtended
    | ItemAnswered
    | VerdictGiven
    | ItemClosed
    | CalledBack
    | ReviewRequested
    | ReviewAnswered
)
"""Any work-item event."""

ITEM_EVENT_TYPES: tuple[type, ...] = ItemEvent.__args__

_CORRECTION = "补正"


class WorkItem(Recorded):
    """One matter under a regime: its events and the state they give (see the module).

    Build one with :meth:`receive` or :meth:`replay`; two items are equal when their
    regimes, calendars, streams and states are.  Not thread-safe: a host serialises the
    commands of one item (its store's stream version is the concurrency contract).
    """

    __slots__ = (
        "_answers",
        "_calendar",
        "_callback",
        "_chain",
        "_clock",
        "_co_pending",
        "_correction",
        "_extended",
        "_last_at",
        "_owner",
        "_received",
        "_regime",
        "_reviews",
        "_satisfied",
        "_state",
        "_unit",
        "_verdict",
    )

    def __init__(
        self,
        received: ItemReceived,
        regime: Regime,
        calendar: WorkCalendar,
        chain: ResponsibilityChain | None,
    ) -> None:
        """Use :meth:`receive` or :meth:`replay`; this starts from a receipt event."""
        if not isinstance(regime, Regime):
            raise CommandRefused(
                "receive",
                "regime 的类型不对",
                regime,
                expected="Regime（办理规范）",
                code="command-refused.invalid",
                english="regime must be a Regime",
            )
        if not isinstance(calendar, WorkCalendar):
            raise CommandRefused(
                "receive",
                "calendar 的类型不对",
                calendar,
                expected="WorkCalendar（工作日历）",
                code="command-refused.invalid",
                english="calendar must be a WorkCalendar",
            )
        if chain is not None and not isinstance(chain, ResponsibilityChain):
            raise CommandRefused(
                "receive",
                "chain 的类型不对",
                chain,
                expected="ResponsibilityChain（责任链）或 None",
                code="command-refused.invalid",
                english="chain must be a ResponsibilityChain or None",
            )
        self._regime, self._calendar, self._chain = regime, calendar, chain
        self._check_receipt(received)
        self._received = received
        self._start_log(received)
        self._last_at = received.at
        self._state = ItemState.RECEIVED
        self._unit: str = received.unit
        self._owner: str | None = None
        self._co_pending: tuple[str, ...] = ()
        self._answers: list[ItemAnswered] = []
        self._verdict: Verdict | None = None
        self._extended = 0
        self._correction = False
        self._satisfied: bool | None = None
        self._callback: Clock | None = None
        self._reviews: list[Clock] = []
        self._clock: Clock | None = None
        if regime.start is StartEvent.RECEIVED:
            self._clock = self._new_clock(received.at)

    # ---- building

    @classmethod
    def receive(
        cls,
        regime: Regime,
        *,
        item: str,
        kind: str,
        unit: str,
        title: str,
        at: datetime,
        by: str,
        urgency: str | None = None,
        channel: str = "*",
        calendar: WorkCalendar | None = None,
        chain: ResponsibilityChain | None = None,
    ) -> WorkItem:
        """Register a new matter ``item`` under ``regime`` (urgency: the regime's last, its
        ordinary one, unless given).  ``calendar`` defaults to
        :meth:`~xingfeng.WorkCalendar.china`; with ``chain``, extensions are checked
        against the posts people hold."""
        if not isinstance(regime, Regime):
            raise CommandRefused(
                "receive",
                "regime 的类型不对",
                regime,
                expected="Regime（办理规范）",
                code="command-refused.invalid",
                english="regime must be a Regime",
            )
        urgency = regime.urgencies[-1] if urgency is None else urgency
        event = ItemReceived(
            at=at,
            by=by,
            item=item,
            regime=regime.name,
            kind=kind,
            urgency=urgency,
            channel=channel,
            unit=unit,
            title=title,
        )
        return cls(event, regime, calendar or WorkCalendar.china(), chain)

    @classmethod
    def replay(
        cls,
        events: Iterable[Any],
        regime: Regime,
        *,
        calendar: WorkCalendar | None = None,
        chain: ResponsibilityChain | None = None,
    ) -> WorkItem:
        """Rebuild an item from its stream, checking each event as its command was;
        :class:`~xingfeng.InvalidDefinition` names the first that could not have happened."""
        if isinstance(events, str | bytes | Mapping) or not isinstance(events, Iterable):
            raise InvalidArgument(
                "events",
                events,
                "办件的事件流（事件的 list 或 tuple，从 ItemReceived 开始）",
                english="the item's stream (a list or tuple of events, from ItemReceived)",
            )
        iterator = iter(events)
        first = next(iterator, None)
        try:
            if not isinstance(first, ItemReceived):
                raise CommandRefused(
                    "replay",
                    "事件流须从 ItemReceived（收件）开始",
                    first,
                    expected="ItemReceived 事件",
                    code="command-refused.invalid",
                    english="a stream starts with ItemReceived",
                )
            item = cls(first, regime, calendar or WorkCalendar.china(), chain)
        except XingfengError as refused:
            raise InvalidDefinition(
                "办件事件流",
                [Defect(f"第 0 个事件：{refused.message}", english=f"event 0: {refused}")],
                english="work item stream",
            ) from None
        for number, event in enumerate(iterator, start=1):
            try:
                item._record(event)
            except XingfengError as refused:
                raise InvalidDefinition(
                    "办件事件流",
                    [
                        Defect(
                            f"第 {number} 个事件：{refused.message}",
                            (event,),
                            english=f"event {number}: {refused}",
                        )
                    ],
                    english="work item stream",
                ) from None
        return item

    # ---- commands

    def accept(self, *, notice: str, at: datetime, by: str) -> None:
        """Accept the matter (受理) and tell the person (``notice``, e.g. 受理告知书)."""
        self._record(ItemAccepted(at=at, by=by, notice=notice))

    def decline(self, *, reason: str, notice: str, at: datetime, by: str) -> None:
        """Decline the matter (不予受理), with the reason and the notice given."""
        self._record(ItemDeclined(at=at, by=by, reason=reason, notice=notice))

    def assign(
        self, *, unit: str, owner: str, at: datetime, by: str, co_units: Iterable[str] = ()
    ) -> None:
        """Assign the matter (交办) to ``unit`` and ``owner``; ``co_units`` owe their part."""
        listed = tuple(co_units) if not isinstance(co_units, str) else (co_units,)
        self._record(ItemAssigned(at=at, by=by, unit=unit, owner=owner, co_units=listed))

    def return_item(self, *, reason: str, at: datetime, by: str) -> None:
        """The assigned owner sends the matter back (退单) for reassignment."""
        self._record(ItemReturned(at=at, by=by, reason=reason))

    def submit_part(self, unit: str, *, at: datetime, by: str) -> None:
        """A co-handling unit gives its part (协办意见)."""
        self._record(CoPartSubmitted(at=at, by=by, unit=unit))

    def pause(self, *, reason: str, at: datetime, by: str) -> None:
        """Stop the clock for one of the regime's pause reasons (不计入期限)."""
        self._record(ClockPaused(at=at, by=by, reason=reason))

    def resume(self, *, at: datetime, by: str) -> None:
        """Run the clock again."""
        self._record(ClockResumed(at=at, by=by))

    def request_correction(self, *, what: str, at: datetime, by: str) -> None:
        """Tell the person, once, what to correct (补正通知); the clock waits."""
        self._record(CorrectionRequested(at=at, by=by, what=what))

    def receive_correction(self, *, at: datetime, by: str) -> None:
        """The corrected application arrived: the limit runs again from ``at``."""
        self._record(CorrectionReceived(at=at, by=by))

    def extend(
        self, amount: int, *, post: Post, reason: str, notified: bool, at: datetime, by: str
    ) -> None:
        """Extend the deadline by ``amount`` (in the regime's extension unit), approved by
        ``by`` in ``post``, before the deadline has passed and within the regime's cap."""
        self._record(
            DeadlineExtended(
                at=at, by=by, post=post, amount=amount, reason=reason, notified=notified
            )
        )

    def answer(self, kind: AnswerKind, *, text: str, at: datetime, by: str) -> None:
        """Answer the person: 受理告知, 阶段性答复 or 处理意见."""
        self._record(ItemAnswered(at=at, by=by, kind=kind, text=text))

    def give_verdict(self, verdict: Verdict, *, at: datetime, by: str) -> None:
        """Find the complaint 属实, 部分属实 or 不属实."""
        self._record(VerdictGiven(at=at, by=by, verdict=verdict))

    def close(self, *, at: datetime, by: str) -> None:
        """Close the matter (办结): a 处理意见 given, every co-unit's part in, the clock
        running; starts the call-back obligation if the regime has one."""
        self._record(ItemClosed(at=at, by=by))

    def call_back(self, *, satisfied: bool, at: datetime, by: str) -> None:
        """Record the call-back (回访) and whether the person is satisfied."""
        self._record(CalledBack(at=at, by=by, satisfied=satisfied))

    def request_review(self, *, at: datetime, by: str) -> None:
        """The person asks for a review: 复查 of the decision, then 复核 of the review."""
        self._record(ReviewRequested(at=at, by=by))

    def answer_review(self, *, overturned: bool, at: datetime, by: str) -> None:
        """Answer the pending review; ``overturned`` if it changed the decision."""
        self._record(ReviewAnswered(at=at, by=by, overturned=overturned))

    # ---- queries

    @property
    def id(self) -> str:
        """The item's id."""
        return self._received.item

    @property
    def calendar(self) -> WorkCalendar:
        """The calendar its deadlines are counted with."""
        return self._calendar

    @property
    def regime(self) -> Regime:
        """The regime the item runs under."""
        return self._regime

    @property
    def events(self) -> tuple[Any, ...]:
        """The item's stream, oldest first."""
        return tuple(self._log())

    @property
    def state(self) -> ItemState:
        """Where the item is in its life."""
        return self._state

    @property
    def unit(self) -> str:
        """The unit that handles it (the receiving unit until it is assigned)."""
        return self._unit

    @property
    def owner(self) -> str | None:
        """Who answers for it, once assigned."""
        return self._owner

    @property
    def limit(self) -> TimeLimit:
        """The item's time limit under its regime."""
        received = self._received
        return self._regime.limit_for(
            kind=received.kind, urgency=received.urgency, channel=received.channel
        )

    @property
    def clock(self) -> Clock | None:
        """The main obligation's clock, once started."""
        return self._clock

    @property
    def callback_clock(self) -> Clock | None:
        """The call-back obligation's clock, once the item is closed."""
        return self._callback

    @property
    def review_clocks(self) -> tuple[Clock, ...]:
        """The clocks of the reviews requested: 复查, then 复核."""
        return tuple(self._reviews)

    @property
    def answers(self) -> tuple[ItemAnswered, ...]:
        """Every answer given, in order."""
        return tuple(self._answers)

    @property
    def verdict(self) -> Verdict | None:
        """The verdict, if given."""
        return self._verdict

    @property
    def satisfied(self) -> bool | None:
        """What the person said at the call-back, if called back."""
        return self._satisfied

    @property
    def co_units_pending(self) -> tuple[str, ...]:
        """Co-handling units whose part is still missing."""
        return self._co_pending

    @property
    def extended(self) -> int:
        """How much the deadline has been extended, in the regime's extension unit."""
        return self._extended

    def deadline(self) -> Deadline | None:
        """The main obligation's deadline, or ``None`` before its clock starts."""
        return None if self._clock is None else self._clock.deadline(self._calendar)

    def lateness(self, on: date | None = None) -> int:
        """How late the main obligation was met (or is, on ``on``), in its limit's unit."""
        if self._clock is None:
            return 0
        return self._clock.lateness(self._calendar, on)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorkItem):
            return NotImplemented
        return self._snapshot() == other._snapshot()

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"<WorkItem {self.id!r} {self._state.label}, {self.version} events>"

    def _snapshot(self) -> tuple[Any, ...]:
        return (self._log(), *(getattr(self, name) for name in self.__slots__ if name != "_chain"))

    # ---- recording: check, then apply

    def _record(self, event: Any) -> None:
        handler = HANDLERS.get(type(event))
        if handler is None:
            raise CommandRefused(
                "record",
                f"{type(event).__name__} 不是办件的事件",
                event,
                expected="办件的事件（ItemReceived 等）",
                code="command-refused.invalid",
                english=f"{type(event).__name__} is not a work-item event",
            )
        command, check, apply = handler
        if not is_aware(event.at):
            raise CommandRefused(
                command,
                f"at={shown(event.at)} 没有时区",
                event.at,
                expected="带时区的 datetime",
                code="command-refused.invalid",
                english=f"at={shown(event.at)} must be a timezone-aware datetime",
            )
        if event.at < self._last_at:
            raise CommandRefused(
                command,
                f"at={event.at} 早于上一事件（{self._last_at}）",
                event.at,
                code="command-refused.time-order",
            )
        require_text(command, "by", event.by)
        if self._state is ItemState.DECLINED:
            raise CommandRefused(
                command, "该件已不予受理，不再接受其他操作", code="command-refused.concluded"
            )
        prepared = check(self, event)  # every computation that can fail happens here
        apply(self, event, prepared)
        self._events.append(event)
        self._last_at = event.at

    def _new_clock(self, at: datetime) -> Clock:
        received = self._received
        rule = self._regime.clock_rule(received.kind, received.urgency, received.channel)
        return Clock(rule=rule, started=at)

    def _check_receipt(self, e: ItemReceived) -> None:
        command = "receive"
        if not isinstance(e, ItemReceived):
            raise CommandRefused(
                command,
                "办件须从 ItemReceived（收件）事件开始",
                e,
                expected="ItemReceived 事件",
                code="command-refused.invalid",
                english="a work item starts from an ItemReceived event",
            )
        if not is_aware(e.at):
            raise CommandRefused(
                command,
                f"at={shown(e.at)} 没有时区",
                e.at,
                expected="带时区的 datetime",
                code="command-refused.invalid",
                english=f"at={shown(e.at)} must be a timezone-aware datetime",
            )
        for name in ("item", "by", "unit", "title"):
            require_text(command, name, getattr(e, name))
        regime = self._regime
        if e.regime != regime.name:
            raise CommandRefused(
                command,
                f"该件属于 {shown(e.regime)}，不是 {shown(regime.name)}",
                e.regime,
                expected=repr(regime.name),
                code="command-refused.invalid",
            )
        for name, value, allowed in (
            ("kind", e.kind, regime.kinds),
            ("urgency", e.urgency, regime.urgencies),
        ):
            if value not in allowed:
                hint = did_you_mean(value, allowed)
                raise CommandRefused(
                    command,
                    f"{name}={shown(value)} 不在 {list(allowed)} 之中{hint}",
                    value,
                    expected=f"以下之一：{list(allowed)}",
                    code="command-refused.invalid",
                )
        if e.channel != "*" and e.channel not in regime.channels:
            hint = did_you_mean(e.channel, regime.channels)
            raise CommandRefused(
                command,
                f"channel={shown(e.channel)} 不在 {list(regime.channels)} 之中{hint}",
                e.channel,
                expected=f"以下之一：{list(regime.channels)}",
                code="command-refused.invalid",
            )

    def _check_accept(self, e: ItemAccepted) -> None:
        require_text("accept", "notice", e.notice)
        if self._state is not ItemState.RECEIVED:
            raise CommandRefused("accept", f"该件{self._state.label}，只有已登记的件可以受理")

    def _apply_accept(self, e: ItemAccepted, _: object) -> None:
        self._state = ItemState.ACCEPTED
        if self._regime.start is StartEvent.ACCEPTED:
            self._clock = self._new_clock(e.at)

    def _check_decline(self, e: ItemDeclined) -> None:
        require_text("decline", "reason", e.reason)
        require_text("decline", "notice", e.notice)
        if self._state is not ItemState.RECEIVED:
            raise CommandRefused("decline", f"该件{self._state.label}，只有已登记的件可以不予受理")

    def _apply_decline(self, e: ItemDeclined, _: object) -> None:
        self._state = ItemState.DECLINED
        if self._clock is not None and not self._clock.paused:
            self._clock = self._clock.complete(e.at)

    def _check_assign(self, e: ItemAssigned) -> None:
        command = "assign"
        require_text(command, "unit", e.unit)
        require_text(command, "owner", e.owner)
        allowed = {ItemState.ACCEPTED, ItemState.RETURNED}
        if self._regime.start is not StartEvent.ACCEPTED:
            allowed.add(ItemState.RECEIVED)
        if self._state not in allowed:
            raise CommandRefused(command, f"该件{self._state.label}，不能交办", self._state)
        if not isinstance(e.co_units, tuple) or len(set(e.co_units)) != len(e.co_units):
            raise CommandRefused(
                command,
                f"co_units={shown(e.co_units)} 的类型不对",
                e.co_units,
                expected="不重复的单位编号列表",
                code="command-refused.invalid",
            )
        for unit in e.co_units:
            require_text(command, "co_units", unit)
        if e.unit in e.co_units:
            raise CommandRefused(command, f"主办单位 {shown(e.unit)} 不能同时协办", e.unit)
        if e.co_units and self._regime.co_handling is None:
            raise CommandRefused(command, f"{self._regime.title}未规定协办时限，不能指定协办单位")
        chain = self._chain
        if chain is not None and not chain.organization.has_unit(e.unit):
            raise CommandRefused(
                command,
                f"组织机构中没有单位 {shown(e.unit)}",
                e.unit,
                code="command-refused.unknown",
                english=f"unit {shown(e.unit)} is not a unit of the organisation",
            )

    def _apply_assign(self, e: ItemAssigned, _: object) -> None:
        self._state = ItemState.ASSIGNED
        self._unit, self._owner = e.unit, e.owner
        self._co_pending = e.co_units
        if self._clock is None:
            self._clock = self._new_clock(e.at)

    def _check_return(self, e: ItemReturned) -> None:
        require_text("return_item", "reason", e.reason)
        if self._state is not ItemState.ASSIGNED:
            raise CommandRefused("return_item", f"该件{self._state.label}，只有已交办的件可以退单")
        if e.by != self._owner:
            raise CommandRefused(
                "return_item",
                f"只有承办人 {shown(self._owner)} 可以退单",
                e.by,
                code="command-refused.not-permitted",
            )

    def _apply_return(self, e: ItemReturned, _: object) -> None:
        self._state = ItemState.RETURNED

    def _check_part(self, e: CoPartSubmitted) -> None:
        if e.unit not in self._co_pending:
            raise CommandRefused(
                "submit_part",
                f"{shown(e.unit)} 不是尚未提交意见的协办单位：{list(self._co_pending)}",
            )

    def _apply_part(self, e: CoPartSubmitted, _: object) -> None:
        self._co_pending = tuple(u for u in self._co_pending if u != e.unit)

    def _running(self, command: str) -> Clock:
        if self._clock is None:
            raise CommandRefused(command, f"时限尚未起算（自{self._regime.start.label}起算）")
        if self._state is ItemState.CLOSED:
            raise CommandRefused(command, "该件已办结", code="command-refused.concluded")
        return self._clock

    def _check_pause(self, e: ClockPaused) -> Clock:
        reasons = self._regime.pause_reasons
        if e.reason not in reasons:
            hint = did_you_mean(e.reason, reasons)
            raise CommandRefused(
                "pause",
                f"{self._regime.title}不计入期限的情形为 {list(reasons)}，"
                f"不含 {shown(e.reason)}{hint}",
                e.reason,
                expected=f"以下之一：{list(reasons)}",
                code="command-refused.invalid",
            )
        return self._running("pause").pause(e.at, reason=e.reason)

    def _set_clock(self, _: object, clock: Clock) -> None:
        self._clock = clock

    def _check_resume(self, e: ClockResumed) -> Clock:
        if self._correction:
            raise CommandRefused("resume", "等待补正：收到补正材料后时限重新起算，而非恢复")
        return self._running("resume").resume(e.at)

    def _check_correction(self, e: CorrectionRequested) -> Clock:
        require_text("request_correction", "what", e.what)
        if not self._regime.correction:
            raise CommandRefused("request_correction", f"{self._regime.title}未规定补正")
        if any(isinstance(x, CorrectionRequested) for x in self._log()):
            raise CommandRefused("request_correction", "补正通知只能一次性告知")
        return self._running("request_correction").pause(e.at, reason=_CORRECTION)

    def _apply_correction(self, e: CorrectionRequested, clock: Clock) -> None:
        self._clock = clock
        self._correction = True

    def _check_corrected(self, e: CorrectionReceived) -> Clock:
        if not self._correction:
            raise CommandRefused("receive_correction", "未发补正通知，不能重新起算时限")
        return self._running("receive_correction").resume(e.at).restart(e.at)

    def _apply_corrected(self, e: CorrectionReceived, clock: Clock) -> None:
        self._clock = clock
        self._correction = False

    def _check_extend(self, e: DeadlineExtended) -> Clock:
        command = "extend"
        rule = self._regime.extension
        if rule is None:
            raise CommandRefused(command, f"{self._regime.title}未规定延期")
        require_text(command, "reason", e.reason)
        if not isinstance(e.notified, bool):
            raise CommandRefused(
                command,
                "notified 的类型不对",
                e.notified,
                expected="True 或 False",
                code="command-refused.invalid",
                english="notified 须为 True 或 False",
            )
        if not isinstance(e.post, Post) or e.post not in rule.approvers:
            allowed = "、".join(sorted(p.label for p in rule.approvers))
            raise CommandRefused(
                command,
                f"延期须由{allowed}批准，不是 {shown(e.post)}",
                e.post,
                expected=allowed,
                code="command-refused.not-permitted",
            )
        chain = self._chain
        if chain is not None and not any(
            p.post is e.post for p in chain.organization.postings_of(e.by)
        ):
            raise CommandRefused(
                command,
                f"{shown(e.by)} 不担任{e.post.label}",
                e.by,
                code="command-refused.not-permitted",
            )
        if not isinstance(e.amount, int) or isinstance(e.amount, bool) or e.amount < 1:
            raise CommandRefused(
                command,
                "amount 不是正整数",
                e.amount,
                expected="正整数",
                code="command-refused.invalid",
            )
        used = sum(1 for x in self._log() if isinstance(x, DeadlineExtended))
        if used >= rule.times:
            raise CommandRefused(command, f"延期至多{rule.times}次，已延期{used}次", e.amount)
        if self._extended + e.amount > rule.cap.amount:
            raise CommandRefused(
                command,
                f"延期合计不得超过{rule.cap.label}，已延期{self._extended}{rule.unit.label}",
                e.amount,
            )
        clock = self._running(command)
        deadline = clock.deadline(self._calendar).day
        if local_date(e.at, self._calendar.zone) > deadline:
            raise CommandRefused(
                command,
                f"期限 {deadline} 已过，延期须在期限届满前批准",
                e.at,
                code="command-refused.deadline",
            )
        extension = Extension(
            amount=e.amount, unit=rule.unit, at=e.at, by=e.by, reason=e.reason, notified=e.notified
        )
        return clock.extend(extension)

    def _apply_extend(self, e: DeadlineExtended, clock: Clock) -> None:
        self._clock = clock
        self._extended += e.amount

    def _check_answer(self, e: ItemAnswered) -> None:
        if not isinstance(e.kind, AnswerKind):
            raise CommandRefused(
                "answer",
                "kind 的类型不对",
                e.kind,
                expected="AnswerKind（答复方式）",
                code="command-refused.invalid",
                english="kind must be an AnswerKind",
            )
        require_text("answer", "text", e.text)
        if self._state is ItemState.CLOSED and e.kind is not AnswerKind.DECISION:
            raise CommandRefused("answer", "该件已办结", code="command-refused.concluded")

    def _apply_answer(self, e: ItemAnswered, _: object) -> None:
        self._answers.append(e)

    def _check_verdict(self, e: VerdictGiven) -> None:
        if not isinstance(e.verdict, Verdict):
            raise CommandRefused(
                "give_verdict",
                "verdict 的类型不对",
                e.verdict,
                expected="Verdict（属实、部分属实、不属实）",
                code="command-refused.invalid",
                english="verdict must be a Verdict",
            )
        if self._verdict is not None:
            raise CommandRefused(
                "give_verdict", f"已认定为{self._verdict.label}", code="command-refused.duplicate"
            )

    def _apply_verdict(self, e: VerdictGiven, _: object) -> None:
        self._verdict = e.verdict

    def _check_close(self, e: ItemClosed) -> Clock:
        command = "close"
        clock = self._running(command)
        if self._state is not ItemState.ASSIGNED:
            raise CommandRefused(command, f"该件{self._state.label}，须交办后办结")
        if not any(a.kind is AnswerKind.DECISION for a in self._answers):
            raise CommandRefused(command, "尚未答复处理意见，不能办结")
        if self._co_pending:
            raise CommandRefused(command, f"协办单位 {list(self._co_pending)} 尚未提交意见")
        return clock.complete(e.at)

    def _apply_close(self, e: ItemClosed, clock: Clock) -> None:
        self._clock = clock
        self._state = ItemState.CLOSED
        if self._regime.callback is not None:
            self._callback = Clock(rule=ClockRule(limit=self._regime.callback), started=e.at)

    def _check_callback(self, e: CalledBack) -> Clock:
        if not isinstance(e.satisfied, bool):
            raise CommandRefused(
                "call_back",
                "satisfied 的类型不对",
                e.satisfied,
                expected="True 或 False",
                code="command-refused.invalid",
                english="satisfied 须为 True 或 False",
            )
        if self._callback is None:
            raise CommandRefused("call_back", "该件尚未办结，或所属规范未规定回访")
        if self._callback.done:
            raise CommandRefused("call_back", "已回访", code="command-refused.duplicate")
        return self._callback.complete(e.at)

    def _apply_callback(self, e: CalledBack, clock: Clock) -> None:
        self._callback = clock
        self._satisfied = e.satisfied

    def _check_review(self, e: ReviewRequested) -> Clock:
        command = "request_review"
        if self._state is not ItemState.CLOSED:
            raise CommandRefused(command, "办结后方可申请复查")
        level = len(self._reviews)
        window = self._regime.review if level == 0 else self._regime.re_review
        name = "复查" if level == 0 else "复核"
        if level >= 2 or window is None:
            raise CommandRefused(
                command,
                f"{self._regime.title}未规定{name}" if level < 2 else "复核为终",
                code="command-refused.concluded" if level >= 2 else None,
            )
        if level == 1 and not self._reviews[0].done:
            raise CommandRefused(command, "复查尚未答复")
        since = self._clock.done_at if level == 0 else self._reviews[0].done_at  # type: ignore[union-attr]
        assert since is not None
        request = Clock(rule=ClockRule(limit=window.request), started=since)
        last = request.deadline(self._calendar).day
        if local_date(e.at, self._calendar.zone) > last:
            raise CommandRefused(
                command,
                f"{name}须在{window.request.label}内申请（至 {last}）",
                e.at,
                code="command-refused.deadline",
            )
        return Clock(rule=ClockRule(limit=window.answer), started=e.at)

    def _apply_review(self, e: ReviewRequested, clock: Clock) -> None:
        self._reviews.append(clock)

    def _check_review_answer(self, e: ReviewAnswered) -> Clock:
        if not isinstance(e.overturned, bool):
            raise CommandRefused(
                "answer_review",
                "overturned 的类型不对",
                e.overturned,
                expected="True 或 False",
                code="command-refused.invalid",
                english="overturned 须为 True 或 False",
            )
        if not self._reviews or self._reviews[-1].done:
            raise CommandRefused("answer_review", "没有待答复的复查（复核）申请")
        return self._reviews[-1].complete(e.at)

    def _apply_review_answer(self, e: ReviewAnswered, clock: Clock) -> None:
        self._reviews[-1] = clock


class Handler(NamedTuple):
    """How a work item handles one event type: its command, check and apply."""

    command: str
    check: Callable[[Any, Any], Any]
    apply: Callable[[Any, Any, Any], None]


_W = WorkItem
#: The work item's one dispatch table.
HANDLERS: dict[type, Handler] = {
    ItemAccepted: Handler("accept", _W._check_accept, _W._apply_accept),
    ItemDeclined: Handler("decline", _W._check_decline, _W._apply_decline),
    ItemAssigned: Handler("assign", _W._check_assign, _W._apply_assign),
    ItemReturned: Handler("return_item", _W._check_return, _W._apply_return),
    CoPartSubmitted: Handler("submit_part", _W._check_part, _W._apply_part),
    ClockPaused: Handler("pause", _W._check_pause, _W._set_clock),
    ClockResumed: Handler("resume", _W._check_resume, _W._set_clock),
    CorrectionRequested: Handler("request_correction", _W._check_correction, _W._apply_correction),
    CorrectionReceived: Handler("receive_correction", _W._check_corrected, _W._apply_corrected),
    DeadlineExtended: Handler("extend", _W._check_extend, _W._apply_extend),
    ItemAnswered: Handler("answer", _W._check_answer, _W._apply_answer),
    VerdictGiven: Handler("give_verdict", _W._check_verdict, _W._apply_verdict),
    ItemClosed: Handler("close", _W._check_close, _W._apply_close),
    CalledBack: Handler("call_back", _W._check_callback, _W._apply_callback),
    ReviewRequested: Handler("request_review", _W._check_review, _W._apply_review),
    ReviewAnswered: Handler("answer_review", _W._check_review_answer, _W._apply_review_answer),
}


# ---- the due board: a projection over many items


class DueEntry(NamedTuple):
    """One open obligation on the board: by when, which item, where and whose."""

    due: date
    item: str
    unit: str
    owner: str | None
    provisional: bool


class DueBoard:
    """Open obligations of many work items, for due and overdue lists at province scale.

    A projection: :meth:`track` an item after each command on it; the board keeps one row
    per open main obligation (closed, declined and not-yet-started items are off it, and a
    paused clock is off it while paused: its deadline is not yet known).
    """

    __slots__ = ("_rows",)

    def __init__(self) -> None:
        self._rows: dict[str, DueEntry] = {}

    def track(self, item: WorkItem) -> None:
        """Bring the board up to date with ``item``."""
        clock = item.clock
        if clock is None or clock.done or clock.paused or item.state is ItemState.CLOSED:
            self._rows.pop(item.id, None)
            return
        deadline = clock.deadline(item.calendar)
        self._rows[item.id] = DueEntry(
            deadline.day, item.id, item.unit, item.owner, deadline.provisional
        )

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[DueEntry]:
        return iter(self._rows.values())

    def overdue(self, on: date) -> list[DueEntry]:
        """Open obligations whose deadline passed before ``on``, by deadline and item."""
        found = [row for row in self._rows.values() if row.due < on]
        found.sort()
        return found

    def due_soon(self, on: date, last: date) -> list[DueEntry]:
        """Open obligations due from ``on`` to ``last``, both included."""
        found = [row for row in self._rows.values() if on <= row.due <= last]
        found.sort()
        return found


# ---- facts for rules

#: The facts of one work item, each documented in :func:`obligation_facts`.
ITEM_FACTS = (
    "late_days",
    "late",
    "open_and_late",
    "extensions_used",
    "extended",
    "paused",
    "callback_missed",
    "reviews_overturned",
)
#: The facts of a unit over its work items.
UNIT_FACTS = (
    "items",
    "late_items",
    "max_late_days",
    "open_late_items",
    "extensions_used",
    "callbacks_missed",
    "reviews_overturned",
)


class ObligationFacts(NamedTuple):
    """Facts over many work items on one day: by item and by handling unit."""

    on: date
    items: dict[str, dict[str, int | bool]]
    units: dict[str, dict[str, int | bool]]


def obligation_facts(items: Iterable[WorkItem], on: date) -> ObligationFacts:
    """Lateness and the other facts rules read, as of the end of ``on``.

    Per item: ``late_days`` — how late the main obligation was met, or is on ``on`` while
    open, in its limit's own unit (working days for a working-day limit); ``late`` — whether
    it is above 0; ``open_and_late`` — still open and past its deadline; ``extensions_used``
    and ``extended`` (the amount, in the regime's extension unit); ``paused`` — time not
    counted, in the limit's unit; ``callback_missed`` — the call-back not made by its
    deadline; ``reviews_overturned`` — reviews that changed the decision.

    Per handling unit: ``items``, ``late_items``, ``max_late_days``, ``open_late_items``,
    ``extensions_used``, ``callbacks_missed``, ``reviews_overturned``.  Values are ints and
    bools, ready for a decision table (``unit_extras`` of
    :func:`~xingfeng.campaign_facts`).
    """
    by_item: dict[str, dict[str, int | bool]] = {}
    by_unit: dict[str, dict[str, int | bool]] = {}
    if isinstance(items, str | bytes | Mapping) or not isinstance(items, Iterable):
        raise InvalidArgument(
            "items",
            items,
            "办件（WorkItem）的 list 或 tuple",
            english="a list or tuple of WorkItems",
        )
    require_date("on", on)
    for item in items:
        if not isinstance(item, WorkItem):
            raise CommandRefused(
                "obligation_facts",
                "items 中有不是办件的值",
                item,
                expected="WorkItem（办件）",
                code="command-refused.invalid",
                english="items must be WorkItems",
            )
        calendar = item.calendar
        clock = item.clock
        late = clock.lateness(calendar, on) if clock is not None else 0
        open_late = bool(clock is not None and not clock.done and late > 0)
        callback = item.callback_clock
        missed = bool(callback is not None and callback.lateness(calendar, on) > 0)
        overturned = sum(1 for e in item.events if isinstance(e, ReviewAnswered) and e.overturned)
        extensions = sum(1 for e in item.events if isinstance(e, DeadlineExtended))
        facts: dict[str, int | bool] = {
            "late_days": late,
            "late": late > 0,
            "open_and_late": open_late,
            "extensions_used": extensions,
            "extended": item.extended,
            "paused": clock.paused_units(calendar) if clock is not None else 0,
            "callback_missed": missed,
            "reviews_overturned": overturned,
        }
        by_item[item.id] = facts
        unit = by_unit.setdefault(item.unit, dict.fromkeys(UNIT_FACTS, 0))
        unit["items"] += 1
        unit["late_items"] += late > 0
        unit["max_late_days"] = max(int(unit["max_late_days"]), late)
        unit["open_late_items"] += open_late
        unit["extensions_used"] += extensions
        unit["callbacks_missed"] += missed
        unit["reviews_overturned"] += overturned
    return ObligationFacts(on=on, items=by_item, units=by_unit)


# Work-item events are written with their class name, like the campaign's.
register_tagged_union(
    ItemEvent,
    "event",
    {cls.__name__: cls for cls in ITEM_EVENT_TYPES},
    tag_members=True,
    versioned=True,
)
