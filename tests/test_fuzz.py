"""Fuzz tests (issue 18, "Bad input"): every public entry point refuses junk with a
:class:`~xingfeng.XingfengError`, and answers within half a second.

The entry points are found, not listed: the constructor and public class methods of every
public class in ``xingfeng.__all__`` and every public function, each fed junk for some of its
parameters (:func:`tests.fuzz_inputs.hostile`) and valid values (from the project's
strategies) for the others, so that the checks behind the first one are reached too.  The
parsers (criteria, time limits, year schedules, regimes, decision tables, labels) get texts
built from their grammars, right and wrong; :func:`~xingfeng.from_json` gets the JSON of
valid values of every value type, mutated, and random text.

Any other exception (``TypeError``, ``KeyError``, ``RecursionError``, a ``ValueError`` that
is not a ``XingfengError`` …) fails, naming where it was raised; so does a call that takes
longer than :data:`BOUND` for inputs of up to a megabyte.  A failing test here is a finding:
it stays until the library is fixed.
"""

from __future__ import annotations

import contextlib
import enum
import inspect
import json
import math
import re
import signal
import subprocess
import sys
import textwrap
import time
import tomllib
import traceback
import types
import typing
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, Phase, assume, given, note, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument as HypothesisInvalidArgument

import xingfeng as xf
from tests import fuzz_inputs as fz
from tests import strategies as s
from xingfeng.campaign import gates as gate_room

#: The most one call may take, for inputs of up to a megabyte.
BOUND = 0.5
#: A call still running after this long is stopped (where Python can stop it) and fails.
WATCHDOG = 5.0

#: The active profile's examples (50 by default, 300 under ``ci``), scaled per test below.
EXAMPLES = settings().max_examples
#: The quick profile reports failures as found; ``ci`` shrinks them to their simplest, which
#: for a campaign or a megabyte input costs seconds per failing test.
QUICK = settings.get_current_profile_name() != "ci"


def scaled(share: float, least: int = 3) -> int:
    return max(least, round(EXAMPLES * share))


#: Phases without shrinking: for the megabyte inputs (each try costs up to a second, and the
#: notes say what failed), for the sweeps (each example lists every failure it met) and for
#: the quick profile's entry-point fuzzing.
_NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)


def fuzz(examples: int) -> settings:
    """Settings for a fuzz test of ``examples`` examples: large inputs are the point here."""
    return settings(
        max_examples=examples,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
            HealthCheck.filter_too_much,
        ],
        deadline=None,
    )


# --------------------------------------------------------------------------- the harness


class Overtime(BaseException):
    """Raised by the watchdog's alarm inside a call that has run too long."""


class Refused:
    """What :func:`call` returns when the library refused with a XingfengError."""

    def __init__(self, error: xf.XingfengError) -> None:
        self.error = error

    def __repr__(self) -> str:
        return f"Refused({type(self.error).__name__})"


def _short(value: object, most: int = 300) -> str:
    try:
        shown = value if isinstance(value, str) else repr(value)
    except Exception as error:  # a repr that fails is itself worth knowing
        shown = f"<repr failed: {type(error).__name__}>"
    return shown if len(shown) <= most else shown[:most] + f"… ({len(shown)} chars)"


def _where(error: BaseException) -> str:
    """The innermost frame in xingfeng's sources that the error passed, else the last."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/src/xingfeng/" in f.filename]
    frame = (ours or frames)[-1]
    path = frame.filename.split("/src/")[-1] if ours else frame.filename
    return f"{path}:{frame.lineno} ({frame.name})"


@contextmanager
def _watchdog(label: str) -> Iterator[None]:
    def alarm(_signum: int, frame: types.FrameType | None) -> None:
        # An exception raised inside a garbage-collector callback (Hypothesis has one) is
        # swallowed; the timer fires again shortly, outside it.
        if frame is not None and frame.f_code.co_name == "gc_callback":
            return
        raise Overtime(label)

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, WATCHDOG, 0.05)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _note(text: str) -> None:
    """``note`` inside a Hypothesis test; nothing outside one (the deterministic tests)."""
    with contextlib.suppress(HypothesisInvalidArgument):
        note(text)


def call(label: str, function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """``function(*args, **kwargs)``: its result, or :class:`Refused` for a XingfengError.

    Fails on any other exception (naming where it was raised) and on a call longer than
    :data:`BOUND`, timed with ``time.perf_counter`` around this one call.  Other tests share
    the machine, so a call over the bound is timed once more and the faster time counts:
    a pause of the machine is not a finding, a slow call is slow twice.  (A call over three
    times the bound is slow, not paused.)
    """
    result, elapsed = _timed(label, function, args, kwargs)
    if BOUND < elapsed <= 3 * BOUND:
        again = _timed(label, function, args, kwargs)[1]
        _note(f"{label}: {elapsed:.3f} s, then {again:.3f} s")
        elapsed = min(elapsed, again)
    assert elapsed <= BOUND, f"{label} took {elapsed:.3f} s (bound {BOUND} s)"
    return result


def _timed(
    label: str, function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, float]:
    with warnings.catch_warnings(record=True) as caught, _watchdog(label):
        warnings.simplefilter("always")
        start = time.perf_counter()
        try:
            result: Any = function(*args, **kwargs)
        except xf.XingfengError as error:
            result = Refused(error)
        except Overtime:
            raise AssertionError(f"{label} was still running after {WATCHDOG} s") from None
        except Exception as error:
            raise AssertionError(
                f"{label} let {type(error).__name__} escape at {_where(error)}: "
                f"{_short(_message(error))}"
            ) from error
        elapsed = time.perf_counter() - start
    for warning in caught:
        _note(f"warning: {_short(warning.message)}")
    return result, elapsed


def _message(error: BaseException) -> str:
    try:
        return str(error)
    except Exception as failure:
        return f"<str() failed: {type(failure).__name__}>"


# --------------------------------------------------------------------------- entry points


@attrs.frozen
class Entry:
    """A public callable, its parameters, their type hints and valid values to start from."""

    name: str
    target: Callable[..., Any]
    params: tuple[inspect.Parameter, ...]
    hints: dict[str, Any]
    base: Any = None  # valid instances of the class, for its constructor

    def __repr__(self) -> str:
        return self.name


def _parameters(target: Callable[..., Any]) -> tuple[inspect.Parameter, ...]:
    try:
        signature = inspect.signature(target)
    except (TypeError, ValueError):
        return ()
    return tuple(p for p in signature.parameters.values() if p.kind is not p.VAR_KEYWORD)


def _entry(name: str, target: Callable[..., Any], base: Any = None) -> Entry:
    return Entry(name, target, _parameters(target), fz.hints_of(target), base)


def _is_alias(value: object) -> bool:
    return isinstance(value, types.UnionType | types.GenericAlias) or typing.get_origin(value) in (
        typing.Union,
        typing.Literal,
    )


def _public_class_methods(cls: type) -> list[str]:
    return [
        name
        for klass in reversed(cls.__mro__)
        if klass.__module__.startswith("xingfeng")
        for name, raw in vars(klass).items()
        if not name.startswith("_") and isinstance(raw, classmethod | staticmethod)
    ]


def entry_points() -> list[Entry]:
    """Every public constructor, public class method and public function of ``xingfeng``.

    Left out, because there is nothing to call: constants (``DEFAULT_ZONE``, the option
    tuples) and type aliases (``Criterion``, ``Effect``, ``Event``, ``FactValue``,
    ``OutputValue``, ``PriorityKey``: their members are fuzzed one by one); the
    ``Gate`` protocol (no constructor of its own; its built-in gates are fuzzed);
    the exception classes (they are what is raised, built by the library itself); and
    the enums' constructors (an enum is looked up, not built: the lookups are fuzzed in
    :func:`test_enum_lookups_refuse_unknown_values`, their ``parse`` methods here).
    """
    known = fz.registry()
    found: list[Entry] = []
    for name in xf.__all__:
        value = getattr(xf, name)
        if _is_alias(value) or not callable(value):
            continue
        if not isinstance(value, type):
            found.append(_entry(name, value))
            continue
        if issubclass(value, BaseException) or getattr(value, "_is_protocol", False):
            continue
        if not issubclass(value, enum.Enum):
            found.append(_entry(name, value, known.get(value) if attrs.has(value) else None))
        for method in dict.fromkeys(_public_class_methods(value)):
            found.append(_entry(f"{name}.{method}", getattr(value, method)))
    return found


ENTRY_POINTS = entry_points()

#: Entry points whose valid arguments take long to draw (campaigns): fewer examples.
_COSTLY = {"campaign_facts", "circular", "evaluate", "stage_report", "Ledger.of"}


@st.composite
def arguments(
    draw: st.DrawFn, entry: Entry, *, corrupt_some: bool = True
) -> tuple[list[Any], dict[str, Any]]:
    """Arguments for ``entry``: valid ones (a valid instance's fields for a constructor, else
    values of the hinted type), with some of them replaced by junk if ``corrupt_some``.
    A parameter without a good guess at a valid value gets junk all the same."""
    names = [p.name for p in entry.params]
    base: dict[str, Any] = {}
    if entry.base is not None and draw(st.integers(min_value=0, max_value=3)):
        instance = draw(entry.base)
        base = {
            field.alias or field.name: getattr(instance, field.name)
            for field in attrs.fields(type(instance))
            if field.init
        }
    count = draw(st.sampled_from([0, 1, 1, 1, 2, len(names)])) if names and corrupt_some else 0
    corrupt = set(draw(st.permutations(names))[:count]) if names else set()
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for param in entry.params:
        valid = fz.values_for(entry.hints[param.name]) if param.name in entry.hints else None
        if param.name in corrupt or (param.name not in base and valid is None):
            chosen: Any = draw(fz.hostile())
        elif param.name in base:
            chosen = base[param.name]
        elif param.kind is param.KEYWORD_ONLY and param.default is not param.empty:
            if draw(st.booleans()):
                continue  # leave it at its default
            chosen = draw(valid)  # type: ignore[arg-type]
        else:
            chosen = draw(valid)  # type: ignore[arg-type]
        if param.kind is param.VAR_POSITIONAL:
            args.extend(chosen if isinstance(chosen, list) else [chosen])
        elif param.kind is param.POSITIONAL_ONLY:
            args.append(chosen)
        else:
            kwargs[param.name] = chosen
    return args, kwargs


@contextmanager
def _gates_restored() -> Iterator[None]:
    """``register_gate`` changes a global registry: put it back as it was."""
    saved = dict(gate_room._REGISTRY)
    try:
        yield
    finally:
        gate_room._REGISTRY.clear()
        gate_room._REGISTRY.update(saved)


def test_every_kind_of_public_name_is_covered() -> None:
    """The enumeration finds the constructors, class methods and functions it should."""
    names = {entry.name for entry in ENTRY_POINTS}
    assert {"Between", "DecisionTable.from_dict", "Regime.from_toml", "parse_limit"} <= names
    assert {"QuotaRounding.parse", "TiePolicy.parse", "WorkCalendar.weekdays"} <= names
    assert {"from_json", "parse_schedules", "parse_criterion"} <= names
    assert len(ENTRY_POINTS) > 180


@pytest.mark.parametrize("entry", ENTRY_POINTS, ids=lambda e: e.name)
def test_entry_point_refuses_junk_with_a_xingfeng_error(entry: Entry) -> None:
    share = 0.04 if entry.name in _COSTLY else 0.12

    @settings(fuzz(scaled(share)), phases=_NO_SHRINK if QUICK else tuple(Phase))
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        args, kwargs = data.draw(arguments(entry), label="arguments")
        with _gates_restored():
            call(entry.name, entry.target, *args, **kwargs)

    _own_examples(run, entry.name)
    run()


def _own_examples(test: Any, key: str) -> None:
    """Keep each parametrized case's saved failures apart in Hypothesis' example database
    (the inner test's source is the same for all of them)."""
    test.hypothesis.inner_test._hypothesis_internal_add_digest = key.encode()


#: One of each kind of value that has made some entry point fail, put in every parameter
#: of every entry point in turn by :func:`test_entry_point_sweep`.
NASTY: dict[str, Any] = {
    "None": None,
    "True": True,
    "a 4401-digit int": fz.HUGE_INT,
    "float NaN": math.nan,
    "Decimal sNaN": Decimal("sNaN"),
    "Decimal 1e4000": Decimal("1e4000"),
    "[[1]]": [[1]],
    "{'a': 1}": {"a": 1},
    "date.max": date.max,
    "a naive datetime": datetime(2026, 5, 6, 9),
    "''": "",
    "b'\\xff'": b"\xff",
    "a 1 MB text": fz.blobs()[0],
    "a list 200 deep": fz.nested(200),
}


@pytest.mark.parametrize("entry", ENTRY_POINTS, ids=lambda e: e.name)
def test_entry_point_sweep(entry: Entry) -> None:
    """Valid arguments, then each of :data:`NASTY` in each parameter in turn: every
    distinct failure is listed."""

    # No shrinking: each example is a whole sweep, and the failures it lists are the point.
    @settings(fuzz(scaled(0.04, least=1)), phases=_NO_SHRINK)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        args, kwargs = data.draw(arguments(entry, corrupt_some=False), label="arguments")
        failures: dict[str, str] = {}
        for index, param in enumerate(entry.params):
            for label, value in NASTY.items():
                tried_args, tried_kwargs = list(args), dict(kwargs)
                if param.kind is param.VAR_POSITIONAL:
                    tried_args.append(value)
                elif param.kind is param.POSITIONAL_ONLY:
                    tried_args[index] = value
                else:
                    tried_kwargs[param.name] = value
                try:
                    with _gates_restored():
                        call(entry.name, entry.target, *tried_args, **tried_kwargs)
                except AssertionError as failure:
                    cause = failure.__cause__
                    kind = (type(cause).__name__, _where(cause)) if cause else (str(failure), "")
                    failures.setdefault(repr(kind), f"{param.name}={label}: {failure}")
        assert not failures, "\n".join(failures.values())

    _own_examples(run, entry.name)
    run()


# --------------------------------------------------------------------------- enums and labels

ENUMS = [
    value
    for name in xf.__all__
    if isinstance(value := getattr(xf, name), type) and issubclass(value, enum.Enum)
]


def _spellings(kind: type[enum.Enum]) -> list[str]:
    return [
        spelled
        for member in kind
        for spelled in (member.value, member.name, getattr(member, "label", member.name))
    ]


@fuzz(scaled(1.0))
@given(
    kind=st.sampled_from(ENUMS),
    value=st.one_of(
        fz.hostile(),
        st.sampled_from(fz.ODD_TEXTS),
        st.sampled_from([s for kind in ENUMS for s in _spellings(kind)]).map(lambda t: t + "x"),
    ),
)
def test_enum_lookups_refuse_unknown_values(kind: type[enum.Enum], value: object) -> None:
    """An enum looked up by value (as ``from_json`` and hosts do) refuses what is not one."""
    if isinstance(value, kind) or any(_same(value, m.value) for m in kind):
        return
    call(f"{kind.__name__}({_short(value, 40)})", kind, value)


def _same(value: object, other: object) -> bool:
    try:
        return bool(value == other)
    except Exception:
        return False


PARSED_ENUMS = [kind for kind in ENUMS if callable(getattr(kind, "parse", None))]


@pytest.mark.parametrize("kind", PARSED_ENUMS, ids=lambda k: k.__name__)
def test_labels_read_back(kind: Any) -> None:
    """``parse`` reads every member back from its label, value and name, padded or not."""
    for member in kind:
        for spelled in (member.label, member.value, member.name, f" {member.label}\u3000"):
            assert call(f"{kind.__name__}.parse", kind.parse, spelled) is member


@pytest.mark.parametrize("kind", PARSED_ENUMS, ids=lambda k: k.__name__)
@fuzz(scaled(0.5))
@given(
    value=st.one_of(
        fz.hostile(),
        st.sampled_from(fz.ODD_TEXTS),
        st.builds(
            lambda label, cut, extra: label[:cut] + extra,
            st.sampled_from([s for kind in ENUMS for s in _spellings(kind)]),
            st.integers(min_value=0, max_value=6),
            st.sampled_from(["", "x", "😀", "\ud800", " ", "\x00", "取整"]),
        ),
    )
)
def test_mangled_labels_are_refused(kind: Any, value: object) -> None:
    result = call(f"{kind.__name__}.parse", kind.parse, value)
    if not isinstance(result, Refused):
        assert isinstance(result, kind)
        assert isinstance(value, kind) or value.strip() in _spellings(kind)  # type: ignore[union-attr]


# --------------------------------------------------------------------------- criteria

#: The characters that begin an operator; a bare text beginning with one is a mistyped
#: operator, never a text (``decisions.py`` quotes such texts when it writes them).
OPERATOR_CHARS = frozenset("<>=!≤≥≠＜＞＝！")


def _texts_in(criterion: object) -> list[str]:
    if isinstance(criterion, xf.Compare) and isinstance(criterion.value, str):
        return [criterion.value]
    if isinstance(criterion, xf.OneOf):
        return [v for v in criterion.values if isinstance(v, str)]
    return []


@fuzz(scaled(4.0, least=100))
@given(text=fz.criterion_texts)
def test_parse_criterion(text: str) -> None:
    """Refused with InvalidArgument, or read as a criterion whose label reads back as it,
    and never a mistyped operator taken silently for a text."""
    result = call("parse_criterion", xf.parse_criterion, text)
    if isinstance(result, Refused):
        assert isinstance(result.error, xf.InvalidArgument)
        return
    again = call("parse_criterion(label)", xf.parse_criterion, result.label)
    assert again == result, f"{result.label!r} reads back as {again!r}, not {result!r}"
    for value in _texts_in(result):
        assert value[:1] not in OPERATOR_CHARS or f'"{value}"' in text, (
            f"{text!r} was read as the text {value!r}: a mistyped operator taken silently"
        )


MISTYPED = [
    "=> 3",
    "=< 3",
    "<> 3",
    ">< 3",
    "=! 3",
    "≥= 3",
    "=≥ 3",
    "= > 3",
    "== <3",
    "!= =3",
    "= ＞3",
    "＝ ＞ 3",
    "= ＜ 3",
    "≠ ＝3",
    "＝ ！3",
    "in > 3",
    "in >= 3, 5",
    "in 1, ＜3",
    "∈ {<3}",
    "∈ {≥ 3, 4}",
]


@pytest.mark.parametrize("text", MISTYPED)
def test_a_mistyped_operator_is_refused_not_read_as_text(text: str) -> None:
    """``decisions.py`` refuses ``=> 3`` rather than compare with the text ``> 3``; the same
    slip typed with full-width operators, or inside a set, is refused too."""
    result = call("parse_criterion", xf.parse_criterion, text)
    assert isinstance(result, Refused), f"{text!r} was accepted as {result!r}"


@fuzz(scaled(1.0))
@given(
    first=st.sampled_from(["=", "==", "!=", "≠", "<", "<=", "≤", ">", ">=", "≥", "＝", "＞", "＜"]),
    second=st.sampled_from(sorted(OPERATOR_CHARS)),
    gap=st.sampled_from(["", " ", "\u3000"]),
    number=st.sampled_from(["3", "-2.5", "1/3", "６０"]),
)
def test_two_operators_in_a_row_are_refused(first: str, second: str, gap: str, number: str) -> None:
    text = f"{first}{gap}{second} {number}"
    head = (first + gap + second)[:2].translate(str.maketrans("＜＞＝！", "<>=!"))
    if gap == "" and len(first) == 1 and head in ("==", "!=", "<=", ">="):
        return  # a real two-character operator
    result = call("parse_criterion", xf.parse_criterion, text)
    assert isinstance(result, Refused), f"{text!r} was accepted as {result!r}"


# --------------------------------------------------------------------------- time limits


@fuzz(scaled(3.0, least=100))
@given(text=fz.limit_texts)
def test_parse_limit(text: str) -> None:
    """Refused with InvalidArgument, or a limit of at least 1 whose label reads back."""
    result = call("parse_limit", xf.parse_limit, text)
    if isinstance(result, Refused):
        assert isinstance(result.error, xf.InvalidArgument)
        return
    assert result.unit is xf.LimitUnit.SAME_DAY or result.amount >= 1
    assert call("parse_limit(label)", xf.parse_limit, result.label) == result


@fuzz(scaled(1.0))
@given(limit=s.time_limits)
def test_limit_labels_read_back(limit: xf.TimeLimit) -> None:
    assert call("parse_limit", xf.parse_limit, limit.label) == limit


# --------------------------------------------------------------------------- year schedules


@st.composite
def schedule_texts(draw: st.DrawFn) -> tuple[str, str]:
    """A (format, text) pair: a valid schedule file mutated, a stress document, or noise."""
    fmt = draw(st.sampled_from(["toml", "json"]))
    how = draw(st.sampled_from(["mutated", "mutated", "mutated", "raw", "noise"]))
    if how == "raw":
        pool = fz.raw_toml_documents() if fmt == "toml" else fz.raw_json_documents()
        return fmt, draw(st.sampled_from(pool))
    if how == "noise":
        return fmt, draw(st.text(st.characters(exclude_categories=()), max_size=60))
    years = draw(st.lists(s.year_schedules(draw(st.integers(2030, 2035))), min_size=1, max_size=2))
    data: Any = json.loads(xf.to_json(years[0]))
    if len(years) > 1 or draw(st.booleans()):
        data = {"years": [json.loads(xf.to_json(y)) for y in years]}
    text = fz.mutate_json(json.dumps(data), draw(fz.mutations), None)
    if fmt == "toml":
        text = fz.emit_toml(_plain_data(text))
    cut = draw(st.none() | st.integers(min_value=0))
    text = text if cut is None else text[: cut % (len(text) + 1)]
    return fmt, fz.Blob(text) if len(text) > 500 else text


def _plain_data(text: str) -> Any:
    """JSON text as data for the TOML writer; numbers JSON cannot hold become strings."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return {"year": text[:50]}


@fuzz(scaled(2.0, least=60))
@given(case=schedule_texts())
def test_parse_schedules(case: tuple[str, str]) -> None:
    fmt, text = case
    note(f"{fmt}: {_short(text, 2000)}")
    result = call(f"parse_schedules(format={fmt!r})", xf.parse_schedules, text, format=fmt)
    if not isinstance(result, Refused):
        assert isinstance(result, tuple)
        assert all(isinstance(y, xf.YearSchedule) for y in result)


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_parse_schedules_stress_documents(fmt: str) -> None:
    """Every stress document at once, for a clear record of which fail."""
    pool = fz.raw_toml_documents() if fmt == "toml" else fz.raw_json_documents()
    failures = []
    for text in pool:
        try:
            call(f"parse_schedules(format={fmt!r})", xf.parse_schedules, text, format=fmt)
        except AssertionError as failure:
            failures.append(f"{text!r}: {failure}")
    assert not failures, "\n".join(failures)


# --------------------------------------------------------------------------- regimes


def _regime_data() -> list[dict[str, Any]]:
    paths = sorted((fz.ROOT / "examples" / "regimes").glob("*.toml"))
    return [tomllib.loads(p.read_text(encoding="utf-8")) for p in paths]


REGIME_DATA = _regime_data()


@fuzz(scaled(2.0, least=60))
@given(
    which=st.integers(min_value=0, max_value=len(REGIME_DATA) - 1),
    changes=fz.mutations,
    loader=st.sampled_from(["from_mapping", "from_json", "from_toml"]),
    cut=st.none() | st.integers(min_value=0),
)
def test_regime_loaders(
    which: int, changes: list[fz.Mutation], loader: str, cut: int | None
) -> None:
    """A published regime, mutated, through each loader: refused or built, never a crash."""
    text = fz.mutate_json(json.dumps(REGIME_DATA[which], ensure_ascii=False), changes, None)
    if loader == "from_mapping":
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            assume(False)
        call("Regime.from_mapping", xf.Regime.from_mapping, data)
        return
    if loader == "from_toml":
        text = fz.emit_toml(_plain_data(text))
    if cut is not None:
        text = text[: cut % (len(text) + 1)]
    note(_short(text, 2000))
    call(f"Regime.{loader}", getattr(xf.Regime, loader), fz.Blob(text))


@pytest.mark.parametrize("loader", ["from_json", "from_toml"])
def test_regime_loaders_stress_documents(loader: str) -> None:
    pool = fz.raw_toml_documents() if loader == "from_toml" else fz.raw_json_documents()
    failures = []
    for text in pool:
        try:
            call(f"Regime.{loader}", getattr(xf.Regime, loader), text)
        except AssertionError as failure:
            failures.append(f"{text!r}: {failure}")
    assert not failures, "\n".join(failures)


# --------------------------------------------------------------------------- decision tables


@st.composite
def table_data(draw: st.DrawFn) -> Any:
    """What ``DecisionTable.from_dict`` may be given: a valid table's dict mutated, the
    project's table-like dicts, or junk."""
    how = draw(st.sampled_from(["mutated", "mutated", "like", "junk"]))
    if how == "like":
        return draw(s.table_like)
    if how == "junk":
        return draw(fz.hostile())
    table = draw(s.decision_tables)
    text = json.dumps(table.to_dict(), ensure_ascii=False, default=str)
    mutated = fz.mutate_json(text, draw(fz.mutations), None)
    try:
        return json.loads(mutated)
    except (ValueError, RecursionError):
        return mutated  # a text where a mapping belongs is junk too


@fuzz(scaled(2.0, least=60))
@given(data=table_data())
def test_decision_table_from_dict(data: Any) -> None:
    result = call("DecisionTable.from_dict", xf.DecisionTable.from_dict, data)
    if not isinstance(result, Refused):
        assert isinstance(result, xf.DecisionTable)
        assert call("from_dict(to_dict())", xf.DecisionTable.from_dict, result.to_dict()) == result


# --------------------------------------------------------------------------- calendars


@fuzz(scaled(1.0))
@given(
    calendar=s.calendars(),
    schedules=st.lists(st.one_of(s.year_schedules(2041), fz.hostile()), max_size=3),
    zone=st.one_of(st.sampled_from(s.ZONES), fz.hostile()),
    policy=st.one_of(st.sampled_from(xf.OutsidePolicy), fz.hostile()),
)
def test_work_calendar_loaders(
    calendar: xf.WorkCalendar, schedules: list[Any], zone: Any, policy: Any
) -> None:
    call("WorkCalendar.weekdays", xf.WorkCalendar.weekdays, zone=zone)
    call("WorkCalendar.extended", calendar.extended, *schedules)
    call("WorkCalendar.with_outside", calendar.with_outside, policy)


# --------------------------------------------------------------------------- from_json

#: Every public value type: the attrs classes, named tuples and enums, and the unions that
#: are written tagged.  ``Campaign``, ``WorkItem`` and ``DueBoard`` are not values (they
#: are rebuilt from their events, which are); the exceptions are not written.
VALUE_TYPES: list[Any] = [
    value
    for name in xf.__all__
    if isinstance(value := getattr(xf, name), type)
    and not issubclass(value, BaseException)
    and (attrs.has(value) or issubclass(value, enum.Enum) or hasattr(value, "_fields"))
] + [xf.Criterion, xf.Effect, xf.Event, xf.Gate]


def _type_name(kind: Any) -> str:
    return getattr(kind, "__name__", None) or repr(kind)


def _valid_values(kind: Any) -> Any:
    known = fz.registry()
    if kind in known:
        return known[kind]
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return st.sampled_from(list(kind))
    return fz.values_for(kind)


@st.composite
def json_texts(draw: st.DrawFn, kind: Any) -> str:
    """The JSON of a valid ``kind`` mutated (and at times cut short), or noise."""
    valid = _valid_values(kind)
    how = draw(st.sampled_from(["mutated"] * 6 + ["raw", "noise"]))
    if how == "mutated" and valid is not None:
        value = draw(valid)
        try:
            text = xf.to_json(value)
        except xf.XingfengError:
            text = None
        if text is not None:
            changes = draw(fz.mutations)
            cut = draw(st.none() | st.none() | st.integers(min_value=0))
            mutated = fz.mutate_json(text, changes, cut)
            return fz.Blob(mutated) if len(mutated) > 500 else mutated
    if how == "raw":
        return draw(st.sampled_from(fz.raw_json_documents()))
    return draw(
        st.one_of(
            s.json_values.map(lambda v: json.dumps(v)),
            st.text(st.characters(exclude_categories=()), max_size=40),
        )
    )


@pytest.mark.parametrize("kind", VALUE_TYPES, ids=_type_name)
def test_from_json(kind: Any) -> None:
    @fuzz(scaled(0.2))
    @given(text=json_texts(kind))
    def run(text: str) -> None:
        note(_short(text, 2000))
        result = call(f"from_json(…, {_type_name(kind)})", xf.from_json, text, kind)
        if isinstance(result, Refused):
            assert isinstance(result.error, xf.LoadError)

    _own_examples(run, _type_name(kind))
    run()


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


@pytest.mark.parametrize("kind", VALUE_TYPES, ids=_type_name)
def test_from_json_stress_documents(kind: Any) -> None:
    """Each stress document that is JSON, as a ``kind`` (the megabyte ones, and those that
    are not JSON, are read before the type matters: :func:`test_from_json_whole_documents`)."""
    failures = []
    for raw in fz.raw_values():
        text = fz.Blob(raw.text)
        if not _parses(text):
            continue
        try:
            result = call(f"from_json(…, {_type_name(kind)})", xf.from_json, text, kind)
            assert not isinstance(result, Refused) or isinstance(result.error, xf.LoadError)
        except AssertionError as failure:
            failures.append(f"{text!r}: {failure}")
    assert not failures, "\n".join(failures)


#: A list of 20 000 wrong items (a 40 kB document) where a type expects a list of records.
LONG_LISTS = {
    "Ledger.problems": (xf.Ledger, "problems"),
    "Organization.units": (xf.Organization, "units"),
}


@pytest.mark.parametrize("where", LONG_LISTS)
def test_from_json_of_a_long_list_of_wrong_items(where: str) -> None:
    kind, field = LONG_LISTS[where]
    text = json.dumps({field: [1] * 20_000})
    call(f"from_json(…, {kind.__name__}) with 20 000 ints in {field}", xf.from_json, text, kind)


@pytest.mark.parametrize("kind", [xf.TimeLimit, xf.CampaignPlan, xf.Criterion])
def test_from_json_whole_documents(kind: Any) -> None:
    failures = []
    for text in fz.raw_json_documents():
        try:
            result = call(f"from_json(…, {_type_name(kind)})", xf.from_json, text, kind)
            assert not isinstance(result, Refused) or isinstance(result.error, xf.LoadError)
        except AssertionError as failure:
            failures.append(f"{text!r}: {failure}")
    assert not failures, "\n".join(failures)


@st.composite
def heavy_cases(draw: st.DrawFn) -> tuple[str, Any, str]:
    """(loader, type, text): a valid document of some loader with a megabyte value in it."""
    loader = draw(st.sampled_from(["from_json", "from_json", "regime", "schedules", "table"]))
    if loader == "regime":
        base = json.dumps(draw(st.sampled_from(REGIME_DATA)), ensure_ascii=False)
        kind: Any = xf.Regime
    elif loader == "schedules":
        base = xf.to_json(draw(s.year_schedules(2031)))
        kind = xf.YearSchedule
    elif loader == "table":
        base = json.dumps(draw(s.decision_tables).to_dict(), ensure_ascii=False, default=str)
        kind = xf.DecisionTable
    else:
        kind = draw(st.sampled_from([k for k in VALUE_TYPES if k in fz.registry()]))
        try:
            base = xf.to_json(draw(fz.registry()[kind]))
        except xf.XingfengError:
            base = "{}"
    return loader, kind, fz.Blob(fz.mutate_json(base, draw(fz.heavy_mutations), None))


@settings(fuzz(scaled(0.1, least=4)), phases=_NO_SHRINK)
@given(case=heavy_cases())
def test_documents_of_a_megabyte(case: tuple[str, Any, str]) -> None:
    """A megabyte value (a long text, 200 000 items, 50 000 keys) inside a valid document,
    through each loader: refused or loaded within the bound."""
    loader, kind, text = case
    note(f"{loader} {_type_name(kind)}: {len(text)} chars: {_short(text, 1500)}")
    blob = fz.Blob(text)
    if loader == "from_json":
        call(f"from_json(…, {_type_name(kind)})", xf.from_json, blob, kind)
    elif loader == "regime":
        call("Regime.from_json", xf.Regime.from_json, blob)
        call("Regime.from_toml", xf.Regime.from_toml, fz.Blob(fz.emit_toml(_plain_data(text))))
    elif loader == "schedules":
        call("parse_schedules(format='json')", xf.parse_schedules, blob, format="json")
        toml = fz.Blob(fz.emit_toml(_plain_data(text)))
        call("parse_schedules(format='toml')", xf.parse_schedules, toml, format="toml")
    else:
        call("DecisionTable.from_dict", xf.DecisionTable.from_dict, _plain_data(text))


# --------------------------------------------------------------------------- 1e999999999

#: Calls given ``Decimal("1e999999999")``, a finite Decimal a host gets from
#: ``Decimal(user_text)``.  Turning it into an exact Fraction computes 10**999999999 in C,
#: which no signal interrupts, so each runs in a child process that is killed if it
#: overruns.
HUGE_EXPONENT_CALLS = {
    "Between": "xf.Between(low=0, high=D)",
    "Compare.matches": "xf.Compare(op=xf.Op.GE, value=D).matches(1)",
    "Component": "xf.Component(name='a', points=D)",
    "check_breakdown": "xf.check_breakdown(D, {'a': 1})",
    "rank": "xf.rank({'a': D, 'b': 1})",
    "display": "xf.display(D)",
}
_CHILD = textwrap.dedent(
    """
    import json, sys, time
    from decimal import Decimal
    import xingfeng as xf
    D = Decimal("1e999999999")
    start = time.perf_counter()
    try:
        {call}
        outcome = "returned"
    except xf.XingfengError as error:
        outcome = "refused"
    except Exception as error:
        outcome = f"{{type(error).__name__}}: {{str(error)[:200]}}"
    print(json.dumps({{"elapsed": time.perf_counter() - start, "outcome": outcome}}))
    """
)
#: How long the children may run in all (they start together, on however many cores).
_CHILDREN_DEADLINE = 5.0


@pytest.fixture(scope="module")
def huge_exponent_outcomes() -> dict[str, dict[str, Any] | None]:
    children = {
        name: subprocess.Popen(
            [sys.executable, "-c", _CHILD.format(call=code)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, code in HUGE_EXPONENT_CALLS.items()
    }
    deadline = time.monotonic() + _CHILDREN_DEADLINE
    outcomes: dict[str, dict[str, Any] | None] = {}
    for name, child in children.items():
        try:
            out, _ = child.communicate(timeout=max(0.1, deadline - time.monotonic()))
            outcomes[name] = json.loads(out.strip().splitlines()[-1])
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            outcomes[name] = None
    return outcomes


@pytest.mark.parametrize("name", HUGE_EXPONENT_CALLS)
def test_a_huge_exponent_is_refused_quickly(
    name: str, huge_exponent_outcomes: dict[str, dict[str, Any] | None]
) -> None:
    outcome = huge_exponent_outcomes[name]
    code = re.sub(r"\bD\b", 'Decimal("1e999999999")', HUGE_EXPONENT_CALLS[name])
    assert outcome is not None, f"{code} had not returned after {_CHILDREN_DEADLINE} s"
    assert outcome["outcome"] in ("returned", "refused"), f"{code}: {outcome['outcome']}"
    assert outcome["elapsed"] <= BOUND, f"{code} took {outcome['elapsed']:.2f} s"


# --------------------------------------------------------------------------- odds and ends


def test_harness_catches_what_escapes() -> None:
    """The harness itself: a TypeError fails, a XingfengError is a refusal, time is bounded."""
    with pytest.raises(AssertionError, match="TypeError"):
        call("len", len, 1)
    refused = call("parse_limit", xf.parse_limit, "junk")
    assert isinstance(refused, Refused)
    with pytest.raises(AssertionError, match="bound"):
        call("sleep", time.sleep, BOUND + 0.05)
    assert math.isclose(call("abs", abs, -1.5), 1.5)
    assert call("date", date, 2026, 5, 6) == date(2026, 5, 6)
