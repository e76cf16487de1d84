"""Every error xingfeng raises, each with a stable code.

All of them derive from :class:`XingfengError`, so a host application can catch the
library's refusals with one ``except`` clause, and each also subclasses the builtin that
fits it (``ValueError``, ``LookupError``), so generic handlers keep working.

Every error carries:

- ``code``: a stable code from :data:`CODES` (``"invalid-argument"``,
  ``"command-refused.concluded"`` …) for a host to branch on; a dotted code is a more
  specific case of the code before the dot;
- ``value``: the offending value, and ``expected``: what would have been accepted, in
  Chinese (``""`` only where nothing would be);
- a Chinese message, ``str(error)``, that starts with the code in brackets:
  ``[command-refused.concluded] …``;
- ``english``: the message in English for developers, or ``None`` where there is none.

See :doc:`/errors` for the table of codes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from types import MappingProxyType

import attrs

__all__ = [
    "CODES",
    "CalendarCoverageError",
    "CommandRefused",
    "ConcurrencyConflict",
    "Defect",
    "GateFailure",
    "GateNotMet",
    "InvalidArgument",
    "InvalidDefinition",
    "LoadError",
    "MissingExtra",
    "StoreError",
    "TransitionRefused",
    "UnknownReference",
    "XingfengError",
]

#: Every code an error may carry, with what it means in Chinese.  A code a raise site names
#: must be here (and be the class's own code or a dotted case of it), or raising fails.
CODES: Mapping[str, str] = MappingProxyType(
    {
        "error": "本库全部错误的根类（XingfengError），不单独引发；捕获它即捕获本库的全部错误",
        "invalid-argument": "参数不被接受：类型或取值不合要求",
        "invalid-argument.naive-datetime": "时刻没有时区（naive datetime）：须带时区",
        "invalid-argument.inexact-number": "数不精确（如浮点数）：须为整数、Decimal 或 Fraction",
        "tie-at-quota": "名额线落在并列的一组之中，又未规定并列的处理办法",
        "invalid-definition": "结构（日历、方案、组织、责任链、决策表等）自相矛盾，列出全部问题",
        "calendar-coverage": "日期所在年份的节假日安排不在日历之中",
        "load": "数据（JSON、TOML）无法读取，列出每处出错的位置",
        "unknown-reference": "编号（id）不指向任何已知的对象",
        "unknown-reference.unit": "没有这个单位",
        "unknown-reference.person": "没有这个人员",
        "unknown-reference.holder": "责任链上没有这个责任人",
        "command-refused": "命令现在不被接受，未记录、未改变任何内容",
        "command-refused.invalid": "命令的参数不合要求（类型或取值不对）",
        "command-refused.concluded": "评议活动已结束或办件已终结，不再接受命令",
        "command-refused.time-order": "时刻早于上一次记录：记录只能按时间向前",
        "command-refused.no-post": "办理人或负责人在责任链上不担任职务",
        "command-refused.unknown": "命令所指的问题、措施、意见或单位不存在",
        "command-refused.duplicate": "编号已被使用，或同一事项已经办理过",
        "command-refused.not-permitted": "办理人无权办理此事（如延期只能由上级批准）",
        "command-refused.deadline": "期限已过，此事须在期限届满前办理",
        "command-refused.stage": "不是当前阶段，或不合阶段的次序、时间窗口",
        "transition-refused": "问题不能由当前状态转入所要求的状态",
        "gate-not-met": "转段条件未满足，列出每一项未满足的条件及其事项",
        "missing-extra": "所需的可选依赖包未安装",
        "store": "事件存储的错误（具体情形见 store.* 各代码）",
        "store.url": "存储地址不合要求",
        "store.corrupt": "存储中的事件无法读取或重演",
        "store.unknown-event": "存储中有本版本不认识的事件类型",
        "store.newer-version": "事件由更新版本的 xingfeng 写入，本版本无法读取",
        "store.wrong-aggregate": "流中的事件不属于所要读取的对象（评议活动或办件）",
        "store.gap": "流中的事件版本不连续",
        "store.expected": "预期版本（expected_version）不合要求",
        "store.stream": "流编号不合要求，或流中没有事件",
        "store.events": "要写入的事件不合要求",
        "store.tampered": "事件或快照未通过防篡改校验（加封不符、缺失或密钥不对）",
        "store.sealed": "库中的事件已加封，打开存储时须提供密钥（Seal）",
        "store.unavailable": "无法连接或读写数据库（地址、权限、网络或数据库服务的状态）",
        "store.closed": "存储已关闭，不能再读写",
        "store.conflict": "并发冲突：流已被他人更新，须重新读取后再办理",
    }
)


def _is_wide(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"  # CJK ideographs, not full-width punctuation


def spaced(*parts: str) -> str:
    """The parts joined, with a space where Chinese meets a Latin letter, digit or quote.

    ``spaced("应为", "WorkCalendar")`` is ``"应为 WorkCalendar"``; ``spaced("应为", "非空文字")``
    is ``"应为非空文字"``.
    """
    text = ""
    for part in parts:
        if text and part:
            left, right = text[-1], part[0]
            latin_left = left.isascii() and (left.isalnum() or left in "'\")]}")
            latin_right = right.isascii() and (right.isalnum() or right in "'\"([{")
            if (_is_wide(left) and latin_right) or (latin_left and _is_wide(right)):
                text += " "
        text += part
    return text


def shown(value: object, most: int = 200) -> str:
    """``repr(value)`` for a message: cut short after ``most`` characters, and never failing
    (a huge int or a broken ``__repr__`` still gives a message)."""
    return _cut(repr, value, most)


def shown_str(value: object, most: int = 200) -> str:
    """``str(value)`` for a message (a number as people write it, ``1/3`` not
    ``Fraction(1, 3)``): cut short after ``most`` characters, and never failing."""
    return _cut(str, value, most)


def _cut(render: Callable[[object], str], value: object, most: int) -> str:
    try:
        text = render(value)
    except Exception as error:  # repr may raise anything; the refusal must still be made
        if isinstance(value, int) and abs(value).bit_length() > 14000:  # past str()'s limit
            text = f"<约 {abs(value).bit_length() * 30103 // 100000 + 1} 位的整数>"
        else:
            text = f"<{type(value).__name__}，repr 出错：{type(error).__name__}>"
    return text if len(text) <= most else text[: most - 1] + "…"


def _registered(kind: type[XingfengError], code: str | None) -> str:
    """``code``, or the class's own when ``None``; refuses a code not in :data:`CODES`."""
    own = kind.code
    chosen = own if code is None else code
    if chosen not in CODES or not (chosen == own or chosen.startswith(own + ".")):
        raise ValueError(
            f"错误代码 {chosen!r} 未登记或不属于 {kind.__name__}（{own!r}）："
            "须先在 xingfeng.exceptions.CODES 中登记"
        )
    return chosen


class XingfengError(Exception):
    """Root of every error raised by xingfeng.

    ``code`` (the class's own code, or a more specific one given where it is raised),
    ``message`` (the Chinese message without the code), ``value`` (the offending value),
    ``expected`` (what would be accepted, in Chinese) and ``english`` (the message in
    English, or ``None``) are set on every instance.
    """

    #: The code of this class; an instance may carry a more specific one (``code.x``).
    code: str = "error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        value: object = None,
        expected: str = "",
        english: str | None = None,
    ) -> None:
        self.code = _registered(type(self), code)
        self.message = message
        self.value = value
        self.expected = expected
        self.english = english
        super().__init__(f"[{self.code}] {message}")


class InvalidArgument(XingfengError, ValueError):
    """A function was given a value it cannot work with.

    ``name`` is the parameter, ``value`` what was passed and ``expected`` what would be
    accepted, in Chinese; ``english``, where given, is ``expected`` in English.
    """

    code = "invalid-argument"

    def __init__(
        self,
        name: str,
        value: object,
        expected: str,
        *,
        code: str | None = None,
        english: str | None = None,
    ) -> None:
        self.name = name
        super().__init__(
            spaced(f"{name}={shown(value)} 不被接受：应为", expected),
            code=code if code is not None else _specific(value, expected),
            value=value,
            expected=expected,
            english=(
                None
                if english is None
                else f"{name}={shown(value)} is not accepted: expected {english}"
            ),
        )


def _specific(value: object, expected: str) -> str | None:
    """The specific code of two common slips: a naive datetime where a moment in a zone is
    expected, and a float where an exact number is."""
    if isinstance(value, datetime) and value.utcoffset() is None and "时区" in expected:
        return "invalid-argument.naive-datetime"
    if isinstance(value, float) and "精确" in expected:
        return "invalid-argument.inexact-number"
    return None


@attrs.frozen
class Defect:
    """One thing wrong with a definition: what is wrong (in Chinese), and the values involved.

    ``english`` is the message in English, where there is one.
    """

    message: str
    involved: tuple[object, ...] = ()
    english: str | None = attrs.field(default=None, eq=False, kw_only=True)

    def __str__(self) -> str:
        return self.message


class InvalidDefinition(XingfengError, ValueError):
    """A structure (a calendar, a chain, a plan) is inconsistent.

    Raised when the structure is built, never later.  ``defects`` lists *every* problem
    found, not just the first, so one correction round fixes them all.  ``what`` names the
    structure in Chinese (``english``, where given, in English); ``value`` holds the values
    the defects involve.
    """

    code = "invalid-definition"

    def __init__(
        self,
        what: str,
        defects: Iterable[Defect | str],
        *,
        code: str | None = None,
        expected: str | None = None,
        english: str | None = None,
    ) -> None:
        self.what = what
        self.defects = tuple(d if isinstance(d, Defect) else Defect(d) for d in defects)
        if not self.defects:
            raise ValueError("InvalidDefinition 至少要列出一处问题（Defect）")
        count = len(self.defects)
        lines = "\n".join(f"  - {d}" for d in self.defects)
        in_english = None
        if english is not None or any(d.english for d in self.defects):
            named = english if english is not None else what
            english_lines = "\n".join(f"  - {d.english or d.message}" for d in self.defects)
            in_english = (
                f"invalid {named} ({count} defect{'s' if count > 1 else ''}):\n{english_lines}"
            )
        super().__init__(
            spaced(what, f"定义有误（{count} 处）：\n{lines}"),
            code=code,
            value=tuple(v for d in self.defects for v in d.involved),
            expected=expected if expected is not None else f"逐条改正上列问题后的{what}",
            english=in_english,
        )


class CalendarCoverageError(XingfengError, LookupError):
    """A date falls in a year whose holidays and make-up workdays the calendar does not know.

    ``year`` is the missing year and ``covered`` the years the calendar knows.  Extend the
    calendar with that year's schedule (:meth:`xingfeng.WorkCalendar.extended`) or, if
    Monday-to-Friday is good enough outside the known years, build it with
    ``outside=OutsidePolicy.WEEKDAYS``.
    """

    code = "calendar-coverage"

    def __init__(self, year: int, covered: range, calendar: str) -> None:
        self.year = year
        self.covered = covered
        self.calendar = calendar
        known = f"{covered.start}–{covered.stop - 1}" if covered else "no year"
        held = (
            f"只有 {covered.start}–{covered.stop - 1} 年的安排" if covered else "没有任何年份的安排"
        )
        within = f"{covered.start}–{covered.stop - 1} 年内的日期，" if covered else ""
        super().__init__(
            f"日历 {shown(calendar)} 没有 {year} 年的节假日安排（{held}）：请用 "
            f"WorkCalendar.extended(...) 补入 {year} 年的安排，或以 "
            "outside=OutsidePolicy.WEEKDAYS 把未知年份按周一至周五上班计算",
            value=year,
            expected=f"{within}或补入 {year} 年安排的日历",
            english=(
                f"calendar {shown(calendar)} does not know the holidays of {year} (it covers "
                f"{known}); add the {year} schedule with WorkCalendar.extended(...), or choose "
                "outside=OutsidePolicy.WEEKDAYS to treat unknown years as Monday-to-Friday"
            ),
        )


class LoadError(XingfengError, ValueError):
    """Serialized data could not be loaded.

    ``errors`` pairs each JSON path (``$.holidays[2].first``) with what was wrong there.
    ``type_name`` names what was being loaded (a class name, or its Chinese name).
    """

    code = "load"

    def __init__(
        self, type_name: str, errors: Iterable[tuple[str, str]], *, code: str | None = None
    ) -> None:
        self.type_name = type_name
        # A reason that is a xingfeng error's text (an attrs validator refusing a field) keeps
        # its code out: the list reads as one refusal, and the load error has its own code.
        self.errors = tuple((path, _without_code(reason)) for path, reason in errors)
        lines = "\n".join(f"  - {path}：{reason}" for path, reason in self.errors)
        english_lines = "\n".join(f"  - {path}: {reason}" for path, reason in self.errors)
        super().__init__(
            spaced("无法读取", type_name, f"：\n{lines}"),
            code=code,
            value=tuple(path for path, _ in self.errors),
            expected=spaced("各处均合乎", type_name, "格式的数据"),
            english=f"cannot load {type_name}:\n{english_lines}",
        )


def _without_code(reason: str) -> str:
    code, bracket, rest = reason.partition("] ")
    return rest if bracket and code.startswith("[") and code[1:] in CODES else reason


#: What an :class:`UnknownReference` looked for, in Chinese.
_KINDS = {
    "unit": "单位",
    "person": "人员",
    "holder": "责任人",
    "holder or unit": "责任人或单位",
    "stage": "阶段",
    "period": "期次",
    "target": "测评对象",
    "grade": "等次",
    "category": "问题类别",
    "item": "归类事项",
    "opinion": "意见",
    "measure": "整改措施",
    "duty": "责任事项",
}


class UnknownReference(XingfengError, LookupError):
    """An id names nothing the structure knows.

    ``kind`` is what was looked for (``"unit"``, ``"holder"``), ``value`` the id given and
    ``known`` a few of the ids that would have been accepted.  The code is
    ``unknown-reference.<kind>`` where that is registered (unit, person, holder).
    """

    code = "unknown-reference"

    def __init__(
        self, kind: str, value: object, known: Iterable[str], *, code: str | None = None
    ) -> None:
        self.kind = kind
        self.known = tuple(known)
        specific = f"{UnknownReference.code}.{kind}"
        label = _KINDS.get(kind, kind)
        sample = "、".join(repr(k) for k in self.known[:5])
        more = f" 等 {len(self.known)} 个" if len(self.known) > 5 else ""
        accepted = (
            f"以下之一：{sample}{more}" if self.known else f"已定义的{label}（现在一个也没有）"
        )
        english_sample = ", ".join(repr(k) for k in self.known[:5])
        english_more = f" and {len(self.known) - 5} more" if len(self.known) > 5 else ""
        english_accepted = (
            f"one of {english_sample}{english_more}" if self.known else f"no {kind} is defined"
        )
        super().__init__(
            spaced(f"没有{label}", f"{shown(value)}：应为", accepted),
            code=code if code is not None else (specific if specific in CODES else None),
            value=value,
            expected=accepted,
            english=f"unknown {kind} {shown(value)}: expected {english_accepted}",
        )


class CommandRefused(XingfengError, ValueError):
    """A command is not allowed in the current state; nothing was recorded or changed.

    ``command`` names the command, ``reason`` says what is wrong (in Chinese), ``value`` is
    the offending value and ``expected`` what would be accepted; ``english``, where given,
    is ``reason`` in English.  A more specific ``code`` (``command-refused.concluded`` …)
    says which kind of refusal it is.
    """

    code = "command-refused"

    def __init__(
        self,
        command: str,
        reason: str,
        value: object = None,
        *,
        expected: str = "",
        code: str | None = None,
        english: str | None = None,
    ) -> None:
        self.command = command
        self.reason = reason
        tail = spaced("；应为", expected) if expected else ""
        super().__init__(
            spaced(command, f"被拒绝：{reason}{tail}"),
            code=code,
            value=value,
            expected=expected,
            english=None if english is None else f"{command} refused: {english}",
        )


@attrs.frozen
class GateFailure:
    """A gate that does not hold, with the items that fail it.

    ``gate`` is the gate's name; ``label``, where the gate has one, its Chinese name, which
    the message shows instead.
    """

    gate: str
    items: tuple[str, ...]
    label: str = ""

    def __str__(self) -> str:
        shown = "、".join(self.items[:10]) + (" 等" if len(self.items) > 10 else "")
        return f"{self.label or self.gate}：{len(self.items)} 项未满足（{shown}）"


class GateNotMet(XingfengError, ValueError):
    """A stage cannot close: ``unmet`` lists every failing gate with its items.

    ``stage`` is the stage's key and ``stage_name``, where given, its name, which the
    message shows.
    """

    code = "gate-not-met"

    def __init__(
        self,
        stage: str,
        on: date,
        unmet: Sequence[GateFailure],
        *,
        stage_name: str | None = None,
    ) -> None:
        self.stage = stage
        self.on = on
        self.unmet = tuple(unmet)
        lines = "\n".join(f"  - {failure}" for failure in self.unmet)
        english_lines = "\n".join(
            f"  - {f.gate}: {len(f.items)} failing ({', '.join(f.items[:10])}"
            f"{' …' if len(f.items) > 10 else ''})"
            for f in self.unmet
        )
        named = f"“{stage_name}”阶段" if stage_name else f"阶段 {shown(stage)} "
        super().__init__(
            f"{named}于 {on} 不能转段，以下转段条件未满足：\n{lines}",
            value=stage,
            expected="所列转段条件全部满足后再转段",
            english=f"stage {shown(stage)} cannot close on {on}:\n{english_lines}",
        )


class TransitionRefused(CommandRefused):
    """A problem cannot move from its ``current`` state to the ``requested`` one.

    Nothing was recorded.  ``problem`` is the problem's id; both states are
    :class:`~xingfeng.ProblemState` members; ``detail`` says what else stands in the way;
    ``allowed``, where given, the states from which ``requested`` can be reached.
    """

    code = "transition-refused"

    def __init__(
        self,
        command: str,
        problem: str,
        current: object,
        requested: object,
        detail: str = "",
        *,
        allowed: Iterable[object] = (),
    ) -> None:
        self.problem = problem
        self.current = current
        self.requested = requested
        name = getattr(current, "value", current)
        wanted = getattr(requested, "value", requested)
        label = getattr(current, "label", name)
        shown_wanted = getattr(requested, "label", wanted)
        # In the order the states are defined (a set's order changes from run to run).
        ordered = sorted(allowed, key=lambda s: (getattr(s, "_sort_order_", 0), str(s)))
        sources = "、".join(f"“{getattr(s, 'label', s)}”" for s in ordered)
        more = f"（{detail}）" if detail else ""
        super().__init__(
            command,
            f"问题 {shown(problem)} 现为“{label}”，不能由此转为“{shown_wanted}”{more}",
            problem,
            expected=f"处于{sources}状态的问题" if sources else "",
            english=f"problem {shown(problem)} is {name}; it cannot become {wanted} from there",
        )


class MissingExtra(XingfengError, ImportError):
    """A feature needs an optional package that is not installed.

    ``feature`` names what was asked for, ``extra`` the xingfeng extra that installs the
    package and ``package`` the package itself (also ``name``, as on any
    :class:`ImportError`).
    """

    code = "missing-extra"

    def __init__(self, feature: str, *, extra: str, package: str) -> None:
        self.feature = feature
        self.extra = extra
        self.package = package
        install = f"pip install 'xingfeng[{extra}]'"
        super().__init__(
            spaced(feature, f"需要 {package}，但它未安装：请运行 {install}"),
            value=package,
            expected=f"已安装 {package}（{install}）",
            english=f"{feature} needs {package}, which is not installed: {install}",
        )
        self.name = package


class ConcurrencyConflict(XingfengError, RuntimeError):
    """An append expected a stream at one version and found it at another; nothing was
    written.  Load the stream again, redo the command, and save with the new version.

    ``stream`` is the stream's id, ``expected`` the version the append named (unlike other
    errors, an ``int``; it is also ``value``) and ``actual`` the version the store holds.
    """

    code = "store.conflict"

    def __init__(self, stream: str, expected: int, actual: int) -> None:
        self.stream = stream
        self.actual = actual
        super().__init__(
            f"流 {shown(stream)} 现为第 {actual} 版，本次写入基于第 {expected} 版："
            "请重新读取后再办理",
            value=expected,
            english=(
                f"stream {shown(stream)} is at version {actual}, the append expected version "
                f"{expected}: load it again and redo the command"
            ),
        )
        # The store's word: the version the append expected, as stores name it.
        self.expected = expected  # type: ignore[assignment]


class StoreError(XingfengError, ValueError):
    """A store refused a request or met stored data it cannot read; nothing was written
    (except for ``store.unavailable`` on a write whose commit failed: its message says the
    outcome is unknown, and the stream's version tells).

    ``code`` says which (``store.url``, ``store.corrupt``, ``store.unknown-event``,
    ``store.newer-version``, ``store.wrong-aggregate``, ``store.gap``, ``store.expected``,
    ``store.stream``, ``store.events``, ``store.tampered``, ``store.sealed``,
    ``store.unavailable``, ``store.closed``), ``stream`` and ``position`` (1-based, ``None``
    when not about one event) where, ``value`` the offending value and ``expected`` what
    would be accepted.
    """

    code = "store"

    CODES = (
        "store.url",
        "store.corrupt",
        "store.unknown-event",
        "store.newer-version",
        "store.wrong-aggregate",
        "store.gap",
        "store.expected",
        "store.stream",
        "store.events",
        "store.tampered",
        "store.sealed",
        "store.unavailable",
        "store.closed",
    )

    def __init__(
        self,
        code: str,
        message: str,
        *,
        stream: str | None = None,
        position: int | None = None,
        value: object = None,
        expected: str = "",
    ) -> None:
        if code not in self.CODES:
            raise ValueError(f"未登记的存储错误代码 {code!r}")
        self.stream = stream
        self.position = position
        where = ""
        if stream is not None:
            where = f"流 {shown(stream)}" + (
                f" 第 {position} 个事件" if position is not None else ""
            )
            where += "："
        tail = f"（应为：{expected}）" if expected else ""
        super().__init__(f"{where}{message}{tail}", code=code, value=value, expected=expected)
