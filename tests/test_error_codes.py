"""Errors a host can use (issue 18): every error carries a registered code, the offending
value, what would be accepted, a Chinese message that starts with its code, and its English
text; the codes the library uses, the registry and the table in ``docs/errors.md`` agree."""

from __future__ import annotations

import ast
import contextlib
import re
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from unittest import mock

import pendulum
import pytest

import xingfeng
import xingfeng.exceptions as exceptions
from tests.test_campaign import PLAN, START
from xingfeng import (
    Campaign,
    Clock,
    ClockRule,
    Component,
    Holiday,
    Ledger,
    Organization,
    Person,
    QuotaRule,
    Rate,
    ResponsibilityChain,
    Scorecard,
    TimeLimit,
    Unit,
    UnitKind,
    WorkCalendar,
    XingfengError,
    YearSchedule,
    from_json,
    rank,
)
from xingfeng.exceptions import CODES, CommandRefused, InvalidArgument

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "xingfeng"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _subclasses(kind: type) -> Iterator[type]:
    for sub in kind.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _error_classes() -> list[type[XingfengError]]:
    """Every XingfengError class: those in xingfeng.exceptions and any defined elsewhere."""
    with contextlib.suppress(ImportError):  # the store extra is optional
        import xingfeng.store  # noqa: F401
    return [XingfengError, *_subclasses(XingfengError)]


def test_every_error_class_has_a_registered_code() -> None:
    """Each class, in xingfeng.exceptions or elsewhere (TieAtQuota), names a code in CODES."""
    classes = _error_classes()
    names = {c.__name__ for c in classes}
    assert {n for n in exceptions.__all__ if n not in ("CODES", "Defect", "GateFailure")} <= names
    assert "TieAtQuota" in names
    for kind in classes:
        assert kind.code in CODES, kind


CODE = re.compile(r"[a-z]+(-[a-z]+)*(\.[a-z]+(-[a-z]+)*)?")


def _code_places(node: ast.AST) -> list[ast.expr]:
    """Where a code may be written: ``code=...``, ``code = ...``, a store error's first
    argument, and what a function returns (the specific codes a class picks itself)."""
    if isinstance(node, ast.keyword) and node.arg == "code":
        return [node.value]
    if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return [node.value] if any(getattr(t, "id", None) == "code" for t in targets) else []
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "StoreError":
        return node.args[:1]
    if isinstance(node, ast.Return) and node.value is not None:
        return [node.value]
    return []


def _code_literals() -> set[str]:
    """The codes written in the source, and the kinds of UnknownReference with a code."""
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "UnknownReference":
                kind = node.args[0] if node.args else None
                if isinstance(kind, ast.Constant) and f"unknown-reference.{kind.value}" in CODES:
                    found.add(f"unknown-reference.{kind.value}")
            strings = [
                c.value
                for place in _code_places(node)
                for c in ast.walk(place)
                if isinstance(c, ast.Constant) and isinstance(c.value, str)
            ]
            returned = isinstance(node, ast.Return)
            found |= {s for s in strings if CODE.fullmatch(s) and (not returned or s in CODES)}
    return found


def test_the_registry_holds_exactly_the_codes_the_source_uses() -> None:
    """Every code written in the source is registered, and every registered code is used."""
    assert _code_literals() == set(CODES)


def test_the_registry_is_read_only_and_described_in_chinese() -> None:
    """CODES cannot be changed by a host, and each code says what it means in Chinese."""
    with pytest.raises(TypeError):
        CODES["mine"] = "x"  # type: ignore[index]
    assert all(CJK.search(text) for text in CODES.values())
    assert 20 <= len(CODES) <= 60


def test_the_docs_table_lists_exactly_the_registered_codes() -> None:
    """docs/errors.md has one row per code, in the registry's order, with its description."""
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    text = text.split("## The codes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z.-]+)` \| ([^|]+) \|", text, re.MULTILINE)
    assert [code for code, _ in rows] == list(CODES)
    assert all(CODES[code] == meaning.strip() for code, meaning in rows)


def test_an_unregistered_code_fails_fast() -> None:
    """Raising with a code not in CODES, or of another family, is a programming error."""
    with pytest.raises(ValueError, match="未登记"):
        CommandRefused("advance", "原因", code="command-refused.no-such-case")
    with pytest.raises(ValueError, match="未登记"):
        InvalidArgument("n", 1, "整数", code="command-refused.concluded")


# --------------------------------------------------------------------------- a broad sample


def _org() -> Organization:
    return Organization(
        units=[Unit(id="bureau", name="局", kind=UnitKind.ORGANIZATION)],
        people=[Person(id="chief", name="局长")],
        postings=[],
    )


def _campaign() -> Campaign:
    campaign = Campaign.launch(PLAN, at=START, by="chief")
    campaign.record_problem("P", unit="office", title="问题", at=START.add(hours=1), by="chief")
    return campaign


def _concluded_clock() -> None:
    at = pendulum.datetime(2026, 5, 6, 9, tz="Asia/Shanghai")
    done = Clock(rule=ClockRule(limit=TimeLimit.working_days(5)), started=at).complete(
        at.add(days=1)
    )
    done.pause(at.add(days=2), reason="补正")


def _without_openpyxl() -> None:
    with mock.patch.dict(sys.modules, {"openpyxl": None}):
        Ledger.of(_campaign(), on=date(2026, 3, 3)).to_xlsx()


def _tie() -> None:
    rank({"甲": 90, "乙": 80, "丙": 80}).shortlist(QuotaRule(count=2))


#: A public call that is refused, the code it must carry, and whether ``expected`` applies.
SAMPLE: dict[str, tuple[Callable[[], object], str, bool]] = {
    "time limit of no days": (lambda: TimeLimit.working_days(0), "invalid-argument", True),
    "naive datetime": (
        lambda: TimeLimit.working_days(5).due(
            from_=datetime(2026, 5, 6, 9), calendar=WorkCalendar.china()
        ),
        "invalid-argument.naive-datetime",
        True,
    ),
    "float for a score": (
        lambda: Component(name="问卷", points=0.5),  # type: ignore[arg-type]
        "invalid-argument.inexact-number",
        True,
    ),
    "rate over nothing": (
        lambda: Rate(name="满意率", numerator=0, denominator=0),
        "invalid-argument",
        True,
    ),
    "scorecard without components": (
        lambda: Scorecard(components=(), floor=10, ceiling=5),
        "invalid-definition",
        True,
    ),
    "holiday on a weekday": (
        lambda: YearSchedule(
            year=2027,
            holidays=[
                Holiday(
                    name="元旦",
                    first=date(2027, 1, 1),
                    last=date(2027, 1, 3),
                    makeup=[date(2027, 1, 4)],
                )
            ],
        ),
        "invalid-definition",
        True,
    ),
    "year the calendar does not know": (
        lambda: WorkCalendar.china().is_workday(date(2040, 1, 2)),
        "calendar-coverage",
        True,
    ),
    "bad JSON": (lambda: from_json("{", YearSchedule), "load", True),
    "JSON of the wrong shape": (
        lambda: from_json('{"year": 2027, "holidays": 3}', YearSchedule),
        "load",
        True,
    ),
    "unknown unit": (lambda: _org().unit("nowhere"), "unknown-reference.unit", True),
    "unknown person": (lambda: _org().person("nobody"), "unknown-reference.person", True),
    "unknown holder": (
        lambda: ResponsibilityChain(organization=PLAN.chain.organization).chain_of("nobody"),  # type: ignore[union-attr]
        "unknown-reference.holder",
        True,
    ),
    "actor outside the chain": (
        lambda: _campaign().record_problem(
            "Q", unit="office", title="x", at=START.add(hours=2), by="visitor"
        ),
        "command-refused.no-post",
        False,
    ),
    "time running backwards": (
        lambda: _campaign().record_problem("Q", unit="office", title="x", at=START, by="chief"),
        "command-refused.time-order",
        True,
    ),
    "problem id used twice": (
        lambda: _campaign().record_problem(
            "P", unit="office", title="x", at=START.add(hours=2), by="chief"
        ),
        "command-refused.duplicate",
        False,
    ),
    "measure of an unknown problem": (
        lambda: _campaign().add_measure(
            "M",
            problem="X",
            title="措施",
            owner="wen",
            due=date(2026, 3, 20),
            at=START.add(hours=2),
            by="chief",
        ),
        "command-refused.unknown",
        False,
    ),
    "naive moment for a command": (
        lambda: _campaign().record_problem(
            "Q", unit="office", title="x", at=datetime(2026, 3, 3, 9), by="chief"
        ),
        "command-refused.invalid",
        True,
    ),
    "verifying a problem not yet rectified": (
        lambda: _campaign().verify_problem("P", note="核查", at=START.add(hours=2), by="deputy"),
        "transition-refused",
        True,
    ),
    "a stage whose gates are not met": (
        lambda: _campaign().advance(at=START.add(days=1), by="chief"),
        "gate-not-met",
        True,
    ),
    "a clock that has ended": (_concluded_clock, "command-refused.concluded", False),
    "Excel without openpyxl": (_without_openpyxl, "missing-extra", True),
    "a tie across the quota line": (_tie, "tie-at-quota", True),
    "a decimal that is not finite": (
        lambda: Rate(name="满意率", numerator=Decimal("NaN"), denominator=2),  # type: ignore[arg-type]
        "invalid-argument",
        True,
    ),
    "a fraction where a count is wanted": (
        lambda: TimeLimit.working_days(Fraction(1, 2)),  # type: ignore[arg-type]
        "invalid-argument",
        True,
    ),
}


@pytest.mark.parametrize("case", sorted(SAMPLE))
def test_errors_from_public_calls_carry_code_value_expected_and_chinese(case: str) -> None:
    """The refusal's code is registered and of its class's family; the message is Chinese and
    starts with the code; ``expected`` says what would be accepted where anything would;
    ``english`` is a string or None."""
    call, code, expected_applies = SAMPLE[case]

    with pytest.raises(XingfengError) as caught:
        call()

    error = caught.value
    assert error.code == code
    assert code in CODES
    assert code == type(error).code or code.startswith(type(error).code + ".")
    assert str(error).startswith(f"[{code}] ")
    assert CJK.search(str(error))
    assert CJK.search(error.message)
    assert not error.message.startswith("[")
    if expected_applies:
        assert CJK.search(error.expected)
    assert error.english is None or (isinstance(error.english, str) and error.english)
    assert hasattr(error, "value")


def test_errors_that_had_an_english_message_keep_it() -> None:
    """The English text stays available for developers, without the code."""
    with pytest.raises(InvalidArgument) as caught:
        TimeLimit.working_days(0)

    assert caught.value.english == "amount=0 is not accepted: expected at least 1 working_days"
    assert "不被接受" in str(caught.value)


def test_gate_failures_read_in_chinese_with_the_gates_chinese_names() -> None:
    """GateNotMet names the stage by its name and each gate by its Chinese label."""
    with pytest.raises(xingfeng.GateNotMet) as caught:
        _campaign().advance(at=START.add(days=1), by="chief")

    text = str(caught.value)
    assert text.startswith("[gate-not-met] “宣传动员”阶段于 2026-03-03 不能转段")
    assert "  - 计划活动均已开展：" in text
    assert "planned activities held" not in text
    assert all(str(failure).startswith(failure.label) for failure in caught.value.unmet)
