"""Regimes as data: the published scheme whose clocks a host's work items run on.

A regime (12345 热线, 信访, 政府信息公开, 人大代表建议, 民主评议 answers …) is configuration,
written as a host writes it (TOML or a mapping) and checked completely when it is built:
item types and urgencies, the limit of every (type, urgency, channel), the event that starts
the clock, extension caps and approvers, the reasons a clock may pause, whether 补正
restarts it, the co-handling, call-back and review windows.  An unknown key, an unknown
type in a limit, a limit written in a way the parser does not know, an approver that is not
a post: each is refused with what would be accepted and the closest spelling.

Limits are written as people write them: ``"5个工作日"``, ``"15日"``, ``"60天"``,
``"24小时"``, ``"3个月"``, ``"当日"``, with ASCII, full-width (``"１５日"``) or Chinese digits
(``"十五日"``, ``"二十个工作日"``).

>>> regime = Regime.from_toml('''
... name = "hotline"
... title = "12345热线（示例）"
... kinds = ["咨询", "投诉"]
... urgencies = ["紧急", "一般"]
... start = "assigned"
... limits = [
...   { urgency = "紧急", limit = "当日" },
...   { kind = "咨询", limit = "1个工作日" },
...   { kind = "投诉", limit = "5个工作日" },
... ]
... ''')
>>> regime.limit_for(kind="投诉", urgency="一般").label
'5个工作日'
>>> regime.limit_for(kind="投诉", urgency="紧急").label
'当日'
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import attrs

from xingfeng._checks import LabelledEnum
from xingfeng.calendar import LimitUnit, TimeLimit, WorkCalendar, add_months
from xingfeng.exceptions import Defect, InvalidArgument, InvalidDefinition, LoadError, shown
from xingfeng.obligations.clock import ClockRule
from xingfeng.organization import Post

__all__ = [
    "ExtensionRule",
    "LimitRule",
    "Regime",
    "ReviewWindow",
    "StartEvent",
    "did_you_mean",
    "parse_limit",
]

ANY = "*"


class StartEvent(LabelledEnum):
    """The event an item's clock starts from."""

    RECEIVED = "received", "收到"
    ACCEPTED = "accepted", "受理"
    ASSIGNED = "assigned", "交办"


# ---- limits as people write them

_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_UNITS = {
    "个工作日": LimitUnit.WORKING_DAYS,
    "工作日": LimitUnit.WORKING_DAYS,
    "日": LimitUnit.CALENDAR_DAYS,
    "天": LimitUnit.CALENDAR_DAYS,
    "小时": LimitUnit.HOURS,
    "个小时": LimitUnit.HOURS,
    "个月": LimitUnit.MONTHS,
    "月": LimitUnit.MONTHS,
}
_D = "[一二三四五六七八九]"
# Chinese numerals 1–999 as they are written, and only those: 五, 两, 十, 十五, 二十, 二十五,
# 百, 一百, 两百, 一百零五 (or 〇), 一百一十, 一百二十五.  一百五 is refused: people say it for
# 150 and write it for 105.
_CHINESE = re.compile(
    rf"^(?:(?P<h>{_D}|两)?百(?:[零〇](?P<hu>{_D})|(?P<ht>{_D})十(?P<htu>{_D})?)?"
    rf"|(?P<t>{_D})?十(?P<tu>{_D})?"
    rf"|(?P<u>{_D}|两))$"
)
_VALUE = {c: i for i, c in enumerate("一二三四五六七八九", start=1)} | {"两": 2}
_LIMIT = re.compile(
    r"^(?P<n>[0-9]+|[零〇一二两三四五六七八九十百]+)\s*"
    r"(?P<unit>个工作日|工作日|个小时|小时|个月|月|日|天)$"
)
_SPELLINGS = "5个工作日、15日、60天、24小时、3个月、当日（数字可用全角或汉字：１５日、十五日）"


def _chinese_number(text: str) -> int | None:
    """一 … 九百九十九 as an int, or ``None`` when ``text`` is not written that way."""
    found = _CHINESE.match(text)
    if found is None:
        return None

    def digit(name: str, default: int = 0) -> int:
        value = found.group(name)
        return _VALUE[value] if value else default

    if "百" in text:
        return digit("h", 1) * 100 + digit("hu") + digit("ht") * 10 + digit("htu")
    if "十" in text:
        return digit("t", 1) * 10 + digit("tu")
    return digit("u")


def parse_limit(text: str) -> TimeLimit:
    """A time limit from the way it is written: ``"5个工作日"``, ``"１５日"``, ``"三个月"``.

    Refused, with the accepted spellings, when it is not one of them: a limit misread is a
    deadline missed.

    >>> parse_limit("２０个工作日").label, parse_limit("三个月").label, parse_limit("当日").label
    ('20个工作日', '3个月', '当日')
    """
    if not isinstance(text, str):
        raise InvalidArgument(
            "limit",
            text,
            f"写成文字的时限，如 {_SPELLINGS}",
            english=f"a limit written as text, e.g. {_SPELLINGS}",
        )
    written = text.strip().translate(_FULL_WIDTH)
    if written in ("当日", "当天", "即时办结", "当日办结"):
        return TimeLimit.same_day()
    found = _LIMIT.match(written)
    if found is not None:
        raw = found.group("n")
        # More digits than any time limit has are refused below, not converted.
        n = (int(raw) if len(raw) <= 9 else None) if raw.isdigit() else _chinese_number(raw)
        if n is not None and n >= 1:
            return TimeLimit(unit=_UNITS[found.group("unit")], amount=n)
    raise InvalidArgument(
        "limit",
        text,
        f"时限的一种写法：{_SPELLINGS}",
        english=f"one of the ways limits are written: {_SPELLINGS}",
    )


# ---- the parts of a regime


@attrs.frozen(kw_only=True)
class LimitRule:
    """The limit for items of ``kind``, ``urgency`` and ``channel`` (``"*"``: any)."""

    limit: TimeLimit
    kind: str = ANY
    urgency: str = ANY
    channel: str = ANY

    def matches(self, kind: str, urgency: str, channel: str) -> bool:
        """Whether the rule covers an item of that type, urgency and channel."""
        return (
            self.kind in (ANY, kind)
            and self.urgency in (ANY, urgency)
            and self.channel in (ANY, channel)
        )


@attrs.frozen(kw_only=True)
class ExtensionRule:
    """How far and how often a deadline may be extended, and who may approve it.

    ``cap`` is the most one item may be extended in all (e.g. 20个工作日), ``times`` how
    many extensions it may have, ``approvers`` the posts that may approve one.
    """

    cap: TimeLimit
    times: int = 1
    approvers: frozenset[Post] = frozenset()

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.cap, TimeLimit) or self.cap.unit is LimitUnit.SAME_DAY:
            raise InvalidArgument(
                "cap",
                self.cap,
                "TimeLimit（时限），如 20个工作日（不能是当日）",
                english="a TimeLimit such as 20个工作日 (not 当日)",
            )
        if not isinstance(self.times, int) or isinstance(self.times, bool) or self.times < 1:
            raise InvalidArgument("times", self.times, "不小于 1 的整数", english="an int >= 1")
        if not isinstance(self.approvers, frozenset) or not all(
            isinstance(p, Post) for p in self.approvers
        ):
            raise InvalidArgument(
                "approvers",
                self.approvers,
                "Post（职务）的 frozenset",
                english="a frozenset of Posts",
            )

    def last_day(self, deadline: date, calendar: WorkCalendar) -> date:
        """The latest day ``deadline`` may be extended to under the cap (in all); a cap in
        hours has no last day and is refused."""
        if self.cap.unit is LimitUnit.HOURS:
            raise InvalidArgument(
                "cap",
                self.cap,
                "以日或月计的上限（延长的是日期）",
                english="a cap in days or months to extend a day to",
            )
        counter = calendar.stand_in()
        if self.cap.unit is LimitUnit.WORKING_DAYS:
            return counter.add_workdays(deadline, self.cap.amount)
        if self.cap.unit is LimitUnit.MONTHS:
            return counter.workday_on_or_after(add_months(deadline, self.cap.amount))
        return counter.workday_on_or_after(deadline + timedelta(days=self.cap.amount))

    @property
    def unit(self) -> LimitUnit:
        """The unit extensions are counted in: the cap's."""
        return self.cap.unit


@attrs.frozen(kw_only=True)
class ReviewWindow:
    """A review (复查) or re-review (复核): requested within ``request`` of the decision it
    reviews, answered within ``answer`` of the request."""

    request: TimeLimit
    answer: TimeLimit


@attrs.frozen(kw_only=True)
class Regime:
    """A published scheme, as data: see the module docstring.  Build it with
    :meth:`from_toml`, :meth:`from_json` or :meth:`from_mapping`, which check everything."""

    name: str
    title: str
    kinds: tuple[str, ...]
    urgencies: tuple[str, ...]
    channels: tuple[str, ...]
    start: StartEvent
    limits: tuple[LimitRule, ...]
    sources: tuple[str, ...] = ()
    extension: ExtensionRule | None = None
    pause_reasons: tuple[str, ...] = ()
    correction: bool = False
    co_handling: TimeLimit | None = None
    callback: TimeLimit | None = None
    review: ReviewWindow | None = None
    re_review: ReviewWindow | None = None
    # Each (kind, urgency, channel)'s clock rule, made once: a regime serves millions of items.
    _rules: dict[tuple[str, str, str], ClockRule] = attrs.field(
        init=False, factory=dict, eq=False, repr=False, hash=False
    )

    # ---- building

    @classmethod
    def from_toml(cls, text: str) -> Regime:
        """A regime from TOML text (the caller reads the file)."""
        if not isinstance(text, str):
            raise InvalidArgument(
                "text", text, "文件的文字内容 str", english="the file's text as a str"
            )
        if len(text) > _MAX_TOML:  # tomllib is written in Python: 700 KB take seconds
            raise LoadError(
                "办理规范", [("$", f"TOML 文件过大（{len(text)} 字符，至多 {_MAX_TOML}）")]
            )
        try:
            data = tomllib.loads(text)
        except (ValueError, RecursionError) as error:  # a decode error, or a number too long
            raise LoadError("办理规范", [("$", f"不是有效的 TOML：{error}")]) from None
        return cls.from_mapping(data)

    @classmethod
    def from_json(cls, text: str) -> Regime:
        """A regime from JSON text."""
        try:
            data = json.loads(text)
        except (ValueError, TypeError, RecursionError) as error:
            raise LoadError("办理规范", [("$", f"不是有效的 JSON：{error}")]) from None
        return cls.from_mapping(data)

    @classmethod
    def from_mapping(cls, data: object) -> Regime:
        """A regime from plain data, every defect listed at once
        (:class:`~xingfeng.InvalidDefinition`)."""
        return _Builder(data).build()

    # ---- reading

    def clock_rule(self, kind: str, urgency: str, channel: str = ANY) -> ClockRule:
        """The :class:`~xingfeng.ClockRule` of an item's limit (see :meth:`limit_for`)."""
        key = (kind, urgency, channel)
        rule = self._rules.get(key)
        if rule is None:
            rule = ClockRule(limit=self.limit_for(kind=kind, urgency=urgency, channel=channel))
            self._rules[key] = rule
        return rule

    def limit_for(self, *, kind: str, urgency: str | None = None, channel: str = ANY) -> TimeLimit:
        """The limit of an item: the first rule that covers its type, urgency and channel.

        Refuses a type, urgency or channel the regime does not know, with the known ones.
        """
        urgency = self.urgencies[-1] if urgency is None else urgency
        _known("kind", kind, self.kinds)
        _known("urgency", urgency, self.urgencies)
        if channel != ANY:
            _known("channel", channel, self.channels)
        for rule in self.limits:
            if rule.matches(kind, urgency, channel):
                return rule.limit
        raise InvalidArgument(  # pragma: no cover - coverage is checked when built
            "kind",
            kind,
            "某条时限所涵盖的类型、紧急程度和渠道",
            english="a type, urgency and channel some limit covers",
        )


def did_you_mean(value: object, allowed: tuple[str, ...] | list[str]) -> str:
    """``"（是否要写 'x'？）"`` for the closest allowed spelling, or nothing."""
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, list(allowed), n=1, cutoff=0.5)
    return f"（是否要写 {shown(close[0])}？）" if close else ""


def _known(name: str, value: object, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise InvalidArgument(
            name,
            value,
            f"以下之一：{list(allowed)}{did_you_mean(value, allowed)}",
            english=f"one of {list(allowed)}{did_you_mean(value, allowed)}",
        )


_KEYS = {
    "name",
    "title",
    "sources",
    "kinds",
    "urgencies",
    "channels",
    "start",
    "limits",
    "extension",
    "pause_reasons",
    "correction",
    "co_handling",
    "callback",
    "review",
    "re_review",
}
_LIMIT_KEYS = {"kind", "urgency", "channel", "limit"}
_EXTENSION_KEYS = {"cap", "times", "approvers"}
_REVIEW_KEYS = {"request", "answer"}
_POSTS = {p.value: p for p in Post} | {p.label: p for p in Post}


#: A regime's defects listed at most: enough for one round of corrections.
_MOST_DEFECTS = 50
#: The longest TOML text read, in characters: a regime is a few kilobytes.
_MAX_TOML = 200_000


class _Builder:
    """Reads a regime's plain data, collecting every defect before refusing."""

    def __init__(self, data: object) -> None:
        self.data = data
        self.defects: list[Defect] = []

    def fail(self, message: str, *values: object, english: str | None = None) -> None:
        if len(self.defects) > _MOST_DEFECTS:
            return
        self.defects.append(Defect(message, values, english=english))

    def keys(self, where: str, table: object, allowed: set[str]) -> dict[str, Any]:
        if not isinstance(table, Mapping):
            self.fail(
                f"{where} 须为键值表，而不是 {shown(table)}",
                table,
                english=f"{where} must be a table of keys, not {shown(table)}",
            )
            return {}
        unknown = [key for key in table if key not in allowed]
        # Twenty are enough to correct; fifty thousand stray keys took 1.5 s to explain.
        for key in unknown[:20]:
            hint = did_you_mean(key, sorted(allowed))
            self.fail(
                f"{where}：不认识的键 {shown(key)}；可用的键：{sorted(allowed)}{hint}",
                key,
                english=f"{where}: unknown key {shown(key)}; allowed: {sorted(allowed)}{hint}",
            )
        if len(unknown) > 20:
            self.fail(
                f"{where}：另有 {len(unknown) - 20} 个不认识的键",
                len(unknown) - 20,
                english=f"{where}: {len(unknown) - 20} more unknown keys",
            )
        return dict(table)

    def texts(self, where: str, value: object, *, empty: bool = True) -> tuple[str, ...]:
        if not isinstance(value, list | tuple) or not all(
            isinstance(v, str) and v.strip() for v in value
        ):
            self.fail(
                f"{where} 须为非空文字的列表，而不是 {shown(value)}",
                value,
                english=f"{where} must be a list of non-empty texts, not {shown(value)}",
            )
            return ()
        if len(set(value)) != len(value):
            self.fail(
                f"{where} 有重复的项：{list(value)}",
                value,
                english=f"{where} names an item twice: {list(value)}",
            )
        if not value and not empty:
            self.fail(f"{where} 至少列出一项", value, english=f"{where} must name at least one")
        return tuple(value)

    def text(self, where: str, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(
                f"{where} 须为非空文字，而不是 {shown(value)}",
                value,
                english=f"{where} must be a non-empty text, not {shown(value)}",
            )
            return "?"
        return value

    def limit(self, where: str, value: object) -> TimeLimit | None:
        try:
            return parse_limit(value)  # type: ignore[arg-type]  # refused by name below
        except InvalidArgument as error:
            self.fail(f"{where}：{error.message}", value, english=f"{where}: {error}")
            return None

    def pick(self, where: str, value: object, allowed: tuple[str, ...]) -> str:
        if value == ANY or value in allowed:
            return value
        hint = did_you_mean(value, allowed)
        self.fail(
            f"{where}：{shown(value)} 不是 {list(allowed)} 之一，也不是 '*'{hint}",
            value,
            english=f"{where}: {shown(value)} is not one of {list(allowed)} or '*'{hint}",
        )
        return ANY

    def build(self) -> Regime:
        data = self.keys("regime", self.data, _KEYS)
        for required in ("name", "title", "kinds", "start", "limits"):
            if required not in data and isinstance(self.data, Mapping):
                self.fail(
                    f"regime：缺少必填的 {shown(required)}",
                    required,
                    english=f"regime: {shown(required)} is required",
                )
        name = self.text("name", data.get("name", "?"))
        title = self.text("title", data.get("title", "?"))
        kinds = self.texts("kinds", data.get("kinds", []), empty=False)
        urgencies = self.texts("urgencies", data.get("urgencies", ["一般"]), empty=False)
        channels = self.texts("channels", data.get("channels", []))
        start_text = data.get("start", "received")
        starts = {e.value: e for e in StartEvent} | {e.label: e for e in StartEvent}
        start = starts.get(start_text) if isinstance(start_text, str) else None
        if start is None:
            hint = did_you_mean(start_text, sorted(starts))
            self.fail(
                f"start：{shown(start_text)} 不是 {sorted(starts)} 之一{hint}",
                start_text,
                english=f"start: {shown(start_text)} is not one of {sorted(starts)}{hint}",
            )
        limits = []
        raw_limits = data.get("limits", [])
        if not isinstance(raw_limits, list):
            self.fail(
                f"limits 须为表的列表，而不是 {shown(raw_limits)}",
                raw_limits,
                english=f"limits must be a list of tables, not {shown(raw_limits)}",
            )
            raw_limits = []
        for index, raw in enumerate(raw_limits):
            if len(self.defects) >= _MOST_DEFECTS:
                # Enough to correct: 200,000 bad rows took three seconds to explain.
                self.fail(
                    f"limits：另有 {len(raw_limits) - index} 行未检查（错误已过多）",
                    english=f"limits: {len(raw_limits) - index} more rows not checked",
                )
                break
            where = f"limits[{index}]"
            row = self.keys(where, raw, _LIMIT_KEYS)
            limit = self.limit(f"{where}.limit", row.get("limit"))
            rule = LimitRule(
                limit=limit or TimeLimit.same_day(),
                kind=self.pick(f"{where}.kind", row.get("kind", ANY), kinds),
                urgency=self.pick(f"{where}.urgency", row.get("urgency", ANY), urgencies),
                channel=self.pick(f"{where}.channel", row.get("channel", ANY), channels),
            )
            limits.append(rule)
        for kind in kinds:
            for urgency in urgencies:
                for channel in (*channels, ANY):
                    if not any(r.matches(kind, urgency, channel) for r in limits):
                        self.fail(
                            f"limits：没有时限涵盖类型 {shown(kind)}、紧急程度 {shown(urgency)}"
                            + (f"、渠道 {shown(channel)} " if channel != ANY else "、任意渠道")
                            + "的件",
                            kind,
                            english=(
                                f"limits: no limit covers an item of kind {shown(kind)}, urgency "
                                f"{shown(urgency)}"
                                + (
                                    f", channel {shown(channel)}"
                                    if channel != ANY
                                    else ", any channel"
                                )
                            ),
                        )
        extension = self.extension(data.get("extension"))
        reasons = self.texts("pause_reasons", data.get("pause_reasons", []))
        correction = data.get("correction", False)
        if not isinstance(correction, bool):
            self.fail(
                f"correction 须为 true 或 false，而不是 {shown(correction)}",
                correction,
                english=f"correction must be true or false, not {shown(correction)}",
            )
        optional = {
            key: self.limit(key, data[key]) if key in data else None
            for key in ("co_handling", "callback")
        }
        reviews = {key: self.review(key, data.get(key)) for key in ("review", "re_review")}
        if reviews["re_review"] is not None and reviews["review"] is None:
            self.fail(
                "有复核（re_review）须先有复查（review）",
                "re_review",
                english="re_review (复核) needs a review (复查) before it",
            )
        sources = self.texts("sources", data.get("sources", []))
        if self.defects:
            raise InvalidDefinition(
                f"办理规范 {shown(name)}", self.defects, english=f"regime {shown(name)}"
            )
        assert start is not None
        return Regime(
            name=name,
            title=title,
            sources=sources,
            kinds=kinds,
            urgencies=urgencies,
            channels=channels,
            start=start,
            limits=tuple(limits),
            extension=extension,
            pause_reasons=reasons,
            correction=bool(correction),
            co_handling=optional["co_handling"],
            callback=optional["callback"],
            review=reviews["review"],
            re_review=reviews["re_review"],
        )

    def extension(self, raw: object) -> ExtensionRule | None:
        if raw is None:
            return None
        row = self.keys("extension", raw, _EXTENSION_KEYS)
        cap = self.limit("extension.cap", row.get("cap"))
        if cap is not None and cap.unit is LimitUnit.SAME_DAY:
            self.fail(
                "extension.cap 须为一段时间，不能是当日",
                cap.label,
                english="extension.cap must be an amount of time, not 当日",
            )
        times = row.get("times", 1)
        if not isinstance(times, int) or isinstance(times, bool) or times < 1:
            self.fail(
                f"extension.times 须为不小于 1 的整数，而不是 {shown(times)}",
                times,
                english=f"extension.times must be an int >= 1, not {shown(times)}",
            )
        approvers = []
        raw_approvers = row.get("approvers", [])
        for spelling in self.texts("extension.approvers", raw_approvers, empty=False):
            post = _POSTS.get(spelling)
            if post is None:
                hint = did_you_mean(spelling, sorted(_POSTS))
                self.fail(
                    f"extension.approvers：{shown(spelling)} 不是职务；"
                    f"可用的有：{sorted(_POSTS)}{hint}",
                    spelling,
                    english=(
                        f"extension.approvers: {shown(spelling)} is not a post; allowed: "
                        f"{sorted(_POSTS)}{hint}"
                    ),
                )
            else:
                approvers.append(post)
        if cap is None or self.defects:
            return None
        return ExtensionRule(cap=cap, times=times, approvers=frozenset(approvers))

    def review(self, where: str, raw: object) -> ReviewWindow | None:
        if raw is None:
            return None
        row = self.keys(where, raw, _REVIEW_KEYS)
        request = self.limit(f"{where}.request", row.get("request"))
        answer = self.limit(f"{where}.answer", row.get("answer"))
        if request is None or answer is None:
            return None
        return ReviewWindow(request=request, answer=answer)
