"""Every error xingfeng raises.

All of them derive from :class:`XingfengError`, so a host application can catch the
library's refusals with one ``except`` clause, and each also subclasses the builtin that
fits it (``ValueError``, ``LookupError``), so generic handlers keep working.  Every error
carries the offending value and says what would have been accepted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import attrs

__all__ = [
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


class XingfengError(Exception):
    """Root of every error raised by xingfeng."""


class InvalidArgument(XingfengError, ValueError):
    """A function was given a value it cannot work with.

    ``name`` is the parameter, ``value`` what was passed and ``expected`` what would be
    accepted.
    """

    def __init__(self, name: str, value: object, expected: str) -> None:
        self.name = name
        self.value = value
        self.expected = expected
        super().__init__(f"{name}={value!r} is not accepted: expected {expected}")


@attrs.frozen
class Defect:
    """One thing wrong with a definition: what is wrong, and the values involved."""

    message: str
    involved: tuple[object, ...] = ()

    def __str__(self) -> str:
        return self.message


class InvalidDefinition(XingfengError, ValueError):
    """A structure (a calendar, a chain, a plan) is inconsistent.

    Raised when the structure is built, never later.  ``defects`` lists *every* problem
    found, not just the first, so one correction round fixes them all.
    """

    def __init__(self, what: str, defects: Iterable[Defect | str]) -> None:
        self.what = what
        self.defects = tuple(d if isinstance(d, Defect) else Defect(d) for d in defects)
        if not self.defects:
            raise ValueError("InvalidDefinition needs at least one defect")
        lines = "\n".join(f"  - {d}" for d in self.defects)
        count = len(self.defects)
        super().__init__(f"invalid {what} ({count} defect{'s' if count > 1 else ''}):\n{lines}")


class CalendarCoverageError(XingfengError, LookupError):
    """A date falls in a year whose holidays and make-up workdays the calendar does not know.

    ``year`` is the missing year and ``covered`` the years the calendar knows.  Extend the
    calendar with that year's schedule (:meth:`xingfeng.WorkCalendar.extended`) or, if
    Monday-to-Friday is good enough outside the known years, build it with
    ``outside=OutsidePolicy.WEEKDAYS``.
    """

    def __init__(self, year: int, covered: range, calendar: str) -> None:
        self.year = year
        self.covered = covered
        self.calendar = calendar
        known = f"{covered.start}–{covered.stop - 1}" if covered else "no year"
        super().__init__(
            f"calendar {calendar!r} does not know the holidays of {year} (it covers {known}); "
            f"add the {year} schedule with WorkCalendar.extended(...), or choose "
            f"outside=OutsidePolicy.WEEKDAYS to treat unknown years as Monday-to-Friday"
        )


class LoadError(XingfengError, ValueError):
    """Serialized data could not be loaded.

    ``errors`` pairs each JSON path (``$.holidays[2].first``) with what was wrong there.
    """

    def __init__(self, type_name: str, errors: Iterable[tuple[str, str]]) -> None:
        self.type_name = type_name
        self.errors = tuple(errors)
        lines = "\n".join(f"  - {path}: {reason}" for path, reason in self.errors)
        super().__init__(f"cannot load {type_name}:\n{lines}")


class UnknownReference(XingfengError, LookupError):
    """An id names nothing the structure knows.

    ``kind`` is what was looked for (``"unit"``, ``"holder"``), ``value`` the id given and
    ``known`` a few of the ids that would have been accepted.
    """

    def __init__(self, kind: str, value: object, known: Iterable[str]) -> None:
        self.kind = kind
        self.value = value
        self.known = tuple(known)
        sample = ", ".join(repr(k) for k in self.known[:5])
        more = f" and {len(self.known) - 5} more" if len(self.known) > 5 else ""
        accepted = f"one of {sample}{more}" if self.known else f"no {kind} is defined"
        super().__init__(f"unknown {kind} {value!r}: expected {accepted}")


class CommandRefused(XingfengError, ValueError):
    """A command is not allowed in the current state; nothing was recorded or changed.

    ``command`` names the command, ``reason`` says what is wrong and what would be accepted,
    ``value`` is the offending value.
    """

    def __init__(self, command: str, reason: str, value: object = None) -> None:
        self.command = command
        self.reason = reason
        self.value = value
        super().__init__(f"{command} refused: {reason}")


@attrs.frozen
class GateFailure:
    """A gate that does not hold, with the items that fail it."""

    gate: str
    items: tuple[str, ...]

    def __str__(self) -> str:
        shown = ", ".join(self.items[:10]) + (" …" if len(self.items) > 10 else "")
        return f"{self.gate}: {len(self.items)} failing ({shown})"


class GateNotMet(XingfengError, ValueError):
    """A stage cannot close: ``unmet`` lists every failing gate with its items."""

    def __init__(self, stage: str, on: date, unmet: Sequence[GateFailure]) -> None:
        self.stage = stage
        self.on = on
        self.unmet = tuple(unmet)
        lines = "\n".join(f"  - {failure}" for failure in self.unmet)
        super().__init__(f"stage {stage!r} cannot close on {on}:\n{lines}")


class TransitionRefused(CommandRefused):
    """A problem cannot move from its ``current`` state to the ``requested`` one.

    Nothing was recorded.  ``problem`` is the problem's id; both states are
    :class:`~xingfeng.ProblemState` members; ``detail`` says what else stands in the way.
    """

    def __init__(
        self, command: str, problem: str, current: object, requested: object, detail: str = ""
    ) -> None:
        self.problem = problem
        self.current = current
        self.requested = requested
        name = getattr(current, "value", current)
        wanted = getattr(requested, "value", requested)
        more = f" ({detail})" if detail else ""
        super().__init__(
            command,
            f"problem {problem!r} is {name}; it cannot become {wanted} from there{more}",
            problem,
        )


class MissingExtra(XingfengError, ImportError):
    """A feature needs an optional package that is not installed.

    ``feature`` names what was asked for, ``extra`` the xingfeng extra that installs the
    package and ``package`` the package itself (also ``name``, as on any
    :class:`ImportError`).
    """

    def __init__(self, feature: str, *, extra: str, package: str) -> None:
        self.feature = feature
        self.extra = extra
        self.package = package
        super().__init__(
            f"{feature} needs {package}, which is not installed: pip install 'xingfeng[{extra}]'",
            name=package,
        )


class ConcurrencyConflict(XingfengError, RuntimeError):
    """An append expected a stream at one version and found it at another; nothing was
    written.  Load the stream again, redo the command, and save with the new version.

    ``stream`` is the stream's id, ``expected`` the version the append named and ``actual``
    the version the store holds.
    """

    code = "store.conflict"

    def __init__(self, stream: str, expected: int, actual: int) -> None:
        self.stream = stream
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"[{self.code}] 流 {stream!r} 现为第 {actual} 版，本次写入基于第 {expected} 版："
            "请重新读取后再办理"
        )


class StoreError(XingfengError, ValueError):
    """A store refused a request or met stored data it cannot read; nothing was written.

    ``code`` says which (``store.url``, ``store.corrupt``, ``store.unknown-event``,
    ``store.newer-version``, ``store.wrong-aggregate``, ``store.gap``, ``store.expected``,
    ``store.stream``, ``store.events``), ``stream`` and ``position`` (1-based, ``None``
    when not about one event) where, ``value`` the offending value and ``expected`` what
    would be accepted.
    """

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
            raise ValueError(f"unknown store error code {code!r}")
        self.code = code
        self.stream = stream
        self.position = position
        self.value = value
        self.expected = expected
        where = ""
        if stream is not None:
            where = f"流 {stream!r}" + (f" 第 {position} 个事件" if position is not None else "")
            where += "："
        tail = f"（应为：{expected}）" if expected else ""
        super().__init__(f"[{code}] {where}{message}{tail}")
